//! The daily self-reports (日報) of the last eight weeks for paper: one small
//! line chart per item (SVG), days along, the item's scale up; a day without
//! an answer breaks the line rather than drawing it to zero. Added to the
//! printed checklist summary. No comment is printed: the ratings alone show
//! the trend, and the worker's own words stay on screen.

use chrono::{Days, NaiveDate};

use super::esc;
use crate::domain::selfreport::{Items, SelfReport};
use crate::lang::Lang;

/// How many days the charts cover, ending on the day given.
pub const DAYS: u64 = 56;

const W: f64 = 600.0;
const H: f64 = 64.0;
const LEFT: f64 = 120.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 6.0;
const BOTTOM: f64 = 14.0;

/// The section, or an empty string when there is no self-report in the
/// eight weeks to `to`.
pub fn section(entries: &[SelfReport], items: &Items, to: NaiveDate, lang: Lang) -> String {
    let from = to.checked_sub_days(Days::new(DAYS - 1)).unwrap_or(to);
    let shown: Vec<&SelfReport> = entries
        .iter()
        .filter(|e| e.date >= from && e.date <= to)
        .collect();
    if shown.is_empty() {
        return String::new();
    }
    let title = lang.pick("日報の推移（8週）", "Daily self-reports (8 weeks)");
    let mut out = format!(
        "<section class=\"selfreports\"><h2>{}</h2>\n<p class=\"small\">{} {from} – {to}　{} {}</p>\n",
        esc(title),
        esc(lang.pick("期間", "Period")),
        esc(lang.pick("記入日数", "Days reported")),
        shown.len()
    );
    for item in &items.items {
        out.push_str(&chart(&shown, &item.id, item.label(lang), items, from, to));
    }
    out.push_str("</section>\n");
    out
}

fn chart(
    entries: &[&SelfReport],
    item: &str,
    label: &str,
    items: &Items,
    from: NaiveDate,
    to: NaiveDate,
) -> String {
    let (min, max) = (f64::from(items.scale.min), f64::from(items.scale.max));
    let span_days = (to - from).num_days().max(1) as f64;
    let x = |d: NaiveDate| LEFT + (W - LEFT - RIGHT) * ((d - from).num_days() as f64 / span_days);
    let y = |v: f64| {
        let t = if max > min {
            (v - min) / (max - min)
        } else {
            0.5
        };
        TOP + (H - TOP - BOTTOM) * (1.0 - t)
    };
    // Runs of consecutive answered entries: a missing answer breaks the line.
    let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
    let mut dots = String::new();
    for e in entries {
        match e.ratings.get(item) {
            Some(v) => {
                let p = (x(e.date), y(f64::from(v)));
                dots.push_str(&format!(
                    "<circle class=\"dot\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"2\"/>",
                    p.0, p.1
                ));
                if let Some(run) = runs.last_mut() {
                    run.push(p);
                }
            }
            None => runs.push(Vec::new()),
        }
    }
    let lines: String = runs
        .iter()
        .filter(|r| r.len() > 1)
        .map(|r| {
            let pts: Vec<String> = r.iter().map(|(a, b)| format!("{a:.1},{b:.1}")).collect();
            format!("<polyline class=\"line\" points=\"{}\"/>", pts.join(" "))
        })
        .collect();
    let grid: String = (items.scale.min..=items.scale.max)
        .map(|v| {
            let gy = y(f64::from(v));
            format!(
                "<line class=\"grid\" x1=\"{LEFT}\" y1=\"{gy:.1}\" x2=\"{:.1}\" y2=\"{gy:.1}\"/>\
                 <text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\">{v}</text>",
                W - RIGHT,
                LEFT - 4.0,
                gy + 3.0
            )
        })
        .collect();
    format!(
        "<figure class=\"trend\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {H}\" \
         role=\"img\" aria-label=\"{label}\">\
         <style>.grid{{stroke:#bbb;stroke-width:0.5}}.line{{fill:none;stroke:#005ab4;stroke-width:1.6}}\
         .dot{{fill:#005ab4}}.tick{{font-size:8px;text-anchor:end;fill:#333}}\
         .name{{font-size:11px;fill:#000}}.date{{font-size:8px;fill:#333}}</style>\
         <text class=\"name\" x=\"0\" y=\"{:.1}\">{label}</text>{grid}{lines}{dots}\
         <text class=\"date\" x=\"{LEFT}\" y=\"{:.1}\">{from}</text>\
         <text class=\"date\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{to}</text></svg></figure>\n",
        H / 2.0,
        H - 2.0,
        W - RIGHT,
        H - 2.0,
        label = esc(label),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::selfreport::Source;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    #[test]
    fn a_chart_per_item_with_a_gap_where_a_day_was_not_answered() {
        let items = Items::builtin();
        let first = items.items[0].id.clone();
        let mut entries = Vec::new();
        for (d, v) in [
            (2, Some(3)),
            (3, Some(2)),
            (4, None),
            (5, Some(1)),
            (6, Some(1)),
        ] {
            let mut e = SelfReport::new(format!("e{d}"), "w".into(), day(d), Source::Form);
            e.ratings.set(&first, v);
            e.worker_comment = "<b>眠れない</b>".into();
            entries.push(e);
        }
        let html = section(&entries, &items, day(30), Lang::Ja);
        assert_eq!(html.matches("<svg").count(), items.items.len());
        // Item one: 2-3 and 5-6 are two lines, broken at the 4th.
        let one = html.split("<figure").nth(1).unwrap();
        assert_eq!(one.matches("<polyline").count(), 2);
        assert_eq!(one.matches("<circle").count(), 4);
        assert!(!html.contains("眠れない"), "no comment on paper");
        assert!(section(&entries, &items, day(1), Lang::Ja).is_empty());
    }
}
