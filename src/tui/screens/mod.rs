//! One file per screen. `Screen` dispatches to them.

pub mod access;
pub mod audit;
pub mod checklist_entry;
pub mod checklist_start;
pub mod conflicts;
pub mod contact;
pub mod contact_form;
pub mod dashboard;
pub mod dashboard_view;
pub mod decision_form;
pub mod deleted;
pub mod handover;
pub mod help;
pub mod home;
pub mod missed;
pub mod open;
pub mod people;
pub mod person_form;
pub mod plan;
pub mod plan_form;
pub mod prior_form;
pub mod report;
pub mod report_form;
pub mod search;
pub mod selfreport_entry;
pub mod selfreport_import;
pub mod selfreport_month;
pub mod settings_form;
pub mod sharing_form;
pub mod summary;
pub mod sync;
pub mod sync_run;
pub mod waiver_form;
pub mod worker;
pub mod worker_form;
pub mod workers;

use chrono::NaiveDate;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;

use super::app::{Dialog, Effect, Env, Pending};
use super::drafts::ContactDraft;
use super::jobs::{BackgroundJob, Output as JobOutput};
use super::keymap::{Action, Context, Keymap};
use super::widgets::form::Form;
use crate::domain::Code;
use crate::i18n::{Lang, Msg};

/// What every screen file uses to implement [`Component`]: `use super::prelude::*;`.
pub mod prelude {
    pub use super::open::Open;
    pub use super::{Component, DrawEnv};
    pub use crate::tui::app::{Effect, Env};
    pub use crate::tui::jobs::{BackgroundJob, JobEnv, Output as JobOutput};
    pub use crate::tui::keymap::{Action, Context};
    pub use crossterm::event::KeyEvent;
    pub use ratatui::Frame;
    pub use ratatui::layout::Rect;
}

/// What screens may use while drawing (read-only; no database access).
pub struct DrawEnv<'a> {
    pub lang: Lang,
    pub today: NaiveDate,
    pub keymap: &'a Keymap,
}

/// What a reload follows (gitui's "needs update"): everything (a new day, a
/// sync job), or the kinds the store wrote.
pub enum Changes {
    All,
    Kinds(std::collections::BTreeSet<String>),
}

impl Changes {
    pub fn affect(&self, reads: Option<&[&str]>) -> bool {
        match (self, reads) {
            (Changes::All, _) | (_, None) => true,
            (Changes::Kinds(kinds), Some(reads)) => reads.iter().any(|k| kinds.contains(*k)),
        }
    }
}

/// What every screen is. A new screen is one file implementing this (only
/// `context`, `handle` and `draw` are required) and one line in `screens!`
/// below; the app reaches it only through these methods.
pub trait Component {
    /// Which keymap section its keys come from (and the help bar shows).
    fn context(&self) -> Context;
    /// Keys that are typing, not commands (text fields, the list filter).
    fn wants_raw(&self, _ev: &KeyEvent) -> bool {
        false
    }
    fn handle(&mut self, ev: &KeyEvent, action: Option<Action>, env: &mut Env<'_>) -> Effect;
    /// Reads fresh data after a change; `false` when the screen's record is
    /// gone. A screen without data of its own keeps the default.
    fn reload(&mut self, _env: &mut Env<'_>) -> crate::Result<bool> {
        Ok(true)
    }
    /// The synced kinds it shows (change-log names: "worker", "contact", …):
    /// it is reloaded only after a write of one of them. `None` (the default):
    /// after any change.
    fn reads(&self) -> Option<&'static [&'static str]> {
        None
    }
    fn draw(&self, frame: &mut Frame, area: Rect, env: &DrawEnv<'_>);
    /// Pasted text (bracketed paste), for screens with a text field.
    fn paste(&mut self, _text: &str, _env: &mut Env<'_>) {}
    /// Whether leaving would throw typed changes away.
    fn has_unsaved_changes(&self) -> bool {
        false
    }
    /// Whether its draft changed since it was last written.
    fn draft_pending(&self) -> bool {
        false
    }
    /// What is typed, to be kept as a draft (written by the app, restored
    /// after a crash). Screens without drafts keep the default.
    fn draft(&self, _saved_at: &str) -> Option<ContactDraft> {
        None
    }
    /// The draft returned by `draft` is on disk.
    fn draft_saved(&self) {}
    /// Slow work waits to start after the "working…" frame (a sync job).
    fn has_work(&self) -> bool {
        false
    }
    /// That work, to run off the screen's thread (`tui::jobs`).
    fn job(&mut self, _env: &mut Env<'_>) -> Option<BackgroundJob> {
        None
    }
    /// What the job returned (None: it ended without a result).
    fn job_done(&mut self, _out: Option<JobOutput>, _env: &mut Env<'_>) -> Effect {
        Effect::None
    }
    /// The user said yes to the question this screen asked
    /// (`Dialog { on_yes: Pending::Screen, .. }`): do what was asked.
    fn confirmed(&mut self, _env: &mut Env<'_>) -> Effect {
        Effect::None
    }
}

impl<T: Component + ?Sized> Component for Box<T> {
    fn context(&self) -> Context {
        (**self).context()
    }
    fn wants_raw(&self, ev: &KeyEvent) -> bool {
        (**self).wants_raw(ev)
    }
    fn handle(&mut self, ev: &KeyEvent, action: Option<Action>, env: &mut Env<'_>) -> Effect {
        (**self).handle(ev, action, env)
    }
    fn reload(&mut self, env: &mut Env<'_>) -> crate::Result<bool> {
        (**self).reload(env)
    }
    fn reads(&self) -> Option<&'static [&'static str]> {
        (**self).reads()
    }
    fn draw(&self, frame: &mut Frame, area: Rect, env: &DrawEnv<'_>) {
        (**self).draw(frame, area, env)
    }
    fn paste(&mut self, text: &str, env: &mut Env<'_>) {
        (**self).paste(text, env)
    }
    fn has_unsaved_changes(&self) -> bool {
        (**self).has_unsaved_changes()
    }
    fn draft_pending(&self) -> bool {
        (**self).draft_pending()
    }
    fn draft(&self, saved_at: &str) -> Option<ContactDraft> {
        (**self).draft(saved_at)
    }
    fn draft_saved(&self) {
        (**self).draft_saved()
    }
    fn has_work(&self) -> bool {
        (**self).has_work()
    }
    fn job(&mut self, env: &mut Env<'_>) -> Option<BackgroundJob> {
        (**self).job(env)
    }
    fn job_done(&mut self, out: Option<JobOutput>, env: &mut Env<'_>) -> Effect {
        (**self).job_done(out, env)
    }
    fn confirmed(&mut self, env: &mut Env<'_>) -> Effect {
        (**self).confirmed(env)
    }
}

/// The `Component` of a screen that is one form under a title: typing goes
/// to the form, Ctrl-S calls the type's `save(&mut self, env) -> Effect`,
/// Esc asks before throwing changes away; the type gives
/// `title(&self, Lang) -> String` and a `form: Form` field.
macro_rules! form_screen {
    ($ty:ty) => {
        impl $crate::tui::screens::Component for $ty {
            fn context(&self) -> $crate::tui::keymap::Context {
                $crate::tui::keymap::Context::Form
            }
            fn wants_raw(&self, ev: &crossterm::event::KeyEvent) -> bool {
                self.form.wants_raw(ev)
            }
            fn handle(
                &mut self,
                ev: &crossterm::event::KeyEvent,
                action: Option<$crate::tui::keymap::Action>,
                env: &mut $crate::tui::app::Env<'_>,
            ) -> $crate::tui::app::Effect {
                use $crate::tui::widgets::form::Outcome;
                match self.form.handle(ev, action) {
                    Outcome::Nothing | Outcome::Changed => $crate::tui::app::Effect::None,
                    Outcome::Cancel => {
                        $crate::tui::screens::cancel_form(&self.form, None, env.lang)
                    }
                    Outcome::Save => self.save(env),
                }
            }
            fn draw(
                &self,
                frame: &mut ratatui::Frame,
                area: ratatui::layout::Rect,
                env: &$crate::tui::screens::DrawEnv<'_>,
            ) {
                let body = $crate::tui::screens::titled(frame, area, &self.title(env.lang));
                self.form.draw(frame, body);
            }
            fn paste(&mut self, text: &str, _env: &mut $crate::tui::app::Env<'_>) {
                self.form.paste(text);
            }
            fn has_unsaved_changes(&self) -> bool {
                self.form.changed
            }
        }
    };
}
pub(crate) use form_screen;

/// The registration of every screen: one line each.
macro_rules! screens {
    ($($variant:ident($ty:ty),)+) => {
        pub enum Screen { $($variant($ty)),+ }

        impl Screen {
            fn component(&self) -> &dyn Component {
                match self { $(Screen::$variant(s) => s),+ }
            }

            fn component_mut(&mut self) -> &mut dyn Component {
                match self { $(Screen::$variant(s) => s),+ }
            }
        }
    };
}

screens! {
    Dashboard(dashboard::DashboardScreen),
    Workers(workers::WorkersScreen),
    Worker(worker::WorkerScreen),
    Contact(contact::ContactScreen),
    ContactForm(Box<contact_form::ContactForm>),
    WorkerForm(Box<worker_form::WorkerForm>),
    Search(search::SearchScreen),
    SettingsForm(Box<settings_form::SettingsForm>),
    Report(report::ReportScreen),
    Handover(handover::HandoverScreen),
    Missed(missed::MissedScreen),
    People(people::PeopleScreen),
    PersonForm(Box<person_form::PersonForm>),
    PriorForm(Box<prior_form::PriorForm>),
    SharingForm(Box<sharing_form::SharingForm>),
    DecisionForm(Box<decision_form::DecisionForm>),
    ReportForm(Box<report_form::ReportForm>),
    Help(help::HelpScreen),
    ChecklistStart(Box<checklist_start::ChecklistStart>),
    ChecklistEntry(Box<checklist_entry::EntryScreen>),
    Summary(Box<summary::SummaryView>),
    Sync(Box<sync::SyncScreen>),
    Conflicts(conflicts::ConflictsScreen),
    Deleted(deleted::DeletedScreen),
    Conflict(conflicts::ConflictScreen),
    MergeForm(Box<conflicts::MergeForm>),
    Plan(plan::PlanScreen),
    PlanForm(Box<plan_form::PlanForm>),
    Audit(audit::AuditScreen),
    SelfReportEntry(Box<selfreport_entry::EntryScreen>),
    SelfReports(Box<selfreport_month::MonthScreen>),
    SelfReportImport(Box<selfreport_import::ImportScreen>),
    WaiverForm(Box<waiver_form::WaiverForm>),
}

impl Screen {
    pub fn context(&self) -> Context {
        self.component().context()
    }

    pub fn wants_raw(&self, ev: &KeyEvent) -> bool {
        self.component().wants_raw(ev)
    }

    pub fn handle(&mut self, ev: &KeyEvent, action: Option<Action>, env: &mut Env<'_>) -> Effect {
        self.component_mut().handle(ev, action, env)
    }

    /// Reloads it if `changes` touch what it shows.
    pub fn reload(&mut self, changes: &Changes, env: &mut Env<'_>) -> crate::Result<bool> {
        if changes.affect(self.component().reads()) {
            self.component_mut().reload(env)
        } else {
            Ok(true)
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, env: &DrawEnv<'_>) {
        self.component().draw(frame, area, env)
    }

    pub fn paste(&mut self, text: &str, env: &mut Env<'_>) {
        self.component_mut().paste(text, env)
    }

    pub fn has_unsaved_changes(&self) -> bool {
        self.component().has_unsaved_changes()
    }

    pub fn draft_pending(&self) -> bool {
        self.component().draft_pending()
    }

    pub fn draft(&self, saved_at: &str) -> Option<ContactDraft> {
        self.component().draft(saved_at)
    }

    pub fn draft_saved(&self) {
        self.component().draft_saved()
    }

    pub fn has_work(&self) -> bool {
        self.component().has_work()
    }

    pub fn job(&mut self, env: &mut Env<'_>) -> Option<BackgroundJob> {
        self.component_mut().job(env)
    }

    pub fn job_done(&mut self, out: Option<JobOutput>, env: &mut Env<'_>) -> Effect {
        self.component_mut().job_done(out, env)
    }

    pub fn confirmed(&mut self, env: &mut Env<'_>) -> Effect {
        self.component_mut().confirmed(env)
    }
}

/// The screens a global key opens over the current one (F1 help; F5 sync
/// from the home screens), or None when the key means nothing there.
pub fn open_global(
    action: Action,
    top: Option<&Screen>,
    env: &mut Env<'_>,
) -> Option<crate::Result<Screen>> {
    match action {
        Action::Help if !matches!(top, Some(Screen::Help(_))) => Some(Ok(Screen::Help(
            help::HelpScreen::from(top.map(Screen::context)),
        ))),
        Action::Sync if matches!(top, Some(Screen::Workers(_) | Screen::Dashboard(_))) => {
            Some(sync::SyncScreen::load(env).map(|s| Screen::Sync(Box::new(s))))
        }
        Action::Deleted if matches!(top, Some(Screen::Workers(_) | Screen::Dashboard(_))) => {
            Some(deleted::DeletedScreen::load(None, env).map(Screen::Deleted))
        }
        Action::AccessLog if matches!(top, Some(Screen::Workers(_) | Screen::Dashboard(_))) => {
            Some(audit::AuditScreen::load(env).map(Screen::Audit))
        }
        _ => None,
    }
}

/// Esc on a form: leave at once when nothing was typed, else ask before
/// throwing the changes (and `draft`, if the form keeps one) away.
pub fn cancel_form(form: &Form, draft: Option<String>, lang: Lang) -> Effect {
    if form.changed {
        Effect::Confirm(Dialog {
            message: Msg::DiscardChanges.text(lang).to_string(),
            on_yes: Pending::Discard { draft },
        })
    } else {
        Effect::Pop
    }
}

/// A save that found errors: they are shown beside their fields, the cursor
/// goes to the first, and the status line says nothing was saved.
pub fn fix_errors(form: &mut Form, lang: Lang) -> Effect {
    form.focus_first_error();
    fix_errors_message(lang)
}

/// The status line for a save refused with errors beside the fields.
pub fn fix_errors_message(lang: Lang) -> Effect {
    Effect::Status(Msg::FixErrors.text(lang).to_string())
}

/// The closed-employment marker in lists: a word, not a symbol.
pub fn closed_mark(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "クローズ",
        Lang::En => crate::domain::Disclosure::Closed.code(),
    }
}

/// "Left/Right" from the live keymap.
pub fn choice_hint(keymap: &Keymap, l: Lang) -> String {
    let prev = keymap
        .first_key(Context::Form, Action::ChoicePrev)
        .unwrap_or_default();
    let next = keymap
        .first_key(Context::Form, Action::ChoiceNext)
        .unwrap_or_default();
    match l {
        Lang::Ja => format!("{prev}/{next} で選ぶ"),
        Lang::En => format!("{prev}/{next} to choose"),
    }
}

/// A title line: bold text on the first row of `area`.
/// The title row, and the area under it (after a blank row) for the body.
pub fn titled(frame: &mut Frame, area: Rect, text: &str) -> Rect {
    title(frame, area, text);
    Rect {
        y: area.y.saturating_add(2).min(area.bottom()),
        height: area.height.saturating_sub(2),
        ..area
    }
}

pub fn title(frame: &mut Frame, area: Rect, text: &str) {
    use ratatui::style::{Modifier, Style};
    use ratatui::widgets::Paragraph;
    let row = Rect {
        height: 1.min(area.height),
        ..area
    };
    frame.render_widget(
        Paragraph::new(crate::text::ellipsize(text, usize::from(area.width)))
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
