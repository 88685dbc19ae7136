//! `hook`: the pre-commit hook in a real git repository whose vault is a subfolder, and the
//! pre-commit framework's view of this repository.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::support::{copy_tree, fixtures, smallwins, TODAY};

/// A temporary git repository holding a fixture vault in `notes/`, everything committed.
pub struct GitRepo {
    dir: tempfile::TempDir,
}

impl GitRepo {
    /// A repository with `fixture` copied to `notes/` and a README beside it.
    pub fn new(fixture: &str) -> GitRepo {
        let repo = GitRepo {
            dir: tempfile::tempdir().unwrap(),
        };
        copy_tree(&fixtures().join(fixture), &repo.vault());
        fs::write(repo.root().join("README.md"), "# Journal\n").unwrap();
        repo.git(&["init", "-q", "-b", "main"]);
        repo.git(&["add", "."]);
        repo.git(&["commit", "-q", "-m", "start"]);
        repo
    }

    /// The repository's top folder.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// The vault, a subfolder of the repository.
    pub fn vault(&self) -> PathBuf {
        self.root().join("notes")
    }

    /// A git command in the repository root, isolated from the machine's git configuration,
    /// with the fixed date the hook reads from `SMALLWINS_TODAY`.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new("git");
        cmd.current_dir(self.root())
            .args(args)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_AUTHOR_NAME", "Test")
            .env("GIT_AUTHOR_EMAIL", "test@example.com")
            .env("GIT_COMMITTER_NAME", "Test")
            .env("GIT_COMMITTER_EMAIL", "test@example.com")
            .env("SMALLWINS_TODAY", TODAY)
            .env("NO_COLOR", "1")
            .env_remove("SMALLWINS_VAULT");
        cmd
    }

    /// Runs git and returns its output, whatever the exit status.
    pub fn try_git(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    /// Runs git and returns its stdout, asserting success.
    pub fn git(&self, args: &[&str]) -> String {
        let output = self.try_git(args);
        assert!(
            output.status.success(),
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Commits what is staged, asserting that the hook let it through and left nothing behind.
    pub fn commit_cleanly(&self, message: &str) {
        let committed = self.try_git(&["commit", "-q", "-m", message]);
        assert!(
            committed.status.success(),
            "{}",
            stdout_and_stderr(&committed)
        );
        assert_eq!(self.git(&["status", "--porcelain"]), "");
    }

    /// Writes a file, relative to the repository root.
    pub fn write(&self, path: &str, text: &str) {
        let full = self.root().join(path);
        fs::create_dir_all(full.parent().unwrap()).unwrap();
        fs::write(full, text).unwrap();
    }

    /// The hooks folder.
    fn hooks(&self) -> PathBuf {
        self.root().join(".git/hooks")
    }
}

fn install(repo: &GitRepo, args: &[&str]) -> Output {
    smallwins(&repo.vault())
        .args(["hook", "install"])
        .args(args)
        .output()
        .unwrap()
}

fn stdout_and_stderr(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

const EMPTY_WIN: &str = "# Wednesday\n\n- #win\n- Answered the letters #win\n";
const GOOD_NOTE: &str = "# Wednesday\n\n- Answered the letters #win\n";

#[test]
fn check_mode_refuses_a_commit_with_an_empty_win() {
    let repo = GitRepo::new("check-repo");
    assert!(install(&repo, &["--mode", "check"]).status.success());
    repo.write("notes/Daily/2026-11-25.md", EMPTY_WIN);
    repo.git(&["add", "."]);
    let refused = repo.try_git(&["commit", "-q", "-m", "empty"]);
    let said = stdout_and_stderr(&refused);
    assert!(!refused.status.success(), "{said}");
    assert!(
        said.contains("notes/Daily/2026-11-25.md:3:1: error: empty win"),
        "{said}"
    );
    assert_eq!(repo.git(&["rev-list", "--count", "HEAD"]).trim(), "1");

    repo.write("notes/Daily/2026-11-25.md", GOOD_NOTE);
    repo.git(&["add", "."]);
    repo.commit_cleanly("good");
}

#[test]
fn update_mode_commits_the_regenerated_review() {
    let repo = GitRepo::new("check-repo");
    let installed = install(&repo, &[]);
    assert!(installed.status.success(), "{installed:?}");
    repo.write("notes/Daily/2026-11-25.md", GOOD_NOTE);
    repo.git(&["add", "notes/Daily/2026-11-25.md"]);
    repo.commit_cleanly("wednesday");
    let files = repo.git(&["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(
        files,
        "notes/Daily/2026-11-25.md\nnotes/Reviews/2026-W48.md\n"
    );
    let review = repo.git(&["show", "HEAD:notes/Reviews/2026-W48.md"]);
    assert!(review.contains("Answered the letters"), "{review}");
}

#[test]
fn update_mode_stages_a_current_but_unstaged_review() {
    let repo = GitRepo::new("check-repo");
    assert!(install(&repo, &[]).status.success());
    repo.write("notes/Daily/2026-11-25.md", GOOD_NOTE);
    let week = crate::support::smallwins(&repo.vault())
        .arg("week")
        .output()
        .unwrap();
    assert!(week.status.success(), "{week:?}");
    repo.git(&["add", "notes/Daily/2026-11-25.md"]);
    repo.commit_cleanly("wednesday");
    let files = repo.git(&["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(
        files,
        "notes/Daily/2026-11-25.md\nnotes/Reviews/2026-W48.md\n"
    );
}

#[test]
fn update_mode_stages_the_review_and_none_of_the_other_work() {
    let repo = GitRepo::new("check-repo");
    assert!(install(&repo, &[]).status.success());
    // Work the person has not staged: an edited note, a new note, a file beside the vault.
    let edited = "# Monday\n\n## Wins\n- Wrote the plan #win\n\nDraft thoughts, not ready.\n";
    repo.write("notes/Daily/2026-11-23.md", edited);
    repo.write("notes/Ideas/draft.md", "Not ready either.\n");
    repo.write("scratch.txt", "Beside the vault.\n");
    repo.write("notes/Daily/2026-11-25.md", GOOD_NOTE);
    repo.git(&["add", "notes/Daily/2026-11-25.md"]);
    let committed = repo.try_git(&["commit", "-q", "-m", "wednesday"]);
    assert!(
        committed.status.success(),
        "{}",
        stdout_and_stderr(&committed)
    );
    let files = repo.git(&["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(
        files,
        "notes/Daily/2026-11-25.md\nnotes/Reviews/2026-W48.md\n"
    );
    // Not committed, not lost: still there and still unstaged.
    assert_eq!(
        repo.git(&["status", "--porcelain", "--untracked-files=all"]),
        " M notes/Daily/2026-11-23.md\n?? notes/Ideas/draft.md\n?? scratch.txt\n"
    );
    assert_eq!(
        fs::read_to_string(repo.vault().join("Daily/2026-11-23.md")).unwrap(),
        edited
    );
}

#[test]
fn a_damaged_review_refuses_the_commit_and_stays_untouched() {
    let repo = GitRepo::new("check-repo");
    assert!(install(&repo, &[]).status.success());
    let damaged = "# mine\n<!-- smallwins:begin -->\nno end marker\n";
    repo.write("notes/Reviews/2026-W48.md", damaged);
    repo.write("notes/Daily/2026-11-25.md", GOOD_NOTE);
    repo.git(&["add", "notes/Daily/2026-11-25.md"]);
    let refused = repo.try_git(&["commit", "-q", "-m", "wednesday"]);
    let said = stdout_and_stderr(&refused);
    assert!(!refused.status.success(), "{said}");
    assert!(
        said.contains("review of 2026-W48 not written: Reviews/2026-W48.md:2:"),
        "{said}"
    );
    assert_eq!(
        fs::read_to_string(repo.vault().join("Reviews/2026-W48.md")).unwrap(),
        damaged
    );
}

#[test]
fn a_partial_commit_that_changes_a_review_stops_and_stages_nothing() {
    let repo = GitRepo::new("check-repo");
    assert!(install(&repo, &[]).status.success());
    repo.write("notes/Daily/2026-11-25.md", GOOD_NOTE);
    repo.git(&["add", "notes/Daily/2026-11-25.md"]);
    let refused = repo.try_git(&["commit", "-q", "-m", "only", "notes/Daily/2026-11-25.md"]);
    assert!(!refused.status.success());
    assert!(
        stdout_and_stderr(&refused).contains("stage them (git add) and commit again"),
        "{}",
        stdout_and_stderr(&refused)
    );
    assert!(repo.vault().join("Reviews/2026-W48.md").is_file());
    repo.git(&["add", "notes"]);
    repo.commit_cleanly("all");
}

#[test]
fn existing_hook_is_chained_and_restored() {
    let repo = GitRepo::new("check-repo");
    let theirs =
        "#!/bin/sh\necho their hook ran >> \"$(git rev-parse --show-toplevel)/hook.log\"\n";
    let hook = repo.hooks().join("pre-commit");
    fs::write(&hook, theirs).unwrap();
    make_executable(&hook);
    let installed = install(&repo, &["--mode", "check"]);
    assert!(installed.status.success(), "{installed:?}");
    assert!(stdout_and_stderr(&installed).contains("kept and runs first"));
    fs::write(repo.root().join(".gitignore"), "hook.log\n").unwrap();

    repo.write("notes/Daily/2026-11-25.md", GOOD_NOTE);
    repo.git(&["add", "."]);
    repo.git(&["commit", "-q", "-m", "good"]);
    assert_eq!(
        fs::read_to_string(repo.root().join("hook.log")).unwrap(),
        "their hook ran\n"
    );

    let again = install(&repo, &["--mode", "update"]);
    assert_eq!(again.status.code(), Some(2), "{again:?}");
    assert!(stdout_and_stderr(&again).contains("--force"));
    let forced = install(&repo, &["--mode", "update", "--force"]);
    assert!(forced.status.success(), "{forced:?}");
    assert_eq!(
        fs::read_to_string(repo.hooks().join("pre-commit.smallwins-chained")).unwrap(),
        theirs,
        "--force replaces only our own hook"
    );

    let removed = smallwins(&repo.vault())
        .args(["hook", "uninstall"])
        .output()
        .unwrap();
    assert!(removed.status.success(), "{removed:?}");
    assert_eq!(fs::read_to_string(&hook).unwrap(), theirs);
    assert!(!repo.hooks().join("pre-commit.smallwins-chained").exists());
    let refused = smallwins(&repo.vault())
        .args(["hook", "uninstall"])
        .output()
        .unwrap();
    assert_eq!(
        refused.status.code(),
        Some(2),
        "a foreign hook is left alone"
    );
    assert_eq!(fs::read_to_string(&hook).unwrap(), theirs);
}

#[test]
fn hook_respects_core_hooks_path() {
    let repo = GitRepo::new("check-repo");
    repo.git(&["config", "core.hooksPath", "githooks"]);
    let installed = install(&repo, &["--mode", "check"]);
    assert!(installed.status.success(), "{installed:?}");
    assert!(repo.root().join("githooks/pre-commit").is_file());
    assert!(!repo.hooks().join("pre-commit").exists());
    repo.write("notes/Daily/2026-02-30.md", GOOD_NOTE);
    repo.git(&["add", "notes"]);
    let refused = repo.try_git(&["commit", "-q", "-m", "x"]);
    let said = stdout_and_stderr(&refused);
    assert!(!refused.status.success(), "{said}");
    assert!(
        said.contains("notes/Daily/2026-02-30.md:1:1: error: `2026-02-30` is not a real date"),
        "{said}"
    );
}

#[test]
fn hook_explains_a_missing_binary() {
    let repo = GitRepo::new("check-repo");
    let copy = repo.root().join("smallwins-copy");
    // Copied by `cp`, not fs::copy: a write handle open in this process could leak into a child
    // another test forks at that moment and make running the copy fail with "text file busy".
    let copied = Command::new("cp")
        .arg(assert_cmd::cargo::cargo_bin("smallwins"))
        .arg(&copy)
        .status()
        .unwrap();
    assert!(copied.success());
    let installed = Command::new(&copy)
        .args(["--vault", "notes", "--today", TODAY, "hook", "install"])
        .current_dir(repo.root())
        .output()
        .unwrap();
    assert!(installed.status.success(), "{installed:?}");
    fs::remove_file(&copy).unwrap();
    repo.write("notes/Daily/2026-11-25.md", GOOD_NOTE);
    repo.git(&["add", "notes"]);
    let refused = repo.try_git(&["commit", "-q", "-m", "x"]);
    assert!(!refused.status.success());
    let said = stdout_and_stderr(&refused);
    assert!(
        said.contains(&format!(
            "smallwins not found at {}; reinstall it or run `smallwins hook uninstall`",
            copy.display()
        )),
        "{said}"
    );
}

#[test]
fn completions_and_man_page_need_no_vault() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(".smallwins.toml"), "not toml [").unwrap();
    let bash = smallwins(dir.path())
        .args(["completions", "bash"])
        .output()
        .unwrap();
    assert!(bash.status.success());
    assert!(
        String::from_utf8_lossy(&bash.stdout).contains("smallwins__subcmd__hook__subcmd__install")
    );
    let man = smallwins(dir.path()).arg("man").output().unwrap();
    assert!(man.status.success());
    assert!(String::from_utf8_lossy(&man.stdout).contains(".TH smallwins"));
}

/// Runs the pre-commit framework's `try-repo` against this repository: it builds the crate
/// with a release `cargo install` (minutes), so `cargo test` leaves it out and `.ci/run` runs it
/// by name. Without `pre-commit` it fails under CI (`CI` set) and is skipped, saying so, elsewhere.
#[test]
#[ignore = "minutes: a nested release build; .ci/run runs it by name"]
fn pre_commit_framework_runs_our_hooks() {
    let installed = Command::new("pre-commit")
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success());
    if !installed {
        assert!(
            std::env::var_os("CI").is_none(),
            "`pre-commit` is not installed, and CI must run this test (pip install pre-commit)"
        );
        eprintln!("SKIPPED: `pre-commit` is not installed (pip install pre-commit)");
        return;
    }
    let repo = GitRepo::new("check-repo");
    repo.write("notes/Daily/2026-11-25.md", EMPTY_WIN);
    repo.git(&["add", "."]);
    let this_repo = env!("CARGO_MANIFEST_DIR");
    let run = |hook: &str| {
        Command::new("pre-commit")
            .current_dir(repo.root())
            .args(["try-repo", this_repo, hook, "--verbose", "--files"])
            .arg("notes/Daily/2026-11-25.md")
            .arg("README.md")
            .env("SMALLWINS_TODAY", TODAY)
            .env("SMALLWINS_VAULT", "notes")
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    let check = run("smallwins-check");
    let said = stdout_and_stderr(&check);
    assert!(!check.status.success(), "{said}");
    assert!(
        said.contains("notes/Daily/2026-11-25.md:3:1: error: empty win"),
        "{said}"
    );
    repo.write("notes/Daily/2026-11-25.md", GOOD_NOTE);
    repo.git(&["add", "."]);
    let review = run("smallwins-review");
    let said = stdout_and_stderr(&review);
    assert!(
        repo.vault().join("Reviews/2026-W48.md").is_file(),
        "smallwins-review writes the review (needs `week`): {said}"
    );
    assert!(
        !review.status.success(),
        "pre-commit reports modified files: {said}"
    );
}

#[cfg(unix)]
fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o755)).unwrap();
}

#[cfg(not(unix))]
fn make_executable(_path: &Path) {}
