//! `week`: render each requested weekly review and write, plan or print it.

use std::io::Write;

use smallwins::dates;
use smallwins::review::{self, ReviewStatus};
use smallwins::term;
use smallwins::write::WriteOutcome;

use super::{load_journal, Context};
use crate::cli::WeekArgs;
use crate::Exit;

/// Writes the reviews of the week asked for (or of every week with a win); a review that
/// cannot be updated safely is a warning and exit 1, the others are still written.
pub fn run(ctx: &Context, out: &mut dyn Write, args: WeekArgs) -> anyhow::Result<Exit> {
    let config = &ctx.config;
    // The argument is checked before the vault is read.
    let week = if args.all {
        None
    } else {
        Some(dates::parse_week(
            args.week.as_deref().unwrap_or("this"),
            config.today,
            config.review.week_start,
        )?)
    };
    let journal = load_journal(ctx);
    let weeks = match week {
        Some(week) => vec![week],
        None => review::weeks_with_wins(&journal.notes, config),
    };
    if args.stdout {
        for rendered in review::render_weeks(config, &journal.notes, &weeks)? {
            out.write_all(rendered.text.as_bytes())?;
        }
        return Ok(Exit::Success);
    }
    let mut exit = Exit::Success;
    for write in review::write_reviews(config, &journal.notes, &weeks, args.dry_run)? {
        let write = write?;
        let path = &write.path;
        match write.status {
            ReviewStatus::Written(outcome) => writeln!(out, "{} {path}", outcome.as_str())?,
            ReviewStatus::Planned(outcome) => writeln!(out, "{} {path}", planned(outcome))?,
            ReviewStatus::NotRewritten { .. } => {
                out.flush()?;
                if let Some(problem) = write.problem() {
                    term::print_problem(&problem);
                }
                exit = Exit::Findings;
            }
        }
    }
    Ok(exit)
}

/// What a dry run says it would do.
fn planned(outcome: WriteOutcome) -> &'static str {
    match outcome {
        WriteOutcome::Created => "would create",
        WriteOutcome::Updated => "would update",
        WriteOutcome::Unchanged => "unchanged",
    }
}
