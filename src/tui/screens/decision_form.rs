//! Recording the handover decision: does the worker need support to continue
//! after the service (要継続支援)? With its date and reasons.

use super::prelude::*;

use crate::domain::Worker;
use crate::domain::handover::HandoverDecision;
use crate::error::Error;
use crate::i18n::{self, Msg};
use crate::tui::widgets::form::{Field, Form};

/// The form's fields, in order.
const NEEDS: usize = 0;
const DATE: usize = 1;
const REASONS: usize = 2;

pub struct DecisionForm {
    pub form: Form,
    pub(super) worker: Worker,
}

impl DecisionForm {
    pub fn new(worker: &Worker, env: &Env<'_>) -> DecisionForm {
        let l = env.lang;
        let fields = vec![
            Field::choice(
                l.pick("判断", "Decision"),
                vec![
                    i18n::handover_needs(true, l).to_string(),
                    i18n::handover_needs(false, l).to_string(),
                ],
                0,
            )
            .with_hint(super::choice_hint(env.keymap, l)),
            Field::line(Msg::Date.text(l), &env.today.to_string(), Some(12))
                .with_hint("YYYY-MM-DD"),
            Field::notes(l.pick("理由", "Reasons"), ""),
        ];
        DecisionForm {
            form: Form::new(fields, NEEDS),
            worker: worker.clone(),
        }
    }

    fn save(&mut self, env: &mut Env<'_>) -> Effect {
        let l = env.lang;
        let f = &mut self.form.fields;
        f[DATE].error = None;
        let Some(date) = crate::domain::dates::parse_date(&f[DATE].text()) else {
            f[DATE].error = Some(i18n::field_error_date(l));
            return super::fix_errors(&mut self.form, l);
        };
        let d = HandoverDecision {
            id: crate::store::new_id(),
            worker_id: self.worker.id.clone(),
            needs_support: f[NEEDS].selected() == 0,
            decided_on: date,
            reasons: f[REASONS].text(),
            recorded_by: env.staff_name.to_string(),
        };
        let checked = crate::domain::validate::past_date(
            "decision date",
            Some(date),
            &self.worker,
            env.today,
        )
        .map_err(Error::Invalid)
        .and_then(|()| env.store.add_handover_decision(&d));
        match checked {
            Ok(()) => Effect::Saved {
                message: i18n::handover_decided(l).to_string(),
                draft: None,
            },
            Err(Error::Invalid(inv)) => {
                self.form.fields[DATE].error = Some(i18n::invalid_message(&inv, l));
                super::fix_errors(&mut self.form, l)
            }
            Err(e) => Effect::Status(i18n::error_message(&e, l)),
        }
    }
}

impl DecisionForm {
    fn title(&self, l: crate::i18n::Lang) -> String {
        format!(
            "{} — {}",
            l.pick("要継続支援の判断", "Continued support after the service"),
            self.worker.display_name
        )
    }
}

super::form_screen!(DecisionForm);
