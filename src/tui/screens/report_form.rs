//! Editing one field of a support report: its text (many lines, in
//! ratatui-textarea with the real cursor for the IME) and whether it may be
//! shared with the employer. Saved through `Store::update_report`, which logs
//! each changed column and refuses a finalised report. What is typed is kept
//! as a draft like a contact note (tui/drafts.rs) and offered after a crash.

use super::prelude::*;
use ratatui::layout::Rect;

use super::choice_hint;
use super::closed_mark;
use crate::domain::Code;
use crate::domain::Worker;
use crate::domain::report::{Report, ReportField};
use crate::error::Error;
use crate::i18n::due::Text;
use crate::i18n::{self, Lang, Msg};
use crate::tui::app::{Effect, Env};
use crate::tui::drafts::{ContactDraft, ReportFieldDraft};
use crate::tui::keymap::Keymap;
use crate::tui::widgets::form::{Field, Form, Outcome};
use std::cell::Cell;

const TEXT: usize = 0;
const SHARED: usize = 1;

pub struct ReportForm {
    pub form: Form,
    report: Report,
    field: ReportField,
    worker_name: String,
    pub(super) worker_id: String,
    closed: bool,
    draft_id: String,
    /// Changed since the draft was last written.
    draft_dirty: Cell<bool>,
}

impl ReportForm {
    pub fn new(
        report: &Report,
        worker: &Worker,
        field: ReportField,
        l: Lang,
        keymap: &Keymap,
    ) -> ReportForm {
        let fields = vec![
            Field::notes(Text::FieldText.text(l), report.text(field)),
            if field.shareable() {
                Field::choice(
                    l.pick("事業主と共有", "To employer"),
                    vec![
                        Text::NotShared.text(l).to_string(),
                        Text::Shared.text(l).to_string(),
                    ],
                    usize::from(report.is_shared(field)),
                )
                .with_hint(choice_hint(keymap, l))
            } else {
                // The worker's own record: one choice, nothing to toggle.
                Field::choice(
                    l.pick("事業主と共有", "To employer"),
                    vec![Text::NeverShared.text(l).to_string()],
                    0,
                )
            },
        ];
        ReportForm {
            form: Form::new(fields, TEXT),
            report: report.clone(),
            field,
            worker_name: worker.display_name.clone(),
            worker_id: worker.id.clone(),
            closed: worker.is_closed(),
            draft_id: crate::store::new_id(),
            draft_dirty: Cell::new(false),
        }
    }

    /// Reopens the form from a draft, exactly as it was typed.
    pub fn from_draft(
        d: &ContactDraft,
        part: &ReportFieldDraft,
        report: &Report,
        worker: &Worker,
        l: Lang,
        keymap: &Keymap,
    ) -> Option<ReportForm> {
        let field = ReportField::from_code(&part.field)?;
        let mut typed = report.clone();
        typed.set_text(field, d.notes.clone());
        typed.set_shared(field, part.shared);
        let mut f = ReportForm::new(&typed, worker, field, l, keymap);
        f.report = report.clone();
        f.form.changed = true;
        f.draft_id = d.id.clone();
        Some(f)
    }

    fn to_draft(&self, saved_at: &str) -> ContactDraft {
        ContactDraft {
            notes: self.form.fields[TEXT].text(),
            report: Some(ReportFieldDraft {
                report_id: self.report.id.clone(),
                field: self.field.code().to_string(),
                shared: self.form.fields[SHARED].selected() == 1,
            }),
            ..ContactDraft::blank(&self.draft_id, &self.worker_id, saved_at)
        }
    }

    pub fn paste(&mut self, text: &str) {
        self.form.paste(text);
    }

    fn save(&mut self, env: &mut Env<'_>) -> Effect {
        let l = env.lang;
        let mut r = self.report.clone();
        r.set_text(self.field, self.form.fields[TEXT].text());
        r.set_shared(
            self.field,
            self.field.shareable() && self.form.fields[SHARED].selected() == 1,
        );
        match env.store.update_report(&r) {
            Ok(_) => Effect::Saved {
                message: format!("{}: {}", Msg::Saved.text(l), self.field.label(l)),
                draft: Some(self.draft_id.clone()),
            },
            Err(Error::Invalid(inv)) => {
                self.form.fields[TEXT].error = Some(i18n::invalid_message(&inv, l));
                super::fix_errors_message(l)
            }
            Err(e) => Effect::Status(i18n::error_message(&e, l)),
        }
    }
}

impl Component for ReportForm {
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
        let mut title = format!(
            "{} — {}  {} — {}",
            Text::EditReportTitle.text(l),
            self.worker_name,
            i18n::month_label(self.report.month, l),
            self.field.label(l)
        );
        if self.closed {
            title.push_str(&format!("  [{}]", closed_mark(l)));
        }
        let body = super::titled(frame, area, &title);
        self.form.draw(frame, body);
    }
    fn paste(&mut self, text: &str, _env: &mut Env<'_>) {
        ReportForm::paste(self, text);
        self.draft_dirty.set(true);
    }
    fn draft_pending(&self) -> bool {
        self.draft_dirty.get()
    }
    fn draft(&self, saved_at: &str) -> Option<ContactDraft> {
        Some(self.to_draft(saved_at))
    }
    fn draft_saved(&self) {
        self.draft_dirty.set(false);
    }
    fn has_unsaved_changes(&self) -> bool {
        self.form.changed
    }
}
