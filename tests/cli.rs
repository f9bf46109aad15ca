//! The command line, run as a user would: exit codes, messages, and what reaches
//! the database (or doesn't).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use teichaku::store::Op;

mod common;

use common::cli::Env;

fn with_two_yamadas(env: &Env) {
    env.ok(&[
        "worker",
        "add",
        "--name",
        "山田 太郎",
        "--kana",
        "やまだ たろう",
        "--employer",
        "株式会社みなと物流",
        "--hire-date",
        "2025-04-01",
        "--category",
        "知的",
    ]);
    env.ok(&[
        "worker",
        "add",
        "--name",
        "山田 花子",
        "--kana",
        "やまだ はなこ",
        "--disclosure",
        "closed",
        "--category",
        "精神障害,発達",
    ]);
}

fn file_bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn add_edit_and_delete_each_leave_their_change_log_entries() {
    let env = Env::new();
    let out = env.ok(&[
        "worker",
        "add",
        "--name",
        "鈴木 一郎",
        "--kana",
        "すずき いちろう",
        "--hire-date",
        "2025/08/31",
        "--category",
        "精神,発達",
        "--disclosure",
        "closed",
    ]);
    assert!(out.contains("保存しました: 鈴木 一郎"), "{out}");
    let store = common::open_db(&env.db());
    let w = store.resolve_worker("鈴木").unwrap();
    assert_eq!(w.hire_date, chrono::NaiveDate::from_ymd_opt(2025, 8, 31));
    let created = store.log_for(&w.id).unwrap();
    assert!(created.iter().all(|e| e.op == Op::Create));
    assert!(created.iter().any(|e| e.field == "categories"));
    drop(store);

    env.ok(&[
        "worker",
        "edit",
        "鈴木",
        "--employer",
        "さくら食品株式会社",
        "--hire-date",
        "",
    ]);
    let store = common::open_db(&env.db());
    let updates: Vec<_> = store
        .log_for(&w.id)
        .unwrap()
        .into_iter()
        .filter(|e| e.op == Op::Update)
        .collect();
    let fields: Vec<&str> = updates.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, vec!["employer", "hire_date"]);
    drop(store);

    let out = env.ok(&["worker", "edit", "鈴木", "--employer", "さくら食品株式会社"]);
    assert!(out.contains("変更はありません"), "{out}");

    env.ok(&["worker", "delete", "すずき いちろう", "--yes"]);
    let store = common::open_db(&env.db());
    let last = store.log_for(&w.id).unwrap().pop().unwrap();
    assert_eq!((last.op, last.field.as_str()), (Op::Delete, "deleted"));
    drop(store);
    let out = env.ok(&["worker", "list"]);
    assert!(!out.contains("鈴木"), "{out}");
}

#[test]
fn delete_without_yes_asks_and_end_of_input_means_no() {
    let env = Env::new();
    with_two_yamadas(&env);
    let before = env.log_len();
    let err = env.fails(&["worker", "delete", "山田 太郎"]);
    assert!(err.contains("取り消しました"), "{err}");
    assert_eq!(env.log_len(), before);
    assert!(env.ok(&["worker", "list"]).contains("山田 太郎"));
}

#[test]
fn bad_input_gets_a_clear_message_and_changes_nothing() {
    let env = Env::new();
    with_two_yamadas(&env);
    let db_before = file_bytes(&env.db());
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "worker",
                "add",
                "--name",
                "佐藤",
                "--hire-date",
                "2026-02-30",
            ],
            "日付として読めません",
        ),
        (
            &[
                "worker",
                "add",
                "--name",
                "佐藤",
                "--hire-date",
                "令和8年4月1日",
            ],
            "YYYY-MM-DD",
        ),
        (&["worker", "add", "--name", "  "], "名前が空です"),
        (&["worker", "add", "--kana", "さとう"], "名前が空です"),
        (
            &["worker", "add", "--name", "佐藤", "--category", "元気"],
            "障害種別「元気」は選べません",
        ),
        (
            &["worker", "add", "--name", "佐藤", "--disclosure", "half"],
            "開示「half」は選べません",
        ),
        (
            &["worker", "edit", "田中", "--job", "清掃"],
            "「田中」に当たる利用者が見つかりません",
        ),
        (&["worker", "show", "山田"], "複数います"),
        (&["contact", "add", "山田", "--mode", "phone"], "複数います"),
        (
            &["contact", "add", "山田 花子", "--mode", "visit"],
            "クローズ就労",
        ),
        (
            &[
                "contact",
                "add",
                "山田 花子",
                "--mode",
                "phone",
                "--with",
                "本人,上司",
            ],
            "クローズ就労",
        ),
        (
            &[
                "contact",
                "add",
                "山田 太郎",
                "--mode",
                "phone",
                "--date",
                "2026-13-01",
            ],
            "日付",
        ),
        (
            &["contact", "add", "山田 太郎", "--mode", "fax"],
            "連絡方法「fax」は選べません",
        ),
        (
            &[
                "contact",
                "add",
                "山田 太郎",
                "--mode",
                "phone",
                "--time",
                "25:00",
            ],
            "時刻",
        ),
        (
            &[
                "contact",
                "add",
                "山田 太郎",
                "--mode",
                "phone",
                "--minutes",
                "十",
            ],
            "数として読めません",
        ),
        (
            &[
                "contact",
                "add",
                "山田 太郎",
                "--mode",
                "phone",
                "--date",
                "2026-05-01",
                "--next-due",
                "2026-04-01",
            ],
            "期限",
        ),
        (
            &[
                "person",
                "add",
                "山田 太郎",
                "--name",
                "田中",
                "--layer",
                "home",
            ],
            "層「home」",
        ),
        (
            &["person", "add", "誰か", "--name", "田中"],
            "見つかりません",
        ),
        (&["--lang", "fr", "worker", "list"], "言語「fr」"),
    ];
    for (args, expected) in cases {
        let err = env.fails(args);
        assert!(
            err.contains(expected),
            "{args:?}: expected {expected:?} in {err:?}"
        );
        assert!(err.starts_with("エラー: "), "{err}");
        assert!(
            !err.contains("panicked") && !err.contains("Error {"),
            "{err}"
        );
        assert_eq!(
            file_bytes(&env.db()),
            db_before,
            "{args:?} changed the database"
        );
    }
}

#[test]
fn ambiguous_names_list_the_candidates_and_an_id_prefix_resolves_them() {
    let env = Env::new();
    with_two_yamadas(&env);
    let err = env.fails(&["worker", "show", "やまだ"]);
    assert!(
        err.contains("山田 太郎 (") && err.contains("山田 花子 ("),
        "{err}"
    );
    let line = err.lines().find(|l| l.contains("山田 花子")).unwrap();
    let prefix = line.split('(').nth(1).unwrap().trim_end_matches(')');
    let out = env.ok(&["worker", "show", prefix]);
    assert!(
        out.starts_with("山田 花子（やまだ はなこ）  [クローズ就労]"),
        "{out}"
    );
}

#[test]
fn english_messages_with_lang_en_or_the_settings_file() {
    let env = Env::new();
    let err = env.fails(&[
        "--lang",
        "en",
        "worker",
        "add",
        "--name",
        "Sato",
        "--hire-date",
        "2026-02-30",
    ]);
    assert!(
        err.starts_with("Error: The hire date \"2026-02-30\" is not a date"),
        "{err}"
    );
    std::fs::write(
        env.dir.path().join("config").join("settings.toml"),
        "lang = \"en\"\n",
    )
    .unwrap();
    assert!(env.ok(&["worker", "list"]).starts_with("No workers yet."));
}

#[test]
fn the_first_run_writes_a_commented_settings_file_and_a_broken_one_is_reported() {
    let env = Env::new();
    env.ok(&["worker", "list"]);
    let settings = env.dir.path().join("config").join("settings.toml");
    let text = std::fs::read_to_string(&settings).unwrap();
    assert!(text.contains("# lang = \"ja\""), "{text}");
    std::fs::write(&settings, "lang = ").unwrap();
    let out = env.run(&["worker", "list"]);
    assert!(out.status.success(), "falls back to the defaults");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("設定ファイル") && err.contains("誤り"),
        "{err}"
    );
}

#[test]
fn contacts_take_notes_from_a_file_and_show_newest_first() {
    let env = Env::new();
    with_two_yamadas(&env);
    let note = env.dir.path().join("note.txt");
    std::fs::write(
        &note,
        "職場訪問。作業は安定。\n\n上司より「遅刻がなくなった」と評価。",
    )
    .unwrap();
    env.ok(&[
        "contact",
        "add",
        "山田 太郎",
        "--date",
        "2026-10-01",
        "--mode",
        "visit",
        "--with",
        "self,supervisor",
        "--notes-file",
        note.to_str().unwrap(),
        "--minutes",
        "60",
        "--time",
        "14:00",
    ]);
    env.ok(&[
        "contact",
        "add",
        "山田 太郎",
        "--date",
        "2026/11/02",
        "--mode",
        "電話",
        "--notes",
        "体調確認。特に変わりなし。",
    ]);
    let out = env.ok(&["contact", "list", "山田 太郎"]);
    let dates: Vec<&str> = out.lines().skip(1).map(|l| &l[..10]).collect();
    assert_eq!(dates, vec!["2026-11-02", "2026-10-01"]);
    let json = env.ok(&["contact", "list", "山田 太郎", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        v[1]["notes"],
        "職場訪問。作業は安定。\n\n上司より「遅刻がなくなった」と評価。"
    );
    assert_eq!(
        v[1]["participants"],
        serde_json::json!(["self", "supervisor"])
    );
    assert_eq!(v[1]["start_time"], "14:00:00");
}

#[test]
fn people_are_listed_by_layer() {
    let env = Env::new();
    with_two_yamadas(&env);
    env.ok(&[
        "person",
        "add",
        "山田 太郎",
        "--name",
        "中村 美香",
        "--role",
        "母",
        "--layer",
        "community",
    ]);
    env.ok(&[
        "person",
        "add",
        "山田 太郎",
        "--name",
        "田中 一郎",
        "--role",
        "上司",
        "--org",
        "株式会社みなと物流",
        "--layer",
        "職場",
    ]);
    env.ok(&[
        "person",
        "add",
        "山田 太郎",
        "--name",
        "高橋 医師",
        "--role",
        "主治医",
        "--layer",
        "welfare",
    ]);
    let json = env.ok(&["person", "list", "山田 太郎", "--json"]);
    let v: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let layers: Vec<&str> = v.iter().map(|p| p["layer"].as_str().unwrap()).collect();
    assert_eq!(layers, vec!["company", "welfare", "community"]);
}

#[test]
fn the_demo_runs_on_a_throwaway_copy_with_any_subcommand() {
    let env = Env::new();
    let out = env.ok(&["--demo", "worker", "list"]);
    assert!(out.lines().count() >= 13, "{out}");
    assert!(out.contains("クローズ就労"));
    let json = env.ok(&["--demo", "worker", "list", "--json"]);
    let workers: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let first = workers[0]["display_name"].as_str().unwrap().to_string();
    assert!(
        env.ok(&["--demo", "contact", "list", &first])
            .lines()
            .count()
            > 5
    );
    env.ok(&["--demo", "worker", "delete", &first, "--yes"]);
    // Nothing reached the user's own database, and the next demo is whole again.
    assert!(!env.db().exists());
    assert!(env.ok(&["--demo", "worker", "list"]).contains(&first));
}

#[test]
fn implausible_dates_and_months_are_refused_with_a_clear_message() {
    let env = Env::new();
    for bad in ["0000-01-01", "9999-12-31", "1899/12/31"] {
        let err = env.fails(&["worker", "add", "--name", "山田 太郎", "--hire-date", bad]);
        assert!(
            err.contains("ありえない日付") && err.contains("1900年から2100年"),
            "{err}"
        );
    }
    env.ok(&[
        "worker",
        "add",
        "--name",
        "山田 太郎",
        "--hire-date",
        "2026-04-01",
    ]);
    let before = env.log_len();
    let err = env.fails(&["report", "draft", "山田", "--month", "0000-01"]);
    assert!(err.contains("1900年から2100年"), "{err}");
    let contact =
        |date: &str| env.fails(&["contact", "add", "山田", "--mode", "phone", "--date", date]);
    // Today is 2026-11-21: not more than a year ahead; hired 2026-04-01:
    // not more than a year before that.
    let err = contact("2027-11-22");
    assert!(err.contains("1年より先"), "{err}");
    let err = contact("2025-03-31");
    assert!(err.contains("入社日（2026-04-01）の1年より前"), "{err}");
    let err = contact("0000-01-01");
    assert!(err.contains("ありえない日付"), "{err}");
    assert_eq!(env.log_len(), before);
    env.ok(&[
        "contact",
        "add",
        "山田",
        "--mode",
        "phone",
        "--date",
        "2025-04-01",
    ]);
    env.ok(&[
        "contact",
        "add",
        "山田",
        "--mode",
        "phone",
        "--date",
        "2027-11-21",
    ]);
    let out = env.run(&[
        "--lang",
        "en",
        "worker",
        "add",
        "--name",
        "x",
        "--hire-date",
        "9999-12-31",
    ]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("The hire date 9999-12-31 is not plausible; enter a date from 1900 to 2100."),
        "{err}"
    );
}
