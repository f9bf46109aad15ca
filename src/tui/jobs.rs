//! Long jobs (sync, import, export, a self-report import) off the screen's
//! thread, after gitui's asyncgit: the job runs on a thread of its own with a
//! second store on the same file (`Store::for_job`: the key already derived),
//! reports its progress through a shared [`JobHook`], and sends its result
//! back over a channel that the event loop polls between key reads. The
//! screen keeps drawing (a gauge over it), the idle lock keeps working (it
//! shows over the job, which goes on), Esc asks the job to stop (its
//! transaction rolls back) and other keys are not kept.
//!
//! A store in memory (tests) has no file for a second connection: its jobs
//! run where they are started, as before.

use std::any::Any;
use std::sync::mpsc::{self, Receiver, TryRecvError};

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Gauge, Paragraph};

use crate::i18n::{Lang, jobs as text};
use crate::store::Store;
use crate::store::job::{JobHook, Progress};
use crate::sync::Keyring;

/// What a job may use on its thread.
pub struct JobEnv<'a> {
    pub store: &'a mut Store,
    /// The session's sync keys, lent to the job and given back after.
    pub keyring: &'a mut Option<Keyring>,
    pub lang: Lang,
}

/// A job's result, for the screen that started it to read back.
pub type Output = Box<dyn Any + Send>;

type Run = Box<dyn FnOnce(&mut JobEnv<'_>) -> Output + Send>;

/// A job a screen asks to run, with the title its gauge shows.
pub struct BackgroundJob {
    pub title: String,
    run: Run,
}

impl BackgroundJob {
    pub fn new(
        title: String,
        run: impl FnOnce(&mut JobEnv<'_>) -> Output + Send + 'static,
    ) -> BackgroundJob {
        BackgroundJob {
            title,
            run: Box::new(run),
        }
    }
}

struct Finished {
    out: Output,
    keyring: Option<Keyring>,
}

/// A job on its thread.
pub struct Running {
    pub title: String,
    pub hook: JobHook,
    rx: Receiver<Finished>,
    /// The progress last drawn, so the loop redraws only when it moved.
    shown: Option<Progress>,
    /// The screen (its index in the stack) that gets the result.
    pub screen: usize,
    /// Quit once it has ended (the quit key, a signal).
    pub quit_after: bool,
}

/// How starting went.
pub enum Started {
    Running(Running),
    /// Ran where it was started (a store in memory): here is its result.
    Done(Output),
}

/// Starts `job` on a thread with a store of its own, lending it the keyring.
pub fn start(
    job: BackgroundJob,
    store: &mut Store,
    keyring: &mut Option<Keyring>,
    lang: Lang,
    screen: usize,
) -> Started {
    let hook = JobHook::default();
    // A second connection that cannot be made (a store in memory, or the
    // file refused just now) runs the job here instead: slower to watch,
    // never lost.
    let own = store.for_job(hook.clone()).ok().flatten();
    let Some(mut own) = own else {
        let saved = std::mem::replace(store.job_hook_mut(), hook);
        let out = (job.run)(&mut JobEnv {
            store,
            keyring,
            lang,
        });
        *store.job_hook_mut() = saved;
        return Started::Done(out);
    };
    let (tx, rx) = mpsc::channel();
    let mut keys = keyring.take();
    let run = job.run;
    std::thread::spawn(move || {
        let out = run(&mut JobEnv {
            store: &mut own,
            keyring: &mut keys,
            lang,
        });
        // The store (and its connection) is dropped before the screen hears.
        drop(own);
        let _ = tx.send(Finished { out, keyring: keys });
    });
    Started::Running(Running {
        title: job.title,
        hook,
        rx,
        shown: None,
        screen,
        quit_after: false,
    })
}

/// What a poll found.
pub enum Poll {
    /// Still running; whether the gauge moved since it was last drawn.
    Running(bool),
    /// Ended: its result (None: the thread ended without one) and the keyring.
    Ended(Option<Output>, Option<Keyring>),
}

impl Running {
    pub fn poll(&mut self) -> Poll {
        match self.rx.try_recv() {
            Ok(f) => Poll::Ended(Some(f.out), f.keyring),
            Err(TryRecvError::Disconnected) => Poll::Ended(None, None),
            Err(TryRecvError::Empty) => {
                let now = self.hook.progress();
                let moved = self.shown != Some(now);
                self.shown = Some(now);
                Poll::Running(moved)
            }
        }
    }

    /// Waits for the end (tests; leaving on a signal after asking it to stop).
    pub fn wait(&mut self) -> Poll {
        match self.rx.recv() {
            Ok(f) => Poll::Ended(Some(f.out), f.keyring),
            Err(_) => Poll::Ended(None, None),
        }
    }

    pub fn progress(&self) -> Progress {
        self.hook.progress()
    }

    /// The gauge, over the middle of `area`.
    pub fn draw(&self, frame: &mut Frame, area: Rect, lang: Lang) {
        let p = self.progress();
        let width = area.width.clamp(20, 70).min(area.width);
        let height = 7.min(area.height);
        let rect = Rect {
            x: area.x + (area.width - width) / 2,
            y: area.y + area.height.saturating_sub(height) / 2,
            width,
            height,
        };
        frame.render_widget(Clear, rect);
        let block = Block::default()
            .borders(Borders::ALL)
            .title(format!(" {} ", self.title));
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let w = usize::from(inner.width);
        let rows = [
            Line::from(crate::text::ellipsize(&text::stage_line(&p, lang), w)),
            Line::default(),
            Line::default(),
            Line::styled(
                crate::text::ellipsize(text::keys_line(&p, lang), w),
                Style::default().add_modifier(Modifier::DIM),
            ),
        ];
        frame.render_widget(Paragraph::new(rows.to_vec()), inner);
        if inner.height >= 3 {
            let bar = Rect {
                y: inner.y + 1,
                height: 1,
                ..inner
            };
            let ratio = match p.total {
                Some(t) if t > 0 => (p.done.min(t) as f64) / (t as f64),
                _ => 0.0,
            };
            let label = match p.total {
                Some(t) if t > 0 => format!("{}%", (ratio * 100.0).floor()),
                _ => String::new(),
            };
            frame.render_widget(Gauge::default().ratio(ratio).label(label), bar);
        }
    }
}
