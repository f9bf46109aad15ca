//! A shared folder as sync tools leave it: bundles that vanish, are replaced
//! or cannot be read while a sync runs. Each such file is skipped with its
//! reason; the good bundles are imported and this laptop's bundle is written.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use common::Laptop;
use teichaku::store::MassDelete;
use teichaku::sync::{self, Keyring};

const PASS: &str = "みなと支援センター2026";
const RUNS: usize = 40;

fn names(lap: &Laptop) -> Vec<String> {
    let mut n: Vec<String> = lap
        .store
        .workers()
        .unwrap()
        .into_iter()
        .map(|r| r.worker.display_name)
        .collect();
    n.sort();
    n
}

/// A laptop with one worker, exported to `path`; returns the bundle's bytes.
fn bundle_of(name: usize, worker: &str, path: &Path, keys: &mut Keyring) -> Vec<u8> {
    let mut lap = Laptop::new(name);
    lap.add_worker(worker);
    sync::export_to(&mut lap.store, keys, path, false, false).unwrap();
    std::fs::read(path).unwrap()
}

#[test]
fn a_folder_sync_goes_on_past_bundles_deleted_and_recreated_mid_run() {
    let dir = tempfile::tempdir().unwrap();
    let share = dir.path().join("share");
    std::fs::create_dir(&share).unwrap();
    let mut keys = Keyring::new(PASS.into());
    bundle_of(1, "B", &share.join("teichaku-bbbbbbbb-1.tcsync"), &mut keys);
    bundle_of(2, "C", &share.join("teichaku-cccccccc-1.tcsync"), &mut keys);
    let churn_bytes = bundle_of(3, "D", &dir.path().join("d.tcsync"), &mut keys);

    // As Syncthing or Dropbox do: the file goes away, comes back in pieces,
    // goes away again, every ~30 ms, while the syncs run.
    let churn = share.join("teichaku-dddddddd-1.tcsync");
    let stop = Arc::new(AtomicBool::new(false));
    let churner = {
        let stop = stop.clone();
        let churn = churn.clone();
        std::thread::spawn(move || {
            let half = churn_bytes.len() / 2;
            while !stop.load(Ordering::SeqCst) {
                let _ = std::fs::remove_file(&churn);
                std::thread::sleep(Duration::from_millis(15));
                let _ = std::fs::write(&churn, &churn_bytes[..half]);
                let _ = std::fs::write(&churn, &churn_bytes);
                std::thread::sleep(Duration::from_millis(15));
            }
        })
    };

    let (mut with_d, mut skipped) = (0, 0);
    for run in 0..RUNS {
        let mut me = Laptop::new(100 + run);
        me.add_worker("Me");
        // A fresh keyring, as each `teichaku sync` has: deriving B's and C's
        // keys takes a while, in which D comes and goes.
        let mut keys = Keyring::new(PASS.into());
        let report = sync::sync_folder(&mut me.store, &mut keys, &share, MassDelete::Refuse)
            .unwrap_or_else(|e| panic!("run {run}: {e}"));
        let got = names(&me);
        assert!(
            got.iter().any(|n| n == "B") && got.iter().any(|n| n == "C"),
            "run {run}: {got:?}"
        );
        with_d += usize::from(got.iter().any(|n| n == "D"));
        skipped += report.skipped.len();
        let written = report
            .written
            .unwrap_or_else(|| panic!("run {run}: nothing written"));
        assert!(written.path.is_file(), "run {run}");
        std::fs::remove_file(&written.path).unwrap();
    }
    stop.store(true, Ordering::SeqCst);
    churner.join().unwrap();
    eprintln!("{RUNS}/{RUNS} runs completed; D imported in {with_d}, {skipped} files skipped");
}

/// A bundle the user may not read (permission denied) is skipped, not fatal.
/// Root reads anything, so there (as in CI) only the rest is checked.
#[cfg(unix)]
#[test]
fn an_unreadable_bundle_is_skipped_and_the_rest_imported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let share = dir.path().join("share");
    std::fs::create_dir(&share).unwrap();
    let mut keys = Keyring::new(PASS.into());
    bundle_of(1, "B", &share.join("teichaku-bbbbbbbb-1.tcsync"), &mut keys);
    let locked = share.join("teichaku-aaaaaaaa-1.tcsync");
    bundle_of(2, "A", &locked, &mut keys);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let denied = std::fs::read(&locked).is_err();

    let mut me = Laptop::new(9);
    me.add_worker("Me");
    let report = sync::sync_folder(&mut me.store, &mut keys, &share, MassDelete::Refuse).unwrap();
    assert!(names(&me).contains(&"B".to_string()));
    assert!(report.written.is_some());
    if denied {
        assert_eq!(report.skipped.len(), 1, "{:?}", report.skipped);
        assert!(report.skipped[0].0.ends_with("teichaku-aaaaaaaa-1.tcsync"));
    }
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o600)).unwrap();
}
