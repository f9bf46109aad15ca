//! The service period's edges in the TUI, driven by keys on ratatui's
//! TestBackend over the demo with today = 2026-11-21: waiving a duty from the
//! home screen (domain::waiver: the reason is required, the line leaves the
//! home screen, the waiver is a synced record in the change log), ending a
//! worker's service keeps their past lines, and the worker form refuses a
//! start or an anchor outside the caps beside the field.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::{Datelike, NaiveDate};
use common::tui::*;
use crossterm::event::KeyCode;
use teichaku::domain::schedule::{DashboardItem, Duty, Monthly};
use teichaku::domain::waiver::{WaivedDuty, Waiver};
use teichaku::domain::{Status, Worker};
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

fn dashboard(app: &App) -> Vec<DashboardItem> {
    app.store().dashboard(today()).unwrap()
}

fn select(app: &mut App, i: usize) {
    for _ in 0..i {
        press(app, KeyCode::Down);
    }
}

#[test]
fn a_report_line_waived_with_a_reason_leaves_the_home_screen() {
    let mut app = demo_app(Lang::Ja);
    let board = dashboard(&app);
    let at = board
        .iter()
        .position(|i| matches!(i.item.duty, Duty::Report { .. }))
        .unwrap();
    let line = board[at].clone();
    select(&mut app, at);
    press(&mut app, KeyCode::Char('v'));
    let form = screen(&app, 80, 24);
    assert!(form.contains("対応の免除"), "{form}");
    assert!(form.contains(&line.worker_name), "{form}");
    // No reason: refused beside the field, nothing saved.
    let log = app.store().own_log().unwrap().len();
    ctrl(&mut app, 's');
    assert!(screen(&app, 80, 24).contains("理由が必要です"));
    assert_eq!(app.store().own_log().unwrap().len(), log);
    type_text(&mut app, "入院のため面談・レポートできず");
    ctrl(&mut app, 's');
    let home = screen(&app, 80, 24);
    assert!(home.contains("免除として記録しました"), "{home}");
    assert!(
        !dashboard(&app)
            .iter()
            .any(|i| i.worker_id == line.worker_id && i.item.duty == line.item.duty),
        "the waived line is gone"
    );
    let waivers = app.store().waivers_for(&line.worker_id).unwrap();
    assert_eq!(waivers.len(), 1);
    assert_eq!(waivers[0].reason, "入院のため面談・レポートできず");
    assert_eq!(waivers[0].waived_by, "佐藤 美咲");
    assert_eq!(waivers[0].waived_on, today());
    assert!(
        app.store()
            .own_log()
            .unwrap()
            .iter()
            .any(|e| e.entity == "waiver"),
        "synced through the change log"
    );
}

#[test]
fn a_folded_line_waives_every_month_it_stands_for_and_a_plan_line_cannot_be_waived() {
    let mut app = demo_app(Lang::En);
    let board = dashboard(&app);
    let plan = board
        .iter()
        .position(|i| matches!(i.item.duty, Duty::Plan | Duty::PlanReview))
        .unwrap();
    select(&mut app, plan);
    press(&mut app, KeyCode::Char('v'));
    assert!(screen(&app, 80, 24).contains("cannot be waived"));
    for _ in 0..plan {
        press(&mut app, KeyCode::Up);
    }
    let at = board
        .iter()
        .position(|i| {
            matches!(
                i.item.duty,
                Duty::Missed {
                    what: Monthly::Report,
                    months: 2..,
                    ..
                }
            )
        })
        .unwrap();
    let Duty::Missed { months, .. } = board[at].item.duty else {
        unreachable!()
    };
    let worker = board[at].worker_id.clone();
    select(&mut app, at);
    press(&mut app, KeyCode::Char('v'));
    type_text(&mut app, "covered by the sending agency");
    ctrl(&mut app, 's');
    assert_eq!(
        app.store().waivers_for(&worker).unwrap().len(),
        months as usize
    );
    assert!(!dashboard(&app).iter().any(|i| i.worker_id == worker
        && matches!(
            i.item.duty,
            Duty::Missed {
                what: Monthly::Report,
                ..
            }
        )));
}

#[test]
fn ending_a_workers_service_keeps_their_missed_months_on_the_home_screen() {
    let mut store = Store::open_in_memory().unwrap();
    teichaku::demo::load_all(&mut store, today()).unwrap();
    let before = store.dashboard(today()).unwrap();
    // A worker in service with missed months.
    let id = before
        .iter()
        .find(|i| matches!(i.item.duty, Duty::Missed { .. }))
        .map(|i| i.worker_id.clone())
        .unwrap();
    let past = |board: &[DashboardItem]| -> Vec<Duty> {
        board
            .iter()
            .filter(|i| i.worker_id == id && matches!(i.item.duty, Duty::Missed { .. }))
            .map(|i| i.item.duty)
            .collect()
    };
    let mut w: Worker = store.worker(&id).unwrap().unwrap();
    w.status = Status::Ended;
    store.update_worker(&w).unwrap();
    let after = store.dashboard(today()).unwrap();
    assert!(!past(&before).is_empty());
    assert_eq!(past(&after), past(&before));
    // The whole home screen keeps every overdue line of the months before
    // this one (30 -> 25 in the demo before the fix).
    let overdue_past = |board: &[DashboardItem]| {
        board
            .iter()
            .filter(|i| i.worker_id == id && i.item.due < today().with_day(1).unwrap())
            .filter(|i| {
                !matches!(
                    i.item.duty,
                    Duty::Plan | Duty::PlanReview | Duty::FollowUp | Duty::Handover
                )
            })
            .count()
    };
    assert_eq!(overdue_past(&after), overdue_past(&before));
}

/// The worker form names the caps beside the field (domain.md, "Counting
/// months"): a start before hire + 6 months, a variant's anchor before hire.
#[test]
fn the_worker_form_refuses_a_start_before_six_months_and_an_anchor_before_hire() {
    let mut app = demo_app(Lang::Ja);
    let workers = app.store().workers().unwrap().len();
    ctrl(&mut app, 'n');
    type_text(&mut app, "森 一郎");
    for _ in 0..7 {
        press(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "2026-04-01");
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "2026-09-30");
    ctrl(&mut app, 's');
    let form = screen(&app, 80, 24);
    assert!(form.contains("支援開始は 2026-10-01 以降です"), "{form}");
    assert_eq!(app.store().workers().unwrap().len(), workers, "not saved");
    // English, the anchor: 復職支援型 back before the hire date.
    let mut app = demo_app(Lang::En);
    ctrl(&mut app, 'n');
    type_text(&mut app, "Mori");
    for _ in 0..7 {
        press(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "2026-04-01");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "2026-03-01");
    ctrl(&mut app, 's');
    let form = screen(&app, 120, 40);
    assert!(form.contains("before the hire date (2026-04-01)"), "{form}");
}

#[test]
fn a_folded_lines_month_list_shows_the_waived_months_with_their_reason() {
    let mut store = Store::open_in_memory().unwrap();
    teichaku::demo::load_all(&mut store, today()).unwrap();
    let board = store.dashboard(today()).unwrap();
    let line = board
        .iter()
        .find(|i| {
            matches!(
                i.item.duty,
                Duty::Missed {
                    what: Monthly::ContactWorker,
                    months: 3..,
                    ..
                }
            )
        })
        .unwrap()
        .clone();
    let worker = store.worker(&line.worker_id).unwrap().unwrap();
    let months = store
        .missed_months(&worker, Monthly::ContactWorker, today())
        .unwrap();
    let first = months[0];
    store
        .add_waivers(
            &[Waiver {
                id: teichaku::store::new_id(),
                worker_id: worker.id.clone(),
                duty: WaivedDuty::ContactWorker,
                month: Some(first),
                reason: "入院のため".into(),
                waived_on: today(),
                waived_by: "佐藤 美咲".into(),
            }],
            today(),
        )
        .unwrap();
    let config = Config {
        staff_name: "佐藤 美咲".into(),
        ..Config::new(Lang::Ja, today())
    };
    let mut app = App::new(store, config).unwrap();
    let at = dashboard(&app)
        .iter()
        .position(|i| {
            i.worker_id == worker.id
                && matches!(
                    i.item.duty,
                    Duty::Missed {
                        what: Monthly::ContactWorker,
                        ..
                    }
                )
        })
        .unwrap();
    select(&mut app, at);
    press(&mut app, KeyCode::Enter);
    let s = screen(&app, 80, 24);
    assert!(s.contains(&format!("{}か月分", months.len() - 1)), "{s}");
    let label = teichaku::i18n::month_label(first, Lang::Ja);
    assert!(
        s.contains(&format!(
            "{label} 本人と対面の支援  免除（理由あり）：入院のため"
        )),
        "{s}"
    );
}
