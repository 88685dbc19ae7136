//! Configuration: `.smallwins.toml` plus what the vault's Obsidian or Logseq settings say, resolved
//! into one [`Config`] with `today` injected.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, Weekday};
use serde::Deserialize;

use crate::dates::{DateFormat, WeekStart};
use crate::error::{Error, Result};
use crate::model::WinRules;
use crate::paths::clean_folder;

/// The name of smallwins' own configuration file at the vault root.
pub const CONFIG_FILE: &str = ".smallwins.toml";

/// Fully resolved settings for one run over one vault.
#[derive(Debug, Clone)]
pub struct Config {
    /// The vault root.
    pub vault: PathBuf,
    /// The day scores are computed for.
    pub today: NaiveDate,
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
    /// Which review settings `.smallwins.toml` set itself (the rest came from detection or
    /// defaults), so `init` can rewrite the file without pinning what Obsidian decides.
    pub review_pinned: ReviewPinned,
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
}

impl Default for Goal {
    fn default() -> Self {
        Goal {
            daily: 3,
            min_wins: 1,
            weekly: 5,
            rest_days: Vec::new(),
        }
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

/// Weekly review settings.
#[derive(Debug, Clone)]
pub struct Review {
    /// Vault-relative folder with `/`.
    pub folder: String,
    /// Review note name format (a week format such as `GGGG-[W]WW`).
    pub format: DateFormat,
    /// Monday (ISO) or Sunday weeks.
    pub week_start: WeekStart,
    /// Wikilinks or markdown links.
    pub links: LinkSyntax,
    /// Which path links name.
    pub link_path: LinkPath,
}

/// `.smallwins.toml` as written by the person; every key optional, unknown keys rejected.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileSettings {
    /// Folders never read.
    pub exclude: Option<Vec<String>>,
    /// `[notes]`.
    pub notes: Option<NotesSettings>,
    /// `[wins]`.
    pub wins: Option<WinsSettings>,
    /// `[goal]`.
    pub goal: Option<GoalSettings>,
    /// `[review]`.
    pub review: Option<ReviewSettings>,
}

/// `[notes]` of `.smallwins.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotesSettings {
    /// Daily folder.
    pub folder: Option<String>,
    /// Daily note name format (moment tokens).
    pub format: Option<String>,
    /// Daily template path.
    pub template: Option<String>,
}

/// `[wins]` of `.smallwins.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WinsSettings {
    /// Win tags.
    pub tags: Option<Vec<String>>,
    /// Win section headings.
    pub sections: Option<Vec<String>>,
    /// Win field keys.
    pub fields: Option<Vec<String>>,
    /// Whether empty entries count.
    pub allow_empty: Option<bool>,
}

/// `[goal]` of `.smallwins.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalSettings {
    /// Daily goal.
    pub daily: Option<u32>,
    /// Wins for a win day.
    pub min_wins: Option<u32>,
    /// Weekly goal.
    pub weekly: Option<u32>,
    /// Rest weekdays such as `"sat"`.
    pub rest_days: Option<Vec<String>>,
    /// Rest tag without `#`.
    pub rest_tag: Option<String>,
}

/// `[review]` of `.smallwins.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewSettings {
    /// Review folder.
    pub folder: Option<String>,
    /// Review note name format.
    pub format: Option<String>,
    /// `monday` or `sunday`.
    pub week_start: Option<WeekStart>,
    /// `wikilink` or `markdown`.
    pub links: Option<LinkSyntax>,
}

/// Finds the vault: an explicit folder wins, else the nearest folder at or above `cwd` holding
/// `.smallwins.toml`, `.obsidian/` or `logseq/`, else `cwd`.
pub fn discover_vault(explicit: Option<&Path>, cwd: &Path) -> PathBuf {
    if let Some(dir) = explicit {
        return dir.to_path_buf();
    }
    cwd.ancestors()
        .find(|dir| {
            dir.join(CONFIG_FILE).is_file()
                || dir.join(".obsidian").is_dir()
                || dir.join("logseq").is_dir()
        })
        .unwrap_or(cwd)
        .to_path_buf()
}

impl Config {
    /// Reads every settings source of `vault` and resolves them for `today`.
    pub fn load(vault: &Path, today: NaiveDate) -> Result<Config> {
        if !vault.is_dir() {
            return Err(Error::io(
                vault,
                std::io::Error::new(std::io::ErrorKind::NotFound, "vault folder not found"),
            ));
        }
        let config_path = vault.join(CONFIG_FILE);
        let (settings, config_file) = match fs::read_to_string(&config_path) {
            Ok(text) => (parse_settings(&text, &config_path)?, Some(config_path)),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                (FileSettings::default(), None)
            }
            Err(err) => return Err(Error::io(config_path, err)),
        };
        let detected = Detected::read(vault)?;
        resolve(vault, today, settings, config_file, detected)
    }
}

/// Parses `.smallwins.toml` text; errors name the file, the key and the line.
pub fn parse_settings(text: &str, path: &Path) -> Result<FileSettings> {
    toml::from_str(text)
        .map_err(|err| Error::config(path, err.to_string().trim_end().replace('\n', "\n  ")))
}

/// What Obsidian, its plugins or Logseq say about the layout.
#[derive(Debug, Default)]
pub struct Detected {
    /// Daily layout and where it came from.
    pub daily: Option<(String, DateFormat, Option<String>, LayoutSource)>,
    /// Periodic Notes weekly folder and format.
    pub weekly: Option<(String, DateFormat)>,
    /// `useMarkdownLinks` from `.obsidian/app.json`.
    pub markdown_links: bool,
    /// `newLinkFormat` from `.obsidian/app.json`.
    pub link_path: LinkPath,
}

impl Detected {
    /// Reads the Obsidian and Logseq settings of `vault`; missing files are not errors.
    pub fn read(vault: &Path) -> Result<Detected> {
        let mut detected = Detected::default();
        let periodic = vault.join(".obsidian/plugins/periodic-notes/data.json");
        if let Some(json) = read_json(&periodic)? {
            detected.daily = periodic_setting(&json, "daily", "day", "YYYY-MM-DD")
                .map(|(folder, format, template)| {
                    Ok::<_, Error>((
                        folder,
                        moment_format(&format, &periodic)?,
                        template,
                        LayoutSource::PeriodicNotes,
                    ))
                })
                .transpose()?;
            detected.weekly = periodic_setting(&json, "weekly", "week", "gggg-[W]ww")
                .map(|(folder, format, _)| {
                    Ok::<_, Error>((folder, moment_format(&format, &periodic)?))
                })
                .transpose()?;
        }
        let daily_notes = vault.join(".obsidian/daily-notes.json");
        if detected.daily.is_none() {
            if let Some(json) = read_json(&daily_notes)? {
                let folder = json_str(&json, "folder");
                let format = non_empty(json_str(&json, "format")).unwrap_or("YYYY-MM-DD");
                let template = non_empty(json_str(&json, "template")).map(template_path);
                detected.daily = Some((
                    clean_folder(folder),
                    moment_format(format, &daily_notes)?,
                    template,
                    LayoutSource::ObsidianDailyNotes,
                ));
            }
        }
        let logseq = vault.join("logseq/config.edn");
        if detected.daily.is_none() && logseq.is_file() {
            let text = fs::read_to_string(&logseq).map_err(|err| Error::io(&logseq, err))?;
            let format =
                edn_string(&text, ":journal/file-name-format").unwrap_or("yyyy_MM_dd".into());
            let format = DateFormat::logseq(&format).map_err(|err| {
                Error::config(&logseq, format!(":journal/file-name-format: {err}"))
            })?;
            detected.daily = Some(("journals".to_owned(), format, None, LayoutSource::Logseq));
        }
        let app = vault.join(".obsidian/app.json");
        if let Some(json) = read_json(&app)? {
            detected.markdown_links = json
                .get("useMarkdownLinks")
                .and_then(serde_json::Value::as_bool)
                .unwrap_or(false);
            detected.link_path = match json_str(&json, "newLinkFormat") {
                "absolute" => LinkPath::Absolute,
                "relative" => LinkPath::Relative,
                _ => LinkPath::Shortest,
            };
        }
        Ok(detected)
    }
}

fn resolve(
    vault: &Path,
    today: NaiveDate,
    settings: FileSettings,
    config_file: Option<PathBuf>,
    detected: Detected,
) -> Result<Config> {
    let config_path = vault.join(CONFIG_FILE);
    let notes = settings.notes.unwrap_or_default();
    let daily = if notes.folder.is_some() || notes.format.is_some() {
        let format = notes.format.as_deref().unwrap_or("YYYY-MM-DD");
        DailyNotes {
            folder: clean_folder(notes.folder.as_deref().unwrap_or("")),
            format: DateFormat::moment(format).map_err(|err| {
                Error::config(&config_path, format!("notes.format: {err}; {FORMAT_HINT}"))
            })?,
            template: notes.template.as_deref().map(template_path),
            source: LayoutSource::SmallwinsToml,
        }
    } else {
        let (folder, format, template, source) = match detected.daily {
            Some(found) => found,
            None => (
                String::new(),
                moment_format("YYYY-MM-DD", &config_path)?,
                None,
                LayoutSource::Default,
            ),
        };
        DailyNotes {
            folder,
            format,
            template: notes.template.as_deref().map(template_path).or(template),
            source,
        }
    };
    if !daily.format.last_segment().has_full_date() {
        return Err(Error::config(
            &config_path,
            format!(
                "daily note format `{}` does not name a day (it needs a year, a month and a day)",
                daily.format.as_moment()
            ),
        ));
    }

    let wins = settings.wins.unwrap_or_default();
    let goal_settings = settings.goal.unwrap_or_default();
    let defaults = WinRules::default();
    let rules = WinRules {
        tags: wins
            .tags
            .unwrap_or(defaults.tags)
            .iter()
            .map(|t| strip_hash(t))
            .collect(),
        sections: wins.sections.unwrap_or(defaults.sections),
        fields: wins.fields.unwrap_or(defaults.fields),
        allow_empty: wins.allow_empty.unwrap_or(defaults.allow_empty),
        rest_tag: goal_settings
            .rest_tag
            .as_deref()
            .map(strip_hash)
            .unwrap_or(defaults.rest_tag),
    };
    if rules.tags.iter().any(String::is_empty) {
        return Err(Error::config(
            &config_path,
            "wins.tags: a tag cannot be empty",
        ));
    }

    let rest_days = goal_settings
        .rest_days
        .unwrap_or_default()
        .iter()
        .map(|day| {
            // chrono reads `mon`…`sun` and `monday`…`sunday` in any case, and nothing else.
            day.parse::<Weekday>().map_err(|_| {
                Error::config(
                    &config_path,
                    format!("goal.rest_days: `{day}` is not a weekday (use mon, tue, wed, thu, fri, sat, sun)"),
                )
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let default_goal = Goal::default();
    let goal = Goal {
        daily: goal_settings.daily.unwrap_or(default_goal.daily).max(1),
        min_wins: goal_settings
            .min_wins
            .unwrap_or(default_goal.min_wins)
            .max(1),
        weekly: goal_settings.weekly.unwrap_or(default_goal.weekly).max(1),
        rest_days,
    };

    let review_settings = settings.review.unwrap_or_default();
    let review_pinned = ReviewPinned {
        periodic_location: review_settings.folder.is_none()
            && review_settings.format.is_none()
            && detected.weekly.is_some(),
        week_start: review_settings.week_start.is_some(),
        links: review_settings.links.is_some(),
    };
    let review = resolve_review(
        review_settings,
        detected.weekly,
        (detected.markdown_links, detected.link_path),
        &config_path,
    )?;

    Ok(Config {
        vault: vault.to_path_buf(),
        today,
        exclude: settings
            .exclude
            .unwrap_or_default()
            .iter()
            .map(|f| clean_folder(f))
            .collect(),
        daily,
        rules,
        goal,
        review,
        config_file,
        review_pinned,
    })
}

/// What to do about a date format smallwins cannot read.
const FORMAT_HINT: &str = "use moment.js tokens such as YYYY-MM-DD (see the README)";

/// Review folder, format and week start. The format's week tokens and the week start must
/// agree, or a review would be named for one week and hold another: unset, the week start
/// follows the format (`gggg`/`ww` are Sunday weeks), and the default format follows the week
/// start.
fn resolve_review(
    settings: ReviewSettings,
    periodic_weekly: Option<(String, DateFormat)>,
    (markdown_links, link_path): (bool, LinkPath),
    config_path: &Path,
) -> Result<Review> {
    let periodic = match (&settings.folder, &settings.format) {
        (None, None) => periodic_weekly,
        _ => None,
    };
    let (format, format_source) = match (settings.format.as_deref(), periodic.as_ref()) {
        (Some(format), _) => (
            DateFormat::moment(format).map_err(|err| {
                Error::config(config_path, format!("review.format: {err}; {FORMAT_HINT}"))
            })?,
            Some("review.format"),
        ),
        (None, Some((_, format))) => (format.clone(), Some("the Periodic Notes weekly format")),
        (None, None) => {
            let default = match settings.week_start {
                Some(WeekStart::Sunday) => "gggg-[W]ww",
                _ => "GGGG-[W]WW",
            };
            (moment_format(default, config_path)?, None)
        }
    };
    let week_start = settings
        .week_start
        .or(format.week_numbering())
        .unwrap_or_default();
    if let (Some(numbering), Some(source)) = (format.week_numbering(), format_source) {
        if numbering != week_start {
            let (tokens, wanted) = match numbering {
                WeekStart::Monday => (
                    "ISO week tokens (GGGG, WW), which start weeks on Monday",
                    "monday",
                ),
                WeekStart::Sunday => (
                    "locale week tokens (gggg, ww), which start weeks on Sunday",
                    "sunday",
                ),
            };
            return Err(Error::config(
                config_path,
                format!(
                    "{source} `{}` uses {tokens}, but review.week_start is not `{wanted}`: set review.week_start = \"{wanted}\" or change the format",
                    format.as_moment()
                ),
            ));
        }
    }
    Ok(Review {
        folder: settings
            .folder
            .as_deref()
            .map(clean_folder)
            .or(periodic.map(|(folder, _)| folder))
            .unwrap_or_else(|| "Reviews".to_owned()),
        format,
        week_start,
        links: settings.links.unwrap_or(if markdown_links {
            LinkSyntax::Markdown
        } else {
            LinkSyntax::Wikilink
        }),
        link_path,
    })
}

fn moment_format(format: &str, file: &Path) -> Result<DateFormat> {
    DateFormat::moment(format).map_err(|err| Error::config(file, format!("{err}; {FORMAT_HINT}")))
}

fn read_json(path: &Path) -> Result<Option<serde_json::Value>> {
    match fs::read_to_string(path) {
        Ok(text) => serde_json::from_str(&text)
            .map(Some)
            .map_err(|err| Error::config(path, format!("not valid JSON: {err}"))),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(Error::io(path, err)),
    }
}

fn json_str<'a>(json: &'a serde_json::Value, key: &str) -> &'a str {
    json.get(key)
        .and_then(serde_json::Value::as_str)
        .unwrap_or("")
}

fn non_empty(s: &str) -> Option<&str> {
    Some(s.trim()).filter(|s| !s.is_empty())
}

/// Reads one periodicity from Periodic Notes settings: the 0.0.x shape keeps `daily`/`weekly`
/// objects at the top level, the 1.x shape keeps `day`/`week` inside the active calendar set.
fn periodic_setting(
    json: &serde_json::Value,
    legacy_key: &str,
    set_key: &str,
    default_format: &str,
) -> Option<(String, String, Option<String>)> {
    let active = json_str(json, "activeCalendarSet");
    let from_set = json
        .get("calendarSets")
        .and_then(serde_json::Value::as_array)
        .and_then(|sets| {
            sets.iter()
                .find(|set| active.is_empty() || json_str(set, "id") == active)
                .or_else(|| sets.first())
        })
        .and_then(|set| set.get(set_key));
    let section = from_set.or_else(|| json.get(legacy_key))?;
    if !section
        .get("enabled")
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(false)
    {
        return None;
    }
    let format = non_empty(json_str(section, "format"))
        .unwrap_or(default_format)
        .to_owned();
    let template = non_empty(json_str(section, "templatePath"))
        .or_else(|| non_empty(json_str(section, "template")))
        .map(template_path);
    Some((clean_folder(json_str(section, "folder")), format, template))
}

/// Finds `key "value"` in Logseq's EDN config, ignoring `;` comments.
fn edn_string(text: &str, key: &str) -> Option<String> {
    text.lines().map(strip_edn_comment).find_map(|line| {
        let after = line.split_once(key)?.1.trim_start();
        let quoted = after.strip_prefix('"')?;
        quoted.split_once('"').map(|(value, _)| value.to_owned())
    })
}

fn strip_edn_comment(line: &str) -> &str {
    let mut in_string = false;
    for (index, ch) in line.char_indices() {
        match ch {
            '"' => in_string = !in_string,
            ';' if !in_string => return line.get(..index).unwrap_or(line),
            _ => {}
        }
    }
    line
}

/// Obsidian stores template paths without `.md`; smallwins wants the file.
fn template_path(path: &str) -> String {
    let path = clean_folder(path);
    if path.to_ascii_lowercase().ends_with(".md") {
        path
    } else {
        format!("{path}.md")
    }
}

fn strip_hash(tag: &str) -> String {
    tag.trim().trim_start_matches('#').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn vault_with(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let full = dir.path().join(path);
            fs::create_dir_all(full.parent().unwrap()).unwrap();
            fs::write(full, text).unwrap();
        }
        dir
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    #[test]
    fn unknown_key_names_key_and_file() {
        let vault = vault_with(&[(".smallwins.toml", "[goal]\ndialy = 3\n")]);
        let err = Config::load(vault.path(), today()).unwrap_err().to_string();
        assert!(err.contains(".smallwins.toml"), "{err}");
        assert!(err.contains("dialy"), "{err}");
    }

    #[test]
    fn periodic_notes_legacy_shape() {
        let vault = vault_with(&[(
            ".obsidian/plugins/periodic-notes/data.json",
            r#"{"daily":{"enabled":true,"folder":"Journal/","format":"YYYY/MM/YYYY-MM-DD","template":"Templates/Day"},
                "weekly":{"enabled":true,"folder":"Weekly","format":"gggg-[W]ww"}}"#,
        )]);
        let config = Config::load(vault.path(), today()).unwrap();
        assert_eq!(config.daily.folder, "Journal");
        assert_eq!(config.daily.format.as_moment(), "YYYY/MM/YYYY-MM-DD");
        assert_eq!(config.daily.template.as_deref(), Some("Templates/Day.md"));
        assert_eq!(config.daily.source, LayoutSource::PeriodicNotes);
        assert_eq!(config.review.folder, "Weekly");
    }

    #[test]
    fn periodic_notes_calendar_set_shape() {
        let vault = vault_with(&[(
            ".obsidian/plugins/periodic-notes/data.json",
            r#"{"activeCalendarSet":"Work","calendarSets":[
                {"id":"Default","day":{"enabled":true,"folder":"Other","format":""}},
                {"id":"Work","day":{"enabled":true,"folder":"Days","format":"DD-MM-YYYY","templatePath":"T/d.md"},
                 "week":{"enabled":false}}]}"#,
        )]);
        let config = Config::load(vault.path(), today()).unwrap();
        assert_eq!(config.daily.folder, "Days");
        assert_eq!(config.daily.format.as_moment(), "DD-MM-YYYY");
        assert_eq!(config.daily.template.as_deref(), Some("T/d.md"));
        assert_eq!(config.review.folder, "Reviews");
    }

    #[test]
    fn disabled_periodic_notes_fall_back_to_daily_notes_json() {
        let vault = vault_with(&[
            (
                ".obsidian/plugins/periodic-notes/data.json",
                r#"{"daily":{"enabled":false,"folder":"X"}}"#,
            ),
            (
                ".obsidian/daily-notes.json",
                r#"{"folder":"Daily","format":""}"#,
            ),
        ]);
        let config = Config::load(vault.path(), today()).unwrap();
        assert_eq!(config.daily.folder, "Daily");
        assert_eq!(config.daily.format.as_moment(), "YYYY-MM-DD");
        assert_eq!(config.daily.source, LayoutSource::ObsidianDailyNotes);
    }

    #[test]
    fn logseq_format_from_config_edn() {
        let vault = vault_with(&[(
            "logseq/config.edn",
            "{;; :journal/file-name-format \"nope\"\n :journal/file-name-format \"yyyy_MM_dd\"}",
        )]);
        let config = Config::load(vault.path(), today()).unwrap();
        assert_eq!(config.daily.folder, "journals");
        assert_eq!(config.daily.source, LayoutSource::Logseq);
        assert!(config.daily.format.parse("2026_11_16").is_some());
    }

    #[test]
    fn smallwins_toml_wins_over_obsidian() {
        let vault = vault_with(&[
            (".obsidian/daily-notes.json", r#"{"folder":"Daily"}"#),
            (".smallwins.toml", "exclude = [\"Archive/\"]\n[notes]\nfolder = \"Journal\"\n[goal]\nrest_days = [\"sat\", \"Sunday\"]\nrest_tag = \"#off\"\n"),
        ]);
        let config = Config::load(vault.path(), today()).unwrap();
        assert_eq!(config.daily.folder, "Journal");
        assert_eq!(config.exclude, vec!["Archive".to_owned()]);
        assert_eq!(config.goal.rest_days, vec![Weekday::Sat, Weekday::Sun]);
        assert_eq!(config.rules.rest_tag, "off");
    }

    #[test]
    fn bad_format_names_the_file_once_and_says_what_to_use() {
        for (toml, key) in [
            ("[notes]\nformat = \"YYYY-QQ\"\n", "notes.format"),
            ("[review]\nformat = \"GGGG-[W\"\n", "review.format"),
        ] {
            let vault = vault_with(&[(".smallwins.toml", toml)]);
            let err = Config::load(vault.path(), today()).unwrap_err().to_string();
            assert_eq!(err.matches(".smallwins.toml").count(), 1, "{err}");
            assert!(
                err.contains(key) && err.contains("use moment.js tokens"),
                "{err}"
            );
        }
    }

    #[test]
    fn week_start_and_review_format_agree() {
        let sunday = vault_with(&[(".smallwins.toml", "[review]\nweek_start = \"sunday\"\n")]);
        let config = Config::load(sunday.path(), today()).unwrap();
        assert_eq!(config.review.format.as_moment(), "gggg-[W]ww");

        let periodic = vault_with(&[(
            ".obsidian/plugins/periodic-notes/data.json",
            r#"{"weekly":{"enabled":true,"folder":"Weekly","format":""}}"#,
        )]);
        let config = Config::load(periodic.path(), today()).unwrap();
        assert_eq!(config.review.week_start, WeekStart::Sunday);
        assert_eq!(config.review.folder, "Weekly");

        let mixed = vault_with(&[(
            ".smallwins.toml",
            "[review]\nformat = \"GGGG-[W]WW\"\nweek_start = \"sunday\"\n",
        )]);
        let err = Config::load(mixed.path(), today()).unwrap_err().to_string();
        assert!(
            err.contains("review.format `GGGG-[W]WW`") && err.contains("monday"),
            "{err}"
        );
    }

    #[test]
    fn bad_rest_day_is_a_config_error() {
        let vault = vault_with(&[(".smallwins.toml", "[goal]\nrest_days = [\"someday\"]\n")]);
        let err = Config::load(vault.path(), today()).unwrap_err().to_string();
        assert!(
            err.contains("goal.rest_days") && err.contains("someday"),
            "{err}"
        );
    }

    #[test]
    fn markdown_links_from_app_json() {
        let vault = vault_with(&[(
            ".obsidian/app.json",
            r#"{"useMarkdownLinks":true,"newLinkFormat":"relative"}"#,
        )]);
        let config = Config::load(vault.path(), today()).unwrap();
        assert_eq!(config.review.links, LinkSyntax::Markdown);
        assert_eq!(config.review.link_path, LinkPath::Relative);
    }

    #[test]
    fn vault_discovery_walks_up_to_marker() {
        let vault = vault_with(&[(".obsidian/app.json", "{}"), ("Daily/2026/x.md", "")]);
        let found = discover_vault(None, &vault.path().join("Daily/2026"));
        assert_eq!(found, vault.path());
    }

    #[test]
    fn rest_days_are_english_weekday_names_in_any_case() {
        let cases = [
            ("mon", Some(Weekday::Mon)),
            ("Tuesday", Some(Weekday::Tue)),
            ("WED", Some(Weekday::Wed)),
            ("sunday", Some(Weekday::Sun)),
            ("sat", Some(Weekday::Sat)),
            ("tues", None),
            ("", None),
            ("sunday ", None),
            ("lundi", None),
            ("é", None),
        ];
        for (day, expected) in cases {
            let toml = format!("[goal]\nrest_days = [\"{day}\"]\n");
            let vault = vault_with(&[(".smallwins.toml", &toml)]);
            let rest_days = Config::load(vault.path(), today()).map(|c| c.goal.rest_days);
            assert_eq!(rest_days.ok(), expected.map(|d| vec![d]), "{day:?}");
        }
    }
}
