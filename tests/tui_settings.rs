//! The first run asks the staff name and the agency's; the settings screen
//! (s at home) changes them later. Both are written into settings.toml,
//! comments kept, and used at once (記録者 on a new contact).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::NaiveDate;
use common::tui::*;
use crossterm::event::KeyCode;
use teichaku::i18n::Lang;
use teichaku::settings::Settings;
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

#[test]
fn the_first_run_asks_the_names_and_the_settings_screen_changes_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("settings.toml");
    Settings::load_or_create(&path).unwrap();
    let cfg = Config {
        settings_file: Some(path.clone()),
        ..Config::new(Lang::Ja, today())
    };
    let mut app = App::new(demo_store(), cfg).unwrap();
    let s = screen(&app, 80, 24);
    assert!(s.starts_with("はじめに — 記録者と事業所名"), "{s}");
    insta::assert_snapshot!("first_run_80x24", s);
    type_text(&mut app, "佐藤 美咲");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "ひだまり就労定着支援センター");
    ctrl(&mut app, 's');
    let s = screen(&app, 80, 24);
    assert!(s.starts_with("ホーム"), "{s}");
    assert!(s.contains("記録者と事業所名を保存しました"), "{s}");
    let saved = Settings::load_or_create(&path).unwrap();
    assert_eq!(saved.staff_name, "佐藤 美咲");
    assert_eq!(saved.agency_name, "ひだまり就労定着支援センター");

    // Used at once: the recorder of a contact logged from the dashboard.
    let items = app.store().dashboard(today()).unwrap();
    let i = items
        .iter()
        .position(|i| {
            matches!(
                i.action,
                teichaku::domain::schedule::Action::LogContact { .. }
            )
        })
        .unwrap();
    let worker = items[i].worker_id.clone();
    for _ in 0..i {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    ctrl(&mut app, 's');
    let contacts = app.store().contacts_for(&worker).unwrap();
    assert!(contacts.iter().any(|c| c.recorded_by == "佐藤 美咲"));

    // s at home: the settings screen with the names in use; a change saved.
    press(&mut app, KeyCode::Char('s'));
    let s = screen(&app, 80, 24);
    assert!(
        s.starts_with("設定 — 記録者と事業所名") && s.contains("佐藤 美咲"),
        "{s}"
    );
    for _ in 0.."佐藤 美咲".chars().count() {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "田中 一郎");
    ctrl(&mut app, 's');
    let saved = Settings::load_or_create(&path).unwrap();
    assert_eq!(saved.staff_name, "田中 一郎");
    assert_eq!(saved.agency_name, "ひだまり就労定着支援センター");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("# 連絡記録の「記録者」に入る名前"), "{text}");

    // Once named, a new start asks nothing.
    let cfg = Config {
        settings_file: Some(path.clone()),
        staff_name: saved.staff_name.clone(),
        ..Config::new(Lang::Ja, today())
    };
    let app = App::new(demo_store(), cfg).unwrap();
    assert!(screen(&app, 80, 24).starts_with("ホーム"));
}

#[test]
fn the_first_run_in_english_and_esc_leaves_it_for_later() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("settings.toml");
    let cfg = Config {
        settings_file: Some(path.clone()),
        ..Config::new(Lang::En, today())
    };
    let mut app = App::new(demo_store(), cfg).unwrap();
    let s = screen(&app, 80, 24);
    assert!(s.starts_with("Welcome — your name and the agency's"), "{s}");
    assert!(s.contains("Your name") && s.contains("recorded by"), "{s}");
    press(&mut app, KeyCode::Esc);
    assert!(screen(&app, 80, 24).starts_with("Home"));
    assert!(!path.exists(), "nothing written");
}

#[test]
fn the_settings_screen_names_the_backup_folder_and_quitting_then_makes_the_days_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("settings.toml");
    Settings::load_or_create(&path).unwrap();
    teichaku::settings::save_names(&path, "佐藤 美咲", "", "").unwrap();
    let mut store = common::open_db(&dir.path().join("data").join("teichaku.db"));
    teichaku::demo::load_all(&mut store, today()).unwrap();
    let cfg = Config {
        settings_file: Some(path.clone()),
        staff_name: "佐藤 美咲".into(),
        ..Config::new(Lang::Ja, today())
    };
    let mut app = App::new(store, cfg).unwrap();
    assert_eq!(app.backup_at_quit(), None, "no folder: no backup");
    press(&mut app, KeyCode::Char('s'));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    let stick = dir.path().join("stick");
    std::fs::create_dir_all(&stick).unwrap();
    type_text(&mut app, stick.to_str().unwrap());
    ctrl(&mut app, 's');
    let saved = Settings::load_or_create(&path).unwrap();
    assert_eq!(saved.backup.folder(), Some(stick.as_path()));
    assert_eq!(saved.staff_name, "佐藤 美咲", "the names stay");
    let said = app.backup_at_quit().unwrap();
    assert!(said.contains("今日のバックアップを作りました"), "{said}");
    assert_eq!(std::fs::read_dir(&stick).unwrap().count(), 1);
    assert_eq!(app.backup_at_quit(), None, "one a day");
}
