//! Text renderers shared by the TUI and the CLI.

pub mod radar;
pub mod summary;
