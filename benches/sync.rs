//! Sync timings on a generated agency (benches/common, with `WORKERS ×
//! CONTACTS_EACH` contacts): `cargo bench --bench sync [-- WORKERS CONTACTS_EACH]`.
//!
//! Prints the time to build a full bundle (select + encode + deflate + seal,
//! Argon2id included), its size, the time to open and import it into an empty
//! laptop, and to import it again (all skipped). No assertions: numbers for
//! the performance campaign.

use std::time::Instant;

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
    let bundle = dir.path().join("full.tcsync");
    let t = Instant::now();
    let s = sync::export_to(&mut a, &mut keys, &bundle, true, true).expect("export");
    println!(
        "export --full: {} entries, {} bytes ({:.1} bytes/entry) in {:?}",
        s.entries,
        s.bytes,
        s.bytes as f64 / s.entries.max(1) as f64,
        t.elapsed()
    );

    let mut b = Store::open(&dir.path().join("b.db"), None).expect("open b");
    let mut fresh = Keyring::new("うみかぜ事業所 2026 sync".into());
    let t = Instant::now();
    let r = sync::import_files(
        &mut b,
        &mut fresh,
        std::slice::from_ref(&bundle),
        MassDelete::Allow,
    )
    .expect("import");
    let ours = t.elapsed();
    println!(
        "import into an empty laptop: {} new entries, {} records in {ours:?}",
        r.new_entries, r.records_changed
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
        Ok(st) if st.success() => {
            let floor = t.elapsed();
            println!(
                "sqlite3 bulk copy of the same data: {floor:?}; import / sqlite3 = {:.2}",
                ours.as_secs_f64() / floor.as_secs_f64().max(1e-9)
            );
        }
        other => println!("sqlite3 bulk copy not measured: {other:?}"),
    }
    let t = Instant::now();
    let r = sync::import_files(&mut b, &mut fresh, &[bundle], MassDelete::Allow).expect("again");
    println!(
        "import again: {} new entries in {:?}",
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
}
