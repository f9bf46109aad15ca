//! Assessments in the store: round trips, one change-log record per item
//! answer, "not assessed" kept as NULL, and refusals that write nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use rusqlite::types::Value;
use teichaku::Error;
use teichaku::checklists::Catalogue;
use teichaku::domain::checklist::{Answer, AnswerError, Assessment, Instrument, Respondent};
use teichaku::domain::{Disclosure, Worker};
use teichaku::store::{self, Op, Store, answer_id};

fn stability() -> Instrument {
    Catalogue::builtin().get("stability").unwrap().clone()
}

fn store_with_worker(disclosure: Disclosure) -> (Store, Worker) {
    let mut s = Store::open_in_memory().unwrap();
    let mut w = Worker::new(store::new_id(), "山田 太郎".into());
    w.disclosure = disclosure;
    s.add_worker(&w).unwrap();
    (s, w)
}

fn answer(item: &str, value: Option<u8>) -> Answer {
    Answer {
        item: item.into(),
        value,
        comment: String::new(),
    }
}

fn header(inst: &Instrument, worker: &Worker, day: u32) -> Assessment {
    Assessment {
        id: store::new_id(),
        worker_id: worker.id.clone(),
        instrument: inst.id.clone(),
        version: inst.version,
        date: NaiveDate::from_ymd_opt(2026, 5, day).unwrap(),
        respondent: Respondent::Worker,
        note: "電話で実施".into(),
        answers: Vec::new(),
        consent_confirmed: false,
    }
}

#[test]
fn an_assessment_round_trips_with_not_assessed_as_null() {
    let inst = stability();
    let (mut s, w) = store_with_worker(Disclosure::Open);
    let mut a = header(&inst, &w, 1);
    a.answers = vec![
        answer("s01", Some(4)),
        answer("s02", None),
        Answer {
            comment: "最近よく眠れない".into(),
            ..answer("s10", Some(2))
        },
    ];
    s.add_assessment(&inst, &a).unwrap();
    let back = s.assessment(&a.id).unwrap().unwrap();
    assert_eq!(back, a);
    assert_eq!(s.assessments_for(&w.id).unwrap(), vec![a.clone()]);
    // "Not assessed" is stored as NULL, never 0.
    let log = s.log_for(&answer_id(&a.id, "s02")).unwrap();
    assert!(log.iter().all(|e| e.field != "value"), "{log:?}");
}

#[test]
fn each_item_answer_is_its_own_record_in_the_change_log() {
    let inst = stability();
    let (mut s, w) = store_with_worker(Disclosure::Open);
    let a = header(&inst, &w, 2);
    s.add_assessment(&inst, &a).unwrap();
    s.save_answer(&inst, &a.id, &answer("s01", Some(3)))
        .unwrap();
    s.save_answer(&inst, &a.id, &answer("s02", Some(1)))
        .unwrap();
    let first = s.log_for(&answer_id(&a.id, "s01")).unwrap();
    let second = s.log_for(&answer_id(&a.id, "s02")).unwrap();
    assert_eq!(first.len(), 3, "{first:?}"); // assessment_id, item, value
    assert!(
        first
            .iter()
            .all(|e| e.entity == "answer" && e.op == Op::Create)
    );
    assert!(
        second
            .iter()
            .any(|e| e.field == "value" && e.value == Value::Integer(1))
    );
    // Changing one answer logs exactly that field, replacing the earlier entry.
    s.save_answer(&inst, &a.id, &answer("s01", Some(2)))
        .unwrap();
    let after = s.log_for(&answer_id(&a.id, "s01")).unwrap();
    assert_eq!(after.len(), 4);
    let last = after.last().unwrap();
    assert_eq!((last.op, last.field.as_str()), (Op::Update, "value"));
    assert_eq!(last.value, Value::Integer(2));
    let replaced = first.iter().find(|e| e.field == "value").unwrap();
    assert_eq!(
        last.replaces,
        Some((replaced.device_id.clone(), replaced.seq))
    );
    // Saving the same answer again writes nothing.
    let before = s.own_log().unwrap().len();
    s.save_answer(&inst, &a.id, &answer("s01", Some(2)))
        .unwrap();
    assert_eq!(s.own_log().unwrap().len(), before);
    // A comment is a field of its own, and going back to "not assessed" is a
    // change to NULL.
    s.save_answer(
        &inst,
        &a.id,
        &Answer {
            comment: "上長不在".into(),
            ..answer("s01", None)
        },
    )
    .unwrap();
    let fields: Vec<String> = s.own_log().unwrap()[before..]
        .iter()
        .map(|e| format!("{}={:?}", e.field, e.value))
        .collect();
    assert_eq!(fields, vec!["value=Null", "comment=Text(\"上長不在\")"]);
    let stored = s.assessment(&a.id).unwrap().unwrap();
    assert_eq!(stored.value("s01"), None);
    assert_eq!(stored.value("s02"), Some(1));
}

#[test]
fn bad_answers_and_closed_employment_write_nothing() {
    let inst = stability();
    let (mut s, w) = store_with_worker(Disclosure::Closed);
    let mut a = header(&inst, &w, 3);
    a.respondent = Respondent::Supervisor;
    let before = s.own_log().unwrap().len();
    assert!(matches!(
        s.add_assessment(&inst, &a),
        Err(Error::Answers(AnswerError::ClosedEmploymentSupervisor))
    ));
    a.respondent = Respondent::Supporter;
    a.answers = vec![answer("s01", Some(4)), answer("s02", Some(5))];
    assert!(matches!(
        s.add_assessment(&inst, &a),
        Err(Error::Answers(AnswerError::OutOfScale { position: 2, .. }))
    ));
    a.answers = vec![answer("zz", Some(4))];
    assert!(matches!(
        s.add_assessment(&inst, &a),
        Err(Error::Answers(AnswerError::UnknownItem(_)))
    ));
    assert_eq!(s.own_log().unwrap().len(), before);
    assert!(s.assessments_for(&w.id).unwrap().is_empty());
    // An answer for an assessment that does not exist is refused too.
    assert!(matches!(
        s.save_answer(&inst, "nope", &answer("s01", Some(1))),
        Err(Error::NotFound { .. })
    ));
    a.answers.clear();
    s.add_assessment(&inst, &a).unwrap();
    let other = Catalogue::builtin().get("natural_support").unwrap().clone();
    assert!(matches!(
        s.save_answer(&other, &a.id, &answer("n01", Some(1))),
        Err(Error::Answers(AnswerError::WrongInstrument { .. }))
    ));
}

#[test]
fn assessments_list_oldest_first_and_deleted_ones_vanish() {
    let inst = stability();
    let (mut s, w) = store_with_worker(Disclosure::Open);
    let later = header(&inst, &w, 20);
    let earlier = header(&inst, &w, 5);
    s.add_assessment(&inst, &later).unwrap();
    s.add_assessment(&inst, &earlier).unwrap();
    s.save_answer(&inst, &later.id, &answer("s27", Some(4)))
        .unwrap();
    let list = s.assessments_for(&w.id).unwrap();
    let ids: Vec<&str> = list.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, vec![earlier.id.as_str(), later.id.as_str()]);
    assert_eq!(list[1].answers.len(), 1);
    assert!(list[0].answers.is_empty());
    let mut edited = earlier.clone();
    edited.note = "合議で見直し".into();
    edited.respondent = Respondent::Joint;
    assert_eq!(s.update_assessment(&inst, &edited).unwrap(), 2);
    s.delete_assessment(&later.id).unwrap();
    let list = s.assessments_for(&w.id).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].note, "合議で見直し");
    assert!(s.assessment(&later.id).unwrap().is_none());
}

/// The TUI's flow without a terminal: open an entry, answer by keys saving each
/// answer at once, lose the call, come back and resume where it stopped.
#[test]
fn a_dropped_call_loses_nothing_and_the_entry_resumes() {
    use teichaku::domain::checklist_entry::{Entry, EntryKey, Outcome, resumable};
    let inst = stability();
    let (mut s, w) = store_with_worker(Disclosure::Open);
    let today = NaiveDate::from_ymd_opt(2026, 5, 10).unwrap();
    assert!(resumable(&s.assessments_for(&w.id).unwrap(), &inst, today).is_none());
    let a = header(&inst, &w, 9);
    s.add_assessment(&inst, &a).unwrap();
    let mut entry = Entry::new(&inst, &[]);
    for c in "4321-43".chars() {
        if let Outcome::Save(ans) = entry.key(EntryKey::Char(c)) {
            s.save_answer(&inst, &a.id, &ans).unwrap();
        }
    }
    drop(entry); // the call drops
    let list = s.assessments_for(&w.id).unwrap();
    let again = resumable(&list, &inst, today).expect("recent and unfinished");
    assert_eq!(again.id, a.id);
    let mut entry = Entry::new(&inst, &again.answers);
    assert_eq!(entry.cursor(), 7);
    for _ in 7..27 {
        if let Outcome::Save(ans) = entry.key(EntryKey::Char('3')) {
            s.save_answer(&inst, &a.id, &ans).unwrap();
        }
    }
    assert_eq!(entry.key(EntryKey::Enter), Outcome::Finish);
    let done = s.assessment(&a.id).unwrap().unwrap();
    assert_eq!(done.answers.len(), 27);
    assert_eq!(done.value("s05"), None);
    assert_eq!(done.value("s04"), Some(1));
    // Finished, it is no longer offered for resuming; nor is an old draft.
    let list = s.assessments_for(&w.id).unwrap();
    assert!(resumable(&list, &inst, today).is_none());
    let old = header(&inst, &w, 1);
    s.add_assessment(&inst, &old).unwrap();
    let later = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
    assert!(resumable(&s.assessments_for(&w.id).unwrap(), &inst, later).is_none());
}
