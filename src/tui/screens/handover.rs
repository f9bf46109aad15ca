//! A worker's handover before the service ends: the decision whether support
//! must continue after it (要継続支援), the state of the handover duty (due,
//! done, late, missing) and the sharing log. Decisions and sharings are
//! recorded here (forms opened with `d` and `n`) or with
//! `teichaku handover decide|share`.

use super::prelude::*;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::open::Open;
use crate::domain::Code;
use crate::domain::Worker;
use crate::domain::handover::{self, HandoverDecision, Sharing};
use crate::domain::schedule::{DueItem, Duty};
use crate::i18n::{self, Lang};

pub struct HandoverScreen {
    pub(super) worker: Worker,
    decisions: Vec<HandoverDecision>,
    sharings: Vec<Sharing>,
    /// Person id → "name (organisation)".
    people: Vec<(String, String)>,
    duty: Option<DueItem>,
    /// The handover's waiver, with its reason (domain::waiver).
    waivers: Vec<crate::domain::waiver::Waiver>,
    scroll: usize,
}

impl HandoverScreen {
    pub fn load(worker_id: &str, env: &mut Env<'_>) -> crate::Result<HandoverScreen> {
        let worker = env.store.require_worker(worker_id)?;
        let mut s = HandoverScreen {
            worker,
            decisions: Vec::new(),
            sharings: Vec::new(),
            people: Vec::new(),
            duty: None,
            waivers: Vec::new(),
            scroll: 0,
        };
        s.read(env)?;
        Ok(s)
    }

    fn read(&mut self, env: &mut Env<'_>) -> crate::Result<()> {
        self.decisions = env.store.handover_decisions_for(&self.worker.id)?;
        self.sharings = env.store.sharings_for(&self.worker.id)?;
        self.people = env
            .store
            .people_for(&self.worker.id)?
            .into_iter()
            .map(|p| {
                let who = if p.organisation.is_empty() {
                    p.name
                } else {
                    format!("{}（{}）", p.name, p.organisation)
                };
                (p.id, who)
            })
            .collect();
        self.duty = env
            .store
            .duties_for(&self.worker, env.today)?
            .into_iter()
            .find(|d| d.duty == Duty::Handover);
        self.waivers = env.store.handover_waivers(&self.worker.id)?;
        Ok(())
    }

    fn person(&self, id: &str, l: Lang) -> String {
        self.people
            .iter()
            .find(|(pid, _)| pid == id)
            .map_or_else(|| i18n::handover_unknown_person(l), |(_, w)| w.clone())
    }

    fn lines(&self, width: usize, l: Lang) -> Vec<Line<'static>> {
        let bold = Style::default().add_modifier(Modifier::BOLD);
        let mut out = Vec::new();
        let heading = |t: &str| Line::from(Span::styled(t.to_string(), bold));
        for row in crate::text::wrap(&i18n::handover_duty_heading(l), width) {
            out.push(heading(&row));
        }
        out.push(Line::from(format!(
            "  {}",
            i18n::handover_duty_line(self.duty.as_ref(), l)
        )));
        for v in &self.waivers {
            let text = i18n::waiver::waiver_line(v, l);
            for row in crate::text::wrap(&text, width.saturating_sub(2)) {
                out.push(Line::from(format!("  {row}")));
            }
        }
        out.push(Line::from(""));
        out.push(heading(&i18n::handover_decision_heading(l)));
        match handover::current_decision(&self.decisions) {
            None => out.push(Line::from(format!("  {}", i18n::handover_undecided(l)))),
            Some(d) => {
                out.push(Line::from(format!(
                    "  {}  {}",
                    d.decided_on,
                    i18n::handover_needs(d.needs_support, l)
                )));
                for row in crate::text::wrap(&d.reasons, width.saturating_sub(4)) {
                    out.push(Line::from(format!("    {row}")));
                }
            }
        }
        out.push(Line::from(""));
        out.push(heading(&i18n::handover_log_heading(l)));
        if self.sharings.is_empty() {
            out.push(Line::from(format!("  {}", i18n::handover_no_sharing(l))));
        }
        for s in &self.sharings {
            let what: Vec<&str> = s.items.iter().map(|i| i.label(l)).collect();
            let sep = l.pick("・", ", ");
            out.push(Line::from(format!(
                "  {}  {}  {}",
                s.date,
                s.method.label(l),
                self.person(&s.person_id, l)
            )));
            let mut flags = vec![what.join(sep)];
            if !s.plan_version.is_empty() {
                flags.push(format!("{} {}", l.pick("計画", "plan"), s.plan_version));
            }
            flags.push(i18n::handover_flags(s.consent, s.takes_over, l));
            for row in crate::text::wrap(&flags.join("  "), width.saturating_sub(4)) {
                out.push(Line::from(format!("    {row}")));
            }
            for row in crate::text::wrap(&s.note, width.saturating_sub(4)) {
                out.push(Line::from(format!("    {row}")));
            }
        }
        out.push(Line::from(""));
        for row in crate::text::wrap(&i18n::handover_cli_hint(l), width) {
            out.push(Line::from(Span::styled(
                row,
                Style::default().add_modifier(Modifier::DIM),
            )));
        }
        out
    }
}

impl HandoverScreen {
    /// The handover sheet for the latest sharing the worker consented to.
    fn print(&self, env: &mut Env<'_>) -> Effect {
        let head = crate::render::html::report::Letterhead {
            agency: &env.print.agency,
            supporter: env.staff_name,
        };
        let made = crate::print::handover::document(
            env.store,
            env.checklists,
            &self.worker,
            None,
            head,
            env.lang,
        );
        match made {
            Ok((doc, html)) => crate::tui::print::deliver(env, doc, &self.worker.id, Ok(html)),
            Err(e) => Effect::Status(i18n::error_message(&e, env.lang)),
        }
    }
}

impl Component for HandoverScreen {
    fn context(&self) -> Context {
        Context::Handover
    }
    fn handle(&mut self, _ev: &KeyEvent, action: Option<Action>, env: &mut Env<'_>) -> Effect {
        match action {
            Some(Action::Up) => self.scroll = self.scroll.saturating_sub(1),
            Some(Action::Down) => self.scroll += 1,
            Some(Action::Back) => return Effect::Pop,
            Some(Action::NewSharing) => {
                return Effect::open(Open::NewSharing {
                    worker_id: self.worker.id.clone(),
                    takes_over: false,
                });
            }
            Some(Action::Print) => return self.print(env),
            Some(Action::Decide) => {
                return Effect::open(Open::HandoverDecision {
                    worker_id: self.worker.id.clone(),
                });
            }
            _ => {}
        }
        Effect::None
    }
    fn reload(&mut self, env: &mut Env<'_>) -> crate::Result<bool> {
        self.read(env)?;
        Ok(true)
    }
    fn draw(&self, frame: &mut Frame, area: Rect, env: &DrawEnv<'_>) {
        let l = env.lang;
        let mut title = format!("{} — {}", i18n::handover_title(l), self.worker.display_name);
        if let Some(p) = self.worker.service_period() {
            title.push_str(&format!("  ({} {})", i18n::Msg::ServiceEnd.text(l), p.end));
        }
        super::title(frame, area, &title);
        let body = Rect {
            y: area.y + 2,
            height: area.height.saturating_sub(2),
            ..area
        };
        let lines = self.lines(usize::from(body.width), l);
        let max = lines.len().saturating_sub(usize::from(body.height));
        let visible: Vec<Line> = lines
            .into_iter()
            .skip(self.scroll.min(max))
            .take(usize::from(body.height))
            .collect();
        frame.render_widget(Paragraph::new(visible), body);
    }
}
