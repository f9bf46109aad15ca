//! Display-width helpers for Japanese text in a terminal grid: widths come from
//! unicode-width, lines are cut and wrapped by glyph, never in the middle of one.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Cuts `s` to at most `max` columns, marking a cut with `~` (an unambiguous
/// one-column mark). Newlines and tabs become spaces.
pub fn truncate(s: &str, max: usize) -> String {
    let s = s.replace(['\n', '\t'], " ");
    if s.width() <= max {
        return s;
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('~');
    out
}

/// Wraps text to `width` columns by glyph (Japanese has no spaces to break at);
/// keeps blank lines; a wide glyph that would cross the edge starts the next row.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(2);
    let mut rows = Vec::new();
    for line in text.split('\n') {
        let mut row = String::new();
        let mut used = 0;
        for c in line.chars() {
            let c = if c == '\t' { ' ' } else { c };
            let w = c.width().unwrap_or(0);
            if used + w > width {
                rows.push(std::mem::take(&mut row));
                used = 0;
            }
            row.push(c);
            used += w;
        }
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_counts_wide_glyphs_twice() {
        assert_eq!(truncate("株式会社みなと物流", 9), "株式会社~");
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("一行目\n二行目", 20), "一行目 二行目");
    }

    #[test]
    fn wrapping_by_glyph_never_splits_or_overflows() {
        let rows = wrap("出荷課で作業の様子を確認した。\n\nOK", 9);
        assert_eq!(
            rows,
            vec!["出荷課で", "作業の様", "子を確認", "した。", "", "OK"]
        );
        assert!(rows.iter().all(|r| r.width() <= 9));
        assert_eq!(wrap("", 10), vec![""]);
        assert_eq!(wrap("ab漢", 3), vec!["ab", "漢"]);
    }
}
