//! The months a folded dashboard line stands for ("2026年6月〜9月の本人と対面
//! の支援 4か月分 未記録"): one line a month, Enter opens what meets it (a
//! contact dated in that month, or the month's report); a month met leaves
//! the list when the screen is shown again.

use super::prelude::*;
use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{List, ListItem, ListState, Paragraph};

use crate::domain::dates::YearMonth;
use crate::domain::schedule::Monthly;
use crate::domain::{Mode, Worker};
use crate::i18n::{self, due};

pub struct MissedScreen {
    pub(super) worker: Worker,
    what: Monthly,
    months: Vec<YearMonth>,
    /// The months of this kind waived with a reason, shown after the list
    /// (not selectable: nothing is owed for them).
    waived: Vec<crate::domain::waiver::Waiver>,
    selected: usize,
}

impl MissedScreen {
    pub fn load(worker_id: &str, what: Monthly, env: &mut Env<'_>) -> crate::Result<MissedScreen> {
        let worker = env.store.require_worker(worker_id)?;
        let months = env.store.missed_months(&worker, what, env.today)?;
        let waived = waived(&worker, what, env)?;
        Ok(MissedScreen {
            worker,
            what,
            months,
            waived,
            selected: 0,
        })
    }

    pub fn months(&self) -> &[YearMonth] {
        &self.months
    }

    /// What meets the month: a contact dated on its last day (the day the
    /// supporter then corrects), or its report.
    fn open_month(&self, month: YearMonth) -> Open {
        let worker_id = self.worker.id.clone();
        match self.what {
            Monthly::Report => Open::Report { worker_id, month },
            Monthly::ContactWorker | Monthly::ContactEmployer => Open::NewContact {
                worker_id,
                mode: Some(
                    if self.what == Monthly::ContactWorker && self.worker.is_closed() {
                        Mode::Meeting
                    } else {
                        Mode::Visit
                    },
                ),
                date: Some(month.last_day()),
            },
        }
    }
}

impl Component for MissedScreen {
    fn context(&self) -> Context {
        Context::Missed
    }
    fn handle(&mut self, _ev: &KeyEvent, action: Option<Action>, _env: &mut Env<'_>) -> Effect {
        let last = self.months.len().saturating_sub(1);
        match action {
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Down) => self.selected = (self.selected + 1).min(last),
            Some(Action::DoDuty) => {
                if let Some(&m) = self.months.get(self.selected) {
                    return Effect::open(self.open_month(m));
                }
            }
            Some(Action::Back) => return Effect::Pop,
            _ => {}
        }
        Effect::None
    }
    fn reload(&mut self, env: &mut Env<'_>) -> crate::Result<bool> {
        self.months = env
            .store
            .missed_months(&self.worker, self.what, env.today)?;
        self.waived = waived(&self.worker, self.what, env)?;
        self.selected = self.selected.min(self.months.len().saturating_sub(1));
        Ok(true)
    }
    fn draw(&self, frame: &mut Frame, area: Rect, env: &DrawEnv<'_>) {
        let l = env.lang;
        let title = format!(
            "{} — {} — {}",
            l.pick("未記録の月", "Missed months"),
            self.worker.display_name,
            due::monthly_label(self.what, l)
        );
        super::title(frame, area, &title);
        let [_, head, list_area] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(1),
        ])
        .areas(area);
        let key = env
            .keymap
            .first_key(Context::Missed, Action::DoDuty)
            .unwrap_or_default();
        let text = if self.months.is_empty() {
            l.pick("未記録の月はありません。", "No month is left unrecorded.")
                .to_string()
        } else {
            match l {
                i18n::Lang::Ja => format!("{}か月分 — {key} でその月を記録", self.months.len()),
                i18n::Lang::En => format!("{} months — {key} records the month", self.months.len()),
            }
        };
        frame.render_widget(Paragraph::new(text), head);
        let dim = Style::default().add_modifier(Modifier::DIM);
        let items: Vec<ListItem> = self
            .months
            .iter()
            .map(|m| ListItem::new(due::month_label(*m, l)))
            .chain(
                self.waived
                    .iter()
                    .map(|v| ListItem::new(i18n::waiver::waiver_line(v, l)).style(dim)),
            )
            .collect();
        let list =
            List::new(items).highlight_style(Style::default().add_modifier(Modifier::REVERSED));
        let selected = (!self.months.is_empty()).then_some(self.selected);
        let mut state = ListState::default().with_selected(selected);
        frame.render_stateful_widget(list, list_area, &mut state);
    }
}

/// The worker's waived months of `what`.
fn waived(
    worker: &Worker,
    what: Monthly,
    env: &mut Env<'_>,
) -> crate::Result<Vec<crate::domain::waiver::Waiver>> {
    let kind = crate::domain::waiver::WaivedDuty::of_monthly(what);
    env.store.waivers_of(&worker.id, kind)
}
