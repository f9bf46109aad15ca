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
    /// The text fields of the report, in the order of the form (the
    /// self-report field, never shared, last).
    ReportField, "report field" {
        Goals = "goals", "その月の主な支援目標", "Main goals this month";
        Done = "done", "支援実施の内容", "Support given";
        Result = "result", "支援結果", "Result";
        Next = "next", "今後の支援の内容", "Next support";
        WorkerActions = "worker_actions", "本人の取り組み", "What the worker will do";
        EmployerActions = "employer_actions", "事業主の取り組み", "What the employer will do";
        Shared = "shared", "共有事項", "Items to share";
        SelfReports = "selfreports", "本人の日報から", "From the worker's self-reports";
    }
}

/// How many text fields a report has.
pub const FIELD_COUNT: usize = ReportField::ALL.len();

impl ReportField {
    pub fn index(self) -> usize {
        Self::ALL.iter().position(|f| *f == self).unwrap_or(0)
    }

    /// Whether the field may ever go to the employer. What the draft takes
    /// from the worker's daily self-reports ([`ReportField::SelfReports`]) is
    /// the worker's own record: it never does, whatever its flag says
    /// (domain.md: "never a copy for the employer").
    pub fn shareable(self) -> bool {
        self != ReportField::SelfReports
    }

    /// The fields a report must have content in before it is finalised: the
    /// month's goals, what was done, its result, and the next support.
    pub const REQUIRED: [ReportField; 4] = [
        ReportField::Goals,
        ReportField::Done,
        ReportField::Result,
        ReportField::Next,
    ];
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub id: String,
    pub worker_id: String,
    pub month: YearMonth,
    /// Each text of [`ReportField`], and whether it may go to the employer
    /// (`…_shared`). Read and written by field through [`Report::text`],
    /// [`Report::is_shared`] and their setters.
    pub goals: String,
    pub goals_shared: bool,
    pub done: String,
    pub done_shared: bool,
    pub result: String,
    pub result_shared: bool,
    /// What the draft took from the month's daily self-reports (the worker's
    /// own ratings and words). On the worker's copy only: it has no sharing
    /// flag and no employer-facing output shows it.
    pub selfreports: String,
    pub next: String,
    pub next_shared: bool,
    pub worker_actions: String,
    pub worker_actions_shared: bool,
    pub employer_actions: String,
    pub employer_actions_shared: bool,
    pub shared: String,
    pub shared_shared: bool,
    /// The worker agreed that the shared fields may go to the employer. Needed
    /// for closed employment; for open employment the per-field flags are the
    /// worker's agreement.
    pub employer_consent: bool,
    /// The day the worker read and confirmed the report (本人確認).
    pub confirmed_on: Option<NaiveDate>,
    /// The day the report was given to the worker (提供日).
    pub handed_on: Option<NaiveDate>,
    /// Finalised reports are done for the month and no longer edited.
    pub finalised: bool,
}

/// What stops a report from being finalised, the first found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Incomplete {
    /// A required field (see [`ReportField::REQUIRED`]) is empty.
    Empty(ReportField),
    /// No 本人確認 date.
    NotConfirmed,
    /// No 提供日.
    NotHandedOver,
}

impl Report {
    pub fn new(id: String, worker_id: String, month: YearMonth) -> Report {
        Report {
            id,
            worker_id,
            month,
            goals: String::new(),
            goals_shared: false,
            done: String::new(),
            done_shared: false,
            result: String::new(),
            result_shared: false,
            selfreports: String::new(),
            next: String::new(),
            next_shared: false,
            worker_actions: String::new(),
            worker_actions_shared: false,
            employer_actions: String::new(),
            employer_actions_shared: false,
            shared: String::new(),
            shared_shared: false,
            employer_consent: false,
            confirmed_on: None,
            handed_on: None,
            finalised: false,
        }
    }

    /// The field's text and flag: the one place a [`ReportField`] meets the
    /// struct, so no caller numbers the fields.
    /// (The self-report field has no flag: `None`.)
    fn field_mut(&mut self, field: ReportField) -> (&mut String, Option<&mut bool>) {
        match field {
            ReportField::Goals => (&mut self.goals, Some(&mut self.goals_shared)),
            ReportField::Done => (&mut self.done, Some(&mut self.done_shared)),
            ReportField::Result => (&mut self.result, Some(&mut self.result_shared)),
            ReportField::SelfReports => (&mut self.selfreports, None),
            ReportField::Next => (&mut self.next, Some(&mut self.next_shared)),
            ReportField::WorkerActions => (
                &mut self.worker_actions,
                Some(&mut self.worker_actions_shared),
            ),
            ReportField::EmployerActions => (
                &mut self.employer_actions,
                Some(&mut self.employer_actions_shared),
            ),
            ReportField::Shared => (&mut self.shared, Some(&mut self.shared_shared)),
        }
    }

    pub fn text(&self, field: ReportField) -> &str {
        match field {
            ReportField::Goals => &self.goals,
            ReportField::Done => &self.done,
            ReportField::Result => &self.result,
            ReportField::SelfReports => &self.selfreports,
            ReportField::Next => &self.next,
            ReportField::WorkerActions => &self.worker_actions,
            ReportField::EmployerActions => &self.employer_actions,
            ReportField::Shared => &self.shared,
        }
    }

    pub fn set_text(&mut self, field: ReportField, text: impl Into<String>) {
        *self.field_mut(field).0 = text.into();
    }

    pub fn is_shared(&self, field: ReportField) -> bool {
        match field {
            ReportField::Goals => self.goals_shared,
            ReportField::Done => self.done_shared,
            ReportField::Result => self.result_shared,
            ReportField::SelfReports => false,
            ReportField::Next => self.next_shared,
            ReportField::WorkerActions => self.worker_actions_shared,
            ReportField::EmployerActions => self.employer_actions_shared,
            ReportField::Shared => self.shared_shared,
        }
    }

    /// What a copy of the report shows of `field`, or `None` when it shows
    /// nothing of it. The worker's copy shows every field. An employer copy
    /// (`employer`) shows only a field marked shared and never the worker's
    /// own record: not [`ReportField::SelfReports`], and not the self-report
    /// line (「日報：…」 / "Self-reports: …") that drafts made before that field
    /// existed put at the head of 支援結果.
    pub fn copy_text(&self, field: ReportField, employer: bool) -> Option<String> {
        let text = self.text(field);
        // The self-report field is optional: a month without one prints nothing.
        if field == ReportField::SelfReports && text.trim().is_empty() {
            return None;
        }
        if !employer {
            return Some(text.to_string());
        }
        if !field.shareable() || !self.is_shared(field) {
            return None;
        }
        let kept: Vec<&str> = text.lines().filter(|l| !is_selfreport_line(l)).collect();
        Some(kept.join("\n"))
    }

    /// Sets the field's flag; a field that is never shared
    /// ([`ReportField::shareable`]) stays unshared.
    pub fn set_shared(&mut self, field: ReportField, shared: bool) {
        if let Some(flag) = self.field_mut(field).1 {
            *flag = shared;
        }
    }

    /// Why the report cannot be finalised yet, if anything: content in every
    /// required field, the worker's confirmation and the day it was handed
    /// over (domain.md: an empty or unconfirmed report does not count).
    pub fn incomplete(&self) -> Option<Incomplete> {
        if let Some(f) = ReportField::REQUIRED
            .into_iter()
            .find(|f| self.text(*f).trim().is_empty())
        {
            return Some(Incomplete::Empty(f));
        }
        if self.confirmed_on.is_none() {
            return Some(Incomplete::NotConfirmed);
        }
        if self.handed_on.is_none() {
            return Some(Incomplete::NotHandedOver);
        }
        None
    }

    /// Whether the report meets the month's report duty: finalised,
    /// complete, and confirmed and handed over in or after its month. A
    /// report finalised empty by an older teichaku does not, nor one whose
    /// dates lie before its month (made ahead, or arrived by sync).
    pub fn counts(&self) -> bool {
        self.finalised && self.incomplete().is_none() && self.date_before_month().is_none()
    }

    /// The first of the report's dates (本人確認日, 提供日) that lies before
    /// its month's first day, by its field name (domain.md, "Dates of a
    /// month's report").
    pub fn date_before_month(&self) -> Option<(&'static str, NaiveDate)> {
        let first = self.month.first_day();
        [
            ("confirmation date", self.confirmed_on),
            ("handed over date", self.handed_on),
        ]
        .into_iter()
        .find_map(|(field, d)| d.filter(|d| *d < first).map(|d| (field, d)))
    }

    /// A report that counts but was handed over after its month ended: it
    /// meets the month's duty, late (済（期限後）).
    pub fn is_late(&self) -> bool {
        self.counts() && handed_late(self.month, self.handed_on)
    }

    /// The month's goals, pre-filled from the support plan's short-term goals
    /// when the report is drafted. The hook for the plan: the caller passes
    /// the plan's goals (none until the plan exists); an existing text is kept.
    /// The month's self-reports in a sentence
    /// (`selfreport_trend::month_sentence`) in 本人の日報から — never in 支援結果
    /// or any field that can be shared with the employer — to be edited like
    /// the rest of the draft. An existing text is kept.
    pub fn note_selfreports(&mut self, sentence: Option<String>) {
        if let Some(s) = sentence
            && self.selfreports.trim().is_empty()
        {
            self.selfreports = s;
        }
    }

    pub fn default_goals(&mut self, plan_goals: &[String]) {
        if self.goals.trim().is_empty() && !plan_goals.is_empty() {
            self.goals = plan_goals
                .iter()
                .map(|g| format!("・{}", g.trim()))
                .collect::<Vec<_>>()
                .join("\n");
        }
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
        // The plan's short-term goals go here once the plan exists.
        r.default_goals(&[]);
        r
    }
}

/// A line the self-report sentence (`selfreport_trend::month_sentence`)
/// starts with, in either language.
fn is_selfreport_line(line: &str) -> bool {
    let line = line.trim_start();
    line.starts_with("日報：") || line.starts_with("Self-reports:")
}

/// Whether a report of `month` handed over on `handed_on` was handed after
/// its month ended (late, but it counts).
pub fn handed_late(month: YearMonth, handed_on: Option<NaiveDate>) -> bool {
    handed_on.is_some_and(|d| d > month.last_day())
}

/// How much of a contact's note the draft takes (characters), before "…".
pub const DRAFT_NOTE_CHARS: usize = 160;

/// A note as one line for the draft: its lines joined (straight on after
/// Japanese end punctuation, else with a space), cut at `max` characters
/// with "…". The supporter edits the draft; the note itself is unchanged.
pub fn note_for_draft(notes: &str, max: usize) -> String {
    let mut out = String::new();
    for line in notes.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let joined_tight = out.is_empty()
            || out.ends_with(['。', '！', '？', '、', '」', '）'])
            || line.starts_with(['・', '「', '（']);
        if !joined_tight {
            out.push(' ');
        }
        out.push_str(line);
    }
    if out.chars().count() > max {
        let mut cut: String = out.chars().take(max.saturating_sub(1)).collect();
        cut.truncate(cut.trim_end().len());
        cut.push('…');
        return cut;
    }
    out
}

/// 支援実施の内容 drafted from the month's contacts, oldest first: one line per
/// contact with its date, mode, participants and its note (the whole note,
/// cut at [`DRAFT_NOTE_CHARS`] with "…").
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
            let note = note_for_draft(&c.notes, DRAFT_NOTE_CHARS);
            if !note.is_empty() {
                line.push_str(colon);
                line.push_str(&note);
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
            next_done: None,
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
            "・03/03 面談（本人・上司）\n・03/20 職場訪問（本人・上司）：作業の様子を確認。二行目"
        );
        let r = Report::draft("r".into(), "w".into(), month, &contacts, Lang::En);
        assert!(
            r.text(ReportField::Done)
                .starts_with("・03/03 meeting (worker, supervisor)")
        );
        assert!(
            ReportField::ALL.iter().all(|f| !r.is_shared(*f)),
            "nothing is shared by default"
        );
        assert!(!r.employer_consent && !r.finalised);
    }

    #[test]
    fn the_draft_takes_the_whole_note_and_cuts_a_long_one_with_an_ellipsis() {
        assert_eq!(
            note_for_draft("体調は良好。\n\n  作業が速くなった\n次回は面談", 100),
            "体調は良好。作業が速くなった 次回は面談"
        );
        assert_eq!(note_for_draft("Fine.\nSlept well", 100), "Fine. Slept well");
        let long = "あ".repeat(300);
        let cut = note_for_draft(&long, DRAFT_NOTE_CHARS);
        assert_eq!(cut.chars().count(), DRAFT_NOTE_CHARS);
        assert!(cut.ends_with('…'));
        assert_eq!(note_for_draft(" \n ", 10), "");
    }

    #[test]
    fn the_self_report_sentence_goes_to_its_own_never_shared_field() {
        let month = YearMonth::new(2026, 3).unwrap();
        let mut r = Report::new("r".into(), "w".into(), month);
        r.note_selfreports(None);
        assert_eq!(r.text(ReportField::SelfReports), "");
        r.set_text(ReportField::Result, "安定して通勤できた。");
        r.note_selfreports(Some("日報：18日分（平日22日）。「眠れなかった」".into()));
        assert_eq!(r.text(ReportField::Result), "安定して通勤できた。");
        assert_eq!(
            r.text(ReportField::SelfReports),
            "日報：18日分（平日22日）。「眠れなかった」"
        );
        // Whatever a caller asks, the worker's own record is never shared.
        r.set_shared(ReportField::SelfReports, true);
        assert!(!r.is_shared(ReportField::SelfReports));
        assert!(!ReportField::SelfReports.shareable());
        assert!(ReportField::Result.shareable());
        // Never on an employer copy; the worker's copy shows it.
        assert_eq!(r.copy_text(ReportField::SelfReports, true), None);
        assert_eq!(
            r.copy_text(ReportField::SelfReports, false).as_deref(),
            Some("日報：18日分（平日22日）。「眠れなかった」")
        );
        // A draft from before the field put the sentence at the head of
        // 支援結果: shared with the employer, the result goes without it.
        r.set_text(
            ReportField::Result,
            "日報：20日分（平日21日）。11/26「眠れなかった、朝がつらい」\n安定して通勤できた。",
        );
        r.set_shared(ReportField::Result, true);
        assert_eq!(
            r.copy_text(ReportField::Result, true).as_deref(),
            Some("安定して通勤できた。")
        );
        assert!(
            r.copy_text(ReportField::Result, false)
                .unwrap()
                .contains("眠れなかった")
        );
        r.set_shared(ReportField::Result, false);
        assert_eq!(r.copy_text(ReportField::Result, true), None);
        // A second draft pass keeps what the supporter edited.
        r.set_text(ReportField::SelfReports, "編集済み");
        r.note_selfreports(Some("日報：別の文".into()));
        assert_eq!(r.text(ReportField::SelfReports), "編集済み");
    }

    #[test]
    fn a_report_counts_only_with_content_confirmation_and_handover_date() {
        let month = YearMonth::new(2026, 3).unwrap();
        let mut r = Report::new("r".into(), "w".into(), month);
        r.finalised = true;
        assert!(!r.counts(), "an empty finalised report does not count");
        assert_eq!(r.incomplete(), Some(Incomplete::Empty(ReportField::Goals)));
        for f in ReportField::REQUIRED {
            r.set_text(f, "  ");
        }
        assert_eq!(r.incomplete(), Some(Incomplete::Empty(ReportField::Goals)));
        for f in ReportField::REQUIRED {
            r.set_text(f, "内容");
        }
        assert_eq!(r.incomplete(), Some(Incomplete::NotConfirmed));
        r.confirmed_on = NaiveDate::from_ymd_opt(2026, 3, 30);
        assert_eq!(r.incomplete(), Some(Incomplete::NotHandedOver));
        r.handed_on = NaiveDate::from_ymd_opt(2026, 3, 30);
        assert_eq!(r.incomplete(), None);
        assert!(r.counts());
        r.finalised = false;
        assert!(!r.counts(), "a complete draft does not count");
    }

    #[test]
    fn a_report_counts_only_with_dates_in_or_after_its_month_and_is_late_after_it() {
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d);
        let mut r = Report::new("r".into(), "w".into(), YearMonth::new(2026, 12).unwrap());
        for f in ReportField::REQUIRED {
            r.set_text(f, "内容");
        }
        r.finalised = true;
        // A December report "handed" on 11-10 does not clear December.
        r.confirmed_on = day(11, 10);
        r.handed_on = day(11, 10);
        assert_eq!(
            r.date_before_month(),
            Some(("confirmation date", day(11, 10).unwrap()))
        );
        assert!(!r.counts() && !r.is_late());
        r.confirmed_on = day(12, 1);
        assert_eq!(
            r.date_before_month(),
            Some(("handed over date", day(11, 10).unwrap()))
        );
        assert!(!r.counts());
        r.handed_on = day(12, 31);
        assert!(
            r.counts() && !r.is_late(),
            "on its month's last day: on time"
        );
        r.handed_on = NaiveDate::from_ymd_opt(2027, 1, 20);
        assert!(
            r.counts() && r.is_late(),
            "handed weeks after: counts, late"
        );
    }

    #[test]
    fn goals_default_to_the_plans_short_term_goals_without_overwriting() {
        let month = YearMonth::new(2026, 3).unwrap();
        let mut r = Report::new("r".into(), "w".into(), month);
        r.default_goals(&[]);
        assert_eq!(r.goals, "");
        r.default_goals(&["報告を自分からする".into(), " 睡眠を整える".into()]);
        assert_eq!(r.goals, "・報告を自分からする\n・睡眠を整える");
        r.default_goals(&["別の目標".into()]);
        assert_eq!(r.goals, "・報告を自分からする\n・睡眠を整える");
    }

    #[test]
    fn fields_are_addressed_by_name() {
        let mut r = Report::new("r".into(), "w".into(), YearMonth::new(2026, 3).unwrap());
        r.set_text(ReportField::Shared, "共有");
        r.set_shared(ReportField::Shared, true);
        assert_eq!(r.shared, "共有");
        assert!(r.is_shared(ReportField::Shared) && !r.is_shared(ReportField::Goals));
        assert_eq!(
            ReportField::parse_loose("事業主の取り組み"),
            Some(ReportField::EmployerActions)
        );
    }
}
