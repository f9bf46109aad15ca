//! The demo agency covers every stage of the service, whatever day it is loaded.

use chrono::{Months, NaiveDate};
use teichaku::domain::Status;
use teichaku::domain::worker::PeriodPosition;
use teichaku::store::Store;

fn check_demo_on(today: NaiveDate) {
    let mut s = Store::open_in_memory().unwrap();
    let n = teichaku::demo::load(&mut s, teichaku::demo::DEMO_TOML, today).unwrap();
    let rows = s.workers().unwrap();
    assert_eq!(rows.len(), n);
    assert!(n >= 12, "{n} workers");
    assert!(rows.iter().filter(|r| r.worker.is_closed()).count() >= 2);

    let position =
        |r: &teichaku::store::WorkerRow| r.worker.service_period().unwrap().position(today);
    let first_six_months = rows
        .iter()
        .filter(|r| matches!(position(r), PeriodPosition::Before { .. }))
        .count();
    let mid = rows
        .iter()
        .filter(|r| matches!(position(r), PeriodPosition::During { month } if month <= 30))
        .count();
    let near_end = rows
        .iter()
        .filter(|r| matches!(position(r), PeriodPosition::During { month } if month > 30))
        .count();
    let ended = rows
        .iter()
        .filter(|r| matches!(r.worker.status, Status::Ended | Status::HandedOver))
        .count();
    assert!(
        first_six_months >= 2,
        "first six months: {first_six_months}"
    );
    assert!(mid >= 4, "mid-service: {mid}");
    assert!(near_end >= 1, "near the end: {near_end}");
    assert!(ended >= 1, "ended: {ended}");

    let mut paragraphs = 0;
    for r in &rows {
        let contacts = s.contacts_for(&r.worker.id).unwrap();
        let oldest = contacts.last().unwrap().date;
        let span = (today - oldest).num_days();
        assert!(
            (150..=560).contains(&span),
            "{} contacts span {span} days",
            r.worker.display_name
        );
        assert!(
            !s.people_for(&r.worker.id).unwrap().is_empty(),
            "{} has a network",
            r.worker.display_name
        );
        paragraphs += contacts
            .iter()
            .filter(|c| c.notes.matches("\n\n").count() >= 2)
            .count();
        assert!(
            r.worker
                .kana
                .chars()
                .all(|c| ('ぁ'..='ゖ').contains(&c) || c == ' ' || c == 'ー'),
            "kana of {}",
            r.worker.display_name
        );
    }
    assert!(paragraphs >= 10, "{paragraphs} notes of several paragraphs");
}

#[test]
fn the_demo_shows_every_stage_today_and_in_other_months() {
    let today = chrono::Local::now().date_naive();
    check_demo_on(today);
    // Month ends and leap years must not break relative dates.
    for day in [(2028, 2, 29), (2027, 1, 31), (2026, 3, 31)] {
        check_demo_on(NaiveDate::from_ymd_opt(day.0, day.1, day.2).unwrap());
    }
    check_demo_on(today.checked_add_months(Months::new(7)).unwrap());
}
