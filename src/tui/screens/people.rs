//! A worker's resource map (関係者): the people around them in three layers
//! — company, welfare/medical, community — added, edited and removed here
//! (from the worker page, m); for partners (welfare/medical, community), the
//! day they were last in touch (domain::partner).

use super::prelude::*;
use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};

use crate::domain::{Code, Person, Worker};
use crate::i18n::{self, Msg};
use crate::tui::app::{Dialog, Pending};

pub struct PeopleScreen {
    pub(super) worker: Worker,
    /// By layer, then as stored.
    people: Vec<Person>,
    selected: usize,
    /// The person a delete was asked for.
    asked: Option<String>,
    /// Partners' last contact (welfare/medical and community people).
    last: std::collections::HashMap<String, chrono::NaiveDate>,
}

impl PeopleScreen {
    pub fn load(worker_id: &str, env: &mut Env<'_>) -> crate::Result<PeopleScreen> {
        let worker = env.store.require_worker(worker_id)?;
        let mut s = PeopleScreen {
            worker,
            people: Vec::new(),
            selected: 0,
            asked: None,
            last: std::collections::HashMap::new(),
        };
        s.reload(env)?;
        Ok(s)
    }

    pub fn people(&self) -> &[Person] {
        &self.people
    }

    fn selected_person(&self) -> Option<&Person> {
        self.people.get(self.selected)
    }
}

impl Component for PeopleScreen {
    fn context(&self) -> Context {
        Context::People
    }
    fn handle(&mut self, _ev: &KeyEvent, action: Option<Action>, env: &mut Env<'_>) -> Effect {
        let last = self.people.len().saturating_sub(1);
        match action {
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Down) => self.selected = (self.selected + 1).min(last),
            Some(Action::NewPerson) => {
                return Effect::open(Open::NewPerson {
                    worker_id: self.worker.id.clone(),
                });
            }
            Some(Action::EditPerson) => {
                if let Some(p) = self.selected_person() {
                    return Effect::open(Open::EditPerson(Box::new(p.clone())));
                }
            }
            Some(Action::DeletePerson) => {
                if let Some(p) = self.selected_person().cloned() {
                    self.asked = Some(p.id.clone());
                    let message = match env.lang {
                        i18n::Lang::Ja => format!("{} を関係者から削除しますか？", p.name),
                        i18n::Lang::En => format!("Remove {} from the resource map?", p.name),
                    };
                    return Effect::Confirm(Dialog {
                        message,
                        on_yes: Pending::Screen,
                    });
                }
            }
            Some(Action::Back) => return Effect::Pop,
            _ => {}
        }
        Effect::None
    }
    fn confirmed(&mut self, env: &mut Env<'_>) -> Effect {
        let Some(id) = self.asked.take() else {
            return Effect::None;
        };
        match env.store.delete_person(&id) {
            Ok(()) => Effect::Changed(Msg::Deleted.text(env.lang).to_string()),
            Err(e) => Effect::Status(i18n::error_message(&e, env.lang)),
        }
    }
    fn reload(&mut self, env: &mut Env<'_>) -> crate::Result<bool> {
        let Some(worker) = env.store.worker(&self.worker.id)? else {
            return Ok(false);
        };
        self.worker = worker;
        let mut people = env.store.people_for(&self.worker.id)?;
        people.sort_by_key(|p| {
            crate::domain::Layer::ALL
                .iter()
                .position(|l| *l == p.layer)
                .unwrap_or(0)
        });
        self.people = people;
        self.last = env
            .store
            .partner_contacts(&self.worker.id)?
            .into_iter()
            .filter_map(|pc| pc.last.map(|d| (pc.person.id, d)))
            .collect();
        self.selected = self.selected.min(self.people.len().saturating_sub(1));
        Ok(true)
    }
    fn draw(&self, frame: &mut Frame, area: Rect, env: &DrawEnv<'_>) {
        let l = env.lang;
        let title = format!(
            "{} — {}",
            l.pick("関係者（リソースマップ）", "Resource map"),
            self.worker.display_name
        );
        super::title(frame, area, &title);
        let [_, head, table_area] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(1),
        ])
        .areas(area);
        let key = |a| env.keymap.first_key(Context::People, a).unwrap_or_default();
        let mut text = if self.people.is_empty() {
            format!(
                "{} {} {}",
                Msg::NoPeople.text(l),
                key(Action::NewPerson),
                l.pick("で追加", "adds one")
            )
        } else {
            match l {
                i18n::Lang::Ja => format!("{}人", self.people.len()),
                i18n::Lang::En => format!("{} people", self.people.len()),
            }
        };
        if self.worker.is_closed() {
            text.push_str(l.pick(
                "　クローズ就労：職場の人に障害のことは伝えません",
                "  closed employment: the workplace is not told",
            ));
        }
        frame.render_widget(Paragraph::new(text), head);
        let cut = |s: &str, w: usize| crate::text::truncate(&crate::text::terminal_safe(s), w);
        let rows = self.people.iter().map(|p| {
            Row::new(vec![
                Cell::from(p.layer.label(l).to_string()),
                Cell::from(cut(&p.name, 12)),
                Cell::from(cut(&p.role, 12)),
                Cell::from(cut(&p.organisation, 16)),
                Cell::from(cut(&p.phone, 13)),
                Cell::from(match self.last.get(&p.id) {
                    Some(d) => d.to_string(),
                    None if crate::domain::partner::is_partner(p) => "—".to_string(),
                    None => String::new(),
                }),
            ])
        });
        let header = Row::new(vec![
            Msg::Layer.text(l),
            Msg::Name.text(l),
            Msg::Role.text(l),
            Msg::Organisation.text(l),
            Msg::Phone.text(l),
            l.pick("最終連絡", "Last contact"),
        ])
        .style(Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED));
        let widths = [
            Constraint::Length(10),
            Constraint::Length(12),
            Constraint::Length(12),
            Constraint::Length(16),
            Constraint::Length(13),
            Constraint::Fill(1),
        ];
        let table = Table::new(rows, widths)
            .header(header)
            .row_highlight_style(Style::default().add_modifier(Modifier::REVERSED))
            .column_spacing(1);
        let mut state = TableState::default().with_selected(Some(self.selected));
        frame.render_stateful_widget(table, table_area, &mut state);
    }
}
