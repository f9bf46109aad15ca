//! Sync between laptops by files: the change log → sealed bundle → merge.
//!
//! This module owns files and crypto; the store owns SQL (`store::apply`,
//! `store::sync_state`). Neither knows about the terminal: the CLI and the TUI
//! sync screen call the functions below and show what they return.

pub mod bundle;
pub mod folder;
mod own_files;
pub mod passphrase;
pub mod payload;
mod payload_v1;
pub mod segments;
mod writer;

use std::path::{Path, PathBuf};

use chrono::SecondsFormat;

use crate::crypto;
pub use crate::crypto::Keyring;
use crate::error::{BundleProblem, Error, Result, Task, io_error};
use crate::files;
use crate::store::{self, ImportReport, MassDelete, RemoteBatch, Store, migrate};
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
    // Only the ranges: the writer reads the entries one by one.
    let out = store.outgoing_plan(full)?;
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
/// caller says what the file counts for. With `out.entries` empty (a plan,
/// [`Store::outgoing_plan`]) the entries of its ranges are read from the
/// database one at a time into the file: a full bundle is never in memory.
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
    // Entries go from the database through the encoder and the sealer to
    // the file one at a time: a full bundle is never held in memory.
    let failed = |e: std::io::Error| io_error(Task::WriteFile, dest)(e);
    let fill = |file: &mut std::fs::File| -> Result<u64> {
        let buffered = std::io::BufWriter::with_capacity(256 << 10, file);
        let mut w = bundle::Writer::begin(draft, buffered, keys)
            .ok_or(Error::Bundle {
                path: dest.to_path_buf(),
                problem: BundleProblem::Malformed,
            })?
            .map_err(failed)?;
        // A stop asked through the store's job hook ends here: the temporary
        // file is removed and nothing is recorded.
        let hook = store.job_hook();
        hook.start(store::job::Stage::Writing, u64::try_from(out.count()).ok());
        if out.entries.is_empty() {
            store.for_each_outgoing(out, |e| {
                hook.step()?;
                w.push(e).map_err(failed)
            })?;
        } else {
            for e in &out.entries {
                hook.step()?;
                w.push(e).map_err(failed)?;
            }
        }
        let (mut buffered, size) = w.finish().map_err(failed)?;
        std::io::Write::flush(&mut buffered).map_err(failed)?;
        Ok(size)
    };
    let bytes = files::write_streamed(dest, replace, fill).map_err(|e| match e {
        Error::Io { source, .. }
            if !replace && source.kind() == std::io::ErrorKind::AlreadyExists =>
        {
            exists()
        }
        other => other,
    })?;
    Ok(ExportSummary {
        path: dest.to_path_buf(),
        bundle_id,
        entries: out.count(),
        bytes: usize::try_from(bytes).unwrap_or(usize::MAX),
    })
}

/// Whether `store` has anything another laptop may lack.
pub fn has_outgoing(store: &Store) -> Result<bool> {
    Ok(!store.outgoing_plan(false)?.ranges.is_empty())
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

/// A bundle file whose header, checksum and key were checked, its entries
/// read only while they are applied (one frame of about 1 MiB at a time).
pub struct StreamBatch {
    path: PathBuf,
    file_name: String,
    header: bundle::Header,
    /// None: imported before, not decrypted again (or already read).
    opened: Option<bundle::Opened<std::io::BufReader<std::fs::File>>>,
    /// Whether the header was authenticated with the key.
    unlocked: bool,
}

impl StreamBatch {
    pub fn bundle_id(&self) -> &str {
        &self.header.bundle_id
    }
}

/// Opens a bundle file for [`Store::import_incoming`]: everything that can be
/// checked before reading the entries is. A bundle already imported (by id)
/// is not decrypted again.
pub fn open_stream(
    path: &Path,
    keys: &mut Keyring,
    already: &std::collections::HashSet<String>,
) -> Result<StreamBatch> {
    open_stream_unless(path, keys, already, |_| Ok(false))?.ok_or(Error::Bundle {
        path: path.to_path_buf(),
        problem: BundleProblem::Malformed,
    })
}

/// [`open_stream`], or `None` (nothing decrypted) when `skip` says from the
/// checked header that the file holds nothing new (a shared folder's base
/// whose entries are all here).
pub fn open_stream_unless(
    path: &Path,
    keys: &mut Keyring,
    already: &std::collections::HashSet<String>,
    skip: impl FnOnce(&bundle::Header) -> Result<bool>,
) -> Result<Option<StreamBatch>> {
    let problem = |problem| Error::Bundle {
        path: path.to_path_buf(),
        problem,
    };
    let file = files::open_capped(path, bundle::MAX_FILE_LEN).map_err(|why| {
        problem(match why {
            files::ReadProblem::TooLarge { .. } => BundleProblem::TooLarge,
            other => BundleProblem::Unreadable(other),
        })
    })?;
    let len = file
        .metadata()
        .map_err(|_| problem(BundleProblem::Unreadable(files::ReadProblem::Failed)))?
        .len();
    let mut src = std::io::BufReader::with_capacity(64 << 10, file);
    let checked = bundle::check(&mut src, len).map_err(problem)?;
    let header = checked.header.clone();
    if skip(&header)? {
        return Ok(None);
    }
    let opened = if already.contains(&header.bundle_id) {
        None
    } else {
        Some(bundle::unlock_checked(src, checked, keys).map_err(problem)?)
    };
    Ok(Some(StreamBatch {
        unlocked: opened.is_some(),
        path: path.to_path_buf(),
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        header,
        opened,
    }))
}

impl store::Incoming for StreamBatch {
    fn bundle_id(&self) -> &str {
        &self.header.bundle_id
    }
    fn sender(&self) -> &str {
        &self.header.sender
    }
    fn created_at(&self) -> &str {
        &self.header.created_at
    }
    fn file_name(&self) -> &str {
        &self.file_name
    }
    fn known(&self) -> &[(String, i64)] {
        if self.unlocked {
            &self.header.known
        } else {
            &[]
        }
    }
    fn expected(&self) -> Option<u64> {
        // Nothing is read from a bundle imported before.
        Some(if self.opened.is_some() {
            self.header.entries
        } else {
            0
        })
    }
    fn read_entries(
        &mut self,
        each: &mut dyn FnMut(&store::LogEntry) -> Result<()>,
    ) -> Result<usize> {
        let Some(opened) = self.opened.take() else {
            return Ok(0);
        };
        match opened.entries(&mut |e| each(&e)) {
            Ok(n) => Ok(usize::try_from(n).unwrap_or(usize::MAX)),
            Err(bundle::Stop::Caller(e)) => Err(e),
            Err(bundle::Stop::Bundle(problem)) => Err(Error::Bundle {
                path: self.path.clone(),
                problem,
            }),
        }
    }
}

/// Imports bundle files all or nothing: every file's header, checksum and
/// key are checked before the database is touched, then all are applied in
/// one transaction while their entries are read (a bundle found bad on the
/// way rolls it all back).
pub fn import_files(
    store: &mut Store,
    keys: &mut Keyring,
    paths: &[PathBuf],
    mass_delete: MassDelete,
) -> Result<ImportReport> {
    let already = store.imported_bundles()?;
    let mut batches = Vec::with_capacity(paths.len());
    for path in paths {
        batches.push(open_stream(path, keys, &already)?);
    }
    let mut dyns: Vec<&mut dyn store::Incoming> = batches
        .iter_mut()
        .map(|b| b as &mut dyn store::Incoming)
        .collect();
    store.import_incoming(&mut dyns, mass_delete)
}
