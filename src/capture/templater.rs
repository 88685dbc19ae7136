//! Filling the commands of a new note's template that smallwins can answer as the tool that
//! made the note would have.
//!
//! In Obsidian, Templater's date and title commands, relative to the note's day:
//! `tp.date.now(…)`, `tp.date.tomorrow(…)`, `tp.date.yesterday(…)`, `tp.date.weekday(…)`,
//! `tp.file.title`, `tp.file.creation_date(…)`, `tp.file.last_modified_date(…)` and
//! `tp.file.cursor(…)` (which leaves nothing behind). Every other command (`<%* … %>` scripts,
//! `tp.system.prompt()`, expressions) is kept exactly as written, and `check` points it out.
//! In a Logseq journal template, Logseq's own variables (`<% today %>`, `<% time %>` …), which
//! share Templater's brackets.
//!
//! "Now" is the note's day at the clock's time, so a note made with `--date` or
//! `$SMALLWINS_NOW` is filled the same on every run.

use chrono::{Datelike, Duration, Months, NaiveDate, NaiveDateTime, NaiveTime};

use crate::config::LogseqPages;
use crate::dates::{format_with_time, DateFormat};
use crate::markdown::templater::{self, Kind, Trim};

/// What the commands are answered from.
pub(super) struct NoteMoment<'a> {
    /// The note's day at the clock's time.
    pub now: NaiveDateTime,
    /// The note's title: its file name without `.md`.
    pub title: &'a str,
}

/// `template` with the commands smallwins understands replaced by their values (their
/// whitespace control applied) and every other byte kept.
pub(super) fn fill(template: &str, moment: &NoteMoment) -> String {
    if !templater::may_hold_commands(template) {
        return template.to_owned();
    }
    let mut out = String::with_capacity(template.len());
    let mut last = 0;
    for command in templater::commands(template) {
        if command.range.start < last {
            continue;
        }
        out.push_str(template.get(last..command.range.start).unwrap_or_default());
        let code = template.get(command.code.clone()).unwrap_or_default();
        let value = match command.kind {
            Kind::Interpolation => evaluate(code, moment),
            Kind::Execution | Kind::Dynamic => None,
        };
        let Some(value) = value else {
            out.push_str(template.get(command.range.clone()).unwrap_or_default());
            last = command.range.end;
            continue;
        };
        match command.trim_before {
            Trim::Nothing => {}
            Trim::Newline => {
                let cut = if out.ends_with("\r\n") {
                    2
                } else {
                    usize::from(out.ends_with('\n'))
                };
                out.truncate(out.len() - cut);
            }
            Trim::Whitespace => out.truncate(out.trim_end().len()),
        }
        out.push_str(&value);
        let rest = template.get(command.range.end..).unwrap_or_default();
        let skipped = match command.trim_after {
            Trim::Nothing => 0,
            Trim::Newline if rest.starts_with("\r\n") => 2,
            Trim::Newline => usize::from(rest.starts_with('\n')),
            Trim::Whitespace => rest.len() - rest.trim_start().len(),
        };
        last = command.range.end + skipped;
    }
    out.push_str(template.get(last..).unwrap_or_default());
    out
}

/// `template` (the blocks of a Logseq journal template) with Logseq's own dynamic variables
/// filled in as Logseq fills them for the journal of `now`'s day: `<% today %>`, `<% yesterday %>`,
/// `<% tomorrow %>` and `<% current page %>` as links to journal pages titled by
/// `journals.title_format`, `<% time %>` as `HH:mm`. Other variables stay as written.
pub(super) fn fill_logseq(template: &str, now: NaiveDateTime, journals: &LogseqPages) -> String {
    if !templater::may_hold_commands(template) {
        return template.to_owned();
    }
    let page = |days: i64| {
        let day = now.date().checked_add_signed(Duration::try_days(days)?)?;
        Some(format!("[[{}]]", journals.title_format.format(day)))
    };
    let mut out = String::with_capacity(template.len());
    let mut last = 0;
    for command in templater::commands(template) {
        out.push_str(template.get(last..command.range.start).unwrap_or_default());
        let code = template.get(command.code.clone()).unwrap_or_default();
        let value = match code.trim().to_lowercase().as_str() {
            "today" | "current page" => page(0),
            "yesterday" => page(-1),
            "tomorrow" => page(1),
            "time" => Some(now.format("%H:%M").to_string()),
            _ => None,
        };
        match value {
            Some(value) => out.push_str(&value),
            None => out.push_str(template.get(command.range.clone()).unwrap_or_default()),
        }
        last = command.range.end;
    }
    out.push_str(template.get(last..).unwrap_or_default());
    out
}

/// A value in a command's argument list.
#[derive(Debug, Clone, PartialEq)]
enum Arg {
    Text(String),
    Number(f64),
    Undefined,
}

/// The value of one interpolation, when it is a call smallwins answers.
fn evaluate(code: &str, moment: &NoteMoment) -> Option<String> {
    let (name, args) = call(code.trim(), moment.title)?;
    let Some(args) = args else {
        return (name == "tp.file.title").then(|| moment.title.to_owned());
    };
    let text = |i: usize, default: &str| match args.get(i) {
        None | Some(Arg::Undefined) => Some(default.to_owned()),
        Some(Arg::Text(text)) => Some(text.clone()),
        Some(Arg::Number(_)) => None,
    };
    let day = |days: i64| moment.now.checked_add_signed(Duration::try_days(days)?);
    match (name, args.as_slice()) {
        ("tp.file.cursor", _) => Some(String::new()),
        ("tp.date.now", _) if args.len() <= 4 => {
            let base = match (args.get(2), args.get(3)) {
                (None | Some(Arg::Undefined), _) => moment.now,
                (Some(Arg::Text(reference)), _) if reference.is_empty() => moment.now,
                (Some(Arg::Text(reference)), format) => {
                    let format = match format {
                        None | Some(Arg::Undefined) => None,
                        Some(Arg::Text(format)) => Some(format.as_str()),
                        Some(Arg::Number(_)) => return None,
                    };
                    parse_reference(reference, format)?
                }
                (Some(Arg::Number(_)), _) => return None,
            };
            let at = match args.get(1) {
                None | Some(Arg::Undefined) => base,
                Some(offset) => MomentDuration::of(offset)?.add_to(base)?,
            };
            print(&text(0, "YYYY-MM-DD")?, at)
        }
        ("tp.date.tomorrow", [] | [_]) => print(&text(0, "YYYY-MM-DD")?, day(1)?),
        ("tp.date.yesterday", [] | [_]) => print(&text(0, "YYYY-MM-DD")?, day(-1)?),
        ("tp.date.weekday", [_, Arg::Number(weekday), rest @ ..]) if rest.len() <= 2 => {
            let base = match rest {
                [] | [Arg::Undefined, ..] => moment.now,
                [Arg::Text(reference), format @ ..] => parse_reference(
                    reference,
                    match format {
                        [Arg::Text(format)] => Some(format.as_str()),
                        _ => None,
                    },
                )?,
                _ => return None,
            };
            // moment's `weekday(n)` in the en locale: day n of the week that starts on Sunday.
            let from_sunday = i64::from(base.weekday().num_days_from_sunday());
            let target = whole(*weekday)?;
            let at = base.checked_add_signed(Duration::try_days(target - from_sunday)?)?;
            print(&text(0, "YYYY-MM-DD")?, at)
        }
        ("tp.file.creation_date" | "tp.file.last_modified_date", [] | [_]) => {
            print(&text(0, "YYYY-MM-DD HH:mm")?, moment.now)
        }
        _ => None,
    }
}

/// `at` in a moment.js format of date and time tokens.
fn print(format: &str, at: NaiveDateTime) -> Option<String> {
    format_with_time(format, at.date(), at.time())
}

/// Reads `name` (no arguments: `None`) or `name(arg, …)` where each argument is a string, a
/// number, `undefined`, `null` or `tp.file.title`; `None` for any other code.
fn call<'c>(code: &'c str, title: &str) -> Option<(&'c str, Option<Vec<Arg>>)> {
    let name_end = code
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '_'))
        .unwrap_or(code.len());
    let (name, rest) = code.split_at(name_end);
    if !name.starts_with("tp.") {
        return None;
    }
    let rest = rest.trim_start();
    if rest.is_empty() {
        return Some((name, None));
    }
    let mut rest = rest.strip_prefix('(')?.trim_start();
    let mut args = Vec::new();
    if let Some(after) = rest.strip_prefix(')') {
        return after.trim().is_empty().then_some((name, Some(args)));
    }
    loop {
        let (arg, after) = argument(rest, title)?;
        args.push(arg);
        let after = after.trim_start();
        if let Some(after) = after.strip_prefix(')') {
            return after.trim().is_empty().then_some((name, Some(args)));
        }
        rest = after.strip_prefix(',')?.trim_start();
    }
}

/// One argument at the start of `code`, and what follows it.
fn argument<'c>(code: &'c str, title: &str) -> Option<(Arg, &'c str)> {
    let quote = code.chars().next()?;
    if matches!(quote, '"' | '\'' | '`') {
        let mut text = String::new();
        let mut chars = code.char_indices().skip(1);
        while let Some((at, c)) = chars.next() {
            match c {
                '\\' => {
                    let (_, escaped) = chars.next()?;
                    text.push(match escaped {
                        'n' => '\n',
                        't' => '\t',
                        other => other,
                    });
                }
                // A template literal with a placeholder is an expression, not a string.
                '$' if quote == '`' && code.get(at + 1..)?.starts_with('{') => return None,
                c if c == quote => return Some((Arg::Text(text), code.get(at + 1..)?)),
                c => text.push(c),
            }
        }
        return None;
    }
    for (word, arg) in [
        ("tp.file.title", Arg::Text(title.to_owned())),
        ("undefined", Arg::Undefined),
        ("null", Arg::Undefined),
    ] {
        if let Some(rest) = code.strip_prefix(word) {
            if !rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '.') {
                return Some((arg, rest));
            }
        }
    }
    let end = code
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '-' | '+' | '.')))
        .unwrap_or(code.len());
    let (number, rest) = code.split_at(end);
    Some((Arg::Number(number.parse().ok()?), rest))
}

/// A moment-style reference date: read with `format` when given (moment's tokens), else as ISO
/// 8601 (`2026-11-27`, `2026-11-27T08:30`).
fn parse_reference(reference: &str, format: Option<&str>) -> Option<NaiveDateTime> {
    let reference = reference.trim();
    if let Some(format) = format {
        let date = DateFormat::moment(format).ok()?.parse(reference)?;
        return Some(date.and_time(NaiveTime::MIN));
    }
    ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(reference, f).ok())
        .or_else(|| {
            NaiveDate::parse_from_str(reference, "%Y-%m-%d")
                .ok()
                .map(|d| d.and_time(NaiveTime::MIN))
        })
}

/// A moment.js duration as `moment.add` applies it: months first, then calendar days, then
/// milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct MomentDuration {
    months: i64,
    days: i64,
    millis: i64,
}

impl MomentDuration {
    /// Templater's offset: a number is days; a string is what `moment.duration(string)` reads
    /// (ISO 8601 `P1W`, `-P1D`, `P1Y2M3DT4H`; ASP.NET `7.23:59:59`; a numeric string is
    /// milliseconds).
    fn of(offset: &Arg) -> Option<MomentDuration> {
        match offset {
            Arg::Undefined => Some(MomentDuration::default()),
            Arg::Number(days) => Some(MomentDuration {
                days: whole(*days)?,
                ..MomentDuration::default()
            }),
            Arg::Text(text) => {
                let text = text.trim();
                if text.is_empty() {
                    return Some(MomentDuration::default());
                }
                if let Ok(millis) = text.parse::<f64>() {
                    return Some(MomentDuration {
                        millis: whole(millis)?,
                        ..MomentDuration::default()
                    });
                }
                iso(text).or_else(|| asp_net(text))
            }
        }
    }

    fn add_to(self, at: NaiveDateTime) -> Option<NaiveDateTime> {
        let months = u32::try_from(self.months.unsigned_abs()).ok()?;
        let at = if self.months < 0 {
            at.checked_sub_months(Months::new(months))?
        } else {
            at.checked_add_months(Months::new(months))?
        };
        at.checked_add_signed(Duration::try_days(self.days)?)?
            .checked_add_signed(Duration::try_milliseconds(self.millis)?)
    }
}

/// Rounds half away from zero, as moment rounds a duration's days and months.
fn whole(value: f64) -> Option<i64> {
    let rounded = value.round();
    // Far beyond any date chrono can hold, and a float this size is not an integer anyway.
    (rounded.is_finite() && rounded.abs() < 1e12).then_some(rounded as i64)
}

/// An ISO 8601 duration as moment reads it: `[-+]P[nY][nM][nW][nD][T[nH][nM][nS]]`, each `n`
/// signed and possibly fractional.
fn iso(text: &str) -> Option<MomentDuration> {
    let (sign, rest) = match text.as_bytes().first()? {
        b'-' => (-1.0, text.get(1..)?),
        b'+' => (1.0, text.get(1..)?),
        _ => (1.0, text),
    };
    let rest = rest.strip_prefix('P')?;
    let (date_part, time_part) = match rest.split_once('T') {
        Some((date, time)) => (date, Some(time)),
        None => (rest, None),
    };
    let date = components(date_part, &['Y', 'M', 'W', 'D'])?;
    let time = match time_part {
        Some(time) => components(time, &['H', 'M', 'S'])?,
        None => vec![0.0; 3],
    };
    let (years, months, weeks, days) =
        (*date.first()?, *date.get(1)?, *date.get(2)?, *date.get(3)?);
    let (hours, minutes, seconds) = (*time.first()?, *time.get(1)?, *time.get(2)?);
    Some(MomentDuration {
        months: whole(sign * (months + years * 12.0))?,
        days: whole(sign * (days + weeks * 7.0))?,
        millis: whole(sign * (seconds * 1e3 + minutes * 6e4 + hours * 3.6e6))?,
    })
}

/// The values of `units`, in that order and each at most once, from text such as `1Y-2M`;
/// absent units are 0.
fn components(mut text: &str, units: &[char]) -> Option<Vec<f64>> {
    let mut values = vec![0.0; units.len()];
    let mut next_unit = 0;
    while !text.is_empty() {
        let end = text.find(|c: char| c.is_ascii_alphabetic())?;
        let (number, rest) = text.split_at(end);
        let unit = rest.chars().next()?;
        let index = units.iter().skip(next_unit).position(|u| *u == unit)? + next_unit;
        let number = number.replace(',', ".");
        *values.get_mut(index)? = if number.is_empty() || number == "-" || number == "+" {
            0.0
        } else {
            number.parse().ok()?
        };
        next_unit = index + 1;
        text = rest.get(unit.len_utf8()..)?;
    }
    Some(values)
}

/// moment's ASP.NET style: `[-+][d.]hh:mm[:ss[.fff]]`.
fn asp_net(text: &str) -> Option<MomentDuration> {
    let (sign, rest) = match text.as_bytes().first()? {
        b'-' => (-1, text.get(1..)?),
        b'+' => (1, text.get(1..)?),
        _ => (1, text),
    };
    let (days, clock) = match rest.split_once(['.', ' ']) {
        Some((days, clock)) if clock.contains(':') && !days.contains(':') => (days, clock),
        _ => ("", rest),
    };
    let digits = |s: &str| -> Option<i64> {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let days = if days.is_empty() { 0 } else { digits(days)? };
    let mut parts = clock.split(':');
    let hours = digits(parts.next()?)?;
    let minutes = digits(parts.next()?)?;
    let (seconds, fraction) = match parts.next() {
        Some(seconds) => match seconds.split_once('.') {
            Some((whole_seconds, fraction)) => (digits(whole_seconds)?, fraction),
            None => (digits(seconds)?, ""),
        },
        None => (0, ""),
    };
    if parts.next().is_some() || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let millis_fraction = whole(format!("0.{fraction}").parse::<f64>().ok()? * 1000.0)?;
    Some(MomentDuration {
        months: 0,
        days: sign * days,
        millis: sign * (((hours * 60 + minutes) * 60 + seconds) * 1000 + millis_fraction),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    fn filled(template: &str) -> String {
        let moment = NoteMoment {
            now: at("2026-11-27 02:30"),
            title: "2026-11-27",
        };
        fill(template, &moment)
    }

    #[test]
    fn date_and_title_commands_are_answered_for_the_note_day() {
        let cases = [
            ("<% tp.file.title %>", "2026-11-27"),
            ("<% tp.date.now() %>", "2026-11-27"),
            (
                "<% tp.date.now(\"dddd, MMMM Do YYYY\") %>",
                "Friday, November 27th 2026",
            ),
            ("<% tp.date.now('YYYY-MM-DD', 7) %>", "2026-12-04"),
            ("<% tp.date.now('YYYY-MM-DD', -1) %>", "2026-11-26"),
            ("<%tp.date.now(\"YYYY-MM-DD\",\"P1W\")%>", "2026-12-04"),
            ("<% tp.date.now(\"YYYY-MM-DD\", \"P-1D\") %>", "2026-11-26"),
            ("<% tp.date.now(\"YYYY-MM-DD\", \"-P1M\") %>", "2026-10-27"),
            (
                "<% tp.date.now(\"YYYY-MM-DD HH:mm\", \"PT1H30M\") %>",
                "2026-11-27 04:00",
            ),
            (
                "<% tp.date.now(\"YYYY-MM-DD\", \"P1Y2M3D\") %>",
                "2028-01-30",
            ),
            (
                "<% tp.date.now(\"YYYY-MM-DD\", \"1.00:00:00\") %>",
                "2026-11-28",
            ),
            ("<% tp.date.now(\"YYYY-MM-DD\", \"7\") %>", "2026-11-27"),
            (
                "<% tp.date.now(\"YYYY-MM-DD\", 1, tp.file.title, \"YYYY-MM-DD\") %>",
                "2026-11-28",
            ),
            (
                "<% tp.date.now(\"dddd\", 0, \"2026-01-31\", \"YYYY-MM-DD\") %>",
                "Saturday",
            ),
            (
                "<% tp.date.now(\"YYYY-MM-DD\", \"P1M\", \"2026-01-31\") %>",
                "2026-02-28",
            ),
            ("<% tp.date.now(\"[Week] ww, gggg\") %>", "Week 48, 2026"),
            ("<% tp.date.tomorrow() %>", "2026-11-28"),
            ("<% tp.date.yesterday(\"ddd D MMM\") %>", "Thu 26 Nov"),
            ("<% tp.date.weekday(\"YYYY-MM-DD\", 0) %>", "2026-11-22"),
            ("<% tp.date.weekday(\"YYYY-MM-DD\", 7) %>", "2026-11-29"),
            ("<% tp.file.creation_date() %>", "2026-11-27 02:30"),
            ("<% tp.file.creation_date(\"h:mm a\") %>", "2:30 am"),
            ("<% tp.file.last_modified_date(`YYYY`) %>", "2026"),
            ("- <% tp.file.cursor(1) %>", "- "),
        ];
        for (template, want) in cases {
            assert_eq!(filled(template), want, "{template}");
        }
    }

    #[test]
    fn other_commands_are_kept_as_written() {
        for kept in [
            "<%* let mood = await tp.system.prompt(\"Mood\") %>",
            "<% tp.system.prompt(\"Mood?\") %>",
            "<%+ tp.file.last_modified_date() %>",
            "<% tp.date.now(\"YYYY-MM-DD\") + \"!\" %>",
            "<% tp.date.now(\"QQ\") %>",
            "<% tp.date.now(\"YYYY\", \"next week\") %>",
            "<% tp.date.now(\"YYYY\", 0, \"27/11\", \"DD/MM/YYYY\") %>",
            "<% tp.file.title() %>",
            "<% `${tp.file.title}` %>",
            "<% tp.date.now(\"YYYY\" %>",
            "<% moment().format(\"YYYY\") %>",
            "<% tp.file.folder() %>",
        ] {
            assert_eq!(filled(kept), kept);
        }
    }

    #[test]
    fn logseq_variables_link_journal_pages() {
        let journals = LogseqPages {
            folder: "pages".to_owned(),
            title_format: DateFormat::logseq("MMM do, yyyy").unwrap(),
            triple_lowbar: false,
            journal_template: None,
        };
        assert_eq!(
            fill_logseq(
                "- Yesterday: <% yesterday %>\n- <% Time %> on <% current page %>, <% next monday %>",
                at("2026-11-27 09:05"),
                &journals
            ),
            "- Yesterday: [[Nov 26th, 2026]]\n- 09:05 on [[Nov 27th, 2026]], <% next monday %>"
        );
    }

    #[test]
    fn whitespace_control_applies_to_filled_commands_only() {
        assert_eq!(filled("a\n<%- tp.file.title -%>\nb"), "a2026-11-27b");
        assert_eq!(
            filled("a \r\n\t<%_ tp.file.title _%>  \n b"),
            "a2026-11-27b"
        );
        assert_eq!(
            filled("---\n<%* tR += 'x' -%>\ndate: <% tp.date.now() %>\n---\n"),
            "---\n<%* tR += 'x' -%>\ndate: 2026-11-27\n---\n"
        );
        assert_eq!(filled("x\n\n<%- tp.file.title %>"), "x\n2026-11-27");
    }
}
