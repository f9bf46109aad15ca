//! Concurrent plan versions as text: every head of a fork (or every
//! version of one number, superseded ones included) under a heading that
//! says who made it and when, for `plan show --version N`, and the texts of
//! the plan forks in the conflict list (CLI and TUI). Reads the versions and
//! their authorship from the store; what it prints is `render::plan::lines`.

use crate::domain::plan::Plan;
use crate::error::Result;
use crate::i18n::{Lang, plan_fork as t};
use crate::store::Store;
use crate::store::sync_state::{Conflict, PLAN_FORK};

/// The open conflicts, with each plan fork's heads rendered as their text.
pub fn conflicts(store: &Store, lang: Lang) -> Result<Vec<Conflict>> {
    let mut list = store.conflicts()?;
    for c in list.iter_mut().filter(|c| c.field == PLAN_FORK) {
        for v in &mut c.versions {
            let Some(plan) = store.plan(&v.version_id)? else {
                continue;
            };
            let previous = match plan.version.previous_id.as_str() {
                "" => None,
                id => store.plan(id)?,
            };
            v.text = super::plan::lines(&plan, previous.as_ref(), lang).join("\n");
        }
    }
    Ok(list)
}

/// Every version in `same` (versions of one number, oldest first), each
/// under its heading; a notice first while they are an open fork.
pub fn versions(store: &Store, same: &[&Plan], all: &[Plan], lang: Lang) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let open = store
        .plan_forks(same.first().map(|p| p.version.worker_id.as_str()))?
        .into_iter()
        .find(|f| {
            f.heads
                .iter()
                .any(|h| same.iter().any(|p| p.version.id == h.version.id))
        });
    if let Some(f) = &open {
        out.push(t::notice(f.version(), f.heads.len(), lang));
        out.push(String::new());
    }
    for (k, plan) in same.iter().enumerate() {
        let who = store.plan_authorship(&plan.version)?;
        let superseded = store.plan_superseded(&plan.version)?;
        out.push(t::head_heading(
            plan.version.version,
            k + 1,
            same.len(),
            &who,
            superseded,
            lang,
        ));
        let previous = all
            .iter()
            .find(|p| p.version.id == plan.version.previous_id);
        out.extend(super::plan::lines(plan, previous, lang));
        out.push(String::new());
    }
    Ok(out)
}
