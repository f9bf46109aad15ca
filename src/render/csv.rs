//! CSV for Excel and LibreOffice: UTF-8 with a byte-order mark (without it Excel
//! reads Japanese as Shift_JIS and garbles it), CRLF line ends, RFC 4180
//! quoting. Values are written as a person reads them (labels in the user's
//! language, dates as YYYY-MM-DD); closed-employment workers are marked in a
//! column of their own.
//!
//! An assessments CSV will come with the checklists (another branch).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use chrono::Timelike;

use crate::domain::{Code, Contact, Worker};
use crate::i18n::{Lang, Msg};

const BOM: &str = "\u{FEFF}";
/// What the closed-employment column holds for such a worker.
pub const CLOSED_MARK: &str = "●";

/// A cell as it is safe to open in a spreadsheet: one that Excel or
/// LibreOffice would take for a formula (starting with `=`, `+`, `-`, `@`, a
/// tab or a carriage return; `=HYPERLINK(…)` in a note would be live) gets a
/// leading `'` (OWASP's rule for CSV injection). The spreadsheet shows the
/// text as written; the `'` is seen only in a text editor.
pub fn defuse(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

/// The rows being written: the `csv` crate quotes by RFC 4180 (comma,
/// quote, CR or LF), ends lines with CRLF; the BOM goes first, in one write.
struct CsvText {
    writer: csv::Writer<Vec<u8>>,
}

impl CsvText {
    fn new() -> Self {
        let writer = builder().from_writer(BOM.as_bytes().to_vec());
        CsvText { writer }
    }

    fn record<S: AsRef<str>>(&mut self, cells: &[S]) {
        // Writing to memory cannot fail (the only errors are I/O errors).
        let _ = self
            .writer
            .write_record(cells.iter().map(|c| defuse(c.as_ref()).into_owned()));
    }

    fn text(self) -> String {
        // Flushing into memory cannot fail; every cell was a &str, so UTF-8.
        let bytes = self.writer.into_inner().unwrap_or_default();
        String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

/// RFC 4180 quoting, CRLF line ends.
fn builder() -> csv::WriterBuilder {
    let mut b = csv::WriterBuilder::new();
    b.terminator(csv::Terminator::CRLF);
    b
}

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn closed(w: &Worker) -> &'static str {
    if w.is_closed() { CLOSED_MARK } else { "" }
}

/// Every live worker, one row each.
pub fn workers(workers: &[Worker], lang: Lang) -> String {
    let mut out = CsvText::new();
    out.record(
        &[
            Msg::Id,
            Msg::Name,
            Msg::Kana,
            Msg::ClosedMark,
            Msg::Employer,
            Msg::Workplace,
            Msg::Job,
            Msg::Categories,
            Msg::Disclosure,
            Msg::HireDate,
            Msg::ServiceType,
            Msg::AnchorDate,
            Msg::ServiceStart,
            Msg::ServiceEnd,
            Msg::Status,
            Msg::Staff,
            Msg::Memo,
        ]
        .map(|m| m.text(lang)),
    );
    for w in workers {
        let period = w.service_period();
        let categories: Vec<&str> = w.categories.iter().map(|c| c.label(lang)).collect();
        out.record(&[
            w.id.clone(),
            w.display_name.clone(),
            w.kana.clone(),
            closed(w).to_string(),
            w.employer.clone(),
            w.workplace.clone(),
            w.job.clone(),
            categories.join("、"),
            w.disclosure.label(lang).to_string(),
            date(w.hire_date),
            w.service_type.label(lang).to_string(),
            date(w.anchor_date),
            date(period.map(|p| p.start)),
            date(period.map(|p| p.end)),
            w.status.label(lang).to_string(),
            w.staff.clone(),
            w.memo.clone(),
        ]);
    }
    out.text()
}

/// The contacts CSV's columns.
const CONTACT_HEADER: [Msg; 13] = [
    Msg::Id,
    Msg::WorkerId,
    Msg::Name,
    Msg::ClosedMark,
    Msg::Date,
    Msg::Time,
    Msg::Minutes,
    Msg::Mode,
    Msg::Participants,
    Msg::Notes,
    Msg::NextAction,
    Msg::NextDue,
    Msg::RecordedBy,
];

/// Contacts (as given, usually newest first) with their worker's name.
pub fn contacts(contacts: &[Contact], workers: &[Worker], lang: Lang) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail (the only errors are I/O errors).
    if let Ok(mut csv) = ContactsCsv::new(&mut out, workers, lang) {
        for c in contacts {
            let _ = csv.row(c);
        }
        let _ = csv.finish();
    }
    // Every cell was a &str, so UTF-8.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The contacts CSV written as the rows come, so `teichaku csv contacts`
/// streams every contact into its file without holding them: the BOM and the
/// header on [`new`](Self::new), one record per [`row`](Self::row), each cell
/// written from the contact's own text (no `String` per cell).
pub struct ContactsCsv<'a, W: Write> {
    writer: csv::Writer<W>,
    by_id: HashMap<&'a str, &'a Worker>,
    lang: Lang,
    /// Dates, times, numbers and participants are formatted here, one at a time.
    buf: String,
}

impl<'a, W: Write> ContactsCsv<'a, W> {
    pub fn new(mut out: W, workers: &'a [Worker], lang: Lang) -> io::Result<Self> {
        out.write_all(BOM.as_bytes())?;
        let mut csv = ContactsCsv {
            writer: builder().from_writer(out),
            by_id: workers.iter().map(|w| (w.id.as_str(), w)).collect(),
            lang,
            buf: String::new(),
        };
        for m in CONTACT_HEADER {
            field(&mut csv.writer, m.text(lang))?;
        }
        end_record(&mut csv.writer)?;
        Ok(csv)
    }

    pub fn row(&mut self, c: &Contact) -> io::Result<()> {
        let (w, buf, lang) = (&mut self.writer, &mut self.buf, self.lang);
        let worker = self.by_id.get(c.worker_id.as_str());
        field(w, &c.id)?;
        field(w, &c.worker_id)?;
        field(
            w,
            worker.map(|x| x.display_name.as_str()).unwrap_or_default(),
        )?;
        field(w, worker.map(|x| closed(x)).unwrap_or_default())?;
        formatted(w, buf, |b| write!(b, "{}", c.date))?;
        formatted(w, buf, |b| match c.start_time {
            Some(t) => write!(b, "{:02}:{:02}", t.hour(), t.minute()),
            None => Ok(()),
        })?;
        formatted(w, buf, |b| match c.minutes {
            Some(m) => write!(b, "{m}"),
            None => Ok(()),
        })?;
        field(w, c.mode.label(lang))?;
        formatted(w, buf, |b| {
            for (i, p) in c.participants.iter().enumerate() {
                if i > 0 {
                    b.push('、');
                }
                b.push_str(p.label(lang));
            }
            Ok(())
        })?;
        field(w, &c.notes)?;
        field(w, &c.next_action)?;
        formatted(w, buf, |b| match c.next_due {
            Some(d) => write!(b, "{d}"),
            None => Ok(()),
        })?;
        field(w, &c.recorded_by)?;
        end_record(w)
    }

    /// Flushes the last rows; gives the writer back.
    pub fn finish(self) -> io::Result<W> {
        self.writer.into_inner().map_err(|e| e.into_error())
    }
}

/// One cell, defused.
fn field(w: &mut csv::Writer<impl Write>, s: &str) -> io::Result<()> {
    Ok(w.write_field(defuse(s).as_bytes())?)
}

/// One cell formatted into `buf` by `f`.
fn formatted(
    w: &mut csv::Writer<impl Write>,
    buf: &mut String,
    f: impl FnOnce(&mut String) -> std::fmt::Result,
) -> io::Result<()> {
    buf.clear();
    // Formatting into a String cannot fail.
    let _ = f(buf);
    field(w, buf)
}

fn end_record(w: &mut csv::Writer<impl Write>) -> io::Result<()> {
    Ok(w.write_record(None::<&[u8]>)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One row of one cell, as written between the BOM and the CRLF.
    fn field(s: &str) -> String {
        let mut out = CsvText::new();
        out.record(&[s, "x"]);
        let text = out.text();
        let row = text
            .strip_prefix(BOM)
            .and_then(|t| t.strip_suffix(",x\r\n"));
        row.unwrap_or_default().to_string()
    }

    #[test]
    fn quoting_follows_rfc_4180() {
        assert_eq!(field("山田"), "山田");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("一行目\n二行目"), "\"一行目\n二行目\"");
        assert_eq!(field(""), "");
    }

    #[test]
    fn cells_a_spreadsheet_would_run_as_formulas_get_a_leading_quote() {
        for (cell, written) in [
            (
                "=HYPERLINK(\"http://x.example\",\"開く\")",
                "\"'=HYPERLINK(\"\"http://x.example\"\",\"\"開く\"\")\"",
            ),
            ("+81 90", "'+81 90"),
            ("-5 体重が減った", "'-5 体重が減った"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tタブ", "'\tタブ"),
            ("\r改行", "\"'\r改行\""),
        ] {
            assert_eq!(field(cell), written, "{cell:?}");
        }
        for harmless in ["体重 -5", "a=b", "2026-11-21", "'既に", "山田"] {
            assert_eq!(field(harmless), harmless);
        }
    }

    #[test]
    fn files_start_with_a_bom_and_end_lines_with_crlf() {
        let text = workers(&[Worker::new("w".into(), "山田".into())], Lang::Ja);
        assert!(text.starts_with('\u{FEFF}'));
        assert_eq!(text.matches("\r\n").count(), 2);
        assert!(!text.replace("\r\n", "").contains('\n'));
    }
}
