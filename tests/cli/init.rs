//! `init`: detection report, the written configuration, and refusing to overwrite.

use std::fs;

use crate::support::{copy_fixture, run, smallwins};

#[test]
fn init_reports_layout_and_writes_config() {
    let vault = copy_fixture("daily-notes-nested");
    let output = run(smallwins(vault.path()).arg("init"), vault.path());
    insta::assert_snapshot!(output);
    let written = fs::read_to_string(vault.path().join(".smallwins.toml")).unwrap();
    assert!(
        written.contains("# format = \"YYYY/MM/YYYY-MM-DD\""),
        "{written}"
    );
    let listed = smallwins(vault.path()).arg("list").output().unwrap();
    assert!(listed.status.success(), "the written config loads");
}

#[test]
fn init_refuses_to_overwrite_without_force() {
    let vault = copy_fixture("front-matter");
    let before = fs::read_to_string(vault.path().join(".smallwins.toml")).unwrap();
    let output = smallwins(vault.path()).arg("init").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--force"));
    assert_eq!(
        fs::read_to_string(vault.path().join(".smallwins.toml")).unwrap(),
        before
    );
    let forced = smallwins(vault.path())
        .args(["init", "--force"])
        .output()
        .unwrap();
    assert!(forced.status.success());
    let after = fs::read_to_string(vault.path().join(".smallwins.toml")).unwrap();
    assert!(after.contains("[notes]\nfolder = \"Daily\""), "{after}");
}

#[test]
fn init_proposes_the_sections_a_five_minute_journal_uses() {
    let vault = copy_fixture("init-five-minute");
    let before = smallwins(vault.path())
        .args(["list", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&before.stdout), "[]\n");
    let output = run(smallwins(vault.path()).arg("init"), vault.path());
    insta::assert_snapshot!(output);
    let written = fs::read_to_string(vault.path().join(".smallwins.toml")).unwrap();
    assert!(
        written.contains(
            "sections = [\"3 amazing things that happened today\", \"Accomplishments\", \"Successes\"]"
        ),
        "{written}"
    );
    assert!(written.ends_with("\n"), "the file ends with a newline");
    let after = smallwins(vault.path())
        .args(["list", "--format", "json"])
        .output()
        .unwrap();
    let wins: serde_json::Value = serde_json::from_slice(&after.stdout).unwrap();
    assert!(
        wins.as_array().unwrap().len() >= 15,
        "the proposed sections are read: {wins}"
    );
}

#[test]
fn init_puts_the_daily_folder_where_the_dated_notes_are() {
    let vault = copy_fixture("init-nested-daily");
    let output = run(smallwins(vault.path()).arg("init"), vault.path());
    insta::assert_snapshot!(output);
    assert!(
        !output.contains("the vault root"),
        "notes that all live in one folder are not at the vault root: {output}"
    );
    let written = fs::read_to_string(vault.path().join(".smallwins.toml")).unwrap();
    assert!(
        written
            .contains("[notes]\nfolder = \"03 - AREAS/Journal/Daily\"\nformat = \"YYYY-MM-DD\"\n"),
        "{written}"
    );
    let added = run(
        smallwins(vault.path()).args(["add", "Swept the yard", "--quiet"]),
        vault.path(),
    );
    assert!(added.starts_with("exit: 0\n"), "{added}");
    assert!(vault
        .path()
        .join("03 - AREAS/Journal/Daily/2026-11-26.md")
        .is_file());
}

#[test]
fn add_without_settings_writes_beside_the_most_recent_daily_notes() {
    let vault = copy_fixture("init-nested-daily");
    let added = run(
        smallwins(vault.path()).args(["add", "Swept the yard", "--quiet"]),
        vault.path(),
    );
    assert!(added.starts_with("exit: 0\n"), "{added}");
    assert!(!vault.path().join("2026-11-26.md").exists());
    let note =
        fs::read_to_string(vault.path().join("03 - AREAS/Journal/Daily/2026-11-26.md")).unwrap();
    assert!(note.contains("Swept the yard #win"), "{note}");
}

#[test]
fn a_vault_without_wins_is_told_its_headings_and_init() {
    let vault = copy_fixture("init-nested-daily");
    for command in [
        &["stats"][..],
        &["list"],
        &["today"],
        &["stats", "--year", "2026"],
    ] {
        let output = smallwins(vault.path()).args(command).output().unwrap();
        assert!(output.status.success(), "{command:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(
                "note: no wins found in 12 daily notes; the headings they use most: \
                 \"Accomplishments\" in 12 notes, \"Gratitude\" in 12, \"Notes\" in 12"
            ) && stderr.contains("`smallwins init`"),
            "{command:?}: {stderr}"
        );
    }
    fs::write(
        vault.path().join(".smallwins.toml"),
        "[wins]\nsections = [\"Accomplishments\"]\n",
    )
    .unwrap();
    for command in [
        &["stats"][..],
        &["list"],
        &["today"],
        &["stats", "--year", "2020"],
    ] {
        let output = smallwins(vault.path()).args(command).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("no wins found"), "{command:?}: {stderr}");
    }
}

#[test]
fn init_warns_about_a_template_that_does_not_exist_and_keeps_one_set_by_hand() {
    let vault = copy_fixture("init-nested-daily");
    fs::write(
        vault.path().join(".smallwins.toml"),
        "[notes]\ntemplate = \"Templates/Daily.md\"\n",
    )
    .unwrap();
    let output = run(
        smallwins(vault.path()).args(["init", "--force"]),
        vault.path(),
    );
    assert!(
        output.contains("warning: Templates/Daily.md: the daily template does not exist"),
        "{output}"
    );
    let written = fs::read_to_string(vault.path().join(".smallwins.toml")).unwrap();
    assert!(
        written.contains("\ntemplate = \"Templates/Daily.md\"\n"),
        "not commented out: {written}"
    );
}
