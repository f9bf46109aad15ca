//! Waivers (domain.md, "Past duties stay"): an unmet duty — a month's
//! contact, report or employer contact, or the handover — stays on the home
//! screen and in `due` until it is done or waived with a recorded reason
//! (the worker was in hospital, the month was covered by another office…).
//! A waiver is a synced record; it never counts as the duty done: the duty
//! shows as 免除（理由あり） with its reason, and leaves the lists of what is
//! open.

use chrono::NaiveDate;
use serde::Serialize;

use super::codes::code_enum;
use super::dates::YearMonth;
use super::schedule::{DueItem, DueState, Duty, Monthly};

code_enum! {
    /// The kind of duty a waiver is for.
    WaivedDuty, "duty" {
        ContactWorker = "contact_worker", "本人と対面の支援", "contact with the worker";
        Report = "report", "支援レポート", "support report";
        ContactEmployer = "contact_employer", "事業主との連絡", "contact with the employer";
        Handover = "handover", "引継ぎの情報共有", "handover";
    }
}

impl WaivedDuty {
    /// The monthly kind, for the three monthly duties.
    pub fn monthly(self) -> Option<Monthly> {
        match self {
            WaivedDuty::ContactWorker => Some(Monthly::ContactWorker),
            WaivedDuty::Report => Some(Monthly::Report),
            WaivedDuty::ContactEmployer => Some(Monthly::ContactEmployer),
            WaivedDuty::Handover => None,
        }
    }

    pub fn of_monthly(what: Monthly) -> WaivedDuty {
        match what {
            Monthly::ContactWorker => WaivedDuty::ContactWorker,
            Monthly::Report => WaivedDuty::Report,
            Monthly::ContactEmployer => WaivedDuty::ContactEmployer,
        }
    }
}

/// One waived duty of one worker.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Waiver {
    pub id: String,
    pub worker_id: String,
    pub duty: WaivedDuty,
    /// The month, for a monthly duty; none for the handover.
    pub month: Option<YearMonth>,
    pub reason: String,
    /// The day it was waived.
    pub waived_on: NaiveDate,
    /// Who waived it (the staff name in the settings).
    pub waived_by: String,
}

impl Waiver {
    /// Whether it waives `duty` (a listed month or the handover).
    pub fn covers(&self, duty: Duty) -> bool {
        match duty {
            Duty::ContactWorker { month } => self.waives(Monthly::ContactWorker, month),
            Duty::Report { month } => self.waives(Monthly::Report, month),
            Duty::ContactEmployer { month } => self.waives(Monthly::ContactEmployer, month),
            Duty::Handover => self.duty == WaivedDuty::Handover,
            _ => false,
        }
    }

    /// Whether it waives the monthly duty `what` in `month`.
    pub fn waives(&self, what: Monthly, month: YearMonth) -> bool {
        self.duty.monthly() == Some(what) && self.month == Some(month)
    }
}

/// The duties a dashboard line stands for, as waivers would name them: one
/// month, every month of a folded line (`missed` gives them), or the
/// handover. Empty for a line that cannot be waived (the plan, the end, a
/// follow-up…: they are done, not waived).
pub fn waivable(
    duty: Duty,
    missed: impl Fn(Monthly) -> Vec<YearMonth>,
) -> Vec<(WaivedDuty, Option<YearMonth>)> {
    match duty {
        Duty::ContactWorker { month } => vec![(WaivedDuty::ContactWorker, Some(month))],
        Duty::Report { month } => vec![(WaivedDuty::Report, Some(month))],
        Duty::ContactEmployer { month } => vec![(WaivedDuty::ContactEmployer, Some(month))],
        Duty::Handover => vec![(WaivedDuty::Handover, None)],
        Duty::Missed { what, .. } => missed(what)
            .into_iter()
            .map(|m| (WaivedDuty::of_monthly(what), Some(m)))
            .collect(),
        _ => Vec::new(),
    }
}

/// `months` without those waived for `what`.
pub fn unwaived(what: Monthly, months: Vec<YearMonth>, waivers: &[Waiver]) -> Vec<YearMonth> {
    months
        .into_iter()
        .filter(|m| !waivers.iter().any(|w| w.waives(what, *m)))
        .collect()
}

/// Marks the waived duties among one worker's `items` (not those done:
/// a duty met stays met) and takes waived months out of the folded lines
/// (`missed` gives a kind's missed months; a line left with none goes).
pub fn apply(
    items: &mut Vec<DueItem>,
    waivers: &[Waiver],
    missed: impl Fn(Monthly) -> Vec<YearMonth>,
) {
    if waivers.is_empty() {
        return;
    }
    items.retain_mut(|item| {
        if let Duty::Missed { what, .. } = item.duty {
            let left = unwaived(what, missed(what), waivers);
            let (Some(&from), Some(&to)) = (left.first(), left.last()) else {
                return false;
            };
            item.due = to.last_day().min(item.due);
            item.duty = Duty::Missed {
                what,
                from,
                to,
                months: u32::try_from(left.len()).unwrap_or(u32::MAX),
            };
        } else if item.state != DueState::Done && waivers.iter().any(|w| w.covers(item.duty)) {
            item.state = DueState::Waived;
        }
        true
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::schedule::{self, HandoverFacts, missed_months};
    use crate::domain::{Status, Worker};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }
    fn ym(y: i32, m: u32) -> YearMonth {
        YearMonth::new(y, m).unwrap()
    }
    fn waiver(duty: WaivedDuty, month: Option<YearMonth>) -> Waiver {
        Waiver {
            id: "v".into(),
            worker_id: "w".into(),
            duty,
            month,
            reason: "入院のため".into(),
            waived_on: d(2025, 12, 1),
            waived_by: "佐藤".into(),
        }
    }

    #[test]
    fn a_waived_month_leaves_the_open_duties_and_the_folded_line() {
        // In service from 2024-10-01, ended; nothing met.
        let mut w = Worker::new("w".into(), "山田".into());
        w.hire_date = Some(d(2024, 4, 1));
        w.status = Status::Ended;
        let today = d(2025, 6, 20);
        let none = HandoverFacts::default();
        let mut items = schedule::duties(&w, &[], &[d(2024, 9, 1)], &[], &none, today);
        let missed = |what| missed_months(&w, what, &[], &[], today);
        let waivers = [
            waiver(WaivedDuty::Report, Some(ym(2025, 5))),
            waiver(WaivedDuty::Report, Some(ym(2024, 10))),
            waiver(WaivedDuty::Report, Some(ym(2025, 2))),
            waiver(WaivedDuty::Handover, None),
        ];
        apply(&mut items, &waivers, missed);
        let state = |duty: Duty| items.iter().find(|i| i.duty == duty).map(|i| i.state);
        assert_eq!(
            state(Duty::Report { month: ym(2025, 5) }),
            Some(DueState::Waived)
        );
        assert_eq!(
            state(Duty::Report { month: ym(2025, 4) }),
            Some(DueState::Overdue),
            "not waived: still open"
        );
        assert_eq!(state(Duty::Handover), Some(DueState::Waived));
        let folded: Vec<Duty> = items
            .iter()
            .map(|i| i.duty)
            .filter(|d| {
                matches!(
                    d,
                    Duty::Missed {
                        what: Monthly::Report,
                        ..
                    }
                )
            })
            .collect();
        // 2024-10 … 2025-03 missed; 10 and 2 waived: 11, 12, 1, 3 remain.
        assert_eq!(
            folded,
            vec![Duty::Missed {
                what: Monthly::Report,
                from: ym(2024, 11),
                to: ym(2025, 3),
                months: 4
            }]
        );
        assert!(
            items
                .iter()
                .filter(|i| i.is_open())
                .all(|i| !waivers.iter().any(|v| v.covers(i.duty)))
        );
        // Every month of a folded line waived: the line goes.
        let mut items = schedule::duties(&w, &[], &[d(2024, 9, 1)], &[], &none, today);
        let all: Vec<Waiver> = missed(Monthly::ContactWorker)
            .into_iter()
            .map(|m| waiver(WaivedDuty::ContactWorker, Some(m)))
            .collect();
        apply(&mut items, &all, missed);
        assert!(!items.iter().any(|i| matches!(
            i.duty,
            Duty::Missed {
                what: Monthly::ContactWorker,
                ..
            }
        )));
    }

    #[test]
    fn a_duty_done_stays_done_and_a_line_names_what_it_would_waive() {
        let mut items = vec![DueItem {
            duty: Duty::Report { month: ym(2025, 5) },
            due: d(2025, 5, 31),
            state: DueState::Done,
            done_on: None,
        }];
        apply(
            &mut items,
            &[waiver(WaivedDuty::Report, Some(ym(2025, 5)))],
            |_| Vec::new(),
        );
        assert_eq!(items[0].state, DueState::Done);
        let folded = Duty::Missed {
            what: Monthly::Report,
            from: ym(2025, 1),
            to: ym(2025, 3),
            months: 2,
        };
        assert_eq!(
            waivable(folded, |_| vec![ym(2025, 1), ym(2025, 3)]),
            vec![
                (WaivedDuty::Report, Some(ym(2025, 1))),
                (WaivedDuty::Report, Some(ym(2025, 3)))
            ]
        );
        assert_eq!(
            waivable(Duty::Handover, |_| Vec::new()),
            vec![(WaivedDuty::Handover, None)]
        );
        assert!(waivable(Duty::Plan, |_| Vec::new()).is_empty());
    }
}
