//! Adding or editing a worker. Every value is checked before anything is saved;
//! problems are shown beside their field.

use super::prelude::*;
use ratatui::layout::Rect;

use super::choice_hint;
use crate::domain::dates::parse_date;
use crate::domain::validate::{self, Invalid};
use crate::domain::{Category, Code, Disclosure, ServiceType, Status, Worker};
use crate::i18n::{self, Lang, Msg};
use crate::tui::app::{Dialog, Effect, Env, Pending};
use crate::tui::widgets::form::{Field, Form, Outcome, form_fields};

form_fields!(
    NAME,
    KANA,
    EMPLOYER,
    WORKPLACE,
    JOB,
    CATEGORIES,
    DISCLOSURE,
    HIRE,
    SERVICE_TYPE,
    ANCHOR,
    START,
    END,
    STATUS,
    STAFF,
    MEMO
);

pub struct WorkerForm {
    pub form: Form,
    pub(super) original: Option<Worker>,
    /// A new worker's status follows the dates until the user picks one.
    status_touched: bool,
    today: chrono::NaiveDate,
    /// The worker to save once the user agrees that closed employment flags
    /// the records listed in the dialog (domain::closed).
    asked: Option<Worker>,
}

fn date_text(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

fn labels<C: Code>(l: Lang) -> Vec<String> {
    C::ALL.iter().map(|c| c.label(l).to_string()).collect()
}

fn index<C: Code + PartialEq>(v: C) -> usize {
    C::ALL.iter().position(|c| *c == v).unwrap_or(0)
}

impl WorkerForm {
    pub fn new(env: &Env<'_>) -> WorkerForm {
        let mut w = Worker::new(String::new(), String::new());
        w.staff = env.staff_name.to_string();
        Self::build(&w, None, env)
    }

    pub fn edit(worker: &Worker, env: &Env<'_>) -> WorkerForm {
        Self::build(worker, Some(worker.clone()), env)
    }

    /// Editing a worker to record the end of the service (the dashboard's
    /// end-of-service line): the cursor on the status.
    pub fn end_service(worker: &Worker, env: &Env<'_>) -> WorkerForm {
        let mut f = Self::edit(worker, env);
        f.form.focus = STATUS;
        f
    }

    fn build(w: &Worker, original: Option<Worker>, env: &Env<'_>) -> WorkerForm {
        let l = env.lang;
        let picked: Vec<usize> = w.categories.iter().map(|c| index(*c)).collect();
        let hint = choice_hint(env.keymap, l);
        let fields = vec![
            (
                NAME,
                Field::line(Msg::Name.text(l), &w.display_name, Some(24)),
            ),
            (KANA, Field::line(Msg::Kana.text(l), &w.kana, Some(24))),
            (
                EMPLOYER,
                Field::line(Msg::Employer.text(l), &w.employer, None),
            ),
            (
                WORKPLACE,
                Field::line(Msg::Workplace.text(l), &w.workplace, None),
            ),
            (JOB, Field::line(Msg::Job.text(l), &w.job, None)),
            (
                CATEGORIES,
                Field::multi(Msg::Categories.text(l), labels::<Category>(l), &picked),
            ),
            (
                DISCLOSURE,
                Field::choice(
                    Msg::Disclosure.text(l),
                    labels::<Disclosure>(l),
                    index(w.disclosure),
                )
                .with_hint(hint.clone()),
            ),
            (
                HIRE,
                Field::line(Msg::HireDate.text(l), &date_text(w.hire_date), Some(12))
                    .with_hint("YYYY-MM-DD"),
            ),
            (
                SERVICE_TYPE,
                Field::choice(
                    Msg::ServiceType.text(l),
                    labels::<ServiceType>(l),
                    index(w.service_type),
                )
                .with_hint(hint.clone()),
            ),
            (
                ANCHOR,
                Field::line(Msg::AnchorDate.text(l), &date_text(w.anchor_date), Some(12))
                    .with_hint(i18n::anchor_hint(l)),
            ),
            (
                START,
                Field::line(
                    l.pick("支援開始日", "Service start"),
                    &date_text(w.service_start_override),
                    Some(12),
                ),
            ),
            (
                END,
                Field::line(
                    l.pick("支援終了日", "Service end"),
                    &date_text(w.service_end_override),
                    Some(12),
                ),
            ),
            (
                STATUS,
                Field::choice(Msg::Status.text(l), labels::<Status>(l), index(w.status))
                    .with_hint(hint),
            ),
            (STAFF, Field::line(Msg::Staff.text(l), &w.staff, Some(24))),
            (
                MEMO,
                Field::line(Msg::Memo.text(l), &w.memo.replace('\n', " "), None),
            ),
        ];
        let mut f = WorkerForm {
            form: Form::keyed(fields, FIELD_COUNT, NAME),
            status_touched: original.is_some(),
            original,
            today: env.today,
            asked: None,
        };
        f.refresh_computed(l);
        f
    }

    /// Shows the computed service period beside the override fields, and a new
    /// worker's status as the dates imply it.
    fn refresh_computed(&mut self, l: Lang) {
        let Some(w) = self.read_lenient() else { return };
        let mut computed = w.clone();
        computed.service_start_override = None;
        computed.service_end_override = None;
        let p = computed.service_period();
        let computed_label = Msg::Computed.text(l);
        self.form.fields[START].hint = p
            .map(|p| format!("{computed_label}: {}", p.start))
            .unwrap_or_default();
        self.form.fields[END].hint = p
            .map(|p| format!("{computed_label}: {}", p.end))
            .unwrap_or_default();
        if !self.status_touched {
            let status = w.status_on(self.today);
            let field = &mut self.form.fields[STATUS];
            *field = Field::choice(&field.label.clone(), labels::<Status>(l), index(status))
                .with_hint(field.hint.clone());
        }
    }

    /// The worker as typed, ignoring fields that do not parse (for hints).
    fn read_lenient(&self) -> Option<Worker> {
        let f = &self.form.fields;
        let mut w = self
            .original
            .clone()
            .unwrap_or_else(|| Worker::new(String::new(), String::new()));
        w.hire_date = parse_date(&f[HIRE].text());
        w.anchor_date = parse_date(&f[ANCHOR].text());
        w.service_type = *ServiceType::ALL.get(f[SERVICE_TYPE].selected())?;
        w.service_start_override = parse_date(&f[START].text());
        w.service_end_override = parse_date(&f[END].text());
        Some(w)
    }

    fn save(&mut self, env: &mut Env<'_>) -> Effect {
        let l = env.lang;
        let Some(w) = self.read(l) else {
            return super::fix_errors(&mut self.form, l);
        };
        // Closing over records that reach the employer: list them and ask.
        if w.is_closed() && self.original.as_ref().is_some_and(|o| !o.is_closed()) {
            match env.store.closed_conflicts(&w) {
                Ok(c) if !c.is_empty() => {
                    self.asked = Some(w);
                    return Effect::Confirm(Dialog {
                        message: i18n::closed::closed_change_dialog(&c, l),
                        on_yes: Pending::Screen,
                    });
                }
                Ok(_) => {}
                Err(e) => return Effect::Status(i18n::error_message(&e, l)),
            }
        }
        self.write(&w, env)
    }

    fn write(&mut self, w: &Worker, env: &mut Env<'_>) -> Effect {
        let l = env.lang;
        let result = match &self.original {
            Some(_) => env.store.update_worker(w).map(|_| ()),
            None => env.store.add_worker(w),
        };
        let message = format!("{}: {}", Msg::Saved.text(l), w.display_name);
        // A new worker whose service is under way: offer to record what was
        // done before, elsewhere (Esc leaves it).
        let under_way = self.original.is_none()
            && w.service_period().is_some_and(|p| {
                crate::domain::dates::YearMonth::of(p.start)
                    < crate::domain::dates::YearMonth::of(env.today)
            });
        match result {
            Ok(()) if under_way => Effect::Replace(
                super::open::Open::Prior {
                    worker_id: w.id.clone(),
                },
                Some(message),
            ),
            Ok(()) => Effect::Saved {
                message,
                draft: None,
            },
            Err(e) => Effect::Status(i18n::error_message(&e, l)),
        }
    }

    /// The worker as typed, or `None` with errors beside the fields.
    fn read(&mut self, l: Lang) -> Option<Worker> {
        let f = &mut self.form.fields;
        let mut dates = [None; 4];
        let mut ok = true;
        for (slot, i) in [HIRE, ANCHOR, START, END].into_iter().enumerate() {
            let text = f[i].text();
            if text.trim().is_empty() {
                f[i].error = None;
            } else {
                dates[slot] = parse_date(&text);
                f[i].error = dates[slot].is_none().then(|| i18n::field_error_date(l));
                ok &= dates[slot].is_some();
            }
        }
        let mut w = self
            .original
            .clone()
            .unwrap_or_else(|| Worker::new(crate::store::new_id(), String::new()));
        w.display_name = f[NAME].text().trim().to_string();
        w.kana = f[KANA].text().trim().to_string();
        w.employer = f[EMPLOYER].text().trim().to_string();
        w.workplace = f[WORKPLACE].text().trim().to_string();
        w.job = f[JOB].text().trim().to_string();
        w.categories = f[CATEGORIES]
            .picked()
            .iter()
            .filter_map(|&i| Category::ALL.get(i).copied())
            .collect();
        w.disclosure = *Disclosure::ALL.get(f[DISCLOSURE].selected())?;
        w.service_type = *ServiceType::ALL.get(f[SERVICE_TYPE].selected())?;
        w.status = *Status::ALL.get(f[STATUS].selected())?;
        w.staff = f[STAFF].text().trim().to_string();
        w.memo = f[MEMO].text();
        [
            w.hire_date,
            w.anchor_date,
            w.service_start_override,
            w.service_end_override,
        ] = dates;
        match validate::worker(&w) {
            Err(Invalid::EmptyName) => {
                f[NAME].error = Some(i18n::invalid_message(&Invalid::EmptyName, l));
                return None;
            }
            Err(other) => {
                let at = match &other {
                    Invalid::ImplausibleDate { field, .. } => match *field {
                        "hire date" => HIRE,
                        "anchor date" => ANCHOR,
                        "service start" => START,
                        _ => END,
                    },
                    Invalid::AnchorRequired(_) | Invalid::AnchorBeforeHire { .. } => ANCHOR,
                    Invalid::StartTooEarly { .. } | Invalid::StartAfterCap { .. } => START,
                    _ => END,
                };
                f[at].error = Some(i18n::invalid_message(&other, l));
                return None;
            }
            Ok(()) => f[NAME].error = None,
        }
        ok.then_some(w)
    }
}

impl Component for WorkerForm {
    /// Yes to closing over conflicting records: saved, and they are flagged.
    fn confirmed(&mut self, env: &mut Env<'_>) -> Effect {
        match self.asked.take() {
            Some(w) => self.write(&w, env),
            None => Effect::None,
        }
    }
    fn context(&self) -> Context {
        Context::Form
    }
    fn wants_raw(&self, ev: &KeyEvent) -> bool {
        self.form.wants_raw(ev)
    }
    fn handle(&mut self, ev: &KeyEvent, action: Option<Action>, env: &mut Env<'_>) -> Effect {
        let focus = self.form.focus;
        match self.form.handle(ev, action) {
            Outcome::Nothing => Effect::None,
            Outcome::Changed => {
                if focus == STATUS {
                    self.status_touched = true;
                }
                self.refresh_computed(env.lang);
                Effect::None
            }
            Outcome::Cancel => super::cancel_form(&self.form, None, env.lang),
            Outcome::Save => self.save(env),
        }
    }
    fn draw(&self, frame: &mut Frame, area: Rect, env: &DrawEnv<'_>) {
        let l = env.lang;
        let title = match &self.original {
            Some(w) => format!("{} — {}", Msg::EditWorkerTitle.text(l), w.display_name),
            None => Msg::NewWorkerTitle.text(l).to_string(),
        };
        let body = super::titled(frame, area, &title);
        self.form.draw(frame, body);
    }
    fn has_unsaved_changes(&self) -> bool {
        self.form.changed
    }
}
