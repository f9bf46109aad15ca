//! Reading one contact: its details and the whole note, wrapped by glyph.

use super::prelude::*;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::open::Open;
use crate::domain::{Code, Contact, Worker};
use crate::i18n::{self, Lang, Msg};
use crate::tui::app::{Dialog, Effect, Env, Pending};
use crate::tui::keymap::Action;

pub struct ContactScreen {
    contact: Contact,
    pub(super) worker: Worker,
    scroll: usize,
    /// The furthest the note can scroll, as last drawn.
    max_scroll: std::cell::Cell<usize>,
}

impl ContactScreen {
    pub fn new(contact: Contact, worker: Worker) -> ContactScreen {
        ContactScreen {
            contact,
            worker,
            scroll: 0,
            max_scroll: std::cell::Cell::new(0),
        }
    }

    pub fn reload(&mut self, env: &mut Env<'_>) -> crate::Result<bool> {
        match env.store.contact(&self.contact.id)? {
            Some(c) => {
                self.contact = c;
                Ok(true)
            }
            None => Ok(false),
        }
    }
}

impl Component for ContactScreen {
    /// Yes to "delete this contact?": delete it and leave its page.
    fn confirmed(&mut self, env: &mut Env<'_>) -> Effect {
        use Effect;
        match env.store.delete_contact(&self.contact.id) {
            Ok(()) => Effect::Saved {
                message: i18n::Msg::Deleted.text(env.lang).to_string(),
                draft: None,
            },
            Err(e) => Effect::Status(i18n::error_message(&e, env.lang)),
        }
    }
    fn context(&self) -> Context {
        Context::Contact
    }
    fn handle(&mut self, _ev: &KeyEvent, action: Option<Action>, env: &mut Env<'_>) -> Effect {
        match action {
            Some(Action::Up) => self.scroll = self.scroll.saturating_sub(1),
            Some(Action::Down) => self.scroll = (self.scroll + 1).min(self.max_scroll.get()),
            Some(Action::PageUp) => self.scroll = self.scroll.saturating_sub(10),
            Some(Action::PageDown) => self.scroll = (self.scroll + 10).min(self.max_scroll.get()),
            Some(Action::Back) => return Effect::Pop,
            Some(Action::EditContact) => {
                return Effect::open(Open::EditContact(
                    Box::new(self.contact.clone()),
                    Box::new(self.worker.clone()),
                ));
            }
            Some(Action::DeleteContact) => {
                return Effect::Confirm(Dialog {
                    message: i18n::confirm_delete_contact(
                        self.contact.date,
                        self.contact.mode.label(env.lang),
                        env.lang,
                    ),
                    on_yes: Pending::Screen,
                });
            }
            _ => {}
        }
        Effect::None
    }
    fn reload(&mut self, env: &mut Env<'_>) -> crate::Result<bool> {
        ContactScreen::reload(self, env)
    }
    fn reads(&self) -> Option<&'static [&'static str]> {
        Some(&["contact", "worker"])
    }
    fn draw(&self, frame: &mut Frame, area: Rect, env: &DrawEnv<'_>) {
        let l = env.lang;
        let c = &self.contact;
        let bold = Style::default().add_modifier(Modifier::BOLD);
        let mut when = c.date.format("%Y-%m-%d").to_string();
        if let Some(t) = c.start_time {
            when.push_str(&t.format(" %H:%M").to_string());
        }
        if let Some(m) = c.minutes {
            when.push_str(&match l {
                Lang::Ja => format!("（{m}分）"),
                Lang::En => format!(" ({m} min)"),
            });
        }
        super::title(
            frame,
            area,
            &format!(
                "{}  {}  {}",
                self.worker.display_name,
                when,
                c.mode.label(l)
            ),
        );
        let participants = c
            .participants
            .iter()
            .map(|p| p.label(l))
            .collect::<Vec<_>>()
            .join(l.pick("、", ", "));
        let mut head = vec![Line::from(vec![
            Span::styled(format!("{} ", Msg::Participants.text(l)), bold),
            Span::raw(participants),
            Span::styled(format!("  {} ", Msg::RecordedBy.text(l)), bold),
            Span::raw(c.recorded_by.clone()),
        ])];
        if !c.next_action.is_empty() || c.next_due.is_some() {
            let due = c
                .next_due
                .map(|d| format!("（{} {d}）", Msg::NextDue.text(l)))
                .unwrap_or_default();
            head.push(Line::from(vec![
                Span::styled(format!("{} ", Msg::NextAction.text(l)), bold),
                Span::raw(format!("{}{due}", c.next_action)),
            ]));
        }
        let head_h = head.len() as u16;
        frame.render_widget(
            Paragraph::new(head),
            Rect {
                y: area.y + 1,
                height: head_h.min(area.height.saturating_sub(1)),
                ..area
            },
        );
        let body = Rect {
            y: area.y + 1 + head_h,
            height: area.height.saturating_sub(1 + head_h),
            ..area
        };
        let block = Block::default()
            .borders(Borders::TOP)
            .title(format!(" {} ", Msg::Notes.text(l)));
        let inner = block.inner(body);
        frame.render_widget(block, body);
        let rows = crate::text::wrap(&c.notes, usize::from(inner.width));
        let max_scroll = rows.len().saturating_sub(usize::from(inner.height));
        self.max_scroll.set(max_scroll);
        let scroll = self.scroll.min(max_scroll);
        let lines: Vec<Line> = rows
            .into_iter()
            .skip(scroll)
            .take(usize::from(inner.height))
            .map(Line::from)
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }
}
