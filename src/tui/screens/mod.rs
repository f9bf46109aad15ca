//! One file per screen; each exposes `draw(frame, area, state, lang)`.

pub mod checklist_entry;
pub mod summary;
