//! Fuzz target: the surveyed parse (the byte fast path every command uses) must find exactly
//! what a parse of the whole note finds, whatever bytes the note holds, and never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smallwins::journal::decode;
use smallwins::model::WinRules;
use smallwins::parse::WinMatcher;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the rules, so unusual section names and allow_empty are reached too.
    let (rules_byte, note) = data.split_first().map_or((0, data), |(b, rest)| (*b, rest));
    let rules = WinRules {
        sections: if rules_byte & 2 == 0 {
            Vec::new()
        } else {
            vec!["Accomplishments".to_owned(), "ΝΊΚΕΣ".to_owned()]
        },
        section_words: if rules_byte & 8 == 0 {
            vec!["win".to_owned(), "wins".to_owned()]
        } else {
            vec!["went well".to_owned(), "ΝΊΚΕΣ".to_owned()]
        },
        fields: if rules_byte & 4 == 0 {
            vec!["win".to_owned()]
        } else {
            vec!["İyi".to_owned(), "win".to_owned()]
        },
        allow_empty: rules_byte & 1 == 1,
        ..WinRules::default()
    };
    // Notes reach the parser through the same lossy decode the journal uses.
    let (text, _) = decode(note.to_vec(), "fuzz.md");
    let matcher = WinMatcher::new(&rules);
    let surveyed = matcher.parse(&text);
    assert_eq!(surveyed, matcher.parse_whole(&text), "{text:?}");
    let lines = text.matches('\n').count() + 1;
    for entry in &surveyed.entries {
        // Every reported line must exist in the note.
        assert!((1..=lines).contains(&entry.line), "{text:?}");
    }
});
