//! Delete against edit: a record deleted on one laptop while another, not
//! knowing of the delete, wrote to it (or, for a worker, to any of the
//! worker's records) is kept and flagged, never hidden without a word.
//!
//! A delete carries its **causal context** in the entry's extra parents
//! (`change_log_parents`): for every laptop that had written to the record
//! (a worker's: the worker and every record of the worker's), the highest
//! sequence number of that laptop the deleting laptop held, everything
//! before it included. An entry of the record beyond that is an edit the
//! delete had not seen. As extra parents the pairs mean what parents always
//! mean — the delete replaces what it saw — so an older teichaku reading
//! them merges the `deleted` field as before.
//!
//! While the winning `deleted` write is a delete with context and some
//! write to the record is beyond it, the record shows as not deleted and
//! `sync_conflicts` holds `(kind, id, "deleted")`. Like every merge rule this
//! is a function of the set of entries only, so the laptop that deleted and
//! the one that edited see the same conflict. It ends when someone restores
//! the record (a `deleted = 0` write replacing the deletes) or deletes it
//! again knowing the edits (a new delete whose context covers them).

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, params};

use super::conflicts::{Conflict, NoteVersion};
use super::log::{self, LogEntry};
use super::registry::{self, Kind};
use super::{Access, Store};
use crate::error::{DbContext, Error, Result, Task};

/// The field a delete-against-edit conflict is listed under in
/// `sync_conflicts` (the `deleted` pseudo-field).
pub const DELETE_EDIT: &str = registry::DELETED;

/// Kinds whose records belong to a worker through a record that has the
/// worker's id: (kind, its column naming the parent, the parent's table).
const GRANDCHILDREN: &[(&str, &str, &str)] = &[
    ("answer", "assessment_id", "assessments"),
    ("plan_goal", "plan_id", "plan_versions"),
    ("plan_evaluation", "plan_id", "plan_versions"),
];

/// SQL selecting the ids of a record's family (?1 is its id): the record,
/// and for a worker every record of the worker's.
fn family_sql(kind: &Kind) -> String {
    let mut parts = vec!["SELECT ?1 AS id".to_string()];
    if kind.kind == "worker" {
        for k in registry::KINDS {
            if k.has_field("worker_id") {
                parts.push(format!("SELECT id FROM {} WHERE worker_id = ?1", k.table));
            }
        }
        for (child, col, parent) in GRANDCHILDREN {
            if let Some(k) = registry::find(child) {
                parts.push(format!(
                    "SELECT c.id FROM {} c JOIN {parent} p ON p.id = c.{col} WHERE p.worker_id = ?1",
                    k.table
                ));
            }
        }
    }
    parts.join(" UNION ALL ")
}

/// The causal context for a delete of `record_id` written now by
/// `own_device`, whose last entry is `own_seq`: per laptop that wrote to the
/// record's family, what of its log is held here without a gap.
pub(crate) fn context(
    conn: &Connection,
    kind: &Kind,
    record_id: &str,
    own_device: &str,
    own_seq: i64,
) -> Result<Vec<(String, i64)>> {
    let sql = format!(
        "SELECT DISTINCT device_id FROM change_log WHERE record_id IN ({})",
        family_sql(kind)
    );
    let mut stmt = conn.prepare_cached(&sql).during(Task::SaveRecords)?;
    let devices: Vec<String> = stmt
        .query_map([record_id], |r| r.get(0))
        .during(Task::SaveRecords)?
        .collect::<rusqlite::Result<_>>()
        .during(Task::SaveRecords)?;
    // Our own entries before the delete: all seen (and the context is never
    // empty, which would read as a delete from before contexts were kept).
    let mut out = Vec::new();
    if own_seq > 0 {
        out.push((own_device.to_string(), own_seq));
    }
    for d in devices.into_iter().filter(|d| d != own_device) {
        let held = held_without_gap(conn, &d)?;
        if held > 0 {
            out.push((d, held));
        }
    }
    out.sort();
    Ok(out)
}

/// Every entry of `device` from 1 up to the returned sequence number is held.
fn held_without_gap(conn: &Connection, device: &str) -> Result<i64> {
    let (max, count): (i64, i64) = conn
        .prepare_cached(
            "SELECT COALESCE(MAX(seq), 0), COUNT(*) FROM change_log WHERE device_id = ?1",
        )
        .and_then(|mut s| s.query_row([device], |r| Ok((r.get(0)?, r.get(1)?))))
        .during(Task::SaveRecords)?;
    if max == count {
        return Ok(max);
    }
    // A gap (a bundle not read yet): the run from 1, one pass over the key.
    let mut stmt = conn
        .prepare_cached("SELECT seq FROM change_log WHERE device_id = ?1 ORDER BY seq")
        .during(Task::SaveRecords)?;
    let mut rows = stmt.query([device]).during(Task::SaveRecords)?;
    let mut upto = 0;
    while let Some(r) = rows.next().during(Task::SaveRecords)? {
        let seq: i64 = r.get(0).during(Task::SaveRecords)?;
        if seq != upto + 1 {
            break;
        }
        upto = seq;
    }
    Ok(upto)
}

/// What the deletes of a record had seen, from the heads of its `deleted`
/// field when the winning one is a delete: per device, the highest sequence
/// number seen. None when the record is not deleted, or no delete carries a
/// context (written before teichaku kept one: the delete stands as before).
pub(crate) fn seen_by_deletes(deleted_heads: &[&LogEntry]) -> Option<BTreeMap<String, i64>> {
    let winner = deleted_heads.last()?;
    if !is_delete(winner) {
        return None;
    }
    let deletes: Vec<&&LogEntry> = deleted_heads.iter().filter(|e| is_delete(e)).collect();
    if deletes.iter().all(|e| e.also_replaces.is_empty()) {
        return None;
    }
    let mut seen: BTreeMap<String, i64> = BTreeMap::new();
    for e in deletes {
        for (d, s) in e
            .also_replaces
            .iter()
            .chain([(e.device_id.clone(), e.seq)].iter())
        {
            let v = seen.entry(d.clone()).or_default();
            *v = (*v).max(*s);
        }
    }
    Some(seen)
}

fn is_delete(e: &LogEntry) -> bool {
    matches!(e.value, rusqlite::types::Value::Integer(1))
}

/// Whether some write to the record's family lies beyond what the deletes
/// had seen.
pub(crate) fn has_unseen(
    conn: &Connection,
    kind: &Kind,
    record_id: &str,
    seen: &BTreeMap<String, i64>,
) -> Result<bool> {
    let sql = format!(
        "SELECT device_id, MAX(seq) FROM change_log WHERE record_id IN ({}) GROUP BY device_id",
        family_sql(kind)
    );
    let mut stmt = conn.prepare_cached(&sql).during(Task::SaveRecords)?;
    let rows = stmt
        .query_map([record_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })
        .during(Task::SaveRecords)?;
    for row in rows {
        let (device, max) = row.during(Task::SaveRecords)?;
        if max > seen.get(&device).copied().unwrap_or(0) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The writes a delete had not seen, by kind of record: how many records of
/// each kind, and the newest write (device, seq, clock ms).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Unseen {
    /// (kind, records written to), in kind order.
    pub kinds: Vec<(String, usize)>,
    pub newest_device: String,
    pub newest_seq: i64,
    pub newest_ms: i64,
}

pub(crate) fn unseen(
    conn: &Connection,
    kind: &Kind,
    record_id: &str,
    seen: &BTreeMap<String, i64>,
) -> Result<Unseen> {
    let sql = format!(
        "SELECT entity, record_id, device_id, seq, hlc_ms FROM change_log
         WHERE record_id IN ({})",
        family_sql(kind)
    );
    let mut stmt = conn.prepare_cached(&sql).during(Task::ReadRecords)?;
    let rows = stmt
        .query_map([record_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(4)?,
            ))
        })
        .during(Task::ReadRecords)?;
    let mut records: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
    let mut out = Unseen::default();
    for row in rows {
        let (entity, id, device, seq, ms) = row.during(Task::ReadRecords)?;
        if seq <= seen.get(&device).copied().unwrap_or(0) {
            continue;
        }
        records.entry(entity).or_default().insert(id);
        if ms >= out.newest_ms {
            out.newest_ms = ms;
            out.newest_device = device;
            out.newest_seq = seq;
        }
    }
    out.kinds = records.into_iter().map(|(k, ids)| (k, ids.len())).collect();
    Ok(out)
}

/// After local writes to records of a worker's (`written`: kind, id): a
/// worker whose delete they meet is looked at again, as an import would,
/// so every laptop shows what the entries say whichever wrote them.
pub(crate) fn recheck_workers_of(
    conn: &Connection,
    written: &std::collections::BTreeSet<(String, String)>,
    now_text: &str,
) -> Result<()> {
    if written.is_empty() {
        return Ok(());
    }
    let any: bool = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM workers WHERE deleted = 1)
                 OR EXISTS (SELECT 1 FROM sync_conflicts WHERE entity = 'worker' AND field = 'deleted')",
        )
        .and_then(|mut s| s.query_row([], |r| r.get(0)))
        .during(Task::SaveRecords)?;
    let Some(worker) = registry::find("worker").filter(|_| any) else {
        return Ok(());
    };
    let mut workers = std::collections::BTreeSet::new();
    for (kind, id) in written {
        if let Some(w) = registry::find(kind).and_then(worker_sql) {
            let found: Option<String> = conn
                .prepare_cached(&w)
                .and_then(|mut s| s.query_row([id], |r| r.get(0)).optional())
                .during(Task::SaveRecords)?;
            workers.extend(found);
        }
    }
    for w in workers {
        super::project::recompute(conn, worker, &w, now_text)?;
    }
    Ok(())
}

/// SQL giving the worker (?1: a record of `kind`) a record belongs to.
fn worker_sql(kind: &Kind) -> Option<String> {
    if kind.has_field("worker_id") {
        return Some(format!(
            "SELECT worker_id FROM {} WHERE id = ?1",
            kind.table
        ));
    }
    let (_, col, parent) = GRANDCHILDREN.iter().find(|(c, _, _)| *c == kind.kind)?;
    Some(format!(
        "SELECT p.worker_id FROM {} c JOIN {parent} p ON p.id = c.{col} WHERE c.id = ?1",
        kind.table
    ))
}

/// Workers to look at again after an import: those with a delete (or an
/// open delete conflict) whose records, but not the worker itself, were in
/// this import (`import_work`).
pub(crate) fn workers_to_recheck(conn: &Connection) -> Result<Vec<String>> {
    let mut parts = Vec::new();
    for k in registry::KINDS {
        if k.has_field("worker_id") {
            parts.push(format!(
                "SELECT x.worker_id FROM {} x JOIN import_work w
                   ON w.entity = '{}' AND w.record_id = x.id",
                k.table, k.kind
            ));
        }
    }
    for (child, col, parent) in GRANDCHILDREN {
        if let Some(k) = registry::find(child) {
            parts.push(format!(
                "SELECT p.worker_id FROM {} c JOIN {parent} p ON p.id = c.{col}
                 JOIN import_work w ON w.entity = '{}' AND w.record_id = c.id",
                k.table, k.kind
            ));
        }
    }
    let sql = format!(
        "SELECT DISTINCT f.worker_id FROM ({}) f JOIN workers wk ON wk.id = f.worker_id
         WHERE (wk.deleted = 1 OR EXISTS (SELECT 1 FROM sync_conflicts s
                 WHERE s.record_id = wk.id AND s.field = 'deleted'))
           AND NOT EXISTS (SELECT 1 FROM import_work i
                 WHERE i.entity = 'worker' AND i.record_id = wk.id)
         ORDER BY f.worker_id",
        parts.join(" UNION ALL ")
    );
    let mut stmt = conn.prepare(&sql).during(Task::SaveRecords)?;
    stmt.query_map(params![], |r| r.get(0))
        .during(Task::SaveRecords)?
        .collect::<rusqlite::Result<_>>()
        .during(Task::SaveRecords)
}

impl Store {
    /// A record kept against a delete, as the conflict list shows it: the
    /// delete, the newest edit it had not seen, and what was edited.
    pub(super) fn delete_conflict(&self, entity: String, record_id: String) -> Result<Conflict> {
        let kind = registry::find(&entity).ok_or(Error::NoConflict)?;
        let entries = log::entries_for_field(self.conn(), &record_id, DELETE_EDIT)?;
        let heads = log::heads(&entries);
        let seen = seen_by_deletes(&heads).unwrap_or_default();
        let mut versions = Vec::new();
        if let Some(d) = heads.iter().rev().find(|e| is_delete(e)) {
            versions.push(NoteVersion {
                device_id: d.device_id.clone(),
                seq: d.seq,
                written_ms: d.hlc.ms,
                text: String::new(),
                staff: self.device_staff(&d.device_id)?,
                version_id: String::new(),
            });
        }
        let edits = unseen(self.conn(), kind, &record_id, &seen)?;
        if !edits.newest_device.is_empty() {
            versions.push(NoteVersion {
                device_id: edits.newest_device.clone(),
                seq: edits.newest_seq,
                written_ms: edits.newest_ms,
                text: String::new(),
                staff: self.device_staff(&edits.newest_device)?,
                version_id: String::new(),
            });
        }
        Ok(Conflict {
            label: super::conflicts::describe(self.conn(), &entity, &record_id)?,
            entity,
            record_id,
            field: DELETE_EDIT.to_string(),
            versions,
            edits: edits.kinds,
        })
    }

    /// Records kept against a delete: (kind, id).
    pub fn kept_against_delete(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT entity, record_id FROM sync_conflicts WHERE field = ?1
                 ORDER BY entity, record_id",
            )
            .during(Task::ReadRecords)?;
        stmt.query_map([DELETE_EDIT], |r| Ok((r.get(0)?, r.get(1)?)))
            .during(Task::ReadRecords)?
            .collect::<rusqlite::Result<_>>()
            .during(Task::ReadRecords)
    }

    /// Whether this worker, or a record of theirs, is kept against a delete.
    pub fn worker_kept_against_delete(&self, worker_id: &str) -> Result<bool> {
        let Some(kind) = registry::find("worker") else {
            return Ok(false);
        };
        let sql = format!(
            "SELECT 1 FROM sync_conflicts WHERE field = ?2 AND record_id IN ({})",
            family_sql(kind)
        );
        self.conn()
            .prepare_cached(&sql)
            .and_then(|mut s| s.exists(params![worker_id, DELETE_EDIT]))
            .during(Task::ReadRecords)
    }

    /// Ends a delete against edits: `keep` restores the record (the delete
    /// is undone, the edits stay), else it is deleted again, knowing them.
    pub fn resolve_delete(&mut self, record_id: &str, keep: bool) -> Result<()> {
        let entity: Option<String> = self
            .conn()
            .prepare_cached("SELECT entity FROM sync_conflicts WHERE record_id = ?1 AND field = ?2")
            .and_then(|mut s| {
                s.query_row(params![record_id, DELETE_EDIT], |r| r.get(0))
                    .optional()
            })
            .during(Task::ReadRecords)?;
        let kind: &Kind = entity
            .as_deref()
            .and_then(registry::find)
            .ok_or(Error::NoConflict)?;
        self.write(|w| w.set_deleted(kind, record_id, !keep))?;
        if keep {
            return Ok(());
        }
        let worker = self.worker_of(kind, record_id)?;
        self.log_access(Access::Delete, worker.as_deref(), kind.kind)
    }

    /// The worker a record belongs to, when it has one.
    fn worker_of(&self, kind: &Kind, record_id: &str) -> Result<Option<String>> {
        if kind.kind == "worker" {
            return Ok(Some(record_id.to_string()));
        }
        if !kind.has_field("worker_id") {
            return Ok(None);
        }
        self.conn()
            .prepare_cached(&format!(
                "SELECT worker_id FROM {} WHERE id = ?1",
                kind.table
            ))
            .and_then(|mut s| s.query_row([record_id], |r| r.get(0)).optional())
            .during(Task::ReadRecords)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A kind that is neither a worker, nor has the worker's id, nor is
    /// listed as a grandchild would let an edit to it go unseen by a
    /// worker's delete.
    #[test]
    fn every_kind_belongs_to_a_worker_family() {
        for k in registry::KINDS {
            let covered = k.kind == "worker"
                || k.has_field("worker_id")
                || GRANDCHILDREN.iter().any(|(c, _, _)| *c == k.kind);
            assert!(covered, "{} is not in a worker's family", k.kind);
        }
    }
}
