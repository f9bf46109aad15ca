//! `teichaku handover decide|share|show`: the decision whether a worker needs
//! continued support after the service (要継続支援), the log of what was
//! shared with the agencies that take over, and the state of the duty.

use clap::Subcommand;
use serde::Serialize;

use super::report::YesNo;
use super::{Ctx, args};
use crate::domain::handover::{self, HandoverDecision, ShareMethod, SharedItem, Sharing};
use crate::domain::schedule::{DueItem, Duty};
use crate::domain::validate::{self, Invalid};
use crate::domain::{Code, Person, Worker};
use crate::error::Result;
use crate::i18n;
use crate::store;

#[derive(Debug, Subcommand)]
pub enum HandoverCmd {
    /// 要継続支援の判断を記録 / record whether support must continue after the service
    Decide {
        /// 利用者（ID か名前）/ the worker
        worker: String,
        /// yes（要継続支援）| no（不要）/ whether support must continue
        #[arg(long)]
        needed: String,
        /// 判断した日（省略時は今日）/ date, today if omitted
        #[arg(long)]
        date: Option<String>,
        /// 理由 / reasons
        #[arg(long, default_value = "", allow_hyphen_values = true)]
        reasons: String,
        /// 記録者 / recorded by
        #[arg(long)]
        by: Option<String>,
    },
    /// 引継ぎ先との共有を記録 / record a sharing with a person of the resource map
    Share(Box<ShareArgs>),
    /// 情報共有シート（印刷用 HTML）: 本人が同意した最新の共有に載る情報だけ /
    /// the handover sheet (HTML for printing), with what the latest consented sharing lists
    Sheet {
        /// 利用者（ID か名前）/ the worker
        worker: String,
        /// この共有先への共有（関係者の名前か ID）/ the sharing with this person (name or id)
        #[arg(long = "with")]
        with: Option<String>,
        /// 画面でなくこのファイルに書き出す / write to this file instead of the screen
        #[arg(long, value_name = "FILE")]
        out: Option<std::path::PathBuf>,
        /// --out のファイルが既にあれば上書きする / replace the --out file if it exists
        #[arg(long, requires = "out")]
        force: bool,
    },
    /// 共有の記録を取り消す（クローズ就労の要確認の解消など）/ withdraw a sharing record
    Withdraw {
        /// 共有の ID（handover show・worker show に表示）/ the sharing's id
        id: String,
    },
    /// 判断・共有の記録・期限の状況 / the decision, the sharing log and the duty
    Show {
        worker: String,
        #[arg(long)]
        json: bool,
    },
}

/// `--what people`: the contacts of the people around the worker.
const PEOPLE: &str = "people";

#[derive(Debug, clap::Args)]
pub struct ShareArgs {
    /// 利用者（ID か名前）/ the worker
    worker: String,
    /// 共有先（関係者の名前か ID）/ the person shared with (name or id)
    #[arg(long = "with")]
    with: String,
    /// plan | reports | checklist_summary | people（関係者の連絡先）| other（複数可）/ what was shared
    #[arg(long, required = true)]
    what: Vec<String>,
    /// meeting | document | phone
    #[arg(long)]
    how: String,
    /// 共有した日（省略時は今日）/ date, today if omitted
    #[arg(long)]
    date: Option<String>,
    /// 本人の同意 yes|no / the worker's consent
    #[arg(long)]
    consent: String,
    /// 共有先が終了後の支援を引き継ぐ機関である / the recipient takes over support
    #[arg(long)]
    takes_over: bool,
    /// 共有した計画の版 / the plan version shared
    #[arg(long, default_value = "")]
    plan_version: String,
    /// メモ / note
    #[arg(long, default_value = "", allow_hyphen_values = true)]
    note: String,
    /// 記録者 / recorded by
    #[arg(long)]
    by: Option<String>,
}

/// `handover show --json`.
#[derive(Serialize)]
struct Shown<'a> {
    worker_id: &'a str,
    decision: Option<&'a HandoverDecision>,
    sharings: &'a [Sharing],
    duty: Option<DueItem>,
}

/// A person of the worker's resource map by id, or by name (spaces ignored),
/// or by a part of the name that only one of them has.
fn find_person<'a>(people: &'a [Person], query: &str) -> Option<&'a Person> {
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let q = squash(query);
    if q.is_empty() {
        return None;
    }
    if let Some(p) = people.iter().find(|p| p.id == q || squash(&p.name) == q) {
        return Some(p);
    }
    let mut parts = people.iter().filter(|p| squash(&p.name).contains(&q));
    match (parts.next(), parts.next()) {
        (Some(p), None) => Some(p),
        _ => None,
    }
}

fn date_or_today(ctx: &Ctx, field: &'static str, input: Option<&str>) -> Result<chrono::NaiveDate> {
    match input {
        Some(d) => args::date(field, d),
        None => Ok(ctx.today),
    }
}

fn handover_duty(ctx: &Ctx, w: &Worker) -> Result<Option<DueItem>> {
    Ok(ctx
        .store
        .duties_for(w, ctx.today)?
        .into_iter()
        .find(|d| d.duty == Duty::Handover))
}

pub fn run(ctx: &mut Ctx, cmd: HandoverCmd) -> Result<()> {
    let l = ctx.lang;
    match cmd {
        HandoverCmd::Decide {
            worker,
            needed,
            date,
            reasons,
            by,
        } => {
            let w = ctx.store.resolve_worker(&worker)?;
            let needs_support = args::choice::<YesNo>(&needed)? == YesNo::Yes;
            let decided_on = date_or_today(ctx, "decision date", date.as_deref())?;
            validate::past_date("decision date", Some(decided_on), &w, ctx.today)?;
            let d = HandoverDecision {
                id: store::new_id(),
                worker_id: w.id.clone(),
                needs_support,
                decided_on,
                reasons,
                recorded_by: by.unwrap_or_else(|| ctx.settings.staff_name.clone()),
            };
            ctx.store.add_handover_decision(&d)?;
            ctx.line(format!(
                "{}: {} {} {}",
                i18n::handover_decided(l),
                w.display_name,
                d.decided_on,
                i18n::handover_needs(d.needs_support, l)
            ));
        }
        HandoverCmd::Share(s) => {
            let s = *s;
            let w = ctx.store.resolve_worker(&s.worker)?;
            let people = ctx.store.people_for(&w.id)?;
            let person = find_person(&people, &s.with).ok_or(Invalid::NotInResourceMap)?;
            // `people` (the resource map's contacts) is a flag of its own.
            let people_too = s.what.iter().any(|w| w.trim() == PEOPLE);
            let what: Vec<String> = s
                .what
                .iter()
                .filter(|w| w.trim() != PEOPLE)
                .cloned()
                .collect();
            let items = args::choices::<SharedItem>(&what)?;
            let method = args::choice::<ShareMethod>(&s.how)?;
            let consent = args::choice::<YesNo>(&s.consent)? == YesNo::Yes;
            let date = date_or_today(ctx, "sharing date", s.date.as_deref())?;
            validate::past_date("sharing date", Some(date), &w, ctx.today)?;
            let sharing = Sharing {
                id: store::new_id(),
                worker_id: w.id.clone(),
                person_id: person.id.clone(),
                items,
                plan_version: s.plan_version,
                method,
                date,
                consent,
                takes_over: s.takes_over,
                people: people_too,
                note: s.note,
                recorded_by: s.by.unwrap_or_else(|| ctx.settings.staff_name.clone()),
            };
            ctx.store.add_sharing(&sharing)?;
            ctx.line(format!(
                "{}: {} → {} {}",
                i18n::handover_shared(l),
                w.display_name,
                person.name,
                sharing.date
            ));
            if !sharing.counts(Some(person), &w) {
                ctx.line(i18n::handover_sharing_not_counted(l));
            }
        }
        HandoverCmd::Sheet {
            worker,
            with,
            out,
            force,
        } => {
            let w = ctx.read_worker(&worker)?;
            let person = match with {
                Some(q) => {
                    let people = ctx.store.people_for(&w.id)?;
                    let p = find_person(&people, &q).ok_or(Invalid::NotInResourceMap)?;
                    Some(p.id.clone())
                }
                None => None,
            };
            let checklists = super::checklist::catalogue(ctx);
            let head = crate::render::html::report::Letterhead {
                agency: &ctx.settings.agency_name,
                supporter: &ctx.settings.staff_name,
            };
            let (_, html) = crate::print::handover::document(
                &ctx.store,
                &checklists,
                &w,
                person.as_deref(),
                head,
                l,
            )?;
            ctx.emit(&html, out.as_deref(), force)?;
        }
        HandoverCmd::Withdraw { id } => {
            let s = ctx.store.withdraw_sharing(id.trim())?;
            ctx.line(format!(
                "{}: {} [{}]",
                i18n::handover_withdrawn(l),
                s.date,
                s.id
            ));
        }
        HandoverCmd::Show { worker, json } => {
            let w = ctx.read_worker(&worker)?;
            let decisions = ctx.store.handover_decisions_for(&w.id)?;
            let sharings = ctx.store.sharings_for(&w.id)?;
            let duty = handover_duty(ctx, &w)?;
            if json {
                ctx.json(&Shown {
                    worker_id: &w.id,
                    decision: handover::current_decision(&decisions),
                    sharings: &sharings,
                    duty,
                });
                return Ok(());
            }
            let people = ctx.store.people_for(&w.id)?;
            let conflicts = ctx.store.closed_conflicts(&w)?;
            let flagged: Vec<&str> = conflicts.iter().map(|c| c.id()).collect();
            ctx.line(format!("{} — {}", i18n::handover_title(l), w.display_name));
            ctx.line(i18n::handover_duty_heading(l));
            ctx.line(format!("  {}", i18n::handover_duty_line(duty.as_ref(), l)));
            for v in ctx.store.handover_waivers(&w.id)? {
                ctx.line(format!("  {}", i18n::waiver::waiver_line(&v, l)));
            }
            ctx.line(i18n::handover_decision_heading(l));
            match handover::current_decision(&decisions) {
                None => ctx.line(format!("  {}", i18n::handover_undecided(l))),
                Some(d) => {
                    ctx.line(format!(
                        "  {}  {}",
                        d.decided_on,
                        i18n::handover_needs(d.needs_support, l)
                    ));
                    if !d.reasons.is_empty() {
                        ctx.line(format!("    {}", d.reasons));
                    }
                }
            }
            ctx.line(i18n::handover_log_heading(l));
            if sharings.is_empty() {
                ctx.line(format!("  {}", i18n::handover_no_sharing(l)));
            }
            for s in &sharings {
                let who = people
                    .iter()
                    .find(|p| p.id == s.person_id)
                    .map_or_else(|| i18n::handover_unknown_person(l), |p| p.name.clone());
                let what: Vec<&str> = s.items.iter().map(|i| i.label(l)).collect();
                let flag = if flagged.contains(&s.id.as_str()) {
                    format!("  {}", i18n::handover_sharing_flagged(l))
                } else {
                    String::new()
                };
                ctx.line(format!(
                    "  {}  {}  {}  {}  {}{flag}  [{}]",
                    s.date,
                    s.method.label(l),
                    who,
                    what.join(l.pick("・", ", ")),
                    i18n::handover_flags(s.consent, s.takes_over, l),
                    s.id
                ));
            }
        }
    }
    Ok(())
}
