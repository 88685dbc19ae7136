//! A unit (a list item, or a paragraph outside lists) turned into text: its own source with
//! nested lists, task boxes and comments cut out, its tags, time and field syntax found, and
//! the entry text cleaned as SPEC §2 says.

use std::ops::Range;

use chrono::NaiveDate;

use super::fields::{bracket_fields, leading_field};
use super::{tasks, time, WinMatcher};
use crate::markdown::tags;

/// A list item or a paragraph outside lists, while its events are being read.
pub(super) struct Unit {
    pub(super) is_item: bool,
    pub(super) range: Range<usize>,
    /// Parts left out of the text: nested lists, the task box, HTML comments, a callout title.
    pub(super) hidden: Vec<Range<usize>>,
    /// Parts kept in the text but never searched for tags or fields: code, math, HTML, links.
    pub(super) opaque: Vec<Range<usize>>,
    /// In a Logseq graph: the page references (`[[win]]` may be a win tag).
    pub(super) page_refs: Vec<Range<usize>>,
    pub(super) task: Option<bool>,
    /// A direct item of a wins section.
    pub(super) in_section: bool,
    /// An outline label: its nested lists hold wins, and it is none itself.
    pub(super) label: bool,
    /// Whether the outline label test was made (at the first nested list).
    pub(super) label_checked: bool,
    /// It holds a heading (a Logseq heading block): never a win of a section.
    pub(super) heading_block: bool,
    /// Its text starts with a list that only numbers it (`- 1. text`).
    pub(super) numbered: bool,
    pub(super) quote_depth: usize,
}

impl Unit {
    pub(super) fn new(
        is_item: bool,
        range: Range<usize>,
        in_section: bool,
        quote_depth: usize,
    ) -> Unit {
        Unit {
            is_item,
            range,
            hidden: Vec::new(),
            opaque: Vec::new(),
            page_refs: Vec::new(),
            task: None,
            in_section,
            label: false,
            label_checked: false,
            heading_block: false,
            numbered: false,
            quote_depth,
        }
    }
}

/// What a unit says once its tags, time, task marker, done date and field syntax are known.
pub(super) struct Prepared {
    pub(super) content: Range<usize>,
    pub(super) time: Option<String>,
    pub(super) deletions: Vec<Range<usize>>,
    pub(super) tags: Vec<String>,
    pub(super) tagged: bool,
    /// The first win tag's name: what an empty habit win is shown as.
    pub(super) win_tag: Option<String>,
    pub(super) rest: bool,
    /// A Logseq task marker: `Some(true)` for `DONE`, `Some(false)` for an open task.
    pub(super) marker: Option<bool>,
    /// The done date written after a checked task.
    pub(super) done: Option<NaiveDate>,
}

/// One win field's entry text, and its key (what an empty one is shown as).
pub(super) struct FieldText {
    pub(super) text: String,
    pub(super) key: String,
}

/// A win tag in a unit's text, and how it is written.
struct WinMark {
    range: Range<usize>,
    shape: TagShape,
}

/// How a win tag is written, which decides what is left of it inside a sentence.
#[derive(Clone, Copy, PartialEq, Eq)]
enum TagShape {
    /// `#win`: the word stays without its `#`.
    Hash,
    /// `#[[win]]`: the words stay without `#[[` and `]]`.
    Brackets,
    /// A Logseq page reference `[[win]]`: a link, which stays as it is.
    PageRef,
}

/// A unit's own source, with hidden parts cut out, and the map back to note offsets.
pub(super) struct UnitText {
    pub(super) out: String,
    /// `(text offset, markdown offset)` where each copied piece starts.
    chunks: Vec<(usize, usize)>,
    opaque: Vec<Range<usize>>,
    /// Page references, in text coordinates.
    page_refs: Vec<Range<usize>>,
}

impl UnitText {
    pub(super) fn build(md: &str, unit: &mut Unit, comments: &[Range<usize>]) -> UnitText {
        let hidden = std::mem::take(&mut unit.hidden);
        let mut view = UnitText::of_range(md, unit.range.clone(), hidden, &unit.opaque, comments);
        view.page_refs = map_ranges(&unit.page_refs, &view.chunks, view.out.len());
        view
    }

    /// The text of `md[range]` without the `hidden` parts and the comments in it.
    pub(super) fn of_range(
        md: &str,
        range: Range<usize>,
        mut hidden: Vec<Range<usize>>,
        opaque: &[Range<usize>],
        comments: &[Range<usize>],
    ) -> UnitText {
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
        let opaque = map_ranges(opaque, &chunks, out.len());
        UnitText {
            out,
            chunks,
            opaque,
            page_refs: Vec::new(),
        }
    }

    /// A piece of free text (a property's value, a pattern's match), read as a win's text.
    pub(super) fn of_text(text: &str) -> UnitText {
        UnitText {
            out: text.to_owned(),
            chunks: vec![(0, 0)],
            opaque: tags::opaque_parts(text),
            page_refs: Vec::new(),
        }
    }

    /// The time, text and other tags of free text, cleaned as a paragraph's.
    pub(super) fn free_text(&self, m: &WinMatcher) -> (Option<String>, String, Vec<String>) {
        let unit = Unit::new(false, 0..self.out.len(), false, 0);
        let prep = self.prepare(m, &unit);
        let text = self.clean(prep.content, &prep.deletions, 0);
        (prep.time, text, prep.tags)
    }

    pub(super) fn to_src(&self, at: usize) -> usize {
        let i = self.chunks.partition_point(|c| c.0 <= at);
        match i.checked_sub(1).and_then(|i| self.chunks.get(i)) {
            Some((out_start, src_start)) => src_start + (at - out_start),
            None => 0,
        }
    }

    /// Where (in the note) the first character of the text that is not whitespace is: pulldown-cmark
    /// starts a tab-indented nested item at the end of the line above, and a callout's title is
    /// cut out, so the unit's range may start on an earlier line than its text.
    pub(super) fn first_visible(&self) -> usize {
        self.to_src(self.out.len() - self.out.trim_start().len())
    }

    /// The note ranges the text was copied from.
    pub(super) fn source_ranges(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        self.chunks
            .iter()
            .enumerate()
            .map(|(k, &(out_start, src_start))| {
                src_start..src_start + chunk_len(&self.chunks, k, self.out.len(), out_start)
            })
    }

    /// Where the words of an item start: after its list marker, numbering and heading marks.
    fn item_content_start(&self, unit: &Unit) -> usize {
        let mut start = skip_list_marker(&self.out, 0);
        if unit.numbered {
            start = skip_list_marker(&self.out, start);
        }
        skip_heading_marks(&self.out, start)
    }

    /// The text of an outline label (an item's text before its nested list), unless the item is
    /// a Logseq task or carries a win tag, which make it no label.
    pub(super) fn label(&self, m: &WinMatcher, unit: &Unit) -> Option<String> {
        let start = self.item_content_start(unit);
        if m.logseq && tasks::logseq_marker(&self.out, start).is_some() {
            return None;
        }
        let mut found = Vec::new();
        tags::scan_as(&self.out, &self.opaque, m.dialect(), &mut found);
        if found.iter().any(|tag| m.is_win_tag(&tag.name)) {
            return None;
        }
        self.out.get(start..).map(str::to_owned)
    }

    pub(super) fn prepare(&self, m: &WinMatcher, unit: &Unit) -> Prepared {
        let out = &self.out;
        let mut start = if unit.is_item {
            self.item_content_start(unit)
        } else {
            out.len() - out.trim_start().len()
        };
        let mut marker = None;
        if m.logseq {
            if let Some((done, end)) = tasks::logseq_marker(out, start) {
                marker = Some(done);
                start = end;
            }
        } else if unit.is_item && unit.task.is_none() {
            if let Some((open, end)) = tasks::custom_status(out, start) {
                marker = open.then_some(false);
                start = end;
            }
        }
        let mut time = None;
        if let Some((t, end)) = time::leading(out, start) {
            time = Some(t);
            start = end;
        }
        let mut deletions = Vec::new();
        if let Some(value) = leading_field(m, out, start) {
            deletions.push(start..value);
        }
        let content = start..out.len();
        for f in bracket_fields(m, out, content.clone(), &self.opaque) {
            deletions.push(f.open);
            deletions.push(f.close..f.close + 1);
        }
        let (done, cuts) = tasks::done_dates(out, content.clone(), &self.opaque);
        deletions.extend(cuts);
        let mut found = Vec::new();
        tags::scan_as(out, &self.opaque, m.dialect(), &mut found);
        let mut marks = Vec::new();
        let mut skip: Vec<Range<usize>> = deletions.clone();
        let mut tags = Vec::new();
        let mut win_tag = None;
        let mut rest = false;
        for tag in found {
            rest |= m.is_rest_tag(&tag.name);
            skip.push(tag.range.clone());
            if m.is_win_tag(&tag.name) {
                win_tag.get_or_insert_with(|| tag.name.clone());
                let bracketed = out
                    .get(tag.range.start..)
                    .is_some_and(|t| t.starts_with("#[["));
                let shape = if bracketed {
                    TagShape::Brackets
                } else {
                    TagShape::Hash
                };
                marks.push(WinMark {
                    range: tag.range.clone(),
                    shape,
                });
                if m.tags.contains(&tag.name) {
                    continue;
                }
            }
            tags.push(tag.name);
        }
        for page_ref in &self.page_refs {
            let inside_tag = skip
                .iter()
                .any(|r| r.start <= page_ref.start && page_ref.end <= r.end);
            let name = out
                .get(page_ref.start + 2..page_ref.end.saturating_sub(2))
                .map(tags::normalize)
                .unwrap_or_default();
            if inside_tag || !m.is_win_tag(&name) {
                continue;
            }
            skip.push(page_ref.clone());
            win_tag.get_or_insert_with(|| name.clone());
            marks.push(WinMark {
                range: page_ref.clone(),
                shape: TagShape::PageRef,
            });
            if !m.tags.contains(&name) {
                tags.push(name);
            }
        }
        tags.sort_unstable();
        tags.dedup();
        let tagged = !marks.is_empty();
        if tagged {
            deletions.extend(win_tag_deletions(out, content.clone(), skip, &marks));
        }
        deletions.sort_by_key(|d| d.start);
        Prepared {
            content,
            time,
            deletions,
            tags,
            tagged,
            win_tag,
            rest,
            marker,
            done,
        }
    }

    /// The entries of the win fields in `range`: the value after a leading key, else each inline
    /// field's value.
    pub(super) fn field_texts(
        &self,
        m: &WinMatcher,
        range: Range<usize>,
        deletions: &[Range<usize>],
        quote_depth: usize,
    ) -> Vec<FieldText> {
        let start = range.start
            + self.out.get(range.clone()).map_or(0, |s| {
                s.len() - s.trim_start_matches([' ', '\t', '>']).len()
            });
        if let Some(value) = leading_field(m, &self.out, start) {
            return vec![FieldText {
                text: self.clean(value..range.end, deletions, quote_depth),
                key: field_key(self.out.get(start..value).unwrap_or_default()),
            }];
        }
        bracket_fields(m, &self.out, range, &self.opaque)
            .into_iter()
            .map(|f| FieldText {
                key: field_key(
                    self.out
                        .get(f.open.start + 1..f.open.end)
                        .unwrap_or_default(),
                ),
                text: self.clean(f.value, deletions, quote_depth),
            })
            .collect()
    }

    /// The line ranges of `range`, each without its line break.
    pub(super) fn lines(&self, range: Range<usize>) -> Vec<Range<usize>> {
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
    pub(super) fn clean(
        &self,
        range: Range<usize>,
        deletions: &[Range<usize>],
        quote_depth: usize,
    ) -> String {
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
    callout_marker_len(s)
        .and_then(|len| s.get(len..))
        .unwrap_or(s)
}

/// The title on a callout's first line (`[!success]- Wins` gives `Wins`), when it opens one.
pub(super) fn callout_title(line: &str) -> Option<&str> {
    callout_marker_len(line)
        .and_then(|len| line.get(len..))
        .map(str::trim)
}

/// How long the `[!type]` marker (with the spaces before it and its fold sign) that opens a
/// callout is, when `s` opens one.
fn callout_marker_len(s: &str) -> Option<usize> {
    let lead = s.len() - s.trim_start().len();
    let inner = s.get(lead..)?.strip_prefix("[!")?;
    let line = inner.split('\n').next().unwrap_or_default();
    let close = line.find(']')?;
    let kind = line.get(..close)?;
    if kind.is_empty() || kind.contains(char::is_whitespace) {
        return None;
    }
    let after = inner.get(close + 1..)?;
    let fold = after.len() - after.trim_start_matches(['+', '-']).len();
    Some(lead + 2 + close + 1 + fold)
}

/// Whether an entry's text is a template placeholder rather than a win: nothing once Templater
/// commands (`<% tp.file.cursor() %>`, left as they are when the core Templates plugin inserts a
/// template) are set aside. (Any other text is a win, however short: `add` writes what the
/// person typed and must read it back.)
pub(super) fn is_placeholder(text: &str) -> bool {
    let mut rest = text;
    while let Some(open) = rest.find("<%") {
        if !rest.get(..open).unwrap_or_default().trim().is_empty() {
            return false;
        }
        match rest.get(open..).and_then(|r| r.find("%>")) {
            Some(close) => rest = rest.get(open + close + 2..).unwrap_or_default(),
            None => return false,
        }
    }
    rest.trim().is_empty()
}

/// A field key as written before its `::` (`Win ::`), as the key name.
fn field_key(written: &str) -> String {
    written
        .split("::")
        .next()
        .unwrap_or_default()
        .trim()
        .to_lowercase()
}

/// What to cut of each win tag: one at the start or the end of its line's words (or among the
/// trailing tags) goes with the spaces before it; one inside a sentence keeps its word ("a #win
/// with" reads "a win with"). `skip` holds every tag and cut part, which are no words.
fn win_tag_deletions(
    out: &str,
    content: Range<usize>,
    mut skip: Vec<Range<usize>>,
    marks: &[WinMark],
) -> Vec<Range<usize>> {
    skip.sort_by_key(|r| r.start);
    let skip = merged(skip);
    // Per line of the content: its start, where its first word character is, where its last ends.
    let mut lines: Vec<(usize, Option<usize>, usize)> = Vec::new();
    let mut line = (content.start, None, 0);
    let mut next_skip = 0;
    let text = out.get(content.clone()).unwrap_or_default();
    for (i, c) in text.char_indices() {
        let at = content.start + i;
        if c == '\n' {
            lines.push(line);
            line = (at + 1, None, 0);
            continue;
        }
        while skip.get(next_skip).is_some_and(|r| r.end <= at) {
            next_skip += 1;
        }
        if skip.get(next_skip).is_some_and(|r| r.start <= at) || !c.is_alphanumeric() {
            continue;
        }
        line.1.get_or_insert(at);
        line.2 = at + c.len_utf8();
    }
    lines.push(line);
    let mut cuts = Vec::with_capacity(marks.len());
    for mark in marks {
        let r = &mark.range;
        let i = lines.partition_point(|l| l.0 <= r.start).saturating_sub(1);
        let inside = lines
            .get(i)
            .is_some_and(|&(_, first, last)| first.is_some_and(|f| f < r.start) && last > r.end);
        if !inside {
            let before = out.get(content.start..r.start).unwrap_or_default();
            let spaces = before.len() - before.trim_end_matches([' ', '\t']).len();
            cuts.push(r.start - spaces..r.end);
            continue;
        }
        match mark.shape {
            TagShape::Hash => {
                cuts.push(r.start..r.start + 1);
                if out.as_bytes().get(r.end.saturating_sub(1)) == Some(&b'/') {
                    cuts.push(r.end - 1..r.end);
                }
            }
            TagShape::Brackets => {
                cuts.push(r.start..r.start + 3);
                cuts.push(r.end.saturating_sub(2)..r.end);
            }
            TagShape::PageRef => {}
        }
    }
    cuts
}

/// Sorted ranges with overlapping ones joined.
fn merged(sorted: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::with_capacity(sorted.len());
    for r in sorted {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
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

/// After the whitespace and `>` markers that start a continuation line in a blockquote.
pub(super) fn skip_quote_prefix(s: &str, p: usize) -> usize {
    s.get(p..).map_or(p, |rest| {
        p + rest.len() - rest.trim_start_matches([' ', '\t', '>']).len()
    })
}

/// After ATX heading marks (`## `) at `p`, as a Logseq heading block writes them after its bullet.
fn skip_heading_marks(s: &str, p: usize) -> usize {
    let Some(rest) = s.get(p..) else { return p };
    let marks = rest.bytes().take_while(|&b| b == b'#').count();
    let after = rest.get(marks..).unwrap_or_default();
    if !(1..=6).contains(&marks) || after.starts_with(|c: char| !c.is_whitespace()) {
        return p;
    }
    p + rest.len() - after.trim_start().len()
}

/// After a list marker (`-`, `*`, `+`, `1.`, `1)`) and the whitespace around it.
pub(super) fn skip_list_marker(s: &str, p: usize) -> usize {
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
