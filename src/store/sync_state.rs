//! What sync needs to know from the database, and what the sync screen shows:
//! which entries to send, which devices were seen and what is missing from
//! each, the last imports and exports. Note conflicts are in `conflicts.rs`.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use rusqlite::types::Value;
use rusqlite::{Connection, params};
use serde::Serialize;

pub use super::conflicts::{Conflict, NoteVersion, PLAN_FORK};
use super::log::{self, LogEntry};
use super::registry;
use super::{Store, meta_get, meta_set};
use crate::error::{DbContext, Result, Task};

/// A run of sequence numbers of one origin device, both ends included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct SeqRange {
    pub origin: String,
    pub from: i64,
    pub to: i64,
}

/// The entries an export carries, and what this laptop holds.
#[derive(Debug, Clone, Default)]
pub struct Outgoing {
    pub entries: Vec<LogEntry>,
    pub ranges: Vec<SeqRange>,
    /// For each origin, every entry up to this seq is held here.
    pub known: Vec<(String, i64)>,
}

impl Outgoing {
    /// How many entries the ranges hold (with or without `entries` read).
    pub fn count(&self) -> usize {
        self.ranges
            .iter()
            .map(|r| usize::try_from(r.to - r.from + 1).unwrap_or(0))
            .sum()
    }
}

/// One device as the sync screen lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeviceStatus {
    pub device_id: String,
    pub this_device: bool,
    /// Its entries held here, as runs of sequence numbers.
    pub held: Vec<(i64, i64)>,
    /// The highest of its sequence numbers known to exist (held here, or held
    /// by a laptop whose bundle we read).
    pub highest_known: i64,
    /// Its entries known to exist but not received here ("#120–#180").
    pub missing: Vec<(i64, i64)>,
    /// When we last imported a bundle it wrote (our clock, RFC 3339).
    pub last_import_at: Option<String>,
    /// Of this laptop's own entries, it is known to hold up to this one.
    pub holds_of_ours: Option<i64>,
    /// Who uses it: the staff name its latest records carry (記録者), or empty.
    pub staff: String,
    /// When it last wrote a bundle imported here (its clock, RFC 3339).
    pub last_seen_at: Option<String>,
    /// How many entries held here it has not acknowledged (None: it never
    /// said what it holds).
    pub lacks: Option<i64>,
    /// Not seen for `folder_state::AWAY_DAYS`: a shared folder's files are
    /// compacted without waiting for it.
    pub away: bool,
}

/// A bundle imported here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportRecord {
    pub bundle_id: String,
    pub sender: String,
    pub created_at: String,
    pub imported_at: String,
    pub file_name: String,
    pub entries: i64,
    pub new_entries: i64,
}

/// A bundle written here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportRecord {
    pub bundle_id: String,
    pub created_at: String,
    pub file_name: String,
    pub entries: i64,
    pub full: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SyncStatus {
    pub device_id: String,
    /// This laptop's own highest sequence number.
    pub own_seq: i64,
    pub devices: Vec<DeviceStatus>,
    /// Newest first.
    pub imports: Vec<ImportRecord>,
    /// Newest first.
    pub exports: Vec<ExportRecord>,
    pub open_conflicts: usize,
    /// What the last folder sync found of this laptop's own files there.
    pub own_files: Option<super::folder_state::OwnCheck>,
}

/// The runs of sequence numbers held, per origin device: one pass over the
/// (device, seq) key index, in order, keeping only the runs (a window
/// function over the whole log buffered tens of MB on a large agency).
fn holdings(conn: &Connection) -> Result<BTreeMap<String, Vec<(i64, i64)>>> {
    let mut stmt = conn
        .prepare_cached("SELECT device_id, seq FROM change_log ORDER BY device_id, seq")
        .during(Task::ReadRecords)?;
    let mut rows = stmt.query([]).during(Task::ReadRecords)?;
    let mut out: BTreeMap<String, Vec<(i64, i64)>> = BTreeMap::new();
    let mut origin = String::new();
    let mut runs: Vec<(i64, i64)> = Vec::new();
    while let Some(row) = rows.next().during(Task::ReadRecords)? {
        let device = row
            .get_ref(0)
            .and_then(|v| v.as_str().map_err(Into::into))
            .during(Task::ReadRecords)?;
        let seq: i64 = row.get(1).during(Task::ReadRecords)?;
        if device != origin {
            if !runs.is_empty() {
                out.insert(std::mem::take(&mut origin), std::mem::take(&mut runs));
            }
            origin = device.to_string();
        }
        match runs.last_mut() {
            Some((_, to)) if seq == *to + 1 => *to = seq,
            _ => runs.push((seq, seq)),
        }
    }
    if !runs.is_empty() {
        out.insert(origin, runs);
    }
    Ok(out)
}

/// Every entry from 1 up to the returned seq is held.
fn contiguous(runs: &[(i64, i64)]) -> i64 {
    match runs.first() {
        Some(&(1, to)) => to,
        _ => 0,
    }
}

/// The gaps in `1..=upto` not covered by `runs` (sorted, disjoint).
fn gaps(runs: &[(i64, i64)], upto: i64) -> Vec<(i64, i64)> {
    let mut out = Vec::new();
    let mut next = 1;
    for &(from, to) in runs {
        if from > next {
            out.push((next, (from - 1).min(upto)));
        }
        next = next.max(to + 1);
        if next > upto {
            break;
        }
    }
    if next <= upto {
        out.push((next, upto));
    }
    out.retain(|(a, b)| a <= b);
    out
}

fn peer_knows(conn: &Connection) -> Result<Vec<(String, String, i64)>> {
    let mut stmt = conn
        .prepare_cached("SELECT peer, origin, seq FROM sync_peer_knows ORDER BY peer, origin")
        .during(Task::ReadRecords)?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .during(Task::ReadRecords)?;
    rows.collect::<rusqlite::Result<_>>()
        .during(Task::ReadRecords)
}

impl Store {
    /// The entries to put in a bundle: with `full`, the whole log; otherwise,
    /// per origin device, everything after what the least informed known
    /// laptop holds (so a laptop that missed a bundle gets the entries again
    /// once its own bundle tells us so), or, before any laptop is known,
    /// after what we published in a shared folder.
    pub fn outgoing(&self, full: bool) -> Result<Outgoing> {
        let mut out = self.outgoing_plan(full)?;
        for r in &out.ranges {
            out.entries
                .extend(log::entries_in_range(self.conn(), &r.origin, r.from, r.to)?);
        }
        Ok(out)
    }

    /// What [`Store::outgoing`] returns without its entries (`entries`
    /// empty): the ranges and what this laptop holds. A bundle writer reads
    /// the entries of the ranges one by one ([`Store::for_each_outgoing`]).
    pub fn outgoing_plan(&self, full: bool) -> Result<Outgoing> {
        let conn = self.conn();
        let held = holdings(conn)?;
        let knows = peer_knows(conn)?;
        let peers: BTreeSet<&str> = knows.iter().map(|(p, _, _)| p.as_str()).collect();
        let mut out = Outgoing::default();
        for (origin, runs) in &held {
            // Only what we hold without a gap from 1 is passed on: a bundle
            // carries nothing beyond what its header says the sender holds
            // (the receiver refuses more), and entries after a gap come
            // from their own laptop's files, or from here once the gap fills.
            let max = contiguous(runs);
            if max == 0 {
                continue;
            }
            out.known.push((origin.clone(), max));
            let start = if full {
                1
            } else {
                let sent: i64 = conn
                    .query_row(
                        "SELECT COALESCE(MAX(seq), 0) FROM sync_sent WHERE origin = ?1",
                        [origin],
                        |r| r.get(0),
                    )
                    .during(Task::ReadRecords)?;
                let least_known = peers
                    .iter()
                    .filter(|p| **p != origin.as_str())
                    .map(|p| {
                        knows
                            .iter()
                            .find(|(kp, ko, _)| kp == p && ko == origin)
                            .map_or(0, |(_, _, s)| *s)
                    })
                    .min();
                // The known laptops' own word decides; what we published in a
                // shared folder counts only while no laptop is known. Files
                // handed over (`record_written`) never count: they may be lost.
                least_known.unwrap_or(sent) + 1
            };
            if start > max {
                continue;
            }
            // The runs held, cut to `start..`: exactly the entries a bundle
            // carries, without reading them.
            out.ranges.push(SeqRange {
                origin: origin.clone(),
                from: start,
                to: max,
            });
        }
        out.known.retain(|(_, s)| *s > 0);
        Ok(out)
    }

    /// Calls `each` with every entry of `plan.ranges`, in order, one at a
    /// time (a full bundle of a large agency is never held in memory).
    pub fn for_each_outgoing(
        &self,
        plan: &Outgoing,
        mut each: impl FnMut(&LogEntry) -> Result<()>,
    ) -> Result<()> {
        log::for_each_in_ranges(
            self.conn(),
            plan.ranges
                .iter()
                .map(|r| (r.origin.as_str(), r.from, r.to)),
            &mut each,
        )
    }

    /// Remembers a bundle written (after its file is safely on disk) whose
    /// entries count as sent: the next export starts after them unless a
    /// known laptop is behind.
    pub fn record_export(
        &mut self,
        bundle_id: &str,
        file_name: &str,
        sent: &Outgoing,
        full: bool,
    ) -> Result<()> {
        self.remember_export(bundle_id, file_name, sent, full, true)
    }

    /// Remembers a bundle written to a file that may never arrive: known as
    /// ours (never imported back), but its entries are sent again next time.
    pub fn record_written(
        &mut self,
        bundle_id: &str,
        file_name: &str,
        sent: &Outgoing,
        full: bool,
    ) -> Result<()> {
        self.remember_export(bundle_id, file_name, sent, full, false)
    }

    fn remember_export(
        &mut self,
        bundle_id: &str,
        file_name: &str,
        sent: &Outgoing,
        full: bool,
        mark_sent: bool,
    ) -> Result<()> {
        let now = self
            .now()
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        let tx = self.conn.transaction().during(Task::SaveRecords)?;
        tx.execute(
            "INSERT INTO sync_exports (bundle_id, created_at, file_name, entries, full)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                bundle_id,
                now,
                file_name,
                i64::try_from(sent.count()).unwrap_or(i64::MAX),
                full
            ],
        )
        .during(Task::SaveRecords)?;
        // Everything up to the unbroken run held here has now been in some
        // bundle of ours (an export starts at most one past the last mark).
        // Entries held beyond a gap are sent again next time, which is harmless.
        for (origin, upto) in sent.known.iter().filter(|_| mark_sent) {
            tx.execute(
                "INSERT INTO sync_sent (origin, seq) VALUES (?1, ?2)
                 ON CONFLICT (origin) DO UPDATE SET seq = MAX(seq, excluded.seq)",
                params![origin, upto],
            )
            .during(Task::SaveRecords)?;
        }
        tx.commit().during(Task::SaveRecords)?;
        let detail = format!("{file_name} ({} entries)", sent.count());
        self.log_access(super::Access::Export, None, &detail)
    }

    /// The salt this laptop derives its bundle key with (made once by `make`).
    /// Only the salt is kept; the passphrase and the key never are.
    pub fn sync_salt(&mut self, make: impl FnOnce() -> String) -> Result<String> {
        if let Some(s) = meta_get(self.conn(), "sync_salt")? {
            return Ok(s);
        }
        let salt = make();
        meta_set(self.conn(), "sync_salt", &salt)?;
        Ok(salt)
    }

    /// Ids of the bundles imported here.
    pub fn imported_bundles(&self) -> Result<HashSet<String>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT bundle_id FROM sync_imports")
            .during(Task::ReadRecords)?;
        let rows = stmt.query_map([], |r| r.get(0)).during(Task::ReadRecords)?;
        rows.collect::<rusqlite::Result<_>>()
            .during(Task::ReadRecords)
    }

    /// Ids of the bundles written here.
    pub fn exported_bundles(&self) -> Result<HashSet<String>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT bundle_id FROM sync_exports")
            .during(Task::ReadRecords)?;
        let rows = stmt.query_map([], |r| r.get(0)).during(Task::ReadRecords)?;
        rows.collect::<rusqlite::Result<_>>()
            .during(Task::ReadRecords)
    }

    /// Everything the sync screen shows, in a few queries.
    pub fn sync_status(&self, recent: usize) -> Result<SyncStatus> {
        let conn = self.conn();
        let held = holdings(conn)?;
        let knows = peer_knows(conn)?;
        let imports = self.imports(recent)?;
        let exports = self.exports(recent)?;
        let mut ids: BTreeSet<String> = held.keys().cloned().collect();
        ids.extend(knows.iter().map(|(p, _, _)| p.clone()));
        ids.extend(knows.iter().map(|(_, o, _)| o.clone()));
        ids.extend(imports.iter().map(|i| i.sender.clone()));
        ids.insert(self.device_id.clone());
        let mut last_import: BTreeMap<String, (String, String)> = BTreeMap::new();
        let mut stmt = conn
            .prepare_cached(
                "SELECT sender, MAX(imported_at), MAX(created_at) FROM sync_imports GROUP BY sender",
            )
            .during(Task::ReadRecords)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))
            .during(Task::ReadRecords)?;
        for row in rows {
            let (sender, at): (String, (String, String)) = row.during(Task::ReadRecords)?;
            last_import.insert(sender, at);
        }
        let empty = Vec::new();
        let away_since = super::folder_state::away_since((self.clock)());
        // Entries held here above what `peer` said it holds, over every origin.
        let lacks = |peer: &str| -> Option<i64> {
            let said: BTreeMap<&str, i64> = knows
                .iter()
                .filter(|(p, _, _)| p == peer)
                .map(|(_, o, s)| (o.as_str(), *s))
                .collect();
            (!said.is_empty()).then(|| {
                held.iter()
                    .map(|(origin, runs)| {
                        let upto = said.get(origin.as_str()).copied().unwrap_or(0);
                        runs.iter()
                            .map(|&(from, to)| (to - from.max(upto + 1) + 1).max(0))
                            .sum::<i64>()
                    })
                    .sum()
            })
        };
        let devices = ids
            .into_iter()
            .map(|id| -> Result<DeviceStatus> {
                let runs = held.get(&id).unwrap_or(&empty);
                let held_max = runs.last().map_or(0, |r| r.1);
                let known_max = knows
                    .iter()
                    .filter(|(_, o, _)| *o == id)
                    .map(|(_, _, s)| *s)
                    .max()
                    .unwrap_or(0);
                let highest_known = held_max.max(known_max);
                let this_device = id == self.device_id;
                Ok(DeviceStatus {
                    this_device,
                    missing: gaps(runs, highest_known),
                    held: runs.clone(),
                    highest_known,
                    last_import_at: last_import.get(&id).map(|t| t.0.clone()),
                    holds_of_ours: knows
                        .iter()
                        .find(|(p, o, _)| *p == id && *o == self.device_id)
                        .map(|(_, _, s)| *s),
                    staff: self.device_staff(&id)?,
                    last_seen_at: last_import.get(&id).map(|t| t.1.clone()),
                    lacks: if this_device { None } else { lacks(&id) },
                    away: !this_device
                        && last_import
                            .get(&id)
                            .is_some_and(|t| t.1.as_str() < away_since.as_str()),
                    device_id: id,
                })
            })
            .collect::<Result<_>>()?;
        Ok(SyncStatus {
            device_id: self.device_id.clone(),
            own_seq: held
                .get(&self.device_id)
                .and_then(|r| r.last())
                .map_or(0, |r| r.1),
            devices,
            imports,
            exports,
            open_conflicts: self.conflict_count()?,
            own_files: self.folder_files()?.last_check,
        })
    }

    fn imports(&self, limit: usize) -> Result<Vec<ImportRecord>> {
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT bundle_id, sender, created_at, imported_at, file_name, entries, new_entries
                 FROM sync_imports ORDER BY imported_at DESC, bundle_id DESC LIMIT ?1",
            )
            .during(Task::ReadRecords)?;
        let rows = stmt
            .query_map([i64::try_from(limit).unwrap_or(i64::MAX)], |r| {
                Ok(ImportRecord {
                    bundle_id: r.get(0)?,
                    sender: r.get(1)?,
                    created_at: r.get(2)?,
                    imported_at: r.get(3)?,
                    file_name: r.get(4)?,
                    entries: r.get(5)?,
                    new_entries: r.get(6)?,
                })
            })
            .during(Task::ReadRecords)?;
        rows.collect::<rusqlite::Result<_>>()
            .during(Task::ReadRecords)
    }

    fn exports(&self, limit: usize) -> Result<Vec<ExportRecord>> {
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT bundle_id, created_at, file_name, entries, full
                 FROM sync_exports ORDER BY created_at DESC, bundle_id DESC LIMIT ?1",
            )
            .during(Task::ReadRecords)?;
        let rows = stmt
            .query_map([i64::try_from(limit).unwrap_or(i64::MAX)], |r| {
                Ok(ExportRecord {
                    bundle_id: r.get(0)?,
                    created_at: r.get(1)?,
                    file_name: r.get(2)?,
                    entries: r.get(3)?,
                    full: r.get(4)?,
                })
            })
            .during(Task::ReadRecords)?;
        rows.collect::<rusqlite::Result<_>>()
            .during(Task::ReadRecords)
    }

    /// A stable text of everything that must agree between laptops after a
    /// full exchange: every synced table (without the local `created_at` /
    /// `updated_at` bookkeeping), the log, extra parents and open conflicts.
    pub fn canonical_dump(&self) -> Result<String> {
        let conn = self.conn();
        let mut out = String::new();
        let mut dump = |sql: &str, width: usize| -> Result<()> {
            let mut stmt = conn.prepare(sql).during(Task::ReadRecords)?;
            let mut rows = stmt.query([]).during(Task::ReadRecords)?;
            while let Some(row) = rows.next().during(Task::ReadRecords)? {
                for i in 0..width {
                    let v: Value = row.get(i).during(Task::ReadRecords)?;
                    out.push_str(&format!("{v:?}\t"));
                }
                out.push('\n');
            }
            Ok(())
        };
        for k in registry::KINDS {
            let cols = std::iter::once("id")
                .chain(k.fields.iter().copied())
                .chain(std::iter::once("deleted"))
                .collect::<Vec<_>>();
            dump(
                &format!("SELECT {} FROM {} ORDER BY id", cols.join(", "), k.table),
                cols.len(),
            )?;
        }
        dump(
            &format!(
                "SELECT {} FROM change_log ORDER BY device_id, seq",
                super::log::ENTRY_COLUMNS
            ),
            super::log::ENTRY_COLUMNS.split(',').count(),
        )?;
        dump(
            "SELECT * FROM change_log_parents ORDER BY device_id, seq, parent_device, parent_seq",
            4,
        )?;
        dump(
            "SELECT entity, record_id, field FROM sync_conflicts ORDER BY record_id, field",
            3,
        )?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_between_runs() {
        assert_eq!(gaps(&[(1, 5), (9, 10)], 12), vec![(6, 8), (11, 12)]);
        assert_eq!(gaps(&[], 3), vec![(1, 3)]);
        assert_eq!(gaps(&[(1, 3)], 3), vec![]);
        assert_eq!(gaps(&[(2, 3)], 3), vec![(1, 1)]);
        assert_eq!(gaps(&[(1, 3)], 0), vec![]);
        assert_eq!(contiguous(&[(1, 4), (6, 7)]), 4);
        assert_eq!(contiguous(&[(2, 4)]), 0);
    }
}
