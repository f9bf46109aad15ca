//! Closed employment in the store: a worker's flagged records, read at every
//! call (so records that arrived by sync are caught), and the supporter's
//! confirmation that the worker's consent to one of them was recorded.

use std::collections::HashMap;

use super::Store;
use super::columns::Col;
use super::record::{self, Entity};
use crate::domain::checklist::Assessment;
use crate::domain::closed::{self, Conflict};
use crate::domain::contact::Participant;
use crate::domain::handover::Sharing;
use crate::domain::validate;
use crate::domain::{Contact, Worker};
use crate::error::{DbContext, Error, Result, Task};

impl Store {
    /// The worker's records that conflict with closed employment (none for an
    /// open worker). Pass the worker as it is about to be saved to see what a
    /// change of disclosure would flag.
    pub fn closed_conflicts(&self, worker: &Worker) -> Result<Vec<Conflict>> {
        if !worker.is_closed() {
            return Ok(Vec::new());
        }
        let contacts = self.contacts_for(&worker.id)?;
        let checklists = self.assessment_headers_for(&worker.id)?;
        let sharings = self.sharings_for(&worker.id)?;
        let people = if sharings.is_empty() {
            Vec::new()
        } else {
            self.people_for(&worker.id)?
        };
        Ok(closed::conflicts(
            worker,
            closed::Records {
                contacts: &contacts,
                checklists: &checklists,
                sharings: &sharings,
                people: &people,
            },
        ))
    }

    /// How many of the worker's flagged records fall in `month`: an employer
    /// copy of that month's report is refused while there are any (a draft
    /// made on a laptop that did not know the worker is closed may quote them).
    pub fn closed_flags_in_month(
        &self,
        worker: &Worker,
        month: crate::domain::dates::YearMonth,
    ) -> Result<usize> {
        Ok(self
            .closed_conflicts(worker)?
            .iter()
            .filter(|c| month.contains(c.date()))
            .count())
    }

    /// How many flagged records each closed-employment worker in `workers`
    /// has, in two queries whatever the count (for the dashboard). Workers
    /// without flags are left out.
    pub fn closed_flag_counts(&self, workers: &[Worker]) -> Result<HashMap<String, usize>> {
        let by_id: HashMap<&str, &Worker> = workers
            .iter()
            .filter(|w| w.is_closed())
            .map(|w| (w.id.as_str(), w))
            .collect();
        let mut counts: HashMap<String, usize> = HashMap::new();
        if by_id.is_empty() {
            return Ok(counts);
        }
        // Contacts: mode, participants and the consent mark from the covering
        // index, no contact row read (every page read is decrypted).
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT x.worker_id, x.mode, x.participants
                 FROM contacts x INDEXED BY contacts_live_worker_facts
                 JOIN workers w ON w.id = x.worker_id
                 WHERE x.deleted = 0 AND w.deleted = 0 AND w.disclosure = 'closed'
                   AND x.closed_consent = 0",
            )
            .during(Task::ReadRecords)?;
        let rows = stmt
            .query_map([], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    Col::read(row, 1)?,
                    <Vec<Participant> as Col>::read(row, 2)?,
                ))
            })
            .during(Task::ReadRecords)?;
        for row in rows {
            let (worker_id, mode, participants) = row.during(Task::ReadRecords)?;
            if let Some(w) = by_id.get(worker_id.as_str())
                && validate::closed_conflict_of(mode, &participants, w).is_some()
            {
                *counts.entry(worker_id).or_default() += 1;
            }
        }
        let closed = "JOIN workers w ON w.id = x.worker_id
             WHERE x.deleted = 0 AND w.deleted = 0 AND w.disclosure = 'closed'
               AND x.closed_consent = 0";
        let sql = format!(
            "SELECT {} FROM assessments x {closed}",
            record::qualified_columns::<Assessment>("x")
        );
        let mut stmt = self.conn().prepare_cached(&sql).during(Task::ReadRecords)?;
        let rows = stmt
            .query_map([], Assessment::from_row)
            .during(Task::ReadRecords)?;
        for row in rows {
            let a = row.during(Task::ReadRecords)?;
            if let Some(w) = by_id.get(a.worker_id.as_str())
                && closed::checklist_flagged(&a, w)
            {
                *counts.entry(a.worker_id).or_default() += 1;
            }
        }
        // Handover sharings (a few, near the end of the service), each
        // recipient read by id.
        let sql = format!(
            "SELECT {} FROM handover_sharings x
             JOIN workers w ON w.id = x.worker_id
             WHERE x.deleted = 0 AND w.deleted = 0 AND w.disclosure = 'closed'",
            record::qualified_columns::<Sharing>("x")
        );
        let mut stmt = self.conn().prepare_cached(&sql).during(Task::ReadRecords)?;
        let sharings: Vec<Sharing> = stmt
            .query_map([], Sharing::from_row)
            .during(Task::ReadRecords)?
            .collect::<rusqlite::Result<_>>()
            .during(Task::ReadRecords)?;
        for s in sharings {
            if let Some(w) = by_id.get(s.worker_id.as_str()) {
                let person = self.person(&s.person_id)?;
                if closed::sharing_flag(&s, person.as_ref(), w).is_some() {
                    *counts.entry(s.worker_id).or_default() += 1;
                }
            }
        }
        Ok(counts)
    }

    /// A worker's live checklist headers, without their answers (the flag
    /// needs only the respondent; read on every dashboard).
    fn assessment_headers_for(&self, worker_id: &str) -> Result<Vec<Assessment>> {
        let sql = format!(
            "SELECT {} FROM assessments WHERE worker_id = ?1 AND deleted = 0",
            record::select_columns::<Assessment>()
        );
        let mut stmt = self.conn().prepare_cached(&sql).during(Task::ReadRecords)?;
        let rows = stmt
            .query_map([worker_id], Assessment::from_row)
            .during(Task::ReadRecords)?;
        rows.collect::<rusqlite::Result<_>>()
            .during(Task::ReadRecords)
    }

    /// Withdraws a handover sharing (a deletion that syncs like any other):
    /// how a flagged sharing with the workplace of a closed worker is
    /// resolved. `NotFound` for an id that is not a live sharing.
    pub fn withdraw_sharing(&mut self, id: &str) -> Result<Sharing> {
        let Some(s) = record::get::<Sharing>(self.conn(), id)? else {
            return Err(Error::NotFound {
                kind: Sharing::KIND,
                id: id.to_string(),
            });
        };
        self.write(|tx| tx.delete::<Sharing>(id))?;
        self.log_access(
            super::Access::Delete,
            Some(&s.worker_id),
            &format!("handover_sharing {id}"),
        )?;
        Ok(s)
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
        // A sharing with the workplace of a closed worker is not confirmed
        // but withdrawn (`handover withdraw`).
        if record::get::<Sharing>(self.conn(), id)?.is_some() {
            return Err(validate::Invalid::SharingWithdrawOnly.into());
        }
        Err(Error::NotFound {
            kind: Contact::KIND,
            id: id.to_string(),
        })
    }
}
