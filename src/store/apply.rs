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
//! - `deleted` is a field like any other: a delete hides the record; an edit
//!   the delete had not seen (of the record, or of a deleted worker's records)
//!   keeps it in view, flagged (`store::delete_conflicts`).

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use super::log::{Hlc, LogEntry};
use super::log_writer::LogWriter;
use super::project::recompute;
use super::{Store, meta_get, meta_set};
use super::{delete_conflicts, migrate, registry};
use crate::error::{DbContext, Error, Result, Task};

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

/// A bundle as an import reads it: in memory ([`RemoteBatch`]) or streamed
/// from its file, one entry at a time (`sync::open_stream`).
pub trait Incoming {
    fn bundle_id(&self) -> &str;
    fn sender(&self) -> &str;
    fn created_at(&self) -> &str;
    fn file_name(&self) -> &str;
    /// For each origin device, the sender held every entry up to this seq.
    fn known(&self) -> &[(String, i64)];
    /// Calls `each` with every entry, in order; returns how many there were.
    /// Called at most once, inside the import's transaction: an error from
    /// the bundle (or from `each`) rolls the whole import back.
    fn read_entries(&mut self, each: &mut dyn FnMut(&LogEntry) -> Result<()>) -> Result<usize>;
    /// How many entries it holds, when known before reading (for the gauge).
    fn expected(&self) -> Option<u64> {
        None
    }
}

impl Incoming for &RemoteBatch {
    fn bundle_id(&self) -> &str {
        &self.bundle_id
    }
    fn sender(&self) -> &str {
        &self.sender
    }
    fn created_at(&self) -> &str {
        &self.created_at
    }
    fn file_name(&self) -> &str {
        &self.file_name
    }
    fn known(&self) -> &[(String, i64)] {
        &self.known
    }
    fn read_entries(&mut self, each: &mut dyn FnMut(&LogEntry) -> Result<()>) -> Result<usize> {
        for e in &self.entries {
            each(e)?;
        }
        Ok(self.entries.len())
    }
    fn expected(&self) -> Option<u64> {
        u64::try_from(self.entries.len()).ok()
    }
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
        let mut refs: Vec<&RemoteBatch> = batches.iter().collect();
        let mut dyns: Vec<&mut dyn Incoming> =
            refs.iter_mut().map(|b| b as &mut dyn Incoming).collect();
        self.import_incoming(&mut dyns, mass_delete)
    }

    /// [`Store::import_batches`] for bundles read as they are applied.
    pub fn import_incoming(
        &mut self,
        batches: &mut [&mut dyn Incoming],
        mass_delete: MassDelete,
    ) -> Result<ImportReport> {
        let now = (self.clock)();
        // Plan versions made from the same version elsewhere are a conflict
        // too (domain::plan_fork): counted before and after.
        let forks_before = self.plan_fork_count()?;
        // A contact may arrive before its worker (a partial set of bundles); it
        // stays hidden behind the missing worker until that arrives. Foreign keys
        // cannot be switched inside a transaction, so around it.
        self.conn
            .pragma_update(None, "foreign_keys", "OFF")
            .during(Task::SaveRecords)?;
        let mut kinds = BTreeSet::new();
        let result = import_in_tx(
            &mut self.conn,
            &self.device_id,
            now,
            batches,
            mass_delete,
            &mut kinds,
            &self.hook,
        );
        let restored = self
            .conn
            .pragma_update(None, "foreign_keys", "ON")
            .during(Task::SaveRecords);
        let mut report = result?;
        restored?;
        report.new_conflicts += self.plan_fork_count()?.saturating_sub(forks_before);
        let names: Vec<&str> = batches.iter().map(|b| b.file_name()).collect();
        let detail = format!("{} ({} new entries)", names.join(", "), report.new_entries);
        self.log_access(super::Access::Import, None, &detail)?;
        self.touched.extend(kinds);
        Ok(report)
    }
}

fn import_in_tx(
    conn: &mut Connection,
    own_device: &str,
    now: DateTime<Utc>,
    batches: &mut [&mut dyn Incoming],
    mass_delete: MassDelete,
    kinds: &mut BTreeSet<String>,
    hook: &super::job::JobHook,
) -> Result<ImportReport> {
    use super::job::Stage;
    // Each entry and record is a step of the job's gauge; a stop asked
    // through the hook returns `Cancelled` from there, rolling it all back.
    let expected = batches.iter().map(|b| b.expected()).sum::<Option<u64>>();
    hook.start(Stage::Reading, expected);
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .during(Task::SaveRecords)?;
    let live_before = live_counts(&tx)?;
    // The search index is brought up to date once, at the end, for the records
    // that changed: a trigger per row made FTS5 flush at every statement.
    let triggers = search_triggers_off(&tx)?;
    // The records to recompute, in a table of the main database rather than
    // in memory: a full bundle of a large agency touches hundreds of
    // thousands (see `migrate::IMPORT_WORK`).
    tx.execute_batch("DELETE FROM import_work;")
        .during(Task::SaveRecords)?;
    let now_text = now.to_rfc3339_opts(SecondsFormat::Millis, true);
    let mut report = ImportReport::default();
    let mut max_remote: Option<Hlc> = None;
    let mut log = LogWriter::new(&tx)?;
    for batch in batches.iter_mut() {
        let already: bool = tx
            .query_row(
                "SELECT 1 FROM sync_imports WHERE bundle_id = ?1",
                [batch.bundle_id()],
                |_| Ok(()),
            )
            .optional()
            .during(Task::SaveRecords)?
            .is_some();
        let mut new_entries = 0;
        let mut entries = 0;
        if !already {
            let mut affect = tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO import_work (entity, record_id) VALUES (?1, ?2)",
                )
                .during(Task::SaveRecords)?;
            // A record's fields are written together, so its entries mostly
            // follow each other in a bundle: listed once per run, not per entry.
            let mut last = (String::new(), String::new());
            entries = batch.read_entries(&mut |e| {
                hook.step()?;
                if !(1..=super::log::MAX_SEQ).contains(&e.seq) {
                    return Err(Error::SequenceOutOfRange {
                        device: e.device_id.clone(),
                        seq: e.seq,
                    });
                }
                super::limits::check_incoming(&e.field, &e.value)?;
                if e.device_id == own_device {
                    log.held_own(&tx, e)?;
                } else if log.insert_or_compare(&tx, e)? {
                    new_entries += 1;
                    if last.1 != e.record_id || last.0 != e.entity {
                        affect
                            .execute(params![e.entity, e.record_id])
                            .during(Task::SaveRecords)?;
                        last.0.clone_from(&e.entity);
                        last.1.clone_from(&e.record_id);
                    }
                    if !kinds.contains(&e.entity) {
                        kinds.insert(e.entity.clone());
                    }
                }
                max_remote = max_remote.max(Some(e.hlc));
                Ok(())
            })?;
            tx.execute(
                "INSERT INTO sync_imports
                 (bundle_id, sender, created_at, imported_at, file_name, entries, new_entries)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    batch.bundle_id(),
                    batch.sender(),
                    batch.created_at(),
                    now_text,
                    batch.file_name(),
                    count(entries),
                    count(new_entries)
                ],
            )
            .during(Task::SaveRecords)?;
            learn_peer(&tx, own_device, batch.sender(), batch.known())?;
        }
        report.new_entries += new_entries;
        report.bundles.push(BatchReport {
            bundle_id: batch.bundle_id().to_string(),
            sender: batch.sender().to_string(),
            file_name: batch.file_name().to_string(),
            entries,
            new_entries,
            already_imported: already,
        });
    }
    if let Some(remote) = max_remote {
        report.sender_clock_ahead_ms = receive_clock(&tx, remote, now)?;
    }
    let mut deleted_by_kind: HashMap<&'static str, usize> = HashMap::new();
    let mut page = tx
        .prepare_cached(
            "SELECT entity, record_id FROM import_work
             WHERE (entity, record_id) > (?1, ?2) ORDER BY entity, record_id LIMIT 4096",
        )
        .during(Task::SaveRecords)?;
    let mut reindex = tx
        .prepare_cached("UPDATE import_work SET changed = 1 WHERE entity = ?1 AND record_id = ?2")
        .during(Task::SaveRecords)?;
    let mut after = (String::new(), String::new());
    let work: i64 = tx
        .query_row("SELECT count(*) FROM import_work", [], |r| r.get(0))
        .during(Task::SaveRecords)?;
    hook.start(Stage::Applying, u64::try_from(work).ok());
    loop {
        let rows: Vec<(String, String)> = page
            .query_map(params![after.0, after.1], |r| Ok((r.get(0)?, r.get(1)?)))
            .during(Task::SaveRecords)?
            .collect::<rusqlite::Result<_>>()
            .during(Task::SaveRecords)?;
        let Some(last) = rows.last().cloned() else {
            break;
        };
        for (entity, record_id) in &rows {
            hook.step()?;
            let Some(kind) = registry::find(entity) else {
                continue; // a kind from a newer teichaku: kept and forwarded only
            };
            let outcome = recompute(&tx, kind, record_id, &now_text)?;
            if outcome.changed {
                report.records_changed += 1;
                reindex
                    .execute(params![kind.kind, record_id])
                    .during(Task::SaveRecords)?;
            }
            if outcome.was_live == Some(true) && !outcome.live {
                report.records_deleted += 1;
                *deleted_by_kind.entry(kind.kind).or_default() += 1;
            }
            report.new_conflicts += outcome.new_conflicts;
        }
        after = last;
    }
    // A worker's delete meets edits of the worker's records that came in this
    // import while the worker itself did not: looked at again.
    if let Some(worker) = registry::find("worker") {
        for id in delete_conflicts::workers_to_recheck(&tx)? {
            let outcome = recompute(&tx, worker, &id, &now_text)?;
            if outcome.changed {
                report.records_changed += 1;
                tx.execute(
                    "INSERT OR REPLACE INTO import_work (entity, record_id, changed)
                     VALUES (?1, ?2, 1)",
                    params![worker.kind, id],
                )
                .during(Task::SaveRecords)?;
            }
            report.new_conflicts += outcome.new_conflicts;
        }
    }
    drop(page);
    drop(reindex);
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
    hook.start(Stage::Indexing, None);
    reindex_search(&tx, &triggers, hook)?;
    hook.check()?;
    tx.execute_batch("DELETE FROM import_work;")
        .during(Task::SaveRecords)?;
    drop(log);
    tx.commit().during(Task::SaveRecords)?;
    Ok(report)
}

/// Drops the per-row search triggers for the rest of this transaction (a
/// rollback brings them back with everything else) and returns their text
/// as the schema holds it, which [`reindex_search`] executes again: the
/// triggers come back exactly as the migrations made them, never rebuilt
/// from today's code.
fn search_triggers_off(tx: &Transaction<'_>) -> Result<Vec<String>> {
    let mut saved = Vec::new();
    for (_, table, _) in migrate::SEARCHABLE {
        let mut stmt = tx
            .prepare_cached(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?1
                 AND name IN (?1 || '_search_ai', ?1 || '_search_au', ?1 || '_search_ad')
                 ORDER BY name",
            )
            .during(Task::SaveRecords)?;
        let found: Vec<(String, String)> = stmt
            .query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))
            .during(Task::SaveRecords)?
            .collect::<rusqlite::Result<_>>()
            .during(Task::SaveRecords)?;
        for (name, sql) in found {
            tx.execute_batch(&format!("DROP TRIGGER \"{name}\";"))
                .during(Task::SaveRecords)?;
            saved.push(sql);
        }
    }
    Ok(saved)
}

/// How many records one statement re-indexes: an `INSERT … SELECT` into a
/// table with a row trigger (`search_docs` feeds the full-text index) first
/// copies every selected row into a temporary table, held in memory — 64 MB
/// of note text for a full bundle of a large agency in one statement.
const REINDEX_CHUNK: i64 = 2048;

/// Re-derives the search rows of the records an import changed (marked in
/// `import_work`), a chunk of records per statement, then puts the
/// triggers back.
fn reindex_search(
    tx: &Transaction<'_>,
    triggers: &[String],
    hook: &super::job::JobHook,
) -> Result<()> {
    let mut bound = tx
        .prepare(
            "SELECT record_id FROM import_work WHERE entity = ?1 AND changed = 1
             AND record_id > ?2 ORDER BY record_id LIMIT 1 OFFSET ?3",
        )
        .during(Task::SaveRecords)?;
    let chunk = "(SELECT record_id FROM import_work WHERE entity = ?1 AND changed = 1
                  AND record_id > ?2 AND (?3 IS NULL OR record_id <= ?3))";
    let mut delete = tx
        .prepare(&format!(
            "DELETE FROM search_docs WHERE kind = ?1 AND record_id IN {chunk}"
        ))
        .during(Task::SaveRecords)?;
    let mut insert = tx
        .prepare(&format!(
            "INSERT INTO search_docs (kind, record_id, worker_id, date, body)
             SELECT kind, record_id, worker_id, date, body FROM search_source
             WHERE kind = ?1 AND record_id IN {chunk}"
        ))
        .during(Task::SaveRecords)?;
    for (kind, _, _) in migrate::SEARCHABLE {
        let mut after = String::new();
        loop {
            // The last record of this chunk; None: the rest fits in it.
            let upto: Option<String> = bound
                .query_row(params![kind, after, REINDEX_CHUNK - 1], |r| r.get(0))
                .optional()
                .during(Task::SaveRecords)?;
            delete
                .execute(params![kind, after, upto])
                .during(Task::SaveRecords)?;
            insert
                .execute(params![kind, after, upto])
                .during(Task::SaveRecords)?;
            hook.check()?;
            match upto {
                Some(last) => after = last,
                None => break,
            }
        }
    }
    for sql in triggers {
        tx.execute_batch(&format!("{sql};"))
            .during(Task::SaveRecords)?;
    }
    Ok(())
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Remembers what the sender holds, so later exports can leave it out.
fn learn_peer(
    tx: &Transaction<'_>,
    own_device: &str,
    sender: &str,
    known: &[(String, i64)],
) -> Result<()> {
    if sender == own_device {
        return Ok(());
    }
    let mut stmt = tx
        .prepare_cached(
            "INSERT INTO sync_peer_knows (peer, origin, seq) VALUES (?1, ?2, ?3)
             ON CONFLICT (peer, origin) DO UPDATE SET seq = MAX(seq, excluded.seq)",
        )
        .during(Task::SaveRecords)?;
    // A laptop cannot hold entries nobody has seen: what it says it holds
    // of a device counts only up to the highest entry of that device held
    // here (after this import). A made-up claim would otherwise show as
    // entries "not yet received" for good, and a claim about our own
    // entries beyond what we wrote would let us compact what it lacks.
    let mut highest = tx
        .prepare_cached("SELECT coalesce(max(seq), 0) FROM change_log WHERE device_id = ?1")
        .during(Task::SaveRecords)?;
    for (origin, seq) in known {
        let held: i64 = highest
            .query_row([origin], |r| r.get(0))
            .during(Task::SaveRecords)?;
        stmt.execute(params![sender, origin, (*seq).clamp(0, held)])
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
