//! The app's side of long jobs (tui/jobs.rs): starting a screen's job after
//! its "working…" frame, the keys while it runs (Esc cancels, the quit key
//! cancels then quits, others are not kept), and its result handed back to
//! the screen that started it.

use crossterm::event::{KeyCode, KeyEvent};

use super::{App, env_of};
use crate::i18n::jobs as text;
use crate::store::job::Progress;
use crate::tui::jobs::{self, Output, Poll, Started};
use crate::tui::keymap::{Action, Context};

impl App {
    /// A screen has slow work to start after showing "working…" (a sync job).
    pub fn has_work(&self) -> bool {
        self.lock.is_none()
            && self.dialog.is_none()
            && self.job.is_none()
            && self.top().is_some_and(super::Screen::has_work)
    }

    /// Starts the top screen's pending job; the event loop calls it right
    /// after drawing the "working…" frame. On a store in memory the job runs
    /// here and its result is applied at once.
    pub fn work(&mut self) {
        let Some(index) = self.stack.len().checked_sub(1) else {
            return;
        };
        let mut env = env_of(&mut self.store, &mut self.keyring, &self.cfg);
        let Some(job) = self.stack[index].job(&mut env) else {
            return;
        };
        match jobs::start(
            job,
            &mut self.store,
            &mut self.keyring,
            self.cfg.lang,
            index,
        ) {
            Started::Running(r) => self.job = Some(r),
            Started::Done(out) => self.job_ended(index, Some(out)),
        }
    }

    /// Whether a job is running behind its gauge.
    pub fn job_running(&self) -> bool {
        self.job.is_some()
    }

    /// The running job's progress (tests, the bench).
    pub fn job_progress(&self) -> Option<Progress> {
        self.job.as_ref().map(jobs::Running::progress)
    }

    /// Called by the event loop between key reads: true when the screen must
    /// be drawn again (the gauge moved, or the job ended and its result is in).
    pub fn poll_job(&mut self) -> bool {
        let Some(job) = self.job.as_mut() else {
            return false;
        };
        match job.poll() {
            Poll::Running(moved) => moved,
            ended @ Poll::Ended(..) => {
                self.end_job(ended);
                true
            }
        }
    }

    /// Waits for the running job to end and applies its result (tests; a
    /// signal: the job is asked to stop first).
    pub fn wait_job(&mut self) {
        if let Some(job) = self.job.as_mut() {
            let ended = job.wait();
            self.end_job(ended);
        }
    }

    /// Asks the running job to stop: its transaction rolls back.
    pub fn cancel_job(&mut self) {
        if let Some(job) = &self.job {
            job.hook.cancel();
        }
    }

    fn end_job(&mut self, ended: Poll) {
        let Some(job) = self.job.take() else {
            return;
        };
        let Poll::Ended(out, keyring) = ended else {
            return;
        };
        self.keyring = keyring;
        if out.is_none() {
            self.status = Some(text::vanished(self.cfg.lang).to_string());
        }
        self.job_ended(job.screen, out);
        if job.quit_after {
            self.save_draft_now();
            self.quit = true;
        }
    }

    fn job_ended(&mut self, screen: usize, out: Option<Output>) {
        let mut env = env_of(&mut self.store, &mut self.keyring, &self.cfg);
        let effect = match self.stack.get_mut(screen) {
            Some(s) => s.job_done(out, &mut env),
            None => return,
        };
        self.apply(effect);
        self.settle();
    }

    /// A key while a job runs: only cancel and quit are taken, so nothing
    /// typed lands on the screen behind it afterwards.
    pub(super) fn handle_job_key(&mut self, ev: &KeyEvent) {
        let lang = self.cfg.lang;
        let action = self.cfg.keymap.action(Context::Job, ev);
        let Some(job) = self.job.as_mut() else {
            return;
        };
        match action {
            Some(Action::Quit) => {
                job.hook.cancel();
                job.quit_after = true;
                self.status = Some(text::quit_after_cancel(lang).to_string());
            }
            Some(Action::Cancel) => {
                job.hook.cancel();
                self.status = None;
            }
            _ if ev.code == KeyCode::Esc => job.hook.cancel(),
            _ => self.status = Some(text::busy(lang).to_string()),
        }
    }
}
