//! The daily self-report (日報): a worker's ratings of a few items at the end
//! of a working day, with comments from the worker, the workplace and the
//! supporter (domain.md, "Between visits"). One record per worker per day.
//!
//! The items are data ([`Items`], TOML: built in, or the agency's own file in
//! the config folder). A rating runs from the scale's `min` (worst) to `max`
//! (best); an item not answered is absent from [`Ratings`], never a score.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::codes::code_enum;
use crate::lang::Lang;

code_enum! {
    /// Where a day's self-report came from.
    Source, "source" {
        Form = "form", "フォーム取込", "form import";
        Phone = "phone", "電話", "phone";
        Paper = "paper", "紙", "paper";
    }
}

/// The answered items of one day: item id → rating. Not answered: absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Ratings(pub BTreeMap<String, u8>);

impl Ratings {
    pub fn get(&self, item: &str) -> Option<u8> {
        self.0.get(item).copied()
    }

    pub fn set(&mut self, item: &str, value: Option<u8>) {
        match value {
            Some(v) => {
                self.0.insert(item.to_string(), v);
            }
            None => {
                self.0.remove(item);
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SelfReport {
    pub id: String,
    pub worker_id: String,
    pub date: NaiveDate,
    pub ratings: Ratings,
    /// The worker's own words: their health data, never on an employer path.
    pub worker_comment: String,
    /// Only when the workplace takes part (never for closed employment).
    pub workplace_comment: String,
    pub supporter_comment: String,
    pub source: Source,
    /// The day a supporter acknowledged the worker's state (a note, a call):
    /// it clears the dashboard's warning up to that day.
    pub acknowledged_on: Option<NaiveDate>,
    pub recorded_by: String,
    /// The form marked the day a day off (休み・休日): not a working day, so
    /// not a missing report.
    pub day_off: bool,
}

impl SelfReport {
    /// One record per worker per day, on every laptop: the id is made of the
    /// two, so an import on two laptops, or an import and a phone entry,
    /// are the same record and merge field by field.
    pub fn id_for(worker_id: &str, date: NaiveDate) -> String {
        format!("sr-{worker_id}-{}", date.format("%Y%m%d"))
    }

    pub fn new(id: String, worker_id: String, date: NaiveDate, source: Source) -> SelfReport {
        SelfReport {
            id,
            worker_id,
            date,
            ratings: Ratings::default(),
            worker_comment: String::new(),
            workplace_comment: String::new(),
            supporter_comment: String::new(),
            source,
            acknowledged_on: None,
            recorded_by: String::new(),
            day_off: false,
        }
    }
}

/// One item of the self-report.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub ja: String,
    #[serde(default)]
    pub en: String,
}

impl Item {
    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::En if !self.en.is_empty() => &self.en,
            _ => &self.ja,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    pub min: u8,
    pub max: u8,
    #[serde(default)]
    pub low: String,
    #[serde(default)]
    pub high: String,
    #[serde(default)]
    pub low_en: String,
    #[serde(default)]
    pub high_en: String,
}

/// What makes the dashboard warn (see `selfreport_warning`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct WarningRules {
    /// The last entries' mean this far below the previous 4 weeks' mean.
    pub margin: f64,
    /// Working days without an entry, for a worker who usually reports.
    pub silent_days: u32,
    /// A week's mean at or below this is a sustained low level. Unset: a
    /// third of the way up the scale (2 on 1–4).
    pub low_mean: Option<f64>,
}

impl Default for WarningRules {
    fn default() -> Self {
        WarningRules {
            margin: 0.7,
            silent_days: 3,
            low_mean: None,
        }
    }
}

impl WarningRules {
    /// The low level on the items' scale.
    pub fn low_level(&self, items: &Items) -> f64 {
        let (min, max) = (f64::from(items.scale.min), f64::from(items.scale.max));
        self.low_mean.unwrap_or(min + (max - min) / 3.0)
    }
}

/// The items of the agency's self-report, their scale and warning rules.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Items {
    pub scale: Scale,
    #[serde(default)]
    pub warning: WarningRules,
    #[serde(rename = "item")]
    pub items: Vec<Item>,
}

/// Why an items file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemsError {
    Toml(String),
    NoItems,
    /// `min` must be at least 1 and below `max`, `max` at most 9 (one digit).
    Scale,
    DuplicateId(String),
}

impl Items {
    pub fn parse(text: &str) -> Result<Items, ItemsError> {
        let items: Items = toml::from_str(text).map_err(|e| ItemsError::Toml(e.to_string()))?;
        if items.items.is_empty() {
            return Err(ItemsError::NoItems);
        }
        if items.scale.min < 1 || items.scale.min >= items.scale.max || items.scale.max > 9 {
            return Err(ItemsError::Scale);
        }
        for (i, item) in items.items.iter().enumerate() {
            if item.id.trim().is_empty() || items.items[..i].iter().any(|o| o.id == item.id) {
                return Err(ItemsError::DuplicateId(item.id.clone()));
            }
        }
        Ok(items)
    }

    /// The built-in items (気分, 体調, 睡眠, 疲れ, 仕事の手応え on 1–4).
    pub fn builtin() -> Items {
        match Items::parse(BUILTIN) {
            Ok(items) => items,
            // The embedded file is checked by a test; this is never reached.
            Err(_) => Items {
                scale: Scale {
                    min: 1,
                    max: 4,
                    low: String::new(),
                    high: String::new(),
                    low_en: String::new(),
                    high_en: String::new(),
                },
                warning: WarningRules::default(),
                items: Vec::new(),
            },
        }
    }

    pub fn get(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    pub fn in_scale(&self, v: u8) -> bool {
        (self.scale.min..=self.scale.max).contains(&v)
    }

    /// A form's rating on `from_min..=from_max` mapped onto the item scale,
    /// linearly and rounded (a 1–5 form onto 1–4: 1→1, 2→2, 3→3, 4→3, 5→4).
    pub fn map_rating(&self, v: f64, from_min: f64, from_max: f64) -> Option<u8> {
        if !(from_min..=from_max).contains(&v) || from_max <= from_min {
            return None;
        }
        let (min, max) = (f64::from(self.scale.min), f64::from(self.scale.max));
        let mapped = min + (v - from_min) * (max - min) / (from_max - from_min);
        let r = mapped.round();
        (min..=max).contains(&r).then_some(r as u8)
    }
}

pub const BUILTIN: &str = include_str!("../checklists/selfreport_items.toml");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_items_are_the_five_of_the_issue_on_one_to_four() {
        let items = Items::parse(BUILTIN).unwrap();
        let ids: Vec<&str> = items.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["mood", "health", "sleep", "fatigue", "work"]);
        assert_eq!(items.items[0].label(Lang::Ja), "気分");
        assert_eq!((items.scale.min, items.scale.max), (1, 4));
        assert_eq!(items, Items::builtin());
    }

    #[test]
    fn a_five_point_form_maps_onto_four_points_explicitly() {
        let items = Items::builtin();
        let mapped: Vec<Option<u8>> = (1..=5)
            .map(|v| items.map_rating(f64::from(v), 1.0, 5.0))
            .collect();
        assert_eq!(mapped, [Some(1), Some(2), Some(3), Some(3), Some(4)]);
        assert_eq!(items.map_rating(6.0, 1.0, 5.0), None);
        assert_eq!(items.map_rating(0.0, 1.0, 5.0), None);
        assert_eq!(items.map_rating(3.0, 1.0, 4.0), Some(3));
    }

    #[test]
    fn a_broken_items_file_says_why() {
        assert_eq!(
            Items::parse("item = []\n[scale]\nmin = 1\nmax = 4"),
            Err(ItemsError::NoItems)
        );
        let bad_scale = "[scale]\nmin = 0\nmax = 4\n[[item]]\nid = \"a\"\nja = \"A\"";
        assert_eq!(Items::parse(bad_scale), Err(ItemsError::Scale));
        let dup = "[scale]\nmin = 1\nmax = 3\n[[item]]\nid = \"a\"\nja = \"A\"\n[[item]]\nid = \"a\"\nja = \"B\"";
        assert_eq!(Items::parse(dup), Err(ItemsError::DuplicateId("a".into())));
        assert!(matches!(
            Items::parse("nonsense = ["),
            Err(ItemsError::Toml(_))
        ));
    }
}
