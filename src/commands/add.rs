//! `add`: write a win into that day's note, then show the count, the streak and milestones.

use std::io::Write;

use smallwins::capture::{self, AddRequest, Reinforcement};
use smallwins::dates;
use smallwins::term;
use smallwins::Journal;

use super::Context;
use crate::cli::AddArgs;
use crate::Exit;

/// Adds the win and, unless quiet, reinforces it.
pub fn run(ctx: &Context, out: &mut dyn Write, args: AddArgs) -> anyhow::Result<Exit> {
    let request = AddRequest {
        text: args.text.join(" "),
        tags: args.tags,
        date: args.date.as_deref().map(dates::parse_date).transpose()?,
        time: args.time,
    };
    let now = chrono::Local::now().time();
    let added = capture::add(&ctx.config, &request, now)?;
    term::print_warnings(&added.warnings);
    if !args.quiet {
        let journal = Journal::load(&ctx.config);
        Reinforcement::measure(&ctx.config, &journal, &added).write(out, ctx.paint)?;
    }
    Ok(Exit::Success)
}
