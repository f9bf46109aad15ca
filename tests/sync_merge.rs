//! Merge rules between laptops, case by case (the property tests in
//! sync_props.rs throw random schedules at the same rules).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{Laptop, START_MS};
use rusqlite::types::Value;
use teichaku::Error;
use teichaku::store::{MassDelete, Op, RemoteBatch};

const DAY: i64 = 24 * 60 * 60 * 1000;

#[test]
fn concurrent_note_edits_are_both_kept_and_flagged_until_resolved() {
    let mut a = Laptop::new(0);
    let mut b = Laptop::new(1);
    let w = a.add_worker("山田 太郎");
    let c = a.add_contact(&w, "初回面談");
    let first = a.bundle(false);
    b.import(&[first]);
    assert_eq!(b.dump(), a.dump());

    a.advance(1000);
    b.advance(2000);
    assert!(a.edit_note(&c, "Aの追記: 睡眠安定"));
    assert!(b.edit_note(&c, "Bの追記: 通院予定"));
    let from_a = a.bundle(false);
    let from_b = b.bundle(false);
    let ra = a.import(std::slice::from_ref(&from_b));
    let rb = b.import(std::slice::from_ref(&from_a));
    assert_eq!(ra.new_conflicts, 1);
    assert_eq!(rb.new_conflicts, 1);
    assert_eq!(a.dump(), b.dump());

    let conflicts = a.store.conflicts().unwrap();
    assert_eq!(conflicts.len(), 1);
    let texts: Vec<&str> = conflicts[0]
        .versions
        .iter()
        .map(|v| v.text.as_str())
        .collect();
    assert_eq!(texts, vec!["Aの追記: 睡眠安定", "Bの追記: 通院予定"]);
    assert_eq!(conflicts[0].field, "notes");
    assert!(conflicts[0].label.contains("山田 太郎"));
    // The record shows the later head meanwhile; both texts stay in the log.
    assert_eq!(
        a.store.contact(&c).unwrap().unwrap().notes,
        "Bの追記: 通院予定"
    );

    // A plain edit on one laptop does not make the conflict go away.
    a.advance(1000);
    assert!(a.edit_note(&c, "Bの追記: 通院予定（確認済）"));
    assert_eq!(a.store.conflict_count().unwrap(), 1);

    // Resolving writes one revision that replaces every head.
    a.store
        .resolve_conflict(&c, "notes", "睡眠安定。通院予定あり。")
        .unwrap();
    assert_eq!(a.store.conflict_count().unwrap(), 0);
    let resolution = a.store.own_log().unwrap().pop().unwrap();
    assert_eq!(resolution.also_replaces.len(), 1);
    let back = a.bundle(false);
    b.import(&[back]);
    assert_eq!(b.store.conflict_count().unwrap(), 0);
    assert_eq!(
        b.store.contact(&c).unwrap().unwrap().notes,
        "睡眠安定。通院予定あり。"
    );
    assert_eq!(a.dump(), b.dump());
    assert!(matches!(
        a.store.resolve_conflict(&c, "notes", "x"),
        Err(Error::NoConflict)
    ));
}

/// Delete against edit: the delete had not seen the edit, so the record is
/// kept and flagged on both laptops (tests/sync_delete_edit.rs has more).
#[test]
fn a_delete_meeting_a_concurrent_edit_keeps_the_record_flagged_until_restored() {
    let mut a = Laptop::new(0);
    let mut b = Laptop::new(1);
    let w = a.add_worker("佐藤 花子");
    let first = a.bundle(false);
    b.import(&[first]);
    a.advance(1000);
    b.advance(1000);
    a.store.delete_worker(&w).unwrap();
    let mut edited = b.store.worker(&w).unwrap().unwrap();
    edited.employer = "さくら食品".into();
    b.store.update_worker(&edited).unwrap();
    let (x, y) = (a.bundle(false), b.bundle(false));
    a.import(&[y]);
    b.import(&[x]);
    assert_eq!(a.dump(), b.dump());
    assert_eq!(
        b.store.worker(&w).unwrap().unwrap().employer,
        "さくら食品",
        "kept, with the edit the delete had not seen"
    );
    assert_eq!(b.store.conflicts().unwrap()[0].field, "deleted");
    b.advance(1000);
    b.store.restore_worker(&w).unwrap();
    assert_eq!(b.store.conflict_count().unwrap(), 0);
    let back = b.bundle(false);
    a.import(&[back]);
    assert_eq!(a.store.worker(&w).unwrap().unwrap().employer, "さくら食品");
    assert_eq!(a.store.conflict_count().unwrap(), 0);
    assert_eq!(a.dump(), b.dump());
}

#[test]
fn importing_twice_or_in_another_order_changes_nothing() {
    let mut a = Laptop::new(0);
    let mut b = Laptop::new(1);
    let w = a.add_worker("一");
    let c = a.add_contact(&w, "メモ");
    let x1 = a.bundle(false);
    a.advance(10);
    a.edit_note(&c, "メモ2");
    let x2 = a.bundle(false);
    b.add_worker("二");
    let y = b.bundle(false);

    let mut p = Laptop::new(2);
    p.import(std::slice::from_ref(&x2));
    p.import(&[y.clone(), x1.clone()]);
    let once = p.dump();
    let again = p.import(&[x1.clone(), x2.clone(), y.clone()]);
    assert_eq!(again.new_entries, 0);
    assert!(again.bundles.iter().all(|b| b.already_imported));
    assert_eq!(p.dump(), once);

    let mut q = Laptop::new(3);
    q.import(&[y, x1, x2]);
    assert_eq!(q.dump(), once);
}

#[test]
fn a_reused_sequence_number_with_new_content_aborts_the_whole_import() {
    let mut a = Laptop::new(0);
    let mut b = Laptop::new(1);
    a.add_worker("一");
    let good = a.bundle(false);
    b.import(std::slice::from_ref(&good));
    let before = b.dump();
    let mut forged = good.clone();
    forged.bundle_id = teichaku::store::new_id();
    forged.entries[0].value = rusqlite::types::Value::Text("別人".into());
    let mut other = Laptop::new(2);
    other.add_worker("三");
    let innocent = other.bundle(false);
    let err = b
        .store
        .import_batches(&[innocent, forged], MassDelete::Allow)
        .unwrap_err();
    assert!(
        matches!(err, Error::ReusedSequence { seq: 1, .. }),
        "{err:?}"
    );
    assert_eq!(b.dump(), before, "the innocent bundle was rolled back too");
}

/// Every column of a held entry is compared, not only its value: a changed
/// clock, field or predecessor under a held (device, seq) is refused too.
#[test]
fn a_held_entry_differing_in_any_column_is_refused() {
    let mut a = Laptop::new(0);
    let mut b = Laptop::new(1);
    let w = a.add_worker("一");
    a.add_contact(&w, "メモ");
    let good = a.bundle(false);
    b.import(std::slice::from_ref(&good));
    let before = b.dump();
    let forgeries: Vec<fn(&mut teichaku::store::LogEntry)> = vec![
        |e| e.hlc.ms += 1,
        |e| e.hlc.counter += 1,
        |e| e.field = format!("{}x", e.field),
        |e| e.record_id.push('x'),
        |e| e.entity.push('x'),
        // The same bytes under another type, and no value at all.
        |e| {
            e.value = match &e.value {
                Value::Text(s) => Value::Blob(s.clone().into_bytes()),
                _ => Value::Text("x".into()),
            }
        },
        |e| {
            e.value = match e.value {
                Value::Null => Value::Integer(0),
                _ => Value::Null,
            }
        },
        |e| e.replaces = Some(("other".into(), 9)),
        |e| e.also_replaces.push(("other".into(), 9)),
    ];
    for (i, forge) in forgeries.into_iter().enumerate() {
        let mut forged = good.clone();
        forged.bundle_id = teichaku::store::new_id();
        let last = forged.entries.len() - 1;
        forge(&mut forged.entries[last]);
        let err = b
            .store
            .import_batches(&[forged], MassDelete::Allow)
            .unwrap_err();
        assert!(
            matches!(err, Error::ReusedSequence { .. }),
            "forgery {i}: {err:?}"
        );
        assert_eq!(b.dump(), before, "forgery {i}");
    }
    // The same entries again, unchanged, are simply held.
    let mut again = good.clone();
    again.bundle_id = teichaku::store::new_id();
    assert_eq!(b.import(&[again]).new_entries, 0);
}

/// Entries below the highest seq held from their device are not all held:
/// a laptop that first got a later bundle fills the gap from a full one.
#[test]
fn entries_below_the_highest_held_fill_a_gap() {
    let mut a = Laptop::new(0);
    let mut b = Laptop::new(1);
    let w = a.add_worker("一");
    let first = a.bundle(false);
    a.add_contact(&w, "二回目");
    let second = a.bundle(false);
    b.import(std::slice::from_ref(&second));
    let full = a.bundle(true);
    let r = b.import(&[first.clone(), full]);
    assert_eq!(r.new_entries, first.entries.len());
    assert_eq!(b.dump(), a.dump());
}

/// Held entries are compared a read-ahead window at a time: a full bundle
/// of thousands of entries, partly held and with a gap, imports exactly the
/// missing ones, and once more nothing.
#[test]
fn a_large_bundle_partly_held_imports_exactly_what_is_missing() {
    let mut a = Laptop::new(0);
    let mut b = Laptop::new(1);
    let w = a.add_worker("一");
    a.add_contacts(&w, "前半", 1500);
    let early = a.bundle(false);
    a.add_contact(&w, "間");
    let gap = a.bundle(false);
    a.add_contacts(&w, "後半", 1500);
    let late = a.bundle(false);
    b.import(&[early, late]);
    let full = a.bundle(true);
    assert!(full.entries.len() > 4096, "{}", full.entries.len());
    let r = b.import(&[full]);
    assert_eq!(r.new_entries, gap.entries.len());
    assert_eq!(b.dump(), a.dump());
    assert_eq!(b.import(&[a.bundle(true)]).new_entries, 0);
}

#[test]
fn an_import_deleting_many_records_needs_confirmation() {
    let mut a = Laptop::new(0);
    let mut b = Laptop::new(1);
    let ids: Vec<String> = (0..6).map(|i| a.add_worker(&format!("w{i}"))).collect();
    let first = a.bundle(false);
    b.import(&[first]);
    for id in &ids[..3] {
        a.store.delete_worker(id).unwrap();
    }
    let deletes = a.bundle(false);
    let before = b.dump();
    let err = b
        .store
        .import_batches(std::slice::from_ref(&deletes), MassDelete::Refuse)
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::MassDelete {
                kind: "worker",
                deleted: 3,
                live: 6
            }
        ),
        "{err:?}"
    );
    assert_eq!(b.dump(), before);
    let report = b
        .store
        .import_batches(&[deletes], MassDelete::Allow)
        .unwrap();
    assert_eq!(report.records_deleted, 3);
    assert_eq!(b.store.workers().unwrap().len(), 3);
    // One delete of six is ordinary and goes through unasked.
    a.store.delete_worker(&ids[3]).unwrap();
    let one = a.bundle(false);
    b.store.import_batches(&[one], MassDelete::Refuse).unwrap();
}

#[test]
fn a_clock_far_ahead_is_accepted_with_a_warning_and_ours_lags_at_most_a_day() {
    let mut a = Laptop::new(0);
    let mut b = Laptop::new(1);
    a.advance(30 * DAY); // a's clock is a month fast
    let w = a.add_worker("未来");
    let fast = a.bundle(false);
    let report = b.import(&[fast]);
    let ahead = report.sender_clock_ahead_ms.unwrap();
    assert!(ahead >= 29 * DAY, "{ahead}");
    // b's next write is stamped at most a day past its wall clock…
    let mut edited = b.store.worker(&w).unwrap().unwrap();
    edited.kana = "みらい".into();
    b.store.update_worker(&edited).unwrap();
    let e = b.store.own_log().unwrap().pop().unwrap();
    assert!(e.hlc.ms <= START_MS + DAY, "{:?}", e.hlc);
    assert!(e.hlc.ms >= START_MS + DAY - 1);
    // …and an edit made after seeing a's still wins, everywhere.
    edited.display_name = "未来（訂正）".into();
    b.store.update_worker(&edited).unwrap();
    let back = b.bundle(false);
    a.import(&[back]);
    assert_eq!(
        a.store.worker(&w).unwrap().unwrap().display_name,
        "未来（訂正）"
    );
    assert_eq!(
        b.store.worker(&w).unwrap().unwrap().display_name,
        "未来（訂正）"
    );
    assert_eq!(a.dump(), b.dump());
}

#[test]
fn entries_are_forwarded_through_a_middle_laptop() {
    let mut a = Laptop::new(0);
    let mut b = Laptop::new(1);
    let mut c = Laptop::new(2);
    a.add_worker("Aさん");
    let ab = a.bundle(false);
    b.import(&[ab]);
    c.add_worker("Cさん");
    let bc = b.bundle(false);
    c.import(&[bc]);
    let cb = c.bundle(false);
    b.import(&[cb]);
    let ba = b.bundle(false);
    a.import(&[ba]);
    assert_eq!(a.dump(), c.dump());
    assert_eq!(a.store.workers().unwrap().len(), 2);
    // What b has learned: c holds a's first entries.
    let status = b.store.sync_status(10).unwrap();
    let c_row = status
        .devices
        .iter()
        .find(|d| d.device_id == c.store.device_id())
        .unwrap();
    assert!(c_row.last_import_at.is_some());
    assert!(c_row.missing.is_empty());
}

#[test]
fn status_lists_what_is_known_to_exist_but_not_received() {
    let mut a = Laptop::new(0);
    let mut b = Laptop::new(1);
    a.add_worker("一"); // entries 1..=3 (name, disclosure, service type, status…)
    let first = a.bundle(false);
    let n1 = first.entries.len() as i64;
    a.add_worker("二");
    let second = a.bundle(false);
    let n2 = second.entries.len() as i64;
    b.import(&[second]);
    let status = b.store.sync_status(10).unwrap();
    let row = status
        .devices
        .iter()
        .find(|d| d.device_id == a.store.device_id())
        .unwrap();
    assert_eq!(row.held, vec![(n1 + 1, n1 + n2)]);
    assert_eq!(row.missing, vec![(1, n1)]);
    assert_eq!(row.highest_known, n1 + n2);
    assert_eq!(status.imports.len(), 1);
    b.import(&[first]);
    let status = b.store.sync_status(10).unwrap();
    let row = status
        .devices
        .iter()
        .find(|d| d.device_id == a.store.device_id())
        .unwrap();
    assert!(row.missing.is_empty());
    // A contact whose worker has not arrived yet is kept, hidden, until it does.
    let w = a.add_worker("三");
    a.add_contact(&w, "先に届く記録");
    let all = a.bundle(true);
    let contact_only = RemoteBatch {
        bundle_id: "partial".into(),
        entries: all
            .entries
            .iter()
            .filter(|e| e.entity == "contact")
            .cloned()
            .collect(),
        ..all.clone()
    };
    let mut c = Laptop::new(2);
    c.import(&[contact_only]);
    assert!(c.store.recent_contacts(10).unwrap().is_empty());
    c.import(&[all]);
    assert_eq!(c.store.recent_contacts(10).unwrap().len(), 1);
    assert!(
        c.store
            .log_for(&w)
            .unwrap()
            .iter()
            .any(|e| e.op == Op::Create)
    );
}

#[test]
fn checklist_answers_travel_and_two_people_answering_different_items_never_collide() {
    use teichaku::checklists::Catalogue;
    use teichaku::domain::checklist::{Answer, Assessment, Respondent};
    let catalogue = Catalogue::builtin();
    let inst = catalogue.get("stability").unwrap().clone();
    let items: Vec<String> = inst.items().map(|(_, i)| i.id.clone()).collect();
    let mut a = Laptop::new(0);
    let mut b = Laptop::new(1);
    let w = a.add_worker("山田 太郎");
    let assessment = Assessment {
        id: teichaku::store::new_id(),
        worker_id: w.clone(),
        instrument: inst.id.clone(),
        version: inst.version,
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        respondent: Respondent::Supporter,
        note: String::new(),
        answers: Vec::new(),
        consent_confirmed: false,
    };
    a.store.add_assessment(&inst, &assessment).unwrap();
    let first = a.bundle(false);
    b.import(&[first]);
    a.advance(1000);
    b.advance(1000);
    let answer = |item: &str, value| Answer {
        item: item.to_string(),
        value: Some(value),
        comment: String::new(),
    };
    a.store
        .save_answer(&inst, &assessment.id, &answer(&items[0], 4))
        .unwrap();
    b.store
        .save_answer(&inst, &assessment.id, &answer(&items[1], 2))
        .unwrap();
    let from_a = a.bundle(false);
    let from_b = b.bundle(false);
    a.import(std::slice::from_ref(&from_b));
    b.import(std::slice::from_ref(&from_a));
    assert_eq!(a.dump(), b.dump());
    for laptop in [&a, &b] {
        let list = laptop.store.assessments_for(&w).unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].value(&items[0]), Some(4));
        assert_eq!(list[0].value(&items[1]), Some(2));
        assert_eq!(laptop.store.conflict_count().unwrap(), 0);
    }
}

#[test]
fn a_later_edit_arriving_before_its_record_stays_hidden_until_the_record_does() {
    // Found by the property test: laptop B read only the bundle with A's note
    // edit, not the one that created the contact.
    let mut a = Laptop::new(0);
    let mut b = Laptop::new(1);
    let w = a.add_worker("山田 太郎");
    let c = a.add_contact(&w, "初回面談");
    let creation = a.bundle(false);
    a.advance(1000);
    assert!(a.edit_note(&c, "追記あり"));
    let edit = a.bundle(false);
    b.import(std::slice::from_ref(&edit));
    assert_eq!(b.store.contact(&c).unwrap(), None, "no row of blanks");
    assert!(!b.edit_note(&c, "B の追記"));
    assert!(b.store.workers().unwrap().is_empty());
    b.import(std::slice::from_ref(&creation));
    assert_eq!(b.store.contact(&c).unwrap().unwrap().notes, "追記あり");
    assert_eq!(a.dump(), b.dump());
}

/// An import brings the search index up to date in one pass at the end (the
/// per-row triggers are off meanwhile): new, edited and deleted records are
/// found or not as on the laptop that wrote them, and local edits after the
/// import are indexed again by the triggers.
#[test]
fn search_follows_what_an_import_changed() {
    let mut a = Laptop::new(0);
    let mut b = Laptop::new(1);
    let w = a.add_worker("山田 太郎");
    let c = a.add_contact(&w, "初回面談で服薬の相談");
    b.import(&[a.bundle(false)]);
    let found = |l: &Laptop, q: &str| l.store.search(q, 20).unwrap().len();
    assert_eq!(found(&b, "服薬"), 1);
    assert_eq!(found(&b, "山田"), 1);

    a.advance(1000);
    assert!(a.edit_note(&c, "通院の付き添いを調整"));
    b.import(&[a.bundle(false)]);
    assert_eq!(found(&b, "服薬"), 0, "the old text is gone from the index");
    assert_eq!(found(&b, "付き添い"), 1);

    a.advance(1000);
    a.store.delete_contact(&c).unwrap();
    b.import(&[a.bundle(false)]);
    assert_eq!(found(&b, "付き添い"), 0, "a deleted contact is not found");

    // The triggers are back: a local write on b is indexed at once.
    b.advance(1000);
    let mine = b.add_contact(&w, "職場訪問で作業手順を確認");
    assert_eq!(found(&b, "作業手順"), 1, "{mine}");
}

/// A conflict's versions say whose laptop wrote them: the staff name the
/// device's latest records carry (記録者), as it reached this laptop.
#[test]
fn a_conflict_version_names_the_staff_of_its_device() {
    let mut a = Laptop::new(0);
    let mut b = Laptop::new(1);
    let w = a.add_worker("山田 太郎");
    let mut c = common::contact(&w, "初回面談。");
    c.recorded_by = "佐藤 美咲".into();
    a.store.add_contact(&c).unwrap();
    let first = a.bundle(false);
    b.import(&[first]);
    a.advance(60_000);
    b.advance(120_000);
    let mut on_a = a.store.contact(&c.id).unwrap().unwrap();
    on_a.notes = "Aで追記".into();
    a.store.update_contact(&on_a).unwrap();
    let mut on_b = b.store.contact(&c.id).unwrap().unwrap();
    on_b.notes = "Bで追記".into();
    b.store.update_contact(&on_b).unwrap();
    let second = a.bundle(false);
    b.import(&[second]);
    let conflicts = b.store.conflicts().unwrap();
    assert_eq!(conflicts.len(), 1);
    let from_a = conflicts[0]
        .versions
        .iter()
        .find(|v| v.device_id == a.store.device_id())
        .unwrap();
    assert_eq!(from_a.staff, "佐藤 美咲");
    let line = teichaku::i18n::sync::version_heading(1, from_a, teichaku::i18n::Lang::Ja);
    assert!(line.contains("佐藤 美咲（端末 "), "{line}");
}

/// `conflicts` after a long history (issue 34 item 2): every note edited
/// many times on two laptops lists its two heads only, the newest conflict
/// first; the heads are found from the log's links, not by reading every
/// entry (a million updates used to make `conflicts` run for minutes).
#[test]
fn conflicts_after_a_long_history_list_their_heads_newest_first() {
    let mut a = Laptop::new(0);
    let mut b = Laptop::new(1);
    let w = a.add_worker("佐藤 一郎");
    let notes: Vec<String> = (0..12)
        .map(|i| a.add_contact(&w, &format!("記録 {i}")))
        .collect();
    b.import(&[a.bundle(false)]);
    for round in 0..25 {
        for (i, c) in notes.iter().enumerate() {
            a.advance(1_000);
            b.advance(1_000);
            assert!(a.edit_note(c, &format!("A {i} 版 {round}")));
            assert!(b.edit_note(c, &format!("B {i} 版 {round}")));
        }
    }
    a.import(&[b.bundle(false)]);
    let list = a.store.conflicts().unwrap();
    assert_eq!(list.len(), notes.len());
    let newest: Vec<i64> = list
        .iter()
        .map(|c| c.versions.iter().map(|v| v.written_ms).max().unwrap())
        .collect();
    assert!(newest.windows(2).all(|w| w[0] >= w[1]), "{newest:?}");
    assert_eq!(
        list[0].record_id,
        notes[notes.len() - 1],
        "the last edited first"
    );
    for c in &list {
        let i = notes.iter().position(|n| *n == c.record_id).unwrap();
        let mut texts: Vec<&str> = c.versions.iter().map(|v| v.text.as_str()).collect();
        texts.sort();
        assert_eq!(texts, [format!("A {i} 版 24"), format!("B {i} 版 24")]);
    }
    // Resolving one keeps a single head.
    a.store
        .resolve_conflict(&notes[0], "notes", "まとめ")
        .unwrap();
    assert_eq!(a.store.conflicts().unwrap().len(), notes.len() - 1);
    assert_eq!(a.store.contact(&notes[0]).unwrap().unwrap().notes, "まとめ");
}
