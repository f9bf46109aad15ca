//! The bundle file format.
//!
//! ```text
//! "TEICHAKUSYNC"            12 bytes  magic
//! format version            u16 LE    the format this file was written in
//! minimum reader version    u16 LE    readers below it must refuse the file
//! header length             u32 LE
//! header                    JSON      in clear, authenticated (AAD)
//! sealed content            (below; `sealed_len` bytes)
//! CRC-32                    u32 LE    of every byte before it
//! ```
//!
//! Format 1 (still read): the sealed content is one AES-256-GCM message of
//! the deflated entries (`payload::encode`), its AAD everything before it.
//!
//! Format 2 (written since the agency-scale work, #14): the content is
//! written and read as a stream, so neither side ever holds a whole bundle:
//!
//! ```text
//! header tag                16 bytes  AES-GCM of nothing, AAD = every byte before it
//! frames                    each: u32 LE length, u8 last (1 on the final frame),
//!                           AES-GCM of one deflated piece (`payload::Encoder`
//!                           lines, about 1 MiB), AAD = "frame", index u64 LE, last
//! ```
//!
//! Every GCM nonce is the header's nonce with its last 8 bytes XORed by the
//! frame index (`u64::MAX` for the header tag), so frames cannot be moved,
//! dropped or taken from another bundle, and a bundle without its final frame
//! is refused. The header is written last (its counts are only known then):
//! its numbers are padded with spaces to the width written first.
//!
//! The CRC only tells transit damage apart from tampering and from a wrong
//! passphrase; it protects nothing on its own.

use std::collections::HashMap;
use std::io::{self, Read, Seek, SeekFrom};

use serde::{Deserialize, Serialize};

use super::payload;
use crate::crypto::{KdfParams, Key, Keyring, NONCE_LEN, SALT_LEN, from_hex};
use crate::error::BundleProblem;
use crate::store::LogEntry;
use crate::store::log::MAX_SEQ;
use crate::store::sync_state::SeqRange;

pub use super::writer::{Writer, seal};

pub const MAGIC: &[u8; 12] = b"TEICHAKUSYNC";
pub const FORMAT_VERSION: u16 = 2;
/// Readers older than this cannot read what this version writes.
pub const MIN_READER_VERSION: u16 = 2;
/// A frame's entries are cut after this many bytes of plain JSON.
pub(super) const FRAME_PLAIN: usize = 1 << 20;
/// A frame may inflate to at most this many bytes (one entry may be long).
const MAX_FRAME_PLAIN: u64 = 64 << 20;
pub(super) const TAG_LEN: u64 = 16;
pub(super) const PREFIX_LEN: usize = 12 + 2 + 2 + 4;
pub const MAX_HEADER_LEN: u32 = 4 << 20;
/// A bundle file larger than this is not read at all.
pub const MAX_FILE_LEN: u64 = 512 << 20;
/// The entries of a format-1 bundle may inflate to at most this many bytes.
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

pub(super) fn nonce_for(base: &[u8; NONCE_LEN], index: u64) -> [u8; NONCE_LEN] {
    let mut n = *base;
    for (b, x) in n[NONCE_LEN - 8..].iter_mut().zip(index.to_be_bytes()) {
        *b ^= x;
    }
    n
}

pub(super) fn frame_aad(index: u64, last: bool) -> [u8; 14] {
    let mut aad = [0u8; 14];
    aad[..5].copy_from_slice(b"frame");
    aad[5..13].copy_from_slice(&index.to_le_bytes());
    aad[13] = u8::from(last);
    aad
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

/// Reads the header without the passphrase (to skip bundles already
/// imported). Checks everything that can be checked without the key.
pub fn read_header(bytes: &[u8]) -> Result<(Header, usize), BundleProblem> {
    let checked = check(&mut io::Cursor::new(bytes), bytes.len() as u64)?;
    Ok((checked.header, checked.aad.len()))
}

/// A bundle whose header, size and checksum were checked.
pub struct Checked {
    pub header: Header,
    version: u16,
    /// The prefix and the header as read.
    aad: Vec<u8>,
}

fn read_exact(src: &mut impl Read, n: usize) -> Result<Vec<u8>, BundleProblem> {
    let mut buf = vec![0u8; n];
    src.read_exact(&mut buf)
        .map_err(|_| BundleProblem::Truncated)?;
    Ok(buf)
}

/// Whether the last 4 of `len` bytes are the CRC-32 of those before, read in
/// pieces.
fn crc_ok<R: Read + Seek>(src: &mut R, len: u64) -> bool {
    let Some(body) = len.checked_sub(4) else {
        return false;
    };
    if src.seek(SeekFrom::Start(0)).is_err() {
        return false;
    }
    let mut hasher = crc32fast::Hasher::new();
    let mut buf = vec![0u8; 64 << 10];
    let mut left = body;
    while left > 0 {
        let n = usize::try_from(left.min(buf.len() as u64)).unwrap_or(buf.len());
        if src.read_exact(&mut buf[..n]).is_err() {
            return false;
        }
        hasher.update(&buf[..n]);
        left -= n as u64;
    }
    let mut tail = [0u8; 4];
    src.read_exact(&mut tail).is_ok() && hasher.finalize().to_le_bytes() == tail
}

/// Checks a bundle of `len` bytes read from `src` without the key; leaves
/// `src` just after the header.
pub fn check<R: Read + Seek>(src: &mut R, len: u64) -> Result<Checked, BundleProblem> {
    if len > MAX_FILE_LEN {
        return Err(BundleProblem::TooLarge);
    }
    if len == 0 {
        return Err(BundleProblem::Empty);
    }
    let first = read_exact(
        src,
        usize::try_from(len.min(PREFIX_LEN as u64)).unwrap_or(0),
    )?;
    if first.len() < PREFIX_LEN {
        let n = first.len().min(MAGIC.len());
        return Err(if first[..n] == MAGIC[..n] {
            BundleProblem::Truncated
        } else {
            BundleProblem::NotABundle
        });
    }
    if &first[..12] != MAGIC {
        return Err(BundleProblem::NotABundle);
    }
    let version = u16_at(&first, 12);
    let min_reader = u16_at(&first, 14);
    if min_reader > FORMAT_VERSION {
        return Err(BundleProblem::NewerFormat {
            found: version,
            supported: FORMAT_VERSION,
        });
    }
    let header_len = u32::from_le_bytes([first[16], first[17], first[18], first[19]]);
    if header_len > MAX_HEADER_LEN {
        return Err(BundleProblem::Damaged);
    }
    let header_end = PREFIX_LEN as u64 + u64::from(header_len);
    if len < header_end {
        return Err(BundleProblem::Truncated);
    }
    let mut aad = first;
    aad.extend_from_slice(&read_exact(src, header_len as usize)?);
    let mut crc = None;
    let mut intact = |src: &mut R| *crc.get_or_insert_with(|| crc_ok(src, len));
    let header: Header = match serde_json::from_slice(&aad[PREFIX_LEN..]) {
        Ok(h) => h,
        // Unreadable JSON is damage unless the CRC says the file is as written.
        Err(_) if intact(src) => return Err(BundleProblem::Tampered),
        Err(_) => return Err(BundleProblem::Damaged),
    };
    let expected = header_end
        .checked_add(header.sealed_len)
        .and_then(|n| n.checked_add(4));
    match expected {
        Some(n) if len < n => return Err(BundleProblem::Truncated),
        Some(n) if len == n => {}
        _ if intact(src) => return Err(BundleProblem::Tampered),
        _ => return Err(BundleProblem::Damaged),
    }
    if !intact(src) {
        return Err(BundleProblem::Damaged);
    }
    src.seek(SeekFrom::Start(header_end))
        .map_err(|_| BundleProblem::Truncated)?;
    Ok(Checked {
        header,
        version,
        aad,
    })
}

/// A checked bundle opened with the right key, its entries not read yet.
pub struct Opened<R> {
    pub header: Header,
    version: u16,
    aad: Vec<u8>,
    key: Key,
    nonce: Vec<u8>,
    src: R,
}

/// Why reading entries stopped: the bundle, or the caller's `each`.
#[derive(Debug)]
pub enum Stop<E> {
    Bundle(BundleProblem),
    Caller(E),
}

impl<E> From<BundleProblem> for Stop<E> {
    fn from(p: BundleProblem) -> Self {
        Stop::Bundle(p)
    }
}

/// Checks `src` (`len` bytes) and its key; for format 2 also the header's
/// own tag, so a changed header is refused before any entry is read.
pub fn unlock<R: Read + Seek>(
    mut src: R,
    len: u64,
    keys: &mut Keyring,
) -> Result<Opened<R>, BundleProblem> {
    let checked = check(&mut src, len)?;
    unlock_checked(src, checked, keys)
}

/// [`unlock`] after [`check`] (`src` still where `check` left it).
pub fn unlock_checked<R: Read + Seek>(
    mut src: R,
    checked: Checked,
    keys: &mut Keyring,
) -> Result<Opened<R>, BundleProblem> {
    let Checked {
        header,
        version,
        aad,
    } = checked;
    let salt = from_hex(&header.salt).ok_or(BundleProblem::Tampered)?;
    if salt.len() != SALT_LEN {
        return Err(BundleProblem::Tampered);
    }
    let key = keys.key(&salt, header.kdf).ok_or(BundleProblem::Tampered)?;
    if from_hex(&header.key_id).as_deref() != Some(&key.id[..]) {
        return Err(BundleProblem::WrongPassphrase);
    }
    let nonce = from_hex(&header.nonce)
        .filter(|n| n.len() == NONCE_LEN)
        .ok_or(BundleProblem::Tampered)?;
    if version >= 2 {
        let tag = read_exact(&mut src, TAG_LEN as usize)?;
        let base: [u8; NONCE_LEN] = nonce
            .as_slice()
            .try_into()
            .map_err(|_| BundleProblem::Tampered)?;
        key.open(&nonce_for(&base, u64::MAX), &aad, &tag)
            .ok_or(BundleProblem::Tampered)?;
    }
    Ok(Opened {
        header,
        version,
        aad,
        key,
        nonce,
        src,
    })
}

/// The ranges of a header, for checking each entry against them.
struct Declared(HashMap<String, Vec<(i64, i64)>>);

impl Declared {
    fn new(header: &Header) -> Declared {
        let mut map: HashMap<String, Vec<(i64, i64)>> = HashMap::new();
        for r in &header.ranges {
            map.entry(r.origin.clone())
                .or_default()
                .push((r.from, r.to));
        }
        for runs in map.values_mut() {
            runs.sort_unstable();
        }
        Declared(map)
    }

    /// Whether the header's ranges can be what its sender wrote: each within
    /// 1..=MAX_SEQ, not overlapping, holding `entries` entries between them,
    /// and none beyond what the header says the sender holds of its device
    /// (`known`: a sender passes on only what it holds without a gap). Read
    /// once the header is authentic: a bundle made with the agency's key can
    /// still lie, and a jump to #10⁹ or past its own word is refused.
    fn consistent(&self, header: &Header) -> bool {
        let known: HashMap<&str, i64> = header
            .known
            .iter()
            .map(|(origin, seq)| (origin.as_str(), *seq))
            .collect();
        if header.known.iter().any(|(_, s)| !(0..=MAX_SEQ).contains(s)) {
            return false;
        }
        let mut total: u64 = 0;
        for (origin, runs) in &self.0 {
            let said = known.get(origin.as_str()).copied().unwrap_or(0);
            let mut last = 0;
            for &(from, to) in runs {
                if from <= last || from > to || to > said {
                    return false;
                }
                last = to;
                total = total.saturating_add((to - from + 1).unsigned_abs());
            }
        }
        total == header.entries
    }

    fn holds(&self, e: &LogEntry) -> bool {
        let Some(runs) = self.0.get(&e.device_id) else {
            return false;
        };
        let i = runs.partition_point(|(from, _)| *from <= e.seq);
        runs[..i]
            .iter()
            .rev()
            .any(|(from, to)| (*from..=*to).contains(&e.seq))
    }
}

fn inflate_capped(data: &[u8], cap: u64) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    flate2::read::DeflateDecoder::new(data)
        .take(cap.checked_add(1)?)
        .read_to_end(&mut out)
        .ok()?;
    (out.len() as u64 <= cap).then_some(out)
}

impl<R: Read> Opened<R> {
    /// Calls `each` with every entry, in the order written, holding one
    /// frame at a time (format 1: the whole content, as it was written).
    /// Returns how many entries there were. A bundle problem found on the
    /// way may come after some entries were handed out: callers apply them
    /// in a transaction they roll back.
    pub fn entries<E>(
        mut self,
        each: &mut dyn FnMut(LogEntry) -> Result<(), E>,
    ) -> Result<u64, Stop<E>> {
        let declared = Declared::new(&self.header);
        let expected = self.header.entries;
        let consistent = declared.consistent(&self.header);
        let mut n = 0u64;
        let mut checked = |e: LogEntry| -> Result<(), Stop<E>> {
            if !declared.holds(&e) {
                return Err(Stop::Bundle(BundleProblem::Malformed));
            }
            n += 1;
            each(e).map_err(Stop::Caller)
        };
        if self.version < 2 {
            let sealed = read_exact(
                &mut self.src,
                usize::try_from(self.header.sealed_len).map_err(|_| BundleProblem::TooLarge)?,
            )?;
            let packed = self
                .key
                .open(&self.nonce, &self.aad, &sealed)
                .ok_or(BundleProblem::Tampered)?;
            drop(sealed);
            // From here on the header is authentic.
            if self.header.plain_len > MAX_PLAIN_LEN {
                return Err(Stop::Bundle(BundleProblem::TooLarge));
            }
            if !consistent {
                return Err(Stop::Bundle(BundleProblem::Malformed));
            }
            // Inflated and parsed one entry at a time, as format 2.
            match super::payload_v1::decode(&packed, self.header.plain_len, &mut checked) {
                Some(Ok(_)) => {}
                Some(Err(stop)) => return Err(stop),
                None => return Err(Stop::Bundle(BundleProblem::Malformed)),
            }
        } else {
            // The header tag was checked when the bundle was opened.
            if !consistent {
                return Err(Stop::Bundle(BundleProblem::Malformed));
            }
            let base: [u8; NONCE_LEN] = self
                .nonce
                .as_slice()
                .try_into()
                .map_err(|_| BundleProblem::Tampered)?;
            let mut decoder = payload::Decoder::default();
            let mut left = self.header.sealed_len.saturating_sub(TAG_LEN);
            let mut plain_len = 0u64;
            let mut index = 0u64;
            loop {
                let head = read_exact(&mut self.src, 5)?;
                let len = u64::from(u32::from_le_bytes([head[0], head[1], head[2], head[3]]));
                let last = match head[4] {
                    0 => false,
                    1 => true,
                    _ => return Err(Stop::Bundle(BundleProblem::Tampered)),
                };
                left = left.checked_sub(5 + len).ok_or(BundleProblem::Tampered)?;
                let sealed = read_exact(&mut self.src, usize::try_from(len).unwrap_or(0))?;
                let packed = self
                    .key
                    .open(&nonce_for(&base, index), &frame_aad(index, last), &sealed)
                    .ok_or(BundleProblem::Tampered)?;
                let plain =
                    inflate_capped(&packed, MAX_FRAME_PLAIN).ok_or(BundleProblem::Malformed)?;
                plain_len += plain.len() as u64;
                match decoder.piece(&plain, &mut checked) {
                    None => return Err(Stop::Bundle(BundleProblem::Malformed)),
                    Some(Err(stop)) => return Err(stop),
                    Some(Ok(_)) => {}
                }
                index += 1;
                if last {
                    break;
                }
            }
            if left != 0 || plain_len != self.header.plain_len {
                return Err(Stop::Bundle(BundleProblem::Malformed));
            }
        }
        if n != expected {
            return Err(Stop::Bundle(BundleProblem::Malformed));
        }
        Ok(n)
    }
}

/// Opens a bundle in memory: its header and entries, or why not.
pub fn open(bytes: &[u8], keys: &mut Keyring) -> Result<(Header, Vec<LogEntry>), BundleProblem> {
    let opened = unlock(io::Cursor::new(bytes), bytes.len() as u64, keys)?;
    let header = opened.header.clone();
    let mut entries = Vec::new();
    let mut keep = |e: LogEntry| -> Result<(), ()> {
        entries.push(e);
        Ok(())
    };
    match opened.entries(&mut keep) {
        Ok(_) => Ok((header, entries)),
        Err(Stop::Bundle(p)) => Err(p),
        Err(Stop::Caller(())) => Err(BundleProblem::Malformed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Hlc, Op};
    use rusqlite::types::Value;

    fn entries(n: i64) -> Vec<LogEntry> {
        (1..=n)
            .map(|seq| LogEntry {
                device_id: "dev-a".into(),
                seq,
                hlc: Hlc {
                    ms: seq,
                    counter: 0,
                },
                entity: "contact".into(),
                record_id: format!("r{seq}"),
                op: Op::Create,
                field: "notes".into(),
                // Varied text, so frames stay large after deflate.
                value: Value::Text(format!("面談 {} {}", seq * 7919, "記録".repeat(40))),
                replaces: (seq > 1).then(|| ("dev-b".to_string(), seq - 1)),
                also_replaces: Vec::new(),
            })
            .collect()
    }

    fn sealed(list: &[LogEntry], keys: &mut Keyring) -> Vec<u8> {
        let draft = Draft {
            bundle_id: "b1".into(),
            created_at: "2026-01-01T00:00:00.000Z".into(),
            sender: "dev-a".into(),
            schema_version: 1,
            salt: &[3u8; SALT_LEN],
            ranges: vec![SeqRange {
                origin: "dev-a".into(),
                from: 1,
                to: list.len() as i64,
            }],
            known: vec![("dev-a".into(), list.len() as i64)],
            full: true,
        };
        seal(draft, list, keys).unwrap()
    }

    /// The offsets of the frames after the header tag.
    fn frames(bytes: &[u8]) -> Vec<(usize, usize)> {
        let (_, header_end) = read_header(bytes).unwrap();
        let mut at = header_end + TAG_LEN as usize;
        let mut out = Vec::new();
        while at < bytes.len() - 4 {
            let len = u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
            out.push((at, 5 + len));
            at += 5 + len;
        }
        out
    }

    fn fix_crc(bytes: &mut [u8]) {
        let n = bytes.len() - 4;
        let crc = crc32fast::hash(&bytes[..n]);
        bytes[n..].copy_from_slice(&crc.to_le_bytes());
    }

    #[test]
    fn a_bundle_of_many_frames_round_trips_and_frames_cannot_be_dropped_or_moved() {
        let mut keys = Keyring::new("ストリーム同期テスト 2026".into());
        let list = entries(12_000);
        let bytes = sealed(&list, &mut keys);
        let f = frames(&bytes);
        assert!(f.len() >= 3, "{} frames", f.len());
        let (header, back) = open(&bytes, &mut keys).unwrap();
        assert_eq!(header.entries, 12_000);
        assert_eq!(header.max_hlc_ms, 12_000);
        assert_eq!(back, list);

        // The last frame dropped (header length fixed up): refused.
        let (last_at, _) = *f.last().unwrap();
        let mut cut = bytes[..last_at].to_vec();
        let sealed_len = header.sealed_len - (bytes.len() - 4 - last_at) as u64;
        let text = String::from_utf8(bytes[20..20 + frames_header_len(&bytes)].to_vec()).unwrap();
        let patched = text.replace(
            &format!("\"sealed_len\":{}", header.sealed_len),
            &format!("\"sealed_len\":{sealed_len}"),
        );
        let mut patched = patched.into_bytes();
        patched.resize(text.len(), b' ');
        cut[20..20 + text.len()].copy_from_slice(&patched);
        cut.extend_from_slice(&[0; 4]);
        fix_crc(&mut cut);
        assert_eq!(open(&cut, &mut keys).unwrap_err(), BundleProblem::Tampered);

        // Two frames swapped: refused.
        let (a_at, a_len) = f[0];
        let (b_at, b_len) = f[1];
        let mut swapped = bytes[..a_at].to_vec();
        swapped.extend_from_slice(&bytes[b_at..b_at + b_len]);
        swapped.extend_from_slice(&bytes[a_at..a_at + a_len]);
        swapped.extend_from_slice(&bytes[b_at + b_len..]);
        fix_crc(&mut swapped);
        assert_eq!(
            open(&swapped, &mut keys).unwrap_err(),
            BundleProblem::Tampered
        );

        // A byte changed in a frame with the checksum fixed up: refused.
        let mut flipped = bytes.clone();
        flipped[f[1].0 + 40] ^= 1;
        fix_crc(&mut flipped);
        assert_eq!(
            open(&flipped, &mut keys).unwrap_err(),
            BundleProblem::Tampered
        );
    }

    fn frames_header_len(bytes: &[u8]) -> usize {
        u32::from_le_bytes(bytes[16..20].try_into().unwrap()) as usize
    }
}
