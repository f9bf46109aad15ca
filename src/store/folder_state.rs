//! What a shared folder needs from the database: this laptop's own series of
//! entries (the only ones it writes there), what every other laptop has
//! acknowledged of it, and the list of this laptop's own files in the folder
//! (kept in `meta`, local to this laptop: it never travels).

use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::log;
use super::sync_state::{Outgoing, SeqRange};
use super::{Store, meta_get, meta_set};
use crate::error::{DbContext, Result, Task};

const FILES_KEY: &str = "sync_folder_files";

/// What one of this laptop's files in a shared folder holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileRole {
    /// Our own entries from #1, made by compacting older files.
    Base,
    /// A run of our own entries written by one sync.
    Segment,
    /// No entries: only what this laptop holds of everyone (its acknowledgement).
    Head,
}

/// One of this laptop's files in the shared folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnFile {
    pub bundle_id: String,
    pub file_name: String,
    pub role: FileRole,
    /// Our own sequence numbers inside, both ends included (`to < from`: none).
    pub from: i64,
    pub to: i64,
}

/// This laptop's record of its files in the folder and of the
/// acknowledgement it last wrote there.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FolderFiles {
    pub files: Vec<OwnFile>,
    /// The `known` vector of the newest file written.
    pub acks: Vec<(String, i64)>,
    /// What each of our files held when we wrote it, by file name: a sync
    /// tool may leave a damaged file under the name (and the good one as its
    /// conflict copy). (Absent in the state of older versions: taken as
    /// written at the next sync.)
    #[serde(default)]
    pub sums: std::collections::BTreeMap<String, FileSum>,
    /// What the last folder sync found of our own files.
    #[serde(default)]
    pub last_check: Option<OwnCheck>,
}

/// One of our files as written: its size and a checksum of its bytes, and
/// when it was last seen so (its modification time: a file whose size and
/// time are unchanged is not read again).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileSum {
    pub size: u64,
    pub crc32: u32,
    #[serde(default)]
    pub modified: Option<(u64, u32)>,
}

/// What one folder sync did about our own files: the ones that differed
/// from what we wrote, written again; the ones we had removed that came
/// back (a sync tool's change beats a delete), removed again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnCheck {
    /// When (RFC 3339, UTC).
    pub at: String,
    pub checked: usize,
    pub rewritten: usize,
    pub removed_again: usize,
}

impl Store {
    /// Our own entries `from..=to` (by sequence number), with what this laptop
    /// holds of every origin (the acknowledgement a folder file carries).
    pub fn own_outgoing(&self, from: i64, to: i64) -> Result<Outgoing> {
        let conn = self.conn();
        let mut out = Outgoing {
            known: self.held_vector()?,
            ..Outgoing::default()
        };
        if from > to {
            return Ok(out);
        }
        out.entries = log::entries_in_range(conn, &self.device_id, from, to)?;
        let mut run: Option<(i64, i64)> = None;
        let push = |r: (i64, i64), ranges: &mut Vec<SeqRange>| {
            ranges.push(SeqRange {
                origin: self.device_id.clone(),
                from: r.0,
                to: r.1,
            })
        };
        for e in &out.entries {
            run = match run {
                Some((a, b)) if e.seq == b + 1 => Some((a, e.seq)),
                Some(r) => {
                    push(r, &mut out.ranges);
                    Some((e.seq, e.seq))
                }
                None => Some((e.seq, e.seq)),
            };
        }
        if let Some(r) = run {
            push(r, &mut out.ranges);
        }
        Ok(out)
    }

    /// For each origin, every entry up to this seq is held here (origins
    /// with none held from #1 are left out).
    pub fn held_vector(&self) -> Result<Vec<(String, i64)>> {
        let conn = self.conn();
        let mut stmt = conn
            .prepare_cached(
                "SELECT device_id, COUNT(*), MIN(seq), MAX(seq) FROM change_log
                 GROUP BY device_id ORDER BY device_id",
            )
            .during(Task::ReadRecords)?;
        let rows: Vec<(String, i64, i64, i64)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .during(Task::ReadRecords)?
            .collect::<rusqlite::Result<_>>()
            .during(Task::ReadRecords)?;
        // With a gap, the end of the run from #1: the first seq whose
        // successor is missing (rare: a partial set of bundles).
        let mut first_gap = conn
            .prepare_cached(
                "SELECT MIN(c.seq) FROM change_log c WHERE c.device_id = ?1 AND NOT EXISTS (
                     SELECT 1 FROM change_log n WHERE n.device_id = ?1 AND n.seq = c.seq + 1)",
            )
            .during(Task::ReadRecords)?;
        let mut out = Vec::with_capacity(rows.len());
        for (origin, count, min, max) in rows {
            if min != 1 {
                continue;
            }
            let upto = if count == max {
                max
            } else {
                first_gap
                    .query_row([&origin], |r| r.get::<_, Option<i64>>(0))
                    .during(Task::ReadRecords)?
                    .unwrap_or(0)
            };
            out.push((origin, upto));
        }
        Ok(out)
    }

    /// Our own highest sequence number (0 before the first change).
    pub fn own_seq(&self) -> Result<i64> {
        self.conn()
            .query_row(
                "SELECT COALESCE(MAX(seq), 0) FROM change_log WHERE device_id = ?1",
                [&self.device_id],
                |r| r.get(0),
            )
            .during(Task::ReadRecords)
    }

    /// Whether every entry of every range is held here.
    pub fn holds_all(&self, ranges: &[SeqRange]) -> Result<bool> {
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT COUNT(*) FROM change_log WHERE device_id = ?1 AND seq BETWEEN ?2 AND ?3",
            )
            .during(Task::ReadRecords)?;
        for r in ranges {
            let n: i64 = stmt
                .query_row(params![r.origin, r.from, r.to], |row| row.get(0))
                .during(Task::ReadRecords)?;
            if n != r.to - r.from + 1 {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Every other laptop known here (from its own bundles) and up to which
    /// of our sequence numbers it holds (0: none yet) — but for a laptop not
    /// seen for [`AWAY_DAYS`] (its newest bundle read here is older, by its
    /// clock): a laptop that was replaced, lost or left would otherwise keep
    /// every other laptop from ever compacting. Nothing is lost for it: a
    /// compaction only merges files into a base, so a laptop that comes back
    /// reads the bases, and is waited for again from its next bundle on.
    pub fn acks_of_ours(&self) -> Result<Vec<(String, i64)>> {
        let since = away_since((self.clock)());
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT peer, COALESCE(MAX(CASE WHEN origin = ?1 THEN seq END), 0)
                 FROM sync_peer_knows k WHERE peer <> ?1
                 AND COALESCE((SELECT MAX(created_at) FROM sync_imports
                               WHERE sender = k.peer), ?2) >= ?2
                 GROUP BY peer ORDER BY peer",
            )
            .during(Task::ReadRecords)?;
        let rows = stmt
            .query_map([&self.device_id, &since], |r| Ok((r.get(0)?, r.get(1)?)))
            .during(Task::ReadRecords)?;
        rows.collect::<rusqlite::Result<_>>()
            .during(Task::ReadRecords)
    }

    /// This laptop's files in the shared folder, as last recorded. Unreadable
    /// bookkeeping (from a newer version) counts as none: the next sync then
    /// writes our series again, which is safe.
    pub fn folder_files(&self) -> Result<FolderFiles> {
        Ok(meta_get(self.conn(), FILES_KEY)?
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default())
    }

    pub fn set_folder_files(&mut self, files: &FolderFiles) -> Result<()> {
        let text = serde_json::to_string(files).unwrap_or_default();
        meta_set(self.conn(), FILES_KEY, &text)
    }
}

/// A laptop whose newest bundle is older than this many days is not waited
/// for before compacting (see [`Store::acks_of_ours`]).
pub const AWAY_DAYS: i64 = 90;

/// The RFC 3339 time (as bundles carry it) [`AWAY_DAYS`] before `now`.
pub(crate) fn away_since(now: chrono::DateTime<chrono::Utc>) -> String {
    (now - chrono::Duration::days(AWAY_DAYS)).to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
