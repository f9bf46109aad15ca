//! The demo's support plans (fixtures/demo_plans.toml): versions with their
//! goals and, for a review, the evaluation of each goal of the version before,
//! keyed by the display names of fixtures/demo.toml; built by `demo::Fixtures`.
//! Each version is checked by the same rules as one typed in.

use chrono::{Datelike, Months, NaiveDate};
use serde::Deserialize;

use crate::domain::dates::YearMonth;
use crate::domain::plan::{Achievement, GoalDomain, Plan, PlanEvaluation, PlanGoal, Stage};
use crate::domain::{Worker, validate};
use crate::error::{Error, Result};
use crate::i18n::{Lang, invalid_message};
use crate::store;

pub const DEMO_PLANS_TOML: &str = include_str!("../../fixtures/demo_plans.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fixture {
    worker: Vec<FixtureWorker>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FixtureWorker {
    display_name: String,
    version: Vec<FixtureVersion>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FixtureVersion {
    months_ago: u32,
    day: u32,
    stage: Stage,
    #[serde(default)]
    handover: String,
    #[serde(default)]
    hours_per_week: String,
    #[serde(default)]
    work_days: String,
    #[serde(default)]
    agencies: String,
    #[serde(default)]
    health: String,
    #[serde(default)]
    living: String,
    long_term_goal: String,
    /// Explained to the worker this many days after the version's date.
    explained_after_days: Option<u64>,
    #[serde(default)]
    share_with: String,
    #[serde(default)]
    remarks: String,
    goal: Vec<FixtureGoal>,
    #[serde(default)]
    evaluation: Vec<FixtureEvaluation>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FixtureGoal {
    domain: GoalDomain,
    goal: String,
    #[serde(default)]
    policy: String,
    #[serde(default)]
    content: String,
    #[serde(default)]
    period: String,
    #[serde(default)]
    frequency: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FixtureEvaluation {
    /// The goal's number in the version before.
    goal: u32,
    achievement: Achievement,
    #[serde(default)]
    effect: String,
    #[serde(default)]
    satisfaction: String,
    #[serde(default)]
    remaining: String,
    #[serde(default)]
    countermeasure: String,
}

fn fixture_error(detail: impl Into<String>) -> Error {
    Error::Fixture {
        detail: detail.into(),
    }
}

/// `months` before today's month, on `day` (clamped to the month's last day).
fn day_in(today: NaiveDate, months: u32, day: u32) -> Option<NaiveDate> {
    let month = YearMonth::of(today.checked_sub_months(Months::new(months))?);
    month
        .first_day()
        .with_day(day.clamp(1, month.last_day().day()))
}

pub fn parse(text: &str) -> Result<Fixture> {
    toml::from_str(text).map_err(|e| fixture_error(e.to_string()))
}

/// The plan versions of `fixture` for `workers` (matched by display name),
/// dated from `today`, oldest first per worker.
pub fn build(fixture: &Fixture, workers: &[Worker], today: NaiveDate) -> Result<Vec<Plan>> {
    let mut plans: Vec<Plan> = Vec::new();
    for fw in &fixture.worker {
        let w = workers
            .iter()
            .find(|w| w.display_name == fw.display_name)
            .ok_or_else(|| fixture_error(format!("no worker named {}", fw.display_name)))?;
        let bad_date = || fixture_error(format!("{}: plan date out of range", fw.display_name));
        let mut previous: Option<Plan> = None;
        for fv in &fw.version {
            let date = day_in(today, fv.months_ago, fv.day).ok_or_else(bad_date)?;
            let mut plan = Plan::next(w, previous.as_ref(), date, &[], store::new_id);
            let v = &mut plan.version;
            v.stage = fv.stage;
            v.handover = fv.handover.trim_end().to_string();
            v.hours_per_week = fv.hours_per_week.clone();
            v.work_days = fv.work_days.clone();
            v.agencies = fv.agencies.trim_end().to_string();
            v.health = fv.health.trim_end().to_string();
            v.living = fv.living.trim_end().to_string();
            v.long_term_goal = fv.long_term_goal.trim_end().to_string();
            v.explained_on = fv
                .explained_after_days
                .and_then(|d| date.checked_add_days(chrono::Days::new(d)))
                .map(|d| d.min(today));
            // In the demo a plan explained to the worker was agreed to.
            v.consent = v.explained_on.is_some();
            v.share_with = fv.share_with.clone();
            v.remarks = fv.remarks.trim_end().to_string();
            v.recorded_by = w.staff.clone();
            let plan_id = v.id.clone();
            plan.goals = fv
                .goal
                .iter()
                .enumerate()
                .map(|(i, g)| PlanGoal {
                    id: store::new_id(),
                    plan_id: plan_id.clone(),
                    position: u32::try_from(i + 1).unwrap_or(u32::MAX),
                    domain: g.domain,
                    goal: g.goal.clone(),
                    policy: g.policy.clone(),
                    content: g.content.clone(),
                    period: g.period.clone(),
                    frequency: g.frequency.clone(),
                })
                .collect();
            for e in &fv.evaluation {
                let goal = previous
                    .as_ref()
                    .and_then(|p| p.goals.iter().find(|g| g.position == e.goal))
                    .ok_or_else(|| {
                        fixture_error(format!("{}: no goal {}", fw.display_name, e.goal))
                    })?;
                plan.evaluations.push(PlanEvaluation {
                    id: store::new_id(),
                    plan_id: plan_id.clone(),
                    goal_id: goal.id.clone(),
                    achievement: e.achievement,
                    effect: e.effect.clone(),
                    satisfaction: e.satisfaction.clone(),
                    remaining: e.remaining.clone(),
                    countermeasure: e.countermeasure.clone(),
                });
            }
            validate::plan(&plan, w, previous.as_ref(), today).map_err(|e| {
                fixture_error(format!(
                    "{}: {}",
                    fw.display_name,
                    invalid_message(&e, Lang::En)
                ))
            })?;
            if let Some(p) = previous.replace(plan.clone()) {
                plans.push(p);
            }
        }
        plans.extend(previous);
    }
    Ok(plans)
}
