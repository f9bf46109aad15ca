//! Writing a format-2 bundle as a stream of sealed frames (the format is
//! described in `bundle`): entries go in one by one, a frame is deflated and
//! sealed every ~1 MiB, and the header, whose counts are known only at the
//! end, is written last over the space reserved for it.

use std::io::{self, Seek, SeekFrom, Write};

use super::bundle::{
    Draft, FORMAT_VERSION, FRAME_PLAIN, Header, MAGIC, MIN_READER_VERSION, PREFIX_LEN, TAG_LEN,
    frame_aad, nonce_for,
};
use super::payload;
use crate::crypto::{self, KdfParams, Key, Keyring, NONCE_LEN, to_hex};
use crate::store::LogEntry;

/// Builds the bytes of a bundle in memory. None only if the key cannot be
/// derived.
pub fn seal(draft: Draft<'_>, entries: &[LogEntry], keys: &mut Keyring) -> Option<Vec<u8>> {
    let mut w = Writer::begin(draft, io::Cursor::new(Vec::new()), keys)?.ok()?;
    for e in entries {
        w.push(e).ok()?;
    }
    let (cursor, _) = w.finish().ok()?;
    Some(cursor.into_inner())
}

/// Writes a format-2 bundle to `W` entry by entry (see the module comment).
pub struct Writer<W: Write + Seek> {
    out: W,
    key: Key,
    nonce: [u8; NONCE_LEN],
    header: Header,
    header_len: usize,
    encoder: payload::Encoder,
    plain: Vec<u8>,
    frames: u64,
    body_crc: crc32fast::Hasher,
    sealed_len: u64,
}

impl<W: Write + Seek> Writer<W> {
    /// None when the key cannot be derived; an error when `out` fails.
    pub fn begin(draft: Draft<'_>, mut out: W, keys: &mut Keyring) -> Option<io::Result<Self>> {
        let key = keys.key(draft.salt, KdfParams::DEFAULT)?;
        let nonce: [u8; NONCE_LEN] = crypto::random_bytes();
        let mut header = Header {
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
            // The widest numbers: the final header is padded to this width.
            entries: u64::MAX,
            plain_len: u64::MAX,
            sealed_len: u64::MAX,
            max_hlc_ms: i64::MIN,
            full: draft.full,
        };
        let header_len = serde_json::to_vec(&header).ok()?.len();
        header.entries = 0;
        header.plain_len = 0;
        header.sealed_len = TAG_LEN;
        header.max_hlc_ms = 0;
        let reserve = vec![0u8; PREFIX_LEN + header_len + TAG_LEN as usize];
        if let Err(e) = out.write_all(&reserve) {
            return Some(Err(e));
        }
        Some(Ok(Writer {
            out,
            key,
            nonce,
            header,
            header_len,
            encoder: payload::Encoder::default(),
            plain: Vec::with_capacity(FRAME_PLAIN + 4096),
            frames: 0,
            body_crc: crc32fast::Hasher::new(),
            sealed_len: TAG_LEN,
        }))
    }

    pub fn push(&mut self, e: &LogEntry) -> io::Result<()> {
        self.encoder.push(e, &mut self.plain);
        self.header.entries += 1;
        self.header.max_hlc_ms = self.header.max_hlc_ms.max(e.hlc.ms);
        if self.plain.len() >= FRAME_PLAIN {
            self.frame(false)?;
        }
        Ok(())
    }

    fn frame(&mut self, last: bool) -> io::Result<()> {
        let packed = payload::compress(&self.plain);
        self.header.plain_len += self.plain.len() as u64;
        self.plain.clear();
        let index = self.frames;
        let sealed = self
            .key
            .seal(
                &nonce_for(&self.nonce, index),
                &frame_aad(index, last),
                &packed,
            )
            .ok_or_else(|| io::Error::other("seal"))?;
        let len = u32::try_from(sealed.len()).map_err(|_| io::Error::other("frame"))?;
        let mut head = [0u8; 5];
        head[..4].copy_from_slice(&len.to_le_bytes());
        head[4] = u8::from(last);
        self.out.write_all(&head)?;
        self.out.write_all(&sealed)?;
        self.body_crc.update(&head);
        self.body_crc.update(&sealed);
        self.sealed_len += 5 + sealed.len() as u64;
        self.frames += 1;
        Ok(())
    }

    /// Seals the last frame, writes the header and the checksum; returns the
    /// output and the bundle's header and size.
    pub fn finish(mut self) -> io::Result<(W, u64)> {
        self.frame(true)?;
        self.header.sealed_len = self.sealed_len;
        let mut json = serde_json::to_vec(&self.header).map_err(io::Error::other)?;
        if json.len() > self.header_len {
            return Err(io::Error::other("header"));
        }
        json.resize(self.header_len, b' ');
        let mut head = Vec::with_capacity(PREFIX_LEN + json.len());
        head.extend_from_slice(MAGIC);
        head.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        head.extend_from_slice(&MIN_READER_VERSION.to_le_bytes());
        let len = u32::try_from(json.len()).map_err(|_| io::Error::other("header"))?;
        head.extend_from_slice(&len.to_le_bytes());
        head.extend_from_slice(&json);
        let tag = self
            .key
            .seal(&nonce_for(&self.nonce, u64::MAX), &head, &[])
            .ok_or_else(|| io::Error::other("seal"))?;
        let mut crc = crc32fast::Hasher::new();
        crc.update(&head);
        crc.update(&tag);
        crc.combine(&self.body_crc);
        self.out.seek(SeekFrom::Start(0))?;
        self.out.write_all(&head)?;
        self.out.write_all(&tag)?;
        self.out.seek(SeekFrom::End(0))?;
        self.out.write_all(&crc.finalize().to_le_bytes())?;
        self.out.flush()?;
        let size = head.len() as u64 + self.sealed_len + 4;
        Ok((self.out, size))
    }

    pub fn header(&self) -> &Header {
        &self.header
    }
}
