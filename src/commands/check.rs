//! `check`: lint notes, findings on stdout, skipped paths and the summary on stderr.

use std::io::{self, Write};
use std::path::Path;

use smallwins::check::{self, Report};

use super::{current_dir, Context};
use crate::cli::CheckArgs;
use crate::Exit;

/// Lints the staged notes, the given paths or the whole vault; exit 1 on any error.
pub fn run(ctx: &Context, out: &mut dyn Write, args: CheckArgs) -> anyhow::Result<Exit> {
    let cwd = current_dir()?;
    let report = if args.staged {
        check::check_staged(&ctx.config)?
    } else if args.files.is_empty() {
        check::check_vault(&ctx.config)
    } else {
        check::check_paths(&ctx.config, &args.files, &cwd)?
    };
    print_report(ctx, out, &report, &cwd)?;
    Ok(if report.has_errors() {
        Exit::Findings
    } else {
        Exit::Success
    })
}

/// Findings to `out`; skipped paths and the summary to stderr.
pub fn print_report(
    ctx: &Context,
    out: &mut dyn Write,
    report: &Report,
    cwd: &Path,
) -> io::Result<()> {
    let mut notes = io::stderr().lock();
    check::write_report(out, &mut notes, report, &ctx.config, cwd, ctx.paint)
}
