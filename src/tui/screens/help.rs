//! The help screen, generated from the live keymap: every screen's keys.

use super::prelude::*;
use std::cell::Cell;

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::i18n::Lang;
use crate::tui::app::Effect;
use crate::tui::keymap::{Action, Context, Key, Keymap};

#[derive(Default)]
pub struct HelpScreen {
    scroll: usize,
    /// The furthest the text can scroll, as last drawn.
    max_scroll: Cell<usize>,
}

/// Every screen's bindings: "  Ctrl-S, F2   保存".
pub fn help_lines(keymap: &Keymap, lang: Lang) -> Vec<Line<'static>> {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let mut lines = vec![
        Line::from(Span::styled(lang.pick("キー操作の一覧", "Keys"), bold)),
        Line::default(),
    ];
    for ctx in Context::ALL {
        let bindings = keymap.bindings(ctx);
        if bindings.is_empty() {
            continue;
        }
        lines.push(Line::from(Span::styled(
            format!("[{}]", ctx.title(lang)),
            bold,
        )));
        for (_, b) in bindings {
            let keys = if b.keys.is_empty() {
                lang.pick("（なし）", "(none)").to_string()
            } else {
                b.keys.iter().map(Key::label).collect::<Vec<_>>().join(", ")
            };
            let pad = 22usize.saturating_sub(keys.width());
            lines.push(Line::from(format!(
                "  {keys}{}  {}",
                " ".repeat(pad),
                b.describe(lang)
            )));
        }
        lines.push(Line::default());
    }
    lines
}

impl Component for HelpScreen {
    fn context(&self) -> Context {
        Context::Help
    }
    fn handle(&mut self, _ev: &KeyEvent, action: Option<Action>, _env: &mut Env<'_>) -> Effect {
        match action {
            Some(Action::Up) => self.scroll = self.scroll.saturating_sub(1),
            Some(Action::Down) => self.scroll = (self.scroll + 1).min(self.max_scroll.get()),
            Some(Action::Back) => return Effect::Pop,
            _ => {}
        }
        Effect::None
    }
    fn draw(&self, frame: &mut Frame, area: Rect, env: &DrawEnv<'_>) {
        let lines = help_lines(env.keymap, env.lang);
        self.max_scroll
            .set(lines.len().saturating_sub(usize::from(area.height)));
        let scroll = self.scroll.min(self.max_scroll.get());
        let visible: Vec<Line> = lines.into_iter().skip(scroll).collect();
        frame.render_widget(Paragraph::new(visible), area);
    }
}
