//! Two laptops reviewing the same plan (domain.md "The support plan"): each
//! makes its 第2版 from the same 第1版 without seeing the other. Both arrive
//! by sync and both are kept; together they are a **fork**, an open conflict
//! shown as note conflicts are, until someone chooses one (the others are
//! marked superseded by it) or writes a merged version (which supersedes them
//! all). A superseded version stays readable in the history.
//!
//! Pure: the versions come in, what is open goes out.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::plan::{Plan, PlanEvaluation, PlanGoal, PlanVersion};

impl AsRef<PlanVersion> for PlanVersion {
    fn as_ref(&self) -> &PlanVersion {
        self
    }
}

impl AsRef<PlanVersion> for Plan {
    fn as_ref(&self) -> &PlanVersion {
        &self.version
    }
}

/// Whether a choice or a merge replaced `v`: following `superseded_by` from
/// it reaches a version nobody superseded (a merge of a merge still counts).
/// A chooser that is not there (deleted, not yet arrived) or a cycle (two
/// laptops chose differently, each the other's) supersedes nothing: the
/// conflict shows again rather than both versions disappearing.
pub fn is_superseded<V: AsRef<PlanVersion>>(v: &PlanVersion, all: &[V]) -> bool {
    superseded_in(v, &by_id(all))
}

/// The versions in force (not superseded), in the order given.
pub fn current<V: AsRef<PlanVersion>>(all: &[V]) -> Vec<&V> {
    let index = by_id(all);
    all.iter()
        .filter(|v| !superseded_in(v.as_ref(), &index))
        .collect()
}

/// Each version's `superseded_by`, by id (one look-up a step: the
/// dashboard asks this of every version of every worker).
fn by_id<V: AsRef<PlanVersion>>(all: &[V]) -> HashMap<&str, &str> {
    all.iter()
        .map(|v| {
            let v = v.as_ref();
            (v.id.as_str(), v.superseded_by.as_str())
        })
        .collect()
}

fn superseded_in(v: &PlanVersion, index: &HashMap<&str, &str>) -> bool {
    let mut seen = vec![v.id.as_str()];
    let mut next = v.superseded_by.as_str();
    while !next.is_empty() {
        if seen.contains(&next) {
            return false;
        }
        let Some(by) = index.get(next) else {
            return false;
        };
        seen.push(next);
        next = by;
    }
    seen.len() > 1
}

/// Versions of one worker made from the same version (or two first plans),
/// none of them superseded.
#[derive(Debug, PartialEq)]
pub struct Fork<'a, V> {
    pub worker_id: &'a str,
    /// The version both review; empty for two first plans.
    pub previous_id: &'a str,
    /// Oldest first by (date, version number, id); the last is the one the
    /// plan duty counts from and a new review starts from.
    pub heads: Vec<&'a V>,
}

/// Every open fork in `all` (one worker's versions or many workers').
pub fn open_forks<V: AsRef<PlanVersion>>(all: &[V]) -> Vec<Fork<'_, V>> {
    let mut groups: BTreeMap<(&str, &str), Vec<&V>> = BTreeMap::new();
    for v in current(all) {
        let pv = v.as_ref();
        groups
            .entry((pv.worker_id.as_str(), pv.previous_id.as_str()))
            .or_default()
            .push(v);
    }
    groups
        .into_iter()
        .filter(|(_, heads)| heads.len() > 1)
        .map(|((worker_id, previous_id), mut heads)| {
            heads.sort_by(|a, b| order(a.as_ref()).cmp(&order(b.as_ref())));
            Fork {
                worker_id,
                previous_id,
                heads,
            }
        })
        .collect()
}

fn order(v: &PlanVersion) -> (NaiveDate, u32, &str) {
    (v.date, v.version, v.id.as_str())
}

/// The version a merge starts from: a copy of `later` (the fork's last head:
/// its fields, goals and evaluations, with new ids) reviewing the same
/// version, dated `date`, by `by`. Saved with `Store::merge_plan_fork`, it
/// supersedes every head of the fork.
pub fn merged(later: &Plan, date: NaiveDate, by: &str, mut new_id: impl FnMut() -> String) -> Plan {
    let id = new_id();
    let goals = later
        .goals
        .iter()
        .map(|g| PlanGoal {
            id: new_id(),
            plan_id: id.clone(),
            ..g.clone()
        })
        .collect();
    let evaluations = later
        .evaluations
        .iter()
        .map(|e| PlanEvaluation {
            id: new_id(),
            plan_id: id.clone(),
            ..e.clone()
        })
        .collect();
    Plan {
        version: PlanVersion {
            id,
            date,
            recorded_by: by.to_string(),
            superseded_by: String::new(),
            ..later.version.clone()
        },
        goals,
        evaluations,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::Stage;

    fn v(id: &str, prev: &str, n: u32, day: u32, sup: &str) -> PlanVersion {
        PlanVersion {
            id: id.into(),
            worker_id: "w".into(),
            version: n,
            date: NaiveDate::from_ymd_opt(2026, 11, day).unwrap(),
            previous_id: prev.into(),
            stage: Stage::Exploring,
            handover: String::new(),
            employer: String::new(),
            workplace: String::new(),
            job: String::new(),
            hours_per_week: String::new(),
            work_days: String::new(),
            agencies: String::new(),
            health: String::new(),
            living: String::new(),
            long_term_goal: String::new(),
            explained_on: None,
            share_with: String::new(),
            remarks: String::new(),
            recorded_by: String::new(),
            superseded_by: sup.into(),
            consent: false,
        }
    }

    fn heads(all: &[PlanVersion]) -> Vec<Vec<&str>> {
        open_forks(all)
            .iter()
            .map(|f| f.heads.iter().map(|h| h.id.as_str()).collect())
            .collect()
    }

    #[test]
    fn forks_by_the_table() {
        // (case, versions, open forks as their heads' ids)
        type Case = (&'static str, Vec<PlanVersion>, Vec<Vec<&'static str>>);
        let cases: Vec<Case> = vec![
            (
                "a chain is no fork",
                vec![v("1", "", 1, 1, ""), v("2", "1", 2, 20, "")],
                vec![],
            ),
            (
                "two reviews of 第1版: a fork, the later date last",
                vec![
                    v("1", "", 1, 1, ""),
                    v("b", "1", 2, 21, ""),
                    v("a", "1", 2, 20, ""),
                ],
                vec![vec!["a", "b"]],
            ),
            (
                "two first plans are a fork too",
                vec![v("x", "", 1, 3, ""), v("y", "", 1, 2, "")],
                vec![vec!["y", "x"]],
            ),
            (
                "one chosen: the other is superseded, no fork",
                vec![
                    v("1", "", 1, 1, ""),
                    v("a", "1", 2, 20, ""),
                    v("b", "1", 2, 21, "a"),
                ],
                vec![],
            ),
            (
                "a merge supersedes both",
                vec![
                    v("1", "", 1, 1, ""),
                    v("a", "1", 2, 20, "m"),
                    v("b", "1", 2, 21, "m"),
                    v("m", "1", 2, 22, ""),
                ],
                vec![],
            ),
            (
                "two laptops chose differently: the fork is open again",
                vec![
                    v("1", "", 1, 1, ""),
                    v("a", "1", 2, 20, "b"),
                    v("b", "1", 2, 21, "a"),
                ],
                vec![vec!["a", "b"]],
            ),
            (
                "the chooser has not arrived: the fork stays open",
                vec![
                    v("1", "", 1, 1, ""),
                    v("a", "1", 2, 20, "gone"),
                    v("b", "1", 2, 21, ""),
                ],
                vec![vec!["a", "b"]],
            ),
            (
                "a merge later replaced by a choice still supersedes",
                vec![
                    v("1", "", 1, 1, ""),
                    v("a", "1", 2, 20, "m"),
                    v("b", "1", 2, 21, "m"),
                    v("m", "1", 2, 22, "c"),
                    v("c", "1", 2, 22, ""),
                ],
                vec![],
            ),
        ];
        for (case, all, expected) in cases {
            assert_eq!(heads(&all), expected, "{case}");
        }
    }

    #[test]
    fn superseded_versions_are_not_current() {
        let all = vec![
            v("1", "", 1, 1, ""),
            v("a", "1", 2, 20, ""),
            v("b", "1", 2, 21, "a"),
        ];
        let ids: Vec<&str> = current(&all).iter().map(|v| v.id.as_str()).collect();
        assert_eq!(ids, vec!["1", "a"]);
        assert!(is_superseded(&all[2], &all));
        assert!(!is_superseded(&all[1], &all));
    }

    #[test]
    fn a_merge_copies_the_later_version_with_new_ids() {
        let base = v("b", "1", 2, 21, "");
        let later = Plan {
            version: base.clone(),
            goals: vec![PlanGoal {
                id: "g".into(),
                plan_id: "b".into(),
                position: 1,
                domain: crate::domain::plan::GoalDomain::Workplace,
                goal: "報告する".into(),
                policy: String::new(),
                content: "練習".into(),
                period: String::new(),
                frequency: String::new(),
            }],
            evaluations: vec![],
        };
        let mut n = 0;
        let m = merged(
            &later,
            NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
            "佐藤",
            || {
                n += 1;
                format!("new{n}")
            },
        );
        assert_eq!(m.version.id, "new1");
        assert_eq!(m.version.previous_id, "1");
        assert_eq!(m.version.version, 2);
        assert_eq!(m.version.recorded_by, "佐藤");
        assert_eq!(m.goals[0].id, "new2");
        assert_eq!(m.goals[0].plan_id, "new1");
        assert_eq!(m.goals[0].goal, "報告する");
    }
}
