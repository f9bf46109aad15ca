//! Checklist assessments and their item answers.
//!
//! An assessment's header (worker, instrument, date, respondent, note) is one
//! record; each item answer is its own record with the id
//! `<assessment id>/<item id>`, so every answer's value and comment are separate
//! fields in the change log. Two supporters answering different items never
//! collide in sync, and two answers to the same item resolve to one record.

use super::columns::entity;
use std::collections::HashMap;

use super::Store;
use super::answers::AnswerRow;
use super::record::{self, Entity};
use crate::domain::checklist::{self, Answer, Assessment, Instrument};
use crate::error::{DbContext, Error, Result, Task};

entity! {
    Assessment {
        kind: "assessment",
        table: "assessments",
        notes: [],
        columns: {
            "worker_id" => worker_id,
            "instrument" => instrument,
            "version" => version,
            "date" => date,
            "respondent" => respondent,
            "note" => note,
            "closed_consent" => consent_confirmed,
        },
        // The header only; answers are rows of their own kind, read separately.
        rest: { answers: Vec::new() },
    }
}

impl Store {
    /// Records a new assessment (header and any answers) in one transaction,
    /// after checking it against its instrument and its worker.
    pub fn add_assessment(&mut self, inst: &Instrument, a: &Assessment) -> Result<()> {
        let worker = self.require_worker(&a.worker_id)?;
        checklist::check_assessment(inst, a, worker.is_closed()).map_err(Error::Answers)?;
        self.write(|tx| {
            tx.insert(a)?;
            for ans in &a.answers {
                tx.insert(&AnswerRow::new(&a.id, ans))?;
            }
            Ok(())
        })
    }

    /// Records several assessments in one transaction (demo data, imports):
    /// all of them or none.
    pub fn add_assessments(&mut self, list: &[(&Instrument, Assessment)]) -> Result<()> {
        for (inst, a) in list {
            let worker = self.require_worker(&a.worker_id)?;
            checklist::check_assessment(inst, a, worker.is_closed()).map_err(Error::Answers)?;
        }
        self.write(|tx| {
            for (_, a) in list {
                tx.insert(a)?;
                for ans in &a.answers {
                    tx.insert(&AnswerRow::new(&a.id, ans))?;
                }
            }
            Ok(())
        })
    }

    /// Saves one item answer at once (the fast entry calls this per key).
    /// Creates the answer record the first time, then changes only the fields
    /// that differ, so the change log holds one entry per real change.
    pub fn save_answer(
        &mut self,
        inst: &Instrument,
        assessment_id: &str,
        answer: &Answer,
    ) -> Result<()> {
        let header = self.require_assessment(assessment_id)?;
        if header.instrument != inst.id {
            return Err(Error::Answers(checklist::AnswerError::WrongInstrument {
                expected: inst.id.clone(),
                found: header.instrument,
            }));
        }
        checklist::check_answer(inst, answer).map_err(Error::Answers)?;
        let row = AnswerRow::new(assessment_id, answer);
        let exists = record::get::<AnswerRow>(self.conn(), &row.id)?.is_some();
        self.write(|tx| {
            if exists {
                tx.update(&row).map(|_| ())
            } else {
                tx.insert(&row)
            }
        })
    }

    /// Comments kept for items of an entry in progress that have no answer
    /// yet (item id → comment); see migrate::ENTRY_PENDING_COMMENTS.
    pub fn pending_comments(&self, assessment_id: &str) -> Result<Vec<(String, String)>> {
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT item, comment FROM entry_pending_comments WHERE assessment_id = ?1",
            )
            .during(Task::ReadRecords)?;
        let rows = stmt
            .query_map([assessment_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .during(Task::ReadRecords)?;
        rows.collect::<rusqlite::Result<_>>()
            .during(Task::ReadRecords)
    }

    /// Keeps (or, when empty, forgets) an item's comment until it is answered.
    pub fn keep_pending_comment(
        &mut self,
        assessment_id: &str,
        item: &str,
        comment: &str,
    ) -> Result<()> {
        let sql = if comment.is_empty() {
            "DELETE FROM entry_pending_comments WHERE assessment_id = ?1 AND item = ?2"
        } else {
            "INSERT INTO entry_pending_comments (assessment_id, item, comment) VALUES (?1, ?2, ?3)
             ON CONFLICT (assessment_id, item) DO UPDATE SET comment = excluded.comment"
        };
        let mut stmt = self.conn().prepare_cached(sql).during(Task::SaveRecords)?;
        if comment.is_empty() {
            stmt.execute([assessment_id, item])
        } else {
            stmt.execute([assessment_id, item, comment])
        }
        .during(Task::SaveRecords)?;
        Ok(())
    }

    /// Saves a changed header (date, respondent, note); returns how many
    /// fields changed. Answers are saved with [`Store::save_answer`].
    pub fn update_assessment(&mut self, inst: &Instrument, a: &Assessment) -> Result<usize> {
        let worker = self.require_worker(&a.worker_id)?;
        let header = Assessment {
            answers: Vec::new(),
            ..a.clone()
        };
        checklist::check_assessment(inst, &header, worker.is_closed()).map_err(Error::Answers)?;
        self.write(|tx| tx.update(&header))
    }

    /// Marks an assessment deleted (a tombstone; its answers are hidden with it).
    pub fn delete_assessment(&mut self, id: &str) -> Result<()> {
        self.write(|tx| tx.delete::<Assessment>(id))
    }

    /// One live assessment with its answers.
    pub fn assessment(&self, id: &str) -> Result<Option<Assessment>> {
        let Some(mut a) = record::get::<Assessment>(self.conn(), id)? else {
            return Ok(None);
        };
        a.answers = self
            .query_answers("a.id = ?1", id)?
            .into_iter()
            .map(AnswerRow::into_answer)
            .collect();
        Ok(Some(a))
    }

    fn require_assessment(&self, id: &str) -> Result<Assessment> {
        record::get::<Assessment>(self.conn(), id)?.ok_or_else(|| Error::NotFound {
            kind: Assessment::KIND,
            id: id.to_string(),
        })
    }

    /// A worker's live assessments of every instrument, oldest first, with
    /// their answers (two queries, whatever the count).
    pub fn assessments_for(&self, worker_id: &str) -> Result<Vec<Assessment>> {
        let cols = record::select_columns::<Assessment>();
        let sql = format!(
            "SELECT {cols} FROM assessments WHERE worker_id = ?1 AND deleted = 0
             ORDER BY date, id"
        );
        let mut stmt = self.conn().prepare_cached(&sql).during(Task::ReadRecords)?;
        let mut list: Vec<Assessment> = stmt
            .query_map([worker_id], Assessment::from_row)
            .during(Task::ReadRecords)?
            .collect::<rusqlite::Result<_>>()
            .during(Task::ReadRecords)?;
        let mut by_assessment: HashMap<String, Vec<Answer>> = HashMap::new();
        for r in self.query_answers("a.worker_id = ?1", worker_id)? {
            let assessment = r.assessment_id.clone();
            by_assessment
                .entry(assessment)
                .or_default()
                .push(r.into_answer());
        }
        for a in &mut list {
            a.answers = by_assessment.remove(&a.id).unwrap_or_default();
        }
        Ok(list)
    }

    fn query_answers(&self, filter: &str, arg: &str) -> Result<Vec<AnswerRow>> {
        let cols = record::qualified_columns::<AnswerRow>("x");
        let sql = format!(
            "SELECT {cols} FROM answers x JOIN assessments a ON a.id = x.assessment_id
             WHERE x.deleted = 0 AND a.deleted = 0 AND {filter}
             ORDER BY x.assessment_id, x.item"
        );
        let mut stmt = self.conn().prepare_cached(&sql).during(Task::ReadRecords)?;
        let rows = stmt
            .query_map([arg], AnswerRow::from_row)
            .during(Task::ReadRecords)?;
        rows.collect::<rusqlite::Result<_>>()
            .during(Task::ReadRecords)
    }
}
