//! Widgets shared by screens.

pub mod dialog;
pub mod form;
pub mod help_bar;
pub mod radar;
pub mod status_line;

use ratatui::Frame;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

/// Clears `rect` for a box drawn over the screen, including the halves of
/// wide glyphs (Japanese text) that straddle its left or right edge: a glyph
/// left of the box whose right half lies under the border would otherwise be
/// drawn by the terminal over it, and the hidden right half of a glyph the
/// box covered would leave a hole after it.
pub fn clear_under(frame: &mut Frame, rect: Rect) {
    let area = frame.area();
    frame.render_widget(ratatui::widgets::Clear, rect);
    let buf = frame.buffer_mut();
    for y in rect.top()..rect.bottom() {
        if rect.left() > area.left() {
            let cell = &mut buf[(rect.left() - 1, y)];
            if cell.symbol().width() > 1 {
                cell.reset();
            }
        }
        if rect.right() < area.right() {
            let cell = &mut buf[(rect.right(), y)];
            if cell.symbol().is_empty() {
                cell.reset();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::layout::Rect;
    use ratatui::widgets::Paragraph;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn a_box_over_japanese_text_leaves_no_half_glyph_at_its_edges() {
        let mut terminal = Terminal::new(TestBackend::new(20, 3)).unwrap();
        terminal
            .draw(|f| {
                let text = "山田太郎さんの記録です";
                f.render_widget(
                    Paragraph::new(vec![text.into(), text.into(), text.into()]),
                    f.area(),
                );
                // Odd edges: column 5 is the right half of 山田太郎's 田… glyph.
                super::clear_under(f, Rect::new(5, 0, 9, 3));
            })
            .unwrap();
        let buf = terminal.backend().buffer();
        for y in 0..3 {
            assert!(
                buf[(4, y)].symbol().width() <= 1,
                "half a glyph under the left edge"
            );
            assert!(
                !buf[(14, y)].symbol().is_empty(),
                "a hole after the right edge"
            );
            for x in 5..14 {
                assert_eq!(buf[(x, y)].symbol(), " ");
            }
        }
    }
}
