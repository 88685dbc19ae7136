//! Markdown to plain text: what a reader sees of a win, for a chat message (`share`), a terminal
//! line (`today`, `replay`) or a markdown message without links (`share --format markdown`).
//! Read through pulldown-cmark's events, as the notes are, so code, escapes, entities, links and
//! emphasis are taken apart the way a renderer would.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};

use super::{parser, tags};

/// A win's text for a chat: plain text (no emphasis, code, link or HTML syntax), no tags,
/// whitespace tidied.
pub fn plain_text(text: &str) -> String {
    // Tags go before (a Logseq `#[[Big Day]]` is one tag, not `#` and a link) and again after,
    // as plain text can show what markdown hid: an escaped `\#win`, `&#35;win`, a tag in code.
    tidy(&tags::strip(&to_plain(&tags::strip(text))))
}

/// A win's text for a terminal: plain text with its tags kept, whitespace tidied.
pub fn terminal_text(text: &str) -> String {
    tidy(&to_plain(text))
}

/// A win's text for a markdown message: formatting kept, links replaced by what a reader sees of
/// them, tags removed, whitespace tidied.
pub fn markdown_text(text: &str) -> String {
    tidy(&tags::strip(&without_links(&tags::strip(text))))
}

/// What a reader sees of `md`: the text of every inline, without its syntax. Links become their
/// text (`[[Note#Heading]]` → `Note`, `[[Note|alias]]` → `alias`), images their alt text;
/// embeds (`![[file]]`), autolinks and HTML go. A block marker at the start (`2026. A year`
/// would read as a list) is the person's text, so it is kept as written.
fn to_plain(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut marker: Option<usize> = None;
    let mut skip_depth = 0usize;
    for (event, range) in parser(md).into_offset_iter() {
        if skip_depth > 0 {
            match event {
                Event::Start(Tag::Link { .. } | Tag::Image { .. }) => skip_depth += 1,
                Event::End(TagEnd::Link | TagEnd::Image) => skip_depth -= 1,
                _ => {}
            }
            continue;
        }
        let text = match event {
            Event::Start(Tag::Heading { .. } | Tag::List(_) | Tag::Item | Tag::BlockQuote(_))
                if out.is_empty() =>
            {
                marker.get_or_insert(range.start);
                continue;
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) => match link_type {
                LinkType::WikiLink { has_pothole: false } => {
                    skip_depth = 1;
                    wikilink_text(&dest_url)
                }
                LinkType::Autolink | LinkType::Email => {
                    skip_depth = 1;
                    continue;
                }
                _ => continue,
            },
            Event::Start(Tag::Image {
                link_type: LinkType::WikiLink { .. },
                ..
            }) => {
                skip_depth = 1;
                continue;
            }
            Event::Text(text) | Event::Code(text) => text.into_string(),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::TableCell,
            ) => " ".to_owned(),
            Event::Rule => source(md, range.clone()).to_owned(),
            _ => continue,
        };
        if let Some(start) = marker.take() {
            out.push_str(source(md, start..range.start));
        }
        out.push_str(&text);
    }
    out
}

/// `md` with each link replaced by what a reader sees of it and embeds and autolinks removed;
/// everything else (emphasis, code, escapes) is kept as written.
fn without_links(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut copied = 0;
    let mut events = parser(md).into_offset_iter();
    while let Some((event, range)) = events.next() {
        let replacement = match event {
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { has_pothole: false },
                dest_url,
                ..
            }) => wikilink_text(&dest_url),
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            })
            | Event::Start(Tag::Image {
                link_type: LinkType::WikiLink { .. },
                ..
            }) => String::new(),
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                inner_source(md, &mut events, range.clone())
            }
            _ => continue,
        };
        out.push_str(md.get(copied..range.start).unwrap_or_default());
        out.push_str(&replacement);
        copied = range.end.max(copied);
    }
    out.push_str(md.get(copied..).unwrap_or_default());
    out
}

/// The source of a link's or image's content (`[**this**](url)` → `**this**`), consuming its
/// events up to its end.
fn inner_source<'a>(
    md: &str,
    events: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>,
    outer: Range<usize>,
) -> String {
    let mut depth = 1usize;
    let mut inner: Option<Range<usize>> = None;
    for (event, range) in events.by_ref() {
        match event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => depth += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            _ => {}
        }
        let span = inner.get_or_insert(range.clone());
        span.start = span.start.min(range.start);
        span.end = span.end.max(range.end);
    }
    match inner {
        Some(inner) if outer.start <= inner.start && inner.end <= outer.end => {
            source(md, inner).to_owned()
        }
        _ => String::new(),
    }
}

fn source(md: &str, range: Range<usize>) -> &str {
    md.get(range).unwrap_or_default()
}

/// What a wikilink without an alias shows: its target without heading or block reference.
fn wikilink_text(dest: &str) -> String {
    let target = dest.split(['#', '^']).next().unwrap_or_default().trim();
    if target.is_empty() {
        dest.trim_start_matches(['#', '^'])
            .replace(['#', '^'], " ")
            .trim()
            .to_owned()
    } else {
        target.to_owned()
    }
}

/// Collapses whitespace and drops the space a removed tag leaves before `.` or `,`.
fn tidy(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" .", ".")
        .replace(" ,", ",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_what_a_reader_sees() {
        let cases = [
            ("Sent it to [[Acme]]", "Sent it to Acme"),
            ("[[Acme|the client]] paid", "the client paid"),
            ("Read [[Book#Chapter 3]]", "Read Book"),
            ("See [[#Plan]]", "See Plan"),
            ("[[Note#Heading|alias]]", "alias"),
            ("Photo ![[pic.png]] taken", "Photo taken"),
            (
                "Read [the docs](https://x.org/a_(b)) today",
                "Read the docs today",
            ),
            ("[**bold** link](<a b.md>)", "bold link"),
            ("![a cat](cat.png)", "a cat"),
            ("Not a link [x] (y)", "Not a link [x] (y)"),
            ("Unclosed [[link", "Unclosed [[link"),
            ("`[[code]]` stays", "[[code]] stays"),
            ("\\[[escaped]]", "[[escaped]]"),
            ("Docs at <https://example.com/a> now", "Docs at now"),
            (
                "**Shipped** the _new_ ~~old~~ `parser`",
                "Shipped the new old parser",
            ),
            ("a <b>bold</b> move &amp; 1 < 2", "a bold move & 1 < 2"),
            ("2026. A good year", "2026. A good year"),
            ("# not a heading", "# not a heading"),
            ("> quoted", "> quoted"),
            ("1\\. first", "1. first"),
            ("Shipped Release 1.0 🎉", "Shipped Release 1.0 🎉"),
            ("**Ship**ped it", "Shipped it"),
        ];
        for (input, want) in cases {
            assert_eq!(terminal_text(input), want, "{input}");
        }
    }

    #[test]
    fn tags_are_removed_but_not_hashes_inside_words() {
        let cases = [
            ("Ran 5 km #running", "Ran 5 km"),
            ("#work Shipped it", "Shipped it"),
            ("Nested #win/work tag.", "Nested tag."),
            ("Learned C# and F#", "Learned C# and F#"),
            ("Issue #123 closed", "Issue #123 closed"),
            ("Issue #123a closed", "Issue closed"),
            ("Logseq #[[Lessons Learned]] here", "Logseq here"),
            ("Heading # alone", "Heading # alone"),
            ("Emoji #🎉party done", "Emoji done"),
            ("Tea #café, then #déjà-vu", "Tea, then"),
            ("(#paren) stays", "(#paren) stays"),
            ("url.com/#anchor stays", "url.com/#anchor stays"),
            ("\\#escaped shows as a tag", "shows as a tag"),
            ("[#win](u) in a link", "in a link"),
        ];
        for (input, want) in cases {
            assert_eq!(plain_text(input), want, "{input}");
        }
    }

    #[test]
    fn markdown_text_keeps_formatting_and_drops_links_and_tags() {
        let cases = [
            (
                "**Shipped** [[Acme|the invoice]] via [*mail*](m.md) #work",
                "**Shipped** the invoice via *mail*",
            ),
            ("`code` and ![[embed.png]] done", "`code` and done"),
            ("Read [[Book#Ch 3]] <https://x.y>", "Read Book"),
            ("Logseq #[[Big Day]] here", "Logseq here"),
            ("\\[[escaped]] stays", "\\[[escaped]] stays"),
        ];
        for (input, want) in cases {
            assert_eq!(markdown_text(input), want, "{input}");
        }
    }
}
