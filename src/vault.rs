//! Walking the vault: which markdown files exist and which of them are daily notes. No parsing here.

use std::fs::{self, Metadata};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use chrono::NaiveDate;

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

/// Every daily note of the vault (dated by its path), as date and source, sorted by source.
pub fn daily_notes(config: &Config) -> Vec<(NaiveDate, String)> {
    scan(config)
        .notes
        .into_iter()
        .filter_map(|note| match note.kind {
            PathKind::Daily(day) => Some((day, note.source)),
            PathKind::Other { .. } => None,
        })
        .collect()
}

/// Walks the vault and lists every note it may read, skipping hidden and excluded folders.
pub fn scan(config: &Config) -> Scan {
    let mut scan = walk(
        config,
        Stat::No,
        Scan::default,
        |mut scan, found| {
            match found {
                Ok(walked) => scan.notes.push(walked.note),
                Err(diagnostic) => scan.diagnostics.push(diagnostic),
            }
            scan
        },
        |mut scan, mut more| {
            scan.notes.append(&mut more.notes);
            scan.diagnostics.append(&mut more.diagnostics);
            scan
        },
    );
    scan.notes.sort_by(|a, b| a.source.cmp(&b.source));
    scan.diagnostics.sort();
    scan
}

/// Whether the walk reads each note's metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stat {
    /// Names are enough.
    No,
    /// Each note's metadata too (symbolic links are not followed).
    Yes,
}

/// A note found by the walk.
#[derive(Debug)]
pub struct Walked {
    /// Where it is and what its path says.
    pub note: NotePath,
    /// Its metadata, when the walk was asked to read it and could.
    pub metadata: Option<Metadata>,
}

/// Notes handed to one task at most: a big folder is shared out among the workers.
const TASK_NOTES: usize = 64;

/// How many files and folders the walk of a folder without a vault marker visits at most: a
/// plain folder of notes is far smaller, and `smallwins stats` run in `/usr` or a home folder
/// must answer in a moment, not crawl the disk.
pub const UNMARKED_WALK_LIMIT: usize = 50_000;

/// Walks the vault on every worker, folding each note it finds, or each problem it meets, into
/// an accumulator (`init` per task, `visit` per note, `merge` to join tasks); the order is the
/// file system's. Folders are read in parallel, and each note is visited by the worker that
/// found it, so that reading notes overlaps the walk. Metadata, when asked for, is read
/// relative to the open folder: one name to resolve, where a path costs one per folder. In a
/// folder found without a vault marker, other vaults inside it are skipped (with a warning) and
/// the walk stops after [`UNMARKED_WALK_LIMIT`] entries (with a warning).
pub fn walk<T, Init, Visit, Merge>(
    config: &Config,
    stat: Stat,
    init: Init,
    visit: Visit,
    merge: Merge,
) -> T
where
    T: Send,
    Init: Fn() -> T + Sync,
    Visit: Fn(T, Result<Walked, Diagnostic>) -> T + Sync,
    Merge: Fn(T, T) -> T,
{
    let walker = Walker {
        config,
        classifier: Classifier::new(config),
        stat,
        init,
        visit,
        done: Mutex::new(Vec::new()),
        unmarked: config.discovery == Discovery::Unmarked,
        // The vault folder itself is the first entry.
        visited: AtomicUsize::new(1),
    };
    rayon::scope(|scope| walker.folder(scope, config.vault.clone()));
    let done = match walker.done.into_inner() {
        Ok(done) => done,
        Err(poisoned) => poisoned.into_inner(),
    };
    let init = walker.init;
    done.into_iter().fold(init(), merge)
}

/// One walk: its settings, its callbacks, and the accumulators of the finished tasks.
struct Walker<'a, T, Init, Visit> {
    config: &'a Config,
    classifier: Classifier<'a>,
    stat: Stat,
    init: Init,
    visit: Visit,
    done: Mutex<Vec<T>>,
    /// Whether the vault was found without a marker: then the walk is bounded.
    unmarked: bool,
    /// Entries met so far, counted only when `unmarked`.
    visited: AtomicUsize,
}

impl<'a, T, Init, Visit> Walker<'a, T, Init, Visit>
where
    T: Send,
    Init: Fn() -> T + Sync,
    Visit: Fn(T, Result<Walked, Diagnostic>) -> T + Sync,
{
    /// Reads a folder: its subfolders become tasks of their own, its notes are visited in
    /// tasks of at most [`TASK_NOTES`].
    fn folder<'s>(&'s self, scope: &rayon::Scope<'s>, folder: PathBuf) {
        if self.stopped() {
            return;
        }
        let entries = match fs::read_dir(&folder) {
            Ok(entries) => entries,
            Err(err) => {
                return self.finish((self.visit)(
                    (self.init)(),
                    Err(self.cannot_read(&folder, &err)),
                ))
            }
        };
        let mut notes = Vec::new();
        let mut problems = Vec::new();
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    problems.push(self.cannot_read(&folder, &err));
                    continue;
                }
            };
            let name = entry.file_name();
            if name.as_encoded_bytes().starts_with(b".") {
                continue;
            }
            if let Some(stop) = self.count() {
                problems.extend(stop);
                break;
            }
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => {
                    let path = entry.path();
                    if self.is_excluded(&path) {
                        continue;
                    }
                    match self.other_vault(&path) {
                        Some(problem) => problems.push(problem),
                        None => scope.spawn(move |scope| self.folder(scope, path)),
                    }
                }
                Ok(_) if is_markdown(Path::new(&name)) => notes.push(entry),
                Ok(_) => {}
                Err(err) => problems.push(self.cannot_read(&entry.path(), &err)),
            }
        }
        if !problems.is_empty() {
            let value = problems
                .into_iter()
                .map(Err)
                .fold((self.init)(), &self.visit);
            self.finish(value);
        }
        while notes.len() > TASK_NOTES {
            let task = notes.split_off(notes.len() - TASK_NOTES);
            scope.spawn(move |_| self.notes(task));
        }
        self.notes(notes);
    }

    fn notes(&self, entries: Vec<fs::DirEntry>) {
        if entries.is_empty() {
            return;
        }
        let value = entries
            .into_iter()
            .filter_map(|entry| self.found(entry))
            .fold((self.init)(), &self.visit);
        self.finish(value);
    }

    /// What a markdown entry of a folder contributes: a note, a warning, or nothing.
    fn found(&self, entry: fs::DirEntry) -> Option<Result<Walked, Diagnostic>> {
        let path = entry.path();
        let source = relative_source(&self.config.vault, &path);
        let kind = match entry.file_type() {
            Ok(kind) => kind,
            Err(err) => return Some(Err(cannot_read(source, &err))),
        };
        if kind.is_symlink() {
            // Links are never followed; one that leads nowhere (or round in a loop) is a
            // mistake worth a word.
            return path.metadata().is_err().then(|| {
                Err(Diagnostic::file_warning(
                    source,
                    "broken symbolic link; remove it or point it at a note",
                ))
            });
        }
        if !kind.is_file() {
            return None;
        }
        let metadata = match self.stat {
            Stat::No => None,
            Stat::Yes => match entry.metadata() {
                Ok(metadata) => Some(metadata),
                Err(err) => return Some(Err(cannot_read(source, &err))),
            },
        };
        let kind = self.classifier.classify(&source);
        Some(Ok(Walked {
            note: NotePath { path, source, kind },
            metadata,
        }))
    }

    /// Counts one more entry of an unmarked vault: past the limit, the walk stops, and the
    /// entry that crossed it brings the warning.
    fn count(&self) -> Option<Option<Diagnostic>> {
        if !self.unmarked {
            return None;
        }
        let visited = self.visited.fetch_add(1, Ordering::Relaxed) + 1;
        (visited > UNMARKED_WALK_LIMIT).then(|| {
            (visited == UNMARKED_WALK_LIMIT + 1).then(|| {
                Diagnostic::file_warning(
                    ".",
                    format!(
                        "stopped after {UNMARKED_WALK_LIMIT} files and folders: this folder has no \
                         vault marker and is too big to be a folder of notes; run smallwins in \
                         your vault, pass --vault DIR, or mark this folder with `smallwins init`"
                    ),
                )
            })
        })
    }

    fn stopped(&self) -> bool {
        self.unmarked && self.visited.load(Ordering::Relaxed) > UNMARKED_WALK_LIMIT
    }

    /// The warning about a folder of an unmarked vault that is a vault of its own, not read.
    fn other_vault(&self, folder: &Path) -> Option<Diagnostic> {
        if !self.unmarked {
            return None;
        }
        let marker = vault_marker(folder)?;
        Some(Diagnostic::file_warning(
            relative_source(&self.config.vault, folder),
            format!("another vault (it has {marker}): not read; run smallwins there for its wins"),
        ))
    }

    fn is_excluded(&self, folder: &Path) -> bool {
        !self.config.exclude.is_empty()
            && is_hidden_or_excluded(self.config, &relative_source(&self.config.vault, folder))
    }

    fn cannot_read(&self, path: &Path, err: &std::io::Error) -> Diagnostic {
        cannot_read(relative_source(&self.config.vault, path), err)
    }

    fn finish(&self, value: T) {
        match self.done.lock() {
            Ok(mut done) => done.push(value),
            Err(poisoned) => poisoned.into_inner().push(value),
        }
    }
}

/// The warning about a file or folder that cannot be read.
pub fn cannot_read(source: impl Into<String>, err: &std::io::Error) -> Diagnostic {
    Diagnostic::file_warning(source, format!("cannot read: {err}"))
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

/// Where the daily notes of a vault live when no settings say (SPEC §1: new daily notes go to
/// the folder that holds the most recent notes named so).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DailyHome {
    /// Vault-relative folder with `/`, empty for the vault root.
    pub folder: String,
    /// The note name format under it: the daily format, behind the date folders the recent
    /// notes sit in (`YYYY/MM/YYYY-MM-DD` for `Journal/2026/11/2026-11-16.md`).
    pub format: DateFormat,
}

impl DailyHome {
    /// The vault-relative path of the daily note of `date`.
    pub fn source(&self, date: NaiveDate) -> String {
        let name = format!("{}.md", self.format.format(date));
        if self.folder.is_empty() {
            name
        } else {
            format!("{}/{name}", self.folder)
        }
    }
}

/// How many of the most recent daily notes must agree on date folders for a nested format.
const RECENT_NOTES: usize = 10;

/// Date folders people keep daily notes in, most specific first.
const DATE_FOLDERS: [&str; 7] = [
    "YYYY/MM-MMMM",
    "YYYY/MM MMMM",
    "YYYY/YYYY-MM",
    "YYYY/MMMM",
    "YYYY/MM",
    "YYYY-MM",
    "YYYY",
];

/// The home of the daily notes `daily` (each day and vault-relative source) named in `format`:
/// the folder of the most recent one, and, when the most recent ones all sit in folders named
/// after their dates, the format nested the same way. `None` without notes.
pub fn daily_home(daily: &[(NaiveDate, String)], format: &DateFormat) -> Option<DailyHome> {
    let mut recent: Vec<&(NaiveDate, String)> = daily.iter().collect();
    recent.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    recent.truncate(RECENT_NOTES);
    let folder_of = |source: &str| {
        source
            .rsplit_once('/')
            .map_or("", |(folder, _)| folder)
            .to_owned()
    };
    let (latest_date, latest) = recent.first()?;
    let folder = folder_of(latest);
    for nesting in DATE_FOLDERS {
        let Ok(nested) = DateFormat::moment(nesting) else {
            continue;
        };
        let dated = nested.format(*latest_date);
        let base = if folder == dated {
            ""
        } else if let Some(base) = folder
            .strip_suffix(&dated)
            .and_then(|b| b.strip_suffix('/'))
        {
            base
        } else {
            continue;
        };
        let agree = recent.iter().all(|(date, source)| {
            let expected = if base.is_empty() {
                nested.format(*date)
            } else {
                format!("{base}/{}", nested.format(*date))
            };
            folder_of(source) == expected
        });
        let whole = format!("{nesting}/{}", format.as_moment());
        if let (true, Ok(format)) = (agree, DateFormat::moment(&whole)) {
            return Some(DailyHome {
                folder: base.to_owned(),
                format,
            });
        }
    }
    Some(DailyHome {
        folder,
        format: format.clone(),
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

    #[test]
    fn daily_home_is_where_the_most_recent_notes_are() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let notes = |list: &[(&str, &str)]| -> Vec<(NaiveDate, String)> {
            list.iter()
                .map(|(d, s)| (day(d), (*s).to_owned()))
                .collect()
        };
        let plain = DateFormat::default();
        let home = |list: &[(&str, &str)]| {
            daily_home(&notes(list), &plain).map(|h| (h.folder, h.format.as_moment()))
        };
        let flat = home(&[
            ("2026-11-20", "03 - AREAS/Journal/Daily/2026-11-20.md"),
            ("2025-01-02", "Old/2025-01-02.md"),
        ]);
        assert_eq!(
            flat,
            Some((
                "03 - AREAS/Journal/Daily".to_owned(),
                "YYYY-MM-DD".to_owned()
            ))
        );
        let nested = home(&[
            ("2026-11-20", "Journal/2026/11/2026-11-20.md"),
            ("2026-10-31", "Journal/2026/10/2026-10-31.md"),
        ]);
        assert_eq!(
            nested,
            Some(("Journal".to_owned(), "YYYY/MM/YYYY-MM-DD".to_owned()))
        );
        let named_months = home(&[("2026-11-20", "2026/11-November/2026-11-20.md")]);
        assert_eq!(
            named_months,
            Some((String::new(), "YYYY/MM-MMMM/YYYY-MM-DD".to_owned()))
        );
        let mixed = home(&[
            ("2026-11-20", "Journal/2026/11/2026-11-20.md"),
            ("2026-11-19", "Inbox/2026-11-19.md"),
        ]);
        assert_eq!(
            mixed,
            Some(("Journal/2026/11".to_owned(), "YYYY-MM-DD".to_owned()))
        );
        assert_eq!(
            home(&[("2026-11-20", "2026-11-20.md")]),
            Some((String::new(), "YYYY-MM-DD".to_owned()))
        );
        assert_eq!(home(&[]), None);
        let source = daily_home(&notes(&[("2026-11-20", "J/2026/11/2026-11-20.md")]), &plain)
            .unwrap()
            .source(day("2026-12-01"));
        assert_eq!(source, "J/2026/12/2026-12-01.md");
    }
}
