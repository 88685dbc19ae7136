//! The git pre-commit hook: installing and removing it (chaining any hook already there), and
//! what it runs: lint the staged notes, then refresh and stage the reviews of their weeks.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::check::{self, Report};
use crate::config::Config;
use crate::dates::{Period, Week};
use crate::error::{Error, Result};
use crate::git::Repo;
use crate::journal::Journal;
use crate::review::{self, ReviewWrite};
use crate::write::WriteOutcome;

/// The line that identifies a hook smallwins wrote.
pub const HOOK_MARKER: &str = "# smallwins pre-commit hook";
/// The name an existing hook is moved to so that ours can run it first.
pub const CHAINED_NAME: &str = "pre-commit.smallwins-chained";

/// The hook script; `{exe}` and `{vault}` are replaced by shell-quoted paths, `{mode}` by a
/// mode's fixed name.
const TEMPLATE: &str = r#"#!/bin/sh
# smallwins pre-commit hook: written by `smallwins hook install`, removed by `smallwins hook uninstall`.
# A hook that was here before is kept next to this one as pre-commit.smallwins-chained and runs first.
chained="$(dirname "$0")/pre-commit.smallwins-chained"
if [ -x "$chained" ]; then
    "$chained" "$@" || exit $?
fi
smallwins={exe}
if [ ! -x "$smallwins" ]; then
    echo "smallwins not found at $smallwins; reinstall it or run \`smallwins hook uninstall\`" >&2
    exit 1
fi
cd "$(git rev-parse --show-toplevel)" || exit 1
exec "$smallwins" --vault {vault} hook run --mode {mode}
"#;

/// What the installed hook does on each commit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HookMode {
    /// Lint the staged notes only.
    Check,
    /// Lint, then regenerate the reviews of the staged notes' weeks and stage them.
    #[default]
    Update,
}

/// What `hook run` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RunMode {
    /// Lint the staged notes (or the given files); exit 1 on errors.
    Check,
    /// Lint, then regenerate the reviews of the notes' weeks and `git add` them.
    #[default]
    Update,
    /// Regenerate the reviews of the given files' weeks without linting or staging (for the
    /// pre-commit framework, which reports the changed files itself).
    ReviewOnly,
}

impl HookMode {
    fn as_str(self) -> &'static str {
        match self {
            HookMode::Check => "check",
            HookMode::Update => "update",
        }
    }
}

/// What `hook install` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InstallOutcome {
    /// No hook was there; ours was written.
    Installed,
    /// Another hook was there; it was kept as [`CHAINED_NAME`] and runs before ours.
    Chained,
    /// Our previous hook was replaced (`--force`).
    Replaced,
    /// Our hook was already there, identical.
    Unchanged,
}

/// What `hook uninstall` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UninstallOutcome {
    /// Our hook was removed.
    Removed,
    /// Our hook was removed and the chained one put back.
    Restored,
    /// There was no pre-commit hook.
    NotInstalled,
}

/// The hook script for a vault at `prefix` (repository-relative, empty at the top).
pub fn script(exe: &Path, prefix: &str, mode: HookMode) -> String {
    let vault = prefix.trim_end_matches('/');
    let vault = if vault.is_empty() { "." } else { vault };
    // One pass over the template, so a path that itself holds `{vault}` or `{mode}` is not
    // substituted again.
    let mut out = String::with_capacity(TEMPLATE.len() + 256);
    let mut rest = TEMPLATE;
    while let Some(open) = rest.find('{') {
        out.push_str(rest.get(..open).unwrap_or_default());
        let after = rest.get(open..).unwrap_or_default();
        let (value, len) = if after.starts_with("{exe}") {
            (shell_quote(&exe.to_string_lossy()), "{exe}".len())
        } else if after.starts_with("{vault}") {
            (shell_quote(vault), "{vault}".len())
        } else if after.starts_with("{mode}") {
            (mode.as_str().to_owned(), "{mode}".len())
        } else {
            ("{".to_owned(), 1)
        };
        out.push_str(&value);
        rest = after.get(len..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// Quotes a word for POSIX sh.
fn shell_quote(word: &str) -> String {
    format!("'{}'", word.replace('\'', r"'\''"))
}

/// Whether a hook file's text is one smallwins wrote.
fn is_ours(text: &str) -> bool {
    text.lines()
        .nth(1)
        .is_some_and(|line| line.starts_with(HOOK_MARKER))
}

/// Installs the pre-commit hook of the repository holding `vault`, calling `exe`. An existing
/// foreign hook is chained, never overwritten; our own is replaced only with `force`.
pub fn install(
    vault: &Path,
    mode: HookMode,
    force: bool,
    exe: &Path,
) -> Result<(InstallOutcome, PathBuf)> {
    let repo = Repo::discover(vault)?;
    let hook = repo.hooks_dir.join("pre-commit");
    let chained = repo.hooks_dir.join(CHAINED_NAME);
    let wanted = script(exe, &repo.prefix, mode);
    let outcome = match read_optional(&hook)? {
        None => InstallOutcome::Installed,
        Some(text) if text == wanted => return Ok((InstallOutcome::Unchanged, hook)),
        Some(text) if is_ours(&text) => {
            if !force {
                return Err(Error::Refused {
                    path: hook,
                    message: "a smallwins hook with other settings is installed; pass --force to replace it".to_owned(),
                });
            }
            InstallOutcome::Replaced
        }
        Some(_) => {
            if chained.exists() {
                return Err(Error::Refused {
                    path: hook,
                    message: format!(
                        "another hook is installed and {} already exists; merge them by hand",
                        chained.display()
                    ),
                });
            }
            fs::rename(&hook, &chained).map_err(|err| Error::io(&hook, err))?;
            InstallOutcome::Chained
        }
    };
    crate::write::write_if_changed(&hook, wanted.as_bytes())?;
    make_executable(&hook)?;
    Ok((outcome, hook))
}

/// Removes our pre-commit hook and puts back the hook it chained, if any. A foreign hook is
/// left alone (an error).
pub fn uninstall(vault: &Path) -> Result<(UninstallOutcome, PathBuf)> {
    let repo = Repo::discover(vault)?;
    let hook = repo.hooks_dir.join("pre-commit");
    let chained = repo.hooks_dir.join(CHAINED_NAME);
    match read_optional(&hook)? {
        None => return Ok((UninstallOutcome::NotInstalled, hook)),
        Some(text) if !is_ours(&text) => {
            return Err(Error::Refused {
                path: hook,
                message: "not a smallwins hook; left alone".to_owned(),
            })
        }
        Some(_) => {}
    }
    if chained.exists() {
        fs::rename(&chained, &hook).map_err(|err| Error::io(&chained, err))?;
        Ok((UninstallOutcome::Restored, hook))
    } else {
        fs::remove_file(&hook).map_err(|err| Error::io(&hook, err))?;
        Ok((UninstallOutcome::Removed, hook))
    }
}

fn read_optional(path: &Path) -> Result<Option<String>> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(String::from_utf8_lossy(&bytes).into_owned())),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(Error::io(path, err)),
    }
}

#[cfg(unix)]
fn make_executable(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o755)).map_err(|err| Error::io(path, err))
}

#[cfg(not(unix))]
fn make_executable(_path: &Path) -> Result<()> {
    Ok(())
}

/// The weeks whose reviews the checked notes feed: notes dated after today are left out, as
/// scores ignore them.
pub fn weeks_of(report: &Report, config: &Config) -> BTreeSet<Week> {
    report
        .dates
        .iter()
        .filter(|&&date| date <= config.today)
        .map(|&date| Week::containing(date, config.review.week_start))
        .collect()
}

/// The reviews regenerated by [`regenerate`], in week order, written or left alone.
#[derive(Debug, Default)]
pub struct Regenerated {
    /// What was done to each week's review.
    pub writes: Vec<ReviewWrite>,
}

impl Regenerated {
    /// Every review written or found current (not those left alone).
    pub fn reviews(&self) -> Vec<String> {
        self.paths(|_| true)
    }

    /// The reviews created or updated (not those already current).
    pub fn written(&self) -> Vec<String> {
        self.paths(|outcome| outcome != WriteOutcome::Unchanged)
    }

    /// The reviews that could not be written.
    pub fn failures(&self) -> impl Iterator<Item = &ReviewWrite> {
        self.writes.iter().filter(|write| write.outcome().is_none())
    }

    fn paths(&self, wanted: impl Fn(WriteOutcome) -> bool) -> Vec<String> {
        self.writes
            .iter()
            .filter(|write| write.outcome().is_some_and(&wanted))
            .map(|write| write.path.clone())
            .collect()
    }
}

/// Regenerates each week's review exactly as `smallwins week` does, reading the vault once.
pub fn regenerate(config: &Config, weeks: &BTreeSet<Week>) -> Result<Regenerated> {
    let journal = Journal::load(config);
    let periods: Vec<Period> = weeks.iter().copied().map(Period::from).collect();
    let writes = review::write_reviews(config, &journal.notes, &periods, false)?
        .collect::<Result<Vec<_>>>()?;
    Ok(Regenerated { writes })
}

/// What `hook run` found and did.
#[derive(Debug, Default)]
pub struct RunOutcome {
    /// The lint of the staged notes or the given files.
    pub report: Report,
    /// The reviews regenerated, unless only checking or the check found errors.
    pub regenerated: Option<Regenerated>,
    /// Reviews were written but not staged: review-only mode (pre-commit's hooks never stage),
    /// or a partial commit (`git commit PATHS`), whose temporary index git discards.
    pub left_unstaged: bool,
}

impl RunOutcome {
    /// Whether the commit must be refused: lint errors or a review that could not be written.
    pub fn failed(&self) -> bool {
        self.report.has_errors()
            || self
                .regenerated
                .as_ref()
                .is_some_and(|regenerated| regenerated.failures().next().is_some())
    }

    /// Whether reviews changed on disk without being staged: the commit must stop so the person
    /// stages them and commits again.
    pub fn needs_staging(&self) -> bool {
        self.left_unstaged
            && self
                .regenerated
                .as_ref()
                .is_some_and(|regenerated| !regenerated.written().is_empty())
    }
}

/// Whether git runs this hook for a partial commit (`git commit PATHS`): it then hands hooks a
/// temporary index (`next-index-*.lock`) instead of the repository's `index`, and what is staged
/// there never reaches the real index, which would keep the older review.
fn in_partial_commit() -> bool {
    std::env::var_os("GIT_INDEX_FILE")
        .is_some_and(|index| Path::new(&index).file_name() != Some(std::ffi::OsStr::new("index")))
}

/// What the hook runs: lints the staged notes (or `files`), then in update mode regenerates
/// the reviews of their weeks and stages them; review-only mode regenerates the
/// reviews of the given files' weeks without linting or staging.
pub fn run(config: &Config, mode: RunMode, files: &[PathBuf], cwd: &Path) -> Result<RunOutcome> {
    let report = if files.is_empty() {
        check::check_staged(config)?
    } else {
        check::check_paths(config, files, cwd)?
    };
    if mode == RunMode::ReviewOnly {
        let regenerated = regenerate(config, &weeks_of(&report, config))?;
        return Ok(RunOutcome {
            report: Report {
                dates: report.dates,
                checked: report.checked,
                ..Report::default()
            },
            regenerated: Some(regenerated),
            left_unstaged: true,
        });
    }
    if mode == RunMode::Check || report.has_errors() {
        return Ok(RunOutcome {
            report,
            regenerated: None,
            left_unstaged: false,
        });
    }
    let regenerated = regenerate(config, &weeks_of(&report, config))?;
    let left_unstaged = in_partial_commit();
    if !left_unstaged {
        // Every review of the commit's weeks, changed now or not: one regenerated by an earlier
        // `week` run may be current on disk yet unstaged.
        Repo::discover(&config.vault)?.add(&regenerated.reviews())?;
    }
    Ok(RunOutcome {
        report,
        regenerated: Some(regenerated),
        left_unstaged,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_quotes_paths_and_names_the_mode() {
        let text = script(
            Path::new("/opt/it's/smallwins"),
            "My Notes/",
            HookMode::Check,
        );
        assert!(is_ours(&text));
        assert!(text.contains(r"smallwins='/opt/it'\''s/smallwins'"));
        assert!(text.contains("--vault 'My Notes' hook run --mode check\n"));
        let odd = script(
            Path::new("/opt/{vault}/smallwins"),
            "notes",
            HookMode::Check,
        );
        assert!(
            odd.contains("smallwins='/opt/{vault}/smallwins'\n"),
            "{odd}"
        );
        let top = script(Path::new("/bin/smallwins"), "", HookMode::Update);
        assert!(top.contains("--vault '.' hook run --mode update\n"));
    }

    #[test]
    fn foreign_hooks_are_not_ours() {
        assert!(!is_ours("#!/bin/sh\nexit 0\n"));
        assert!(!is_ours(""));
    }
}
