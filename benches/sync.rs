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

    let mut b = Store::open(&dir.path().join("b.db")).expect("open b");
    let mut fresh = Keyring::new("うみかぜ事業所 2026 sync".into());
    let t = Instant::now();
    let r = sync::import_files(
        &mut b,
        &mut fresh,
        std::slice::from_ref(&bundle),
        MassDelete::Allow,
    )
    .expect("import");
    println!(
        "import into an empty laptop: {} new entries, {} records in {:?}",
        r.new_entries,
        r.records_changed,
        t.elapsed()
    );
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
