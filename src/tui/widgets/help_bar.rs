//! The bottom line: the current screen's keys, generated from the live keymap.
//! Moving keys (arrows, pages) are left to the help screen; help and quit are
//! always shown.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::i18n::Lang;
use crate::tui::keymap::{Action, Context, Keymap};

const NOT_SHOWN: &[Action] = &[Action::Up, Action::Down, Action::PageUp, Action::PageDown];

/// (key, description) pairs in the order they are shown.
pub fn entries(keymap: &Keymap, ctx: Context, lang: Lang) -> Vec<(String, String)> {
    let own = keymap.bindings(ctx);
    let global = if ctx == Context::Global {
        &[][..]
    } else {
        keymap.bindings(Context::Global)
    };
    let mut main = Vec::new();
    let mut tail = Vec::new();
    for (action, b) in own.iter().chain(
        global
            .iter()
            .filter(|(a, _)| !own.iter().any(|(o, _)| o == a)),
    ) {
        let Some(key) = b.keys.first() else { continue };
        if NOT_SHOWN.contains(action) {
            continue;
        }
        let entry = (key.label(), b.describe(lang).to_string());
        if matches!(action, Action::Help | Action::Quit) {
            tail.push(entry)
        } else {
            main.push(entry)
        }
    }
    main.extend(tail);
    main
}

/// "Enter 開く  Ctrl-N 利用者を追加 …", as much as fits, help and quit kept.
pub fn draw(frame: &mut Frame, area: Rect, keymap: &Keymap, ctx: Context, lang: Lang) {
    let all = entries(keymap, ctx, lang);
    let width = |(k, d): &(String, String)| k.width() + 1 + d.width() + 2;
    let reserved: usize = all.iter().rev().take(2).map(width).sum();
    let mut budget = usize::from(area.width).saturating_sub(reserved);
    let split = all.len().saturating_sub(2);
    let mut spans = Vec::new();
    let key_style = Style::default().add_modifier(Modifier::REVERSED);
    for (i, e) in all.iter().enumerate() {
        let w = width(e);
        if i < split {
            if w > budget {
                continue;
            }
            budget -= w;
        }
        spans.push(Span::styled(e.0.clone(), key_style));
        spans.push(Span::raw(format!(" {}  ", e.1)));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
