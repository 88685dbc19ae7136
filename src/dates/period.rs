//! The periods that reviews and scores cover: weeks, Monday (ISO) or Sunday first.

use std::fmt::{self, Write as _};

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::format::{take_number, write_year};

/// Adds days, stopping at chrono's date range instead of overflowing.
fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    let step = Days::new(days.unsigned_abs());
    let moved = if days >= 0 {
        date.checked_add_days(step)
    } else {
        date.checked_sub_days(step)
    };
    moved.unwrap_or(if days >= 0 {
        NaiveDate::MAX
    } else {
        NaiveDate::MIN
    })
}

/// The day a week begins on, as set by `review.week_start`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WeekStart {
    /// ISO 8601 weeks (`GGGG-[W]WW`).
    #[default]
    Monday,
    /// moment's en-locale weeks (`gggg-[W]ww`): week 1 holds 1 January.
    Sunday,
}

/// A week of seven days, numbered within its week-year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Week {
    // Field order gives the derived chronological ordering.
    year: i32,
    number: u32,
    start: WeekStart,
    first: NaiveDate,
}

impl Week {
    /// The week that `date` falls in.
    pub fn containing(date: NaiveDate, start: WeekStart) -> Week {
        match start {
            WeekStart::Monday => {
                let iso = date.iso_week();
                Week {
                    year: iso.year(),
                    number: iso.week(),
                    start,
                    first: add_days(date, -i64::from(date.weekday().num_days_from_monday())),
                }
            }
            WeekStart::Sunday => {
                let first = add_days(date, -i64::from(date.weekday().num_days_from_sunday()));
                // Week 1 is the week holding 1 January, so every week belongs to the
                // year of its Saturday and is numbered by that Saturday's place in it.
                let saturday = add_days(first, 6);
                Week {
                    year: saturday.year(),
                    number: saturday.ordinal0() / 7 + 1,
                    start,
                    first,
                }
            }
        }
    }

    /// Week `number` of `year`, if that year has such a week.
    pub(super) fn from_number(year: i32, number: u32, start: WeekStart) -> Option<Week> {
        if number == 0 || number > weeks_in_year(year, start)? {
            return None;
        }
        let first = match start {
            WeekStart::Monday => NaiveDate::from_isoywd_opt(year, number, Weekday::Mon)?,
            WeekStart::Sunday => {
                let jan1 = NaiveDate::from_ymd_opt(year, 1, 1)?;
                let week1 =
                    jan1.checked_sub_days(Days::new(jan1.weekday().num_days_from_sunday().into()))?;
                week1.checked_add_days(Days::new(u64::from(number - 1) * 7))?
            }
        };
        Some(Week {
            year,
            number,
            start,
            first,
        })
    }

    /// The week-year, which differs from the calendar year around New Year.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The week number within its week-year, from 1.
    pub fn number(&self) -> u32 {
        self.number
    }

    /// The day the week is counted from.
    pub fn start(&self) -> WeekStart {
        self.start
    }

    /// The first of the seven days (a Monday or a Sunday).
    pub fn first_day(&self) -> NaiveDate {
        self.first
    }

    /// The last of the seven days.
    pub fn last_day(&self) -> NaiveDate {
        add_days(self.first, 6)
    }

    /// The seven days in order.
    pub fn days(&self) -> impl Iterator<Item = NaiveDate> {
        let first = self.first;
        (0..7).map(move |i| add_days(first, i))
    }

    /// The label used in file names and on the command line, e.g. `2026-W48`.
    pub fn label(&self) -> String {
        let mut out = String::with_capacity(8);
        let _ = write_year(&mut out, self.year);
        let _ = write!(out, "-W{:02}", self.number);
        out
    }

    /// Reads a label such as `2026-W48` (or `2026-w48`); `None` for weeks the year lacks.
    pub fn parse_label(s: &str, start: WeekStart) -> Option<Week> {
        let (year, rest) = take_number(s, 4, 4)?;
        let rest = rest
            .strip_prefix("-W")
            .or_else(|| rest.strip_prefix("-w"))?;
        let (number, rest) = take_number(rest, 1, 2)?;
        if !rest.is_empty() {
            return None;
        }
        Week::from_number(i32::try_from(year).ok()?, number, start)
    }

    /// The week before this one.
    pub fn prev(&self) -> Week {
        Week::containing(add_days(self.first, -7), self.start)
    }

    /// The week after this one.
    pub fn next(&self) -> Week {
        Week::containing(add_days(self.first, 7), self.start)
    }
}

impl fmt::Display for Week {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

/// How many weeks `year` has: 52 or 53.
fn weeks_in_year(year: i32, start: WeekStart) -> Option<u32> {
    match start {
        // 28 December is always in the last ISO week of its year.
        WeekStart::Monday => Some(NaiveDate::from_ymd_opt(year, 12, 28)?.iso_week().week()),
        // The last week of the year is the one holding its last Saturday.
        WeekStart::Sunday => {
            let dec31 = NaiveDate::from_ymd_opt(year, 12, 31)?;
            let back = (dec31.weekday().num_days_from_sunday() + 1) % 7;
            let last_saturday = dec31.checked_sub_days(Days::new(back.into()))?;
            Some(last_saturday.ordinal0() / 7 + 1)
        }
    }
}

#[cfg(test)]
// A fixture that does not parse is a broken test, so failing loudly is the point.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::dates::test_days::{d, sample_days};

    #[test]
    fn iso_weeks_cross_new_year() {
        let cases = [
            ("2020-12-31", 2020, 53, "2020-12-28"),
            ("2021-01-03", 2020, 53, "2020-12-28"),
            ("2021-01-04", 2021, 1, "2021-01-04"),
            ("2026-12-31", 2026, 53, "2026-12-28"),
            ("2027-01-03", 2026, 53, "2026-12-28"),
            ("2027-01-04", 2027, 1, "2027-01-04"),
            ("2024-12-30", 2025, 1, "2024-12-30"),
            ("2026-11-16", 2026, 47, "2026-11-16"),
            ("2026-11-29", 2026, 48, "2026-11-23"),
            ("2023-01-01", 2022, 52, "2022-12-26"),
        ];
        for (date, year, number, first) in cases {
            let week = Week::containing(d(date), WeekStart::Monday);
            assert_eq!((week.year(), week.number()), (year, number), "{date}");
            assert_eq!(week.first_day(), d(first), "{date}");
            assert_eq!(week.start(), WeekStart::Monday);
        }
    }

    #[test]
    fn sunday_weeks_follow_moment_en_locale() {
        let cases = [
            ("2026-01-01", 2026, 1, "2025-12-28"),
            ("2025-12-28", 2026, 1, "2025-12-28"),
            ("2025-12-27", 2025, 52, "2025-12-21"),
            ("2024-12-29", 2025, 1, "2024-12-29"),
            ("2024-12-28", 2024, 52, "2024-12-22"),
            ("2022-01-01", 2022, 1, "2021-12-26"),
            ("2022-01-02", 2022, 2, "2022-01-02"),
            ("2021-12-31", 2022, 1, "2021-12-26"),
            ("2022-12-31", 2022, 53, "2022-12-25"),
            ("2023-01-01", 2023, 1, "2023-01-01"),
            ("2017-01-01", 2017, 1, "2017-01-01"),
            ("2026-11-16", 2026, 47, "2026-11-15"),
        ];
        for (date, year, number, first) in cases {
            let week = Week::containing(d(date), WeekStart::Sunday);
            assert_eq!((week.year(), week.number()), (year, number), "{date}");
            assert_eq!(week.first_day(), d(first), "{date}");
        }
    }

    #[test]
    fn weeks_hold_seven_days_and_parse_back() {
        for start in [WeekStart::Monday, WeekStart::Sunday] {
            let first_weekday = match start {
                WeekStart::Monday => Weekday::Mon,
                WeekStart::Sunday => Weekday::Sun,
            };
            for day in sample_days() {
                let week = Week::containing(day, start);
                let days: Vec<_> = week.days().collect();
                assert_eq!(days.len(), 7);
                assert!(days.contains(&day));
                assert_eq!(days.first(), Some(&week.first_day()));
                assert_eq!(days.last(), Some(&week.last_day()));
                assert_eq!(week.first_day().weekday(), first_weekday);
                assert_eq!(Week::parse_label(&week.label(), start), Some(week));
                assert_eq!(week.next().prev(), week);
                assert!(week.prev() < week && week < week.next());
            }
        }
    }

    #[test]
    fn parse_label_checks_the_week_exists() {
        let cases = [
            ("2026-W48", WeekStart::Monday, Some("2026-11-23")),
            ("2026-w48", WeekStart::Monday, Some("2026-11-23")),
            ("2026-W8", WeekStart::Monday, Some("2026-02-16")),
            ("2026-W53", WeekStart::Monday, Some("2026-12-28")),
            ("2020-W53", WeekStart::Monday, Some("2020-12-28")),
            ("2025-W53", WeekStart::Monday, None),
            ("2026-W00", WeekStart::Monday, None),
            ("2026-W54", WeekStart::Monday, None),
            ("2026W48", WeekStart::Monday, None),
            ("2026-W48 ", WeekStart::Monday, None),
            ("2026-W480", WeekStart::Monday, None),
            ("", WeekStart::Monday, None),
            ("2022-W53", WeekStart::Sunday, Some("2022-12-25")),
            ("2023-W53", WeekStart::Sunday, None),
            ("2026-W53", WeekStart::Sunday, None),
            ("2026-W01", WeekStart::Sunday, Some("2025-12-28")),
        ];
        for (label, start, first) in cases {
            let week = Week::parse_label(label, start);
            assert_eq!(week.map(|w| w.first_day()), first.map(d), "{label}");
        }
    }

    #[test]
    fn weeks_step_and_order_across_years() {
        let w53 = Week::parse_label("2020-W53", WeekStart::Monday).unwrap();
        let w01 = Week::parse_label("2021-W01", WeekStart::Monday).unwrap();
        assert_eq!(w53.next(), w01);
        assert_eq!(w01.prev(), w53);
        assert!(w53 < w01);
        assert_eq!(w53.to_string(), "2020-W53");
        let sunday = Week::parse_label("2022-W53", WeekStart::Sunday).unwrap();
        assert_eq!(sunday.next().label(), "2023-W01");
    }

    #[test]
    fn week_start_reads_from_config() {
        #[derive(serde::Deserialize)]
        struct Review {
            week_start: WeekStart,
        }
        let review: Review = toml::from_str("week_start = \"sunday\"").unwrap();
        assert_eq!(review.week_start, WeekStart::Sunday);
        assert_eq!(WeekStart::default(), WeekStart::Monday);
    }
}
