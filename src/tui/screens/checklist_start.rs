//! Choosing what to fill in: the instrument, who answers, the date. Enter
//! starts at once (or resumes a recent unfinished entry), so a full checklist
//! from the worker page is two keys plus one per item plus one to finish.

use super::prelude::*;
use crossterm::event::KeyCode;
use ratatui::layout::Rect;

use crate::domain::checklist::{Assessment, Respondent};
use crate::domain::checklist_entry::resumable;
use crate::domain::dates::parse_date;
use crate::domain::{Code, Worker};
use crate::i18n::{self, Msg};
use crate::tui::app::{Effect, Env};
use crate::tui::widgets::form::{Field, Form, Outcome, form_fields};

form_fields!(INSTRUMENT, RESPONDENT, DATE);

pub struct ChecklistStart {
    pub form: Form,
    worker: Worker,
    /// Who may answer: not the employer's side for closed employment.
    respondents: Vec<Respondent>,
}

impl ChecklistStart {
    pub fn new(worker: &Worker, env: &Env<'_>) -> ChecklistStart {
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
                    0,
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
        ChecklistStart {
            form: Form::keyed(fields, FIELD_COUNT, INSTRUMENT),
            worker: worker.clone(),
            respondents,
        }
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
            if let Some(open) = resumable(&list, &inst, date) {
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
            Outcome::Nothing | Outcome::Changed => Effect::None,
        }
    }
    fn draw(&self, frame: &mut Frame, area: Rect, env: &DrawEnv<'_>) {
        let title = format!(
            "{} — {}",
            env.lang.pick("チェックリストを始める", "Start a checklist"),
            self.worker.display_name
        );
        let body = super::titled(frame, area, &title);
        self.form.draw(frame, body);
    }
}
