//! Format 1's content read as a stream: one JSON document (`{"devices":
//! […], "entries": […]}`, the devices first) inflated and parsed entry by
//! entry, so a format-1 bundle is held one entry at a time, as format 2 is
//! (before, its whole inflated text and every entry were in memory: a 1 MB
//! bundle inflating to 1 GB held over 1 GB).

use std::cell::Cell;
use std::io::{self, BufReader, Read};
use std::rc::Rc;

use flate2::read::DeflateDecoder;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::payload::Row;
use crate::store::LogEntry;
use crate::store::limits::TEXT_MAX;

/// The most JSON one entry may take: its longest value, every character
/// escaped (`\u0001` is six bytes), and room for the rest.
const MAX_ENTRY_JSON: u64 = 8 * TEXT_MAX as u64;

/// Counts what is read: in all (to compare with the header's plain length,
/// and stop a bomb one byte past it) and since the last entry (one entry may
/// not take more than [`MAX_ENTRY_JSON`], give or take the read buffer).
struct Counted<R> {
    inner: R,
    total: Rc<Cell<u64>>,
    since_entry: Rc<Cell<u64>>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.total.set(self.total.get() + n as u64);
        self.since_entry.set(self.since_entry.get() + n as u64);
        if self.since_entry.get() > MAX_ENTRY_JSON {
            return Err(io::Error::other("entry too long"));
        }
        Ok(n)
    }
}

/// Calls `each` with every entry of a format-1 content (`packed`, deflated,
/// inflating to exactly `plain_len` bytes), in order. None when it is not
/// well formed (or not that long); a caller's error stops it and is returned.
pub fn decode<E>(
    packed: &[u8],
    plain_len: u64,
    each: &mut dyn FnMut(LogEntry) -> Result<(), E>,
) -> Option<Result<u64, E>> {
    let total = Rc::new(Cell::new(0));
    let since_entry = Rc::new(Cell::new(0));
    let reader = Counted {
        inner: DeflateDecoder::new(packed).take(plain_len.checked_add(1)?),
        total: total.clone(),
        since_entry: since_entry.clone(),
    };
    let mut de = serde_json::Deserializer::from_reader(BufReader::new(reader));
    let mut doc = Doc {
        each,
        since_entry,
        n: 0,
        stopped: None,
    };
    let parsed = (&mut de).deserialize_map(&mut doc);
    if let Some(e) = doc.stopped.take() {
        return Some(Err(e));
    }
    parsed.ok()?;
    de.end().ok()?;
    (total.get() == plain_len).then_some(Ok(doc.n))
}

struct Doc<'a, E> {
    each: &'a mut dyn FnMut(LogEntry) -> Result<(), E>,
    since_entry: Rc<Cell<u64>>,
    n: u64,
    /// The caller's error, when `each` stopped the reading.
    stopped: Option<E>,
}

impl<'de, E> Visitor<'de> for &mut Doc<'_, E> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a format-1 bundle content")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut devices: Option<Vec<String>> = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "devices" => {
                    let list: Vec<String> = map.next_value()?;
                    if list.iter().any(String::is_empty) {
                        return Err(de::Error::custom("empty device"));
                    }
                    devices = Some(list);
                }
                "entries" => {
                    let devices = devices
                        .as_deref()
                        .ok_or_else(|| de::Error::custom("devices first"))?;
                    map.next_value_seed(Entries {
                        doc: &mut *self,
                        devices,
                    })?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

struct Entries<'d, 'a, E> {
    doc: &'d mut Doc<'a, E>,
    devices: &'d [String],
}

impl<'de, E> DeserializeSeed<'de> for Entries<'_, '_, E> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, E> Visitor<'de> for Entries<'_, '_, E> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of entries")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.doc.since_entry.set(0);
        while let Some(row) = seq.next_element::<Row>()? {
            self.doc.since_entry.set(0);
            let e = row
                .into_entry(self.devices)
                .ok_or_else(|| de::Error::custom("bad entry"))?;
            if let Err(stop) = (self.doc.each)(e) {
                self.doc.stopped = Some(stop);
                return Err(de::Error::custom("stopped"));
            }
            self.doc.n += 1;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Hlc, Op};
    use rusqlite::types::Value;

    fn entry(seq: i64, text: &str) -> LogEntry {
        LogEntry {
            device_id: "dev-a".into(),
            seq,
            hlc: Hlc { ms: 10, counter: 2 },
            entity: "contact".into(),
            record_id: "r1".into(),
            op: Op::Update,
            field: "notes".into(),
            value: Value::Text(text.into()),
            replaces: None,
            also_replaces: vec![],
        }
    }

    fn read(packed: &[u8], len: u64) -> Option<Result<Vec<LogEntry>, ()>> {
        let mut out = Vec::new();
        decode(packed, len, &mut |e| {
            out.push(e);
            Ok::<(), ()>(())
        })
        .map(|r| r.map(|_| out))
    }

    #[test]
    fn format_1_is_read_entry_by_entry_and_every_bound_holds() {
        let entries = vec![entry(1, "面談"), entry(2, "電話")];
        let plain = super::super::payload::encode(&entries);
        let packed = super::super::payload::compress(&plain);
        let len = plain.len() as u64;
        assert_eq!(read(&packed, len), Some(Ok(entries)));
        // A length other than the header's, either way.
        assert_eq!(read(&packed, len - 1), None);
        assert_eq!(read(&packed, len + 1), None);
        // One entry longer than any value may be: stopped as it is read.
        let long = vec![entry(1, &"x".repeat(MAX_ENTRY_JSON as usize + (64 << 10)))];
        let plain = super::super::payload::encode(&long);
        let packed = super::super::payload::compress(&plain);
        assert_eq!(read(&packed, plain.len() as u64), None);
        // The caller's error stops the reading and comes back.
        let plain = super::super::payload::encode(&[entry(1, "a"), entry(2, "b")]);
        let packed = super::super::payload::compress(&plain);
        let mut seen = 0;
        let r = decode(&packed, plain.len() as u64, &mut |_| {
            seen += 1;
            Err::<(), _>("stop")
        });
        assert_eq!(r, Some(Err("stop")));
        assert_eq!(seen, 1);
    }

    /// A format-1 bundle as teichaku wrote it before format 2: the header,
    /// one AES-GCM message of the deflated document, the CRC.
    fn seal_v1(list: &[LogEntry], keys: &mut super::super::Keyring) -> Vec<u8> {
        use super::super::bundle::{FORMAT_VERSION, Header, MAGIC};
        use crate::crypto::{self, KdfParams, NONCE_LEN, SALT_LEN};
        use crate::store::sync_state::SeqRange;
        let plain = super::super::payload::encode(list);
        let packed = super::super::payload::compress(&plain);
        let salt = [5u8; SALT_LEN];
        let key = keys.key(&salt, KdfParams::DEFAULT).unwrap();
        let nonce: [u8; NONCE_LEN] = crypto::random_bytes();
        let n = list.len() as i64;
        let header = Header {
            bundle_id: "v1".into(),
            created_at: "2026-01-01T00:00:00.000Z".into(),
            sender: "dev-a".into(),
            schema_version: 1,
            kdf: KdfParams::DEFAULT,
            salt: crypto::to_hex(&salt),
            key_id: crypto::to_hex(&key.id),
            nonce: crypto::to_hex(&nonce),
            ranges: vec![SeqRange {
                origin: "dev-a".into(),
                from: 1,
                to: n,
            }],
            known: vec![("dev-a".into(), n)],
            entries: n as u64,
            plain_len: plain.len() as u64,
            sealed_len: packed.len() as u64 + 16,
            max_hlc_ms: 10,
            full: true,
        };
        let json = serde_json::to_vec(&header).unwrap();
        let mut out = MAGIC.to_vec();
        out.extend_from_slice(&1u16.to_le_bytes());
        out.extend_from_slice(&1u16.min(FORMAT_VERSION).to_le_bytes());
        out.extend_from_slice(&(json.len() as u32).to_le_bytes());
        out.extend_from_slice(&json);
        let sealed = key.seal(&nonce, &out, &packed).unwrap();
        out.extend_from_slice(&sealed);
        let crc = crc32fast::hash(&out);
        out.extend_from_slice(&crc.to_le_bytes());
        out
    }

    #[test]
    fn a_format_1_bundle_is_read_through_the_stream_and_a_huge_entry_is_refused() {
        use super::super::bundle;
        use crate::error::BundleProblem;
        let mut keys = super::super::Keyring::new("format one passphrase".into());
        let list: Vec<LogEntry> = (1..=300).map(|s| entry(s, &format!("面談 {s}"))).collect();
        let bytes = seal_v1(&list, &mut keys);
        let (header, read) = bundle::open(&bytes, &mut keys).unwrap();
        assert_eq!(header.entries, 300);
        assert_eq!(read, list);
        // One note far beyond what a field may hold: stopped while it is
        // read (before, the whole inflated text was read first).
        let huge = vec![entry(1, &"面".repeat(MAX_ENTRY_JSON as usize))];
        let bytes = seal_v1(&huge, &mut keys);
        assert_eq!(
            bundle::open(&bytes, &mut keys).unwrap_err(),
            BundleProblem::Malformed
        );
    }
}
