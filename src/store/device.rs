//! The device id, kept twice: in the database and in a small file beside it.
//!
//! A database copied to another laptop (or restored onto a second one) carries
//! the first laptop's device id; if both went on writing under it, their
//! sequence numbers would collide and sync would have to refuse their bundles.
//! The file does not travel with a copied database file, so a mismatch (or a
//! missing file next to a database that already has its own history) means
//! "this is a copy": the copy gets a new device id and keeps every entry,
//! which it forwards like any other laptop's.
//!
//! Not detected: copying the whole data folder, file included. The README says
//! to start a new laptop from an export (`export --full`) instead.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::meta_set;
use crate::error::{DbContext, Result, Task};
use crate::files;

/// `teichaku.db` → `teichaku.db.device`.
pub fn device_file(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(".device");
    db.with_file_name(name)
}

/// Makes the database's device id and the file agree; returns whether a new id
/// was made.
pub(super) fn check_device_file(
    conn: &mut Connection,
    device_id: &mut String,
    db: &Path,
) -> Result<bool> {
    let file = device_file(db);
    // A line of text; anything else there (a pipe, a huge file) is refused.
    let in_file = match files::read_text_capped(&file, 4096) {
        Ok(s) => Some(s.trim().to_string()),
        Err(files::ReadProblem::Missing) => None,
        Err(why) => return Err(why.at(&file)),
    };
    let renew = match in_file.as_deref() {
        Some(id) if id == device_id.as_str() => return Ok(false),
        Some(_) => true,
        // No file: a copy only if this device id already wrote history (one
        // index probe, made only here, not on every open).
        None => conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM change_log WHERE device_id = ?1)",
                [device_id.as_str()],
                |r| r.get(0),
            )
            .during(Task::OpenDatabase)?,
    };
    if renew {
        let id = uuid::Uuid::now_v7().to_string();
        let tx = conn.transaction().during(Task::OpenDatabase)?;
        meta_set(&tx, "device_id", &id)?;
        tx.commit().during(Task::OpenDatabase)?;
        *device_id = id;
    }
    files::write_atomic(&file, format!("{device_id}\n").as_bytes())?;
    Ok(renew)
}
