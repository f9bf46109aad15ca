//! Rebuilding the query tables from the change log (atuin's model): a record's
//! row is a pure function of its log entries, recomputed after a local write and
//! after an import. The merge rules themselves are `sync::merge`; this module only
//! reads entries and writes the winners into the kind's table.

use std::collections::BTreeMap;

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};

use super::delete_conflicts;
use super::log::{self, LogEntry};
use super::registry::{DELETED, Kind};
use crate::error::{DbContext, Result, Task};
use crate::store::merge;

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
    let entries = entries_of(conn, kind, record_id)?;
    let by_field = by_field(kind, &entries);
    let merged = merge::merge_record(&by_field, |f| kind.is_note(f));
    let mut winners = owned(&merged.values);
    let mut outcome = Outcome::default();
    // A delete that had not seen every write to the record keeps it, flagged.
    let kept = kept_against_delete(conn, kind, record_id, &by_field)?;
    if kept {
        keep_live(&mut winners);
    }
    if by_field.contains_key(DELETED) {
        outcome.new_conflicts += mark_conflict(conn, kind, record_id, DELETED, kept)?;
    }
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

/// Whether the record's winning delete had not seen some write to it (see
/// `store::delete_conflicts`).
fn kept_against_delete(
    conn: &Connection,
    kind: &Kind,
    record_id: &str,
    by_field: &BTreeMap<&str, Vec<LogEntry>>,
) -> Result<bool> {
    let Some(writes) = by_field.get(DELETED) else {
        return Ok(false);
    };
    let heads = merge::heads(writes);
    match delete_conflicts::seen_by_deletes(&heads) {
        Some(seen) => delete_conflicts::has_unseen(conn, kind, record_id, &seen),
        None => Ok(false),
    }
}

/// The record shows as not deleted.
fn keep_live(winners: &mut [(&str, Value)]) {
    for (f, v) in winners {
        if *f == DELETED {
            *v = Value::Integer(0);
        }
    }
}

/// The winning values, owned.
fn owned<'a>(values: &[(&'a str, &Value)]) -> Vec<(&'a str, Value)> {
    values.iter().map(|(f, v)| (*f, (*v).clone())).collect()
}

/// The record's log entries of this kind.
fn entries_of(conn: &Connection, kind: &Kind, record_id: &str) -> Result<Vec<LogEntry>> {
    Ok(log::entries_for(conn, record_id)?
        .into_iter()
        .filter(|e| e.entity == kind.kind)
        .collect())
}

/// The entries of the kind's fields (and deletes), by field.
fn by_field<'e>(kind: &Kind, entries: &'e [LogEntry]) -> BTreeMap<&'e str, Vec<LogEntry>> {
    let mut by_field: BTreeMap<&str, Vec<LogEntry>> = BTreeMap::new();
    for e in entries {
        if kind.has_field(&e.field) || e.field == DELETED {
            by_field
                .entry(e.field.as_str())
                .or_default()
                .push(e.clone());
        }
    }
    by_field
}

/// True when the record's row is what its log makes of it (the check-up,
/// `teichaku doctor`): every field the log decides has its winning value,
/// and there is a row exactly when [`recompute`] would have made one. Only
/// reads.
pub(crate) fn agrees(conn: &Connection, kind: &Kind, record_id: &str) -> Result<bool> {
    let entries = entries_of(conn, kind, record_id)?;
    let by_field = by_field(kind, &entries);
    let merged = merge::merge_record(&by_field, |f| kind.is_note(f));
    let mut winners = owned(&merged.values);
    if kept_against_delete(conn, kind, record_id, &by_field)? {
        keep_live(&mut winners);
    }
    Ok(match read_row(conn, kind, record_id, &winners)? {
        Some(_) if winners.is_empty() => false,
        Some(current) => winners
            .iter()
            .all(|(f, v)| current.iter().all(|(cf, cv)| cf != f || cv == v)),
        None => winners.is_empty() || !has_required(conn, kind, &winners)?,
    })
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
    conn.prepare_cached(&sql)
        .and_then(|mut s| s.execute(rusqlite::params_from_iter(values)))
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
    // The same columns for every new record of a kind: prepared once.
    conn.prepare_cached(&sql)
        .and_then(|mut s| s.execute(rusqlite::params_from_iter(values)))
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
/// value of their type. The schema is this build's (every store is upgraded
/// to it when opened), so it is read once per table, not once per record.
fn required_without_default(conn: &Connection, kind: &Kind) -> Result<Vec<(&'static str, Value)>> {
    type Required = Vec<(&'static str, Value)>;
    static SEEN: std::sync::Mutex<Vec<(&'static str, Required)>> =
        std::sync::Mutex::new(Vec::new());
    if let Ok(seen) = SEEN.lock()
        && let Some((_, req)) = seen.iter().find(|(t, _)| *t == kind.table)
    {
        return Ok(req.clone());
    }
    let req = read_required(conn, kind)?;
    if let Ok(mut seen) = SEEN.lock()
        && !seen.iter().any(|(t, _)| *t == kind.table)
    {
        seen.push((kind.table, req.clone()));
    }
    Ok(req)
}

fn read_required(conn: &Connection, kind: &Kind) -> Result<Vec<(&'static str, Value)>> {
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
