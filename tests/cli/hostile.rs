//! Hostile input: every command over a vault built to break parsers and walkers, within a time
//! and memory bound, still finding every ordinary win and warning about each problem.

use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use smallwins::write::{BEGIN_MARKER, END_MARKER};

use crate::support::TODAY;

/// How long one command may take over the hostile vault (debug build, shared 2-core machine).
const TIME_LIMIT: Duration = Duration::from_secs(60);
/// Peak resident memory one command may use over the hostile vault (a 20 MB note of 200,000 wins).
const MEMORY_LIMIT_KIB: i64 = 512 * 1024;
/// Wins in the big note.
const BIG_NOTE_WINS: usize = 200_000;

/// The hostile vault, generated once per test run; the ordinary wins planted in it.
pub struct HostileVault {
    /// Keeps the folder alive for the whole test run.
    _dir: tempfile::TempDir,
    /// The vault folder.
    pub path: PathBuf,
    /// `(date, text)` of every ordinary win, as `list --format json` must report it.
    pub ordinary: Vec<(String, String)>,
}

/// The shared hostile vault (read-only: tests that write copy it first).
pub fn hostile_vault() -> &'static HostileVault {
    static VAULT: OnceLock<HostileVault> = OnceLock::new();
    VAULT.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("hostile vault ü");
        let ordinary = build_hostile_vault(&path);
        HostileVault {
            _dir: dir,
            path,
            ordinary,
        }
    })
}

fn write(vault: &Path, source: &str, bytes: impl AsRef<[u8]>) {
    let path = vault.join(source);
    fs::create_dir_all(path.parent().expect("parent")).expect("create folder");
    fs::write(path, bytes).expect("write note");
}

/// Writes the hostile vault into `vault` and returns the ordinary wins planted next to the
/// hostile notes. Daily notes live in `Daily/` (set by `.obsidian/daily-notes.json`).
pub fn build_hostile_vault(vault: &Path) -> Vec<(String, String)> {
    fs::create_dir_all(vault.join(".obsidian")).expect("create vault");
    write(
        vault,
        ".obsidian/daily-notes.json",
        r#"{"folder": "Daily", "format": "YYYY-MM-DD"}"#,
    );
    let mut ordinary = Vec::new();
    let mut plant = |source: &str, date: &str, prefix: &str| {
        let text = format!("Ordinary win in {date}");
        write(vault, source, format!("{prefix}# Wins\n\n- {text} #win\n"));
        ordinary.push((date.to_owned(), text));
    };
    for day in 1..=20 {
        let date = format!("2026-11-{day:02}");
        plant(&format!("Daily/{date}.md"), &date, "");
    }
    plant(
        "Notes/a note with spaces ü 日本語 🎉.md",
        "2026-10-01",
        "---\ndate: 2026-10-01\n---\n",
    );
    plant("Daily/sub folder ä/2026-10-02.md", "2026-10-02", "");
    plant("Daily/2026-10-03.md", "2026-10-03", "\u{feff}");

    // Structure: nesting that recursive parsers overflow their stack on.
    let deep_list: String = (0..1_000)
        .map(|depth| format!("{}- level {depth} #win\n", "  ".repeat(depth)))
        .collect();
    write(vault, "Daily/2026-09-01.md", deep_list);
    write(
        vault,
        "Daily/2026-09-02.md",
        format!("{} deep quote #win\n", ">".repeat(100_000)),
    );
    write(
        vault,
        "Daily/2026-09-03.md",
        format!("{}deep mix #win\n", "> - ".repeat(20_000)),
    );
    write(
        vault,
        "Daily/2026-09-04.md",
        format!("{}x{} #win\n", "[".repeat(50_000), "]".repeat(50_000)),
    );
    write(
        vault,
        "Daily/2026-09-05.md",
        format!("- {} #win\n", "*_".repeat(200_000)),
    );

    // Size: a 2 MB single line (the 20 MB note is `write_big_note`).
    write(
        vault,
        "Daily/2026-09-07.md",
        format!("- {} #win", "long ".repeat(2 * 1024 * 1024 / 5)),
    );

    // Bytes: NUL, invalid UTF-8, empty, BOM only, CR only.
    write(vault, "Daily/2026-09-08.md", b"- nul\0byte #win\n\0\0\0\n");
    write(
        vault,
        "Daily/2026-09-09.md",
        b"- caf\xe9 #win\n- \xff\xfe\xfd broken #win\n\xc3\x28\n",
    );
    write(vault, "Daily/2026-09-10.md", b"");
    write(vault, "Daily/2026-09-11.md", b"\xef\xbb\xbf");
    write(vault, "Daily/2026-09-12.md", b"- a #win\r- b #win\r\r\n");

    // Front matter: an alias bomb, unclosed, a YAML error, a huge one.
    let mut bomb = String::from(
        "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let mut prev = 'a';
    for name in 'b'..='j' {
        bomb.push_str(&format!(
            "{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        ));
        prev = name;
    }
    bomb.push_str("date: 2026-09-13\n---\n- bomb survivor #win\n");
    write(vault, "Notes/alias bomb.md", bomb);
    write(
        vault,
        "Daily/2026-09-14.md",
        "---\ndate: 2026-09-14\n- unclosed front matter #win\n",
    );
    write(
        vault,
        "Daily/2026-09-15.md",
        "---\ndate: [unclosed\n  : : bad\n---\n- after bad yaml #win\n",
    );
    write(
        vault,
        "Notes/huge front matter.md",
        format!(
            "---\n{}---\n- huge fm #win\n",
            "key: value\n".repeat(200_000)
        ),
    );

    // Unclosed constructs swallow the rest of the note.
    write(
        vault,
        "Daily/2026-09-16.md",
        "%% never closed\n- hidden #win\n",
    );
    write(
        vault,
        "Daily/2026-09-17.md",
        "<!-- never closed\n- hidden #win\n",
    );
    write(
        vault,
        "Daily/2026-09-18.md",
        "- [[never closed #win\n- [[a|b #win\n",
    );
    write(vault, "Daily/2026-09-19.md", "```\n- hidden #win\n");
    write(vault, "Daily/2026-09-20.md", "~~~~~~\n- hidden #win\n```\n");

    // Dates: far past, far future, impossible, almost dates.
    write(vault, "Daily/0001-01-01.md", "- far past #win\n");
    write(vault, "Daily/9999-12-31.md", "- far future #win\n");
    for name in [
        "2026-02-30",
        "2026-13-01",
        "0000-00-00",
        "2026-11-1",
        "99999-01-01",
    ] {
        write(vault, &format!("Daily/{name}.md"), "- impossible #win\n");
    }
    write(
        vault,
        "Notes/bad front date.md",
        "---\ndate: 2026-02-30\n---\n- bad date #win\n",
    );
    write(
        vault,
        "Notes/far front date.md",
        "---\ndate: 262143-12-31\n---\n- far date #win\n",
    );

    // File system: links that loop or lead nowhere, odd names, a folder named like a note.
    let daily = vault.join("Daily");
    std::os::unix::fs::symlink("loop.md", daily.join("loop.md")).expect("symlink");
    std::os::unix::fs::symlink("nowhere.md", daily.join("2026-09-21.md")).expect("symlink");
    std::os::unix::fs::symlink("..", daily.join("up")).expect("symlink");
    std::os::unix::fs::symlink(".", daily.join("self.md")).expect("symlink");
    fs::create_dir_all(daily.join("2026-09-22.md")).expect("folder named like a note");
    let raw_name = std::ffi::OsStr::from_bytes(b"2026-09-23 \xff\xfe.md");
    fs::write(daily.join(raw_name), "- raw name #win\n").expect("raw name");
    write(vault, "Daily/ .md", "- blank name #win\n");
    write(vault, "Daily/.hidden.md", "- hidden file #win\n");
    write(
        vault,
        "Daily/2026-09-24.MD",
        "- upper case extension #win\n",
    );

    // Reviews the week command must refuse to rewrite: doubled markers, bad bytes, a link out.
    let doubled = format!("{BEGIN_MARKER}\nx\n{END_MARKER}\n");
    write(
        vault,
        "Reviews/2026-W37.md",
        format!("mine\n{doubled}{doubled}"),
    );
    write(
        vault,
        "Reviews/2026-W38.md",
        format!("\u{fffd}\n{BEGIN_MARKER}\n")
            .into_bytes()
            .into_iter()
            .chain(*b"\xff\n")
            .collect::<Vec<u8>>(),
    );
    std::os::unix::fs::symlink("../../escaped review.md", vault.join("Reviews/2026-W39.md"))
        .expect("symlink");
    ordinary.sort();
    ordinary
}

/// Writes the 20 MB note of `BIG_NOTE_WINS` wins as `Daily/2026-09-06.md`. Kept apart from the
/// hostile vault because a debug build needs seconds per command to parse it.
pub fn write_big_note(vault: &Path) {
    let mut big = String::with_capacity(21 << 20);
    big.push_str("# Wins\n");
    for n in 0..BIG_NOTE_WINS {
        big.push_str(&format!(
            "- 09:{:02} big win {n:06} with some padding to make it long enough; a good day overall, truly #win #bulk\n",
            n % 60
        ));
    }
    assert!(
        big.len() > 20_000_000,
        "the big note is {} bytes",
        big.len()
    );
    write(vault, "Daily/2026-09-06.md", big);
}

/// What one run of the binary did.
pub struct Outcome {
    /// The exit code (None when killed by a signal).
    pub code: Option<i32>,
    /// Standard output.
    pub stdout: Vec<u8>,
    /// Standard error, lossily decoded.
    pub stderr: String,
    /// Wall time.
    pub elapsed: Duration,
    /// Peak resident memory in KiB, from `wait4`.
    pub max_rss_kib: i64,
}

/// Where GNU time lives; through it the peak memory is the command's own. Without it, `wait4`'s
/// figure is an upper bound: Linux carries the test process's peak over into the child at exec.
const GNU_TIME: &str = "/usr/bin/time";

/// Runs the binary with `args` in `cwd`, killing its process group after `TIME_LIMIT`, and
/// measures its peak memory. Output goes to files so a chatty child never blocks on a pipe.
#[allow(
    clippy::zombie_processes,
    reason = "reaped by wait4 to read its rusage"
)]
pub fn run_bounded(vault: &Path, cwd: &Path, args: &[&str]) -> Outcome {
    let logs = tempfile::tempdir().expect("temp dir");
    let stdout_path = logs.path().join("stdout");
    let stderr_path = logs.path().join("stderr");
    let rss_path = logs.path().join("rss");
    let binary = assert_cmd::cargo::cargo_bin("smallwins");
    let gnu_time = Path::new(GNU_TIME).is_file();
    let mut command = if gnu_time {
        let mut command = Process::new(GNU_TIME);
        command
            .arg("-f")
            .arg("%M")
            .arg("-o")
            .arg(&rss_path)
            .arg(&binary);
        command
    } else {
        Process::new(&binary)
    };
    let mut child = command
        .env_remove("SMALLWINS_VAULT")
        .env_remove("SMALLWINS_TODAY")
        .env("NO_COLOR", "1")
        .current_dir(cwd)
        .process_group(0)
        .arg("--vault")
        .arg(vault)
        .arg("--today")
        .arg(TODAY)
        .args(args)
        .stdin(Stdio::null())
        .stdout(fs::File::create(&stdout_path).expect("stdout file"))
        .stderr(fs::File::create(&stderr_path).expect("stderr file"))
        .spawn()
        .expect("spawn smallwins");
    let pid = i32::try_from(child.id()).expect("pid");
    let start = Instant::now();
    let mut status = 0;
    // SAFETY: rusage is plain old data that wait4 fills in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: valid pointers to locals; the child is ours and not reaped elsewhere.
        let reaped = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        assert!(reaped >= 0, "wait4 failed for {args:?}");
        if reaped == pid {
            break;
        }
        if start.elapsed() > TIME_LIMIT {
            // SAFETY: signalling our own child's process group, then reaping the child.
            unsafe {
                libc::kill(-pid, libc::SIGKILL);
                libc::wait4(pid, &mut status, 0, &mut usage);
            }
            let _ = child.kill();
            panic!(
                "`smallwins {}` took longer than {TIME_LIMIT:?}",
                args.join(" ")
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let elapsed = start.elapsed();
    let mut stderr = String::from_utf8_lossy(&fs::read(&stderr_path).expect("stderr")).into_owned();
    let mut code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    let max_rss_kib = if gnu_time {
        // GNU time reports a signal-killed command as "Command terminated by signal N".
        if let Some(at) = stderr.find("Command terminated by signal") {
            code = None;
            stderr.truncate(at);
        } else if let Some(at) = stderr.find("Command exited with non-zero status") {
            stderr.truncate(at);
        }
        let rss = fs::read_to_string(&rss_path).expect("GNU time output");
        rss.lines()
            .filter_map(|line| line.trim().parse().ok())
            .next_back()
            .expect("peak RSS")
    } else {
        usage.ru_maxrss
    };
    Outcome {
        code,
        stdout: fs::read(&stdout_path).expect("stdout"),
        stderr,
        elapsed,
        max_rss_kib,
    }
}

/// Runs a command over the hostile vault and asserts the common contract: exit 0 or 1, no
/// panic, within the time and memory bounds.
fn survives(vault: &Path, args: &[&str]) -> Outcome {
    let outcome = run_bounded(vault, vault, args);
    let command = format!("smallwins {}", args.join(" "));
    assert!(
        matches!(outcome.code, Some(0 | 1)),
        "`{command}` exited with {:?}:\n{}",
        outcome.code,
        outcome.stderr
    );
    assert!(
        !outcome.stderr.contains("panicked"),
        "`{command}` panicked:\n{}",
        outcome.stderr
    );
    assert!(
        outcome.max_rss_kib < MEMORY_LIMIT_KIB,
        "`{command}` peaked at {} KiB",
        outcome.max_rss_kib
    );
    eprintln!(
        "hostile: `{command}`: exit {:?}, {:.2?}, peak RSS {} MiB",
        outcome.code,
        outcome.elapsed,
        outcome.max_rss_kib / 1024
    );
    outcome
}

/// Every reading command (they must not write a byte into the vault).
fn reading_commands() -> Vec<Vec<&'static str>> {
    vec![
        vec!["list"],
        vec!["list", "--format", "json"],
        vec!["list", "--format", "csv"],
        vec!["list", "--format", "markdown"],
        vec!["list", "--since", "0001-01-01", "--until", "9999-12-31"],
        vec!["stats"],
        vec!["stats", "--format", "json"],
        vec!["today"],
        vec!["today", "--days", "366"],
        vec!["share"],
        vec!["share", "--date", "2026-09-06", "--format", "markdown"],
        vec!["week", "--all", "--dry-run"],
        vec!["week", "--all", "--stdout"],
        vec!["week", "0001-01-01", "--stdout"],
        vec!["week", "2026-W37", "--dry-run"],
        vec!["heatmap", "--out", "-"],
        vec!["heatmap", "--year", "1", "--out", "-"],
        vec!["heatmap", "--year", "9999", "--out", "-"],
        vec!["check"],
        vec!["completions", "bash"],
        vec!["man"],
    ]
}

/// Every file and symlink under `root` with its bytes (symlinks as their target).
pub fn snapshot(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(root)
        .follow_links(false)
        .into_iter()
        .map(|entry| entry.expect("walk"))
        .filter(|entry| !entry.file_type().is_dir())
        .map(|entry| {
            let bytes = if entry.path_is_symlink() {
                fs::read_link(entry.path())
                    .expect("link")
                    .as_os_str()
                    .as_bytes()
                    .to_vec()
            } else {
                fs::read(entry.path()).expect("read")
            };
            (entry.path().to_path_buf(), bytes)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn every_command_survives_the_hostile_vault() {
    let hostile = hostile_vault();
    let vault = &hostile.path;
    let before = snapshot(vault);
    let mut warnings = String::new();
    for args in reading_commands() {
        let outcome = survives(vault, &args);
        // `week` and `check` report damaged reviews and bad notes as findings (exit 1).
        if !matches!(args.first(), Some(&"week") | Some(&"check")) {
            assert_eq!(outcome.code, Some(0), "`{args:?}`: {}", outcome.stderr);
        }
        if args == ["list"] {
            warnings = outcome.stderr;
        }
    }
    assert!(
        snapshot(vault) == before,
        "a reading command changed the vault"
    );

    let check = survives(vault, &["check"]);
    assert_eq!(check.code, Some(1), "impossible dates are errors");
    let lints = String::from_utf8_lossy(&check.stdout);
    for expected in [
        "Daily/2026-02-30.md:1:1: error: `2026-02-30` is not a real date",
        "Daily/2026-09-14.md:1:1: error: front matter",
    ] {
        assert!(lints.contains(expected), "no `{expected}` in:\n{lints}");
    }

    let list = survives(vault, &["list", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_slice(&list.stdout).expect("JSON");
    let found = crate::support::dates_and_texts(&list);
    for win in &hostile.ordinary {
        assert!(found.contains(win), "ordinary win {win:?} was lost");
    }

    // Reading commands show a few warnings and point to `check`, which names each problem
    // with its file (and line where there is one).
    assert_eq!(
        warnings
            .lines()
            .filter(|line| line.starts_with("warning: "))
            .count(),
        smallwins::term::WARNING_CAP,
        "{warnings}"
    );
    assert!(
        warnings.contains("more warnings: `smallwins check` lists them all"),
        "{warnings}"
    );
    for (file, about) in [
        ("Daily/2026-02-30.md", "not a real date"),
        ("Daily/2026-13-01.md", "not a real date"),
        ("Daily/2026-11-1.md", "daily format"),
        ("Daily/2026-09-09.md:1", "not valid UTF-8"),
        ("Daily/2026-09-14.md:1", "front matter is not closed"),
        ("Daily/2026-09-15.md:3", "front matter is not valid YAML"),
        ("Daily/2026-09-21.md", "broken symbolic link"),
        ("Daily/loop.md", "broken symbolic link"),
        (
            "Notes/bad front date.md:2",
            "front matter date `2026-02-30` is not a valid date",
        ),
    ] {
        let line = lints
            .lines()
            .find(|line| line.starts_with(&format!("{file}:")))
            .unwrap_or_else(|| panic!("no finding about {file}:\n{lints}"));
        assert!(line.contains(about), "{line}");
    }
}

#[test]
fn every_win_of_a_20_mb_note_is_found_and_added_to() {
    let dir = tempfile::tempdir().expect("temp dir");
    let vault = dir.path();
    write(vault, "Daily/2026-09-05.md", "- the day before #win\n");
    write_big_note(vault);
    let count = |outcome: Outcome| {
        let list: serde_json::Value = serde_json::from_slice(&outcome.stdout).expect("JSON");
        crate::support::dates_and_texts(&list)
            .into_iter()
            .filter(|(date, _)| date == "2026-09-06")
            .collect::<Vec<_>>()
    };
    let found = count(survives(vault, &["list", "--format", "json"]));
    assert_eq!(found.len(), BIG_NOTE_WINS);
    let added = survives(
        vault,
        &["add", "--quiet", "--date", "2026-09-06", "one more"],
    );
    assert_eq!(added.code, Some(0), "{}", added.stderr);
    let found = count(survives(
        vault,
        &["list", "--format", "json", "--since", "2026-09-06"],
    ));
    assert_eq!(found.len(), BIG_NOTE_WINS + 1);
    assert!(found.contains(&("2026-09-06".to_owned(), "one more".to_owned())));
}

#[test]
fn writing_commands_survive_a_copy_of_the_hostile_vault() {
    let dir = tempfile::tempdir().expect("temp dir");
    let vault = dir.path().join("copy");
    build_hostile_vault(&vault);
    let init = survives(&vault, &["init"]);
    assert_eq!(init.code, Some(0), "{}", init.stderr);
    assert!(vault.join(".smallwins.toml").is_file());
    let templates = survives(&vault, &["templates", "export"]);
    assert_eq!(templates.code, Some(0), "{}", templates.stderr);
    let damaged = fs::read(vault.join("Reviews/2026-W37.md")).expect("review");
    let week = survives(&vault, &["week", "--all"]);
    assert_eq!(
        week.code,
        Some(1),
        "damaged reviews are findings: {}",
        week.stderr
    );
    for review in ["2026-W37", "2026-W38", "2026-W39"] {
        assert!(
            week.stderr.contains(&format!("Reviews/{review}.md")),
            "no word about {review}: {}",
            week.stderr
        );
    }
    assert_eq!(
        fs::read(vault.join("Reviews/2026-W37.md")).expect("review"),
        damaged
    );
    assert!(
        !dir.path().join("escaped review.md").exists(),
        "a review escaped the vault"
    );
    assert!(
        vault.join("Reviews/2026-W36.md").is_file(),
        "{}",
        week.stderr
    );
    let heatmap = survives(
        &vault,
        &["heatmap", "--year", "9999", "--out", "heat map.svg"],
    );
    assert_eq!(heatmap.code, Some(0), "{}", heatmap.stderr);
    assert!(vault.join("heat map.svg").is_file());
    for (args, date) in [
        (vec!["add", "hostile but fine"], TODAY),
        (
            vec!["add", "--date", "2026-09-08", "next to NUL bytes"],
            "2026-09-08",
        ),
        (
            vec!["add", "--date", "2026-09-09", "next to bad bytes"],
            "2026-09-09",
        ),
        (
            vec!["add", "--date", "2026-09-11", "into a BOM"],
            "2026-09-11",
        ),
        (
            vec!["add", "--date", "2026-09-14", "after unclosed front matter"],
            "2026-09-14",
        ),
        (
            vec!["add", "--date", "2026-09-16", "after unclosed comment"],
            "2026-09-16",
        ),
        (
            vec!["add", "--date", "2026-09-17", "after unclosed html"],
            "2026-09-17",
        ),
        (
            vec!["add", "--date", "2026-09-19", "after unclosed fence"],
            "2026-09-19",
        ),
        (
            vec!["add", "--date", "2026-09-21", "through a broken link"],
            "2026-09-21",
        ),
        (
            vec!["add", "--date", "2026-09-22", "onto a folder"],
            "2026-09-22",
        ),
        (
            vec!["add", "--date", "0001-01-01", "far past"],
            "0001-01-01",
        ),
        (
            vec!["add", "--date", "9999-12-31", "far future"],
            "9999-12-31",
        ),
    ] {
        let outcome = run_bounded(&vault, &vault, &args);
        let text = args.last().copied().expect("text");
        assert!(!outcome.stderr.contains("panicked"), "{}", outcome.stderr);
        if outcome.code != Some(0) {
            // Refusing is right where the win could not be read back; it must say where and why.
            assert_eq!(outcome.code, Some(2), "{}", outcome.stderr);
            assert!(
                outcome.stderr.starts_with("error: ")
                    && outcome.stderr.contains(&format!("Daily/{date}.md")),
                "`{args:?}`: {}",
                outcome.stderr
            );
            eprintln!("hostile: `{args:?}` refused: {}", outcome.stderr.trim());
            continue;
        }
        let list = survives(
            &vault,
            &["list", "--format", "json", "--since", date, "--until", date],
        );
        let list: serde_json::Value = serde_json::from_slice(&list.stdout).expect("JSON");
        assert!(
            crate::support::dates_and_texts(&list).contains(&(date.to_owned(), text.to_owned())),
            "`{args:?}` reported success but the win is not listed"
        );
    }
}

/// Runs the binary in `cwd` with writes capped at `max_file_bytes` per file (RLIMIT_FSIZE): the
/// one write failure that root cannot bypass, so it stands in for a full or read-only disk.
fn run_with_file_size_limit(vault: &Path, args: &[&str], max_file_bytes: u64) -> Outcome {
    let mut command = Process::new(assert_cmd::cargo::cargo_bin("smallwins"));
    command
        .env_remove("SMALLWINS_VAULT")
        .env_remove("SMALLWINS_TODAY")
        .env("NO_COLOR", "1")
        .arg("--vault")
        .arg(vault)
        .arg("--today")
        .arg(TODAY);
    command.args(args);
    // SAFETY: only async-signal-safe calls (setrlimit, signal) between fork and exec.
    unsafe {
        command.pre_exec(move || {
            let limit = libc::rlimit {
                rlim_cur: max_file_bytes,
                rlim_max: max_file_bytes,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            // Without this the kernel kills the writer; ignored, the write fails with EFBIG.
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            Ok(())
        });
    }
    let start = Instant::now();
    let output = command.output().expect("run smallwins");
    Outcome {
        code: output.status.code(),
        stdout: output.stdout,
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        elapsed: start.elapsed(),
        max_rss_kib: 0,
    }
}

#[test]
fn a_failed_write_leaves_the_original_note_intact() {
    let dir = tempfile::tempdir().expect("temp dir");
    let vault = dir.path();
    let note: String = (0..200)
        .map(|n| format!("- an older win number {n} #win\n"))
        .collect();
    write(vault, &format!("{TODAY}.md"), &note);
    let review = format!("mine\n{BEGIN_MARKER}\nold\n{END_MARKER}\nkeep me\n");
    write(vault, "Reviews/2026-W48.md", &review);
    // The empty lock file `add` leaves in `.smallwins/`, and the `.gitignore` beside it, are
    // no notes.
    let notes = |vault: &Path| {
        snapshot(vault)
            .into_iter()
            .filter(|(path, _)| {
                !path.ends_with(smallwins::capture::LOCK_FILE)
                    && !path.ends_with(".smallwins/.gitignore")
            })
            .collect::<Vec<_>>()
    };
    let before = notes(vault);
    for args in [
        vec!["add", "one win too many"],
        vec!["week", "this"],
        vec!["templates", "export"],
    ] {
        let outcome = run_with_file_size_limit(vault, &args, 64);
        assert_eq!(
            outcome.code,
            Some(2),
            "`{args:?}` must fail: {}",
            outcome.stderr
        );
        assert!(
            outcome.stderr.contains("error: ")
                && outcome.stderr.to_lowercase().contains("file too large")
                && outcome.stderr.contains("raise it")
                && !outcome.stderr.contains(".smallwins-"),
            "`{args:?}`: {}",
            outcome.stderr
        );
        assert!(notes(vault) == before, "`{args:?}` changed the vault");
    }
    let ok = run_with_file_size_limit(vault, &["add", "fits now"], 1 << 20);
    assert_eq!(ok.code, Some(0), "{}", ok.stderr);
    let after = fs::read_to_string(vault.join(format!("{TODAY}.md"))).expect("note");
    assert!(after.starts_with(&note) && after.contains("fits now #win"));
}

#[test]
fn no_command_writes_outside_the_vault() {
    let root = tempfile::tempdir().expect("temp dir");
    let vault = root.path().join("vault");
    let outside = root.path().join("elsewhere");
    fs::create_dir_all(&outside).expect("outside");
    write(&outside, "keep.md", "- not in the vault #win\n");
    write(&vault, ".obsidian/app.json", "{}");
    write(&vault, "2026-11-20.md", "- a win #win\n");
    let outside_before = snapshot(root.path())
        .into_iter()
        .filter(|(path, _)| !path.starts_with(&vault))
        .collect::<Vec<_>>();
    for args in [
        vec!["init"],
        vec!["add", "from elsewhere"],
        vec!["add", "--date", "2026-11-02", "another day"],
        vec!["templates", "export"],
        vec!["week", "--all"],
        vec!["week", "this"],
        vec!["heatmap"],
        vec!["list"],
        vec!["stats"],
        vec!["today"],
        vec!["share"],
    ] {
        let outcome = run_bounded(&vault, &outside, &args);
        assert_eq!(outcome.code, Some(0), "`{args:?}`: {}", outcome.stderr);
        let now: Vec<_> = snapshot(root.path())
            .into_iter()
            .filter(|(path, _)| !path.starts_with(&vault))
            .collect();
        assert!(
            now == outside_before,
            "`{args:?}` wrote outside the vault: {now:?}"
        );
    }
    assert!(vault.join("Reviews/2026-W48.md").is_file());
}

#[test]
fn error_messages_name_the_file_and_say_what_to_do() {
    let dir = tempfile::tempdir().expect("temp dir");
    let vault = dir.path();
    write(vault, "Daily/2026-11-26.md", b"- caf\xe9 #win\n");
    // New notes go beside the most recent daily notes: the folder is in their way.
    fs::create_dir_all(vault.join("Daily/2026-11-25.md")).expect("folder");
    let cases: Vec<(Vec<&str>, Option<&str>, &[&str])> = vec![
        (
            vec!["list", "--since", "2026-02-30"],
            None,
            &["2026-02-30", "use YYYY-MM-DD"],
        ),
        (
            vec!["list", "--week", "someday"],
            None,
            &["someday", "2026-W48"],
        ),
        (
            vec!["add", "--time", "25:00", "late"],
            None,
            &["25:00", "HH:MM"],
        ),
        (vec!["add", "%% hidden"], None, &["%%", "hide the rest"]),
        (
            vec!["add", "--tag", "#", "x"],
            None,
            &["not a valid tag", "letters"],
        ),
        (
            vec!["heatmap", "--year", "300000"],
            None,
            &["300000", "use a year"],
        ),
        (
            vec!["add", "--date", "2026-11-25", "onto a folder"],
            None,
            &["2026-11-25.md", "a folder is in the way"],
        ),
        (
            vec!["list"],
            Some("[goal]\ndialy = 3\n"),
            &[".smallwins.toml", "dialy"],
        ),
        (
            vec!["list"],
            Some("[goal]\nrest_days = [\"someday\"]\n"),
            &[".smallwins.toml", "someday", "use mon"],
        ),
        (
            vec!["list"],
            Some("[notes]\nformat = \"YYYY-QQ\"\n"),
            &[".smallwins.toml", "notes.format", "use moment.js tokens"],
        ),
    ];
    for (args, config, expected) in cases {
        match config {
            Some(text) => write(vault, ".smallwins.toml", text),
            None => {
                let _ = fs::remove_file(vault.join(".smallwins.toml"));
            }
        }
        let outcome = run_bounded(vault, vault, &args);
        assert_eq!(outcome.code, Some(2), "`{args:?}`: {}", outcome.stderr);
        let message = outcome
            .stderr
            .find("error: ")
            .and_then(|at| outcome.stderr.get(at..))
            .unwrap_or_else(|| panic!("`{args:?}` printed no error: {}", outcome.stderr));
        for part in expected {
            assert!(
                message.contains(part),
                "`{args:?}`: {message:?} lacks {part:?}"
            );
        }
    }
    // Reading problems are warnings with file and line.
    fs::remove_file(vault.join(".smallwins.toml")).expect("config");
    let list = run_bounded(vault, vault, &["list"]);
    assert!(
        list.stderr
            .contains("warning: Daily/2026-11-26.md:1: not valid UTF-8; read with replacement characters (save the note as UTF-8)"),
        "{}",
        list.stderr
    );
}
