//! The agency key: Argon2id from the sync passphrase, AES-256-GCM for bundles.
//!
//! One Argon2id run yields 48 bytes: the first 32 are the AES key, the last 16
//! the key id written in every bundle header. A reader whose passphrase gives
//! another key id knows at once "wrong passphrase" without trying to decrypt,
//! and learns nothing about the key from the id (it is another slice of the
//! same one-way derivation).

use std::collections::HashMap;

use aes_gcm::aead::rand_core::RngCore;
use aes_gcm::aead::{Aead, KeyInit, OsRng, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use argon2::{Algorithm, Argon2, Params, Version};

/// Argon2id cost written in new bundles (OWASP's recommended minimum: 19 MiB,
/// 2 passes) — well under a second on an old laptop, once per sender.
pub const M_COST_KIB: u32 = 19 * 1024;
pub const T_COST: u32 = 2;
pub const P_COST: u32 = 1;
/// Costs a bundle may ask for: what this version writes plus a margin (at
/// most about 3.5 times the work of the default), so a hostile header is
/// refused at once instead of keeping an old laptop busy for many seconds or
/// exhausting its memory. A later version that writes more raises these first.
pub const MAX_M_COST_KIB: u32 = 32 * 1024;
pub const MAX_T_COST: u32 = 4;
pub const MAX_P_COST: u32 = 4;
pub const SALT_LEN: usize = 16;
pub const NONCE_LEN: usize = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct KdfParams {
    pub m_kib: u32,
    pub t: u32,
    pub p: u32,
}

impl KdfParams {
    pub const DEFAULT: KdfParams = KdfParams {
        m_kib: M_COST_KIB,
        t: T_COST,
        p: P_COST,
    };

    pub fn within_limits(&self) -> bool {
        (1..=MAX_M_COST_KIB).contains(&self.m_kib)
            && (1..=MAX_T_COST).contains(&self.t)
            && (1..=MAX_P_COST).contains(&self.p)
    }
}

/// A derived key and its id.
#[derive(Clone)]
pub struct Key {
    cipher: Aes256Gcm,
    pub id: [u8; 16],
}

/// The passphrase and the keys derived from it during one run (one Argon2id
/// per salt, so a folder of many bundles from one laptop costs one derivation).
pub struct Keyring {
    passphrase: String,
    keys: HashMap<(Vec<u8>, KdfParams), Key>,
}

impl Keyring {
    pub fn new(passphrase: String) -> Keyring {
        Keyring {
            passphrase,
            keys: HashMap::new(),
        }
    }

    /// The key for `salt` and `params`; None when the parameters are refused.
    pub fn key(&mut self, salt: &[u8], params: KdfParams) -> Option<Key> {
        if !params.within_limits() || salt.len() < argon2::MIN_SALT_LEN {
            return None;
        }
        if let Some(k) = self.keys.get(&(salt.to_vec(), params)) {
            return Some(k.clone());
        }
        let argon = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(params.m_kib, params.t, params.p, Some(48)).ok()?,
        );
        let mut out = [0u8; 48];
        argon
            .hash_password_into(self.passphrase.as_bytes(), salt, &mut out)
            .ok()?;
        let cipher = Aes256Gcm::new_from_slice(&out[..32]).ok()?;
        let mut id = [0u8; 16];
        id.copy_from_slice(&out[32..]);
        out.fill(0);
        let key = Key { cipher, id };
        self.keys.insert((salt.to_vec(), params), key.clone());
        Some(key)
    }
}

impl Drop for Keyring {
    fn drop(&mut self) {
        // Best effort: the passphrase should not linger in freed memory.
        let len = self.passphrase.len();
        self.passphrase.clear();
        self.passphrase.extend(std::iter::repeat_n('\0', len));
    }
}

/// Argon2id of `passphrase` into `out` (any length Argon2 allows); false when
/// the parameters or the salt are refused.
pub fn derive_into(passphrase: &str, salt: &[u8], params: KdfParams, out: &mut [u8]) -> bool {
    if salt.len() < argon2::MIN_SALT_LEN {
        return false;
    }
    let Ok(p) = Params::new(params.m_kib, params.t, params.p, Some(out.len())) else {
        return false;
    };
    Argon2::new(Algorithm::Argon2id, Version::V0x13, p)
        .hash_password_into(passphrase.as_bytes(), salt, out)
        .is_ok()
}

pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    OsRng.fill_bytes(&mut b);
    b
}

impl Key {
    /// An AES-256-GCM key from raw bytes (the database's draft key).
    pub fn from_raw(bytes: &[u8; 32]) -> Key {
        Key {
            cipher: Aes256Gcm::new(bytes.into()),
            id: [0u8; 16],
        }
    }

    pub fn seal(&self, nonce: &[u8; NONCE_LEN], aad: &[u8], plain: &[u8]) -> Option<Vec<u8>> {
        self.cipher
            .encrypt(Nonce::from_slice(nonce), Payload { msg: plain, aad })
            .ok()
    }

    /// None when the content or the authenticated header was altered.
    pub fn open(&self, nonce: &[u8], aad: &[u8], sealed: &[u8]) -> Option<Vec<u8>> {
        if nonce.len() != NONCE_LEN {
            return None;
        }
        self.cipher
            .decrypt(Nonce::from_slice(nonce), Payload { msg: sealed, aad })
            .ok()
    }
}

pub fn to_hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

pub fn from_hex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAST: KdfParams = KdfParams {
        m_kib: 64,
        t: 1,
        p: 1,
    };

    #[test]
    fn a_header_asking_for_more_kdf_cost_than_we_write_is_refused_without_deriving() {
        assert!(KdfParams::DEFAULT.within_limits());
        let salt = [7u8; SALT_LEN];
        let mut keys = Keyring::new("correct horse".into());
        // The largest cost the old limits allowed (17.7 s before refusal).
        let hostile = KdfParams {
            m_kib: 256 * 1024,
            t: 16,
            p: 8,
        };
        let greedy = [
            hostile,
            KdfParams {
                m_kib: M_COST_KIB * 2,
                ..KdfParams::DEFAULT
            },
            KdfParams {
                t: T_COST * 3,
                ..KdfParams::DEFAULT
            },
        ];
        for params in greedy {
            assert!(!params.within_limits(), "{params:?}");
            assert!(keys.key(&salt, params).is_none(), "{params:?}");
        }
        assert!(keys.keys.is_empty(), "nothing was derived");
    }

    #[test]
    fn same_passphrase_same_key_id_other_passphrase_other_id() {
        let salt = [7u8; SALT_LEN];
        let a = Keyring::new("correct horse".into())
            .key(&salt, FAST)
            .unwrap();
        let b = Keyring::new("correct horse".into())
            .key(&salt, FAST)
            .unwrap();
        let c = Keyring::new("correct horsf".into())
            .key(&salt, FAST)
            .unwrap();
        assert_eq!(a.id, b.id);
        assert_ne!(a.id, c.id);
        let nonce = [1u8; NONCE_LEN];
        let sealed = a.seal(&nonce, b"head", b"secret").unwrap();
        assert_eq!(b.open(&nonce, b"head", &sealed).unwrap(), b"secret");
        assert!(b.open(&nonce, b"heaD", &sealed).is_none());
        assert!(c.open(&nonce, b"head", &sealed).is_none());
    }

    #[test]
    fn hostile_parameters_are_refused_before_any_work() {
        let mut ring = Keyring::new("x".repeat(12));
        let huge = KdfParams {
            m_kib: MAX_M_COST_KIB + 1,
            t: 1,
            p: 1,
        };
        assert!(ring.key(&[0u8; SALT_LEN], huge).is_none());
        assert!(ring.key(&[0u8; 4], FAST).is_none());
    }

    #[test]
    fn hex_round_trips() {
        assert_eq!(from_hex(&to_hex(&[0, 15, 255])).unwrap(), vec![0, 15, 255]);
        assert!(from_hex("abc").is_none());
        assert!(from_hex("zz").is_none());
    }
}
