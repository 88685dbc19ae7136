//! `week`, `month`, `quarter`, `year`: render each requested review and write, plan or print
//! it; then the heatmap a yearly review embeds and `Wins.base`, when they are missing or stale.

use std::io::Write;

use chrono::NaiveDate;
use smallwins::dates::{self, Period, PeriodKind};
use smallwins::heatmap::{self, Span};
use smallwins::review::{self, ReviewStatus};
use smallwins::stats;
use smallwins::term;
use smallwins::write::WriteOutcome;
use smallwins::{Config, Note};

use super::{load_journal, Context};
use crate::cli::ReviewFlags;
use crate::Exit;

/// Writes the reviews of the period asked for (or, with `--all`, of every period with a win);
/// a review that cannot be updated safely is a warning and exit 1, the others are still
/// written. A period with nothing to review says so and exits 1.
pub fn run(
    ctx: &Context,
    out: &mut dyn Write,
    kind: PeriodKind,
    period: Option<&str>,
    flags: ReviewFlags,
) -> anyhow::Result<Exit> {
    let config = &ctx.config;
    // The argument is checked before the vault is read.
    let asked = if flags.all {
        None
    } else {
        Some(dates::parse_period(
            kind,
            period.unwrap_or("this"),
            config.today,
            config.review.week_start,
        )?)
    };
    // A folder that is not a vault is refused before anything else is said about it.
    if !flags.stdout && !flags.dry_run {
        config.check_writable()?;
    }
    let journal = load_journal(ctx);
    let notes = &journal.notes;
    let periods = match asked {
        None => all_periods(config, notes, kind),
        Some(period) => {
            if let Some(reason) = review::unreviewable(config, notes, &period) {
                out.flush()?;
                eprintln!("{reason}");
                return Ok(Exit::Findings);
            }
            vec![period]
        }
    };
    if flags.stdout {
        for rendered in review::render_periods(config, notes, &periods)? {
            rendered.warnings.iter().for_each(term::print_problem);
            out.write_all(rendered.text.as_bytes())?;
        }
        return Ok(Exit::Success);
    }
    let mut exit = Exit::Success;
    let mut years = Vec::new();
    let mut reviews = 0usize;
    for write in review::write_reviews(config, notes, &periods, flags.dry_run)? {
        let write = write?;
        out.flush()?;
        write.warnings.iter().for_each(term::print_problem);
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
                continue;
            }
        }
        reviews += 1;
        if let Period::Year { year } = write.period {
            years.push(year);
        }
    }
    if !years.is_empty() {
        // The yearly reviews embed their heatmap: draw each from one scoring of the vault.
        let scores = stats::score(notes, config, config.today);
        for year in years {
            let (path, outcome) =
                heatmap::write_default(config, notes, &scores, Span::Year(year), flags.dry_run)?;
            print_outcome(out, &path, outcome, flags.dry_run)?;
        }
    }
    // The base shows reviews: it comes with the first of them.
    if reviews > 0 {
        if let Some((path, outcome)) = review::ensure_base(config, flags.dry_run)? {
            print_outcome(out, &path, outcome, flags.dry_run)?;
        }
    }
    Ok(exit)
}

/// What `--all` covers: every period of `kind` with a win, and every review the days with wins
/// touch (weeks, and the months, quarters and years configured or already written).
fn all_periods(config: &Config, notes: &[Note], kind: PeriodKind) -> Vec<Period> {
    let days_with_wins: Vec<NaiveDate> = notes
        .iter()
        .filter(|note| !note.wins.is_empty())
        .map(|note| note.date)
        .collect();
    let mut periods = review::periods_with_wins(notes, config, kind);
    periods.extend(review::periods_touched(config, days_with_wins));
    periods.sort();
    periods.dedup();
    periods
}

fn print_outcome(
    out: &mut dyn Write,
    path: &str,
    outcome: WriteOutcome,
    dry_run: bool,
) -> std::io::Result<()> {
    let word = if dry_run {
        planned(outcome)
    } else {
        outcome.as_str()
    };
    writeln!(out, "{word} {path}")
}

/// What a dry run says it would do.
fn planned(outcome: WriteOutcome) -> &'static str {
    match outcome {
        WriteOutcome::Created => "would create",
        WriteOutcome::Updated => "would update",
        WriteOutcome::Unchanged => "unchanged",
    }
}
