//! The dashboard's views: the date it was computed for, filters (all, mine
//! by the staff on the worker's record, one worker) and the view grouped by
//! worker (one line each, Enter shows its lines).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::NaiveDate;
use common::tui::*;
use crossterm::event::KeyCode;
use teichaku::i18n::Lang;
use teichaku::store::Store;
use teichaku::tui::{App, Config};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

fn demo_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    teichaku::demo::load_all(&mut store, today()).unwrap();
    store
}

/// The lines on screen below the table's header (under the counts and the
/// partner hint), up to the first blank one.
fn lines(s: &str) -> Vec<String> {
    s.lines()
        .skip_while(|l| !(l.starts_with("状況") || l.starts_with("State")))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn filters_narrow_to_mine_and_to_one_worker_and_the_date_is_said() {
    let store = demo_store();
    let items = store.dashboard(today()).unwrap();
    // The staff of the worker with the most lines is "me".
    let first = items[0].worker_id.clone();
    let me = store.worker(&first).unwrap().unwrap().staff;
    assert!(!me.is_empty(), "the demo names staff");
    let mine = items.iter().filter(|i| i.staff == me).count();
    assert!(mine < items.len(), "someone else's lines exist");
    let cfg = Config {
        staff_name: me.clone(),
        ..Config::new(Lang::Ja, today())
    };
    let mut app = App::new(store, cfg).unwrap();
    let s = screen(&app, 120, 40);
    assert!(s.contains("（今日 2026-11-21）"), "{s}");

    press(&mut app, KeyCode::Char('f'));
    let s = screen(&app, 120, 60);
    assert!(s.contains("表示：自分の担当"), "{s}");
    assert_eq!(lines(&s).len(), mine, "{s}");
    insta::assert_snapshot!("dashboard_mine_80x24", screen(&app, 80, 24));

    // f again: the selected line's worker only.
    press(&mut app, KeyCode::Char('f'));
    let s = screen(&app, 120, 60);
    let name = &items[0].worker_name;
    assert!(s.contains(&format!("表示：{name}")), "{s}");
    let theirs = items.iter().filter(|i| i.worker_id == first).count();
    assert_eq!(lines(&s).len(), theirs, "{s}");
    assert!(lines(&s).iter().all(|l| l.contains(name.as_str())));

    // f once more: all again.
    press(&mut app, KeyCode::Char('f'));
    let s = screen(&app, 120, 60);
    assert!(!s.contains("表示："), "{s}");
    assert_eq!(lines(&s).len(), items.len().min(60 - 6));
}

#[test]
fn the_grouped_view_has_one_line_a_worker_and_enter_shows_its_lines() {
    let store = demo_store();
    let items = store.dashboard(today()).unwrap();
    let mut workers: Vec<&str> = items.iter().map(|i| i.worker_id.as_str()).collect();
    workers.sort();
    workers.dedup();
    let mut app = App::new(store, Config::new(Lang::Ja, today())).unwrap();
    press(&mut app, KeyCode::Char('g'));
    let s = screen(&app, 80, 24);
    assert!(s.contains("表示：利用者ごと"), "{s}");
    assert_eq!(lines(&s).len(), workers.len(), "{s}");
    insta::assert_snapshot!("dashboard_grouped_80x24", s);
    let second = lines(&s)[1].clone();
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    let s = screen(&app, 80, 24);
    let shown = lines(&s);
    let name = items
        .iter()
        .map(|i| i.worker_name.as_str())
        .find(|n| second.contains(n))
        .unwrap();
    assert!(shown.iter().all(|l| l.contains(name)), "{s}");
    assert!(
        second.contains(&format!("{}件", shown.len())),
        "{second}\n{s}"
    );
    // Enter now does the line's duty, as in the flat list.
    press(&mut app, KeyCode::Enter);
    assert!(!screen(&app, 80, 24).starts_with("ホーム"));

    // In English.
    let mut app = App::new(demo_store(), Config::new(Lang::En, today())).unwrap();
    press(&mut app, KeyCode::Char('g'));
    let s = screen(&app, 80, 24);
    assert!(s.contains("showing: by worker"), "{s}");
    press(&mut app, KeyCode::Char('f'));
    let s = screen(&app, 80, 24);
    assert!(s.contains("Nothing due in this view"), "no staff name: {s}");
}
