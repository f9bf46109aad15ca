//! Starting with workers already in service: after adding one, the form for
//! what was done before, elsewhere, opens; recording the past months leaves
//! only what is really open. The record is its own synced kind.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::NaiveDate;
use common::tui::*;
use crossterm::event::KeyCode;
use teichaku::domain::schedule::{DueState, Duty, Monthly};
use teichaku::i18n::Lang;
use teichaku::store::{Op, Store};
use teichaku::tui::{App, Config};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

/// Adds a worker by keys: name, then the hire date (field 8), Ctrl-S.
fn add_worker(app: &mut App, name: &str, hire: &str) -> usize {
    let mut keys = 1;
    ctrl(app, 'n');
    type_text(app, name);
    for _ in 0..7 {
        press(app, KeyCode::Tab);
        keys += 1;
    }
    type_text(app, hire);
    ctrl(app, 's');
    keys + 1
}

#[test]
fn two_workers_in_service_are_added_with_their_past_months_done_elsewhere() {
    let cfg = Config {
        staff_name: "佐藤 美咲".into(),
        ..Config::new(Lang::Ja, today())
    };
    let mut app = App::new(Store::open_in_memory().unwrap(), cfg).unwrap();
    // Hired 2024-03-01: in service since 2024-09; 2025-01-10: since 2025-07.
    for (name, hire) in [("山田 太郎", "2024-03-01"), ("鈴木 花子", "2025-01-10")] {
        add_worker(&mut app, name, hire);
        // The worker is saved; the form for what was done before opens.
        let s = screen(&app, 80, 24);
        assert!(s.starts_with("導入前に他で実施済みの記録"), "{s}");
        assert!(s.contains("2026-10"), "to last month: {s}");
        if name == "山田 太郎" {
            insta::assert_snapshot!("prior_form_80x24", s);
        }
        // The three kinds (1, 2, 3 on the focused field), the plan's last
        // review, save.
        let mut keys = 0;
        for c in ['1', '2', '3'] {
            press(&mut app, KeyCode::Char(c));
            keys += 1;
        }
        press(&mut app, KeyCode::Tab);
        type_text(&mut app, "2026-08-01");
        ctrl(&mut app, 's');
        keys += 2;
        assert_eq!(keys, 5, "keys besides the date typed");
        let s = screen(&app, 80, 24);
        assert!(s.contains("他で実施済みとして記録しました"), "{s}");
    }
    let store = app.store();
    let items = store.dashboard(today()).unwrap();
    // What is really open: this month's duties, nothing from before; the
    // plan review is due six months after 2026-08-01 (not yet).
    assert!(
        items.iter().all(|i| match i.item.duty {
            Duty::ContactWorker { month }
            | Duty::Report { month }
            | Duty::ContactEmployer { month } =>
                month == teichaku::domain::dates::YearMonth::of(today()),
            _ => false,
        }),
        "{items:#?}"
    );
    assert_eq!(items.len(), 6, "three monthly duties for two workers");
    assert!(items.iter().all(|i| i.item.state == DueState::DueSoon));
    assert!(
        !items
            .iter()
            .any(|i| matches!(i.item.duty, Duty::Missed { .. }))
    );
    // The records are marked as such: their own kind, in the change log.
    let w = store.resolve_worker("山田 太郎").unwrap();
    let priors = store.priors_for(&w.id).unwrap();
    assert_eq!(priors.len(), 1);
    assert_eq!(priors[0].from.to_string(), "2024-09");
    assert_eq!(priors[0].recorded_by, "佐藤 美咲");
    assert!(
        store
            .log_for(&priors[0].id)
            .unwrap()
            .iter()
            .any(|e| e.op == Op::Create && e.field == "from_month")
    );
    assert!(
        store.contacts_for(&w.id).unwrap().is_empty(),
        "no contact invented"
    );
    assert!(
        store
            .missed_months(&w, Monthly::ContactWorker, today())
            .unwrap()
            .is_empty()
    );
}

#[test]
fn the_form_can_be_left_and_says_what_is_wrong() {
    let mut app = App::new(
        Store::open_in_memory().unwrap(),
        Config::new(Lang::En, today()),
    )
    .unwrap();
    add_worker(&mut app, "Tanaka", "2025-01-10");
    let s = screen(&app, 80, 24);
    assert!(s.starts_with("Done before teichaku, elsewhere"), "{s}");
    // Nothing chosen: refused, beside the field.
    ctrl(&mut app, 's');
    let s = screen(&app, 80, 24);
    assert!(s.contains("Choose what was done elsewhere"), "{s}");
    // Esc: left; the past months stay open (folded).
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('y'));
    let items = app.store().dashboard(today()).unwrap();
    assert!(
        items
            .iter()
            .any(|i| matches!(i.item.duty, Duty::Missed { .. }))
    );
}
