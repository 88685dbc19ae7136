//! `status`: one line for a prompt or a status bar; exit 0 when today has a win, 1 when not yet.

use std::io::Write;

use smallwins::stats::{self, Tally};
use smallwins::status::{self, Status};

use super::Context;
use crate::cli::StatusArgs;
use crate::Exit;

/// Prints today's count and streak. Reading problems are not printed: a prompt shows one line,
/// and `check` is where they are told.
pub fn run(ctx: &Context, out: &mut dyn Write, args: StatusArgs) -> anyhow::Result<Exit> {
    let today = ctx.config.today;
    let (scores, _) = stats::score_vault(&ctx.config, &Tally::new(today));
    let status = Status::from_scores(&scores, today);
    status::write_status(out, &status, args.format.into(), ctx.paint)?;
    Ok(if status.win_day {
        Exit::Success
    } else {
        Exit::Findings
    })
}
