//! The byte fast path: one pass over a note's bytes finds where a win or rest tag, a win field
//! or a wins section heading may be, and where the note splits into blocks that pulldown-cmark
//! reads the same alone as within the whole note. Only those blocks are then parsed; the tests
//! and the fuzz target hold the result to a parse of the whole note.

use std::ops::Range;

use super::fields::KEY_SLACK;
use super::WinMatcher;
use crate::markdown::{comments, heading, tags};

impl WinMatcher {
    /// Where in `md` a win or rest tag, a win field or a wins section heading may be, and how
    /// `md` splits into blocks that parse alone. A note without such a place holds no win, and a
    /// block without one yields nothing unless a wins section is open.
    pub(super) fn survey(&self, md: &str, rare: &RareBytes) -> Survey {
        let bytes = md.as_bytes();
        let tabs = rare.tabs;
        // Sized for a typical note, so they seldom grow.
        let mut hits = Vec::with_capacity(16);
        let mut headings = Vec::with_capacity(8);
        let mut comments = false;
        let mut reference_definitions = false;
        for i in memchr::memchr3_iter(b'#', b':', b'%', bytes) {
            let found = match bytes.get(i) {
                Some(b'#') => {
                    if let Some(line_start) = heading_line_start(bytes, i) {
                        headings.push(line_start);
                    }
                    self.tag_at(md, i, tabs)
                }
                Some(b':') => {
                    reference_definitions |=
                        i.checked_sub(1).and_then(|b| bytes.get(b)) == Some(&b']');
                    self.field_before(md, i, tabs)
                }
                _ => {
                    let comment = bytes.get(i + 1) == Some(&b'%');
                    comments |= comment;
                    comment && (text_before(bytes, i) || text_after(bytes, i + 2))
                }
            };
            if found {
                hits.push(i);
            }
        }
        hits.extend(
            rare.comment_opens
                .iter()
                .copied()
                .filter(|&i| text_before(bytes, i)),
        );
        // `-->` only closes a comment some `<!--` opened.
        if !rare.comment_opens.is_empty() {
            hits.extend(
                memchr::memmem::find_iter(bytes, comments::HTML_CLOSE.as_bytes())
                    .filter(|&i| text_after(bytes, i + comments::HTML_CLOSE.len())),
            );
        }
        let mut lines = LineSurvey::new(md.len(), !comments && !reference_definitions);
        let mut labels = LabelSurvey::default();
        let mut sections = Vec::with_capacity(2);
        let mut headings = headings.into_iter().peekable();
        let mut paragraph_start = 0;
        let mut line_start = 0;
        while let Some(rest) = bytes.get(line_start..).filter(|rest| !rest.is_empty()) {
            let line_len = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
            let line = rest.get(..line_len).unwrap_or_default();
            let first = line
                .iter()
                .copied()
                .find(|b| !matches!(b, b' ' | b'\t' | b'\r'));
            let atx = headings.next_if_eq(&line_start).is_some();
            // `## Wins` in a code block is an example, not a section.
            let heading = if lines.in_fence() {
                None
            } else if atx {
                Some(line_start..line_start + line_len)
            } else if first.is_none() {
                paragraph_start = line_start + line_len + 1;
                None
            } else if first
                .is_some_and(|b| matches!(b, b'=' | b'-' | b'*' | b'+' | b'>' | b'0'..=b'9'))
                && may_underline(line)
            {
                Some(paragraph_start..line_start)
            } else {
                None
            };
            if let Some(heading) = heading {
                if self.names_a_section(bytes.get(heading.clone()).unwrap_or_default()) {
                    sections.push(heading.start);
                }
            }
            if !lines.in_fence() {
                let label = labels.line(line_start, line, first.is_none(), atx);
                let text = |range: &Range<usize>| bytes.get(range.clone()).unwrap_or_default();
                if let Some(label) = label.filter(|l| self.names_a_section(text(l))) {
                    hits.push(label.start);
                }
            }
            lines.line(line_start, line, first.is_none());
            line_start += line_len + 1;
        }
        hits.extend_from_slice(&sections);
        hits.sort_unstable();
        let blocks = lines.finish(&hits, &sections);
        Survey {
            hits,
            blocks,
            comments,
        }
    }

    /// Whether the `#` at byte `i` starts a win or rest tag. A `#` right after a letter, digit,
    /// `/` or `.` (`page#anchor`, `docs/#intro`) starts none: a tag needs whitespace, a line
    /// start or markup before it (`**`, `]`, a code tick, a table pipe).
    fn tag_at(&self, md: &str, i: usize, tabs: bool) -> bool {
        let before = i.checked_sub(1).and_then(|b| md.as_bytes().get(b));
        if before.is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'/' || b == b'.') {
            return false;
        }
        if tabs && self.tag_may_go_on(md, i) {
            return true;
        }
        let Some((_, name)) = tags::source(md, i) else {
            return false;
        };
        // In a heading or a table cell, pulldown-cmark may end a text event at a `_` that could
        // close emphasis (`#rest_`), and the rest tag is read in that event alone.
        let before_underscore = name.split('_').next().unwrap_or(name);
        self.names_tag(name)
            || (before_underscore.len() < name.len() && self.names_tag(before_underscore))
    }

    /// Whether a tag name (as written) is a win or rest tag.
    fn names_tag(&self, name: &str) -> bool {
        // Every `#` of a note comes here, so ASCII names are compared without lowercasing them.
        if name.is_ascii() {
            let matches = |tag: &String| {
                tag.is_ascii()
                    && name.len() >= tag.len()
                    && name
                        .as_bytes()
                        .get(..tag.len())
                        .is_some_and(|head| head.eq_ignore_ascii_case(tag.as_bytes()))
                    && matches!(name.as_bytes().get(tag.len()), None | Some(b'/'))
            };
            if self.tags.iter().chain(&self.rest_tag).any(matches) {
                return true;
            }
            if self
                .tags
                .iter()
                .chain(&self.rest_tag)
                .all(|tag| tag.is_ascii())
            {
                return false;
            }
        }
        let name = name.to_lowercase();
        self.is_win_tag(&name) || self.is_rest_tag(&name)
    }

    /// Whether the tag whose `#` is at byte `i` runs into its line's end while a win or rest tag
    /// may still begin with it (`#wi`, `#`, `#[[wi`). pulldown-cmark starts a tab-indented
    /// nested list at the end of the line above it, so once the nested list is cut out of the
    /// item, the text after it goes on with the tag (`#wi` and `n` read `#win`).
    fn tag_may_go_on(&self, md: &str, i: usize) -> bool {
        let rest = md.get(i + 1..).unwrap_or("");
        if let Some(inner) = rest.strip_prefix("[[") {
            let line = inner.split('\n').next().unwrap_or("");
            return !line.contains("]]");
        }
        let len = tags::name_len(rest);
        if !matches!(rest.as_bytes().get(len), Some(b'\n' | b'\r')) {
            return false;
        }
        let name = rest.get(..len).unwrap_or("").to_lowercase();
        self.tags
            .iter()
            .chain(&self.rest_tag)
            .any(|tag| tag.starts_with(&name))
    }

    /// Whether the `:` at byte `i` may end a win field's key: `win::`, `Win ::`, `[win::`. One
    /// colon is enough where a tab-indented nested list may be cut out of its item between two.
    fn field_before(&self, md: &str, i: usize, tabs: bool) -> bool {
        let bytes = md.as_bytes();
        if !tabs && bytes.get(i + 1) != Some(&b':') {
            return false;
        }
        let mut from = i.saturating_sub(self.longest_field + KEY_SLACK);
        while !md.is_char_boundary(from) {
            from += 1;
        }
        let window = md.get(from..i).unwrap_or("");
        if tabs {
            // A tab-indented nested list cut out of its item joins the end of the line above to
            // this line (see `tag_may_go_on`), so a key may begin there and end here.
            if let Some(line) = window.rfind('\n').and_then(|n| window.get(n + 1..)) {
                let end_of_key = line.trim().to_lowercase();
                if self.fields.iter().any(|field| field.ends_with(&end_of_key)) {
                    return true;
                }
            }
        }
        let head = window.trim_end();
        // A comment cut out between the key and its colons leaves only spaces there.
        if head.ends_with(comments::OBSIDIAN_MARK) || head.ends_with(comments::HTML_CLOSE) {
            return true;
        }
        // `Darwin::` has another key.
        if head.is_ascii() {
            return self.fields.iter().any(|field| {
                head.len()
                    .checked_sub(field.len())
                    .and_then(|start| head.as_bytes().split_at_checked(start))
                    .is_some_and(|(before, key)| {
                        key.eq_ignore_ascii_case(field.as_bytes())
                            && !before.last().is_some_and(u8::is_ascii_alphanumeric)
                    })
            });
        }
        // Lowercasing may lengthen a key (`İ` becomes `i` and a combining dot), so the key is
        // found after lowercasing.
        let head = head.to_lowercase();
        self.fields.iter().any(|field| {
            head.strip_suffix(field.as_str())
                .is_some_and(|before| !before.ends_with(char::is_alphanumeric))
        })
    }

    /// Whether `text` holds the longest word of a wins section name once normalised as a
    /// heading is, so markup inside the word (`W**ins**`) does not hide it. Spaces are left out:
    /// the lines of a setext heading join without one.
    fn names_a_section(&self, text: &[u8]) -> bool {
        // Inline HTML, entities and link targets are left out of heading text or change it, so
        // they may hide a section name (`W<b></b>ins`, `W&#105;ns`, `[Wi](u)ns`, `[[u|Wi]]ns`).
        if memchr::memchr3(b'<', b'&', b'|', text).is_some()
            || memchr::memchr_iter(b']', text).any(|i| matches!(text.get(i + 1), Some(b'(' | b'[')))
        {
            return true;
        }
        // Most headings lack even the first letter of a section word, in either case. (Only
        // ASCII text is judged so: `İ` lowercases to an `i` and a combining dot.)
        let may_hold = |word: &String| match word.as_bytes().first() {
            Some(first) if first.is_ascii() && text.is_ascii() => {
                memchr::memchr2(*first, first.to_ascii_uppercase(), text).is_some()
            }
            _ => true,
        };
        if !self.section_words.iter().any(may_hold) {
            return false;
        }
        let mut buffer = [0; heading::BUFFER];
        if let Some(joined) = heading::ascii_letters_and_digits(text, &mut buffer) {
            return self.section_words.iter().any(|word| {
                joined
                    .windows(word.len())
                    .any(|window| window == word.as_bytes())
            });
        }
        // A final sigma lowercases by what follows it, which spaces and markup change.
        let text: String = heading::normalize(&String::from_utf8_lossy(text))
            .chars()
            .filter(|&c| c != ' ')
            .map(|c| if c == 'ς' { 'σ' } else { c })
            .collect();
        self.section_words
            .iter()
            .any(|word| text.contains(word.as_str()))
    }
}

/// Where the line starts when the `#` at byte `i` comes first on it, after the quote markers,
/// list markers and indentation that may open it, and opens an ATX heading marker: then it may
/// start a heading.
fn heading_line_start(bytes: &[u8], i: usize) -> Option<usize> {
    let before = bytes.get(..i).unwrap_or_default();
    let opening = before
        .iter()
        .rev()
        .take_while(|b| {
            matches!(
                b,
                b' ' | b'\t' | b'>' | b'-' | b'*' | b'+' | b'.' | b')' | b'0'..=b'9'
            )
        })
        .count();
    let line_start = i - opening;
    let at_line_start = line_start == 0 || bytes.get(line_start - 1) == Some(&b'\n');
    // An ATX heading opens with one to six `#` and a space, a tab or the line's end (`#win`
    // opens none).
    let marks = bytes
        .get(i..)
        .unwrap_or_default()
        .iter()
        .take_while(|&&b| b == b'#')
        .count();
    let opens = marks <= 6
        && bytes
            .get(i + marks)
            .is_none_or(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'));
    (at_line_start
        && opens
        && after_container_markers(bytes.get(line_start..i).unwrap_or_default()).is_empty())
    .then_some(line_start)
}

/// A line without the quote markers, list markers and indentation that may open it.
fn after_container_markers(mut line: &[u8]) -> &[u8] {
    loop {
        let next = after_container_marker(line);
        if next.len() == line.len() {
            return line;
        }
        line = next;
    }
}

/// A line without its indentation and the first quote or list marker that may open it.
fn after_container_marker(line: &[u8]) -> &[u8] {
    let trimmed = line.trim_ascii_start();
    let trimmed = trimmed.strip_prefix(b">").unwrap_or(trimmed);
    let digits = trimmed.iter().take_while(|b| b.is_ascii_digit()).count();
    let marker = match trimmed.get(digits) {
        Some(b'-' | b'*' | b'+') if digits == 0 => 1,
        Some(b'.' | b')') if digits > 0 => digits + 1,
        _ => 0,
    };
    let after_marker = trimmed.get(marker..).unwrap_or_default();
    if marker > 0
        && after_marker
            .first()
            .is_some_and(|b| matches!(b, b' ' | b'\t'))
    {
        after_marker
    } else {
        trimmed
    }
}

/// Whether a line could underline a setext heading once some of the quote markers, list markers
/// and indentation that may open it are taken off: only `=` or only `-`, spaces around. Each
/// step is tried, as `- ` may be an underline rather than an empty list item.
fn may_underline(mut line: &[u8]) -> bool {
    loop {
        let trimmed = line.trim_ascii();
        if trimmed
            .first()
            .is_some_and(|&c| (c == b'=' || c == b'-') && trimmed.iter().all(|&b| b == c))
        {
            return true;
        }
        let next = after_container_marker(line);
        if next.len() == line.len() {
            return false;
        }
        line = next;
    }
}

/// Finds, a line at a time, the text that may be a label other than a heading: an item with
/// nested items (an outline label), a paragraph opening with emphasis right before a list (a
/// bold label), and a callout's first line. Each is a stretch to test for a section word, and a
/// survey hit when it holds one, so its block is read; its wins lie in the same block.
#[derive(Default)]
struct LabelSurvey {
    /// The last list item line: where it starts and its indentation in columns.
    item: Option<(usize, usize)>,
    /// The last run of other lines since a list item, a heading or a fence: where it starts,
    /// and whether it opens with emphasis.
    run: Option<(usize, bool)>,
    /// The line before was part of that run.
    in_run: bool,
}

impl LabelSurvey {
    /// Takes the next line (without its `\n`), which starts at byte `start`; returns a stretch
    /// that may be a label.
    fn line(
        &mut self,
        start: usize,
        line: &[u8],
        blank: bool,
        heading: bool,
    ) -> Option<Range<usize>> {
        if blank {
            self.in_run = false;
            return None;
        }
        let mut indent = 0;
        let mut quoted = false;
        let lead = line
            .iter()
            .take_while(|&&b| {
                match b {
                    b' ' | b'>' => indent += 1,
                    b'\t' => indent += 4 - indent % 4,
                    _ => return false,
                }
                quoted |= b == b'>';
                true
            })
            .count();
        let content = line.get(lead..).unwrap_or_default();
        // A line of only quote markers is a blank line inside the quote.
        if content.iter().all(|&b| b == b'\r') {
            self.in_run = false;
            return None;
        }
        if is_list_marker(content) {
            let child = self.item.filter(|&(_, item_indent)| indent > item_indent);
            let label = match (child, self.run) {
                (Some((item_start, _)), _) => Some(item_start..start),
                (None, Some((run_start, true))) => Some(run_start..start),
                _ => None,
            };
            self.item = Some((start, indent));
            self.run = None;
            self.in_run = false;
            return label;
        }
        if heading || Fence::opened_by(content).is_some() {
            self.run = None;
            self.in_run = false;
            return None;
        }
        if !self.in_run {
            self.run = Some((start, matches!(content.first(), Some(b'*' | b'_'))));
            self.in_run = true;
        }
        (quoted && content.starts_with(b"[!")).then(|| start..start + line.len())
    }
}

/// Whether a line (after its indentation and quote markers) starts a list item: `-`, `*` or
/// `+`, or a number and `.` or `)`, then a space, a tab or the line's end.
fn is_list_marker(content: &[u8]) -> bool {
    let digits = content.iter().take_while(|b| b.is_ascii_digit()).count();
    let marker = match content.get(digits) {
        Some(b'-' | b'*' | b'+') if digits == 0 => 1,
        Some(b'.' | b')') if (1..=9).contains(&digits) => digits + 1,
        _ => return false,
    };
    content
        .get(marker)
        .is_none_or(|b| matches!(b, b' ' | b'\t' | b'\r'))
}

/// What `WinMatcher::survey` found: where wins may be, and the note's independent blocks.
pub(super) struct Survey {
    /// Sorted offsets of possible win tags, fields and section headings, and of comment marks
    /// that may join text into one.
    pub(super) hits: Vec<usize>,
    /// `None` when the note must be read whole.
    pub(super) blocks: Option<Vec<Block>>,
    /// Whether `%%` occurs, which may open an Obsidian comment.
    pub(super) comments: bool,
}

/// A stretch of a note that pulldown-cmark reads the same alone as within the whole note.
pub(super) struct Block {
    pub(super) range: Range<usize>,
    /// Whether a survey hit lies in it.
    pub(super) interesting: bool,
    /// Whether a heading in it may name a wins section.
    pub(super) opens_section: bool,
}

/// Finds where a note splits into independent blocks, a line at a time: at lines that start
/// with an ASCII letter or `#` right after a blank line, outside fenced code. There every
/// container (list, quote, paragraph, indented code) has closed and a fresh paragraph or heading
/// starts. No split when
/// something can reach across such a line or change how another block reads: HTML blocks, link
/// reference definitions, `%%` comments, or a fence that may sit in a list item.
struct LineSurvey {
    cuts: Option<Vec<usize>>,
    len: usize,
    prev_blank: bool,
    fence: Option<Fence>,
}

impl LineSurvey {
    /// Surveys `len` bytes; `splittable` is false when the note holds `%%` or `]:`.
    fn new(len: usize, splittable: bool) -> LineSurvey {
        LineSurvey {
            cuts: splittable.then(|| Vec::with_capacity(32)),
            len,
            prev_blank: false,
            fence: None,
        }
    }

    /// Whether the next line is inside top-level fenced code (known only while splitting).
    fn in_fence(&self) -> bool {
        self.cuts.is_some() && self.fence.is_some()
    }

    /// Takes the next line (without its `\n`), which starts at byte `start`.
    fn line(&mut self, start: usize, line: &[u8], blank: bool) {
        let Some(cuts) = &mut self.cuts else {
            return;
        };
        let indent = line.iter().take_while(|&&b| b == b' ').count();
        let content = line.get(indent..).unwrap_or_default();
        if let Some(open) = &self.fence {
            if indent < 4 && open.is_closed_by(content) {
                self.fence = None;
            }
            self.prev_blank = false;
            return;
        }
        match content.first() {
            // An HTML block at the top level may run until its end marker, blank lines and
            // all; indented a little, it may sit in a list item.
            Some(b'<') if indent < 4 => self.cuts = None,
            Some(b'`' | b'~') if indent < 4 => {
                if let Some(open) = Fence::opened_by(content) {
                    // Indented, the fence may belong to a list item and close with it, where
                    // a line-by-line view would keep it open (or the reverse).
                    if indent > 0 {
                        self.cuts = None;
                    }
                    self.fence = Some(open);
                }
            }
            Some(&first)
                if indent == 0
                    && self.prev_blank
                    && (first.is_ascii_alphabetic() || first == b'#') =>
            {
                cuts.push(start);
            }
            _ => {}
        }
        self.prev_blank = blank;
    }

    /// The blocks between the cuts, marked by the sorted `hits` and `sections` that lie in them.
    fn finish(self, hits: &[usize], sections: &[usize]) -> Option<Vec<Block>> {
        let cuts = self.cuts?;
        let mut blocks = Vec::with_capacity(cuts.len() + 1);
        let mut start = 0;
        for end in cuts.into_iter().chain(std::iter::once(self.len)) {
            let within = |offsets: &[usize]| {
                let first = offsets.partition_point(|&at| at < start);
                offsets.get(first).is_some_and(|&at| at < end)
            };
            blocks.push(Block {
                range: start..end,
                interesting: within(hits),
                opens_section: within(sections),
            });
            start = end;
        }
        Some(blocks)
    }
}

/// An open fenced code block at the top level: its fence character and length.
struct Fence {
    marker: u8,
    len: usize,
}

impl Fence {
    /// The fence a line (without its indentation) opens: three or more backticks with no
    /// backtick after them, or three or more tildes.
    fn opened_by(line: &[u8]) -> Option<Fence> {
        let marker = *line.first()?;
        let len = line.iter().take_while(|&&b| b == marker).count();
        let info = line.get(len..).unwrap_or_default();
        (len >= 3 && !(marker == b'`' && info.contains(&b'`'))).then_some(Fence { marker, len })
    }

    /// Whether a line (without its indentation) closes this fence: at least as many of the
    /// same character, then only spaces. (CommonMark allows tabs too; pulldown-cmark does not,
    /// and the split must read as pulldown-cmark does.)
    fn is_closed_by(&self, line: &[u8]) -> bool {
        let len = line.iter().take_while(|&&b| b == self.marker).count();
        len >= self.len
            && line
                .get(len..)
                .unwrap_or_default()
                .iter()
                .all(|b| matches!(b, b' ' | b'\r'))
    }
}

/// Whether text (not whitespace, not the note's start) comes right before byte `i`. A comment
/// (`%%`, `<!--`) is cut out of its unit, which then joins what was around it into a tag or a
/// field key (`#wi%%…%%n`, `win:<!-- … -->:`); a comment mark touching text is a survey hit, so
/// its unit is read.
fn text_before(bytes: &[u8], i: usize) -> bool {
    i.checked_sub(1)
        .and_then(|b| bytes.get(b))
        .is_some_and(|b| !b.is_ascii_whitespace())
}

/// Whether text (not whitespace, not the note's end) starts at byte `i`; see [`text_before`].
fn text_after(bytes: &[u8], i: usize) -> bool {
    bytes.get(i).is_some_and(|b| !b.is_ascii_whitespace())
}

/// Bytes most notes lack that change how a note is surveyed, found in one pass.
pub(super) struct RareBytes {
    /// A tab: a tab-indented nested list may join text across its cut.
    pub(super) tabs: bool,
    /// A `\r` not followed by `\n` (old Mac line endings) ends a line.
    pub(super) lone_cr: bool,
    /// Where each `<!--` starts.
    comment_opens: Vec<usize>,
}

impl RareBytes {
    pub(super) fn find(bytes: &[u8]) -> RareBytes {
        let mut rare = RareBytes {
            tabs: false,
            lone_cr: false,
            comment_opens: Vec::new(),
        };
        for i in memchr::memchr3_iter(b'\t', b'\r', b'<', bytes) {
            match bytes.get(i) {
                Some(b'\t') => rare.tabs = true,
                Some(b'\r') => rare.lone_cr |= bytes.get(i + 1) != Some(&b'\n'),
                _ => {
                    if bytes.get(i..i + comments::HTML_OPEN.len())
                        == Some(comments::HTML_OPEN.as_bytes())
                    {
                        rare.comment_opens.push(i);
                    }
                }
            }
        }
        rare
    }
}
