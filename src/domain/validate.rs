//! Rules a record must satisfy before it is saved.

use std::ops::RangeInclusive;

use chrono::{Datelike, Months, NaiveDate};

use super::plan::{Plan, PlanMissing};
use super::report::{Incomplete, Report};
use super::{Contact, Mode, Participant, Person, ServiceType, Worker};

/// Why a record cannot be saved. Shown to the user by `i18n`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invalid {
    EmptyName,
    EndBeforeStart,
    DueBeforeDate,
    Minutes(u32),
    /// A workplace visit would tell the employer of the disability.
    ClosedEmploymentVisit,
    /// An employer-side participant in a closed-employment worker's contact.
    ClosedEmploymentParticipant(Participant),
    /// A finalised report may only be reopened, not edited.
    ReportFinalised,
    /// A report stays with its worker and month.
    ReportMoved,
    /// The worker's own self-report words are never shared with the employer.
    ReportNeverShared,
    /// A handover sharing with the employer's side of a closed-employment
    /// worker (domain::handover::sharing_conflict).
    ClosedEmploymentSharing,
    /// "Takes over" for a person who is not an agency (a workplace person,
    /// or outside the 福祉・医療 and 地域 layers).
    TakeOverNotAgency,
    /// A sharing has no closed-employment consent to confirm: it is withdrawn.
    SharingWithdrawOnly,
    /// A date outside [`YEARS`] (`0000-01-01`, `9999-12-31`): a typo.
    ImplausibleDate {
        field: &'static str,
        date: NaiveDate,
    },
    /// A contact more than [`CONTACT_SLACK_MONTHS`] before the hire date.
    ContactBeforeHire {
        hire: NaiveDate,
    },
    /// A contact more than [`CONTACT_SLACK_MONTHS`] after today.
    ContactFarAhead {
        today: NaiveDate,
    },
    /// A plan's date (`field`) before the worker's hire date.
    PlanBeforeHire {
        field: &'static str,
        hire: NaiveDate,
    },
    /// A plan's date (`field`) after today.
    PlanInFuture {
        field: &'static str,
        today: NaiveDate,
    },
    /// Working hours per week that are not a number from 0 to 80.
    PlanHours(String),
    /// A short-term goal (by position) with no text.
    PlanGoalEmpty(u32),
    /// A version that is not yet a plan: everything it lacks
    /// ([`Plan::missing`]), never empty.
    PlanIncomplete(Vec<PlanMissing>),
    /// An evaluation of a goal that is not in the reviewed version.
    EvaluationUnknownGoal(String),
    /// Two evaluations of the same goal.
    EvaluationTwice(String),
    /// A review of a version that is not this worker's, or a version number
    /// that does not follow it.
    PlanPrevious,
    /// A review dated before the version it reviews.
    PlanBeforePrevious {
        previous: NaiveDate,
    },
    /// 労働時間延長支援型 and 復職支援型 run from their anchor date, not the hire date.
    AnchorRequired(ServiceType),
    /// A variant's anchor date (the day after the sending service ended, the
    /// return-to-work day) is before the hire date.
    AnchorBeforeHire {
        hire: NaiveDate,
    },
    /// The service start is earlier than six months from the anchor.
    StartTooEarly {
        earliest: NaiveDate,
    },
    /// The service start is after the last day the service may run to
    /// (three years six months from the anchor).
    StartAfterCap {
        cap: NaiveDate,
    },
    /// A report cannot be finalised yet: the first thing missing.
    ReportIncomplete(Incomplete),
    /// A date (report, handover) before the worker's hire date.
    DateBeforeHire {
        field: &'static str,
        hire: NaiveDate,
    },
    /// A report for a month after today's.
    ReportMonthAhead {
        month: super::dates::YearMonth,
        today: NaiveDate,
    },
    /// A report's date (`field`) before its month's first day.
    ReportDateBeforeMonth {
        field: &'static str,
        month: super::dates::YearMonth,
    },
    /// A date (report, handover) after today: it has not happened yet.
    DateInFuture {
        field: &'static str,
        today: NaiveDate,
    },
    /// A sharing with someone not in the worker's resource map.
    NotInResourceMap,
    /// A sharing that names nothing shared.
    NothingShared,
    /// A record of duties done elsewhere that checks no kind and gives no
    /// plan date.
    NothingPrior,
    /// A span of months whose first comes after its last.
    MonthsBackwards,
    /// The service end is more than three years after its start, or past
    /// three years six months from the anchor.
    ServiceTooLong {
        latest: NaiveDate,
    },
    /// A waiver without its reason.
    WaiverReason,
    /// A waiver of a monthly duty without its month.
    WaiverMonth,
    /// A waiver of the handover with a month (the handover has none).
    WaiverHandoverMonth,
    /// A waiver of a month outside the service, or after today's.
    WaiverOutsideService {
        month: super::dates::YearMonth,
    },
    /// The duty is already waived.
    AlreadyWaived {
        handover: bool,
        month: Option<super::dates::YearMonth>,
    },
    /// Closed employment: the workplace takes no part, so a self-report
    /// has no workplace comment.
    ClosedEmploymentWorkplaceComment,
    /// A self-report rating of an unknown item or off the scale.
    SelfReportRating {
        item: String,
        value: u8,
        min: u8,
        max: u8,
    },
}

/// The years a hire, anchor, service, contact or report date may fall in.
pub const YEARS: RangeInclusive<i32> = 1900..=2100;
/// How far before the hire date (support before starting work) and after
/// today (a planned meeting) a contact may be dated.
pub const CONTACT_SLACK_MONTHS: u32 = 12;

/// A date in [`YEARS`], else [`Invalid::ImplausibleDate`] naming the field.
pub fn plausible(field: &'static str, date: Option<NaiveDate>) -> Result<(), Invalid> {
    match date {
        Some(d) if !YEARS.contains(&d.year()) => Err(Invalid::ImplausibleDate { field, date: d }),
        _ => Ok(()),
    }
}

/// The longest contact we accept, in minutes (a whole day).
pub const MAX_MINUTES: u32 = 24 * 60;

pub fn worker(w: &Worker) -> Result<(), Invalid> {
    if w.display_name.trim().is_empty() {
        return Err(Invalid::EmptyName);
    }
    plausible("hire date", w.hire_date)?;
    plausible("anchor date", w.anchor_date)?;
    plausible("service start", w.service_start_override)?;
    plausible("service end", w.service_end_override)?;
    if w.service_type != ServiceType::Standard
        && w.anchor_date.is_none()
        && w.service_start_override.is_none()
    {
        return Err(Invalid::AnchorRequired(w.service_type));
    }
    if w.service_type != ServiceType::Standard
        && let (Some(hire), Some(anchor)) = (w.hire_date, w.anchor_date)
        && anchor < hire
    {
        return Err(Invalid::AnchorBeforeHire { hire });
    }
    if let Some(start) = w.service_start_override {
        if let Some(earliest) = w.earliest_start()
            && start < earliest
        {
            return Err(Invalid::StartTooEarly { earliest });
        }
        if let Some(cap) = w.cap()
            && start > cap
        {
            return Err(Invalid::StartAfterCap { cap });
        }
    }
    if let Some(p) = w.service_period() {
        if w.service_end_override.is_some_and(|end| end < p.start) {
            return Err(Invalid::EndBeforeStart);
        }
        if let (Some(end), Some(latest)) = (w.service_end_override, w.latest_end())
            && end > latest
        {
            return Err(Invalid::ServiceTooLong { latest });
        }
    }
    Ok(())
}

pub fn person(p: &Person) -> Result<(), Invalid> {
    if p.name.trim().is_empty() {
        return Err(Invalid::EmptyName);
    }
    Ok(())
}

/// Checks a contact against its worker: closed employment is enforced here, so
/// no contact that involves the employer can be recorded for such a worker.
pub fn contact(c: &Contact, worker: &Worker) -> Result<(), Invalid> {
    if let Some(m) = c.minutes
        && m > MAX_MINUTES
    {
        return Err(Invalid::Minutes(m));
    }
    plausible("date", Some(c.date))?;
    plausible("due date", c.next_due)?;
    if c.next_due.is_some_and(|due| due < c.date) {
        return Err(Invalid::DueBeforeDate);
    }
    if let Some(hire) = worker.hire_date
        && hire
            .checked_sub_months(Months::new(CONTACT_SLACK_MONTHS))
            .is_some_and(|earliest| c.date < earliest)
    {
        return Err(Invalid::ContactBeforeHire { hire });
    }
    // A contact whose consent was confirmed (domain::closed) is kept as is.
    if !c.consent_confirmed
        && let Some(why) = closed_conflict(c, worker)
    {
        return Err(why);
    }
    Ok(())
}

/// The closed-employment rule for contacts: for a closed worker, a workplace
/// visit or an employer-side participant. Entry refuses it ([`contact`]);
/// `domain::closed` flags records that break it all the same (sync, a change
/// of disclosure).
pub fn closed_conflict(c: &Contact, worker: &Worker) -> Option<Invalid> {
    closed_conflict_of(c.mode, &c.participants, worker)
}

/// [`closed_conflict`] from the two fields it looks at (the dashboard reads
/// only these, from an index).
pub fn closed_conflict_of(
    mode: Mode,
    participants: &[Participant],
    worker: &Worker,
) -> Option<Invalid> {
    if !worker.is_closed() {
        return None;
    }
    if mode.reaches_employer() {
        return Some(Invalid::ClosedEmploymentVisit);
    }
    participants
        .iter()
        .find(|p| p.is_employer_side())
        .map(|p| Invalid::ClosedEmploymentParticipant(*p))
}

/// [`contact`], plus what only the one typing it can be held to: no date more
/// than a year ahead of `today`. (The store checks [`contact`] alone, so a
/// record that arrives by sync is never refused for the day it is read.)
pub fn contact_on(c: &Contact, worker: &Worker, today: NaiveDate) -> Result<(), Invalid> {
    contact(c, worker)?;
    if today
        .checked_add_months(Months::new(CONTACT_SLACK_MONTHS))
        .is_some_and(|latest| c.date > latest)
    {
        return Err(Invalid::ContactFarAhead { today });
    }
    Ok(())
}

/// The most working hours per week a plan accepts.
pub const MAX_WEEK_HOURS: f64 = 80.0;

/// Checks a plan version before it is saved, against its worker, the version it
/// reviews (`previous`, `None` for a first plan) and `today`: no date before
/// hiring or after today, hours a number, every goal with text, every
/// evaluation about a goal of `previous`, at most once each, and nothing
/// missing ([`Plan::missing`]: an empty plan or review is no plan).
pub fn plan(
    p: &Plan,
    worker: &Worker,
    previous: Option<&Plan>,
    today: NaiveDate,
) -> Result<(), Invalid> {
    let v = &p.version;
    for (field, date) in [
        ("plan date", Some(v.date)),
        ("explained on", v.explained_on),
    ] {
        plausible(field, date)?;
        let Some(date) = date else { continue };
        if let Some(hire) = worker.hire_date
            && date < hire
        {
            return Err(Invalid::PlanBeforeHire { field, hire });
        }
        if date > today {
            return Err(Invalid::PlanInFuture { field, today });
        }
    }
    let hours = v.hours_per_week.trim();
    if !hours.is_empty()
        && !hours
            .parse::<f64>()
            .is_ok_and(|h| (0.0..=MAX_WEEK_HOURS).contains(&h))
    {
        return Err(Invalid::PlanHours(v.hours_per_week.clone()));
    }
    if let Some(g) = p.goals.iter().find(|g| g.goal.trim().is_empty()) {
        return Err(Invalid::PlanGoalEmpty(g.position));
    }
    match previous {
        None if !v.previous_id.is_empty() => return Err(Invalid::PlanPrevious),
        Some(prev)
            if prev.version.id != v.previous_id
                || prev.version.worker_id != v.worker_id
                || v.version <= prev.version.version =>
        {
            return Err(Invalid::PlanPrevious);
        }
        Some(prev) if v.date < prev.version.date => {
            return Err(Invalid::PlanBeforePrevious {
                previous: prev.version.date,
            });
        }
        _ => {}
    }
    let mut seen: Vec<&str> = Vec::new();
    for e in &p.evaluations {
        if !previous.is_some_and(|prev| prev.goals.iter().any(|g| g.id == e.goal_id)) {
            return Err(Invalid::EvaluationUnknownGoal(e.goal_id.clone()));
        }
        if seen.contains(&e.goal_id.as_str()) {
            return Err(Invalid::EvaluationTwice(e.goal_id.clone()));
        }
        seen.push(&e.goal_id);
    }
    let missing = p.missing(previous);
    if !missing.is_empty() {
        return Err(Invalid::PlanIncomplete(missing));
    }
    Ok(())
}

/// Checks an edit of a stored report: its worker and month never change, and a
/// finalised report accepts nothing but being reopened.
pub fn report_change(stored: &Report, new: &Report) -> Result<(), Invalid> {
    if stored.worker_id != new.worker_id || stored.month != new.month {
        return Err(Invalid::ReportMoved);
    }
    if new.finalised
        && !stored.finalised
        && let Some(missing) = new.incomplete()
    {
        return Err(Invalid::ReportIncomplete(missing));
    }
    if stored.finalised {
        let mut reopened = stored.clone();
        reopened.finalised = new.finalised;
        if *new != reopened {
            return Err(Invalid::ReportFinalised);
        }
    }
    Ok(())
}

/// A date of something that has happened (a confirmation, a handover, a
/// sharing): plausible, not before the hire date, not after `today`.
pub fn past_date(
    field: &'static str,
    date: Option<NaiveDate>,
    worker: &Worker,
    today: NaiveDate,
) -> Result<(), Invalid> {
    plausible(field, date)?;
    let Some(date) = date else { return Ok(()) };
    if let Some(hire) = worker.hire_date
        && date < hire
    {
        return Err(Invalid::DateBeforeHire { field, hire });
    }
    if date > today {
        return Err(Invalid::DateInFuture { field, today });
    }
    Ok(())
}

/// A sharing of the handover: with a live person of this worker's resource
/// map, naming what was shared, on a plausible date.
pub fn sharing(
    s: &crate::domain::handover::Sharing,
    worker: &Worker,
    person: Option<&Person>,
) -> Result<(), Invalid> {
    if !person.is_some_and(|p| p.worker_id == worker.id && p.worker_id == s.worker_id) {
        return Err(Invalid::NotInResourceMap);
    }
    if s.items.is_empty() {
        return Err(Invalid::NothingShared);
    }
    if let Some(why) = person.and_then(|p| crate::domain::handover::sharing_conflict(s, p, worker))
    {
        return Err(why);
    }
    plausible("sharing date", Some(s.date))
}

/// A report's month, as one making it can be held to: not after today's
/// month (a March report is not made, nor finalised, in January).
pub fn report_month(month: super::dates::YearMonth, today: NaiveDate) -> Result<(), Invalid> {
    if month > super::dates::YearMonth::of(today) {
        return Err(Invalid::ReportMonthAhead { month, today });
    }
    Ok(())
}

/// The report's month and dates, as one typing them can be held to: the
/// month not after today's ([`report_month`]), the confirmation and the
/// hand-over between the month's first day and today (see [`past_date`]).
pub fn report_dates(r: &Report, worker: &Worker, today: NaiveDate) -> Result<(), Invalid> {
    report_month(r.month, today)?;
    past_date("confirmation date", r.confirmed_on, worker, today)?;
    past_date("handed over date", r.handed_on, worker, today)?;
    if let Some((field, _)) = r.date_before_month() {
        return Err(Invalid::ReportDateBeforeMonth {
            field,
            month: r.month,
        });
    }
    Ok(())
}

/// Finalising: the report is complete ([`Report::incomplete`]) and its dates
/// are possible on `today`.
pub fn report_finalise(r: &Report, worker: &Worker, today: NaiveDate) -> Result<(), Invalid> {
    if let Some(missing) = r.incomplete() {
        return Err(Invalid::ReportIncomplete(missing));
    }
    report_dates(r, worker, today)
}

#[cfg(test)]
#[path = "validate_tests.rs"]
mod tests;
