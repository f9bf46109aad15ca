//! The synced record kinds: what an import may write, and where.
//!
//! Applying remote change-log entries is generic over these; a new kind (an
//! assessment, a report…) only needs a line in [`KINDS`]. Table and column names
//! in SQL built by sync come from here and nowhere else — never from a bundle.

use super::answers::AnswerRow;
use super::columns::Entity;
use crate::domain::checklist::Assessment;
use crate::domain::handover::{HandoverDecision, Sharing};
use crate::domain::plan::{PlanEvaluation, PlanGoal, PlanReview, PlanVersion};
use crate::domain::prior::PriorRecord;
use crate::domain::report::Report;
use crate::domain::selfreport::SelfReport;
use crate::domain::waiver::Waiver;
use crate::domain::{Contact, Person, Worker};

/// One synced kind, as the change log names it.
#[derive(Debug, Clone, Copy)]
pub struct Kind {
    pub kind: &'static str,
    pub table: &'static str,
    pub fields: &'static [&'static str],
    /// Fields merged as a revision graph with conflicts (see `Entity::NOTE_FIELDS`).
    pub notes: &'static [&'static str],
}

impl Kind {
    pub const fn of<E: Entity>() -> Kind {
        Kind {
            kind: E::KIND,
            table: E::TABLE,
            fields: E::FIELDS,
            notes: E::NOTE_FIELDS,
        }
    }

    pub fn has_field(&self, field: &str) -> bool {
        self.fields.contains(&field)
    }

    pub fn is_note(&self, field: &str) -> bool {
        self.notes.contains(&field)
    }
}

/// Every kind an import applies. Entries of a kind not listed here (from a newer
/// teichaku) are kept in the log and forwarded, but not shown.
pub const KINDS: &[Kind] = &[
    Kind::of::<Worker>(),
    Kind::of::<Person>(),
    Kind::of::<Contact>(),
    Kind::of::<Assessment>(),
    Kind::of::<AnswerRow>(),
    Kind::of::<PlanReview>(),
    Kind::of::<Report>(),
    Kind::of::<PlanVersion>(),
    Kind::of::<PlanGoal>(),
    Kind::of::<PlanEvaluation>(),
    Kind::of::<HandoverDecision>(),
    Kind::of::<Sharing>(),
    Kind::of::<SelfReport>(),
    Kind::of::<PriorRecord>(),
    Kind::of::<Waiver>(),
];

pub fn find(kind: &str) -> Option<&'static Kind> {
    KINDS.iter().find(|k| k.kind == kind)
}

/// The pseudo-field of the delete/restore entries.
pub const DELETED: &str = "deleted";
