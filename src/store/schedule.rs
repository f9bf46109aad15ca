//! The facts the schedule needs, read in a few queries for every worker at once
//! (no query per worker), and the dashboard built from them.

use crate::domain::selfreport_warning::due_item;
use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::types::Value;

use super::Store;
use super::columns::Col;
use super::record::{self, Entity};
use crate::domain::dates::YearMonth;
use crate::domain::follow_up::{self, FollowUpFact};
use crate::domain::handover::{HandoverDecision, Sharing};
use crate::domain::plan::{Plan, PlanEvaluation, PlanGoal, PlanVersion};
use crate::domain::report::Report;
use crate::domain::schedule::{
    self, ContactFact, DashboardItem, DueItem, HandoverFacts, Monthly, ReportFact,
};
use crate::domain::waiver::{self, Waiver};
use crate::domain::{Contact, Worker};
use crate::error::{DbContext, Result, Task};

/// Per worker: contact facts, the date of the latest plan version, report
/// facts, handover.
#[derive(Default)]
struct Facts {
    contacts: Vec<ContactFact>,
    reviews: Vec<NaiveDate>,
    reports: Vec<ReportFact>,
    handover: HandoverFacts,
    /// The date of the decision in force, to pick the latest.
    decided_on: Option<(NaiveDate, String)>,
    follow_ups: Vec<FollowUpFact>,
    priors: Vec<crate::domain::prior::PriorRecord>,
    waivers: Vec<Waiver>,
}

impl Facts {
    /// With what was done elsewhere (domain::prior) added to the facts.
    fn with_priors(mut self, worker: &Worker) -> Facts {
        let priors = std::mem::take(&mut self.priors);
        crate::domain::prior::add_facts(
            worker,
            &priors,
            &mut self.contacts,
            &mut self.reports,
            &mut self.reviews,
        );
        self
    }

    /// The worker's duties on `today`, waived ones marked (domain::waiver).
    fn duties(&self, worker: &Worker, today: NaiveDate) -> Vec<DueItem> {
        let mut items = schedule::duties(
            worker,
            &self.contacts,
            &self.reviews,
            &self.reports,
            &self.handover,
            today,
        );
        waiver::apply(&mut items, &self.waivers, |what| {
            schedule::missed_months(worker, what, &self.contacts, &self.reports, today)
        });
        items
    }

    /// The months of `what` missed before the lookback and not waived.
    fn missed(&self, worker: &Worker, what: Monthly, today: NaiveDate) -> Vec<YearMonth> {
        let months = schedule::missed_months(worker, what, &self.contacts, &self.reports, today);
        waiver::unwaived(what, months, &self.waivers)
    }
}

impl Store {
    /// Every open duty (overdue or due soon) of every live worker, most urgent
    /// first: what the dashboard shows and `teichaku due` prints.
    pub fn dashboard(&self, today: NaiveDate) -> Result<Vec<DashboardItem>> {
        // Not `workers()`: the dashboard needs no contact counts.
        let workers = self.live_workers()?;
        let mut facts =
            self.schedule_facts(Some(today), None, &workers.iter().collect::<Vec<_>>())?;
        // Read on every dashboard, so records that arrived by sync show.
        let mut flags = self.closed_flag_counts(&workers)?;
        let mut selfreports = self.selfreport_warnings(&workers, today)?;
        let mut actions: HashMap<String, String> = HashMap::new();
        let per_worker: Vec<(&Worker, Vec<DueItem>)> = workers
            .iter()
            .map(|w| {
                let f = facts.remove(&w.id).unwrap_or_default().with_priors(w);
                let mut items = f.duties(w, today);
                follow_up::add(w, &f.follow_ups, today, &mut items, &mut actions);
                let flagged = flags.remove(&w.id).unwrap_or(0);
                items.extend(schedule::closed_review(flagged, today));
                items.extend(selfreports.remove(&w.id).as_ref().map(due_item));
                (w, items)
            })
            .collect();
        let mut board = schedule::dashboard(per_worker);
        follow_up::fill(&mut board, actions);
        Ok(board)
    }

    /// The months before the lookback in which a worker's monthly duty of
    /// one kind was not met, oldest first (the list a folded line opens).
    pub fn missed_months(
        &self,
        worker: &Worker,
        what: Monthly,
        today: NaiveDate,
    ) -> Result<Vec<YearMonth>> {
        let f = self
            .schedule_facts(Some(today), Some(&worker.id), &[worker])?
            .remove(&worker.id)
            .unwrap_or_default()
            .with_priors(worker);
        Ok(f.missed(worker, what, today))
    }

    /// All duties of one worker on `today`, done and upcoming ones included
    /// (for the worker screen).
    /// The contact whose next action is the worker's open follow-up.
    pub fn follow_up_contact(&self, worker_id: &str) -> Result<Option<Contact>> {
        let f = self
            .schedule_facts(None, Some(worker_id), &[])?
            .remove(worker_id)
            .unwrap_or_default();
        match follow_up::current(&f.follow_ups) {
            Some(open) => self.contact(&open.contact_id),
            None => Ok(None),
        }
    }

    /// Marks the worker's open follow-up done (or dismissed) on `today`; the
    /// mark is a field of the contact, synced like any other. `NoFollowUp`
    /// when the worker has none open.
    pub fn follow_up_done(&mut self, worker_id: &str, today: NaiveDate) -> Result<()> {
        let Some(mut c) = self.follow_up_contact(worker_id)? else {
            let worker = self
                .worker(worker_id)?
                .map_or_else(|| worker_id.to_string(), |w| w.display_name);
            return Err(crate::error::Error::NoFollowUp { worker });
        };
        c.next_done = Some(today);
        self.write(|tx| tx.update(&c)).map(|_| ())
    }

    pub fn duties_for(&self, worker: &Worker, today: NaiveDate) -> Result<Vec<DueItem>> {
        let f = self
            .schedule_facts(Some(today), Some(&worker.id), &[worker])?
            .remove(&worker.id)
            .unwrap_or_default()
            .with_priors(worker);
        Ok(f.duties(worker, today))
    }

    /// Contacts in the months the schedule looks at, the latest plan version
    /// and reports, by worker. (The older log of plan reviews no longer
    /// counts: a review is a new version of the plan.)
    /// `today` splits the contacts read one by one (the lookback) from the
    /// older ones read by month, for the `owing` workers only; `None` reads
    /// them all one by one.
    fn schedule_facts(
        &self,
        today: Option<NaiveDate>,
        only: Option<&str>,
        owing: &[&Worker],
    ) -> Result<HashMap<String, Facts>> {
        // Every month of service counts (older misses are folded, not
        // dropped). The months listed one by one read their contacts; the
        // older ones only which kinds of contact each month had (grouped by
        // month, mode and participants, the latest day of each: a month that
        // starts the service counts its days from the start), so a worker
        // years in brings a few rows a month, not every contact.
        let mut map: HashMap<String, Facts> = HashMap::new();
        let since = today
            .map(|t| {
                schedule::lookback_start(t)
                    .first_day()
                    .format("%Y-%m-%d")
                    .to_string()
            })
            .unwrap_or_default();

        // Covering indexes on live contacts (migrate.rs, LIVE_CONTACT_INDEXES
        // and DASHBOARD_INDEXES): no contact row and no note is read. The
        // months listed one by one: every worker's contacts since the lookback
        // (or all of one worker's, without `today`).
        let mut params = vec![Value::Text(since.clone())];
        let one_worker = match only {
            Some(id) => {
                params.push(Value::Text(id.to_string()));
                " AND worker_id = ?2"
            }
            None => "",
        };
        let sql = format!(
            "SELECT worker_id, date, mode, participants FROM contacts
             WHERE deleted = 0 AND date >= ?1{one_worker}"
        );
        let mut stmt = self.conn().prepare_cached(&sql).during(Task::ReadRecords)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(&params), |row| {
                Ok((row.get::<_, String>(0)?, contact_fact(row, 1)?))
            })
            .during(Task::ReadRecords)?;
        for row in rows {
            let (worker, fact) = row.during(Task::ReadRecords)?;
            map.entry(worker).or_default().contacts.push(fact);
        }
        // The older months: only for the workers who can still have missed
        // one, only from their service start (domain::schedule::missed_span),
        // one range of the (worker, date) index each.
        if let Some(today) = today {
            let mut stmt = self
                .conn()
                .prepare_cached(
                    // Named: without statistics SQLite would take the
                    // (worker_id, date) index and read every contact row.
                    "SELECT MAX(date), mode, participants
                     FROM contacts INDEXED BY contacts_live_worker_facts
                     WHERE deleted = 0 AND worker_id = ?1 AND date >= ?2 AND date < ?3
                     GROUP BY substr(date, 1, 7), mode, participants",
                )
                .during(Task::ReadRecords)?;
            for w in owing {
                let Some((from, stop)) = schedule::missed_span(w, today) else {
                    continue;
                };
                let until = stop.first_day().format("%Y-%m-%d").to_string();
                let from = from.format("%Y-%m-%d").to_string();
                if from >= until {
                    continue;
                }
                let rows = stmt
                    .query_map(rusqlite::params![w.id, from, until], |row| {
                        contact_fact(row, 0)
                    })
                    .during(Task::ReadRecords)?;
                let facts = map.entry(w.id.clone()).or_default();
                for row in rows {
                    facts.contacts.push(row.during(Task::ReadRecords)?);
                }
            }
        }
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT id, worker_id, date, next_action, next_due, next_done FROM contacts
                 WHERE deleted = 0 AND (next_action != '' OR next_due IS NOT NULL)
                   AND (?1 = '' OR worker_id = ?1)",
            )
            .during(Task::ReadRecords)?;
        let rows = stmt
            .query_map([only.unwrap_or("")], |row| {
                Ok((
                    row.get::<_, String>(1)?,
                    FollowUpFact {
                        contact_id: row.get(0)?,
                        date: Col::read(row, 2)?,
                        action: row.get(3)?,
                        due: Col::read(row, 4)?,
                        done: Col::read(row, 5)?,
                    },
                ))
            })
            .during(Task::ReadRecords)?;
        for row in rows {
            let (worker, fact) = row.during(Task::ReadRecords)?;
            map.entry(worker).or_default().follow_ups.push(fact);
        }
        for p in self.priors_for(only.unwrap_or(""))? {
            map.entry(p.worker_id.clone()).or_default().priors.push(p);
        }
        for v in self.waivers_for(only.unwrap_or(""))? {
            map.entry(v.worker_id.clone()).or_default().waivers.push(v);
        }
        let only = only.unwrap_or("");

        // The dates of the complete plan versions: an incomplete one (an
        // empty plan, a review that evaluates nothing, saved by an older
        // teichaku or arrived by sync) is no plan (Plan::is_complete).
        for (worker, date) in self.complete_plan_dates(only)? {
            map.entry(worker).or_default().reviews.push(date);
        }

        // Whole reports (a few per worker): whether one counts is the
        // domain's rule (Report::counts), not a second copy of it in SQL.
        let sql = format!(
            "SELECT {} FROM reports
             WHERE deleted = 0 AND (?1 = '' OR worker_id = ?1)",
            record::select_columns::<Report>()
        );
        let mut stmt = self.conn().prepare_cached(&sql).during(Task::ReadRecords)?;
        let rows = stmt
            .query_map([only], Report::from_row)
            .during(Task::ReadRecords)?;
        for row in rows {
            let r = row.during(Task::ReadRecords)?;
            map.entry(r.worker_id.clone())
                .or_default()
                .reports
                .push(ReportFact::from(&r));
        }

        // The handover: every decision and sharing (a few per worker).
        let sql = format!(
            "SELECT {} FROM handover_decisions WHERE deleted = 0 AND (?1 = '' OR worker_id = ?1)",
            record::select_columns::<HandoverDecision>()
        );
        let mut stmt = self.conn().prepare_cached(&sql).during(Task::ReadRecords)?;
        let rows = stmt
            .query_map([only], HandoverDecision::from_row)
            .during(Task::ReadRecords)?;
        for row in rows {
            let d = row.during(Task::ReadRecords)?;
            let f = map.entry(d.worker_id.clone()).or_default();
            let key = (d.decided_on, d.id.clone());
            if f.decided_on.as_ref().is_none_or(|k| *k < key) {
                f.decided_on = Some(key);
                f.handover.needs_support = Some(d.needs_support);
            }
        }
        let sql = format!(
            "SELECT {} FROM handover_sharings WHERE deleted = 0 AND (?1 = '' OR worker_id = ?1)",
            record::select_columns::<Sharing>()
        );
        let mut stmt = self.conn().prepare_cached(&sql).during(Task::ReadRecords)?;
        let rows = stmt
            .query_map([only], Sharing::from_row)
            .during(Task::ReadRecords)?;
        // Whether a sharing counts depends on its recipient (an agency, not
        // the workplace; never the workplace of a closed worker): read for
        // the few sharings that could count, each worker once.
        let mut workers: HashMap<String, Option<Worker>> = HashMap::new();
        for row in rows {
            let s = row.during(Task::ReadRecords)?;
            if !(s.consent && s.takes_over && !s.items.is_empty()) {
                continue;
            }
            let worker = match workers.get(&s.worker_id) {
                Some(w) => w.clone(),
                None => {
                    let w = self.worker(&s.worker_id)?;
                    workers.insert(s.worker_id.clone(), w.clone());
                    w
                }
            };
            let Some(worker) = worker else { continue };
            let person = self.person(&s.person_id)?;
            if s.counts(person.as_ref(), &worker) {
                map.entry(s.worker_id.clone())
                    .or_default()
                    .handover
                    .shared_on
                    .push(s.date);
            }
        }
        Ok(map)
    }
}

impl Store {
    /// The worker and date of every live plan version that is complete
    /// against the version it reviews ([`Plan::is_complete`]), for one worker
    /// (`only`) or all (`""`): three queries, a few rows per worker.
    fn complete_plan_dates(&self, only: &str) -> Result<Vec<(String, NaiveDate)>> {
        let versions = self.plan_parts::<PlanVersion>("worker_id", only)?;
        // Every version's but a superseded one's (a fork resolved by a
        // choice or a merge, domain::plan_fork): while a fork is open both
        // heads count, so the duty runs from the later one.
        let current: std::collections::HashSet<String> =
            crate::domain::plan_fork::current(&versions)
                .into_iter()
                .map(|v| v.id.clone())
                .collect();
        let mut goals: HashMap<String, Vec<PlanGoal>> = HashMap::new();
        for g in self.plan_parts::<PlanGoal>("plan_id", only)? {
            goals.entry(g.plan_id.clone()).or_default().push(g);
        }
        let mut evaluations: HashMap<String, Vec<PlanEvaluation>> = HashMap::new();
        for e in self.plan_parts::<PlanEvaluation>("plan_id", only)? {
            evaluations.entry(e.plan_id.clone()).or_default().push(e);
        }
        let plans: HashMap<String, Plan> = versions
            .into_iter()
            .map(|version| {
                let id = version.id.clone();
                let plan = Plan {
                    goals: goals.remove(&id).unwrap_or_default(),
                    evaluations: evaluations.remove(&id).unwrap_or_default(),
                    version,
                };
                (id, plan)
            })
            .collect();
        Ok(plans
            .values()
            .filter(|p| current.contains(&p.version.id))
            .filter(|p| p.is_complete(plans.get(&p.version.previous_id)))
            .map(|p| (p.version.worker_id.clone(), p.version.date))
            .collect())
    }

    /// The live rows of a plan kind: a version by its `worker_id`, a goal or
    /// an evaluation by its version's (`plan_id`); every worker's for `""`.
    fn plan_parts<E: Entity>(&self, key: &str, only: &str) -> Result<Vec<E>> {
        let of_worker = match key {
            "worker_id" => "(?1 = '' OR worker_id = ?1)",
            _ => {
                "plan_id IN (SELECT id FROM plan_versions
                   WHERE deleted = 0 AND (?1 = '' OR worker_id = ?1))"
            }
        };
        let sql = format!(
            "SELECT {} FROM {} WHERE deleted = 0 AND {of_worker}",
            record::select_columns::<E>(),
            E::TABLE
        );
        let mut stmt = self.conn().prepare_cached(&sql).during(Task::ReadRecords)?;
        let rows = stmt
            .query_map([only], E::from_row)
            .during(Task::ReadRecords)?;
        rows.collect::<rusqlite::Result<_>>()
            .during(Task::ReadRecords)
    }
}

/// A contact's date, mode and participants from `row`, from column `at` on.
fn contact_fact(row: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<ContactFact> {
    Ok(ContactFact {
        date: Col::read(row, at)?,
        mode: Col::read(row, at + 1)?,
        participants: Col::read(row, at + 2)?,
    })
}
