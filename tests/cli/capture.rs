//! `add`: where the win lands, what a new note looks like, the reinforcement, concurrency.

use std::fs;
use std::path::Path;
use std::process::Stdio;

use crate::support::{copy_fixture, json, run, smallwins, TODAY};

fn read(vault: &Path, note: &str) -> String {
    fs::read_to_string(vault.join(note)).unwrap()
}

fn add(vault: &Path, args: &[&str]) -> String {
    run(smallwins(vault).arg("add").args(args), vault)
}

#[test]
fn missing_note_is_created_from_the_obsidian_template() {
    let dir = copy_fixture("capture-template");
    let vault = dir.path();
    let output = add(
        vault,
        &["Fixed", "the build", "--tag", "work", "--time", "9:30"],
    );
    assert!(output.starts_with("exit: 0\n"), "{output}");
    assert_eq!(
        read(vault, "Daily/2026/11/2026-11-26.md"),
        "---\ncreated: \"2026-11-26 09:30\"\n---\n# 2026-11-26\n\n\
         ## 🏆 Wins\n- 09:30 Fixed the build #win #work\n\n## Journal\n"
    );
}

#[test]
fn missing_note_is_created_from_the_bundled_template() {
    let dir = copy_fixture("capture-bundled");
    let vault = dir.path();
    let output = add(vault, &["Cooked dinner", "--time", "19:05", "--quiet"]);
    assert_eq!(output, "exit: 0\n--- stdout\n--- stderr\n");
    assert_eq!(
        read(vault, "Daily/2026-11-26.md"),
        "# Thursday, 26 November 2026\n\n## Wins\n- 19:05 Cooked dinner #win\n\n## Notes\n"
    );
}

#[test]
fn missing_template_file_warns_and_falls_back() {
    let dir = copy_fixture("capture-bundled");
    let vault = dir.path();
    fs::write(
        vault.join(".smallwins.toml"),
        "[notes]\nfolder = \"Daily\"\ntemplate = \"Templates/Gone\"\n",
    )
    .unwrap();
    let output = add(vault, &["Cooked dinner", "--time", "19:05"]);
    assert!(output.starts_with("exit: 0\n"), "{output}");
    assert!(
        output.contains("warning: Templates/Gone.md: cannot read the daily template"),
        "{output}"
    );
    // `-q` is the one quiet: no warnings and no reinforcement, whether before or after `add`.
    for quiet in [["-q", "add"], ["add", "--quiet"]] {
        let output = run(
            smallwins(vault)
                .args(quiet)
                .args(["Washed up", "--date", "2026-11-25"]),
            vault,
        );
        assert_eq!(output, "exit: 0\n--- stdout\n--- stderr\n");
    }
    assert!(read(vault, "Daily/2026-11-26.md").contains("- 19:05 Cooked dinner #win\n"));
}

#[test]
fn win_lands_at_the_end_of_the_wins_list_before_the_next_heading() {
    let dir = copy_fixture("capture-template");
    let vault = dir.path();
    let output = add(vault, &["Late win", "--date", "2026-11-25"]);
    assert!(output.starts_with("exit: 0\n"), "{output}");
    assert_eq!(
        read(vault, "Daily/2026/11/2026-11-25.md"),
        "# Wednesday\n\n## Wins\n- 08:15 Sent the invoice to [[Acme|the client]] #win #work\n\
         - Fixed the flaky test #win\n- Late win #win\n\n## Log\n- Lunch with Sam\n"
    );
}

#[test]
fn note_without_a_wins_heading_gets_one_at_the_end() {
    let dir = copy_fixture("capture-template");
    let vault = dir.path();
    add(
        vault,
        &["Tidied the desk", "--date", "2026-11-24", "--time", "17:00"],
    );
    assert_eq!(
        read(vault, "Daily/2026/11/2026-11-24.md"),
        "# Tuesday\n\nSlow day. Read about [[Rust]] lifetimes. #win\n\n## Log\n\
         - Meetings all afternoon\n\n## Wins\n- 17:00 Tidied the desk #win\n"
    );
}

#[test]
fn crlf_note_keeps_its_line_endings() {
    let dir = copy_fixture("capture-template");
    let vault = dir.path();
    let note = vault.join("Daily/2026/11/2026-11-23.md");
    fs::write(
        &note,
        "# Monday\r\n\r\n## Wins\r\n- First #win\r\n\r\n## Log\r\nx",
    )
    .unwrap();
    add(vault, &["Second", "--date", "2026-11-23"]);
    assert_eq!(
        fs::read_to_string(&note).unwrap(),
        "# Monday\r\n\r\n## Wins\r\n- First #win\r\n- Second #win\r\n\r\n## Log\r\nx"
    );
}

#[test]
fn reinforcement_counts_the_day_against_the_goal() {
    let dir = copy_fixture("capture-template");
    let vault = dir.path();
    let lines = |output: String| output.lines().nth(3).unwrap_or_default().to_owned();
    assert_eq!(
        lines(add(vault, &["One", "--date", "2026-11-24"])),
        "2/3 wins on Tue 24 Nov 2026 — 1 more to meet the goal"
    );
    assert_eq!(
        lines(add(vault, &["Two", "--date", "2026-11-24"])),
        "3/3 wins on Tue 24 Nov 2026 — daily goal met!"
    );
    assert_eq!(
        lines(add(vault, &["Three", "--date", "2026-11-24"])),
        "4/3 wins on Tue 24 Nov 2026 — goal met"
    );
    assert_eq!(
        lines(add(vault, &["Today's", "--time", "08:00"])),
        "1/3 wins today — 2 more to meet the goal"
    );
}

#[test]
fn reinforcement_shows_the_streak() {
    let dir = copy_fixture("capture-template");
    let output = add(dir.path(), &["Fixed the build", "--time", "09:30"]);
    insta::assert_snapshot!(output, @r"
    exit: 0
    --- stdout
    created Daily/2026/11/2026-11-26.md
    1/3 wins today — 2 more to meet the goal
    First win of the day — a good start.
    3-day streak — your longest yet!
    --- stderr
    ");
    let dir = copy_fixture("capture-bundled");
    let output = add(dir.path(), &["Forgot this one", "--date", "2026-11-24"]);
    insta::assert_snapshot!(output, @r"
    exit: 0
    --- stdout
    created Daily/2026-11-24.md
    1/3 wins on Tue 24 Nov 2026 — 2 more to meet the goal
    2-day streak — your longest yet! Now add a win today to keep it going
    --- stderr
    ");
}

#[test]
fn quiet_prints_nothing() {
    let dir = copy_fixture("capture-bundled");
    let output = add(dir.path(), &["Quiet one", "--quiet"]);
    assert_eq!(output, "exit: 0\n--- stdout\n--- stderr\n");
}

#[test]
fn list_finds_what_add_wrote() {
    let dir = copy_fixture("capture-template");
    let vault = dir.path();
    add(
        vault,
        &[
            "Wrote the *report*",
            "--tag",
            "Work/Docs",
            "--time",
            "11:45",
        ],
    );
    let list = json(smallwins(vault).args(["list", "--format", "json", "--since", TODAY]));
    assert_eq!(
        list,
        serde_json::json!([{
            "date": TODAY,
            "time": "11:45",
            "text": "Wrote the *report* #Work/Docs",
            "tags": ["work/docs"],
            "source": "Daily/2026/11/2026-11-26.md",
            "line": 7,
            "kind": "tag",
        }])
    );
}

#[test]
fn twenty_concurrent_adds_all_land() {
    let dir = copy_fixture("capture-bundled");
    let vault = dir.path();
    let children: Vec<_> = (1..=20)
        .map(|i| {
            std::process::Command::new(assert_cmd::cargo::cargo_bin("smallwins"))
                .env("NO_COLOR", "1")
                .args(["--vault", vault.to_str().unwrap(), "--today", TODAY])
                .args(["add", &format!("Win number {i}"), "--quiet"])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let list = json(smallwins(vault).args(["list", "--format", "json", "--since", TODAY]));
    let mut texts: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|win| win["text"].as_str().unwrap().to_owned())
        .collect();
    texts.sort();
    let mut want: Vec<String> = (1..=20).map(|i| format!("Win number {i}")).collect();
    want.sort();
    assert_eq!(texts, want);
}

#[test]
fn text_that_would_break_the_note_is_refused() {
    let dir = copy_fixture("capture-bundled");
    let vault = dir.path();
    for (text, why) in [
        ("", "the text is empty"),
        ("a %% b", "Obsidian comment"),
        ("a <!-- b", "HTML comment"),
        ("```sh", "code fence"),
        ("[ ] call", "task box"),
    ] {
        let output = add(vault, &[text]);
        assert!(output.starts_with("exit: 2\n"), "{text}: {output}");
        assert!(output.contains(why), "{text}: {output}");
    }
    let output = add(vault, &["ok", "--tag", "2026"]);
    assert!(output.contains("`2026` is not a valid tag"), "{output}");
    assert!(!vault.join("Daily/2026-11-26.md").exists());
}

#[test]
fn unsafe_text_is_made_safe() {
    let dir = copy_fixture("capture-bundled");
    let vault = dir.path();
    add(vault, &["## Wins\nand more", "--time", "10:00"]);
    add(vault, &["--date", "2026-11-25", "--", "- 1. first"]);
    assert!(read(vault, "Daily/2026-11-26.md").contains("- 10:00 \\## Wins and more #win\n"));
    assert_eq!(
        read(vault, "Daily/2026-11-25.md"),
        "## Wins\n- Walked to work\n- 1\\. first #win\n"
    );
}

#[test]
fn an_existing_note_elsewhere_under_the_daily_folder_is_used() {
    let dir = copy_fixture("capture-bundled");
    let vault = dir.path();
    fs::create_dir_all(vault.join("Daily/2026")).unwrap();
    fs::write(
        vault.join("Daily/2026/2026-11-26.md"),
        "## Wins\n- first #win\n",
    )
    .unwrap();
    let output = add(vault, &["second", "--time", "10:00", "--quiet"]);
    assert!(output.starts_with("exit: 0\n"), "{output}");
    assert_eq!(
        read(vault, "Daily/2026/2026-11-26.md"),
        "## Wins\n- first #win\n- 10:00 second #win\n"
    );
    assert!(
        !vault.join("Daily/2026-11-26.md").exists(),
        "no second note for the day"
    );
    assert_eq!(
        read(vault, ".smallwins/.gitignore"),
        "add.lock\n",
        "the lock stays out of git"
    );
}

#[test]
fn a_daily_folder_outside_the_vault_is_refused() {
    let outer = tempfile::tempdir().unwrap();
    let vault = outer.path().join("vault");
    fs::create_dir_all(&vault).unwrap();
    fs::write(
        vault.join(".smallwins.toml"),
        "[notes]\nfolder = \"../escaped\"\n",
    )
    .unwrap();
    let output = add(&vault, &["nope", "--quiet"]);
    assert!(output.starts_with("exit: 2\n"), "{output}");
    assert!(
        output.contains("notes.folder") && output.contains("out of the vault"),
        "{output}"
    );
    assert!(
        !outer.path().join("escaped").exists(),
        "nothing written outside the vault"
    );
}

#[cfg(unix)]
#[test]
fn a_symlinked_daily_note_is_not_replaced() {
    let outer = tempfile::tempdir().unwrap();
    let vault = outer.path().join("vault");
    fs::create_dir_all(vault.join("Daily")).unwrap();
    fs::write(
        vault.join(".smallwins.toml"),
        "[notes]\nfolder = \"Daily\"\n",
    )
    .unwrap();
    let target = outer.path().join("real.md");
    fs::write(&target, "## Wins\n").unwrap();
    std::os::unix::fs::symlink(&target, vault.join("Daily/2026-11-26.md")).unwrap();
    let output = add(&vault, &["nope", "--quiet"]);
    assert!(output.starts_with("exit: 2\n"), "{output}");
    assert!(output.contains("symlink"), "{output}");
    assert!(fs::symlink_metadata(vault.join("Daily/2026-11-26.md"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(fs::read_to_string(&target).unwrap(), "## Wins\n");
}
