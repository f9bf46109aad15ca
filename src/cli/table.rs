//! Plain-text tables that line up with Japanese text (display width, not bytes).

use unicode_width::UnicodeWidthStr;

pub use crate::text::truncate;

pub struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    /// Widest a column may get; longer cells are cut.
    limits: Vec<usize>,
}

impl Table {
    pub fn new(headers: &[(&str, usize)]) -> Self {
        Table {
            headers: headers.iter().map(|(h, _)| (*h).to_string()).collect(),
            rows: Vec::new(),
            limits: headers.iter().map(|(_, w)| *w).collect(),
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    pub fn render(&self) -> String {
        let cut: Vec<Vec<String>> = std::iter::once(&self.headers)
            .chain(&self.rows)
            .map(|r| {
                r.iter()
                    .zip(&self.limits)
                    // Measured as printed: a mark shown as `\u200e` takes
                    // six columns, not none.
                    .map(|(c, w)| truncate(&crate::text::terminal_safe(c), *w))
                    .collect()
            })
            .collect();
        let widths: Vec<usize> = (0..self.headers.len())
            .map(|i| {
                cut.iter()
                    .map(|r| r.get(i).map_or(0, |c| c.width()))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let mut out = String::new();
        for row in &cut {
            let mut line = String::new();
            for (i, cell) in row.iter().enumerate() {
                if i > 0 {
                    line.push_str("  ");
                }
                line.push_str(cell);
                if i + 1 < row.len() {
                    line.push_str(&" ".repeat(widths[i].saturating_sub(cell.width())));
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_columns_line_up_by_display_width() {
        let mut t = Table::new(&[("氏名", 20), ("X", 5)]);
        t.row(vec!["山田 太郎".into(), "a".into()]);
        t.row(vec!["Bob".into(), "b".into()]);
        let out = t.render();
        let cols: Vec<usize> = out.lines().map(|l| l.width() - 1).collect();
        assert_eq!(cols, vec![11, 11, 11], "{out}");
        let mut t = Table::new(&[("氏名", 20), ("X", 5)]);
        t.row(vec!["山\u{200e}田".into(), "a".into()]);
        t.row(vec!["Bob".into(), "b".into()]);
        let out = t.render();
        assert!(out.contains("山\\u200e田  a"), "{out}");
        let cols: Vec<usize> = out.lines().map(|l| l.width() - 1).collect();
        assert_eq!(cols, vec![12, 12, 12], "{out}");
    }
}
