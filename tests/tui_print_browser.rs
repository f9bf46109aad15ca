//! The print key says it opened the browser only when the opener said so:
//! an opener that cannot start (or fails) means "no browser, here is the
//! file". `$BROWSER` chooses the opener, so this test binary holds this one
//! test (the variable is the process's).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::NaiveDate;
use common::tui::*;
use crossterm::event::KeyCode;
use teichaku::i18n::Lang;
use teichaku::store::Store;
use teichaku::tui::app::PrintSettings;
use teichaku::tui::{App, Config};

fn app(folder: &std::path::Path) -> App {
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    teichaku::demo::load_all(&mut store, today).unwrap();
    let cfg = Config {
        print: PrintSettings {
            agency: "ひだまり".into(),
            folder: folder.to_path_buf(),
            open: true,
        },
        ..Config::new(Lang::Ja, today)
    };
    App::new(store, cfg).unwrap()
}

fn print_plan(browser: &str) -> String {
    // SAFETY: this binary's only test; nothing else reads the environment
    // while it is set.
    unsafe { std::env::set_var("BROWSER", browser) };
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    press(&mut app, KeyCode::Char('w'));
    type_text(&mut app, "おかだ");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('p'));
    press(&mut app, KeyCode::Char('p'));
    screen(&app, 120, 30)
}

#[test]
fn p_says_opened_only_when_the_opener_succeeded() {
    let shown = print_plan("teichaku-no-such-browser");
    assert!(shown.contains("ブラウザを開けませんでした"), "{shown}");
    assert!(!shown.contains("ブラウザで開きました"), "{shown}");
    #[cfg(unix)]
    {
        // An opener that runs and fails (xdg-open's "no program found").
        let dir = tempfile::tempdir().unwrap();
        let failing = dir.path().join("failing-opener");
        std::fs::write(&failing, "#!/bin/sh\nexit 3\n").unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&failing, std::fs::Permissions::from_mode(0o700)).unwrap();
        let shown = print_plan(&failing.to_string_lossy());
        assert!(shown.contains("ブラウザを開けませんでした"), "{shown}");
        // One that succeeds.
        let shown = print_plan("true");
        assert!(shown.contains("ブラウザで開きました"), "{shown}");
        assert!(shown.contains("暗号化されないファイルです"), "{shown}");
    }
}
