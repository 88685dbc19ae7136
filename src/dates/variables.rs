//! The date variables of Obsidian templates: `{{date}}`, `{{time}}`, `{{title}}` and their
//! `:FORMAT` forms (core Templates, daily notes), and what Periodic Notes adds for its notes:
//! offsets (`{{date+1d:FMT}}`), weekdays (`{{monday:FMT}}`) and `{{month|quarter|year…}}`.
//! Every new note smallwins starts from someone's template fills them here.

use chrono::{Datelike, Duration, Months, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};

use super::format::DateFormat;
use super::period::Period;

/// What a template's variables are filled from.
#[derive(Debug, Clone, Copy)]
pub struct TemplateDates<'a> {
    /// The note's day, or the first day of its period.
    pub date: NaiveDate,
    /// The time of day `{{time}}` prints.
    pub time: NaiveTime,
    /// The note's name without `.md`: `{{title}}`.
    pub title: &'a str,
    /// The note's own name format: what `{{date}}` prints without a format.
    pub format: &'a DateFormat,
    /// The period of a periodic note (weekday and month/quarter/year variables).
    pub period: Option<Period>,
}

/// Fills every variable of `template` that smallwins understands; the others (`{{unknown}}`, a
/// format it cannot print) stay as written.
pub fn fill(template: &str, dates: &TemplateDates<'_>) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        let (before, from_open) = rest.split_at(open);
        out.push_str(before);
        let Some(close) = from_open.find("}}") else {
            rest = from_open;
            break;
        };
        let (variable, after) = from_open.split_at(close + 2);
        let inner = variable.get(2..close).unwrap_or_default();
        match fill_variable(inner, dates) {
            Some(value) => out.push_str(&value),
            None => out.push_str(variable),
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

fn fill_variable(inner: &str, dates: &TemplateDates<'_>) -> Option<String> {
    let (head, format) = match inner.split_once(':') {
        Some((head, format)) => (head.trim(), Some(format.trim())),
        None => (inner.trim(), None),
    };
    let name_len = head
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(head.len());
    let (name, offset) = head.split_at(name_len);
    let name = name.to_ascii_lowercase();
    let at = dates.date.and_time(dates.time);
    let shifted = |base: NaiveDateTime| match offset.trim() {
        "" => Some(base),
        offset => shift(base, offset),
    };
    let print = |moment: NaiveDateTime| match format {
        Some(format) => format_with_time(format, moment.date(), moment.time()),
        None => Some(dates.format.format(moment.date())),
    };
    match name.as_str() {
        "title" if offset.is_empty() && format.is_none() => Some(dates.title.to_owned()),
        "time" if format.is_none() => {
            shifted(at).map(|moment| moment.time().format("%H:%M").to_string())
        }
        "date" | "time" => print(shifted(at)?),
        "yesterday" | "tomorrow" if offset.is_empty() => {
            let step = if name == "yesterday" { -1 } else { 1 };
            print(at.checked_add_signed(Duration::days(step))?)
        }
        "month" | "quarter" | "year" | "week" => {
            // Periodic Notes 1.x counts these from the start of the note's period.
            let start = dates.period.map_or(dates.date, |period| period.first_day());
            print(shifted(start.and_time(dates.time))?)
        }
        weekday => {
            let weekday: Weekday = weekday.parse().ok()?;
            let week = dates.period.and_then(|period| period.as_week().copied())?;
            let day = week.days().find(|day| day.weekday() == weekday)?;
            print(day.and_time(dates.time))
        }
    }
}

/// Moves `moment` by an offset such as `+1d`, `-2w`, `+1M` (months), `-30m` (minutes), `+1q`,
/// `+1y`, `-3h` or `+10s`, as moment's `add` does.
fn shift(moment: NaiveDateTime, offset: &str) -> Option<NaiveDateTime> {
    let (sign, rest) = match offset.split_at_checked(1)? {
        ("+", rest) => (1, rest),
        ("-", rest) => (-1, rest),
        _ => return None,
    };
    let unit_at = rest.find(|c: char| !c.is_ascii_digit())?;
    let (digits, unit) = rest.split_at(unit_at);
    let amount: i64 = digits.parse().ok()?;
    let amount = sign * amount;
    let months = |n: i64| {
        let step = Months::new(u32::try_from(n.unsigned_abs()).ok()?);
        if n >= 0 {
            moment.checked_add_months(step)
        } else {
            moment.checked_sub_months(step)
        }
    };
    match unit {
        "y" | "Y" => months(amount.checked_mul(12)?),
        "q" | "Q" => months(amount.checked_mul(3)?),
        "M" => months(amount),
        "w" | "W" => moment.checked_add_signed(Duration::try_weeks(amount)?),
        "d" | "D" => moment.checked_add_signed(Duration::try_days(amount)?),
        "h" | "H" => moment.checked_add_signed(Duration::try_hours(amount)?),
        "m" => moment.checked_add_signed(Duration::try_minutes(amount)?),
        "s" | "S" => moment.checked_add_signed(Duration::try_seconds(amount)?),
        _ => None,
    }
}

/// Prints a moment.js format that may mix date tokens (handled by [`DateFormat`]) with the time
/// tokens `HH H hh h mm m ss s A a`; `None` when a date part is not understood.
pub fn format_with_time(format: &str, date: NaiveDate, time: NaiveTime) -> Option<String> {
    let mut out = String::new();
    let mut date_run = String::new();
    let flush = |run: &mut String, out: &mut String| -> Option<()> {
        if !run.is_empty() {
            out.push_str(&DateFormat::moment(run).ok()?.format(date));
            run.clear();
        }
        Some(())
    };
    let mut chars = format.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c == '[' {
            // A literal may hold time letters, so it travels whole with the date run.
            let end = format.get(at..)?.find(']')? + at;
            date_run.push_str(format.get(at..=end)?);
            while chars.peek().is_some_and(|(i, _)| *i <= end) {
                chars.next();
            }
            continue;
        }
        if !matches!(c, 'H' | 'h' | 'm' | 's' | 'A' | 'a') {
            date_run.push(c);
            continue;
        }
        flush(&mut date_run, &mut out)?;
        let double = chars.peek().is_some_and(|(_, next)| *next == c);
        if double && !matches!(c, 'A' | 'a') {
            chars.next();
        }
        let hour12 = match time.hour() % 12 {
            0 => 12,
            h => h,
        };
        let value = match (c, double) {
            ('H', true) => format!("{:02}", time.hour()),
            ('H', false) => time.hour().to_string(),
            ('h', true) => format!("{hour12:02}"),
            ('h', false) => hour12.to_string(),
            ('m', true) => format!("{:02}", time.minute()),
            ('m', false) => time.minute().to_string(),
            ('s', true) => format!("{:02}", time.second()),
            ('s', false) => time.second().to_string(),
            ('A', _) => if time.hour() < 12 { "AM" } else { "PM" }.to_owned(),
            _ => if time.hour() < 12 { "am" } else { "pm" }.to_owned(),
        };
        out.push_str(&value);
    }
    flush(&mut date_run, &mut out)?;
    Some(out)
}

#[cfg(test)]
// A fixture that does not parse is a broken test, so failing loudly is the point.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::dates::test_days::d;
    use crate::dates::{PeriodKind, WeekStart};

    fn time() -> NaiveTime {
        NaiveTime::from_hms_opt(14, 5, 9).unwrap()
    }

    #[test]
    fn date_and_time_tokens_print_together() {
        let cases = [
            ("YYYY-MM-DD HH:mm", Some("2026-11-26 14:05")),
            ("h:mm A", Some("2:05 PM")),
            ("dddd [at] H:m:s a", Some("Thursday at 14:5:9 pm")),
            ("[hh] hh", Some("hh 02")),
            ("QQ", None),
        ];
        for (fmt, want) in cases {
            assert_eq!(
                format_with_time(fmt, d("2026-11-26"), time()).as_deref(),
                want,
                "{fmt}"
            );
        }
    }

    #[test]
    fn core_template_variables() {
        let format = DateFormat::moment("YYYY/MM/YYYY-MM-DD").unwrap();
        let dates = TemplateDates {
            date: d("2026-11-26"),
            time: time(),
            title: "2026-11-26",
            format: &format,
            period: None,
        };
        let cases = [
            ("# {{title}}", "# 2026-11-26"),
            ("{{date}}", "2026/11/2026-11-26"),
            ("{{ date:dddd, MMMM Do }}", "Thursday, November 26th"),
            ("{{time}}", "14:05"),
            ("{{time:h:mm A}}", "2:05 PM"),
            ("{{date:YYYY-MM-DD HH:mm:ss}}", "2026-11-26 14:05:09"),
            ("{{date:[week] WW}}", "week 48"),
            ("{{unknown}} {{date:QQ}}", "{{unknown}} {{date:QQ}}"),
            ("{{open", "{{open"),
            (
                "{{date+1d:YYYY-MM-DD}} {{date-1M:MMMM}}",
                "2026-11-27 October",
            ),
            ("{{date+1y:YYYY}} {{date-1q:[Q]Q}}", "2027 Q3"),
            ("{{date+2w:MM-DD}} {{time+30m}}", "12-10 14:35"),
            ("{{yesterday:ddd}} {{tomorrow:ddd}}", "Wed Fri"),
            ("{{date+x:YYYY}} {{date*1d}}", "{{date+x:YYYY}} {{date*1d}}"),
            ("{{smallwins}}", "{{smallwins}}"),
        ];
        for (template, want) in cases {
            assert_eq!(fill(template, &dates), want, "{template}");
        }
    }

    #[test]
    fn periodic_notes_variables_count_from_the_period() {
        let week_format = DateFormat::moment("GGGG-[W]WW").unwrap();
        let week = Period::containing(PeriodKind::Week, d("2026-11-26"), WeekStart::Monday);
        let dates = TemplateDates {
            date: week.first_day(),
            time: time(),
            title: "2026-W48",
            format: &week_format,
            period: Some(week),
        };
        assert_eq!(
            fill("{{title}}: {{monday:D MMM}} – {{sunday:D MMM}}", &dates),
            "2026-W48: 23 Nov – 29 Nov"
        );
        let month_format = DateFormat::moment("YYYY-MM").unwrap();
        let month = Period::containing(PeriodKind::Month, d("2026-11-26"), WeekStart::Monday);
        let dates = TemplateDates {
            date: month.first_day(),
            time: time(),
            title: "2026-11",
            format: &month_format,
            period: Some(month),
        };
        let cases = [
            ("{{date}}", "2026-11"),
            ("{{month:MMMM YYYY}}", "November 2026"),
            ("{{month-1M:MMMM}}", "October"),
            ("{{month+1M}}", "2026-12"),
            ("{{quarter:[Q]Q}} {{year:YYYY}}", "Q4 2026"),
            ("{{monday:D}}", "{{monday:D}}"),
        ];
        for (template, want) in cases {
            assert_eq!(fill(template, &dates), want, "{template}");
        }
    }
}
