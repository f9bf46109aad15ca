//! What a killed restore, passphrase change or atomic write leaves beside the
//! database is finished or removed at the next open, and `doctor` lists what
//! is still there (issue 28 item 5).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use common::cli::{Env, Start};
use teichaku::store::{backup, encrypt, leftovers, unlock};

const NOTE: &str = "職場訪問。上司より「遅刻がなくなった」と評価。";

fn with_records(env: &Env) {
    common::worker_with_visit(env, "山田 太郎", NOTE);
}

fn backup_of(env: &Env) -> PathBuf {
    let dir = env.path("stick");
    std::fs::create_dir_all(&dir).unwrap();
    env.ok(&["backup", "--to", dir.to_str().unwrap()]);
    let file = std::fs::read_dir(&dir).unwrap().flatten().next().unwrap();
    file.path()
}

fn names(paths: &[PathBuf]) -> Vec<String> {
    paths
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect()
}

/// A restore stopped at each of its steps (abort, as a kill -9): before its
/// key file was renamed into place, the folder is left as it was and the
/// restore runs again; after it, the next command finishes the restore. No
/// `.restoring` file is left either way.
#[cfg(debug_assertions)]
#[test]
fn a_restore_stopped_at_any_step_is_finished_or_undone_at_the_next_open() {
    let first = Env::on("2026-12-02");
    with_records(&first);
    let file = backup_of(&first);
    let file = file.to_str().unwrap();
    for step in backup::RESTORE_STEPS {
        let env = Env::on("2026-12-03");
        let out = env
            .command(&["restore", file])
            .env("TEICHAKU_FAILPOINT", format!("restore:{step}"))
            .output_started();
        assert!(!out.status.success(), "{step}: stopped");
        let finished_by_open = ["key-renamed", "renamed"].contains(step);
        if finished_by_open {
            let shown = env.ok(&["worker", "show", "山田 太郎"]);
            assert!(shown.contains("遅刻がなくなった"), "{step}: {shown}");
        } else {
            assert!(
                !backup::database_present(&env.db()),
                "{step}: nothing in place yet"
            );
            env.ok(&["restore", file]);
            let shown = env.ok(&["worker", "show", "山田 太郎"]);
            assert!(shown.contains("遅刻がなくなった"), "{step}: {shown}");
        }
        let left = leftovers::found(&env.db());
        assert!(left.is_empty(), "{step}: {:?}", names(&left));
    }
}

/// A restore whose copy was checked but not yet renamed waits for the right
/// passphrase: a wrong one is refused and removes nothing.
#[cfg(debug_assertions)]
#[test]
fn a_stopped_restore_is_not_thrown_away_by_a_wrong_passphrase() {
    let first = Env::on("2026-12-02");
    with_records(&first);
    let file = backup_of(&first);
    let env = Env::on("2026-12-03");
    let out = env
        .command(&["restore", file.to_str().unwrap()])
        .env("TEICHAKU_FAILPOINT", "restore:key-renamed")
        .output_started();
    assert!(!out.status.success());
    let out = env
        .command(&["worker", "list"])
        .env(unlock::PASSPHRASE_ENV, "not the passphrase at all")
        .output_started();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("パスフレーズが違います"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(leftovers::restoring_of(&env.db()).exists(), "kept");
    assert!(env.ok(&["worker", "list"]).contains("山田 太郎"));
}

/// A passphrase change stopped before its rename leaves a full encrypted
/// copy: `doctor` lists it (and calls it no damage), the next open removes it.
#[cfg(debug_assertions)]
#[test]
fn a_stopped_passphrase_change_leaves_no_copy_after_the_next_open() {
    let new = "a new and longer passphrase";
    for step in ["exported", "synced", "verified"] {
        let env = Env::new();
        with_records(&env);
        let out = env
            .command(&["passphrase", "change"])
            .env("TEICHAKU_DB_NEW_PASSPHRASE", new)
            .env("TEICHAKU_FAILPOINT", format!("encrypt:{step}"))
            .output_started();
        assert!(!out.status.success(), "{step}");
        let temp = encrypt::temp_of(&env.db());
        assert!(temp.exists(), "{step}: the half-made copy is there");
        let with_new = |args: &[&str]| {
            let out = env
                .command(args)
                .env(unlock::PASSPHRASE_ENV, new)
                .output_started();
            assert!(
                out.status.success(),
                "{step} {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            String::from_utf8_lossy(&out.stdout).into_owned()
        };
        for (lang, says) in [
            (
                "ja",
                "途中で止まった作業の一時ファイル: 1 件（teichaku.db.encrypting）",
            ),
            (
                "en",
                "Temporary files of a job that stopped half-way: 1 (teichaku.db.encrypting)",
            ),
        ] {
            let report = with_new(&["--lang", lang, "doctor"]);
            assert!(report.contains(says), "{step} {lang}: {report}");
            assert!(!report.contains("復元してください"), "{step}: {report}");
        }
        with_new(&["worker", "list"]);
        assert!(!temp.exists(), "{step}: removed at the next open");
        let report = with_new(&["doctor"]);
        assert!(!report.contains("一時ファイル"), "{step}: {report}");
    }
}

fn temp_file(dir: &Path, name: &str, age: Duration) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, b"half written").unwrap();
    let f = std::fs::File::options().write(true).open(&path).unwrap();
    f.set_modified(SystemTime::now() - age).unwrap();
    path
}

/// Our own atomic writes' temp files: one nobody holds and written long ago
/// is removed at the next open; one just written, or one a running teichaku
/// holds (its lock), is left alone.
#[test]
fn an_abandoned_temp_file_is_removed_and_a_live_one_kept() {
    let env = Env::new();
    with_records(&env);
    let dir = env.db().parent().unwrap().to_path_buf();
    let hour = Duration::from_secs(3600);
    let abandoned = temp_file(&dir, ".teichaku-AbC123.tmp", hour);
    let fresh = temp_file(&dir, ".teichaku-FrE456.tmp", Duration::ZERO);
    let held_path = temp_file(&dir, ".teichaku-HeL789.tmp", hour);
    let held = std::fs::File::options()
        .read(true)
        .write(true)
        .open(&held_path)
        .unwrap();
    held.lock().unwrap();
    let not_ours = temp_file(&dir, "notes.tmp", hour);
    let report = env.ok(&["--lang", "en", "doctor"]);
    assert!(report.contains(".teichaku-AbC123.tmp"), "{report}");
    env.ok(&["worker", "list"]);
    assert!(!abandoned.exists(), "removed");
    assert!(fresh.exists(), "just written: kept");
    assert!(held_path.exists(), "held by a running process: kept");
    assert!(not_ours.exists(), "not a name we make: kept");
    drop(held);
}
