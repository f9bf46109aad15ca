//! The access log: who (staff name, device) did what, when, to whose records —
//! opened a worker, printed a document, wrote a CSV, exported or imported a
//! bundle, changed a disclosure, deleted, made a backup or was restored from
//! one. Append-only (triggers refuse updates and deletes), inside the
//! encrypted database, and never any note text: the detail is a code (a
//! document kind, a month, a count, a file name we made).
//!
//! A hash chain with a sealed head (audit_chain.rs): a line changed or
//! removed, or the log rewritten, is shown by `audit` and `doctor`.
//! Tamper-evident, not tamper-proof.
//!
//! Not synced. It records what was done on this laptop, which is what the
//! guideline's review asks about ("who read this worker's records here?");
//! the changes themselves already travel in the change log with their device.
//! Syncing reads would put every colleague's reading habits into every bundle
//! and grow them for ever, for records that never need to converge. An agency
//! that wants one place can collect `teichaku audit --json` from each laptop.

use chrono::{NaiveDate, SecondsFormat};
use rusqlite::params;
use serde::Serialize;

use super::Store;
use crate::error::{DbContext, Result, Task};

/// Schema step (migrate.rs): the table and its append-only triggers.
pub const ACCESS_LOG: &str = "
CREATE TABLE access_log (
    seq        INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    staff      TEXT NOT NULL,
    device     TEXT NOT NULL,
    action     TEXT NOT NULL,
    worker_id  TEXT,
    detail     TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX access_log_worker ON access_log (worker_id, at);
CREATE INDEX access_log_at ON access_log (at);
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
";

/// What was done. Stored as its code, shown in the user's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    OpenWorker,
    Print,
    Csv,
    Export,
    Import,
    Disclosure,
    Delete,
    /// A backup was written (detail: its file name, which we made).
    Backup,
    /// This database was restored from a backup (detail: the backup's time).
    Restore,
    /// A worker's records were shown or dumped (detail: the command or screen,
    /// e.g. `contact list --json`; no worker for a line covering many).
    Read,
}

impl Access {
    pub const ALL: [Access; 10] = [
        Access::OpenWorker,
        Access::Print,
        Access::Csv,
        Access::Export,
        Access::Import,
        Access::Disclosure,
        Access::Delete,
        Access::Backup,
        Access::Restore,
        Access::Read,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Access::OpenWorker => "open_worker",
            Access::Print => "print",
            Access::Csv => "csv",
            Access::Export => "export",
            Access::Import => "import",
            Access::Disclosure => "disclosure",
            Access::Delete => "delete",
            Access::Backup => "backup",
            Access::Restore => "restore",
            Access::Read => "read",
        }
    }

    pub fn from_code(code: &str) -> Option<Access> {
        Access::ALL.into_iter().find(|a| a.code() == code)
    }
}

/// One line of the log, with the worker's name as it is now (None: no worker,
/// or one since deleted for good).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccessEntry {
    pub at: String,
    pub staff: String,
    pub device: String,
    pub action: String,
    pub worker_id: Option<String>,
    pub worker_name: Option<String>,
    pub detail: String,
}

impl Store {
    /// The staff name written in the access log (the settings' `staff_name`).
    pub fn set_staff(&mut self, name: &str) {
        self.staff = name.to_string();
    }

    /// Appends one line to the access log. `detail` must never hold note text.
    ///
    /// Where no line can be written — media that cannot be written, a full
    /// disk — the read still goes ahead: it is counted instead
    /// ([`Store::unlogged_reads`]) and the command or screen says that it went
    /// unrecorded (README, 「利用記録」).
    pub fn log_access(&self, action: Access, worker_id: Option<&str>, detail: &str) -> Result<()> {
        if self.is_read_only() {
            self.unlogged.set(self.unlogged.get() + 1);
            return Ok(());
        }
        match self.append_access(action, worker_id, detail) {
            Err(crate::Error::Database { source, .. })
                if matches!(
                    source.sqlite_error_code(),
                    Some(rusqlite::ErrorCode::DiskFull | rusqlite::ErrorCode::ReadOnly)
                ) =>
            {
                self.unlogged.set(self.unlogged.get() + 1);
                Ok(())
            }
            other => other,
        }
    }

    fn append_access(&self, action: Access, worker_id: Option<&str>, detail: &str) -> Result<()> {
        let at = self.now().to_rfc3339_opts(SecondsFormat::Secs, true);
        super::audit_chain::append(
            self.conn(),
            self.key(),
            &at,
            &self.staff,
            self.device_id(),
            action.code(),
            worker_id,
            detail,
        )
    }

    /// Whether the log is whole: None, or its first break (audit_chain.rs).
    pub fn access_log_check(&self) -> Result<Option<super::audit_chain::Break>> {
        super::audit_chain::verify(self.conn(), self.key())
    }

    /// The number of the log's last line (0 when empty): a command compares it
    /// before and after to know whether it wrote a line.
    pub fn access_log_last_seq(&self) -> Result<i64> {
        self.conn()
            .query_row("SELECT coalesce(max(seq), 0) FROM access_log", [], |r| {
                r.get(0)
            })
            .during(Task::ReadRecords)
    }

    /// The log, newest first: of one worker, from a day on (UTC dates), at most
    /// `limit` lines.
    pub fn access_log(
        &self,
        worker_id: Option<&str>,
        since: Option<NaiveDate>,
        limit: usize,
    ) -> Result<Vec<AccessEntry>> {
        let since = since.map(|d| d.format("%Y-%m-%d").to_string());
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT a.at, a.staff, a.device, a.action, a.worker_id, w.display_name, a.detail
                 FROM access_log a LEFT JOIN workers w ON w.id = a.worker_id
                 WHERE (?1 IS NULL OR a.worker_id = ?1) AND (?2 IS NULL OR a.at >= ?2)
                 ORDER BY a.seq DESC LIMIT ?3",
            )
            .during(Task::ReadRecords)?;
        let rows = stmt
            .query_map(
                params![worker_id, since, i64::try_from(limit).unwrap_or(i64::MAX)],
                |r| {
                    Ok(AccessEntry {
                        at: r.get(0)?,
                        staff: r.get(1)?,
                        device: r.get(2)?,
                        action: r.get(3)?,
                        worker_id: r.get(4)?,
                        worker_name: r.get(5)?,
                        detail: r.get(6)?,
                    })
                },
            )
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .during(Task::ReadRecords)?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_is_append_only_and_filtered_by_worker_and_day() {
        let mut s = Store::open_in_memory().unwrap();
        s.set_staff("佐藤 美咲");
        s.log_access(Access::OpenWorker, Some("w1"), "screen")
            .unwrap();
        s.log_access(Access::Csv, None, "workers → file").unwrap();
        let all = s.access_log(None, None, 10).unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].action, "csv", "newest first");
        assert_eq!(all[1].staff, "佐藤 美咲");
        assert_eq!(all[1].device, s.device_id());
        assert_eq!(s.access_log(Some("w1"), None, 10).unwrap().len(), 1);
        let tomorrow = s.now().date_naive().succ_opt().unwrap();
        assert!(s.access_log(None, Some(tomorrow), 10).unwrap().is_empty());
        assert_eq!(s.access_log(None, None, 1).unwrap().len(), 1);
        for sql in [
            "UPDATE access_log SET staff = 'x'",
            "DELETE FROM access_log",
        ] {
            assert!(s.conn().execute(sql, []).is_err(), "{sql}");
        }
        assert_eq!(s.access_log(None, None, 10).unwrap(), all);
        for a in Access::ALL {
            assert_eq!(Access::from_code(a.code()), Some(a));
        }
    }
}
