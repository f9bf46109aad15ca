//! Workers: columns, queries, and finding a worker by what a user types.

use super::columns::entity;
use chrono::NaiveDate;

use super::Store;
use super::record::{self, Entity, get_opt_date};
use crate::domain::{Code, Worker, validate};
use crate::error::{DbContext, Error, Result, Task};

entity! {
    Worker {
        kind: "worker",
        table: "workers",
        notes: ["memo"],
        columns: {
            "display_name" => display_name,
            "kana" => kana,
            "employer" => employer,
            "workplace" => workplace,
            "job" => job,
            "categories" => categories,
            "disclosure" => disclosure,
            "hire_date" => hire_date,
            "service_type" => service_type,
            "anchor_date" => anchor_date,
            "service_start" => service_start_override,
            "service_end" => service_end_override,
            "status" => status,
            "staff" => staff,
            "memo" => memo,
        },
    }
}

/// A worker with what the list screens show beside them.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkerRow {
    pub worker: Worker,
    pub last_contact: Option<NaiveDate>,
    pub contact_count: i64,
}

impl Store {
    pub fn add_worker(&mut self, w: &Worker) -> Result<()> {
        validate::worker(w)?;
        self.write(|tx| tx.insert(w))
    }

    /// Saves the changed fields; returns how many changed.
    pub fn update_worker(&mut self, w: &Worker) -> Result<usize> {
        validate::worker(w)?;
        let before = self.worker(&w.id)?.map(|old| old.disclosure);
        let changed = self.write(|tx| tx.update(w))?;
        if let Some(old) = before.filter(|old| *old != w.disclosure) {
            let detail = format!("{}→{}", old.code(), w.disclosure.code());
            self.log_access(super::Access::Disclosure, Some(&w.id), &detail)?;
        }
        Ok(changed)
    }

    pub fn delete_worker(&mut self, id: &str) -> Result<()> {
        self.write(|tx| tx.delete::<Worker>(id))?;
        self.log_access(super::Access::Delete, Some(id), "worker")
    }

    /// Brings a deleted worker back, with any edit made meanwhile.
    pub fn restore_worker(&mut self, id: &str) -> Result<()> {
        self.write(|tx| tx.restore::<Worker>(id))
    }

    pub fn worker(&self, id: &str) -> Result<Option<Worker>> {
        record::get(self.conn(), id)
    }

    /// Live workers by kana, without the contact summary.
    pub(crate) fn live_workers(&self) -> Result<Vec<Worker>> {
        let sql = format!(
            "SELECT {} FROM workers WHERE deleted = 0 ORDER BY kana, display_name, id",
            record::select_columns::<Worker>()
        );
        let mut stmt = self.conn().prepare_cached(&sql).during(Task::ReadRecords)?;
        let rows = stmt
            .query_map([], Worker::from_row)
            .during(Task::ReadRecords)?;
        rows.collect::<rusqlite::Result<_>>()
            .during(Task::ReadRecords)
    }

    /// Live workers by kana, with their last contact date, in one query.
    /// Per worker, two ranges of the live-contacts index (migrate.rs,
    /// LIVE_CONTACT_INDEXES): no contact row is read, and no GROUP BY over
    /// every contact is materialised (3× slower on 100k contacts).
    pub fn workers(&self) -> Result<Vec<WorkerRow>> {
        let cols = record::qualified_columns::<Worker>("w");
        let sql = format!(
            "SELECT {cols},
                    (SELECT MAX(date) FROM contacts WHERE worker_id = w.id AND deleted = 0),
                    (SELECT COUNT(*) FROM contacts WHERE worker_id = w.id AND deleted = 0)
             FROM workers w
             WHERE w.deleted = 0
             ORDER BY w.kana, w.display_name, w.id"
        );
        let n = Worker::FIELDS.len();
        let mut stmt = self.conn().prepare_cached(&sql).during(Task::ReadRecords)?;
        let rows = stmt
            .query_map([], |row| {
                Ok(WorkerRow {
                    worker: Worker::from_row(row)?,
                    last_contact: get_opt_date(row, n + 1)?,
                    contact_count: row.get(n + 2)?,
                })
            })
            .during(Task::ReadRecords)?;
        rows.collect::<rusqlite::Result<_>>()
            .during(Task::ReadRecords)
    }

    /// Finds one live worker by id, id prefix, name or kana (spaces ignored), or a
    /// unique part of the name or kana. More than one match is an error that
    /// lists them, so the user can be more precise.
    pub fn resolve_worker(&self, query: &str) -> Result<Worker> {
        // Only the names index (migrate.rs, WORKER_NAMES_INDEX), no worker
        // row: the one found is read by its id.
        let all = self.worker_names()?;
        let id = pick_worker(query, &all)?;
        self.worker(&id)?.ok_or_else(|| Error::UnknownWorker {
            query: query.to_string(),
        })
    }

    /// [`Store::resolve_worker`] among deleted workers (the 削除済み view).
    pub fn resolve_deleted_worker(&self, query: &str) -> Result<Worker> {
        let deleted = self.deleted_workers()?;
        let names: Vec<WorkerName> = deleted
            .iter()
            .map(|w| WorkerName {
                id: w.id.clone(),
                display_name: w.display_name.clone(),
                kana: w.kana.clone(),
            })
            .collect();
        let id = pick_worker(query, &names)?;
        deleted
            .into_iter()
            .find(|w| w.id == id)
            .ok_or_else(|| Error::UnknownWorker {
                query: query.to_string(),
            })
    }
}

/// The one worker `query` names: by id or id prefix, then the whole name or
/// kana (spaces ignored), then a unique part of either.
fn pick_worker(query: &str, all: &[WorkerName]) -> Result<String> {
    let q = squash(query);
    if q.is_empty() {
        return Err(Error::UnknownWorker {
            query: query.to_string(),
        });
    }
    let prefix = q.to_lowercase().replace('-', "");
    let stages: [&dyn Fn(&WorkerName) -> bool; 3] = [
        &|w| {
            w.id == q || (q.len() >= 4 && starts_with(w.id.chars().filter(|c| *c != '-'), &prefix))
        },
        &|w| squashed_eq(&w.display_name, &q) || squashed_eq(&w.kana, &q),
        &|w| squash(&w.display_name).contains(&q) || squash(&w.kana).contains(&q),
    ];
    for stage in stages {
        let found: Vec<&WorkerName> = all.iter().filter(|w| stage(w)).collect();
        match found.as_slice() {
            [] => continue,
            [one] => return Ok(one.id.clone()),
            many => {
                let ids: Vec<&str> = many.iter().map(|w| w.id.as_str()).collect();
                let len = short_id_len(&ids);
                return Err(Error::AmbiguousWorker {
                    query: query.to_string(),
                    candidates: many
                        .iter()
                        .map(|w| format!("{} ({})", w.display_name, short_id(&w.id, len)))
                        .collect(),
                });
            }
        }
    }
    Err(Error::UnknownWorker {
        query: query.to_string(),
    })
}

/// What a worker is found by: the names index's columns.
struct WorkerName {
    id: String,
    display_name: String,
    kana: String,
}

impl Store {
    /// Every live worker's id, name and kana, by kana, from the names index
    /// alone (a covering partial index: no worker row is read).
    fn worker_names(&self) -> Result<Vec<WorkerName>> {
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT id, display_name, kana FROM workers INDEXED BY workers_live_names
                 WHERE deleted = 0 ORDER BY kana, display_name, id",
            )
            .during(Task::ReadRecords)?;
        let rows = stmt
            .query_map([], |row| {
                Ok(WorkerName {
                    id: row.get(0)?,
                    display_name: row.get(1)?,
                    kana: row.get(2)?,
                })
            })
            .during(Task::ReadRecords)?;
        rows.collect::<rusqlite::Result<_>>()
            .during(Task::ReadRecords)
    }
}

/// `squash(s) == q`, without making the squashed text.
fn squashed_eq(s: &str, q: &str) -> bool {
    s.chars().filter(|c| !c.is_whitespace()).eq(q.chars())
}

/// Whether `chars` begins with `prefix`.
fn starts_with(mut chars: impl Iterator<Item = char>, prefix: &str) -> bool {
    prefix.chars().all(|p| chars.next() == Some(p))
}

/// Text without any whitespace (ASCII or the full-width space), for matching names.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The shortest prefix length (at least 8) that tells these ids apart.
pub fn short_id_len(ids: &[&str]) -> usize {
    let mut sorted: Vec<&str> = ids.to_vec();
    sorted.sort_unstable();
    let common = sorted
        .windows(2)
        .map(|w| {
            w[0].bytes()
                .zip(w[1].bytes())
                .take_while(|(a, b)| a == b)
                .count()
        })
        .max()
        .unwrap_or(0);
    (common + 1).max(8)
}

pub fn short_id(id: &str, len: usize) -> &str {
    id.get(..len).unwrap_or(id)
}

impl Store {
    /// The worker's id cut to the shortest prefix that tells every worker
    /// apart (as `worker list` shows it): a code for file names instead of
    /// the worker's name.
    pub fn short_code(&self, worker_id: &str) -> Result<String> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT id FROM workers")
            .during(Task::ReadRecords)?;
        let ids: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .during(Task::ReadRecords)?
            .collect::<rusqlite::Result<_>>()
            .during(Task::ReadRecords)?;
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        Ok(short_id(worker_id, short_id_len(&refs)).to_string())
    }
}
