//! The TUI driven by key presses on a TestBackend: snapshots of every screen at
//! 80×24 and 120×40, and the whole flow checked in the database and change log.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant};

mod common;

use chrono::NaiveDate;
use common::tui::*;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use teichaku::i18n::Lang;
use teichaku::store::{Op, Store};
use teichaku::tui::drafts::Drafts;
use teichaku::tui::keymap::Keymap;
use teichaku::tui::{App, Config};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

fn config(lang: Lang, drafts: Drafts) -> Config {
    Config {
        staff_name: "佐藤 美咲".into(),
        drafts,
        ..Config::new(lang, today())
    }
}

/// The demo on its worker list (home is the dashboard; `w` opens the list).
fn demo_app(lang: Lang) -> App {
    let mut store = Store::open_in_memory().unwrap();
    teichaku::demo::load_all(&mut store, today()).unwrap();
    let mut app = App::new(store, config(lang, Drafts::new(None))).unwrap();
    press(&mut app, KeyCode::Char('w'));
    app
}

fn empty_app(drafts: Drafts) -> App {
    App::new(Store::open_in_memory().unwrap(), config(Lang::Ja, drafts)).unwrap()
}

fn snap_both(name: &str, app: &App) {
    insta::assert_snapshot!(format!("{name}_80x24"), screen(app, 80, 24));
    insta::assert_snapshot!(format!("{name}_120x40"), screen(app, 120, 40));
}

#[test]
fn snapshots_of_every_screen() {
    snap_both("welcome", &empty_app(Drafts::new(None)));

    let mut app = demo_app(Lang::Ja);
    snap_both("workers", &app);
    press(&mut app, KeyCode::Tab);
    snap_both("workers_sorted_by_last_contact", &app);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "やまだ");
    snap_both("workers_filtered_no_match", &app);
    press(&mut app, KeyCode::Esc);
    type_text(&mut app, "おかだ");
    press(&mut app, KeyCode::Enter);
    snap_both("worker_page_closed_employment", &app);
    press(&mut app, KeyCode::Enter);
    snap_both("contact", &app);
    press(&mut app, KeyCode::Char('d'));
    snap_both("confirm_delete_contact", &app);
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('n'));
    snap_both("contact_form_closed_employment", &app);
    type_text(&mut app, "");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('E'));
    snap_both("worker_form_edit", &app);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('?'));
    snap_both("help", &app);

    let mut en = demo_app(Lang::En);
    snap_both("workers_en", &en);
    press(&mut en, KeyCode::Enter);
    snap_both("worker_page_en", &en);
}

#[test]
fn a_new_contact_with_a_long_japanese_note_wraps_and_the_cursor_follows_it() {
    let mut app = demo_app(Lang::Ja);
    type_text(&mut app, "いしかわ");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('n'));
    // Focus starts on the mode; go to the note.
    for _ in 0..4 {
        press(&mut app, KeyCode::Tab);
    }
    type_text(
        &mut app,
        "本日は職場訪問。作業は安定している。上司から「ミスが減った」と評価があった。\n二行目",
    );
    snap_both("contact_form_typing", &app);
    // Label column is 14 wide; the second line holds 「二行目」 (6 columns).
    let (x, y) = cursor(&app, 80, 24).unwrap();
    assert_eq!(x, 14 + 6);
    let screen = screen(&app, 80, 24);
    let row: Vec<&str> = screen.lines().collect();
    assert!(
        row[usize::from(y)].ends_with("二行目"),
        "{:?}",
        row[usize::from(y)]
    );
}

#[test]
fn invalid_values_are_shown_beside_their_field_and_nothing_is_saved() {
    let mut app = empty_app(Drafts::new(None));
    ctrl(&mut app, 'n');
    ctrl(&mut app, 's');
    let s = screen(&app, 80, 24);
    assert!(s.contains("名前が空です"), "{s}");
    type_text(&mut app, "佐藤 花子");
    for _ in 0..7 {
        press(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "2026-02-30");
    ctrl(&mut app, 's');
    snap_both("worker_form_invalid_date", &app);
    assert!(app.store().workers().unwrap().is_empty());
    assert!(app.store().own_log().unwrap().is_empty());
}

#[test]
fn add_worker_and_contact_then_edit_and_delete_it_with_the_change_log_at_each_step() {
    let mut app = empty_app(Drafts::new(None));
    // Add a worker.
    ctrl(&mut app, 'n');
    type_text(&mut app, "佐藤 花子\nさとう はなこ\n株式会社みなと物流\n");
    ctrl(&mut app, 's');
    let workers = app.store().workers().unwrap();
    assert_eq!(workers.len(), 1);
    let w = workers[0].worker.clone();
    assert_eq!(
        (
            w.display_name.as_str(),
            w.kana.as_str(),
            w.employer.as_str()
        ),
        ("佐藤 花子", "さとう はなこ", "株式会社みなと物流")
    );
    assert!(
        app.store()
            .log_for(&w.id)
            .unwrap()
            .iter()
            .all(|e| e.op == Op::Create)
    );

    // Add a contact with a multi-line Japanese note.
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('n'));
    for _ in 0..4 {
        press(&mut app, KeyCode::Tab);
    }
    let note = "職場訪問。作業は安定。\n\n上司より「遅刻がなくなった」と評価。\n次回は通勤経路を確認する。";
    type_text(&mut app, note);
    ctrl(&mut app, 's');
    let contacts = app.store().contacts_for(&w.id).unwrap();
    assert_eq!(contacts.len(), 1);
    let c = contacts[0].clone();
    assert_eq!(c.notes, note);
    assert_eq!(c.date, today());
    assert_eq!(c.recorded_by, "佐藤 美咲");
    let log = app.store().log_for(&c.id).unwrap();
    assert!(log.iter().any(|e| e.op == Op::Create && e.field == "notes"));
    // It is in the history, newest first, by its first line.
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("2026-11-21 職場訪問") && s.contains("職場訪問。作業は安定。"),
        "{s}"
    );

    // Edit it: the form opens on the note, with the cursor at its end.
    press(&mut app, KeyCode::Char('e'));
    type_text(&mut app, "\n追記: 翌日電話で確認。");
    ctrl(&mut app, 's');
    let edited = app.store().contact(&c.id).unwrap().unwrap();
    assert_eq!(edited.notes, format!("{note}\n追記: 翌日電話で確認。"));
    let updates: Vec<_> = app
        .store()
        .log_for(&c.id)
        .unwrap()
        .into_iter()
        .filter(|e| e.op == Op::Update)
        .collect();
    assert_eq!(updates.len(), 1);
    assert_eq!(updates[0].field, "notes");

    // Delete it, after confirming.
    press(&mut app, KeyCode::Char('d'));
    assert!(
        app.store().contact(&c.id).unwrap().is_some(),
        "nothing happens before yes"
    );
    press(&mut app, KeyCode::Char('y'));
    assert!(app.store().contact(&c.id).unwrap().is_none());
    let last = app.store().log_for(&c.id).unwrap().pop().unwrap();
    assert_eq!((last.op, last.field.as_str()), (Op::Delete, "deleted"));
    let s = screen(&app, 80, 24);
    assert!(s.contains("連絡記録はまだありません"), "{s}");
}

#[test]
fn leaving_a_changed_form_asks_first() {
    let mut app = empty_app(Drafts::new(None));
    ctrl(&mut app, 'n');
    type_text(&mut app, "山田");
    press(&mut app, KeyCode::Esc);
    let s = screen(&app, 80, 24);
    assert!(s.contains("変更を保存せずに閉じますか"), "{s}");
    press(&mut app, KeyCode::Char('n'));
    assert!(screen(&app, 80, 24).contains("山田"), "still in the form");
    ctrl(&mut app, 'q');
    assert!(!app.quit, "quitting with unsaved changes asks too");
    press(&mut app, KeyCode::Char('y'));
    assert!(app.quit);
}

/// A database on disk with one worker, and the app with a new contact's note
/// field focused, drafts kept beside the database.
fn typing_a_new_note_on_disk() -> (tempfile::TempDir, teichaku::domain::Worker, App) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let mut store = common::open_db(&db);
    let w = teichaku::domain::Worker::new(teichaku::store::new_id(), "山田 太郎".into());
    store.add_worker(&w).unwrap();
    let mut app = App::new(store, config(Lang::Ja, common::drafts_beside(&db))).unwrap();
    press(&mut app, KeyCode::Char('w'));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('n'));
    for _ in 0..4 {
        press(&mut app, KeyCode::Tab);
    }
    (dir, w, app)
}

#[test]
fn a_note_being_typed_is_drafted_and_offered_after_a_crash() {
    let (dir, w, mut app) = typing_a_new_note_on_disk();
    let db = dir.path().join("t.db");
    let drafts = common::drafts_beside(&db);
    let start = Instant::now();
    type_text(&mut app, "面談。睡眠は安定。\n服薬も");
    app.tick(start);
    assert_eq!(
        drafts.list().0.len(),
        1,
        "written at the first tick after typing"
    );
    type_text(&mut app, "忘れずに");
    app.tick(start + Duration::from_millis(500));
    assert_eq!(
        drafts.list().0[0].notes,
        "面談。睡眠は安定。\n服薬も",
        "not rewritten within the interval"
    );
    app.tick(start + Duration::from_secs(2));
    assert_eq!(
        drafts.list().0[0].notes,
        "面談。睡眠は安定。\n服薬も忘れずに"
    );
    // The process dies here: no save, no quit.
    drop(app);

    let store = common::open_db(&db);
    let mut app = App::new(store, config(Lang::Ja, drafts.clone())).unwrap();
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("下書きがあります") && s.contains("山田 太郎"),
        "{s}"
    );
    press(&mut app, KeyCode::Char('y'));
    let s = screen(&app, 80, 24);
    assert!(s.contains("服薬も忘れずに"), "{s}");
    ctrl(&mut app, 's');
    let contacts = app.store().contacts_for(&w.id).unwrap();
    assert_eq!(contacts[0].notes, "面談。睡眠は安定。\n服薬も忘れずに");
    assert!(drafts.list().0.is_empty(), "the draft is gone once saved");
}

#[test]
fn declining_a_draft_keeps_it_for_next_time() {
    let (dir, _worker, mut app) = typing_a_new_note_on_disk();
    let db = dir.path().join("t.db");
    let drafts = common::drafts_beside(&db);
    type_text(&mut app, "電話。");
    app.save_draft_now();
    drop(app);
    let mut app = App::new(common::open_db(&db), config(Lang::Ja, drafts.clone())).unwrap();
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(drafts.list().0.len(), 1);
}

#[test]
fn a_broken_user_keymap_is_reported_on_screen_and_the_defaults_work() {
    let (keymap, errors) = Keymap::load(
        None,
        Some("[worker]\nnew_contact = { keys = [\"nope-key\"] }"),
    );
    let mut cfg = config(Lang::Ja, Drafts::new(None));
    cfg.keymap = keymap;
    cfg.warnings = errors
        .iter()
        .map(|e| teichaku::i18n::keymap_warning(e, Lang::Ja))
        .collect();
    let mut store = Store::open_in_memory().unwrap();
    teichaku::demo::load(&mut store, teichaku::demo::DEMO_TOML, today()).unwrap();
    let mut app = App::new(store, cfg).unwrap();
    let s = screen(&app, 120, 40);
    assert!(
        s.contains("既定のキーを使用中") && s.contains("nope-key"),
        "{s}"
    );
    press(&mut app, KeyCode::Char('w'));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('n'));
    assert!(screen(&app, 80, 24).contains("連絡記録を追加"));
}

#[test]
fn key_releases_are_ignored_by_the_loop_contract() {
    // The event loop only passes presses; App must not depend on kinds at all,
    // so a press event built like a Windows release is still just one key.
    let mut app = demo_app(Lang::Ja);
    let mut ev = KeyEvent::new(KeyCode::Down, KeyModifiers::NONE);
    ev.kind = crossterm::event::KeyEventKind::Press;
    app.handle_key(ev);
    let s = screen(&app, 80, 24);
    assert!(s.contains("岡田 健太"), "{s}");
}

#[test]
fn a_full_27_item_checklist_from_the_worker_page_takes_30_keys_and_ends_on_the_radar() {
    let mut app = demo_app(Lang::Ja);
    type_text(&mut app, "いしかわ");
    press(&mut app, KeyCode::Enter);
    let worker_id = app.store().resolve_worker("石川").unwrap().id;
    let before = app.store().assessments_for(&worker_id).unwrap().len();
    let mut keys = 0;
    press(&mut app, KeyCode::Char('a'));
    keys += 1;
    snap_both("checklist_start", &app);
    press(&mut app, KeyCode::Enter);
    keys += 1;
    let answers = "433244332443343324433244334";
    for (i, c) in answers.chars().enumerate() {
        press(&mut app, KeyCode::Char(c));
        keys += 1;
        if i == 13 {
            snap_both("checklist_entry_item_15", &app);
        }
    }
    press(&mut app, KeyCode::Enter);
    keys += 1;
    assert_eq!(keys, 30);
    let list = app.store().assessments_for(&worker_id).unwrap();
    assert_eq!(list.len(), before + 1);
    let latest = list
        .iter()
        .find(|a| a.date == today() && a.answers.len() == 27)
        .expect("a complete assessment today");
    let values: String = latest
        .answers
        .iter()
        .map(|a| a.value.map_or('-', |v| char::from(b'0' + v)))
        .collect();
    assert_eq!(values, answers);
    snap_both("checklist_summary_after_entry", &app);
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("実線: 今回 2026-11-21") && s.contains("点線: 前回"),
        "{s}"
    );
}

#[test]
fn a_dropped_call_loses_no_answer_and_the_entry_resumes_where_it_stopped() {
    let mut app = demo_app(Lang::Ja);
    type_text(&mut app, "いしかわ");
    press(&mut app, KeyCode::Enter);
    let worker_id = app.store().resolve_worker("石川").unwrap().id;
    press(&mut app, KeyCode::Char('a'));
    press(&mut app, KeyCode::Enter);
    for c in "43-2".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    // Every answer is in the database the moment its key is pressed.
    let open = |app: &App| {
        app.store()
            .assessments_for(&worker_id)
            .unwrap()
            .into_iter()
            .find(|a| a.date == today())
            .expect("today's assessment")
    };
    let values: Vec<Option<u8>> = open(&app).answers.iter().map(|a| a.value).collect();
    assert_eq!(
        values,
        vec![Some(4), Some(3), None, Some(2)],
        "'-' is stored as not assessed, never 0"
    );
    // The call drops; later the supporter opens the checklist again.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('a'));
    press(&mut app, KeyCode::Enter);
    let s = screen(&app, 80, 24);
    assert!(s.contains("5 / 27") && s.contains("進み具合 4/27"), "{s}");
    press(&mut app, KeyCode::Char('1'));
    assert_eq!(open(&app).answers.len(), 5);
}

/// The real cursor stands right after the last typed glyph of the list's
/// filter, where the IME composes (it was two cells to the left).
#[test]
fn the_filter_cursor_follows_japanese_input() {
    let mut app = demo_app(Lang::Ja);
    for typed in ["お", "おか", "おかだ"] {
        press(&mut app, KeyCode::Esc);
        if !screen(&app, 80, 24).contains("絞り込み") {
            press(&mut app, KeyCode::Char('w'));
        }
        type_text(&mut app, typed);
        let (x, y) = cursor(&app, 80, 24).expect("a cursor on the filter");
        let t = terminal(&app, 80, 24);
        let buf = t.backend().buffer();
        let last = typed.chars().last().unwrap().to_string();
        assert_eq!(buf[(x - 2, y)].symbol(), last, "after {typed:?}");
        assert_eq!(buf[(x, y)].symbol(), " ");
    }
}

/// A checklist without assessments says which key starts one, not the
/// command line's `teichaku check`.
#[test]
fn the_empty_summary_offers_the_key() {
    let mut app = demo_app(Lang::Ja);
    type_text(&mut app, "いしかわ");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('s'));
    let mut seen = Vec::new();
    for _ in 0..4 {
        seen.push(screen(&app, 80, 24));
        press(&mut app, KeyCode::Tab);
    }
    assert!(
        seen.iter().any(|s| s.contains("a で入力を始めます")),
        "{}",
        seen.join("\n----\n")
    );
    assert!(seen.iter().all(|s| !s.contains("teichaku check")));
}

/// A comment typed on an item not answered yet survives the pause; the start
/// form says a paused run exists and shows who answers it.
#[test]
fn a_paused_entry_keeps_its_comment_and_the_start_form_says_so() {
    let mut app = demo_app(Lang::Ja);
    type_text(&mut app, "いしかわ");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('a'));
    // Answered together (合議), not by the supporter as preset.
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right);
    let chosen = screen(&app, 80, 24);
    assert!(chosen.contains("合議"), "{chosen}");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Char('c'));
    type_text(&mut app, "朝は弱い");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);

    press(&mut app, KeyCode::Char('a'));
    let start = screen(&app, 80, 24);
    assert!(start.contains("途中で中断した記録があります"), "{start}");
    assert!(start.contains("回答者: 合議"), "{start}");
    let respondent_row = start
        .lines()
        .find(|l| l.contains("回答者") && !l.contains("中断"))
        .unwrap_or("");
    assert!(respondent_row.contains("合議"), "{start}");
    press(&mut app, KeyCode::Enter);
    let resumed = screen(&app, 80, 24);
    assert!(resumed.contains("朝は弱い"), "{resumed}");
    press(&mut app, KeyCode::Char('3'));
    let worker_id = app.store().resolve_worker("石川").unwrap().id;
    let latest = app
        .store()
        .assessments_for(&worker_id)
        .unwrap()
        .into_iter()
        .find(|a| a.date == today())
        .unwrap();
    assert_eq!(latest.answers[1].comment, "朝は弱い");
    assert!(
        app.store().pending_comments(&latest.id).unwrap().is_empty(),
        "kept apart only until answered"
    );
}

/// `a` on a checklist's summary starts that checklist.
#[test]
fn a_on_a_summary_preselects_its_checklist() {
    let cat = teichaku::checklists::Catalogue::builtin();
    for tabs in 0..cat.instruments.len() {
        let mut app = demo_app(Lang::Ja);
        type_text(&mut app, "いしかわ");
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Char('s'));
        for _ in 0..tabs {
            press(&mut app, KeyCode::Tab);
        }
        let title = cat.instruments[tabs].title(Lang::Ja);
        assert!(screen(&app, 120, 40).contains(title), "summary of {title}");
        press(&mut app, KeyCode::Char('a'));
        let start = screen(&app, 120, 40);
        let row = start.lines().find(|l| l.contains("種類")).unwrap_or("");
        assert!(row.contains(title), "{start}");
    }
}

/// The help screen starts with the keys of the screen it was opened from,
/// pages with PgDn and finds a key by what it does.
#[test]
fn help_opens_at_its_screen_pages_and_searches() {
    let mut app = demo_app(Lang::Ja);
    type_text(&mut app, "いしかわ");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('?'));
    let first = screen(&app, 80, 24);
    let heading = first.lines().nth(2).unwrap_or("");
    assert!(heading.contains("[利用者の画面]"), "{first}");
    press(&mut app, KeyCode::PageDown);
    let paged = screen(&app, 80, 24);
    assert_ne!(paged, first, "PgDn moves a page");
    assert!(!paged.contains("[利用者の画面]"), "{paged}");

    press(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "印刷");
    let found = screen(&app, 80, 24);
    assert!(found.contains("検索: 印刷"), "{found}");
    assert!(
        found.contains("[支援レポート]") && found.contains("事業主用を印刷"),
        "{found}"
    );
    assert!(!found.contains("記録を追加"), "only matching keys: {found}");
    // Esc ends the search, a second Esc closes help.
    press(&mut app, KeyCode::Esc);
    assert!(screen(&app, 80, 24).contains("キー操作の一覧"));
    press(&mut app, KeyCode::Esc);
    assert!(screen(&app, 80, 24).contains("石川 美穂"));
}

/// Ctrl-C does not quit (a note may be half typed) but says which key does.
#[test]
fn ctrl_c_says_how_to_quit() {
    for lang in [Lang::Ja, Lang::En] {
        let mut app = demo_app(lang);
        app.handle_key(crossterm::event::KeyEvent::new(
            KeyCode::Char('c'),
            crossterm::event::KeyModifiers::CONTROL,
        ));
        assert!(!app.quit, "Ctrl-C must not quit");
        let s = screen(&app, 80, 24);
        assert!(s.contains("Ctrl-Q"), "{s}");
    }
}

/// At 80 columns the participant row scrolls to the option under the cursor
/// (他機関 was hidden), and a short box grows with wide text instead of
/// showing half a glyph (" スト").
#[test]
fn narrow_form_rows_show_what_the_cursor_is_on() {
    let mut app = demo_app(Lang::Ja);
    type_text(&mut app, "いしかわ");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('n'));
    let row = |app: &App, label: &str| {
        screen(app, 80, 24)
            .lines()
            .find(|l| l.starts_with(label))
            .unwrap_or("")
            .to_string()
    };
    assert!(!row(&app, "参加者").contains("他機関"));
    press(&mut app, KeyCode::Tab);
    for _ in 0..8 {
        press(&mut app, KeyCode::Right);
    }
    press(&mut app, KeyCode::Char(' '));
    let participants = row(&app, "参加者");
    assert!(participants.contains("*他機関"), "{participants}");
    assert!(participants.contains('…'), "{participants}");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "テスト");
    let time = row(&app, "時刻");
    assert!(time.contains("テスト"), "{time}");
}

/// A long one-line field scrolled to its end marks the hidden start with …
/// (the first cell held half a wide glyph, drawn as a blank).
#[test]
fn a_scrolled_line_field_marks_its_cut() {
    let mut app = demo_app(Lang::Ja);
    type_text(&mut app, "いしかわ");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('E'));
    let memo = screen(&app, 80, 24)
        .lines()
        .find(|l| l.starts_with("メモ"))
        .unwrap_or("")
        .to_string();
    assert!(memo.contains('…'), "{memo}");
    assert!(!memo.contains("   行"), "no blank half glyph: {memo}");
}

/// Every form's labels fit their column in both languages (a cut label was
/// "What was sha~").
#[test]
fn form_labels_fit_their_column_in_both_languages() {
    let forms: &[(&str, &[KeyCode])] = &[
        ("contact", &[KeyCode::Char('n')]),
        ("worker", &[KeyCode::Char('E')]),
        ("checklist", &[KeyCode::Char('a')]),
        ("sharing", &[KeyCode::Char('H'), KeyCode::Char('n')]),
        ("decision", &[KeyCode::Char('H'), KeyCode::Char('d')]),
        ("plan", &[KeyCode::Char('p'), KeyCode::Char('n')]),
        ("report field", &[KeyCode::Char('r'), KeyCode::Enter]),
    ];
    for lang in [Lang::Ja, Lang::En] {
        for (name, keys) in forms {
            let mut app = demo_app(lang);
            type_text(&mut app, "はらだ");
            press(&mut app, KeyCode::Enter);
            for k in *keys {
                press(&mut app, *k);
            }
            let shown = screen(&app, 80, 24);
            for line in shown.lines().skip(2) {
                // The label column: the first 14 display columns.
                let mut used = 0;
                let label: String = line
                    .chars()
                    .take_while(|c| {
                        used += unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
                        used <= 14
                    })
                    .collect();
                assert!(!label.contains('~'), "{name} ({lang:?}): {line}\n{shown}");
            }
        }
    }
}

/// A 50 KB paste (bracketed: one event) lands whole in the note at once and
/// is saved as it was.
#[test]
fn a_50_kb_paste_lands_whole_in_one_event() {
    let mut app = demo_app(Lang::Ja);
    type_text(&mut app, "いしかわ");
    press(&mut app, KeyCode::Enter);
    let worker_id = app.store().resolve_worker("石川").unwrap().id;
    let before = app.store().contacts_for(&worker_id).unwrap().len();
    press(&mut app, KeyCode::Char('n'));
    for _ in 0..4 {
        press(&mut app, KeyCode::Tab);
    }
    let line = "本人から電話。通院日が変わり、来月から毎週水曜の午後は休みたいとのこと。\n";
    let text: String = line.repeat(50_000 / line.len() + 1);
    assert!(text.len() >= 50_000);
    app.paste(&text);
    ctrl(&mut app, 's');
    let contacts = app.store().contacts_for(&worker_id).unwrap();
    assert_eq!(contacts.len(), before + 1);
    let saved = contacts
        .iter()
        .find(|c| c.notes.len() >= 50_000)
        .expect("the pasted note");
    assert_eq!(saved.notes.trim_end(), text.trim_end());
}
