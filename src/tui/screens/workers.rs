//! The worker list: type to filter, sort, open. With no workers at all it is the
//! welcome screen.

use super::prelude::*;
use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};
use unicode_width::UnicodeWidthStr;

use super::DrawEnv;
use super::open::Open;
use crate::domain::Code;
use crate::i18n::{self, Lang, Msg};
use crate::store::WorkerRow;
use crate::tui::app::{Effect, Env};
use crate::tui::keymap::{Action, Context};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Kana,
    /// Longest without contact first: who needs a call.
    LastContact,
    /// Soonest end of service first.
    ServiceEnd,
}

impl Sort {
    fn next(self) -> Sort {
        match self {
            Sort::Kana => Sort::LastContact,
            Sort::LastContact => Sort::ServiceEnd,
            Sort::ServiceEnd => Sort::Kana,
        }
    }

    fn label(self, lang: Lang) -> &'static str {
        match self {
            Sort::Kana => lang.pick("ふりがな順", "by kana"),
            Sort::LastContact => lang.pick("最終連絡が古い順", "longest without contact"),
            Sort::ServiceEnd => lang.pick("支援終了が近い順", "service ends soonest"),
        }
    }
}

pub struct WorkersScreen {
    rows: Vec<WorkerRow>,
    filter: String,
    sort: Sort,
    /// Indices into `rows`, filtered and sorted.
    visible: Vec<usize>,
    selected: usize,
}

fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

impl WorkersScreen {
    pub fn load(env: &mut Env<'_>) -> crate::Result<WorkersScreen> {
        let mut s = WorkersScreen {
            rows: Vec::new(),
            filter: String::new(),
            sort: Sort::Kana,
            visible: Vec::new(),
            selected: 0,
        };
        s.reload(env)?;
        Ok(s)
    }

    pub fn reload(&mut self, env: &mut Env<'_>) -> crate::Result<()> {
        let keep = self.selected_row().map(|r| r.worker.id.clone());
        self.rows = env.store.workers()?;
        self.refilter();
        if let Some(id) = keep
            && let Some(pos) = self
                .visible
                .iter()
                .position(|&i| self.rows[i].worker.id == id)
        {
            self.selected = pos;
        }
        Ok(())
    }

    fn refilter(&mut self) {
        let q = squash(&self.filter);
        let mut visible: Vec<usize> = (0..self.rows.len())
            .filter(|&i| {
                let w = &self.rows[i].worker;
                q.is_empty()
                    || [&w.display_name, &w.kana, &w.employer]
                        .iter()
                        .any(|s| squash(s).contains(&q))
            })
            .collect();
        match self.sort {
            Sort::Kana => {} // the store returns kana order
            Sort::LastContact => visible.sort_by_key(|&i| self.rows[i].last_contact),
            Sort::ServiceEnd => visible.sort_by_key(|&i| {
                let end = self.rows[i].worker.service_period().map(|p| p.end);
                (end.is_none(), end)
            }),
        }
        self.visible = visible;
        self.selected = self.selected.min(self.visible.len().saturating_sub(1));
    }

    /// No workers at all: this is the welcome screen.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    fn selected_row(&self) -> Option<&WorkerRow> {
        self.visible.get(self.selected).map(|&i| &self.rows[i])
    }

    fn draw_welcome(&self, frame: &mut Frame, area: Rect, env: &DrawEnv<'_>) {
        let l = env.lang;
        let key = |a| {
            env.keymap
                .first_key(Context::Workers, a)
                .unwrap_or_default()
        };
        let quit = env
            .keymap
            .first_key(Context::Global, Action::Quit)
            .unwrap_or_default();
        let help = env
            .keymap
            .first_key(Context::Global, Action::Help)
            .unwrap_or_default();
        let text = i18n::welcome(&key(Action::NewWorker), &help, &quit, l);
        frame.render_widget(
            Paragraph::new(text).wrap(ratatui::widgets::Wrap { trim: false }),
            area,
        );
    }
}

impl Component for WorkersScreen {
    fn context(&self) -> Context {
        Context::Workers
    }
    /// Printable keys type into the filter ("?" stays help and "/" search
    /// while nothing is typed).
    fn wants_raw(&self, ev: &KeyEvent) -> bool {
        if ev
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return false;
        }
        match ev.code {
            KeyCode::Char('?' | '/') => !self.filter.is_empty(),
            KeyCode::Char(_) => true,
            KeyCode::Backspace => !self.filter.is_empty(),
            _ => false,
        }
    }
    fn handle(&mut self, ev: &KeyEvent, action: Option<Action>, _env: &mut Env<'_>) -> Effect {
        if self.wants_raw(ev) {
            match ev.code {
                KeyCode::Char(c) => self.filter.push(c),
                KeyCode::Backspace => {
                    self.filter.pop();
                }
                _ => {}
            }
            self.selected = 0;
            self.refilter();
            return Effect::None;
        }
        let page = 10;
        match action {
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Down) => {
                self.selected = (self.selected + 1).min(self.visible.len().saturating_sub(1))
            }
            Some(Action::PageUp) => self.selected = self.selected.saturating_sub(page),
            Some(Action::PageDown) => {
                self.selected = (self.selected + page).min(self.visible.len().saturating_sub(1))
            }
            Some(Action::Sort) => {
                self.sort = self.sort.next();
                self.refilter();
            }
            // Esc clears the filter, or with nothing typed goes back home.
            Some(Action::ClearFilter) if self.filter.is_empty() => return Effect::Pop,
            Some(Action::ClearFilter) => {
                self.filter.clear();
                self.refilter();
            }
            Some(Action::Search) => return Effect::open(Open::Search),
            Some(Action::NewWorker) => return Effect::open(Open::NewWorker),
            Some(Action::ImportSelfReports) => return Effect::open(Open::SelfReportImport),
            Some(Action::Open) => {
                if let Some(id) = self.selected_row().map(|r| r.worker.id.clone()) {
                    return Effect::open(Open::Worker(id));
                }
            }
            _ => {}
        }
        Effect::None
    }
    fn reload(&mut self, env: &mut Env<'_>) -> crate::Result<bool> {
        WorkersScreen::reload(self, env).map(|()| true)
    }
    fn reads(&self) -> Option<&'static [&'static str]> {
        Some(&["worker", "contact"])
    }
    fn draw(&self, frame: &mut Frame, area: Rect, env: &DrawEnv<'_>) {
        if self.rows.is_empty() {
            return self.draw_welcome(frame, area, env);
        }
        let l = env.lang;
        let [head, table_area] =
            Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(area);
        let prompt = l.pick("絞り込み: ", "Filter: ");
        let count = match l {
            Lang::Ja => format!("利用者 {}/{}人", self.visible.len(), self.rows.len()),
            Lang::En => format!("Workers {}/{}", self.visible.len(), self.rows.len()),
        };
        let sort = format!("{}: {}", l.pick("並び", "Sort"), self.sort.label(l));
        let lead = format!("{count}  {sort}  ");
        let line = Line::from(vec![
            ratatui::text::Span::styled(
                lead.clone(),
                Style::default().add_modifier(Modifier::BOLD),
            ),
            prompt.into(),
            self.filter.clone().into(),
        ]);
        frame.render_widget(Paragraph::new(line), Rect { height: 1, ..head });
        // The real cursor sits at the end of the filter, where an IME composes.
        let x = usize::from(head.x) + lead.width() + prompt.width() + self.filter.width();
        if let Ok(x) = u16::try_from(x)
            && x < head.right()
        {
            frame.set_cursor_position((x, head.y));
        }

        let cells: Vec<[String; 6]> = self
            .visible
            .iter()
            .map(|&i| {
                let r = &self.rows[i];
                let w = &r.worker;
                [
                    w.display_name.clone(),
                    w.employer.clone(),
                    r.last_contact
                        .map(|d| i18n::since(d, env.today, l))
                        .unwrap_or_default(),
                    w.service_period()
                        .map(|p| i18n::period_position(p.position(env.today), l))
                        .unwrap_or_default(),
                    w.status.label(l).to_string(),
                    if w.is_closed() {
                        super::closed_mark(l).to_string()
                    } else {
                        String::new()
                    },
                ]
            })
            .collect();
        // Every column but the employer is as wide as its widest cell (names
        // capped), so both languages fit at 80 columns; the employer takes the rest.
        let headers = [
            Msg::Name.text(l),
            Msg::Employer.text(l),
            // Short forms: the columns are only as wide as their cells.
            Msg::LastContactColumn.text(l),
            Msg::ServicePeriod.text(l),
            Msg::Status.text(l),
            Msg::DisclosureColumn.text(l),
        ];
        let fit = |col: usize, cap: usize| {
            let widest = cells
                .iter()
                .map(|c| c[col].width())
                .max()
                .unwrap_or(0)
                .max(headers[col].width().min(cap));
            Constraint::Length(widest.min(cap) as u16)
        };
        let widths = [
            fit(0, 14),
            Constraint::Fill(1),
            fit(2, 10),
            fit(3, 14),
            fit(4, 11),
            fit(5, 8),
        ];
        let header = Row::new(headers)
            .style(Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED));
        let widths = crate::tui::widgets::resolve_columns(&widths, 1, table_area);
        let rows = cells.into_iter().map(|c| {
            Row::new(
                crate::tui::widgets::fit_cells(c, &widths)
                    .into_iter()
                    .map(Cell::from),
            )
        });
        let table = Table::new(rows, widths.clone())
            .header(header)
            .row_highlight_style(Style::default().add_modifier(Modifier::REVERSED))
            .column_spacing(1);
        let mut state = TableState::default().with_selected(Some(self.selected));
        frame.render_stateful_widget(table, table_area, &mut state);
        if self.visible.is_empty() {
            let msg = l.pick("当てはまる利用者はいません。", "No worker matches.");
            frame.render_widget(
                Paragraph::new(msg),
                Rect {
                    y: table_area.y + 1,
                    height: 1,
                    ..table_area
                },
            );
        }
    }
}
