//! Validation rules, case by case.

use super::*;
use crate::domain::{Disclosure, Mode};
use chrono::NaiveDate;

fn contact_for(mode: Mode, participants: Vec<Participant>) -> Contact {
    Contact {
        id: "c".into(),
        worker_id: "w".into(),
        date: NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(),
        start_time: None,
        minutes: Some(30),
        mode,
        participants,
        notes: String::new(),
        next_action: String::new(),
        next_due: None,
        next_done: None,
        recorded_by: String::new(),
        consent_confirmed: false,
    }
}

#[test]
fn closed_employment_refuses_visits_and_employer_participants() {
    let mut w = Worker::new("w".into(), "山田".into());
    w.disclosure = Disclosure::Closed;
    assert_eq!(
        contact(&contact_for(Mode::Visit, vec![]), &w),
        Err(Invalid::ClosedEmploymentVisit)
    );
    assert_eq!(
        contact(
            &contact_for(Mode::Phone, vec![Participant::Worker, Participant::Hr]),
            &w
        ),
        Err(Invalid::ClosedEmploymentParticipant(Participant::Hr))
    );
    assert_eq!(
        contact(&contact_for(Mode::Phone, vec![Participant::Family]), &w),
        Ok(())
    );
    // A record whose consent was confirmed (domain::closed) may be saved
    // again as it is: resolving a flag never makes it unsaveable.
    let mut consented = contact_for(Mode::Visit, vec![Participant::Hr]);
    consented.consent_confirmed = true;
    assert_eq!(contact(&consented, &w), Ok(()));
    w.disclosure = Disclosure::Open;
    assert_eq!(
        contact(&contact_for(Mode::Visit, vec![Participant::Hr]), &w),
        Ok(())
    );
}

#[test]
fn implausible_dates_are_refused_with_their_field() {
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let mut w = Worker::new("w".into(), "山田".into());
    for (bad, field) in [
        (day(0, 1, 1), "hire date"),
        (day(9999, 12, 31), "hire date"),
    ] {
        w.hire_date = Some(bad);
        assert_eq!(
            worker(&w),
            Err(Invalid::ImplausibleDate { field, date: bad })
        );
    }
    w.hire_date = Some(day(1900, 1, 1));
    w.service_end_override = Some(day(2101, 1, 1));
    assert!(matches!(
        worker(&w),
        Err(Invalid::ImplausibleDate {
            field: "service end",
            ..
        })
    ));
    w.service_end_override = None;
    w.hire_date = Some(day(2026, 5, 1));
    assert_eq!(worker(&w), Ok(()));

    let today = day(2026, 11, 21);
    let mut c = contact_for(Mode::Phone, vec![]);
    c.date = day(2025, 5, 1);
    assert_eq!(contact_on(&c, &w, today), Ok(()), "a year before hire");
    c.date = day(2025, 4, 30);
    assert_eq!(
        contact_on(&c, &w, today),
        Err(Invalid::ContactBeforeHire {
            hire: day(2026, 5, 1)
        })
    );
    c.date = day(2027, 11, 21);
    assert_eq!(contact_on(&c, &w, today), Ok(()), "a year ahead");
    c.date = day(2027, 11, 22);
    assert_eq!(contact(&c, &w), Ok(()), "the store does not know today");
    assert_eq!(
        contact_on(&c, &w, today),
        Err(Invalid::ContactFarAhead { today })
    );
    c.date = day(2026, 11, 1);
    c.next_due = Some(day(9999, 1, 1));
    assert!(matches!(
        contact(&c, &w),
        Err(Invalid::ImplausibleDate {
            field: "due date",
            ..
        })
    ));
}

#[test]
fn plans_refuse_dates_outside_hire_and_today_and_goals_not_reviewed() {
    use crate::domain::plan::{Achievement, GoalDomain, Plan, PlanEvaluation, PlanGoal};
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let today = day(2026, 11, 21);
    let mut w = Worker::new("w".into(), "山田".into());
    w.hire_date = Some(day(2026, 4, 1));
    let mut n = 0;
    let mut id = || {
        n += 1;
        format!("id{n}")
    };
    let mut first = Plan::next(&w, None, day(2026, 10, 1), &[], &mut id);
    first.version.long_term_goal = "働き続ける".into();
    first.version.explained_on = Some(day(2026, 10, 1));
    first.version.consent = true;
    first.goals.push(PlanGoal {
        id: "g1".into(),
        plan_id: first.version.id.clone(),
        position: 1,
        domain: GoalDomain::Workplace,
        goal: "報告する".into(),
        policy: String::new(),
        content: "報告の練習".into(),
        period: String::new(),
        frequency: String::new(),
    });
    assert_eq!(plan(&first, &w, None, today), Ok(()));
    let mut p = first.clone();
    p.version.date = day(2026, 3, 31);
    assert_eq!(
        plan(&p, &w, None, today),
        Err(Invalid::PlanBeforeHire {
            field: "plan date",
            hire: day(2026, 4, 1)
        })
    );
    p.version.date = day(2026, 10, 1);
    p.version.explained_on = Some(day(2026, 11, 22));
    assert_eq!(
        plan(&p, &w, None, today),
        Err(Invalid::PlanInFuture {
            field: "explained on",
            today
        })
    );
    p.version.explained_on = Some(day(2026, 10, 1));
    for (hours, ok) in [("20", true), ("17.5", true), ("81", false), ("二十", false)] {
        p.version.hours_per_week = hours.into();
        assert_eq!(plan(&p, &w, None, today).is_ok(), ok, "{hours}");
    }
    p.version.hours_per_week.clear();
    p.goals[0].goal = " ".into();
    assert_eq!(plan(&p, &w, None, today), Err(Invalid::PlanGoalEmpty(1)));

    let mut review = Plan::next(&w, Some(&first), day(2026, 11, 20), &[], &mut id);
    review.version.explained_on = Some(day(2026, 11, 20));
    review.version.consent = true;
    let eval = |goal: &str| PlanEvaluation {
        id: format!("e-{goal}"),
        plan_id: review.version.id.clone(),
        goal_id: goal.into(),
        achievement: Achievement::Partly,
        effect: String::new(),
        satisfaction: String::new(),
        remaining: String::new(),
        countermeasure: String::new(),
    };
    let (good, stranger) = (eval("g1"), eval(&review.goals[0].id));
    review.evaluations = vec![good.clone()];
    assert_eq!(plan(&review, &w, Some(&first), today), Ok(()));
    review.evaluations = vec![stranger.clone()];
    assert_eq!(
        plan(&review, &w, Some(&first), today),
        Err(Invalid::EvaluationUnknownGoal(stranger.goal_id.clone())),
        "a goal of the new version is not one under review"
    );
    review.evaluations = vec![good.clone(), good];
    assert_eq!(
        plan(&review, &w, Some(&first), today),
        Err(Invalid::EvaluationTwice("g1".into()))
    );
    review.evaluations.clear();
    review.version.date = day(2026, 9, 30);
    assert_eq!(
        plan(&review, &w, Some(&first), today),
        Err(Invalid::PlanBeforePrevious {
            previous: day(2026, 10, 1)
        })
    );
    review.version.date = day(2026, 11, 20);
    assert_eq!(
        plan(&review, &w, None, today),
        Err(Invalid::PlanPrevious),
        "a review needs the version it reviews"
    );
}

#[test]
fn an_empty_plan_or_a_review_that_evaluates_nothing_is_refused_naming_what_is_missing() {
    use crate::domain::plan::PlanMissing as M;
    use crate::domain::plan::{Achievement, GoalDomain, Plan, PlanEvaluation, PlanGoal};
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let today = day(2026, 11, 21);
    let mut w = Worker::new("w".into(), "山田".into());
    w.hire_date = Some(day(2026, 4, 1));
    let mut n = 0;
    let mut id = || {
        n += 1;
        format!("id{n}")
    };
    // What Enter, Ctrl-S on the home screen's plan line saved.
    let mut first = Plan::next(&w, None, day(2026, 10, 1), &[], &mut id);
    assert_eq!(
        plan(&first, &w, None, today),
        Err(Invalid::PlanIncomplete(vec![
            M::LongTermGoal,
            M::NoGoal,
            M::ExplainedOn,
            M::Consent
        ]))
    );
    assert!(!first.is_complete(None));
    first.version.long_term_goal = "働き続ける".into();
    first.version.explained_on = Some(day(2026, 10, 2));
    first.version.consent = true;
    let goal = |id: &str, position, content: &str| PlanGoal {
        id: id.into(),
        plan_id: "id1".into(),
        position,
        domain: GoalDomain::Workplace,
        goal: "報告する".into(),
        policy: String::new(),
        content: content.into(),
        period: String::new(),
        frequency: String::new(),
    };
    first.goals = vec![goal("g1", 1, "報告の練習"), goal("g2", 2, " ")];
    assert_eq!(
        plan(&first, &w, None, today),
        Err(Invalid::PlanIncomplete(vec![M::GoalContent(2)]))
    );
    first.goals[1].content = "一緒に振り返る".into();
    assert_eq!(plan(&first, &w, None, today), Ok(()));
    assert!(first.is_complete(None));

    // `plan review --note …`: every goal 未評価.
    let mut review = Plan::next(&w, Some(&first), day(2026, 11, 20), &[], &mut id);
    review.version.remarks = "順調".into();
    assert_eq!(
        plan(&review, &w, Some(&first), today),
        Err(Invalid::PlanIncomplete(vec![
            M::ExplainedOn,
            M::Consent,
            M::Evaluation(1),
            M::Evaluation(2)
        ])),
        "a review is explained and agreed to again, and evaluates every goal"
    );
    review.version.explained_on = Some(day(2026, 11, 20));
    review.version.consent = true;
    review.evaluations.push(PlanEvaluation {
        id: "e1".into(),
        plan_id: review.version.id.clone(),
        goal_id: "g1".into(),
        achievement: Achievement::Achieved,
        effect: String::new(),
        satisfaction: String::new(),
        remaining: String::new(),
        countermeasure: String::new(),
    });
    assert_eq!(
        plan(&review, &w, Some(&first), today),
        Err(Invalid::PlanIncomplete(vec![M::Evaluation(2)]))
    );
    let mut second = review.evaluations[0].clone();
    second.id = "e2".into();
    second.goal_id = "g2".into();
    review.evaluations.push(second);
    assert_eq!(plan(&review, &w, Some(&first), today), Ok(()));
}

#[test]
fn service_types_need_their_anchor_and_three_years_at_most() {
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let mut w = Worker::new("w".into(), "山田".into());
    w.hire_date = Some(day(2024, 4, 1));
    for ty in [ServiceType::Extended, ServiceType::Reinstatement] {
        w.service_type = ty;
        assert_eq!(worker(&w), Err(Invalid::AnchorRequired(ty)));
    }
    w.anchor_date = Some(day(2024, 3, 31));
    for ty in [ServiceType::Reinstatement, ServiceType::Extended] {
        w.service_type = ty;
        assert_eq!(
            worker(&w),
            Err(Invalid::AnchorBeforeHire {
                hire: day(2024, 4, 1)
            }),
            "{ty:?}: the anchor is never before hire"
        );
    }
    w.service_type = ServiceType::Reinstatement;
    w.anchor_date = Some(day(2024, 4, 1));
    assert_eq!(worker(&w), Ok(()), "back on the hire day");
    // Start 10/1/2024: the service ends on 9/30/2027 at the latest.
    w.service_end_override = Some(day(2027, 10, 1));
    assert_eq!(
        worker(&w),
        Err(Invalid::ServiceTooLong {
            latest: day(2027, 9, 30)
        })
    );
    w.service_end_override = Some(day(2027, 9, 30));
    assert_eq!(worker(&w), Ok(()));
}

#[test]
fn a_service_start_lies_between_six_months_and_three_years_six_months_from_hire() {
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let mut w = Worker::new("w".into(), "山田".into());
    w.hire_date = Some(day(2026, 4, 1));
    w.service_start_override = Some(day(2026, 9, 30));
    assert_eq!(
        worker(&w),
        Err(Invalid::StartTooEarly {
            earliest: day(2026, 10, 1)
        })
    );
    w.service_start_override = Some(day(2026, 10, 1));
    assert_eq!(worker(&w), Ok(()));
    // A late start is allowed, but its end is the cap, not three years on.
    w.service_start_override = Some(day(2028, 1, 1));
    assert_eq!(worker(&w), Ok(()));
    w.service_end_override = Some(day(2030, 12, 31));
    assert_eq!(
        worker(&w),
        Err(Invalid::ServiceTooLong {
            latest: day(2029, 9, 30)
        })
    );
    w.service_end_override = None;
    w.service_start_override = Some(day(2029, 10, 1));
    assert_eq!(
        worker(&w),
        Err(Invalid::StartAfterCap {
            cap: day(2029, 9, 30)
        })
    );
}

#[test]
fn finalising_needs_content_confirmation_and_a_handover_date_that_happened() {
    use crate::domain::dates::YearMonth;
    use crate::domain::report::ReportField;
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let today = day(2026, 11, 21);
    let mut w = Worker::new("w".into(), "山田".into());
    w.hire_date = Some(day(2026, 1, 5));
    let stored = Report::new("r".into(), "w".into(), YearMonth::new(2026, 11).unwrap());
    let mut r = stored.clone();
    r.finalised = true;
    let empty = Invalid::ReportIncomplete(Incomplete::Empty(ReportField::Goals));
    assert_eq!(report_change(&stored, &r), Err(empty.clone()));
    assert_eq!(report_finalise(&r, &w, today), Err(empty));
    for f in ReportField::REQUIRED {
        r.set_text(f, "あり");
    }
    assert_eq!(
        report_finalise(&r, &w, today),
        Err(Invalid::ReportIncomplete(Incomplete::NotConfirmed))
    );
    r.confirmed_on = Some(day(2025, 12, 1));
    r.handed_on = Some(day(2026, 11, 22));
    assert_eq!(
        report_finalise(&r, &w, today),
        Err(Invalid::DateBeforeHire {
            field: "confirmation date",
            hire: day(2026, 1, 5)
        })
    );
    r.confirmed_on = Some(today);
    assert_eq!(
        report_finalise(&r, &w, today),
        Err(Invalid::DateInFuture {
            field: "handed over date",
            today
        })
    );
    r.handed_on = Some(today);
    assert_eq!(report_finalise(&r, &w, today), Ok(()));
    assert_eq!(report_change(&stored, &r), Ok(()));
}

#[test]
fn names_minutes_and_due_dates() {
    let w = Worker::new("w".into(), "  ".into());
    assert_eq!(worker(&w), Err(Invalid::EmptyName));
    let mut c = contact_for(Mode::Phone, vec![]);
    c.minutes = Some(MAX_MINUTES + 1);
    assert_eq!(
        contact(&c, &Worker::new("w".into(), "a".into())),
        Err(Invalid::Minutes(1441))
    );
    c.minutes = None;
    c.next_due = NaiveDate::from_ymd_opt(2026, 4, 30);
    assert_eq!(
        contact(&c, &Worker::new("w".into(), "a".into())),
        Err(Invalid::DueBeforeDate)
    );
}
