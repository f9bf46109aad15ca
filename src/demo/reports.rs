//! The demo's plan reviews and monthly reports (fixtures/demo_reports.toml),
//! keyed by the display names of fixtures/demo.toml; built by `demo::Fixtures`.

use chrono::{Datelike, Months, NaiveDate};
use serde::Deserialize;

use crate::domain::dates::YearMonth;
use crate::domain::report::{Report, ReportField};
use crate::domain::{Contact, PlanReview, Worker};
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::store;

pub const DEMO_REPORTS_TOML: &str = include_str!("../../fixtures/demo_reports.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fixture {
    worker: Vec<FixtureWorker>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FixtureWorker {
    display_name: String,
    #[serde(default)]
    plan_reviews: Vec<FixtureReview>,
    #[serde(default)]
    report: Vec<FixtureReport>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FixtureReview {
    months_ago: u32,
    day: u32,
    #[serde(default)]
    note: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FixtureReport {
    months_ago: u32,
    #[serde(default)]
    finalised: bool,
    confirmed_day: Option<u32>,
    #[serde(default)]
    consent: bool,
    #[serde(default)]
    goals: String,
    #[serde(default)]
    result: String,
    #[serde(default)]
    next: String,
    #[serde(default)]
    worker_actions: String,
    #[serde(default)]
    employer_actions: String,
    #[serde(default)]
    shared: String,
    #[serde(default)]
    share: Vec<ReportField>,
}

fn fixture_error(detail: impl Into<String>) -> Error {
    Error::Fixture {
        detail: detail.into(),
    }
}

/// `months` before today's month, on `day` (clamped to the month's last day).
fn day_in(today: NaiveDate, months: u32, day: u32) -> Option<NaiveDate> {
    let month = YearMonth::of(today.checked_sub_months(Months::new(months))?);
    month
        .first_day()
        .with_day(day.clamp(1, month.last_day().day()))
}

pub fn parse(text: &str) -> Result<Fixture> {
    toml::from_str(text).map_err(|e| fixture_error(e.to_string()))
}

/// The plan reviews and reports of `fixture` for `workers` (matched by display
/// name), dated from `today`; each report's 支援実施の内容 drafted from that
/// worker's `contacts`.
pub fn build(
    fixture: &Fixture,
    workers: &[Worker],
    contacts: &[Contact],
    today: NaiveDate,
) -> Result<(Vec<PlanReview>, Vec<Report>)> {
    let mut reviews = Vec::new();
    let mut reports = Vec::new();
    for fw in &fixture.worker {
        let w = workers
            .iter()
            .find(|w| w.display_name == fw.display_name)
            .ok_or_else(|| fixture_error(format!("no worker named {}", fw.display_name)))?;
        let bad_date = || fixture_error(format!("{}: date out of range", fw.display_name));
        for r in &fw.plan_reviews {
            reviews.push(PlanReview {
                id: store::new_id(),
                worker_id: w.id.clone(),
                date: day_in(today, r.months_ago, r.day).ok_or_else(bad_date)?,
                note: r.note.clone(),
                recorded_by: w.staff.clone(),
            });
        }
        let own: Vec<Contact> = contacts
            .iter()
            .filter(|c| c.worker_id == w.id)
            .cloned()
            .collect();
        for fr in &fw.report {
            let month = YearMonth::of(day_in(today, fr.months_ago, 1).ok_or_else(bad_date)?);
            let mut r = Report::draft(store::new_id(), w.id.clone(), month, &own, Lang::Ja);
            for (field, text) in [
                (ReportField::Goals, &fr.goals),
                (ReportField::Result, &fr.result),
                (ReportField::Next, &fr.next),
                (ReportField::WorkerActions, &fr.worker_actions),
                (ReportField::EmployerActions, &fr.employer_actions),
                (ReportField::Shared, &fr.shared),
            ] {
                r.set_text(field, text.trim());
            }
            for f in &fr.share {
                r.set_shared(*f, true);
            }
            r.employer_consent = fr.consent;
            r.finalised = fr.finalised;
            r.confirmed_on = fr
                .confirmed_day
                .map(|d| day_in(today, fr.months_ago, d).ok_or_else(bad_date))
                .transpose()?;
            // Handed over the day the worker confirmed it (提供日).
            r.handed_on = r.confirmed_on;
            // The same rules as a report typed in: in its month, by today.
            crate::domain::validate::report_dates(&r, w, today).map_err(|e| {
                fixture_error(format!(
                    "{}: {}",
                    fw.display_name,
                    crate::i18n::invalid_message(&e, Lang::En)
                ))
            })?;
            reports.push(r);
        }
    }
    Ok((reviews, reports))
}
