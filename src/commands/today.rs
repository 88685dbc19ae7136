//! `today`: replay today's wins, or the last few days'.

use std::io::Write;

use smallwins::replay;

use super::{load_journal, Context};
use crate::cli::TodayArgs;
use crate::Exit;

/// Prints the wins of the last `--days` days.
pub fn run(ctx: &Context, out: &mut dyn Write, args: TodayArgs) -> anyhow::Result<Exit> {
    let journal = load_journal(&ctx.config);
    replay::write_today(out, &ctx.config, &journal, args.days, ctx.paint)?;
    Ok(Exit::Success)
}
