//! A data folder that cannot be written — a write-protected USB stick, a
//! read-only share (issue 28 item 2) — or a full disk (item 3): every reading
//! command works, writing ones say why they cannot, and `doctor` never calls
//! it damaged. Here a small tmpfs is mounted and remounted read-only, which needs
//! root on Linux (as CI runs); elsewhere the test says why it did not run.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::cli::{Env, Start};

/// A tmpfs at a path, unmounted when dropped. None where mounting is not
/// possible (not root, not Linux, wine).
struct Mount(PathBuf);

impl Mount {
    fn at(dir: &Path) -> Option<Mount> {
        if !cfg!(target_os = "linux") || std::env::var_os("TEICHAKU_UNDER_WINE").is_some() {
            return None;
        }
        std::fs::create_dir_all(dir).ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=16m,mode=0700", "tmpfs"])
            .arg(dir)
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Mount(dir.to_path_buf()))
    }

    fn remount(&self, mode: &str) {
        let ok = Command::new("mount")
            .args(["-o", &format!("remount,{mode}")])
            .arg(&self.0)
            .status()
            .unwrap();
        assert!(ok.success(), "remount {mode}");
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

fn run(env: &Env, data: &Path, args: &[&str]) -> (bool, String, String) {
    let out = env
        .command(args)
        .env("TEICHAKU_DATA_DIR", data)
        .output_started();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_read_only_data_folder_is_read_and_never_called_damaged() {
    let env = Env::new();
    let data = env.path("data");
    let Some(mount) = Mount::at(&data) else {
        eprintln!("skipped: no read-only mount here (needs root on Linux)");
        return;
    };
    common::worker_with_visit(&env, "山田 太郎", "配置転換の相談");
    let before = std::fs::read(env.db()).unwrap();
    mount.remount("ro");
    for args in [
        &["worker", "list"][..],
        &["worker", "show", "山田 太郎"],
        &["contact", "list", "山田 太郎"],
        &["search", "配置転換"],
        &["csv", "contacts"],
        &["due"],
    ] {
        let (ok, out, err) = run(&env, &data, args);
        assert!(ok, "{args:?}: {err}");
        assert!(
            err.contains("読み取り専用で開いています"),
            "{args:?}: {err}"
        );
        if args[0] != "due" {
            assert!(
                out.contains("山田") || out.contains("配置転換"),
                "{args:?}: {out}"
            );
        }
    }
    let (_, _, err) = run(&env, &data, &["worker", "show", "山田 太郎"]);
    assert!(
        err.contains("利用記録（teichaku audit）に残せませんでした"),
        "{err}"
    );
    for (lang, says) in [
        ("ja", "書き込めないため、保存できません"),
        ("en", "cannot be written"),
    ] {
        let (ok, _, err) = run(
            &env,
            &data,
            &[
                "--lang",
                lang,
                "contact",
                "add",
                "山田 太郎",
                "--mode",
                "phone",
                "--notes",
                "x",
            ],
        );
        assert!(!ok, "{lang}");
        assert!(err.contains(says), "{lang}: {err}");
    }
    for (lang, says, never) in [
        ("ja", "読み取り専用", "復元してください"),
        ("en", "read-only", "restore the newest backup"),
    ] {
        let (ok, out, err) = run(&env, &data, &["--lang", lang, "doctor"]);
        assert!(ok, "{lang}: {out}{err}");
        assert!(out.contains(says) && !out.contains(never), "{lang}: {out}");
    }
    mount.remount("rw");
    assert_eq!(std::fs::read(env.db()).unwrap(), before, "nothing written");
}

/// Records committed but still in the `-wal` when the folder became read-only
/// (copied while teichaku was open) are read, not skipped.
#[test]
fn committed_records_left_in_the_wal_are_read_on_read_only_media() {
    let env = Env::new();
    let Some(stick) = Mount::at(&env.path("stick")) else {
        eprintln!("skipped: no read-only mount here (needs root on Linux)");
        return;
    };
    env.ok(&["worker", "add", "--name", "山田 太郎"]);
    let mut open = common::open_db(&env.db());
    let w = teichaku::domain::worker::Worker::new(teichaku::store::new_id(), "佐藤 花子".into());
    open.add_worker(&w).unwrap();
    let wal = PathBuf::from(format!("{}-wal", env.db().display()));
    assert!(
        std::fs::metadata(&wal).unwrap().len() > 0,
        "the record is in the WAL"
    );
    let copy = stick.0.join("data");
    std::fs::create_dir_all(&copy).unwrap();
    for entry in std::fs::read_dir(env.db().parent().unwrap())
        .unwrap()
        .flatten()
    {
        if entry.path().is_file() {
            std::fs::copy(entry.path(), copy.join(entry.file_name())).unwrap();
        }
    }
    drop(open);
    stick.remount("ro");
    let (ok, out, err) = run(&env, &copy, &["worker", "list"]);
    assert!(ok, "{err}");
    assert!(
        out.contains("佐藤 花子") && out.contains("山田 太郎"),
        "{out}"
    );
}

/// Fills the file system holding `dir` to the last byte.
fn fill(dir: &Path) -> PathBuf {
    use std::io::Write;
    let path = dir.join("filler");
    let mut f = std::fs::File::create(&path).unwrap();
    let chunk = vec![0u8; 4096];
    while f.write_all(&chunk).is_ok() {}
    let _ = f.sync_all();
    path
}

/// A full disk: reading still works (SQLite cannot even make its shared-
/// memory file, so the data opens to read only), saving says 「ディスクが
/// いっぱいです」 in both languages, a CSV onto that disk says it too, and
/// once space is freed everything saves again.
#[test]
fn on_a_full_disk_records_are_read_and_saving_says_the_disk_is_full() {
    let env = Env::new();
    let data = env.path("data");
    let Some(_mount) = Mount::at(&data) else {
        eprintln!("skipped: no small file system here (needs root on Linux)");
        return;
    };
    common::worker_with_visit(&env, "山田 太郎", "配置転換の相談");
    let filler = fill(&data);
    for args in [
        &["worker", "show", "山田 太郎"][..],
        &["search", "配置転換"],
        &["contact", "list", "山田 太郎"],
    ] {
        let (ok, out, err) = run(&env, &data, args);
        assert!(ok, "{args:?}: {err}");
        assert!(out.contains("配置転換"), "{args:?}: {out}");
        assert!(
            err.contains("ディスクがいっぱいのため、読むだけで開いています"),
            "{err}"
        );
    }
    for (lang, says) in [("ja", "ディスクがいっぱいです"), ("en", "The disk is full")] {
        let (ok, _, err) = run(
            &env,
            &data,
            &[
                "--lang",
                lang,
                "contact",
                "add",
                "山田 太郎",
                "--mode",
                "phone",
                "--notes",
                "x",
            ],
        );
        assert!(!ok && err.contains(says), "{lang}: {err}");
        assert!(
            !err.contains("予期しない") && !err.contains("unexpected"),
            "{err}"
        );
    }
    let csv = data.join("contacts.csv");
    let (ok, _, err) = run(
        &env,
        &data,
        &["csv", "contacts", "--out", csv.to_str().unwrap()],
    );
    assert!(!ok && err.contains("ディスクがいっぱいです"), "{err}");
    assert!(!err.contains("os error"), "{err}");
    let (ok, out, err) = run(&env, &data, &["doctor"]);
    assert!(ok, "{out}{err}");
    assert!(
        out.contains("ディスクがいっぱいです") && !out.contains("復元してください"),
        "{out}"
    );
    std::fs::remove_file(filler).unwrap();
    env.ok(&[
        "contact",
        "add",
        "山田 太郎",
        "--mode",
        "phone",
        "--notes",
        "空きができた",
    ]);
    assert!(
        env.ok(&["contact", "list", "山田 太郎"])
            .contains("空きができた")
    );
}
