//! Frozen migrations (issue 30 item 2): the schema every shipped version
//! makes is checked in (`fixtures/schema/vNN.sql`), so an edited step fails
//! here; an import leaves the schema's own trigger text; and a populated,
//! encrypted database of every shipped version upgrades and reads back.

use std::path::PathBuf;

use rusqlite::{Connection, params};

use super::{LATEST, upgrade};
use crate::store::{DbKey, connect, keyfile, unlock};

/// The schema as `sqlite_master` holds it, one object a line (its SQL on
/// the lines after), in a stable order.
fn schema(conn: &Connection) -> String {
    let mut stmt = conn
        .prepare(
            "SELECT type, name, coalesce(sql, '') FROM sqlite_master
             WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| {
            Ok(format!(
                "-- {} {}\n{};\n",
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?
            ))
        })
        .unwrap();
    rows.map(Result::unwrap).collect()
}

fn snapshot(version: i64) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join("schema")
        .join(format!("v{version:02}.sql"))
}

fn schema_at(version: i64) -> String {
    let mut conn = Connection::open_in_memory().unwrap();
    upgrade(&mut conn, version).unwrap();
    schema(&conn)
}

#[test]
fn every_shipped_versions_schema_is_the_one_checked_in() {
    for v in 1..=LATEST {
        let Ok(want) = std::fs::read_to_string(snapshot(v)) else {
            panic!(
                "no schema snapshot for version {v}: run \
                 `cargo test --lib write_missing_schema_snapshots -- --ignored` and commit it"
            );
        };
        assert!(
            schema_at(v) == want.replace("\r\n", "\n"),
            "the schema of version {v} is not {}: a shipped step was edited — \
             add a new step instead",
            snapshot(v).display()
        );
    }
}

/// Writes the snapshot of a version that has none yet (a new step); never
/// one that exists.
#[test]
#[ignore]
fn write_missing_schema_snapshots() {
    std::fs::create_dir_all(snapshot(1).parent().unwrap()).unwrap();
    for v in 1..=LATEST {
        if !snapshot(v).exists() {
            std::fs::write(snapshot(v), schema_at(v)).unwrap();
        }
    }
}

#[test]
fn an_import_leaves_the_schema_as_the_migrations_made_it() {
    let mut a = crate::store::Store::open_in_memory().unwrap();
    let mut b = crate::store::Store::open_in_memory().unwrap();
    let w = crate::domain::Worker::new(crate::store::new_id(), "山田 太郎".into());
    a.add_worker(&w).unwrap();
    let before = schema(b.conn());
    let out = a.outgoing(true).unwrap();
    let batch = crate::store::RemoteBatch {
        bundle_id: "b1".into(),
        sender: a.device_id().to_string(),
        known: out.known,
        entries: out.entries,
        ..Default::default()
    };
    b.import_batches(&[batch], crate::store::MassDelete::Allow)
        .unwrap();
    assert_eq!(schema(b.conn()), before);
    // The triggers work again: a local write is found by search.
    let mut again = b.worker(&w.id).unwrap().unwrap();
    again.memo = "配置転換の相談".into();
    b.update_worker(&again).unwrap();
    assert_eq!(b.search("配置転換", 10).unwrap().len(), 1);
}

const PASS: &str = "a fixture passphrase for the upgrade test";

/// Rows as a version-1 teichaku wrote them (the tables every version has),
/// written with plain SQL at `version`'s schema.
fn populate(conn: &Connection) {
    let at = "2025-04-01T09:00:00.000Z";
    conn.execute(
        "INSERT INTO workers (id, display_name, kana, employer, hire_date, memo, created_at, updated_at)
         VALUES ('w1', '山田 太郎', 'やまだ たろう', '株式会社みなと物流', '2025-04-01', '通勤は電車', ?1, ?1)",
        [at],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO people (id, worker_id, name, role, created_at, updated_at)
         VALUES ('p1', 'w1', '田中 一郎', '上司', ?1, ?1)",
        [at],
    )
    .unwrap();
    for (id, date, notes) in [
        ("c1", "2025-04-10", "初回面談。職場の様子を確認した。"),
        ("c2", "2025-05-08", "職場訪問。配置転換の相談。"),
    ] {
        conn.execute(
            "INSERT INTO contacts (id, worker_id, date, mode, notes, created_at, updated_at)
             VALUES (?1, 'w1', ?2, 'visit', ?3, ?4, ?4)",
            params![id, date, notes, at],
        )
        .unwrap();
    }
}

#[test]
fn a_populated_encrypted_database_of_every_shipped_version_upgrades_and_reads_back() {
    for v in 1..=LATEST {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("teichaku.db");
        let key = DbKey::random();
        let mut conn = connect(&db, Some(&key)).unwrap();
        upgrade(&mut conn, v).unwrap();
        populate(&conn);
        drop(conn);
        keyfile::seal(&db, PASS, &[&key]).unwrap();

        let store = unlock::open(&db, PASS).unwrap_or_else(|e| panic!("version {v}: {e:?}"));
        let found: i64 = store
            .conn()
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(found, LATEST, "version {v} upgraded");
        let w = store.worker("w1").unwrap().expect("the worker reads back");
        assert_eq!(
            (
                w.display_name.as_str(),
                w.employer.as_str(),
                w.memo.as_str()
            ),
            ("山田 太郎", "株式会社みなと物流", "通勤は電車"),
            "version {v}"
        );
        assert_eq!(store.people_for("w1").unwrap().len(), 1, "version {v}");
        let notes: Vec<String> = store
            .contacts_for("w1")
            .unwrap()
            .into_iter()
            .map(|c| c.notes)
            .collect();
        assert_eq!(notes.len(), 2, "version {v}: {notes:?}");
        // Rows from before the search index (version 4) are found by search.
        assert_eq!(
            store.search("配置転換", 10).unwrap().len(),
            1,
            "version {v}"
        );
    }
}
