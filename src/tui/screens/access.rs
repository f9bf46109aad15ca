//! What each screen shows, for the access log (issue 34 item 3): one
//! exhaustive match over every screen, so a new screen must say whether it
//! shows a worker's data before the program builds. The app writes the line
//! when a screen comes on top (`App::log_view`), whatever path opened it (a
//! key, a search hit, a restored draft, a job's end).

use super::Screen;
use crate::store::Access;

/// A screen's access-log line: what, about whom (None: many workers), and
/// which screen (the detail: never a name or note text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    pub action: Access,
    pub worker_id: Option<String>,
    pub detail: &'static str,
}

fn one(id: &str, detail: &'static str) -> Option<View> {
    Some(View {
        action: Access::Read,
        worker_id: Some(id.to_string()),
        detail,
    })
}

fn many(detail: &'static str) -> Option<View> {
    Some(View {
        action: Access::Read,
        worker_id: None,
        detail,
    })
}

impl Screen {
    /// The line this screen's showing writes; None for a screen that shows
    /// no worker's data (help, settings, sync, the log itself, a new worker's
    /// empty form).
    pub fn view(&self) -> Option<View> {
        match self {
            Screen::Dashboard(_) => many("screen dashboard"),
            Screen::Workers(_) => many("screen workers"),
            // Opening a worker keeps its own action.
            Screen::Worker(s) => Some(View {
                action: Access::OpenWorker,
                worker_id: Some(s.worker.id.clone()),
                detail: "screen",
            }),
            Screen::Contact(s) => one(&s.worker.id, "screen contact"),
            Screen::ContactForm(s) => one(&s.worker.id, "screen contact form"),
            Screen::WorkerForm(s) => match &s.original {
                Some(w) => one(&w.id, "screen worker form"),
                None => None,
            },
            Screen::Search(_) => many("screen search"),
            Screen::SettingsForm(_) => None,
            Screen::Report(s) => one(&s.worker.id, "screen report"),
            Screen::Handover(s) => one(&s.worker.id, "screen handover"),
            Screen::Missed(s) => one(&s.worker.id, "screen missed"),
            Screen::People(s) => one(&s.worker.id, "screen people"),
            Screen::PersonForm(s) => one(&s.worker.id, "screen person form"),
            Screen::PriorForm(s) => one(&s.worker.id, "screen prior form"),
            Screen::SharingForm(s) => one(&s.worker.id, "screen sharing form"),
            Screen::DecisionForm(s) => one(&s.worker.id, "screen decision form"),
            Screen::ReportForm(s) => one(&s.worker_id, "screen report form"),
            Screen::Help(_) => None,
            Screen::ChecklistStart(s) => one(&s.worker.id, "screen checklist"),
            Screen::ChecklistEntry(s) => one(&s.worker_id, "screen checklist entry"),
            Screen::Summary(s) => one(&s.worker.id, "screen summary"),
            Screen::Sync(_) => None,
            Screen::Conflicts(_) => many("screen conflicts"),
            Screen::Deleted(s) => match &s.worker {
                Some(w) => Some(View {
                    action: Access::OpenWorker,
                    worker_id: Some(w.id.clone()),
                    detail: "deleted",
                }),
                None => many("screen deleted"),
            },
            Screen::Conflict(_) => many("screen conflict"),
            Screen::MergeForm(_) => many("screen conflict merge"),
            Screen::Plan(s) => one(&s.worker.id, "screen plan"),
            Screen::PlanForm(s) => one(&s.worker.id, "screen plan form"),
            Screen::Audit(_) => None,
            Screen::SelfReportEntry(s) => one(&s.report.worker_id, "screen selfreport entry"),
            Screen::SelfReports(s) => one(&s.worker_id, "screen selfreports"),
            Screen::SelfReportImport(_) => many("screen selfreport import"),
            Screen::WaiverForm(s) => one(&s.worker_id, "screen waiver form"),
        }
    }
}
