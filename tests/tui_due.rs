//! The dashboard (home), search and support-report screens driven by keys on
//! ratatui's TestBackend: snapshots at 80×24 and 120×40 on the demo agency
//! with today = 2026-11-21, and two flows checked in the database and the
//! change log (a due contact logged from the dashboard; a report drafted,
//! edited and finalised from the dashboard).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::NaiveDate;
use common::tui::*;
use crossterm::event::KeyCode;
use ratatui::style::Modifier;
use rusqlite::types::Value;
use teichaku::domain::dates::YearMonth;
use teichaku::domain::report::ReportField;
use teichaku::domain::schedule::{Action as Todo, DashboardItem, DueState, Duty};
use teichaku::domain::{Code, Mode, Worker};
use teichaku::i18n::Lang;
use teichaku::store::{Op, Store};
use teichaku::tui::{App, Config};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

fn config(lang: Lang) -> Config {
    Config {
        staff_name: "佐藤 美咲".into(),
        ..Config::new(lang, today())
    }
}

/// The demo as `teichaku --demo` opens it: workers, contacts, checklist
/// assessments, plan reviews and reports.
fn demo_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    teichaku::demo::load_all(&mut store, today()).unwrap();
    store
}

fn demo_app(lang: Lang) -> App {
    App::new(demo_store(), config(lang)).unwrap()
}

fn snap_both(name: &str, app: &App) {
    insta::assert_snapshot!(format!("{name}_80x24"), screen(app, 80, 24));
    insta::assert_snapshot!(format!("{name}_120x40"), screen(app, 120, 40));
}

fn dashboard(app: &App) -> Vec<DashboardItem> {
    app.store().dashboard(today()).unwrap()
}

/// Moves the dashboard selection from the top to line `i`.
fn select(app: &mut App, i: usize) {
    for _ in 0..i {
        press(app, KeyCode::Down);
    }
}

fn worker(app: &App, id: &str) -> Worker {
    app.store().worker(id).unwrap().unwrap()
}

#[test]
fn the_dashboard_is_home_once_there_are_workers() {
    let mut app = demo_app(Lang::Ja);
    let items = dashboard(&app);
    assert!(
        items.iter().any(|i| i.item.state == DueState::Overdue)
            && items.iter().any(|i| i.item.state == DueState::DueSoon),
        "the demo has both overdue and due-soon duties on {}",
        today()
    );
    let s = screen(&app, 120, 40);
    assert!(s.contains("ホーム"), "{s}");
    // Most urgent first: the first line on screen is the first item.
    let first = &items[0];
    let line = s
        .lines()
        .find(|l| l.contains("期限切れ") && l.contains(&first.worker_name))
        .unwrap_or_else(|| panic!("{s}"));
    assert!(line.contains(&first.item.due.to_string()), "{line}");
    snap_both("dashboard", &app);
    // A closed-employment worker's lines are marked with a word.
    let closed = items
        .iter()
        .position(|i| i.closed)
        .expect("a closed worker");
    let s = screen(&app, 120, 40);
    let name = &items[closed].worker_name;
    assert!(
        s.lines()
            .any(|l| l.contains(name.as_str()) && l.contains("クローズ")),
        "{s}"
    );

    // The worker list is one key away, and Esc comes back.
    press(&mut app, KeyCode::Char('w'));
    assert!(screen(&app, 80, 24).contains("絞り込み"));
    press(&mut app, KeyCode::Esc);
    assert!(screen(&app, 80, 24).contains("ホーム"));

    let en = demo_app(Lang::En);
    snap_both("dashboard_en", &en);
}

#[test]
fn with_no_workers_the_welcome_screen_stays_and_the_first_worker_brings_the_dashboard() {
    let mut app = App::new(Store::open_in_memory().unwrap(), config(Lang::Ja)).unwrap();
    assert!(screen(&app, 80, 24).contains("teichaku へようこそ"));
    ctrl(&mut app, 'n');
    type_text(&mut app, "佐藤 花子\n");
    ctrl(&mut app, 's');
    // Still on the list, with the new worker; home is below it.
    let s = screen(&app, 80, 24);
    assert!(s.contains("佐藤 花子") && s.contains("絞り込み"), "{s}");
    press(&mut app, KeyCode::Esc);
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("ホーム") && s.contains("期限切れ・期限間近の対応はありません"),
        "{s}"
    );
    // Deleting the last worker brings the welcome screen back.
    press(&mut app, KeyCode::Char('w'));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('D'));
    press(&mut app, KeyCode::Char('y'));
    let s = screen(&app, 80, 24);
    assert!(s.contains("teichaku へようこそ"), "{s}");
}

#[test]
fn logging_a_due_contact_from_the_dashboard_takes_the_duty_off_it() {
    let mut app = demo_app(Lang::Ja);
    let items = dashboard(&app);
    // An overdue monthly visit: the contact was made but never recorded.
    let (i, item) = items
        .iter()
        .enumerate()
        .find(|(_, i)| {
            i.item.state == DueState::Overdue && matches!(i.item.duty, Duty::ContactWorker { .. })
        })
        .expect("an overdue contact in the demo");
    let Duty::ContactWorker { month } = item.item.duty else {
        unreachable!()
    };
    let w = worker(&app, &item.worker_id);
    let mode = if w.is_closed() {
        Mode::Meeting
    } else {
        Mode::Visit
    };
    assert_eq!(
        item.action,
        Todo::LogContact {
            worker_id: item.worker_id.clone(),
            mode
        }
    );
    let before = app.store().contacts_for(&item.worker_id).unwrap().len();
    select(&mut app, i);
    press(&mut app, KeyCode::Enter);
    // The contact form, for that worker, with the mode the duty asks for.
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("連絡記録を追加") && s.contains(&item.worker_name),
        "{s}"
    );
    assert!(
        s.lines()
            .any(|l| l.starts_with("方法") && l.contains(mode.label(Lang::Ja))),
        "{s}"
    );
    snap_both("contact_form_from_dashboard", &app);
    // The date: the month's last day (a past month), changed to another day
    // of it (focus starts on the mode, after it).
    assert!(s.contains(&item.item.due.to_string()), "{s}");
    press(&mut app, KeyCode::BackTab);
    for _ in 0..10 {
        press(&mut app, KeyCode::Backspace);
    }
    let day = month.last_day() - chrono::Days::new(2);
    type_text(&mut app, &day.to_string());
    for _ in 0..5 {
        press(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "職場で本人と面談。記録を後から入力。");
    ctrl(&mut app, 's');
    let contacts = app.store().contacts_for(&item.worker_id).unwrap();
    assert_eq!(contacts.len(), before + 1);
    let c = contacts.iter().find(|c| c.date == day).unwrap();
    assert_eq!(c.mode, mode);
    assert_eq!(c.notes, "職場で本人と面談。記録を後から入力。");
    assert!(
        app.store()
            .log_for(&c.id)
            .unwrap()
            .iter()
            .any(|e| e.op == Op::Create && e.field == "date")
    );
    // Saved: back home, re-read, the saved contact named on the status line.
    let s = screen(&app, 80, 24);
    assert!(
        s.starts_with("ホーム") && s.contains(&day.to_string()),
        "{s}"
    );
    let after = dashboard(&app);
    assert!(
        !after
            .iter()
            .any(|x| x.worker_id == item.worker_id && x.item.duty == item.item.duty),
        "the visit is done"
    );
    assert_eq!(after.len(), items.len() - 1);
    let s = screen(&app, 120, 40);
    let duty = teichaku::i18n::duty_label(item.item.duty, Lang::Ja);
    let lines = s
        .lines()
        .filter(|l| l.contains(&item.worker_name) && l.contains(&duty))
        .count();
    assert_eq!(lines, 0, "{s}");
}

#[test]
fn a_report_is_drafted_edited_and_finalised_from_the_dashboard() {
    let mut app = demo_app(Lang::Ja);
    let items = dashboard(&app);
    let month = YearMonth::of(today());
    let (i, item) = items
        .iter()
        .enumerate()
        .find(|(_, i)| {
            i.item.duty == Duty::Report { month }
                && app
                    .store()
                    .report_for(&i.worker_id, month)
                    .unwrap()
                    .is_none()
        })
        .expect("a worker without this month's report");
    let w = worker(&app, &item.worker_id);
    select(&mut app, i);
    press(&mut app, KeyCode::Enter);
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("支援レポート") && s.contains("まだありません"),
        "{s}"
    );
    snap_both("report_none", &app);

    // Draft it from the month's contacts.
    press(&mut app, KeyCode::Char('d'));
    let r = app.store().report_for(&w.id, month).unwrap().unwrap();
    let month_contacts = app
        .store()
        .contacts_for(&w.id)
        .unwrap()
        .into_iter()
        .filter(|c| month.contains(c.date))
        .count();
    assert_eq!(
        r.text(ReportField::Done).lines().count(),
        month_contacts,
        "one line per contact of the month"
    );
    assert!(!r.finalised);
    snap_both("report_draft", &app);

    // Edit the goals (the first field) and share it with the employer.
    press(&mut app, KeyCode::Enter);
    snap_both("report_field_form", &app);
    type_text(
        &mut app,
        "通勤の疲れを減らす。\n休憩の取り方を上司と決める。",
    );
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right);
    ctrl(&mut app, 's');
    let r2 = app.store().report(&r.id).unwrap().unwrap();
    // The draft's goals came from the plan's short-term goals; the typed
    // text follows them.
    let goals = r2.text(ReportField::Goals);
    assert!(goals.starts_with("・繁忙期の前に"), "{goals}");
    assert!(
        goals.ends_with("通勤の疲れを減らす。\n休憩の取り方を上司と決める。"),
        "{goals}"
    );
    assert!(r2.is_shared(ReportField::Goals));
    assert_eq!(r2.text(ReportField::Done), r.text(ReportField::Done));
    let log = app.store().log_for(&r.id).unwrap();
    let updated: Vec<&str> = log
        .iter()
        .filter(|e| e.op == Op::Update)
        .map(|e| e.field.as_str())
        .collect();
    assert_eq!(updated, vec!["goals", "goals_shared"]);
    let s = screen(&app, 80, 24);
    assert!(s.contains("休憩の取り方を上司と決める。"), "{s}");

    // Finalising an incomplete report is refused, naming what is missing
    // (the month's self-reports are in their own field, not in 支援結果).
    press(&mut app, KeyCode::Char('f'));
    let s = screen(&app, 80, 24);
    assert!(s.contains("「支援結果」が空"), "{s}");
    assert!(!app.store().report(&r.id).unwrap().unwrap().finalised);
    for (downs, text) in [(2, "休憩が取れた。"), (1, "休憩の記録を続ける。")] {
        for _ in 0..downs {
            press(&mut app, KeyCode::Down);
        }
        press(&mut app, KeyCode::Enter);
        type_text(&mut app, text);
        ctrl(&mut app, 's');
    }
    // Record the worker's confirmation; without the day it was handed over
    // it still cannot be finalised.
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Char('f'));
    let s = screen(&app, 80, 24);
    assert!(s.contains("提供日がない"), "{s}");
    press(&mut app, KeyCode::Char('h'));
    press(&mut app, KeyCode::Char('f'));
    let r3 = app.store().report(&r.id).unwrap().unwrap();
    assert_eq!(r3.text(ReportField::Next), "休憩の記録を続ける。");
    assert_eq!(r3.confirmed_on, Some(today()));
    assert_eq!(r3.handed_on, Some(today()));
    assert!(r3.finalised);
    let log = app.store().log_for(&r.id).unwrap();
    let last: Vec<(&str, &Value)> = log
        .iter()
        .rev()
        .take(3)
        .map(|e| (e.field.as_str(), &e.value))
        .collect();
    assert_eq!(
        last,
        vec![
            ("finalised", &Value::Integer(1)),
            ("handed_on", &Value::Text("2026-11-21".into())),
            ("confirmed_on", &Value::Text("2026-11-21".into()))
        ]
    );
    snap_both("report_finalised", &app);

    // A finalised report is not edited: the screen says so and nothing changes.
    press(&mut app, KeyCode::Char('s'));
    let s = screen(&app, 80, 24);
    assert!(s.contains("確定済み"), "{s}");
    assert_eq!(app.store().report(&r.id).unwrap().unwrap(), r3);

    // Home again: this month's report is no longer due for that worker.
    press(&mut app, KeyCode::Esc);
    assert!(
        !dashboard(&app)
            .iter()
            .any(|x| x.worker_id == w.id && x.item.duty == Duty::Report { month })
    );
    let s = screen(&app, 120, 40);
    assert!(s.contains("ホーム"), "{s}");
}

#[test]
fn the_worker_page_opens_this_months_report_and_months_can_be_paged() {
    let mut app = demo_app(Lang::Ja);
    press(&mut app, KeyCode::Char('w'));
    type_text(&mut app, "まつもと");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('r'));
    let s = screen(&app, 80, 24);
    assert!(s.contains("松本 航") && s.contains("2026年11月"), "{s}");
    press(&mut app, KeyCode::Left);
    assert!(screen(&app, 80, 24).contains("2026年10月"));
    press(&mut app, KeyCode::Esc);
    assert!(screen(&app, 80, 24).contains("松本 航（"));
}

#[test]
fn search_by_one_two_and_three_characters_and_open_the_hits() {
    let mut app = demo_app(Lang::Ja);
    press(&mut app, KeyCode::Char('/'));
    let s = screen(&app, 80, 24);
    assert!(s.contains("検索:"), "{s}");
    snap_both("search_empty", &app);
    for (q, name) in [
        ("薬", "search_1"),
        ("服薬", "search_2"),
        ("職場訪", "search_3"),
    ] {
        for _ in 0..3 {
            press(&mut app, KeyCode::Backspace);
        }
        type_text(&mut app, q);
        let hits = app.store().search(q, 200).unwrap();
        assert!(!hits.is_empty(), "{q} finds something in the demo");
        let s = screen(&app, 120, 40);
        assert!(
            s.contains(&format!("[{q}]")),
            "{q}: the match is marked\n{s}"
        );
        snap_both(name, &app);
        // The real cursor is at the end of the query (IME).
        let prompt = unicode_width::UnicodeWidthStr::width("検索: ");
        let qw = unicode_width::UnicodeWidthStr::width(q);
        assert_eq!(cursor(&app, 80, 24), Some(((prompt + qw) as u16, 0)));
    }
    // The match is bold and underlined too, not only bracketed.
    let t = terminal(&app, 120, 40);
    let buf = t.backend().buffer();
    let marked = (0..120u16).any(|x| {
        (3..40u16).any(|y| {
            let c = &buf[(x, y)];
            c.symbol() == "職" && c.modifier.contains(Modifier::UNDERLINED | Modifier::BOLD)
        })
    });
    assert!(marked);

    // Enter on a report opens the report screen of its month; on a contact,
    // the contact's reading screen.
    let hits = app.store().search("職場訪", 200).unwrap();
    let nth = |kind: &str| hits.iter().position(|h| h.kind.code() == kind).unwrap();
    let (r, c) = (nth("report"), nth("contact"));
    for _ in 0..r {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    let month = YearMonth::parse(&hits[r].date).unwrap();
    let label = teichaku::i18n::month_label(month, Lang::Ja);
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("支援レポート") && s.contains(&label) && s.contains(&hits[r].worker_name),
        "{s}"
    );
    press(&mut app, KeyCode::Esc);
    for _ in 0..r {
        press(&mut app, KeyCode::Up);
    }
    for _ in 0..c {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    let contact = app.store().contact(&hits[c].id).unwrap().unwrap();
    let s = screen(&app, 80, 24);
    assert!(
        s.contains(&contact.date.to_string()) && s.contains(&hits[c].worker_name),
        "{s}"
    );
    press(&mut app, KeyCode::Esc);

    // A worker's name opens the worker page.
    for _ in 0..3 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "岡田");
    let hits = app.store().search("岡田", 200).unwrap();
    let i = hits.iter().position(|h| h.kind.code() == "worker").unwrap();
    for _ in 0..i {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    assert!(screen(&app, 80, 24).contains("岡田 健太（"));
}

#[test]
fn slash_searches_from_the_worker_list_only_while_the_filter_is_empty() {
    let mut app = demo_app(Lang::Ja);
    press(&mut app, KeyCode::Char('w'));
    type_text(&mut app, "a/");
    let s = screen(&app, 80, 24);
    assert!(s.contains("絞り込み: a/"), "typed into the filter\n{s}");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('/'));
    assert!(screen(&app, 80, 24).contains("検索:"));
    press(&mut app, KeyCode::Esc);
    ctrl(&mut app, 'f');
    assert!(screen(&app, 80, 24).contains("検索:"));
    press(&mut app, KeyCode::Esc);
    // From the worker page too.
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('/'));
    assert!(screen(&app, 80, 24).contains("検索:"));
}

/// Left open past midnight, the home screen moves to the new day by itself:
/// on the 1st, the new month's duties appear without a key being pressed.
#[test]
fn the_dashboard_follows_the_date_past_midnight() {
    let eve = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    teichaku::demo::load_all(&mut store, eve).unwrap();
    let mut app = App::new(store, Config::new(Lang::Ja, eve)).unwrap();
    let before = screen(&app, 120, 40);
    assert!(before.contains("今日 2026-11-30"), "{before}");
    assert!(!before.contains("2026年12月"), "{before}");

    // The clock still says the 30th: nothing reloads.
    assert!(!app.follow_date());
    let next = eve.succ_opt().unwrap();
    app.set_clock(teichaku::clock::Clock::fixed(next));
    assert!(
        app.tick(std::time::Instant::now()),
        "the loop is told to redraw"
    );
    assert_eq!(app.today(), next);
    let after = screen(&app, 120, 40);
    assert!(after.contains("今日 2026-12-01"), "{after}");
    // Re-read for the new day: December's lines are in its counts (they sort
    // below the overdue ones, off a 40-line screen).
    let items = app.store().dashboard(next).unwrap();
    assert!(items.iter().any(|i| i.item.duty
        == Duty::Report {
            month: YearMonth::of(next)
        }));
    let overdue = items
        .iter()
        .filter(|i| i.item.state == DueState::Overdue)
        .count();
    let counts = format!(
        "期限切れ {}件・期限間近 {}件",
        overdue,
        items.len() - overdue
    );
    assert!(after.contains(&counts), "{counts}\n{after}");
    assert!(after.contains("日付が変わりました"), "{after}");
    assert!(!app.follow_date(), "only once per change");
}
