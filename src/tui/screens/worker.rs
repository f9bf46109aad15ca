//! The worker page: profile, the resource map by layer, contact history.

use super::prelude::*;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState};

use super::DrawEnv;
use super::open::Open;
use crate::domain::closed::Conflict;
use crate::domain::{Code, Contact, Disclosure, Layer, Person, Worker};
use crate::i18n::{self, Lang, Msg};
use crate::tui::app::{Dialog, Effect, Env, Pending};
use crate::tui::keymap::Action;

pub struct WorkerScreen {
    pub worker: Worker,
    people: Vec<Person>,
    contacts: Vec<Contact>,
    /// Closed employment: records that reach the employer, read at every
    /// load so that what arrived by sync shows (domain::closed).
    flags: Vec<Conflict>,
    selected: usize,
    /// The last eight weeks' self-reports, for the trend.
    selfreports: Vec<crate::domain::selfreport::SelfReport>,
    selfreport_items: crate::domain::selfreport::Items,
    /// The deletion asked about, done on "yes".
    asked: Option<Delete>,
    /// An open plan conflict (two versions made from the same version on
    /// two laptops): its version number and how many heads.
    plan_fork: Option<(u32, usize)>,
    /// The worker, or a record of theirs, is kept against a delete made on
    /// another laptop (store::delete_conflicts).
    kept: bool,
}

/// What the worker page may ask to delete (or, for a flagged contact, to
/// mark as confirmed after recording consent).
enum Delete {
    Contact(String),
    Worker,
    Consent(String),
}

/// The worker's open plan conflict, if any: (version number, heads).
fn plan_fork(worker_id: &str, env: &Env<'_>) -> crate::Result<Option<(u32, usize)>> {
    Ok(env
        .store
        .plan_forks(Some(worker_id))?
        .first()
        .map(|f| (f.version(), f.heads.len())))
}

impl WorkerScreen {
    pub fn load(id: &str, env: &mut Env<'_>) -> crate::Result<WorkerScreen> {
        let worker = env.store.require_worker(id)?;
        let mut s = WorkerScreen {
            worker,
            people: Vec::new(),
            contacts: Vec::new(),
            flags: Vec::new(),
            selected: 0,
            selfreports: Vec::new(),
            selfreport_items: env.store.selfreport_items().clone(),
            asked: None,
            plan_fork: None,
            kept: false,
        };
        s.selfreports = read_selfreports(id, env)?;
        s.people = env.store.people_for(id)?;
        s.contacts = env.store.contacts_for(id)?;
        s.flags = env.store.closed_conflicts(&s.worker)?;
        s.plan_fork = plan_fork(id, env)?;
        s.kept = env.store.worker_kept_against_delete(id)?;
        Ok(s)
    }

    /// `false` when the worker has been deleted.
    pub fn reload(&mut self, env: &mut Env<'_>) -> crate::Result<bool> {
        let Some(worker) = env.store.worker(&self.worker.id)? else {
            return Ok(false);
        };
        self.worker = worker;
        self.people = env.store.people_for(&self.worker.id)?;
        self.contacts = env.store.contacts_for(&self.worker.id)?;
        self.flags = env.store.closed_conflicts(&self.worker)?;
        self.selfreports = read_selfreports(&self.worker.id, env)?;
        self.plan_fork = plan_fork(&self.worker.id, env)?;
        self.kept = env.store.worker_kept_against_delete(&self.worker.id)?;
        self.selected = self.selected.min(self.contacts.len().saturating_sub(1));
        Ok(true)
    }

    fn selected_contact(&self) -> Option<&Contact> {
        self.contacts.get(self.selected)
    }

    fn is_flagged(&self, id: &str) -> bool {
        self.flags.iter().any(|f| f.id() == id)
    }

    /// The "needs review" line over the profile, with the flagged checklists
    /// (flagged contacts are marked in the history below).
    fn flag_line(&self, env: &DrawEnv<'_>) -> Option<Line<'static>> {
        if self.flags.is_empty() {
            return None;
        }
        let l = env.lang;
        let mut text = i18n::closed::page_flag(self.flags.len(), l);
        for f in &self.flags {
            if let Conflict::Checklist { .. } | Conflict::Sharing { .. } = f {
                text.push_str("  ");
                text.push_str(&i18n::closed::conflict_line(f, l));
            }
        }
        if let Some(k) = env
            .keymap
            .first_key(crate::tui::keymap::Context::Worker, Action::ToggleConsent)
        {
            text.push_str(&format!("  [{k}] {}", Msg::ConsentConfirm.text(l)));
        }
        Some(Line::from(Span::styled(
            text,
            Style::default().add_modifier(Modifier::BOLD | Modifier::REVERSED),
        )))
    }

    fn profile_lines(&self, env: &DrawEnv<'_>) -> Vec<Line<'static>> {
        let l = env.lang;
        let w = &self.worker;
        let bold = Style::default().add_modifier(Modifier::BOLD);
        let field = |label: Msg, value: String| {
            Line::from(vec![
                Span::styled(format!("{} ", label.text(l)), bold),
                Span::raw(value),
            ])
        };
        let workplace = [w.employer.as_str(), w.workplace.as_str(), w.job.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" / ");
        let categories = w
            .categories
            .iter()
            .map(|c| c.label(l))
            .collect::<Vec<_>>()
            .join(l.pick("、", ", "));
        let period = w
            .service_period()
            .map(|p| {
                format!(
                    "{} – {}{}{}{}",
                    p.start,
                    p.end,
                    l.pick("（", " ("),
                    i18n::period_position(p.position(env.today), l),
                    l.pick("）", ")")
                )
            })
            .unwrap_or_default();
        let hire = w.hire_date.map(|d| d.to_string()).unwrap_or_default();
        vec![
            field(Msg::Employer, workplace),
            field(
                Msg::Categories,
                format!(
                    "{categories}  {} {}",
                    Msg::Disclosure.text(l),
                    w.disclosure.label(l)
                ),
            ),
            field(
                Msg::HireDate,
                format!(
                    "{hire}  {} {}",
                    Msg::ServiceType.text(l),
                    w.service_type.label(l)
                ),
            ),
            field(Msg::ServicePeriod, period),
            field(
                Msg::Status,
                format!("{}  {} {}", w.status.label(l), Msg::Staff.text(l), w.staff),
            ),
        ]
        .into_iter()
        .chain((!w.memo.is_empty()).then(|| field(Msg::Memo, w.memo.replace('\n', " "))))
        .collect()
    }

    /// The resource map: one line per person under each of the three layers.
    fn network_lines(&self, l: Lang) -> Vec<Line<'static>> {
        let bold = Style::default().add_modifier(Modifier::BOLD);
        let mut lines = vec![Line::from(Span::styled(
            Msg::Network.text(l).to_string(),
            bold,
        ))];
        for layer in Layer::ALL {
            let people: Vec<String> = self
                .people
                .iter()
                .filter(|p| p.layer == *layer)
                .map(|p| {
                    if p.role.is_empty() {
                        p.name.clone()
                    } else {
                        format!(
                            "{}{}{}{}",
                            p.name,
                            l.pick("（", " ("),
                            p.role,
                            l.pick("）", ")")
                        )
                    }
                })
                .collect();
            let names = if people.is_empty() {
                "-".to_string()
            } else {
                people.join(l.pick("、", ", "))
            };
            lines.push(Line::from(vec![
                Span::styled(format!(" {}: ", layer.label(l)), bold),
                Span::raw(names),
            ]));
        }
        lines
    }

    fn draw_history(&self, frame: &mut Frame, area: Rect, env: &DrawEnv<'_>) {
        let l = env.lang;
        let title = format!(" {} ({}) ", Msg::Contacts.text(l), self.contacts.len());
        let block = Block::default().borders(Borders::TOP).title(title);
        if self.contacts.is_empty() {
            let hint = match env
                .keymap
                .first_key(crate::tui::keymap::Context::Worker, Action::NewContact)
            {
                Some(k) => i18n::no_contacts_hint(&k, l),
                None => Msg::NoContacts.text(l).to_string(),
            };
            frame.render_widget(Paragraph::new(hint).block(block), area);
            return;
        }
        let widths = crate::tui::widgets::resolve_columns(
            &[
                Constraint::Length(10),
                Constraint::Length(if self.flags.is_empty() { 15 } else { 22 }),
                Constraint::Fill(1),
            ],
            1,
            block.inner(area),
        );
        let rows = self.contacts.iter().map(|c| {
            let mode = if self.is_flagged(&c.id) {
                format!("{} {}", Msg::NeedsReview.text(l), c.mode.label(l))
            } else {
                c.mode.label(l).to_string()
            };
            let cells = [
                c.date.format("%Y-%m-%d").to_string(),
                mode,
                c.first_line().to_string(),
            ];
            Row::new(
                crate::tui::widgets::fit_cells(cells, &widths)
                    .into_iter()
                    .map(Cell::from),
            )
        });
        let table = Table::new(rows, widths.clone())
            .block(block)
            .column_spacing(1)
            .row_highlight_style(Style::default().add_modifier(Modifier::REVERSED));
        let mut state = TableState::default().with_selected(Some(self.selected));
        frame.render_stateful_widget(table, area, &mut state);
    }
}

/// The self-reports of the trend's window (eight weeks to today).
fn read_selfreports(
    worker_id: &str,
    env: &mut Env<'_>,
) -> crate::Result<Vec<crate::domain::selfreport::SelfReport>> {
    let from = env.today - chrono::Duration::days(super::selfreport_month::TREND_DAYS - 1);
    env.store.selfreports_for(worker_id, from, env.today)
}

impl Component for WorkerScreen {
    /// Yes to a delete question: a contact (the page stays) or the worker
    /// (back home).
    fn confirmed(&mut self, env: &mut Env<'_>) -> Effect {
        let deleted = i18n::Msg::Deleted.text(env.lang).to_string();
        let result = match self.asked.take() {
            Some(Delete::Contact(id)) => env
                .store
                .delete_contact(&id)
                .map(|()| Effect::Changed(deleted)),
            Some(Delete::Worker) => env
                .store
                .delete_worker(&self.worker.id)
                .map(|()| Effect::Home(deleted)),
            Some(Delete::Consent(id)) => env
                .store
                .confirm_closed_consent(&id)
                .map(|()| Effect::Changed(i18n::closed::consent_confirmed(env.lang).to_string())),
            None => Ok(Effect::None),
        };
        result.unwrap_or_else(|e| Effect::Status(i18n::error_message(&e, env.lang)))
    }
    fn context(&self) -> Context {
        Context::Worker
    }
    fn handle(&mut self, _ev: &KeyEvent, action: Option<Action>, env: &mut Env<'_>) -> Effect {
        let l = env.lang;
        match action {
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Down) => {
                self.selected = (self.selected + 1).min(self.contacts.len().saturating_sub(1))
            }
            Some(Action::Back) => return Effect::Pop,
            Some(Action::Open) => {
                if let Some(c) = self.selected_contact() {
                    return Effect::open(Open::Contact(
                        Box::new(c.clone()),
                        Box::new(self.worker.clone()),
                    ));
                }
            }
            Some(Action::NewContact) => {
                return Effect::open(Open::NewContact {
                    worker_id: self.worker.id.clone(),
                    mode: None,
                    date: None,
                });
            }
            Some(Action::EditContact) => {
                if let Some(c) = self.selected_contact() {
                    return Effect::open(Open::EditContact(
                        Box::new(c.clone()),
                        Box::new(self.worker.clone()),
                    ));
                }
            }
            Some(Action::DeleteContact) => {
                if let Some(c) = self.selected_contact() {
                    let message = i18n::confirm_delete_contact(c.date, c.mode.label(l), l);
                    self.asked = Some(Delete::Contact(c.id.clone()));
                    return Effect::Confirm(Dialog {
                        message,
                        on_yes: Pending::Screen,
                    });
                }
            }
            Some(Action::ToggleConsent) => {
                let Some(c) = self
                    .selected_contact()
                    .filter(|c| self.is_flagged(&c.id))
                    .cloned()
                else {
                    return Effect::Status(Msg::NotFlagged.text(l).to_string());
                };
                self.asked = Some(Delete::Consent(c.id.clone()));
                return Effect::Confirm(Dialog {
                    message: i18n::closed::confirm_consent(c.date, c.mode.label(l), l),
                    on_yes: Pending::Screen,
                });
            }
            Some(Action::Prior) => {
                return Effect::open(Open::Prior {
                    worker_id: self.worker.id.clone(),
                });
            }
            Some(Action::ResourceMap) => {
                return Effect::open(Open::People {
                    worker_id: self.worker.id.clone(),
                });
            }
            Some(Action::Checklist) => {
                return Effect::open(Open::Checklist {
                    worker_id: self.worker.id.clone(),
                    instrument: None,
                });
            }
            Some(Action::Handover) => {
                return Effect::open(Open::Handover {
                    worker_id: self.worker.id.clone(),
                });
            }
            Some(Action::Summary) => {
                return Effect::open(Open::Summary {
                    worker_id: self.worker.id.clone(),
                    instrument: None,
                });
            }
            Some(Action::Plan) => {
                return Effect::open(Open::Plan {
                    worker_id: self.worker.id.clone(),
                });
            }
            Some(Action::EditWorker) => {
                return Effect::open(Open::EditWorker(Box::new(self.worker.clone())));
            }
            Some(Action::SelfReport) => {
                return Effect::open(Open::SelfReportEntry {
                    worker_id: self.worker.id.clone(),
                    date: env.today,
                });
            }
            Some(Action::SelfReports) => {
                return Effect::open(Open::SelfReports {
                    worker_id: self.worker.id.clone(),
                });
            }
            Some(Action::MonthReport) => {
                return Effect::open(Open::Report {
                    worker_id: self.worker.id.clone(),
                    month: crate::domain::dates::YearMonth::of(env.today),
                });
            }
            Some(Action::Search) => return Effect::open(Open::Search),
            Some(Action::Conflicts) => return Effect::open(Open::Conflicts),
            Some(Action::DeleteWorker) => {
                self.asked = Some(Delete::Worker);
                return Effect::Confirm(Dialog {
                    message: i18n::confirm_delete_worker(&self.worker.display_name, l),
                    on_yes: Pending::Screen,
                });
            }
            _ => {}
        }
        Effect::None
    }
    fn reload(&mut self, env: &mut Env<'_>) -> crate::Result<bool> {
        WorkerScreen::reload(self, env)
    }
    fn draw(&self, frame: &mut Frame, area: Rect, env: &DrawEnv<'_>) {
        let l = env.lang;
        let w = &self.worker;
        let mut title = if w.kana.is_empty() {
            w.display_name.clone()
        } else {
            format!(
                "{}{}{}{}",
                w.display_name,
                l.pick("（", " ("),
                w.kana,
                l.pick("）", ")")
            )
        };
        if w.is_closed() {
            title.push_str(&format!("  [{}]", Disclosure::Closed.label(l)));
        }
        super::title(frame, area, &title);
        let body = Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(1),
            ..area
        };
        let mut profile = self.profile_lines(env);
        if let Some((version, heads)) = self.plan_fork {
            let key = env
                .keymap
                .first_key(crate::tui::keymap::Context::Worker, Action::Plan)
                .unwrap_or_default();
            profile.insert(
                0,
                Line::from(Span::styled(
                    i18n::plan_fork::screen_notice(version, heads, &key, l),
                    Style::default().add_modifier(Modifier::BOLD | Modifier::REVERSED),
                )),
            );
        }
        if let Some(flag) = self.flag_line(env) {
            profile.insert(0, flag);
        }
        if self.kept {
            let key = env
                .keymap
                .first_key(crate::tui::keymap::Context::Worker, Action::Conflicts)
                .unwrap_or_default();
            profile.insert(
                0,
                Line::from(Span::styled(
                    i18n::deleted::page_notice(&key, l),
                    Style::default().add_modifier(Modifier::BOLD | Modifier::REVERSED),
                )),
            );
        }
        let network = self.network_lines(l);
        let wide = body.width >= 100;
        let top_h = if wide {
            profile.len().max(network.len()) as u16
        } else {
            (profile.len() + network.len()) as u16
        };
        let top_h = top_h.min(body.height / 2) + 1;
        let trend = super::selfreport_month::trend_lines(
            &self.selfreports,
            &self.selfreport_items,
            env.today,
            usize::from(body.width),
            l,
        );
        // The trend only when the history keeps three rows under it.
        let trend_h = if body.height >= top_h + trend.len() as u16 + 3 {
            trend.len() as u16
        } else {
            0
        };
        let [top, trend_area, history] = Layout::vertical([
            Constraint::Length(top_h),
            Constraint::Length(trend_h),
            Constraint::Min(3),
        ])
        .areas(body);
        frame.render_widget(Paragraph::new(trend), trend_area);
        let cut = |lines: Vec<Line<'static>>, width: u16| -> Vec<Line<'static>> {
            lines
                .into_iter()
                .map(|l| crate::tui::widgets::ellipsize_line(l, width))
                .collect()
        };
        if wide {
            let [left, right] =
                Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                    .areas(top);
            frame.render_widget(Paragraph::new(cut(profile, left.width)), left);
            frame.render_widget(Paragraph::new(cut(network, right.width)), right);
        } else {
            let mut lines = profile;
            lines.extend(network);
            frame.render_widget(Paragraph::new(cut(lines, top.width)), top);
        }
        self.draw_history(frame, history, env);
    }
}
