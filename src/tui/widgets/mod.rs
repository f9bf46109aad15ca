//! Widgets shared by screens.

pub mod dialog;
pub mod form;
pub mod help_bar;
pub mod radar;
pub mod status_line;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
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

/// A styled line cut to `width` columns with "…" at the end (running text,
/// not a grid), never in the middle of a glyph; spans keep their styles.
pub fn ellipsize_line(
    line: ratatui::text::Line<'static>,
    width: u16,
) -> ratatui::text::Line<'static> {
    use ratatui::text::{Line, Span};
    let width = usize::from(width);
    if line.width() <= width {
        return line;
    }
    let mut used = 0;
    let mut spans = Vec::new();
    for span in line.spans {
        let w = span.content.width();
        if used + w < width {
            used += w;
            spans.push(span);
            continue;
        }
        let cut = crate::text::ellipsize(&span.content, width - used);
        spans.push(Span::styled(cut, span.style));
        break;
    }
    let mut out = Line::from(spans);
    out.style = line.style;
    out.alignment = line.alignment;
    out
}

/// A table's column widths in `area` (cells `spacing` apart), resolved once
/// so the cells can be cut to them ([`fit_cells`]) and the table given the
/// same exact lengths.
pub fn resolve_columns(widths: &[Constraint], spacing: u16, area: Rect) -> Vec<Constraint> {
    Layout::horizontal(widths.iter().copied())
        .spacing(spacing)
        .split(Rect { height: 1, ..area })
        .iter()
        .map(|r| Constraint::Length(r.width))
        .collect()
}

/// Cells cut to their columns, a cut marked with "~" (a table is a grid:
/// the mark is one column in every terminal), so no text is cut silently.
pub fn fit_cells<I: IntoIterator<Item = String>>(cells: I, columns: &[Constraint]) -> Vec<String> {
    cells
        .into_iter()
        .zip(columns)
        .map(|(text, c)| match c {
            Constraint::Length(w) => crate::text::truncate(&text, usize::from(*w)),
            _ => text,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::layout::Rect;
    use ratatui::widgets::Paragraph;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn a_long_line_is_cut_with_an_ellipsis_and_keeps_its_styles() {
        use ratatui::style::Style;
        use ratatui::text::{Line, Span};
        let line = Line::from(vec![
            Span::styled("会社 ", Style::new().bold()),
            Span::raw("今村 智之（上司）、吉田 和也"),
        ]);
        let cut = super::ellipsize_line(line.clone(), 16);
        assert_eq!(cut.to_string(), "会社 今村 智之…");
        assert!(cut.width() <= 16);
        assert_eq!(cut.spans[0].style, Style::new().bold());
        assert_eq!(super::ellipsize_line(line.clone(), 80), line);
    }

    #[test]
    fn cells_are_cut_to_their_resolved_columns_with_a_mark() {
        use ratatui::layout::Constraint;
        let cols = super::resolve_columns(
            &[Constraint::Length(4), Constraint::Fill(1)],
            1,
            Rect::new(0, 0, 15, 5),
        );
        assert_eq!(cols, vec![Constraint::Length(4), Constraint::Length(10)]);
        let cells = super::fit_cells(
            ["山田太郎".to_string(), "株式会社ひまわりフーズ".to_string()],
            &cols,
        );
        assert_eq!(cells, vec!["山~", "株式会社~"]);
        assert!(cells.iter().zip([4, 10]).all(|(c, w)| c.width() <= w));
    }

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
