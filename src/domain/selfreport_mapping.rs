//! Which column of a form export is what: the mapping file (TOML), or the
//! mapping recognised from the header by each column's heading; how a cell
//! reads as a rating (full-width and other NFKC digit forms, a form's own
//! scale) or as a day off (休み・休日).

use std::collections::BTreeMap;

use serde::Deserialize;

use super::selfreport::Items;
use super::selfreport_import::FileProblem;

/// Which column is what (a TOML file; README "Self-reports").
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// The column with the day (a form's timestamp, or a date question).
    pub date: String,
    /// The worker column, and how it names them.
    pub worker: WorkerColumn,
    /// For `by = "table"`: what the form has (e-mail, a code) → the worker's
    /// name or id.
    #[serde(default)]
    pub respondents: BTreeMap<String, String>,
    #[serde(default, rename = "rating")]
    pub ratings: Vec<RatingColumn>,
    #[serde(default)]
    pub comments: Comments,
    /// A column saying whether the day was a day off (休み・休日): such a day
    /// is not a missing report.
    #[serde(default)]
    pub day_off: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkerColumn {
    pub column: String,
    #[serde(default)]
    pub by: By,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum By {
    /// The display name, else the kana (spaces ignored).
    #[default]
    Name,
    Kana,
    /// The worker's id in teichaku (or its first characters).
    Id,
    /// Looked up in `[respondents]` (an e-mail, a code), then by name or id.
    Table,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatingColumn {
    pub column: String,
    pub item: String,
    /// The form's scale, `[low, high]`; mapped onto the item scale. Unset:
    /// the same as the items'.
    #[serde(default)]
    pub scale: Option<[f64; 2]>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Comments {
    pub worker: Option<String>,
    pub workplace: Option<String>,
    pub supporter: Option<String>,
}

/// What a column of the file became, for the preview's list of columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Date,
    Worker,
    /// An item's rating (the item's id).
    Rating(String),
    WorkerComment,
    WorkplaceComment,
    SupporterComment,
    DayOff,
}

/// Headings of the workplace's and the supporter's comment: a column with
/// one of these is never the worker's comment.
const WORKPLACE_WORDS: &[&str] = &["職場", "会社", "上司", "workplace", "employer"];
const SUPPORTER_WORDS: &[&str] = &["支援者", "支援員", "担当者", "supporter", "staff"];
const COMMENT_WORDS: &[&str] = &[
    "コメント",
    "ひとこと",
    "一言",
    "感想",
    "メモ",
    "comment",
    "note",
];
const WORKER_WORDS: &[&str] = &["本人", "ご本人", "今日のひとこと", "自分", "your"];
const DAY_OFF_HEADINGS: &[&str] = &[
    "休み", "休日", "出勤", "勤務", "day off", "holiday", "worked",
];

fn has(h: &str, words: &[&str]) -> bool {
    let h = h.to_lowercase();
    words.iter().any(|w| h.contains(w))
}

impl Mapping {
    pub fn parse(text: &str) -> Result<Mapping, FileProblem> {
        toml::from_str(text).map_err(|e| FileProblem::Mapping(e.to_string()))
    }

    /// The mapping of a known form export, from its header, by each
    /// column's heading: a timestamp or date column, a name column, a
    /// column per item whose heading holds the item's name (its scale from
    /// the heading, `気分 (1-5)`), the worker's comment (never a column
    /// headed as the workplace's or the supporter's), the workplace's and
    /// the supporter's comments, a day-off column.
    pub fn detect(header: &[String], items: &Items) -> Result<Mapping, FileProblem> {
        let find = |names: &[&str]| {
            names.iter().find_map(|n| {
                header
                    .iter()
                    .find(|h| h.trim().eq_ignore_ascii_case(n))
                    .cloned()
            })
        };
        let date = find(&[
            "日付",
            "Date",
            "タイムスタンプ",
            "Timestamp",
            "完了時刻",
            "Completion time",
        ]);
        let worker = find(&["氏名", "名前", "お名前", "Name", "Your name"]);
        let (Some(date), Some(worker)) = (date, worker) else {
            return Err(FileProblem::UnknownLayout(header.to_vec()));
        };
        let is_comment =
            |h: &str| has(h, COMMENT_WORDS) || has(h, WORKPLACE_WORDS) || has(h, SUPPORTER_WORDS);
        let rating_of = |needle: &str| {
            header
                .iter()
                .find(|h| h.contains(needle) && !is_comment(h))
                .cloned()
        };
        let ratings = items
            .items
            .iter()
            .filter_map(|i| {
                rating_of(&i.ja)
                    .or_else(|| (!i.en.is_empty()).then(|| rating_of(&i.en)).flatten())
                    .map(|column| RatingColumn {
                        scale: heading_scale(&column),
                        column,
                        item: i.id.clone(),
                    })
            })
            .collect::<Vec<_>>();
        if ratings.is_empty() {
            return Err(FileProblem::UnknownLayout(header.to_vec()));
        }
        let taken =
            |h: &String| *h == date || *h == worker || ratings.iter().any(|r| r.column == *h);
        let free: Vec<&String> = header.iter().filter(|h| !taken(h)).collect();
        let workplace = free
            .iter()
            .find(|h| has(h, WORKPLACE_WORDS) && !has(h, SUPPORTER_WORDS))
            .map(|h| (*h).clone());
        let supporter = free
            .iter()
            .find(|h| has(h, SUPPORTER_WORDS))
            .map(|h| (*h).clone());
        let others = || {
            free.iter()
                .filter(|h| !has(h, WORKPLACE_WORDS) && !has(h, SUPPORTER_WORDS))
        };
        // The worker's comment: a heading naming the worker first, then any
        // comment heading that is not the workplace's or the supporter's.
        let worker_comment = others()
            .find(|h| has(h, WORKER_WORDS) && has(h, COMMENT_WORDS))
            .or_else(|| others().find(|h| has(h, COMMENT_WORDS) && !has(h, DAY_OFF_HEADINGS)))
            .map(|h| (*h).clone());
        let day_off = others()
            .find(|h| has(h, DAY_OFF_HEADINGS) && worker_comment.as_deref() != Some(h.as_str()))
            .map(|h| (*h).clone());
        Ok(Mapping {
            date,
            worker: WorkerColumn {
                column: worker,
                by: By::Name,
            },
            respondents: BTreeMap::new(),
            ratings,
            comments: Comments {
                worker: worker_comment,
                workplace,
                supporter,
            },
            day_off,
        })
    }

    /// Every column the mapping reads, with what it becomes, in the
    /// header's order; the columns it leaves unread after them.
    pub fn columns(&self, header: &[String]) -> (Vec<(String, Target)>, Vec<String>) {
        let mut named: Vec<(&str, Target)> = vec![
            (self.date.as_str(), Target::Date),
            (self.worker.column.as_str(), Target::Worker),
        ];
        for r in &self.ratings {
            named.push((&r.column, Target::Rating(r.item.clone())));
        }
        let c = &self.comments;
        for (col, t) in [
            (&c.worker, Target::WorkerComment),
            (&c.workplace, Target::WorkplaceComment),
            (&c.supporter, Target::SupporterComment),
            (&self.day_off, Target::DayOff),
        ] {
            if let Some(col) = col {
                named.push((col, t));
            }
        }
        let mut used = Vec::new();
        let mut unused = Vec::new();
        for h in header {
            let mut any = false;
            for (col, t) in &named {
                if col.trim() == h {
                    used.push((h.clone(), t.clone()));
                    any = true;
                }
            }
            if !any && !h.trim().is_empty() {
                unused.push(h.clone());
            }
        }
        (used, unused)
    }

    /// Two comment kinds read from one column would overwrite each other.
    pub fn shared_comment_column(&self) -> Option<String> {
        let c = &self.comments;
        let cols: Vec<&str> = [&c.worker, &c.workplace, &c.supporter]
            .into_iter()
            .flatten()
            .map(|s| s.trim())
            .collect();
        cols.iter()
            .enumerate()
            .find(|(i, a)| cols[..*i].contains(a))
            .map(|(_, a)| (*a).to_string())
    }
}

/// A form's scale written in a heading: `気分 (1-5)`, `体調（1〜10）`,
/// `睡眠 5段階`, `Mood (1 to 5)`. None: the heading says nothing.
pub fn heading_scale(heading: &str) -> Option<[f64; 2]> {
    let h = digits(heading);
    let numbers: Vec<u32> = h
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect();
    let ranged = ["-", "〜", "~", "～", "–", "to", "から"]
        .iter()
        .any(|sep| h.contains(sep));
    if (h.contains("段階") || h.to_lowercase().contains("point"))
        && let [n] = numbers.as_slice()
        && (3..=10).contains(n)
    {
        return Some([1.0, f64::from(*n)]);
    }
    match numbers.as_slice() {
        [lo, hi] if ranged && lo < hi && *lo <= 1 && (3..=10).contains(hi) => {
            Some([f64::from(*lo), f64::from(*hi)])
        }
        _ => None,
    }
}

/// Digits as ASCII: full-width `４`, circled `④`, super- and subscript,
/// mathematical `𝟒` — what NFKC makes of them — and the full-width point.
pub fn digits(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let u = u32::from(c);
        let d = match u {
            0xFF10..=0xFF19 => Some(u - 0xFF10),
            0x2460..=0x2468 => Some(u - 0x2460 + 1), // ①–⑨
            0x2469 => {
                out.push_str("10"); // ⑩
                continue;
            }
            0x2080..=0x2089 => Some(u - 0x2080),
            0x2070 => Some(0),
            0x00B9 => Some(1),
            0x00B2 => Some(2),
            0x00B3 => Some(3),
            0x2074..=0x2079 => Some(u - 0x2070),
            0x1D7CE..=0x1D7FF => Some((u - 0x1D7CE) % 10),
            _ => None,
        };
        match d.and_then(|d| char::from_digit(d, 10)) {
            Some(a) => out.push(a),
            None if c == '．' => out.push('.'),
            None => out.push(c),
        }
    }
    out
}

/// A rating cell: a number in any digit form, possibly followed by a label
/// (`4 (良い)`, `４：良い`).
pub fn rating_value(cell: &str) -> Option<f64> {
    let t = digits(cell.trim());
    let number: String = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    number.parse().ok()
}

/// Words that mark a day off (休み・休日): in a rating cell, or in the
/// day-off column.
const OFF_WORDS: &[&str] = &[
    "休み",
    "お休み",
    "休日",
    "休",
    "公休",
    "有休",
    "有給",
    "有給休暇",
    "欠勤",
    "day off",
    "holiday",
    "off",
];
const YES: &[&str] = &["はい", "yes", "y", "true", "1", "○", "◯", "✓"];
const NO: &[&str] = &["いいえ", "no", "n", "false", "0", "×", "✗"];

/// A cell saying the day was a day off, whatever the column.
pub fn is_off_word(cell: &str) -> bool {
    let t = cell.trim().to_lowercase();
    !t.is_empty() && OFF_WORDS.contains(&t.as_str())
}

/// The day-off column's cell: a day-off word; or, under a heading asking
/// about the day off (休み), a yes; under one asking about work (出勤), a no.
pub fn is_day_off(heading: &str, cell: &str) -> bool {
    if is_off_word(cell) {
        return true;
    }
    let t = digits(cell.trim()).to_lowercase();
    let asks_off = has(heading, &["休", "day off", "holiday"]);
    if asks_off {
        YES.contains(&t.as_str())
    } else {
        NO.contains(&t.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(cols: &[&str]) -> Vec<String> {
        cols.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_workplace_comment_before_the_workers_is_never_the_workers() {
        let items = Items::builtin();
        let h = header(&["日付", "氏名", "気分", "職場のコメント", "本人コメント"]);
        let m = Mapping::detect(&h, &items).unwrap();
        assert_eq!(m.comments.worker.as_deref(), Some("本人コメント"));
        assert_eq!(m.comments.workplace.as_deref(), Some("職場のコメント"));
        assert_eq!(m.shared_comment_column(), None);
        // Only a workplace column: the worker has none, not the workplace's.
        let h = header(&["日付", "氏名", "気分", "職場のコメント"]);
        let m = Mapping::detect(&h, &items).unwrap();
        assert_eq!(m.comments.worker, None);
        assert_eq!(m.comments.workplace.as_deref(), Some("職場のコメント"));
        // A supporter's column is the supporter's.
        let h = header(&["日付", "氏名", "気分", "支援者コメント", "コメント"]);
        let m = Mapping::detect(&h, &items).unwrap();
        assert_eq!(m.comments.worker.as_deref(), Some("コメント"));
        assert_eq!(m.comments.supporter.as_deref(), Some("支援者コメント"));
    }

    #[test]
    fn the_columns_are_listed_with_what_they_become_and_the_unread_ones() {
        let items = Items::builtin();
        let h = header(&[
            "タイムスタンプ",
            "お名前",
            "今日の気分",
            "メール",
            "今日のひとこと",
            "休み",
        ]);
        let m = Mapping::detect(&h, &items).unwrap();
        let (used, unused) = m.columns(&h);
        assert_eq!(
            used,
            [
                ("タイムスタンプ".to_string(), Target::Date),
                ("お名前".to_string(), Target::Worker),
                ("今日の気分".to_string(), Target::Rating("mood".into())),
                ("今日のひとこと".to_string(), Target::WorkerComment),
                ("休み".to_string(), Target::DayOff),
            ]
        );
        assert_eq!(unused, ["メール"]);
    }

    #[test]
    fn a_heading_names_its_scale() {
        assert_eq!(heading_scale("Mood (1-5)"), Some([1.0, 5.0]));
        assert_eq!(heading_scale("体調（１〜１０）"), Some([1.0, 10.0]));
        assert_eq!(heading_scale("睡眠（5段階）"), Some([1.0, 5.0]));
        assert_eq!(heading_scale("疲れ（4 = 疲れていない）"), None);
        assert_eq!(heading_scale("気分"), None);
        assert_eq!(heading_scale("気分（1から5）"), Some([1.0, 5.0]));
        let items = Items::builtin();
        let h = header(&["日付", "氏名", "気分 (1-10)", "睡眠（1から5）", "職場から"]);
        let m = Mapping::detect(&h, &items).unwrap();
        assert_eq!(m.ratings[0].scale, Some([1.0, 10.0]));
        assert_eq!(m.ratings[1].column, "睡眠（1から5）");
        assert_eq!(m.ratings[1].scale, Some([1.0, 5.0]));
        assert_eq!(m.comments.workplace.as_deref(), Some("職場から"));
        assert_eq!(m.comments.worker, None);
    }

    #[test]
    fn full_width_and_other_digit_forms_read_as_their_digits() {
        assert_eq!(rating_value("４"), Some(4.0));
        assert_eq!(rating_value("　３　"), Some(3.0));
        assert_eq!(rating_value("④"), Some(4.0));
        assert_eq!(rating_value("𝟐"), Some(2.0));
        assert_eq!(rating_value("²"), Some(2.0));
        assert_eq!(rating_value("４（良い）"), Some(4.0));
        assert_eq!(rating_value("１０"), Some(10.0));
        assert_eq!(rating_value("良い"), None);
    }

    #[test]
    fn a_day_off_is_a_word_or_the_answer_to_its_question() {
        assert!(is_off_word("休み"));
        assert!(is_off_word(" 休日 "));
        assert!(!is_off_word("3"));
        assert!(is_day_off("今日は休みでしたか", "はい"));
        assert!(!is_day_off("今日は休みでしたか", "いいえ"));
        assert!(is_day_off("出勤", "いいえ"));
        assert!(!is_day_off("出勤", "はい"));
        assert!(is_day_off("出勤", "休み"));
    }
}
