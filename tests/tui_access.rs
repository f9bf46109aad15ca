//! The TUI's screens write their access-log line when they come on top
//! (issue 34 item 3): the dashboard, the worker list, a worker's page and
//! the screens over it, the search; back from a screen over the page is not
//! a new line, opening the worker again is. No name or note in the detail.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::NaiveDate;
use common::tui::*;
use crossterm::event::KeyCode;
use teichaku::i18n::Lang;
use teichaku::store::{AccessEntry, Store};
use teichaku::tui::{App, Config};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

fn demo_app() -> App {
    let mut store = Store::open_in_memory().unwrap();
    teichaku::demo::load_all(&mut store, today()).unwrap();
    App::new(store, Config::new(Lang::Ja, today())).unwrap()
}

/// The log, oldest first.
fn log(app: &App) -> Vec<AccessEntry> {
    let mut l = app.store().access_log(None, None, 100_000).unwrap();
    l.reverse();
    l
}

#[test]
fn each_screen_showing_a_worker_writes_its_line_once_while_open() {
    let mut app = demo_app();
    let w = app.store().resolve_worker("石川 美穂").unwrap();
    let start = log(&app);
    assert_eq!(start.len(), 1, "{start:?}");
    assert_eq!(
        (start[0].action.as_str(), start[0].detail.as_str()),
        ("read", "screen dashboard")
    );
    assert_eq!(start[0].worker_id, None);

    press(&mut app, KeyCode::Char('w'));
    type_text(&mut app, "いしかわ");
    press(&mut app, KeyCode::Enter);
    assert!(screen(&app, 80, 24).contains("石川 美穂"));
    let l = log(&app);
    let new: Vec<_> = l[start.len()..]
        .iter()
        .map(|e| (e.action.as_str(), e.worker_id.as_deref(), e.detail.as_str()))
        .collect();
    assert_eq!(
        new,
        vec![
            ("read", None, "screen workers"),
            ("open_worker", Some(w.id.as_str()), "screen"),
        ]
    );

    // The resource map over the page: a line; back to the page: none.
    press(&mut app, KeyCode::Char('m'));
    let l2 = log(&app);
    assert_eq!(l2.len(), l.len() + 1);
    let last = l2.last().unwrap();
    assert_eq!(
        (
            last.action.as_str(),
            last.worker_id.as_deref(),
            last.detail.as_str()
        ),
        ("read", Some(w.id.as_str()), "screen people")
    );
    press(&mut app, KeyCode::Esc);
    assert_eq!(log(&app).len(), l2.len(), "back to the page: no new line");

    // Closing the page and opening it again is a new opening.
    press(&mut app, KeyCode::Esc);
    let before = log(&app).len();
    press(&mut app, KeyCode::Enter);
    let l3 = log(&app);
    assert!(l3.len() > before, "{l3:?}");
    assert_eq!(l3.last().unwrap().action, "open_worker");

    // The search: one line for many workers.
    press(&mut app, KeyCode::Char('/'));
    let last = log(&app).last().cloned().unwrap();
    assert_eq!(
        (last.worker_id.as_deref(), last.detail.as_str()),
        (None, "screen search")
    );
    for e in log(&app) {
        assert!(!e.detail.contains("石川"), "{e:?}");
    }
}
