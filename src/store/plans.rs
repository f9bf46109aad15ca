//! Plan reviews.

use super::columns::entity;

use super::Store;
use super::record::{self, Entity};
use crate::domain::PlanReview;
use crate::error::{DbContext, Result, Task};

entity! {
    PlanReview {
        kind: "plan_review",
        table: "plan_reviews",
        notes: [],
        columns: {
            "worker_id" => worker_id,
            "date" => date,
            "note" => note,
            "recorded_by" => recorded_by,
        },
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
