//! A unit (a list item, or a paragraph outside lists) turned into text: its own source with
//! nested lists, task boxes and comments cut out, its tags, time and field syntax found, and
//! the entry text cleaned as SPEC §2 says.

use std::ops::Range;

use super::fields::{bracket_fields, leading_field};
use super::{time, WinMatcher};
use crate::markdown::tags;

/// A list item or a paragraph outside lists, while its events are being read.
pub(super) struct Unit {
    pub(super) is_item: bool,
    pub(super) range: Range<usize>,
    /// Parts left out of the text: nested lists, the task box, HTML comments.
    pub(super) hidden: Vec<Range<usize>>,
    /// Parts kept in the text but never searched for tags or fields: code, HTML, links.
    pub(super) opaque: Vec<Range<usize>>,
    pub(super) task: Option<bool>,
    pub(super) top_level: bool,
    pub(super) in_section: bool,
    pub(super) quote_depth: usize,
}

/// What a unit says once its tags, time and field syntax are known.
pub(super) struct Prepared {
    pub(super) content: Range<usize>,
    pub(super) time: Option<String>,
    pub(super) deletions: Vec<Range<usize>>,
    pub(super) tags: Vec<String>,
    pub(super) tagged: bool,
    pub(super) rest: bool,
}

/// A unit's own source, with hidden parts cut out, and the map back to note offsets.
pub(super) struct UnitText {
    pub(super) out: String,
    /// `(text offset, markdown offset)` where each copied piece starts.
    chunks: Vec<(usize, usize)>,
    opaque: Vec<Range<usize>>,
}

impl UnitText {
    pub(super) fn build(md: &str, unit: &mut Unit, comments: &[Range<usize>]) -> UnitText {
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

    pub(super) fn to_src(&self, at: usize) -> usize {
        let i = self.chunks.partition_point(|c| c.0 <= at);
        match i.checked_sub(1).and_then(|i| self.chunks.get(i)) {
            Some((out_start, src_start)) => src_start + (at - out_start),
            None => 0,
        }
    }

    pub(super) fn prepare(&self, m: &WinMatcher, is_item: bool) -> Prepared {
        let mut found = Vec::new();
        tags::scan(&self.out, &self.opaque, &mut found);
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
        if let Some((t, end)) = time::leading(&self.out, start) {
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
    pub(super) fn field_text(
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

/// After the whitespace and `>` markers that start a continuation line in a blockquote.
pub(super) fn skip_quote_prefix(s: &str, p: usize) -> usize {
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
