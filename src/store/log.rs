//! The change log and its hybrid logical clock.

use rusqlite::types::Value;
use rusqlite::{Connection, Row, params};
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

    fn from_code(s: &str) -> Option<Op> {
        [Op::Create, Op::Update, Op::Delete]
            .into_iter()
            .find(|o| o.code() == s)
    }
}

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
}

const ENTRY_COLUMNS: &str = "device_id, seq, hlc_ms, hlc_counter, entity, record_id, op, field, value, prev_device, prev_seq";

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
    })
}

/// Every entry about one record, in the order they were written.
pub fn entries_for(conn: &Connection, record_id: &str) -> Result<Vec<LogEntry>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {ENTRY_COLUMNS} FROM change_log WHERE record_id = ?1 ORDER BY hlc_ms, hlc_counter, device_id, seq"
        ))
        .during(Task::ReadRecords)?;
    let rows = stmt
        .query_map([record_id], entry_from_row)
        .during(Task::ReadRecords)?;
    rows.collect::<rusqlite::Result<_>>()
        .during(Task::ReadRecords)
}

/// The whole log of one device, by sequence number.
pub fn entries_of_device(conn: &Connection, device_id: &str) -> Result<Vec<LogEntry>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {ENTRY_COLUMNS} FROM change_log WHERE device_id = ?1 ORDER BY seq"
        ))
        .during(Task::ReadRecords)?;
    let rows = stmt
        .query_map([device_id], entry_from_row)
        .during(Task::ReadRecords)?;
    rows.collect::<rusqlite::Result<_>>()
        .during(Task::ReadRecords)
}

/// The latest entry for (record, field) in clock order: the one a new write replaces.
pub(crate) fn latest_for(
    conn: &Connection,
    record_id: &str,
    field: &str,
) -> Result<Option<(String, i64)>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT device_id, seq FROM change_log WHERE record_id = ?1 AND field = ?2
             ORDER BY hlc_ms DESC, hlc_counter DESC, device_id DESC LIMIT 1",
        )
        .during(Task::SaveRecords)?;
    let mut rows = stmt
        .query(params![record_id, field])
        .during(Task::SaveRecords)?;
    match rows.next().during(Task::SaveRecords)? {
        Some(row) => Ok(Some((
            row.get(0).during(Task::SaveRecords)?,
            row.get(1).during(Task::SaveRecords)?,
        ))),
        None => Ok(None),
    }
}

pub(crate) fn append(conn: &Connection, e: &LogEntry) -> Result<()> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "INSERT INTO change_log ({ENTRY_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
        ))
        .during(Task::SaveRecords)?;
    let (prev_device, prev_seq) = match &e.replaces {
        Some((d, s)) => (Some(d.as_str()), Some(*s)),
        None => (None, None),
    };
    stmt.execute(params![
        e.device_id,
        e.seq,
        e.hlc.ms,
        e.hlc.counter,
        e.entity,
        e.record_id,
        e.op.code(),
        e.field,
        e.value,
        prev_device,
        prev_seq
    ])
    .during(Task::SaveRecords)?;
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
