//! The monthly support report (支援レポート, 別添様式1): one per worker and month.
//!
//! Each text field carries its own "may be shared with the employer" flag, off
//! by default: domain.md says only what the worker agreed to share may go to the
//! employer. The worker's consent to share anything at all with the employer of
//! a closed-employment worker is recorded on the report, not on the worker:
//! the worker reads and confirms each month's report, so consent given for one
//! month's wording must not silently cover next month's (a worker-wide switch
//! would). The renderer enforces it (render::report).

use chrono::NaiveDate;
use serde::Serialize;

use super::Contact;
use super::codes::{Code, code_enum};
use super::dates::YearMonth;
use crate::lang::Lang;

code_enum! {
    /// The text fields of the report, in the order of the form.
    ReportField, "report field" {
        Goals = "goals", "その月の主な支援目標", "Main goals this month";
        Done = "done", "支援実施の内容", "Support given";
        Result = "result", "支援結果", "Result";
        Next = "next", "今後の支援の内容", "Next support";
        WorkerActions = "worker_actions", "本人の取り組み", "What the worker will do";
        EmployerActions = "employer_actions", "事業主の取り組み", "What the employer will do";
        Shared = "shared", "共有事項", "Items to share";
    }
}

/// How many text fields a report has.
pub const FIELD_COUNT: usize = 7;

impl ReportField {
    pub fn index(self) -> usize {
        Self::ALL.iter().position(|f| *f == self).unwrap_or(0)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub id: String,
    pub worker_id: String,
    pub month: YearMonth,
    /// Texts in the order of [`ReportField::ALL`].
    pub texts: [String; FIELD_COUNT],
    /// Whether each text may go to the employer.
    pub shared: [bool; FIELD_COUNT],
    /// The worker agreed that the shared fields may go to the employer. Needed
    /// for closed employment; for open employment the per-field flags are the
    /// worker's agreement.
    pub employer_consent: bool,
    /// The day the worker read and confirmed the report (本人確認).
    pub confirmed_on: Option<NaiveDate>,
    /// Finalised reports are done for the month and no longer edited.
    pub finalised: bool,
}

impl Report {
    pub fn new(id: String, worker_id: String, month: YearMonth) -> Report {
        Report {
            id,
            worker_id,
            month,
            texts: Default::default(),
            shared: [false; FIELD_COUNT],
            employer_consent: false,
            confirmed_on: None,
            finalised: false,
        }
    }

    pub fn text(&self, field: ReportField) -> &str {
        &self.texts[field.index()]
    }

    pub fn set_text(&mut self, field: ReportField, text: impl Into<String>) {
        self.texts[field.index()] = text.into();
    }

    pub fn is_shared(&self, field: ReportField) -> bool {
        self.shared[field.index()]
    }

    pub fn set_shared(&mut self, field: ReportField, shared: bool) {
        self.shared[field.index()] = shared;
    }

    /// A new report for the month with 支援実施の内容 filled from its contacts.
    pub fn draft(
        id: String,
        worker_id: String,
        month: YearMonth,
        contacts: &[Contact],
        lang: Lang,
    ) -> Report {
        let mut r = Report::new(id, worker_id, month);
        r.set_text(ReportField::Done, draft_done(contacts, month, lang));
        r
    }
}

/// 支援実施の内容 drafted from the month's contacts, oldest first: one line per
/// contact with its date, mode, participants and the first line of its note.
pub fn draft_done(contacts: &[Contact], month: YearMonth, lang: Lang) -> String {
    let mut in_month: Vec<&Contact> = contacts.iter().filter(|c| month.contains(c.date)).collect();
    in_month.sort_by(|a, b| (a.date, a.start_time, &a.id).cmp(&(b.date, b.start_time, &b.id)));
    let (open, close, sep, colon) = match lang {
        Lang::Ja => ("（", "）", "・", "："),
        Lang::En => (" (", ")", ", ", ": "),
    };
    in_month
        .iter()
        .map(|c| {
            let mut line = format!("・{} {}", c.date.format("%m/%d"), c.mode.label(lang));
            if !c.participants.is_empty() {
                let with: Vec<&str> = c.participants.iter().map(|p| p.label(lang)).collect();
                line.push_str(&format!("{open}{}{close}", with.join(sep)));
            }
            let note = c.first_line();
            if !note.is_empty() {
                line.push_str(colon);
                line.push_str(note);
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Mode, Participant};

    fn contact(day: u32, mode: Mode, notes: &str) -> Contact {
        Contact {
            id: format!("c{day}"),
            worker_id: "w".into(),
            date: NaiveDate::from_ymd_opt(2026, 3, day).unwrap(),
            start_time: None,
            minutes: None,
            mode,
            participants: vec![Participant::Worker, Participant::Supervisor],
            notes: notes.into(),
            next_action: String::new(),
            next_due: None,
            recorded_by: String::new(),
            consent_confirmed: false,
        }
    }

    #[test]
    fn draft_lists_the_months_contacts_oldest_first() {
        let mut other_month = contact(5, Mode::Phone, "先月の話");
        other_month.date = NaiveDate::from_ymd_opt(2026, 2, 28).unwrap();
        let contacts = [
            contact(20, Mode::Visit, "\n作業の様子を確認。\n二行目"),
            contact(3, Mode::Meeting, ""),
            other_month,
        ];
        let month = YearMonth::new(2026, 3).unwrap();
        assert_eq!(
            draft_done(&contacts, month, Lang::Ja),
            "・03/03 面談（本人・上司）\n・03/20 職場訪問（本人・上司）：作業の様子を確認。"
        );
        let r = Report::draft("r".into(), "w".into(), month, &contacts, Lang::En);
        assert!(
            r.text(ReportField::Done)
                .starts_with("・03/03 meeting (worker, supervisor)")
        );
        assert!(r.shared.iter().all(|s| !s), "nothing is shared by default");
        assert!(!r.employer_consent && !r.finalised);
    }

    #[test]
    fn fields_are_addressed_by_name() {
        let mut r = Report::new("r".into(), "w".into(), YearMonth::new(2026, 3).unwrap());
        r.set_text(ReportField::Shared, "共有");
        r.set_shared(ReportField::Shared, true);
        assert_eq!(r.texts[6], "共有");
        assert!(r.is_shared(ReportField::Shared) && !r.is_shared(ReportField::Goals));
        assert_eq!(
            ReportField::parse_loose("事業主の取り組み"),
            Some(ReportField::EmployerActions)
        );
    }
}
