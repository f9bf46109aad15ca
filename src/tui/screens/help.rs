//! The help screen, generated from the live keymap: every screen's keys,
//! grouped by screen, the one it was opened from first. It scrolls (arrows,
//! PgUp/PgDn) and `/` searches: only the keys whose key name or description
//! holds the typed text stay, under their screen's heading.

use super::prelude::*;
use std::cell::Cell;

use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::i18n::Lang;
use crate::tui::app::Effect;
use crate::tui::keymap::{Action, Context, Key, Keymap};

#[derive(Default)]
pub struct HelpScreen {
    /// The screen help was opened from: its keys come first.
    from: Option<Context>,
    scroll: usize,
    /// The furthest the text can scroll, and a page, as last drawn.
    max_scroll: Cell<usize>,
    page: Cell<usize>,
    /// The search: `Some` while typed or kept; `typing` while keys go into it.
    query: Option<String>,
    typing: bool,
}

impl HelpScreen {
    pub fn from(ctx: Option<Context>) -> HelpScreen {
        HelpScreen {
            from: ctx.filter(|c| *c != Context::Help),
            ..HelpScreen::default()
        }
    }
}

/// The contexts in the order shown: `first`, then the rest as declared.
fn order(first: Option<Context>) -> Vec<Context> {
    let mut all: Vec<Context> = first.into_iter().collect();
    all.extend(Context::ALL.iter().copied().filter(|c| Some(*c) != first));
    all
}

/// Every screen's bindings: "  Ctrl-S, F2   保存"; with a query, only the
/// matching ones (case-insensitive), and a line when none match.
pub fn help_lines(
    keymap: &Keymap,
    lang: Lang,
    first: Option<Context>,
    query: &str,
) -> Vec<Line<'static>> {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let q = query.trim().to_lowercase();
    let mut lines = Vec::new();
    for ctx in order(first) {
        let mut rows = Vec::new();
        for (_, b) in keymap.bindings(ctx) {
            let keys = if b.keys.is_empty() {
                lang.pick("（なし）", "(none)").to_string()
            } else {
                b.keys.iter().map(Key::label).collect::<Vec<_>>().join(", ")
            };
            let what = b.describe(lang);
            if !q.is_empty()
                && !keys.to_lowercase().contains(&q)
                && !what.to_lowercase().contains(&q)
            {
                continue;
            }
            let pad = 22usize.saturating_sub(keys.width());
            rows.push(Line::from(format!("  {keys}{}  {what}", " ".repeat(pad))));
        }
        if rows.is_empty() {
            continue;
        }
        lines.push(Line::from(Span::styled(
            format!("[{}]", ctx.title(lang)),
            bold,
        )));
        lines.extend(rows);
        lines.push(Line::default());
    }
    if lines.is_empty() {
        lines.push(Line::from(
            lang.pick("一致するキーはありません。", "No key matches."),
        ));
    }
    lines
}

impl Component for HelpScreen {
    fn context(&self) -> Context {
        Context::Help
    }
    /// While the search is typed, every plain key goes into it.
    fn wants_raw(&self, ev: &KeyEvent) -> bool {
        self.typing
            && !ev
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
            && matches!(
                ev.code,
                KeyCode::Char(_) | KeyCode::Backspace | KeyCode::Enter | KeyCode::Esc
            )
    }
    fn handle(&mut self, ev: &KeyEvent, action: Option<Action>, _env: &mut Env<'_>) -> Effect {
        if self.wants_raw(ev) {
            let q = self.query.get_or_insert_with(String::new);
            match ev.code {
                KeyCode::Char(c) => q.push(c),
                KeyCode::Backspace => {
                    q.pop();
                }
                KeyCode::Enter => self.typing = false,
                KeyCode::Esc => {
                    self.query = None;
                    self.typing = false;
                }
                _ => {}
            }
            self.scroll = 0;
            return Effect::None;
        }
        let page = self.page.get().max(1);
        match action {
            Some(Action::Up) => self.scroll = self.scroll.saturating_sub(1),
            Some(Action::Down) => self.scroll = (self.scroll + 1).min(self.max_scroll.get()),
            Some(Action::PageUp) => self.scroll = self.scroll.saturating_sub(page),
            Some(Action::PageDown) => {
                self.scroll = (self.scroll + page).min(self.max_scroll.get());
            }
            Some(Action::Search) => {
                self.query.get_or_insert_with(String::new);
                self.typing = true;
            }
            // Esc first drops a kept search, then closes.
            Some(Action::Back) if self.query.is_some() && ev.code == KeyCode::Esc => {
                self.query = None;
                self.scroll = 0;
            }
            Some(Action::Back) => return Effect::Pop,
            _ => {}
        }
        Effect::None
    }
    fn draw(&self, frame: &mut Frame, area: Rect, env: &DrawEnv<'_>) {
        let l = env.lang;
        let bold = Style::default().add_modifier(Modifier::BOLD);
        let head = match (&self.query, self.typing) {
            (Some(q), true) => format!("{}: {q}", l.pick("検索", "Search")),
            (Some(q), false) => format!(
                "{}: {q}   {}",
                l.pick("検索", "Search"),
                l.pick("Esc で解除", "Esc clears")
            ),
            (None, _) => format!(
                "{}   {}",
                l.pick("キー操作の一覧", "Keys"),
                l.pick(
                    "/ で検索、PgUp・PgDn でページ送り",
                    "/ searches, PgUp/PgDn page"
                )
            ),
        };
        let title = Rect { height: 1, ..area };
        frame.render_widget(
            Paragraph::new(Span::styled(
                crate::text::ellipsize(&head, usize::from(area.width)),
                bold,
            )),
            title,
        );
        if self.typing {
            let x = area.x + u16::try_from(head.width()).unwrap_or(u16::MAX);
            frame.set_cursor_position((x.min(area.right().saturating_sub(1)), area.y));
        }
        let body = Rect {
            y: area.y + 2,
            height: area.height.saturating_sub(2),
            ..area
        };
        let lines = help_lines(
            env.keymap,
            l,
            self.from,
            self.query.as_deref().unwrap_or(""),
        );
        self.page.set(usize::from(body.height).saturating_sub(1));
        self.max_scroll
            .set(lines.len().saturating_sub(usize::from(body.height)));
        let scroll = self.scroll.min(self.max_scroll.get());
        let visible: Vec<Line> = lines.into_iter().skip(scroll).collect();
        frame.render_widget(Paragraph::new(visible), body);
    }
}
