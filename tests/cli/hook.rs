//! `hook`: the git hooks in real repositories whose vault is a subfolder, through every way git
//! commits, asserting on what the commits, the index and the working tree hold, byte for byte;
//! installing and removing the hooks; and the pre-commit framework's view of this repository.

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::support::{copy_tree, fixtures, smallwins, TODAY};

/// The review of the week of [`TODAY`], in the vault.
const REVIEW: &str = "notes/Reviews/2026-W48.md";
const BEGIN: &str = "<!-- smallwins:begin -->";
const END: &str = "<!-- smallwins:end -->";

/// A temporary git repository holding a fixture vault in `notes/`.
pub struct GitRepo {
    dir: tempfile::TempDir,
    /// Variables every git command gets besides the fixed ones (a throwaway `HOME`, …).
    env: Vec<(String, OsString)>,
}

impl GitRepo {
    /// A repository with `fixture` copied to `notes/` and a README beside it, all committed.
    pub fn new(fixture: &str) -> GitRepo {
        let repo = GitRepo::uncommitted(fixture);
        repo.git(&["add", "."]);
        repo.git(&["commit", "-q", "-m", "start"]);
        repo
    }

    /// [`GitRepo::new`] before its first commit: nothing staged, no `HEAD`.
    pub fn uncommitted(fixture: &str) -> GitRepo {
        let repo = GitRepo {
            dir: tempfile::tempdir().unwrap(),
            env: Vec::new(),
        };
        copy_tree(&fixtures().join(fixture), &repo.vault());
        fs::write(repo.root().join("README.md"), "# Journal\n").unwrap();
        repo.git(&["init", "-q", "-b", "main"]);
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

    /// A git command in the repository root, isolated from the machine's git configuration and
    /// from any `smallwins` on the machine's `PATH` (the hook then runs the one it recorded),
    /// with the fixed date the hook reads from `SMALLWINS_TODAY`.
    pub fn command(&self, args: &[&str]) -> Command {
        self.command_in(self.root(), args)
    }

    /// [`GitRepo::command`] in another folder.
    pub fn command_in(&self, dir: &Path, args: &[&str]) -> Command {
        let mut cmd = Command::new("git");
        cmd.current_dir(dir)
            .args(args)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_AUTHOR_NAME", "Test")
            .env("GIT_AUTHOR_EMAIL", "test@example.com")
            .env("GIT_COMMITTER_NAME", "Test")
            .env("GIT_COMMITTER_EMAIL", "test@example.com")
            .env("SMALLWINS_TODAY", TODAY)
            .env("NO_COLOR", "1")
            .env("PATH", path_without_smallwins())
            .env_remove("SMALLWINS_VAULT");
        for (name, value) in &self.env {
            cmd.env(name, value);
        }
        cmd
    }

    /// Runs git in another folder (a worktree, a submodule), asserting success.
    fn git_in(&self, dir: &Path, args: &[&str]) -> String {
        let output = self.command_in(dir, args).output().unwrap();
        String::from_utf8_lossy(&succeeded(output, args)).into_owned()
    }

    /// Runs git and returns its output, whatever the exit status.
    pub fn try_git(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    /// Runs git and returns its stdout, asserting success.
    pub fn git(&self, args: &[&str]) -> String {
        String::from_utf8_lossy(&succeeded(self.try_git(args), args)).into_owned()
    }

    /// Commits what is staged with the hooks, asserting success; returns what they said.
    pub fn commit(&self, args: &[&str]) -> String {
        let mut all = vec!["commit", "-q", "-m", "test"];
        all.extend(args);
        let output = self.try_git(&all);
        let said = stdout_and_stderr(&output);
        assert!(output.status.success(), "git {all:?}: {said}");
        said
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

    /// A file of the working tree, relative to the repository root.
    fn file(&self, path: &str) -> String {
        fs::read_to_string(self.root().join(path)).unwrap()
    }

    /// A blob as git holds it (`HEAD:path`, `:path` for the index), byte for byte.
    fn show(&self, object: &str) -> String {
        self.git(&["cat-file", "blob", object])
    }

    /// Whether git holds the object at all.
    fn has(&self, object: &str) -> bool {
        self.try_git(&["cat-file", "-e", object]).status.success()
    }

    /// The review of week 2026-W48 that `smallwins week` renders from exactly the notes of
    /// `revision`: what a commit's review must describe.
    fn rendered_at(&self, revision: &str) -> String {
        self.review_at(revision, &["week", "2026-W48"])
    }

    /// The review `smallwins KIND PERIOD --stdout` (`review`) renders from exactly the notes of
    /// `revision`.
    fn review_at(&self, revision: &str, review: &[&str]) -> String {
        let export = self.export(revision);
        let output = smallwins(&export.path().join("notes"))
            .args(review)
            .arg("--stdout")
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        String::from_utf8(output.stdout).unwrap()
    }

    /// The heatmap `smallwins year` draws for 2026 from exactly the notes of `revision`.
    fn heatmap_at(&self, revision: &str) -> String {
        let export = self.export(revision);
        let vault = export.path().join("notes");
        let output = smallwins(&vault).args(["year", "2026"]).output().unwrap();
        assert!(output.status.success(), "{output:?}");
        fs::read_to_string(vault.join("Reviews/heatmap-2026.svg")).unwrap()
    }

    /// The files of `revision`, in a folder of their own.
    fn export(&self, revision: &str) -> tempfile::TempDir {
        let export = tempfile::tempdir().unwrap();
        let archive = self
            .command(&["archive", "--format=tar", revision])
            .output()
            .unwrap();
        let tar = export.path().join("export.tar");
        fs::write(&tar, succeeded(archive, &["archive"])).unwrap();
        let unpacked = Command::new("tar")
            .arg("-xf")
            .arg(&tar)
            .arg("-C")
            .arg(export.path())
            .status()
            .unwrap();
        assert!(unpacked.success());
        export
    }

    /// The hooks folder.
    fn hooks(&self) -> PathBuf {
        self.root().join(".git/hooks")
    }

    /// Installs the hooks from the vault, asserting success.
    fn install(&self, args: &[&str]) -> Output {
        let output = install(self, args);
        assert!(output.status.success(), "{output:?}");
        output
    }
}

/// The machine's `PATH` without the folders that hold a `smallwins`.
fn path_without_smallwins() -> OsString {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::join_paths(std::env::split_paths(&path).filter(|dir| !dir.join("smallwins").exists()))
        .unwrap()
}

fn succeeded(output: Output, args: &[&str]) -> Vec<u8> {
    assert!(
        output.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

fn install(repo: &GitRepo, args: &[&str]) -> Output {
    smallwins(&repo.vault())
        .args(["hook", "install"])
        .args(args)
        .output()
        .unwrap()
}

fn uninstall(repo: &GitRepo) -> Output {
    smallwins(&repo.vault())
        .args(["hook", "uninstall"])
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

/// The managed block of a review, markers included.
fn block(text: &str) -> &str {
    let begin = text.find(BEGIN).unwrap();
    let end = text.find(END).unwrap() + END.len();
    &text[begin..end]
}

/// The number properties every review's front matter carries, which the hook updates with
/// its managed block.
const NUMBERS: [&str; 4] = ["wins", "win_days", "goal_days", "streak"];

/// A review with its managed block and number properties swapped for `new`'s.
fn with_block_of(text: &str, new: &str) -> String {
    let property = |text: &str, key: &str| -> Option<String> {
        let prefix = format!("{key}: ");
        text.lines()
            .take_while(|line| !line.starts_with('#'))
            .find(|line| line.starts_with(&prefix))
            .map(str::to_owned)
    };
    let mut updated = text.replace(block(text), block(new));
    for key in NUMBERS {
        if let (Some(old), Some(new)) = (property(text, key), property(new, key)) {
            updated = updated.replacen(&format!("{old}\n"), &format!("{new}\n"), 1);
        }
    }
    updated
}

const EMPTY_WIN: &str = "# Wednesday\n\n- #win\n- Answered the letters #win\n";
const GOOD_NOTE: &str = "# Wednesday\n\n- Answered the letters #win\n";
const WEDNESDAY: &str = "notes/Daily/2026-11-25.md";
const THURSDAY: &str = "notes/Daily/2026-11-26.md";

/// Thursday's note as staged, before a win is typed into it unstaged.
const STAGED_THURSDAY: &str = "# Thursday\n\n- Staged win #win\n";

/// The unstaged work a commit must neither take nor lose: `draft` being written at the end of
/// the review at `review` (as committed), and a Thursday note staged, then a win typed into it.
/// Returns the drafted review and the note as typed.
fn unstaged_work(repo: &GitRepo, review: &str, draft: &str) -> (String, String) {
    let drafted = format!("{}\n{draft}\n", repo.show(&format!("HEAD:{review}")));
    repo.write(review, &drafted);
    repo.write(THURSDAY, STAGED_THURSDAY);
    repo.git(&["add", THURSDAY]);
    let typed_later = format!("{STAGED_THURSDAY}- Unstaged win #win\n");
    repo.write(THURSDAY, &typed_later);
    (drafted, typed_later)
}

/// A repository with the hooks installed whose review of the week is committed, as after
/// a first commit with the hook.
fn repo_with_review() -> GitRepo {
    let repo = GitRepo::new("check-repo");
    repo.install(&[]);
    repo.write(WEDNESDAY, GOOD_NOTE);
    repo.git(&["add", WEDNESDAY]);
    repo.commit_cleanly("wednesday");
    repo
}

#[test]
fn check_mode_refuses_a_commit_with_an_empty_win() {
    let repo = GitRepo::new("check-repo");
    repo.install(&["--mode", "check"]);
    repo.write(WEDNESDAY, EMPTY_WIN);
    repo.git(&["add", "."]);
    let refused = repo.try_git(&["commit", "-q", "-m", "empty"]);
    let said = stdout_and_stderr(&refused);
    assert!(!refused.status.success(), "{said}");
    assert!(
        said.contains("notes/Daily/2026-11-25.md:3:1: error: empty win"),
        "{said}"
    );
    assert_eq!(repo.git(&["rev-list", "--count", "HEAD"]).trim(), "1");

    repo.write(WEDNESDAY, GOOD_NOTE);
    repo.git(&["add", "."]);
    repo.commit_cleanly("good");
    assert!(
        !repo.vault().join("Reviews").exists(),
        "check mode writes no review"
    );
}

#[test]
fn a_plain_commit_holds_the_review_of_exactly_its_notes() {
    let repo = GitRepo::new("check-repo");
    repo.install(&[]);
    repo.write(WEDNESDAY, GOOD_NOTE);
    repo.git(&["add", WEDNESDAY]);
    let said = repo.commit(&[]);
    assert!(said.contains("staged notes/Reviews/2026-W48.md"), "{said}");
    assert_eq!(repo.git(&["status", "--porcelain"]), "");
    let files = repo.git(&["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files, format!("{WEDNESDAY}\n{REVIEW}\n"));
    let committed = repo.show(&format!("HEAD:{REVIEW}"));
    assert_eq!(committed, repo.rendered_at("HEAD"));
    assert!(committed.contains("Answered the letters"), "{committed}");
    assert_eq!(repo.file(REVIEW), committed);
}

#[test]
fn unstaged_words_in_notes_and_in_the_review_are_never_committed_and_never_lost() {
    let repo = repo_with_review();
    let before = repo.show(&format!("HEAD:{REVIEW}"));
    let (drafted, typed_later) = unstaged_work(&repo, REVIEW, "A private draft, not ready.");
    repo.commit(&[]);
    let committed = repo.show(&format!("HEAD:{REVIEW}"));
    assert_eq!(committed, with_block_of(&before, &repo.rendered_at("HEAD")));
    assert!(committed.contains("Staged win"), "{committed}");
    assert!(!committed.contains("Unstaged win"), "{committed}");
    assert!(!committed.contains("private draft"), "{committed}");
    assert_eq!(repo.show(&format!("HEAD:{THURSDAY}")), STAGED_THURSDAY);
    // The working tree keeps every unstaged byte; only the block changed there.
    assert_eq!(repo.file(REVIEW), with_block_of(&drafted, &committed));
    assert_eq!(repo.file(THURSDAY), typed_later);
    assert_eq!(repo.git(&["diff", "--cached", "--name-only"]), "");
    assert_eq!(
        repo.git(&["diff", "--name-only"]),
        format!("{THURSDAY}\n{REVIEW}\n")
    );
    assert_eq!(
        repo.git(&["diff", "-U0", "--", REVIEW])
            .lines()
            .filter(|line| line.starts_with('+') || line.starts_with('-'))
            .filter(|line| !line.starts_with("+++") && !line.starts_with("---"))
            .collect::<Vec<_>>(),
        ["+", "+A private draft, not ready."]
    );
}

#[test]
fn a_commit_updates_every_review_its_notes_feed_month_and_year_included() {
    const MONTH: &str = "notes/Reviews/2026-11.md";
    const QUARTER: &str = "notes/Reviews/2026-Q4.md";
    const YEAR: &str = "notes/Reviews/2026.md";
    const HEATMAP: &str = "notes/Reviews/heatmap-2026.svg";
    let repo = GitRepo::new("check-repo");
    // Month reviews asked for; a year review written by hand once; no quarter review.
    let settings = "notes/.smallwins.toml";
    repo.write(
        settings,
        &format!("{}[review.month]\n", repo.file(settings)),
    );
    let year = smallwins(&repo.vault())
        .args(["year", "2026"])
        .output()
        .unwrap();
    assert!(year.status.success(), "{year:?}");
    repo.git(&["add", "notes"]);
    repo.git(&["commit", "-q", "-m", "settings and a year review"]);
    let year_before = repo.show(&format!("HEAD:{YEAR}"));
    repo.install(&[]);

    repo.write(WEDNESDAY, GOOD_NOTE);
    repo.git(&["add", WEDNESDAY]);
    let said = repo.commit(&[]);
    assert!(said.contains(&format!("staged {MONTH}")), "{said}");
    assert!(said.contains(&format!("staged {YEAR}")), "{said}");
    let files = repo.git(&["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(
        files,
        format!("{WEDNESDAY}\n{MONTH}\n{REVIEW}\n{YEAR}\n{HEATMAP}\n")
    );
    // The yearly review's heatmap is drawn from the commit's notes too.
    assert_eq!(
        repo.show(&format!("HEAD:{HEATMAP}")),
        repo.heatmap_at("HEAD")
    );
    assert_eq!(repo.file(HEATMAP), repo.heatmap_at("HEAD"));
    assert_eq!(
        repo.show(&format!("HEAD:{MONTH}")),
        repo.review_at("HEAD", &["month", "2026-11"])
    );
    let year_committed = repo.show(&format!("HEAD:{YEAR}"));
    assert_ne!(block(&year_committed), block(&year_before));
    assert_eq!(
        year_committed,
        with_block_of(&year_before, &repo.review_at("HEAD", &["year", "2026"]))
    );
    assert!(
        !repo.has(&format!("HEAD:{QUARTER}")),
        "no quarter review asked for"
    );
    assert!(!repo.root().join(QUARTER).exists());
    assert_eq!(
        repo.git(&["status", "--porcelain", "--untracked-files=no"]),
        ""
    );

    // The month review is the index's too: a win typed after staging and a reflection being
    // drafted in the month review stay out of the commit and stay in the working tree.
    let (drafted, typed_later) = unstaged_work(&repo, MONTH, "My month, in my words.");
    repo.commit(&[]);
    let month_committed = repo.show(&format!("HEAD:{MONTH}"));
    assert_eq!(
        month_committed,
        repo.review_at("HEAD", &["month", "2026-11"])
    );
    assert!(month_committed.contains("Staged win"), "{month_committed}");
    assert!(
        !month_committed.contains("Unstaged win"),
        "{month_committed}"
    );
    assert!(
        !month_committed.contains("in my words"),
        "{month_committed}"
    );
    assert_eq!(repo.file(MONTH), with_block_of(&drafted, &month_committed));
    assert_eq!(repo.file(THURSDAY), typed_later);
    assert_eq!(
        repo.git(&["diff", "--name-only"]),
        format!("{THURSDAY}\n{MONTH}\n")
    );

    // A year review the commit holds stays current there though its file is gone (unstaged),
    // and is not brought back.
    fs::remove_file(repo.root().join(YEAR)).unwrap();
    let year_staged = repo.show(&format!(":{YEAR}"));
    repo.git(&["add", THURSDAY]);
    repo.commit(&[]);
    assert_eq!(
        repo.show(&format!("HEAD:{YEAR}")),
        with_block_of(&year_staged, &repo.review_at("HEAD", &["year", "2026"]))
    );
    assert_ne!(
        block(&repo.show(&format!("HEAD:{YEAR}"))),
        block(&year_staged)
    );
    assert!(!repo.root().join(YEAR).exists());
    assert_eq!(
        repo.git(&["status", "--porcelain", "--untracked-files=no"]),
        format!(" M {MONTH}\n D {YEAR}\n")
    );
}

#[test]
fn review_only_mode_writes_the_reviews_of_the_given_notes_stages_nothing_and_fails_once() {
    // What the pre-commit framework's review hooks run, from the repository root, after
    // pre-commit stashed what is not staged (so the working tree is the commit).
    let repo = GitRepo::new("check-repo");
    repo.write(WEDNESDAY, GOOD_NOTE);
    repo.git(&["add", WEDNESDAY]);
    let run = || {
        smallwins(&repo.vault())
            .current_dir(repo.root())
            .args(["hook", "run", "--mode", "review-only", WEDNESDAY])
            .output()
            .unwrap()
    };
    let first = run();
    let said = stdout_and_stderr(&first);
    assert_eq!(first.status.code(), Some(1), "it wrote a review: {said}");
    assert!(
        said.contains("stage them (git add) and commit again"),
        "{said}"
    );
    let staged_tree = repo.git(&["write-tree"]);
    assert_eq!(repo.file(REVIEW), repo.rendered_at(staged_tree.trim()));
    assert_eq!(
        repo.git(&["diff", "--cached", "--name-only"]),
        format!("{WEDNESDAY}\n")
    );
    repo.git(&["add", REVIEW]);
    let again = run();
    assert!(again.status.success(), "{}", stdout_and_stderr(&again));
    assert_eq!(
        repo.git(&["status", "--porcelain"]),
        format!("A  {WEDNESDAY}\nA  {REVIEW}\n")
    );
}

#[test]
fn unstaged_settings_the_reviews_are_rendered_with_are_warned_about() {
    let repo = repo_with_review();
    let settings = "notes/.smallwins.toml";
    repo.write(
        settings,
        &format!("{}# trying something\n", repo.file(settings)),
    );
    repo.write("README.md", "# Journal, unstaged\n");
    repo.write(THURSDAY, STAGED_THURSDAY);
    repo.git(&["add", THURSDAY]);
    let said = repo.commit(&[]);
    assert_eq!(
        said.lines()
            .filter(|line| line.starts_with("warning:"))
            .collect::<Vec<_>>(),
        [format!("warning: {settings}: has unstaged changes, and the reviews were rendered with the working tree's copy (stage or stash it for reviews that match the commit)")],
        "{said}"
    );
    assert!(repo.show(&format!("HEAD:{REVIEW}")).contains("Staged win"));
}

#[test]
fn untracked_notes_are_not_in_the_commits_review() {
    let repo = repo_with_review();
    repo.write(THURSDAY, "- Not added yet #win\n");
    repo.write(
        "notes/Daily/2026-11-24.md",
        "# Tuesday\n\n- Ran 6 km #win\n",
    );
    repo.git(&["add", "notes/Daily/2026-11-24.md"]);
    repo.commit(&[]);
    let committed = repo.show(&format!("HEAD:{REVIEW}"));
    assert!(committed.contains("Ran 6 km"), "{committed}");
    assert!(!committed.contains("Not added yet"), "{committed}");
    assert_eq!(block(&committed), block(&repo.rendered_at("HEAD")));
}

#[test]
fn commit_all_and_include_work_on_the_first_try() {
    for flag in ["-a", "-i"] {
        let repo = repo_with_review();
        let drafted = format!("{}\nMy reflection.\n", repo.file(REVIEW));
        repo.write(REVIEW, &drafted);
        repo.write(WEDNESDAY, &format!("{GOOD_NOTE}- Second letter #win\n"));
        let args: &[&str] = if flag == "-a" {
            &["-a"]
        } else {
            &["-i", WEDNESDAY]
        };
        repo.commit(args);
        let committed = repo.show(&format!("HEAD:{REVIEW}"));
        assert!(committed.contains("Second letter"), "{flag}: {committed}");
        assert_eq!(
            block(&committed),
            block(&repo.rendered_at("HEAD")),
            "{flag}"
        );
        assert_eq!(
            repo.file(REVIEW),
            with_block_of(&drafted, &committed),
            "{flag}"
        );
        if flag == "-a" {
            // `-a` stages the whole review, reflection included.
            assert_eq!(committed, repo.file(REVIEW));
            assert_eq!(repo.git(&["status", "--porcelain"]), "");
        } else {
            // `-i NOTE` commits the note and the review's block, not the reflection.
            assert!(!committed.contains("My reflection."), "{committed}");
            assert_eq!(
                repo.git(&["status", "--porcelain"]),
                format!(" M {REVIEW}\n")
            );
        }
    }
}

#[test]
fn a_partial_commit_holds_its_review_and_the_index_agrees_afterwards() {
    let repo = repo_with_review();
    repo.write(THURSDAY, "# Thursday\n\n- Committed now #win\n");
    repo.git(&["add", THURSDAY]);
    let other = format!("{GOOD_NOTE}- Left for later #win\n");
    repo.write(WEDNESDAY, &other);
    repo.commit(&["--", THURSDAY]);
    let committed = repo.show(&format!("HEAD:{REVIEW}"));
    assert!(committed.contains("Committed now"), "{committed}");
    assert!(!committed.contains("Left for later"), "{committed}");
    assert_eq!(block(&committed), block(&repo.rendered_at("HEAD")));
    // The real index got the same review: nothing staged is left over, and the only
    // difference in the working tree is the note that was not committed.
    assert_eq!(repo.git(&["diff", "--cached", "--name-only"]), "");
    assert_eq!(repo.git(&["diff", "--name-only"]), format!("{WEDNESDAY}\n"));
    assert_eq!(repo.file(REVIEW), committed);
    assert_eq!(repo.file(WEDNESDAY), other);
}

#[test]
fn an_amended_commit_holds_the_review_of_its_notes() {
    let repo = repo_with_review();
    let first = repo.git(&["rev-parse", "HEAD~1"]);
    repo.write(THURSDAY, "# Thursday\n\n- Amended in #win\n");
    repo.git(&["add", THURSDAY]);
    repo.commit(&["--amend", "--no-edit"]);
    assert_eq!(
        repo.git(&["rev-parse", "HEAD~1"]),
        first,
        "amended, not added"
    );
    assert_eq!(repo.git(&["status", "--porcelain"]), "");
    let committed = repo.show(&format!("HEAD:{REVIEW}"));
    assert!(committed.contains("Amended in") && committed.contains("Answered the letters"));
    assert_eq!(committed, repo.rendered_at("HEAD"));
}

/// A branch `side` adding a win on Thursday, while `main` adds one on the Sunday before.
fn diverged() -> GitRepo {
    let repo = repo_with_review();
    repo.git(&["checkout", "-q", "-b", "side"]);
    repo.write(THURSDAY, "# Thursday\n\n- Side win #win\n");
    repo.git(&["add", THURSDAY]);
    repo.commit(&[]);
    // The day before the week: main changes only last week's review, so git merges the
    // reviews without a conflict, but this week's streak and change depend on that day.
    repo.git(&["checkout", "-q", "main"]);
    repo.write("notes/Daily/2026-11-22.md", "# Sunday\n\n- Main win #win\n");
    repo.git(&["add", "notes/Daily/2026-11-22.md"]);
    repo.commit(&[]);
    repo
}

#[test]
fn a_merge_whose_reviews_are_right_commits_on_the_first_try() {
    let repo = repo_with_review();
    // An earlier week on record, so that the side's old note changes no word of this week's.
    repo.write("notes/Daily/2026-11-02.md", "- Further back #win\n");
    repo.git(&["add", "notes"]);
    repo.commit(&[]);
    repo.git(&["checkout", "-q", "-b", "side"]);
    repo.write("notes/Daily/2026-11-10.md", "- Long ago #win\n");
    repo.git(&["add", "notes"]);
    repo.commit(&[]);
    repo.git(&["checkout", "-q", "main"]);
    repo.write(THURSDAY, "- This week #win\n");
    repo.git(&["add", "notes"]);
    repo.commit(&[]);
    let merged = repo.try_git(&["merge", "-q", "--no-edit", "side"]);
    assert!(merged.status.success(), "{}", stdout_and_stderr(&merged));
    assert_eq!(
        repo.git(&["rev-list", "--parents", "-n", "1", "HEAD"])
            .split_whitespace()
            .count(),
        3
    );
    assert_eq!(repo.git(&["status", "--porcelain"]), "");
    assert_eq!(
        repo.show(&format!("HEAD:{REVIEW}")),
        repo.rendered_at("HEAD")
    );
}

#[test]
fn a_merge_whose_reviews_went_stale_stops_with_them_staged_and_commit_completes_it() {
    let repo = diverged();
    // What a text merge gives: the side's review, written before main's win existed.
    repo.git(&["checkout", "-q", "-b", "text-merge"]);
    repo.git(&["merge", "-q", "--no-edit", "--no-verify", "side"]);
    let text_merged = repo.show(&format!("HEAD:{REVIEW}"));
    assert_ne!(block(&text_merged), block(&repo.rendered_at("HEAD")));
    repo.git(&["checkout", "-q", "main"]);

    // Git makes the merge's tree before pre-merge-commit runs, so the hook stops the merge
    // with the right review staged, and the person's `git commit` completes it.
    let stopped = repo.try_git(&["merge", "-q", "--no-edit", "side"]);
    let said = stdout_and_stderr(&stopped);
    assert!(!stopped.status.success(), "{said}");
    assert!(said.contains("run `git commit` to complete it"), "{said}");
    assert!(repo.has("MERGE_HEAD"), "the merge is still in progress");
    assert_eq!(repo.git(&["diff", "--name-only"]), "", "worktree = index");
    repo.commit(&["--no-edit"]);
    assert_eq!(
        repo.git(&["rev-list", "--parents", "-n", "1", "HEAD"])
            .split_whitespace()
            .count(),
        3,
        "a merge commit"
    );
    assert_eq!(repo.git(&["status", "--porcelain"]), "");
    let committed = repo.show(&format!("HEAD:{REVIEW}"));
    assert!(committed.contains("Side win") && committed.contains("streak:: 5"));
    assert_eq!(
        committed,
        with_block_of(&text_merged, &repo.rendered_at("HEAD"))
    );
}

#[test]
fn a_deleted_note_leaves_its_weeks_review_right() {
    let repo = repo_with_review();
    repo.git(&["rm", "-q", WEDNESDAY]);
    repo.commit(&[]);
    let committed = repo.show(&format!("HEAD:{REVIEW}"));
    assert!(!committed.contains("Answered the letters"), "{committed}");
    assert_eq!(committed, repo.rendered_at("HEAD"));
}

#[test]
fn installed_from_the_repository_root_the_hook_keeps_the_vault_in_its_subfolder() {
    let repo = GitRepo::new("check-repo");
    let installed = Command::new(assert_cmd::cargo::cargo_bin("smallwins"))
        .args(["--today", TODAY, "hook", "install"])
        .current_dir(repo.root())
        .env_remove("SMALLWINS_VAULT")
        .output()
        .unwrap();
    let said = stdout_and_stderr(&installed);
    assert!(installed.status.success(), "{said}");
    assert!(
        said.contains("the hooks keep the vault notes/ of the repository"),
        "{said}"
    );
    repo.write(WEDNESDAY, GOOD_NOTE);
    repo.git(&["add", WEDNESDAY]);
    // Committed from deep inside the vault.
    let daily = repo.vault().join("Daily");
    let committed = repo
        .command_in(&daily, &["commit", "-q", "-m", "from a subfolder"])
        .output()
        .unwrap();
    assert!(
        committed.status.success(),
        "{}",
        stdout_and_stderr(&committed)
    );
    assert!(repo.has(&format!("HEAD:{REVIEW}")));
    assert!(!repo.root().join("Reviews").exists());
    assert_eq!(repo.git(&["status", "--porcelain"]), "");
}

#[test]
fn a_shared_hooks_path_is_warned_about_and_other_repositories_are_left_alone() {
    let home = tempfile::tempdir().unwrap();
    let shared = home.path().join(".githooks");
    let global = home.path().join(".gitconfig");
    let with_home = |mut repo: GitRepo| {
        repo.env = vec![
            ("HOME".to_owned(), home.path().into()),
            ("GIT_CONFIG_GLOBAL".to_owned(), global.clone().into()),
        ];
        repo
    };
    let journal = with_home(GitRepo::new("check-repo"));
    journal.git(&[
        "config",
        "--global",
        "core.hooksPath",
        &shared.to_string_lossy(),
    ]);
    let installed = smallwins(&journal.vault())
        .args(["hook", "install"])
        .env("HOME", home.path())
        .env("GIT_CONFIG_GLOBAL", &global)
        .output()
        .unwrap();
    let said = stdout_and_stderr(&installed);
    assert!(installed.status.success(), "{said}");
    assert!(shared.join("pre-commit").is_file(), "{said}");
    assert!(
        said.contains(&format!(
            "warning: the hooks folder {} (core.hooksPath) lies outside this repository",
            shared.display()
        )),
        "{said}"
    );

    // Another repository using the same hooks: a note-like file, no vault, no smallwins.
    let other = with_home(GitRepo::new("check-repo"));
    other.write("notes/Daily/2026-11-25.md", GOOD_NOTE);
    other.git(&["add", "."]);
    let said = other.commit(&[]);
    assert_eq!(said, "", "the hook does nothing there");
    assert!(!other.vault().join("Reviews").exists());
    assert!(!other.has(&format!("HEAD:{REVIEW}")));

    journal.write(WEDNESDAY, GOOD_NOTE);
    journal.git(&["add", "."]);
    journal.commit(&[]);
    assert!(journal.has(&format!("HEAD:{REVIEW}")));
}

#[test]
fn ignored_reviews_are_written_but_not_staged() {
    let repo = GitRepo::new("check-repo");
    repo.write(".gitignore", "notes/Reviews/\n");
    repo.git(&["add", ".gitignore"]);
    repo.git(&["commit", "-q", "-m", "ignore reviews"]);
    repo.install(&[]);
    repo.write(WEDNESDAY, GOOD_NOTE);
    repo.git(&["add", WEDNESDAY]);
    let said = repo.commit(&[]);
    assert!(
        said.contains("warning: notes/Reviews/2026-W48.md: ignored by git (.gitignore): written, not committed"),
        "{said}"
    );
    assert_eq!(said.matches("warning:").count(), 1, "{said}");
    assert!(!repo.has(&format!("HEAD:{REVIEW}")));
    assert_eq!(repo.file(REVIEW), repo.rendered_at("HEAD"));
    assert_eq!(repo.git(&["status", "--porcelain"]), "");
}

#[cfg(unix)]
#[test]
fn odd_file_names_are_read_by_object_id_and_quoted_as_git_quotes_them() {
    use std::os::unix::ffi::OsStrExt;
    let repo = GitRepo::new("check-repo");
    repo.install(&[]);
    let names: [&[u8]; 4] = [
        b"notes/new\nline.md",
        b"notes/tab\tand \"quotes\".md",
        b"notes/caf\xe9.md",
        b"notes/future\nday.md",
    ];
    let texts = [
        "---\ndate: 2026-11-25\n---\n- Newline win #win\n",
        "---\ndate: 2026-11-24\n---\n- Tab win #win\n",
        "---\ndate: 2026-11-23\n---\n- Latin-1 win #win\n",
        "---\ndate: 2026-12-24\n---\n- Someday #win\n",
    ];
    for (name, text) in names.iter().zip(texts) {
        fs::write(repo.root().join(std::ffi::OsStr::from_bytes(name)), text).unwrap();
    }
    repo.git(&["add", "notes"]);
    let said = repo.commit(&[]);
    // A note dated after today is a warning about it, shown on one line.
    assert!(
        said.contains(r#""notes/future\nday.md":1:1: warning: note is dated 2026-12-24"#),
        "{said}"
    );
    assert_eq!(repo.git(&["status", "--porcelain"]), "");
    let committed = repo.show(&format!("HEAD:{REVIEW}"));
    for win in ["Newline win", "Tab win", "Latin-1 win"] {
        assert!(committed.contains(win), "{win}: {committed}");
    }
    assert_eq!(block(&committed), block(&repo.rendered_at("HEAD")));

    // A finding in a note whose name is not UTF-8 names the file by its bytes.
    fs::write(
        repo.root()
            .join(std::ffi::OsStr::from_bytes(b"notes/caf\xe9.md")),
        "---\ndate: 2026-11-30\n---\n- Later #win\n",
    )
    .unwrap();
    repo.git(&["add", "notes"]);
    let said = repo.commit(&[]);
    assert!(
        said.contains(r#""notes/caf\351.md":1:1: warning: note is dated 2026-11-30"#),
        "{said}"
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
fn a_damaged_staged_review_stops_the_commit_with_one_line_and_no_verify_still_commits() {
    let repo = repo_with_review();
    let damaged = repo.file(REVIEW).replace(END, "");
    repo.write(REVIEW, &damaged);
    repo.git(&[
        "commit",
        "-q",
        "-a",
        "--no-verify",
        "-m",
        "damage the review",
    ]);
    repo.write(THURSDAY, "- Thursday #win\n");
    repo.git(&["add", THURSDAY]);
    let refused = repo.try_git(&["commit", "-q", "-m", "thursday"]);
    let said = stdout_and_stderr(&refused);
    assert!(!refused.status.success(), "{said}");
    assert!(
        said.contains("error: notes/Reviews/2026-W48.md: its staged version cannot be updated: the managed block is damaged"),
        "{said}"
    );
    assert!(said.contains("--no-verify"), "{said}");
    assert_eq!(repo.file(REVIEW), damaged, "nothing written");
    assert_eq!(repo.show(&format!(":{REVIEW}")), damaged, "nothing staged");
    assert_eq!(
        repo.git(&["diff", "--cached", "--name-only"]),
        format!("{THURSDAY}\n")
    );
    repo.git(&["commit", "-q", "--no-verify", "-m", "thursday"]);
}

#[test]
fn a_damaged_review_staged_by_the_person_fails_the_lint() {
    let repo = GitRepo::new("check-repo");
    repo.install(&[]);
    let damaged = "# mine\n<!-- smallwins:begin -->\nno end marker\n";
    repo.write(REVIEW, damaged);
    repo.write(WEDNESDAY, GOOD_NOTE);
    repo.git(&["add", "notes"]);
    let refused = repo.try_git(&["commit", "-q", "-m", "wednesday"]);
    let said = stdout_and_stderr(&refused);
    assert!(!refused.status.success(), "{said}");
    assert!(
        said.contains("notes/Reviews/2026-W48.md:2:1: error: managed block is damaged"),
        "{said}"
    );
    assert_eq!(repo.file(REVIEW), damaged);
}

#[test]
fn a_damaged_or_deleted_review_in_the_working_tree_still_gets_the_commit_right() {
    let repo = repo_with_review();
    let before = repo.show(&format!("HEAD:{REVIEW}"));
    let damaged = before.replace(BEGIN, "");
    repo.write(REVIEW, &damaged);
    repo.write(THURSDAY, "- Thursday #win\n");
    repo.git(&["add", THURSDAY]);
    let said = repo.commit(&[]);
    assert!(
        said.contains(
            "warning: notes/Reviews/2026-W48.md: the copy in the working tree was not updated"
        ),
        "{said}"
    );
    assert_eq!(repo.file(REVIEW), damaged, "left as the person has it");
    let committed = repo.show(&format!("HEAD:{REVIEW}"));
    assert_eq!(committed, with_block_of(&before, &repo.rendered_at("HEAD")));

    fs::remove_file(repo.root().join(REVIEW)).unwrap();
    repo.write("notes/Daily/2026-11-24.md", "- Tuesday again #win\n");
    repo.git(&["add", "notes/Daily/2026-11-24.md"]);
    let said = repo.commit(&[]);
    assert!(
        said.contains(
            "warning: notes/Reviews/2026-W48.md: deleted in the working tree and not brought back"
        ),
        "{said}"
    );
    assert!(!repo.root().join(REVIEW).exists());
    assert!(repo
        .show(&format!("HEAD:{REVIEW}"))
        .contains("Tuesday again"));
}

#[cfg(unix)]
#[test]
fn a_review_that_is_a_link_or_a_folder_in_git_stops_the_commit_with_one_line() {
    for shape in ["link", "folder"] {
        let repo = GitRepo::new("check-repo");
        repo.install(&[]);
        if shape == "link" {
            fs::create_dir_all(repo.vault().join("Reviews")).unwrap();
            std::os::unix::fs::symlink("../Daily/2026-11-24.md", repo.root().join(REVIEW)).unwrap();
        } else {
            repo.write(&format!("{REVIEW}/inside.md"), "x\n");
        }
        repo.git(&["add", "notes"]);
        repo.git(&["commit", "-q", "--no-verify", "-m", shape]);
        repo.write(WEDNESDAY, GOOD_NOTE);
        repo.git(&["add", WEDNESDAY]);
        let refused = repo.try_git(&["commit", "-q", "-m", "wednesday"]);
        let said = stdout_and_stderr(&refused);
        assert!(!refused.status.success(), "{shape}: {said}");
        let expected = if shape == "link" {
            "error: notes/Reviews/2026-W48.md: is a symbolic link in git's index"
        } else {
            "error: notes/Reviews/2026-W48.md: is a folder in git's index"
        };
        assert!(said.contains(expected), "{shape}: {said}");
        assert_eq!(said.matches("error:").count(), 1, "{shape}: {said}");
        assert_eq!(
            repo.git(&["diff", "--cached", "--name-only"]),
            format!("{WEDNESDAY}\n")
        );
        assert_eq!(
            fs::read_to_string(repo.root().join("notes/Daily/2026-11-24.md")).unwrap(),
            fs::read_to_string(fixtures().join("check-repo/Daily/2026-11-24.md")).unwrap(),
            "nothing written through the link"
        );
    }
}

#[cfg(unix)]
#[test]
fn an_index_locked_by_another_process_stops_the_commit_with_one_clear_line() {
    let repo = GitRepo::new("check-repo");
    // A hook that runs first and leaves the index locked, as another git process would.
    let theirs = "#!/bin/sh\ntouch \"$(git rev-parse --git-dir)/index.lock\"\n";
    let hook = repo.hooks().join("pre-commit");
    fs::write(&hook, theirs).unwrap();
    make_executable(&hook);
    repo.install(&[]);
    repo.write(WEDNESDAY, GOOD_NOTE);
    repo.git(&["add", WEDNESDAY]);
    let refused = repo.try_git(&["commit", "-q", "-m", "wednesday"]);
    let said = stdout_and_stderr(&refused);
    assert!(!refused.status.success(), "{said}");
    assert!(
        said.contains(
            "index.lock: another git process is using the index, so the reviews were not staged"
        ),
        "{said}"
    );
    assert!(said.contains("--no-verify"), "{said}");
    fs::remove_file(repo.root().join(".git/index.lock")).unwrap();
    assert_eq!(repo.git(&["rev-list", "--count", "HEAD"]).trim(), "1");
    assert_eq!(
        repo.git(&["diff", "--cached", "--name-only"]),
        format!("{WEDNESDAY}\n")
    );
}

#[test]
fn the_first_commit_of_a_repository_gets_its_review() {
    let repo = GitRepo::uncommitted("check-repo");
    repo.install(&[]);
    repo.git(&["add", "."]);
    repo.commit_cleanly("first");
    assert_eq!(
        repo.show(&format!("HEAD:{REVIEW}")),
        repo.rendered_at("HEAD")
    );
}

#[test]
fn a_detached_head_and_a_cherry_pick_in_progress_commit_with_their_review() {
    let repo = repo_with_review();
    repo.git(&["checkout", "-q", "--detach"]);
    repo.write(THURSDAY, "- Detached win #win\n");
    repo.git(&["add", THURSDAY]);
    repo.commit(&[]);
    assert!(repo
        .show(&format!("HEAD:{REVIEW}"))
        .contains("Detached win"));
    let picked = repo.git(&["rev-parse", "HEAD"]);

    // Back on main, the same note with other words: the cherry-pick stops on the conflict,
    // the person resolves it and commits, and the hook runs then.
    repo.git(&["checkout", "-q", "main"]);
    repo.write(THURSDAY, "- Main's words #win\n");
    repo.git(&["add", THURSDAY]);
    repo.commit(&[]);
    let conflict = repo.try_git(&["cherry-pick", picked.trim()]);
    assert!(!conflict.status.success());
    repo.write(THURSDAY, "- Main's words #win\n- Detached win #win\n");
    repo.git(&["add", THURSDAY]);
    repo.git(&["checkout", "-q", "--theirs", REVIEW]);
    repo.git(&["add", REVIEW]);
    repo.commit(&["--no-edit"]);
    let committed = repo.show(&format!("HEAD:{REVIEW}"));
    assert!(committed.contains("Main's words") && committed.contains("Detached win"));
    assert_eq!(block(&committed), block(&repo.rendered_at("HEAD")));
}

#[test]
fn a_commit_during_a_stopped_rebase_gets_its_review() {
    let repo = repo_with_review();
    repo.write(THURSDAY, "- Before the rebase #win\n");
    repo.git(&["add", THURSDAY]);
    repo.commit(&[]);
    // Stop at the last commit to change it, as `edit` in `git rebase -i` does.
    let stopped = repo
        .command(&["rebase", "-q", "-i", "HEAD~1"])
        .env("GIT_SEQUENCE_EDITOR", "sed -i -e 1s/^pick/edit/")
        .output()
        .unwrap();
    assert!(stopped.status.success(), "{}", stdout_and_stderr(&stopped));
    repo.write(
        THURSDAY,
        "- Before the rebase #win\n- During the rebase #win\n",
    );
    repo.git(&["add", THURSDAY]);
    repo.commit(&["--amend", "--no-edit"]);
    repo.git(&["rebase", "--continue"]);
    assert_eq!(repo.git(&["status", "--porcelain"]), "");
    let committed = repo.show(&format!("HEAD:{REVIEW}"));
    assert!(committed.contains("During the rebase"), "{committed}");
    assert_eq!(committed, repo.rendered_at("HEAD"));
}

#[test]
fn notes_git_does_not_check_out_are_read_from_the_index() {
    let repo = repo_with_review();
    // As in a sparse checkout: in the index, not on disk, and git does not look.
    let tuesday = "notes/Daily/2026-11-24.md";
    repo.git(&["update-index", "--skip-worktree", tuesday]);
    fs::remove_file(repo.root().join(tuesday)).unwrap();
    repo.write(THURSDAY, "- Thursday #win\n");
    repo.git(&["add", THURSDAY]);
    repo.commit(&[]);
    let committed = repo.show(&format!("HEAD:{REVIEW}"));
    assert!(committed.contains("Ran 5 km"), "{committed}");
    assert_eq!(committed, repo.rendered_at("HEAD"));
}

#[test]
fn a_worktree_commits_with_its_own_review() {
    let repo = repo_with_review();
    let place = tempfile::tempdir().unwrap();
    let tree = place.path().join("wt");
    repo.git(&[
        "worktree",
        "add",
        "-q",
        "-b",
        "elsewhere",
        &tree.to_string_lossy(),
    ]);
    fs::write(tree.join(THURSDAY), "- From the worktree #win\n").unwrap();
    let git = |args: &[&str]| repo.git_in(&tree, args);
    git(&["add", THURSDAY]);
    git(&["commit", "-q", "-m", "worktree"]);
    assert_eq!(git(&["status", "--porcelain"]), "");
    let committed = git(&["cat-file", "blob", &format!("HEAD:{REVIEW}")]);
    assert!(committed.contains("From the worktree"), "{committed}");
    assert!(
        !repo.file(REVIEW).contains("From the worktree"),
        "the main tree is untouched"
    );
}

#[test]
fn a_submodule_commits_with_its_own_review() {
    let journal = GitRepo::new("check-repo");
    let outer = GitRepo::new("check-repo");
    let added = outer.try_git(&[
        "-c",
        "protocol.file.allow=always",
        "submodule",
        "add",
        "-q",
        &journal.root().to_string_lossy(),
        "journal",
    ]);
    assert!(added.status.success(), "{}", stdout_and_stderr(&added));
    let inner = outer.root().join("journal");
    let installed = smallwins(&inner.join("notes"))
        .args(["hook", "install"])
        .output()
        .unwrap();
    assert!(installed.status.success(), "{installed:?}");
    fs::write(inner.join(WEDNESDAY), GOOD_NOTE).unwrap();
    let git = |args: &[&str]| outer.git_in(&inner, args);
    git(&["add", WEDNESDAY]);
    git(&["commit", "-q", "-m", "inside"]);
    assert_eq!(git(&["status", "--porcelain"]), "");
    assert!(git(&["cat-file", "blob", &format!("HEAD:{REVIEW}")]).contains("Answered the letters"));
    assert!(
        !outer.vault().join("Reviews").exists(),
        "the outer repository is untouched"
    );
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

    repo.write(WEDNESDAY, GOOD_NOTE);
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

    let removed = uninstall(&repo);
    assert!(removed.status.success(), "{removed:?}");
    assert_eq!(fs::read_to_string(&hook).unwrap(), theirs);
    assert!(!repo.hooks().join("pre-commit.smallwins-chained").exists());
    assert!(!repo.hooks().join("pre-merge-commit").exists());
    let refused = uninstall(&repo);
    assert_eq!(
        refused.status.code(),
        Some(1),
        "a foreign hook is left alone"
    );
    assert!(stdout_and_stderr(&refused).contains("left alone (not a smallwins hook)"));
    assert_eq!(fs::read_to_string(&hook).unwrap(), theirs);
}

#[test]
fn a_hook_changed_by_hand_is_kept_by_uninstall_and_moved_aside_by_force() {
    let repo = GitRepo::new("check-repo");
    repo.install(&[]);
    let hook = repo.hooks().join("pre-commit");
    let edited = format!("{}# my own line\n", fs::read_to_string(&hook).unwrap());
    fs::write(&hook, &edited).unwrap();

    let kept = uninstall(&repo);
    let said = stdout_and_stderr(&kept);
    assert_eq!(kept.status.code(), Some(1), "{said}");
    assert!(
        said.contains(&format!("kept (changed by hand since smallwins wrote it; delete it yourself if you no longer want it) {}", hook.display())),
        "{said}"
    );
    assert_eq!(fs::read_to_string(&hook).unwrap(), edited);
    assert!(
        !repo.hooks().join("pre-merge-commit").exists(),
        "the unchanged one is removed"
    );

    let refused = install(&repo, &[]);
    assert_eq!(refused.status.code(), Some(2), "{refused:?}");
    assert!(stdout_and_stderr(&refused).contains("changed by hand"));
    assert!(
        !repo.hooks().join("pre-merge-commit").exists(),
        "nothing written"
    );

    let forced = repo.install(&["--force"]);
    let aside = repo.hooks().join("pre-commit.smallwins-edited");
    assert!(
        stdout_and_stderr(&forced).contains(&format!("moved to {}", aside.display())),
        "{forced:?}"
    );
    assert_eq!(fs::read_to_string(&aside).unwrap(), edited);
    assert!(repo.hooks().join("pre-merge-commit").is_file());
    let removed = uninstall(&repo);
    assert!(removed.status.success(), "{removed:?}");
    assert!(!hook.exists());
    assert_eq!(fs::read_to_string(&aside).unwrap(), edited, "never deleted");
}

#[test]
fn a_hook_from_an_older_smallwins_is_recognised_exactly() {
    let repo = GitRepo::new("check-repo");
    let exe = assert_cmd::cargo::cargo_bin("smallwins");
    let older = format!(
        "#!/bin/sh
# smallwins pre-commit hook: written by `smallwins hook install`, removed by `smallwins hook uninstall`.
# A hook that was here before is kept next to this one as pre-commit.smallwins-chained and runs first.
chained=\"$(dirname \"$0\")/pre-commit.smallwins-chained\"
if [ -x \"$chained\" ]; then
    \"$chained\" \"$@\" || exit $?
fi
smallwins='{}'
if [ ! -x \"$smallwins\" ]; then
    echo \"smallwins not found at $smallwins; reinstall it or run \\`smallwins hook uninstall\\`\" >&2
    exit 1
fi
cd \"$(git rev-parse --show-toplevel)\" || exit 1
exec \"$smallwins\" --vault 'notes' hook run --mode update
",
        exe.display()
    );
    let hook = repo.hooks().join("pre-commit");
    fs::write(&hook, &older).unwrap();
    make_executable(&hook);
    let updated = repo.install(&[]);
    assert!(
        stdout_and_stderr(&updated).contains(&format!("updated {}", hook.display())),
        "{updated:?}"
    );
    fs::write(&hook, &older).unwrap();
    let removed = uninstall(&repo);
    assert!(removed.status.success(), "{removed:?}");
    assert!(!hook.exists());
    fs::write(&hook, older.replace("exit 1\nfi", "exit 2\nfi")).unwrap();
    assert_eq!(uninstall(&repo).status.code(), Some(1), "edited: kept");
    assert!(hook.exists());
}

#[test]
fn hook_respects_core_hooks_path() {
    let repo = GitRepo::new("check-repo");
    repo.git(&["config", "core.hooksPath", "githooks"]);
    let installed = install(&repo, &["--mode", "check"]);
    let said = stdout_and_stderr(&installed);
    assert!(installed.status.success(), "{said}");
    assert!(!said.contains("warning"), "inside the repository: {said}");
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

/// A copy of the binary for the hook to record, that the test may remove or shadow.
fn copied_binary(repo: &GitRepo) -> PathBuf {
    let copy = repo.root().join("bin/smallwins");
    fs::create_dir_all(copy.parent().unwrap()).unwrap();
    // Copied by `cp`, not fs::copy: a write handle open in this process could leak into a child
    // another test forks at that moment and make running the copy fail with "text file busy".
    let copied = Command::new("cp")
        .arg(assert_cmd::cargo::cargo_bin("smallwins"))
        .arg(&copy)
        .status()
        .unwrap();
    assert!(copied.success());
    fs::write(repo.root().join(".gitignore"), "bin/\n").unwrap();
    let installed = Command::new(&copy)
        .args(["--vault", "notes", "--today", TODAY, "hook", "install"])
        .current_dir(repo.root())
        .output()
        .unwrap();
    assert!(installed.status.success(), "{installed:?}");
    copy
}

#[test]
fn hook_explains_a_missing_binary() {
    let repo = GitRepo::new("check-repo");
    let copy = copied_binary(&repo);
    fs::remove_file(&copy).unwrap();
    repo.write(WEDNESDAY, GOOD_NOTE);
    repo.git(&["add", "notes"]);
    let refused = repo.try_git(&["commit", "-q", "-m", "x"]);
    assert!(!refused.status.success());
    let said = stdout_and_stderr(&refused);
    assert!(
        said.contains(&format!(
            "smallwins pre-commit hook: smallwins is neither on PATH nor at {}; install it, or commit with --no-verify",
            copy.display()
        )),
        "{said}"
    );
}

#[cfg(unix)]
#[test]
fn hook_finds_smallwins_on_path_first() {
    let mut repo = GitRepo::new("check-repo");
    let copy = copied_binary(&repo);
    fs::remove_file(&copy).unwrap();
    // The smallwins on PATH (a reinstall elsewhere) is the one that runs.
    let bin = tempfile::tempdir().unwrap();
    let log = bin.path().join("ran");
    let stand_in = bin.path().join("smallwins");
    fs::write(
        &stand_in,
        format!("#!/bin/sh\necho \"$@\" > '{}'\n", log.display()),
    )
    .unwrap();
    make_executable(&stand_in);
    let mut path = OsString::from(bin.path());
    path.push(":");
    path.push(path_without_smallwins());
    repo.env = vec![("PATH".to_owned(), path)];
    repo.write(WEDNESDAY, GOOD_NOTE);
    repo.git(&["add", "notes"]);
    repo.commit(&[]);
    assert_eq!(
        fs::read_to_string(&log).unwrap(),
        "--vault notes hook run --mode update --git-hook pre-commit\n"
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
/// with a `cargo install` (a minute or more), so `cargo test` leaves it out and `.ci/run` runs it
/// by name. Without `pre-commit` it fails under CI (`CI` set) and is skipped, saying so, elsewhere.
/// It runs the hooks of `.pre-commit-hooks.yaml`, each as `language: rust` and as its `-system`
/// twin (the smallwins on PATH). The review hooks write the review of what is staged
/// (pre-commit stashes the rest) and fail once, as hooks that change files do; they stage
/// nothing themselves.
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
    repo.write(WEDNESDAY, EMPTY_WIN);
    repo.git(&["add", "."]);
    let this_repo = env!("CARGO_MANIFEST_DIR");
    let built = assert_cmd::cargo::cargo_bin("smallwins");
    let mut with_built = OsString::from(built.parent().unwrap());
    with_built.push(":");
    with_built.push(std::env::var_os("PATH").unwrap_or_default());
    // try-repo `cargo install`s the crate for each rust hook, in a temporary target folder and
    // with the lean release profile (minutes each on 2 cores). What is tested is the hook, not
    // the optimiser: one kept target folder and a quick profile make the second build a relink.
    let build = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pre-commit-install");
    // On the staged files, as in a commit: pre-commit then stashes what is not staged (it does
    // not with --files).
    let run = |hook: &str| {
        Command::new("pre-commit")
            .current_dir(repo.root())
            .args(["try-repo", this_repo, hook, "--verbose"])
            .env("CARGO_TARGET_DIR", &build)
            .env("CARGO_PROFILE_RELEASE_LTO", "off")
            .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
            .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "1")
            .env("SMALLWINS_TODAY", TODAY)
            .env("SMALLWINS_VAULT", "notes")
            .env("NO_COLOR", "1")
            .env("PATH", &with_built)
            .output()
            .unwrap()
    };
    for hook in ["smallwins-check", "smallwins-check-system"] {
        let check = run(hook);
        let said = stdout_and_stderr(&check);
        assert!(!check.status.success(), "{hook}: {said}");
        assert!(
            said.contains("notes/Daily/2026-11-25.md:3:1: error: empty win"),
            "{hook}: {said}"
        );
    }
    repo.write(WEDNESDAY, GOOD_NOTE);
    repo.git(&["add", "."]);
    repo.write(WEDNESDAY, &format!("{GOOD_NOTE}- Not staged #win\n"));
    let staged_tree = repo.git(&["write-tree"]);
    for hook in ["smallwins-review-system", "smallwins-review"] {
        if repo.root().join(REVIEW).exists() {
            fs::remove_file(repo.root().join(REVIEW)).unwrap();
        }
        let review = run(hook);
        let said = stdout_and_stderr(&review);
        assert!(
            !review.status.success(),
            "{hook}: it wrote a review: {said}"
        );
        assert_eq!(
            repo.file(REVIEW),
            repo.rendered_at(staged_tree.trim()),
            "{hook}"
        );
        assert!(
            !repo.has(&format!(":{REVIEW}")),
            "{hook}: the hook stages nothing"
        );
        assert!(
            repo.file(WEDNESDAY).contains("Not staged"),
            "{hook}: restored"
        );
    }
    repo.git(&["add", REVIEW]);
    // try-repo builds the rust hooks afresh each time: the system twin answers the same.
    let again = run("smallwins-review-system");
    assert!(again.status.success(), "{}", stdout_and_stderr(&again));
}

#[cfg(unix)]
fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o755)).unwrap();
}

#[cfg(not(unix))]
fn make_executable(_path: &Path) {}
