//! Note conflicts from sync: the list, the versions side by side (two or three
//! columns on a wide terminal, one under the other on a narrow one), keeping
//! one version, or writing a merge of them.

use super::prelude::*;
use std::cell::Cell;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{List, ListItem, ListState, Paragraph};

use super::open::Open;
use crate::i18n::{self, Lang, sync as t};
use crate::store::sync_state::Conflict;
use crate::tui::app::{Dialog, Effect, Env, Pending};
use crate::tui::keymap::{Action, Context};
use crate::tui::widgets::form::{Field, Form, Outcome};

/// What a delete conflict's pick keeps the record with.
const KEEP: &str = "keep";

fn is_delete(c: &Conflict) -> bool {
    c.field == crate::store::delete_conflicts::DELETE_EDIT
}

/// From this width the versions stand side by side.
pub const SIDE_BY_SIDE_MIN: u16 = 100;
/// More versions than this are stacked at any width.
const MAX_COLUMNS: usize = 3;

pub struct ConflictsScreen {
    list: Vec<Conflict>,
    selected: usize,
}

impl ConflictsScreen {
    pub fn load(env: &mut Env<'_>) -> crate::Result<ConflictsScreen> {
        Ok(ConflictsScreen {
            list: crate::render::plan_fork::conflicts(env.store, env.lang)?,
            selected: 0,
        })
    }

    pub fn reload(&mut self, env: &mut Env<'_>) -> crate::Result<()> {
        self.list = crate::render::plan_fork::conflicts(env.store, env.lang)?;
        self.selected = self.selected.min(self.list.len().saturating_sub(1));
        Ok(())
    }
}

pub struct ConflictScreen {
    /// The text asked to keep, written on "yes".
    asked: Option<String>,
    conflict: Conflict,
    number: usize,
    /// The version Enter keeps.
    chosen: usize,
    scroll: usize,
    max_scroll: Cell<usize>,
}

impl ConflictScreen {
    pub fn new(conflict: Conflict, number: usize) -> ConflictScreen {
        ConflictScreen {
            asked: None,
            conflict,
            number,
            chosen: 0,
            scroll: 0,
            max_scroll: Cell::new(0),
        }
    }

    /// `false` once the conflict is resolved (here or by an import).
    pub fn reload(&mut self, env: &mut Env<'_>) -> crate::Result<bool> {
        let fresh = crate::render::plan_fork::conflicts(env.store, env.lang)?
            .into_iter()
            .find(|c| c.record_id == self.conflict.record_id && c.field == self.conflict.field);
        match fresh {
            Some(c) => {
                self.chosen = self.chosen.min(c.versions.len().saturating_sub(1));
                self.conflict = c;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    fn is_plan_fork(&self) -> bool {
        self.conflict.field == crate::store::sync_state::PLAN_FORK
    }

    /// A record deleted on one laptop and written to on another.
    fn is_delete(&self) -> bool {
        is_delete(&self.conflict)
    }

    /// What a version shows: its text, or for a delete what choosing it does.
    fn version_text(&self, k: usize, lang: Lang) -> String {
        if self.is_delete() {
            crate::i18n::deleted::side_text(k, &self.conflict, lang)
        } else {
            self.conflict
                .versions
                .get(k)
                .map(|v| v.text.clone())
                .unwrap_or_default()
        }
    }

    /// A version's heading, marked when it is the one Enter keeps.
    fn heading(&self, k: usize, lang: Lang) -> (String, Style) {
        let v = &self.conflict.versions[k];
        let text = if self.is_delete() {
            crate::i18n::deleted::side_heading(k, &self.conflict, lang)
        } else {
            t::version_heading(k + 1, v, lang)
        };
        let text = text.trim_start();
        if k == self.chosen {
            (
                format!("> {text}"),
                Style::default().add_modifier(Modifier::BOLD | Modifier::REVERSED),
            )
        } else {
            (
                format!("  {text}"),
                Style::default().add_modifier(Modifier::BOLD),
            )
        }
    }

    fn draw_columns(&self, frame: &mut Frame, area: Rect, lang: Lang) {
        let n = self.conflict.versions.len();
        let cols = Layout::horizontal(vec![Constraint::Fill(1); n])
            .spacing(2)
            .split(area);
        let mut tallest = 0;
        for (k, col) in cols.iter().enumerate() {
            let (head, style) = self.heading(k, lang);
            let mut lines = vec![
                Line::styled(crate::text::ellipsize(&head, usize::from(col.width)), style),
                Line::default(),
            ];
            let rows = crate::text::wrap(&self.version_text(k, lang), usize::from(col.width));
            tallest = tallest.max(rows.len() + 2);
            lines.extend(rows.into_iter().map(Line::from));
            let visible: Vec<Line> = lines.into_iter().skip(self.scroll).collect();
            frame.render_widget(Paragraph::new(visible), *col);
        }
        self.max_scroll
            .set(tallest.saturating_sub(usize::from(area.height)));
    }

    fn draw_stacked(&self, frame: &mut Frame, area: Rect, lang: Lang) {
        let width = usize::from(area.width);
        let mut lines = Vec::new();
        for k in 0..self.conflict.versions.len() {
            let (head, style) = self.heading(k, lang);
            lines.push(Line::styled(crate::text::ellipsize(&head, width), style));
            for row in crate::text::wrap(&self.version_text(k, lang), width.saturating_sub(2)) {
                lines.push(Line::from(format!("  {row}")));
            }
            lines.push(Line::default());
        }
        self.max_scroll
            .set(lines.len().saturating_sub(usize::from(area.height)));
        let scroll = self.scroll.min(self.max_scroll.get());
        let visible: Vec<Line> = lines.into_iter().skip(scroll).collect();
        frame.render_widget(Paragraph::new(visible), area);
    }
}

/// A merged text written by the user, starting from every version.
pub struct MergeForm {
    record_id: String,
    field: String,
    title: String,
    pub form: Form,
}

impl MergeForm {
    pub fn new(c: &Conflict, lang: Lang) -> MergeForm {
        let start: Vec<&str> = c.versions.iter().map(|v| v.text.as_str()).collect();
        MergeForm {
            record_id: c.record_id.clone(),
            field: c.field.clone(),
            title: t::merge_title(&c.label, lang),
            form: Form::new(
                vec![Field::notes(t::merge_label(lang), &start.join("\n\n"))],
                0,
            ),
        }
    }

    pub fn paste(&mut self, text: &str) {
        self.form.paste(text);
    }
}

impl Component for ConflictsScreen {
    fn context(&self) -> Context {
        Context::Conflicts
    }
    fn handle(&mut self, _ev: &KeyEvent, action: Option<Action>, _env: &mut Env<'_>) -> Effect {
        match action {
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Down) => {
                self.selected = (self.selected + 1).min(self.list.len().saturating_sub(1))
            }
            Some(Action::Open) => {
                if let Some(c) = self.list.get(self.selected) {
                    return Effect::open(Open::Conflict(Box::new(c.clone()), self.selected + 1));
                }
            }
            Some(Action::Back) => return Effect::Pop,
            _ => {}
        }
        Effect::None
    }
    fn reload(&mut self, env: &mut Env<'_>) -> crate::Result<bool> {
        ConflictsScreen::reload(self, env).map(|()| true)
    }
    fn draw(&self, frame: &mut Frame, area: Rect, env: &DrawEnv<'_>) {
        let l = env.lang;
        let body = super::titled(frame, area, &t::conflicts_title(self.list.len(), l));
        if self.list.is_empty() {
            frame.render_widget(Paragraph::new(t::no_conflicts(l)), body);
            return;
        }
        let width = usize::from(area.width);
        let items: Vec<ListItem> = self
            .list
            .iter()
            .enumerate()
            .map(|(i, c)| {
                ListItem::new(vec![
                    Line::from(crate::text::ellipsize(
                        &t::conflict_heading(i + 1, c, l),
                        width,
                    )),
                    Line::from(crate::text::ellipsize(
                        &if is_delete(c) {
                            crate::i18n::deleted::list_line(c, l)
                        } else {
                            t::conflict_versions(c, l)
                        },
                        width,
                    )),
                ])
            })
            .collect();
        let list =
            List::new(items).highlight_style(Style::default().add_modifier(Modifier::REVERSED));
        let mut state = ListState::default().with_selected(Some(self.selected));
        frame.render_stateful_widget(list, body, &mut state);
    }
}

impl Component for ConflictScreen {
    /// Yes to "keep this version?": it becomes the note, ending the conflict.
    fn confirmed(&mut self, env: &mut Env<'_>) -> Effect {
        let Some(text) = self.asked.take() else {
            return Effect::None;
        };
        let done = if self.is_delete() {
            // For a delete `text` is "keep" or "delete".
            env.store
                .resolve_delete(&self.conflict.record_id, text == KEEP)
        } else if self.is_plan_fork() {
            // For a plan conflict `text` is the id of the version kept.
            env.store.choose_plan_version(&text)
        } else {
            env.store
                .resolve_conflict(&self.conflict.record_id, &self.conflict.field, &text)
        };
        match done {
            Ok(()) => Effect::Changed(t::resolved(env.lang).to_string()),
            Err(e) => Effect::Status(crate::i18n::error_message(&e, env.lang)),
        }
    }
    fn context(&self) -> Context {
        Context::Conflict
    }
    fn handle(&mut self, _ev: &KeyEvent, action: Option<Action>, env: &mut Env<'_>) -> Effect {
        let n = self.conflict.versions.len().max(1);
        match action {
            Some(Action::ChoiceNext) => self.chosen = (self.chosen + 1) % n,
            Some(Action::ChoicePrev) => self.chosen = (self.chosen + n - 1) % n,
            Some(Action::Up) => self.scroll = self.scroll.saturating_sub(1),
            Some(Action::Down) => self.scroll = (self.scroll + 1).min(self.max_scroll.get()),
            Some(Action::Pick) if self.is_delete() => {
                let keep = self.chosen > 0;
                self.asked = Some(if keep { KEEP } else { "delete" }.to_string());
                return Effect::Confirm(Dialog {
                    message: crate::i18n::deleted::pick_question(
                        keep,
                        &self.conflict.label,
                        env.lang,
                    ),
                    on_yes: Pending::Screen,
                });
            }
            Some(Action::EditMerged) if self.is_delete() => {
                return Effect::Status(crate::i18n::deleted::no_merge(env.lang).to_string());
            }
            Some(Action::Pick) if self.is_plan_fork() => {
                if let Some(v) = self.conflict.versions.get(self.chosen) {
                    self.asked = Some(v.version_id.clone());
                    let who = crate::store::Authorship {
                        device_id: v.device_id.clone(),
                        seq: v.seq,
                        written_ms: v.written_ms,
                        staff: v.staff.clone(),
                    };
                    let version = match env.store.plan(&v.version_id) {
                        Ok(p) => p.map_or(0, |p| p.version.version),
                        Err(e) => return Effect::Status(i18n::error_message(&e, env.lang)),
                    };
                    return Effect::Confirm(Dialog {
                        message: crate::i18n::plan_fork::pick_question(
                            version,
                            self.chosen + 1,
                            &who,
                            env.lang,
                        ),
                        on_yes: Pending::Screen,
                    });
                }
            }
            Some(Action::EditMerged) if self.is_plan_fork() => {
                let worker = self
                    .conflict
                    .versions
                    .first()
                    .map(|v| env.store.plan(&v.version_id));
                return match worker {
                    Some(Ok(Some(p))) => Effect::open(Open::MergePlan {
                        worker_id: p.version.worker_id,
                    }),
                    Some(Err(e)) => Effect::Status(i18n::error_message(&e, env.lang)),
                    _ => Effect::None,
                };
            }
            Some(Action::Pick) => {
                if let Some(v) = self.conflict.versions.get(self.chosen) {
                    self.asked = Some(v.text.clone());
                    return Effect::Confirm(Dialog {
                        message: t::pick_question(self.chosen + 1, v, env.lang),
                        on_yes: Pending::Screen,
                    });
                }
            }
            Some(Action::EditMerged) => {
                return Effect::open(Open::MergeText(Box::new(self.conflict.clone())));
            }
            Some(Action::Back) => return Effect::Pop,
            _ => {}
        }
        Effect::None
    }
    fn reload(&mut self, env: &mut Env<'_>) -> crate::Result<bool> {
        ConflictScreen::reload(self, env)
    }
    fn draw(&self, frame: &mut Frame, area: Rect, env: &DrawEnv<'_>) {
        let l = env.lang;
        let c = &self.conflict;
        super::title(frame, area, &t::conflict_heading(self.number, c, l));
        let key = |a| {
            env.keymap
                .first_key(Context::Conflict, a)
                .unwrap_or_default()
        };
        let hint = if self.is_delete() {
            crate::i18n::deleted::compare_hint(&key(Action::Pick), l)
        } else if self.is_plan_fork() {
            crate::i18n::plan_fork::compare_hint(&key(Action::Pick), &key(Action::EditMerged), l)
        } else {
            t::compare_hint(&key(Action::Pick), &key(Action::EditMerged), l)
        };
        let hint_rows = crate::text::wrap(&hint, usize::from(area.width));
        let hint_h = hint_rows.len() as u16;
        frame.render_widget(
            Paragraph::new(
                hint_rows
                    .into_iter()
                    .map(|r| Line::styled(r, Style::default().add_modifier(Modifier::DIM)))
                    .collect::<Vec<_>>(),
            ),
            Rect {
                y: area.y + 1,
                height: hint_h.min(area.height.saturating_sub(1)),
                ..area
            },
        );
        let top = 2 + hint_h;
        let body = Rect {
            y: area.y + top,
            height: area.height.saturating_sub(top),
            ..area
        };
        let n = c.versions.len();
        if area.width >= SIDE_BY_SIDE_MIN && (2..=MAX_COLUMNS).contains(&n) {
            self.draw_columns(frame, body, l);
        } else {
            self.draw_stacked(frame, body, l);
        }
    }
}

impl Component for MergeForm {
    fn context(&self) -> Context {
        Context::Form
    }
    fn wants_raw(&self, ev: &KeyEvent) -> bool {
        self.form.wants_raw(ev)
    }
    fn handle(&mut self, ev: &KeyEvent, action: Option<Action>, env: &mut Env<'_>) -> Effect {
        match self.form.handle(ev, action) {
            Outcome::Save => {
                let text = self.form.fields[0].text();
                match env
                    .store
                    .resolve_conflict(&self.record_id, &self.field, &text)
                {
                    Ok(()) => Effect::Saved {
                        message: t::resolved(env.lang).to_string(),
                        draft: None,
                    },
                    Err(e) => Effect::Status(i18n::error_message(&e, env.lang)),
                }
            }
            Outcome::Cancel => super::cancel_form(&self.form, None, env.lang),
            _ => Effect::None,
        }
    }
    fn draw(&self, frame: &mut Frame, area: Rect, _env: &DrawEnv<'_>) {
        super::title(frame, area, &self.title);
        self.form.draw(
            frame,
            Rect {
                y: area.y + 2,
                height: area.height.saturating_sub(2),
                ..area
            },
        );
    }
    fn paste(&mut self, text: &str, _env: &mut Env<'_>) {
        MergeForm::paste(self, text)
    }
    fn has_unsaved_changes(&self) -> bool {
        self.form.changed
    }
}
