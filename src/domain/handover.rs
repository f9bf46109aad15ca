//! Handover before the service ends (domain.md, "Handover before the service
//! ends"; seed 002 ~2744–2804): the agency's decision whether a worker needs
//! support to continue after the service (要継続支援), and for such a worker
//! the log of what was shared, with whom, how and when, with the worker's
//! consent. Both are synced records; the schedule reads them (schedule.rs).

use chrono::NaiveDate;
use serde::Serialize;

use super::codes::code_enum;

code_enum! {
    /// What was shared with the agency that takes over.
    SharedItem, "what was shared" {
        Plan = "plan", "支援計画", "support plan";
        Reports = "reports", "支援レポート", "support reports";
        ChecklistSummary = "checklist_summary", "チェックリストの結果", "checklist summary";
        Other = "other", "その他", "other";
    }
}

code_enum! {
    /// How it was shared.
    ShareMethod, "how" {
        Meeting = "meeting", "会議・面談", "meeting";
        Document = "document", "文書", "document";
        Phone = "phone", "電話", "phone";
    }
}

/// The agency's decision: does the worker need support to continue after the
/// service ends? The latest decision (by date) is the one in force.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HandoverDecision {
    pub id: String,
    pub worker_id: String,
    /// 要継続支援: yes when support must continue after the service.
    pub needs_support: bool,
    pub decided_on: NaiveDate,
    /// Why (the checklists, the plan's goals, the reports, the views gathered).
    pub reasons: String,
    pub recorded_by: String,
}

/// One sharing of information with a person of the worker's resource map.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sharing {
    pub id: String,
    pub worker_id: String,
    /// A person of the worker's network (store::people).
    pub person_id: String,
    pub items: Vec<SharedItem>,
    /// Which plan version was shared, when the plan was (free text until the
    /// plan records exist).
    pub plan_version: String,
    pub method: ShareMethod,
    pub date: NaiveDate,
    /// The worker agreed to this sharing.
    pub consent: bool,
    /// The recipient is an agency that takes over support after the service.
    pub takes_over: bool,
    pub note: String,
    pub recorded_by: String,
}

impl Sharing {
    /// Whether this sharing meets the handover duty: consented, with an agency
    /// that takes over. (A conference with the worker alone never is one: the
    /// recipient is always a person of the resource map.)
    pub fn counts(&self) -> bool {
        self.consent && self.takes_over && !self.items.is_empty()
    }
}

/// The decision in force: the latest by date (then by id, the later record).
pub fn current_decision(decisions: &[HandoverDecision]) -> Option<&HandoverDecision> {
    decisions
        .iter()
        .max_by(|a, b| (a.decided_on, &a.id).cmp(&(b.decided_on, &b.id)))
}

/// The sharing a handover sheet (情報共有シート) is printed for: the latest
/// sharing the worker consented to, with `person_id` when one is named. The
/// sheet carries what that sharing lists and nothing else, so what is
/// printed is what the worker agreed to; `None` when no such consent was
/// recorded.
pub fn sheet_sharing<'a>(sharings: &'a [Sharing], person_id: Option<&str>) -> Option<&'a Sharing> {
    sharings
        .iter()
        .filter(|s| s.consent && !s.items.is_empty())
        .filter(|s| person_id.is_none_or(|p| s.person_id == p))
        .max_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sharing(consent: bool, takes_over: bool) -> Sharing {
        Sharing {
            id: "s".into(),
            worker_id: "w".into(),
            person_id: "p".into(),
            items: vec![SharedItem::Plan],
            plan_version: String::new(),
            method: ShareMethod::Meeting,
            date: NaiveDate::from_ymd_opt(2027, 5, 1).unwrap(),
            consent,
            takes_over,
            note: String::new(),
            recorded_by: String::new(),
        }
    }

    #[test]
    fn only_a_consented_sharing_with_a_successor_counts() {
        assert!(sharing(true, true).counts());
        assert!(!sharing(false, true).counts(), "no consent");
        assert!(
            !sharing(true, false).counts(),
            "not an agency that takes over"
        );
        let mut nothing = sharing(true, true);
        nothing.items.clear();
        assert!(!nothing.counts(), "nothing shared");
    }

    #[test]
    fn a_sheet_is_only_for_a_consented_sharing() {
        let mut a = sharing(true, true);
        a.id = "a".into();
        let mut b = sharing(false, true);
        b.id = "b".into();
        b.date = NaiveDate::from_ymd_opt(2027, 6, 1).unwrap();
        let mut c = sharing(true, false);
        c.id = "c".into();
        c.person_id = "q".into();
        c.date = NaiveDate::from_ymd_opt(2027, 5, 20).unwrap();
        let list = [a, b, c];
        let id = |p| sheet_sharing(&list, p).map(|s| s.id.as_str());
        // The later sharing without consent is never the one printed.
        assert_eq!(id(None), Some("c"));
        assert_eq!(id(Some("p")), Some("a"));
        assert_eq!(id(Some("nobody")), None);
        assert_eq!(sheet_sharing(&list[1..2], None), None);
    }

    #[test]
    fn the_latest_decision_is_in_force() {
        let d = |id: &str, day: u32, needs: bool| HandoverDecision {
            id: id.into(),
            worker_id: "w".into(),
            needs_support: needs,
            decided_on: NaiveDate::from_ymd_opt(2027, 3, day).unwrap(),
            reasons: String::new(),
            recorded_by: String::new(),
        };
        let list = [d("a", 10, false), d("b", 20, true), d("c", 5, false)];
        assert_eq!(current_decision(&list).map(|x| x.id.as_str()), Some("b"));
        assert_eq!(current_decision(&[]), None);
    }
}
