//! `check`: lints notes and prints compiler-style `PATH:LINE:COL: error|warning: message` lines.
//!
//! Severities: an empty win, an impossible date in a note's name, broken front matter and a
//! damaged managed block in a review are errors (the note says something smallwins cannot read
//! or would silently drop). A note dated in the future, a stray undated note in the daily folder
//! and a win tag inside code are warnings (often deliberate).

use std::collections::BTreeSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::Config;
use crate::error::{Error, Result};
use crate::git::Repo;
use crate::journal;
use crate::model::{Diagnostic, Severity};
use crate::parse::WinMatcher;
use crate::paths::{self, display_path};
use crate::term::{Paint, Style};
use crate::vault::{
    self, is_hidden_or_excluded, is_markdown, PathKind, PathProblem, PathProblemKind,
};
use crate::words::count;
use crate::write::{self, BlockError};

/// What a `check` run found.
#[derive(Debug, Default)]
pub struct Report {
    /// Findings, sorted by source, line and column.
    pub diagnostics: Vec<Diagnostic>,
    /// Paths given on the command line that were not checked, each with the reason.
    pub skipped: Vec<(PathBuf, String)>,
    /// How many notes were checked.
    pub checked: usize,
    /// The days the checked notes are dated (by name or front matter).
    pub dates: BTreeSet<NaiveDate>,
}

impl Report {
    /// Whether any finding is an error (`check` then exits 1).
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|diagnostic| diagnostic.severity == Severity::Error)
    }

    fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.severity == severity)
            .count()
    }

    /// Gathers per-note results into a sorted report.
    fn collect(linted: Vec<Linted>, skipped: Vec<(PathBuf, String)>) -> Report {
        let mut report = Report {
            checked: linted.len(),
            skipped,
            ..Report::default()
        };
        for note in linted {
            report.dates.extend(note.date);
            report.diagnostics.extend(note.diagnostics);
        }
        report.diagnostics.sort();
        report.diagnostics.dedup();
        report.skipped.sort();
        report
    }
}

/// What linting one note found.
#[derive(Debug, Default)]
pub struct Linted {
    /// The note's day, when its name or front matter dates it.
    pub date: Option<NaiveDate>,
    /// Its findings, with the note's source filled in.
    pub diagnostics: Vec<Diagnostic>,
}

/// Lints notes of one vault.
pub struct Linter<'a> {
    config: &'a Config,
    matcher: WinMatcher,
}

impl<'a> Linter<'a> {
    /// A linter for the vault of `config`.
    pub fn new(config: &'a Config) -> Self {
        Linter {
            config,
            matcher: WinMatcher::new(&config.rules),
        }
    }

    /// Lints the text of the note at vault-relative `source`.
    pub fn lint(&self, source: &str, text: &str) -> Linted {
        let parsed = self.matcher.parse(text);
        let mut found: Vec<Diagnostic> = parsed.diagnostics;
        found.extend(parsed.lints);
        let date = match vault::classify(self.config, source) {
            PathKind::Daily(date) => Some(date),
            PathKind::Other { problem } => {
                if let (None, Some(problem)) = (parsed.front_matter_date, problem) {
                    found.push(path_problem(source, problem));
                }
                parsed.front_matter_date
            }
        };
        if let Some(date) = date {
            if date > self.config.today {
                found.push(Diagnostic::at(
                    1,
                    None,
                    Severity::Warning,
                    format!(
                        "note is dated {date}, after today ({}); scores ignore it until then",
                        self.config.today
                    ),
                ));
            }
            // Undated notes (templates among them) may hold placeholders: their wins never count.
            for &line in &parsed.empty_entries {
                found.push(Diagnostic::at(
                    line,
                    first_column(text, line),
                    Severity::Error,
                    "empty win: the placeholder has no text; write the win or delete the line",
                ));
            }
        }
        if self.is_review(source) {
            found.extend(block_problem(text));
        }
        for diagnostic in &mut found {
            diagnostic.source = source.to_owned();
        }
        Linted {
            date,
            diagnostics: found,
        }
    }

    fn is_review(&self, source: &str) -> bool {
        let folder = &self.config.review.folder;
        folder.is_empty()
            || source
                .strip_prefix(folder.as_str())
                .is_some_and(|rest| rest.starts_with('/'))
    }
}

/// A damaged or doubled managed block in a note that has at least one marker.
fn block_problem(text: &str) -> Option<Diagnostic> {
    let (line, message) = match write::find_managed_block(text) {
        Ok(_) | Err(BlockError::Missing) => return None,
        Err(BlockError::Damaged { line }) => (
            line,
            format!("managed block is damaged: `{}` and `{}` must each appear once, in order; restore the missing marker or delete both to detach the note", write::BEGIN_MARKER, write::END_MARKER),
        ),
        Err(BlockError::Doubled { line }) => (
            line,
            "managed block markers appear more than once; keep one begin and one end marker"
                .to_owned(),
        ),
    };
    Some(Diagnostic::at(line, Some(1), Severity::Error, message))
}

/// The 1-based column of the first non-blank character of a 1-based line.
fn first_column(text: &str, line: usize) -> Option<usize> {
    let content = text.lines().nth(line.checked_sub(1)?)?;
    let blank = content.len() - content.trim_start().len();
    Some(
        content
            .get(..blank)
            .map_or(1, |lead| lead.chars().count() + 1),
    )
}

/// Checks every note of the vault.
pub fn check_vault(config: &Config) -> Report {
    let scan = vault::scan(config);
    let linter = Linter::new(config);
    let mut linted: Vec<Linted> = scan
        .notes
        .par_iter()
        .map(|note| read_and_lint(&linter, &note.path, &note.source))
        .collect();
    linted.push(Linted {
        date: None,
        diagnostics: scan.diagnostics,
    });
    let mut report = Report::collect(linted, Vec::new());
    report.checked = scan.notes.len();
    report
}

fn read_and_lint(linter: &Linter, path: &Path, source: &str) -> Linted {
    match journal::read_text(path, source) {
        Ok((text, decoding)) => with_decoding(linter.lint(source, &text), decoding),
        Err(unreadable) => Linted {
            date: None,
            diagnostics: vec![Diagnostic {
                severity: Severity::Error,
                ..unreadable
            }],
        },
    }
}

/// Adds the warnings met while decoding a note's bytes.
fn with_decoding(mut linted: Linted, decoding: Vec<Diagnostic>) -> Linted {
    linted.diagnostics.extend(decoding);
    linted
}

/// Checks the given files, walking folders; `cwd` resolves relative paths. Paths outside the
/// vault, in hidden or excluded folders, or not markdown are skipped with a reason.
pub fn check_paths(config: &Config, paths: &[PathBuf], cwd: &Path) -> Result<Report> {
    let vault = absolute(&config.vault, cwd)?;
    let mut skipped = Vec::new();
    let mut notes: Vec<(PathBuf, String)> = Vec::new();
    for given in paths {
        let path = cwd.join(given);
        // A note or folder that does not exist is a mistake in the command (a typo), not a
        // finding; other files are not notes either way.
        if let (Err(err), true) = (
            std::fs::symlink_metadata(&path),
            is_markdown(&path) || path.extension().is_none(),
        ) {
            return Err(Error::io(given, err));
        }
        if path.is_dir() {
            for entry in WalkDir::new(&path)
                .follow_links(false)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|entry| {
                    entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
                })
                .filter_map(std::result::Result::ok)
                .filter(|entry| entry.file_type().is_file() && is_markdown(entry.path()))
            {
                match note_source(config, &vault, entry.path(), cwd) {
                    Ok(source) => notes.push((entry.into_path(), source)),
                    Err(reason) => skipped.push((given.join(entry.file_name()), reason)),
                }
            }
        } else if !is_markdown(&path) {
            skipped.push((given.clone(), "not a markdown note".to_owned()));
        } else {
            match note_source(config, &vault, &path, cwd) {
                Ok(source) => notes.push((path, source)),
                Err(reason) => skipped.push((given.clone(), reason)),
            }
        }
    }
    notes.sort_by(|a, b| a.1.cmp(&b.1));
    notes.dedup_by(|a, b| a.1 == b.1);
    let linter = Linter::new(config);
    let linted: Vec<Linted> = notes
        .par_iter()
        .map(|(path, source)| read_and_lint(&linter, path, source))
        .collect();
    Ok(Report::collect(linted, skipped))
}

/// The vault-relative source of `path`, or why it is not a note of this vault.
fn note_source(
    config: &Config,
    vault: &Path,
    path: &Path,
    cwd: &Path,
) -> std::result::Result<String, String> {
    let absolute = cwd
        .join(path)
        .canonicalize()
        .map_err(|err| format!("cannot read: {err}"))?;
    let Ok(relative) = absolute.strip_prefix(vault) else {
        return Err(format!("outside the vault {}", vault.display()));
    };
    let source = paths::relative_source(Path::new(""), relative);
    if is_hidden_or_excluded(config, &source) {
        return Err("in a hidden or excluded folder".to_owned());
    }
    Ok(source)
}

/// Checks the staged content of the staged notes of the vault, reading nothing else.
pub fn check_staged(config: &Config) -> Result<Report> {
    let repo = Repo::discover(&config.vault).map_err(|err| match err {
        Error::NotARepository { path } => Error::Usage(format!(
            "check --staged needs a git repository: {} is not inside one (check notes by name \
             with `smallwins check FILES…`, or the whole vault with `smallwins check`)",
            path.display()
        )),
        other => other,
    })?;
    let sources: Vec<String> = repo
        .staged_files()?
        .into_iter()
        .filter(|source| is_markdown(Path::new(source)) && !is_hidden_or_excluded(config, source))
        .collect();
    let contents = repo.staged_contents(&sources)?;
    let linter = Linter::new(config);
    let linted: Vec<Linted> = sources
        .par_iter()
        .zip(contents)
        .map(|(source, bytes)| match bytes {
            Some(bytes) => {
                let (text, decoding) = journal::decode(bytes, source);
                with_decoding(linter.lint(source, &text), decoding)
            }
            None => Linted {
                date: None,
                diagnostics: vec![Diagnostic {
                    severity: Severity::Error,
                    ..Diagnostic::file_warning(source.as_str(), "staged, but git cannot show it")
                }],
            },
        })
        .collect();
    Ok(Report::collect(linted, Vec::new()))
}

/// `path` made absolute against `cwd` and canonicalized, so symlinked folders compare equal.
fn absolute(path: &Path, cwd: &Path) -> Result<PathBuf> {
    let joined = cwd.join(path);
    joined.canonicalize().map_err(|err| Error::io(joined, err))
}

/// Prints findings as `PATH:LINE:COL: severity: message` with paths relative to `cwd`, and
/// writes skipped paths and a summary to `notes`.
pub fn write_report(
    out: &mut dyn Write,
    notes: &mut dyn Write,
    report: &Report,
    config: &Config,
    cwd: &Path,
    paint: Paint,
) -> io::Result<()> {
    for diagnostic in &report.diagnostics {
        let path = display_path(&config.vault, &diagnostic.source, cwd);
        let style = match diagnostic.severity {
            Severity::Error => Style::ERROR,
            Severity::Warning => Style::WARNING,
        };
        let severity = paint.paint(style, diagnostic.severity.as_str());
        writeln!(
            out,
            "{path}:{}:{}: {severity}: {}",
            diagnostic.line.unwrap_or(1),
            diagnostic.col.unwrap_or(1),
            diagnostic.message
        )?;
    }
    // The summary goes last, as compilers print it: findings on a buffered stdout must reach
    // the terminal before it.
    out.flush()?;
    for (path, reason) in &report.skipped {
        writeln!(notes, "note: skipped {}: {reason}", path.display())?;
    }
    writeln!(
        notes,
        "checked {}: {}, {}",
        count(report.checked, "note", "notes"),
        count(report.count(Severity::Error), "error", "errors"),
        count(report.count(Severity::Warning), "warning", "warnings")
    )
}

/// A name that is an impossible date is an error; a stray note in the daily folder or a
/// date-named note outside it is only a warning.
fn path_problem(source: &str, problem: PathProblem) -> Diagnostic {
    let severity = match problem.kind {
        PathProblemKind::ImpossibleDate => Severity::Error,
        PathProblemKind::StrayInDailyFolder | PathProblemKind::OutsideDailyFolder => {
            Severity::Warning
        }
    };
    Diagnostic {
        severity,
        ..Diagnostic::file_warning(source, problem.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use std::fs;

    fn config(toml: &str) -> (tempfile::TempDir, Config) {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(".smallwins.toml"), toml).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let config = Config::load(dir.path(), today).unwrap();
        (dir, config)
    }

    fn lint(config: &Config, source: &str, text: &str) -> Vec<(Option<usize>, Severity)> {
        Linter::new(config)
            .lint(source, text)
            .diagnostics
            .into_iter()
            .map(|d| (d.line, d.severity))
            .collect()
    }

    #[test]
    fn path_problems_by_severity() {
        let (_dir, config) = config("[notes]\nfolder = \"Daily\"\n");
        let cases = [
            ("Daily/2026-11-16.md", "- a #win\n", vec![]),
            ("Daily/2026-02-30.md", "x\n", vec![(None, Severity::Error)]),
            ("Notes/2026-02-30.md", "x\n", vec![(None, Severity::Error)]),
            ("Daily/todo.md", "x\n", vec![(None, Severity::Warning)]),
            (
                "Notes/2026-11-16.md",
                "x\n",
                vec![(None, Severity::Warning)],
            ),
            ("Notes/idea.md", "x\n", vec![]),
            (
                "Daily/2026-11-27.md",
                "x\n",
                vec![(Some(1), Severity::Warning)],
            ),
        ];
        for (source, text, expected) in cases {
            assert_eq!(lint(&config, source, text), expected, "{source}");
        }
    }

    #[test]
    fn damaged_review_blocks_only_in_the_review_folder() {
        let (_dir, config) = config("");
        let damaged = "# Week\n\n<!-- smallwins:begin -->\nwins:: 3\n";
        assert_eq!(
            lint(&config, "Reviews/2026-W47.md", damaged),
            vec![(Some(3), Severity::Error)]
        );
        assert_eq!(lint(&config, "Notes/about-markers.md", damaged), vec![]);
        let intact = format!("{damaged}<!-- smallwins:end -->\n");
        assert_eq!(lint(&config, "Reviews/2026-W47.md", &intact), vec![]);
        assert_eq!(lint(&config, "Reviews/2026-W46.md", "no block\n"), vec![]);
    }

    #[test]
    fn first_column_counts_characters() {
        assert_eq!(first_column("a\n  - #win\n", 2), Some(3));
        assert_eq!(first_column("- #win", 1), Some(1));
        assert_eq!(first_column("x", 5), None);
    }

    #[test]
    fn hidden_and_excluded_sources() {
        let (_dir, config) = config("exclude = [\"Archive\"]\n");
        assert!(is_hidden_or_excluded(&config, ".trash/a.md"));
        assert!(is_hidden_or_excluded(&config, "Archive/a.md"));
        assert!(!is_hidden_or_excluded(&config, "Archived/a.md"));
        assert!(!is_hidden_or_excluded(&config, "Daily/a.md"));
    }
}
