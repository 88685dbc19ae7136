//! `.smallwins.toml` as the person wrote it: every key optional, unknown keys rejected.

use std::fs;
use std::path::Path;

use serde::Deserialize;

use super::LinkSyntax;
use crate::dates::WeekStart;
use crate::error::{Error, Result};

/// `.smallwins.toml` as written by the person; every key optional, unknown keys rejected.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileSettings {
    /// Folders never read.
    pub exclude: Option<Vec<String>>,
    /// When a day starts (`HH:MM`), for people who write wins after midnight.
    pub day_starts_at: Option<String>,
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
    /// Words that make a heading or label a wins section.
    pub section_words: Option<Vec<String>>,
    /// Win section headings or labels, matched exactly.
    pub sections: Option<Vec<String>>,
    /// Win field keys.
    pub fields: Option<Vec<String>>,
    /// Front matter keys holding wins.
    pub properties: Option<Vec<String>>,
    /// Whether every checked task is a win.
    pub done_tasks: Option<bool>,
    /// Regular expressions whose matching lines are wins.
    pub patterns: Option<Vec<String>>,
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
    /// `[[goal.breaks]]`: date ranges that are rest days (a holiday, an illness).
    pub breaks: Option<Vec<BreakSettings>>,
}

/// One `[[goal.breaks]]` entry: the first and last day of a break, both included.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BreakSettings {
    /// First day of the break.
    pub from: DateValue,
    /// Last day of the break.
    pub to: DateValue,
}

/// A date in the settings file: a `"YYYY-MM-DD"` string or a bare TOML date.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum DateValue {
    /// `from = "2026-12-24"`.
    Text(String),
    /// `from = 2026-12-24`.
    Toml(toml::value::Datetime),
}

impl DateValue {
    /// The date, when it is a whole day and nothing more.
    pub fn date(&self) -> Option<chrono::NaiveDate> {
        match self {
            DateValue::Text(text) => {
                chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
            }
            DateValue::Toml(datetime) => match (datetime.date, datetime.time) {
                (Some(date), None) => chrono::NaiveDate::from_ymd_opt(
                    i32::from(date.year),
                    u32::from(date.month),
                    u32::from(date.day),
                ),
                _ => None,
            },
        }
    }

    /// The value as written, for error messages.
    pub fn as_written(&self) -> String {
        match self {
            DateValue::Text(text) => text.clone(),
            DateValue::Toml(datetime) => datetime.to_string(),
        }
    }
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
    /// The note a new weekly review starts from.
    pub template: Option<String>,
    /// `[review.month]`.
    pub month: Option<PeriodSettings>,
    /// `[review.quarter]`.
    pub quarter: Option<PeriodSettings>,
    /// `[review.year]`.
    pub year: Option<PeriodSettings>,
}

/// `[review.month]`, `[review.quarter]` or `[review.year]` of `.smallwins.toml`: where the
/// reviews of that period go. Setting the table asks for those reviews: the hook and `--all`
/// keep them current.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodSettings {
    /// Review folder.
    pub folder: Option<String>,
    /// Review note name format.
    pub format: Option<String>,
    /// The note a new review starts from.
    pub template: Option<String>,
}

impl FileSettings {
    /// Reads the settings file at `path`; `None` when there is none.
    pub fn read(path: &Path) -> Result<Option<FileSettings>> {
        match fs::read_to_string(path) {
            Ok(text) => parse_settings(&text, path).map(Some),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(err) => Err(Error::io(path, err)),
        }
    }
}

/// Parses `.smallwins.toml` text; errors name the file, the line and the key, in one line.
fn parse_settings(text: &str, path: &Path) -> Result<FileSettings> {
    toml::from_str(text).map_err(|err| Error::config(path, toml_message(text, &err)))
}

/// `line 2: unknown key `dialy`, expected one of …` from toml's error, which otherwise spans
/// several lines with a picture of the source and speaks of serde's "fields".
fn toml_message(text: &str, err: &toml::de::Error) -> String {
    let message = err
        .message()
        .trim()
        .replace("unknown field", "unknown key")
        .replace("missing field", "missing key")
        .replace("expected u32", "expected a whole number")
        .split('\n')
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("; ");
    match err.span().and_then(|span| text.get(..span.start)) {
        Some(before) => format!("line {}: {message}", before.matches('\n').count() + 1),
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use crate::config::test_vaults::{today, vault_with};
    use crate::config::Config;

    #[test]
    fn unknown_key_names_key_and_file() {
        let vault = vault_with(&[(".smallwins.toml", "[goal]\ndialy = 3\n")]);
        let err = Config::load(vault.path(), today()).unwrap_err().to_string();
        assert!(err.contains(".smallwins.toml"), "{err}");
        assert!(err.contains("dialy"), "{err}");
    }

    #[test]
    fn errors_are_one_line_with_the_line_number() {
        for (toml, expected) in [
            (
                "[goal]\ndialy = 3\n",
                "line 2: unknown key `dialy`, expected one of `daily`",
            ),
            (
                "[goal]\ndaily = \"three\"\n",
                "line 2: invalid type: string \"three\", expected a whole number",
            ),
            ("exclude = [\n", "line "),
        ] {
            let vault = vault_with(&[(".smallwins.toml", toml)]);
            let err = Config::load(vault.path(), today()).unwrap_err().to_string();
            assert!(!err.contains('\n'), "{err}");
            assert!(err.contains(expected), "{toml}: {err}");
        }
    }
}
