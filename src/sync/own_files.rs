//! The author checks its own files in a shared folder. Only this laptop
//! writes its files there, so one that differs from what it wrote (size, a
//! CRC-32 of its bytes) was damaged on the way — Syncthing, for one, may keep
//! a damaged version under the original name and move the good one to
//! `NAME.sync-conflict-YYYYMMDD-HHMMSS-XXXXXXX.tcsync` — and is written
//! again, under the same name and bundle id, so every laptop gets a good
//! one. A file this laptop removed that comes back (in Syncthing a change
//! beats a delete) is removed again once every known laptop holds its
//! entries and our newer files hold them too.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::segments::covered;
use super::{Keyring, open_stream_unless, short_device};
use crate::store::folder_state::{FileSum, FolderFiles, OwnFile};

/// The size, checksum and modification time of the file at `path`; None
/// when it cannot be read (gone, denied): it is looked at again next time.
pub fn sum_of(path: &Path) -> Option<FileSum> {
    let mut file = std::fs::File::open(path).ok()?;
    let meta = file.metadata().ok()?;
    let mut crc = crc32fast::Hasher::new();
    let mut buf = vec![0u8; 256 << 10];
    let mut size = 0u64;
    loop {
        let n = file.read(&mut buf).ok()?;
        if n == 0 {
            break;
        }
        crc.update(&buf[..n]);
        size += n as u64;
    }
    Some(FileSum {
        size,
        crc32: crc.finalize(),
        modified: modified(&meta),
    })
}

fn modified(meta: &std::fs::Metadata) -> Option<(u64, u32)> {
    let d = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some((d.as_secs(), d.subsec_nanos()))
}

/// Our files in `folder` (those of `state`) that differ from what we wrote.
/// A file whose size and modification time are as recorded is not read; a
/// file with no record yet (written by an older version) is recorded as it
/// is now.
pub fn differing(folder: &Path, state: &mut FolderFiles) -> Vec<OwnFile> {
    let mut out = Vec::new();
    for f in &state.files {
        let path = folder.join(&f.file_name);
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        let Some(sum) = state.sums.get(&f.file_name) else {
            if let Some(now) = sum_of(&path) {
                state.sums.insert(f.file_name.clone(), now);
            }
            continue;
        };
        if meta.len() != sum.size {
            out.push(f.clone());
            continue;
        }
        if sum.modified.is_some() && modified(&meta) == sum.modified {
            continue;
        }
        match sum_of(&path) {
            Some(now) if now.size == sum.size && now.crc32 == sum.crc32 => {
                // The same bytes, touched: remembered with its new time.
                state.sums.insert(f.file_name.clone(), now);
            }
            Some(_) => out.push(f.clone()),
            None => {}
        }
    }
    out
}

/// Files in `listing` that are ours (named after this laptop, by a bundle id
/// written here) but no longer in `state`: removed earlier and brought back
/// by a sync tool. Those whose every entry is ours, held by every known
/// laptop (`acked`: the least any of them holds of ours) and by our current
/// files, are removed, with their copies; the others stay for now.
pub fn remove_resurrected(
    device_id: &str,
    keys: &mut Keyring,
    listing: &[PathBuf],
    state: &FolderFiles,
    exported: &HashSet<String>,
    acked: i64,
) -> Vec<PathBuf> {
    let prefix = format!("teichaku-{}-", short_device(device_id));
    let ours_now: HashSet<&str> = state.files.iter().map(|f| f.file_name.as_str()).collect();
    let upto = covered(&state.files);
    let mut removed = Vec::new();
    for path in listing {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(id) = super::folder::id_in_name(path) else {
            continue;
        };
        if !name.starts_with(&prefix) || ours_now.contains(name) || !exported.contains(id) {
            continue;
        }
        // Its header (checked, not decrypted) says what it holds.
        let mut header = None;
        let read = open_stream_unless(path, keys, &HashSet::new(), |h| {
            header = Some(h.clone());
            Ok(true)
        });
        let Some(h) = header.filter(|_| read.is_ok()) else {
            continue;
        };
        let held_elsewhere = h.sender == device_id
            && h.bundle_id == id
            && h.ranges
                .iter()
                .all(|r| r.origin == device_id && r.to <= acked && r.to <= upto);
        if !held_elsewhere {
            continue;
        }
        if std::fs::remove_file(path).is_ok() {
            removed.push(path.clone());
            let stem = name.trim_end_matches(&format!(".{}", super::EXTENSION));
            for copy in listing
                .iter()
                .filter(|p| super::folder::is_copy_of(p, stem, name))
            {
                if std::fs::remove_file(copy).is_ok() {
                    removed.push(copy.clone());
                }
            }
        }
    }
    removed
}
