//! Choosing what to fill in: the instrument, who answers, the date. Enter
//! starts at once (or resumes a recent unfinished entry), so a full checklist
//! from the worker page is two keys plus one per item plus one to finish.

use super::prelude::*;
use crossterm::event::KeyCode;
use ratatui::layout::Rect;

use chrono::NaiveDate;

use crate::domain::checklist::{Assessment, Instrument, Respondent};
use crate::domain::checklist_entry::resumable;
use crate::domain::dates::parse_date;
use crate::domain::{Code, Worker};
use crate::i18n::{self, Msg};
use crate::tui::app::{Effect, Env};
use crate::tui::widgets::form::{Field, Form, Outcome, form_fields};

form_fields!(INSTRUMENT, RESPONDENT, DATE);

pub struct ChecklistStart {
    pub form: Form,
    pub(super) worker: Worker,
    /// Who may answer: not the employer's side for closed employment.
    respondents: Vec<Respondent>,
    assessments: Vec<Assessment>,
    /// The paused run Enter would resume, told above the form: its date and
    /// who answers it (the form shows that respondent while it is chosen).
    paused: Option<String>,
    /// The checklist and date `paused` was worked out for.
    shown_for: Option<(usize, NaiveDate)>,
}

impl ChecklistStart {
    /// `instrument`: preselected (pressed on that checklist's summary);
    /// otherwise the one with a paused run, if any, else the first.
    pub fn new(
        worker: &Worker,
        instrument: Option<&str>,
        env: &Env<'_>,
    ) -> crate::Result<ChecklistStart> {
        let assessments = env.store.assessments_for(&worker.id)?;
        let instruments = &env.checklists.instruments;
        let preselected = instrument
            .and_then(|id| instruments.iter().position(|i| i.id == id))
            .or_else(|| {
                instruments
                    .iter()
                    .position(|i| resumable(&assessments, i, env.today).is_some())
            })
            .unwrap_or(0);
        let l = env.lang;
        let respondents: Vec<Respondent> = Respondent::ALL
            .iter()
            .copied()
            .filter(|r| !(worker.is_closed() && *r == Respondent::Supervisor))
            .collect();
        let supporter = respondents
            .iter()
            .position(|r| *r == Respondent::Supporter)
            .unwrap_or(0);
        let hint = super::choice_hint(env.keymap, l);
        let fields = vec![
            (
                INSTRUMENT,
                Field::choice(
                    l.pick("種類", "Checklist"),
                    env.checklists
                        .instruments
                        .iter()
                        .map(|i| i.title(l).to_string())
                        .collect(),
                    preselected,
                )
                .with_hint(hint.clone()),
            ),
            (
                RESPONDENT,
                Field::choice(
                    Msg::Respondent.text(l),
                    respondents.iter().map(|r| r.label(l).to_string()).collect(),
                    supporter,
                )
                .with_hint(hint),
            ),
            (
                DATE,
                Field::line(
                    Msg::Date.text(l),
                    &env.today.format("%Y-%m-%d").to_string(),
                    Some(12),
                )
                .with_hint("YYYY-MM-DD"),
            ),
        ];
        let mut start = ChecklistStart {
            form: Form::keyed(fields, FIELD_COUNT, INSTRUMENT),
            worker: worker.clone(),
            respondents,
            assessments,
            paused: None,
            shown_for: None,
        };
        start.refresh_paused(env);
        Ok(start)
    }

    /// After a change: whether Enter resumes a paused run. When the
    /// checklist or the date changed, the respondent shown becomes the paused
    /// run's; a different respondent chosen after that starts a new run.
    fn refresh_paused(&mut self, env: &Env<'_>) {
        let l = env.lang;
        let f = &self.form.fields;
        let date = parse_date(&f[DATE].text()).unwrap_or(env.today);
        let key = (f[INSTRUMENT].selected(), date);
        let open = env
            .checklists
            .instruments
            .get(key.0)
            .and_then(|inst| resumable(&self.assessments, inst, date))
            .cloned();
        let moved = self.shown_for != Some(key);
        self.shown_for = Some(key);
        self.paused = open.map(|a| {
            let at = self.respondents.iter().position(|r| *r == a.respondent);
            if moved && let Some(i) = at {
                self.form.fields[RESPONDENT].select(i);
            }
            let resumes = at == Some(self.form.fields[RESPONDENT].selected());
            i18n::entry_paused(a.date, a.respondent.label(l), resumes, l)
        });
    }

    /// The paused run Enter resumes: same checklist and date window, same
    /// respondent.
    fn resumes<'a>(
        &self,
        list: &'a [Assessment],
        inst: &Instrument,
        date: NaiveDate,
        who: Respondent,
    ) -> Option<&'a Assessment> {
        resumable(list, inst, date).filter(|a| a.respondent == who)
    }

    fn start(&mut self, env: &mut Env<'_>) -> Effect {
        let l = env.lang;
        let f = &mut self.form.fields;
        let Some(date) = parse_date(&f[DATE].text()) else {
            f[DATE].error = Some(i18n::field_error_date(l));
            self.form.focus = DATE;
            return super::fix_errors_message(l);
        };
        let (Some(inst), Some(respondent)) = (
            env.checklists.instruments.get(f[INSTRUMENT].selected()),
            self.respondents.get(f[RESPONDENT].selected()),
        ) else {
            return Effect::None;
        };
        let inst = inst.clone();
        let result = env.store.assessments_for(&self.worker.id).and_then(|list| {
            if let Some(open) = self.resumes(&list, &inst, date, *respondent) {
                return Ok((open.clone(), true));
            }
            let a = Assessment {
                id: crate::store::new_id(),
                worker_id: self.worker.id.clone(),
                instrument: inst.id.clone(),
                version: inst.version,
                date,
                respondent: *respondent,
                note: String::new(),
                answers: Vec::new(),
                consent_confirmed: false,
            };
            env.store.add_assessment(&inst, &a).map(|()| (a, false))
        });
        match result {
            Ok((a, resumed)) => {
                let entry = Open::ChecklistEntry {
                    worker_name: self.worker.display_name.clone(),
                    instrument: Box::new(inst),
                    assessment: Box::new(a),
                };
                let message = resumed.then(|| Msg::EntryResumed.text(l).to_string());
                Effect::Replace(entry, message)
            }
            Err(e) => Effect::Status(i18n::error_message(&e, l)),
        }
    }
}

impl Component for ChecklistStart {
    fn context(&self) -> Context {
        Context::Form
    }
    fn wants_raw(&self, ev: &KeyEvent) -> bool {
        self.form.wants_raw(ev)
    }
    fn handle(&mut self, ev: &KeyEvent, action: Option<Action>, env: &mut Env<'_>) -> Effect {
        if ev.code == KeyCode::Enter {
            return self.start(env);
        }
        match self.form.handle(ev, action) {
            Outcome::Save => self.start(env),
            Outcome::Cancel => Effect::Pop,
            Outcome::Changed => {
                self.refresh_paused(env);
                Effect::None
            }
            Outcome::Nothing => Effect::None,
        }
    }
    fn draw(&self, frame: &mut Frame, area: Rect, env: &DrawEnv<'_>) {
        let title = format!(
            "{} — {}",
            env.lang.pick("チェックリストを始める", "Start a checklist"),
            self.worker.display_name
        );
        let mut body = super::titled(frame, area, &title);
        if let Some(paused) = &self.paused {
            let rows = crate::text::wrap(paused, usize::from(body.width));
            let height = u16::try_from(rows.len())
                .unwrap_or(u16::MAX)
                .min(body.height);
            let lines: Vec<ratatui::text::Line> = rows.into_iter().map(Into::into).collect();
            frame.render_widget(
                ratatui::widgets::Paragraph::new(lines),
                Rect { height, ..body },
            );
            body.y += height + 1;
            body.height = body.height.saturating_sub(height + 1);
        }
        self.form.draw(frame, body);
    }
}
