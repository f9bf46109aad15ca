//! SQLite storage: the only module that speaks SQL.
//!
//! Every connection to a database file is opened by [`connect`]: with a key it
//! is SQLCipher-encrypted (pages, WAL and temp files alike). [`Store::open`]
//! and the passphrase flow in [`unlock`] go through it. Every mutation goes
//! through [`Store::write`], which runs it in one transaction together with its
//! change-log entries.

mod answers;
pub mod apply;
mod assessments;
pub mod audit;
pub mod audit_chain;
pub mod backup;
mod closed;
pub mod columns;
mod conflicts;
mod contacts;
pub mod delete_conflicts;
mod deleted;
pub mod device;
pub mod doctor;
pub mod encrypt;
mod failpoint;
pub mod folder_state;
mod handover;
pub mod job;
pub mod keyfile;
pub mod leftovers;
pub mod limits;
pub mod log;
mod log_writer;
pub mod merge;
pub mod migrate;
pub mod openssl_init;
pub mod partners;
mod people;
mod plan_forks;
mod plans;
mod prior;
mod project;
pub mod read_only;
mod record;
pub mod registry;
mod reports;
mod schedule;
pub mod search;
pub mod selfreports;
pub mod sync_state;
pub mod unlock;
mod waivers;
mod workers;

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior};

use crate::error::{DbContext, Error, Result, Task, io_error};
use crate::files;

pub use answers::answer_id;
pub use apply::{BatchReport, ImportReport, Incoming, MassDelete, RemoteBatch};
pub use audit::{Access, AccessEntry};
pub use keyfile::DbKey;
pub use log::{Hlc, LogEntry, Op};
pub use plan_forks::{Authorship, PlanFork};
pub use record::Writer;
pub use workers::{WorkerRow, short_id, short_id_len};

/// `PRAGMA application_id`: "TEIC". A file without it is not opened.
pub const APPLICATION_ID: i32 = 0x5445_4943;

/// How long a writer waits for another teichaku on the same file.
const BUSY_TIMEOUT_MS: u32 = 5_000;

pub struct Store {
    conn: Connection,
    device_id: String,
    path: Option<PathBuf>,
    clock: Clock,
    device_renewed: bool,
    /// The database's key; None for a plaintext store (in memory, benches).
    key: Option<DbKey>,
    /// Who is at the keyboard, for the access log (the settings' staff name).
    staff: String,
    /// The kinds written since [`Store::take_touched`] was last asked, so a
    /// screen is re-read only after a change to what it shows.
    touched: BTreeSet<String>,
    /// The self-report's items: built in unless the agency's file was set.
    /// Built on first use: most commands never read a self-report.
    selfreport_items: std::cell::OnceCell<crate::domain::selfreport::Items>,
    /// Progress and stop of a long job run through this store (`job.rs`).
    hook: job::JobHook,
    /// Opened on media that cannot be written (`read_only.rs`).
    read_only: Option<read_only::Why>,
    /// Reads the access log could not record (read-only, disk full).
    unlogged: std::cell::Cell<usize>,
}

/// The wall clock a store reads (replaceable to simulate other laptops);
/// shared with the store a job runs on (`job.rs`).
type Clock = std::sync::Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

impl Store {
    /// Opens (or creates, owner-only) the database at `path` with `key` (None:
    /// a plaintext database, for benches and the conversion's tests) and brings
    /// its schema up to date. A file that is not a teichaku database, one written
    /// by a newer teichaku, or one the key does not open is refused before
    /// anything is written to it. People's databases are opened through
    /// [`unlock::open`], which finds the key from the passphrase.
    pub fn open(path: &Path, key: Option<&DbKey>) -> Result<Store> {
        let conn = connect(path, key)?;
        let mut store = Self::finish_open(conn, Some(path.to_path_buf()), key)?;
        store.device_renewed =
            device::check_device_file(&mut store.conn, &mut store.device_id, path)?;
        Ok(store)
    }

    /// A private database in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store> {
        openssl_init::once();
        let conn = Connection::open_in_memory().during(Task::OpenDatabase)?;
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .during(Task::OpenDatabase)?;
        Self::finish_open(conn, None, None)
    }

    fn finish_open(
        mut conn: Connection,
        path: Option<PathBuf>,
        key: Option<&DbKey>,
    ) -> Result<Store> {
        schema_version(&conn, path.as_deref())?;
        configure(&conn)?;
        migrate::upgrade_with_key(&mut conn, migrate::LATEST, key)?;
        let device_id = ensure_device_id(&mut conn)?;
        Ok(Self::from_parts(conn, device_id, path, key))
    }

    /// A store over an open connection, with the defaults of a fresh open.
    fn from_parts(
        conn: Connection,
        device_id: String,
        path: Option<PathBuf>,
        key: Option<&DbKey>,
    ) -> Store {
        Store {
            conn,
            device_id,
            path,
            clock: std::sync::Arc::new(crate::clock::utc_now),
            device_renewed: false,
            key: key.cloned(),
            staff: String::new(),
            touched: BTreeSet::new(),
            selfreport_items: std::cell::OnceCell::new(),
            hook: job::JobHook::default(),
            read_only: None,
            unlogged: std::cell::Cell::new(0),
        }
    }

    pub fn device_id(&self) -> &str {
        &self.device_id
    }

    /// True when this open found a copied database and gave it a new device id.
    pub fn device_was_renewed(&self) -> bool {
        self.device_renewed
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The key this store was opened with (None: plaintext).
    pub fn key(&self) -> Option<&DbKey> {
        self.key.as_ref()
    }

    /// Replaces the wall clock (tests and simulations of other laptops).
    pub fn set_clock(&mut self, clock: impl Fn() -> DateTime<Utc> + Send + Sync + 'static) {
        self.clock = std::sync::Arc::new(clock);
    }

    /// The wall clock as this store sees it.
    pub fn now(&self) -> DateTime<Utc> {
        (self.clock)()
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one immediate transaction; its change-log entries are written in
    /// the same transaction, so a record and its history never disagree.
    pub fn write<T>(&mut self, f: impl FnOnce(&mut Writer<'_>) -> Result<T>) -> Result<T> {
        self.check_writable()?;
        let now = (self.clock)();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .during(Task::SaveRecords)?;
        let mut writer = Writer::begin(&tx, &self.device_id, now)?;
        let out = f(&mut writer)?;
        let touched = writer.finish()?;
        tx.commit().during(Task::SaveRecords)?;
        self.touched.extend(touched);
        Ok(out)
    }

    /// The change-log kinds ("worker", "contact", …) written by this store
    /// since the last call, local writes and imports alike.
    pub fn take_touched(&mut self) -> BTreeSet<String> {
        std::mem::take(&mut self.touched)
    }
}

/// The database's schema version; one written by a newer teichaku is refused.
pub(crate) fn schema_version(conn: &Connection, path: Option<&Path>) -> Result<i64> {
    let found: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .during(Task::OpenDatabase)?;
    if found > migrate::LATEST {
        return Err(Error::NewerSchema {
            path: path.map(Path::to_path_buf).unwrap_or_default(),
            found,
            supported: migrate::LATEST,
        });
    }
    Ok(found)
}

/// The one place a connection to a database file is made. A new (missing or
/// empty) file is created owner-only and gets our `application_id`; an
/// existing one is checked first: a plaintext file by its header (without
/// opening it), an encrypted one by reading its first page with the key.
/// Nothing is written to an existing file here.
pub(crate) fn connect(path: &Path, key: Option<&DbKey>) -> Result<Connection> {
    let is_new = match std::fs::metadata(path) {
        Ok(meta) => meta.len() == 0,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => true,
        Err(e) => return Err(io_error(Task::OpenDatabase, path)(e)),
    };
    let plaintext = !is_new && is_plaintext(path)?;
    if is_new {
        files::create_private_file(path)?;
    } else if plaintext {
        if key.is_some() {
            return Err(Error::PlaintextDatabase {
                path: path.to_path_buf(),
            });
        }
        check_header(path)?;
    } else if key.is_none() {
        return Err(Error::NotADatabase {
            path: path.to_path_buf(),
        });
    }
    openssl_init::once();
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .during(Task::OpenDatabase)?;
    if let Some(key) = key {
        apply_key(&conn, key)?;
        if !is_new {
            check_encrypted(&conn, path)?;
        }
        // Decrypted pages live only in SQLite's own cache (the OS caches the
        // ciphertext): 8 MiB instead of 2 keeps a screen's pages decrypted
        // once (key → frame on the 100k agency: 1.0× plaintext, from 1.6×).
        conn.pragma_update(None, "cache_size", -8192)
            .during(Task::OpenDatabase)?;
    }
    if is_new {
        // Written in rollback mode, straight into the file's header, so the
        // header check above always sees it even after a crash.
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .during(Task::OpenDatabase)?;
    }
    Ok(conn)
}

/// `PRAGMA key` with the raw key (SQLCipher runs no KDF of its own: Argon2id
/// already did). Memory security stays off, as SQLCipher ships it since 4.5:
/// wiping every allocation SQLite makes costs the old laptops we target dearly,
/// and the key itself is wiped by SQLCipher either way.
pub(crate) fn apply_key(conn: &Connection, key: &DbKey) -> Result<()> {
    let mut value = key.pragma_value();
    // SQLCipher logs a failed page check to stderr; our own sentence says it.
    let done = conn
        .pragma_update(None, "cipher_log_level", "NONE")
        .and_then(|()| conn.pragma_update(None, "key", &value))
        .and_then(|()| conn.pragma_update(None, "cipher_memory_security", "OFF"));
    zeroize::Zeroize::zeroize(&mut value);
    done.during(Task::OpenDatabase)
}

/// Reads the first page of an encrypted file with the key just given: a key
/// that does not fit fails here, before anything is written.
pub(crate) fn check_encrypted(conn: &Connection, path: &Path) -> Result<()> {
    let read = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    });
    match read {
        Ok(_) => {}
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::NotADatabase =>
        {
            return Err(Error::DbKeyMismatch {
                path: path.to_path_buf(),
            });
        }
        Err(e) => return Err(e).during(Task::OpenDatabase),
    }
    let app: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .during(Task::OpenDatabase)?;
    if app != APPLICATION_ID {
        return Err(Error::NotOurDatabase {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

/// True when the file starts with SQLite's plaintext header (an encrypted
/// file starts with its random salt instead).
pub fn is_plaintext(path: &Path) -> Result<bool> {
    let mut magic = [0u8; 16];
    let mut file = std::fs::File::open(path).map_err(io_error(Task::OpenDatabase, path))?;
    let mut read = 0;
    while read < magic.len() {
        match file.read(&mut magic[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(e) => return Err(io_error(Task::OpenDatabase, path)(e)),
        }
    }
    Ok(read == magic.len() && &magic == b"SQLite format 3\0")
}

fn configure(conn: &Connection) -> Result<()> {
    // Room for every kind's insert and update and the log's statements, so an
    // import prepares each once (the default 16 made them evict each other).
    conn.set_prepared_statement_cache_capacity(64);
    conn.busy_timeout(std::time::Duration::from_millis(BUSY_TIMEOUT_MS.into()))
        .during(Task::OpenDatabase)?;
    // In-memory databases answer "memory"; files must switch to WAL.
    let _mode: String = conn
        .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))
        .during(Task::OpenDatabase)?;
    conn.pragma_update(None, "synchronous", "FULL")
        .during(Task::OpenDatabase)?;
    conn.pragma_update(None, "foreign_keys", "ON")
        .during(Task::OpenDatabase)?;
    Ok(())
}

/// Reads the first 100 bytes (the SQLite header) without opening the file as a
/// database, so a foreign or newer file is refused without a single byte written.
pub(crate) fn check_header(path: &Path) -> Result<()> {
    let mut header = [0u8; 100];
    let mut file = std::fs::File::open(path).map_err(io_error(Task::OpenDatabase, path))?;
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(e) => return Err(io_error(Task::OpenDatabase, path)(e)),
        }
    }
    if read < header.len() || &header[..16] != b"SQLite format 3\0" {
        return Err(Error::NotADatabase {
            path: path.to_path_buf(),
        });
    }
    let be = |at: usize| {
        i32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    if be(68) != APPLICATION_ID {
        return Err(Error::NotOurDatabase {
            path: path.to_path_buf(),
        });
    }
    let version = i64::from(be(60));
    if version > migrate::LATEST {
        return Err(Error::NewerSchema {
            path: path.to_path_buf(),
            found: version,
            supported: migrate::LATEST,
        });
    }
    Ok(())
}

/// The device id is made once, on the first run, and kept in the database.
fn ensure_device_id(conn: &mut Connection) -> Result<String> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .during(Task::OpenDatabase)?;
    let existing: Option<String> = tx
        .query_row("SELECT value FROM meta WHERE key = 'device_id'", [], |r| {
            r.get(0)
        })
        .optional()
        .during(Task::OpenDatabase)?;
    let id = match existing {
        Some(id) => id,
        None => {
            let id = uuid::Uuid::now_v7().to_string();
            tx.execute(
                "INSERT INTO meta (key, value) VALUES ('device_id', ?1)",
                [&id],
            )
            .during(Task::OpenDatabase)?;
            id
        }
    };
    tx.commit().during(Task::OpenDatabase)?;
    Ok(id)
}

/// A new record id: UUIDv7, time-ordered, made on this device.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

impl Store {
    /// Every change-log entry about one record, oldest first.
    pub fn log_for(&self, record_id: &str) -> Result<Vec<LogEntry>> {
        log::entries_for(&self.conn, record_id)
    }

    /// This device's own log, by sequence number.
    pub fn own_log(&self) -> Result<Vec<LogEntry>> {
        log::entries_of_device(&self.conn, &self.device_id)
    }

    /// A preference of this laptop only (the sync folder, the last export
    /// folder): kept in the local `meta` table, never in the change log, so
    /// it does not travel to other laptops.
    pub fn local_pref(&self, name: &str) -> Result<Option<String>> {
        meta_get(&self.conn, &format!("pref.{name}"))
    }

    pub fn set_local_pref(&mut self, name: &str, value: &str) -> Result<()> {
        meta_set(&self.conn, &format!("pref.{name}"), value)
    }
}

pub(crate) fn meta_get(conn: &Connection, key: &str) -> Result<Option<String>> {
    conn.prepare_cached("SELECT value FROM meta WHERE key = ?1")
        .and_then(|mut s| s.query_row([key], |r| r.get(0)).optional())
        .during(Task::ReadRecords)
}

pub(crate) fn meta_set(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .and_then(|mut s| s.execute([key, value]))
    .during(Task::SaveRecords)?;
    Ok(())
}
