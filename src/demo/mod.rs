//! The demo agency: fixtures/demo.toml, embedded, with dates relative to today so
//! the demo always shows workers at every stage of the service.

pub mod cache;
pub mod handover;
pub mod plans;
pub mod reports;
pub mod selfreports;

use std::collections::BTreeMap;

use chrono::{Datelike, Days, Months, NaiveDate, NaiveTime};
use serde::Deserialize;
use std::path::Path;

use tempfile::TempDir;

use crate::checklists::Catalogue;
use crate::domain::checklist::{self, Assessment, Instrument, Respondent};
use crate::domain::plan::Plan;
use crate::domain::report::Report;
use crate::domain::schedule::{self, ContactFact, DashboardItem, ReportFact};
use crate::domain::{
    Category, Contact, Disclosure, Layer, Mode, Participant, Person, PlanReview, ServiceType,
    Status, Worker, validate,
};
use crate::error::{Error, Result, Task, io_error};
use crate::i18n::{self, Lang, invalid_message};
use crate::store::{self, Store};

/// The demo data shipped in the binary.
pub const DEMO_TOML: &str = include_str!("../../fixtures/demo.toml");

/// The demo workers' checklist assessments, keyed by display name.
pub const DEMO_ASSESSMENTS_TOML: &str = include_str!("../../fixtures/demo_assessments.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Fixture {
    agency: FixtureAgency,
    worker: Vec<FixtureWorker>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // the agency name is documentation for now
struct FixtureAgency {
    name: String,
    staff: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FixtureWorker {
    display_name: String,
    kana: String,
    #[serde(default)]
    employer: String,
    #[serde(default)]
    workplace: String,
    #[serde(default)]
    job: String,
    #[serde(default)]
    categories: Vec<Category>,
    disclosure: Disclosure,
    hired_months_ago: u32,
    hire_day: Option<u32>,
    #[serde(default = "standard")]
    service_type: ServiceType,
    anchor_months_ago: Option<u32>,
    status: Option<Status>,
    #[serde(default)]
    staff: String,
    #[serde(default)]
    memo: String,
    #[serde(default)]
    person: Vec<FixturePerson>,
    #[serde(default)]
    contact: Vec<FixtureContact>,
}

fn standard() -> ServiceType {
    ServiceType::Standard
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FixturePerson {
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    organisation: String,
    layer: Layer,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    note: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FixtureContact {
    days_ago: u64,
    start: Option<String>,
    minutes: Option<u32>,
    mode: Mode,
    #[serde(default)]
    participants: Vec<Participant>,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    next_action: String,
    next_due_in_days: Option<u64>,
    #[serde(default)]
    recorded_by: String,
}

/// `months` before `today`, on `day` of that month (clamped to its last day).
fn months_ago(today: NaiveDate, months: u32, day: u32) -> Option<NaiveDate> {
    let first = today.with_day(1)?.checked_sub_months(Months::new(months))?;
    let last_day = first.checked_add_months(Months::new(1))?.pred_opt()?.day();
    first.with_day(day.clamp(1, last_day))
}

fn fixture_error(detail: impl Into<String>) -> Error {
    Error::Fixture {
        detail: detail.into(),
    }
}

/// The demo agency's records for one day: built from the fixtures and checked
/// by the same rules as user input, not yet stored. Pure, so the demo can be
/// checked on hundreds of days quickly.
#[derive(Debug, Default)]
pub struct Agency {
    pub workers: Vec<Worker>,
    pub people: Vec<Person>,
    pub contacts: Vec<Contact>,
    pub reviews: Vec<PlanReview>,
    /// Support plan versions, oldest first per worker.
    pub plans: Vec<Plan>,
    pub reports: Vec<Report>,
    pub decisions: Vec<crate::domain::handover::HandoverDecision>,
    pub sharings: Vec<crate::domain::handover::Sharing>,
}

impl Agency {
    /// The dashboard on `today`, computed from these records without a
    /// database (the same rules `Store::dashboard` applies to stored ones).
    pub fn dashboard(&self, today: NaiveDate) -> Vec<DashboardItem> {
        use crate::domain::follow_up::{self, FollowUpFact};
        let mut actions = std::collections::HashMap::new();
        let per_worker: Vec<_> = self
            .workers
            .iter()
            .map(|w| {
                let contacts: Vec<ContactFact> = self
                    .contacts
                    .iter()
                    .filter(|c| c.worker_id == w.id)
                    .map(ContactFact::from)
                    .collect();
                let reviews: Vec<NaiveDate> = self
                    .plans
                    .iter()
                    .filter(|p| p.version.worker_id == w.id)
                    .map(|p| p.version.date)
                    .collect();
                let reports: Vec<ReportFact> = self
                    .reports
                    .iter()
                    .filter(|r| r.worker_id == w.id)
                    .map(ReportFact::from)
                    .collect();
                let handover = schedule::HandoverFacts {
                    needs_support: crate::domain::handover::current_decision(
                        &self
                            .decisions
                            .iter()
                            .filter(|d| d.worker_id == w.id)
                            .cloned()
                            .collect::<Vec<_>>(),
                    )
                    .map(|d| d.needs_support),
                    shared_on: self
                        .sharings
                        .iter()
                        .filter(|s| {
                            s.worker_id == w.id
                                && s.counts(self.people.iter().find(|p| p.id == s.person_id), w)
                        })
                        .map(|s| s.date)
                        .collect(),
                };
                let mut items =
                    schedule::duties(w, &contacts, &reviews, &reports, &handover, today);
                let follow_ups: Vec<FollowUpFact> = self
                    .contacts
                    .iter()
                    .filter(|c| c.worker_id == w.id)
                    .map(FollowUpFact::from)
                    .collect();
                follow_up::add(w, &follow_ups, today, &mut items, &mut actions);
                (w, items)
            })
            .collect();
        let mut board = schedule::dashboard(per_worker);
        follow_up::fill(&mut board, actions);
        board
    }

    /// Writes every record in one transaction.
    pub fn store_in(&self, store: &mut Store) -> Result<()> {
        self.store_workers(store)?;
        self.store_plans_and_reports(store)
    }

    /// Workers, each followed by its people and contacts (the order the
    /// search's newest-first scan sees), in one transaction.
    fn store_workers(&self, store: &mut Store) -> Result<()> {
        store.write(|tx| {
            for w in &self.workers {
                tx.insert(w)?;
                for p in self.people.iter().filter(|p| p.worker_id == w.id) {
                    tx.insert(p)?;
                }
                for c in self.contacts.iter().filter(|c| c.worker_id == w.id) {
                    tx.insert(c)?;
                }
            }
            Ok(())
        })
    }

    fn store_plans_and_reports(&self, store: &mut Store) -> Result<()> {
        store.write(|tx| {
            for r in &self.reviews {
                tx.insert(r)?;
            }
            for r in &self.reports {
                tx.insert(r)?;
            }
            for p in &self.plans {
                tx.insert(&p.version)?;
                for g in &p.goals {
                    tx.insert(g)?;
                }
                for e in &p.evaluations {
                    tx.insert(e)?;
                }
            }
            for d in &self.decisions {
                tx.insert(d)?;
            }
            for s in &self.sharings {
                tx.insert(s)?;
            }
            Ok(())
        })
    }
}

/// The demo's fixtures, parsed once; [`Fixtures::on`] dates them.
pub struct Fixtures {
    agency: Fixture,
    reports: crate::demo::reports::Fixture,
    plans: crate::demo::plans::Fixture,
}

impl Fixtures {
    /// The fixtures shipped in the binary.
    pub fn builtin() -> Result<Fixtures> {
        Fixtures::parse(DEMO_TOML, crate::demo::reports::DEMO_REPORTS_TOML)
    }

    pub fn parse(agency: &str, reports: &str) -> Result<Fixtures> {
        Ok(Fixtures {
            agency: toml::from_str(agency).map_err(|e| fixture_error(e.to_string()))?,
            reports: crate::demo::reports::parse(reports)?,
            plans: crate::demo::plans::parse(crate::demo::plans::DEMO_PLANS_TOML)?,
        })
    }

    /// Workers, people, contacts, plan reviews and reports as of `today`.
    pub fn on(&self, today: NaiveDate) -> Result<Agency> {
        let mut agency = build(&self.agency, today)?;
        let (reviews, reports) =
            crate::demo::reports::build(&self.reports, &agency.workers, &agency.contacts, today)?;
        agency.reviews = reviews;
        agency.reports = reports;
        agency.plans = crate::demo::plans::build(&self.plans, &agency.workers, today)?;
        let (decisions, sharings) =
            crate::demo::handover::build(&agency.workers, &agency.people, today);
        agency.decisions = decisions;
        agency.sharings = sharings;
        Ok(agency)
    }
}

/// Loads demo data from `text` into `store`, all in one transaction, with every
/// record checked by the same rules as user input.
pub fn load(store: &mut Store, text: &str, today: NaiveDate) -> Result<usize> {
    let fixture: Fixture = toml::from_str(text).map_err(|e| fixture_error(e.to_string()))?;
    let agency = build(&fixture, today)?;
    agency.store_workers(store)?;
    Ok(agency.workers.len())
}

/// Workers, people and contacts of the fixture, dated from `today`.
fn build(fixture: &Fixture, today: NaiveDate) -> Result<Agency> {
    let staff = &fixture.agency.staff;
    let mut out = Agency::default();
    for fw in &fixture.worker {
        let bad_date = || fixture_error(format!("{}: date out of range", fw.display_name));
        let hire = months_ago(today, fw.hired_months_ago, fw.hire_day.unwrap_or(1))
            .ok_or_else(bad_date)?;
        let anchor = fw
            .anchor_months_ago
            .map(|m| months_ago(today, m, 1).ok_or_else(bad_date))
            .transpose()?;
        let mut w = Worker::new(store::new_id(), fw.display_name.clone());
        w.kana = fw.kana.clone();
        w.employer = fw.employer.clone();
        w.workplace = fw.workplace.clone();
        w.job = fw.job.clone();
        w.categories = fw.categories.clone();
        w.disclosure = fw.disclosure;
        w.hire_date = Some(hire);
        w.service_type = fw.service_type;
        w.anchor_date = anchor;
        w.staff = fw.staff.clone();
        w.memo = fw.memo.clone();
        w.status = fw.status.unwrap_or_else(|| w.status_on(today));
        let invalid = |e| {
            fixture_error(format!(
                "{}: {}",
                fw.display_name,
                invalid_message(&e, Lang::En)
            ))
        };
        validate::worker(&w).map_err(invalid)?;
        if !w.staff.is_empty() && !staff.contains(&w.staff) {
            return Err(fixture_error(format!(
                "{}: staff {} is not in the agency",
                fw.display_name, w.staff
            )));
        }
        for fp in &fw.person {
            let p = Person {
                id: store::new_id(),
                worker_id: w.id.clone(),
                name: fp.name.clone(),
                role: fp.role.clone(),
                organisation: fp.organisation.clone(),
                layer: fp.layer,
                phone: fp.phone.clone(),
                email: fp.email.clone(),
                note: fp.note.clone(),
            };
            validate::person(&p).map_err(invalid)?;
            out.people.push(p);
        }
        for fc in &fw.contact {
            let date = today
                .checked_sub_days(Days::new(fc.days_ago))
                .ok_or_else(bad_date)?;
            let start_time = match &fc.start {
                Some(s) => Some(
                    NaiveTime::parse_from_str(s, "%H:%M")
                        .map_err(|_| fixture_error(format!("{}: bad time {s}", fw.display_name)))?,
                ),
                None => None,
            };
            let c = Contact {
                id: store::new_id(),
                worker_id: w.id.clone(),
                date,
                start_time,
                minutes: fc.minutes,
                mode: fc.mode,
                participants: fc.participants.clone(),
                notes: fc.notes.trim_end().to_string(),
                next_action: fc.next_action.clone(),
                next_due: fc
                    .next_due_in_days
                    .and_then(|d| date.checked_add_days(Days::new(d))),
                next_done: None,
                recorded_by: fc.recorded_by.clone(),
                consent_confirmed: false,
            };
            validate::contact_on(&c, &w, today).map_err(invalid)?;
            out.contacts.push(c);
        }
        out.workers.push(w);
    }
    Ok(out)
}

/// A fresh demo database in a private temporary folder: owner-only from its
/// creation (0700 on Unix whatever the umask allows beyond it; the user and
/// SYSTEM on Windows), like every folder we make. The folder (and the
/// database) is removed when the returned `TempDir` is dropped.
/// With `cache` (the CLI gives `paths::cache_dir()`), the day's demo is
/// copied from there (see `demo::cache`); without, it is built in place.
pub fn open_throwaway(today: NaiveDate, cache: Option<&Path>) -> Result<(TempDir, Store)> {
    let mut builder = tempfile::Builder::new();
    builder.prefix("teichaku-demo-");
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o700));
    let dir = builder
        .tempdir()
        .map_err(io_error(Task::CreateFolder, std::env::temp_dir()))?;
    #[cfg(windows)]
    crate::files::owner_only::restrict(dir.path(), true)
        .map_err(io_error(Task::CreateFolder, dir.path()))?;
    let db = dir.path().join("demo.db");
    // The day's demo, copied from the cache (built there the first time).
    if let Some(store) = cache.and_then(|c| crate::demo::cache::open_copy(c, &db, today)) {
        return Ok((dir, store));
    }
    // No usable cache: built here. Encrypted like a real database, under the
    // demo's key (its database half fixed, the demo being fiction).
    let mut store = Store::open(&db, Some(&crate::store::DbKey::demo()))?;
    load_all(&mut store, today)?;
    Ok((dir, store))
}

/// The whole demo agency: workers, contacts and people, then assessments, plan
/// reviews and reports.
pub fn load_all(store: &mut Store, today: NaiveDate) -> Result<()> {
    let agency = Fixtures::builtin()?.on(today)?;
    agency.store_workers(store)?;
    load_assessments(store, DEMO_ASSESSMENTS_TOML, today)?;
    agency.store_plans_and_reports(store)?;
    crate::demo::selfreports::load(store, today).map(|_| ())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AssessmentFixture {
    #[serde(default)]
    assessment: Vec<FixtureAssessment>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FixtureAssessment {
    /// The worker's display_name, exactly as in the workers' fixture.
    worker: String,
    instrument: String,
    days_ago: u64,
    by: Respondent,
    answers: String,
    #[serde(default)]
    note: String,
    /// Item id → comment.
    #[serde(default)]
    comments: BTreeMap<String, String>,
}

/// Loads demo assessments for workers already in `store` (matched by display
/// name), all in one transaction, each checked like user input: the answers
/// against the built-in instrument, the date after the hire date, closed
/// employment respected.
pub fn load_assessments(store: &mut Store, text: &str, today: NaiveDate) -> Result<usize> {
    let fixture: AssessmentFixture =
        toml::from_str(text).map_err(|e| fixture_error(e.to_string()))?;
    let catalogue = Catalogue::builtin();
    let workers = store.workers()?;
    let mut list: Vec<(&Instrument, Assessment)> = Vec::new();
    for (n, fa) in fixture.assessment.iter().enumerate() {
        let at = |detail: String| fixture_error(format!("assessment {}: {detail}", n + 1));
        let worker = workers
            .iter()
            .map(|r| &r.worker)
            .find(|w| w.display_name == fa.worker)
            .ok_or_else(|| at(format!("no worker named {}", fa.worker)))?;
        let inst = catalogue
            .get(&fa.instrument)
            .ok_or_else(|| at(format!("no checklist {}", fa.instrument)))?;
        let date = today
            .checked_sub_days(Days::new(fa.days_ago))
            .ok_or_else(|| at("date out of range".into()))?;
        if worker.hire_date.is_some_and(|h| date < h) {
            return Err(at(format!("{} is before the hire date", date)));
        }
        let mut answers = checklist::parse_answers(inst, &fa.answers)
            .map_err(|e| at(i18n::answer_message(&e, Lang::En)))?;
        for (item, comment) in &fa.comments {
            let answer = answers
                .iter_mut()
                .find(|a| &a.item == item)
                .ok_or_else(|| at(format!("no item {item}")))?;
            answer.comment = comment.clone();
        }
        list.push((
            inst,
            Assessment {
                id: store::new_id(),
                worker_id: worker.id.clone(),
                instrument: inst.id.clone(),
                version: inst.version,
                date,
                respondent: fa.by,
                note: fa.note.clone(),
                answers,
                consent_confirmed: false,
            },
        ));
    }
    store.add_assessments(&list).map_err(|e| match e {
        Error::Answers(a) => fixture_error(i18n::answer_message(&a, Lang::En)),
        other => other,
    })?;
    Ok(list.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_assessments_load_for_the_demo_workers_with_arcs_over_time() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let mut s = Store::open_in_memory().unwrap();
        load(&mut s, DEMO_TOML, today).unwrap();
        let n = load_assessments(&mut s, DEMO_ASSESSMENTS_TOML, today).unwrap();
        assert!(n >= 30, "{n}");
        let cat = Catalogue::builtin();
        let stability = cat.get("stability").unwrap();
        let mut with_trend = 0;
        for row in s.workers().unwrap() {
            let list = s.assessments_for(&row.worker.id).unwrap();
            if let Some(sum) = crate::domain::checklist_score::summarize(stability, &list) {
                assert!(sum.dates.len() >= 2, "{}", row.worker.display_name);
                if row.worker.is_closed() {
                    // Nobody at a closed-employment workplace was asked.
                    assert_eq!(sum.groups[4].latest.mean, None);
                    assert!(list.iter().all(|a| a.respondent != Respondent::Supervisor));
                }
                with_trend += 1;
            }
        }
        assert!(
            with_trend >= 8,
            "{with_trend} workers with a stability trend"
        );
    }

    #[test]
    fn a_bad_demo_assessment_is_refused_whole() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let mut s = Store::open_in_memory().unwrap();
        load(&mut s, DEMO_TOML, today).unwrap();
        let bad = format!(
            "{DEMO_ASSESSMENTS_TOML}\n[[assessment]]\nworker = \"誰か\"\ninstrument = \"stability\"\ndays_ago = 1\nby = \"self\"\nanswers = \"1\"\n"
        );
        let err = load_assessments(&mut s, &bad, today).unwrap_err();
        assert!(
            matches!(&err, Error::Fixture { detail } if detail.contains("誰か")),
            "{err:?}"
        );
        let all: usize = s
            .workers()
            .unwrap()
            .iter()
            .map(|r| s.assessments_for(&r.worker.id).unwrap().len())
            .sum();
        assert_eq!(all, 0);
    }

    #[test]
    fn months_ago_clamps_to_the_end_of_short_months() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        assert_eq!(
            months_ago(today, 9, 31),
            NaiveDate::from_ymd_opt(2026, 2, 28)
        );
        assert_eq!(
            months_ago(today, 0, 1),
            NaiveDate::from_ymd_opt(2026, 11, 1)
        );
        assert_eq!(
            months_ago(today, 12, 15),
            NaiveDate::from_ymd_opt(2025, 11, 15)
        );
    }
}
