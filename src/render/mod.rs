//! Text renderers shared by the TUI and the CLI: domain values in, text out.

pub mod csv;
pub mod plan;
pub mod radar;
pub mod report;
pub mod summary;
