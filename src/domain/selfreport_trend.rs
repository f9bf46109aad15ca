//! What the self-reports show: a sparkline per item over the last weeks, the
//! means, and the sentence for the month's report draft.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::dates::YearMonth;
use super::selfreport::{Items, SelfReport};
use crate::lang::Lang;

/// Eight heights, lowest to highest, in braille patterns: they are "neutral"
/// width, one column in every terminal. The block elements ▁▂▃▄▅▆▇█ are not:
/// Unicode marks them East Asian *ambiguous*, two columns in a terminal set
/// for Japanese (as are ○●・│─), which would break the columns at 80.
pub const BLOCKS: [char; 8] = ['⡀', '⣀', '⣄', '⣤', '⣦', '⣶', '⣷', '⣿'];
/// Four heights (one to four rows of dots), for scales of up to four points.
pub const ROWS: [char; 4] = ['⣀', '⣤', '⣶', '⣿'];
/// A day without an entry.
pub const NO_ENTRY: char = '.';
/// A day with an entry that left the item unanswered.
pub const NOT_ANSWERED: char = '-';
/// A day the form marked as a day off (休み), the item not rated.
pub const DAY_OFF: char = '_';

/// The glyph of an entry whose item has no rating.
pub fn unrated(e: &SelfReport) -> char {
    if e.day_off { DAY_OFF } else { NOT_ANSWERED }
}

/// The block for a rating on the items' scale.
pub fn block(items: &Items, v: u8) -> char {
    let (min, max) = (items.scale.min, items.scale.max);
    let span = f64::from(max.saturating_sub(min).max(1));
    let pos = f64::from(v.clamp(min, max) - min) / span;
    let glyphs: &[char] = if max - min < 4 { &ROWS } else { &BLOCKS };
    let last = glyphs.len() - 1;
    glyphs[((pos * last as f64).round() as usize).min(last)]
}

/// One glyph per day from `from` through `to`, of `item` (entries in any order).
pub fn sparkline(
    entries: &[SelfReport],
    items: &Items,
    item: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> String {
    let mut out = String::new();
    let mut day = from;
    while day <= to {
        out.push(match entries.iter().find(|e| e.date == day) {
            None => NO_ENTRY,
            Some(e) => e
                .ratings
                .get(item)
                .map_or_else(|| unrated(e), |v| block(items, v)),
        });
        day += Duration::days(1);
    }
    out
}

/// The mean of an item's answers dated in `from..=to`, and how many there were.
pub fn mean(entries: &[SelfReport], item: &str, from: NaiveDate, to: NaiveDate) -> Option<f64> {
    let values: Vec<f64> = entries
        .iter()
        .filter(|e| (from..=to).contains(&e.date))
        .filter_map(|e| e.ratings.get(item))
        .map(f64::from)
        .collect();
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

pub fn is_working_day(d: NaiveDate) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// How far a month's mean must move from the month before to be named.
pub const MOVED: f64 = 0.5;

/// The month's self-reports in one sentence for the report draft: days
/// reported, items whose mean moved since the month before, and the comment
/// of the hardest day. `quote` false leaves the worker's words out (closed
/// employment: a report's fields may be shared with the employer).
pub fn month_sentence(
    entries: &[SelfReport],
    items: &Items,
    month: YearMonth,
    quote: bool,
    lang: Lang,
) -> Option<String> {
    let (first, last) = (month.first_day(), month.last_day());
    let in_month: Vec<&SelfReport> = entries
        .iter()
        .filter(|e| (first..=last).contains(&e.date))
        .collect();
    if in_month.is_empty() {
        return None;
    }
    // A day off the form marked is neither a working day nor a report.
    let off: Vec<NaiveDate> = in_month
        .iter()
        .filter(|e| e.day_off)
        .map(|e| e.date)
        .collect();
    let working = first
        .iter_days()
        .take_while(|d| *d <= last)
        .filter(|d| is_working_day(*d) && !off.contains(d))
        .count();
    let prev = month.prev().map(|p| (p.first_day(), p.last_day()));
    let mut moved = Vec::new();
    for item in &items.items {
        let (Some(now), Some(before)) = (
            mean(entries, &item.id, first, last),
            prev.and_then(|(a, b)| mean(entries, &item.id, a, b)),
        ) else {
            continue;
        };
        if (now - before).abs() >= MOVED {
            let arrow = if now < before { "↓" } else { "↑" };
            moved.push(format!(
                "{}{arrow}{}{before:.1}→{now:.1}{}",
                item.label(lang),
                lang.pick("（", " ("),
                lang.pick("）", ")")
            ));
        }
    }
    // The hardest day: the lowest mean rating among days with a comment.
    let hardest = in_month
        .iter()
        .filter(|e| !e.worker_comment.trim().is_empty() && !e.ratings.is_empty())
        .min_by(|a, b| {
            let m = |e: &SelfReport| {
                e.ratings.0.values().map(|v| f64::from(*v)).sum::<f64>() / e.ratings.0.len() as f64
            };
            m(a).total_cmp(&m(b)).then(a.date.cmp(&b.date))
        });
    let comment = |e: &SelfReport| {
        let line = e.worker_comment.lines().next().unwrap_or("").trim();
        crate::text::truncate(line, 40)
    };
    let n = in_month.iter().filter(|e| !e.day_off).count();
    let mut s = match (lang, off.len()) {
        (Lang::Ja, 0) => format!("日報：{n}日分（平日{working}日）。"),
        (Lang::Ja, k) => format!("日報：{n}日分（平日{working}日、休み{k}日）。"),
        (Lang::En, 0) => format!("Self-reports: {n} days ({working} working days). "),
        (Lang::En, k) => format!("Self-reports: {n} days ({working} working days, {k} off). "),
    };
    if moved.is_empty() {
        s.push_str(lang.pick(
            "前月から大きな変化なし。",
            "No item moved much since last month. ",
        ));
    } else {
        match lang {
            Lang::Ja => s.push_str(&format!("前月比 {}。", moved.join("、"))),
            Lang::En => s.push_str(&format!("Since last month: {}. ", moved.join(", "))),
        }
    }
    if let Some(e) = hardest.filter(|_| quote) {
        match lang {
            Lang::Ja => s.push_str(&format!("{}「{}」", e.date.format("%m/%d"), comment(e))),
            Lang::En => s.push_str(&format!("{}: “{}”", e.date.format("%m/%d"), comment(e))),
        }
    }
    Some(s.trim_end().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::selfreport::Source;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    pub(crate) fn entry(date: NaiveDate, mood: Option<u8>, comment: &str) -> SelfReport {
        let mut e = SelfReport::new(format!("e{date}"), "w".into(), date, Source::Form);
        e.ratings.set("mood", mood);
        e.ratings.set("sleep", Some(3));
        e.worker_comment = comment.into();
        e
    }

    #[test]
    fn the_sparkline_has_a_glyph_per_day_and_tells_missing_from_unanswered() {
        let items = Items::builtin();
        let entries = [
            entry(day(3, 2), Some(1), ""),
            entry(day(3, 3), Some(4), ""),
            entry(day(3, 5), None, ""),
        ];
        let s = sparkline(&entries, &items, "mood", day(3, 1), day(3, 5));
        assert_eq!(s, ".⣀⣿.-");
        let mut off = entry(day(3, 4), None, "");
        off.day_off = true;
        let with_off = [entries.as_slice(), &[off]].concat();
        let s = sparkline(&with_off, &items, "mood", day(3, 1), day(3, 5));
        assert_eq!(s, ".⣀⣿_-", "a day off is not a missing day");
        assert_eq!(block(&items, 2), '⣤');
        assert_eq!(block(&items, 3), '⣶');
        for c in BLOCKS
            .iter()
            .chain(&ROWS)
            .copied()
            .chain([NO_ENTRY, NOT_ANSWERED, DAY_OFF])
        {
            assert_eq!(
                unicode_width::UnicodeWidthChar::width_cjk(c),
                Some(1),
                "{c}"
            );
        }
    }

    #[test]
    fn the_month_sentence_names_the_days_what_moved_and_the_hardest_day() {
        let items = Items::builtin();
        let mut entries = Vec::new();
        for d in 2..=6 {
            entries.push(entry(day(2, d), Some(4), ""));
        }
        entries.push(entry(day(3, 2), Some(2), "少し疲れた"));
        entries.push(entry(day(3, 3), Some(1), "眠れなかった"));
        entries.push(entry(day(3, 4), Some(2), ""));
        let month = YearMonth::new(2026, 3).unwrap();
        let ja = month_sentence(&entries, &items, month, true, Lang::Ja).unwrap();
        assert_eq!(
            ja,
            "日報：3日分（平日22日）。前月比 気分↓（4.0→1.7）。03/03「眠れなかった」"
        );
        // Two days off marked in the form are not working days, nor reports.
        let mut with_off = entries.clone();
        for d in [5, 6] {
            let mut e = entry(day(3, d), None, "");
            e.ratings = Default::default();
            e.day_off = true;
            with_off.push(e);
        }
        let ja = month_sentence(&with_off, &items, month, true, Lang::Ja).unwrap();
        assert!(ja.starts_with("日報：3日分（平日20日、休み2日）。"), "{ja}");
        let closed = month_sentence(&entries, &items, month, false, Lang::En).unwrap();
        assert!(closed.starts_with("Self-reports: 3 days"), "{closed}");
        assert!(!closed.contains("眠れなかった"), "no quote: {closed}");
        let april = YearMonth::new(2026, 4).unwrap();
        assert_eq!(
            month_sentence(&entries, &items, april, true, Lang::Ja),
            None
        );
    }
}
