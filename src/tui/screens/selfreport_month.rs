//! A worker's self-reports: the month as a grid (an item per row, a day per
//! column), the chosen day's comments below, and the dashboard's warning
//! with the key that acknowledges it. Also the compact trend the worker page
//! shows ([`trend_lines`]).

use super::prelude::*;
use chrono::{Datelike, Duration, NaiveDate};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::selfreport_entry::{pad, weekday};
use crate::domain::dates::YearMonth;
use crate::domain::selfreport::{Items, SelfReport};
use crate::domain::selfreport_trend::{self, NO_ENTRY, is_working_day};
use crate::domain::selfreport_warning::Warning;
use crate::domain::{Code, Mode};
use crate::i18n::selfreport::{SrText, warning_line};
use crate::i18n::{self, Lang};
use crate::text::truncate;

/// Columns for an item's name in the grid and the trend.
const LABEL: usize = 14;
/// The trend's window: eight weeks.
pub const TREND_DAYS: i64 = 56;

pub struct MonthScreen {
    pub(super) worker_id: String,
    worker_name: String,
    items: Items,
    month: YearMonth,
    day: NaiveDate,
    entries: Vec<SelfReport>,
    warning: Option<Warning>,
}

impl MonthScreen {
    /// This month, today chosen.
    pub fn load(worker_id: &str, env: &mut Env<'_>) -> crate::Result<MonthScreen> {
        let worker = env.store.require_worker(worker_id)?;
        let mut s = MonthScreen {
            worker_id: worker.id.clone(),
            worker_name: worker.display_name,
            items: env.store.selfreport_items().clone(),
            month: YearMonth::of(env.today),
            day: env.today,
            entries: Vec::new(),
            warning: None,
        };
        s.read(env)?;
        Ok(s)
    }

    fn read(&mut self, env: &mut Env<'_>) -> crate::Result<bool> {
        let Some(worker) = env.store.worker(&self.worker_id)? else {
            return Ok(false);
        };
        self.worker_name = worker.display_name.clone();
        self.entries = env.store.selfreports_for(
            &self.worker_id,
            self.month.first_day(),
            self.month.last_day(),
        )?;
        self.warning = env
            .store
            .selfreport_warnings(std::slice::from_ref(&worker), env.today)?
            .remove(&self.worker_id);
        Ok(true)
    }

    fn go(&mut self, day: NaiveDate, env: &mut Env<'_>) -> Effect {
        self.day = day;
        let month = YearMonth::of(day);
        if month != self.month {
            self.month = month;
            if let Err(e) = self.read(env) {
                return Effect::Status(i18n::error_message(&e, env.lang));
            }
        }
        Effect::None
    }

    fn entry(&self, day: NaiveDate) -> Option<&SelfReport> {
        self.entries.iter().find(|e| e.date == day)
    }

    /// Acknowledges on the latest entry up to today (a note can follow).
    fn acknowledge(&mut self, env: &mut Env<'_>) -> Effect {
        let l = env.lang;
        let from = env.today - Duration::days(TREND_DAYS);
        let latest = env
            .store
            .selfreports_for(&self.worker_id, from, env.today)
            .map(|v| v.into_iter().last());
        match latest {
            Ok(Some(mut r)) => {
                r.acknowledged_on = Some(env.today);
                match env.store.save_selfreport(&r) {
                    Ok(()) => Effect::Changed(SrText::Acknowledged.text(l).to_string()),
                    Err(e) => Effect::Status(i18n::error_message(&e, l)),
                }
            }
            Ok(None) => Effect::Status(SrText::NothingToAcknowledge.text(l).to_string()),
            Err(e) => Effect::Status(i18n::error_message(&e, l)),
        }
    }

    fn grid(&self, env: &DrawEnv<'_>) -> Vec<Line<'static>> {
        let l = env.lang;
        let first = self.month.first_day();
        let days: Vec<NaiveDate> = first
            .iter_days()
            .take_while(|d| *d <= self.month.last_day())
            .collect();
        let style_of = |d: NaiveDate| {
            let mut s = Style::default();
            if d == self.day {
                s = s.add_modifier(Modifier::REVERSED | Modifier::BOLD);
            } else if !is_working_day(d) || self.entry(d).is_some_and(|e| e.day_off) {
                s = s.add_modifier(Modifier::DIM);
            }
            s
        };
        let digit_row = |label: String, f: &dyn Fn(NaiveDate) -> char| {
            let mut spans = vec![Span::raw(format!("{} ", pad(&label, LABEL)))];
            spans.extend(
                days.iter()
                    .map(|d| Span::styled(f(*d).to_string(), style_of(*d))),
            );
            Line::from(spans)
        };
        let mut lines = vec![
            digit_row(String::new(), &|d| {
                char::from_digit(d.day() / 10, 10)
                    .filter(|c| *c != '0')
                    .unwrap_or(' ')
            }),
            digit_row(l.pick("日", "day").to_string(), &|d| {
                char::from_digit(d.day() % 10, 10).unwrap_or(' ')
            }),
        ];
        for item in &self.items.items {
            lines.push(digit_row(
                item.label(l).to_string(),
                &|d| match self.entry(d) {
                    None => NO_ENTRY,
                    Some(e) => e
                        .ratings
                        .get(&item.id)
                        .and_then(|v| char::from_digit(u32::from(v), 10))
                        .unwrap_or_else(|| selfreport_trend::unrated(e)),
                },
            ));
        }
        lines
    }

    fn day_lines(&self, width: usize, l: Lang) -> Vec<Line<'static>> {
        let bold = Style::default().add_modifier(Modifier::BOLD);
        let head = format!(
            "{}{}{}{}",
            self.day,
            l.pick("（", " ("),
            weekday(self.day, l),
            l.pick("）", ")")
        );
        let Some(e) = self.entry(self.day) else {
            return vec![Line::from(vec![
                Span::styled(head, bold),
                Span::raw(format!("  {}", SrText::NoEntryThisDay.text(l))),
            ])];
        };
        let mut lines = vec![Line::from(vec![
            Span::styled(head, bold),
            Span::raw(format!("  {}", e.source.label(l))),
        ])];
        for (label, text) in [
            (SrText::WorkerComment, &e.worker_comment),
            (SrText::WorkplaceComment, &e.workplace_comment),
            (SrText::SupporterComment, &e.supporter_comment),
        ] {
            if !text.trim().is_empty() {
                let label = format!("{}: ", label.text(l));
                let room =
                    width.saturating_sub(unicode_width::UnicodeWidthStr::width(label.as_str()));
                lines.push(Line::from(vec![
                    Span::styled(label, bold),
                    Span::raw(truncate(text, room)),
                ]));
            }
        }
        lines
    }
}

/// The worker page's trend: a heading with the latest comment, then one
/// line per item: its name, a glyph per day of the last eight weeks (fewer
/// when narrow), its mean. Empty when there is nothing in the window.
pub fn trend_lines(
    entries: &[SelfReport],
    items: &Items,
    today: NaiveDate,
    width: usize,
    l: Lang,
) -> Vec<Line<'static>> {
    let from = today - Duration::days(TREND_DAYS - 1);
    if !entries.iter().any(|e| (from..=today).contains(&e.date)) {
        return Vec::new();
    }
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let mean_w = 9;
    let days = i64::try_from(width.saturating_sub(LABEL + 1 + mean_w))
        .unwrap_or(0)
        .clamp(7, TREND_DAYS);
    let start = today - Duration::days(days - 1);
    let mut head = format!("{}  {}", SrText::Trend.text(l), SrText::Legend.text(l));
    if entries
        .iter()
        .any(|e| e.day_off && (start..=today).contains(&e.date))
    {
        head.push_str(&format!("  {}", SrText::LegendDayOff.text(l)));
    }
    if let Some(e) = entries
        .iter()
        .filter(|e| !e.worker_comment.trim().is_empty())
        .max_by_key(|e| e.date)
    {
        head.push_str(&format!(
            "  {} {}「{}」",
            SrText::Latest.text(l),
            e.date.format("%m/%d"),
            e.worker_comment.lines().next().unwrap_or("").trim()
        ));
    }
    let mut lines = vec![Line::from(Span::styled(truncate(&head, width), bold))];
    for item in &items.items {
        let line = selfreport_trend::sparkline(entries, items, &item.id, start, today);
        let mean = selfreport_trend::mean(entries, &item.id, start, today)
            .map(|m| format!(" {} {m:.1}", SrText::Mean.text(l)))
            .unwrap_or_default();
        lines.push(Line::from(vec![
            Span::raw(format!("{} ", pad(item.label(l), LABEL))),
            Span::raw(line),
            Span::styled(mean, Style::default().add_modifier(Modifier::DIM)),
        ]));
    }
    lines
}

impl Component for MonthScreen {
    fn context(&self) -> Context {
        Context::SelfReports
    }
    fn reads(&self) -> Option<&'static [&'static str]> {
        Some(&["self_report", "contact", "worker"])
    }
    fn reload(&mut self, env: &mut Env<'_>) -> crate::Result<bool> {
        self.read(env)
    }
    fn handle(&mut self, _ev: &KeyEvent, action: Option<Action>, env: &mut Env<'_>) -> Effect {
        match action {
            Some(Action::PrevDay) => return self.go(self.day - Duration::days(1), env),
            Some(Action::NextDay) => return self.go(self.day + Duration::days(1), env),
            Some(Action::PrevMonth) => {
                if let Some(m) = self.month.prev() {
                    return self.go(m.first_day(), env);
                }
            }
            Some(Action::NextMonth) => {
                if let Some(m) = self.month.next() {
                    return self.go(m.first_day(), env);
                }
            }
            Some(Action::Open) => {
                return Effect::open(Open::SelfReportEntry {
                    worker_id: self.worker_id.clone(),
                    date: self.day,
                });
            }
            Some(Action::Acknowledge) => return self.acknowledge(env),
            Some(Action::NewContact) => {
                return Effect::open(Open::NewContact {
                    worker_id: self.worker_id.clone(),
                    mode: Some(Mode::Phone),
                    date: None,
                });
            }
            Some(Action::Back) => return Effect::Pop,
            _ => {}
        }
        Effect::None
    }
    fn draw(&self, frame: &mut Frame, area: Rect, env: &DrawEnv<'_>) {
        let l = env.lang;
        let title = format!(
            "{}  {}  {}",
            SrText::MonthTitle.text(l),
            self.worker_name,
            i18n::month_label(self.month, l)
        );
        super::title(frame, area, &title);
        let width = usize::from(area.width);
        let mut lines = vec![Line::from("")];
        if let Some(w) = &self.warning {
            let item = w
                .item
                .as_deref()
                .and_then(|i| self.items.get(i))
                .map(|i| i.label(l));
            let mut text = warning_line(w.reason, item, l);
            if let Some((_, b)) = env
                .keymap
                .bindings(Context::SelfReports)
                .iter()
                .find(|(a, _)| *a == Action::Acknowledge)
                && let Some(k) = b.keys.first()
            {
                text.push_str(&format!("  [{}] {}", k.label(), b.describe(l)));
            }
            lines.push(Line::from(Span::styled(
                truncate(&text, width),
                Style::default().add_modifier(Modifier::BOLD | Modifier::REVERSED),
            )));
        }
        if self.entries.is_empty() {
            lines.push(Line::from(SrText::NoEntries.text(l)));
        }
        lines.extend(self.grid(env));
        lines.push(Line::from(""));
        lines.extend(self.day_lines(width, l));
        let body = Rect {
            y: area.y.saturating_add(1),
            height: area.height.saturating_sub(1),
            ..area
        };
        frame.render_widget(Paragraph::new(lines), body);
    }
}
