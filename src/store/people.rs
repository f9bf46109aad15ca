//! People in a worker's network.

use super::columns::entity;

use super::Store;
use super::record::{self, Entity};
use crate::domain::{Person, Worker, validate};
use crate::error::{DbContext, Error, Result, Task};

entity! {
    Person {
        kind: "person",
        table: "people",
        notes: ["note"],
        columns: {
            "worker_id" => worker_id,
            "name" => name,
            "role" => role,
            "organisation" => organisation,
            "layer" => layer,
            "phone" => phone,
            "email" => email,
            "note" => note,
        },
    }
}

impl Store {
    pub fn add_person(&mut self, p: &Person) -> Result<()> {
        validate::person(p)?;
        self.require_worker(&p.worker_id)?;
        self.write(|tx| tx.insert(p))
    }

    pub fn update_person(&mut self, p: &Person) -> Result<usize> {
        validate::person(p)?;
        self.write(|tx| tx.update(p))
    }

    pub fn delete_person(&mut self, id: &str) -> Result<()> {
        self.write(|tx| tx.delete::<Person>(id))
    }

    pub fn person(&self, id: &str) -> Result<Option<Person>> {
        record::get(self.conn(), id)
    }

    /// A worker's live network, by layer (company, welfare, community), then name.
    pub fn people_for(&self, worker_id: &str) -> Result<Vec<Person>> {
        let sql = format!(
            "SELECT {} FROM people WHERE worker_id = ?1 AND deleted = 0
             ORDER BY CASE layer WHEN 'company' THEN 0 WHEN 'welfare' THEN 1 ELSE 2 END, name, id",
            record::select_columns::<Person>()
        );
        let mut stmt = self.conn().prepare_cached(&sql).during(Task::ReadRecords)?;
        let rows = stmt
            .query_map([worker_id], Person::from_row)
            .during(Task::ReadRecords)?;
        rows.collect::<rusqlite::Result<_>>()
            .during(Task::ReadRecords)
    }

    /// The live worker with this id, or a "no such worker" error.
    pub fn require_worker(&self, id: &str) -> Result<Worker> {
        self.worker(id)?.ok_or_else(|| Error::UnknownWorker {
            query: id.to_string(),
        })
    }
}
