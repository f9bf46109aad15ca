//! `teichaku check` (record an assessment) and `teichaku summary` (the radar
//! summary as text or JSON).

use clap::Args;

use super::{Ctx, args};
use crate::checklists::Catalogue;
use crate::domain::checklist::{self, Assessment, Instrument, Respondent};
use crate::domain::checklist_score::{self, summarize};
use crate::domain::codes::code_enum;
use crate::error::{Error, Result};
use crate::i18n::{self, Msg};
use crate::render::html::summary as html;
use crate::render::radar::Glyphs;
use crate::render::summary;
use crate::{paths, store};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// 利用者（ID か名前）/ the worker (id or name)
    worker: String,
    /// チェックリスト: stability | natural_support | employability / the checklist
    instrument: String,
    /// 回答を項目順にカンマ区切りで（例 4,3,-,2,…; - は未確認; - だけなら標準入力）
    /// / answers in item order, comma-separated (- = not assessed; a lone - reads stdin)
    #[arg(long, allow_hyphen_values = true)]
    answers: String,
    /// 実施日（省略時は今日）/ date, today if omitted
    #[arg(long)]
    date: Option<String>,
    /// 回答者 self（本人）| supervisor（上長）| supporter（支援者）| joint（合議）
    #[arg(long, default_value = "self")]
    by: String,
    /// 全体メモ / overall note
    #[arg(long, default_value = "")]
    note: String,
}

#[derive(Debug, Args)]
pub struct SummaryArgs {
    /// 利用者（ID か名前）/ the worker (id or name)
    worker: String,
    /// チェックリスト（省略時は記録のあるすべて）/ the checklist; all with assessments if omitted
    #[arg(long)]
    instrument: Option<String>,
    /// この日までの記録で / as of this date
    #[arg(long)]
    date: Option<String>,
    /// 点字でなく ASCII で描く / draw the radar in ASCII instead of braille
    #[arg(long)]
    ascii: bool,
    #[arg(long, conflicts_with = "format")]
    json: bool,
    /// text | html（印刷用）| svg（レーダー図だけ）/ text, HTML for printing, or the radar picture
    #[arg(long, default_value = "text")]
    format: String,
    /// 画面でなくこのファイルに書き出す / write to this file instead of the screen
    #[arg(long, value_name = "FILE")]
    out: Option<std::path::PathBuf>,
    /// --out のファイルが既にあれば上書きする / replace the --out file if it exists
    #[arg(long, requires = "out")]
    force: bool,
}

code_enum! {
    /// `summary --format`.
    SummaryFormat, "format" {
        Text = "text", "テキスト", "text";
        Html = "html", "印刷用 HTML", "HTML for printing";
        Svg = "svg", "SVG（レーダー図）", "SVG (the radar)";
    }
}

/// The built-ins plus the agency's own definitions; skipped files are reported
/// on stderr (the command goes on).
pub(super) fn catalogue(ctx: &Ctx) -> Catalogue {
    let cat = Catalogue::load(&paths::config_dir());
    for (path, why) in &cat.skipped {
        let line = i18n::skipped_message(path, why, ctx.lang);
        eprintln!("{}", crate::text::terminal_safe(&line));
    }
    cat
}

fn find<'a>(cat: &'a Catalogue, query: &str) -> Result<&'a Instrument> {
    cat.find(query).ok_or_else(|| Error::UnknownInstrument {
        query: query.to_string(),
        known: cat.instruments.iter().map(|i| i.id.clone()).collect(),
    })
}

pub fn check(ctx: &mut Ctx, a: CheckArgs) -> Result<()> {
    let cat = catalogue(ctx);
    let inst = find(&cat, &a.instrument)?;
    let worker = ctx.store.resolve_worker(&a.worker)?;
    let date = match &a.date {
        Some(d) => args::date("date", d)?,
        None => ctx.today,
    };
    let respondent = args::choice::<Respondent>(&a.by)?;
    let text = if a.answers.trim() == "-" {
        let s = args::read_text(std::path::Path::new("-"))?;
        s.replace(['\n', '\r'], ",").trim_matches(',').to_string()
    } else {
        a.answers
    };
    let answers = checklist::parse_answers(inst, &text).map_err(Error::Answers)?;
    let assessment = Assessment {
        id: store::new_id(),
        worker_id: worker.id.clone(),
        instrument: inst.id.clone(),
        version: inst.version,
        date,
        respondent,
        note: a.note.trim().to_string(),
        answers,
        consent_confirmed: false,
    };
    ctx.store.add_assessment(inst, &assessment)?;
    let l = ctx.lang;
    ctx.line(format!(
        "{}: {} {} {} ({})",
        Msg::ChecklistSaved.text(l),
        worker.display_name,
        inst.title(l),
        date,
        assessment.id
    ));
    let scores = checklist_score::group_scores(inst, &assessment);
    for (g, s) in inst.groups.iter().zip(scores) {
        ctx.line(format!(
            "  {}  {}",
            summary::pad_left(&i18n::score(s.mean, l), 4),
            g.short(l)
        ));
    }
    Ok(())
}

pub fn summary(ctx: &mut Ctx, a: SummaryArgs) -> Result<()> {
    let cat = catalogue(ctx);
    let worker = ctx.store.resolve_worker(&a.worker)?;
    let until = a
        .date
        .as_deref()
        .map(|d| args::date("date", d))
        .transpose()?;
    let all = ctx.store.assessments_for(&worker.id)?;
    let chosen: Vec<&Instrument> = match &a.instrument {
        Some(q) => vec![find(&cat, q)?],
        None => cat
            .instruments
            .iter()
            .filter(|i| all.iter().any(|x| x.instrument == i.id))
            .collect(),
    };
    let format = args::choice::<SummaryFormat>(&a.format)?;
    let glyphs = if a.ascii {
        Glyphs::Ascii
    } else {
        Glyphs::Braille
    };
    let mut texts = Vec::new();
    let mut jsons = Vec::new();
    let mut parts = Vec::new();
    for inst in &chosen {
        let list = checklist_score::up_to(&all, &inst.id, until);
        let Some(s) = summarize(inst, &list) else {
            continue;
        };
        if format != SummaryFormat::Text && !a.json {
            parts.push((*inst, s));
        } else if a.json {
            jsons.push(summary::json(&worker.id, inst, &s, ctx.lang));
        } else {
            texts.push(summary::render(
                &worker.display_name,
                inst,
                &s,
                glyphs,
                ctx.lang,
            ));
        }
    }
    if texts.is_empty() && jsons.is_empty() && parts.is_empty() {
        return Err(Error::NoAssessments {
            instrument: a
                .instrument
                .as_ref()
                .and(chosen.first())
                .map(|i| i.title(ctx.lang).to_string()),
        });
    }
    if a.json {
        ctx.log_read(&worker.id)?;
        ctx.json(&jsons);
        return Ok(());
    }
    let doc = match format {
        SummaryFormat::Text => format!("{}\n", texts.join("\n").trim_end()),
        SummaryFormat::Html => {
            use crate::render::html::selfreport::{DAYS, section};
            let to = until.unwrap_or(ctx.today);
            let from = to.checked_sub_days(chrono::Days::new(DAYS)).unwrap_or(to);
            let entries = ctx.store.selfreports_for(&worker.id, from, to)?;
            let trend = section(&entries, ctx.store.selfreport_items(), to, ctx.lang);
            html::document(
                &worker.display_name,
                &ctx.settings.agency_name,
                &parts,
                &trend,
                ctx.lang,
            )
        }
        // One picture per file: the first checklist with answers (or --instrument).
        SummaryFormat::Svg => parts
            .first()
            .map(|(inst, s)| format!("{}\n", html::radar_svg(inst, s, ctx.lang)))
            .unwrap_or_default(),
    };
    ctx.log_document(&worker.id, "summary", a.out.as_deref())?;
    ctx.emit(&doc, a.out.as_deref(), a.force)
}
