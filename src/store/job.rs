//! Long jobs (an import, an export, a folder sync) run on a thread of their
//! own while the screen keeps drawing: the job gets a second connection to
//! the same file, opened with the key already derived (no second Argon2id),
//! and a [`JobHook`] shared with the screen, which reads the job's progress
//! from it and asks it to stop through it.
//!
//! A stop is checked between entries and records; it makes the job return
//! [`Error::Cancelled`], which rolls its transaction back: nothing half-done.
//! Once a job has written something that cannot be rolled back (a folder
//! sync's import is committed and its own files are being written) it is
//! [`JobHook::finishing`]: a stop asked then is not taken, and the screen
//! says so.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, Ordering};

use super::{Store, configure, connect};
use crate::error::{Error, Result};

/// What a job is doing now, for the gauge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Not started yet (the files are being checked, the key derived).
    Starting,
    /// Reading a bundle's entries into the change log.
    Reading,
    /// Recomputing the records the entries touched.
    Applying,
    /// Bringing the search index up to date.
    Indexing,
    /// Writing entries into a bundle file.
    Writing,
    /// Saving rows into the database (a self-report import).
    Saving,
    /// Past the point where a stop could roll everything back.
    Finishing,
}

impl Stage {
    fn code(self) -> u8 {
        match self {
            Stage::Starting => 0,
            Stage::Reading => 1,
            Stage::Applying => 2,
            Stage::Indexing => 3,
            Stage::Writing => 4,
            Stage::Finishing => 5,
            Stage::Saving => 6,
        }
    }

    fn of(code: u8) -> Stage {
        match code {
            1 => Stage::Reading,
            2 => Stage::Applying,
            3 => Stage::Indexing,
            4 => Stage::Writing,
            5 => Stage::Finishing,
            6 => Stage::Saving,
            _ => Stage::Starting,
        }
    }
}

/// How far a job is: `done` of `total` (None: not known yet) in `stage`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub stage: Stage,
    pub done: u64,
    pub total: Option<u64>,
    /// A stop was asked for (and, unless finishing, is being carried out).
    pub cancelling: bool,
}

#[derive(Debug, Default)]
struct Inner {
    cancel: AtomicBool,
    stage: AtomicU8,
    done: AtomicU64,
    /// `u64::MAX`: not known.
    total: AtomicU64,
}

/// The progress and stop flag a job shares with the screen. A store has one
/// that nobody stops (every ordinary command), so the checks cost an atomic
/// load.
#[derive(Debug, Clone)]
pub struct JobHook(Arc<Inner>);

impl Default for JobHook {
    fn default() -> Self {
        let inner = Inner::default();
        inner.total.store(u64::MAX, Ordering::Relaxed);
        JobHook(Arc::new(inner))
    }
}

impl JobHook {
    /// Asks the job to stop (Esc on the gauge).
    pub fn cancel(&self) {
        self.0.cancel.store(true, Ordering::Relaxed);
    }

    /// `Err(Cancelled)` when a stop was asked and the job can still roll back.
    pub fn check(&self) -> Result<()> {
        if self.0.cancel.load(Ordering::Relaxed) && self.stage() != Stage::Finishing {
            return Err(Error::Cancelled);
        }
        Ok(())
    }

    /// A new stage, with its count when known.
    pub fn start(&self, stage: Stage, total: Option<u64>) {
        if self.stage() == Stage::Finishing {
            return;
        }
        self.0.stage.store(stage.code(), Ordering::Relaxed);
        self.0.done.store(0, Ordering::Relaxed);
        self.0
            .total
            .store(total.unwrap_or(u64::MAX), Ordering::Relaxed);
    }

    /// Adds to the known total (a second bundle's entries).
    pub fn add_total(&self, more: u64) {
        let old = self.0.total.load(Ordering::Relaxed);
        let new = if old == u64::MAX {
            more
        } else {
            old.saturating_add(more)
        };
        self.0.total.store(new, Ordering::Relaxed);
    }

    /// One more entry or record done; `Err(Cancelled)` if asked to stop.
    pub fn step(&self) -> Result<()> {
        self.0.done.fetch_add(1, Ordering::Relaxed);
        self.check()
    }

    /// From here on a stop is not taken: what is written stays written and
    /// the job ends normally.
    pub fn finishing(&self) {
        self.0
            .stage
            .store(Stage::Finishing.code(), Ordering::Relaxed);
        self.0.done.store(0, Ordering::Relaxed);
        self.0.total.store(u64::MAX, Ordering::Relaxed);
    }

    pub fn stage(&self) -> Stage {
        Stage::of(self.0.stage.load(Ordering::Relaxed))
    }

    pub fn progress(&self) -> Progress {
        let total = self.0.total.load(Ordering::Relaxed);
        Progress {
            stage: self.stage(),
            done: self.0.done.load(Ordering::Relaxed),
            total: (total != u64::MAX).then_some(total),
            cancelling: self.0.cancel.load(Ordering::Relaxed),
        }
    }
}

impl Store {
    /// The hook the long operations of this store report to.
    pub fn job_hook(&self) -> &JobHook {
        &self.hook
    }

    /// The hook, to put the screen's in place for a job run on this store.
    pub fn job_hook_mut(&mut self) -> &mut JobHook {
        &mut self.hook
    }

    /// A second store on the same database file for a job on another thread:
    /// the same key (nothing derived again), device, staff name, clock and
    /// self-report items. None for a store in memory (tests), whose jobs run
    /// where they are started.
    pub fn for_job(&self, hook: JobHook) -> Result<Option<Store>> {
        let Some(path) = self.path.clone() else {
            return Ok(None);
        };
        self.check_writable()?;
        let conn = connect(&path, self.key.as_ref())?;
        configure(&conn)?;
        let items = std::cell::OnceCell::new();
        if let Some(i) = self.selfreport_items.get() {
            let _ = items.set(i.clone());
        }
        Ok(Some(Store {
            conn,
            device_id: self.device_id.clone(),
            path: Some(path),
            clock: Arc::clone(&self.clock),
            device_renewed: false,
            key: self.key.clone(),
            staff: self.staff.clone(),
            touched: Default::default(),
            selfreport_items: items,
            hook,
            read_only: None,
            unlogged: std::cell::Cell::new(0),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stop_is_taken_until_the_job_is_finishing() {
        let hook = JobHook::default();
        hook.start(Stage::Reading, Some(3));
        assert!(hook.step().is_ok());
        hook.cancel();
        assert!(matches!(hook.step(), Err(Error::Cancelled)));
        let p = hook.progress();
        assert_eq!((p.done, p.total, p.cancelling), (2, Some(3), true));
        hook.finishing();
        assert!(hook.check().is_ok());
        hook.start(Stage::Writing, None);
        assert_eq!(hook.stage(), Stage::Finishing);
    }
}
