//! Adding or editing one person of a worker's resource map: name, role,
//! organisation, layer (company / welfare-medical / community), phone, e-mail
//! and a note. For closed employment the form says, for the company layer,
//! that nothing about the disability belongs in what the workplace may see.

use super::prelude::*;

use crate::domain::{Code, Layer, Person, Worker};
use crate::error::Error;
use crate::i18n::{self, Lang, Msg};
use crate::tui::widgets::form::{Field, Form};

/// The form's fields, in order.
const NAME: usize = 0;
const ROLE: usize = 1;
const ORG: usize = 2;
const LAYER: usize = 3;
const PHONE: usize = 4;
const EMAIL: usize = 5;
const NOTE: usize = 6;

pub struct PersonForm {
    pub form: Form,
    pub(super) worker: Worker,
    editing: Option<Person>,
}

fn layer_index(layer: Layer) -> usize {
    Layer::ALL.iter().position(|l| *l == layer).unwrap_or(0)
}

impl PersonForm {
    pub fn new(worker: &Worker, env: &Env<'_>) -> PersonForm {
        let blank = Person {
            id: crate::store::new_id(),
            worker_id: worker.id.clone(),
            name: String::new(),
            role: String::new(),
            organisation: String::new(),
            layer: Layer::Company,
            phone: String::new(),
            email: String::new(),
            note: String::new(),
        };
        Self::build(&blank, worker, None, env)
    }

    pub fn edit(person: &Person, worker: &Worker, env: &Env<'_>) -> PersonForm {
        Self::build(person, worker, Some(person.clone()), env)
    }

    fn build(p: &Person, worker: &Worker, editing: Option<Person>, env: &Env<'_>) -> PersonForm {
        let l = env.lang;
        let mut layer = Field::choice(
            Msg::Layer.text(l),
            Layer::ALL.iter().map(|x| x.label(l).to_string()).collect(),
            layer_index(p.layer),
        )
        .with_hint(super::choice_hint(env.keymap, l));
        if worker.is_closed() {
            layer = layer.with_hint(l.pick(
                "クローズ就労：職場の人には障害のことを伝えていません",
                "closed employment: the workplace was not told",
            ));
        }
        let fields = vec![
            Field::line(Msg::Name.text(l), &p.name, Some(24)),
            Field::line(Msg::Role.text(l), &p.role, Some(24)),
            Field::line(Msg::Organisation.text(l), &p.organisation, None),
            layer,
            Field::line(Msg::Phone.text(l), &p.phone, Some(20)),
            Field::line(Msg::Email.text(l), &p.email, None),
            Field::notes(Msg::Note.text(l), &p.note),
        ];
        PersonForm {
            form: Form::new(fields, NAME),
            worker: worker.clone(),
            editing,
        }
    }

    fn save(&mut self, env: &mut Env<'_>) -> Effect {
        let l = env.lang;
        let f = &mut self.form.fields;
        for field in f.iter_mut() {
            field.error = None;
        }
        let clean = |s: String| crate::text::strip_unsafe(s.trim()).into_owned();
        let p = Person {
            id: self
                .editing
                .as_ref()
                .map_or_else(crate::store::new_id, |p| p.id.clone()),
            worker_id: self.worker.id.clone(),
            name: clean(f[NAME].text()),
            role: clean(f[ROLE].text()),
            organisation: clean(f[ORG].text()),
            layer: Layer::ALL
                .get(f[LAYER].selected())
                .copied()
                .unwrap_or(Layer::Company),
            phone: clean(f[PHONE].text()),
            email: clean(f[EMAIL].text()),
            note: f[NOTE].text(),
        };
        let result = match &self.editing {
            Some(_) => env.store.update_person(&p).map(|_| ()),
            None => env.store.add_person(&p),
        };
        match result {
            Ok(()) => Effect::Saved {
                message: format!("{}: {}", Msg::Saved.text(l), p.name),
                draft: None,
            },
            Err(Error::Invalid(inv)) => {
                self.form.fields[NAME].error = Some(i18n::invalid_message(&inv, l));
                super::fix_errors(&mut self.form, l)
            }
            Err(e) => Effect::Status(i18n::error_message(&e, l)),
        }
    }

    fn title(&self, l: Lang) -> String {
        let what = match self.editing {
            Some(_) => l.pick("関係者を直す", "Edit a person"),
            None => l.pick("関係者を追加", "Add a person"),
        };
        format!("{what} — {}", self.worker.display_name)
    }
}

super::form_screen!(PersonForm);
