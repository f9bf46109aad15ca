//! The demo agency: fixtures/demo.toml, embedded, with dates relative to today so
//! the demo always shows workers at every stage of the service.

use chrono::{Datelike, Days, Months, NaiveDate, NaiveTime};
use serde::Deserialize;
use tempfile::TempDir;

use crate::domain::{
    Category, Contact, Disclosure, Layer, Mode, Participant, Person, ServiceType, Status, Worker,
    validate,
};
use crate::error::{Error, Result, Task, io_error};
use crate::i18n::{Lang, invalid_message};
use crate::store::{self, Store};

/// The demo data shipped in the binary.
pub const DEMO_TOML: &str = include_str!("../fixtures/demo.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Fixture {
    agency: Agency,
    worker: Vec<FixtureWorker>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // the agency name is documentation for now
struct Agency {
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

/// Loads demo data from `text` into `store`, all in one transaction, with every
/// record checked by the same rules as user input.
pub fn load(store: &mut Store, text: &str, today: NaiveDate) -> Result<usize> {
    let fixture: Fixture = toml::from_str(text).map_err(|e| fixture_error(e.to_string()))?;
    let staff = &fixture.agency.staff;
    store.write(|tx| {
        let mut count = 0;
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
            tx.insert(&w)?;
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
                tx.insert(&p)?;
            }
            for fc in &fw.contact {
                let date = today
                    .checked_sub_days(Days::new(fc.days_ago))
                    .ok_or_else(bad_date)?;
                let start_time = match &fc.start {
                    Some(s) => Some(NaiveTime::parse_from_str(s, "%H:%M").map_err(|_| {
                        fixture_error(format!("{}: bad time {s}", fw.display_name))
                    })?),
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
                    recorded_by: fc.recorded_by.clone(),
                };
                validate::contact(&c, &w).map_err(invalid)?;
                tx.insert(&c)?;
            }
            count += 1;
        }
        Ok(count)
    })
}

/// A fresh demo database in a private temporary folder. The folder (and the
/// database) is removed when the returned `TempDir` is dropped.
pub fn open_throwaway(today: NaiveDate) -> Result<(TempDir, Store)> {
    let dir = tempfile::Builder::new()
        .prefix("teichaku-demo-")
        .tempdir()
        .map_err(io_error(Task::CreateFolder, std::env::temp_dir()))?;
    let mut store = Store::open(&dir.path().join("demo.db"))?;
    load(&mut store, DEMO_TOML, today)?;
    crate::demo_reports::load(&mut store, crate::demo_reports::DEMO_REPORTS_TOML, today)?;
    Ok((dir, store))
}

#[cfg(test)]
mod tests {
    use super::*;

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
