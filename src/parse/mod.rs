//! Pure note parsing: markdown text in, win entries out (pulldown-cmark events only).
//!
//! The note is read once with pulldown-cmark. Every list item and every paragraph outside a list is
//! a *unit*; when a unit closes, its own source (minus nested lists and comments) is copied into a
//! scratch string, tags and fields are found in it while code, HTML and links stay opaque, and the
//! unit becomes at most one entry (paragraphs may yield one entry per `win::` line).
//!
//! The rooms: this file holds the matcher (the win rules, prepared once) and the entry point;
//! [`survey`] is the byte fast path that finds where wins may be; `outline` walks the markdown
//! events (units, headings, sections, containers); `unit` turns a unit into its text; `fields`
//! reads Dataview fields; `front_matter` reads the YAML; [`time`] reads a leading time;
//! [`layout`] is where a note's labels and wins lists are, recorded by the same walk (for `add`,
//! which writes into them, and `init`, which reports their names). Markdown itself (options,
//! comments, headings, tags) is read through [`crate::markdown`].

mod fields;
mod front_matter;
pub mod layout;
mod logseq;
mod outline;
mod patterns;
mod survey;
mod tasks;
pub mod time;
mod unit;

#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::cell::Cell;
use std::ops::Range;

use crate::markdown::{self, comments, heading, tags};
use crate::model::{Diagnostic, ParsedNote, Severity, WinPattern, WinRules};
use layout::{NoteLayout, Sites};
pub(crate) use logseq::{is_bullet as logseq_block_start, property_key as logseq_property_key};
use outline::Walker;
use survey::RareBytes;

/// The win rules of a vault, prepared once so that parsing many notes stays cheap.
#[derive(Debug, Clone)]
pub struct WinMatcher {
    tags: Vec<String>,
    sections: heading::SectionNames,
    fields: Vec<String>,
    longest_field: usize,
    /// Front matter keys whose strings are wins, lowercased.
    properties: Vec<String>,
    done_tasks: bool,
    patterns: Vec<WinPattern>,
    rest_tag: Option<String>,
    allow_empty: bool,
    /// The vault is a Logseq graph: notes are outlines, tags read as Logseq reads them.
    logseq: bool,
    /// A word every label that names a wins section holds (lowercased, `σ` for `ς`): the fast
    /// path looks for these.
    section_words: Vec<String>,
}

impl WinMatcher {
    /// Prepares the rules: lowercased tags and field keys, normalised section names.
    pub fn new(rules: &WinRules) -> WinMatcher {
        let clean_tag = |t: &String| tags::normalize(t);
        let tags: Vec<String> = rules
            .tags
            .iter()
            .map(clean_tag)
            .filter(|t| !t.is_empty())
            .collect();
        let sections = heading::SectionNames::of(rules);
        let fields: Vec<String> = rules
            .fields
            .iter()
            .map(|f| f.trim().to_lowercase())
            .filter(|f| !f.is_empty())
            .collect();
        let rest_tag = Some(clean_tag(&rules.rest_tag)).filter(|t| !t.is_empty());
        let section_words = sections.key_words();
        WinMatcher {
            longest_field: fields.iter().map(String::len).max().unwrap_or(0),
            tags,
            sections,
            fields,
            properties: rules
                .properties
                .iter()
                .map(|p| p.trim().to_lowercase())
                .filter(|p| !p.is_empty())
                .collect(),
            done_tasks: rules.done_tasks,
            patterns: rules.patterns.clone(),
            rest_tag,
            allow_empty: rules.allow_empty,
            logseq: rules.logseq,
            section_words,
        }
    }

    /// Finds the win entries, rest tag, front matter date and problems of one note's text.
    pub fn parse(&self, text: &str) -> ParsedNote {
        self.parse_surveyed(text, true)
    }

    /// [`parse`](Self::parse) without the survey's fast path: every unit of the whole markdown
    /// is read. The reference the fast path is held to, by the tests and the fuzz target.
    #[doc(hidden)]
    pub fn parse_whole(&self, text: &str) -> ParsedNote {
        self.parse_surveyed(text, false)
    }

    /// `parse`, reading only what the survey marks (`surveyed`) or every unit of the whole
    /// markdown; both give the same note, which the tests check.
    fn parse_surveyed(&self, text: &str, surveyed: bool) -> ParsedNote {
        self.read(text, surveyed, None)
    }

    /// Parses `text`, through the survey when `surveyed`; given a `layout`, the whole note is
    /// walked and its labels and wins lists are recorded there too.
    fn read(&self, text: &str, surveyed: bool, layout: Option<&mut NoteLayout>) -> ParsedNote {
        let mut note = ParsedNote::default();
        let (body, md_start) = self.prepare(text, &mut note);
        let body = body.as_ref();
        let md = body.get(md_start..).unwrap_or("");
        let lines = Lines::new(body);
        let rare = RareBytes::find(md.as_bytes());
        // pulldown-cmark also ends a line at a lone `\r`, where the survey's lines run on. Logseq
        // outlines, done tasks and patterns may hold wins the survey does not look for.
        let fast = !self.logseq && !self.done_tasks && self.patterns.is_empty();
        let surveyed = surveyed && layout.is_none();
        let survey = (surveyed && fast && !rare.lone_cr).then(|| self.survey(md, &rare));
        if survey.as_ref().is_none_or(|s| !s.hits.is_empty()) {
            let comments = if survey.as_ref().is_none_or(|s| s.comments) {
                comments::obsidian(md)
            } else {
                Vec::new()
            };
            let (blocks, hits) = survey.map_or((None, None), |s| (s.blocks, Some(s.hits)));
            let mut sites = Sites::default();
            let walker = Walker::new(
                self,
                md,
                md_start,
                &lines,
                comments,
                hits.as_deref(),
                &mut note,
            );
            let walker = match layout {
                Some(_) => walker.recording(&mut sites),
                None => walker,
            };
            let (excluded, claimed) = walker.run(blocks);
            self.match_patterns(md, md_start, &lines, &excluded, &claimed, &mut note);
            if let Some(layout) = layout {
                *layout = sites.into_layout(md, md_start, &lines);
            }
        }
        note.entries.sort_by_key(|e| e.line);
        note.empty_entries.sort_unstable();
        note.empty_entries.dedup();
        note
    }

    /// The note as the walk reads it, its front matter read into `note`: without its BOM (which
    /// is not a line, so every line number stays right), a Logseq page rewritten line for line
    /// as the outline it is; and where its markdown starts.
    fn prepare<'t>(&self, text: &'t str, note: &mut ParsedNote) -> (Cow<'t, str>, usize) {
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        let md_start = markdown::front_matter(body).map_or(0, |fm| {
            self.read_front_matter(body, &fm, &Lines::new(body), note);
            fm.end
        });
        let md = body.get(md_start..).unwrap_or("");
        let outline = self.logseq.then(|| logseq::as_markdown(self, md)).flatten();
        let Some(outline) = outline else {
            return (Cow::Borrowed(body), md_start);
        };
        if let Some(line) = outline.too_deep {
            let first = Lines::new(body).line_of(md_start);
            note.diagnostics.push(Diagnostic::at(
                first + line,
                None,
                Severity::Warning,
                format!(
                    "outline nested deeper than {} levels; deeper blocks are read at that depth",
                    logseq::MAX_INDENT / 4
                ),
            ));
        }
        let body = format!("{}{}", body.get(..md_start).unwrap_or(""), outline.md);
        (Cow::Owned(body), md_start)
    }

    /// How tag names are read in this vault.
    fn dialect(&self) -> tags::Dialect {
        if self.logseq {
            tags::Dialect::Logseq
        } else {
            tags::Dialect::Obsidian
        }
    }

    fn is_win_tag(&self, name: &str) -> bool {
        self.tags.iter().any(|t| tags::matches(name, t))
    }

    fn is_rest_tag(&self, name: &str) -> bool {
        self.rest_tag
            .as_deref()
            .is_some_and(|t| tags::matches(name, t))
    }

    fn is_field_key(&self, key: &str) -> bool {
        let key = key.trim().to_lowercase();
        self.fields.contains(&key)
    }

    /// Whether a heading's or label's text names a wins section. In a Logseq graph a task
    /// (`## DONE Weekly Review`) is never a label.
    fn names_section(&self, text: &str) -> bool {
        if self.logseq && tasks::logseq_marker(text.trim_start(), 0).is_some() {
            return false;
        }
        self.sections.names(text)
    }
}

/// Turns byte offsets into 1-based line numbers. Lines are counted on demand from the last
/// offset asked for: entries arrive in document order, and most of a note is never asked about.
struct Lines<'a> {
    text: &'a [u8],
    /// The last offset asked for and its line.
    cursor: Cell<(usize, usize)>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        Lines {
            text: text.as_bytes(),
            cursor: Cell::new((0, 1)),
        }
    }

    fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        let (from, line) = self.cursor.get();
        let newlines = |range: Range<usize>| {
            memchr::memchr_iter(b'\n', self.text.get(range).unwrap_or_default()).count()
        };
        // A parent item closes after its nested items, so a step back is short too.
        let line = if offset >= from {
            line + newlines(from..offset)
        } else {
            line - newlines(offset..from)
        };
        self.cursor.set((offset, line));
        line
    }
}
