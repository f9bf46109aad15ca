//! Two laptops reviewed the same plan (issue 27, item 8), in the TUI: the
//! worker page and the plan screen say there is a conflict, the conflict
//! list shows both 第2版 with who made them, one is kept by keys (the other
//! stays, marked on the plan screen), or a merged version is written.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::plan_fork::*;
use common::tui::*;
use crossterm::event::KeyCode;
use teichaku::i18n::Lang;
use teichaku::store::Store;
use teichaku::tui::{App, Config};

fn app_of(store: Store, lang: Lang) -> App {
    let cfg = Config {
        staff_name: "佐藤 美咲".into(),
        ..Config::new(lang, today())
    };
    App::new(store, cfg).unwrap()
}

/// From the home screen to the worker's page (the only worker).
fn open_worker(app: &mut App) {
    press(app, KeyCode::Char('w'));
    press(app, KeyCode::Enter);
}

#[test]
fn the_worker_page_and_the_plan_screen_say_there_is_a_conflict_and_one_is_kept() {
    let (_a, b, w, ra, rb) = forked();
    let mut app = app_of(b.store, Lang::Ja);
    open_worker(&mut app);
    let page = screen(&app, 80, 24);
    assert!(page.contains("計画の競合: 第2版が 2 つあります"), "{page}");
    press(&mut app, KeyCode::Char('p'));
    let plan = screen(&app, 80, 24);
    assert!(plan.contains("計画の競合"), "{plan}");
    assert!(plan.contains("[c]"), "{plan}");
    press(&mut app, KeyCode::Char('c'));
    let list = screen(&app, 80, 24);
    assert!(list.contains("支援計画 v2 山田 太郎"), "{list}");
    assert!(list.contains("佐藤") && list.contains("鈴木"), "{list}");
    press(&mut app, KeyCode::Enter);
    let compare = screen(&app, 120, 40);
    assert!(compare.contains("佐藤の見直し"), "{compare}");
    assert!(compare.contains("まとめた版"), "{compare}");
    // Keep the first (佐藤's), confirmed in a dialog.
    press(&mut app, KeyCode::Enter);
    let dialog = screen(&app, 80, 24);
    assert!(dialog.contains("選ばれなかった版"), "{dialog}");
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(app.store().conflict_count().unwrap(), 0);
    assert_eq!(
        app.store().latest_plan(&w).unwrap().unwrap().version.id,
        ra.version.id
    );
    let kept = app.store().plan(&rb.version.id).unwrap().unwrap();
    assert_eq!(kept.version.superseded_by, ra.version.id);
    // Back on the plan screen (the list left once nothing is open), on the
    // version shown before (鈴木's, the later): no conflict, it is marked.
    press(&mut app, KeyCode::Esc);
    let plan = screen(&app, 80, 24);
    assert!(plan.contains("就労定着支援計画 — 山田 太郎"), "{plan}");
    assert!(!plan.contains("計画の競合:"), "{plan}");
    assert!(plan.contains("選ばれなかった版"), "{plan}");
    press(&mut app, KeyCode::Char('['));
    let chosen = screen(&app, 80, 24);
    assert!(
        chosen.contains("記録者: 佐藤") && !chosen.contains("選ばれなかった版"),
        "{chosen}"
    );
    // Opened again, the plan screen starts on the version in force.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('p'));
    let again = screen(&app, 80, 24);
    assert!(again.contains("記録者: 佐藤"), "{again}");
}

#[test]
fn a_merged_version_is_written_from_the_conflict_screen() {
    let (_a, b, w, ra, rb) = forked();
    let mut app = app_of(b.store, Lang::En);
    open_worker(&mut app);
    let page = screen(&app, 80, 24);
    assert!(page.contains("Plan conflict: 2 versions 2"), "{page}");
    press(&mut app, KeyCode::Char('p'));
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('e'));
    let form = screen(&app, 80, 24);
    assert!(
        form.contains("Merge the concurrent plan versions"),
        "{form}"
    );
    ctrl(&mut app, 's');
    let saved = screen(&app, 80, 24);
    assert_eq!(app.store().conflict_count().unwrap(), 0, "{saved}");
    let latest = app.store().latest_plan(&w).unwrap().unwrap();
    assert_eq!(latest.version.version, 2);
    assert_eq!(latest.version.remarks, "鈴木の見直し", "from the later one");
    for old in [&ra, &rb] {
        let v = app.store().plan(&old.version.id).unwrap().unwrap();
        assert_eq!(v.version.superseded_by, latest.version.id);
    }
}
