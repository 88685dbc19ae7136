//! Command-line definitions (clap derive): only types, the one place clap's derives live. Value
//! enums are the command line's own and convert into the library's; `commands/` acts on them.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use smallwins::{hook, list, replay, stats, status, term};

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

/// Options every command takes, shown under their own heading in every command's help.
#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalOpts {
    /// The vault folder (default: the nearest folder with .smallwins.toml, .obsidian/ or logseq/)
    #[arg(long, global = true, env = "SMALLWINS_VAULT", value_name = "DIR")]
    pub vault: Option<PathBuf>,
    /// Compute as if today were this date (YYYY-MM-DD, yesterday, 3d …)
    #[arg(long, global = true, env = "SMALLWINS_TODAY", value_name = "DATE")]
    pub today: Option<String>,
    /// When to use colour
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// No warnings or notices (errors are still printed), and no encouragement after `add`
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Read every note afresh instead of through the per-note cache (the answers are the same)
    #[arg(
        long,
        global = true,
        env = "SMALLWINS_NO_CACHE",
        value_parser = clap::builder::FalseyValueParser::new()
    )]
    pub no_cache: bool,
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

impl From<ColorChoice> for term::ColorChoice {
    fn from(choice: ColorChoice) -> Self {
        match choice {
            ColorChoice::Auto => term::ColorChoice::Auto,
            ColorChoice::Always => term::ColorChoice::Always,
            ColorChoice::Never => term::ColorChoice::Never,
        }
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Detect the vault layout and write .smallwins.toml
    Init(InitArgs),
    /// List wins
    List(ListArgs),
    /// Write a win into that day's daily note and see your count and streak
    ///
    /// Without TEXT it asks "What went well today?" on a terminal and takes one win per line
    /// until the daily goal is met or an empty line (or Ctrl-D) ends it; from a pipe or a file
    /// (`smallwins add < wins.txt`) every non-empty line is a win. Then it replays the day.
    Add(AddArgs),
    /// Replay today's wins (or the last N days'), then the wins of this day in past months and years
    Today(TodayArgs),
    /// One past win picked at random, for a shell greeting
    Replay(ReplayArgs),
    /// One line for a prompt or status bar: today's count, the streak; exit 1 while no win yet
    ///
    /// Exit 0 when today has a win, 1 when not yet (a rest day too: its line and JSON class
    /// say `rest`): `smallwins status >/dev/null || notify-send "No win yet today"`.
    Status(StatusArgs),
    /// A short message of your wins, without links, tags or times, to paste into a chat
    Share(ShareArgs),
    /// Show totals, streaks, goals, top tags and a 12-week heatmap, or those of a period
    Stats(StatsArgs),
    /// Write the weekly review note(s) into the vault
    Week(WeekArgs),
    /// Write the monthly review note(s) into the vault
    Month(MonthArgs),
    /// Write the quarterly review note(s) into the vault
    Quarter(QuarterArgs),
    /// Write the yearly review, the year in wins, into the vault (with its heatmap)
    Year(YearArgs),
    /// Draw a year of wins as an SVG calendar
    Heatmap(HeatmapArgs),
    /// Manage the templates reviews are rendered from
    Templates {
        /// What to do.
        #[command(subcommand)]
        command: TemplatesCommand,
    },
    /// Lint notes: print `PATH:LINE:COL: error|warning: message`, exit 1 on any error
    ///
    /// Errors: an empty win (the `- #win` placeholder left unfilled), a note named with an
    /// impossible date (`2026-02-30`), unclosed front matter or invalid YAML, a review note whose
    /// managed block markers are damaged or doubled. Warnings: a note dated after today, a win tag
    /// inside code, an undated note in the daily folder or a date-named note outside it.
    /// Without FILES or --staged, the whole vault is checked.
    Check(CheckArgs),
    /// Install or remove the git hooks that keep the reviews in each commit current
    Hook {
        /// What to do with the hook.
        #[command(subcommand)]
        action: HookAction,
    },
    /// Print shell completions
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), or write every page into a folder
    Man {
        /// Write smallwins.1 and one smallwins-<command>.1 per command into this folder
        #[arg(long, value_name = "DIR")]
        all: Option<PathBuf>,
    },
}

/// `init` options.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Replace an existing .smallwins.toml
    #[arg(long)]
    pub force: bool,
}

/// `list` options.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// First day (YYYY-MM-DD, today, yesterday, 7d, 2w, 3m: days, weeks, months ago)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Last day (as --since)
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only this week: 2026-W48, a date in it, `this` or `last`
    #[arg(long, value_name = "WEEK")]
    pub week: Option<String>,
    /// Only wins with this tag or a tag nested under it (repeatable); `win` is every #win and #win/… win
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Only wins whose text matches this regular expression (case-insensitive unless it has a
    /// capital letter)
    #[arg(long, value_name = "REGEX")]
    pub grep: Option<String>,
    /// Only the N most recent wins
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Newest first
    #[arg(long)]
    pub reverse: bool,
    /// Output format
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

/// `add` arguments.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// What went well (several words are joined with spaces); none: ask, or read standard input
    #[arg(value_name = "TEXT")]
    pub text: Vec<String>,
    /// Add this tag too (repeatable)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// The day (YYYY-MM-DD, yesterday, 2d …; default today)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// The time (14:30 or 2:30 pm, as notes write it; default now for today, none for other days)
    #[arg(long, value_name = "HH:MM")]
    pub time: Option<String>,
}

/// `today` options.
#[derive(Debug, Args)]
pub struct TodayArgs {
    /// How many days to show, ending today
    #[arg(long, value_name = "N", default_value_t = 1,
          value_parser = clap::value_parser!(u32).range(1..=366))]
    pub days: u32,
    /// Output format
    #[arg(long, value_enum, default_value_t = TodayFormat::Text)]
    pub format: TodayFormat,
}

/// `replay` options.
#[derive(Debug, Args)]
pub struct ReplayArgs {
    /// Pick one past win at random (set SMALLWINS_SEED to repeat a pick)
    #[arg(long, required = true)]
    pub random: bool,
    /// Only wins with this tag or a tag nested under it (repeatable); `win` is every #win and #win/… win
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Only wins from this day on (YYYY-MM-DD, 30d, 6m, 1y …)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// The seed of the pick, for repeatable output
    #[arg(long, env = "SMALLWINS_SEED", hide = true)]
    pub seed: Option<u64>,
}

/// `status` options.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Output format (JSON carries `text` and `class` for waybar)
    #[arg(long, value_enum, default_value_t = StatusFormat::Text)]
    pub format: StatusFormat,
}

/// `share` options.
#[derive(Debug, Args)]
pub struct ShareArgs {
    /// The week: 2026-W48, a date in it, `this` (default) or `last`
    #[arg(long, value_name = "WEEK", conflicts_with = "date")]
    pub week: Option<String>,
    /// One day instead of a week (YYYY-MM-DD, yesterday, 2d …)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ShareFormat::Text)]
    pub format: ShareFormat,
}

/// `stats` options.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Only this year (its totals, streaks and heatmap)
    #[arg(long, value_name = "YEAR", conflicts_with_all = ["since", "until"])]
    pub year: Option<i32>,
    /// First day of the period (YYYY-MM-DD, 30d, 6m, 1y …)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Last day of the period (as --since; default today)
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = StatsFormat::Text)]
    pub format: StatsFormat,
}

/// `week` arguments.
#[derive(Debug, Args)]
pub struct WeekArgs {
    /// The week: 2026-W48, a date in it, `this` (default), `last` or `next`
    #[arg(value_name = "WEEK", conflicts_with = "all")]
    pub week: Option<String>,
    /// What to write, and how.
    #[command(flatten)]
    pub flags: ReviewFlags,
}

/// `month` arguments.
#[derive(Debug, Args)]
pub struct MonthArgs {
    /// The month: 2026-11, a date in it, `this` (default), `last` or `next`
    #[arg(value_name = "MONTH", conflicts_with = "all")]
    pub month: Option<String>,
    /// What to write, and how.
    #[command(flatten)]
    pub flags: ReviewFlags,
}

/// `quarter` arguments.
#[derive(Debug, Args)]
pub struct QuarterArgs {
    /// The quarter: 2026-Q4, a date in it, `this` (default), `last` or `next`
    #[arg(value_name = "QUARTER", conflicts_with = "all")]
    pub quarter: Option<String>,
    /// What to write, and how.
    #[command(flatten)]
    pub flags: ReviewFlags,
}

/// `year` arguments.
#[derive(Debug, Args)]
pub struct YearArgs {
    /// The year: 2026, a date in it, `this` (default), `last` or `next`
    #[arg(value_name = "YEAR", conflicts_with = "all")]
    pub year: Option<String>,
    /// What to write, and how.
    #[command(flatten)]
    pub flags: ReviewFlags,
}

/// The flags every review command takes.
#[derive(Debug, Args)]
pub struct ReviewFlags {
    /// Every period of this kind that has a win, up to today, and every other review that
    /// exists or is configured
    #[arg(long)]
    pub all: bool,
    /// Print the rendered note instead of writing it
    #[arg(long, conflicts_with = "dry_run")]
    pub stdout: bool,
    /// Show what would be written, write nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// `heatmap` options.
#[derive(Debug, Args)]
pub struct HeatmapArgs {
    /// The year (default: this year)
    #[arg(long, value_name = "YEAR", conflicts_with = "last")]
    pub year: Option<i32>,
    /// The last N days, ending today, instead of a calendar year
    #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..=3660))]
    pub last: Option<u32>,
    /// Write here instead (relative to the current folder; `-` for stdout)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// `check` arguments.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Notes or folders to check (paths outside the vault or not .md are skipped)
    #[arg(value_name = "FILES", conflicts_with = "staged")]
    pub files: Vec<PathBuf>,
    /// Check the staged content of the staged notes (git index), not the working tree
    #[arg(long)]
    pub staged: bool,
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

/// `hook` subcommands.
#[derive(Debug, Subcommand)]
pub enum HookAction {
    /// Write the repository's pre-commit and pre-merge-commit hooks (hooks already there are kept and run first)
    Install {
        /// `check` lints the staged notes; `update` also brings their reviews up to date in the commit
        #[arg(long, value_enum, default_value_t = HookMode::Update)]
        mode: HookMode,
        /// Replace a smallwins hook installed with other settings, or move one changed by hand aside
        #[arg(long)]
        force: bool,
    },
    /// Remove the hooks smallwins wrote and restore the ones they chained (hooks changed by hand are kept)
    Uninstall,
    /// What the hooks run: lint the staged notes (or FILES), then bring their reviews up to date
    Run {
        /// check, update (also puts the new review blocks into the commit) or review-only (working tree only, no lint)
        #[arg(long, value_enum, default_value_t = RunMode::Update)]
        mode: RunMode,
        /// The git hook running it: a merge commit cannot take a review staged by its hook
        #[arg(long, value_enum, default_value_t = GitHook::PreCommit)]
        git_hook: GitHook,
        /// Notes to use instead of the staged ones (as the pre-commit framework passes them)
        #[arg(value_name = "FILES")]
        files: Vec<PathBuf>,
    },
}

/// `list --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// One line per win.
    Text,
    /// An array of objects with the fields of a win.
    Json,
    /// A header line, then one row per win.
    Csv,
    /// Wins grouped under a heading per day.
    Markdown,
}

impl From<ListFormat> for list::ListFormat {
    fn from(format: ListFormat) -> Self {
        match format {
            ListFormat::Text => list::ListFormat::Text,
            ListFormat::Json => list::ListFormat::Json,
            ListFormat::Csv => list::ListFormat::Csv,
            ListFormat::Markdown => list::ListFormat::Markdown,
        }
    }
}

/// `share --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShareFormat {
    /// Plain text for any chat.
    Text,
    /// Markdown for chats that render it.
    Markdown,
}

impl From<ShareFormat> for replay::ShareFormat {
    fn from(format: ShareFormat) -> Self {
        match format {
            ShareFormat::Text => replay::ShareFormat::Text,
            ShareFormat::Markdown => replay::ShareFormat::Markdown,
        }
    }
}

/// `stats --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    /// A friendly summary and a 12-week heatmap.
    Text,
    /// The figures of SPEC §4 as a JSON object.
    Json,
}

impl From<StatsFormat> for stats::StatsFormat {
    fn from(format: StatsFormat) -> Self {
        match format {
            StatsFormat::Text => stats::StatsFormat::Text,
            StatsFormat::Json => stats::StatsFormat::Json,
        }
    }
}

/// `today --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TodayFormat {
    /// The days and their wins, then on this day.
    Text,
    /// An object with the days and on this day, wins as `list --format json` has them.
    Json,
}

impl From<TodayFormat> for replay::TodayFormat {
    fn from(format: TodayFormat) -> Self {
        match format {
            TodayFormat::Text => replay::TodayFormat::Text,
            TodayFormat::Json => replay::TodayFormat::Json,
        }
    }
}

/// `status --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusFormat {
    /// One line of text.
    Text,
    /// One line of JSON.
    Json,
}

impl From<StatusFormat> for status::StatusFormat {
    fn from(format: StatusFormat) -> Self {
        match format {
            StatusFormat::Text => status::StatusFormat::Text,
            StatusFormat::Json => status::StatusFormat::Json,
        }
    }
}

/// `hook install --mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HookMode {
    /// Lint the staged notes only.
    Check,
    /// Lint, then bring the reviews of the staged notes' periods up to date in the commit.
    Update,
}

impl From<HookMode> for hook::HookMode {
    fn from(mode: HookMode) -> Self {
        match mode {
            HookMode::Check => hook::HookMode::Check,
            HookMode::Update => hook::HookMode::Update,
        }
    }
}

/// `hook run --mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RunMode {
    /// Lint the staged notes (or the given files); exit 1 on errors.
    Check,
    /// Lint, then put the new managed blocks of the notes' reviews into the commit and the
    /// working tree, staging nothing else.
    Update,
    /// Regenerate the reviews of the given files' periods in the working tree, without linting
    /// or staging (for the pre-commit framework, which reports the changed files itself).
    ReviewOnly,
}

/// `hook run --git-hook`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GitHook {
    /// Before a commit.
    PreCommit,
    /// Before git commits a merge that needed no hand: its tree is already made.
    PreMergeCommit,
}

impl From<GitHook> for hook::GitHook {
    fn from(hook: GitHook) -> Self {
        match hook {
            GitHook::PreCommit => hook::GitHook::PreCommit,
            GitHook::PreMergeCommit => hook::GitHook::PreMergeCommit,
        }
    }
}

impl From<RunMode> for hook::RunMode {
    fn from(mode: RunMode) -> Self {
        match mode {
            RunMode::Check => hook::RunMode::Check,
            RunMode::Update => hook::RunMode::Update,
            RunMode::ReviewOnly => hook::RunMode::ReviewOnly,
        }
    }
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
