//! The format laptops exchange today, frozen (issue 30 item 1): a full
//! bundle of format 2 and the files one laptop's shared folder holds (a base,
//! a segment, another laptop's acknowledgement head), made once and committed
//! under `fixtures/golden/v2/`. They hold a record of every synced kind, the
//! tombstones of the kinds that can be deleted, a worker deleted and restored,
//! and a resolved note conflict. They must open, their entries must encode to
//! exactly the bytes that were sealed, and they must import to exactly the
//! records snapshotted here; a synced kind registered without a record in
//! them fails the suite.
//!
//! Made by the ignored test `write_the_golden_v2_files`
//! (`cargo test --test golden_bundle_v2 -- --ignored`); never regenerate them
//! to make a failure go away: bundles in the field look like these. A new
//! kind gets its record in a new golden file beside these (v3), not by
//! rewriting them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use common::Laptop;
use teichaku::domain::dates::YearMonth;
use teichaku::domain::prior::PriorRecord;
use teichaku::domain::selfreport::{SelfReport, Source};
use teichaku::domain::waiver::{WaivedDuty, Waiver};
use teichaku::domain::{Layer, Person, Worker};
use teichaku::store::{LogEntry, MassDelete, Store, new_id, registry};
use teichaku::sync::{self, Keyring, bundle, payload};

const PASS: &str = "ゴールデン同期ファイル 第2版 2026";

fn golden(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join("golden")
        .join("v2")
        .join(name)
}

fn keys() -> Keyring {
    Keyring::new(PASS.into())
}

/// The entries as format 2 writes them: one JSON value a line.
fn encode(entries: &[LogEntry]) -> Vec<u8> {
    let mut enc = payload::Encoder::default();
    let mut out = Vec::new();
    for e in entries {
        enc.push(e, &mut out);
    }
    out
}

fn folder_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(golden("folder"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

#[test]
fn the_golden_v2_bundle_opens_and_its_entries_encode_to_the_sealed_bytes() {
    let bytes = std::fs::read(golden("bundle.tcsync")).unwrap();
    assert_eq!(u16::from_le_bytes([bytes[12], bytes[13]]), 2, "format 2");
    let (header, entries) = bundle::open(&bytes, &mut keys()).unwrap();
    assert!(header.full);
    assert_eq!(header.entries as usize, entries.len());
    let plain = encode(&entries);
    assert_eq!(plain.len() as u64, header.plain_len);
    let expected = std::fs::read(golden("bundle.payload.jsonl")).unwrap();
    assert!(plain == expected, "the format-2 payload encoding changed");
    assert!(bundle::open(&bytes, &mut Keyring::new("違う合言葉です、はい".into())).is_err());
}

#[test]
fn the_golden_v2_files_hold_every_synced_kind_and_the_tombstones() {
    let bytes = std::fs::read(golden("bundle.tcsync")).unwrap();
    let (_, entries) = bundle::open(&bytes, &mut keys()).unwrap();
    let missing: Vec<&str> = registry::KINDS
        .iter()
        .map(|k| k.kind)
        .filter(|k| !entries.iter().any(|e| e.entity == *k))
        .collect();
    assert!(
        missing.is_empty(),
        "synced kinds without a record in the golden files: {missing:?} — \
         a new kind needs its own golden file (see the module comment)"
    );
    for kind in [
        "worker",
        "contact",
        "person",
        "assessment",
        "plan_review",
        "self_report",
    ] {
        assert!(
            entries
                .iter()
                .any(|e| e.entity == kind && e.field == registry::DELETED),
            "no tombstone of {kind}"
        );
    }
    assert!(
        entries.iter().any(|e| !e.also_replaces.is_empty()),
        "a resolved conflict (an entry replacing two heads)"
    );
}

#[test]
fn the_golden_v2_bundle_imports_to_exactly_the_records_it_held() {
    let mut store = Store::open_in_memory().unwrap();
    let report = sync::import_files(
        &mut store,
        &mut keys(),
        &[golden("bundle.tcsync")],
        MassDelete::Allow,
    )
    .unwrap();
    assert!(
        report.new_entries > 0 && report.new_conflicts == 0,
        "{report:?}"
    );
    assert!(store.conflicts().unwrap().is_empty());
    insta::assert_snapshot!("golden_v2_records", store.canonical_dump().unwrap());
}

#[test]
fn the_golden_shared_folder_brings_a_new_laptop_the_same_records() {
    let files = folder_files();
    assert!(files.len() >= 3, "a base, a segment, a head: {files:?}");
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        bundle::open(&bytes, &mut keys()).unwrap_or_else(|p| panic!("{f:?}: {p:?}"));
    }
    let dir = tempfile::tempdir().unwrap();
    for f in &files {
        std::fs::copy(f, dir.path().join(f.file_name().unwrap())).unwrap();
    }
    let mut from_folder = Store::open_in_memory().unwrap();
    sync::folder::sync_folder(&mut from_folder, &mut keys(), dir.path(), MassDelete::Allow)
        .unwrap();
    let mut from_bundle = Store::open_in_memory().unwrap();
    sync::import_files(
        &mut from_bundle,
        &mut keys(),
        &[golden("bundle.tcsync")],
        MassDelete::Allow,
    )
    .unwrap();
    assert_eq!(
        from_folder.canonical_dump().unwrap(),
        from_bundle.canonical_dump().unwrap()
    );
}

/// Makes the fixtures. Run by hand only, when a new format is decided.
#[test]
#[ignore]
fn write_the_golden_v2_files() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let mut a = Laptop::new(0);
    let mut b = Laptop::new(1);
    let agency = teichaku::demo::Fixtures::builtin()
        .unwrap()
        .on(today)
        .unwrap();
    // One demo worker in handover: a plan with goals and evaluations,
    // reports, reviews, a decision, sharings, people, contacts.
    let w = agency
        .workers
        .iter()
        .find(|w| w.display_name == "原田 拓海")
        .unwrap()
        .clone();
    let id = w.id.clone();
    a.store
        .write(|tx| {
            tx.insert(&w)?;
            for p in agency.people.iter().filter(|p| p.worker_id == id) {
                tx.insert(p)?;
            }
            for c in agency.contacts.iter().filter(|c| c.worker_id == id).take(3) {
                tx.insert(c)?;
            }
            for r in agency.reviews.iter().filter(|r| r.worker_id == id) {
                tx.insert(r)?;
            }
            for r in agency.reports.iter().filter(|r| r.worker_id == id).take(2) {
                tx.insert(r)?;
            }
            for p in agency.plans.iter().filter(|p| p.version.worker_id == id) {
                tx.insert(&p.version)?;
                for g in &p.goals {
                    tx.insert(g)?;
                }
                for e in &p.evaluations {
                    tx.insert(e)?;
                }
            }
            for d in agency.decisions.iter().filter(|d| d.worker_id == id) {
                tx.insert(d)?;
            }
            for s in agency.sharings.iter().filter(|s| s.worker_id == id) {
                tx.insert(s)?;
            }
            Ok(())
        })
        .unwrap();
    for kind in [
        "plan_version",
        "plan_goal",
        "plan_evaluation",
        "report",
        "handover_decision",
        "handover_sharing",
    ] {
        assert!(
            a.store.own_log().unwrap().iter().any(|e| e.entity == kind),
            "the demo worker has no {kind}"
        );
    }
    // Two checklists (one deleted later), from the demo's own list.
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo_assessments.toml"),
    )
    .unwrap();
    let blocks: Vec<&str> = text
        .split("[[assessment]]")
        .filter(|b| b.contains("worker = \"原田 拓海\""))
        .take(2)
        .collect();
    let toml = blocks
        .iter()
        .map(|b| format!("[[assessment]]{b}"))
        .collect::<String>();
    teichaku::demo::load_assessments(&mut a.store, &toml, today).unwrap();
    // A self-report, a prior record, a waiver.
    let item = a.store.selfreport_items().items[0].id.clone();
    let day = NaiveDate::from_ymd_opt(2026, 11, 19).unwrap();
    let mut sr = SelfReport::new(SelfReport::id_for(&id, day), id.clone(), day, Source::Phone);
    sr.ratings.0.insert(item.clone(), 3);
    sr.supporter_comment = "電話で聞き取り".into();
    a.store.save_selfreport(&sr).unwrap();
    a.store
        .add_prior(&PriorRecord {
            id: new_id(),
            worker_id: id.clone(),
            from: YearMonth::new(2023, 8).unwrap(),
            to: YearMonth::new(2023, 9).unwrap(),
            contact_worker: true,
            report: true,
            contact_employer: false,
            plan_reviewed_on: NaiveDate::from_ymd_opt(2023, 9, 10),
            note: "前の事業所で実施".into(),
            recorded_by: "佐藤 美咲".into(),
        })
        .unwrap();
    a.store
        .add_waivers(
            &[Waiver {
                id: new_id(),
                worker_id: id.clone(),
                duty: WaivedDuty::Report,
                month: YearMonth::new(2026, 8),
                reason: "入院のため".into(),
                waived_on: today,
                waived_by: "佐藤 美咲".into(),
            }],
            today,
        )
        .unwrap();

    // Tombstones: a contact, a person, a checklist, a review, a self-report.
    let gone = a.add_contact(&id, "間違えて記録した。");
    a.store.delete_contact(&gone).unwrap();
    let p = Person {
        id: new_id(),
        worker_id: id.clone(),
        name: "削除 される人".into(),
        role: "元上司".into(),
        organisation: String::new(),
        layer: Layer::Company,
        phone: String::new(),
        email: String::new(),
        note: String::new(),
    };
    a.store.add_person(&p).unwrap();
    a.store.delete_person(&p.id).unwrap();
    let first = a.store.assessments_for(&id).unwrap()[0].id.clone();
    a.store.delete_assessment(&first).unwrap();
    let review = agency
        .reviews
        .iter()
        .find(|r| r.worker_id == id)
        .unwrap()
        .id
        .clone();
    a.store.delete_plan_review(&review).unwrap();
    let other = SelfReport::new(
        SelfReport::id_for(&id, day.pred_opt().unwrap()),
        id.clone(),
        day.pred_opt().unwrap(),
        Source::Paper,
    );
    a.store.save_selfreport(&other).unwrap();
    a.store.delete_selfreport(&other.id).unwrap();
    // A worker deleted, another deleted and restored.
    for (name, back) in [("削除 一郎", false), ("復元 花子", true)] {
        let x = Worker::new(new_id(), name.into());
        a.store.add_worker(&x).unwrap();
        a.store.delete_worker(&x.id).unwrap();
        if back {
            a.store.restore_worker(&x.id).unwrap();
        }
    }

    // A note conflict, resolved on A.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("a-1.tcsync");
    sync::export_to(&mut a.store, &mut keys(), &out, false, true).unwrap();
    sync::import_files(&mut b.store, &mut keys(), &[out], MassDelete::Allow).unwrap();
    let c = a.add_contact(&id, "面談。");
    let out = dir.path().join("a-2.tcsync");
    sync::export_to(&mut a.store, &mut keys(), &out, false, true).unwrap();
    sync::import_files(&mut b.store, &mut keys(), &[out], MassDelete::Allow).unwrap();
    a.advance(60_000);
    b.advance(120_000);
    assert!(a.edit_note(&c, "面談。上司と話した。"));
    assert!(b.edit_note(&c, "面談。本人から電話。"));
    let out = dir.path().join("b-1.tcsync");
    sync::export_to(&mut b.store, &mut keys(), &out, false, true).unwrap();
    sync::import_files(&mut a.store, &mut keys(), &[out], MassDelete::Allow).unwrap();
    a.advance(60_000);
    a.store
        .resolve_conflict(&c, "notes", "面談。上司と話し、本人からも電話（まとめ）。")
        .unwrap();

    std::fs::create_dir_all(golden("folder")).unwrap();
    let full = golden("bundle.tcsync");
    sync::export_to(&mut a.store, &mut keys(), &full, true, true).unwrap();
    let bytes = std::fs::read(&full).unwrap();
    let (_, entries) = bundle::open(&bytes, &mut keys()).unwrap();
    std::fs::write(golden("bundle.payload.jsonl"), encode(&entries)).unwrap();

    // The shared folder: A's base, then a segment, then B's head saying
    // what it received.
    let folder = golden("folder");
    sync::folder::sync_folder(&mut a.store, &mut keys(), &folder, MassDelete::Allow).unwrap();
    a.advance(60_000);
    a.add_contact(&id, "職場訪問。");
    sync::folder::sync_folder(&mut a.store, &mut keys(), &folder, MassDelete::Allow).unwrap();
    sync::folder::sync_folder(&mut b.store, &mut keys(), &folder, MassDelete::Allow).unwrap();
    // The full bundle is rewritten to hold the segment's contact too.
    sync::export_to(&mut a.store, &mut keys(), &full, true, true).unwrap();
    let bytes = std::fs::read(&full).unwrap();
    let (_, entries) = bundle::open(&bytes, &mut keys()).unwrap();
    std::fs::write(golden("bundle.payload.jsonl"), encode(&entries)).unwrap();
}
