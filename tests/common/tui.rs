//! Driving the TUI in tests: key presses, and the screen as text.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::{Backend, TestBackend};
use teichaku::tui::App;

pub fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

pub fn ctrl(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

/// Types text as key presses; a newline is Enter.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        match c {
            '\n' => press(app, KeyCode::Enter),
            c => press(app, KeyCode::Char(c)),
        }
    }
}

/// One frame drawn on a test terminal of this size.
pub fn terminal(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| app.draw(f)).unwrap();
    t
}

/// The screen as text, a wide glyph once (not followed by its blank cell).
pub fn screen(app: &App, w: u16, h: u16) -> String {
    let t = terminal(app, w, h);
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..w {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            line.push_str(sym);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Where the real terminal cursor is after drawing (where an IME composes).
pub fn cursor(app: &App, w: u16, h: u16) -> Option<(u16, u16)> {
    let mut t = terminal(app, w, h);
    t.backend_mut()
        .get_cursor_position()
        .ok()
        .map(|p| (p.x, p.y))
}

/// What the event loop does after a key that asked for a long job: starts it
/// (`App::work`) and, as if frames were drawn meanwhile, waits for its end.
pub fn run_job(app: &mut App) {
    if app.has_work() {
        app.work();
    }
    app.wait_job();
}
