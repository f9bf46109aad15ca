//! Closed employment (クローズ就労) at read time: which of a worker's records
//! reach the employer although the employer was not told of the disability.
//!
//! Entry refuses such records ([`validate::contact`], [`check_assessment`]),
//! but records can still arrive by sync from a laptop that did not know yet,
//! or exist from before the worker was marked closed. Nothing is lost: they
//! are *flagged* here, on every read, until the supporter changes the contact
//! or confirms that the worker's consent was recorded (`consent_confirmed`).
//!
//! [`check_assessment`]: super::checklist::check_assessment

use chrono::NaiveDate;

use super::checklist::{self, Assessment};
use super::validate::{self, Invalid};
use super::{Contact, Worker};

/// One record that conflicts with closed employment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict {
    /// A contact that reaches the employer, with the rule it breaks.
    Contact {
        id: String,
        date: NaiveDate,
        why: Invalid,
    },
    /// A checklist answered by the supervisor.
    Checklist {
        id: String,
        date: NaiveDate,
        instrument: String,
    },
}

impl Conflict {
    pub fn id(&self) -> &str {
        match self {
            Conflict::Contact { id, .. } | Conflict::Checklist { id, .. } => id,
        }
    }

    pub fn date(&self) -> NaiveDate {
        match self {
            Conflict::Contact { date, .. } | Conflict::Checklist { date, .. } => *date,
        }
    }
}

/// Whether this contact is flagged: the worker is closed, the contact breaks
/// the closed-employment rule entry enforces, and no consent was confirmed.
pub fn contact_flag(c: &Contact, worker: &Worker) -> Option<Invalid> {
    if c.consent_confirmed {
        return None;
    }
    validate::closed_conflict(c, worker)
}

/// Whether this checklist is flagged (see [`contact_flag`]).
pub fn checklist_flagged(a: &Assessment, worker: &Worker) -> bool {
    worker.is_closed() && checklist::employer_answered(a) && !a.consent_confirmed
}

/// A worker's flagged records, oldest first. Pass the worker as it is (or as
/// it is about to be saved: the conflicts a change of disclosure would make).
pub fn conflicts(
    worker: &Worker,
    contacts: &[Contact],
    checklists: &[Assessment],
) -> Vec<Conflict> {
    let mut out: Vec<Conflict> = contacts
        .iter()
        .filter(|c| c.worker_id == worker.id)
        .filter_map(|c| {
            contact_flag(c, worker).map(|why| Conflict::Contact {
                id: c.id.clone(),
                date: c.date,
                why,
            })
        })
        .chain(
            checklists
                .iter()
                .filter(|a| a.worker_id == worker.id && checklist_flagged(a, worker))
                .map(|a| Conflict::Checklist {
                    id: a.id.clone(),
                    date: a.date,
                    instrument: a.instrument.clone(),
                }),
        )
        .collect();
    out.sort_by(|a, b| (a.date(), a.id()).cmp(&(b.date(), b.id())));
    out
}

/// The contacts that may go into anything the employer sees (the report's
/// draft, which its shared fields are made from): the flagged ones left out.
pub fn employer_safe(worker: &Worker, mut contacts: Vec<Contact>) -> Vec<Contact> {
    contacts.retain(|c| contact_flag(c, worker).is_none());
    contacts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::checklist::Respondent;
    use crate::domain::{Disclosure, Mode, Participant};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 5, d).unwrap()
    }

    fn contact(id: &str, d: u32, mode: Mode, with: Vec<Participant>) -> Contact {
        Contact {
            id: id.into(),
            worker_id: "w".into(),
            date: day(d),
            start_time: None,
            minutes: None,
            mode,
            participants: with,
            notes: String::new(),
            next_action: String::new(),
            next_due: None,
            next_done: None,
            recorded_by: String::new(),
            consent_confirmed: false,
        }
    }

    fn checklist(id: &str, d: u32, by: Respondent) -> Assessment {
        Assessment {
            id: id.into(),
            worker_id: "w".into(),
            instrument: "core".into(),
            version: 1,
            date: day(d),
            respondent: by,
            note: String::new(),
            answers: vec![],
            consent_confirmed: false,
        }
    }

    fn closed() -> Worker {
        let mut w = Worker::new("w".into(), "山田".into());
        w.disclosure = Disclosure::Closed;
        w
    }

    #[test]
    fn visits_employer_participants_and_supervisor_checklists_are_flagged() {
        let contacts = vec![
            contact("visit", 3, Mode::Visit, vec![]),
            contact(
                "hr",
                2,
                Mode::Phone,
                vec![Participant::Worker, Participant::Hr],
            ),
            contact("family", 1, Mode::Phone, vec![Participant::Family]),
        ];
        let lists = vec![
            checklist("boss", 4, Respondent::Supervisor),
            checklist("self", 4, Respondent::Worker),
        ];
        let found = conflicts(&closed(), &contacts, &lists);
        let ids: Vec<&str> = found.iter().map(Conflict::id).collect();
        assert_eq!(ids, ["hr", "visit", "boss"], "oldest first, only conflicts");
        assert_eq!(
            found[0],
            Conflict::Contact {
                id: "hr".into(),
                date: day(2),
                why: Invalid::ClosedEmploymentParticipant(Participant::Hr)
            }
        );
        assert_eq!(
            found[1],
            Conflict::Contact {
                id: "visit".into(),
                date: day(3),
                why: Invalid::ClosedEmploymentVisit
            }
        );
    }

    #[test]
    fn open_employment_flags_nothing() {
        let mut w = closed();
        w.disclosure = Disclosure::Open;
        let contacts = vec![contact("visit", 3, Mode::Visit, vec![Participant::Hr])];
        let lists = vec![checklist("boss", 4, Respondent::Supervisor)];
        assert!(conflicts(&w, &contacts, &lists).is_empty());
    }

    #[test]
    fn confirmed_consent_clears_the_flag() {
        let mut c = contact("visit", 3, Mode::Visit, vec![Participant::Supervisor]);
        let mut a = checklist("boss", 4, Respondent::Supervisor);
        let w = closed();
        assert!(contact_flag(&c, &w).is_some());
        assert!(checklist_flagged(&a, &w));
        c.consent_confirmed = true;
        a.consent_confirmed = true;
        assert_eq!(contact_flag(&c, &w), None);
        assert!(!checklist_flagged(&a, &w));
        assert!(conflicts(&w, &[c], &[a]).is_empty());
    }

    #[test]
    fn changing_the_contact_clears_the_flag() {
        let w = closed();
        let mut c = contact("visit", 3, Mode::Visit, vec![Participant::Supervisor]);
        c.mode = Mode::Meeting;
        assert_eq!(
            contact_flag(&c, &w),
            Some(Invalid::ClosedEmploymentParticipant(
                Participant::Supervisor
            )),
            "the participant still conflicts"
        );
        c.participants = vec![Participant::Worker];
        assert_eq!(contact_flag(&c, &w), None);
    }

    #[test]
    fn employer_safe_leaves_out_flagged_contacts() {
        let w = closed();
        let contacts = vec![
            contact("visit", 3, Mode::Visit, vec![]),
            contact("call", 4, Mode::Phone, vec![Participant::Worker]),
        ];
        let safe: Vec<String> = employer_safe(&w, contacts)
            .into_iter()
            .map(|c| c.id)
            .collect();
        assert_eq!(safe, ["call"]);
    }
}
