//! `check`: lint lines with paths relative to the current folder, skipped paths, exit codes,
//! and `--staged` reading the git index rather than the working tree.

use std::fs;
use std::path::Path;

use crate::hook::GitRepo;
use crate::support::{copy_fixture, render, run, smallwins};

#[test]
fn check_whole_vault_reports_every_lint() {
    let vault = copy_fixture("check-lints");
    let output = run(
        smallwins(vault.path())
            .current_dir(vault.path())
            .arg("check"),
        vault.path(),
    );
    insta::assert_snapshot!(output);
}

#[test]
fn check_files_relative_to_the_current_folder() {
    let vault = copy_fixture("check-lints");
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("elsewhere.md"), "- #win\n").unwrap();
    let output = smallwins(vault.path())
        .current_dir(vault.path().join("Daily"))
        .arg("check")
        .arg("2026-11-20.md")
        .arg("../Reviews")
        .arg("../Notes/Meeting.md")
        .arg("../.smallwins.toml")
        .arg("../Templates/Daily.md")
        .arg(outside.path().join("elsewhere.md"))
        .output()
        .unwrap();
    let text = render(&output, vault.path());
    insta::assert_snapshot!(text.replace(&outside.path().display().to_string(), "[OUTSIDE]"));
}

#[test]
fn warnings_alone_exit_zero() {
    let vault = copy_fixture("check-lints");
    let output = smallwins(vault.path())
        .args(["check", "Daily/2026-12-01.md", "Daily/scratch.md"])
        .current_dir(vault.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).lines().count(),
        2,
        "{output:?}"
    );
}

#[test]
fn staged_check_reads_the_index_not_the_working_tree() {
    let repo = GitRepo::new("check-repo");
    let damaged = "# 2026-W47\n<!-- smallwins:begin -->\nwins:: 2\n";
    repo.write("notes/Reviews/2026-W47.md", damaged);
    repo.write("notes/Daily/2026-11-25.md", "- Tidied the desk #win\n");
    repo.write("notes/Daily/2026-02-30.md", "- Not a day #win\n");
    repo.write("README.md", "<!-- smallwins:begin -->\n");
    repo.git(&["add", "."]);
    // Repaired in the working tree but not staged: the commit would still carry the damage.
    repo.write(
        "notes/Reviews/2026-W47.md",
        &format!("{damaged}<!-- smallwins:end -->\n"),
    );
    // Broken but not staged: not part of the commit.
    repo.write("notes/Daily/2026-02-31.md", "- Not a day either #win\n");
    let output = smallwins(Path::new("notes"))
        .current_dir(repo.root())
        .args(["check", "--staged"])
        .output()
        .unwrap();
    let text = render(&output, repo.root());
    insta::assert_snapshot!(text);
}

#[test]
fn staged_check_outside_git_is_an_error() {
    let vault = copy_fixture("check-repo");
    let output = smallwins(vault.path())
        .args(["check", "--staged"])
        .env("GIT_CEILING_DIRECTORIES", vault.path().parent().unwrap())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr.lines().collect::<Vec<_>>(),
        [format!(
            "error: check --staged needs a git repository: {} is not inside one (check notes by \
             name with `smallwins check FILES…`, or the whole vault with `smallwins check`)",
            vault.path().display()
        )],
        "{stderr}"
    );
}

#[test]
fn the_reviews_smallwins_writes_pass_check_without_a_word() {
    let vault = crate::support::example_copy();
    for period in ["week", "month", "quarter", "year"] {
        let written = smallwins(vault.path())
            .args([period, "-q"])
            .output()
            .unwrap();
        assert!(written.status.success(), "{period}: {written:?}");
    }
    let output = smallwins(vault.path())
        .current_dir(vault.path())
        .args(["check", "Reviews"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(String::from_utf8_lossy(&output.stdout), "", "{output:?}");
}
