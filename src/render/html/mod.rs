//! Documents for paper: one self-contained HTML file each (inline CSS and SVG,
//! nothing fetched), laid out for A4 portrait, opened in the system's browser
//! where the supporter prints or saves as PDF. Tested through headless
//! Chromium → PDF → pdftotext (tests/print.rs).
//!
//! Every text that comes from a record goes through [`esc`]: escaped for HTML
//! and stripped of control and bidi-override characters, so a note cannot
//! inject markup or reorder what is printed.

pub mod handover;
pub mod plan;
pub mod radar;
pub mod report;
pub mod selfreport;
pub mod summary;

use crate::lang::Lang;

/// Fonts that carry Japanese on Windows (BIZ UD, Yu Gothic, Meiryo), macOS
/// (Hiragino) and Linux (Noto Sans CJK JP), in that order.
const FONTS: &str = "\"BIZ UDPGothic\", \"BIZ UDGothic\", \"Yu Gothic\", YuGothic, \
                     \"Meiryo\", \"Hiragino Sans\", \"Hiragino Kaku Gothic ProN\", \
                     \"Noto Sans CJK JP\", \"Noto Sans JP\", sans-serif";

const CSS: &str = "
@page { size: A4 portrait; margin: 14mm 15mm 14mm 15mm; }
* { box-sizing: border-box; }
html { font-size: 10.5pt; line-height: 1.55; color: #000; background: #fff; }
body { margin: 0; }
h1 { font-size: 15pt; text-align: center; margin: 0 0 4mm; letter-spacing: 0.05em; }
h2 { font-size: 11pt; margin: 4mm 0 1.5mm; break-after: avoid; page-break-after: avoid; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 0.3mm solid #000; padding: 1.2mm 2mm; text-align: left; vertical-align: top; }
th { background: #eee; font-weight: normal; white-space: nowrap; }
table.meta { margin-bottom: 4mm; }
table.meta th { width: 18%; }
section.field { border: 0.3mm solid #000; margin: 0 0 2mm; }
section.field.short { break-inside: avoid; page-break-inside: avoid; }
.text { orphans: 3; widows: 3; }
section.field h3 { font-size: 10.5pt; margin: 0; padding: 1mm 2mm; background: #eee;
  border-bottom: 0.3mm solid #000; break-after: avoid; page-break-after: avoid; }
section.field h3 .group { color: #333; font-weight: normal; }
.text { padding: 1.2mm 2mm; min-height: 7mm; white-space: pre-wrap; overflow-wrap: anywhere;
  line-break: strict; word-break: normal; }
.empty { color: #666; }
.draft { border: 0.5mm solid #000; text-align: center; font-weight: bold; padding: 1mm; margin-bottom: 3mm; }
table.confirm { margin-top: 4mm; break-inside: avoid; page-break-inside: avoid; }
table.confirm td { height: 11mm; }
table.confirm th { width: 18%; }
table.goals, table.evaluations { margin-bottom: 3mm; font-size: 9.5pt; }
table.goals td, table.evaluations td { white-space: pre-wrap; overflow-wrap: anywhere; line-break: strict; }
table.goals tr, table.evaluations tr { break-inside: avoid; page-break-inside: avoid; }
.nowrap { white-space: nowrap; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1mm 0; text-align: center; break-inside: avoid; page-break-inside: avoid; }
figure svg { width: 100mm; height: auto; }
section.summary { font-size: 9.5pt; line-height: 1.45; }
section.summary h2 { margin-top: 2mm; }
section.summary h1 { font-size: 13pt; margin-bottom: 2.5mm; }
section.summary th, section.summary td { padding: 0.6mm 1.5mm; }
section.summary table.meta { margin-bottom: 1mm; }
figcaption { font-size: 9pt; }
section.sheet figure svg { width: 72mm; }
section.selfreports { break-inside: avoid; page-break-inside: avoid; }
figure.trend { margin: 0; }
figure.trend svg { width: 170mm; height: auto; }
.legend-latest { display: inline-block; width: 8mm; height: 3mm; background: rgba(0, 90, 180, 0.35);
  border: 0.5mm solid #005ab4; vertical-align: middle; }
.legend-previous { display: inline-block; width: 8mm; height: 0; border-top: 0.5mm dashed #555;
  vertical-align: middle; }
ol.focus li { margin-bottom: 1mm; }
.small { font-size: 9pt; color: #333; }
section.field.compact h3 { font-size: 9pt; padding: 0.3mm 2mm; }
section.field.compact .text { min-height: 0; padding: 0.5mm 2mm; font-size: 9pt; line-height: 1.4; }
";

/// Escapes text for HTML element content and attribute values, without the
/// characters that could act on what is shown (controls, bidi overrides).
pub fn esc(s: &str) -> String {
    let clean = crate::text::strip_unsafe(s);
    let mut out = String::with_capacity(clean.len() + 8);
    for c in clean.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A whole document: `body` is HTML already escaped by the caller.
pub fn page(title: &str, lang: Lang, body: &str) -> String {
    let code = match lang {
        Lang::Ja => "ja",
        Lang::En => "en",
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width\">\n\
         <meta name=\"generator\" content=\"teichaku\">\n\
         <title>{}</title>\n<style>html {{ font-family: {FONTS}; }}{CSS}</style>\n</head>\n\
         <body>\n{body}</body>\n</html>\n",
        esc(title)
    )
}

/// How long a field may be and still be kept whole on one page.
const SHORT_LINES: usize = 12;
const SHORT_CHARS: usize = 600;

/// A bordered block: heading and text, kept together on one page when it fits.
pub fn field(heading: &str, group: Option<&str>, text: &str, empty: &str) -> String {
    styled_field("field", heading, group, text, empty)
}

/// A [`field`] in small type, for a short optional text beside the main
/// ones (the report's 本人の日報から), so the page keeps its 確認欄.
pub fn compact_field(heading: &str, group: Option<&str>, text: &str, empty: &str) -> String {
    styled_field("field compact", heading, group, text, empty)
}

fn styled_field(base: &str, heading: &str, group: Option<&str>, text: &str, empty: &str) -> String {
    let group = group
        .map(|g| format!("<span class=\"group\">{}・</span>", esc(g)))
        .unwrap_or_default();
    let body = if text.trim().is_empty() {
        format!("<div class=\"text empty\">{}</div>", esc(empty))
    } else {
        format!("<div class=\"text\">{}</div>", esc(text.trim()))
    };
    // A short field stays whole on one page; a long one flows on (kept
    // whole it would leave most of a page blank before it).
    let class = if text.lines().count() <= SHORT_LINES && text.chars().count() <= SHORT_CHARS {
        format!("{base} short")
    } else {
        base.to_string()
    };
    format!(
        "<section class=\"{class}\"><h3>{group}{}</h3>{body}</section>\n",
        esc(heading)
    )
}

/// A two-column table of label → value rows (already escaped values allowed
/// through `raw`).
pub fn meta_table(rows: &[(&str, String)]) -> String {
    let mut out = String::from("<table class=\"meta\">\n");
    for (label, value) in rows {
        out.push_str(&format!(
            "<tr><th>{}</th><td>{}</td></tr>\n",
            esc(label),
            esc(value)
        ));
    }
    out.push_str("</table>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_text_cannot_make_markup() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        // A right-to-left override would reorder the printed line.
        assert_eq!(esc("a\u{202e}b\u{7}c"), "abc");
        let html = field("見出し", None, "</section><h1>偽</h1>", "（なし）");
        assert!(!html.contains("<h1>"));
    }

    #[test]
    fn a_page_is_self_contained() {
        let html = page("支援レポート", Lang::Ja, "<p>本文</p>");
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(html.contains("<html lang=\"ja\">"));
        assert!(html.contains("size: A4 portrait"));
        assert!(html.contains("Yu Gothic") && html.contains("Noto Sans CJK JP"));
        for fetch in ["http:", "https:", "<link", "<script", "@import", "url("] {
            assert!(!html.contains(fetch), "{fetch}");
        }
    }
}
