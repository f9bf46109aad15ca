//! Due dates from the service rules (domain.md, "The rules of the service"):
//! what a supporter owes each worker, when, and whether it is done.
//!
//! Pure: the caller hands in the worker, the facts about their contacts, plan
//! reviews and reports, and `today`. The service period itself comes from
//! [`Worker::service_period`], which already handles the service types and
//! month ends (hire on 31 Aug → start at the end of February).

use chrono::{Days, Months, NaiveDate};
use serde::Serialize;

use super::dates::YearMonth;
use super::worker::months_before;
use super::{Contact, Mode, Participant, Status, Worker};

/// Plan reviews are due at least every six months.
pub const PLAN_REVIEW_MONTHS: u32 = 6;
/// A plan review shows as "due soon" this many days ahead.
pub const PLAN_REVIEW_SOON_DAYS: u64 = 30;
/// Handover information-sharing is due this many months before the end…
pub const HANDOVER_DUE_MONTHS: u32 = 3;
/// …and its preparation is flagged from this many months before the end.
pub const HANDOVER_PREP_MONTHS: u32 = 6;
/// The end of service shows as "due soon" this many months ahead.
pub const SERVICE_END_SOON_MONTHS: u32 = 3;
/// Monthly duties (contacts, reports) are listed one line a month for the
/// current month and this many months before it. Older misses are not hidden:
/// they are folded into one line per worker and kind ([`Duty::Missed`]), so a
/// worker years into the service does not bring dozens of lines.
pub const MONTHLY_LOOKBACK: u32 = 2;

/// The kinds of monthly duty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Monthly {
    ContactWorker,
    Report,
    ContactEmployer,
}

impl Monthly {
    pub const ALL: [Monthly; 3] = [
        Monthly::ContactWorker,
        Monthly::Report,
        Monthly::ContactEmployer,
    ];

    /// The duty of this kind for one month.
    pub fn duty(self, month: YearMonth) -> Duty {
        match self {
            Monthly::ContactWorker => Duty::ContactWorker { month },
            Monthly::Report => Duty::Report { month },
            Monthly::ContactEmployer => Duty::ContactEmployer { month },
        }
    }

    /// Contacting the employer is never owed for closed employment.
    fn owed(self, worker: &Worker) -> bool {
        self != Monthly::ContactEmployer || !worker.is_closed()
    }
}

/// What the schedule needs to know about one contact.
#[derive(Debug, Clone, PartialEq)]
pub struct ContactFact {
    pub date: NaiveDate,
    pub mode: Mode,
    pub participants: Vec<Participant>,
}

impl From<&Contact> for ContactFact {
    fn from(c: &Contact) -> Self {
        ContactFact {
            date: c.date,
            mode: c.mode,
            participants: c.participants.clone(),
        }
    }
}

impl ContactFact {
    /// The monthly face-to-face (or video) contact with the worker. A contact
    /// that lists participants counts only if the worker is among them.
    pub fn meets_worker(&self) -> bool {
        self.mode.meets_worker()
            && (self.participants.is_empty() || self.participants.contains(&Participant::Worker))
    }

    /// A contact with the employer side: a workplace visit, or anyone from the
    /// company taking part.
    pub fn reaches_employer(&self) -> bool {
        self.mode.reaches_employer() || self.participants.iter().any(|p| p.is_employer_side())
    }
}

/// What the schedule needs to know about one monthly report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportFact {
    pub month: YearMonth,
    /// Finalised with content, the worker's confirmation and the day it was
    /// handed over ([`crate::domain::report::Report::counts`]): only such a
    /// report meets the month's duty.
    pub counts: bool,
    /// The day it was handed over (提供日); after its month, the duty is met
    /// late. `None` for a report done elsewhere (domain::prior): on time.
    pub handed_on: Option<NaiveDate>,
}

impl From<&super::report::Report> for ReportFact {
    fn from(r: &super::report::Report) -> Self {
        ReportFact {
            month: r.month,
            counts: r.counts(),
            handed_on: r.handed_on,
        }
    }
}

/// What the schedule needs to know about the handover of one worker.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HandoverFacts {
    /// The decision in force (要継続支援 or not); `None` when not decided yet.
    pub needs_support: Option<bool>,
    /// The dates of sharings that meet the duty ([`super::handover::Sharing::counts`]).
    pub shared_on: Vec<NaiveDate>,
}

/// One thing owed to a worker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "duty", rename_all = "snake_case")]
pub enum Duty {
    /// Face-to-face (or video) contact with the worker in this month.
    ContactWorker { month: YearMonth },
    /// The monthly support report (支援レポート) for this month, finalised.
    Report { month: YearMonth },
    /// Contact with the employer in this month (never for closed employment).
    ContactEmployer { month: YearMonth },
    /// The first support plan, due when the service starts.
    Plan,
    /// The next review of the support plan.
    PlanReview,
    /// Information-sharing with the agencies that take over.
    Handover,
    /// The last day of the service.
    ServiceEnd,
    /// Closed employment: records that reach the employer (arrived by sync,
    /// or older than the change to closed) wait for review (domain::closed).
    ClosedReview { records: u32 },
    /// The self-reports show a worker's state falling, or they stopped
    /// (`selfreport_warning`): open, until a contact or a note acknowledges it.
    SelfReport {
        reason: super::selfreport_warning::Reason,
    },
    /// Monthly duties of one kind missed in `months` months from `from` to
    /// `to`, all before the months listed one by one ([`MONTHLY_LOOKBACK`]).
    Missed {
        what: Monthly,
        from: YearMonth,
        to: YearMonth,
        months: u32,
    },
    /// A contact's next action, by its date (domain::follow_up).
    FollowUp,
}

impl Duty {
    /// Ties on the same date are broken by weight: the end of service first.
    fn weight(self) -> u8 {
        match self {
            Duty::ClosedReview { .. } | Duty::SelfReport { .. } => 0,
            Duty::ServiceEnd => 0,
            Duty::Handover => 1,
            Duty::Plan | Duty::PlanReview => 2,
            Duty::ContactWorker { .. } => 3,
            Duty::Report { .. } => 4,
            Duty::ContactEmployer { .. } => 5,
            Duty::Missed { .. } => 6,
            Duty::FollowUp => 3,
        }
    }

    /// The dashboard's order within a state: legal duties, then effort
    /// duties, then the folded older months (legal kinds first).
    fn group(self) -> u8 {
        match (self, self.is_effort()) {
            (Duty::Missed { .. }, false) => 2,
            (Duty::Missed { .. }, true) => 3,
            (_, false) => 0,
            (_, true) => 1,
        }
    }

    /// Expected as good practice, not required by the rules: the monthly
    /// contact with the employer (marked on the dashboard).
    pub fn is_effort(self) -> bool {
        matches!(
            self,
            Duty::ContactEmployer { .. }
                | Duty::Missed {
                    what: Monthly::ContactEmployer,
                    ..
                }
        )
    }

    /// A duty the rules of the service require (the monthly contact and
    /// report, the plan and its review, the handover, the end, the closed-
    /// employment review), as against one expected as good practice: the
    /// monthly contact with the employer. Effort duties are marked and come
    /// after the legal ones of the same state.
    /// (A follow-up is the supporter's own note: neither.)
    pub fn is_legal(self) -> bool {
        !self.is_effort() && self != Duty::FollowUp
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DueState {
    Overdue,
    DueSoon,
    Upcoming,
    /// Done, but after the due date (a late handover lowers the fee).
    Late,
    Done,
    /// Not done, and waived with a recorded reason (domain::waiver).
    Waived,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DueItem {
    #[serde(flatten)]
    pub duty: Duty,
    pub due: NaiveDate,
    pub state: DueState,
    /// When it was done (the contact's date, the handover meeting's date).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub done_on: Option<NaiveDate>,
}

impl DueItem {
    pub fn is_open(&self) -> bool {
        matches!(self.state, DueState::Overdue | DueState::DueSoon)
    }

    /// On the dashboard: the open duties, and a handover done late (it
    /// lowers the fee, so it stays in sight until waived with a reason).
    pub fn shows(&self) -> bool {
        self.is_open() || (self.duty == Duty::Handover && self.state == DueState::Late)
    }
}

fn state(
    done_on: Option<NaiveDate>,
    due: NaiveDate,
    soon_from: NaiveDate,
    today: NaiveDate,
) -> DueState {
    match done_on {
        Some(_) => DueState::Done,
        None if today > due => DueState::Overdue,
        None if today >= soon_from => DueState::DueSoon,
        None => DueState::Upcoming,
    }
}

/// The part of the service period whose duties are owed on `today`: the
/// whole period while the service runs; for a worker whose service ended
/// (終了, 引継済) up to its end — the recorded end when it has passed, else
/// the last day of the month before today's (ended early, without an end
/// date): ending never removes the unmet duties of the months before it
/// (domain.md "Past duties stay"). `None` without dates, before the start,
/// or when the service ended before a whole month of it.
pub fn owed_period(worker: &Worker, today: NaiveDate) -> Option<super::worker::ServicePeriod> {
    let mut period = worker.service_period()?;
    if today < period.start {
        return None;
    }
    if is_ended(worker) && period.end >= today {
        period.end = YearMonth::of(today).prev()?.last_day();
        if period.end < period.start {
            return None;
        }
    }
    Some(period)
}

/// Whether the worker's status says the service ended.
fn is_ended(worker: &Worker) -> bool {
    matches!(worker.status, Status::Ended | Status::HandedOver)
}

/// Every duty of one worker that matters on `today`: the monthly ones for the
/// current month and [`MONTHLY_LOOKBACK`] months before it, the plan (while
/// there is none; `plan_dates` are the dates of its versions) or its next
/// review, the handover and the end. Workers without dates and workers whose
/// service has not started owe nothing; ended and handed-over workers still
/// owe the months before the end ([`owed_period`]) and the handover, but no
/// plan, review or end.
pub fn duties(
    worker: &Worker,
    contacts: &[ContactFact],
    plan_dates: &[NaiveDate],
    reports: &[ReportFact],
    handover: &HandoverFacts,
    today: NaiveDate,
) -> Vec<DueItem> {
    let Some(period) = owed_period(worker, today) else {
        return Vec::new();
    };
    let ended = is_ended(worker);
    let mut out = Vec::new();

    // Monthly duties, one line a month for this month and the lookback…
    let this_month = YearMonth::of(today.min(period.end));
    let first = lookback_start(today);
    let mut month = first.max(YearMonth::of(period.start));
    while month <= this_month {
        let due = month.last_day().min(period.end);
        let soon = month.first_day();
        for what in Monthly::ALL.into_iter().filter(|w| w.owed(worker)) {
            let met = met_on(what, month, &period, contacts, reports, today);
            let mut st = state(met, due, soon, today);
            // A report handed over after its month counts, late.
            if what == Monthly::Report && super::report::handed_late(month, met) {
                st = DueState::Late;
            }
            out.push(DueItem {
                duty: what.duty(month),
                due,
                state: st,
                done_on: met.filter(|_| what != Monthly::Report),
            });
        }
        match month.next() {
            Some(next) => month = next,
            None => break,
        }
    }
    // …and the misses before, one folded line a kind.
    for what in Monthly::ALL.into_iter().filter(|w| w.owed(worker)) {
        let missed = missed_months(worker, what, contacts, reports, today);
        if let (Some(&from), Some(&to)) = (missed.first(), missed.last()) {
            out.push(DueItem {
                duty: Duty::Missed {
                    what,
                    from,
                    to,
                    months: u32::try_from(missed.len()).unwrap_or(u32::MAX),
                },
                due: to.last_day().min(period.end),
                state: DueState::Overdue,
                done_on: None,
            });
        }
    }

    // The plan: due at the start while there is none; then its review, six
    // months after the last version.
    let last_version = plan_dates.iter().copied().filter(|d| *d <= today).max();
    if ended {
        // No plan or review is owed once the service ended.
    } else if last_version.is_none() {
        out.push(DueItem {
            duty: Duty::Plan,
            due: period.start,
            state: state(None, period.start, period.start, today),
            done_on: None,
        });
    } else if let Some(due) = last_version
        .map(|d| d.max(period.start))
        .and_then(|base| base.checked_add_months(Months::new(PLAN_REVIEW_MONTHS)))
        && due <= period.end
    {
        let soon = due - Days::new(PLAN_REVIEW_SOON_DAYS);
        out.push(DueItem {
            duty: Duty::PlanReview,
            due,
            state: state(None, due, soon, today),
            done_on: None,
        });
    }

    // Handover: due three months before the end, flagged from six; met only
    // by a consented sharing with an agency that takes over (a case
    // conference is not one). Late when met after the due date. Not owed
    // once the agency decided the worker needs no continued support.
    // Counted back like the Civil Code: an end on a month's last day is due
    // on the last day of the month three months earlier (2/28 → 11/30).
    let prep = months_before(period.end, HANDOVER_PREP_MONTHS);
    let due = months_before(period.end, HANDOVER_DUE_MONTHS);
    if let (Some(prep), Some(due)) = (prep, due)
        && handover.needs_support != Some(false)
    {
        let shared = handover
            .shared_on
            .iter()
            .copied()
            .filter(|d| *d >= period.start && *d <= today)
            .min();
        let mut st = state(shared, due, prep, today);
        if shared.is_some_and(|d| d > due) {
            st = DueState::Late;
        }
        out.push(DueItem {
            duty: Duty::Handover,
            due,
            state: st,
            done_on: shared,
        });
    }

    if ended {
        return out;
    }
    let soon = period
        .end
        .checked_sub_months(Months::new(SERVICE_END_SOON_MONTHS))
        .unwrap_or(period.end);
    out.push(DueItem {
        duty: Duty::ServiceEnd,
        due: period.end,
        state: state(None, period.end, soon, today),
        done_on: None,
    });
    out
}

/// Whether a worker's follow-ups show: while the worker is not ended or
/// handed over (before the service starts too: the supporter's own notes).
pub fn follows_up(worker: &Worker) -> bool {
    !matches!(worker.status, Status::Ended | Status::HandedOver)
}

/// The first month listed one line a month: [`MONTHLY_LOOKBACK`] months
/// before today's.
pub fn lookback_start(today: NaiveDate) -> YearMonth {
    let mut first = YearMonth::of(today);
    for _ in 0..MONTHLY_LOOKBACK {
        first = first.prev().unwrap_or(first);
    }
    first
}

/// When a monthly duty was met in `month`: the first contact of the kind in
/// the month and the service period; for the report, the day a report that
/// counts was handed over, by `today` (one dated later, arrived by sync, is
/// not yet); for one done elsewhere, the month's last day (or the end).
fn met_on(
    what: Monthly,
    month: YearMonth,
    period: &super::worker::ServicePeriod,
    contacts: &[ContactFact],
    reports: &[ReportFact],
    today: NaiveDate,
) -> Option<NaiveDate> {
    let first_date = |pred: fn(&ContactFact) -> bool| {
        contacts
            .iter()
            .filter(|c| month.contains(c.date) && c.date >= period.start && c.date <= period.end)
            .filter(|c| pred(c))
            .map(|c| c.date)
            .min()
    };
    match what {
        Monthly::ContactWorker => first_date(ContactFact::meets_worker),
        Monthly::ContactEmployer => first_date(ContactFact::reaches_employer),
        Monthly::Report => reports
            .iter()
            .filter(|r| r.month == month && r.counts)
            .filter(|r| r.handed_on.is_none_or(|d| d <= today))
            .map(|r| r.handed_on.unwrap_or(month.last_day().min(period.end)))
            .min(),
    }
}

/// The months before the lookback in which a monthly duty can still be
/// missed: from the service start's month up to (not including) `stop`, the
/// lookback's first month or the month after the service ended (for an
/// ended worker, the end of [`owed_period`]). `None` for a worker who owes
/// nothing (no dates, not started). The only older contacts the schedule
/// needs are those from the service start to `stop`'s first day (the store
/// reads no others).
pub fn missed_span(worker: &Worker, today: NaiveDate) -> Option<(NaiveDate, YearMonth)> {
    let period = owed_period(worker, today)?;
    let lookback = lookback_start(today);
    let stop = lookback.min(YearMonth::of(period.end).next().unwrap_or(lookback));
    Some((period.start, stop))
}

/// The months of service before the lookback ([`lookback_start`]) in which
/// `what` was not met, oldest first; none for a worker who owes nothing.
pub fn missed_months(
    worker: &Worker,
    what: Monthly,
    contacts: &[ContactFact],
    reports: &[ReportFact],
    today: NaiveDate,
) -> Vec<YearMonth> {
    if !what.owed(worker) {
        return Vec::new();
    }
    let (Some(period), Some((_, stop))) = (owed_period(worker, today), missed_span(worker, today))
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut month = YearMonth::of(period.start);
    while month < stop {
        if met_on(what, month, &period, contacts, reports, today).is_none() {
            out.push(month);
        }
        match month.next() {
            Some(next) => month = next,
            None => break,
        }
    }
    out
}

/// What one key on a dashboard line does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    /// Open the contact form for the worker, with this mode suggested.
    LogContact { worker_id: String, mode: Mode },
    /// Open (or draft) the month's support report.
    OpenReport { worker_id: String, month: YearMonth },
    /// Open the worker's support plan, to make it or review it.
    OpenPlan { worker_id: String },
    /// Open the worker's page (closed-employment flags are confirmed there).
    OpenWorker { worker_id: String },
    /// Edit the worker's record to record the end of the service.
    RecordEnd { worker_id: String },
    /// Open the worker's handover (decision, sharing log).
    OpenHandover { worker_id: String },
    /// Open the worker's self-reports (the month, the trend).
    OpenSelfReports { worker_id: String },
    /// Open the contact whose next action is due, to edit or clear it
    /// (marking it done is one key on the dashboard).
    OpenFollowUp { worker_id: String },
    /// Open the list of a worker's missed months of one kind.
    OpenMissed { worker_id: String, what: Monthly },
}

impl Action {
    pub fn for_duty(worker: &Worker, duty: Duty) -> Action {
        let worker_id = worker.id.clone();
        match duty {
            Duty::ContactWorker { .. } => Action::LogContact {
                worker_id,
                // A workplace visit would tell a closed-employment employer.
                mode: if worker.is_closed() {
                    Mode::Meeting
                } else {
                    Mode::Visit
                },
            },
            Duty::ContactEmployer { .. } => Action::LogContact {
                worker_id,
                mode: Mode::Visit,
            },
            Duty::Report { month } => Action::OpenReport { worker_id, month },
            Duty::Plan | Duty::PlanReview => Action::OpenPlan { worker_id },
            Duty::Handover => Action::OpenHandover { worker_id },
            Duty::ServiceEnd => Action::RecordEnd { worker_id },
            Duty::ClosedReview { .. } => Action::OpenWorker { worker_id },
            Duty::Missed { what, .. } => Action::OpenMissed { worker_id, what },
            Duty::FollowUp => Action::OpenFollowUp { worker_id },
            Duty::SelfReport { .. } => Action::OpenSelfReports { worker_id },
        }
    }
}

/// The dashboard's "needs review" line for a closed-employment worker with
/// `records` flagged records (none without): open, and due today.
pub fn closed_review(records: usize, today: NaiveDate) -> Option<DueItem> {
    (records > 0).then(|| DueItem {
        duty: Duty::ClosedReview {
            records: u32::try_from(records).unwrap_or(u32::MAX),
        },
        due: today,
        state: DueState::Overdue,
        done_on: None,
    })
}

/// One line of the dashboard.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DashboardItem {
    pub worker_id: String,
    pub worker_name: String,
    #[serde(skip)]
    pub kana: String,
    /// The staff in charge, from the worker's record (the "mine" filter).
    #[serde(skip)]
    pub staff: String,
    pub closed: bool,
    #[serde(flatten)]
    pub item: DueItem,
    pub action: Action,
    /// What is to be done, for a follow-up (its next action).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub detail: String,
}

/// The open duties (overdue or due soon) of all workers, most urgent first:
/// overdue before due soon, legal duties before effort ones and folded
/// older months last ([`Duty::group`]), then the earliest date, then the end of service
/// before handover, plan review, contacts and reports; then by kana.
pub fn dashboard<'a>(
    per_worker: impl IntoIterator<Item = (&'a Worker, Vec<DueItem>)>,
) -> Vec<DashboardItem> {
    let mut out: Vec<DashboardItem> = per_worker
        .into_iter()
        .flat_map(|(w, items)| {
            items
                .into_iter()
                .filter(DueItem::shows)
                .map(move |item| DashboardItem {
                    worker_id: w.id.clone(),
                    worker_name: w.display_name.clone(),
                    kana: w.kana.clone(),
                    staff: w.staff.clone(),
                    closed: w.is_closed(),
                    action: Action::for_duty(w, item.duty),
                    item,
                    detail: String::new(),
                })
        })
        .collect();
    out.sort_by(|a, b| {
        (
            a.item.state,
            a.item.duty.group(),
            a.item.due,
            a.item.duty.weight(),
            &a.kana,
            &a.worker_id,
        )
            .cmp(&(
                b.item.state,
                b.item.duty.group(),
                b.item.due,
                b.item.duty.weight(),
                &b.kana,
                &b.worker_id,
            ))
    });
    out
}

#[cfg(test)]
#[path = "schedule_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "schedule_handover_tests.rs"]
mod handover_tests;

#[cfg(test)]
#[path = "schedule_dashboard_tests.rs"]
mod dashboard_tests;

#[cfg(test)]
#[path = "schedule_ended_tests.rs"]
mod ended_tests;
