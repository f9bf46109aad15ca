//! The bundle format, frozen: a bundle written by teichaku (format 1) and
//! committed under `fixtures/golden/` must open, decode byte for byte and import
//! to exactly the records it held. A change to the format, the payload
//! encoding or the merge rules then shows here as a decision, not an accident.
//!
//! The fixture was made once by the ignored test `write_the_golden_bundle`
//! (`cargo test --test golden_bundle -- --ignored`); do not regenerate it to
//! make a failure go away: old bundles in the field look like this one.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use common::Laptop;
use teichaku::domain::{Layer, Person, PlanReview, Worker};
use teichaku::store::{MassDelete, Store, new_id};
use teichaku::sync::{self, Keyring, bundle, payload};

const PASS: &str = "ゴールデン同期ファイル 2026";

fn golden(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join("golden")
        .join(name)
}

#[test]
fn the_golden_bundle_opens_and_its_payload_encodes_to_the_same_bytes() {
    let bytes = std::fs::read(golden("bundle-v1.tcsync")).unwrap();
    let (header, entries) = bundle::open(&bytes, &mut Keyring::new(PASS.into())).unwrap();
    assert_eq!(header.entries as usize, entries.len());
    assert!(header.full);
    // The entries re-encode to exactly the payload that was sealed.
    let plain = payload::encode(&entries);
    assert_eq!(plain.len() as u64, header.plain_len);
    let expected = std::fs::read(golden("bundle-v1.payload.json")).unwrap();
    assert!(plain == expected, "the payload encoding changed");
    // A wrong passphrase is refused, not misread.
    assert!(bundle::open(&bytes, &mut Keyring::new("違う合言葉です、はい".into())).is_err());
}

#[test]
fn the_golden_bundle_imports_to_exactly_the_records_it_held() {
    let mut store = Store::open_in_memory().unwrap();
    let report = sync::import_files(
        &mut store,
        &mut Keyring::new(PASS.into()),
        &[golden("bundle-v1.tcsync")],
        MassDelete::Allow,
    )
    .unwrap();
    assert!(
        report.new_entries > 0 && report.new_conflicts == 0,
        "{report:?}"
    );
    insta::assert_snapshot!("golden_bundle_v1_records", store.canonical_dump().unwrap());
    // Everything a bundle can carry came through: a resolved conflict, a
    // tombstone, a person, a plan review.
    let w = store.resolve_worker("山田").unwrap();
    let contacts = store.contacts_for(&w.id).unwrap();
    assert_eq!(contacts.len(), 1, "the deleted contact stays deleted");
    assert!(
        contacts[0].notes.contains("まとめ"),
        "{:?}",
        contacts[0].notes
    );
    assert_eq!(store.people_for(&w.id).unwrap().len(), 1);
    assert_eq!(store.plan_reviews_for(&w.id).unwrap().len(), 1);
    assert!(store.conflicts().unwrap().is_empty());
}

/// Makes the fixture. Run by hand only, when a new format version is decided.
#[test]
#[ignore]
fn write_the_golden_bundle() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Laptop::new(0);
    let mut b = Laptop::new(1);
    let mut w = Worker::new(new_id(), "山田 太郎".into());
    w.kana = "やまだ たろう".into();
    w.employer = "株式会社みなと物流".into();
    w.hire_date = NaiveDate::from_ymd_opt(2025, 4, 1);
    a.store.add_worker(&w).unwrap();
    a.store
        .add_person(&Person {
            id: new_id(),
            worker_id: w.id.clone(),
            name: "田中 一郎".into(),
            role: "上司".into(),
            organisation: "株式会社みなと物流".into(),
            layer: Layer::Company,
            phone: String::new(),
            email: String::new(),
            note: "週1回の声かけ".into(),
        })
        .unwrap();
    let c = a.add_contact(&w.id, "初回面談。職場の様子を確認した。");
    let first = dir.path().join("a-1.tcsync");
    let mut keys = Keyring::new(PASS.into());
    sync::export_to(&mut a.store, &mut keys, &first, false, true).unwrap();
    sync::import_files(&mut b.store, &mut keys, &[first], MassDelete::Allow).unwrap();
    a.advance(60_000);
    b.advance(120_000);
    assert!(a.edit_note(&c, "初回面談。\n上司と面談した。"));
    assert!(b.edit_note(&c, "初回面談。\n本人から電話があった。"));
    let from_b = dir.path().join("b-1.tcsync");
    sync::export_to(&mut b.store, &mut keys, &from_b, false, true).unwrap();
    sync::import_files(&mut a.store, &mut keys, &[from_b], MassDelete::Allow).unwrap();
    a.advance(60_000);
    a.store
        .resolve_conflict(
            &c,
            "notes",
            "初回面談。\n上司と面談し、本人からも電話があった（まとめ）。",
        )
        .unwrap();
    let gone = a.add_contact(&w.id, "間違えて記録した。");
    a.store.delete_contact(&gone).unwrap();
    a.store
        .add_plan_review(&PlanReview {
            id: new_id(),
            worker_id: w.id.clone(),
            date: NaiveDate::from_ymd_opt(2026, 10, 20).unwrap(),
            note: "通勤と体調の目標を継続".into(),
            recorded_by: "佐藤 美咲".into(),
        })
        .unwrap();
    let out = golden("bundle-v1.tcsync");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    sync::export_to(&mut a.store, &mut keys, &out, true, true).unwrap();
    let bytes = std::fs::read(&out).unwrap();
    let (_, entries) = bundle::open(&bytes, &mut keys).unwrap();
    std::fs::write(golden("bundle-v1.payload.json"), payload::encode(&entries)).unwrap();
}
