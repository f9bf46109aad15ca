//! The sealed content of a bundle: change-log entries as compact JSON, deflated.
//!
//! Device ids repeat on every entry, so they are listed once and referred to
//! by index. Values keep their SQLite type: null, integer (a JSON integer),
//! text (a JSON string), real `{"r": 1.5}`, blob `{"b": "hex"}`.

use std::io::{Read, Write};

use flate2::Compression;
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use rusqlite::types::Value;
use serde_json::{Value as J, json};

use super::crypto::{from_hex, to_hex};
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

fn value_from_json(j: &J) -> Option<Value> {
    Some(match j {
        J::Null => Value::Null,
        J::Number(n) => Value::Integer(n.as_i64()?),
        J::String(s) => Value::Text(s.clone()),
        J::Object(o) => match (o.get("r"), o.get("b")) {
            (Some(r), None) => Value::Real(r.as_f64()?),
            (None, Some(b)) => Value::Blob(from_hex(b.as_str()?)?),
            _ => return None,
        },
        _ => return None,
    })
}

/// None when the document is not a list of well-formed entries.
pub fn decode(bytes: &[u8]) -> Option<Vec<LogEntry>> {
    let doc: J = serde_json::from_slice(bytes).ok()?;
    let devices: Vec<String> = doc
        .get("devices")?
        .as_array()?
        .iter()
        .map(|d| d.as_str().filter(|s| !s.is_empty()).map(str::to_string))
        .collect::<Option<_>>()?;
    let device =
        |j: &J| -> Option<String> { devices.get(usize::try_from(j.as_u64()?).ok()?).cloned() };
    doc.get("entries")?
        .as_array()?
        .iter()
        .map(|row| {
            let r = row.as_array()?;
            if r.len() != 12 {
                return None;
            }
            let seq = r[1].as_i64().filter(|s| *s >= 1)?;
            let replaces = match (&r[9], &r[10]) {
                (J::Null, J::Null) => None,
                (d, s) => Some((device(d)?, s.as_i64()?)),
            };
            let also_replaces = r[11]
                .as_array()?
                .iter()
                .map(|p| {
                    let p = p.as_array()?;
                    Some((device(p.first()?)?, p.get(1)?.as_i64()?))
                })
                .collect::<Option<_>>()?;
            Some(LogEntry {
                device_id: device(&r[0])?,
                seq,
                hlc: Hlc {
                    ms: r[2].as_i64()?,
                    counter: r[3].as_i64()?,
                },
                entity: r[4].as_str()?.to_string(),
                record_id: r[5].as_str().filter(|s| !s.is_empty())?.to_string(),
                op: Op::from_code(r[6].as_str()?)?,
                field: r[7].as_str()?.to_string(),
                value: value_from_json(&r[8])?,
                replaces,
                also_replaces,
            })
        })
        .collect()
}

pub fn compress(plain: &[u8]) -> Vec<u8> {
    let mut enc = DeflateEncoder::new(Vec::new(), Compression::default());
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
