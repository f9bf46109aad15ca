//! Closed employment (クローズ就労) holds through sync and edits (issue 13):
//! records that reach the employer are flagged, never lost, kept out of the
//! employer's version, and resolved by a change or a confirmed consent.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::cli::Env;
use teichaku::store::Store;

const PASS: &str = "うみかぜ事業所 2026 sync";

fn ok_with_pass(env: &Env, args: &[&str]) -> String {
    env.ok_with_pass(PASS, args)
}

fn add_open_worker(env: &Env) {
    env.ok(&[
        "worker",
        "add",
        "--name",
        "山田 太郎",
        "--hire-date",
        "2026-05-01",
        "--disclosure",
        "open",
    ]);
}

fn visit(env: &Env, date: &str) {
    env.ok(&[
        "contact",
        "add",
        "山田",
        "--date",
        date,
        "--mode",
        "visit",
        "--with",
        "supervisor,hr",
        "--notes",
        "上司・人事と診断について話した",
    ]);
}

fn flagged_ids(env: &Env) -> Vec<String> {
    let store = common::open_db(&env.db());
    let w = store.resolve_worker("山田").unwrap();
    store
        .closed_conflicts(&w)
        .unwrap()
        .iter()
        .map(|c| c.id().to_string())
        .collect()
}

#[test]
fn closing_over_a_visit_without_a_terminal_or_yes_is_refused_and_changes_nothing() {
    let env = Env::new();
    add_open_worker(&env);
    visit(&env, "2026-11-02");
    let before = env.log_len();
    let err = env.fails(&["worker", "edit", "山田", "--disclosure", "closed"]);
    assert!(err.contains("次の 1 件"), "the conflicts are listed: {err}");
    assert!(err.contains("2026-11-02"), "{err}");
    assert!(
        err.contains("勤務先の参加者") || err.contains("職場訪問"),
        "{err}"
    );
    assert!(err.contains("--yes"), "the way forward is named: {err}");
    assert_eq!(env.log_len(), before, "nothing was written");
    let store = common::open_db(&env.db());
    assert!(!store.resolve_worker("山田").unwrap().is_closed());
}

#[test]
fn closing_with_yes_lists_and_flags_the_conflicting_records() {
    let env = Env::new();
    add_open_worker(&env);
    visit(&env, "2026-11-02");
    env.ok(&[
        "contact",
        "add",
        "山田",
        "--date",
        "2026-11-03",
        "--mode",
        "phone",
        "--with",
        "self",
        "--notes",
        "本人と電話",
    ]);
    let out = env.ok(&["worker", "edit", "山田", "--disclosure", "closed", "--yes"]);
    assert!(out.contains("次の 1 件"), "{out}");
    assert!(out.contains("保存しました"), "{out}");
    assert_eq!(flagged_ids(&env).len(), 1, "the visit, not the phone call");

    let show = env.ok(&["worker", "show", "山田"]);
    assert!(show.contains("要確認"), "{show}");
    let due = env.ok(&["due"]);
    assert!(due.contains("クローズ就労の要確認 1 件"), "{due}");

    // The report's draft (whose fields may go to the employer) leaves the
    // flagged visit out and keeps the phone call.
    env.ok(&["report", "draft", "山田", "--month", "2026-11"]);
    let report = env.ok(&["report", "山田", "--month", "2026-11"]);
    assert!(report.contains("本人と電話"), "{report}");
    assert!(!report.contains("診断について"), "{report}");

    // Closing again (already closed) asks nothing.
    env.ok(&["worker", "edit", "山田", "--disclosure", "closed"]);
}

#[test]
fn closing_without_conflicts_needs_no_yes() {
    let env = Env::new();
    add_open_worker(&env);
    let out = env.ok(&["worker", "edit", "山田", "--disclosure", "closed"]);
    assert!(out.contains("保存しました"), "{out}");
    assert!(!env.ok(&["due"]).contains("要確認"));
}

#[test]
fn a_visit_recorded_elsewhere_meanwhile_is_flagged_on_import_and_resolved_by_consent() {
    let root = tempfile::tempdir().unwrap();
    let (a, b) = (Env::new(), Env::new());
    add_open_worker(&a);
    let a0 = root.path().join("a0.tcsync");
    ok_with_pass(&a, &["export", "--full", "--to", a0.to_str().unwrap()]);
    ok_with_pass(&b, &["import", a0.to_str().unwrap()]);

    // Offline: A marks the worker closed; B, not knowing, records a visit
    // with 上司 and 人事 and drafts the month's report from it.
    a.ok(&["worker", "edit", "山田", "--disclosure", "closed"]);
    visit(&b, "2026-11-05");
    b.ok(&["report", "draft", "山田", "--month", "2026-11"]);
    let b1 = root.path().join("b1.tcsync");
    ok_with_pass(&b, &["export", "--to", b1.to_str().unwrap()]);
    let imported = ok_with_pass(&a, &["import", b1.to_str().unwrap()]);
    assert!(
        imported.contains("注意: 山田 太郎（クローズ就労）"),
        "{imported}"
    );

    // Nothing lost: the visit is there, and flagged.
    let list = a.ok(&["contact", "list", "山田"]);
    assert!(list.contains("診断について"), "{list}");
    let ids = flagged_ids(&a);
    assert_eq!(ids.len(), 1);
    assert!(a.ok(&["worker", "show", "山田"]).contains(&ids[0]));
    assert!(a.ok(&["due"]).contains("要確認"));

    // Kept out of the employer's version, even with the report's consent.
    a.ok(&[
        "report",
        "set",
        "山田",
        "--month",
        "2026-11",
        "--consent",
        "yes",
        "--confirmed",
        "2026-11-20",
    ]);
    let err = a.fails(&["report", "山田", "--month", "2026-11", "--for", "employer"]);
    assert!(err.contains("確認待ち"), "{err}");

    // Resolved by confirming consent; the mark syncs back to B.
    let done = a.ok(&["contact", "consent", &ids[0]]);
    assert!(done.contains("確認済み"), "{done}");
    assert!(flagged_ids(&a).is_empty());
    assert!(!a.ok(&["due"]).contains("要確認"));
    a.ok(&["report", "山田", "--month", "2026-11", "--for", "employer"]);
    // Meanwhile B, still not knowing, adds to the visit's note: the consent
    // mark and the note merge like any two fields.
    {
        let mut store = common::open_db(&b.db());
        let mut c = store.contact(&ids[0]).unwrap().unwrap();
        c.notes.push_str("\n追記: 次回は本人と相談");
        store.update_contact(&c).unwrap();
    }
    let b2 = root.path().join("b2.tcsync");
    ok_with_pass(&b, &["export", "--to", b2.to_str().unwrap()]);
    ok_with_pass(&a, &["import", b2.to_str().unwrap()]);
    assert!(
        flagged_ids(&a).is_empty(),
        "B's edit keeps A's consent mark"
    );
    let a1 = root.path().join("a1.tcsync");
    ok_with_pass(&a, &["export", "--to", a1.to_str().unwrap()]);
    ok_with_pass(&b, &["import", a1.to_str().unwrap()]);
    let store = common::open_db(&b.db());
    let w = store.resolve_worker("山田").unwrap();
    assert!(w.is_closed(), "B learns the worker is closed");
    let c = store.contact(&ids[0]).unwrap().unwrap();
    assert!(c.consent_confirmed, "the consent mark synced back");
    assert!(c.notes.contains("追記"), "{}", c.notes);
    let on_a = common::open_db(&a.db()).contact(&ids[0]).unwrap().unwrap();
    assert_eq!(on_a, c, "both laptops hold the same record");
    assert!(store.closed_conflicts(&w).unwrap().is_empty());
}

#[test]
fn a_flag_is_also_resolved_by_changing_the_contact() {
    let env = Env::new();
    add_open_worker(&env);
    visit(&env, "2026-11-02");
    env.ok(&["worker", "edit", "山田", "--disclosure", "closed", "--yes"]);
    let ids = flagged_ids(&env);
    assert_eq!(ids.len(), 1);
    let mut store = common::open_db(&env.db());
    let mut c = store.contact(&ids[0]).unwrap().unwrap();
    // Still a visit: refused like any entry, and still flagged.
    c.participants = vec![teichaku::domain::Participant::Worker];
    assert!(store.update_contact(&c).is_err());
    c.mode = teichaku::domain::Mode::Meeting;
    store.update_contact(&c).unwrap();
    drop(store);
    assert!(flagged_ids(&env).is_empty());
}

#[test]
fn a_supervisor_checklist_from_before_is_flagged_and_its_consent_mark_clears_it() {
    let env = Env::new();
    add_open_worker(&env);
    let mut store = common::open_db(&env.db());
    let w = store.resolve_worker("山田").unwrap();
    let inst = teichaku::checklists::Catalogue::builtin()
        .get("stability")
        .unwrap()
        .clone();
    let a = teichaku::domain::checklist::Assessment {
        id: "boss-1".into(),
        worker_id: w.id.clone(),
        instrument: inst.id.clone(),
        version: inst.version,
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
        respondent: teichaku::domain::checklist::Respondent::Supervisor,
        note: String::new(),
        answers: vec![],
        consent_confirmed: false,
    };
    store.add_assessment(&inst, &a).unwrap();
    drop(store);
    let err = env.fails(&["worker", "edit", "山田", "--disclosure", "closed"]);
    assert!(err.contains("上長が回答"), "{err}");
    env.ok(&["worker", "edit", "山田", "--disclosure", "closed", "--yes"]);
    assert_eq!(flagged_ids(&env), ["boss-1"]);
    env.ok(&["contact", "consent", "boss-1"]);
    assert!(flagged_ids(&env).is_empty());
    env.fails(&["contact", "consent", "no-such-id"]);
}

#[test]
fn the_dashboards_counts_agree_with_each_workers_flags() {
    use teichaku::domain::{Disclosure, Mode, Participant, Worker};
    let mut s = Store::open_in_memory().unwrap();
    let mut workers = Vec::new();
    for (name, visits) in [("a", 2), ("b", 1), ("c", 0)] {
        let mut w = Worker::new(teichaku::store::new_id(), name.into());
        s.add_worker(&w).unwrap();
        for _ in 0..visits {
            let mut c = common::contact(&w.id, "訪問");
            c.mode = Mode::Visit;
            c.participants = vec![Participant::Coworker];
            s.add_contact(&c).unwrap();
        }
        s.add_contact(&common::contact(&w.id, "電話")).unwrap();
        w.disclosure = Disclosure::Closed;
        s.update_worker(&w).unwrap();
        workers.push(w);
    }
    // One of a's visits is confirmed; b is open again.
    let first = s.closed_conflicts(&workers[0]).unwrap()[0].id().to_string();
    s.confirm_closed_consent(&first).unwrap();
    workers[1].disclosure = Disclosure::Open;
    s.update_worker(&workers[1]).unwrap();

    let counts = s.closed_flag_counts(&workers).unwrap();
    for w in &workers {
        assert_eq!(
            counts.get(&w.id).copied().unwrap_or(0),
            s.closed_conflicts(w).unwrap().len(),
            "{}",
            w.display_name
        );
    }
    assert_eq!(counts.get(&workers[0].id), Some(&1));
    assert_eq!(counts.len(), 1, "{counts:?}");
}
