//! Contacts (visits, calls, meetings) and their notes.

use rusqlite::Row;
use rusqlite::types::Value;

use super::Store;
use super::record::{
    self, Entity, code, codes, get_code, get_codes, get_date, get_opt_date, opt_date, text,
};
use crate::domain::{Contact, validate};
use crate::error::{DbContext, Result, Task};

impl Entity for Contact {
    const KIND: &'static str = "contact";
    const TABLE: &'static str = "contacts";
    const FIELDS: &'static [&'static str] = &[
        "worker_id",
        "date",
        "start_time",
        "minutes",
        "mode",
        "participants",
        "notes",
        "next_action",
        "next_due",
        "recorded_by",
    ];
    const NOTE_FIELDS: &'static [&'static str] = &["notes"];

    fn id(&self) -> &str {
        &self.id
    }

    fn values(&self) -> Vec<Value> {
        vec![
            text(&self.worker_id),
            opt_date(Some(self.date)),
            self.start_time
                .map_or(Value::Null, |t| Value::Text(t.format("%H:%M").to_string())),
            self.minutes
                .map_or(Value::Null, |m| Value::Integer(m.into())),
            code(self.mode),
            codes(&self.participants),
            text(&self.notes),
            text(&self.next_action),
            opt_date(self.next_due),
            text(&self.recorded_by),
        ]
    }

    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        let time: Option<String> = row.get(3)?;
        let minutes: Option<i64> = row.get(4)?;
        Ok(Contact {
            id: row.get(0)?,
            worker_id: row.get(1)?,
            date: get_date(row, 2)?,
            start_time: time.and_then(|t| crate::domain::dates::parse_time(&t)),
            minutes: minutes.and_then(|m| u32::try_from(m).ok()),
            mode: get_code(row, 5)?,
            participants: get_codes(row, 6)?,
            notes: row.get(7)?,
            next_action: row.get(8)?,
            next_due: get_opt_date(row, 9)?,
            recorded_by: row.get(10)?,
        })
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
        self.write(|tx| tx.delete::<Contact>(id))
    }

    pub fn restore_contact(&mut self, id: &str) -> Result<()> {
        self.write(|tx| tx.restore::<Contact>(id))
    }

    pub fn contact(&self, id: &str) -> Result<Option<Contact>> {
        record::get(self.conn(), id)
    }

    /// A worker's live contacts, newest first.
    pub fn contacts_for(&self, worker_id: &str) -> Result<Vec<Contact>> {
        self.query_contacts("c.worker_id = ?1", worker_id, i64::MAX)
    }

    /// The latest contacts across all live workers, newest first.
    pub fn recent_contacts(&self, limit: usize) -> Result<Vec<Contact>> {
        self.query_contacts("?1 = ?1", "", i64::try_from(limit).unwrap_or(i64::MAX))
    }

    fn query_contacts(&self, filter: &str, arg: &str, limit: i64) -> Result<Vec<Contact>> {
        let cols = record::qualified_columns::<Contact>("c");
        let sql = format!(
            "SELECT {cols} FROM contacts c JOIN workers w ON w.id = c.worker_id
             WHERE c.deleted = 0 AND w.deleted = 0 AND {filter}
             ORDER BY c.date DESC, c.start_time DESC, c.id DESC LIMIT ?2"
        );
        let mut stmt = self.conn().prepare_cached(&sql).during(Task::ReadRecords)?;
        let rows = stmt
            .query_map(rusqlite::params![arg, limit], Contact::from_row)
            .during(Task::ReadRecords)?;
        rows.collect::<rusqlite::Result<_>>()
            .during(Task::ReadRecords)
    }
}
