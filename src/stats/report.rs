//! The `stats` command's output: a friendly text summary with a 12-week heatmap, or the
//! figures of SPEC §4 as JSON.

use std::collections::BTreeMap;
use std::io::{self, Write};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::{Scores, Streak, StreakPair, WeekScore};
use crate::dates::{self, Week};
use crate::term::{Paint, Style};
use crate::words::count;

/// Output formats of `stats`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatsFormat {
    /// A friendly summary and a 12-week heatmap.
    #[default]
    Text,
    /// The figures of SPEC §4 as a JSON object.
    Json,
}

/// Writes `scores` in `format`; `paint` colours the text format.
pub fn write_stats(
    out: &mut dyn Write,
    scores: &Scores,
    format: StatsFormat,
    paint: Paint,
) -> io::Result<()> {
    match format {
        StatsFormat::Text => write_text(out, scores, paint),
        StatsFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &JsonScores::from(scores))?;
            writeln!(out)
        }
    }
}

/// `stats --format json`: exactly the fields of SPEC §4, in its order.
#[derive(Serialize)]
struct JsonScores<'a> {
    today: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    period: Option<JsonPeriod>,
    wins: usize,
    win_days: usize,
    goal_days: usize,
    daily_goal: u32,
    current_streak: Streak,
    longest_streak: JsonLongest,
    goal_streak: StreakPair,
    week_streak: StreakPair,
    tags: &'a BTreeMap<String, usize>,
    weekdays: JsonWeekdays,
    weeks: &'a [WeekScore],
}

/// The period the figures cover (`stats --year`, `--since`, `--until`).
#[derive(Serialize)]
struct JsonPeriod {
    since: NaiveDate,
    until: NaiveDate,
}

/// The longest streak has no `at_risk`: it is history.
#[derive(Serialize)]
struct JsonLongest {
    days: u32,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
}

/// Named fields keep `mon`…`sun` in week order (a map would sort them).
#[derive(Serialize)]
struct JsonWeekdays {
    mon: usize,
    tue: usize,
    wed: usize,
    thu: usize,
    fri: usize,
    sat: usize,
    sun: usize,
}

impl<'a> From<&'a Scores> for JsonScores<'a> {
    fn from(scores: &'a Scores) -> Self {
        let [mon, tue, wed, thu, fri, sat, sun] = scores.weekdays;
        let longest = scores.longest_streak;
        JsonScores {
            today: scores.today,
            period: scores
                .period
                .map(|(since, until)| JsonPeriod { since, until }),
            wins: scores.wins,
            win_days: scores.win_days,
            goal_days: scores.goal_days,
            daily_goal: scores.daily_goal,
            current_streak: scores.current_streak,
            longest_streak: JsonLongest {
                days: longest.days,
                start: longest.start,
                end: longest.end,
            },
            goal_streak: scores.goal_streak,
            week_streak: scores.week_streak,
            tags: &scores.tags,
            weekdays: JsonWeekdays {
                mon,
                tue,
                wed,
                thu,
                fri,
                sat,
                sun,
            },
            weeks: &scores.weeks,
        }
    }
}

/// Weeks shown in the text heatmap.
pub const HEATMAP_WEEKS: usize = 12;

/// The most weeks the text heatmap of a period shows (a year; a longer period shows its end).
pub const PERIOD_HEATMAP_WEEKS: usize = 53;

/// Tags shown in the text summary.
const TOP_TAGS: usize = 5;

fn write_text(out: &mut dyn Write, scores: &Scores, paint: Paint) -> io::Result<()> {
    let Some(today) = scores.today else {
        return Ok(());
    };
    write_headline(out, scores, today, paint)?;
    writeln!(out)?;
    write_streaks(out, scores, today, paint)?;
    if !scores.closed {
        write_today(out, scores, today, paint)?;
    }
    write_top_tags(out, scores, paint)?;
    writeln!(out)?;
    write_heatmap(out, scores, today, paint)
}

fn write_headline(
    out: &mut dyn Write,
    scores: &Scores,
    today: NaiveDate,
    paint: Paint,
) -> io::Result<()> {
    let first = scores.first_day.filter(|_| scores.wins > 0);
    let span = match (first, scores.period) {
        (None, Some((since, until))) => {
            return writeln!(out, "No wins {}.", period_text(since, until));
        }
        (None, None) => {
            return writeln!(
                out,
                "No wins yet as of {}. Write one down: smallwins add \"…\"",
                long_date(today)
            );
        }
        (Some(_), Some((since, until))) => period_text(since, until),
        (Some(first), None) => format!("since {}", short_date(first, today)),
    };
    writeln!(
        out,
        "{} on {} {span} · {} met the daily goal of {}",
        paint.paint(Style::BOLD, &count(scores.wins, "win", "wins")),
        count(scores.win_days, "day", "days"),
        count(scores.goal_days, "day", "days"),
        scores.daily_goal
    )
}

fn write_streaks(
    out: &mut dyn Write,
    scores: &Scores,
    today: NaiveDate,
    paint: Paint,
) -> io::Result<()> {
    let current = scores.current_streak;
    let resting = current.days > 0 && scores.day(today).rest && !scores.day(today).win_day;
    let note = if current.at_risk {
        format!(
            " · {}",
            paint.paint(Style::HEED, "no win yet today: one keeps it alive")
        )
    } else if let Some(on_break) = scores.break_on(today).filter(|_| resting) {
        format!(" · on a break until {}", short_date(on_break.to, today))
    } else if resting {
        " · rest day today".to_owned()
    } else {
        String::new()
    };
    let (label, none) = if scores.closed {
        ("Streak at end", "none".to_owned())
    } else {
        (
            "Current streak",
            "none yet · today's first win starts one".to_owned(),
        )
    };
    let current_text = if current.days == 0 {
        none
    } else {
        format!("{}{note}", streak_text(current, today, paint))
    };
    row(out, paint, label, &current_text)?;
    let longest_text = if scores.longest_streak.days == 0 {
        "none yet".to_owned()
    } else {
        streak_text(scores.longest_streak, today, paint)
    };
    row(out, paint, "Longest streak", &longest_text)?;
    let now = if scores.closed { "at the end" } else { "now" };
    row(
        out,
        paint,
        "Goal streak",
        &format!(
            "{} {now} · longest {} (days with {}+ wins)",
            count(scores.goal_streak.current as usize, "day", "days"),
            scores.goal_streak.longest,
            scores.daily_goal
        ),
    )?;
    row(
        out,
        paint,
        "Week streak",
        &format!(
            "{} {now} · longest {} (weeks with {}+ wins)",
            count(scores.week_streak.current as usize, "week", "weeks"),
            scores.week_streak.longest,
            scores.weekly_goal
        ),
    )
}

fn streak_text(streak: Streak, today: NaiveDate, paint: Paint) -> String {
    let days = paint.paint(Style::BOLD, &count(streak.days as usize, "day", "days"));
    match (streak.start, streak.end) {
        (Some(start), Some(end)) if start == end => {
            format!("{days} · {}", short_date(start, today))
        }
        (Some(start), Some(end)) => format!(
            "{days} · {} → {}",
            short_date(start, today),
            short_date(end, today)
        ),
        _ => days,
    }
}

fn write_today(
    out: &mut dyn Write,
    scores: &Scores,
    today: NaiveDate,
    paint: Paint,
) -> io::Result<()> {
    let day = scores.day(today);
    let goal = scores.daily_goal as usize;
    let verdict = if day.goal_day {
        paint.paint(Style::GOOD, "goal met")
    } else if scores.break_on(today).is_some() {
        "on a break".to_owned()
    } else if day.rest {
        "rest day".to_owned()
    } else {
        format!("{} to go", count(goal - day.wins, "win", "wins"))
    };
    row(
        out,
        paint,
        "Today",
        &format!(
            "{} {} today (goal {goal}) · {verdict}",
            paint.paint(Style::GOOD, &meter(day.wins, goal)),
            count(day.wins, "win", "wins"),
        ),
    )?;
    let week = scores.week(today);
    let weekly = scores.weekly_goal as usize;
    let verdict = if week.wins >= weekly {
        paint.paint(Style::GOOD, "weekly goal met")
    } else {
        format!("{} more for the weekly goal", weekly - week.wins)
    };
    row(
        out,
        paint,
        "This week",
        &format!(
            "{} on {} · {verdict} ({})",
            count(week.wins, "win", "wins"),
            count(week.win_days, "day", "days"),
            week.week
        ),
    )
}

/// The most dots the day's meter shows, however high the daily goal.
const METER_DOTS: usize = 10;

/// The day's progress towards the goal as filled and empty dots: one per win of the goal, or
/// [`METER_DOTS`] in proportion when the goal is higher; never more than the goal's worth.
fn meter(wins: usize, goal: usize) -> String {
    let dots = goal.min(METER_DOTS);
    let filled = if wins >= goal {
        dots
    } else {
        wins * dots / goal.max(1)
    };
    format!("{}{}", "●".repeat(filled), "○".repeat(dots - filled))
}

fn write_top_tags(out: &mut dyn Write, scores: &Scores, paint: Paint) -> io::Result<()> {
    let mut tags: Vec<(&String, &usize)> = scores.tags.iter().collect();
    tags.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    if tags.is_empty() {
        return Ok(());
    }
    let shown: Vec<String> = tags
        .iter()
        .take(TOP_TAGS)
        .map(|(tag, n)| format!("#{tag} {n}"))
        .collect();
    row(out, paint, "Top tags", &shown.join(" · "))
}

fn row(out: &mut dyn Write, paint: Paint, label: &str, text: &str) -> io::Result<()> {
    writeln!(
        out,
        "  {} {text}",
        paint.paint(Style::DIM, &format!("{label:<16}"))
    )
}

/// The heatmap: weekday rows, [`HEATMAP_WEEKS`] week columns ending with today's week.
fn write_heatmap(
    out: &mut dyn Write,
    scores: &Scores,
    today: NaiveDate,
    paint: Paint,
) -> io::Result<()> {
    let mut columns = vec![Week::containing(today, scores.week_start)];
    let (first, most) = match scores.period {
        Some((since, _)) => (
            Some(Week::containing(since, scores.week_start)),
            PERIOD_HEATMAP_WEEKS,
        ),
        None => (None, HEATMAP_WEEKS),
    };
    while columns.len() < most {
        let Some(earliest) = columns.first().filter(|week| Some(**week) > first) else {
            break;
        };
        columns.insert(0, earliest.prev());
    }
    writeln!(out, "      {}", month_labels(&columns).trim_end())?;
    for row_index in 0..7 {
        let dates: Vec<NaiveDate> = columns
            .iter()
            .filter_map(|week| week.days().nth(row_index))
            .collect();
        let label = dates
            .first()
            .map(|date| date.weekday().to_string())
            .unwrap_or_default();
        let cells: Vec<String> = dates
            .iter()
            .map(|date| cell(scores, *date, today, paint))
            .collect();
        writeln!(
            out,
            "  {} {}",
            paint.paint(Style::DIM, &label),
            cells.join(" ").trim_end()
        )?;
    }
    let legend: Vec<String> = LEGEND
        .iter()
        .map(|(symbol, style, name)| format!("{} {name}", paint.paint(*style, symbol)))
        .collect();
    writeln!(out, "      {}", legend.join("  "))
}

/// Legend entries: symbol, colour, meaning.
const LEGEND: [(&str, Style, &str); 6] = [
    ("·", Style::EMPTY, "none"),
    ("░", Style::LEVELS[0], "some"),
    ("▒", Style::LEVELS[1], "near goal"),
    ("▓", Style::LEVELS[2], "goal"),
    ("█", Style::LEVELS[3], "2× goal"),
    ("-", Style::REST, "rest"),
];

/// One day's cell: intensity against the daily goal, `-` for rest, blank in the future and
/// before the period.
fn cell(scores: &Scores, date: NaiveDate, today: NaiveDate, paint: Paint) -> String {
    if date > today || scores.period.is_some_and(|(since, _)| date < since) {
        return " ".to_owned();
    }
    let day = scores.day(date);
    let goal = scores.daily_goal as usize;
    let level = match day.wins {
        0 if day.rest => 5,
        0 => 0,
        wins if wins >= 2 * goal => 4,
        wins if wins >= goal => 3,
        wins if 2 * wins >= goal => 2,
        _ => 1,
    };
    let Some((symbol, style, _)) = LEGEND.get(level) else {
        return " ".to_owned();
    };
    if date == today {
        paint.paint(style.underlined(), symbol)
    } else {
        paint.paint(*style, symbol)
    }
}

/// Month names over the first column whose top day lies in a new month, as on GitHub's calendar;
/// the leftmost column's month is left out when the next month would overlap it.
fn month_labels(columns: &[Week]) -> String {
    let months: Vec<NaiveDate> = columns.iter().map(Week::first_day).collect();
    let starts: Vec<usize> = (0..months.len())
        .filter(|&i| {
            i == 0 || months.get(i - 1).map(Datelike::month) != months.get(i).map(Datelike::month)
        })
        .collect();
    let mut line = String::new();
    for (k, &column) in starts.iter().enumerate() {
        let crowded = starts.get(k + 1).is_some_and(|next| next - column < 2);
        let Some(first) = months.get(column).filter(|_| !crowded) else {
            continue;
        };
        while line.chars().count() < column * 2 {
            line.push(' ');
        }
        line.push_str(dates::month_short(*first));
    }
    line
}

/// `16 Nov`, with the year when it is not today's.
fn short_date(date: NaiveDate, today: NaiveDate) -> String {
    if date.year() == today.year() {
        date.format("%-d %b").to_string()
    } else {
        date.format("%-d %b %Y").to_string()
    }
}

/// `from 1 Jan to 31 Dec 2021`: a period, with its year.
fn period_text(since: NaiveDate, until: NaiveDate) -> String {
    if since.year() == until.year() {
        format!(
            "from {} to {}",
            since.format("%-d %b"),
            until.format("%-d %b %Y")
        )
    } else {
        format!(
            "from {} to {}",
            since.format("%-d %b %Y"),
            until.format("%-d %b %Y")
        )
    }
}

/// `Thu 26 Nov 2026`.
fn long_date(date: NaiveDate) -> String {
    date.format("%a %-d %b %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Goal;
    use crate::dates::WeekStart;
    use crate::stats::score_with;
    use crate::stats::tests::{d, notes};

    fn json_of(scores: &Scores) -> String {
        let mut out = Vec::new();
        write_stats(&mut out, scores, StatsFormat::Json, Paint::plain()).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn json_has_the_spec_fields_in_the_spec_order() {
        let scores = score_with(
            &notes(&[("2026-11-25", 1)]),
            &Goal::default(),
            WeekStart::Monday,
            d("2026-11-26"),
        );
        let json = json_of(&scores);
        let keys = [
            "\"today\"",
            "\"wins\"",
            "\"win_days\"",
            "\"goal_days\"",
            "\"daily_goal\"",
            "\"current_streak\"",
            "\"at_risk\"",
            "\"longest_streak\"",
            "\"goal_streak\"",
            "\"week_streak\"",
            "\"tags\"",
            "\"weekdays\"",
            "\"mon\"",
            "\"tue\"",
            "\"wed\"",
            "\"thu\"",
            "\"fri\"",
            "\"sat\"",
            "\"sun\"",
            "\"weeks\"",
        ];
        let positions: Vec<usize> = keys.iter().map(|key| json.find(key).unwrap()).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{json}");
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["longest_streak"].as_object().unwrap().len(), 3);
        assert_eq!(value["current_streak"]["at_risk"], true);
    }

    #[test]
    fn json_absent_streak_is_zero_and_null() {
        let scores = score_with(&[], &Goal::default(), WeekStart::Monday, d("2026-11-26"));
        let value: serde_json::Value = serde_json::from_str(&json_of(&scores)).unwrap();
        assert_eq!(
            value["current_streak"],
            serde_json::json!({"days": 0, "start": null, "end": null, "at_risk": false})
        );
        assert_eq!(
            value["longest_streak"],
            serde_json::json!({"days": 0, "start": null, "end": null})
        );
        assert_eq!(value["weeks"], serde_json::json!([]));
        assert_eq!(value["today"], "2026-11-26");
    }

    #[test]
    fn heatmap_cells_differ_without_colour() {
        let notes = notes(&[
            ("2026-11-16", 0),
            ("2026-11-17", 1),
            ("2026-11-18", 2),
            ("2026-11-19", 3),
            ("2026-11-20", 6),
            ("2026-11-21", -1),
        ]);
        let scores = score_with(&notes, &Goal::default(), WeekStart::Monday, d("2026-11-22"));
        let paint = Paint::plain();
        let cells: Vec<String> = d("2026-11-16")
            .iter_days()
            .take(8)
            .map(|day| cell(&scores, day, d("2026-11-22"), paint))
            .collect();
        assert_eq!(cells, ["·", "░", "▒", "▓", "█", "-", "·", " "]);
    }

    #[test]
    fn meter_stops_at_the_goal_and_at_ten_dots() {
        assert_eq!(meter(0, 3), "○○○");
        assert_eq!(meter(2, 3), "●●○");
        assert_eq!(meter(14, 3), "●●●");
        assert_eq!(meter(5, 20), "●●○○○○○○○○");
        assert_eq!(meter(25, 20), "●●●●●●●●●●");
        assert_eq!(meter(0, 0), "");
    }

    #[test]
    fn month_labels_sit_over_the_first_column_of_each_month() {
        let today = d("2026-11-26");
        let mut columns = vec![Week::containing(today, WeekStart::Monday)];
        for _ in 1..HEATMAP_WEEKS {
            let earliest = columns[0].prev();
            columns.insert(0, earliest);
        }
        // Columns start on 7 Sep, 14 Sep, … 5 Oct (index 4), … 2 Nov (index 8), … 23 Nov.
        assert_eq!(month_labels(&columns), "Sep     Oct     Nov");
        // A first column whose month ends right away gives way to the next month's name.
        let crowded: Vec<Week> = columns[3..].to_vec();
        assert_eq!(month_labels(&crowded), "  Oct     Nov");
    }
}
