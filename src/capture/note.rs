//! A new daily note: the vault's Obsidian template with its core variables filled in, else the
//! bundled template.

use std::fs;

use chrono::{NaiveDate, NaiveTime, Timelike};
use serde::Serialize;

use super::DAILY_TEMPLATE;
use crate::config::Config;
use crate::dates::DateFormat;
use crate::error::Result;
use crate::model::Diagnostic;
use crate::paths;
use crate::templates::Templates;

/// The text of a new daily note: the vault's Obsidian template, else the bundled one.
pub(super) fn new_note(
    config: &Config,
    date: NaiveDate,
    now: NaiveTime,
    warnings: &mut Vec<Diagnostic>,
) -> Result<String> {
    let name = config.daily.format.format(date);
    let title = name.rsplit('/').next().unwrap_or(&name).to_owned();
    if let Some(template) = &config.daily.template {
        // A template that leads out of the vault (a symlink) is refused, not copied in.
        let path = paths::safe_input_path(&config.vault, template)?;
        match fs::read_to_string(&path) {
            Ok(text) => {
                return Ok(fill_template(
                    &text,
                    date,
                    now,
                    &config.daily.format,
                    &title,
                ))
            }
            Err(err) => warnings.push(Diagnostic::file_warning(
                template.clone(),
                format!("cannot read the daily template ({err}); using the bundled one"),
            )),
        }
    }
    let context = DailyContext {
        date: date.format("%Y-%m-%d").to_string(),
        title,
        weekday: date.format("%A").to_string(),
        long_date: date.format("%-d %B %Y").to_string(),
        wins_heading: config
            .rules
            .sections
            .first()
            .cloned()
            .unwrap_or_else(|| "Wins".to_owned()),
        win_tag: config
            .rules
            .tags
            .first()
            .cloned()
            .unwrap_or_else(|| "win".to_owned()),
    };
    Templates::new(&config.vault).render(DAILY_TEMPLATE, context)
}

/// What the bundled daily template receives.
#[derive(Debug, Serialize)]
struct DailyContext {
    date: String,
    title: String,
    weekday: String,
    long_date: String,
    wins_heading: String,
    win_tag: String,
}

/// Fills Obsidian core template variables: `{{date}}`, `{{date:FORMAT}}`, `{{time}}`,
/// `{{time:FORMAT}}`, `{{title}}`. `{{date}}` uses the daily note format, as Obsidian's daily
/// notes do; a format smallwins cannot print leaves its variable as written.
pub(super) fn fill_template(
    template: &str,
    date: NaiveDate,
    now: NaiveTime,
    daily_format: &DateFormat,
    title: &str,
) -> String {
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
        match fill_variable(inner, date, now, daily_format, title) {
            Some(value) => out.push_str(&value),
            None => out.push_str(variable),
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

fn fill_variable(
    inner: &str,
    date: NaiveDate,
    now: NaiveTime,
    daily_format: &DateFormat,
    title: &str,
) -> Option<String> {
    let (name, format) = match inner.split_once(':') {
        Some((name, format)) => (name.trim(), Some(format.trim())),
        None => (inner.trim(), None),
    };
    match (name.to_ascii_lowercase().as_str(), format) {
        ("title", None) => Some(title.to_owned()),
        ("date", None) => Some(daily_format.format(date)),
        ("time", None) => Some(now.format("%H:%M").to_string()),
        ("date" | "time", Some(format)) => format_moment(format, date, now),
        _ => None,
    }
}

/// Prints a moment.js format that may mix date tokens (handled by [`DateFormat`]) with the time
/// tokens `HH H hh h mm m ss s A a`; `None` when a date part is not understood.
pub(super) fn format_moment(format: &str, date: NaiveDate, time: NaiveTime) -> Option<String> {
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
mod tests {
    use super::*;

    #[test]
    fn template_variables_are_filled() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let time = NaiveTime::from_hms_opt(14, 5, 9).unwrap();
        let format = DateFormat::moment("YYYY/MM/YYYY-MM-DD").unwrap();
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
        ];
        for (template, want) in cases {
            assert_eq!(
                fill_template(template, date, time, &format, "2026-11-26"),
                want,
                "{template}"
            );
        }
    }
}
