//! The home screen once there are workers: every open duty (overdue or due
//! soon) across all workers, most urgent first, and one key to act on it.
//!
//! The list comes from `Store::dashboard`, which reads the whole agency (about
//! 0.4 s on a 100k-contact database). It is read when the screen opens and,
//! after a change, only when the screen is shown again (`stale`), so saving a
//! contact or a report field deeper in the stack never waits for it.

use super::prelude::*;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};
use unicode_width::UnicodeWidthStr;

use super::closed_mark;
use super::dashboard_view::{self as view, Filter};
use super::open::Open;
use crate::domain::dates::YearMonth;
use crate::domain::schedule::{Action as Todo, DashboardItem, DueState, Duty};
use crate::i18n::due::{self, Text};
use crate::i18n::{self, Msg};
use crate::tui::app::{Effect, Env};
use crate::tui::keymap::{Action, Context};

const PAGE: usize = 10;

pub struct DashboardScreen {
    items: Vec<DashboardItem>,
    /// What shows of `items` under the filter, flat or grouped by worker.
    rows: Vec<view::Row>,
    filter: Filter,
    grouped: bool,
    /// The user's staff name, for the "mine" filter.
    staff: String,
    /// Partners whose contact has thinned: a hint under the counts.
    hints: Vec<crate::store::partners::PartnerHint>,
    selected: usize,
    /// Records kept against a delete made elsewhere: a line over the list.
    kept: usize,
    /// Something changed since `items` was read; re-read before it is shown.
    stale: bool,
}

impl DashboardScreen {
    pub fn load(env: &mut Env<'_>) -> crate::Result<DashboardScreen> {
        let mut s = DashboardScreen::unloaded();
        s.refresh(env)?;
        Ok(s)
    }

    /// A dashboard that reads its list when it is first shown.
    pub fn unloaded() -> DashboardScreen {
        DashboardScreen {
            items: Vec::new(),
            rows: Vec::new(),
            filter: Filter::All,
            grouped: false,
            staff: String::new(),
            hints: Vec::new(),
            selected: 0,
            kept: 0,
            stale: true,
        }
    }

    /// Called after every change: only marks the list for re-reading.
    pub fn mark_stale(&mut self) {
        self.stale = true;
    }

    pub fn is_stale(&self) -> bool {
        self.stale
    }

    /// Re-reads the list, keeping the selection on the same worker and duty;
    /// when that line is gone (done), on the first line after it that is
    /// still there (other lines of the worker may have gone with it), else
    /// on the last; on the first line the first time.
    pub fn refresh(&mut self, env: &mut Env<'_>) -> crate::Result<()> {
        let keep = self.keys_from_selected();
        self.items = env.store.dashboard(env.today)?;
        self.staff = env.staff_name.to_string();
        self.hints = env.store.partner_hints(env.today, env.partner_weeks)?;
        self.kept = env.store.kept_against_delete()?.len();
        self.stale = false;
        self.relayout(keep);
        Ok(())
    }

    /// The rows from the selected one on, to find the selection again.
    fn keys_from_selected(&self) -> Vec<view::Key> {
        self.rows
            .iter()
            .skip(self.selected)
            .filter_map(|r| view::key(r, &self.items))
            .collect()
    }

    /// Recomputes the rows; the selection goes to the first of `keep` still
    /// shown (a line done goes with its worker's other lines, if so), else
    /// to the last row; to the first without `keep`.
    fn relayout(&mut self, keep: Vec<view::Key>) {
        self.rows = view::rows(&self.items, &self.filter, self.grouped, &self.staff);
        let at = keep.iter().find_map(|k| {
            self.rows
                .iter()
                .position(|r| view::key(r, &self.items).as_ref() == Some(k))
        });
        let fallback = if keep.is_empty() { 0 } else { usize::MAX };
        self.selected = at
            .unwrap_or(fallback)
            .min(self.rows.len().saturating_sub(1));
    }

    pub fn items(&self) -> &[DashboardItem] {
        &self.items
    }

    /// The line selected; `None` on a worker's group.
    fn selected_item(&self) -> Option<&DashboardItem> {
        match self.rows.get(self.selected)? {
            view::Row::Line(i) => self.items.get(*i),
            view::Row::Group { .. } => None,
        }
    }

    /// The worker of the selected row (a line or a group).
    fn selected_worker(&self) -> Option<String> {
        match self.rows.get(self.selected)? {
            view::Row::Line(i) => self.items.get(*i).map(|x| x.worker_id.clone()),
            view::Row::Group { worker_id, .. } => Some(worker_id.clone()),
        }
    }

    /// The next filter: all → mine → the selected worker → all.
    fn next_filter(&mut self) {
        let keep = self.keys_from_selected();
        self.filter = match &self.filter {
            Filter::All => Filter::Mine,
            Filter::Mine => match self.selected_worker() {
                Some(id) => Filter::Worker(id),
                None => Filter::All,
            },
            Filter::Worker(_) => Filter::All,
        };
        self.relayout(keep);
    }

    fn toggle_grouped(&mut self) {
        let worker = self.selected_worker();
        self.grouped = !self.grouped;
        self.relayout(Vec::new());
        if let Some(w) = worker {
            self.selected = self
                .rows
                .iter()
                .position(|r| match r {
                    view::Row::Line(i) => self.items.get(*i).is_some_and(|x| x.worker_id == w),
                    view::Row::Group { worker_id, .. } => *worker_id == w,
                })
                .unwrap_or(0);
        }
    }

    /// Enter on a worker's group: that worker's lines, one a duty.
    fn expand(&mut self, worker_id: String) {
        self.filter = Filter::Worker(worker_id);
        self.grouped = false;
        self.relayout(Vec::new());
    }
}

/// The screen that does what a dashboard line asks, opened over the
/// dashboard so that saving it comes back here with the line gone and the
/// cursor on the next one: a contact form with the duty's mode, dated inside
/// the duty's month (its last day for a past month); the month's report; a
/// new version of the plan (the first, or the review of the latest); a
/// sharing for the handover; the worker's record with the cursor on the
/// status (the end); the worker page (closed-employment flags).
fn do_duty(item: &DashboardItem, today: chrono::NaiveDate) -> Vec<Open> {
    match &item.action {
        Todo::LogContact { worker_id, mode } => vec![Open::NewContact {
            worker_id: worker_id.clone(),
            mode: Some(*mode),
            date: (item.item.due < today).then_some(item.item.due),
        }],
        Todo::OpenReport { worker_id, month } => vec![Open::Report {
            worker_id: worker_id.clone(),
            month: *month,
        }],
        Todo::OpenPlan { worker_id } => vec![Open::NewPlan {
            worker_id: worker_id.clone(),
        }],
        Todo::OpenWorker { worker_id } => vec![Open::Worker(worker_id.clone())],
        Todo::OpenSelfReports { worker_id } => vec![
            Open::Worker(worker_id.clone()),
            Open::SelfReports {
                worker_id: worker_id.clone(),
            },
        ],
        Todo::RecordEnd { worker_id } => vec![Open::EndService(worker_id.clone())],
        Todo::OpenFollowUp { worker_id } => vec![Open::FollowUp {
            worker_id: worker_id.clone(),
        }],
        Todo::OpenMissed { worker_id, what } => vec![Open::Missed {
            worker_id: worker_id.clone(),
            what: *what,
        }],
        Todo::OpenHandover { worker_id } => vec![Open::NewSharing {
            worker_id: worker_id.clone(),
            takes_over: true,
        }],
    }
}

impl Component for DashboardScreen {
    fn context(&self) -> Context {
        Context::Dashboard
    }
    fn handle(&mut self, _ev: &KeyEvent, action: Option<Action>, env: &mut Env<'_>) -> Effect {
        let last = self.rows.len().saturating_sub(1);
        match action {
            Some(Action::Filter) => self.next_filter(),
            Some(Action::GroupView) => self.toggle_grouped(),
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Down) => self.selected = (self.selected + 1).min(last),
            Some(Action::PageUp) => self.selected = self.selected.saturating_sub(PAGE),
            Some(Action::PageDown) => self.selected = (self.selected + PAGE).min(last),
            Some(Action::WorkerList) => {
                return Effect::open(Open::Workers);
            }
            Some(Action::Search) => return Effect::open(Open::Search),
            Some(Action::Settings) => return Effect::open(Open::Settings),
            Some(Action::Conflicts) => return Effect::open(Open::Conflicts),
            Some(Action::NewWorker) => return Effect::open(Open::NewWorker),
            Some(Action::DoDuty) => {
                if let Some(item) = self.selected_item() {
                    return Effect::Open(do_duty(item, env.today));
                }
                if let Some(w) = self.selected_worker() {
                    self.expand(w);
                }
            }
            Some(Action::FollowUpDone) => {
                let Some(item) = self.selected_item() else {
                    return Effect::None;
                };
                if item.item.duty != Duty::FollowUp {
                    return Effect::Status(due::not_a_follow_up(env.lang).to_string());
                }
                let name = item.worker_name.clone();
                return match env.store.follow_up_done(&item.worker_id, env.today) {
                    Ok(()) => Effect::Changed(due::follow_up_done(&name, env.lang)),
                    Err(e) => Effect::Status(i18n::error_message(&e, env.lang)),
                };
            }
            Some(Action::Waive) => {
                let Some(item) = self.selected_item() else {
                    return Effect::None;
                };
                let duty = item.item.duty;
                if crate::domain::waiver::waivable(duty, |_| vec![YearMonth::of(env.today)])
                    .is_empty()
                {
                    return Effect::Status(i18n::waiver::not_waivable(env.lang).to_string());
                }
                return Effect::open(Open::Waive {
                    worker_id: item.worker_id.clone(),
                    duty,
                });
            }
            Some(Action::Open) => {
                if let Some(id) = self.selected_worker() {
                    return Effect::open(Open::Worker(id));
                }
            }
            Some(Action::MonthReport) => {
                if let Some(item) = self.selected_item() {
                    let month = match item.item.duty {
                        Duty::ContactWorker { month }
                        | Duty::Report { month }
                        | Duty::ContactEmployer { month } => month,
                        Duty::Missed { to, .. } => to,
                        _ => YearMonth::of(env.today),
                    };
                    return Effect::open(Open::Report {
                        worker_id: item.worker_id.clone(),
                        month,
                    });
                }
            }
            _ => {}
        }
        Effect::None
    }
    fn reload(&mut self, _env: &mut Env<'_>) -> crate::Result<bool> {
        // Only noted: the list is re-read when it is shown again.
        self.mark_stale();
        Ok(true)
    }
    fn draw(&self, frame: &mut Frame, area: Rect, env: &DrawEnv<'_>) {
        let l = env.lang;
        super::title(frame, area, Text::HomeTitle.text(l));
        let shown: Vec<&DashboardItem> = self
            .rows
            .iter()
            .flat_map(|r| match r {
                view::Row::Line(i) => vec![*i],
                view::Row::Group { lines, .. } => lines.clone(),
            })
            .filter_map(|i| self.items.get(i))
            .collect();
        let overdue = shown
            .iter()
            .filter(|i| i.item.state == DueState::Overdue)
            .count();
        let mut summary = due::dashboard_summary(overdue, shown.len() - overdue, env.today, l);
        let who = match &self.filter {
            Filter::Worker(id) => self
                .items
                .iter()
                .find(|i| i.worker_id == *id)
                .map(|i| i.worker_name.clone()),
            _ => None,
        };
        summary.push_str(&due::view_label(
            matches!(self.filter, Filter::Mine),
            who.as_deref(),
            self.grouped,
            l,
        ));
        let hint_rows = u16::from(!self.hints.is_empty());
        let key = |ctx, a| env.keymap.first_key(ctx, a).unwrap_or_default();
        let kept = (self.kept > 0).then(|| {
            let text = i18n::deleted::home_notice(
                self.kept,
                &key(Context::Dashboard, Action::Conflicts),
                l,
            );
            crate::text::wrap(&text, usize::from(area.width))
        });
        let kept_rows = kept.as_ref().map_or(0, |r| r.len() as u16);
        let [_, head, kept_area, hint_area, table_area, foot] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(kept_rows),
            Constraint::Length(hint_rows),
            Constraint::Min(1),
            Constraint::Length(1),
        ])
        .areas(area);
        frame.render_widget(Paragraph::new(summary), head);
        if let Some(rows) = kept {
            let style = ratatui::style::Style::default()
                .add_modifier(ratatui::style::Modifier::BOLD | ratatui::style::Modifier::REVERSED);
            let lines: Vec<ratatui::text::Line> = rows
                .into_iter()
                .map(|r| ratatui::text::Line::styled(r, style))
                .collect();
            frame.render_widget(Paragraph::new(lines), kept_area);
        }
        if let Some(first) = self.hints.first() {
            let text = due::partner_hint(
                &first.worker_name,
                &first.person_name,
                first.last,
                self.hints.len(),
                l,
            );
            let text = crate::text::truncate(&text, usize::from(hint_area.width));
            frame.render_widget(Paragraph::new(text), hint_area);
        }
        if self.rows.is_empty() && !self.items.is_empty() {
            let text = due::nothing_in_view(&key(Context::Dashboard, Action::Filter), l);
            super::wrapped(frame, table_area, &text);
            return;
        }
        if self.rows.is_empty() {
            let text = due::nothing_due(
                &key(Context::Dashboard, Action::WorkerList),
                &key(Context::Dashboard, Action::Search),
                l,
            );
            let area = Rect {
                y: table_area.y + 1,
                height: table_area.height.saturating_sub(1),
                ..table_area
            };
            super::wrapped(frame, area, &text);
            return;
        }
        let wide = area.width >= 110;
        let states: Vec<DueState> = self
            .rows
            .iter()
            .map(|r| match r {
                view::Row::Line(i) => self
                    .items
                    .get(*i)
                    .map_or(DueState::DueSoon, |x| x.item.state),
                view::Row::Group { lines, .. } => view::group_state(lines, &self.items),
            })
            .collect();
        let cells: Vec<Vec<String>> = self
            .rows
            .iter()
            .zip(&states)
            .filter_map(|(r, state)| {
                let (first, text, action) = match r {
                    view::Row::Line(i) => {
                        let x = self.items.get(*i)?;
                        (x, due::item_label(x, l), i18n::action_label(&x.action, l))
                    }
                    view::Row::Group { lines, .. } => {
                        let group: Vec<&DashboardItem> =
                            lines.iter().filter_map(|&n| self.items.get(n)).collect();
                        let labels: Vec<String> = group
                            .iter()
                            .map(|x| due::line_label(x.item.duty, l))
                            .collect();
                        let key = key(Context::Dashboard, Action::DoDuty);
                        (
                            *group.first()?,
                            due::group_label(&labels, l),
                            due::expand_label(&key, l),
                        )
                    }
                };
                let mut row = vec![
                    i18n::due_state_label(*state, l).to_string(),
                    first.item.due.format("%Y-%m-%d").to_string(),
                    first.worker_name.clone(),
                    if first.closed {
                        closed_mark(l).to_string()
                    } else {
                        String::new()
                    },
                    text,
                ];
                if wide {
                    row.push(action);
                }
                Some(row)
            })
            .collect();
        let mut headers = vec![
            Msg::State.text(l),
            Msg::Due.text(l),
            Msg::Name.text(l),
            Msg::Disclosure.text(l),
            Msg::Duty.text(l),
        ];
        if wide {
            headers.push(Msg::Action.text(l));
        }
        let fit = |col: usize, cap: usize| {
            cells
                .iter()
                .map(|c| c[col].width())
                .max()
                .unwrap_or(0)
                .max(headers[col].width())
                .min(cap)
        };
        let fixed = [fit(0, 10), fit(1, 10), fit(2, 14), fit(3, 10)];
        let mut widths: Vec<Constraint> = fixed
            .iter()
            .map(|w| Constraint::Length(*w as u16))
            .collect();
        // The duty's column: what is left (at most 40 when the action shows
        // beside it); a longer label ends in "…".
        let duty_width = if wide {
            fit(4, 40)
        } else {
            usize::from(table_area.width).saturating_sub(fixed.iter().sum::<usize>() + 4)
        };
        let mut cells = cells;
        for c in cells.iter_mut() {
            if c[4].width() > duty_width {
                c[4] = crate::text::truncate(&c[4], duty_width);
            }
        }
        if wide {
            widths.push(Constraint::Length(duty_width as u16));
        }
        widths.push(Constraint::Fill(1));
        let header = Row::new(headers)
            .style(Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED));
        let widths = crate::tui::widgets::resolve_columns(&widths, 1, table_area);
        let rows = states.iter().zip(cells).map(|(state, c)| {
            // Overdue lines are bold as well as worded, never told by colour alone.
            let style = if *state == DueState::Overdue {
                Style::default().add_modifier(Modifier::BOLD)
            } else {
                Style::default()
            };
            Row::new(
                crate::tui::widgets::fit_cells(c, &widths)
                    .into_iter()
                    .map(Cell::from),
            )
            .style(style)
        });
        let table = Table::new(rows, widths.clone())
            .header(header)
            .row_highlight_style(Style::default().add_modifier(Modifier::REVERSED))
            .column_spacing(1);
        let mut state = TableState::default().with_selected(Some(self.selected));
        frame.render_stateful_widget(table, table_area, &mut state);
        let doing = match self.selected_item() {
            Some(item) => Some(i18n::action_label(&item.action, l)),
            None => self
                .selected_worker()
                .map(|_| due::expand_label("", l).trim().to_string()),
        };
        if let Some(doing) = doing {
            let text = due::selected_action(&key(Context::Dashboard, Action::DoDuty), &doing, l);
            frame.render_widget(
                Paragraph::new(Line::from(Span::styled(
                    text,
                    Style::default().add_modifier(Modifier::BOLD),
                ))),
                foot,
            );
        }
    }
}
