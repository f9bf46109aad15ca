//! The generic part of every aggregate: how a record maps to columns, and the
//! writer that saves records together with their change-log entries.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, Transaction, params_from_iter};

use super::columns::Col;
use super::log::{self, Hlc, LogEntry, Op};
use super::registry::{self, Kind};
use super::{delete_conflicts, project};
use crate::error::{DbContext, Error, Result, Task};

pub use super::columns::{Entity, qualified_columns, select_columns};

/// Reads one live (not deleted) record by id.
pub fn get<E: Entity>(conn: &rusqlite::Connection, id: &str) -> Result<Option<E>> {
    let sql = format!(
        "SELECT {} FROM {} WHERE id = ?1 AND deleted = 0",
        select_columns::<E>(),
        E::TABLE
    );
    let mut stmt = conn.prepare_cached(&sql).during(Task::ReadRecords)?;
    stmt.query_row([id], E::from_row)
        .optional()
        .during(Task::ReadRecords)
}

/// The sequence number after `seq`, never past [`log::MAX_SEQ`] (and so
/// never wrapping): the last write fails instead.
fn next_seq_after(seq: i64) -> Result<i64> {
    seq.checked_add(1)
        .filter(|n| *n <= log::MAX_SEQ)
        .ok_or(crate::error::Error::SequenceExhausted)
}

/// Saves records inside one transaction, appending a change-log entry for each
/// field it creates, changes or deletes.
pub struct Writer<'t> {
    tx: &'t Transaction<'t>,
    device_id: &'t str,
    next_seq: i64,
    hlc: Hlc,
    now_ms: i64,
    now_text: String,
    touched: BTreeSet<String>,
    /// Records written of kinds that belong to a worker (kind, id): their
    /// worker's delete may meet them (`store::delete_conflicts`).
    written: BTreeSet<(String, String)>,
}

impl<'t> Writer<'t> {
    pub(super) fn begin(
        tx: &'t Transaction<'t>,
        device_id: &'t str,
        now: DateTime<Utc>,
    ) -> Result<Self> {
        let last_seq: i64 = tx
            .query_row(
                "SELECT COALESCE(MAX(seq), 0) FROM change_log WHERE device_id = ?1",
                [device_id],
                |r| r.get(0),
            )
            .during(Task::SaveRecords)?;
        let hlc: Option<String> = tx
            .query_row("SELECT value FROM meta WHERE key = 'hlc'", [], |r| r.get(0))
            .optional()
            .during(Task::SaveRecords)?;
        Ok(Writer {
            tx,
            device_id,
            next_seq: next_seq_after(last_seq)?,
            hlc: hlc.as_deref().and_then(Hlc::decode).unwrap_or_default(),
            now_ms: now.timestamp_millis(),
            now_text: now.to_rfc3339_opts(SecondsFormat::Millis, true),
            touched: BTreeSet::new(),
            written: BTreeSet::new(),
        })
    }

    /// Persists the clock so it never runs backwards across runs; returns the
    /// kinds written.
    pub(super) fn finish(self) -> Result<BTreeSet<String>> {
        delete_conflicts::recheck_workers_of(self.tx, &self.written, &self.now_text)?;
        self.tx
            .execute(
                "INSERT INTO meta (key, value) VALUES ('hlc', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [self.hlc.encode()],
            )
            .during(Task::SaveRecords)?;
        Ok(self.touched)
    }

    fn log(
        &mut self,
        kind: &str,
        record_id: &str,
        op: Op,
        field: &str,
        value: Value,
    ) -> Result<()> {
        let replaces = log::latest_for(self.tx, record_id, field)?;
        self.log_replacing(kind, record_id, op, field, value, replaces, Vec::new())
    }

    #[allow(clippy::too_many_arguments)]
    fn log_replacing(
        &mut self,
        kind: &str,
        record_id: &str,
        op: Op,
        field: &str,
        value: Value,
        replaces: Option<(String, i64)>,
        also_replaces: Vec<(String, i64)>,
    ) -> Result<()> {
        super::limits::check(field, &value)?;
        self.hlc = self.hlc.tick(self.now_ms);
        let entry = LogEntry {
            device_id: self.device_id.to_string(),
            seq: self.next_seq,
            hlc: self.hlc,
            entity: kind.to_string(),
            record_id: record_id.to_string(),
            op,
            field: field.to_string(),
            value,
            replaces,
            also_replaces,
        };
        log::append(self.tx, &entry)?;
        if kind != "worker"
            && !self
                .written
                .contains(&(kind.to_string(), record_id.to_string()))
        {
            self.written
                .insert((kind.to_string(), record_id.to_string()));
        }
        if !self.touched.contains(kind) {
            self.touched.insert(kind.to_string());
        }
        self.next_seq = next_seq_after(self.next_seq)?;
        Ok(())
    }

    /// Inserts a new record; logs every field that holds something.
    pub fn insert<E: Entity>(&mut self, record: &E) -> Result<()> {
        let values = record.values();
        let placeholders = (1..=E::FIELDS.len() + 3)
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "INSERT INTO {} ({}, created_at, updated_at) VALUES ({placeholders})",
            E::TABLE,
            select_columns::<E>()
        );
        let mut params: Vec<Value> = Vec::with_capacity(values.len() + 3);
        params.push(Value::Text(record.id().to_string()));
        params.extend(values.iter().cloned());
        params.push(Value::Text(self.now_text.clone()));
        params.push(Value::Text(self.now_text.clone()));
        self.tx
            .prepare_cached(&sql)
            .and_then(|mut s| s.execute(params_from_iter(params)))
            .during(Task::SaveRecords)?;
        // A record never logged before (every new id but a self-report's
        // day brought back) replaces nothing: one look-up, not one a field
        // (a 10k-row import spent most of its time there).
        let logged = self
            .tx
            .prepare_cached("SELECT 1 FROM change_log WHERE record_id = ?1 LIMIT 1")
            .and_then(|mut s| s.exists([record.id()]))
            .during(Task::SaveRecords)?;
        for (field, value) in E::FIELDS.iter().zip(values) {
            if is_empty(&value) {
                continue;
            }
            if logged {
                self.log(E::KIND, record.id(), Op::Create, field, value)?;
            } else {
                self.log_replacing(
                    E::KIND,
                    record.id(),
                    Op::Create,
                    field,
                    value,
                    None,
                    Vec::new(),
                )?;
            }
        }
        Ok(())
    }

    /// Saves the fields of `record` that differ from the stored ones; logs each.
    /// Returns how many fields changed (0: nothing written).
    pub fn update<E: Entity>(&mut self, record: &E) -> Result<usize> {
        let sql = format!(
            "SELECT {} FROM {} WHERE id = ?1 AND deleted = 0",
            select_columns::<E>(),
            E::TABLE
        );
        let old: Option<Vec<Value>> = self
            .tx
            .query_row(&sql, [record.id()], |row| {
                (1..=E::FIELDS.len())
                    .map(|i| row.get::<_, Value>(i))
                    .collect()
            })
            .optional()
            .during(Task::SaveRecords)?;
        let old = old.ok_or_else(|| Error::NotFound {
            kind: E::KIND,
            id: record.id().to_string(),
        })?;
        let mut changed = 0;
        for ((field, new), old) in E::FIELDS.iter().zip(record.values()).zip(old) {
            if new == old {
                continue;
            }
            let sql = format!(
                "UPDATE {} SET {field} = ?1, updated_at = ?2 WHERE id = ?3",
                E::TABLE
            );
            self.tx
                .execute(&sql, rusqlite::params![new, self.now_text, record.id()])
                .during(Task::SaveRecords)?;
            self.log(E::KIND, record.id(), Op::Update, field, new)?;
            changed += 1;
        }
        if changed > 0 {
            self.settle::<E>(record.id())?;
        }
        Ok(changed)
    }

    /// Makes the row show what its log says. A local write normally wins at
    /// once; it does not when a concurrent head from a laptop whose clock ran
    /// ahead (see `apply::MAX_CLOCK_LEAD_MS`) outranks it, and then this laptop
    /// must show the same value every other laptop will.
    fn settle<E: Entity>(&mut self, id: &str) -> Result<()> {
        if let Some(kind) = registry::find(E::KIND) {
            project::recompute(self.tx, kind, id, &self.now_text)?;
        }
        Ok(())
    }

    /// Writes `text` as the revision that replaces every head of a conflicted
    /// note: the first head in `prev_*`, the others in `change_log_parents`.
    pub(crate) fn resolve_note(
        &mut self,
        kind: &Kind,
        record_id: &str,
        field: &str,
        text: &str,
    ) -> Result<()> {
        let heads: Vec<(String, i64)> = log::field_heads(self.tx, record_id, field)?
            .iter()
            .rev()
            .map(|e| (e.device_id.clone(), e.seq))
            .collect();
        let Some((first, rest)) = heads.split_first() else {
            return Err(Error::NoConflict);
        };
        if rest.is_empty() {
            return Err(Error::NoConflict);
        }
        let col = kind
            .fields
            .iter()
            .find(|f| **f == field)
            .ok_or(Error::NoConflict)?;
        let sql = format!(
            "UPDATE {} SET {col} = ?1, updated_at = ?2 WHERE id = ?3",
            kind.table
        );
        self.tx
            .execute(&sql, rusqlite::params![text, self.now_text, record_id])
            .during(Task::SaveRecords)?;
        self.log_replacing(
            kind.kind,
            record_id,
            Op::Update,
            field,
            Value::Text(text.to_string()),
            Some(first.clone()),
            rest.to_vec(),
        )?;
        project::recompute(self.tx, kind, record_id, &self.now_text)?;
        Ok(())
    }

    /// Marks a record deleted (a tombstone: the row and its history stay).
    pub fn delete<E: Entity>(&mut self, id: &str) -> Result<()> {
        self.set_deleted(&Kind::of::<E>(), id, true)
    }

    /// Undoes a delete: the record shows again, with every edit made meanwhile.
    pub fn restore<E: Entity>(&mut self, id: &str) -> Result<()> {
        self.set_deleted(&Kind::of::<E>(), id, false)
    }

    /// Sets the tombstone flag of a record and logs it (a delete as
    /// `Op::Delete`, a restore as an update of the same field). The write
    /// replaces every head of the record's `deleted` field, and a delete
    /// carries what it has seen (`store::delete_conflicts`), so an edit made
    /// elsewhere without knowing of it keeps the record, flagged. A record
    /// kept against a delete (shown, flagged) can be restored — the delete is
    /// undone — or deleted again, knowing the edits.
    pub(crate) fn set_deleted(&mut self, kind: &Kind, id: &str, deleted: bool) -> Result<()> {
        let kept = self.kept_against_delete(id)?;
        let sql = format!(
            "UPDATE {} SET deleted = ?1, updated_at = ?2 WHERE id = ?3 AND deleted = ?4",
            kind.table
        );
        let was = if kept { false } else { !deleted };
        let n = self
            .tx
            .execute(&sql, rusqlite::params![deleted, self.now_text, id, was])
            .during(Task::SaveRecords)?;
        if n == 0 {
            return Err(Error::NotFound {
                kind: kind.kind,
                id: id.to_string(),
            });
        }
        let entries = log::entries_for_field(self.tx, id, registry::DELETED)?;
        let heads: Vec<(String, i64)> = log::heads(&entries)
            .iter()
            .rev()
            .map(|e| (e.device_id.clone(), e.seq))
            .collect();
        let (replaces, mut also) = match heads.split_first() {
            Some((first, rest)) => (Some(first.clone()), rest.to_vec()),
            None => (None, Vec::new()),
        };
        if deleted {
            let seen =
                delete_conflicts::context(self.tx, kind, id, self.device_id, self.next_seq - 1)?;
            // All of it, even a pair that is also `replaces`: what a delete
            // had seen is read from its extra parents alone.
            also.extend(seen);
            also.sort();
            also.dedup();
        }
        let op = if deleted { Op::Delete } else { Op::Update };
        self.log_replacing(
            kind.kind,
            id,
            op,
            registry::DELETED,
            Value::Integer(deleted.into()),
            replaces,
            also,
        )?;
        project::recompute(self.tx, kind, id, &self.now_text)?;
        Ok(())
    }

    /// Whether the record is shown although deleted, flagged: a delete that
    /// had not seen every edit.
    fn kept_against_delete(&self, id: &str) -> Result<bool> {
        self.tx
            .prepare_cached("SELECT 1 FROM sync_conflicts WHERE record_id = ?1 AND field = ?2")
            .and_then(|mut s| s.exists(rusqlite::params![id, delete_conflicts::DELETE_EDIT]))
            .during(Task::SaveRecords)
    }
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Text(s) => s.is_empty() || s == "[]",
        _ => false,
    }
}

// ---- value conversions shared by the aggregates ----

pub fn get_opt_date(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<NaiveDate>> {
    Col::read(row, idx)
}
