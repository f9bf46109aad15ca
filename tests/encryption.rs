//! Encryption at rest as a user meets it: a new database is unreadable
//! without its passphrase, a wrong passphrase changes nothing, a plaintext
//! database of an earlier version is converted (and a crash at any point of the
//! conversion leaves one good database), and the passphrase can be changed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};

use common::cli::{Env, Start};
use teichaku::domain::Worker;
use teichaku::store::{self, Store, unlock};

const NOTE: &str = "職場訪問。上司より「遅刻がなくなった」と評価。服薬は継続中。";

fn with_worker_and_note(env: &Env) {
    env.ok(&[
        "worker",
        "add",
        "--name",
        "山田 太郎",
        "--kana",
        "やまだ たろう",
        "--employer",
        "株式会社みなと物流",
    ]);
    let note = env.path("note.txt");
    std::fs::write(&note, NOTE).unwrap();
    env.ok(&[
        "contact",
        "add",
        "山田 太郎",
        "--mode",
        "visit",
        "--notes-file",
        note.to_str().unwrap(),
    ]);
    std::fs::remove_file(note).unwrap();
}

/// Every file beside the database (`teichaku.db*`, the drafts folder).
fn database_files(env: &Env) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![env.dir.path().join("data")];
    while let Some(dir) = dirs.pop() {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            if e.path().is_dir() {
                dirs.push(e.path());
            } else {
                out.push(e.path());
            }
        }
    }
    out
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// What `strings -e S` would show of Japanese: a run of four or more kana or
/// kanji in UTF-8 (random ciphertext makes a single one now and then).
fn has_japanese(bytes: &[u8]) -> bool {
    let japanese =
        |c: char| ('\u{3040}'..='\u{30ff}').contains(&c) || ('\u{4e00}'..='\u{9fff}').contains(&c);
    let mut run = 0;
    for c in String::from_utf8_lossy(bytes).chars() {
        run = if japanese(c) { run + 1 } else { 0 };
        if run >= 4 {
            return true;
        }
    }
    false
}

#[test]
fn no_file_beside_the_database_shows_a_name_or_a_note_and_sqlite_cannot_read_it() {
    let env = Env::new();
    with_worker_and_note(&env);
    let files = database_files(&env);
    assert!(files.iter().any(|p| p.ends_with("teichaku.db")));
    assert!(files.iter().any(|p| p.ends_with("teichaku.db.key")));
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        assert!(!has_japanese(&bytes), "{} shows Japanese", path.display());
        assert!(!contains(&bytes, "山田"), "{}", path.display());
        assert!(!contains(&bytes, "CREATE TABLE"), "{}", path.display());
    }
    // What `sqlite3 teichaku.db .tables` does: "file is not a database".
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let err = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        })
        .unwrap_err();
    assert_eq!(
        err.sqlite_error_code(),
        Some(rusqlite::ErrorCode::NotADatabase)
    );
    // And with the passphrase everything is there.
    let out = env.ok(&["worker", "show", "山田 太郎"]);
    assert!(out.contains("遅刻がなくなった"), "{out}");
}

fn snapshot(env: &Env) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = database_files(env)
        .into_iter()
        .map(|p| {
            let b = std::fs::read(&p).unwrap();
            (p, b)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_wrong_passphrase_says_so_and_three_tries_change_nothing() {
    let env = Env::new();
    with_worker_and_note(&env);
    let before = snapshot(&env);
    for _ in 0..3 {
        let out = env
            .command(&["worker", "list"])
            .env(unlock::PASSPHRASE_ENV, "correct horse battery stapler")
            .output_started();
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("パスフレーズが違います"), "{err}");
        assert!(err.contains("何も変更していません"), "{err}");
    }
    let out = env
        .command(&["--lang", "en", "worker", "list"])
        .env(unlock::PASSPHRASE_ENV, "wrong wrong wrong")
        .output_started();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("Wrong database passphrase"), "{err}");
    assert!(snapshot(&env) == before, "not a byte changed");
    assert!(env.ok(&["worker", "list"]).contains("山田 太郎"));
}

#[test]
fn without_a_terminal_or_the_variable_the_passphrase_is_asked_for_clearly() {
    let env = Env::new();
    let out = env
        .command(&["worker", "list"])
        .env_remove(unlock::PASSPHRASE_ENV)
        .output_started();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains(unlock::PASSPHRASE_ENV), "{err}");
    assert!(!env.db().exists(), "no database made without a passphrase");
    let out = env
        .command(&["worker", "list"])
        .env(unlock::PASSPHRASE_ENV, "short")
        .output_started();
    assert!(String::from_utf8_lossy(&out.stderr).contains("短すぎます"));
    assert!(!env.db().exists());
}

#[test]
fn a_missing_key_file_or_another_databases_key_file_is_explained() {
    let a = Env::new();
    with_worker_and_note(&a);
    let b = Env::new();
    b.ok(&["worker", "list"]);
    let key = store::keyfile::key_file_of(&a.db());
    let saved = std::fs::read(&key).unwrap();
    std::fs::remove_file(&key).unwrap();
    assert!(a.fails(&["worker", "list"]).contains("鍵ファイル"));
    std::fs::copy(store::keyfile::key_file_of(&b.db()), &key).unwrap();
    assert!(a.fails(&["worker", "list"]).contains("別のデータベース"));
    std::fs::write(&key, saved).unwrap();
    assert!(a.ok(&["worker", "list"]).contains("山田 太郎"));
}

/// A plaintext database as the previous version left it: workers, notes,
/// a WAL with the last writes not yet checkpointed.
fn plaintext_database(path: &Path, contacts: usize) -> (Store, Vec<String>) {
    let mut s = Store::open(path, None).unwrap();
    let w = Worker::new(store::new_id(), "山田 太郎".into());
    s.add_worker(&w).unwrap();
    let mut ids = Vec::new();
    for i in 0..contacts {
        let mut c = common::contact(&w.id, &format!("{NOTE} 第{i}回"));
        c.date = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
            + chrono::Days::new(i as u64 % 300);
        s.add_contact(&c).unwrap();
        ids.push(c.id);
    }
    (s, ids)
}

fn assert_all_there(env: &Env, contacts: usize) {
    let store = common::open_db(&env.db());
    let workers = store.workers().unwrap();
    assert_eq!(workers.len(), 1);
    assert_eq!(workers[0].contact_count as usize, contacts);
    assert_eq!(
        store.contacts_for(&workers[0].worker.id).unwrap().len(),
        contacts
    );
    assert!(!store::is_plaintext(&env.db()).unwrap());
}

#[test]
fn a_plaintext_database_of_the_previous_version_is_encrypted_in_place_with_everything() {
    let env = Env::new();
    let (s, _) = plaintext_database(&env.db(), 30);
    let log = s.own_log().unwrap().len();
    drop(s);
    let out = env.run(&["worker", "list"]);
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("暗号化しました"), "{err}");
    assert_all_there(&env, 30);
    assert_eq!(env.log_len(), log, "the change log came along");
    for path in database_files(&env) {
        let bytes = std::fs::read(&path).unwrap();
        assert!(!has_japanese(&bytes), "{} shows Japanese", path.display());
    }
    // Search (FTS5 trigram) works in the encrypted copy.
    assert!(env.ok(&["search", "遅刻がなく"]).contains("第7回"));
}

/// A crash at each named step of the conversion: the process aborts there
/// (debug builds have the failpoints), the next start finds one good database.
#[cfg(debug_assertions)]
#[test]
fn a_crash_at_every_step_of_the_conversion_leaves_one_good_database() {
    for step in store::encrypt::STEPS {
        let env = Env::new();
        drop(plaintext_database(&env.db(), 20));
        let out = env
            .command(&["worker", "list"])
            .env("TEICHAKU_FAILPOINT", format!("encrypt:{step}"))
            .output_started();
        assert!(!out.status.success(), "{step}: the process was stopped");
        let left = if store::is_plaintext(&env.db()).unwrap() {
            "plaintext"
        } else {
            "encrypted"
        };
        let before_rename = store::encrypt::STEPS
            .iter()
            .position(|s| s == step)
            .unwrap()
            < store::encrypt::STEPS
                .iter()
                .position(|s| *s == "renamed")
                .unwrap();
        assert_eq!(left == "plaintext", before_rename, "{step}: {left}");
        env.ok(&["worker", "list"]);
        assert_all_there(&env, 20);
        assert!(!store::encrypt::temp_of(&env.db()).exists(), "{step}");
    }
}

/// kill -9 at pseudo-random moments of a conversion (≥ 50 trials): never
/// a lost database.
#[test]
fn kill_minus_nine_at_random_moments_of_the_conversion_never_loses_the_database() {
    let base = Env::new();
    drop(plaintext_database(&base.db(), 1500));
    let originals: Vec<(PathBuf, Vec<u8>)> = snapshot(&base);
    // How long a whole conversion takes here, to spread the kills over it.
    let restore = |env: &Env| {
        std::fs::create_dir_all(env.dir.path().join("data")).unwrap();
        for (p, bytes) in &originals {
            let to = env.dir.path().join("data").join(p.file_name().unwrap());
            std::fs::write(to, bytes).unwrap();
        }
    };
    let timing = Env::new();
    restore(&timing);
    let start = std::time::Instant::now();
    timing.ok(&["worker", "list"]);
    let whole = start.elapsed().as_micros() as u64;
    let mut seed: u64 = 0x5eed_1234;
    let mut outcomes = [0usize; 2];
    for trial in 0..50 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let delay = (seed >> 33) % (whole + 1);
        let env = Env::new();
        restore(&env);
        let mut child = env
            .command(&["worker", "list"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn_started();
        std::thread::sleep(std::time::Duration::from_micros(delay));
        let _ = child.kill(); // SIGKILL on Unix
        let _ = child.wait();
        outcomes[usize::from(store::is_plaintext(&env.db()).unwrap())] += 1;
        let out = env.run(&["worker", "list"]);
        assert!(
            out.status.success(),
            "trial {trial} ({delay} µs of {whole}): {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_all_there(&env, 1500);
    }
    eprintln!("encrypted/plaintext when killed: {outcomes:?}");
}

#[test]
fn the_passphrase_is_changed_and_the_database_re_encrypted() {
    let env = Env::new();
    with_worker_and_note(&env);
    let before = std::fs::read(env.db()).unwrap();
    let new = "a new and longer passphrase";
    let out = env
        .command(&["passphrase", "change"])
        .env("TEICHAKU_DB_NEW_PASSPHRASE", new)
        .output_started();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("古いパスフレーズではもう開けません"));
    let after = std::fs::read(env.db()).unwrap();
    assert_ne!(before[..16], after[..16], "a new file under a new key");
    assert!(
        env.fails(&["worker", "list"])
            .contains("パスフレーズが違います")
    );
    let out = env
        .command(&["worker", "show", "山田 太郎"])
        .env(unlock::PASSPHRASE_ENV, new)
        .output_started();
    assert!(String::from_utf8_lossy(&out.stdout).contains("遅刻がなくなった"));
    // A wrong current passphrase changes nothing.
    let after = std::fs::read(env.db()).unwrap();
    let out = env
        .command(&["passphrase", "change"])
        .env("TEICHAKU_DB_NEW_PASSPHRASE", "yet another passphrase")
        .output_started();
    assert_eq!(out.status.code(), Some(1));
    assert!(std::fs::read(env.db()).unwrap() == after, "unchanged");
}

/// A crash at each step of a re-key: the database opens with the new
/// passphrase (or, when it stopped before anything was written, the old one).
#[cfg(debug_assertions)]
#[test]
fn a_crash_during_a_passphrase_change_leaves_a_database_one_of_the_two_opens() {
    let new = "a new and longer passphrase";
    for step in store::encrypt::STEPS {
        let env = Env::new();
        with_worker_and_note(&env);
        let out = env
            .command(&["passphrase", "change"])
            .env("TEICHAKU_DB_NEW_PASSPHRASE", new)
            .env("TEICHAKU_FAILPOINT", format!("encrypt:{step}"))
            .output_started();
        assert!(!out.status.success(), "{step}");
        let with_new = env
            .command(&["worker", "show", "山田 太郎"])
            .env(unlock::PASSPHRASE_ENV, new)
            .output_started();
        assert!(
            String::from_utf8_lossy(&with_new.stdout).contains("遅刻がなくなった"),
            "{step}: {}",
            String::from_utf8_lossy(&with_new.stderr)
        );
    }
}

/// A damaged key file (a flipped byte, or cut short) is named, with the
/// backup to restore from — never "wrong passphrase" (issue 28 item 4),
/// in Japanese and English; nothing is changed.
#[test]
fn a_damaged_key_file_is_named_and_never_called_a_wrong_passphrase() {
    let env = Env::new();
    with_worker_and_note(&env);
    let key = store::keyfile::key_file_of(&env.db());
    let saved = std::fs::read(&key).unwrap();
    let text = String::from_utf8(saved.clone()).unwrap();
    // One hex digit of the sealed key changed.
    let at = text.find("\"keys\"").unwrap() + 20;
    let mut damaged = text.clone().into_bytes();
    damaged[at] = if damaged[at] == b'0' { b'1' } else { b'0' };
    for bytes in [damaged, saved[..saved.len() / 2].to_vec()] {
        std::fs::write(&key, &bytes).unwrap();
        let before = std::fs::read(env.db()).unwrap();
        let ja = env.fails(&["worker", "list"]);
        assert!(
            ja.contains("鍵ファイル") && ja.contains("傷んでいます"),
            "{ja}"
        );
        assert!(
            ja.contains("teichaku.db.key") && ja.contains("バックアップ"),
            "{ja}"
        );
        assert!(!ja.contains("パスフレーズが違います"), "{ja}");
        let en = env.fails(&["--lang", "en", "worker", "list"]);
        assert!(
            en.contains("is damaged") && en.contains("teichaku.db.key"),
            "{en}"
        );
        assert!(
            en.contains("not a wrong passphrase") && en.contains("backup"),
            "{en}"
        );
        assert_eq!(
            std::fs::read(&key).unwrap(),
            bytes,
            "the key file untouched"
        );
        assert_eq!(
            std::fs::read(env.db()).unwrap(),
            before,
            "the database untouched"
        );
    }
    std::fs::write(&key, saved).unwrap();
    assert!(env.ok(&["worker", "list"]).contains("山田 太郎"));
}
