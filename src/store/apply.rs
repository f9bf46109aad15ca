//! Applying change-log entries from other laptops: insert-or-ignore by
//! (device, seq) in one transaction, then recompute each affected record from
//! its log entries.
//!
//! The value of a field is a pure function of the set of entries about it, so
//! every laptop holding the same entries shows the same record, whatever order
//! they arrived in:
//! - each (record, field) is a revision graph: an entry replaces the entry named
//!   in `prev_*` (and, for a conflict resolution, those in `change_log_parents`);
//! - the heads are the entries nobody replaced; the field shows the head with
//!   the greatest (clock, device) — last writer wins among concurrent writes;
//! - a note field with more than one head is an open conflict (`sync_conflicts`);
//!   every head stays in the log, so nothing written is lost;
//! - `deleted` is a field like any other: a delete hides the record, a concurrent
//!   edit of another field is applied underneath and comes back on restore.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use super::log::{self, Hlc, LogEntry};
use super::registry::{self, DELETED, Kind};
use super::{Store, meta_get, meta_set};
use crate::error::{DbContext, Error, Result, Task};
use crate::sync::merge;

/// How far past this laptop's wall clock its logical clock may be pulled by a
/// bundle from a laptop whose clock runs ahead.
pub const MAX_CLOCK_LEAD_MS: i64 = 24 * 60 * 60 * 1000;
/// A sender clock ahead of ours by more than this is worth a warning.
pub const CLOCK_WARNING_MS: i64 = 60 * 60 * 1000;

/// An import that would delete more than this share (1/N) of a kind's live
/// records, and at least [`MASS_DELETE_MIN`] of them, must be confirmed.
pub const MASS_DELETE_SHARE_DIVISOR: usize = 4;
pub const MASS_DELETE_MIN: usize = 2;

/// The entries of one bundle, already opened and checked by `sync`.
#[derive(Debug, Clone, Default)]
pub struct RemoteBatch {
    pub bundle_id: String,
    /// The device that wrote the bundle.
    pub sender: String,
    /// When the sender wrote it (RFC 3339, the sender's clock).
    pub created_at: String,
    /// The file it came from, for the list of imports (no worker data).
    pub file_name: String,
    /// For each origin device, the sender held every entry up to this seq.
    pub known: Vec<(String, i64)>,
    pub entries: Vec<LogEntry>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MassDelete {
    /// Refuse (roll back) an import that deletes too much.
    Refuse,
    /// The user confirmed.
    Allow,
}

/// What one bundle brought.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BatchReport {
    pub bundle_id: String,
    pub sender: String,
    pub file_name: String,
    pub entries: usize,
    pub new_entries: usize,
    /// Imported before (by bundle id): nothing was read from it this time.
    pub already_imported: bool,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportReport {
    pub bundles: Vec<BatchReport>,
    pub new_entries: usize,
    pub records_changed: usize,
    pub records_deleted: usize,
    pub new_conflicts: usize,
    /// How far (ms) the furthest sender clock ran ahead of ours, when worth a warning.
    pub sender_clock_ahead_ms: Option<i64>,
}

impl Store {
    /// Applies bundles' entries, all or nothing, in one transaction.
    pub fn import_batches(
        &mut self,
        batches: &[RemoteBatch],
        mass_delete: MassDelete,
    ) -> Result<ImportReport> {
        let now = (self.clock)();
        // A contact may arrive before its worker (a partial set of bundles); it
        // stays hidden behind the missing worker until that arrives. Foreign keys
        // cannot be switched inside a transaction, so around it.
        self.conn
            .pragma_update(None, "foreign_keys", "OFF")
            .during(Task::SaveRecords)?;
        let result = import_in_tx(&mut self.conn, &self.device_id, now, batches, mass_delete);
        let restored = self
            .conn
            .pragma_update(None, "foreign_keys", "ON")
            .during(Task::SaveRecords);
        let report = result?;
        restored?;
        Ok(report)
    }
}

fn import_in_tx(
    conn: &mut Connection,
    own_device: &str,
    now: DateTime<Utc>,
    batches: &[RemoteBatch],
    mass_delete: MassDelete,
) -> Result<ImportReport> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .during(Task::SaveRecords)?;
    let live_before = live_counts(&tx)?;
    let now_text = now.to_rfc3339_opts(SecondsFormat::Millis, true);
    let mut report = ImportReport::default();
    let mut affected: BTreeSet<(String, String)> = BTreeSet::new();
    let mut max_remote: Option<Hlc> = None;
    for batch in batches {
        let already: bool = tx
            .query_row(
                "SELECT 1 FROM sync_imports WHERE bundle_id = ?1",
                [&batch.bundle_id],
                |_| Ok(()),
            )
            .optional()
            .during(Task::SaveRecords)?
            .is_some();
        let mut new_entries = 0;
        if !already {
            for e in &batch.entries {
                if insert_or_compare(&tx, e)? {
                    new_entries += 1;
                    affected.insert((e.entity.clone(), e.record_id.clone()));
                }
                max_remote = max_remote.max(Some(e.hlc));
            }
            tx.execute(
                "INSERT INTO sync_imports
                 (bundle_id, sender, created_at, imported_at, file_name, entries, new_entries)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    batch.bundle_id,
                    batch.sender,
                    batch.created_at,
                    now_text,
                    batch.file_name,
                    count(batch.entries.len()),
                    count(new_entries)
                ],
            )
            .during(Task::SaveRecords)?;
            learn_peer(&tx, own_device, batch)?;
        }
        report.new_entries += new_entries;
        report.bundles.push(BatchReport {
            bundle_id: batch.bundle_id.clone(),
            sender: batch.sender.clone(),
            file_name: batch.file_name.clone(),
            entries: batch.entries.len(),
            new_entries,
            already_imported: already,
        });
    }
    if let Some(remote) = max_remote {
        report.sender_clock_ahead_ms = receive_clock(&tx, remote, now)?;
    }
    let mut deleted_by_kind: HashMap<&'static str, usize> = HashMap::new();
    for (entity, record_id) in &affected {
        let Some(kind) = registry::find(entity) else {
            continue; // a kind from a newer teichaku: kept and forwarded only
        };
        let outcome = recompute(&tx, kind, record_id, &now_text)?;
        if outcome.changed {
            report.records_changed += 1;
        }
        if outcome.was_live == Some(true) && !outcome.live {
            report.records_deleted += 1;
            *deleted_by_kind.entry(kind.kind).or_default() += 1;
        }
        report.new_conflicts += outcome.new_conflicts;
    }
    if mass_delete == MassDelete::Refuse {
        for (kind, &deleted) in &deleted_by_kind {
            let live = live_before.get(kind).copied().unwrap_or(0);
            if deleted >= MASS_DELETE_MIN && deleted * MASS_DELETE_SHARE_DIVISOR > live {
                return Err(Error::MassDelete {
                    kind,
                    deleted,
                    live,
                });
            }
        }
    }
    tx.commit().during(Task::SaveRecords)?;
    Ok(report)
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Inserts an entry unless present; returns whether it was new. The same
/// (device, seq) with different content means two laptops share a device id
/// (a copied database): nothing may be imported then.
fn insert_or_compare(tx: &Transaction<'_>, e: &LogEntry) -> Result<bool> {
    match log::entry(tx, &e.device_id, e.seq)? {
        None => {
            log::append(tx, e)?;
            Ok(true)
        }
        Some(existing) if same_content(&existing, e) => Ok(false),
        Some(_) => Err(Error::ReusedSequence {
            device: e.device_id.clone(),
            seq: e.seq,
        }),
    }
}

fn same_content(a: &LogEntry, b: &LogEntry) -> bool {
    let mut pa = a.also_replaces.clone();
    let mut pb = b.also_replaces.clone();
    pa.sort();
    pb.sort();
    a.device_id == b.device_id
        && a.seq == b.seq
        && a.hlc == b.hlc
        && a.entity == b.entity
        && a.record_id == b.record_id
        && a.op == b.op
        && a.field == b.field
        && a.value == b.value
        && a.replaces == b.replaces
        && pa == pb
}

/// Remembers what the sender holds, so later exports can leave it out.
fn learn_peer(tx: &Transaction<'_>, own_device: &str, batch: &RemoteBatch) -> Result<()> {
    if batch.sender == own_device {
        return Ok(());
    }
    let mut stmt = tx
        .prepare_cached(
            "INSERT INTO sync_peer_knows (peer, origin, seq) VALUES (?1, ?2, ?3)
             ON CONFLICT (peer, origin) DO UPDATE SET seq = MAX(seq, excluded.seq)",
        )
        .during(Task::SaveRecords)?;
    for (origin, seq) in &batch.known {
        stmt.execute(params![batch.sender, origin, seq])
            .during(Task::SaveRecords)?;
    }
    Ok(())
}

/// The receive rule of the hybrid logical clock: our next timestamp comes after
/// every one we have seen, but never more than [`MAX_CLOCK_LEAD_MS`] past our
/// wall clock. Returns how far the sender ran ahead when worth a warning.
fn receive_clock(tx: &Transaction<'_>, remote: Hlc, now: DateTime<Utc>) -> Result<Option<i64>> {
    let now_ms = now.timestamp_millis();
    let local = meta_get(tx, "hlc")?
        .as_deref()
        .and_then(Hlc::decode)
        .unwrap_or_default();
    let cap = Hlc {
        ms: now_ms + MAX_CLOCK_LEAD_MS,
        counter: 0,
    };
    let next = local.max(remote.min(cap));
    if next != local {
        meta_set(tx, "hlc", &next.encode())?;
    }
    let ahead = remote.ms - now_ms;
    Ok((ahead > CLOCK_WARNING_MS).then_some(ahead))
}

fn live_counts(conn: &Connection) -> Result<HashMap<&'static str, usize>> {
    let mut out = HashMap::new();
    for k in registry::KINDS {
        let n: i64 = conn
            .query_row(
                &format!("SELECT COUNT(*) FROM {} WHERE deleted = 0", k.table),
                [],
                |r| r.get(0),
            )
            .during(Task::ReadRecords)?;
        out.insert(k.kind, usize::try_from(n).unwrap_or(0));
    }
    Ok(out)
}

/// What recomputing one record did.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    /// None: the record was not in the table before.
    pub was_live: Option<bool>,
    pub live: bool,
    pub changed: bool,
    pub new_conflicts: usize,
}

/// Brings one record's row (and its open conflicts) in line with its log.
pub(crate) fn recompute(
    conn: &Connection,
    kind: &Kind,
    record_id: &str,
    now_text: &str,
) -> Result<Outcome> {
    let entries: Vec<LogEntry> = log::entries_for(conn, record_id)?
        .into_iter()
        .filter(|e| e.entity == kind.kind)
        .collect();
    let mut by_field: BTreeMap<&str, Vec<LogEntry>> = BTreeMap::new();
    for e in &entries {
        if kind.has_field(&e.field) || e.field == DELETED {
            by_field
                .entry(e.field.as_str())
                .or_default()
                .push(e.clone());
        }
    }
    let merged = merge::merge_record(&by_field, |f| kind.is_note(f));
    let winners: Vec<(&str, Value)> = merged
        .values
        .iter()
        .map(|(f, v)| (*f, (*v).clone()))
        .collect();
    let mut outcome = Outcome::default();
    for field in &merged.conflicts {
        outcome.new_conflicts += mark_conflict(conn, kind, record_id, field, true)?;
    }
    for field in &merged.settled_notes {
        mark_conflict(conn, kind, record_id, field, false)?;
    }
    let current = read_row(conn, kind, record_id, &winners)?;
    let live_of = |deleted: &Value| !matches!(deleted, Value::Integer(1));
    let new_deleted = winners
        .iter()
        .find(|(f, _)| *f == DELETED)
        .map(|(_, v)| v.clone());
    match current {
        Some(current) => {
            let was_deleted = current
                .iter()
                .find(|(f, _)| *f == DELETED)
                .map(|(_, v)| v.clone())
                .unwrap_or(Value::Integer(0));
            outcome.was_live = Some(live_of(&was_deleted));
            outcome.live = live_of(new_deleted.as_ref().unwrap_or(&was_deleted));
            let changes: Vec<&(&str, Value)> = winners
                .iter()
                .filter(|(f, v)| current.iter().any(|(cf, cv)| cf == f && cv != v))
                .collect();
            if !changes.is_empty() {
                update_row(conn, kind, record_id, &changes, now_text)?;
                outcome.changed = true;
            }
        }
        None if winners.is_empty() => {}
        // Only later changes of a record arrived (its creation is in a bundle not
        // read yet): it stays in the log, is forwarded, and appears once the
        // entries that give its required fields arrive. A row made of blanks
        // would show a contact without a date or a worker without a name.
        None if !has_required(conn, kind, &winners)? => {}
        None => {
            outcome.live = live_of(new_deleted.as_ref().unwrap_or(&Value::Integer(0)));
            insert_row(conn, kind, record_id, &winners, now_text)?;
            outcome.changed = true;
        }
    }
    Ok(outcome)
}

/// Returns 1 when a conflict was newly opened.
fn mark_conflict(
    conn: &Connection,
    kind: &Kind,
    record_id: &str,
    field: &str,
    open: bool,
) -> Result<usize> {
    let n = if open {
        conn.prepare_cached(
            "INSERT OR IGNORE INTO sync_conflicts (entity, record_id, field) VALUES (?1, ?2, ?3)",
        )
        .and_then(|mut s| s.execute(params![kind.kind, record_id, field]))
    } else {
        conn.prepare_cached("DELETE FROM sync_conflicts WHERE record_id = ?1 AND field = ?2")
            .and_then(|mut s| s.execute(params![record_id, field]))
            .map(|_| 0)
    }
    .during(Task::SaveRecords)?;
    Ok(n)
}

/// The current values of the given fields, or None when there is no row.
fn read_row(
    conn: &Connection,
    kind: &Kind,
    record_id: &str,
    fields: &[(&str, Value)],
) -> Result<Option<Vec<(&'static str, Value)>>> {
    // Column names come from the registry (matched, not copied from the entry).
    let cols: Vec<&'static str> = std::iter::once(DELETED)
        .chain(
            fields
                .iter()
                .filter_map(|(f, _)| kind.fields.iter().copied().find(|k| k == f)),
        )
        .collect();
    let sql = format!(
        "SELECT {} FROM {} WHERE id = ?1",
        cols.join(", "),
        kind.table
    );
    conn.prepare_cached(&sql)
        .and_then(|mut s| {
            s.query_row([record_id], |r| {
                cols.iter()
                    .enumerate()
                    .map(|(i, c)| Ok((*c, r.get::<_, Value>(i)?)))
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
            .optional()
        })
        .during(Task::SaveRecords)
}

fn column<'k>(kind: &'k Kind, field: &str) -> Option<&'k str> {
    if field == DELETED {
        Some(DELETED)
    } else {
        kind.fields.iter().copied().find(|k| *k == field)
    }
}

fn update_row(
    conn: &Connection,
    kind: &Kind,
    record_id: &str,
    changes: &[&(&str, Value)],
    now_text: &str,
) -> Result<()> {
    let mut sets = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    for (f, v) in changes {
        if let Some(col) = column(kind, f) {
            values.push(v.clone());
            sets.push(format!("{col} = ?{}", values.len()));
        }
    }
    values.push(Value::Text(now_text.to_string()));
    sets.push(format!("updated_at = ?{}", values.len()));
    values.push(Value::Text(record_id.to_string()));
    let sql = format!(
        "UPDATE {} SET {} WHERE id = ?{}",
        kind.table,
        sets.join(", "),
        values.len()
    );
    conn.execute(&sql, rusqlite::params_from_iter(values))
        .during(Task::SaveRecords)?;
    Ok(())
}

/// A record first seen through sync. Columns without any entry keep their
/// defaults; a required column with neither (its create has not arrived yet)
/// gets an empty value until it does.
fn insert_row(
    conn: &Connection,
    kind: &Kind,
    record_id: &str,
    winners: &[(&str, Value)],
    now_text: &str,
) -> Result<()> {
    let mut cols: Vec<&str> = vec!["id", "created_at", "updated_at"];
    let mut values: Vec<Value> = vec![
        Value::Text(record_id.to_string()),
        Value::Text(now_text.to_string()),
        Value::Text(now_text.to_string()),
    ];
    for (f, v) in winners {
        if let Some(col) = column(kind, f) {
            cols.push(col);
            values.push(v.clone());
        }
    }
    for (col, filler) in required_without_default(conn, kind)? {
        if !cols.contains(&col) {
            cols.push(col);
            values.push(filler);
        }
    }
    let placeholders: Vec<String> = (1..=values.len()).map(|i| format!("?{i}")).collect();
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({})",
        kind.table,
        cols.join(", "),
        placeholders.join(", ")
    );
    conn.execute(&sql, rusqlite::params_from_iter(values))
        .during(Task::SaveRecords)?;
    Ok(())
}

/// Whether the winning values give every NOT NULL column without a default.
fn has_required(conn: &Connection, kind: &Kind, winners: &[(&str, Value)]) -> Result<bool> {
    Ok(required_without_default(conn, kind)?
        .iter()
        .all(|(col, _)| {
            winners
                .iter()
                .any(|(f, v)| column(kind, f) == Some(*col) && !matches!(v, Value::Null))
        }))
}

/// NOT NULL columns among the kind's fields that have no default, with an empty
/// value of their type.
fn required_without_default(conn: &Connection, kind: &Kind) -> Result<Vec<(&'static str, Value)>> {
    let mut stmt = conn
        .prepare_cached("SELECT name, type, \"notnull\", dflt_value FROM pragma_table_info(?1)")
        .during(Task::SaveRecords)?;
    let rows = stmt
        .query_map([kind.table], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })
        .during(Task::SaveRecords)?;
    let mut out = Vec::new();
    for row in rows {
        let (name, ty, notnull, default) = row.during(Task::SaveRecords)?;
        let Some(col) = kind.fields.iter().copied().find(|f| *f == name) else {
            continue;
        };
        if notnull == 1 && default.is_none() {
            let filler = match ty.to_ascii_uppercase().as_str() {
                "INTEGER" => Value::Integer(0),
                "REAL" => Value::Real(0.0),
                _ => Value::Text(String::new()),
            };
            out.push((col, filler));
        }
    }
    Ok(out)
}
