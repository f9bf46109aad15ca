//! What the screens cost on the generated agency (benches/common: 300 workers,
//! 100k contacts), against design.md's budget: first frame ≤ 30 ms, key → frame
//! ≤ 2 ms, peak memory ≤ 20 MB. Prints medians.
//!
//! - `Store::dashboard` (due dates of every worker: the home screen to be) and
//!   `Store::workers` (the worker list), each as one call;
//! - the TUI's first frame: open the database, `App::new`, one draw at 80x24 on
//!   ratatui's TestBackend;
//! - key → frame: one Down key, then a draw;
//! - peak memory of the first frame, in a child process of this bench (so the
//!   other measurements do not count): VmHWM from /proc/self/status (Linux;
//!   SQLite's own allocations included) and the peak of Rust heap bytes (a
//!   counting global allocator; SQLite allocates outside it).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use teichaku::i18n::Lang;
use teichaku::store::Store;
use teichaku::tui::{App, Config};

/// Counts live Rust heap bytes and their peak.
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwards to the system allocator with the caller's layout.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

const RUNS: usize = 21;
const CHILD: &str = "TEICHAKU_BENCH_FIRST_FRAME";

fn config() -> Config {
    Config {
        staff_name: "佐藤 美咲".into(),
        ..Config::new(Lang::Ja, common::today())
    }
}

fn first_frame(store: Store) -> (App, Terminal<TestBackend>) {
    let app = App::new(store, config()).unwrap();
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    term.draw(|f| app.draw(f)).unwrap();
    (app, term)
}

fn status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// In the child: the peak memory of opening the agency and drawing once.
fn child() {
    let path = std::env::var(CHILD).unwrap();
    let before = status_kb("VmHWM:");
    let heap_before = PEAK.load(Ordering::Relaxed);
    let store = Store::open(std::path::Path::new(&path), None).unwrap();
    let (app, _term) = first_frame(store);
    let after = status_kb("VmHWM:");
    let heap = PEAK.load(Ordering::Relaxed);
    drop(app);
    match (before, after) {
        (Some(b), Some(a)) => println!(
            "peak memory, first frame: VmHWM {:.1} MB (process before opening: {:.1} MB); Rust heap peak {:.1} MB",
            a as f64 / 1024.0,
            b as f64 / 1024.0,
            (heap - heap_before) as f64 / 1_048_576.0
        ),
        _ => println!(
            "peak memory, first frame: Rust heap peak {:.1} MB (no /proc/self/status here)",
            (heap - heap_before) as f64 / 1_048_576.0
        ),
    }
}

fn main() {
    if std::env::var_os(CHILD).is_some() {
        return child();
    }
    let store = common::agency();
    let path = store.path().unwrap().to_path_buf();
    let today = common::today();

    let (m, items) = common::time(RUNS, || store.dashboard(today).unwrap());
    println!("dashboard ({} lines):           {m}", items.len());
    let (m, rows) = common::time(RUNS, || store.workers().unwrap());
    println!("workers list ({} rows):          {m}", rows.len());
    let one = rows
        .iter()
        .find(|r| r.worker.status == teichaku::domain::Status::Active)
        .map(|r| r.worker.clone())
        .unwrap();
    let (m, _) = common::time(RUNS, || store.duties_for(&one, today).unwrap());
    println!("duties of one worker:            {m}");
    drop(store);

    let (m, _) = common::time(RUNS, || {
        first_frame(Store::open(&path, None).unwrap());
    });
    println!("first frame (open + App::new + draw 80x24): {m}");

    let (mut app, mut term) = first_frame(Store::open(&path, None).unwrap());
    let mut i = 0;
    let (m, _) = common::time(200, || {
        // Down 50 times, then up 50 times, and again: the selection moves.
        let code = if (i / 50) % 2 == 0 {
            KeyCode::Down
        } else {
            KeyCode::Up
        };
        i += 1;
        app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
        term.draw(|f| app.draw(f)).unwrap();
    });
    println!("key -> frame (Down/Up + draw):  {m}");

    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .env(CHILD, &path)
        .output()
        .unwrap();
    print!("{}", String::from_utf8_lossy(&out.stdout));
}
