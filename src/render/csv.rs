//! CSV for Excel and LibreOffice: UTF-8 with a byte-order mark (without it Excel
//! reads Japanese as Shift_JIS and garbles it), CRLF line ends, RFC 4180
//! quoting. Values are written as a person reads them (labels in the user's
//! language, dates as YYYY-MM-DD); closed-employment workers are marked in a
//! column of their own.
//!
//! An assessments CSV will come with the checklists (another branch).

use std::collections::HashMap;

use crate::domain::{Code, Contact, Worker};
use crate::i18n::{Lang, Msg};

const BOM: &str = "\u{FEFF}";
/// What the closed-employment column holds for such a worker.
pub const CLOSED_MARK: &str = "●";

/// One field, quoted when RFC 4180 requires it (comma, quote, CR or LF) and
/// when leading or trailing spaces would otherwise be trimmed by a reader.
pub fn field(s: &str) -> String {
    let needs = s.contains([',', '"', '\r', '\n']) || s.starts_with(' ') || s.ends_with(' ');
    if needs {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

struct CsvText {
    text: String,
}

impl CsvText {
    fn new() -> Self {
        CsvText {
            text: BOM.to_string(),
        }
    }

    fn record<S: AsRef<str>>(&mut self, cells: &[S]) {
        let line: Vec<String> = cells.iter().map(|c| field(c.as_ref())).collect();
        self.text.push_str(&line.join(","));
        self.text.push_str("\r\n");
    }
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
    out.text
}

/// Contacts (as given, usually newest first) with their worker's name.
pub fn contacts(contacts: &[Contact], workers: &[Worker], lang: Lang) -> String {
    let by_id: HashMap<&str, &Worker> = workers.iter().map(|w| (w.id.as_str(), w)).collect();
    let mut out = CsvText::new();
    out.record(
        &[
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
        ]
        .map(|m| m.text(lang)),
    );
    for c in contacts {
        let w = by_id.get(c.worker_id.as_str());
        let with: Vec<&str> = c.participants.iter().map(|p| p.label(lang)).collect();
        out.record(&[
            c.id.clone(),
            c.worker_id.clone(),
            w.map(|w| w.display_name.clone()).unwrap_or_default(),
            w.map(|w| closed(w)).unwrap_or_default().to_string(),
            c.date.to_string(),
            c.start_time
                .map(|t| t.format("%H:%M").to_string())
                .unwrap_or_default(),
            c.minutes.map(|m| m.to_string()).unwrap_or_default(),
            c.mode.label(lang).to_string(),
            with.join("、"),
            c.notes.clone(),
            c.next_action.clone(),
            date(c.next_due),
            c.recorded_by.clone(),
        ]);
    }
    out.text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_follows_rfc_4180() {
        assert_eq!(field("山田"), "山田");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("一行目\n二行目"), "\"一行目\n二行目\"");
        assert_eq!(field(" lead"), "\" lead\"");
        assert_eq!(field(""), "");
    }

    #[test]
    fn files_start_with_a_bom_and_end_lines_with_crlf() {
        let text = workers(&[Worker::new("w".into(), "山田".into())], Lang::Ja);
        assert!(text.starts_with('\u{FEFF}'));
        assert_eq!(text.matches("\r\n").count(), 2);
        assert!(!text.replace("\r\n", "").contains('\n'));
    }
}
