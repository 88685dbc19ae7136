//! Dates: Obsidian (moment.js) and Logseq date formats, the periods reviews cover, the dates
//! and periods given on the command line, the clock, and the date variables of note templates.

mod args;
pub mod clock;
mod format;
mod period;
mod variables;

pub use args::{check_range, check_year, parse_date, parse_day, parse_period, parse_week, YEARS};
pub use clock::Clock;
pub use format::{month_long, month_short, weekday_long, DateFormat, FormatError};
pub use period::{Period, PeriodKind, Week, WeekStart};
pub use variables::{fill as fill_template_dates, format_with_time, TemplateDates};

#[cfg(test)]
// A fixture that does not parse is a broken test, so failing loudly is the point.
#[allow(clippy::unwrap_used)]
pub(crate) mod test_days {
    use chrono::NaiveDate;

    /// A date written `YYYY-MM-DD`.
    pub(crate) fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// Every day from late 2019 to early 2029: covers leap years and both 53-week kinds.
    pub(crate) fn sample_days() -> impl Iterator<Item = NaiveDate> {
        d("2019-12-15")
            .iter_days()
            .take_while(|day| *day < d("2029-01-15"))
    }
}
