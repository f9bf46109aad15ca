//! Key → frame while a long job runs (issue 28 item 10): a first import of
//! the bench agency's full bundle (benches/common: 300 workers, 100k
//! contacts) started on the sync screen of an empty database on disk, which
//! runs on its own thread (`tui::jobs`) while keys are pressed and frames
//! drawn at 80x24 on the screen's thread, as the event loop does. Budget:
//! key → frame ≤ 50 ms during the import. Prints medians, the 95th
//! percentile and the worst, the import's own time, and how long Esc takes
//! to roll a second run back.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use teichaku::i18n::Lang;
use teichaku::store::Store;
use teichaku::sync::{self, Keyring};
use teichaku::tui::{App, Config};

const PASS: &str = "bench passphrase for the shared folder";

/// The agency's full bundle, written once into target/tmp.
fn full_bundle() -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-agency-v1-full.tcsync");
    if !path.exists() {
        let mut store = common::agency();
        let mut keys = Keyring::new(PASS.into());
        sync::export_to(&mut store, &mut keys, &path, true, true).unwrap();
    }
    path
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

/// An empty database on disk, the sync screen, the import asked and started.
fn started(dir: &Path, bundle: &Path) -> (App, Terminal<TestBackend>, Duration) {
    let store = Store::open(&dir.join("first.db"), None).unwrap();
    let cfg = Config {
        staff_name: "佐藤 美咲".into(),
        ..Config::new(Lang::Ja, common::today())
    };
    let mut app = App::new(store, cfg).unwrap();
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    press(&mut app, KeyCode::F(5));
    press(&mut app, KeyCode::Char('i'));
    for _ in 0..300 {
        press(&mut app, KeyCode::Backspace);
    }
    for c in bundle.to_string_lossy().chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Tab);
    for c in PASS.chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Enter);
    term.draw(|f| app.draw(f)).unwrap();
    let t = Instant::now();
    app.work();
    term.draw(|f| app.draw(f)).unwrap();
    let first = t.elapsed();
    assert!(app.job_running());
    (app, term, first)
}

fn percentile(sorted: &[Duration], p: usize) -> Duration {
    sorted[(sorted.len() * p / 100).min(sorted.len() - 1)]
}

fn main() {
    let bundle = full_bundle();
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut term, first) = started(dir.path(), &bundle);
    println!("job start → first gauge frame: {first:.2?}");

    // A key every 20 ms (a fast typist), each followed by its frame.
    let t0 = Instant::now();
    let mut samples = Vec::new();
    let keys = [KeyCode::Down, KeyCode::Char('a'), KeyCode::Up];
    let mut i = 0;
    while app.job_running() {
        app.poll_job();
        let t = Instant::now();
        press(&mut app, keys[i % keys.len()]);
        term.draw(|f| app.draw(f)).unwrap();
        samples.push(t.elapsed());
        i += 1;
        std::thread::sleep(Duration::from_millis(20));
    }
    let import = t0.elapsed();
    let n = app.store().workers().unwrap().len();
    samples.sort();
    println!(
        "first import of the agency behind the screen: {import:.1?} ({n} workers), {} keys",
        samples.len()
    );
    println!(
        "key -> frame during the import: median {:.2?}, p95 {:.2?}, worst {:.2?} (budget 50 ms)",
        common::median(samples.clone()),
        percentile(&samples, 95),
        samples.last().copied().unwrap_or_default()
    );

    // Esc a second of the way into a new first import: how long until the
    // rollback is done and the screen says so.
    drop(app);
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut term, _) = started(dir.path(), &bundle);
    std::thread::sleep(Duration::from_secs(1));
    let t = Instant::now();
    press(&mut app, KeyCode::Esc);
    while app.job_running() {
        app.poll_job();
        term.draw(|f| app.draw(f)).unwrap();
        std::thread::sleep(Duration::from_millis(5));
    }
    let workers = app.store().workers().unwrap().len();
    println!(
        "Esc after 1 s → rolled back and said: {:.2?} ({workers} workers after)",
        t.elapsed()
    );
}
