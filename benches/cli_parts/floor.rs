//! The SQLCipher floor: the least any program pays to do a case's work on the
//! encrypted file. This bench binary, re-run with `FLOOR_DB`/`FLOOR_KEY` set,
//! opens the encrypted copy with the raw database key (no KDF, no key file,
//! no schema check, no settings), runs the case's sqlite3 script through the
//! same SQLCipher build teichaku links, and prints rows as sqlite3 does
//! (`|`-separated, or CSV after `.mode csv`; `.headers on`; `.output FILE`).
//!
//! sqlite3 cannot read an encrypted file, so its run is on the plaintext
//! twin: floor ÷ sqlite3 is what encryption at rest itself costs a command,
//! teichaku ÷ floor what teichaku adds on top.

use std::io::Write;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};

pub const DB: &str = "FLOOR_DB";
pub const KEY: &str = "FLOOR_KEY";

/// Runs the floor when this process was started as one; false otherwise.
pub fn run_if_asked() -> bool {
    let (Ok(db), Ok(key)) = (std::env::var(DB), std::env::var(KEY)) else {
        return false;
    };
    let mut script = String::new();
    std::io::Read::read_to_string(&mut std::io::stdin(), &mut script).unwrap();
    teichaku::store::openssl_init::once();
    let conn = Connection::open_with_flags(
        &db,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .unwrap();
    conn.execute_batch(&format!(
        "PRAGMA key = \"x'{key}'\"; PRAGMA synchronous = FULL;"
    ))
    .unwrap();
    let stdout = std::io::stdout();
    let mut out: Box<dyn Write> = Box::new(std::io::BufWriter::new(stdout.lock()));
    let (mut csv, mut headers) = (false, false);
    let mut sql = String::new();
    for line in script.lines() {
        match line.split_once(' ') {
            Some((".headers", v)) => headers = v == "on",
            Some((".mode", v)) => csv = v == "csv",
            Some((".output", "stdout")) => {
                out.flush().unwrap();
                out = Box::new(std::io::BufWriter::new(stdout.lock()));
            }
            Some((".output", path)) => {
                out.flush().unwrap();
                let file = std::fs::File::create(path.trim_matches('\'')).unwrap();
                out = Box::new(std::io::BufWriter::new(file));
            }
            // The scripts end each statement with `;` at the end of a line.
            _ => {
                sql.push_str(line);
                sql.push('\n');
                if line.trim_end().ends_with(';') {
                    run_sql(&conn, &std::mem::take(&mut sql), &mut out, csv, headers);
                }
            }
        }
    }
    out.flush().unwrap();
    true
}

fn run_sql(conn: &Connection, sql: &str, out: &mut dyn Write, csv: bool, headers: bool) {
    let mut stmt = conn.prepare(sql).unwrap();
    {
        let n = stmt.column_count();
        let sep = if csv { "," } else { "|" };
        if headers && n > 0 {
            let names: Vec<String> = stmt.column_names().map(str::to_string).collect();
            writeln!(out, "{}", names.join(sep)).unwrap();
        }
        let mut rows = stmt.raw_query();
        while let Some(row) = rows.next().unwrap() {
            for i in 0..n {
                if i > 0 {
                    out.write_all(sep.as_bytes()).unwrap();
                }
                let text = match row.get_ref(i).unwrap() {
                    ValueRef::Null => String::new(),
                    ValueRef::Integer(v) => v.to_string(),
                    ValueRef::Real(v) => v.to_string(),
                    ValueRef::Text(t) | ValueRef::Blob(t) => {
                        String::from_utf8_lossy(t).into_owned()
                    }
                };
                if csv && text.contains([',', '"', '\n', '\r']) {
                    write!(out, "\"{}\"", text.replace('"', "\"\"")).unwrap();
                } else {
                    out.write_all(text.as_bytes()).unwrap();
                }
            }
            out.write_all(b"\n").unwrap();
        }
    }
}
