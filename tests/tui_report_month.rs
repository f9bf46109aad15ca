//! A report in its month, in the TUI (issue 27, item 4): a report for a month
//! after today's is refused with the reason and nothing is saved; one handed
//! over after its month counts and its title says 済（期限後）. On the demo,
//! today = 2026-11-21.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::NaiveDate;
use common::tui::*;
use crossterm::event::KeyCode;
use teichaku::domain::dates::YearMonth;
use teichaku::domain::report::ReportField;
use teichaku::domain::schedule::{DueState, Duty};
use teichaku::i18n::Lang;
use teichaku::store::Store;
use teichaku::tui::{App, Config};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

fn demo_app(lang: Lang) -> App {
    let mut store = Store::open_in_memory().unwrap();
    teichaku::demo::load_all(&mut store, today()).unwrap();
    App::new(store, Config::new(lang, today())).unwrap()
}

#[test]
fn a_report_ahead_of_its_month_is_refused_and_a_late_one_is_marked() {
    for lang in [Lang::Ja, Lang::En] {
        let mut app = demo_app(lang);
        press(&mut app, KeyCode::Char('w'));
        type_text(&mut app, "まつもと");
        press(&mut app, KeyCode::Enter);
        let worker = app
            .store()
            .workers()
            .unwrap()
            .into_iter()
            .find(|w| w.worker.display_name == "松本 航")
            .unwrap()
            .worker;
        press(&mut app, KeyCode::Char('r'));
        // December, after today's month: no draft.
        press(&mut app, KeyCode::Right);
        press(&mut app, KeyCode::Char('d'));
        let s = screen(&app, 80, 24);
        let why = match lang {
            Lang::Ja => "2026年12月のレポートはまだ作れません",
            Lang::En => "cannot be made yet",
        };
        assert!(s.contains(why), "{s}");
        let dec = YearMonth::new(2026, 12).unwrap();
        assert!(app.store().report_for(&worker.id, dec).unwrap().is_none());

        // A past month without a report, drafted and handed over today.
        let mut month = YearMonth::of(today());
        press(&mut app, KeyCode::Left);
        loop {
            month = month.prev().unwrap();
            press(&mut app, KeyCode::Left);
            if app.store().report_for(&worker.id, month).unwrap().is_none() {
                break;
            }
        }
        press(&mut app, KeyCode::Char('d'));
        // The four required fields, each in its form.
        for _ in ReportField::REQUIRED {
            press(&mut app, KeyCode::Enter);
            type_text(&mut app, "内容");
            ctrl(&mut app, 's');
            press(&mut app, KeyCode::Down);
        }
        press(&mut app, KeyCode::Char('c'));
        press(&mut app, KeyCode::Char('h'));
        press(&mut app, KeyCode::Char('f'));
        let r = app.store().report_for(&worker.id, month).unwrap().unwrap();
        assert!(r.finalised && r.is_late(), "{r:?}");
        let s = screen(&app, 80, 24);
        let late = match lang {
            Lang::Ja => "済（期限後）",
            Lang::En => "done (late)",
        };
        assert!(s.lines().next().unwrap().contains(late), "{s}");
        let items = app.store().duties_for(&worker, today()).unwrap();
        let state = items
            .iter()
            .find(|i| i.duty == Duty::Report { month })
            .map(|i| i.state);
        // Listed one by one (the lookback) it is late; older, it is met.
        assert!(matches!(state, Some(DueState::Late) | None), "{state:?}");
    }
}
