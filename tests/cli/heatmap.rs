//! `heatmap`: the SVG is well-formed XML with one titled square per day of the year.

use std::fs;

use crate::support::{copy_fixture, copy_tree, example_vault, run, smallwins};

/// The titles of the day squares: `<rect>`s with a `<title>` child.
fn day_titles(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("the heatmap is well-formed XML");
    doc.descendants()
        .filter(|node| node.has_tag_name("rect"))
        .filter_map(|rect| rect.children().find(|child| child.has_tag_name("title")))
        .filter_map(|title| title.text().map(str::to_owned))
        .collect()
}

#[test]
fn default_output_goes_next_to_the_reviews() {
    let vault = tempfile::tempdir().unwrap();
    copy_tree(&example_vault(), vault.path());
    let output = run(smallwins(vault.path()).args(["heatmap"]), vault.path());
    assert!(
        output.starts_with(
            "exit: 0
--- stdout
created Reviews/heatmap-2026.svg
--- stderr
"
        ),
        "{output}"
    );
    let svg = fs::read_to_string(vault.path().join("Reviews/heatmap-2026.svg")).unwrap();
    let titles = day_titles(&svg);
    assert_eq!(titles.len(), 365);
    assert_eq!(
        titles.first().map(String::as_str),
        Some("2026-01-01: 0 wins")
    );
    assert!(titles.contains(&"2026-12-31: to come".to_owned()));
    let again = run(smallwins(vault.path()).args(["heatmap"]), vault.path());
    assert!(
        again.contains("unchanged Reviews/heatmap-2026.svg"),
        "{again}"
    );
}

#[test]
fn leap_years_have_366_days_and_stdout_works() {
    let vault = copy_fixture("review-basic");
    let output = smallwins(vault.path())
        .args(["heatmap", "--year", "2028", "--out", "-"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let svg = String::from_utf8(output.stdout).unwrap();
    assert_eq!(day_titles(&svg).len(), 366);
    assert!(!vault.path().join("Reviews").exists());
}

#[test]
fn wins_and_rest_days_show_in_the_titles() {
    let vault = copy_fixture("review-basic");
    fs::write(
        vault.path().join(".smallwins.toml"),
        "[goal]\nrest_days = [\"sat\"]\n",
    )
    .unwrap();
    let output = smallwins(vault.path())
        .args(["heatmap", "--out", "-"])
        .output()
        .unwrap();
    let titles = day_titles(&String::from_utf8(output.stdout).unwrap());
    for expected in [
        "2026-11-16: 2 wins",
        "2026-11-17: 1 win",
        "2026-11-18: 0 wins",
        "2026-11-21: 0 wins (rest day)",
        "2026-11-27: to come",
    ] {
        assert!(titles.contains(&expected.to_owned()), "{expected}");
    }
}

#[test]
fn out_is_relative_to_the_current_folder() {
    let vault = copy_fixture("review-basic");
    let cwd = tempfile::tempdir().unwrap();
    let output = run(
        smallwins(vault.path())
            .current_dir(cwd.path())
            .args(["heatmap", "--out", "wins.svg"]),
        vault.path(),
    );
    assert!(output.contains("created wins.svg"), "{output}");
    assert!(cwd.path().join("wins.svg").is_file());
}
