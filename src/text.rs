//! Display-width helpers for Japanese text in a terminal grid: widths come from
//! unicode-width, lines are cut and wrapped by glyph, never in the middle of one.

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Characters a terminal would act on, or that change how the text around
/// them reads, rather than being shown: every control (Cc) but tab and
/// newline — a CR too: alone it overwrites the line — and every format
/// character (Cf): the bidirectional marks, embeddings, overrides and
/// isolates (U+200E, U+200F, U+061C, U+202A–U+202E, U+2066–U+2069), the
/// zero-width space and joiners, the soft hyphen, the BOM, the tag
/// characters; and the line and paragraph separators U+2028, U+2029. (The
/// zero-width joiner is one of them; [`sanitise`] keeps it only inside an
/// emoji sequence, where it joins two pictographs.)
pub fn is_unsafe(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
        || matches!(
            c,
            '\u{ad}'
                | '\u{600}'..='\u{605}'
                | '\u{61c}'
                | '\u{6dd}'
                | '\u{70f}'
                | '\u{890}'..='\u{891}'
                | '\u{8e2}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{206f}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
                | '\u{110bd}'
                | '\u{110cd}'
                | '\u{13430}'..='\u{1343f}'
                | '\u{1bca0}'..='\u{1bca3}'
                | '\u{1d173}'..='\u{1d17a}'
                | '\u{e0001}'
                | '\u{e0020}'..='\u{e007f}'
        )
}

/// What [`sanitise`] is printing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// Text: a CRLF is one line break, printed as a newline (a note pasted
    /// from Windows keeps its lines, and no CR reaches the terminal).
    Text,
    /// A CSV document for Excel: its CRLF line ends and the BOM it starts
    /// with are its format and kept as they are.
    Csv,
}

/// The one sanitiser for text going to a terminal (stdout and stderr of every
/// command, the TUI's warnings): each unsafe character is shown as `\uXXXX`
/// instead of acted on. Inside a JSON string that is the JSON escape of the
/// same character, so `--json` output stays valid JSON and decodes to exactly
/// what is stored. Storage is never sanitised, only what is printed.
pub fn sanitise(s: &str, output: Output) -> Cow<'_, str> {
    if !s.contains(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut prev = None;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        if c == '\r' && next == Some('\n') {
            if output == Output::Csv {
                out.push(c);
            }
        } else if c == '\u{feff}' && prev.is_none() && output == Output::Csv {
            out.push(c);
        } else if unsafe_here(prev, c, next) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
        prev = Some(c);
    }
    Cow::Owned(out)
}

/// [`sanitise`] for everything but a CSV document: a CRLF becomes a newline.
pub fn terminal_safe(s: &str) -> Cow<'_, str> {
    sanitise(s, Output::Text)
}

/// [`is_unsafe`] with its one exception: a zero-width joiner between two
/// pictographs is part of an emoji sequence and is kept.
fn unsafe_here(prev: Option<char>, c: char, next: Option<char>) -> bool {
    let joins_emoji =
        c == '\u{200d}' && prev.is_some_and(pictograph) && next.is_some_and(pictograph);
    is_unsafe(c) && !joins_emoji
}

/// An emoji a zero-width joiner may join to the next one (👨‍👩‍👧, 🏳️‍🌈).
fn pictograph(c: char) -> bool {
    matches!(c, '\u{2600}'..='\u{27bf}' | '\u{fe0f}' | '\u{1f000}'..='\u{1faff}')
}

/// For one screen cell of the TUI, whose width is fixed: unsafe characters
/// are dropped (a cell left empty becomes a space).
pub fn strip_unsafe(s: &str) -> Cow<'_, str> {
    if !s.contains(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let chars: Vec<char> = s.chars().collect();
    let kept: String = (0..chars.len())
        .filter(|&i| {
            let prev = i.checked_sub(1).map(|p| chars[p]);
            !unsafe_here(prev, chars[i], chars.get(i + 1).copied())
        })
        .map(|i| chars[i])
        .collect();
    Cow::Owned(if kept.is_empty() { " ".into() } else { kept })
}

/// Cuts `s` to at most `max` columns, marking a cut with `~` (an unambiguous
/// one-column mark). Newlines and tabs become spaces.
pub fn truncate(s: &str, max: usize) -> String {
    cut(s, max, '~')
}

/// Cuts `s` to `max` display columns, marking a cut with "…" — for running
/// text (a status message, a title, a note's line), where a reader expects
/// the ellipsis. "…" is East-Asian-ambiguous (some CJK terminals draw it two
/// cells wide), so aligned table columns use [`truncate`]'s "~" instead.
pub fn ellipsize(s: &str, max: usize) -> String {
    cut(s, max, '…')
}

fn cut(s: &str, max: usize, mark: char) -> String {
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
    if max > 0 {
        out.push(mark);
    }
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
                // A space at the edge ends the row and is dropped.
                if c == ' ' {
                    rows.push(std::mem::take(&mut row));
                    used = 0;
                    continue;
                }
                let carry = word_carry(&mut row, c).unwrap_or_else(|| kinsoku_carry(&mut row, c));
                rows.push(std::mem::take(&mut row));
                used = carry.width();
                row = carry;
            }
            row.push(c);
            used += w;
        }
        rows.push(row);
    }
    rows
}

/// [`wrap`] for a list item: a line indented by N spaces continues on rows
/// indented by N + 2, so each item stands apart from the next.
pub fn wrap_hanging(text: &str, width: usize) -> Vec<String> {
    let indent = text.len() - text.trim_start_matches(' ').len();
    let hang = indent + 2;
    if indent == 0 || text.contains('\n') || text.width() <= width || width < hang + 8 {
        return wrap(text, width);
    }
    wrap(text.trim_start_matches(' '), width - hang)
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            let pad = if i == 0 { indent } else { hang };
            format!("{}{row}", " ".repeat(pad))
        })
        .collect()
}

/// Words of Latin script (English notes, the English checklist texts) break
/// at the last space rather than inside the word: when `next` continues a
/// word, the word's start moves down with it. `None` when the row has no
/// space to break at or `next` is not part of such a word (Japanese text has
/// no spaces and wraps by glyph).
fn word_carry(row: &mut String, next: char) -> Option<String> {
    let latin = |c: char| !c.is_whitespace() && c.width() == Some(1) && !c.is_control();
    if !latin(next) || !row.chars().last().is_some_and(latin) {
        return None;
    }
    let at = row.rfind(' ')?;
    let word = row[at + 1..].to_string();
    if word.is_empty() || !word.chars().all(latin) {
        return None;
    }
    row.truncate(at);
    let kept = row.trim_end().len();
    row.truncate(kept);
    if row.is_empty() {
        return None;
    }
    Some(word)
}

/// Basic Japanese line breaking (禁則処理): a line may not start with closing
/// punctuation, a small kana or a prolonged-sound mark, nor end with an
/// opening bracket. When `next` cannot start a line, the row's last glyph
/// goes down with it (追い出し); an opening bracket at the end of the row
/// goes down too. Returns what moves to the next row; the row keeps at
/// least one glyph.
fn kinsoku_carry(row: &mut String, next: char) -> String {
    let mut carry = Vec::new();
    if no_line_start(next) {
        // Step back over a run of such marks ("。」"), but never empty the row.
        while row.chars().count() > 1 && carry.len() < 2 {
            let Some(last) = row.pop() else { break };
            carry.push(last);
            if !no_line_start(last) {
                break;
            }
        }
    }
    while row.chars().count() > 1 && row.chars().last().is_some_and(no_line_end) {
        if let Some(last) = row.pop() {
            carry.push(last);
        }
    }
    carry.iter().rev().collect()
}

fn no_line_start(c: char) -> bool {
    "、。，．,.・：；:;？！?!ー〜～」』）】〕］｝〉》〟’”)]}ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿゝゞヽヾ々…‥"
        .contains(c)
}

fn no_line_end(c: char) -> bool {
    "「『（【〔［｛〈《〝‘“([{".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_indented_item_continues_under_its_own_text() {
        let item = "  端末 b69f63bd: 受信済み #1–#4、最後に見えたのは 2026-08-01 10:05、先方に未着の変更なし";
        let rows = wrap_hanging(item, 40);
        assert!(rows.len() > 1, "{rows:?}");
        assert!(rows[0].starts_with("  端末") && !rows[0].starts_with("   "));
        for r in &rows[1..] {
            assert!(r.starts_with("    ") && !r.starts_with("     "), "{r:?}");
        }
        assert!(rows.iter().all(|r| r.width() <= 40), "{rows:?}");
        let joined: String = rows.iter().map(|r| r.replace(' ', "")).collect();
        assert_eq!(joined, item.replace(' ', ""));
        // Short or unindented lines are left to `wrap`.
        assert_eq!(wrap_hanging("  短い", 40), vec!["  短い"]);
        assert_eq!(wrap_hanging(&item[2..], 40), wrap(&item[2..], 40));
    }

    #[test]
    fn english_wraps_at_spaces_and_japanese_by_glyph() {
        assert_eq!(
            wrap("Recovers from fatigue, even when tired", 16),
            vec!["Recovers from", "fatigue, even", "when tired"]
        );
        // A word longer than the row is still cut.
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("体調は良好です", 8), vec!["体調は良", "好です"]);
        // Mixed: the Latin word moves down whole.
        assert_eq!(wrap("今日は Job coach", 12), vec!["今日は Job", "coach"]);
    }

    #[test]
    fn wrapping_keeps_punctuation_off_the_start_of_a_line() {
        // Width 8: "山田さん" fills the row; "。" may not start the next, so
        // "ん" goes down with it…
        assert_eq!(wrap("山田さん。", 8), vec!["山田さ", "ん。"]);
        // …and a closing bracket or small kana never starts the next row.
        for text in [
            "今日は「元気」です。とても",
            "あいうえおっかきくけこ",
            "ラーメンとカレーライス",
        ] {
            for width in 4..16 {
                for row in wrap(text, width).iter().skip(1) {
                    let first = row.chars().next().unwrap_or(' ');
                    assert!(!no_line_start(first), "{text:?} at {width}: {row:?}");
                }
                for row in wrap(text, width) {
                    assert!(row.width() <= width, "{row:?} wider than {width}");
                }
                let joined: String = wrap(text, width).concat();
                assert_eq!(joined, text, "nothing lost at {width}");
            }
        }
        // An opening bracket does not end a row.
        let rows = wrap("あいう「えお」", 8);
        assert!(rows.iter().all(|r| !r.ends_with('「')), "{rows:?}");
    }

    #[test]
    fn truncation_counts_wide_glyphs_twice() {
        assert_eq!(truncate("株式会社みなと物流", 9), "株式会社~");
        assert_eq!(ellipsize("株式会社みなと物流", 9), "株式会社…");
        // Never half a wide glyph: one column short of the next glyph, the
        // mark alone fills it.
        assert_eq!(ellipsize("株式会社みなと物流", 10), "株式会社…");
        assert_eq!(ellipsize("abcdef", 4), "abc…");
        assert_eq!(ellipsize("abc", 0), "");
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("一行目\n二行目", 20), "一行目 二行目");
    }

    #[test]
    fn control_and_bidi_characters_are_shown_not_acted_on() {
        let hostile = "\u{1b}[31m赤\u{7}\u{202e}cba\u{2066}\u{9b}\r上書き\r\n次\t";
        assert_eq!(
            terminal_safe(hostile),
            "\\u001b[31m赤\\u0007\\u202ecba\\u2066\\u009b\\u000d上書き\n次\t"
        );
        assert!(!terminal_safe(hostile).contains(is_unsafe));
        // A CSV document keeps its BOM and CRLF line ends; a CR alone or a
        // BOM elsewhere is still shown.
        assert_eq!(
            sanitise("\u{feff}a\r\nb\rc\u{feff}\r\n", Output::Csv),
            "\u{feff}a\r\nb\\u000dc\\ufeff\r\n"
        );
        assert_eq!(terminal_safe("\u{feff}a"), "\\ufeffa");
        assert!(matches!(terminal_safe("山田\n太郎"), Cow::Borrowed(_)));
        assert_eq!(strip_unsafe("\u{202e}"), " ");
        assert_eq!(strip_unsafe("a\u{1b}"), "a");
        for c in [
            '\u{1b}',
            '\u{7}',
            '\u{7f}',
            '\u{85}',
            '\u{202a}',
            '\u{202e}',
            '\u{2069}',
            '\r',
            '\u{200e}',
            '\u{200f}',
            '\u{61c}',
            '\u{2028}',
            '\u{2029}',
            '\u{200b}',
            '\u{feff}',
            '\u{ad}',
            '\u{2060}',
            '\u{e0041}',
            '\u{200d}',
        ] {
            assert!(is_unsafe(c), "{c:?}");
            let shown = terminal_safe(&format!("山{c}田")).into_owned();
            assert_eq!(shown, format!("山\\u{:04x}田", u32::from(c)));
        }
        for c in ['\n', '\t', ' ', 'あ', '\u{fe0f}', '\u{3000}'] {
            assert!(!is_unsafe(c), "{c:?}");
        }
    }

    #[test]
    fn a_joiner_is_kept_only_inside_an_emoji() {
        let family = "👨\u{200d}👩\u{200d}👧";
        assert_eq!(terminal_safe(family), family);
        assert_eq!(strip_unsafe(family), family);
        assert_eq!(terminal_safe("山\u{200d}田"), "山\\u200d田");
        assert_eq!(strip_unsafe("\u{200d}"), " ");
    }

    #[test]
    fn json_stays_json_with_the_marks_escaped() {
        let value = serde_json::json!({ "name": "\u{200e}山田\u{2028}\r太郎\\\u{61c}" });
        let text = serde_json::to_string(&value).unwrap_or_default();
        let shown = terminal_safe(&text);
        assert!(!shown.contains(is_unsafe), "{shown}");
        let back: serde_json::Value = serde_json::from_str(&shown).unwrap_or_default();
        assert_eq!(back, value);
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
