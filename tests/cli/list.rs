//! `list` over one fixture vault per layout, the bad-input vault and the example vault.

use std::fs;

use crate::support::{
    copy_fixture, dates_and_texts, example_vault, fixtures, json, run, smallwins,
};

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(date, text)| (date.to_string(), text.to_string()))
        .collect()
}

fn list_json(fixture: &str) -> serde_json::Value {
    json(smallwins(&fixtures().join(fixture)).args(["list", "--format", "json"]))
}

#[test]
fn daily_notes_json_with_nested_folders() {
    let list = list_json("daily-notes-nested");
    assert_eq!(
        dates_and_texts(&list),
        pairs(&[
            ("2026-10-31", "Carved a pumpkin with the kids. #family"),
            ("2026-11-16", "Sent the invoice to [[Acme]]"),
            ("2026-11-16", "Paired with Sam on the parser."),
            ("2026-11-16", "Ran 5 km before work #running"),
            (
                "2026-11-17",
                "Finished *chapter 3* of the Spanish course #spanish"
            ),
        ])
    );
    assert_eq!(list[3]["time"], "07:40");
    assert_eq!(list[3]["tags"], serde_json::json!(["running"]));
    assert_eq!(list[3]["source"], "Journal/2026/11/2026-11-16.md");
    assert_eq!(list[3]["line"], 4);
    assert_eq!(list[1]["kind"], "section");
    assert_eq!(list[2]["tags"], serde_json::json!(["win/work"]));
}

#[test]
fn json_objects_have_exactly_the_win_fields() {
    let list = list_json("daily-notes-nested");
    let keys: Vec<&String> = list[0].as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        ["date", "kind", "line", "source", "tags", "text", "time"]
    );
}

#[test]
fn stray_note_in_daily_folder_is_a_warning() {
    let vault = fixtures().join("daily-notes-nested");
    let output = smallwins(&vault).arg("list").output().unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("warning: Journal/2026/11/drafts/ideas.md: note in the daily folder"),
        "{stderr}"
    );
}

#[test]
fn periodic_notes_legacy_settings() {
    let list = list_json("periodic-legacy");
    assert_eq!(
        dates_and_texts(&list),
        pairs(&[
            ("2026-11-16", "Shipped the release notes"),
            ("2026-11-16", "inbox zero"),
            ("2026-11-18", "Walked to work"),
        ])
    );
    assert_eq!(list[0]["kind"], "field");
}

#[test]
fn periodic_notes_calendar_set_settings() {
    let list = list_json("periodic-calendar-sets");
    assert_eq!(
        dates_and_texts(&list),
        pairs(&[
            ("2026-11-16", "Closed the quarter books #finance"),
            ("2026-11-16", "Helped a neighbour"),
        ])
    );
    assert_eq!(list[0]["tags"], serde_json::json!(["finance"]));
    assert_eq!(list[1]["kind"], "tag");
}

#[test]
fn logseq_journals() {
    let list = list_json("logseq");
    assert_eq!(
        dates_and_texts(&list),
        pairs(&[
            ("2026-11-16", "Unblocked the deploy #[[Deep Work]]"),
            ("2026-11-16", "Read 20 pages"),
            ("2026-11-16", "Cooked dinner for friends"),
        ])
    );
    assert_eq!(list[0]["tags"], serde_json::json!(["deep work"]));
    assert_eq!(list[0]["line"], 2);
    assert_eq!(list[1]["tags"], serde_json::json!([]));
}

#[test]
fn front_matter_dated_notes() {
    let list = list_json("front-matter");
    assert_eq!(
        dates_and_texts(&list),
        pairs(&[
            ("2026-11-12", "Agreed on a smaller scope"),
            ("2026-11-12", "The team shipped search on time"),
            ("2026-11-13", "The file name decides the day"),
        ])
    );
    assert_eq!(list[0]["source"], "Meetings/Planning.md");
}

#[cfg(unix)]
fn add_unix_only_bad_files(vault: &std::path::Path) {
    fs::write(
        vault.join("Daily/2026-11-16.md"),
        b"- caf\xe9 latte art #win\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(vault.join("nowhere.md"), vault.join("Daily/2026-11-17.md"))
        .unwrap();
    std::os::unix::fs::symlink(
        vault.join("Daily/2026-11-10.md"),
        vault.join("Daily/2026-11-20.md"),
    )
    .unwrap();
}

#[cfg(unix)]
#[test]
fn bad_input_is_warned_about_and_the_rest_is_read() {
    let vault = copy_fixture("bad-input");
    add_unix_only_bad_files(vault.path());
    let text = run(smallwins(vault.path()).args(["list"]), vault.path());
    insta::assert_snapshot!(text);

    let list = json(smallwins(vault.path()).args(["list", "--format", "json"]));
    let texts: Vec<String> = dates_and_texts(&list).into_iter().map(|(_, t)| t).collect();
    for expected in [
        "Valid note before the bad ones",
        "BOM at the start",
        "CRLF line endings",
        "still found",
        "Broken YAML does not lose the win",
        "Empty files next door are fine",
        "caf\u{fffd} latte art",
    ] {
        assert!(
            texts.iter().any(|t| t == expected),
            "missing {expected:?} in {texts:?}"
        );
    }
    assert!(
        !texts.iter().any(|t| t.contains("February")),
        "impossible date not counted"
    );
    assert!(
        !texts.iter().any(|t| t.contains("Stray")),
        "stray file not counted"
    );
    let bom = list
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["text"] == "second line")
        .unwrap();
    assert_eq!(bom["line"], 2, "a BOM does not shift line numbers");
    let crlf = list
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["text"] == "still found")
        .unwrap();
    assert_eq!(
        (crlf["line"].as_u64(), crlf["time"].as_str()),
        (Some(6), Some("09:15"))
    );
}

#[test]
fn filters_by_date_week_and_tag() {
    let vault = fixtures().join("daily-notes-nested");
    let by_week = json(smallwins(&vault).args(["list", "--format", "json", "--week", "2026-W47"]));
    assert_eq!(by_week.as_array().unwrap().len(), 4);
    let since = json(smallwins(&vault).args(["list", "--format", "json", "--since", "2026-11-17"]));
    assert_eq!(dates_and_texts(&since).len(), 1);
    let until = json(smallwins(&vault).args(["list", "--format", "json", "--until", "2026-10-31"]));
    assert_eq!(dates_and_texts(&until).len(), 1);
    let tagged = json(smallwins(&vault).args(["list", "--format", "json", "--tag", "#Running"]));
    assert_eq!(
        dates_and_texts(&tagged),
        pairs(&[("2026-11-16", "Ran 5 km before work #running")])
    );
    let nested = json(smallwins(&vault).args(["list", "--format", "json", "--tag", "win/work"]));
    assert_eq!(
        dates_and_texts(&nested),
        pairs(&[("2026-11-16", "Paired with Sam on the parser.")])
    );
}

/// `--tag win` is the win tag as a person means it: the plain `#win` wins and its children
/// (`#win/work`), not the section wins that carry no tag; a tag matching nothing says so.
#[test]
fn list_tag_win_lists_plain_and_nested_win_tags() {
    let vault = fixtures().join("daily-notes-nested");
    let mut text = String::new();
    for tag in ["win", "#Win/Work", "hiking"] {
        text.push_str(&format!("$ smallwins list --tag {tag}\n"));
        text.push_str(&run(smallwins(&vault).args(["list", "--tag", tag]), &vault));
    }
    text.push_str("$ smallwins list --tag running --since 2026-11-17\n");
    text.push_str(&run(
        smallwins(&vault).args(["list", "--tag", "running", "--since", "2026-11-17"]),
        &vault,
    ));
    insta::assert_snapshot!(text);
}

#[test]
fn text_csv_and_markdown_formats() {
    let vault = fixtures().join("daily-notes-nested");
    for format in ["text", "csv", "markdown"] {
        let output = run(smallwins(&vault).args(["list", "--format", format]), &vault);
        insta::assert_snapshot!(format!("list_{format}"), output);
    }
}

#[test]
fn bad_date_argument_is_a_usage_error() {
    let vault = fixtures().join("daily-notes-nested");
    let output = smallwins(&vault)
        .args(["list", "--since", "2026-02-30"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("2026-02-30"));
}

#[test]
fn config_error_names_file_and_key_and_exits_2() {
    let vault = copy_fixture("front-matter");
    fs::write(
        vault.path().join(".smallwins.toml"),
        "[wins]\ntag = [\"win\"]\n",
    )
    .unwrap();
    let output = smallwins(vault.path()).arg("list").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(".smallwins.toml") && stderr.contains("`tag`"),
        "{stderr}"
    );
}

#[test]
fn example_vault_full_json_is_pinned() {
    let list = list_json_at(&example_vault());
    insta::assert_json_snapshot!("example_vault_list", list);
}

fn list_json_at(vault: &std::path::Path) -> serde_json::Value {
    json(smallwins(vault).args(["list", "--format", "json"]))
}

#[test]
fn broken_pipe_exits_quietly() {
    // Reading end closed before the start, so the very first write fails, however fast.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_smallwins"))
        .args(["--today", crate::support::TODAY, "list", "--vault"])
        .arg(example_vault())
        .env("NO_COLOR", "1")
        .stdout(writer)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_eq!(stderr, "", "a closed pipe is no error to report");
}

/// `replay --random --tag win` picks among the same wins as `list --tag win`.
#[test]
fn replay_tag_win_picks_only_wins_tagged_win() {
    let vault = fixtures().join("daily-notes-nested");
    let tagged = [
        "Carved a pumpkin with the kids.",
        "Paired with Sam on the parser.",
        "Ran 5 km before work",
    ];
    let mut picked = std::collections::BTreeSet::new();
    for seed in 0..24 {
        let output = smallwins(&vault)
            .args(["-q", "replay", "--random", "--tag", "win"])
            .env("SMALLWINS_SEED", seed.to_string())
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        let line = String::from_utf8(output.stdout).unwrap();
        let text = tagged
            .iter()
            .find(|text| line.contains(*text))
            .unwrap_or_else(|| panic!("not a #win win: {line}"));
        picked.insert(*text);
    }
    assert_eq!(picked.len(), tagged.len(), "{picked:?}");
}
