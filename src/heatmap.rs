//! `heatmap`: a GitHub-style SVG calendar of one year (or of the last N days), a cell per day
//! coloured by wins against the daily goal and linked to its daily note, under a header with the
//! streaks and the total. The layout is computed here; `heatmap.svg.j2` draws it (and can be
//! restyled).
//!
//! Links: an SVG's links work only where the SVG is a document of its own (a browser tab, an
//! HTML page that inlines it), never where it is shown as an image (`![[heatmap.svg]]` in
//! Obsidian, an `<img>` on a web page). In a browser a relative path to a `.md` file shows raw
//! markdown, so in an Obsidian vault each day links to `obsidian://open?vault=…&file=…`, which
//! opens the note in Obsidian; elsewhere (a plain folder, a Logseq graph) it links to the
//! note's file by its path relative to the SVG, which a markdown viewer or a file browser opens.

use std::path::Path;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Serialize;

use crate::config::{Config, VaultStyle};
use crate::dates::{self, PeriodKind, WeekStart};
use crate::error::{Error, Result};
use crate::model::Note;
use crate::paths;
use crate::stats::{self, Scores};
use crate::templates::Templates;
use crate::vault::{self, PathKind};
use crate::write::{write_if_changed, WriteOutcome};

/// The template the calendar is drawn with.
pub const TEMPLATE: &str = "heatmap.svg.j2";

/// Side of one day's square, in pixels.
const CELL: i64 = 11;
/// Distance from one square to the next.
const STEP: i64 = 14;
/// Room for the weekday labels.
const LEFT: i64 = 36;
/// Room for the title, the header line and the month labels.
const TOP: i64 = 58;
/// Room for the legend under the grid.
const BOTTOM: i64 = 40;
/// Margin on the right.
const RIGHT: i64 = 16;
/// The narrowest image: the header and the legend need the room even for a short span.
const MIN_WIDTH: i64 = 420;

/// Which days a heatmap shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    /// A calendar year.
    Year(i32),
    /// The last N days, ending today.
    Last(u32),
}

/// Everything `heatmap.svg.j2` receives.
#[derive(Debug, Clone, Serialize)]
pub struct Heatmap {
    /// The calendar year of the first day.
    pub year: i32,
    /// Image width in pixels.
    pub width: i64,
    /// Image height in pixels.
    pub height: i64,
    /// Side of a day's square.
    pub cell: i64,
    /// `2026 · 113 wins on 40 days`.
    pub title: String,
    /// `Current streak 6 days · Longest streak 12 days · 113 wins`.
    pub header: String,
    /// The current streak (as of the last day shown, or today if earlier), in days.
    pub current_streak: u32,
    /// The longest streak among the days shown, in days.
    pub longest_streak: u32,
    /// Wins on the days shown.
    pub wins: usize,
    /// One square per day of the year, in date order.
    pub days: Vec<Cell>,
    /// Month names above the grid.
    pub months: Vec<Label>,
    /// Weekday names left of the grid.
    pub weekdays: Vec<Label>,
    /// The legend's squares, left to right.
    pub legend: Vec<LegendItem>,
    /// Where the legend's text goes.
    pub legend_y: i64,
}

/// One day's square.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    /// Left edge.
    pub x: i64,
    /// Top edge.
    pub y: i64,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Wins that day.
    pub wins: usize,
    /// CSS classes: the level (`none`, `some`, `most`, `goal`, `rest`, `future`), plus `rested`
    /// for a rest day that still has wins.
    pub class: String,
    /// The tooltip: `2026-11-23: 3 wins`.
    pub title: String,
    /// Where the day's daily note opens, when it has one.
    pub href: Option<String>,
}

/// A text label.
#[derive(Debug, Clone, Serialize)]
pub struct Label {
    /// Left edge (start of the text).
    pub x: i64,
    /// Baseline.
    pub y: i64,
    /// What it says.
    pub text: String,
}

/// One square of the legend.
#[derive(Debug, Clone, Serialize)]
pub struct LegendItem {
    /// Left edge.
    pub x: i64,
    /// Top edge.
    pub y: i64,
    /// The level class it shows.
    pub class: &'static str,
    /// A word after it, if any.
    pub text: Option<&'static str>,
}

/// The vault-relative default output path of a span: next to the yearly reviews, which embed
/// it (`Reviews/heatmap-2026.svg`, `Reviews/heatmap-last-365.svg`); in a Logseq graph in its
/// `assets/` folder, where Logseq keeps files that pages embed.
pub fn span_path(config: &Config, span: Span) -> String {
    let name = match span {
        Span::Year(year) => format!("heatmap-{year}.svg"),
        Span::Last(days) => format!("heatmap-last-{days}.svg"),
    };
    match config.style {
        VaultStyle::Logseq(_) => paths::in_folder("assets", &name),
        _ => paths::in_folder(config.review.location(PeriodKind::Year).folder, &name),
    }
}

/// The vault-relative default output path of `year`'s heatmap.
pub fn default_path(config: &Config, year: i32) -> String {
    span_path(config, Span::Year(year))
}

/// Where the SVG is written, so that its links can find the notes.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    /// A vault-relative path.
    InVault(&'a str),
    /// Somewhere else on disk (`--out FILE`).
    Outside(&'a Path),
    /// Standard output: links are relative to the vault root.
    Stdout,
}

/// Lays out `year`'s calendar from the notes (scores as of `config.today`).
pub fn build(notes: &[Note], config: &Config, year: i32) -> Result<Heatmap> {
    let scores = stats::score(notes, config, config.today);
    build_span(notes, config, &scores, Span::Year(year), Target::Stdout)
}

/// The first and last day a span shows.
fn span_days(config: &Config, span: Span) -> Result<(NaiveDate, NaiveDate)> {
    match span {
        Span::Year(year) => {
            let bad_year = || {
                Error::Usage(format!(
                    "`{year}` is not a year smallwins can draw: use a year like 2026"
                ))
            };
            let jan1 = NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(bad_year)?;
            let dec31 = NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(bad_year)?;
            Ok((jan1, dec31))
        }
        Span::Last(days) => {
            let back = Days::new(u64::from(days.max(1) - 1));
            let first = config.today.checked_sub_days(back).ok_or_else(|| {
                Error::Usage(format!("`--last {days}` reaches before the calendar"))
            })?;
            Ok((first, config.today))
        }
    }
}

/// Lays out the calendar of `span` from the notes and their `scores` (as of `config.today`),
/// each day linked to its daily note as seen from `target`.
pub fn build_span(
    notes: &[Note],
    config: &Config,
    scores: &Scores,
    span: Span,
    target: Target<'_>,
) -> Result<Heatmap> {
    let (first_day, last_day) = span_days(config, span)?;
    let start = config.review.week_start;
    let row = |date: NaiveDate| -> i64 {
        i64::from(match start {
            WeekStart::Monday => date.weekday().num_days_from_monday(),
            WeekStart::Sunday => date.weekday().num_days_from_sunday(),
        })
    };
    let column = |date: NaiveDate| ((date - first_day).num_days() + row(first_day)) / 7;
    let x_of = |col: i64| LEFT + col * STEP;
    let y_of = |row: i64| TOP + row * STEP;
    let daily_notes: std::collections::BTreeMap<NaiveDate, &str> = notes
        .iter()
        .filter(|note| note.date >= first_day && note.date <= last_day)
        .filter(|note| vault::classify(config, &note.source) == PathKind::Daily(note.date))
        .map(|note| (note.date, note.source.as_str()))
        .collect();

    let mut days = Vec::with_capacity(366);
    let (mut wins, mut win_days) = (0, 0);
    for date in first_day.iter_days().take_while(|date| *date <= last_day) {
        let score = scores.day(date);
        let future = date > config.today;
        let rest = !future && score.rest;
        wins += score.wins;
        win_days += usize::from(score.win_day);
        let level = stats::day_level(score.wins, rest, future, config.goal.daily);
        let plural = if score.wins == 1 { "win" } else { "wins" };
        let title = match level {
            "future" => format!("{date}: to come"),
            _ if rest => format!("{date}: {} {plural} (rest day)", score.wins),
            _ => format!("{date}: {} {plural}", score.wins),
        };
        days.push(Cell {
            x: x_of(column(date)),
            y: y_of(row(date)),
            date: date.to_string(),
            wins: score.wins,
            class: if rest && level != "rest" {
                format!("{level} rested")
            } else {
                level.to_owned()
            },
            title,
            href: daily_notes
                .get(&date)
                .map(|source| note_href(config, source, target)),
        });
    }

    let months = first_day
        .iter_days()
        .take_while(|date| *date <= last_day)
        .filter(|date| date.day() == 1 || *date == first_day)
        .filter_map(|first| {
            // A month whose first day is not at the top of its column is labelled over the
            // next column, the first one it fills from the top.
            let col = column(first) + i64::from(row(first) > 0);
            let fits = col <= column(last_day) && (first.day() == 1 || row(first) == 0);
            fits.then(|| Label {
                x: x_of(col),
                y: TOP - 6,
                text: dates::month_short(first).to_owned(),
            })
        })
        .collect();
    let weekdays = [Weekday::Mon, Weekday::Wed, Weekday::Fri]
        .into_iter()
        .map(|weekday| {
            let row = i64::from(match start {
                WeekStart::Monday => weekday.num_days_from_monday(),
                WeekStart::Sunday => weekday.num_days_from_sunday(),
            });
            Label {
                x: 4,
                y: y_of(row) + CELL - 1,
                text: format!("{weekday}"),
            }
        })
        .collect();

    let current = scores.win_streak_as_of(last_day.min(config.today)).days;
    let longest = scores
        .longest_streak_within(first_day, last_day, false)
        .days;
    let columns = column(last_day) + 1;
    let width = (LEFT + columns * STEP + RIGHT).max(MIN_WIDTH);
    let legend_top = TOP + 7 * STEP + 12;
    let legend = legend(width - RIGHT, legend_top);
    let name = match span {
        Span::Year(year) => year.to_string(),
        Span::Last(days) => format!("Last {days} days"),
    };
    let days_word = |n: u32| if n == 1 { "day" } else { "days" };
    let streak_label = if last_day >= config.today {
        "Current streak"
    } else {
        "Streak at the end"
    };
    Ok(Heatmap {
        year: first_day.year(),
        width,
        height: TOP + 7 * STEP + BOTTOM,
        cell: CELL,
        title: format!(
            "{name} · {wins} {} on {win_days} {}",
            if wins == 1 { "win" } else { "wins" },
            if win_days == 1 { "day" } else { "days" }
        ),
        header: format!(
            "{streak_label} {current} {} · Longest streak {longest} {} · {wins} {}",
            days_word(current),
            days_word(longest),
            if wins == 1 { "win" } else { "wins" }
        ),
        current_streak: current,
        longest_streak: longest,
        wins,
        days,
        months,
        weekdays,
        legend,
        legend_y: legend_top + CELL - 1,
    })
}

/// Where a day's square links to: the note in Obsidian (`obsidian://`), or the note's file by
/// its path from the SVG.
fn note_href(config: &Config, source: &str, target: Target<'_>) -> String {
    if config.style == VaultStyle::Obsidian {
        let vault_name = config
            .vault
            .canonicalize()
            .ok()
            .and_then(|path| {
                path.file_name()
                    .map(|name| name.to_string_lossy().into_owned())
            })
            .unwrap_or_default();
        let file = source.strip_suffix(".md").unwrap_or(source);
        return format!(
            "obsidian://open?vault={}&file={}",
            uri_component(&vault_name),
            uri_component(file)
        );
    }
    let relative = match target {
        Target::InVault(svg) => paths::relative_path(svg, source),
        Target::Stdout => source.to_owned(),
        Target::Outside(svg) => {
            let as_text = |path: &Path| -> String {
                let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
                paths::normalize(&absolute)
                    .components()
                    .map(|part| part.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/")
            };
            paths::relative_path(&as_text(svg), &as_text(&config.vault.join(source)))
        }
    };
    relative
        .split('/')
        .map(uri_component)
        .collect::<Vec<_>>()
        .join("/")
}

/// Percent-encodes everything but the characters a URI component may hold as they are.
fn uri_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Draws the heatmap of `span` for its default place in the vault: that vault-relative place,
/// and the SVG (the git hook stages it with the yearly review that embeds it).
pub fn render_default(
    config: &Config,
    notes: &[Note],
    scores: &Scores,
    span: Span,
) -> Result<(String, String)> {
    let relative = span_path(config, span);
    let map = build_span(notes, config, scores, span, Target::InVault(&relative))?;
    let svg = render(&Templates::new(&config.vault), &map)?;
    Ok((relative, svg))
}

/// Draws the heatmap of `span` and writes it to its default place in the vault (or, with
/// `dry_run`, says what it would do): what `heatmap` does without `--out`, and what a yearly
/// review does for the heatmap it embeds.
pub fn write_default(
    config: &Config,
    notes: &[Note],
    scores: &Scores,
    span: Span,
    dry_run: bool,
) -> Result<(String, WriteOutcome)> {
    let (relative, svg) = render_default(config, notes, scores, span)?;
    let path = paths::safe_output_path(&config.vault, &relative)?;
    if !dry_run {
        config.check_writable()?;
    }
    if dry_run {
        let outcome = match std::fs::read(&path) {
            Ok(bytes) if bytes == svg.as_bytes() => WriteOutcome::Unchanged,
            Ok(_) => WriteOutcome::Updated,
            Err(_) => WriteOutcome::Created,
        };
        return Ok((relative, outcome));
    }
    Ok((relative, write_if_changed(&path, svg.as_bytes())?))
}

/// `Less ▢▢▢▢ More   ▢ rest`, right-aligned to `right`.
fn legend(right: i64, top: i64) -> Vec<LegendItem> {
    let item = |x: i64, class, text| LegendItem {
        x,
        y: top,
        class,
        text,
    };
    let rest_x = right - CELL - 28;
    let more_x = rest_x - 48 - 4 * STEP;
    vec![
        item(more_x, "none", None),
        item(more_x + STEP, "some", None),
        item(more_x + 2 * STEP, "most", None),
        item(more_x + 3 * STEP, "goal", Some("More")),
        item(rest_x, "rest", Some("rest")),
    ]
}

/// Draws `heatmap` with the vault's `heatmap.svg.j2`.
pub fn render(templates: &Templates, heatmap: &Heatmap) -> Result<String> {
    templates.render(TEMPLATE, heatmap)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(toml: &str) -> (tempfile::TempDir, Config) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".smallwins.toml"), toml).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let config = Config::load(dir.path(), today).unwrap();
        (dir, config)
    }

    #[test]
    fn one_cell_per_day_in_week_columns() {
        for (year, days) in [(2026, 365), (2028, 366)] {
            let (_dir, config) = config("");
            let map = build(&[], &config, year).unwrap();
            assert_eq!(map.days.len(), days);
            let first = map.days.first().unwrap();
            // 1 January 2026 is a Thursday: fourth row of the first column.
            if year == 2026 {
                assert_eq!((first.x, first.y), (LEFT, TOP + 3 * STEP));
            }
            let rightmost = map.days.iter().map(|c| c.x).max().unwrap();
            assert!(rightmost + CELL < map.width);
        }
    }

    #[test]
    fn sunday_weeks_put_sunday_on_top() {
        let (_dir, config) = config("[review]\nweek_start = \"sunday\"\n");
        let map = build(&[], &config, 2026).unwrap();
        let jan4 = map.days.get(3).unwrap();
        assert_eq!((jan4.date.as_str(), jan4.y), ("2026-01-04", TOP));
    }

    #[test]
    fn rest_weekdays_and_future_days_have_their_own_classes() {
        let (_dir, config) = config("[goal]\nrest_days = [\"sun\"]\n");
        let map = build(&[], &config, 2026).unwrap();
        let class_of = |date: &str| {
            map.days
                .iter()
                .find(|c| c.date == date)
                .map(|c| (c.class.clone(), c.title.clone()))
                .unwrap()
        };
        assert_eq!(
            class_of("2026-11-22"),
            ("rest".into(), "2026-11-22: 0 wins (rest day)".into())
        );
        assert_eq!(
            class_of("2026-11-23"),
            ("none".into(), "2026-11-23: 0 wins".into())
        );
        assert_eq!(class_of("2026-11-27").0, "future");
    }
}
