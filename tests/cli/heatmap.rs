//! `heatmap`: the SVG is well-formed XML with one titled square per day of the year.

use std::fs;

use crate::support::{copy_fixture, copy_tree, example_copy, example_vault, run, smallwins};

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

/// The links of the day squares: `<a href>` around `<rect>`s, by the square's title.
fn day_links(svg: &str) -> Vec<(String, String)> {
    let doc = roxmltree::Document::parse(svg).expect("the heatmap is well-formed XML");
    doc.descendants()
        .filter(|node| node.has_tag_name("a"))
        .filter_map(|link| {
            let title = link
                .descendants()
                .find(|child| child.has_tag_name("title"))?
                .text()?
                .to_owned();
            Some((title, link.attribute("href")?.to_owned()))
        })
        .collect()
}

fn texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("the heatmap is well-formed XML");
    doc.descendants()
        .filter(|node| node.has_tag_name("text"))
        .filter_map(|text| text.text().map(str::to_owned))
        .collect()
}

#[test]
fn the_header_says_the_streaks_and_the_total() {
    let vault = example_copy();
    let output = smallwins(vault.path())
        .args(["heatmap", "--out", "-"])
        .output()
        .unwrap();
    let svg = String::from_utf8(output.stdout).unwrap();
    let texts = texts(&svg);
    assert_eq!(texts[0], "2026 · 113 wins on 44 days");
    assert_eq!(
        texts[1],
        "Current streak 9 days · Longest streak 9 days · 113 wins"
    );
}

#[test]
fn in_obsidian_each_day_opens_its_note_in_obsidian() {
    let parent = tempfile::tempdir().unwrap();
    let vault = parent.path().join("My Vault");
    copy_tree(&example_vault(), &vault);
    let output = smallwins(&vault).args(["heatmap"]).output().unwrap();
    assert!(output.status.success());
    let svg = fs::read_to_string(vault.join("Reviews/heatmap-2026.svg")).unwrap();
    let links = day_links(&svg);
    assert_eq!(links.len(), 47, "one link per day with a daily note");
    assert_eq!(
        links[0],
        (
            "2026-10-05: 2 wins".to_owned(),
            "obsidian://open?vault=My%20Vault&file=Daily%2F2026%2F10%2F2026-10-05".to_owned()
        )
    );
}

#[test]
fn elsewhere_each_day_links_its_note_by_relative_path() {
    let vault = copy_fixture("review-basic");
    fs::remove_dir_all(vault.path().join(".obsidian")).unwrap();
    smallwins(vault.path()).args(["heatmap"]).assert().success();
    let svg = fs::read_to_string(vault.path().join("Reviews/heatmap-2026.svg")).unwrap();
    assert!(day_links(&svg).contains(&(
        "2026-11-16: 2 wins".to_owned(),
        "../Daily/2026-11-16.md".to_owned()
    )));
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("wins.svg");
    smallwins(vault.path())
        .args(["heatmap", "--out"])
        .arg(&target)
        .assert()
        .success();
    let svg = fs::read_to_string(&target).unwrap();
    let (_, href) = day_links(&svg).into_iter().next().unwrap();
    assert!(
        href.starts_with("../") && href.ends_with("/Daily/2026-11-10.md"),
        "{href}"
    );
}

#[test]
fn last_draws_a_rolling_window_ending_today() {
    let vault = example_copy();
    let output = run(
        smallwins(vault.path()).args(["heatmap", "--last", "30"]),
        vault.path(),
    );
    assert_eq!(
        output,
        "exit: 0\n--- stdout\ncreated Reviews/heatmap-last-30.svg\n--- stderr\n"
    );
    let svg = fs::read_to_string(vault.path().join("Reviews/heatmap-last-30.svg")).unwrap();
    let titles = day_titles(&svg);
    assert_eq!(titles.len(), 30);
    assert_eq!(
        titles.first().map(String::as_str),
        Some("2026-10-28: 0 wins")
    );
    assert_eq!(
        titles.last().map(String::as_str),
        Some("2026-11-26: 0 wins")
    );
    assert!(texts(&svg)[0].starts_with("Last 30 days · "));
    let both = run(
        smallwins(vault.path()).args(["heatmap", "--last", "30", "--year", "2026"]),
        vault.path(),
    );
    assert!(both.starts_with("exit: 2\n"), "{both}");
}

/// Looks at the heatmap in a real browser: headless Chromium renders it to a PNG, and the PNG
/// must show the green of days at the goal. Needs `chromium` on the PATH; run it by name:
/// `cargo test --test cli heatmap_in_a_real_browser -- --ignored`.
#[test]
#[ignore = "needs chromium; run by name"]
fn heatmap_in_a_real_browser() {
    let vault = example_copy();
    smallwins(vault.path()).args(["heatmap"]).assert().success();
    let svg = vault.path().join("Reviews/heatmap-2026.svg");
    let png = vault.path().join("heatmap.png");
    let status = std::process::Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--window-size=820,220",
        ])
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", svg.display()))
        .stderr(std::process::Stdio::null())
        .status()
        .expect("chromium on the PATH");
    assert!(status.success());
    let bytes = fs::read(&png).unwrap();
    assert!(bytes.starts_with(b"\x89PNG"), "a PNG");
    assert!(
        bytes.len() > 5_000,
        "more than a blank page: {} bytes",
        bytes.len()
    );
}
