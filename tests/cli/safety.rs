//! Files: another program's edits survive, no debris is left on any exit path, nothing outside
//! the vault is read or written, and configuration and templates cannot make work unbounded.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::Path;
use std::process::Stdio;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// A vault with a `Daily/` folder and the given `.smallwins.toml` extra lines.
fn daily_vault(toml: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("Daily")).unwrap();
    fs::write(
        dir.path().join(".smallwins.toml"),
        format!("{toml}[notes]\nfolder = \"Daily\"\n"),
    )
    .unwrap();
    dir
}

/// Appends `- other line N` to `path` about every millisecond until `stop`; returns how many
/// lines it wrote.
fn append_beside(path: &Path, stop: &AtomicBool) -> usize {
    let mut written = 0;
    while !stop.load(Ordering::Relaxed) {
        let mut file = OpenOptions::new().append(true).open(path).unwrap();
        file.write_all(format!("- other line {written}\n").as_bytes())
            .unwrap();
        drop(file);
        written += 1;
        std::thread::sleep(Duration::from_millis(1));
    }
    written
}

/// Runs `runs` commands (`args(i)`) while a thread appends to `path`; returns (lines written,
/// lines lost) and the final text.
fn race(
    vault: &Path,
    path: &Path,
    runs: usize,
    args: impl Fn(usize) -> Vec<String>,
) -> (usize, usize, String) {
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (stop, path) = (Arc::clone(&stop), path.to_path_buf());
        std::thread::spawn(move || append_beside(&path, &stop))
    };
    for i in 0..runs {
        let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("smallwins"))
            .env("NO_COLOR", "1")
            .env_remove("SMALLWINS_VAULT")
            .arg("--vault")
            .arg(vault)
            .args(args(i))
            .stdout(Stdio::null())
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "run {i}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    stop.store(true, Ordering::Relaxed);
    let written = writer.join().unwrap();
    let text = fs::read_to_string(path).unwrap();
    let lost = (0..written)
        .filter(|n| !text.contains(&format!("- other line {n}\n")))
        .count();
    eprintln!("{written} lines written beside {runs} runs, {lost} lost");
    (written, lost, text)
}

#[test]
#[ignore = "slow (200 runs of the binary); .ci/run runs it by name"]
fn adds_beside_a_busy_writer_lose_no_line() {
    let dir = daily_vault("");
    let note = dir.path().join("Daily/2026-11-26.md");
    fs::write(&note, "# Thursday\n\n## Wins\n\n## Log\n").unwrap();
    let (written, lost, text) = race(dir.path(), &note, 200, |i| {
        [
            "--today",
            "2026-11-26",
            "add",
            &format!("win {i}"),
            "--time",
            "09:00",
            "--quiet",
        ]
        .map(str::to_owned)
        .to_vec()
    });
    assert!(written > 0);
    assert_eq!(lost, 0, "lines of the other writer lost");
    for i in 0..200 {
        assert!(text.contains(&format!("- 09:00 win {i} #win\n")), "win {i}");
    }
}

#[test]
#[ignore = "slow (200 runs of the binary); .ci/run runs it by name"]
fn reviews_beside_a_busy_writer_lose_no_line() {
    // Not reading the growing review back keeps each run about the write.
    let dir = daily_vault("exclude = [\"Reviews\"]\n");
    fs::write(
        dir.path().join("Daily/2026-11-23.md"),
        "## Wins\n- Shipped it\n",
    )
    .unwrap();
    let review = dir.path().join("Reviews/2026-W48.md");
    let first = std::process::Command::new(assert_cmd::cargo::cargo_bin("smallwins"))
        .arg("--vault")
        .arg(dir.path())
        .args(["--today", "2026-11-26", "week"])
        .output()
        .unwrap();
    assert!(first.status.success());
    // Two days in turn, so every run changes the managed block and replaces the file.
    let (written, lost, text) = race(dir.path(), &review, 200, |i| {
        let today = if i % 2 == 0 {
            "2026-11-27"
        } else {
            "2026-11-26"
        };
        ["--today", today, "week", "2026-W48"]
            .map(str::to_owned)
            .to_vec()
    });
    assert!(written > 0);
    assert_eq!(lost, 0, "lines of the other writer lost");
    assert_eq!(text.matches("<!-- smallwins:begin -->").count(), 1);
}
