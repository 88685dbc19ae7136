//! Pure note parsing: markdown text in, win entries out (pulldown-cmark events only).
//!
//! The note is read once with pulldown-cmark. Every list item and every paragraph outside a list is
//! a *unit*; when a unit closes, its own source (minus nested lists and comments) is copied into a
//! scratch string, tags and fields are found in it while code, HTML and links stay opaque, and the
//! unit becomes at most one entry (paragraphs may yield one entry per `win::` line).

use std::cell::Cell;
use std::ops::Range;

use chrono::NaiveDate;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use yaml_rust2::parser::{Event as YamlEvent, Parser as YamlParser};

use crate::model::{Diagnostic, Entry, ParsedNote, Severity, WinKind, WinRules};

/// Front matter larger than this is skipped, so a runaway block cannot cost much.
const FRONT_MATTER_LIMIT: usize = 64 * 1024;

/// Room for spaces around a field key before its `::`.
const KEY_SLACK: usize = 16;

/// Longest `#[[…]]` tag name looked for.
const MAX_BRACKET_TAG: usize = 256;

/// Message of the warning for a win tag written inside code.
const CODE_TAG_WARNING: &str = "win tag inside code is not counted; move it out of the code span";

/// The win rules of a vault, prepared once so that parsing many notes stays cheap.
#[derive(Debug, Clone)]
pub struct WinMatcher {
    tags: Vec<String>,
    sections: Vec<String>,
    fields: Vec<String>,
    longest_field: usize,
    rest_tag: Option<String>,
    allow_empty: bool,
    /// The longest word of each section name, lowercased, with `σ` for `ς`: a heading that
    /// names the section holds it.
    section_words: Vec<String>,
}

impl WinMatcher {
    /// Prepares the rules: lowercased tags and field keys, normalised section names.
    pub fn new(rules: &WinRules) -> WinMatcher {
        let clean_tag = |t: &String| t.trim().trim_start_matches('#').trim().to_lowercase();
        let tags: Vec<String> = rules
            .tags
            .iter()
            .map(clean_tag)
            .filter(|t| !t.is_empty())
            .collect();
        let sections: Vec<String> = rules
            .sections
            .iter()
            .map(|s| normalize_heading(s))
            .filter(|s| !s.is_empty())
            .collect();
        let fields: Vec<String> = rules
            .fields
            .iter()
            .map(|f| f.trim().to_lowercase())
            .filter(|f| !f.is_empty())
            .collect();
        let rest_tag = Some(clean_tag(&rules.rest_tag)).filter(|t| !t.is_empty());
        let section_words = sections
            .iter()
            .filter_map(|s| s.split(' ').max_by_key(|w| w.len()))
            .map(|w| w.replace('ς', "σ"))
            .collect();
        WinMatcher {
            longest_field: fields.iter().map(String::len).max().unwrap_or(0),
            tags,
            sections,
            fields,
            rest_tag,
            allow_empty: rules.allow_empty,
            section_words,
        }
    }

    /// Finds the win entries, rest tag, front matter date and problems of one note's text.
    pub fn parse(&self, text: &str) -> ParsedNote {
        self.parse_surveyed(text, true)
    }

    /// `parse`, reading only what the survey marks (`surveyed`) or every unit of the whole
    /// markdown; both give the same note, which the tests check.
    fn parse_surveyed(&self, text: &str, surveyed: bool) -> ParsedNote {
        // The BOM is not a line, so stripping it keeps every line number right.
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        let lines = Lines::new(body);
        let mut note = ParsedNote::default();
        let mut md_start = 0;
        if let Some(fm) = find_front_matter(body) {
            md_start = fm.end;
            self.read_front_matter(body, &fm, &lines, &mut note);
        }
        let md = body.get(md_start..).unwrap_or("");
        let rare = RareBytes::find(md.as_bytes());
        // pulldown-cmark also ends a line at a lone `\r`, where the survey's lines run on.
        let survey = (surveyed && !rare.lone_cr).then(|| self.survey(md, &rare));
        if survey.as_ref().is_none_or(|s| !s.hits.is_empty()) {
            let comments = if survey.as_ref().is_none_or(|s| s.comments) {
                obsidian_comments(md)
            } else {
                Vec::new()
            };
            let (blocks, hits) = survey.map_or((None, None), |s| (s.blocks, Some(s.hits)));
            Walker::new(
                self,
                md,
                md_start,
                &lines,
                comments,
                hits.as_deref(),
                &mut note,
            )
            .run(blocks);
        }
        note.entries.sort_by_key(|e| e.line);
        note.empty_entries.sort_unstable();
        note.empty_entries.dedup();
        note
    }

    /// Where in `md` a win or rest tag, a win field or a wins section heading may be, and how
    /// `md` splits into blocks that parse alone. A note without such a place holds no win, and a
    /// block without one yields nothing unless a wins section is open.
    fn survey(&self, md: &str, rare: &RareBytes) -> Survey {
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
                memchr::memmem::find_iter(bytes, b"-->").filter(|&i| text_after(bytes, i + 3)),
            );
        }
        let mut lines = LineSurvey::new(md.len(), !comments && !reference_definitions);
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
        let Some((_, name)) = tag_source(md, i) else {
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
        let len = tag_name_len(rest);
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
        if head.ends_with("%%") || head.ends_with("-->") {
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
        let mut buffer = [0; HEADING_BUFFER];
        if let Some(joined) = ascii_letters_and_digits(text, &mut buffer) {
            return self.section_words.iter().any(|word| {
                joined
                    .windows(word.len())
                    .any(|window| window == word.as_bytes())
            });
        }
        // A final sigma lowercases by what follows it, which spaces and markup change.
        let text: String = normalize_heading(&String::from_utf8_lossy(text))
            .chars()
            .filter(|&c| c != ' ')
            .map(|c| if c == 'ς' { 'σ' } else { c })
            .collect();
        self.section_words
            .iter()
            .any(|word| text.contains(word.as_str()))
    }

    fn is_win_tag(&self, name: &str) -> bool {
        self.tags.iter().any(|t| tag_matches(name, t))
    }

    fn is_rest_tag(&self, name: &str) -> bool {
        self.rest_tag
            .as_deref()
            .is_some_and(|t| tag_matches(name, t))
    }

    fn is_field_key(&self, key: &str) -> bool {
        let key = key.trim().to_lowercase();
        self.fields.contains(&key)
    }

    fn is_section(&self, heading: &str) -> bool {
        let mut buffer = [0; HEADING_BUFFER];
        if let Some(normalized) = normalize_ascii_heading(heading.as_bytes(), &mut buffer) {
            return self
                .sections
                .iter()
                .any(|section| section.as_bytes() == normalized);
        }
        let h = normalize_heading(heading);
        self.sections.contains(&h)
    }
}

/// `#win/work` carries the win tag `win`; `#winter` does not.
fn tag_matches(name: &str, tag: &str) -> bool {
    match name.strip_prefix(tag) {
        Some(rest) => rest.is_empty() || rest.starts_with('/'),
        None => false,
    }
}

/// Heading text with emoji and punctuation dropped, whitespace collapsed, lowercased: how Wins
/// section headings are compared (also by `add`, which must find the same section).
pub fn normalize_heading(s: &str) -> String {
    // One pass and one allocation: every heading of every note comes through here.
    let mut kept = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            pending_space = true;
        } else if c.is_alphanumeric() {
            if pending_space && !kept.is_empty() {
                kept.push(' ');
            }
            pending_space = false;
            kept.push(c);
        }
    }
    if kept.is_ascii() {
        kept.make_ascii_lowercase();
        kept
    } else {
        kept.to_lowercase()
    }
}

/// Headings up to this long are normalised on the stack.
const HEADING_BUFFER: usize = 256;

/// `normalize_heading` of ASCII text, written into `buffer` rather than a new string: every
/// heading of every note is normalised. `None` when the text is not ASCII or does not fit.
fn normalize_ascii_heading<'b>(text: &[u8], buffer: &'b mut [u8]) -> Option<&'b [u8]> {
    if !text.is_ascii() {
        return None;
    }
    let mut len = 0;
    let mut pending_space = false;
    for &b in text {
        // The ASCII characters `char::is_whitespace` accepts.
        if matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r') {
            pending_space = true;
        } else if b.is_ascii_alphanumeric() {
            if pending_space && len > 0 {
                *buffer.get_mut(len)? = b' ';
                len += 1;
            }
            pending_space = false;
            *buffer.get_mut(len)? = b.to_ascii_lowercase();
            len += 1;
        }
    }
    buffer.get(..len)
}

/// The ASCII letters and digits of ASCII `text`, lowercased, written into `buffer`: `None` when
/// the text is not ASCII or they do not fit.
fn ascii_letters_and_digits<'b>(text: &[u8], buffer: &'b mut [u8]) -> Option<&'b [u8]> {
    if !text.is_ascii() {
        return None;
    }
    let mut len = 0;
    for &b in text.iter().filter(|b| b.is_ascii_alphanumeric()) {
        *buffer.get_mut(len)? = b.to_ascii_lowercase();
        len += 1;
    }
    buffer.get(..len)
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

/// Where the front matter is: its YAML text (when closed and small enough) and where markdown resumes.
struct FrontMatter {
    yaml: Range<usize>,
    end: usize,
    closed: bool,
}

/// A `---` first line opens front matter, a `---` (or `...`) line closes it, as in Obsidian.
fn find_front_matter(body: &str) -> Option<FrontMatter> {
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

/// Which top-level front matter key a value belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum FmKey {
    Date,
    Tags,
    Other,
}

impl WinMatcher {
    fn read_front_matter(
        &self,
        body: &str,
        fm: &FrontMatter,
        lines: &Lines<'_>,
        note: &mut ParsedNote,
    ) {
        if !fm.closed {
            note.diagnostics.push(Diagnostic::at(
                1,
                None,
                Severity::Error,
                "front matter is not closed: add a line with `---`",
            ));
            return;
        }
        if fm.yaml.len() > FRONT_MATTER_LIMIT {
            note.diagnostics.push(Diagnostic::at(
                1,
                None,
                Severity::Warning,
                "front matter is larger than 64 KiB; its date and tags were not read",
            ));
            return;
        }
        let yaml = body.get(fm.yaml.clone()).unwrap_or("");
        let first_line = lines.line_of(fm.yaml.start);
        match read_yaml(yaml) {
            Ok(found) => {
                if let Some((value, line)) = found.date {
                    match parse_front_matter_date(&value) {
                        Ok(date) => note.front_matter_date = date,
                        Err(()) => note.diagnostics.push(Diagnostic::at(
                            first_line + line.saturating_sub(1),
                            None,
                            Severity::Warning,
                            format!("front matter date `{value}` is not a valid date (expected YYYY-MM-DD)"),
                        )),
                    }
                }
                if found.tags.iter().any(|t| self.is_rest_tag(t)) {
                    note.rest = true;
                }
            }
            Err(e) => {
                let mark = e.marker();
                note.diagnostics.push(Diagnostic::at(
                    first_line + mark.line().saturating_sub(1),
                    Some(mark.col() + 1),
                    Severity::Error,
                    format!("front matter is not valid YAML: {}", e.info()),
                ));
            }
        }
    }
}

/// What the front matter says about the note: `date` (value, 1-based YAML line) and `tags`.
#[derive(Default, Debug, PartialEq)]
struct FrontMatterFacts {
    date: Option<(String, usize)>,
    tags: Vec<String>,
}

impl FrontMatterFacts {
    /// Records the scalar value of a top-level key found on YAML line `line`.
    fn take_value(&mut self, key: FmKey, value: &str, line: usize) {
        match key {
            FmKey::Date if !value.trim().is_empty() => {
                self.date = Some((value.trim().to_owned(), line));
            }
            FmKey::Tags => push_front_matter_tags(value, &mut self.tags),
            _ => {}
        }
    }
}

/// Which of the keys we read a top-level key names.
fn front_matter_key(name: &str) -> FmKey {
    match name.trim().to_lowercase().as_str() {
        "date" => FmKey::Date,
        "tags" | "tag" => FmKey::Tags,
        _ => FmKey::Other,
    }
}

/// Reads `date` and `tags`, by hand when the YAML is plainly simple (nearly every daily note) and
/// with yaml-rust2 otherwise.
fn read_yaml(yaml: &str) -> Result<FrontMatterFacts, yaml_rust2::ScanError> {
    read_simple_yaml(yaml).map_or_else(|| read_yaml_events(yaml), Ok)
}

/// Reads YAML made only of `key: plain value`, `key:`, `key: [a, b]` and `key:` followed by
/// `- item` lines, exactly as [`read_yaml_events`] would; `None` for anything else, since
/// declining costs only time while a wrong answer would be silent.
fn read_simple_yaml(yaml: &str) -> Option<FrontMatterFacts> {
    // Tabs, CRs and NULs change how YAML splits and indents; YAML allows a BOM only at the start.
    if yaml.bytes().any(|b| b.is_ascii_control() && b != b'\n') || yaml.contains('\u{feff}') {
        return None;
    }
    let mut facts = FrontMatterFacts::default();
    // After a `key:` line with nothing after it: that key, and the indentation of its block
    // sequence once the first item shows it.
    let mut list: Option<(FmKey, Option<usize>)> = None;
    for (n, line) in yaml.split('\n').enumerate() {
        let line = line.trim_end_matches(' ');
        let text = line.trim_start_matches(' ');
        let indent = line.len() - text.len();
        if text.is_empty() {
            continue;
        }
        if let Some((key, items)) = &mut list {
            let item = text.strip_prefix('-');
            if let Some(item) = item.filter(|i| i.is_empty() || i.starts_with(' ')) {
                if *items.get_or_insert(indent) != indent {
                    return None;
                }
                let item = plain_value(item.trim_start_matches(' '))?;
                if *key == FmKey::Tags {
                    push_front_matter_tags(item, &mut facts.tags);
                }
                continue;
            }
        }
        // A more indented line would continue a plain scalar or open a nested collection.
        if indent > 0 {
            return None;
        }
        let (name, value) = text.split_once(':')?;
        // The length stays far below yaml-rust2's 1024-character limit on keys.
        let simple_name = name.len() <= 64
            && name.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if !simple_name || !(value.is_empty() || value.starts_with(' ')) {
            return None;
        }
        let key = front_matter_key(name);
        let value = value.trim_start_matches(' ');
        list = None;
        if value.is_empty() {
            list = Some((key, None));
        } else if let Some(inner) = value.strip_prefix('[') {
            let inner = inner.strip_suffix(']')?;
            if inner.trim_matches(' ').is_empty() {
                continue;
            }
            for item in inner.split(',') {
                let item = item.trim_matches(' ');
                // One word per item: yaml-rust2 rejects a later word `-` right before `,` or `]`.
                let word = item.starts_with(|c: char| c.is_alphanumeric() || c == '_')
                    && item
                        .chars()
                        .all(|c| c.is_alphanumeric() || "_-/.".contains(c));
                if !word {
                    return None;
                }
                if key == FmKey::Tags {
                    push_front_matter_tags(item, &mut facts.tags);
                }
            }
        } else {
            facts.take_value(key, plain_value(value)?, n + 1);
        }
    }
    Some(facts)
}

/// A block-context plain scalar that is just its text (the line is already trimmed): `None` when
/// it would start another token, hold a comment or a `key: value`, or end in a mapping colon.
fn plain_value(value: &str) -> Option<&str> {
    let plain = !value.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c))
        && !value.contains(": ")
        && !value.contains(" #")
        && !value.ends_with(':');
    plain.then_some(value)
}

/// Reads `date` and `tags` from YAML events; aliases are never expanded, so alias bombs cost nothing.
fn read_yaml_events(yaml: &str) -> Result<FrontMatterFacts, yaml_rust2::ScanError> {
    let mut facts = FrontMatterFacts::default();
    let mut parser = YamlParser::new_from_str(yaml);
    let mut depth = 0usize;
    let mut top_is_map = false;
    let mut expect_key = true;
    let mut key = FmKey::Other;
    loop {
        let (event, mark) = parser.next_token()?;
        match event {
            YamlEvent::StreamEnd => break,
            YamlEvent::MappingStart(..) | YamlEvent::SequenceStart(..) => {
                if depth == 0 {
                    top_is_map = matches!(event, YamlEvent::MappingStart(..));
                }
                depth += 1;
            }
            YamlEvent::MappingEnd | YamlEvent::SequenceEnd => {
                depth = depth.saturating_sub(1);
                if depth == 1 && top_is_map {
                    // A whole collection was one key or one value of the top mapping.
                    if !expect_key {
                        key = FmKey::Other;
                    }
                    expect_key = !expect_key;
                }
            }
            YamlEvent::Scalar(value, ..) => {
                if depth == 1 && top_is_map {
                    if expect_key {
                        key = front_matter_key(&value);
                    } else {
                        facts.take_value(key, &value, mark.line());
                        key = FmKey::Other;
                    }
                    expect_key = !expect_key;
                } else if depth == 2 && key == FmKey::Tags && !expect_key {
                    push_front_matter_tags(&value, &mut facts.tags);
                }
            }
            YamlEvent::Alias(_) if depth == 1 && top_is_map => {
                if !expect_key {
                    key = FmKey::Other;
                }
                expect_key = !expect_key;
            }
            _ => {}
        }
    }
    Ok(facts)
}

/// Tags may be written `[a, b]`, `a, b`, `a b` or `#a`.
fn push_front_matter_tags(value: &str, out: &mut Vec<String>) {
    out.extend(
        value
            .split(|c: char| c == ',' || c.is_whitespace())
            .map(|t| t.trim_start_matches('#').to_lowercase())
            .filter(|t| !t.is_empty()),
    );
}

/// `YYYY-MM-DD`, strictly, optionally followed by a YAML time (`T09:00` or ` 09:00`).
fn parse_front_matter_date(value: &str) -> Result<Option<NaiveDate>, ()> {
    let v = value.trim();
    let ymd = match v.get(..10) {
        Some(ymd) if v.len() == 10 => ymd,
        Some(ymd) => {
            let mut tail = v.get(10..).unwrap_or("").chars();
            let sep = tail.next();
            let digit = tail.next();
            if matches!(sep, Some('T' | 't' | ' ')) && digit.is_some_and(|c| c.is_ascii_digit()) {
                ymd
            } else {
                return Err(());
            }
        }
        None => return Err(()),
    };
    let b = ymd.as_bytes();
    let shape_ok = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !shape_ok {
        return Err(());
    }
    NaiveDate::parse_from_str(ymd, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| ())
}

/// The markdown options every parse uses (metadata blocks are cut off before parsing).
fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_WIKILINKS
}

/// Obsidian `%% … %%` comment ranges; `%%` inside code does not count, an unclosed one runs to the end.
fn obsidian_comments(md: &str) -> Vec<Range<usize>> {
    let mut code = Vec::new();
    for (event, range) in Parser::new_ext(md, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) | Event::Code(_) => push_disjoint(&mut code, range),
            _ => {}
        }
    }
    let mut comments = Vec::new();
    let mut open: Option<usize> = None;
    let mut from = 0;
    while let Some(i) = md.get(from..).and_then(|s| s.find("%%")).map(|i| from + i) {
        from = i + 2;
        if in_ranges(&code, i) {
            continue;
        }
        match open.take() {
            None => open = Some(i),
            Some(start) => comments.push(start..i + 2),
        }
    }
    if let Some(start) = open {
        comments.push(start..md.len());
    }
    comments
}

/// What `WinMatcher::survey` found: where wins may be, and the note's independent blocks.
struct Survey {
    /// Sorted offsets of possible win tags, fields and section headings, and of comment marks
    /// that may join text into one.
    hits: Vec<usize>,
    /// `None` when the note must be read whole.
    blocks: Option<Vec<Block>>,
    /// Whether `%%` occurs, which may open an Obsidian comment.
    comments: bool,
}

/// A stretch of a note that pulldown-cmark reads the same alone as within the whole note.
struct Block {
    range: Range<usize>,
    /// Whether a survey hit lies in it.
    interesting: bool,
    /// Whether a heading in it may name a wins section.
    opens_section: bool,
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
struct RareBytes {
    /// A tab: a tab-indented nested list may join text across its cut.
    tabs: bool,
    /// A `\r` not followed by `\n` (old Mac line endings) ends a line.
    lone_cr: bool,
    /// Where each `<!--` starts.
    comment_opens: Vec<usize>,
}

impl RareBytes {
    fn find(bytes: &[u8]) -> RareBytes {
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
                    if bytes.get(i + 1..i + 4) == Some(b"!--") {
                        rare.comment_opens.push(i);
                    }
                }
            }
        }
        rare
    }
}

/// Appends a range unless it lies inside the last one (ranges arrive in document order).
fn push_disjoint(ranges: &mut Vec<Range<usize>>, r: Range<usize>) {
    if ranges
        .last()
        .is_some_and(|last| last.end >= r.end && last.start <= r.start)
    {
        return;
    }
    ranges.push(r);
}

/// Whether `pos` falls in one of the sorted, disjoint `ranges`.
fn in_ranges(ranges: &[Range<usize>], pos: usize) -> bool {
    let i = ranges.partition_point(|r| r.end <= pos);
    ranges.get(i).is_some_and(|r| r.start <= pos)
}

/// A list item or a paragraph outside lists, while its events are being read.
struct Unit {
    is_item: bool,
    range: Range<usize>,
    /// Parts left out of the text: nested lists, the task box, HTML comments.
    hidden: Vec<Range<usize>>,
    /// Parts kept in the text but never searched for tags or fields: code, HTML, links.
    opaque: Vec<Range<usize>>,
    task: Option<bool>,
    top_level: bool,
    in_section: bool,
    quote_depth: usize,
}

/// One pass over the markdown events of a note.
struct Walker<'a> {
    m: &'a WinMatcher,
    md: &'a str,
    base: usize,
    lines: &'a Lines<'a>,
    note: &'a mut ParsedNote,
    comments: Vec<Range<usize>>,
    /// The survey's sorted hits: a unit without one holds no tagged or field win. `None` reads
    /// every unit.
    hits: Option<&'a [usize]>,
    stack: Vec<Unit>,
    item_depth: usize,
    quote_depth: usize,
    code_block_depth: usize,
    link_depth: usize,
    html_block: bool,
    heading: Option<(usize, usize, String)>,
    section: Option<usize>,
}

impl<'a> Walker<'a> {
    fn new(
        m: &'a WinMatcher,
        md: &'a str,
        base: usize,
        lines: &'a Lines<'a>,
        comments: Vec<Range<usize>>,
        hits: Option<&'a [usize]>,
        note: &'a mut ParsedNote,
    ) -> Self {
        Walker {
            m,
            md,
            base,
            lines,
            note,
            comments,
            hits,
            stack: Vec::new(),
            item_depth: 0,
            quote_depth: 0,
            code_block_depth: 0,
            link_depth: 0,
            html_block: false,
            heading: None,
            section: None,
        }
    }

    fn line_of(&self, offset: usize) -> usize {
        self.lines.line_of(self.base + offset)
    }

    fn has_hit(&self, range: &Range<usize>) -> bool {
        let Some(hits) = self.hits else {
            return true;
        };
        let first = hits.partition_point(|&hit| hit < range.start);
        hits.get(first).is_some_and(|&hit| hit < range.end)
    }

    /// Skips the whitespace a range may start with: pulldown-cmark starts a tab-indented nested
    /// item at the end of the previous line, which would put the win one line too early.
    fn first_visible(&self, offset: usize) -> usize {
        let rest = self.md.as_bytes().get(offset..).unwrap_or_default();
        offset + rest.iter().take_while(|b| b.is_ascii_whitespace()).count()
    }

    fn run(mut self, blocks: Option<Vec<Block>>) {
        let Some(blocks) = blocks else {
            self.parse_range(0..self.md.len());
            return;
        };
        // Parse only where something can happen: blocks with a survey hit, and a block without
        // one while a wins section is open, as its items are wins. Each parse costs a parser, so
        // neighbours go in one: the next hit, and, after a heading that may open a section, every
        // block up to the next heading, which may close it. Whether a section is open is checked
        // again after each parse.
        let starts_heading =
            |block: &Block| self.md.as_bytes().get(block.range.start) == Some(&b'#');
        let mut i = 0;
        while let Some(block) = blocks.get(i) {
            i += 1;
            let section_is_open = self.section.is_some();
            if !block.interesting && !section_is_open {
                continue;
            }
            let mut section_may_be_open =
                block.opens_section || (section_is_open && !starts_heading(block));
            let start = block.range.start;
            let mut end = block.range.end;
            while let Some(next) = blocks.get(i) {
                if !next.interesting && !section_may_be_open {
                    break;
                }
                section_may_be_open =
                    next.opens_section || (section_may_be_open && !starts_heading(next));
                end = next.range.end;
                i += 1;
            }
            self.parse_range(start..end);
        }
    }

    /// Feeds the events of `md[range]` to the walker; `range` must start a block at top level.
    fn parse_range(&mut self, range: Range<usize>) {
        let md = self.md;
        let Some(text) = md.get(range.clone()) else {
            return;
        };
        let shift = range.start;
        for (event, r) in Parser::new_ext(text, markdown_options()).into_offset_iter() {
            self.event(event, r.start + shift..r.end + shift);
        }
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text, range),
            Event::Code(text) => {
                self.opaque(range.clone());
                self.code_text(&text, range.start);
                if let Some((_, _, h)) = &mut self.heading {
                    h.push_str(&text);
                }
            }
            Event::InlineHtml(text) => {
                if text.trim_start().starts_with("<!--") {
                    self.hidden(range);
                } else {
                    self.opaque(range);
                }
            }
            Event::TaskListMarker(checked) => {
                if let Some(unit) = self.stack.last_mut().filter(|u| u.is_item) {
                    unit.task = Some(checked);
                    unit.hidden.push(range);
                }
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Item => {
                let unit = self.unit(true, range);
                self.stack.push(unit);
                self.item_depth += 1;
            }
            Tag::Paragraph if self.item_depth == 0 => {
                let unit = self.unit(false, range);
                self.stack.push(unit);
            }
            Tag::List(_) => {
                // A nested list's items are entries of their own, never part of the parent's text.
                if let Some(unit) = self.stack.last_mut().filter(|u| u.is_item) {
                    unit.hidden.push(range);
                }
            }
            Tag::BlockQuote(_) => self.quote_depth += 1,
            Tag::Heading { level, .. } => {
                let text = String::with_capacity(range.len());
                self.heading = Some((level as usize, range.start, text));
            }
            Tag::CodeBlock(_) => {
                self.code_block_depth += 1;
                self.opaque(range);
            }
            Tag::HtmlBlock => {
                self.html_block = true;
                let is_comment = self
                    .md
                    .get(range.clone())
                    .is_some_and(|s| s.trim_start().starts_with("<!--"));
                if is_comment {
                    self.hidden(range);
                } else {
                    self.opaque(range);
                }
            }
            Tag::Link { .. } | Tag::Image { .. } => {
                self.link_depth += 1;
                self.opaque(range);
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Item => {
                self.item_depth = self.item_depth.saturating_sub(1);
                if let Some(unit) = self.stack.pop() {
                    self.finish(unit);
                }
            }
            TagEnd::Paragraph if self.item_depth == 0 => {
                if let Some(unit) = self.stack.pop() {
                    self.finish(unit);
                }
            }
            TagEnd::BlockQuote(_) => self.quote_depth = self.quote_depth.saturating_sub(1),
            TagEnd::Heading(_) => self.end_heading(),
            TagEnd::CodeBlock => self.code_block_depth = self.code_block_depth.saturating_sub(1),
            TagEnd::HtmlBlock => self.html_block = false,
            TagEnd::Link | TagEnd::Image => self.link_depth = self.link_depth.saturating_sub(1),
            _ => {}
        }
    }

    fn unit(&self, is_item: bool, range: Range<usize>) -> Unit {
        Unit {
            is_item,
            range,
            hidden: Vec::new(),
            opaque: Vec::new(),
            task: None,
            top_level: self.item_depth == 0,
            in_section: self.section.is_some(),
            quote_depth: self.quote_depth,
        }
    }

    fn opaque(&mut self, range: Range<usize>) {
        if let Some(unit) = self.stack.last_mut() {
            push_disjoint(&mut unit.opaque, range);
        }
    }

    fn hidden(&mut self, range: Range<usize>) {
        if let Some(unit) = self.stack.last_mut() {
            unit.hidden.push(range);
        }
    }

    fn text(&mut self, text: &str, range: Range<usize>) {
        if self.code_block_depth > 0 {
            self.code_text(text, range.start);
            return;
        }
        if let Some((_, _, h)) = &mut self.heading {
            h.push_str(text);
        }
        // Units are scanned as a whole when they close; only stray text (headings, tables) is left.
        if self.stack.is_empty()
            && self.link_depth == 0
            && !self.note.rest
            && !in_ranges(&self.comments, range.start)
        {
            let mut found = Vec::new();
            scan_tags(text, &[], &mut found);
            if found.iter().any(|t| self.m.is_rest_tag(&t.name)) {
                self.note.rest = true;
            }
        }
    }

    fn code_text(&mut self, text: &str, start: usize) {
        if !text.contains('#') || in_ranges(&self.comments, start) {
            return;
        }
        let mut found = Vec::new();
        scan_tags(text, &[], &mut found);
        let Some(tag) = found.iter().find(|t| self.m.is_win_tag(&t.name)) else {
            return;
        };
        let line = self.line_of(start + tag.range.start.min(text.len()));
        let seen = self
            .note
            .lints
            .last()
            .is_some_and(|d| d.line == Some(line) && d.message == CODE_TAG_WARNING);
        if !seen {
            self.note.lints.push(Diagnostic::at(
                line,
                None,
                Severity::Warning,
                CODE_TAG_WARNING,
            ));
        }
    }

    fn end_heading(&mut self) {
        let Some((level, start, text)) = self.heading.take() else {
            return;
        };
        if in_ranges(&self.comments, start) {
            return;
        }
        if self.section.is_some_and(|s| level <= s) {
            self.section = None;
        }
        if self.section.is_none() && self.m.is_section(&text) {
            self.section = Some(level);
        }
    }

    fn finish(&mut self, mut unit: Unit) {
        let section_item =
            unit.is_item && unit.top_level && unit.in_section && unit.task != Some(false);
        // Most units hold no win tag and no field; skipping them early keeps big vaults fast.
        if !section_item && !self.has_hit(&unit.range) {
            return;
        }
        let view = UnitText::build(self.md, &mut unit, &self.comments);
        if !section_item
            && memchr::memchr(b'#', view.out.as_bytes()).is_none()
            && find_colons(view.out.as_bytes()).is_none()
        {
            return;
        }
        let prep = view.prepare(self.m, unit.is_item);
        if prep.rest {
            self.note.rest = true;
        }
        let line = self.line_of(self.first_visible(unit.range.start));
        let whole = || view.clean(prep.content.clone(), &prep.deletions, unit.quote_depth);
        if prep.tagged {
            let text = whole();
            self.push(WinKind::Tag, prep.time, text, prep.tags, line);
            return;
        }
        if section_item {
            let text = whole();
            // An empty bullet under a Wins heading is a blank line of the template, not an empty win.
            if !text.is_empty() {
                self.push(WinKind::Section, prep.time, text, prep.tags, line);
                return;
            }
        }
        // Field entries need a `::`; without one the rest is a search that cannot succeed.
        if find_colons(view.out.as_bytes()).is_none() {
            return;
        }
        if unit.is_item {
            let field = view.field_text(
                self.m,
                prep.content.clone(),
                &prep.deletions,
                unit.quote_depth,
            );
            if let Some(text) = field {
                self.push(WinKind::Field, prep.time, text, prep.tags, line);
            }
            return;
        }
        // In a paragraph every line holding a win field is its own entry.
        for (i, line_range) in view.lines(prep.content.clone()).into_iter().enumerate() {
            let mut body = line_range;
            let mut time = prep.time.clone().filter(|_| i == 0);
            if i > 0 {
                body.start = skip_quote_prefix(&view.out, body.start);
                if let Some((t, end)) = parse_time(&view.out, body.start) {
                    body.start = end;
                    time = Some(t);
                }
            }
            let field = view.field_text(self.m, body.clone(), &prep.deletions, unit.quote_depth);
            if let Some(text) = field {
                let line = self.line_of(view.to_src(body.start));
                self.push(WinKind::Field, time, text, prep.tags.clone(), line);
            }
        }
    }

    fn push(
        &mut self,
        kind: WinKind,
        time: Option<String>,
        text: String,
        tags: Vec<String>,
        line: usize,
    ) {
        if text.is_empty() && !self.m.allow_empty {
            self.note.empty_entries.push(line);
            return;
        }
        self.note.entries.push(Entry {
            time,
            text,
            tags,
            line,
            kind,
        });
    }
}

/// A tag found in text: where it is (including `#`) and its lowercased name.
struct FoundTag {
    range: Range<usize>,
    name: String,
}

/// Finds Obsidian and Logseq tags in `s`, skipping the sorted, disjoint `opaque` ranges.
fn scan_tags(s: &str, opaque: &[Range<usize>], out: &mut Vec<FoundTag>) {
    let mut next_opaque = 0;
    for (i, _) in s.match_indices('#') {
        while opaque.get(next_opaque).is_some_and(|r| r.end <= i) {
            next_opaque += 1;
        }
        if opaque.get(next_opaque).is_some_and(|r| r.start <= i) || !tag_may_start(s, i) {
            continue;
        }
        if let Some(tag) = read_tag(s, i) {
            out.push(tag);
        }
    }
}

/// A tag starts at line start or after whitespace; emphasis markers in between (`**#win**`) are fine.
fn tag_may_start(s: &str, i: usize) -> bool {
    let before = s.get(..i).unwrap_or("");
    let before = before.trim_end_matches(['*', '_', '~', '=']);
    before.chars().next_back().is_none_or(char::is_whitespace)
}

/// Reads the tag whose `#` is at byte `i`.
fn read_tag(s: &str, i: usize) -> Option<FoundTag> {
    let (range, name) = tag_source(s, i)?;
    Some(FoundTag {
        range,
        name: name.to_lowercase(),
    })
}

/// Where the tag whose `#` is at byte `i` lies, and its name as written.
fn tag_source(s: &str, i: usize) -> Option<(Range<usize>, &str)> {
    let rest = s.get(i + 1..)?;
    if let Some(inner) = rest.strip_prefix("[[") {
        // Tag names are short; a bounded search keeps many unclosed `#[[` linear.
        let line = prefix(inner, MAX_BRACKET_TAG)
            .split('\n')
            .next()
            .unwrap_or("");
        let close = line.find("]]")?;
        let name = line.get(..close)?.trim();
        if name.is_empty() || name.contains('[') {
            return None;
        }
        return Some((i..i + 3 + close + 2, name));
    }
    let len = tag_name_len(rest);
    let name = rest.get(..len)?.trim_end_matches('/');
    if name.is_empty() || name.chars().all(|c| c.is_ascii_digit() || c == '/') {
        return None;
    }
    // The range keeps a trailing `/`, so removing a win tag leaves no stray slash.
    Some((i..i + 1 + len, name))
}

/// How many bytes of `rest` (what follows a `#`) a tag name takes.
fn tag_name_len(rest: &str) -> usize {
    rest.chars()
        .take_while(|c| is_tag_char(*c))
        .map(char::len_utf8)
        .sum()
}

/// Letters and digits of any script, `_ - /`, and emoji; not whitespace or punctuation.
fn is_tag_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '/');
    }
    c.is_alphanumeric() || !(c.is_whitespace() || c.is_control() || is_unicode_punctuation(c))
}

/// Common non-ASCII punctuation that ends a tag (emoji in these blocks are kept).
fn is_unicode_punctuation(c: char) -> bool {
    matches!(c,
        '\u{a0}'..='\u{a8}' | '\u{aa}'..='\u{ad}' | '\u{af}'..='\u{bf}' | '\u{d7}' | '\u{f7}'
        | '\u{2000}'..='\u{200c}' | '\u{200e}'..='\u{203b}' | '\u{203d}'..='\u{2048}'
        | '\u{204a}'..='\u{206f}' | '\u{3000}'..='\u{303f}' | '\u{fe10}'..='\u{fe1f}'
        | '\u{fe30}'..='\u{fe4f}' | '\u{ff01}'..='\u{ff0f}' | '\u{ff1a}'..='\u{ff20}'
        | '\u{ff3b}'..='\u{ff40}' | '\u{ff5b}'..='\u{ff65}' | '\u{feff}')
}

/// A leading time at byte `p`: `14:32`, `9:05`, `2:32 pm`; returns `HH:MM` and where the text resumes.
fn parse_time(s: &str, p: usize) -> Option<(String, usize)> {
    let rest = s.get(p..)?;
    let b = rest.as_bytes();
    let hour_len = b.iter().take(3).take_while(|c| c.is_ascii_digit()).count();
    if !(1..=2).contains(&hour_len) || b.get(hour_len) != Some(&b':') {
        return None;
    }
    let minutes = b.get(hour_len + 1..hour_len + 3)?;
    if !minutes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut hour: u32 = rest.get(..hour_len)?.parse().ok()?;
    let minute: u32 = rest.get(hour_len + 1..hour_len + 3)?.parse().ok()?;
    let mut end = hour_len + 3;
    let after = rest.get(end..)?;
    let spaced = after.trim_start_matches([' ', '\t']);
    let meridiem = spaced.get(..2).map(str::to_ascii_lowercase);
    let meridiem_ends = spaced
        .get(2..)
        .is_some_and(|t| t.chars().next().is_none_or(|c| !c.is_alphanumeric()));
    match meridiem.as_deref() {
        Some(m @ ("am" | "pm")) if meridiem_ends => {
            if !(1..=12).contains(&hour) {
                return None;
            }
            hour = match (m, hour) {
                ("am", 12) => 0,
                ("pm", h) if h < 12 => h + 12,
                (_, h) => h,
            };
            end += after.len() - spaced.len() + 2;
        }
        _ => {}
    }
    if hour > 23 || minute > 59 {
        return None;
    }
    let tail = rest.get(end..)?;
    if tail.chars().next().is_some_and(|c| !c.is_whitespace()) {
        return None;
    }
    // Drop the separator too: `14:32 - text` and `14:32 text` both leave `text`.
    let trimmed = tail.trim_start();
    let trimmed = match trimmed.strip_prefix(['-', '–', '—']) {
        Some(t) if t.chars().next().is_none_or(char::is_whitespace) => t.trim_start(),
        _ => trimmed,
    };
    Some((
        format!("{hour:02}:{minute:02}"),
        p + rest.len() - trimmed.len(),
    ))
}

/// After the whitespace and `>` markers that start a continuation line in a blockquote.
fn skip_quote_prefix(s: &str, p: usize) -> usize {
    s.get(p..).map_or(p, |rest| {
        p + rest.len() - rest.trim_start_matches([' ', '\t', '>']).len()
    })
}

/// After a list marker (`-`, `*`, `+`, `1.`, `1)`) and the whitespace around it.
fn skip_list_marker(s: &str, p: usize) -> usize {
    let Some(rest) = s.get(p..) else { return p };
    let trimmed = rest.trim_start();
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    let marker_len = match trimmed.as_bytes().get(digits) {
        Some(b'-' | b'*' | b'+') if digits == 0 => 1,
        Some(b'.' | b')') if (1..=9).contains(&digits) => digits + 1,
        _ => 0,
    };
    let after = trimmed.get(marker_len..).unwrap_or("");
    p + rest.len() - after.trim_start().len()
}

/// Where a `key::` Dataview field at `p` has its value, when the key is a win field.
fn leading_field(m: &WinMatcher, s: &str, p: usize) -> Option<usize> {
    let rest = s.get(p..)?;
    // Keys are short, so only a short prefix is searched; long lines stay linear.
    let head = prefix(rest, m.longest_field + KEY_SLACK).as_bytes();
    let line = head.get(..memchr::memchr(b'\n', head).unwrap_or(head.len()))?;
    let colons = find_colons(line)?;
    let key = rest.get(..colons)?;
    if key.trim().is_empty() || key.contains(['[', ']', '(', ')', '`']) || !m.is_field_key(key) {
        return None;
    }
    let value = rest.get(colons + 2..)?;
    Some(p + rest.len() - value.trim_start_matches([' ', '\t']).len())
}

/// Where the first `::` of `bytes` starts; a memchr walk, as building a memmem finder for text
/// this short costs more than the search.
fn find_colons(bytes: &[u8]) -> Option<usize> {
    memchr::memchr_iter(b':', bytes).find(|&i| bytes.get(i + 1) == Some(&b':'))
}

/// An inline `[win:: value]` or `(win:: value)` field, in text coordinates.
struct BracketField {
    open: Range<usize>,
    value: Range<usize>,
    close: usize,
}

/// Finds inline win fields in `range`, skipping opaque parts; brackets nest, a line ends a field.
fn bracket_fields(
    m: &WinMatcher,
    s: &str,
    range: Range<usize>,
    opaque: &[Range<usize>],
) -> Vec<BracketField> {
    let mut found = Vec::new();
    let Some(text) = s.get(range.clone()) else {
        return found;
    };
    // Every field has a `::` after its bracket and on its line; most units have none, and a
    // bracket scan is not free.
    let bytes = s.as_bytes();
    let line_end = bytes
        .get(range.end..)
        .and_then(|tail| memchr::memchr(b'\n', tail))
        .map_or(bytes.len(), |i| range.end + i);
    if find_colons(bytes.get(range.start..line_end).unwrap_or_default()).is_none() {
        return found;
    }
    let mut from = 0;
    while let Some(i) = text
        .get(from..)
        .and_then(|t| t.find(['[', '(']))
        .map(|i| from + i)
    {
        from = i + 1;
        let abs = range.start + i;
        if in_ranges(opaque, abs) {
            continue;
        }
        let (open_c, close_c) = if text.as_bytes().get(i) == Some(&b'[') {
            (b'[', b']')
        } else {
            (b'(', b')')
        };
        let Some(value_start) = leading_field(m, s, abs + 1) else {
            continue;
        };
        let mut depth = 1usize;
        let mut close = None;
        let mut stop = range.end;
        for (j, c) in s
            .as_bytes()
            .iter()
            .enumerate()
            .take(range.end)
            .skip(value_start)
        {
            stop = j + 1;
            match *c {
                b'\n' => break,
                c if c == open_c => depth += 1,
                c if c == close_c => {
                    depth -= 1;
                    if depth == 0 {
                        close = Some(j);
                        break;
                    }
                }
                _ => {}
            }
        }
        if let Some(close) = close {
            found.push(BracketField {
                open: abs..value_start,
                value: value_start..close,
                close,
            });
            from = close + 1 - range.start;
        } else {
            // Nothing on this line closes it; rescanning from every later bracket would be quadratic.
            from = stop.saturating_sub(range.start).max(from);
        }
    }
    found
}

/// At most `max` bytes of `s`, cut back to a char boundary.
fn prefix(s: &str, max: usize) -> &str {
    let mut end = max.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or("")
}

/// What a unit says once its tags, time and field syntax are known.
struct Prepared {
    content: Range<usize>,
    time: Option<String>,
    deletions: Vec<Range<usize>>,
    tags: Vec<String>,
    tagged: bool,
    rest: bool,
}

/// A unit's own source, with hidden parts cut out, and the map back to note offsets.
struct UnitText {
    out: String,
    /// `(text offset, markdown offset)` where each copied piece starts.
    chunks: Vec<(usize, usize)>,
    opaque: Vec<Range<usize>>,
}

impl UnitText {
    fn build(md: &str, unit: &mut Unit, comments: &[Range<usize>]) -> UnitText {
        let range = unit.range.clone();
        let mut hidden = std::mem::take(&mut unit.hidden);
        let first = comments.partition_point(|c| c.end <= range.start);
        hidden.extend(
            comments
                .iter()
                .skip(first)
                .take_while(|c| c.start < range.end)
                .cloned(),
        );
        hidden.sort_by_key(|h| h.start);
        let mut out = String::with_capacity(range.len());
        let mut chunks = Vec::with_capacity(hidden.len() + 1);
        let mut pos = range.start;
        for h in hidden
            .iter()
            .chain(std::iter::once(&(range.end..range.end)))
        {
            let stop = h.start.min(range.end);
            if stop > pos {
                if let Some(piece) = md.get(pos..stop) {
                    chunks.push((out.len(), pos));
                    out.push_str(piece);
                }
            }
            pos = pos.max(h.end);
        }
        let opaque = map_ranges(&unit.opaque, &chunks, out.len());
        UnitText {
            out,
            chunks,
            opaque,
        }
    }

    fn to_src(&self, at: usize) -> usize {
        let i = self.chunks.partition_point(|c| c.0 <= at);
        match i.checked_sub(1).and_then(|i| self.chunks.get(i)) {
            Some((out_start, src_start)) => src_start + (at - out_start),
            None => 0,
        }
    }

    fn prepare(&self, m: &WinMatcher, is_item: bool) -> Prepared {
        let mut found = Vec::new();
        scan_tags(&self.out, &self.opaque, &mut found);
        let mut deletions = Vec::new();
        let mut tags = Vec::new();
        let mut tagged = false;
        let mut rest = false;
        for tag in found {
            rest |= m.is_rest_tag(&tag.name);
            if m.is_win_tag(&tag.name) {
                tagged = true;
                deletions.push(tag.range);
                if m.tags.contains(&tag.name) {
                    continue;
                }
            }
            tags.push(tag.name);
        }
        tags.sort_unstable();
        tags.dedup();
        let mut start = if is_item {
            skip_list_marker(&self.out, 0)
        } else {
            self.out.len() - self.out.trim_start().len()
        };
        let mut time = None;
        if let Some((t, end)) = parse_time(&self.out, start) {
            time = Some(t);
            start = end;
        }
        if let Some(value) = leading_field(m, &self.out, start) {
            deletions.push(start..value);
        }
        let content = start..self.out.len();
        for f in bracket_fields(m, &self.out, content.clone(), &self.opaque) {
            deletions.push(f.open);
            deletions.push(f.close..f.close + 1);
        }
        deletions.sort_by_key(|d| d.start);
        Prepared {
            content,
            time,
            deletions,
            tags,
            tagged,
            rest,
        }
    }

    /// The text of a field entry in `range`: the value after a leading key, or the inline values.
    fn field_text(
        &self,
        m: &WinMatcher,
        range: Range<usize>,
        deletions: &[Range<usize>],
        quote_depth: usize,
    ) -> Option<String> {
        let start = range.start
            + self.out.get(range.clone()).map_or(0, |s| {
                s.len() - s.trim_start_matches([' ', '\t', '>']).len()
            });
        if let Some(value) = leading_field(m, &self.out, start) {
            return Some(self.clean(value..range.end, deletions, quote_depth));
        }
        let fields = bracket_fields(m, &self.out, range, &self.opaque);
        if fields.is_empty() {
            return None;
        }
        let values: Vec<String> = fields
            .into_iter()
            .map(|f| self.clean(f.value, deletions, quote_depth))
            .filter(|v| !v.is_empty())
            .collect();
        Some(values.join("; "))
    }

    /// The line ranges of `range`, each without its line break.
    fn lines(&self, range: Range<usize>) -> Vec<Range<usize>> {
        let mut lines = Vec::new();
        let mut start = range.start;
        if let Some(text) = self.out.get(range.clone()) {
            for (i, _) in text.match_indices('\n') {
                lines.push(start..range.start + i);
                start = range.start + i + 1;
            }
        }
        lines.push(start..range.end.max(start));
        lines
    }

    /// `range` with `deletions` cut out, quote markers dropped, whitespace collapsed.
    fn clean(&self, range: Range<usize>, deletions: &[Range<usize>], quote_depth: usize) -> String {
        let mut kept = Vec::with_capacity(deletions.len() + 1);
        let mut pos = range.start;
        for d in deletions
            .iter()
            .filter(|d| d.end > range.start && d.start < range.end)
        {
            if d.start > pos {
                kept.push(self.out.get(pos..d.start).unwrap_or(""));
            }
            pos = pos.max(d.end);
        }
        if range.end > pos {
            kept.push(self.out.get(pos..range.end).unwrap_or(""));
        }
        if quote_depth > 0 {
            // The callout marker may only show once the pieces are joined.
            let joined = kept.concat();
            collapse(&[without_callout_marker(&joined)], quote_depth)
        } else {
            collapse(&kept, quote_depth)
        }
    }
}

/// Drops the `[!type]` (and fold sign) an Obsidian callout opens with: Obsidian shows it as the
/// callout's icon, so its title and body are the text a person wrote.
fn without_callout_marker(s: &str) -> &str {
    let trimmed = s.trim_start();
    let Some(inner) = trimmed.strip_prefix("[!") else {
        return s;
    };
    let line = inner.split('\n').next().unwrap_or_default();
    match line.find(']') {
        Some(close)
            if close > 0
                && !line
                    .get(..close)
                    .unwrap_or_default()
                    .contains(char::is_whitespace) =>
        {
            inner
                .get(close + 1..)
                .unwrap_or_default()
                .trim_start_matches(['+', '-'])
        }
        _ => s,
    }
}

/// Maps sorted, disjoint markdown ranges into text coordinates through the copied pieces.
fn map_ranges(
    ranges: &[Range<usize>],
    chunks: &[(usize, usize)],
    out_len: usize,
) -> Vec<Range<usize>> {
    let mut mapped = Vec::new();
    let mut first = 0;
    for r in ranges {
        while let Some(&(out_start, src_start)) = chunks.get(first) {
            let len = chunk_len(chunks, first, out_len, out_start);
            if src_start + len > r.start {
                break;
            }
            first += 1;
        }
        for (k, &(out_start, src_start)) in chunks.iter().enumerate().skip(first) {
            if src_start >= r.end {
                break;
            }
            let len = chunk_len(chunks, k, out_len, out_start);
            let a = r.start.max(src_start);
            let b = r.end.min(src_start + len);
            if a < b {
                mapped.push(out_start + (a - src_start)..out_start + (b - src_start));
            }
        }
    }
    mapped
}

fn chunk_len(chunks: &[(usize, usize)], k: usize, out_len: usize, out_start: usize) -> usize {
    chunks.get(k + 1).map_or(out_len, |next| next.0) - out_start
}

/// Joins `pieces`, collapsing whitespace to single spaces and dropping blockquote markers at the
/// start of lines.
fn collapse(pieces: &[&str], quote_depth: usize) -> String {
    let mut collapsed = Collapsed {
        out: String::with_capacity(pieces.iter().map(|piece| piece.len()).sum()),
        quote_depth,
        pending_space: false,
        quotes_left: 0,
        line_start: false,
    };
    for piece in pieces {
        // Bytes are characters in ASCII, and stepping through bytes is the cheaper walk.
        if piece.is_ascii() {
            collapsed.feed(piece, piece.bytes().map(char::from).enumerate());
        } else {
            collapsed.feed(piece, piece.char_indices());
        }
    }
    collapsed.out
}

/// The state of `collapse` between pieces.
struct Collapsed {
    out: String,
    quote_depth: usize,
    pending_space: bool,
    quotes_left: usize,
    line_start: bool,
}

impl Collapsed {
    /// Appends `piece`, whose characters and their offsets `chars` yields.
    fn feed(&mut self, piece: &str, chars: impl Iterator<Item = (usize, char)>) {
        // Runs of kept characters are copied whole: a push per character is the slow part.
        let mut run_start = None;
        for (i, c) in chars {
            let marker = self.line_start && c == '>' && self.quotes_left > 0;
            if !c.is_whitespace() && !marker {
                if run_start.is_none() {
                    if self.pending_space && !self.out.is_empty() {
                        self.out.push(' ');
                    }
                    self.pending_space = false;
                    self.line_start = false;
                    run_start = Some(i);
                }
                continue;
            }
            if let Some(start) = run_start.take() {
                self.out.push_str(piece.get(start..i).unwrap_or_default());
            }
            if c == '\n' {
                self.line_start = true;
                self.quotes_left = self.quote_depth;
                self.pending_space = true;
            } else if marker {
                self.quotes_left -= 1;
            } else {
                self.pending_space = true;
            }
        }
        if let Some(start) = run_start {
            self.out.push_str(piece.get(start..).unwrap_or_default());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_with(rules: &WinRules, text: &str) -> ParsedNote {
        WinMatcher::new(rules).parse(text)
    }

    fn parse(text: &str) -> ParsedNote {
        parse_with(&WinRules::default(), text)
    }

    fn survey(m: &WinMatcher, md: &str) -> Survey {
        m.survey(md, &RareBytes::find(md.as_bytes()))
    }

    /// `line kind [time] text {tags}` per entry, compact enough for tables.
    fn show(note: &ParsedNote) -> Vec<String> {
        note.entries
            .iter()
            .map(|e| {
                let time = e
                    .time
                    .as_deref()
                    .map(|t| format!("{t} "))
                    .unwrap_or_default();
                let tags = if e.tags.is_empty() {
                    String::new()
                } else {
                    format!(" {{{}}}", e.tags.join(","))
                };
                format!("{} {} {}{}{}", e.line, e.kind.as_str(), time, e.text, tags)
            })
            .collect()
    }

    fn check(cases: &[(&str, &str, &[&str])]) {
        for (name, text, expected) in cases {
            let got = show(&parse(text));
            assert_eq!(got, *expected, "case {name}: {text:?}");
        }
    }

    #[test]
    fn tagged_items_and_paragraphs() {
        check(&[
            ("simple", "- did it #win\n", &["1 tag did it"]),
            ("upper", "- did it #WIN\n", &["1 tag did it"]),
            ("winter", "- cold #winter\n", &[]),
            ("digits", "- year #1984 #win\n", &["1 tag year #1984"]),
            (
                "nested",
                "- shipped #win/work\n",
                &["1 tag shipped {win/work}"],
            ),
            ("twice", "- a #win b #win\n", &["1 tag a b"]),
            (
                "other tags",
                "- a #Health #win #focus #health\n",
                &["1 tag a #Health #focus #health {focus,health}"],
            ),
            (
                "paragraph",
                "Intro\n\nGot it done #win\nsecond line\n",
                &["3 tag Got it done second line"],
            ),
            ("no space before", "- a#win\n", &[]),
            ("bold", "- a **#win**\n", &["1 tag a ****"]),
            ("escaped", "- a \\#win\n", &[]),
            ("ordered", "3. third #win\n", &["1 tag third"]),
            (
                "unicode tag",
                "- café #win #gesundheit_ü #日本\n",
                &["1 tag café #gesundheit_ü #日本 {gesundheit_ü,日本}"],
            ),
            (
                "emoji tag",
                "- a #win #🎉party\n",
                &["1 tag a #🎉party {🎉party}"],
            ),
            ("punct ends tag", "- a #win, #b.\n", &["1 tag a , #b. {b}"]),
            ("trailing slash", "- a #win/ x\n", &["1 tag a x"]),
            (
                "links kept",
                "- read [[Book]] and [x](https://y.z) #win\n",
                &["1 tag read [[Book]] and [x](https://y.z)"],
            ),
            (
                "multi-line item",
                "- first\n  second #win\n",
                &["1 tag first second"],
            ),
            ("heading is not a win", "## Done #win\n", &[]),
        ]);
    }

    #[test]
    fn tags_never_form_in_code_html_comments_or_links() {
        check(&[
            ("inline code", "- `#win` here\n", &[]),
            ("fenced", "```\n- #win x\n```\n", &[]),
            ("indented", "para\n\n    #win x\n", &[]),
            ("html comment", "<!--\n- x #win\n-->\n", &[]),
            ("inline html comment", "- a <!-- #win --> b\n", &[]),
            ("inline html", "- a <span>#win</span>\n", &[]),
            ("obsidian inline", "- a %%#win%% b\n", &[]),
            (
                "obsidian multi-line",
                "%%\n- a #win\n%%\n- b #win\n",
                &["4 tag b"],
            ),
            (
                "obsidian unclosed",
                "- a #win\n%%\n- b #win\n",
                &["1 tag a"],
            ),
            ("percent in code", "- `%%` a #win\n", &["1 tag `%%` a"]),
            ("url", "- see https://x.com/#win\n", &[]),
            ("markdown link", "- see [#win](https://x.com/#win)\n", &[]),
            ("autolink", "- see <https://x.com/#win>\n", &[]),
            (
                "wikilink",
                "- see [[Note#win]] and [[Note#win|alias]]\n",
                &[],
            ),
            (
                "comment removed from text",
                "- a %%note%% b #win\n",
                &["1 tag a b"],
            ),
        ]);
    }

    #[test]
    fn nested_children_are_entries_of_their_own() {
        check(&[
            (
                "child not merged",
                "- parent #win\n  - child detail\n",
                &["1 tag parent"],
            ),
            ("child win", "- parent\n  - child #win\n", &["2 tag child"]),
            (
                "both",
                "- parent #win\n  - child #win\n- next\n",
                &["1 tag parent", "2 tag child"],
            ),
        ]);
    }

    #[test]
    fn section_wins() {
        check(&[
            (
                "basic",
                "## Wins\n- one\n- two\n",
                &["2 section one", "3 section two"],
            ),
            ("emoji heading", "## 🏆 Wins!\n- one\n", &["2 section one"]),
            ("small wins", "# small   WINS\n- one\n", &["2 section one"]),
            (
                "ends at same level",
                "## Wins\n- one\n## Notes\n- two\n",
                &["2 section one"],
            ),
            (
                "ends at higher level",
                "## Wins\n- one\n# Day\n- two\n",
                &["2 section one"],
            ),
            (
                "sub-heading stays inside",
                "## Wins\n### Work\n- one\n",
                &["3 section one"],
            ),
            (
                "tasks",
                "## Wins\n- [ ] open\n- [x] done\n- [X] Done too\n",
                &["3 section done", "4 section Done too"],
            ),
            ("empty item", "## Wins\n-\n- \n- one\n", &["4 section one"]),
            (
                "children are details",
                "## Wins\n- one\n  - detail\n",
                &["2 section one"],
            ),
            (
                "tag wins over section",
                "## Wins\n- one #win\n",
                &["2 tag one"],
            ),
            ("paragraph in section", "## Wins\nJust text\n", &[]),
            ("heading in comment", "%% ## Wins %%\n- one\n", &[]),
            ("not wins", "## Winston\n- one\n", &[]),
        ]);
    }

    #[test]
    fn field_wins() {
        check(&[
            (
                "paragraph line",
                "win:: shipped it\n",
                &["1 field shipped it"],
            ),
            ("item", "- win:: shipped it\n", &["1 field shipped it"]),
            ("case", "- Win:: shipped it\n", &["1 field shipped it"]),
            (
                "bracket",
                "- text [win:: small thing] more\n",
                &["1 field small thing"],
            ),
            (
                "paren",
                "Today (win:: ran 5k) was good\n",
                &["1 field ran 5k"],
            ),
            (
                "lines",
                "mood:: ok\nwin:: a\nwin:: b\n",
                &["2 field a", "3 field b"],
            ),
            ("other key", "- loss:: nope\n", &[]),
            ("in code", "- `win:: x`\n", &[]),
            ("tag and field", "- win:: a #win\n", &["1 tag a"]),
            (
                "bracket in tagged item",
                "- did [win:: x] #win\n",
                &["1 tag did x"],
            ),
            (
                "bracket with link",
                "- [win:: read [[Book]]]\n",
                &["1 field read [[Book]]"],
            ),
        ]);
    }

    #[test]
    fn times() {
        check(&[
            ("24h", "- 14:32 walked #win\n", &["1 tag 14:32 walked"]),
            (
                "short hour",
                "- 9:05 - walked #win\n",
                &["1 tag 09:05 walked"],
            ),
            ("pm", "- 2:32 pm walked #win\n", &["1 tag 14:32 walked"]),
            (
                "pm glued",
                "- 2:32pm walked #win\n",
                &["1 tag 14:32 walked"],
            ),
            (
                "midnight",
                "- 12:05 AM walked #win\n",
                &["1 tag 00:05 walked"],
            ),
            ("invalid", "- 25:00 walked #win\n", &["1 tag 25:00 walked"]),
            (
                "not leading",
                "- walked at 14:32 #win\n",
                &["1 tag walked at 14:32"],
            ),
            (
                "task and time",
                "## Wins\n- [x] 07:10 up early\n",
                &["2 section 07:10 up early"],
            ),
            (
                "field time",
                "- 08:00 win:: coffee\n",
                &["1 field 08:00 coffee"],
            ),
        ]);
    }

    #[test]
    fn empty_entries_are_dropped_and_recorded() {
        let note = parse("- #win\n- 09:00 #win\n- real #win\n");
        assert_eq!(show(&note), ["3 tag real"]);
        assert_eq!(note.empty_entries, [1, 2]);
        let rules = WinRules {
            allow_empty: true,
            ..WinRules::default()
        };
        let note = parse_with(&rules, "- #meditation\n- #win\n");
        assert_eq!(show(&note), ["2 tag "]);
        assert!(note.empty_entries.is_empty());
    }

    #[test]
    fn logseq_multi_word_tags() {
        let rules = WinRules {
            tags: vec!["lessons learned".into()],
            ..WinRules::default()
        };
        let note = parse_with(&rules, "- be kind #[[Lessons Learned]] #[[Big Day]]\n");
        assert_eq!(show(&note), ["1 tag be kind #[[Big Day]] {big day}"]);
    }

    #[test]
    fn rest_tag_in_body_and_front_matter() {
        assert!(parse("Lazy day #Rest\n").rest);
        assert!(parse("# Sunday #rest\n").rest);
        assert!(parse("| a | #rest |\n|---|---|\n| b | c |\n").rest);
        assert!(!parse("`#rest`\n").rest);
        assert!(!parse("%% #rest %%\n").rest);
        assert!(parse("---\ntags: [daily, rest]\n---\nnothing\n").rest);
        assert!(parse("---\ntags:\n  - daily\n  - \"#rest\"\n---\n").rest);
        assert!(parse("---\ntags: daily, rest\n---\n").rest);
        assert!(!parse("---\ntags: restful\n---\n").rest);
        let note = parse("- slept #rest #win\n");
        assert_eq!(show(&note), ["1 tag slept #rest {rest}"]);
    }

    #[test]
    fn front_matter_date_and_errors() {
        let note = parse("---\ndate: 2026-11-16\n---\n- a #win\n");
        assert_eq!(
            note.front_matter_date,
            NaiveDate::from_ymd_opt(2026, 11, 16)
        );
        assert_eq!(show(&note), ["4 tag a"]);
        assert!(note.diagnostics.is_empty());

        let note = parse("---\ndate: 2026-11-16T09:30\n---\n");
        assert_eq!(
            note.front_matter_date,
            NaiveDate::from_ymd_opt(2026, 11, 16)
        );

        let note = parse("---\ntitle: x\ndate: 2026-02-30\n---\n");
        assert_eq!(note.front_matter_date, None);
        assert_eq!(note.diagnostics.len(), 1);
        assert_eq!(note.diagnostics[0].severity, Severity::Warning);
        assert_eq!(note.diagnostics[0].line, Some(3));
        assert!(note.diagnostics[0].message.contains("2026-02-30"));

        let note = parse("---\ndate: 2026-11-16\ntags: [a\n---\n- b #win\n");
        assert_eq!(note.front_matter_date, None);
        assert_eq!(note.diagnostics[0].severity, Severity::Error);
        assert!(note.diagnostics[0]
            .message
            .starts_with("front matter is not valid YAML"));
        assert_eq!(show(&note), ["5 tag b"]);

        let note = parse("---\ndate: 2026-11-16\n- fake #win\n\n- real #win\n");
        assert_eq!(note.front_matter_date, None);
        assert_eq!(
            note.diagnostics[0].message,
            "front matter is not closed: add a line with `---`"
        );
        assert_eq!(show(&note), ["3 tag fake", "5 tag real"]);

        let note = parse("---\n\n- a #win\n");
        assert!(note.diagnostics.is_empty());
        assert_eq!(show(&note), ["3 tag a"]);
    }

    #[test]
    fn simple_yaml_reads_tags_dates_and_empty_values() {
        let facts = |yaml: &str| read_simple_yaml(yaml).map(|f| (f.date, f.tags));
        let date = |d: &str, line| Some((d.to_owned(), line));
        let tags = |t: &[&str]| t.iter().map(|t| t.to_string()).collect::<Vec<_>>();
        assert_eq!(
            facts("tags: [Daily, rest]\ndate: 2026-11-16\n"),
            Some((date("2026-11-16", 2), tags(&["daily", "rest"])))
        );
        assert_eq!(
            facts("mood: 3\ntags: daily, journal  \n"),
            Some((None, tags(&["daily", "journal"])))
        );
        assert_eq!(
            facts("aliases:\n  - Monday\ntags:\n  - daily\n  - journal\ncreated: 2026-11-16T09:00\ndate: 2026-11-16T09:00\n"),
            Some((date("2026-11-16T09:00", 7), tags(&["daily", "journal"])))
        );
        assert_eq!(
            facts("tags:\n- rest\ndate:\ntitle:\n"),
            Some((None, tags(&["rest"])))
        );
        for declined in [
            "base: &b x\ndate: 2026-11-16\n",
            "title: \"A day\"\n",
            "tags: ['rest']\n",
            "body: |\n  text\n",
            "nested:\n  key: value\n",
            "tags:\n  - a: b\n",
            "date: 2026-11-16 # today\n",
        ] {
            assert_eq!(read_simple_yaml(declined), None, "{declined:?}");
        }
    }

    /// Whole front matter entries as daily notes write them; any sequence of them is simple YAML.
    const REALISTIC_YAML: &[&str] = &[
        "tags: [daily]\n",
        "tags: [daily, journal]\n",
        "tags: [ daily ,rest ]\n",
        "tags: []\n",
        "tags: daily\n",
        "tags: daily, rest\n",
        "tags: daily rest  \n",
        "tag: rest\n",
        "Tags: [Daily, Rest]\n",
        "tags:\n  - daily\n  - journal\n",
        "tags:\n- daily\n- rest\n",
        "tags:\n    - daily\n\n    - rest\n",
        "tags:\n",
        "tags:\n  -\n  - rest\n",
        "mood: 3\n",
        "date: 2026-11-16\n",
        "date: 2026-11-16T09:00\n",
        "date: 2026-11-16 09:00\n",
        "Date: 2026-02-30\n",
        "date:\n",
        "date:   2026-01-02   \n",
        "date: [2026-01-03]\n",
        "date:\n  - 2026-01-04\n",
        "aliases:\n  - Monday\n",
        "aliases: []\n",
        "created: 2026-11-16T09:00\n",
        "title: A day\n",
        "title: Mum's day out\n",
        "title: Über den Tag\n",
        "tags: [日记, rest]\n",
        "url: https://example.com/a?b=c#top\n",
        "cssclasses: [wide-page]\n",
        "weather: sunny, 12°C\n",
        "rating: a [b] {c} \"d\"\n",
        "progress: done 100%\n",
        "date-modified: 2026-11-16\n",
        "\n",
        "   \n",
    ];

    /// Lines and entries that are not simple YAML, or not YAML at all.
    const TRICKY_YAML: &[&str] = &[
        "date: \"2026-01-01\"\n",
        "tags: 'rest'\n",
        "date: \"a\\\"b\"\n",
        "tags: [a, b\n",
        "tags: [a,, b]\n",
        "tags: [a,]\n",
        "tags: [a b, c]\n",
        "tags: [a -, b]\n",
        "tags: [-a]\n",
        "tags: [a, -]\n",
        "tags: [-, a]\n",
        "-date: 2026-01-01\n",
        "---: x\n",
        "tags: [a:b]\n",
        "tags: [#a]\n",
        "tags: [\"rest\"]\n",
        "tags: [[a]]\n",
        "tags: #rest\n",
        "tags: a #rest\n",
        "tags: {a: b}\n",
        "{a: b}\n",
        "[a, b]\n",
        "plain\n",
        "date: &d 2026-01-01\n",
        "tags: *d\n",
        "*d : x\n",
        "date: !!str 2026-01-01\n",
        "tags: |\n  line one\n",
        "date: >\n  2026-01-01\n",
        "tags:\n  date: 2026-01-01\n",
        "  date: 2026-01-01\n",
        "tags:\n  - a: b\n",
        "  - odd\n",
        " - one\n",
        "    - deeper\n",
        "- stray\n",
        "-\n",
        "  -\n",
        "  - \n",
        "- - a\n",
        "  - [a, b]\n",
        "  -a\n",
        "  - a # c\n",
        "  - \"#rest\"\n",
        "    continued\n",
        "\t- tab\n",
        "tags:\n\t- tab\n",
        "date: a # comment\n",
        "# comment\n",
        "tags: a: b\n",
        "date: a:\n",
        "date:2026-01-01\n",
        "? date\n",
        ": value\n",
        "--- x\n",
        "--- \n",
        "... \n",
        "%YAML 1.2\n",
        "date: 2026-01-01 # c\n",
        "date: 2026-01-01\r\n",
        "tags:\r\n  - a\r\n",
        "tags: a\rb\n",
        "date:\n  2026-01-02\n",
        "date: @bad\n",
        "tags: `bad\n",
        "date: %bad\n",
        "date: -1\n",
        "tags: - a\n",
        "tags: ? a\n",
        "date: a\n  b\n",
        "date: \"multi\n  line\"\n",
        "tags: [a,\n  b]\n",
        "date: \u{feff}2026-01-01\n",
        "tags: a\u{feff}b\n",
        "date: 2026-01-01\u{a0}\n",
        "date: \u{a0}\n",
        "date: a\0b\n",
        "tags: a\0\ndate: 2026-01-01\n",
        "date: 2026-01-01\t\n",
        "tags: a\tb\n",
        "tags: x]\n",
        "tags: [a] b\n",
        "my date: x\n",
        "date : x\n",
        "date:  \n",
        "tags:\n  -\n    nested\n",
        "tags:\n  - ...\n  - a...\n",
        "tags: a\n\n  more\n",
    ];

    #[test]
    fn simple_yaml_reads_like_yaml_rust2() {
        // A fixed-seed xorshift keeps the cases the same on every run.
        let mut state = 0x2545_F491_4F6C_DD1D_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let (mut realistic, mut realistic_read, mut invalid) = (0, 0, 0);
        for _ in 0..20_000 {
            let only_realistic = next() % 2 == 0;
            let len = 1 + next() % 10;
            let yaml: String = (0..len)
                .map(|_| {
                    let pool = if only_realistic || next() % 2 == 0 {
                        REALISTIC_YAML
                    } else {
                        TRICKY_YAML
                    };
                    pool[(next() % pool.len() as u64) as usize]
                })
                .collect();
            let fast = read_simple_yaml(&yaml);
            let slow = read_yaml_events(&yaml);
            if let Some(fast) = &fast {
                assert_eq!(slow.as_ref().ok(), Some(fast), "{yaml:?}");
            }
            invalid += usize::from(slow.is_err());
            if only_realistic {
                realistic += 1;
                realistic_read += usize::from(fast.is_some());
            }
        }
        assert!(
            realistic_read * 100 >= realistic * 95,
            "only {realistic_read} of {realistic} realistic front matters were read by hand"
        );
        assert!(invalid > 1000, "only {invalid} front matters were invalid");
    }

    #[test]
    fn field_with_space_before_colons_is_found_in_a_note_of_its_own() {
        assert_eq!(show(&parse("win :: Ran 5k\n")), ["1 field Ran 5k"]);
    }

    #[test]
    fn callout_marker_is_not_win_text() {
        check(&[
            (
                "title and body",
                "> [!success] Big day\n> Shipped the release #win\n",
                &["1 tag Big day Shipped the release"],
            ),
            (
                "title only",
                "> [!tip]- Asked for help #win\n",
                &["1 tag Asked for help"],
            ),
            (
                "not a callout",
                "> [x] quoted #win\n",
                &["1 tag [x] quoted"],
            ),
        ]);
    }

    #[test]
    fn tab_indented_nested_item_has_its_own_line() {
        let note = parse("- Morning standup\n\t- Unblocked the deploy #win\n- Read #win\n");
        assert_eq!(show(&note), ["2 tag Unblocked the deploy", "3 tag Read"]);
    }

    #[test]
    fn alias_bomb_front_matter_is_harmless() {
        let mut yaml = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        let mut prev = 'a';
        for c in 'b'..='z' {
            yaml.push_str(&format!("{c}: &{c} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
            prev = c;
        }
        let text = format!("---\n{yaml}date: 2026-01-02\n---\n- ok #win\n");
        let started = std::time::Instant::now();
        let note = parse(&text);
        assert!(started.elapsed().as_secs() < 2);
        assert_eq!(note.front_matter_date, NaiveDate::from_ymd_opt(2026, 1, 2));
        assert_eq!(show(&note), [format!("{} tag ok", 30)]);
    }

    #[test]
    fn oversized_front_matter_is_skipped_with_a_warning() {
        let text = format!("---\nnote: \"{}\"\n---\n- a #win\n", "x".repeat(70_000));
        let note = parse(&text);
        assert_eq!(note.diagnostics.len(), 1);
        assert_eq!(note.diagnostics[0].severity, Severity::Warning);
        assert_eq!(show(&note), ["4 tag a"]);
    }

    #[test]
    fn bom_and_crlf_keep_line_numbers() {
        let note = parse("\u{feff}---\r\ndate: 2026-11-16\r\n---\r\n# Day\r\n- a\r\n  b #win\r\n");
        assert_eq!(
            note.front_matter_date,
            NaiveDate::from_ymd_opt(2026, 11, 16)
        );
        assert_eq!(show(&note), ["5 tag a b"]);
        let note = parse("\u{feff}## Wins\r\n\r\n- one\r\n");
        assert_eq!(show(&note), ["3 section one"]);
    }

    #[test]
    fn win_tag_in_code_warns() {
        let note = parse("Some `#win` here\n\n```\n#win\n```\n");
        let lines: Vec<_> = note.lints.iter().map(|d| d.line).collect();
        assert_eq!(lines, [Some(1), Some(4)]);
        assert_eq!(note.lints[0].message, CODE_TAG_WARNING);
        assert!(
            note.diagnostics.is_empty(),
            "reading the note had no problem"
        );
        assert!(parse("`#winter`\n").lints.is_empty());
    }

    #[test]
    fn yaml_errors_point_at_their_line() {
        let note = parse("---\ntitle: a\nbad: [x\nnext: b: c\n---\n");
        let d = &note.diagnostics[0];
        assert_eq!(d.severity, Severity::Error);
        assert!(d.line.is_some_and(|l| (3..=5).contains(&l)), "{d:?}");
    }

    #[test]
    fn unchecked_task_with_win_tag_is_still_tagged() {
        check(&[("tagged task", "- [ ] call mum #win\n", &["1 tag call mum"])]);
    }

    #[test]
    fn empty_section_items_are_never_wins() {
        let rules = WinRules {
            allow_empty: true,
            ..WinRules::default()
        };
        let note = parse_with(&rules, "## Wins\n- \n- [x]\n");
        assert!(note.entries.is_empty() && note.empty_entries.is_empty());
    }

    #[test]
    fn blockquotes_and_callouts() {
        check(&[
            ("quote", "> did it #win\n> more\n", &["1 tag did it more"]),
            (
                "callout list",
                "> [!note]\n> - a #win\n>   b\n",
                &["2 tag a b"],
            ),
        ]);
    }

    #[test]
    fn ascii_headings_normalise_as_any_heading_does() {
        let mut state = 0x2545_F491_4F6C_DD1D_u64;
        let alphabet = b"aZ9 \t\n\x0B\x0C\r*_#-!.:\x1Fw";
        for _ in 0..5000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = (state % 40) as usize;
            let text: Vec<u8> = (0..len)
                .map(|i| alphabet[((state >> (i % 48)) as usize + i) % alphabet.len()])
                .collect();
            let mut buffer = [0; HEADING_BUFFER];
            let fast = normalize_ascii_heading(&text, &mut buffer).map(<[u8]>::to_vec);
            let slow = normalize_heading(std::str::from_utf8(&text).unwrap_or_default());
            assert_eq!(fast, Some(slow.into_bytes()), "{text:?}");
        }
        let mut buffer = [0; HEADING_BUFFER];
        assert_eq!(normalize_ascii_heading("é".as_bytes(), &mut buffer), None);
        assert_eq!(normalize_ascii_heading(&[b'a'; 300], &mut buffer), None);
    }

    #[test]
    fn line_numbers_are_right_in_any_order_of_asking() {
        let text = "a\nbb\n\nccc\nd";
        let lines = Lines::new(text);
        for offset in [5, 0, 12, 3, 3, 7, 1, 100, 2, 8] {
            let expected = 1 + text.as_bytes()[..offset.min(text.len())]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            assert_eq!(lines.line_of(offset), expected, "offset {offset}");
        }
    }

    #[test]
    fn survey_finds_only_places_that_may_hold_wins() {
        let m = WinMatcher::new(&WinRules::default());
        let hits = |md: &str| survey(&m, md).hits;
        assert_eq!(hits("# Day\n- nothing\n"), [] as [usize; 0]);
        assert_eq!(hits("- x #WIN"), [4]);
        assert_eq!(hits("a #[[win]] b #rest"), [2, 13]);
        assert_eq!(hits("#Win/Work #winning #wIN/"), [0, 19]);
        let cyrillic = WinMatcher::new(&WinRules {
            tags: vec!["Победа".to_owned()],
            ..WinRules::default()
        });
        assert_eq!(survey(&cyrillic, "- a #ПОБЕДА\n- b #победаx").hits, [4]);
        assert_eq!(
            hits("#winter, site#win, docs/#win, v1.#win"),
            [] as [usize; 0]
        );
        assert_eq!(hits("x\n## Small Wins\n"), [2]);
        assert_eq!(hits("- > ### Wins 🏆\n"), [0]);
        assert_eq!(hits("## W**ins**\n"), [0]);
        assert_eq!(hits("## WINS\n## Log\n"), [0]);
        assert_eq!(hits("```md\n## Wins\n```\n"), [] as [usize; 0]);
        assert_eq!(hits("x\n\nSmall\nwins\n---\n"), [3]);
        assert_eq!(hits("Small steps, a few wins.\n"), [] as [usize; 0]);
        assert_eq!(hits("- win:: a\n[WIN :: b]\n"), [5, 15]);
        assert_eq!(hits("Darwin:: x\nwin: y\n"), [] as [usize; 0]);
        // A tab-indented nested list may join `win:` to a `:` after it.
        assert_eq!(hits("- win:\n\t- x\n"), [5]);
        // Spaced comments join nothing, so they cost nothing.
        assert_eq!(hits("- a %% note %%\n<!-- x -->\n"), [] as [usize; 0]);
        assert_eq!(hits("- #wi%%x%%n <!--y-->z"), [5, 8, 17]);
        let note = parse("---\ndate: 2026-11-16\n---\n# Day\n- nothing\n");
        assert_eq!(
            note.front_matter_date,
            NaiveDate::from_ymd_opt(2026, 11, 16)
        );
    }

    /// Pieces that end or open blocks, sections, fields, tags and code, for notes built at random.
    const PIECES: &[&str] = &[
        "#win",
        "#win/work",
        "#winter",
        "#rest",
        "win:: ",
        "Win :: ",
        "[win:: ",
        "(win:: ",
        "]",
        ")",
        "[[x]]",
        "#[[win]]",
        "`",
        "\n",
        "\n\n",
        "\n\nText ",
        "\n\nWins\n===\n",
        "\n\nWins\n---\n",
        "\n---\n",
        "- ",
        "  - ",
        "\t- ",
        "\t",
        "1. ",
        "> ",
        "- [ ] ",
        "- [x] ",
        "## Wins\n",
        "# Log\n",
        "## 🏆 Wins\n",
        "### Other\n",
        "::",
        ":",
        "a",
        " b ",
        "14:32 ",
        "**#win**",
        "[l](http://a#win)",
        "|a|b|\n|-|-|\n",
        "\r\n",
        "    code\n",
        "x:\n",
        "\n  \nMore ",
        ":c",
        "\n\n  :d",
        "\n\n> q #win\n",
        "a#win",
        "é#win",
        "x*#win",
        "`a#win`",
        "[[Recipes#win]]",
        "std/#win",
        "\n\nSee [[a#b]] #win",
        "\n```\n",
        "\n~~~\n",
        "\n````x\n",
        "```",
        "win:",
        "Darwin:: ",
        "\n\nSmall wins\n---\n",
        "Small steps ",
        "<b>",
        "## W**in**s\n",
        "#wi",
        "n",
        "\n\t- x\n\n\t",
        "#rest_",
        "\n- \n",
        "W<i></i>ins",
        "&#35;",
    ];

    /// Pieces that reach across blocks: notes holding one are read whole.
    const SPANNING: &[&str] = &[
        "\n  ```\n",
        "\n<div>\n",
        "<!-- ",
        "-->",
        "%%",
        "\n\n[foo]: /u\n",
        "[foo]",
        "<b>",
    ];

    #[test]
    fn surveyed_reading_finds_what_reading_everything_finds() {
        let m = WinMatcher::new(&WinRules::default());
        let mut fixed = vec![
            "## Wins\n\n- a\n\nPlain prose.\n\n- b\n\n## Log\n\nMore prose.\n\n- c #win\n"
                .to_owned(),
            "Wins\n====\n\nprose\n\n- item\n\nNext\n\n- done".to_owned(),
            "- a:\n\t- b\n\n  :c win\n\nText\n".to_owned(),
            "> quoted\n\nLazy #win\n\n- x\n\n  y #win\n\nz".to_owned(),
            // Comments cut out of a unit join what is around them.
            "- did #wi<!-- -->n\n".to_owned(),
            "- w%%x%%in:: a\n".to_owned(),
            "- win %%x%% :: a\n".to_owned(),
            "- win <!-- x --> :: a\n".to_owned(),
            // Markup inside a section name is not heading text.
            "## W<b></b>ins\n- a\n".to_owned(),
            "## [Wi](u)ns\n- a\n".to_owned(),
            "## W[[t|i]]ns\n- a\n".to_owned(),
            "## W&#105;ns\n- a\n".to_owned(),
            // Lone carriage returns end lines for pulldown-cmark.
            "x\r## Wins\r- a\r".to_owned(),
            "x\r```\n\n## Wins\n- a\n".to_owned(),
            // A tab-indented nested list joins the line above it to the text after it.
            "- #wi\n\t- x\n\n\tn\n".to_owned(),
            "- x #\n\t- y\n\n\twin\n".to_owned(),
            "- wi\n\t- x\n\n\tn:: a\n".to_owned(),
            "- win\n\t- x\n\n\t:: a\n".to_owned(),
            // `- ` underlines a setext heading.
            "Wins\n- \n- a\n".to_owned(),
            "> Wins\n> - \n> - a\n".to_owned(),
            // A heading's text event ends at a `_` that may close emphasis.
            "# #rest_\n".to_owned(),
        ];
        // A fixed-seed xorshift keeps the cases the same on every run.
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..3000 {
            let len = 1 + next() % 60;
            let mut pieces: Vec<&str> = (0..len)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            if next() % 4 == 0 {
                let at = (next() % (len + 1)) as usize;
                pieces.insert(at, SPANNING[(next() % SPANNING.len() as u64) as usize]);
            }
            let note = pieces.concat();
            fixed.push(note);
        }
        let mut split_notes = 0;
        for note in &fixed {
            assert_eq!(
                m.parse_surveyed(note, true),
                m.parse_surveyed(note, false),
                "{note:?}"
            );
            split_notes += usize::from(survey(&m, note).blocks.is_some_and(|b| b.len() > 1));
        }
        assert!(split_notes > 1000, "only {split_notes} notes were split");
    }

    #[test]
    fn surveyed_reading_finds_unusual_keys_and_sections() {
        let cases = [
            // `İ` lowercases to two characters.
            (
                WinRules {
                    fields: vec!["İyi".to_owned()],
                    ..WinRules::default()
                },
                "- İyi:: great\n",
            ),
            // The lines of a setext heading join without a space.
            (
                WinRules {
                    sections: vec!["Smallwins".to_owned()],
                    ..WinRules::default()
                },
                "Small\nwins\n---\n- a\n",
            ),
            // A final sigma lowercases by what follows it.
            (
                WinRules {
                    sections: vec!["ΝΊΚΕΣABC".to_owned()],
                    ..WinRules::default()
                },
                "ΝΊΚΕΣ\nABC\n---\n- a\n",
            ),
            (
                WinRules {
                    sections: vec!["ΝΊΚΕΣ".to_owned()],
                    ..WinRules::default()
                },
                "## [ΝΊΚΕΣ](x)\n- a\n",
            ),
        ];
        for (rules, note) in &cases {
            let m = WinMatcher::new(rules);
            let whole = m.parse_surveyed(note, false);
            assert_eq!(whole.entries.len(), 1, "{note:?}");
            assert_eq!(m.parse_surveyed(note, true), whole, "{note:?}");
        }
    }

    #[test]
    fn hostile_input_never_panics() {
        let deep_list = format!("{}#win\n", "- ".repeat(200_000));
        let deep_indent: String = (0..2_000)
            .map(|i| format!("{}- x #win\n", " ".repeat(2 * i)))
            .collect();
        let deep_quote = format!("{} #win\n", ">".repeat(200_000));
        let long_line = format!("- {} #win\n", "é #a [[ %% <!-- `x".repeat(100_000));
        let inputs = [
            "\0#win\0\n- \0 #win".to_owned(),
            "```\n#win".to_owned(),
            "- a %% #win".to_owned(),
            "- a <!-- #win".to_owned(),
            "- a [[ #win".to_owned(),
            "- a #[[ x".to_owned(),
            "---".to_owned(),
            "---\n".to_owned(),
            "\u{feff}".to_owned(),
            "- 1:".to_owned(),
            "- [win:: ".to_owned(),
            "win::".to_owned(),
            "# Wins\n- [x]".to_owned(),
            deep_list,
            deep_indent,
            deep_quote,
            long_line,
            "[".repeat(100_000) + "win:: x",
        ];
        for input in &inputs {
            let _ = parse(input);
        }
    }
}
