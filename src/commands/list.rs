//! `list`: the wins that pass the filters, in the chosen format.

use std::io::Write;

use smallwins::dates;
use smallwins::list::{self, WinFilter};

use super::{load_journal, Context};
use crate::cli::ListArgs;
use crate::Exit;

/// Prints the wins within the dates, week and tags asked for.
pub fn run(ctx: &Context, out: &mut dyn Write, args: ListArgs) -> anyhow::Result<Exit> {
    let config = &ctx.config;
    let mut filter = WinFilter {
        since: args.since.as_deref().map(dates::parse_date).transpose()?,
        until: args.until.as_deref().map(dates::parse_date).transpose()?,
        tags: args
            .tags
            .iter()
            .map(|tag| list::normalize_tag(tag))
            .collect(),
    };
    if let Some(week) = args.week {
        filter = filter.within_week(dates::parse_week(
            &week,
            config.today,
            config.review.week_start,
        )?);
    }
    let journal = load_journal(config);
    let wins: Vec<_> = journal
        .wins()
        .into_iter()
        .filter(|win| filter.accepts(win))
        .collect();
    list::write_wins(out, &wins, args.format.into())?;
    Ok(Exit::Success)
}
