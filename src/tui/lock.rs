//! The lock screen: at start (before the database is open) and after the
//! idle time of the settings. Nothing of the screens behind it is drawn; the
//! passphrase typed is shown as dots and kept only until Enter.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::i18n::{Lang, crypt};

/// The passphrase field of the lock screen and what the last try said.
#[derive(Default)]
pub struct Lock {
    typed: String,
    message: Option<String>,
    /// Why the screen is locked: at start, or after idle minutes.
    pub idle: bool,
    /// The demo: no key file and no passphrase, so Enter alone unlocks
    /// (and the screen says so instead of asking for one).
    pub no_passphrase: bool,
}

/// What a key on the lock screen asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum LockKey {
    Typing,
    /// Enter: try this passphrase.
    Try(String),
}

impl Lock {
    pub fn idle() -> Lock {
        Lock {
            typed: String::new(),
            message: None,
            idle: true,
            no_passphrase: false,
        }
    }

    /// The idle lock of the demo, which has no passphrase.
    pub fn idle_without_passphrase() -> Lock {
        let mut lock = Lock::idle();
        lock.no_passphrase = true;
        lock
    }

    pub fn handle(&mut self, ev: &KeyEvent) -> LockKey {
        match ev.code {
            KeyCode::Enter => {
                let typed = std::mem::take(&mut self.typed);
                LockKey::Try(typed)
            }
            KeyCode::Backspace => {
                self.typed.pop();
                LockKey::Typing
            }
            KeyCode::Esc => {
                self.wipe();
                LockKey::Typing
            }
            KeyCode::Char(c)
                if !ev
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                self.typed.push(c);
                self.message = None;
                LockKey::Typing
            }
            _ => LockKey::Typing,
        }
    }

    /// A paste (a password manager) goes into the field, one line of it.
    pub fn paste(&mut self, text: &str) {
        self.typed
            .push_str(text.lines().next().unwrap_or_default().trim_end());
    }

    pub fn refused(&mut self, message: String) {
        self.message = Some(message);
    }

    fn wipe(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.typed);
    }

    /// `note`: a line under the reason (a job going on behind the lock).
    pub fn draw(&self, frame: &mut Frame, lang: Lang, quit_key: &str, note: Option<&str>) {
        let area = frame.area();
        frame.render_widget(Clear, area);
        let width = area.width.clamp(20, 64).min(area.width);
        let inner = usize::from(width.saturating_sub(4));
        let mut rows: Vec<Line> = Vec::new();
        let why = if self.no_passphrase {
            crypt::locked_demo(lang)
        } else if self.idle {
            crypt::locked_idle(lang)
        } else {
            crypt::locked_start(lang)
        };
        for l in wrap_words(why, inner) {
            rows.push(Line::from(l));
        }
        if let Some(note) = note {
            rows.push(Line::from(""));
            for l in wrap_words(note, inner) {
                rows.push(Line::from(l));
            }
        }
        if !self.no_passphrase {
            rows.push(Line::from(""));
            let dots: String = "●".repeat(self.typed.chars().count().min(inner / 2 - 1));
            rows.push(Line::from(format!("{}{dots}", crypt::prompt(lang))));
        }
        if let Some(m) = &self.message {
            rows.push(Line::from(""));
            for l in wrap_words(m, inner) {
                rows.push(Line::from(l).style(Style::default().add_modifier(Modifier::BOLD)));
            }
        }
        rows.push(Line::from(""));
        rows.push(Line::from(if self.no_passphrase {
            crypt::lock_keys_demo(quit_key, lang)
        } else {
            crypt::lock_keys(quit_key, lang)
        }));
        let height = (rows.len() as u16 + 2).min(area.height);
        let [_, middle, _] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(height),
            Constraint::Fill(1),
        ])
        .areas(area);
        let rect = Rect {
            x: area.x + (area.width - width) / 2,
            width,
            ..middle
        };
        frame.render_widget(
            Paragraph::new(rows).block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(format!(" teichaku — {} ", crypt::locked_title(lang))),
            ),
            rect,
        );
    }
}

/// Wraps at spaces (English), and inside a run longer than the width
/// (Japanese has no spaces) at character boundaries.
fn wrap_words(text: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split(' ') {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if candidate.width() <= width {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        let mut parts = crate::text::wrap(word, width);
        current = parts.pop().unwrap_or_default();
        lines.extend(parts);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

impl Drop for Lock {
    fn drop(&mut self) {
        self.wipe();
    }
}
