//! The terminal interface. (The app loop and keymap live beside these; the
//! checklist screens and the radar widget are drawn from plain state structs.)

pub mod screens;
pub mod widgets;
