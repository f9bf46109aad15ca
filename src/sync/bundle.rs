//! The bundle file format.
//!
//! ```text
//! "TEICHAKUSYNC"            12 bytes  magic
//! format version            u16 LE    the format this file was written in
//! minimum reader version    u16 LE    readers below it must refuse the file
//! header length             u32 LE
//! header                    JSON      in clear, authenticated (AAD)
//! sealed content            AES-256-GCM of deflated entries (tag included)
//! CRC-32                    u32 LE    of every byte before it
//! ```
//!
//! Everything before the sealed content is the AAD, so a changed header fails
//! authentication. The CRC only tells transit damage apart from tampering and
//! from a wrong passphrase; it protects nothing on its own.

use serde::{Deserialize, Serialize};

use super::crypto::{self, KdfParams, Keyring, NONCE_LEN, SALT_LEN, from_hex, to_hex};
use super::payload;
use crate::error::BundleProblem;
use crate::store::LogEntry;
use crate::store::sync_state::SeqRange;

pub const MAGIC: &[u8; 12] = b"TEICHAKUSYNC";
pub const FORMAT_VERSION: u16 = 1;
/// Readers older than this cannot read what this version writes.
pub const MIN_READER_VERSION: u16 = 1;
const PREFIX_LEN: usize = 12 + 2 + 2 + 4;
pub const MAX_HEADER_LEN: u32 = 4 << 20;
/// A bundle file larger than this is not read at all.
pub const MAX_FILE_LEN: u64 = 512 << 20;
/// The entries of one bundle may inflate to at most this many bytes.
pub const MAX_PLAIN_LEN: u64 = 1 << 30;

/// The authenticated, readable part. Holds no worker data: only device ids,
/// sequence numbers, counts and crypto parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub bundle_id: String,
    /// The sender's wall clock, RFC 3339.
    pub created_at: String,
    pub sender: String,
    /// The sender's database schema version.
    pub schema_version: i64,
    pub kdf: KdfParams,
    pub salt: String,
    pub key_id: String,
    pub nonce: String,
    /// The entries inside, as runs per origin device.
    pub ranges: Vec<SeqRange>,
    /// For each origin device, the sender held every entry up to this seq.
    pub known: Vec<(String, i64)>,
    pub entries: u64,
    pub plain_len: u64,
    pub sealed_len: u64,
    /// The latest clock among the entries (ms since 1970 UTC).
    pub max_hlc_ms: i64,
    pub full: bool,
}

/// What `seal` needs besides the entries.
pub struct Draft<'a> {
    pub bundle_id: String,
    pub created_at: String,
    pub sender: String,
    pub schema_version: i64,
    pub salt: &'a [u8],
    pub ranges: Vec<SeqRange>,
    pub known: Vec<(String, i64)>,
    pub full: bool,
}

/// Builds the bytes of a bundle. None only if the key cannot be derived.
pub fn seal(draft: Draft<'_>, entries: &[LogEntry], keys: &mut Keyring) -> Option<Vec<u8>> {
    let key = keys.key(draft.salt, KdfParams::DEFAULT)?;
    let plain = payload::encode(entries);
    let packed = payload::compress(&plain);
    let nonce: [u8; NONCE_LEN] = crypto::random_bytes();
    let header = Header {
        bundle_id: draft.bundle_id,
        created_at: draft.created_at,
        sender: draft.sender,
        schema_version: draft.schema_version,
        kdf: KdfParams::DEFAULT,
        salt: to_hex(draft.salt),
        key_id: to_hex(&key.id),
        nonce: to_hex(&nonce),
        ranges: draft.ranges,
        known: draft.known,
        entries: entries.len() as u64,
        plain_len: plain.len() as u64,
        // AES-GCM adds a 16-byte tag.
        sealed_len: packed.len() as u64 + 16,
        max_hlc_ms: entries.iter().map(|e| e.hlc.ms).max().unwrap_or(0),
        full: draft.full,
    };
    let header_json = serde_json::to_vec(&header).ok()?;
    let mut out = Vec::with_capacity(PREFIX_LEN + header_json.len() + packed.len() + 20);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&MIN_READER_VERSION.to_le_bytes());
    out.extend_from_slice(&u32::try_from(header_json.len()).ok()?.to_le_bytes());
    out.extend_from_slice(&header_json);
    let sealed = key.seal(&nonce, &out, &packed)?;
    out.extend_from_slice(&sealed);
    let crc = crc32fast::hash(&out);
    out.extend_from_slice(&crc.to_le_bytes());
    Some(out)
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

/// Reads the header without the passphrase (to skip bundles already
/// imported). Checks everything that can be checked without the key.
pub fn read_header(bytes: &[u8]) -> Result<(Header, usize), BundleProblem> {
    if bytes.len() as u64 > MAX_FILE_LEN {
        return Err(BundleProblem::TooLarge);
    }
    if bytes.is_empty() {
        return Err(BundleProblem::Empty);
    }
    if bytes.len() < PREFIX_LEN {
        let n = bytes.len().min(MAGIC.len());
        return Err(if bytes[..n] == MAGIC[..n] {
            BundleProblem::Truncated
        } else {
            BundleProblem::NotABundle
        });
    }
    if &bytes[..12] != MAGIC {
        return Err(BundleProblem::NotABundle);
    }
    let version = u16_at(bytes, 12);
    let min_reader = u16_at(bytes, 14);
    if min_reader > FORMAT_VERSION {
        return Err(BundleProblem::NewerFormat {
            found: version,
            supported: FORMAT_VERSION,
        });
    }
    let header_len = u32::from_le_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]);
    if header_len > MAX_HEADER_LEN {
        return Err(BundleProblem::Damaged);
    }
    let header_end = PREFIX_LEN + header_len as usize;
    if bytes.len() < header_end {
        return Err(BundleProblem::Truncated);
    }
    let header: Header = match serde_json::from_slice(&bytes[PREFIX_LEN..header_end]) {
        Ok(h) => h,
        // Unreadable JSON is damage unless the CRC says the file is as written.
        Err(_) if crc_ok(bytes) => return Err(BundleProblem::Tampered),
        Err(_) => return Err(BundleProblem::Damaged),
    };
    let expected = (header_end as u64)
        .checked_add(header.sealed_len)
        .and_then(|n| n.checked_add(4));
    match expected {
        Some(n) if (bytes.len() as u64) < n => return Err(BundleProblem::Truncated),
        Some(n) if bytes.len() as u64 == n => {}
        _ if crc_ok(bytes) => return Err(BundleProblem::Tampered),
        _ => return Err(BundleProblem::Damaged),
    }
    if !crc_ok(bytes) {
        return Err(BundleProblem::Damaged);
    }
    Ok((header, header_end))
}

fn crc_ok(bytes: &[u8]) -> bool {
    let Some(split) = bytes.len().checked_sub(4) else {
        return false;
    };
    let (body, tail) = bytes.split_at(split);
    crc32fast::hash(body).to_le_bytes() == tail
}

/// Opens a bundle: its header and entries, or why not.
pub fn open(bytes: &[u8], keys: &mut Keyring) -> Result<(Header, Vec<LogEntry>), BundleProblem> {
    let (header, header_end) = read_header(bytes)?;
    let salt = from_hex(&header.salt).ok_or(BundleProblem::Tampered)?;
    if salt.len() != SALT_LEN {
        return Err(BundleProblem::Tampered);
    }
    let key = keys.key(&salt, header.kdf).ok_or(BundleProblem::Tampered)?;
    if from_hex(&header.key_id).as_deref() != Some(&key.id[..]) {
        return Err(BundleProblem::WrongPassphrase);
    }
    let nonce = from_hex(&header.nonce).ok_or(BundleProblem::Tampered)?;
    let sealed = &bytes[header_end..bytes.len() - 4];
    let packed = key
        .open(&nonce, &bytes[..header_end], sealed)
        .ok_or(BundleProblem::Tampered)?;
    // From here on the header is authentic.
    if header.plain_len > MAX_PLAIN_LEN {
        return Err(BundleProblem::TooLarge);
    }
    let plain = payload::decompress(&packed, header.plain_len).ok_or(BundleProblem::Malformed)?;
    let entries = payload::decode(&plain).ok_or(BundleProblem::Malformed)?;
    let declared = |e: &LogEntry| {
        header
            .ranges
            .iter()
            .any(|r| r.origin == e.device_id && (r.from..=r.to).contains(&e.seq))
    };
    if entries.len() as u64 != header.entries || !entries.iter().all(declared) {
        return Err(BundleProblem::Malformed);
    }
    Ok((header, entries))
}
