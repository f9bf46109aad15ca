//! The home screen and the screens the app opens by itself: the welcome list
//! while there are no workers, the dashboard after; a draft restored after a
//! crash. Here so that the app names no particular screen.

use super::Screen;
use super::contact_form::ContactForm;
use super::dashboard::DashboardScreen;
use super::report::ReportScreen;
use super::report_form::ReportForm;
use super::worker::WorkerScreen;
use super::workers::WorkersScreen;
use crate::tui::app::Env;
use crate::tui::drafts::ContactDraft;

/// The first screen: the dashboard once there are workers, the welcome
/// worker list (with how to add the first one) before.
pub fn first(env: &mut Env<'_>) -> crate::Result<Screen> {
    if env.store.live_workers()?.is_empty() {
        WorkersScreen::load(env).map(Screen::Workers)
    } else {
        DashboardScreen::load(env).map(Screen::Dashboard)
    }
}

/// After each key: the home screen fits the data (the dashboard goes under a
/// welcome list that got its first worker; the welcome list comes back when
/// the last worker is deleted), and a dashboard that is shown again after a
/// change re-reads its list, once.
pub fn settle(stack: &mut Vec<Screen>, env: &mut Env<'_>) -> crate::Result<()> {
    if let [Screen::Workers(w), ..] = stack.as_slice()
        && !w.is_empty()
    {
        stack.insert(0, Screen::Dashboard(DashboardScreen::unloaded()));
    }
    if !matches!(stack.last(), Some(Screen::Dashboard(d)) if d.is_stale()) {
        return Ok(());
    }
    let only_home = stack.len() == 1;
    if only_home && env.store.live_workers()?.is_empty() {
        stack[0] = Screen::Workers(WorkersScreen::load(env)?);
        return Ok(());
    }
    match stack.last_mut() {
        Some(Screen::Dashboard(d)) => d.refresh(env),
        _ => Ok(()),
    }
}

/// The worker page with the contact form of a restored draft over it; for a
/// report field's draft, the report with the field's form over it.
pub fn restore(draft: &ContactDraft, env: &mut Env<'_>) -> crate::Result<Vec<Screen>> {
    if let Some(part) = &draft.report {
        let not_found = || crate::Error::NotFound {
            kind: "report",
            id: part.report_id.clone(),
        };
        let report = env.store.report(&part.report_id)?.ok_or_else(not_found)?;
        let worker = env.store.require_worker(&report.worker_id)?;
        let page = ReportScreen::load(&report.worker_id, report.month, env)?;
        let form = ReportForm::from_draft(draft, part, &report, &worker, env.lang, env.keymap)
            .ok_or_else(not_found)?;
        return Ok(vec![
            Screen::Report(page),
            Screen::ReportForm(Box::new(form)),
        ]);
    }
    let page = WorkerScreen::load(&draft.worker_id, env)?;
    if let Some(plan) = &draft.plan {
        let form = super::plan_form::PlanForm::from_draft(draft, plan, env)?;
        return Ok(vec![Screen::Worker(page), Screen::PlanForm(Box::new(form))]);
    }
    let form = ContactForm::from_draft(draft, &page.worker, env)?;
    Ok(vec![
        Screen::Worker(page),
        Screen::ContactForm(Box::new(form)),
    ])
}
