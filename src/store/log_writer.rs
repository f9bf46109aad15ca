//! Adding remote entries to the change log during an import, fast both when
//! they are new and when they are already held (a laptop receives the same
//! entries through several bundles), and refusing a held (device, seq) whose
//! content differs: two laptops sharing a device id (a copied database).

use std::collections::{HashMap, HashSet};

use rusqlite::Transaction;

use super::log::{self, LogEntry};
use crate::error::{DbContext, Error, Result, Task};

/// How many held entries one read-ahead fetches.
const AHEAD: usize = 2048;

/// An entry above the highest seq its device had when the import began is
/// new: one prepared `INSERT OR IGNORE`. One at or below it is most likely
/// held: it is compared with the held entries of its device read ahead in
/// seq order (bundles list each device's entries by seq), so a bundle of
/// held entries costs one range scan, not a look-up each; it is inserted
/// only if it fills a gap. Which entries have extra parents is read once.
pub(super) struct LogWriter {
    max_held: HashMap<String, i64>,
    with_parents: HashMap<String, HashSet<i64>>,
    ahead: Ahead,
}

/// Held entries of one device from seq `from`, in seq order; every held
/// entry with a seq in `from..=to` is in `rows`.
#[derive(Default)]
struct Ahead {
    device: String,
    from: i64,
    to: i64,
    rows: Vec<LogEntry>,
}

impl LogWriter {
    pub(super) fn new(tx: &Transaction<'_>) -> Result<LogWriter> {
        let mut with_parents: HashMap<String, HashSet<i64>> = HashMap::new();
        for (device, seq) in log::with_parents(tx)? {
            with_parents.entry(device).or_default().insert(seq);
        }
        Ok(LogWriter {
            max_held: HashMap::new(),
            with_parents,
            ahead: Ahead::default(),
        })
    }

    fn max_held(&mut self, tx: &Transaction<'_>, device: &str) -> Result<i64> {
        if let Some(&max) = self.max_held.get(device) {
            return Ok(max);
        }
        let max: i64 = tx
            .prepare_cached("SELECT coalesce(max(seq), 0) FROM change_log WHERE device_id = ?1")
            .and_then(|mut s| s.query_row([device], |r| r.get(0)))
            .during(Task::ReadRecords)?;
        self.max_held.insert(device.to_string(), max);
        Ok(max)
    }

    /// Inserts an entry unless present; returns whether it was new. The same
    /// (device, seq) with different content: nothing may be imported.
    pub(super) fn insert_or_compare(&mut self, tx: &Transaction<'_>, e: &LogEntry) -> Result<bool> {
        if e.seq > self.max_held(tx, &e.device_id)? {
            if log::append_if_new(tx, e)? {
                self.added(e);
                return Ok(true);
            }
            // Already inserted by an earlier bundle of this import.
            return self.compare_one(tx, e);
        }
        if self.held_has_parents(e) || !e.also_replaces.is_empty() {
            return self.compare_one(tx, e);
        }
        match self.ahead.held(tx, &e.device_id, e.seq)? {
            Some(held) if same_columns(held, e) => Ok(false),
            Some(_) => Err(reused(e)),
            // A gap (or inserted earlier in this import, after the read-ahead).
            None if log::append_if_new(tx, e)? => {
                self.added(e);
                Ok(true)
            }
            None => self.compare_one(tx, e),
        }
    }

    /// One look-up comparing in SQL, extra parents included.
    fn compare_one(&mut self, tx: &Transaction<'_>, e: &LogEntry) -> Result<bool> {
        match log::held_same(tx, e, self.held_has_parents(e))? {
            // Not held, and refused by INSERT OR IGNORE: the insert says why.
            None => {
                log::append(tx, e)?;
                self.added(e);
                Ok(true)
            }
            Some(true) => Ok(false),
            Some(false) => Err(reused(e)),
        }
    }

    /// Whether the entry held under `e`'s (device, seq), if any, has extra
    /// parents.
    fn held_has_parents(&self, e: &LogEntry) -> bool {
        self.with_parents
            .get(e.device_id.as_str())
            .is_some_and(|s| s.contains(&e.seq))
    }

    fn added(&mut self, e: &LogEntry) {
        if !e.also_replaces.is_empty() {
            self.with_parents
                .entry(e.device_id.clone())
                .or_default()
                .insert(e.seq);
        }
    }
}

impl Ahead {
    /// The held entry (device, seq), reading ahead when it is outside the
    /// window.
    fn held(&mut self, tx: &Transaction<'_>, device: &str, seq: i64) -> Result<Option<&LogEntry>> {
        if self.device != device || seq < self.from || seq > self.to {
            self.rows = log::entries_from(tx, device, seq, AHEAD)?;
            self.device = device.to_string();
            self.from = seq;
            self.to = match self.rows.last() {
                Some(last) if self.rows.len() == AHEAD => last.seq,
                _ => i64::MAX,
            };
        }
        Ok(self
            .rows
            .binary_search_by_key(&seq, |r| r.seq)
            .ok()
            .and_then(|i| self.rows.get(i)))
    }
}

fn reused(e: &LogEntry) -> Error {
    Error::ReusedSequence {
        device: e.device_id.clone(),
        seq: e.seq,
    }
}

/// Every column but the extra parents (compared by `log::held_same`).
fn same_columns(a: &LogEntry, b: &LogEntry) -> bool {
    a.device_id == b.device_id
        && a.seq == b.seq
        && a.hlc == b.hlc
        && a.entity == b.entity
        && a.record_id == b.record_id
        && a.op == b.op
        && a.field == b.field
        && a.value == b.value
        && a.replaces == b.replaces
}
