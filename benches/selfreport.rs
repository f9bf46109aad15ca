//! Self-report import timings: `cargo bench --bench selfreport [-- WORKERS]`.
//!
//! A year of daily reports (every working day of 2026) for 40 workers, about
//! 10k rows, as a Google Forms CSV: decoded, matched and imported in one
//! transaction (budget ≤ 1 s), then imported again (all present, nothing
//! written). The floor: the sqlite3 CLI inserting the same rows into the
//! same table in one transaction, in the same run (no change log, no
//! matching), and the ratio. Then the worker page with a year of entries,
//! opened and drawn at 80×24, against the same page without any.
//! No assertions: numbers for the performance campaign.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate, Weekday};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use teichaku::domain::Worker;
use teichaku::domain::selfreport_import::{self, Mapping};
use teichaku::i18n::Lang;
use teichaku::store::{Store, new_id};
use teichaku::tui::{App, Config};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn store_with_workers(path: &std::path::Path, n: usize) -> (Store, Vec<Worker>) {
    let mut store = Store::open(path, None).expect("open");
    let workers: Vec<Worker> = (0..n)
        .map(|i| Worker::new(new_id(), format!("利用者 {i:02}")))
        .collect();
    for w in &workers {
        store.add_worker(w).expect("worker");
    }
    (store, workers)
}

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(40);
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut store, workers) = store_with_workers(&dir.path().join("a.db"), n);
    let days: Vec<NaiveDate> = NaiveDate::from_ymd_opt(2026, 1, 1)
        .unwrap()
        .iter_days()
        .take_while(|d| *d <= today())
        .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
        .collect();
    let mut csv = String::from(
        "タイムスタンプ,お名前,今日の気分,体調,睡眠,疲れ,仕事の手応え,今日のひとこと\n",
    );
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut rnd = |m: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % m
    };
    for d in &days {
        for w in &workers {
            let r: Vec<String> = (0..5).map(|_| (1 + rnd(4)).to_string()).collect();
            let _ = writeln!(
                csv,
                "{} 18:{:02}:00,{},{},{}",
                d.format("%Y/%m/%d"),
                rnd(60),
                w.display_name,
                r.join(","),
                if rnd(3) == 0 { "少し疲れた" } else { "" }
            );
        }
    }
    let rows_n = days.len() * workers.len();
    println!(
        "{rows_n} rows ({} workers × {} working days), {} bytes",
        workers.len(),
        days.len(),
        csv.len()
    );

    let import = |store: &mut Store| {
        let (text, _) = selfreport_import::decode(csv.as_bytes(), None).expect("decode");
        let (header, rows) = selfreport_import::read_csv(&text).expect("csv");
        let items = store.selfreport_items().clone();
        let mapping = Mapping::detect(&header, &items).expect("layout");
        let live = store.workers().expect("workers");
        let live: Vec<Worker> = live.into_iter().map(|r| r.worker).collect();
        let existing = store.selfreports_held().expect("held");
        let p = selfreport_import::preview(&header, &rows, &mapping, &items, &live, &existing)
            .expect("preview");
        let new: Vec<_> = p.new.into_iter().map(|(_, r)| r).collect();
        let t = Instant::now();
        let added = store.import_selfreports(&new).expect("import");
        if added > 0 {
            println!("  of which the transaction: {:?}", t.elapsed());
        }
        (added, p.present.len())
    };
    let t = Instant::now();
    let (added, _) = import(&mut store);
    let ours = t.elapsed();
    println!("import (decode + match + one transaction): {added} added in {ours:?}");
    let t = Instant::now();
    let (again, present) = import(&mut store);
    println!(
        "import again: {again} added, {present} present, in {:?}",
        t.elapsed()
    );

    // The floor: the sqlite3 CLI inserting the same rows, one transaction.
    let c = dir.path().join("c.db");
    let (c_store, c_workers) = store_with_workers(&c, n);
    drop(c_store);
    let mut sql = String::from("BEGIN;\n");
    let mut y: u64 = 0x9E37_79B9_7F4A_7C15;
    for d in &days {
        for w in &c_workers {
            let mut r = Vec::new();
            for k in ["mood", "health", "sleep", "fatigue", "work"] {
                y ^= y << 13;
                y ^= y >> 7;
                y ^= y << 17;
                r.push(format!("\"{k}\":{}", 1 + y % 4));
            }
            let _ = writeln!(
                sql,
                "INSERT INTO self_reports (id, worker_id, date, ratings, worker_comment, source, created_at, updated_at) VALUES ('sr-{0}-{1}', '{0}', '{2}', '{{{3}}}', '少し疲れた', 'form', '2026-12-31T00:00:00Z', '2026-12-31T00:00:00Z');",
                w.id,
                d.format("%Y%m%d"),
                d,
                r.join(",")
            );
        }
    }
    sql.push_str("COMMIT;\n");
    let script = dir.path().join("insert.sql");
    std::fs::write(&script, &sql).expect("script");
    let t = Instant::now();
    match std::process::Command::new("sqlite3")
        .arg(&c)
        .arg(format!(".read '{}'", script.display()))
        .status()
    {
        Ok(st) if st.success() => {
            let floor = t.elapsed();
            println!(
                "sqlite3 CLI inserting the same rows: {floor:?}; import / sqlite3 = {:.2}",
                ours.as_secs_f64() / floor.as_secs_f64().max(1e-9)
            );
        }
        other => println!("sqlite3 insert not measured: {other:?}"),
    }

    // The worker page with a year of entries, against one without.
    let page = |store: Store| {
        let cfg = Config {
            staff_name: "佐藤 美咲".into(),
            ..Config::new(Lang::Ja, today())
        };
        let mut app = App::new(store, cfg).expect("app");
        let mut term = Terminal::new(TestBackend::new(80, 24)).expect("term");
        let key = |app: &mut App, code| app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
        key(&mut app, KeyCode::Char('w'));
        let mut times = Vec::new();
        for _ in 0..30 {
            let t = Instant::now();
            key(&mut app, KeyCode::Enter);
            term.draw(|f| app.draw(f)).expect("draw");
            times.push(t.elapsed());
            key(&mut app, KeyCode::Esc);
        }
        median(times)
    };
    drop(store);
    let with = page(Store::open(&dir.path().join("a.db"), None).expect("open"));
    let (empty, _) = store_with_workers(&dir.path().join("b.db"), n);
    let without = page(empty);
    println!(
        "worker page open + draw 80x24: {with:?} with a year of self-reports, {without:?} without"
    );
}
