//! The dashboard built from the due dates: its order, and the line of
//! closed-employment records to review.

use super::tests::{d, find, worker, ym};
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
    // Within the overdue lines: legal duties, then effort ones (the
    // employer contacts), then the folded older months; each by date.
    let overdue: Vec<&DashboardItem> = board.iter().filter(|i| i.item.state == Overdue).collect();
    let groups: Vec<u8> = overdue.iter().map(|i| i.item.duty.group()).collect();
    assert!(groups.windows(2).all(|w| w[0] <= w[1]), "{groups:?}");
    assert!(groups.contains(&1), "an effort line");
    for g in 0..4 {
        let dates: Vec<NaiveDate> = overdue
            .iter()
            .filter(|i| i.item.duty.group() == g)
            .map(|i| i.item.due)
            .collect();
        assert!(dates.windows(2).all(|w| w[0] <= w[1]), "group {g}");
    }
    assert!(
        overdue
            .iter()
            .filter(|i| i.item.duty.group() == 1)
            .all(|i| matches!(i.item.duty, ContactEmployer { .. }))
    );
    // The oldest: c's handover (2025-06-30 counted back 3 months: the last
    // day of March, 2025-03-31, first of that day by weight), then the
    // March lines (2025-03-31), contacts before reports, by kana; a's review
    // (2025-04-01) comes after every March line.
    assert_eq!(board[0].worker_id, "c");
    assert_eq!(board[0].item.duty, Handover);
    assert_eq!(board[0].item.due, d(2025, 3, 31));
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
    assert!(board[..review].iter().all(|i| i.item.duty.is_legal()));
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

#[test]
fn months_before_the_lookback_are_folded_into_one_line_a_kind_not_dropped() {
    use super::tests::fact;
    use crate::domain::{Mode, Participant};
    // Hired 2024-12-01: the service starts 2025-06-01. Today 2025-11-20: the
    // months listed one by one are September to November; June to August are
    // folded. The worker was met in July, a report counts for June.
    let w = worker(d(2024, 12, 1));
    let today = d(2025, 11, 20);
    let contacts = [fact(d(2025, 7, 10), Mode::Meeting, &[Participant::Worker])];
    let reports = [ReportFact {
        month: ym(2025, 6),
        counts: true,
        handed_on: None,
    }];
    let items = duties(
        &w,
        &contacts,
        &[],
        &reports,
        &HandoverFacts::default(),
        today,
    );
    let folded: Vec<Duty> = items
        .iter()
        .filter(|i| matches!(i.duty, Duty::Missed { .. }))
        .map(|i| i.duty)
        .collect();
    assert_eq!(
        folded,
        vec![
            Duty::Missed {
                what: Monthly::ContactWorker,
                from: ym(2025, 6),
                to: ym(2025, 8),
                months: 2,
            },
            Duty::Missed {
                what: Monthly::Report,
                from: ym(2025, 7),
                to: ym(2025, 8),
                months: 2,
            },
            Duty::Missed {
                what: Monthly::ContactEmployer,
                from: ym(2025, 6),
                to: ym(2025, 8),
                months: 3,
            },
        ]
    );
    let line = items
        .iter()
        .find(|i| {
            matches!(
                i.duty,
                Duty::Missed {
                    what: Monthly::Report,
                    ..
                }
            )
        })
        .unwrap();
    assert_eq!((line.due, line.state), (d(2025, 8, 31), Overdue));
    assert_eq!(
        missed_months(&w, Monthly::ContactWorker, &contacts, &reports, today),
        vec![ym(2025, 6), ym(2025, 8)]
    );
    // No monthly line is listed twice: the folded months stop before September.
    assert!(find(&items, ContactWorker { month: ym(2025, 9) }).is_some());
    assert!(find(&items, ContactWorker { month: ym(2025, 8) }).is_none());
    // Closed employment owes no employer contact, folded or not.
    let mut closed = w.clone();
    closed.disclosure = Disclosure::Closed;
    let items = duties(
        &closed,
        &contacts,
        &[],
        &reports,
        &HandoverFacts::default(),
        today,
    );
    assert!(items.iter().all(|i| !matches!(
        i.duty,
        Duty::Missed {
            what: Monthly::ContactEmployer,
            ..
        }
    )));
    // The board: the folded lines after the other overdue ones, the employer's
    // marked as effort.
    let board = dashboard([(
        &w,
        duties(
            &w,
            &contacts,
            &[],
            &reports,
            &HandoverFacts::default(),
            today,
        ),
    )]);
    let first_folded = board
        .iter()
        .position(|i| matches!(i.item.duty, Duty::Missed { .. }))
        .unwrap();
    assert!(
        board[first_folded..]
            .iter()
            .filter(|i| i.item.state == Overdue)
            .all(|i| matches!(i.item.duty, Duty::Missed { .. }))
    );
    assert_eq!(
        board[first_folded].action,
        Action::OpenMissed {
            worker_id: w.id.clone(),
            what: Monthly::ContactWorker
        }
    );
    assert_eq!(
        crate::i18n::due::line_label(folded[2], crate::i18n::Lang::Ja),
        "〔努力〕2025年6月〜8月の事業主連絡 3か月分 未記録"
    );
    assert_eq!(
        crate::i18n::due::line_label(folded[0], crate::i18n::Lang::En),
        "2 months of worker contacts not recorded (June – August 2025)"
    );
}
