//! Search: one-, two- and three-character Japanese queries, every short-query
//! path, index kept in step with edits, tombstones never found.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use teichaku::domain::dates::YearMonth;
use teichaku::domain::report::{Report, ReportField};
use teichaku::domain::{Contact, Layer, Mode, Person, Worker};
use teichaku::store::search::{HitKind, MAX_EXPANSION};
use teichaku::store::{Store, new_id};

fn add_worker(s: &mut Store, name: &str, kana: &str) -> Worker {
    let mut w = Worker::new(new_id(), name.into());
    w.kana = kana.into();
    s.add_worker(&w).unwrap();
    w
}

fn add_contact(s: &mut Store, w: &Worker, day: u32, notes: &str) -> Contact {
    let mut c = unsaved_contact(w, notes);
    c.date = NaiveDate::from_ymd_opt(2026, 3, day).unwrap();
    s.add_contact(&c).unwrap();
    c
}

fn ids(s: &Store, q: &str) -> Vec<(HitKind, String)> {
    let mut v: Vec<(HitKind, String)> = s
        .search(q, 50)
        .unwrap()
        .into_iter()
        .map(|h| (h.kind, h.id))
        .collect();
    v.sort();
    v
}

fn sorted(mut v: Vec<(HitKind, String)>) -> Vec<(HitKind, String)> {
    v.sort();
    v
}

#[test]
fn one_two_and_three_character_japanese_queries() {
    let mut s = Store::open_in_memory().unwrap();
    let yamada = add_worker(&mut s, "山田 太郎", "やまだ たろう");
    let hayashi = add_worker(&mut s, "林", "はやし");
    let c1 = add_contact(&mut s, &yamada, 3, "服薬の状況を確認。睡眠は安定。");
    let c2 = add_contact(
        &mut s,
        &hayashi,
        4,
        "通院に同行。服薬管理は本人が行っている。",
    );
    let c3 = add_contact(&mut s, &hayashi, 5, "昼休みに山田さんと話した");
    let mut p = Person {
        id: new_id(),
        worker_id: yamada.id.clone(),
        name: "高橋 医師".into(),
        role: "主治医".into(),
        organisation: "みなと病院".into(),
        layer: Layer::Welfare,
        phone: String::new(),
        email: String::new(),
        note: String::new(),
    };
    s.add_person(&p).unwrap();
    let mut r = Report::new(
        new_id(),
        hayashi.id.clone(),
        YearMonth::new(2026, 3).unwrap(),
    );
    r.set_text(ReportField::Goals, "薬の飲み忘れをなくす");
    s.add_report(&r).unwrap();

    // Two characters: a worker's name (also the last word of a note) and a word.
    assert_eq!(
        ids(&s, "山田"),
        sorted(vec![
            (HitKind::Worker, yamada.id.clone()),
            (HitKind::Contact, c3.id.clone())
        ])
    );
    assert_eq!(
        ids(&s, "服薬"),
        sorted(vec![
            (HitKind::Contact, c1.id.clone()),
            (HitKind::Contact, c2.id.clone())
        ])
    );
    // One character: a one-glyph name, and a glyph inside words.
    assert_eq!(ids(&s, "林"), vec![(HitKind::Worker, hayashi.id.clone())]);
    assert_eq!(
        ids(&s, "薬"),
        sorted(vec![
            (HitKind::Contact, c1.id.clone()),
            (HitKind::Contact, c2.id.clone()),
            (HitKind::Report, r.id.clone()),
        ])
    );
    // Three characters go through the trigram index.
    assert_eq!(ids(&s, "服薬管"), vec![(HitKind::Contact, c2.id.clone())]);
    assert_eq!(ids(&s, "主治医"), vec![(HitKind::Person, p.id.clone())]);
    // A name without its space, and several terms that must all match.
    assert_eq!(
        ids(&s, "山田太郎"),
        vec![(HitKind::Worker, yamada.id.clone())]
    );
    assert_eq!(
        ids(&s, "服薬 本人"),
        vec![(HitKind::Contact, c2.id.clone())]
    );
    assert_eq!(
        ids(&s, "服薬 睡眠"),
        vec![(HitKind::Contact, c1.id.clone())]
    );
    assert!(ids(&s, "存在しない語").is_empty());
    assert!(ids(&s, "鬱").is_empty());

    // Hits carry what opens the record, and a snippet marking the match.
    let hit = s.search("同行", 10).unwrap().remove(0);
    assert_eq!(
        (hit.worker_id.as_str(), hit.worker_name.as_str()),
        (hayashi.id.as_str(), "林")
    );
    assert_eq!(hit.date, "2026-03-04");
    assert_eq!(&hit.snippet[hit.marks[0].clone()], "同行");

    // Edits move the index with them.
    p.role = "相談支援専門員".into();
    s.update_person(&p).unwrap();
    assert!(ids(&s, "主治医").is_empty());
    assert_eq!(ids(&s, "専門員"), vec![(HitKind::Person, p.id.clone())]);
}

#[test]
fn tombstoned_records_and_their_workers_records_never_appear() {
    let mut s = Store::open_in_memory().unwrap();
    let a = add_worker(&mut s, "青木 一郎", "あおき いちろう");
    let b = add_worker(&mut s, "井上 二郎", "いのうえ じろう");
    let ca = add_contact(&mut s, &a, 3, "服薬の確認");
    let cb = add_contact(&mut s, &b, 3, "服薬の確認をした");
    s.delete_contact(&ca.id).unwrap();
    assert_eq!(ids(&s, "服薬"), vec![(HitKind::Contact, cb.id.clone())]);
    assert_eq!(
        ids(&s, "服薬の確認"),
        vec![(HitKind::Contact, cb.id.clone())]
    );
    s.delete_worker(&b.id).unwrap();
    assert!(ids(&s, "服薬").is_empty());
    assert!(ids(&s, "服薬の確認").is_empty());
    assert!(ids(&s, "井上").is_empty());
    assert_eq!(ids(&s, "青木"), vec![(HitKind::Worker, a.id.clone())]);
}

#[test]
fn a_short_term_too_wide_to_expand_still_finds_everything() {
    let mut s = Store::open_in_memory().unwrap();
    let w = add_worker(&mut s, "山田 太郎", "やまだ たろう");
    // More distinct trigrams starting with 薬 than the expansion takes.
    let wide: String = (0..(MAX_EXPANSION as u32 + 20))
        .map(|i| format!("薬{}。", char::from_u32(0x4E00 + i).unwrap()))
        .collect();
    let c1 = add_contact(&mut s, &w, 3, &wide);
    let c2 = add_contact(&mut s, &w, 4, "処方薬");
    assert_eq!(
        ids(&s, "薬"),
        sorted(vec![(HitKind::Contact, c1.id), (HitKind::Contact, c2.id)])
    );
}

#[test]
fn the_limit_keeps_the_newest() {
    let mut s = Store::open_in_memory().unwrap();
    let w = add_worker(&mut s, "山田 太郎", "やまだ たろう");
    let ids: Vec<String> = (1..=9)
        .map(|d| add_contact(&mut s, &w, d, "服薬確認").id)
        .collect();
    let hits = s.search("服薬", 3).unwrap();
    let got: Vec<&str> = hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(got, vec![ids[8].as_str(), ids[7].as_str(), ids[6].as_str()]);
    assert_eq!(s.search("服薬確認", 2).unwrap().len(), 2);
    assert!(s.search("   ", 10).unwrap().is_empty());
}

#[test]
fn a_query_longer_than_the_cap_is_refused_with_a_message_and_one_at_the_cap_runs() {
    use teichaku::error::Error;
    use teichaku::i18n::{Lang, error_message};
    use teichaku::store::search::MAX_QUERY_CHARS;
    let mut s = Store::open_in_memory().unwrap();
    let w = add_worker(&mut s, "山田 太郎", "やまだ たろう");
    let long_note = "服薬".repeat(MAX_QUERY_CHARS);
    let c = add_contact(&mut s, &w, 2, &long_note);

    let at_cap = "服薬".repeat(MAX_QUERY_CHARS / 2);
    let hits = s.search(&at_cap, 10).unwrap();
    assert_eq!(
        hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(),
        [c.id.as_str()]
    );
    // Many copies of one short term are one test.
    let repeated = ["服薬"; MAX_QUERY_CHARS / 3].join(" ");
    assert_eq!(s.search(&repeated, 10).unwrap().len(), 1);

    for too_long in [format!("{at_cap}服"), "x".repeat(5000)] {
        let err = s.search(&too_long, 10).unwrap_err();
        assert!(
            matches!(
                err,
                Error::SearchTooLong {
                    max: MAX_QUERY_CHARS
                }
            ),
            "{err:?}"
        );
        assert!(error_message(&err, Lang::Ja).contains("200 文字まで"));
        assert!(error_message(&err, Lang::En).contains("at most 200 characters"));
    }
}

/// A full bundle indexes its records a chunk per statement (bounded memory):
/// every record is found, in the first chunk, at a boundary and in the last
/// one, and a later import that edits thousands of notes replaces their
/// words in the index (old words gone, new ones found), nothing twice.
#[test]
fn an_import_of_thousands_of_records_indexes_every_one() {
    const N: usize = 4500;
    let mut a = Store::open_in_memory().unwrap();
    let w = add_worker(&mut a, "索引太郎", "さくいんたろう");
    let note = |i: usize| format!("記録{i:05}番 面談の内容");
    let mut contacts: Vec<Contact> = (0..N)
        .map(|i| {
            let mut c = unsaved_contact(&w, &note(i));
            c.date = NaiveDate::from_ymd_opt(2026, 3, 1 + (i % 28) as u32).unwrap();
            c
        })
        .collect();
    a.write(|tx| {
        for c in &contacts {
            tx.insert(c)?;
        }
        Ok(())
    })
    .unwrap();

    let dir = tempfile::tempdir().unwrap();
    let b_path = dir.path().join("b.db");
    let mut b = Store::open(&b_path, None).unwrap();
    let full = a.outgoing(true).unwrap();
    b.import_batches(&[batch(&full)], teichaku::store::MassDelete::Allow)
        .unwrap();
    let raw = rusqlite::Connection::open(&b_path).unwrap();
    let docs = |_: &Store, kind: &str| -> i64 {
        raw.query_row(
            "SELECT count(*) FROM search_docs WHERE kind = ?1",
            [kind],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert_eq!(docs(&b, "contact"), N as i64);
    assert_eq!(docs(&b, "worker"), 1);
    for i in [0, 1, 2047, 2048, 2049, 4095, 4096, N - 1] {
        let hits = ids(&b, &format!("記録{i:05}番"));
        assert_eq!(
            hits,
            vec![(HitKind::Contact, contacts[i].id.clone())],
            "contact {i}"
        );
    }
    assert_eq!(ids(&b, "索引太郎").len(), 1);

    // Edit 3000 notes on A; B imports only the changes.
    for c in contacts.iter_mut().take(3000) {
        c.notes = c.notes.replace("記録", "改訂");
    }
    a.write(|tx| {
        for c in contacts.iter().take(3000) {
            tx.update(c)?;
        }
        Ok(())
    })
    .unwrap();
    let changes = a.outgoing(false).unwrap();
    b.import_batches(&[batch(&changes)], teichaku::store::MassDelete::Allow)
        .unwrap();
    assert_eq!(docs(&b, "contact"), N as i64);
    for i in [0, 2047, 2048, 2999] {
        assert!(
            ids(&b, &format!("記録{i:05}番")).is_empty(),
            "old words of {i}"
        );
        assert_eq!(
            ids(&b, &format!("改訂{i:05}番")),
            vec![(HitKind::Contact, contacts[i].id.clone())],
            "new words of {i}"
        );
    }
    assert_eq!(ids(&b, "記録03000番").len(), 1);
    let work: i64 = raw
        .query_row("SELECT count(*) FROM import_work", [], |r| r.get(0))
        .unwrap();
    assert_eq!(work, 0, "the import's working list is emptied");
}

fn unsaved_contact(w: &Worker, notes: &str) -> Contact {
    Contact {
        id: new_id(),
        worker_id: w.id.clone(),
        date: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
        start_time: None,
        minutes: None,
        mode: Mode::Meeting,
        participants: vec![],
        notes: notes.into(),
        next_action: String::new(),
        next_due: None,
        next_done: None,
        recorded_by: String::new(),
        consent_confirmed: false,
    }
}

fn batch(out: &teichaku::store::sync_state::Outgoing) -> teichaku::store::RemoteBatch {
    teichaku::store::RemoteBatch {
        bundle_id: new_id(),
        sender: "laptop-a".into(),
        created_at: String::new(),
        file_name: "test".into(),
        known: out.known.clone(),
        entries: out.entries.clone(),
    }
}
