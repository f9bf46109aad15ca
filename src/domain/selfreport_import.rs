//! Reading a form export (Google Forms, Microsoft Forms, an Excel-saved CSV)
//! into self-reports: decoding, the mapping of columns, and the preview of
//! what an import would add. Pure: bytes, the workers and what is already
//! stored in; a [`Preview`] out. Writing is `Store::import_selfreports`.

use std::collections::BTreeMap;

use chrono::NaiveDate;

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
    /// Two kinds of comment (the worker's, the workplace's, the
    /// supporter's) read from this one column: they would overwrite each other.
    SharedCommentColumn(String),
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

pub use super::selfreport_mapping::{By, Comments, Mapping, RatingColumn, Target, WorkerColumn};
use super::selfreport_mapping::{is_day_off, is_off_word, rating_value};

/// Why one row is not imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowProblem {
    BadDate(String),
    /// A rating that is not a number on the column's scale `(low, high)`.
    BadRating {
        column: String,
        value: String,
        scale: (u32, u32),
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

/// A row whose worker and day are held with other values: what is held,
/// and what the import would make of it (the file's cells over it; an
/// empty cell erases nothing). Applied only when the supporter says so.
#[derive(Debug, Clone, PartialEq)]
pub struct Changed {
    pub row: usize,
    pub worker: String,
    pub old: SelfReport,
    pub new: SelfReport,
}

/// A rating column with numbers above the items' scale and no scale of its
/// own: the form probably runs on `1..=form_max` (5 or 10).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScaleHint {
    pub column: String,
    pub item: String,
    pub highest: u32,
    pub form_max: u32,
}

/// What importing the file would do.
#[derive(Debug, Clone, Default)]
pub struct Preview {
    pub encoding: Option<Encoding>,
    /// The columns read, each with what it became, in the header's order.
    pub columns: Vec<(String, Target)>,
    /// The form's scale of each rating column read on another scale than
    /// the items': (column, low, high).
    pub scales: Vec<(String, u32, u32)>,
    /// The columns left unread.
    pub unused: Vec<String>,
    /// Rows that become new self-reports, with their row number.
    pub new: Vec<(usize, SelfReport)>,
    /// Rows whose worker and day are already stored with the same values:
    /// (row, worker, day).
    pub present: Vec<(usize, String, NaiveDate)>,
    /// Rows whose worker and day are stored with other values.
    pub changed: Vec<Changed>,
    /// Rows that cannot be imported, and why.
    pub problems: Vec<(usize, RowProblem)>,
    /// Rating columns whose numbers look like another scale.
    pub scale_hints: Vec<ScaleHint>,
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
    let cell = super::selfreport_mapping::digits(cell);
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

/// What the import would add: every row either new, already present,
/// changed, or a problem with its reason. `existing`: the self-reports
/// stored, by (worker id, day).
pub fn preview(
    header: &[String],
    rows: &[Vec<String>],
    mapping: &Mapping,
    items: &Items,
    workers: &[Worker],
    existing: &BTreeMap<(String, NaiveDate), SelfReport>,
) -> Result<Preview, FileProblem> {
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name.trim())
            .ok_or_else(|| FileProblem::MissingColumn(name.to_string()))
    };
    if let Some(c) = mapping.shared_comment_column() {
        return Err(FileProblem::SharedCommentColumn(c));
    }
    let date_col = col(&mapping.date)?;
    let worker_col = col(&mapping.worker.column)?;
    let own = [f64::from(items.scale.min), f64::from(items.scale.max)];
    let mut out = Preview::default();
    let mut rating_cols = Vec::new();
    for r in &mapping.ratings {
        if items.get(&r.item).is_none() {
            return Err(FileProblem::UnknownItem(r.item.clone()));
        }
        let scale = r.scale.unwrap_or(own);
        if scale != own {
            out.scales
                .push((r.column.clone(), scale[0] as u32, scale[1] as u32));
        }
        rating_cols.push((col(&r.column)?, r, scale));
    }
    let opt_col = |c: &Option<String>| c.as_deref().map(col).transpose();
    let worker_comment = opt_col(&mapping.comments.worker)?;
    let workplace_comment = opt_col(&mapping.comments.workplace)?;
    let supporter_comment = opt_col(&mapping.comments.supporter)?;
    let day_off_col = opt_col(&mapping.day_off)?;
    (out.columns, out.unused) = mapping.columns(header);

    let mut seen: BTreeMap<(String, NaiveDate), usize> = BTreeMap::new();
    let mut highest: BTreeMap<usize, u32> = BTreeMap::new();
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
        report.day_off = day_off_col.is_some_and(|c| is_day_off(&header[c], cell(c)));
        let mut bad = None;
        for (ci, (c, r, [lo, hi])) in rating_cols.iter().enumerate() {
            let text = cell(*c).trim();
            if text.is_empty() {
                continue;
            }
            if is_off_word(text) {
                report.day_off = true;
                continue;
            }
            let value = rating_value(text);
            match value.and_then(|v| items.map_rating(v, *lo, *hi)) {
                Some(v) => report.ratings.set(&r.item, Some(v)),
                None => {
                    if let Some(v) = value.filter(|v| v.fract() == 0.0 && *v > *hi) {
                        let e = highest.entry(ci).or_default();
                        *e = (*e).max(v as u32);
                    }
                    bad.get_or_insert(RowProblem::BadRating {
                        column: r.column.clone(),
                        value: text.to_string(),
                        scale: (*lo as u32, *hi as u32),
                    });
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
        match existing.get(&key) {
            None => out.new.push((row_no, report)),
            Some(old) => {
                let new = merged(old, &report);
                if new == *old {
                    out.present
                        .push((row_no, worker.display_name.clone(), date));
                } else {
                    out.changed.push(Changed {
                        row: row_no,
                        worker: worker.display_name.clone(),
                        old: old.clone(),
                        new,
                    });
                }
            }
        }
    }
    for (ci, high) in highest {
        let (_, r, _) = rating_cols[ci];
        if r.scale.is_none() && high <= 10 {
            out.scale_hints.push(ScaleHint {
                column: r.column.clone(),
                item: r.item.clone(),
                highest: high,
                form_max: if high <= 5 { 5 } else { 10 },
            });
        }
    }
    Ok(out)
}

/// What is held for the day with the file's row over it: the row's ratings
/// and non-empty comments replace the held ones; an empty cell erases
/// nothing; the supporter's acknowledgement stays.
pub fn merged(old: &SelfReport, row: &SelfReport) -> SelfReport {
    let mut m = old.clone();
    for (item, v) in &row.ratings.0 {
        m.ratings.set(item, Some(*v));
    }
    for (to, from) in [
        (&mut m.worker_comment, &row.worker_comment),
        (&mut m.workplace_comment, &row.workplace_comment),
        (&mut m.supporter_comment, &row.supporter_comment),
    ] {
        if !from.is_empty() {
            to.clone_from(from);
        }
    }
    m.day_off = row.day_off || (old.day_off && row.ratings.is_empty());
    if m != *old {
        m.source = row.source;
    }
    m
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
