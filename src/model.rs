//! Plain data shared by every stage of the pipeline: notes, wins, diagnostics. No I/O here.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Which rule of SPEC §2 made an entry a win (first matching rule wins).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WinKind {
    /// A list item or paragraph carrying a win tag.
    Tag,
    /// A list item under a Wins heading.
    Section,
    /// A Dataview inline field such as `win:: text`.
    Field,
    /// An item of a front matter property such as `wins:`.
    Property,
    /// A checked task, with `wins.done_tasks` on.
    Task,
    /// A line matching one of `wins.patterns`.
    Pattern,
}

impl WinKind {
    /// The lowercase name used in JSON, CSV and templates.
    pub fn as_str(self) -> &'static str {
        match self {
            WinKind::Tag => "tag",
            WinKind::Section => "section",
            WinKind::Field => "field",
            WinKind::Property => "property",
            WinKind::Task => "task",
            WinKind::Pattern => "pattern",
        }
    }
}

/// A win entry found in a note, before it is given its date and source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// `HH:MM` when the item starts with a time.
    pub time: Option<String>,
    /// The item's own markdown source, cleaned as SPEC §2 says. May be empty.
    pub text: String,
    /// Other tags on the item: lowercased, without `#`, sorted, unique.
    pub tags: Vec<String>,
    /// 1-based line of the item in the note.
    pub line: usize,
    /// The rule that matched.
    pub kind: WinKind,
    /// The entry's own day, when it differs from its note's: a done task's done date.
    pub date: Option<NaiveDate>,
}

/// One win, exactly the fields `list --format json` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Win {
    /// The day the win belongs to.
    pub date: NaiveDate,
    /// `HH:MM` or null.
    pub time: Option<String>,
    /// The win's text with links and formatting kept.
    pub text: String,
    /// Other tags on the item.
    pub tags: Vec<String>,
    /// Vault-relative path with `/`.
    pub source: String,
    /// 1-based line.
    pub line: usize,
    /// Which rule matched.
    pub kind: WinKind,
}

impl Win {
    /// The order `list` prints: date, time (nulls first), source, line.
    pub fn sort_key(&self) -> (NaiveDate, Option<&str>, &str, usize) {
        (
            self.date,
            self.time.as_deref(),
            self.source.as_str(),
            self.line,
        )
    }

    /// The order people read wins in (replay, reviews, share, `list` as text): by day, then
    /// as the notes hold them, so an untimed win stays where it was written among timed ones.
    pub fn note_order_key(&self) -> (NaiveDate, &str, usize) {
        (self.date, self.source.as_str(), self.line)
    }
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Severity {
    /// Worth a look; never fails `check`.
    Warning,
    /// Makes `check` exit 1.
    Error,
}

impl Severity {
    /// The word printed in `check` output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Something a person should know about a note: a bad date, an empty win, broken front matter.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Vault-relative path with `/` (empty while the parser does not know it yet).
    pub source: String,
    /// 1-based line, when there is one.
    pub line: Option<usize>,
    /// 1-based column, when there is one.
    pub col: Option<usize>,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong and what to do about it.
    pub message: String,
}

impl Diagnostic {
    /// A warning about a whole file.
    pub fn file_warning(source: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            source: source.into(),
            line: None,
            col: None,
            severity: Severity::Warning,
            message: message.into(),
        }
    }

    /// A diagnostic at a line (and optionally a column) of a note whose path is filled in later.
    pub fn at(
        line: usize,
        col: Option<usize>,
        severity: Severity,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            source: String::new(),
            line: Some(line),
            col,
            severity,
            message: message.into(),
        }
    }
}

/// What the parser learned from one note's text, independent of its path and date.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParsedNote {
    /// `date:` from the YAML front matter, when present and valid.
    pub front_matter_date: Option<NaiveDate>,
    /// Entries with non-empty text, or all entries when `allow_empty` is on.
    pub entries: Vec<Entry>,
    /// Lines of entries dropped because their text is empty (`- #win`).
    pub empty_entries: Vec<usize>,
    /// Lines of the empty values of wins properties (a `- ` item a template left in `wins:`):
    /// where `add` writes a win into the front matter.
    pub property_placeholders: Vec<usize>,
    /// Whether the note carries the rest tag (body or front matter `tags`).
    pub rest: bool,
    /// Problems reading the note, shown by every command (paths not yet filled in).
    pub diagnostics: Vec<Diagnostic>,
    /// Likely mistakes only `check` reports, such as a win tag inside code.
    pub lints: Vec<Diagnostic>,
    /// Mistakes `check` reports in dated notes only: a wins property of a type that holds no
    /// wins. Only a dated note's properties are read, and review notes keep `wins` as a count.
    pub dated_lints: Vec<Diagnostic>,
}

/// A dated note after parsing: what scores and renders are built from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Vault-relative path with `/`.
    pub source: String,
    /// The note's day.
    pub date: NaiveDate,
    /// Wins, in line order.
    pub wins: Vec<Win>,
    /// Whether the day is marked as a rest day by the rest tag.
    pub rest: bool,
}

/// The win rules of `[wins]` and `goal.rest_tag`, as configured (the parser normalises them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WinRules {
    /// Win tags without `#`, e.g. `["win"]`; nested tags such as `win/work` match too.
    pub tags: Vec<String>,
    /// Words that make a heading or label a wins section when it holds one as a whole word.
    pub section_words: Vec<String>,
    /// Heading or label texts that are wins sections exactly, e.g. `["Accomplishments"]`.
    pub sections: Vec<String>,
    /// Dataview inline field keys, e.g. `["win"]`.
    pub fields: Vec<String>,
    /// Front matter keys whose strings (or list of strings) are wins, e.g. `["wins"]`.
    pub properties: Vec<String>,
    /// Whether every checked task is a win.
    pub done_tasks: bool,
    /// Lines matching one of these are wins.
    pub patterns: Vec<WinPattern>,
    /// Whether an entry with empty text still counts.
    pub allow_empty: bool,
    /// The tag (without `#`) that marks a rest day.
    pub rest_tag: String,
    /// Whether the vault is a Logseq graph, whose notes are outlines.
    pub logseq: bool,
}

impl Default for WinRules {
    fn default() -> Self {
        WinRules {
            tags: vec!["win".to_owned()],
            section_words: vec!["win".to_owned(), "wins".to_owned()],
            sections: Vec::new(),
            fields: vec!["win".to_owned()],
            properties: vec!["wins".to_owned()],
            done_tasks: false,
            patterns: Vec::new(),
            allow_empty: false,
            rest_tag: "rest".to_owned(),
            logseq: false,
        }
    }
}

/// A `wins.patterns` regular expression, compiled once with bounded size.
#[derive(Debug, Clone)]
pub struct WinPattern {
    /// The pattern as configured.
    pub source: String,
    /// The compiled pattern.
    pub regex: regex::Regex,
}

impl WinPattern {
    /// The most memory one compiled pattern may take: a pattern of kilobytes compiles, one that
    /// would take more is refused rather than slowing every note down.
    const SIZE_LIMIT: usize = 4 << 20;

    /// Compiles `source` (Rust `regex` syntax) within the size limit.
    pub fn new(source: &str) -> Result<WinPattern, regex::Error> {
        let regex = regex::RegexBuilder::new(source)
            .size_limit(Self::SIZE_LIMIT)
            .dfa_size_limit(Self::SIZE_LIMIT)
            .build()?;
        Ok(WinPattern {
            source: source.to_owned(),
            regex,
        })
    }
}

impl PartialEq for WinPattern {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

impl Eq for WinPattern {}
