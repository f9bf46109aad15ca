//! Plan reviews.

use rusqlite::Row;
use rusqlite::types::Value;

use super::Store;
use super::record::{self, Entity, get_date, opt_date, text};
use crate::domain::PlanReview;
use crate::error::{DbContext, Result, Task};

impl Entity for PlanReview {
    const KIND: &'static str = "plan_review";
    const TABLE: &'static str = "plan_reviews";
    const FIELDS: &'static [&'static str] = &["worker_id", "date", "note", "recorded_by"];

    fn id(&self) -> &str {
        &self.id
    }

    fn values(&self) -> Vec<Value> {
        vec![
            text(&self.worker_id),
            opt_date(Some(self.date)),
            text(&self.note),
            text(&self.recorded_by),
        ]
    }

    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(PlanReview {
            id: row.get(0)?,
            worker_id: row.get(1)?,
            date: get_date(row, 2)?,
            note: row.get(3)?,
            recorded_by: row.get(4)?,
        })
    }
}

impl Store {
    pub fn add_plan_review(&mut self, p: &PlanReview) -> Result<()> {
        self.require_worker(&p.worker_id)?;
        self.write(|tx| tx.insert(p))
    }

    pub fn delete_plan_review(&mut self, id: &str) -> Result<()> {
        self.write(|tx| tx.delete::<PlanReview>(id))
    }

    /// A worker's live plan reviews, newest first.
    pub fn plan_reviews_for(&self, worker_id: &str) -> Result<Vec<PlanReview>> {
        let sql = format!(
            "SELECT {} FROM plan_reviews WHERE worker_id = ?1 AND deleted = 0
             ORDER BY date DESC, id DESC",
            record::select_columns::<PlanReview>()
        );
        let mut stmt = self.conn().prepare_cached(&sql).during(Task::ReadRecords)?;
        let rows = stmt
            .query_map([worker_id], PlanReview::from_row)
            .during(Task::ReadRecords)?;
        rows.collect::<rusqlite::Result<_>>()
            .during(Task::ReadRecords)
    }
}
