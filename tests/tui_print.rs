//! The print key on the report, summary, plan and handover screens, driven by keys: the
//! document lands in the documents folder under a name without the worker's
//! name, the status line says where, and the employer copy of a closed-
//! employment worker without consent is refused with nothing written.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::NaiveDate;
use common::tui::*;
use crossterm::event::KeyCode;
use teichaku::i18n::Lang;
use teichaku::store::Store;
use teichaku::tui::app::PrintSettings;
use teichaku::tui::{App, Config};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

fn app(lang: Lang, folder: &std::path::Path) -> App {
    let mut store = Store::open_in_memory().unwrap();
    teichaku::demo::load_all(&mut store, today()).unwrap();
    let cfg = Config {
        staff_name: "佐藤 美咲".into(),
        print: PrintSettings {
            agency: "ひだまり就労定着支援センター".into(),
            folder: folder.to_path_buf(),
            open: false,
        },
        ..Config::new(lang, today())
    };
    App::new(store, cfg).unwrap()
}

/// From the dashboard to a worker's page through the list's filter.
fn open_worker(app: &mut App, kana: &str) {
    press(app, KeyCode::Char('w'));
    type_text(app, kana);
    press(app, KeyCode::Enter);
}

fn files(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().to_string())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn p_on_last_months_report_writes_the_workers_copy() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("書類");
    let mut app = app(Lang::Ja, &folder);
    open_worker(&mut app, "いしかわ");
    press(&mut app, KeyCode::Char('r'));
    press(&mut app, KeyCode::Char('['));
    press(&mut app, KeyCode::Char('p'));
    let names = files(&folder);
    assert_eq!(names.len(), 1, "{names:?}");
    let name = &names[0];
    assert!(name.starts_with("支援レポート_2026-11_"), "{name}");
    assert!(name.ends_with(".html"));
    assert!(!name.contains("石川"), "the file name tells whose it is");
    let html = std::fs::read_to_string(folder.join(name)).unwrap();
    assert!(html.contains("石川 美穂") && html.contains("ひだまり就労定着支援センター"));
    let shown = screen(&app, 120, 40);
    assert!(
        shown.contains("ブラウザを開けませんでした") && shown.contains(".html"),
        "{shown}"
    );
    // Printing again replaces the same month's document.
    press(&mut app, KeyCode::Char('p'));
    assert_eq!(files(&folder).len(), 1);
}

#[test]
fn the_employer_copy_of_closed_employment_without_consent_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(Lang::En, dir.path());
    open_worker(&mut app, "おかだ");
    press(&mut app, KeyCode::Char('r'));
    press(&mut app, KeyCode::Char('['));
    press(&mut app, KeyCode::Char('P'));
    assert!(files(dir.path()).is_empty());
    let shown = screen(&app, 120, 40);
    assert!(shown.to_lowercase().contains("consent"), "{shown}");
}

#[test]
fn p_on_the_summary_writes_the_radar_page() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(Lang::Ja, dir.path());
    open_worker(&mut app, "いしかわ");
    press(&mut app, KeyCode::Char('s'));
    press(&mut app, KeyCode::Char('p'));
    let names = files(dir.path());
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(names[0].starts_with("チェックリスト_"), "{}", names[0]);
    let html = std::fs::read_to_string(dir.path().join(&names[0])).unwrap();
    assert!(html.contains("<svg") && html.contains("series latest"));
}

#[test]
fn p_on_the_plan_writes_the_version_shown() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(Lang::Ja, dir.path());
    open_worker(&mut app, "おかだ");
    press(&mut app, KeyCode::Char('p'));
    press(&mut app, KeyCode::Char('p'));
    let names = files(dir.path());
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(names[0].starts_with("支援計画_v"), "{}", names[0]);
    let html = std::fs::read_to_string(dir.path().join(&names[0])).unwrap();
    assert!(html.contains("就労定着支援計画") && html.contains("短期目標"));
}

#[test]
fn p_on_the_handover_screen_writes_the_sheet_of_the_consented_sharing() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(Lang::Ja, dir.path());
    open_worker(&mut app, "はらだ");
    press(&mut app, KeyCode::Char('H'));
    press(&mut app, KeyCode::Char('p'));
    let names = files(dir.path());
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(names[0].starts_with("情報共有シート_"), "{}", names[0]);
    assert!(!names[0].contains("原田"));
    let html = std::fs::read_to_string(dir.path().join(&names[0])).unwrap();
    // The demo's sharing with the 相談支援専門員 lists the reports only.
    assert!(html.contains("安田 陽介") && html.contains("最近の支援レポート"));
    assert!(!html.contains("<svg"), "the checklists were not consented");
    assert!(screen(&app, 120, 40).contains("ブラウザを開けませんでした"));
}

#[test]
fn p_on_the_handover_screen_without_consent_says_how_to_record_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(Lang::En, dir.path());
    open_worker(&mut app, "いしかわ");
    press(&mut app, KeyCode::Char('H'));
    press(&mut app, KeyCode::Char('p'));
    assert!(files(dir.path()).is_empty());
    let shown = screen(&app, 120, 40);
    assert!(
        shown.contains("No sharing the worker consented to"),
        "{shown}"
    );
}

#[test]
fn p_prints_no_self_report_words_on_the_employer_copy_whatever_is_shared() {
    // Mid-December: 前川 しおり has self-reports to yesterday and no report
    // for the month yet.
    let day = NaiveDate::from_ymd_opt(2026, 12, 15).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in_memory().unwrap();
    teichaku::demo::load_all(&mut store, day).unwrap();
    let cfg = Config {
        print: PrintSettings {
            agency: "ひだまり就労定着支援センター".into(),
            folder: dir.path().to_path_buf(),
            open: false,
        },
        ..Config::new(Lang::Ja, day)
    };
    let mut app = App::new(store, cfg).unwrap();
    open_worker(&mut app, "まえかわ");
    press(&mut app, KeyCode::Char('r'));
    press(&mut app, KeyCode::Char('d'));
    // Every field shared (the self-report field answers that it never is)
    // and the worker's consent.
    let fields = teichaku::domain::report::FIELD_COUNT;
    for _ in 0..fields {
        press(&mut app, KeyCode::Char('s'));
        press(&mut app, KeyCode::Char('j'));
    }
    press(&mut app, KeyCode::Char('a'));
    press(&mut app, KeyCode::Char('c'));
    let shown = screen(&app, 120, 40);
    assert!(shown.contains("本人の日報から"), "{shown}");
    press(&mut app, KeyCode::Char('p'));
    let own = files(dir.path());
    assert_eq!(own.len(), 1, "{own:?}");
    let worker_copy = std::fs::read_to_string(dir.path().join(&own[0])).unwrap();
    assert!(worker_copy.contains("日報："), "the worker's copy has them");
    press(&mut app, KeyCode::Char('P'));
    let employer: Vec<String> = files(dir.path())
        .into_iter()
        .filter(|n| !own.contains(n))
        .collect();
    assert_eq!(employer.len(), 1, "{employer:?} {}", screen(&app, 120, 40));
    let html = std::fs::read_to_string(dir.path().join(&employer[0])).unwrap();
    assert!(
        html.contains("前川 しおり"),
        "the employer copy was written"
    );
    assert!(
        !html.contains("日報") && !html.contains("本人の日報から"),
        "{html}"
    );
    // Not one of the worker's comment words of the month.
    let sentence = worker_copy
        .split("日報：")
        .nth(1)
        .and_then(|s| s.split('<').next())
        .unwrap_or_default();
    for quoted in sentence
        .split('「')
        .skip(1)
        .filter_map(|s| s.split('」').next())
    {
        assert!(!html.contains(quoted), "「{quoted}」 on the employer copy");
    }
}

/// At 80 columns, under a folder as deep as a Windows user's Documents, the
/// status line still shows that no browser started, the warning and the
/// whole path (over more rows), in both languages.
#[test]
fn at_80_columns_the_print_message_keeps_the_warning_and_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir
        .path()
        .join("Users")
        .join("tanaka-misaki")
        .join("Documents")
        .join("teichaku");
    for (lang, said, warning) in [
        (
            Lang::Ja,
            "ブラウザを開けませんでした",
            "暗号化されないファイルです",
        ),
        (
            Lang::En,
            "No browser could be started",
            "This file is not encrypted",
        ),
    ] {
        let mut app = app(lang, &folder);
        open_worker(&mut app, "おかだ");
        press(&mut app, KeyCode::Char('p'));
        press(&mut app, KeyCode::Char('p'));
        let shown = screen(&app, 80, 24);
        assert!(shown.contains(said) && shown.contains(warning), "{shown}");
        let name = files(&folder)
            .into_iter()
            .find(|n| n.ends_with(".html"))
            .unwrap();
        let path = folder.join(&name).display().to_string();
        let joined: String = shown.lines().map(str::trim_end).collect();
        assert!(joined.contains(&path), "{path} not in\n{shown}");
        std::fs::remove_file(folder.join(name)).unwrap();
    }
}

/// An empty or relative documents folder (settings `documents_dir = ""` or
/// `"docs"`) is refused with the reason, in both languages, and nothing is
/// written where teichaku was started (issue 34 item 5).
#[test]
fn p_with_an_empty_or_relative_documents_folder_says_why_and_writes_nothing() {
    let cwd = std::env::current_dir().unwrap();
    let before = files(&cwd);
    for (lang, says) in [
        (Lang::Ja, "設定の documents_dir"),
        (Lang::En, "documents_dir"),
    ] {
        for folder in ["", "teichaku-relative-documents"] {
            let mut app = app(lang, std::path::Path::new(folder));
            open_worker(&mut app, "いしかわ");
            press(&mut app, KeyCode::Char('r'));
            press(&mut app, KeyCode::Char('['));
            press(&mut app, KeyCode::Char('p'));
            let shown = screen(&app, 120, 40);
            assert!(shown.contains(says), "{lang:?} {folder:?}: {shown}");
            assert!(
                !cwd.join("teichaku-relative-documents").exists(),
                "{lang:?}: no folder made"
            );
        }
    }
    assert_eq!(files(&cwd), before, "nothing written where the tests run");
}
