//! What the person reads: help with the global options apart, man pages, the order of `check`'s
//! findings and summary, the stats text, and warnings capped, pointed at `check` and silenced
//! by `-q`.

use std::fs;

use crate::support::{copy_fixture, run, run_interleaved, smallwins, TODAY};

/// `--help` of a command at a fixed width: its own options, then the global ones apart.
fn help(args: &[&str]) -> String {
    let output = assert_cmd::Command::cargo_bin("smallwins")
        .unwrap()
        .args(args)
        .arg("--help")
        .env("COLUMNS", "100")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn list_help_puts_global_options_under_their_own_heading() {
    insta::assert_snapshot!(help(&["list"]));
}

#[test]
fn add_help_puts_global_options_under_their_own_heading() {
    insta::assert_snapshot!(help(&["add"]));
}

#[test]
fn every_command_help_ends_with_the_global_options() {
    for command in [
        &["week"][..],
        &["check"],
        &["hook", "install"],
        &["templates", "export"],
    ] {
        let text = help(command);
        let (own, global) = text
            .split_once("\nGlobal options:\n")
            .unwrap_or_else(|| panic!("{command:?}: no global heading:\n{text}"));
        for flag in ["--vault", "--today", "--color", "--quiet"] {
            assert!(
                !own.contains(flag),
                "{command:?}: {flag} among its own options"
            );
            assert!(global.contains(flag), "{command:?}: {flag} missing");
        }
    }
}

#[test]
fn man_page_carries_the_win_syntax_and_the_configuration() {
    let output = assert_cmd::Command::cargo_bin("smallwins")
        .unwrap()
        .arg("man")
        .output()
        .unwrap();
    assert!(output.status.success());
    let page = String::from_utf8(output.stdout).unwrap();
    for section in [
        "WRITING WINS",
        "CONFIGURATION",
        "EXIT STATUS",
        "ENVIRONMENT",
        "SEE ALSO",
    ] {
        assert!(
            page.contains(&format!(".SH \"{section}\""))
                || page.contains(&format!(".SH {section}")),
            "no {section}"
        );
    }
    for text in [
        "#win/work",
        "win::",
        "section_words",
        "day_starts_at",
        "rest_days",
        "[[goal.breaks]]",
        "man \\-\\-all",
    ] {
        assert!(page.contains(text), "no `{text}` in the man page");
    }
}

/// Every `smallwins-…(1)` page the man pages refer to is one that `man --all` writes.
#[test]
fn man_all_writes_every_page_the_pages_refer_to() {
    let dir = tempfile::tempdir().unwrap();
    let output = assert_cmd::Command::cargo_bin("smallwins")
        .unwrap()
        .args(["man", "--all"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let mut written: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert!(written.contains(&"smallwins.1".to_owned()));
    assert!(written.contains(&"smallwins-hook-install.1".to_owned()));
    assert!(!written.contains(&"smallwins-help.1".to_owned()));
    let reference = regex::Regex::new(r"(smallwins(?:-[a-z]+)+)\\?\(1\)").unwrap();
    for page in &written {
        let text = fs::read_to_string(dir.path().join(page)).unwrap();
        for found in reference.captures_iter(&text) {
            let name = format!("{}.1", found[1].replace("\\-", "-"));
            assert!(
                written.contains(&name),
                "{page} refers to {name}, not written"
            );
        }
    }
    let again = assert_cmd::Command::cargo_bin("smallwins")
        .unwrap()
        .args(["man", "--all"])
        .arg(dir.path())
        .output()
        .unwrap();
    let again = String::from_utf8(again.stdout).unwrap();
    assert!(
        again.lines().all(|line| line.starts_with("unchanged ")),
        "{again}"
    );
}

/// Findings first, then the skipped paths and the summary, as a terminal shows both streams.
#[test]
fn check_prints_findings_first_and_the_summary_last() {
    let vault = copy_fixture("check-lints");
    let output = run_interleaved(
        vault.path(),
        vault.path(),
        &["check", "Daily", "Notes/Meeting.md", "notes.txt"],
    );
    insta::assert_snapshot!(output);
    let summary = output.lines().last().unwrap();
    assert!(summary.starts_with("checked "), "{output}");
}

/// The stats text on a day far over the goal: the dots stop at the goal.
#[test]
fn stats_text_over_the_goal() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path();
    let wins: String = (1..=14)
        .map(|n| format!("- Small thing {n} #win\n"))
        .collect();
    fs::write(vault.join(format!("{TODAY}.md")), wins).unwrap();
    fs::write(vault.join("2026-11-25.md"), "- Yesterday's one #win\n").unwrap();
    let output = run(smallwins(vault).arg("stats"), vault);
    assert!(
        output.contains("Today            ●●● 14 wins today (goal 3) · goal met"),
        "{output}"
    );
    insta::assert_snapshot!(output);
}

/// A vault whose daily folder holds `count` notes that are not named as daily notes
/// (`Daily/draft N.md`): one warning each.
fn vault_with_stray_notes(count: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join(".smallwins.toml"),
        "[notes]\nfolder = \"Daily\"\n",
    )
    .unwrap();
    fs::create_dir(dir.path().join("Daily")).unwrap();
    for n in 1..=count {
        fs::write(
            dir.path().join(format!("Daily/draft {n}.md")),
            "- an idea\n",
        )
        .unwrap();
    }
    dir
}

/// A vault with many stray notes: a few warnings, the count of the rest and where to see
/// them; `-q` prints none, and the answer on stdout is the same.
#[test]
fn warnings_are_capped_and_quiet_silences_them() {
    let dir = vault_with_stray_notes(8);
    let vault = dir.path();
    fs::write(
        vault.join("Daily/2026-11-26.md"),
        "- Tidied the notes #win\n",
    )
    .unwrap();
    let loud = run(smallwins(vault).args(["list"]), vault);
    let quiet = run(smallwins(vault).args(["-q", "list"]), vault);
    insta::assert_snapshot!(format!(
        "$ smallwins list\n{loud}$ smallwins -q list\n{quiet}"
    ));
    let stdout = |text: &str| text.split("--- stderr").next().unwrap().to_owned();
    assert_eq!(stdout(&loud), stdout(&quiet));
    assert!(quiet.ends_with("--- stderr\n"), "{quiet}");
    let check = run(smallwins(vault).arg("check"), vault);
    assert_eq!(
        check.matches("does not match the daily format").count(),
        8,
        "{check}"
    );
}

/// On a terminal (a pseudo-terminal 60 columns wide here) warnings wrap at its width, between
/// words, with the continuation indented; piped, they stay one line each (the tests above).
#[test]
fn warnings_wrap_at_the_width_of_a_terminal() {
    use std::io::Read;
    use std::os::fd::FromRawFd;

    let dir = vault_with_stray_notes(1);
    let vault = dir.path();
    let (mut leader, mut follower) = (0, 0);
    let size = libc::winsize {
        ws_row: 24,
        ws_col: 60,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty fills in two new descriptors, which the files below then own.
    let opened = unsafe {
        libc::openpty(
            &mut leader,
            &mut follower,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(opened, 0, "openpty failed");
    // SAFETY: both descriptors were just opened and are owned by nothing else.
    let (mut terminal, follower) = unsafe {
        (
            fs::File::from_raw_fd(leader),
            fs::File::from_raw_fd(follower),
        )
    };
    let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("smallwins"));
    command
        .env_remove("SMALLWINS_VAULT")
        .env("NO_COLOR", "1")
        .arg("--vault")
        .arg(vault)
        .args(["--today", TODAY, "list"])
        .stdout(std::process::Stdio::null())
        .stderr(follower);
    let status = command.status().unwrap();
    drop(command);
    assert!(status.success());
    let mut bytes = Vec::new();
    let mut chunk = [0u8; 4096];
    // Once the child and our copy of the follower are gone, reading the leader ends (EIO).
    while let Ok(read) = terminal.read(&mut chunk) {
        if read == 0 {
            break;
        }
        bytes.extend_from_slice(&chunk[..read]);
    }
    let text = String::from_utf8(bytes).unwrap().replace("\r\n", "\n");
    assert_eq!(
        text,
        "warning: Daily/draft 1.md: note in the daily folder `Daily`\n    \
         does not match the daily format `YYYY-MM-DD`; rename it,\n    \
         move it or give it `date:` front matter\n"
    );
}

/// The README's "Use it on your own vault", line by line, from inside a copy of the example
/// vault in a fresh git repository: each command says what the README shows.
#[test]
fn readme_quick_start_on_a_copy_of_the_example_vault() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path();
    crate::support::copy_tree(&crate::support::example_vault(), vault);
    let git_init = std::process::Command::new("git")
        .args(["init", "-q"])
        .current_dir(vault)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .status()
        .unwrap();
    assert!(git_init.success());
    let step = |args: &[&str]| {
        let output = assert_cmd::Command::cargo_bin("smallwins")
            .unwrap()
            .args(args)
            .current_dir(vault)
            .env_remove("SMALLWINS_VAULT")
            .env("SMALLWINS_TODAY", TODAY)
            .env("NO_COLOR", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .unwrap();
        assert!(output.status.success(), "{args:?}: {output:?}");
        assert_eq!(String::from_utf8_lossy(&output.stderr), "", "{args:?}");
        String::from_utf8(output.stdout).unwrap()
    };

    let init = step(&["init"]);
    for line in [
        "daily notes:  Daily/, named YYYY/MM/YYYY-MM-DD",
        "              from Obsidian daily notes (.obsidian/daily-notes.json)",
        "template:     Templates/Daily.md",
        "found:        47 daily notes, 1 note dated by front matter, 113 wins",
        "wins labels:  read in the template and 47 daily notes (2026-10-05 to 2026-11-25)",
        "              \"Wins\": 45 notes and the template, read as a wins section already",
        "              \"Small wins\": 1 note, read as a wins section already",
        "links:        wikilinks, shortest name",
        "reviews:      Reviews/GGGG-[W]WW.md",
        "created .smallwins.toml",
    ] {
        assert!(
            init.lines().any(|shown| shown == line),
            "no `{line}` in:\n{init}"
        );
    }

    let add = step(&["add", "Fixed the flaky login test", "--time", "18:30"]);
    assert_eq!(
        add,
        "created Daily/2026/11/2026-11-26.md\n\
         1/3 wins today — 2 more to meet the goal\n\
         First win of the day — a good start.\n\
         10-day streak — your longest yet!\n"
    );
    let note = fs::read_to_string(vault.join("Daily/2026/11/2026-11-26.md")).unwrap();
    let wins = note.split("## Wins").nth(1).unwrap();
    assert!(
        wins.contains("- 18:30 Fixed the flaky login test #win"),
        "{note}"
    );

    let stats = step(&["stats"]);
    assert!(
        stats.starts_with("114 wins on 45 days since 5 Oct · 23 days met the daily goal of 3\n"),
        "{stats}"
    );
    assert!(
        stats.contains("  Current streak   10 days · 16 Nov → 26 Nov\n"),
        "{stats}"
    );
    assert!(
        stats.contains("  Today            ●○○ 1 win today (goal 3) · 2 wins to go\n"),
        "{stats}"
    );

    assert_eq!(
        step(&["week"]),
        "created Reviews/2026-W48.md\ncreated Reviews/Wins.base\n"
    );
    let hook = step(&["hook", "install"]);
    let lines: Vec<&str> = hook.lines().collect();
    assert!(
        matches!(lines.as_slice(), [pre_commit, pre_merge, keeps]
            if pre_commit.starts_with("installed ") && pre_commit.ends_with(".git/hooks/pre-commit")
                && pre_merge.starts_with("installed ") && pre_merge.ends_with(".git/hooks/pre-merge-commit")
                && keeps.starts_with("the hooks keep the vault at the top of the repository ")),
        "{hook}"
    );
}
