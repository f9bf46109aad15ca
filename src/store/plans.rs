//! The support plan: versions, their short-term goals and a review's
//! evaluations, as three synced kinds; and the older log of plan reviews.
//!
//! Goals and evaluations are records of their own, not a list serialised into
//! the version: each goal's text fields are note fields, so two laptops editing
//! different goals (or the same one) offline merge field by field, and
//! concurrent edits of one text are kept as a conflict like a contact's notes.
//! A serialised list would be one field, decided by the clock, losing one side.

use chrono::NaiveDate;

use super::columns::entity;

use super::Store;
use super::record::{self, Entity};
use crate::domain::plan::{Plan, PlanEvaluation, PlanGoal, PlanVersion};
use crate::domain::{PlanReview, validate};
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

entity! {
    PlanVersion {
        kind: "plan_version",
        table: "plan_versions",
        notes: ["handover", "agencies", "health", "living", "long_term_goal", "remarks"],
        columns: {
            "worker_id" => worker_id,
            "version" => version,
            "date" => date,
            "previous_id" => previous_id,
            "stage" => stage,
            "handover" => handover,
            "employer" => employer,
            "workplace" => workplace,
            "job" => job,
            "hours_per_week" => hours_per_week,
            "work_days" => work_days,
            "agencies" => agencies,
            "health" => health,
            "living" => living,
            "long_term_goal" => long_term_goal,
            "explained_on" => explained_on,
            "share_with" => share_with,
            "remarks" => remarks,
            "recorded_by" => recorded_by,
            "superseded_by" => superseded_by,
            "consent" => consent,
        },
    }
}

entity! {
    PlanGoal {
        kind: "plan_goal",
        table: "plan_goals",
        notes: ["goal", "policy", "content"],
        columns: {
            "plan_id" => plan_id,
            "position" => position,
            "domain" => domain,
            "goal" => goal,
            "policy" => policy,
            "content" => content,
            "period" => period,
            "frequency" => frequency,
        },
    }
}

entity! {
    PlanEvaluation {
        kind: "plan_evaluation",
        table: "plan_evaluations",
        notes: ["effect", "satisfaction", "remaining", "countermeasure"],
        columns: {
            "plan_id" => plan_id,
            "goal_id" => goal_id,
            "achievement" => achievement,
            "effect" => effect,
            "satisfaction" => satisfaction,
            "remaining" => remaining,
            "countermeasure" => countermeasure,
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
        self.rows_where::<PlanReview>("worker_id = ?1", worker_id, "date DESC, id DESC")
    }

    /// Saves a new plan version with its goals and evaluations, in one
    /// transaction, after checking it against the worker, the version it
    /// reviews and `today` (nothing is saved when a check fails).
    pub fn add_plan(&mut self, plan: &Plan, today: NaiveDate) -> Result<()> {
        let worker = self.require_worker(&plan.version.worker_id)?;
        let previous = match plan.version.previous_id.as_str() {
            "" => None,
            id => self.plan(id)?.filter(|p| p.version.worker_id == worker.id),
        };
        if previous.is_none() && !plan.version.previous_id.is_empty() {
            return Err(validate::Invalid::PlanPrevious.into());
        }
        self.require_no_fork(&worker.id)?;
        validate::plan(plan, &worker, previous.as_ref(), today)?;
        self.write(|tx| {
            tx.insert(&plan.version)?;
            for g in &plan.goals {
                tx.insert(g)?;
            }
            for e in &plan.evaluations {
                tx.insert(e)?;
            }
            Ok(())
        })
    }

    /// Saves changes to a stored version (a typo fixed, an evaluation
    /// completed): its fields, goals and evaluations, checked as for a new
    /// one; goals and evaluations no longer listed are deleted, new ones
    /// added. Each changed field is logged, so concurrent edits of a text on
    /// two laptops become a conflict. The version stays with its worker and
    /// the version it reviews.
    pub fn update_plan(&mut self, plan: &Plan, today: NaiveDate) -> Result<()> {
        let stored = self
            .plan(&plan.version.id)?
            .ok_or_else(|| crate::Error::NotFound {
                kind: "plan version",
                id: plan.version.id.clone(),
            })?;
        if stored.version.worker_id != plan.version.worker_id
            || stored.version.previous_id != plan.version.previous_id
        {
            return Err(validate::Invalid::PlanPrevious.into());
        }
        let worker = self.require_worker(&plan.version.worker_id)?;
        let previous = match plan.version.previous_id.as_str() {
            "" => None,
            id => self.plan(id)?,
        };
        validate::plan(plan, &worker, previous.as_ref(), today)?;
        self.write(|tx| {
            tx.update(&plan.version)?;
            for g in &stored.goals {
                if !plan.goals.iter().any(|n| n.id == g.id) {
                    tx.delete::<PlanGoal>(&g.id)?;
                }
            }
            for g in &plan.goals {
                if stored.goals.iter().any(|s| s.id == g.id) {
                    tx.update(g)?;
                } else {
                    tx.insert(g)?;
                }
            }
            for e in &stored.evaluations {
                if !plan.evaluations.iter().any(|n| n.id == e.id) {
                    tx.delete::<PlanEvaluation>(&e.id)?;
                }
            }
            for e in &plan.evaluations {
                if stored.evaluations.iter().any(|s| s.id == e.id) {
                    tx.update(e)?;
                } else {
                    tx.insert(e)?;
                }
            }
            Ok(())
        })
    }

    /// One plan version with its goals and evaluations.
    pub fn plan(&self, version_id: &str) -> Result<Option<Plan>> {
        let Some(version) = record::get::<PlanVersion>(self.conn(), version_id)? else {
            return Ok(None);
        };
        Ok(Some(self.with_parts(version)?))
    }

    /// Every live version of a worker's plan, oldest first (by date, then
    /// version number; two laptops may each have reviewed the same version).
    pub fn plans_for(&self, worker_id: &str) -> Result<Vec<Plan>> {
        self.rows_where::<PlanVersion>("worker_id = ?1", worker_id, "date, version, id")?
            .into_iter()
            .map(|v| self.with_parts(v))
            .collect()
    }

    /// The short-term goals of the worker's latest plan, in order: what a
    /// month's report aims at unless the supporter writes otherwise.
    pub fn plan_goal_texts(&self, worker_id: &str) -> Result<Vec<String>> {
        Ok(self
            .latest_plan(worker_id)?
            .map(|p| p.goals.iter().map(|g| g.goal.clone()).collect())
            .unwrap_or_default())
    }

    /// The newest version of a worker's plan in force: of two made from the
    /// same version on two laptops (an open fork), the later; a version
    /// superseded by a choice or a merge is history, never the latest.
    pub fn latest_plan(&self, worker_id: &str) -> Result<Option<Plan>> {
        let versions = self.fork_rows(worker_id)?;
        let Some(latest) = crate::domain::plan_fork::current(&versions).pop() else {
            return Ok(None);
        };
        self.plan(&latest.id)
    }

    /// Every live version (of one worker, or of all when `worker_id` is
    /// empty), without goals, oldest first: what forks are found in.
    pub(crate) fn fork_rows(&self, worker_id: &str) -> Result<Vec<PlanVersion>> {
        self.rows_where::<PlanVersion>(
            "(?1 = '' OR worker_id = ?1)",
            worker_id,
            "date, version, id",
        )
    }

    fn with_parts(&self, version: PlanVersion) -> Result<Plan> {
        let goals = self.rows_where::<PlanGoal>("plan_id = ?1", &version.id, "position, id")?;
        let evaluations = self.rows_where::<PlanEvaluation>("plan_id = ?1", &version.id, "id")?;
        Ok(Plan {
            version,
            goals,
            evaluations,
        })
    }

    fn rows_where<E: Entity>(&self, filter: &str, arg: &str, order: &str) -> Result<Vec<E>> {
        let sql = format!(
            "SELECT {} FROM {} WHERE {filter} AND deleted = 0 ORDER BY {order}",
            record::select_columns::<E>(),
            E::TABLE
        );
        let mut stmt = self.conn().prepare_cached(&sql).during(Task::ReadRecords)?;
        let rows = stmt
            .query_map([arg], E::from_row)
            .during(Task::ReadRecords)?;
        rows.collect::<rusqlite::Result<_>>()
            .during(Task::ReadRecords)
    }
}
