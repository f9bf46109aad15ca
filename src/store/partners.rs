//! Partner agencies' last contact, per worker and across the agency
//! (domain::partner).

use chrono::NaiveDate;

use super::Store;
use crate::domain::partner::{self, PartnerContact};
use crate::domain::{Status, Worker};
use crate::error::{DbContext, Result, Task};

/// A partner whose contact has thinned, for the dashboard's hint.
#[derive(Debug, Clone, PartialEq)]
pub struct PartnerHint {
    pub worker_name: String,
    pub person_name: String,
    pub last: NaiveDate,
}

impl Store {
    /// When each welfare/medical and community person of the worker's
    /// resource map was last in touch.
    pub fn partner_contacts(&self, worker_id: &str) -> Result<Vec<PartnerContact>> {
        let people = self.people_for(worker_id)?;
        if !people.iter().any(partner::is_partner) {
            return Ok(Vec::new());
        }
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT date, notes FROM contacts WHERE deleted = 0 AND worker_id = ?1")
            .during(Task::ReadRecords)?;
        let contacts = stmt
            .query_map([worker_id], |row| {
                Ok((super::columns::Col::read(row, 0)?, row.get::<_, String>(1)?))
            })
            .during(Task::ReadRecords)?
            .collect::<rusqlite::Result<Vec<(NaiveDate, String)>>>()
            .during(Task::ReadRecords)?;
        let sharings: Vec<(String, NaiveDate)> = self
            .sharings_for(worker_id)?
            .into_iter()
            .map(|s| (s.person_id, s.date))
            .collect();
        Ok(partner::last_contacts(&people, &contacts, &sharings))
    }

    /// Partners, across the workers in service, contacted more than once and
    /// not for more than `weeks` weeks; longest silent first.
    pub fn partner_hints(&self, today: NaiveDate, weeks: u32) -> Result<Vec<PartnerHint>> {
        let workers: Vec<Worker> = self
            .live_workers()?
            .into_iter()
            .filter(|w| !matches!(w.status, Status::Ended | Status::HandedOver))
            .collect();
        let mut out = Vec::new();
        for w in &workers {
            for pc in self.partner_contacts(&w.id)? {
                if partner::thinned(&pc, today, weeks)
                    && let Some(last) = pc.last
                {
                    out.push(PartnerHint {
                        worker_name: w.display_name.clone(),
                        person_name: pc.person.name.clone(),
                        last,
                    });
                }
            }
        }
        out.sort_by_key(|h| h.last);
        Ok(out)
    }
}
