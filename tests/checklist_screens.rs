//! Snapshots of the checklist entry and summary screens at 80×24 and 120×40,
//! drawn on ratatui's TestBackend, in Japanese and English.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use teichaku::checklists::Catalogue;
use teichaku::domain::checklist::{Assessment, Instrument, Respondent, parse_answers};
use teichaku::domain::checklist_entry::{EntryKey, Outcome};
use teichaku::i18n::Lang;
use teichaku::tui::screens::checklist_entry::{self, EntryScreen};
use teichaku::tui::screens::summary::{self, SummaryScreen};
use unicode_width::UnicodeWidthStr;

fn stability() -> Instrument {
    Catalogue::builtin().get("stability").unwrap().clone()
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

/// The screen as plain lines, as a user sees it (the cell after a wide glyph
/// is skipped), with `|` marking the right edge.
fn screen(w: u16, h: u16, draw: impl FnOnce(&mut ratatui::Frame)) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(draw).unwrap();
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        let mut x = 0;
        while x < w {
            let sym = buf[(x, y)].symbol();
            out.push_str(sym);
            x += u16::try_from(sym.width().max(1)).unwrap();
        }
        out.push_str("|\n");
    }
    out
}

fn entry_midway() -> EntryScreen {
    let inst = stability();
    let header = Assessment {
        id: "a1".into(),
        worker_id: "w".into(),
        instrument: inst.id.clone(),
        version: inst.version,
        date: day(5, 7),
        respondent: Respondent::Worker,
        note: String::new(),
        answers: Vec::new(),
        consent_confirmed: false,
    };
    let mut s = EntryScreen::new("山田 太郎".into(), inst, &header, &[]);
    for c in "4332-4".chars() {
        s.entry.key(EntryKey::Char(c));
    }
    s.entry.key(EntryKey::Up);
    s.entry.key(EntryKey::Char('c'));
    for c in "家族と口論あり".chars() {
        s.entry.key(EntryKey::Char(c));
    }
    assert!(matches!(s.entry.key(EntryKey::Enter), Outcome::Save(_)));
    s
}

#[test]
fn entry_screen_snapshots() {
    let s = entry_midway();
    insta::assert_snapshot!(
        "entry_80x24_ja",
        screen(80, 24, |f| checklist_entry::draw(f, f.area(), &s, Lang::Ja))
    );
    insta::assert_snapshot!(
        "entry_120x40_ja",
        screen(120, 40, |f| checklist_entry::draw(
            f,
            f.area(),
            &s,
            Lang::Ja
        ))
    );
    insta::assert_snapshot!(
        "entry_80x24_en",
        screen(80, 24, |f| checklist_entry::draw(f, f.area(), &s, Lang::En))
    );
    let mut done = s.clone();
    for _ in 0..27 {
        done.entry.key(EntryKey::Char('3'));
    }
    insta::assert_snapshot!(
        "entry_complete_80x24_ja",
        screen(80, 24, |f| checklist_entry::draw(
            f,
            f.area(),
            &done,
            Lang::Ja
        ))
    );
}

#[test]
fn the_item_text_is_on_screen_in_full_and_the_answer_is_marked() {
    let s = entry_midway();
    let text = screen(80, 24, |f| checklist_entry::draw(f, f.area(), &s, Lang::Ja));
    // Item 6 (cursor after going back), 家族との関係が安定している, answered 4.
    assert!(text.contains("6 / 27"), "{text}");
    assert!(text.contains("家族との関係が安定している"), "{text}");
    assert!(text.contains("家族と口論あり"), "{text}");
    assert!(text.contains("6/27"), "{text}");
}

fn assessments(inst: &Instrument) -> Vec<Assessment> {
    let make = |id: &str, date, by, answers: &str| Assessment {
        id: id.into(),
        worker_id: "w".into(),
        instrument: inst.id.clone(),
        version: 1,
        date,
        respondent: by,
        note: String::new(),
        answers: parse_answers(inst, answers).unwrap(),
        consent_confirmed: false,
    };
    vec![
        make(
            "a",
            day(1, 8),
            Respondent::Worker,
            "2,2,2,2,3,3,2,1,2,2,3,2,2,3,3,3,2,2,3,3,2,2,2,3,2,2,2",
        ),
        make(
            "b",
            day(3, 5),
            Respondent::Supporter,
            "3,2,3,3,3,3,3,2,3,2,3,2,2,3,4,3,3,3,3,3,3,3,3,3,3,3,3",
        ),
        make(
            "c",
            day(5, 7),
            Respondent::Joint,
            "3,3,4,3,4,3,4,2,3,3,3,3,1,4,4,4,3,-,-,-,3,4,3,2,3,3,4",
        ),
    ]
}

#[test]
fn summary_screen_snapshots() {
    let inst = stability();
    let s = SummaryScreen::new("山田 太郎".into(), inst.clone(), &assessments(&inst));
    insta::assert_snapshot!(
        "summary_80x24_ja",
        screen(80, 24, |f| summary::draw(f, f.area(), &s, Lang::Ja))
    );
    insta::assert_snapshot!(
        "summary_120x40_ja",
        screen(120, 40, |f| summary::draw(f, f.area(), &s, Lang::Ja))
    );
    insta::assert_snapshot!(
        "summary_120x40_en",
        screen(120, 40, |f| summary::draw(f, f.area(), &s, Lang::En))
    );
    let mut ascii = s.clone();
    ascii.glyphs = teichaku::render::radar::Glyphs::Ascii;
    insta::assert_snapshot!(
        "summary_80x24_ascii_ja",
        screen(80, 24, |f| summary::draw(f, f.area(), &ascii, Lang::Ja))
    );
    let empty = SummaryScreen::new("山田 太郎".into(), inst, &[]);
    let text = screen(80, 24, |f| summary::draw(f, f.area(), &empty, Lang::Ja));
    assert!(text.contains("teichaku check"), "{text}");
}
