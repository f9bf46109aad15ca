//! The handover sheet's content, gathered from the store for one worker: the
//! latest sharing the worker consented to (with one person when named), the
//! decision in force, the latest plan, a summary per checklist used, the
//! reports and the resource map. Shared by `teichaku handover sheet` and the
//! handover screen's print key.

use crate::checklists::Catalogue;
use crate::domain::Worker;
use crate::domain::checklist_score::summarize;
use crate::domain::handover::{current_decision, sheet_sharing};
use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::render::html::handover::{Sheet, sheet};
use crate::render::html::report::Letterhead;
use crate::store::Store;

use super::Document;

/// The sheet as HTML and what names its file. `person_id`: only a sharing
/// with this person of the resource map.
pub fn document(
    store: &Store,
    checklists: &Catalogue,
    worker: &Worker,
    person_id: Option<&str>,
    head: Letterhead<'_>,
    lang: Lang,
) -> Result<(Document, String)> {
    let sharings = store.sharings_for(&worker.id)?;
    let sharing = sheet_sharing(&sharings, person_id).ok_or(Error::HandoverNotConsented)?;
    let people = store.people_for(&worker.id)?;
    let decisions = store.handover_decisions_for(&worker.id)?;
    let plan = store.latest_plan(&worker.id)?;
    let assessments = store.assessments_for(&worker.id)?;
    let summaries: Vec<_> = checklists
        .instruments
        .iter()
        .filter_map(|inst| summarize(inst, &assessments).map(|s| (inst, s)))
        .collect();
    let reports = store.reports_for(&worker.id)?;
    let html = sheet(
        &Sheet {
            worker,
            head,
            sharing,
            people: &people,
            decision: current_decision(&decisions),
            plan: plan.as_ref(),
            summaries: &summaries,
            reports: &reports,
        },
        lang,
    )?;
    Ok((Document::Handover(sharing.date), html))
}
