//! Reading a worker's support plan (就労定着支援計画): any version, newest
//! first shown, with its goals and, for a review, the evaluation of each goal
//! of the version before. New versions are written, and a shown version
//! corrected, in [`super::plan_form`].

use super::prelude::*;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::open::Open;
use crate::domain::Worker;
use crate::domain::plan::Plan;
use crate::i18n::PlanText;
use crate::render;

pub struct PlanScreen {
    pub(super) worker: Worker,
    /// Oldest first.
    plans: Vec<Plan>,
    /// Which version is shown.
    index: usize,
    scroll: usize,
    max_scroll: std::cell::Cell<usize>,
    /// The open plan conflict: version number and the ids of its heads.
    fork: Option<(u32, Vec<String>)>,
    /// Ids of the versions superseded by a choice or a merge.
    superseded: Vec<String>,
}

impl PlanScreen {
    pub fn load(worker_id: &str, env: &mut Env<'_>) -> crate::Result<PlanScreen> {
        let worker = env.store.require_worker(worker_id)?;
        let plans = env.store.plans_for(worker_id)?;
        let mut s = PlanScreen {
            index: plans.len().saturating_sub(1),
            worker,
            plans,
            scroll: 0,
            max_scroll: std::cell::Cell::new(0),
            fork: None,
            superseded: Vec::new(),
        };
        s.read_forks(env)?;
        s.index = s.latest_in_force();
        Ok(s)
    }

    /// The newest version not superseded (what opens first).
    fn latest_in_force(&self) -> usize {
        self.plans
            .iter()
            .rposition(|p| !self.superseded.contains(&p.version.id))
            .unwrap_or(self.plans.len().saturating_sub(1))
    }

    fn read_forks(&mut self, env: &Env<'_>) -> crate::Result<()> {
        self.fork = env
            .store
            .plan_forks(Some(&self.worker.id))?
            .first()
            .map(|f| {
                let ids = f.heads.iter().map(|h| h.version.id.clone()).collect();
                (f.version(), ids)
            });
        self.superseded.clear();
        for p in &self.plans {
            if env.store.plan_superseded(&p.version)? {
                self.superseded.push(p.version.id.clone());
            }
        }
        Ok(())
    }

    /// The version shown, if there is one.
    pub fn shown(&self) -> Option<&Plan> {
        self.plans.get(self.index)
    }

    fn previous(&self, plan: &Plan) -> Option<&Plan> {
        self.plans
            .iter()
            .find(|p| p.version.id == plan.version.previous_id)
    }

    /// The version shown as a document for paper.
    fn print(&self, env: &mut Env<'_>) -> Effect {
        let Some(plan) = self.shown() else {
            return Effect::Status(PlanText::NoPlan.text(env.lang).to_string());
        };
        let head = render::html::report::Letterhead {
            agency: &env.print.agency,
            supporter: env.staff_name,
        };
        let html =
            render::html::plan::plan(plan, self.previous(plan), &self.worker, head, env.lang);
        let doc = crate::print::Document::Plan(plan.version.version, plan.version.date);
        crate::tui::print::deliver(env, doc, &self.worker.id, Ok(html))
    }

    fn show(&mut self, index: usize) {
        self.index = index.min(self.plans.len().saturating_sub(1));
        self.scroll = 0;
    }
}

impl Component for PlanScreen {
    fn context(&self) -> Context {
        Context::Plan
    }
    fn handle(&mut self, _ev: &KeyEvent, action: Option<Action>, env: &mut Env<'_>) -> Effect {
        let max = self.max_scroll.get();
        match action {
            Some(Action::Up) => self.scroll = self.scroll.saturating_sub(1),
            Some(Action::Down) => self.scroll = (self.scroll + 1).min(max),
            Some(Action::PageUp) => self.scroll = self.scroll.saturating_sub(10),
            Some(Action::PageDown) => self.scroll = (self.scroll + 10).min(max),
            Some(Action::PrevVersion) => self.show(self.index.saturating_sub(1)),
            Some(Action::NextVersion) => self.show(self.index + 1),
            Some(Action::NewPlan) => {
                return Effect::open(Open::NewPlan {
                    worker_id: self.worker.id.clone(),
                });
            }
            Some(Action::EditField) => {
                if let Some(p) = self.shown() {
                    return Effect::open(Open::EditPlan {
                        version_id: p.version.id.clone(),
                    });
                }
            }
            Some(Action::Conflicts) => return Effect::open(Open::Conflicts),
            Some(Action::Back) => return Effect::Pop,
            Some(Action::Print) => return self.print(env),
            _ => {}
        }
        Effect::None
    }
    fn reload(&mut self, env: &mut Env<'_>) -> crate::Result<bool> {
        let Some(worker) = env.store.worker(&self.worker.id)? else {
            return Ok(false);
        };
        let before = self.plans.len();
        self.worker = worker;
        self.plans = env.store.plans_for(&self.worker.id)?;
        self.read_forks(env)?;
        if self.plans.len() != before {
            // A version was just saved: show it.
            self.show(self.latest_in_force());
        } else {
            self.show(self.index);
        }
        Ok(true)
    }
    fn draw(&self, frame: &mut Frame, area: Rect, env: &DrawEnv<'_>) {
        let l = env.lang;
        let position = if self.plans.is_empty() {
            String::new()
        } else {
            match l {
                crate::i18n::Lang::Ja => format!(
                    "  （{}{} {}版目）",
                    self.plans.len(),
                    PlanText::Of.text(l),
                    self.index + 1
                ),
                crate::i18n::Lang::En => format!(
                    "  ({} {} {})",
                    self.index + 1,
                    PlanText::Of.text(l),
                    self.plans.len()
                ),
            }
        };
        super::title(
            frame,
            area,
            &format!(
                "{} — {}{position}",
                PlanText::Title.text(l),
                self.worker.display_name
            ),
        );
        let body = Rect {
            y: area.y + 2,
            height: area.height.saturating_sub(2),
            ..area
        };
        let text = match self.shown() {
            Some(p) => {
                let mut out = Vec::new();
                if let Some((version, heads)) = &self.fork {
                    let key = env
                        .keymap
                        .first_key(Context::Plan, Action::Conflicts)
                        .unwrap_or_default();
                    out.push(crate::i18n::plan_fork::screen_notice(
                        *version,
                        heads.len(),
                        &key,
                        l,
                    ));
                }
                if self.superseded.contains(&p.version.id) {
                    out.push(crate::i18n::plan_fork::superseded_line(l).to_string());
                }
                out.extend(render::plan::lines(p, self.previous(p), l));
                out.join("\n")
            }
            None => format!(
                "{} {}",
                PlanText::NoPlanHint.text(l),
                env.keymap
                    .first_key(Context::Plan, Action::NewPlan)
                    .unwrap_or_default()
            ),
        };
        let rows = crate::text::wrap(&text, usize::from(body.width));
        let max_scroll = rows.len().saturating_sub(usize::from(body.height));
        self.max_scroll.set(max_scroll);
        let lines: Vec<Line> = rows
            .into_iter()
            .skip(self.scroll.min(max_scroll))
            .take(usize::from(body.height))
            .map(Line::from)
            .collect();
        frame.render_widget(Paragraph::new(lines), body);
    }
}
