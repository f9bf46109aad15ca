//! The message line above the help bar (saved, errors, keymap problems).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame, area: Rect, message: Option<&str>) {
    if let Some(m) = message {
        let text = crate::text::ellipsize(m, usize::from(area.width));
        frame.render_widget(
            Paragraph::new(text).style(Style::default().add_modifier(Modifier::BOLD)),
            area,
        );
    }
}
