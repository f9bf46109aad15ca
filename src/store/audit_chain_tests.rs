//! The access log shows any gap (issue 34 item 4): a line deleted, a line
//! changed, the log rewritten consistently with the triggers dropped, the
//! last line deleted — each found by the chain check, which `audit` and
//! `doctor` report; an older database's lines are chained by the migration;
//! a passphrase change and the plaintext → encrypted conversion keep the
//! seal.

use rusqlite::Connection;

use super::*;
use crate::i18n::Lang;
use crate::store::{Access, Store, doctor, migrate, unlock};

const PASS: &str = "correct horse battery staple";

fn with_lines(n: usize) -> Store {
    let s = Store::open_in_memory().unwrap();
    for i in 0..n {
        s.log_access(Access::Read, Some("w1"), &format!("line {i}"))
            .unwrap();
    }
    s
}

fn drop_triggers(c: &Connection) {
    c.execute_batch(
        "DROP TRIGGER access_log_no_update; DROP TRIGGER access_log_no_delete;
         DROP TRIGGER access_log_head_no_delete;",
    )
    .unwrap();
}

/// Every line's hash recomputed from the table as it now is (what someone
/// with SQL and SHA-256 but not the key can do).
fn rechain(c: &Connection) {
    let mut prev = ZERO;
    for (l, _) in lines(c).unwrap() {
        prev = line_hash(&prev, &l);
        c.execute(
            "UPDATE access_log SET hash = ?1 WHERE seq = ?2",
            params![to_hex(&prev), l.seq],
        )
        .unwrap();
    }
}

#[test]
fn an_untouched_log_holds_and_keeps_holding_as_it_grows() {
    let s = with_lines(5);
    assert_eq!(s.access_log_check().unwrap(), None);
    s.log_access(Access::Csv, None, "contacts → stdout")
        .unwrap();
    assert_eq!(s.access_log_check().unwrap(), None);
    let empty = Store::open_in_memory().unwrap();
    assert_eq!(empty.access_log_check().unwrap(), None);
}

#[test]
fn a_deleted_line_is_found_at_the_line_after_it() {
    let s = with_lines(5);
    drop_triggers(s.conn());
    s.conn()
        .execute("DELETE FROM access_log WHERE seq = 3", [])
        .unwrap();
    match s.access_log_check().unwrap() {
        Some(Break::Line {
            seq: 4,
            missing_before: true,
            ..
        }) => {}
        other => panic!("{other:?}"),
    }
    // Lines written afterwards do not hide it.
    s.log_access(Access::Read, None, "later").unwrap();
    assert!(matches!(
        s.access_log_check().unwrap(),
        Some(Break::Line { seq: 4, .. })
    ));
}

#[test]
fn a_line_changed_to_2020_is_found_at_that_line() {
    let s = with_lines(5);
    drop_triggers(s.conn());
    s.conn()
        .execute(
            "UPDATE access_log SET at = '2020-01-06T09:00:00Z' WHERE seq = 2",
            [],
        )
        .unwrap();
    match s.access_log_check().unwrap() {
        Some(Break::Line {
            seq: 2,
            at,
            missing_before: false,
        }) => assert!(at.starts_with("2020-01-06")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_consistent_rewrite_does_not_match_the_sealed_head() {
    let s = with_lines(5);
    drop_triggers(s.conn());
    s.conn()
        .execute_batch(
            "DELETE FROM access_log WHERE seq = 3;
             UPDATE access_log SET at = '2020-01-06T09:00:00Z' WHERE seq = 2;",
        )
        .unwrap();
    rechain(s.conn());
    assert_eq!(
        s.access_log_check().unwrap(),
        Some(Break::End {
            head_seq: 5,
            last_seq: 5
        })
    );
    // A head written to match, without the key, has no valid seal.
    let (seq, hash) = s
        .conn()
        .query_row(
            "SELECT seq, hash FROM access_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
        )
        .unwrap();
    s.conn()
        .execute(
            "UPDATE access_log_head SET seq = ?1, hash = ?2, seal = 'forged'",
            params![seq, hash],
        )
        .unwrap();
    assert_eq!(s.access_log_check().unwrap(), Some(Break::Seal));
    // The next line does not bless it: the head stays broken.
    s.log_access(Access::Read, None, "later").unwrap();
    assert_eq!(s.access_log_check().unwrap(), Some(Break::Seal));
    // The head removed: also a broken seal.
    s.conn().execute("DELETE FROM access_log_head", []).unwrap();
    assert_eq!(s.access_log_check().unwrap(), Some(Break::Seal));
}

#[test]
fn the_last_line_deleted_is_found_and_the_next_line_does_not_hide_it() {
    let s = with_lines(5);
    drop_triggers(s.conn());
    s.conn()
        .execute("DELETE FROM access_log WHERE seq = 5", [])
        .unwrap();
    assert_eq!(
        s.access_log_check().unwrap(),
        Some(Break::End {
            head_seq: 5,
            last_seq: 4
        })
    );
    s.log_access(Access::Read, None, "after").unwrap();
    assert!(matches!(
        s.access_log_check().unwrap(),
        Some(Break::Line {
            seq: 6,
            missing_before: true,
            ..
        })
    ));
}

#[test]
fn the_triggers_still_refuse_edits_and_deletes() {
    let s = with_lines(2);
    for sql in [
        "UPDATE access_log SET staff = 'x'",
        "UPDATE access_log SET hash = NULL",
        "DELETE FROM access_log",
        "DELETE FROM access_log_head",
    ] {
        assert!(s.conn().execute(sql, []).is_err(), "{sql}");
    }
}

#[test]
fn the_migration_chains_the_lines_of_an_older_database() {
    let mut conn = Connection::open_in_memory().unwrap();
    migrate::upgrade(&mut conn, migrate::ACCESS_LOG_CHAINED - 1).unwrap();
    for i in 0..4 {
        conn.execute(
            "INSERT INTO access_log (at, staff, device, action, worker_id, detail)
             VALUES (?1, '佐藤', 'dev', 'open_worker', 'w1', 'worker show')",
            [format!("2026-11-0{}T09:00:00Z", i + 1)],
        )
        .unwrap();
    }
    let key = DbKey::random();
    migrate::upgrade_with_key(&mut conn, migrate::LATEST, Some(&key)).unwrap();
    assert_eq!(verify(&conn, Some(&key)).unwrap(), None);
    // Sealed under this key, not another.
    assert_eq!(
        verify(&conn, Some(&DbKey::random())).unwrap(),
        Some(Break::Seal)
    );
    let hashes: i64 = conn
        .query_row(
            "SELECT count(*) FROM access_log WHERE hash IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(hashes, 4);
}

#[test]
fn doctor_reports_the_break_in_japanese_and_english_and_a_passphrase_change_keeps_the_seal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("teichaku.db");
    let s = unlock::open(&db, PASS).unwrap();
    for i in 0..3 {
        s.log_access(Access::Read, None, &format!("line {i}"))
            .unwrap();
    }
    drop(s);
    let clean = doctor::check(&db, Some(PASS)).unwrap();
    assert!(clean.access_log.is_ok(), "{clean:?}");
    unlock::change(&db, PASS, "another passphrase 1234").unwrap();
    let s = unlock::open(&db, "another passphrase 1234").unwrap();
    assert_eq!(s.access_log_check().unwrap(), None, "rekeyed, still sealed");
    drop_triggers(s.conn());
    s.conn()
        .execute("DELETE FROM access_log WHERE seq = 2", [])
        .unwrap();
    drop(s);
    let found = doctor::check(&db, Some("another passphrase 1234")).unwrap();
    assert_eq!(found.problems(), 1, "{found:?}");
    let last = crate::i18n::backup::LastBackup::None(dir.path().to_path_buf());
    let ja = crate::i18n::backup::report(&found, &last, Lang::Ja);
    assert!(
        ja.contains("アクセスの記録（ハッシュの連鎖）: 1 件の改変の跡")
            && ja.contains("#3")
            && ja.contains("削除されています"),
        "{ja}"
    );
    let en = crate::i18n::backup::report(&found, &last, Lang::En);
    assert!(
        en.contains("Access log (hash chain): 1 sign(s) of tampering")
            && en.contains("#3")
            && en.contains("deleted"),
        "{en}"
    );
}

#[test]
fn a_plaintext_database_encrypted_keeps_a_sealed_log() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("teichaku.db");
    let s = Store::open(&db, None).unwrap();
    s.log_access(Access::Backup, None, "b.tcbak").unwrap();
    drop(s);
    unlock::encrypt_plaintext(&db, PASS).unwrap();
    let s = unlock::open(&db, PASS).unwrap();
    assert_eq!(s.access_log_check().unwrap(), None);
}
