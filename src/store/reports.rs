//! Monthly support reports.

use rusqlite::types::{Type, Value};
use rusqlite::{OptionalExtension, Row};

use super::Store;
use super::record::{self, Entity, get_opt_date, opt_date, text};
use crate::domain::dates::YearMonth;
use crate::domain::report::{FIELD_COUNT, Report};
use crate::domain::validate;
use crate::error::{DbContext, Error, Result, Task};

impl Entity for Report {
    const KIND: &'static str = "report";
    const TABLE: &'static str = "reports";
    const FIELDS: &'static [&'static str] = &[
        "worker_id",
        "month",
        "goals",
        "goals_shared",
        "done",
        "done_shared",
        "result",
        "result_shared",
        "next",
        "next_shared",
        "worker_actions",
        "worker_actions_shared",
        "employer_actions",
        "employer_actions_shared",
        "shared",
        "shared_shared",
        "employer_consent",
        "confirmed_on",
        "finalised",
    ];
    /// The report's texts merge like notes: two offline edits are both kept.
    const NOTE_FIELDS: &'static [&'static str] = &[
        "goals",
        "done",
        "result",
        "next",
        "worker_actions",
        "employer_actions",
        "shared",
    ];

    fn id(&self) -> &str {
        &self.id
    }

    fn values(&self) -> Vec<Value> {
        let mut v = vec![text(&self.worker_id), text(&self.month.to_string())];
        for (t, s) in self.texts.iter().zip(self.shared) {
            v.push(text(t));
            v.push(Value::Integer(s.into()));
        }
        v.push(Value::Integer(self.employer_consent.into()));
        v.push(opt_date(self.confirmed_on));
        v.push(Value::Integer(self.finalised.into()));
        v
    }

    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        let month: String = row.get(2)?;
        let month = YearMonth::parse(&month).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(2, Type::Text, "unexpected month".into())
        })?;
        let mut r = Report::new(row.get(0)?, row.get(1)?, month);
        for i in 0..FIELD_COUNT {
            r.texts[i] = row.get(3 + 2 * i)?;
            r.shared[i] = row.get::<_, i64>(4 + 2 * i)? != 0;
        }
        let after = 3 + 2 * FIELD_COUNT;
        r.employer_consent = row.get::<_, i64>(after)? != 0;
        r.confirmed_on = get_opt_date(row, after + 1)?;
        r.finalised = row.get::<_, i64>(after + 2)? != 0;
        Ok(r)
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
