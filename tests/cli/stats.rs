//! `stats` over the example vault, a rest-day vault with Sunday weeks, a Tracker-style habit vault.

use crate::support::{copy_fixture, example_vault, fixtures, json, run, smallwins, smallwins_on};

#[test]
fn example_vault_text() {
    let vault = example_vault();
    insta::assert_snapshot!(run(smallwins(&vault).arg("stats"), &vault));
}

#[test]
fn example_vault_json() {
    let vault = example_vault();
    insta::assert_snapshot!(run(
        smallwins(&vault).args(["stats", "--format", "json"]),
        &vault
    ));
}

#[test]
fn example_vault_text_on_the_last_note_day() {
    let vault = example_vault();
    insta::assert_snapshot!(run(smallwins_on(&vault, "2026-11-25").arg("stats"), &vault));
}

/// The figures the demo vault was written to produce (see examples/vault).
#[test]
fn example_vault_figures_match_its_authors_intent() {
    let scores =
        json(smallwins_on(&example_vault(), "2026-11-25").args(["stats", "--format", "json"]));
    assert_eq!(scores["wins"], 113);
    assert_eq!(scores["win_days"], 44);
    assert_eq!(scores["goal_days"], 23);
    assert_eq!(
        scores["current_streak"],
        serde_json::json!({"days": 9, "start": "2026-11-16", "end": "2026-11-25", "at_risk": false})
    );
    assert_eq!(
        scores["longest_streak"],
        serde_json::json!({"days": 9, "start": "2026-11-16", "end": "2026-11-25"})
    );
}

#[test]
fn rest_weekdays_and_sunday_weeks() {
    let scores =
        json(smallwins(&fixtures().join("stats-rest")).args(["stats", "--format", "json"]));
    let expected = serde_json::json!({
        "today": "2026-11-26",
        "wins": 13,
        "win_days": 8,
        "goal_days": 4,
        "daily_goal": 2,
        // 18 Nov has a note and no win; 21 Nov is a Saturday; 22 Nov is a Sunday with a win.
        "current_streak": {"days": 6, "start": "2026-11-19", "end": "2026-11-25", "at_risk": true},
        "longest_streak": {"days": 6, "start": "2026-11-19", "end": "2026-11-25"},
        "goal_streak": {"current": 1, "longest": 2},
        "week_streak": {"current": 2, "longest": 2},
        "tags": {},
        "weekdays": {"mon": 4, "tue": 2, "wed": 3, "thu": 1, "fri": 2, "sat": 0, "sun": 1},
        "weeks": [
            {"week": "2026-W47", "wins": 6, "win_days": 4},
            {"week": "2026-W48", "wins": 7, "win_days": 4}
        ]
    });
    assert_eq!(scores, expected);
}

#[test]
fn rest_weekdays_and_sunday_weeks_text() {
    let vault = fixtures().join("stats-rest");
    insta::assert_snapshot!(run(smallwins(&vault).arg("stats"), &vault));
}

#[test]
fn today_comes_from_the_environment_too() {
    let vault = fixtures().join("stats-rest");
    let mut cmd = assert_cmd::Command::cargo_bin("smallwins").unwrap();
    cmd.env_remove("SMALLWINS_VAULT")
        .env("SMALLWINS_TODAY", "2026-11-25")
        .env("NO_COLOR", "1")
        .args(["--vault"])
        .arg(&vault)
        .args(["stats", "--format", "json"]);
    let scores = json(&mut cmd);
    assert_eq!(scores["today"], "2026-11-25");
    assert_eq!(scores["current_streak"]["at_risk"], false);
    assert_eq!(scores["wins"], 13);
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let vault = fixtures().join("stats-rest");
    let plain = smallwins(&vault).arg("stats").output().unwrap();
    assert!(!String::from_utf8_lossy(&plain.stdout).contains('\x1b'));
    let coloured = smallwins(&vault)
        .args(["--color", "always", "stats"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&coloured.stdout).contains("\x1b[38;5;"));
}

#[test]
fn empty_vault() {
    let vault = tempfile::tempdir().unwrap();
    insta::assert_snapshot!(run(smallwins(vault.path()).arg("stats"), vault.path()));
    let scores = json(smallwins(vault.path()).args(["stats", "--format", "json"]));
    assert_eq!(
        scores["current_streak"],
        serde_json::json!({"days": 0, "start": null, "end": null, "at_risk": false})
    );
    assert_eq!(scores["weeks"], serde_json::json!([]));
}

/// Obsidian Tracker (`src/expr.ts`) counts `maxStreak` as the most consecutive days on which the
/// tag occurs (latest on ties) and `currentStreak` back from the last note's day. With a note for
/// every day, no rest days and the last note dated today, its figures are ours: here
/// `{{maxStreak()}}` = 4 (17–20 Nov) and `{{currentStreak()}}` = 2 (25–26 Nov).
#[test]
fn habit_tag_streaks_match_obsidian_tracker() {
    let vault = copy_fixture("stats-tracker");
    let scores = json(smallwins(vault.path()).args(["stats", "--format", "json"]));
    assert_eq!(
        scores["current_streak"],
        serde_json::json!({"days": 2, "start": "2026-11-25", "end": "2026-11-26", "at_risk": false})
    );
    assert_eq!(
        scores["longest_streak"],
        serde_json::json!({"days": 4, "start": "2026-11-17", "end": "2026-11-20"})
    );
    assert_eq!(scores["wins"], 11);
}
