//! Closed employment in the store: a worker's flagged records, read at every
//! call (so records that arrived by sync are caught), and the supporter's
//! confirmation that the worker's consent to one of them was recorded.

use super::Store;
use super::record::{self, Entity};
use crate::domain::checklist::Assessment;
use crate::domain::closed::{self, Conflict};
use crate::domain::{Contact, Worker};
use crate::error::{Error, Result};

impl Store {
    /// The worker's records that conflict with closed employment (none for an
    /// open worker). Pass the worker as it is about to be saved to see what a
    /// change of disclosure would flag.
    pub fn closed_conflicts(&self, worker: &Worker) -> Result<Vec<Conflict>> {
        if !worker.is_closed() {
            return Ok(Vec::new());
        }
        let contacts = self.contacts_for(&worker.id)?;
        let checklists = self.assessments_for(&worker.id)?;
        Ok(closed::conflicts(worker, &contacts, &checklists))
    }

    /// Marks a flagged contact or checklist as confirmed after the worker's
    /// consent was recorded; the mark syncs like any field. `NotFound` for an
    /// id that is neither.
    pub fn confirm_closed_consent(&mut self, id: &str) -> Result<()> {
        if let Some(mut c) = record::get::<Contact>(self.conn(), id)? {
            c.consent_confirmed = true;
            return self.write(|tx| tx.update(&c)).map(|_| ());
        }
        if let Some(mut a) = record::get::<Assessment>(self.conn(), id)? {
            a.consent_confirmed = true;
            return self.write(|tx| tx.update(&a)).map(|_| ());
        }
        Err(Error::NotFound {
            kind: Contact::KIND,
            id: id.to_string(),
        })
    }
}
