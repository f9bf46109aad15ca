//! The idle lock: after the minutes of the settings the screen shows nothing
//! but the lock, the note being typed is drafted (sealed on disk), keys go to
//! the passphrase field only, and the right passphrase brings back the same
//! screen with the same text.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant};

mod common;

use chrono::NaiveDate;
use common::tui::*;
use crossterm::event::KeyCode;
use teichaku::i18n::Lang;
use teichaku::tui::drafts::Drafts;
use teichaku::tui::{App, Config};

const FIVE_MINUTES: Duration = Duration::from_secs(300);

/// A database on disk with one worker and the app on a new contact's note
/// field, locking after five idle minutes.
fn typing_a_note(lang: Lang) -> (tempfile::TempDir, Drafts, App) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let mut store = common::open_db(&db);
    let w = teichaku::domain::Worker::new(teichaku::store::new_id(), "山田 太郎".into());
    store.add_worker(&w).unwrap();
    let drafts = Drafts::for_store(&store);
    let cfg = Config {
        staff_name: "佐藤 美咲".into(),
        drafts: drafts.clone(),
        lock_after: Some(FIVE_MINUTES),
        ..Config::new(lang, NaiveDate::from_ymd_opt(2026, 11, 21).unwrap())
    };
    let mut app = App::new(store, cfg).unwrap();
    press(&mut app, KeyCode::Char('w'));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('n'));
    for _ in 0..4 {
        press(&mut app, KeyCode::Tab);
    }
    (dir, drafts, app)
}

#[test]
fn idle_minutes_lock_the_screen_and_the_passphrase_brings_back_the_same_note() {
    let (_dir, drafts, mut app) = typing_a_note(Lang::Ja);
    let t0 = Instant::now();
    type_text(&mut app, "面談。睡眠は安定。");
    app.tick(t0);
    app.tick(t0 + Duration::from_secs(299));
    assert!(!app.is_locked(), "not before five minutes");
    type_text(&mut app, "服薬も");
    app.tick(t0 + Duration::from_secs(400));
    assert!(!app.is_locked(), "a key restarts the five minutes");
    assert!(app.tick(t0 + Duration::from_secs(400) + FIVE_MINUTES));
    assert!(app.is_locked());
    let s = screen(&app, 80, 24);
    assert!(!s.contains("山田") && !s.contains("面談"), "{s}");
    insta::assert_snapshot!("locked_80x24_ja", s);
    let saved = drafts.list().0;
    assert_eq!(saved.len(), 1, "drafted when locked");
    assert_eq!(saved[0].notes, "面談。睡眠は安定。服薬も");

    // Keys go to the passphrase field, not to the note.
    type_text(&mut app, "not the passphrase\n");
    assert!(app.is_locked());
    let s = screen(&app, 80, 24);
    assert!(s.contains("パスフレーズが違います"), "{s}");
    assert!(!s.contains("not the"), "never echoed: {s}");
    type_text(&mut app, common::DB_PASSPHRASE);
    assert!(screen(&app, 80, 24).contains("●●●●"));
    press(&mut app, KeyCode::Enter);
    assert!(!app.is_locked());
    let s = screen(&app, 80, 24);
    assert!(s.contains("面談。睡眠は安定。服薬も"), "{s}");
    assert!(!s.contains("passphrase"), "{s}");
    // Opening the worker is in the access log, with the staff and device.
    let log = app.store().access_log(None, None, 10).unwrap();
    assert!(log.iter().any(|e| e.action == "open_worker"
        && e.worker_name.as_deref() == Some("山田 太郎")
        && e.staff == "佐藤 美咲"));
    // Unlocked, the clock starts again: no lock right away.
    app.tick(t0 + Duration::from_secs(1000));
    assert!(!app.is_locked());
}

#[test]
fn the_lock_in_english_and_esc_clears_what_was_typed() {
    let (_dir, _drafts, mut app) = typing_a_note(Lang::En);
    let t0 = Instant::now();
    app.tick(t0);
    app.tick(t0 + FIVE_MINUTES);
    assert!(app.is_locked());
    type_text(&mut app, "abc");
    press(&mut app, KeyCode::Esc);
    let s = screen(&app, 80, 24);
    assert!(!s.contains('●'), "{s}");
    insta::assert_snapshot!("locked_80x24_en", s);
    ctrl(&mut app, 'q');
    assert!(
        app.quit,
        "quitting from the lock is allowed (the draft is kept)"
    );
}

#[test]
fn no_lock_when_the_settings_say_zero() {
    let (_dir, _drafts, app) = typing_a_note(Lang::Ja);
    let mut app = app;
    let t0 = Instant::now();
    app.tick(t0);
    assert!(!app.is_locked());
    // Config::new has no lock: an app built without one never locks.
    let mut plain = App::new(
        teichaku::store::Store::open_in_memory().unwrap(),
        Config::new(Lang::Ja, NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()),
    )
    .unwrap();
    plain.tick(t0);
    plain.tick(t0 + FIVE_MINUTES * 100);
    assert!(!plain.is_locked());
}

#[test]
fn the_access_log_screen_lists_what_was_opened_from_the_dashboard() {
    let (_dir, _drafts, mut app) = typing_a_note(Lang::Ja);
    // Leave the form (nothing typed) and the worker, back to the home screen.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::F(6));
    let s = screen(&app, 80, 24);
    assert!(s.contains("アクセスの記録"), "{s}");
    assert!(
        s.contains("利用者を開いた") && s.contains("山田 太郎"),
        "{s}"
    );
    assert!(s.contains("佐藤 美咲"), "{s}");
    press(&mut app, KeyCode::Esc);
    assert!(!screen(&app, 80, 24).contains("アクセスの記録"));
}

/// `--demo` has no key file and no passphrase: its idle lock says so and
/// opens with Enter alone (before, every input was "wrong passphrase" and
/// only quitting left it), in Japanese and English.
#[test]
fn the_demo_lock_says_it_has_no_passphrase_and_opens_with_enter() {
    for lang in [Lang::Ja, Lang::En] {
        let day = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let (_dir, store) = teichaku::demo::open_throwaway(day, None).unwrap();
        let cfg = Config {
            lock_after: Some(FIVE_MINUTES),
            ..Config::new(lang, day)
        };
        let mut app = App::new(store, cfg).unwrap();
        press(&mut app, KeyCode::Char('w'));
        let before = screen(&app, 80, 24);
        let t0 = Instant::now();
        app.tick(t0);
        assert!(app.tick(t0 + FIVE_MINUTES));
        assert!(app.is_locked());
        let s = screen(&app, 80, 24);
        let (says, not) = match lang {
            Lang::Ja => ("デモにはパス", "パスフレーズ: "),
            Lang::En => ("has no passphrase: press Enter", "Database passphrase"),
        };
        assert!(s.contains(says), "{s}");
        assert!(!s.contains(not), "no passphrase asked for: {s}");
        insta::assert_snapshot!(format!("locked_demo_80x24_{lang:?}"), s);
        press(&mut app, KeyCode::Enter);
        assert!(!app.is_locked(), "Enter alone unlocks the demo");
        assert_eq!(screen(&app, 80, 24), before, "the same screen comes back");
    }
}

/// A real database never unlocks with Enter alone.
#[test]
fn a_real_database_does_not_open_with_an_empty_passphrase() {
    let (_dir, _drafts, mut app) = typing_a_note(Lang::Ja);
    let t0 = Instant::now();
    app.tick(t0);
    assert!(app.tick(t0 + FIVE_MINUTES));
    press(&mut app, KeyCode::Enter);
    assert!(app.is_locked());
    assert!(!screen(&app, 80, 24).contains("デモ"));
}

/// A key file damaged while the screen is locked: the right passphrase is
/// told the file is damaged, not that it is wrong (issue 28 item 4).
#[test]
fn a_key_file_damaged_behind_the_lock_is_not_a_wrong_passphrase() {
    let (dir, _drafts, mut app) = typing_a_note(Lang::Ja);
    let t0 = Instant::now();
    app.tick(t0);
    assert!(app.tick(t0 + FIVE_MINUTES));
    let key = teichaku::store::keyfile::key_file_of(&dir.path().join("t.db"));
    let text = std::fs::read_to_string(&key).unwrap();
    std::fs::write(&key, &text[..text.len() / 2]).unwrap();
    type_text(&mut app, common::DB_PASSPHRASE);
    press(&mut app, KeyCode::Enter);
    assert!(app.is_locked());
    let s = screen(&app, 80, 24);
    assert!(s.contains("傷んでいます"), "{s}");
    assert!(!s.contains("パスフレーズが違います"), "{s}");
    std::fs::write(&key, &text).unwrap();
    type_text(&mut app, common::DB_PASSPHRASE);
    press(&mut app, KeyCode::Enter);
    assert!(!app.is_locked());
}
