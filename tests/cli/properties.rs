//! Property tests: the parser never panics, the managed block is found exactly and replacing it
//! keeps every other byte, rendered wins parse back, and `add` then `list` finds what was added.

use proptest::prelude::*;
use smallwins::capture::safe_text;
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

fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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
    fn rendered_wins_parse_back(texts in prop::collection::vec(win_text(), 1..20), section in any::<bool>()) {
        let expected: Vec<String> = texts
            .iter()
            .filter_map(|text| safe_text(text).ok())
            .map(|text| normalise(&text))
            .collect();
        let note: String = if section {
            let items: String = expected.iter().map(|text| format!("- {text}\n")).collect();
            format!("# Day\n\n## Wins\n\n{items}\n## Notes\n\n- not a win\n")
        } else {
            expected.iter().map(|text| format!("- {text} #win\n")).collect()
        };
        let parsed = WinMatcher::new(&WinRules::default()).parse(&note);
        let found: Vec<String> = parsed.entries.iter().map(|entry| normalise(&entry.text)).collect();
        prop_assert_eq!(found, expected, "note:\n{}", note);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn add_then_list_finds_the_text(text in win_text()) {
        let vault = tempfile::tempdir().expect("temp dir");
        let output = smallwins(vault.path())
            .args(["add", "--quiet", "--time", "08:00", "--"])
            .arg(&text)
            .output()
            .expect("run smallwins");
        let stderr = String::from_utf8_lossy(&output.stderr);
        match safe_text(&text) {
            Err(_) => prop_assert_eq!(output.status.code(), Some(2), "{}", stderr),
            Ok(safe) => {
                prop_assert!(output.status.success(), "{:?}: {}", text, stderr);
                let list = json(smallwins(vault.path()).args(["list", "--format", "json"]));
                prop_assert_eq!(
                    dates_and_texts(&list),
                    vec![(TODAY.to_owned(), safe)],
                    "added {:?}", text
                );
            }
        }
    }
}
