//! `teichaku plan`: a first plan from a TOML file, a review from JSON with an
//! evaluation per goal, every version readable, and bad input refused with
//! the field named and nothing saved. Today is pinned (2026-11-21); the
//! worker is hired on 2026-03-31 (service from 2026-10-01 by the month rule
//! or at the end of September; either way in service today).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::cli::Env;

const FIRST: &str = r#"
stage = "模索期"
handover = "口頭指示は紙でも渡すと安定する。"
hours_per_week = 20
work_days = "月〜金"
long_term_goal = "相談しながら週30時間の勤務を続ける。"
explained_on = "2026-11-20"
consent = true
share_with = "相談支援事業所ひまわり"

[[goal]]
domain = "職場定着"
goal = "困ったときに上司へ自分から報告する。"
policy = "伴走型"
content = "報告の練習"
period = "6か月"
frequency = "週1回"

[[goal]]
domain = "daily_life"
goal = "睡眠を7時間とる。"
content = "日報の睡眠欄を面談で一緒に見る。"
frequency = "月2回"
"#;

fn setup() -> Env {
    let env = Env::new();
    env.ok(&[
        "worker",
        "add",
        "--name",
        "山田 太郎",
        "--hire-date",
        "2026-03-31",
        "--status",
        "active",
    ]);
    env
}

fn write(env: &Env, name: &str, text: &str) -> String {
    let p = env.path(name);
    std::fs::write(&p, text).unwrap();
    p.to_string_lossy().into_owned()
}

fn versions(env: &Env) -> usize {
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["plan", "list", "山田", "--json"])).unwrap();
    json["versions"].as_array().unwrap().len()
}

#[test]
fn a_plan_from_a_file_then_a_review_with_evaluations_every_version_readable() {
    let env = setup();
    assert!(
        env.ok(&["plan", "show", "山田"])
            .contains("支援計画はまだありません")
    );
    let due = env.ok(&["due", "--json"]);
    assert!(due.contains("\"duty\": \"plan\""), "{due}");

    let first = write(&env, "first.toml", FIRST);
    let out = env.ok(&[
        "plan",
        "new",
        "山田",
        "--file",
        &first,
        "--date",
        "2026-11-01",
    ]);
    assert!(out.contains("第1版 2026-11-01"), "{out}");
    let due = env.ok(&["due", "--json"]);
    assert!(!due.contains("\"duty\": \"plan"), "{due}");
    let shown = env.ok(&["plan", "show", "山田"]);
    for text in [
        "模索期",
        "口頭指示は紙でも",
        "週の労働時間: 20",
        "1. [職場定着]",
        "2. [日常生活]",
    ] {
        assert!(shown.contains(text), "{text}: {shown}");
    }
    // A second first plan is refused.
    let err = env.fails(&["plan", "new", "山田", "--file", &first]);
    assert!(err.contains("plan review"), "{err}");

    let review = write(
        &env,
        "review.json",
        r#"{"stage": "adjusting", "explained_on": "2026-11-21", "consent": true, "evaluation": [
             {"goal": 1, "achievement": "partly", "effect": "報告が増えた", "remaining": "急な変更時",
              "countermeasure": "報告カード"},
             {"goal": 2, "achievement": "達成"}]}"#,
    );
    let json = env.ok(&["plan", "review", "山田", "--file", &review, "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["version"], 2);
    assert_eq!(v["stage"], "adjusting");
    assert_eq!(
        v["goals"].as_array().unwrap().len(),
        2,
        "goals carried over"
    );
    assert_eq!(v["evaluations"][0]["achievement"], "partly");
    assert_eq!(v["evaluations"][1]["achievement"], "achieved");
    assert_eq!(v["long_term_goal"], "相談しながら週30時間の勤務を続ける。");

    let en = env.ok(&["--lang", "en", "plan", "show", "山田"]);
    assert!(en.contains("review (of version 1, 2026-11-01)"), "{en}");
    assert!(en.contains("partly achieved"), "{en}");
    let old = env.ok(&["plan", "show", "山田", "--version", "1", "--json"]);
    let old: serde_json::Value = serde_json::from_str(&old).unwrap();
    assert_eq!(old["plan"]["stage"], "exploring");
    assert!(old["previous"].is_null());
    assert_eq!(versions(&env), 2);
}

#[test]
fn bad_input_names_the_field_and_saves_nothing() {
    let env = setup();
    let first = write(&env, "first.toml", FIRST);
    env.ok(&[
        "plan",
        "new",
        "山田",
        "--file",
        &first,
        "--date",
        "2026-11-01",
    ]);
    let log = env.log_len();

    let unknown = write(
        &env,
        "u.toml",
        "[[evaluation]]\ngoal = 3\nachievement = \"partly\"\n",
    );
    let err = env.fails(&["plan", "review", "山田", "--file", &unknown]);
    assert!(err.contains("評価の目標「3」"), "{err}");
    let err = env.fails(&["--lang", "en", "plan", "review", "山田", "--file", &unknown]);
    assert!(err.contains("evaluation's goal \"3\""), "{err}");

    let err = env.fails(&["plan", "review", "山田", "--date", "2026-11-22"]);
    assert!(
        err.contains("計画の作成日・見直し日が今日（2026-11-21）より後"),
        "{err}"
    );
    let err = env.fails(&[
        "--lang",
        "en",
        "plan",
        "review",
        "山田",
        "--date",
        "2026-03-30",
    ]);
    assert!(
        err.contains("plan date is before the hire date (2026-03-31)"),
        "{err}"
    );
    let early = write(&env, "e.toml", "explained_on = \"2026-01-01\"\n");
    let err = env.fails(&["plan", "review", "山田", "--file", &early]);
    assert!(
        err.contains("本人への説明日が入社日（2026-03-31）より前"),
        "{err}"
    );

    let hours = write(&env, "h.toml", "hours_per_week = \"二十\"\n");
    let err = env.fails(&["plan", "review", "山田", "--file", &hours]);
    assert!(err.contains("週の労働時間「二十」"), "{err}");
    let typo = write(&env, "t.toml", "long_goal = \"x\"\n");
    let err = env.fails(&["plan", "review", "山田", "--file", &typo]);
    assert!(
        err.contains("long_goal") && err.contains("何も保存していません"),
        "{err}"
    );
    let twice = write(
        &env,
        "2.toml",
        "[[evaluation]]\ngoal = 1\nachievement = \"partly\"\n[[evaluation]]\ngoal = 1\nachievement = \"achieved\"\n",
    );
    let err = env.fails(&["plan", "review", "山田", "--file", &twice]);
    assert!(err.contains("二度評価"), "{err}");
    let empty_goal = write(
        &env,
        "g.toml",
        "[[goal]]\ndomain = \"community\"\ngoal = \"  \"\n",
    );
    let err = env.fails(&["plan", "review", "山田", "--file", &empty_goal]);
    assert!(err.contains("短期目標 1 の目標が空です"), "{err}");

    assert_eq!(versions(&env), 1);
    assert_eq!(env.log_len(), log, "nothing was written");
}

/// An empty plan file, or a review that evaluates no goal, is refused with
/// every missing field named (ja and en), saves nothing and leaves the duty
/// on `due` (issue 27: they cleared the plan and the review duty).
#[test]
fn an_empty_plan_or_review_is_refused_naming_what_is_missing_and_the_duty_stays() {
    let env = setup();
    let empty = write(&env, "empty.toml", "");
    let log = env.log_len();
    let err = env.fails(&["plan", "new", "山田", "--file", &empty]);
    for name in [
        "長期目標",
        "短期目標（1つ以上）",
        "本人への説明日",
        "本人の同意",
    ] {
        assert!(err.contains(name), "{name}: {err}");
    }
    let err = env.fails(&["--lang", "en", "plan", "new", "山田", "--file", &empty]);
    for name in [
        "long-term goal",
        "a short-term goal (at least one)",
        "explained to the worker on",
        "worker's consent",
    ] {
        assert!(err.contains(name), "{name}: {err}");
    }
    assert_eq!(env.log_len(), log, "nothing was written");
    assert!(env.ok(&["due", "--json"]).contains("\"duty\": \"plan\""));

    // A goal without its support content is not a plan either.
    let no_content = FIRST.replace("content = \"報告の練習\"\n", "");
    let no_content = write(&env, "nc.toml", &no_content);
    let err = env.fails(&["plan", "new", "山田", "--file", &no_content]);
    assert!(err.contains("短期目標1の支援内容"), "{err}");

    let first = write(&env, "first.toml", FIRST);
    env.ok(&[
        "plan",
        "new",
        "山田",
        "--file",
        &first,
        "--date",
        "2026-11-01",
    ]);
    let due = env.ok(&["due", "--json"]);
    assert!(!due.contains("\"duty\": \"plan"), "{due}");
    let log = env.log_len();
    let err = env.fails(&["plan", "review", "山田", "--note", "順調"]);
    for name in [
        "前の版の短期目標1の評価",
        "前の版の短期目標2の評価",
        "本人の同意",
    ] {
        assert!(err.contains(name), "{name}: {err}");
    }
    let err = env.fails(&["--lang", "en", "plan", "review", "山田", "--note", "fine"]);
    assert!(
        err.contains("the evaluation of goal 2 of the version reviewed"),
        "{err}"
    );
    assert_eq!(env.log_len(), log, "nothing was written");
    assert_eq!(versions(&env), 1);
}

/// A month's report drafted after the plan takes its goals from the plan's
/// short-term goals; and the plan prints as a document for paper.
#[test]
fn a_report_draft_takes_the_plans_goals_and_the_plan_prints() {
    let env = setup();
    let first = write(&env, "first.toml", FIRST);
    env.ok(&[
        "plan",
        "new",
        "山田",
        "--file",
        &first,
        "--date",
        "2026-11-01",
    ]);
    env.ok(&["report", "draft", "山田", "--month", "2026-11"]);
    let report = env.ok(&["report", "山田", "--month", "2026-11", "--format", "txt"]);
    assert!(
        report.contains("・困ったときに上司へ自分から報告する。"),
        "{report}"
    );
    assert!(report.contains("・睡眠を7時間とる。"), "{report}");

    let out = env.path("plan.html");
    let said = env.ok(&[
        "plan",
        "show",
        "山田",
        "--format",
        "html",
        "--out",
        &out.to_string_lossy(),
    ]);
    assert!(said.contains("plan.html"), "{said}");
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("就労定着支援計画") && html.contains("睡眠を7時間とる。"));
    // Not replaced without --force.
    let again = env.fails(&[
        "plan",
        "show",
        "山田",
        "--format",
        "html",
        "--out",
        &out.to_string_lossy(),
    ]);
    assert!(again.contains("--force"), "{again}");
}
