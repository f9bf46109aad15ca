//! Parsing dates and times as staff type them.

use std::fmt;

use chrono::{Datelike, Months, NaiveDate, NaiveTime};

/// `YYYY-MM-DD` or `YYYY/MM/DD` (one-digit month and day allowed); `None` for
/// anything else, including impossible dates such as 2026-02-30.
pub fn parse_date(input: &str) -> Option<NaiveDate> {
    let s = input.trim();
    let sep = if s.contains('/') { '/' } else { '-' };
    let mut parts = s.split(sep);
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some()
        || y.len() != 4
        || !(1..=2).contains(&m.len())
        || !(1..=2).contains(&d.len())
    {
        return None;
    }
    let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if !(all_digits(y) && all_digits(m) && all_digits(d)) {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// `HH:MM` (24-hour).
pub fn parse_time(input: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(input.trim(), "%H:%M").ok()
}

/// A calendar month (the unit of monthly duties and of the support report).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    first: NaiveDate,
}

impl YearMonth {
    pub fn new(year: i32, month: u32) -> Option<YearMonth> {
        NaiveDate::from_ymd_opt(year, month, 1).map(|first| YearMonth { first })
    }

    /// The month a day falls in.
    pub fn of(day: NaiveDate) -> YearMonth {
        YearMonth {
            first: day - chrono::Days::new(u64::from(day.day0())),
        }
    }

    /// `YYYY-MM` or `YYYY/MM` (one-digit month allowed).
    pub fn parse(input: &str) -> Option<YearMonth> {
        let s = input.trim();
        let (y, m) = s.split_once(['-', '/'])?;
        let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
        if y.len() != 4 || !(1..=2).contains(&m.len()) || !digits(y) || !digits(m) {
            return None;
        }
        let year = y.parse().ok()?;
        if !super::validate::YEARS.contains(&year) {
            return None;
        }
        YearMonth::new(year, m.parse().ok()?)
    }

    pub fn first_day(self) -> NaiveDate {
        self.first
    }

    /// The last day: 28, 29, 30 or 31.
    pub fn last_day(self) -> NaiveDate {
        self.next()
            .map_or(NaiveDate::MAX, |n| n.first - chrono::Days::new(1))
    }

    pub fn next(self) -> Option<YearMonth> {
        self.first
            .checked_add_months(Months::new(1))
            .map(|first| YearMonth { first })
    }

    pub fn prev(self) -> Option<YearMonth> {
        self.first
            .checked_sub_months(Months::new(1))
            .map(|first| YearMonth { first })
    }

    pub fn year(self) -> i32 {
        self.first.year()
    }

    pub fn month(self) -> u32 {
        self.first.month()
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        YearMonth::of(day) == self
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

impl serde::Serialize for YearMonth {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_months_parse_and_know_their_last_day() {
        let feb = YearMonth::parse("2024-02").unwrap();
        assert_eq!(
            feb.last_day(),
            NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
        );
        assert_eq!(YearMonth::parse("2025/2").unwrap().last_day().day(), 28);
        assert_eq!(
            YearMonth::parse("2025-12")
                .unwrap()
                .next()
                .unwrap()
                .to_string(),
            "2026-01"
        );
        assert_eq!(
            YearMonth::parse("2026-01")
                .unwrap()
                .prev()
                .unwrap()
                .to_string(),
            "2025-12"
        );
        for bad in [
            "2026-13", "2026-00", "26-01", "2026-1-1", "2026", "", "2026-0a",
        ] {
            assert_eq!(YearMonth::parse(bad), None, "{bad}");
        }
        let d = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        assert_eq!(YearMonth::of(d), feb);
        assert!(feb.contains(d));
    }

    #[test]
    fn both_separators_and_short_parts() {
        let want = NaiveDate::from_ymd_opt(2026, 4, 1);
        assert_eq!(parse_date("2026-04-01"), want);
        assert_eq!(parse_date("2026/04/01"), want);
        assert_eq!(parse_date("2026/4/1"), want);
        assert_eq!(parse_date(" 2026-4-01 "), want);
    }

    #[test]
    fn impossible_and_malformed_dates_are_refused() {
        for bad in [
            "2026-02-30",
            "2025-02-29",
            "2026-13-01",
            "26-04-01",
            "2026-04",
            "2026-04-01-1",
            "2026/04-01",
            "令和8年4月1日",
            "",
            "2026-0a-01",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        assert!(parse_date("2024-02-29").is_some());
    }

    #[test]
    fn times() {
        assert_eq!(parse_time("09:30"), NaiveTime::from_hms_opt(9, 30, 0));
        assert_eq!(parse_time("25:00"), None);
    }
}
