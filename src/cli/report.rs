//! `teichaku report <worker> --month YYYY-MM [--format md|txt|html] [--for worker|employer]
//! [--out FILE [--force]]` prints (or writes) a monthly support report; `report draft|set|finalise|list` make and
//! change them, one scriptable step at a time.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::{Ctx, args};
use crate::domain::closed;
use crate::domain::codes::code_enum;
use crate::domain::dates::YearMonth;
use crate::domain::report::{Report, ReportField};
use crate::domain::schedule::ContactFact;
use crate::domain::validate;
use crate::error::{Error, Result};
use crate::i18n::Msg;
use crate::render::html::report::{self as html, Letterhead};
use crate::render::report::{self as render, Attachments, Audience, Format};
use crate::store;

code_enum! {
    /// `--format`.
    FormatArg, "format" {
        Md = "md", "Markdown", "Markdown";
        Txt = "txt", "テキスト", "plain text";
        Html = "html", "印刷用 HTML", "HTML for printing";
    }
}

code_enum! {
    /// `--for`.
    AudienceArg, "audience" {
        Worker = "worker", "本人", "the worker";
        Employer = "employer", "事業主", "the employer";
    }
}

code_enum! {
    /// `--consent`.
    YesNo, "answer" {
        Yes = "yes", "はい", "yes";
        No = "no", "いいえ", "no";
    }
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct ReportArgs {
    #[command(subcommand)]
    cmd: Option<ReportCmd>,
    /// 利用者（ID か名前）/ the worker
    #[arg(required = true)]
    worker: Option<String>,
    /// 対象月 YYYY-MM（省略時は今月）/ the month, this month if omitted
    #[arg(long)]
    month: Option<String>,
    /// md | txt | html（印刷用）
    #[arg(long, default_value = "md")]
    format: String,
    /// worker（本人用）| employer（事業主用: 共有する項目だけ）
    #[arg(long = "for", default_value = "worker")]
    audience: String,
    /// 画面でなくこのファイルに書き出す / write to this file instead of the screen
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// --out のファイルが既にあれば上書きする / replace the --out file if it exists
    #[arg(long, requires = "out")]
    force: bool,
}

#[derive(Debug, Subcommand)]
pub enum ReportCmd {
    /// 今月の連絡記録から下書きを作る / draft from the month's contacts
    Draft {
        worker: String,
        #[arg(long)]
        month: Option<String>,
        /// 既存の下書きの「支援実施の内容」を記録から作り直す / refill 支援実施の内容
        #[arg(long)]
        refill: bool,
    },
    /// 項目・共有・同意・本人確認を設定 / set a field, sharing, consent, confirmation
    Set(Box<SetArgs>),
    /// 確定する（--undo で取り消し）/ finalise (or reopen with --undo)
    Finalise {
        worker: String,
        #[arg(long)]
        month: Option<String>,
        /// 本人確認の日 YYYY-MM-DD / day the worker confirmed it
        #[arg(long)]
        confirmed: Option<String>,
        /// 提供日（本人に渡した日）YYYY-MM-DD / day it was handed to the worker
        #[arg(long)]
        handed: Option<String>,
        #[arg(long)]
        undo: bool,
    },
    /// 支援レポートの一覧 / list a worker's reports
    List {
        worker: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct SetArgs {
    worker: String,
    #[arg(long)]
    month: Option<String>,
    /// goals | done | result | selfreports | next | worker_actions | employer_actions | shared
    #[arg(long, requires = "content")]
    field: Option<String>,
    /// 項目の本文 / the field's text
    #[arg(long, group = "content", allow_hyphen_values = true)]
    text: Option<String>,
    /// 本文をファイルから（- は標準入力）/ read the text from a file (- for stdin)
    #[arg(long, group = "content", value_name = "PATH")]
    file: Option<PathBuf>,
    /// 事業主と共有する項目（複数可）/ fields the employer may see
    #[arg(long)]
    share: Vec<String>,
    /// 共有をやめる項目 / fields the employer may no longer see
    #[arg(long)]
    unshare: Vec<String>,
    /// 本人の同意（事業主への共有）yes|no / the worker's consent to share
    #[arg(long)]
    consent: Option<String>,
    /// 本人確認の日 YYYY-MM-DD（"" で取り消し）/ day the worker confirmed
    #[arg(long)]
    confirmed: Option<String>,
    /// 提供日 YYYY-MM-DD（"" で取り消し）/ day it was handed to the worker
    #[arg(long)]
    handed: Option<String>,
}

fn month(ctx: &Ctx, input: Option<&str>) -> Result<YearMonth> {
    match input {
        None => Ok(YearMonth::of(ctx.today)),
        Some(s) => YearMonth::parse(s).ok_or_else(|| Error::BadMonth {
            input: s.to_string(),
        }),
    }
}

/// Whether the month had a face-to-face (or video) contact with the worker.
fn met_face_to_face(ctx: &Ctx, worker_id: &str, m: YearMonth) -> Result<bool> {
    Ok(ctx
        .store
        .contacts_for(worker_id)?
        .iter()
        .any(|c| m.contains(c.date) && ContactFact::from(c).meets_worker()))
}

fn existing(ctx: &Ctx, worker_id: &str, m: YearMonth) -> Result<Report> {
    ctx.store
        .report_for(worker_id, m)?
        .ok_or_else(|| Error::NoReport {
            month: m.to_string(),
        })
}

pub fn run(ctx: &mut Ctx, a: ReportArgs) -> Result<()> {
    let Some(cmd) = a.cmd else {
        return show(ctx, &a);
    };
    match cmd {
        ReportCmd::Draft {
            worker,
            month: m,
            refill,
        } => {
            let w = ctx.store.resolve_worker(&worker)?;
            let m = month(ctx, m.as_deref())?;
            validate::report_month(m, ctx.today)?;
            // Flagged closed-employment contacts stay out of the draft, whose
            // fields may be shared with the employer.
            let contacts = closed::employer_safe(&w, ctx.store.contacts_for(&w.id)?);
            match ctx.store.report_for(&w.id, m)? {
                None => {
                    let mut r =
                        Report::draft(store::new_id(), w.id.clone(), m, &contacts, ctx.lang);
                    // The month's goals come from the plan's short-term goals.
                    r.default_goals(&ctx.store.plan_goal_texts(&w.id)?);
                    r.note_selfreports(ctx.store.selfreport_sentence(&w, m, ctx.lang)?);
                    ctx.store.add_report(&r)?;
                    ctx.line(format!(
                        "{}: {} {m}",
                        Msg::ReportDrafted.text(ctx.lang),
                        w.display_name
                    ));
                }
                Some(mut r) if refill => {
                    let text = crate::domain::report::draft_done(&contacts, m, ctx.lang);
                    r.set_text(ReportField::Done, text);
                    ctx.store.update_report(&r)?;
                    ctx.line(format!(
                        "{}: {} {m}",
                        Msg::ReportDrafted.text(ctx.lang),
                        w.display_name
                    ));
                }
                Some(_) => ctx.line(Msg::ReportAlreadyThere.text(ctx.lang)),
            }
        }
        ReportCmd::Set(s) => set(ctx, *s)?,
        ReportCmd::Finalise {
            worker,
            month: m,
            confirmed,
            handed,
            undo,
        } => {
            let w = ctx.store.resolve_worker(&worker)?;
            let m = month(ctx, m.as_deref())?;
            let mut r = existing(ctx, &w.id, m)?;
            if !undo {
                if let Some(d) = &confirmed {
                    r.confirmed_on = args::opt_date("confirmation date", d)?;
                }
                if let Some(d) = &handed {
                    r.handed_on = args::opt_date("handed over date", d)?;
                }
                if !r.finalised {
                    validate::report_finalise(&r, &w, ctx.today)?;
                }
            }
            r.finalised = !undo;
            // A warning, not a refusal: the report may still be given.
            if !undo && !met_face_to_face(ctx, &w.id, m)? {
                ctx.line(crate::i18n::no_face_to_face_warning(m, ctx.lang));
            }
            let changed = ctx.store.update_report(&r)?;
            let msg = match (changed, undo) {
                (0, _) => Msg::NoChange,
                (_, false) => Msg::ReportFinalisedNow,
                (_, true) => Msg::ReportReopened,
            };
            ctx.line(msg.text(ctx.lang));
        }
        ReportCmd::List { worker, json } => {
            let w = ctx.read_worker(&worker)?;
            let list = ctx.store.reports_for(&w.id)?;
            let waived = ctx
                .store
                .waivers_of(&w.id, crate::domain::waiver::WaivedDuty::Report)?;
            if json {
                ctx.json(&list);
            } else if list.is_empty() && waived.is_empty() {
                ctx.line(Msg::NoReports.text(ctx.lang));
            } else {
                for r in &list {
                    let state = crate::i18n::documents::report_state(r, ctx.lang);
                    ctx.line(format!("{}  {state}", r.month));
                }
                // Months with no report, waived with a reason.
                for v in &waived {
                    ctx.line(crate::i18n::waiver::waiver_line(v, ctx.lang));
                }
            }
        }
    }
    Ok(())
}

fn show(ctx: &mut Ctx, a: &ReportArgs) -> Result<()> {
    let format = args::choice::<FormatArg>(&a.format)?;
    let audience = match args::choice::<AudienceArg>(&a.audience)? {
        AudienceArg::Worker => Audience::Worker,
        AudienceArg::Employer => Audience::Employer,
    };
    let w = ctx
        .store
        .resolve_worker(a.worker.as_deref().unwrap_or(""))?;
    let m = month(ctx, a.month.as_deref())?;
    let r = existing(ctx, &w.id, m)?;
    if audience == Audience::Employer {
        // A report drafted on a laptop that did not know the worker is closed
        // may quote a flagged record: refused until the flags are resolved.
        let flagged = ctx.store.closed_flags_in_month(&w, m)?;
        if flagged > 0 {
            return Err(crate::error::Error::ClosedEmploymentFlagged { records: flagged });
        }
    }
    let text = match format {
        FormatArg::Html => {
            let head = Letterhead {
                agency: &ctx.settings.agency_name,
                supporter: &ctx.settings.staff_name,
            };
            html::report(&r, &w, head, audience, ctx.lang)?
        }
        // The month's radar summary will be attached here once the checklists
        // can render one (Attachments::radar_summary).
        FormatArg::Md | FormatArg::Txt => {
            let format = if format == FormatArg::Md {
                Format::Markdown
            } else {
                Format::Text
            };
            render::render(&r, &w, audience, format, ctx.lang, Attachments::default())?
        }
    };
    let what = format!("report {m} {} {}", a.audience, a.format);
    ctx.log_document(&w.id, &what, a.out.as_deref())?;
    ctx.emit(&text, a.out.as_deref(), a.force)
}

fn set(ctx: &mut Ctx, s: SetArgs) -> Result<()> {
    let w = ctx.store.resolve_worker(&s.worker)?;
    let m = month(ctx, s.month.as_deref())?;
    let (mut r, is_new) = match ctx.store.report_for(&w.id, m)? {
        Some(r) => (r, false),
        None => (Report::new(store::new_id(), w.id.clone(), m), true),
    };
    if let Some(f) = &s.field {
        let field: ReportField = args::choice(f)?;
        let text = match (&s.text, &s.file) {
            (Some(t), _) => t.clone(),
            (None, Some(path)) => args::read_text(path)?,
            (None, None) => String::new(),
        };
        r.set_text(field, text);
    }
    for (list, on) in [(&s.share, true), (&s.unshare, false)] {
        for f in args::choices::<ReportField>(list)? {
            if on && !f.shareable() {
                return Err(validate::Invalid::ReportNeverShared.into());
            }
            r.set_shared(f, on);
        }
    }
    if let Some(c) = &s.consent {
        r.employer_consent = args::choice::<YesNo>(c)? == YesNo::Yes;
    }
    if let Some(d) = &s.confirmed {
        r.confirmed_on = args::opt_date("confirmation date", d)?;
    }
    if let Some(d) = &s.handed {
        r.handed_on = args::opt_date("handed over date", d)?;
    }
    validate::report_dates(&r, &w, ctx.today)?;
    let changed = if is_new {
        ctx.store.add_report(&r)?;
        1
    } else {
        ctx.store.update_report(&r)?
    };
    let msg = if changed == 0 {
        Msg::NoChange.text(ctx.lang).to_string()
    } else {
        format!("{}: {} {m}", Msg::Saved.text(ctx.lang), w.display_name)
    };
    ctx.line(msg);
    Ok(())
}
