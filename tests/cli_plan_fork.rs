//! Two laptops review the same plan (issue 27, item 8): each makes its
//! 第2版 from the same 第1版, bundles travel as files, and the two 第2版 are
//! a conflict: listed by `teichaku conflicts`, counted on import, both
//! printed by `plan show --version 2` with who made each and when, resolved
//! by choosing one (the other stays, marked) or by a merged version.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::cli::Start;

const PASS: &str = "うみかぜ事業所 2026 sync";

const FIRST: &str = r#"
stage = "模索期"
long_term_goal = "相談しながら週30時間の勤務を続ける。"
explained_on = "2026-10-05"
consent = true
share_with = "相談支援事業所ひまわり"

[[goal]]
domain = "職場定着"
goal = "困ったときに上司へ自分から報告する。"
content = "報告の練習"
period = "6か月"
frequency = "週1回"
"#;

fn review(remarks: &str, achievement: &str) -> String {
    format!(
        r#"
explained_on = "2026-11-20"
consent = true
remarks = "{remarks}"

[[evaluation]]
goal = 1
achievement = "{achievement}"
effect = "報告が増えた"
"#
    )
}

struct Laptop {
    dir: PathBuf,
}

impl Laptop {
    fn new(root: &Path, name: &str) -> Laptop {
        Laptop {
            dir: root.join(name),
        }
    }

    fn run(&self, args: &[&str]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_teichaku"));
        cmd.args(args)
            .env("TEICHAKU_DATA_DIR", self.dir.join("data"))
            .env("TEICHAKU_CONFIG_DIR", self.dir.join("config"))
            .env("TEICHAKU_SYNC_PASSPHRASE", PASS)
            .env("TEICHAKU_TODAY", common::cli::TODAY)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C.UTF-8")
            .env("TEICHAKU_DB_PASSPHRASE", "this laptop's passphrase")
            .stdin(std::process::Stdio::null());
        cmd.output_started()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{args:?} should fail; stdout: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8(out.stderr).unwrap()
    }

    fn write(&self, name: &str, text: &str) -> String {
        std::fs::create_dir_all(&self.dir).unwrap();
        let p = self.dir.join(name);
        std::fs::write(&p, text).unwrap();
        p.to_string_lossy().into_owned()
    }

    fn conflicts(&self) -> Vec<serde_json::Value> {
        serde_json::from_str(&self.ok(&["conflicts", "--json"])).unwrap()
    }
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Laptop a with a worker and 第1版, b with a copy; then each reviews it
/// (a on 11-19 by 佐藤, b on 11-20 by 鈴木) and they exchange bundles.
fn two_reviews(root: &Path) -> (Laptop, Laptop) {
    let a = Laptop::new(root, "a");
    let b = Laptop::new(root, "b");
    a.ok(&[
        "worker",
        "add",
        "--name",
        "山田 太郎",
        "--hire-date",
        "2026-03-31",
        "--status",
        "active",
    ]);
    let first = a.write("first.toml", FIRST);
    a.ok(&[
        "plan",
        "new",
        "山田",
        "--file",
        &first,
        "--date",
        "2026-10-05",
        "--by",
        "佐藤",
    ]);
    let a0 = root.join("a0.tcsync");
    a.ok(&["export", "--full", "--to", s(&a0)]);
    b.ok(&["import", s(&a0)]);

    let ra = a.write(
        "ra.toml",
        &review("Aの見直し: 報告カードを続ける", "partly"),
    );
    a.ok(&[
        "plan",
        "review",
        "山田",
        "--file",
        &ra,
        "--date",
        "2026-11-19",
        "--by",
        "佐藤",
    ]);
    let rb = b.write("rb.toml", &review("Bの見直し: 朝礼後に報告", "achieved"));
    b.ok(&[
        "plan",
        "review",
        "山田",
        "--file",
        &rb,
        "--date",
        "2026-11-20",
        "--by",
        "鈴木",
    ]);
    let (a1, b1) = (root.join("a1.tcsync"), root.join("b1.tcsync"));
    a.ok(&["export", "--to", s(&a1)]);
    b.ok(&["export", "--to", s(&b1)]);
    let said = a.ok(&["import", s(&b1)]);
    assert!(said.contains("新しい競合 1 件"), "{said}");
    assert!(said.contains("未解決の競合が 1 件"), "{said}");
    b.ok(&["import", s(&a1)]);
    (a, b)
}

#[test]
fn two_reviews_of_one_version_are_a_conflict_both_shown_with_who_and_when() {
    let root = tempfile::tempdir().unwrap();
    let (a, b) = two_reviews(root.path());
    for laptop in [&a, &b] {
        let shown = laptop.ok(&["plan", "show", "山田", "--version", "2"]);
        for text in [
            "計画の競合: 第2版が 2 つあります",
            "第2版（2つのうち1）: 作成 佐藤",
            "第2版（2つのうち2）: 作成 鈴木",
            "Aの見直し: 報告カードを続ける",
            "Bの見直し: 朝礼後に報告",
        ] {
            assert!(shown.contains(text), "{text}: {shown}");
        }
        let en = laptop.ok(&["--lang", "en", "plan", "show", "山田", "--version", "2"]);
        assert!(en.contains("Version 2 (1 of 2): made by 佐藤"), "{en}");
        let json: serde_json::Value =
            serde_json::from_str(&laptop.ok(&["plan", "show", "山田", "--version", "2", "--json"]))
                .unwrap();
        let made_by: Vec<&str> = json["versions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["made_by"].as_str().unwrap())
            .collect();
        assert_eq!(made_by, vec!["佐藤", "鈴木"]);
        // Without a number, too: both heads of the open conflict.
        let latest = laptop.ok(&["plan", "show", "山田"]);
        assert!(latest.contains("（2つのうち2）"), "{latest}");

        let c = laptop.conflicts();
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0]["entity"], "plan_version");
        assert_eq!(c[0]["versions"].as_array().unwrap().len(), 2);
        assert_eq!(c[0]["versions"][1]["staff"], "鈴木");
        let listed = laptop.ok(&["conflicts"]);
        assert!(listed.contains("Bの見直し: 朝礼後に報告"), "{listed}");
        assert!(listed.contains("--merge"), "{listed}");
        let list = laptop.ok(&["plan", "list", "山田"]);
        assert_eq!(list.matches("［競合］").count(), 2, "{list}");
    }
    // The printed document is one version (the later); the conflict is said.
    let html = root.path().join("plan.html");
    let out = a.run(&[
        "plan",
        "show",
        "山田",
        "--format",
        "html",
        "--out",
        s(&html),
    ]);
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("計画の競合"), "{said}");
    let doc = std::fs::read_to_string(&html).unwrap();
    assert!(doc.contains("Bの見直し") && !doc.contains("Aの見直し"));
    // A third version while the conflict is open is refused, nothing saved.
    let err = a.fails(&["plan", "review", "山田", "--note", "次の見直し"]);
    assert!(err.contains("計画の競合"), "{err}");
    let err = a.fails(&["conflicts", "resolve", "1", "--text", "まとめ"]);
    assert!(err.contains("--merge"), "{err}");
}

#[test]
fn choosing_one_keeps_the_other_in_history_and_travels() {
    let root = tempfile::tempdir().unwrap();
    let (a, b) = two_reviews(root.path());
    // a keeps 佐藤's (the earlier one).
    a.ok(&["conflicts", "resolve", "1", "--pick", "1"]);
    assert!(a.conflicts().is_empty());
    let shown = a.ok(&["plan", "show", "山田", "--version", "2"]);
    assert!(!shown.contains("計画の競合"), "{shown}");
    assert!(
        shown.contains("第2版（2つのうち2）: 作成 鈴木") && shown.contains("選ばれなかった版"),
        "{shown}"
    );
    let latest = a.ok(&["plan", "show", "山田"]);
    assert!(
        latest.contains("Aの見直し") && !latest.contains("Bの見直し"),
        "{latest}"
    );

    let a2 = root.path().join("a2.tcsync");
    a.ok(&["export", "--to", s(&a2)]);
    b.ok(&["import", s(&a2)]);
    assert!(b.conflicts().is_empty());
    // The conflict resolved, a new review works again.
    let next = b.write("next.toml", &review("次の見直し", "achieved"));
    b.ok(&["plan", "review", "山田", "--file", &next, "--by", "鈴木"]);
}

#[test]
fn a_merged_version_replaces_both() {
    let root = tempfile::tempdir().unwrap();
    let (a, _b) = two_reviews(root.path());
    let merged = a.write(
        "merged.toml",
        &review("まとめ: 報告カードを続け、朝礼後にも報告", "partly"),
    );
    let said = a.ok(&[
        "plan", "review", "山田", "--merge", "--file", &merged, "--by", "佐藤",
    ]);
    assert!(said.contains("2 つの版をまとめた版"), "{said}");
    assert!(a.conflicts().is_empty());
    let shown = a.ok(&["plan", "show", "山田", "--version", "2"]);
    assert_eq!(shown.matches("選ばれなかった版").count(), 2, "{shown}");
    assert!(shown.contains("（3つのうち3）"), "{shown}");
    let latest = a.ok(&["plan", "show", "山田"]);
    assert!(latest.contains("まとめ: 報告カードを続け"), "{latest}");
    assert!(latest.contains("第2版"), "{latest}");
    // No fork left to merge.
    let err = a.fails(&["plan", "review", "山田", "--merge", "--file", &merged]);
    assert!(err.contains("まとめる競合"), "{err}");
}
