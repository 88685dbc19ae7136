//! Replay and share: today's (or the last days') wins at a glance with the same date in past
//! months and years ("on this day"), one past win at random for a shell greeting, and a short
//! message of a week's or a day's wins with links, tags and times taken out, ready to paste into
//! a chat.

use std::collections::BTreeMap;
use std::io::{self, Write};

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::Serialize;

use crate::config::Config;
use crate::dates::Week;
use crate::error::Result;
use crate::journal::{self, Journal};
use crate::list::WinFilter;
use crate::markdown::plain::{markdown_text, plain_text, terminal_text};
use crate::model::Win;
use crate::stats::{self, Scores, Tally};
use crate::templates::Templates;
use crate::term::{Paint, Style};
use crate::words;

/// The template of `share --format text`.
pub const SHARE_TEXT_TEMPLATE: &str = "share.txt.j2";
/// The template of `share --format markdown`.
pub const SHARE_MARKDOWN_TEMPLATE: &str = "share.md.j2";

/// Output formats of `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TodayFormat {
    /// The days and their wins, then on this day.
    #[default]
    Text,
    /// [`TodayReport`] as JSON.
    Json,
}

/// What `today` replays: the last days' wins, then the same date in past months and years.
#[derive(Debug, Serialize)]
pub struct TodayReport<'a> {
    /// The last day shown.
    pub today: NaiveDate,
    /// `goal.daily`.
    pub daily_goal: u32,
    /// The days asked for, oldest first.
    pub days: Vec<DayReplay<'a>>,
    /// Wins of this date one month ago, then one, two, … years ago (days without wins left out).
    pub on_this_day: Vec<Memory<'a>>,
}

/// One day of `today`.
#[derive(Debug, Serialize)]
pub struct DayReplay<'a> {
    /// The day.
    pub date: NaiveDate,
    /// Its wins.
    pub count: usize,
    /// At least `goal.daily` wins.
    pub goal_met: bool,
    /// A rest weekday, a rest-tagged note or a day of a break.
    pub rest: bool,
    /// Its wins, in the notes' order.
    pub wins: Vec<&'a Win>,
}

/// The wins of one earlier day that falls on today's date.
#[derive(Debug, Serialize)]
pub struct Memory<'a> {
    /// `1 month ago`, `1 year ago`, `2 years ago` …
    pub ago: String,
    /// How many months back: 1, 12, 24 …
    pub months: u32,
    /// The day.
    pub date: NaiveDate,
    /// Its wins, in the notes' order.
    pub wins: Vec<&'a Win>,
}

/// What `today` needs of the vault, gathered while it is read: the scores of every day, the
/// first day with a win, and whole only the notes of the days it can show (the last days and this
/// date in earlier months and years), so memory stays flat however large the vault.
#[derive(Debug)]
pub struct TodaySource {
    /// The notes with wins on the days `today` can show, with every problem met reading the vault.
    pub shown: Journal,
    scores: Scores,
    first_win: Option<NaiveDate>,
}

impl TodaySource {
    /// Reads the vault of `config` for a replay of the `days` days ending on its today.
    pub fn load(config: &Config, days: u32) -> TodaySource {
        let today = config.today;
        let window = i64::from(days.max(1));
        let month_ago = same_date_back(today, 1);
        let shows = |date: NaiveDate| {
            let back = (today - date).num_days();
            let years = today.year() - date.year();
            (0..window).contains(&back)
                || month_ago.contains(&date)
                || (years >= 1
                    && date.month() == today.month()
                    && u32::try_from(years)
                        .is_ok_and(|years| same_date_back(today, years * 12).contains(&date)))
        };
        let empty = || (Tally::new(today), None::<NaiveDate>, Vec::new());
        let ((tally, first_win, mut notes), diagnostics) = journal::fold_notes(
            config,
            empty,
            |(mut tally, first_win, mut notes), note| {
                tally.add(&note);
                if note.wins.is_empty() {
                    return (tally, first_win, notes);
                }
                let first_win = Some(first_win.map_or(note.date, |first| note.date.min(first)));
                if shows(note.date) {
                    notes.push(note);
                }
                (tally, first_win, notes)
            },
            |(tally, first, mut notes), (their_tally, their_first, mut theirs)| {
                notes.append(&mut theirs);
                let first_win = first.into_iter().chain(their_first).min();
                (tally.merge(their_tally), first_win, notes)
            },
        );
        notes.sort_unstable_by(|a, b| (a.date, &a.source).cmp(&(b.date, &b.source)));
        TodaySource {
            shown: Journal { notes, diagnostics },
            scores: stats::score_tally(tally, &config.goal, config.review.week_start),
            first_win,
        }
    }

    /// Whether the vault holds any win at all.
    pub fn has_wins(&self) -> bool {
        self.first_win.is_some()
    }
}

/// Gathers the wins of the `days` days ending today and of this date in the past.
pub fn today_report<'a>(config: &Config, source: &'a TodaySource, days: u32) -> TodayReport<'a> {
    let wins = source.shown.wins_in_note_order();
    let first_year = source.first_win.map(|date| date.year());
    report(
        config,
        &source.scores,
        first_year,
        wins,
        config.today,
        days,
        true,
    )
}

/// The wins of one day, without memories: what `add` replays after a session.
pub fn day_report<'a>(config: &Config, journal: &'a Journal, date: NaiveDate) -> TodayReport<'a> {
    let scores = stats::score(&journal.notes, config, date);
    report(
        config,
        &scores,
        None,
        journal.wins_in_note_order(),
        date,
        1,
        false,
    )
}

/// The report of `wins` (in note order) with `scores` as of `today`; memories reach back to
/// `first_year`, the year of the first win.
fn report<'a>(
    config: &Config,
    scores: &Scores,
    first_year: Option<i32>,
    wins: Vec<&'a Win>,
    today: NaiveDate,
    days: u32,
    memories: bool,
) -> TodayReport<'a> {
    let mut by_day: BTreeMap<NaiveDate, Vec<&Win>> = BTreeMap::new();
    for win in wins {
        by_day.entry(win.date).or_default().push(win);
    }
    let goal = usize::try_from(config.goal.daily).unwrap_or(usize::MAX);
    let days = (0..days.max(1))
        .rev()
        .filter_map(|back| today.checked_sub_days(Days::new(back.into())))
        .map(|date| {
            let wins = by_day.get(&date).cloned().unwrap_or_default();
            DayReplay {
                date,
                count: wins.len(),
                goal_met: wins.len() >= goal,
                rest: scores.day(date).rest,
                wins,
            }
        })
        .collect();
    let years = u32::try_from(today.year() - first_year.unwrap_or(today.year())).unwrap_or(0);
    let on_this_day = std::iter::once(1)
        .filter(|_| memories)
        .chain((1..=years).filter(|_| memories).map(|year| year * 12))
        .flat_map(|months| {
            same_date_back(today, months)
                .into_iter()
                .map(move |date| (months, date))
        })
        .filter_map(|(months, date)| {
            let wins = by_day.get(&date)?.clone();
            Some(Memory {
                ago: months_ago(months),
                months,
                date,
                wins,
            })
        })
        .collect();
    TodayReport {
        today,
        daily_goal: config.goal.daily,
        days,
        on_this_day,
    }
}

/// The days `months` months before `today` that fall on its date. On the last day of a month
/// that is every day from that date to the end of the earlier month, so 31 March is
/// remembered on 30 April and a leap day on 28 February; a date the earlier month lacks (30 March
/// → February) has none, as February's last day was remembered on 28 March.
pub fn same_date_back(today: NaiveDate, months: u32) -> Vec<NaiveDate> {
    let Some(month) = today
        .with_day(1)
        .and_then(|first| first.checked_sub_months(Months::new(months)))
    else {
        return Vec::new();
    };
    let last = days_in_month(month);
    let day = today.day();
    let until = if today.succ_opt().is_some_and(|next| next.day() == 1) {
        last
    } else {
        day.min(last)
    };
    (day..=until).filter_map(|d| month.with_day(d)).collect()
}

fn days_in_month(first: NaiveDate) -> u32 {
    first
        .checked_add_months(Months::new(1))
        .and_then(|next| next.pred_opt())
        .map_or(31, |last| last.day())
}

fn months_ago(months: u32) -> String {
    match months {
        1 => "1 month ago".to_owned(),
        12 => "1 year ago".to_owned(),
        m if m % 12 == 0 => format!("{} years ago", m / 12),
        m => format!("{m} months ago"),
    }
}

/// Prints `report` in `format`; `paint` colours the text's headers and times.
pub fn write_today(
    out: &mut dyn Write,
    report: &TodayReport,
    format: TodayFormat,
    paint: Paint,
) -> io::Result<()> {
    match format {
        TodayFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, report)?;
            writeln!(out)
        }
        TodayFormat::Text => write_today_text(out, report, paint),
    }
}

fn write_today_text(out: &mut dyn Write, report: &TodayReport, paint: Paint) -> io::Result<()> {
    for (i, day) in report.days.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        write_day(out, day, report, paint)?;
    }
    if report.on_this_day.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "{}", paint.paint(Style::BOLD, "On this day"))?;
    for memory in &report.on_this_day {
        writeln!(
            out,
            "  {}",
            paint.paint(
                Style::HEED,
                &format!("{} · {}", memory.ago, memory.date.format("%a %-d %b %Y"))
            )
        )?;
        for win in &memory.wins {
            write_win(out, "    ", win, paint)?;
        }
    }
    Ok(())
}

/// One day's header and wins.
fn write_day(
    out: &mut dyn Write,
    day: &DayReplay,
    report: &TodayReport,
    paint: Paint,
) -> io::Result<()> {
    let mut header = format!(
        "{} · {}/{} wins",
        day.date.format("%a %-d %b %Y"),
        day.count,
        report.daily_goal
    );
    if day.goal_met {
        header.push_str(&paint.paint(Style::GOOD, " · goal met"));
    }
    if day.rest {
        header.push_str(" · rest day");
    }
    writeln!(out, "{}", paint.paint(Style::BOLD, &header))?;
    if day.wins.is_empty() {
        let empty = match (day.date == report.today, day.rest) {
            (true, _) => "No wins yet today — what went well? (smallwins add \"…\")",
            (false, true) => "Rest day.",
            (false, false) => "No wins.",
        };
        writeln!(out, "  {empty}")?;
    }
    for win in &day.wins {
        write_win(out, "  ", win, paint)?;
    }
    Ok(())
}

fn write_win(out: &mut dyn Write, indent: &str, win: &Win, paint: Paint) -> io::Result<()> {
    let time = win.time.as_deref().unwrap_or("     ");
    let text = terminal_text(&win.text);
    writeln!(out, "{indent}{}  {text}", paint.paint(Style::DIM, time))
}

/// One past win at random: dated before today, passing `filter` (its dates from `since` on,
/// its tags, a win tag meaning the wins tagged with it), and with some text to show. The
/// same `seed` picks the same win from the same wins.
pub fn random_win(
    journal: &Journal,
    today: NaiveDate,
    filter: WinFilter,
    seed: u64,
) -> Option<&Win> {
    let filter = WinFilter {
        until: today.pred_opt(),
        ..filter
    };
    let wins: Vec<&Win> = journal
        .wins()
        .into_iter()
        .filter(|win| filter.accepts(win) && !plain_text(&win.text).is_empty())
        .collect();
    let len = u64::try_from(wins.len()).ok()?;
    // Lemire's multiply-shift maps the 64 random bits onto 0..len without a modulo's bias.
    let index = (u128::from(splitmix64(seed)) * u128::from(len)) >> 64;
    wins.get(usize::try_from(index).ok()?).copied()
}

/// SplitMix64: one well-mixed 64-bit number from a seed, all that one pick needs.
fn splitmix64(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Prints a replayed win: how long ago, the day, and its plain text.
pub fn write_replay(
    out: &mut dyn Write,
    win: &Win,
    today: NaiveDate,
    paint: Paint,
) -> io::Result<()> {
    let sparkle = if paint.is_on() { "✨ " } else { "" };
    let when = format!(
        "{} ({})",
        ago(win.date, today),
        win.date.format("%a %-d %b %Y")
    );
    writeln!(
        out,
        "{sparkle}{}: {}",
        paint.paint(Style::DIM, &when),
        plain_text(&win.text)
    )
}

/// How long before `today` a day was: `yesterday`, `5 days ago`, `3 weeks ago`, `4 months ago`,
/// `2 years ago`.
pub fn ago(date: NaiveDate, today: NaiveDate) -> String {
    let days = (today - date).num_days();
    let months = (today.year() - date.year()) * 12 + today.month() as i32
        - date.month() as i32
        - i32::from(today.day() < date.day());
    let plural = |n: i64, unit: &str| format!("{n} {unit}{} ago", if n == 1 { "" } else { "s" });
    match days {
        ..=0 => "today".to_owned(),
        1 => "yesterday".to_owned(),
        2..=13 => plural(days, "day"),
        _ if months < 2 => plural(days / 7, "week"),
        _ if months < 24 => plural(months.into(), "month"),
        _ => plural((months / 12).into(), "year"),
    }
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

    /// Whether the period ended before `today` (nothing more can be recorded for it now).
    fn is_past(self, today: NaiveDate) -> bool {
        match self {
            SharePeriod::Week(week) => week.last_day() < today,
            SharePeriod::Day(day) => day < today,
        }
    }

    /// What an empty past period says: "no wins that week".
    fn none_then(self) -> &'static str {
        match self {
            SharePeriod::Week(_) => "no wins that week",
            SharePeriod::Day(_) => "no wins that day",
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

/// Builds the share context: the period's wins up to today, as plain text or, for `markdown`,
/// as markdown without links and tags.
pub fn share_context(
    config: &Config,
    journal: &Journal,
    period: SharePeriod,
    format: ShareFormat,
) -> ShareContext {
    let wins: Vec<&Win> = journal
        .wins_in_note_order()
        .into_iter()
        .filter(|win| period.contains(win.date) && win.date <= config.today)
        .collect();
    let mut days: Vec<ShareDay> = Vec::new();
    for win in &wins {
        let text = match format {
            ShareFormat::Text => plain_text(&win.text),
            ShareFormat::Markdown => markdown_text(&win.text),
        };
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
    let headline = match (count, period) {
        (0, _) if period.is_past(config.today) => format!("{name}: {}.", period.none_then()),
        (0, _) => format!("{name}: no wins recorded yet."),
        (n, SharePeriod::Week(_)) => format!(
            "{name}: {} on {}",
            words::count(n, "small win", "small wins"),
            words::count(win_days, "day", "days")
        ),
        (n, SharePeriod::Day(_)) => {
            format!("{name}: {}", words::count(n, "small win", "small wins"))
        }
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
    Templates::new(&config.vault).render(template, share_context(config, journal, period, format))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::test_days::d;

    fn back(today: &str, months: u32) -> Vec<String> {
        same_date_back(d(today), months)
            .iter()
            .map(NaiveDate::to_string)
            .collect()
    }

    #[test]
    fn the_same_date_back_in_short_and_long_months() {
        let cases: &[(&str, u32, &[&str])] = &[
            ("2026-11-26", 1, &["2026-10-26"]),
            ("2026-11-26", 24, &["2024-11-26"]),
            // The last day of a month also remembers the later days of a longer month.
            ("2026-04-30", 1, &["2026-03-30", "2026-03-31"]),
            ("2026-02-28", 12, &["2025-02-28"]),
            ("2026-02-28", 24, &["2024-02-28", "2024-02-29"]),
            ("2026-03-31", 1, &[]),
            ("2026-03-28", 1, &["2026-02-28"]),
            // February has no 29th–31st in 2026: nothing is remembered from it on 29–31 March.
            ("2026-03-30", 1, &[]),
            ("2028-02-29", 12, &[]),
            ("2028-02-29", 48, &["2024-02-29"]),
            ("2026-01-31", 1, &["2025-12-31"]),
        ];
        for (today, months, want) in cases {
            assert_eq!(back(today, *months), *want, "{today} − {months} months");
        }
    }

    #[test]
    fn how_long_ago_in_words() {
        let today = d("2026-11-26");
        let cases = [
            ("2026-11-26", "today"),
            ("2026-11-25", "yesterday"),
            ("2026-11-13", "13 days ago"),
            ("2026-11-12", "2 weeks ago"),
            ("2026-09-27", "8 weeks ago"),
            ("2026-09-26", "2 months ago"),
            ("2024-11-27", "23 months ago"),
            ("2024-11-26", "2 years ago"),
        ];
        for (date, want) in cases {
            assert_eq!(ago(d(date), today), want, "{date}");
        }
    }

    #[test]
    fn a_seed_picks_evenly_and_repeatably() {
        let mut seen = [0usize; 5];
        for seed in 0..5000 {
            let r = (u128::from(splitmix64(seed)) * 5) >> 64;
            seen[usize::try_from(r).unwrap()] += 1;
        }
        assert!(seen.iter().all(|&n| (900..1100).contains(&n)), "{seen:?}");
        assert_eq!(splitmix64(42), splitmix64(42));
    }
}
