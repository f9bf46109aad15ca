use chrono::{Datelike, NaiveDate, Weekday};

use super::*;
use crate::domain::selfreport::Source;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

/// Every working day from `from` through `to` with all items at `v`.
fn days(from: NaiveDate, to: NaiveDate, v: u8) -> Vec<SelfReport> {
    from.iter_days()
        .take_while(|d| *d <= to)
        .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
        .map(|d| rated(d, v))
        .collect()
}

fn rated(d: NaiveDate, v: u8) -> SelfReport {
    let mut e = SelfReport::new(format!("e{d}"), "w".into(), d, Source::Form);
    for item in ["mood", "health", "sleep", "fatigue", "work"] {
        e.ratings.set(item, Some(v));
    }
    e
}

fn with_mood(mut e: SelfReport, v: u8) -> SelfReport {
    e.ratings.set("mood", Some(v));
    e
}

#[test]
fn steady_ratings_raise_nothing() {
    let items = Items::builtin();
    let e = days(day(2, 2), day(3, 13), 3);
    assert_eq!(warning(&e, None, &items, day(3, 13)), None);
    assert_eq!(warning(&[], None, &items, day(3, 13)), None);
}

#[test]
fn a_falling_mood_warns_and_a_contact_clears_it() {
    let items = Items::builtin();
    let mut e = days(day(2, 2), day(3, 10), 3);
    // 2026-03-11..13: mood 2, 2, 2 (mean 2.0 < 3.0 - 0.7).
    for d in 11..=13 {
        e.push(with_mood(rated(day(3, d), 3), 2));
    }
    let w = warning(&e, None, &items, day(3, 13)).unwrap();
    assert_eq!(w.reason, Reason::Falling);
    assert_eq!(w.item.as_deref(), Some("mood"));
    assert_eq!(w.since, day(3, 13));
    // A phone call on the 13th acknowledges it.
    assert_eq!(warning(&e, Some(day(3, 13)), &items, day(3, 13)), None);
    // After a call on the 11th only two entries follow: too few to say.
    assert_eq!(warning(&e, Some(day(3, 11)), &items, day(3, 13)), None);
    assert!(warning(&e, Some(day(3, 10)), &items, day(3, 13)).is_some());
}

#[test]
fn a_small_dip_is_within_the_margin() {
    let items = Items::builtin();
    let mut e = days(day(2, 2), day(3, 10), 3);
    e.push(with_mood(rated(day(3, 11), 3), 2));
    e.push(with_mood(rated(day(3, 12), 3), 3));
    e.push(with_mood(rated(day(3, 13), 3), 2));
    // 2.33 is not below 3.0 - 0.7.
    assert_eq!(warning(&e, None, &items, day(3, 13)), None);
}

#[test]
fn the_lowest_twice_in_a_row_warns() {
    let items = Items::builtin();
    let mut e = days(day(3, 2), day(3, 10), 3);
    e.push(with_mood(rated(day(3, 11), 3), 1));
    assert_eq!(
        warning(&e, None, &items, day(3, 11)),
        None,
        "once is not twice"
    );
    e.push(with_mood(rated(day(3, 12), 3), 1));
    let w = warning(&e, None, &items, day(3, 12)).unwrap();
    assert_eq!((w.reason, w.since), (Reason::LowestTwice, day(3, 12)));
    // Stale: three weeks later, with no newer entry, it is the silence
    // that warns, not the old ratings.
    let later = warning(&e, None, &items, day(4, 2)).unwrap();
    assert!(matches!(later.reason, Reason::Stopped { .. }), "{later:?}");
}

#[test]
fn stopping_warns_after_the_working_days_for_a_usual_reporter() {
    let items = Items::builtin();
    // Reports every working day through Friday 2026-03-13.
    let e = days(day(2, 16), day(3, 13), 3);
    // Mon 16, Tue 17 pass; Wed 18 is the third working day without one,
    // seen on Thursday (today is not counted).
    assert_eq!(warning(&e, None, &items, day(3, 18)), None);
    let w = warning(&e, None, &items, day(3, 19)).unwrap();
    assert_eq!(w.reason, Reason::Stopped { days: 3 });
    assert_eq!(w.since, day(3, 18));
    assert_eq!(w.since.weekday(), Weekday::Wed);
    // A call on the 18th restarts the count.
    assert_eq!(warning(&e, Some(day(3, 18)), &items, day(3, 19)), None);
    // Someone who reports now and then is not "stopped".
    let sparse: Vec<SelfReport> = e.iter().step_by(4).cloned().collect();
    assert_eq!(warning(&sparse, None, &items, day(3, 30)), None);
}

#[test]
fn ratings_steady_at_two_of_four_warn_as_a_sustained_low_level() {
    let items = Items::builtin();
    assert_eq!(items.warning.low_level(&items), 2.0);
    // Sleep at 2 every day for six weeks: nothing falls, nothing is the
    // lowest, but it stays low.
    let mut e = days(day(2, 2), day(3, 13), 3);
    for r in &mut e {
        r.ratings.set("sleep", Some(2));
    }
    let w = warning(&e, None, &items, day(3, 13)).unwrap();
    assert_eq!(
        (w.reason, w.item.as_deref(), w.since),
        (Reason::Low, Some("sleep"), day(3, 13))
    );
    // A call on the 13th acknowledges it; the next low week raises it again.
    assert_eq!(warning(&e, Some(day(3, 13)), &items, day(3, 13)), None);
    // A week's mean above 2 is not low: 2, 3, 2, 3, 2 is 2.4.
    for (i, r) in e.iter_mut().rev().take(5).enumerate() {
        r.ratings.set("sleep", Some(if i % 2 == 1 { 3 } else { 2 }));
    }
    assert_eq!(warning(&e, None, &items, day(3, 13)), None);
    // The agency may set its own level.
    let mut strict = items.clone();
    strict.warning.low_mean = Some(2.5);
    let w = warning(&e, None, &strict, day(3, 13)).unwrap();
    assert_eq!(w.reason, Reason::Low);
}

#[test]
fn days_off_marked_in_the_form_are_not_missing_days() {
    let items = Items::builtin();
    // Reports every working day through Friday 2026-03-13, then marks
    // Mon 16 – Wed 18 as days off (休み).
    let mut e = days(day(2, 16), day(3, 13), 3);
    for d in 16..=18 {
        let mut off = SelfReport::new(format!("off{d}"), "w".into(), day(3, d), Source::Form);
        off.day_off = true;
        e.push(off);
    }
    assert_eq!(warning(&e, None, &items, day(3, 19)), None);
    // Silent after the days off: Thu 19, Fri 20, Mon 23, seen on Tue 24.
    assert_eq!(warning(&e, None, &items, day(3, 23)), None);
    let w = warning(&e, None, &items, day(3, 24)).unwrap();
    assert_eq!(
        (w.reason, w.since),
        (Reason::Stopped { days: 3 }, day(3, 23))
    );
}
