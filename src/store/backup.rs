//! Backups: one encrypted file that holds everything a restore needs.
//!
//! A backup is one file, `teichaku-backup-2026-12-02-1530.tcbak` (local date
//! and time; no worker data in the name), not a folder: one file is copied to
//! a stick or a NAS in one go, is written atomically (a private temp file in
//! the same folder, fsync, rename), and cannot be left half a folder. It holds
//!
//! ```text
//! "teichaku-backup\n"  16 bytes
//! format               u32 LE (1)
//! key file length      u32 LE, then the key file (`teichaku.db.key`) as is
//! database length      u64 LE, then the database
//! ```
//!
//! The key file is the sealed database key (salt, Argon2id costs, sealed
//! bytes: no worker data), so the passphrase alone restores a backup. The
//! database is a consistent snapshot made with `VACUUM INTO` from the open
//! encrypted connection: SQLCipher writes it under the same key, so every page
//! in the backup is encrypted and authenticated (a flipped byte fails the
//! restore's `integrity_check`). It is checked before the backup is written.
//!
//! Rotation keeps the newest backup of each of the last N days and of the
//! last M months, and only ever deletes files named as we name them.

use std::collections::BTreeSet;
use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use super::keyfile::{self, DbKey};
use super::{Store, connect, migrate};
use crate::error::{DbContext, Error, Result, Task, io_error};
use crate::files;

const MAGIC: &[u8; 16] = b"teichaku-backup\n";
const FORMAT: u32 = 1;
const PREFIX: &str = "teichaku-backup-";
const EXT: &str = ".tcbak";
const NAME_TIME: &str = "%Y-%m-%d-%H%M";
/// Key files are tiny (see keyfile.rs); a larger one is not ours.
const MAX_KEY_FILE: u32 = 64 * 1024;

/// The file name of a backup made at `at` (local time).
pub fn file_name(at: NaiveDateTime) -> String {
    format!("{PREFIX}{}{EXT}", at.format(NAME_TIME))
}

/// When the backup named `name` was made; None for any other name (which
/// rotation then never touches).
pub fn parse_name(name: &str) -> Option<NaiveDateTime> {
    let stamp = name.strip_prefix(PREFIX)?.strip_suffix(EXT)?;
    let at = NaiveDateTime::parse_from_str(stamp, NAME_TIME).ok()?;
    // Only our exact spelling (no "2026-1-2-930").
    (file_name(at) == name).then_some(at)
}

/// Our backups in `dir`, newest first.
pub fn list(dir: &Path) -> Result<Vec<(NaiveDateTime, PathBuf)>> {
    let entries = std::fs::read_dir(dir).map_err(io_error(Task::ReadFile, dir))?;
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        if let Some(at) = name.to_str().and_then(parse_name)
            && entry.file_type().is_ok_and(|t| t.is_file())
        {
            out.push((at, entry.path()));
        }
    }
    out.sort_by_key(|b| std::cmp::Reverse(b.0));
    Ok(out)
}

/// Which of `backups` (any order) rotation deletes: all but the newest of
/// each of the `days` most recent days and of the `months` most recent
/// months that have one. The newest backup of all is always kept.
pub fn to_delete(backups: &[(NaiveDateTime, PathBuf)], days: u32, months: u32) -> Vec<PathBuf> {
    let mut sorted: Vec<&(NaiveDateTime, PathBuf)> = backups.iter().collect();
    sorted.sort_by_key(|b| std::cmp::Reverse(b.0));
    let mut keep: BTreeSet<&Path> = BTreeSet::new();
    if let Some((_, newest)) = sorted.first() {
        keep.insert(newest);
    }
    let mut seen_days: Vec<NaiveDate> = Vec::new();
    let mut seen_months: Vec<(i32, u32)> = Vec::new();
    for (at, path) in &sorted {
        let day = at.date();
        if !seen_days.contains(&day) && seen_days.len() < days as usize {
            seen_days.push(day);
            keep.insert(path);
        }
        let month = (day.year(), day.month());
        if !seen_months.contains(&month) && seen_months.len() < months as usize {
            seen_months.push(month);
            keep.insert(path);
        }
    }
    sorted
        .iter()
        .filter(|(_, p)| !keep.contains(p.as_path()))
        .map(|(_, p)| p.clone())
        .collect()
}

/// What [`write`] did.
#[derive(Debug)]
pub struct Written {
    pub path: PathBuf,
    pub bytes: u64,
    /// Older backups rotation removed.
    pub removed: usize,
}

impl Store {
    /// Writes a backup of this (encrypted) store into `dir`, which must exist,
    /// named for `at`; then rotates `dir` keeping `keep` = (days, months).
    pub fn backup_to(&self, dir: &Path, at: NaiveDateTime, keep: (u32, u32)) -> Result<Written> {
        let (Some(db), Some(key)) = (self.path(), self.key()) else {
            return Err(Error::NoDatabase {
                path: self.path().map(Path::to_path_buf).unwrap_or_default(),
            });
        };
        if !dir.is_dir() {
            return Err(Error::BackupFolderMissing {
                path: dir.to_path_buf(),
            });
        }
        let key_path = keyfile::key_file_of(db);
        let key_bytes =
            files::read_capped(&key_path, u64::from(MAX_KEY_FILE)).map_err(|why| match why {
                files::ReadProblem::Missing => Error::DbKeyFileMissing {
                    path: key_path.clone(),
                },
                why => why.at(&key_path),
            })?;
        // The snapshot beside the database (a private folder), then copied.
        let data_dir = db.parent().filter(|p| !p.as_os_str().is_empty());
        let scratch = tempfile::Builder::new()
            .prefix(".teichaku-backup-")
            .tempdir_in(data_dir.unwrap_or(Path::new(".")))
            .map_err(io_error(Task::WriteFile, db))?;
        let snapshot = scratch.path().join("snapshot.db");
        let name = snapshot.to_str().ok_or_else(|| Error::NotADatabase {
            path: snapshot.clone(),
        })?;
        self.conn()
            .execute("VACUUM INTO ?1", [name])
            .during(Task::WriteFile)?;
        check_snapshot(&snapshot, key).map_err(|_| Error::BackupDamaged {
            path: snapshot.clone(),
        })?;
        let db_len = std::fs::metadata(&snapshot)
            .map_err(io_error(Task::ReadFile, &snapshot))?
            .len();
        let path = dir.join(file_name(at));
        let copy = |out: &mut File| -> std::io::Result<()> {
            let mut src = File::open(&snapshot)?;
            out.write_all(MAGIC)?;
            out.write_all(&FORMAT.to_le_bytes())?;
            out.write_all(&(key_bytes.len() as u32).to_le_bytes())?;
            out.write_all(&key_bytes)?;
            out.write_all(&db_len.to_le_bytes())?;
            let copied = std::io::copy(&mut src, out)?;
            if copied != db_len {
                return Err(std::io::Error::other("snapshot changed while copied"));
            }
            Ok(())
        };
        files::write_streamed(&path, true, |out| {
            copy(out).map_err(io_error(Task::WriteFile, &path))
        })?;
        drop(scratch);
        let bytes = std::fs::metadata(&path).map_or(0, |m| m.len());
        let mut removed = 0;
        if let Ok(found) = list(dir) {
            for old in to_delete(&found, keep.0, keep.1) {
                if std::fs::remove_file(&old).is_ok() {
                    removed += 1;
                }
            }
        }
        files::sweep_temps(dir, files::ABANDONED_AFTER);
        Ok(Written {
            path,
            bytes,
            removed,
        })
    }
}

/// The snapshot opens with the key, is ours, and passes `quick_check`.
fn check_snapshot(path: &Path, key: &DbKey) -> Result<()> {
    let conn = connect(path, Some(key))?;
    check_database(&conn, path, "quick_check")
}

fn check_database(conn: &rusqlite::Connection, path: &Path, pragma: &str) -> Result<()> {
    let damaged = || Error::BackupDamaged {
        path: path.to_path_buf(),
    };
    let check: String = conn
        .query_row(&format!("PRAGMA {pragma}"), [], |r| r.get(0))
        .map_err(|_| damaged())?;
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|_| damaged())?;
    if check != "ok" {
        return Err(damaged());
    }
    if version > migrate::LATEST {
        return Err(Error::NewerSchema {
            path: path.to_path_buf(),
            found: version,
            supported: migrate::LATEST,
        });
    }
    Ok(())
}

/// True when `db` holds a database (restore refuses to replace one).
pub fn database_present(db: &Path) -> bool {
    let mut wal = db.as_os_str().to_os_string();
    wal.push("-wal");
    [db.to_path_buf(), PathBuf::from(wal)]
        .iter()
        .any(|p| std::fs::metadata(p).is_ok_and(|m| m.len() > 0 || m.is_dir()))
}

/// Restores the backup at `from` as the database `db` (with its key file),
/// which must not exist yet. The passphrase must open the backup's key and the
/// database must pass `integrity_check` before anything is put in place; the
/// database's rename is the one step that makes it appear.
pub fn restore(from: &Path, db: &Path, passphrase: &str) -> Result<()> {
    if database_present(db) {
        return Err(Error::RestoreTargetNotEmpty {
            path: db.to_path_buf(),
        });
    }
    let mut file = open_backup(from)?;
    let key_bytes = read_header(&mut file, from)?;
    let temp = Leftover(super::leftovers::restoring_of(db));
    temp.remove()?;
    {
        let mut out = files::create_private_file(&temp.0)?;
        let db_len = read_u64(&mut file, from)?;
        let copied = std::io::copy(&mut (&mut file).take(db_len), &mut out)
            .map_err(io_error(Task::ReadFile, from))?;
        let mut rest = [0u8; 1];
        let trailing = file
            .read(&mut rest)
            .map_err(io_error(Task::ReadFile, from))?;
        if copied != db_len || trailing != 0 {
            return Err(Error::BackupDamaged {
                path: from.to_path_buf(),
            });
        }
        out.sync_all().map_err(io_error(Task::WriteFile, &temp.0))?;
    }
    failpoint("copied");
    files::write_atomic(&keyfile::key_file_of(&temp.0), &key_bytes)?;
    failpoint("key-written");
    let keys = match keyfile::unseal(&temp.0, passphrase) {
        Err(Error::DbKeyFileBroken { .. } | Error::DbKeyFileDamaged { .. }) => {
            Err(Error::BackupDamaged {
                path: from.to_path_buf(),
            })
        }
        other => other,
    }?;
    verify_restored(&temp.0, &keys, from)?;
    failpoint("verified");
    // The key file first: alone it opens nothing, so a crash before the
    // database's rename leaves an empty data folder, restorable again.
    std::fs::rename(keyfile::key_file_of(&temp.0), keyfile::key_file_of(db))
        .map_err(io_error(Task::WriteFile, db))?;
    failpoint("key-renamed");
    std::fs::rename(&temp.0, db).map_err(io_error(Task::WriteFile, db))?;
    super::encrypt::sync_dir(db);
    failpoint("renamed");
    Ok(())
}

/// A crash simulated at a step of a restore (`TEICHAKU_FAILPOINT=restore:<step>`).
fn failpoint(step: &str) {
    super::failpoint::hit("restore", step);
}

/// The steps of a restore [`failpoint`] knows, in order.
pub const RESTORE_STEPS: &[&str] = &[
    "copied",
    "key-written",
    "verified",
    "key-renamed",
    "renamed",
];

/// One of the keys opens the copy at `temp`, and it passes `integrity_check`
/// (a restore cut short after its check, finished at the next open).
pub(crate) fn verify_copy(temp: &Path, keys: &[DbKey]) -> Result<()> {
    verify_restored(temp, keys, temp)
}

/// One of the keys opens the restored copy, and it passes `integrity_check`.
fn verify_restored(temp: &Path, keys: &[DbKey], from: &Path) -> Result<()> {
    let damaged = || Error::BackupDamaged {
        path: from.to_path_buf(),
    };
    for key in keys {
        match connect(temp, Some(key)) {
            Ok(conn) => {
                return check_database(&conn, temp, "integrity_check").map_err(|e| match e {
                    e @ Error::NewerSchema { .. } => e,
                    _ => damaged(),
                });
            }
            Err(Error::DbKeyMismatch { .. } | Error::NotOurDatabase { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    Err(damaged())
}

fn open_backup(from: &Path) -> Result<File> {
    let meta = std::fs::metadata(from).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => files::ReadProblem::Missing.at(from),
        _ => files::ReadProblem::Failed.at(from),
    })?;
    if meta.is_dir() {
        return Err(files::ReadProblem::Folder.at(from));
    }
    if !meta.is_file() {
        return Err(files::ReadProblem::NotAFile.at(from));
    }
    File::open(from).map_err(|_| files::ReadProblem::Failed.at(from))
}

/// Reads the magic, the format and the key file; leaves `file` at the
/// database's length.
fn read_header(file: &mut File, from: &Path) -> Result<Vec<u8>> {
    let not_ours = || Error::NotABackup {
        path: from.to_path_buf(),
    };
    let mut magic = [0u8; 16];
    file.read_exact(&mut magic).map_err(|_| not_ours())?;
    if &magic != MAGIC {
        return Err(not_ours());
    }
    let format = read_u32(file, from)?;
    if format != FORMAT {
        return Err(not_ours());
    }
    let key_len = read_u32(file, from)?;
    if key_len == 0 || key_len > MAX_KEY_FILE {
        return Err(Error::BackupDamaged {
            path: from.to_path_buf(),
        });
    }
    let mut key = vec![0u8; key_len as usize];
    file.read_exact(&mut key)
        .map_err(|_| Error::BackupDamaged {
            path: from.to_path_buf(),
        })?;
    Ok(key)
}

fn read_u32(file: &mut File, from: &Path) -> Result<u32> {
    let mut b = [0u8; 4];
    file.read_exact(&mut b).map_err(|_| Error::BackupDamaged {
        path: from.to_path_buf(),
    })?;
    Ok(u32::from_le_bytes(b))
}

fn read_u64(file: &mut File, from: &Path) -> Result<u64> {
    let mut b = [0u8; 8];
    file.read_exact(&mut b).map_err(|_| Error::BackupDamaged {
        path: from.to_path_buf(),
    })?;
    Ok(u64::from_le_bytes(b))
}

/// A half-made restore: removed (with its key file and journals) when
/// dropped, unless renamed into place first.
struct Leftover(PathBuf);

impl Leftover {
    fn remove(&self) -> Result<()> {
        for ext in ["", "-journal", "-wal", "-shm", ".key"] {
            let mut name = self.0.as_os_str().to_os_string();
            name.push(ext);
            match std::fs::remove_file(PathBuf::from(&name)) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(io_error(Task::WriteFile, &self.0)(e)),
            }
        }
        Ok(())
    }
}

impl Drop for Leftover {
    fn drop(&mut self) {
        let _ = self.remove();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn names_carry_the_minute_and_only_ours_parse() {
        let t = at("2026-12-02 15:30");
        assert_eq!(file_name(t), "teichaku-backup-2026-12-02-1530.tcbak");
        assert_eq!(parse_name(&file_name(t)), Some(t));
        for other in [
            "teichaku-backup-2026-12-2-1530.tcbak",
            "teichaku-backup-2026-12-02-1530.tcbak.tmp",
            "teichaku-backup-2026-13-02-1530.tcbak",
            "my-teichaku-backup-2026-12-02-1530.tcbak",
            "teichaku-backup-notes.tcbak",
        ] {
            assert_eq!(parse_name(other), None, "{other}");
        }
    }

    #[test]
    fn rotation_keeps_the_newest_of_each_recent_day_and_month() {
        let stamps = [
            "2026-12-02 15:30",
            "2026-12-02 09:00", // same day as the newest: goes
            "2026-12-01 18:00",
            "2026-11-30 18:00",
            "2026-11-15 18:00", // day 4: beyond 3 days; November already kept
            "2026-10-31 18:00", // October's newest
            "2026-10-01 18:00",
            "2026-09-30 18:00", // a fourth month: beyond 3 months
        ];
        let backups: Vec<(NaiveDateTime, PathBuf)> =
            stamps.iter().map(|s| (at(s), PathBuf::from(s))).collect();
        let gone: Vec<PathBuf> = to_delete(&backups, 3, 3);
        let gone: Vec<&str> = gone.iter().filter_map(|p| p.to_str()).collect();
        assert_eq!(
            gone,
            [
                "2026-12-02 09:00",
                "2026-11-15 18:00",
                "2026-10-01 18:00",
                "2026-09-30 18:00"
            ]
        );
        // Nothing kept by the settings: still the newest.
        assert_eq!(to_delete(&backups, 0, 0).len(), stamps.len() - 1);
        assert!(to_delete(&[], 7, 12).is_empty());
    }
}
