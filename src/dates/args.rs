//! Dates and weeks given on the command line (`--today`, `--since`, `--week`, …): one reader for
//! every command.

use chrono::NaiveDate;

use super::period::{Week, WeekStart};
use crate::error::{Error, Result};

/// Resolves a week argument: `2026-W48`, a date in the week, `this` or `last`.
pub fn parse_week(arg: &str, today: NaiveDate, start: WeekStart) -> Result<Week> {
    let this_week = Week::containing(today, start);
    match arg.trim().to_ascii_lowercase().as_str() {
        "this" => return Ok(this_week),
        "last" => return Ok(this_week.prev()),
        "next" => return Ok(this_week.next()),
        _ => {}
    }
    if let Some(week) = Week::parse_label(arg.trim(), start) {
        return Ok(week);
    }
    parse_date(arg)
        .map(|date| Week::containing(date, start))
        .map_err(|_| {
            Error::Usage(format!(
                "`{arg}` is not a week: use a label like 2026-W48, a date like 2026-11-23, `this` or `last`"
            ))
        })
}

/// Parses a `YYYY-MM-DD` date given on the command line.
pub fn parse_date(arg: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(arg.trim(), "%Y-%m-%d").map_err(|_| {
        Error::Usage(format!(
            "`{arg}` is not a date: use YYYY-MM-DD, e.g. 2026-11-23"
        ))
    })
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
