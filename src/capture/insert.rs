//! Where the win goes: into the note's own wins section, in the note's own shape. The parser
//! says where the labels and the wins lists are ([`WinMatcher::layout`]); this decides the line
//! and writes it as the note's other items are written:
//!
//! - under the first label that names a wins section (a heading, an outline label, a Logseq
//!   heading block, a bold label, a callout title): into its first empty placeholder item
//!   (`- `, `1.`, `- #win`, or a `- ` that markdown reads as the label's setext underline),
//!   else after its last direct item (after that item's details), with the same indentation
//!   and marker (a numbered list gets the next number);
//! - a section without items gets its first item right under the label (a Logseq heading block
//!   gets a child block);
//! - a note that keeps its wins as a front matter list, and has no wins section, gets the next
//!   item of that list;
//! - a note without a wins label gets one: a top-level `- TEXT #win` block in a Logseq graph, a
//!   `## Wins` section at the end elsewhere.
//!
//! Every placement is read back by the parser, and kept only if the new line is a win and every
//! other win of the note reads exactly as before.

use crate::markdown::tags;
use crate::model::{Entry, WinKind, WinRules};
use crate::parse::layout::{Label, LabelKind, NoteLayout};
use crate::parse::WinMatcher;

/// Puts the item (its text, without a bullet) into `note` and checks it with the parser. Returns
/// the new text and the item's 1-based line, or `None` when no placement reads back right (an
/// unclosed code block or comment swallows the end of the note).
pub(super) fn place_win(note: &str, item: &str, rules: &WinRules) -> Option<(String, usize)> {
    let matcher = WinMatcher::new(rules);
    let (parsed, layout) = matcher.parse_with_layout(note);
    let before = &parsed.entries;
    let text = NoteText::new(note);
    let in_sections = layout
        .labels
        .iter()
        .filter(|label| label.names_section)
        .filter_map(|label| into_section(&text, &layout, label, item, rules));
    let in_properties = into_properties(&text, before, &parsed.property_placeholders, item);
    let fallback = if rules.logseq {
        text.append_block(item)
    } else {
        let heading = rules.sections.first().map_or("Wins", String::as_str);
        text.append_section(heading, item)
    };
    in_sections
        .chain(in_properties)
        .chain([fallback])
        .map(|placed| (text.render(&placed), placed))
        .find(|(updated, placed)| keeps_every_win(before, &matcher.parse(updated).entries, placed))
        .map(|(updated, placed)| (updated, placed.line))
}

/// A new line for the note: where it goes and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Placed {
    /// 1-based line the new item ends up on.
    line: usize,
    /// Replaces that line (a placeholder) instead of pushing it down.
    replaces: bool,
    /// The item's whole line, without its line ending.
    content: String,
    /// Lines to put before it, each without its line ending (a blank line before a list after
    /// prose, a heading).
    before: Vec<String>,
    /// Lines to put after it: the block properties a Logseq sibling carries for its list's
    /// numbering.
    after: Vec<String>,
}

/// Whether the note after the edit holds a win on the new line and every other win as before
/// (those below an inserted line one line further down).
fn keeps_every_win(before: &[Entry], after: &[Entry], placed: &Placed) -> bool {
    let new_line = placed.line;
    let added = placed.before.len() + usize::from(!placed.replaces) + placed.after.len();
    let first_moved = new_line - placed.before.len();
    if !after.iter().any(|entry| entry.line == new_line) {
        return false;
    }
    let moved: Vec<Entry> = before
        .iter()
        .map(|entry| Entry {
            line: if entry.line >= first_moved && !(placed.replaces && entry.line == new_line) {
                entry.line + added
            } else {
                entry.line
            },
            ..entry.clone()
        })
        .collect();
    let others: Vec<&Entry> = after.iter().filter(|e| e.line != new_line).collect();
    others.len() == moved.len() && others.iter().zip(&moved).all(|(a, b)| *a == b)
}

/// The note as lines, each with its own line ending (a note may mix them), and its byte-order
/// mark set aside.
struct NoteText<'a> {
    bom: &'a str,
    /// Each line's content.
    lines: Vec<&'a str>,
    /// Each line's ending: `\r\n`, `\n`, or nothing on a last line without one.
    endings: Vec<&'a str>,
    /// The ending new lines get: the first line's.
    eol: &'static str,
}

impl<'a> NoteText<'a> {
    fn new(note: &'a str) -> NoteText<'a> {
        let (bom, body) = match note.strip_prefix('\u{feff}') {
            Some(body) => ("\u{feff}", body),
            None => ("", note),
        };
        let eol = match body.find('\n') {
            Some(at) if at > 0 && body.as_bytes().get(at - 1) == Some(&b'\r') => "\r\n",
            _ => "\n",
        };
        let (lines, endings) = body
            .split_inclusive('\n')
            .map(|line| {
                let content = line.trim_end_matches('\n');
                let content = content.strip_suffix('\r').unwrap_or(content);
                (content, line.get(content.len()..).unwrap_or_default())
            })
            .unzip();
        NoteText {
            bom,
            lines,
            endings,
            eol,
        }
    }

    /// The 1-based line `number`, without its line ending.
    fn line(&self, number: usize) -> &'a str {
        number
            .checked_sub(1)
            .and_then(|i| self.lines.get(i))
            .copied()
            .unwrap_or_default()
    }

    /// The note with `placed` written in, every other byte as it was.
    fn render(&self, placed: &Placed) -> String {
        let mut out = String::from(self.bom);
        let first_new = placed.line - placed.before.len();
        let push_lines = |out: &mut String, lines: &[String]| {
            for line in lines {
                out.push_str(line);
                out.push_str(self.eol);
            }
        };
        for (i, (line, ending)) in self.lines.iter().zip(&self.endings).enumerate() {
            if i + 1 == first_new {
                push_lines(&mut out, &placed.before);
                if placed.replaces {
                    out.push_str(&placed.content);
                    out.push_str(ending);
                    continue;
                }
                out.push_str(&placed.content);
                out.push_str(self.eol);
                push_lines(&mut out, &placed.after);
            }
            out.push_str(line);
            out.push_str(ending);
        }
        if first_new > self.lines.len() {
            // The last line gets the line break it lacked, so the new ones start a line.
            if self.endings.last().is_some_and(|ending| ending.is_empty()) {
                out.push_str(self.eol);
            }
            push_lines(&mut out, &placed.before);
            out.push_str(&placed.content);
            out.push_str(self.eol);
            push_lines(&mut out, &placed.after);
        }
        out
    }

    /// A top-level block at the end: how a Logseq journal takes a win it has no section for.
    fn append_block(&self, item: &str) -> Placed {
        let last = self.last_content_line();
        Placed {
            line: last + 1,
            replaces: false,
            content: format!("- {item}"),
            before: Vec::new(),
            after: Vec::new(),
        }
    }

    /// A new wins section at the end of the note, after a blank line.
    fn append_section(&self, heading: &str, item: &str) -> Placed {
        let last = self.last_content_line();
        let mut before = Vec::new();
        if last > 0 {
            before.push(String::new());
        }
        before.push(format!("## {heading}"));
        Placed {
            line: last + before.len() + 1,
            replaces: false,
            content: format!("- {item}"),
            before,
            after: Vec::new(),
        }
    }

    /// The last line holding anything but whitespace (0 for an empty note).
    fn last_content_line(&self) -> usize {
        self.lines
            .iter()
            .rposition(|line| !line.trim().is_empty())
            .map_or(0, |i| i + 1)
    }

    /// How the note indents one level of an outline: as its first indented item does, else
    /// with a tab (Obsidian's and Logseq's default).
    fn indent_unit(&self) -> String {
        self.lines
            .iter()
            .map(|line| Marker::read(line))
            .find(|marker| !marker.indent.is_empty() && !marker.indent.contains('>'))
            .map_or_else(|| "\t".to_owned(), |marker| marker.indent)
    }
}

/// The win as an item of the section `label` opens, if the note has it in a shape to write into.
fn into_section(
    text: &NoteText,
    layout: &NoteLayout,
    label: &Label,
    item: &str,
    rules: &WinRules,
) -> Option<Placed> {
    let lists: Vec<_> = layout
        .lists
        .iter()
        .filter(|list| {
            list.items.first().is_some_and(|first| {
                first.line > label.last_line
                    && owner(layout, first.line).is_some_and(|owner| owner.line == label.line)
            })
        })
        .collect();
    let placeholder = empty_underline(text, label).or_else(|| {
        lists
            .iter()
            .flat_map(|list| &list.items)
            .find(|entry| {
                entry.line == entry.last_line && is_placeholder(text.line(entry.line), rules)
            })
            .map(|entry| entry.line)
    });
    if let Some(placeholder) = placeholder {
        let marker = Marker::read(text.line(placeholder));
        return Some(Placed {
            line: placeholder,
            replaces: true,
            content: format!("{}{item}", marker.written()),
            before: Vec::new(),
            after: Vec::new(),
        });
    }
    if let Some(last) = lists.last().and_then(|list| list.items.last()) {
        let marker = Marker::read(text.line(last.line));
        let end = subtree_end(text, last.last_line, &marker);
        let numbering = rules
            .logseq
            .then(|| logseq_numbering(text, last.line, end, &marker))
            .flatten();
        return Some(Placed {
            line: end + 1,
            replaces: false,
            content: format!("{}{item}", marker.next().written()),
            before: Vec::new(),
            after: numbering.into_iter().collect(),
        });
    }
    first_item(text, layout, label, item)
}

/// The empty bullet or number right under a label that markdown reads as part of the label
/// but that a person wrote as a template's placeholder: `> - ` under `> [!success] Wins` (a
/// setext underline to markdown) or `> 1.` under a callout title (an empty item cannot
/// interrupt a paragraph, so it continues the title). Obsidian reads a callout's title apart
/// from its body, where these are empty items; so do `**Wins:**` over `- `.
fn empty_underline(text: &NoteText, label: &Label) -> Option<usize> {
    let line = match label.kind {
        _ if label.last_line > label.line => label.last_line,
        LabelKind::Callout => label.last_line + 1,
        _ => return None,
    };
    let under = text.line(line);
    let marker = Marker::read(under);
    let empty = under
        .get(marker.len..)
        .is_some_and(|rest| rest.trim().is_empty());
    let listed = marker.bullet == Some('-') || marker.number.is_some();
    (listed && empty).then_some(line)
}

/// The win as an item of the note's front matter wins list (`wins:` over `  - ran 5k`), when
/// the note keeps its wins there and has no wins section: into its first empty item (`- `
/// left by a template), else after its last item; single-quoted, so that its tags stay text
/// rather than start a YAML comment.
fn into_properties(
    text: &NoteText,
    entries: &[Entry],
    placeholders: &[usize],
    item: &str,
) -> Option<Placed> {
    // A flow list (`wins: [a, b]`) or a single text (`wins: ran`) has no item line to follow.
    let item_line = |line: &usize| {
        let marker = Marker::read(text.line(*line));
        marker.bullet == Some('-') && marker.number.is_none() && !marker.indent.contains('>')
    };
    let quoted = |marker: &Marker| format!("{}'{}'", marker.written(), item.replace('\'', "''"));
    if let Some(&empty) = placeholders.iter().find(|line| item_line(line)) {
        return Some(Placed {
            line: empty,
            replaces: true,
            content: quoted(&Marker::read(text.line(empty))),
            before: Vec::new(),
            after: Vec::new(),
        });
    }
    let last = entries
        .iter()
        .filter(|entry| entry.kind == WinKind::Property)
        .map(|entry| entry.line)
        .max()
        .filter(item_line)?;
    let marker = Marker::read(text.line(last));
    Some(Placed {
        line: subtree_end(text, last, &marker) + 1,
        replaces: false,
        content: quoted(&marker),
        before: Vec::new(),
        after: Vec::new(),
    })
}

/// The label whose section a wins list starting on `line` belongs to: the last label before it
/// that names a section.
fn owner(layout: &NoteLayout, line: usize) -> Option<&Label> {
    layout
        .labels
        .iter()
        .take_while(|label| label.line < line)
        .filter(|label| label.names_section)
        .last()
}

/// The first item of a section that has none yet.
fn first_item(text: &NoteText, layout: &NoteLayout, label: &Label, item: &str) -> Option<Placed> {
    let label_line = text.line(label.line);
    let marker = Marker::read(label_line);
    match label.kind {
        LabelKind::Heading(level) if !label.nested => {
            let end = layout
                .labels
                .iter()
                .filter(|next| next.line > label.last_line && !next.nested)
                .find(|next| matches!(next.kind, LabelKind::Heading(l) if l <= level))
                .map_or(text.lines.len(), |next| next.line - 1);
            let last = (label.last_line + 1..=end)
                .rev()
                .find(|&n| !text.line(n).trim().is_empty());
            match last {
                None => Some(Placed {
                    line: label.last_line + 1,
                    replaces: false,
                    content: format!("- {item}"),
                    before: Vec::new(),
                    after: Vec::new(),
                }),
                Some(last) => Some(Placed {
                    line: last + 2,
                    replaces: false,
                    content: format!("- {item}"),
                    before: vec![String::new()],
                    after: Vec::new(),
                }),
            }
        }
        // An outline item holding the label (a Logseq heading block `- ## Wins`): a child block.
        LabelKind::Heading(_) | LabelKind::Outline if marker.bullet.is_some() => Some(Placed {
            line: label.last_line + 1,
            replaces: false,
            content: format!("{}{}- {item}", marker.indent, text.indent_unit()),
            before: Vec::new(),
            after: Vec::new(),
        }),
        // In a quote, a callout, or under a bold label: a list right under it, where it sits.
        _ => Some(Placed {
            line: label.last_line + 1,
            replaces: false,
            content: format!("{}- {item}", marker.indent),
            before: Vec::new(),
            after: Vec::new(),
        }),
    }
}

/// The block property that numbers a Logseq block among its siblings
/// (`logseq.order-list-type:: number`), when the block on `line` (its subtree ending on `end`)
/// carries it: the next sibling needs it too, or Logseq draws a bullet where a number was.
fn logseq_numbering(text: &NoteText, line: usize, end: usize, marker: &Marker) -> Option<String> {
    let own = width(&marker.indent);
    // The block's own lines run up to its first child block.
    (line + 1..=end)
        .map(|n| text.line(n))
        .take_while(|next| !crate::parse::logseq_block_start(next))
        .find_map(|next| {
            let trimmed = next.trim_start_matches([' ', '\t']);
            let indent = next.get(..next.len() - trimmed.len()).unwrap_or_default();
            (width(indent) > own && crate::parse::logseq_property_key(trimmed) == Some(NUMBERING))
                .then(|| next.trim_end().to_owned())
        })
}

/// The Logseq block property of numbered lists.
const NUMBERING: &str = "logseq.order-list-type";

/// The last line of an item's subtree that ends on `last_line`: lines right after it that are
/// indented deeper than its marker (its Logseq properties, continuation lines) belong to it.
fn subtree_end(text: &NoteText, last_line: usize, marker: &Marker) -> usize {
    let depth = width(&marker.indent);
    let mut end = last_line;
    while end < text.lines.len() {
        let next = text.line(end + 1);
        let indent = next.len() - next.trim_start_matches([' ', '\t']).len();
        if next.trim().is_empty() || width(next.get(..indent).unwrap_or_default()) <= depth {
            break;
        }
        end += 1;
    }
    end
}

/// How far whitespace indents, a tab counting as four columns.
pub(super) fn width(indent: &str) -> usize {
    indent
        .chars()
        .map(|c| match c {
            '\t' => 4,
            _ => 1,
        })
        .sum()
}

/// Whether a one-line item is an empty placeholder: nothing after its marker, or only a win tag
/// (`- #win`, as the bundled template leaves it). An open task box (`- [ ]`) is not empty.
fn is_placeholder(line: &str, rules: &WinRules) -> bool {
    let marker = Marker::read(line);
    let content = line.get(marker.len..).unwrap_or_default().trim();
    if content.is_empty() {
        return true;
    }
    // Most items are wins with words: no need to read them as markdown.
    if !content.starts_with('#') || content.starts_with("# ") {
        return false;
    }
    match tags::in_markdown(content).as_slice() {
        // With allow_empty a lone win tag counts (a habit), so it is no placeholder.
        [tag] if !rules.allow_empty => {
            tag.range == (0..content.len())
                && rules
                    .tags
                    .iter()
                    .any(|win| tags::matches(&tag.name, &tags::normalize(win)))
        }
        _ => false,
    }
}

/// How a list item line starts: its indentation (with any quote markers), bullet and number.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Marker {
    /// Whitespace and `>` quote markers before the bullet.
    indent: String,
    /// `-`, `*` or `+`, when the item has one.
    bullet: Option<char>,
    /// The item's number and its delimiter (`.` or `)`), in `1.` or `- 1.`.
    number: Option<(u64, char)>,
    /// Bytes of the line the marker takes, spaces after it included.
    len: usize,
}

impl Marker {
    fn read(line: &str) -> Marker {
        let bytes = line.as_bytes();
        let mut at = 0;
        while let Some(b) = bytes.get(at) {
            if matches!(b, b' ' | b'\t' | b'>') {
                at += 1;
            } else {
                break;
            }
        }
        let indent = line.get(..at).unwrap_or_default().to_owned();
        let spaces_after = |from: usize| {
            bytes.get(from..).map_or(0, |rest| {
                rest.iter()
                    .take_while(|b| matches!(b, b' ' | b'\t'))
                    .count()
            })
        };
        let mut bullet = None;
        if let Some(&b @ (b'-' | b'*' | b'+')) = bytes.get(at) {
            let gap = spaces_after(at + 1);
            if gap > 0 || at + 1 == bytes.len() {
                bullet = Some(char::from(b));
                at += 1 + gap;
            }
        }
        let digits = bytes.get(at..).map_or(0, |rest| {
            rest.iter().take_while(|b| b.is_ascii_digit()).count()
        });
        let mut number = None;
        if (1..=9).contains(&digits) {
            if let Some(&d @ (b'.' | b')')) = bytes.get(at + digits) {
                let gap = spaces_after(at + digits + 1);
                if gap > 0 || at + digits + 1 == bytes.len() {
                    let value = line.get(at..at + digits).and_then(|n| n.parse().ok());
                    number = value.map(|n| (n, char::from(d)));
                    at += digits + 1 + gap;
                }
            }
        }
        if bullet.is_none() && number.is_none() {
            at = indent.len();
        }
        Marker {
            indent,
            bullet,
            number,
            len: at,
        }
    }

    /// The marker of the item after this one: the same bullet, the next number.
    fn next(&self) -> Marker {
        Marker {
            number: self.number.map(|(n, delimiter)| (n + 1, delimiter)),
            ..self.clone()
        }
    }

    /// The marker as written before an item's text: `\t- `, `2. `, `- 3. `; a bare `- ` when
    /// the line had no marker.
    fn written(&self) -> String {
        let mut out = self.indent.clone();
        if let Some(bullet) = self.bullet {
            out.push(bullet);
            out.push(' ');
        }
        if let Some((number, delimiter)) = self.number {
            out.push_str(&format!("{number}{delimiter} "));
        }
        if self.bullet.is_none() && self.number.is_none() {
            out.push_str("- ");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(logseq: bool) -> WinRules {
        WinRules {
            logseq,
            ..WinRules::default()
        }
    }

    fn place(note: &str, logseq: bool) -> Option<(String, usize)> {
        place_win(note, "10:00 New #win", &rules(logseq))
    }

    #[test]
    fn markdown_shapes() {
        let cases: &[(&str, &str, &str, usize)] = &[
            (
                "section followed by another section",
                "# Day\n\n## Wins\n- a #win\n- b #win\n\n## Log\nx\n",
                "# Day\n\n## Wins\n- a #win\n- b #win\n- 10:00 New #win\n\n## Log\nx\n",
                6,
            ),
            (
                "details stay with their item",
                "## Wins\n- a\n  - detail\n\n## Log\n",
                "## Wins\n- a\n  - detail\n- 10:00 New #win\n\n## Log\n",
                4,
            ),
            (
                "a subheading belongs to the section",
                "## Wins\n- a\n### Work\n- b\n## Log\n",
                "## Wins\n- a\n### Work\n- b\n- 10:00 New #win\n## Log\n",
                5,
            ),
            (
                "emoji heading and a bare win tag placeholder",
                "## 🏆 Wins of the Day\n- #win\n\n## Notes\n",
                "## 🏆 Wins of the Day\n- 10:00 New #win\n\n## Notes\n",
                2,
            ),
            (
                "empty placeholders are filled in order",
                "## Wins\n1. \n2. \n3. \n",
                "## Wins\n1. 10:00 New #win\n2. \n3. \n",
                2,
            ),
            (
                "a numbered list gets the next number",
                "## Wins\n1. a\n2. b\n3. c\n\n## Log\n",
                "## Wins\n1. a\n2. b\n3. c\n4. 10:00 New #win\n\n## Log\n",
                5,
            ),
            (
                "an open task is no placeholder",
                "## Wins\n- [ ] \n",
                "## Wins\n- [ ] \n- 10:00 New #win\n",
                3,
            ),
            (
                "star bullets are kept",
                "## Wins\n* a\n",
                "## Wins\n* a\n* 10:00 New #win\n",
                3,
            ),
            (
                "outline label",
                "- Log\n\t- slept\n- Wins\n\t- a\n\t\t- detail\n- Notes\n",
                "- Log\n\t- slept\n- Wins\n\t- a\n\t\t- detail\n\t- 10:00 New #win\n- Notes\n",
                6,
            ),
            (
                "bold label over a list",
                "Notes first.\n\n**Wins:**\n- a\n\nLater text.\n",
                "Notes first.\n\n**Wins:**\n- a\n- 10:00 New #win\n\nLater text.\n",
                5,
            ),
            (
                "callout",
                "> [!success] Wins\n> - a\n\nAfter.\n",
                "> [!success] Wins\n> - a\n> - 10:00 New #win\n\nAfter.\n",
                3,
            ),
            (
                "empty callout",
                "> [!success] Wins\n\nAfter.\n",
                "> [!success] Wins\n> - 10:00 New #win\n\nAfter.\n",
                2,
            ),
            (
                "a callout's empty bullet, read as its title's setext underline, is filled",
                "> [!success] Wins\n> - \n\nAfter.\n",
                "> [!success] Wins\n> - 10:00 New #win\n\nAfter.\n",
                2,
            ),
            (
                "a bold label's empty bullets are filled, the first read as an underline",
                "**Wins:**\n-\n- \n\nAfter.\n",
                "**Wins:**\n- 10:00 New #win\n- \n\nAfter.\n",
                2,
            ),
            (
                "a callout's empty numbers, read as its title's continuation, are filled",
                "> [!evening] ### Small wins\n> 1.\n> 2.\n> 3.\n\nAfter.\n",
                "> [!evening] ### Small wins\n> 1. 10:00 New #win\n> 2.\n> 3.\n\nAfter.\n",
                2,
            ),
            (
                "a real setext heading keeps its underline",
                "Wins\n---\n- a\n",
                "Wins\n---\n- a\n- 10:00 New #win\n",
                4,
            ),
            (
                "a front matter wins list gets the next item",
                "---\ndate: 2026-11-20\nwins:\n  - ran 5k\n  - 'called mum'\nmood: ok\n---\n# Day\n",
                "---\ndate: 2026-11-20\nwins:\n  - ran 5k\n  - 'called mum'\n  - '10:00 New #win'\nmood: ok\n---\n# Day\n",
                6,
            ),
            (
                "a template's empty front matter item is filled",
                "---\nwins:\n  - \n  - \nmood:\n---\n# Day\n",
                "---\nwins:\n  - '10:00 New #win'\n  - \nmood:\n---\n# Day\n",
                3,
            ),
            (
                "a wins section comes before the front matter list",
                "---\nwins:\n- ran 5k\n---\n## Wins\n- a\n",
                "---\nwins:\n- ran 5k\n---\n## Wins\n- a\n- 10:00 New #win\n",
                7,
            ),
            (
                "a flow list is left alone",
                "---\nwins: [ran 5k]\n---\n",
                "---\nwins: [ran 5k]\n---\n\n## Wins\n- 10:00 New #win\n",
                6,
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
                "no wins label",
                "# Day\ntext",
                "# Day\ntext\n\n## Wins\n- 10:00 New #win\n",
                5,
            ),
            ("empty note", "", "## Wins\n- 10:00 New #win\n", 2),
            (
                "heading at the end without a newline",
                "## Wins",
                "## Wins\n- 10:00 New #win\n",
                2,
            ),
            (
                "last item without a newline",
                "## Wins\n- a",
                "## Wins\n- a\n- 10:00 New #win\n",
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
                "a multi-byte character at the end of the last item",
                "## Wins\n- a\n  - sub-item café\n\n## Log\nnotes\n",
                "## Wins\n- a\n  - sub-item café\n- 10:00 New #win\n\n## Log\nnotes\n",
                4,
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
            (
                "mixed line endings are each kept",
                "## Wins\r\n- a\n- b\r\n\n## Log\n",
                "## Wins\r\n- a\n- b\r\n- 10:00 New #win\r\n\n## Log\n",
                4,
            ),
            (
                "a filled placeholder keeps its line ending",
                "## Wins\n- \r\n- b\n",
                "## Wins\n- 10:00 New #win\r\n- b\n",
                2,
            ),
            (
                "front matter is no setext heading",
                "---\ndate: 2026-11-26\n---\n",
                "---\ndate: 2026-11-26\n---\n\n## Wins\n- 10:00 New #win\n",
                6,
            ),
            (
                "byte-order mark",
                "\u{feff}## Wins\n- a\n",
                "\u{feff}## Wins\n- a\n- 10:00 New #win\n",
                3,
            ),
        ];
        for (name, note, want, line) in cases {
            assert_eq!(
                place(note, false),
                Some((want.to_string(), *line)),
                "{name}"
            );
        }
    }

    #[test]
    fn logseq_shapes() {
        let cases: &[(&str, &str, &str, usize)] = &[
            (
                "a child of the heading block, after the last child's details",
                "- ## Gratitude\n\t- sun\n- ## Wins\n\t- shipped\n\t\t- detail\n\t- ran\n\t  collapsed:: true\n- ## Log\n\t- x",
                "- ## Gratitude\n\t- sun\n- ## Wins\n\t- shipped\n\t\t- detail\n\t- ran\n\t  collapsed:: true\n\t- 10:00 New #win\n- ## Log\n\t- x",
                8,
            ),
            (
                "a heading block one level down",
                "- # Journal\n\t- ## Wins\n\t\t- a\n",
                "- # Journal\n\t- ## Wins\n\t\t- a\n\t\t- 10:00 New #win\n",
                4,
            ),
            (
                "an empty heading block gets its first child",
                "- ## Wins\n- ## Log\n",
                "- ## Wins\n\t- 10:00 New #win\n- ## Log\n",
                2,
            ),
            (
                "an empty child block is filled",
                "- ## Wins\n\t-\n- ## Log\n",
                "- ## Wins\n\t- 10:00 New #win\n- ## Log\n",
                2,
            ),
            (
                "a bare heading line with child blocks",
                "## Wins\n\t- a\n## Learnings\n\t- b\n",
                "## Wins\n\t- a\n\t- 10:00 New #win\n## Learnings\n\t- b\n",
                3,
            ),
            (
                "no wins block: a top-level block",
                "- slept well\n- ## Log\n\t- x",
                "- slept well\n- ## Log\n\t- x\n- 10:00 New #win\n",
                4,
            ),
            (
                "a numbered grandchild does not number the new child",
                "- ## Wins\n\t- a\n\t\t- b\n\t\t  logseq.order-list-type:: number\n",
                "- ## Wins\n\t- a\n\t\t- b\n\t\t  logseq.order-list-type:: number\n\t- 10:00 New #win\n",
                5,
            ),
            (
                "a numbered child block's next sibling is numbered too",
                "- ## 3 Big Wins\n\t- a\n\t  logseq.order-list-type:: number\n\t\t- detail\n- ## Log\n",
                "- ## 3 Big Wins\n\t- a\n\t  logseq.order-list-type:: number\n\t\t- detail\n\t- 10:00 New #win\n\t  logseq.order-list-type:: number\n- ## Log\n",
                5,
            ),
            ("an empty journal", "", "- 10:00 New #win\n", 1),
        ];
        for (name, note, want, line) in cases {
            assert_eq!(place(note, true), Some((want.to_string(), *line)), "{name}");
        }
    }

    #[test]
    fn a_win_the_parser_would_not_read_is_refused() {
        assert_eq!(place("# Day\n```\ncode\n", false), None);
        assert_eq!(place("## Wins\n%% draft\n", false), None);
    }

    #[test]
    fn markers_are_read_and_continued() {
        let cases = [
            ("- a", "- "),
            ("\t- a", "\t- "),
            ("  * a", "  * "),
            ("9. a", "10. "),
            ("3) a", "4) "),
            ("- 2. a", "- 3. "),
            ("> - a", "> - "),
            ("-", "- "),
            ("plain", "- "),
        ];
        for (line, next) in cases {
            assert_eq!(Marker::read(line).next().written(), next, "{line}");
        }
    }
}
