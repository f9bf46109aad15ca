//! Ended and handed-over workers (domain.md, "Past duties stay"): ending the
//! service never removes the unmet duties of the months before the end.

use super::tests::{d, find, planned, worker, ym};
use super::*;
use DueState::Overdue;
use Duty::{ContactEmployer, ContactWorker, Handover, PlanReview, Report, ServiceEnd};

#[test]
fn ending_the_service_keeps_the_unmet_months_before_the_end() {
    // In service since 2024-10-01; met nothing. Setting 終了 on 2025-06-20
    // keeps every month to May (the months before the end), folded or not.
    let active = worker(d(2024, 4, 1));
    let mut ended = active.clone();
    ended.status = Status::Ended;
    let today = d(2025, 6, 20);
    let open = |w: &Worker| -> Vec<Duty> {
        duties(w, &[], &planned(), &[], &HandoverFacts::default(), today)
            .into_iter()
            .filter(DueItem::is_open)
            .map(|i| i.duty)
            .filter(|d| !matches!(d, PlanReview | ServiceEnd | Handover))
            .filter(|d| match d {
                ContactWorker { month } | Report { month } | ContactEmployer { month } => {
                    *month < ym(2025, 6)
                }
                _ => true,
            })
            .collect()
    };
    assert_eq!(open(&ended), open(&active));
    assert!(open(&ended).contains(&Report { month: ym(2025, 5) }));
    let folded = |w: &Worker| missed_months(w, Monthly::Report, &[], &[], today);
    assert_eq!(folded(&ended), folded(&active));
    assert_eq!(folded(&ended).len(), 6, "2024-10 to 2025-03");
    // Ended after the period's own end: every month to the end stays.
    let mut done = worker(d(2024, 4, 1));
    done.status = Status::Ended;
    let after = d(2027, 12, 1);
    let items = duties(
        &done,
        &[],
        &planned(),
        &[],
        &HandoverFacts::default(),
        after,
    );
    let missed = Duty::Missed {
        what: Monthly::Report,
        from: ym(2024, 10),
        to: ym(2027, 9),
        months: 36,
    };
    assert_eq!(find(&items, missed), Some((d(2027, 9, 30), Overdue)));
    assert_eq!(find(&items, Handover), Some((d(2027, 6, 30), Overdue)));
    assert_eq!(find(&items, ServiceEnd), None);
}
