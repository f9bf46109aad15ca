//! The support plan in the TUI, on the demo agency (today = 2026-11-21): made
//! from the dashboard's line, refused with a bad date, reviewed six months on
//! with an evaluation of each goal, and every version readable.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::NaiveDate;
use common::tui::*;
use crossterm::event::KeyCode;
use teichaku::domain::plan::Achievement;
use teichaku::domain::schedule::{Action as Todo, DashboardItem, Duty};
use teichaku::i18n::Lang;
use teichaku::store::{self, Store};
use teichaku::tui::{App, Config};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn today() -> NaiveDate {
    day(2026, 11, 21)
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

fn dashboard(app: &App, on: NaiveDate) -> Vec<DashboardItem> {
    app.store().dashboard(on).unwrap()
}

/// Selects the dashboard line of `duty` for a worker (from the top).
fn select(app: &mut App, duty: Duty) -> DashboardItem {
    let items = dashboard(app, app.today());
    let i = items.iter().position(|i| i.item.duty == duty).unwrap();
    for _ in 0..=items.len() / 10 {
        press(app, KeyCode::PageUp);
    }
    for _ in 0..i {
        press(app, KeyCode::Down);
    }
    items[i].clone()
}

fn tab(app: &mut App, n: usize) {
    for _ in 0..n {
        press(app, KeyCode::Tab);
    }
}

/// Field positions in the plan form (plan_form.rs): the version's fields,
/// then five per evaluation, then six per goal slot.
const HOURS: usize = 5;
const LONG_TERM: usize = 11;
const EXPLAINED: usize = 12;
const CONSENT: usize = 13;
const HEAD: usize = 16;

#[test]
fn a_first_plan_from_the_dashboard_clears_the_duty_and_a_bad_date_saves_nothing() {
    let mut app = demo_app(Lang::Ja);
    let line = select(&mut app, Duty::Plan);
    assert_eq!(
        line.action,
        Todo::OpenPlan {
            worker_id: line.worker_id.clone()
        }
    );
    // The worker page's plan (o, p) says there is none yet.
    press(&mut app, KeyCode::Char('o'));
    press(&mut app, KeyCode::Char('p'));
    let s = screen(&app, 80, 24);
    assert!(s.contains("支援計画はまだありません"), "{s}");
    assert!(s.contains(&line.worker_name), "{s}");
    insta::assert_snapshot!("plan_none_80x24", s);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);

    // Enter on the line: the form of the first plan.
    press(&mut app, KeyCode::Enter);
    let s = screen(&app, 80, 24);
    assert!(s.contains("支援計画を作成"), "{s}");
    // Pre-filled from the worker's record.
    let worker = app.store().worker(&line.worker_id).unwrap().unwrap();
    assert!(s.contains(&worker.employer), "{s}");
    tab(&mut app, HOURS);
    type_text(&mut app, "20");
    tab(&mut app, LONG_TERM - HOURS);
    type_text(&mut app, "図書館の仕事を長く続ける。");
    // The IME composes where the real cursor is: after the typed text.
    let (x, _) = cursor(&app, 80, 24).unwrap();
    assert_eq!(x, 14 + 26, "label column + the text's width");
    tab(&mut app, EXPLAINED - LONG_TERM);
    type_text(&mut app, "2026-11-22");
    // The worker's consent: あり.
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right);
    // The first goal slot: domain, then the goal, its policy and content.
    tab(&mut app, HEAD - CONSENT + 1);
    type_text(&mut app, "返却資料の仕分けを一人で時間内に終える。");
    tab(&mut app, 2);
    type_text(&mut app, "仕分けの手順を本人と確認する。");
    ctrl(&mut app, 's');
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("本人への説明日が今日（2026-11-21）より後"),
        "{s}"
    );
    assert!(app.store().plans_for(&line.worker_id).unwrap().is_empty());

    // The field with the error has the focus: fix it and save.
    for _ in 0..10 {
        press(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, "2026-11-20");
    ctrl(&mut app, 's');
    // Saved: home, the saved version named on the status line.
    let s = screen(&app, 80, 24);
    assert!(s.starts_with("ホーム"), "{s}");
    assert!(s.contains("支援計画を保存しました"), "{s}");
    assert!(s.contains("第1版 2026-11-21"), "{s}");
    let plans = app.store().plans_for(&line.worker_id).unwrap();
    assert_eq!(plans.len(), 1);
    let p = &plans[0];
    assert_eq!(p.version.hours_per_week, "20");
    assert_eq!(p.version.explained_on, Some(day(2026, 11, 20)));
    assert_eq!(p.version.recorded_by, "佐藤 美咲");
    assert_eq!(p.goals.len(), 1, "the empty second slot is dropped");
    assert!(
        !dashboard(&app, today())
            .iter()
            .any(|i| i.worker_id == line.worker_id && i.item.duty == Duty::Plan),
        "the plan line is gone"
    );

    // Six months on the review is due; the form evaluates the goal.
    let later = day(2027, 5, 10);
    app.set_clock(teichaku::clock::Clock::fixed(later));
    app.tick(std::time::Instant::now());
    assert!(
        dashboard(&app, later)
            .iter()
            .any(|i| i.worker_id == line.worker_id && i.item.duty == Duty::PlanReview)
    );
    let items = dashboard(&app, later);
    let at = items
        .iter()
        .position(|i| i.worker_id == line.worker_id && i.item.duty == Duty::PlanReview)
        .unwrap();
    for _ in 0..=items.len() / 10 {
        press(&mut app, KeyCode::PageUp);
    }
    for _ in 0..at {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    let s = screen(&app, 80, 24);
    assert!(s.contains("第1版 2026-11-21 の見直し"), "{s}");
    // A review is explained and agreed to again.
    tab(&mut app, EXPLAINED);
    type_text(&mut app, "2027-05-10");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right);
    tab(&mut app, HEAD - CONSENT);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "時間内に終わる日が増えた。");
    ctrl(&mut app, 's');
    let s = screen(&app, 80, 24);
    assert!(s.contains("第2版 2027-05-10"), "{s}");
    let plans = app.store().plans_for(&line.worker_id).unwrap();
    assert_eq!(plans.len(), 2);
    let e = plans[1].evaluation_of(&plans[0].goals[0].id).unwrap();
    assert_eq!(e.achievement, Achievement::Partly);
    assert_eq!(e.effect, "時間内に終わる日が増えた。");
    assert_eq!(
        plans[1].goals[0].goal, plans[0].goals[0].goal,
        "carried over"
    );
    assert!(
        !dashboard(&app, later)
            .iter()
            .any(|i| i.worker_id == line.worker_id && i.item.duty == Duty::PlanReview),
        "the review line is gone"
    );
    // The old version stays readable (the worker page's plan, one back).
    press(&mut app, KeyCode::Char('w'));
    type_text(&mut app, &worker.kana);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('p'));
    press(&mut app, KeyCode::Left);
    let s = screen(&app, 80, 24);
    assert!(s.contains("第1版 2026-11-21"), "{s}");
    assert!(s.contains("初回の計画"), "{s}");
}

/// Enter, Ctrl-S on the home screen's plan line saved a plan with no goal
/// and no 本人への説明日, and the line went (issue 27). Now every missing
/// field is named beside it, nothing is saved and the line stays.
#[test]
fn an_empty_plan_is_refused_with_each_missing_field_named_and_the_line_stays() {
    for lang in [Lang::Ja, Lang::En] {
        let mut app = demo_app(lang);
        let line = select(&mut app, Duty::Plan);
        press(&mut app, KeyCode::Enter);
        ctrl(&mut app, 's');
        assert!(app.store().plans_for(&line.worker_id).unwrap().is_empty());
        let s = screen(&app, 80, 24);
        let (required, consent) = match lang {
            Lang::Ja => ("必須です", "本人の同意が必要です"),
            Lang::En => (
                "required: please fill it in",
                "the worker's consent is required",
            ),
        };
        assert!(s.contains(required) && s.contains(consent), "{s}");
        if lang == Lang::Ja {
            insta::assert_snapshot!("plan_empty_refused_80x24", s);
        }
        // The first goal slot's goal is named too (further down the form).
        tab(&mut app, HEAD + 1 - LONG_TERM);
        let s = screen(&app, 80, 24);
        let goal = match lang {
            Lang::Ja => "目標を1つ以上書いてください",
            Lang::En => "at least one goal is required",
        };
        assert!(s.contains(goal), "{s}");
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Char('y'));
        assert!(
            dashboard(&app, today())
                .iter()
                .any(|i| i.worker_id == line.worker_id && i.item.duty == Duty::Plan),
            "the plan line stays"
        );
    }
}

#[test]
fn the_worker_page_opens_the_plan_and_versions_page_back() {
    let mut app = demo_app(Lang::En);
    let line = select(&mut app, Duty::PlanReview);
    press(&mut app, KeyCode::Char('o'));
    press(&mut app, KeyCode::Char('p'));
    let s = screen(&app, 80, 24);
    assert!(s.contains("Support plan"), "{s}");
    assert!(s.contains("(2 of 2)"), "{s}");
    assert!(s.contains("worker's consent: given"), "{s}");
    insta::assert_snapshot!("plan_review_en_80x24", s);
    // The evaluation is further down.
    press(&mut app, KeyCode::PageDown);
    let s = screen(&app, 80, 24);
    assert!(s.contains("Evaluation"), "{s}");
    press(&mut app, KeyCode::Char('['));
    let s = screen(&app, 80, 24);
    assert!(s.contains("(1 of 2)"), "{s}");
    assert!(s.contains("first plan"), "{s}");
    press(&mut app, KeyCode::Char('['));
    assert!(
        screen(&app, 80, 24).contains("(1 of 2)"),
        "stays at the oldest"
    );
    assert_eq!(
        app.store().plans_for(&line.worker_id).unwrap().len(),
        2,
        "reading changes nothing"
    );
}

#[test]
fn a_plan_being_typed_is_drafted_and_offered_after_a_crash() {
    use teichaku::tui::drafts::Drafts;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let mut store = common::open_db(&db);
    let mut w = teichaku::domain::Worker::new(store::new_id(), "山田 太郎".into());
    w.hire_date = Some(day(2026, 4, 1));
    store.add_worker(&w).unwrap();
    let drafts = common::drafts_beside(&db);
    let config = |d: Drafts| Config {
        drafts: d,
        ..Config::new(Lang::Ja, today())
    };
    let mut app = App::new(store, config(drafts.clone())).unwrap();
    // The dashboard's only plan line, then a first plan.
    select(&mut app, Duty::Plan);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right);
    tab(&mut app, LONG_TERM - 1);
    type_text(&mut app, "自分から相談して\n働き続ける。");
    app.tick(std::time::Instant::now());
    let list = drafts.list().0;
    assert_eq!(list.len(), 1, "written at the first tick after typing");
    assert!(list[0].plan.is_some());
    // The process dies here: no save, no quit.
    drop(app);

    let mut app = App::new(common::open_db(&db), config(drafts.clone())).unwrap();
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("下書きがあります") && s.contains("山田 太郎"),
        "{s}"
    );
    press(&mut app, KeyCode::Char('y'));
    let s = screen(&app, 80, 24);
    assert!(s.contains("支援計画を作成"), "{s}");
    assert!(
        s.contains("順行期・調整期"),
        "the chosen stage is back: {s}"
    );
    tab(&mut app, LONG_TERM);
    let s = screen(&app, 80, 24);
    assert!(s.contains("働き続ける。"), "{s}");
    // A goal, then save: the plan is stored and the draft is gone.
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "2026-11-20");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right);
    tab(&mut app, HEAD - CONSENT + 1);
    type_text(&mut app, "報告する。");
    tab(&mut app, 2);
    type_text(&mut app, "報告の練習をする。");
    ctrl(&mut app, 's');
    let plans = app.store().plans_for(&w.id).unwrap();
    assert_eq!(plans.len(), 1);
    assert_eq!(
        plans[0].version.long_term_goal,
        "自分から相談して\n働き続ける。"
    );
    assert!(drafts.list().0.is_empty(), "the draft is gone once saved");
}

#[test]
fn a_shown_version_is_corrected_in_place_and_stays_one_version() {
    let mut app = demo_app(Lang::Ja);
    let line = select(&mut app, Duty::PlanReview);
    press(&mut app, KeyCode::Char('o'));
    press(&mut app, KeyCode::Char('p'));
    let before = app.store().plans_for(&line.worker_id).unwrap();
    let shown = before.last().unwrap().clone();
    press(&mut app, KeyCode::Char('e'));
    let s = screen(&app, 80, 24);
    assert!(s.contains("支援計画の版を直す"), "{s}");
    tab(&mut app, LONG_TERM);
    press(&mut app, KeyCode::End);
    type_text(&mut app, "（本人と確認済み）");
    // The stored evaluation is shown for correction, not offered anew.
    tab(&mut app, HEAD - LONG_TERM);
    let s = screen(&app, 80, 24);
    assert!(s.contains("< 達成 >"), "{s}");
    ctrl(&mut app, 's');
    let after = app.store().plans_for(&line.worker_id).unwrap();
    assert_eq!(after.len(), before.len(), "no new version");
    let fixed = after.last().unwrap();
    assert_eq!(fixed.version.id, shown.version.id);
    assert!(
        fixed.version.long_term_goal.ends_with("（本人と確認済み）"),
        "{}",
        fixed.version.long_term_goal
    );
    assert_eq!(
        fixed.evaluations, shown.evaluations,
        "evaluations kept as they were"
    );
    assert_eq!(fixed.goals, shown.goals);
    let log = app.store().log_for(&shown.version.id).unwrap();
    assert!(
        log.iter().any(|e| e.field == "long_term_goal"),
        "the edit is in the change log, for sync"
    );
    let s = screen(&app, 80, 24);
    assert!(s.contains("本人と確認済み"), "{s}");
}
