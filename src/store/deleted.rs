//! The 削除済み view: a delete is a tombstone, so deleted workers and
//! contacts stay readable here and can be restored (`Writer::restore`),
//! with every edit made meanwhile.

use super::Store;
use super::record::{self, Entity};
use crate::domain::{Contact, Worker};
use crate::error::{DbContext, Result, Task};

impl Store {
    /// Deleted workers, by kana.
    pub fn deleted_workers(&self) -> Result<Vec<Worker>> {
        let sql = format!(
            "SELECT {} FROM workers WHERE deleted = 1 ORDER BY kana, display_name, id",
            record::select_columns::<Worker>()
        );
        let mut stmt = self.conn().prepare_cached(&sql).during(Task::ReadRecords)?;
        stmt.query_map([], Worker::from_row)
            .during(Task::ReadRecords)?
            .collect::<rusqlite::Result<_>>()
            .during(Task::ReadRecords)
    }

    /// One deleted worker by id.
    pub fn deleted_worker(&self, id: &str) -> Result<Option<Worker>> {
        Ok(self.deleted_workers()?.into_iter().find(|w| w.id == id))
    }

    /// Deleted contacts, newest first: of `worker_id` when given (deleted
    /// or not), else of every live worker (a deleted worker's contacts go
    /// with the worker: [`Store::contacts_of_deleted_worker`]).
    pub fn deleted_contacts(&self, worker_id: Option<&str>) -> Result<Vec<Contact>> {
        let cols = record::qualified_columns::<Contact>("c");
        let sql = format!(
            "SELECT {cols} FROM contacts c JOIN workers w ON w.id = c.worker_id
             WHERE c.deleted = 1 AND (?1 IS NULL AND w.deleted = 0 OR c.worker_id = ?1)
             ORDER BY c.date DESC, c.start_time DESC, c.id DESC"
        );
        let mut stmt = self.conn().prepare_cached(&sql).during(Task::ReadRecords)?;
        stmt.query_map([worker_id], Contact::from_row)
            .during(Task::ReadRecords)?
            .collect::<rusqlite::Result<_>>()
            .during(Task::ReadRecords)
    }

    /// A deleted worker's contacts that were not deleted themselves (they
    /// come back with the worker), newest first.
    pub fn contacts_of_deleted_worker(&self, worker_id: &str) -> Result<Vec<Contact>> {
        let cols = record::qualified_columns::<Contact>("c");
        let sql = format!(
            "SELECT {cols} FROM contacts c JOIN workers w ON w.id = c.worker_id
             WHERE c.deleted = 0 AND w.deleted = 1 AND c.worker_id = ?1
             ORDER BY c.date DESC, c.start_time DESC, c.id DESC"
        );
        let mut stmt = self.conn().prepare_cached(&sql).during(Task::ReadRecords)?;
        stmt.query_map([worker_id], Contact::from_row)
            .during(Task::ReadRecords)?
            .collect::<rusqlite::Result<_>>()
            .during(Task::ReadRecords)
    }

    /// One contact out of view by id (or id prefix of at least 4
    /// characters: the one it names, when only one): deleted itself, or
    /// hidden with its deleted worker (then restoring the worker brings it
    /// back — see [`Store::restore_contact`]).
    pub fn deleted_contact(&self, id: &str) -> Result<Option<Contact>> {
        let cols = record::qualified_columns::<Contact>("c");
        let sql = format!(
            "SELECT {cols} FROM contacts c JOIN workers w ON w.id = c.worker_id
             WHERE (c.deleted = 1 OR w.deleted = 1)
             AND (c.id = ?1 OR (length(?1) >= 4 AND substr(c.id, 1, length(?1)) = ?1))
             LIMIT 2"
        );
        let mut stmt = self.conn().prepare_cached(&sql).during(Task::ReadRecords)?;
        let found: Vec<Contact> = stmt
            .query_map([id], Contact::from_row)
            .during(Task::ReadRecords)?
            .collect::<rusqlite::Result<_>>()
            .during(Task::ReadRecords)?;
        Ok(match found.as_slice() {
            [one] => Some(one.clone()),
            _ => None,
        })
    }
}
