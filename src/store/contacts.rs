//! Contacts (visits, calls, meetings) and their notes.

use rusqlite::OptionalExtension;

use super::columns::entity;

use super::Store;
use super::record::{self, Entity};
use crate::domain::{Contact, validate};
use crate::error::{DbContext, Result, Task};

entity! {
    Contact {
        kind: "contact",
        table: "contacts",
        notes: ["notes"],
        columns: {
            "worker_id" => worker_id,
            "date" => date,
            "start_time" => start_time,
            "minutes" => minutes,
            "mode" => mode,
            "participants" => participants,
            "notes" => notes,
            "next_action" => next_action,
            "next_due" => next_due,
            "recorded_by" => recorded_by,
            "closed_consent" => consent_confirmed,
            "next_done" => next_done,
        },
    }
}

impl Store {
    /// Records a contact after checking it against its worker (closed employment
    /// included).
    pub fn add_contact(&mut self, c: &Contact) -> Result<()> {
        let worker = self.require_worker(&c.worker_id)?;
        validate::contact(c, &worker)?;
        self.write(|tx| tx.insert(c))
    }

    pub fn update_contact(&mut self, c: &Contact) -> Result<usize> {
        let worker = self.require_worker(&c.worker_id)?;
        validate::contact(c, &worker)?;
        self.write(|tx| tx.update(c))
    }

    pub fn delete_contact(&mut self, id: &str) -> Result<()> {
        let worker = self.contact(id)?.map(|c| c.worker_id);
        // A deleted worker's records are read-only until the worker is
        // restored (the 削除済み view shows them).
        if let Some(w) = &worker {
            self.require_worker(w)?;
        }
        self.write(|tx| tx.delete::<Contact>(id))?;
        self.log_access(
            super::Access::Delete,
            worker.as_deref(),
            &format!("contact {id}"),
        )
    }

    /// Brings a deleted contact back (its worker must be in view: a deleted
    /// worker's contacts come back with the worker).
    pub fn restore_contact(&mut self, id: &str) -> Result<()> {
        let worker: Option<String> = self
            .conn()
            .prepare_cached("SELECT worker_id FROM contacts WHERE id = ?1")
            .and_then(|mut s| s.query_row([id], |r| r.get(0)).optional())
            .during(Task::ReadRecords)?;
        if let Some(w) = &worker {
            self.require_worker(w)?;
        }
        self.write(|tx| tx.restore::<Contact>(id))
    }

    pub fn contact(&self, id: &str) -> Result<Option<Contact>> {
        record::get(self.conn(), id)
    }

    /// A worker's live contacts, newest first.
    pub fn contacts_for(&self, worker_id: &str) -> Result<Vec<Contact>> {
        self.query_contacts("c.worker_id = ?1", worker_id, None)
    }

    /// A worker's `limit` newest live contacts (`contact list`): the same rows
    /// as [`contacts_for`](Self::contacts_for) cut to `limit`, but only those
    /// are read, each a table page decrypted on an encrypted store.
    pub fn recent_contacts_for(&self, worker_id: &str, limit: usize) -> Result<Vec<Contact>> {
        self.query_contacts("c.worker_id = ?1", worker_id, i64::try_from(limit).ok())
    }

    /// The latest contacts across all live workers, newest first.
    pub fn recent_contacts(&self, limit: usize) -> Result<Vec<Contact>> {
        self.query_contacts("?1 = ?1", "", i64::try_from(limit).ok())
    }

    /// Every live contact of every live worker, newest first (CSV).
    pub fn all_contacts(&self) -> Result<Vec<Contact>> {
        let mut all = Vec::new();
        self.each_contact(|c| {
            all.push(c);
            Ok(())
        })?;
        Ok(all)
    }

    /// [`all_contacts`](Self::all_contacts) one at a time, so a CSV of every
    /// contact is written as it is read and never held. The contacts table is
    /// scanned once in its own order and sorted (NOT INDEXED, contacts the
    /// outer loop): through the worker index every contact was a random table
    /// page, on an encrypted store decrypted and authenticated again each time
    /// it fell out of the cache (~100k pages for the bench agency's 13k).
    pub fn each_contact(&self, mut f: impl FnMut(Contact) -> Result<()>) -> Result<()> {
        let cols = record::qualified_columns::<Contact>("c");
        let sql = format!(
            "SELECT {cols} FROM contacts c NOT INDEXED CROSS JOIN workers w ON w.id = c.worker_id
             WHERE c.deleted = 0 AND w.deleted = 0
             ORDER BY c.date DESC, c.start_time DESC, c.id DESC"
        );
        let mut stmt = self.conn().prepare_cached(&sql).during(Task::ReadRecords)?;
        let mut rows = stmt.query([]).during(Task::ReadRecords)?;
        while let Some(row) = rows.next().during(Task::ReadRecords)? {
            f(Contact::from_row(row).during(Task::ReadRecords)?)?;
        }
        Ok(())
    }

    /// `limit` None: no LIMIT clause at all. A huge bound LIMIT makes SQLite
    /// sort through a top-N tree (measured: 3× the reads on 100k contacts).
    fn query_contacts(&self, filter: &str, arg: &str, limit: Option<i64>) -> Result<Vec<Contact>> {
        let cols = record::qualified_columns::<Contact>("c");
        let limit_clause = if limit.is_some() { "LIMIT ?2" } else { "" };
        let sql = format!(
            "SELECT {cols} FROM contacts c JOIN workers w ON w.id = c.worker_id
             WHERE c.deleted = 0 AND w.deleted = 0 AND {filter}
             ORDER BY c.date DESC, c.start_time DESC, c.id DESC {limit_clause}"
        );
        let mut stmt = self.conn().prepare_cached(&sql).during(Task::ReadRecords)?;
        let rows = match limit {
            Some(n) => stmt.query_map(rusqlite::params![arg, n], Contact::from_row),
            None => stmt.query_map(rusqlite::params![arg], Contact::from_row),
        }
        .during(Task::ReadRecords)?;
        rows.collect::<rusqlite::Result<_>>()
            .during(Task::ReadRecords)
    }
}
