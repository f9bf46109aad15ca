//! A form: labelled fields (one-line text, a long note, a choice, a multi-choice)
//! with per-field errors. Text is edited in ratatui-textarea; the real terminal
//! cursor is placed where the textarea's cursor is, so an IME composes there.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};
use unicode_width::UnicodeWidthStr;

use crate::tui::keymap::Action;

/// Columns for the labels on the left.
const LABEL_WIDTH: u16 = 14;

pub enum Kind {
    /// One line of text; Enter moves to the next field.
    Line { width: Option<u16> },
    /// Many lines, wrapped by glyph; Enter is a new line.
    Notes,
    /// One of several options.
    Choice(Vec<String>),
    /// Any number of several options.
    Multi(Vec<String>),
}

pub struct Field {
    pub label: String,
    kind: Kind,
    text: TextArea<'static>,
    choice: usize,
    picked: Vec<bool>,
    cursor: usize,
    pub error: Option<String>,
    /// Dim text after the input: a format ("YYYY-MM-DD") or a computed value.
    pub hint: String,
}

impl Field {
    fn new(label: &str, kind: Kind) -> Field {
        let mut text = TextArea::default();
        text.set_cursor_line_style(Style::default());
        // The terminal's own cursor is shown instead (for the IME).
        text.set_cursor_style(Style::default());
        let wrap = if matches!(kind, Kind::Notes) {
            WrapMode::Glyph
        } else {
            WrapMode::None
        };
        text.set_wrap_mode(wrap);
        let n = match &kind {
            Kind::Multi(opts) => opts.len(),
            _ => 0,
        };
        Field {
            label: label.to_string(),
            kind,
            text,
            choice: 0,
            picked: vec![false; n],
            cursor: 0,
            error: None,
            hint: String::new(),
        }
    }

    pub fn line(label: &str, value: &str, width: Option<u16>) -> Field {
        let mut f = Field::new(label, Kind::Line { width });
        f.set_text(value);
        f
    }

    pub fn notes(label: &str, value: &str) -> Field {
        let mut f = Field::new(label, Kind::Notes);
        f.set_text(value);
        f
    }

    /// One line whose text is never shown (each character drawn as `*`).
    pub fn secret(label: &str) -> Field {
        let mut f = Field::new(label, Kind::Line { width: None });
        f.text.set_mask_char('*');
        f
    }

    pub fn choice(label: &str, options: Vec<String>, selected: usize) -> Field {
        let mut f = Field::new(label, Kind::Choice(options));
        f.choice = selected;
        f
    }

    pub fn multi(label: &str, options: Vec<String>, picked: &[usize]) -> Field {
        let mut f = Field::new(label, Kind::Multi(options));
        for &i in picked {
            if let Some(p) = f.picked.get_mut(i) {
                *p = true;
            }
        }
        f
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Field {
        self.hint = hint.into();
        self
    }

    pub fn set_text(&mut self, value: &str) {
        let lines: Vec<String> = value.split('\n').map(str::to_string).collect();
        let mut text = TextArea::new(lines);
        text.set_cursor_line_style(Style::default());
        text.set_cursor_style(Style::default());
        text.set_wrap_mode(self.text.wrap_mode());
        text.move_cursor(CursorMove::Bottom);
        text.move_cursor(CursorMove::End);
        self.text = text;
    }

    /// The text (lines joined with newlines).
    pub fn text(&self) -> String {
        self.text.lines().join("\n")
    }

    pub fn selected(&self) -> usize {
        self.choice
    }

    /// Chooses option `i` of a choice (ignored when out of range).
    pub fn select(&mut self, i: usize) {
        if i < self.option_count() {
            self.choice = i;
        }
    }

    /// Whether this field is text (its value is `text()`) rather than a choice.
    pub fn is_text_field(&self) -> bool {
        self.is_text()
    }

    pub fn picked(&self) -> Vec<usize> {
        self.picked
            .iter()
            .enumerate()
            .filter(|(_, p)| **p)
            .map(|(i, _)| i)
            .collect()
    }

    fn is_text(&self) -> bool {
        matches!(self.kind, Kind::Line { .. } | Kind::Notes)
    }

    fn option_count(&self) -> usize {
        match &self.kind {
            Kind::Choice(o) | Kind::Multi(o) => o.len(),
            _ => 0,
        }
    }

    fn height(&self, spare: u16) -> u16 {
        match self.kind {
            Kind::Notes => spare.max(3),
            _ => 1,
        }
    }
}

/// What a key did to the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Nothing,
    Changed,
    Save,
    Cancel,
}

/// Names a form's fields once, in screen order: `form_fields!(DATE, MODE, …)`
/// declares `const DATE: usize = 0`, `const MODE: usize = 1`, … and
/// `FIELD_COUNT`; [`Form::keyed`] then checks the widgets against the names.
macro_rules! form_fields {
    ($($name:ident),+ $(,)?) => {
        $crate::tui::widgets::form::form_fields!(@ 0usize; $($name),+);
        const FIELD_COUNT: usize = [$(stringify!($name)),+].len();
    };
    (@ $n:expr; $name:ident $(, $rest:ident)*) => {
        const $name: usize = $n;
        $crate::tui::widgets::form::form_fields!(@ $n + 1; $($rest),*);
    };
    (@ $n:expr;) => {};
}
pub(crate) use form_fields;

pub struct Form {
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Changed since it was opened (leaving asks first).
    pub changed: bool,
}

impl Form {
    pub fn new(fields: Vec<Field>, focus: usize) -> Form {
        Form {
            fields,
            focus,
            changed: false,
        }
    }

    /// A form whose widgets are listed with the names `form_fields!` gave
    /// them: each name once, in the declared order (checked in debug builds,
    /// which every screen test runs).
    pub fn keyed(fields: Vec<(usize, Field)>, count: usize, focus: usize) -> Form {
        debug_assert_eq!(fields.len(), count, "a form field is missing");
        debug_assert!(
            fields.iter().enumerate().all(|(i, (k, _))| i == *k),
            "form fields listed out of their declared order"
        );
        Form::new(fields.into_iter().map(|(_, f)| f).collect(), focus)
    }

    /// Keys the focused field takes as typing, before any key binding: printable
    /// characters, Enter, Backspace and the arrows in text fields.
    pub fn wants_raw(&self, ev: &KeyEvent) -> bool {
        let Some(field) = self.fields.get(self.focus) else {
            return false;
        };
        if !field.is_text()
            || ev
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return false;
        }
        matches!(
            ev.code,
            KeyCode::Char(_)
                | KeyCode::Enter
                | KeyCode::Backspace
                | KeyCode::Delete
                | KeyCode::Left
                | KeyCode::Right
                | KeyCode::Up
                | KeyCode::Down
                | KeyCode::Home
                | KeyCode::End
        )
    }

    pub fn handle(&mut self, ev: &KeyEvent, action: Option<Action>) -> Outcome {
        let raw = self.wants_raw(ev);
        let n = self.fields.len();
        if !raw {
            match action {
                Some(Action::Save) => return Outcome::Save,
                Some(Action::Cancel) => return Outcome::Cancel,
                Some(Action::NextField) => {
                    self.focus = (self.focus + 1) % n.max(1);
                    return Outcome::Nothing;
                }
                Some(Action::PrevField) => {
                    self.focus = (self.focus + n.max(1) - 1) % n.max(1);
                    return Outcome::Nothing;
                }
                _ => {}
            }
        }
        let Some(field) = self.fields.get_mut(self.focus) else {
            return Outcome::Nothing;
        };
        let changed = match &field.kind {
            Kind::Line { .. } if ev.code == KeyCode::Enter => {
                self.focus = (self.focus + 1) % n;
                false
            }
            Kind::Line { .. } | Kind::Notes => raw && field.text.input(*ev),
            Kind::Choice(_) => {
                let count = field.option_count();
                match (action, digit(ev)) {
                    (_, Some(d)) if d < count => field.choice = d,
                    (Some(Action::ChoiceNext | Action::Toggle), _) => {
                        field.choice = (field.choice + 1) % count
                    }
                    (Some(Action::ChoicePrev), _) => {
                        field.choice = (field.choice + count - 1) % count
                    }
                    _ => return Outcome::Nothing,
                }
                true
            }
            Kind::Multi(_) => {
                let count = field.option_count();
                match (action, digit(ev)) {
                    (_, Some(d)) if d < count => field.picked[d] = !field.picked[d],
                    (Some(Action::ChoiceNext), _) => {
                        field.cursor = (field.cursor + 1) % count;
                        return Outcome::Nothing;
                    }
                    (Some(Action::ChoicePrev), _) => {
                        field.cursor = (field.cursor + count - 1) % count;
                        return Outcome::Nothing;
                    }
                    (Some(Action::Toggle), _) => {
                        field.picked[field.cursor] = !field.picked[field.cursor]
                    }
                    _ => return Outcome::Nothing,
                }
                true
            }
        };
        if changed {
            self.changed = true;
            field.error = None;
            Outcome::Changed
        } else {
            Outcome::Nothing
        }
    }

    /// Pasted text goes into the focused text field as typed.
    pub fn paste(&mut self, text: &str) -> Outcome {
        match self.fields.get_mut(self.focus) {
            Some(f) if f.is_text() => {
                let text = if matches!(f.kind, Kind::Notes) {
                    text.replace("\r\n", "\n")
                } else {
                    text.replace(['\r', '\n'], " ")
                };
                f.text.insert_str(text);
                self.changed = true;
                Outcome::Changed
            }
            _ => Outcome::Nothing,
        }
    }

    pub fn has_errors(&self) -> bool {
        self.fields.iter().any(|f| f.error.is_some())
    }

    /// Focuses the first field with an error.
    pub fn focus_first_error(&mut self) {
        if let Some(i) = self.fields.iter().position(|f| f.error.is_some()) {
            self.focus = i;
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect) {
        let fixed: u16 = self.fields.iter().map(|f| f.height(0)).sum::<u16>()
            - self
                .fields
                .iter()
                .filter(|f| matches!(f.kind, Kind::Notes))
                .count() as u16
                * 3;
        let spare = area.height.saturating_sub(fixed);
        let heights: Vec<u16> = self.fields.iter().map(|f| f.height(spare)).collect();
        // Scroll so the focused field is on screen when the form is taller.
        let mut first = 0;
        while first < self.focus && heights[first..=self.focus].iter().sum::<u16>() > area.height {
            first += 1;
        }
        let mut y = area.y;
        for (i, field) in self.fields.iter().enumerate().skip(first) {
            let h = heights[i].min(area.bottom().saturating_sub(y));
            if h == 0 {
                break;
            }
            let row = Rect {
                x: area.x,
                y,
                width: area.width,
                height: h,
            };
            self.draw_field(frame, row, field, i == self.focus);
            y += h;
        }
    }

    fn draw_field(&self, frame: &mut Frame, row: Rect, field: &Field, focused: bool) {
        let label_style = if focused {
            Style::default().add_modifier(Modifier::BOLD | Modifier::REVERSED)
        } else {
            Style::default().add_modifier(Modifier::BOLD)
        };
        let label = crate::text::truncate(&field.label, usize::from(LABEL_WIDTH - 1));
        frame.render_widget(
            Paragraph::new(Span::styled(label, label_style)),
            Rect {
                width: LABEL_WIDTH.min(row.width),
                height: 1,
                ..row
            },
        );
        let rest = Rect {
            x: row.x + LABEL_WIDTH,
            width: row.width.saturating_sub(LABEL_WIDTH),
            ..row
        };
        let error = field.error.as_deref().map(|e| format!(" {e}"));
        let error_w = error.as_deref().map_or(0, |e| e.width() as u16);
        let hint_w = if field.hint.is_empty() {
            0
        } else {
            field.hint.width() as u16 + 1
        };
        let input_w = match field.kind {
            // A short box grows with what is typed into it rather than
            // scrolling (a scrolled box shows half a wide glyph: " スト").
            Kind::Line { width: Some(w) } => {
                let typed = u16::try_from(field.text().width() + 1).unwrap_or(u16::MAX);
                w.max(typed).min(rest.width)
            }
            _ if error_w > 0 || hint_w > 0 => rest
                .width
                .saturating_sub(error_w.max(hint_w))
                .max(rest.width / 2),
            _ => rest.width,
        };
        let input = Rect {
            width: input_w,
            ..rest
        };
        let after = Rect {
            x: input.x + input_w,
            width: rest.width.saturating_sub(input_w),
            height: 1,
            ..rest
        };
        match &field.kind {
            Kind::Line { .. } | Kind::Notes => {
                frame.render_widget(&field.text, input);
                if matches!(field.kind, Kind::Line { .. }) {
                    let left = usize::from(field.text.scroll_offset().1);
                    mark_cut_edges(frame, input, &field.text(), left);
                }
                if focused {
                    let sc = field.text.screen_cursor();
                    let (top, left) = field.text.scroll_offset();
                    let dy = sc.row.saturating_sub(usize::from(top));
                    let dx = sc.col.saturating_sub(usize::from(left));
                    if let (Ok(dx), Ok(dy)) = (u16::try_from(dx), u16::try_from(dy))
                        && dx <= input.width
                        && dy < input.height
                    {
                        frame.set_cursor_position((input.x + dx, input.y + dy));
                    }
                }
            }
            Kind::Choice(options) => {
                let name = options.get(field.choice).map_or("", String::as_str);
                let style = if focused {
                    Style::default().add_modifier(Modifier::REVERSED)
                } else {
                    Style::default()
                };
                let line = Line::from(vec![
                    Span::raw("< "),
                    Span::styled(name.to_string(), style),
                    Span::raw(" >"),
                ]);
                frame.render_widget(Paragraph::new(line), input);
            }
            Kind::Multi(options) => {
                let cells: Vec<(String, Style)> = options
                    .iter()
                    .enumerate()
                    .map(|(i, o)| {
                        let mut style = Style::default();
                        if field.picked[i] {
                            style = style.add_modifier(Modifier::BOLD);
                        }
                        if focused && i == field.cursor {
                            style = style.add_modifier(Modifier::REVERSED);
                        }
                        let mark = if field.picked[i] { "*" } else { " " };
                        (format!("{mark}{o}"), style)
                    })
                    .collect();
                let (from, to) = multi_window(&cells, field.cursor, usize::from(input.width));
                let mut spans = Vec::new();
                if from > 0 {
                    spans.push(Span::raw("… "));
                }
                for (text, style) in &cells[from..to] {
                    spans.push(Span::styled(text.clone(), *style));
                    spans.push(Span::raw(" "));
                }
                if to < cells.len() {
                    spans.push(Span::raw("…"));
                }
                frame.render_widget(Paragraph::new(Line::from(spans)), input);
            }
        }
        let tail = match error {
            Some(e) => Span::styled(
                e,
                Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
            ),
            None if !field.hint.is_empty() => Span::styled(
                format!(" {}", field.hint),
                Style::default().add_modifier(Modifier::DIM),
            ),
            None => return,
        };
        frame.render_widget(Paragraph::new(tail), after);
    }
}

/// A one-line box scrolled sideways: "…" over its first cell when text is
/// hidden on the left (the cell may hold the right half of a cut wide
/// glyph, drawn as a blank) and over its last cell when text goes on past
/// the right edge, so a cut is never silent. `left`: the box's first column
/// in the text, as the text area scrolled it.
fn mark_cut_edges(frame: &mut Frame, input: Rect, text: &str, left: usize) {
    if input.width < 3 || input.height == 0 {
        return;
    }
    let buf = frame.buffer_mut();
    if left > 0 {
        buf[(input.x, input.y)].set_symbol("…");
    }
    if text.width().saturating_sub(left) > usize::from(input.width) {
        buf[(input.x + input.width - 1, input.y)].set_symbol("…");
    }
}

/// Which options of a multiple choice are shown in `width` columns: all when
/// they fit, else a window holding the cursor, with room for a "… " before
/// and a "…" after when options are left out.
fn multi_window(cells: &[(String, Style)], cursor: usize, width: usize) -> (usize, usize) {
    let w = |i: usize| cells[i].0.width() + 1;
    let total: usize = (0..cells.len()).map(w).sum();
    if total <= width || cells.is_empty() {
        return (0, cells.len());
    }
    let cursor = cursor.min(cells.len() - 1);
    // From the start, as far as fits with the trailing mark.
    let mut from = 0;
    loop {
        let lead = if from > 0 { 2 } else { 0 };
        let mut used = lead;
        let mut to = from;
        while to < cells.len() {
            let tail = if to + 1 < cells.len() { 1 } else { 0 };
            if used + w(to) + tail > width {
                break;
            }
            used += w(to);
            to += 1;
        }
        if cursor < to || from >= cursor {
            return (from, to.max(from + 1).min(cells.len()));
        }
        from += 1;
    }
}

/// `1`…`9` as an option index.
fn digit(ev: &KeyEvent) -> Option<usize> {
    match ev.code {
        KeyCode::Char(c @ '1'..='9') if ev.modifiers.difference(KeyModifiers::SHIFT).is_empty() => {
            c.to_digit(10)
                .and_then(|d| usize::try_from(d).ok())
                .map(|d| d - 1)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{Field, Form};

    form_fields!(FIRST, SECOND);

    #[test]
    fn a_long_multiple_choice_shows_a_window_around_the_cursor() {
        use ratatui::style::Style;
        let cells: Vec<(String, Style)> = ["*本人", " 上司", " 同僚", " 相談支援専門員", " 他機関"]
            .iter()
            .map(|s| (s.to_string(), Style::default()))
            .collect();
        // Everything fits.
        assert_eq!(super::multi_window(&cells, 4, 80), (0, 5));
        // 20 columns: the start, then a window that reaches the cursor.
        let (from, to) = super::multi_window(&cells, 0, 20);
        assert_eq!(from, 0);
        assert!(to < 5);
        let (from, to) = super::multi_window(&cells, 4, 20);
        assert!(from > 0 && to == 5, "{from}..{to}");
    }

    #[test]
    fn names_count_along_the_declaration() {
        assert_eq!((FIRST, SECOND, FIELD_COUNT), (0, 1, 2));
        let form = Form::keyed(
            vec![
                (FIRST, Field::line("a", "x", None)),
                (SECOND, Field::line("b", "y", None)),
            ],
            FIELD_COUNT,
            SECOND,
        );
        assert_eq!(form.fields[SECOND].text(), "y");
    }

    // The check is a debug assertion: a release build has nothing to catch.
    #[cfg(debug_assertions)]
    #[test]
    #[should_panic(expected = "out of their declared order")]
    fn widgets_listed_out_of_order_are_caught() {
        let _ = Form::keyed(
            vec![
                (SECOND, Field::line("b", "", None)),
                (FIRST, Field::line("a", "", None)),
            ],
            FIELD_COUNT,
            FIRST,
        );
    }
}
