//! People in a worker's network.

use rusqlite::Row;
use rusqlite::types::Value;

use super::Store;
use super::record::{self, Entity, code, get_code, text};
use crate::domain::{Person, Worker, validate};
use crate::error::{DbContext, Error, Result, Task};

impl Entity for Person {
    const KIND: &'static str = "person";
    const TABLE: &'static str = "people";
    const FIELDS: &'static [&'static str] = &[
        "worker_id",
        "name",
        "role",
        "organisation",
        "layer",
        "phone",
        "email",
        "note",
    ];
    const NOTE_FIELDS: &'static [&'static str] = &["note"];

    fn id(&self) -> &str {
        &self.id
    }

    fn values(&self) -> Vec<Value> {
        vec![
            text(&self.worker_id),
            text(&self.name),
            text(&self.role),
            text(&self.organisation),
            code(self.layer),
            text(&self.phone),
            text(&self.email),
            text(&self.note),
        ]
    }

    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Person {
            id: row.get(0)?,
            worker_id: row.get(1)?,
            name: row.get(2)?,
            role: row.get(3)?,
            organisation: row.get(4)?,
            layer: get_code(row, 5)?,
            phone: row.get(6)?,
            email: row.get(7)?,
            note: row.get(8)?,
        })
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
