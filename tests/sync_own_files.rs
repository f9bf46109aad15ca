//! The author checks its own files in the shared folder (issue 28 item 7),
//! with Syncthing's ways simulated in the folder: a damaged version kept
//! under the original name and the good one moved to
//! `NAME.sync-conflict-YYYYMMDD-HHMMSS-XXXXXXX.tcsync`, and files the author
//! compacted away brought back (in Syncthing a change beats a delete).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::Laptop;
use teichaku::error::BundleProblem;
use teichaku::i18n::own_files;
use teichaku::lang::Lang;
use teichaku::store::MassDelete;
use teichaku::sync::segments::COMPACT_FILES;
use teichaku::sync::{self, FolderReport, Keyring, bundle};

const PASS: &str = "みなと支援センター2026";
const DAY: i64 = 24 * 60 * 60 * 1000;

fn sync(lap: &mut Laptop, keys: &mut Keyring, share: &Path) -> FolderReport {
    lap.advance(DAY);
    sync::sync_folder(&mut lap.store, keys, share, MassDelete::Allow).unwrap()
}

fn share() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let share = dir.path().join("share");
    std::fs::create_dir(&share).unwrap();
    (dir, share)
}

fn names(lap: &Laptop) -> Vec<String> {
    let mut n: Vec<String> = lap
        .store
        .workers()
        .unwrap()
        .into_iter()
        .map(|w| w.worker.display_name)
        .collect();
    n.sort();
    n
}

/// Flips one byte in the middle of the file: the same size, other bytes.
fn damage(path: &Path) {
    let mut bytes = std::fs::read(path).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x5a;
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn a_damaged_own_file_is_rewritten_and_others_read_syncthings_conflict_copy() {
    let (dir, share) = share();
    let mut keys = Keyring::new(PASS.into());
    let mut a = Laptop::new(1);
    a.add_worker("山田 太郎");
    let file = sync(&mut a, &mut keys, &share).written.unwrap().path;
    // Syncthing: the good version moved to a conflict copy, a damaged one
    // kept under the name.
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    let stem = name.trim_end_matches(".tcsync");
    let copy = share.join(format!(
        "{stem}.sync-conflict-20261203-101010-ABCDEFG.tcsync"
    ));
    std::fs::copy(&file, &copy).unwrap();
    damage(&file);

    // C sees only the damaged file (the copy has not reached it yet): it is
    // skipped, and the message says what happens next.
    let aside = dir.path().join("aside.tcsync");
    std::fs::rename(&copy, &aside).unwrap();
    let mut c = Laptop::new(3);
    let r = sync(&mut c, &mut keys, &share);
    assert_eq!(r.skipped, vec![(file.clone(), BundleProblem::Damaged)]);
    let said = own_files::skipped(&r.skipped[0].0, r.skipped[0].1, Lang::Ja);
    assert!(said.contains("書き直します"), "{said}");
    assert!(names(&c).is_empty());
    std::fs::rename(&aside, &copy).unwrap();

    // B, with both: reads the copy, which authenticates, and says so; the
    // damaged file is not reported as skipped.
    let mut b = Laptop::new(2);
    let r = sync(&mut b, &mut keys, &share);
    assert_eq!(names(&b), vec!["山田 太郎"]);
    assert!(r.skipped.is_empty(), "{:?}", r.skipped);
    assert_eq!(r.repaired.from_copies, vec![(copy.clone(), file.clone())]);
    let lines = own_files::sync_lines(&r, Lang::Ja).join("\n");
    assert!(
        lines.contains("壊れていたので") && lines.contains(".sync-conflict-"),
        "{lines}"
    );
    let en = own_files::sync_lines(&r, Lang::En).join("\n");
    assert!(en.contains("was damaged"), "{en}");

    // A, the author: finds its file differs from what it wrote, writes it
    // again under the same name, and removes the copy.
    let r = sync(&mut a, &mut keys, &share);
    assert_eq!(r.repaired.rewritten, vec![file.clone()]);
    assert!(
        r.removed.contains(&copy) && !copy.exists(),
        "{:?}",
        r.removed
    );
    let bytes = std::fs::read(&file).unwrap();
    let (_, entries) = bundle::open(&bytes, &mut keys).unwrap();
    assert!(!entries.is_empty());
    let lines = own_files::sync_lines(&r, Lang::Ja).join("\n");
    assert!(
        lines.contains("自分のファイルを1件書き直しました"),
        "{lines}"
    );
    let check = a.store.sync_status(5).unwrap().own_files.unwrap();
    assert_eq!((check.rewritten, check.removed_again), (1, 0));
    let status = own_files::status_line(&check, Lang::Ja);
    assert!(
        status.contains("自分のファイルを1件書き直しました"),
        "{status}"
    );
    let status = own_files::status_line(&check, Lang::En);
    assert!(status.contains("rewrote 1"), "{status}");

    // C reads it now; B does not read it again.
    let r = sync(&mut c, &mut keys, &share);
    assert!(r.skipped.is_empty(), "{:?}", r.skipped);
    assert_eq!(names(&c), vec!["山田 太郎"]);
    assert_eq!(c.dump(), a.dump());
    let r = sync(&mut b, &mut keys, &share);
    assert!(r.import.bundles.iter().all(|x| x.new_entries == 0));
    // The next check finds everything as written.
    sync(&mut a, &mut keys, &share);
    let check = a.store.sync_status(5).unwrap().own_files.unwrap();
    assert_eq!((check.rewritten, check.removed_again), (0, 0));
    assert!(check.checked >= 1);
    let status = own_files::status_line(&check, Lang::Ja);
    assert!(status.contains("すべて書いたとおりでした"), "{status}");
}

#[test]
fn a_file_touched_but_unchanged_is_not_rewritten() {
    let (_dir, share) = share();
    let mut keys = Keyring::new(PASS.into());
    let mut a = Laptop::new(1);
    a.add_worker("山田 太郎");
    let file = sync(&mut a, &mut keys, &share).written.unwrap().path;
    // The same bytes written again (a sync tool's re-download): a new time.
    let bytes = std::fs::read(&file).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&file, &bytes).unwrap();
    let r = sync(&mut a, &mut keys, &share);
    assert!(r.repaired.rewritten.is_empty());
    // A file cut short is.
    std::fs::write(&file, &bytes[..bytes.len() - 10]).unwrap();
    let r = sync(&mut a, &mut keys, &share);
    assert_eq!(r.repaired.rewritten, vec![file.clone()]);
    assert_eq!(std::fs::read(&file).unwrap().len(), bytes.len());
}

#[test]
fn compacted_files_that_come_back_are_removed_again() {
    let (_dir, share) = share();
    let mut keys = Keyring::new(PASS.into());
    let (mut a, mut b) = (Laptop::new(1), Laptop::new(2));
    let w = a.add_worker("山田 太郎");
    sync(&mut a, &mut keys, &share);
    sync(&mut b, &mut keys, &share);
    // Rounds until A compacts; whatever A removes, "Syncthing" brings back
    // (the bytes from before the round).
    let mut back: BTreeMap<PathBuf, Vec<u8>> = BTreeMap::new();
    for round in 0..(COMPACT_FILES + 4) {
        a.add_contact(&w, &format!("面談{round}"));
        let before: BTreeMap<PathBuf, Vec<u8>> = sync::folder::candidates(&share)
            .unwrap()
            .into_iter()
            .map(|p| {
                let bytes = std::fs::read(&p).unwrap();
                (p, bytes)
            })
            .collect();
        let r = sync(&mut a, &mut keys, &share);
        if r.compacted.is_some() && back.is_empty() {
            for p in &r.removed {
                back.insert(p.clone(), before[p].clone());
            }
            break;
        }
        sync(&mut b, &mut keys, &share);
    }
    assert!(back.len() >= 2, "A compacted: {back:?}");
    for (p, bytes) in &back {
        std::fs::write(p, bytes).unwrap();
    }
    // B holds every entry of them: the next sync of A removes them again.
    sync(&mut b, &mut keys, &share);
    let r = sync(&mut a, &mut keys, &share);
    let mut again = r.repaired.removed_again.clone();
    again.sort();
    assert_eq!(again, back.keys().cloned().collect::<Vec<_>>());
    assert!(back.keys().all(|p| !p.exists()));
    let lines = own_files::sync_lines(&r, Lang::Ja).join("\n");
    assert!(
        lines.contains(&format!("{}件消し直しました", back.len())),
        "{lines}"
    );
    let check = a.store.sync_status(5).unwrap().own_files.unwrap();
    assert_eq!(check.removed_again, back.len());
    // A new laptop reads each entry once, from the base, and agrees.
    let mut new = Laptop::new(9);
    let r = sync(&mut new, &mut keys, &share);
    let read: usize = r.import.bundles.iter().map(|b| b.entries).sum();
    assert_eq!(read, r.import.new_entries, "no entry read twice");
    assert_eq!(new.dump(), a.dump());
}

#[test]
fn sync_and_sync_status_say_it_in_both_languages() {
    let env = common::cli::Env::new();
    let shared = env.path("shared");
    std::fs::create_dir(&shared).unwrap();
    let folder = shared.to_string_lossy().into_owned();
    env.ok(&["worker", "add", "--name", "山田 太郎"]);
    env.ok_with_pass(PASS, &["sync", &folder]);
    let status = env.ok(&["sync", "status"]);
    assert!(
        status.contains("件を点検、すべて書いたとおりでした"),
        "{status}"
    );
    for path in sync::folder::candidates(&shared).unwrap() {
        damage(&path);
    }
    let out = env.ok_with_pass(PASS, &["sync", &folder]);
    assert!(out.contains("自分のファイルを1件書き直しました"), "{out}");
    let status = env.ok(&["sync", "status"]);
    assert!(
        status.contains("自分のファイルを1件書き直しました"),
        "{status}"
    );
    let status = env.ok(&["--lang", "en", "sync", "status"]);
    assert!(
        status.contains("Own files") && status.contains("rewrote 1"),
        "{status}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["sync", "status", "--json"])).unwrap();
    assert_eq!(json["own_files"]["rewritten"], 1);
}
