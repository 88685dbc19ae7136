//! `stats`: totals, streaks, goals, top tags and a 12-week heatmap.

use std::io::Write;

use smallwins::journal;
use smallwins::stats::{self, Tally};
use smallwins::term;

use super::Context;
use crate::cli::StatsArgs;
use crate::Exit;

/// Scores the vault as it is read (each note counted and dropped) and prints the scores.
pub fn run(ctx: &Context, out: &mut dyn Write, args: StatsArgs) -> anyhow::Result<Exit> {
    let config = &ctx.config;
    let (tally, diagnostics) = journal::fold_notes(
        config,
        || Tally::new(config.today),
        |tally, note| tally.with(&note),
        Tally::merge,
    );
    term::print_warnings(&diagnostics);
    let scores = stats::score_tally(tally, &config.goal, config.review.week_start);
    stats::write_stats(out, &scores, args.format.into(), ctx.paint)?;
    Ok(Exit::Success)
}
