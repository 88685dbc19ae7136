//! Walking the vault: which markdown files exist and which of them are daily notes. No parsing here.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use walkdir::WalkDir;

use crate::config::{vault_marker, Config, Discovery};
use crate::dates::DateFormat;
use crate::model::Diagnostic;
use crate::paths::relative_source;

/// A markdown file of the vault, classified by its path alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotePath {
    /// Where to read it.
    pub path: PathBuf,
    /// Vault-relative path with `/`.
    pub source: String,
    /// What its location and name say about its date.
    pub kind: PathKind,
}

/// What a note's path says about its date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathKind {
    /// A daily note: its name is a date in the daily format.
    Daily(NaiveDate),
    /// Any other note; only front matter can date it.
    Other {
        /// What is odd about its path, should front matter not date it either.
        problem: Option<PathProblem>,
    },
}

/// Why an undated note's path deserves a word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathProblem {
    /// Which kind of problem.
    pub kind: PathProblemKind,
    /// What is wrong and what to do.
    pub message: String,
}

/// The kinds of path problems, from worst to mildest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathProblemKind {
    /// Named like a date that does not exist (`2026-02-30`).
    ImpossibleDate,
    /// In the daily folder, but not named in the daily format.
    StrayInDailyFolder,
    /// Named as a daily note, but outside the daily folder, so not counted (a `check` lint).
    OutsideDailyFolder,
}

/// The result of walking a vault.
#[derive(Debug, Default)]
pub struct Scan {
    /// Every note, sorted by source path.
    pub notes: Vec<NotePath>,
    /// Problems met while walking (broken links, unreadable folders).
    pub diagnostics: Vec<Diagnostic>,
}

/// Walks the vault and lists every note it may read, skipping hidden and excluded folders.
pub fn scan(config: &Config) -> Scan {
    let mut scan = Scan::default();
    for found in walk(config, WalkOrder::BySource) {
        match found {
            Ok(note) => scan.notes.push(note),
            Err(diagnostic) => scan.diagnostics.push(diagnostic),
        }
    }
    scan
}

/// The order in which `walk` finds notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WalkOrder {
    /// Folder by folder, each sorted by name.
    BySource,
    /// As the file system lists them: for callers that sort or only count, as sorting every
    /// folder costs a walk of a big vault a fair share of its time.
    Unsorted,
}

/// How many files and folders the walk of a folder without a vault marker visits at most: a
/// plain folder of notes is far smaller, and `smallwins stats` run in `/usr` or a home folder
/// must answer in a moment, not crawl the disk.
pub const UNMARKED_WALK_LIMIT: usize = 50_000;

/// The notes of the vault as the walk finds them, with the walk's problems interleaved; lazy, so
/// that reading can start before the walk ends. In a folder found without a vault marker, other
/// vaults inside it are skipped (with a warning) and the walk stops after
/// [`UNMARKED_WALK_LIMIT`] entries (with a warning).
pub fn walk(
    config: &Config,
    order: WalkOrder,
) -> impl Iterator<Item = Result<NotePath, Diagnostic>> + Send + '_ {
    let classifier = Classifier::new(config);
    let walker = WalkDir::new(&config.vault).follow_links(false);
    let walker = match order {
        WalkOrder::BySource => walker.sort_by_file_name(),
        WalkOrder::Unsorted => walker,
    };
    let mut entries = walker
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_skipped(config, entry));
    let unmarked = config.discovery == Discovery::Unmarked;
    let mut visited = 0_usize;
    std::iter::from_fn(move || loop {
        if visited > UNMARKED_WALK_LIMIT {
            return None;
        }
        let entry = entries.next()?;
        if unmarked {
            visited += 1;
            if visited > UNMARKED_WALK_LIMIT {
                return Some(Err(Diagnostic::file_warning(
                    ".",
                    format!(
                        "stopped after {UNMARKED_WALK_LIMIT} files and folders: this folder has no \
                         vault marker and is too big to be a folder of notes; run smallwins in \
                         your vault, pass --vault DIR, or mark this folder with `smallwins init`"
                    ),
                )));
            }
            if let Some(marker) = other_vault(&entry) {
                entries.skip_current_dir();
                let source = entry
                    .as_ref()
                    .map(|entry| relative_source(&config.vault, entry.path()))
                    .unwrap_or_default();
                return Some(Err(Diagnostic::file_warning(
                    source,
                    format!("another vault (it has {marker}): not read; run smallwins there for its wins"),
                )));
            }
        }
        if let Some(found) = found(config, &classifier, entry) {
            return Some(found);
        }
    })
}

/// The marker of a folder inside the vault that is a vault of its own.
fn other_vault(entry: &walkdir::Result<walkdir::DirEntry>) -> Option<&'static str> {
    let entry = entry.as_ref().ok()?;
    if entry.depth() == 0 || !entry.file_type().is_dir() {
        return None;
    }
    vault_marker(entry.path())
}

/// What one walk entry contributes: a note, a warning, or nothing.
fn found(
    config: &Config,
    classifier: &Classifier,
    entry: walkdir::Result<walkdir::DirEntry>,
) -> Option<Result<NotePath, Diagnostic>> {
    let entry = match entry {
        Ok(entry) => entry,
        Err(err) => {
            let source = err
                .path()
                .map(|path| relative_source(&config.vault, path))
                .unwrap_or_default();
            return Some(Err(Diagnostic::file_warning(
                source,
                format!("cannot read: {err}"),
            )));
        }
    };
    if !is_markdown(entry.path()) {
        return None;
    }
    let source = relative_source(&config.vault, entry.path());
    if entry.path_is_symlink() {
        return entry.path().metadata().is_err().then(|| {
            Err(Diagnostic::file_warning(
                source,
                "broken symbolic link; remove it or point it at a note",
            ))
        });
    }
    if !entry.file_type().is_file() {
        return None;
    }
    let kind = classifier.classify(&source);
    Some(Ok(NotePath {
        path: entry.into_path(),
        source,
        kind,
    }))
}

/// Classifies a vault-relative note path against the daily-note layout.
pub fn classify(config: &Config, source: &str) -> PathKind {
    Classifier::new(config).classify(source)
}

/// The daily-note layout prepared once per walk, so classifying a path allocates nothing.
struct Classifier<'a> {
    folder: &'a str,
    /// `folder/`, what a path inside the daily folder starts with.
    folder_prefix: String,
    format: DateFormat,
}

impl<'a> Classifier<'a> {
    fn new(config: &'a Config) -> Classifier<'a> {
        let folder = config.daily.folder.as_str();
        Classifier {
            folder,
            folder_prefix: format!("{folder}/"),
            format: config.daily.format.last_segment(),
        }
    }

    fn classify(&self, source: &str) -> PathKind {
        let (folder, name) = match source.rsplit_once('/') {
            Some((folder, name)) => (folder, name),
            None => ("", source),
        };
        let stem = strip_markdown_extension(name);
        let daily_folder = self.folder;
        let format = &self.format;
        let in_daily_folder = daily_folder.is_empty()
            || folder == daily_folder
            || folder.starts_with(&self.folder_prefix);
        let date = format.parse(stem);
        if let (true, Some(date)) = (in_daily_folder, date) {
            return PathKind::Daily(date);
        }
        let problem = |kind, message| Some(PathProblem { kind, message });
        let problem = if date.is_some() {
            problem(
                PathProblemKind::OutsideDailyFolder,
                format!(
                    "named like a daily note but outside the daily folder `{daily_folder}`: it is not counted; move it there or give it `date:` front matter"
                ),
            )
        } else if looks_like_date(stem, format) {
            problem(
                PathProblemKind::ImpossibleDate,
                format!(
                    "`{stem}` is not a real date in the daily format `{}`; rename the note",
                    format.as_moment()
                ),
            )
        } else if in_daily_folder && !daily_folder.is_empty() {
            problem(
                PathProblemKind::StrayInDailyFolder,
                format!(
                    "note in the daily folder `{daily_folder}` does not match the daily format `{}`; rename it, move it or give it `date:` front matter",
                    format.as_moment()
                ),
            )
        } else {
            None
        };
        PathKind::Other { problem }
    }
}

/// Whether `name` has the shape of the format (digits where the format has digits) without being
/// a valid date, as `2026-02-30` has for `YYYY-MM-DD`.
fn looks_like_date(name: &str, format: &DateFormat) -> bool {
    let mask = |text: &str| -> String {
        text.chars()
            .map(|ch| if ch.is_ascii_digit() { '0' } else { ch })
            .collect()
    };
    let name_mask = mask(name);
    [(2000, 1, 1), (2000, 12, 31), (2000, 1, 31), (2000, 12, 1)]
        .iter()
        .filter_map(|&(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
        .any(|sample| mask(&format.format(sample)) == name_mask)
        && name.chars().any(|ch| ch.is_ascii_digit())
}

fn is_skipped(config: &Config, entry: &walkdir::DirEntry) -> bool {
    if entry.file_name().to_string_lossy().starts_with('.') {
        return true;
    }
    entry.file_type().is_dir()
        && !config.exclude.is_empty()
        && is_hidden_or_excluded(config, &relative_source(&config.vault, entry.path()))
}

/// Whether a vault-relative path lies in a hidden or excluded folder (or is hidden itself):
/// such paths are never read.
pub fn is_hidden_or_excluded(config: &Config, source: &str) -> bool {
    source
        .split('/')
        .any(|part| part.starts_with('.') && part != "." && part != "..")
        || config.exclude.iter().any(|excluded| {
            source
                .strip_prefix(excluded.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        })
}

/// Whether a path names a markdown note (`.md`, any case).
pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("md"))
}

fn strip_markdown_extension(name: &str) -> &str {
    match name.len().checked_sub(3) {
        Some(cut)
            if name
                .get(cut..)
                .is_some_and(|ext| ext.eq_ignore_ascii_case(".md")) =>
        {
            name.get(..cut).unwrap_or(name)
        }
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn config_for(vault: &Path, toml: &str) -> Config {
        fs::write(vault.join(".smallwins.toml"), toml).unwrap();
        Config::load(vault, NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()).unwrap()
    }

    fn touch(vault: &Path, path: &str) {
        let full = vault.join(path);
        fs::create_dir_all(full.parent().unwrap()).unwrap();
        fs::write(full, "x").unwrap();
    }

    #[test]
    fn skips_hidden_and_excluded_folders_and_non_markdown() {
        let dir = tempfile::tempdir().unwrap();
        for path in [
            "Daily/2026-11-16.md",
            ".obsidian/x.md",
            ".trash/2026-11-17.md",
            "Archive/2026-11-18.md",
            "Daily/image.png",
            "Notes/Idea.MD",
        ] {
            touch(dir.path(), path);
        }
        let config = config_for(
            dir.path(),
            "exclude = [\"Archive\"]\n[notes]\nfolder = \"Daily\"\n",
        );
        let sources: Vec<_> = scan(&config).notes.into_iter().map(|n| n.source).collect();
        assert_eq!(sources, vec!["Daily/2026-11-16.md", "Notes/Idea.MD"]);
    }

    #[test]
    fn nested_daily_format_matches_basename() {
        let dir = tempfile::tempdir().unwrap();
        let config = config_for(
            dir.path(),
            "[notes]\nfolder = \"Daily\"\nformat = \"YYYY/MM/YYYY-MM-DD\"\n",
        );
        assert_eq!(
            classify(&config, "Daily/2026/11/2026-11-16.md"),
            PathKind::Daily(NaiveDate::from_ymd_opt(2026, 11, 16).unwrap())
        );
        assert!(matches!(
            classify(&config, "Other/2026-11-16.md"),
            PathKind::Other { .. }
        ));
    }

    #[test]
    fn impossible_date_is_suspicious() {
        let dir = tempfile::tempdir().unwrap();
        let config = config_for(dir.path(), "");
        match classify(&config, "2026-02-30.md") {
            PathKind::Other {
                problem: Some(problem),
            } => {
                assert_eq!(problem.kind, PathProblemKind::ImpossibleDate);
                assert!(problem.message.contains("2026-02-30"));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            classify(&config, "Ideas.md"),
            PathKind::Other { problem: None }
        );
    }

    #[test]
    fn real_date_outside_the_daily_folder_is_not_called_impossible() {
        let dir = tempfile::tempdir().unwrap();
        let config = config_for(dir.path(), "[notes]\nfolder = \"Daily\"\n");
        match classify(&config, "Meetings/2026-11-16.md") {
            PathKind::Other {
                problem: Some(problem),
            } => {
                assert_eq!(problem.kind, PathProblemKind::OutsideDailyFolder);
                assert!(!problem.message.contains("real date"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn stray_file_in_daily_folder_is_suspicious() {
        let dir = tempfile::tempdir().unwrap();
        let config = config_for(dir.path(), "[notes]\nfolder = \"Daily\"\n");
        assert!(matches!(
            classify(&config, "Daily/notes.md"),
            PathKind::Other {
                problem: Some(PathProblem {
                    kind: PathProblemKind::StrayInDailyFolder,
                    ..
                })
            }
        ));
    }
}
