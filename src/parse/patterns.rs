//! `wins.patterns`: a line outside code, math, comments and front matter that matches one of
//! the person's regular expressions is a win; its text is the pattern's `text` group, else the
//! whole match.

use std::ops::Range;

use super::unit::{is_placeholder, UnitText};
use super::{Lines, WinMatcher};
use crate::markdown::in_ranges;
use crate::model::{Diagnostic, Entry, ParsedNote, Severity, WinKind};

/// The most pattern wins one note gives: past it a pattern that matches every line of a huge
/// note would hold the whole note in memory as wins.
const MAX_PATTERN_WINS: usize = 10_000;

/// The name of the group that holds a pattern win's text.
const TEXT_GROUP: &str = "text";

impl WinMatcher {
    /// Adds the pattern wins of `md` (the markdown after the front matter, which starts at byte
    /// `base` of the note) to `note`: one per matching line that lies outside the `excluded`
    /// ranges and the text `claimed` by other entries.
    pub(super) fn match_patterns(
        &self,
        md: &str,
        base: usize,
        lines: &Lines<'_>,
        excluded: &[Range<usize>],
        claimed: &[Range<usize>],
        note: &mut ParsedNote,
    ) {
        if self.patterns.is_empty() {
            return;
        }
        let mut found = 0;
        let mut start = 0;
        while start < md.len() {
            let end = md
                .get(start..)
                .and_then(|rest| rest.find('\n'))
                .map_or(md.len(), |i| start + i);
            let line = md.get(start..end).unwrap_or_default();
            let line = line.strip_suffix('\r').unwrap_or(line);
            let line_start = start;
            start = end + 1;
            let visible = line_start + (line.len() - line.trim_start().len());
            if line.trim().is_empty()
                || in_ranges(excluded, visible)
                || overlaps(claimed, line_start..line_start + line.len())
            {
                continue;
            }
            let Some(text) = self.pattern_text(line, line_start, excluded) else {
                continue;
            };
            if found == MAX_PATTERN_WINS {
                note.diagnostics.push(Diagnostic::at(
                    lines.line_of(base + line_start),
                    None,
                    Severity::Warning,
                    format!(
                        "more than {MAX_PATTERN_WINS} lines match wins.patterns; the rest of the note is not counted"
                    ),
                ));
                return;
            }
            found += 1;
            let view = UnitText::of_text(text);
            let (time, text, tags) = view.free_text(self);
            if is_placeholder(&text) {
                continue;
            }
            note.entries.push(Entry {
                time,
                text,
                tags,
                line: lines.line_of(base + line_start),
                kind: WinKind::Pattern,
                date: None,
            });
        }
    }

    /// The win text of the first pattern that matches `line` (starting at byte `at`) outside the
    /// `excluded` ranges.
    fn pattern_text<'l>(
        &self,
        line: &'l str,
        at: usize,
        excluded: &[Range<usize>],
    ) -> Option<&'l str> {
        self.patterns.iter().find_map(|pattern| {
            let captures = pattern.regex.captures(line)?;
            let found = captures.name(TEXT_GROUP).or_else(|| captures.get(0))?;
            (!in_ranges(excluded, at + found.start())).then(|| found.as_str())
        })
    }
}

/// Whether `range` overlaps one of the sorted `ranges`.
fn overlaps(ranges: &[Range<usize>], range: Range<usize>) -> bool {
    let i = ranges.partition_point(|r| r.end <= range.start);
    ranges.get(i).is_some_and(|r| r.start < range.end)
}
