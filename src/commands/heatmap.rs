//! `heatmap`: draw a year (or the last N days) of wins as an SVG calendar.

use std::io::Write;

use chrono::Datelike;
use smallwins::dates;
use smallwins::heatmap::{self, Span, Target};
use smallwins::paths::explicit_output_path;
use smallwins::stats;
use smallwins::templates::Templates;
use smallwins::write::write_if_changed;

use super::{load_journal, Context};
use crate::cli::HeatmapArgs;
use crate::Exit;

/// Draws the span and writes it next to the reviews, to `--out`, or to stdout.
pub fn run(ctx: &Context, out: &mut dyn Write, args: HeatmapArgs) -> anyhow::Result<Exit> {
    let config = &ctx.config;
    let span = match args.last {
        Some(days) => Span::Last(days),
        None => Span::Year(dates::check_year(args.year.unwrap_or(config.today.year()))?),
    };
    let journal = load_journal(ctx);
    let notes = &journal.notes;
    let scores = stats::score(notes, config, config.today);
    match args.out {
        Some(path) if path.as_os_str() == "-" => {
            let map = heatmap::build_span(notes, config, &scores, span, Target::Stdout)?;
            let svg = heatmap::render(&Templates::new(&config.vault), &map)?;
            out.write_all(svg.as_bytes())?;
        }
        Some(path) => {
            let map = heatmap::build_span(notes, config, &scores, span, Target::Outside(&path))?;
            let svg = heatmap::render(&Templates::new(&config.vault), &map)?;
            let outcome = write_if_changed(&explicit_output_path(&path)?, svg.as_bytes())?;
            writeln!(out, "{} {}", outcome.as_str(), path.display())?;
        }
        None => {
            let (relative, outcome) = heatmap::write_default(config, notes, &scores, span, false)?;
            writeln!(out, "{} {relative}", outcome.as_str())?;
        }
    }
    Ok(Exit::Success)
}
