//! Handover decisions (要継続支援) and the sharing log, per worker.

use super::columns::entity;

use super::Store;
use super::record::{self, Entity};
use crate::domain::handover::{HandoverDecision, Sharing};
use crate::domain::validate;
use crate::error::{DbContext, Result, Task};

entity! {
    HandoverDecision {
        kind: "handover_decision",
        table: "handover_decisions",
        notes: ["reasons"],
        columns: {
            "worker_id" => worker_id,
            "needs_support" => needs_support,
            "decided_on" => decided_on,
            "reasons" => reasons,
            "recorded_by" => recorded_by,
        },
    }
}

entity! {
    Sharing {
        kind: "handover_sharing",
        table: "handover_sharings",
        notes: ["note"],
        columns: {
            "worker_id" => worker_id,
            "person_id" => person_id,
            "items" => items,
            "plan_version" => plan_version,
            "method" => method,
            "date" => date,
            "consent" => consent,
            "takes_over" => takes_over,
            "note" => note,
            "recorded_by" => recorded_by,
            "people" => people,
        },
    }
}

impl Store {
    /// Saves a decision. Its date is checked against the worker by the
    /// caller, who knows today (validate::past_date).
    pub fn add_handover_decision(&mut self, d: &HandoverDecision) -> Result<()> {
        self.require_worker(&d.worker_id)?;
        validate::plausible("decision date", Some(d.decided_on))?;
        self.write(|tx| tx.insert(d))
    }

    /// Saves a sharing; refused unless its person is in the worker's
    /// resource map (a live person of that worker).
    pub fn add_sharing(&mut self, s: &Sharing) -> Result<()> {
        let worker = self.require_worker(&s.worker_id)?;
        let person = self.person(&s.person_id)?;
        validate::sharing(s, &worker, person.as_ref())?;
        self.write(|tx| tx.insert(s))
    }

    /// A worker's decisions, newest first.
    pub fn handover_decisions_for(&self, worker_id: &str) -> Result<Vec<HandoverDecision>> {
        self.list_for::<HandoverDecision>(worker_id, "decided_on DESC, id DESC")
    }

    /// A worker's sharing log, oldest first.
    pub fn sharings_for(&self, worker_id: &str) -> Result<Vec<Sharing>> {
        self.list_for::<Sharing>(worker_id, "date, id")
    }

    fn list_for<E: Entity>(&self, worker_id: &str, order: &str) -> Result<Vec<E>> {
        let sql = format!(
            "SELECT {} FROM {} WHERE worker_id = ?1 AND deleted = 0 ORDER BY {order}",
            record::select_columns::<E>(),
            E::TABLE
        );
        let mut stmt = self.conn().prepare_cached(&sql).during(Task::ReadRecords)?;
        let rows = stmt
            .query_map([worker_id], E::from_row)
            .during(Task::ReadRecords)?;
        rows.collect::<rusqlite::Result<_>>()
            .during(Task::ReadRecords)
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::handover::{ShareMethod, SharedItem};
    use crate::domain::{Layer, Person, Worker};
    use crate::store;

    #[test]
    fn a_sharing_must_name_a_person_of_this_workers_resource_map() {
        let mut store = Store::open_in_memory().unwrap();
        let a = Worker::new(store::new_id(), "A".into());
        let b = Worker::new(store::new_id(), "B".into());
        store.add_worker(&a).unwrap();
        store.add_worker(&b).unwrap();
        let of_b = Person {
            id: store::new_id(),
            worker_id: b.id.clone(),
            name: "森".into(),
            role: String::new(),
            organisation: String::new(),
            layer: Layer::Welfare,
            phone: String::new(),
            email: String::new(),
            note: String::new(),
        };
        store.add_person(&of_b).unwrap();
        let mut s = Sharing {
            id: store::new_id(),
            worker_id: a.id.clone(),
            person_id: of_b.id.clone(),
            items: vec![SharedItem::Plan],
            plan_version: String::new(),
            method: ShareMethod::Document,
            date: NaiveDate::from_ymd_opt(2027, 5, 1).unwrap(),
            consent: true,
            takes_over: true,
            people: false,
            note: String::new(),
            recorded_by: String::new(),
        };
        for person in [of_b.id.clone(), "nobody".into()] {
            s.person_id = person;
            assert!(matches!(
                store.add_sharing(&s),
                Err(crate::Error::Invalid(validate::Invalid::NotInResourceMap))
            ));
        }
        assert!(store.sharings_for(&a.id).unwrap().is_empty());
        s.worker_id = b.id.clone();
        s.person_id = of_b.id.clone();
        store.add_sharing(&s).unwrap();
        assert_eq!(store.sharings_for(&b.id).unwrap(), vec![s]);
    }
}
