//! The daily self-report in the TUI, on the demo agency (today 2026-11-21):
//! the dashboard warns for 石川 美穂, whose mood fell; its line opens the
//! month grid over her page; a phone call's quick entry (`t`, five digits,
//! Enter: seven keys) saves the day and acknowledges the warning; the
//! comments are typed on the same screen; a day is corrected from the grid.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::NaiveDate;
use common::tui::*;
use crossterm::event::KeyCode;
use teichaku::domain::schedule::Duty;
use teichaku::domain::selfreport_warning::Reason;
use teichaku::i18n::Lang;
use teichaku::store::Store;
use teichaku::tui::{App, Config};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

fn demo_app(lang: Lang) -> App {
    let mut store = Store::open_in_memory().unwrap();
    teichaku::demo::load_all(&mut store, today()).unwrap();
    let config = Config {
        staff_name: "佐藤 美咲".into(),
        ..Config::new(lang, today())
    };
    App::new(store, config).unwrap()
}

fn warning_line(app: &App) -> Option<usize> {
    app.store()
        .dashboard(today())
        .unwrap()
        .iter()
        .position(|i| {
            matches!(i.item.duty, Duty::SelfReport { .. }) && i.worker_name == "石川 美穂"
        })
}

fn ishikawa(app: &App) -> String {
    app.store().resolve_worker("石川 美穂").unwrap().id
}

#[test]
fn the_warning_opens_the_month_and_a_seven_key_phone_entry_clears_it() {
    let mut app = demo_app(Lang::Ja);
    let items = app.store().dashboard(today()).unwrap();
    let i = warning_line(&app).expect("the demo warns for 石川 美穂");
    assert_eq!(
        items[i].item.duty,
        Duty::SelfReport {
            reason: Reason::Falling
        }
    );
    for _ in 0..i {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    let month = screen(&app, 80, 24);
    insta::assert_snapshot!("selfreport_month_80x24", month);
    assert!(
        month.contains("日報: 評価が下がっています（気分）"),
        "{month}"
    );
    // Back to her page; the phone call: t, five digits, Enter.
    press(&mut app, KeyCode::Esc);
    let keys = [
        KeyCode::Char('t'),
        KeyCode::Char('3'),
        KeyCode::Char('3'),
        KeyCode::Char('2'),
        KeyCode::Char('3'),
        KeyCode::Char('3'),
    ];
    for k in keys {
        press(&mut app, k);
    }
    insta::assert_snapshot!("selfreport_entry_80x24", screen(&app, 80, 24));
    press(&mut app, KeyCode::Enter);
    assert_eq!(keys.len() + 1, 7, "seven keys for five items");
    let id = ishikawa(&app);
    let saved = app.store().selfreport(&id, today()).unwrap().unwrap();
    assert_eq!(saved.ratings.get("mood"), Some(3));
    assert_eq!(saved.ratings.get("sleep"), Some(2));
    assert_eq!(saved.acknowledged_on, Some(today()));
    assert_eq!(saved.source, teichaku::domain::selfreport::Source::Phone);
    assert_eq!(warning_line(&app), None, "acknowledged by the call");
    assert!(screen(&app, 80, 24).contains("日報を保存しました"));
}

#[test]
fn comments_are_typed_on_the_entry_and_a_day_is_corrected_from_the_grid() {
    let mut app = demo_app(Lang::En);
    let id = ishikawa(&app);
    let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let before = app.store().selfreport(&id, day).unwrap().unwrap();
    // The worker page of 石川 美穂 via the worker list.
    press(&mut app, KeyCode::Char('w'));
    type_text(&mut app, "石川");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('T'));
    // Today is Saturday the 21st; the day before is the last entry.
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Enter);
    // Past the five items to the supporter's comment, and type.
    for _ in 0..7 {
        press(&mut app, KeyCode::Down);
    }
    type_text(&mut app, "電話で様子を聞いた");
    let entry = screen(&app, 80, 24);
    assert!(
        entry.contains("> Supporter's comment: 電話で様子を聞いた"),
        "{entry}"
    );
    assert!(
        cursor(&app, 80, 24).is_some(),
        "the cursor where the IME composes"
    );
    press(&mut app, KeyCode::Enter);
    let after = app.store().selfreport(&id, day).unwrap().unwrap();
    assert_eq!(after.supporter_comment, "電話で様子を聞いた");
    assert_eq!(after.ratings, before.ratings, "ratings kept");
    assert_eq!(after.worker_comment, before.worker_comment);
    let grid = screen(&app, 80, 24);
    assert!(
        grid.contains("Supporter's comment: 電話で様子を聞いた"),
        "{grid}"
    );
}

#[test]
fn a_closed_employment_worker_has_no_workplace_comment_on_the_entry() {
    let mut app = demo_app(Lang::Ja);
    press(&mut app, KeyCode::Char('w'));
    type_text(&mut app, "おかだ");
    press(&mut app, KeyCode::Enter);
    let page = screen(&app, 80, 24);
    assert!(page.contains("日報の推移（8週）"), "{page}");
    press(&mut app, KeyCode::Char('t'));
    let entry = screen(&app, 80, 24);
    assert!(entry.contains("本人のコメント"), "{entry}");
    assert!(!entry.contains("職場のコメント"), "{entry}");
}

#[test]
fn the_worker_list_imports_a_shift_jis_export_after_its_preview() {
    let mut app = demo_app(Lang::Ja);
    press(&mut app, KeyCode::Char('w'));
    ctrl(&mut app, 'r');
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join("selfreport")
        .join("excel_sjis.csv")
        .to_string_lossy()
        .into_owned();
    type_text(&mut app, &file);
    ctrl(&mut app, 's');
    let asked = screen(&app, 80, 24);
    assert!(asked.contains("Shift_JIS: 新規 "), "{asked}");
    assert!(asked.contains("件を取り込みますか？"), "{asked}");
    let before = app.store().selfreport_days().unwrap().len();
    press(&mut app, KeyCode::Char('y'));
    run_job(&mut app);
    let after = app.store().selfreport_days().unwrap().len();
    assert!(after > before + 100, "{before} → {after}");
    assert!(screen(&app, 80, 24).contains("件取り込みました"));
    // Again: everything is present, nothing is asked.
    ctrl(&mut app, 'r');
    type_text(&mut app, &file);
    ctrl(&mut app, 's');
    let again = screen(&app, 80, 24);
    assert!(again.contains("新規 0 件"), "{again}");
    assert_eq!(app.store().selfreport_days().unwrap().len(), after);
}

#[test]
fn the_import_screen_shows_the_columns_and_a_changed_day_and_a_key_takes_the_files_values() {
    let mut store = Store::open_in_memory().unwrap();
    teichaku::demo::load_all(&mut store, today()).unwrap();
    let w = store.resolve_worker("石川 美穂").unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let held = store
        .selfreport(&w.id, day)
        .unwrap()
        .expect("the demo's day");
    let mood = held.ratings.get("mood").unwrap();
    let other = if mood == 4 { 1 } else { 4 };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sheet.csv");
    let sheet = format!(
        "日付,氏名,職場のコメント,気分,本人コメント\r\n2026/11/20,石川 美穂,,{other},\r\n2026/11/21,石川 美穂,,3,ねむい\r\n"
    );
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(&sheet);
    std::fs::write(&file, &bytes).unwrap();
    let file = file.to_string_lossy().into_owned();
    let config = Config {
        staff_name: "佐藤 美咲".into(),
        ..Config::new(Lang::Ja, today())
    };
    let mut app = App::new(store, config).unwrap();
    let held_mood = |app: &App| {
        app.store()
            .selfreport(&w.id, day)
            .unwrap()
            .and_then(|r| r.ratings.get("mood"))
    };
    press(&mut app, KeyCode::Char('w'));
    ctrl(&mut app, 'r');
    type_text(&mut app, &file);
    ctrl(&mut app, 's');
    let asked = screen(&app, 80, 24);
    assert!(asked.contains("変更あり 1 件"), "{asked}");
    assert!(
        asked.contains("変更のある 1 件は今の記録を残します。新規 1 件を取り込みますか？"),
        "{asked}"
    );
    press(&mut app, KeyCode::Char('y'));
    run_job(&mut app);
    assert_eq!(held_mood(&app), Some(mood), "kept what is held");
    let ishi = app.store().selfreport(&w.id, today()).unwrap().unwrap();
    assert_eq!(ishi.worker_comment, "ねむい");
    assert_eq!(ishi.workplace_comment, "");
    // Again, choosing to take the file's values (→ on the last field).
    ctrl(&mut app, 'r');
    type_text(&mut app, &file);
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    press(&mut app, KeyCode::Right);
    let form = screen(&app, 80, 24);
    assert!(form.contains("ファイルの値にする"), "{form}");
    ctrl(&mut app, 's');
    let asked = screen(&app, 80, 24);
    assert!(
        asked.contains("変更のある 1 件をファイルの値にします。よろしいですか？"),
        "{asked}"
    );
    press(&mut app, KeyCode::Char('n'));
    // The preview under the form: which column went where, held → file.
    let preview = screen(&app, 80, 24);
    assert!(preview.contains("列の対応: 「日付」→日付"), "{preview}");
    assert!(
        preview.contains("「職場のコメント」→職場のコメント"),
        "{preview}"
    );
    assert!(
        preview.contains("「本人コメント」→本人のコメント"),
        "{preview}"
    );
    assert!(
        preview.contains(&format!(
            "2行目: 石川 美穂 2026-11-20 変更あり: 気分 {mood}→{other}"
        )),
        "{preview}"
    );
    ctrl(&mut app, 's');
    press(&mut app, KeyCode::Char('y'));
    run_job(&mut app);
    assert_eq!(held_mood(&app), Some(other));
    assert!(
        screen(&app, 80, 24).contains("変更のある 1 件をファイルの値にしました。"),
        "{}",
        screen(&app, 80, 24)
    );
}

#[test]
fn a_day_off_from_the_form_shows_as_a_day_off_not_a_missing_day() {
    let mut store = Store::open_in_memory().unwrap();
    teichaku::demo::load_all(&mut store, today()).unwrap();
    let id = store.resolve_worker("石川 美穂").unwrap().id;
    let day = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let mut off = teichaku::domain::selfreport::SelfReport::new(
        teichaku::domain::selfreport::SelfReport::id_for(&id, day),
        id,
        day,
        teichaku::domain::selfreport::Source::Form,
    );
    off.day_off = true;
    store.import_selfreports(&[off]).unwrap();
    let config = Config {
        staff_name: "佐藤 美咲".into(),
        ..Config::new(Lang::Ja, today())
    };
    let mut app = App::new(store, config).unwrap();
    press(&mut app, KeyCode::Char('w'));
    type_text(&mut app, "いしかわ");
    press(&mut app, KeyCode::Enter);
    let page = screen(&app, 120, 40);
    assert!(page.contains("_: 休み"), "{page}");
    let line = page
        .lines()
        .find(|l| l.trim_start().starts_with("気分"))
        .unwrap_or_else(|| panic!("{page}"));
    assert!(line.contains('_'), "{line}");
}
