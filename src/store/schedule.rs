//! The facts the schedule needs, read in a few queries for every worker at once
//! (no query per worker), and the dashboard built from them.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::types::Value;

use super::Store;
use super::columns::Col;
use crate::domain::Worker;
use crate::domain::dates::YearMonth;
use crate::domain::schedule::{
    self, ContactFact, DashboardItem, DueItem, MONTHLY_LOOKBACK, ReportFact,
};
use crate::error::{DbContext, Result, Task};

/// Per worker: contact facts, the date of the latest plan version, report facts.
#[derive(Default)]
struct Facts {
    contacts: Vec<ContactFact>,
    reviews: Vec<NaiveDate>,
    reports: Vec<ReportFact>,
}

impl Store {
    /// Every open duty (overdue or due soon) of every live worker, most urgent
    /// first: what the dashboard shows and `teichaku due` prints.
    pub fn dashboard(&self, today: NaiveDate) -> Result<Vec<DashboardItem>> {
        // Not `workers()`: the dashboard needs no contact counts.
        let workers = self.live_workers()?;
        let mut facts = self.schedule_facts(today, None)?;
        // Read on every dashboard, so records that arrived by sync show.
        let mut flags = self.closed_flag_counts(&workers)?;
        let per_worker: Vec<(&Worker, Vec<DueItem>)> = workers
            .iter()
            .map(|w| {
                let f = facts.remove(&w.id).unwrap_or_default();
                let mut items = schedule::duties(w, &f.contacts, &f.reviews, &f.reports, today);
                let flagged = flags.remove(&w.id).unwrap_or(0);
                items.extend(schedule::closed_review(flagged, today));
                (w, items)
            })
            .collect();
        Ok(schedule::dashboard(per_worker))
    }

    /// All duties of one worker on `today`, done and upcoming ones included
    /// (for the worker screen).
    pub fn duties_for(&self, worker: &Worker, today: NaiveDate) -> Result<Vec<DueItem>> {
        let f = self
            .schedule_facts(today, Some(&worker.id))?
            .remove(&worker.id)
            .unwrap_or_default();
        Ok(schedule::duties(
            worker,
            &f.contacts,
            &f.reviews,
            &f.reports,
            today,
        ))
    }

    /// Contacts in the months the schedule looks at (plus every case
    /// conference, for the handover), the latest plan version and reports, by
    /// worker. (The older log of plan reviews no longer counts: a review is a
    /// new version of the plan.)
    fn schedule_facts(
        &self,
        today: NaiveDate,
        only: Option<&str>,
    ) -> Result<HashMap<String, Facts>> {
        let mut first = YearMonth::of(today);
        for _ in 0..MONTHLY_LOOKBACK {
            first = first.prev().unwrap_or(first);
        }
        let since = first.first_day().format("%Y-%m-%d").to_string();
        let mut map: HashMap<String, Facts> = HashMap::new();

        // Two ranges of covering indexes on live contacts (migrate.rs,
        // SCHEDULE_INDEXES), so no contact row and no note is read: the contacts
        // of the months the schedule looks at, and the older case conferences.
        // For one worker, (worker_id, date) narrows both.
        let mut params = vec![Value::Text(since)];
        let one_worker = match only {
            Some(id) => {
                params.push(Value::Text(id.to_string()));
                " AND worker_id = ?2"
            }
            None => "",
        };
        for range in ["date >= ?1", "mode = 'case_conference' AND date < ?1"] {
            let sql = format!(
                "SELECT worker_id, date, mode, participants FROM contacts
                 WHERE deleted = 0 AND {range}{one_worker}"
            );
            let mut stmt = self.conn().prepare_cached(&sql).during(Task::ReadRecords)?;
            let rows = stmt
                .query_map(rusqlite::params_from_iter(&params), |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        ContactFact {
                            date: Col::read(row, 1)?,
                            mode: Col::read(row, 2)?,
                            participants: Col::read(row, 3)?,
                        },
                    ))
                })
                .during(Task::ReadRecords)?;
            for row in rows {
                let (worker, fact) = row.during(Task::ReadRecords)?;
                map.entry(worker).or_default().contacts.push(fact);
            }
        }
        let only = only.unwrap_or("");

        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT worker_id, MAX(date) FROM plan_versions
                 WHERE deleted = 0 AND (?1 = '' OR worker_id = ?1) GROUP BY worker_id",
            )
            .during(Task::ReadRecords)?;
        let rows = stmt
            .query_map([only], |row| {
                Ok((row.get::<_, String>(0)?, Col::read(row, 1)?))
            })
            .during(Task::ReadRecords)?;
        for row in rows {
            let (worker, date) = row.during(Task::ReadRecords)?;
            map.entry(worker).or_default().reviews.push(date);
        }

        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT worker_id, month, MAX(finalised) FROM reports
                 WHERE deleted = 0 AND month >= ?1 AND (?2 = '' OR worker_id = ?2)
                 GROUP BY worker_id, month",
            )
            .during(Task::ReadRecords)?;
        let rows = stmt
            .query_map(rusqlite::params![first.to_string(), only], |row| {
                let month: String = row.get(1)?;
                Ok((row.get::<_, String>(0)?, month, row.get::<_, i64>(2)?))
            })
            .during(Task::ReadRecords)?;
        for row in rows {
            let (worker, month, finalised) = row.during(Task::ReadRecords)?;
            if let Some(month) = YearMonth::parse(&month) {
                map.entry(worker).or_default().reports.push(ReportFact {
                    month,
                    finalised: finalised != 0,
                });
            }
        }
        Ok(map)
    }
}
