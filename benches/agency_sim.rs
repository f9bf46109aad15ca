//! The agency-scale simulation (issue 14 item 5): `cargo bench --bench
//! agency_sim [-- WORKERS CONTACTS [LAPTOPS]]` (default: the bench agency of
//! benches/common, 300 workers and 100k contacts, over 10 laptops).
//!
//! The agency's records are split among the laptops (a worker, and every
//! record about them, belongs to one supporter's laptop) and written month by
//! month over the ten years; after each month every laptop syncs through one
//! shared folder, in turn. Prints, over time, the folder's size and file
//! count and the time per sync; once a year the folder against one full
//! bundle (goal ≤ 2×); a sync on a laptop that missed a month, with the
//! passphrase's keys derived afresh as a `teichaku sync` run does (goal ≤ 5 s);
//! then whether every laptop, and a new laptop reading the folder alone, end
//! with the same canonical dump. No assertions: numbers next to their goals.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, Instant};

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use teichaku::domain::dates::YearMonth;
use teichaku::store::{MassDelete, Store};
use teichaku::sync::{self, Keyring};

const PASS: &str = "うみかぜ事業所 2026 sync";

#[derive(Default)]
struct Bucket {
    contacts: Vec<usize>,
    reviews: Vec<usize>,
    reports: Vec<usize>,
}

struct Laptop {
    store: Store,
    keys: Keyring,
}

fn folder_size(folder: &Path) -> (u64, usize) {
    let files = sync::folder::candidates(folder).expect("list");
    let bytes = files
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    (bytes, files.len())
}

fn dump_hash(store: &Store) -> u64 {
    let mut h = DefaultHasher::new();
    store.canonical_dump().expect("dump").hash(&mut h);
    h.finish()
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1_048_576.0
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let n_workers = args.first().copied().unwrap_or(common::WORKERS);
    let n_contacts = args.get(1).copied().unwrap_or(common::CONTACTS);
    let n_laptops = args.get(2).copied().unwrap_or(10).max(2);
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("shared");
    std::fs::create_dir(&folder).expect("folder");

    let t = Instant::now();
    let records = common::records(n_workers, n_contacts);
    let owner: std::collections::HashMap<&str, usize> = records
        .workers
        .iter()
        .enumerate()
        .map(|(i, w)| (w.id.as_str(), i % n_laptops))
        .collect();
    println!(
        "agency: {n_workers} workers, {} contacts, {} plan reviews, {} reports over {n_laptops} laptops (generated in {:.1?})",
        records.contacts.len(),
        records.reviews.len(),
        records.reports.len(),
        t.elapsed()
    );

    // One clock for the whole office: the end of the month being played.
    let now = Arc::new(AtomicI64::new(0));
    let mut laps: Vec<Laptop> = (0..n_laptops)
        .map(|i| {
            let mut store =
                Store::open(&dir.path().join(format!("laptop{i}.db")), None).expect("open");
            let c = now.clone();
            store.set_clock(move || {
                DateTime::<Utc>::from_timestamp_millis(c.load(Ordering::SeqCst)).unwrap_or_default()
            });
            Laptop {
                store,
                keys: Keyring::new(PASS.into()),
            }
        })
        .collect();

    let first = YearMonth::of(NaiveDate::from_ymd_opt(2016, 1, 1).unwrap());
    let months: Vec<YearMonth> = std::iter::successors(Some(first), |m| {
        m.next().filter(|n| n.first_day() <= common::today())
    })
    .collect();
    // What each laptop writes in each month.
    let round_of = |d: NaiveDate| {
        let (y, m) = (d.year() - 2016, d.month0() as i32);
        usize::try_from(y * 12 + m)
            .ok()
            .filter(|r| *r < months.len())
    };
    let mut buckets: Vec<Vec<Bucket>> = (0..months.len())
        .map(|_| (0..n_laptops).map(|_| Bucket::default()).collect())
        .collect();
    let mut put = |date: NaiveDate, worker: &str, f: &mut dyn FnMut(&mut Bucket)| {
        if let (Some(r), Some(&i)) = (round_of(date), owner.get(worker)) {
            f(&mut buckets[r][i]);
        }
    };
    for (k, c) in records.contacts.iter().enumerate() {
        put(c.date, &c.worker_id, &mut |b| b.contacts.push(k));
    }
    for (k, r) in records.reviews.iter().enumerate() {
        put(r.date, &r.worker_id, &mut |b| b.reviews.push(k));
    }
    for (k, r) in records.reports.iter().enumerate() {
        put(r.month.first_day(), &r.worker_id, &mut |b| {
            b.reports.push(k)
        });
    }
    let away_laptop = n_laptops - 1;
    let away_month = months.len().saturating_sub(2);
    println!(
        "{} monthly rounds; laptop {away_laptop} misses round {away_month} and syncs the round after",
        months.len()
    );
    println!(
        "{:>7} {:>10} {:>6} {:>12} {:>12} {:>10}",
        "month", "folder MB", "files", "median sync", "slowest", "entries"
    );
    let mut all_syncs: Vec<Duration> = Vec::new();
    let mut most = (0u64, 0usize);
    let mut worst_ratio: f64 = 0.0;
    let mut missed = None;
    let sim = Instant::now();
    for (round, month) in months.iter().enumerate() {
        let end = month.last_day().and_hms_opt(18, 0, 0).unwrap().and_utc();
        now.store(end.timestamp_millis(), Ordering::SeqCst);
        let mut syncs = Vec::with_capacity(n_laptops);
        for (i, lap) in laps.iter_mut().enumerate() {
            lap.store
                .write(|tx| {
                    if round == 0 {
                        for w in records.workers.iter().filter(|w| owner[w.id.as_str()] == i) {
                            tx.insert(w)?;
                        }
                    }
                    let b = &buckets[round][i];
                    for &k in &b.contacts {
                        tx.insert(&records.contacts[k])?;
                    }
                    for &k in &b.reviews {
                        tx.insert(&records.reviews[k])?;
                    }
                    for &k in &b.reports {
                        tx.insert(&records.reports[k])?;
                    }
                    Ok(())
                })
                .expect("write");
            if i == away_laptop && round == away_month {
                continue;
            }
            let fresh = i == away_laptop && round == away_month + 1;
            if fresh {
                lap.keys = Keyring::new(PASS.into());
            }
            let t = Instant::now();
            let r = sync::sync_folder(&mut lap.store, &mut lap.keys, &folder, MassDelete::Allow)
                .expect("sync");
            let took = t.elapsed();
            if fresh {
                missed = Some((took, r.import.new_entries));
            }
            syncs.push(took);
        }
        let size = folder_size(&folder);
        most = (most.0.max(size.0), most.1.max(size.1));
        syncs.sort();
        let median = syncs[syncs.len() / 2];
        let slowest = syncs[syncs.len() - 1];
        all_syncs.extend(syncs);
        let last = round + 1 == months.len();
        if round % 12 == 11 || last {
            let total: i64 = laps.iter().map(|l| l.store.own_seq().unwrap_or(0)).sum();
            println!(
                "{:>7} {:>10.2} {:>6} {:>12.1?} {:>12.1?} {:>10}",
                format!("{}", month.first_day().format("%Y-%m")),
                mb(size.0),
                size.1,
                median,
                slowest,
                total
            );
            // Once a year: the folder against one full bundle of everything
            // (from the laptop that synced last, which holds it all).
            let full = dir.path().join("full.tcsync");
            let lap = &mut laps[n_laptops - 1];
            let s = sync::export_to(&mut lap.store, &mut lap.keys, &full, true, true)
                .expect("full export");
            let ratio = size.0 as f64 / s.bytes as f64;
            worst_ratio = worst_ratio.max(ratio);
            println!(
                "        one full bundle {:.2} MB ({} entries): folder / full = {ratio:.2}× (goal ≤ 2×)",
                mb(s.bytes as u64),
                s.entries
            );
            let _ = std::fs::remove_file(&full);
        }
    }
    let played = sim.elapsed();
    // Everyone syncs twice more, so the last acknowledgements go round.
    for _ in 0..2 {
        for lap in laps.iter_mut() {
            sync::sync_folder(&mut lap.store, &mut lap.keys, &folder, MassDelete::Allow)
                .expect("sync");
        }
    }
    all_syncs.sort();
    let size = folder_size(&folder);
    println!("simulation: {played:.1?} for {} syncs", all_syncs.len());
    println!(
        "time per sync: median {:.1?}, 90th percentile {:.1?}, slowest {:.1?}",
        all_syncs[all_syncs.len() / 2],
        all_syncs[all_syncs.len() * 9 / 10],
        all_syncs[all_syncs.len() - 1]
    );
    println!(
        "folder: at most {:.2} MB and {} files over the run; at the end {:.2} MB in {} files; worst folder / full bundle {worst_ratio:.2}× (goal ≤ 2×)",
        mb(most.0),
        most.1,
        mb(size.0),
        size.1
    );
    if let Some((took, new)) = missed {
        println!(
            "a laptop that missed a month: {took:.2?} to sync ({new} new entries, keys derived afresh; goal ≤ 5 s)"
        );
    }
    let hashes: Vec<u64> = laps.iter().map(|l| dump_hash(&l.store)).collect();
    let converged = hashes.iter().all(|h| *h == hashes[0]);
    println!(
        "convergence: {} laptops' canonical dumps {}",
        laps.len(),
        if converged { "all equal" } else { "DIFFER" }
    );
    let mut new = Store::open(&dir.path().join("new.db"), None).expect("open new");
    let mut keys = Keyring::new(PASS.into());
    let t = Instant::now();
    let r = sync::sync_folder(&mut new, &mut keys, &folder, MassDelete::Allow).expect("new");
    println!(
        "a new laptop from the folder alone: {} new entries in {:.1?}; its dump {}",
        r.import.new_entries,
        t.elapsed(),
        if dump_hash(&new) == hashes[0] {
            "equals the others'"
        } else {
            "DIFFERS"
        }
    );
}
