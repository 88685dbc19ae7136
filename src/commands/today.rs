//! `today`: replay today's wins, or the last few days', then on this day.

use std::io::Write;

use smallwins::replay;

use super::{hint_if_no_wins, load_journal, Context};
use crate::cli::TodayArgs;
use crate::Exit;

/// Prints the wins of the last `--days` days and of this date in past months and years.
pub fn run(ctx: &Context, out: &mut dyn Write, args: TodayArgs) -> anyhow::Result<Exit> {
    let journal = load_journal(ctx);
    let report = replay::today_report(&ctx.config, &journal, args.days);
    replay::write_today(out, &report, args.format.into(), ctx.paint)?;
    if journal.notes.iter().all(|note| note.wins.is_empty()) {
        hint_if_no_wins(ctx);
    }
    Ok(Exit::Success)
}
