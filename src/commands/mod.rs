//! One module per subcommand: each calls the library and prints through `term`. They share
//! the [`Context`] that `main` builds from the global options.

pub mod add;
pub mod check;
pub mod completions;
pub mod heatmap;
pub mod hook;
pub mod init;
pub mod list;
pub mod man;
pub mod replay;
pub mod share;
pub mod stats;
pub mod status;
pub mod templates;
pub mod today;
pub mod week;

use std::path::PathBuf;

use smallwins::error::Error;
use smallwins::term::{Paint, Warnings};
use smallwins::{Config, Journal};

/// Everything a command needs from the global options.
pub struct Context {
    /// The vault's resolved configuration, `today` included.
    pub config: Config,
    /// Colour for standard output, decided once.
    pub paint: Paint,
    /// Warnings and notices on standard error: capped, wrapped, silenced by `-q`.
    pub warnings: Warnings,
}

/// Reads the whole vault, printing its reading problems as warnings.
fn load_journal(ctx: &Context) -> Journal {
    let journal = Journal::load(&ctx.config);
    ctx.warnings.print(&journal.diagnostics);
    journal
}

fn current_dir() -> anyhow::Result<PathBuf> {
    Ok(std::env::current_dir().map_err(|err| Error::io(".", err))?)
}
