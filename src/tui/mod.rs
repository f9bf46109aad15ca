//! The terminal interface. `run` owns the terminal: it is restored on quit, on
//! error, on panic (with no worker data in the message) and on SIGTERM/SIGHUP.

pub mod app;
pub mod backup_at_quit;
pub mod drafts;
pub mod jobs;
pub mod keymap;
pub mod lock;
pub mod print;
pub mod screens;
pub mod widgets;

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyEventKind};

use crate::error::{Error, Result, Task};
use crate::i18n::Lang;
use crate::store::Store;
pub use app::{App, Config};

/// How long the loop waits for a key before looking at signals and drafts.
const POLL: Duration = Duration::from_millis(250);
/// The same while a job runs: its gauge moves at about this pace.
const POLL_JOB: Duration = Duration::from_millis(50);

/// Runs the interface until the user quits or a signal asks us to stop.
pub fn run(store: Store, cfg: Config) -> Result<()> {
    install_panic_hook(cfg.lang);
    let stop = stop_flag();
    let app = App::new(store, cfg)?;
    let mut terminal = enter_terminal()?;
    run_app(&mut terminal, app, &stop)
}

/// Runs the interface on the encrypted database at `db`, which is opened
/// once its passphrase is typed on the lock screen (drafts then beside it).
pub fn run_unlocking(db: &Path, mut cfg: Config) -> Result<()> {
    install_panic_hook(cfg.lang);
    let stop = stop_flag();
    let mut terminal = enter_terminal()?;
    let store = match unlock_screen(&mut terminal, db, &cfg, &stop) {
        Ok(Some(store)) => store,
        Ok(None) => {
            leave_terminal();
            return Ok(());
        }
        Err(e) => {
            leave_terminal();
            return Err(e);
        }
    };
    cfg.drafts = drafts::Drafts::for_store(&store);
    match App::new(store, cfg) {
        Ok(app) => run_app(&mut terminal, app, &stop),
        Err(e) => {
            leave_terminal();
            Err(e)
        }
    }
}

fn enter_terminal() -> Result<ratatui::DefaultTerminal> {
    let mut terminal = ratatui::try_init().map_err(|e| Error::Io {
        during: Task::OpenDatabase,
        path: "terminal".into(),
        source: e,
    })?;
    // A paste arrives as one event (a 50 KB note lands at once, not a key at
    // a time), and the first frame starts from a blank screen: after a crash
    // in this terminal, old glyphs would otherwise show through.
    let _ = crossterm::execute!(std::io::stdout(), event::EnableBracketedPaste);
    let _ = terminal.clear();
    Ok(terminal)
}

fn run_app(terminal: &mut ratatui::DefaultTerminal, mut app: App, stop: &AtomicBool) -> Result<()> {
    let result = event_loop(terminal, &mut app, stop);
    // A job still running (a signal, a terminal error) is asked to stop and
    // waited for: its transaction rolls back, and the store is not left to
    // a thread the process is about to end.
    app.cancel_job();
    app.wait_job();
    // Whatever happened, what was typed goes to its draft before we leave.
    app.save_draft_now();
    leave_terminal();
    // Only on an ordinary quit: a signal (shutdown, the window closed) is
    // no time to copy a database, and the terminal may be gone.
    if result.is_ok() && !stop.load(Ordering::Relaxed) && app.backup_due() {
        use std::io::Write;
        let mut err = std::io::stderr();
        let _ = writeln!(err, "{}", crate::i18n::backup::at_quit_starting(app.lang()));
        if let Some(line) = app.backup_at_quit() {
            let _ = writeln!(err, "{}", crate::text::terminal_safe(&line));
        }
    }
    result
}

/// The lock screen before the database is open: tries each passphrase typed
/// until one opens it (None: the user quit).
fn unlock_screen(
    terminal: &mut ratatui::DefaultTerminal,
    db: &Path,
    cfg: &Config,
    stop: &AtomicBool,
) -> Result<Option<Store>> {
    let io = |e: std::io::Error| Error::Io {
        during: Task::OpenDatabase,
        path: "terminal".into(),
        source: e,
    };
    let quit_key = cfg
        .keymap
        .first_key(keymap::Context::Global, keymap::Action::Quit)
        .unwrap_or_default();
    let mut lock = lock::Lock::default();
    while !stop.load(Ordering::Relaxed) {
        terminal
            .draw(|f| lock.draw(f, cfg.lang, &quit_key, None))
            .map_err(io)?;
        if !event::poll(POLL).map_err(io)? {
            continue;
        }
        match event::read().map_err(io)? {
            Event::Key(k) if k.kind == KeyEventKind::Press => {
                if cfg.keymap.action(keymap::Context::Global, &k) == Some(keymap::Action::Quit) {
                    return Ok(None);
                }
                if let lock::LockKey::Try(mut pass) = lock.handle(&k) {
                    lock.refused(crate::i18n::crypt::unlocking(cfg.lang).to_string());
                    terminal
                        .draw(|f| lock.draw(f, cfg.lang, &quit_key, None))
                        .map_err(io)?;
                    let opened = crate::store::unlock::open(db, &pass);
                    zeroize::Zeroize::zeroize(&mut pass);
                    match opened {
                        Ok(store) => return Ok(Some(store)),
                        Err(e @ Error::WrongDbPassphrase) => {
                            lock.refused(crate::i18n::error_message(&e, cfg.lang));
                        }
                        Err(e) => return Err(e),
                    }
                }
            }
            Event::Paste(text) => lock.paste(&text),
            _ => {}
        }
    }
    Ok(None)
}

/// Back to the terminal as it was: no bracketed paste, cooked mode, the main
/// screen (also on panic, through the hook).
fn leave_terminal() {
    let _ = crossterm::execute!(std::io::stdout(), event::DisableBracketedPaste);
    ratatui::restore();
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    stop: &AtomicBool,
) -> Result<()> {
    let io = |e: std::io::Error| Error::Io {
        during: Task::WriteFile,
        path: "terminal".into(),
        source: e,
    };
    let mut redraw = true;
    while !app.quit && !stop.load(Ordering::Relaxed) {
        if redraw {
            terminal.draw(|f| app.draw(f)).map_err(io)?;
            redraw = false;
        }
        // Slow work (a sync job) starts after its "working…" frame is on
        // screen, on a thread of its own (`jobs.rs`); its gauge is polled here.
        if app.has_work() {
            app.work();
            redraw = true;
            continue;
        }
        if app.poll_job() {
            redraw = true;
        }
        let wait = if app.job_running() { POLL_JOB } else { POLL };
        if event::poll(wait).map_err(io)? {
            match event::read().map_err(io)? {
                // Windows reports releases too: only presses count.
                Event::Key(k) if k.kind == KeyEventKind::Press => {
                    app.handle_key(k);
                    redraw = true;
                }
                Event::Paste(text) => {
                    app.paste(&text);
                    redraw = true;
                }
                Event::Resize(..) => redraw = true,
                _ => {}
            }
        }
        // Past midnight the screens move to the new day, unasked.
        if app.tick(Instant::now()) {
            redraw = true;
        }
    }
    Ok(())
}

/// SIGTERM and SIGHUP set a flag the loop checks; the loop then ends normally,
/// saving drafts and restoring the terminal. A closed terminal can leave the
/// terminal library spinning on reads that never return to the loop (seen with
/// a killed tmux), so a watchdog thread leaves anyway if the loop has not ended
/// shortly after the signal: the draft on disk is then at most
/// `app::DRAFT_INTERVAL` old, and every saved record is already committed.
fn stop_flag() -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGTERM};
        match signal_hook::iterator::Signals::new([SIGTERM, SIGHUP]) {
            Ok(mut signals) => {
                let seen = Arc::clone(&flag);
                std::thread::spawn(move || {
                    if let Some(signal) = signals.forever().next() {
                        seen.store(true, Ordering::Relaxed);
                        std::thread::sleep(STUCK_AFTER_SIGNAL);
                        std::process::exit(128 + signal);
                    }
                });
            }
            Err(_) => {
                // Without the handlers the default (terminate) applies.
            }
        }
    }
    flag
}

/// How long the loop may take to notice a stop signal before the watchdog exits.
#[cfg(unix)]
const STUCK_AFTER_SIGNAL: Duration = Duration::from_secs(2);

/// A panic message can hold any value the code was handling, including a
/// worker's note, so only the place in the code is printed. ratatui's own hook
/// (installed by `try_init`, chained before this one) restores the terminal.
fn install_panic_hook(lang: Lang) {
    std::panic::set_hook(Box::new(move |info| {
        let _ = crossterm::execute!(std::io::stdout(), event::DisableBracketedPaste);
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("{}", crate::i18n::panic_message(&place, lang));
    }));
}
