//! The individual support plan (就労定着支援計画, domain.md "The support plan"):
//! made when the service starts and reviewed at least every six months. Each
//! review is a new [`PlanVersion`] with its own [`PlanGoal`]s, carrying a
//! [`PlanEvaluation`] of each goal of the version before it; old versions stay
//! readable.
//!
//! [`PlanReview`] is the older log of review dates (before plans were kept):
//! still stored and synced, shown by `plan list`, but no longer counted as a
//! plan by the schedule.

use chrono::NaiveDate;
use serde::Serialize;

use super::codes::code_enum;

code_enum! {
    /// Where the worker is on the path of the service (domain.md, "Support stages").
    Stage, "support stage" {
        Exploring = "exploring", "模索期", "exploring";
        Adjusting = "adjusting", "順行期・調整期", "adjusting";
        Stable = "stable", "安定期・自立拡大期", "stable";
        SelfRunning = "self_running", "自走期・支援離脱期", "self-running";
    }
}

code_enum! {
    /// The three domains support covers.
    GoalDomain, "goal domain" {
        Workplace = "workplace", "職場定着", "workplace retention";
        DailyLife = "daily_life", "日常生活", "daily life";
        Community = "community", "地域生活", "community life";
    }
}

code_enum! {
    /// How far a short-term goal was reached at a review.
    Achievement, "achievement" {
        Achieved = "achieved", "達成", "achieved";
        Partly = "partly", "一部達成", "partly achieved";
        NotYet = "not_yet", "未達成", "not yet";
    }
}

/// One version of a worker's plan: the first one, or a review of the one
/// before it (`previous_id`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanVersion {
    pub id: String,
    pub worker_id: String,
    /// 1 for the first plan; one more than the version it reviews.
    pub version: u32,
    /// The day it was made (作成日) or reviewed (見直し日).
    pub date: NaiveDate,
    /// The version this one reviews; empty for the first plan.
    pub previous_id: String,
    pub stage: Stage,
    /// 引継ぎ事項: what the sending agency handed over about the disability.
    pub handover: String,
    pub employer: String,
    pub workplace: String,
    pub job: String,
    /// Working hours per week, as typed (a number: "20", "17.5").
    pub hours_per_week: String,
    /// Working days ("月〜金", "週4日").
    pub work_days: String,
    /// 関係機関: the agencies involved.
    pub agencies: String,
    /// 健康状態.
    pub health: String,
    /// 生活環境と日常生活の支援.
    pub living: String,
    pub long_term_goal: String,
    /// The day it was explained to the worker (and family).
    pub explained_on: Option<NaiveDate>,
    /// The worker agreed to the plan as explained (本人の同意): with
    /// [`Self::explained_on`], what makes the version a plan (domain.md).
    pub consent: bool,
    /// With whom the worker agreed it may be shared; empty: with no one.
    pub share_with: String,
    /// Remarks on the review as a whole (or on the first plan).
    pub remarks: String,
    pub recorded_by: String,
    /// The version chosen over this one, or merged from it, when two were
    /// made from the same version on two laptops ([`open_forks`]); empty
    /// while nobody chose. A superseded version stays in the history.
    pub superseded_by: String,
}

/// A short-term goal of one plan version.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanGoal {
    pub id: String,
    pub plan_id: String,
    /// Order within the version, from 1.
    pub position: u32,
    pub domain: GoalDomain,
    pub goal: String,
    /// 支援方針.
    pub policy: String,
    /// 支援内容.
    pub content: String,
    /// 期間 ("6か月", "2027-03まで").
    pub period: String,
    /// 頻度 ("月2回").
    pub frequency: String,
}

/// A review version's evaluation of one goal of the version it reviews.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanEvaluation {
    pub id: String,
    /// The review version.
    pub plan_id: String,
    /// The goal evaluated, of the reviewed (previous) version.
    pub goal_id: String,
    pub achievement: Achievement,
    /// 支援の効果.
    pub effect: String,
    /// 本人の満足度.
    pub satisfaction: String,
    /// 残された課題.
    pub remaining: String,
    /// 今後の対応.
    pub countermeasure: String,
}

/// Something a plan version lacks ([`Plan::missing`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanMissing {
    /// 長期目標 is empty.
    LongTermGoal,
    /// No short-term goal.
    NoGoal,
    /// The short-term goal at this position has no text.
    GoalText(u32),
    /// The short-term goal at this position has no 支援内容.
    GoalContent(u32),
    /// No day it was explained to the worker.
    ExplainedOn,
    /// The worker's consent is not recorded.
    Consent,
    /// A review without an evaluation of the reviewed version's goal at
    /// this position.
    Evaluation(u32),
}

/// A version with its goals and its evaluations, as saved and read together.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    #[serde(flatten)]
    pub version: PlanVersion,
    pub goals: Vec<PlanGoal>,
    pub evaluations: Vec<PlanEvaluation>,
}

impl Plan {
    /// A new version pre-filled from `last` (its fields and goals, with new
    /// ids), or an empty first plan filled from the worker's record; the
    /// checklist's focus items, if any, are added to the remarks as a starting
    /// point. Evaluations start empty: one per goal of `last` is added by the
    /// caller as the supporter fills them in.
    pub fn next(
        worker: &super::Worker,
        last: Option<&Plan>,
        date: NaiveDate,
        focus: &[String],
        mut new_id: impl FnMut() -> String,
    ) -> Plan {
        let id = new_id();
        let mut version = match last {
            Some(p) => PlanVersion {
                id: id.clone(),
                version: p.version.version.saturating_add(1),
                previous_id: p.version.id.clone(),
                remarks: String::new(),
                superseded_by: String::new(),
                ..p.version.clone()
            },
            None => PlanVersion {
                id: id.clone(),
                worker_id: worker.id.clone(),
                version: 1,
                date,
                previous_id: String::new(),
                stage: Stage::Exploring,
                handover: String::new(),
                employer: worker.employer.clone(),
                workplace: worker.workplace.clone(),
                job: worker.job.clone(),
                hours_per_week: String::new(),
                work_days: String::new(),
                agencies: String::new(),
                health: String::new(),
                living: String::new(),
                long_term_goal: String::new(),
                explained_on: None,
                consent: false,
                share_with: String::new(),
                remarks: String::new(),
                recorded_by: String::new(),
                superseded_by: String::new(),
            },
        };
        version.date = date;
        version.explained_on = None;
        version.consent = false;
        if !focus.is_empty() {
            version.remarks = focus
                .iter()
                .map(|f| format!("・{f}"))
                .collect::<Vec<_>>()
                .join("\n");
        }
        let goals = last
            .map(|p| {
                p.goals
                    .iter()
                    .map(|g| PlanGoal {
                        id: new_id(),
                        plan_id: id.clone(),
                        ..g.clone()
                    })
                    .collect()
            })
            .unwrap_or_default();
        Plan {
            version,
            goals,
            evaluations: Vec::new(),
        }
    }

    /// What this version lacks to be a plan (domain.md, "The support plan"):
    /// a long-term goal, at least one short-term goal, each with its text
    /// and its support content, the day it was explained to the worker and
    /// the worker's consent; for a review (`previous`, the version it
    /// reviews), an evaluation of every goal of `previous`. Empty when
    /// complete. The one rule: saving refuses an incomplete version
    /// (validate::plan) and the schedule counts only complete ones.
    pub fn missing(&self, previous: Option<&Plan>) -> Vec<PlanMissing> {
        let v = &self.version;
        let mut out = Vec::new();
        if v.long_term_goal.trim().is_empty() {
            out.push(PlanMissing::LongTermGoal);
        }
        if self.goals.is_empty() {
            out.push(PlanMissing::NoGoal);
        }
        for g in &self.goals {
            if g.goal.trim().is_empty() {
                out.push(PlanMissing::GoalText(g.position));
            }
            if g.content.trim().is_empty() {
                out.push(PlanMissing::GoalContent(g.position));
            }
        }
        if v.explained_on.is_none() {
            out.push(PlanMissing::ExplainedOn);
        }
        if !v.consent {
            out.push(PlanMissing::Consent);
        }
        if let Some(prev) = previous {
            for g in &prev.goals {
                if self.evaluation_of(&g.id).is_none() {
                    out.push(PlanMissing::Evaluation(g.position));
                }
            }
        }
        out
    }

    /// Whether the version is a whole plan ([`Self::missing`] finds nothing).
    pub fn is_complete(&self, previous: Option<&Plan>) -> bool {
        self.missing(previous).is_empty()
    }

    /// Whether this version reviews an earlier one.
    pub fn is_review(&self) -> bool {
        !self.version.previous_id.is_empty()
    }

    /// The evaluation of `goal_id`, if this version has one.
    pub fn evaluation_of(&self, goal_id: &str) -> Option<&PlanEvaluation> {
        self.evaluations.iter().find(|e| e.goal_id == goal_id)
    }
}

/// The focus items of the latest checklist summary (the instrument of the
/// worker's latest assessment), as lines to start a new version's remarks
/// from: "18. 障害のある従業員が…（2）".
pub fn focus_lines(
    instruments: &[super::checklist::Instrument],
    assessments: &[super::checklist::Assessment],
) -> Vec<String> {
    let Some(latest) = assessments
        .iter()
        .max_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)))
    else {
        return Vec::new();
    };
    let Some(inst) = instruments.iter().find(|i| i.id == latest.instrument) else {
        return Vec::new();
    };
    let Some(summary) = super::checklist_score::summarize(inst, assessments) else {
        return Vec::new();
    };
    summary
        .focus
        .iter()
        .map(|f| {
            let text = inst
                .items()
                .nth(f.number.saturating_sub(1))
                .map_or("", |(_, it)| it.text.as_str());
            format!("{}. {text}（{}）", f.number, f.value)
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanReview {
    pub id: String,
    pub worker_id: String,
    pub date: NaiveDate,
    pub note: String,
    pub recorded_by: String,
}
