//! The access log as a user meets it: what was opened, printed, written and
//! changed is listed by `teichaku audit`, by worker and by day, without a
//! word of any note.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::cli::{Env, Start};

fn setup(env: &Env) {
    env.ok(&[
        "worker",
        "add",
        "--name",
        "山田 太郎",
        "--kana",
        "やまだ たろう",
    ]);
    env.ok(&[
        "worker",
        "add",
        "--name",
        "鈴木 一郎",
        "--kana",
        "すずき いちろう",
    ]);
    let note = env.path("note.txt");
    std::fs::write(&note, "服薬は継続中。誰にも言わないでほしいとのこと。").unwrap();
    env.ok(&[
        "contact",
        "add",
        "山田 太郎",
        "--mode",
        "phone",
        "--notes-file",
        note.to_str().unwrap(),
    ]);
}

#[test]
fn opening_printing_csv_export_disclosure_and_deletion_are_listed_without_notes() {
    let env = Env::new();
    setup(&env);
    assert!(env.ok(&["audit"]).contains("アクセスの記録はありません"));
    env.ok(&["worker", "show", "山田 太郎"]);
    env.ok(&["csv", "contacts"]);
    env.ok(&["worker", "edit", "山田", "--disclosure", "closed", "--yes"]);
    env.ok(&["worker", "delete", "鈴木 一郎", "--yes"]);
    let bundle = env.path("full.tcsync");
    let out = env
        .command(&["export", "--full", "--to", bundle.to_str().unwrap()])
        .env("TEICHAKU_SYNC_PASSPHRASE", "agency sync passphrase")
        .output_started();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let log = env.ok(&["audit"]);
    for action in [
        "利用者を開いた",
        "CSV を出力",
        "開示を変更",
        "削除",
        "同期ファイルを書き出し",
    ] {
        assert!(log.contains(action), "{action}: {log}");
    }
    assert!(
        log.contains("山田 太郎") && log.contains("open→closed"),
        "{log}"
    );
    assert!(!log.contains("服薬"), "no note text: {log}");
    // Newest first.
    let first = log.lines().nth(1).unwrap_or_default();
    assert!(first.contains("同期ファイルを書き出し"), "{log}");

    let only = env.ok(&["audit", "--worker", "山田 太郎"]);
    assert!(
        only.contains("開示を変更") && !only.contains("CSV"),
        "{only}"
    );
    let later = env.ok(&["audit", "--since", "2999-01-01"]);
    assert!(later.contains("ありません"), "{later}");
    let json = env.ok(&["audit", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 5, "{json}");
    assert!(!json.contains("服薬"));
    let en = env.ok(&["--lang", "en", "audit"]);
    assert!(en.contains("changed disclosure"), "{en}");
}

#[test]
fn printing_a_document_is_listed_with_the_worker() {
    let env = Env::new();
    setup(&env);
    let plan = env.path("plan.toml");
    std::fs::write(&plan, PLAN).unwrap();
    env.ok(&["plan", "new", "山田 太郎", "--file", plan.to_str().unwrap()]);
    env.ok(&["plan", "show", "山田 太郎"]);
    let log = env.ok(&["audit", "--worker", "山田"]);
    assert!(
        log.contains("書類を出力") && log.contains("plan v1"),
        "{log}"
    );
    assert!(!log.contains("睡眠"), "{log}");
}

const PLAN: &str = r#"
stage = "模索期"
long_term_goal = "相談しながら週30時間の勤務を続ける。"
explained_on = "2026-11-20"
consent = true

[[goal]]
domain = "daily_life"
goal = "睡眠を7時間とる。"
content = "日報の睡眠欄を一緒に見る。"
frequency = "月2回"
"#;
