//! The change log and its hybrid logical clock.

use rusqlite::types::{ToSqlOutput, Value, ValueRef};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

use crate::error::{DbContext, Result, Task};

/// Hybrid logical clock: wall-clock milliseconds (UTC) plus a counter that orders
/// events within the same millisecond or while the wall clock stands behind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize)]
pub struct Hlc {
    pub ms: i64,
    pub counter: i64,
}

impl Hlc {
    /// The next timestamp after `self` on a machine whose wall clock says `now_ms`.
    pub fn tick(self, now_ms: i64) -> Hlc {
        if now_ms > self.ms {
            Hlc {
                ms: now_ms,
                counter: 0,
            }
        } else {
            Hlc {
                ms: self.ms,
                counter: self.counter + 1,
            }
        }
    }

    pub fn encode(self) -> String {
        format!("{}:{}", self.ms, self.counter)
    }

    pub fn decode(s: &str) -> Option<Hlc> {
        let (ms, counter) = s.split_once(':')?;
        Some(Hlc {
            ms: ms.parse().ok()?,
            counter: counter.parse().ok()?,
        })
    }
}

/// What kind of change an entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    Create,
    Update,
    Delete,
}

impl Op {
    pub fn code(self) -> &'static str {
        match self {
            Op::Create => "create",
            Op::Update => "update",
            Op::Delete => "delete",
        }
    }

    pub fn from_code(s: &str) -> Option<Op> {
        [Op::Create, Op::Update, Op::Delete]
            .into_iter()
            .find(|o| o.code() == s)
    }
}

/// The highest sequence number an entry may carry: far beyond any
/// laptop's life (1,000 changes a second for a century is 3·10¹²) and exact
/// wherever a number travels (JSON, f64).
pub const MAX_SEQ: i64 = 1 << 53;

/// One row of the change log.
#[derive(Debug, Clone, PartialEq)]
pub struct LogEntry {
    pub device_id: String,
    pub seq: i64,
    pub hlc: Hlc,
    pub entity: String,
    pub record_id: String,
    pub op: Op,
    pub field: String,
    pub value: Value,
    /// The entry for the same record and field that this one replaced.
    pub replaces: Option<(String, i64)>,
    /// Further entries it replaced: the other heads a conflict resolution saw.
    pub also_replaces: Vec<(String, i64)>,
}

impl LogEntry {
    /// What orders concurrent writes: the clock, then the device id.
    pub fn order_key(&self) -> (Hlc, &str) {
        (self.hlc, self.device_id.as_str())
    }

    /// Every entry this one replaced.
    pub fn parents(&self) -> impl Iterator<Item = (&str, i64)> {
        self.replaces
            .iter()
            .chain(self.also_replaces.iter())
            .map(|(d, s)| (d.as_str(), *s))
    }
}

/// The heads of one (record, field) revision graph, oldest first: the merge
/// rule of `sync::merge`, over log entries.
pub fn heads(entries: &[LogEntry]) -> Vec<&LogEntry> {
    crate::store::merge::heads(entries)
}

impl crate::store::merge::Revision for LogEntry {
    type Value = Value;
    fn id(&self) -> (&str, i64) {
        (self.device_id.as_str(), self.seq)
    }
    fn order_key(&self) -> (Hlc, &str) {
        LogEntry::order_key(self)
    }
    fn parents(&self) -> Vec<(&str, i64)> {
        LogEntry::parents(self).collect()
    }
    fn value(&self) -> &Value {
        &self.value
    }
}

pub(crate) const ENTRY_COLUMNS: &str = "device_id, seq, hlc_ms, hlc_counter, entity, record_id, op, field, value, prev_device, prev_seq";

fn entry_from_row(row: &Row<'_>) -> rusqlite::Result<LogEntry> {
    let op: String = row.get(6)?;
    let prev_device: Option<String> = row.get(9)?;
    let prev_seq: Option<i64> = row.get(10)?;
    Ok(LogEntry {
        device_id: row.get(0)?,
        seq: row.get(1)?,
        hlc: Hlc {
            ms: row.get(2)?,
            counter: row.get(3)?,
        },
        entity: row.get(4)?,
        record_id: row.get(5)?,
        op: Op::from_code(&op).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                6,
                rusqlite::types::Type::Text,
                "unknown op".into(),
            )
        })?,
        field: row.get(7)?,
        value: row.get(8)?,
        replaces: prev_device.zip(prev_seq),
        also_replaces: Vec::new(),
    })
}

/// Fills `also_replaces` from `change_log_parents` (one row per extra head a
/// resolution replaced, and per origin device a delete had seen: see
/// `store::delete_conflicts`): for one record's entries through its index, for
/// a device's log from one read of the table.
fn attach_parents(conn: &Connection, entries: &mut [LogEntry], of: ParentsOf<'_>) -> Result<()> {
    let map = match of {
        ParentsOf::All => all_parents(conn)?,
        ParentsOf::Record(record_id) => {
            let mut stmt = conn
                .prepare_cached(
                    "SELECT p.device_id, p.seq, p.parent_device, p.parent_seq
                     FROM change_log c JOIN change_log_parents p
                       ON p.device_id = c.device_id AND p.seq = c.seq
                     WHERE c.record_id = ?1
                     ORDER BY p.device_id, p.seq, p.parent_device, p.parent_seq",
                )
                .during(Task::ReadRecords)?;
            parent_map(&mut stmt, [record_id])?
        }
    };
    if map.is_empty() {
        return Ok(());
    }
    for e in entries {
        if let Some(p) = map.get(&(e.device_id.clone(), e.seq)) {
            e.also_replaces = p.clone();
        }
    }
    Ok(())
}

/// Whose extra parents [`collect`] reads.
#[derive(Clone, Copy)]
enum ParentsOf<'a> {
    Record(&'a str),
    All,
}

fn collect(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    of: ParentsOf<'_>,
) -> Result<Vec<LogEntry>> {
    let mut stmt = conn.prepare_cached(sql).during(Task::ReadRecords)?;
    let rows = stmt
        .query_map(params, entry_from_row)
        .during(Task::ReadRecords)?;
    let mut entries: Vec<LogEntry> = rows
        .collect::<rusqlite::Result<_>>()
        .during(Task::ReadRecords)?;
    attach_parents(conn, &mut entries, of)?;
    Ok(entries)
}

/// Every entry about one record, in the order they were written.
pub fn entries_for(conn: &Connection, record_id: &str) -> Result<Vec<LogEntry>> {
    collect(
        conn,
        &format!(
            "SELECT {ENTRY_COLUMNS} FROM change_log WHERE record_id = ?1 ORDER BY hlc_ms, hlc_counter, device_id, seq"
        ),
        [record_id],
        ParentsOf::Record(record_id),
    )
}

/// Every entry about one field of one record, in clock order.
pub fn entries_for_field(conn: &Connection, record_id: &str, field: &str) -> Result<Vec<LogEntry>> {
    collect(
        conn,
        &format!(
            "SELECT {ENTRY_COLUMNS} FROM change_log WHERE record_id = ?1 AND field = ?2 ORDER BY hlc_ms, hlc_counter, device_id, seq"
        ),
        params![record_id, field],
        ParentsOf::Record(record_id),
    )
}

/// The heads of one field of one record — its entries nobody replaced — in
/// the order [`heads`] gives (clock, device, seq), found in SQL through the
/// `prev` and parents indexes: a field edited a million times costs a look-up
/// per entry and reads the values of its heads only (reading every entry
/// made `conflicts` run for minutes after such a history).
pub fn field_heads(conn: &Connection, record_id: &str, field: &str) -> Result<Vec<LogEntry>> {
    collect(
        conn,
        &format!(
            "SELECT {ENTRY_COLUMNS} FROM change_log c WHERE c.record_id = ?1 AND c.field = ?2
             AND NOT EXISTS (SELECT 1 FROM change_log r
                 WHERE r.prev_device = c.device_id AND r.prev_seq = c.seq
                 AND r.record_id = ?1 AND r.field = ?2)
             AND NOT EXISTS (SELECT 1 FROM change_log_parents p
                 JOIN change_log r ON r.device_id = p.device_id AND r.seq = p.seq
                 WHERE p.parent_device = c.device_id AND p.parent_seq = c.seq
                 AND r.record_id = ?1 AND r.field = ?2)
             ORDER BY hlc_ms, hlc_counter, device_id, seq"
        ),
        params![record_id, field],
        ParentsOf::Record(record_id),
    )
}

/// The whole log of one device, by sequence number.
pub fn entries_of_device(conn: &Connection, device_id: &str) -> Result<Vec<LogEntry>> {
    collect(
        conn,
        &format!("SELECT {ENTRY_COLUMNS} FROM change_log WHERE device_id = ?1 ORDER BY seq"),
        [device_id],
        ParentsOf::All,
    )
}

/// Entries of `device_id` with a sequence number in `from..=to`.
pub fn entries_in_range(
    conn: &Connection,
    device_id: &str,
    from: i64,
    to: i64,
) -> Result<Vec<LogEntry>> {
    collect(
        conn,
        &format!(
            "SELECT {ENTRY_COLUMNS} FROM change_log WHERE device_id = ?1 AND seq BETWEEN ?2 AND ?3 ORDER BY seq"
        ),
        params![device_id, from, to],
        ParentsOf::All,
    )
}

/// Calls `each(seq, row)` for up to `limit` held entries of `device_id` from
/// seq `from`, in seq order; the row has `ENTRY_COLUMNS`, read as SQLite holds
/// them (`get_ref`: no String made, no UTF-8 check).
pub(crate) fn raw_entries_from(
    conn: &Connection,
    device_id: &str,
    from: i64,
    limit: usize,
    each: &mut dyn FnMut(i64, &Row<'_>) -> rusqlite::Result<()>,
) -> Result<()> {
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!(
            "SELECT {ENTRY_COLUMNS} FROM change_log WHERE device_id = ?1 AND seq >= ?2
             ORDER BY seq LIMIT ?3"
        )
    });
    let mut stmt = conn.prepare_cached(&SQL).during(Task::ReadRecords)?;
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let mut rows = stmt
        .query(params![device_id, from, limit])
        .during(Task::ReadRecords)?;
    while let Some(row) = rows.next().during(Task::ReadRecords)? {
        let seq: i64 = row.get(1).during(Task::ReadRecords)?;
        each(seq, row).during(Task::ReadRecords)?;
    }
    Ok(())
}

/// Calls `each` with the entries of each `(device, from, to)` range in turn,
/// by sequence number, one row at a time (with their extra parents).
pub fn for_each_in_ranges<'a>(
    conn: &Connection,
    ranges: impl Iterator<Item = (&'a str, i64, i64)>,
    each: &mut dyn FnMut(&LogEntry) -> Result<()>,
) -> Result<()> {
    let parents = all_parents(conn)?;
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {ENTRY_COLUMNS} FROM change_log WHERE device_id = ?1 AND seq BETWEEN ?2 AND ?3 ORDER BY seq"
        ))
        .during(Task::ReadRecords)?;
    for (device, from, to) in ranges {
        let mut rows = stmt
            .query(params![device, from, to])
            .during(Task::ReadRecords)?;
        while let Some(row) = rows.next().during(Task::ReadRecords)? {
            let mut e = entry_from_row(row).during(Task::ReadRecords)?;
            if let Some(p) = parents.get(&(e.device_id.clone(), e.seq)) {
                e.also_replaces = p.clone();
            }
            each(&e)?;
        }
    }
    Ok(())
}

type ParentMap = std::collections::HashMap<(String, i64), Vec<(String, i64)>>;

/// Every entry's extra parents (a small table: one row per extra head a
/// conflict resolution replaced).
fn all_parents(conn: &Connection) -> Result<ParentMap> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT device_id, seq, parent_device, parent_seq FROM change_log_parents
             ORDER BY device_id, seq, parent_device, parent_seq",
        )
        .during(Task::ReadRecords)?;
    parent_map(&mut stmt, [])
}

/// The rows (device, seq, parent device, parent seq) of `stmt`, by entry.
fn parent_map(
    stmt: &mut rusqlite::CachedStatement<'_>,
    p: impl rusqlite::Params,
) -> Result<ParentMap> {
    let mut map = ParentMap::new();
    let rows = stmt
        .query_map(p, |r| Ok(((r.get(0)?, r.get(1)?), (r.get(2)?, r.get(3)?))))
        .during(Task::ReadRecords)?;
    for row in rows {
        let (key, parent) = row.during(Task::ReadRecords)?;
        map.entry(key).or_default().push(parent);
    }
    Ok(map)
}

/// The (device, seq) of every entry with extra parents.
pub(crate) fn with_parents(conn: &Connection) -> Result<std::collections::HashSet<(String, i64)>> {
    Ok(all_parents(conn)?.into_keys().collect())
}

/// One entry by its (device, seq), if present, with its extra parents.
pub fn entry(conn: &Connection, device_id: &str, seq: i64) -> Result<Option<LogEntry>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {ENTRY_COLUMNS} FROM change_log WHERE device_id = ?1 AND seq = ?2"
        ))
        .during(Task::ReadRecords)?;
    let Some(mut e) = stmt
        .query_row(params![device_id, seq], entry_from_row)
        .optional()
        .during(Task::ReadRecords)?
    else {
        return Ok(None);
    };
    let mut stmt = conn
        .prepare_cached(
            "SELECT parent_device, parent_seq FROM change_log_parents
             WHERE device_id = ?1 AND seq = ?2 ORDER BY parent_device, parent_seq",
        )
        .during(Task::ReadRecords)?;
    e.also_replaces = stmt
        .query_map(params![device_id, seq], |r| Ok((r.get(0)?, r.get(1)?)))
        .during(Task::ReadRecords)?
        .collect::<rusqlite::Result<_>>()
        .during(Task::ReadRecords)?;
    Ok(Some(e))
}

/// The entry a new write to (record, field) replaces: the winning head of its
/// revision graph (the value the query table shows), not merely the newest
/// clock, so that a write after a capped clock never forks the graph.
pub(crate) fn latest_for(
    conn: &Connection,
    record_id: &str,
    field: &str,
) -> Result<Option<(String, i64)>> {
    Ok(field_heads(conn, record_id, field)?
        .last()
        .map(|e| (e.device_id.clone(), e.seq)))
}

/// Appends `e` unless its (device, seq) is held (or the row is refused for
/// another reason); returns whether it was added. One prepared statement.
pub(crate) fn append_if_new(conn: &Connection, e: &LogEntry) -> Result<bool> {
    insert(conn, e, Verb::InsertOrIgnore)
}

#[derive(Clone, Copy)]
enum Verb {
    Insert = 0,
    InsertOrIgnore = 1,
}

/// Whether the held entry with `e`'s (device, seq) has the same content as
/// `e` (None: no such entry is held). The columns are compared in SQL, not
/// read back into an entry; the extra parents are read only when either side
/// has some (`held_has_parents`: the caller knows which held entries do).
pub(crate) fn held_same(
    conn: &Connection,
    e: &LogEntry,
    held_has_parents: bool,
) -> Result<Option<bool>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT hlc_ms = ?3 AND hlc_counter = ?4 AND entity = ?5 AND record_id = ?6
                    AND op = ?7 AND field IS ?8 AND value IS ?9
                    AND prev_device IS ?10 AND prev_seq IS ?11
             FROM change_log WHERE device_id = ?1 AND seq = ?2",
        )
        .during(Task::ReadRecords)?;
    let same: Option<bool> = stmt
        .query_row(entry_params(e), |r| r.get(0))
        .optional()
        .during(Task::ReadRecords)?;
    match same {
        Some(true) if held_has_parents || !e.also_replaces.is_empty() => {
            let held = match entry(conn, &e.device_id, e.seq)? {
                Some(held) => held.also_replaces,
                None => Vec::new(),
            };
            let mut ours = e.also_replaces.clone();
            ours.sort();
            Ok(Some(held == ours))
        }
        other => Ok(other),
    }
}

/// `e`'s columns in the order of [`ENTRY_COLUMNS`], as SQLite holds them:
/// what is bound on insert and compared with a held entry.
pub(crate) fn entry_values(e: &LogEntry) -> [ValueRef<'_>; 11] {
    let (prev_device, prev_seq) = match &e.replaces {
        Some((d, s)) => (ValueRef::Text(d.as_bytes()), ValueRef::Integer(*s)),
        None => (ValueRef::Null, ValueRef::Null),
    };
    [
        ValueRef::Text(e.device_id.as_bytes()),
        ValueRef::Integer(e.seq),
        ValueRef::Integer(e.hlc.ms),
        ValueRef::Integer(e.hlc.counter),
        ValueRef::Text(e.entity.as_bytes()),
        ValueRef::Text(e.record_id.as_bytes()),
        ValueRef::Text(e.op.code().as_bytes()),
        ValueRef::Text(e.field.as_bytes()),
        ValueRef::from(&e.value),
        prev_device,
        prev_seq,
    ]
}

/// `e`'s columns as `?1`…`?11`.
fn entry_params(e: &LogEntry) -> impl rusqlite::Params + '_ {
    entry_values(e).map(ToSqlOutput::Borrowed)
}

pub(crate) fn append(conn: &Connection, e: &LogEntry) -> Result<()> {
    insert(conn, e, Verb::Insert).map(|_| ())
}

/// `verb` (INSERT, or INSERT OR IGNORE) of `e` with its extra parents;
/// whether a row was added.
fn insert(conn: &Connection, e: &LogEntry, verb: Verb) -> Result<bool> {
    // Built once: this runs once an entry, hundreds of thousands of times in
    // an import.
    static SQL: std::sync::LazyLock<[String; 2]> = std::sync::LazyLock::new(|| {
        ["INSERT", "INSERT OR IGNORE"].map(|verb| {
            format!(
                "{verb} INTO change_log ({ENTRY_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
            )
        })
    });
    let mut stmt = conn
        .prepare_cached(&SQL[verb as usize])
        .during(Task::SaveRecords)?;
    let n = stmt.execute(entry_params(e)).during(Task::SaveRecords)?;
    if n == 0 {
        return Ok(false);
    }
    append_parents(conn, e)?;
    Ok(true)
}

fn append_parents(conn: &Connection, e: &LogEntry) -> Result<()> {
    if !e.also_replaces.is_empty() {
        let mut stmt = conn
            .prepare_cached(
                "INSERT INTO change_log_parents (device_id, seq, parent_device, parent_seq)
                 VALUES (?1, ?2, ?3, ?4)",
            )
            .during(Task::SaveRecords)?;
        for (d, s) in &e.also_replaces {
            stmt.execute(params![e.device_id, e.seq, d, s])
                .during(Task::SaveRecords)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_moves_forward_even_when_the_wall_clock_goes_back() {
        let a = Hlc::default().tick(1_000);
        assert_eq!(
            a,
            Hlc {
                ms: 1_000,
                counter: 0
            }
        );
        let b = a.tick(1_000);
        assert_eq!(
            b,
            Hlc {
                ms: 1_000,
                counter: 1
            }
        );
        let c = b.tick(900);
        assert!(c > b);
        assert_eq!(
            c.tick(2_000),
            Hlc {
                ms: 2_000,
                counter: 0
            }
        );
        assert_eq!(Hlc::decode(&c.encode()), Some(c));
        assert_eq!(Hlc::decode("x:1"), None);
    }
}
