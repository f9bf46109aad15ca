//! The demo agency covers every stage of the service and every kind of duty,
//! whatever day it is loaded.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use teichaku::demo::{Agency, Fixtures};
use teichaku::domain::Status;
use teichaku::domain::schedule::Duty;
use teichaku::domain::worker::PeriodPosition;
use teichaku::store::Store;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// 2026-12-01 to 2028-03-05: every kind of month end, the leap day 2028-02-29
/// and two New Years.
fn sweep() -> impl Iterator<Item = NaiveDate> {
    let (first, last) = (day(2026, 12, 1), day(2028, 3, 5));
    assert!((last - first).num_days() >= 460);
    first.iter_days().take_while(move |d| *d <= last)
}

/// Workers at every stage of the service, each with a history and a network.
fn check_stages(a: &Agency, today: NaiveDate) {
    let n = a.workers.len();
    assert!(n >= 12, "{today}: {n} workers");
    assert!(a.workers.iter().filter(|w| w.is_closed()).count() >= 2);
    let position = |w: &teichaku::domain::Worker| w.service_period().unwrap().position(today);
    let count =
        |f: &dyn Fn(PeriodPosition) -> bool| a.workers.iter().filter(|w| f(position(w))).count();
    let first_six_months = count(&|p| matches!(p, PeriodPosition::Before { .. }));
    let mid = count(&|p| matches!(p, PeriodPosition::During { month } if month <= 30));
    let near_end = count(&|p| matches!(p, PeriodPosition::During { month } if month > 30));
    let ended = a
        .workers
        .iter()
        .filter(|w| matches!(w.status, Status::Ended | Status::HandedOver))
        .count();
    assert!(
        first_six_months >= 2,
        "{today}: first six months: {first_six_months}"
    );
    assert!(mid >= 4, "{today}: mid-service: {mid}");
    assert!(near_end >= 1, "{today}: near the end: {near_end}");
    assert!(ended >= 1, "{today}: ended: {ended}");

    let mut paragraphs = 0;
    for w in &a.workers {
        let contacts: Vec<_> = a.contacts.iter().filter(|c| c.worker_id == w.id).collect();
        let oldest = contacts.iter().map(|c| c.date).min().unwrap();
        let span = (today - oldest).num_days();
        assert!(
            (150..=560).contains(&span),
            "{today}: {} contacts span {span} days",
            w.display_name
        );
        assert!(
            a.people.iter().any(|p| p.worker_id == w.id),
            "{} has a network",
            w.display_name
        );
        paragraphs += contacts
            .iter()
            .filter(|c| c.notes.matches("\n\n").count() >= 2)
            .count();
        assert!(
            w.kana
                .chars()
                .all(|c| ('ぁ'..='ゖ').contains(&c) || c == ' ' || c == 'ー'),
            "kana of {}",
            w.display_name
        );
    }
    assert!(paragraphs >= 10, "{paragraphs} notes of several paragraphs");
}

type IsDuty = fn(&Duty) -> bool;

/// Every kind of duty the dashboard knows, and both kinds of employment.
fn check_dashboard(a: &Agency, today: NaiveDate) {
    let items = a.dashboard(today);
    let kinds: [(&str, IsDuty); 7] = [
        ("monthly contact", |d| {
            matches!(d, Duty::ContactWorker { .. })
        }),
        ("employer contact", |d| {
            matches!(d, Duty::ContactEmployer { .. })
        }),
        ("report", |d| matches!(d, Duty::Report { .. })),
        ("plan review", |d| matches!(d, Duty::PlanReview)),
        ("plan", |d| matches!(d, Duty::Plan)),
        ("service end", |d| matches!(d, Duty::ServiceEnd)),
        ("handover", |d| matches!(d, Duty::Handover)),
    ];
    for (name, is) in kinds {
        assert!(
            items.iter().any(|i| is(&i.item.duty)),
            "{today}: no {name} on the dashboard"
        );
    }
    assert!(
        items.iter().any(|i| i.closed),
        "{today}: no closed employment"
    );
    assert!(
        items.iter().any(|i| !i.closed),
        "{today}: no open employment"
    );
}

/// Plans with several versions, reviews that evaluate goals, and a worker in
/// service with no plan yet.
fn check_plans(a: &Agency, today: NaiveDate) {
    let versions = |w: &teichaku::domain::Worker| {
        a.plans
            .iter()
            .filter(|p| p.version.worker_id == w.id)
            .count()
    };
    assert!(a.workers.iter().any(|w| versions(w) >= 3), "{today}");
    assert!(a.workers.iter().filter(|w| versions(w) >= 2).count() >= 4);
    assert!(
        a.plans
            .iter()
            .filter(|p| p.is_review())
            .all(|p| !p.evaluations.is_empty())
    );
    assert!(a.plans.iter().all(|p| p.version.date <= today));
}

#[test]
fn the_demo_shows_every_stage_and_every_duty_on_each_of_460_days() {
    let fixtures = Fixtures::builtin().unwrap();
    for today in sweep() {
        let agency = fixtures.on(today).unwrap();
        check_stages(&agency, today);
        check_dashboard(&agency, today);
        check_plans(&agency, today);
    }
    // Far from today, relative dates still hold.
    for today in [day(2030, 12, 31), day(2032, 2, 29)] {
        let agency = fixtures.on(today).unwrap();
        check_stages(&agency, today);
        check_dashboard(&agency, today);
    }
}

/// The sweep computes the dashboard without a database; on a sample of days
/// the stored demo (as `teichaku --demo` opens it) gives the very same lines.
#[test]
fn the_stored_demo_has_the_dashboard_the_sweep_checked() {
    let fixtures = Fixtures::builtin().unwrap();
    for today in [
        day(2026, 12, 1),
        day(2027, 2, 28),
        day(2027, 12, 31),
        day(2028, 1, 1),
        day(2028, 2, 29),
    ] {
        let agency = fixtures.on(today).unwrap();
        let mut store = Store::open_in_memory().unwrap();
        agency.store_in(&mut store).unwrap();
        assert_eq!(
            store.dashboard(today).unwrap(),
            agency.dashboard(today),
            "{today}"
        );
        assert_eq!(store.workers().unwrap().len(), agency.workers.len());
    }
}

/// The throw-away folder holds a copy of sensitive-looking data: owner-only
/// (it was 0755, 0777 at umask 000, though its files were 0600).
#[cfg(unix)]
#[test]
fn the_throwaway_demo_folder_is_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, _store) = teichaku::demo::open_throwaway(day(2026, 11, 21), None).unwrap();
    let name = dir
        .path()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(name.starts_with("teichaku-demo-"), "{name}");
    let mode = std::fs::metadata(dir.path()).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700, "{mode:o}");
}

/// `--demo` copies the day's demo from the cache instead of loading the TOML
/// again: the copy holds the same agency as a fresh build, a damaged cache
/// file is made again, and an unusable cache folder still gives a demo.
#[test]
fn the_demo_is_built_once_a_day_into_the_cache_and_copied() {
    use teichaku::demo::cache::cached_file;
    use teichaku::demo::open_throwaway;
    let today = day(2026, 11, 21);
    let cache = tempfile::tempdir().unwrap();
    let listed = |s: &Store| {
        let mut names: Vec<String> = s
            .workers()
            .unwrap()
            .into_iter()
            .map(|w| w.worker.display_name)
            .collect();
        names.sort();
        (names, s.dashboard(today).unwrap().len())
    };
    let (_fresh_dir, fresh) = open_throwaway(today, None).unwrap();
    let expected = listed(&fresh);
    assert!(expected.0.len() >= 12);

    let (_a, first) = open_throwaway(today, Some(cache.path())).unwrap();
    let file = cached_file(cache.path(), today);
    assert!(file.is_file(), "built into the cache");
    assert_eq!(listed(&first), expected);
    // A change to one copy never reaches the cache or the next copy.
    let mut first = first;
    let id = first.workers().unwrap()[0].worker.id.clone();
    first.delete_worker(&id).unwrap();
    let (_b, second) = open_throwaway(today, Some(cache.path())).unwrap();
    assert_eq!(listed(&second), expected);

    // Another day is another file; the old one is removed.
    let tomorrow = today.succ_opt().unwrap();
    let (_c, _next) = open_throwaway(tomorrow, Some(cache.path())).unwrap();
    assert!(cached_file(cache.path(), tomorrow).is_file());
    assert!(!file.exists(), "yesterday's demo removed");

    // A damaged cache file is made again.
    let file = cached_file(cache.path(), tomorrow);
    std::fs::write(&file, b"not a database at all").unwrap();
    let (_d, again) = open_throwaway(tomorrow, Some(cache.path())).unwrap();
    assert!(!listed(&again).0.is_empty());
    assert!(std::fs::read(&file).unwrap().len() > 4096, "rebuilt");

    // A cache "folder" that is a file: the demo is built in place.
    let not_a_dir = cache.path().join("plain-file");
    std::fs::write(&not_a_dir, b"x").unwrap();
    let (_e, in_place) = open_throwaway(today, Some(&not_a_dir)).unwrap();
    assert_eq!(listed(&in_place), expected);
}
