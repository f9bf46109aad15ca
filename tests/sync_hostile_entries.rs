//! A bundle that passes the check can still lie (issue 34 item 1): built
//! here with the crate's own writer and key, as anyone holding the agency's
//! sync passphrase could. Entries under the importing laptop's own device
//! id it never wrote, sequence numbers at i64::MAX or 10⁹, ranges beyond
//! what the header says the sender holds, a `known` header claiming more
//! than anyone has seen: each is refused or bounded, and the database is
//! unchanged or keeps saving.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::Laptop;
use std::collections::HashSet;
use teichaku::Error;
use teichaku::error::BundleProblem;
use teichaku::store::sync_state::SeqRange;
use teichaku::store::{LogEntry, MassDelete, RemoteBatch};
use teichaku::sync::{self, Keyring, bundle};

const PASS: &str = "うみかぜ事業所 2026 sync";

/// A validly sealed bundle from `sender` holding `entries`, its ranges the
/// runs of the entries (or `ranges` when given), its `known` as given.
fn forge(
    sender: &str,
    entries: &[LogEntry],
    ranges: Option<Vec<SeqRange>>,
    known: Vec<(String, i64)>,
) -> Vec<u8> {
    let ranges = ranges.unwrap_or_else(|| {
        let mut out: Vec<SeqRange> = Vec::new();
        for e in entries {
            match out.last_mut() {
                Some(r) if r.origin == e.device_id && r.to + 1 == e.seq => r.to = e.seq,
                _ => out.push(SeqRange {
                    origin: e.device_id.clone(),
                    from: e.seq,
                    to: e.seq,
                }),
            }
        }
        out
    });
    let draft = bundle::Draft {
        bundle_id: teichaku::store::new_id(),
        created_at: "2026-11-21T09:00:00.000Z".into(),
        sender: sender.into(),
        schema_version: 1,
        salt: &[7u8; 16],
        ranges,
        known,
        full: false,
    };
    bundle::seal(draft, entries, &mut Keyring::new(PASS.into())).unwrap()
}

/// Opens `bytes` as a file named `f.tcsync` and imports it into `lap`.
fn import(lap: &mut Laptop, bytes: &[u8]) -> teichaku::Result<teichaku::store::ImportReport> {
    let path = std::path::Path::new("f.tcsync");
    let batch = sync::open_batch(bytes, path, &mut Keyring::new(PASS.into()), &HashSet::new())?;
    lap.store.import_batches(&[batch], MassDelete::Allow)
}

/// `e` renumbered as `device`'s entry `seq`.
fn as_entry(e: &LogEntry, device: &str, seq: i64) -> LogEntry {
    LogEntry {
        device_id: device.into(),
        seq,
        ..e.clone()
    }
}

#[test]
fn entries_under_our_own_device_id_that_we_never_wrote_are_refused() {
    let mut a = Laptop::new(0);
    let w = a.add_worker("佐藤 一郎");
    let own = a.store.device_id().to_string();
    let last = a.store.own_log().unwrap().pop().unwrap();
    let before = a.dump();
    for seq in [last.seq + 1, 1_000_000_000] {
        let forged = as_entry(&last, &own, seq);
        let bytes = forge("someone-else", &[forged], None, vec![(own.clone(), seq)]);
        match import(&mut a, &bytes) {
            Err(Error::OwnEntryFromElsewhere { seq: s }) => assert_eq!(s, seq),
            other => panic!("{seq}: {other:?}"),
        }
        assert_eq!(a.dump(), before, "nothing applied");
    }
    let msg = teichaku::i18n::error_message(
        &Error::OwnEntryFromElsewhere { seq: 5 },
        teichaku::i18n::Lang::Ja,
    );
    assert!(msg.contains("何も取り込んでいません"), "{msg}");

    // Our own entries coming back through another laptop are fine.
    let mut b = Laptop::new(1);
    b.import(&[a.bundle(true)]);
    b.add_contact(&w, "職場訪問");
    a.import(&[b.bundle(true)]);

    // And the counter goes on from what we wrote.
    a.add_contact(&w, "電話");
    let mine = a.store.own_log().unwrap();
    let seqs: Vec<i64> = mine.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, (1..=seqs.len() as i64).collect::<Vec<_>>());
}

#[test]
fn sequence_numbers_out_of_bounds_are_refused() {
    let mut a = Laptop::new(0);
    let mut b = Laptop::new(1);
    b.add_worker("佐藤 一郎");
    let e = b.store.own_log().unwrap().pop().unwrap();
    let before = a.dump();
    let other = b.store.device_id().to_string();

    // Sealed: the header cannot announce such a number.
    for seq in [i64::MAX, 0, -5] {
        let forged = as_entry(&e, &other, seq);
        let bytes = forge(&other, &[forged], None, vec![(other.clone(), seq.max(0))]);
        match import(&mut a, &bytes) {
            Err(Error::Bundle {
                problem: BundleProblem::Malformed,
                ..
            }) => {}
            r => panic!("{seq}: {r:?}"),
        }
    }
    // Handed over in memory, past the bundle reader: the import refuses too.
    let batch = RemoteBatch {
        bundle_id: "b".into(),
        sender: other.clone(),
        known: vec![(other.clone(), 1)],
        entries: vec![as_entry(&e, &other, i64::MAX)],
        ..RemoteBatch::default()
    };
    assert!(matches!(
        a.store.import_batches(&[batch], MassDelete::Allow),
        Err(Error::SequenceOutOfRange { .. })
    ));
    assert_eq!(a.dump(), before);
}

#[test]
fn entries_beyond_what_the_header_says_the_sender_holds_are_refused() {
    let mut a = Laptop::new(0);
    let mut b = Laptop::new(1);
    b.add_worker("佐藤 一郎");
    let entries = b.store.own_log().unwrap();
    let other = b.store.device_id().to_string();
    let n = entries.len() as i64;
    let before = a.dump();
    let refused = |bytes: Vec<u8>, a: &mut Laptop| {
        assert!(
            matches!(
                import(a, &bytes),
                Err(Error::Bundle {
                    problem: BundleProblem::Malformed,
                    ..
                })
            ),
            "should be refused"
        );
    };
    // `known` below the entries carried.
    refused(
        forge(&other, &entries, None, vec![(other.clone(), n - 1)]),
        &mut a,
    );
    // No `known` at all for the origin.
    refused(forge(&other, &entries, None, Vec::new()), &mut a);
    // A range claiming more entries than there are (a jump inside it).
    let wide = vec![SeqRange {
        origin: other.clone(),
        from: 1,
        to: 1_000_000_000,
    }];
    refused(
        forge(
            &other,
            &entries,
            Some(wide),
            vec![(other.clone(), 1_000_000_000)],
        ),
        &mut a,
    );
    assert_eq!(a.dump(), before);
    // As written by the sender: accepted.
    import(
        &mut a,
        &forge(&other, &entries, None, vec![(other.clone(), n)]),
    )
    .unwrap();
    assert_eq!(a.store.workers().unwrap().len(), 1);
}

#[test]
fn a_lying_known_header_counts_only_up_to_what_is_held_here() {
    let mut a = Laptop::new(0);
    let mut b = Laptop::new(1);
    a.add_worker("佐藤 一郎");
    b.import(&[a.bundle(false)]);
    let own = a.store.device_id().to_string();
    let held = a.store.own_log().unwrap().len() as i64;
    let other = b.store.device_id().to_string();
    let ghost = "01900000-0000-7000-8000-00000000dead".to_string();
    // B says it holds a device nobody has seen up to 10¹², and our own
    // entries far beyond what we wrote.
    let bytes = forge(
        &other,
        &[],
        None,
        vec![(ghost.clone(), 1_000_000_000_000), (own.clone(), 1_000_000)],
    );
    import(&mut a, &bytes).unwrap();
    let status = a.store.sync_status(10).unwrap();
    for d in &status.devices {
        assert!(d.missing.is_empty(), "{d:?}");
        assert!(d.highest_known < 1_000_000, "{d:?}");
    }
    let acks = a.store.acks_of_ours().unwrap();
    assert_eq!(acks, vec![(other, held)], "no more than we wrote");
}

#[test]
fn a_value_longer_than_its_field_may_hold_is_refused_on_every_path() {
    use teichaku::store::limits::{LINE_MAX, TEXT_MAX};
    let mut a = Laptop::new(0);
    let mut b = Laptop::new(1);
    let w = b.add_worker("佐藤 一郎");
    let base = b.bundle(true);
    a.import(std::slice::from_ref(&base));
    let before = a.dump();

    // Typed or read from a file on this laptop: the store refuses it.
    let mut contact = common::contact(&w, &"あ".repeat(TEXT_MAX / 3 + 1));
    contact.id = teichaku::store::new_id();
    match a.store.add_contact(&contact) {
        Err(Error::TooLong { field, max }) => {
            assert_eq!((field.as_str(), max), ("notes", TEXT_MAX))
        }
        other => panic!("{other:?}"),
    }
    let mut worker = a.store.worker(&w).unwrap().unwrap();
    worker.display_name = "名".repeat(LINE_MAX);
    assert!(matches!(
        a.store.update_worker(&worker),
        Err(Error::TooLong { .. })
    ));
    assert_eq!(a.dump(), before);

    // Arriving by sync (a 1 MB note written by hand into an entry): the
    // whole import is refused.
    let note = b.add_contact(&w, "職場訪問");
    let mut entries = b.store.own_log().unwrap();
    let other = b.store.device_id().to_string();
    for e in entries
        .iter_mut()
        .filter(|e| e.record_id == note && e.field == "notes")
    {
        e.value = rusqlite::types::Value::Text("x".repeat(1 << 20));
    }
    let n = entries.len() as i64;
    let bytes = forge(&other, &entries, None, vec![(other.clone(), n)]);
    match import(&mut a, &bytes) {
        Err(Error::IncomingTooLong { field, .. }) => assert_eq!(field, "notes"),
        other => panic!("{other:?}"),
    }
    assert_eq!(a.dump(), before);
    let msg = teichaku::i18n::error_message(
        &Error::IncomingTooLong {
            field: "notes".into(),
            max: TEXT_MAX,
        },
        teichaku::i18n::Lang::Ja,
    );
    assert!(
        msg.contains("256 KB") && msg.contains("何も取り込んでいません"),
        "{msg}"
    );
}
