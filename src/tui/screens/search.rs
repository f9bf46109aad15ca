//! Search across contact notes, worker names and kana, people and reports
//! (`Store::search`). Every key typed re-runs the query (a few milliseconds on
//! a 100k-contact database); drawing only shows the last results. The real
//! cursor sits at the end of the query, where an IME composes.

use super::prelude::*;
use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};
use unicode_width::UnicodeWidthStr;

use super::open::Open;
use crate::domain::Code;
use crate::domain::dates::YearMonth;
use crate::i18n::due::{self, Text};
use crate::i18n::{self, Msg};
use crate::store::search::{HitKind, SearchHit};
use crate::tui::app::{Effect, Env};
use crate::tui::keymap::Action;

/// Results shown at most (newest first).
pub const LIMIT: usize = 200;
const PAGE: usize = 10;

#[derive(Default)]
pub struct SearchScreen {
    query: String,
    hits: Vec<SearchHit>,
    selected: usize,
    error: Option<String>,
}

impl SearchScreen {
    pub fn new() -> SearchScreen {
        SearchScreen::default()
    }

    pub fn query(&self) -> &str {
        &self.query
    }

    pub fn hits(&self) -> &[SearchHit] {
        &self.hits
    }

    /// A record may have changed or gone: run the query again.
    pub fn reload(&mut self, env: &mut Env<'_>) -> crate::Result<()> {
        self.run(env);
        Ok(())
    }

    pub fn paste(&mut self, text: &str, env: &mut Env<'_>) {
        self.query.push_str(&text.replace(['\r', '\n', '\t'], " "));
        self.selected = 0;
        self.run(env);
    }

    fn run(&mut self, env: &mut Env<'_>) {
        match env.store.search(&self.query, LIMIT) {
            Ok(hits) => {
                self.hits = hits;
                self.error = None;
            }
            Err(e) => {
                self.hits.clear();
                self.error = Some(i18n::error_message(&e, env.lang));
            }
        }
        self.selected = self.selected.min(self.hits.len().saturating_sub(1));
    }
}

/// The snippet with each match in brackets and bold underlined, so it stands
/// out on a terminal without colour and in a screen reader's text alike.
pub fn marked(hit: &SearchHit) -> Line<'static> {
    let mark = Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    let spans: Vec<Span<'static>> = hit
        .segments()
        .into_iter()
        .map(|(text, matched)| match matched {
            true => Span::styled(format!("[{text}]"), mark),
            false => Span::raw(text.to_string()),
        })
        .collect();
    Line::from(spans)
}

/// The screen a hit opens: a contact's reading screen, a report's screen, the
/// worker page for a worker or a person.
fn open(hit: &SearchHit, env: &mut Env<'_>) -> crate::Result<Open> {
    Ok(match hit.kind {
        HitKind::Contact => Open::ContactById {
            id: hit.id.clone(),
            worker_id: hit.worker_id.clone(),
        },
        HitKind::Report => {
            let month = match YearMonth::parse(&hit.date) {
                Some(m) => m,
                None => env.store.report(&hit.id)?.map(|r| r.month).ok_or_else(|| {
                    crate::Error::NotFound {
                        kind: hit.kind.code(),
                        id: hit.id.clone(),
                    }
                })?,
            };
            Open::Report {
                worker_id: hit.worker_id.clone(),
                month,
            }
        }
        HitKind::Worker | HitKind::Person => Open::Worker(hit.worker_id.clone()),
    })
}

impl Component for SearchScreen {
    fn context(&self) -> Context {
        Context::Search
    }
    /// Printable characters and Backspace edit the query.
    fn wants_raw(&self, ev: &KeyEvent) -> bool {
        !ev.modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
            && matches!(ev.code, KeyCode::Char(_) | KeyCode::Backspace)
    }
    fn handle(&mut self, ev: &KeyEvent, action: Option<Action>, env: &mut Env<'_>) -> Effect {
        if self.wants_raw(ev) {
            match ev.code {
                KeyCode::Char(c) => self.query.push(c),
                KeyCode::Backspace => {
                    self.query.pop();
                }
                _ => {}
            }
            self.selected = 0;
            self.run(env);
            return Effect::None;
        }
        let last = self.hits.len().saturating_sub(1);
        match action {
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Down) => self.selected = (self.selected + 1).min(last),
            Some(Action::PageUp) => self.selected = self.selected.saturating_sub(PAGE),
            Some(Action::PageDown) => self.selected = (self.selected + PAGE).min(last),
            Some(Action::Back) => return Effect::Pop,
            Some(Action::Open) => {
                if let Some(hit) = self.hits.get(self.selected).cloned() {
                    return match open(&hit, env) {
                        Ok(what) => Effect::open(what),
                        Err(e) => Effect::Status(i18n::error_message(&e, env.lang)),
                    };
                }
            }
            _ => {}
        }
        Effect::None
    }
    fn reload(&mut self, env: &mut Env<'_>) -> crate::Result<bool> {
        SearchScreen::reload(self, env).map(|()| true)
    }
    fn draw(&self, frame: &mut Frame, area: Rect, env: &DrawEnv<'_>) {
        let l = env.lang;
        let [head, info, list] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(1),
        ])
        .areas(area);
        let prompt = Text::SearchPrompt.text(l);
        let bold = Style::default().add_modifier(Modifier::BOLD);
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(prompt, bold),
                Span::raw(self.query.clone()),
            ])),
            head,
        );
        let x = usize::from(head.x) + prompt.width() + self.query.width();
        if let Ok(x) = u16::try_from(x)
            && x < head.right()
        {
            frame.set_cursor_position((x, head.y));
        }
        let info_text = match (&self.error, self.query.trim().is_empty()) {
            (Some(e), _) => e.clone(),
            (None, true) => Text::SearchHint.text(l).to_string(),
            (None, false) if self.hits.is_empty() => Msg::NoHits.text(l).to_string(),
            (None, false) => due::hit_count(self.hits.len(), LIMIT, l),
        };
        frame.render_widget(Paragraph::new(info_text), info);
        if self.hits.is_empty() {
            return;
        }
        let kind_w = HitKind::ALL
            .iter()
            .map(|k| k.label(l).width())
            .max()
            .unwrap_or(8)
            .max(Msg::Kind.text(l).width());
        let name_w = self
            .hits
            .iter()
            .map(|h| h.worker_name.width())
            .max()
            .unwrap_or(0)
            .clamp(Msg::Name.text(l).width(), 14);
        let header = Row::new([
            Msg::Kind.text(l),
            Msg::Date.text(l),
            Msg::Name.text(l),
            Msg::Excerpt.text(l),
        ])
        .style(Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED));
        let rows = self.hits.iter().map(|h| {
            Row::new([
                Cell::from(h.kind.label(l)),
                Cell::from(h.date.clone()),
                Cell::from(h.worker_name.clone()),
                Cell::from(marked(h)),
            ])
        });
        let table = Table::new(
            rows,
            [
                Constraint::Length(kind_w as u16),
                Constraint::Length(10),
                Constraint::Length(name_w as u16),
                Constraint::Fill(1),
            ],
        )
        .header(header)
        .column_spacing(1)
        .row_highlight_style(Style::default().add_modifier(Modifier::REVERSED));
        let mut state = TableState::default().with_selected(Some(self.selected));
        frame.render_stateful_widget(table, list, &mut state);
    }
    fn paste(&mut self, text: &str, env: &mut Env<'_>) {
        SearchScreen::paste(self, text, env)
    }
}
