//! One file per screen. `Screen` dispatches to them.

pub mod checklist_entry;
pub mod checklist_start;
pub mod conflicts;
pub mod contact;
pub mod contact_form;
pub mod dashboard;
pub mod help;
pub mod report;
pub mod report_form;
pub mod search;
pub mod summary;
pub mod sync;
pub mod sync_run;
pub mod worker;
pub mod worker_form;
pub mod workers;

use chrono::NaiveDate;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;

use super::app::{Effect, Env};
use super::keymap::{Action, Context, Keymap};
use crate::i18n::Lang;

/// What screens may use while drawing (read-only; no database access).
pub struct DrawEnv<'a> {
    pub lang: Lang,
    pub today: NaiveDate,
    pub keymap: &'a Keymap,
}

pub enum Screen {
    Dashboard(dashboard::DashboardScreen),
    Workers(workers::WorkersScreen),
    Worker(worker::WorkerScreen),
    Contact(contact::ContactScreen),
    ContactForm(Box<contact_form::ContactForm>),
    WorkerForm(Box<worker_form::WorkerForm>),
    Search(search::SearchScreen),
    Report(report::ReportScreen),
    ReportForm(Box<report_form::ReportForm>),
    Help(help::HelpScreen),
    ChecklistStart(Box<checklist_start::ChecklistStart>),
    ChecklistEntry(Box<checklist_entry::EntryScreen>),
    Summary(Box<summary::SummaryView>),
    Sync(Box<sync::SyncScreen>),
    Conflicts(conflicts::ConflictsScreen),
    Conflict(conflicts::ConflictScreen),
    MergeForm(Box<conflicts::MergeForm>),
}

impl Screen {
    pub fn context(&self) -> Context {
        match self {
            Screen::Dashboard(_) => Context::Dashboard,
            Screen::Workers(_) => Context::Workers,
            Screen::Worker(_) => Context::Worker,
            Screen::Contact(_) => Context::Contact,
            Screen::Search(_) => Context::Search,
            Screen::Report(_) => Context::Report,
            Screen::ContactForm(_)
            | Screen::WorkerForm(_)
            | Screen::MergeForm(_)
            | Screen::ReportForm(_) => Context::Form,
            Screen::Help(_) => Context::Help,
            Screen::ChecklistStart(_) => Context::Form,
            Screen::ChecklistEntry(_) => Context::Checklist,
            Screen::Summary(_) => Context::Summary,
            Screen::Sync(s) => s.context(),
            Screen::Conflicts(_) => Context::Conflicts,
            Screen::Conflict(_) => Context::Conflict,
        }
    }

    /// Keys that are typing, not commands (text fields, the list filter).
    pub fn wants_raw(&self, ev: &KeyEvent) -> bool {
        match self {
            Screen::Workers(s) => s.wants_raw(ev),
            Screen::ContactForm(f) => f.form.wants_raw(ev),
            Screen::WorkerForm(f) => f.form.wants_raw(ev),
            Screen::ChecklistStart(f) => f.form.wants_raw(ev),
            Screen::ChecklistEntry(e) => e.wants_raw(ev),
            Screen::MergeForm(f) => f.form.wants_raw(ev),
            Screen::Sync(s) => s.wants_raw(ev),
            Screen::ReportForm(f) => f.form.wants_raw(ev),
            Screen::Search(s) => s.wants_raw(ev),
            _ => false,
        }
    }

    pub fn handle(&mut self, ev: &KeyEvent, action: Option<Action>, env: &mut Env<'_>) -> Effect {
        match self {
            Screen::Dashboard(s) => s.handle(action, env),
            Screen::Workers(s) => s.handle(ev, action, env),
            Screen::Worker(s) => s.handle(action, env),
            Screen::Contact(s) => s.handle(action, env),
            Screen::ContactForm(f) => f.handle(ev, action, env),
            Screen::WorkerForm(f) => f.handle(ev, action, env),
            Screen::Search(s) => s.handle(ev, action, env),
            Screen::Report(s) => s.handle(action, env),
            Screen::ReportForm(f) => f.handle(ev, action, env),
            Screen::Help(s) => s.handle(action),
            Screen::ChecklistStart(f) => f.handle(ev, action, env),
            Screen::ChecklistEntry(e) => e.handle(ev, action, env),
            Screen::Summary(s) => s.handle(action, env),
            Screen::Sync(s) => s.handle(ev, action, env),
            Screen::Conflicts(s) => s.handle(action),
            Screen::Conflict(s) => s.handle(action, env),
            Screen::MergeForm(f) => f.handle(ev, action, env),
        }
    }

    /// Reads fresh data after a change; `false` when the screen's record is gone.
    /// The dashboard only notes that it must re-read before it is shown again.
    pub fn reload(&mut self, env: &mut Env<'_>) -> crate::Result<bool> {
        match self {
            Screen::Dashboard(s) => {
                s.mark_stale();
                Ok(true)
            }
            Screen::Workers(s) => s.reload(env).map(|()| true),
            Screen::Worker(s) => s.reload(env),
            Screen::Contact(s) => s.reload(env),
            Screen::Summary(s) => s.reload(env),
            Screen::Sync(s) => s.reload(env).map(|()| true),
            Screen::Conflicts(s) => s.reload(env).map(|()| true),
            Screen::Conflict(s) => s.reload(env),
            Screen::Search(s) => s.reload(env).map(|()| true),
            Screen::Report(s) => s.reload(env),
            Screen::ContactForm(_)
            | Screen::WorkerForm(_)
            | Screen::MergeForm(_)
            | Screen::ReportForm(_)
            | Screen::Help(_)
            | Screen::ChecklistStart(_)
            | Screen::ChecklistEntry(_) => Ok(true),
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, env: &DrawEnv<'_>) {
        match self {
            Screen::Dashboard(s) => s.draw(frame, area, env),
            Screen::Workers(s) => s.draw(frame, area, env),
            Screen::Worker(s) => s.draw(frame, area, env),
            Screen::Contact(s) => s.draw(frame, area, env),
            Screen::ContactForm(f) => f.draw(frame, area, env),
            Screen::WorkerForm(f) => f.draw(frame, area, env),
            Screen::Search(s) => s.draw(frame, area, env),
            Screen::Report(s) => s.draw(frame, area, env),
            Screen::ReportForm(f) => f.draw(frame, area, env),
            Screen::Help(s) => s.draw(frame, area, env),
            Screen::ChecklistStart(f) => f.draw(frame, area, env),
            Screen::ChecklistEntry(e) => checklist_entry::draw(frame, area, e, env.lang),
            Screen::Summary(s) => s.draw(frame, area, env),
            Screen::Sync(s) => s.draw(frame, area, env),
            Screen::Conflicts(s) => s.draw(frame, area, env),
            Screen::Conflict(s) => s.draw(frame, area, env),
            Screen::MergeForm(f) => f.draw(frame, area, env),
        }
    }

    pub fn has_unsaved_changes(&self) -> bool {
        match self {
            Screen::ContactForm(f) => f.form.changed,
            Screen::WorkerForm(f) => f.form.changed,
            Screen::MergeForm(f) => f.form.changed,
            Screen::ReportForm(f) => f.form.changed,
            _ => false,
        }
    }

    /// A contact form whose note changed since its draft was last written.
    pub fn draft_pending(&self) -> bool {
        matches!(self, Screen::ContactForm(f) if f.draft_pending())
    }
}

/// A title line: bold text on the first row of `area`.
pub fn title(frame: &mut Frame, area: Rect, text: &str) {
    use ratatui::style::{Modifier, Style};
    use ratatui::widgets::Paragraph;
    let row = Rect {
        height: 1.min(area.height),
        ..area
    };
    frame.render_widget(
        Paragraph::new(crate::text::truncate(text, usize::from(area.width)))
            .style(Style::default().add_modifier(Modifier::BOLD)),
        row,
    );
}

/// Text wrapped by glyph (Japanese has no spaces for ratatui's word wrap to
/// break at), as a paragraph filling `area`.
pub fn wrapped(frame: &mut Frame, area: Rect, text: &str) {
    use ratatui::text::Line;
    use ratatui::widgets::Paragraph;
    let lines: Vec<Line> = crate::text::wrap(text, usize::from(area.width))
        .into_iter()
        .map(Line::from)
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}
