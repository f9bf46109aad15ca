//! Two simulated laptops that each reviewed the same 第1版 of one worker's
//! plan (for sync_plan_fork.rs and tui_plan_fork.rs).

use chrono::NaiveDate;
use teichaku::domain::plan::{Achievement, GoalDomain, Plan, PlanEvaluation, PlanGoal};
use teichaku::domain::schedule::Duty;
use teichaku::store;

use super::Laptop;

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn today() -> NaiveDate {
    day(2026, 11, 21)
}

/// A worker hired 2026-04-01 with a complete first plan on `a`, copied to `b`.
pub fn first_plan(a: &mut Laptop, b: &mut Laptop) -> (String, Plan) {
    let w = a.add_worker("山田 太郎");
    let mut worker = a.store.worker(&w).unwrap().unwrap();
    worker.hire_date = Some(day(2026, 4, 1));
    a.store.update_worker(&worker).unwrap();
    let mut plan = Plan::next(&worker, None, day(2026, 10, 5), &[], store::new_id);
    plan.version.long_term_goal = "週30時間の勤務を続ける。".into();
    plan.version.explained_on = Some(day(2026, 10, 5));
    plan.version.consent = true;
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
pub fn review(laptop: &mut Laptop, w: &str, first: &Plan, date: NaiveDate, by: &str) -> Plan {
    let worker = laptop.store.worker(w).unwrap().unwrap();
    let mut r = Plan::next(&worker, Some(first), date, &[], store::new_id);
    r.version.explained_on = Some(date);
    r.version.consent = true;
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

pub fn review_due(laptop: &Laptop, w: &str) -> NaiveDate {
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

pub fn exchange(a: &mut Laptop, b: &mut Laptop) -> (usize, usize) {
    let (x, y) = (a.bundle(false), b.bundle(false));
    let ra = a.import(&[y]);
    let rb = b.import(&[x]);
    (ra.new_conflicts, rb.new_conflicts)
}

/// Both laptops reviewed 第1版: a on 11-19 (佐藤), b on 11-20 (鈴木).
pub fn forked() -> (Laptop, Laptop, String, Plan, Plan) {
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
