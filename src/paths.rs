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

/// Resolves a vault-relative path for writing, refusing anything that would land outside the
/// vault: `..` or absolute parts, an existing folder on the way that is a symlink leading out of
/// the vault, or a target that is itself a symlink.
pub fn safe_output_path(vault: &Path, relative: &str) -> Result<PathBuf> {
    let refuse = |path: &Path, message: &str| Error::Refused {
        path: path.to_path_buf(),
        message: message.to_owned(),
    };
    let mut path = vault.to_path_buf();
    for part in relative.split('/').filter(|part| !part.is_empty()) {
        if matches!(
            Path::new(part).components().next(),
            Some(Component::Normal(_))
        ) && Path::new(part).components().count() == 1
        {
            path.push(part);
        } else {
            return Err(refuse(
                &vault.join(relative),
                "output path must stay inside the vault",
            ));
        }
    }
    if path == vault {
        return Err(refuse(&path, "output path names no file"));
    }
    let root = vault.canonicalize().map_err(|err| Error::io(vault, err))?;
    if fs::symlink_metadata(&path).is_ok_and(|meta| meta.file_type().is_symlink()) {
        return Err(refuse(
            &path,
            "is a symlink; smallwins does not write through symlinks (replace it with the file itself, or change the folder in the settings)",
        ));
    }
    let mut ancestor = path.parent();
    while let Some(folder) = ancestor.filter(|folder| folder.starts_with(vault) && *folder != vault)
    {
        if fs::symlink_metadata(folder).is_ok_and(|meta| meta.file_type().is_symlink()) {
            let resolved = folder
                .canonicalize()
                .map_err(|err| Error::io(folder, err))?;
            if !resolved.starts_with(&root) {
                return Err(refuse(
                    &path,
                    &format!(
                        "{} is a symlink to {}, outside the vault; smallwins only writes inside the vault",
                        folder.display(),
                        resolved.display()
                    ),
                ));
            }
        }
        ancestor = folder.parent();
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
