//! `share`: a short, link-free message of a week's or a day's wins.

use std::io::Write;

use smallwins::dates;
use smallwins::replay::{self, SharePeriod};

use super::{load_journal, Context};
use crate::cli::ShareArgs;
use crate::Exit;

/// Prints the share message of the week (this one by default) or the day.
pub fn run(ctx: &Context, out: &mut dyn Write, args: ShareArgs) -> anyhow::Result<Exit> {
    let config = &ctx.config;
    let period = match args.date {
        Some(date) => SharePeriod::Day(dates::parse_day(&date, config.today)?),
        None => SharePeriod::Week(dates::parse_week(
            args.week.as_deref().unwrap_or("this"),
            config.today,
            config.review.week_start,
        )?),
    };
    let journal = load_journal(ctx);
    let message = replay::share(config, &journal, period, args.format.into())?;
    out.write_all(message.as_bytes())?;
    Ok(Exit::Success)
}
