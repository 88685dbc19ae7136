//! `week` and `templates export`: review notes written into fixture vaults and the example vault.

use std::fs;
use std::path::Path;

use crate::support::{copy_fixture, example_copy, run, smallwins};

const REVIEW: &str = "Reviews/2026-W47.md";

fn read(vault: &Path, path: &str) -> String {
    fs::read_to_string(vault.join(path)).unwrap()
}

/// The part of a review between the markers.
fn block(text: &str) -> &str {
    let start = text.find("<!-- smallwins:begin -->").unwrap();
    let end = text.find("<!-- smallwins:end -->").unwrap();
    &text[start..end]
}

fn add_win(vault: &Path, day: &str, text: &str) {
    let path = vault.join(format!("Daily/{day}.md"));
    let mut note = fs::read_to_string(&path).unwrap_or_default();
    note.push_str(&format!("- {text} #win\n"));
    fs::write(path, note).unwrap();
}

#[test]
fn example_week_with_a_rest_day() {
    let vault = example_copy();
    let output = run(
        smallwins(vault.path()).args(["week", "2026-W47"]),
        vault.path(),
    );
    assert!(
        output.starts_with(
            "exit: 0\n--- stdout\ncreated Reviews/2026-W47.md\ncreated Reviews/Wins.base\n--- stderr\n"
        ),
        "{output}"
    );
    insta::assert_snapshot!("example_2026_w47", read(vault.path(), REVIEW));
}

#[test]
fn example_week_without_a_rest_day() {
    let vault = example_copy();
    let output = run(
        smallwins(vault.path()).args(["week", "2026-11-04"]),
        vault.path(),
    );
    assert!(output.contains("created Reviews/2026-W45.md"), "{output}");
    insta::assert_snapshot!(
        "example_2026_w45",
        read(vault.path(), "Reviews/2026-W45.md")
    );
}

#[test]
fn stdout_prints_the_note_and_writes_nothing() {
    let vault = example_copy();
    let output = run(
        smallwins(vault.path()).args(["week", "last", "--stdout"]),
        vault.path(),
    );
    insta::assert_snapshot!("example_stdout_last_week", output);
    assert!(!vault.path().join("Reviews").exists());
}

#[test]
fn review_has_front_matter_without_a_date_and_no_win_tags() {
    let vault = copy_fixture("review-basic");
    smallwins(vault.path())
        .args(["week", "2026-W47"])
        .assert()
        .success();
    let text = read(vault.path(), REVIEW);
    let front = text.split("---").nth(1).unwrap();
    assert!(front.contains(
        "type: weekly-review\nweek: 2026-W47\nstart: 2026-11-16\nend: 2026-11-22\ntags: [review]"
    ));
    assert!(!front.contains("date:"), "{front}");
    assert!(!text.contains(" #win"), "{text}");
    assert!(text.contains("[[2026-11-16]]"), "{text}");
    assert!(
        front.contains("\nwins: 3\nwin_days: 2\ngoal_days: 0\nstreak: 0\n"),
        "{front}"
    );
    assert!(
        !block(&text).contains("wins::"),
        "in Obsidian the numbers are properties, not Dataview fields too, which Dataview would read as lists"
    );
    assert!(text.contains("## Reflection"));
    // The review itself adds no wins when the vault is read again.
    let before = run(smallwins(vault.path()).args(["list"]), vault.path());
    smallwins(vault.path())
        .args(["week", "--all"])
        .assert()
        .success();
    assert_eq!(
        run(smallwins(vault.path()).args(["list"]), vault.path()),
        before
    );
}

#[test]
fn text_outside_the_block_survives_regeneration() {
    let vault = copy_fixture("review-basic");
    smallwins(vault.path())
        .args(["week", "2026-W47"])
        .assert()
        .success();
    let text = read(vault.path(), REVIEW);
    let start = text.find("<!-- smallwins:begin -->").unwrap();
    let end = text.find("<!-- smallwins:end -->").unwrap();
    let head = format!("{}\nMy own intro line.  \n\n", &text[..start]);
    let tail = format!(
        "{}\n\nIt went *well*.\n\tTabbed line, no newline at end",
        &text[end..]
    );
    fs::write(
        vault.path().join(REVIEW),
        format!("{head}{}{tail}", &text[start..end]),
    )
    .unwrap();
    add_win(vault.path(), "2026-11-18", "Wrote the review tests");

    let output = run(
        smallwins(vault.path()).args(["week", "2026-W47"]),
        vault.path(),
    );
    assert!(output.contains("updated Reviews/2026-W47.md"), "{output}");
    let updated = read(vault.path(), REVIEW);
    let head = head.replace("wins: 3\nwin_days: 2\n", "wins: 4\nwin_days: 3\n");
    assert!(updated.starts_with(&head), "{updated}");
    assert!(updated.ends_with(&tail), "{updated}");
    assert!(block(&updated).contains("Wrote the review tests"));
    assert!(updated.contains("\nwins: 4\n"), "{updated}");
}

#[test]
fn crlf_notes_stay_crlf() {
    let vault = copy_fixture("review-basic");
    smallwins(vault.path())
        .args(["week", "2026-W47"])
        .assert()
        .success();
    let crlf = read(vault.path(), REVIEW).replace('\n', "\r\n");
    fs::write(vault.path().join(REVIEW), &crlf).unwrap();
    add_win(vault.path(), "2026-11-18", "Line endings kept");

    let output = run(
        smallwins(vault.path()).args(["week", "2026-W47"]),
        vault.path(),
    );
    assert!(output.contains("updated Reviews/2026-W47.md"), "{output}");
    let updated = read(vault.path(), REVIEW);
    assert!(updated.contains("Line endings kept\r\n"));
    assert_eq!(
        updated.matches('\n').count(),
        updated.matches("\r\n").count()
    );
    let output = run(
        smallwins(vault.path()).args(["week", "2026-W47"]),
        vault.path(),
    );
    assert!(output.contains("unchanged Reviews/2026-W47.md"), "{output}");
}

#[test]
fn second_run_is_unchanged_and_keeps_the_mtime() {
    let vault = copy_fixture("review-basic");
    let first = run(
        smallwins(vault.path()).args(["week", "--all"]),
        vault.path(),
    );
    insta::assert_snapshot!(first, @r"
    exit: 0
    --- stdout
    created Reviews/2026-W46.md
    created Reviews/2026-W47.md
    created Reviews/Wins.base
    --- stderr
    ");
    let mtime = fs::metadata(vault.path().join(REVIEW))
        .unwrap()
        .modified()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(50));
    let second = run(
        smallwins(vault.path()).args(["week", "--all"]),
        vault.path(),
    );
    assert!(
        second.contains("unchanged Reviews/2026-W46.md\nunchanged Reviews/2026-W47.md"),
        "{second}"
    );
    assert_eq!(
        fs::metadata(vault.path().join(REVIEW))
            .unwrap()
            .modified()
            .unwrap(),
        mtime
    );
}

#[test]
fn dry_run_says_what_it_would_do_and_writes_nothing() {
    let vault = copy_fixture("review-basic");
    let output = run(
        smallwins(vault.path()).args(["week", "--all", "--dry-run"]),
        vault.path(),
    );
    insta::assert_snapshot!(output, @r"
    exit: 0
    --- stdout
    would create Reviews/2026-W46.md
    would create Reviews/2026-W47.md
    would create Reviews/Wins.base
    --- stderr
    ");
    assert!(!vault.path().join("Reviews").exists());
}

#[test]
fn damaged_markers_exit_1_and_leave_the_note_alone() {
    let vault = copy_fixture("review-damaged");
    let before = fs::read(vault.path().join(REVIEW)).unwrap();
    let output = run(
        smallwins(vault.path()).args(["week", "--all"]),
        vault.path(),
    );
    insta::assert_snapshot!(output, @r"
    exit: 1
    --- stdout
    created Reviews/2026-W46.md
    created Reviews/Wins.base
    --- stderr
    warning: Reviews/2026-W47.md:12: the managed block markers appear more than once (line 12); the review was not rewritten (repair the markers or delete the note)
    ");
    assert_eq!(fs::read(vault.path().join(REVIEW)).unwrap(), before);
}

#[test]
fn a_note_without_markers_is_not_rewritten() {
    let vault = copy_fixture("review-basic");
    fs::create_dir_all(vault.path().join("Reviews")).unwrap();
    fs::write(vault.path().join(REVIEW), "# My own week note\n").unwrap();
    let output = run(
        smallwins(vault.path()).args(["week", "2026-W47"]),
        vault.path(),
    );
    assert!(output.starts_with("exit: 1\n"), "{output}");
    assert!(
        output.contains("warning: Reviews/2026-W47.md: no `<!-- smallwins:begin -->`"),
        "{output}"
    );
    assert_eq!(read(vault.path(), REVIEW), "# My own week note\n");
}

#[test]
fn a_vault_template_overrides_the_default() {
    let vault = copy_fixture("review-basic");
    let templates = vault.path().join(".smallwins/templates");
    fs::create_dir_all(&templates).unwrap();
    fs::write(
        templates.join("week.md.j2"),
        "# {{ week.label }}\n<!-- smallwins:begin -->\n{{ totals.wins }} {{ totals.wins|plural('win', 'wins') }}, {{ previous.change|signed }}\n<!-- smallwins:end -->\n",
    )
    .unwrap();
    let output = run(
        smallwins(vault.path()).args(["week", "2026-W47", "--stdout"]),
        vault.path(),
    );
    insta::assert_snapshot!(output, @r"
    exit: 0
    --- stdout
    ---
    wins: 3
    win_days: 2
    goal_days: 0
    streak: 0
    ---
    # 2026-W47
    <!-- smallwins:begin -->
    3 wins, +2
    <!-- smallwins:end -->
    --- stderr
    ");
}

#[test]
fn templates_cannot_reach_outside_their_folder() {
    let vault = copy_fixture("review-basic");
    let templates = vault.path().join(".smallwins/templates");
    fs::create_dir_all(&templates).unwrap();
    fs::write(vault.path().join("secret.txt"), "do not include me").unwrap();
    fs::write(
        templates.join("week.md.j2"),
        "{% include '../../secret.txt' %}\n<!-- smallwins:begin -->\n<!-- smallwins:end -->\n",
    )
    .unwrap();
    let output = run(
        smallwins(vault.path()).args(["week", "2026-W47", "--stdout"]),
        vault.path(),
    );
    assert!(output.starts_with("exit: 2\n"), "{output}");
    assert!(output.contains("without `..`"), "{output}");
    assert!(!output.contains("do not include me"), "{output}");
}

#[test]
fn a_template_without_markers_is_an_error() {
    let vault = copy_fixture("review-basic");
    let templates = vault.path().join(".smallwins/templates");
    fs::create_dir_all(&templates).unwrap();
    fs::write(templates.join("week.md.j2"), "just text\n").unwrap();
    let output = run(
        smallwins(vault.path()).args(["week", "2026-W47"]),
        vault.path(),
    );
    assert!(output.starts_with("exit: 2\n"), "{output}");
    assert!(output.contains("must hold one managed block"), "{output}");
    assert!(!vault.path().join(REVIEW).exists());
}

#[cfg(unix)]
#[test]
fn a_reviews_folder_symlinked_out_of_the_vault_is_refused() {
    let vault = copy_fixture("review-basic");
    let outside = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(outside.path(), vault.path().join("Reviews")).unwrap();
    let output = run(
        smallwins(vault.path()).args(["week", "2026-W47"]),
        vault.path(),
    );
    assert!(output.starts_with("exit: 2\n"), "{output}");
    assert!(output.contains("outside the vault"), "{output}");
    assert_eq!(fs::read_dir(outside.path()).unwrap().count(), 0);
}

#[cfg(unix)]
#[test]
fn a_review_note_that_is_a_symlink_is_refused() {
    let vault = copy_fixture("review-basic");
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("elsewhere.md");
    fs::write(
        &target,
        "<!-- smallwins:begin -->\n<!-- smallwins:end -->\n",
    )
    .unwrap();
    fs::create_dir_all(vault.path().join("Reviews")).unwrap();
    std::os::unix::fs::symlink(&target, vault.path().join(REVIEW)).unwrap();
    let output = run(
        smallwins(vault.path()).args(["week", "2026-W47"]),
        vault.path(),
    );
    assert!(output.starts_with("exit: 1\n"), "{output}");
    assert!(output.contains("is a symlink"), "{output}");
    assert_eq!(
        fs::read_to_string(&target).unwrap(),
        "<!-- smallwins:begin -->\n<!-- smallwins:end -->\n"
    );
}

#[test]
fn markdown_links_with_absolute_paths_are_url_encoded() {
    let vault = copy_fixture("review-links");
    let output = run(
        smallwins(vault.path()).args(["week", "2026-W47", "--stdout"]),
        vault.path(),
    );
    assert!(
        output.contains("[2026-11-16](My%20Daily/2026-11-16.md)"),
        "{output}"
    );
}

#[test]
fn templates_export_creates_then_keeps_edited_copies() {
    let vault = copy_fixture("review-basic");
    let first = run(
        smallwins(vault.path()).args(["templates", "export"]),
        vault.path(),
    );
    insta::assert_snapshot!(first, @r"
    exit: 0
    --- stdout
    created .smallwins/templates/daily.md.j2
    created .smallwins/templates/heatmap.svg.j2
    created .smallwins/templates/logseq.md.j2
    created .smallwins/templates/month.md.j2
    created .smallwins/templates/quarter.md.j2
    created .smallwins/templates/share.md.j2
    created .smallwins/templates/share.txt.j2
    created .smallwins/templates/week.md.j2
    created .smallwins/templates/year.md.j2
    --- stderr
    ");
    fs::write(vault.path().join(".smallwins/templates/week.md.j2"), "mine").unwrap();
    let second = run(
        smallwins(vault.path()).args(["templates", "export"]),
        vault.path(),
    );
    insta::assert_snapshot!(second, @r"
    exit: 1
    --- stdout
    unchanged .smallwins/templates/daily.md.j2
    unchanged .smallwins/templates/heatmap.svg.j2
    unchanged .smallwins/templates/logseq.md.j2
    unchanged .smallwins/templates/month.md.j2
    unchanged .smallwins/templates/quarter.md.j2
    unchanged .smallwins/templates/share.md.j2
    unchanged .smallwins/templates/share.txt.j2
    unchanged .smallwins/templates/year.md.j2
    --- stderr
    warning: .smallwins/templates/week.md.j2: differs from the default; kept (use --force to replace it)
    ");
    assert_eq!(
        read(vault.path(), ".smallwins/templates/week.md.j2"),
        "mine"
    );
    let forced = run(
        smallwins(vault.path()).args(["templates", "export", "--force"]),
        vault.path(),
    );
    assert!(
        forced.contains("updated .smallwins/templates/week.md.j2"),
        "{forced}"
    );
    // The exported copy renders exactly like the embedded default.
    let with_copy = run(
        smallwins(vault.path()).args(["week", "--stdout"]),
        vault.path(),
    );
    fs::remove_dir_all(vault.path().join(".smallwins")).unwrap();
    let without = run(
        smallwins(vault.path()).args(["week", "--stdout"]),
        vault.path(),
    );
    assert_eq!(with_copy, without);
}
