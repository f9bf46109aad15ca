//! The access log as a hash chain (issue 34 item 4): a log that shows any gap.
//!
//! Each line stores `hash = SHA-256(prev_hash ‖ canonical(line))`, where
//! `canonical` is the line's number, time, staff, device, action, worker and
//! detail, each length-prefixed (so no two lines encode alike), and the first
//! line's `prev_hash` is 32 zero bytes. Changing a line, or removing one in
//! the middle, breaks the link of that line or of the next.
//!
//! A chain alone does not show a consistent rewrite (every hash recomputed:
//! SHA-256 needs no key) nor the last lines removed. So the log's **head** —
//! its last number and hash — is kept in `access_log_head`, **sealed** with
//! HMAC-SHA-256 under a key derived from the database key (`DbKey::
//! log_seal_key`: its draft half, which a passphrase change keeps). That key
//! is not in the database: it is in the key file, sealed under the
//! passphrase. A plain SQL edit of the tables — even with the triggers
//! dropped, even recomputing every hash — cannot write a head that verifies.
//! The head lives in the database, not in a separate file, so a line and its
//! head are written in one transaction: a crash never leaves them apart.
//!
//! Appending chains from the head, never from the table's last line: a line
//! written after tampering leaves the break visible. A head whose seal does
//! not verify is never sealed again (its seal stays `broken`), so tampering
//! is not blessed by the next read.
//!
//! What it guarantees: **tamper-evident, not tamper-proof**. Anyone holding
//! the passphrase can unseal the database key, and with it write a head that
//! verifies; and the whole log rolled back to an earlier sealed state (as a
//! restored backup would be) is not seen here — only by comparing with an
//! `audit --json` kept elsewhere. A plaintext or in-memory store (tests,
//! benches, before encryption) has no secret: its head is sealed under a
//! fixed key, resealed under the real one when the database is encrypted.

use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use super::keyfile::DbKey;
use crate::crypto::{from_hex, to_hex};
use crate::error::{DbContext, Result, Task};

/// Schema step (migrate.rs), before the existing lines are chained: the
/// hash column, the head, and no update trigger while the hashes are filled.
pub const CHAIN_BEFORE: &str = "
DROP TRIGGER access_log_no_update;
ALTER TABLE access_log ADD COLUMN hash TEXT;
CREATE TABLE access_log_head (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    seq   INTEGER NOT NULL,
    hash  TEXT NOT NULL,
    seal  TEXT NOT NULL
) STRICT;
";

/// Schema step, after: the log append-only again, the head never deleted.
pub const CHAIN_AFTER: &str = "
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
CREATE TRIGGER access_log_head_no_delete BEFORE DELETE ON access_log_head
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
";

/// The seal of a head written over one that did not verify.
const BROKEN: &str = "broken";
const ZERO: [u8; 32] = [0; 32];

/// The first place the chain does not hold, for `audit` and `doctor`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Break {
    /// Line `seq` (written at `at`) does not follow from the line before it:
    /// it was changed, or (`missing_before`: its number skips) lines before
    /// it were removed.
    Line {
        seq: i64,
        at: String,
        missing_before: bool,
    },
    /// The head says the log ends at line `head_seq`; the table ends at
    /// `last_seq`: lines at the end were removed (`head_seq > last_seq`) or
    /// the log was rewritten with every hash recomputed.
    End { head_seq: i64, last_seq: i64 },
    /// The head's seal is not one this database's key made (the head was
    /// written, or removed, without it).
    Seal,
}

/// One line's fields as they are hashed.
struct Line {
    seq: i64,
    at: String,
    staff: String,
    device: String,
    action: String,
    worker_id: Option<String>,
    detail: String,
}

fn field(h: &mut Sha256, s: &str) {
    h.update((s.len() as u64).to_be_bytes());
    h.update(s.as_bytes());
}

/// Frozen with schema step 24, like its SQL: every chained database holds
/// hashes made by this encoding; another one needs a new step that chains
/// again.
fn line_hash(prev: &[u8; 32], l: &Line) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(b"teichaku access log v1\0");
    h.update(prev);
    h.update(l.seq.to_be_bytes());
    for s in [&l.at, &l.staff, &l.device, &l.action] {
        field(&mut h, s);
    }
    match &l.worker_id {
        None => h.update([0u8]),
        Some(w) => {
            h.update([1u8]);
            field(&mut h, w);
        }
    }
    field(&mut h, &l.detail);
    h.finalize().into()
}

/// The key heads are sealed with: from the database key, or a fixed one for
/// a store without a key.
fn seal_key(key: Option<&DbKey>) -> [u8; 32] {
    match key {
        Some(k) => k.log_seal_key(),
        None => Sha256::digest(b"teichaku access-log head: no key").into(),
    }
}

/// HMAC-SHA-256 (RFC 2104) of the head.
fn seal(key: &[u8; 32], seq: i64, hash: &[u8; 32]) -> String {
    let mut k = [0u8; 64];
    k[..32].copy_from_slice(key);
    let pad = |b: u8| k.map(|x| x ^ b);
    let mut inner = Sha256::new();
    inner.update(pad(0x36));
    inner.update(b"teichaku access-log head v1\0");
    inner.update(seq.to_be_bytes());
    inner.update(hash);
    let mut outer = Sha256::new();
    outer.update(pad(0x5c));
    outer.update(inner.finalize());
    to_hex(&outer.finalize())
}

fn hash_of(hex: &str) -> Option<[u8; 32]> {
    from_hex(hex).and_then(|v| <[u8; 32]>::try_from(v).ok())
}

/// The head as stored: number, hash, whether its seal verifies.
fn head(conn: &Connection, key: Option<&DbKey>) -> rusqlite::Result<Option<(i64, [u8; 32], bool)>> {
    let row: Option<(i64, String, String)> = conn
        .query_row(
            "SELECT seq, hash, seal FROM access_log_head WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    Ok(row.map(|(seq, hash, s)| {
        let h = hash_of(&hash);
        let ok = h.is_some_and(|h| s == seal(&seal_key(key), seq, &h));
        (seq, h.unwrap_or(ZERO), ok)
    }))
}

fn write_head(conn: &Connection, seq: i64, hash: &[u8; 32], seal: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO access_log_head (id, seq, hash, seal) VALUES (1, ?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET seq = ?1, hash = ?2, seal = ?3",
        params![seq, to_hex(hash), seal],
    )?;
    Ok(())
}

/// The migration's part in code (between [`CHAIN_BEFORE`] and
/// [`CHAIN_AFTER`], in the same transaction): the existing lines chained in
/// their order, and the head sealed.
pub(crate) fn chain_existing(conn: &Connection, key: Option<&DbKey>) -> Result<()> {
    let lines = lines(conn).during(Task::UpgradeDatabase)?;
    let mut prev = ZERO;
    let mut last = 0;
    for (l, _) in &lines {
        prev = line_hash(&prev, l);
        last = l.seq;
        conn.execute(
            "UPDATE access_log SET hash = ?1 WHERE seq = ?2",
            params![to_hex(&prev), l.seq],
        )
        .during(Task::UpgradeDatabase)?;
    }
    write_head(conn, last, &prev, &seal(&seal_key(key), last, &prev)).during(Task::UpgradeDatabase)
}

fn lines(conn: &Connection) -> rusqlite::Result<Vec<(Line, Option<String>)>> {
    let mut stmt = conn.prepare(
        "SELECT seq, at, staff, device, action, worker_id, detail, hash
         FROM access_log ORDER BY seq",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            Line {
                seq: r.get(0)?,
                at: r.get(1)?,
                staff: r.get(2)?,
                device: r.get(3)?,
                action: r.get(4)?,
                worker_id: r.get(5)?,
                detail: r.get(6)?,
            },
            r.get(7)?,
        ))
    })?;
    rows.collect()
}

/// Appends one line, chained from the head, and moves the head, together:
/// in a savepoint of the caller's transaction, or in a transaction of its
/// own that takes the write lock before it reads the head (another
/// connection writing meanwhile makes it wait, not fail).
#[allow(clippy::too_many_arguments)]
pub(crate) fn append(
    conn: &Connection,
    key: Option<&DbKey>,
    at: &str,
    staff: &str,
    device: &str,
    action: &str,
    worker_id: Option<&str>,
    detail: &str,
) -> Result<()> {
    let own = conn.is_autocommit();
    let (begin, commit, rollback) = if own {
        ("BEGIN IMMEDIATE", "COMMIT", "ROLLBACK")
    } else {
        (
            "SAVEPOINT access_log_append",
            "RELEASE access_log_append",
            "ROLLBACK TO access_log_append; RELEASE access_log_append",
        )
    };
    conn.execute_batch(begin).during(Task::SaveRecords)?;
    let written = (|| -> rusqlite::Result<()> {
        let (head_seq, prev, sealed) = head(conn, key)?.unwrap_or((0, ZERO, false));
        let table_last: i64 =
            conn.query_row("SELECT coalesce(max(seq), 0) FROM access_log", [], |r| {
                r.get(0)
            })?;
        // Past both: a head set back must not make the next line collide.
        let seq = head_seq.max(table_last).saturating_add(1);
        let line = Line {
            seq,
            at: at.to_string(),
            staff: staff.to_string(),
            device: device.to_string(),
            action: action.to_string(),
            worker_id: worker_id.map(str::to_string),
            detail: detail.to_string(),
        };
        let hash = line_hash(&prev, &line);
        conn.prepare_cached(
            "INSERT INTO access_log (seq, at, staff, device, action, worker_id, detail, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            seq,
            at,
            staff,
            device,
            action,
            worker_id,
            detail,
            to_hex(&hash)
        ])?;
        let s = if sealed {
            seal(&seal_key(key), seq, &hash)
        } else {
            BROKEN.to_string()
        };
        write_head(conn, seq, &hash, &s)
    })();
    match written {
        Ok(()) => conn.execute_batch(commit).or_else(|e| {
            let _ = conn.execute_batch(rollback);
            Err(e).during(Task::SaveRecords)
        }),
        Err(e) => {
            let _ = conn.execute_batch(rollback);
            Err(e).during(Task::SaveRecords)
        }
    }
}

/// Checks the whole chain and its head: None when it holds, else the first
/// place it does not.
pub fn verify(conn: &Connection, key: Option<&DbKey>) -> Result<Option<Break>> {
    let lines = lines(conn).during(Task::ReadRecords)?;
    let mut prev = ZERO;
    let mut prev_seq = 0;
    for (l, stored) in &lines {
        let want = line_hash(&prev, l);
        if stored.as_deref().and_then(hash_of) != Some(want) {
            return Ok(Some(Break::Line {
                seq: l.seq,
                at: l.at.clone(),
                missing_before: l.seq != prev_seq + 1,
            }));
        }
        prev = want;
        prev_seq = l.seq;
    }
    let Some((head_seq, head_hash, sealed)) = head(conn, key).during(Task::ReadRecords)? else {
        return Ok(Some(Break::Seal));
    };
    if !sealed {
        return Ok(Some(Break::Seal));
    }
    if head_seq != prev_seq || head_hash != prev {
        return Ok(Some(Break::End {
            head_seq,
            last_seq: prev_seq,
        }));
    }
    Ok(None)
}

/// After the database was encrypted from plaintext: the head, sealed under
/// the fixed key, sealed again under the new key if it verified.
pub(crate) fn reseal(conn: &Connection, from: Option<&DbKey>, to: &DbKey) -> Result<()> {
    let Some((seq, hash, sealed)) = head(conn, from).during(Task::UpgradeDatabase)? else {
        return Ok(());
    };
    let s = if sealed {
        seal(&seal_key(Some(to)), seq, &hash)
    } else {
        BROKEN.to_string()
    };
    write_head(conn, seq, &hash, &s).during(Task::UpgradeDatabase)
}

#[cfg(test)]
#[path = "audit_chain_tests.rs"]
mod tests;
