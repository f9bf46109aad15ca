//! Logging or editing a contact: date, mode, participants, time, minutes, the
//! note (Japanese, many lines), the next action and its due date.

use super::prelude::*;
use std::cell::Cell;

use ratatui::layout::Rect;

use crate::domain::validate::{self, Invalid};
use crate::domain::{Code, Contact, Mode, Participant, Worker};
use crate::error::Error;
use crate::i18n::{self, Lang, Msg};
use crate::tui::app::{Effect, Env};
use crate::tui::drafts::ContactDraft;
use crate::tui::widgets::form::{Field, Form, Outcome, form_fields};

form_fields!(DATE, MODE, WITH, TIME, MINUTES, NOTES, NEXT, DUE);

pub struct ContactForm {
    pub form: Form,
    pub(super) worker: Worker,
    /// The contact being edited; `None` for a new one.
    editing: Option<Contact>,
    /// The choices offered: for closed employment, nothing that reaches the employer.
    modes: Vec<Mode>,
    participants: Vec<Participant>,
    draft_id: String,
    /// Changed since the draft was last written.
    draft_dirty: Cell<bool>,
    recorded_by: String,
    /// For the check that a contact is not dated far ahead.
    today: chrono::NaiveDate,
}

impl ContactForm {
    pub fn new(worker: &Worker, env: &Env<'_>) -> ContactForm {
        let mode = if worker.is_closed() {
            Mode::Meeting
        } else {
            Mode::Visit
        };
        Self::with_mode(worker, mode, env)
    }

    /// A new contact with the mode a due duty asks for (a case conference for
    /// the handover, …). A mode closed employment forbids is not offered, so
    /// the form falls back to the first allowed one.
    pub fn with_mode(worker: &Worker, mode: Mode, env: &Env<'_>) -> ContactForm {
        let c = Contact {
            id: crate::store::new_id(),
            worker_id: worker.id.clone(),
            date: env.today,
            start_time: None,
            minutes: None,
            mode,
            participants: vec![Participant::Worker],
            notes: String::new(),
            next_action: String::new(),
            next_due: None,
            next_done: None,
            recorded_by: env.staff_name.to_string(),
            consent_confirmed: false,
        };
        Self::build(&c, worker, None, env)
    }

    pub fn edit(contact: &Contact, worker: &Worker, env: &Env<'_>) -> ContactForm {
        Self::build(contact, worker, Some(contact.clone()), env)
    }

    /// Reopens a form from its draft, exactly as it was typed.
    pub fn from_draft(
        d: &ContactDraft,
        worker: &Worker,
        env: &mut Env<'_>,
    ) -> crate::Result<ContactForm> {
        let editing = match &d.contact_id {
            Some(id) => env.store.contact(id)?,
            None => None,
        };
        let base = editing.clone().unwrap_or_else(|| Contact {
            id: crate::store::new_id(),
            worker_id: worker.id.clone(),
            date: env.today,
            start_time: None,
            minutes: None,
            mode: Mode::Meeting,
            participants: Vec::new(),
            notes: String::new(),
            next_action: String::new(),
            next_due: None,
            next_done: None,
            recorded_by: env.staff_name.to_string(),
            consent_confirmed: false,
        });
        let mut f = Self::build(&base, worker, editing, env);
        f.draft_id = d.id.clone();
        f.form.fields[DATE].set_text(&d.date);
        f.form.fields[TIME].set_text(&d.time);
        f.form.fields[MINUTES].set_text(&d.minutes);
        f.form.fields[NOTES].set_text(&d.notes);
        f.form.fields[NEXT].set_text(&d.next_action);
        f.form.fields[DUE].set_text(&d.next_due);
        let mode = Mode::from_code(&d.mode)
            .and_then(|m| f.modes.iter().position(|x| *x == m))
            .unwrap_or(0);
        let picked: Vec<usize> = d
            .participants
            .iter()
            .filter_map(|p| Participant::from_code(p))
            .filter_map(|p| f.participants.iter().position(|x| *x == p))
            .collect();
        f.form.fields[MODE] = Field::choice(
            Msg::Mode.text(env.lang),
            f.modes
                .iter()
                .map(|m| m.label(env.lang).to_string())
                .collect(),
            mode,
        )
        .with_hint(super::choice_hint(env.keymap, env.lang));
        f.form.fields[WITH] = Field::multi(
            Msg::Participants.text(env.lang),
            f.participants
                .iter()
                .map(|p| p.label(env.lang).to_string())
                .collect(),
            &picked,
        );
        f.form.focus = NOTES;
        f.form.changed = true;
        Ok(f)
    }

    fn build(c: &Contact, worker: &Worker, editing: Option<Contact>, env: &Env<'_>) -> ContactForm {
        let (l, keymap) = (env.lang, env.keymap);
        let modes: Vec<Mode> = Mode::ALL
            .iter()
            .copied()
            .filter(|m| !(worker.is_closed() && m.reaches_employer()))
            .collect();
        let participants: Vec<Participant> = Participant::ALL
            .iter()
            .copied()
            .filter(|p| !(worker.is_closed() && p.is_employer_side()))
            .collect();
        let mode = modes.iter().position(|m| *m == c.mode).unwrap_or(0);
        let picked: Vec<usize> = c
            .participants
            .iter()
            .filter_map(|p| participants.iter().position(|x| x == p))
            .collect();
        let date = |d: Option<chrono::NaiveDate>| {
            d.map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default()
        };
        let fields = vec![
            (
                DATE,
                Field::line(Msg::Date.text(l), &date(Some(c.date)), Some(12))
                    .with_hint("YYYY-MM-DD"),
            ),
            (
                MODE,
                Field::choice(
                    Msg::Mode.text(l),
                    modes.iter().map(|m| m.label(l).to_string()).collect(),
                    mode,
                )
                .with_hint(super::choice_hint(keymap, l)),
            ),
            (
                WITH,
                Field::multi(
                    Msg::Participants.text(l),
                    participants
                        .iter()
                        .map(|p| p.label(l).to_string())
                        .collect(),
                    &picked,
                ),
            ),
            (
                TIME,
                Field::line(
                    Msg::Time.text(l),
                    &c.start_time
                        .map(|t| t.format("%H:%M").to_string())
                        .unwrap_or_default(),
                    Some(6),
                )
                .with_hint("HH:MM"),
            ),
            (
                MINUTES,
                Field::line(
                    l.pick("時間（分）", "Minutes"),
                    &c.minutes.map(|m| m.to_string()).unwrap_or_default(),
                    Some(6),
                ),
            ),
            (NOTES, Field::notes(Msg::Notes.text(l), &c.notes)),
            (
                NEXT,
                Field::line(Msg::NextAction.text(l), &c.next_action, None),
            ),
            (
                DUE,
                Field::line(Msg::NextDue.text(l), &date(c.next_due), Some(12))
                    .with_hint("YYYY-MM-DD"),
            ),
        ];
        let focus = if editing.is_some() { NOTES } else { MODE };
        ContactForm {
            form: Form::keyed(fields, FIELD_COUNT, focus),
            worker: worker.clone(),
            today: env.today,
            recorded_by: c.recorded_by.clone(),
            editing,
            modes,
            participants,
            draft_id: crate::store::new_id(),
            draft_dirty: Cell::new(false),
        }
    }

    /// The cursor on the next action (a follow-up opened from the dashboard).
    pub fn focus_next_action(&mut self) {
        self.form.focus = NEXT;
    }

    /// Dates the new contact (a dashboard line for a past month asks for a
    /// day inside that month, so that saving meets it).
    pub fn set_date(&mut self, date: chrono::NaiveDate) {
        self.form.fields[DATE].set_text(&date.to_string());
    }

    pub fn draft_pending(&self) -> bool {
        self.draft_dirty.get()
    }

    pub fn draft_saved(&self) {
        self.draft_dirty.set(false);
    }

    pub fn paste(&mut self, text: &str) {
        if self.form.paste(text) == Outcome::Changed {
            self.draft_dirty.set(true);
        }
    }

    pub fn to_draft(&self, saved_at: &str) -> ContactDraft {
        let f = &self.form.fields;
        ContactDraft {
            id: self.draft_id.clone(),
            worker_id: self.worker.id.clone(),
            contact_id: self.editing.as_ref().map(|c| c.id.clone()),
            saved_at: saved_at.to_string(),
            date: f[DATE].text(),
            time: f[TIME].text(),
            minutes: f[MINUTES].text(),
            mode: self
                .modes
                .get(f[MODE].selected())
                .map_or("", |m| m.code())
                .to_string(),
            participants: f[WITH]
                .picked()
                .iter()
                .filter_map(|&i| self.participants.get(i))
                .map(|p| p.code().to_string())
                .collect(),
            notes: f[NOTES].text(),
            next_action: f[NEXT].text(),
            next_due: f[DUE].text(),
            plan: None,
            report: None,
        }
    }

    fn save(&mut self, env: &mut Env<'_>) -> Effect {
        let l = env.lang;
        let Some(contact) = self.read(l) else {
            return super::fix_errors(&mut self.form, l);
        };
        let result = match &self.editing {
            Some(_) => env.store.update_contact(&contact).map(|_| ()),
            None => env.store.add_contact(&contact),
        };
        match result {
            Ok(()) => Effect::Saved {
                message: format!(
                    "{}: {} {}",
                    Msg::Saved.text(l),
                    contact.date,
                    contact.mode.label(l)
                ),
                draft: Some(self.draft_id.clone()),
            },
            Err(Error::Invalid(inv)) => {
                self.show_invalid(&inv, l);
                super::fix_errors_message(l)
            }
            Err(e) => Effect::Status(i18n::error_message(&e, l)),
        }
    }

    /// The contact as typed, or `None` with errors shown beside the fields.
    fn read(&mut self, l: Lang) -> Option<Contact> {
        let f = &mut self.form.fields;
        let date = crate::domain::dates::parse_date(&f[DATE].text());
        let time = opt(&f[TIME].text(), crate::domain::dates::parse_time);
        let minutes = opt(&f[MINUTES].text(), |s| s.trim().parse::<u32>().ok());
        let due = opt(&f[DUE].text(), crate::domain::dates::parse_date);
        f[DATE].error = date.is_none().then(|| i18n::field_error_date(l));
        f[TIME].error = time.is_none().then(|| i18n::field_error_time(l));
        f[MINUTES].error = minutes.is_none().then(|| i18n::field_error_number(l));
        f[DUE].error = due.is_none().then(|| i18n::field_error_date(l));
        let base = self.editing.clone();
        let c = Contact {
            id: base
                .as_ref()
                .map_or_else(crate::store::new_id, |c| c.id.clone()),
            worker_id: self.worker.id.clone(),
            date: date?,
            start_time: time?,
            minutes: minutes?,
            mode: *self.modes.get(f[MODE].selected())?,
            participants: f[WITH]
                .picked()
                .iter()
                .filter_map(|&i| self.participants.get(i).copied())
                .collect(),
            notes: f[NOTES].text(),
            next_action: f[NEXT].text().trim().to_string(),
            next_due: due?,
            next_done: None,
            recorded_by: self.recorded_by.clone(),
            // A confirmed consent stays with the contact it was given for.
            consent_confirmed: base.as_ref().is_some_and(|c| c.consent_confirmed),
        };
        // A follow-up marked done stays done while its action and date are
        // as they were; changing either opens it again.
        let mut c = c;
        c.next_done = base
            .as_ref()
            .filter(|b| b.next_action == c.next_action && b.next_due == c.next_due)
            .and_then(|b| b.next_done);
        if let Err(inv) = validate::contact_on(&c, &self.worker, self.today) {
            self.show_invalid(&inv, l);
            return None;
        }
        Some(c)
    }

    fn show_invalid(&mut self, inv: &Invalid, l: Lang) {
        let field = match inv {
            Invalid::DueBeforeDate
            | Invalid::ImplausibleDate {
                field: "due date", ..
            } => DUE,
            Invalid::ImplausibleDate { .. }
            | Invalid::ContactBeforeHire { .. }
            | Invalid::ContactFarAhead { .. } => DATE,
            Invalid::Minutes(_) => MINUTES,
            Invalid::ClosedEmploymentVisit => MODE,
            Invalid::ClosedEmploymentParticipant(_) => WITH,
            _ => NOTES,
        };
        self.form.fields[field].error = Some(i18n::invalid_message(inv, l));
        self.form.focus_first_error();
    }
}

/// Empty text is `Some(None)`; text that parses is `Some(Some(v))`; else `None`.
fn opt<T>(s: &str, parse: impl Fn(&str) -> Option<T>) -> Option<Option<T>> {
    if s.trim().is_empty() {
        Some(None)
    } else {
        parse(s).map(Some)
    }
}

impl Component for ContactForm {
    fn context(&self) -> Context {
        Context::Form
    }
    fn wants_raw(&self, ev: &KeyEvent) -> bool {
        self.form.wants_raw(ev)
    }
    fn handle(&mut self, ev: &KeyEvent, action: Option<Action>, env: &mut Env<'_>) -> Effect {
        match self.form.handle(ev, action) {
            Outcome::Nothing => Effect::None,
            Outcome::Changed => {
                self.draft_dirty.set(true);
                Effect::None
            }
            Outcome::Cancel => {
                super::cancel_form(&self.form, Some(self.draft_id.clone()), env.lang)
            }
            Outcome::Save => self.save(env),
        }
    }
    fn draw(&self, frame: &mut Frame, area: Rect, env: &DrawEnv<'_>) {
        let l = env.lang;
        let verb = if self.editing.is_some() {
            Msg::EditContactTitle
        } else {
            Msg::NewContactTitle
        };
        let mut title = format!("{} — {}", verb.text(l), self.worker.display_name);
        if self.worker.is_closed() {
            title.push_str(&format!(
                "  [{}]",
                crate::domain::Disclosure::Closed.label(l)
            ));
        }
        let body = super::titled(frame, area, &title);
        self.form.draw(frame, body);
    }
    fn paste(&mut self, text: &str, _env: &mut Env<'_>) {
        ContactForm::paste(self, text)
    }
    fn has_unsaved_changes(&self) -> bool {
        self.form.changed
    }
    fn draft_pending(&self) -> bool {
        ContactForm::draft_pending(self)
    }
    fn draft(&self, saved_at: &str) -> Option<crate::tui::drafts::ContactDraft> {
        Some(ContactForm::to_draft(self, saved_at))
    }
    fn draft_saved(&self) {
        ContactForm::draft_saved(self)
    }
}
