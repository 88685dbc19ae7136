//! `init`: describe the detected vault layout and the wins sections its notes use, and write a
//! starting `.smallwins.toml`.

use std::io::Write;

use smallwins::config::CONFIG_FILE;
use smallwins::init;

use super::{load_journal, Context};
use crate::cli::InitArgs;
use crate::Exit;

/// Describes the vault, then writes its configuration.
pub fn run(ctx: &Context, out: &mut dyn Write, args: InitArgs) -> anyhow::Result<Exit> {
    let journal = load_journal(ctx);
    let survey = init::survey(&ctx.config, &journal);
    ctx.warnings.print(&survey.warnings);
    init::describe(out, &ctx.config, &survey)?;
    let outcome = init::write_config(&ctx.config, &survey, args.force)?;
    writeln!(out, "{} {CONFIG_FILE}", outcome.as_str())?;
    Ok(Exit::Success)
}
