//! Dates and weeks given on the command line (`--today`, `--since`, `--week`, …): one reader for
//! every command. A date is `YYYY-MM-DD`, `today`, `yesterday`, or a count back from today:
//! `7d`, `2w`, `3m`, `1y` (days, weeks, months, years ago).

use std::ops::RangeInclusive;

use chrono::{Datelike, Days, Months, NaiveDate};

use super::period::{Period, PeriodKind, Week, WeekStart};
use crate::error::{Error, Result};

/// Resolves a week argument: `2026-W48`, a date in the week, `this` or `last`.
pub fn parse_week(arg: &str, today: NaiveDate, start: WeekStart) -> Result<Week> {
    match parse_period(PeriodKind::Week, arg, today, start)? {
        Period::Week(week) => Ok(week),
        other => Err(Error::Usage(format!("`{other}` is not a week"))),
    }
}

/// Resolves a period argument of `kind`: its label (`2026-W48`, `2026-11`, `2026-Q4`, `2026`),
/// a date in it, `this`, `last` or `next`.
pub fn parse_period(
    kind: PeriodKind,
    arg: &str,
    today: NaiveDate,
    start: WeekStart,
) -> Result<Period> {
    let current = Period::containing(kind, today, start);
    match arg.trim().to_ascii_lowercase().as_str() {
        "this" => return Ok(current),
        "last" => return Ok(current.prev()),
        "next" => return Ok(current.next()),
        _ => {}
    }
    if let Some(period) = Period::parse_label(kind, arg.trim(), start) {
        return Ok(period);
    }
    parse_day(arg, today)
        .map(|date| Period::containing(kind, date, start))
        .map_err(|_| {
            Error::Usage(format!(
                "`{arg}` is not a {kind}: use a label like {}, a date like 2026-11-23, `this` or `last`",
                kind.example()
            ))
        })
}

/// Reads a date argument: `YYYY-MM-DD`, `today`, `yesterday`, or `Nd` / `Nw` / `Nm` / `Ny`
/// (N days, weeks, months or years before `today`; a month back from 31 March is 28 or 29
/// February).
pub fn parse_day(arg: &str, today: NaiveDate) -> Result<NaiveDate> {
    let word = arg.trim().to_ascii_lowercase();
    let back = match word.as_str() {
        "today" => Some(Some(today)),
        "yesterday" => Some(today.pred_opt()),
        _ => ago(&word, today),
    };
    let date = match back {
        Some(Some(date)) => date,
        Some(None) => {
            return Err(Error::Usage(format!(
                "`{arg}` reaches past the calendar smallwins knows: use a nearer date"
            )))
        }
        None => NaiveDate::parse_from_str(arg.trim(), "%Y-%m-%d").map_err(|_| {
            Error::Usage(format!(
                "`{arg}` is not a date: use YYYY-MM-DD, today, yesterday, or a count back \
                 such as 7d, 2w, 3m, 1y (days, weeks, months, years ago)"
            ))
        })?,
    };
    within_years(date, arg)
}

/// The years a date or year argument may name: those a note's name can hold (`YYYY`, four
/// digits). A win dated `+10000-01-01` would go into a note nothing ever reads back.
pub const YEARS: RangeInclusive<i32> = 0..=9999;

/// Checks a year given on the command line against [`YEARS`].
pub fn check_year(year: i32) -> Result<i32> {
    if YEARS.contains(&year) {
        Ok(year)
    } else {
        Err(Error::Usage(format!(
            "`{year}` is out of range: use a year from {} to {}, like 2026",
            YEARS.start(),
            YEARS.end()
        )))
    }
}

/// `date`, read from `arg`, if its year is in [`YEARS`].
fn within_years(date: NaiveDate, arg: &str) -> Result<NaiveDate> {
    check_year(date.year()).map_err(|_| {
        Error::Usage(format!(
            "`{arg}` is out of range: use a date from {:04}-01-01 to {}-12-31",
            YEARS.start(),
            YEARS.end()
        ))
    })?;
    Ok(date)
}

/// `Nd`, `Nw`, `Nm`, `Ny` before `today`: `None` when `word` is not of that form, `Some(None)`
/// when it is but the date falls off the calendar.
fn ago(word: &str, today: NaiveDate) -> Option<Option<NaiveDate>> {
    let unit = word.chars().last()?;
    let count: u32 = word.get(..word.len() - unit.len_utf8())?.parse().ok()?;
    let date = match unit {
        'd' => today.checked_sub_days(Days::new(count.into())),
        'w' => today.checked_sub_days(Days::new(u64::from(count) * 7)),
        'm' => today.checked_sub_months(Months::new(count)),
        'y' => count
            .checked_mul(12)
            .and_then(|months| today.checked_sub_months(Months::new(months))),
        _ => return None,
    };
    Some(date)
}

/// Checks a `--since`/`--until` pair: a start after the end is a usage error.
pub fn check_range(since: Option<NaiveDate>, until: Option<NaiveDate>) -> Result<()> {
    match (since, until) {
        (Some(since), Some(until)) if since > until => Err(Error::Usage(format!(
            "--since {since} is after --until {until}: the range is empty (swap them?)"
        ))),
        _ => Ok(()),
    }
}

/// Parses a `YYYY-MM-DD` date given on the command line.
pub fn parse_date(arg: &str) -> Result<NaiveDate> {
    let date = NaiveDate::parse_from_str(arg.trim(), "%Y-%m-%d").map_err(|_| {
        Error::Usage(format!(
            "`{arg}` is not a date: use YYYY-MM-DD, e.g. 2026-11-23"
        ))
    })?;
    within_years(date, arg)
}

#[cfg(test)]
// A fixture that does not parse is a broken test, so failing loudly is the point.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::dates::test_days::d;

    #[test]
    fn week_argument_forms() {
        let today = d("2026-11-26");
        let cases = [
            ("this", "2026-W48"),
            ("last", "2026-W47"),
            ("next", "2026-W49"),
            (" Last ", "2026-W47"),
            ("2026-11-16", "2026-W47"),
            ("2026-W01", "2026-W01"),
            ("2026-w01", "2026-W01"),
            ("yesterday", "2026-W48"),
            ("2w", "2026-W46"),
        ];
        for (arg, label) in cases {
            let week = parse_week(arg, today, WeekStart::Monday).unwrap();
            assert_eq!(week.label(), label, "{arg}");
        }
        let sunday = parse_week("2026-11-22", today, WeekStart::Sunday).unwrap();
        assert_eq!(sunday.first_day(), d("2026-11-22"));
        for bad in ["soon", "2026-W54", "2026-11-31", ""] {
            let err = parse_week(bad, today, WeekStart::Monday).unwrap_err();
            assert!(err.to_string().contains("is not a week"), "{bad}: {err}");
        }
    }

    #[test]
    fn natural_dates_count_back_from_today() {
        let today = d("2026-03-31");
        let cases = [
            ("today", "2026-03-31"),
            (" Yesterday ", "2026-03-30"),
            ("0d", "2026-03-31"),
            ("7d", "2026-03-24"),
            ("2w", "2026-03-17"),
            ("1m", "2026-02-28"),
            ("3m", "2025-12-31"),
            ("1y", "2025-03-31"),
            ("2026-01-05", "2026-01-05"),
        ];
        for (arg, want) in cases {
            assert_eq!(parse_day(arg, today).unwrap(), d(want), "{arg}");
        }
        assert_eq!(parse_day("1y", d("2028-02-29")).unwrap(), d("2027-02-28"));
        for bad in ["7", "d", "7x", "-7d", "7 d", "tomorrow", "2026-02-30", ""] {
            let err = parse_day(bad, today).unwrap_err().to_string();
            assert!(
                err.contains("is not a date") && err.contains("7d"),
                "{bad}: {err}"
            );
        }
        for bad in ["+10000-01-01", "-0001-12-31", "-2026-01-01"] {
            for err in [parse_day(bad, today), parse_date(bad)].map(Result::unwrap_err) {
                assert!(err.to_string().contains("out of range"), "{bad}: {err}");
            }
        }
        assert_eq!(parse_day("9999-12-31", today).unwrap(), d("9999-12-31"));
        assert_eq!(parse_date("0001-01-01").unwrap(), d("0001-01-01"));
        let err = parse_day("4294967295y", today).unwrap_err().to_string();
        assert!(err.contains("past the calendar"), "{err}");
    }

    #[test]
    fn a_range_must_not_run_backwards() {
        assert!(check_range(Some(d("2026-11-01")), Some(d("2026-11-01"))).is_ok());
        assert!(check_range(None, Some(d("2026-11-01"))).is_ok());
        let err = check_range(Some(d("2026-11-02")), Some(d("2026-11-01"))).unwrap_err();
        assert!(matches!(err, Error::Usage(_)), "{err}");
        assert!(err
            .to_string()
            .contains("--since 2026-11-02 is after --until 2026-11-01"));
    }

    #[test]
    fn period_argument_forms() {
        let today = d("2026-11-26");
        let cases = [
            (PeriodKind::Month, "this", "2026-11"),
            (PeriodKind::Month, "last", "2026-10"),
            (PeriodKind::Month, "next", "2026-12"),
            (PeriodKind::Month, "2026-02", "2026-02"),
            (PeriodKind::Month, "2026-2", "2026-02"),
            (PeriodKind::Month, "2026-01-31", "2026-01"),
            (PeriodKind::Quarter, "this", "2026-Q4"),
            (PeriodKind::Quarter, "last", "2026-Q3"),
            (PeriodKind::Quarter, "next", "2027-Q1"),
            (PeriodKind::Quarter, "2026-q1", "2026-Q1"),
            (PeriodKind::Quarter, "2026-07-01", "2026-Q3"),
            (PeriodKind::Year, "this", "2026"),
            (PeriodKind::Year, "LAST", "2025"),
            (PeriodKind::Year, "2024", "2024"),
            (PeriodKind::Year, "2024-12-31", "2024"),
            (PeriodKind::Week, "2026-W48", "2026-W48"),
            (PeriodKind::Month, "2m", "2026-09"),
            (PeriodKind::Year, "1y", "2025"),
        ];
        for (kind, arg, label) in cases {
            let period = parse_period(kind, arg, today, WeekStart::Monday).unwrap();
            assert_eq!(
                (period.kind(), period.label().as_str()),
                (kind, label),
                "{arg}"
            );
        }
        let bad = [
            (
                PeriodKind::Month,
                "2026-13",
                "is not a month: use a label like 2026-11",
            ),
            (PeriodKind::Month, "2026-W48", "is not a month"),
            (
                PeriodKind::Quarter,
                "2026-Q5",
                "is not a quarter: use a label like 2026-Q4",
            ),
            (PeriodKind::Quarter, "2026-4", "is not a quarter"),
            (
                PeriodKind::Year,
                "26",
                "is not a year: use a label like 2026",
            ),
            (PeriodKind::Year, "12026", "is not a year"),
        ];
        for (kind, arg, message) in bad {
            let err = parse_period(kind, arg, today, WeekStart::Monday).unwrap_err();
            assert!(err.to_string().contains(message), "{arg}: {err}");
        }
    }

    #[test]
    fn date_arguments_are_whole_iso_days() {
        assert_eq!(parse_date(" 2026-11-16 ").unwrap(), d("2026-11-16"));
        for bad in ["2026-02-30", "16.11.2026", "2026-11-16x", "today", ""] {
            let err = parse_date(bad).unwrap_err();
            assert!(
                matches!(err, Error::Usage(_)) && err.to_string().contains("is not a date"),
                "{bad}: {err}"
            );
        }
    }
}
