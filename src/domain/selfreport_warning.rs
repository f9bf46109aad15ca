//! The dashboard's early warning from the self-reports: a worker whose recent
//! ratings fall, who rated an item at the lowest twice in a row, whose
//! ratings stay low (a week's mean at or below the low level, 2 of 4), or
//! who stopped reporting although they usually do (days off, 休み, are not
//! missing days).
//!
//! Acknowledging clears it: a contact, or a supporter's note on a day's entry
//! (`acknowledged_on`), on a day ≥ the warning's. After that, only entries
//! dated later raise it again (and silence counts from that day).

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use super::selfreport::{Items, SelfReport};
use super::selfreport_trend::{is_working_day, mean};

/// Why the dashboard warns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The last entries' mean is below the previous 4 weeks' by the margin.
    Falling,
    /// An item at the lowest value in the last two entries.
    LowestTwice,
    /// An item's mean over the last week at or below the low level.
    Low,
    /// No entry for this many working days.
    Stopped { days: u32 },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    pub reason: Reason,
    /// The item it is about (none for `Stopped`).
    pub item: Option<String>,
    /// The day it arose: the last entry that shows it, or the day the
    /// silence reached the limit.
    pub since: NaiveDate,
}

/// How many of the last entries are compared with the weeks before.
pub const RECENT: usize = 3;
/// The weeks before, in days.
pub const BASELINE_DAYS: i64 = 28;
/// At least this many answers in the weeks before, to compare at all.
pub const BASELINE_MIN: usize = 4;
/// A worker "usually reports" with this many entries in the 4 weeks before
/// their last one.
pub const USUAL_MIN: usize = 8;
/// Ratings older than this are not news.
pub const FRESH_DAYS: i64 = 14;
/// The days whose mean shows a sustained low level (through the last answer).
pub const LOW_DAYS: i64 = 7;

/// The warning for one worker on `today`, if any. `entries` in any order;
/// `acknowledged` the latest day a contact or a note acknowledged them.
pub fn warning(
    entries: &[SelfReport],
    acknowledged: Option<NaiveDate>,
    items: &Items,
    today: NaiveDate,
) -> Option<Warning> {
    let mut sorted: Vec<&SelfReport> = entries.iter().filter(|e| e.date <= today).collect();
    sorted.sort_by_key(|e| e.date);
    let last = sorted.last()?;
    let after = |d: NaiveDate| acknowledged.is_none_or(|a| d > a);
    let fresh: Vec<&SelfReport> = sorted
        .iter()
        .copied()
        .filter(|e| after(e.date) && e.date >= today - Duration::days(FRESH_DAYS))
        .collect();
    for item in &items.items {
        let answered: Vec<(NaiveDate, u8)> = fresh
            .iter()
            .filter_map(|e| e.ratings.get(&item.id).map(|v| (e.date, v)))
            .collect();
        if let [.., (_, a), (d, b)] = answered.as_slice()
            && *a == items.scale.min
            && *b == items.scale.min
        {
            return Some(Warning {
                reason: Reason::LowestTwice,
                item: Some(item.id.clone()),
                since: *d,
            });
        }
    }
    for item in &items.items {
        let answered: Vec<(NaiveDate, u8)> = fresh
            .iter()
            .filter_map(|e| e.ratings.get(&item.id).map(|v| (e.date, v)))
            .collect();
        if answered.len() < RECENT {
            continue;
        }
        let recent = &answered[answered.len() - RECENT..];
        let start = recent[0].0;
        let base_from = start - Duration::days(BASELINE_DAYS);
        let base_to = start - Duration::days(1);
        let base_count = sorted
            .iter()
            .filter(|e| {
                (base_from..=base_to).contains(&e.date) && e.ratings.get(&item.id).is_some()
            })
            .count();
        let Some(base) = mean(entries, &item.id, base_from, base_to) else {
            continue;
        };
        let now = recent.iter().map(|(_, v)| f64::from(*v)).sum::<f64>() / RECENT as f64;
        if base_count >= BASELINE_MIN && now < base - items.warning.margin {
            return Some(Warning {
                reason: Reason::Falling,
                item: Some(item.id.clone()),
                since: recent[RECENT - 1].0,
            });
        }
    }
    let low = items.warning.low_level(items);
    for item in &items.items {
        let answered: Vec<(NaiveDate, u8)> = fresh
            .iter()
            .filter_map(|e| e.ratings.get(&item.id).map(|v| (e.date, v)))
            .collect();
        let Some((end, _)) = answered.last().copied() else {
            continue;
        };
        let week: Vec<f64> = answered
            .iter()
            .filter(|(d, _)| *d > end - Duration::days(LOW_DAYS))
            .map(|(_, v)| f64::from(*v))
            .collect();
        if week.len() >= RECENT && week.iter().sum::<f64>() / week.len() as f64 <= low {
            return Some(Warning {
                reason: Reason::Low,
                item: Some(item.id.clone()),
                since: end,
            });
        }
    }
    // Stopped: someone who usually reports has not, for N working days
    // (today not counted: the form is filled in after work). A day off the
    // form marked is an entry, so the silence counts from after it.
    let usual = sorted
        .iter()
        .filter(|e| !e.day_off && e.date > last.date - Duration::days(BASELINE_DAYS))
        .count();
    if usual < USUAL_MIN || items.warning.silent_days == 0 {
        return None;
    }
    let from = acknowledged.map_or(last.date, |a| a.max(last.date));
    let mut days = 0;
    let mut reached = None;
    let mut d = from + Duration::days(1);
    while d < today {
        if is_working_day(d) {
            days += 1;
            if days == items.warning.silent_days {
                reached = Some(d);
            }
        }
        d += Duration::days(1);
    }
    reached.map(|since| Warning {
        reason: Reason::Stopped { days },
        item: None,
        since,
    })
}

/// The warning as a dashboard line: open, dated the day it arose.
pub fn due_item(w: &Warning) -> super::schedule::DueItem {
    super::schedule::DueItem {
        duty: super::schedule::Duty::SelfReport { reason: w.reason },
        due: w.since,
        state: super::schedule::DueState::Overdue,
        done_on: None,
    }
}

#[cfg(test)]
#[path = "selfreport_warning_tests.rs"]
mod tests;
