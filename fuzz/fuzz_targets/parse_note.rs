//! Fuzz target: the note parser must never panic, whatever bytes a note holds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smallwins::journal::decode;
use smallwins::model::WinRules;
use smallwins::parse::WinMatcher;

fuzz_target!(|data: &[u8]| {
    // Notes reach the parser through the same lossy decode the journal uses.
    let (text, _) = decode(data.to_vec(), "fuzz.md");
    let rules = WinRules {
        sections: vec!["Wins".to_owned(), "Small wins".to_owned()],
        allow_empty: data.first().is_some_and(|b| b & 1 == 1),
        ..WinRules::default()
    };
    let parsed = WinMatcher::new(&rules).parse(&text);
    for entry in &parsed.entries {
        // Every reported line must exist in the note.
        assert!(entry.line >= 1 && entry.line <= text.matches('\n').count() + 1);
    }
});
