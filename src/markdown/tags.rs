//! THE tag reader: Obsidian tags (`#win`, `#win/work`, `#日本`, `#🏃‍♂️`) and Logseq's
//! `#[[multi word]]`, as SPEC §2 defines them. The parser, `add`, the reviews, `share` and
//! `list --tag` all read tags here, so a tag is the same thing everywhere.
//!
//! A tag starts at the start of a line or after whitespace (emphasis markers in between are
//! fine: `**#win**`); its name is letters and digits of any script, `_`, `-`, `/` and emoji
//! (joiners and variation selectors included, so an emoji sequence stays whole), with at least
//! one character that is not a digit; names compare case-insensitively.

use std::ops::Range;

use pulldown_cmark::{Event, Tag};

use super::{parser, prefix, push_disjoint};

/// Longest `#[[…]]` tag name looked for.
const MAX_BRACKET_TAG: usize = 256;

/// A tag found in text: where it is (including `#`) and its lowercased name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundTag {
    /// The tag's bytes, `#` included (and a trailing `/`, so removing it leaves no stray slash).
    pub range: Range<usize>,
    /// The name without `#` (or `#[[ ]]`), lowercased.
    pub name: String,
}

/// Which tool's reading of tag names applies: Logseq reads `#win.daily` as the one tag
/// `win.daily`, Obsidian as `win` followed by `.daily`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Dialect {
    /// Obsidian (and plain markdown folders).
    #[default]
    Obsidian,
    /// A Logseq graph.
    Logseq,
}

/// Finds the tags in `s`, skipping the sorted, disjoint `opaque` ranges (code, HTML, links).
pub fn scan(s: &str, opaque: &[Range<usize>], out: &mut Vec<FoundTag>) {
    scan_as(s, opaque, Dialect::Obsidian, out);
}

/// [`scan`] as `dialect` reads tag names.
pub fn scan_as(s: &str, opaque: &[Range<usize>], dialect: Dialect, out: &mut Vec<FoundTag>) {
    let mut next_opaque = 0;
    for (i, _) in s.match_indices('#') {
        while opaque.get(next_opaque).is_some_and(|r| r.end <= i) {
            next_opaque += 1;
        }
        if opaque.get(next_opaque).is_some_and(|r| r.start <= i) || !may_start(s, i) {
            continue;
        }
        if let Some(tag) = read(s, i, dialect) {
            out.push(tag);
        }
    }
}

/// The tags of a piece of markdown (a win's text, say) as the parser reads them in a note: code,
/// HTML and links are opaque. Comments are not looked for: a win's text has none left.
pub fn in_markdown(text: &str) -> Vec<FoundTag> {
    let opaque = opaque_parts(text);
    let mut found = Vec::new();
    scan(text, &opaque, &mut found);
    found
}

/// The parts of a piece of markdown that hold no tags or fields, in order: code, math, HTML and
/// links.
pub fn opaque_parts(text: &str) -> Vec<Range<usize>> {
    let mut opaque = Vec::new();
    for (event, range) in parser(text).into_offset_iter() {
        match event {
            Event::Code(_)
            | Event::InlineHtml(_)
            | Event::Html(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::Start(
                Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::Link { .. } | Tag::Image { .. },
            ) => push_disjoint(&mut opaque, range),
            _ => {}
        }
    }
    opaque
}

/// `text` without any tag: each is cut out, again until none is left, as cutting one may turn
/// what followed it into a tag (`#a#b` leaves `#b`). Whitespace is left as it was.
pub fn strip(text: &str) -> String {
    let mut text = text.to_owned();
    loop {
        let found = in_markdown(&text);
        if found.is_empty() {
            return text;
        }
        let mut kept = String::with_capacity(text.len());
        let mut pos = 0;
        for tag in &found {
            kept.push_str(text.get(pos..tag.range.start).unwrap_or_default());
            pos = tag.range.end;
        }
        kept.push_str(text.get(pos..).unwrap_or_default());
        text = kept;
    }
}

/// A tag starts at line start or after whitespace; emphasis markers in between (`**#win**`) are fine.
pub fn may_start(s: &str, i: usize) -> bool {
    let before = s.get(..i).unwrap_or("");
    let before = before.trim_end_matches(['*', '_', '~', '=']);
    before.chars().next_back().is_none_or(char::is_whitespace)
}

/// Reads the tag whose `#` is at byte `i`.
fn read(s: &str, i: usize, dialect: Dialect) -> Option<FoundTag> {
    let (range, name) = source_as(s, i, dialect)?;
    Some(FoundTag {
        range,
        name: name.to_lowercase(),
    })
}

/// Where the tag whose `#` is at byte `i` lies, and its name as written.
pub(crate) fn source(s: &str, i: usize) -> Option<(Range<usize>, &str)> {
    source_as(s, i, Dialect::Obsidian)
}

/// [`source`] as `dialect` reads tag names.
fn source_as(s: &str, i: usize, dialect: Dialect) -> Option<(Range<usize>, &str)> {
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
    let len = match dialect {
        Dialect::Obsidian => name_len(rest),
        Dialect::Logseq => logseq_name_len(rest),
    };
    let name = rest.get(..len)?.trim_end_matches('/');
    if name.is_empty() || name.chars().all(|c| c.is_ascii_digit() || c == '/') {
        return None;
    }
    // The range keeps a trailing `/`, so removing a win tag leaves no stray slash.
    Some((i..i + 1 + len, name))
}

/// How many bytes of `rest` (what follows a `#`) a tag name takes.
pub(crate) fn name_len(rest: &str) -> usize {
    rest.chars()
        .take_while(|c| is_tag_char(*c))
        .map(char::len_utf8)
        .sum()
}

/// [`name_len`] as Logseq reads names: a `.` between name characters is part of the name
/// (`#win.daily`), a `.` that ends it is not (`#win.`).
fn logseq_name_len(rest: &str) -> usize {
    let mut len = 0;
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        let inner_dot = c == '.' && chars.peek().is_some_and(|next| is_tag_char(*next));
        if !is_tag_char(c) && !inner_dot {
            break;
        }
        len += c.len_utf8();
    }
    len
}

/// Letters and digits of any script, `_ - /`, and emoji; not whitespace or punctuation.
fn is_tag_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '/');
    }
    c.is_alphanumeric() || !(c.is_whitespace() || c.is_control() || is_unicode_punctuation(c))
}

/// Common non-ASCII punctuation that ends a tag. Emoji in these blocks are kept: `©` and `®`
/// (U+A9, U+AE), `‼` and `⁉` (U+203C, U+2049), and the zero-width joiner U+200D that holds an
/// emoji sequence such as 🏃‍♂️ together.
fn is_unicode_punctuation(c: char) -> bool {
    matches!(c,
        '\u{a0}'..='\u{a8}' | '\u{aa}'..='\u{ad}' | '\u{af}'..='\u{bf}' | '\u{d7}' | '\u{f7}'
        | '\u{2000}'..='\u{200c}' | '\u{200e}'..='\u{203b}' | '\u{203d}'..='\u{2048}'
        | '\u{204a}'..='\u{206f}' | '\u{3000}'..='\u{303f}' | '\u{fe10}'..='\u{fe1f}'
        | '\u{fe30}'..='\u{fe4f}' | '\u{ff01}'..='\u{ff0f}' | '\u{ff1a}'..='\u{ff20}'
        | '\u{ff3b}'..='\u{ff40}' | '\u{ff5b}'..='\u{ff65}' | '\u{feff}')
}

/// Whether the tag `name` (lowercased) is `tag` or nested under it: `#win/work` carries the
/// tag `win`; `#winter` does not.
pub fn matches(name: &str, tag: &str) -> bool {
    match name.strip_prefix(tag) {
        Some(rest) => rest.is_empty() || rest.starts_with('/'),
        None => false,
    }
}

/// A tag as configured or typed (`#Win`, ` win `, `#[[Big Day]]`) as the reader names it:
/// without `#` or brackets, lowercased.
pub fn normalize(tag: &str) -> String {
    let name = tag.trim().trim_start_matches('#').trim();
    let name = name
        .strip_prefix("[[")
        .and_then(|inner| inner.strip_suffix("]]"))
        .unwrap_or(name);
    name.trim().to_lowercase()
}

/// Whether `#name` is one whole tag with no empty level (`a//b`, `/a` and `a/` have one): what
/// `add --tag` accepts, so the win it writes carries exactly that tag.
pub fn is_name(name: &str) -> bool {
    !name.is_empty()
        && name_len(name) == name.len()
        && name.split('/').all(|level| !level.is_empty())
        && !name.chars().all(|c| c.is_ascii_digit() || c == '/')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        in_markdown(text).into_iter().map(|tag| tag.name).collect()
    }

    #[test]
    fn tags_follow_obsidian() {
        let cases: &[(&str, &[&str])] = &[
            ("#win", &["win"]),
            ("a #Win/Work b", &["win/work"]),
            ("#winter, #b.", &["winter", "b"]),
            ("year #1984 #y2k", &["y2k"]),
            ("a#win C# (#x) url/#y", &[]),
            ("**#win** _#a_ ~~#b~~ ==#c==", &["win", "a_", "b", "c"]),
            ("#[[Big Day]] #[[ ]] #[[a[b]]", &["big day"]),
            (
                "#日本 #gesundheit_ü #🎉party",
                &["日本", "gesundheit_ü", "🎉party"],
            ),
            ("\\#escaped &#35;entity", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(names(text), *want, "{text:?}");
        }
    }

    #[test]
    fn logseq_reads_dotted_names_whole() {
        let names = |text: &str, dialect| {
            let mut found = Vec::new();
            scan_as(text, &[], dialect, &mut found);
            found.into_iter().map(|tag| tag.name).collect::<Vec<_>>()
        };
        assert_eq!(
            names("a #win.daily #win. #a.b.c", Dialect::Logseq),
            ["win.daily", "win", "a.b.c"]
        );
        assert_eq!(
            names("a #win.daily #win.", Dialect::Obsidian),
            ["win", "win"]
        );
    }

    #[test]
    fn math_holds_no_tags() {
        assert_eq!(names("ratio $w = #win / n$ here"), [] as [&str; 0]);
        assert_eq!(names("$$\n#win\n$$"), [] as [&str; 0]);
        assert_eq!(names("paid $5 for #win"), ["win"]);
    }

    #[test]
    fn emoji_sequences_stay_whole() {
        let runner = "🏃\u{200d}♂\u{fe0f}";
        assert_eq!(names(&format!("ran #{runner} far")), [runner]);
        assert_eq!(names("#ok© #ok® #hey‼ x"), ["ok©", "ok®", "hey‼"]);
        assert_eq!(
            strip(&format!("#win {runner} ran")),
            format!(" {runner} ran")
        );
        assert_eq!(strip(&format!("ran #{runner}")), "ran ");
    }

    #[test]
    fn code_html_and_links_hold_no_tags() {
        let cases = [
            "`#win`",
            "ran `cargo test #win` today",
            "see [#win](https://x.com/#win)",
            "see [[Note#win]] and [[a|#win]]",
            "<span>#win</span>",
            "<https://x.com/#win>",
        ];
        for text in cases {
            assert_eq!(names(text), [] as [&str; 0], "{text:?}");
        }
    }

    #[test]
    fn stripping_removes_every_tag_even_those_it_uncovers() {
        let cases = [
            ("Ran 5 km #running", "Ran 5 km "),
            ("#a#b c", " c"),
            ("x **#a**#b", "x ****"),
            ("Learned C# and `#code`", "Learned C# and `#code`"),
            ("Issue #123 closed", "Issue #123 closed"),
        ];
        for (text, want) in cases {
            assert_eq!(strip(text), want, "{text:?}");
        }
    }

    #[test]
    fn configured_and_typed_tags_normalise_to_names() {
        for (tag, want) in [
            ("#Win", "win"),
            (" win/Work ", "win/work"),
            ("#[[Big Day]]", "big day"),
            ("# win", "win"),
        ] {
            assert_eq!(normalize(tag), want, "{tag:?}");
        }
        assert!(matches("win/work", "win") && matches("win", "win"));
        assert!(!matches("winter", "win") && !matches("wi", "win"));
    }

    #[test]
    fn names_are_whole_tags() {
        for (name, ok) in [
            ("work", true),
            ("work/meetings", true),
            ("déjà-vu_2", true),
            ("🎉party", true),
            ("2026", false),
            ("", false),
            ("two words", false),
            ("a.b", false),
            ("a//b", false),
            ("/a", false),
            ("a/", false),
        ] {
            assert_eq!(is_name(name), ok, "{name:?}");
        }
    }
}
