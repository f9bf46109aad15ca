//! The checklist summary as plain text, ready to paste into a support report:
//! the radar, the group table with the change since the previous assessment,
//! the trend, and the lowest items as focus points. Also the `--json` shape.

use serde_json::json;
use unicode_width::UnicodeWidthStr;

use super::radar::{self, Glyphs, RadarData};
use crate::domain::checklist::{Instrument, Respondent};
use crate::domain::checklist_score::{Direction, Summary};
use crate::domain::codes::Code;
use crate::i18n::{self, Lang, Msg};

/// How tall the text radar is, in lines: braille has four dots a line, so it
/// can be smaller than the ASCII one for the same detail.
pub fn radar_rows(glyphs: Glyphs) -> usize {
    match glyphs {
        Glyphs::Braille => 15,
        Glyphs::Ascii => 21,
    }
}

/// Pads `s` with spaces to `width` display columns (wide glyphs count twice).
pub fn pad(s: &str, width: usize) -> String {
    let mut out = s.to_string();
    out.push_str(&" ".repeat(width.saturating_sub(s.width())));
    out
}

/// Right-aligns `s` in `width` display columns.
pub fn pad_left(s: &str, width: usize) -> String {
    format!("{}{s}", " ".repeat(width.saturating_sub(s.width())))
}

pub fn direction_label(d: Direction, lang: Lang) -> &'static str {
    match d {
        Direction::Up => Msg::TrendUp.text(lang),
        Direction::Down => Msg::TrendDown.text(lang),
        Direction::Flat => Msg::TrendFlat.text(lang),
        Direction::Unknown => Msg::TrendUnknown.text(lang),
    }
}

/// The values of a group across assessments, oldest first: `2.0 2.5 --`.
/// The last `last` points of a trend; when they were answered by different
/// people each point carries its respondent's mark ([`marks_legend`]).
pub fn series_text(s: &Summary, series: &[Option<f64>], lang: Lang, last: usize) -> String {
    let skip = series.len().saturating_sub(last);
    let who = window(&s.respondents, series.len(), last);
    let mixed = mixed(who);
    series[skip..]
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let mut t = i18n::score(*v, lang);
            if mixed
                && v.is_some()
                && let Some(r) = who.get(i)
            {
                t.push_str(i18n::respondent_mark(*r, lang));
            }
            t
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The respondents of the last `last` of `len` points.
fn window(respondents: &[Respondent], len: usize, last: usize) -> &[Respondent] {
    let skip = len.saturating_sub(last);
    respondents.get(skip..len).unwrap_or(&[])
}

fn mixed(who: &[Respondent]) -> bool {
    who.iter().any(|r| Some(r) != who.first())
}

/// "本=本人 支=支援者" for the respondents of a mixed trend window; `None`
/// when one person answered them all.
pub fn marks_legend(s: &Summary, lang: Lang, last: usize) -> Option<String> {
    let who = window(&s.respondents, s.respondents.len(), last);
    if !mixed(who) {
        return None;
    }
    let mut seen: Vec<Respondent> = Vec::new();
    for r in who {
        if !seen.contains(r) {
            seen.push(*r);
        }
    }
    let parts: Vec<String> = seen
        .iter()
        .map(|r| {
            format!(
                "{}={}",
                i18n::respondent_mark(*r, lang),
                i18n::respondent_short(*r, lang)
            )
        })
        .collect();
    Some(format!("{}: {}", Msg::Trend.text(lang), parts.join(" ")))
}

/// The radar's data for a summary.
pub fn radar_data<'a>(
    inst: &Instrument,
    latest: &'a [Option<f64>],
    previous: Option<&'a [Option<f64>]>,
) -> RadarData<'a> {
    RadarData {
        latest,
        previous,
        min: inst.min_value(),
        max: inst.max_value(),
    }
}

/// The legend under the radar: which line is which.
pub fn legend(s: &Summary, glyphs: Glyphs, lang: Lang) -> String {
    let (solid, dotted) = match glyphs {
        Glyphs::Braille => (
            Msg::RadarLegendLatest.text(lang).to_string(),
            Msg::RadarLegendPrevious.text(lang).to_string(),
        ),
        Glyphs::Ascii => ("*".to_string(), ".".to_string()),
    };
    let mut out = format!("{solid}: {} {}", Msg::Latest.text(lang), s.latest_date);
    if let Some(p) = s.previous_date {
        out.push_str(&format!("   {dotted}: {} {p}", Msg::Previous.text(lang)));
    }
    out
}

/// "Latest date (respondent)   progress n/m": the line under the title, on
/// screen and on paper.
pub fn status_line(s: &Summary, lang: Lang) -> String {
    let (open, close, gap) = match lang {
        Lang::Ja => ("（", "）", "　"),
        Lang::En => (" (", ")", "   "),
    };
    format!(
        "{} {}{open}{}: {}{close}{gap}{} {}/{}",
        Msg::Latest.text(lang),
        s.latest_date,
        Msg::Respondent.text(lang),
        s.respondent.label(lang),
        Msg::Progress.text(lang),
        s.answered,
        s.items
    )
}

/// The full text summary.
pub fn render(
    worker_name: &str,
    inst: &Instrument,
    s: &Summary,
    glyphs: Glyphs,
    lang: Lang,
) -> String {
    let mut out = String::new();
    let mut line = |l: String| {
        out.push_str(l.trim_end());
        out.push('\n');
    };
    line(format!(
        "{}{}{worker_name}",
        inst.title(lang),
        lang.pick("　", "   ")
    ));
    line(status_line(s, lang));
    let (open, close) = (lang.pick("（", " ("), lang.pick("）", ")"));
    line(String::new());
    let latest = s.latest_means();
    let previous = s.previous_means();
    let data = radar_data(inst, &latest, previous.as_deref());
    for l in radar::trimmed(radar::render(&data, radar_rows(glyphs), glyphs)) {
        line(format!("  {l}"));
    }
    line(format!("  {}", legend(s, glyphs, lang)));
    line(String::new());
    for l in group_table(inst, s, lang) {
        line(l);
    }
    if let Some(marks) = marks_legend(s, lang, 6) {
        line(format!("  {marks}"));
    }
    line(String::new());
    line(Msg::FocusItems.text(lang).to_string());
    if s.focus.is_empty() {
        line(format!("  {}", Msg::NoFocusItems.text(lang)));
    }
    for f in &s.focus {
        let text = inst
            .items()
            .nth(f.number - 1)
            .map_or("", |(_, it)| it.text(lang));
        let label = inst.scale_point(f.value).map_or("", |p| p.label(lang));
        let before = f
            .previous
            .map(|p| format!("{open}{} {p}{close}", Msg::Previous.text(lang)))
            .unwrap_or_default();
        line(format!(
            "  {:>2}. {text}: {} {label}{before}",
            f.number, f.value
        ));
        if !f.comment.is_empty() {
            line(format!("      {}: {}", Msg::Comment.text(lang), f.comment));
        }
    }
    if !s.note.trim().is_empty() {
        line(String::new());
        line(format!(
            "{}: {}",
            Msg::OverallNote.text(lang),
            s.note.trim()
        ));
    }
    line(String::new());
    line(format!("{}: {}", Msg::Source.text(lang), inst.source));
    out
}

/// The group table: number, short label, latest, previous, change, trend.
pub fn group_table(inst: &Instrument, s: &Summary, lang: Lang) -> Vec<String> {
    let label_w = inst
        .groups
        .iter()
        .map(|g| g.short(lang).width())
        .chain([Msg::Group.text(lang).width()])
        .max()
        .unwrap_or(0);
    let head = [
        Msg::Latest.text(lang),
        Msg::Previous.text(lang),
        Msg::ChangeSincePrevious.text(lang),
    ];
    let num_w = head.iter().map(|h| h.width()).max().unwrap_or(4).max(4);
    let mut lines = vec![format!(
        "   {}  {}  {}  {}  {}",
        pad(Msg::Group.text(lang), label_w),
        pad_left(head[0], num_w),
        pad_left(head[1], num_w),
        pad_left(head[2], num_w),
        Msg::Trend.text(lang)
    )];
    for (i, (g, row)) in inst.groups.iter().zip(&s.groups).enumerate() {
        lines.push(format!(
            "{} {}  {}  {}  {}  {}  {}",
            pad_left(&radar::axis_label(i).to_string(), 2),
            pad(g.short(lang), label_w),
            pad_left(&i18n::score(row.latest.mean, lang), num_w),
            pad_left(&i18n::score(row.previous, lang), num_w),
            pad_left(&i18n::delta(row.change, lang), num_w),
            series_text(s, &row.series, lang, 6),
            direction_label(row.direction, lang)
        ));
    }
    lines
}

/// The summary for machines: ids and numbers, with labels for convenience.
pub fn json(worker_id: &str, inst: &Instrument, s: &Summary, lang: Lang) -> serde_json::Value {
    let groups: Vec<serde_json::Value> = inst
        .groups
        .iter()
        .zip(&s.groups)
        .map(|(g, row)| {
            json!({
                "id": g.id,
                "label": g.label(lang),
                "short": g.short(lang),
                "mean": row.latest.mean,
                "assessed": row.latest.assessed,
                "items": row.latest.items,
                "previous": row.previous,
                "change": row.change,
                "series": row.series,
                "direction": row.direction,
            })
        })
        .collect();
    json!({
        "worker_id": worker_id,
        "instrument": inst.id,
        "version": inst.version,
        "title": inst.title(lang),
        "source": inst.source,
        "latest_date": s.latest_date,
        "previous_date": s.previous_date,
        "respondent": s.respondent.code(),
        "note": s.note,
        "dates": s.dates,
        "answered": s.answered,
        "items": s.items,
        "groups": groups,
        "focus": s.focus,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklists::Catalogue;
    use crate::domain::checklist::{Assessment, Respondent, parse_answers};
    use crate::domain::checklist_score::summarize;
    use chrono::NaiveDate;

    /// Three assessments of the stability checklist; the latest has a gap in
    /// group IV (no item assessed).
    pub(crate) fn sample() -> (Instrument, Summary) {
        let inst = Catalogue::builtin().get("stability").unwrap().clone();
        let make = |id: &str, date: (i32, u32, u32), by, answers: &str| Assessment {
            id: id.into(),
            worker_id: "w".into(),
            instrument: inst.id.clone(),
            version: 1,
            date: NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap(),
            respondent: by,
            note: String::new(),
            answers: parse_answers(&inst, answers).unwrap(),
            consent_confirmed: false,
        };
        let list = [
            make(
                "a",
                (2025, 11, 5),
                Respondent::Worker,
                "2,2,2,2,3,3,2,1,2, 2,3,2,2, 3,3,3,2, 2,3,3, 2,2,2,3,2, 2,2",
            ),
            make(
                "b",
                (2026, 2, 4),
                Respondent::Worker,
                "3,2,3,3,3,3,3,2,3, 2,3,2,2, 3,4,3,3, 3,3,3, 3,3,3,3,3, 3,3",
            ),
            make(
                "c",
                (2026, 5, 7),
                Respondent::Joint,
                "3,3,4,3,4,3,4,2,3, 3,3,3,1, 4,4,4,3, -,-,-, 3,4,3,2,3, 3,4",
            ),
        ];
        let mut list = list;
        list[2].answers[12].comment = "夜勤明けの疲れが残る".into();
        let mut s = summarize(&inst, &list).unwrap();
        s.note = "通勤経路の変更があり、充実感は次回に確認。".into();
        (inst, s)
    }

    #[test]
    fn text_summary_in_ascii_and_braille() {
        let (inst, s) = sample();
        insta::assert_snapshot!(
            "summary_ascii_ja",
            render("山田 太郎", &inst, &s, Glyphs::Ascii, Lang::Ja)
        );
        insta::assert_snapshot!(
            "summary_braille_en",
            render("Yamada Taro", &inst, &s, Glyphs::Braille, Lang::En)
        );
    }

    #[test]
    fn the_table_lines_up_by_display_width_and_shows_gaps() {
        let (inst, s) = sample();
        let table = group_table(&inst, &s, Lang::Ja);
        assert_eq!(table.len(), 7);
        // Every row's trend starts at the same display column as the header's.
        let trend_col = |line: &str, trend: &str| {
            let at = line.find(trend).unwrap();
            line[..at].width()
        };
        let header_col = trend_col(&table[0], Msg::Trend.text(Lang::Ja));
        for (row, g) in table[1..].iter().zip(&s.groups) {
            assert_eq!(
                trend_col(row, &series_text(&s, &g.series, Lang::Ja, 6)),
                header_col,
                "{row}"
            );
        }
        // Group IV has no value in the latest: a gap mark, never 0.0.
        assert!(table[4].contains("--"), "{}", table[4]);
        assert!(!table[4].contains("0.0"), "{}", table[4]);
        let col = |l: &str, n: usize| l.split_whitespace().nth(n).map(str::to_string);
        assert_eq!(col(&table[1], 2).as_deref(), Some("3.2"));
        assert_eq!(col(&table[1], 4).as_deref(), Some("+0.4"));
    }

    #[test]
    fn json_carries_gaps_as_null() {
        let (inst, s) = sample();
        let v = json("w", &inst, &s, Lang::Ja);
        assert_eq!(v["groups"][3]["mean"], serde_json::Value::Null);
        assert_eq!(v["groups"][3]["assessed"], 0);
        assert_eq!(v["respondent"], "joint");
        assert_eq!(v["groups"].as_array().map(Vec::len), Some(6));
    }
}
