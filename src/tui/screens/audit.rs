//! The access log (store/audit.rs), newest first: who opened, printed,
//! wrote or changed what on this laptop. Read-only; scrolls like help.

use super::prelude::*;
use std::cell::Cell;

use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::i18n::audit as text;
use crate::store::AccessEntry;
use crate::text::truncate;

/// The most lines the screen reads (the CLI's `audit --limit` goes further).
const SHOWN: usize = 1000;

pub struct AuditScreen {
    entries: Vec<AccessEntry>,
    /// The chain's first break (store/audit_chain.rs), shown over the list.
    broken: Option<crate::store::audit_chain::Break>,
    scroll: usize,
    max_scroll: Cell<usize>,
}

impl AuditScreen {
    pub fn load(env: &mut Env<'_>) -> crate::Result<AuditScreen> {
        Ok(AuditScreen {
            entries: env.store.access_log(None, None, SHOWN)?,
            broken: env.store.access_log_check()?,
            scroll: 0,
            max_scroll: Cell::new(0),
        })
    }
}

impl Component for AuditScreen {
    fn context(&self) -> Context {
        Context::Help
    }
    fn handle(&mut self, _ev: &KeyEvent, action: Option<Action>, _env: &mut Env<'_>) -> Effect {
        match action {
            Some(Action::Up) => self.scroll = self.scroll.saturating_sub(1),
            Some(Action::Down) => self.scroll = (self.scroll + 1).min(self.max_scroll.get()),
            Some(Action::Back) => return Effect::Pop,
            _ => {}
        }
        Effect::None
    }
    fn reload(&mut self, env: &mut Env<'_>) -> crate::Result<bool> {
        self.entries = env.store.access_log(None, None, SHOWN)?;
        self.broken = env.store.access_log_check()?;
        Ok(true)
    }
    fn draw(&self, frame: &mut Frame, area: Rect, env: &DrawEnv<'_>) {
        let l = env.lang;
        let bold = Style::default().add_modifier(Modifier::BOLD);
        let mut lines = vec![Line::from(text::title(l)).style(bold), Line::default()];
        if let Some(b) = &self.broken {
            let warning = Style::default()
                .fg(ratatui::style::Color::Red)
                .add_modifier(Modifier::BOLD);
            let width = usize::from(area.width).max(1);
            for part in crate::text::wrap(&text::chain_warning(b, l), width) {
                lines.push(Line::from(part).style(warning));
            }
            lines.push(Line::default());
        }
        if self.entries.is_empty() {
            lines.push(Line::from(text::empty(l)));
        }
        let width = usize::from(area.width);
        for e in &self.entries {
            let row = format!(
                "{}  {}  {}  {}  {}",
                text::local_time(&e.at),
                truncate(&e.staff, 10),
                text::action(&e.action, l),
                truncate(e.worker_name.as_deref().unwrap_or("-"), 12),
                e.detail
            );
            lines.push(Line::from(truncate(&row, width)));
        }
        let height = usize::from(area.height);
        self.max_scroll.set(lines.len().saturating_sub(height));
        let scroll = self.scroll.min(self.max_scroll.get());
        let visible: Vec<Line> = lines.into_iter().skip(scroll).collect();
        frame.render_widget(Paragraph::new(visible), area);
    }
}
