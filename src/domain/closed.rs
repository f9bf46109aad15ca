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
use super::handover::{self, Sharing};
use super::person::Person;
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
    /// A handover sharing with someone on the employer's side
    /// ([`handover::sharing_conflict`]). It has no consent to confirm: the
    /// sharing itself is the worker's consent, and it is withdrawn instead.
    Sharing {
        id: String,
        date: NaiveDate,
        why: Invalid,
    },
}

impl Conflict {
    pub fn id(&self) -> &str {
        match self {
            Conflict::Contact { id, .. }
            | Conflict::Checklist { id, .. }
            | Conflict::Sharing { id, .. } => id,
        }
    }

    pub fn date(&self) -> NaiveDate {
        match self {
            Conflict::Contact { date, .. }
            | Conflict::Checklist { date, .. }
            | Conflict::Sharing { date, .. } => *date,
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

/// Whether this sharing is flagged: the worker is closed and the person it
/// names is on the employer's side (see [`handover::sharing_conflict`]; a
/// person no longer in the resource map is not flagged, only not counted).
pub fn sharing_flag(s: &Sharing, person: Option<&Person>, worker: &Worker) -> Option<Invalid> {
    if !worker.is_closed() {
        return None;
    }
    person
        .filter(|p| handover::employer_side(p, worker))
        .and_then(|p| handover::sharing_conflict(s, p, worker))
}

/// The records of one worker that closed employment looks at.
pub struct Records<'a> {
    pub contacts: &'a [Contact],
    pub checklists: &'a [Assessment],
    pub sharings: &'a [Sharing],
    /// The worker's resource map, for the sharings' recipients.
    pub people: &'a [Person],
}

/// A worker's flagged records, oldest first. Pass the worker as it is (or as
/// it is about to be saved: the conflicts a change of disclosure would make).
pub fn conflicts(worker: &Worker, records: Records<'_>) -> Vec<Conflict> {
    let Records {
        contacts,
        checklists,
        sharings,
        people,
    } = records;
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
        .chain(
            sharings
                .iter()
                .filter(|s| s.worker_id == worker.id)
                .filter_map(|s| {
                    let person = people.iter().find(|p| p.id == s.person_id);
                    sharing_flag(s, person, worker).map(|why| Conflict::Sharing {
                        id: s.id.clone(),
                        date: s.date,
                        why,
                    })
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

    fn records<'a>(contacts: &'a [Contact], checklists: &'a [Assessment]) -> Records<'a> {
        Records {
            contacts,
            checklists,
            sharings: &[],
            people: &[],
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
        let found = conflicts(&closed(), records(&contacts, &lists));
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
        assert!(conflicts(&w, records(&contacts, &lists)).is_empty());
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
        assert!(conflicts(&w, records(&[c], &[a])).is_empty());
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
    fn a_sharing_with_the_workplace_is_flagged_and_one_with_an_agency_is_not() {
        use crate::domain::Layer;
        use crate::domain::handover::{ShareMethod, SharedItem};
        let person = |id: &str, layer, role: &str| Person {
            id: id.into(),
            worker_id: "w".into(),
            name: "田中".into(),
            role: role.into(),
            organisation: String::new(),
            layer,
            phone: String::new(),
            email: String::new(),
            note: String::new(),
        };
        let people = [
            person("boss", Layer::Company, "上司"),
            person("aoba", Layer::Welfare, "相談支援専門員"),
        ];
        let sharing = |id: &str, to: &str| Sharing {
            id: id.into(),
            worker_id: "w".into(),
            person_id: to.into(),
            items: vec![SharedItem::Plan],
            plan_version: String::new(),
            method: ShareMethod::Meeting,
            date: day(6),
            consent: true,
            takes_over: false,
            people: false,
            note: String::new(),
            recorded_by: String::new(),
        };
        let sharings = [
            sharing("s1", "boss"),
            sharing("s2", "aoba"),
            sharing("s3", "gone"),
        ];
        let of = |w: &Worker| {
            conflicts(
                w,
                Records {
                    contacts: &[],
                    checklists: &[],
                    sharings: &sharings,
                    people: &people,
                },
            )
        };
        assert_eq!(
            of(&closed()),
            vec![Conflict::Sharing {
                id: "s1".into(),
                date: day(6),
                why: Invalid::ClosedEmploymentSharing
            }]
        );
        let mut open = closed();
        open.disclosure = Disclosure::Open;
        assert!(of(&open).is_empty(), "open employment flags nothing");
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
