//! The handover duty (domain.md, "Handover before the service ends"): met
//! only by a consented sharing with an agency that takes over, late after the
//! due date, not owed once no continued support is needed.

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Hired 2024-04-01: service 2024-10-01 – 2027-09-30, handover due 2027-06-30.
fn worker() -> Worker {
    let mut w = Worker::new("w1".into(), "山田 太郎".into());
    w.hire_date = Some(d(2024, 4, 1));
    w.status = Status::Active;
    w
}

fn fact(date: NaiveDate, mode: Mode, with: &[Participant]) -> ContactFact {
    ContactFact {
        date,
        mode,
        participants: with.to_vec(),
    }
}

fn handover(
    contacts: &[ContactFact],
    facts: &HandoverFacts,
    today: NaiveDate,
) -> Option<(NaiveDate, DueState)> {
    duties(&worker(), contacts, &[], &[], facts, today)
        .into_iter()
        .find(|i| i.duty == Duty::Handover)
        .map(|i| (i.due, i.state))
}

fn shared(needs: Option<bool>, on: &[NaiveDate]) -> HandoverFacts {
    HandoverFacts {
        needs_support: needs,
        shared_on: on.to_vec(),
    }
}

#[test]
fn a_case_conference_even_with_other_agencies_is_not_a_handover() {
    let contacts = [
        fact(
            d(2027, 5, 12),
            Mode::CaseConference,
            &[Participant::OtherAgency],
        ),
        fact(d(2027, 5, 20), Mode::CaseConference, &[Participant::Worker]),
    ];
    assert_eq!(
        handover(&contacts, &HandoverFacts::default(), d(2027, 7, 5)),
        Some((d(2027, 6, 30), DueState::Overdue))
    );
}

#[test]
fn a_consented_sharing_with_the_successor_four_months_before_the_end_meets_it() {
    let facts = shared(Some(true), &[d(2027, 5, 31)]);
    assert_eq!(
        handover(&[], &facts, d(2027, 7, 5)),
        Some((d(2027, 6, 30), DueState::Done))
    );
}

#[test]
fn a_sharing_after_the_due_date_is_late_not_done() {
    let facts = shared(Some(true), &[d(2027, 7, 1)]);
    assert_eq!(
        handover(&[], &facts, d(2027, 7, 5)),
        Some((d(2027, 6, 30), DueState::Late))
    );
    // The earliest sharing decides: one before the due date is on time.
    let facts = shared(Some(true), &[d(2027, 7, 1), d(2027, 6, 30)]);
    assert_eq!(
        handover(&[], &facts, d(2027, 7, 5)),
        Some((d(2027, 6, 30), DueState::Done))
    );
}

#[test]
fn a_sharing_dated_after_today_does_not_count_yet() {
    let facts = shared(Some(true), &[d(2027, 5, 1)]);
    assert_eq!(
        handover(&[], &facts, d(2027, 4, 10)),
        Some((d(2027, 6, 30), DueState::DueSoon))
    );
}

#[test]
fn no_continued_support_needed_means_no_handover_is_owed() {
    assert_eq!(
        handover(&[], &shared(Some(false), &[]), d(2027, 7, 5)),
        None
    );
    // Undecided: still owed.
    assert!(handover(&[], &shared(None, &[]), d(2027, 7, 5)).is_some());
}

#[test]
fn an_end_on_a_months_last_day_is_due_on_the_last_day_three_months_earlier() {
    // Hired 2025-08-31: service 2026-03-01 – 2029-02-28. Counted back like
    // the Civil Code: due 2028-11-30, not 11-28; prepared from 2028-08-31.
    let mut w = worker();
    w.hire_date = Some(d(2025, 8, 31));
    let due = |w: &Worker, facts: &HandoverFacts, today| {
        duties(w, &[], &[], &[], facts, today)
            .into_iter()
            .find(|i| i.duty == Duty::Handover)
            .map(|i| (i.due, i.state))
    };
    let facts = shared(Some(true), &[d(2028, 11, 30)]);
    assert_eq!(
        due(&w, &facts, d(2028, 12, 5)),
        Some((d(2028, 11, 30), DueState::Done)),
        "shared on the due day is on time"
    );
    assert_eq!(
        due(&w, &HandoverFacts::default(), d(2028, 8, 31)),
        Some((d(2028, 11, 30), DueState::DueSoon))
    );
    assert_eq!(
        due(&w, &HandoverFacts::default(), d(2028, 8, 30)),
        Some((d(2028, 11, 30), DueState::Upcoming))
    );
    // An end on 3/31 is due on 12/31.
    w.service_end_override = Some(d(2028, 3, 31));
    assert_eq!(
        due(&w, &HandoverFacts::default(), d(2028, 1, 5)),
        Some((d(2027, 12, 31), DueState::Overdue))
    );
    // A day that is not a month's end counts back to the same day.
    w.service_end_override = Some(d(2028, 3, 15));
    assert_eq!(
        due(&w, &HandoverFacts::default(), d(2027, 12, 1)),
        Some((d(2027, 12, 15), DueState::DueSoon))
    );
}

#[test]
fn a_late_or_missing_handover_shows_on_the_dashboard_also_after_the_end() {
    let late = shared(Some(true), &[d(2027, 7, 1)]);
    let on_board = |w: &Worker, facts: &HandoverFacts, today| {
        let items = duties(w, &[], &[d(2024, 9, 1)], &[], facts, today);
        dashboard([(w, items)])
            .into_iter()
            .find(|i| i.item.duty == Duty::Handover)
            .map(|i| i.item.state)
    };
    let mut w = worker();
    assert_eq!(on_board(&w, &late, d(2027, 7, 5)), Some(DueState::Late));
    // Ended (the period over, status 終了): still shown, late or missing.
    w.status = Status::Ended;
    assert_eq!(on_board(&w, &late, d(2027, 11, 1)), Some(DueState::Late));
    assert_eq!(
        on_board(&w, &HandoverFacts::default(), d(2027, 11, 1)),
        Some(DueState::Overdue)
    );
    // Shared on time: done, not shown.
    let on_time = shared(Some(true), &[d(2027, 6, 1)]);
    assert_eq!(on_board(&w, &on_time, d(2027, 11, 1)), None);
}
