//! Waivers and the service period's caps across laptops: a waiver made on
//! one laptop takes the duty off the other's home screen once synced, and a
//! worker record with a start past the caps (from an older teichaku) is
//! capped when the period is computed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::NaiveDate;
use common::Laptop;
use teichaku::domain::Worker;
use teichaku::domain::dates::YearMonth;
use teichaku::domain::schedule::Duty;
use teichaku::domain::waiver::{WaivedDuty, Waiver};
use teichaku::store;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn a_waiver_synced_from_another_laptop_takes_the_duty_off_the_home_screen() {
    let today = d(2026, 11, 21);
    let mut a = Laptop::new(0);
    let mut b = Laptop::new(1);
    let mut w = Worker::new(store::new_id(), "山田 太郎".into());
    w.hire_date = Some(d(2025, 8, 31));
    a.store.add_worker(&w).unwrap();
    let october = YearMonth::new(2026, 10).unwrap();
    let waived = |l: &Laptop| {
        !l.store
            .dashboard(today)
            .unwrap()
            .iter()
            .any(|i| i.item.duty == Duty::Report { month: october })
    };
    b.import(&[a.bundle(false)]);
    assert!(!waived(&b), "owed before the waiver");
    a.store
        .add_waivers(
            &[Waiver {
                id: store::new_id(),
                worker_id: w.id.clone(),
                duty: WaivedDuty::Report,
                month: Some(october),
                reason: "入院のため".into(),
                waived_on: today,
                waived_by: "佐藤".into(),
            }],
            today,
        )
        .unwrap();
    b.import(&[a.bundle(false)]);
    assert!(waived(&a) && waived(&b));
    let held = b.store.waivers_for(&w.id).unwrap();
    assert_eq!(held.len(), 1);
    assert_eq!(held[0].reason, "入院のため");
    assert_eq!(a.dump(), b.dump());
}

#[test]
fn a_synced_start_past_the_caps_is_capped_when_the_period_is_computed() {
    let mut a = Laptop::new(0);
    let mut b = Laptop::new(1);
    // Written as an older teichaku did, without today's checks.
    let mut w = Worker::new(store::new_id(), "佐藤 花子".into());
    w.hire_date = Some(d(2026, 4, 1));
    w.service_start_override = Some(d(2028, 1, 1));
    w.service_end_override = Some(d(2030, 12, 31));
    a.store.write(|tx| tx.insert(&w)).unwrap();
    b.import(&[a.bundle(false)]);
    let held = b.store.worker(&w.id).unwrap().unwrap();
    let p = held.service_period().unwrap();
    assert_eq!((p.start, p.end), (d(2028, 1, 1), d(2029, 9, 30)));
}
