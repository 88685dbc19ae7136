//! Files: another program's edits survive, no debris is left on any exit path, nothing outside
//! the vault is read or written, and configuration and templates cannot make work unbounded.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::Path;
use std::process::Stdio;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crate::support::{smallwins, TODAY};

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
    let lines: std::collections::HashSet<&str> = text.lines().collect();
    let lost = (0..written)
        .filter(|n| !lines.contains(format!("- other line {n}").as_str()))
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

/// A `smallwins` process for `vault` (`--vault`, a fixed today, no colour), as a plain
/// `std::process::Command` so that tests can set its user, limits and signals.
fn process(vault: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("smallwins"));
    cmd.env("NO_COLOR", "1")
        .env_remove("SMALLWINS_VAULT")
        .env_remove("SMALLWINS_TODAY")
        .arg("--vault")
        .arg(vault)
        .args(["--today", TODAY]);
    cmd
}

/// Exit code and stderr of a finished process.
fn outcome(output: &std::process::Output) -> (Option<i32>, String) {
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Every file under `dir`, vault-relative, sorted; folders end with `/`.
fn tree(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|entry| {
            let entry = entry.unwrap();
            let name = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            if entry.file_type().is_dir() {
                format!("{name}/")
            } else {
                name
            }
        })
        .collect();
    files.sort();
    files
}

/// Temporary files of smallwins anywhere under `dir`.
fn debris(dir: &Path) -> Vec<String> {
    tree(dir)
        .into_iter()
        .filter(|path| {
            let name = path.rsplit('/').next().unwrap_or(path);
            name.starts_with(".smallwins-") && name.ends_with(".tmp")
        })
        .collect()
}

#[cfg(unix)]
#[test]
fn a_file_size_limit_is_an_ordinary_error_that_leaves_no_temporary_file() {
    use std::os::unix::process::CommandExt;
    let dir = daily_vault("");
    let note = dir.path().join("Daily/2026-11-26.md");
    let text = format!("## Wins\n- first #win\n\n## Log\n{}\n", "x".repeat(4000));
    fs::write(&note, &text).unwrap();
    // Warm the lock and its .gitignore, so the limit meets the note itself.
    fs::create_dir_all(dir.path().join(".smallwins")).unwrap();
    fs::write(dir.path().join(".smallwins/.gitignore"), "add.lock\n").unwrap();
    let mut cmd = process(dir.path());
    cmd.args(["add", "Second", "--quiet"]);
    // SAFETY: setrlimit is async-signal-safe and touches only the child about to exec.
    unsafe {
        cmd.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: 1024,
                rlim_max: 1024,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let (code, stderr) = outcome(&cmd.output().unwrap());
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("Daily") && stderr.contains("file size limit"),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(&note).unwrap(), text);
    assert_eq!(debris(dir.path()), Vec::<String>::new());
}

#[test]
fn stale_temporary_files_are_swept_and_fresh_ones_kept() {
    let dir = daily_vault("");
    let old = std::time::SystemTime::now() - Duration::from_secs(3 * 60 * 60);
    for (name, modified) in [
        (".smallwins-old.tmp", old),
        (".smallwins-fresh.tmp", std::time::SystemTime::now()),
    ] {
        let file = fs::File::create(dir.path().join("Daily").join(name)).unwrap();
        file.set_modified(modified).unwrap();
    }
    let output = process(dir.path())
        .args(["add", "Swept", "--quiet"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{:?}", outcome(&output));
    assert_eq!(debris(dir.path()), ["Daily/.smallwins-fresh.tmp"]);
}

/// Two years of daily notes with a win each weekday: about a hundred weeks to review.
fn vault_of_many_weeks() -> tempfile::TempDir {
    let dir = daily_vault("");
    let mut day = chrono::NaiveDate::from_ymd_opt(2024, 11, 25).unwrap();
    let today = chrono::NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
    while day <= today {
        if chrono::Datelike::weekday(&day).num_days_from_monday() < 5 {
            fs::write(
                dir.path().join(format!("Daily/{day}.md")),
                format!("## Wins\n- Did a thing on {day}\n"),
            )
            .unwrap();
        }
        day = day.succ_opt().unwrap();
    }
    dir
}

/// Every review as a complete run wrote it: (path, text).
fn reviews_as_written(reviews: &Path) -> Vec<(std::path::PathBuf, String)> {
    fs::read_dir(reviews)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let text = fs::read_to_string(&path).unwrap();
            (path, text)
        })
        .collect()
}

/// Writes every review with a stale managed block; returns (path, stale, fresh) texts.
fn stale_reviews(
    fresh: &[(std::path::PathBuf, String)],
) -> Vec<(std::path::PathBuf, String, String)> {
    let begin = "<!-- smallwins:begin -->\n";
    fresh
        .iter()
        .map(|(path, fresh)| {
            let start = fresh.find(begin).unwrap() + begin.len();
            let end = fresh.find("<!-- smallwins:end -->").unwrap();
            let stale = format!("{}stale\n{}", &fresh[..start], &fresh[end..]);
            fs::write(path, &stale).unwrap();
            (path.clone(), stale, fresh.clone())
        })
        .collect()
}

#[cfg(unix)]
#[test]
#[ignore = "slow (many runs of week --all); .ci/run runs it by name"]
fn signals_at_random_moments_leave_whole_reviews_and_no_debris() {
    let dir = vault_of_many_weeks();
    let full = process(dir.path())
        .args(["week", "--all"])
        .output()
        .unwrap();
    assert!(full.status.success(), "{:?}", outcome(&full));
    let reviews = dir.path().join("Reviews");
    let fresh = reviews_as_written(&reviews);
    assert!(fresh.len() > 90, "{} reviews", fresh.len());
    let started = std::time::Instant::now();
    process(dir.path())
        .args(["week", "--all"])
        .output()
        .unwrap();
    let run_time = started.elapsed().max(Duration::from_millis(50));
    // A fixed seed: the moments are spread over a whole run, and the same on every run.
    let mut seed: u64 = 0x5eed_1234_abcd_9876;
    let (mut interrupted, mut mid_write) = (0, 0);
    for round in 0..24 {
        let versions = stale_reviews(&fresh);
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        // Most moments fall in the second half, where the reviews are written.
        let delay = run_time.mul_f64(0.3 + 0.8 * (seed >> 11) as f64 / (1u64 << 53) as f64);
        let signal = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP][round % 3];
        let mut child = process(dir.path())
            .args(["week", "--all"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        // SAFETY: kill(2) on our own child's pid; no memory involved.
        unsafe { libc::kill(child.id() as i32, signal) };
        let status = child.wait().unwrap();
        if status.code().is_none() {
            interrupted += 1;
        }
        assert_eq!(debris(dir.path()), Vec::<String>::new(), "round {round}");
        let mut written = 0;
        for (path, stale, fresh) in &versions {
            let now = fs::read_to_string(path).unwrap();
            assert!(
                now == *stale || now == *fresh,
                "round {round}: {} is neither old nor new",
                path.display()
            );
            written += usize::from(now == *fresh);
        }
        if (1..versions.len()).contains(&written) {
            mid_write += 1;
        }
    }
    eprintln!("{interrupted} of 24 runs ended by their signal, {mid_write} while writing reviews");
    assert!(mid_write > 0, "no signal came while reviews were written");
}

#[cfg(unix)]
mod read_only {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;

    use super::*;

    /// `nobody`, to run as a person who does not own the world, where the tests run as root.
    const NOBODY: u32 = 65534;

    fn make_read_only(path: &Path) {
        fs::set_permissions(path, fs::Permissions::from_mode(0o444)).unwrap();
    }

    /// Hands `dir` and everything in it to `nobody` when the tests run as root.
    fn give_to_nobody(dir: &Path) -> bool {
        if !is_root() {
            return false;
        }
        fs::set_permissions(dir, fs::Permissions::from_mode(0o755)).unwrap();
        for path in std::iter::once(dir.to_path_buf()).chain(tree(dir).iter().map(|p| dir.join(p)))
        {
            std::os::unix::fs::lchown(&path, Some(NOBODY), Some(NOBODY)).unwrap();
        }
        true
    }

    fn is_root() -> bool {
        // SAFETY: geteuid has no preconditions.
        unsafe { libc::geteuid() == 0 }
    }

    fn as_nobody(cmd: &mut std::process::Command, switch: bool) -> &mut std::process::Command {
        if switch {
            cmd.uid(NOBODY).gid(NOBODY);
        }
        cmd
    }

    #[test]
    fn a_read_only_note_is_not_replaced_for_any_user() {
        let dir = daily_vault("");
        let note = dir.path().join("Daily/2026-11-26.md");
        fs::write(&note, "## Wins\n- mine #win\n").unwrap();
        let writable = dir.path().join("Daily/2026-11-25.md");
        fs::write(&writable, "## Wins\n").unwrap();
        make_read_only(&note);
        let switched = give_to_nobody(dir.path());
        // As the owner of the files (nobody, where the tests run as root), then as root.
        for switch in [switched, false] {
            let output = as_nobody(&mut process(dir.path()), switch)
                .args(["add", "Nope", "--quiet"])
                .output()
                .unwrap();
            let (code, stderr) = outcome(&output);
            assert_eq!(code, Some(2), "{stderr}");
            assert!(
                stderr.contains("2026-11-26.md") && stderr.contains("read-only"),
                "{stderr}"
            );
            assert_eq!(fs::read_to_string(&note).unwrap(), "## Wins\n- mine #win\n");
        }
        // The same person can write a note that is writable.
        let output = as_nobody(&mut process(dir.path()), switched)
            .args(["add", "Yes", "--date", "2026-11-25", "--quiet"])
            .output()
            .unwrap();
        assert!(output.status.success(), "{:?}", outcome(&output));
        assert!(fs::read_to_string(&writable).unwrap().contains("Yes #win"));
        assert_eq!(debris(dir.path()), Vec::<String>::new());
    }

    #[test]
    fn a_read_only_review_is_skipped_with_a_warning_and_the_others_written() {
        let dir = daily_vault("");
        for day in ["2026-11-16", "2026-11-23"] {
            fs::write(
                dir.path().join(format!("Daily/{day}.md")),
                "## Wins\n- a win\n",
            )
            .unwrap();
        }
        let first = process(dir.path())
            .args(["week", "--all"])
            .output()
            .unwrap();
        assert!(first.status.success());
        let frozen = dir.path().join("Reviews/2026-W47.md");
        let before = fs::read_to_string(&frozen).unwrap();
        fs::write(
            dir.path().join("Daily/2026-11-17.md"),
            "## Wins\n- another\n",
        )
        .unwrap();
        fs::write(
            dir.path().join("Daily/2026-11-24.md"),
            "## Wins\n- another\n",
        )
        .unwrap();
        make_read_only(&frozen);
        let switched = give_to_nobody(dir.path());
        for switch in [switched, false] {
            let output = as_nobody(&mut process(dir.path()), switch)
                .args(["week", "--all"])
                .output()
                .unwrap();
            let (code, stderr) = outcome(&output);
            assert_eq!(code, Some(1), "{stderr}");
            assert!(
                stderr.contains("warning: Reviews/2026-W47.md") && stderr.contains("read-only"),
                "{stderr}"
            );
            assert_eq!(fs::read_to_string(&frozen).unwrap(), before);
            let other = fs::read_to_string(dir.path().join("Reviews/2026-W48.md")).unwrap();
            assert!(other.contains("wins:: 2"), "{other}");
        }
    }
}

#[cfg(unix)]
mod outside_the_vault {
    use std::os::unix::fs::symlink;

    use super::*;

    /// A vault in `outer/vault` next to `outer/secret/` (a secret note and a template there).
    fn vault_beside_a_secret(toml: &str) -> (tempfile::TempDir, std::path::PathBuf) {
        let outer = tempfile::tempdir().unwrap();
        let vault = outer.path().join("vault");
        fs::create_dir_all(vault.join("Daily")).unwrap();
        fs::create_dir_all(outer.path().join("secret")).unwrap();
        fs::write(outer.path().join("secret/t.md"), "SECRET\n").unwrap();
        fs::write(
            outer.path().join("secret/week.md.j2"),
            "SECRET <!-- smallwins:begin -->\n<!-- smallwins:end -->\n",
        )
        .unwrap();
        fs::write(
            vault.join(".smallwins.toml"),
            format!("[notes]\nfolder = \"Daily\"\n{toml}"),
        )
        .unwrap();
        fs::write(vault.join("Daily/2026-11-23.md"), "## Wins\n- a win\n").unwrap();
        (outer, vault)
    }

    /// Runs `args` in `vault`; asserts exit 2, a message with `words`, and that nothing outside
    /// the vault changed and no secret got in.
    fn refused(outer: &Path, vault: &Path, args: &[&str], words: &[&str]) {
        let before = tree(outer);
        let output = process(vault).args(args).output().unwrap();
        let (code, stderr) = outcome(&output);
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        for word in words {
            assert!(stderr.contains(word), "{args:?}: {stderr}");
        }
        let after: Vec<String> = tree(outer)
            .into_iter()
            .filter(|path| !path.starts_with("vault/"))
            .collect();
        let before: Vec<String> = before
            .into_iter()
            .filter(|path| !path.starts_with("vault/"))
            .collect();
        assert_eq!(after, before, "{args:?}: nothing changes outside the vault");
        for path in tree(vault) {
            let full = vault.join(&path);
            if fs::symlink_metadata(&full).unwrap().is_file() {
                let text = fs::read_to_string(&full).unwrap_or_default();
                assert!(
                    !text.contains("SECRET"),
                    "{args:?}: {path} holds the secret"
                );
            }
        }
        assert_eq!(debris(outer), Vec::<String>::new());
    }

    #[test]
    fn a_smallwins_folder_that_leads_out_is_not_written_through() {
        let (outer, vault) = vault_beside_a_secret("");
        symlink(outer.path().join("secret"), vault.join(".smallwins")).unwrap();
        refused(
            outer.path(),
            &vault,
            &["add", "x"],
            &[".smallwins", "outside the vault"],
        );
        refused(
            outer.path(),
            &vault,
            &["templates", "export"],
            &["outside the vault"],
        );
        refused(
            outer.path(),
            &vault,
            &["week", "2026-W48"],
            &["outside the vault"],
        );
    }

    #[test]
    fn a_lock_that_leads_out_is_not_created_through() {
        let (outer, vault) = vault_beside_a_secret("");
        fs::create_dir_all(vault.join(".smallwins")).unwrap();
        symlink(
            outer.path().join("secret/lock"),
            vault.join(".smallwins/add.lock"),
        )
        .unwrap();
        refused(
            outer.path(),
            &vault,
            &["add", "x"],
            &["add.lock", "symlink"],
        );
    }

    #[test]
    fn templates_that_lead_out_are_not_read() {
        let (outer, vault) = vault_beside_a_secret("template = \"Templates/Daily.md\"\n");
        fs::create_dir_all(vault.join("Templates")).unwrap();
        symlink(
            outer.path().join("secret/t.md"),
            vault.join("Templates/Daily.md"),
        )
        .unwrap();
        refused(
            outer.path(),
            &vault,
            &["add", "x"],
            &["Templates/Daily.md", "outside the vault"],
        );
        fs::create_dir_all(vault.join(".smallwins")).unwrap();
        symlink(
            outer.path().join("secret"),
            vault.join(".smallwins/templates"),
        )
        .unwrap();
        refused(
            outer.path(),
            &vault,
            &["week", "2026-W48"],
            &["week.md.j2", "outside the vault"],
        );
        fs::remove_file(vault.join(".smallwins/templates")).unwrap();
        fs::create_dir_all(vault.join(".smallwins/templates")).unwrap();
        symlink(
            outer.path().join("secret/week.md.j2"),
            vault.join(".smallwins/templates/week.md.j2"),
        )
        .unwrap();
        refused(
            outer.path(),
            &vault,
            &["week", "2026-W48", "--stdout"],
            &["week.md.j2", "outside the vault"],
        );
    }

    #[test]
    fn folders_that_lead_out_are_not_written_into() {
        let (outer, vault) = vault_beside_a_secret("[review]\nfolder = \"Reviews\"\n");
        symlink(outer.path().join("secret"), vault.join("Reviews")).unwrap();
        refused(
            outer.path(),
            &vault,
            &["week", "2026-W48"],
            &["Reviews", "outside the vault"],
        );
        refused(
            outer.path(),
            &vault,
            &["heatmap"],
            &["Reviews", "outside the vault"],
        );
        fs::rename(vault.join("Daily"), vault.join("Daily-real")).unwrap();
        symlink(outer.path().join("secret"), vault.join("Daily")).unwrap();
        refused(
            outer.path(),
            &vault,
            &["add", "x", "--date", "2026-11-20"],
            &["outside the vault"],
        );
        symlink(
            outer.path().join("secret/t.md"),
            vault.join(".smallwins.toml.new"),
        )
        .unwrap();
        fs::rename(
            vault.join(".smallwins.toml.new"),
            vault.join(".smallwins.toml"),
        )
        .unwrap();
        refused(
            outer.path(),
            &vault,
            &["init", "--force"],
            &[".smallwins.toml"],
        );
    }

    #[test]
    fn paths_out_of_the_vault_in_any_setting_are_refused_naming_it() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                ".smallwins.toml",
                "[notes]\nfolder = \"../secret\"\n",
                &["notes.folder", ".."],
            ),
            (
                ".smallwins.toml",
                "[notes]\ntemplate = \"../secret/t.md\"\n",
                &["notes.template"],
            ),
            (
                ".smallwins.toml",
                "[notes]\nfolder = \"/etc\"\n",
                &["notes.folder", "absolute"],
            ),
            (
                ".smallwins.toml",
                "[review]\nfolder = \"../../x\"\n",
                &["review.folder"],
            ),
            (
                ".smallwins.toml",
                "exclude = [\"C:\\\\Users\"]\n",
                &["exclude", "absolute"],
            ),
            (
                ".obsidian/daily-notes.json",
                r#"{"folder":"Daily","template":"../secret/t"}"#,
                &["daily-notes.json", "template"],
            ),
            (
                ".obsidian/plugins/periodic-notes/data.json",
                r#"{"daily":{"enabled":true,"folder":"../secret"}}"#,
                &["data.json", "daily.folder"],
            ),
            (
                "logseq/config.edn",
                "{:journals-directory \"../secret\"}",
                &["config.edn", ":journals-directory"],
            ),
        ];
        for (file, text, words) in cases {
            let outer = tempfile::tempdir().unwrap();
            let vault = outer.path().join("vault");
            fs::create_dir_all(vault.join(file).parent().unwrap()).unwrap();
            fs::write(vault.join(file), text).unwrap();
            let output = process(&vault).args(["add", "x"]).output().unwrap();
            let (code, stderr) = outcome(&output);
            assert_eq!(code, Some(2), "{file}: {stderr}");
            for word in *words {
                assert!(stderr.contains(word), "{file} {text}: {stderr}");
            }
            assert_eq!(tree(outer.path()), tree_without_marker(&vault, file));
        }
    }

    /// What the outer folder holds when nothing but the settings file was written.
    fn tree_without_marker(vault: &Path, file: &str) -> Vec<String> {
        let mut expected = vec!["vault/".to_owned()];
        let mut prefix = String::from("vault/");
        let parts: Vec<&str> = file.split('/').collect();
        for (index, part) in parts.iter().enumerate() {
            prefix.push_str(part);
            if index + 1 < parts.len() {
                prefix.push('/');
                expected.push(prefix.clone());
            } else {
                expected.push(prefix.clone());
            }
        }
        let _ = vault;
        expected.sort();
        expected
    }

    #[test]
    fn obsidian_vault_paths_may_start_at_the_root() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join(".obsidian")).unwrap();
        fs::write(
            dir.path().join(".obsidian/daily-notes.json"),
            r#"{"folder":"/Journal/","template":"/Templates/Day"}"#,
        )
        .unwrap();
        fs::create_dir_all(dir.path().join("Templates")).unwrap();
        fs::write(dir.path().join("Templates/Day.md"), "# Day\n").unwrap();
        let output = process(dir.path())
            .args(["add", "Rooted"])
            .output()
            .unwrap();
        assert!(output.status.success(), "{:?}", outcome(&output));
        let note = fs::read_to_string(dir.path().join("Journal/2026-11-26.md")).unwrap();
        assert!(
            note.starts_with("# Day\n") && note.contains("Rooted #win"),
            "{note}"
        );
    }
}

#[test]
fn configuration_numbers_are_bounded_naming_key_and_file() {
    for (toml, key) in [
        ("[goal]\ndaily = 4294967295\n", "goal.daily"),
        ("[goal]\ndaily = 0\n", "goal.daily"),
        ("[goal]\nmin_wins = 0\n", "goal.min_wins"),
        ("[goal]\nweekly = 100000\n", "goal.weekly"),
    ] {
        let dir = daily_vault(toml);
        let output = process(dir.path()).args(["stats"]).output().unwrap();
        let (code, stderr) = outcome(&output);
        assert_eq!(code, Some(2), "{toml}: {stderr}");
        assert!(
            stderr.contains(".smallwins.toml") && stderr.contains(key) && stderr.contains("1 to"),
            "{toml}: {stderr}"
        );
    }
    let dir = daily_vault("[goal]\ndaily = 1000\nweekly = 7000\n");
    assert!(process(dir.path())
        .args(["stats"])
        .output()
        .unwrap()
        .status
        .success());
}

#[test]
fn a_runaway_review_template_stops_naming_it() {
    let dir = daily_vault("");
    fs::write(dir.path().join("Daily/2026-11-23.md"), "## Wins\n- a win\n").unwrap();
    fs::create_dir_all(dir.path().join(".smallwins/templates")).unwrap();
    fs::write(
        dir.path().join(".smallwins/templates/week.md.j2"),
        "{% for i in range(100000) %}{% for j in range(100000) %}{{ j }}{% endfor %}{% endfor %}",
    )
    .unwrap();
    let output = process(dir.path()).args(["week"]).output().unwrap();
    let (code, stderr) = outcome(&output);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("week.md.j2"), "{stderr}");
    assert!(!dir.path().join("Reviews").exists());
}

#[test]
fn csv_cells_a_spreadsheet_would_run_are_escaped() {
    let dir = daily_vault("");
    fs::write(
        dir.path().join("Daily/2026-11-23.md"),
        "## Wins\n- =HYPERLINK(\"http://evil.example\",\"click\")\n- @SUM(A1)\n- Plain\n",
    )
    .unwrap();
    let output = smallwins(dir.path())
        .args(["list", "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(output.stdout).unwrap();
    assert!(csv.contains("\"'=HYPERLINK("), "{csv}");
    assert!(csv.contains(",'@SUM(A1),"), "{csv}");
    assert!(csv.contains(",Plain,"), "{csv}");
}

#[test]
fn far_dates_are_usage_errors_and_write_nothing() {
    let dir = daily_vault("");
    for date in ["+10000-01-01", "-0001-12-31"] {
        let output = process(dir.path())
            .args(["add", "Far", &format!("--date={date}")])
            .output()
            .unwrap();
        let (code, stderr) = outcome(&output);
        assert_eq!(code, Some(2), "{stderr}");
        assert!(
            stderr.contains(date) && stderr.contains("out of range"),
            "{stderr}"
        );
    }
    let output = process(dir.path())
        .args(["heatmap", "--year", "10000"])
        .output()
        .unwrap();
    assert_eq!(outcome(&output).0, Some(2));
    assert_eq!(tree(&dir.path().join("Daily")), Vec::<String>::new());
}

#[test]
fn check_of_a_missing_file_is_an_error() {
    let dir = daily_vault("");
    let output = process(dir.path())
        .current_dir(dir.path())
        .args(["check", "missing.md"])
        .output()
        .unwrap();
    let (code, stderr) = outcome(&output);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("missing.md"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn heatmap_out_creates_no_folders_and_keeps_a_symlink() {
    let dir = daily_vault("");
    let out = tempfile::tempdir().unwrap();
    let missing = out.path().join("no/such/dir/x.svg");
    let output = process(dir.path())
        .arg("heatmap")
        .arg("--out")
        .arg(&missing)
        .output()
        .unwrap();
    let (code, stderr) = outcome(&output);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("no such folder"), "{stderr}");
    assert!(!out.path().join("no").exists());
    let real = out.path().join("real.svg");
    fs::write(&real, "old").unwrap();
    let link = out.path().join("link.svg");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let output = process(dir.path())
        .arg("heatmap")
        .arg("--out")
        .arg(&link)
        .output()
        .unwrap();
    assert!(output.status.success(), "{:?}", outcome(&output));
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(fs::read_to_string(&real).unwrap().starts_with("<svg"));
}

mod discovery {
    use super::*;

    /// A command run in `cwd` with no `--vault`, as a person typing it there.
    fn here(cwd: &Path) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("smallwins"));
        cmd.env("NO_COLOR", "1")
            .env_remove("SMALLWINS_VAULT")
            .env_remove("SMALLWINS_TODAY")
            .current_dir(cwd)
            .args(["--today", TODAY]);
        cmd
    }

    /// A folder without a marker that holds two vaults (with daily notes and wins).
    fn folder_of_vaults() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (vault, marker) in [("a", ".obsidian/app.json"), ("b", ".smallwins.toml")] {
            let root = dir.path().join("vaults").join(vault);
            fs::create_dir_all(root.join(marker).parent().unwrap()).unwrap();
            fs::write(
                root.join(marker),
                if marker.ends_with("json") { "{}" } else { "" },
            )
            .unwrap();
            fs::write(root.join("2026-11-26.md"), "## Wins\n- theirs\n").unwrap();
        }
        dir
    }

    #[test]
    fn writing_commands_refuse_a_folder_that_is_not_a_vault() {
        let dir = folder_of_vaults();
        let before = tree(dir.path());
        for args in [
            &["add", "Lost"][..],
            &["week"],
            &["heatmap"],
            &["templates", "export"],
        ] {
            let output = here(dir.path()).args(args).output().unwrap();
            let (code, stderr) = outcome(&output);
            assert_eq!(code, Some(2), "{args:?}: {stderr}");
            assert!(
                stderr.contains("is not a vault") && stderr.contains("smallwins init"),
                "{args:?}: {stderr}"
            );
        }
        assert_eq!(tree(dir.path()), before, "nothing written anywhere");
    }

    #[test]
    fn reading_commands_say_where_they_read_and_skip_other_vaults() {
        let dir = folder_of_vaults();
        fs::write(dir.path().join("2026-11-25.md"), "- mine #win\n").unwrap();
        let output = here(dir.path())
            .args(["list", "--format", "json"])
            .output()
            .unwrap();
        let (code, stderr) = outcome(&output);
        assert_eq!(code, Some(0), "{stderr}");
        let notes: Vec<&str> = stderr.lines().collect();
        assert!(notes[0].starts_with("note: no vault marker"), "{stderr}");
        assert!(
            notes[0].contains(&dir.path().display().to_string()),
            "{stderr}"
        );
        assert!(
            stderr.contains("vaults/a: another vault (it has .obsidian/)"),
            "{stderr}"
        );
        assert!(
            stderr.contains("vaults/b: another vault (it has .smallwins.toml)"),
            "{stderr}"
        );
        let wins: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(
            crate::support::dates_and_texts(&wins),
            [("2026-11-25".to_owned(), "mine".to_owned())]
        );
    }

    #[test]
    fn a_folder_holding_daily_notes_itself_may_be_written() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("2026-11-25.md"), "## Wins\n- yesterday\n").unwrap();
        let output = here(dir.path()).args(["add", "Today"]).output().unwrap();
        let (code, stderr) = outcome(&output);
        assert_eq!(code, Some(0), "{stderr}");
        assert!(stderr.starts_with("note: no vault marker"), "{stderr}");
        assert!(String::from_utf8_lossy(&output.stdout).starts_with("created 2026-11-26.md\n"));
    }

    #[test]
    fn arguments_are_checked_before_the_vault_is_read() {
        let dir = daily_vault("");
        for day in 1..=20 {
            fs::write(
                dir.path().join(format!("Daily/2026-02-3{day}.md")),
                "- #win\n",
            )
            .unwrap();
        }
        for args in [
            &["week", "2026-13-01"][..],
            &["list", "--since", "someday"],
            &["add", "x", "--date", "2026-02-30"],
        ] {
            let output = process(dir.path()).args(args).output().unwrap();
            let (code, stderr) = outcome(&output);
            assert_eq!(code, Some(2), "{args:?}: {stderr}");
            assert!(!stderr.contains("warning"), "{args:?}: {stderr}");
            assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        }
    }

    #[test]
    fn a_vault_that_is_a_file_is_named_as_such() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("notes.md");
        fs::write(&file, "").unwrap();
        let output = process(&file).arg("stats").output().unwrap();
        let (code, stderr) = outcome(&output);
        assert_eq!(code, Some(2), "{stderr}");
        assert!(stderr.contains("is not a folder"), "{stderr}");
    }

    #[test]
    #[ignore = "slow (creates 50,000 files); .ci/run runs it by name"]
    fn a_huge_folder_without_a_marker_is_not_crawled() {
        let dir = tempfile::tempdir().unwrap();
        for folder in 0..60 {
            let path = dir.path().join(format!("f{folder}"));
            fs::create_dir_all(&path).unwrap();
            for file in 0..1000 {
                fs::write(path.join(format!("{file}.txt")), "").unwrap();
            }
        }
        let output = here(dir.path()).arg("stats").output().unwrap();
        let (code, stderr) = outcome(&output);
        assert_eq!(code, Some(0), "{stderr}");
        assert!(
            stderr.contains("stopped after 50000 files and folders"),
            "{stderr}"
        );
    }
}
