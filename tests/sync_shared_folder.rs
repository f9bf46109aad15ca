//! One shared folder for many laptops (issue 14 item 3): each laptop writes
//! only the entries it authored, compacts its own files and removes them
//! only once every laptop it knows holds what they held; the folder stays
//! small, and a new laptop starts from the folder alone.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::Laptop;
use proptest::prelude::*;
use teichaku::store::MassDelete;
use teichaku::sync::segments::COMPACT_FILES;
use teichaku::sync::{self, FolderReport, Keyring, bundle};

const PASS: &str = "みなと支援センター2026";
const DAY: i64 = 24 * 60 * 60 * 1000;

fn sync(lap: &mut Laptop, keys: &mut Keyring, share: &Path) -> FolderReport {
    lap.advance(DAY);
    sync::sync_folder(&mut lap.store, keys, share, MassDelete::Allow).unwrap()
}

type FileInfo = (PathBuf, String, Vec<String>, u64, bool);

/// Every bundle in the folder: its sender, the devices of its entries, its
/// size, whether it is a base (its writer's entries from #1, more than one).
fn folder_files(share: &Path, keys: &mut Keyring) -> Vec<FileInfo> {
    let mut out = Vec::new();
    for path in sync::folder::candidates(share).unwrap() {
        let bytes = std::fs::read(&path).unwrap();
        let (header, entries) = bundle::open(&bytes, keys).unwrap();
        let devices = entries.iter().map(|e| e.device_id.clone()).collect();
        let base = header.ranges.len() == 1 && header.ranges[0].from == 1 && entries.len() > 7;
        out.push((path, header.sender, devices, bytes.len() as u64, base));
    }
    out
}

fn folder_bytes(share: &Path) -> u64 {
    sync::folder::candidates(share)
        .unwrap()
        .iter()
        .map(|p| std::fs::metadata(p).unwrap().len())
        .sum()
}

/// Each laptop's files in the folder, by sender.
fn files_by_sender(share: &Path, keys: &mut Keyring) -> BTreeMap<String, usize> {
    let mut by = BTreeMap::new();
    for (_, sender, ..) in folder_files(share, keys) {
        *by.entry(sender).or_default() += 1;
    }
    by
}

fn assert_no_republished(share: &Path, keys: &mut Keyring) {
    for (path, sender, devices, ..) in folder_files(share, keys) {
        assert!(
            devices.iter().all(|d| *d == sender),
            "{} holds entries of other laptops",
            path.display()
        );
    }
}

/// Laptops A, B and C that have each synced with `share` once, A again
/// after them (so it knows both); A's worker.
fn three_laptops(keys: &mut Keyring, share: &Path) -> (Laptop, Laptop, Laptop, String) {
    let (mut a, mut b, mut c) = (Laptop::new(1), Laptop::new(2), Laptop::new(3));
    let w = a.add_worker("山田 太郎");
    for l in [&mut a, &mut b, &mut c] {
        sync(l, keys, share);
    }
    sync(&mut a, keys, share);
    (a, b, c, w)
}

fn share() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let share = dir.path().join("share");
    std::fs::create_dir(&share).unwrap();
    (dir, share)
}

#[test]
fn a_laptop_never_writes_the_entries_it_imported() {
    let (_dir, share) = share();
    let mut keys = Keyring::new(PASS.into());
    let mut a = Laptop::new(1);
    let w = a.add_worker("山田 太郎");
    a.add_contact(&w, "Aの記録");
    assert!(sync(&mut a, &mut keys, &share).written.is_some());
    let mut b = Laptop::new(2);
    let r = sync(&mut b, &mut keys, &share);
    assert!(r.import.new_entries > 0);
    // B had nothing of its own: only a head saying what it holds.
    assert_eq!(r.written.as_ref().map(|s| s.entries), Some(0));
    b.add_worker("佐藤 花子");
    let r = sync(&mut b, &mut keys, &share);
    let written = r.written.unwrap();
    assert!(written.entries > 0);
    sync(&mut a, &mut keys, &share);
    assert_eq!(a.dump(), b.dump());
    assert_no_republished(&share, &mut keys);
    let b_files: Vec<_> = folder_files(&share, &mut keys)
        .into_iter()
        .filter(|f| f.1 == b.store.device_id())
        .collect();
    assert!(!b_files.is_empty());
    // B's head was replaced by its segment, not kept beside it.
    assert_eq!(b_files.len(), 1, "{b_files:?}");
    assert!(
        b_files
            .iter()
            .all(|f| f.2.iter().all(|d| d == b.store.device_id()))
    );
}

#[test]
fn the_folder_stays_small_over_many_rounds_and_a_new_laptop_starts_from_it() {
    let (_dir, share) = share();
    let mut keys = Keyring::new(PASS.into());
    let mut laps: Vec<Laptop> = (0..4).map(Laptop::new).collect();
    let workers: Vec<String> = laps
        .iter_mut()
        .enumerate()
        .map(|(i, l)| l.add_worker(&format!("利用者{i}")))
        .collect();
    let mut removed = 0;
    let mut most_files = 0;
    for round in 0..40 {
        for (i, lap) in laps.iter_mut().enumerate() {
            lap.add_contact(
                &workers[i],
                &format!("第{round}回の面談。職場は落ち着いている。"),
            );
            removed += sync(lap, &mut keys, &share).removed.len();
        }
        let by = files_by_sender(&share, &mut keys);
        most_files = most_files.max(by.values().copied().max().unwrap_or(0));
    }
    for _ in 0..2 {
        for lap in laps.iter_mut() {
            sync(lap, &mut keys, &share);
        }
    }
    // Per laptop: a base, the segments before compaction, the one just
    // written and a head.
    assert!(most_files <= COMPACT_FILES + 3, "{most_files} files");
    assert!(removed > 0);
    assert_no_republished(&share, &mut keys);
    let dump = laps[0].dump();
    assert!(laps.iter().all(|l| l.dump() == dump));

    let full = share.parent().unwrap().join("full.tcsync");
    let s = sync::export_to(&mut laps[0].store, &mut keys, &full, true, false).unwrap();
    // The bases hold the compacted history: within twice a full bundle. The
    // rest is the last few rounds' segments, bounded in number above (one
    // sync's few entries compress far worse than a whole history, so at this
    // tiny scale they are no measure of size; benches/agency_sim.rs is).
    let size = folder_bytes(&share);
    let bases: u64 = folder_files(&share, &mut keys)
        .iter()
        .filter(|f| f.4)
        .map(|f| f.3)
        .sum();
    assert!(
        bases <= 2 * s.bytes as u64,
        "bases {bases} bytes (folder {size}), a full bundle {}",
        s.bytes
    );

    // A new laptop reads the folder alone, nothing else.
    let mut new = Laptop::new(9);
    let r = sync(&mut new, &mut keys, &share);
    assert!(r.skipped.is_empty());
    assert_eq!(new.dump(), dump);
}

#[test]
fn files_are_removed_only_once_every_known_laptop_holds_them() {
    let (_dir, share) = share();
    let mut keys = Keyring::new(PASS.into());
    let (mut a, mut b, mut c, w) = three_laptops(&mut keys, &share);
    let a_id = a.store.device_id().to_string();
    // C is away: A writes many segments, B reads them all.
    for round in 0..(COMPACT_FILES + 4) {
        a.add_contact(&w, &format!("{round}"));
        let r = sync(&mut a, &mut keys, &share);
        assert!(r.removed.is_empty(), "round {round}: {:?}", r.removed);
        sync(&mut b, &mut keys, &share);
    }
    let before = files_by_sender(&share, &mut keys)[&a_id];
    assert!(before > COMPACT_FILES, "{before}");
    // C comes back, reads everything and says so; then A compacts.
    sync(&mut c, &mut keys, &share);
    let r = sync(&mut a, &mut keys, &share);
    assert!(r.compacted.is_some());
    assert!(r.removed.len() > COMPACT_FILES, "{:?}", r.removed);
    assert!(r.removed.iter().all(|p| !p.exists()));
    let after = files_by_sender(&share, &mut keys)[&a_id];
    assert!(after <= 2, "{after}");
    // Never another laptop's file.
    let names = |l: &Laptop| teichaku::sync::short_device(l.store.device_id()).to_string();
    assert!(r.removed.iter().all(|p| {
        let n = p.file_name().unwrap().to_string_lossy().into_owned();
        n.contains(&names(&a)) && !n.contains(&names(&b)) && !n.contains(&names(&c))
    }));
    for l in [&mut b, &mut c] {
        sync(l, &mut keys, &share);
    }
    assert_eq!(a.dump(), b.dump());
    assert_eq!(a.dump(), c.dump());
    let mut new = Laptop::new(4);
    sync(&mut new, &mut keys, &share);
    assert_eq!(new.dump(), a.dump());
}

/// A laptop that stopped syncing (replaced, lost, left) would keep the
/// others from ever compacting: once it has not been seen for AWAY_DAYS it
/// is not waited for, `sync status` says so, and if it does come back it
/// catches up from the bases.
#[test]
fn a_laptop_away_for_months_is_not_waited_for_and_catches_up_from_the_bases() {
    let (_dir, share) = share();
    let mut keys = Keyring::new(PASS.into());
    let (mut a, mut b, mut c, w) = three_laptops(&mut keys, &share);
    let a_id = a.store.device_id().to_string();
    let c_id = c.store.device_id().to_string();
    let away = teichaku::store::folder_state::AWAY_DAYS;
    let mut compacted_on = None;
    for round in 0..(COMPACT_FILES as i64 + 6) {
        for l in [&mut a, &mut b] {
            l.advance(10 * DAY);
        }
        a.add_contact(&w, &format!("{round}"));
        let r = sync(&mut a, &mut keys, &share);
        if r.compacted.is_some() && compacted_on.is_none() {
            compacted_on = Some(round);
        }
        sync(&mut b, &mut keys, &share);
    }
    // Rounds are 11 days apart: A compacts only once C is AWAY_DAYS gone.
    let first = compacted_on.expect("A never compacted");
    assert!((first + 1) * 11 >= away, "compacted in round {first}");
    let files = files_by_sender(&share, &mut keys)[&a_id];
    assert!(files <= COMPACT_FILES + 2, "{files} files of A");
    let status = a.store.sync_status(5).unwrap();
    let line = |id: &str, lang| {
        let d = status.devices.iter().find(|d| d.device_id == id).unwrap();
        (d.away, teichaku::i18n::sync::device_line(d, lang))
    };
    let (c_away, c_line) = line(&c_id, teichaku::lang::Lang::Ja);
    assert!(c_away && c_line.contains("日以上見えない"), "{c_line}");
    let (b_away, b_line) = line(b.store.device_id(), teichaku::lang::Lang::En);
    assert!(!b_away && !b_line.contains("not seen"), "{b_line}");
    // C comes back and reads what it lacks from the bases.
    sync(&mut c, &mut keys, &share);
    assert_eq!(c.dump(), a.dump());
    assert_no_republished(&share, &mut keys);
}

/// A sync tool's conflict copy of one of our files holds our entries again:
/// when the file is compacted away, the copy goes with it, and a new laptop
/// reads every entry once.
#[test]
fn a_conflict_copy_of_an_own_file_is_removed_with_it() {
    let (_dir, share) = share();
    let mut keys = Keyring::new(PASS.into());
    let mut a = Laptop::new(1);
    let w = a.add_worker("山田 太郎");
    let first = sync(&mut a, &mut keys, &share).written.unwrap().path;
    let name = first.file_name().unwrap().to_string_lossy().into_owned();
    let stem = name.trim_end_matches(".tcsync");
    let copy = share.join(format!(
        "{stem}.sync-conflict-20261203-101010-ABCDEFG.tcsync"
    ));
    std::fs::copy(&first, &copy).unwrap();
    let other = share.join("teichaku-0000beef-notes.sync-conflict-20261203-101010-ABCDEFG.tcsync");
    std::fs::write(&other, b"not ours").unwrap();
    let mut removed = Vec::new();
    for round in 0..(COMPACT_FILES + 2) {
        a.add_contact(&w, &format!("{round}"));
        removed.extend(sync(&mut a, &mut keys, &share).removed);
    }
    assert!(
        removed.contains(&first),
        "the first file was compacted away"
    );
    assert!(removed.contains(&copy) && !copy.exists(), "{removed:?}");
    assert!(other.exists(), "a file not named after ours stays");
    std::fs::remove_file(&other).unwrap();
    let mut new = Laptop::new(2);
    let r = sync(&mut new, &mut keys, &share);
    let read: usize = r.import.bundles.iter().map(|b| b.entries).sum();
    assert_eq!(read, r.import.new_entries, "every entry read once");
    assert_eq!(new.dump(), a.dump());
}

#[test]
fn a_file_lost_from_the_folder_is_written_again() {
    let (_dir, share) = share();
    let mut keys = Keyring::new(PASS.into());
    let mut a = Laptop::new(1);
    a.add_worker("山田 太郎");
    let first = sync(&mut a, &mut keys, &share).written.unwrap();
    std::fs::remove_file(&first.path).unwrap();
    let again = sync(&mut a, &mut keys, &share).written.unwrap();
    assert_eq!(again.entries, first.entries);
    let mut b = Laptop::new(2);
    sync(&mut b, &mut keys, &share);
    assert_eq!(a.dump(), b.dump());
}

#[test]
fn status_names_each_laptop_when_it_was_last_seen_and_what_it_lacks() {
    let (_dir, share) = share();
    let mut keys = Keyring::new(PASS.into());
    let (mut a, mut b) = (Laptop::new(1), Laptop::new(2));
    let w = a.add_worker("山田 太郎");
    let mut c = common::contact(&w, "面談");
    c.recorded_by = "佐藤 美咲".into();
    a.store.add_contact(&c).unwrap();
    sync(&mut a, &mut keys, &share);
    sync(&mut b, &mut keys, &share);
    b.add_worker("鈴木 一郎");
    sync(&mut b, &mut keys, &share);
    let row = |l: &Laptop, other: &Laptop| {
        l.store
            .sync_status(5)
            .unwrap()
            .devices
            .into_iter()
            .find(|d| d.device_id == other.store.device_id())
            .unwrap()
    };
    // A has not read B's new worker yet: B knows A lacks it.
    let seen = row(&b, &a);
    assert_eq!(seen.staff, "佐藤 美咲");
    assert!(seen.last_seen_at.is_some());
    let own = b.store.sync_status(5).unwrap().own_seq;
    assert_eq!(seen.lacks, Some(own));
    sync(&mut a, &mut keys, &share);
    // B's file said it holds everything of A's.
    assert_eq!(row(&a, &b).lacks, Some(0));
    sync(&mut b, &mut keys, &share);
    let seen = row(&b, &a);
    assert_eq!(seen.lacks, Some(0));
    let line = teichaku::i18n::sync::device_line(&seen, teichaku::lang::Lang::Ja);
    assert!(
        line.contains("佐藤 美咲") && line.contains("先方に未着の変更なし"),
        "{line}"
    );
    let at = teichaku::clock::local_text_rfc3339(seen.last_seen_at.as_deref().unwrap());
    assert!(line.contains(&format!("最後に見えたのは {at}")), "{line}");
}

#[derive(Debug, Clone)]
enum Act {
    Worker,
    Contact(usize),
    Edit(usize),
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Random rounds in which random laptops are away and the others write
    /// and sync: after everyone syncs twice all agree, no file holds another
    /// laptop's entries, and a new laptop starting from the folder agrees.
    #[test]
    fn laptops_syncing_in_random_rounds_all_converge(
        n in 2usize..=4,
        rounds in proptest::collection::vec(
            proptest::collection::vec((any::<bool>(), prop_oneof![
                Just(Act::Worker),
                (0usize..6).prop_map(Act::Contact),
                (0usize..6).prop_map(Act::Edit),
            ]), 4),
            1..25,
        ),
    ) {
        let (_dir, share) = share();
        let mut keys = Keyring::new(PASS.into());
        let mut laps: Vec<Laptop> = (0..n).map(Laptop::new).collect();
        for round in &rounds {
            for (lap, (away, act)) in laps.iter_mut().zip(round) {
                if *away {
                    continue;
                }
                let workers: Vec<String> = lap
                    .store
                    .workers()
                    .unwrap()
                    .into_iter()
                    .map(|w| w.worker.id)
                    .collect();
                match act {
                    Act::Worker => {
                        lap.add_worker("利用者");
                    }
                    Act::Contact(i) if !workers.is_empty() => {
                        lap.add_contact(&workers[i % workers.len()], "面談");
                    }
                    Act::Edit(i) if !workers.is_empty() => {
                        let mut w = lap.store.worker(&workers[i % workers.len()]).unwrap().unwrap();
                        w.employer = format!("会社{i}");
                        lap.store.update_worker(&w).unwrap();
                    }
                    _ => {}
                }
                sync(lap, &mut keys, &share);
            }
        }
        for _ in 0..2 {
            for lap in laps.iter_mut() {
                sync(lap, &mut keys, &share);
            }
        }
        let dump = laps[0].dump();
        for lap in &laps {
            prop_assert_eq!(&lap.dump(), &dump);
        }
        for (_, sender, devices, ..) in folder_files(&share, &mut keys) {
            prop_assert!(devices.iter().all(|d| *d == sender));
        }
        let mut new = Laptop::new(99);
        sync(&mut new, &mut keys, &share);
        prop_assert_eq!(new.dump(), dump);
    }
}
