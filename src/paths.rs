//! Vault-relative paths: the `/`-separated names notes go by, turning them into file system paths
//! and back, showing them relative to the current folder, and refusing output paths that would
//! leave the vault. Pure path arithmetic, except for the symlink checks of output paths.

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Result};

/// Normalises a vault-relative folder: `/` separators, no leading `./` or `/`, no trailing `/`.
pub fn clean_folder(folder: &str) -> String {
    folder
        .replace('\\', "/")
        .split('/')
        .filter(|part| !part.is_empty() && *part != ".")
        .collect::<Vec<_>>()
        .join("/")
}

/// The vault-relative path of `name` in `folder` (empty for the vault root).
pub fn in_folder(folder: &str, name: &str) -> String {
    if folder.is_empty() {
        name.to_owned()
    } else {
        format!("{folder}/{name}")
    }
}

/// The vault-relative path of `path` with `/` separators.
pub fn relative_source(vault: &Path, path: &Path) -> String {
    // Paths from the walk are the vault joined with a clean `a/b/c`: cutting the text is enough,
    // where splitting both paths into components costs more than reading the note's name.
    let fast = path
        .to_str()
        .zip(vault.to_str().filter(|base| !base.is_empty()))
        .and_then(|(full, base)| full.strip_prefix(base))
        .and_then(|rest| rest.strip_prefix('/'))
        .filter(|rest| is_clean(rest));
    if let Some(rest) = fast {
        return rest.to_owned();
    }
    let relative = path.strip_prefix(vault).unwrap_or(path);
    relative
        .components()
        .map(|part| part.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Whether `text` is a relative path whose components joined with `/` give back `text` itself.
fn is_clean(text: &str) -> bool {
    std::path::MAIN_SEPARATOR == '/'
        && !text.is_empty()
        && text.split('/').all(|part| !part.is_empty() && part != ".")
}

/// The path of `target` as seen from the folder of `from`, both vault-relative.
pub fn relative_path(from: &str, target: &str) -> String {
    let from_dir: Vec<&str> = from.split('/').collect();
    let from_dir = from_dir.split_last().map_or(&[][..], |(_, dir)| dir);
    let target_parts: Vec<&str> = target.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&target_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts: Vec<&str> = vec![".."; from_dir.len() - common];
    parts.extend(target_parts.iter().skip(common));
    parts.join("/")
}

/// The path of a vault note relative to `cwd`, as editors and terminals want it.
pub fn display_path(vault: &Path, source: &str, cwd: &Path) -> String {
    let target = normalize(&cwd.join(vault).join(source));
    let base = normalize(cwd);
    let common = target
        .components()
        .zip(base.components())
        .take_while(|(a, b)| a == b)
        .count();
    let mut relative = PathBuf::new();
    for _ in base.components().skip(common) {
        relative.push("..");
    }
    for part in target.components().skip(common) {
        relative.push(part);
    }
    relative.to_string_lossy().into_owned()
}

/// Removes `.` and folds `..` without touching the file system.
pub fn normalize(path: &Path) -> PathBuf {
    let mut clean = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                if matches!(clean.components().next_back(), Some(Component::Normal(_))) {
                    clean.pop();
                } else if !clean.has_root() {
                    clean.push("..");
                }
            }
            other => clean.push(other),
        }
    }
    clean
}

/// Where to write a file the person named on the command line (`heatmap --out`): through a
/// symlink to the file it points at, as a shell redirection would, so the link stays a link;
/// into a folder that must exist (a typo must not create folders).
pub fn explicit_output_path(path: &Path) -> Result<PathBuf> {
    let target = if fs::symlink_metadata(path).is_ok_and(|meta| meta.file_type().is_symlink()) {
        path.canonicalize().map_err(|err| Error::Refused {
            path: path.to_path_buf(),
            message: format!("is a symlink to a file that cannot be reached ({err}); point it at a file or remove it"),
        })?
    } else {
        path.to_path_buf()
    };
    let folder = target
        .parent()
        .filter(|folder| !folder.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !folder.is_dir() {
        return Err(Error::io(
            folder,
            std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "no such folder; create it first (smallwins does not create folders for --out)",
            ),
        ));
    }
    Ok(target)
}

/// How a configuration source writes paths inside the vault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingStyle {
    /// `.smallwins.toml`: relative to the vault root; a leading `/` is an absolute path.
    Relative,
    /// Obsidian and its plugins: vault paths, where a leading `/` means the vault root.
    Vault,
}

/// Reads a folder or file path from a configuration source as a clean vault-relative path, or
/// says why it would leave the vault: a `..` part, or an absolute path (a drive letter, `~`,
/// and under [`SettingStyle::Relative`] a leading `/`).
pub fn setting_path(value: &str, style: SettingStyle) -> std::result::Result<String, String> {
    let unified = value.trim().replace('\\', "/");
    let drive = unified.as_bytes().get(1) == Some(&b':')
        && unified
            .as_bytes()
            .first()
            .is_some_and(u8::is_ascii_alphabetic);
    let rooted = unified.starts_with('/') && style == SettingStyle::Relative;
    if drive || rooted || unified.starts_with("//") || unified == "~" || unified.starts_with("~/") {
        return Err(format!(
            "`{value}` is an absolute path; paths in the settings are relative to the vault \
             (e.g. `Daily`), and smallwins reads and writes only inside it"
        ));
    }
    if unified.split('/').any(|part| part.trim() == "..") {
        return Err(format!(
            "`{value}` leads out of the vault through `..`; smallwins reads and writes only \
             inside the vault"
        ));
    }
    Ok(clean_folder(&unified))
}

/// What smallwins does with a path it resolves inside the vault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    /// Reads it (a template): a symlink is followed if it leads to a file inside the vault.
    Read,
    /// Writes it: the file itself must not be a symlink (the rename would replace the link).
    Write,
}

/// Resolves a vault-relative path for writing, refusing anything that would land outside the
/// vault: `..` or absolute parts, a folder on the way that is a symlink leading out of the vault,
/// or a target that is itself a symlink. Symlinked folders that stay inside the vault are fine.
pub fn safe_output_path(vault: &Path, relative: &str) -> Result<PathBuf> {
    gate(vault, relative, Access::Write)
}

/// Resolves a vault-relative path for reading a template or setting from, refusing `..` or
/// absolute parts and symlinks (of the file or a folder on the way) that lead out of the vault.
pub fn safe_input_path(vault: &Path, relative: &str) -> Result<PathBuf> {
    gate(vault, relative, Access::Read)
}

/// The one gate every path smallwins reads a template from or writes to goes through.
fn gate(vault: &Path, relative: &str, access: Access) -> Result<PathBuf> {
    let refuse = |path: &Path, message: String| Error::Refused {
        path: path.to_path_buf(),
        message,
    };
    let mut path = vault.to_path_buf();
    for part in relative.split('/').filter(|part| !part.is_empty()) {
        let mut components = Path::new(part).components();
        match (components.next(), components.next()) {
            (Some(Component::Normal(_)), None) => path.push(part),
            _ => {
                return Err(refuse(
                    &vault.join(relative),
                    "must stay inside the vault (no `..` or absolute paths)".to_owned(),
                ))
            }
        }
    }
    if path == vault {
        return Err(refuse(&path, "names no file".to_owned()));
    }
    let is_link = fs::symlink_metadata(&path).is_ok_and(|meta| meta.file_type().is_symlink());
    if is_link && access == Access::Write {
        return Err(refuse(
            &path,
            "is a symlink; smallwins does not write through symlinks (replace it with the file itself, or change the folder in the settings)".to_owned(),
        ));
    }
    // The deepest part that exists decides where the path really leads: canonical, it must lie
    // inside the canonical vault (which may itself be reached through a symlink).
    let existing = if is_link {
        Some(path.as_path())
    } else {
        path.ancestors()
            .take_while(|folder| folder.starts_with(vault) && *folder != vault)
            .find(|folder| fs::symlink_metadata(folder).is_ok())
    };
    let Some(existing) = existing else {
        return Ok(path);
    };
    let root = vault.canonicalize().map_err(|err| Error::io(vault, err))?;
    let resolved = match existing.canonicalize() {
        Ok(resolved) => resolved,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            return Err(refuse(
                &path,
                format!(
                    "{} is a broken symlink; smallwins does not follow it",
                    existing.display()
                ),
            ))
        }
        Err(err) => return Err(Error::io(existing, err)),
    };
    if !resolved.starts_with(&root) {
        return Err(refuse(
            &path,
            format!(
                "leads through a symlink to {}, outside the vault; smallwins only reads and writes inside the vault",
                resolved.display()
            ),
        ));
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_climb_only_as_far_as_needed() {
        assert_eq!(relative_path("Reviews/x.md", "Reviews/y.md"), "y.md");
        assert_eq!(relative_path("x.md", "Daily/y.md"), "Daily/y.md");
        assert_eq!(relative_path("R/2026/x.md", "R/y.md"), "../y.md");
    }

    #[test]
    fn display_paths_are_relative_to_the_current_folder() {
        let cases = [
            ("/r/vault", "Daily/a.md", "/r", "vault/Daily/a.md"),
            ("/r/vault", "Daily/a.md", "/r/vault/Daily", "a.md"),
            ("/r/vault", "a.md", "/r/other", "../vault/a.md"),
            ("vault", "a.md", "/r", "vault/a.md"),
            ("./vault/../vault", "a.md", "/r", "vault/a.md"),
        ];
        for (vault, source, cwd, expected) in cases {
            assert_eq!(
                display_path(Path::new(vault), source, Path::new(cwd)),
                expected
            );
        }
    }

    #[test]
    fn normalize_folds_parent_folders_it_can() {
        let cases = [
            ("notes/../.git/hooks", ".git/hooks"),
            ("./.git/hooks", ".git/hooks"),
            ("notes/../../.git/hooks", "../.git/hooks"),
            ("/r/notes/../x", "/r/x"),
            ("/../x", "/x"),
        ];
        for (path, expected) in cases {
            assert_eq!(normalize(Path::new(path)), Path::new(expected), "{path}");
        }
    }

    #[test]
    fn output_paths_stay_inside_the_vault() {
        let vault = tempfile::tempdir().unwrap();
        let inside = safe_output_path(vault.path(), "Reviews/2026-W47.md").unwrap();
        assert_eq!(inside, vault.path().join("Reviews/2026-W47.md"));
        for bad in ["../x.md", "Reviews/../../x.md", "", "/"] {
            assert!(
                matches!(
                    safe_output_path(vault.path(), bad),
                    Err(Error::Refused { .. })
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn settings_paths_stay_inside_the_vault() {
        use SettingStyle::{Relative, Vault};
        let cases: &[(&str, SettingStyle, Option<&str>)] = &[
            ("Daily", Relative, Some("Daily")),
            ("./Journal/2026/", Relative, Some("Journal/2026")),
            ("Notes\\Daily", Relative, Some("Notes/Daily")),
            ("", Relative, Some("")),
            ("/Daily", Vault, Some("Daily")),
            ("/", Vault, Some("")),
            ("/Daily", Relative, None),
            ("../secret", Relative, None),
            ("Daily/../../x", Vault, None),
            ("Daily/ .. /x", Vault, None),
            ("C:\\Users\\me", Vault, None),
            ("c:/notes", Relative, None),
            ("//server/share", Vault, None),
            ("~/notes", Relative, None),
            ("..hidden", Relative, Some("..hidden")),
        ];
        for (value, style, want) in cases {
            assert_eq!(
                setting_path(value, *style).ok().as_deref(),
                *want,
                "{value:?}"
            );
        }
        let why = setting_path("../x", Relative).unwrap_err();
        assert!(why.contains("`../x`") && why.contains(".."), "{why}");
    }

    #[cfg(unix)]
    #[test]
    fn templates_are_read_through_symlinks_only_inside_the_vault() {
        let vault = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        fs::write(vault.path().join("real.md"), "x").unwrap();
        fs::write(outside.path().join("secret.md"), "x").unwrap();
        std::os::unix::fs::symlink(vault.path().join("real.md"), vault.path().join("in.md"))
            .unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("secret.md"),
            vault.path().join("out.md"),
        )
        .unwrap();
        std::os::unix::fs::symlink(outside.path().join("gone.md"), vault.path().join("dead.md"))
            .unwrap();
        assert!(safe_input_path(vault.path(), "in.md").is_ok());
        assert!(safe_input_path(vault.path(), "missing/t.md").is_ok());
        for bad in ["out.md", "dead.md", "../x.md"] {
            assert!(
                matches!(
                    safe_input_path(vault.path(), bad),
                    Err(Error::Refused { .. })
                ),
                "{bad}"
            );
        }
        assert!(matches!(
            safe_output_path(vault.path(), "in.md"),
            Err(Error::Refused { .. })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_vault_are_refused_but_inside_ones_are_fine() {
        let vault = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        fs::create_dir_all(vault.path().join("Real")).unwrap();
        std::os::unix::fs::symlink(vault.path().join("Real"), vault.path().join("Inside")).unwrap();
        std::os::unix::fs::symlink(outside.path(), vault.path().join("Out")).unwrap();
        assert!(safe_output_path(vault.path(), "Inside/r.md").is_ok());
        assert!(matches!(
            safe_output_path(vault.path(), "Out/deeper/r.md"),
            Err(Error::Refused { .. })
        ));
        std::os::unix::fs::symlink(outside.path().join("t.md"), vault.path().join("link.md"))
            .unwrap();
        assert!(matches!(
            safe_output_path(vault.path(), "link.md"),
            Err(Error::Refused { .. })
        ));
    }
}
