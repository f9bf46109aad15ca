//! The sync screen: this laptop's sync state (devices seen, what is missing
//! from each, recent imports and exports, open conflicts), and the three
//! operations — export to a file, import a file, sync with a shared folder.
//!
//! An operation is asked for in a small form (a path, and the passphrase when
//! this session has none yet), then shown as "working…" for one frame before
//! it runs (`App::work`), because deriving the key takes a moment. Running it
//! and turning its report into lines is in `sync_run.rs`.

use super::prelude::*;
use std::cell::Cell;
use std::path::{Path, PathBuf};

use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::DrawEnv;
use super::open::Open;
use crate::i18n::{self, Lang, sync as t};
use crate::store::sync_state::SyncStatus;
use crate::store::{MassDelete, Store};
use crate::sync::{SyncOp, passphrase};
use crate::tui::app::{Effect, Env};
use crate::tui::keymap::{Action, Context};
use crate::tui::widgets::form::{Field, Form, Outcome};

/// Local preferences (this laptop only) remembered between runs.
pub const PREF_FOLDER: &str = "sync_folder";
pub const PREF_EXPORT_DIR: &str = "sync_export_dir";
pub const PREF_IMPORT_DIR: &str = "sync_import_dir";

/// How many recent imports and exports the screen lists.
const RECENT: usize = 5;

/// How a result line is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Normal,
    Warning,
    Refused,
}

/// An operation ready to run.
pub struct Job {
    pub op: SyncOp,
    pub path: PathBuf,
    /// Typed on screen now; otherwise the session's or the environment's.
    pub passphrase: Option<String>,
    pub mass_delete: MassDelete,
}

struct Ask {
    op: SyncOp,
    form: Form,
    /// The form has passphrase fields (one, or two to confirm).
    pass_fields: usize,
}

enum Mode {
    View,
    Ask(Ask),
    Working(Job),
    /// The job is running behind its gauge (`tui::jobs`).
    Running(SyncOp),
}

pub struct SyncScreen {
    status: SyncStatus,
    folder: Option<String>,
    export_dir: Option<String>,
    import_dir: Option<String>,
    data_dir: Option<PathBuf>,
    /// This session already has a passphrase (typed earlier or from the environment).
    has_passphrase: bool,
    mode: Mode,
    /// The last operation's report.
    pub result: Vec<(Tone, String)>,
    /// A job refused by the mass-delete guard, waiting for the user's answer.
    held: Option<Job>,
    scroll: usize,
    max_scroll: Cell<usize>,
}

/// The passphrase from the environment, if set (the CLI's rule).
pub fn env_passphrase() -> Option<String> {
    std::env::var(passphrase::PASSPHRASE_ENV)
        .ok()
        .filter(|p| !p.is_empty())
}

/// A typed path: surrounding quotes (Windows "copy as path", drag and drop)
/// and spaces removed, "~" expanded.
pub fn clean_path(input: &str) -> PathBuf {
    let s = input.trim();
    let s = s
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .or_else(|| s.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')))
        .unwrap_or(s);
    if let Some(rest) = s.strip_prefix("~/").or_else(|| s.strip_prefix("~\\"))
        && let Some(home) = directories::BaseDirs::new()
    {
        return home.home_dir().join(rest);
    }
    PathBuf::from(s)
}

/// A folder as a path the user can type a file name after.
fn with_separator(dir: &str) -> String {
    if dir.ends_with(std::path::MAIN_SEPARATOR) || dir.ends_with('/') {
        dir.to_string()
    } else {
        format!("{dir}{}", std::path::MAIN_SEPARATOR)
    }
}

impl SyncScreen {
    pub fn load(env: &mut Env<'_>) -> crate::Result<SyncScreen> {
        let has_passphrase = env.keyring.is_some();
        let mut s = SyncScreen {
            status: env.store.sync_status(RECENT)?,
            folder: None,
            export_dir: None,
            import_dir: None,
            data_dir: env
                .store
                .path()
                .and_then(Path::parent)
                .map(Path::to_path_buf),
            has_passphrase: has_passphrase || env_passphrase().is_some(),
            mode: Mode::View,
            result: Vec::new(),
            held: None,
            scroll: 0,
            max_scroll: Cell::new(0),
        };
        s.reload_prefs(env.store)?;
        Ok(s)
    }

    fn reload_prefs(&mut self, store: &Store) -> crate::Result<()> {
        self.folder = store.local_pref(PREF_FOLDER)?;
        self.export_dir = store.local_pref(PREF_EXPORT_DIR)?;
        self.import_dir = store.local_pref(PREF_IMPORT_DIR)?;
        Ok(())
    }

    pub fn reload(&mut self, env: &mut Env<'_>) -> crate::Result<()> {
        self.status = env.store.sync_status(RECENT)?;
        self.reload_prefs(env.store)
    }

    pub fn context(&self) -> Context {
        match self.mode {
            Mode::Ask(_) => Context::Form,
            _ => Context::Sync,
        }
    }

    pub fn is_working(&self) -> bool {
        matches!(self.mode, Mode::Working(_))
    }

    /// The job to run now (the screen shows "working…" until it is done).
    pub fn take_job(&mut self) -> Option<Job> {
        match std::mem::replace(&mut self.mode, Mode::View) {
            Mode::Working(job) => Some(job),
            other => {
                self.mode = other;
                None
            }
        }
    }

    /// After a run: the report, whether a passphrase is now known, and a job
    /// to keep for the mass-delete question.
    pub fn finished(&mut self, result: Vec<(Tone, String)>, has_passphrase: bool) {
        self.result = result;
        self.has_passphrase = has_passphrase || env_passphrase().is_some();
        self.scroll = 0;
    }

    pub fn hold(&mut self, job: Job) {
        self.held = Some(job);
    }

    /// The user confirmed the mass delete: run the held job again, allowed.
    pub fn allow_mass_delete(&mut self) {
        if let Some(mut job) = self.held.take() {
            job.mass_delete = MassDelete::Allow;
            // The passphrase is in the session's keyring by now.
            job.passphrase = None;
            self.mode = Mode::Working(job);
        }
    }

    fn default_path(&self, op: SyncOp) -> String {
        let data = self
            .data_dir
            .as_ref()
            .map(|d| d.to_string_lossy().into_owned());
        let dir = match op {
            SyncOp::Export => self.export_dir.clone().or(self.folder.clone()).or(data),
            SyncOp::Import => self.import_dir.clone().or(self.folder.clone()).or(data),
            SyncOp::Folder => return self.folder.clone().unwrap_or_default(),
        };
        dir.map(|d| with_separator(&d)).unwrap_or_default()
    }

    fn ask(&mut self, op: SyncOp, lang: Lang) {
        let mut fields = vec![Field::line(
            t::path_label(op, lang),
            &self.default_path(op),
            None,
        )];
        let pass_fields = match (self.has_passphrase, op) {
            (true, _) => 0,
            (false, SyncOp::Import) => 1,
            // A typo must never produce a bundle nobody can open.
            (false, _) => 2,
        };
        let (pass, again) = t::passphrase_labels(lang);
        if pass_fields > 0 {
            fields.push(Field::secret(pass));
        }
        if pass_fields > 1 {
            fields.push(Field::secret(again));
        }
        self.mode = Mode::Ask(Ask {
            op,
            form: Form::new(fields, 0),
            pass_fields,
        });
    }

    /// Checks the form; when it is complete the job starts ("working…").
    fn submit(&mut self, lang: Lang) {
        let Mode::Ask(ask) = &mut self.mode else {
            return;
        };
        let fields = &mut ask.form.fields;
        let path = fields[0].text();
        if path.trim().is_empty() {
            fields[0].error = Some(t::path_missing(lang).to_string());
        }
        let mut pass = None;
        if ask.pass_fields > 0 {
            let typed = fields[1].text();
            match passphrase::check(typed.clone()) {
                Err(e) => fields[1].error = Some(i18n::error_message(&e, lang)),
                Ok(_) if ask.pass_fields > 1 && fields[2].text() != typed => {
                    let e = crate::error::Error::PassphraseMismatch;
                    fields[2].error = Some(i18n::error_message(&e, lang));
                }
                Ok(p) => pass = Some(p),
            }
        }
        if ask.form.has_errors() {
            ask.form.focus_first_error();
            return;
        }
        self.mode = Mode::Working(Job {
            op: ask.op,
            path: clean_path(&path),
            passphrase: pass,
            mass_delete: MassDelete::Refuse,
        });
    }

    fn draw_ask(&self, frame: &mut Frame, area: Rect, ask: &Ask, l: Lang) {
        let bold = Style::default().add_modifier(Modifier::BOLD);
        frame.render_widget(
            Paragraph::new(Span::styled(t::ask_title(ask.op, l), bold)),
            Rect { height: 1, ..area },
        );
        let n = ask.form.fields.len() as u16;
        let form_area = Rect {
            y: area.y + 2,
            height: n.min(area.height.saturating_sub(2)),
            ..area
        };
        ask.form.draw(frame, form_area);
        let mut notes = vec![t::ask_hint(l).to_string()];
        if ask.pass_fields == 0 {
            notes.push(if env_passphrase().is_some() {
                t::passphrase_from_env(l).to_string()
            } else {
                t::passphrase_known(l).to_string()
            });
        }
        let width = usize::from(area.width);
        let rows: Vec<Line> = notes
            .iter()
            .flat_map(|n| crate::text::wrap(n, width))
            .map(|r| Line::styled(r, Style::default().add_modifier(Modifier::DIM)))
            .collect();
        frame.render_widget(
            Paragraph::new(rows),
            Rect {
                y: form_area.bottom() + 1,
                height: area.bottom().saturating_sub(form_area.bottom() + 1),
                ..area
            },
        );
    }

    fn draw_view(&self, frame: &mut Frame, area: Rect, env: &DrawEnv<'_>) {
        let l = env.lang;
        let width = usize::from(area.width);
        let bold = Style::default().add_modifier(Modifier::BOLD);
        let mut lines: Vec<Line> = Vec::new();
        let mut push = |text: &str, style: Style| {
            for row in crate::text::wrap_hanging(text, width) {
                lines.push(Line::styled(row, style));
            }
        };
        let text = t::screen_text(l);
        if !self.result.is_empty() {
            push(text.result, bold);
            for (tone, line) in &self.result {
                let style = match tone {
                    Tone::Normal => Style::default(),
                    Tone::Warning => Style::default().fg(Color::Yellow),
                    Tone::Refused => Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
                };
                push(line, style);
            }
            push("", Style::default());
        }
        let key = |a| env.keymap.first_key(Context::Sync, a).unwrap_or_default();
        let conflicts =
            t::open_conflicts_line(self.status.open_conflicts, &key(Action::Conflicts), l);
        let style = if self.status.open_conflicts > 0 {
            bold
        } else {
            Style::default()
        };
        push(&conflicts, style);
        push(
            &t::folder_line(self.folder.as_deref(), &key(Action::SyncFolder), l),
            Style::default(),
        );
        if let Some(check) = &self.status.own_files {
            push(
                &crate::i18n::own_files::status_line(check, l),
                Style::default(),
            );
        }
        push("", Style::default());
        push(text.others, bold);
        let others: Vec<_> = self
            .status
            .devices
            .iter()
            .filter(|d| !d.this_device)
            .collect();
        if others.is_empty() {
            push(text.no_others, Style::default());
        }
        for d in others {
            push(&t::device_line(d, l), Style::default());
        }
        push(text.imports, bold);
        if self.status.imports.is_empty() {
            push(text.no_imports, Style::default());
        }
        for i in &self.status.imports {
            push(&t::import_line(i, l), Style::default());
        }
        push(text.exports, bold);
        if self.status.exports.is_empty() {
            push(text.no_exports, Style::default());
        }
        for e in &self.status.exports {
            push(&t::export_line(e, l), Style::default());
        }
        self.max_scroll
            .set(lines.len().saturating_sub(usize::from(area.height)));
        let scroll = self.scroll.min(self.max_scroll.get());
        let visible: Vec<Line> = lines.into_iter().skip(scroll).collect();
        frame.render_widget(Paragraph::new(visible), area);
    }
}

impl Component for SyncScreen {
    fn has_work(&self) -> bool {
        self.is_working()
    }
    fn job(&mut self, env: &mut Env<'_>) -> Option<BackgroundJob> {
        let job = self.take_job()?;
        self.mode = Mode::Running(job.op);
        let title = t::ask_title(job.op, env.lang).to_string();
        Some(BackgroundJob::new(title, move |je| {
            Box::new(super::sync_run::run(je.store, je.keyring, job, je.lang))
        }))
    }
    fn job_done(&mut self, out: Option<JobOutput>, env: &mut Env<'_>) -> Effect {
        use super::sync_run::Ran;
        use crate::tui::app::{Dialog, Effect, Pending};
        if matches!(self.mode, Mode::Running(_)) {
            self.mode = Mode::View;
        }
        let Some(ran) = out.and_then(|o| o.downcast::<Ran>().ok()) else {
            let line = crate::i18n::jobs::vanished(env.lang).to_string();
            self.finished(vec![(Tone::Refused, line)], env.keyring.is_some());
            return Effect::Refresh;
        };
        match *ran {
            Ran::Report { lines, changed } => {
                self.finished(lines, env.keyring.is_some());
                if changed {
                    Effect::Refresh
                } else {
                    Effect::None
                }
            }
            Ran::AskMassDelete { question, job } => {
                let cancelled = crate::i18n::error_message(&crate::Error::Cancelled, env.lang);
                self.finished(vec![(Tone::Refused, cancelled)], env.keyring.is_some());
                self.hold(job);
                Effect::Confirm(Dialog {
                    message: question,
                    on_yes: Pending::Screen,
                })
            }
        }
    }
    /// Yes to the mass-delete question: run the held import, allowed.
    fn confirmed(&mut self, _env: &mut Env<'_>) -> Effect {
        self.allow_mass_delete();
        Effect::None
    }
    fn context(&self) -> Context {
        SyncScreen::context(self)
    }
    fn wants_raw(&self, ev: &KeyEvent) -> bool {
        match &self.mode {
            Mode::Ask(a) => a.form.wants_raw(ev),
            _ => false,
        }
    }
    fn handle(&mut self, ev: &KeyEvent, action: Option<Action>, env: &mut Env<'_>) -> Effect {
        if let Mode::Ask(ask) = &mut self.mode {
            let last = ask.form.focus + 1 == ask.form.fields.len();
            let submit = (ev.code == KeyCode::Enter && last && ask.form.wants_raw(ev))
                || (action == Some(Action::Save) && !ask.form.wants_raw(ev));
            if submit {
                self.submit(env.lang);
                return Effect::None;
            }
            if ask.form.handle(ev, action) == Outcome::Cancel {
                self.mode = Mode::View;
            }
            return Effect::None;
        }
        if self.is_working() {
            return Effect::None;
        }
        match action {
            Some(Action::Export) => self.ask(SyncOp::Export, env.lang),
            Some(Action::Import) => self.ask(SyncOp::Import, env.lang),
            Some(Action::SyncFolder) => self.ask(SyncOp::Folder, env.lang),
            Some(Action::Conflicts) => {
                return Effect::open(Open::Conflicts);
            }
            Some(Action::Up) => self.scroll = self.scroll.saturating_sub(1),
            Some(Action::Down) => self.scroll = (self.scroll + 1).min(self.max_scroll.get()),
            Some(Action::Back) => return Effect::Pop,
            _ => {}
        }
        Effect::None
    }
    fn reload(&mut self, env: &mut Env<'_>) -> crate::Result<bool> {
        SyncScreen::reload(self, env).map(|()| true)
    }
    fn draw(&self, frame: &mut Frame, area: Rect, env: &DrawEnv<'_>) {
        let l = env.lang;
        let head = t::this_device(&self.status.device_id, self.status.own_seq, l);
        let body = super::titled(frame, area, &format!("{} — {head}", l.pick("同期", "Sync")));
        match &self.mode {
            Mode::Ask(ask) => self.draw_ask(frame, body, ask, l),
            Mode::Working(Job { op, .. }) | Mode::Running(op) => {
                let lines = vec![
                    Line::from(t::ask_title(*op, l)),
                    Line::default(),
                    Line::styled(t::working(l), Style::default().add_modifier(Modifier::BOLD)),
                ];
                frame.render_widget(Paragraph::new(lines), body);
            }
            Mode::View => self.draw_view(frame, body, env),
        }
    }
}
