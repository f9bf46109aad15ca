//! The checklist summary for paper: the radar as a picture (this time and the
//! previous time), the group table with previous value, change and trend, the
//! focus items and the overall note.

use super::{esc, meta_table, page, radar};
use crate::domain::checklist::Instrument;
use crate::domain::checklist_score::Summary;
use crate::i18n::documents::Doc;
use crate::i18n::{self, Lang, Msg};
use crate::render::radar::axis_label;
use crate::render::summary::{direction_label, radar_data, series_text};

/// The picture alone (for `summary --format svg`).
pub fn radar_svg(inst: &Instrument, s: &Summary, lang: Lang) -> String {
    let latest = s.latest_means();
    let previous = s.previous_means();
    let data = radar_data(inst, &latest, previous.as_deref());
    let labels: Vec<String> = inst
        .groups
        .iter()
        .map(|g| g.short(lang).to_string())
        .collect();
    radar::svg(&data, &labels, inst.title(lang))
}

/// One instrument's summary as a section (several make one document).
fn section(worker_name: &str, agency: &str, inst: &Instrument, s: &Summary, lang: Lang) -> String {
    let mut body = format!(
        "<section class=\"summary\"><h1>{}</h1>\n",
        esc(&format!(
            "{}{}{}",
            Doc::SummaryTitle.text(lang),
            lang.pick("　", " — "),
            inst.title(lang)
        ))
    );
    let mut rows = Vec::new();
    if !agency.trim().is_empty() {
        rows.push((Doc::Agency.text(lang), agency.to_string()));
    }
    rows.push((Doc::Worker.text(lang), worker_name.to_string()));
    let mut when = crate::render::summary::status_line(s, lang);
    if let Some(p) = s.previous_date {
        when.push_str(&format!(
            "{}{} {p}",
            lang.pick("　", "   "),
            Msg::Previous.text(lang)
        ));
    }
    rows.push((Doc::Assessment.text(lang), when));
    body.push_str(&meta_table(&rows));

    let mut legend = format!(
        "<span class=\"legend-latest\"></span> {} {}",
        esc(Doc::LegendLatest.text(lang)),
        s.latest_date
    );
    if let Some(p) = s.previous_date {
        legend.push_str(&format!(
            "　<span class=\"legend-previous\"></span> {} {p}",
            esc(Doc::LegendPrevious.text(lang))
        ));
    }
    body.push_str(&format!(
        "<figure>{}<figcaption>{legend}</figcaption></figure>\n",
        radar_svg(inst, s, lang)
    ));

    body.push_str(&format!(
        "<h2>{}</h2>\n<table class=\"groups\">\n<tr><th></th><th>{}</th><th>{}</th>\
         <th>{}</th><th>{}</th><th>{}</th></tr>\n",
        esc(Doc::GroupTable.text(lang)),
        esc(Msg::Group.text(lang)),
        esc(Msg::Latest.text(lang)),
        esc(Msg::Previous.text(lang)),
        esc(Msg::ChangeSincePrevious.text(lang)),
        esc(Msg::Trend.text(lang)),
    ));
    for (i, (g, row)) in inst.groups.iter().zip(&s.groups).enumerate() {
        body.push_str(&format!(
            "<tr><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{}</td><td class=\"num\">{}</td><td>{} {}</td></tr>\n",
            axis_label(i),
            esc(g.label(lang)),
            esc(&i18n::score(row.latest.mean, lang)),
            esc(&i18n::score(row.previous, lang)),
            esc(&i18n::delta(row.change, lang)),
            esc(&series_text(s, &row.series, lang, 6)),
            esc(direction_label(row.direction, lang)),
        ));
    }
    body.push_str("</table>\n");
    if let Some(marks) = crate::render::summary::marks_legend(s, lang, 6) {
        body.push_str(&format!("<p class=\"small\">{}</p>\n", esc(&marks)));
    }

    body.push_str(&format!("<h2>{}</h2>\n", esc(Msg::FocusItems.text(lang))));
    if s.focus.is_empty() {
        body.push_str(&format!("<p>{}</p>\n", esc(Msg::NoFocusItems.text(lang))));
    } else {
        body.push_str("<ol class=\"focus\">\n");
        for f in &s.focus {
            let text = inst
                .items()
                .nth(f.number.saturating_sub(1))
                .map_or("", |(_, it)| it.text(lang));
            let label = inst.scale_point(f.value).map_or("", |p| p.label(lang));
            let mut line = format!("{}: {} {}", esc(text), f.value, esc(label));
            if let Some(p) = f.previous {
                line.push_str(&format!("（{} {p}）", esc(Msg::Previous.text(lang))));
            }
            if !f.comment.trim().is_empty() {
                line.push_str(&format!(
                    "<br><span class=\"small\">{}: {}</span>",
                    esc(Msg::Comment.text(lang)),
                    esc(f.comment.trim())
                ));
            }
            body.push_str(&format!("<li value=\"{}\">{line}</li>\n", f.number));
        }
        body.push_str("</ol>\n");
    }
    if !s.note.trim().is_empty() {
        body.push_str(&format!(
            "<h2>{}</h2>\n<div class=\"text\">{}</div>\n",
            esc(Msg::OverallNote.text(lang)),
            esc(s.note.trim())
        ));
    }
    body.push_str(&format!(
        "<p class=\"small\">{}: {}</p>\n</section>\n",
        esc(Msg::Source.text(lang)),
        esc(&inst.source)
    ));
    body
}

/// A document of one or more summaries, each starting on a new page, then
/// `extra` (already escaped: the self-report charts, or nothing).
pub fn document(
    worker_name: &str,
    agency: &str,
    parts: &[(&Instrument, Summary)],
    extra: &str,
    lang: Lang,
) -> String {
    let body: Vec<String> = parts
        .iter()
        .map(|(inst, s)| section(worker_name, agency, inst, s, lang))
        .collect();
    let mut body =
        body.join("<div style=\"break-before: page; page-break-before: always\"></div>\n");
    body.push_str(extra);
    let title = format!("{} — {worker_name}", Doc::SummaryTitle.text(lang));
    page(&title, lang, &body)
}
