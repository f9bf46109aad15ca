//! Sync timings on a generated agency: `cargo bench --bench sync [-- WORKERS CONTACTS_EACH]`.
//!
//! Prints the time to build a full bundle (select + encode + deflate + seal,
//! Argon2id included), its size, the time to open and import it into an empty
//! laptop, and to import it again (all skipped). No assertions: numbers for
//! the performance campaign.

use std::time::Instant;

use chrono::NaiveDate;
use teichaku::domain::{Contact, Mode, Worker};
use teichaku::store::{self, MassDelete, Store};
use teichaku::sync::{self, Keyring};

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let workers = args.first().copied().unwrap_or(300);
    let per = args.get(1).copied().unwrap_or(30);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut a = Store::open(&dir.path().join("a.db")).expect("open a");
    let t = Instant::now();
    let day = NaiveDate::from_ymd_opt(2026, 1, 5).expect("date");
    a.write(|w| {
        for i in 0..workers {
            let mut wk = Worker::new(store::new_id(), format!("利用者 {i}"));
            wk.kana = format!("りようしゃ {i}");
            wk.employer = "株式会社みなと物流".into();
            wk.memo = "朝が苦手。連絡は私用携帯のみ。".into();
            w.insert(&wk)?;
            for j in 0..per {
                w.insert(&Contact {
                    id: store::new_id(),
                    worker_id: wk.id.clone(),
                    date: day + chrono::Days::new(j as u64),
                    start_time: None,
                    minutes: Some(45),
                    mode: Mode::Meeting,
                    participants: vec![],
                    notes: "面談。睡眠は安定している。休日は図書館で過ごしているとのこと。次回は職場の上司も交えて作業手順を確認する。".into(),
                    next_action: "主治医に睡眠状況を共有".into(),
                    next_due: None,
                    recorded_by: "佐藤 美咲".into(),
                })?;
            }
        }
        Ok(())
    })
    .expect("generate");
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
