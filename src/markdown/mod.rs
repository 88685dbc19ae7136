//! The one markdown setup: how every part of smallwins reads markdown. The parser, `add`, the
//! reviews, `share` and `list --tag` all read a note through here, so they cannot disagree about
//! what is front matter, a comment, a heading label, a tag or the plain text of a win.

pub mod comments;
pub mod heading;
pub mod plain;
pub mod tags;
pub mod templater;

use std::ops::Range;

use pulldown_cmark::{Options, Parser};

/// The pulldown-cmark options every reading of a note uses. Front matter is cut off first
/// ([`front_matter`]), as Obsidian reads it, so metadata blocks stay off. Math (`$…$`, `$$…$$`)
/// is read as Obsidian renders it, so a `#` inside a formula is never a tag.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_WIKILINKS
        | Options::ENABLE_MATH
}

/// A pulldown-cmark parser over `md` (markdown without its front matter) with [`options`].
pub fn parser(md: &str) -> Parser<'_> {
    Parser::new_ext(md, options())
}

/// Where a note's front matter is: its YAML text and where the markdown resumes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    /// The YAML between the fences (empty when unclosed).
    pub yaml: Range<usize>,
    /// Where the markdown starts.
    pub end: usize,
    /// Whether a closing fence was found.
    pub closed: bool,
}

/// The front matter of `body` (a note without its BOM): a `---` first line opens it, a `---`
/// (or `...`) line closes it, as in Obsidian.
pub fn front_matter(body: &str) -> Option<FrontMatter> {
    let first_end = body.find('\n')?;
    if body.get(..first_end)?.trim_end() != "---" {
        return None;
    }
    let yaml_start = first_end + 1;
    let mut pos = yaml_start;
    loop {
        let rest = body.get(pos..)?;
        let line_end = rest.find('\n').map(|i| pos + i);
        let line = body.get(pos..line_end.unwrap_or(body.len()))?.trim_end();
        if line.is_empty() {
            if pos == yaml_start {
                // `---` followed by a blank line is a thematic break, as pulldown-cmark reads it.
                return None;
            }
        } else if line == "---" || line == "..." {
            return Some(FrontMatter {
                yaml: yaml_start..pos,
                end: line_end.map_or(body.len(), |e| e + 1),
                closed: true,
            });
        }
        match line_end {
            Some(e) => pos = e + 1,
            None => break,
        }
    }
    // Unclosed: Obsidian shows everything after the opening `---` as body text (and counts its
    // tags), so only that line is skipped and no wins are lost.
    Some(FrontMatter {
        yaml: yaml_start..yaml_start,
        end: yaml_start,
        closed: false,
    })
}

/// Where the markdown of `body` (a note without its BOM) starts, after any front matter.
pub fn body_start(body: &str) -> usize {
    front_matter(body).map_or(0, |fm| fm.end)
}

/// Appends a range unless it lies inside the last one (ranges arrive in document order).
pub(crate) fn push_disjoint(ranges: &mut Vec<Range<usize>>, r: Range<usize>) {
    if ranges
        .last()
        .is_some_and(|last| last.end >= r.end && last.start <= r.start)
    {
        return;
    }
    ranges.push(r);
}

/// Whether `pos` falls in one of the sorted, disjoint `ranges`.
pub(crate) fn in_ranges(ranges: &[Range<usize>], pos: usize) -> bool {
    let i = ranges.partition_point(|r| r.end <= pos);
    ranges.get(i).is_some_and(|r| r.start <= pos)
}

/// At most `max` bytes of `s`, cut back to a char boundary.
pub(crate) fn prefix(s: &str, max: usize) -> &str {
    let mut end = max.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or("")
}
