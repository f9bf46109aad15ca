//! Screens ask for other screens by naming what they want to see
//! (`Effect::Open`); this router builds them. So no screen builds, or imports,
//! another: a new screen is reached by one variant here.

use super::{
    Screen, checklist_entry::EntryScreen, checklist_start::ChecklistStart, conflicts,
    contact::ContactScreen, contact_form::ContactForm, decision_form::DecisionForm, deleted,
    handover::HandoverScreen, missed::MissedScreen, people::PeopleScreen, person_form::PersonForm,
    plan::PlanScreen, plan_form::PlanForm, prior_form::PriorForm, report::ReportScreen,
    report_form::ReportForm, search::SearchScreen, selfreport_entry, selfreport_month,
    settings_form::SettingsForm, sharing_form::SharingForm, summary::SummaryView,
    waiver_form::WaiverForm, worker::WorkerScreen, worker_form::WorkerForm, workers::WorkersScreen,
};
use chrono::NaiveDate;

use crate::domain::checklist::{Assessment, Instrument};
use crate::domain::dates::YearMonth;
use crate::domain::report::{Report, ReportField};
use crate::domain::schedule::Monthly;
use crate::domain::{Contact, Mode, Person, Worker};
use crate::store::sync_state::Conflict;
use crate::tui::app::Env;

/// A screen to open, by what it shows.
pub enum Open {
    /// The worker list.
    Workers,
    /// A worker's page.
    Worker(String),
    NewWorker,
    EditWorker(Box<Worker>),
    /// Editing a worker with the cursor on the status, to record the end.
    EndService(String),
    /// Reading one contact.
    Contact(Box<Contact>, Box<Worker>),
    /// Reading one contact, known by its id (a search hit).
    ContactById {
        id: String,
        worker_id: String,
    },
    /// A new contact for a worker, with a suggested mode and date (today
    /// without one; a day inside a past month a dashboard line is about).
    NewContact {
        worker_id: String,
        mode: Option<Mode>,
        date: Option<NaiveDate>,
    },
    EditContact(Box<Contact>, Box<Worker>),
    /// The contact whose next action is the worker's open follow-up, its
    /// form on the next action (to edit it, or clear it to dismiss it).
    FollowUp {
        worker_id: String,
    },
    Search,
    /// The staff and agency names (`FirstRun`: asked on the first run).
    Settings,
    FirstRun,
    /// A worker's report for a month.
    Report {
        worker_id: String,
        month: YearMonth,
    },
    /// A worker's handover: decision, sharing log, the duty's state.
    Handover {
        worker_id: String,
    },
    /// Recording duties done elsewhere before teichaku.
    Prior {
        worker_id: String,
    },
    /// Waiving a dashboard line's duty, with a reason.
    Waive {
        worker_id: String,
        duty: crate::domain::schedule::Duty,
    },
    /// A worker's resource map.
    People {
        worker_id: String,
    },
    NewPerson {
        worker_id: String,
    },
    EditPerson(Box<Person>),
    /// The missed months a folded dashboard line stands for.
    Missed {
        worker_id: String,
        what: Monthly,
    },
    /// Logging a sharing of a worker's handover (`takes_over`: with the
    /// agency that takes over chosen, as the handover duty asks).
    NewSharing {
        worker_id: String,
        takes_over: bool,
    },
    /// Recording a worker's handover decision (要継続支援).
    HandoverDecision {
        worker_id: String,
    },
    /// Editing one field of a report.
    ReportField {
        report: Box<Report>,
        worker: Box<Worker>,
        field: ReportField,
    },
    /// Choosing a checklist, its date and respondent for a worker.
    Checklist {
        worker_id: String,
        /// Preselected (the summary the key was pressed on).
        instrument: Option<String>,
    },
    /// Answering a stored assessment (new or resumed), item by item.
    ChecklistEntry {
        worker_name: String,
        instrument: Box<Instrument>,
        assessment: Box<Assessment>,
    },
    /// A worker's checklist summary (radar, trend), of one instrument or the
    /// first one with answers.
    Summary {
        worker_id: String,
        instrument: Option<String>,
    },
    Conflicts,
    /// The 削除済み view: every deleted worker and contact, or one deleted
    /// worker's contacts.
    Deleted {
        worker_id: Option<String>,
    },
    /// One conflict, numbered as in the list.
    Conflict(Box<Conflict>, usize),
    /// Writing a merged text for a conflict.
    MergeText(Box<Conflict>),
    /// A worker's support plan, its latest version shown.
    Plan {
        worker_id: String,
    },
    /// A new version of a worker's plan (the first, or a review of the latest).
    NewPlan {
        worker_id: String,
    },
    /// A version merging the worker's open plan conflict.
    MergePlan {
        worker_id: String,
    },
    /// Correcting a stored version of a plan.
    EditPlan {
        version_id: String,
    },
    /// Entering (or correcting) a worker's self-report of a day.
    SelfReportEntry {
        worker_id: String,
        date: chrono::NaiveDate,
    },
    /// A worker's self-reports: the month as a grid, the warning.
    SelfReports {
        worker_id: String,
    },
    /// Importing self-reports from a form's CSV, with a preview.
    SelfReportImport,
}

/// Builds the screens asked for, in order (the last on top).
pub fn build(list: Vec<Open>, env: &mut Env<'_>) -> crate::Result<Vec<Screen>> {
    list.into_iter().map(|o| one(o, env)).collect()
}

fn one(open: Open, env: &mut Env<'_>) -> crate::Result<Screen> {
    Ok(match open {
        Open::Workers => Screen::Workers(WorkersScreen::load(env)?),
        // Its access-log line is written when it comes on top (access.rs).
        Open::Worker(id) => Screen::Worker(WorkerScreen::load(&id, env)?),
        Open::NewWorker => Screen::WorkerForm(Box::new(WorkerForm::new(env))),
        Open::EditWorker(w) => Screen::WorkerForm(Box::new(WorkerForm::edit(&w, env))),
        Open::EndService(id) => {
            let worker = env.store.require_worker(&id)?;
            Screen::WorkerForm(Box::new(WorkerForm::end_service(&worker, env)))
        }
        Open::Contact(c, w) => Screen::Contact(ContactScreen::new(*c, *w)),
        Open::ContactById { id, worker_id } => {
            let not_found = || crate::Error::NotFound {
                kind: "contact",
                id: id.clone(),
            };
            let contact = env.store.contact(&id)?.ok_or_else(not_found)?;
            let worker = env.store.worker(&worker_id)?.ok_or_else(not_found)?;
            Screen::Contact(ContactScreen::new(contact, worker))
        }
        Open::NewContact {
            worker_id,
            mode,
            date,
        } => {
            let worker = env.store.require_worker(&worker_id)?;
            let mut form = match mode {
                Some(mode) => ContactForm::with_mode(&worker, mode, env),
                None => ContactForm::new(&worker, env),
            };
            if let Some(date) = date {
                form.set_date(date);
            }
            Screen::ContactForm(Box::new(form))
        }
        Open::FollowUp { worker_id } => {
            let worker = env.store.require_worker(&worker_id)?;
            let contact =
                env.store
                    .follow_up_contact(&worker_id)?
                    .ok_or_else(|| crate::Error::NotFound {
                        kind: "contact",
                        id: worker_id.clone(),
                    })?;
            let mut form = ContactForm::edit(&contact, &worker, env);
            form.focus_next_action();
            Screen::ContactForm(Box::new(form))
        }
        Open::EditContact(c, w) => Screen::ContactForm(Box::new(ContactForm::edit(&c, &w, env))),
        Open::Search => Screen::Search(SearchScreen::new()),
        Open::Settings => Screen::SettingsForm(Box::new(SettingsForm::new(env, false))),
        Open::FirstRun => Screen::SettingsForm(Box::new(SettingsForm::new(env, true))),
        Open::Report { worker_id, month } => {
            Screen::Report(ReportScreen::load(&worker_id, month, env)?)
        }
        Open::Prior { worker_id } => {
            let worker = env.store.require_worker(&worker_id)?;
            Screen::PriorForm(Box::new(PriorForm::new(&worker, env)))
        }
        Open::Waive { worker_id, duty } => {
            let worker = env.store.require_worker(&worker_id)?;
            let months = match duty {
                crate::domain::schedule::Duty::Missed { what, .. } => {
                    env.store.missed_months(&worker, what, env.today)?
                }
                _ => Vec::new(),
            };
            let duties = crate::domain::waiver::waivable(duty, |_| months.clone());
            Screen::WaiverForm(Box::new(WaiverForm::new(&worker, duty, duties, env)))
        }
        Open::People { worker_id } => Screen::People(PeopleScreen::load(&worker_id, env)?),
        Open::NewPerson { worker_id } => {
            let worker = env.store.require_worker(&worker_id)?;
            Screen::PersonForm(Box::new(PersonForm::new(&worker, env)))
        }
        Open::EditPerson(p) => {
            let worker = env.store.require_worker(&p.worker_id)?;
            Screen::PersonForm(Box::new(PersonForm::edit(&p, &worker, env)))
        }
        Open::Missed { worker_id, what } => {
            Screen::Missed(MissedScreen::load(&worker_id, what, env)?)
        }
        Open::Handover { worker_id } => Screen::Handover(HandoverScreen::load(&worker_id, env)?),
        Open::NewSharing {
            worker_id,
            takes_over,
        } => {
            let worker = env.store.require_worker(&worker_id)?;
            let mut form = SharingForm::new(&worker, env)?;
            if takes_over {
                form = form.taking_over();
            }
            Screen::SharingForm(Box::new(form))
        }
        Open::HandoverDecision { worker_id } => {
            let worker = env.store.require_worker(&worker_id)?;
            Screen::DecisionForm(Box::new(DecisionForm::new(&worker, env)))
        }
        Open::ReportField {
            report,
            worker,
            field,
        } => Screen::ReportForm(Box::new(ReportForm::new(
            &report, &worker, field, env.lang, env.keymap,
        ))),
        Open::Checklist {
            worker_id,
            instrument,
        } => {
            let worker = env.store.require_worker(&worker_id)?;
            Screen::ChecklistStart(Box::new(ChecklistStart::new(
                &worker,
                instrument.as_deref(),
                env,
            )?))
        }
        Open::ChecklistEntry {
            worker_name,
            instrument,
            assessment,
        } => {
            let pending = env.store.pending_comments(&assessment.id)?;
            Screen::ChecklistEntry(Box::new(EntryScreen::new(
                worker_name,
                *instrument,
                &assessment,
                &pending,
            )))
        }
        Open::Summary {
            worker_id,
            instrument,
        } => Screen::Summary(Box::new(SummaryView::load(
            &worker_id,
            instrument.as_deref(),
            env,
        )?)),
        Open::Conflicts => Screen::Conflicts(conflicts::ConflictsScreen::load(env)?),
        Open::Deleted { worker_id } => {
            Screen::Deleted(deleted::DeletedScreen::load(worker_id.as_deref(), env)?)
        }
        Open::Conflict(c, n) => Screen::Conflict(conflicts::ConflictScreen::new(*c, n)),
        Open::MergeText(c) => Screen::MergeForm(Box::new(conflicts::MergeForm::new(&c, env.lang))),
        Open::Plan { worker_id } => Screen::Plan(PlanScreen::load(&worker_id, env)?),
        Open::NewPlan { worker_id } => Screen::PlanForm(Box::new(PlanForm::new(&worker_id, env)?)),
        Open::SelfReportEntry { worker_id, date } => Screen::SelfReportEntry(Box::new(
            selfreport_entry::EntryScreen::load(&worker_id, date, env)?,
        )),
        Open::SelfReports { worker_id } => Screen::SelfReports(Box::new(
            selfreport_month::MonthScreen::load(&worker_id, env)?,
        )),
        Open::SelfReportImport => {
            Screen::SelfReportImport(Box::new(super::selfreport_import::ImportScreen::new(env)))
        }
        Open::MergePlan { worker_id } => {
            Screen::PlanForm(Box::new(PlanForm::merge(&worker_id, env)?))
        }
        Open::EditPlan { version_id } => {
            Screen::PlanForm(Box::new(PlanForm::edit(&version_id, env)?))
        }
    })
}
