//! Closed employment in the TUI (issue 13): the worker form asks before
//! closing over records that reach the employer, the worker page and the
//! dashboard show the flags, and the page resolves one by confirmed consent.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::NaiveDate;
use common::tui::*;
use crossterm::event::KeyCode;
use teichaku::domain::{Disclosure, Mode, Participant, Worker};
use teichaku::i18n::Lang;
use teichaku::store::{self, Store};
use teichaku::tui::drafts::Drafts;
use teichaku::tui::{App, Config};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

/// An open worker with a workplace visit with 上司, on the worker page.
fn app_on_worker_page() -> (App, String) {
    let mut s = Store::open_in_memory().unwrap();
    let mut w = Worker::new(store::new_id(), "山田 太郎".into());
    w.hire_date = NaiveDate::from_ymd_opt(2026, 5, 1);
    w.disclosure = Disclosure::Open;
    s.add_worker(&w).unwrap();
    let mut c = common::contact(&w.id, "上司と診断について話した");
    c.mode = Mode::Visit;
    c.participants = vec![Participant::Worker, Participant::Supervisor];
    s.add_contact(&c).unwrap();
    let cfg = Config {
        staff_name: "佐藤 美咲".into(),
        drafts: Drafts::new(None),
        ..Config::new(Lang::Ja, today())
    };
    let mut app = App::new(s, cfg).unwrap();
    press(&mut app, KeyCode::Char('w'));
    press(&mut app, KeyCode::Enter);
    (app, c.id)
}

/// From the worker page: the form, disclosure set to closed, saved.
fn close_in_form(app: &mut App) {
    press(app, KeyCode::Char('E'));
    for _ in 0..6 {
        press(app, KeyCode::Tab);
    }
    press(app, KeyCode::Right);
    ctrl(app, 's');
}

#[test]
fn the_form_lists_the_conflicts_and_no_changes_nothing() {
    let (mut app, id) = app_on_worker_page();
    close_in_form(&mut app);
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("次の 1 件"), "{shown}");
    assert!(shown.contains("2026-11-02"), "{shown}");
    assert!(shown.contains(&id[..8]), "the record's id: {shown}");
    let log = app.store().own_log().unwrap().len();
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.store().own_log().unwrap().len(), log, "nothing saved");
    let w = app.store().resolve_worker("山田").unwrap();
    assert!(!w.is_closed());
}

#[test]
fn yes_saves_and_the_page_and_dashboard_flag_the_visit_until_consent_is_confirmed() {
    let (mut app, id) = app_on_worker_page();
    close_in_form(&mut app);
    press(&mut app, KeyCode::Char('y'));
    let w = app.store().resolve_worker("山田").unwrap();
    assert!(w.is_closed());
    assert_eq!(app.store().closed_conflicts(&w).unwrap().len(), 1);

    let page = screen(&app, 80, 24);
    assert!(page.contains("クローズ就労の要確認 1 件"), "{page}");
    assert!(
        page.contains("要確認 職場訪問"),
        "the contact is marked: {page}"
    );

    // Confirm consent on the selected (only) contact.
    press(&mut app, KeyCode::Char('C'));
    let ask = screen(&app, 80, 24);
    assert!(ask.contains("同意"), "{ask}");
    press(&mut app, KeyCode::Char('y'));
    assert!(app.store().contact(&id).unwrap().unwrap().consent_confirmed);
    assert!(app.store().closed_conflicts(&w).unwrap().is_empty());
    let page = screen(&app, 80, 24);
    assert!(!page.contains("要確認 職場訪問"), "{page}");
    assert!(!page.contains("の要確認 1 件"), "{page}");
}

#[test]
fn the_dashboard_shows_a_needs_review_line_for_flagged_records() {
    let (mut app, _) = app_on_worker_page();
    close_in_form(&mut app);
    press(&mut app, KeyCode::Char('y'));
    // Back to the dashboard (worker page → list → home).
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    let home = screen(&app, 120, 40);
    assert!(home.contains("クローズ就労の要確認 1 件"), "{home}");
}

#[test]
fn confirming_consent_on_an_unflagged_contact_only_says_so() {
    let (mut app, id) = app_on_worker_page();
    press(&mut app, KeyCode::Char('C'));
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("要確認ではありません"), "{shown}");
    assert!(!app.store().contact(&id).unwrap().unwrap().consent_confirmed);
}
