//! Copying a database under a new key: a plaintext database encrypted in
//! place, or an encrypted one re-keyed after a passphrase change.
//!
//! One procedure for both, so one kill test covers both: the copy is written
//! with `sqlcipher_export` into `teichaku.db.encrypting` beside the database,
//! fsynced, opened again with the new key and checked (`integrity_check`, the
//! same rows in every table), and only then renamed over the original, which
//! is the single atomic step. A crash before the rename leaves the original
//! as it was (the half-made copy is removed on the next try); after it, the
//! new database. The original's WAL is checkpointed and the original switched
//! out of WAL first, so no stale `-wal` can be replayed into the new file.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::keyfile::DbKey;
use super::{APPLICATION_ID, connect, migrate};
use crate::error::{DbContext, Error, Result, Task, io_error};
use crate::files;

/// `teichaku.db` → `teichaku.db.encrypting`.
pub fn temp_of(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_os_string();
    name.push(".encrypting");
    PathBuf::from(name)
}

/// A crash simulated at a named step (`TEICHAKU_FAILPOINT=encrypt:<step>`).
fn failpoint(step: &str) {
    super::failpoint::hit("encrypt", step);
}

/// The steps [`failpoint`] knows, in order.
pub const STEPS: &[&str] = &[
    "start",
    "temp-created",
    "exported",
    "synced",
    "verified",
    "renamed",
    "done",
];

/// Rewrites the database at `db` (plaintext when `old` is None) under `new`.
/// The key file must already open `new`.
pub fn rewrite(db: &Path, old: Option<&DbKey>, new: &DbKey) -> Result<()> {
    failpoint("start");
    let temp = temp_of(db);
    remove_leftover(&temp)?;
    let src = connect(db, old)?;
    // Everything into the main file, and no WAL left behind to be replayed.
    src.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .during(Task::UpgradeDatabase)?;
    let _mode: String = src
        .pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))
        .during(Task::UpgradeDatabase)?;
    files::create_private_file(&temp)?;
    failpoint("temp-created");
    let version: i64 = src
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .during(Task::UpgradeDatabase)?;
    export(&src, &temp, new, version)?;
    failpoint("exported");
    sync_file(&temp)?;
    failpoint("synced");
    verify(&src, &temp, new, db)?;
    failpoint("verified");
    drop(src);
    std::fs::rename(&temp, db).map_err(io_error(Task::UpgradeDatabase, db))?;
    sync_dir(db);
    failpoint("renamed");
    // A plaintext original in DELETE mode leaves no -wal or -shm; should an
    // older one remain, it must not be replayed into the new file.
    for ext in ["-wal", "-shm"] {
        let mut side = db.as_os_str().to_os_string();
        side.push(ext);
        let _ = std::fs::remove_file(PathBuf::from(side));
    }
    failpoint("done");
    Ok(())
}

fn remove_leftover(temp: &Path) -> Result<()> {
    for ext in ["", "-journal", "-wal", "-shm"] {
        let mut name = temp.as_os_str().to_os_string();
        name.push(ext);
        match std::fs::remove_file(PathBuf::from(&name)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_error(Task::UpgradeDatabase, temp)(e)),
        }
    }
    Ok(())
}

fn export(src: &Connection, temp: &Path, key: &DbKey, version: i64) -> Result<()> {
    let name = temp.to_str().ok_or_else(|| Error::NotADatabase {
        path: temp.to_path_buf(),
    })?;
    let mut value = key.pragma_value();
    let attached = src.execute("ATTACH DATABASE ?1 AS sealed KEY ?2", [name, &value]);
    zeroize::Zeroize::zeroize(&mut value);
    attached.during(Task::UpgradeDatabase)?;
    let done = (|| {
        src.pragma_update(Some("sealed"), "cipher_memory_security", "OFF")?;
        src.query_row("SELECT sqlcipher_export('sealed')", [], |_| Ok(()))?;
        // Not copied by the export: set so the new file is ours at once.
        src.pragma_update(Some("sealed"), "user_version", version)?;
        src.pragma_update(Some("sealed"), "application_id", APPLICATION_ID)?;
        Ok(())
    })();
    let detached = src.execute("DETACH DATABASE sealed", []);
    done.during(Task::UpgradeDatabase)?;
    detached.during(Task::UpgradeDatabase)?;
    Ok(())
}

/// Opens the copy with its new key and compares it with the original.
fn verify(src: &Connection, temp: &Path, key: &DbKey, db: &Path) -> Result<()> {
    let failed = || Error::EncryptionCheckFailed {
        path: db.to_path_buf(),
    };
    let copy = connect(temp, Some(key))?;
    let check: String = copy
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .during(Task::UpgradeDatabase)?;
    if check != "ok" {
        return Err(failed());
    }
    let version: i64 = copy
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .during(Task::UpgradeDatabase)?;
    if version > migrate::LATEST {
        return Err(failed());
    }
    for table in tables(src)? {
        if count(src, &table)? != count(&copy, &table).map_err(|_| failed())? {
            return Err(failed());
        }
    }
    Ok(())
}

/// The ordinary tables (the full-text index's own tables included).
fn tables(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table'
             AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'",
        )
        .during(Task::UpgradeDatabase)?;
    let names = stmt
        .query_map([], |r| r.get(0))
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<String>>>())
        .during(Task::UpgradeDatabase)?;
    Ok(names)
}

fn count(conn: &Connection, table: &str) -> Result<i64> {
    let quoted = table.replace('"', "\"\"");
    conn.query_row(&format!("SELECT count(*) FROM \"{quoted}\""), [], |r| {
        r.get(0)
    })
    .during(Task::UpgradeDatabase)
}

fn sync_file(path: &Path) -> Result<()> {
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
        .and_then(|f| f.sync_all())
        .map_err(io_error(Task::UpgradeDatabase, path))
}

/// Makes the rename durable (Unix; Windows has no directory handles to sync).
pub(super) fn sync_dir(db: &Path) {
    #[cfg(unix)]
    if let Some(dir) = db.parent().filter(|p| !p.as_os_str().is_empty()) {
        let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
    }
    #[cfg(not(unix))]
    let _ = db;
}
