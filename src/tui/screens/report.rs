//! The monthly support report (支援レポート) of one worker and month: every
//! field with whether it is shared with the employer, the worker's consent and
//! confirmation, and the finalised state. Without a report it offers a draft
//! from the month's contacts (`Report::draft`). Each change is saved at once
//! through the store (change log included); fields are edited in
//! [`super::report_form`]. The store refuses to change a finalised report, and
//! the employer version stays gated by `render::report`.

use super::prelude::*;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::closed_mark;
use super::open::Open;
use crate::domain::dates::YearMonth;
use crate::domain::report::{FIELD_COUNT, Report, ReportField};
use crate::domain::schedule::ContactFact;
use crate::domain::validate;
use crate::domain::{Code, Contact, Worker};
use crate::i18n::due::{self, Text};
use crate::i18n::{self, Lang, Msg};
use crate::print::Document;
use crate::render::html::report::{self as html, Letterhead};
use crate::render::report::Audience;
use crate::tui::app::{Effect, Env};
use crate::tui::keymap::{Action, Context, Keymap};

pub struct ReportScreen {
    pub worker: Worker,
    pub month: YearMonth,
    pub report: Option<Report>,
    /// The month's contacts, for the draft.
    contacts: Vec<Contact>,
    /// The month's report waived with a reason (domain::waiver).
    waiver: Option<crate::domain::waiver::Waiver>,
    selected: usize,
}

impl ReportScreen {
    pub fn load(
        worker_id: &str,
        month: YearMonth,
        env: &mut Env<'_>,
    ) -> crate::Result<ReportScreen> {
        let worker = env.store.require_worker(worker_id)?;
        let mut s = ReportScreen {
            worker,
            month,
            report: None,
            contacts: Vec::new(),
            waiver: None,
            selected: 0,
        };
        s.read(env)?;
        Ok(s)
    }

    fn read(&mut self, env: &mut Env<'_>) -> crate::Result<()> {
        self.report = env.store.report_for(&self.worker.id, self.month)?;
        self.contacts = env
            .store
            .contacts_for(&self.worker.id)?
            .into_iter()
            .filter(|c| self.month.contains(c.date))
            .collect();
        self.waiver = env
            .store
            .waivers_of(&self.worker.id, crate::domain::waiver::WaivedDuty::Report)?
            .into_iter()
            .find(|v| v.month == Some(self.month));
        Ok(())
    }

    /// `false` when the worker has been deleted.
    pub fn reload(&mut self, env: &mut Env<'_>) -> crate::Result<bool> {
        let Some(worker) = env.store.worker(&self.worker.id)? else {
            return Ok(false);
        };
        self.worker = worker;
        self.read(env)?;
        Ok(true)
    }

    fn field(&self) -> ReportField {
        ReportField::ALL
            .get(self.selected)
            .copied()
            .unwrap_or(ReportField::Goals)
    }

    /// The report, if there is one and it is not finalised; else what to say.
    fn editable(&self, keymap: &Keymap, l: Lang) -> Result<&Report, Effect> {
        let key = |a| keymap.first_key(Context::Report, a).unwrap_or_default();
        match &self.report {
            None => Err(Effect::Status(due::draft_first(
                &key(Action::DraftReport),
                l,
            ))),
            Some(r) if r.finalised => Err(Effect::Status(due::report_is_finalised(
                &key(Action::Finalise),
                l,
            ))),
            Some(r) => Ok(r),
        }
    }

    fn draft(&mut self, env: &mut Env<'_>) -> Effect {
        let l = env.lang;
        if self.report.is_some() {
            return Effect::Status(Msg::ReportAlreadyThere.text(l).to_string());
        }
        if let Err(inv) = validate::report_month(self.month, env.today) {
            return Effect::Status(i18n::invalid_message(&inv, l));
        }
        let goals = match env.store.plan_goal_texts(&self.worker.id) {
            Ok(g) => g,
            Err(e) => return Effect::Status(i18n::error_message(&e, l)),
        };
        let mut r = Report::draft(
            crate::store::new_id(),
            self.worker.id.clone(),
            self.month,
            // Flagged closed-employment contacts stay out of the draft, whose
            // fields may be shared with the employer.
            &crate::domain::closed::employer_safe(&self.worker, self.contacts.clone()),
            l,
        );
        // The month's goals come from the plan's short-term goals.
        r.default_goals(&goals);
        match env.store.selfreport_sentence(&self.worker, self.month, l) {
            Ok(s) => r.note_selfreports(s),
            Err(e) => return Effect::Status(i18n::error_message(&e, l)),
        }
        match env.store.add_report(&r) {
            Ok(()) => Effect::Changed(Msg::ReportDrafted.text(l).to_string()),
            Err(e) => Effect::Status(i18n::error_message(&e, l)),
        }
    }

    fn change(&mut self, env: &mut Env<'_>, f: impl FnOnce(&mut Report), msg: Msg) -> Effect {
        let l = env.lang;
        let mut r = match self.editable(env.keymap, l) {
            Ok(r) => r.clone(),
            Err(e) => return e,
        };
        f(&mut r);
        save(env, &r, msg)
    }

    fn finalise(&mut self, env: &mut Env<'_>) -> Effect {
        let l = env.lang;
        let Some(mut r) = self.report.clone() else {
            let key = env
                .keymap
                .first_key(Context::Report, Action::DraftReport)
                .unwrap_or_default();
            return Effect::Status(due::draft_first(&key, l));
        };
        if !r.finalised
            && let Err(inv) = validate::report_finalise(&r, &self.worker, env.today)
        {
            return Effect::Status(i18n::invalid_message(&inv, l));
        }
        r.finalised = !r.finalised;
        let msg = if r.finalised {
            Msg::ReportFinalisedNow
        } else {
            Msg::ReportReopened
        };
        let done = save(env, &r, msg);
        // A warning, not a refusal: the month's contact duty stays open.
        let met = self
            .contacts
            .iter()
            .any(|c| self.month.contains(c.date) && ContactFact::from(c).meets_worker());
        match done {
            // The warning first: the status line is one row.
            Effect::Changed(text) if r.finalised && !met => Effect::Changed(format!(
                "{}  {text}",
                i18n::no_face_to_face_warning(self.month, l)
            )),
            other => other,
        }
    }

    /// Every field's title and wrapped text; with the selected field's first
    /// and past-last line.
    fn field_lines(
        &self,
        r: &Report,
        width: usize,
        l: Lang,
    ) -> (Vec<Line<'static>>, (usize, usize)) {
        let mut lines = Vec::new();
        let mut span = (0, 0);
        for (i, f) in ReportField::ALL.iter().enumerate() {
            let selected = i == self.selected;
            if selected {
                span.0 = lines.len();
            }
            let mut label = Style::default().add_modifier(Modifier::BOLD);
            if selected {
                label = label.add_modifier(Modifier::REVERSED);
            }
            let shared = if !f.shareable() {
                Text::NeverShared
            } else if r.is_shared(*f) {
                Text::Shared
            } else {
                Text::NotShared
            };
            lines.push(Line::from(vec![
                Span::raw(if selected { "> " } else { "  " }),
                Span::styled(f.label(l).to_string(), label),
                Span::raw(format!("  [{}]", shared.text(l))),
            ]));
            let text = r.text(*f);
            if text.trim().is_empty() {
                lines.push(Line::from(Span::styled(
                    format!("    {}", Msg::ReportEmpty.text(l)),
                    Style::default().add_modifier(Modifier::DIM),
                )));
            } else {
                for row in crate::text::wrap(text, width.saturating_sub(4).max(10)) {
                    lines.push(Line::from(format!("    {row}")));
                }
            }
            if selected {
                span.1 = lines.len();
            }
            lines.push(Line::default());
        }
        (lines, span)
    }
}

fn save(env: &mut Env<'_>, r: &Report, msg: Msg) -> Effect {
    match env.store.update_report(r) {
        Ok(0) => Effect::Status(Msg::NoChange.text(env.lang).to_string()),
        Ok(_) => Effect::Changed(msg.text(env.lang).to_string()),
        Err(e) => Effect::Status(i18n::error_message(&e, env.lang)),
    }
}

impl ReportScreen {
    /// The month's report as a document for paper, the worker's copy or the
    /// employer's (which passes the same rules as every employer version).
    fn print(&self, employer: bool, env: &mut Env<'_>) -> Effect {
        let (audience, doc) = if employer {
            (Audience::Employer, Document::EmployerReport(self.month))
        } else {
            (Audience::Worker, Document::Report(self.month))
        };
        let flagged = if employer {
            env.store.closed_flags_in_month(&self.worker, self.month)
        } else {
            Ok(0)
        };
        let html = match (&self.report, flagged) {
            (_, Err(e)) => Err(e),
            (_, Ok(n)) if n > 0 => Err(crate::Error::ClosedEmploymentFlagged { records: n }),
            (None, _) => Err(crate::Error::NoReport {
                month: self.month.to_string(),
            }),
            (Some(r), _) => {
                let head = Letterhead {
                    agency: &env.print.agency,
                    supporter: env.staff_name,
                };
                html::report(r, &self.worker, head, audience, env.lang)
            }
        };
        crate::tui::print::deliver(env, doc, &self.worker.id, html)
    }
}

impl Component for ReportScreen {
    fn context(&self) -> Context {
        Context::Report
    }
    fn handle(&mut self, _ev: &KeyEvent, action: Option<Action>, env: &mut Env<'_>) -> Effect {
        let l = env.lang;
        match action {
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Down) => self.selected = (self.selected + 1).min(FIELD_COUNT - 1),
            Some(Action::Back) => return Effect::Pop,
            Some(Action::PrevMonth | Action::NextMonth) => {
                let next = if action == Some(Action::PrevMonth) {
                    self.month.prev()
                } else {
                    self.month.next()
                };
                if let Some(m) = next {
                    let old = self.month;
                    self.month = m;
                    if let Err(e) = self.read(env) {
                        self.month = old;
                        return Effect::Status(i18n::error_message(&e, l));
                    }
                }
            }
            Some(Action::DraftReport) => return self.draft(env),
            Some(Action::EditField) => {
                return match self.editable(env.keymap, l) {
                    Ok(r) => Effect::open(Open::ReportField {
                        report: Box::new(r.clone()),
                        worker: Box::new(self.worker.clone()),
                        field: self.field(),
                    }),
                    Err(e) => e,
                };
            }
            Some(Action::ToggleShared) => {
                let f = self.field();
                if !f.shareable() {
                    return Effect::Status(Text::NeverSharedNote.text(env.lang).to_string());
                }
                return self.change(env, |r| r.set_shared(f, !r.is_shared(f)), Msg::Saved);
            }
            Some(Action::ToggleConsent) => {
                return self.change(
                    env,
                    |r| r.employer_consent = !r.employer_consent,
                    Msg::Saved,
                );
            }
            Some(Action::ToggleConfirmed) => {
                let today = env.today;
                return self.change(
                    env,
                    |r| r.confirmed_on = r.confirmed_on.xor(Some(today)),
                    Msg::Saved,
                );
            }
            Some(Action::ToggleHanded) => {
                let today = env.today;
                return self.change(
                    env,
                    |r| r.handed_on = r.handed_on.xor(Some(today)),
                    Msg::Saved,
                );
            }
            Some(Action::Finalise) => return self.finalise(env),
            Some(Action::Print) => return self.print(false, env),
            Some(Action::PrintEmployer) => return self.print(true, env),
            _ => {}
        }
        Effect::None
    }
    fn reload(&mut self, env: &mut Env<'_>) -> crate::Result<bool> {
        ReportScreen::reload(self, env)
    }
    fn draw(&self, frame: &mut Frame, area: Rect, env: &DrawEnv<'_>) {
        let l = env.lang;
        let mut title = due::report_title(&self.worker.display_name, self.month, l);
        if let Some(r) = &self.report {
            let state = crate::i18n::documents::report_state(r, l);
            title.push_str(&format!("  [{state}]"));
        }
        if self.worker.is_closed() {
            title.push_str(&format!("  [{}]", closed_mark(l)));
        }
        super::title(frame, area, &title);
        let body = Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(1),
            ..area
        };
        let Some(r) = &self.report else {
            let key = env
                .keymap
                .first_key(Context::Report, Action::DraftReport)
                .unwrap_or_default();
            let mut text = due::no_report(self.month, &key, self.contacts.len(), l);
            if let Some(v) = &self.waiver {
                text = format!("{}\n\n{text}", i18n::waiver::waiver_line(v, l));
            }
            super::wrapped(
                frame,
                Rect {
                    y: body.y + 1,
                    height: body.height.saturating_sub(1),
                    ..body
                },
                &text,
            );
            return;
        };
        let bold = Style::default().add_modifier(Modifier::BOLD);
        let consent = if r.employer_consent {
            Text::ConsentGiven
        } else {
            Text::ConsentNotGiven
        };
        let mut head = vec![Line::from(vec![
            Span::styled(format!("{} ", Msg::ReportConsent.text(l)), bold),
            Span::raw(format!("{}   ", consent.text(l))),
            Span::styled(due::confirmed_line(r.confirmed_on, l), bold),
            Span::raw("   "),
            Span::styled(due::handed_line(r.handed_on, l), bold),
        ])];
        if self.worker.is_closed() {
            let note = Text::ClosedReportNote.text(l);
            head.extend(
                crate::text::wrap(note, usize::from(body.width))
                    .into_iter()
                    .map(Line::from),
            );
        }
        let head_h = head.len() as u16;
        frame.render_widget(
            Paragraph::new(head),
            Rect {
                height: head_h.min(body.height),
                ..body
            },
        );
        let fields = Rect {
            y: body.y + head_h + 1,
            height: body.height.saturating_sub(head_h + 1),
            ..body
        };
        let (lines, span) = self.field_lines(r, usize::from(fields.width), l);
        // Scroll just enough to show the selected field, its title first.
        let height = usize::from(fields.height);
        let scroll = if span.1 <= height {
            0
        } else {
            span.0.min(span.1 - height)
        };
        let visible: Vec<Line> = lines.into_iter().skip(scroll).take(height).collect();
        frame.render_widget(Paragraph::new(visible), fields);
    }
}
