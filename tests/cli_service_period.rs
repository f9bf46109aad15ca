//! The service period's caps (domain.md, "Counting months") and the duties
//! that stay after a service ended, on the command line as a user types them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::cli::Env;

#[test]
fn a_late_start_ends_at_three_years_six_months_from_hire_and_an_early_one_is_refused() {
    let env = Env::new();
    env.ok(&[
        "worker",
        "add",
        "--name",
        "山田 太郎",
        "--hire-date",
        "2026-04-01",
        "--service-start",
        "2028-01-01",
    ]);
    let show = env.ok(&["worker", "show", "山田"]);
    assert!(show.contains("2028-01-01 – 2029-09-30"), "{show}");
    // A start before hire + 6 months: refused with the reason, nothing saved.
    let log = env.log_len();
    let err = env.fails(&["worker", "edit", "山田", "--service-start", "2026-09-30"]);
    assert!(
        err.contains("2026-10-01 以降") && err.contains("6か月"),
        "{err}"
    );
    let err = env.fails(&[
        "--lang",
        "en",
        "worker",
        "edit",
        "山田",
        "--service-start",
        "2026-09-30",
    ]);
    assert!(
        err.contains("six months") && err.contains("2026-10-01"),
        "{err}"
    );
    // An end past the cap.
    let err = env.fails(&["worker", "edit", "山田", "--service-end", "2030-12-31"]);
    assert!(err.contains("2029-09-30"), "{err}");
    assert_eq!(env.log_len(), log, "nothing saved");
    assert!(
        env.ok(&["worker", "show", "山田"])
            .contains("2028-01-01 – 2029-09-30")
    );
}

#[test]
fn a_variants_anchor_before_hire_is_refused() {
    let env = Env::new();
    for ty in ["extended", "reinstatement"] {
        let err = env.fails(&[
            "worker",
            "add",
            "--name",
            "佐藤 花子",
            "--hire-date",
            "2026-04-01",
            "--service-type",
            ty,
            "--anchor-date",
            "2026-03-31",
        ]);
        assert!(err.contains("入社日（2026-04-01）より前"), "{ty}: {err}");
    }
    assert!(!env.ok(&["worker", "list"]).contains("佐藤"));
}

/// Hired 2025-08-31: service 2026-03-01 – 2029-02-28; today 2026-11-21.
fn hired_on_31_august(env: &Env) {
    env.ok(&[
        "worker",
        "add",
        "--name",
        "山田 太郎",
        "--hire-date",
        "2025-08-31",
    ]);
}

fn due_json(env: &Env) -> Vec<serde_json::Value> {
    serde_json::from_str(&env.ok(&["due", "--json"])).unwrap()
}

fn has(items: &[serde_json::Value], duty: &str, month: Option<&str>) -> bool {
    items
        .iter()
        .any(|i| i["duty"] == duty && month.is_none_or(|m| i["month"] == m))
}

#[test]
fn ending_the_service_keeps_the_missed_months_and_the_handover_shows_after_the_end() {
    let env = Env::new();
    hired_on_31_august(&env);
    let before = due_json(&env);
    assert!(has(&before, "report", Some("2026-10")));
    env.ok(&["worker", "edit", "山田", "--status", "ended"]);
    let after = due_json(&env);
    // The months before the end stay (October is listed, March–August folded).
    assert!(has(&after, "report", Some("2026-10")), "{after:?}");
    assert!(has(&after, "contact_worker", Some("2026-10")));
    let folded = after
        .iter()
        .find(|i| i["duty"] == "missed" && i["what"] == "report")
        .expect("the folded months stay");
    assert_eq!(folded["from"], "2026-03");
    // Ended in November: November is not owed, nor the plan or the end.
    assert!(!has(&after, "report", Some("2026-11")));
    assert!(!has(&after, "plan", None));
    assert!(!has(&after, "service_end", None));
    // Ended early, with no sharing: the handover is overdue, not 対象外.
    let handover = after.iter().find(|i| i["duty"] == "handover").unwrap();
    assert_eq!(handover["state"], "overdue");
    let show = env.ok(&["handover", "show", "山田"]);
    assert!(show.contains("引継ぎ先への共有が未実施"), "{show}");
    assert!(!show.contains("対象外"), "{show}");
}

#[test]
fn a_waived_duty_leaves_due_and_shows_with_its_reason() {
    let env = Env::new();
    hired_on_31_august(&env);
    let log = env.log_len();
    // No reason, no month, a month after today's: refused, nothing saved.
    let err = env.fails(&[
        "due", "waive", "山田", "--duty", "report", "--month", "2026-10", "--reason", " ",
    ]);
    assert!(err.contains("理由"), "{err}");
    let err = env.fails(&[
        "due", "waive", "山田", "--duty", "report", "--reason", "入院",
    ]);
    assert!(err.contains("--month"), "{err}");
    let err = env.fails(&[
        "due", "waive", "山田", "--duty", "report", "--month", "2026-12", "--reason", "入院",
    ]);
    assert!(err.contains("2026-12"), "{err}");
    assert_eq!(env.log_len(), log, "nothing saved");
    env.ok(&[
        "due",
        "waive",
        "山田",
        "--duty",
        "report",
        "--month",
        "2026-10",
        "--reason",
        "入院のため面談・レポートできず",
    ]);
    env.ok(&[
        "due",
        "waive",
        "山田",
        "--duty",
        "report",
        "--month",
        "2026-04",
        "--reason",
        "他事業所が対応",
    ]);
    let items = due_json(&env);
    assert!(
        !has(&items, "report", Some("2026-10")),
        "waived: not in due"
    );
    assert!(
        has(&items, "contact_worker", Some("2026-10")),
        "only the report is waived"
    );
    let folded = items
        .iter()
        .find(|i| i["duty"] == "missed" && i["what"] == "report")
        .unwrap();
    assert_eq!(folded["months"], 5, "March–August (6) less April");
    let err = env.fails(&[
        "due", "waive", "山田", "--duty", "report", "--month", "2026-10", "--reason", "再度",
    ]);
    assert!(err.contains("すでに免除"), "{err}");
    // Shown in the report history and the list of waivers, with the reason.
    let list = env.ok(&["report", "list", "山田"]);
    assert!(
        list.contains("2026年10月 支援レポート  免除（理由あり）：入院のため面談・レポートできず"),
        "{list}"
    );
    let en = env.ok(&["--lang", "en", "due", "waivers", "山田"]);
    assert!(en.contains("waived: 他事業所が対応 (2026-11-21"), "{en}");
    // The handover, with no month.
    env.ok(&[
        "due",
        "waive",
        "山田",
        "--duty",
        "handover",
        "--reason",
        "本人が継続支援を希望しない",
    ]);
    let show = env.ok(&["handover", "show", "山田"]);
    assert!(
        show.contains("免除（理由あり）：本人が継続支援を希望しない"),
        "{show}"
    );
}
