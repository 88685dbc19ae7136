//! Shared helpers: copy a fixture vault to a temporary folder, run the binary, snapshot the result.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

use assert_cmd::Command;

/// The fixed day every test computes for, so output never depends on the calendar.
pub const TODAY: &str = "2026-11-26";

/// The folder holding the fixture vaults.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The bundled example vault.
pub fn example_vault() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/vault")
}

/// Copies the example vault into a fresh temporary folder that the test may change.
pub fn example_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&example_vault(), dir.path());
    dir
}

/// Copies a fixture vault into a fresh temporary folder that the test may change.
pub fn copy_fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&fixtures().join(name), dir.path());
    dir
}

/// Copies a folder tree (files and folders only).
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk fixture");
        let target = to.join(entry.path().strip_prefix(from).expect("inside fixture"));
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("create dir");
        } else {
            fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// The per-note cache folder of every command the tests run (`$SMALLWINS_CACHE_DIR`), so that
/// no test reads or writes the cache of the person running them: the one `.cargo/config.toml`
/// gives every process `cargo test` starts, or cargo's scratch folder for integration tests
/// when the tests run without cargo. Caches of vaults tested over a day ago are removed.
pub fn cache_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::var_os("SMALLWINS_CACHE_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| Path::new(env!("CARGO_TARGET_TMPDIR")).join("smallwins-cache"));
        fs::create_dir_all(&dir).expect("cache folder");
        let day_ago = SystemTime::now() - Duration::from_secs(24 * 3600);
        for entry in fs::read_dir(&dir).expect("read cache folder").flatten() {
            let old = entry
                .metadata()
                .and_then(|metadata| metadata.modified())
                .is_ok_and(|modified| modified < day_ago);
            if old {
                let _ = fs::remove_file(entry.path());
            }
        }
        dir
    })
}

/// A `smallwins` command with a fixed `--today`, no colour and no inherited vault.
pub fn smallwins(vault: &Path) -> Command {
    smallwins_on(vault, TODAY)
}

/// Like [`smallwins`], for another day (`--today` may be given only once).
pub fn smallwins_on(vault: &Path, today: &str) -> Command {
    let mut cmd = smallwins_at(vault, None);
    cmd.arg("--today").arg(today);
    cmd
}

/// A `smallwins` command without `--today`: the clock is `$SMALLWINS_NOW` = `now` when given
/// (`2026-11-27T02:30`), else the real one. No colour, no inherited vault or seed.
pub fn smallwins_at(vault: &Path, now: Option<&str>) -> Command {
    let mut cmd = Command::cargo_bin("smallwins").expect("binary built");
    cmd.env_remove("SMALLWINS_VAULT")
        .env_remove("SMALLWINS_TODAY")
        .env_remove("SMALLWINS_NOW")
        .env_remove("SMALLWINS_SEED")
        .env_remove("SMALLWINS_NO_CACHE")
        .env("SMALLWINS_CACHE_DIR", cache_dir())
        .env("NO_COLOR", "1")
        .arg("--vault")
        .arg(vault);
    if let Some(now) = now {
        cmd.env("SMALLWINS_NOW", now);
    }
    cmd
}

/// Runs the command and renders exit code, stdout and stderr as one snapshot-friendly text,
/// with the temporary vault path replaced by `[VAULT]`.
pub fn run(cmd: &mut Command, vault: &Path) -> String {
    let output = cmd.output().expect("run smallwins");
    render(&output, vault)
}

/// Renders an output for snapshots.
pub fn render(output: &Output, vault: &Path) -> String {
    let redact = |bytes: &[u8]| {
        String::from_utf8_lossy(bytes).replace(&vault.display().to_string(), "[VAULT]")
    };
    format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        output
            .status
            .code()
            .map_or("signal".to_owned(), |c| c.to_string()),
        redact(&output.stdout),
        redact(&output.stderr)
    )
}

/// Runs `smallwins ARGS` in `cwd` (fixed today, no colour) with stdout and stderr going into
/// one file, as they reach a terminal: what is printed after what, across the two streams.
pub fn run_interleaved(vault: &Path, cwd: &Path, args: &[&str]) -> String {
    let log = tempfile::tempfile().expect("temp file");
    let status = std::process::Command::new(assert_cmd::cargo::cargo_bin("smallwins"))
        .env_remove("SMALLWINS_VAULT")
        .env_remove("SMALLWINS_TODAY")
        .env("NO_COLOR", "1")
        .current_dir(cwd)
        .arg("--vault")
        .arg(vault)
        .arg("--today")
        .arg(TODAY)
        .args(args)
        .stdout(log.try_clone().expect("clone"))
        .stderr(log.try_clone().expect("clone"))
        .status()
        .expect("run smallwins");
    let mut log = log;
    let mut text = String::new();
    std::io::Seek::rewind(&mut log).expect("rewind");
    std::io::Read::read_to_string(&mut log, &mut text).expect("read log");
    format!(
        "exit: {}\n{}",
        status.code().map_or("signal".to_owned(), |c| c.to_string()),
        text.replace(&vault.display().to_string(), "[VAULT]")
    )
}

/// Runs the command and parses its stdout as JSON, asserting success.
pub fn json(cmd: &mut Command) -> serde_json::Value {
    let output = cmd.output().expect("run smallwins");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

/// The `(date, text)` pairs of a `list --format json` result.
pub fn dates_and_texts(list: &serde_json::Value) -> Vec<(String, String)> {
    list.as_array()
        .expect("array")
        .iter()
        .map(|win| {
            (
                win["date"].as_str().expect("date").to_owned(),
                win["text"].as_str().expect("text").to_owned(),
            )
        })
        .collect()
}
