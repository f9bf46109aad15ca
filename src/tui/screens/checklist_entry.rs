//! The fast-entry screen: one item at a time, its text large and spaced so it
//! can be read aloud on the phone, with the group, the progress and the scale.
//!
//! Drawing only: keys go to [`Entry::key`] (map terminal keys to
//! [`crate::domain::checklist_entry::EntryKey`]); save every `Outcome::Save`
//! with `Store::save_answer` at once.

use super::prelude::*;
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::domain::checklist_entry::{EntryKey, Outcome};
use crate::i18n;
use crate::tui::app::Effect;
use crate::tui::keymap::Action;

use crate::domain::checklist::{Assessment, Instrument, Respondent};
use crate::domain::checklist_entry::{Entry, Phase};
use crate::domain::codes::Code;
use crate::i18n::{Lang, Msg};

/// What the entry screen shows.
#[derive(Debug, Clone)]
pub struct EntryScreen {
    /// The assessment every answer is saved to (`Store::save_answer`).
    pub assessment_id: String,
    pub worker_id: String,
    pub worker_name: String,
    pub instrument: Instrument,
    pub date: NaiveDate,
    pub respondent: Respondent,
    pub entry: Entry,
}

impl EntryScreen {
    /// Starts or resumes an entry of a stored assessment (header saved with
    /// `Store::add_assessment`; its answers so far come with it).
    pub fn new(
        worker_name: String,
        instrument: Instrument,
        assessment: &Assessment,
        pending: &[(String, String)],
    ) -> EntryScreen {
        let entry = Entry::new(&instrument, &assessment.answers).with_pending(pending);
        EntryScreen {
            assessment_id: assessment.id.clone(),
            worker_id: assessment.worker_id.clone(),
            worker_name,
            instrument,
            date: assessment.date,
            respondent: assessment.respondent,
            entry,
        }
    }
}

/// `[=====.....]` — ASCII only, so it is the same width in every terminal.
fn bar(done: usize, total: usize, width: usize) -> String {
    let filled = (done * width).checked_div(total).unwrap_or(0);
    format!(
        "[{}{}]",
        "=".repeat(filled),
        ".".repeat(width.saturating_sub(filled))
    )
}

pub fn draw(frame: &mut Frame, area: Rect, state: &EntryScreen, lang: Lang) {
    let inst = &state.instrument;
    let entry = &state.entry;
    let index = entry.cursor();
    let Some((group_index, item)) = inst.items().nth(index) else {
        return;
    };
    let group = &inst.groups[group_index];
    let total = entry.len();
    let [header, progress, body, scale, context, help] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Min(5),
        Constraint::Length(2),
        Constraint::Length(3),
        Constraint::Length(2),
    ])
    .areas(area);

    // Who answers goes on the progress line, where it has room (the header
    // cut it at 80 columns: "回答者: 支援").
    frame.render_widget(
        Paragraph::new(crate::tui::widgets::ellipsize_line(
            Line::from(vec![
                Span::styled(inst.title(lang).to_string(), Style::new().bold()),
                Span::raw(format!("   {}   {}", state.worker_name, state.date)),
            ]),
            header.width,
        )),
        header,
    );

    let who = format!(
        "{}: {}",
        Msg::Respondent.text(lang),
        state.respondent.label(lang)
    );
    let bar_width = usize::from(progress.width)
        .saturating_sub(24 + who.width())
        .clamp(10, 40);
    frame.render_widget(
        Paragraph::new(vec![
            crate::tui::widgets::ellipsize_line(
                Line::from(format!(
                    "{} {}/{}  {}  {who}",
                    Msg::Progress.text(lang),
                    entry.answered(),
                    total,
                    bar(entry.answered(), total, bar_width)
                )),
                progress.width,
            ),
            Line::from(vec![
                Span::styled(
                    format!("{}/{} ", group_index + 1, inst.groups.len()),
                    Style::new().dim(),
                ),
                Span::styled(group.label(lang), Style::new().bold()),
            ]),
        ]),
        progress,
    );

    // The item: number, then the text double-spaced and bold, to read aloud.
    let text_width = usize::from(body.width).saturating_sub(8);
    let mut lines = vec![
        Line::from(""),
        Line::from(Span::styled(
            format!("  {} / {}", index + 1, total),
            Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
        )),
        Line::from(""),
    ];
    let wrapped = crate::text::wrap(item.text(lang), text_width);
    let spaced = usize::from(body.height) >= 3 + wrapped.len() * 2 + 3;
    for l in wrapped {
        lines.push(Line::from(Span::styled(
            format!("    {l}"),
            Style::new().bold(),
        )));
        if spaced {
            lines.push(Line::from(""));
        }
    }
    // A translation is shown with its Japanese source under it (what is
    // read to a Japanese-speaking worker).
    if let Some(source) = item.source_text(lang) {
        for l in crate::text::wrap(source, text_width) {
            lines.push(Line::from(Span::styled(
                format!("    {l}"),
                Style::new().dim(),
            )));
        }
    }
    if !item.hint(lang).is_empty() {
        for l in crate::text::wrap(item.hint(lang), text_width) {
            lines.push(Line::from(Span::styled(
                format!("    {l}"),
                Style::new().dim(),
            )));
        }
    }
    let saved = entry.saved(index);
    let comment = saved
        .map(|a| a.comment.as_str())
        .unwrap_or_else(|| entry.pending_comment(index));
    match entry.phase() {
        Phase::Comment(typing) => lines.push(Line::from(vec![
            Span::styled(
                format!("    {}: ", Msg::Comment.text(lang)),
                Style::new().bold(),
            ),
            Span::raw(typing.clone()),
            Span::styled("_", Style::new().add_modifier(Modifier::SLOW_BLINK)),
        ])),
        _ if !comment.is_empty() => lines.push(Line::from(Span::styled(
            format!("    {}: {comment}", Msg::Comment.text(lang)),
            Style::new().italic(),
        ))),
        _ => {}
    }
    // Centred in the space there is, so the eye finds it at once.
    let top = usize::from(body.height).saturating_sub(lines.len()) / 2;
    let mut centred = vec![Line::from(""); top.saturating_sub(1)];
    centred.extend(lines);
    frame.render_widget(Paragraph::new(centred), body);

    // The scale, with the current answer highlighted.
    let current = saved.map(|a| a.value);
    let mut spans = vec![Span::raw("  ")];
    for p in &inst.scale {
        let style = if current == Some(Some(p.value)) {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::new()
        };
        spans.push(Span::styled(
            format!(" {} {} ", p.value, p.label(lang)),
            style,
        ));
        spans.push(Span::raw(" "));
    }
    let na_style = if current == Some(None) {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    } else {
        Style::new()
    };
    spans.push(Span::styled(
        format!(" 0/- {} ", Msg::NotAssessed.text(lang)),
        na_style,
    ));
    frame.render_widget(
        Paragraph::new(Line::from(spans)).wrap(ratatui::widgets::Wrap { trim: false }),
        scale,
    );

    // The neighbours: what was just answered, what comes next.
    let mut near = Vec::new();
    let describe = |i: usize| -> String {
        let value = match entry.saved(i).map(|a| a.value) {
            Some(Some(v)) => v.to_string(),
            Some(None) => Msg::NotAssessed.text(lang).to_string(),
            None => " ".to_string(),
        };
        let text = inst.items().nth(i).map_or("", |(_, it)| it.text(lang));
        let room = usize::from(context.width).saturating_sub(14);
        let cut = crate::text::ellipsize(text, room);
        format!("  {:>2}. [{value}] {cut}", i + 1)
    };
    if index > 0 {
        near.push(Line::from(Span::styled(
            describe(index - 1),
            Style::new().dim(),
        )));
    }
    if index + 1 < total {
        near.push(Line::from(Span::styled(
            describe(index + 1),
            Style::new().dim(),
        )));
    }
    frame.render_widget(Paragraph::new(near), context);

    let help_text = match entry.phase() {
        Phase::Comment(_) => Msg::EntryCommentHelp.text(lang),
        Phase::Complete => Msg::EntryComplete.text(lang),
        Phase::Answering => Msg::EntryKeysHelp.text(lang),
    };
    let help_style = match entry.phase() {
        Phase::Complete => Style::new().bold().reversed(),
        _ => Style::new().dim(),
    };
    let help_lines: Vec<Line> = crate::text::wrap(help_text, usize::from(help.width).max(10))
        .into_iter()
        .map(|l| Line::from(Span::styled(l, help_style)))
        .collect();
    frame.render_widget(Paragraph::new(help_lines), help);
}

impl Component for EntryScreen {
    fn context(&self) -> Context {
        Context::Checklist
    }
    /// Digits always answer; while a comment is typed, every plain key is text.
    fn wants_raw(&self, ev: &KeyEvent) -> bool {
        if ev
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return false;
        }
        match self.entry.phase() {
            Phase::Comment(_) => {
                matches!(
                    ev.code,
                    KeyCode::Char(_) | KeyCode::Backspace | KeyCode::Enter | KeyCode::Esc
                )
            }
            _ => matches!(ev.code, KeyCode::Char(c) if c.is_ascii_digit()),
        }
    }
    /// Maps the key to the entry's own keys and saves every answer at once, so a
    /// dropped call loses nothing.
    fn handle(&mut self, ev: &KeyEvent, action: Option<Action>, env: &mut Env<'_>) -> Effect {
        let key = if self.wants_raw(ev) {
            match ev.code {
                KeyCode::Char(c) => EntryKey::Char(c),
                KeyCode::Backspace => EntryKey::Backspace,
                KeyCode::Enter => EntryKey::Enter,
                KeyCode::Esc => EntryKey::Esc,
                _ => return Effect::None,
            }
        } else {
            match action {
                Some(Action::NotAssessed) => EntryKey::Char('0'),
                Some(Action::PrevItem) => EntryKey::Backspace,
                Some(Action::NextItem) => EntryKey::Enter,
                Some(Action::Comment) => EntryKey::Char('c'),
                Some(Action::Pause) => EntryKey::Esc,
                _ => return Effect::None,
            }
        };
        let l = env.lang;
        match self.entry.key(key) {
            Outcome::None => Effect::None,
            Outcome::Save(answer) => {
                let saved = env
                    .store
                    .save_answer(&self.instrument, &self.assessment_id, &answer)
                    .and_then(|()| {
                        // The comment is in the answer now.
                        env.store
                            .keep_pending_comment(&self.assessment_id, &answer.item, "")
                    });
                match saved {
                    Ok(()) => Effect::None,
                    Err(e) => Effect::Status(i18n::error_message(&e, l)),
                }
            }
            Outcome::KeepComment { item, comment } => {
                match env
                    .store
                    .keep_pending_comment(&self.assessment_id, &item, &comment)
                {
                    Ok(()) => Effect::None,
                    Err(e) => Effect::Status(i18n::error_message(&e, l)),
                }
            }
            Outcome::Pause => Effect::Saved {
                message: Msg::EntryPaused.text(l).to_string(),
                draft: None,
            },
            Outcome::Finish => {
                let summary = Open::Summary {
                    worker_id: self.worker_id.clone(),
                    instrument: Some(self.instrument.id.clone()),
                };
                Effect::Replace(summary, Some(Msg::ChecklistSaved.text(l).to_string()))
            }
        }
    }
    fn draw(&self, frame: &mut Frame, area: Rect, env: &DrawEnv<'_>) {
        draw(frame, area, self, env.lang)
    }
}
