//! `heatmap`: draw a year of wins as an SVG calendar.

use std::io::Write;

use chrono::Datelike;
use smallwins::dates;
use smallwins::heatmap;
use smallwins::paths::{explicit_output_path, safe_output_path};
use smallwins::templates::Templates;
use smallwins::write::write_if_changed;

use super::{load_journal, Context};
use crate::cli::HeatmapArgs;
use crate::Exit;

/// Draws the year and writes it next to the reviews, to `--out`, or to stdout.
pub fn run(ctx: &Context, out: &mut dyn Write, args: HeatmapArgs) -> anyhow::Result<Exit> {
    let config = &ctx.config;
    let year = dates::check_year(args.year.unwrap_or(config.today.year()))?;
    let journal = load_journal(ctx);
    let map = heatmap::build(&journal.notes, config, year)?;
    let svg = heatmap::render(&Templates::new(&config.vault), &map)?;
    match args.out {
        Some(path) if path.as_os_str() == "-" => out.write_all(svg.as_bytes())?,
        Some(path) => {
            let outcome = write_if_changed(&explicit_output_path(&path)?, svg.as_bytes())?;
            writeln!(out, "{} {}", outcome.as_str(), path.display())?;
        }
        None => {
            config.check_writable()?;
            let relative = heatmap::default_path(config, year);
            let path = safe_output_path(&config.vault, &relative)?;
            let outcome = write_if_changed(&path, svg.as_bytes())?;
            writeln!(out, "{} {relative}", outcome.as_str())?;
        }
    }
    Ok(Exit::Success)
}
