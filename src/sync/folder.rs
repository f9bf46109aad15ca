//! A shared folder (Syncthing, Dropbox, OneDrive, a network drive): each laptop
//! writes only its own series of entries, in files only it writes and
//! removes (see `segments` for which), and reads the others'.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::segments::{self, Plan};
use super::{
    EXTENSION, ExportSummary, Keyring, bundle_file_name, open_stream_unless, write_bundle,
};
use crate::error::{BundleProblem, Error, Result, Task, io_error};
use crate::store::folder_state::{FileRole, FolderFiles, OwnFile};
use crate::store::{ImportReport, MassDelete, Store};

/// What a folder sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct FolderReport {
    pub import: ImportReport,
    /// This laptop's new file: a segment of its new entries, or a head (no
    /// entries) saying what it now holds.
    pub written: Option<ExportSummary>,
    /// A new base replacing older files of ours that every laptop holds.
    pub compacted: Option<ExportSummary>,
    /// Our own files removed (every known laptop holds what they held).
    pub removed: Vec<PathBuf>,
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

/// The bundle id in a name this version gives its files
/// (`teichaku-<device>-<bundle id>.tcsync`), so a file read before is not
/// read again. Any other name (a conflict copy, an older version's) is read.
fn id_in_name(path: &Path) -> Option<&str> {
    let name = path.file_name()?.to_str()?;
    let rest = name.strip_prefix("teichaku-")?;
    let rest = rest.strip_suffix(&format!(".{EXTENSION}"))?;
    let (dev, id) = rest.split_once('-')?;
    (dev.len() == 8 && uuid::Uuid::try_parse(id).is_ok()).then_some(id)
}

/// Imports every bundle in `folder` not imported yet (all in one transaction),
/// then writes this laptop's own new entries there, compacts and removes its
/// own files as `segments` plans. A file that cannot be read or opened
/// (denied, deleted or renamed by the sync tool mid-run, half copied,
/// damaged…) is skipped with its reason and read again next time; a refused
/// import (a reused sequence number, a mass delete not confirmed) stops the
/// whole sync.
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
    let listing = candidates(folder)?;
    for path in &listing {
        if id_in_name(path).is_some_and(|id| known.contains(id)) {
            continue;
        }
        // Another laptop's base whose entries are all here: nothing to read
        // (what that laptop holds comes with its newer files).
        let opened = open_stream_unless(path, keys, &known, |h| {
            Ok(known.contains(&h.bundle_id)
                || (h.entries > 0 && !h.ranges.is_empty() && store.holds_all(&h.ranges)?))
        });
        match opened {
            Ok(None) => {}
            Ok(Some(batch)) if known.contains(batch.bundle_id()) => {}
            Ok(Some(batch)) => {
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
    // The import is committed: this laptop's files are written whatever a
    // job's stop says, so the folder never holds half of them.
    store.job_hook().finishing();
    publish(store, keys, folder, &listing, &mut report)?;
    Ok(report)
}

/// Writes, compacts and removes this laptop's own files as planned.
fn publish(
    store: &mut Store,
    keys: &mut Keyring,
    folder: &Path,
    listing: &[PathBuf],
    report: &mut FolderReport,
) -> Result<()> {
    let mut state = store.folder_files()?;
    let names: HashSet<String> = listing
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    // A file gone from the folder (removed by hand, lost by the sync tool)
    // no longer counts: its entries are written again.
    state.files.retain(|f| names.contains(&f.file_name));
    let held = store.held_vector()?;
    let acks: Vec<i64> = store.acks_of_ours()?.into_iter().map(|(_, s)| s).collect();
    let acks_changed = held != state.acks || (state.files.is_empty() && !held.is_empty());
    let plan: Plan = segments::plan(&state.files, store.own_seq()?, &acks, acks_changed);
    let mut write = |store: &mut Store, state: &mut FolderFiles, role, from, to| {
        let (summary, file, acks) = write_own(store, keys, folder, role, from, to)?;
        state.files.push(file);
        state.acks = acks;
        Ok::<_, Error>(summary)
    };
    if let Some(to) = plan.base {
        report.compacted = Some(write(store, &mut state, FileRole::Base, 1, to)?);
    }
    if let Some((from, to)) = plan.segment {
        report.written = Some(write(store, &mut state, FileRole::Segment, from, to)?);
    }
    if plan.head {
        report.written = Some(write(store, &mut state, FileRole::Head, 1, 0)?);
    }
    // The new files are recorded before any removal: a stop in between
    // leaves a file too many, never one too few.
    store.set_folder_files(&state)?;
    if plan.remove.is_empty() {
        return Ok(());
    }
    for f in &plan.remove {
        let path = folder.join(&f.file_name);
        match std::fs::remove_file(&path) {
            Ok(()) => report.removed.push(path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            // Kept on the list, and tried again when next planned.
            Err(_) => continue,
        }
        state.files.retain(|x| x.bundle_id != f.bundle_id);
        // A sync tool's conflict copy of it (`<name>.sync-conflict-….tcsync`,
        // `<name> (conflicted copy ….tcsync`) holds the same entries of ours:
        // it goes too, or every new laptop would read it for ever.
        let stem = f.file_name.trim_end_matches(&format!(".{EXTENSION}"));
        for copy in listing.iter().filter(|p| is_copy_of(p, stem, &f.file_name)) {
            if std::fs::remove_file(copy).is_ok() {
                report.removed.push(copy.clone());
            }
        }
    }
    store.set_folder_files(&state)
}

/// Whether `path` is another file named after our file `name` (whose name
/// without the extension is `stem`, unique by its bundle id).
fn is_copy_of(path: &Path, stem: &str, name: &str) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n != name && n.starts_with(stem) && stem.starts_with("teichaku-"))
}

/// What a laptop holds of each origin, as a file says it.
type Acks = Vec<(String, i64)>;

/// Seals our own entries `from..=to` (none for a head) into a new file named
/// by its bundle id; returns it, its record and the acknowledgement inside.
fn write_own(
    store: &mut Store,
    keys: &mut Keyring,
    folder: &Path,
    role: FileRole,
    from: i64,
    to: i64,
) -> Result<(ExportSummary, OwnFile, Acks)> {
    let out = store.own_outgoing(from, to)?;
    let bundle_id = crate::store::new_id();
    let name = bundle_file_name(store.device_id(), &bundle_id);
    let summary = write_bundle(
        store,
        keys,
        &folder.join(&name),
        &out,
        bundle_id.clone(),
        false,
        false,
    )?;
    store.record_written(&bundle_id, &name, &out, false)?;
    let file = OwnFile {
        bundle_id,
        file_name: name,
        role,
        from,
        to,
    };
    Ok((summary, file, out.known))
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
            ".syncthing.teichaku-0190.sync-conflict-20261124-101010-ABCDEFG.tcsync.tmp",
            ".stignore",
            ".stfolder",
            ".stversions",
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
