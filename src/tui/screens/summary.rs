//! The checklist summary screen: the radar (latest solid, previous dotted),
//! the group table with the change since the previous and the trend, and the
//! lowest items as focus points. Drawing only, from a [`SummaryScreen`].

use super::prelude::*;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::open::Open;
use crate::domain::checklist::{Assessment, Instrument};
use crate::domain::checklist_score::{Summary, summarize};
use crate::i18n::{self, Lang, Msg};
use crate::render::radar::{Glyphs, axis_label};
use crate::render::summary::{
    direction_label, legend, marks_legend, pad, pad_left, radar_data, series_text, status_line,
};
use crate::tui::app::{Effect, Env};
use crate::tui::keymap::Action;
use crate::tui::widgets::radar::RadarChart;

/// What the summary screen shows: one instrument's summary for one worker.
#[derive(Debug, Clone)]
pub struct SummaryScreen {
    pub worker_name: String,
    pub instrument: Instrument,
    /// `None` when the worker has no assessment of this instrument yet.
    pub summary: Option<Summary>,
    /// Braille by default; ASCII for consoles without a braille font.
    pub glyphs: Glyphs,
    /// The key that starts a checklist here, for the empty summary's hint
    /// (`None`: the hint names the command instead).
    pub fill_key: Option<String>,
}

impl SummaryScreen {
    /// Builds the state from the worker's assessments (any instruments, any
    /// order), e.g. `Store::assessments_for`. Load it once per change, not per frame.
    pub fn new(worker_name: String, instrument: Instrument, assessments: &[Assessment]) -> Self {
        let summary = summarize(&instrument, assessments);
        SummaryScreen {
            worker_name,
            instrument,
            summary,
            glyphs: Glyphs::Braille,
            fill_key: None,
        }
    }
}

/// The summary screen's state: the worker's assessments, loaded once, and the
/// instrument shown (Tab cycles through those the catalogue has).
pub struct SummaryView {
    pub(super) worker: crate::domain::Worker,
    assessments: Vec<Assessment>,
    index: usize,
    screen: Option<SummaryScreen>,
}

impl SummaryView {
    /// Shows `instrument`, else the one of the latest assessment, else the first.
    pub fn load(
        worker_id: &str,
        instrument: Option<&str>,
        env: &mut Env<'_>,
    ) -> crate::Result<SummaryView> {
        let worker = env.store.require_worker(worker_id)?;
        let assessments = env.store.assessments_for(worker_id)?;
        let wanted = instrument.map(str::to_string).or_else(|| {
            assessments
                .iter()
                .max_by_key(|a| a.date)
                .map(|a| a.instrument.clone())
        });
        let index = wanted
            .and_then(|id| env.checklists.instruments.iter().position(|i| i.id == id))
            .unwrap_or(0);
        let mut view = SummaryView {
            screen: None,
            worker,
            assessments,
            index,
        };
        view.rebuild(env);
        Ok(view)
    }

    fn rebuild(&mut self, env: &Env<'_>) {
        if let Some(inst) = env.checklists.instruments.get(self.index) {
            let mut screen = SummaryScreen::new(
                self.worker.display_name.clone(),
                inst.clone(),
                &self.assessments,
            );
            screen.fill_key = env.keymap.first_key(Context::Summary, Action::Checklist);
            self.screen = Some(screen);
        }
    }

    /// The shown checklist's summary as a document for paper.
    fn print(&self, env: &mut Env<'_>) -> Effect {
        let Some(screen) = &self.screen else {
            return Effect::None;
        };
        let Some(summary) = &screen.summary else {
            let e = crate::Error::NoAssessments {
                instrument: Some(screen.instrument.title(env.lang).to_string()),
            };
            return Effect::Status(i18n::error_message(&e, env.lang));
        };
        let doc = crate::print::Document::Summary(summary.latest_date);
        let trend = match selfreport_section(env, &self.worker.id) {
            Ok(html) => html,
            Err(e) => return Effect::Status(i18n::error_message(&e, env.lang)),
        };
        let html = crate::render::html::summary::document(
            &self.worker.display_name,
            &env.print.agency,
            &[(&screen.instrument, summary.clone())],
            &trend,
            env.lang,
        );
        crate::tui::print::deliver(env, doc, &self.worker.id, Ok(html))
    }

    pub fn reload(&mut self, env: &mut Env<'_>) -> crate::Result<bool> {
        let Some(worker) = env.store.worker(&self.worker.id)? else {
            return Ok(false);
        };
        self.worker = worker;
        self.assessments = env.store.assessments_for(&self.worker.id)?;
        self.rebuild(env);
        Ok(true)
    }
}

/// The self-report charts of the eight weeks to today, for the printed summary.
fn selfreport_section(env: &Env<'_>, worker_id: &str) -> crate::Result<String> {
    use crate::render::html::selfreport::{DAYS, section};
    let from = env
        .today
        .checked_sub_days(chrono::Days::new(DAYS))
        .unwrap_or(env.today);
    let entries = env.store.selfreports_for(worker_id, from, env.today)?;
    Ok(section(
        &entries,
        env.store.selfreport_items(),
        env.today,
        env.lang,
    ))
}

/// Cuts `s` to `width` display columns (marking a cut with `~`) and pads it.
fn fit(s: &str, width: usize) -> String {
    pad(&crate::text::truncate(s, width), width)
}

pub fn draw(frame: &mut Frame, area: Rect, state: &SummaryScreen, lang: Lang) {
    let inst = &state.instrument;
    let [header, main, footer] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(8),
        Constraint::Length(1),
    ])
    .areas(area);
    let Some(s) = &state.summary else {
        frame.render_widget(
            Paragraph::new(vec![
                Line::from(Span::styled(inst.title(lang), Style::new().bold())),
                Line::from(state.worker_name.as_str()),
                Line::from(""),
                Line::from(match &state.fill_key {
                    Some(key) => i18n::summary_empty_hint(key, lang),
                    None => {
                        i18n::error_message(&crate::Error::NoAssessments { instrument: None }, lang)
                    }
                }),
            ]),
            area,
        );
        return;
    };

    frame.render_widget(
        Paragraph::new(vec![
            Line::from(vec![
                Span::styled(inst.title(lang), Style::new().bold()),
                Span::raw(format!("   {}", state.worker_name)),
            ]),
            Line::from(status_line(s, lang)),
            Line::from(Span::styled(
                match marks_legend(s, lang, 3) {
                    Some(marks) => format!("{}   {marks}", legend(s, state.glyphs, lang)),
                    None => legend(s, state.glyphs, lang),
                },
                Style::new().dim(),
            )),
        ]),
        header,
    );

    // The radar takes the whole height on the left, round (a cell is about
    // twice as tall as wide), at most 45% of the width; the table and the
    // focus items share the right.
    let num_w = [Msg::Latest, Msg::Previous, Msg::ChangeSincePrevious]
        .iter()
        .map(|m| m.text(lang).width() + 1)
        .max()
        .unwrap_or(7)
        .max(6);
    // Marks of who answered widen each point by a glyph.
    let trend_full: u16 = if marks_legend(s, lang, 3).is_some() {
        26
    } else {
        20
    };
    // The table with its trend needs this much beside the radar (a label of
    // 16 columns at least); the radar gives up a quarter of its width for the
    // trend, no more.
    let num_cols = u16::try_from(3 + 3 * num_w).unwrap_or(u16::MAX);
    let table_need = num_cols + trend_full + 16 + 2;
    let ideal = (main.height * 2).min(main.width * 2 / 5);
    let room = main.width.saturating_sub(table_need);
    let (radar_w, with_trend) = if room >= ideal {
        (ideal, true)
    } else if room >= ideal * 3 / 4 {
        (room, true)
    } else {
        (ideal, false)
    };
    let [radar_area, right] =
        Layout::horizontal([Constraint::Length(radar_w), Constraint::Min(20)])
            .spacing(2)
            .areas(main);
    let groups = u16::try_from(inst.groups.len()).unwrap_or(u16::MAX);
    let table_h = if right.height >= 2 * groups + 10 {
        2 * groups + 1
    } else {
        groups + 1
    };
    let [table_area, focus] = Layout::vertical([Constraint::Length(table_h), Constraint::Min(2)])
        .spacing(1)
        .areas(right);
    let latest = s.latest_means();
    let previous = s.previous_means();
    frame.render_widget(
        RadarChart::new(radar_data(inst, &latest, previous.as_deref())).glyphs(state.glyphs),
        radar_area,
    );

    // The table: number, label, latest, previous, change, and the trend if it fits.
    let width = usize::from(table_area.width);
    let trend_w = if with_trend {
        usize::from(trend_full)
    } else {
        0
    };
    let label_w = width.saturating_sub(3 + 3 * num_w + trend_w).max(6);
    let mut rows = vec![Line::from(Span::styled(
        format!(
            "   {}{}{}{}{}",
            fit(Msg::Group.text(lang), label_w),
            pad_left(Msg::Latest.text(lang), num_w),
            pad_left(Msg::Previous.text(lang), num_w),
            pad_left(Msg::ChangeSincePrevious.text(lang), num_w),
            if with_trend {
                format!("  {}", Msg::Trend.text(lang))
            } else {
                String::new()
            }
        ),
        Style::new().bold(),
    ))];
    for (i, (g, row)) in inst.groups.iter().zip(&s.groups).enumerate() {
        let mut spans = vec![
            Span::raw(format!("{:>2} ", axis_label(i))),
            Span::raw(fit(g.short(lang), label_w)),
            Span::styled(
                pad_left(&i18n::score(row.latest.mean, lang), num_w),
                Style::new().bold(),
            ),
            Span::raw(pad_left(&i18n::score(row.previous, lang), num_w)),
            Span::raw(pad_left(&i18n::delta(row.change, lang), num_w)),
        ];
        if with_trend {
            spans.push(Span::styled(
                format!(
                    "  {} {}",
                    series_text(s, &row.series, lang, 3),
                    direction_label(row.direction, lang)
                ),
                Style::new().dim(),
            ));
        }
        rows.push(Line::from(spans));
        if table_area.height > 2 * groups {
            rows.push(Line::from(""));
        }
    }
    frame.render_widget(Paragraph::new(rows), table_area);

    let mut lines = vec![Line::from(Span::styled(
        Msg::FocusItems.text(lang),
        Style::new().bold(),
    ))];
    if s.focus.is_empty() {
        lines.push(Line::from(format!("  {}", Msg::NoFocusItems.text(lang))));
    }
    // Each item wrapped under its number; what does not fit is cut with "…".
    let indent = 9;
    let text_w = usize::from(focus.width).saturating_sub(indent).max(8);
    let room = usize::from(focus.height);
    for f in &s.focus {
        let text = inst
            .items()
            .nth(f.number - 1)
            .map_or("", |(_, it)| it.text(lang));
        let mut rows = crate::text::wrap(text, text_w).into_iter();
        let first = rows.next().unwrap_or_default();
        if lines.len() >= room {
            break;
        }
        lines.push(Line::from(vec![
            Span::raw(format!("  {:>2}. ", f.number)),
            Span::styled(format!("[{}] ", f.value), Style::new().bold()),
            Span::raw(first),
        ]));
        for row in rows {
            if lines.len() >= room {
                break;
            }
            lines.push(Line::from(format!("{}{row}", " ".repeat(indent))));
        }
        if !f.comment.is_empty() && lines.len() < room {
            lines.push(Line::from(Span::styled(
                format!(
                    "{}{}",
                    " ".repeat(indent),
                    crate::text::ellipsize(&f.comment, text_w)
                ),
                Style::new().italic(),
            )));
        }
    }
    frame.render_widget(Paragraph::new(lines), focus);
    frame.render_widget(
        Paragraph::new(Span::styled(
            format!("{}: {}", Msg::Source.text(lang), inst.source),
            Style::new().dim(),
        )),
        footer,
    );
}

impl Component for SummaryView {
    fn context(&self) -> Context {
        Context::Summary
    }
    fn handle(&mut self, _ev: &KeyEvent, action: Option<Action>, env: &mut Env<'_>) -> Effect {
        match action {
            Some(Action::NextInstrument) => {
                self.index = (self.index + 1) % env.checklists.instruments.len().max(1);
                self.rebuild(env);
                Effect::None
            }
            Some(Action::Checklist) => Effect::open(Open::Checklist {
                worker_id: self.worker.id.clone(),
                instrument: env
                    .checklists
                    .instruments
                    .get(self.index)
                    .map(|i| i.id.clone()),
            }),
            Some(Action::Back) => Effect::Pop,
            Some(Action::Print) => self.print(env),
            _ => Effect::None,
        }
    }
    fn reload(&mut self, env: &mut Env<'_>) -> crate::Result<bool> {
        SummaryView::reload(self, env)
    }
    fn reads(&self) -> Option<&'static [&'static str]> {
        Some(&["assessment", "answer", "worker"])
    }
    fn draw(&self, frame: &mut Frame, area: Rect, env: &DrawEnv<'_>) {
        if let Some(screen) = &self.screen {
            draw(frame, area, screen, env.lang);
        }
    }
}
