//! Reviews of the individual support plan (就労定着支援計画), due at least every
//! six months; recorded so the schedule knows when the last one was.

use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanReview {
    pub id: String,
    pub worker_id: String,
    pub date: NaiveDate,
    pub note: String,
    pub recorded_by: String,
}
