use chrono::{Datelike, NaiveDate, Weekday};

use super::*;
use crate::domain::selfreport::Source;
use crate::domain::selfreport_warning::Reason;
use crate::domain::{Contact, Disclosure, Mode};
use crate::store::new_id;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

fn setup(closed: bool) -> (Store, Worker) {
    let mut store = Store::open_in_memory().unwrap();
    let mut w = Worker::new(new_id(), "田中 一郎".into());
    if closed {
        w.disclosure = Disclosure::Closed;
    }
    store.add_worker(&w).unwrap();
    (store, w)
}

fn report(w: &Worker, date: NaiveDate, mood: u8) -> SelfReport {
    let mut r = SelfReport::new(
        SelfReport::id_for(&w.id, date),
        w.id.clone(),
        date,
        Source::Form,
    );
    r.ratings.set("mood", Some(mood));
    r.ratings.set("sleep", Some(3));
    r
}

#[test]
fn a_day_round_trips_and_saving_it_again_edits_the_same_record() {
    let (mut store, w) = setup(false);
    let mut r = report(&w, d(3, 2), 3);
    r.worker_comment = "少し疲れた".into();
    store.save_selfreport(&r).unwrap();
    assert_eq!(store.selfreport(&w.id, d(3, 2)).unwrap(), Some(r.clone()));
    r.supporter_comment = "電話で確認".into();
    r.ratings.set("sleep", None);
    store.save_selfreport(&r).unwrap();
    let back = store.selfreport(&w.id, d(3, 2)).unwrap().unwrap();
    assert_eq!(back.supporter_comment, "電話で確認");
    assert_eq!(back.ratings.get("sleep"), None, "not answered stays apart");
    assert_eq!(
        store
            .selfreports_for(&w.id, d(3, 1), d(3, 31))
            .unwrap()
            .len(),
        1
    );
    // Deleted, then entered again: the same record comes back.
    store.delete_selfreport(&r.id).unwrap();
    assert_eq!(store.selfreport(&w.id, d(3, 2)).unwrap(), None);
    store.save_selfreport(&r).unwrap();
    assert!(store.selfreport(&w.id, d(3, 2)).unwrap().is_some());
}

#[test]
fn a_rating_off_the_scale_and_a_closed_workplace_comment_are_refused() {
    let (mut store, w) = setup(true);
    let r = report(&w, d(3, 2), 5);
    let err = store.save_selfreport(&r).unwrap_err();
    assert!(
        matches!(
            err,
            crate::Error::Invalid(Invalid::SelfReportRating { value: 5, .. })
        ),
        "{err:?}"
    );
    let mut r = report(&w, d(3, 2), 3);
    r.workplace_comment = "よく頑張っていました".into();
    let err = store.save_selfreport(&r).unwrap_err();
    assert!(
        matches!(
            err,
            crate::Error::Invalid(Invalid::ClosedEmploymentWorkplaceComment)
        ),
        "{err:?}"
    );
    assert_eq!(store.selfreport(&w.id, d(3, 2)).unwrap(), None);
}

#[test]
fn an_import_is_all_or_nothing() {
    let (mut store, w) = setup(false);
    let rows = vec![report(&w, d(3, 2), 3), report(&w, d(3, 3), 2)];
    assert_eq!(store.import_selfreports(&rows).unwrap(), 2);
    assert_eq!(store.selfreport_days().unwrap().len(), 2);
    // The same day twice fails the whole batch: the new day is not kept.
    let again = vec![report(&w, d(3, 4), 3), report(&w, d(3, 2), 3)];
    assert!(store.import_selfreports(&again).is_err());
    assert_eq!(store.selfreport(&w.id, d(3, 4)).unwrap(), None);
}

#[test]
fn a_falling_mood_warns_until_a_contact_or_a_note() {
    let (mut store, w) = setup(false);
    let mut rows = Vec::new();
    for day in d(2, 2).iter_days().take_while(|x| *x <= d(3, 13)) {
        if matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            continue;
        }
        rows.push(report(&w, day, if day >= d(3, 11) { 2 } else { 3 }));
    }
    store.import_selfreports(&rows).unwrap();
    let workers = vec![w.clone()];
    let warn = store.selfreport_warnings(&workers, d(3, 13)).unwrap();
    assert_eq!(warn[&w.id].reason, Reason::Falling);
    // A note on the day acknowledges it.
    let mut last = store.selfreport(&w.id, d(3, 13)).unwrap().unwrap();
    last.supporter_comment = "電話で様子を聞いた".into();
    last.acknowledged_on = Some(d(3, 13));
    store.save_selfreport(&last).unwrap();
    assert!(
        store
            .selfreport_warnings(&workers, d(3, 13))
            .unwrap()
            .is_empty()
    );
    // So does a phone call logged that day.
    last.acknowledged_on = None;
    store.save_selfreport(&last).unwrap();
    assert_eq!(
        store.selfreport_warnings(&workers, d(3, 13)).unwrap().len(),
        1
    );
    let mut c = Contact {
        id: new_id(),
        worker_id: w.id.clone(),
        date: d(3, 13),
        start_time: None,
        minutes: None,
        mode: Mode::Phone,
        participants: vec![],
        notes: "日報の低下について電話".into(),
        next_action: String::new(),
        next_due: None,
        next_done: None,
        recorded_by: String::new(),
        consent_confirmed: false,
    };
    store.add_contact(&c).unwrap();
    assert!(
        store
            .selfreport_warnings(&workers, d(3, 13))
            .unwrap()
            .is_empty()
    );
    c.date = d(3, 10);
    store.update_contact(&c).unwrap();
    assert_eq!(
        store.selfreport_warnings(&workers, d(3, 13)).unwrap().len(),
        1
    );
}

#[test]
fn replacing_changed_days_is_all_or_nothing_with_the_new_ones() {
    let (mut store, w) = setup(false);
    store.import_selfreports(&[report(&w, d(3, 2), 3)]).unwrap();
    let mut changed = report(&w, d(3, 2), 1);
    changed.worker_comment = "眠れなかった".into();
    // A "changed" day that is not held is refused, and the new day with it.
    let not_held = report(&w, d(3, 9), 2);
    let err = store
        .import_selfreports_replacing(&[report(&w, d(3, 3), 2)], &[changed.clone(), not_held])
        .unwrap_err();
    assert!(matches!(err, crate::Error::NotFound { .. }), "{err:?}");
    assert_eq!(store.selfreport(&w.id, d(3, 3)).unwrap(), None);
    let held = store.selfreport(&w.id, d(3, 2)).unwrap().unwrap();
    assert_eq!(held.ratings.get("mood"), Some(3));
    assert_eq!(
        store
            .import_selfreports_replacing(&[report(&w, d(3, 3), 2)], &[changed])
            .unwrap(),
        (1, 1)
    );
    let held = store.selfreport(&w.id, d(3, 2)).unwrap().unwrap();
    assert_eq!(
        (held.ratings.get("mood"), held.worker_comment.as_str()),
        (Some(1), "眠れなかった")
    );
}
