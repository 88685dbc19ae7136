//! The walk over a note's markdown events: units (list items, and paragraphs outside lists),
//! their containers (nested lists, quotes, callouts), headings and the wins sections they open,
//! and what each unit makes: at most one entry, or one per `win::` line of a paragraph.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::fields::find_colons;
use super::survey::Block;
use super::unit::{skip_quote_prefix, Unit, UnitText};
use super::{time, Lines, WinMatcher};
use crate::markdown::{self, comments, in_ranges, push_disjoint, tags};
use crate::model::{Diagnostic, Entry, ParsedNote, Severity, WinKind};

/// Message of the warning for a win tag written inside code.
pub(super) const CODE_TAG_WARNING: &str =
    "win tag inside code is not counted; move it out of the code span";

/// One pass over the markdown events of a note.
pub(super) struct Walker<'a> {
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
    pub(super) fn new(
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

    pub(super) fn run(mut self, blocks: Option<Vec<Block>>) {
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
        for (event, r) in markdown::parser(text).into_offset_iter() {
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
                if comments::is_html_comment(&text) {
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
                    .is_some_and(comments::is_html_comment);
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
            tags::scan(text, &[], &mut found);
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
        tags::scan(text, &[], &mut found);
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
                if let Some((t, end)) = time::leading(&view.out, body.start) {
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
