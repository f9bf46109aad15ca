//! Fast entry of a checklist while on the phone: one item at a time, a digit
//! answers and moves on. A pure state machine: it knows nothing of the terminal.
//! The TUI maps its keys to [`EntryKey`] and saves every [`Outcome::Save`] at
//! once, so a dropped call loses nothing and the entry can be resumed.

use chrono::NaiveDate;

use super::checklist::{Answer, Assessment, Instrument};

/// An unfinished assessment this recent (in days) is resumed rather than a new
/// one started: a dropped call is picked up again, an old draft is not.
pub const RESUME_DAYS: i64 = 14;

/// The assessment to resume when the user opens an entry of `inst` on `today`:
/// the latest of that instrument, if it has unanswered items and is recent.
pub fn resumable<'a>(
    assessments: &'a [Assessment],
    inst: &Instrument,
    today: NaiveDate,
) -> Option<&'a Assessment> {
    let latest = assessments
        .iter()
        .filter(|a| a.instrument == inst.id && a.version == inst.version)
        .max_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)))?;
    let answered = inst
        .items()
        .filter(|(_, it)| latest.answer(&it.id).is_some())
        .count();
    let age = (today - latest.date).num_days();
    (answered < inst.item_count() && (0..=RESUME_DAYS).contains(&age)).then_some(latest)
}

/// The keys the entry understands, independent of any terminal library.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKey {
    Char(char),
    Backspace,
    Up,
    Down,
    Enter,
    Esc,
}

/// What the caller must do after a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing to save (the view may still have changed).
    None,
    /// Save this answer now.
    Save(Answer),
    /// The user finished the checklist.
    Finish,
    /// The user left the entry; everything answered so far is saved.
    Pause,
    /// Keep this comment of an item not answered yet (saved with the answer
    /// later; kept apart until then, so pausing does not lose it).
    KeepComment { item: String, comment: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    Answering,
    /// Typing a comment for the current item.
    Comment(String),
    /// Every item has an answer; Enter finishes.
    Complete,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    items: Vec<String>,
    scale: Vec<u8>,
    answers: Vec<Option<Answer>>,
    /// A comment typed before the item had a value; saved with the value.
    pending_comment: Vec<String>,
    cursor: usize,
    phase: Phase,
}

impl Entry {
    /// Starts (or resumes) an entry: `existing` are the answers already saved;
    /// the cursor goes to the first item without an answer.
    pub fn new(inst: &Instrument, existing: &[Answer]) -> Entry {
        let items: Vec<String> = inst.items().map(|(_, it)| it.id.clone()).collect();
        let answers = items
            .iter()
            .map(|id| existing.iter().find(|a| &a.item == id).cloned())
            .collect();
        let mut entry = Entry {
            pending_comment: vec![String::new(); items.len()],
            items,
            scale: inst.scale.iter().map(|p| p.value).collect(),
            answers,
            cursor: 0,
            phase: Phase::Answering,
        };
        entry.go_to_first_unanswered();
        entry
    }

    /// Puts back comments typed on items not answered yet (item id →
    /// comment), as [`Outcome::KeepComment`] had them kept.
    pub fn with_pending(mut self, pending: &[(String, String)]) -> Entry {
        for (item, comment) in pending {
            if let Some(i) = self.items.iter().position(|id| id == item)
                && self.answers[i].is_none()
            {
                self.pending_comment[i] = comment.clone();
            }
        }
        self
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn phase(&self) -> &Phase {
        &self.phase
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn item_id(&self, index: usize) -> Option<&str> {
        self.items.get(index).map(String::as_str)
    }

    /// The saved answer for item `index`, if any.
    pub fn saved(&self, index: usize) -> Option<&Answer> {
        self.answers.get(index).and_then(Option::as_ref)
    }

    /// A comment typed for an item that has no value yet.
    pub fn pending_comment(&self, index: usize) -> &str {
        self.pending_comment.get(index).map_or("", String::as_str)
    }

    pub fn answered(&self) -> usize {
        self.answers.iter().filter(|a| a.is_some()).count()
    }

    pub fn is_complete(&self) -> bool {
        self.answers.iter().all(Option::is_some)
    }

    fn go_to_first_unanswered(&mut self) {
        match self.answers.iter().position(Option::is_none) {
            Some(i) => {
                self.cursor = i;
                self.phase = Phase::Answering;
            }
            None => {
                self.cursor = self.items.len().saturating_sub(1);
                self.phase = Phase::Complete;
            }
        }
    }

    /// Handles one key.
    pub fn key(&mut self, key: EntryKey) -> Outcome {
        match &mut self.phase {
            Phase::Comment(text) => match key {
                EntryKey::Char(c) if !c.is_control() => {
                    text.push(c);
                    Outcome::None
                }
                EntryKey::Backspace => {
                    text.pop();
                    Outcome::None
                }
                EntryKey::Enter => self.commit_comment(),
                EntryKey::Esc => {
                    self.phase = Phase::Answering;
                    Outcome::None
                }
                _ => Outcome::None,
            },
            Phase::Complete => match key {
                EntryKey::Enter => Outcome::Finish,
                EntryKey::Esc => Outcome::Pause,
                EntryKey::Backspace | EntryKey::Up => {
                    self.phase = Phase::Answering;
                    Outcome::None
                }
                _ => Outcome::None,
            },
            Phase::Answering => match key {
                EntryKey::Char(c @ '1'..='9') => {
                    let value = c as u8 - b'0';
                    if self.scale.contains(&value) {
                        self.answer(Some(value))
                    } else {
                        Outcome::None
                    }
                }
                EntryKey::Char('0' | '-' | ' ' | 'ー' | '－' | '　') => self.answer(None),
                EntryKey::Char('c' | 'C') => {
                    self.start_comment();
                    Outcome::None
                }
                EntryKey::Backspace | EntryKey::Up => {
                    self.back();
                    Outcome::None
                }
                EntryKey::Down | EntryKey::Enter => {
                    self.forward();
                    Outcome::None
                }
                EntryKey::Esc => Outcome::Pause,
                EntryKey::Char(_) => Outcome::None,
            },
        }
    }

    /// Answers the current item (`None`: not assessed) and moves on.
    pub fn answer(&mut self, value: Option<u8>) -> Outcome {
        let Some(id) = self.items.get(self.cursor).cloned() else {
            return Outcome::None;
        };
        let comment = match &self.answers[self.cursor] {
            Some(a) => a.comment.clone(),
            None => std::mem::take(&mut self.pending_comment[self.cursor]),
        };
        let answer = Answer {
            item: id,
            value,
            comment,
        };
        self.answers[self.cursor] = Some(answer.clone());
        if self.cursor + 1 < self.items.len() && self.answers[self.cursor + 1].is_none() {
            self.cursor += 1;
        } else {
            self.go_to_first_unanswered();
        }
        Outcome::Save(answer)
    }

    /// Goes back one item (its answer stays until replaced).
    pub fn back(&mut self) {
        self.phase = Phase::Answering;
        self.cursor = self.cursor.saturating_sub(1);
    }

    /// Moves on without answering.
    pub fn forward(&mut self) {
        if self.cursor + 1 < self.items.len() {
            self.cursor += 1;
        } else if self.is_complete() {
            self.phase = Phase::Complete;
        }
    }

    /// Starts typing a comment for the current item, from its current comment.
    pub fn start_comment(&mut self) {
        let current = match self.saved(self.cursor) {
            Some(a) => a.comment.clone(),
            None => self.pending_comment(self.cursor).to_string(),
        };
        self.phase = Phase::Comment(current);
    }

    /// Keeps the typed comment: saved at once if the item has an answer, or
    /// with the answer when it comes.
    fn commit_comment(&mut self) -> Outcome {
        let Phase::Comment(text) = std::mem::replace(&mut self.phase, Phase::Answering) else {
            return Outcome::None;
        };
        let text = text.trim().to_string();
        match self.answers.get_mut(self.cursor) {
            Some(Some(a)) => {
                a.comment = text;
                Outcome::Save(a.clone())
            }
            Some(None) => {
                self.pending_comment[self.cursor] = text.clone();
                match self.items.get(self.cursor) {
                    Some(item) => Outcome::KeepComment {
                        item: item.clone(),
                        comment: text,
                    },
                    None => Outcome::None,
                }
            }
            None => Outcome::None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklists::Catalogue;

    fn stability() -> Instrument {
        Catalogue::builtin().get("stability").unwrap().clone()
    }

    fn keys(entry: &mut Entry, keys: &str) -> Vec<Outcome> {
        keys.chars().map(|c| entry.key(EntryKey::Char(c))).collect()
    }

    /// From the worker page: 2 keys open the entry (the TUI's binding, assumed
    /// here), 27 digits answer, Enter finishes.
    #[test]
    fn a_full_27_item_checklist_takes_at_most_30_keystrokes() {
        let inst = stability();
        let opening_keys = 2;
        let mut entry = Entry::new(&inst, &[]);
        let mut pressed = opening_keys;
        let mut saved = Vec::new();
        let answers = "432143214321432143214321432";
        for c in answers.chars() {
            pressed += 1;
            if let Outcome::Save(a) = entry.key(EntryKey::Char(c)) {
                saved.push(a);
            }
        }
        assert_eq!(entry.phase(), &Phase::Complete);
        pressed += 1;
        assert_eq!(entry.key(EntryKey::Enter), Outcome::Finish);
        assert!(pressed <= 30, "{pressed} keystrokes");
        assert_eq!(saved.len(), 27);
        assert_eq!(saved[0].item, "s01");
        assert_eq!(saved[26].item, "s27");
        assert_eq!(saved[3].value, Some(1));
    }

    #[test]
    fn zero_dash_and_space_mark_not_assessed_and_other_keys_do_nothing() {
        let inst = stability();
        let mut entry = Entry::new(&inst, &[]);
        let out = keys(&mut entry, "0- 5x");
        assert!(matches!(&out[0], Outcome::Save(a) if a.value.is_none() && a.item == "s01"));
        assert!(matches!(&out[1], Outcome::Save(a) if a.value.is_none() && a.item == "s02"));
        assert!(matches!(&out[2], Outcome::Save(a) if a.value.is_none() && a.item == "s03"));
        // 5 is not on a 1–4 scale; x is no key.
        assert_eq!(out[3], Outcome::None);
        assert_eq!(out[4], Outcome::None);
        assert_eq!(entry.cursor(), 3);
        assert_eq!(entry.answered(), 3);
    }

    #[test]
    fn going_back_lets_an_answer_be_replaced() {
        let inst = stability();
        let mut entry = Entry::new(&inst, &[]);
        keys(&mut entry, "44");
        entry.key(EntryKey::Backspace);
        assert_eq!(entry.cursor(), 1);
        entry.key(EntryKey::Up);
        assert_eq!(entry.cursor(), 0);
        let out = entry.key(EntryKey::Char('2'));
        assert!(matches!(out, Outcome::Save(a) if a.item == "s01" && a.value == Some(2)));
        // s02 is answered, so the cursor goes on to the first unanswered.
        assert_eq!(entry.cursor(), 2);
        assert_eq!(entry.saved(1).and_then(|a| a.value), Some(4));
    }

    #[test]
    fn a_comment_is_saved_with_the_answer_or_at_once() {
        let inst = stability();
        let mut entry = Entry::new(&inst, &[]);
        entry.key(EntryKey::Char('c'));
        assert!(matches!(entry.phase(), Phase::Comment(_)));
        // Digits typed into a comment are text, not answers.
        assert!(
            keys(&mut entry, "3時に起床")
                .iter()
                .all(|o| *o == Outcome::None)
        );
        assert_eq!(
            entry.key(EntryKey::Enter),
            Outcome::KeepComment {
                item: "s01".into(),
                comment: "3時に起床".into()
            },
            "kept apart until the item is answered"
        );
        // Paused and resumed: the comment is back on its item.
        let resumed = Entry::new(&inst, &[]).with_pending(&[("s01".into(), "3時に起床".into())]);
        assert_eq!(resumed.pending_comment(0), "3時に起床");
        let out = entry.key(EntryKey::Char('3'));
        assert!(
            matches!(&out, Outcome::Save(a) if a.value == Some(3) && a.comment == "3時に起床"),
            "{out:?}"
        );
        entry.key(EntryKey::Up);
        entry.key(EntryKey::Char('c'));
        entry.key(EntryKey::Backspace);
        entry.key(EntryKey::Backspace);
        let out = entry.key(EntryKey::Enter);
        assert!(matches!(&out, Outcome::Save(a) if a.item == "s01" && a.comment == "3時に"));
        // Esc leaves a comment without keeping it.
        entry.key(EntryKey::Char('c'));
        keys(&mut entry, "zzz");
        assert_eq!(entry.key(EntryKey::Esc), Outcome::None);
        assert_eq!(entry.saved(0).map(|a| a.comment.as_str()), Some("3時に"));
    }

    #[test]
    fn an_interrupted_entry_resumes_at_the_first_unanswered_item() {
        let inst = stability();
        let mut first = Entry::new(&inst, &[]);
        let saved: Vec<Answer> = keys(&mut first, "43-2")
            .into_iter()
            .filter_map(|o| match o {
                Outcome::Save(a) => Some(a),
                _ => None,
            })
            .collect();
        assert_eq!(first.key(EntryKey::Esc), Outcome::Pause);
        let resumed = Entry::new(&inst, &saved);
        assert_eq!(resumed.cursor(), 4);
        assert_eq!(resumed.answered(), 4);
        assert_eq!(resumed.saved(2).map(|a| a.value), Some(None));
        // A gap in the middle (skipped with Down) is where the next entry starts.
        let mut skipping = Entry::new(&inst, &[]);
        skipping.key(EntryKey::Down);
        let out = keys(&mut skipping, "4");
        assert!(matches!(&out[0], Outcome::Save(a) if a.item == "s02"));
        assert_eq!(skipping.cursor(), 2);
        let all_but_first: Vec<Answer> = inst
            .items()
            .skip(1)
            .map(|(_, it)| Answer {
                item: it.id.clone(),
                value: Some(3),
                comment: String::new(),
            })
            .collect();
        let mut resumed = Entry::new(&inst, &all_but_first);
        assert_eq!(resumed.cursor(), 0);
        resumed.key(EntryKey::Char('1'));
        assert_eq!(resumed.phase(), &Phase::Complete);
        assert!(resumed.is_complete());
    }
}
