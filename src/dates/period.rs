//! The periods that reviews and scores cover: weeks (Monday or Sunday first), months, quarters
//! and years, behind one [`Period`] shape.

use std::fmt::{self, Write as _};

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::format::{take_number, write_year};

/// Adds days, stopping at chrono's date range instead of overflowing.
pub(super) fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
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

/// The kinds of period a review covers, shortest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PeriodKind {
    /// Seven days.
    Week,
    /// A calendar month.
    Month,
    /// Three calendar months from January, April, July or October.
    Quarter,
    /// A calendar year.
    Year,
}

impl PeriodKind {
    /// Every kind, shortest first.
    pub const ALL: [PeriodKind; 4] = [
        PeriodKind::Week,
        PeriodKind::Month,
        PeriodKind::Quarter,
        PeriodKind::Year,
    ];

    /// `week`, `month`, `quarter` or `year`: the command and the config table.
    pub fn as_str(self) -> &'static str {
        match self {
            PeriodKind::Week => "week",
            PeriodKind::Month => "month",
            PeriodKind::Quarter => "quarter",
            PeriodKind::Year => "year",
        }
    }

    /// `weekly`, `monthly`, `quarterly` or `yearly`: Periodic Notes' names and the review types.
    pub fn adjective(self) -> &'static str {
        match self {
            PeriodKind::Week => "weekly",
            PeriodKind::Month => "monthly",
            PeriodKind::Quarter => "quarterly",
            PeriodKind::Year => "yearly",
        }
    }

    /// A label of this kind, for messages: `2026-W48`, `2026-11`, `2026-Q4`, `2026`.
    pub fn example(self) -> &'static str {
        match self {
            PeriodKind::Week => "2026-W48",
            PeriodKind::Month => "2026-11",
            PeriodKind::Quarter => "2026-Q4",
            PeriodKind::Year => "2026",
        }
    }
}

impl fmt::Display for PeriodKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A week, month, quarter or year: what one review note covers. Periods of one kind order
/// chronologically; weeks come before months, months before quarters, quarters before years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    /// A week of seven days.
    Week(Week),
    /// A calendar month (1–12).
    Month {
        /// The calendar year.
        year: i32,
        /// 1 for January.
        month: u32,
    },
    /// A calendar quarter (1–4).
    Quarter {
        /// The calendar year.
        year: i32,
        /// 1 for January–March.
        quarter: u32,
    },
    /// A calendar year.
    Year {
        /// The calendar year.
        year: i32,
    },
}

impl From<Week> for Period {
    fn from(week: Week) -> Period {
        Period::Week(week)
    }
}

impl Period {
    /// The period of `kind` that `date` falls in (`start` only matters for weeks).
    pub fn containing(kind: PeriodKind, date: NaiveDate, start: WeekStart) -> Period {
        match kind {
            PeriodKind::Week => Period::Week(Week::containing(date, start)),
            PeriodKind::Month => Period::Month {
                year: date.year(),
                month: date.month(),
            },
            PeriodKind::Quarter => Period::Quarter {
                year: date.year(),
                quarter: date.month0() / 3 + 1,
            },
            PeriodKind::Year => Period::Year { year: date.year() },
        }
    }

    /// Which kind of period this is.
    pub fn kind(&self) -> PeriodKind {
        match self {
            Period::Week(_) => PeriodKind::Week,
            Period::Month { .. } => PeriodKind::Month,
            Period::Quarter { .. } => PeriodKind::Quarter,
            Period::Year { .. } => PeriodKind::Year,
        }
    }

    /// The week, when this is one.
    pub fn as_week(&self) -> Option<&Week> {
        match self {
            Period::Week(week) => Some(week),
            _ => None,
        }
    }

    /// The (week-)year the label names.
    pub fn year(&self) -> i32 {
        match *self {
            Period::Week(week) => week.year(),
            Period::Month { year, .. } | Period::Quarter { year, .. } | Period::Year { year } => {
                year
            }
        }
    }

    /// The number within the year: the week, month (1–12) or quarter (1–4); the year itself.
    pub fn number(&self) -> i64 {
        match *self {
            Period::Week(week) => week.number().into(),
            Period::Month { month, .. } => month.into(),
            Period::Quarter { quarter, .. } => quarter.into(),
            Period::Year { year } => year.into(),
        }
    }

    /// The first day.
    pub fn first_day(&self) -> NaiveDate {
        let (year, month) = match *self {
            Period::Week(week) => return week.first_day(),
            Period::Month { year, month } => (year, month),
            Period::Quarter { year, quarter } => (year, quarter * 3 - 2),
            Period::Year { year } => (year, 1),
        };
        NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(if year < 0 {
            NaiveDate::MIN
        } else {
            NaiveDate::MAX
        })
    }

    /// The last day.
    pub fn last_day(&self) -> NaiveDate {
        let months = match self {
            Period::Week(week) => return week.last_day(),
            Period::Month { .. } => 1,
            Period::Quarter { .. } => 3,
            Period::Year { .. } => 12,
        };
        self.first_day()
            .checked_add_months(chrono::Months::new(months))
            .and_then(|after| after.pred_opt())
            .unwrap_or(NaiveDate::MAX)
    }

    /// Whether `date` falls in the period.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.first_day() <= date && date <= self.last_day()
    }

    /// Every day in order.
    pub fn days(&self) -> impl Iterator<Item = NaiveDate> {
        let last = self.last_day();
        self.first_day()
            .iter_days()
            .take_while(move |day| *day <= last)
    }

    /// How many days the period has.
    pub fn len_days(&self) -> i64 {
        (self.last_day() - self.first_day()).num_days() + 1
    }

    /// The label used in file names and on the command line: `2026-W48`, `2026-11`, `2026-Q4`,
    /// `2026`.
    pub fn label(&self) -> String {
        let mut out = String::with_capacity(8);
        let _ = match *self {
            Period::Week(week) => return week.label(),
            Period::Month { year, month } => {
                write_year(&mut out, year).and_then(|()| write!(out, "-{month:02}"))
            }
            Period::Quarter { year, quarter } => {
                write_year(&mut out, year).and_then(|()| write!(out, "-Q{quarter}"))
            }
            Period::Year { year } => write_year(&mut out, year),
        };
        out
    }

    /// Reads a label of `kind` (`2026-W48`, `2026-11`, `2026-Q4`, `2026`; letters in any case).
    pub fn parse_label(kind: PeriodKind, s: &str, start: WeekStart) -> Option<Period> {
        if kind == PeriodKind::Week {
            return Week::parse_label(s, start).map(Period::Week);
        }
        let (year, rest) = take_number(s, 4, 4)?;
        let year = i32::try_from(year).ok()?;
        let period = match kind {
            PeriodKind::Year if rest.is_empty() => Period::Year { year },
            PeriodKind::Month => {
                let (month, rest) = take_number(rest.strip_prefix('-')?, 1, 2)?;
                (rest.is_empty() && (1..=12).contains(&month))
                    .then_some(Period::Month { year, month })?
            }
            PeriodKind::Quarter => {
                let rest = rest.strip_prefix('-')?;
                let rest = rest.strip_prefix('Q').or_else(|| rest.strip_prefix('q'))?;
                let (quarter, rest) = take_number(rest, 1, 1)?;
                (rest.is_empty() && (1..=4).contains(&quarter))
                    .then_some(Period::Quarter { year, quarter })?
            }
            _ => return None,
        };
        Some(period)
    }

    /// The period before this one, of the same kind.
    pub fn prev(&self) -> Period {
        match self {
            Period::Week(week) => Period::Week(week.prev()),
            _ => Period::containing(
                self.kind(),
                add_days(self.first_day(), -1),
                WeekStart::Monday,
            ),
        }
    }

    /// The period after this one, of the same kind.
    pub fn next(&self) -> Period {
        match self {
            Period::Week(week) => Period::Week(week.next()),
            _ => Period::containing(self.kind(), add_days(self.last_day(), 1), WeekStart::Monday),
        }
    }

    /// The day a note name format is applied to for this period. A week format is applied to
    /// the week's Monday: for ISO formats that is the week's first day, and for Sunday weeks it
    /// is a day inside the week on which both ISO and locale week numbers agree with the rest
    /// of the week. Other periods use their first day.
    pub fn naming_day(&self) -> NaiveDate {
        match self {
            Period::Week(week) if week.start() == WeekStart::Sunday => {
                week.first_day().succ_opt().unwrap_or(week.first_day())
            }
            _ => self.first_day(),
        }
    }
}

impl fmt::Display for Period {
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
    fn months_quarters_and_years_cover_their_days_and_parse_back() {
        for kind in [PeriodKind::Month, PeriodKind::Quarter, PeriodKind::Year] {
            for day in sample_days() {
                let period = Period::containing(kind, day, WeekStart::Monday);
                assert!(period.contains(day), "{kind} {day}");
                assert_eq!(period.kind(), kind);
                assert_eq!(period.days().count() as i64, period.len_days());
                assert_eq!(period.days().next(), Some(period.first_day()));
                assert_eq!(period.days().last(), Some(period.last_day()));
                assert_eq!(
                    period.next().first_day(),
                    period.last_day().succ_opt().unwrap()
                );
                assert_eq!(period.next().prev(), period);
                assert!(period.prev() < period && period < period.next());
                assert_eq!(
                    Period::parse_label(kind, &period.label(), WeekStart::Monday),
                    Some(period)
                );
            }
        }
    }

    #[test]
    fn period_labels_and_lengths() {
        let cases = [
            (
                PeriodKind::Month,
                "2024-02-10",
                "2024-02",
                "2024-02-01",
                "2024-02-29",
                2,
            ),
            (
                PeriodKind::Month,
                "2026-12-31",
                "2026-12",
                "2026-12-01",
                "2026-12-31",
                12,
            ),
            (
                PeriodKind::Quarter,
                "2026-11-26",
                "2026-Q4",
                "2026-10-01",
                "2026-12-31",
                4,
            ),
            (
                PeriodKind::Quarter,
                "2026-03-31",
                "2026-Q1",
                "2026-01-01",
                "2026-03-31",
                1,
            ),
            (
                PeriodKind::Year,
                "2028-06-01",
                "2028",
                "2028-01-01",
                "2028-12-31",
                2028,
            ),
            (
                PeriodKind::Week,
                "2026-11-26",
                "2026-W48",
                "2026-11-23",
                "2026-11-29",
                48,
            ),
        ];
        for (kind, date, label, first, last, number) in cases {
            let period = Period::containing(kind, d(date), WeekStart::Monday);
            assert_eq!(period.label(), label);
            assert_eq!(period.to_string(), label);
            assert_eq!((period.first_day(), period.last_day()), (d(first), d(last)));
            assert_eq!(period.number(), number);
        }
        assert_eq!(
            Period::parse_label(PeriodKind::Year, "2026", WeekStart::Monday)
                .unwrap()
                .len_days(),
            365
        );
        for (kind, bad) in [
            (PeriodKind::Month, "2026-00"),
            (PeriodKind::Month, "2026-13"),
            (PeriodKind::Month, "2026-111"),
            (PeriodKind::Quarter, "2026-Q0"),
            (PeriodKind::Quarter, "2026-Q12"),
            (PeriodKind::Year, "202"),
            (PeriodKind::Year, "2026-"),
            (PeriodKind::Year, "20260"),
        ] {
            assert_eq!(
                Period::parse_label(kind, bad, WeekStart::Monday),
                None,
                "{bad}"
            );
        }
    }

    #[test]
    fn periods_order_by_kind_then_time() {
        let at = |kind, date| Period::containing(kind, d(date), WeekStart::Monday);
        let mut periods = [
            at(PeriodKind::Year, "2026-01-01"),
            at(PeriodKind::Month, "2026-11-01"),
            at(PeriodKind::Week, "2026-12-01"),
            at(PeriodKind::Month, "2026-02-01"),
            at(PeriodKind::Quarter, "2026-05-01"),
        ];
        periods.sort();
        let labels: Vec<String> = periods.iter().map(Period::label).collect();
        assert_eq!(
            labels,
            ["2026-W49", "2026-02", "2026-11", "2026-Q2", "2026"]
        );
    }

    #[test]
    fn extreme_periods_do_not_overflow() {
        for date in [NaiveDate::MIN, NaiveDate::MAX] {
            for kind in PeriodKind::ALL {
                let period = Period::containing(kind, date, WeekStart::Monday);
                let _ = (
                    period.prev(),
                    period.next(),
                    period.label(),
                    period.len_days(),
                );
            }
        }
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
