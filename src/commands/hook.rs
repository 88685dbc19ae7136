//! `hook`: install or remove the git hooks, and what the hooks run.

use std::io::Write;
use std::path::PathBuf;

use smallwins::config::Discovery;
use smallwins::error::Error;
use smallwins::hook::{self, GitHook, InstallOutcome, RunMode, Staged, UninstallOutcome, Worktree};
use smallwins::model::Diagnostic;
use smallwins::paths::display_path;
use smallwins::term;
use smallwins::write::WriteOutcome;

use super::check::print_report;
use super::{current_dir, Context};
use crate::cli::HookAction;
use crate::Exit;

/// Runs a `hook` subcommand.
pub fn run(ctx: &Context, out: &mut dyn Write, action: HookAction) -> anyhow::Result<Exit> {
    let vault = &ctx.config.vault;
    match action {
        HookAction::Install { mode, force } => {
            let unmarked = ctx.config.discovery == Discovery::Unmarked;
            let installed =
                hook::script::install(vault, unmarked, mode.into(), force, &current_exe()?)?;
            for (path, outcome) in &installed.hooks {
                let what = match outcome {
                    InstallOutcome::Installed => "installed".to_owned(),
                    InstallOutcome::Chained => {
                        "installed (the hook that was there is kept and runs first)".to_owned()
                    }
                    InstallOutcome::Updated => "updated".to_owned(),
                    InstallOutcome::Replaced => "replaced".to_owned(),
                    InstallOutcome::Unchanged => "unchanged".to_owned(),
                    InstallOutcome::MovedAside(aside) => format!(
                        "installed (the hook changed by hand was moved to {})",
                        aside.display()
                    ),
                };
                writeln!(out, "{what} {}", path.display())?;
            }
            let vault = match installed.vault.as_str() {
                "." => "at the top".to_owned(),
                folder => format!("{folder}/"),
            };
            writeln!(
                out,
                "the hooks keep the vault {vault} of the repository {}",
                installed.root.display()
            )?;
            if let Some(shared) = &installed.shared {
                eprintln!(
                    "warning: the hooks folder {} (core.hooksPath) lies outside this repository and every repository that uses it runs these hooks: they keep only this repository's journal and do nothing in the others",
                    shared.display()
                );
            }
            Ok(Exit::Success)
        }
        HookAction::Uninstall => {
            let mut exit = Exit::Success;
            for (path, outcome) in hook::script::uninstall(vault)? {
                let what = match outcome {
                    UninstallOutcome::Removed => "removed",
                    UninstallOutcome::Restored => "removed (the previous hook was restored)",
                    UninstallOutcome::NotInstalled => "not installed",
                    UninstallOutcome::KeptEdited => {
                        exit = Exit::Findings;
                        "kept (changed by hand since smallwins wrote it; delete it yourself if you no longer want it)"
                    }
                    UninstallOutcome::KeptForeign => {
                        exit = Exit::Findings;
                        "left alone (not a smallwins hook)"
                    }
                };
                writeln!(out, "{what} {}", path.display())?;
            }
            Ok(exit)
        }
        HookAction::Run {
            mode,
            git_hook,
            files,
        } => run_hook(ctx, out, mode.into(), git_hook.into(), &files),
    }
}

/// Lints and updates as `mode` says, and stops the commit (exit 1) on lint errors, on a review
/// the commit cannot get right, or on reviews written but left for the person to stage.
fn run_hook(
    ctx: &Context,
    out: &mut dyn Write,
    mode: RunMode,
    git_hook: GitHook,
    files: &[PathBuf],
) -> anyhow::Result<Exit> {
    let cwd = current_dir()?;
    let outcome = hook::run(&ctx.config, mode, git_hook, files, &cwd)?;
    if mode != RunMode::ReviewOnly {
        print_report(ctx, out, &outcome.report, &cwd)?;
    }
    let show = |path: &str| display_path(&ctx.config.vault, path, &cwd);
    for setting in &outcome.unstaged_settings {
        warn(
            &show(setting),
            "has unstaged changes, and the reviews were rendered with the working tree's copy (stage or stash it for reviews that match the commit)",
        );
    }
    for review in &outcome.reviews {
        print_review(out, review, &show(&review.path))?;
    }
    if outcome.failed() {
        if !outcome.reviews.is_empty() {
            eprintln!(
                "the commit was stopped and nothing was staged; fix the above, or commit with --no-verify to leave the reviews as they are"
            );
        }
        return Ok(Exit::Findings);
    }
    if outcome.merge_needs_commit() {
        eprintln!(
            "the merged reviews were out of date and git has already made the merge's tree, so the merge stops here with the reviews updated and staged; run `git commit` to complete it"
        );
        return Ok(Exit::Findings);
    }
    // pre-commit only notices changed tracked files: a review written but not staged must
    // stop the commit.
    if !outcome.left_to_stage().is_empty() {
        eprintln!("reviews were written: stage them (git add) and commit again");
        return Ok(Exit::Findings);
    }
    Ok(Exit::Success)
}

/// One line for what happened to a review, and warnings about what was left alone.
fn print_review(
    out: &mut dyn Write,
    review: &hook::ReviewOutcome,
    path: &str,
) -> anyhow::Result<()> {
    match &review.staged {
        Staged::Refused(reason) => eprintln!("error: {path}: {reason}; the review was not updated"),
        Staged::Updated => writeln!(out, "staged {path}")?,
        Staged::Ignored => warn(path, "ignored by git (.gitignore): written, not committed"),
        Staged::Current | Staged::NotStaged => {
            if let Worktree::Written(done @ (WriteOutcome::Created | WriteOutcome::Updated)) =
                review.worktree
            {
                writeln!(out, "{} {path}", done.as_str())?;
            }
        }
    }
    match &review.worktree {
        Worktree::NotWritten(reason) => warn(
            path,
            &format!("the copy in the working tree was not updated: {reason}"),
        ),
        Worktree::Deleted => warn(
            path,
            "deleted in the working tree and not brought back; the commit has it, updated",
        ),
        Worktree::Written(_) | Worktree::Untouched => {}
    }
    Ok(())
}

/// A `warning: PATH: message` line about what the hook left alone: its outcome, never silenced.
fn warn(path: &str, message: &str) {
    term::print_problem(&Diagnostic::file_warning(path, message));
}

fn current_exe() -> anyhow::Result<PathBuf> {
    let exe = std::env::current_exe().map_err(|err| Error::io("smallwins", err))?;
    Ok(exe.canonicalize().unwrap_or(exe))
}
