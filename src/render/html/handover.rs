//! 情報共有シート for paper: what is handed to the agency that takes over
//! support when the service ends — the decision (要継続支援), the worker's
//! employment, the plan, the latest checklist summaries with their radar,
//! recent confirmed reports and the people around the worker.
//!
//! The sheet is printed for one recorded sharing the worker consented to
//! (domain::handover::sheet_sharing) and carries the items that sharing lists
//! and nothing else. A sheet for someone at the workplace follows the
//! employer rules: refused for closed employment, only the report fields
//! marked shared, no welfare or medical contacts, no disability category.

use super::{esc, field, meta_table, page};
use crate::domain::checklist::Instrument;
use crate::domain::checklist_score::Summary;
use crate::domain::handover::{HandoverDecision, SharedItem, Sharing};
use crate::domain::plan::Plan;
use crate::domain::report::{Report, ReportField};
use crate::domain::{Code, Layer, Person, Worker};
use crate::error::{Error, Result};
use crate::i18n::documents::{self, Doc};
use crate::i18n::{self, Lang, Msg, PlanText, month_label, plan_field};
use crate::render::html::report::Letterhead;
use crate::render::radar::axis_label;

/// Everything a sheet may show; [`sheet`] picks what the sharing allows.
pub struct Sheet<'a> {
    pub worker: &'a Worker,
    pub head: Letterhead<'a>,
    pub sharing: &'a Sharing,
    /// The worker's resource map (the recipient is one of them).
    pub people: &'a [Person],
    pub decision: Option<&'a HandoverDecision>,
    /// The latest plan version.
    pub plan: Option<&'a Plan>,
    pub summaries: &'a [(&'a Instrument, Summary)],
    /// The worker's reports, any order; the sheet takes the three latest
    /// confirmed ones.
    pub reports: &'a [Report],
}

/// How many months of reports a sheet shows.
const REPORT_MONTHS: usize = 3;

/// The report fields a sheet shows: how the support went and what comes next.
const REPORT_FIELDS: [ReportField; 3] =
    [ReportField::Result, ReportField::Next, ReportField::Shared];

fn cell(s: &str) -> String {
    format!("<td>{}</td>", esc(s.trim()))
}

pub fn sheet(s: &Sheet<'_>, lang: Lang) -> Result<String> {
    let sharing = s.sharing;
    if !sharing.consent || sharing.items.is_empty() || sharing.worker_id != s.worker.id {
        return Err(Error::HandoverNotConsented);
    }
    let recipient = s
        .people
        .iter()
        .find(|p| p.id == sharing.person_id && p.worker_id == s.worker.id)
        .ok_or(crate::domain::validate::Invalid::NotInResourceMap)?;
    // Someone at the workplace, by layer, role or organisation.
    let workplace = crate::domain::handover::employer_side(recipient, s.worker);
    if workplace && s.worker.is_closed() {
        return Err(Error::ClosedEmploymentSheet);
    }
    let has = |item| sharing.items.contains(&item);
    let not_recorded = Doc::NotRecorded.text(lang);
    let or_blank = |t: &str| {
        if t.trim().is_empty() {
            not_recorded.to_string()
        } else {
            t.trim().to_string()
        }
    };
    let sep = lang.pick("・", ", ");

    let mut body = format!("<h1>{}</h1>\n", esc(Doc::HandoverTitle.text(lang)));
    let supporter = [
        sharing.recorded_by.as_str(),
        s.worker.staff.as_str(),
        s.head.supporter,
    ]
    .into_iter()
    .find(|t| !t.trim().is_empty())
    .unwrap_or("");
    let period = s.worker.service_period().map_or_else(
        || not_recorded.to_string(),
        |p| documents::period(p.start, p.end, lang),
    );
    let to = [
        recipient.name.as_str(),
        recipient.organisation.as_str(),
        recipient.role.as_str(),
    ]
    .into_iter()
    .filter(|t| !t.trim().is_empty())
    .collect::<Vec<_>>()
    .join(lang.pick("　", ", "));
    let mut items: Vec<&str> = sharing.items.iter().map(|i| i.label(lang)).collect();
    if sharing.people {
        items.push(i18n::handover_people_item(lang));
    }
    body.push_str(&meta_table(&[
        (Doc::Agency.text(lang), or_blank(s.head.agency)),
        (Doc::Supporter.text(lang), or_blank(supporter)),
        (Doc::Worker.text(lang), s.worker.display_name.clone()),
        (Doc::ServicePeriod.text(lang), period),
        (Doc::Recipient.text(lang), to),
        (Doc::SharedOn.text(lang), sharing.date.to_string()),
        (Doc::SharedItems.text(lang), items.join(sep)),
    ]));

    body.push_str(&format!("<h2>{}</h2>\n", esc(Doc::Decision.text(lang))));
    match s.decision {
        None => body.push_str(&format!(
            "<p>{}</p>\n",
            esc(Doc::DecisionMissing.text(lang))
        )),
        Some(d) => {
            body.push_str(&format!(
                "<p>{}（{}）</p>\n",
                esc(i18n::handover_needs(d.needs_support, lang)),
                d.decided_on
            ));
            if !d.reasons.trim().is_empty() && !workplace {
                body.push_str(&format!(
                    "<div class=\"text\">{}</div>\n",
                    esc(d.reasons.trim())
                ));
            }
        }
    }

    let mut job = vec![
        (Doc::Employer.text(lang), or_blank(&s.worker.employer)),
        (Doc::Workplace.text(lang), or_blank(&s.worker.workplace)),
        (Doc::Job.text(lang), or_blank(&s.worker.job)),
        (
            Doc::HiredOn.text(lang),
            s.worker
                .hire_date
                .map_or_else(|| not_recorded.to_string(), |d| d.to_string()),
        ),
    ];
    if !workplace && !s.worker.categories.is_empty() {
        let cats: Vec<&str> = s.worker.categories.iter().map(|c| c.label(lang)).collect();
        job.push((Doc::Categories.text(lang), cats.join(sep)));
    }
    body.push_str(&format!("<h2>{}</h2>\n", esc(Doc::Employment.text(lang))));
    body.push_str(&meta_table(&job));

    if has(SharedItem::Plan) {
        body.push_str(&plan_part(s.plan, lang));
    }
    if has(SharedItem::ChecklistSummary) {
        body.push_str(&summaries_part(s.summaries, lang));
    }
    if has(SharedItem::Reports) {
        body.push_str(&reports_part(s.reports, workplace, lang));
    }
    if has(SharedItem::Other) && !sharing.note.trim().is_empty() {
        body.push_str(&field(
            Doc::OtherShared.text(lang),
            None,
            &sharing.note,
            Msg::ReportEmpty.text(lang),
        ));
    }
    // The resource map with its phone numbers only when the worker agreed
    // to share it.
    if sharing.people {
        body.push_str(&people_part(s.people, workplace, lang));
    }

    body.push_str(&format!(
        "<table class=\"confirm\">\n<tr><th colspan=\"2\">{}</th></tr>\n\
         <tr><td colspan=\"2\">{}</td></tr>\n<tr><th>{}</th><td>{}</td></tr>\n\
         <tr><th>{}</th><td></td></tr>\n</table>\n",
        esc(Doc::ConfirmBox.text(lang)),
        esc(Doc::SheetConsent.text(lang)),
        esc(Doc::ConsentDate.text(lang)),
        esc(Doc::BlankDate.text(lang)),
        esc(Doc::Signature.text(lang)),
    ));
    let title = format!(
        "{} — {}",
        Doc::HandoverTitle.text(lang),
        s.worker.display_name
    );
    Ok(page(&title, lang, &body))
}

fn plan_part(plan: Option<&Plan>, lang: Lang) -> String {
    let Some(plan) = plan else {
        return format!(
            "<h2>{}</h2>\n<p>{}</p>\n",
            esc(PlanText::Title.text(lang)),
            esc(Doc::NoPlanYet.text(lang))
        );
    };
    let v = &plan.version;
    let empty = Msg::ReportEmpty.text(lang);
    let mut out = format!(
        "<h2>{}</h2>\n",
        esc(&crate::render::plan::title(plan, lang))
    );
    for name in ["long_term_goal", "health", "living", "agencies", "handover"] {
        let text = match name {
            "long_term_goal" => &v.long_term_goal,
            "health" => &v.health,
            "living" => &v.living,
            "agencies" => &v.agencies,
            _ => &v.handover,
        };
        // As for reports: what was written, not the empty form.
        if !text.trim().is_empty() {
            out.push_str(&field(plan_field(name, lang), None, text, empty));
        }
    }
    if !plan.goals.is_empty() {
        out.push_str(
            "<table class=\"goals\">\n<colgroup><col style=\"width:4%\"><col style=\"width:12%\">\
             <col style=\"width:30%\"><col style=\"width:38%\"><col style=\"width:16%\"></colgroup>\n<tr><th>#</th>",
        );
        for name in ["domain", "goal", "content", "frequency"] {
            out.push_str(&format!("<th>{}</th>", esc(plan_field(name, lang))));
        }
        out.push_str("</tr>\n");
        for g in &plan.goals {
            out.push_str(&format!(
                "<tr><td class=\"num\">{}</td>{}{}{}{}</tr>\n",
                g.position,
                cell(g.domain.label(lang)),
                cell(&g.goal),
                cell(&g.content),
                cell(&g.frequency)
            ));
        }
        out.push_str("</table>\n");
    }
    out
}

fn summaries_part(parts: &[(&Instrument, Summary)], lang: Lang) -> String {
    let mut out = format!("<h2>{}</h2>\n", esc(Doc::SummaryTitle.text(lang)));
    if parts.is_empty() {
        out.push_str(&format!("<p>{}</p>\n", esc(Doc::NoChecklistYet.text(lang))));
    }
    for (inst, s) in parts {
        out.push_str(&format!(
            "<section class=\"summary sheet\"><p><b>{}</b>　{}</p>\n<figure>{}</figure>\n\
             <table class=\"groups\">\n<tr><th></th><th>{}</th><th>{}</th><th>{}</th></tr>\n",
            esc(inst.title(lang)),
            esc(&crate::render::summary::status_line(s, lang)),
            super::summary::radar_svg(inst, s, lang),
            esc(Msg::Group.text(lang)),
            esc(Msg::Latest.text(lang)),
            esc(Msg::Previous.text(lang)),
        ));
        for (i, (g, row)) in inst.groups.iter().zip(&s.groups).enumerate() {
            out.push_str(&format!(
                "<tr><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
                axis_label(i),
                esc(g.label(lang)),
                esc(&i18n::score(row.latest.mean, lang)),
                esc(&i18n::score(row.previous, lang)),
            ));
        }
        out.push_str("</table></section>\n");
    }
    out
}

fn reports_part(reports: &[Report], workplace: bool, lang: Lang) -> String {
    let mut confirmed: Vec<&Report> = reports
        .iter()
        .filter(|r| r.confirmed_on.is_some())
        .collect();
    confirmed.sort_by_key(|r| std::cmp::Reverse(r.month));
    let mut out = format!("<h2>{}</h2>\n", esc(Doc::RecentReports.text(lang)));
    if confirmed.is_empty() {
        out.push_str(&format!("<p>{}</p>\n", esc(Doc::NoReportsYet.text(lang))));
    }
    let empty = Msg::ReportEmpty.text(lang);
    // Empty fields are left out: the sheet is read by someone new to the
    // worker, who needs what was written, not the form.
    for r in confirmed.into_iter().take(REPORT_MONTHS) {
        for f in REPORT_FIELDS {
            // For the workplace only what the worker agreed the employer sees.
            let Some(text) = r.copy_text(f, workplace) else {
                continue;
            };
            if text.trim().is_empty() {
                continue;
            }
            out.push_str(&field(
                f.label(lang),
                Some(&month_label(r.month, lang)),
                &text,
                empty,
            ));
        }
    }
    out
}

fn people_part(people: &[Person], workplace: bool, lang: Lang) -> String {
    let mut out = format!(
        "<h2>{}</h2>\n<table class=\"people\">\n<colgroup><col style=\"width:13%\"><col style=\"width:17%\">\
         <col style=\"width:32%\"><col style=\"width:22%\"><col style=\"width:16%\"></colgroup>\n<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n",
        esc(Doc::ResourceMap.text(lang)),
        esc(Doc::Layer.text(lang)),
        esc(Doc::Name.text(lang)),
        esc(Doc::Organisation.text(lang)),
        esc(Doc::Role.text(lang)),
        esc(Doc::Phone.text(lang)),
    );
    let mut left_out = false;
    for layer in Layer::ALL {
        for p in people.iter().filter(|p| p.layer == *layer) {
            if workplace && p.layer == Layer::Welfare {
                left_out = true;
                continue;
            }
            out.push_str(&format!(
                "<tr><td class=\"nowrap\">{}</td><td class=\"nowrap\">{}</td>{}{}<td class=\"nowrap\">{}</td></tr>\n",
                esc(p.layer.label(lang)),
                esc(p.name.trim()),
                cell(&p.organisation),
                cell(&p.role),
                esc(&p.phone)
            ));
        }
    }
    out.push_str("</table>\n");
    if left_out {
        out.push_str(&format!(
            "<p class=\"small\">{}</p>\n",
            esc(Doc::WelfareLeftOut.text(lang))
        ));
    }
    out
}
