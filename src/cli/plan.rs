//! `teichaku plan show|new|review|list`: the support plan (就労定着支援計画).
//!
//! The fields of a version come from a TOML or JSON file (`--file`, `-` for
//! standard input; JSON when the file starts with `{`): the version's fields,
//! `[[goal]]` tables for the short-term goals and, for a review,
//! `[[evaluation]]` tables naming a goal of the reviewed version by its number
//! (README, "The support plan"). A review starts from the latest version: a
//! field the file leaves out keeps its value, and the goals are kept unless
//! the file lists new ones. `plan review WORKER --note …` (the older review
//! log's form) still works once a plan exists: the note becomes the review's
//! remarks.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use serde::Deserialize;

use super::{Ctx, args};
use crate::domain::Code;
use crate::domain::codes::code_enum;
use crate::domain::plan::{
    Achievement, GoalDomain, Plan, PlanEvaluation, PlanGoal, Stage, focus_lines,
};
use crate::domain::validate::Invalid;
use crate::error::{Error, Result};
use crate::i18n::PlanText;
use crate::{render, store};

code_enum! {
    /// `plan show --format`.
    PlanFormat, "format" {
        Text = "text", "テキスト", "text";
        Html = "html", "印刷用 HTML", "HTML for printing";
    }
}

#[derive(Debug, Subcommand)]
pub enum PlanCmd {
    /// 支援計画を表示（省略時は最新の版）/ show the plan (the latest version by default)
    Show {
        /// 利用者（ID か名前）/ the worker
        worker: String,
        /// 版の番号 / version number
        #[arg(long)]
        version: Option<u32>,
        #[arg(long, conflicts_with = "format")]
        json: bool,
        /// text | html（印刷用）
        #[arg(long, default_value = "text")]
        format: String,
        /// 画面でなくこのファイルに書き出す / write to this file instead of the screen
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// --out のファイルが既にあれば上書きする / replace the --out file if it exists
        #[arg(long, requires = "out")]
        force: bool,
    },
    /// 最初の支援計画を作成 / make the first plan
    New(VersionArgs),
    /// 支援計画を見直す（新しい版を作る）/ review the plan: a new version
    Review(VersionArgs),
    /// 版と以前の見直し記録の一覧 / list the versions (and the older review log)
    List {
        worker: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, clap::Args)]
pub struct VersionArgs {
    /// 利用者（ID か名前）/ the worker
    worker: String,
    /// 項目のファイル（TOML か JSON、- は標準入力）/ fields from a TOML or JSON file (- for stdin)
    #[arg(long)]
    file: Option<PathBuf>,
    /// 作成日・見直し日（省略時は今日）/ date, today if omitted
    #[arg(long)]
    date: Option<String>,
    /// 備考・見直しの所見 / remarks
    #[arg(long, allow_hyphen_values = true)]
    note: Option<String>,
    /// 記録者 / recorded by
    #[arg(long)]
    by: Option<String>,
    /// 別々のパソコンで同じ版から作られた版をまとめた版にする（あとの版から始める）/ make the merge of the versions made from the same version on two laptops (starting from the later)
    #[arg(long)]
    merge: bool,
    #[arg(long)]
    json: bool,
}

/// What a plan file may hold; every field optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanFile {
    date: Option<String>,
    stage: Option<Stage>,
    handover: Option<String>,
    employer: Option<String>,
    workplace: Option<String>,
    job: Option<String>,
    hours_per_week: Option<Hours>,
    work_days: Option<String>,
    agencies: Option<String>,
    health: Option<String>,
    living: Option<String>,
    long_term_goal: Option<String>,
    explained_on: Option<String>,
    /// The worker agreed to the plan as explained (本人の同意).
    consent: Option<bool>,
    share_with: Option<String>,
    remarks: Option<String>,
    recorded_by: Option<String>,
    #[serde(default, alias = "goals")]
    goal: Option<Vec<GoalFile>>,
    #[serde(default, alias = "evaluations")]
    evaluation: Vec<EvaluationFile>,
}

/// Hours as a number or as text.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Hours {
    Number(f64),
    Text(String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct GoalFile {
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
struct EvaluationFile {
    /// The goal's number in the reviewed version.
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

fn read_file(path: &Path) -> Result<PlanFile> {
    let text = args::read_text(path)?;
    let bad = |detail: String| Error::PlanFile { detail };
    if text.trim_start().starts_with('{') {
        serde_json::from_str(&text).map_err(|e| bad(e.to_string()))
    } else {
        toml::from_str(&text).map_err(|e| bad(e.message().to_string()))
    }
}

/// Puts the file's fields over `plan` (pre-filled from the last version).
fn apply(plan: &mut Plan, file: PlanFile, previous: Option<&Plan>) -> Result<()> {
    let v = &mut plan.version;
    if let Some(d) = file.date {
        v.date = args::date("plan date", &d)?;
    }
    if let Some(d) = file.explained_on {
        v.explained_on = match d.trim() {
            "" => None,
            d => Some(args::date("explained on", d)?),
        };
    }
    let text = |dst: &mut String, src: Option<String>| {
        if let Some(s) = src {
            *dst = s;
        }
    };
    if let Some(c) = file.consent {
        v.consent = c;
    }
    if let Some(s) = file.stage {
        v.stage = s;
    }
    text(&mut v.handover, file.handover);
    text(&mut v.employer, file.employer);
    text(&mut v.workplace, file.workplace);
    text(&mut v.job, file.job);
    match file.hours_per_week {
        Some(Hours::Number(h)) => v.hours_per_week = format!("{h}"),
        Some(Hours::Text(h)) => v.hours_per_week = h,
        None => {}
    }
    text(&mut v.work_days, file.work_days);
    text(&mut v.agencies, file.agencies);
    text(&mut v.health, file.health);
    text(&mut v.living, file.living);
    text(&mut v.long_term_goal, file.long_term_goal);
    text(&mut v.share_with, file.share_with);
    text(&mut v.remarks, file.remarks);
    text(&mut v.recorded_by, file.recorded_by);
    let plan_id = v.id.clone();
    if let Some(goals) = file.goal {
        plan.goals = goals
            .into_iter()
            .enumerate()
            .map(|(i, g)| PlanGoal {
                id: store::new_id(),
                plan_id: plan_id.clone(),
                position: u32::try_from(i + 1).unwrap_or(u32::MAX),
                domain: g.domain,
                goal: g.goal,
                policy: g.policy,
                content: g.content,
                period: g.period,
                frequency: g.frequency,
            })
            .collect();
    }
    for e in file.evaluation {
        let goal = previous.and_then(|p| p.goals.iter().find(|g| g.position == e.goal));
        let Some(goal) = goal else {
            return Err(Invalid::EvaluationUnknownGoal(e.goal.to_string()).into());
        };
        if plan.evaluation_of(&goal.id).is_some() {
            return Err(Invalid::EvaluationTwice(e.goal.to_string()).into());
        }
        plan.evaluations.push(PlanEvaluation {
            id: store::new_id(),
            plan_id: plan_id.clone(),
            goal_id: goal.id.clone(),
            achievement: e.achievement,
            effect: e.effect,
            satisfaction: e.satisfaction,
            remaining: e.remaining,
            countermeasure: e.countermeasure,
        });
    }
    Ok(())
}

fn save_version(ctx: &mut Ctx, a: VersionArgs, review: bool) -> Result<()> {
    if a.merge {
        return save_merge(ctx, a);
    }
    let w = ctx.store.resolve_worker(&a.worker)?;
    let last = ctx.store.latest_plan(&w.id)?;
    match (&last, review) {
        (None, true) => return Err(Error::NoPlan),
        (Some(_), false) => return Err(Error::PlanExists),
        _ => {}
    }
    // Read everything that can fail before anything is built or saved.
    let file = match &a.file {
        Some(path) => read_file(path)?,
        None => PlanFile::default(),
    };
    let date = match &a.date {
        Some(d) => args::date("plan date", d)?,
        None => ctx.today,
    };
    let assessments = ctx.store.assessments_for(&w.id)?;
    let checklists = crate::checklists::Catalogue::load(&crate::paths::config_dir());
    let focus = focus_lines(&checklists.instruments, &assessments);
    let mut plan = Plan::next(&w, last.as_ref(), date, &focus, store::new_id);
    plan.version.recorded_by = a.by.unwrap_or_else(|| ctx.settings.staff_name.clone());
    apply(&mut plan, file, last.as_ref())?;
    if let Some(note) = a.note {
        plan.version.remarks = note;
    }
    ctx.store.add_plan(&plan, ctx.today)?;
    if a.json {
        ctx.json(&plan);
    } else {
        let msg = format!(
            "{}: {}",
            PlanText::Saved.text(ctx.lang),
            render::plan::title(&plan, ctx.lang)
        );
        ctx.line(msg);
    }
    Ok(())
}

/// `plan review --merge`: a new version replacing every head of the open
/// fork, starting from the later head; the file's fields go over it (its
/// evaluations, if it lists any, replace the later head's).
fn save_merge(ctx: &mut Ctx, a: VersionArgs) -> Result<()> {
    let w = ctx.store.resolve_worker(&a.worker)?;
    let Some(fork) = ctx.store.plan_forks(Some(&w.id))?.into_iter().next() else {
        return Err(Error::NoPlanFork);
    };
    let Some(later) = fork.heads.last() else {
        return Err(Error::NoPlanFork);
    };
    let file = match &a.file {
        Some(path) => read_file(path)?,
        None => PlanFile::default(),
    };
    let date = match &a.date {
        Some(d) => args::date("plan date", d)?,
        None => ctx.today,
    };
    let by = a.by.unwrap_or_else(|| ctx.settings.staff_name.clone());
    let mut plan = crate::domain::plan_fork::merged(later, date, &by, store::new_id);
    let previous = match fork.previous_id.as_str() {
        "" => None,
        id => ctx.store.plan(id)?,
    };
    if !file.evaluation.is_empty() {
        plan.evaluations.clear();
    }
    apply(&mut plan, file, previous.as_ref())?;
    if let Some(note) = a.note {
        plan.version.remarks = note;
    }
    ctx.store.merge_plan_fork(&plan, ctx.today)?;
    if a.json {
        ctx.json(&plan);
    } else {
        let msg = format!(
            "{}: {}",
            crate::i18n::plan_fork::merged(fork.heads.len(), ctx.lang),
            render::plan::title(&plan, ctx.lang)
        );
        ctx.line(msg);
    }
    Ok(())
}

/// The versions `plan show` prints: every version numbered `version`
/// (superseded ones too, marked), or without a number the latest in force,
/// with the other heads of its fork while one is open. Oldest first.
fn shown_versions<'p>(
    ctx: &Ctx,
    worker_id: &str,
    plans: &'p [Plan],
    version: Option<u32>,
) -> Result<Vec<&'p Plan>> {
    if let Some(n) = version {
        return Ok(plans.iter().filter(|p| p.version.version == n).collect());
    }
    let Some(latest) = ctx.store.latest_plan(worker_id)? else {
        return Ok(Vec::new());
    };
    let fork = ctx
        .store
        .plan_forks(Some(worker_id))?
        .into_iter()
        .find(|f| f.heads.iter().any(|h| h.version.id == latest.version.id));
    Ok(plans
        .iter()
        .filter(|p| match &fork {
            Some(f) => f.heads.iter().any(|h| h.version.id == p.version.id),
            None => p.version.id == latest.version.id,
        })
        .collect())
}

/// Each version with who made it, when, and whether it was superseded.
fn versions_json(ctx: &Ctx, same: &[&Plan]) -> Result<serde_json::Value> {
    let mut list = Vec::new();
    for p in same {
        let who = ctx.store.plan_authorship(&p.version)?;
        list.push(serde_json::json!({
            "plan": p,
            "made_by": who.staff,
            "device": who.device_id,
            "recorded_at": chrono::DateTime::from_timestamp_millis(who.written_ms)
                .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
            "superseded": ctx.store.plan_superseded(&p.version)?,
        }));
    }
    Ok(serde_json::Value::Array(list))
}

/// The notice of the open fork `plan` is a head of, if it is one.
fn fork_notice(ctx: &Ctx, worker_id: &str, plan: &Plan) -> Result<Option<String>> {
    Ok(ctx
        .store
        .plan_forks(Some(worker_id))?
        .into_iter()
        .find(|f| f.heads.iter().any(|h| h.version.id == plan.version.id))
        .map(|f| crate::i18n::plan_fork::notice(f.version(), f.heads.len(), ctx.lang)))
}

pub fn run(ctx: &mut Ctx, cmd: PlanCmd) -> Result<()> {
    match cmd {
        PlanCmd::New(a) => save_version(ctx, a, false)?,
        PlanCmd::Review(a) => save_version(ctx, a, true)?,
        PlanCmd::Show {
            worker,
            version,
            json,
            format,
            out,
            force,
        } => {
            let html = args::choice::<PlanFormat>(&format)? == PlanFormat::Html;
            // The JSON is no document: it is logged as a read.
            let w = if json {
                ctx.read_worker(&worker)?
            } else {
                ctx.store.resolve_worker(&worker)?
            };
            let plans = ctx.store.plans_for(&w.id)?;
            let same = shown_versions(ctx, &w.id, &plans, version)?;
            // The one a single-version output shows: in force, the later.
            let mut main = same.last().copied();
            for p in same.iter().rev() {
                if !ctx.store.plan_superseded(&p.version)? {
                    main = Some(p);
                    break;
                }
            }
            let Some(plan) = main else {
                return match version {
                    Some(n) => Err(Error::NotFound {
                        kind: "plan version",
                        id: n.to_string(),
                    }),
                    None if json => {
                        ctx.line("null");
                        Ok(())
                    }
                    None => {
                        ctx.line(PlanText::NoPlan.text(ctx.lang));
                        Ok(())
                    }
                };
            };
            let previous = plans
                .iter()
                .find(|p| p.version.id == plan.version.previous_id);
            if json {
                let mut doc = serde_json::json!({
                    "plan": plan,
                    "previous": previous,
                });
                if same.len() > 1 {
                    doc["versions"] = versions_json(ctx, &same)?;
                }
                ctx.json(&doc);
            } else {
                let text = if html {
                    if let Some(notice) = fork_notice(ctx, &w.id, plan)? {
                        eprintln!("{}", crate::text::terminal_safe(&notice));
                    }
                    let head = render::html::report::Letterhead {
                        agency: &ctx.settings.agency_name,
                        supporter: &ctx.settings.staff_name,
                    };
                    render::html::plan::plan(plan, previous, &w, head, ctx.lang)
                } else if same.len() > 1 {
                    let mut t = render::plan_fork::versions(&ctx.store, &same, &plans, ctx.lang)?
                        .join("\n");
                    t.push('\n');
                    t
                } else {
                    let mut t = render::plan::lines(plan, previous, ctx.lang).join("\n");
                    t.push('\n');
                    t
                };
                let what = format!("plan v{}", plan.version.version);
                ctx.log_document(&w.id, &what, out.as_deref())?;
                ctx.emit(&text, out.as_deref(), force)?;
            }
        }
        PlanCmd::List { worker, json } => {
            let w = ctx.read_worker(&worker)?;
            let plans = ctx.store.plans_for(&w.id)?;
            let legacy = ctx.store.plan_reviews_for(&w.id)?;
            if json {
                let versions: Vec<_> = plans.iter().map(|p| &p.version).collect();
                ctx.json(&serde_json::json!({
                    "versions": versions,
                    "review_log": legacy,
                }));
                return Ok(());
            }
            if plans.is_empty() {
                ctx.line(PlanText::NoPlan.text(ctx.lang));
            }
            let forks = ctx.store.plan_forks(Some(&w.id))?;
            for p in &plans {
                let open = forks
                    .iter()
                    .any(|f| f.heads.iter().any(|h| h.version.id == p.version.id));
                let mark = crate::i18n::plan_fork::list_mark(
                    open,
                    ctx.store.plan_superseded(&p.version)?,
                    ctx.lang,
                );
                let kind = if p.is_review() {
                    PlanText::Review.text(ctx.lang)
                } else {
                    PlanText::FirstPlan.text(ctx.lang)
                };
                let line = format!(
                    "v{}  {}  {}  {}  {}{mark}",
                    p.version.version,
                    p.version.date,
                    kind,
                    p.version.stage.label(ctx.lang),
                    crate::text::truncate(&p.version.long_term_goal, 40)
                );
                ctx.line(line);
            }
            if !legacy.is_empty() {
                ctx.line(format!("{}:", PlanText::LegacyReviews.text(ctx.lang)));
                for p in &legacy {
                    ctx.line(format!(
                        "  {}  {}",
                        p.date,
                        p.note.lines().next().unwrap_or("")
                    ));
                }
            }
        }
    }
    Ok(())
}
