//! Waiving a duty from the home screen (domain::waiver): the line's duty —
//! one month, every month of a folded line, or the handover — and the
//! reason, which is required. Saved, the duty leaves the home screen and
//! shows as 免除（理由あり） with its reason.

use super::prelude::*;

use crate::domain::dates::YearMonth;
use crate::domain::schedule::Duty;
use crate::domain::waiver::{WaivedDuty, Waiver};
use crate::error::Error;
use crate::i18n::{self, Lang};
use crate::tui::widgets::form::{Field, Form};

const REASON: usize = 0;

pub struct WaiverForm {
    pub form: Form,
    pub(super) worker_id: String,
    worker_name: String,
    /// What the line stands for, as the dashboard labels it.
    what: String,
    duties: Vec<(WaivedDuty, Option<YearMonth>)>,
}

impl WaiverForm {
    pub fn new(
        worker: &crate::domain::Worker,
        duty: Duty,
        duties: Vec<(WaivedDuty, Option<YearMonth>)>,
        env: &Env<'_>,
    ) -> WaiverForm {
        let l = env.lang;
        let fields = vec![
            Field::line(l.pick("免除の理由", "Reason"), "", None).with_hint(l.pick(
                "必須（例：入院のため面談できず）",
                "required (e.g. in hospital, no meeting possible)",
            )),
        ];
        WaiverForm {
            form: Form::new(fields, REASON),
            worker_id: worker.id.clone(),
            worker_name: worker.display_name.clone(),
            what: i18n::due::line_label(duty, l),
            duties,
        }
    }

    fn save(&mut self, env: &mut Env<'_>) -> Effect {
        let l = env.lang;
        let reason = self.form.fields[REASON].text().trim().to_string();
        self.form.fields[REASON].error = None;
        if reason.is_empty() {
            self.form.fields[REASON].error =
                Some(l.pick("理由が必要です", "a reason is required").to_string());
            return super::fix_errors(&mut self.form, l);
        }
        let list: Vec<Waiver> = self
            .duties
            .iter()
            .map(|&(duty, month)| Waiver {
                id: crate::store::new_id(),
                worker_id: self.worker_id.clone(),
                duty,
                month,
                reason: reason.clone(),
                waived_on: env.today,
                waived_by: env.staff_name.to_string(),
            })
            .collect();
        match env.store.add_waivers(&list, env.today) {
            Ok(()) => Effect::Saved {
                message: i18n::waiver::waived(&self.worker_name, list.len(), l),
                draft: None,
            },
            Err(Error::Invalid(inv)) => {
                self.form.fields[REASON].error = Some(i18n::invalid_message(&inv, l));
                super::fix_errors(&mut self.form, l)
            }
            Err(e) => Effect::Status(i18n::error_message(&e, l)),
        }
    }

    fn title(&self, l: Lang) -> String {
        format!(
            "{} — {} — {}",
            l.pick("対応の免除", "Waive a duty"),
            self.worker_name,
            self.what
        )
    }
}

super::form_screen!(WaiverForm);
