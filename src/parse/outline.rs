//! The walk over a note's markdown events: units (list items, and paragraphs outside lists),
//! their containers (the note, list items, quotes and callouts), the wins sections labels open in
//! them, and what each unit makes: at most one entry, or one per win field.
//!
//! A wins section is opened by a label and holds the *direct* items of the lists it covers:
//! - a heading covers the lists of its container (the note, a list item, a quote) until the next
//!   heading of the same or a higher level in that container;
//! - an outline label (a list item whose own text is the label) covers its nested lists;
//! - a bold label (a paragraph of only strong or emphasised text) covers the list right after it;
//! - a callout's title covers the lists of the callout.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};

use super::fields::find_colons;
use super::layout::{self, LabelKind, LabelSite, Sites};
use super::survey::Block;
use super::unit::{skip_quote_prefix, FieldText, Unit, UnitText};
use super::{time, Lines, WinMatcher};
use crate::markdown::{self, comments, in_ranges, push_disjoint, tags};
use crate::model::{Diagnostic, Entry, ParsedNote, Severity, WinKind};

/// Message of the warning for a win tag written inside code.
pub(super) const CODE_TAG_WARNING: &str =
    "win tag inside code is not counted; move it out of the code span";

/// A container of blocks: the note itself, a list item or a block quote.
struct Frame {
    kind: FrameKind,
    /// The level of the heading that opened a wins section in this container, while it runs.
    heading: Option<usize>,
    /// Every list directly in this container is a wins list (an outline label's item, a callout
    /// titled as a label).
    all_lists: bool,
    /// A bold label just ended: the next block, if it is a list, is a wins list.
    pending: bool,
    /// No block has started in this container yet (a callout's title is its first paragraph).
    first_block: bool,
    /// Nothing but one paragraph has started in this container: an item whose text before its
    /// nested list is more (a quote, a heading, code, a second paragraph) is no outline label.
    one_paragraph: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum FrameKind {
    Note,
    Item,
    Quote,
}

impl Frame {
    fn new(kind: FrameKind) -> Frame {
        Frame {
            kind,
            heading: None,
            all_lists: false,
            pending: false,
            first_block: true,
            one_paragraph: true,
        }
    }
}

/// An open list.
struct List {
    /// Its items are wins of a section.
    wins: bool,
    /// Where a recording walk keeps its items (see [`Walker::recording`]).
    site: Option<usize>,
    /// It only numbers the item it opens (`- 1. text`): its items are that item's text.
    numbering: bool,
}

/// An open paragraph, watched for a bold label or a callout title.
struct Paragraph {
    start: usize,
    end: usize,
    /// Open emphasis and strong spans.
    emphasis: usize,
    /// Nothing but emphasised text (and a colon after it) so far.
    only_emphasis: bool,
    /// Some emphasised text was seen.
    emphasised: bool,
    /// Its text, for a label.
    text: String,
    /// It is the first block of a quote, so it may open a callout.
    callout: bool,
}

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
    frames: Vec<Frame>,
    lists: Vec<List>,
    /// Per open item: whether it is a unit (an item that only numbers its parent is not).
    items: Vec<bool>,
    item_depth: usize,
    quote_depth: usize,
    code_block_depth: usize,
    link_depth: usize,
    heading: Option<(usize, usize, String)>,
    paragraph: Option<Paragraph>,
    /// With patterns: where no pattern may match (code, math, comments), in document order.
    excluded: Vec<Range<usize>>,
    /// With patterns: the text of units that became entries, which no pattern matches again.
    claimed: Vec<Range<usize>>,
    /// Where every label and wins list goes, when the walk records them.
    sites: Option<&'a mut Sites>,
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
            frames: vec![Frame::new(FrameKind::Note)],
            lists: Vec::new(),
            items: Vec::new(),
            item_depth: 0,
            quote_depth: 0,
            code_block_depth: 0,
            link_depth: 0,
            heading: None,
            paragraph: None,
            excluded: Vec::new(),
            claimed: Vec::new(),
            sites: None,
        }
    }

    /// Records every label and every wins list met into `sites`, for [`WinMatcher::layout`].
    pub(super) fn recording(mut self, sites: &'a mut Sites) -> Self {
        self.sites = Some(sites);
        self
    }

    /// Records a label, when the walk records.
    fn record_label(
        &mut self,
        kind: LabelKind,
        text: &str,
        range: Range<usize>,
        names: bool,
        nested: bool,
    ) {
        if let Some(sites) = self.sites.as_deref_mut() {
            sites.labels.push(LabelSite {
                kind,
                text: text.to_owned(),
                range,
                names,
                nested,
            });
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

    /// Whether a heading opened a wins section at the top level of the note.
    fn note_section_is_open(&self) -> bool {
        self.frames.first().is_some_and(|f| f.heading.is_some())
    }

    /// Walks the note (or, with the survey's `blocks`, the blocks that may hold wins); returns
    /// what patterns need: where they may not match, and the text already taken by entries.
    pub(super) fn run(
        mut self,
        blocks: Option<Vec<Block>>,
    ) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
        let Some(blocks) = blocks else {
            self.parse_range(0..self.md.len());
            return self.finish_walk();
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
            let section_is_open = self.note_section_is_open();
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
        self.finish_walk()
    }

    fn finish_walk(mut self) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
        if self.m.patterns.is_empty() {
            return (Vec::new(), Vec::new());
        }
        self.excluded.extend(self.comments.iter().cloned());
        self.excluded.sort_by_key(|r| r.start);
        self.claimed.sort_by_key(|r| r.start);
        (self.excluded, self.claimed)
    }

    /// Feeds the events of `md[range]` to the walker; `range` must start a block at top level.
    fn parse_range(&mut self, range: Range<usize>) {
        let md = self.md;
        let Some(text) = md.get(range.clone()) else {
            return;
        };
        // A bold label never reaches into a block that was not read.
        if let Some(note) = self.frames.first_mut() {
            note.pending = false;
        }
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
                self.exclude(range.clone());
                self.code_text(&text, range.start);
                if let Some((_, _, h)) = &mut self.heading {
                    h.push_str(&text);
                }
                self.not_only_emphasis();
            }
            Event::InlineMath(_) | Event::DisplayMath(_) => {
                self.opaque(range.clone());
                self.exclude(range);
                self.not_only_emphasis();
            }
            Event::InlineHtml(text) => {
                if comments::is_html_comment(&text) {
                    self.exclude(range.clone());
                    self.hidden(range);
                } else {
                    self.opaque(range);
                }
                self.not_only_emphasis();
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, _, h)) = &mut self.heading {
                    h.push(' ');
                }
                if let Some(p) = &mut self.paragraph {
                    p.text.push(' ');
                }
            }
            Event::Rule => self.block_starts(),
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
            Tag::Item => self.start_item(range),
            Tag::List(_) => self.start_list(range),
            Tag::Paragraph => {
                let callout = self
                    .frames
                    .last()
                    .is_some_and(|f| f.kind == FrameKind::Quote && f.first_block);
                self.starts(true);
                self.paragraph = Some(Paragraph {
                    start: range.start,
                    end: range.end,
                    emphasis: 0,
                    only_emphasis: true,
                    emphasised: false,
                    text: String::new(),
                    callout,
                });
                if self.item_depth == 0 {
                    let unit = Unit::new(false, range, false, self.quote_depth);
                    self.stack.push(unit);
                }
            }
            Tag::BlockQuote(_) => {
                self.block_starts();
                self.quote_depth += 1;
                self.frames.push(Frame::new(FrameKind::Quote));
            }
            Tag::Heading { level, .. } => {
                self.block_starts();
                let text = String::with_capacity(range.len());
                self.heading = Some((level as usize, range.start, text));
            }
            Tag::CodeBlock(_) => {
                self.block_starts();
                self.code_block_depth += 1;
                self.opaque(range.clone());
                self.exclude(range);
            }
            Tag::HtmlBlock => {
                self.block_starts();
                let is_comment = self
                    .md
                    .get(range.clone())
                    .is_some_and(comments::is_html_comment);
                if is_comment {
                    self.exclude(range.clone());
                    self.hidden(range);
                } else {
                    self.opaque(range);
                }
            }
            Tag::Table(_) | Tag::FootnoteDefinition(_) | Tag::DefinitionList => {
                self.block_starts();
            }
            Tag::Emphasis | Tag::Strong => {
                if let Some(p) = &mut self.paragraph {
                    p.emphasis += 1;
                }
            }
            Tag::Link { link_type, .. } => {
                self.link_depth += 1;
                if self.m.logseq && matches!(link_type, LinkType::WikiLink { has_pothole: false }) {
                    if let Some(unit) = self.stack.last_mut() {
                        unit.page_refs.push(range.clone());
                    }
                }
                self.opaque(range);
                self.not_only_emphasis();
            }
            Tag::Image { .. } => {
                self.link_depth += 1;
                self.opaque(range);
                self.not_only_emphasis();
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Item if self.items.pop() == Some(true) => {
                self.frames.pop();
                self.item_depth = self.item_depth.saturating_sub(1);
                if let Some(unit) = self.stack.pop() {
                    self.finish(unit);
                }
            }
            TagEnd::List(_) => {
                self.lists.pop();
            }
            TagEnd::Paragraph => self.end_paragraph(),
            TagEnd::BlockQuote(_) => {
                self.quote_depth = self.quote_depth.saturating_sub(1);
                if self.frames.len() > 1 {
                    self.frames.pop();
                }
            }
            TagEnd::Heading(_) => self.end_heading(),
            TagEnd::CodeBlock => self.code_block_depth = self.code_block_depth.saturating_sub(1),
            TagEnd::Emphasis | TagEnd::Strong => {
                if let Some(p) = &mut self.paragraph {
                    p.emphasis = p.emphasis.saturating_sub(1);
                }
            }
            TagEnd::Link | TagEnd::Image => self.link_depth = self.link_depth.saturating_sub(1),
            _ => {}
        }
    }

    /// A block starts in the current container: a bold label before it applies no more.
    fn block_starts(&mut self) {
        self.starts(false);
    }

    /// A block (a paragraph, when `paragraph`) starts in the current container.
    fn starts(&mut self, paragraph: bool) {
        if let Some(frame) = self.frames.last_mut() {
            frame.pending = false;
            frame.one_paragraph &= paragraph && frame.first_block;
            frame.first_block = false;
        }
    }

    fn start_item(&mut self, range: Range<usize>) {
        let numbering = self.lists.last().is_some_and(|l| l.numbering);
        self.items.push(!numbering);
        if numbering {
            return;
        }
        let in_section = self.lists.last().is_some_and(|l| l.wins);
        let site = self.lists.last().and_then(|l| l.site);
        if let (Some(sites), Some(site)) = (self.sites.as_deref_mut(), site) {
            if let Some(items) = sites.lists.get_mut(site) {
                items.push(range.clone());
            }
        }
        let unit = Unit::new(true, range, in_section, self.quote_depth);
        self.stack.push(unit);
        self.item_depth += 1;
        self.frames.push(Frame::new(FrameKind::Item));
    }

    fn start_list(&mut self, range: Range<usize>) {
        let in_item = self
            .frames
            .last()
            .is_some_and(|f| f.kind == FrameKind::Item)
            && self.items.last() == Some(&true);
        let item_start = self
            .stack
            .last()
            .filter(|u| u.is_item)
            .map(|u| u.range.start);
        // `- 1. text`: a list that opens its item with nothing before it only numbers the item.
        if let Some(start) = item_start.filter(|_| in_item) {
            if self.only_marker_between(start, range.start) {
                if let Some(unit) = self.stack.last_mut() {
                    unit.numbered = true;
                }
                self.lists.push(List {
                    wins: false,
                    site: None,
                    numbering: true,
                });
                return;
            }
        }
        if in_item && self.stack.last().is_some_and(|u| !u.label_checked) {
            let text = self.outline_label(range.start);
            let label = text
                .as_deref()
                .is_some_and(|text| self.m.names_section(text));
            // A win with details is not a label, unless it names a section of its own.
            let in_section = self.stack.last().is_some_and(|u| u.in_section);
            if let (Some(text), Some(start), true) = (&text, item_start, label || !in_section) {
                // The item's own frame is open: the label sits in the container around it.
                let nested = self.frames.len() > 2;
                let site = start..range.start;
                self.record_label(LabelKind::Outline, text, site, label, nested);
            }
            if let Some(unit) = self.stack.last_mut() {
                unit.label_checked = true;
                unit.label = label;
            }
            if let Some(frame) = self.frames.last_mut().filter(|_| label) {
                frame.all_lists = true;
            }
        }
        let wins = self
            .frames
            .last()
            .is_some_and(|f| f.heading.is_some() || f.all_lists || f.pending);
        self.block_starts();
        // A nested list's items are entries of their own, never part of the parent's text.
        if let Some(unit) = self.stack.last_mut().filter(|u| u.is_item) {
            unit.hidden.push(range);
        }
        let site = self.sites.as_deref_mut().filter(|_| wins).map(|sites| {
            sites.lists.push(Vec::new());
            sites.lists.len() - 1
        });
        self.lists.push(List {
            wins,
            site,
            numbering: false,
        });
    }

    /// Whether only a list marker (and whitespace) lies in `md[start..end]`.
    fn only_marker_between(&self, start: usize, end: usize) -> bool {
        let between = self.md.get(start..end).unwrap_or_default();
        let after = super::unit::skip_list_marker(between, 0);
        between
            .get(after..)
            .is_some_and(|rest| rest.trim().is_empty())
    }

    /// The text of the open item, whose nested list starts at `list_start`, if it may be an
    /// outline label (it is one when the text names a wins section): it is no task, no heading
    /// block, one paragraph only, and carries no win tag.
    fn outline_label(&self, list_start: usize) -> Option<String> {
        let unit = self.stack.last()?;
        let one_paragraph = self.frames.last().is_some_and(|f| f.one_paragraph);
        if unit.task.is_some() || unit.heading_block || !one_paragraph {
            return None;
        }
        let view = UnitText::of_range(
            self.md,
            unit.range.start..list_start,
            unit.hidden.clone(),
            &unit.opaque,
            &self.comments,
        );
        view.label(self.m, unit)
    }

    fn end_paragraph(&mut self) {
        if let Some(p) = self.paragraph.take() {
            if p.callout {
                self.callout_title(p.start);
            }
            let bold = p.only_emphasis && p.emphasis == 0 && !p.text.trim().is_empty();
            let label = bold && self.m.names_section(&p.text);
            if bold {
                let nested = self.frames.len() > 1;
                self.record_label(LabelKind::Bold, &p.text, p.start..p.end, label, nested);
            }
            if let Some(frame) = self.frames.last_mut().filter(|_| label) {
                frame.pending = true;
            }
        }
        if self.item_depth == 0 {
            if let Some(unit) = self.stack.pop() {
                self.finish(unit);
            }
        }
    }

    /// The first paragraph of a quote, starting at `start`, may open a callout (`> [!success]
    /// Wins`): its title may label the callout's lists, and is not part of a win's text.
    fn callout_title(&mut self, start: usize) {
        let rest = self.md.get(start..).unwrap_or_default();
        let line_len = rest.find('\n').unwrap_or(rest.len());
        let line = rest.get(..line_len).unwrap_or_default();
        let Some(title) = super::unit::callout_title(line) else {
            return;
        };
        let names = self.m.names_section(title);
        let title_range = layout::line_range(self.md, start);
        let nested = self.frames.len() > 1;
        self.record_label(LabelKind::Callout, title, title_range, names, nested);
        if names {
            if let Some(frame) = self.frames.last_mut() {
                frame.all_lists = true;
            }
        }
        if let Some(unit) = self.stack.last_mut().filter(|u| !u.is_item) {
            let body = skip_quote_prefix(self.md, start + line_len + 1);
            // A callout with only a title keeps it: it is all the person wrote there.
            if body < unit.range.end {
                unit.hidden.push(start..body);
            }
        }
    }

    fn not_only_emphasis(&mut self) {
        if let Some(p) = self.paragraph.as_mut().filter(|p| p.emphasis == 0) {
            p.only_emphasis = false;
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

    fn exclude(&mut self, range: Range<usize>) {
        if !self.m.patterns.is_empty() {
            push_disjoint(&mut self.excluded, range);
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
        if let Some(p) = &mut self.paragraph {
            p.text.push_str(text);
            // A label is emphasis first; only a colon may follow it (`**Wins**:`).
            let colon = p.emphasised && text.chars().all(|c| c.is_whitespace() || c == ':');
            if p.emphasis > 0 {
                p.emphasised = true;
            } else if !colon {
                p.only_emphasis = false;
            }
        }
        // Units are scanned as a whole when they close; only stray text (headings, tables) is left.
        if self.stack.is_empty()
            && self.link_depth == 0
            && !self.note.rest
            && !in_ranges(&self.comments, range.start)
        {
            let mut found = Vec::new();
            tags::scan_as(text, &[], self.m.dialect(), &mut found);
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
        // A heading block (`- ## Wins`) structures the outline; it is never a win of a section.
        if let Some(unit) = self.stack.last_mut().filter(|u| {
            u.is_item
                && self
                    .frames
                    .last()
                    .is_some_and(|f| f.kind == FrameKind::Item)
        }) {
            unit.heading_block = true;
        }
        if in_ranges(&self.comments, start) {
            return;
        }
        let names = self.m.names_section(&text);
        let heading_range = layout::heading_range(self.md, start);
        let nested = self.frames.len() > 1;
        self.record_label(
            LabelKind::Heading(level),
            &text,
            heading_range,
            names,
            nested,
        );
        let Some(frame) = self.frames.last_mut() else {
            return;
        };
        if frame.heading.is_some_and(|s| level <= s) {
            frame.heading = None;
        }
        if frame.heading.is_none() && names {
            frame.heading = Some(level);
        }
    }

    fn finish(&mut self, mut unit: Unit) {
        let open = unit.task == Some(false);
        let section_item =
            unit.is_item && unit.in_section && !unit.label && !unit.heading_block && !open;
        let task_item = self.m.done_tasks && unit.is_item && !open;
        // Most units hold no win tag and no field; skipping them early keeps big vaults fast.
        if !section_item && !task_item && !self.has_hit(&unit.range) {
            return;
        }
        let view = UnitText::build(self.md, &mut unit, &self.comments);
        if !section_item
            && !task_item
            && unit.page_refs.is_empty()
            && memchr::memchr(b'#', view.out.as_bytes()).is_none()
            && find_colons(view.out.as_bytes()).is_none()
        {
            return;
        }
        let prep = view.prepare(self.m, &unit);
        if prep.rest {
            self.note.rest = true;
        }
        // An open task is a plan, not a win, whatever it carries.
        if open || prep.marker == Some(false) {
            return;
        }
        let line = self.line_of(view.first_visible());
        let pushed = self.note.entries.len() + self.note.empty_entries.len();
        let found = |kind, date, fallback| Found {
            kind,
            time: prep.time.clone(),
            text: view.clean(prep.content.clone(), &prep.deletions, unit.quote_depth),
            line,
            date,
            fallback,
        };
        if prep.tagged {
            self.push(found(WinKind::Tag, None, prep.win_tag.clone()), &prep.tags);
        } else if section_item {
            self.push(found(WinKind::Section, None, None), &prep.tags);
        } else {
            let fields = find_colons(view.out.as_bytes()).is_some()
                && self.push_fields(&view, &unit, &prep, line);
            let done = unit.task == Some(true) || prep.marker == Some(true);
            if !fields && task_item && done {
                self.push(found(WinKind::Task, prep.done, None), &prep.tags);
            }
        }
        let claims = self.note.entries.len() + self.note.empty_entries.len() > pushed;
        if claims && !self.m.patterns.is_empty() {
            self.claimed.extend(view.source_ranges());
        }
    }

    /// Pushes the win fields of a unit: the field leading an item, else each inline field; in a
    /// paragraph, the fields of every line. Whether any was found.
    fn push_fields(
        &mut self,
        view: &UnitText,
        unit: &Unit,
        prep: &super::unit::Prepared,
        line: usize,
    ) -> bool {
        if unit.is_item {
            let fields = view.field_texts(
                self.m,
                prep.content.clone(),
                &prep.deletions,
                unit.quote_depth,
            );
            let found = !fields.is_empty();
            for field in fields {
                self.push_field(field, prep.time.clone(), &prep.tags, line);
            }
            return found;
        }
        let mut found = false;
        // In a paragraph every line holding a win field is an entry of its own.
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
            let fields = view.field_texts(self.m, body.clone(), &prep.deletions, unit.quote_depth);
            if fields.is_empty() {
                continue;
            }
            found = true;
            let line = self.line_of(view.to_src(body.start));
            for field in fields {
                self.push_field(field, time.clone(), &prep.tags, line);
            }
        }
        found
    }

    fn push_field(&mut self, field: FieldText, time: Option<String>, tags: &[String], line: usize) {
        let found = Found {
            kind: WinKind::Field,
            time,
            text: field.text,
            line,
            date: None,
            fallback: Some(field.key),
        };
        self.push(found, tags);
    }

    /// Records an entry. A placeholder (empty once markers, numbering and template commands are
    /// gone) is no win: a tagged or field one is recorded for `check`, or counts by its tag or
    /// key name with `allow_empty`.
    fn push(&mut self, found: Found, tags: &[String]) {
        let mut text = found.text;
        if super::unit::is_placeholder(&text) {
            let Some(name) = found.fallback else {
                return;
            };
            if !self.m.allow_empty {
                self.note.empty_entries.push(found.line);
                return;
            }
            text = name;
        }
        self.note.entries.push(Entry {
            time: found.time,
            text,
            tags: tags.to_vec(),
            line: found.line,
            kind: found.kind,
            date: found.date,
        });
    }
}

/// An entry a unit makes, before it is told from a placeholder.
struct Found {
    kind: WinKind,
    time: Option<String>,
    text: String,
    line: usize,
    /// The entry's own day (a done task's done date).
    date: Option<chrono::NaiveDate>,
    /// What an empty tagged or field entry is shown as with `allow_empty`: its tag or key name.
    fallback: Option<String>,
}
