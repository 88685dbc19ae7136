//! The surveyed parse held to a parse of the whole note, on notes built at random, real-world
//! shapes and hostile input.

use super::*;

/// Pieces that end or open blocks, sections, fields, tags and code, for notes built at random.
const PIECES: &[&str] = &[
    "#win",
    "#win/work",
    "#winter",
    "#rest",
    "win:: ",
    "Win :: ",
    "[win:: ",
    "(win:: ",
    "]",
    ")",
    "[[x]]",
    "#[[win]]",
    "`",
    "\n",
    "\n\n",
    "\n\nText ",
    "\n\nWins\n===\n",
    "\n\nWins\n---\n",
    "\n---\n",
    "- ",
    "  - ",
    "\t- ",
    "\t",
    "1. ",
    "> ",
    "- [ ] ",
    "- [x] ",
    "## Wins\n",
    "# Log\n",
    "## 🏆 Wins\n",
    "### Other\n",
    "::",
    ":",
    "a",
    " b ",
    "14:32 ",
    "**#win**",
    "[l](http://a#win)",
    "|a|b|\n|-|-|\n",
    "\r\n",
    "    code\n",
    "x:\n",
    "\n  \nMore ",
    ":c",
    "\n\n  :d",
    "\n\n> q #win\n",
    "a#win",
    "é#win",
    "x*#win",
    "`a#win`",
    "[[Recipes#win]]",
    "std/#win",
    "\n\nSee [[a#b]] #win",
    "\n```\n",
    "\n~~~\n",
    "\n````x\n",
    "```",
    "win:",
    "Darwin:: ",
    "\n\nSmall wins\n---\n",
    "Small steps ",
    "<b>",
    "## W**in**s\n",
    "#wi",
    "n",
    "\n\t- x\n\n\t",
    "#rest_",
    "\n- \n",
    "W<i></i>ins",
    "&#35;",
    // Outline, bold and callout labels, headings in containers.
    "- Wins\n",
    "- **Small wins:**\n",
    "    - ",
    "\t\t- ",
    "**Wins:**\n",
    "**Wins**:\n\n",
    "_Today's wins_",
    "\n\n**Wins:**\n- ",
    "> [!success] Wins\n",
    "> [!tip] Note\n> ",
    "- ## Wins\n",
    "  - ### Wins\n",
    "> ## Wins\n",
    "Winter\n",
    "- Winter coat\n\t- ",
    // Numbering, placeholders, tasks and done dates.
    "- 1. ",
    "- 2.\n",
    "<% tp.file.cursor() %>",
    "- [X] ",
    "- [-] ",
    "[!] ",
    "**9:05** ",
    "✅ 2026-11-16",
    "[completion:: 2026-11-20]",
    "DONE ",
    "TODO ",
    // Math and Logseq shapes.
    "$",
    "$$",
    "$w = #win$",
    "\n$$\n#win\n$$\n",
    "[[win]]",
    "#win.daily",
    "collapsed:: true\n",
    ":LOGBOOK:\n",
    "Finally a #win here",
    ">\n",
    "> **Small wins:**\n",
];

/// The notes of the hand-counted fixture graphs, written the way real people write.
const FIXTURE_NOTES: &[&str] = &[
    include_str!("../../../tests/fixtures/forms-obsidian-heading/Journal/Daily/2026-11-16.md"),
    include_str!("../../../tests/fixtures/forms-obsidian-heading/Journal/Daily/2026-11-17.md"),
    include_str!("../../../tests/fixtures/forms-obsidian-heading/Journal/Daily/2026-11-18.md"),
    include_str!("../../../tests/fixtures/forms-obsidian-heading/Journal/Daily/2026-11-19.md"),
    include_str!("../../../tests/fixtures/forms-obsidian-heading/Journal/Daily/2026-11-20.md"),
    include_str!("../../../tests/fixtures/forms-obsidian-heading/Journal/Daily/2026-11-22.md"),
    include_str!("../../../tests/fixtures/forms-obsidian-heading/Journal/Daily/2026-11-23.md"),
    include_str!("../../../tests/fixtures/forms-obsidian-template/Journal/2026-11-16.md"),
    include_str!("../../../tests/fixtures/forms-obsidian-template/Journal/2026-11-20.md"),
    include_str!("../../../tests/fixtures/forms-obsidian-template/Journal/2026-11-21.md"),
    include_str!("../../../tests/fixtures/forms-obsidian-template/Journal/2026-11-22.md"),
    include_str!("../../../tests/fixtures/forms-obsidian-template/Journal/2026-11-23.md"),
    include_str!("../../../tests/fixtures/forms-extra/Daily/2026-11-23.md"),
    include_str!("../../../tests/fixtures/forms-extra/Daily/2026-11-24.md"),
    include_str!("../../../tests/fixtures/forms-logseq-outliner/journals/2026_11_16.md"),
    include_str!("../../../tests/fixtures/forms-logseq-outliner/journals/2026_11_18.md"),
    include_str!("../../../tests/fixtures/forms-logseq-outliner/journals/2026_11_23.md"),
    include_str!("../../../tests/fixtures/forms-logseq-extra/journals/2026_11_25.md"),
];

/// Pieces that reach across blocks: notes holding one are read whole.
const SPANNING: &[&str] = &[
    "\n  ```\n",
    "\n<div>\n",
    "<!-- ",
    "-->",
    "%%",
    "\n\n[foo]: /u\n",
    "[foo]",
    "<b>",
];

#[test]
fn surveyed_reading_finds_what_reading_everything_finds() {
    let m = WinMatcher::new(&WinRules::default());
    let mut fixed = vec![
        "## Wins\n\n- a\n\nPlain prose.\n\n- b\n\n## Log\n\nMore prose.\n\n- c #win\n".to_owned(),
        "Wins\n====\n\nprose\n\n- item\n\nNext\n\n- done".to_owned(),
        "- a:\n\t- b\n\n  :c win\n\nText\n".to_owned(),
        "> quoted\n\nLazy #win\n\n- x\n\n  y #win\n\nz".to_owned(),
        // Comments cut out of a unit join what is around them.
        "- did #wi<!-- -->n\n".to_owned(),
        "- w%%x%%in:: a\n".to_owned(),
        "- win %%x%% :: a\n".to_owned(),
        "- win <!-- x --> :: a\n".to_owned(),
        // Markup inside a section name is not heading text.
        "## W<b></b>ins\n- a\n".to_owned(),
        "## [Wi](u)ns\n- a\n".to_owned(),
        "## W[[t|i]]ns\n- a\n".to_owned(),
        "## W&#105;ns\n- a\n".to_owned(),
        // Lone carriage returns end lines for pulldown-cmark.
        "x\r## Wins\r- a\r".to_owned(),
        "x\r```\n\n## Wins\n- a\n".to_owned(),
        // A tab-indented nested list joins the line above it to the text after it.
        "- #wi\n\t- x\n\n\tn\n".to_owned(),
        "- x #\n\t- y\n\n\twin\n".to_owned(),
        "- wi\n\t- x\n\n\tn:: a\n".to_owned(),
        "- win\n\t- x\n\n\t:: a\n".to_owned(),
        // `- ` underlines a setext heading.
        "Wins\n- \n- a\n".to_owned(),
        "> Wins\n> - \n> - a\n".to_owned(),
        // A heading's text event ends at a `_` that may close emphasis.
        "# #rest_\n".to_owned(),
        // A bold label is emphasis first: a colon before it makes a paragraph.
        "::**Wins:**\n  - a\n".to_owned(),
        "x\n\n**Wins:**\n\n- a\n\nText\n\n- b\n".to_owned(),
        "- Notes\n\n  **Small\n  wins:**\n  - a\n".to_owned(),
        "- > [!success] Wins\n  > - a\n".to_owned(),
    ];
    // A fixed-seed xorshift keeps the cases the same on every run.
    let mut state = 0x9E37_79B9_7F4A_7C15_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..3000 {
        let len = 1 + next() % 60;
        let mut pieces: Vec<&str> = (0..len)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        if next() % 4 == 0 {
            let at = (next() % (len + 1)) as usize;
            pieces.insert(at, SPANNING[(next() % SPANNING.len() as u64) as usize]);
        }
        let note = pieces.concat();
        fixed.push(note);
    }
    fixed.extend(FIXTURE_NOTES.iter().map(|note| note.to_string()));
    let named = WinMatcher::new(&WinRules {
        section_words: vec!["went well".to_owned(), "wins".to_owned()],
        sections: vec!["Accomplishments".to_owned(), "3 amazing things".to_owned()],
        ..WinRules::default()
    });
    let mut split_notes = 0;
    for note in &fixed {
        for m in [&m, &named] {
            assert_eq!(
                m.parse_surveyed(note, true),
                m.parse_surveyed(note, false),
                "{note:?}"
            );
        }
        split_notes += usize::from(survey(&m, note).blocks.is_some_and(|b| b.len() > 1));
    }
    assert!(split_notes > 1000, "only {split_notes} notes were split");
}

#[test]
fn surveyed_reading_finds_unusual_keys_and_sections() {
    let cases = [
        // `İ` lowercases to two characters.
        (
            WinRules {
                fields: vec!["İyi".to_owned()],
                ..WinRules::default()
            },
            "- İyi:: great\n",
        ),
        // The lines of a setext heading join with a space.
        (
            WinRules {
                sections: vec!["Small steps".to_owned()],
                ..WinRules::default()
            },
            "Small\nsteps\n---\n- a\n",
        ),
        // A final sigma lowercases by what follows it.
        (
            WinRules {
                sections: vec!["ΝΊΚΕΣ ABC".to_owned()],
                ..WinRules::default()
            },
            "ΝΊΚΕΣ\nABC\n---\n- a\n",
        ),
        (
            WinRules {
                sections: vec!["ΝΊΚΕΣ".to_owned()],
                ..WinRules::default()
            },
            "## [ΝΊΚΕΣ](x)\n- a\n",
        ),
    ];
    for (rules, note) in &cases {
        let m = WinMatcher::new(rules);
        let whole = m.parse_surveyed(note, false);
        assert_eq!(whole.entries.len(), 1, "{note:?}");
        assert_eq!(m.parse_surveyed(note, true), whole, "{note:?}");
    }
}

#[test]
fn hostile_input_never_panics() {
    let deep_list = format!("{}#win\n", "- ".repeat(200_000));
    let deep_indent: String = (0..2_000)
        .map(|i| format!("{}- x #win\n", " ".repeat(2 * i)))
        .collect();
    let deep_quote = format!("{} #win\n", ">".repeat(200_000));
    let long_line = format!("- {} #win\n", "é #a [[ %% <!-- `x".repeat(100_000));
    let inputs = [
        "\0#win\0\n- \0 #win".to_owned(),
        "```\n#win".to_owned(),
        "- a %% #win".to_owned(),
        "- a <!-- #win".to_owned(),
        "- a [[ #win".to_owned(),
        "- a #[[ x".to_owned(),
        "---".to_owned(),
        "---\n".to_owned(),
        "\u{feff}".to_owned(),
        "- 1:".to_owned(),
        "- [win:: ".to_owned(),
        "win::".to_owned(),
        "# Wins\n- [x]".to_owned(),
        deep_list,
        deep_indent,
        deep_quote,
        long_line,
        "[".repeat(100_000) + "win:: x",
    ];
    for input in &inputs {
        let _ = parse(input);
    }
}
