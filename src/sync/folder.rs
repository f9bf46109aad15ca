//! A shared folder (Syncthing, Dropbox, OneDrive, a network drive): each laptop
//! writes only its own bundles, under names never reused, and reads the others'.

use std::path::{Path, PathBuf};

use super::{EXTENSION, ExportSummary, Keyring, bundle_file_name, open_stream, publish_to};
use crate::error::{BundleProblem, Error, Result, Task, io_error};
use crate::store::{ImportReport, MassDelete, Store};

/// What a folder sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct FolderReport {
    pub import: ImportReport,
    /// This laptop's new bundle, if it had anything to send.
    pub written: Option<ExportSummary>,
    /// Candidate files that could not be read this time, and why. They are
    /// not marked imported: an incomplete copy is read again next time.
    #[serde(skip)]
    pub skipped: Vec<(PathBuf, BundleProblem)>,
}

/// Whether a file in the shared folder is a bundle to read. Conflict copies
/// ("x.sync-conflict-….tcsync", "x (conflicted copy …).tcsync", "x-PC.tcsync")
/// are ordinary candidates; partial and temporary files of sync tools
/// (".syncthing.*.tmp", "~syncthing~*.tmp", Dropbox/OneDrive ".tmp"/".partial"
/// downloads, Office "~$" locks, our own ".teichaku-*.tmp") are not.
pub fn is_candidate(name: &str) -> bool {
    let lower = name.to_lowercase();
    if lower.starts_with('.') || lower.starts_with('~') {
        return false;
    }
    const PARTIAL: &[&str] = &[
        ".tmp",
        ".partial",
        ".part",
        ".crdownload",
        ".download",
        ".!sync",
    ];
    if PARTIAL.iter().any(|s| lower.ends_with(s)) {
        return false;
    }
    lower.contains(&format!(".{EXTENSION}"))
}

/// The candidate files in `folder`, by name (time-ordered ids sort in order).
pub fn candidates(folder: &Path) -> Result<Vec<PathBuf>> {
    let read = std::fs::read_dir(folder).map_err(io_error(Task::ReadFile, folder))?;
    let mut out = Vec::new();
    // An entry that cannot be read (gone while listing) is left for next time.
    for entry in read.flatten() {
        let is_file = entry.file_type().map(|t| t.is_file()).unwrap_or(false);
        let name = entry.file_name();
        if is_file && is_candidate(&name.to_string_lossy()) {
            out.push(entry.path());
        }
    }
    out.sort();
    Ok(out)
}

/// Imports every bundle in `folder` not imported yet (all in one transaction),
/// then writes this laptop's new bundle there if it has anything to send.
/// A file that cannot be read or opened (denied, deleted or renamed by the
/// sync tool mid-run, half copied, damaged…) is skipped with its reason and
/// read again next time; a refused import (a reused sequence number, a mass
/// delete not confirmed) stops the whole sync.
pub fn sync_folder(
    store: &mut Store,
    keys: &mut Keyring,
    folder: &Path,
    mass_delete: MassDelete,
) -> Result<FolderReport> {
    let mut known = store.imported_bundles()?;
    known.extend(store.exported_bundles()?);
    let mut report = FolderReport::default();
    let mut batches = Vec::new();
    for path in candidates(folder)? {
        match open_stream(&path, keys, &known) {
            Ok(batch) if known.contains(batch.bundle_id()) => {}
            Ok(batch) => {
                known.insert(batch.bundle_id().to_string());
                batches.push(batch);
            }
            Err(Error::Bundle { path, problem }) => report.skipped.push((path, problem)),
            Err(e) => return Err(e),
        }
    }
    if !batches.is_empty() {
        let mut dyns: Vec<&mut dyn crate::store::Incoming> = batches
            .iter_mut()
            .map(|b| b as &mut dyn crate::store::Incoming)
            .collect();
        report.import = store.import_incoming(&mut dyns, mass_delete)?;
    }
    if super::has_outgoing(store)? {
        let name = bundle_file_name(store.device_id(), &crate::store::new_id());
        report.written = Some(publish_to(store, keys, &folder.join(name))?);
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sync_tool_leftovers_are_ignored_and_conflict_copies_kept() {
        for ok in [
            "teichaku-0190abcd-0190.tcsync",
            "teichaku-0190abcd-0190.sync-conflict-20260101-101010-ABCDEFG.tcsync",
            "teichaku-0190abcd-0190 (conflicted copy 2026-01-01).tcsync",
            "teichaku-0190abcd-0190 (佐藤's conflicted copy).tcsync",
            "teichaku-0190abcd-0190-LAPTOP.TCSYNC",
        ] {
            assert!(is_candidate(ok), "{ok}");
        }
        for skip in [
            ".syncthing.teichaku-0190.tcsync.tmp",
            "~syncthing~teichaku-0190.tcsync.tmp",
            ".teichaku-abc.tmp",
            "~$teichaku.tcsync",
            ".~lock.teichaku.tcsync#",
            "teichaku-0190.tcsync.partial",
            "teichaku-0190.tcsync.crdownload",
            "notes.txt",
            "teichaku.db",
        ] {
            assert!(!is_candidate(skip), "{skip}");
        }
    }
}
