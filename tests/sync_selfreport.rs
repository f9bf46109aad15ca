//! Self-reports travel between laptops: the same worker's day, imported on
//! one laptop and taken on the phone on another, is one record (its id is
//! the worker and the day) whose fields merge; the laptops end the same.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::NaiveDate;
use common::Laptop;
use teichaku::domain::selfreport::{SelfReport, Source};

#[test]
fn one_day_entered_on_two_laptops_is_one_record_with_both_sides() {
    let mut a = Laptop::new(1);
    let mut b = Laptop::new(2);
    let w = a.add_worker("田中 一郎");
    let batch = a.bundle(true);
    b.import(&[batch]);
    let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    // A: the form import of the evening.
    let mut form = SelfReport::new(SelfReport::id_for(&w, day), w.clone(), day, Source::Form);
    form.ratings.set("mood", Some(2));
    form.worker_comment = "朝から気分が重い".into();
    a.store.import_selfreports(&[form]).unwrap();
    // B, offline: the supporter's phone call the same day.
    b.advance(1_000);
    let mut call = SelfReport::new(SelfReport::id_for(&w, day), w.clone(), day, Source::Phone);
    call.ratings.set("mood", Some(2));
    call.ratings.set("sleep", Some(1));
    call.supporter_comment = "電話で様子を聞いた".into();
    b.store.save_selfreport(&call).unwrap();
    let (to_b, to_a) = (a.bundle(false), b.bundle(false));
    b.import(&[to_b]);
    a.import(&[to_a]);
    assert_eq!(a.dump(), b.dump(), "the laptops agree");
    let merged = a.store.selfreport(&w, day).unwrap().unwrap();
    assert_eq!(merged.worker_comment, "朝から気分が重い");
    assert_eq!(merged.supporter_comment, "電話で様子を聞いた");
    assert_eq!(
        a.store.selfreports_for(&w, day, day).unwrap().len(),
        1,
        "one record for the day"
    );
}

#[test]
fn a_day_off_and_a_changed_day_taken_from_a_file_reach_the_other_laptop() {
    let mut a = Laptop::new(1);
    let mut b = Laptop::new(2);
    let w = a.add_worker("田中 一郎");
    let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let off_day = NaiveDate::from_ymd_opt(2026, 11, 19).unwrap();
    let mut held = SelfReport::new(SelfReport::id_for(&w, day), w.clone(), day, Source::Form);
    held.ratings.set("mood", Some(3));
    a.store.import_selfreports(&[held.clone()]).unwrap();
    b.import(&[a.bundle(true)]);
    // A takes the file's values for the changed day, and a day off.
    a.advance(1_000);
    let mut changed = held.clone();
    changed.ratings.set("mood", Some(1));
    let mut off = SelfReport::new(
        SelfReport::id_for(&w, off_day),
        w.clone(),
        off_day,
        Source::Form,
    );
    off.day_off = true;
    let (added, replaced) = a
        .store
        .import_selfreports_replacing(&[off], &[changed])
        .unwrap();
    assert_eq!((added, replaced), (1, 1));
    b.import(&[a.bundle(false)]);
    assert_eq!(a.dump(), b.dump(), "the laptops agree");
    let on_b = b.store.selfreport(&w, day).unwrap().unwrap();
    assert_eq!(on_b.ratings.get("mood"), Some(1));
    assert!(b.store.selfreport(&w, off_day).unwrap().unwrap().day_off);
}
