//! Replay and reinforcement over time, on the replay-years fixture (wins over two years, a break
//! from 14 to 22 November 2026, days that start at 04:00, a daily goal of 2): on this day,
//! status, breaks, the day start and `$SMALLWINS_NOW`, natural dates, queries, the ritual and
//! milestones.

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::{
    copy_fixture, dates_and_texts, fixtures, json, run, smallwins, smallwins_at, smallwins_on,
};

fn years() -> PathBuf {
    fixtures().join("replay-years")
}

fn read(vault: &Path, note: &str) -> String {
    fs::read_to_string(vault.join(note)).unwrap()
}

/// `(ago, date)` of each memory of a `today --format json` report.
fn memories(report: &serde_json::Value) -> Vec<(String, String)> {
    report["on_this_day"]
        .as_array()
        .unwrap()
        .iter()
        .map(|memory| {
            (
                memory["ago"].as_str().unwrap().to_owned(),
                memory["date"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

#[test]
fn today_ends_with_on_this_day() {
    let vault = years();
    insta::assert_snapshot!(run(
        smallwins(&vault).args(["today", "--days", "2"]),
        &vault
    ));
}

#[test]
fn on_this_day_remembers_leap_days_and_the_ends_of_months() {
    let on = |today: &str| {
        memories(&json(
            smallwins_on(&years(), today).args(["today", "--format", "json"]),
        ))
    };
    // 2026 has no 29 February: its 28th, the month's last day, remembers 28 and 29 Feb 2024.
    assert_eq!(
        on("2026-02-28"),
        pairs(&[("1 year ago", "2025-02-28"), ("2 years ago", "2024-02-29")])
    );
    // 30 April, the month's last day, remembers 30 and 31 March.
    assert_eq!(
        on("2026-04-30"),
        pairs(&[("1 month ago", "2026-03-30"), ("1 month ago", "2026-03-31")])
    );
    // 30 March: February has no 30th (its days were remembered on 28 March), a year ago has.
    assert_eq!(on("2027-03-30"), pairs(&[("1 year ago", "2026-03-30")]));
    // 29 February 2028 remembers 29 February 2024, four years back; 2025–2027 have none.
    assert_eq!(on("2028-02-29"), pairs(&[("4 years ago", "2024-02-29")]));
}

#[test]
fn today_as_json_has_the_days_and_on_this_day() {
    let report = json(smallwins(&years()).args(["today", "--days", "2", "--format", "json"]));
    assert_eq!(report["today"], "2026-11-26");
    assert_eq!(report["daily_goal"], 2);
    let days = report["days"].as_array().unwrap();
    assert_eq!(days.len(), 2);
    assert_eq!(days[0]["date"], "2026-11-25");
    assert_eq!(days[0]["count"], 1);
    assert_eq!(days[0]["goal_met"], false);
    assert_eq!(days[1]["wins"], serde_json::json!([]));
    let memory = &report["on_this_day"][1];
    assert_eq!(memory["months"], 12);
    assert_eq!(
        memory["wins"][1],
        serde_json::json!({
            "date": "2025-11-26",
            "time": null,
            "text": "Fixed the **flaky** build in `ci.yml`",
            "tags": [],
            "source": "Daily/2025-11-26.md",
            "line": 5,
            "kind": "section",
        })
    );
}

#[test]
fn status_says_whether_today_has_a_win_yet() {
    let vault = years();
    let status = |today: &str| {
        let output = smallwins_on(&vault, today).arg("status").output().unwrap();
        (
            output.status.code().unwrap(),
            String::from_utf8(output.stdout).unwrap(),
        )
    };
    assert_eq!(
        status("2026-11-26"),
        (1, "0/2 wins today · 8-day streak at risk\n".to_owned())
    );
    assert_eq!(
        status("2026-11-25"),
        (0, "1/2 wins today · 8-day streak\n".to_owned())
    );
    assert_eq!(
        status("2026-11-13"),
        (0, "2/2 wins today · goal met · 5-day streak\n".to_owned())
    );
    // A day of a break has no win either; its line says it is a break.
    assert_eq!(
        status("2026-11-20"),
        (
            1,
            "0/2 wins today · on a break until Sun 22 Nov · 5-day streak\n".to_owned()
        )
    );
    assert_eq!(status("2026-11-08"), (1, "0/2 wins today\n".to_owned()));
    let output = smallwins(&vault)
        .args(["status", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(value["class"], "at-risk");
    assert_eq!(value["text"], "0/2 wins today · 8-day streak at risk");
    assert_eq!(value["streak"]["start"], "2026-11-09");
}

#[test]
fn a_break_neither_breaks_nor_lengthens_a_streak() {
    let vault = years();
    let scores = json(smallwins(&vault).args(["stats", "--format", "json"]));
    // 9–13 Nov, the break 14–22 Nov, 23–25 Nov: eight win days in one run.
    assert_eq!(
        scores["current_streak"],
        serde_json::json!({"days": 8, "start": "2026-11-09", "end": "2026-11-25", "at_risk": true})
    );
    assert_eq!(scores["longest_streak"]["days"], 8);
    // The week of the break is skipped, not a missed week.
    assert_eq!(
        scores["week_streak"],
        serde_json::json!({"current": 1, "longest": 1})
    );
    let during = run(smallwins_on(&vault, "2026-11-20").arg("stats"), &vault);
    assert!(
        during.contains("Current streak   5 days · 9 Nov → 13 Nov · on a break until 22 Nov"),
        "{during}"
    );
    assert!(
        during.contains("0 wins today (goal 2) · on a break"),
        "{during}"
    );
    let text = run(smallwins(&vault).arg("stats"), &vault);
    assert!(
        text.contains("Current streak   8 days · 9 Nov → 25 Nov"),
        "{text}"
    );
    // Without the break the same notes make two runs.
    let dir = copy_fixture("replay-years");
    fs::write(
        dir.path().join(".smallwins.toml"),
        "[notes]\nfolder = \"Daily\"\n[goal]\ndaily = 2\n",
    )
    .unwrap();
    let scores = json(smallwins(dir.path()).args(["stats", "--format", "json"]));
    assert_eq!(scores["current_streak"]["days"], 3);
    assert_eq!(scores["longest_streak"]["days"], 5);
}

#[test]
fn a_day_that_starts_at_four_keeps_the_small_hours() {
    let dir = copy_fixture("replay-years");
    let vault = dir.path();
    let at = |now: &str, args: &[&str]| run(smallwins_at(vault, Some(now)).args(args), vault);
    let added = at(
        "2026-11-27T02:30",
        &["add", "Fixed the pager alert at last"],
    );
    assert!(
        added.contains("1/2 wins today — 1 more to meet the goal"),
        "{added}"
    );
    assert!(
        read(vault, "Daily/2026-11-26.md").contains("- 02:30 Fixed the pager alert at last #win\n")
    );
    assert!(!vault.join("Daily/2026-11-27.md").exists());
    assert!(at("2026-11-27T03:59", &["status"])
        .starts_with("exit: 0\n--- stdout\n1/2 wins today · 9-day streak\n"));
    // From 04:00 it is the 27th: the streak waits for today's win.
    let status = at("2026-11-27T04:00", &["status"]);
    assert!(
        status.starts_with("exit: 1\n--- stdout\n0/2 wins today · 9-day streak at risk\n"),
        "{status}"
    );
    // A win for another day gets no time.
    at(
        "2026-11-27T09:00",
        &["add", "Booked the dentist", "--date", "yesterday"],
    );
    assert!(read(vault, "Daily/2026-11-26.md").contains("- Booked the dentist #win\n"));
    // `--today` moves the day, not the clock: a win for it gets no time unless --time says so.
    run(
        smallwins_at(vault, Some("2026-11-27T09:00")).args([
            "--today",
            "2026-11-25",
            "add",
            "Replied to everyone",
        ]),
        vault,
    );
    run(
        smallwins_at(vault, Some("2026-11-27T09:00")).args([
            "--today",
            "2026-11-25",
            "add",
            "Tea with Ana",
            "--time",
            "2:30 pm",
        ]),
        vault,
    );
    let note = read(vault, "Daily/2026-11-25.md");
    assert!(note.contains("- Replied to everyone #win\n"), "{note}");
    assert!(note.contains("- 14:30 Tea with Ana #win\n"), "{note}");
}

#[test]
fn a_bad_clock_is_a_usage_error() {
    let vault = years();
    let output = run(
        smallwins_at(&vault, Some("27/11/2026")).arg("status"),
        &vault,
    );
    assert!(output.starts_with("exit: 2\n"), "{output}");
    assert!(
        output.contains("SMALLWINS_NOW=27/11/2026 is not a date and time"),
        "{output}"
    );
}

#[test]
fn dates_on_the_command_line_count_back_from_today() {
    let vault = years();
    let list = |args: &[&str]| {
        dates_and_texts(&json(
            smallwins(&vault)
                .args(["list", "--format", "json"])
                .args(args),
        ))
        .into_iter()
        .map(|(date, _)| date)
        .collect::<Vec<_>>()
    };
    assert_eq!(
        list(&["--since", "3d", "--until", "yesterday"]),
        ["2026-11-23", "2026-11-24", "2026-11-25"]
    );
    assert_eq!(
        list(&["--since", "1m", "--until", "4w"]),
        ["2026-10-26", "2026-10-26"]
    );
    assert_eq!(
        list(&["--since", "2y", "--until", "2y"]),
        ["2024-11-26", "2024-11-26"]
    );
    let backwards = run(
        smallwins(&vault).args(["list", "--since", "yesterday", "--until", "1w"]),
        &vault,
    );
    assert!(backwards.starts_with("exit: 2\n"), "{backwards}");
    assert!(
        backwards.contains("--since 2026-11-25 is after --until 2026-11-19"),
        "{backwards}"
    );
    let bad = run(
        smallwins(&vault).args(["list", "--since", "last tuesday"]),
        &vault,
    );
    assert!(
        bad.starts_with("exit: 2\n") && bad.contains("7d, 2w, 3m"),
        "{bad}"
    );
    // `--today` reads the same forms, from the clock's day (04:00 → still the 26th).
    let status = run(
        smallwins_at(&vault, Some("2026-11-27T03:00")).args(["--today", "yesterday", "status"]),
        &vault,
    );
    assert!(status.contains("1/2 wins today"), "{status}");
    let shared = run(smallwins(&vault).args(["share", "--date", "2d"]), &vault);
    assert!(
        shared.contains("Tuesday 24 Nov 2026: 1 small win"),
        "{shared}"
    );
}

#[test]
fn list_greps_limits_and_reverses() {
    let vault = years();
    let texts = |args: &[&str]| {
        dates_and_texts(&json(
            smallwins(&vault)
                .args(["list", "--format", "json"])
                .args(args),
        ))
    };
    let found = texts(&["--grep", "shipped part [24]"]);
    assert_eq!(
        found,
        pairs(&[
            ("2026-11-10", "Shipped part 2 of the migration #work"),
            ("2026-11-12", "Shipped part 4 of the migration #work"),
        ])
    );
    assert!(
        texts(&["--grep", "Shipped Part"]).is_empty(),
        "a capital makes it case-sensitive"
    );
    let last_two = texts(&["--limit", "2", "--reverse"]);
    assert_eq!(
        last_two,
        pairs(&[
            ("2026-11-25", "Back at work, day 3"),
            ("2026-11-24", "Back at work, day 2"),
        ])
    );
    let text = run(
        smallwins(&vault).args(["list", "--grep", "back", "--limit", "1"]),
        &vault,
    );
    assert_eq!(
        text,
        "exit: 0\n--- stdout\n2026-11-25         Back at work, day 3\n--- stderr\n"
    );
    let bad = run(smallwins(&vault).args(["list", "--grep", "(oops"]), &vault);
    assert!(
        bad.starts_with("exit: 2\n") && bad.contains("--grep `(oops`"),
        "{bad}"
    );
}

#[test]
fn stats_over_a_year_or_a_range() {
    let vault = years();
    let year = json(smallwins(&vault).args(["stats", "--year", "2024", "--format", "json"]));
    assert_eq!(
        year["period"],
        serde_json::json!({"since": "2024-01-01", "until": "2024-12-31"})
    );
    assert_eq!(
        (year["wins"].as_u64(), year["win_days"].as_u64()),
        (Some(3), Some(2))
    );
    // The year ended on a day without a win: nothing is at risk any more, the run is over.
    assert_eq!(
        year["current_streak"],
        serde_json::json!({"days": 0, "start": null, "end": null, "at_risk": false})
    );
    // From the week of 29 Feb 2024 to the week of 31 Dec 2024 (2025-W01).
    assert_eq!(year["weeks"].as_array().unwrap().len(), 45);
    let range = json(smallwins(&vault).args([
        "stats",
        "--since",
        "2026-11-01",
        "--until",
        "2026-11-13",
        "--format",
        "json",
    ]));
    assert_eq!(range["wins"], 10);
    assert_eq!(
        range["current_streak"],
        serde_json::json!({"days": 5, "start": "2026-11-09", "end": "2026-11-13", "at_risk": false})
    );
    // A range that runs to today keeps today's rules: the open day only puts the run at risk.
    let recent = json(smallwins(&vault).args(["stats", "--since", "2w", "--format", "json"]));
    // From 12 Nov: the run starts inside the period, on its first day.
    assert_eq!(recent["wins"], 7);
    assert_eq!(
        recent["current_streak"],
        serde_json::json!({"days": 5, "start": "2026-11-12", "end": "2026-11-25", "at_risk": true})
    );
    let until =
        json(smallwins(&vault).args(["stats", "--until", "2025-12-31", "--format", "json"]));
    assert_eq!(
        until["period"],
        serde_json::json!({"since": "2024-02-29", "until": "2025-12-31"})
    );
    assert_eq!(until["wins"], 6);
    let text = run(smallwins(&vault).args(["stats", "--year", "2025"]), &vault);
    insta::assert_snapshot!("stats_year_2025", text);
    let both = run(
        smallwins(&vault).args(["stats", "--year", "2025", "--since", "1m"]),
        &vault,
    );
    assert!(
        both.starts_with("exit: 2\n") && both.contains("cannot be used with"),
        "{both}"
    );
}

#[test]
fn replay_picks_one_past_win_the_seed_repeats() {
    let vault = years();
    let pick = |seed: &str, args: &[&str]| {
        let output = smallwins(&vault)
            .env("SMALLWINS_SEED", seed)
            .args(["replay", "--random"])
            .args(args)
            .output()
            .unwrap();
        (
            output.status.code().unwrap(),
            String::from_utf8(output.stdout).unwrap(),
        )
    };
    assert_eq!(pick("7", &[]), pick("7", &[]));
    let picks: std::collections::BTreeSet<String> =
        (0..40).map(|seed| pick(&seed.to_string(), &[]).1).collect();
    assert!(picks.len() > 10, "{picks:?}");
    assert!(
        picks
            .iter()
            .all(|line| !line.contains('#') && !line.contains("**")),
        "{picks:?}"
    );
    assert!(
        picks
            .iter()
            .any(|line| line.starts_with("2 years ago (Tue 26 Nov 2024): ")),
        "{picks:?}"
    );
    assert_eq!(
        pick("1", &["--tag", "family"]),
        (
            0,
            "2 years ago (Tue 26 Nov 2024): Cooked for the whole family\n".to_owned()
        )
    );
    for seed in 0..10 {
        let (_, line) = pick(&seed.to_string(), &["--since", "1w"]);
        assert!(line.contains("Back at work"), "{line}");
    }
    let none = run(
        smallwins(&vault).args(["replay", "--random", "--tag", "nothing"]),
        &vault,
    );
    assert!(
        none.starts_with("exit: 1\n--- stdout\n--- stderr\nno past win"),
        "{none}"
    );
}

/// A vault whose daily notes hold `wins` wins on each of `days` (`YYYY-MM-DD`).
fn vault_of(days: &[(&str, usize)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("Daily")).unwrap();
    fs::write(
        dir.path().join(".smallwins.toml"),
        "[notes]\nfolder = \"Daily\"\n",
    )
    .unwrap();
    for (day, wins) in days {
        let items: String = (1..=*wins).map(|i| format!("- Win {i} #win\n")).collect();
        fs::write(
            dir.path().join(format!("Daily/{day}.md")),
            format!("## Wins\n{items}"),
        )
        .unwrap();
    }
    dir
}

fn days_from(first: &str, count: usize, wins: usize) -> Vec<(String, usize)> {
    let first = chrono::NaiveDate::parse_from_str(first, "%Y-%m-%d").unwrap();
    first
        .iter_days()
        .take(count)
        .map(|day| (day.to_string(), wins))
        .collect()
}

#[test]
fn the_hundredth_win_and_a_new_longest_streak_are_named() {
    // Two runs of ten days, 99 wins: the latest run ties the longest.
    let mut days = days_from("2026-10-01", 10, 5);
    days.extend(days_from("2026-11-16", 10, 5));
    days[0].1 = 4;
    let days: Vec<(&str, usize)> = days.iter().map(|(d, n)| (d.as_str(), *n)).collect();
    let dir = vault_of(&days);
    let output = run(
        smallwins(dir.path()).args(["add", "Reached a round number"]),
        dir.path(),
    );
    insta::assert_snapshot!(output, @r"
    exit: 0
    --- stdout
    created Daily/2026-11-26.md
    1/3 wins today — 2 more to meet the goal
    That's your 100th win!
    11-day streak — your longest yet!
    --- stderr
    ");
    let next = run(
        smallwins(dir.path()).args(["add", "And one more"]),
        dir.path(),
    );
    assert!(
        !next.contains("th win") && !next.contains("longest yet"),
        "{next}"
    );
}

#[test]
fn a_first_win_of_the_day_and_a_welcome_back() {
    let dir = vault_of(&[("2026-11-20", 1), ("2026-11-24", 1)]);
    let first = run(
        smallwins(dir.path()).args(["add", "Morning pages"]),
        dir.path(),
    );
    assert!(
        first.contains("First win of the day — a good start.\n"),
        "{first}"
    );
    let dir = vault_of(&[("2026-11-01", 1), ("2026-11-20", 2)]);
    let back = run(
        smallwins(dir.path()).args(["add", "Back on the horse"]),
        dir.path(),
    );
    assert!(
        back.contains("Welcome back — your first win in 5 days.\n"),
        "{back}"
    );
    let dir = vault_of(&[]);
    let very_first = run(
        smallwins(dir.path()).args(["add", "Started a journal"]),
        dir.path(),
    );
    assert!(
        very_first.contains("Your very first win. Here's to many more!\n"),
        "{very_first}"
    );
}

#[test]
fn add_without_text_takes_one_win_per_line_from_a_pipe() {
    let dir = copy_fixture("replay-years");
    let vault = dir.path();
    let output = run(
        smallwins_at(vault, Some("2026-11-26T21:15"))
            .arg("add")
            .write_stdin("Fixed the flaky test\n\n- Lunch with Sam #family\n   \nRan 5 km\n"),
        vault,
    );
    insta::assert_snapshot!(output, @r"
    exit: 0
    --- stdout
    Thu 26 Nov 2026 · 3/2 wins · goal met
      21:15  Fixed the flaky test
      21:15  Lunch with Sam #family
      21:15  Ran 5 km

    3/2 wins today — daily goal met!
    That's your 25th win!
    9-day streak — your longest yet!
    --- stderr
    ");
    // One bad line writes nothing, so the fixed file can be piped again.
    let before = read(vault, "Daily/2026-11-26.md");
    let refused = run(
        smallwins_at(vault, Some("2026-11-26T21:20"))
            .arg("add")
            .write_stdin("fine\n```sh\n"),
        vault,
    );
    assert!(refused.starts_with("exit: 2\n"), "{refused}");
    assert!(
        refused.contains("line 2: cannot add this win: a code fence"),
        "{refused}"
    );
    assert_eq!(read(vault, "Daily/2026-11-26.md"), before);
    let nothing = run(smallwins(vault).arg("add").write_stdin("\n"), vault);
    assert_eq!(nothing, "exit: 1\n--- stdout\n--- stderr\nnothing added\n");
}

#[cfg(unix)]
mod terminal {
    use std::fs::File;
    use std::io::{Read, Write};
    use std::os::fd::{FromRawFd, OwnedFd};
    use std::path::Path;
    use std::process::{Command, Stdio};

    use super::read;
    use crate::support::copy_fixture;

    /// Runs `smallwins add` with a pseudo-terminal as standard input and error (as a person at
    /// a terminal has) and standard output piped; `typed` is what the person types. Returns
    /// the exit code, standard output and what the terminal showed.
    fn ritual(vault: &Path, typed: &str) -> (i32, String, String) {
        let (mut master, mut slave) = (0, 0);
        // SAFETY: openpty writes two new descriptors, which are owned below and nowhere else.
        let opened = unsafe {
            libc::openpty(
                &mut master,
                &mut slave,
                std::ptr::null_mut(),
                std::ptr::null(),
                std::ptr::null(),
            )
        };
        assert_eq!(opened, 0, "openpty");
        // SAFETY: both descriptors were just opened and are not owned elsewhere.
        let (master, slave) = unsafe { (File::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
        let child = Command::new(assert_cmd::cargo::cargo_bin("smallwins"))
            .env_remove("SMALLWINS_VAULT")
            .env_remove("SMALLWINS_TODAY")
            .env("NO_COLOR", "1")
            .env("SMALLWINS_NOW", "2026-11-26T21:30")
            .arg("--vault")
            .arg(vault)
            .arg("add")
            .stdin(Stdio::from(slave.try_clone().unwrap()))
            .stderr(Stdio::from(slave))
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut screen = master.try_clone().unwrap();
        let shown = std::thread::spawn(move || {
            let mut bytes = Vec::new();
            // Ends with EIO once the child has closed the terminal; what was read is kept.
            let _ = screen.read_to_end(&mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        });
        (&master).write_all(typed.as_bytes()).unwrap();
        let output = child.wait_with_output().unwrap();
        let shown = shown.join().unwrap();
        (
            output.status.code().unwrap(),
            String::from_utf8(output.stdout).unwrap(),
            shown,
        )
    }

    #[test]
    fn the_ritual_asks_until_the_daily_goal_is_met() {
        let dir = copy_fixture("replay-years");
        let vault = dir.path();
        let (code, out, shown) = ritual(
            vault,
            "Fixed the flaky test\n%% hidden\nLunch with Sam\nThis line comes after the goal\n",
        );
        assert_eq!(code, 0, "{out}{shown}");
        assert!(
            shown.contains("What went well today? One win per line"),
            "{shown}"
        );
        assert!(shown.contains("0/2 > "), "{shown}");
        assert!(
            shown.contains("cannot add this win: `%%` starts an Obsidian comment"),
            "{shown}"
        );
        assert!(shown.contains("1/2 > "), "{shown}");
        assert!(shown.contains("Daily goal met — well done."), "{shown}");
        assert_eq!(
            out,
            "Thu 26 Nov 2026 · 2/2 wins · goal met\n  21:30  Fixed the flaky test\n  \
             21:30  Lunch with Sam\n\n2/2 wins today — daily goal met!\n\
             That's your 25th win!\n9-day streak — your longest yet!\n"
        );
        let note = read(vault, "Daily/2026-11-26.md");
        assert!(note.contains("- 21:30 Lunch with Sam #win\n"), "{note}");
        assert!(!note.contains("after the goal"), "{note}");
    }

    #[test]
    fn an_empty_line_or_ctrl_d_ends_the_ritual() {
        let dir = copy_fixture("replay-years");
        let (code, out, _) = ritual(dir.path(), "Only one today\n\nnot this\n");
        assert_eq!(code, 0);
        assert!(
            out.contains("1/2 wins today — 1 more to meet the goal\n"),
            "{out}"
        );
        let dir = copy_fixture("replay-years");
        let (code, out, _) = ritual(dir.path(), "Only one today\n\x04");
        assert_eq!(code, 0);
        assert!(out.starts_with("Thu 26 Nov 2026 · 1/2 wins\n"), "{out}");
        let dir = copy_fixture("replay-years");
        let (code, out, _) = ritual(dir.path(), "\x04");
        assert_eq!((code, out.as_str()), (1, ""));
    }
}
