//! `teichaku check` and `teichaku summary`, run as a user would.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::cli::Env;

/// Two workers, one in closed employment.
fn env_with_workers() -> Env {
    let env = Env::new();
    env.ok(&[
        "worker",
        "add",
        "--name",
        "山田 太郎",
        "--kana",
        "やまだ たろう",
        "--hire-date",
        "2025-04-01",
    ]);
    env.ok(&[
        "worker",
        "add",
        "--name",
        "佐々木 健",
        "--disclosure",
        "closed",
        "--hire-date",
        "2025-04-01",
    ]);
    env
}

const EARLIER: &str = "2,2,2,2,3,3,2,1,2,2,3,2,2,3,3,3,2,2,3,3,2,2,2,3,2,2,2";
const LATER: &str = "3,3,4,3,4,3,4,2,3,3,3,3,1,4,4,4,3,-,-,-,3,4,3,2,3,3,4";

#[test]
fn check_then_summary_prints_radar_table_and_focus_items() {
    let env = env_with_workers();
    env.ok(&[
        "check",
        "山田",
        "stability",
        "--answers",
        EARLIER,
        "--date",
        "2026-02-04",
    ]);
    let out = env.ok(&[
        "check",
        "山田",
        "stability",
        "--answers",
        LATER,
        "--date",
        "2026-05-07",
        "--by",
        "joint",
        "--note",
        "通勤経路が変わった",
    ]);
    assert!(out.contains("チェックリストを記録しました"), "{out}");
    let text = env.ok(&["summary", "山田", "--ascii"]);
    insta::assert_snapshot!("cli_summary_ascii", text);
    // Braille by default; the JSON has the gap as null and both dates.
    let braille = env.ok(&["summary", "やまだ", "--instrument", "stability"]);
    assert!(
        braille
            .chars()
            .any(|c| ('\u{2801}'..='\u{28FF}').contains(&c))
    );
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["summary", "山田", "--json"])).unwrap();
    assert_eq!(json[0]["groups"][3]["mean"], serde_json::Value::Null);
    assert_eq!(json[0]["previous_date"], "2026-02-04");
    assert_eq!(json[0]["respondent"], "joint");
    // As of a date, only the assessments up to it count.
    let then: serde_json::Value =
        serde_json::from_str(&env.ok(&["summary", "山田", "--json", "--date", "2026-03-01"]))
            .unwrap();
    assert_eq!(then[0]["latest_date"], "2026-02-04");
    assert_eq!(then[0]["previous_date"], serde_json::Value::Null);
}

#[test]
fn bad_answers_are_refused_in_the_users_language_and_nothing_is_written() {
    let env = env_with_workers();
    let before = env.log_len();
    let err = env.fails(&["check", "山田", "stability", "--answers", "4,3,-,2"]);
    assert!(err.contains("27 項目") && err.contains("4 個"), "{err}");
    let bad = LATER.replacen('3', "5", 1);
    let err = env.fails(&[
        "--lang",
        "en",
        "check",
        "山田",
        "stability",
        "--answers",
        &bad,
    ]);
    assert!(err.contains("Answer 1 \"5\" is not on the scale"), "{err}");
    let err = env.fails(&[
        "check",
        "山田",
        "stability",
        "--answers",
        LATER,
        "--by",
        "boss",
    ]);
    assert!(err.contains("boss"), "{err}");
    let err = env.fails(&["check", "山田", "nothing", "--answers", LATER]);
    assert!(err.contains("stability"), "{err}");
    let err = env.fails(&[
        "check",
        "山田",
        "stability",
        "--answers",
        LATER,
        "--date",
        "2026-02-30",
    ]);
    assert!(err.contains("2026-02-30"), "{err}");
    // Closed employment: the supervisor cannot be the respondent.
    let err = env.fails(&[
        "check",
        "佐々木",
        "stability",
        "--answers",
        LATER,
        "--by",
        "上長",
    ]);
    assert!(err.contains("クローズ就労"), "{err}");
    assert_eq!(env.log_len(), before);
    let err = env.fails(&["summary", "山田"]);
    assert!(err.contains("teichaku check"), "{err}");
}

#[test]
fn an_agency_definition_is_usable_and_a_broken_one_is_reported_and_skipped() {
    let env = env_with_workers();
    let folder = env.config().join("checklists");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("mini.toml"),
        r#"
id = "mini"
version = 1
title = "ミニチェック"
source = "テスト事業所"
scale = [{ value = 1, ja = "いいえ", en = "no" }, { value = 2, ja = "はい", en = "yes" }]
[[group]]
id = "a"
label = "領域A"
short = "A"
items = [{ id = "a1", text = "一" }, { id = "a2", text = "二" }]
"#,
    )
    .unwrap();
    std::fs::write(folder.join("broken.toml"), "id = [").unwrap();
    let out = env.run(&[
        "check",
        "山田",
        "mini",
        "--answers",
        "2,-",
        "--date",
        "2026-01-01",
    ]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("broken.toml") && err.contains("飛ばしました"),
        "{err}"
    );
    let err = env.fails(&["check", "山田", "mini", "--answers", "3,1"]);
    assert!(err.contains("1〜2"), "{err}");
    let text = env.ok(&["summary", "山田", "--instrument", "mini", "--ascii"]);
    assert!(
        text.contains("ミニチェック") && text.contains("2.0"),
        "{text}"
    );
}
