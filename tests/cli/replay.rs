//! `today` and `share` over the capture-share fixture.

use crate::support::{fixtures, run, smallwins};

fn output(args: &[&str]) -> String {
    let vault = fixtures().join("capture-share");
    run(smallwins(&vault).args(args), &vault)
}

#[test]
fn today_replays_the_last_days_most_recent_last() {
    insta::assert_snapshot!(output(&["today", "--days", "4"]));
}

#[test]
fn today_without_wins_prompts_for_one() {
    insta::assert_snapshot!(output(&["today"]));
}

#[test]
fn share_this_week_is_link_and_tag_free() {
    let text = output(&["share"]);
    insta::assert_snapshot!(text);
    assert!(!text.contains("[["), "{text}");
    assert!(!text.contains("]("), "{text}");
    let tag = regex::Regex::new(r"(^|\s)#[\p{L}\p{N}_/-]*[\p{L}_/-]").unwrap();
    assert!(!tag.is_match(&text), "{text}");
    assert!(
        !regex::Regex::new(r"\d\d:\d\d").unwrap().is_match(&text),
        "{text}"
    );
}

#[test]
fn share_other_periods_and_markdown() {
    insta::assert_snapshot!(
        "share_last_week_markdown",
        output(&["share", "--week", "last", "--format", "markdown"])
    );
    insta::assert_snapshot!("share_one_day", output(&["share", "--date", "2026-11-23"]));
    insta::assert_snapshot!(
        "share_empty_day",
        output(&["share", "--date", "2026-11-24"])
    );
}

#[test]
fn share_takes_a_week_or_a_date_not_both() {
    let text = output(&["share", "--week", "this", "--date", "2026-11-23"]);
    assert!(text.starts_with("exit: 2\n"), "{text}");
    assert!(text.contains("cannot be used with"), "{text}");
}

/// `share` of today in a vault whose only note is today's daily note, holding `note`.
fn share_today(note: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path();
    std::fs::write(vault.join("2026-11-26.md"), note).unwrap();
    let shared = crate::support::smallwins(vault)
        .args(["share", "--date", "2026-11-26"])
        .output()
        .unwrap();
    String::from_utf8(shared.stdout).unwrap()
}

#[test]
fn share_counts_only_the_wins_it_shows_and_drops_autolinks() {
    let text =
        share_today("- ![[photo.png]] #win\n- Docs live at <https://example.com/docs> #win\n");
    assert!(text.starts_with("Today: 1 small win\n"), "{text}");
    assert!(!text.contains("https://"), "{text}");
}

#[test]
fn share_keeps_emoji_sequences_whole_and_strips_whole_tags() {
    let runner = "🏃\u{200d}♂\u{fe0f}";
    let text = share_today(&format!(
        "- #win {runner} ran\n- swam #{runner} #win\n- lifted #gym© #win\n"
    ));
    assert_eq!(
        text,
        format!("Today: 3 small wins\n- {runner} ran\n- swam\n- lifted\n"),
        "{text:?}"
    );
}

#[test]
fn share_text_is_plain_and_markdown_keeps_the_formatting() {
    let vault = fixtures().join("replay-years");
    let share = |format: &str| {
        let output = smallwins(&vault)
            .args(["share", "--date", "2025-11-26", "--format", format])
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    assert_eq!(
        share("text"),
        "Wednesday 26 Nov 2025: 2 small wins\n- Gave my first talk at the meetup\n\
         - Fixed the flaky build in ci.yml\n"
    );
    assert_eq!(
        share("markdown"),
        "**Wednesday 26 Nov 2025: 2 small wins**\n\n- Gave my first talk at the meetup\n\
         - Fixed the **flaky** build in `ci.yml`\n"
    );
    let day = |date: &str, format: &str| {
        let output = smallwins(&vault)
            .args(["share", "--date", date, "--format", format])
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    assert!(day("2026-10-26", "text").ends_with("- Read the whole paper\n"));
    assert!(day("2026-10-26", "markdown").ends_with("- Read the whole paper\n"));
    assert!(day("2025-02-28", "markdown").ends_with("- Finished the Spanish A1 course\n"));
}
