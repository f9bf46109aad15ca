//! Waived duties (domain::waiver), per worker: synced like any kind.

use chrono::NaiveDate;

use super::Store;
use super::columns::entity;
use super::record::{self, Entity};
use crate::domain::dates::YearMonth;
use crate::domain::validate::{self, Invalid};
use crate::domain::waiver::{WaivedDuty, Waiver};
use crate::error::{DbContext, Error, Result, Task};

entity! {
    Waiver {
        kind: "waiver",
        table: "waivers",
        notes: [],
        columns: {
            "worker_id" => worker_id,
            "duty" => duty,
            "month" => month,
            "reason" => reason,
            "waived_on" => waived_on,
            "waived_by" => waived_by,
        },
    }
}

impl Store {
    /// Saves waivers of one worker's duties, all or none, in one
    /// transaction. Refused (nothing saved) without a reason, for a monthly
    /// duty without its month or a handover with one, for a month outside the
    /// service or after today's, or for a duty already waived.
    pub fn add_waivers(&mut self, waivers: &[Waiver], today: NaiveDate) -> Result<()> {
        let mut held: Vec<Waiver> = Vec::new();
        for v in waivers {
            let worker = self.require_worker(&v.worker_id)?;
            if v.reason.trim().is_empty() {
                return Err(Error::Invalid(Invalid::WaiverReason));
            }
            validate::plausible("waiver date", Some(v.waived_on))?;
            match (v.duty.monthly(), v.month) {
                (Some(_), None) => return Err(Error::Invalid(Invalid::WaiverMonth)),
                (None, Some(_)) => return Err(Error::Invalid(Invalid::WaiverHandoverMonth)),
                _ => {}
            }
            if let Some(month) = v.month {
                let inside = worker.service_period().is_some_and(|p| {
                    YearMonth::of(p.start) <= month && month <= YearMonth::of(p.end)
                });
                if !inside || month > YearMonth::of(today) {
                    return Err(Error::Invalid(Invalid::WaiverOutsideService { month }));
                }
            }
            if held.is_empty() {
                held = self.waivers_for("")?;
            }
            let same =
                |w: &Waiver| w.worker_id == v.worker_id && w.duty == v.duty && w.month == v.month;
            if held.iter().any(same) || waivers.iter().filter(|w| same(w)).count() > 1 {
                return Err(Error::Invalid(Invalid::AlreadyWaived {
                    handover: v.duty == WaivedDuty::Handover,
                    month: v.month,
                }));
            }
        }
        self.write(|tx| {
            for v in waivers {
                tx.insert(v)?;
            }
            Ok(())
        })
    }

    /// A worker's waivers (every worker's with ""), by duty and month.
    pub fn waivers_for(&self, worker_id: &str) -> Result<Vec<Waiver>> {
        let sql = format!(
            "SELECT {} FROM waivers WHERE deleted = 0 AND (?1 = '' OR worker_id = ?1)
             ORDER BY duty, month, waived_on",
            record::select_columns::<Waiver>()
        );
        let mut stmt = self.conn().prepare_cached(&sql).during(Task::ReadRecords)?;
        let rows = stmt
            .query_map([worker_id], Waiver::from_row)
            .during(Task::ReadRecords)?;
        rows.collect::<rusqlite::Result<_>>()
            .during(Task::ReadRecords)
    }

    /// A worker's waivers of one kind of duty.
    pub fn waivers_of(&self, worker_id: &str, duty: WaivedDuty) -> Result<Vec<Waiver>> {
        let mut list = self.waivers_for(worker_id)?;
        list.retain(|v| v.duty == duty);
        Ok(list)
    }

    /// A worker's handover waiver (at most one is saved), in a list.
    pub fn handover_waivers(&self, worker_id: &str) -> Result<Vec<Waiver>> {
        self.waivers_of(worker_id, WaivedDuty::Handover)
    }
}
