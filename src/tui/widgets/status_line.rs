//! The message line above the help bar (saved, errors, keymap problems). A
//! message wider than the screen takes up to [`MAX_ROWS`] rows (a printed
//! document's path with its warning), the last one cut with "…".

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

pub const MAX_ROWS: u16 = 4;

/// How many rows the message needs at `width` columns: 1 to [`MAX_ROWS`].
pub fn rows(message: Option<&str>, width: u16) -> u16 {
    match message {
        Some(m) if width > 0 && m.width() > usize::from(width) => {
            let n = crate::text::wrap(m, usize::from(width)).len();
            u16::try_from(n).unwrap_or(MAX_ROWS).clamp(1, MAX_ROWS)
        }
        _ => 1,
    }
}

pub fn draw(frame: &mut Frame, area: Rect, message: Option<&str>) {
    let Some(m) = message else { return };
    let width = usize::from(area.width);
    let text = if area.height <= 1 {
        crate::text::ellipsize(m, width)
    } else {
        let mut lines = crate::text::wrap(m, width);
        let max = usize::from(area.height);
        if lines.len() > max {
            let rest = lines.split_off(max - 1).join("");
            lines.push(crate::text::ellipsize(&rest, width));
        }
        lines.join("\n")
    };
    frame.render_widget(
        Paragraph::new(text).style(Style::default().add_modifier(Modifier::BOLD)),
        area,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_message_takes_more_rows_up_to_three() {
        assert_eq!(rows(None, 80), 1);
        assert_eq!(rows(Some("保存しました"), 80), 1);
        assert_eq!(rows(Some(&"あ".repeat(50)), 80), 2);
        assert_eq!(rows(Some(&"あ".repeat(500)), 80), MAX_ROWS);
        assert_eq!(rows(Some("abc"), 0), 1);
    }
}
