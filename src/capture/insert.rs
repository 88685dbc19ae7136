//! Where the win goes: under the note's first Wins heading (replacing a placeholder item, after
//! its last item, or right under it), else in a new Wins section at the end; and only where the
//! parser reads it back as a win.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::markdown::{self, comments, heading, in_ranges, tags};
use crate::model::WinRules;
use crate::parse::WinMatcher;

/// Puts the item into `note` and checks that the parser reads it back as a win; falls back to a
/// fresh Wins section at the end. Returns the new text and the item's 1-based line.
pub(super) fn place_win(note: &str, item: &str, rules: &WinRules) -> Option<(String, usize)> {
    let matcher = WinMatcher::new(rules);
    let reads_back = |(text, line): &(String, usize)| {
        matcher
            .parse(text)
            .entries
            .iter()
            .any(|entry| entry.line == *line)
    };
    let heading = rules.sections.first().map_or("Wins", String::as_str);
    [
        insert_win(note, item, rules),
        append_wins_section(note, item, heading),
    ]
    .into_iter()
    .find(reads_back)
}

/// The note's line ending: that of its first line, `\n` when it has none.
fn line_ending(text: &str) -> &'static str {
    match text.find('\n') {
        Some(at) if at > 0 && text.as_bytes().get(at - 1) == Some(&b'\r') => "\r\n",
        _ => "\n",
    }
}

/// Appends `## Wins` and the item at the end, after a blank line, ending with a newline.
fn append_wins_section(note: &str, item: &str, heading: &str) -> (String, usize) {
    let eol = line_ending(note);
    let mut out = note.to_owned();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push_str(eol);
    }
    let body = out.strip_prefix('\u{feff}').unwrap_or(&out);
    if !body.trim().is_empty() && !out.ends_with(&format!("{eol}{eol}")) {
        out.push_str(eol);
    }
    out.push_str("## ");
    out.push_str(heading);
    out.push_str(eol);
    let line = out.matches('\n').count() + 1;
    out.push_str("- ");
    out.push_str(item);
    out.push_str(eol);
    (out, line)
}

/// A top-level heading of a note.
struct Heading {
    level: usize,
    range: Range<usize>,
    text: String,
}

/// The top-level headings and list items of a note, outside Obsidian comments, read as the
/// parser reads the note (front matter cut off, the same markdown options).
struct Outline {
    headings: Vec<Heading>,
    items: Vec<Range<usize>>,
}

fn outline(text: &str) -> Outline {
    let start = markdown::body_start(text);
    let md = text.get(start..).unwrap_or_default();
    let mut headings = Vec::new();
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut heading: Option<Heading> = None;
    for (event, range) in markdown::parser(md).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                match tag {
                    Tag::Heading { level, .. } if depth == 0 => {
                        heading = Some(Heading {
                            level: level as usize,
                            range: range.start + start..range.end + start,
                            text: String::new(),
                        });
                    }
                    Tag::Item if depth == 1 => items.push(range.start + start..range.end + start),
                    _ => {}
                }
                depth += 1;
            }
            Event::End(end) => {
                depth = depth.saturating_sub(1);
                if matches!(end, TagEnd::Heading(_)) && depth == 0 {
                    headings.extend(heading.take());
                }
            }
            Event::Text(part) | Event::Code(part) => {
                if let Some(heading) = heading.as_mut() {
                    heading.text.push_str(&part);
                }
            }
            _ => {}
        }
    }
    let comments = comments::obsidian(md);
    let outside = |range: &Range<usize>| !in_ranges(&comments, range.start - start);
    headings.retain(|h| outside(&h.range));
    items.retain(|item| outside(item));
    Outline { headings, items }
}

/// Inserts the item under the first Wins heading: replacing the section's first placeholder
/// item (`- #win`), else after its last top-level list item, else after the heading. Without a
/// Wins heading it appends one. Every other byte stays as it was.
fn insert_win(note: &str, item: &str, rules: &WinRules) -> (String, usize) {
    let win_tags = &rules.tags;
    let bom = if note.starts_with('\u{feff}') {
        "\u{feff}".len()
    } else {
        0
    };
    let body = note.get(bom..).unwrap_or(note);
    let eol = line_ending(body);
    let wanted = heading::SectionNames::of(rules);
    let outline = outline(body);
    let Some((index, wins)) = outline
        .headings
        .iter()
        .enumerate()
        .find(|(_, h)| wanted.names(&h.text))
    else {
        let heading = rules.sections.first().map_or("Wins", String::as_str);
        return append_wins_section(note, item, heading);
    };
    let section_end = outline
        .headings
        .iter()
        .skip(index + 1)
        .find(|h| h.level <= wins.level)
        .map_or(body.len(), |h| h.range.start);
    let section = line_end(body, wins.range.end.saturating_sub(1))..section_end;
    let items: Vec<&Range<usize>> = outline
        .items
        .iter()
        .filter(|item| section.contains(&item.start))
        .collect();

    let (at, replace_to, new_line) = if let Some(placeholder) = items
        .iter()
        .find(|range| is_placeholder(body, range, win_tags))
    {
        let start = line_start(body, placeholder.start);
        let end = line_content_end(body, placeholder.start);
        let marker = bullet_of(body.get(start..end).unwrap_or_default());
        (start, end, format!("{marker}{item}"))
    } else if let Some(last) = items.last() {
        let start = line_start(body, last.start);
        let marker = bullet_of(
            body.get(start..line_content_end(body, start))
                .unwrap_or_default(),
        );
        let content_end = body
            .get(..last.end)
            .map_or(last.end, |s| s.trim_end().len());
        let at = line_end(body, content_end.saturating_sub(1));
        (
            at,
            at,
            with_eol(body, at, format!("{marker}{item}"), eol, false),
        )
    } else {
        let content = body.get(section.clone()).unwrap_or_default();
        let trimmed = content.trim_end();
        if trimmed.trim().is_empty() {
            let at = section.start;
            (at, at, with_eol(body, at, format!("- {item}"), eol, false))
        } else {
            let at = line_end(body, section.start + trimmed.len() - 1);
            (at, at, with_eol(body, at, format!("- {item}"), eol, true))
        }
    };
    let mut out = String::with_capacity(note.len() + new_line.len() + 2);
    out.push_str(note.get(..bom).unwrap_or_default());
    out.push_str(body.get(..at).unwrap_or_default());
    let leading_breaks = new_line.len() - new_line.trim_start_matches(['\r', '\n']).len();
    let line = out.matches('\n').count()
        + new_line
            .get(..leading_breaks)
            .map_or(0, |lead| lead.matches('\n').count())
        + 1;
    out.push_str(&new_line);
    out.push_str(body.get(replace_to..).unwrap_or_default());
    (out, line)
}

/// Surrounds a new line inserted at `at` with the line endings it needs: one before when `at`
/// ends a line without a newline (end of file), a blank line before when asked, one after.
fn with_eol(body: &str, at: usize, line: String, eol: &str, blank_before: bool) -> String {
    let mut out = String::new();
    let after_newline = at == 0 || body.get(..at).is_some_and(|s| s.ends_with('\n'));
    if !after_newline {
        out.push_str(eol);
    }
    if blank_before {
        out.push_str(eol);
    }
    out.push_str(&line);
    out.push_str(eol);
    out
}

// The line helpers search bytes: `at` may fall inside a multi-byte character (the last byte
// of `café`), where `str::get` would give up and send the win to the end of the note.

/// The start of the line holding byte `at`.
fn line_start(text: &str, at: usize) -> usize {
    text.as_bytes()
        .get(..at)
        .and_then(|s| memchr::memrchr(b'\n', s))
        .map_or(0, |nl| nl + 1)
}

/// The end of the line holding byte `at`, after its newline (or the end of the text).
fn line_end(text: &str, at: usize) -> usize {
    text.as_bytes()
        .get(at..)
        .and_then(|s| memchr::memchr(b'\n', s))
        .map_or(text.len(), |nl| at + nl + 1)
}

/// The end of the line holding byte `at`, before its line ending.
fn line_content_end(text: &str, at: usize) -> usize {
    let end = text
        .as_bytes()
        .get(at..)
        .and_then(|s| memchr::memchr(b'\n', s))
        .map_or(text.len(), |nl| at + nl);
    if text.get(..end).is_some_and(|s| s.ends_with('\r')) {
        end - 1
    } else {
        end
    }
}

/// The indentation and bullet of a list item line (`- ` unless it uses `*` or `+`).
fn bullet_of(line: &str) -> String {
    let content = line.trim_start_matches([' ', '\t']);
    let indent = line.get(..line.len() - content.len()).unwrap_or_default();
    match content.chars().next() {
        Some(bullet @ ('*' | '+' | '-')) => format!("{indent}{bullet} "),
        _ => format!("{indent}- "),
    }
}

/// Whether a list item is a one-line placeholder: a bare bullet or a bullet and a win tag.
fn is_placeholder(body: &str, item: &Range<usize>, win_tags: &[String]) -> bool {
    let Some(source) = body.get(item.clone()) else {
        return false;
    };
    let source = source.trim();
    if source.contains('\n') {
        return false;
    }
    let Some(content) = source.strip_prefix(['-', '*', '+']).map(str::trim) else {
        return false;
    };
    if content.is_empty() {
        return true;
    }
    match tags::in_markdown(content).as_slice() {
        [tag] => {
            tag.range == (0..content.len())
                && win_tags
                    .iter()
                    .any(|win| tags::matches(&tag.name, &tags::normalize(win)))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> WinRules {
        WinRules::default()
    }

    fn insert(note: &str) -> (String, usize) {
        let rules = rules();
        insert_win(note, "10:00 New #win", &rules)
    }

    #[test]
    fn insertion_cases() {
        let cases: &[(&str, &str, &str, usize)] = &[
            (
                "section followed by another section",
                "# Day\n\n## Wins\n- a #win\n- b #win\n\n## Log\nx\n",
                "# Day\n\n## Wins\n- a #win\n- b #win\n- 10:00 New #win\n\n## Log\nx\n",
                6,
            ),
            (
                "nested children stay with their item",
                "## Wins\n- a\n  - child\n\n## Log\n",
                "## Wins\n- a\n  - child\n- 10:00 New #win\n\n## Log\n",
                4,
            ),
            (
                "subheading belongs to the section",
                "## Wins\n- a\n### Work\n- b\n## Log\n",
                "## Wins\n- a\n### Work\n- b\n- 10:00 New #win\n## Log\n",
                5,
            ),
            (
                "placeholder is replaced",
                "## Wins 🏆\n- #win\n\n## Notes\n",
                "## Wins 🏆\n- 10:00 New #win\n\n## Notes\n",
                2,
            ),
            (
                "empty section",
                "## Small wins:\n\n## Log\n",
                "## Small wins:\n- 10:00 New #win\n\n## Log\n",
                2,
            ),
            (
                "section with a paragraph only",
                "## Wins\nGood day.\n## Log\n",
                "## Wins\nGood day.\n\n- 10:00 New #win\n## Log\n",
                4,
            ),
            (
                "no wins heading",
                "# Day\ntext",
                "# Day\ntext\n\n## Wins\n- 10:00 New #win\n",
                5,
            ),
            ("empty note", "", "## Wins\n- 10:00 New #win\n", 2),
            (
                "heading at end without newline",
                "## Wins",
                "## Wins\n- 10:00 New #win\n",
                2,
            ),
            (
                "last item without newline",
                "## Wins\n- a",
                "## Wins\n- a\n- 10:00 New #win\n",
                3,
            ),
            (
                "star bullets are kept",
                "## Wins\n* a\n",
                "## Wins\n* a\n* 10:00 New #win\n",
                3,
            ),
            (
                "wins heading in code is not the section",
                "```\n## Wins\n```\n",
                "```\n## Wins\n```\n\n## Wins\n- 10:00 New #win\n",
                6,
            ),
            (
                "wins heading in a comment is not the section",
                "%%\n## Wins\n%%\n",
                "%%\n## Wins\n%%\n\n## Wins\n- 10:00 New #win\n",
                6,
            ),
            (
                "last item ends in a multi-byte character",
                "## Wins\n- a\n  - sub-item café\n\n## Log\nnotes\n",
                "## Wins\n- a\n  - sub-item café\n- 10:00 New #win\n\n## Log\nnotes\n",
                4,
            ),
            (
                "paragraph ends in a multi-byte character",
                "## Wins\nGood day, café\n## Log\n",
                "## Wins\nGood day, café\n\n- 10:00 New #win\n## Log\n",
                4,
            ),
            (
                "a bracketed placeholder is replaced too",
                "## Wins\n- a\n- #[[Win]]\n",
                "## Wins\n- a\n- 10:00 New #win\n",
                3,
            ),
            (
                "a tagged item is not a placeholder",
                "## Wins\n- #win ran\n",
                "## Wins\n- #win ran\n- 10:00 New #win\n",
                3,
            ),
            (
                "crlf",
                "## Wins\r\n- a #win\r\n\r\n## Log\r\n",
                "## Wins\r\n- a #win\r\n- 10:00 New #win\r\n\r\n## Log\r\n",
                3,
            ),
        ];
        for (name, note, want, line) in cases {
            assert_eq!(insert(note), (want.to_string(), *line), "{name}");
        }
    }

    #[test]
    fn a_win_the_parser_would_not_read_is_refused() {
        let item = "10:00 New #win";
        assert_eq!(
            place_win("## Wins\n- a\n", item, &rules()),
            Some(("## Wins\n- a\n- 10:00 New #win\n".to_owned(), 3))
        );
        assert_eq!(place_win("# Day\n```\ncode\n", item, &rules()), None);
        assert_eq!(place_win("## Wins\n%% draft\n", item, &rules()), None);
    }

    #[test]
    fn front_matter_is_not_a_setext_heading() {
        let note = "---\ndate: 2026-11-26\n---\n";
        assert_eq!(
            insert(note).0,
            "---\ndate: 2026-11-26\n---\n\n## Wins\n- 10:00 New #win\n"
        );
    }
}
