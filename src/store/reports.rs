//! Monthly support reports.

use rusqlite::OptionalExtension;

use super::Store;
use super::columns::entity;
use super::record::{self, Entity};
use crate::domain::dates::YearMonth;
use crate::domain::report::Report;
use crate::domain::validate;
use crate::error::{DbContext, Error, Result, Task};

entity! {
    Report {
        kind: "report",
        table: "reports",
        // The report's texts merge like notes: two offline edits are both kept.
        notes: [
            "goals",
            "done",
            "result",
            "next",
            "worker_actions",
            "employer_actions",
            "shared",
            "selfreports",
        ],
        columns: {
            "worker_id" => worker_id,
            "month" => month,
            "goals" => goals,
            "goals_shared" => goals_shared,
            "done" => done,
            "done_shared" => done_shared,
            "result" => result,
            "result_shared" => result_shared,
            "next" => next,
            "next_shared" => next_shared,
            "worker_actions" => worker_actions,
            "worker_actions_shared" => worker_actions_shared,
            "employer_actions" => employer_actions,
            "employer_actions_shared" => employer_actions_shared,
            "shared" => shared,
            "shared_shared" => shared_shared,
            "employer_consent" => employer_consent,
            "confirmed_on" => confirmed_on,
            "finalised" => finalised,
            "handed_on" => handed_on,
            "selfreports" => selfreports,
        },
    }
}

impl Store {
    /// Saves a new report; refused if the worker already has one for the month.
    pub fn add_report(&mut self, r: &Report) -> Result<()> {
        self.require_worker(&r.worker_id)?;
        if self.report_for(&r.worker_id, r.month)?.is_some() {
            return Err(Error::ReportExists {
                month: r.month.to_string(),
            });
        }
        self.write(|tx| tx.insert(r))
    }

    /// Saves the changed fields. A finalised report is not edited; the only
    /// change it accepts is being reopened (finalised set back to false).
    pub fn update_report(&mut self, r: &Report) -> Result<usize> {
        let stored = self.report(&r.id)?.ok_or_else(|| Error::NotFound {
            kind: "report",
            id: r.id.clone(),
        })?;
        validate::report_change(&stored, r)?;
        self.write(|tx| tx.update(r))
    }

    pub fn report(&self, id: &str) -> Result<Option<Report>> {
        record::get(self.conn(), id)
    }

    /// The worker's report for the month. Two laptops may each have drafted one
    /// offline; the oldest (smallest UUIDv7) is the month's report.
    pub fn report_for(&self, worker_id: &str, month: YearMonth) -> Result<Option<Report>> {
        let sql = format!(
            "SELECT {} FROM reports WHERE worker_id = ?1 AND month = ?2 AND deleted = 0
             ORDER BY id LIMIT 1",
            record::select_columns::<Report>()
        );
        let mut stmt = self.conn().prepare_cached(&sql).during(Task::ReadRecords)?;
        stmt.query_row(
            rusqlite::params![worker_id, month.to_string()],
            Report::from_row,
        )
        .optional()
        .during(Task::ReadRecords)
    }

    /// A worker's reports, newest month first.
    pub fn reports_for(&self, worker_id: &str) -> Result<Vec<Report>> {
        let sql = format!(
            "SELECT {} FROM reports WHERE worker_id = ?1 AND deleted = 0
             ORDER BY month DESC, id",
            record::select_columns::<Report>()
        );
        let mut stmt = self.conn().prepare_cached(&sql).during(Task::ReadRecords)?;
        let rows = stmt
            .query_map([worker_id], Report::from_row)
            .during(Task::ReadRecords)?;
        rows.collect::<rusqlite::Result<_>>()
            .during(Task::ReadRecords)
    }
}
