//! The one clock. Everything that needs "today" or "now" asks a [`Clock`]; no
//! other module reads the wall clock (design.md, "One clock").
//!
//! `TEICHAKU_TODAY=YYYY-MM-DD` pins the calendar date, so a supporter can ask
//! "what will the dashboard say on the 25th?" and tests do not depend on the
//! day they run. It moves the *date* only: the time of day stays the real one,
//! and the sync log's timestamps ([`utc_now`]) always follow the real clock, so
//! a laptop that looked ahead never makes its edits win over later real ones.

use chrono::{DateTime, Local, NaiveDate, NaiveDateTime, Utc};

use crate::domain::dates::parse_date;
use crate::error::{Error, Result};

/// The environment variable that pins "today".
pub const TODAY_ENV: &str = "TEICHAKU_TODAY";

/// Where "today" comes from: the system clock, or a fixed date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    fixed: Option<NaiveDate>,
}

impl Clock {
    /// The system clock in the local time zone.
    pub fn system() -> Clock {
        Clock { fixed: None }
    }

    /// A clock whose date never moves (tests, and `TEICHAKU_TODAY`).
    pub fn fixed(today: NaiveDate) -> Clock {
        Clock { fixed: Some(today) }
    }

    /// The system clock, unless `TEICHAKU_TODAY` is set. A value that is not a
    /// real date is an error: silently falling back to the real date would show
    /// the supporter a dashboard for a day they did not ask for.
    pub fn from_env() -> Result<Clock> {
        match std::env::var(TODAY_ENV) {
            Ok(v) if v.trim().is_empty() => Ok(Clock::system()),
            Ok(v) => parse_date(v.trim())
                .map(Clock::fixed)
                .ok_or(Error::BadToday { input: v }),
            Err(std::env::VarError::NotPresent) => Ok(Clock::system()),
            Err(std::env::VarError::NotUnicode(raw)) => Err(Error::BadToday {
                input: raw.to_string_lossy().into_owned(),
            }),
        }
    }

    /// True when the date is pinned rather than read from the system.
    pub fn is_fixed(&self) -> bool {
        self.fixed.is_some()
    }

    /// Today's local calendar date.
    pub fn today(&self) -> NaiveDate {
        self.fixed.unwrap_or_else(|| Local::now().date_naive())
    }

    /// The local date and time: today's date with the real time of day.
    pub fn now_local(&self) -> NaiveDateTime {
        let now = Local::now().naive_local();
        match self.fixed {
            Some(day) => day.and_time(now.time()),
            None => now,
        }
    }
}

/// How long ago a file was last written, by the real clock (file times are
/// real, so this is never pinned). None when the system cannot say, or the
/// time is ahead of ours (a network share's clock).
pub fn file_age(meta: &std::fs::Metadata) -> Option<std::time::Duration> {
    let written = meta.modified().ok()?;
    std::time::SystemTime::now().duration_since(written).ok()
}

/// The real time in UTC, for the sync log's hybrid logical clock. Never pinned
/// (see the module comment).
pub fn utc_now() -> DateTime<Utc> {
    Utc::now()
}

/// A logged instant (UTC) as the laptop's local date and time, for showing a
/// supporter when something happened: "2026-12-02 12:04". Only converts;
/// reads no clock.
pub fn local_text(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string()
}

/// [`local_text`] of milliseconds since 1970 (the change log's clock).
pub fn local_text_ms(ms: i64) -> String {
    DateTime::from_timestamp_millis(ms).map_or_else(String::new, local_text)
}

/// [`local_text`] of an RFC 3339 timestamp as the sync tables keep them; a
/// text that is not one (from a newer or damaged file) is shown as it is.
pub fn local_text_rfc3339(s: &str) -> String {
    DateTime::parse_from_rfc3339(s).map_or_else(
        |_| crate::text::truncate(s, 20),
        |t| local_text(t.with_timezone(&Utc)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_keeps_its_date_and_the_real_time_of_day() {
        let day = NaiveDate::from_ymd_opt(2028, 2, 29).unwrap();
        let clock = Clock::fixed(day);
        assert!(clock.is_fixed());
        assert_eq!(clock.today(), day);
        assert_eq!(clock.now_local().date(), day);
    }

    #[test]
    fn logged_instants_are_shown_in_local_time() {
        let t = DateTime::parse_from_rfc3339("2026-12-02T03:04:05.678Z")
            .unwrap()
            .with_timezone(&Utc);
        let local = t.with_timezone(&Local).naive_local();
        let expected = local.format("%Y-%m-%d %H:%M").to_string();
        assert_eq!(local_text(t), expected);
        assert_eq!(local_text_ms(t.timestamp_millis()), expected);
        assert_eq!(local_text_rfc3339("2026-12-02T03:04:05.678Z"), expected);
        assert!(!expected.contains('T') && !expected.contains("UTC"));
        assert_eq!(local_text_rfc3339("garbage"), "garbage");
    }

    #[test]
    fn the_system_clock_is_not_fixed() {
        let clock = Clock::system();
        assert!(!clock.is_fixed());
        // Around midnight the two reads may straddle it: allow one day.
        let diff = (clock.now_local().date() - clock.today()).num_days();
        assert!(diff.abs() <= 1, "{diff}");
    }
}
