//! Concurrent plan versions (domain::plan_fork): the open forks of the
//! stored plans, who made each head and when, and resolving a fork by
//! choosing one head or by saving a merged version. Both resolutions are
//! ordinary synced writes of `superseded_by`, so they travel like any edit.

use chrono::NaiveDate;

use super::Store;
use super::log;
use crate::domain::plan::{Plan, PlanVersion};
use crate::domain::plan_fork::{self, open_forks};
use crate::domain::validate;
use crate::error::{Error, Result};

/// One open fork of a worker's plan, with its heads whole.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanFork {
    pub worker_id: String,
    /// The version every head reviews; empty for two first plans.
    pub previous_id: String,
    /// Oldest first; the last is the one the duty counts from.
    pub heads: Vec<Plan>,
}

impl PlanFork {
    /// The version number the heads share.
    pub fn version(&self) -> u32 {
        self.heads.last().map_or(0, |p| p.version.version)
    }

    /// What the conflict list calls it: the version it reviews, or the
    /// worker for two first plans.
    pub fn key(&self) -> &str {
        if self.previous_id.is_empty() {
            &self.worker_id
        } else {
            &self.previous_id
        }
    }
}

/// Who wrote a version and when: the device whose log created it, its
/// clock then (ms since 1970 UTC), and the staff name the version carries
/// (記録者), or that device's latest one when the version has none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authorship {
    pub device_id: String,
    pub seq: i64,
    pub written_ms: i64,
    pub staff: String,
}

impl Store {
    /// The open forks of one worker's plan (`Some`) or of every worker's.
    pub fn plan_forks(&self, worker_id: Option<&str>) -> Result<Vec<PlanFork>> {
        let rows = self.fork_rows(worker_id.unwrap_or(""))?;
        let mut out = Vec::new();
        for f in open_forks(&rows) {
            let mut heads = Vec::with_capacity(f.heads.len());
            for h in &f.heads {
                if let Some(p) = self.plan(&h.id)? {
                    heads.push(p);
                }
            }
            out.push(PlanFork {
                worker_id: f.worker_id.to_string(),
                previous_id: f.previous_id.to_string(),
                heads,
            });
        }
        Ok(out)
    }

    pub fn plan_fork_count(&self) -> Result<usize> {
        let rows = self.fork_rows("")?;
        Ok(open_forks(&rows).len())
    }

    /// Whether `version` is superseded among the worker's versions.
    pub fn plan_superseded(&self, version: &PlanVersion) -> Result<bool> {
        let rows = self.fork_rows(&version.worker_id)?;
        Ok(plan_fork::is_superseded(version, &rows))
    }

    /// Who made a version and when, from the change log.
    pub fn plan_authorship(&self, version: &PlanVersion) -> Result<Authorship> {
        let entries = log::entries_for_field(self.conn(), &version.id, "version")?;
        let first = entries.first();
        let device_id = first.map(|e| e.device_id.clone()).unwrap_or_default();
        let staff = match version.recorded_by.trim() {
            "" => self.device_staff(&device_id)?,
            s => s.to_string(),
        };
        Ok(Authorship {
            seq: first.map_or(0, |e| e.seq),
            written_ms: first.map_or(0, |e| e.hlc.ms),
            device_id,
            staff,
        })
    }

    /// Resolves a fork by keeping `version_id`: every other head is marked
    /// superseded by it (kept, readable in the history), and the chosen one
    /// by nothing.
    pub fn choose_plan_version(&mut self, version_id: &str) -> Result<()> {
        let Some(fork) = self
            .plan_forks(None)?
            .into_iter()
            .find(|f| f.heads.iter().any(|h| h.version.id == version_id))
        else {
            return Err(Error::NoConflict);
        };
        self.write(|tx| {
            for h in &fork.heads {
                let mut v = h.version.clone();
                // The chosen one supersedes the others and nothing else
                // (after two laptops chose differently, it still names one).
                v.superseded_by = if h.version.id == version_id {
                    String::new()
                } else {
                    version_id.to_string()
                };
                tx.update(&v)?;
            }
            Ok(())
        })
    }

    /// Resolves a fork with a new version that replaces every head: `plan`
    /// reviews the same version as the heads (see `plan_fork::merged`), is
    /// checked as any new version, and is saved with the heads marked
    /// superseded by it, in one transaction.
    pub fn merge_plan_fork(&mut self, plan: &Plan, today: NaiveDate) -> Result<()> {
        let worker = self.require_worker(&plan.version.worker_id)?;
        let Some(fork) = self
            .plan_forks(Some(&worker.id))?
            .into_iter()
            .find(|f| f.previous_id == plan.version.previous_id)
        else {
            return Err(Error::NoPlanFork);
        };
        let previous = match plan.version.previous_id.as_str() {
            "" => None,
            id => self.plan(id)?,
        };
        if previous.is_none() && !plan.version.previous_id.is_empty() {
            return Err(validate::Invalid::PlanPrevious.into());
        }
        validate::plan(plan, &worker, previous.as_ref(), today)?;
        self.write(|tx| {
            tx.insert(&plan.version)?;
            for g in &plan.goals {
                tx.insert(g)?;
            }
            for e in &plan.evaluations {
                tx.insert(e)?;
            }
            for h in &fork.heads {
                let mut v = h.version.clone();
                v.superseded_by = plan.version.id.clone();
                tx.update(&v)?;
            }
            Ok(())
        })
    }

    /// Refused while the worker's plan has an open fork: a new version
    /// would review one head and leave the conflict open beneath it.
    pub(super) fn require_no_fork(&self, worker_id: &str) -> Result<()> {
        let rows = self.fork_rows(worker_id)?;
        match open_forks(&rows).first() {
            Some(f) => Err(Error::PlanForked {
                version: f.heads.last().map_or(0, |h| h.version),
            }),
            None => Ok(()),
        }
    }
}
