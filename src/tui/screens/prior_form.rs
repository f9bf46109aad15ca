//! Recording duties done elsewhere, before the worker's records were kept
//! here (domain::prior): from which month to which, the kinds done in them,
//! and the day the plan was last reviewed. One form; what it leaves out stays
//! open on the dashboard.

use super::prelude::*;

use crate::domain::Worker;
use crate::domain::dates::{YearMonth, parse_date};
use crate::domain::prior::PriorRecord;
use crate::error::Error;
use crate::i18n::{self, Lang, Msg};
use crate::tui::widgets::form::{Field, Form};

const FROM: usize = 0;
const TO: usize = 1;
const WHAT: usize = 2;
const PLAN: usize = 3;
const NOTE: usize = 4;

pub struct PriorForm {
    pub form: Form,
    pub(super) worker: Worker,
}

impl PriorForm {
    pub fn new(worker: &Worker, env: &Env<'_>) -> PriorForm {
        let l = env.lang;
        let this = YearMonth::of(env.today);
        let start = worker
            .service_period()
            .map_or(this, |p| YearMonth::of(p.start));
        let last = this.prev().unwrap_or(this).max(start);
        let fields = vec![
            Field::line(
                l.pick("最初の月", "From month"),
                &start.to_string(),
                Some(8),
            )
            .with_hint("YYYY-MM"),
            Field::line(l.pick("最後の月", "To month"), &last.to_string(), Some(8))
                .with_hint("YYYY-MM"),
            Field::multi(
                l.pick("他で実施済み", "Done elsewhere"),
                vec![
                    l.pick("本人と対面", "worker contact").to_string(),
                    l.pick("支援レポート", "report").to_string(),
                    l.pick("事業主との連絡", "employer contact").to_string(),
                ],
                &[],
            ),
            Field::line(l.pick("計画見直し日", "Plan reviewed"), "", Some(12))
                .with_hint(l.pick("YYYY-MM-DD（なければ空）", "YYYY-MM-DD (or empty)")),
            Field::notes(Msg::Note.text(l), ""),
        ];
        PriorForm {
            form: Form::new(fields, WHAT),
            worker: worker.clone(),
        }
    }

    fn save(&mut self, env: &mut Env<'_>) -> Effect {
        let l = env.lang;
        let f = &mut self.form.fields;
        for field in f.iter_mut() {
            field.error = None;
        }
        let month_error = l.pick("YYYY-MM の形で入れてください", "use YYYY-MM");
        let from = YearMonth::parse(f[FROM].text().trim());
        let to = YearMonth::parse(f[TO].text().trim());
        if from.is_none() {
            f[FROM].error = Some(month_error.to_string());
        }
        if to.is_none() {
            f[TO].error = Some(month_error.to_string());
        }
        let plan_text = f[PLAN].text();
        let plan = match plan_text.trim() {
            "" => Some(None),
            t => parse_date(t).map(Some),
        };
        if plan.is_none() {
            f[PLAN].error = Some(i18n::field_error_date(l));
        }
        let (Some(from), Some(to), Some(plan)) = (from, to, plan) else {
            return super::fix_errors(&mut self.form, l);
        };
        let picked = f[WHAT].picked();
        let p = PriorRecord {
            id: crate::store::new_id(),
            worker_id: self.worker.id.clone(),
            from,
            to,
            contact_worker: picked.contains(&0),
            report: picked.contains(&1),
            contact_employer: picked.contains(&2),
            plan_reviewed_on: plan,
            note: f[NOTE].text(),
            recorded_by: env.staff_name.to_string(),
        };
        match env.store.add_prior(&p) {
            Ok(()) => Effect::Saved {
                message: l
                    .pick(
                        "他で実施済みとして記録しました",
                        "Recorded as done elsewhere",
                    )
                    .to_string(),
                draft: None,
            },
            Err(Error::Invalid(inv)) => {
                let at = match inv {
                    crate::domain::validate::Invalid::MonthsBackwards => FROM,
                    crate::domain::validate::Invalid::NothingPrior => WHAT,
                    _ => PLAN,
                };
                self.form.fields[at].error = Some(i18n::invalid_message(&inv, l));
                super::fix_errors(&mut self.form, l)
            }
            Err(e) => Effect::Status(i18n::error_message(&e, l)),
        }
    }

    fn title(&self, l: Lang) -> String {
        format!(
            "{} — {}",
            l.pick(
                "導入前に他で実施済みの記録",
                "Done before teichaku, elsewhere"
            ),
            self.worker.display_name
        )
    }
}

super::form_screen!(PriorForm);
