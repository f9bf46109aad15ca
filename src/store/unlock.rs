//! From a passphrase to an open store: a new database, an encrypted one, a
//! plaintext one from an earlier teichaku (encrypted in place first), and the
//! passphrase change. Prompting is the caller's (the CLI, the unlock screen).

use std::path::Path;

use super::keyfile::{self, DbKey};
use super::read_only::Why;
use super::{Store, encrypt, is_plaintext};
use crate::error::{Error, Result, Task, io_error};

/// Where scripts and tests give the database passphrase.
pub const PASSPHRASE_ENV: &str = "TEICHAKU_DB_PASSPHRASE";

/// What is at a database path, to know what to ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Nothing yet (or an empty file): a passphrase is chosen, typed twice.
    New,
    /// A database from before encryption: chosen like a new one, then converted.
    Plaintext,
    /// Encrypted: its passphrase is asked for once.
    Encrypted,
}

pub fn state(db: &Path) -> Result<State> {
    match std::fs::metadata(db) {
        Ok(meta) if meta.len() == 0 => Ok(State::New),
        Ok(_) if is_plaintext(db)? => Ok(State::Plaintext),
        Ok(_) => Ok(State::Encrypted),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(State::New),
        Err(e) => Err(io_error(Task::OpenDatabase, db)(e)),
    }
}

/// Opens the database at `db` with `passphrase`, whatever its [`State`]: a new
/// one is created under it, a plaintext one encrypted in place under it.
/// What a killed restore, passphrase change or write left beside it is
/// finished or removed first ([`super::leftovers`]).
/// On media that cannot be written the store opens read-only
/// ([`super::read_only`]) and nothing is tidied.
pub fn open(db: &Path, passphrase: &str) -> Result<Store> {
    if super::read_only::media_read_only(db) {
        return open_read_only(db, passphrase);
    }
    super::leftovers::tidy(db, passphrase)?;
    match state(db)? {
        State::New => {
            let key = DbKey::random();
            keyfile::seal(db, passphrase, &[&key])?;
            Store::open(db, Some(&key))
        }
        State::Plaintext => {
            encrypt_plaintext(db, passphrase)?;
            open_encrypted(db, passphrase)
        }
        State::Encrypted => open_encrypted(db, passphrase),
    }
}

/// Encrypts a plaintext database in place (see [`encrypt`]). The key file
/// written first belongs to no encrypted data yet, so a crash before the
/// rename leaves the plaintext database and a key file the next try replaces.
pub fn encrypt_plaintext(db: &Path, passphrase: &str) -> Result<()> {
    if state(db)? != State::Plaintext {
        return Err(Error::NotADatabase {
            path: db.to_path_buf(),
        });
    }
    // Refused as it would be when opened: not ours, or from a newer teichaku.
    drop(Store::open(db, None)?);
    let key = DbKey::random();
    keyfile::seal(db, passphrase, &[&key])?;
    encrypt::rewrite(db, None, &key)?;
    // The access log's head was sealed under the no-key key: now under this one.
    let conn = super::connect(db, Some(&key))?;
    super::audit_chain::reseal(&conn, None, &key)
}

fn open_encrypted(db: &Path, passphrase: &str) -> Result<Store> {
    let keys = keyfile::unseal(db, passphrase)?;
    let (store, used) = match open_with_any(db, &keys) {
        // A full disk leaves no room even for the files SQLite reads a WAL
        // database with: opened to read only, which needs none.
        Err(e) if super::read_only::is_disk_full(&e) => {
            return read_only_with_any(db, &keys, Why::DiskFull);
        }
        other => other?,
    };
    if used > 0 || keys.len() > 1 || keyfile::needs_upgrade(db) {
        // A passphrase change that stopped half-way: finish the key file.
        // A key file from before its passphrase check and CRC gets both.
        let key = keys[used].clone();
        keyfile::seal(db, passphrase, &[&key])?;
    }
    Ok(store)
}

/// The encrypted database on read-only media, with whichever key of the key
/// file opens it (the key file is not re-sealed: that would write). A new or
/// plaintext one cannot be made or converted there.
fn open_read_only(db: &Path, passphrase: &str) -> Result<Store> {
    if state(db)? != State::Encrypted {
        return Err(Error::ReadOnlyData {
            path: db.to_path_buf(),
        });
    }
    let keys = keyfile::unseal(db, passphrase)?;
    read_only_with_any(db, &keys, Why::Media)
}

fn read_only_with_any(db: &Path, keys: &[DbKey], why: Why) -> Result<Store> {
    let mut last = None;
    for key in keys {
        match Store::open_read_only(db, key, why) {
            Ok(store) => return Ok(store),
            Err(e @ Error::DbKeyMismatch { .. }) => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or(Error::DbKeyMismatch {
        path: db.to_path_buf(),
    }))
}

/// Tries the key file's keys newest first; the index of the one that opened.
fn open_with_any(db: &Path, keys: &[DbKey]) -> Result<(Store, usize)> {
    let mut last = Error::DbKeyMismatch {
        path: db.to_path_buf(),
    };
    for (i, key) in keys.iter().enumerate() {
        match Store::open(db, Some(key)) {
            Ok(store) => return Ok((store, i)),
            Err(e @ Error::DbKeyMismatch { .. }) => last = e,
            Err(e) => return Err(e),
        }
    }
    Err(last)
}

/// Whether `passphrase` opens the key of `store` (the lock screen): a wrong
/// one is [`Error::WrongDbPassphrase`], a key file damaged since the store
/// was opened its own error (never "wrong passphrase").
pub fn verify(store: &Store, passphrase: &str) -> Result<()> {
    match (store.path(), store.key()) {
        (Some(db), Some(key)) => {
            if keyfile::unseal(db, passphrase)?.contains(key) {
                Ok(())
            } else {
                Err(Error::WrongDbPassphrase)
            }
        }
        _ => Err(Error::WrongDbPassphrase),
    }
}

/// Changes the passphrase and re-encrypts the database under a new key. The
/// key file first holds the new key and the old one, both under the new
/// passphrase; then the database is rewritten; then the old key is dropped.
/// A crash at any point leaves a database the new passphrase opens (or,
/// before the first step, the old passphrase).
pub fn change(db: &Path, old_passphrase: &str, new_passphrase: &str) -> Result<()> {
    let keys = keyfile::unseal(db, old_passphrase)?;
    let (store, used) = open_with_any(db, &keys)?;
    drop(store);
    let old = keys[used].clone();
    let new = old.rekeyed();
    keyfile::seal(db, new_passphrase, &[&new, &old])?;
    encrypt::rewrite(db, Some(&old), &new)?;
    keyfile::seal(db, new_passphrase, &[&new])
}
