//! Property tests: the parser never panics, the managed block is found exactly and replacing it
//! keeps every other byte, rendered wins parse back, `add` then `list` finds what was added, and
//! the tag reader agrees with the parser (and stripping tags leaves none).

use proptest::prelude::*;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use smallwins::capture::safe_text;
use smallwins::markdown::{self, plain, tags};
use smallwins::model::WinRules;
use smallwins::parse::WinMatcher;
use smallwins::write::{find_managed_block, replace_managed_block, BEGIN_MARKER, END_MARKER};

use crate::support::{dates_and_texts, json, smallwins, TODAY};

/// Pieces of markdown that open, close or nest the constructs the parser must keep apart.
const TOKENS: &[&str] = &[
    "- ",
    "* ",
    "1. ",
    "#win",
    "#win/work",
    "#winter",
    " #tag",
    "%%",
    "<!--",
    "-->",
    "`",
    "```",
    "~~~",
    "[[",
    "]]",
    "[",
    "](",
    ")",
    "---",
    "\n",
    "\n\n",
    "\t",
    "  ",
    "    ",
    "> ",
    "# ",
    "## Wins\n",
    "win:: ",
    "[win:: x]",
    "(win:: y)",
    "- [ ] ",
    "- [x] ",
    "14:32 ",
    "date: 2026-11-16",
    "\r\n",
    "é",
    "日本",
    "🎉",
    "\u{feff}",
    "\0",
    "<div>",
    "</div>",
    "**",
    "_",
    "\\",
    "|",
    "text",
    "#[[multi word]]",
];

fn markdownish() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..80).prop_map(|tokens| tokens.concat())
}

/// Text without the managed block markers (the markers' own text is what must not appear).
fn no_markers() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), markdownish()]
        .prop_filter("no marker text", |text| !text.contains("smallwins:"))
}

/// Win texts: words of letters, digits and inline markdown, without what `add` rewrites (tags,
/// field keys, leading times) so the parsed text can be compared as is.
fn win_text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9éü日本🎉*_`\\[\\]()!?.,;'\"<>|\\\\%&-]{1,12}( [a-zA-Z0-9éü日本🎉*_`\\[\\]()!?.,;'\"<>|\\\\%&-]{1,12}){0,6}"
}

/// What a person may type after `add`: win texts with any whitespace between words, and block
/// starts that `add` must escape, drop or refuse.
fn typed_text() -> impl Strategy<Value = String> {
    const STARTS: &[&str] = &[
        "", "", "", "- ", "* ", "+ ", "- - ", "# ", "## ", "> ", "1. ", "12) ", "---", "***",
        "<div> ", "| ", "[ ] ", "[X] ", "```", "~~~ ", "%% ", "<!-- ", "\n  ",
    ];
    const GAPS: &[&str] = &[" ", " ", "\n", "\t", "\r\n", "  "];
    (
        prop::sample::select(STARTS),
        prop::option::of(win_text()),
        prop::sample::select(GAPS),
    )
        .prop_map(|(start, text, gap)| {
            format!("{start}{}", text.unwrap_or_default().replace(' ', gap))
        })
}

/// The words a person typed, as `add` must keep them: whitespace collapsed, leading bullet words
/// (`-`, `*`, `+`) dropped. Written from SPEC, not from `safe_text`.
fn typed_words(text: &str) -> String {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|word| !word.is_empty())
        .collect();
    let first = words
        .iter()
        .position(|word| !matches!(*word, "-" | "*" | "+"))
        .unwrap_or(words.len());
    words[first..].join(" ")
}

/// Whether `add` must refuse the typed words: nothing left, or what would open a comment or a
/// code fence (hiding the rest of the note), or a leading task box (a task, not a win).
fn must_refuse(words: &str) -> bool {
    words.is_empty()
        || words.contains("%%")
        || words.contains("<!--")
        || words.contains("```")
        || words.starts_with("~~~")
        || ["[ ]", "[x]", "[X]", "[-]", "[/]"]
            .iter()
            .any(|task| words.starts_with(task))
}

/// Whether `shown` is `typed` as it was typed, or with one backslash escaping the character that
/// would start a block (at the start, or after the digits of an ordered-list number).
fn same_or_escaped(shown: &str, typed: &str) -> bool {
    let digits = typed.bytes().take_while(u8::is_ascii_digit).count();
    shown == typed
        || [0, digits]
            .iter()
            .any(|&at| shown == format!("{}\\{}", &typed[..at], &typed[at..]))
}

/// Whether every list item of `note` holds one line of inline markdown: no heading, quote,
/// code block, HTML block, nested list, rule, task box or line break, which would change what
/// the item means or hide the rest of the note.
fn items_are_one_plain_line(note: &str) -> bool {
    let mut depth = 0usize;
    for event in Parser::new_ext(note, markdown::options()) {
        match event {
            Event::Start(Tag::Item) => depth += 1,
            Event::End(TagEnd::Item) => depth -= 1,
            _ if depth == 0 => {}
            Event::Start(
                Tag::Heading { .. }
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::HtmlBlock
                | Tag::List(_),
            )
            | Event::Rule
            | Event::TaskListMarker(_)
            | Event::SoftBreak
            | Event::HardBreak
            | Event::Html(_) => return false,
            _ => {}
        }
    }
    true
}

/// Single-line text full of what makes or hides tags: tags of every shape, emoji sequences,
/// emphasis, code, links, HTML, escapes. No comments: a win's text has none left.
fn tag_soup() -> impl Strategy<Value = String> {
    const PIECES: &[&str] = &[
        "#win",
        "#Win",
        "#win/work",
        "#winter",
        "#rest",
        "#a",
        "#1984",
        "#2/3",
        "#日本",
        "#🏃\u{200d}♂\u{fe0f}",
        "🏃\u{200d}♂\u{fe0f}",
        "©",
        "®",
        "#",
        "#[[win]]",
        "#[[Big Day]]",
        "#[[",
        "]]",
        "[[",
        "[",
        "]",
        "](u)",
        "(",
        ")",
        "`",
        "``",
        "**",
        "*",
        "_",
        "~~",
        "==",
        "\\",
        "<b>",
        "</b>",
        "<https://x.y/#win>",
        "&#35;",
        "/",
        ".",
        ",",
        "-",
        " ",
        " ",
        " ",
        "\t",
        "a",
        "é",
        "x",
        "|",
        "!",
        "![x #win](u)",
        "[#win](u)",
        "[x #win](u)",
        "` #win`",
        "<b>#win</b>",
        "[[a#win]]",
        "[[x|#win]]",
        "**#win**",
        "_#win_",
    ];
    prop::collection::vec(prop::sample::select(PIECES), 0..24).prop_map(|pieces| pieces.concat())
}

proptest! {
    #[test]
    fn parser_never_panics_on_arbitrary_text(text in any::<String>()) {
        let parsed = WinMatcher::new(&WinRules::default()).parse(&text);
        let lines = text.matches('\n').count() + 1;
        prop_assert!(parsed.entries.iter().all(|entry| (1..=lines).contains(&entry.line)));
    }

    #[test]
    fn parser_never_panics_on_markdownish_text(text in markdownish()) {
        let rules = WinRules { allow_empty: true, ..WinRules::default() };
        let parsed = WinMatcher::new(&rules).parse(&text);
        let lines = text.matches('\n').count() + 1;
        prop_assert!(parsed.entries.iter().all(|entry| (1..=lines).contains(&entry.line)));
    }

    #[test]
    fn managed_block_is_exactly_the_inner_lines(
        prefix in no_markers(),
        inner in prop::collection::vec(no_markers(), 0..4),
        suffix in no_markers(),
    ) {
        let inner: String = inner
            .iter()
            .map(|line| format!("{}\n", line.replace(['\n', '\r'], " ")))
            .collect();
        let head = format!("{prefix}\n{BEGIN_MARKER}\n");
        let text = format!("{head}{inner}{END_MARKER}\n{suffix}");
        let range = find_managed_block(&text).map_err(|err| TestCaseError::fail(err.to_string()))?;
        prop_assert_eq!(range, head.len()..head.len() + inner.len());
    }

    #[test]
    fn regenerating_keeps_every_byte_outside_the_block(
        prefix in no_markers(),
        old in no_markers(),
        new in no_markers(),
        suffix in no_markers(),
    ) {
        let head = format!("{prefix}\n{BEGIN_MARKER}\n");
        let tail = format!("{END_MARKER}\n{suffix}");
        let existing = format!("{head}{old}\n{tail}");
        let rendered = format!("---\nweek: x\n---\n{BEGIN_MARKER}\n{new}\n{END_MARKER}\nreflect\n");
        let updated = replace_managed_block(&existing, &rendered)
            .map_err(|err| TestCaseError::fail(err.to_string()))?;
        prop_assert!(updated.starts_with(&head), "head changed: {:?}", updated);
        prop_assert!(updated.ends_with(&tail), "tail changed: {:?}", updated);
        let again = replace_managed_block(&updated, &rendered)
            .map_err(|err| TestCaseError::fail(err.to_string()))?;
        prop_assert_eq!(again, updated, "regenerating twice changes nothing");
    }

    #[test]
    fn rendered_wins_parse_back(texts in prop::collection::vec(typed_text(), 1..20), section in any::<bool>()) {
        let mut typed = Vec::new();
        let mut safe = Vec::new();
        for text in &texts {
            let words = typed_words(text);
            match safe_text(text) {
                Ok(made_safe) => {
                    prop_assert!(!must_refuse(&words), "{:?} should be refused", text);
                    prop_assert!(same_or_escaped(&made_safe, &words), "{:?} became {:?}", text, made_safe);
                    typed.push(words);
                    safe.push(made_safe);
                }
                Err(_) => prop_assert!(must_refuse(&words), "{:?} was refused", text),
            }
        }
        let note: String = if section {
            let items: String = safe.iter().map(|text| format!("- {text}\n")).collect();
            format!("# Day\n\n## Wins\n\n{items}\n## Notes\n\n- not a win\n")
        } else {
            safe.iter().map(|text| format!("- {text} #win\n")).collect()
        };
        prop_assert!(items_are_one_plain_line(&note), "note:\n{}", note);
        let parsed = WinMatcher::new(&WinRules::default()).parse(&note);
        prop_assert_eq!(parsed.entries.len(), typed.len(), "note:\n{}", note);
        for (entry, words) in parsed.entries.iter().zip(&typed) {
            prop_assert!(same_or_escaped(&entry.text, words), "{:?} read back as {:?}", words, entry.text);
        }
    }

    #[test]
    fn stripped_text_holds_no_tag(soup in tag_soup()) {
        let text = format!("x {soup}");
        let matcher = WinMatcher::new(&WinRules { allow_empty: true, ..WinRules::default() });
        for stripped in [tags::strip(&text), plain::plain_text(&text)] {
            prop_assert_eq!(tags::in_markdown(&stripped), vec![], "{:?} left {:?}", text, stripped);
            let parsed = matcher.parse(&format!("- {stripped}\n"));
            prop_assert!(parsed.entries.is_empty() && !parsed.rest, "{:?} left {:?}", text, stripped);
        }
    }

    #[test]
    fn tag_reader_agrees_with_the_parser(soup in tag_soup()) {
        let text = format!("x {soup}");
        let rules = WinRules { allow_empty: true, ..WinRules::default() };
        let found = tags::in_markdown(&text);
        let win = found.iter().any(|tag| tags::matches(&tag.name, "win"));
        let rest = found.iter().any(|tag| tags::matches(&tag.name, "rest"));
        let mut others: Vec<String> = found
            .into_iter()
            .map(|tag| tag.name)
            .filter(|name| name != "win")
            .collect();
        others.sort();
        others.dedup();
        let note = format!("- {text}\n");
        let matcher = WinMatcher::new(&rules);
        let parsed = matcher.parse(&note);
        prop_assert_eq!(&parsed, &matcher.parse_whole(&note));
        prop_assert_eq!(parsed.rest, rest, "{:?}", note);
        let entry_tags: Vec<Vec<String>> = parsed.entries.iter().map(|entry| entry.tags.clone()).collect();
        let expected = if win { vec![others] } else { vec![] };
        prop_assert_eq!(entry_tags, expected, "{:?}", note);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn add_then_list_finds_the_text(text in typed_text()) {
        let vault = tempfile::tempdir().expect("temp dir");
        let output = smallwins(vault.path())
            .args(["add", "--quiet", "--time", "08:00", "--"])
            .arg(&text)
            .output()
            .expect("run smallwins");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let words = typed_words(&text);
        if must_refuse(&words) {
            prop_assert_eq!(output.status.code(), Some(2), "{:?}: {}", text, stderr);
        } else {
            prop_assert!(output.status.success(), "{:?}: {}", text, stderr);
            let list = json(smallwins(vault.path()).args(["list", "--format", "json"]));
            let found = dates_and_texts(&list);
            prop_assert_eq!(found.len(), 1, "added {:?}", text);
            prop_assert_eq!(found[0].0.as_str(), TODAY);
            prop_assert!(same_or_escaped(&found[0].1, &words), "added {:?}, listed {:?}", text, found[0].1);
        }
    }
}
