//! The application state: a stack of screens, an optional confirmation dialog,
//! a status line. Data flows one way: key → action → screen → effect → store →
//! reload → draw. Nothing here touches the terminal; `tui::run` does.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};

use super::backup_at_quit::BackupAtQuit;
use super::drafts::{ContactDraft, Drafts};
use super::keymap::{Action, Context, Keymap};
use super::lock::Lock;
use super::screens::access::View;
use super::screens::open::{self, Open};
use super::screens::{Changes, Screen, home};
use super::widgets::{dialog, help_bar, status_line};
use crate::checklists::Catalogue;
use crate::clock::Clock;
use crate::i18n::{self, Lang};
use crate::store::Store;
use crate::sync::Keyring;

/// How often the note being typed is written to its draft file at the most.
pub const DRAFT_INTERVAL: Duration = Duration::from_secs(2);

pub struct Config {
    pub lang: Lang,
    /// The date the screens show; follows `clock` when it changes (midnight).
    pub today: NaiveDate,
    pub clock: Clock,
    pub staff_name: String,
    pub keymap: Keymap,
    /// Problems with the user's keymap or settings, shown on the first screen.
    pub warnings: Vec<String>,
    pub drafts: Drafts,
    /// The checklist instruments: built in, plus the agency's own.
    pub checklists: Catalogue,
    pub print: PrintSettings,
    /// Lock the screen after this long without a key (settings; None: never).
    pub lock_after: Option<Duration>,
    /// The settings file the settings screen writes the names to; `None`
    /// (tests): kept for the session only. With a file and no staff name,
    /// the first screen asks for the names.
    pub settings_file: Option<std::path::PathBuf>,
    /// Weeks without contact before a regular partner is hinted at home.
    pub partner_weeks: u32,
    /// The agency's self-report items for the store (None: as the store has them).
    pub selfreport_items: Option<crate::domain::selfreport::Items>,
    /// One backup a day into this folder at quit (settings `backup.folder`).
    pub backup: Option<super::backup_at_quit::BackupAtQuit>,
}

/// Where the print key writes documents, and what goes at their head.
pub struct PrintSettings {
    pub agency: String,
    pub folder: std::path::PathBuf,
    /// Open the written file in the system's browser.
    pub open: bool,
}

impl Config {
    /// Defaults: the shipped keymap, the built-in checklists, drafts kept off
    /// disk, no staff name. The CLI and tests set what they need over it.
    /// The clock is pinned to `today`.
    pub fn new(lang: Lang, today: NaiveDate) -> Config {
        Config {
            lang,
            today,
            clock: Clock::fixed(today),
            staff_name: String::new(),
            keymap: Keymap::defaults(),
            warnings: Vec::new(),
            drafts: Drafts::new(None),
            checklists: Catalogue::builtin(),
            print: PrintSettings {
                agency: String::new(),
                folder: std::env::temp_dir().join("teichaku-print"),
                open: false,
            },
            lock_after: None,
            settings_file: None,
            partner_weeks: crate::domain::partner::DEFAULT_HINT_WEEKS,
            selfreport_items: None,
            backup: None,
        }
    }
}

/// What screens may use while handling a key.
pub struct Env<'a> {
    pub store: &'a mut Store,
    /// The sync passphrase's keys for this session only: never written anywhere.
    pub keyring: &'a mut Option<Keyring>,
    pub lang: Lang,
    pub today: NaiveDate,
    pub staff_name: &'a str,
    pub keymap: &'a Keymap,
    pub checklists: &'a Catalogue,
    pub print: &'a PrintSettings,
    pub partner_weeks: u32,
    /// The settings' backup folder, for the settings screen.
    pub backup_folder: Option<&'a std::path::Path>,
}

/// What a screen asks the app to do after a key.
pub enum Effect {
    None,
    /// Open the screens that show these, the last on top (built by
    /// `screens::open`, so screens never build one another).
    Open(Vec<Open>),
    /// A change was saved on this screen, which stays: every screen reloads
    /// and the message shows.
    Changed(String),
    /// Leave this screen.
    Pop,
    /// Leave this screen after a save: screens below reload, a message shows.
    Saved {
        message: String,
        draft: Option<String>,
    },
    Confirm(Dialog),
    Status(String),
    /// Replace this screen with another (screens below reload), with a message.
    Replace(Open, Option<String>),
    /// Something changed (a sync job): every screen reloads, no message.
    Refresh,
    /// Back to the home screen after a change (the worker is gone), with a message.
    Home(String),
    /// The staff and agency names from the settings screen: written to the
    /// settings file, used from now on; the screen closes.
    SaveNames {
        staff_name: String,
        agency: String,
        /// Empty: no backup at quit.
        backup_folder: String,
    },
}

/// The screens' view of the app: the store and the settings, borrowed apart
/// from the screen stack.
fn env_of<'a>(store: &'a mut Store, keyring: &'a mut Option<Keyring>, cfg: &'a Config) -> Env<'a> {
    Env {
        store,
        keyring,
        lang: cfg.lang,
        today: cfg.today,
        staff_name: &cfg.staff_name,
        keymap: &cfg.keymap,
        checklists: &cfg.checklists,
        print: &cfg.print,
        partner_weeks: cfg.partner_weeks,
        backup_folder: cfg.backup.as_ref().map(|b| b.folder.as_path()),
    }
}

impl Effect {
    pub fn open(what: Open) -> Effect {
        Effect::Open(vec![what])
    }
}

/// A yes/no question; `on_yes` runs only after "yes".
pub struct Dialog {
    pub message: String,
    pub on_yes: Pending,
}

pub enum Pending {
    /// The screen that asked acts on "yes" (`Component::confirmed`): every
    /// write happens in a screen's own code, never here.
    Screen,
    /// Leave a form, throwing its changes (and its draft) away.
    Discard {
        draft: Option<String>,
    },
    /// Quit although a form has unsaved changes (its draft is kept).
    Quit,
    Restore(Box<ContactDraft>),
}

pub struct App {
    store: Store,
    cfg: Config,
    stack: Vec<Screen>,
    dialog: Option<Dialog>,
    status: Option<String>,
    last_draft_save: Option<Instant>,
    /// The sync passphrase's keys for this session only: never written anywhere.
    keyring: Option<Keyring>,
    /// The lock screen, over everything, when the app was left idle.
    lock: Option<Lock>,
    /// When the last key came (set by `tick` from the loop's monotonic clock).
    last_input: Option<Instant>,
    input_since_tick: bool,
    /// A long job running behind a gauge (`app_jobs.rs`).
    job: Option<super::jobs::Running>,
    /// The views of open screens whose access-log line was written
    /// (app_access.rs).
    logged_views: Vec<View>,
    pub quit: bool,
}

impl App {
    pub fn new(mut store: Store, cfg: Config) -> crate::Result<App> {
        // What was written before the screens existed is in what they load.
        store.take_touched();
        store.set_staff(&cfg.staff_name);
        if let Some(items) = &cfg.selfreport_items {
            store.set_selfreport_items(items.clone());
        }
        let mut app = App {
            store,
            stack: Vec::new(),
            dialog: None,
            status: None,
            last_draft_save: None,
            keyring: None,
            lock: None,
            last_input: None,
            input_since_tick: false,
            job: None,
            logged_views: Vec::new(),
            quit: false,
            cfg,
        };
        let first = home::first(&mut app.env())?;
        app.stack.push(first);
        if app.cfg.settings_file.is_some() && app.cfg.staff_name.trim().is_empty() {
            // The first run: who records, for which agency.
            let form = open::build(vec![Open::FirstRun], &mut app.env())?;
            app.stack.extend(form);
        }
        let mut warnings = app.cfg.warnings.clone();
        if let Some(why) = app.store.read_only_why() {
            warnings.insert(
                0,
                crate::i18n::media::read_only(why, app.cfg.lang).to_string(),
            );
        }
        if !warnings.is_empty() {
            app.status = Some(warnings.join(" / "));
        }
        app.offer_draft();
        app.log_view();
        Ok(app)
    }

    fn env(&mut self) -> Env<'_> {
        env_of(&mut self.store, &mut self.keyring, &self.cfg)
    }

    /// The day's backup into the settings' folder, once the screen has
    /// closed: what to say (None: no folder, or today's is there).
    pub fn backup_at_quit(&self) -> Option<String> {
        let plan = self.cfg.backup.as_ref()?;
        super::backup_at_quit::run(&self.store, plan, self.cfg.clock, self.cfg.lang)
    }

    /// Whether [`App::backup_at_quit`] would make a backup now.
    pub fn backup_due(&self) -> bool {
        let clock = self.cfg.clock;
        self.cfg
            .backup
            .as_ref()
            .is_some_and(|plan| super::backup_at_quit::due(plan, clock))
    }

    pub fn lang(&self) -> Lang {
        self.cfg.lang
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Offers the oldest draft whose worker still exists.
    fn offer_draft(&mut self) {
        let (drafts, _) = self.cfg.drafts.list();
        let lang = self.cfg.lang;
        for d in drafts {
            if let Ok(Some(w)) = self.store.worker(&d.worker_id) {
                let lines = d.line_count();
                self.dialog = Some(Dialog {
                    message: i18n::draft_offer(&w.display_name, &d.saved_at, lines, lang),
                    on_yes: Pending::Restore(Box::new(d)),
                });
                return;
            }
        }
    }

    fn top(&self) -> Option<&Screen> {
        self.stack.last()
    }

    fn context(&self) -> Context {
        if self.job.is_some() {
            return Context::Job;
        }
        if self.dialog.is_some() {
            return Context::Dialog;
        }
        self.top().map_or(Context::Workers, Screen::context)
    }

    pub fn handle_key(&mut self, ev: KeyEvent) {
        self.input_since_tick = true;
        if self.lock.is_some() {
            return self.handle_lock_key(&ev);
        }
        if self.job.is_some() {
            return self.handle_job_key(&ev);
        }
        let unlogged = self.store.unlogged_reads();
        self.handle_key_inner(ev);
        // A read the access log could not take (read-only, disk full) is said.
        let missed = self.store.unlogged_reads() - unlogged;
        if missed > 0 {
            let said = i18n::media::unlogged(missed, self.cfg.lang);
            self.status = Some(match self.status.take() {
                Some(s) => format!("{s} / {said}"),
                None => said,
            });
        }
        self.settle();
    }

    fn handle_key_inner(&mut self, ev: KeyEvent) {
        let ctx = self.context();
        let raw = self.top().is_some_and(|s| s.wants_raw(&ev)) && self.dialog.is_none();
        let action = if raw {
            None
        } else {
            self.cfg.keymap.action(ctx, &ev)
        };
        if let Some(d) = self.dialog.take() {
            match action {
                Some(Action::Yes) => self.confirm(d.on_yes),
                Some(Action::No) => {}
                Some(Action::Quit) => self.quit = true,
                _ => self.dialog = Some(d),
            }
            return;
        }
        self.status = None;
        if action == Some(Action::Quit) {
            return self.request_quit();
        }
        // Ctrl-C ends most terminal programs; here it would lose nothing but
        // surprise: say which key quits (unless the user's keymap binds it).
        if action.is_none()
            && ev.code == crossterm::event::KeyCode::Char('c')
            && ev
                .modifiers
                .contains(crossterm::event::KeyModifiers::CONTROL)
        {
            let key = self
                .cfg
                .keymap
                .first_key(Context::Global, Action::Quit)
                .unwrap_or_else(|| "Ctrl-Q".into());
            self.status = Some(i18n::quit_hint(&key, self.cfg.lang));
            return;
        }
        if let Some(action) = action {
            let mut env = env_of(&mut self.store, &mut self.keyring, &self.cfg);
            match super::screens::open_global(action, self.stack.last(), &mut env) {
                Some(Ok(screen)) => return self.stack.push(screen),
                Some(Err(e)) => {
                    self.status = Some(i18n::error_message(&e, self.cfg.lang));
                    return;
                }
                None => {}
            }
        }
        let effect = {
            let Some(mut screen) = self.stack.pop() else {
                return;
            };
            let effect = screen.handle(
                &ev,
                action,
                &mut env_of(&mut self.store, &mut self.keyring, &self.cfg),
            );
            self.stack.push(screen);
            effect
        };
        self.apply(effect);
    }

    pub fn paste(&mut self, text: &str) {
        self.input_since_tick = true;
        if let Some(lock) = self.lock.as_mut() {
            return lock.paste(text);
        }
        // Not kept for the screen behind a running job.
        if self.dialog.is_some() || self.job.is_some() {
            return;
        }
        let mut env = env_of(&mut self.store, &mut self.keyring, &self.cfg);
        if let Some(screen) = self.stack.last_mut() {
            screen.paste(text, &mut env);
        }
    }

    /// After each key: the home screen fits the data (the welcome screen
    /// while there are no workers, the dashboard after), and a dashboard that
    /// is shown again after a change re-reads its list, once.
    fn settle(&mut self) {
        let mut env = env_of(&mut self.store, &mut self.keyring, &self.cfg);
        if let Err(e) = home::settle(&mut self.stack, &mut env) {
            self.status = Some(i18n::error_message(&e, self.cfg.lang));
        }
        self.log_view();
    }

    fn apply(&mut self, effect: Effect) {
        match effect {
            Effect::None => {}
            Effect::Open(list) => {
                let mut env = env_of(&mut self.store, &mut self.keyring, &self.cfg);
                match open::build(list, &mut env) {
                    Ok(screens) => self.stack.extend(screens),
                    Err(e) => self.status = Some(i18n::error_message(&e, self.cfg.lang)),
                }
            }
            Effect::SaveNames {
                staff_name,
                agency,
                backup_folder,
            } => {
                let saved = match &self.cfg.settings_file {
                    Some(path) => {
                        crate::settings::save_names(path, &staff_name, &agency, &backup_folder)
                            .map(|s| BackupAtQuit::of(&s))
                    }
                    // Tests: for the session only, rotation as by default.
                    None => Ok(Some(backup_folder.trim())
                        .filter(|f| !f.is_empty())
                        .map(|f| BackupAtQuit {
                            folder: f.into(),
                            keep: crate::settings::BackupSettings::default().keep(),
                        })),
                };
                match saved {
                    Ok(backup) => {
                        self.cfg.staff_name = staff_name.trim().to_string();
                        self.cfg.print.agency = agency.trim().to_string();
                        self.cfg.backup = backup;
                        if self.stack.len() > 1 {
                            self.stack.pop();
                        }
                        self.status = Some(i18n::names_saved(self.cfg.lang).to_string());
                    }
                    Err(e) => self.status = Some(i18n::error_message(&e, self.cfg.lang)),
                }
            }
            Effect::Changed(message) => {
                self.reload();
                self.status = Some(message);
            }
            Effect::Pop => {
                if self.stack.len() > 1 {
                    self.stack.pop();
                }
            }
            Effect::Saved { message, draft } => {
                if let Some(id) = draft {
                    self.remove_draft(&id);
                }
                if self.stack.len() > 1 {
                    self.stack.pop();
                }
                self.reload();
                self.status = Some(message);
            }
            Effect::Replace(what, message) => {
                if self.stack.len() > 1 {
                    self.stack.pop();
                }
                self.reload();
                let mut env = env_of(&mut self.store, &mut self.keyring, &self.cfg);
                match open::build(vec![what], &mut env) {
                    Ok(screens) => {
                        self.stack.extend(screens);
                        self.status = message;
                    }
                    Err(e) => self.status = Some(i18n::error_message(&e, self.cfg.lang)),
                }
            }
            Effect::Refresh => self.reload_all(),
            Effect::Home(message) => {
                self.stack.truncate(1);
                self.reload();
                self.status = Some(message);
            }
            Effect::Confirm(d) => self.dialog = Some(d),
            Effect::Status(s) => self.status = Some(s),
        }
    }

    fn confirm(&mut self, pending: Pending) {
        match pending {
            Pending::Screen => {
                let mut env = env_of(&mut self.store, &mut self.keyring, &self.cfg);
                if let Some(screen) = self.stack.last_mut() {
                    let effect = screen.confirmed(&mut env);
                    self.apply(effect);
                }
            }
            Pending::Discard { draft } => {
                if let Some(id) = draft {
                    self.remove_draft(&id);
                }
                self.stack.pop();
            }
            Pending::Quit => {
                self.save_draft_now();
                self.quit = true;
            }
            Pending::Restore(d) => match home::restore(&d, &mut self.env()) {
                Ok(screens) => self.stack.extend(screens),
                Err(e) => self.status = Some(i18n::error_message(&e, self.cfg.lang)),
            },
        }
    }

    /// Reloads the screens that show what was written since the last reload
    /// (once per change, not per frame).
    fn reload(&mut self) {
        let changes = Changes::Kinds(self.store.take_touched());
        self.reload_for(&changes);
    }

    /// Reloads every screen (a new day; a sync job, which may have written
    /// through a store of its own).
    fn reload_all(&mut self) {
        self.store.take_touched();
        self.reload_for(&Changes::All);
    }

    fn reload_for(&mut self, changes: &Changes) {
        let mut env = env_of(&mut self.store, &mut self.keyring, &self.cfg);
        let mut keep = Vec::new();
        for mut screen in self.stack.drain(..) {
            match screen.reload(changes, &mut env) {
                Ok(true) => keep.push(screen),
                Ok(false) => {}
                Err(e) => {
                    self.status = Some(i18n::error_message(&e, env.lang));
                    keep.push(screen);
                }
            }
        }
        self.stack = keep;
    }

    fn request_quit(&mut self) {
        if self.stack.iter().any(Screen::has_unsaved_changes) {
            self.dialog = Some(Dialog {
                message: i18n::Msg::QuitWithDraft.text(self.cfg.lang).to_string(),
                on_yes: Pending::Quit,
            });
        } else {
            self.quit = true;
        }
    }

    /// Called regularly by the event loop: follows the date past midnight, and
    /// writes the draft of the note being typed when it changed and the last
    /// write is `DRAFT_INTERVAL` old. True when the screen must be drawn again.
    pub fn tick(&mut self, now: Instant) -> bool {
        if self.lock.is_some() {
            return false;
        }
        if std::mem::take(&mut self.input_since_tick) || self.last_input.is_none() {
            self.last_input = Some(now);
        }
        if let (Some(after), Some(last)) = (self.cfg.lock_after, self.last_input)
            && now.saturating_duration_since(last) >= after
        {
            self.lock_now();
            return true;
        }
        // A new day's reload waits for a running job (it reads the store).
        let moved = self.job.is_none() && self.follow_date();
        let due = self
            .last_draft_save
            .is_none_or(|t| now.duration_since(t) >= DRAFT_INTERVAL);
        if due && self.stack.iter().any(Screen::draft_pending) {
            self.save_draft_now();
            self.last_draft_save = Some(now);
        }
        moved
    }

    /// When the clock's date is no longer the one on screen (the app was left
    /// open past midnight), every screen reloads for the new day: this month's
    /// duties on the 1st, "today" in new forms. Returns whether it changed.
    pub fn follow_date(&mut self) -> bool {
        let today = self.cfg.clock.today();
        if today == self.cfg.today {
            return false;
        }
        self.cfg.today = today;
        self.reload_all();
        self.settle();
        self.status = Some(i18n::Msg::DateChanged.text(self.cfg.lang).to_string());
        true
    }

    /// Replaces the clock (tests: a day passing while the app is open).
    pub fn set_clock(&mut self, clock: Clock) {
        self.cfg.clock = clock;
    }

    pub fn today(&self) -> NaiveDate {
        self.cfg.today
    }

    /// Writes the drafts of all open contact forms now (quit, SIGTERM).
    pub fn save_draft_now(&mut self) {
        let stamp = self
            .cfg
            .clock
            .now_local()
            .format("%Y-%m-%d %H:%M")
            .to_string();
        let mut failed = None;
        for screen in &self.stack {
            if !screen.draft_pending() {
                continue;
            }
            if let Some(draft) = screen.draft(&stamp) {
                match self.cfg.drafts.save(&draft) {
                    Ok(()) => screen.draft_saved(),
                    Err(e) => failed = Some(e),
                }
            }
        }
        if let Some(e) = failed {
            self.status = Some(i18n::error_message(&e, self.cfg.lang));
        }
    }

    fn remove_draft(&mut self, id: &str) {
        if let Err(e) = self.cfg.drafts.remove(id) {
            self.status = Some(i18n::error_message(&e, self.cfg.lang));
        }
    }

    pub fn draw(&self, frame: &mut Frame) {
        if let Some(lock) = &self.lock {
            let quit = self
                .cfg
                .keymap
                .first_key(Context::Global, Action::Quit)
                .unwrap_or_default();
            let note = self
                .job
                .as_ref()
                .map(|j| crate::i18n::jobs::behind_lock(&j.title, &j.progress(), self.cfg.lang));
            return lock.draw(frame, self.cfg.lang, &quit, note.as_deref());
        }
        let status_rows = status_line::rows(self.status.as_deref(), frame.area().width);
        let [body, status, help] = Layout::vertical([
            Constraint::Min(1),
            Constraint::Length(status_rows),
            Constraint::Length(1),
        ])
        .areas(frame.area());
        let env = super::screens::DrawEnv {
            lang: self.cfg.lang,
            today: self.cfg.today,
            keymap: &self.cfg.keymap,
        };
        if let Some(screen) = self.top() {
            screen.draw(frame, body, &env);
        }
        status_line::draw(frame, status, self.status.as_deref());
        help_bar::draw(frame, help, &self.cfg.keymap, self.context(), self.cfg.lang);
        if let Some(d) = &self.dialog {
            dialog::draw(frame, body, &d.message, &self.cfg.keymap, self.cfg.lang);
        }
        if let Some(job) = &self.job {
            job.draw(frame, body, self.cfg.lang);
        }
        // Last, over everything drawn: no name or note can send the terminal
        // an escape sequence or reverse its text (storage keeps them as typed).
        for cell in frame.buffer_mut().content.iter_mut() {
            if let std::borrow::Cow::Owned(s) = crate::text::strip_unsafe(cell.symbol()) {
                cell.set_symbol(&s);
            }
        }
    }
}

#[path = "app_lock.rs"]
mod lock;

#[path = "app_jobs.rs"]
mod jobs;

#[path = "app_access.rs"]
mod access;

#[cfg(test)]
#[path = "app_tests.rs"]
mod tests;
