//! Duties done before the worker's records were kept here ("done
//! elsewhere"): a supporter who starts using teichaku with a worker whose
//! service is under way records, in one form, which months' contact, report
//! or employer contact were done (on paper, in another system) and when the
//! plan was last reviewed. The record is marked as such, synced like any
//! other, and the schedule counts it as done; nothing is invented in the
//! contact log or the reports.

use chrono::NaiveDate;
use serde::Serialize;

use super::Worker;
use super::dates::YearMonth;
use super::schedule::{ContactFact, Monthly, ReportFact};
use super::{Mode, Participant};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PriorRecord {
    pub id: String,
    pub worker_id: String,
    /// The months covered, both included.
    pub from: YearMonth,
    pub to: YearMonth,
    pub contact_worker: bool,
    pub report: bool,
    pub contact_employer: bool,
    /// The day the plan was last reviewed (or made) elsewhere.
    pub plan_reviewed_on: Option<NaiveDate>,
    pub note: String,
    pub recorded_by: String,
}

impl PriorRecord {
    /// Whether it says `what` was done in `month`.
    pub fn covers(&self, what: Monthly, month: YearMonth) -> bool {
        let kind = match what {
            Monthly::ContactWorker => self.contact_worker,
            Monthly::Report => self.report,
            Monthly::ContactEmployer => self.contact_employer,
        };
        kind && self.from <= month && month <= self.to
    }

    /// Nothing to record: no kind checked and no plan date.
    pub fn is_empty(&self) -> bool {
        !(self.contact_worker || self.report || self.contact_employer)
            && self.plan_reviewed_on.is_none()
    }
}

/// Adds what `records` say was done elsewhere to the schedule's facts: a
/// month's contact as a contact on its last day of service (face to face,
/// or with the employer), a report as one that counts, the plan review as a
/// version's date. Only for the schedule: no contact or report is stored.
pub fn add_facts(
    worker: &Worker,
    records: &[PriorRecord],
    contacts: &mut Vec<ContactFact>,
    reports: &mut Vec<ReportFact>,
    plan_dates: &mut Vec<NaiveDate>,
) {
    let Some(period) = worker.service_period() else {
        return;
    };
    for r in records {
        if let Some(d) = r.plan_reviewed_on {
            plan_dates.push(d);
        }
        let mut month = r.from;
        while month <= r.to {
            let day = month.last_day().min(period.end).max(period.start);
            if r.covers(Monthly::ContactWorker, month) {
                contacts.push(ContactFact {
                    date: day,
                    mode: Mode::Meeting,
                    participants: vec![Participant::Worker],
                });
            }
            if r.covers(Monthly::ContactEmployer, month) {
                contacts.push(ContactFact {
                    date: day,
                    mode: Mode::Visit,
                    participants: vec![Participant::Supervisor],
                });
            }
            if r.covers(Monthly::Report, month) {
                reports.push(ReportFact {
                    month,
                    counts: true,
                    handed_on: None,
                });
            }
            match month.next() {
                Some(next) => month = next,
                None => break,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Status;
    use crate::domain::schedule::{self, Duty, HandoverFacts, missed_months};

    fn ym(y: i32, m: u32) -> YearMonth {
        YearMonth::new(y, m).unwrap()
    }

    #[test]
    fn months_done_elsewhere_are_done_and_the_plan_review_counts() {
        let mut w = Worker::new("w".into(), "山田".into());
        w.hire_date = NaiveDate::from_ymd_opt(2024, 12, 1);
        w.status = Status::Active;
        let today = NaiveDate::from_ymd_opt(2025, 11, 20).unwrap();
        let prior = PriorRecord {
            id: "p".into(),
            worker_id: "w".into(),
            from: ym(2025, 6),
            to: ym(2025, 9),
            contact_worker: true,
            report: true,
            contact_employer: false,
            plan_reviewed_on: NaiveDate::from_ymd_opt(2025, 8, 1),
            note: String::new(),
            recorded_by: String::new(),
        };
        let (mut c, mut r, mut p) = (Vec::new(), Vec::new(), Vec::new());
        add_facts(&w, &[prior], &mut c, &mut r, &mut p);
        assert!(missed_months(&w, Monthly::ContactWorker, &c, &r, today).is_empty());
        assert!(missed_months(&w, Monthly::Report, &c, &r, today).is_empty());
        assert_eq!(
            missed_months(&w, Monthly::ContactEmployer, &c, &r, today),
            vec![ym(2025, 6), ym(2025, 7), ym(2025, 8)],
            "not checked: still missed"
        );
        let items = schedule::duties(&w, &c, &p, &r, &HandoverFacts::default(), today);
        let state = |d: Duty| items.iter().find(|i| i.duty == d).map(|i| i.state);
        assert_eq!(
            state(Duty::ContactWorker { month: ym(2025, 9) }),
            Some(schedule::DueState::Done)
        );
        assert_eq!(state(Duty::Plan), None, "the plan exists elsewhere");
        let review = items.iter().find(|i| i.duty == Duty::PlanReview).unwrap();
        assert_eq!(review.due, NaiveDate::from_ymd_opt(2026, 2, 1).unwrap());
    }
}
