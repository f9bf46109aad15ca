//! Widgets shared by screens.

pub mod dialog;
pub mod form;
pub mod help_bar;
pub mod status_line;
