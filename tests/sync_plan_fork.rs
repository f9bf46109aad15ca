//! Two simulated laptops review the same 第1版 (issue 27, item 8): the two
//! 第2版 are an open conflict until one is chosen or a merge replaces both;
//! while open, the plan duty counts from the later; the choice travels by
//! bundle, and two laptops choosing differently open the conflict again.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::plan_fork::*;
use teichaku::domain::plan_fork;
use teichaku::store;

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

#[test]
fn two_first_plans_made_on_two_laptops_are_a_conflict_too() {
    let mut a = common::Laptop::new(0);
    let mut b = common::Laptop::new(1);
    let w = a.add_worker("山田 太郎");
    let mut worker = a.store.worker(&w).unwrap().unwrap();
    worker.hire_date = Some(day(2026, 4, 1));
    a.store.update_worker(&worker).unwrap();
    let bundle = a.bundle(false);
    b.import(&[bundle]);
    for (laptop, on) in [(&mut a, 5), (&mut b, 6)] {
        let worker = laptop.store.worker(&w).unwrap().unwrap();
        let mut p = teichaku::domain::plan::Plan::next(
            &worker,
            None,
            day(2026, 10, on),
            &[],
            store::new_id,
        );
        p.version.long_term_goal = format!("長期目標 {on}");
        p.version.explained_on = Some(day(2026, 10, on));
        p.version.consent = true;
        p.goals.push(teichaku::domain::plan::PlanGoal {
            id: store::new_id(),
            plan_id: p.version.id.clone(),
            position: 1,
            domain: teichaku::domain::plan::GoalDomain::Workplace,
            goal: "報告する".into(),
            policy: String::new(),
            content: "練習".into(),
            period: String::new(),
            frequency: String::new(),
        });
        laptop.store.add_plan(&p, today()).unwrap();
    }
    assert_eq!(exchange(&mut a, &mut b), (1, 1));
    let fork = a.store.plan_forks(Some(&w)).unwrap().remove(0);
    assert_eq!(fork.previous_id, "");
    assert_eq!(fork.version(), 1);
    let m = plan_fork::merged(fork.heads.last().unwrap(), today(), "佐藤", store::new_id);
    a.store.merge_plan_fork(&m, today()).unwrap();
    exchange(&mut a, &mut b);
    assert_eq!(b.store.conflict_count().unwrap(), 0);
    assert_eq!(
        b.store
            .latest_plan(&w)
            .unwrap()
            .unwrap()
            .version
            .long_term_goal,
        "長期目標 6"
    );
}
