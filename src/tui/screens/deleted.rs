//! 削除済み: deleted workers and contacts stay readable and can be brought
//! back. The list on top, the chosen record below; Enter on a worker shows
//! the contacts that went with them, `r` restores (with every edit made
//! meanwhile — `Store::restore_worker` / `restore_contact`).

use super::prelude::*;

use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{List, ListItem, ListState, Paragraph};

use super::open::Open;
use crate::domain::{Code, Contact, Worker};
use crate::i18n::{self, Lang, deleted as t};
use crate::tui::app::{Dialog, Effect, Env, Pending};

enum Row {
    /// A deleted worker and how many contacts went with them.
    Worker(Worker, usize),
    /// A contact, its worker's name, and whether it is hidden only because
    /// its worker is deleted (it comes back with the worker).
    Contact(Contact, String, bool),
}

/// What "yes" restores.
enum Restore {
    Worker(Worker),
    Contact(Contact),
}

pub struct DeletedScreen {
    /// One deleted worker's contacts (Enter on a worker), else every
    /// deleted worker and the deleted contacts of workers in view.
    pub(super) worker: Option<Worker>,
    rows: Vec<Row>,
    selected: usize,
    /// What was asked to restore, done on "yes".
    asked: Option<Restore>,
}

impl DeletedScreen {
    pub fn load(worker_id: Option<&str>, env: &mut Env<'_>) -> crate::Result<DeletedScreen> {
        let worker = match worker_id {
            Some(id) => env.store.deleted_worker(id)?,
            None => None,
        };
        let mut s = DeletedScreen {
            worker,
            rows: Vec::new(),
            selected: 0,
            asked: None,
        };
        s.read(env)?;
        Ok(s)
    }

    fn read(&mut self, env: &mut Env<'_>) -> crate::Result<()> {
        self.rows = match &self.worker {
            Some(w) => {
                let with: Vec<(Contact, bool)> = env
                    .store
                    .contacts_of_deleted_worker(&w.id)?
                    .into_iter()
                    .map(|c| (c, true))
                    .collect();
                let alone = env.store.deleted_contacts(Some(&w.id))?;
                let mut list: Vec<(Contact, bool)> = with
                    .into_iter()
                    .chain(alone.into_iter().map(|c| (c, false)))
                    .collect();
                list.sort_by(|(a, _), (b, _)| b.date.cmp(&a.date).then(b.id.cmp(&a.id)));
                list.into_iter()
                    .map(|(c, with)| Row::Contact(c, w.display_name.clone(), with))
                    .collect()
            }
            None => {
                let mut rows = Vec::new();
                for w in env.store.deleted_workers()? {
                    let n = env.store.contacts_of_deleted_worker(&w.id)?.len();
                    rows.push(Row::Worker(w, n));
                }
                let names: Vec<(String, String)> = env
                    .store
                    .workers()?
                    .into_iter()
                    .map(|r| (r.worker.id, r.worker.display_name))
                    .collect();
                for c in env.store.deleted_contacts(None)? {
                    let name = names
                        .iter()
                        .find(|(id, _)| *id == c.worker_id)
                        .map(|(_, n)| n.clone())
                        .unwrap_or_default();
                    rows.push(Row::Contact(c, name, false));
                }
                rows
            }
        };
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        Ok(())
    }

    fn row_text(row: &Row, l: Lang) -> String {
        match row {
            Row::Worker(w, n) => t::worker_row(&w.display_name, &w.employer, *n, l),
            Row::Contact(c, name, _) => format!(
                "{}  {}  {}  {}",
                c.date,
                name,
                c.mode.label(l),
                c.first_line()
            ),
        }
    }

    /// What the chosen row holds, under the list.
    fn detail(&self, l: Lang) -> Vec<String> {
        match self.rows.get(self.selected) {
            Some(Row::Worker(w, n)) => t::worker_detail(w, *n, l),
            Some(Row::Contact(c, name, _)) => {
                let mut out = vec![format!(
                    "{}  {}  {}{}",
                    c.date,
                    name,
                    c.mode.label(l),
                    c.start_time
                        .map(|s| format!("  {}", s.format("%H:%M")))
                        .unwrap_or_default()
                )];
                out.extend(c.notes.lines().map(str::to_string));
                if !c.next_action.is_empty() {
                    out.push(format!(
                        "{} {}",
                        i18n::Msg::NextAction.text(l),
                        c.next_action
                    ));
                }
                out
            }
            None => Vec::new(),
        }
    }
}

impl Component for DeletedScreen {
    fn context(&self) -> Context {
        Context::Deleted
    }
    fn confirmed(&mut self, env: &mut Env<'_>) -> Effect {
        let l = env.lang;
        let done = match self.asked.take() {
            Some(Restore::Worker(w)) => env
                .store
                .restore_worker(&w.id)
                .map(|()| (t::restored(&w.display_name, l), true)),
            Some(Restore::Contact(c)) => env.store.restore_contact(&c.id).map(|()| {
                (
                    t::restored(&format!("{} {}", c.date, c.first_line()), l),
                    false,
                )
            }),
            None => return Effect::None,
        };
        match done {
            // The worker this list is of is back, with its contacts.
            Ok((message, true)) if self.worker.is_some() => Effect::Saved {
                message,
                draft: None,
            },
            Ok((message, _)) => Effect::Changed(message),
            Err(e) => Effect::Status(i18n::error_message(&e, l)),
        }
    }
    fn handle(&mut self, _ev: &KeyEvent, action: Option<Action>, env: &mut Env<'_>) -> Effect {
        let l = env.lang;
        match action {
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Down) => {
                self.selected = (self.selected + 1).min(self.rows.len().saturating_sub(1))
            }
            Some(Action::Open) => {
                if let Some(Row::Worker(w, _)) = self.rows.get(self.selected) {
                    return Effect::open(Open::Deleted {
                        worker_id: Some(w.id.clone()),
                    });
                }
            }
            Some(Action::Restore) => {
                let (asked, message) = match (self.rows.get(self.selected), &self.worker) {
                    (Some(Row::Worker(w, n)), _) => (
                        Restore::Worker(w.clone()),
                        t::restore_worker_question(&w.display_name, *n, l),
                    ),
                    // A contact that went with its worker comes back with it.
                    (Some(Row::Contact(_, _, true)), Some(w)) => {
                        let n = self
                            .rows
                            .iter()
                            .filter(|r| matches!(r, Row::Contact(_, _, true)))
                            .count();
                        (
                            Restore::Worker(w.clone()),
                            t::restore_worker_question(&w.display_name, n, l),
                        )
                    }
                    (Some(Row::Contact(c, ..)), _) => (
                        Restore::Contact(c.clone()),
                        t::restore_contact_question(&format!("{} {}", c.date, c.first_line()), l),
                    ),
                    (None, _) => return Effect::None,
                };
                self.asked = Some(asked);
                return Effect::Confirm(Dialog {
                    message,
                    on_yes: Pending::Screen,
                });
            }
            Some(Action::Back) => return Effect::Pop,
            _ => {}
        }
        Effect::None
    }
    fn reload(&mut self, env: &mut Env<'_>) -> crate::Result<bool> {
        if let Some(w) = &self.worker
            && env.store.deleted_worker(&w.id)?.is_none()
        {
            return Ok(false);
        }
        self.read(env).map(|()| true)
    }
    fn reads(&self) -> Option<&'static [&'static str]> {
        Some(&["worker", "contact"])
    }
    fn draw(&self, frame: &mut Frame, area: Rect, env: &DrawEnv<'_>) {
        let l = env.lang;
        let title = match &self.worker {
            Some(w) => t::worker_title(&w.display_name, l),
            None => t::screen_title(l).to_string(),
        };
        let body = super::titled(frame, area, &title);
        let key = |a| {
            env.keymap
                .first_key(Context::Deleted, a)
                .unwrap_or_default()
        };
        if self.rows.is_empty() {
            super::wrapped(frame, body, t::nothing_deleted(l));
            return;
        }
        let hint = t::screen_hint(
            &key(Action::Restore),
            self.worker.is_none().then(|| key(Action::Open)).as_deref(),
            l,
        );
        let detail = self.detail(l);
        let list_h = (self.rows.len() as u16).clamp(1, body.height.saturating_sub(4) / 2);
        let [hint_area, list_area, _, detail_area] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(list_h),
            Constraint::Length(1),
            Constraint::Min(1),
        ])
        .areas(body);
        let width = usize::from(area.width);
        frame.render_widget(
            Paragraph::new(crate::text::ellipsize(&hint, width))
                .style(Style::default().add_modifier(Modifier::DIM)),
            hint_area,
        );
        let items: Vec<ListItem> = self
            .rows
            .iter()
            .map(|r| {
                ListItem::new(Line::from(crate::text::ellipsize(
                    &Self::row_text(r, l),
                    width,
                )))
            })
            .collect();
        let list =
            List::new(items).highlight_style(Style::default().add_modifier(Modifier::REVERSED));
        let mut state = ListState::default().with_selected(Some(self.selected));
        frame.render_stateful_widget(list, list_area, &mut state);
        let rows: Vec<Line> = detail
            .iter()
            .flat_map(|p| crate::text::wrap(p, width))
            .map(Line::from)
            .collect();
        frame.render_widget(Paragraph::new(rows), detail_area);
    }
}
