//! Sync from the command line, as staff would use it: three data folders stand
//! in for three laptops; bundles travel as files and through a shared folder.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

use common::laptop::{Laptop, PASS, s};

#[test]
fn three_laptops_converge_through_files_and_a_shared_folder() {
    let root = tempfile::tempdir().unwrap();
    let files = root.path();
    let a = Laptop::new(files, "a");
    let b = Laptop::new(files, "b");
    let c = Laptop::new(files, "c");
    for name in ["山田 太郎", "佐藤 花子", "鈴木 一郎"] {
        a.ok(&["worker", "add", "--name", name, "--memo", "初回面談済み"]);
    }
    let a0 = files.join("a0.tcsync");
    a.ok(&["export", "--full", "--to", s(&a0)]);
    b.ok(&["import", s(&a0)]);
    c.ok(&["import", s(&a0)]);
    assert_eq!(b.workers(), a.workers());

    // Offline: the same note edited on two laptops, a worker deleted on a third.
    a.ok(&["worker", "edit", "山田", "--memo", "Aの記録: 朝が苦手"]);
    b.ok(&["worker", "edit", "山田", "--memo", "Bの記録: 通院は火曜"]);
    c.ok(&["worker", "delete", "佐藤", "--yes"]);
    let (a1, b1, c1) = (
        files.join("a1.tcsync"),
        files.join("b1.tcsync"),
        files.join("c1.tcsync"),
    );
    a.ok(&["export", "--to", s(&a1)]);
    b.ok(&["export", "--to", s(&b1)]);
    c.ok(&["export", "--to", s(&c1)]);
    let out = a.ok(&["import", s(&b1), s(&c1)]);
    assert!(out.contains("未解決の競合が 1 件"), "{out}");
    b.ok(&["import", s(&c1), s(&a1)]);
    c.ok(&["import", s(&a1), s(&b1)]);
    // Importing again is harmless.
    let again = c.ok(&["import", s(&a1)]);
    assert!(again.contains("取り込み済み"), "{again}");

    let expected = a.workers();
    assert_eq!(expected.len(), 2, "{expected:?}");
    assert!(expected.iter().all(|(n, _)| n != "佐藤 花子"));
    assert_eq!(b.workers(), expected);
    assert_eq!(c.workers(), expected);
    for l in [&a, &b, &c] {
        let conflicts = l.conflicts();
        assert_eq!(conflicts.len(), 1);
        let texts: Vec<&str> = conflicts[0]["versions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["text"].as_str().unwrap())
            .collect();
        assert!(texts.contains(&"Aの記録: 朝が苦手"), "{texts:?}");
        assert!(texts.contains(&"Bの記録: 通院は火曜"), "{texts:?}");
    }
    let shown = a.ok(&["conflicts"]);
    assert!(shown.contains("Aの記録") && shown.contains("Bの記録") && shown.contains("山田 太郎"));

    // Now through a shared folder: resolve on one, new edits on the others.
    let shared = files.join("shared");
    std::fs::create_dir(&shared).unwrap();
    a.ok(&[
        "conflicts",
        "resolve",
        "1",
        "--text",
        "朝が苦手。通院は火曜。",
    ]);
    c.ok(&["worker", "edit", "鈴木", "--employer", "さくら食品"]);
    // Leftovers of sync tools in the folder are ignored.
    std::fs::write(shared.join(".syncthing.x.tcsync.tmp"), b"partial").unwrap();
    std::fs::write(shared.join("~$lock.tcsync"), b"lock").unwrap();
    for _ in 0..2 {
        for l in [&a, &b, &c] {
            l.ok(&["sync", s(&shared)]);
        }
    }
    let expected = a.workers();
    assert!(expected.contains(&("山田 太郎".into(), "朝が苦手。通院は火曜。".into())));
    assert_eq!(b.workers(), expected);
    assert_eq!(c.workers(), expected);
    for l in [&a, &b, &c] {
        assert!(l.conflicts().is_empty());
        assert!(
            l.ok(&["worker", "show", "鈴木", "--json"])
                .contains("さくら食品")
        );
    }
    // Nothing is ever overwritten in the folder: one new file per sync that
    // had something to send, and a later sync with nothing new writes nothing.
    let before = std::fs::read_dir(&shared).unwrap().count();
    let out = b.ok(&["sync", s(&shared)]);
    assert!(out.contains("送る新しい変更はありません"), "{out}");
    assert_eq!(std::fs::read_dir(&shared).unwrap().count(), before);

    let status = a.ok(&["sync", "status"]);
    assert!(status.contains("この端末"), "{status}");
    let json: serde_json::Value =
        serde_json::from_str(&a.ok(&["sync", "status", "--json"])).unwrap();
    assert_eq!(json["devices"].as_array().unwrap().len(), 3);
    assert!(
        json["devices"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["missing"].as_array().unwrap().is_empty())
    );

    // A tampered file is refused and changes nothing.
    let mut bytes = std::fs::read(&a1).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x40;
    let bad = files.join("bad.tcsync");
    std::fs::write(&bad, &bytes).unwrap();
    let before = c.db_bytes();
    let err = c.fails(&["import", s(&bad)]);
    assert!(err.contains("壊れています"), "{err}");
    assert_eq!(c.db_bytes(), before);
}

/// Rewrites the trailing CRC so only the authenticated part can object.
fn fix_crc(bytes: &mut [u8]) {
    let n = bytes.len() - 4;
    let crc = crc32fast::hash(&bytes[..n]);
    bytes[n..].copy_from_slice(&crc.to_le_bytes());
}

#[test]
fn each_bad_bundle_is_refused_with_its_own_message_and_the_database_is_untouched() {
    let root = tempfile::tempdir().unwrap();
    let files = root.path();
    let a = Laptop::new(files, "a");
    let b = Laptop::new(files, "b");
    a.ok(&["worker", "add", "--name", "山田 太郎", "--memo", "メモ"]);
    b.ok(&["worker", "add", "--name", "高橋 次郎"]);
    let good = files.join("good.tcsync");
    a.ok(&["export", "--to", s(&good)]);
    let bytes = std::fs::read(&good).unwrap();
    let write = |name: &str, b: &[u8]| {
        let p = files.join(name);
        std::fs::write(&p, b).unwrap();
        p
    };

    let truncated = write("truncated.tcsync", &bytes[..bytes.len() * 2 / 3]);
    let mut flipped = bytes.clone();
    let last = flipped.len() - 10;
    flipped[last] ^= 0x01;
    let flipped = write("flipped.tcsync", &flipped);
    let header_end = 20 + u32::from_le_bytes(bytes[16..20].try_into().unwrap()) as usize;
    let header = String::from_utf8(bytes[20..header_end].to_vec()).unwrap();
    assert!(header.contains("\"full\":false"), "{header}");
    let mut tampered = bytes.clone();
    let at = 20 + header.find("\"full\":false").unwrap();
    tampered[at..at + 12].copy_from_slice(b"\"full\":true ");
    fix_crc(&mut tampered);
    let tampered = write("tampered.tcsync", &tampered);
    let mut newer = bytes.clone();
    newer[12..14].copy_from_slice(&7u16.to_le_bytes());
    newer[14..16].copy_from_slice(&5u16.to_le_bytes());
    fix_crc(&mut newer);
    let newer = write("newer.tcsync", &newer);
    let not_ours = write("notes.tcsync", "面談の記録です".as_bytes());

    let cases: Vec<(&Path, Option<&str>, &str, &str)> = vec![
        (&truncated, Some(PASS), "途中で切れて", "cut short"),
        (&flipped, Some(PASS), "チェックサム", "checksum"),
        (
            &good,
            Some("another passphrase!"),
            "パスフレーズが違います",
            "another passphrase",
        ),
        (&tampered, Some(PASS), "書き換えられています", "altered"),
        (&newer, Some(PASS), "新しい版", "newer teichaku (format 7"),
        (
            &not_ours,
            Some(PASS),
            "同期ファイルではありません",
            "not a teichaku sync file",
        ),
        (
            &good,
            None,
            "TEICHAKU_SYNC_PASSPHRASE",
            "TEICHAKU_SYNC_PASSPHRASE",
        ),
        (&good, Some("short"), "短すぎます", "too short"),
    ];
    let before = b.db_bytes();
    for (file, pass, ja, en) in cases {
        let err = b.fails_with(&["import", s(file)], pass);
        assert!(err.contains(ja), "{file:?}: {err}");
        let err = b.fails_with(&["--lang", "en", "import", s(file)], pass);
        assert!(err.contains(en), "{file:?}: {err}");
        assert!(!err.contains("panicked"));
        assert_eq!(b.db_bytes(), before, "{file:?} changed the database");
    }
    // A good file mixed with a bad one: all or nothing.
    let err = b.fails(&["import", s(&good), s(&truncated)]);
    assert!(err.contains("途中で切れて"));
    assert_eq!(b.db_bytes(), before);
    b.ok(&["import", s(&good)]);
    assert_eq!(b.workers().len(), 2);
}

#[test]
fn a_cloned_laptop_is_caught_and_a_copied_database_gets_its_own_device_id() {
    let root = tempfile::tempdir().unwrap();
    let files = root.path();
    let a = Laptop::new(files, "a");
    let b = Laptop::new(files, "b");
    let clone = Laptop::new(files, "clone");
    let copy = Laptop::new(files, "copy");
    a.ok(&["worker", "add", "--name", "山田 太郎"]);
    // The whole data folder copied, device file included: undetectable until
    // both write under the same device id.
    std::fs::create_dir_all(clone.db().parent().unwrap()).unwrap();
    for f in ["teichaku.db", "teichaku.db.key", "teichaku.db.device"] {
        std::fs::copy(a.db().with_file_name(f), clone.db().with_file_name(f)).unwrap();
    }
    a.ok(&["worker", "add", "--name", "佐藤 花子"]);
    clone.ok(&["worker", "add", "--name", "別の人"]);
    let (fa, fc) = (files.join("a.tcsync"), files.join("clone.tcsync"));
    a.ok(&["export", "--to", s(&fa)]);
    clone.ok(&["export", "--to", s(&fc)]);
    b.ok(&["import", s(&fa)]);
    let before = b.db_bytes();
    let err = b.fails(&["import", s(&fc)]);
    assert!(err.contains("同じ端末ID"), "{err}");
    assert_eq!(b.db_bytes(), before);

    // Only the database file (and its key file, without which it does not
    // open) copied: noticed at once, new device id.
    std::fs::create_dir_all(copy.db().parent().unwrap()).unwrap();
    std::fs::copy(a.db(), copy.db()).unwrap();
    let key = |l: &Laptop| teichaku::store::keyfile::key_file_of(&l.db());
    std::fs::copy(key(&a), key(&copy)).unwrap();
    let out = copy.run_with(&["worker", "list"], None);
    assert!(String::from_utf8_lossy(&out.stderr).contains("新しい端末ID"));
    copy.ok(&["worker", "add", "--name", "新しい人"]);
    let fcopy = files.join("copy.tcsync");
    copy.ok(&["export", "--to", s(&fcopy)]);
    b.ok(&["import", s(&fcopy)]);
    let names: Vec<String> = b.workers().into_iter().map(|w| w.0).collect();
    assert!(names.contains(&"新しい人".to_string()), "{names:?}");
}

#[test]
fn an_import_that_deletes_most_workers_is_refused_unless_confirmed() {
    let root = tempfile::tempdir().unwrap();
    let files = root.path();
    let a = Laptop::new(files, "a");
    let b = Laptop::new(files, "b");
    for n in ["一", "二", "三", "四"] {
        a.ok(&["worker", "add", "--name", n]);
    }
    let f0 = files.join("0.tcsync");
    a.ok(&["export", "--to", s(&f0)]);
    b.ok(&["import", s(&f0)]);
    for n in ["一", "二", "三"] {
        a.ok(&["worker", "delete", n, "--yes"]);
    }
    let f1 = files.join("1.tcsync");
    a.ok(&["export", "--to", s(&f1)]);
    let before = b.db_bytes();
    let err = b.fails(&["import", s(&f1)]);
    assert!(
        err.contains("4件のうち3件") && err.contains("--yes"),
        "{err}"
    );
    assert_eq!(b.db_bytes(), before);
    b.ok(&["import", s(&f1), "--yes"]);
    assert_eq!(b.workers().len(), 1);
}

#[test]
fn export_never_overwrites_without_force_and_stays_repeatable_until_imported() {
    let root = tempfile::tempdir().unwrap();
    let files = root.path();
    let a = Laptop::new(files, "a");
    let b = Laptop::new(files, "b");
    a.ok(&["worker", "add", "--name", "山田 太郎"]);
    let one = files.join("one.tcsync");
    a.ok(&["export", "--to", s(&one)]);
    let first = std::fs::read(&one).unwrap();

    // A second export to the same file is refused and the file left as it was.
    a.ok(&["worker", "add", "--name", "佐藤 花子"]);
    let err = a.fails(&["export", "--to", s(&one)]);
    assert!(
        err.contains("既にあります") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(std::fs::read(&one).unwrap(), first);

    // The first file never reached B; a plain export still carries everything.
    let two = files.join("two.tcsync");
    a.ok(&["export", "--to", s(&two)]);
    b.ok(&["import", s(&two)]);
    assert_eq!(b.workers().len(), 2, "{:?}", b.workers());

    // Once B's own bundle says it holds them, A has nothing new to send.
    let back = files.join("back.tcsync");
    b.ok(&["export", "--to", s(&back)]);
    a.ok(&["import", s(&back)]);
    let three = files.join("three.tcsync");
    let out = a.ok(&["export", "--to", s(&three)]);
    assert!(out.contains("変更 0 件"), "{out}");

    // --force replaces the file.
    a.ok(&["export", "--force", "--to", s(&one)]);
    assert_ne!(std::fs::read(&one).unwrap(), first);
}
