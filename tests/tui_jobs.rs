//! An import started on the sync screen runs behind the screen: frames are
//! drawn while it runs (a gauge with the entries done of those the bundle
//! holds), keys other than Esc are not kept for the screen behind it, Esc
//! stops it and nothing of it stays; the idle lock shows over a running job,
//! which goes on, and the passphrase brings back its result.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use common::Laptop;
use common::tui::*;
use crossterm::event::KeyCode;
use teichaku::i18n::Lang;
use teichaku::store::Store;
use teichaku::store::job::Stage;
use teichaku::sync::{self, Keyring};
use teichaku::tui::{App, Config};

const PASS: &str = "みなと支援センター2026";
const FIVE_MINUTES: Duration = Duration::from_secs(300);

/// A laptop's full bundle of a few thousand contacts, in `dir`.
fn big_bundle(dir: &Path) -> PathBuf {
    let mut a = Laptop::new(1);
    for i in 0..8 {
        let w = a.add_worker(&format!("利用者{i}"));
        a.add_contacts(&w, "配置転換の相談", 400);
    }
    let path = dir.join("big.tcsync");
    let mut keys = Keyring::new(PASS.into());
    sync::export_to(&mut a.store, &mut keys, &path, true, false).unwrap();
    path
}

/// An encrypted database on disk with one worker of its own, and the app on it.
fn app_on_disk(dir: &Path, lang: Lang) -> App {
    let mut store = common::open_db(&dir.join("t.db"));
    let w = teichaku::domain::Worker::new(teichaku::store::new_id(), "山田 太郎".into());
    store.add_worker(&w).unwrap();
    let cfg = Config {
        staff_name: "佐藤 美咲".into(),
        lock_after: Some(FIVE_MINUTES),
        ..Config::new(lang, NaiveDate::from_ymd_opt(2026, 11, 21).unwrap())
    };
    App::new(store, cfg).unwrap()
}

/// F5, `i`, the path and passphrase, Enter, and the job started.
fn start_import(app: &mut App, path: &Path, pass: Option<&str>) {
    press(app, KeyCode::F(5));
    press(app, KeyCode::Char('i'));
    // The field starts with the data folder (or the last import's).
    for _ in 0..300 {
        press(app, KeyCode::Backspace);
    }
    type_text(app, &path.to_string_lossy());
    if let Some(p) = pass {
        press(app, KeyCode::Tab);
        type_text(app, p);
    }
    press(app, KeyCode::Enter);
    assert!(app.has_work());
    app.work();
    assert!(
        app.job_running(),
        "a store on disk runs its job on a thread"
    );
}

/// Polls as the event loop does until the import is reading its entries.
fn until_reading(app: &mut App) {
    let t0 = Instant::now();
    loop {
        app.poll_job();
        assert!(
            app.job_running(),
            "the import ended before it could be watched: {}",
            screen(app, 120, 40)
        );
        let p = app.job_progress().unwrap();
        if p.stage == Stage::Reading && p.done > 0 {
            return;
        }
        assert!(t0.elapsed() < Duration::from_secs(60), "{p:?}");
        std::thread::sleep(Duration::from_millis(1));
    }
}

fn counts(store: &Store) -> (usize, usize, usize) {
    (
        store.workers().unwrap().len(),
        store.own_log().unwrap().len(),
        store.sync_status(5).unwrap().imports.len(),
    )
}

#[test]
fn an_import_runs_behind_its_gauge_and_esc_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = big_bundle(dir.path());
    let mut app = app_on_disk(dir.path(), Lang::Ja);
    let before = counts(app.store());

    start_import(&mut app, &bundle, Some(PASS));
    until_reading(&mut app);
    let drawn = screen(&app, 80, 24);
    assert!(drawn.contains("ファイルを取り込む"), "{drawn}");
    assert!(drawn.contains("変更を読み込んでいます"), "{drawn}");
    let total = app.job_progress().unwrap().total.unwrap();
    assert!(drawn.contains(&format!("/ {total} 件")), "{drawn}");
    assert!(drawn.contains("Esc：取り消す"), "{drawn}");

    // A key for the screen behind (export) is not kept: it says it is busy.
    press(&mut app, KeyCode::Char('e'));
    assert!(screen(&app, 80, 24).contains("処理中です"));
    // Frames keep coming while it runs.
    for _ in 0..3 {
        app.poll_job();
        let _ = screen(&app, 80, 24);
    }
    press(&mut app, KeyCode::Esc);
    assert!(screen(&app, 80, 24).contains("取り消しています"));
    app.wait_job();
    assert!(!app.job_running());

    let after = screen(&app, 80, 24);
    assert!(
        after.contains("取り消しました。何も変更していません。"),
        "{after}"
    );
    assert!(
        !after.contains("書き出す"),
        "the 'e' typed meanwhile did nothing: {after}"
    );
    assert_eq!(counts(app.store()), before, "workers, change log, imports");
    assert!(app.store().search("配置転換", 5).unwrap().is_empty());

    // The passphrase stayed in the session: the same import, not stopped, lands.
    start_import(&mut app, &bundle, None);
    app.wait_job();
    let done = screen(&app, 120, 40);
    assert!(done.contains("取り込みました: big.tcsync"), "{done}");
    assert_eq!(app.store().workers().unwrap().len(), before.0 + 8);
}

#[test]
fn the_idle_lock_shows_over_a_running_job_which_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = big_bundle(dir.path());
    let mut app = app_on_disk(dir.path(), Lang::En);
    let t0 = Instant::now();
    app.tick(t0);
    start_import(&mut app, &bundle, Some(PASS));
    app.tick(t0);
    assert!(app.tick(t0 + FIVE_MINUTES + Duration::from_secs(1)));
    assert!(app.is_locked());
    let locked = screen(&app, 80, 24);
    assert!(locked.contains("goes on while"), "{locked}");
    assert!(
        !locked.contains("big.tcsync"),
        "nothing of the screens: {locked}"
    );
    // Esc on the lock clears the passphrase field; it does not stop the job.
    press(&mut app, KeyCode::Esc);
    app.wait_job();
    assert!(app.is_locked(), "the job's end does not unlock");
    assert_eq!(app.store().workers().unwrap().len(), 9);
    type_text(&mut app, common::DB_PASSPHRASE);
    press(&mut app, KeyCode::Enter);
    assert!(!app.is_locked());
    let shown = screen(&app, 120, 40);
    assert!(shown.contains("Imported big.tcsync"), "{shown}");
}

#[test]
fn a_self_report_import_runs_behind_its_gauge_and_esc_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open_db(&dir.path().join("t.db"));
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    teichaku::demo::load_all(&mut store, today).unwrap();
    let cfg = Config {
        staff_name: "佐藤 美咲".into(),
        ..Config::new(Lang::Ja, today)
    };
    let mut app = App::new(store, cfg).unwrap();
    let before = app.store().selfreport_days().unwrap().len();
    press(&mut app, KeyCode::Char('w'));
    ctrl(&mut app, 'r');
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join("selfreport")
        .join("excel_sjis.csv");
    type_text(&mut app, &file.to_string_lossy());
    ctrl(&mut app, 's');
    press(&mut app, KeyCode::Char('y'));
    assert!(app.has_work());
    app.work();
    assert!(app.job_running());
    let drawn = screen(&app, 80, 24);
    assert!(drawn.contains("日報の取り込み"), "{drawn}");
    press(&mut app, KeyCode::Esc);
    app.wait_job();
    let after = screen(&app, 80, 24);
    assert!(
        after.contains("取り消しました。何も変更していません。"),
        "{after}"
    );
    assert_eq!(app.store().selfreport_days().unwrap().len(), before);
}

#[test]
fn the_quit_key_during_a_job_cancels_it_then_quits() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = big_bundle(dir.path());
    let mut app = app_on_disk(dir.path(), Lang::En);
    let before = counts(app.store());
    start_import(&mut app, &bundle, Some(PASS));
    ctrl(&mut app, 'q');
    assert!(!app.quit, "not before the job has rolled back");
    assert!(screen(&app, 80, 24).contains("Cancelling the job, then quitting"));
    app.wait_job();
    assert!(app.quit);
    assert_eq!(counts(app.store()), before);
}
