//! Closed employment at the handover (issue 27, item 1): nobody on the
//! employer's side receives a sharing of a closed worker or "takes over";
//! for any worker only an agency takes over. Refused on entry with the
//! reason; a sharing that is held or arrives by sync is flagged 要確認, does
//! not meet the duty and is resolved by withdrawing it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::cli::Env;

const PASS: &str = "うみかぜ事業所 2026 sync";

fn ok_with_pass(env: &Env, args: &[&str]) -> String {
    env.ok_with_pass(PASS, args)
}

fn demo() -> Env {
    Env::demo()
}

fn sharings(env: &Env, worker: &str) -> usize {
    let store = common::open_db(&env.db());
    let w = store.resolve_worker(worker).unwrap();
    store.sharings_for(&w.id).unwrap().len()
}

fn share<'a>(worker: &'a str, with: &'a str, takes_over: bool) -> Vec<&'a str> {
    let mut args = vec![
        "handover",
        "share",
        worker,
        "--with",
        with,
        "--what",
        "plan",
        "--what",
        "reports",
        "--how",
        "meeting",
        "--consent",
        "yes",
        "--date",
        "2026-11-20",
    ];
    if takes_over {
        args.push("--takes-over");
    }
    args
}

#[test]
fn the_closed_workers_supervisor_gets_no_sharing_and_never_takes_over() {
    let env = demo();
    let before = sharings(&env, "岡田");
    let err = env.fails(&share("岡田", "上野 亮", true));
    assert!(err.contains("クローズ就労"), "{err}");
    assert!(err.contains("引継ぎの共有はできません"), "{err}");
    let mut en = vec!["--lang", "en"];
    en.extend(share("岡田", "上野 亮", false));
    let err = env.fails(&en);
    assert!(err.contains("closed employment"), "{err}");
    assert_eq!(sharings(&env, "岡田"), before, "nothing saved");

    // A person outside the company layer is on the employer's side by role
    // or by organisation too.
    env.ok(&[
        "person",
        "add",
        "岡田",
        "--name",
        "田中",
        "--role",
        "人事担当",
        "--layer",
        "community",
    ]);
    let err = env.fails(&share("岡田", "田中", false));
    assert!(err.contains("クローズ就労"), "{err}");
    assert_eq!(sharings(&env, "岡田"), before);

    // The doctor (福祉・医療) can be shared with and take over.
    let out = env.ok(&share("岡田", "渡辺 文雄", true));
    assert!(out.contains("共有を記録しました"), "{out}");
    assert!(!out.contains("満たしません"), "it meets the duty: {out}");
}

#[test]
fn only_an_agency_takes_over_for_an_open_worker_too() {
    let env = demo();
    let store = common::open_db(&env.db());
    let open = store
        .workers()
        .unwrap()
        .into_iter()
        .map(|r| r.worker)
        .find(|w| w.display_name == "石川 美穂")
        .unwrap();
    assert!(!open.is_closed());
    drop(store);
    env.ok(&[
        "person", "add", "石川", "--name", "小島", "--role", "上司", "--layer", "company",
    ]);
    let err = env.fails(&share("石川", "小島", true));
    assert!(err.contains("支援機関"), "{err}");
    let en = env.fails(&[&["--lang", "en"][..], &share("石川", "小島", true)].concat());
    assert!(en.contains("Only an agency"), "{en}");
    // Shared with the supervisor, not taking over: recorded, and said not
    // to meet the duty.
    let out = env.ok(&share("石川", "小島", false));
    assert!(out.contains("満たしません"), "{out}");
}

#[test]
fn a_sharing_with_the_workplace_that_arrives_by_sync_is_flagged_and_withdrawn() {
    let root = tempfile::tempdir().unwrap();
    let (a, b) = (Env::new(), Env::new());
    a.ok(&[
        "worker",
        "add",
        "--name",
        "山田 太郎",
        "--hire-date",
        "2026-05-01",
        "--disclosure",
        "open",
    ]);
    a.ok(&[
        "person", "add", "山田", "--name", "田中", "--role", "上司", "--layer", "company",
    ]);
    a.ok(&[
        "person",
        "add",
        "山田",
        "--name",
        "森",
        "--role",
        "相談支援専門員",
        "--layer",
        "welfare",
    ]);
    let a0 = root.path().join("a0.tcsync");
    ok_with_pass(&a, &["export", "--full", "--to", a0.to_str().unwrap()]);
    ok_with_pass(&b, &["import", a0.to_str().unwrap()]);

    // Offline: A marks the worker closed; B, not knowing, shares the plan
    // with the supervisor (allowed for an open worker) and with 森.
    a.ok(&["worker", "edit", "山田", "--disclosure", "closed"]);
    b.ok(&share("山田", "田中", false));
    b.ok(&share("山田", "森", true));
    let b1 = root.path().join("b1.tcsync");
    ok_with_pass(&b, &["export", "--to", b1.to_str().unwrap()]);
    let imported = ok_with_pass(&a, &["import", b1.to_str().unwrap()]);
    assert!(imported.contains("クローズ就労"), "{imported}");

    let store = common::open_db(&a.db());
    let w = store.resolve_worker("山田").unwrap();
    let flags = store.closed_conflicts(&w).unwrap();
    assert_eq!(flags.len(), 1, "{flags:?}");
    let id = flags[0].id().to_string();
    let counts = store.closed_flag_counts(std::slice::from_ref(&w)).unwrap();
    assert_eq!(counts.get(&w.id), Some(&1), "the dashboard counts it");
    drop(store);
    let shown = a.ok(&["handover", "show", "山田"]);
    assert!(shown.contains("要確認") && shown.contains(&id), "{shown}");
    assert!(a.ok(&["worker", "show", "山田"]).contains(&id));

    // It cannot be "confirmed" like a contact: it is withdrawn.
    let err = a.fails(&["contact", "consent", &id]);
    assert!(err.contains("handover withdraw"), "{err}");
    let out = a.ok(&["handover", "withdraw", &id]);
    assert!(out.contains("取り消しました"), "{out}");
    let store = common::open_db(&a.db());
    assert!(store.closed_conflicts(&w).unwrap().is_empty());
    let left = store.sharings_for(&w.id).unwrap();
    assert_eq!(left.len(), 1, "the sharing with 森 stays");
    // The withdrawal reaches B.
    drop(store);
    let a1 = root.path().join("a1.tcsync");
    ok_with_pass(&a, &["export", "--to", a1.to_str().unwrap()]);
    ok_with_pass(&b, &["import", a1.to_str().unwrap()]);
    assert_eq!(sharings(&b, "山田"), 1);
}
