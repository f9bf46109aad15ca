//! The database key and the small key file beside the database.
//!
//! The database is encrypted (SQLCipher) with a random 256-bit key made when
//! the database is made. The key file `teichaku.db.key` holds that key sealed
//! (AES-256-GCM) under a key derived from the user's passphrase by Argon2id
//! with the file's own salt. So the passphrase never reaches SQLCipher (its own
//! PBKDF2 is not run: the raw key is given as `x'…'`), a wrong passphrase is
//! known before the database is touched (the seal does not open), and the file
//! holds no worker data: a salt, the Argon2id costs and sealed bytes.
//!
//! A key file may hold more than one sealed key, newest first: while a
//! passphrase change re-encrypts the database the new key and the old one are
//! both sealed under the new passphrase, so a crash in between still opens.

use std::path::{Path, PathBuf};
use zeroize::Zeroize;

use serde::{Deserialize, Serialize};

use crate::crypto::{self, KdfParams, NONCE_LEN, SALT_LEN};
use crate::error::{Error, Result};
use crate::files;

/// Argon2id cost of the database key: 19 MiB like the sync key (the 20 MB
/// memory budget of the old laptops we target), four passes instead of two
/// because a stolen laptop gives an attacker all the time in the world.
/// About 0.2 s on this project's 2-core test machine (see the README).
pub const DB_KDF: KdfParams = KdfParams {
    m_kib: 19 * 1024,
    t: 4,
    p: 1,
};

/// The most a key file may ask for (a hostile or damaged file must not keep
/// the laptop busy): four times the work of [`DB_KDF`].
const MAX_M_KIB: u32 = 64 * 1024;
const MAX_T: u32 = 8;
const MAX_P: u32 = 4;

const FORMAT: u32 = 1;
const AAD: &[u8] = b"teichaku database key v1";
/// Key files are tiny; anything larger is not ours.
const MAX_KEY_FILE: u64 = 64 * 1024;

/// The database's secret: the SQLCipher key and the key that seals drafts.
/// Wiped from memory when dropped.
#[derive(Clone, PartialEq, Eq)]
pub struct DbKey {
    bytes: [u8; 64],
}

impl std::fmt::Debug for DbKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DbKey(…)")
    }
}

impl Drop for DbKey {
    fn drop(&mut self) {
        self.bytes.zeroize();
    }
}

impl DbKey {
    /// A new random key (a new database, a re-key, the demo's throw-away copy).
    pub fn random() -> DbKey {
        DbKey {
            bytes: crypto::random_bytes::<64>(),
        }
    }

    /// The demo's key (`--demo`): its database half is fixed and public, since
    /// the demo agency is fiction and is built once a day into the cache and
    /// copied (`demo::cache`); its draft half is random, so a note typed into
    /// the demo is sealed under a key that lives only in this process.
    pub fn demo() -> DbKey {
        let mut bytes = crypto::random_bytes::<64>();
        for (i, b) in bytes[..32].iter_mut().enumerate() {
            *b = demo_byte(i);
        }
        DbKey { bytes }
    }

    /// True for [`DbKey::demo`]'s key: the demo has no key file and no
    /// passphrase (its lock screen opens with Enter). A real database's
    /// random key is never this one.
    pub fn is_demo(&self) -> bool {
        self.bytes[..32]
            .iter()
            .enumerate()
            .all(|(i, b)| *b == demo_byte(i))
    }

    /// A new database key that keeps this key's draft half, so drafts sealed
    /// before a passphrase change still open after it.
    pub fn rekeyed(&self) -> DbKey {
        let mut bytes = crypto::random_bytes::<64>();
        bytes[32..].copy_from_slice(&self.bytes[32..]);
        DbKey { bytes }
    }

    /// What `PRAGMA key` is given: SQLCipher's raw-key form, no KDF of its own.
    pub(crate) fn pragma_value(&self) -> String {
        format!("x'{}'", crypto::to_hex(&self.bytes[..32]))
    }

    /// The key the access log's head is sealed with (audit_chain.rs): from
    /// the draft half, which a passphrase change keeps; the demo's from its
    /// fixed half, since its draft half is new in each process.
    pub(crate) fn log_seal_key(&self) -> [u8; 32] {
        use sha2::Digest;
        let half = if self.is_demo() {
            &self.bytes[..32]
        } else {
            &self.bytes[32..]
        };
        let mut h = sha2::Sha256::new();
        h.update(b"teichaku access-log head key v1\0");
        h.update(half);
        h.finalize().into()
    }

    /// The AES-256-GCM key drafts are sealed with.
    pub fn draft_key(&self) -> crypto::Key {
        let mut half = [0u8; 32];
        half.copy_from_slice(&self.bytes[32..]);
        let key = crypto::Key::from_raw(&half);
        half.zeroize();
        key
    }
}

/// The demo key's database half, byte by byte.
fn demo_byte(i: usize) -> u8 {
    (i as u8).wrapping_mul(37).wrapping_add(0x5d)
}

/// `teichaku.db` → `teichaku.db.key`.
pub fn key_file_of(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_os_string();
    name.push(".key");
    PathBuf::from(name)
}

#[derive(Debug, Serialize, Deserialize)]
struct KeyFile {
    format: u32,
    kdf: String,
    m_kib: u32,
    t: u32,
    p: u32,
    salt: String,
    /// hex(nonce ‖ sealed key), newest first.
    keys: Vec<String>,
    /// hex(nonce ‖ an empty value sealed under the passphrase's key, with
    /// its own AAD): opens exactly when the passphrase is right, so a seal
    /// that then does not open is damage, not a wrong passphrase.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    check: Option<String>,
    /// CRC-32 over every other field ([`KeyFile::crc`]): a flipped byte in
    /// the salt, the costs or a seal is known as damage before any
    /// passphrase is tried (it would otherwise look like a wrong one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    crc: Option<u32>,
}

/// What the passphrase check seals (nothing) is bound to.
const CHECK_AAD: &[u8] = b"teichaku database key check v1";

impl KeyFile {
    /// The CRC of the fields, each followed by a newline (the hex and the
    /// names hold none). Not a secret: it tells damage, the seals tell keys.
    fn crc(&self) -> u32 {
        let mut h = crc32fast::Hasher::new();
        let fields = [
            self.format.to_string(),
            self.kdf.clone(),
            self.m_kib.to_string(),
            self.t.to_string(),
            self.p.to_string(),
            self.salt.clone(),
        ];
        for field in fields.iter().chain(&self.keys) {
            h.update(field.as_bytes());
            h.update(b"\n");
        }
        h.update(self.check.as_deref().unwrap_or_default().as_bytes());
        h.finalize()
    }
}

/// Reads the key file of `db` and opens its keys with `passphrase`, newest
/// first. A passphrase that opens none is [`Error::WrongDbPassphrase`]; a
/// file that is damaged (not our JSON, a CRC or a seal that does not
/// match) is [`Error::DbKeyFileDamaged`], never a wrong passphrase.
///
/// Key files written before the check and the CRC (no `check`, no `crc`)
/// still open: for them a seal that opens with nothing can only be called
/// a wrong passphrase, as before. Opening one rewrites it with both
/// ([`needs_upgrade`], unlock.rs).
pub fn unseal(db: &Path, passphrase: &str) -> Result<Vec<DbKey>> {
    let path = key_file_of(db);
    let file = read(&path)?;
    let damaged = || Error::DbKeyFileDamaged { path: path.clone() };
    let params = KdfParams {
        m_kib: file.m_kib,
        t: file.t,
        p: file.p,
    };
    let within = (1..=MAX_M_KIB).contains(&params.m_kib)
        && (1..=MAX_T).contains(&params.t)
        && (1..=MAX_P).contains(&params.p);
    if file.kdf != "argon2id" || !within {
        return Err(damaged());
    }
    let salt = crypto::from_hex(&file.salt).ok_or_else(damaged)?;
    let mut sealed_keys = Vec::new();
    for sealed in &file.keys {
        let raw = crypto::from_hex(sealed).ok_or_else(damaged)?;
        if raw.len() <= NONCE_LEN {
            return Err(damaged());
        }
        sealed_keys.push(raw);
    }
    let check = match &file.check {
        Some(hex) => Some(crypto::from_hex(hex).ok_or_else(damaged)?),
        None => None,
    };
    let mut kek = [0u8; 32];
    if !crypto::derive_into(passphrase, &salt, params, &mut kek) {
        return Err(damaged());
    }
    let cipher = crypto::Key::from_raw(&kek);
    kek.zeroize();
    if let Some(check) = &check {
        let (nonce, body) = check.split_at(NONCE_LEN.min(check.len()));
        if cipher.open(nonce, CHECK_AAD, body).is_none() {
            return Err(Error::WrongDbPassphrase);
        }
    }
    let mut keys = Vec::new();
    for raw in &sealed_keys {
        let (nonce, body) = raw.split_at(NONCE_LEN);
        if let Some(mut plain) = cipher.open(nonce, AAD, body) {
            if plain.len() == 64 {
                let mut bytes = [0u8; 64];
                bytes.copy_from_slice(&plain);
                keys.push(DbKey { bytes });
            }
            plain.zeroize();
        }
    }
    match (keys.is_empty(), check.is_some()) {
        (false, _) => Ok(keys),
        // The passphrase is right (the check opened) but no seal does.
        (true, true) => Err(damaged()),
        (true, false) => Err(Error::WrongDbPassphrase),
    }
}

/// Reads and parses the key file at `path`, checking its structure and CRC.
fn read(path: &Path) -> Result<KeyFile> {
    let text = match files::read_text_capped(path, MAX_KEY_FILE) {
        Ok(t) => t,
        Err(files::ReadProblem::Missing) => {
            return Err(Error::DbKeyFileMissing {
                path: path.to_path_buf(),
            });
        }
        Err(files::ReadProblem::NotText) => {
            return Err(Error::DbKeyFileDamaged {
                path: path.to_path_buf(),
            });
        }
        Err(why) => return Err(why.at(path)),
    };
    let damaged = || Error::DbKeyFileDamaged {
        path: path.to_path_buf(),
    };
    // Only the format first: a newer teichaku's file may differ in the rest.
    #[derive(Deserialize)]
    struct Format {
        format: u32,
    }
    let format: Format = serde_json::from_str(&text).map_err(|_| damaged())?;
    if format.format > FORMAT {
        return Err(Error::DbKeyFileBroken {
            path: path.to_path_buf(),
        });
    }
    let file: KeyFile = serde_json::from_str(&text).map_err(|_| damaged())?;
    if file.format != FORMAT || file.crc.is_some_and(|crc| crc != file.crc()) {
        return Err(damaged());
    }
    Ok(file)
}

/// True when the key file of `db` was written before the passphrase check
/// and the CRC: opening it rewrites it with both.
pub fn needs_upgrade(db: &Path) -> bool {
    read(&key_file_of(db)).is_ok_and(|f| f.check.is_none() || f.crc.is_none())
}

/// Writes the key file of `db` (owner-only, atomic): `keys` sealed under
/// `passphrase` with a new salt.
pub fn seal(db: &Path, passphrase: &str, keys: &[&DbKey]) -> Result<()> {
    let path = key_file_of(db);
    let salt = crypto::random_bytes::<SALT_LEN>();
    let mut kek = [0u8; 32];
    if !crypto::derive_into(passphrase, &salt, DB_KDF, &mut kek) {
        return Err(Error::DbKeyFileBroken { path });
    }
    let cipher = crypto::Key::from_raw(&kek);
    kek.zeroize();
    let sealed_with = |aad: &[u8], plain: &[u8]| {
        let nonce = crypto::random_bytes::<NONCE_LEN>();
        let body = cipher
            .seal(&nonce, aad, plain)
            .ok_or_else(|| Error::DbKeyFileBroken { path: path.clone() })?;
        let mut raw = nonce.to_vec();
        raw.extend_from_slice(&body);
        Ok::<String, Error>(crypto::to_hex(&raw))
    };
    let mut sealed = Vec::new();
    for key in keys {
        sealed.push(sealed_with(AAD, &key.bytes)?);
    }
    let mut file = KeyFile {
        format: FORMAT,
        kdf: "argon2id".into(),
        m_kib: DB_KDF.m_kib,
        t: DB_KDF.t,
        p: DB_KDF.p,
        salt: crypto::to_hex(&salt),
        keys: sealed,
        check: Some(sealed_with(CHECK_AAD, &[])?),
        crc: None,
    };
    file.crc = Some(file.crc());
    let json = serde_json::to_vec_pretty(&file).unwrap_or_default();
    files::write_atomic(&path, &json)
}

#[cfg(test)]
#[path = "keyfile_tests.rs"]
mod tests;
