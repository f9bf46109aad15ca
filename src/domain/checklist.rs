//! Checklist instruments as data (TOML definitions), and assessments: one
//! filled-in checklist for one worker on one date.
//!
//! Pure: parsing a definition takes text, not a file. The catalogue that reads
//! the embedded and agency files lives in `crate::checklists`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::codes::code_enum;
use crate::lang::Lang;

/// The highest scale value an entry key can give (keys `1`–`9`; `0` means
/// "not assessed").
pub const MAX_SCALE_VALUE: u8 = 9;

/// One point of the answer scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScalePoint {
    pub value: u8,
    pub ja: String,
    pub en: String,
}

impl ScalePoint {
    pub fn label(&self, lang: Lang) -> &str {
        lang.pick(&self.ja, &self.en)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    /// The question, read aloud to the worker or the employer.
    pub text: String,
    /// An optional explanation shown under the question.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub hint: String,
    /// Our English translation of `text` and `hint` (the Japanese is the
    /// source; screens in English show both).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text_en: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub hint_en: String,
}

impl Item {
    /// The question in `lang`: the translation in English where there is
    /// one, else the Japanese.
    pub fn text(&self, lang: Lang) -> &str {
        pick_nonempty(lang, &self.text, &self.text_en)
    }

    pub fn hint(&self, lang: Lang) -> &str {
        pick_nonempty(lang, &self.hint, &self.hint_en)
    }

    /// The Japanese source, when `lang` shows a translation instead.
    pub fn source_text(&self, lang: Lang) -> Option<&str> {
        (self.text(lang) != self.text).then_some(self.text.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub id: String,
    /// The full label, as printed in the manual.
    pub label: String,
    /// The short label used on the radar axes.
    pub short: String,
    #[serde(default)]
    pub label_en: String,
    #[serde(default)]
    pub short_en: String,
    pub items: Vec<Item>,
}

impl Group {
    pub fn label(&self, lang: Lang) -> &str {
        pick_nonempty(lang, &self.label, &self.label_en)
    }

    pub fn short(&self, lang: Lang) -> &str {
        pick_nonempty(lang, &self.short, &self.short_en)
    }
}

/// English if asked for and present, else the Japanese.
fn pick_nonempty<'a>(lang: Lang, ja: &'a str, en: &'a str) -> &'a str {
    if lang == Lang::En && !en.trim().is_empty() {
        en
    } else {
        ja
    }
}

/// A checklist definition: the data in `src/checklists/*.toml` or an agency's file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    pub id: String,
    pub version: u32,
    pub title: String,
    #[serde(default)]
    pub title_en: String,
    /// Who made the instrument (credited on every summary).
    pub source: String,
    /// The answer scale, in any order; "not assessed" is not part of it.
    pub scale: Vec<ScalePoint>,
    #[serde(rename = "group")]
    pub groups: Vec<Group>,
}

/// Why a definition cannot be used. Shown to the user by `i18n`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DefinitionError {
    /// The text is not valid TOML or does not have the expected fields.
    Syntax(String),
    BadId(String),
    ZeroVersion,
    EmptyTitle,
    EmptySource,
    /// Fewer than two points.
    ScaleTooShort,
    /// A value outside 1–9 (0 is reserved for "not assessed").
    ScaleValue(u8),
    ScaleDuplicate(u8),
    ScaleLabelEmpty(u8),
    NoGroups,
    DuplicateGroup(String),
    EmptyGroup(String),
    GroupLabelEmpty(String),
    DuplicateItem(String),
    ItemTextEmpty(String),
}

/// Ids end up in record ids (`<assessment>/<item>`) and file names: keep them to
/// lowercase ASCII letters, digits, `_` and `-`.
fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 40
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

impl Instrument {
    /// Parses and checks a definition.
    pub fn parse(text: &str) -> Result<Instrument, DefinitionError> {
        let mut inst: Instrument =
            toml::from_str(text).map_err(|e| DefinitionError::Syntax(e.message().to_string()))?;
        inst.scale.sort_by_key(|p| p.value);
        inst.validate()?;
        Ok(inst)
    }

    /// Every rule a definition must meet before assessments can use it.
    pub fn validate(&self) -> Result<(), DefinitionError> {
        use DefinitionError as E;
        if !valid_id(&self.id) {
            return Err(E::BadId(self.id.clone()));
        }
        if self.version == 0 {
            return Err(E::ZeroVersion);
        }
        if self.title.trim().is_empty() {
            return Err(E::EmptyTitle);
        }
        if self.source.trim().is_empty() {
            return Err(E::EmptySource);
        }
        if self.scale.len() < 2 {
            return Err(E::ScaleTooShort);
        }
        let mut seen_values = Vec::new();
        for p in &self.scale {
            if p.value == 0 || p.value > MAX_SCALE_VALUE {
                return Err(E::ScaleValue(p.value));
            }
            if seen_values.contains(&p.value) {
                return Err(E::ScaleDuplicate(p.value));
            }
            if p.ja.trim().is_empty() || p.en.trim().is_empty() {
                return Err(E::ScaleLabelEmpty(p.value));
            }
            seen_values.push(p.value);
        }
        if self.groups.is_empty() {
            return Err(E::NoGroups);
        }
        let mut group_ids: Vec<&str> = Vec::new();
        let mut item_ids: Vec<&str> = Vec::new();
        for g in &self.groups {
            if !valid_id(&g.id) {
                return Err(E::BadId(g.id.clone()));
            }
            if group_ids.contains(&g.id.as_str()) {
                return Err(E::DuplicateGroup(g.id.clone()));
            }
            group_ids.push(&g.id);
            if g.label.trim().is_empty() || g.short.trim().is_empty() {
                return Err(E::GroupLabelEmpty(g.id.clone()));
            }
            if g.items.is_empty() {
                return Err(E::EmptyGroup(g.id.clone()));
            }
            for item in &g.items {
                if !valid_id(&item.id) {
                    return Err(E::BadId(item.id.clone()));
                }
                if item_ids.contains(&item.id.as_str()) {
                    return Err(E::DuplicateItem(item.id.clone()));
                }
                item_ids.push(&item.id);
                if item.text.trim().is_empty() {
                    return Err(E::ItemTextEmpty(item.id.clone()));
                }
            }
        }
        Ok(())
    }

    pub fn title(&self, lang: Lang) -> &str {
        pick_nonempty(lang, &self.title, &self.title_en)
    }

    /// Every item in order, with the index of its group.
    pub fn items(&self) -> impl Iterator<Item = (usize, &Item)> {
        self.groups
            .iter()
            .enumerate()
            .flat_map(|(gi, g)| g.items.iter().map(move |it| (gi, it)))
    }

    pub fn item_count(&self) -> usize {
        self.groups.iter().map(|g| g.items.len()).sum()
    }

    /// The position of an item (0-based, across groups).
    pub fn item_index(&self, id: &str) -> Option<usize> {
        self.items().position(|(_, it)| it.id == id)
    }

    pub fn min_value(&self) -> u8 {
        self.scale.iter().map(|p| p.value).min().unwrap_or(1)
    }

    pub fn max_value(&self) -> u8 {
        self.scale.iter().map(|p| p.value).max().unwrap_or(1)
    }

    pub fn scale_point(&self, value: u8) -> Option<&ScalePoint> {
        self.scale.iter().find(|p| p.value == value)
    }

    pub fn in_scale(&self, value: u8) -> bool {
        self.scale_point(value).is_some()
    }
}

code_enum! {
    /// Who answered the checklist.
    Respondent, "respondent" {
        Worker = "self", "本人", "self-report";
        Supervisor = "supervisor", "上長", "supervisor";
        Supporter = "supporter", "支援者", "supporter (observation)";
        Joint = "joint", "合議", "joint";
    }
}

/// One item's answer: a scale value, or `None` for "not assessed" (never 0).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Answer {
    pub item: String,
    pub value: Option<u8>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub comment: String,
}

/// A checklist filled in for one worker on one date. Items without an `Answer`
/// have not been reached yet; an `Answer` with no value was marked not assessed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    pub id: String,
    pub worker_id: String,
    pub instrument: String,
    pub version: u32,
    pub date: NaiveDate,
    pub respondent: Respondent,
    pub note: String,
    pub answers: Vec<Answer>,
    /// For closed employment: the supporter confirmed that the worker's
    /// consent to this record was recorded (`domain::closed`).
    pub consent_confirmed: bool,
}

impl Assessment {
    pub fn answer(&self, item: &str) -> Option<&Answer> {
        self.answers.iter().find(|a| a.item == item)
    }

    /// The value of an item, if it was answered with a value.
    pub fn value(&self, item: &str) -> Option<u8> {
        self.answer(item).and_then(|a| a.value)
    }
}

/// Why a set of answers does not fit an instrument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerError {
    /// The list has `found` answers where the instrument has `expected` items.
    Count {
        expected: usize,
        found: usize,
    },
    /// Answer number `position` (1-based) is not a value on the scale.
    OutOfScale {
        position: usize,
        input: String,
        min: u8,
        max: u8,
    },
    UnknownItem(String),
    /// The assessment belongs to another instrument (or version) than the one given.
    WrongInstrument {
        expected: String,
        found: String,
    },
    /// A closed-employment worker's employer does not know of the disability:
    /// the supervisor cannot be asked.
    ClosedEmploymentSupervisor,
}

/// A typed answer that is neither a scale value nor a "not assessed" mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotOnScale;

/// Reads one answer as typed: a scale value, or `-`, `0`, `?`, empty or
/// 未確認 for not assessed.
pub fn parse_value(inst: &Instrument, input: &str) -> Result<Option<u8>, NotOnScale> {
    let s = input.trim();
    if matches!(s, "" | "-" | "0" | "?" | "未確認" | "－" | "ー") {
        return Ok(None);
    }
    let digits: String = s
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            c => c,
        })
        .collect();
    match digits.parse::<u8>() {
        Ok(v) if inst.in_scale(v) => Ok(Some(v)),
        _ => Err(NotOnScale),
    }
}

/// Reads a full answer list such as `4,3,-,2,…`: one entry per item, in order.
pub fn parse_answers(inst: &Instrument, input: &str) -> Result<Vec<Answer>, AnswerError> {
    let parts: Vec<&str> = input.split([',', '、', '，']).collect();
    let expected = inst.item_count();
    if parts.len() != expected {
        return Err(AnswerError::Count {
            expected,
            found: if input.trim().is_empty() {
                0
            } else {
                parts.len()
            },
        });
    }
    inst.items()
        .zip(parts)
        .enumerate()
        .map(|(i, ((_, item), part))| {
            let value = parse_value(inst, part).map_err(|NotOnScale| AnswerError::OutOfScale {
                position: i + 1,
                input: part.trim().to_string(),
                min: inst.min_value(),
                max: inst.max_value(),
            })?;
            Ok(Answer {
                item: item.id.clone(),
                value,
                comment: String::new(),
            })
        })
        .collect()
}

/// Checks one answer against the instrument before it is saved.
pub fn check_answer(inst: &Instrument, answer: &Answer) -> Result<(), AnswerError> {
    let position = inst
        .item_index(&answer.item)
        .ok_or_else(|| AnswerError::UnknownItem(answer.item.clone()))?;
    match answer.value {
        Some(v) if !inst.in_scale(v) => Err(AnswerError::OutOfScale {
            position: position + 1,
            input: v.to_string(),
            min: inst.min_value(),
            max: inst.max_value(),
        }),
        _ => Ok(()),
    }
}

/// Whether the employer's side answered: what closed employment forbids.
pub fn employer_answered(a: &Assessment) -> bool {
    a.respondent == Respondent::Supervisor
}

/// Checks a whole assessment before it is saved: the right instrument, every
/// answer on the scale, and closed employment respected.
pub fn check_assessment(
    inst: &Instrument,
    a: &Assessment,
    worker_is_closed: bool,
) -> Result<(), AnswerError> {
    if a.instrument != inst.id || a.version != inst.version {
        return Err(AnswerError::WrongInstrument {
            expected: format!("{} v{}", inst.id, inst.version),
            found: format!("{} v{}", a.instrument, a.version),
        });
    }
    if worker_is_closed && employer_answered(a) && !a.consent_confirmed {
        return Err(AnswerError::ClosedEmploymentSupervisor);
    }
    a.answers.iter().try_for_each(|ans| check_answer(inst, ans))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINI: &str = r#"
id = "mini"
version = 1
title = "ミニ"
source = "test"
scale = [
  { value = 2, ja = "はい", en = "yes" },
  { value = 1, ja = "いいえ", en = "no" },
]
[[group]]
id = "a"
label = "グループA"
short = "A"
items = [{ id = "a1", text = "一" }, { id = "a2", text = "二" }]
[[group]]
id = "b"
label = "グループB"
short = "B"
items = [{ id = "b1", text = "三" }]
"#;

    #[test]
    fn a_good_definition_loads_with_its_scale_sorted() {
        let inst = Instrument::parse(MINI).unwrap();
        assert_eq!(inst.item_count(), 3);
        assert_eq!(inst.scale[0].value, 1);
        assert_eq!((inst.min_value(), inst.max_value()), (1, 2));
        assert_eq!(inst.item_index("b1"), Some(2));
    }

    fn broken(from: &str, to: &str) -> DefinitionError {
        let text = MINI.replacen(from, to, 1);
        assert_ne!(text, MINI, "replacement {from} did not apply");
        Instrument::parse(&text).unwrap_err()
    }

    #[test]
    fn each_broken_rule_is_named() {
        use DefinitionError as E;
        assert_eq!(
            broken(r#"id = "b1""#, r#"id = "a1""#),
            E::DuplicateItem("a1".into())
        );
        assert_eq!(
            broken(r#"id = "b""#, r#"id = "a""#),
            E::DuplicateGroup("a".into())
        );
        assert_eq!(
            broken(r#"items = [{ id = "b1", text = "三" }]"#, "items = []"),
            E::EmptyGroup("b".into())
        );
        assert_eq!(broken("value = 2,", "value = 1,"), E::ScaleDuplicate(1));
        assert_eq!(broken("value = 2,", "value = 0,"), E::ScaleValue(0));
        assert_eq!(broken("value = 2,", "value = 10,"), E::ScaleValue(10));
        assert_eq!(
            broken(r#"{ value = 1, ja = "いいえ", en = "no" },"#, ""),
            E::ScaleTooShort
        );
        assert_eq!(
            broken(r#"ja = "はい""#, r#"ja = """#),
            E::ScaleLabelEmpty(2)
        );
        assert_eq!(broken("version = 1", "version = 0"), E::ZeroVersion);
        assert_eq!(
            broken(r#"id = "mini""#, r#"id = "Mini/1""#),
            E::BadId("Mini/1".into())
        );
        assert_eq!(
            broken(r#"text = "三""#, r#"text = " ""#),
            E::ItemTextEmpty("b1".into())
        );
        assert!(matches!(
            broken("version = 1", "version = \"x\""),
            E::Syntax(_)
        ));
        assert!(matches!(broken("source", "sauce"), E::Syntax(_)));
    }

    #[test]
    fn answer_lists_are_read_strictly() {
        let inst = Instrument::parse(MINI).unwrap();
        let a = parse_answers(&inst, "2, -,１").unwrap();
        let values: Vec<Option<u8>> = a.iter().map(|a| a.value).collect();
        assert_eq!(values, vec![Some(2), None, Some(1)]);
        assert_eq!(
            parse_answers(&inst, "2,1"),
            Err(AnswerError::Count {
                expected: 3,
                found: 2
            })
        );
        assert_eq!(
            parse_answers(&inst, "2,3,1"),
            Err(AnswerError::OutOfScale {
                position: 2,
                input: "3".into(),
                min: 1,
                max: 2
            })
        );
        assert!(matches!(
            parse_answers(&inst, "2,x,1"),
            Err(AnswerError::OutOfScale { position: 2, .. })
        ));
    }

    #[test]
    fn single_answers_are_checked_against_the_items_and_scale() {
        let inst = Instrument::parse(MINI).unwrap();
        let ok = Answer {
            item: "a2".into(),
            value: None,
            comment: String::new(),
        };
        assert_eq!(check_answer(&inst, &ok), Ok(()));
        let bad = Answer {
            value: Some(4),
            ..ok.clone()
        };
        assert!(matches!(
            check_answer(&inst, &bad),
            Err(AnswerError::OutOfScale { position: 2, .. })
        ));
        let unknown = Answer {
            item: "zz".into(),
            ..ok
        };
        assert_eq!(
            check_answer(&inst, &unknown),
            Err(AnswerError::UnknownItem("zz".into()))
        );
    }
}
