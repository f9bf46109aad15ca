//! The resource map in the TUI: from a worker's page (m), a person is added,
//! edited and removed without the command line; the change is in the store
//! and its log (so it syncs); a closed-employment worker's map says the
//! workplace is not told.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::NaiveDate;
use common::tui::*;
use crossterm::event::KeyCode;
use teichaku::domain::Layer;
use teichaku::i18n::Lang;
use teichaku::store::{Op, Store};
use teichaku::tui::{App, Config};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

fn demo_app(lang: Lang) -> App {
    let mut store = Store::open_in_memory().unwrap();
    teichaku::demo::load_all(&mut store, today()).unwrap();
    App::new(store, Config::new(lang, today())).unwrap()
}

fn open_worker(app: &mut App, kana: &str) {
    press(app, KeyCode::Char('w'));
    type_text(app, kana);
    press(app, KeyCode::Enter);
}

#[test]
fn a_person_is_added_edited_and_removed_from_the_worker_page() {
    let mut app = demo_app(Lang::Ja);
    let w = app.store().resolve_worker("石川 美穂").unwrap();
    let before = app.store().people_for(&w.id).unwrap().len();
    open_worker(&mut app, "いしかわ");
    press(&mut app, KeyCode::Char('m'));
    let s = screen(&app, 80, 24);
    assert!(s.starts_with("関係者（リソースマップ） — 石川 美穂"), "{s}");
    insta::assert_snapshot!("people_80x24", s);

    // n: the form; name, role, organisation, the welfare layer, phone.
    let mut keys = 0;
    let mut key = |app: &mut App, code| {
        press(app, code);
        keys += 1;
    };
    key(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "山本 さくら");
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "訪問看護師");
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "みなと訪問看護ステーション");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "045-000-1234");
    ctrl(&mut app, 's');
    keys += 1;
    assert_eq!(keys, 7, "keys besides the typed text");
    let people = app.store().people_for(&w.id).unwrap();
    assert_eq!(people.len(), before + 1);
    let p = people
        .iter()
        .find(|p| p.name == "山本 さくら")
        .unwrap()
        .clone();
    assert_eq!(
        (
            p.role.as_str(),
            p.organisation.as_str(),
            p.layer,
            p.phone.as_str()
        ),
        (
            "訪問看護師",
            "みなと訪問看護ステーション",
            Layer::Welfare,
            "045-000-1234"
        )
    );
    assert!(
        app.store()
            .log_for(&p.id)
            .unwrap()
            .iter()
            .any(|e| e.op == Op::Create && e.field == "name")
    );
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("山本 さくら") && s.contains("保存しました"),
        "{s}"
    );

    // e on it: the role corrected.
    let at = screen(&app, 80, 24)
        .lines()
        .skip(3)
        .position(|l| l.contains("山本 さくら"))
        .unwrap();
    for _ in 0..at {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Char('e'));
    press(&mut app, KeyCode::Tab);
    for _ in 0.."訪問看護師".chars().count() {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "訪問看護（担当）");
    ctrl(&mut app, 's');
    let edited = app.store().person(&p.id).unwrap().unwrap();
    assert_eq!(edited.role, "訪問看護（担当）");
    assert_eq!(edited.organisation, p.organisation);

    // d, y: removed.
    press(&mut app, KeyCode::Char('d'));
    let s = screen(&app, 80, 24);
    assert!(s.contains("山本 さくら を関係者から削除しますか"), "{s}");
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(app.store().people_for(&w.id).unwrap().len(), before);
    assert!(!screen(&app, 80, 24).contains("山本 さくら"));
}

#[test]
fn a_nameless_person_is_refused_and_closed_employment_is_said() {
    let mut app = demo_app(Lang::En);
    let w = app.store().resolve_worker("岡田 健太").unwrap();
    assert!(w.is_closed());
    let before = app.store().people_for(&w.id).unwrap().len();
    open_worker(&mut app, "おかだ");
    press(&mut app, KeyCode::Char('m'));
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("closed employment: the workplace is not told"),
        "{s}"
    );
    press(&mut app, KeyCode::Char('n'));
    ctrl(&mut app, 's');
    let s = screen(&app, 80, 24);
    assert!(s.contains("The name is empty"), "{s}");
    assert_eq!(app.store().people_for(&w.id).unwrap().len(), before);
}

#[test]
fn partners_show_their_last_contact_and_home_hints_at_thinned_ones() {
    let mut app = demo_app(Lang::Ja);
    let w = app.store().resolve_worker("前川 しおり").unwrap();
    let partners = app.store().partner_contacts(&w.id).unwrap();
    let known = partners
        .iter()
        .find(|pc| pc.last.is_some())
        .expect("a partner named in the demo's notes");
    open_worker(&mut app, "まえかわ");
    press(&mut app, KeyCode::Char('m'));
    let s = screen(&app, 80, 24);
    assert!(s.contains("最終連絡"), "{s}");
    let line = s
        .lines()
        .find(|l| l.contains(known.person.name.as_str()))
        .unwrap();
    assert!(line.contains(&known.last.unwrap().to_string()), "{line}");

    // Home: a hint line under the counts, not a dashboard line.
    let hints = app.store().partner_hints(today(), 8).unwrap();
    assert!(!hints.is_empty());
    let mut app = demo_app(Lang::Ja);
    let s = screen(&app, 80, 24);
    let hint = s.lines().nth(2).unwrap();
    assert!(
        hint.starts_with("ヒント：") && hint.contains(&hints[0].person_name),
        "{s}"
    );
    let lines = app.store().dashboard(today()).unwrap().len();
    press(&mut app, KeyCode::Char('x'));
    assert_eq!(app.store().dashboard(today()).unwrap().len(), lines);
    // Configurable: with a year's patience, no hint.
    let cfg = Config {
        partner_weeks: 52,
        ..Config::new(Lang::Ja, today())
    };
    let mut store = Store::open_in_memory().unwrap();
    teichaku::demo::load_all(&mut store, today()).unwrap();
    let quiet: Vec<_> = store.partner_hints(today(), 52).unwrap();
    let app = App::new(store, cfg).unwrap();
    let s = screen(&app, 80, 24);
    assert_eq!(s.contains("ヒント："), !quiet.is_empty(), "{s}");
}
