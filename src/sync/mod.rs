//! Sync between laptops by files: the change log → sealed bundle → merge.
//!
//! This module owns files and crypto; the store owns SQL (`store::apply`,
//! `store::sync_state`). Neither knows about the terminal: the CLI and the TUI
//! sync screen call the functions below and show what they return.

pub mod bundle;
pub mod crypto;
pub mod folder;
pub mod merge;
pub mod passphrase;
pub mod payload;
pub mod segments;

use std::path::{Path, PathBuf};

use chrono::SecondsFormat;

use crate::error::{BundleProblem, Error, Result};
use crate::store::{self, ImportReport, MassDelete, RemoteBatch, Store, files, migrate};
pub use crypto::Keyring;
pub use folder::{FolderReport, sync_folder};

/// What the user can ask of sync (the TUI screen's three operations).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncOp {
    /// Write this laptop's new changes to a file.
    Export,
    /// Read one bundle file, or every bundle in a folder.
    Import,
    /// Import a shared folder's new bundles, then write ours there.
    Folder,
}

/// The file name ending of bundles.
pub const EXTENSION: &str = "tcsync";

/// A bundle written.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ExportSummary {
    pub path: PathBuf,
    pub bundle_id: String,
    pub entries: usize,
    pub bytes: usize,
}

/// The last 8 characters of a device id: the random part of a UUIDv7 (its
/// first characters are a timestamp, shared by laptops set up the same day).
/// Names bundle files and devices on screen.
pub fn short_device(device: &str) -> &str {
    device
        .get(device.len().saturating_sub(8)..)
        .unwrap_or(device)
}

/// A name that says what the file is and is never reused: the sender's short
/// device id and the bundle's own UUIDv7 (time-ordered). No worker data.
pub fn bundle_file_name(device_id: &str, bundle_id: &str) -> String {
    let dev = short_device(device_id);
    format!("teichaku-{dev}-{bundle_id}.{EXTENSION}")
}

/// Seals the entries other laptops are not known to have (everything with
/// `full`) and writes them to `dest`, owner-only, atomically. With `replace`
/// false an existing file is never overwritten ([`Error::FileExists`]).
///
/// The file may never arrive (a USB stick lost, a mail not sent, a file
/// overwritten), so its entries are not counted as sent: the next export
/// carries them again, until the other laptop's own bundle says it has them.
pub fn export_to(
    store: &mut Store,
    keys: &mut Keyring,
    dest: &Path,
    full: bool,
    replace: bool,
) -> Result<ExportSummary> {
    let out = store.outgoing(full)?;
    let bundle_id = store::new_id();
    let summary = write_bundle(store, keys, dest, &out, bundle_id, full, replace)?;
    store.record_written(&summary.bundle_id, &file_name_of(dest), &out, full)?;
    Ok(summary)
}

fn file_name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Seals `out` under `bundle_id` and writes it to `dest`, owner-only,
/// atomically (an existing file only with `replace`). Records nothing: the
/// caller says what the file counts for.
pub(crate) fn write_bundle(
    store: &mut Store,
    keys: &mut Keyring,
    dest: &Path,
    out: &store::sync_state::Outgoing,
    bundle_id: String,
    full: bool,
    replace: bool,
) -> Result<ExportSummary> {
    let exists = || Error::FileExists {
        path: dest.to_path_buf(),
    };
    if !replace && std::fs::symlink_metadata(dest).is_ok() {
        return Err(exists());
    }
    let salt_hex =
        store.sync_salt(|| crypto::to_hex(&crypto::random_bytes::<{ crypto::SALT_LEN }>()))?;
    let salt = crypto::from_hex(&salt_hex)
        .filter(|s| s.len() == crypto::SALT_LEN)
        .unwrap_or_else(|| crypto::random_bytes::<{ crypto::SALT_LEN }>().to_vec());
    let draft = bundle::Draft {
        bundle_id: bundle_id.clone(),
        created_at: store.now().to_rfc3339_opts(SecondsFormat::Millis, true),
        sender: store.device_id().to_string(),
        schema_version: migrate::LATEST,
        salt: &salt,
        ranges: out.ranges.clone(),
        known: out.known.clone(),
        full,
    };
    let bytes = bundle::seal(draft, &out.entries, keys).ok_or(Error::Bundle {
        path: dest.to_path_buf(),
        problem: BundleProblem::Malformed,
    })?;
    if replace {
        files::write_atomic(dest, &bytes)?;
    } else {
        files::write_new_atomic(dest, &bytes).map_err(|e| match e {
            Error::Io { source, .. } if source.kind() == std::io::ErrorKind::AlreadyExists => {
                exists()
            }
            other => other,
        })?;
    }
    Ok(ExportSummary {
        path: dest.to_path_buf(),
        bundle_id,
        entries: out.entries.len(),
        bytes: bytes.len(),
    })
}

/// Whether `store` has anything another laptop may lack.
pub fn has_outgoing(store: &Store) -> Result<bool> {
    Ok(!store.outgoing(false)?.entries.is_empty())
}

/// Reads a bundle file: a regular file of at most the format's size, counted
/// by the bytes read (a pipe or `/dev/zero` is refused, never read).
pub fn read_file(path: &Path) -> Result<Vec<u8>> {
    files::read_capped(path, bundle::MAX_FILE_LEN).map_err(|why| Error::Bundle {
        path: path.to_path_buf(),
        problem: match why {
            files::ReadProblem::TooLarge { .. } => BundleProblem::TooLarge,
            other => BundleProblem::Unreadable(other),
        },
    })
}

/// Opens one bundle's bytes into a batch for the store. A bundle already
/// imported (by id) is not decrypted again.
pub fn open_batch(
    bytes: &[u8],
    path: &Path,
    keys: &mut Keyring,
    already: &std::collections::HashSet<String>,
) -> Result<RemoteBatch> {
    let problem = |problem| Error::Bundle {
        path: path.to_path_buf(),
        problem,
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (header, _) = bundle::read_header(bytes).map_err(problem)?;
    if already.contains(&header.bundle_id) {
        return Ok(RemoteBatch {
            bundle_id: header.bundle_id,
            sender: header.sender,
            created_at: header.created_at,
            file_name,
            known: Vec::new(),
            entries: Vec::new(),
        });
    }
    let (header, entries) = bundle::open(bytes, keys).map_err(problem)?;
    Ok(RemoteBatch {
        bundle_id: header.bundle_id,
        sender: header.sender,
        created_at: header.created_at,
        file_name,
        known: header.known,
        entries,
    })
}

/// Imports bundle files all or nothing: every file is opened and checked
/// before the database is touched, then all are applied in one transaction.
pub fn import_files(
    store: &mut Store,
    keys: &mut Keyring,
    paths: &[PathBuf],
    mass_delete: MassDelete,
) -> Result<ImportReport> {
    let already = store.imported_bundles()?;
    let mut batches = Vec::with_capacity(paths.len());
    for path in paths {
        let bytes = read_file(path)?;
        batches.push(open_batch(&bytes, path, keys, &already)?);
    }
    store.import_batches(&batches, mass_delete)
}
