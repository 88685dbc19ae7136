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
pub mod review;
pub mod share;
pub mod stats;
pub mod status;
pub mod templates;
pub mod today;

use std::mem::ManuallyDrop;
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

/// Reads the whole vault, printing its reading problems as warnings. The journal is never
/// freed: see [`read_journal`].
fn load_journal(ctx: &Context) -> ManuallyDrop<Journal> {
    let journal = read_journal(&ctx.config);
    ctx.warnings.print(&journal.diagnostics);
    journal
}

/// Reads the whole vault into a journal that lives until the process exits: freeing a big
/// vault's notes one by one takes longer than most commands' own work, and the process ends
/// right after.
fn read_journal(config: &Config) -> ManuallyDrop<Journal> {
    ManuallyDrop::new(Journal::load(config))
}

/// When the vault yielded no wins at all: says so on stderr, naming the headings its daily
/// notes use most (a vault without daily notes gets no hint).
fn hint_if_no_wins(ctx: &Context) {
    if ctx.warnings.is_quiet() {
        return;
    }
    if let Some(hint) = smallwins::init::no_wins_hint(&ctx.config) {
        ctx.warnings.notice(&hint.message());
    }
}

fn current_dir() -> anyhow::Result<PathBuf> {
    Ok(std::env::current_dir().map_err(|err| Error::io(".", err))?)
}
