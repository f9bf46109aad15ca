//! Duties done elsewhere before teichaku (domain::prior), per worker.

use super::columns::entity;

use super::Store;
use super::record::{self, Entity};
use crate::domain::prior::PriorRecord;
use crate::domain::validate::{self, Invalid};
use crate::error::{DbContext, Error, Result, Task};

entity! {
    PriorRecord {
        kind: "prior_record",
        table: "prior_records",
        notes: ["note"],
        columns: {
            "worker_id" => worker_id,
            "from_month" => from,
            "to_month" => to,
            "contact_worker" => contact_worker,
            "report" => report,
            "contact_employer" => contact_employer,
            "plan_reviewed_on" => plan_reviewed_on,
            "note" => note,
            "recorded_by" => recorded_by,
        },
    }
}

impl Store {
    /// Saves what was done elsewhere; refused when it says nothing or its
    /// months run backwards.
    pub fn add_prior(&mut self, p: &PriorRecord) -> Result<()> {
        self.require_worker(&p.worker_id)?;
        if p.is_empty() {
            return Err(Error::Invalid(Invalid::NothingPrior));
        }
        if p.from > p.to {
            return Err(Error::Invalid(Invalid::MonthsBackwards));
        }
        validate::plausible("plan review date", p.plan_reviewed_on)?;
        self.write(|tx| tx.insert(p))
    }

    /// A worker's records of duties done elsewhere (all workers' with "").
    pub fn priors_for(&self, worker_id: &str) -> Result<Vec<PriorRecord>> {
        let sql = format!(
            "SELECT {} FROM prior_records WHERE deleted = 0 AND (?1 = '' OR worker_id = ?1)
             ORDER BY from_month",
            record::select_columns::<PriorRecord>()
        );
        let mut stmt = self.conn().prepare_cached(&sql).during(Task::ReadRecords)?;
        let rows = stmt
            .query_map([worker_id], PriorRecord::from_row)
            .during(Task::ReadRecords)?;
        rows.collect::<rusqlite::Result<_>>()
            .during(Task::ReadRecords)
    }
}
