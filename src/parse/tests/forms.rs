//! The forms of SPEC §2 beyond tagged items: wins sections scoped to their container, outline,
//! bold and callout labels, Logseq outlines, properties, done tasks and patterns.

use super::*;

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
