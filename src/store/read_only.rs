//! A database on media that cannot be written — a write-protected USB stick,
//! a read-only share, a file marked read-only (issue 28 item 2). It opens
//! read-only: every reading command and screen works, every write is refused
//! with [`Error::ReadOnlyData`] in the user's language, and nothing is
//! attempted that needs writing (no migration, no device file, no WAL switch).
//! The access log cannot take a line there: reads are counted instead and the
//! command or screen says they went unrecorded ([`Store::unlogged_reads`]).
//!
//! SQLite needs to create `-wal` and `-shm` beside a WAL database even to read
//! it, which a read-only folder does not allow. With no `-wal` left, the file is
//! all there is, and is opened `immutable`; a `-wal` left by a crash holds
//! committed records, so it is read as it is (SQLite reads a WAL read-only
//! when its `-shm` is there), never skipped.

use std::path::Path;

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use super::{Store, keyfile::DbKey, migrate};
use crate::error::{DbContext, Error, Result, Task};

/// Why a store was opened read-only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// The database or its folder cannot be written.
    Media,
    /// The disk is full: not even SQLite's shared-memory file could be made.
    DiskFull,
}

/// True for an error that says the disk is full: SQLITE_FULL, the shared-
/// memory file that could not be given its size, ENOSPC from a file.
pub fn is_disk_full(e: &Error) -> bool {
    const SQLITE_IOERR_SHMSIZE: std::ffi::c_int = 10 | (19 << 8);
    match e {
        Error::Database {
            source: rusqlite::Error::SqliteFailure(f, _),
            ..
        } => f.code == rusqlite::ErrorCode::DiskFull || f.extended_code == SQLITE_IOERR_SHMSIZE,
        Error::Io { source, .. } => source.kind() == std::io::ErrorKind::StorageFull,
        _ => false,
    }
}

/// True when the database at `db`, or the folder it is in, cannot be written:
/// the file refuses to open for writing (nothing is written), or a temp file
/// cannot be made beside it. A folder that does not exist yet is writable as
/// far as this can tell (it will be created).
pub fn media_read_only(db: &Path) -> bool {
    use std::io::ErrorKind::{PermissionDenied, ReadOnlyFilesystem};
    let refused = |e: &std::io::Error| matches!(e.kind(), PermissionDenied | ReadOnlyFilesystem);
    if db.is_file()
        && let Err(e) = std::fs::OpenOptions::new().write(true).open(db)
    {
        return refused(&e);
    }
    let dir = db
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match tempfile::Builder::new()
        .prefix(".teichaku-")
        .suffix(".tmp")
        .tempfile_in(dir)
    {
        Ok(_probe) => false,
        Err(e) => refused(&e),
    }
}

/// An SQLite URI for `path` (percent-encoded, `/` for `\`), `immutable` or not.
fn uri(path: &Path, immutable: bool) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let bytes = abs.as_os_str().as_encoded_bytes();
    let mut out = String::from("file://");
    if !bytes.starts_with(b"/") {
        out.push('/'); // a Windows drive: file:///C:/…
    }
    for &b in bytes {
        match b {
            b'\\' => out.push('/'),
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' | b':' => {
                out.push(char::from(b));
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    if immutable {
        out.push_str("?immutable=1");
    }
    out
}

fn has_pending_wal(db: &Path) -> bool {
    let mut wal = db.as_os_str().to_os_string();
    wal.push("-wal");
    std::fs::metadata(wal).is_ok_and(|m| m.len() > 0)
}

/// A read-only connection to the database at `path` (key None: plaintext),
/// checked as [`super::connect`] checks one: the key fits, the file is ours.
pub(crate) fn connect(path: &Path, key: Option<&DbKey>) -> Result<Connection> {
    super::openssl_init::once();
    let conn = Connection::open_with_flags(
        uri(path, !has_pending_wal(path)),
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .during(Task::OpenDatabase)?;
    match key {
        Some(key) => {
            super::apply_key(&conn, key)?;
            super::check_encrypted(&conn, path)?;
        }
        None => super::check_header(path)?,
    }
    Ok(conn)
}

impl Store {
    /// Opens the encrypted database at `path` read-only with `key`: the same
    /// checks as [`Store::open`] (ours, not newer, the key fits), and one more:
    /// a database that would need upgrading is refused, as upgrading writes.
    pub fn open_read_only(path: &Path, key: &DbKey, why: Why) -> Result<Store> {
        let conn = connect(path, Some(key))?;
        if super::schema_version(&conn, Some(path))? < migrate::LATEST {
            return Err(Error::ReadOnlyNeedsUpgrade {
                path: path.to_path_buf(),
            });
        }
        conn.set_prepared_statement_cache_capacity(64);
        conn.pragma_update(None, "foreign_keys", "ON")
            .and_then(|()| conn.pragma_update(None, "query_only", "ON"))
            .during(Task::OpenDatabase)?;
        let device_id: String = conn
            .query_row("SELECT value FROM meta WHERE key = 'device_id'", [], |r| {
                r.get(0)
            })
            .optional()
            .during(Task::OpenDatabase)?
            .unwrap_or_default();
        let mut store = Store::from_parts(conn, device_id, Some(path.to_path_buf()), Some(key));
        store.read_only = Some(why);
        Ok(store)
    }

    /// True when this store was opened read-only ([`Store::open_read_only`]).
    pub fn is_read_only(&self) -> bool {
        self.read_only.is_some()
    }

    /// Why this store is read-only (None: it is not).
    pub fn read_only_why(&self) -> Option<Why> {
        self.read_only
    }

    /// Reads the access log could not record (read-only media, a full disk)
    /// since the store was opened: the caller says so.
    pub fn unlogged_reads(&self) -> usize {
        self.unlogged.get()
    }

    /// Refuses a write on a read-only store, before any SQL is tried.
    pub(crate) fn check_writable(&self) -> Result<()> {
        let path = || self.path.clone().unwrap_or_default();
        match self.read_only {
            None => Ok(()),
            Some(Why::Media) => Err(Error::ReadOnlyData { path: path() }),
            Some(Why::DiskFull) => Err(Error::DiskFull { path: path() }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_escape_what_sqlite_would_read_as_syntax() {
        #[cfg(unix)]
        let (path, want) = (
            "/tmp/データ 1/#a?b%.db",
            "file:///tmp/%E3%83%87%E3%83%BC%E3%82%BF%201/%23a%3Fb%25.db?immutable=1",
        );
        // A drive letter: file:///C:/…, backslashes as slashes.
        #[cfg(windows)]
        let (path, want) = (
            r"C:\Users\データ 1\#a%.db",
            "file:///C:/Users/%E3%83%87%E3%83%BC%E3%82%BF%201/%23a%25.db?immutable=1",
        );
        assert_eq!(uri(Path::new(path), true), want);
        assert!(!uri(Path::new(path), false).contains('?'));
    }
}
