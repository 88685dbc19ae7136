//! Where a note's labels and wins lists are, as the parser reads them: for `add`, which writes a
//! win into the note's own wins section, and for `init` and the no-wins hint, which report what
//! people call their sections. The walk that finds wins records them (see `outline`), so they
//! can never disagree with what is read as a win.

use std::ops::Range;

use super::{Lines, WinMatcher};
use crate::model::ParsedNote;

/// The labels and wins lists of one note, by line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoteLayout {
    /// Every heading, outline label, bold label and callout title, in note order, whether or
    /// not it names a wins section.
    pub labels: Vec<Label>,
    /// The lists whose direct items are wins of a section, in note order.
    pub lists: Vec<WinsList>,
}

/// What shape a label has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelKind {
    /// A heading of this level (`## Wins`; in an outline, the heading block `- ## Wins`).
    Heading(usize),
    /// A list item whose own text is the label, over nested items (`- Wins`).
    Outline,
    /// A paragraph of only bold or emphasised text (`**Wins:**`).
    Bold,
    /// A callout's title (`> [!success] Wins`).
    Callout,
}

/// A label: a heading or anything else that may open a wins section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Its shape.
    pub kind: LabelKind,
    /// Its text as the parser reads it (markdown markers gone, emoji and punctuation kept).
    pub text: String,
    /// Its first line, 1-based.
    pub line: usize,
    /// Its last line (a label may wrap).
    pub last_line: usize,
    /// Whether it names a wins section under the vault's rules.
    pub names_section: bool,
    /// Whether it sits inside a list item or a quote rather than at the top of the note.
    pub nested: bool,
}

/// A list whose direct items are wins.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WinsList {
    /// Its direct items, in order.
    pub items: Vec<ListItem>,
}

/// A direct item of a wins list, with everything nested in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListItem {
    /// The item's first line, 1-based.
    pub line: usize,
    /// The last line holding any of its content or nested items.
    pub last_line: usize,
}

/// What the walk records, in offsets of the markdown it reads.
#[derive(Debug, Default)]
pub(super) struct Sites {
    pub(super) labels: Vec<LabelSite>,
    pub(super) lists: Vec<Vec<Range<usize>>>,
}

/// A label as the walk meets it.
#[derive(Debug)]
pub(super) struct LabelSite {
    pub(super) kind: LabelKind,
    pub(super) text: String,
    pub(super) range: Range<usize>,
    pub(super) names: bool,
    pub(super) nested: bool,
}

impl WinMatcher {
    /// The labels and wins lists of a note's text.
    pub fn layout(&self, text: &str) -> NoteLayout {
        self.parse_with_layout(text).1
    }

    /// [`parse`](Self::parse) and [`layout`](Self::layout) in one walk of the whole note.
    pub fn parse_with_layout(&self, text: &str) -> (ParsedNote, NoteLayout) {
        let mut layout = NoteLayout::default();
        let note = self.read(text, false, Some(&mut layout));
        (note, layout)
    }
}

impl Sites {
    /// The layout these sites describe, by line of the note whose markdown `md` starts at
    /// `md_start`.
    pub(super) fn into_layout(self, md: &str, md_start: usize, lines: &Lines) -> NoteLayout {
        // pulldown-cmark may start a tab-indented item at the end of the line before it.
        let span = |range: &Range<usize>| {
            let text = md.get(range.clone()).unwrap_or_default();
            let start = range.start + (text.len() - text.trim_start().len());
            let end = range.start + text.trim_end().len().max(1) - 1;
            (
                lines.line_of(md_start + start),
                lines.line_of(md_start + end.max(start)),
            )
        };
        let mut labels: Vec<Label> = self
            .labels
            .into_iter()
            .map(|site| {
                let (line, last_line) = span(&site.range);
                Label {
                    kind: site.kind,
                    text: site.text.trim().to_owned(),
                    line,
                    last_line,
                    names_section: site.names,
                    nested: site.nested,
                }
            })
            .collect();
        labels.sort_by_key(|label| label.line);
        let lists = self
            .lists
            .into_iter()
            .filter(|items| !items.is_empty())
            .map(|items| WinsList {
                items: items
                    .iter()
                    .map(|range| {
                        let (line, last_line) = span(range);
                        ListItem { line, last_line }
                    })
                    .collect(),
            })
            .collect();
        NoteLayout { labels, lists }
    }
}

/// Where a heading starting at `start` of `md` ends: after its line, or after its underline.
pub(super) fn heading_range(md: &str, start: usize) -> Range<usize> {
    let line = line_range(md, start);
    if md.get(start..).is_some_and(|rest| rest.starts_with('#')) {
        return line;
    }
    start..line_range(md, line.end).end
}

/// The line holding `start` of `md`, from `start` to after its newline.
pub(super) fn line_range(md: &str, start: usize) -> Range<usize> {
    let rest = md.get(start..).unwrap_or_default();
    start..start + rest.find('\n').map_or(rest.len(), |nl| nl + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::WinRules;

    fn layout(text: &str, logseq: bool) -> NoteLayout {
        let rules = WinRules {
            logseq,
            ..WinRules::default()
        };
        WinMatcher::new(&rules).layout(text)
    }

    fn labels(layout: &NoteLayout) -> Vec<(LabelKind, &str, usize, bool, bool)> {
        layout
            .labels
            .iter()
            .map(|l| (l.kind, l.text.as_str(), l.line, l.names_section, l.nested))
            .collect()
    }

    fn items(layout: &NoteLayout) -> Vec<Vec<(usize, usize)>> {
        layout
            .lists
            .iter()
            .map(|list| list.items.iter().map(|i| (i.line, i.last_line)).collect())
            .collect()
    }

    #[test]
    fn every_label_shape_is_found_with_its_wins_list() {
        let note = "---\ndate: 2026-11-20\n---\n# Friday\n\n## 🏆 Wins of the Day\n- a\n  - detail\n- b\n\n\
                    ## Log\n- Wins\n  - c\n- Errands\n  - milk\n\n**Successes:**\n1. d\n2. e\n\n\
                    > [!success] Small wins\n> - f\n";
        let found = layout(note, false);
        assert_eq!(
            labels(&found),
            [
                (LabelKind::Heading(1), "Friday", 4, false, false),
                (LabelKind::Heading(2), "🏆 Wins of the Day", 6, true, false),
                (LabelKind::Heading(2), "Log", 11, false, false),
                (LabelKind::Outline, "Wins", 12, true, false),
                (LabelKind::Outline, "Errands", 14, false, false),
                (LabelKind::Bold, "Successes:", 17, false, false),
                (LabelKind::Callout, "Small wins", 21, true, true),
            ]
        );
        assert_eq!(
            items(&found),
            [vec![(7, 8), (9, 9)], vec![(13, 13)], vec![(22, 22)]]
        );
    }

    #[test]
    fn logseq_heading_blocks_hold_their_child_blocks() {
        let note =
            "- ## Gratitude\n\t- sun\n- ## Wins\n\tcollapsed:: true\n\t- shipped\n\t\t- detail\n\
                    \t- ran\n- DONE ## not a label\n## Learnings\n\t- rust\n";
        let found = layout(note, true);
        assert_eq!(
            labels(&found),
            [
                (LabelKind::Heading(2), "Gratitude", 1, false, true),
                (LabelKind::Heading(2), "Wins", 3, true, true),
                (LabelKind::Heading(2), "Learnings", 9, false, true),
            ]
        );
        assert_eq!(items(&found), [vec![(5, 6), (7, 7)]]);
    }

    #[test]
    fn the_walk_that_records_reads_the_same_wins() {
        let notes = [
            "## Wins\n- a\n  - detail\n- [x] b\n\n**Wins:**\n1. c\n\n> [!success] Wins\n> - d #win\n",
            "- Wins\n\t- e\n- x #win\n",
            "---\nwins: [f]\n---\n# Day\nwin:: g\n",
        ];
        for logseq in [false, true] {
            let matcher = WinMatcher::new(&WinRules {
                logseq,
                ..WinRules::default()
            });
            for note in notes {
                assert_eq!(
                    matcher.parse_with_layout(note).0,
                    matcher.parse(note),
                    "{note}"
                );
            }
        }
    }
}
