//! The worker (利用者) and the service period rules of domain.md.

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::Serialize;

use super::codes::code_enum;

code_enum! {
    /// Whether the employer was told of the disability.
    Disclosure, "disclosure" {
        Open = "open", "オープン就労", "open employment";
        Closed = "closed", "クローズ就労", "closed employment";
    }
}

code_enum! {
    /// Which kind of 就労定着支援 the worker uses; decides the anchor of the period.
    ServiceType, "service type" {
        Standard = "standard", "通常", "standard";
        Extended = "extended", "労働時間延長支援型", "extended working hours";
        Reinstatement = "reinstatement", "復職支援型", "return to work";
    }
}

code_enum! {
    /// Where the worker is in the service.
    Status, "status" {
        Pre = "pre", "利用前", "not started";
        Active = "active", "利用中", "in service";
        Ended = "ended", "終了", "ended";
        HandedOver = "handed_over", "引継済", "handed over";
    }
}

code_enum! {
    /// Disability categories staff record (domain.md, "Who does what").
    Category, "category" {
        Visual = "visual", "視覚", "visual";
        Hearing = "hearing", "聴覚", "hearing";
        Physical = "physical", "肢体不自由", "physical";
        Internal = "internal", "内部", "internal";
        Intellectual = "intellectual", "知的", "intellectual";
        Mental = "mental", "精神", "mental";
        Developmental = "developmental", "発達", "developmental";
        BrainInjury = "brain_injury", "高次脳機能", "brain injury";
        Intractable = "intractable", "難病", "intractable disease";
    }
}

impl Category {
    /// Accepts the code, the label, or the label followed by 障害 ("精神障害").
    pub fn parse(input: &str) -> Option<Self> {
        use super::codes::Code;
        let s = input.trim();
        Self::parse_loose(s).or_else(|| s.strip_suffix("障害").and_then(Self::parse_loose))
    }
}

/// Months from the anchor date (hire, end of sending service, return to work)
/// to the first day of 就労定着支援.
pub const MONTHS_BEFORE_START: u32 = 6;
/// The service lasts at most three years.
pub const SERVICE_MONTHS: u32 = 36;

/// A worker record as the store keeps it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Worker {
    pub id: String,
    pub display_name: String,
    pub kana: String,
    pub employer: String,
    pub workplace: String,
    pub job: String,
    pub categories: Vec<Category>,
    pub disclosure: Disclosure,
    pub hire_date: Option<NaiveDate>,
    pub service_type: ServiceType,
    /// For 労働時間延長支援型 the day after the sending service ended; for 復職支援型
    /// the return-to-work day. Unused (and usually empty) for the standard type.
    pub anchor_date: Option<NaiveDate>,
    /// Set only when the computed start must be overridden.
    pub service_start_override: Option<NaiveDate>,
    /// Set only when the computed end must be overridden.
    pub service_end_override: Option<NaiveDate>,
    pub status: Status,
    pub staff: String,
    pub memo: String,
}

/// The first and last day of 就労定着支援, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ServicePeriod {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// Where a day falls relative to the service period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodPosition {
    /// Before the start, with the days left.
    Before { days: i64 },
    /// In service: month number (1-based) of the 36.
    During { month: u32 },
    /// After the end.
    After,
}

impl Worker {
    /// A new worker with only a name; every other field empty or default.
    pub fn new(id: String, display_name: String) -> Self {
        Worker {
            id,
            display_name,
            kana: String::new(),
            employer: String::new(),
            workplace: String::new(),
            job: String::new(),
            categories: Vec::new(),
            disclosure: Disclosure::Open,
            hire_date: None,
            service_type: ServiceType::Standard,
            anchor_date: None,
            service_start_override: None,
            service_end_override: None,
            status: Status::Pre,
            staff: String::new(),
            memo: String::new(),
        }
    }

    pub fn is_closed(&self) -> bool {
        self.disclosure == Disclosure::Closed
    }

    /// The date the six months run from: the hire date for the standard type,
    /// the anchor date for the other two. Those two need their anchor (the
    /// day after the sending service ended, the return-to-work day): the hire
    /// date would give a wrong period, so there is none until it is entered
    /// (`validate::worker` refuses saving without it). An anchor before the
    /// hire date (a record from before that rule, or one that arrived by
    /// sync) runs from the hire date: the service never runs from before it.
    pub fn anchor(&self) -> Option<NaiveDate> {
        match self.service_type {
            ServiceType::Standard => self.hire_date,
            ServiceType::Extended | ServiceType::Reinstatement => self
                .anchor_date
                .map(|a| self.hire_date.map_or(a, |h| a.max(h))),
        }
    }

    /// The first day the service may start: six months from the anchor
    /// (hire + 6 months for the standard type).
    pub fn earliest_start(&self) -> Option<NaiveDate> {
        self.anchor().and_then(period_from_anchor).map(|p| p.start)
    }

    /// The last day the service may run to, whatever its start: three years
    /// six months from the anchor (seed 002: 「就職した日から最大３年６カ月」;
    /// for the other types from their anchor, from which their six months run).
    pub fn cap(&self) -> Option<NaiveDate> {
        self.anchor()
            .and_then(|a| period_end(a, MONTHS_BEFORE_START + SERVICE_MONTHS))
    }

    /// The latest day the service may end: three years from its start, and
    /// never after [`Worker::cap`].
    pub fn latest_end(&self) -> Option<NaiveDate> {
        let start = self.service_start_override.or(self.earliest_start())?;
        let end = period_from_start(start)?;
        Some(self.cap().map_or(end, |cap| end.min(cap)))
    }

    /// The service period: computed from the anchor by the rules, with any
    /// override, and always within the caps (domain.md "Counting months"):
    /// it starts no earlier than six months from the anchor and ends no later
    /// than three years six months from it — also for a record that holds an
    /// override past them (saved before the rule, or arrived by sync).
    pub fn service_period(&self) -> Option<ServicePeriod> {
        let earliest = self.earliest_start();
        let start = self.service_start_override.or(earliest)?;
        let start = earliest.map_or(start, |e| start.max(e));
        let end = match self.service_end_override {
            Some(end) => end,
            // An overridden start moves the computed end with it.
            None => period_from_start(start)?,
        };
        let end = self.cap().map_or(end, |cap| end.min(cap));
        Some(ServicePeriod { start, end })
    }

    /// The status the dates imply on `today`, for new records without one.
    pub fn status_on(&self, today: NaiveDate) -> Status {
        match self.service_period().map(|p| p.position(today)) {
            Some(PeriodPosition::During { .. }) => Status::Active,
            Some(PeriodPosition::After) => Status::Ended,
            Some(PeriodPosition::Before { .. }) | None => Status::Pre,
        }
    }
}

/// The last day of a period of `months` months whose first day is `first`,
/// counted like the Civil Code (民法143, domain.md "Counting months"): the day
/// before the corresponding day `months` on, or — when that month has no such
/// day — its last day. 8/31 + 6 months ends on 2/28 (2/29), 3/1 + 36 ends on
/// the last day of February.
pub fn period_end(first: NaiveDate, months: u32) -> Option<NaiveDate> {
    let corresponding = first.checked_add_months(Months::new(months))?;
    if corresponding.day() == first.day() {
        corresponding.checked_sub_days(Days::new(1))
    } else {
        // Clamped by chrono to the month's last day: no corresponding day.
        Some(corresponding)
    }
}

/// The day `months` months before `end`, counted back like the Civil Code
/// (domain.md "Counting months"): from the last day of a month, the last day
/// of the month `months` earlier (2/28 → 11/30, 3/31 → 12/31); otherwise the
/// same day (clamped to the month's last day when it has none).
pub fn months_before(end: NaiveDate, months: u32) -> Option<NaiveDate> {
    let back = end.checked_sub_months(Months::new(months))?;
    let is_last = |d: NaiveDate| {
        d.checked_add_days(Days::new(1))
            .is_none_or(|n| n.month() != d.month())
    };
    if is_last(end) {
        let first = back.with_day(1)?;
        first
            .checked_add_months(Months::new(1))?
            .checked_sub_days(Days::new(1))
    } else {
        Some(back)
    }
}

/// The service period from its anchor (day 1 of the six months: the hire
/// date, the day after the sending service ended, or the return day): it
/// starts the day after six months are complete (hired 8/31 → 3/1) and lasts
/// three years.
pub fn period_from_anchor(anchor: NaiveDate) -> Option<ServicePeriod> {
    let start = period_end(anchor, MONTHS_BEFORE_START)?.checked_add_days(Days::new(1))?;
    let end = period_from_start(start)?;
    Some(ServicePeriod { start, end })
}

/// The last day of a three-year service that starts on `start`.
fn period_from_start(start: NaiveDate) -> Option<NaiveDate> {
    period_end(start, SERVICE_MONTHS)
}

impl ServicePeriod {
    pub fn position(&self, day: NaiveDate) -> PeriodPosition {
        if day < self.start {
            PeriodPosition::Before {
                days: (self.start - day).num_days(),
            }
        } else if day > self.end {
            PeriodPosition::After
        } else {
            PeriodPosition::During {
                month: months_between(self.start, day) + 1,
            }
        }
    }
}

/// Whole months from `from` to `to` (to ≥ from), counting a month only when its
/// day has been reached.
pub fn months_between(from: NaiveDate, to: NaiveDate) -> u32 {
    let mut months = 0;
    while from
        .checked_add_months(Months::new(months + 1))
        .is_some_and(|d| d <= to)
    {
        months += 1;
    }
    months
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn standard_period_runs_from_six_months_to_three_and_a_half_years() {
        let p = period_from_anchor(d(2024, 4, 1)).unwrap();
        assert_eq!(p.start, d(2024, 10, 1));
        assert_eq!(p.end, d(2027, 9, 30));
    }

    #[test]
    fn hired_on_31_august_starts_on_1_march_and_ends_in_february() {
        // Six months complete at the end of 2/28 (2/29 in a leap year).
        let p = period_from_anchor(d(2025, 8, 31)).unwrap();
        assert_eq!(p.start, d(2026, 3, 1));
        assert_eq!(p.end, d(2029, 2, 28));
        let leap = period_from_anchor(d(2023, 8, 31)).unwrap();
        assert_eq!(leap.start, d(2024, 3, 1));
        assert_eq!(leap.end, d(2027, 2, 28));
        // Three years from 3/1 end on the last day of February, 2/29 in 2028.
        assert_eq!(
            period_from_anchor(d(2024, 9, 1)).unwrap().end,
            d(2028, 2, 29)
        );
    }

    #[test]
    fn hired_on_29_february_and_31_march() {
        let p = period_from_anchor(d(2024, 2, 29)).unwrap();
        assert_eq!(p.start, d(2024, 8, 29));
        assert_eq!(p.end, d(2027, 8, 28));
        // 9/31 does not exist: six months end on 9/30.
        let p = period_from_anchor(d(2025, 3, 31)).unwrap();
        assert_eq!(p.start, d(2025, 10, 1));
        assert_eq!(p.end, d(2028, 9, 30));
        // 2/29 in the end month of a start on 8/29 of a leap year's predecessor.
        assert_eq!(period_end(d(2025, 2, 28), 12), Some(d(2026, 2, 27)));
        assert_eq!(period_end(d(2023, 3, 31), 11), Some(d(2024, 2, 29)));
    }

    #[test]
    fn every_type_lasts_three_years_from_its_start() {
        let mut w = Worker::new("x".into(), "x".into());
        w.hire_date = Some(d(2023, 1, 10));
        for (ty, anchor) in [
            (ServiceType::Standard, None),
            (ServiceType::Extended, Some(d(2024, 3, 1))),
            (ServiceType::Reinstatement, Some(d(2024, 5, 20))),
        ] {
            w.service_type = ty;
            w.anchor_date = anchor;
            let p = w.service_period().unwrap();
            assert_eq!(p.end, period_from_start(p.start).unwrap(), "{ty:?}");
            assert_eq!(w.latest_end(), Some(p.end), "{ty:?}");
            assert!(p.end < p.start.checked_add_months(Months::new(36)).unwrap());
        }
        // The return day is day 1: back on 5/20 → six months end on 11/19.
        assert_eq!(w.service_period().unwrap().start, d(2024, 11, 20));
    }

    #[test]
    fn extended_and_reinstatement_have_no_period_without_their_anchor() {
        let mut w = Worker::new("x".into(), "x".into());
        w.hire_date = Some(d(2023, 1, 10));
        for ty in [ServiceType::Extended, ServiceType::Reinstatement] {
            w.service_type = ty;
            assert_eq!(w.anchor(), None, "the hire date is not a stand-in");
            assert_eq!(w.service_period(), None);
        }
    }

    #[test]
    fn extended_type_runs_from_the_anchor_not_the_hire_date() {
        let mut w = Worker::new("x".into(), "x".into());
        w.hire_date = Some(d(2023, 1, 10));
        w.service_type = ServiceType::Extended;
        w.anchor_date = Some(d(2024, 3, 1));
        assert_eq!(w.service_period().unwrap().start, d(2024, 9, 1));
        w.service_type = ServiceType::Standard;
        assert_eq!(w.service_period().unwrap().start, d(2023, 7, 10));
    }

    #[test]
    fn overrides_win_and_a_moved_start_moves_the_end() {
        let mut w = Worker::new("x".into(), "x".into());
        w.hire_date = Some(d(2024, 4, 1));
        w.service_start_override = Some(d(2024, 11, 1));
        // Three years on would be 2027-10-31; hire + 3 years 6 months caps it.
        assert_eq!(
            w.service_period(),
            Some(ServicePeriod {
                start: d(2024, 11, 1),
                end: d(2027, 9, 30)
            })
        );
        w.service_end_override = Some(d(2026, 3, 31));
        assert_eq!(w.service_period().unwrap().end, d(2026, 3, 31));
    }

    #[test]
    fn a_late_start_never_runs_past_three_years_six_months_from_hire() {
        // The case: hired 2026-04-01, started 2028-01-01 by hand.
        let mut w = Worker::new("x".into(), "x".into());
        w.hire_date = Some(d(2026, 4, 1));
        assert_eq!(w.cap(), Some(d(2029, 9, 30)));
        w.service_start_override = Some(d(2028, 1, 1));
        assert_eq!(
            w.service_period(),
            Some(ServicePeriod {
                start: d(2028, 1, 1),
                end: d(2029, 9, 30)
            })
        );
        assert_eq!(w.latest_end(), Some(d(2029, 9, 30)));
        // An end override past the cap (saved before the rule, or synced).
        w.service_end_override = Some(d(2030, 12, 31));
        assert_eq!(w.service_period().unwrap().end, d(2029, 9, 30));
        // Hired on 8/31: 3 years 6 months end on the last day of February.
        let mut w = Worker::new("x".into(), "x".into());
        w.hire_date = Some(d(2025, 8, 31));
        assert_eq!(w.cap(), Some(d(2029, 2, 28)));
        w.service_start_override = Some(d(2026, 9, 1));
        assert_eq!(w.service_period().unwrap().end, d(2029, 2, 28));
    }

    #[test]
    fn a_start_before_six_months_or_an_anchor_before_hire_is_not_used() {
        let mut w = Worker::new("x".into(), "x".into());
        w.hire_date = Some(d(2026, 4, 1));
        // A record that holds a start too early still starts at hire + 6.
        w.service_start_override = Some(d(2026, 6, 1));
        assert_eq!(w.earliest_start(), Some(d(2026, 10, 1)));
        assert_eq!(w.service_period().unwrap().start, d(2026, 10, 1));
        w.service_start_override = None;
        w.service_type = ServiceType::Reinstatement;
        w.anchor_date = Some(d(2025, 1, 1));
        assert_eq!(w.anchor(), Some(d(2026, 4, 1)), "runs from the hire date");
        assert_eq!(w.service_period().unwrap().start, d(2026, 10, 1));
    }

    #[test]
    fn counting_back_from_a_months_last_day_lands_on_a_months_last_day() {
        assert_eq!(months_before(d(2029, 2, 28), 3), Some(d(2028, 11, 30)));
        assert_eq!(months_before(d(2028, 2, 29), 3), Some(d(2027, 11, 30)));
        assert_eq!(months_before(d(2028, 3, 31), 3), Some(d(2027, 12, 31)));
        assert_eq!(months_before(d(2027, 9, 30), 3), Some(d(2027, 6, 30)));
        assert_eq!(months_before(d(2027, 9, 30), 6), Some(d(2027, 3, 31)));
        assert_eq!(months_before(d(2028, 5, 30), 3), Some(d(2028, 2, 29)));
        assert_eq!(months_before(d(2028, 3, 15), 3), Some(d(2027, 12, 15)));
    }

    #[test]
    fn position_and_status_follow_the_dates() {
        let mut w = Worker::new("x".into(), "x".into());
        assert_eq!(w.status_on(d(2026, 1, 1)), Status::Pre);
        w.hire_date = Some(d(2024, 4, 1));
        let p = w.service_period().unwrap();
        assert_eq!(
            p.position(d(2024, 9, 30)),
            PeriodPosition::Before { days: 1 }
        );
        assert_eq!(
            p.position(d(2024, 10, 1)),
            PeriodPosition::During { month: 1 }
        );
        assert_eq!(
            p.position(d(2027, 9, 30)),
            PeriodPosition::During { month: 36 }
        );
        assert_eq!(p.position(d(2027, 10, 1)), PeriodPosition::After);
        assert_eq!(w.status_on(d(2025, 1, 1)), Status::Active);
        assert_eq!(w.status_on(d(2028, 1, 1)), Status::Ended);
    }

    #[test]
    fn categories_accept_codes_labels_and_the_shogai_suffix() {
        assert_eq!(Category::parse("mental"), Some(Category::Mental));
        assert_eq!(Category::parse("精神"), Some(Category::Mental));
        assert_eq!(Category::parse("精神障害"), Some(Category::Mental));
        assert_eq!(
            Category::parse(" Brain Injury "),
            Some(Category::BrainInjury)
        );
        assert_eq!(Category::parse("元気"), None);
    }
}
