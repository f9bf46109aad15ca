//! 就労定着支援計画 for paper: one version with every field, the short-term
//! goals as a table, for a review the evaluation of each goal of the version
//! it reviews, and a box for the worker's confirmation (the day it was
//! explained, who it may be shared with, the signature).

use super::{esc, field, meta_table, page};
use crate::domain::Worker;
use crate::domain::codes::Code;
use crate::domain::plan::Plan;
use crate::i18n::documents::{self, Doc};
use crate::i18n::{Lang, PlanText, plan_field};
use crate::render::html::report::Letterhead;

fn cell(s: &str) -> String {
    format!("<td>{}</td>", esc(s.trim()))
}

/// `previous` is the version `plan` reviews (its goals are what the
/// evaluations are about).
pub fn plan(
    plan: &Plan,
    previous: Option<&Plan>,
    worker: &Worker,
    head: Letterhead<'_>,
    lang: Lang,
) -> String {
    let v = &plan.version;
    let title = crate::render::plan::title(plan, lang);
    let not_recorded = Doc::NotRecorded.text(lang);
    let or_blank = |s: &str| {
        if s.trim().is_empty() {
            not_recorded.to_string()
        } else {
            s.trim().to_string()
        }
    };
    let supporter = [
        v.recorded_by.as_str(),
        worker.staff.as_str(),
        head.supporter,
    ]
    .into_iter()
    .find(|s| !s.trim().is_empty())
    .unwrap_or("");
    let period = worker.service_period().map_or_else(
        || not_recorded.to_string(),
        |p| documents::period(p.start, p.end, lang),
    );
    let mut body = format!("<h1>{}</h1>\n", esc(&title));
    body.push_str(&meta_table(&[
        (Doc::Agency.text(lang), or_blank(head.agency)),
        (Doc::Supporter.text(lang), or_blank(supporter)),
        (Doc::Worker.text(lang), worker.display_name.clone()),
        (Doc::ServicePeriod.text(lang), period),
        (plan_field("stage", lang), v.stage.label(lang).to_string()),
        (plan_field("employer", lang), or_blank(&v.employer)),
        (plan_field("workplace", lang), or_blank(&v.workplace)),
        (plan_field("job", lang), or_blank(&v.job)),
        (
            plan_field("hours_per_week", lang),
            format!(
                "{}　{}: {}",
                or_blank(&v.hours_per_week),
                plan_field("work_days", lang),
                or_blank(&v.work_days)
            ),
        ),
    ]));
    let empty = crate::i18n::Msg::ReportEmpty.text(lang);
    for (name, text) in [
        ("handover", &v.handover),
        ("agencies", &v.agencies),
        ("health", &v.health),
        ("living", &v.living),
        ("long_term_goal", &v.long_term_goal),
    ] {
        body.push_str(&field(plan_field(name, lang), None, text, empty));
    }

    body.push_str(&format!(
        "<h2>{}</h2>\n<table class=\"goals\">\n<colgroup><col style=\"width:4%\">\
         <col style=\"width:10%\"><col style=\"width:22%\"><col style=\"width:20%\">\
         <col style=\"width:22%\"><col style=\"width:11%\"><col style=\"width:11%\"></colgroup>\n\
         <tr><th>#</th>",
        esc(PlanText::ShortTermGoals.text(lang))
    ));
    for name in ["domain", "goal", "policy", "content", "period", "frequency"] {
        body.push_str(&format!("<th>{}</th>", esc(plan_field(name, lang))));
    }
    body.push_str("</tr>\n");
    for g in &plan.goals {
        body.push_str(&format!(
            "<tr><td class=\"num\">{}</td>{}{}{}{}{}{}</tr>\n",
            g.position,
            cell(g.domain.label(lang)),
            cell(&g.goal),
            cell(&g.policy),
            cell(&g.content),
            cell(&g.period),
            cell(&g.frequency)
        ));
    }
    body.push_str("</table>\n");

    if let Some(prev) = previous {
        body.push_str(&format!(
            "<h2>{}</h2>\n<table class=\"evaluations\">\n<colgroup><col style=\"width:4%\">\
             <col style=\"width:19%\"><col style=\"width:11%\"><col style=\"width:17%\">\
             <col style=\"width:16%\"><col style=\"width:16%\"><col style=\"width:17%\"></colgroup>\n\
             <tr><th>#</th>",
            esc(PlanText::Evaluation.text(lang))
        ));
        for name in [
            "goal",
            "achievement",
            "effect",
            "satisfaction",
            "remaining",
            "countermeasure",
        ] {
            body.push_str(&format!("<th>{}</th>", esc(plan_field(name, lang))));
        }
        body.push_str("</tr>\n");
        for g in &prev.goals {
            let row = match plan.evaluation_of(&g.id) {
                Some(e) => format!(
                    "<td class=\"nowrap\">{}</td>{}{}{}{}",
                    esc(e.achievement.label(lang)),
                    cell(&e.effect),
                    cell(&e.satisfaction),
                    cell(&e.remaining),
                    cell(&e.countermeasure)
                ),
                None => format!(
                    "<td colspan=\"5\">{}</td>",
                    esc(PlanText::NotEvaluated.text(lang))
                ),
            };
            body.push_str(&format!(
                "<tr><td class=\"num\">{}</td>{}{row}</tr>\n",
                g.position,
                cell(&g.goal)
            ));
        }
        body.push_str("</table>\n");
    }
    if !v.remarks.trim().is_empty() {
        body.push_str(&field(plan_field("remarks", lang), None, &v.remarks, empty));
    }

    let explained = v
        .explained_on
        .map_or_else(|| Doc::BlankDate.text(lang).to_string(), |d| d.to_string());
    let share = if v.share_with.trim().is_empty() {
        PlanText::NoShare.text(lang).to_string()
    } else {
        v.share_with.trim().to_string()
    };
    body.push_str(&format!(
        "<table class=\"confirm\">\n<tr><th colspan=\"2\">{}</th></tr>\n\
         <tr><th>{}</th><td>{}</td></tr>\n<tr><th>{}</th><td>{}</td></tr>\n\
         <tr><th>{}</th><td>{}</td></tr>\n</table>\n",
        esc(Doc::ConfirmBox.text(lang)),
        esc(plan_field("explained_on", lang)),
        esc(&explained),
        esc(plan_field("share_with", lang)),
        esc(&share),
        esc(Doc::Signature.text(lang)),
        esc(Doc::PlanConsent.text(lang)),
    ));
    page(&title, lang, &body)
}
