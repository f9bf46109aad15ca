//! SQLite storage: the only module that speaks SQL.
//!
//! Every connection is opened by [`Store::open`] so that encryption at rest can be
//! applied in one place later. Every mutation goes through [`Store::write`], which
//! runs it in one transaction together with its change-log entries.

mod answers;
pub mod apply;
mod assessments;
mod closed;
pub mod columns;
mod conflicts;
mod contacts;
mod device;
pub mod files;
mod handover;
pub mod log;
pub mod migrate;
#[cfg(windows)]
pub mod owner_only;
pub mod partners;
mod people;
mod plans;
mod prior;
mod project;
mod record;
pub mod registry;
mod reports;
mod schedule;
pub mod search;
pub mod selfreports;
pub mod sync_state;
mod workers;

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior};

use crate::error::{DbContext, Error, Result, Task, io_error};

pub use answers::answer_id;
pub use apply::{BatchReport, ImportReport, MassDelete, RemoteBatch};
pub use log::{Hlc, LogEntry, Op};
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
    /// The kinds written since [`Store::take_touched`] was last asked, so a
    /// screen is re-read only after a change to what it shows.
    touched: BTreeSet<String>,
    /// The self-report's items: built in unless the agency's file was set.
    selfreport_items: crate::domain::selfreport::Items,
}

/// The wall clock a store reads (replaceable to simulate other laptops).
type Clock = Box<dyn Fn() -> DateTime<Utc> + Send>;

impl Store {
    /// Opens (or creates, owner-only) the database at `path` and brings its schema
    /// up to date. A file that is not a teichaku database, or one written by a newer
    /// teichaku, is refused before anything is written to it.
    pub fn open(path: &Path) -> Result<Store> {
        let is_new = match std::fs::metadata(path) {
            Ok(meta) => meta.len() == 0,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => true,
            Err(e) => return Err(io_error(Task::OpenDatabase, path)(e)),
        };
        if is_new {
            files::create_private_file(path)?;
        } else {
            check_header(path)?;
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .during(Task::OpenDatabase)?;
        if is_new {
            // Written in rollback mode, straight into the file's header, so the
            // header check above always sees it even after a crash.
            conn.pragma_update(None, "application_id", APPLICATION_ID)
                .during(Task::OpenDatabase)?;
        }
        let mut store = Self::finish_open(conn, Some(path.to_path_buf()))?;
        store.device_renewed =
            device::check_device_file(&mut store.conn, &mut store.device_id, path)?;
        Ok(store)
    }

    /// A private database in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory().during(Task::OpenDatabase)?;
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .during(Task::OpenDatabase)?;
        Self::finish_open(conn, None)
    }

    fn finish_open(mut conn: Connection, path: Option<PathBuf>) -> Result<Store> {
        let found: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .during(Task::OpenDatabase)?;
        if found > migrate::LATEST {
            return Err(Error::NewerSchema {
                path: path.unwrap_or_default(),
                found,
                supported: migrate::LATEST,
            });
        }
        configure(&conn)?;
        migrate::upgrade(&mut conn, migrate::LATEST)?;
        let device_id = ensure_device_id(&mut conn)?;
        Ok(Store {
            conn,
            device_id,
            path,
            clock: Box::new(crate::clock::utc_now),
            device_renewed: false,
            touched: BTreeSet::new(),
            selfreport_items: crate::domain::selfreport::Items::builtin(),
        })
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

    /// Replaces the wall clock (tests and simulations of other laptops).
    pub fn set_clock(&mut self, clock: impl Fn() -> DateTime<Utc> + Send + 'static) {
        self.clock = Box::new(clock);
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
fn check_header(path: &Path) -> Result<()> {
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
