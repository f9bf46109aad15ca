//! Full-text search over contact notes, worker names and kana, people and
//! report text: SQLite FTS5 with the trigram tokenizer (schema and triggers in
//! migrate.rs; the index is written by triggers inside every write's own
//! transaction).
//!
//! Trigram matching needs at least three characters, but Japanese words are
//! often one or two (山田, 服薬). Such short terms are answered in three ways,
//! cheapest first, because each is fast where another is slow (measured on the
//! 100k-contact benchmark database, see benches/search.rs):
//! 1. a LIKE scan over the newest [`RECENT_WINDOW`] indexed texts — enough when
//!    the term is common, which is exactly when (3) would be slow;
//! 2. otherwise the term is expanded through the trigram vocabulary
//!    (`search_terms`): every trigram that starts with it, ORed in one MATCH.
//!    Bodies end with two newlines, so every occurrence starts a trigram;
//! 3. if that expansion is too wide ([`MAX_EXPANSION`] trigrams), a LIKE scan
//!    over the same indexed text (`search_docs.body`).
//!
//! Tombstoned records are removed from the index by the triggers; records of a
//! tombstoned worker are filtered out by the join on `workers`.

use std::ops::Range;

use rusqlite::types::Value;
use serde::Serialize;

use super::Store;
use crate::domain::Code;
use crate::domain::codes::code_enum;
use crate::error::{DbContext, Error, Result, Task};

code_enum! {
    /// What a search result is; the screen opens the record accordingly.
    HitKind, "record kind" {
        Worker = "worker", "利用者", "worker";
        Contact = "contact", "連絡記録", "contact";
        Person = "person", "関係者", "person";
        Report = "report", "支援レポート", "report";
    }
}

/// How many of the newest texts the first short-term scan reads.
pub const RECENT_WINDOW: i64 = 3000;
/// The widest trigram expansion of a short term worth a MATCH.
pub const MAX_EXPANSION: i64 = 200;
/// The longest query searched, in characters. Longer ones are refused with a
/// message: a trigram MATCH of a long phrase costs far more than its length
/// (2,000 characters took 12.9 s and 427 MB), and no one means to type a
/// whole paragraph into a search box.
pub const MAX_QUERY_CHARS: usize = 200;
/// Characters of context on each side of the first match in a snippet.
const CONTEXT_BEFORE: usize = 16;
const SNIPPET_CHARS: usize = 60;

/// One record that matches, with enough to open it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub kind: HitKind,
    /// The record's id (for a worker, the worker's id).
    pub id: String,
    pub worker_id: String,
    pub worker_name: String,
    /// The contact's date or the report's month; empty for workers and people.
    pub date: String,
    /// One line of text around the first match.
    pub snippet: String,
    /// Byte ranges of the matches within `snippet`, for highlighting.
    pub marks: Vec<Range<usize>>,
}

impl SearchHit {
    /// The snippet cut at the matches: (text, is a match), in order. Marks that
    /// overlap, run past the end or fall inside a character are skipped, so a
    /// damaged mark can never split a glyph.
    pub fn segments(&self) -> Vec<(&str, bool)> {
        let s = self.snippet.as_str();
        let mut out = Vec::new();
        let mut at = 0;
        for m in &self.marks {
            if m.start < at
                || m.end > s.len()
                || m.start > m.end
                || !s.is_char_boundary(m.start)
                || !s.is_char_boundary(m.end)
            {
                continue;
            }
            out.push((&s[at..m.start], false));
            out.push((&s[m.clone()], true));
            at = m.end;
        }
        out.push((&s[at..], false));
        out
    }
}

impl Store {
    /// Records whose text contains every whitespace-separated term of `query`
    /// (case-insensitive for Latin letters), most recently written first.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        if query.trim().chars().count() > MAX_QUERY_CHARS {
            return Err(Error::SearchTooLong {
                max: MAX_QUERY_CHARS,
            });
        }
        // A term given twice is one test, not two.
        let mut terms: Vec<String> = Vec::new();
        for t in query.split_whitespace() {
            if !terms.iter().any(|seen| seen == t) {
                terms.push(t.to_string());
            }
        }
        if terms.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let (long, short): (Vec<&String>, Vec<&String>) =
            terms.iter().partition(|t| t.chars().count() >= 3);
        let rows = if !long.is_empty() {
            let expr = long
                .iter()
                .map(|t| quote(t))
                .collect::<Vec<_>>()
                .join(" AND ");
            self.match_rows(&expr, &short, limit)?
        } else {
            let recent = self.scan_rows(&short, Some(RECENT_WINDOW), limit)?;
            if recent.len() as i64 >= limit {
                recent
            } else {
                match self.expand(&short)? {
                    Some(expr) if expr.is_empty() => Vec::new(),
                    Some(expr) => self.match_rows(&expr, &[], limit)?,
                    None => self.scan_rows(&short, None, limit)?,
                }
            }
        };
        Ok(rows
            .into_iter()
            .filter_map(|(kind, id, worker_id, worker_name, date, body)| {
                let (snippet, marks) = snippet(&body, &terms);
                Some(SearchHit {
                    kind: HitKind::from_code(&kind)?,
                    id,
                    worker_id,
                    worker_name,
                    date,
                    snippet,
                    marks,
                })
            })
            .collect())
    }

    /// Every short term as an OR of the trigrams that start with it, ANDed;
    /// empty when some term starts no trigram (nothing can match); `None` when
    /// one is too wide to be worth it.
    fn expand(&self, short: &[&String]) -> Result<Option<String>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT term FROM search_terms WHERE term >= ?1 AND term < ?2 LIMIT ?3")
            .during(Task::ReadRecords)?;
        let mut parts = Vec::new();
        for t in short {
            // The index folds case; so must the range.
            let lower = t.to_lowercase();
            let upper = format!("{lower}\u{10FFFF}");
            let found: Vec<String> = stmt
                .query_map(rusqlite::params![lower, upper, MAX_EXPANSION + 1], |r| {
                    r.get(0)
                })
                .during(Task::ReadRecords)?
                .collect::<rusqlite::Result<_>>()
                .during(Task::ReadRecords)?;
            if found.len() as i64 > MAX_EXPANSION {
                return Ok(None);
            }
            if found.is_empty() {
                // No trigram starts with it: nothing can match.
                return Ok(Some(String::new()));
            }
            let ors: Vec<String> = found.iter().map(|t| quote(t)).collect();
            parts.push(format!("({})", ors.join(" OR ")));
        }
        Ok(Some(parts.join(" AND ")))
    }

    fn match_rows(&self, expr: &str, filters: &[&String], limit: i64) -> Result<Vec<Row>> {
        let mut sql = String::from(
            "SELECT d.kind, d.record_id, d.worker_id, w.display_name, d.date, d.body
             FROM search_fts f
             JOIN search_docs d ON d.id = f.rowid
             JOIN workers w ON w.id = d.worker_id AND w.deleted = 0
             WHERE search_fts MATCH ?1",
        );
        let mut params = vec![Value::Text(expr.to_string()), Value::Integer(limit)];
        push_like_filters(&mut sql, &mut params, filters);
        sql.push_str(" ORDER BY f.rowid DESC LIMIT ?2");
        self.rows(&sql, params)
    }

    /// A scan of the indexed texts from the newest, stopping at `limit` hits;
    /// `window` bounds it to that many of the newest texts. The texts drive
    /// the join (CROSS JOIN keeps them the outer loop): otherwise SQLite may
    /// build an automatic index over every body for each search.
    fn scan_rows(&self, filters: &[&String], window: Option<i64>, limit: i64) -> Result<Vec<Row>> {
        let from = match window {
            Some(n) => format!(
                "COALESCE((SELECT id FROM search_docs ORDER BY id DESC LIMIT 1 OFFSET {}), 0)",
                n.saturating_sub(1).max(0)
            ),
            None => "0".to_string(),
        };
        let mut sql = format!(
            "SELECT d.kind, d.record_id, d.worker_id, w.display_name, d.date, d.body
             FROM search_docs d
             CROSS JOIN workers w ON w.id = d.worker_id AND w.deleted = 0
             WHERE d.id >= {from} AND ?1 = ?1"
        );
        let mut params = vec![Value::Integer(0), Value::Integer(limit)];
        push_like_filters(&mut sql, &mut params, filters);
        sql.push_str(" ORDER BY d.id DESC LIMIT ?2");
        self.rows(&sql, params)
    }

    fn rows(&self, sql: &str, params: Vec<Value>) -> Result<Vec<Row>> {
        let mut stmt = self.conn().prepare_cached(sql).during(Task::ReadRecords)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(params), |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })
            .during(Task::ReadRecords)?;
        rows.collect::<rusqlite::Result<_>>()
            .during(Task::ReadRecords)
    }
}

type Row = (String, String, String, String, String, String);

/// `AND d.body LIKE ?n ESCAPE '\'` for each term, with % and _ escaped. A term
/// without ASCII letters (LIKE folds only their case) is the same test as a
/// plain substring search, which SQLite's `instr` does several times faster.
fn push_like_filters(sql: &mut String, params: &mut Vec<Value>, terms: &[&String]) {
    for t in terms {
        if t.bytes().any(|b| b.is_ascii_alphabetic()) {
            params.push(Value::Text(format!("%{}%", escape_like(t))));
            sql.push_str(&format!(" AND d.body LIKE ?{} ESCAPE '\\'", params.len()));
        } else {
            params.push(Value::Text(t.to_string()));
            sql.push_str(&format!(" AND instr(d.body, ?{}) > 0", params.len()));
        }
    }
}

fn escape_like(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// An FTS5 string: double quotes around, inner quotes doubled.
fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// A one-line excerpt around the first match of any term, and where each term
/// occurs within it (byte ranges).
pub fn snippet(body: &str, terms: &[String]) -> (String, Vec<Range<usize>>) {
    let flat: String = body
        .trim_end()
        .chars()
        .map(|c| {
            if c == '\n' || c == '\t' || c == '\r' {
                ' '
            } else {
                c
            }
        })
        .collect();
    let lower = flat.to_lowercase();
    // Lower-casing may change byte lengths outside ASCII; fall back to no marks then.
    let comparable = lower.len() == flat.len();
    let lower_terms: Vec<String> = terms.iter().map(|t| t.to_lowercase()).collect();
    let first = if comparable {
        lower_terms
            .iter()
            .filter_map(|t| lower.find(t.as_str()))
            .min()
    } else {
        None
    };
    let chars: Vec<(usize, char)> = flat.char_indices().collect();
    let first_char = first.map_or(0, |b| chars.iter().position(|(i, _)| *i == b).unwrap_or(0));
    let start_char = first_char.saturating_sub(CONTEXT_BEFORE);
    let end_char = (start_char + SNIPPET_CHARS).min(chars.len());
    let byte = |c: usize| chars.get(c).map_or(flat.len(), |(i, _)| *i);
    let (from, to) = (byte(start_char), byte(end_char));
    let mut text = String::new();
    let lead = usize::from(start_char > 0) * '…'.len_utf8();
    if start_char > 0 {
        text.push('…');
    }
    text.push_str(&flat[from..to]);
    if end_char < chars.len() {
        text.push('…');
    }
    let mut marks = Vec::new();
    if comparable {
        let window = &lower[from..to];
        for t in lower_terms.iter().filter(|t| !t.is_empty()) {
            let mut at = 0;
            while let Some(i) = window[at..].find(t.as_str()) {
                let s = at + i;
                marks.push(lead + s..lead + s + t.len());
                at = s + t.len();
            }
        }
        marks.sort_by_key(|r| r.start);
    }
    (text, marks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_center_on_the_match_and_mark_it() {
        let body = format!("{}服薬の状況を確認した。\n\n", "あ".repeat(40));
        let (s, marks) = snippet(&body, &["服薬".to_string()]);
        assert!(s.starts_with('…'));
        assert_eq!(&s[marks[0].clone()], "服薬");
        let (s, marks) = snippet("Abc abc\n\n", &["ABC".to_string()]);
        assert_eq!(s, "Abc abc");
        assert_eq!(marks, vec![0..3, 4..7]);
    }

    #[test]
    fn like_patterns_are_escaped_and_fts_strings_quoted() {
        assert_eq!(escape_like("100%_\\"), "100\\%\\_\\\\");
        assert_eq!(quote("a\"b"), "\"a\"\"b\"");
    }

    #[test]
    fn segments_bracket_matches_and_skip_marks_that_would_split_a_glyph() {
        let hit = |marks: Vec<std::ops::Range<usize>>| SearchHit {
            kind: HitKind::Contact,
            id: String::new(),
            worker_id: String::new(),
            worker_name: String::new(),
            date: String::new(),
            snippet: "服薬の確認".into(),
            marks,
        };
        // 服薬 is bytes 0..6, 確認 is 9..15.
        assert_eq!(
            hit(vec![0..6, 9..15]).segments(),
            vec![
                ("", false),
                ("服薬", true),
                ("の", false),
                ("確認", true),
                ("", false)
            ]
        );
        // Inside a glyph, overlapping, reversed or past the end: skipped.
        #[allow(clippy::reversed_empty_ranges)]
        for bad in [1..6, 0..4, 3..1, 9..99] {
            assert_eq!(
                hit(vec![bad.clone()]).segments(),
                vec![("服薬の確認", false)],
                "{bad:?}"
            );
        }
        assert_eq!(hit(vec![0..6, 3..9]).segments().len(), 3);
    }
}
