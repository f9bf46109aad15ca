//! Scores from assessments: group means (gaps stay gaps, never 0), the change
//! since the previous assessment, the trend across all of them, and the lowest
//! items as focus points. Pure; shared by the TUI, the CLI and the JSON output.

use chrono::NaiveDate;
use serde::Serialize;

use super::checklist::{Assessment, Instrument, Respondent};

/// The mean of a group's assessed items, and how many were assessed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct GroupScore {
    /// `None` when no item of the group was assessed: a gap, not zero.
    pub mean: Option<f64>,
    pub assessed: usize,
    pub items: usize,
}

/// One score per group of `inst`, in the instrument's order. Answers to items
/// the instrument no longer has are ignored.
pub fn group_scores(inst: &Instrument, a: &Assessment) -> Vec<GroupScore> {
    inst.groups
        .iter()
        .map(|g| {
            let values: Vec<f64> = g
                .items
                .iter()
                .filter_map(|it| a.value(&it.id))
                .map(f64::from)
                .collect();
            let assessed = values.len();
            let mean = (assessed > 0).then(|| values.iter().sum::<f64>() / assessed as f64);
            GroupScore {
                mean,
                assessed,
                items: g.items.len(),
            }
        })
        .collect()
}

/// The means only, for the radar.
pub fn group_means(inst: &Instrument, a: &Assessment) -> Vec<Option<f64>> {
    group_scores(inst, a).into_iter().map(|s| s.mean).collect()
}

/// Which way a group has moved over the assessments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Up,
    Down,
    Flat,
    /// Fewer than two assessments with a value for this group.
    Unknown,
}

/// A change smaller than this (a quarter point) counts as steady.
pub const STEADY: f64 = 0.25;

/// The direction from the first to the last value present.
pub fn direction(series: &[Option<f64>]) -> Direction {
    let mut present = series.iter().flatten();
    let (Some(first), Some(last)) = (present.next(), present.next_back()) else {
        return Direction::Unknown;
    };
    let d = last - first;
    if d >= STEADY {
        Direction::Up
    } else if d <= -STEADY {
        Direction::Down
    } else {
        Direction::Flat
    }
}

/// One group's line in the summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupRow {
    pub id: String,
    pub latest: GroupScore,
    pub previous: Option<f64>,
    /// latest − previous, when both have a value.
    pub change: Option<f64>,
    /// The group's mean in every assessment, oldest first.
    pub series: Vec<Option<f64>>,
    pub direction: Direction,
}

/// An item with one of the lowest values in the latest assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FocusItem {
    /// 1-based position in the instrument.
    pub number: usize,
    pub id: String,
    pub group: String,
    pub value: u8,
    pub previous: Option<u8>,
    /// The comment given with the latest answer, if any.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub comment: String,
}

/// A score as shown: one decimal, halves away from zero (1.75 → 1.8). Changes
/// are computed from shown values, so "2.5" beside "1.8" reads "+0.7".
pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Everything the summary screen and `teichaku summary` show.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub instrument: String,
    pub latest_date: NaiveDate,
    pub previous_date: Option<NaiveDate>,
    /// Who answered the latest, and its overall note.
    pub respondent: Respondent,
    pub note: String,
    /// All dates considered, oldest first, and who answered each (the trend
    /// marks its points when they differ).
    pub dates: Vec<NaiveDate>,
    pub respondents: Vec<Respondent>,
    pub groups: Vec<GroupRow>,
    pub focus: Vec<FocusItem>,
    pub answered: usize,
    pub items: usize,
}

impl Summary {
    pub fn latest_means(&self) -> Vec<Option<f64>> {
        self.groups.iter().map(|g| g.latest.mean).collect()
    }

    pub fn previous_means(&self) -> Option<Vec<Option<f64>>> {
        self.previous_date
            .map(|_| self.groups.iter().map(|g| g.previous).collect())
    }
}

/// How many focus items a summary lists at most.
pub const FOCUS_LIMIT: usize = 5;

/// Summarises the assessments of one instrument (any order; only those of
/// `inst.id` count). `None` when there are none.
pub fn summarize(inst: &Instrument, assessments: &[Assessment]) -> Option<Summary> {
    let mut list: Vec<&Assessment> = assessments
        .iter()
        .filter(|a| a.instrument == inst.id)
        .collect();
    list.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    let latest = *list.last()?;
    let previous = list.len().checked_sub(2).map(|i| list[i]);
    let all: Vec<Vec<Option<f64>>> = list.iter().map(|a| group_means(inst, a)).collect();
    let latest_scores = group_scores(inst, latest);
    let previous_means = previous.map(|p| group_means(inst, p));
    let groups = inst
        .groups
        .iter()
        .enumerate()
        .map(|(gi, g)| {
            let series: Vec<Option<f64>> = all.iter().map(|m| m[gi]).collect();
            let prev = previous_means.as_ref().and_then(|m| m[gi]);
            GroupRow {
                id: g.id.clone(),
                latest: latest_scores[gi],
                previous: prev,
                change: latest_scores[gi]
                    .mean
                    .zip(prev)
                    .map(|(a, b)| round1(a) - round1(b)),
                direction: direction(&series),
                series,
            }
        })
        .collect();
    Some(Summary {
        instrument: inst.id.clone(),
        latest_date: latest.date,
        previous_date: previous.map(|p| p.date),
        respondent: latest.respondent,
        note: latest.note.clone(),
        dates: list.iter().map(|a| a.date).collect(),
        respondents: list.iter().map(|a| a.respondent).collect(),
        groups,
        focus: focus_items(inst, latest, previous, FOCUS_LIMIT),
        answered: inst
            .items()
            .filter(|(_, it)| latest.value(&it.id).is_some())
            .count(),
        items: inst.item_count(),
    })
}

/// The lowest-valued items of `latest` (below the top of the scale), lowest
/// first, then in instrument order; at most `limit`.
pub fn focus_items(
    inst: &Instrument,
    latest: &Assessment,
    previous: Option<&Assessment>,
    limit: usize,
) -> Vec<FocusItem> {
    let top = inst.max_value();
    let mut items: Vec<FocusItem> = inst
        .items()
        .enumerate()
        .filter_map(|(i, (gi, it))| {
            let answer = latest.answer(&it.id)?;
            let value = answer.value?;
            (value < top).then(|| FocusItem {
                comment: answer.comment.clone(),
                number: i + 1,
                id: it.id.clone(),
                group: inst.groups[gi].id.clone(),
                value,
                previous: previous.and_then(|p| p.value(&it.id)),
            })
        })
        .collect();
    items.sort_by_key(|f| (f.value, f.number));
    items.truncate(limit);
    items
}

/// The assessments of `instrument` dated on or before `until` (all if `None`).
pub fn up_to(
    assessments: &[Assessment],
    instrument: &str,
    until: Option<NaiveDate>,
) -> Vec<Assessment> {
    assessments
        .iter()
        .filter(|a| a.instrument == instrument)
        .filter(|a| until.is_none_or(|d| a.date <= d))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_is_the_difference_of_the_shown_values() {
        use crate::i18n::{Lang, delta, score};
        assert_eq!(score(Some(1.75), Lang::Ja), "1.8");
        assert_eq!(score(Some(2.25), Lang::Ja), "2.3", "halves away from zero");
        // 2.5 against 1.75: the screen shows 2.5 and 1.8, so the change is +0.7.
        assert_eq!(delta(Some(round1(2.5) - round1(1.75)), Lang::Ja), "+0.7");
    }
    use crate::checklists::Catalogue;
    use crate::domain::checklist::{Answer, Respondent, parse_answers};

    fn stability() -> Instrument {
        Catalogue::builtin().get("stability").unwrap().clone()
    }

    fn assessment(inst: &Instrument, day: u32, answers: &str) -> Assessment {
        Assessment {
            id: format!("a{day:02}"),
            worker_id: "w".into(),
            instrument: inst.id.clone(),
            version: inst.version,
            date: NaiveDate::from_ymd_opt(2026, 1, day).unwrap(),
            respondent: Respondent::Worker,
            note: String::new(),
            answers: parse_answers(inst, answers).unwrap(),
            consent_confirmed: false,
        }
    }

    // Groups: 9 items, 4, 4, 3, 5, 2.
    const FULL: &str = "4,4,4,4,4,4,4,4,4, 1,2,3,4, 2,2,2,2, 3,3,3, 1,1,1,1,1, 4,3";

    #[test]
    fn means_count_only_assessed_items_and_gaps_stay_gaps() {
        let inst = stability();
        let full = assessment(&inst, 1, FULL);
        assert_eq!(
            group_means(&inst, &full),
            vec![
                Some(4.0),
                Some(2.5),
                Some(2.0),
                Some(3.0),
                Some(1.0),
                Some(3.5)
            ]
        );
        // Not assessed items are skipped, never counted as 0; a group with no
        // assessed item has no value.
        let gaps = assessment(
            &inst,
            2,
            "4,-,-,-,-,-,-,-,2, -,-,-,-, 2,-,2,-, -,-,-, 1,1,1,1,1, 4,3",
        );
        let scores = group_scores(&inst, &gaps);
        assert_eq!(scores[0].mean, Some(3.0));
        assert_eq!(scores[0].assessed, 2);
        assert_eq!(scores[1].mean, None);
        assert_eq!(scores[1].assessed, 0);
        assert_eq!(scores[2].mean, Some(2.0));
        assert_eq!(scores[3].mean, None);
    }

    #[test]
    fn summary_compares_with_the_previous_and_follows_the_trend() {
        let inst = stability();
        let first = assessment(&inst, 1, FULL);
        let second = assessment(
            &inst,
            10,
            "3,3,3,3,3,3,3,3,3, 2,2,2,2, 3,3,3,3, -,-,-, 1,1,1,1,1, 4,4",
        );
        let third = assessment(
            &inst,
            20,
            "2,2,2,2,2,2,2,2,2, 3,3,3,3, 4,4,4,4, -,-,-, 1,2,1,2,1, 4,4",
        );
        // Given out of order on purpose.
        let s = summarize(&inst, &[third, first, second]).unwrap();
        assert_eq!(s.dates.len(), 3);
        assert_eq!(s.latest_date.to_string(), "2026-01-20");
        assert_eq!(
            s.previous_date.map(|d| d.to_string()).as_deref(),
            Some("2026-01-10")
        );
        let career = &s.groups[0];
        assert_eq!(career.series, vec![Some(4.0), Some(3.0), Some(2.0)]);
        assert_eq!(career.change, Some(-1.0));
        assert_eq!(career.direction, Direction::Down);
        assert_eq!(s.groups[2].direction, Direction::Up);
        // A gap in the latest: no change, and the trend uses what is there.
        let fulfil = &s.groups[3];
        assert_eq!(fulfil.latest.mean, None);
        assert_eq!(fulfil.change, None);
        assert_eq!(fulfil.direction, Direction::Unknown);
        assert_eq!(s.groups[5].direction, Direction::Up);
        assert!((s.groups[4].latest.mean.unwrap() - 1.4).abs() < 1e-9);
        assert_eq!(s.groups[4].direction, Direction::Up);
        assert_eq!(s.answered, 24);
        // Focus: the lowest values first (group V's 1s), then the 2s in
        // instrument order.
        let ids: Vec<&str> = s.focus.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, vec!["s21", "s23", "s25", "s01", "s02"]);
        assert_eq!(s.focus[0].previous, Some(1));
        assert_eq!(s.focus[0].number, 21);
    }

    #[test]
    fn no_assessment_means_no_summary_and_top_marks_are_not_focus() {
        let inst = stability();
        assert!(summarize(&inst, &[]).is_none());
        let top = assessment(&inst, 1, &["4"; 27].join(","));
        assert!(focus_items(&inst, &top, None, 5).is_empty());
        let mut only_comment = top.clone();
        only_comment.answers = vec![Answer {
            item: "s01".into(),
            value: None,
            comment: "本人不在".into(),
        }];
        assert!(
            group_means(&inst, &only_comment)
                .iter()
                .all(Option::is_none)
        );
    }

    #[test]
    fn direction_needs_two_values() {
        assert_eq!(direction(&[]), Direction::Unknown);
        assert_eq!(direction(&[None, Some(2.0), None]), Direction::Unknown);
        assert_eq!(direction(&[Some(2.0), None, Some(2.2)]), Direction::Flat);
        assert_eq!(direction(&[Some(2.0), Some(2.5)]), Direction::Up);
    }
}
