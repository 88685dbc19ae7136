//! Command-line definitions (clap derive). Only types here; `main.rs` acts on them.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use smallwins::list::ListFormat;

/// smallwins: find the wins in your daily notes, keep score, write the weekly review.
#[derive(Debug, Parser)]
#[command(name = "smallwins", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// Global options.
    #[command(flatten)]
    pub global: GlobalOpts,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct GlobalOpts {
    /// The vault folder (default: the nearest folder with .smallwins.toml, .obsidian/ or logseq/)
    #[arg(long, global = true, env = "SMALLWINS_VAULT", value_name = "DIR")]
    pub vault: Option<PathBuf>,
    /// Compute as if today were this date (YYYY-MM-DD)
    #[arg(long, global = true, env = "SMALLWINS_TODAY", value_name = "DATE")]
    pub today: Option<String>,
    /// When to use colour
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal, unless NO_COLOR is set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Detect the vault layout and write .smallwins.toml
    Init {
        /// Replace an existing .smallwins.toml
        #[arg(long)]
        force: bool,
    },
    /// List wins
    List {
        /// First day (YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Last day (YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        until: Option<String>,
        /// Only this week: 2026-W48, a date in it, `this` or `last`
        #[arg(long, value_name = "WEEK")]
        week: Option<String>,
        /// Only wins with this tag or a tag nested under it (repeatable)
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// Output format
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Write the weekly review note(s) into the vault
    Week {
        /// The week: 2026-W48, a date in it, `this` (default) or `last`
        #[arg(value_name = "WEEK", conflicts_with = "all")]
        week: Option<String>,
        /// Every week that has a win, up to today
        #[arg(long)]
        all: bool,
        /// Print the rendered note instead of writing it
        #[arg(long, conflicts_with = "dry_run")]
        stdout: bool,
        /// Show what would be written, write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Draw a year of wins as an SVG calendar
    Heatmap {
        /// The year (default: this year)
        #[arg(long, value_name = "YEAR")]
        year: Option<i32>,
        /// Write here instead (relative to the current folder; `-` for stdout)
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Manage the templates reviews are rendered from
    Templates {
        /// What to do.
        #[command(subcommand)]
        command: TemplatesCommand,
    },
}

/// `templates` subcommands.
#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// Copy the default templates into .smallwins/templates/ to customise them
    Export {
        /// Replace templates that differ from the defaults
        #[arg(long)]
        force: bool,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
