//! Sync timings on a generated agency (benches/common, with `WORKERS ×
//! CONTACTS_EACH` contacts): `cargo bench --bench sync [-- WORKERS CONTACTS_EACH]`.
//!
//! Prints the time to build a full bundle (select + encode + deflate + seal,
//! Argon2id included), its size, the time to open and import it into an empty
//! laptop, and to import it again (all skipped), each next to the sqlite3 CLI
//! doing the same work on the same files and the goal of #14 (import ≤ 1.3×
//! a bulk copy, re-import ≤ 2× INSERT OR IGNORE, export ≤ 1.3× SQL + gzip),
//! and the peak memory (VmHWM, reset before each step) against ≤ 64 MB.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant};

mod common;

use teichaku::store::{MassDelete, Store};
use teichaku::sync::{self, Keyring};

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let workers = args.first().copied().unwrap_or(300);
    let per = args.get(1).copied().unwrap_or(30);
    let dir = tempfile::tempdir().expect("temp dir");
    let t = Instant::now();
    let mut a = common::build(&dir.path().join("a.db"), workers, workers * per);
    println!(
        "generated {workers} workers × {per} contacts in {:?}",
        t.elapsed()
    );

    let mut keys = Keyring::new("うみかぜ事業所 2026 sync".into());
    // The key is derived once per run (Argon2id): not what is measured.
    let warm = dir.path().join("warm.tcsync");
    sync::export_to(&mut a, &mut keys, &warm, false, true).expect("warm");
    let bundle = dir.path().join("full.tcsync");
    reset_peak();
    let t = Instant::now();
    let s = sync::export_to(&mut a, &mut keys, &bundle, true, true).expect("export");
    let ours_export = t.elapsed();
    let export_peak = peak_mb();
    println!(
        "export --full: {} entries, {} bytes ({:.1} bytes/entry) in {ours_export:?}, peak {export_peak:.1} MB (goal ≤ 64 MB)",
        s.entries,
        s.bytes,
        s.bytes as f64 / s.entries.max(1) as f64,
    );
    let a_path = dir.path().join("a.db");
    let dump = dir.path().join("dump.json.gz");
    let floor = sqlite3_timed(&format!(
        "sqlite3 -json '{}' 'SELECT * FROM change_log ORDER BY device_id, seq' | gzip -1 > '{}'",
        a_path.display(),
        dump.display()
    ));
    ratio(
        "export --full / (sqlite3 SQL + gzip)",
        ours_export,
        floor,
        1.3,
    );

    let mut b = Store::open(&dir.path().join("b.db"), None).expect("open b");
    let mut fresh = Keyring::new("うみかぜ事業所 2026 sync".into());
    sync::import_files(
        &mut b,
        &mut fresh,
        std::slice::from_ref(&warm),
        MassDelete::Allow,
    )
    .expect("warm import");
    drop(b);
    std::fs::remove_file(dir.path().join("b.db")).expect("fresh b");
    let mut b = Store::open(&dir.path().join("b.db"), None).expect("open b");
    reset_peak();
    let t = Instant::now();
    let r = sync::import_files(
        &mut b,
        &mut fresh,
        std::slice::from_ref(&bundle),
        MassDelete::Allow,
    )
    .expect("import");
    let ours = t.elapsed();
    let import_peak = peak_mb();
    println!(
        "import into an empty laptop: {} new entries, {} records in {ours:?} ({:.2} s per 200k entries, goal ≤ 3 s), peak {import_peak:.1} MB (goal ≤ 64 MB)",
        r.new_entries,
        r.records_changed,
        ours.as_secs_f64() * 200_000.0 / r.new_entries.max(1) as f64
    );
    // The same data copied by the sqlite3 CLI into another empty laptop, in
    // one transaction with the search triggers firing: the floor an import
    // is measured against (same file system, same run).
    let c = dir.path().join("c.db");
    drop(Store::open(&c, None).expect("open c"));
    let mut sql = format!(
        "ATTACH '{}' AS a; BEGIN;",
        dir.path().join("a.db").display()
    );
    sql.push_str("INSERT INTO change_log SELECT * FROM a.change_log;");
    for k in teichaku::store::registry::KINDS {
        sql.push_str(&format!("INSERT INTO {0} SELECT * FROM a.{0};", k.table));
    }
    sql.push_str("COMMIT;");
    let t = Instant::now();
    match std::process::Command::new("sqlite3")
        .arg(&c)
        .arg(&sql)
        .status()
    {
        Ok(st) if st.success() => ratio("import / sqlite3 bulk copy", ours, t.elapsed(), 1.3),
        other => println!("sqlite3 bulk copy not measured: {other:?}"),
    }
    // A new bundle whose entries are all held: our import against sqlite3's
    // INSERT OR IGNORE of the same rows into the laptop that holds them.
    // Both take about a second and move a lot run to run (the OS cache, the
    // other core): five rounds, interleaved, medians.
    let (mut ours_held, mut floors) = (Vec::new(), Vec::new());
    for round in 0..HELD_ROUNDS {
        let again = dir.path().join(format!("again{round}.tcsync"));
        sync::export_to(&mut a, &mut keys, &again, true, true).expect("export again");
        reset_peak();
        let t = Instant::now();
        let r = sync::import_files(&mut b, &mut fresh, &[again], MassDelete::Allow).expect("again");
        ours_held.push(t.elapsed());
        assert_eq!(r.new_entries, 0, "every entry of the new bundle is held");
        floors.push(sqlite3_timed(&format!(
            "sqlite3 '{}' \"ATTACH '{}' AS a; INSERT OR IGNORE INTO change_log SELECT * FROM a.change_log;\"",
            c.display(),
            a_path.display()
        )));
    }
    let held = common::median(ours_held);
    println!(
        "import of a new bundle, all held: 0 new entries in {held:?} (median of {HELD_ROUNDS}), peak {:.1} MB",
        peak_mb()
    );
    ratio(
        "re-import (all held) / sqlite3 INSERT OR IGNORE",
        held,
        common::median(floors),
        2.0,
    );
    let t = Instant::now();
    let r = sync::import_files(&mut b, &mut fresh, &[bundle], MassDelete::Allow).expect("again");
    println!(
        "import of the same bundle again: {} new entries in {:?}",
        r.new_entries,
        t.elapsed()
    );
    let t = Instant::now();
    let st = b.sync_status(10).expect("status");
    println!(
        "sync status: {} devices in {:?}",
        st.devices.len(),
        t.elapsed()
    );
    drop(a);
    drop(b);
    own_processes(dir.path(), &a_path);
}

/// Export and import as a supporter runs them: the release CLI in a process
/// of its own, on an encrypted copy of the agency, its peak resident size
/// read by GNU time (this process holds the generated agency, so its own
/// VmHWM above is only an upper bound).
fn own_processes(dir: &std::path::Path, plain: &std::path::Path) {
    const PASS: &str = "bench passphrase for the encrypted agency";
    let time = std::path::Path::new("/usr/bin/time");
    if !time.exists() {
        println!("own processes: not measured (GNU time is not installed)");
        return;
    }
    let enc = dir.join("enc.db");
    std::fs::copy(plain, &enc).expect("copy");
    teichaku::store::unlock::encrypt_plaintext(&enc, PASS).expect("encrypt");
    let cfg = dir.join("cfg");
    let run = |args: &[&str]| -> Option<(Duration, f64)> {
        let t = Instant::now();
        let out = std::process::Command::new(time)
            .args(["-f", "PEAK %M"])
            .arg(env!("CARGO_BIN_EXE_teichaku"))
            .args(args)
            .env("TEICHAKU_CONFIG_DIR", &cfg)
            .env("TEICHAKU_TODAY", "2026-12-01")
            .env("TEICHAKU_DB_PASSPHRASE", PASS)
            .env("TEICHAKU_SYNC_PASSPHRASE", "うみかぜ事業所 2026 sync")
            .output()
            .ok()?;
        let took = t.elapsed();
        let err = String::from_utf8_lossy(&out.stderr);
        let kb: f64 = err
            .lines()
            .find_map(|l| l.strip_prefix("PEAK "))?
            .trim()
            .parse()
            .ok()?;
        out.status.success().then_some((took, kb / 1024.0))
    };
    let bundle = dir.join("own.tcsync");
    let export = run(&[
        "--db",
        &enc.display().to_string(),
        "export",
        "--full",
        "--to",
        &bundle.display().to_string(),
    ]);
    let import = run(&[
        "--db",
        &dir.join("own-fresh.db").display().to_string(),
        "import",
        "--yes",
        &bundle.display().to_string(),
    ]);
    for (what, r) in [
        ("export --full", export),
        ("import into an empty laptop", import),
    ] {
        match r {
            Some((took, mb)) => println!(
                "own process, encrypted: {what} in {took:?}, peak RSS {mb:.1} MB (goal ≤ 64 MB) {}",
                if mb <= 64.0 { "ok" } else { "OVER" }
            ),
            None => println!("own process: {what} failed"),
        }
    }
}

/// Resets this process's peak resident size (Linux: `5` to clear_refs).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Peak resident size since the last [`reset_peak`], in MB (0 if unknown).
fn peak_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Wall time of a shell command (the sqlite3 CLI's side of a ratio).
/// Rounds of the all-held re-import and its floor.
const HELD_ROUNDS: usize = 5;

fn sqlite3_timed(cmd: &str) -> Duration {
    let t = Instant::now();
    match std::process::Command::new("sh").arg("-c").arg(cmd).status() {
        Ok(st) if st.success() => t.elapsed(),
        other => {
            println!("not measured ({other:?}): {cmd}");
            Duration::ZERO
        }
    }
}

fn ratio(what: &str, ours: Duration, floor: Duration, goal: f64) {
    let r = ours.as_secs_f64() / floor.as_secs_f64().max(1e-9);
    let verdict = if r <= goal { "ok" } else { "OVER" };
    println!("{what}: {ours:?} / {floor:?} = {r:.2}× (goal ≤ {goal}×) {verdict}");
}
