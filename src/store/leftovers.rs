//! Files a killed teichaku leaves beside the database, and what the next open
//! does with them (issue 28 item 5).
//!
//! - `teichaku.db.encrypting` (and its `-journal`): a copy under a new key that
//!   was never renamed over the database (see [`super::encrypt`]). The
//!   original is intact until that rename, so the copy is always removed.
//! - `teichaku.db.restoring` and `.restoring.key`: a restore cut short (see
//!   [`super::backup::restore`]). Once its key file was renamed into place the
//!   copy had been checked; if the database's rename did not follow, the open
//!   checks the copy again with the passphrase being typed and finishes the
//!   restore. Any other state is removed, leaving the folder as it was before
//!   the restore, so it can be run again.
//! - `.teichaku-XXXX.tmp`: an atomic write cut short ([`files::write_streamed`]).
//!   Removed once no process holds its lock (see [`files::sweep_temps`]).
//!
//! `teichaku doctor` changes nothing: it lists what [`found`] sees.

use std::path::{Path, PathBuf};

use super::backup;
use super::encrypt;
use super::keyfile;
use crate::error::{Error, Result, Task, io_error};
use crate::files;

/// Extensions SQLite and we may add to a database file's name.
const COMPANIONS: [&str; 4] = ["", "-journal", "-wal", "-shm"];

/// `teichaku.db` → `teichaku.db.restoring`: where a restore builds its copy
/// (`backup::restore`) and where the next open looks for one.
pub fn restoring_of(db: &Path) -> PathBuf {
    with_suffix(db, ".restoring")
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// Every leftover of a cut-short job beside `db`: the copies, their SQLite
/// companions and key file, and our temp files in the database's folder.
pub fn found(db: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = [encrypt::temp_of(db), restoring_of(db)]
        .iter()
        .flat_map(|base| {
            COMPANIONS
                .iter()
                .map(|c| with_suffix(base, c))
                .chain([keyfile::key_file_of(base)])
        })
        .filter(|p| std::fs::symlink_metadata(p).is_ok())
        .collect();
    out.extend(files::temps_in(folder_of(db)));
    out
}

fn folder_of(db: &Path) -> &Path {
    db.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Run before the database is opened with `passphrase`: finishes a restore
/// that was checked but not yet renamed into place, removes every other
/// leftover. A wrong passphrase while a restore waits to be finished is an
/// error and removes nothing (the user types it again).
pub fn tidy(db: &Path, passphrase: &str) -> Result<()> {
    let restoring = restoring_of(db);
    if std::fs::symlink_metadata(&restoring).is_ok() {
        let staged = !backup::database_present(db)
            && keyfile::key_file_of(db).is_file()
            && !keyfile::key_file_of(&restoring).exists();
        let finished = staged && finish_restore(db, &restoring, passphrase)?;
        if !finished {
            remove_all(&restoring);
        }
    }
    remove_all(&encrypt::temp_of(db));
    files::sweep_temps(folder_of(db), files::ABANDONED_AFTER);
    Ok(())
}

/// The restored copy opens with the key file now in place and passes its
/// check: renamed to be the database. False when it does not.
fn finish_restore(db: &Path, restoring: &Path, passphrase: &str) -> Result<bool> {
    let keys = match keyfile::unseal(db, passphrase) {
        Ok(keys) => keys,
        Err(e @ (Error::WrongDbPassphrase | Error::DbPassphraseMissing)) => return Err(e),
        // A key file that does not unseal belongs to no usable copy.
        Err(_) => return Ok(false),
    };
    if backup::verify_copy(restoring, &keys).is_err() {
        return Ok(false);
    }
    std::fs::rename(restoring, db).map_err(io_error(Task::OpenDatabase, db))?;
    encrypt::sync_dir(db);
    Ok(true)
}

/// Removes `base`, its SQLite companions and its key file, where present.
/// Best effort: one that cannot be removed (a read-only folder) harms
/// nothing where it is, and `doctor` lists it.
fn remove_all(base: &Path) {
    let names = COMPANIONS
        .iter()
        .map(|c| with_suffix(base, c))
        .chain([keyfile::key_file_of(base)]);
    for path in names {
        let _ = std::fs::remove_file(&path);
    }
}
