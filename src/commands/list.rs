//! `list`: the wins that pass the filters, in the chosen format.

use std::io::Write;

use smallwins::dates;
use smallwins::list::{self, WinFilter};

use super::{hint_if_no_wins, load_journal, Context};
use crate::cli::ListArgs;
use crate::Exit;

/// Prints the wins within the dates, week, tags and pattern asked for.
pub fn run(ctx: &Context, out: &mut dyn Write, args: ListArgs) -> anyhow::Result<Exit> {
    let config = &ctx.config;
    let day = |arg: &Option<String>| {
        arg.as_deref()
            .map(|arg| dates::parse_day(arg, config.today))
            .transpose()
    };
    let mut filter = WinFilter {
        since: day(&args.since)?,
        until: day(&args.until)?,
        tags: args
            .tags
            .iter()
            .map(|tag| list::normalize_tag(tag))
            .collect(),
        grep: args.grep.as_deref().map(list::grep_pattern).transpose()?,
        win_tags: list::win_tags(config),
    };
    dates::check_range(filter.since, filter.until)?;
    if let Some(week) = args.week {
        filter = filter.within_week(dates::parse_week(
            &week,
            config.today,
            config.review.week_start,
        )?);
    }
    let journal = load_journal(ctx);
    let all = journal.wins();
    let mut wins: Vec<_> = all
        .iter()
        .copied()
        .filter(|win| filter.accepts(win))
        .collect();
    if all.is_empty() {
        hint_if_no_wins(ctx);
    } else if wins.is_empty() {
        if let Some(why) = filter.explain_no_match(&all) {
            ctx.warnings.notice(&why);
        }
    }
    let format = args.format.into();
    list::sort_for(format, &mut wins);
    let wins = list::arrange(wins, args.limit, args.reverse);
    list::write_wins(out, &wins, format)?;
    Ok(Exit::Success)
}
