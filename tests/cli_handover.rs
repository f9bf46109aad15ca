//! `teichaku handover`: the decision, the sharing log and the duty, run as a
//! user would, with the bad input the issue lists.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::cli::Env;

/// A worker hired 2024-04-01: service 2024-10-01 – 2027-09-30, handover due
/// 2027-06-30; a なかぽつ that takes over and a family member in the
/// resource map.
fn setup(env: &Env) {
    env.ok(&[
        "worker",
        "add",
        "--name",
        "佐々木 一郎",
        "--hire-date",
        "2024-04-01",
    ]);
    env.ok(&[
        "person",
        "add",
        "佐々木",
        "--name",
        "森 恵子",
        "--role",
        "就業支援担当",
        "--org",
        "就業・生活支援センターなぎさ",
        "--layer",
        "welfare",
    ]);
    env.ok(&[
        "person",
        "add",
        "佐々木",
        "--name",
        "佐々木 花子",
        "--role",
        "母",
        "--layer",
        "welfare",
    ]);
}

fn share(env: &Env, extra: &[&str]) -> String {
    let mut args = vec![
        "handover",
        "share",
        "佐々木",
        "--with",
        "森",
        "--what",
        "plan",
        "--how",
        "meeting",
    ];
    args.extend_from_slice(extra);
    env.ok(&args)
}

#[test]
fn a_consented_sharing_with_the_successor_four_months_before_the_end_meets_the_duty() {
    let env = Env::on("2027-05-31");
    setup(&env);
    let show = env.ok(&["handover", "show", "佐々木"]);
    assert!(show.contains("期限 2027-06-30  期限間近"), "{show}");
    assert!(show.contains("まだ判断していません"), "{show}");
    assert!(env.ok(&["due"]).contains("引継ぎ"));

    env.ok(&[
        "handover",
        "decide",
        "佐々木",
        "--needed",
        "yes",
        "--reasons",
        "手順変更で混乱しやすい",
    ]);
    // Without consent, or with someone who does not take over: not met.
    let out = share(&env, &["--consent", "no", "--takes-over"]);
    assert!(out.contains("満たしません"), "{out}");
    let out = env.ok(&[
        "handover",
        "share",
        "佐々木",
        "--with",
        "佐々木 花子",
        "--what",
        "reports",
        "--how",
        "phone",
        "--consent",
        "yes",
    ]);
    assert!(out.contains("満たしません"), "{out}");
    assert!(env.ok(&["handover", "show", "佐々木"]).contains("期限間近"));

    let out = share(
        &env,
        &["--consent", "yes", "--takes-over", "--plan-version", "2"],
    );
    assert!(!out.contains("満たしません"), "{out}");
    let show = env.ok(&["handover", "show", "佐々木"]);
    assert!(show.contains("済（共有日 2027-05-31）"), "{show}");
    assert!(show.contains("要継続支援"), "{show}");
    assert!(show.contains("[本人同意あり] [引継ぎ先]"), "{show}");
    assert!(!env.ok(&["due"]).contains("引継ぎ"));
    let json = env.ok(&["handover", "show", "佐々木", "--json"]);
    assert!(json.contains("\"state\": \"done\""), "{json}");
    assert!(json.contains("\"plan_version\": \"2\""), "{json}");
    let en = env.ok(&["--lang", "en", "handover", "show", "佐々木"]);
    assert!(en.contains("done (shared on 2027-05-31)"), "{en}");
}

#[test]
fn a_sharing_after_the_due_date_is_late_and_none_is_missing() {
    let env = Env::on("2027-07-10");
    setup(&env);
    let show = env.ok(&["handover", "show", "佐々木"]);
    assert!(
        show.contains("期限切れ：引継ぎ先への共有が未実施"),
        "{show}"
    );
    // A case conference with the worker alone is no handover.
    env.ok(&[
        "contact",
        "add",
        "佐々木",
        "--mode",
        "case_conference",
        "--with",
        "self",
        "--date",
        "2027-05-20",
    ]);
    assert!(env.ok(&["handover", "show", "佐々木"]).contains("期限切れ"));
    share(
        &env,
        &["--consent", "yes", "--takes-over", "--date", "2027-07-05"],
    );
    let show = env.ok(&["handover", "show", "佐々木"]);
    assert!(show.contains("済（期限後）（共有日 2027-07-05）"), "{show}");
    let json = env.ok(&["handover", "show", "佐々木", "--json"]);
    assert!(json.contains("\"state\": \"late\""), "{json}");
}

#[test]
fn bad_input_names_the_field_and_saves_nothing() {
    let env = Env::on("2027-05-31");
    setup(&env);
    let before = env.log_len();
    let args = |with: &'static str, date: &'static str| {
        vec![
            "handover",
            "share",
            "佐々木",
            "--with",
            with,
            "--what",
            "plan",
            "--how",
            "meeting",
            "--consent",
            "yes",
            "--takes-over",
            "--date",
            date,
        ]
    };
    let err = env.fails(&args("田中", "2027-05-01"));
    assert!(err.contains("リソースマップ"), "{err}");
    let err = env.fails(&args("森", "2027-06-01"));
    assert!(err.contains("共有日が今日（2027-05-31）より後"), "{err}");
    let err = env.fails(&args("森", "2024-03-31"));
    assert!(err.contains("共有日が入社日（2024-04-01）より前"), "{err}");
    let mut en = vec!["--lang", "en"];
    en.extend(args("Tanaka", "2027-05-01"));
    let err = env.fails(&en);
    assert!(err.contains("not in this worker's resource map"), "{err}");
    let err = env.fails(&[
        "handover",
        "decide",
        "佐々木",
        "--needed",
        "yes",
        "--date",
        "2027-06-01",
    ]);
    assert!(err.contains("判断日が今日"), "{err}");
    let err = env.fails(&["handover", "decide", "佐々木", "--needed", "maybe"]);
    assert!(!err.is_empty());
    assert_eq!(env.log_len(), before, "nothing was saved");
    assert!(
        env.ok(&["handover", "show", "佐々木"])
            .contains("まだ共有の記録はありません")
    );
}

#[test]
fn no_continued_support_needed_means_no_handover_is_owed() {
    let env = Env::on("2027-07-10");
    setup(&env);
    env.ok(&["handover", "decide", "佐々木", "--needed", "no"]);
    let show = env.ok(&["handover", "show", "佐々木"]);
    assert!(show.contains("対象外"), "{show}");
    assert!(!env.ok(&["due"]).contains("引継ぎ"));
}

#[test]
fn the_sheet_carries_only_what_the_worker_consented_to_and_needs_force_to_replace() {
    let env = Env::on("2027-05-31");
    setup(&env);
    // Nothing consented yet: refused, with the way to record a sharing.
    let refused = env.fails(&["handover", "sheet", "佐々木"]);
    assert!(
        refused.contains("本人の同意を得た共有の記録がない"),
        "{refused}"
    );
    share(&env, &["--consent", "no", "--takes-over"]);
    let refused = env.fails(&["handover", "sheet", "佐々木"]);
    assert!(refused.contains("同意"), "{refused}");

    share(
        &env,
        &[
            "--consent",
            "yes",
            "--takes-over",
            "--what",
            "other",
            "--note",
            "服薬は朝のみ",
        ],
    );
    let out = env.path("sheet.html");
    let out_s = out.to_string_lossy().to_string();
    let said = env.ok(&[
        "handover",
        "sheet",
        "佐々木",
        "--with",
        "森",
        "--out",
        &out_s,
    ]);
    assert!(said.contains("書き出しました"), "{said}");
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("情報共有シート") && html.contains("森 恵子"));
    assert!(html.contains("服薬は朝のみ"), "その他 was consented");
    assert!(html.contains("支援計画"), "the plan was consented");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let again = env.fails(&["handover", "sheet", "佐々木", "--out", &out_s]);
    assert!(again.contains("--force"), "{again}");
    env.ok(&["handover", "sheet", "佐々木", "--out", &out_s, "--force"]);
    // A person who is not in the resource map.
    let unknown = env.fails(&["handover", "sheet", "佐々木", "--with", "田中"]);
    assert!(unknown.contains("関係者"), "{unknown}");
    // English.
    let en = env.ok(&["--lang", "en", "handover", "sheet", "佐々木"]);
    assert!(en.contains("Handover sheet") && en.contains("<html lang=\"en\">"));
}
