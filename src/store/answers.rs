//! Checklist item answers as stored: one synced record per (assessment, item),
//! with the id `<assessment id>/<item id>`, so two supporters answering
//! different items never collide in sync and two answers to the same item
//! resolve to one record.

use rusqlite::Row;
use rusqlite::types::Value;

use super::columns::{Col, entity};
use crate::domain::checklist::Answer;

/// One item answer as stored.
pub(crate) struct AnswerRow {
    pub(super) id: String,
    pub(super) assessment_id: String,
    item: String,
    value: Scale,
    comment: String,
}

entity! {
    AnswerRow {
        kind: "answer",
        table: "answers",
        notes: [],
        columns: {
            "assessment_id" => assessment_id,
            "item" => item,
            "value" => value,
            "comment" => comment,
        },
    }
}

/// The record id of an item answer: deterministic, so every device names the
/// same answer the same way.
pub fn answer_id(assessment_id: &str, item: &str) -> String {
    format!("{assessment_id}/{item}")
}

impl AnswerRow {
    pub(super) fn new(assessment_id: &str, answer: &Answer) -> AnswerRow {
        AnswerRow {
            id: answer_id(assessment_id, &answer.item),
            assessment_id: assessment_id.to_string(),
            item: answer.item.clone(),
            value: Scale(answer.value),
            comment: answer.comment.clone(),
        }
    }

    pub(super) fn into_answer(self) -> Answer {
        Answer {
            item: self.item,
            value: self.value.0,
            comment: self.comment,
        }
    }
}

/// A scale value; none is "not assessed" (NULL).
struct Scale(Option<u8>);

impl Col for Scale {
    fn to_value(&self) -> Value {
        self.0.map_or(Value::Null, |v| Value::Integer(v.into()))
    }
    /// A value that is no scale value (a newer scale arriving by sync) reads
    /// as not assessed rather than failing the screen.
    fn read(row: &Row<'_>, idx: usize) -> rusqlite::Result<Self> {
        let value: Option<i64> = row.get(idx)?;
        Ok(Scale(
            value.and_then(|v| u8::try_from(v).ok()).filter(|v| *v > 0),
        ))
    }
}
