//! The check-up (`teichaku doctor`): reads the database and says what is
//! wrong with it, changing nothing — the connection is `query_only`, and the
//! store is not opened (no migration, no device file, no access-log line).
//!
//! Four checks: SQLite's `integrity_check` (every page readable: with
//! SQLCipher a damaged page fails its authentication here), the foreign-key
//! check, and the change log against the query tables: every record's row
//! must be what its log entries make of it (the same merge an import runs),
//! and no row may be without a log. A row the log does not explain would be
//! lost, or changed back, the next time the record is recomputed, and would
//! never reach the other laptops. And the change log's sequence numbers:
//! within bounds, and this laptop's own written one after the other.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};

use super::audit_chain::{self, Break};
use super::keyfile;
use super::read_only::Why;
use super::registry::{self, KINDS};
use super::unlock::{self, State};
use super::{connect, log, project};
use crate::error::{DbContext, Error, Result, Task};

/// What one check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    Ok,
    /// The database could not be read at all (damaged first page, cut short).
    Unreadable,
    /// This many problems (pages, rows, records).
    Problems(usize),
}

impl Finding {
    pub fn is_ok(&self) -> bool {
        *self == Finding::Ok
    }
}

/// The check-up's findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkup {
    pub integrity: Finding,
    /// Rows that point at a record that is not there, per table.
    pub foreign_keys: Finding,
    /// Records whose row does not agree with the change log, per kind.
    pub change_log: Finding,
    /// Kinds whose records disagree, for the report (table names, no data).
    pub disagreeing_kinds: Vec<&'static str>,
    /// How many records the change-log check looked at.
    pub records_checked: usize,
    /// Sequence numbers that cannot be: outside 1..=MAX_SEQ on any device,
    /// a gap in this laptop's own numbers (it writes them one after the
    /// other), or its own counter at the end.
    pub sequences: Finding,
    /// Files a killed job left beside the database (see `leftovers.rs`): not
    /// damage, listed so they are not mistaken for data; the next open
    /// finishes or removes them.
    pub leftovers: Vec<std::path::PathBuf>,
    /// The database or its folder cannot be written (`read_only.rs`): said,
    /// and a file that could not be read there is never called damaged.
    pub read_only: Option<Why>,
    /// The access log's hash chain and sealed head (audit_chain.rs): its
    /// first break, if any (a database older than the chain has none).
    pub access_log: Finding,
    pub access_log_break: Option<Break>,
}

impl Checkup {
    pub fn problems(&self) -> usize {
        [
            &self.integrity,
            &self.foreign_keys,
            &self.change_log,
            &self.sequences,
            &self.access_log,
        ]
        .iter()
        .filter(|f| !f.is_ok())
        .count()
    }
}

/// Runs the check-up on the database at `db`, opened with `passphrase`
/// (a plaintext database from an earlier teichaku needs none). A wrong
/// passphrase is an error; a database that cannot be read is a finding.
pub fn check(db: &Path, passphrase: Option<&str>) -> Result<Checkup> {
    let unreadable = Checkup {
        integrity: Finding::Unreadable,
        foreign_keys: Finding::Unreadable,
        change_log: Finding::Unreadable,
        disagreeing_kinds: Vec::new(),
        records_checked: 0,
        sequences: Finding::Unreadable,
        access_log: Finding::Unreadable,
        access_log_break: None,
        leftovers: super::leftovers::found(db),
        read_only: None,
    };
    // On media that cannot be written, read-only (a read-write open fails
    // there, which is no damage).
    // On a full disk, too: SQLite cannot make the files it reads WAL with.
    let media = super::read_only::media_read_only(db);
    let disk_full = std::cell::Cell::new(false);
    let connect = |db: &Path, key: Option<&keyfile::DbKey>| {
        if media {
            return super::read_only::connect(db, key);
        }
        connect(db, key).or_else(|e| {
            if super::read_only::is_disk_full(&e) {
                disk_full.set(true);
                super::read_only::connect(db, key)
            } else {
                Err(e)
            }
        })
    };
    let why = |full: bool| {
        if media {
            Some(Why::Media)
        } else if full {
            Some(Why::DiskFull)
        } else {
            None
        }
    };
    let (conn, key) = match unlock::state(db)? {
        State::New => {
            return Err(Error::NoDatabase {
                path: db.to_path_buf(),
            });
        }
        State::Plaintext => match connect(db, None) {
            Ok(c) => (c, None),
            Err(Error::Database { .. }) => {
                return Ok(Checkup {
                    read_only: why(disk_full.get()),
                    ..unreadable
                });
            }
            Err(e) => return Err(e),
        },
        State::Encrypted => {
            let pass = passphrase.ok_or(Error::DbPassphraseMissing)?;
            let keys = keyfile::unseal(db, pass)?;
            let mut opened = None;
            for key in &keys {
                match connect(db, Some(key)) {
                    Ok(c) => {
                        opened = Some((c, Some(key.clone())));
                        break;
                    }
                    Err(Error::DbKeyMismatch { .. } | Error::Database { .. }) => {}
                    Err(e) => return Err(e),
                }
            }
            match opened {
                Some(c) => c,
                None => {
                    return Ok(Checkup {
                        read_only: why(disk_full.get()),
                        ..unreadable
                    });
                }
            }
        }
    };
    conn.pragma_update(None, "query_only", true)
        .during(Task::ReadRecords)?;
    let integrity = integrity(&conn);
    if integrity == Finding::Unreadable {
        return Ok(Checkup {
            read_only: why(disk_full.get()),
            ..unreadable
        });
    }
    let foreign_keys = foreign_keys(&conn);
    let (change_log, disagreeing_kinds, records_checked) = change_log(&conn);
    let (access_log, access_log_break) = access_log(&conn, key.as_ref());
    Ok(Checkup {
        integrity,
        foreign_keys,
        change_log,
        disagreeing_kinds,
        records_checked,
        sequences: sequences(&conn),
        leftovers: super::leftovers::found(db),
        read_only: why(disk_full.get()),
        access_log,
        access_log_break,
    })
}

/// The access log's chain (a database from before the chain: nothing to check).
fn access_log(conn: &Connection, key: Option<&keyfile::DbKey>) -> (Finding, Option<Break>) {
    let version: i64 = match conn.pragma_query_value(None, "user_version", |r| r.get(0)) {
        Ok(v) => v,
        Err(_) => return (Finding::Unreadable, None),
    };
    if version < super::migrate::ACCESS_LOG_CHAINED {
        return (Finding::Ok, None);
    }
    match audit_chain::verify(conn, key) {
        Ok(None) => (Finding::Ok, None),
        Ok(Some(b)) => (Finding::Problems(1), Some(b)),
        Err(_) => (Finding::Unreadable, None),
    }
}

fn integrity(conn: &Connection) -> Finding {
    let rows = conn.prepare("PRAGMA integrity_check").and_then(|mut s| {
        s.query_map([], |r| r.get::<_, String>(0))
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<String>>>())
    });
    match rows {
        Ok(rows) if rows == ["ok"] => Finding::Ok,
        Ok(rows) => Finding::Problems(rows.len()),
        Err(_) => Finding::Unreadable,
    }
}

fn foreign_keys(conn: &Connection) -> Finding {
    let rows = conn
        .prepare("PRAGMA foreign_key_check")
        .and_then(|mut s| s.query_map([], |_| Ok(())).map(|rows| rows.count()));
    match rows {
        Ok(0) => Finding::Ok,
        Ok(n) => Finding::Problems(n),
        Err(_) => Finding::Unreadable,
    }
}

/// Counts entries numbered outside 1..=MAX_SEQ, missing numbers among our
/// own (from 1 to our highest), and our own counter at its end.
fn sequences(conn: &Connection) -> Finding {
    let count = || -> rusqlite::Result<usize> {
        let own: Option<String> = conn
            .query_row("SELECT value FROM meta WHERE key = 'device_id'", [], |r| {
                r.get(0)
            })
            .optional()?;
        let out_of_range: i64 = conn.query_row(
            "SELECT count(*) FROM change_log WHERE seq < 1 OR seq > ?1",
            [log::MAX_SEQ],
            |r| r.get(0),
        )?;
        let (own_count, own_max): (i64, i64) = conn.query_row(
            "SELECT count(*), coalesce(max(seq), 0) FROM change_log
             WHERE device_id = ?1 AND seq BETWEEN 1 AND ?2",
            params![own.unwrap_or_default(), log::MAX_SEQ],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let own_gaps = i64::from(own_max > own_count);
        let at_end = i64::from(own_max >= log::MAX_SEQ);
        Ok(usize::try_from(out_of_range + own_gaps + at_end).unwrap_or(usize::MAX))
    };
    match count() {
        Ok(0) => Finding::Ok,
        Ok(n) => Finding::Problems(n),
        Err(_) => Finding::Unreadable,
    }
}

fn change_log(conn: &Connection) -> (Finding, Vec<&'static str>, usize) {
    let mut bad = 0;
    let mut kinds = Vec::new();
    let mut checked = 0;
    for kind in KINDS {
        match kind_agrees(conn, kind) {
            Ok((n, wrong)) => {
                checked += n;
                if wrong > 0 {
                    bad += wrong;
                    kinds.push(kind.table);
                }
            }
            Err(_) => return (Finding::Unreadable, kinds, checked),
        }
    }
    let finding = if bad == 0 {
        Finding::Ok
    } else {
        Finding::Problems(bad)
    };
    (finding, kinds, checked)
}

/// (records checked, records that disagree) of one kind: every id with a row
/// or a log entry.
fn kind_agrees(conn: &Connection, kind: &registry::Kind) -> Result<(usize, usize)> {
    // Table names come from the registry, never from the data.
    let sql = format!(
        "SELECT id FROM {} UNION SELECT record_id FROM change_log WHERE entity = ?1",
        kind.table
    );
    let ids: Vec<String> = conn
        .prepare(&sql)
        .and_then(|mut s| {
            s.query_map([kind.kind], |r| r.get(0))
                .and_then(|rows| rows.collect())
        })
        .during(Task::ReadRecords)?;
    let mut wrong = 0;
    for id in &ids {
        if !project::agrees(conn, kind, id)? {
            wrong += 1;
        }
    }
    Ok((ids.len(), wrong))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASS: &str = "a long test passphrase for the check-up";

    fn files_of(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .filter(|e| e.path().is_file())
            .map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                (name, std::fs::read(e.path()).unwrap())
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn the_demo_agency_is_healthy_and_the_check_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("teichaku.db");
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let mut store = unlock::open(&db, PASS).unwrap();
        crate::demo::load_all(&mut store, today).unwrap();
        drop(store);
        let before = files_of(dir.path());
        let c = check(&db, Some(PASS)).unwrap();
        assert_eq!(c.problems(), 0, "{c:?}");
        assert!(c.records_checked > 100, "{c:?}");
        assert_eq!(files_of(dir.path()), before, "read-only");
        assert!(matches!(
            check(&db, Some("not the passphrase at all")),
            Err(Error::WrongDbPassphrase)
        ));
    }

    #[test]
    fn rows_the_log_does_not_explain_and_broken_links_are_found() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("teichaku.db");
        let mut store = unlock::open(&db, PASS).unwrap();
        let worker = crate::domain::Worker::new(crate::store::new_id(), "山田 太郎".into());
        store.add_worker(&worker).unwrap();
        // Behind the log's back: a changed name, and a person of no worker.
        store
            .conn()
            .execute("UPDATE workers SET display_name = '山田 花子'", [])
            .unwrap();
        store
            .conn()
            .execute_batch(
                "PRAGMA foreign_keys = OFF;
                 INSERT INTO people (id, worker_id, name, created_at, updated_at)
                 VALUES ('p1', 'nobody', '佐藤', '', '');",
            )
            .unwrap();
        drop(store);
        let c = check(&db, Some(PASS)).unwrap();
        assert_eq!(c.integrity, Finding::Ok);
        assert_eq!(c.foreign_keys, Finding::Problems(1));
        assert_eq!(c.change_log, Finding::Problems(2), "{c:?}");
        assert_eq!(c.disagreeing_kinds, ["workers", "people"]);
        assert_eq!(c.problems(), 2);
    }

    #[test]
    fn impossible_sequence_numbers_are_found() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("teichaku.db");
        let mut store = unlock::open(&db, PASS).unwrap();
        let worker = crate::domain::Worker::new(crate::store::new_id(), "山田 太郎".into());
        store.add_worker(&worker).unwrap();
        let own = store.device_id().to_string();
        drop(store);
        assert_eq!(check(&db, Some(PASS)).unwrap().sequences, Finding::Ok);

        // As an import before the checks could leave it: one of our own
        // numbers far ahead (a gap in ours), and one past the bound.
        let store = unlock::open(&db, PASS).unwrap();
        let copy = |seq: i64, device: &str| {
            store
                .conn()
                .execute(
                    "INSERT INTO change_log (device_id, seq, hlc_ms, hlc_counter, entity, record_id, op, field, value)
                     SELECT ?2, ?1, hlc_ms, hlc_counter, entity, record_id, op, field, value
                     FROM change_log WHERE device_id = ?3 ORDER BY seq LIMIT 1",
                    params![seq, device, own],
                )
                .unwrap()
        };
        copy(1_000_000_000, &own);
        copy(i64::MAX, "another-device");
        drop(store);
        let c = check(&db, Some(PASS)).unwrap();
        assert_eq!(c.sequences, Finding::Problems(2), "{c:?}");
        assert!(c.problems() >= 1);
        let report = crate::i18n::backup::report(
            &c,
            &crate::i18n::backup::LastBackup::None(dir.path().to_path_buf()),
            crate::i18n::Lang::Ja,
        );
        assert!(report.contains("2 件のありえない変更番号"), "{report}");
    }
}
