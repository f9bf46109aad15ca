//! A yes/no question in a box over the screen; its keys come from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::i18n::Lang;
use crate::tui::keymap::{Action, Context, Keymap};

pub fn draw(frame: &mut Frame, area: Rect, message: &str, keymap: &Keymap, lang: Lang) {
    let width = area.width.clamp(20, 70).min(area.width);
    let inner_w = usize::from(width.saturating_sub(2));
    let mut rows = crate::text::wrap(message, inner_w);
    let yes = keymap
        .first_key(Context::Dialog, Action::Yes)
        .unwrap_or_default();
    let no = keymap
        .first_key(Context::Dialog, Action::No)
        .unwrap_or_default();
    rows.push(String::new());
    rows.push(format!(
        "{yes}: {}   {no}: {}",
        lang.pick("はい", "yes"),
        lang.pick("いいえ", "no")
    ));
    let height = (rows.len() as u16 + 2).min(area.height);
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + area.height.saturating_sub(height) / 2,
        width,
        height,
    };
    super::clear_under(frame, rect);
    let lines: Vec<Line> = rows.into_iter().map(Line::from).collect();
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(Style::default().add_modifier(Modifier::BOLD)),
        ),
        rect,
    );
}
