//! A report in its month (issue 27, item 4; domain.md "Dates of a month's
//! report"): no report for a month after today's; its confirmation and
//! hand-over between the month's first day and today; handed after its month
//! it counts but shows 済（期限後）; a report whose dates lie before its month
//! (made ahead, or arrived by sync) does not clear the month. Today is pinned
//! (2026-01-15); the worker is in service since July 2025.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::NaiveDate;
use common::cli::Env;
use teichaku::domain::dates::YearMonth;
use teichaku::domain::report::{Report, ReportField};
use teichaku::domain::schedule::{DueState, Duty};
use teichaku::domain::{Status, Worker};
use teichaku::store::{Store, new_id};

fn setup() -> Env {
    let env = Env::on("2026-01-15");
    env.ok(&[
        "worker",
        "add",
        "--name",
        "山田 太郎",
        "--hire-date",
        "2025-01-10",
        "--status",
        "active",
    ]);
    env
}

/// The December report drafted with its four required fields.
fn december(env: &Env) {
    env.ok(&["report", "draft", "山田", "--month", "2025-12"]);
    for field in ["goals", "done", "result", "next"] {
        env.ok(&[
            "report", "set", "山田", "--month", "2025-12", "--field", field, "--text", "内容",
        ]);
    }
}

fn report_line(env: &Env, month: &str) -> Option<serde_json::Value> {
    let due: Vec<serde_json::Value> = serde_json::from_str(&env.ok(&["due", "--json"])).unwrap();
    due.into_iter()
        .find(|i| i["duty"] == "report" && i["month"] == month)
}

#[test]
fn a_report_for_a_month_after_todays_is_refused_and_nothing_is_saved() {
    let env = setup();
    let log = env.log_len();
    let err = env.fails(&["report", "draft", "山田", "--month", "2026-03"]);
    assert!(err.contains("2026年3月のレポートはまだ作れません"), "{err}");
    let err = env.fails(&[
        "--lang", "en", "report", "draft", "山田", "--month", "2026-03",
    ]);
    assert!(
        err.contains("report for March 2026 cannot be made"),
        "{err}"
    );
    let err = env.fails(&[
        "report", "set", "山田", "--month", "2026-03", "--field", "goals", "--text", "x",
    ]);
    assert!(err.contains("2026年3月"), "{err}");
    assert_eq!(env.log_len(), log, "nothing was written");
    // This month is fine.
    env.ok(&["report", "draft", "山田", "--month", "2026-01"]);
}

#[test]
fn dates_before_the_month_are_refused_and_a_late_hand_over_counts_as_late() {
    let env = setup();
    december(&env);
    let err = env.fails(&[
        "report",
        "set",
        "山田",
        "--month",
        "2025-12",
        "--confirmed",
        "2025-11-10",
    ]);
    assert!(
        err.contains("本人確認日が2025年12月より前") && err.contains("2025-12-01"),
        "{err}"
    );
    let err = env.fails(&[
        "--lang",
        "en",
        "report",
        "finalise",
        "山田",
        "--month",
        "2025-12",
        "--confirmed",
        "2025-12-20",
        "--handed",
        "2025-11-10",
    ]);
    assert!(
        err.contains("handed over date is before December 2025"),
        "{err}"
    );
    assert!(report_line(&env, "2025-12").is_some_and(|i| i["state"] == "overdue"));

    // Handed over on 1/10, after December ended: it counts, late.
    env.ok(&[
        "report",
        "finalise",
        "山田",
        "--month",
        "2025-12",
        "--confirmed",
        "2026-01-10",
        "--handed",
        "2026-01-10",
    ]);
    let list = env.ok(&["report", "list", "山田"]);
    assert!(list.contains("2025-12  確定・済（期限後）"), "{list}");
    let en = env.ok(&["--lang", "en", "report", "list", "山田"]);
    assert!(en.contains("2025-12  finalised, done (late)"), "{en}");
    assert!(report_line(&env, "2025-12").is_none(), "the month is met");
}

/// A report whose dates lie before its month, saved by an older teichaku or
/// arrived by sync (the store does not judge dates against today), and one
/// handed on a day still to come: neither clears its month; one handed after
/// its month is late.
#[test]
fn a_held_report_dated_before_its_month_does_not_clear_it() {
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let mut w = Worker::new(new_id(), "山田 太郎".into());
    w.hire_date = Some(day(2025, 1, 10));
    w.status = Status::Active;
    store.add_worker(&w).unwrap();
    let made = |month: YearMonth, on: NaiveDate| {
        let mut r = Report::new(new_id(), w.id.clone(), month);
        for f in ReportField::REQUIRED {
            r.set_text(f, "内容");
        }
        r.confirmed_on = Some(on);
        r.handed_on = Some(on);
        r.finalised = true;
        r
    };
    let dec = YearMonth::new(2025, 12).unwrap();
    let nov = YearMonth::new(2025, 11).unwrap();
    store.add_report(&made(dec, day(2025, 11, 10))).unwrap();
    store.add_report(&made(nov, day(2025, 12, 3))).unwrap();
    let today = day(2026, 1, 15);
    let items = store.duties_for(&w, today).unwrap();
    let state = |month| {
        items
            .iter()
            .find(|i| i.duty == Duty::Report { month })
            .map(|i| i.state)
    };
    assert_eq!(state(dec), Some(DueState::Overdue), "made before its month");
    assert_eq!(state(nov), Some(DueState::Late), "handed after its month");
    // A January report dated tomorrow (another laptop's clock) is not met yet.
    let jan = YearMonth::new(2026, 1).unwrap();
    store.add_report(&made(jan, day(2026, 1, 16))).unwrap();
    let items = store.duties_for(&w, today).unwrap();
    assert!(
        items
            .iter()
            .any(|i| i.duty == Duty::Report { month: jan } && i.state == DueState::DueSoon)
    );
}
