//! The dashboard built from the due dates: its order, and the line of
//! closed-employment records to review.

use super::tests::{d, worker, ym};
use super::*;
use crate::domain::Disclosure;
use DueState::{DueSoon, Overdue};
use Duty::{ContactEmployer, ContactWorker, Handover, PlanReview, Report, ServiceEnd};

#[test]
fn dashboard_puts_overdue_first_then_earliest_then_weight_then_kana() {
    let today = d(2025, 5, 20);
    let mut a = worker(d(2024, 4, 1)); // review overdue since 2025-04-01
    a.id = "a".into();
    a.display_name = "青木".into();
    a.kana = "あおき".into();
    let mut b = worker(d(2024, 4, 1));
    b.id = "b".into();
    b.display_name = "井上".into();
    b.kana = "いのうえ".into();
    let mut c = worker(d(2022, 1, 1)); // ends 2025-06-30
    c.id = "c".into();
    c.kana = "うえだ".into();
    c.disclosure = Disclosure::Closed;
    // a's plan was made at the start (2024-10-01); its review is overdue.
    let items_a = duties(
        &a,
        &[],
        &[d(2024, 10, 1)],
        &[],
        &HandoverFacts::default(),
        today,
    );
    let items_b = duties(
        &b,
        &[],
        &[d(2025, 4, 1)],
        &[],
        &HandoverFacts::default(),
        today,
    );
    let items_c = duties(
        &c,
        &[],
        &[d(2025, 1, 1)],
        &[],
        &HandoverFacts::default(),
        today,
    );
    let board = dashboard([(&a, items_a), (&b, items_b), (&c, items_c)]);
    assert!(board.iter().all(|i| i.item.is_open()));
    let states: Vec<DueState> = board.iter().map(|i| i.item.state).collect();
    let mut sorted = states.clone();
    sorted.sort();
    assert_eq!(states, sorted, "overdue lines come first");
    let overdue_dates: Vec<NaiveDate> = board
        .iter()
        .filter(|i| i.item.state == Overdue)
        .map(|i| i.item.due)
        .collect();
    assert!(overdue_dates.windows(2).all(|w| w[0] <= w[1]));
    // The oldest: c's handover (2025-06-30 − 3 months = 2025-03-30), then the
    // March lines (2025-03-31), contacts before reports, by kana; a's review
    // (2025-04-01) comes after every March line.
    assert_eq!(board[0].worker_id, "c");
    assert_eq!(board[0].item.duty, Handover);
    assert_eq!(board[0].item.due, d(2025, 3, 30));
    assert_eq!(board[1].worker_id, "a");
    assert_eq!(board[1].item.duty, ContactWorker { month: ym(2025, 3) });
    let review = board
        .iter()
        .position(|i| i.worker_id == "a" && i.item.duty == PlanReview)
        .unwrap();
    assert!(
        board[..review]
            .iter()
            .all(|i| i.item.due == d(2025, 3, 31) || i.item.duty == Handover)
    );
    assert_eq!(
        board[review].action,
        Action::OpenPlan {
            worker_id: "a".into()
        }
    );
    // Same date, same duty: by kana (あおき before いのうえ before うえだ).
    let april: Vec<&str> = board
        .iter()
        .filter(|i| i.item.duty == (ContactWorker { month: ym(2025, 4) }))
        .map(|i| i.worker_id.as_str())
        .collect();
    assert_eq!(april, ["a", "b", "c"]);
    // Closed employment: suggests a meeting, never a visit, and no employer line.
    let c_contact = board
        .iter()
        .find(|i| i.worker_id == "c" && matches!(i.item.duty, ContactWorker { .. }))
        .unwrap();
    assert_eq!(
        c_contact.action,
        Action::LogContact {
            worker_id: "c".into(),
            mode: Mode::Meeting
        }
    );
    assert!(
        !board
            .iter()
            .any(|i| i.worker_id == "c" && matches!(i.item.duty, ContactEmployer { .. }))
    );
    // The report line opens that month's report.
    let report = board
        .iter()
        .find(|i| i.worker_id == "b" && i.item.duty == (Report { month: ym(2025, 5) }))
        .unwrap();
    assert_eq!(
        report.action,
        Action::OpenReport {
            worker_id: "b".into(),
            month: ym(2025, 5)
        }
    );
    // Service end within three months shows for c.
    assert!(
        board
            .iter()
            .any(|i| i.worker_id == "c" && i.item.duty == ServiceEnd && i.item.state == DueSoon)
    );
}

#[test]
fn flagged_closed_records_make_an_overdue_review_line_that_opens_the_worker() {
    let today = d(2026, 11, 21);
    assert_eq!(closed_review(0, today), None, "nothing flagged, no line");
    let item = closed_review(2, today).unwrap();
    assert_eq!(item.duty, Duty::ClosedReview { records: 2 });
    assert_eq!((item.due, item.state), (today, Overdue));
    let mut w = worker(d(2026, 5, 1));
    w.id = "w".into();
    w.disclosure = Disclosure::Closed;
    let board = dashboard([(&w, vec![item])]);
    assert_eq!(
        board[0].action,
        Action::OpenWorker {
            worker_id: "w".into()
        }
    );
}
