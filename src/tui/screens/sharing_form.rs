//! Logging a sharing of the handover: with whom of the worker's resource map,
//! what, how, when, the worker's consent, and whether the recipient takes
//! over. Saved through `Store::add_sharing`, which refuses anyone not in the
//! worker's network; dates must have happened (not before hire, not ahead).

use super::prelude::*;

use crate::domain::handover::{ShareMethod, SharedItem, Sharing};
use crate::domain::validate::{self, Invalid};
use crate::domain::{Code, Person, Worker};
use crate::error::Error;
use crate::i18n::{self, Lang, Msg};
use crate::tui::widgets::form::{Field, Form};

/// The form's fields, in order: the one place their positions are written.
const PERSON: usize = 0;
const WHAT: usize = 1;
const HOW: usize = 2;
const DATE: usize = 3;
const CONSENT: usize = 4;
const TAKES_OVER: usize = 5;
const PLAN_VERSION: usize = 6;
const NOTE: usize = 7;

pub struct SharingForm {
    pub form: Form,
    pub(super) worker: Worker,
    people: Vec<Person>,
}

fn no_yes(l: Lang) -> Vec<String> {
    vec![
        l.pick("いいえ", "no").to_string(),
        l.pick("はい", "yes").to_string(),
    ]
}

impl SharingForm {
    pub fn new(worker: &Worker, env: &mut Env<'_>) -> crate::Result<SharingForm> {
        let l = env.lang;
        let people = env.store.people_for(&worker.id)?;
        let hint = super::choice_hint(env.keymap, l);
        let names = people
            .iter()
            .map(|p| {
                if p.organisation.is_empty() {
                    p.name.clone()
                } else {
                    format!("{}（{}）", p.name, p.organisation)
                }
            })
            .collect();
        let fields = vec![
            Field::choice(l.pick("共有先", "Shared with"), names, 0).with_hint(hint.clone()),
            Field::multi(
                l.pick("共有した内容", "Items shared"),
                SharedItem::ALL
                    .iter()
                    .map(|i| i.label(l).to_string())
                    .chain([i18n::handover_people_item(l).to_string()])
                    .collect(),
                &[],
            ),
            Field::choice(
                l.pick("方法", "How"),
                ShareMethod::ALL
                    .iter()
                    .map(|m| m.label(l).to_string())
                    .collect(),
                0,
            )
            .with_hint(hint.clone()),
            Field::line(Msg::Date.text(l), &env.today.to_string(), Some(12))
                .with_hint("YYYY-MM-DD"),
            Field::choice(l.pick("本人の同意", "Consent"), no_yes(l), 0).with_hint(hint.clone()),
            // Labels fit their 13 columns; the meaning goes in the hint.
            Field::choice(l.pick("引継ぎ先", "Successor"), no_yes(l), 0).with_hint(format!(
                "{}  {hint}",
                l.pick("終了後の支援を担う機関か", "takes over after the service?")
            )),
            Field::line(l.pick("計画の版", "Plan version"), "", Some(8)),
            Field::notes(l.pick("メモ", "Note"), ""),
        ];
        Ok(SharingForm {
            form: Form::new(fields, PERSON),
            worker: worker.clone(),
            people,
        })
    }

    /// From the handover duty on the dashboard: the sharing is with an
    /// agency that takes over (only such a sharing meets the duty), the first
    /// welfare/medical (else community) agency of the resource map chosen; what
    /// was shared and the worker's consent are still the supporter's to say.
    pub fn taking_over(mut self) -> SharingForm {
        self.form.fields[TAKES_OVER].select(1);
        use crate::domain::person::Layer;
        // An agency, not a family member: someone with an organisation.
        let first = |layer| {
            self.people
                .iter()
                .position(|p| p.layer == layer && !p.organisation.trim().is_empty())
        };
        if let Some(i) = first(Layer::Welfare).or_else(|| first(Layer::Community)) {
            self.form.fields[PERSON].select(i);
        }
        self
    }

    fn save(&mut self, env: &mut Env<'_>) -> Effect {
        let l = env.lang;
        let f = &mut self.form.fields;
        for field in f.iter_mut() {
            field.error = None;
        }
        let person = self.people.get(f[PERSON].selected());
        let date = crate::domain::dates::parse_date(&f[DATE].text());
        // The last choice is the resource map's contacts, a flag of its own.
        let people_too = f[WHAT].picked().contains(&SharedItem::ALL.len());
        let items: Vec<SharedItem> = f[WHAT]
            .picked()
            .iter()
            .filter_map(|&i| SharedItem::ALL.get(i).copied())
            .collect();
        let Some(date) = date else {
            f[DATE].error = Some(i18n::field_error_date(l));
            return super::fix_errors(&mut self.form, l);
        };
        let s = Sharing {
            id: crate::store::new_id(),
            worker_id: self.worker.id.clone(),
            person_id: person.map(|p| p.id.clone()).unwrap_or_default(),
            items,
            plan_version: f[PLAN_VERSION].text().trim().to_string(),
            method: ShareMethod::ALL
                .get(f[HOW].selected())
                .copied()
                .unwrap_or(ShareMethod::Meeting),
            date,
            consent: f[CONSENT].selected() == 1,
            takes_over: f[TAKES_OVER].selected() == 1,
            people: people_too,
            note: f[NOTE].text(),
            recorded_by: env.staff_name.to_string(),
        };
        let checked = validate::past_date("sharing date", Some(date), &self.worker, env.today)
            .map_err(Error::Invalid)
            .and_then(|()| env.store.add_sharing(&s));
        match checked {
            Ok(()) => {
                let mut message = i18n::handover_shared(l).to_string();
                if !s.counts(person, &self.worker) {
                    message = i18n::handover_sharing_not_counted(l).to_string();
                }
                Effect::Saved {
                    message,
                    draft: None,
                }
            }
            Err(Error::Invalid(inv)) => {
                let at = match inv {
                    Invalid::NotInResourceMap | Invalid::ClosedEmploymentSharing => PERSON,
                    Invalid::TakeOverNotAgency => TAKES_OVER,
                    Invalid::NothingShared => WHAT,
                    _ => DATE,
                };
                // Beside the field a short reason that fits at 80 columns.
                let said = match inv {
                    Invalid::ClosedEmploymentSharing => i18n::handover_closed_field(l).to_string(),
                    Invalid::TakeOverNotAgency => i18n::handover_agency_field(l).to_string(),
                    _ => i18n::invalid_message(&inv, l),
                };
                self.form.fields[at].error = Some(said);
                super::fix_errors(&mut self.form, l)
            }
            Err(e) => Effect::Status(i18n::error_message(&e, l)),
        }
    }
}

impl SharingForm {
    fn title(&self, l: Lang) -> String {
        format!(
            "{} — {}",
            l.pick("引継ぎの共有を記録", "Log a sharing"),
            self.worker.display_name
        )
    }
}

super::form_screen!(SharingForm);
