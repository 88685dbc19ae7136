//! The parser's tests: table tests per shape of win here, the wins sections, labels, outlines,
//! properties, tasks and patterns of real notes in `forms.rs`, and in `survey.rs` the differential
//! tests that hold the surveyed parse to a parse of the whole note.

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

mod forms;
mod survey;
