//! Replay and share: today's (or the last days') wins at a glance, and a short message of a week's
//! or a day's wins with links, tags and times taken out, ready to paste into a chat.

use std::io::{self, Write};

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::config::Config;
use crate::dates::Week;
use crate::error::Result;
use crate::journal::Journal;
use crate::markdown::plain::{plain_text, strip_links};
use crate::model::Win;
use crate::stats;
use crate::templates::Templates;
use crate::term::{Paint, Style};

/// The template of `share --format text`.
pub const SHARE_TEXT_TEMPLATE: &str = "share.txt.j2";
/// The template of `share --format markdown`.
pub const SHARE_MARKDOWN_TEMPLATE: &str = "share.md.j2";

/// Prints the wins of the `days` days ending today, grouped by day, the most recent day last;
/// `paint` colours the headers and times.
pub fn write_today(
    out: &mut dyn Write,
    config: &Config,
    journal: &Journal,
    days: u32,
    paint: Paint,
) -> io::Result<()> {
    let today = config.today;
    let scores = stats::score(&journal.notes, config, today);
    let wins = journal.wins();
    let goal = usize::try_from(config.goal.daily).unwrap_or(usize::MAX);
    for back in (0..days.max(1)).rev() {
        let Some(date) = today.checked_sub_days(Days::new(back.into())) else {
            continue;
        };
        let day: Vec<&&Win> = wins.iter().filter(|win| win.date == date).collect();
        let rest = scores.day(date).rest;
        let mut header = format!(
            "{} · {}/{} wins",
            date.format("%a %-d %b %Y"),
            day.len(),
            goal
        );
        if day.len() >= goal {
            header.push_str(&paint.paint(Style::GOOD, " · goal met"));
        }
        if rest {
            header.push_str(" · rest day");
        }
        writeln!(out, "{}", paint.paint(Style::BOLD, &header))?;
        if day.is_empty() {
            let empty = match (date == today, rest) {
                (true, _) => "No wins yet today — what went well? (smallwins add \"…\")",
                (false, true) => "Rest day.",
                (false, false) => "No wins.",
            };
            writeln!(out, "  {empty}")?;
        }
        for win in day {
            let time = win.time.as_deref().unwrap_or("     ");
            let text = strip_links(&win.text);
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            writeln!(out, "  {}  {text}", paint.paint(Style::DIM, time))?;
        }
        if back > 0 {
            writeln!(out)?;
        }
    }
    Ok(())
}

/// Output formats of `share`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ShareFormat {
    /// Plain text for any chat.
    #[default]
    Text,
    /// Markdown for chats that render it.
    Markdown,
}

/// What `share` covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SharePeriod {
    /// A week (days after today are left out).
    Week(Week),
    /// One day.
    Day(NaiveDate),
}

impl SharePeriod {
    fn contains(self, date: NaiveDate) -> bool {
        match self {
            SharePeriod::Week(week) => week.first_day() <= date && date <= week.last_day(),
            SharePeriod::Day(day) => day == date,
        }
    }

    /// How a person names the period: "This week", "Yesterday", "Week of 16 Nov 2026"…
    fn name(self, today: NaiveDate, start: crate::dates::WeekStart) -> String {
        let this_week = Week::containing(today, start);
        match self {
            SharePeriod::Week(week) if week == this_week => "This week".to_owned(),
            SharePeriod::Week(week) if week == this_week.prev() => "Last week".to_owned(),
            SharePeriod::Week(week) => format!("Week of {}", week.first_day().format("%-d %b %Y")),
            SharePeriod::Day(day) if day == today => "Today".to_owned(),
            SharePeriod::Day(day) if today.pred_opt() == Some(day) => "Yesterday".to_owned(),
            SharePeriod::Day(day) => day.format("%A %-d %b %Y").to_string(),
        }
    }

    fn label(self) -> String {
        match self {
            SharePeriod::Week(week) => week.label(),
            SharePeriod::Day(day) => day.format("%Y-%m-%d").to_string(),
        }
    }
}

/// What the share templates receive.
#[derive(Debug, Serialize)]
pub struct ShareContext {
    /// "This week: 7 small wins on 4 days".
    pub headline: String,
    /// `2026-W48` or `2026-11-26`.
    pub period: String,
    /// Wins in the period.
    pub count: usize,
    /// Days with at least one win.
    pub win_days: usize,
    /// The wins' plain text, in order.
    pub wins: Vec<String>,
    /// The same wins grouped by day.
    pub days: Vec<ShareDay>,
}

/// One day of a share message.
#[derive(Debug, Serialize)]
pub struct ShareDay {
    /// `2026-11-26`.
    pub date: String,
    /// `Thursday`.
    pub weekday: String,
    /// The day's wins as plain text.
    pub wins: Vec<String>,
}

/// Builds the share context: the period's wins up to today, as plain text.
pub fn share_context(config: &Config, journal: &Journal, period: SharePeriod) -> ShareContext {
    let wins: Vec<&Win> = journal
        .wins()
        .into_iter()
        .filter(|win| period.contains(win.date) && win.date <= config.today)
        .collect();
    let mut days: Vec<ShareDay> = Vec::new();
    for win in &wins {
        let text = plain_text(&win.text);
        if text.is_empty() {
            continue;
        }
        let date = win.date.format("%Y-%m-%d").to_string();
        match days.last_mut() {
            Some(day) if day.date == date => day.wins.push(text),
            _ => days.push(ShareDay {
                date,
                weekday: win.date.format("%A").to_string(),
                wins: vec![text],
            }),
        }
    }
    // Count what the message shows: a win with no text left (an embed alone) is not listed.
    let count = days.iter().map(|day| day.wins.len()).sum();
    let win_days = days.len();
    let name = period.name(config.today, config.review.week_start);
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let headline = match (count, period) {
        (0, _) => format!("{name}: no wins recorded yet."),
        (n, SharePeriod::Week(_)) => format!(
            "{name}: {} on {}",
            plural(n, "small win", "small wins"),
            plural(win_days, "day", "days")
        ),
        (n, SharePeriod::Day(_)) => format!("{name}: {}", plural(n, "small win", "small wins")),
    };
    ShareContext {
        headline,
        period: period.label(),
        count,
        win_days,
        wins: days.iter().flat_map(|day| day.wins.clone()).collect(),
        days,
    }
}

/// Renders the share message of `period` from the vault's (or the bundled) template.
pub fn share(
    config: &Config,
    journal: &Journal,
    period: SharePeriod,
    format: ShareFormat,
) -> Result<String> {
    let template = match format {
        ShareFormat::Text => SHARE_TEXT_TEMPLATE,
        ShareFormat::Markdown => SHARE_MARKDOWN_TEMPLATE,
    };
    Templates::new(&config.vault).render(template, share_context(config, journal, period))
}
