//! Hostile input for the ways of writing a win: a 10,000-level outline, a label with 100,000
//! children, front matter wins that are a map, a number or a megabyte, a pattern that matches
//! every line of a 20 MB note and a 10 KB pattern. Each command stays within the bounds of
//! `hostile.rs`, warns where it skips something, and still finds every other win.

use std::fs;
use std::path::Path;

use crate::hostile::{run_bounded, Outcome};

/// Peak resident memory one command may use here (a 50 MB note is read whole).
const MEMORY_LIMIT_KIB: i64 = 512 * 1024;

fn write(vault: &Path, source: &str, text: impl AsRef<[u8]>) {
    let path = vault.join(source);
    fs::create_dir_all(path.parent().expect("parent")).expect("create folder");
    fs::write(path, text).expect("write note");
}

/// Runs `args` over `vault`: exit 0, no panic, within the bounds.
fn survives(vault: &Path, args: &[&str]) -> Outcome {
    let outcome = run_bounded(vault, vault, args);
    assert_eq!(outcome.code, Some(0), "{args:?}: {}", outcome.stderr);
    assert!(!outcome.stderr.contains("panicked"), "{}", outcome.stderr);
    assert!(
        outcome.max_rss_kib < MEMORY_LIMIT_KIB,
        "{args:?} peaked at {} KiB",
        outcome.max_rss_kib
    );
    eprintln!(
        "hostile wins: {args:?}: {:.2?}, peak RSS {} MiB",
        outcome.elapsed,
        outcome.max_rss_kib / 1024
    );
    outcome
}

fn listed(vault: &Path) -> (Vec<serde_json::Value>, String) {
    let outcome = survives(vault, &["list", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_slice(&outcome.stdout).expect("JSON");
    (list.as_array().expect("array").clone(), outcome.stderr)
}

fn texts_of<'a>(list: &'a [serde_json::Value], source: &str) -> Vec<&'a str> {
    list.iter()
        .filter(|win| win["source"] == source)
        .filter_map(|win| win["text"].as_str())
        .collect()
}

#[test]
fn a_logseq_graph_with_a_10000_level_outline_and_a_label_of_100000_children() {
    let dir = tempfile::tempdir().expect("temp dir");
    let vault = dir.path();
    write(vault, "logseq/config.edn", "{}\n");
    let mut deep = String::from("- ## Wins\n");
    for level in 1..10_000 {
        deep.push_str(&"\t".repeat(level));
        deep.push_str(&format!("- level {level}\n"));
    }
    deep.push_str("- deep and tagged #win\n");
    write(vault, "journals/2026_11_16.md", deep);
    let mut wide = String::from("- ## Wins\n");
    for child in 0..100_000 {
        wide.push_str(&format!("\t- child {child}\n\t\t- a detail\n"));
    }
    write(vault, "journals/2026_11_17.md", wide);
    write(vault, "journals/2026_11_18.md", "- ordinary #win\n");

    let (list, stderr) = listed(vault);
    assert_eq!(
        texts_of(&list, "journals/2026_11_16.md"),
        ["level 1", "deep and tagged"]
    );
    assert_eq!(texts_of(&list, "journals/2026_11_17.md").len(), 100_000);
    assert_eq!(texts_of(&list, "journals/2026_11_18.md"), ["ordinary"]);
    assert!(
        stderr.contains("journals/2026_11_16.md:102: outline nested deeper than 100 levels"),
        "{stderr}"
    );
}

#[test]
fn front_matter_wins_of_the_wrong_type_or_size_are_warnings() {
    let dir = tempfile::tempdir().expect("temp dir");
    let vault = dir.path();
    write(
        vault,
        "2026-11-16.md",
        "---\nwins:\n  a: b\n---\n- map day #win\n",
    );
    write(
        vault,
        "2026-11-17.md",
        "---\nwins: 42\n---\n- number day #win\n",
    );
    let megabyte = "x".repeat(1 << 20);
    write(
        vault,
        "2026-11-18.md",
        format!("---\nwins: {megabyte}\n---\n- long day #win\n"),
    );
    write(
        vault,
        "2026-11-19.md",
        "---\nwins: [kept the streak]\n---\n",
    );

    let (list, stderr) = listed(vault);
    let texts: Vec<&str> = list.iter().filter_map(|win| win["text"].as_str()).collect();
    assert_eq!(
        texts,
        ["map day", "number day", "long day", "kept the streak"]
    );
    assert!(
        stderr.contains("2026-11-18.md:1: front matter is larger than 64 KiB"),
        "{stderr}"
    );
    let check = run_bounded(vault, vault, &["check"]);
    let report = String::from_utf8_lossy(&check.stdout);
    for (at, what) in [
        ("2026-11-16.md:3:", "a map"),
        ("2026-11-17.md:2:", "a number"),
    ] {
        assert!(
            report.contains(at) && report.contains(&format!("front matter `wins` is {what}")),
            "{report}"
        );
    }
}

#[test]
fn a_pattern_matching_every_line_of_a_20_mb_note_is_capped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let vault = dir.path();
    write(vault, ".smallwins.toml", "[wins]\npatterns = ['.']\n");
    let mut big = String::with_capacity(21 << 20);
    let mut line = 0;
    while big.len() < 20_000_000 {
        big.push_str(&format!(
            "line {line:07} of a note that matches the pattern everywhere\n"
        ));
        line += 1;
    }
    write(vault, "2026-11-16.md", big);
    write(vault, "2026-11-17.md", "- ordinary #win\n");

    let (list, stderr) = listed(vault);
    assert_eq!(texts_of(&list, "2026-11-16.md").len(), 10_000);
    assert_eq!(texts_of(&list, "2026-11-17.md"), ["ordinary"]);
    assert!(
        stderr.contains("2026-11-16.md:10001: more than 10000 lines match wins.patterns"),
        "{stderr}"
    );
}

#[test]
fn a_10_kb_pattern_compiles_and_one_too_big_is_a_configuration_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let vault = dir.path();
    let words: Vec<String> = (0..1_500).map(|n| format!("word{n}")).collect();
    let pattern = format!("^Done: (?P<text>(?:{}) .*)$", words.join("|"));
    assert!(pattern.len() > 10_000);
    write(
        vault,
        ".smallwins.toml",
        format!("[wins]\npatterns = ['{pattern}']\n"),
    );
    write(
        vault,
        "2026-11-16.md",
        "Done: word1499 fixed the kettle\n\nDone: other\n",
    );
    let (list, _) = listed(vault);
    assert_eq!(
        texts_of(&list, "2026-11-16.md"),
        ["word1499 fixed the kettle"]
    );

    write(
        vault,
        ".smallwins.toml",
        "[wins]\npatterns = ['ok', '(\\w{500}){500}']\n",
    );
    let outcome = run_bounded(vault, vault, &["list"]);
    assert_eq!(outcome.code, Some(2));
    assert!(
        outcome.stderr.contains("wins.patterns[1]"),
        "{}",
        outcome.stderr
    );
}
