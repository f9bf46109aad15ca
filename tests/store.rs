//! The store: round-trips, the change log, tombstones, upgrades, file safety.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use rusqlite::types::Value;
use teichaku::Error;
use teichaku::domain::{
    Category, Contact, Disclosure, Layer, Mode, Participant, Person, ServiceType, Status, Worker,
};
use teichaku::store::{self, Op, Store, migrate};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn full_worker() -> Worker {
    Worker {
        id: store::new_id(),
        display_name: "山田 太郎".into(),
        kana: "やまだ たろう".into(),
        employer: "株式会社みなと物流".into(),
        workplace: "物流センター 出荷課".into(),
        job: "ピッキング".into(),
        categories: vec![Category::Intellectual, Category::Developmental],
        disclosure: Disclosure::Closed,
        hire_date: Some(d(2025, 8, 31)),
        service_type: ServiceType::Extended,
        anchor_date: Some(d(2025, 10, 1)),
        service_start_override: Some(d(2026, 4, 1)),
        service_end_override: Some(d(2029, 3, 31)),
        status: Status::Active,
        staff: "佐藤 美咲".into(),
        memo: "朝が苦手。\n連絡は私用携帯のみ。".into(),
    }
}

fn contact_for(worker_id: &str) -> Contact {
    Contact {
        id: store::new_id(),
        worker_id: worker_id.into(),
        date: d(2026, 11, 2),
        start_time: chrono::NaiveTime::from_hms_opt(14, 30, 0),
        minutes: Some(45),
        mode: Mode::Meeting,
        participants: vec![Participant::Worker, Participant::Family],
        notes: "面談。睡眠は安定している。\n\n休日は図書館で過ごしているとのこと。".into(),
        next_action: "主治医に睡眠状況を共有".into(),
        next_due: Some(d(2026, 11, 16)),
        next_done: None,
        recorded_by: "佐藤 美咲".into(),
        consent_confirmed: false,
    }
}

fn person_for(worker_id: &str) -> Person {
    Person {
        id: store::new_id(),
        worker_id: worker_id.into(),
        name: "高橋 由美".into(),
        role: "相談支援専門員".into(),
        organisation: "相談支援センターひまわり".into(),
        layer: Layer::Welfare,
        phone: "03-0000-1234".into(),
        email: "takahashi@example.jp".into(),
        note: "月1回連絡".into(),
    }
}

#[test]
fn every_entity_round_trips_with_every_field() {
    let mut s = Store::open_in_memory().unwrap();
    let w = full_worker();
    s.add_worker(&w).unwrap();
    assert_eq!(s.worker(&w.id).unwrap(), Some(w.clone()));

    let p = person_for(&w.id);
    s.add_person(&p).unwrap();
    assert_eq!(s.person(&p.id).unwrap(), Some(p.clone()));
    assert_eq!(s.people_for(&w.id).unwrap(), vec![p]);

    let c = contact_for(&w.id);
    s.add_contact(&c).unwrap();
    assert_eq!(s.contact(&c.id).unwrap(), Some(c.clone()));
    assert_eq!(s.contacts_for(&w.id).unwrap(), vec![c.clone()]);

    let rows = s.workers().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].last_contact, Some(c.date));
    assert_eq!(rows[0].contact_count, 1);
}

#[test]
fn a_minimal_worker_round_trips_with_empty_optionals() {
    let mut s = Store::open_in_memory().unwrap();
    let w = Worker::new(store::new_id(), "佐々木".into());
    s.add_worker(&w).unwrap();
    assert_eq!(s.worker(&w.id).unwrap(), Some(w));
}

#[test]
fn create_logs_each_filled_field_once_with_dense_sequence() {
    let mut s = Store::open_in_memory().unwrap();
    let w = full_worker();
    s.add_worker(&w).unwrap();
    let log = s.log_for(&w.id).unwrap();
    let fields: Vec<&str> = log.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields.len(), 15, "{fields:?}");
    assert!(
        log.iter()
            .all(|e| e.op == Op::Create && e.entity == "worker" && e.replaces.is_none())
    );
    assert!(log.iter().all(|e| e.device_id == s.device_id()));
    let seqs: Vec<i64> = s.own_log().unwrap().iter().map(|e| e.seq).collect();
    assert_eq!(seqs, (1..=15).collect::<Vec<_>>());
    let name = log.iter().find(|e| e.field == "display_name").unwrap();
    assert_eq!(name.value, Value::Text("山田 太郎".into()));
    // The clock only moves forward.
    assert!(log.windows(2).all(|p| p[0].hlc < p[1].hlc));
}

#[test]
fn update_logs_only_changed_fields_and_names_the_entry_it_replaced() {
    let mut s = Store::open_in_memory().unwrap();
    let mut w = full_worker();
    s.add_worker(&w).unwrap();
    let created = s.log_for(&w.id).unwrap();
    let old_employer = created
        .iter()
        .find(|e| e.field == "employer")
        .unwrap()
        .clone();

    w.employer = "さくら食品株式会社".into();
    w.hire_date = None;
    assert_eq!(s.update_worker(&w).unwrap(), 2);
    assert_eq!(
        s.update_worker(&w).unwrap(),
        0,
        "saving unchanged writes nothing"
    );

    let log = s.log_for(&w.id).unwrap();
    let updates: Vec<_> = log.iter().filter(|e| e.op == Op::Update).collect();
    assert_eq!(updates.len(), 2);
    let employer = updates.iter().find(|e| e.field == "employer").unwrap();
    assert_eq!(employer.value, Value::Text("さくら食品株式会社".into()));
    assert_eq!(
        employer.replaces,
        Some((old_employer.device_id, old_employer.seq))
    );
    let hire = updates.iter().find(|e| e.field == "hire_date").unwrap();
    assert_eq!(hire.value, Value::Null);
    assert_eq!(
        s.worker(&w.id).unwrap().unwrap().employer,
        "さくら食品株式会社"
    );
    // The sequence stays dense across transactions.
    let seqs: Vec<i64> = s.own_log().unwrap().iter().map(|e| e.seq).collect();
    assert_eq!(seqs, (1..=17).collect::<Vec<_>>());
}

#[test]
fn a_note_edit_chains_to_the_previous_revision() {
    let mut s = Store::open_in_memory().unwrap();
    let w = Worker::new(store::new_id(), "山田".into());
    s.add_worker(&w).unwrap();
    let mut c = contact_for(&w.id);
    c.participants = vec![Participant::Worker];
    s.add_contact(&c).unwrap();
    c.notes.push_str("\n追記: 翌日電話で確認。");
    s.update_contact(&c).unwrap();
    c.notes.push_str("\n追記2");
    s.update_contact(&c).unwrap();
    let notes: Vec<_> = s
        .log_for(&c.id)
        .unwrap()
        .into_iter()
        .filter(|e| e.field == "notes")
        .collect();
    assert_eq!(notes.len(), 3);
    assert_eq!(
        notes[1].replaces,
        Some((notes[0].device_id.clone(), notes[0].seq))
    );
    assert_eq!(
        notes[2].replaces,
        Some((notes[1].device_id.clone(), notes[1].seq))
    );
}

#[test]
fn deletes_are_tombstones_hidden_from_lists_but_kept_in_the_log() {
    let mut s = Store::open_in_memory().unwrap();
    let w = full_worker();
    let other = Worker::new(store::new_id(), "鈴木".into());
    s.add_worker(&w).unwrap();
    s.add_worker(&other).unwrap();
    let p = person_for(&w.id);
    s.add_person(&p).unwrap();
    let c1 = contact_for(&other.id);
    let c2 = contact_for(&other.id);
    s.add_contact(&c1).unwrap();
    s.add_contact(&c2).unwrap();

    s.delete_contact(&c1.id).unwrap();
    assert_eq!(s.contacts_for(&other.id).unwrap(), vec![c2.clone()]);
    assert_eq!(s.contact(&c1.id).unwrap(), None);
    s.delete_person(&p.id).unwrap();
    assert!(s.people_for(&w.id).unwrap().is_empty());
    s.delete_worker(&w.id).unwrap();
    let names: Vec<String> = s
        .workers()
        .unwrap()
        .into_iter()
        .map(|r| r.worker.display_name)
        .collect();
    assert_eq!(names, vec!["鈴木"]);

    for id in [&c1.id, &p.id, &w.id] {
        let log = s.log_for(id).unwrap();
        let last = log.last().unwrap();
        assert_eq!(
            (last.op, last.field.as_str(), &last.value),
            (Op::Delete, "deleted", &Value::Integer(1))
        );
        assert!(log.iter().any(|e| e.op == Op::Create), "history kept");
    }
    // Deleting twice, or editing a deleted record, is refused.
    assert!(matches!(
        s.delete_worker(&w.id),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(s.update_worker(&w), Err(Error::NotFound { .. })));
    // A deleted worker's contacts leave the cross-worker list too.
    s.delete_worker(&other.id).unwrap();
    assert!(s.recent_contacts(10).unwrap().is_empty());
}

#[test]
fn invalid_records_write_nothing() {
    let mut s = Store::open_in_memory().unwrap();
    assert!(matches!(
        s.add_worker(&Worker::new(store::new_id(), " ".into())),
        Err(Error::Invalid(_))
    ));
    let w = full_worker(); // closed employment
    s.add_worker(&w).unwrap();
    let before = s.own_log().unwrap().len();
    let mut visit = contact_for(&w.id);
    visit.mode = Mode::Visit;
    assert!(matches!(s.add_contact(&visit), Err(Error::Invalid(_))));
    let mut with_boss = contact_for(&w.id);
    with_boss.participants.push(Participant::Supervisor);
    assert!(matches!(s.add_contact(&with_boss), Err(Error::Invalid(_))));
    let orphan = contact_for(&store::new_id());
    assert!(matches!(
        s.add_contact(&orphan),
        Err(Error::UnknownWorker { .. })
    ));
    assert_eq!(s.own_log().unwrap().len(), before);
    assert!(s.contacts_for(&w.id).unwrap().is_empty());
}

#[test]
fn workers_are_found_by_id_prefix_name_kana_or_unique_part() {
    let mut s = Store::open_in_memory().unwrap();
    let mut a = Worker::new(store::new_id(), "山田 太郎".into());
    a.kana = "やまだ たろう".into();
    let mut b = Worker::new(store::new_id(), "山田 花子".into());
    b.kana = "やまだ はなこ".into();
    s.add_worker(&a).unwrap();
    s.add_worker(&b).unwrap();
    assert_eq!(
        s.resolve_worker("山田太郎").unwrap().id,
        a.id,
        "spaces ignored"
    );
    assert_eq!(
        s.resolve_worker("やまだ　はなこ").unwrap().id,
        b.id,
        "full-width space"
    );
    assert_eq!(s.resolve_worker("花子").unwrap().id, b.id, "unique part");
    assert_eq!(s.resolve_worker(&a.id).unwrap().id, a.id);
    let len = store::short_id_len(&[&a.id, &b.id]);
    assert_eq!(
        s.resolve_worker(&b.id[..len]).unwrap().id,
        b.id,
        "shortest unique prefix"
    );
    match s.resolve_worker("山田") {
        Err(Error::AmbiguousWorker { candidates, .. }) => assert_eq!(candidates.len(), 2),
        other => panic!("expected ambiguity, got {other:?}"),
    }
    assert!(matches!(
        s.resolve_worker("田中"),
        Err(Error::UnknownWorker { .. })
    ));
    assert!(matches!(
        s.resolve_worker("  "),
        Err(Error::UnknownWorker { .. })
    ));
    s.delete_worker(&a.id).unwrap();
    assert_eq!(
        s.resolve_worker("山田").unwrap().id,
        b.id,
        "deleted workers do not count"
    );
}

// ---- files ----

fn db_path(dir: &tempfile::TempDir) -> std::path::PathBuf {
    dir.path().join("sub").join("teichaku.db")
}

#[test]
fn a_new_database_and_its_folder_are_owner_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_path(&dir);
    let mut s = store::unlock::open(&path, "correct horse battery staple").unwrap();
    s.add_worker(&Worker::new(store::new_id(), "山田".into()))
        .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let key = store::keyfile::key_file_of(&path);
        assert_eq!(mode(&key), 0o600, "the key file too");
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(path.parent().unwrap()), 0o700);
        let wal = path.with_extension("db-wal");
        assert!(wal.exists(), "WAL mode is on");
        assert_eq!(mode(&wal), 0o600);
    }
}

#[test]
fn pragmas_are_set_and_the_device_id_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_path(&dir);
    let device = Store::open(&path, None).unwrap().device_id().to_string();
    let s = Store::open(&path, None).unwrap();
    assert_eq!(s.device_id(), device);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let get = |p: &str| {
        conn.pragma_query_value(None, p, |r| r.get::<_, i64>(0))
            .unwrap()
    };
    assert_eq!(get("application_id"), i64::from(store::APPLICATION_ID));
    assert_eq!(get("user_version"), migrate::LATEST);
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn upgrades_from_an_empty_file_and_from_every_earlier_version() {
    let dir = tempfile::tempdir().unwrap();
    // An empty file (e.g. made by `touch`) is initialised.
    let empty = dir.path().join("empty.db");
    std::fs::File::create(&empty).unwrap();
    Store::open(&empty, None).unwrap();
    for from in 0..migrate::LATEST {
        let path = dir.path().join(format!("v{from}.db"));
        {
            let mut conn = rusqlite::Connection::open(&path).unwrap();
            conn.pragma_update(None, "application_id", store::APPLICATION_ID)
                .unwrap();
            migrate::upgrade(&mut conn, from).unwrap();
            let v: i64 = conn
                .pragma_query_value(None, "user_version", |r| r.get(0))
                .unwrap();
            assert_eq!(v, from);
        }
        let mut s = Store::open(&path, None).unwrap();
        let w = Worker::new(store::new_id(), "山田".into());
        s.add_worker(&w).unwrap();
        assert_eq!(s.worker(&w.id).unwrap(), Some(w));
        drop(s);
        let conn = rusqlite::Connection::open(&path).unwrap();
        let v: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, migrate::LATEST, "from version {from}");
    }
}

fn assert_refused_untouched(path: &std::path::Path, check: impl Fn(&Error) -> bool) {
    let before = std::fs::read(path).unwrap();
    let siblings = |p: &std::path::Path| std::fs::read_dir(p.parent().unwrap()).unwrap().count();
    let files_before = siblings(path);
    match Store::open(path, None) {
        Err(e) => assert!(check(&e), "unexpected error {e:?}"),
        Ok(_) => panic!("{} was opened", path.display()),
    }
    assert_eq!(std::fs::read(path).unwrap(), before, "file changed");
    assert_eq!(siblings(path), files_before, "journal files were created");
}

#[test]
fn a_foreign_sqlite_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('私のメモ');")
            .unwrap();
    }
    assert_refused_untouched(&path, |e| matches!(e, Error::NotOurDatabase { .. }));
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "これはデータベースではありません".repeat(20)).unwrap();
    assert_refused_untouched(&path, |e| matches!(e, Error::NotADatabase { .. }));
    let short = dir.path().join("short.db");
    std::fs::write(&short, b"SQLite").unwrap();
    assert_refused_untouched(&short, |e| matches!(e, Error::NotADatabase { .. }));
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.db");
    {
        let mut s = Store::open(&path, None).unwrap();
        s.add_worker(&Worker::new(store::new_id(), "山田".into()))
            .unwrap();
    }
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", migrate::LATEST + 1)
            .unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    assert_refused_untouched(
        &path,
        |e| matches!(e, Error::NewerSchema { found, .. } if *found == migrate::LATEST + 1),
    );
}
