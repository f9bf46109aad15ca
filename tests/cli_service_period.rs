//! The service period's caps (domain.md, "Counting months") and the duties
//! that stay after a service ended, on the command line as a user types them.

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
    assert!(err.contains("2026-10-01") && err.contains("6か月"), "{err}");
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
