//! The hook scripts: their text, recognising a script smallwins wrote (this version's or an
//! older one, byte for byte), and installing or removing them beside any hook already there.

use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::config;
use crate::error::{Error, Result};
use crate::git::Repo;

/// The hooks smallwins installs: `pre-commit` for commits, and `pre-merge-commit` for merges
/// that commit at once, which run no pre-commit hook.
pub const HOOKS: [&str; 2] = ["pre-commit", "pre-merge-commit"];

/// What the installed hooks do on each commit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HookMode {
    /// Lint the staged notes only.
    Check,
    /// Lint, then bring the reviews of the staged notes' periods up to date in the commit.
    #[default]
    Update,
}

impl HookMode {
    fn as_str(self) -> &'static str {
        match self {
            HookMode::Check => "check",
            HookMode::Update => "update",
        }
    }
}

/// The script of this version. It runs only in the repository it was installed for (or the
/// one whose own hooks folder holds it, should that repository move); anywhere else, as
/// through a `core.hooksPath` shared by every repository, it does nothing.
const TEMPLATE: &str = r#"#!/bin/sh
# smallwins {hook} hook: written by `smallwins hook install`, removed by `smallwins hook uninstall`.
# It keeps the journal of one repository and does nothing in any other. A hook that was here
# before is kept next to this one as {hook}.smallwins-chained and runs first.
repository={repository}
vault={vault}
installed={exe}
chained="$(dirname "$0")/{hook}.smallwins-chained"
if [ -x "$chained" ]; then
    "$chained" "$@" || exit $?
fi
here="$(cd "$(git rev-parse --git-common-dir)" 2>/dev/null && pwd -P)" || exit 0
own="$(cd "$(dirname "$0")/.." 2>/dev/null && pwd -P)"
if [ "$here" != "$repository" ] && [ "$here" != "$own" ]; then
    exit 0
fi
cd "$(git rev-parse --show-toplevel)" || exit 1
if command -v smallwins >/dev/null 2>&1; then
    smallwins=smallwins
elif [ -x "$installed" ]; then
    smallwins="$installed"
else
    echo "smallwins {hook} hook: smallwins is neither on PATH nor at $installed; install it, or commit with --no-verify and remove the hook with \`smallwins hook uninstall\`" >&2
    exit 1
fi
exec "$smallwins" --vault "$vault" hook run --mode {mode} --git-hook {hook}
"#;

/// Scripts that earlier versions wrote, recognised exactly so that `uninstall` removes them
/// and `install` replaces them.
const OLDER_TEMPLATES: [&str; 1] = [r#"#!/bin/sh
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
"#];

/// The line every script smallwins wrote starts its second line with, edited or not.
const MARKER: &str = "# smallwins ";

/// A value a template holds: shell-quoted paths, or fixed words written as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Slot {
    Hook,
    Repository,
    Vault,
    Exe,
    Mode,
}

impl Slot {
    const ALL: [Slot; 5] = [
        Slot::Hook,
        Slot::Repository,
        Slot::Vault,
        Slot::Exe,
        Slot::Mode,
    ];

    fn name(self) -> &'static str {
        match self {
            Slot::Hook => "{hook}",
            Slot::Repository => "{repository}",
            Slot::Vault => "{vault}",
            Slot::Exe => "{exe}",
            Slot::Mode => "{mode}",
        }
    }

    fn quoted(self) -> bool {
        matches!(self, Slot::Repository | Slot::Vault | Slot::Exe)
    }
}

/// What a script was written for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// `pre-commit` or `pre-merge-commit`.
    pub hook: String,
    /// The repository's git folder (shared by its worktrees), canonical.
    pub repository: String,
    /// The vault's folder relative to the repository's top level (`.` at the top).
    pub vault: String,
    /// The smallwins binary that installed it.
    pub exe: String,
    /// `check` or `update`.
    pub mode: String,
}

impl Settings {
    fn get(&self, slot: Slot) -> &str {
        match slot {
            Slot::Hook => &self.hook,
            Slot::Repository => &self.repository,
            Slot::Vault => &self.vault,
            Slot::Exe => &self.exe,
            Slot::Mode => &self.mode,
        }
    }

    fn set(&mut self, slot: Slot, value: String) {
        match slot {
            Slot::Hook => self.hook = value,
            Slot::Repository => self.repository = value,
            Slot::Vault => self.vault = value,
            Slot::Exe => self.exe = value,
            Slot::Mode => self.mode = value,
        }
    }
}

/// A template cut at its slots.
fn tokens(template: &str) -> Vec<Result<&str, Slot>> {
    let mut tokens = Vec::new();
    let mut rest = template;
    let mut literal_end = 0;
    while let Some(open) = rest.get(literal_end..).and_then(|tail| tail.find('{')) {
        let at = literal_end + open;
        let tail = rest.get(at..).unwrap_or_default();
        match Slot::ALL.iter().find(|slot| tail.starts_with(slot.name())) {
            Some(&slot) => {
                tokens.push(Ok(rest.get(..at).unwrap_or_default()));
                tokens.push(Err(slot));
                rest = tail.get(slot.name().len()..).unwrap_or_default();
                literal_end = 0;
            }
            None => literal_end = at + 1,
        }
    }
    tokens.push(Ok(rest));
    tokens
}

/// Fills a template in one pass, so a value that itself holds `{vault}` stays as it is.
fn fill(template: &str, settings: &Settings) -> String {
    tokens(template)
        .into_iter()
        .map(|token| match token {
            Ok(literal) => literal.to_owned(),
            Err(slot) if slot.quoted() => shell_quote(settings.get(slot)),
            Err(slot) => settings.get(slot).to_owned(),
        })
        .collect()
}

/// The settings `text` was written with from `template`, when it is exactly that template
/// filled in.
fn recognise(template: &str, text: &str) -> Option<Settings> {
    let mut settings = Settings::default();
    let mut seen = Vec::new();
    let mut rest = text;
    for token in tokens(template) {
        match token {
            Ok(literal) => rest = rest.strip_prefix(literal)?,
            Err(slot) => {
                let (value, len) = if slot.quoted() {
                    shell_unquote(rest)?
                } else {
                    let len = rest
                        .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '-'))
                        .unwrap_or(rest.len());
                    (rest.get(..len)?.to_owned(), len)
                };
                if seen.contains(&slot) && settings.get(slot) != value {
                    return None;
                }
                seen.push(slot);
                settings.set(slot, value);
                rest = rest.get(len..)?;
            }
        }
    }
    (rest.is_empty() && fill(template, &settings) == text).then_some(settings)
}

/// Quotes a word for POSIX sh.
fn shell_quote(word: &str) -> String {
    format!("'{}'", word.replace('\'', r"'\''"))
}

/// Reads a word [`shell_quote`] wrote at the start of `text`: its value and length.
fn shell_unquote(text: &str) -> Option<(String, usize)> {
    let mut value = String::new();
    let mut pos = 0;
    loop {
        let open = text.get(pos..)?.strip_prefix('\'')?;
        let close = open.find('\'')?;
        value.push_str(open.get(..close)?);
        pos += close + 2;
        if text.get(pos..)?.starts_with(r"\''") {
            value.push('\'');
            pos += 2;
        } else {
            return Some((value, pos));
        }
    }
}

/// What a hook file holds, as far as smallwins is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A script smallwins wrote, unchanged (of this version or an older one).
    Ours(Settings),
    /// A script smallwins wrote that was changed since.
    Edited,
    /// Someone else's hook.
    Foreign,
}

/// Tells what a hook file holds.
pub fn kind(text: &str) -> Kind {
    let known = std::iter::once(TEMPLATE)
        .chain(OLDER_TEMPLATES)
        .find_map(|template| recognise(template, text));
    match known {
        Some(mut settings) => {
            if settings.hook.is_empty() {
                // The older script was only ever a pre-commit hook.
                settings.hook = "pre-commit".to_owned();
            }
            Kind::Ours(settings)
        }
        None if text
            .lines()
            .nth(1)
            .is_some_and(|line| line.starts_with(MARKER)) =>
        {
            Kind::Edited
        }
        None => Kind::Foreign,
    }
}

/// The script for `settings`.
pub fn script(settings: &Settings) -> String {
    fill(TEMPLATE, settings)
}

/// What `hook install` did to one hook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InstallOutcome {
    /// No hook was there; ours was written.
    Installed,
    /// Another hook was there; it was kept as `<hook>.smallwins-chained` and runs before ours.
    Chained,
    /// Our earlier script, for the same mode and vault, was brought up to date.
    Updated,
    /// Our script with other settings was replaced (`--force`).
    Replaced,
    /// Our script was there already, identical.
    Unchanged,
    /// Our script, changed by hand, was moved to this file (`--force`) and a fresh one written.
    MovedAside(PathBuf),
}

/// What `hook install` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Installed {
    /// Each hook file and what was done to it.
    pub hooks: Vec<(PathBuf, InstallOutcome)>,
    /// The repository's top-level folder.
    pub root: PathBuf,
    /// The vault's folder relative to it (`.` at the top).
    pub vault: String,
    /// Set when the hooks folder lies outside the repository (a shared `core.hooksPath`): the
    /// hooks there run for every repository that uses it.
    pub shared: Option<PathBuf>,
}

/// What `hook install` will do to one hook file, decided before any is written.
enum Step {
    Write(InstallOutcome),
    Chain(PathBuf),
    MoveAside(PathBuf),
    Keep,
}

/// Installs the hooks of the repository holding `vault`, calling `exe`. When `vault` is only
/// the current folder (`unmarked`: not named, no marker at or above it), the one marked vault
/// inside the repository is used. An
/// existing foreign hook is chained, never overwritten; a script smallwins wrote is replaced
/// when only its paths or version differ, else only with `force`; one changed by hand is moved
/// aside, with `force` only. Nothing is written unless every hook can be installed.
pub fn install(
    vault: &Path,
    unmarked: bool,
    mode: HookMode,
    force: bool,
    exe: &Path,
) -> Result<Installed> {
    let vault = if unmarked {
        find_vault(vault)?
    } else {
        vault.to_path_buf()
    };
    let repo = Repo::discover(&vault)?;
    let folder = match repo.vault_folder() {
        folder if folder.is_empty() => ".".to_owned(),
        folder => folder,
    };
    let mut steps = Vec::new();
    for hook in HOOKS {
        let settings = Settings {
            hook: hook.to_owned(),
            repository: repo.common_dir.to_string_lossy().into_owned(),
            vault: folder.clone(),
            exe: exe.to_string_lossy().into_owned(),
            mode: mode.as_str().to_owned(),
        };
        let path = repo.hooks_dir.join(hook);
        let wanted = script(&settings);
        let step = plan(&path, &wanted, &settings, force)?;
        steps.push((path, wanted, step));
    }
    fs::create_dir_all(&repo.hooks_dir).map_err(|err| Error::io(&repo.hooks_dir, err))?;
    let mut hooks = Vec::new();
    for (path, wanted, step) in steps {
        let outcome = match step {
            Step::Keep => {
                hooks.push((path, InstallOutcome::Unchanged));
                continue;
            }
            Step::Write(outcome) => outcome,
            Step::Chain(chained) => {
                fs::rename(&path, &chained).map_err(|err| Error::io(&path, err))?;
                InstallOutcome::Chained
            }
            Step::MoveAside(aside) => {
                fs::rename(&path, &aside).map_err(|err| Error::io(&path, err))?;
                InstallOutcome::MovedAside(aside)
            }
        };
        crate::write::write_if_changed(&path, wanted.as_bytes())?;
        make_executable(&path)?;
        hooks.push((path, outcome));
    }
    Ok(Installed {
        hooks,
        shared: is_shared(&repo).then(|| repo.hooks_dir.clone()),
        root: repo.root,
        vault: folder,
    })
}

/// What to do to the hook file at `path` so that it becomes `wanted`.
fn plan(path: &Path, wanted: &str, settings: &Settings, force: bool) -> Result<Step> {
    let refuse = |message: String| Error::Refused {
        path: path.to_path_buf(),
        message,
    };
    let Some(text) = read_optional(path)? else {
        return Ok(Step::Write(InstallOutcome::Installed));
    };
    if text == wanted {
        return Ok(Step::Keep);
    }
    Ok(match kind(&text) {
        Kind::Ours(found) if found.mode == settings.mode && found.vault == settings.vault => {
            Step::Write(InstallOutcome::Updated)
        }
        Kind::Ours(_) if force => Step::Write(InstallOutcome::Replaced),
        Kind::Ours(found) => {
            return Err(refuse(format!(
                "a smallwins hook for mode {} and vault {} is installed; pass --force to replace it",
                found.mode, found.vault
            )))
        }
        Kind::Edited if force => Step::MoveAside(free_name(path, "smallwins-edited")),
        Kind::Edited => {
            return Err(refuse(
                "this smallwins hook was changed by hand, so it is left as it is; pass --force to move it aside (it is kept, renamed) and install a fresh one".to_owned(),
            ))
        }
        Kind::Foreign => {
            let chained = sibling(path, "smallwins-chained");
            if chained.exists() {
                return Err(refuse(format!(
                    "another hook is installed and {} already exists; merge them by hand",
                    chained.display()
                )));
            }
            Step::Chain(chained)
        }
    })
}

/// What `hook uninstall` did to one hook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UninstallOutcome {
    /// Our script was removed.
    Removed,
    /// Our script was removed and the hook it chained put back.
    Restored,
    /// There was no such hook.
    NotInstalled,
    /// Our script, changed by hand since, was left in place.
    KeptEdited,
    /// Someone else's hook was left in place.
    KeptForeign,
}

/// Removes the hooks smallwins wrote, unchanged, and puts back the hooks they chained. A hook
/// changed by hand, or someone else's, is left where it is.
pub fn uninstall(vault: &Path) -> Result<Vec<(PathBuf, UninstallOutcome)>> {
    let repo = Repo::discover(vault)?;
    let mut done = Vec::new();
    for hook in HOOKS {
        let path = repo.hooks_dir.join(hook);
        let outcome = match read_optional(&path)?.as_deref().map(kind) {
            None => UninstallOutcome::NotInstalled,
            Some(Kind::Edited) => UninstallOutcome::KeptEdited,
            Some(Kind::Foreign) => UninstallOutcome::KeptForeign,
            Some(Kind::Ours(_)) => {
                let chained = sibling(&path, "smallwins-chained");
                if chained.exists() {
                    fs::rename(&chained, &path).map_err(|err| Error::io(&chained, err))?;
                    UninstallOutcome::Restored
                } else {
                    fs::remove_file(&path).map_err(|err| Error::io(&path, err))?;
                    UninstallOutcome::Removed
                }
            }
        };
        done.push((path, outcome));
    }
    Ok(done)
}

/// `pre-commit` → `pre-commit.<suffix>` in the same folder.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".");
    name.push(suffix);
    path.with_file_name(name)
}

/// [`sibling`], or `…-2`, `…-3`: the first name not taken.
fn free_name(path: &Path, suffix: &str) -> PathBuf {
    std::iter::once(sibling(path, suffix))
        .chain((2..).map(|n| sibling(path, &format!("{suffix}-{n}"))))
        .find(|candidate| fs::symlink_metadata(candidate).is_err())
        .unwrap_or_else(|| sibling(path, suffix))
}

/// The vault of a repository when the folder at hand is not one: the one folder inside the
/// repository holding a vault marker. With none, the folder at hand; with several, an error.
fn find_vault(start: &Path) -> Result<PathBuf> {
    let repo = Repo::discover(start)?;
    let mut found: Vec<PathBuf> = Vec::new();
    let mut walk = WalkDir::new(&repo.root)
        .max_depth(4)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
        });
    while let Some(entry) = walk.next() {
        let Ok(entry) = entry else { continue };
        if entry.file_type().is_dir() && config::vault_marker(entry.path()).is_some() {
            found.push(entry.path().to_path_buf());
            // A vault's own folders are not vaults of the repository.
            walk.skip_current_dir();
        }
    }
    match found.as_slice() {
        [] => Ok(start.to_path_buf()),
        [one] => Ok(one.clone()),
        several => Err(Error::Usage(format!(
            "this repository holds several vaults ({}); name the one the hook keeps with --vault",
            several
                .iter()
                .map(|dir| crate::paths::relative_source(&repo.root, dir))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// Whether the repository's hooks folder lies outside both its git folder and its work tree.
fn is_shared(repo: &Repo) -> bool {
    let Ok(hooks) = repo.hooks_dir.canonicalize() else {
        return false;
    };
    let root = repo
        .root
        .canonicalize()
        .unwrap_or_else(|_| repo.root.clone());
    !hooks.starts_with(&repo.common_dir) && !hooks.starts_with(root)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(exe: &str, vault: &str) -> Settings {
        Settings {
            hook: "pre-merge-commit".to_owned(),
            repository: "/home/me/My Notes/.git".to_owned(),
            vault: vault.to_owned(),
            exe: exe.to_owned(),
            mode: "update".to_owned(),
        }
    }

    #[test]
    fn scripts_quote_paths_and_are_recognised_exactly() {
        let odd = settings("/opt/it's {vault}/smallwins", "My Notes");
        let text = script(&odd);
        assert!(text.contains(r"installed='/opt/it'\''s {vault}/smallwins'"));
        assert!(text.contains("\nvault='My Notes'\n"));
        assert!(text.contains("repository='/home/me/My Notes/.git'\n"));
        assert!(text.contains("pre-merge-commit.smallwins-chained"));
        assert!(text.ends_with("hook run --mode update --git-hook pre-merge-commit\n"));
        assert_eq!(kind(&text), Kind::Ours(odd));
    }

    #[test]
    fn a_changed_script_is_edited_and_anything_else_foreign() {
        let text = script(&settings("/bin/smallwins", "."));
        let edited = text.replace("exit 0\nfi", "exit 0\nfi\necho mine");
        assert_eq!(kind(&edited), Kind::Edited);
        assert_eq!(kind(&format!("{text}\n")), Kind::Edited, "one byte more");
        assert_eq!(kind(&text.replace("'.'", "'.'x")), Kind::Edited);
        assert_eq!(kind("#!/bin/sh\nexit 0\n"), Kind::Foreign);
        assert_eq!(kind(""), Kind::Foreign);
    }

    #[test]
    fn older_scripts_are_recognised_with_their_settings() {
        let older = OLDER_TEMPLATES[0]
            .replace("{exe}", r"'/usr/local/bin/small'\''wins'")
            .replace("{vault}", "'notes'")
            .replace("{mode}", "check");
        let Kind::Ours(found) = kind(&older) else {
            panic!("not recognised: {older}");
        };
        assert_eq!(
            (
                found.hook.as_str(),
                found.exe.as_str(),
                found.vault.as_str(),
                found.mode.as_str()
            ),
            ("pre-commit", "/usr/local/bin/small'wins", "notes", "check")
        );
        assert_eq!(kind(&older.replace("runs first", "runs")), Kind::Edited);
    }

    #[test]
    fn shell_words_round_trip() {
        for word in [
            "",
            "plain",
            "it's",
            "''",
            "a'b'c",
            "$(rm -rf /)",
            "tab\there",
        ] {
            let quoted = shell_quote(word);
            assert_eq!(
                shell_unquote(&format!("{quoted}rest")),
                Some((word.to_owned(), quoted.len()))
            );
        }
        assert_eq!(shell_unquote("unquoted"), None);
        assert_eq!(shell_unquote("'open"), None);
    }

    #[test]
    fn moved_aside_names_never_replace_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let hook = dir.path().join("pre-commit");
        assert_eq!(
            free_name(&hook, "smallwins-edited"),
            dir.path().join("pre-commit.smallwins-edited")
        );
        fs::write(dir.path().join("pre-commit.smallwins-edited"), "x").unwrap();
        fs::write(dir.path().join("pre-commit.smallwins-edited-2"), "x").unwrap();
        assert_eq!(
            free_name(&hook, "smallwins-edited"),
            dir.path().join("pre-commit.smallwins-edited-3")
        );
    }
}
