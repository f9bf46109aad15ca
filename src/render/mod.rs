//! Renderers shared by the TUI and the CLI: domain values in, text (or an HTML
//! document for paper, `html/`) out.

pub mod csv;
pub mod html;
pub mod plan;
pub mod plan_fork;
pub mod radar;
pub mod report;
pub mod summary;
