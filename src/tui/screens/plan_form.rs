//! Writing a new version of a worker's support plan: the first one, or a
//! review of the latest, pre-filled from it (and the remarks from the latest
//! checklist summary's focus items). A review evaluates each goal of the
//! version it reviews; the goals can be revised, and one empty goal slot takes
//! a new goal (a goal left wholly empty is dropped). Long texts are note
//! fields (wrapped by glyph, the real cursor for the IME), and what is typed
//! is kept as a draft like a contact's note (restored after a crash). Saved
//! through `Store::add_plan`, in one transaction, or not at all.

use super::prelude::*;

use crate::domain::Code;
use crate::domain::dates::parse_date;
use crate::domain::plan::{
    Achievement, GoalDomain, Plan, PlanEvaluation, PlanGoal, PlanMissing, Stage, focus_lines,
};
use crate::domain::validate::{self, Invalid};
use crate::domain::{Worker, dates};
use crate::error::Error;
use crate::i18n::{self, Lang, PlanText, plan_form_label};
use crate::tui::drafts::{ContactDraft, PlanFieldDraft, PlanFormDraft};
use crate::tui::widgets::form::{Field, Form, Outcome};

const DATE: usize = 0;
const STAGE: usize = 1;
const EMPLOYER: usize = 2;
const WORKPLACE: usize = 3;
const JOB: usize = 4;
const HOURS: usize = 5;
const DAYS: usize = 6;
const HANDOVER: usize = 7;
const AGENCIES: usize = 8;
const HEALTH: usize = 9;
const LIVING: usize = 10;
const LONG_TERM: usize = 11;
const EXPLAINED: usize = 12;
const CONSENT: usize = 13;
const SHARE: usize = 14;
const REMARKS: usize = 15;
/// The fields of the version; evaluations, then goals, follow.
const HEAD: usize = 16;
/// Fields per evaluation: achievement, effect, satisfaction, remaining, countermeasure.
const EVAL: usize = 5;
/// Fields per goal: domain, goal, policy, content, period, frequency.
const GOAL: usize = 6;

pub struct PlanForm {
    pub form: Form,
    pub(super) worker: Worker,
    /// The version under review (`None` for a first plan).
    previous: Option<Plan>,
    /// The new version as pre-filled (ids, version number, previous id), or
    /// the stored version being corrected.
    base: Plan,
    /// Correcting a stored version (saved with `Store::update_plan`).
    editing: bool,
    /// Merging the heads of an open plan conflict (domain::plan_fork):
    /// saved with `Store::merge_plan_fork`, replacing them all.
    merging: bool,
    /// Goal slots: the pre-filled goals, then one empty.
    slots: usize,
    today: chrono::NaiveDate,
    draft_id: String,
    /// Changed since the draft was last written.
    draft_dirty: std::cell::Cell<bool>,
}

fn options<C: Code>(lang: Lang) -> Vec<String> {
    C::ALL.iter().map(|c| c.label(lang).to_string()).collect()
}

fn index_of<C: Code + PartialEq>(value: C) -> usize {
    C::ALL.iter().position(|c| *c == value).unwrap_or(0)
}

impl PlanForm {
    pub fn new(worker_id: &str, env: &mut Env<'_>) -> crate::Result<PlanForm> {
        let worker = env.store.require_worker(worker_id)?;
        let previous = env.store.latest_plan(worker_id)?;
        let assessments = env.store.assessments_for(worker_id)?;
        let focus = focus_lines(&env.checklists.instruments, &assessments);
        let mut base = Plan::next(
            &worker,
            previous.as_ref(),
            env.today,
            &focus,
            crate::store::new_id,
        );
        base.version.recorded_by = env.staff_name.to_string();
        Ok(PlanForm::build(worker, previous, base, false, env))
    }

    /// Correcting a stored version (a typo, an evaluation completed): its
    /// fields, goals and evaluations as stored.
    pub fn edit(version_id: &str, env: &mut Env<'_>) -> crate::Result<PlanForm> {
        let not_found = || crate::Error::NotFound {
            kind: "plan version",
            id: version_id.to_string(),
        };
        let base = env.store.plan(version_id)?.ok_or_else(not_found)?;
        let worker = env.store.require_worker(&base.version.worker_id)?;
        let previous = match base.version.previous_id.as_str() {
            "" => None,
            id => env.store.plan(id)?,
        };
        Ok(PlanForm::build(worker, previous, base, true, env))
    }

    /// The merge of the worker's open plan conflict, starting from its later
    /// version (fields, goals and evaluations).
    pub fn merge(worker_id: &str, env: &mut Env<'_>) -> crate::Result<PlanForm> {
        let worker = env.store.require_worker(worker_id)?;
        let fork = env.store.plan_forks(Some(worker_id))?.into_iter().next();
        let Some(later) = fork.as_ref().and_then(|f| f.heads.last()) else {
            return Err(Error::NoPlanFork);
        };
        let base = crate::domain::plan_fork::merged(
            later,
            env.today,
            env.staff_name,
            crate::store::new_id,
        );
        let previous = match base.version.previous_id.as_str() {
            "" => None,
            id => env.store.plan(id)?,
        };
        let mut form = PlanForm::build(worker, previous, base, false, env);
        form.merging = true;
        Ok(form)
    }

    fn build(
        worker: Worker,
        previous: Option<Plan>,
        base: Plan,
        editing: bool,
        env: &Env<'_>,
    ) -> PlanForm {
        let l = env.lang;
        let v = &base.version;
        let explained = v.explained_on.map(|d| d.to_string()).unwrap_or_default();
        let hint = |s: &str| s.to_string();
        let label = |name: &str| plan_form_label(name, None, l);
        let mut fields = vec![
            Field::line(&label("date"), &v.date.to_string(), Some(12))
                .with_hint(hint("YYYY-MM-DD")),
            Field::choice(&label("stage"), options::<Stage>(l), index_of(v.stage))
                .with_hint(super::choice_hint(env.keymap, l)),
            Field::line(&label("employer"), &v.employer, None),
            Field::line(&label("workplace"), &v.workplace, None),
            Field::line(&label("job"), &v.job, None),
            Field::line(&label("hours_per_week"), &v.hours_per_week, Some(8)),
            Field::line(&label("work_days"), &v.work_days, None),
            Field::notes(&label("handover"), &v.handover),
            Field::notes(&label("agencies"), &v.agencies),
            Field::notes(&label("health"), &v.health),
            Field::notes(&label("living"), &v.living),
            Field::notes(&label("long_term_goal"), &v.long_term_goal),
            Field::line(&label("explained_on"), &explained, Some(12)).with_hint(hint("YYYY-MM-DD")),
            Field::choice(
                &label("consent"),
                vec![
                    PlanText::ConsentNo.text(l).to_string(),
                    PlanText::ConsentYes.text(l).to_string(),
                ],
                usize::from(v.consent),
            ),
            Field::line(&label("share_with"), &v.share_with, None),
            Field::notes(&label("remarks"), &v.remarks),
        ];
        if let Some(prev) = &previous {
            let mut achievement = vec![PlanText::NotEvaluated.text(l).to_string()];
            achievement.extend(options::<Achievement>(l));
            for g in &prev.goals {
                let n = g.position;
                let named = |name: &str| plan_form_label(name, Some(("eval", n)), l);
                let e = base.evaluation_of(&g.id);
                let chosen = e.map_or(0, |e| index_of(e.achievement) + 1);
                fields.push(
                    Field::choice(&named("achievement"), achievement.clone(), chosen)
                        .with_hint(crate::text::ellipsize(&g.goal, 40)),
                );
                let texts =
                    e.map(|e| [&e.effect, &e.satisfaction, &e.remaining, &e.countermeasure]);
                for (k, name) in ["effect", "satisfaction", "remaining", "countermeasure"]
                    .into_iter()
                    .enumerate()
                {
                    let text = texts.map_or("", |t| t[k].as_str());
                    fields.push(Field::notes(&named(name), text));
                }
            }
        }
        let slots = base.goals.len() + 1;
        for i in 0..slots {
            let g = base.goals.get(i);
            let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
            let named = |name: &str| plan_form_label(name, Some(("goal", n)), l);
            fields.push(Field::choice(
                &named("domain"),
                options::<GoalDomain>(l),
                g.map_or(0, |g| index_of(g.domain)),
            ));
            fields.push(Field::notes(&named("goal"), g.map_or("", |g| &g.goal)));
            fields.push(Field::notes(&named("policy"), g.map_or("", |g| &g.policy)));
            fields.push(Field::notes(
                &named("content"),
                g.map_or("", |g| &g.content),
            ));
            fields.push(Field::line(
                &named("period"),
                g.map_or("", |g| &g.period),
                None,
            ));
            fields.push(Field::line(
                &named("frequency"),
                g.map_or("", |g| &g.frequency),
                None,
            ));
        }
        PlanForm {
            form: Form::new(fields, DATE),
            worker,
            previous,
            base,
            editing,
            merging: false,
            slots,
            today: env.today,
            draft_id: crate::store::new_id(),
            draft_dirty: std::cell::Cell::new(false),
        }
    }

    /// Reopens a form from its draft (after a crash), as it was typed.
    pub fn from_draft(
        d: &ContactDraft,
        plan: &PlanFormDraft,
        env: &mut Env<'_>,
    ) -> crate::Result<PlanForm> {
        let mut f = match &plan.version_id {
            Some(id) => PlanForm::edit(id, env)?,
            None => PlanForm::new(&d.worker_id, env)?,
        };
        f.draft_id = d.id.clone();
        for (field, saved) in f.form.fields.iter_mut().zip(&plan.fields) {
            match saved {
                PlanFieldDraft::Text(t) if field.is_text_field() => field.set_text(t),
                PlanFieldDraft::Choice(i) if !field.is_text_field() => field.select(*i),
                _ => {}
            }
        }
        f.form.changed = true;
        Ok(f)
    }

    fn to_draft(&self, saved_at: &str) -> ContactDraft {
        let fields = self
            .form
            .fields
            .iter()
            .map(|field| {
                if field.is_text_field() {
                    PlanFieldDraft::Text(field.text())
                } else {
                    PlanFieldDraft::Choice(field.selected())
                }
            })
            .collect();
        ContactDraft {
            plan: Some(PlanFormDraft {
                previous_id: self.base.version.previous_id.clone(),
                version_id: self.editing.then(|| self.base.version.id.clone()),
                fields,
            }),
            ..ContactDraft::blank(&self.draft_id, &self.worker.id, saved_at)
        }
    }

    fn eval_start(&self) -> usize {
        HEAD
    }

    fn goal_start(&self) -> usize {
        HEAD + self.previous.as_ref().map_or(0, |p| p.goals.len()) * EVAL
    }

    /// The plan as typed, or `None` with errors shown beside the fields.
    fn read(&mut self, l: Lang) -> Option<Plan> {
        let goal_start = self.goal_start();
        let eval_start = self.eval_start();
        let f = &mut self.form.fields;
        let date = parse_date(&f[DATE].text());
        f[DATE].error = date.is_none().then(|| i18n::field_error_date(l));
        let explained_text = f[EXPLAINED].text();
        let explained = match explained_text.trim() {
            "" => Some(None),
            t => dates::parse_date(t).map(Some),
        };
        f[EXPLAINED].error = explained.is_none().then(|| i18n::field_error_date(l));
        let mut plan = self.base.clone();
        let v = &mut plan.version;
        v.date = date?;
        v.explained_on = explained?;
        v.consent = f[CONSENT].selected() == 1;
        v.stage = *Stage::ALL.get(f[STAGE].selected())?;
        v.employer = f[EMPLOYER].text().trim().to_string();
        v.workplace = f[WORKPLACE].text().trim().to_string();
        v.job = f[JOB].text().trim().to_string();
        v.hours_per_week = f[HOURS].text().trim().to_string();
        v.work_days = f[DAYS].text().trim().to_string();
        v.handover = f[HANDOVER].text();
        v.agencies = f[AGENCIES].text();
        v.health = f[HEALTH].text();
        v.living = f[LIVING].text();
        v.long_term_goal = f[LONG_TERM].text();
        v.share_with = f[SHARE].text().trim().to_string();
        v.remarks = f[REMARKS].text();

        plan.evaluations.clear();
        if let Some(prev) = &self.previous {
            for (i, g) in prev.goals.iter().enumerate() {
                let at = eval_start + i * EVAL;
                let texts: Vec<String> = (1..EVAL).map(|k| f[at + k].text()).collect();
                let Some(achievement) = f[at]
                    .selected()
                    .checked_sub(1)
                    .and_then(|k| Achievement::ALL.get(k).copied())
                else {
                    if texts.iter().any(|t| !t.trim().is_empty()) {
                        f[at].error = Some(PlanText::ChooseAchievement.text(l).to_string());
                        return None;
                    }
                    continue;
                };
                plan.evaluations.push(PlanEvaluation {
                    id: self
                        .base
                        .evaluation_of(&g.id)
                        .map_or_else(crate::store::new_id, |e| e.id.clone()),
                    plan_id: plan.version.id.clone(),
                    goal_id: g.id.clone(),
                    achievement,
                    effect: texts[0].clone(),
                    satisfaction: texts[1].clone(),
                    remaining: texts[2].clone(),
                    countermeasure: texts[3].clone(),
                });
            }
        }

        let mut goals = Vec::new();
        for i in 0..self.slots {
            let at = goal_start + i * GOAL;
            let texts: Vec<String> = (1..GOAL).map(|k| f[at + k].text()).collect();
            if texts.iter().all(|t| t.trim().is_empty()) {
                continue;
            }
            let position = u32::try_from(goals.len() + 1).unwrap_or(u32::MAX);
            goals.push(PlanGoal {
                id: self
                    .base
                    .goals
                    .get(i)
                    .map_or_else(crate::store::new_id, |g| g.id.clone()),
                plan_id: plan.version.id.clone(),
                position,
                domain: *GoalDomain::ALL.get(f[at].selected())?,
                goal: texts[0].trim_end().to_string(),
                policy: texts[1].clone(),
                content: texts[2].clone(),
                period: texts[3].trim().to_string(),
                frequency: texts[4].trim().to_string(),
            });
        }
        plan.goals = goals;
        if let Err(inv) = validate::plan(&plan, &self.worker, self.previous.as_ref(), self.today) {
            self.show_invalid(&inv, &plan, l);
            return None;
        }
        Some(plan)
    }

    /// The form field of the n-th kept goal (`k`: 1 its text, 3 its content);
    /// the empty slot when it is not one of the pre-filled goals.
    fn goal_field(&self, plan: &Plan, n: u32, k: usize) -> usize {
        let id = plan
            .goals
            .iter()
            .find(|g| g.position == n)
            .map(|g| g.id.clone());
        let slot = id
            .and_then(|id| self.base.goals.iter().position(|g| g.id == id))
            .unwrap_or(self.slots - 1);
        self.goal_start() + slot * GOAL + k
    }

    /// Each missing part named beside its field (and nothing else changed).
    fn show_missing(&mut self, missing: &[PlanMissing], plan: &Plan, l: Lang) {
        for m in missing {
            let (field, text) = match *m {
                PlanMissing::LongTermGoal => (LONG_TERM, PlanText::Required),
                PlanMissing::NoGoal => (self.goal_start() + 1, PlanText::RequiredGoal),
                PlanMissing::GoalText(n) => (self.goal_field(plan, n, 1), PlanText::Required),
                PlanMissing::GoalContent(n) => (self.goal_field(plan, n, 3), PlanText::Required),
                PlanMissing::ExplainedOn => (EXPLAINED, PlanText::Required),
                PlanMissing::Consent => (CONSENT, PlanText::RequiredConsent),
                PlanMissing::Evaluation(n) => {
                    let at = self
                        .previous
                        .as_ref()
                        .and_then(|p| p.goals.iter().position(|g| g.position == n))
                        .unwrap_or(0);
                    (self.eval_start() + at * EVAL, PlanText::RequiredEvaluation)
                }
            };
            if let Some(f) = self.form.fields.get_mut(field)
                && f.error.is_none()
            {
                f.error = Some(text.text(l).to_string());
            }
        }
        self.form.focus_first_error();
    }

    fn show_invalid(&mut self, inv: &Invalid, plan: &Plan, l: Lang) {
        if let Invalid::PlanIncomplete(missing) = inv {
            return self.show_missing(missing, plan, l);
        }
        let field = match inv {
            Invalid::PlanBeforeHire {
                field: "explained on",
                ..
            }
            | Invalid::PlanInFuture {
                field: "explained on",
                ..
            }
            | Invalid::ImplausibleDate {
                field: "explained on",
                ..
            } => EXPLAINED,
            Invalid::PlanHours(_) => HOURS,
            Invalid::PlanGoalEmpty(n) => self.goal_field(plan, *n, 1),
            _ => DATE,
        };
        self.form.fields[field].error = Some(i18n::invalid_message(inv, l));
        self.form.focus_first_error();
    }

    fn save(&mut self, env: &mut Env<'_>) -> Effect {
        let l = env.lang;
        let Some(plan) = self.read(l) else {
            return super::fix_errors(&mut self.form, l);
        };
        let saved = if self.editing {
            env.store.update_plan(&plan, env.today)
        } else if self.merging {
            env.store.merge_plan_fork(&plan, env.today)
        } else {
            env.store.add_plan(&plan, env.today)
        };
        match saved {
            Ok(()) => Effect::Saved {
                message: format!(
                    "{}: {}",
                    PlanText::Saved.text(l),
                    crate::render::plan::title(&plan, l)
                ),
                draft: Some(self.draft_id.clone()),
            },
            Err(Error::Invalid(inv)) => {
                self.show_invalid(&inv, &plan, l);
                super::fix_errors_message(l)
            }
            Err(e) => Effect::Status(i18n::error_message(&e, l)),
        }
    }
}

impl Component for PlanForm {
    fn context(&self) -> Context {
        Context::Form
    }
    fn wants_raw(&self, ev: &KeyEvent) -> bool {
        self.form.wants_raw(ev)
    }
    fn handle(&mut self, ev: &KeyEvent, action: Option<Action>, env: &mut Env<'_>) -> Effect {
        match self.form.handle(ev, action) {
            Outcome::Nothing => Effect::None,
            Outcome::Changed => {
                self.draft_dirty.set(true);
                Effect::None
            }
            Outcome::Cancel => {
                super::cancel_form(&self.form, Some(self.draft_id.clone()), env.lang)
            }
            Outcome::Save => self.save(env),
        }
    }
    fn draw(&self, frame: &mut Frame, area: Rect, env: &DrawEnv<'_>) {
        let l = env.lang;
        let title = match &self.previous {
            _ if self.merging => format!(
                "{} — {}  {}",
                crate::i18n::plan_fork::merge_title(l),
                self.worker.display_name,
                crate::render::plan::title(&self.base, l)
            ),
            _ if self.editing => format!(
                "{} — {}  {}",
                PlanText::EditTitle.text(l),
                self.worker.display_name,
                crate::render::plan::title(&self.base, l)
            ),
            Some(p) => match l {
                Lang::Ja => format!(
                    "{} — {}（第{}版 {} の見直し）",
                    PlanText::ReviewTitle.text(l),
                    self.worker.display_name,
                    p.version.version,
                    p.version.date
                ),
                Lang::En => format!(
                    "{} — {} (review of version {}, {})",
                    PlanText::ReviewTitle.text(l),
                    self.worker.display_name,
                    p.version.version,
                    p.version.date
                ),
            },
            None => format!(
                "{} — {}",
                PlanText::NewTitle.text(l),
                self.worker.display_name
            ),
        };
        super::title(frame, area, &title);
        let body = Rect {
            y: area.y + 2,
            height: area.height.saturating_sub(2),
            ..area
        };
        self.form.draw(frame, body);
    }
    fn paste(&mut self, text: &str, _env: &mut Env<'_>) {
        if self.form.paste(text) == Outcome::Changed {
            self.draft_dirty.set(true);
        }
    }
    fn has_unsaved_changes(&self) -> bool {
        self.form.changed
    }
    fn draft_pending(&self) -> bool {
        self.draft_dirty.get()
    }
    fn draft(&self, saved_at: &str) -> Option<ContactDraft> {
        Some(self.to_draft(saved_at))
    }
    fn draft_saved(&self) {
        self.draft_dirty.set(false);
    }
}
