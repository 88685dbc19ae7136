//! `month`, `quarter`, `year` and every review's shared guarantees: snapshots on the example
//! vault and on Periodic Notes, Logseq and plain-folder fixtures, idempotence, properties for
//! Bases, `Wins.base`, fair comparisons and bad input.

use std::fs;
use std::path::Path;

use crate::support::{copy_fixture, example_copy, run, smallwins, smallwins_on};

fn read(vault: &Path, path: &str) -> String {
    fs::read_to_string(vault.join(path)).unwrap()
}

fn mtime(vault: &Path, path: &str) -> std::time::SystemTime {
    fs::metadata(vault.join(path)).unwrap().modified().unwrap()
}

#[test]
fn example_month_quarter_and_year() {
    let vault = example_copy();
    let output = run(
        smallwins(vault.path()).args(["month", "2026-11"]),
        vault.path(),
    );
    assert_eq!(
        output,
        "exit: 0\n--- stdout\ncreated Reviews/2026-11.md\ncreated Reviews/Wins.base\n--- stderr\n"
    );
    insta::assert_snapshot!("example_month", read(vault.path(), "Reviews/2026-11.md"));
    let output = run(smallwins(vault.path()).args(["quarter"]), vault.path());
    assert_eq!(
        output,
        "exit: 0\n--- stdout\ncreated Reviews/2026-Q4.md\n--- stderr\n"
    );
    insta::assert_snapshot!("example_quarter", read(vault.path(), "Reviews/2026-Q4.md"));
    let output = run(smallwins(vault.path()).args(["year", "2026"]), vault.path());
    assert_eq!(
        output,
        "exit: 0\n--- stdout\ncreated Reviews/2026.md\ncreated Reviews/heatmap-2026.svg\n--- stderr\n"
    );
    insta::assert_snapshot!("example_year", read(vault.path(), "Reviews/2026.md"));
}

#[test]
fn second_runs_are_unchanged_and_keep_the_mtime() {
    let vault = example_copy();
    for args in [["month", "last"], ["quarter", "this"], ["year", "this"]] {
        smallwins(vault.path()).args(args).assert().success();
    }
    let reviews = [
        "Reviews/2026-10.md",
        "Reviews/2026-Q4.md",
        "Reviews/2026.md",
    ];
    let before: Vec<_> = reviews
        .iter()
        .map(|path| mtime(vault.path(), path))
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(50));
    for (args, path) in [
        (["month", "last"], reviews[0]),
        (["quarter", "this"], reviews[1]),
        (["year", "this"], reviews[2]),
    ] {
        let output = run(smallwins(vault.path()).args(args), vault.path());
        assert!(output.contains(&format!("unchanged {path}\n")), "{output}");
        assert!(
            !output.contains("created") && !output.contains("updated"),
            "{output}"
        );
    }
    let after: Vec<_> = reviews
        .iter()
        .map(|path| mtime(vault.path(), path))
        .collect();
    assert_eq!(before, after);
}

#[test]
fn a_new_note_updates_the_month_and_keeps_the_persons_words() {
    let vault = example_copy();
    smallwins(vault.path()).args(["month"]).assert().success();
    let path = "Reviews/2026-11.md";
    let first = read(vault.path(), path);
    let mine = first
        .replace(
            "tags: [review]\n",
            "tags: [review]\nmood: tired but happy\n",
        )
        .replace(
            "### What kept me going?\n",
            "### What kept me going?\n\nThe race, mostly.\n",
        );
    fs::write(vault.path().join(path), &mine).unwrap();
    fs::write(
        vault.path().join("Daily/2026/11/2026-11-26.md"),
        "## Wins\n- Ran the 10 km race in 52 minutes #running\n",
    )
    .unwrap();
    let output = run(smallwins(vault.path()).args(["month"]), vault.path());
    assert!(output.contains("updated Reviews/2026-11.md"), "{output}");
    let updated = read(vault.path(), path);
    assert!(
        updated.contains("mood: tired but happy\nwins: 58\nwin_days: 22\n"),
        "{updated}"
    );
    assert!(updated.contains("The race, mostly."));
    assert!(updated.contains("- Ran the 10 km race in 52 minutes #running"));
    assert!(updated.contains("**58 wins** on 22 of 26 days"));
    let unchanged_parts = |text: &str| {
        let head = &text[..text.find("wins: ").unwrap()];
        let tail = &text[text.find("<!-- smallwins:end -->").unwrap()..];
        (head.to_owned(), tail.to_owned())
    };
    assert_eq!(unchanged_parts(&updated), unchanged_parts(&mine));
}

#[test]
fn a_running_period_is_compared_with_the_same_span_of_the_last() {
    let vault = example_copy();
    let stdout = |args: &[&str]| {
        let output = smallwins(vault.path()).args(args).output().unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    let week = stdout(&["week", "--stdout"]);
    assert!(
        week.contains("\n10 wins by Thursday, 10 by Thursday last week."),
        "{week}"
    );
    let month = stdout(&["month", "--stdout"]);
    assert!(
        month.contains("\n57 wins by 26 November, 48 by 26 October."),
        "{month}"
    );
    let finished = stdout(&["week", "2026-W47", "--stdout"]);
    assert!(
        finished.contains("\n2 fewer than last week (17)."),
        "{finished}"
    );
    let first = stdout(&["week", "2026-W41", "--stdout"]);
    assert!(first.contains("\nThe first week on record."), "{first}");
    assert!(!first.contains("than last week"), "{first}");
}

#[test]
fn no_review_before_the_first_note_or_years_ahead() {
    let vault = example_copy();
    let cases = [
        (vec!["week", "2026-W40"], 1, "nothing to review: week 2026-W40 ends before the first dated note (2026-10-05)\n"),
        (vec!["month", "2026-09"], 1, "nothing to review: month 2026-09 ends before the first dated note (2026-10-05)\n"),
        (vec!["year", "0026"], 1, "nothing to review: year 0026 ends before the first dated note (2026-10-05)\n"),
        (vec!["year", "9999"], 1, "nothing to review yet: year 9999 starts after next year (2027)\n"),
        (vec!["quarter", "2029-Q1"], 1, "nothing to review yet: quarter 2029-Q1 starts after next quarter (2027-Q1)\n"),
        (vec!["year", "12026"], 2, "error: `12026` is not a year: use a label like 2026, a date like 2026-11-23, `this` or `last`\n"),
        (vec!["month", "2026-13"], 2, "error: `2026-13` is not a month: use a label like 2026-11, a date like 2026-11-23, `this` or `last`\n"),
    ];
    for (args, code, stderr) in cases {
        let output = run(smallwins(vault.path()).args(&args), vault.path());
        assert_eq!(
            output,
            format!("exit: {code}\n--- stdout\n--- stderr\n{stderr}"),
            "{args:?}"
        );
    }
    assert!(!vault.path().join("Reviews").exists());
}

#[test]
fn periodic_notes_folders_formats_and_templates() {
    let vault = copy_fixture("periodic-months");
    let output = run(
        smallwins(vault.path()).args(["month", "--all"]),
        vault.path(),
    );
    insta::assert_snapshot!("periodic_all", output);
    insta::assert_snapshot!(
        "periodic_month",
        read(vault.path(), "Periodic/Monthly/2026-11 November.md")
    );
    insta::assert_snapshot!(
        "periodic_quarter",
        read(vault.path(), "Periodic/Quarterly/2026-Q4.md")
    );
    insta::assert_snapshot!("periodic_year", read(vault.path(), "Periodic/2026.md"));
    insta::assert_snapshot!(
        "periodic_week",
        read(vault.path(), "Periodic/Weekly/2026-W45.md")
    );
    let again = run(
        smallwins(vault.path()).args(["week", "--all"]),
        vault.path(),
    );
    assert!(
        !again.contains("created") && !again.contains("updated"),
        "{again}"
    );
    assert_eq!(again.matches("unchanged ").count(), 14, "{again}");
}

#[test]
fn the_hook_set_of_reviews_follows_what_exists_or_is_configured() {
    let vault = example_copy();
    let all = run(
        smallwins(vault.path()).args(["week", "--all", "--dry-run"]),
        vault.path(),
    );
    assert!(
        !all.contains("Reviews/2026-11.md"),
        "months are not configured: {all}"
    );
    smallwins(vault.path())
        .args(["month", "2026-11"])
        .assert()
        .success();
    let all = run(
        smallwins(vault.path()).args(["week", "--all", "--dry-run"]),
        vault.path(),
    );
    assert!(
        all.contains("would update Reviews/2026-11.md"),
        "an existing month is kept current (its strip now links the weeks --all writes): {all}"
    );
    assert!(!all.contains("Reviews/2026-10.md"), "{all}");
    fs::write(vault.path().join(".smallwins.toml"), "[review.quarter]\n").unwrap();
    let all = run(
        smallwins(vault.path()).args(["week", "--all", "--dry-run"]),
        vault.path(),
    );
    assert!(
        all.contains("would create Reviews/2026-Q4.md"),
        "a configured quarter: {all}"
    );
}

#[test]
fn logseq_reviews_are_outline_pages() {
    let vault = copy_fixture("logseq");
    let output = run(
        smallwins(vault.path()).args(["week", "2026-W47"]),
        vault.path(),
    );
    assert_eq!(
        output,
        "exit: 0\n--- stdout\ncreated pages/Reviews%2F2026-W47.md\n--- stderr\n"
    );
    let path = "pages/Reviews%2F2026-W47.md";
    insta::assert_snapshot!("logseq_week", read(vault.path(), path));
    // Logseq folds the block and the person writes under the reflection questions.
    let edited = read(vault.path(), path)
        .replace(
            "  smallwins:: managed\n",
            "  smallwins:: managed\n  collapsed:: true\n",
        )
        .replace(
            "\t- What went well?\n",
            "\t- What went well?\n\t\t- The deploy\n",
        );
    fs::write(vault.path().join(path), &edited).unwrap();
    let again = run(
        smallwins(vault.path()).args(["week", "2026-W47"]),
        vault.path(),
    );
    assert!(
        again.contains("unchanged pages/Reviews%2F2026-W47.md"),
        "{again}"
    );
    let mut journal = read(vault.path(), "journals/2026_11_16.md");
    journal.push_str("- Shipped the page writer #win\n");
    fs::write(vault.path().join("journals/2026_11_16.md"), journal).unwrap();
    let updated = run(
        smallwins(vault.path()).args(["week", "2026-W47"]),
        vault.path(),
    );
    assert!(
        updated.contains("updated pages/Reviews%2F2026-W47.md"),
        "{updated}"
    );
    let text = read(vault.path(), path);
    assert!(text.contains("wins:: 4\n"), "{text}");
    assert!(
        text.contains("  collapsed:: true\n\t- **4 wins**"),
        "{text}"
    );
    assert!(text.contains("\t\t- Shipped the page writer\n"), "{text}");
    assert!(
        text.contains("\t- What went well?\n\t\t- The deploy\n"),
        "{text}"
    );
    assert!(!vault.path().join("pages/Wins.base").exists());
    let month = run(
        smallwins(vault.path()).args(["month", "--stdout"]),
        vault.path(),
    );
    insta::assert_snapshot!("logseq_month", month);
    let year = run(
        smallwins(vault.path()).args(["year", "--stdout"]),
        vault.path(),
    );
    insta::assert_snapshot!("logseq_year", year);
}

#[test]
fn triple_lowbar_graphs_name_pages_with_three_underscores() {
    let vault = copy_fixture("logseq");
    let config = read(vault.path(), "logseq/config.edn").replacen(
        '{',
        "{:file/name-format :triple-lowbar\n ",
        1,
    );
    fs::write(vault.path().join("logseq/config.edn"), config).unwrap();
    let output = run(smallwins(vault.path()).args(["year"]), vault.path());
    assert_eq!(
        output,
        "exit: 0\n--- stdout\ncreated pages/Reviews___2026.md\ncreated assets/heatmap-2026.svg\n--- stderr\n"
    );
    let text = read(vault.path(), "pages/Reviews___2026.md");
    assert!(
        text.contains("\t- ![2026 in wins](../assets/heatmap-2026.svg)\n"),
        "{text}"
    );
}

#[test]
fn plain_folders_get_markdown_links_and_fields_in_paragraphs() {
    let vault = copy_fixture("review-basic");
    fs::remove_dir_all(vault.path().join(".obsidian")).unwrap();
    let output = run(
        smallwins(vault.path()).args(["week", "2026-W47"]),
        vault.path(),
    );
    assert_eq!(
        output,
        "exit: 0\n--- stdout\ncreated Reviews/2026-W47.md\n--- stderr\n"
    );
    insta::assert_snapshot!("plain_week", read(vault.path(), "Reviews/2026-W47.md"));
    let month = run(
        smallwins(vault.path()).args(["month", "--stdout"]),
        vault.path(),
    );
    insta::assert_snapshot!("plain_month", month);
    assert!(!vault.path().join("Reviews/Wins.base").exists());
}

#[test]
fn wins_base_is_created_once_and_never_overwritten() {
    let vault = example_copy();
    smallwins(vault.path()).args(["week"]).assert().success();
    let base = read(vault.path(), "Reviews/Wins.base");
    assert!(base.contains("name: Monthly reviews\n"), "{base}");
    fs::write(vault.path().join("Reviews/Wins.base"), "views: []\n").unwrap();
    let output = run(smallwins(vault.path()).args(["month"]), vault.path());
    assert_eq!(
        output,
        "exit: 0\n--- stdout\ncreated Reviews/2026-11.md\n--- stderr\n"
    );
    assert_eq!(read(vault.path(), "Reviews/Wins.base"), "views: []\n");
}

#[test]
fn no_base_without_a_review() {
    let vault = tempfile::tempdir().unwrap();
    fs::create_dir_all(vault.path().join(".obsidian")).unwrap();
    fs::write(vault.path().join("2026-11-20.md"), "no wins today\n").unwrap();
    let output = run(
        smallwins(vault.path()).args(["week", "--all"]),
        vault.path(),
    );
    assert_eq!(output, "exit: 0\n--- stdout\n--- stderr\n");
    assert!(!vault.path().join("Reviews").exists());
}

#[test]
fn bad_periodic_settings_and_templates_are_clear_errors() {
    let vault = copy_fixture("periodic-months");
    let settings = vault
        .path()
        .join(".obsidian/plugins/periodic-notes/data.json");
    let good = fs::read_to_string(&settings).unwrap();
    fs::write(
        &settings,
        good.replace("\"YYYY-MM MMMM\"", "\"YYYY [Monthly]\""),
    )
    .unwrap();
    let output = run(smallwins(vault.path()).args(["month"]), vault.path());
    assert!(
        output.starts_with("exit: 2\n--- stdout\n--- stderr\nerror: "),
        "{output}"
    );
    assert!(
        output.contains("data.json: the Periodic Notes monthly format `YYYY [Monthly]` gives 2020-01 and 2020-02 the same note name `2020 Monthly`"),
        "{output}"
    );
    fs::write(&settings, good.replace("Templates/Monthly", "../Monthly")).unwrap();
    let output = run(smallwins(vault.path()).args(["month"]), vault.path());
    assert!(output.starts_with("exit: 2\n"), "{output}");
    assert!(
        output.contains("data.json: monthly.template: `../Monthly` leads out of the vault"),
        "{output}"
    );
    fs::write(
        &settings,
        good.replace("Templates/Monthly", "Templates/Gone"),
    )
    .unwrap();
    let output = run(smallwins(vault.path()).args(["month"]), vault.path());
    assert!(
        output.starts_with("exit: 0\n--- stdout\ncreated Periodic/Monthly/2026-11 November.md\n"),
        "{output}"
    );
    assert!(
        output.contains("warning: Templates/Gone.md: cannot read the monthly review template"),
        "{output}"
    );
    assert!(!vault
        .path()
        .join("Periodic/Monthly/2026-10 October.md")
        .exists());
}

#[test]
fn a_year_review_on_new_years_day_looks_back() {
    let vault = example_copy();
    let output = run(
        smallwins_on(vault.path(), "2027-01-01").args(["year", "last", "--dry-run"]),
        vault.path(),
    );
    assert_eq!(
        output,
        "exit: 0\n--- stdout\nwould create Reviews/2026.md\nwould create Reviews/heatmap-2026.svg\nwould create Reviews/Wins.base\n--- stderr\n"
    );
    assert!(!vault.path().join("Reviews").exists());
}
