//! A shared folder (Syncthing, Dropbox, OneDrive, a network drive): each laptop
//! writes only its own series of entries, in files only it writes and
//! removes (see `segments` for which), and reads the others'.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::own_files;
use super::segments::{self, Plan};
use super::{
    EXTENSION, ExportSummary, Keyring, bundle_file_name, open_stream_unless, write_bundle,
};
use crate::error::{BundleProblem, Error, Result, Task, io_error};
use crate::store::folder_state::{FileRole, FolderFiles, OwnCheck, OwnFile};
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
    /// What was done about files damaged or brought back by the sync tool
    /// (boxed: the report stays small when there is none).
    pub repaired: Box<Repaired>,
    /// Candidate files that could not be read this time, and why. They are
    /// not marked imported: an incomplete copy is read again next time.
    #[serde(skip)]
    pub skipped: Vec<(PathBuf, BundleProblem)>,
}

/// Our own files checked against what we wrote, and another laptop's
/// damaged file read from a copy.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Repaired {
    /// Our own files that differed from what we wrote (damaged by the sync
    /// tool or on the disk), written again under their names.
    pub rewritten: Vec<PathBuf>,
    /// Our own files removed earlier that had come back, removed again.
    pub removed_again: Vec<PathBuf>,
    /// Another laptop's file that was damaged, read from a sync tool's copy
    /// of it: (the copy, the damaged file).
    pub from_copies: Vec<(PathBuf, PathBuf)>,
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
pub(super) fn id_in_name(path: &Path) -> Option<&str> {
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
    // Files read that are not named as we name them (a sync tool's copy),
    // with the bundle id inside.
    let mut copies: Vec<(PathBuf, String)> = Vec::new();
    let listing = candidates(folder)?;
    crate::files::sweep_temps(folder, crate::files::SHARED_ABANDONED_AFTER);
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
                if id_in_name(path).is_none() {
                    copies.push((path.clone(), batch.bundle_id().to_string()));
                }
                batches.push(batch);
            }
            Err(Error::Bundle { path, problem }) => report.skipped.push((path, problem)),
            Err(e) => return Err(e),
        }
    }
    report.repaired.from_copies = damaged_originals(&listing, &copies, keys, &mut report.skipped);
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

/// The files of `listing` named after a bundle that was read from a copy
/// (`copies`: the copy, the bundle id inside) and that are damaged
/// themselves: Syncthing kept a damaged version under the name and moved
/// the good one to its conflict copy. Each is said with the copy read
/// instead, and no longer as a file skipped.
fn damaged_originals(
    listing: &[PathBuf],
    copies: &[(PathBuf, String)],
    keys: &mut Keyring,
    skipped: &mut Vec<(PathBuf, BundleProblem)>,
) -> Vec<(PathBuf, PathBuf)> {
    let mut out = Vec::new();
    for (copy, id) in copies {
        let Some(original) = listing
            .iter()
            .find(|p| *p != copy && id_in_name(p) == Some(id.as_str()))
        else {
            continue;
        };
        let was_skipped = skipped.iter().any(|(p, _)| p == original);
        // Not opened (its id was read from the copy first): its structure
        // and checksum are checked now, nothing decrypted.
        let damaged = was_skipped
            || matches!(
                open_stream_unless(original, keys, &HashSet::new(), |_| Ok(true)),
                Err(Error::Bundle { .. })
            );
        if damaged {
            skipped.retain(|(p, _)| p != original);
            out.push((copy.clone(), original.clone()));
        }
    }
    out
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
    // One that differs from what we wrote is written again, same name and id.
    let differing = own_files::differing(folder, &mut state);
    for f in &differing {
        rewrite(store, keys, folder, f, &mut state)?;
        report.repaired.rewritten.push(folder.join(&f.file_name));
    }
    let held = store.held_vector()?;
    let acks: Vec<i64> = store.acks_of_ours()?.into_iter().map(|(_, s)| s).collect();
    let acks_changed = held != state.acks || (state.files.is_empty() && !held.is_empty());
    let plan: Plan = segments::plan(&state.files, store.own_seq()?, &acks, acks_changed);
    let mut write = |store: &mut Store, state: &mut FolderFiles, role, from, to| {
        let (summary, file, acks) = write_own(store, keys, folder, role, from, to)?;
        if let Some(sum) = own_files::sum_of(&summary.path) {
            state.sums.insert(file.file_name.clone(), sum);
        }
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
    // A sync tool's copy of a file of ours that stays (checked, or written
    // again above) holds nothing the file does not: it goes.
    for f in &state.files {
        let stem = f.file_name.trim_end_matches(&format!(".{EXTENSION}"));
        for copy in listing.iter().filter(|p| is_copy_of(p, stem, &f.file_name)) {
            if std::fs::remove_file(copy).is_ok() {
                report.removed.push(copy.clone());
            }
        }
    }
    let still: Vec<PathBuf> = listing
        .iter()
        .filter(|p| !report.removed.contains(p))
        .cloned()
        .collect();
    let acked = acks.iter().copied().min().unwrap_or(i64::MAX);
    let exported = store.exported_bundles()?;
    report.repaired.removed_again =
        own_files::remove_resurrected(store.device_id(), keys, &still, &state, &exported, acked);
    let kept: HashSet<&str> = state.files.iter().map(|f| f.file_name.as_str()).collect();
    state.sums.retain(|name, _| kept.contains(name.as_str()));
    state.last_check = Some(OwnCheck {
        at: store
            .now()
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        checked: state.files.len(),
        rewritten: report.repaired.rewritten.len(),
        removed_again: report.repaired.removed_again.len(),
    });
    store.set_folder_files(&state)
}

/// Writes our file `f` again, as it was meant to be: the same entries, name
/// and bundle id (a laptop that read the good one skips it by its id), and
/// records what it now holds.
fn rewrite(
    store: &mut Store,
    keys: &mut Keyring,
    folder: &Path,
    f: &OwnFile,
    state: &mut FolderFiles,
) -> Result<()> {
    let out = store.own_outgoing(f.from, f.to)?;
    let path = folder.join(&f.file_name);
    write_bundle(store, keys, &path, &out, f.bundle_id.clone(), false, true)?;
    match own_files::sum_of(&path) {
        Some(sum) => state.sums.insert(f.file_name.clone(), sum),
        None => state.sums.remove(&f.file_name),
    };
    Ok(())
}

/// Whether `path` is another file named after our file `name` (whose name
/// without the extension is `stem`, unique by its bundle id).
pub(super) fn is_copy_of(path: &Path, stem: &str, name: &str) -> bool {
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
