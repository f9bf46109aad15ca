//! Delete against edit (issue 28 item 1): a record deleted on one laptop
//! while another, not knowing of the delete, wrote to it — or, for a worker,
//! to the worker's contacts, people or memo — is kept and flagged on both,
//! until someone restores it or deletes it again knowing the edits.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::Laptop;
use teichaku::Error;
use teichaku::domain::{Layer, Person};

const HOUR: i64 = 60 * 60 * 1000;

/// Three laptops hold 佐藤; C goes offline.
fn three_with_sato() -> (Laptop, Laptop, Laptop, String) {
    let mut a = Laptop::new(0);
    let mut b = Laptop::new(1);
    let mut c = Laptop::new(2);
    let w = a.add_worker("佐藤 一郎");
    a.add_contact(&w, "初回面談");
    let first = a.bundle(false);
    b.import(std::slice::from_ref(&first));
    c.import(&[first]);
    for l in [&a, &b, &c] {
        l.advance(HOUR);
    }
    (a, b, c, w)
}

/// On C, offline: a visit note, a person and a memo for the worker.
fn offline_work_on_c(c: &mut Laptop, w: &str) -> String {
    let note = c.add_contact(w, "職場訪問。配置転換の相談あり。");
    let p = Person {
        id: teichaku::store::new_id(),
        worker_id: w.to_string(),
        name: "田中 主任".into(),
        role: "上司".into(),
        organisation: String::new(),
        layer: Layer::Company,
        phone: String::new(),
        email: String::new(),
        note: String::new(),
    };
    c.store.add_person(&p).unwrap();
    let mut worker = c.store.worker(w).unwrap().unwrap();
    worker.memo = "配置転換の希望あり（11月）".into();
    c.store.update_worker(&worker).unwrap();
    note
}

#[test]
fn a_worker_deleted_on_a_while_c_wrote_offline_is_kept_and_flagged_on_every_laptop() {
    let (mut a, mut b, mut c, w) = three_with_sato();
    a.store.delete_worker(&w).unwrap();
    let note = offline_work_on_c(&mut c, &w);
    let from_a = a.bundle(false);
    b.import(std::slice::from_ref(&from_a));
    assert!(
        b.store.worker(&w).unwrap().is_none(),
        "B saw only the delete"
    );

    // C syncs: the delete meets C's edits.
    let rc = c.import(&[from_a]);
    assert_eq!(rc.new_conflicts, 1, "{rc:?}");
    let kept = c.store.worker(&w).unwrap().expect("kept on C");
    assert_eq!(kept.memo, "配置転換の希望あり（11月）");
    assert!(c.store.contact(&note).unwrap().is_some());
    assert_eq!(c.store.search("配置転換", 10).unwrap().len(), 2);
    let list = c.store.conflicts().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].field, "deleted");
    assert_eq!(list[0].record_id, w);
    assert!(list[0].label.contains("佐藤 一郎"));
    assert_eq!(
        list[0].versions.len(),
        2,
        "the delete, then the newest edit"
    );
    assert_eq!(list[0].versions[0].device_id, a.store.device_id());
    assert_eq!(list[0].versions[1].device_id, c.store.device_id());
    let kinds: Vec<&str> = list[0].edits.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(kinds, ["contact", "person", "worker"]);
    assert!(c.store.worker_kept_against_delete(&w).unwrap());

    // A and B get C's work: the same conflict, the worker back in view.
    let from_c = c.bundle(false);
    let ra = a.import(std::slice::from_ref(&from_c));
    assert_eq!(ra.new_conflicts, 1);
    b.import(&[from_c]);
    for l in [&a, &b] {
        assert!(l.store.worker(&w).unwrap().is_some());
        assert_eq!(l.store.conflicts().unwrap().len(), 1);
    }
    assert_eq!(a.dump(), c.dump());
    assert_eq!(b.dump(), c.dump());
}

#[test]
fn restoring_keeps_the_edits_and_ends_the_conflict_everywhere() {
    let (mut a, _b, mut c, w) = three_with_sato();
    a.store.delete_worker(&w).unwrap();
    offline_work_on_c(&mut c, &w);
    let from_a = a.bundle(false);
    c.import(&[from_a]);
    let from_c = c.bundle(false);
    a.import(&[from_c]);
    a.advance(HOUR);
    a.store.restore_worker(&w).unwrap();
    assert_eq!(a.store.conflict_count().unwrap(), 0);
    let back = a.bundle(false);
    c.import(&[back]);
    assert_eq!(c.store.conflict_count().unwrap(), 0);
    assert_eq!(
        c.store.worker(&w).unwrap().unwrap().memo,
        "配置転換の希望あり（11月）"
    );
    assert_eq!(a.dump(), c.dump());
}

#[test]
fn deleting_again_knowing_the_edits_deletes_everywhere() {
    let (mut a, _b, mut c, w) = three_with_sato();
    a.store.delete_worker(&w).unwrap();
    offline_work_on_c(&mut c, &w);
    let from_a = a.bundle(false);
    c.import(&[from_a]);
    c.advance(HOUR);
    // From the conflict: "delete" (--pick 1 on the CLI).
    c.store.resolve_delete(&w, false).unwrap();
    assert!(c.store.worker(&w).unwrap().is_none());
    assert_eq!(c.store.conflict_count().unwrap(), 0);
    let from_c = c.bundle(false);
    a.import(&[from_c]);
    assert!(a.store.worker(&w).unwrap().is_none());
    assert_eq!(a.store.conflict_count().unwrap(), 0);
    assert_eq!(a.dump(), c.dump());
    // The deleted worker's records are still readable, and restorable.
    assert!(a.store.deleted_workers().unwrap().iter().any(|d| d.id == w));
}

#[test]
fn a_delete_that_saw_every_edit_is_no_conflict() {
    let (mut a, mut b, mut c, w) = three_with_sato();
    offline_work_on_c(&mut c, &w);
    let from_c = c.bundle(false);
    a.import(std::slice::from_ref(&from_c));
    a.advance(HOUR);
    a.store.delete_worker(&w).unwrap();
    let from_a = a.bundle(false);
    let rc = c.import(std::slice::from_ref(&from_a));
    assert_eq!(rc.new_conflicts, 0);
    assert!(c.store.worker(&w).unwrap().is_none());
    b.import(&[from_c, from_a]);
    assert!(b.store.worker(&w).unwrap().is_none());
    assert_eq!(b.store.conflict_count().unwrap(), 0);
}

#[test]
fn a_contact_deleted_on_one_laptop_and_edited_on_another_is_kept() {
    let (mut a, _b, mut c, w) = three_with_sato();
    let note = a.store.contacts_for(&w).unwrap()[0].id.clone();
    a.store.delete_contact(&note).unwrap();
    assert!(c.edit_note(&note, "初回面談。通勤は自転車。"));
    let (x, y) = (a.bundle(false), c.bundle(false));
    assert_eq!(a.import(&[y]).new_conflicts, 1);
    assert_eq!(c.import(&[x]).new_conflicts, 1);
    for l in [&a, &c] {
        assert_eq!(
            l.store.contact(&note).unwrap().unwrap().notes,
            "初回面談。通勤は自転車。"
        );
    }
    assert!(matches!(
        a.store.resolve_conflict(&note, "deleted", "x"),
        Err(Error::DeleteConflictText)
    ));
    a.store.restore_contact(&note).unwrap();
    assert_eq!(a.store.conflict_count().unwrap(), 0);
    c.import(&[a.bundle(false)]);
    assert_eq!(c.store.conflict_count().unwrap(), 0);
    assert_eq!(a.dump(), c.dump());
}

/// A delete from before deletes carried what they had seen stands as it
/// did: hidden, no conflict.
#[test]
fn a_delete_without_its_context_hides_as_before() {
    let (mut a, _b, mut c, w) = three_with_sato();
    a.store.delete_worker(&w).unwrap();
    let mut from_a = a.bundle(false);
    for e in &mut from_a.entries {
        if e.field == "deleted" {
            e.also_replaces.clear();
        }
    }
    c.edit_note(&a.store.log_for(&w).unwrap()[0].record_id, "x");
    let mut worker = c.store.worker(&w).unwrap().unwrap();
    worker.memo = "メモ".into();
    c.store.update_worker(&worker).unwrap();
    assert_eq!(c.import(&[from_a]).new_conflicts, 0);
    assert!(c.store.worker(&w).unwrap().is_none());
}
