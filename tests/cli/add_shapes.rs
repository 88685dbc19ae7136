//! `add` writes in the note's own shape: under whatever wins label the note has, as its other
//! items are written, in Obsidian and in Logseq; and every note it writes passes `check`.

use std::fs;
use std::path::Path;

use crate::support::{copy_fixture, json, run, smallwins, smallwins_at};

/// Adds `text` to the note of `date` at 10:00, quietly, and returns that note afterwards.
fn add_on(vault: &Path, date: &str, text: &str, note: &str) -> String {
    let output = run(
        smallwins(vault).args(["add", text, "--date", date, "--time", "10:00", "--quiet"]),
        vault,
    );
    assert!(output.starts_with("exit: 0\n"), "{output}");
    let written = fs::read_to_string(vault.join(note)).unwrap();
    passes_check(vault, note);
    written
}

/// `check` of the note finds no error (Templater leftovers are warnings).
fn passes_check(vault: &Path, note: &str) {
    let output = run(smallwins(vault).arg("check").arg(vault.join(note)), vault);
    assert!(
        output.starts_with("exit: 0\n") && !output.contains("error:"),
        "{note}: {output}"
    );
}

/// The `(text, kind)` of the wins `list` finds on `date`.
fn wins_on(vault: &Path, date: &str) -> Vec<(String, String)> {
    let list =
        json(smallwins(vault).args(["list", "--since", date, "--until", date, "--format", "json"]));
    list.as_array()
        .unwrap()
        .iter()
        .map(|win| {
            (
                win["text"].as_str().unwrap().to_owned(),
                win["kind"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn obsidian_heading_section_gets_the_item_after_the_last_one_and_its_details() {
    let dir = copy_fixture("add-shapes");
    let note = add_on(
        dir.path(),
        "2026-11-16",
        "Booked the train",
        "Daily/2026-11-16.md",
    );
    assert_eq!(
        note,
        "# Monday\n\n## 🏆 Wins of the Day\n- Cleared the inbox before lunch\n\
         - Called the plumber back\n  - he comes on Thursday\n- 10:00 Booked the train #win\n\n\
         ## Notes\nQuiet day.\n"
    );
}

#[test]
fn outline_label_gets_a_child_with_the_same_indentation() {
    let dir = copy_fixture("add-shapes");
    let note = add_on(
        dir.path(),
        "2026-11-17",
        "Paid the rent",
        "Daily/2026-11-17.md",
    );
    assert_eq!(
        note,
        "- Log\n\t- Slept eight hours\n- Wins\n\t- Finished the tax return\n\t\t- two days early\n\
         \t- Fixed the bike brakes\n\t- 10:00 Paid the rent #win\n- Tomorrow\n\t- Buy stamps\n"
    );
    assert_eq!(
        wins_on(dir.path(), "2026-11-17").last().unwrap(),
        &("Paid the rent".to_owned(), "tag".to_owned())
    );
}

#[test]
fn bold_label_list_gets_the_item() {
    let dir = copy_fixture("add-shapes");
    let note = add_on(
        dir.path(),
        "2026-11-18",
        "Fixed the flaky test",
        "Daily/2026-11-18.md",
    );
    assert_eq!(
        note,
        "Wednesday, grey.\n\n**Wins:**\n- Answered every review comment\n- Walked to work\n\
         - 10:00 Fixed the flaky test #win\n\n**Tomorrow:**\n- Dentist at 9\n"
    );
}

#[test]
fn callout_list_gets_a_quoted_item() {
    let dir = copy_fixture("add-shapes");
    let note = add_on(
        dir.path(),
        "2026-11-19",
        "Sam said thanks",
        "Daily/2026-11-19.md",
    );
    assert_eq!(
        note,
        "# Thursday\n\n> [!success] Wins\n> - Demo went smoothly\n> - 10:00 Sam said thanks #win\n\n\
         > [!todo] Next\n> - Send the slides\n"
    );
}

#[test]
fn numbered_list_gets_the_next_number() {
    let dir = copy_fixture("add-shapes");
    let note = add_on(
        dir.path(),
        "2026-11-20",
        "Went to bed early",
        "Daily/2026-11-20.md",
    );
    assert!(
        note.contains("3. Read 30 pages\n4. 10:00 Went to bed early #win\n\n## Notes\n"),
        "{note}"
    );
}

#[test]
fn empty_placeholders_are_filled_one_by_one() {
    let dir = copy_fixture("add-shapes");
    add_on(
        dir.path(),
        "2026-11-21",
        "Baked bread",
        "Daily/2026-11-21.md",
    );
    let note = add_on(
        dir.path(),
        "2026-11-21",
        "Called Mum",
        "Daily/2026-11-21.md",
    );
    assert_eq!(
        note,
        "# Saturday\n\n## Small wins\n1. 10:00 Baked bread #win\n2. 10:00 Called Mum #win\n3. \n\n\
         ## Gratitude\n1. \n"
    );
}

#[test]
fn star_bullets_stay_star_bullets() {
    let dir = copy_fixture("add-shapes");
    let note = add_on(
        dir.path(),
        "2026-11-22",
        "Fixed the gate",
        "Daily/2026-11-22.md",
    );
    assert!(
        note.contains("* Long walk by the river\n* 10:00 Fixed the gate #win\n"),
        "{note}"
    );
}

#[test]
fn a_tag_already_in_the_text_is_not_added_again() {
    let dir = copy_fixture("add-shapes");
    let vault = dir.path();
    let output = run(
        smallwins(vault).args([
            "add",
            "ran 5k #win",
            "--tag",
            "running",
            "--date",
            "2026-11-16",
            "--time",
            "7:00",
            "--quiet",
        ]),
        vault,
    );
    assert!(output.starts_with("exit: 0\n"), "{output}");
    let note = fs::read_to_string(vault.join("Daily/2026-11-16.md")).unwrap();
    assert!(note.contains("- 07:00 ran 5k #win #running\n"), "{note}");
    let output = run(
        smallwins(vault).args([
            "add",
            "shipped #win/work #running",
            "--tag",
            "running",
            "--date",
            "2026-11-16",
            "--time",
            "9:00",
            "--quiet",
        ]),
        vault,
    );
    assert!(output.starts_with("exit: 0\n"), "{output}");
    let note = fs::read_to_string(vault.join("Daily/2026-11-16.md")).unwrap();
    assert!(
        note.contains("- 09:00 shipped #win/work #running\n"),
        "{note}"
    );
}

#[test]
fn templater_commands_of_the_daily_template_are_filled_for_the_note_day() {
    let dir = copy_fixture("add-shapes");
    let vault = dir.path();
    let output = run(
        smallwins_at(vault, Some("2026-11-27T08:15")).args([
            "add",
            "Booked the dentist",
            "--date",
            "2026-11-23",
            "--quiet",
        ]),
        vault,
    );
    assert!(output.starts_with("exit: 0\n"), "{output}");
    let note = fs::read_to_string(vault.join("Daily/2026-11-23.md")).unwrap();
    assert_eq!(
        note,
        "---\ndate: 2026-11-23\nweek: 2026-W48\n\
         <%* const mood = await tp.system.prompt(\"Mood?\") -%>\ncreated: 2026-11-23 08:15\n---\n\
         # 2026-11-23 · Monday\n[[2026-11-22]] · [[2026-11-24]] · [[2026-11-16|a week ago]]\n\n\
         ## Wins\n- Booked the dentist #win\n\n## Journal\nMood: <% tp.system.prompt(\"Mood today?\") %>\n"
    );
    let check = run(
        smallwins(vault)
            .arg("check")
            .arg(vault.join("Daily/2026-11-23.md")),
        vault,
    );
    assert!(check.starts_with("exit: 0\n"), "{check}");
    assert_eq!(
        check.matches("warning: Templater command").count(),
        2,
        "{check}"
    );
    assert_eq!(
        wins_on(vault, "2026-11-23"),
        [("Booked the dentist".to_owned(), "tag".to_owned())]
    );
}

#[test]
fn logseq_heading_block_gets_a_child_block_after_its_last_child() {
    let dir = copy_fixture("add-logseq");
    let note = add_on(
        dir.path(),
        "2026-11-16",
        "Booked the train",
        "journals/2026_11_16.md",
    );
    assert_eq!(
        note,
        "- ## Plan\n\t- Finish the report\n- ## Wins\n\t- Finished the report\n\t\t- sent it at 16:00\n\
         \t- Swam 20 lengths\n\t  collapsed:: true\n\t- 10:00 Booked the train #win\n- ## Log\n\t- Rain all day"
    );
    let wins: Vec<String> = wins_on(dir.path(), "2026-11-16")
        .into_iter()
        .map(|w| w.0)
        .collect();
    assert_eq!(
        wins,
        ["Finished the report", "Swam 20 lengths", "Booked the train"]
    );
}

#[test]
fn logseq_nested_wins_block_fills_its_empty_child() {
    let dir = copy_fixture("add-logseq");
    let note = add_on(
        dir.path(),
        "2026-11-17",
        "Paid the rent",
        "journals/2026_11_17.md",
    );
    assert_eq!(
        note,
        "- Morning pages\n\t- Slept badly\n- Evening\n\t- ## Wins\n\t  id:: 6740a1c2-3b4d-4e5f-8a9b-0c1d2e3f4a5b\n\
         \t\t- Ran 5 km without stopping #running\n\t\t- 10:00 Paid the rent #win\n\
         \t- ## Tomorrow\n\t\t- LATER Return the library books\n"
    );
}

#[test]
fn logseq_journal_without_a_wins_block_gets_a_top_level_block() {
    let dir = copy_fixture("add-logseq");
    let note = add_on(
        dir.path(),
        "2026-11-18",
        "Mended the fence",
        "journals/2026_11_18.md",
    );
    assert_eq!(
        note,
        "- Slept in\n- ## Log\n\t- Tidied the shed\n- 10:00 Mended the fence #win\n"
    );
}

#[test]
fn a_new_logseq_journal_is_an_outline_from_the_graph_template() {
    let dir = copy_fixture("add-logseq");
    let note = add_on(
        dir.path(),
        "2026-11-20",
        "Cooked for six",
        "journals/2026_11_20.md",
    );
    assert_eq!(
        note,
        "- ## Plan\n\t-\n- ## Wins\n\t- 10:00 Cooked for six #win\n- ## Log\n\
         \t- Started 10:00, yesterday was [[Nov 19th, 2026]]\n"
    );
    assert!(!note.contains("# Thursday"), "never an Obsidian page");
}

#[test]
fn a_new_logseq_journal_without_a_template_is_one_block() {
    let dir = copy_fixture("add-logseq");
    fs::write(
        dir.path().join("logseq/config.edn"),
        "{:journal/file-name-format \"yyyy_MM_dd\"}\n",
    )
    .unwrap();
    let note = add_on(
        dir.path(),
        "2026-11-20",
        "Cooked for six",
        "journals/2026_11_20.md",
    );
    assert_eq!(note, "- 10:00 Cooked for six #win\n");
}

#[test]
fn a_front_matter_wins_list_gets_the_next_item() {
    let dir = copy_fixture("add-shapes");
    let note = add_on(
        dir.path(),
        "2026-11-24",
        "Sam's talk: a hit",
        "Daily/2026-11-24.md",
    );
    assert_eq!(
        note,
        "---\ndate: 2026-11-24\nwins:\n  - Walked to work\n  - Fixed the bike light\n\
         \x20 - '10:00 Sam''s talk: a hit #win'\nmood: calm\n---\n# Tuesday\n\nRainy.\n"
    );
    assert!(wins_on(dir.path(), "2026-11-24")
        .contains(&("Sam's talk: a hit".to_owned(), "property".to_owned())));
}

#[test]
fn a_callout_template_bullet_is_filled() {
    let dir = copy_fixture("add-shapes");
    let note = add_on(dir.path(), "2026-11-25", "Shipped", "Daily/2026-11-25.md");
    assert_eq!(
        note,
        "# Wednesday\n\n> [!success] Wins\n> - 10:00 Shipped #win\n\n## Notes\nBusy.\n"
    );
}

#[test]
fn every_shape_passes_check_after_several_adds() {
    let dir = copy_fixture("add-shapes");
    let vault = dir.path();
    for day in 16..=25 {
        let date = format!("2026-11-{day}");
        for text in ["First", "Second", "Third"] {
            add_on(vault, &date, text, &format!("Daily/{date}.md"));
        }
        let found = wins_on(vault, &date);
        for text in ["First", "Second", "Third"] {
            assert!(
                found.iter().any(|(win, _)| win == text),
                "{date}: {found:?}"
            );
        }
    }
    let logseq = copy_fixture("add-logseq");
    for day in 16..=20 {
        let note = format!("journals/2026_11_{day}.md");
        for text in ["First", "Second"] {
            add_on(logseq.path(), &format!("2026-11-{day}"), text, &note);
        }
    }
}
