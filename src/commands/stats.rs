//! `stats`: totals, streaks, goals, top tags and a heatmap, of all time or of a period.

use std::io::Write;

use chrono::NaiveDate;
use smallwins::dates;
use smallwins::error::Error;
use smallwins::stats::{self, Tally};
use smallwins::Journal;

use super::{hint_if_no_wins, Context};
use crate::cli::StatsArgs;
use crate::Exit;

/// Scores the vault as it is read (each note counted and dropped) and prints the scores.
pub fn run(ctx: &Context, out: &mut dyn Write, args: StatsArgs) -> anyhow::Result<Exit> {
    let config = &ctx.config;
    let today = config.today;
    let since = args
        .since
        .as_deref()
        .map(|arg| dates::parse_day(arg, today))
        .transpose()?;
    let until = args
        .until
        .as_deref()
        .map(|arg| dates::parse_day(arg, today))
        .transpose()?;
    dates::check_range(since, until)?;
    let tally = match (args.year, since, until) {
        (Some(year), _, _) => {
            let (first, last) = year_bounds(year)?;
            Tally::over(first, last, today)
        }
        (None, None, None) => Tally::new(today),
        (None, since, until) => Tally::over(
            since.unwrap_or(NaiveDate::MIN),
            until.unwrap_or(today),
            today,
        ),
    };
    let (scores, diagnostics) = stats::score_vault(config, &tally);
    ctx.warnings.print(&diagnostics);
    stats::write_stats(out, &scores, args.format.into(), ctx.paint)?;
    // A period without wins says nothing about the vault: only a vault without any is hinted at.
    if scores.wins == 0 && (scores.period.is_none() || Journal::load(config).wins().is_empty()) {
        hint_if_no_wins(ctx);
    }
    Ok(Exit::Success)
}

/// 1 January and 31 December of `year`.
fn year_bounds(year: i32) -> anyhow::Result<(NaiveDate, NaiveDate)> {
    let bad = || {
        Error::Usage(format!(
            "`{year}` is not a year smallwins can count: use a year like 2026"
        ))
    };
    dates::check_year(year)?;
    let first = NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(bad)?;
    let last = NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(bad)?;
    Ok((first, last))
}
