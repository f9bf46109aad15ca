//! The sealed content of a bundle: change-log entries as compact JSON, deflated.
//!
//! Device ids repeat on every entry, so they are listed once and referred to
//! by index. Values keep their SQLite type: null, integer (a JSON integer),
//! text (a JSON string), real `{"r": 1.5}`, blob `{"b": "hex"}`.

use std::collections::HashMap;
use std::io::{Read, Write};

use flate2::Compression;
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use rusqlite::types::Value;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Value as J, json};

use crate::crypto::{from_hex, to_hex};
use crate::store::{Hlc, LogEntry, Op};

fn index<'a>(d: &'a str, devices: &mut Vec<&'a str>) -> usize {
    match devices.iter().position(|x| *x == d) {
        Some(i) => i,
        None => {
            devices.push(d);
            devices.len() - 1
        }
    }
}

pub fn encode(entries: &[LogEntry]) -> Vec<u8> {
    let mut devices: Vec<&str> = Vec::new();
    let mut rows = Vec::with_capacity(entries.len());
    for e in entries {
        let dev = index(&e.device_id, &mut devices);
        let prev = e
            .replaces
            .as_ref()
            .map(|(d, s)| (index(d, &mut devices), *s));
        let also: Vec<J> = e
            .also_replaces
            .iter()
            .map(|(d, s)| json!([index(d, &mut devices), s]))
            .collect();
        rows.push(json!([
            dev,
            e.seq,
            e.hlc.ms,
            e.hlc.counter,
            e.entity,
            e.record_id,
            e.op.code(),
            e.field,
            value_to_json(&e.value),
            prev.map(|p| p.0),
            prev.map(|p| p.1),
            also
        ]));
    }
    let doc = json!({ "devices": devices, "entries": rows });
    serde_json::to_vec(&doc).unwrap_or_default()
}

fn value_to_json(v: &Value) -> J {
    match v {
        Value::Null => J::Null,
        Value::Integer(i) => json!(i),
        Value::Real(r) => json!({ "r": r }),
        Value::Text(t) => json!(t),
        Value::Blob(b) => json!({ "b": to_hex(b) }),
    }
}

/// None when the document is not a list of well-formed entries (format 1:
/// one JSON document, the devices first).
pub fn decode(bytes: &[u8]) -> Option<Vec<LogEntry>> {
    #[derive(Deserialize)]
    struct Doc {
        devices: Vec<String>,
        entries: Vec<Row>,
    }
    let doc: Doc = serde_json::from_slice(bytes).ok()?;
    if doc.devices.iter().any(String::is_empty) {
        return None;
    }
    doc.entries
        .into_iter()
        .map(|row| row.into_entry(&doc.devices))
        .collect()
}

/// One entry as written: devices by their index in the bundle's list.
#[derive(Deserialize)]
pub(super) struct Row(
    usize,
    i64,
    i64,
    i64,
    String,
    String,
    String,
    String,
    Val,
    Option<usize>,
    Option<i64>,
    Vec<(usize, i64)>,
);

impl Row {
    pub(super) fn into_entry(self, devices: &[String]) -> Option<LogEntry> {
        let device = |i: usize| devices.get(i).cloned();
        let Row(dev, seq, ms, counter, entity, record_id, op, field, value, pd, ps, also) = self;
        if seq < 1 || record_id.is_empty() {
            return None;
        }
        let replaces = match (pd, ps) {
            (None, None) => None,
            (Some(d), Some(s)) => Some((device(d)?, s)),
            _ => return None,
        };
        Some(LogEntry {
            device_id: device(dev)?,
            seq,
            hlc: Hlc { ms, counter },
            entity,
            record_id,
            op: Op::from_code(&op)?,
            field,
            value: value.0,
            replaces,
            also_replaces: also
                .into_iter()
                .map(|(d, s)| Some((device(d)?, s)))
                .collect::<Option<_>>()?,
        })
    }
}

/// A value as written: null, integer, text, `{"r": real}` or `{"b": "hex"}`.
struct Val(Value);

impl<'de> Deserialize<'de> for Val {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Val;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a change-log value")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Val, E> {
                Ok(Val(Value::Null))
            }
            fn visit_none<E: de::Error>(self) -> Result<Val, E> {
                Ok(Val(Value::Null))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Val, E> {
                Ok(Val(Value::Integer(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Val, E> {
                i64::try_from(v)
                    .map(|v| Val(Value::Integer(v)))
                    .map_err(|_| E::custom("integer out of range"))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Val, E> {
                Ok(Val(Value::Text(v.to_string())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Val, E> {
                Ok(Val(Value::Text(v)))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Val, A::Error> {
                let value = match m.next_key::<&str>()? {
                    Some("r") => Value::Real(m.next_value::<f64>()?),
                    Some("b") => {
                        let hex: std::borrow::Cow<'de, str> = m.next_value()?;
                        Value::Blob(from_hex(&hex).ok_or_else(|| de::Error::custom("hex"))?)
                    }
                    _ => return Err(de::Error::custom("unknown value")),
                };
                if m.next_key::<&str>()?.is_some() {
                    return Err(de::Error::custom("unknown value"));
                }
                Ok(Val(value))
            }
        }
        d.deserialize_any(V)
    }
}

/// A value as written, borrowed (see [`Val`]).
struct ValRef<'a>(&'a Value);

impl Serialize for ValRef<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self.0 {
            Value::Null => s.serialize_unit(),
            Value::Integer(i) => s.serialize_i64(*i),
            Value::Text(t) => s.serialize_str(t),
            Value::Real(r) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("r", r)?;
                m.end()
            }
            Value::Blob(b) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("b", &to_hex(b))?;
                m.end()
            }
        }
    }
}

/// Format 2's entries: one JSON value a line, streamed. A string names the
/// next device (index 0, 1, …) the first time it is needed; an array is an
/// entry, as in format 1.
#[derive(Default)]
pub struct Encoder {
    devices: HashMap<String, usize>,
}

impl Encoder {
    fn device(&mut self, d: &str, out: &mut Vec<u8>) -> usize {
        if let Some(&i) = self.devices.get(d) {
            return i;
        }
        let i = self.devices.len();
        self.devices.insert(d.to_string(), i);
        // A string cannot fail to serialize.
        let _ = serde_json::to_writer(&mut *out, d);
        out.push(b'\n');
        i
    }

    /// Appends `e` (and any device it names first) to `out`.
    pub fn push(&mut self, e: &LogEntry, out: &mut Vec<u8>) {
        let dev = self.device(&e.device_id, out);
        let prev = e.replaces.as_ref().map(|(d, s)| (self.device(d, out), *s));
        let also: Vec<(usize, i64)> = e
            .also_replaces
            .iter()
            .map(|(d, s)| (self.device(d, out), *s))
            .collect();
        let row = (
            dev,
            e.seq,
            e.hlc.ms,
            e.hlc.counter,
            &e.entity,
            &e.record_id,
            e.op.code(),
            &e.field,
            ValRef(&e.value),
            prev.map(|p| p.0),
            prev.map(|p| p.1),
            also,
        );
        // Writing into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *out, &row);
        out.push(b'\n');
    }
}

/// Reads format 2's entries back, piece by piece (the device list carries
/// over from one piece to the next).
#[derive(Default)]
pub struct Decoder {
    devices: Vec<String>,
}

/// A line of format 2.
enum Item {
    Device(String),
    Entry(Row),
}

impl<'de> Deserialize<'de> for Item {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Item;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a device or an entry")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Item, E> {
                Ok(Item::Device(v.to_string()))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Item, A::Error> {
                Row::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(Item::Entry)
            }
        }
        d.deserialize_any(V)
    }
}

impl Decoder {
    /// Calls `each` with every entry of one piece, in order; None when the
    /// piece is not well formed.
    pub fn piece<E>(
        &mut self,
        plain: &[u8],
        each: &mut dyn FnMut(LogEntry) -> Result<(), E>,
    ) -> Option<Result<u64, E>> {
        let mut n = 0;
        for item in serde_json::Deserializer::from_slice(plain).into_iter::<Item>() {
            match item.ok()? {
                Item::Device(d) if !d.is_empty() => self.devices.push(d),
                Item::Device(_) => return None,
                Item::Entry(row) => {
                    if let Err(e) = each(row.into_entry(&self.devices)?) {
                        return Some(Err(e));
                    }
                    n += 1;
                }
            }
        }
        Some(Ok(n))
    }
}

/// Deflates one frame at a fast level: at the default level (6) deflate was
/// 59% of a full export's time, for bundles only ~10% smaller. Level 2, not 1:
/// zlib-rs's level 1 is its "quick" strategy (the bench agency's full bundle
/// 34.9 MB against 27.1 MB at level 2, for 0.17 s less export).
pub fn compress(plain: &[u8]) -> Vec<u8> {
    let mut enc = DeflateEncoder::new(Vec::new(), Compression::new(2));
    // Writing into a Vec cannot fail.
    let _ = enc.write_all(plain);
    enc.finish().unwrap_or_default()
}

/// Inflates at most `expected` bytes; None if the data is bad or its size is
/// not exactly `expected` (a bomb stops at `expected + 1`).
pub fn decompress(data: &[u8], expected: u64) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(usize::try_from(expected.min(64 << 20)).ok()?);
    DeflateDecoder::new(data)
        .take(expected.checked_add(1)?)
        .read_to_end(&mut out)
        .ok()?;
    (out.len() as u64 == expected).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(seq: i64, value: Value) -> LogEntry {
        LogEntry {
            device_id: "dev-a".into(),
            seq,
            hlc: Hlc { ms: 10, counter: 2 },
            entity: "contact".into(),
            record_id: "r1".into(),
            op: Op::Update,
            field: "notes".into(),
            value,
            replaces: Some(("dev-b".into(), 4)),
            also_replaces: vec![("dev-c".into(), 9)],
        }
    }

    #[test]
    fn entries_of_every_value_type_round_trip() {
        let entries = vec![
            entry(1, Value::Null),
            entry(2, Value::Integer(-3)),
            entry(3, Value::Real(1.0)),
            entry(4, Value::Text("面談 \"ok\"".into())),
            entry(5, Value::Blob(vec![0, 255])),
        ];
        let bytes = encode(&entries);
        assert_eq!(decode(&bytes).unwrap(), entries);
        let packed = compress(&bytes);
        assert_eq!(decompress(&packed, bytes.len() as u64).unwrap(), bytes);
        assert!(decompress(&packed, bytes.len() as u64 - 1).is_none());
        assert!(decode(b"{\"devices\":[],\"entries\":[[0]]}").is_none());
    }
}
