//! `today`: replay today's wins, or the last few days', then on this day.

use std::io::Write;

use std::mem::ManuallyDrop;

use smallwins::replay::{self, TodaySource};

use super::{hint_if_no_wins, Context};
use crate::cli::TodayArgs;
use crate::Exit;

/// Prints the wins of the last `--days` days and of this date in past months and years.
pub fn run(ctx: &Context, out: &mut dyn Write, args: TodayArgs) -> anyhow::Result<Exit> {
    let source = ManuallyDrop::new(TodaySource::load(&ctx.config, args.days));
    ctx.warnings.print(&source.shown.diagnostics);
    let report = replay::today_report(&ctx.config, &source, args.days);
    replay::write_today(out, &report, args.format.into(), ctx.paint)?;
    if !source.has_wins() {
        hint_if_no_wins(ctx);
    }
    Ok(Exit::Success)
}
