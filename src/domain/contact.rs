//! Contacts: visits, calls, meetings — what happened and what comes next.

use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;

use super::codes::code_enum;

code_enum! {
    /// How the supporter was in contact (domain.md, "Ways of contact").
    Mode, "mode" {
        Visit = "visit", "職場訪問", "workplace visit";
        Meeting = "meeting", "面談", "meeting";
        Phone = "phone", "電話", "phone";
        Online = "online", "オンライン", "video call";
        Message = "message", "メール/チャット", "e-mail / chat";
        Clinic = "clinic", "同行受診", "doctor's visit";
        CaseConference = "case_conference", "ケース会議", "case conference";
        HomeVisit = "home_visit", "家庭訪問", "home visit";
    }
}

code_enum! {
    /// Who took part.
    Participant, "participant" {
        Worker = "self", "本人", "worker";
        Supervisor = "supervisor", "上司", "supervisor";
        Coworker = "coworker", "同僚", "coworker";
        Hr = "hr", "人事", "HR";
        Family = "family", "家族", "family";
        Doctor = "doctor", "主治医", "doctor";
        Nurse = "nurse", "訪問看護", "visiting nurse";
        Counselor = "counselor", "相談支援専門員", "care counselor";
        OtherAgency = "other_agency", "他機関", "other agency";
    }
}

impl Mode {
    /// Whether this kind of contact reaches the workplace and so would tell the
    /// employer that a support agency is involved.
    pub fn reaches_employer(self) -> bool {
        matches!(self, Mode::Visit)
    }
}

impl Mode {
    /// Whether this kind of contact is the monthly face-to-face (or video) contact
    /// with the worker the rules ask for: a workplace visit, a meeting, a video
    /// call, and also a home visit or an accompanied doctor's visit, which are
    /// face to face with the worker too. Phone and mail are not.
    pub fn meets_worker(self) -> bool {
        matches!(
            self,
            Mode::Visit | Mode::Meeting | Mode::Online | Mode::HomeVisit | Mode::Clinic
        )
    }
}

impl Participant {
    /// Employer-side participants, never involved for closed employment.
    pub fn is_employer_side(self) -> bool {
        matches!(
            self,
            Participant::Supervisor | Participant::Coworker | Participant::Hr
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contact {
    pub id: String,
    pub worker_id: String,
    pub date: NaiveDate,
    pub start_time: Option<NaiveTime>,
    pub minutes: Option<u32>,
    pub mode: Mode,
    pub participants: Vec<Participant>,
    pub notes: String,
    pub next_action: String,
    pub next_due: Option<NaiveDate>,
    /// The day the follow-up (`next_action`, `next_due`) was marked done or
    /// dismissed; it then leaves the dashboard.
    pub next_done: Option<NaiveDate>,
    pub recorded_by: String,
    /// For closed employment: the supporter confirmed that the worker's
    /// consent to this contact was recorded (`domain::closed`).
    pub consent_confirmed: bool,
}

impl Contact {
    /// The first non-empty line of the note, for one-line lists.
    pub fn first_line(&self) -> &str {
        self.notes
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_line_skips_blank_lines() {
        let c = Contact {
            id: "c".into(),
            worker_id: "w".into(),
            date: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
            start_time: None,
            minutes: None,
            mode: Mode::Phone,
            participants: vec![],
            notes: "\n  \n体調確認。\n二行目".into(),
            next_action: String::new(),
            next_due: None,
            next_done: None,
            recorded_by: String::new(),
            consent_confirmed: false,
        };
        assert_eq!(c.first_line(), "体調確認。");
    }
}
