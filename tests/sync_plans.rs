//! The support plan travels between laptops: versions with their goals and
//! evaluations arrive whole, and concurrent edits of a plan's text are kept as
//! conflicts like contact notes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::NaiveDate;
use common::Laptop;
use teichaku::domain::plan::{Achievement, GoalDomain, Plan, PlanEvaluation, PlanGoal};
use teichaku::store;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const TODAY: (i32, u32, u32) = (2026, 11, 21);

fn today() -> NaiveDate {
    day(TODAY.0, TODAY.1, TODAY.2)
}

/// A worker hired 2026-04-01 with a first plan of two goals on `a`.
fn first_plan(a: &mut Laptop) -> (String, Plan) {
    let w = a.add_worker("山田 太郎");
    let mut worker = a.store.worker(&w).unwrap().unwrap();
    worker.hire_date = Some(day(2026, 4, 1));
    a.store.update_worker(&worker).unwrap();
    let mut plan = Plan::next(&worker, None, day(2026, 10, 5), &[], store::new_id);
    plan.version.long_term_goal = "週30時間の勤務を続ける。".into();
    plan.version.health = "通院は月1回。".into();
    plan.version.explained_on = Some(day(2026, 10, 6));
    plan.version.consent = true;
    for (i, text) in ["上司へ自分から報告する。", "睡眠を7時間とる。"]
        .iter()
        .enumerate()
    {
        plan.goals.push(PlanGoal {
            id: store::new_id(),
            plan_id: plan.version.id.clone(),
            position: u32::try_from(i + 1).unwrap(),
            domain: GoalDomain::Workplace,
            goal: (*text).into(),
            policy: String::new(),
            content: "面談で一緒に振り返る。".into(),
            period: "6か月".into(),
            frequency: "月2回".into(),
        });
    }
    a.store.add_plan(&plan, today()).unwrap();
    (w, plan)
}

#[test]
fn plan_versions_goals_and_evaluations_travel_in_a_bundle() {
    let mut a = Laptop::new(0);
    let mut b = Laptop::new(1);
    let (w, first) = first_plan(&mut a);
    a.advance(1000);
    let worker = a.store.worker(&w).unwrap().unwrap();
    let mut review = Plan::next(&worker, Some(&first), day(2026, 11, 20), &[], store::new_id);
    review.version.explained_on = Some(day(2026, 11, 20));
    review.version.consent = true;
    for g in &first.goals {
        review.evaluations.push(PlanEvaluation {
            id: store::new_id(),
            plan_id: review.version.id.clone(),
            goal_id: g.id.clone(),
            achievement: Achievement::Partly,
            effect: "報告の回数が増えた。".into(),
            satisfaction: String::new(),
            remaining: "急な変更時".into(),
            countermeasure: "報告カード".into(),
        });
    }
    a.store.add_plan(&review, today()).unwrap();

    let bundle = a.bundle(false);
    b.import(&[bundle]);
    assert_eq!(a.dump(), b.dump());
    let plans = b.store.plans_for(&w).unwrap();
    assert_eq!(plans.len(), 2);
    assert_eq!(plans[0], first);
    assert_eq!(plans[1], review);
    assert_eq!(
        plans[1].goals.len(),
        2,
        "goals carried over into the review"
    );
    assert_eq!(
        plans[1]
            .evaluation_of(&first.goals[0].id)
            .unwrap()
            .achievement,
        Achievement::Partly
    );
    // The old version is still readable after the review.
    assert_eq!(
        b.store.plan(&first.version.id).unwrap().unwrap().goals[1].goal,
        "睡眠を7時間とる。"
    );
    // The review was saved on a and the duty on b moves with it.
    let due = b.store.duties_for(&worker, today()).unwrap();
    let review_due = due
        .iter()
        .find(|i| i.duty == teichaku::domain::schedule::Duty::PlanReview)
        .unwrap();
    assert_eq!(review_due.due, day(2027, 5, 20));
}

#[test]
fn concurrent_edits_of_a_plan_text_keep_both_revisions_as_a_conflict() {
    let mut a = Laptop::new(0);
    let mut b = Laptop::new(1);
    let (_, plan) = first_plan(&mut a);
    let first = a.bundle(false);
    b.import(&[first]);

    a.advance(1000);
    b.advance(2000);
    let mut on_a = a.store.plan(&plan.version.id).unwrap().unwrap();
    on_a.version.health = "通院は月1回。Aの追記: 睡眠安定".into();
    on_a.goals[0].goal = "上司へ自分から報告する（朝礼後）。".into();
    a.store.update_plan(&on_a, today()).unwrap();
    let mut on_b = b.store.plan(&plan.version.id).unwrap().unwrap();
    on_b.version.health = "通院は月1回。Bの追記: 薬が変わった".into();
    // A different goal on b: merges without a conflict.
    on_b.goals[1].frequency = "月1回".into();
    b.store.update_plan(&on_b, today()).unwrap();

    let (from_a, from_b) = (a.bundle(false), b.bundle(false));
    let ra = a.import(std::slice::from_ref(&from_b));
    let rb = b.import(std::slice::from_ref(&from_a));
    assert_eq!(ra.new_conflicts, 1);
    assert_eq!(rb.new_conflicts, 1);
    assert_eq!(a.dump(), b.dump());

    let conflicts = a.store.conflicts().unwrap();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].entity, "plan_version");
    assert_eq!(conflicts[0].field, "health");
    assert!(
        conflicts[0].label.contains("山田 太郎"),
        "{}",
        conflicts[0].label
    );
    let texts: Vec<&str> = conflicts[0]
        .versions
        .iter()
        .map(|v| v.text.as_str())
        .collect();
    assert_eq!(
        texts,
        vec![
            "通院は月1回。Aの追記: 睡眠安定",
            "通院は月1回。Bの追記: 薬が変わった"
        ]
    );
    // Both other edits arrived on both laptops.
    let merged = b.store.plan(&plan.version.id).unwrap().unwrap();
    assert_eq!(merged.goals[0].goal, "上司へ自分から報告する（朝礼後）。");
    assert_eq!(merged.goals[1].frequency, "月1回");

    a.store
        .resolve_conflict(
            &plan.version.id,
            "health",
            "通院は月1回。睡眠安定、薬が変わった。",
        )
        .unwrap();
    let back = a.bundle(false);
    b.import(&[back]);
    assert_eq!(b.store.conflict_count().unwrap(), 0);
    assert_eq!(
        b.store
            .plan(&plan.version.id)
            .unwrap()
            .unwrap()
            .version
            .health,
        "通院は月1回。睡眠安定、薬が変わった。"
    );
}

#[test]
fn concurrent_edits_of_a_goal_text_are_a_conflict_too() {
    let mut a = Laptop::new(0);
    let mut b = Laptop::new(1);
    let (_, plan) = first_plan(&mut a);
    let first = a.bundle(false);
    b.import(&[first]);
    a.advance(1000);
    b.advance(1000);
    for (laptop, text) in [(&mut a, "Aの目標"), (&mut b, "Bの目標")] {
        let mut p = laptop.store.plan(&plan.version.id).unwrap().unwrap();
        p.goals[0].goal = text.into();
        laptop.store.update_plan(&p, today()).unwrap();
    }
    let (x, y) = (a.bundle(false), b.bundle(false));
    a.import(&[y]);
    b.import(&[x]);
    let conflicts = b.store.conflicts().unwrap();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].entity, "plan_goal");
    assert_eq!(conflicts[0].field, "goal");
    assert_eq!(conflicts[0].versions.len(), 2);
}

/// A version saved without validation (an older teichaku, before plans
/// needed their content) travels like any other but is no plan: on the
/// laptop it arrives at, the plan line stays until the plan is complete
/// (issue 27), and an empty review leaves the review due.
#[test]
fn an_incomplete_version_that_arrives_by_sync_does_not_clear_the_plan_duty() {
    use teichaku::domain::schedule::Duty;
    let mut a = Laptop::new(0);
    let mut b = Laptop::new(1);
    let w = a.add_worker("山田 太郎");
    let mut worker = a.store.worker(&w).unwrap().unwrap();
    worker.hire_date = Some(day(2026, 4, 1));
    a.store.update_worker(&worker).unwrap();
    let empty = Plan::next(&worker, None, day(2026, 10, 5), &[], store::new_id);
    assert!(
        a.store.add_plan(&empty, today()).is_err(),
        "refused on entry"
    );
    a.store.write(|tx| tx.insert(&empty.version)).unwrap();
    b.import(&[a.bundle(true)]);
    assert_eq!(b.store.plans_for(&w).unwrap().len(), 1, "it arrived");
    let duties = |l: &Laptop| -> Vec<Duty> {
        l.store
            .dashboard(today())
            .unwrap()
            .into_iter()
            .filter(|i| i.worker_id == w)
            .map(|i| i.item.duty)
            .collect()
    };
    assert!(duties(&b).contains(&Duty::Plan), "{:?}", duties(&b));
    assert!(duties(&a).contains(&Duty::Plan), "the one held already too");

    // A complete first plan, then a review that evaluates nothing: the
    // review stays due six months after the first.
    let mut c = Laptop::new(2);
    let (w, first) = first_plan(&mut c);
    let later = day(2027, 4, 20);
    let worker = c.store.worker(&w).unwrap().unwrap();
    let mut review = Plan::next(&worker, Some(&first), day(2027, 4, 10), &[], store::new_id);
    review.version.explained_on = Some(day(2027, 4, 10));
    review.version.consent = true;
    c.store.write(|tx| tx.insert(&review.version)).unwrap();
    let board = c.store.dashboard(later).unwrap();
    let line = board
        .iter()
        .find(|i| i.worker_id == w && i.item.duty == Duty::PlanReview)
        .expect("the review is still due");
    assert_eq!(line.item.due, day(2027, 4, 5));
}
