//! Two simulated laptops review the same 第1版 (issue 27, item 8): the two
//! 第2版 are an open conflict until one is chosen or a merge replaces both;
//! while open, the plan duty counts from the later; the choice travels by
//! bundle, and two laptops choosing differently open the conflict again.

mod common;

use chrono::NaiveDate;
use common::Laptop;
use teichaku::domain::plan::{Achievement, GoalDomain, Plan, PlanEvaluation, PlanGoal};
use teichaku::domain::plan_fork;
use teichaku::domain::schedule::Duty;
use teichaku::store;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn today() -> NaiveDate {
    day(2026, 11, 21)
}

/// A worker hired 2026-04-01 with a complete first plan on `a`, copied to `b`.
fn first_plan(a: &mut Laptop, b: &mut Laptop) -> (String, Plan) {
    let w = a.add_worker("山田 太郎");
    let mut worker = a.store.worker(&w).unwrap().unwrap();
    worker.hire_date = Some(day(2026, 4, 1));
    a.store.update_worker(&worker).unwrap();
    let mut plan = Plan::next(&worker, None, day(2026, 10, 5), &[], store::new_id);
    plan.version.long_term_goal = "週30時間の勤務を続ける。".into();
    plan.version.explained_on = Some(day(2026, 10, 5));
    plan.goals.push(PlanGoal {
        id: store::new_id(),
        plan_id: plan.version.id.clone(),
        position: 1,
        domain: GoalDomain::Workplace,
        goal: "上司へ自分から報告する。".into(),
        policy: String::new(),
        content: "報告の練習".into(),
        period: "6か月".into(),
        frequency: "月2回".into(),
    });
    a.store.add_plan(&plan, today()).unwrap();
    let bundle = a.bundle(false);
    b.import(&[bundle]);
    (w, plan)
}

/// A review of `first` made on `laptop` on `date` by `by`.
fn review(laptop: &mut Laptop, w: &str, first: &Plan, date: NaiveDate, by: &str) -> Plan {
    let worker = laptop.store.worker(w).unwrap().unwrap();
    let mut r = Plan::next(&worker, Some(first), date, &[], store::new_id);
    r.version.explained_on = Some(date);
    r.version.recorded_by = by.into();
    r.version.remarks = format!("{by}の見直し");
    r.evaluations.push(PlanEvaluation {
        id: store::new_id(),
        plan_id: r.version.id.clone(),
        goal_id: first.goals[0].id.clone(),
        achievement: Achievement::Partly,
        effect: String::new(),
        satisfaction: String::new(),
        remaining: String::new(),
        countermeasure: String::new(),
    });
    laptop.store.add_plan(&r, today()).unwrap();
    r
}

fn review_due(laptop: &Laptop, w: &str) -> NaiveDate {
    let worker = laptop.store.worker(w).unwrap().unwrap();
    laptop
        .store
        .duties_for(&worker, today())
        .unwrap()
        .iter()
        .find(|i| i.duty == Duty::PlanReview)
        .unwrap()
        .due
}

fn exchange(a: &mut Laptop, b: &mut Laptop) -> (usize, usize) {
    let (x, y) = (a.bundle(false), b.bundle(false));
    let ra = a.import(&[y]);
    let rb = b.import(&[x]);
    (ra.new_conflicts, rb.new_conflicts)
}

/// Both laptops reviewed 第1版: a on 11-19 (佐藤), b on 11-20 (鈴木).
fn forked() -> (Laptop, Laptop, String, Plan, Plan) {
    let mut a = Laptop::new(0);
    let mut b = Laptop::new(1);
    let (w, first) = first_plan(&mut a, &mut b);
    a.advance(1000);
    b.advance(2000);
    let ra = review(&mut a, &w, &first, day(2026, 11, 19), "佐藤");
    let rb = review(&mut b, &w, &first, day(2026, 11, 20), "鈴木");
    assert_eq!(exchange(&mut a, &mut b), (1, 1), "one new conflict each");
    (a, b, w, ra, rb)
}

#[test]
fn two_reviews_are_an_open_fork_and_the_duty_counts_from_the_later() {
    let (a, b, w, ra, rb) = forked();
    assert_eq!(a.dump(), b.dump());
    for laptop in [&a, &b] {
        let forks = laptop.store.plan_forks(Some(&w)).unwrap();
        assert_eq!(forks.len(), 1);
        let ids: Vec<&str> = forks[0]
            .heads
            .iter()
            .map(|h| h.version.id.as_str())
            .collect();
        assert_eq!(ids, vec![ra.version.id.as_str(), rb.version.id.as_str()]);
        assert_eq!(laptop.store.conflict_count().unwrap(), 1);
        let c = laptop.store.conflicts().unwrap();
        assert_eq!(c[0].field, store::sync_state::PLAN_FORK);
        let staff: Vec<&str> = c[0].versions.iter().map(|v| v.staff.as_str()).collect();
        assert_eq!(staff, vec!["佐藤", "鈴木"]);
        assert_eq!(review_due(laptop, &w), day(2027, 5, 20));
        let latest = laptop.store.latest_plan(&w).unwrap().unwrap();
        assert_eq!(latest.version.id, rb.version.id);
        let who = laptop.store.plan_authorship(&ra.version).unwrap();
        assert_eq!(who.device_id, a.store.device_id());
    }
}

#[test]
fn choosing_the_earlier_moves_the_duty_and_travels() {
    let (mut a, mut b, w, ra, rb) = forked();
    a.store.choose_plan_version(&ra.version.id).unwrap();
    assert_eq!(a.store.conflict_count().unwrap(), 0);
    assert_eq!(review_due(&a, &w), day(2027, 5, 19));
    // The other is kept, superseded, readable.
    let kept = a.store.plan(&rb.version.id).unwrap().unwrap();
    assert_eq!(kept.version.superseded_by, ra.version.id);
    assert!(a.store.plan_superseded(&kept.version).unwrap());
    assert_eq!(a.store.plans_for(&w).unwrap().len(), 3);
    exchange(&mut a, &mut b);
    assert_eq!(a.dump(), b.dump());
    assert_eq!(b.store.conflict_count().unwrap(), 0);
    assert_eq!(review_due(&b, &w), day(2027, 5, 19));
    // Resolving what is not an open fork is refused.
    assert!(matches!(
        b.store.choose_plan_version(&ra.version.id),
        Err(teichaku::Error::NoConflict)
    ));
}

#[test]
fn two_laptops_choosing_differently_reopen_the_conflict() {
    let (mut a, mut b, w, ra, rb) = forked();
    a.store.choose_plan_version(&ra.version.id).unwrap();
    b.store.choose_plan_version(&rb.version.id).unwrap();
    exchange(&mut a, &mut b);
    assert_eq!(a.dump(), b.dump());
    assert_eq!(a.store.plan_forks(Some(&w)).unwrap().len(), 1);
    assert_eq!(b.store.conflict_count().unwrap(), 1);
    // Choosing again settles it everywhere.
    a.store.choose_plan_version(&rb.version.id).unwrap();
    exchange(&mut a, &mut b);
    assert_eq!(b.store.conflict_count().unwrap(), 0);
    assert_eq!(
        b.store.latest_plan(&w).unwrap().unwrap().version.id,
        rb.version.id
    );
}

#[test]
fn a_merge_replaces_both_heads_on_every_laptop() {
    let (mut a, mut b, w, ra, rb) = forked();
    let fork = a.store.plan_forks(Some(&w)).unwrap().remove(0);
    let later = fork.heads.last().unwrap();
    let mut m = plan_fork::merged(later, day(2026, 11, 21), "佐藤", store::new_id);
    m.version.remarks = "佐藤と鈴木の見直しをまとめた".into();
    a.store.merge_plan_fork(&m, today()).unwrap();
    exchange(&mut a, &mut b);
    assert_eq!(a.dump(), b.dump());
    for laptop in [&a, &b] {
        assert_eq!(laptop.store.conflict_count().unwrap(), 0);
        let latest = laptop.store.latest_plan(&w).unwrap().unwrap();
        assert_eq!(latest.version.id, m.version.id);
        assert_eq!(latest.version.version, 2);
        assert_eq!(
            latest.evaluations.len(),
            1,
            "the later head's evaluation kept"
        );
        for old in [&ra, &rb] {
            let v = laptop.store.plan(&old.version.id).unwrap().unwrap();
            assert_eq!(v.version.superseded_by, m.version.id);
        }
        assert_eq!(review_due(laptop, &w), day(2027, 5, 21));
    }
    // Nothing left to merge.
    assert!(matches!(
        a.store.merge_plan_fork(&m, today()),
        Err(teichaku::Error::NoPlanFork)
    ));
}
