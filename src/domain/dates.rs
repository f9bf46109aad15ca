//! Parsing dates and times as staff type them.

use chrono::{NaiveDate, NaiveTime};

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

#[cfg(test)]
mod tests {
    use super::*;

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
