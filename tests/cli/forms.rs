//! Every way of writing a win (SPEC §2) on graphs written the way real people write them: an
//! outliner's Logseq graph, a heading person's and a template person's Obsidian vaults, and two
//! small graphs of the opt-in forms. `list --format json` is snapshotted and must equal the hand
//! counts in `tests/cli/hand-counts/` (each `.md` there says why every line is or is not a win).

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::{copy_fixture, fixtures, json, smallwins_on};

/// The day the hand counts were made for.
const TODAY: &str = "2026-11-30";

fn hand_count(name: &str) -> serde_json::Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cli/hand-counts")
        .join(format!("{name}.json"));
    serde_json::from_str(&fs::read_to_string(&path).expect("hand count")).expect("JSON")
}

fn listed(vault: &Path) -> serde_json::Value {
    json(smallwins_on(vault, TODAY).args(["list", "--format", "json"]))
}

/// One line per win that differs, so a failure reads as the gap itself.
fn gap(found: &serde_json::Value, expected: &serde_json::Value) -> String {
    let lines = |list: &serde_json::Value| -> Vec<String> {
        list.as_array()
            .expect("array")
            .iter()
            .map(|win| win.to_string())
            .collect()
    };
    let (found, expected) = (lines(found), lines(expected));
    let missed = expected.iter().filter(|e| !found.contains(e));
    let extra = found.iter().filter(|f| !expected.contains(f));
    missed
        .map(|e| format!("missed {e}"))
        .chain(extra.map(|f| format!("extra  {f}")))
        .collect::<Vec<_>>()
        .join("\n")
}

fn assert_hand_count(found: &serde_json::Value, name: &str) {
    let expected = hand_count(name);
    assert!(
        found == &expected,
        "{name}: the list differs from the hand count:\n{}",
        gap(found, &expected)
    );
}

#[test]
fn logseq_outliner_graph_matches_the_hand_count() {
    let found = listed(&fixtures().join("forms-logseq-outliner"));
    insta::assert_json_snapshot!("forms_logseq_outliner", found);
    assert_hand_count(&found, "logseq-outliner");
}

#[test]
fn obsidian_heading_vault_matches_the_hand_count() {
    let found = listed(&fixtures().join("forms-obsidian-heading"));
    insta::assert_json_snapshot!("forms_obsidian_heading", found);
    assert_hand_count(&found, "obsidian-heading");
}

#[test]
fn obsidian_heading_vault_with_done_tasks_dates_tasks_by_their_done_date() {
    let vault = copy_fixture("forms-obsidian-heading");
    fs::write(
        vault.path().join(".smallwins.toml"),
        "[wins]\ndone_tasks = true\n",
    )
    .expect("write config");
    let found = listed(vault.path());
    insta::assert_json_snapshot!("forms_obsidian_heading_done_tasks", found);
    assert_hand_count(&found, "obsidian-heading.done-tasks");
}

#[test]
fn obsidian_template_vault_matches_the_hand_count() {
    let found = listed(&fixtures().join("forms-obsidian-template"));
    insta::assert_json_snapshot!("forms_obsidian_template", found);
    assert_hand_count(&found, "obsidian-template");
}

#[test]
fn obsidian_template_vault_without_its_section_names_has_no_wins() {
    let vault = copy_fixture("forms-obsidian-template");
    fs::remove_file(vault.path().join(".smallwins.toml")).expect("remove config");
    assert_eq!(listed(vault.path()), serde_json::json!([]));
}

#[test]
fn opt_in_forms_match_the_hand_count() {
    let found = listed(&fixtures().join("forms-extra"));
    insta::assert_json_snapshot!("forms_extra", found);
    assert_hand_count(&found, "extra");
    let found = listed(&fixtures().join("forms-logseq-extra"));
    insta::assert_json_snapshot!("forms_logseq_extra", found);
    assert_hand_count(&found, "logseq-extra");
}

#[test]
fn a_done_task_scores_on_its_done_date() {
    let vault = fixtures().join("forms-extra");
    let scores = json(smallwins_on(&vault, TODAY).args(["stats", "--format", "json"]));
    assert_eq!(scores["wins"], 13);
    assert_eq!(scores["win_days"], 4, "21, 22, 23 and 24 November");
    let day = json(smallwins_on(&vault, TODAY).args([
        "list",
        "--format",
        "json",
        "--since",
        "2026-11-22",
        "--until",
        "2026-11-22",
    ]));
    assert_eq!(day[0]["text"], "Paid the rent");
    assert_eq!(day[0]["source"], "Daily/2026-11-23.md");
}

#[test]
fn check_warns_about_a_wins_property_that_is_no_text() {
    let output = smallwins_on(&fixtures().join("forms-extra"), TODAY)
        .arg("check")
        .output()
        .expect("run smallwins");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("Daily/2026-11-23.md:4:1: warning: front matter `wins` is a number"),
        "{stdout}"
    );
    assert_eq!(output.status.code(), Some(0), "a warning is no error");
}

#[test]
fn an_invalid_pattern_is_a_configuration_error_naming_the_key() {
    let vault = copy_fixture("forms-extra");
    fs::write(
        vault.path().join(".smallwins.toml"),
        "[wins]\npatterns = ['^ok$', '(?P<text>unclosed']\n",
    )
    .expect("write config");
    let output = smallwins_on(vault.path(), TODAY)
        .arg("list")
        .output()
        .expect("run smallwins");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("wins.patterns[1]"), "{stderr}");
}

#[test]
fn a_habit_win_shows_its_tag_name_everywhere() {
    let vault = fixtures().join("stats-tracker");
    let run = |args: &[&str]| {
        let output = smallwins_on(&vault, "2026-11-26")
            .args(args)
            .output()
            .expect("run smallwins");
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let share = run(&["share", "--week", "2026-W48"]);
    assert!(
        share.contains("3 small wins") && share.contains("- meditation"),
        "{share}"
    );
    let review = run(&["week", "2026-W48", "--stdout"]);
    assert!(review.contains("\n- meditation\n"), "{review}");
    let today = run(&["today"]);
    assert!(today.contains("meditation"), "{today}");
    let list = json(smallwins_on(&vault, "2026-11-26").args(["list", "--format", "json"]));
    assert!(list
        .as_array()
        .expect("array")
        .iter()
        .all(|win| win["text"] == "meditation"));
}
