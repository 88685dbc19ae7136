//! The parser's tests: table tests per shape of win, and the differential tests that hold the
//! surveyed parse to a parse of the whole note.

use chrono::NaiveDate;

use super::outline::CODE_TAG_WARNING;
use super::survey::{RareBytes, Survey};
use super::*;
use crate::model::{Severity, WinPattern};

fn parse_with(rules: &WinRules, text: &str) -> ParsedNote {
    WinMatcher::new(rules).parse(text)
}

fn parse(text: &str) -> ParsedNote {
    parse_with(&WinRules::default(), text)
}

fn survey(m: &WinMatcher, md: &str) -> Survey {
    m.survey(md, &RareBytes::find(md.as_bytes()))
}

/// `line kind [time] text {tags}` per entry, compact enough for tables.
fn show(note: &ParsedNote) -> Vec<String> {
    note.entries
        .iter()
        .map(|e| {
            let time = e
                .time
                .as_deref()
                .map(|t| format!("{t} "))
                .unwrap_or_default();
            let tags = if e.tags.is_empty() {
                String::new()
            } else {
                format!(" {{{}}}", e.tags.join(","))
            };
            format!("{} {} {}{}{}", e.line, e.kind.as_str(), time, e.text, tags)
        })
        .collect()
}

fn check(cases: &[(&str, &str, &[&str])]) {
    for (name, text, expected) in cases {
        let got = show(&parse(text));
        assert_eq!(got, *expected, "case {name}: {text:?}");
    }
}

#[test]
fn tagged_items_and_paragraphs() {
    check(&[
        ("simple", "- did it #win\n", &["1 tag did it"]),
        ("upper", "- did it #WIN\n", &["1 tag did it"]),
        ("winter", "- cold #winter\n", &[]),
        ("digits", "- year #1984 #win\n", &["1 tag year #1984"]),
        (
            "nested",
            "- shipped #win/work\n",
            &["1 tag shipped {win/work}"],
        ),
        ("twice", "- a #win b #win\n", &["1 tag a win b"]),
        (
            "other tags",
            "- a #Health #win #focus #health\n",
            &["1 tag a #Health #focus #health {focus,health}"],
        ),
        (
            "paragraph",
            "Intro\n\nGot it done #win\nsecond line\n",
            &["3 tag Got it done second line"],
        ),
        ("no space before", "- a#win\n", &[]),
        ("bold", "- a **#win**\n", &["1 tag a ****"]),
        ("escaped", "- a \\#win\n", &[]),
        ("ordered", "3. third #win\n", &["1 tag third"]),
        (
            "unicode tag",
            "- café #win #gesundheit_ü #日本\n",
            &["1 tag café #gesundheit_ü #日本 {gesundheit_ü,日本}"],
        ),
        (
            "emoji tag",
            "- a #win #🎉party\n",
            &["1 tag a #🎉party {🎉party}"],
        ),
        ("punct ends tag", "- a #win, #b.\n", &["1 tag a, #b. {b}"]),
        ("trailing slash", "- a #win/ x\n", &["1 tag a win x"]),
        (
            "links kept",
            "- read [[Book]] and [x](https://y.z) #win\n",
            &["1 tag read [[Book]] and [x](https://y.z)"],
        ),
        (
            "multi-line item",
            "- first\n  second #win\n",
            &["1 tag first second"],
        ),
        ("heading is not a win", "## Done #win\n", &[]),
    ]);
}

#[test]
fn tags_never_form_in_code_html_comments_or_links() {
    check(&[
        ("inline code", "- `#win` here\n", &[]),
        // The `#` follows a space, so only the code span keeps it from being a tag.
        (
            "code span after a space",
            "- ran `cargo test #win` today\n",
            &[],
        ),
        (
            "code span after a space, real tag after it",
            "- ran `cargo test #win` today #win\n",
            &["1 tag ran `cargo test #win` today"],
        ),
        ("fenced", "```\n- #win x\n```\n", &[]),
        ("indented", "para\n\n    #win x\n", &[]),
        ("html comment", "<!--\n- x #win\n-->\n", &[]),
        ("inline html comment", "- a <!-- #win --> b\n", &[]),
        ("inline html", "- a <span>#win</span>\n", &[]),
        ("obsidian inline", "- a %%#win%% b\n", &[]),
        (
            "obsidian multi-line",
            "%%\n- a #win\n%%\n- b #win\n",
            &["4 tag b"],
        ),
        (
            "obsidian unclosed",
            "- a #win\n%%\n- b #win\n",
            &["1 tag a"],
        ),
        ("percent in code", "- `%%` a #win\n", &["1 tag `%%` a"]),
        ("url", "- see https://x.com/#win\n", &[]),
        ("markdown link", "- see [#win](https://x.com/#win)\n", &[]),
        ("autolink", "- see <https://x.com/#win>\n", &[]),
        (
            "wikilink",
            "- see [[Note#win]] and [[Note#win|alias]]\n",
            &[],
        ),
        (
            "comment removed from text",
            "- a %%note%% b #win\n",
            &["1 tag a b"],
        ),
    ]);
}

#[test]
fn nested_children_are_entries_of_their_own() {
    check(&[
        (
            "child not merged",
            "- parent #win\n  - child detail\n",
            &["1 tag parent"],
        ),
        ("child win", "- parent\n  - child #win\n", &["2 tag child"]),
        (
            "both",
            "- parent #win\n  - child #win\n- next\n",
            &["1 tag parent", "2 tag child"],
        ),
    ]);
}

#[test]
fn section_wins() {
    check(&[
        (
            "basic",
            "## Wins\n- one\n- two\n",
            &["2 section one", "3 section two"],
        ),
        ("emoji heading", "## 🏆 Wins!\n- one\n", &["2 section one"]),
        ("small wins", "# small   WINS\n- one\n", &["2 section one"]),
        (
            "ends at same level",
            "## Wins\n- one\n## Notes\n- two\n",
            &["2 section one"],
        ),
        (
            "ends at higher level",
            "## Wins\n- one\n# Day\n- two\n",
            &["2 section one"],
        ),
        (
            "sub-heading stays inside",
            "## Wins\n### Work\n- one\n",
            &["3 section one"],
        ),
        (
            "tasks",
            "## Wins\n- [ ] open\n- [x] done\n- [X] Done too\n",
            &["3 section done", "4 section Done too"],
        ),
        (
            "custom checkboxes: in progress, cancelled, forwarded and scheduled are open",
            "## Wins\n- [/] going\n- [-] dropped #win\n- [>] later\n- [<] booked\n- [!] key one\n- [*] starred\n",
            &["6 section key one", "7 section starred"],
        ),
        (
            "a time in emphasis, a narrow space before PM",
            "## Wins\n- **2:46\u{202f}PM** [[Boho]] call\n- _9:05_ walked\n",
            &["2 section 14:46 [[Boho]] call", "3 section 09:05 walked"],
        ),
        ("empty item", "## Wins\n-\n- \n- one\n", &["4 section one"]),
        (
            "children are details",
            "## Wins\n- one\n  - detail\n",
            &["2 section one"],
        ),
        (
            "tag wins over section",
            "## Wins\n- one #win\n",
            &["2 tag one"],
        ),
        ("paragraph in section", "## Wins\nJust text\n", &[]),
        ("heading in comment", "%% ## Wins %%\n- one\n", &[]),
        ("not wins", "## Winston\n- one\n", &[]),
    ]);
}

#[test]
fn field_wins() {
    check(&[
        (
            "paragraph line",
            "win:: shipped it\n",
            &["1 field shipped it"],
        ),
        ("item", "- win:: shipped it\n", &["1 field shipped it"]),
        ("case", "- Win:: shipped it\n", &["1 field shipped it"]),
        (
            "bracket",
            "- text [win:: small thing] more\n",
            &["1 field small thing"],
        ),
        (
            "paren",
            "Today (win:: ran 5k) was good\n",
            &["1 field ran 5k"],
        ),
        (
            "lines",
            "mood:: ok\nwin:: a\nwin:: b\n",
            &["2 field a", "3 field b"],
        ),
        ("other key", "- loss:: nope\n", &[]),
        ("in code", "- `win:: x`\n", &[]),
        ("tag and field", "- win:: a #win\n", &["1 tag a"]),
        (
            "bracket in tagged item",
            "- did [win:: x] #win\n",
            &["1 tag did x"],
        ),
        (
            "bracket with link",
            "- [win:: read [[Book]]]\n",
            &["1 field read [[Book]]"],
        ),
    ]);
}

#[test]
fn times() {
    check(&[
        ("24h", "- 14:32 walked #win\n", &["1 tag 14:32 walked"]),
        (
            "short hour",
            "- 9:05 - walked #win\n",
            &["1 tag 09:05 walked"],
        ),
        ("pm", "- 2:32 pm walked #win\n", &["1 tag 14:32 walked"]),
        ("noon pm", "- 12:30 pm lunch #win\n", &["1 tag 12:30 lunch"]),
        (
            "midnight am",
            "- 12:30 am up late #win\n",
            &["1 tag 00:30 up late"],
        ),
        (
            "pm glued",
            "- 2:32pm walked #win\n",
            &["1 tag 14:32 walked"],
        ),
        (
            "midnight",
            "- 12:05 AM walked #win\n",
            &["1 tag 00:05 walked"],
        ),
        ("invalid", "- 25:00 walked #win\n", &["1 tag 25:00 walked"]),
        (
            "not leading",
            "- walked at 14:32 #win\n",
            &["1 tag walked at 14:32"],
        ),
        (
            "task and time",
            "## Wins\n- [x] 07:10 up early\n",
            &["2 section 07:10 up early"],
        ),
        (
            "field time",
            "- 08:00 win:: coffee\n",
            &["1 field 08:00 coffee"],
        ),
    ]);
}

#[test]
fn empty_entries_are_dropped_and_recorded() {
    let note = parse("- #win\n- 09:00 #win\n- real #win\n");
    assert_eq!(show(&note), ["3 tag real"]);
    assert_eq!(note.empty_entries, [1, 2]);
    let rules = WinRules {
        allow_empty: true,
        ..WinRules::default()
    };
    let note = parse_with(&rules, "- #meditation\n- #win\n");
    assert_eq!(show(&note), ["2 tag win"]);
    assert!(note.empty_entries.is_empty());
}

#[test]
fn logseq_multi_word_tags() {
    let rules = WinRules {
        tags: vec!["lessons learned".into()],
        ..WinRules::default()
    };
    let note = parse_with(&rules, "- be kind #[[Lessons Learned]] #[[Big Day]]\n");
    assert_eq!(show(&note), ["1 tag be kind #[[Big Day]] {big day}"]);
}

#[test]
fn rest_tag_in_body_and_front_matter() {
    assert!(parse("Lazy day #Rest\n").rest);
    assert!(parse("# Sunday #rest\n").rest);
    assert!(parse("| a | #rest |\n|---|---|\n| b | c |\n").rest);
    assert!(!parse("`#rest`\n").rest);
    assert!(!parse("%% #rest %%\n").rest);
    assert!(parse("---\ntags: [daily, rest]\n---\nnothing\n").rest);
    assert!(parse("---\ntags:\n  - daily\n  - \"#rest\"\n---\n").rest);
    assert!(parse("---\ntags: daily, rest\n---\n").rest);
    assert!(!parse("---\ntags: restful\n---\n").rest);
    let note = parse("- slept #rest #win\n");
    assert_eq!(show(&note), ["1 tag slept #rest {rest}"]);
}

#[test]
fn front_matter_date_and_errors() {
    let note = parse("---\ndate: 2026-11-16\n---\n- a #win\n");
    assert_eq!(
        note.front_matter_date,
        NaiveDate::from_ymd_opt(2026, 11, 16)
    );
    assert_eq!(show(&note), ["4 tag a"]);
    assert!(note.diagnostics.is_empty());

    let note = parse("---\ndate: 2026-11-16T09:30\n---\n");
    assert_eq!(
        note.front_matter_date,
        NaiveDate::from_ymd_opt(2026, 11, 16)
    );

    let note = parse("---\ntitle: x\ndate: 2026-02-30\n---\n");
    assert_eq!(note.front_matter_date, None);
    assert_eq!(note.diagnostics.len(), 1);
    assert_eq!(note.diagnostics[0].severity, Severity::Warning);
    assert_eq!(note.diagnostics[0].line, Some(3));
    assert!(note.diagnostics[0].message.contains("2026-02-30"));

    let note = parse("---\ndate: 2026-11-16\ntags: [a\n---\n- b #win\n");
    assert_eq!(note.front_matter_date, None);
    assert_eq!(note.diagnostics[0].severity, Severity::Error);
    assert!(note.diagnostics[0]
        .message
        .starts_with("front matter is not valid YAML"));
    assert_eq!(show(&note), ["5 tag b"]);

    let note = parse("---\ndate: 2026-11-16\n- fake #win\n\n- real #win\n");
    assert_eq!(note.front_matter_date, None);
    assert_eq!(
        note.diagnostics[0].message,
        "front matter is not closed: add a line with `---`"
    );
    assert_eq!(show(&note), ["3 tag fake", "5 tag real"]);

    let note = parse("---\n\n- a #win\n");
    assert!(note.diagnostics.is_empty());
    assert_eq!(show(&note), ["3 tag a"]);
}

#[test]
fn field_with_space_before_colons_is_found_in_a_note_of_its_own() {
    assert_eq!(show(&parse("win :: Ran 5k\n")), ["1 field Ran 5k"]);
}

#[test]
fn callout_marker_is_not_win_text() {
    check(&[
        (
            "title and body",
            "> [!success] Big day\n> Shipped the release #win\n",
            &["2 tag Shipped the release"],
        ),
        (
            "title only",
            "> [!tip]- Asked for help #win\n",
            &["1 tag Asked for help"],
        ),
        (
            "not a callout",
            "> [x] quoted #win\n",
            &["1 tag [x] quoted"],
        ),
    ]);
}

#[test]
fn tab_indented_nested_item_has_its_own_line() {
    let note = parse("- Morning standup\n\t- Unblocked the deploy #win\n- Read #win\n");
    assert_eq!(show(&note), ["2 tag Unblocked the deploy", "3 tag Read"]);
}

#[test]
fn alias_bomb_front_matter_is_harmless() {
    let mut yaml = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let mut prev = 'a';
    for c in 'b'..='z' {
        yaml.push_str(&format!(
            "{c}: &{c} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        ));
        prev = c;
    }
    let text = format!("---\n{yaml}date: 2026-01-02\n---\n- ok #win\n");
    let started = std::time::Instant::now();
    let note = parse(&text);
    assert!(started.elapsed().as_secs() < 2);
    assert_eq!(note.front_matter_date, NaiveDate::from_ymd_opt(2026, 1, 2));
    assert_eq!(show(&note), [format!("{} tag ok", 30)]);
}

#[test]
fn oversized_front_matter_is_skipped_with_a_warning() {
    let text = format!("---\nnote: \"{}\"\n---\n- a #win\n", "x".repeat(70_000));
    let note = parse(&text);
    assert_eq!(note.diagnostics.len(), 1);
    assert_eq!(note.diagnostics[0].severity, Severity::Warning);
    assert_eq!(show(&note), ["4 tag a"]);
}

#[test]
fn bom_and_crlf_keep_line_numbers() {
    let note = parse("\u{feff}---\r\ndate: 2026-11-16\r\n---\r\n# Day\r\n- a\r\n  b #win\r\n");
    assert_eq!(
        note.front_matter_date,
        NaiveDate::from_ymd_opt(2026, 11, 16)
    );
    assert_eq!(show(&note), ["5 tag a b"]);
    let note = parse("\u{feff}## Wins\r\n\r\n- one\r\n");
    assert_eq!(show(&note), ["3 section one"]);
}

#[test]
fn win_tag_in_code_warns() {
    let note = parse("Some `#win` here\n\n```\n#win\n```\n");
    let lines: Vec<_> = note.lints.iter().map(|d| d.line).collect();
    assert_eq!(lines, [Some(1), Some(4)]);
    assert_eq!(note.lints[0].message, CODE_TAG_WARNING);
    assert!(
        note.diagnostics.is_empty(),
        "reading the note had no problem"
    );
    assert!(parse("`#winter`\n").lints.is_empty());
}

#[test]
fn yaml_errors_point_at_their_line() {
    let note = parse("---\ntitle: a\nbad: [x\nnext: b: c\n---\n");
    let d = &note.diagnostics[0];
    assert_eq!(d.severity, Severity::Error);
    assert!(d.line.is_some_and(|l| (3..=5).contains(&l)), "{d:?}");
}

#[test]
fn an_open_task_is_no_win_even_tagged() {
    check(&[
        ("tagged task", "- [ ] call mum #win\n", &[]),
        ("field task", "- [ ] win:: call mum\n", &[]),
        (
            "done task",
            "- [x] called mum #win\n",
            &["1 tag called mum"],
        ),
    ]);
}

#[test]
fn empty_section_items_are_never_wins() {
    let rules = WinRules {
        allow_empty: true,
        ..WinRules::default()
    };
    let note = parse_with(&rules, "## Wins\n- \n- [x]\n");
    assert!(note.entries.is_empty() && note.empty_entries.is_empty());
}

#[test]
fn blockquotes_and_callouts() {
    check(&[
        ("quote", "> did it #win\n> more\n", &["1 tag did it more"]),
        (
            "callout list",
            "> [!note]\n> - a #win\n>   b\n",
            &["2 tag a b"],
        ),
    ]);
}

#[test]
fn line_numbers_are_right_in_any_order_of_asking() {
    let text = "a\nbb\n\nccc\nd";
    let lines = Lines::new(text);
    for offset in [5, 0, 12, 3, 3, 7, 1, 100, 2, 8] {
        let expected = 1 + text.as_bytes()[..offset.min(text.len())]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        assert_eq!(lines.line_of(offset), expected, "offset {offset}");
    }
}

#[test]
fn survey_finds_only_places_that_may_hold_wins() {
    let m = WinMatcher::new(&WinRules::default());
    let hits = |md: &str| survey(&m, md).hits;
    assert_eq!(hits("# Day\n- nothing\n"), [] as [usize; 0]);
    assert_eq!(hits("- x #WIN"), [4]);
    assert_eq!(hits("a #[[win]] b #rest"), [2, 13]);
    assert_eq!(hits("#Win/Work #winning #wIN/"), [0, 19]);
    let cyrillic = WinMatcher::new(&WinRules {
        tags: vec!["Победа".to_owned()],
        ..WinRules::default()
    });
    assert_eq!(survey(&cyrillic, "- a #ПОБЕДА\n- b #победаx").hits, [4]);
    assert_eq!(
        hits("#winter, site#win, docs/#win, v1.#win"),
        [] as [usize; 0]
    );
    assert_eq!(hits("x\n## Small Wins\n"), [2]);
    assert_eq!(hits("- > ### Wins 🏆\n"), [0]);
    assert_eq!(hits("## W**ins**\n"), [0]);
    assert_eq!(hits("## WINS\n## Log\n"), [0]);
    assert_eq!(hits("```md\n## Wins\n```\n"), [] as [usize; 0]);
    assert_eq!(hits("x\n\nSmall\nwins\n---\n"), [3]);
    assert_eq!(hits("Small steps, a few wins.\n"), [] as [usize; 0]);
    assert_eq!(hits("- win:: a\n[WIN :: b]\n"), [5, 15]);
    assert_eq!(hits("Darwin:: x\nwin: y\n"), [] as [usize; 0]);
    // A tab-indented nested list may join `win:` to a `:` after it; `win:` labels it too.
    assert_eq!(hits("- win:\n\t- x\n"), [0, 5]);
    // Spaced comments join nothing, so they cost nothing.
    assert_eq!(hits("- a %% note %%\n<!-- x -->\n"), [] as [usize; 0]);
    assert_eq!(hits("- #wi%%x%%n <!--y-->z"), [5, 8, 17]);
    let note = parse("---\ndate: 2026-11-16\n---\n# Day\n- nothing\n");
    assert_eq!(
        note.front_matter_date,
        NaiveDate::from_ymd_opt(2026, 11, 16)
    );
}

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
    include_str!("../../tests/fixtures/forms-obsidian-heading/Journal/Daily/2026-11-16.md"),
    include_str!("../../tests/fixtures/forms-obsidian-heading/Journal/Daily/2026-11-17.md"),
    include_str!("../../tests/fixtures/forms-obsidian-heading/Journal/Daily/2026-11-18.md"),
    include_str!("../../tests/fixtures/forms-obsidian-heading/Journal/Daily/2026-11-19.md"),
    include_str!("../../tests/fixtures/forms-obsidian-heading/Journal/Daily/2026-11-20.md"),
    include_str!("../../tests/fixtures/forms-obsidian-heading/Journal/Daily/2026-11-22.md"),
    include_str!("../../tests/fixtures/forms-obsidian-heading/Journal/Daily/2026-11-23.md"),
    include_str!("../../tests/fixtures/forms-obsidian-template/Journal/2026-11-16.md"),
    include_str!("../../tests/fixtures/forms-obsidian-template/Journal/2026-11-20.md"),
    include_str!("../../tests/fixtures/forms-obsidian-template/Journal/2026-11-21.md"),
    include_str!("../../tests/fixtures/forms-obsidian-template/Journal/2026-11-22.md"),
    include_str!("../../tests/fixtures/forms-obsidian-template/Journal/2026-11-23.md"),
    include_str!("../../tests/fixtures/forms-extra/Daily/2026-11-23.md"),
    include_str!("../../tests/fixtures/forms-extra/Daily/2026-11-24.md"),
    include_str!("../../tests/fixtures/forms-logseq-outliner/journals/2026_11_16.md"),
    include_str!("../../tests/fixtures/forms-logseq-outliner/journals/2026_11_18.md"),
    include_str!("../../tests/fixtures/forms-logseq-outliner/journals/2026_11_23.md"),
    include_str!("../../tests/fixtures/forms-logseq-extra/journals/2026_11_25.md"),
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

fn logseq() -> WinRules {
    WinRules {
        logseq: true,
        ..WinRules::default()
    }
}

fn check_with(rules: &WinRules, cases: &[(&str, &str, &[&str])]) {
    let m = WinMatcher::new(rules);
    for (name, text, expected) in cases {
        let got = show(&m.parse(text));
        assert_eq!(got, *expected, "case {name}: {text:?}");
        assert_eq!(m.parse(text), m.parse_whole(text), "case {name}: {text:?}");
    }
}

#[test]
fn headings_cover_their_container_only() {
    check(&[
        (
            "quote",
            "> ## Wins\n> - in the quote\n\n- after the quote\n",
            &["2 section in the quote"],
        ),
        (
            "list item",
            "- Notes from the 1:1\n  - ## Wins\n    - on track\n  - ## Concerns\n    - meetings\n- next\n",
            &["3 section on track"],
        ),
        (
            "callout",
            "> [!note] Day\n> ## Wins\n> - a\n\n- b\n",
            &["3 section a"],
        ),
        (
            "heading in item ends at its level",
            "- day\n  ## Wins\n  - a\n  ## Log\n  - b\n",
            &["3 section a"],
        ),
        (
            "a quote in a section is no direct item",
            "## Wins\n> - quoted\n- direct\n",
            &["3 section direct"],
        ),
        (
            "top-level section outlives a quote",
            "## Wins\n> aside\n\n- a\n",
            &["4 section a"],
        ),
    ]);
}

#[test]
fn outline_labels_name_their_nested_items() {
    check(&[
        (
            "plain",
            "- Wins\n    - a\n    - [x] b\n    - [ ] c\n- Evening\n    - d\n",
            &["2 section a", "3 section b"],
        ),
        (
            "bold with tab",
            "- **Small wins:**\n\t- water\n\t- bed\n",
            &["2 section water", "3 section bed"],
        ),
        (
            "grandchildren are details",
            "- Wins\n  - a\n    - detail\n",
            &["2 section a"],
        ),
        ("winter", "- Winter coat\n  - dry cleaner\n", &[]),
        ("no children", "- Small wins\n- next\n", &[]),
        (
            "a tagged item is a win, not a label",
            "- Big win today #win\n  - detail\n",
            &["1 tag Big win today"],
        ),
        ("a task is no label", "- [x] wins\n  - a\n", &[]),
        (
            "label in a section is no win itself",
            "## Wins\n- Small wins\n  - a\n- b\n",
            &["3 section a", "4 section b"],
        ),
        (
            "label text on two lines",
            "- Small\n  wins:\n  - a\n",
            &["3 section a"],
        ),
    ]);
}

#[test]
fn bold_labels_name_the_list_right_after_them() {
    check(&[
        (
            "strong",
            "**Wins:**\n- a\n- b\n\nThings to do:\n- c\n",
            &["2 section a", "3 section b"],
        ),
        ("colon outside", "**Wins**:\n\n- a\n", &["3 section a"]),
        ("emphasis", "_Today's wins_\n- a\n", &["2 section a"]),
        ("more than a label", "**Wins:** the queue\n- a\n", &[]),
        ("not right before", "**Wins:**\n\nText\n\n- a\n", &[]),
        (
            "in a quote",
            "> **Wins:**\n> - a\n\n- b\n",
            &["2 section a"],
        ),
    ]);
}

#[test]
fn callout_titles_label_the_callout() {
    check(&[
        (
            "success",
            "> [!success] Wins\n> - talk\n> - slides\n\n- reply\n",
            &["2 section talk", "3 section slides"],
        ),
        (
            "heading in the title",
            "> [!evening] ### 👑 Small wins\n> 1. a\n> 2.\n",
            &["2 section a"],
        ),
        (
            "title is not text",
            "> [!tip] Note to self\n> Asked for help #win\n",
            &["2 tag Asked for help"],
        ),
        ("other callout", "> [!quote] Wins of others\n> text\n", &[]),
    ]);
}

#[test]
fn section_words_and_exact_sections() {
    check(&[
        (
            "emoji and words",
            "## 🏆 Wins of the Day\n- a\n",
            &["2 section a"],
        ),
        ("apostrophe", "### Today's wins\n- a\n", &["2 section a"]),
        (
            "ampersand",
            "## ⚡ Wins & Progress\n- a\n",
            &["2 section a"],
        ),
        ("winter", "## Winter prep\n- a\n", &[]),
        ("winning", "## Winning\n- a\n", &[]),
    ]);
    let rules = WinRules {
        sections: vec!["Accomplishments".into(), "3 amazing things".into()],
        ..WinRules::default()
    };
    check_with(
        &rules,
        &[
            ("exact", "### ✅ Accomplishments\n- a\n", &["2 section a"]),
            (
                "numbered",
                "### 3 amazing things\n1. a\n2. \n",
                &["2 section a"],
            ),
            ("bold", "**Accomplishments:**\n- a\n", &["2 section a"]),
            ("not exact", "## Accomplishments today\n- a\n", &[]),
        ],
    );
}

#[test]
fn placeholders_and_numbering() {
    check(&[
        (
            "numbered bullet",
            "## Wins\n- 1. Finished the guide\n- 2.\n- 3.\n",
            &["2 section Finished the guide"],
        ),
        ("ordered placeholders", "## Wins\n1. \n2. \n", &[]),
        (
            "templater",
            "## Wins\n1. <% tp.file.cursor() %>\n2. real\n",
            &["3 section real"],
        ),
        ("templater tagged", "- <% tp.file.cursor() %> #win\n", &[]),
        (
            "numbered with detail",
            "## Wins\n- 1. a\n     - detail\n",
            &["2 section a"],
        ),
    ]);
    assert_eq!(parse("- <% tp.date.now() %> #win\n").empty_entries, [1]);
}

#[test]
fn win_tags_keep_their_word_inside_a_sentence() {
    check(&[
        (
            "inside",
            "- Finally had a #win with the landlord\n",
            &["1 tag Finally had a win with the landlord"],
        ),
        (
            "colon",
            "Big #win: the demo worked\n",
            &["1 tag Big win: the demo worked"],
        ),
        ("start", "- #win Shipped it\n", &["1 tag Shipped it"]),
        (
            "before a full stop",
            "Shipped the emails #win.\n",
            &["1 tag Shipped the emails."],
        ),
        (
            "among trailing tags",
            "- Called grandma #win #family #win\n",
            &["1 tag Called grandma #family {family}"],
        ),
        (
            "nested inside",
            "- a #win/work b\n",
            &["1 tag a win/work b {win/work}"],
        ),
        ("brackets inside", "- a #[[win]] b\n", &["1 tag a win b"]),
        (
            "end of its line",
            "Got it done #win\nsecond line\n",
            &["1 tag Got it done second line"],
        ),
        (
            "before an emoji",
            "- Shipped it #win 🎉\n",
            &["1 tag Shipped it 🎉"],
        ),
    ]);
}

#[test]
fn each_inline_field_is_a_win() {
    check(&[
        (
            "paragraph",
            "Tidied [win:: inbox zero] and (win:: answered the recruiter).\n",
            &["1 field inbox zero", "1 field answered the recruiter"],
        ),
        (
            "item",
            "- [win:: a] then [win:: b]\n",
            &["1 field a", "1 field b"],
        ),
        (
            "tag makes one entry",
            "- [win:: a] then [win:: b] #win\n",
            &["1 tag a then b"],
        ),
    ]);
}

#[test]
fn math_holds_no_win() {
    check(&[
        ("inline", "- The ratio was $w = #win / n$, fine\n", &[]),
        ("display", "$$\n\\text{s} = #win \\times 2\n$$\n", &[]),
        (
            "money",
            "- Paid $5 for lunch #win\n",
            &["1 tag Paid $5 for lunch"],
        ),
    ]);
}

#[test]
fn done_dates_are_no_text() {
    check(&[(
        "in a section",
        "## Wins\n- [x] Sent the numbers ✅ 2026-11-16\n",
        &["2 section Sent the numbers"],
    )]);
    let note = parse("## Wins\n- [x] Cleaned the oven ✅ 2026-11-21\n");
    assert_eq!(
        note.entries[0].date, None,
        "a section win keeps its note's day"
    );
}

#[test]
fn done_tasks_are_wins_on_their_done_date() {
    let rules = WinRules {
        done_tasks: true,
        ..WinRules::default()
    };
    check_with(
        &rules,
        &[
            (
                "tasks",
                "- [x] Bled the radiators\n- [ ] Return the parcel\n- [x] Renew ✅ 2026-11-19\n- [x] Water [completion:: 2026-11-20]\n",
                &["1 task Bled the radiators", "3 task Renew", "4 task Water"],
            ),
            (
                "in a section it stays a section win",
                "## Wins\n- [x] a\n",
                &["2 section a"],
            ),
            ("tagged", "- [x] a #win\n", &["1 tag a"]),
            ("a paragraph is no task", "[x] not a task\n", &[]),
        ],
    );
    let note = WinMatcher::new(&rules).parse("- [x] Renew ✅ 2026-11-19\n- [x] Bled\n");
    let dates: Vec<_> = note.entries.iter().map(|e| e.date).collect();
    assert_eq!(dates, [NaiveDate::from_ymd_opt(2026, 11, 19), None]);
    let logseq_tasks = WinRules {
        done_tasks: true,
        ..logseq()
    };
    check_with(
        &logseq_tasks,
        &[(
            "logseq",
            "- DONE Filed it\n  :LOGBOOK:\n  CLOCK: [2026-11-16]\n  :END:\n- TODO later\n- ## DONE [[Weekly Review]]\n",
            &["1 task Filed it", "6 task [[Weekly Review]]"],
        )],
    );
}

#[test]
fn front_matter_wins_properties() {
    let note = parse("---\ndate: 2026-11-16\nwins:\n  - \"Kept the phone away #focus\"\n  - \n  - Read *Piranesi* #win\nmood: 4\n---\n# Day\n");
    assert_eq!(
        show(&note),
        [
            "4 property Kept the phone away #focus {focus}",
            "6 property Read *Piranesi*"
        ]
    );
    let note = parse("---\nwins: Finished the puzzle\nwins_count: 3\n---\n");
    assert_eq!(show(&note), ["2 property Finished the puzzle"]);
    for (yaml, what, line) in [
        ("wins: 3\n", "a number", 2),
        ("wins: true\n", "a boolean", 2),
        ("wins:\n  a: b\n", "a map", 3),
        ("wins: {a: b}\n", "a map", 2),
        ("wins:\n  - ok\n  - [a, b]\n", "a list holding a list", 4),
    ] {
        let note = parse(&format!("---\n{yaml}---\n"));
        let lint = note.dated_lints.iter().find(|l| l.message.contains(what));
        assert!(
            lint.is_some_and(|l| l.line == Some(line)),
            "{yaml:?}: {:?}",
            note.dated_lints
        );
    }
    let rules = WinRules {
        properties: vec!["Highlights".into()],
        ..WinRules::default()
    };
    let note = WinMatcher::new(&rules).parse("---\nhighlights: [rhubarb]\nwins: no\n---\n");
    assert_eq!(show(&note), ["2 property rhubarb"]);
}

#[test]
fn patterns_make_lines_wins() {
    let pattern = |source: &str| WinPattern::new(source).unwrap();
    let rules = WinRules {
        patterns: vec![
            pattern(r"^\*\*Wins:\*\*\s*(?P<text>.+)$"),
            pattern("^✅ .+$"),
        ],
        ..WinRules::default()
    };
    check_with(
        &rules,
        &[
            (
                "text group",
                "**Wins:** cleared the queue, finally\n",
                &["1 pattern cleared the queue, finally"],
            ),
            (
                "whole match",
                "✅ ran 5k #running\n",
                &["1 pattern ✅ ran 5k #running {running}"],
            ),
            ("in code", "```\n✅ x\n```\n`✅ y`\n", &[]),
            ("in a comment", "%% ✅ x %%\n<!--\n✅ y\n-->\n", &[]),
            ("front matter", "---\nnote: ✅ x\n---\n", &[]),
            ("already a win", "✅ done #win\n", &["1 tag ✅ done"]),
        ],
    );
    let many = "✅ x\n".repeat(10_050);
    let note = WinMatcher::new(&rules).parse(&many);
    assert_eq!(note.entries.len(), 10_000);
    assert!(note
        .diagnostics
        .iter()
        .any(|d| d.message.contains("wins.patterns")));
}

#[test]
fn logseq_outlines() {
    check_with(
        &logseq(),
        &[
            (
                "heading block",
                "- ## Wins\n  collapsed:: true\n\t- a\n\t- DONE b\n\t  :LOGBOOK:\n\t  CLOCK: x\n\t  :END:\n\t- LATER c\n\t- d\n\t\t- detail\n- ## Log\n\t- e\n- NOW f\n",
                &["3 section a", "4 section b", "9 section d"],
            ),
            (
                "nested heading block",
                "- Evening\n\t- ## Wins\n\t  id:: 674\n\t\t- a\n\t\t-\n\t- ## Tomorrow\n\t\t- b\n",
                &["4 section a"],
            ),
            (
                "bare heading with children",
                "## Wins\n\t- a\n\t- b [[win]]\n## Notes\n\t- c\n",
                &["2 section a", "3 tag b"],
            ),
            (
                "page references and tags",
                "- hinge [[win]]\n- gutters #[[small win]]\n- Finally a #win here\n- stretch #win.daily\n- TODO call #win\n- DONE filed #win\n- [[Priya]] liked it #win\n",
                &[
                    "1 tag hinge",
                    "3 tag Finally a win here",
                    "6 tag filed",
                    "7 tag [[Priya]] liked it",
                ],
            ),
            (
                "properties are no text but a win field stays",
                "mood:: ok\n\n- win:: sourdough\n- a #win\n  logseq.order-list-type:: number\n",
                &["3 field sourdough", "4 tag a"],
            ),
            (
                "task heading is no label",
                "- ## DONE [[Weekly Review]]\n\t- last week's wins\n",
                &[],
            ),
            (
                "numbered placeholders",
                "- ## Wins\n\t- 1.\n\t- 2.\n",
                &[],
            ),
        ],
    );
    // Outside a Logseq graph, a bare heading's tab-indented lines are code, as Obsidian shows them.
    check(&[("obsidian", "## Wins\n\t- a #win\n", &[])]);
}

#[test]
fn allow_empty_shows_the_tag_name() {
    let rules = WinRules {
        tags: vec!["meditation".into()],
        allow_empty: true,
        ..WinRules::default()
    };
    check_with(
        &rules,
        &[
            ("lone tag", "- #meditation\n", &["1 tag meditation"]),
            (
                "nested",
                "#Meditation/Morning\n",
                &["1 tag meditation/morning {meditation/morning}"],
            ),
        ],
    );
}

/// A block of a generated note, for the container-scoping property.
#[derive(Debug, Clone)]
enum Block {
    /// A heading of a level; `true` when it names a wins section.
    Heading(usize, bool),
    Paragraph,
    /// A paragraph of bold text: a bold label when it names a wins section.
    Bold(bool),
    /// A list item: whether its own text names a wins section, and what it holds.
    Item(bool, Vec<Block>),
    Quote(Vec<Block>),
    /// A callout: whether its title names a wins section, and what it holds.
    Callout(bool, Vec<Block>),
}

fn blocks() -> impl proptest::strategy::Strategy<Value = Vec<Block>> {
    use proptest::prelude::*;
    let leaf = prop_oneof![
        (1..=3usize, any::<bool>()).prop_map(|(level, names)| Block::Heading(level, names)),
        Just(Block::Paragraph),
        any::<bool>().prop_map(Block::Bold),
        any::<bool>().prop_map(|names| Block::Item(names, Vec::new())),
    ];
    let block = leaf.prop_recursive(3, 40, 4, |inner| {
        prop_oneof![
            (any::<bool>(), prop::collection::vec(inner.clone(), 0..4))
                .prop_map(|(names, kids)| Block::Item(names, kids)),
            prop::collection::vec(inner.clone(), 0..4).prop_map(Block::Quote),
            (any::<bool>(), prop::collection::vec(inner, 0..4))
                .prop_map(|(names, kids)| Block::Callout(names, kids)),
        ]
    });
    proptest::collection::vec(block, 0..6)
}

/// Writes `blocks` as markdown lines under `prefix` and, as SPEC §2 scopes sections, the lines
/// of the items that are wins: a heading covers its container until one of its level or
/// higher; an item whose text is only a label, right before its nested items, covers its own
/// lists; a bold label covers the list right after it; a callout's title covers its lists.
fn render(
    blocks: &[Block],
    prefix: &str,
    labelled: bool,
    out: &mut Vec<String>,
    wins: &mut Vec<usize>,
) {
    let blank = prefix.trim_end().to_owned();
    let mut open: Option<usize> = None;
    let mut pending = false;
    // Whether the list being written holds wins; `None` when the last block was no item.
    let mut list: Option<bool> = None;
    for block in blocks {
        if !matches!(block, Block::Item(..)) {
            list = None;
        }
        match block {
            Block::Heading(level, names) => {
                let text = if *names { "Wins" } else { "Log" };
                out.push(format!("{prefix}{} {text}", "#".repeat(*level)));
                if open.is_some_and(|o| *level <= o) {
                    open = None;
                }
                if open.is_none() && *names {
                    open = Some(*level);
                }
                pending = false;
            }
            Block::Paragraph => {
                out.extend([blank.clone(), format!("{prefix}Some words"), blank.clone()]);
                pending = false;
            }
            Block::Bold(names) => {
                let text = if *names {
                    "**Small wins:**"
                } else {
                    "**Plans:**"
                };
                out.extend([blank.clone(), format!("{prefix}{text}")]);
                pending = *names;
            }
            Block::Quote(kids) | Block::Callout(_, kids) => {
                out.push(blank.clone());
                let title = match block {
                    Block::Callout(names, _) => {
                        let title = if *names { "Wins" } else { "Log" };
                        out.push(format!("{prefix}> [!success] {title}"));
                        *names
                    }
                    _ => {
                        if kids.is_empty() {
                            out.push(format!("{prefix}>"));
                        }
                        false
                    }
                };
                render(kids, &format!("{prefix}> "), title, out, &mut *wins);
                out.push(blank.clone());
                pending = false;
            }
            Block::Item(names, kids) => {
                let in_section =
                    *list.get_or_insert(open.is_some() || labelled || std::mem::take(&mut pending));
                out.push(format!(
                    "{prefix}- {}",
                    if *names { "Wins" } else { "Winter" }
                ));
                let line = out.len();
                // Its text is only the label when its nested list comes first.
                let label = *names && matches!(kids.first(), Some(Block::Item(..)));
                let heading_block = kids.iter().any(|k| matches!(k, Block::Heading(..)));
                if in_section && !label && !heading_block {
                    wins.push(line);
                }
                render(kids, &format!("{prefix}  "), label, out, &mut *wins);
            }
        }
    }
}

proptest::proptest! {
    #[test]
    fn sections_cover_their_container_only(blocks in blocks()) {
        let mut lines = Vec::new();
        let mut wins = Vec::new();
        render(&blocks, "", false, &mut lines, &mut wins);
        let note = lines.join("\n") + "\n";
        let parsed = parse(&note);
        let found: Vec<usize> = parsed.entries.iter().map(|e| e.line).collect();
        proptest::prop_assert_eq!(found, wins, "{}", note);
        proptest::prop_assert_eq!(&parsed, &WinMatcher::new(&WinRules::default()).parse_whole(&note));
    }
}
