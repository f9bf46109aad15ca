//! Pure domain code: no I/O, no SQL, no terminal.

pub mod checklist;
pub mod checklist_entry;
pub mod checklist_score;
pub mod closed;
pub mod codes;
pub mod contact;
pub mod dates;
pub mod follow_up;
pub mod handover;
pub mod partner;
pub mod person;
pub mod plan;
pub mod plan_fork;
pub mod prior;
pub mod report;
pub mod schedule;
pub mod selfreport;
pub mod selfreport_import;
pub mod selfreport_mapping;
pub mod selfreport_trend;
pub mod selfreport_warning;
pub mod validate;
pub mod waiver;
pub mod worker;

pub use codes::Code;
pub use contact::{Contact, Mode, Participant};
pub use person::{Layer, Person};
pub use plan::PlanReview;
pub use worker::{Category, Disclosure, ServicePeriod, ServiceType, Status, Worker};
