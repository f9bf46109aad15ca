//! Follow-ups: what a contact says is to be done next (`next_action`, by
//! `next_due`). A worker has at most one open follow-up — that of their
//! latest contact with one; an earlier contact's is superseded by it. It
//! stays on the dashboard until it is marked done or dismissed (the
//! contact's `next_done`), or edited away.

use chrono::{Days, NaiveDate};

use super::schedule::{DueItem, DueState, Duty};

/// A follow-up shows as "due soon" this many days before its date.
pub const FOLLOW_UP_SOON_DAYS: u64 = 7;

/// What the schedule needs to know about one contact's follow-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpFact {
    pub contact_id: String,
    pub date: NaiveDate,
    pub action: String,
    pub due: Option<NaiveDate>,
    pub done: Option<NaiveDate>,
}

impl From<&super::Contact> for FollowUpFact {
    fn from(c: &super::Contact) -> Self {
        FollowUpFact {
            contact_id: c.id.clone(),
            date: c.date,
            action: c.next_action.clone(),
            due: c.next_due,
            done: c.next_done,
        }
    }
}

/// Adds a worker's open follow-up, if any, to their duties (while the worker
/// is not ended or handed over), and keeps its action for the line's text.
pub fn add(
    worker: &super::Worker,
    facts: &[FollowUpFact],
    today: NaiveDate,
    items: &mut Vec<DueItem>,
    actions: &mut std::collections::HashMap<String, String>,
) {
    if let Some(open) = current(facts)
        && super::schedule::follows_up(worker)
    {
        items.push(due_item(open, today));
        actions.insert(worker.id.clone(), open.action.clone());
    }
}

/// Gives the dashboard's follow-up lines their next action as text.
pub fn fill(
    board: &mut [super::schedule::DashboardItem],
    mut actions: std::collections::HashMap<String, String>,
) {
    for line in board.iter_mut().filter(|l| l.item.duty == Duty::FollowUp) {
        line.detail = actions.remove(&line.worker_id).unwrap_or_default();
    }
}

/// The follow-up in force: that of the latest contact (by date) with a next
/// action or date; `None` when that one is done.
pub fn current(facts: &[FollowUpFact]) -> Option<&FollowUpFact> {
    facts
        .iter()
        .filter(|f| !f.action.trim().is_empty() || f.due.is_some())
        .max_by_key(|f| (f.date, f.contact_id.as_str()))
        .filter(|f| f.done.is_none())
}

/// The dashboard's line for a follow-up: overdue after its date, due soon
/// from [`FOLLOW_UP_SOON_DAYS`] before; one without a date is due soon from
/// the day of its contact.
pub fn due_item(f: &FollowUpFact, today: NaiveDate) -> DueItem {
    let (due, state) = match f.due {
        Some(due) if today > due => (due, DueState::Overdue),
        Some(due) if today + Days::new(FOLLOW_UP_SOON_DAYS) >= due => (due, DueState::DueSoon),
        Some(due) => (due, DueState::Upcoming),
        None => (f.date, DueState::DueSoon),
    };
    DueItem {
        duty: Duty::FollowUp,
        due,
        state,
        done_on: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn fact(id: &str, date: NaiveDate, action: &str, due: Option<NaiveDate>) -> FollowUpFact {
        FollowUpFact {
            contact_id: id.into(),
            date,
            action: action.into(),
            due,
            done: None,
        }
    }

    #[test]
    fn the_latest_contact_with_a_next_action_supersedes_earlier_ones() {
        let a = fact("a", d(10, 1), "上司に確認", Some(d(10, 10)));
        let b = fact("b", d(10, 20), "主治医に連絡", Some(d(11, 30)));
        let none = fact("c", d(11, 1), "", None);
        let facts = vec![a.clone(), b.clone(), none];
        assert_eq!(
            current(&facts),
            Some(&b),
            "a later contact without one does not"
        );
        let mut done = b.clone();
        done.done = Some(d(11, 2));
        assert_eq!(current(&[a.clone(), done]), None, "done: nothing open");
        assert_eq!(current(std::slice::from_ref(&a)), Some(&a));
    }

    #[test]
    fn overdue_after_the_date_due_soon_a_week_before() {
        let f = fact("a", d(11, 1), "電話", Some(d(11, 20)));
        assert_eq!(due_item(&f, d(11, 12)).state, DueState::Upcoming);
        assert_eq!(due_item(&f, d(11, 13)).state, DueState::DueSoon);
        assert_eq!(due_item(&f, d(11, 20)).state, DueState::DueSoon);
        assert_eq!(due_item(&f, d(11, 21)).state, DueState::Overdue);
        let undated = fact("b", d(11, 1), "書類を渡す", None);
        let item = due_item(&undated, d(11, 21));
        assert_eq!((item.due, item.state), (d(11, 1), DueState::DueSoon));
    }
}
