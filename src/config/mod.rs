//! Configuration: `.smallwins.toml` (`file`) plus what the vault's Obsidian or Logseq settings say
//! (`detect`), resolved (`resolve`) into one [`Config`] with `today` injected.

mod detect;
mod file;
mod resolve;

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime, Weekday};
use serde::Deserialize;

use crate::dates::{self, Clock, DateFormat, PeriodKind, WeekStart};
use crate::error::{Error, Result};
use crate::model::WinRules;
use crate::paths::{setting_path, SettingStyle};

/// The name of smallwins' own configuration file at the vault root.
pub const CONFIG_FILE: &str = ".smallwins.toml";

/// Fully resolved settings for one run over one vault.
#[derive(Debug, Clone)]
pub struct Config {
    /// The vault root.
    pub vault: PathBuf,
    /// The day scores are computed for: `--today`, else the clock's day.
    pub today: NaiveDate,
    /// What time it is and when days start (`day_starts_at`).
    pub clock: Clock,
    /// Vault-relative folders (with `/`) that are never read.
    pub exclude: Vec<String>,
    /// Where the daily notes live and how they are named.
    pub daily: DailyNotes,
    /// What counts as a win.
    pub rules: WinRules,
    /// The daily and weekly goals.
    pub goal: Goal,
    /// Where weekly reviews go and how they link.
    pub review: Review,
    /// The `.smallwins.toml` that was read, if any.
    pub config_file: Option<PathBuf>,
    /// How the vault was found; [`Discovery::Named`] unless [`Config::discovered`] says otherwise.
    pub discovery: Discovery,
    /// Which tool the vault is kept with, which decides how reviews are written.
    pub style: VaultStyle,
    /// Which review settings `.smallwins.toml` set itself (the rest came from detection or
    /// defaults), so `init` can rewrite the file without pinning what Obsidian decides.
    pub review_pinned: ReviewPinned,
    /// The folder of the per-note cache this run reads and refreshes (see [`crate::cache`]);
    /// `None`, as [`Config::load`] leaves it, reads every note afresh.
    pub cache_dir: Option<PathBuf>,
}

/// Which tool the vault is kept with: reviews follow its conventions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VaultStyle {
    /// An Obsidian vault (`.obsidian/`): front matter, wikilinks or Obsidian's link settings.
    Obsidian,
    /// A Logseq graph (`logseq/config.edn`): reviews are outline pages in its pages folder.
    Logseq(LogseqPages),
    /// Neither: markdown links any viewer follows, fields in paragraphs of their own.
    Plain,
}

/// Where a Logseq graph keeps its pages and how it titles its journal pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogseqPages {
    /// `:pages-directory`, default `pages`.
    pub folder: String,
    /// `:journal/page-title-format`, default `MMM do, yyyy`: what a link to a journal day says.
    pub title_format: DateFormat,
    /// `:file/name-format :triple-lowbar` (`Reviews___2026-W48.md`); else the legacy
    /// percent-encoded names (`Reviews%2F2026-W48.md`).
    pub triple_lowbar: bool,
    /// The template block new journals start from (`:default-templates {:journals "…"}`).
    pub journal_template: Option<String>,
}

/// Where the review settings came from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReviewPinned {
    /// Folder and format come from the Periodic Notes weekly settings.
    pub periodic_location: bool,
    /// `review.week_start` is set.
    pub week_start: bool,
    /// `review.links` is set.
    pub links: bool,
}

/// Which settings the daily-note layout came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayoutSource {
    /// `.smallwins.toml` `[notes]`.
    SmallwinsToml,
    /// The Periodic Notes plugin's `data.json`.
    PeriodicNotes,
    /// Obsidian's core Daily notes plugin (`.obsidian/daily-notes.json`).
    ObsidianDailyNotes,
    /// Logseq's `logseq/config.edn`.
    Logseq,
    /// Nothing found: notes named `YYYY-MM-DD` anywhere in the vault.
    Default,
}

impl LayoutSource {
    /// A human description for `init`.
    pub fn describe(self) -> &'static str {
        match self {
            LayoutSource::SmallwinsToml => ".smallwins.toml [notes]",
            LayoutSource::PeriodicNotes => {
                "Periodic Notes plugin (.obsidian/plugins/periodic-notes/data.json)"
            }
            LayoutSource::ObsidianDailyNotes => "Obsidian daily notes (.obsidian/daily-notes.json)",
            LayoutSource::Logseq => "Logseq journals (logseq/config.edn)",
            LayoutSource::Default => "default layout (YYYY-MM-DD notes anywhere in the vault)",
        }
    }
}

/// The daily-note layout.
#[derive(Debug, Clone)]
pub struct DailyNotes {
    /// Vault-relative folder with `/`, empty for the vault root.
    pub folder: String,
    /// The note name format; may contain `/` for nested folders.
    pub format: DateFormat,
    /// Vault-relative path of the daily template, if one is configured.
    pub template: Option<String>,
    /// Where these settings came from.
    pub source: LayoutSource,
    /// Whether `template` is set in `.smallwins.toml` itself (so `init --force` keeps it).
    pub template_pinned: bool,
    /// In a Logseq graph, what `logseq/config.edn` says about new journal pages.
    pub logseq: Option<LogseqPages>,
}

/// Goals and rest days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Goal {
    /// Wins that make a goal day.
    pub daily: u32,
    /// Wins that make a win day.
    pub min_wins: u32,
    /// Wins that make a goal week.
    pub weekly: u32,
    /// Weekdays that are always rest days.
    pub rest_days: Vec<Weekday>,
    /// Date ranges that are rest days (`[[goal.breaks]]`), sorted.
    pub breaks: Vec<Break>,
}

impl Goal {
    /// The break that `date` falls in, if any.
    pub fn break_on(&self, date: NaiveDate) -> Option<Break> {
        self.breaks.iter().copied().find(|b| b.contains(date))
    }
}

impl Default for Goal {
    fn default() -> Self {
        Goal {
            daily: 3,
            min_wins: 1,
            weekly: 5,
            rest_days: Vec::new(),
            breaks: Vec::new(),
        }
    }
}

/// A break: days off (a holiday, an illness) that neither break nor lengthen a streak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Break {
    /// The first day off.
    pub from: NaiveDate,
    /// The last day off.
    pub to: NaiveDate,
}

impl Break {
    /// Whether `date` is one of the days off.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }
}

/// How links to notes are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkSyntax {
    /// `[[name]]`.
    #[default]
    Wikilink,
    /// `[name](path.md)`.
    Markdown,
}

/// Which path a link names, as Obsidian's `newLinkFormat`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LinkPath {
    /// The shortest name that is unique in the vault.
    #[default]
    Shortest,
    /// The path from the vault root.
    Absolute,
    /// The path relative to the linking note.
    Relative,
}

/// Review settings: the weekly review's own (`[review]`), the links of every review, and
/// where the monthly, quarterly and yearly reviews go.
#[derive(Debug, Clone)]
pub struct Review {
    /// Vault-relative folder of weekly reviews, with `/`.
    pub folder: String,
    /// Weekly review note name format (a week format such as `GGGG-[W]WW`).
    pub format: DateFormat,
    /// Vault-relative path of the note a new weekly review starts from.
    pub template: Option<String>,
    /// Monday (ISO) or Sunday weeks.
    pub week_start: WeekStart,
    /// Wikilinks or markdown links.
    pub links: LinkSyntax,
    /// Which path links name.
    pub link_path: LinkPath,
    /// Monthly reviews.
    pub month: PeriodNotes,
    /// Quarterly reviews.
    pub quarter: PeriodNotes,
    /// Yearly reviews.
    pub year: PeriodNotes,
}

/// Where the reviews of one kind of period go.
#[derive(Debug, Clone)]
pub struct PeriodNotes {
    /// Vault-relative folder with `/`.
    pub folder: String,
    /// Note name format, applied to the period's first day.
    pub format: DateFormat,
    /// Vault-relative path of the note a new review starts from.
    pub template: Option<String>,
    /// The person asked for these reviews (`[review.month]`, or Periodic Notes' monthly notes):
    /// the hook and `--all` keep them current even before one exists.
    pub configured: bool,
}

/// Where the reviews of one kind of period go, borrowed from [`Review`].
#[derive(Debug, Clone, Copy)]
pub struct PeriodLocation<'a> {
    /// Vault-relative folder with `/`.
    pub folder: &'a str,
    /// Note name format.
    pub format: &'a DateFormat,
    /// Vault-relative path of the note a new review starts from.
    pub template: Option<&'a str>,
    /// Whether the hook and `--all` keep these reviews current even before one exists.
    pub configured: bool,
}

impl Review {
    /// Where the reviews of `kind` go; weekly reviews are always configured.
    pub fn location(&self, kind: PeriodKind) -> PeriodLocation<'_> {
        let notes = match kind {
            PeriodKind::Week => {
                return PeriodLocation {
                    folder: &self.folder,
                    format: &self.format,
                    template: self.template.as_deref(),
                    configured: true,
                }
            }
            PeriodKind::Month => &self.month,
            PeriodKind::Quarter => &self.quarter,
            PeriodKind::Year => &self.year,
        };
        PeriodLocation {
            folder: &notes.folder,
            format: &notes.format,
            template: notes.template.as_deref(),
            configured: notes.configured,
        }
    }

    /// Every folder reviews go to, sorted, without repeats.
    pub fn folders(&self) -> Vec<&str> {
        let mut folders: Vec<&str> = PeriodKind::ALL
            .iter()
            .map(|kind| self.location(*kind).folder)
            .collect();
        folders.sort_unstable();
        folders.dedup();
        folders
    }
}

/// How the vault was found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Discovery {
    /// Named: `--vault` or `$SMALLWINS_VAULT`.
    #[default]
    Named,
    /// The nearest folder at or above the current one with a marker: `.smallwins.toml`,
    /// `.obsidian/` or `logseq/`.
    Marked,
    /// No marker anywhere above: the current folder, read with care (a notice, a bounded walk
    /// that skips other vaults inside it, and writes only where it holds daily notes itself).
    Unmarked,
}

/// Finds the vault: an explicit folder wins, else the nearest folder at or above `cwd` holding
/// `.smallwins.toml`, `.obsidian/` or `logseq/`, else `cwd`.
pub fn discover_vault(explicit: Option<&Path>, cwd: &Path) -> (PathBuf, Discovery) {
    if let Some(dir) = explicit {
        return (dir.to_path_buf(), Discovery::Named);
    }
    match cwd.ancestors().find(|dir| vault_marker(dir).is_some()) {
        Some(dir) => (dir.to_path_buf(), Discovery::Marked),
        None => (cwd.to_path_buf(), Discovery::Unmarked),
    }
}

/// The marker that makes `dir` a vault root, if it has one.
pub fn vault_marker(dir: &Path) -> Option<&'static str> {
    if dir.join(CONFIG_FILE).is_file() {
        Some(CONFIG_FILE)
    } else if dir.join(".obsidian").is_dir() {
        Some(".obsidian/")
    } else if dir.join("logseq").is_dir() {
        Some("logseq/")
    } else {
        None
    }
}

impl Config {
    /// Reads every settings source of `vault` and resolves them for `today` (the clock is read
    /// for the time of day).
    pub fn load(vault: &Path, today: NaiveDate) -> Result<Config> {
        Config::load_with(vault, dates::clock::now()?, |_| Ok(today))
    }

    /// Reads every settings source of `vault` at the time `now`; `today` is the date argument
    /// `--today` gave (`2026-11-26`, `yesterday`, `3d` …, counted from the clock's day), else
    /// the clock's day, which starts at `day_starts_at`.
    pub fn load_at(vault: &Path, today: Option<&str>, now: NaiveDateTime) -> Result<Config> {
        Config::load_with(vault, now, |clock_day| match today {
            Some(arg) => dates::parse_day(arg, clock_day),
            None => Ok(clock_day),
        })
    }

    fn load_with(
        vault: &Path,
        now: NaiveDateTime,
        today: impl FnOnce(NaiveDate) -> Result<NaiveDate>,
    ) -> Result<Config> {
        if !vault.is_dir() {
            let why = if vault.exists() {
                "is not a folder; --vault names the vault's folder"
            } else {
                "vault folder not found"
            };
            return Err(Error::io(
                vault,
                std::io::Error::new(std::io::ErrorKind::NotFound, why),
            ));
        }
        let config_path = vault.join(CONFIG_FILE);
        let settings = file::FileSettings::read(&config_path)?;
        let clock = Clock {
            now,
            day_starts_at: resolve::day_start(settings.as_ref(), &config_path)?,
        };
        let config_file = settings.is_some().then_some(config_path);
        let detected = detect::Detected::read(vault)?;
        let settings = settings.unwrap_or_default();
        let today = today(clock.day())?;
        resolve::resolve(vault, today, clock, settings, config_file, detected)
    }
}

impl Config {
    /// This configuration for a vault found as `discovery` says.
    pub fn discovered(self, discovery: Discovery) -> Config {
        Config { discovery, ..self }
    }

    /// Refuses to write into a folder that is not known to be a vault: one found without a
    /// marker that holds no daily notes of its own (a home folder, `/usr`, a folder of vaults).
    pub fn check_writable(&self) -> Result<()> {
        if self.discovery != Discovery::Unmarked || self.holds_daily_notes() {
            return Ok(());
        }
        Err(Error::Refused {
            path: self.vault.clone(),
            message: format!(
                "is not a vault: no {CONFIG_FILE}, .obsidian/ or logseq/ here or above, and no \
                 daily notes ({}.md) in it; smallwins writes nothing here. Run `smallwins init` \
                 in your vault's folder to mark it, or pass --vault DIR",
                self.daily.format.as_moment()
            ),
        })
    }

    /// Whether the vault folder itself (not a folder inside it) holds a daily note.
    fn holds_daily_notes(&self) -> bool {
        let format = self.daily.format.last_segment();
        std::fs::read_dir(&self.vault).is_ok_and(|entries| {
            entries.filter_map(std::result::Result::ok).any(|entry| {
                let name = entry.file_name();
                let name = name.to_string_lossy();
                entry.file_type().is_ok_and(|kind| kind.is_file())
                    && name
                        .strip_suffix(".md")
                        .is_some_and(|stem| format.parse(stem).is_some())
            })
        })
    }
}

/// What to do about a date format smallwins cannot read.
const FORMAT_HINT: &str = "use moment.js tokens such as YYYY-MM-DD (see the README)";

/// Reads a moment format found in the settings `file`; an error names that file.
fn moment_format(format: &str, file: &Path) -> Result<DateFormat> {
    DateFormat::moment(format).map_err(|err| Error::config(file, format!("{err}; {FORMAT_HINT}")))
}

/// A folder path from the settings `file` (its `key`), which must stay inside the vault.
fn folder_setting(value: &str, style: SettingStyle, file: &Path, key: &str) -> Result<String> {
    setting_path(value, style).map_err(|why| Error::config(file, format!("{key}: {why}")))
}

/// A template path from the settings `file` (its `key`), which must stay inside the vault.
/// Obsidian stores template paths without `.md`; smallwins wants the file.
fn template_setting(value: &str, style: SettingStyle, file: &Path, key: &str) -> Result<String> {
    let path = folder_setting(value, style, file, key)?;
    Ok(if path.to_ascii_lowercase().ends_with(".md") {
        path
    } else {
        format!("{path}.md")
    })
}

#[cfg(test)]
mod test_vaults {
    use std::fs;

    use chrono::NaiveDate;

    /// A vault holding `files` (path, text).
    pub(super) fn vault_with(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let full = dir.path().join(path);
            fs::create_dir_all(full.parent().unwrap()).unwrap();
            fs::write(full, text).unwrap();
        }
        dir
    }

    /// The `today` of every config test.
    pub(super) fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }
}

#[cfg(test)]
mod tests {
    use super::test_vaults::vault_with;
    use super::*;

    #[test]
    fn vault_discovery_walks_up_to_marker() {
        let vault = vault_with(&[(".obsidian/app.json", "{}"), ("Daily/2026/x.md", "")]);
        let found = discover_vault(None, &vault.path().join("Daily/2026"));
        assert_eq!(found, (vault.path().to_path_buf(), Discovery::Marked));
    }
}
