//! `heatmap`: a GitHub-style SVG calendar of one year, a cell per day coloured by wins against
//! the daily goal. The layout is computed here; `heatmap.svg.j2` draws it (and can be restyled).

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;

use crate::config::Config;
use crate::dates::{self, WeekStart};
use crate::error::{Error, Result};
use crate::model::Note;
use crate::paths;
use crate::stats;
use crate::templates::Templates;

/// The template the calendar is drawn with.
pub const TEMPLATE: &str = "heatmap.svg.j2";

/// Side of one day's square, in pixels.
const CELL: i64 = 11;
/// Distance from one square to the next.
const STEP: i64 = 14;
/// Room for the weekday labels.
const LEFT: i64 = 36;
/// Room for the title and the month labels.
const TOP: i64 = 44;
/// Room for the legend under the grid.
const BOTTOM: i64 = 40;
/// Margin on the right.
const RIGHT: i64 = 16;

/// Everything `heatmap.svg.j2` receives.
#[derive(Debug, Clone, Serialize)]
pub struct Heatmap {
    /// The calendar year.
    pub year: i32,
    /// Image width in pixels.
    pub width: i64,
    /// Image height in pixels.
    pub height: i64,
    /// Side of a day's square.
    pub cell: i64,
    /// `2026 · 113 wins on 40 days`.
    pub title: String,
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

/// The vault-relative default output path: next to the reviews.
pub fn default_path(config: &Config, year: i32) -> String {
    paths::in_folder(&config.review.folder, &format!("heatmap-{year}.svg"))
}

/// Lays out `year`'s calendar from the notes (scores as of `config.today`).
pub fn build(notes: &[Note], config: &Config, year: i32) -> Result<Heatmap> {
    let bad_year = || {
        Error::Usage(format!(
            "`{year}` is not a year smallwins can draw: use a year like 2026"
        ))
    };
    let jan1 = NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(bad_year)?;
    let dec31 = NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(bad_year)?;
    let start = config.review.week_start;
    let scores = stats::score(notes, config, config.today);
    let row = |date: NaiveDate| -> i64 {
        i64::from(match start {
            WeekStart::Monday => date.weekday().num_days_from_monday(),
            WeekStart::Sunday => date.weekday().num_days_from_sunday(),
        })
    };
    let column = |date: NaiveDate| (date.ordinal0() as i64 + row(jan1)) / 7;
    let x_of = |col: i64| LEFT + col * STEP;
    let y_of = |row: i64| TOP + row * STEP;

    let mut days = Vec::with_capacity(366);
    let (mut wins, mut win_days) = (0, 0);
    for date in jan1.iter_days().take_while(|date| *date <= dec31) {
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
        });
    }

    let months = (1..=12)
        .filter_map(|month| NaiveDate::from_ymd_opt(year, month, 1))
        .map(|first| {
            // A month whose first day is not at the top of its column is labelled over the
            // next column, the first one it fills from the top.
            let col = column(first) + i64::from(row(first) > 0);
            Label {
                x: x_of(col),
                y: TOP - 6,
                text: dates::month_short(first).to_owned(),
            }
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

    let columns = column(dec31) + 1;
    let width = LEFT + columns * STEP + RIGHT;
    let legend_top = TOP + 7 * STEP + 12;
    let legend = legend(width - RIGHT, legend_top);
    Ok(Heatmap {
        year,
        width,
        height: TOP + 7 * STEP + BOTTOM,
        cell: CELL,
        title: format!(
            "{year} · {wins} {} on {win_days} {}",
            if wins == 1 { "win" } else { "wins" },
            if win_days == 1 { "day" } else { "days" }
        ),
        days,
        months,
        weekdays,
        legend,
        legend_y: legend_top + CELL - 1,
    })
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
