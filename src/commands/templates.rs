//! `templates export`: copy the default templates into the vault for editing.

use std::io::Write;

use smallwins::model::Diagnostic;
use smallwins::templates::{self, ExportOutcome};
use smallwins::term;

use super::Context;
use crate::cli::TemplatesCommand;
use crate::Exit;

/// Runs a `templates` subcommand.
pub fn run(ctx: &Context, out: &mut dyn Write, command: TemplatesCommand) -> anyhow::Result<Exit> {
    match command {
        TemplatesCommand::Export { force } => export(ctx, out, force),
    }
}

/// Exports every default; one that differs from the vault's copy is kept (exit 1) unless forced.
fn export(ctx: &Context, out: &mut dyn Write, force: bool) -> anyhow::Result<Exit> {
    ctx.config.check_writable()?;
    let mut exit = Exit::Success;
    for (path, outcome) in templates::export(&ctx.config.vault, force)? {
        match outcome {
            ExportOutcome::Written(outcome) => writeln!(out, "{} {path}", outcome.as_str())?,
            ExportOutcome::Kept => {
                out.flush()?;
                term::print_problem(&Diagnostic::file_warning(
                    path,
                    "differs from the default; kept (use --force to replace it)",
                ));
                exit = Exit::Findings;
            }
        }
    }
    Ok(exit)
}
