//! Quick entry of a day's self-report, during a phone call: a digit rates
//! the item and moves to the next, as in the checklist entry; Enter saves.
//! Five items take seven keys from the worker page: `t`, five digits, Enter.
//! Below the items, the comments (the workplace's only when the workplace
//! takes part: never for closed employment).

use super::prelude::*;
use chrono::{Datelike, NaiveDate};
use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::domain::Code;
use crate::domain::selfreport::{Items, SelfReport, Source};
use crate::i18n::selfreport::SrText;
use crate::i18n::{self, Lang};
use crate::text::truncate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Comment {
    Worker,
    Workplace,
    Supporter,
}

pub struct EntryScreen {
    worker_name: String,
    items: Items,
    pub(super) report: SelfReport,
    comments: Vec<Comment>,
    /// The item (then comment) the cursor is on.
    row: usize,
    changed: bool,
}

impl EntryScreen {
    /// The worker's self-report of `date`: the stored one to correct, or a
    /// new one (taken on the phone).
    pub fn load(worker_id: &str, date: NaiveDate, env: &mut Env<'_>) -> crate::Result<EntryScreen> {
        let worker = env.store.require_worker(worker_id)?;
        let report = match env.store.selfreport(worker_id, date)? {
            Some(r) => r,
            None => {
                let mut r = SelfReport::new(
                    SelfReport::id_for(worker_id, date),
                    worker_id.to_string(),
                    date,
                    Source::Phone,
                );
                r.recorded_by = env.staff_name.to_string();
                r
            }
        };
        let mut comments = vec![Comment::Worker];
        if !worker.is_closed() {
            comments.push(Comment::Workplace);
        }
        comments.push(Comment::Supporter);
        Ok(EntryScreen {
            worker_name: worker.display_name,
            items: env.store.selfreport_items().clone(),
            report,
            comments,
            row: 0,
            changed: false,
        })
    }

    fn rows(&self) -> usize {
        self.items.items.len() + self.comments.len()
    }

    fn comment_at(&self, row: usize) -> Option<Comment> {
        row.checked_sub(self.items.items.len())
            .and_then(|i| self.comments.get(i).copied())
    }

    fn text_mut(&mut self, c: Comment) -> &mut String {
        match c {
            Comment::Worker => &mut self.report.worker_comment,
            Comment::Workplace => &mut self.report.workplace_comment,
            Comment::Supporter => &mut self.report.supporter_comment,
        }
    }

    fn text(&self, c: Comment) -> &str {
        match c {
            Comment::Worker => &self.report.worker_comment,
            Comment::Workplace => &self.report.workplace_comment,
            Comment::Supporter => &self.report.supporter_comment,
        }
    }

    /// Rates the current item (None: not answered) and moves on.
    fn rate(&mut self, value: Option<u8>) {
        if let Some(item) = self.items.items.get(self.row) {
            let id = item.id.clone();
            self.report.ratings.set(&id, value);
            self.changed = true;
            self.row = (self.row + 1).min(self.rows() - 1);
        }
    }

    fn save(&mut self, env: &mut Env<'_>) -> Effect {
        let l = env.lang;
        if !self.changed {
            return Effect::Pop;
        }
        // The supporter has looked at the worker's state: the dashboard's
        // warning up to today is acknowledged.
        self.report.acknowledged_on = Some(env.today);
        if self.report.recorded_by.is_empty() {
            self.report.recorded_by = env.staff_name.to_string();
        }
        match env.store.save_selfreport(&self.report) {
            Ok(()) => Effect::Saved {
                message: SrText::Saved.text(l).to_string(),
                draft: None,
            },
            Err(e) => Effect::Status(i18n::error_message(&e, l)),
        }
    }

    fn comment_label(c: Comment, l: Lang) -> &'static str {
        match c {
            Comment::Worker => SrText::WorkerComment.text(l),
            Comment::Workplace => SrText::WorkplaceComment.text(l),
            Comment::Supporter => SrText::SupporterComment.text(l),
        }
    }
}

/// `s` cut or padded to exactly `w` columns.
pub fn pad(s: &str, w: usize) -> String {
    let mut out = truncate(s, w);
    let used = out.width();
    out.push_str(&" ".repeat(w.saturating_sub(used)));
    out
}

pub fn weekday(d: NaiveDate, l: Lang) -> &'static str {
    const JA: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];
    const EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let i = d.weekday().num_days_from_monday() as usize;
    l.pick(JA[i], EN[i])
}

impl Component for EntryScreen {
    fn context(&self) -> Context {
        Context::SelfReportEntry
    }
    /// Digits rate; on a comment every plain key is text.
    fn wants_raw(&self, ev: &KeyEvent) -> bool {
        if ev
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return false;
        }
        match self.comment_at(self.row) {
            Some(_) => matches!(ev.code, KeyCode::Char(_) | KeyCode::Backspace),
            None => {
                matches!(ev.code, KeyCode::Char(c) if c.is_ascii_digit() && c != '0')
                    || ev.code == KeyCode::Backspace
            }
        }
    }
    fn handle(&mut self, ev: &KeyEvent, action: Option<Action>, env: &mut Env<'_>) -> Effect {
        if self.wants_raw(ev) {
            match (self.comment_at(self.row), ev.code) {
                (Some(c), KeyCode::Char(ch)) => {
                    self.text_mut(c).push(ch);
                    self.changed = true;
                }
                (Some(c), KeyCode::Backspace) => {
                    self.changed |= self.text_mut(c).pop().is_some();
                }
                (None, KeyCode::Char(ch)) => {
                    let v = ch.to_digit(10).and_then(|v| u8::try_from(v).ok());
                    match v.filter(|v| self.items.in_scale(*v)) {
                        Some(v) => self.rate(Some(v)),
                        None => {
                            return Effect::Status(SrText::EntryHelp.text(env.lang).to_string());
                        }
                    }
                }
                (None, KeyCode::Backspace) => self.row = self.row.saturating_sub(1),
                _ => {}
            }
            return Effect::None;
        }
        match action {
            Some(Action::NotAssessed) => self.rate(None),
            Some(Action::PrevItem) => self.row = self.row.saturating_sub(1),
            Some(Action::NextItem) => self.row = (self.row + 1).min(self.rows() - 1),
            Some(Action::Save) => return self.save(env),
            Some(Action::Cancel) => {
                if self.changed {
                    return Effect::Confirm(crate::tui::app::Dialog {
                        message: i18n::Msg::DiscardChanges.text(env.lang).to_string(),
                        on_yes: crate::tui::app::Pending::Discard { draft: None },
                    });
                }
                return Effect::Pop;
            }
            _ => {}
        }
        Effect::None
    }
    fn has_unsaved_changes(&self) -> bool {
        self.changed
    }
    fn paste(&mut self, text: &str, _env: &mut Env<'_>) {
        if let Some(c) = self.comment_at(self.row) {
            self.text_mut(c).push_str(&text.replace(['\r', '\n'], " "));
            self.changed = true;
        }
    }
    fn draw(&self, frame: &mut Frame, area: Rect, env: &DrawEnv<'_>) {
        let l = env.lang;
        let r = &self.report;
        let title = format!(
            "{}  {}  {}{}{}{}  {}",
            SrText::Title.text(l),
            self.worker_name,
            r.date,
            l.pick("（", " ("),
            weekday(r.date, l),
            l.pick("）", ")"),
            r.source.label(l)
        );
        let body = super::titled(frame, area, &title);
        let width = usize::from(body.width);
        let bold = Style::default().add_modifier(Modifier::BOLD);
        let on = Style::default().add_modifier(Modifier::BOLD | Modifier::REVERSED);
        let mut lines = Vec::new();
        for (i, item) in self.items.items.iter().enumerate() {
            let here = i == self.row;
            let mut spans = vec![Span::styled(
                format!(
                    "{} {} {}",
                    if here { ">" } else { " " },
                    i + 1,
                    pad(item.label(l), 14)
                ),
                if here { bold } else { Style::default() },
            )];
            let current = r.ratings.get(&item.id);
            // The answer in brackets as well as reversed: seen without colour.
            for v in self.items.scale.min..=self.items.scale.max {
                spans.push(Span::raw(" "));
                spans.push(if current == Some(v) {
                    Span::styled(format!("[{v}]"), on)
                } else {
                    Span::raw(format!(" {v} "))
                });
            }
            if current.is_none() {
                spans.push(Span::styled(
                    format!("  {}", SrText::NotAnswered.text(l)),
                    Style::default().add_modifier(Modifier::DIM),
                ));
            }
            lines.push(Line::from(spans));
        }
        let scale = &self.items.scale;
        let (low, high) = match l {
            Lang::Ja => (scale.low.as_str(), scale.high.as_str()),
            Lang::En => (scale.low_en.as_str(), scale.high_en.as_str()),
        };
        if !low.is_empty() || !high.is_empty() {
            lines.push(Line::from(Span::styled(
                format!(
                    "{}{} {low} - {} {high}",
                    " ".repeat(19),
                    scale.min,
                    scale.max
                ),
                Style::default().add_modifier(Modifier::DIM),
            )));
        }
        lines.push(Line::from(""));
        let mut cursor = None;
        for (j, c) in self.comments.iter().enumerate() {
            let row = self.items.items.len() + j;
            let here = row == self.row;
            let label = format!(
                "{} {}: ",
                if here { ">" } else { " " },
                Self::comment_label(*c, l)
            );
            let room = width.saturating_sub(label.width() + 1);
            let text = self.text(*c);
            // The end of what is typed stays in view (the IME composes there).
            let shown: String = if text.width() > room {
                let mut tail: Vec<char> = Vec::new();
                let mut used = 0;
                for ch in text.chars().rev() {
                    let w = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
                    if used + w + 1 > room {
                        break;
                    }
                    used += w;
                    tail.push(ch);
                }
                std::iter::once('~').chain(tail.into_iter().rev()).collect()
            } else {
                text.replace(['\n', '\t'], " ")
            };
            if here {
                cursor = Some((label.width() + shown.width(), lines.len()));
            }
            lines.push(Line::from(vec![
                Span::styled(label, if here { bold } else { Style::default() }),
                Span::raw(shown),
            ]));
        }
        lines.push(Line::from(""));
        let help = if self.comment_at(self.row).is_some() {
            SrText::CommentHelp
        } else {
            SrText::EntryHelp
        };
        for h in crate::text::wrap(help.text(l), width.max(10)) {
            lines.push(Line::from(Span::styled(
                h,
                Style::default().add_modifier(Modifier::DIM),
            )));
        }
        frame.render_widget(Paragraph::new(lines), body);
        if let Some((x, y)) = cursor {
            let x = body.x.saturating_add(u16::try_from(x).unwrap_or(u16::MAX));
            let y = body.y.saturating_add(u16::try_from(y).unwrap_or(u16::MAX));
            if x < body.right() && y < body.bottom() {
                frame.set_cursor_position((x, y));
            }
        }
    }
}
