//! `completions`: shell completion scripts from clap; no vault is read.

use std::io::Write;

use clap::CommandFactory;

use crate::cli::Cli;
use crate::Exit;

/// Prints the completion script for `shell`.
pub fn completions(out: &mut dyn Write, shell: clap_complete::Shell) -> anyhow::Result<Exit> {
    clap_complete::generate(shell, &mut Cli::command(), "smallwins", out);
    Ok(Exit::Success)
}
