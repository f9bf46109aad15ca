//! The due-date table: month ends, leap years, each service type, ended workers.

use super::*;
use crate::domain::{Disclosure, ServiceType};

pub(super) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub(super) fn ym(y: i32, m: u32) -> YearMonth {
    YearMonth::new(y, m).unwrap()
}

pub(super) fn worker(hire: NaiveDate) -> Worker {
    let mut w = Worker::new("w1".into(), "山田 太郎".into());
    w.hire_date = Some(hire);
    w.status = Status::Active;
    w
}

pub(super) fn fact(date: NaiveDate, mode: Mode, with: &[Participant]) -> ContactFact {
    ContactFact {
        date,
        mode,
        participants: with.to_vec(),
    }
}

pub(super) fn find(items: &[DueItem], duty: Duty) -> Option<(NaiveDate, DueState)> {
    items
        .iter()
        .find(|i| i.duty == duty)
        .map(|i| (i.due, i.state))
}

use DueState::{Done, DueSoon, Overdue, Upcoming};
use Duty::{ContactEmployer, ContactWorker, Handover, Plan, PlanReview, Report, ServiceEnd};

/// A plan version made before the service started: its review falls six
/// months after the start.
pub(super) fn planned() -> Vec<NaiveDate> {
    vec![d(2000, 1, 1)]
}

struct Case {
    name: &'static str,
    worker: Worker,
    contacts: Vec<ContactFact>,
    reviews: Vec<NaiveDate>,
    reports: Vec<ReportFact>,
    handover: HandoverFacts,
    today: NaiveDate,
    /// `None` means the duty must be absent.
    expect: Vec<(Duty, Option<(NaiveDate, DueState)>)>,
}

fn cases() -> Vec<Case> {
    let closed = {
        let mut w = worker(d(2024, 4, 1));
        w.disclosure = Disclosure::Closed;
        w
    };
    let extended = {
        let mut w = worker(d(2020, 1, 15));
        w.service_type = ServiceType::Extended;
        w.anchor_date = Some(d(2024, 1, 31));
        w
    };
    let reinstated = {
        let mut w = worker(d(2015, 6, 1));
        w.service_type = ServiceType::Reinstatement;
        w.anchor_date = Some(d(2024, 5, 20));
        w
    };
    let ended = {
        let mut w = worker(d(2024, 4, 1));
        w.status = Status::Ended;
        w
    };
    let handed_over = {
        let mut w = worker(d(2024, 4, 1));
        w.status = Status::HandedOver;
        w
    };
    let short_end = {
        let mut w = worker(d(2024, 4, 1));
        w.service_end_override = Some(d(2025, 3, 15));
        w
    };
    vec![
        Case {
            name: "first month of standard service: everything due this month",
            worker: worker(d(2024, 4, 1)),
            contacts: vec![],
            reviews: planned(),
            reports: vec![],
            handover: HandoverFacts::default(),
            today: d(2024, 10, 15),
            expect: vec![
                (
                    ContactWorker {
                        month: ym(2024, 10),
                    },
                    Some((d(2024, 10, 31), DueSoon)),
                ),
                (
                    Report {
                        month: ym(2024, 10),
                    },
                    Some((d(2024, 10, 31), DueSoon)),
                ),
                (
                    ContactEmployer {
                        month: ym(2024, 10),
                    },
                    Some((d(2024, 10, 31), DueSoon)),
                ),
                // No months before the start.
                (ContactWorker { month: ym(2024, 9) }, None),
                (PlanReview, Some((d(2025, 4, 1), Upcoming))),
                (Handover, Some((d(2027, 6, 30), Upcoming))),
                (ServiceEnd, Some((d(2027, 9, 30), Upcoming))),
            ],
        },
        Case {
            name: "a meeting and a visit with the supervisor do the month",
            worker: worker(d(2024, 4, 1)),
            contacts: vec![
                fact(d(2024, 10, 3), Mode::Phone, &[Participant::Worker]),
                fact(d(2024, 10, 8), Mode::Meeting, &[]),
                fact(d(2024, 10, 20), Mode::Phone, &[Participant::Supervisor]),
            ],
            reviews: vec![],
            reports: vec![ReportFact {
                month: ym(2024, 10),
                counts: true,
                handed_on: None,
            }],
            handover: HandoverFacts::default(),
            today: d(2024, 10, 21),
            expect: vec![
                (
                    ContactWorker {
                        month: ym(2024, 10),
                    },
                    Some((d(2024, 10, 31), Done)),
                ),
                (
                    ContactEmployer {
                        month: ym(2024, 10),
                    },
                    Some((d(2024, 10, 31), Done)),
                ),
                (
                    Report {
                        month: ym(2024, 10),
                    },
                    Some((d(2024, 10, 31), Done)),
                ),
            ],
        },
        Case {
            name: "a visit that only met the supervisor is not the worker's contact",
            worker: worker(d(2024, 4, 1)),
            contacts: vec![fact(
                d(2024, 10, 8),
                Mode::Visit,
                &[Participant::Supervisor],
            )],
            reviews: vec![],
            reports: vec![ReportFact {
                month: ym(2024, 10),
                counts: false,
                handed_on: None,
            }],
            handover: HandoverFacts::default(),
            today: d(2024, 11, 1),
            expect: vec![
                (
                    ContactWorker {
                        month: ym(2024, 10),
                    },
                    Some((d(2024, 10, 31), Overdue)),
                ),
                (
                    ContactEmployer {
                        month: ym(2024, 10),
                    },
                    Some((d(2024, 10, 31), Done)),
                ),
                // A draft is not a finalised report.
                (
                    Report {
                        month: ym(2024, 10),
                    },
                    Some((d(2024, 10, 31), Overdue)),
                ),
                (
                    ContactWorker {
                        month: ym(2024, 11),
                    },
                    Some((d(2024, 11, 30), DueSoon)),
                ),
            ],
        },
        Case {
            name: "hire on 31 Aug: six months end on 28 Feb, nothing is due in February",
            worker: worker(d(2025, 8, 31)),
            contacts: vec![],
            reviews: planned(),
            reports: vec![],
            handover: HandoverFacts::default(),
            today: d(2026, 2, 28),
            expect: vec![
                (ContactWorker { month: ym(2026, 2) }, None),
                (ServiceEnd, None),
            ],
        },
        Case {
            name: "hire on 31 Aug: the service starts on 1 March and ends on 28 Feb three years on",
            worker: worker(d(2025, 8, 31)),
            contacts: vec![],
            reviews: vec![],
            reports: vec![],
            handover: HandoverFacts::default(),
            today: d(2026, 3, 1),
            expect: vec![
                (ContactWorker { month: ym(2026, 2) }, None),
                (
                    ContactWorker { month: ym(2026, 3) },
                    Some((d(2026, 3, 31), DueSoon)),
                ),
                // No plan yet on the first day: the plan is due, not a review.
                (Plan, Some((d(2026, 3, 1), DueSoon))),
                (PlanReview, None),
                (ServiceEnd, Some((d(2029, 2, 28), Upcoming))),
                // Counted back from 2/28: the last day of November.
                (Handover, Some((d(2028, 11, 30), Upcoming))),
            ],
        },
        Case {
            name: "hired 31 Aug before a leap February: start 1 March, review six months from the last",
            worker: worker(d(2023, 8, 31)),
            contacts: vec![fact(d(2024, 2, 29), Mode::Online, &[Participant::Worker])],
            reviews: vec![d(2024, 8, 31)],
            reports: vec![],
            handover: HandoverFacts::default(),
            today: d(2024, 9, 2),
            expect: vec![
                (PlanReview, Some((d(2025, 2, 28), Upcoming))),
                (ServiceEnd, Some((d(2027, 2, 28), Upcoming))),
            ],
        },
        Case {
            name: "hired 29 Aug: start on 29 Feb of a leap year, a contact that day counts",
            worker: worker(d(2023, 8, 29)),
            contacts: vec![fact(d(2024, 2, 29), Mode::Online, &[Participant::Worker])],
            reviews: planned(),
            reports: vec![],
            handover: HandoverFacts::default(),
            today: d(2024, 3, 5),
            expect: vec![
                (
                    ContactWorker { month: ym(2024, 2) },
                    Some((d(2024, 2, 29), Done)),
                ),
                (PlanReview, Some((d(2024, 8, 29), Upcoming))),
                (ServiceEnd, Some((d(2027, 2, 28), Upcoming))),
            ],
        },
        Case {
            name: "plan review with no review since the plan is overdue six months after the start",
            worker: worker(d(2024, 4, 1)),
            contacts: vec![],
            reviews: planned(),
            reports: vec![],
            handover: HandoverFacts::default(),
            today: d(2025, 4, 2),
            expect: vec![(PlanReview, Some((d(2025, 4, 1), Overdue))), (Plan, None)],
        },
        Case {
            name: "no plan yet: the plan is due on the first day and overdue after it",
            worker: worker(d(2024, 4, 1)),
            contacts: vec![],
            reviews: vec![],
            reports: vec![],
            handover: HandoverFacts::default(),
            today: d(2024, 10, 2),
            expect: vec![(Plan, Some((d(2024, 10, 1), Overdue))), (PlanReview, None)],
        },
        Case {
            name: "no plan yet on the first day of the service: due",
            worker: worker(d(2024, 4, 1)),
            contacts: vec![],
            reviews: vec![],
            reports: vec![],
            handover: HandoverFacts::default(),
            today: d(2024, 10, 1),
            expect: vec![(Plan, Some((d(2024, 10, 1), DueSoon))), (PlanReview, None)],
        },
        Case {
            name: "a plan version made on the start day: review six months on, due soon 30 days ahead",
            worker: worker(d(2024, 4, 1)),
            contacts: vec![],
            reviews: vec![d(2024, 10, 1)],
            reports: vec![],
            handover: HandoverFacts::default(),
            today: d(2025, 3, 2),
            expect: vec![(PlanReview, Some((d(2025, 4, 1), DueSoon))), (Plan, None)],
        },
        Case {
            name: "a version dated after today (another laptop's clock) does not count yet",
            worker: worker(d(2024, 4, 1)),
            contacts: vec![],
            reviews: vec![d(2025, 1, 10)],
            reports: vec![],
            handover: HandoverFacts::default(),
            today: d(2025, 1, 9),
            expect: vec![(Plan, Some((d(2024, 10, 1), Overdue)))],
        },
        Case {
            name: "plan review due in under 30 days is due soon",
            worker: worker(d(2024, 4, 1)),
            contacts: vec![],
            reviews: vec![d(2024, 12, 10)],
            reports: vec![],
            handover: HandoverFacts::default(),
            today: d(2025, 5, 20),
            expect: vec![(PlanReview, Some((d(2025, 6, 10), DueSoon)))],
        },
        Case {
            name: "closed employment: no employer contact; phone is not face to face",
            worker: closed,
            contacts: vec![fact(d(2024, 11, 5), Mode::Phone, &[Participant::Worker])],
            reviews: vec![],
            reports: vec![],
            handover: HandoverFacts::default(),
            today: d(2024, 11, 10),
            expect: vec![
                (
                    ContactEmployer {
                        month: ym(2024, 11),
                    },
                    None,
                ),
                (
                    ContactWorker {
                        month: ym(2024, 11),
                    },
                    Some((d(2024, 11, 30), DueSoon)),
                ),
            ],
        },
        Case {
            name: "extended type runs from its anchor (31 Jan → 31 Jul)",
            worker: extended,
            contacts: vec![],
            reviews: planned(),
            reports: vec![],
            handover: HandoverFacts::default(),
            today: d(2024, 8, 1),
            expect: vec![
                (
                    ContactWorker { month: ym(2024, 7) },
                    Some((d(2024, 7, 31), Overdue)),
                ),
                (PlanReview, Some((d(2025, 1, 31), Upcoming))),
                (ServiceEnd, Some((d(2027, 7, 30), Upcoming))),
            ],
        },
        Case {
            name: "reinstatement type runs from the return-to-work day",
            worker: reinstated,
            contacts: vec![],
            reviews: planned(),
            reports: vec![],
            handover: HandoverFacts::default(),
            today: d(2024, 11, 20),
            expect: vec![
                (
                    ContactWorker {
                        month: ym(2024, 11),
                    },
                    Some((d(2024, 11, 30), DueSoon)),
                ),
                (
                    ContactWorker {
                        month: ym(2024, 10),
                    },
                    None,
                ),
                (PlanReview, Some((d(2025, 5, 20), Upcoming))),
            ],
        },
        Case {
            name: "before the start nothing is due",
            worker: worker(d(2024, 4, 1)),
            contacts: vec![],
            reviews: vec![],
            reports: vec![],
            handover: HandoverFacts::default(),
            today: d(2024, 9, 30),
            expect: vec![(ServiceEnd, None), (PlanReview, None)],
        },
        Case {
            name: "only the current month and two before are listed",
            worker: worker(d(2024, 4, 1)),
            contacts: vec![],
            reviews: vec![],
            reports: vec![],
            handover: HandoverFacts::default(),
            today: d(2026, 1, 10),
            expect: vec![
                (
                    ContactWorker { month: ym(2026, 1) },
                    Some((d(2026, 1, 31), DueSoon)),
                ),
                (
                    ContactWorker {
                        month: ym(2025, 11),
                    },
                    Some((d(2025, 11, 30), Overdue)),
                ),
                (
                    ContactWorker {
                        month: ym(2025, 10),
                    },
                    None,
                ),
            ],
        },
        Case {
            name: "handover preparation flagged six months before the end",
            worker: worker(d(2024, 4, 1)),
            contacts: vec![],
            reviews: vec![d(2027, 4, 5)],
            reports: vec![],
            handover: HandoverFacts::default(),
            today: d(2027, 4, 10),
            expect: vec![
                (Handover, Some((d(2027, 6, 30), DueSoon))),
                (ServiceEnd, Some((d(2027, 9, 30), Upcoming))),
                // The next review would fall after the end.
                (PlanReview, None),
            ],
        },
        Case {
            name: "no handover three months before the end is overdue",
            worker: worker(d(2024, 4, 1)),
            contacts: vec![fact(d(2026, 1, 12), Mode::CaseConference, &[])],
            reviews: vec![],
            reports: vec![],
            handover: HandoverFacts::default(),
            today: d(2027, 7, 1),
            expect: vec![(Handover, Some((d(2027, 6, 30), Overdue)))],
        },
        Case {
            name: "an overridden end on the 15th: the last month is due that day",
            worker: short_end.clone(),
            contacts: vec![],
            reviews: vec![],
            reports: vec![],
            handover: HandoverFacts::default(),
            today: d(2025, 3, 10),
            expect: vec![
                (
                    ContactWorker { month: ym(2025, 3) },
                    Some((d(2025, 3, 15), DueSoon)),
                ),
                (Handover, Some((d(2024, 12, 15), Overdue))),
                (ServiceEnd, Some((d(2025, 3, 15), DueSoon))),
            ],
        },
        Case {
            name: "still marked active after the end: the end is overdue, no new months",
            worker: short_end,
            contacts: vec![],
            reviews: vec![],
            reports: vec![],
            handover: HandoverFacts::default(),
            today: d(2025, 6, 2),
            expect: vec![
                (ServiceEnd, Some((d(2025, 3, 15), Overdue))),
                (ContactWorker { month: ym(2025, 6) }, None),
                (ContactWorker { month: ym(2025, 4) }, None),
            ],
        },
        Case {
            name: "ended workers still owe the months before the end, not the plan or the end",
            worker: ended,
            contacts: vec![],
            reviews: vec![],
            reports: vec![],
            handover: HandoverFacts::default(),
            today: d(2025, 1, 10),
            expect: vec![
                (ServiceEnd, None),
                (Plan, None),
                (ContactWorker { month: ym(2025, 1) }, None),
                (
                    ContactWorker {
                        month: ym(2024, 12),
                    },
                    Some((d(2024, 12, 31), Overdue)),
                ),
                (
                    Report {
                        month: ym(2024, 11),
                    },
                    Some((d(2024, 11, 30), Overdue)),
                ),
            ],
        },
        Case {
            name: "handed-over workers still owe the past months and a handover never shared",
            worker: handed_over,
            contacts: vec![],
            reviews: vec![],
            reports: vec![],
            handover: HandoverFacts::default(),
            today: d(2027, 8, 10),
            expect: vec![
                (ServiceEnd, None),
                (PlanReview, None),
                (Handover, Some((d(2027, 4, 30), Overdue))),
                (
                    ContactWorker { month: ym(2027, 7) },
                    Some((d(2027, 7, 31), Overdue)),
                ),
                (ContactWorker { month: ym(2027, 8) }, None),
            ],
        },
    ]
}

#[test]
fn due_date_table() {
    for case in cases() {
        let items = duties(
            &case.worker,
            &case.contacts,
            &case.reviews,
            &case.reports,
            &case.handover,
            case.today,
        );
        for (duty, want) in &case.expect {
            assert_eq!(find(&items, *duty), *want, "{}: {duty:?}", case.name);
        }
    }
}

#[test]
fn workers_without_dates_owe_nothing() {
    let w = Worker::new("w".into(), "x".into());
    assert!(duties(&w, &[], &[], &[], &HandoverFacts::default(), d(2025, 1, 1)).is_empty());
}
