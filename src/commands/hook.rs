//! `hook`: install or remove the git pre-commit hook, and what the hook runs.

use std::io::Write;
use std::path::PathBuf;

use smallwins::error::Error;
use smallwins::hook::{self, InstallOutcome, RunMode, UninstallOutcome};
use smallwins::paths::display_path;
use smallwins::term;

use super::check::print_report;
use super::{current_dir, Context};
use crate::cli::HookAction;
use crate::Exit;

/// Runs a `hook` subcommand.
pub fn run(ctx: &Context, out: &mut dyn Write, action: HookAction) -> anyhow::Result<Exit> {
    let vault = &ctx.config.vault;
    match action {
        HookAction::Install { mode, force } => {
            let (outcome, path) = hook::install(vault, mode.into(), force, &current_exe()?)?;
            let what = match outcome {
                InstallOutcome::Installed => "installed",
                InstallOutcome::Chained => "installed (the existing hook was kept and runs first)",
                InstallOutcome::Replaced => "replaced",
                InstallOutcome::Unchanged => "unchanged",
            };
            writeln!(out, "{what} {}", path.display())?;
            Ok(Exit::Success)
        }
        HookAction::Uninstall => {
            let (outcome, path) = hook::uninstall(vault)?;
            let what = match outcome {
                UninstallOutcome::Removed => "removed",
                UninstallOutcome::Restored => "removed (the previous hook was restored)",
                UninstallOutcome::NotInstalled => "not installed",
            };
            writeln!(out, "{what} {}", path.display())?;
            Ok(Exit::Success)
        }
        HookAction::Run { mode, files } => run_hook(ctx, out, mode.into(), &files),
    }
}

/// Lints, regenerates and stages as `mode` says, and refuses the commit (exit 1) on lint
/// errors, on a review that could not be written, or on reviews written but left unstaged.
fn run_hook(
    ctx: &Context,
    out: &mut dyn Write,
    mode: RunMode,
    files: &[PathBuf],
) -> anyhow::Result<Exit> {
    let cwd = current_dir()?;
    let outcome = hook::run(&ctx.config, mode, files, &cwd)?;
    if mode != RunMode::ReviewOnly {
        print_report(ctx, out, &outcome.report, &cwd)?;
    }
    if let Some(regenerated) = &outcome.regenerated {
        for write in &regenerated.writes {
            if let Some(done) = write.outcome() {
                let path = display_path(&ctx.config.vault, &write.path, &cwd);
                writeln!(out, "{} {path}", done.as_str())?;
            }
        }
        for (write, problem) in regenerated
            .failures()
            .filter_map(|write| Some((write, write.problem()?)))
        {
            eprintln!(
                "error: review of {} not written: {}: {}",
                write.period.label(),
                term::location(&problem),
                problem.message
            );
        }
    }
    if outcome.failed() {
        return Ok(Exit::Findings);
    }
    // pre-commit only notices changed tracked files, and a partial commit's index is thrown
    // away: a review written but not staged must stop the commit.
    if outcome.needs_staging() {
        eprintln!("reviews were written: stage them (git add) and commit again");
        return Ok(Exit::Findings);
    }
    Ok(Exit::Success)
}

fn current_exe() -> anyhow::Result<PathBuf> {
    Ok(std::env::current_exe().map_err(|err| Error::io("smallwins", err))?)
}
