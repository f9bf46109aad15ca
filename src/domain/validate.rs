//! Rules a record must satisfy before it is saved.

use super::report::Report;
use super::{Contact, Participant, Person, Worker};

/// Why a record cannot be saved. Shown to the user by `i18n`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invalid {
    EmptyName,
    EndBeforeStart,
    DueBeforeDate,
    Minutes(u32),
    /// A workplace visit would tell the employer of the disability.
    ClosedEmploymentVisit,
    /// An employer-side participant in a closed-employment worker's contact.
    ClosedEmploymentParticipant(Participant),
    /// A finalised report may only be reopened, not edited.
    ReportFinalised,
    /// A report stays with its worker and month.
    ReportMoved,
}

/// The longest contact we accept, in minutes (a whole day).
pub const MAX_MINUTES: u32 = 24 * 60;

pub fn worker(w: &Worker) -> Result<(), Invalid> {
    if w.display_name.trim().is_empty() {
        return Err(Invalid::EmptyName);
    }
    if let Some(p) = w.service_period()
        && p.end < p.start
    {
        return Err(Invalid::EndBeforeStart);
    }
    Ok(())
}

pub fn person(p: &Person) -> Result<(), Invalid> {
    if p.name.trim().is_empty() {
        return Err(Invalid::EmptyName);
    }
    Ok(())
}

/// Checks a contact against its worker: closed employment is enforced here, so
/// no contact that involves the employer can be recorded for such a worker.
pub fn contact(c: &Contact, worker: &Worker) -> Result<(), Invalid> {
    if let Some(m) = c.minutes
        && m > MAX_MINUTES
    {
        return Err(Invalid::Minutes(m));
    }
    if c.next_due.is_some_and(|due| due < c.date) {
        return Err(Invalid::DueBeforeDate);
    }
    if worker.is_closed() {
        if c.mode.reaches_employer() {
            return Err(Invalid::ClosedEmploymentVisit);
        }
        if let Some(p) = c.participants.iter().find(|p| p.is_employer_side()) {
            return Err(Invalid::ClosedEmploymentParticipant(*p));
        }
    }
    Ok(())
}

/// Checks an edit of a stored report: its worker and month never change, and a
/// finalised report accepts nothing but being reopened.
pub fn report_change(stored: &Report, new: &Report) -> Result<(), Invalid> {
    if stored.worker_id != new.worker_id || stored.month != new.month {
        return Err(Invalid::ReportMoved);
    }
    if stored.finalised {
        let mut reopened = stored.clone();
        reopened.finalised = new.finalised;
        if *new != reopened {
            return Err(Invalid::ReportFinalised);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Disclosure, Mode};
    use chrono::NaiveDate;

    fn contact_for(mode: Mode, participants: Vec<Participant>) -> Contact {
        Contact {
            id: "c".into(),
            worker_id: "w".into(),
            date: NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(),
            start_time: None,
            minutes: Some(30),
            mode,
            participants,
            notes: String::new(),
            next_action: String::new(),
            next_due: None,
            recorded_by: String::new(),
        }
    }

    #[test]
    fn closed_employment_refuses_visits_and_employer_participants() {
        let mut w = Worker::new("w".into(), "山田".into());
        w.disclosure = Disclosure::Closed;
        assert_eq!(
            contact(&contact_for(Mode::Visit, vec![]), &w),
            Err(Invalid::ClosedEmploymentVisit)
        );
        assert_eq!(
            contact(
                &contact_for(Mode::Phone, vec![Participant::Worker, Participant::Hr]),
                &w
            ),
            Err(Invalid::ClosedEmploymentParticipant(Participant::Hr))
        );
        assert_eq!(
            contact(&contact_for(Mode::Phone, vec![Participant::Family]), &w),
            Ok(())
        );
        w.disclosure = Disclosure::Open;
        assert_eq!(
            contact(&contact_for(Mode::Visit, vec![Participant::Hr]), &w),
            Ok(())
        );
    }

    #[test]
    fn names_minutes_and_due_dates() {
        let w = Worker::new("w".into(), "  ".into());
        assert_eq!(worker(&w), Err(Invalid::EmptyName));
        let mut c = contact_for(Mode::Phone, vec![]);
        c.minutes = Some(MAX_MINUTES + 1);
        assert_eq!(
            contact(&c, &Worker::new("w".into(), "a".into())),
            Err(Invalid::Minutes(1441))
        );
        c.minutes = None;
        c.next_due = NaiveDate::from_ymd_opt(2026, 4, 30);
        assert_eq!(
            contact(&c, &Worker::new("w".into(), "a".into())),
            Err(Invalid::DueBeforeDate)
        );
    }
}
