//! Widgets shared by screens.

pub mod dialog;
pub mod form;
pub mod help_bar;
pub mod radar;
pub mod status_line;
