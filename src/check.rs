//! `check`: lints notes and prints compiler-style `PATH:LINE:COL: error|warning: message` lines.
//!
//! Severities: an empty win, an impossible date in a note's name, broken front matter and a
//! damaged managed block in a review are errors (the note says something smallwins cannot read
//! or would silently drop). A note dated in the future, a stray undated note in the daily folder
//! and a win tag inside code are warnings (often deliberate).

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use pulldown_cmark::{Event, Tag};
use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::Config;
use crate::config::VaultStyle;
use crate::error::{Error, Result};
use crate::git::{self, Blob, Change, Repo};
use crate::journal;
use crate::markdown::{self, templater};
use crate::model::{Diagnostic, Severity};
use crate::parse::WinMatcher;
use crate::paths::{self, display_path};
use crate::review;
use crate::term::{Paint, Style};
use crate::vault::{
    self, is_hidden_or_excluded, is_markdown, PathKind, PathProblem, PathProblemKind,
};
use crate::words::count;
use crate::write::{self, BlockError, BlockStyle};

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
    /// The file names, as bytes, of checked notes whose names are not UTF-8 (staged notes),
    /// by source: findings show the name itself, quoted as git quotes it.
    pub names: BTreeMap<String, Vec<u8>>,
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
        once_per_vault(&mut report.diagnostics, WINS_TYPE_CLASH);
        report
    }
}

/// Keeps the first finding whose message starts with `message` and counts the others into it:
/// a finding about the whole vault, seen in every note, is said once.
fn once_per_vault(diagnostics: &mut Vec<Diagnostic>, message: &str) {
    let mut seen = 0usize;
    diagnostics.retain(|diagnostic| {
        let same = diagnostic.message.starts_with(message);
        seen += usize::from(same);
        !same || seen == 1
    });
    if seen > 1 {
        if let Some(first) = diagnostics
            .iter_mut()
            .find(|diagnostic| diagnostic.message.starts_with(message))
        {
            first
                .message
                .push_str(&format!(" ({} more notes like this one)", seen - 1));
        }
    }
}

/// What `check` says when daily notes keep `wins` as a list or text in their front matter.
const WINS_TYPE_CLASH: &str =
    "front matter `wins` is not a number here, but review notes keep `wins` as a number";

/// In an Obsidian vault, a dated note whose front matter `wins` is a list or text: Obsidian
/// gives a property name one type for the whole vault, so either these notes or the reviews
/// show it as mismatched (and Bases cannot sum it).
fn wins_type_clash(text: &str) -> Option<Diagnostic> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let front = crate::markdown::front_matter(body).filter(|front| front.closed)?;
    let yaml = body.get(front.yaml.clone())?;
    let mut lines = yaml.lines().enumerate();
    let (index, value) = lines.find_map(|(index, line)| {
        let rest = line.strip_prefix("wins")?.trim_start();
        Some((index, rest.strip_prefix(':')?.trim().to_owned()))
    })?;
    let value = value.split(" #").next().unwrap_or_default().trim();
    let is_number = |value: &str| value.parse::<f64>().is_ok();
    let clash = if value.is_empty() {
        lines
            .find(|(_, line)| !line.trim().is_empty())
            .is_some_and(|(_, line)| !is_number(line.trim()))
    } else {
        !is_number(value) && value != "null" && value != "~"
    };
    clash.then(|| {
        Diagnostic::at(
            index + 2,
            Some(1),
            Severity::Warning,
            format!("{WINS_TYPE_CLASH}, and Obsidian gives a property one type in the whole vault; rename this key (and list the new name in [wins] properties) so Properties and Bases read both"),
        )
    })
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
        let review = self.is_review(source);
        // What smallwins writes into a review (its `#win/big` hint in a code span) is its own
        // business: only the person's words around the managed block are linted.
        let managed = review
            .then(|| review::block_style(self.config).find(text).ok())
            .flatten()
            .map(|block| line_at(text, block.start)..=line_at(text, block.end.saturating_sub(1)));
        found.extend(parsed.lints.into_iter().filter(|lint| {
            !managed
                .as_ref()
                .is_some_and(|lines| lint.line.is_some_and(|line| lines.contains(&line)))
        }));
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
            // Undated notes (templates among them) may hold placeholders and Templater
            // commands by design: only a dated note is told about them.
            found.extend(unrun_templater_commands(text, self.config.rules.logseq));
            found.extend(parsed.dated_lints);
            for &line in &parsed.empty_entries {
                found.push(Diagnostic::at(
                    line,
                    first_column(text, line),
                    Severity::Error,
                    "empty win: the placeholder has no text; write the win or delete the line",
                ));
            }
        }
        if date.is_some() && self.config.style == VaultStyle::Obsidian {
            found.extend(wins_type_clash(text));
        }
        if review {
            found.extend(block_problem(text, review::block_style(self.config)));
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
        let in_folder = |folder: &str, path: &str| {
            folder.is_empty()
                || path
                    .strip_prefix(folder)
                    .is_some_and(|rest| rest.starts_with('/'))
        };
        let folders = self.config.review.folders();
        match &self.config.style {
            // A Logseq review is a page of its pages folder, named in a review namespace.
            VaultStyle::Logseq(pages) => source
                .strip_prefix(pages.folder.as_str())
                .and_then(|rest| rest.strip_prefix('/'))
                .and_then(|name| name.strip_suffix(".md"))
                .is_some_and(|stem| {
                    let page = review::logseq_page_name(stem);
                    folders.iter().any(|folder| in_folder(folder, &page))
                }),
            _ => folders.iter().any(|folder| in_folder(folder, source)),
        }
    }
}

/// The Templater commands left in a note (outside code), each a warning: Templater did not run
/// on it, so a `<% tp.system.prompt() %>` or a `<%* … %>` script still waits there (in a
/// Logseq graph, a template variable such as `<% current page %>`). The note still reads, so
/// they are never errors.
fn unrun_templater_commands(text: &str, logseq: bool) -> Vec<Diagnostic> {
    if !templater::may_hold_commands(text) {
        return Vec::new();
    }
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let md_start = markdown::body_start(body);
    let md = body.get(md_start..).unwrap_or_default();
    let mut code = Vec::new();
    for (event, range) in markdown::parser(md).into_offset_iter() {
        if matches!(event, Event::Code(_) | Event::Start(Tag::CodeBlock(_))) {
            markdown::push_disjoint(&mut code, range.start + md_start..range.end + md_start);
        }
    }
    templater::commands(body)
        .into_iter()
        .filter(|command| {
            command.range.start < md_start || !markdown::in_ranges(&code, command.range.start)
        })
        .map(|command| {
            let before = body.get(..command.range.start).unwrap_or_default();
            let line_start = before.rfind('\n').map_or(0, |nl| nl + 1);
            let line = before.matches('\n').count() + 1;
            let col = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
            let tag = body.get(command.range.clone()).unwrap_or_default();
            let shown = markdown::prefix(tag.lines().next().unwrap_or_default(), 60);
            let shown = if shown.len() < tag.len() {
                format!("{shown}…")
            } else {
                shown.to_owned()
            };
            let message = if logseq {
                format!("template variable `{shown}` was not filled in; fill it in or delete it")
            } else {
                format!(
                    "Templater command `{shown}` was not run; fill it in or delete it \
                     (Templater runs only when Obsidian creates the note)"
                )
            };
            Diagnostic::at(line, Some(col), Severity::Warning, message)
        })
        .collect()
}

/// The 1-based line of byte `at` of `text`.
fn line_at(text: &str, at: usize) -> usize {
    text.get(..at)
        .map_or(1, |before| before.matches('\n').count() + 1)
}

/// A damaged or doubled managed block in a note that has at least one marker.
fn block_problem(text: &str, style: BlockStyle) -> Option<Diagnostic> {
    let (line, message) = match (style.find(text), style) {
        (Ok(_) | Err(BlockError::Missing), _) => return None,
        (Err(BlockError::Damaged { line }), BlockStyle::Markers) => (
            line,
            format!("managed block is damaged: `{}` and `{}` must each appear once, in order; restore the missing marker or delete both to detach the note", write::BEGIN_MARKER, write::END_MARKER),
        ),
        (Err(BlockError::Doubled { line }), BlockStyle::Markers) => (
            line,
            "managed block markers appear more than once; keep one begin and one end marker"
                .to_owned(),
        ),
        (Err(BlockError::Damaged { line }), BlockStyle::Outline) => (
            line,
            format!("managed block is damaged: `{}` must be a property of the block whose children smallwins writes, right under its bullet; move it back or delete it to detach the page", write::OUTLINE_MARKER),
        ),
        (Err(BlockError::Doubled { line }), BlockStyle::Outline) => (
            line,
            format!("`{}` appears on more than one block; keep it on one", write::OUTLINE_MARKER),
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
    Ok(lint_staged(config, &staged_notes(config, &repo)?))
}

/// A note whose change is staged for the next commit, both versions read from git by object id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StagedNote {
    /// Vault-relative source.
    pub source: String,
    /// Its vault-relative name as git spells it (bytes: it need not be UTF-8).
    pub name: Vec<u8>,
    /// The staged version; `None` when the note is deleted (or is no longer a plain file).
    pub staged: Option<Vec<u8>>,
    /// The version in `HEAD`; `None` when the note is new.
    pub before: Option<Vec<u8>>,
}

/// The notes of the vault with a staged change (markdown files outside hidden and excluded
/// folders), read through one `git cat-file --batch` by object id, so any file name is read.
pub fn staged_notes(config: &Config, repo: &Repo) -> Result<Vec<StagedNote>> {
    let changes: Vec<(String, Change)> = repo
        .staged_changes()?
        .into_iter()
        .filter_map(|change| {
            let source = repo.source(&change.path)?;
            (is_markdown(Path::new(&source)) && !is_hidden_or_excluded(config, &source))
                .then_some((source, change))
        })
        .collect();
    let file = |blob: &Option<Blob>| {
        blob.as_ref()
            .filter(|blob| blob.is_file())
            .map(|blob| blob.oid.clone())
    };
    let oids: Vec<String> = changes
        .iter()
        .flat_map(|(_, change)| [file(&change.new), file(&change.old)])
        .flatten()
        .collect();
    let mut blobs = repo
        .read_blobs(&oids.iter().map(String::as_str).collect::<Vec<_>>())?
        .into_iter();
    let mut notes: Vec<StagedNote> = changes
        .into_iter()
        .map(|(source, change)| {
            let mut next = |blob: &Option<Blob>| file(blob).and_then(|_| blobs.next().flatten());
            let staged = next(&change.new);
            let before = next(&change.old);
            let name = change
                .path
                .0
                .get(repo.prefix.len()..)
                .unwrap_or_default()
                .to_vec();
            StagedNote {
                source,
                name,
                staged,
                before,
            }
        })
        .collect();
    notes.sort_by(|a, b| a.source.cmp(&b.source));
    Ok(notes)
}

/// Lints the staged version of each staged note.
pub fn lint_staged(config: &Config, notes: &[StagedNote]) -> Report {
    let linter = Linter::new(config);
    let linted: Vec<Linted> = notes
        .par_iter()
        .filter_map(|note| {
            let bytes = note.staged.as_ref()?;
            let (text, decoding) = journal::decode(bytes.clone(), &note.source);
            Some(with_decoding(linter.lint(&note.source, &text), decoding))
        })
        .collect();
    let mut report = Report::collect(linted, Vec::new());
    report.names = notes
        .iter()
        .filter(|note| std::str::from_utf8(&note.name).is_err())
        .map(|note| (note.source.clone(), note.name.clone()))
        .collect();
    report
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
        let path = shown_path(report, config, &diagnostic.source, cwd);
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

/// A note's path relative to `cwd`, quoted as git quotes names when it holds control
/// characters, quotes or bytes that are not UTF-8, so that every finding stays on its line.
fn shown_path(report: &Report, config: &Config, source: &str, cwd: &Path) -> String {
    let Some(name) = report.names.get(source) else {
        return git::quote_path(display_path(&config.vault, source, cwd).as_bytes());
    };
    let folder = display_path(&config.vault, "", cwd);
    let mut bytes = folder.into_bytes();
    if !bytes.is_empty() {
        bytes.push(b'/');
    }
    bytes.extend_from_slice(name);
    git::quote_path(&bytes)
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
    fn reviews_of_every_period_folder_are_checked() {
        let (_dir, config) = config("[review.month]\nfolder = \"Months\"\n");
        let damaged = "<!-- smallwins:begin -->\n";
        assert_eq!(
            lint(&config, "Months/2026-11.md", damaged),
            vec![(Some(1), Severity::Error)]
        );
        assert_eq!(
            lint(&config, "Reviews/2026-W47.md", damaged),
            vec![(Some(1), Severity::Error)]
        );
    }

    #[test]
    fn logseq_review_pages_with_a_doubled_marker_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("logseq")).unwrap();
        fs::write(dir.path().join("logseq/config.edn"), "{}").unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let config = Config::load(dir.path(), today).unwrap();
        let doubled = "- a\n  smallwins:: managed\n- b\n  smallwins:: managed\n";
        assert_eq!(
            lint(&config, "pages/Reviews%2F2026-W47.md", doubled),
            vec![(Some(4), Severity::Error)]
        );
        assert_eq!(lint(&config, "pages/Ideas.md", doubled), vec![]);
    }

    #[test]
    fn wins_as_a_list_in_daily_front_matter_is_said_once_per_obsidian_vault() {
        let (dir, config) = config("[notes]\nfolder = \"Daily\"\n");
        let cases = [
            ("---\nwins:\n  - ran\n---\n", true),
            ("---\nmood: ok\nwins: [ran, read]\n---\n", true),
            ("---\nwins: ran 5 km\n---\n", true),
            ("---\nwins: 3\n---\n", false),
            ("---\nwinsome: [a]\n---\n", false),
            ("no front matter\n", false),
        ];
        for (text, clash) in cases {
            assert_eq!(wins_type_clash(text).is_some(), clash, "{text:?}");
        }
        assert_eq!(
            wins_type_clash("---\na: 1\nwins: [x]\n---\n").unwrap().line,
            Some(3)
        );
        assert!(
            lint(&config, "Daily/2026-11-16.md", "---\nwins: [a]\n---\n").is_empty(),
            "a vault without .obsidian/ has no vault-wide property types"
        );
        fs::create_dir_all(dir.path().join(".obsidian")).unwrap();
        let config = Config::load(dir.path(), config.today).unwrap();
        for day in ["16", "17", "18"] {
            fs::create_dir_all(dir.path().join("Daily")).unwrap();
            fs::write(
                dir.path().join(format!("Daily/2026-11-{day}.md")),
                "---\nwins:\n  - a\n---\n",
            )
            .unwrap();
        }
        let report = check_vault(&config);
        let clashes: Vec<&Diagnostic> = report
            .diagnostics
            .iter()
            .filter(|d| d.message.starts_with(WINS_TYPE_CLASH))
            .collect();
        assert_eq!(clashes.len(), 1, "{clashes:?}");
        assert_eq!(clashes[0].source, "Daily/2026-11-16.md");
        assert!(clashes[0].message.ends_with("(2 more notes like this one)"));
    }

    #[test]
    fn a_review_is_linted_around_its_managed_block_only() {
        let (_dir, config) = config("");
        let review =
            "# Week\n<!-- smallwins:begin -->\nTag a win `#win/big`\n<!-- smallwins:end -->\n\
                      My note: `#win` here\n";
        assert_eq!(
            lint(&config, "Reviews/2026-W47.md", review),
            vec![(Some(5), Severity::Warning)]
        );
        assert_eq!(
            lint(&config, "Notes/2026-W47.md", review),
            vec![(Some(3), Severity::Warning), (Some(5), Severity::Warning)]
        );
    }

    #[test]
    fn a_wins_property_that_holds_no_wins_is_a_warning_in_dated_notes_only() {
        let (_dir, config) = config("");
        let counted = "---\ntype: weekly-review\nwins: 12\n---\n# Week\n";
        assert_eq!(lint(&config, "Reviews/2026-W47.md", counted), vec![]);
        assert_eq!(
            lint(&config, "2026-11-20.md", counted),
            vec![(Some(3), Severity::Warning)]
        );
    }

    #[test]
    fn unrun_templater_commands_are_warnings_in_dated_notes_only() {
        let (_dir, config) = config("");
        let note = "---\n<%* const mood = await tp.system.prompt(\"Mood\") %>\ntitle: <% tp.file.title %>\ntags: [daily, <% tp.file.folder() %>]\n---\n\
                    # Day\n\nMood: <% tp.system.prompt(\"Mood?\") %>\n`<% in code %>`\n\
                    ```\n<%* code block %>\n```\n\u{e9} <%* tR += 1 %>\n";
        let found = Linter::new(&config).lint("2026-11-20.md", note).diagnostics;
        let seen: Vec<_> = found
            .iter()
            .map(|d| (d.line, d.col, d.severity, d.message.contains("Templater")))
            .collect();
        assert_eq!(
            seen,
            [
                (Some(2), Some(1), Severity::Warning, true),
                (Some(3), Some(8), Severity::Warning, true),
                (Some(4), Some(15), Severity::Warning, true),
                (Some(8), Some(7), Severity::Warning, true),
                (Some(13), Some(3), Severity::Warning, true),
            ],
            "{found:?}"
        );
        assert_eq!(lint(&config, "Templates/Daily.md", note), vec![]);
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
