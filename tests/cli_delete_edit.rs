//! The case the issue was found by, on the command line through a shared
//! folder: laptop C is offline while A deletes the worker 佐藤; on C the
//! supporter adds a visit note, a person and a memo for 佐藤. At C's next
//! sync nothing of that may vanish without a word: the worker stays in
//! view, flagged 「削除と編集がぶつかりました」 on every laptop, until a
//! supporter keeps it or deletes it knowing the edits; a deleted worker and
//! its contacts stay readable in the 削除済み lists and come back with
//! `worker restore` / `contact restore`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::laptop::{Laptop, s};

const NAME: &str = "佐藤 健";

fn names(l: &Laptop) -> Vec<String> {
    l.workers().into_iter().map(|(n, _)| n).collect()
}

/// A, B and C share the worker through the folder; A deletes it while C,
/// offline, writes to it; C syncs, then A and B.
fn deleted_on_a_edited_on_c(root: &std::path::Path) -> [Laptop; 3] {
    let shared = root.join("shared");
    std::fs::create_dir_all(&shared).unwrap();
    let [a, b, c] = ["a", "b", "c"].map(|n| Laptop::new(root, n));
    a.ok(&["worker", "add", "--name", NAME, "--employer", "港運輸"]);
    a.ok(&[
        "contact",
        "add",
        NAME,
        "--mode",
        "visit",
        "--notes",
        "初回訪問",
    ]);
    for l in [&a, &b, &c, &a] {
        l.ok(&["sync", s(&shared)]);
    }
    a.ok(&["worker", "delete", NAME, "--yes"]);
    a.ok(&["sync", s(&shared)]);

    // C has not synced since: its supporter goes on writing.
    c.ok(&[
        "contact",
        "add",
        NAME,
        "--mode",
        "visit",
        "--notes",
        "配置転換の相談",
    ]);
    c.ok(&["person", "add", NAME, "--name", "田中", "--role", "上司"]);
    c.ok(&["worker", "edit", NAME, "--memo", "来月から倉庫担当"]);
    let out = c.ok(&["sync", s(&shared)]);
    assert!(out.contains("新しい競合 1 件"), "{out}");
    assert!(out.contains("削除と編集がぶつかりました"), "{out}");
    for l in [&a, &b] {
        let out = l.ok(&["sync", s(&shared)]);
        assert!(out.contains("削除と編集がぶつかりました"), "{out}");
    }
    [a, b, c]
}

#[test]
fn edits_on_a_worker_deleted_elsewhere_stay_in_view_flagged_on_every_laptop() {
    let root = tempfile::tempdir().unwrap();
    let laptops = deleted_on_a_edited_on_c(root.path());
    for l in &laptops {
        assert_eq!(names(l), [NAME]);
        let search = l.ok(&["search", "配置転換"]);
        assert!(search.contains(NAME), "{search}");
        let show = l.ok(&["worker", "show", NAME]);
        assert!(
            show.contains("来月から倉庫担当") && show.contains("田中"),
            "{show}"
        );

        let list = l.ok(&["conflicts"]);
        assert!(list.contains("削除と編集がぶつかりました"), "{list}");
        assert!(
            list.contains("連絡記録 1件") && list.contains("関係者 1件"),
            "{list}"
        );
        assert!(list.contains("--pick 2"), "{list}");
        let json = l.conflicts();
        assert_eq!(json.len(), 1, "{json:?}");
        assert_eq!(json[0]["field"], "deleted");
        assert_eq!(json[0]["entity"], "worker");

        // A delete conflict has no merged text to write.
        let err = l.fails(&["conflicts", "resolve", "1", "--text", "両方"]);
        assert!(err.contains("--pick"), "{err}");
    }
    let en = laptops[1].ok(&["conflicts", "--lang", "en"]);
    assert!(en.contains("deleted") && en.contains("--pick 2"), "{en}");
}

#[test]
fn keeping_it_on_one_laptop_keeps_it_everywhere_and_ends_the_conflict() {
    let root = tempfile::tempdir().unwrap();
    let shared = root.path().join("shared");
    let [a, b, c] = deleted_on_a_edited_on_c(root.path());
    b.ok(&["conflicts", "resolve", "1", "--pick", "2"]);
    for l in [&b, &a, &c, &b] {
        l.ok(&["sync", s(&shared)]);
    }
    for l in [&a, &b, &c] {
        assert_eq!(names(l), [NAME]);
        assert!(l.conflicts().is_empty(), "{:?}", l.conflicts());
        let deleted = l.ok(&["worker", "list", "--deleted"]);
        assert!(!deleted.contains(NAME), "{deleted}");
    }
}

#[test]
fn deleting_it_knowing_the_edits_deletes_it_everywhere_and_restore_brings_all_back() {
    let root = tempfile::tempdir().unwrap();
    let shared = root.path().join("shared");
    let [a, b, c] = deleted_on_a_edited_on_c(root.path());
    a.ok(&["conflicts", "resolve", "1", "--pick", "1"]);
    for l in [&a, &b, &c, &a] {
        l.ok(&["sync", s(&shared)]);
    }
    for l in [&a, &b, &c] {
        assert!(names(l).is_empty(), "{:?}", names(l));
        assert!(l.conflicts().is_empty(), "{:?}", l.conflicts());
        assert!(!l.ok(&["search", "配置転換"]).contains(NAME));
        // Still readable in the 削除済み lists.
        let deleted = l.ok(&["worker", "list", "--deleted"]);
        assert!(
            deleted.contains(NAME) && deleted.contains("restore"),
            "{deleted}"
        );
        let contacts = l.ok(&["contact", "list", "--deleted", NAME]);
        assert!(
            contacts.contains("配置転換の相談") && contacts.contains("初回訪問"),
            "{contacts}"
        );
    }

    // A contact goes with its worker: it cannot be restored alone.
    let json: Vec<serde_json::Value> =
        serde_json::from_str(&c.ok(&["contact", "list", "--deleted", NAME, "--json"])).unwrap();
    let id = json[0]["id"].as_str().unwrap().to_string();
    let err = c.fails(&["contact", "restore", &id]);
    assert!(err.contains("何も変更していません"), "{err}");
    let err = c.fails(&["worker", "restore", "山田"]);
    assert!(err.contains("山田"), "{err}");

    let out = c.ok(&["worker", "restore", NAME]);
    assert!(
        out.contains("元に戻しました") && out.contains(NAME),
        "{out}"
    );
    for l in [&c, &a, &b] {
        l.ok(&["sync", s(&shared)]);
    }
    for l in [&a, &b, &c] {
        assert_eq!(names(l), [NAME]);
        let show = l.ok(&["worker", "show", NAME]);
        assert!(
            show.contains("来月から倉庫担当") && show.contains("田中"),
            "{show}"
        );
        assert!(l.ok(&["search", "配置転換"]).contains(NAME));
        let deleted = l.ok(&["worker", "list", "--deleted", "--lang", "en"]);
        assert_eq!(deleted.trim(), "No deleted workers.", "{deleted}");
    }
    // Restoring a worker in view is refused with its name.
    let err = a.fails(&["worker", "restore", NAME]);
    assert!(err.contains(NAME), "{err}");
}
