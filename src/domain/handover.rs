//! Handover before the service ends (domain.md, "Handover before the service
//! ends"; seed 002 ~2744–2804): the agency's decision whether a worker needs
//! support to continue after the service (要継続支援), and for such a worker
//! the log of what was shared, with whom, how and when, with the worker's
//! consent. Both are synced records; the schedule reads them (schedule.rs).

use chrono::NaiveDate;
use serde::Serialize;

use super::codes::code_enum;
use super::validate::Invalid;
use super::{Layer, Person, Worker};

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
    /// The worker also agreed to share the contacts of the people around
    /// them (the resource map with phone numbers): only then does the
    /// handover sheet list them. (A flag of its own, not a [`SharedItem`], so
    /// that a laptop on an older teichaku, which knows no such item, can
    /// still read the sharing.)
    pub people: bool,
    pub note: String,
    pub recorded_by: String,
}

impl Sharing {
    /// Whether this sharing meets the handover duty: consented, with an agency
    /// that takes over, and no rule broken by its recipient (`person`, the
    /// person it names; `None` when that person is gone): see
    /// [`sharing_conflict`]. (A conference with the worker alone never is
    /// one: the recipient is always a person of the resource map.)
    pub fn counts(&self, person: Option<&Person>, worker: &Worker) -> bool {
        self.consent
            && self.takes_over
            && !self.items.is_empty()
            && person.is_some_and(|p| sharing_conflict(self, p, worker).is_none())
    }
}

/// Roles of the workplace (上司・同僚・人事・社長 and the like), as people
/// write them in the resource map's role field. Words that agencies use too
/// (主任, 課長, "manager" alone: 主任相談支援専門員, case manager) are left out:
/// for those the layer and the organisation decide.
const WORKPLACE_ROLES_JA: &[&str] = &[
    "上司",
    "上長",
    "同僚",
    "先輩社員",
    "人事",
    "社長",
    "店長",
    "工場長",
    "職長",
    "班長",
    "事業主",
    "雇用主",
    "職業生活相談員",
    "企業在籍型",
];
const WORKPLACE_ROLES_EN: &[&str] = &[
    "supervisor",
    "boss",
    "coworker",
    "co-worker",
    "colleague",
    "hr",
    "human resources",
    "employer",
    "line manager",
    "store manager",
];

/// Whether `p` is on the employer's side of the worker's network: the
/// company layer of the resource map, a workplace role (上司, 同僚, 人事, 社長,
/// supervisor, HR …), or the worker's employer or workplace as organisation.
pub fn employer_side(p: &Person, worker: &Worker) -> bool {
    if p.layer == Layer::Company {
        return true;
    }
    let role = p.role.to_lowercase();
    if WORKPLACE_ROLES_JA.iter().any(|r| role.contains(r)) {
        return true;
    }
    // English words whole, so that "hr" is not found in "three".
    let words: Vec<&str> = role
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .collect();
    let spaced = words.join(" ");
    if WORKPLACE_ROLES_EN
        .iter()
        .any(|r| words.contains(r) || (r.contains(' ') && spaced.contains(r)))
    {
        return true;
    }
    let org = p.organisation.trim();
    !org.is_empty()
        && [&worker.employer, &worker.workplace]
            .iter()
            .map(|e| e.trim())
            .any(|e| !e.is_empty() && (org.contains(e) || e.contains(org)))
}

/// Whether `p` can be the agency that takes over after the service: a person
/// of the 福祉・医療 or 地域 layer who is not on the employer's side.
pub fn is_agency(p: &Person, worker: &Worker) -> bool {
    matches!(p.layer, Layer::Welfare | Layer::Community) && !employer_side(p, worker)
}

/// The rule a sharing with `p` breaks, if any: for a worker in closed
/// employment nobody on the employer's side receives one (the employer was
/// not told of the disability); for any worker, the one who takes over is
/// an agency, never a workplace person. Entry refuses such a sharing
/// (validate::sharing); one that exists or arrives by sync is flagged
/// (domain::closed) and does not meet the duty ([`Sharing::counts`]).
pub fn sharing_conflict(s: &Sharing, p: &Person, worker: &Worker) -> Option<Invalid> {
    if worker.is_closed() && employer_side(p, worker) {
        return Some(Invalid::ClosedEmploymentSharing);
    }
    if s.takes_over && !is_agency(p, worker) {
        return Some(Invalid::TakeOverNotAgency);
    }
    None
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
            people: false,
            note: String::new(),
            recorded_by: String::new(),
        }
    }

    fn person(layer: Layer, role: &str, organisation: &str) -> Person {
        Person {
            id: "p".into(),
            worker_id: "w".into(),
            name: "田中".into(),
            role: role.into(),
            organisation: organisation.into(),
            layer,
            phone: String::new(),
            email: String::new(),
            note: String::new(),
        }
    }

    fn worker(closed: bool) -> Worker {
        let mut w = Worker::new("w".into(), "岡田".into());
        w.employer = "株式会社みなと物流".into();
        if closed {
            w.disclosure = crate::domain::Disclosure::Closed;
        }
        w
    }

    #[test]
    fn only_a_consented_sharing_with_a_successor_counts() {
        let agency = person(Layer::Welfare, "相談支援専門員", "相談支援センターあおば");
        let w = worker(false);
        let counts = |s: &Sharing| s.counts(Some(&agency), &w);
        assert!(counts(&sharing(true, true)));
        assert!(!counts(&sharing(false, true)), "no consent");
        assert!(
            !counts(&sharing(true, false)),
            "not an agency that takes over"
        );
        let mut nothing = sharing(true, true);
        nothing.items.clear();
        assert!(!counts(&nothing), "nothing shared");
        assert!(!sharing(true, true).counts(None, &w), "the person is gone");
    }

    #[test]
    fn the_employers_side_by_layer_role_or_organisation() {
        let w = worker(false);
        let side = |layer, role, org| employer_side(&person(layer, role, org), &w);
        assert!(side(Layer::Company, "", ""));
        assert!(
            side(Layer::Community, "上司", ""),
            "a workplace role in any layer"
        );
        assert!(side(Layer::Welfare, "人事担当", ""));
        assert!(side(Layer::Welfare, "HR", ""));
        assert!(side(Layer::Welfare, "Line manager", ""));
        assert!(
            side(Layer::Welfare, "", "みなと物流"),
            "the employer's organisation"
        );
        assert!(!side(
            Layer::Welfare,
            "主任相談支援専門員",
            "相談支援センター"
        ));
        assert!(!side(Layer::Welfare, "case manager", ""));
        assert!(!side(Layer::Community, "three", ""), "hr only as a word");
        assert!(!side(Layer::Welfare, "主治医", "みどりクリニック"));
    }

    #[test]
    fn closed_employment_never_shares_with_the_workplace_and_only_an_agency_takes_over() {
        let boss = person(Layer::Company, "上司", "株式会社みなと物流");
        let agency = person(Layer::Welfare, "相談支援専門員", "あおば");
        let s = sharing(true, true);
        assert_eq!(
            sharing_conflict(&s, &boss, &worker(true)),
            Some(Invalid::ClosedEmploymentSharing)
        );
        assert_eq!(
            sharing_conflict(&s, &boss, &worker(false)),
            Some(Invalid::TakeOverNotAgency),
            "open employment: shared, but the workplace never takes over"
        );
        assert_eq!(
            sharing_conflict(&sharing(true, false), &boss, &worker(false)),
            None
        );
        assert_eq!(sharing_conflict(&s, &agency, &worker(true)), None);
        assert!(!s.counts(Some(&boss), &worker(true)));
        assert!(s.counts(Some(&agency), &worker(true)));
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
