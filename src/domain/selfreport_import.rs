//! Reading a form export (Google Forms, Microsoft Forms, an Excel-saved CSV)
//! into self-reports: decoding, the mapping of columns, and the preview of
//! what an import would add. Pure: bytes, the workers and what is already
//! stored in; a [`Preview`] out. Writing is `Store::import_selfreports`.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Deserialize;

use super::Worker;
use super::selfreport::{Items, SelfReport, Source};

/// How a file's bytes became text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    ShiftJis,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    /// `--encoding` named nothing we know.
    UnknownEncoding(String),
    /// The bytes are not text in the encoding (given or detected).
    Undecodable(&'static str),
    /// No header row, or a CSV that cannot be read.
    NotCsv(String),
    /// The mapping file is broken.
    Mapping(String),
    /// No mapping given and the header does not look like a known form.
    UnknownLayout(Vec<String>),
    /// A column the mapping names is not in the header.
    MissingColumn(String),
    /// A rating column names an item the agency does not have.
    UnknownItem(String),
}

/// Decodes a CSV file: UTF-8 (with or without BOM) as form services export,
/// else Shift_JIS/CP932 as Japanese Excel saves; or the encoding named.
pub fn decode(bytes: &[u8], label: Option<&str>) -> Result<(String, Encoding), FileProblem> {
    let forced = match label.map(|l| l.trim().to_ascii_lowercase()) {
        None => None,
        Some(l) if matches!(l.as_str(), "utf-8" | "utf8") => Some(Encoding::Utf8),
        Some(l)
            if matches!(
                l.as_str(),
                "shift_jis" | "shift-jis" | "sjis" | "cp932" | "windows-31j" | "ms932"
            ) =>
        {
            Some(Encoding::ShiftJis)
        }
        Some(l) => return Err(FileProblem::UnknownEncoding(l)),
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let utf8 = || {
        std::str::from_utf8(bytes)
            .map(|s| (s.to_string(), Encoding::Utf8))
            .map_err(|_| FileProblem::Undecodable("UTF-8"))
    };
    let sjis = || {
        let (text, had_errors) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(bytes);
        if had_errors {
            Err(FileProblem::Undecodable("Shift_JIS"))
        } else {
            Ok((text.into_owned(), Encoding::ShiftJis))
        }
    };
    match forced {
        Some(Encoding::Utf8) => utf8(),
        Some(Encoding::ShiftJis) => sjis(),
        None => utf8().or_else(|_| sjis()),
    }
}

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

impl Mapping {
    pub fn parse(text: &str) -> Result<Mapping, FileProblem> {
        toml::from_str(text).map_err(|e| FileProblem::Mapping(e.to_string()))
    }

    /// The mapping of a known form export, from its header: a timestamp or
    /// date column, a name column, a column per item whose header holds the
    /// item's name, a comment column.
    pub fn detect(header: &[String], items: &Items) -> Result<Mapping, FileProblem> {
        let find = |names: &[&str]| {
            names.iter().find_map(|n| {
                header
                    .iter()
                    .find(|h| h.trim().eq_ignore_ascii_case(n))
                    .cloned()
            })
        };
        let contains = |needle: &str| header.iter().find(|h| h.contains(needle)).cloned();
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
        let ratings = items
            .items
            .iter()
            .filter_map(|i| {
                contains(&i.ja)
                    .or_else(|| (!i.en.is_empty()).then(|| contains(&i.en)).flatten())
                    .map(|column| RatingColumn {
                        column,
                        item: i.id.clone(),
                        scale: None,
                    })
            })
            .collect::<Vec<_>>();
        if ratings.is_empty() {
            return Err(FileProblem::UnknownLayout(header.to_vec()));
        }
        let comment = |words: &[&str]| words.iter().find_map(|w| contains(w));
        Ok(Mapping {
            date,
            worker: WorkerColumn {
                column: worker,
                by: By::Name,
            },
            respondents: BTreeMap::new(),
            ratings,
            comments: Comments {
                worker: comment(&["本人のコメント", "今日のひとこと", "コメント", "Comment"]),
                workplace: comment(&["職場から", "職場のコメント", "Workplace"]),
                supporter: None,
            },
        })
    }
}

/// Why one row is not imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowProblem {
    BadDate(String),
    /// A rating that is not a number on the column's scale.
    BadRating {
        column: String,
        value: String,
    },
    NoWorker(String),
    SeveralWorkers(String),
    /// The same worker and day again, earlier in the file.
    Repeated {
        first_row: usize,
    },
    /// Fewer cells than the header.
    ShortRow,
}

/// What importing the file would do.
#[derive(Debug, Clone, Default)]
pub struct Preview {
    pub encoding: Option<Encoding>,
    /// Rows that become new self-reports, with their row number.
    pub new: Vec<(usize, SelfReport)>,
    /// Rows whose worker and day are already stored: (row, worker, day).
    pub present: Vec<(usize, String, NaiveDate)>,
    /// Rows that cannot be imported, and why.
    pub problems: Vec<(usize, RowProblem)>,
    /// Workplace comments left out: the worker is in closed employment.
    pub dropped_workplace: usize,
}

/// Spaces (ASCII and full-width) out, ASCII lowercased: how names match.
pub fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A form's timestamp or date: `2026/03/02 18:05:12` (Google Forms ja,
/// Excel), `2026-03-02`, `3/2/2026 18:05:12` (Google Forms en), `3/2/26
/// 18:05` (Microsoft Forms en).
pub fn parse_day(cell: &str) -> Option<NaiveDate> {
    let date = cell.trim().split([' ', 'T']).next()?.trim();
    let date = date.trim_end_matches(['日']);
    let parts: Vec<&str> = date.split(['/', '-', '.', '年', '月']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let n = |s: &str| s.trim().parse::<u32>().ok();
    let (a_n, b_n, c_n) = (n(a)?, n(b)?, n(c)?);
    if a.trim().len() == 4 {
        NaiveDate::from_ymd_opt(i32::try_from(a_n).ok()?, b_n, c_n)
    } else {
        let year = if c.trim().len() == 2 { 2000 + c_n } else { c_n };
        NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, a_n, b_n)
    }
}

/// A rating cell: a number, possibly followed by a label (`4 (良い)`).
fn rating_value(cell: &str) -> Option<f64> {
    let t = cell.trim();
    let digits: String = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    digits.parse().ok()
}

/// The header and rows of CSV text.
pub fn read_csv(text: &str) -> Result<(Vec<String>, Vec<Vec<String>>), FileProblem> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header: Vec<String> = match records.next() {
        Some(Ok(r)) => r.iter().map(|c| c.trim().to_string()).collect(),
        Some(Err(e)) => return Err(FileProblem::NotCsv(e.to_string())),
        None => return Err(FileProblem::NotCsv(String::new())),
    };
    let mut rows = Vec::new();
    for r in records {
        let r = r.map_err(|e| FileProblem::NotCsv(e.to_string()))?;
        rows.push(r.iter().map(str::to_string).collect());
    }
    Ok((header, rows))
}

/// What the import would add: every row either new, already present, or a
/// problem with its reason. `existing`: the (worker id, day) pairs stored.
pub fn preview(
    header: &[String],
    rows: &[Vec<String>],
    mapping: &Mapping,
    items: &Items,
    workers: &[Worker],
    existing: &BTreeSet<(String, NaiveDate)>,
) -> Result<Preview, FileProblem> {
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name.trim())
            .ok_or_else(|| FileProblem::MissingColumn(name.to_string()))
    };
    let date_col = col(&mapping.date)?;
    let worker_col = col(&mapping.worker.column)?;
    let mut rating_cols = Vec::new();
    for r in &mapping.ratings {
        if items.get(&r.item).is_none() {
            return Err(FileProblem::UnknownItem(r.item.clone()));
        }
        let scale = r
            .scale
            .unwrap_or([f64::from(items.scale.min), f64::from(items.scale.max)]);
        rating_cols.push((col(&r.column)?, r, scale));
    }
    let opt_col = |c: &Option<String>| c.as_deref().map(col).transpose();
    let worker_comment = opt_col(&mapping.comments.worker)?;
    let workplace_comment = opt_col(&mapping.comments.workplace)?;
    let supporter_comment = opt_col(&mapping.comments.supporter)?;

    let mut out = Preview::default();
    let mut seen: BTreeMap<(String, NaiveDate), usize> = BTreeMap::new();
    for (i, row) in rows.iter().enumerate() {
        let row_no = i + 2;
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if row.len() < header.len() {
            out.problems.push((row_no, RowProblem::ShortRow));
            continue;
        }
        let cell = |c: usize| row.get(c).map_or("", |s| s.as_str());
        let Some(date) = parse_day(cell(date_col)) else {
            out.problems
                .push((row_no, RowProblem::BadDate(cell(date_col).to_string())));
            continue;
        };
        let who = cell(worker_col).trim();
        let worker = match find_worker(who, mapping, workers) {
            Ok(w) => w,
            Err(p) => {
                out.problems.push((row_no, p));
                continue;
            }
        };
        let mut report = SelfReport::new(
            SelfReport::id_for(&worker.id, date),
            worker.id.clone(),
            date,
            Source::Form,
        );
        let mut bad = None;
        for (c, r, [lo, hi]) in &rating_cols {
            let text = cell(*c).trim();
            if text.is_empty() {
                continue;
            }
            match rating_value(text).and_then(|v| items.map_rating(v, *lo, *hi)) {
                Some(v) => report.ratings.set(&r.item, Some(v)),
                None => {
                    bad = Some(RowProblem::BadRating {
                        column: r.column.clone(),
                        value: text.to_string(),
                    });
                    break;
                }
            }
        }
        if let Some(p) = bad {
            out.problems.push((row_no, p));
            continue;
        }
        let text = |c: Option<usize>| c.map(|c| cell(c).trim().to_string()).unwrap_or_default();
        report.worker_comment = text(worker_comment);
        report.supporter_comment = text(supporter_comment);
        let workplace = text(workplace_comment);
        if worker.is_closed() {
            out.dropped_workplace += usize::from(!workplace.is_empty());
        } else {
            report.workplace_comment = workplace;
        }
        let key = (worker.id.clone(), date);
        if let Some(first) = seen.get(&key) {
            out.problems
                .push((row_no, RowProblem::Repeated { first_row: *first }));
            continue;
        }
        seen.insert(key.clone(), row_no);
        if existing.contains(&key) {
            out.present
                .push((row_no, worker.display_name.clone(), date));
        } else {
            out.new.push((row_no, report));
        }
    }
    Ok(out)
}

fn find_worker<'w>(
    who: &str,
    mapping: &Mapping,
    workers: &'w [Worker],
) -> Result<&'w Worker, RowProblem> {
    let none = || RowProblem::NoWorker(who.to_string());
    if who.is_empty() {
        return Err(none());
    }
    let (query, by) = match mapping.worker.by {
        By::Table => {
            let found = mapping
                .respondents
                .iter()
                .find(|(k, _)| normalise(k) == normalise(who))
                .map(|(_, v)| v.as_str())
                .ok_or_else(none)?;
            (found, By::Table)
        }
        by => (who, by),
    };
    let q = normalise(query);
    let matches = |f: &dyn Fn(&Worker) -> bool| -> Vec<&'w Worker> {
        workers.iter().filter(|w| f(w)).collect()
    };
    let by_name = || matches(&|w: &Worker| normalise(&w.display_name) == q);
    let by_kana = || matches(&|w: &Worker| !w.kana.is_empty() && normalise(&w.kana) == q);
    let by_id = || matches(&|w: &Worker| w.id == query || (q.len() >= 6 && w.id.starts_with(&q)));
    let found = match by {
        By::Name => Some(by_name())
            .filter(|v| !v.is_empty())
            .unwrap_or_else(by_kana),
        By::Kana => by_kana(),
        By::Id => by_id(),
        By::Table => [by_id(), by_name(), by_kana()]
            .into_iter()
            .find(|v| !v.is_empty())
            .unwrap_or_default(),
    };
    match found.as_slice() {
        [one] => Ok(one),
        [] => Err(none()),
        _ => Err(RowProblem::SeveralWorkers(who.to_string())),
    }
}

#[cfg(test)]
#[path = "selfreport_import_tests.rs"]
mod tests;
