//! The one clock: what time it is (the local time, or `$SMALLWINS_NOW` for tests and demos) and
//! which day that is when a day starts at `day_starts_at` instead of midnight.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::error::{Error, Result};

/// The environment variable that fixes the clock (`2026-11-27T02:30`).
pub const NOW_VAR: &str = "SMALLWINS_NOW";

/// The time a command runs at, and when its days start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    /// The local date and time the command started at.
    pub now: NaiveDateTime,
    /// When a day starts (`day_starts_at`); midnight by default.
    pub day_starts_at: NaiveTime,
}

impl Clock {
    /// The day it is: the date of `now` less the day start, so at 02:30 with days starting at
    /// 04:00 it is still yesterday.
    pub fn day(&self) -> NaiveDate {
        day_of(self.now, self.day_starts_at)
    }
}

/// The day that `moment` belongs to when days start at `day_start`.
pub fn day_of(moment: NaiveDateTime, day_start: NaiveTime) -> NaiveDate {
    let offset = day_start.signed_duration_since(NaiveTime::MIN);
    moment.checked_sub_signed(offset).unwrap_or(moment).date()
}

/// What time it is: `$SMALLWINS_NOW` when set, else the local clock. Every "now" in smallwins
/// comes from here.
pub fn now() -> Result<NaiveDateTime> {
    match std::env::var(NOW_VAR) {
        Ok(value) => parse_now(&value),
        Err(std::env::VarError::NotPresent) => Ok(chrono::Local::now().naive_local()),
        Err(std::env::VarError::NotUnicode(_)) => Err(bad_now("(not UTF-8)")),
    }
}

/// Reads `$SMALLWINS_NOW`: `2026-11-27T02:30`, with a space for the `T` or with seconds too.
pub fn parse_now(value: &str) -> Result<NaiveDateTime> {
    let value = value.trim();
    [
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
    ]
    .iter()
    .find_map(|format| NaiveDateTime::parse_from_str(value, format).ok())
    .ok_or_else(|| bad_now(value))
}

fn bad_now(value: &str) -> Error {
    Error::Usage(format!(
        "{NOW_VAR}={value} is not a date and time: use YYYY-MM-DDTHH:MM, e.g. 2026-11-27T02:30"
    ))
}

/// Reads `day_starts_at` (`HH:MM`). A day is named by the date it starts on, so a start after
/// noon would file most of a day under the day before: the start must be before 12:00.
pub fn parse_day_start(value: &str) -> std::result::Result<NaiveTime, String> {
    let time = NaiveTime::parse_from_str(value.trim(), "%H:%M")
        .map_err(|_| format!("`{value}` is not a time: use HH:MM, e.g. \"04:00\""))?;
    if time >= NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN) {
        return Err(format!(
            "`{value}` is after noon: a day starts between 00:00 and 11:59 (\"04:00\" lets a \
             win at 02:30 count for the day before)"
        ));
    }
    Ok(time)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::test_days::d;

    fn at(s: &str) -> NaiveDateTime {
        parse_now(s).unwrap()
    }

    #[test]
    fn a_day_that_starts_at_four_keeps_the_small_hours_for_the_day_before() {
        let four = parse_day_start("04:00").unwrap();
        let cases = [
            ("2026-11-27T02:30", "2026-11-26"),
            ("2026-11-27T03:59", "2026-11-26"),
            ("2026-11-27T04:00", "2026-11-27"),
            ("2026-11-27T23:59", "2026-11-27"),
            ("2027-01-01T00:10", "2026-12-31"),
        ];
        for (now, day) in cases {
            assert_eq!(day_of(at(now), four), d(day), "{now}");
        }
        let midnight = Clock {
            now: at("2026-11-27T00:00"),
            day_starts_at: NaiveTime::MIN,
        };
        assert_eq!(midnight.day(), d("2026-11-27"));
    }

    #[test]
    fn now_takes_a_date_and_a_time() {
        assert_eq!(at("2026-11-27 02:30"), at("2026-11-27T02:30:00"));
        for bad in ["2026-11-27", "02:30", "2026-11-27T25:00", "tomorrow"] {
            let err = parse_now(bad).unwrap_err().to_string();
            assert!(
                err.contains("SMALLWINS_NOW") && err.contains("2026-11-27T02:30"),
                "{err}"
            );
        }
    }

    #[test]
    fn day_start_is_a_morning_time() {
        assert_eq!(parse_day_start("00:00"), Ok(NaiveTime::MIN));
        assert!(parse_day_start("11:59").is_ok());
        for bad in ["12:00", "23:00", "4", "04:60", "four"] {
            assert!(parse_day_start(bad).is_err(), "{bad}");
        }
    }
}
