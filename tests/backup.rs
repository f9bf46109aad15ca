//! Backups as a user meets them: `teichaku backup` writes one encrypted file,
//! `teichaku restore` brings it back into an empty data folder (and refuses
//! anything else without changing a byte), rotation deletes only our own old
//! files, `teichaku doctor` says OK or names the damage, and the TUI's
//! backup at quit says what it did.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};

use common::cli::{Env, Start};
use teichaku::clock::Clock;
use teichaku::store::unlock;
use teichaku::tui::backup_at_quit::{self, BackupAtQuit};

const NOTE: &str = "職場訪問。上司より「遅刻がなくなった」と評価。服薬は継続中。";

fn with_records(env: &Env) {
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
    env.ok(&["worker", "add", "--name", "佐藤 花子"]);
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

/// Everything a user can read back: both CSVs and the worker's page.
fn everything(env: &Env) -> String {
    [
        env.ok(&["csv", "workers"]),
        env.ok(&["csv", "contacts"]),
        env.ok(&["worker", "show", "山田 太郎"]),
    ]
    .join("\n")
}

/// Runs `backup --to DIR` and returns the one file it wrote.
fn backup_into(env: &Env, dir: &Path) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let out = env.ok(&["--lang", "en", "backup", "--to", dir.to_str().unwrap()]);
    assert!(out.contains("Backup written"), "{out}");
    let files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].clone()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Four or more kana or kanji in a row, as `strings` would show them.
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

fn data_files(env: &Env) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = env.dir.path().join("data");
    let mut out: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .flatten()
            .filter(|e| e.path().is_file())
            .map(|e| (e.path(), std::fs::read(e.path()).unwrap()))
            .collect(),
        Err(_) => Vec::new(),
    };
    out.sort();
    out
}

#[test]
fn a_backup_is_one_encrypted_file_and_restores_everything_into_an_empty_folder() {
    let env = Env::on("2026-12-02");
    with_records(&env);
    let before = everything(&env);
    let backups = env.path("stick");
    let file = backup_into(&env, &backups);
    let name = file.file_name().unwrap().to_str().unwrap().to_string();
    assert!(
        name.starts_with("teichaku-backup-2026-12-02-") && name.ends_with(".tcbak"),
        "{name}"
    );
    let bytes = std::fs::read(&file).unwrap();
    assert!(!has_japanese(&bytes), "the backup shows Japanese");
    for plain in [
        "山田".as_bytes(),
        NOTE.as_bytes(),
        b"SQLite format 3",
        b"CREATE TABLE",
    ] {
        assert!(
            !contains(&bytes, plain),
            "{:?}",
            String::from_utf8_lossy(plain)
        );
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // On another laptop: an empty data folder, the passphrase, the file.
    let other = Env::on("2026-12-03");
    let out = other.ok(&["--lang", "en", "restore", file.to_str().unwrap()]);
    assert!(out.contains("Restored"), "{out}");
    assert_eq!(everything(&other), before);
    let audit = other.ok(&["--lang", "en", "audit"]);
    assert!(audit.contains("restored from a backup"), "{audit}");
    let audit = env.ok(&["--lang", "en", "audit"]);
    assert!(
        audit.contains("made a backup") && audit.contains(&name[..20]),
        "{audit}"
    );
    // The restored copy writes under its own device id, not the first laptop's.
    let first = common::open_db(&env.db()).device_id().to_string();
    assert_ne!(common::open_db(&other.db()).device_id(), first);
}

#[test]
fn restore_refuses_a_folder_with_a_database_and_a_bad_file_changes_nothing() {
    let env = Env::new();
    with_records(&env);
    let file = backup_into(&env, &env.path("b"));
    // Not over a database, not even its own.
    let before = data_files(&env);
    let err = env.fails(&["--lang", "en", "restore", file.to_str().unwrap()]);
    assert!(err.contains("already a database"), "{err}");
    assert!(err.contains("Nothing was changed"), "{err}");
    assert!(data_files(&env) == before);

    let bytes = std::fs::read(&file).unwrap();
    let flipped = env.path("flipped.tcbak");
    let mut damaged = bytes.clone();
    let at = damaged.len() - 3000;
    for b in &mut damaged[at..at + 16] {
        *b ^= 0x5a;
    }
    std::fs::write(&flipped, &damaged).unwrap();
    let cut = env.path("cut.tcbak");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let foreign = env.path("notes.tcbak");
    std::fs::write(&foreign, "not a backup at all, just some text").unwrap();
    let empty = Env::new();
    for (file, says) in [
        (&flipped, "damaged"),
        (&cut, "damaged"),
        (&foreign, "not a teichaku backup"),
    ] {
        let err = empty.fails(&["--lang", "en", "restore", file.to_str().unwrap()]);
        assert!(err.contains(says), "{}: {err}", file.display());
        assert!(data_files(&empty).is_empty(), "{}", file.display());
    }
    let out = empty
        .command(&["--lang", "en", "restore", file.to_str().unwrap()])
        .env(unlock::PASSPHRASE_ENV, "not the passphrase of this backup")
        .output_started();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Wrong database passphrase"));
    assert!(data_files(&empty).is_empty());
    // And the good file still restores there.
    empty.ok(&["restore", file.to_str().unwrap()]);
    assert!(empty.ok(&["worker", "list"]).contains("山田 太郎"));
}

#[test]
fn rotation_keeps_the_newest_of_recent_days_and_months_and_only_ever_deletes_ours() {
    let env = Env::on("2026-12-02");
    std::fs::create_dir_all(env.config()).unwrap();
    std::fs::write(
        env.config().join("settings.toml"),
        "backup.keep_daily = 3\nbackup.keep_monthly = 3\n",
    )
    .unwrap();
    with_records(&env);
    let dir = env.path("backups");
    std::fs::create_dir_all(&dir).unwrap();
    let ours = [
        "teichaku-backup-2026-12-01-2300.tcbak",
        "teichaku-backup-2026-12-01-0800.tcbak",
        "teichaku-backup-2026-11-30-1200.tcbak",
        "teichaku-backup-2026-11-29-1200.tcbak",
        "teichaku-backup-2026-11-02-1200.tcbak",
        "teichaku-backup-2026-10-15-1200.tcbak",
        "teichaku-backup-2026-10-01-1200.tcbak",
        "teichaku-backup-2026-09-30-1200.tcbak",
    ];
    let foreign = [
        "notes.txt",
        "teichaku-backup-old.tcbak",
        "teichaku-backup-2026-09-01-1200.tcbak.copy",
        "teichaku-backup-2026-9-01-1200.tcbak",
    ];
    for name in ours.iter().chain(&foreign) {
        std::fs::write(dir.join(name), "x").unwrap();
    }
    env.ok(&["backup", "--to", dir.to_str().unwrap()]);
    let mut left: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    let new: Vec<&String> = left
        .iter()
        .filter(|n| n.starts_with("teichaku-backup-2026-12-02-"))
        .collect();
    assert_eq!(new.len(), 1, "{left:?}");
    let mut expected: Vec<String> = [
        new[0].as_str(),
        "teichaku-backup-2026-12-01-2300.tcbak",
        "teichaku-backup-2026-11-30-1200.tcbak",
        "teichaku-backup-2026-10-15-1200.tcbak",
    ]
    .iter()
    .chain(&foreign)
    .map(|s| s.to_string())
    .collect();
    expected.sort();
    assert_eq!(left, expected);
}

#[test]
fn doctor_says_ok_on_a_healthy_database_and_names_damage_with_a_failing_exit() {
    let env = Env::new();
    with_records(&env);
    let out = env.ok(&["--lang", "en", "doctor"]);
    assert!(out.contains("Database file (integrity_check): OK"), "{out}");
    assert!(out.contains("(foreign_key_check): OK"), "{out}");
    assert!(
        out.contains("Change log agrees with the tables: OK"),
        "{out}"
    );
    assert!(out.contains("Last backup: none yet"), "{out}");
    let before = data_files(&env);
    let ja = env.ok(&["doctor"]);
    assert!(ja.contains("問題は見つかりませんでした"), "{ja}");
    assert!(data_files(&env) == before, "doctor changes nothing");
    env.ok(&["backup"]);
    let out = env.ok(&["--lang", "en", "doctor"]);
    assert!(out.contains("Last backup: today"), "{out}");

    // A copy with bytes flipped in the middle, and one cut short.
    let db = std::fs::read(env.db()).unwrap();
    let mut flipped = db.clone();
    let mid = flipped.len() / 2;
    for b in &mut flipped[mid..mid + 32] {
        *b ^= 0xff;
    }
    for damaged in [flipped, db[..db.len() * 2 / 3].to_vec()] {
        let copy = Env::new();
        let data = copy.dir.path().join("data");
        std::fs::create_dir_all(&data).unwrap();
        std::fs::copy(
            teichaku::store::keyfile::key_file_of(&env.db()),
            data.join("teichaku.db.key"),
        )
        .unwrap();
        std::fs::write(copy.db(), &damaged).unwrap();
        let out = copy.run(&["--lang", "en", "doctor"]);
        assert_eq!(out.status.code(), Some(1));
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stdout.contains("The database file is damaged"), "{stdout}");
        assert!(stdout.contains("teichaku restore"), "{stdout}");
        assert!(stderr.contains("found"), "{stderr}");
        assert_eq!(std::fs::read(copy.db()).unwrap(), damaged, "read-only");
    }
}

#[test]
fn a_backup_folder_that_is_not_there_is_said_and_nothing_is_made() {
    let env = Env::new();
    with_records(&env);
    let missing = env.path("usb-stick-not-plugged-in");
    std::fs::write(
        env.config().join("settings.toml"),
        format!("backup.folder = '{}'\n", missing.display()),
    )
    .unwrap();
    let err = env.fails(&["--lang", "en", "backup"]);
    assert!(
        err.contains("is not there") && err.contains("USB stick"),
        "{err}"
    );
    assert!(
        !missing.exists(),
        "the folder is not made on the laptop's disk"
    );
}

#[test]
fn the_backup_at_quit_is_made_once_a_day_and_a_missing_folder_is_said() {
    let env = Env::on("2026-12-02");
    with_records(&env);
    let store = common::open_db(&env.db());
    let clock = Clock::fixed(env.today());
    let lang = teichaku::i18n::Lang::En;
    let folder = env.path("nas");
    std::fs::create_dir_all(&folder).unwrap();
    let plan = BackupAtQuit {
        folder: folder.clone(),
        keep: (7, 12),
    };
    let said = backup_at_quit::run(&store, &plan, clock, lang).unwrap();
    assert!(said.contains("Today's backup written"), "{said}");
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 1);
    assert_eq!(backup_at_quit::run(&store, &plan, clock, lang), None);
    let next_day = Clock::fixed(env.today().succ_opt().unwrap());
    assert!(backup_at_quit::run(&store, &plan, next_day, lang).is_some());
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 2);
    let gone = BackupAtQuit {
        folder: env.path("unplugged"),
        keep: (7, 12),
    };
    let said = backup_at_quit::run(&store, &gone, clock, lang).unwrap();
    assert!(said.contains("could not be made"), "{said}");
    assert!(
        said.contains("unplugged") && said.contains("USB stick"),
        "{said}"
    );
}
