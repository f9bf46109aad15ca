//! Adding remote entries to the change log during an import, fast both when
//! they are new and when they are already held (a laptop receives the same
//! entries through several bundles), and refusing a held (device, seq) whose
//! content differs: two laptops sharing a device id (a copied database).

use std::collections::{HashMap, HashSet};

use rusqlite::Transaction;
use rusqlite::types::ValueRef;

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
/// entry with a seq in `from..=to` is in `seqs`. Each is kept as its columns
/// after (device, seq) in one flat byte form (`put`), all in `bytes`, and an
/// incoming entry is put the same way and compared byte for byte: no String
/// per column (reading 2048 entries into `LogEntry`s was 40% of re-importing
/// held entries).
#[derive(Default)]
struct Ahead {
    device: String,
    from: i64,
    to: i64,
    seqs: Vec<i64>,
    /// Where each entry's bytes end in `bytes`.
    ends: Vec<usize>,
    bytes: Vec<u8>,
    /// The incoming entry, put.
    scratch: Vec<u8>,
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

    /// An entry under our own device id: it must be one we hold, unchanged
    /// (our own entries come back through other laptops' bundles). One we
    /// do not hold was never written here: nothing may be imported.
    pub(super) fn held_own(&mut self, tx: &Transaction<'_>, e: &LogEntry) -> Result<()> {
        let same = if self.held_has_parents(e) || !e.also_replaces.is_empty() {
            log::held_same(tx, e, self.held_has_parents(e))?
        } else {
            self.ahead.held_same(tx, e)?
        };
        match same {
            Some(true) => Ok(()),
            Some(false) => Err(reused(e)),
            None => Err(Error::OwnEntryFromElsewhere { seq: e.seq }),
        }
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
        match self.ahead.held_same(tx, e)? {
            Some(true) => Ok(false),
            Some(false) => Err(reused(e)),
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
    /// Whether `e` equals the held entry of its (device, seq), None when none
    /// is held; reads ahead when the seq is outside the window.
    fn held_same(&mut self, tx: &Transaction<'_>, e: &LogEntry) -> Result<Option<bool>> {
        let (device, seq) = (e.device_id.as_str(), e.seq);
        if self.device != device || seq < self.from || seq > self.to {
            self.read(tx, device, seq)?;
        }
        let Ok(i) = self.seqs.binary_search(&seq) else {
            return Ok(None);
        };
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        let held = &self.bytes[start..self.ends[i]];
        self.scratch.clear();
        put_entry(&mut self.scratch, e);
        Ok(Some(held == self.scratch.as_slice()))
    }

    fn read(&mut self, tx: &Transaction<'_>, device: &str, from: i64) -> Result<()> {
        let (seqs, ends, bytes) = (&mut self.seqs, &mut self.ends, &mut self.bytes);
        seqs.clear();
        ends.clear();
        bytes.clear();
        log::raw_entries_from(tx, device, from, AHEAD, &mut |seq, row| {
            for i in AFTER_SEQ {
                put(bytes, row.get_ref(i)?);
            }
            seqs.push(seq);
            ends.push(bytes.len());
            Ok(())
        })?;
        self.device = device.to_string();
        self.from = from;
        self.to = match self.seqs.last() {
            Some(&last) if self.seqs.len() == AHEAD => last,
            _ => i64::MAX,
        };
        Ok(())
    }
}

/// The columns of `log::ENTRY_COLUMNS` after (device_id, seq): hlc_ms,
/// hlc_counter, entity, record_id, op, field, value, prev_device, prev_seq.
const AFTER_SEQ: std::ops::Range<usize> = 2..11;

/// `e`'s columns of `AFTER_SEQ`, as they would be held.
fn put_entry(buf: &mut Vec<u8>, e: &LogEntry) {
    for v in &log::entry_values(e)[AFTER_SEQ] {
        put(buf, *v);
    }
}

/// One value, typed and length-prefixed: two lists of values put are equal
/// exactly when the values are (same types, same numbers, same bytes).
fn put(buf: &mut Vec<u8>, v: ValueRef<'_>) {
    let mut with_len = |tag: u8, b: &[u8]| {
        buf.push(tag);
        buf.extend_from_slice(&(b.len() as u64).to_le_bytes());
        buf.extend_from_slice(b);
    };
    match v {
        ValueRef::Null => buf.push(0),
        ValueRef::Integer(i) => {
            buf.push(1);
            buf.extend_from_slice(&i.to_le_bytes());
        }
        ValueRef::Real(r) => {
            buf.push(2);
            buf.extend_from_slice(&r.to_bits().to_le_bytes());
        }
        ValueRef::Text(t) => with_len(3, t),
        ValueRef::Blob(b) => with_len(4, b),
    }
}

fn reused(e: &LogEntry) -> Error {
    Error::ReusedSequence {
        device: e.device_id.clone(),
        seq: e.seq,
    }
}
