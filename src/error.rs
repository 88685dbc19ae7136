//! The library's error type: every I/O variant carries the path it failed on.

use std::io;
use std::path::PathBuf;

/// Everything that can stop a command (as opposed to a warning about one note).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a file or folder failed.
    #[error("{}", path.display())]
    Io {
        /// The file or folder involved.
        path: PathBuf,
        /// What the operating system said.
        source: io::Error,
    },
    /// A configuration file is invalid: the message names the key.
    #[error("{}: {message}", path.display())]
    Config {
        /// The configuration file.
        path: PathBuf,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// A command-line value is invalid.
    #[error("{0}")]
    Usage(String),
    /// A template failed to load or render.
    #[error("template {name}: {message}")]
    Template {
        /// The template's name.
        name: String,
        /// What minijinja said.
        message: String,
    },
    /// Writing a file failed. The path is the file the person knows (a note, a review), never
    /// the temporary file the write went through.
    #[error("cannot write {}", path.display())]
    Write {
        /// The file that was being written.
        path: PathBuf,
        /// What the operating system said.
        source: io::Error,
    },
    /// A command that needs git ran on a vault outside any git repository.
    #[error("{} is not inside a git repository", path.display())]
    NotARepository {
        /// The vault folder.
        path: PathBuf,
    },
    /// Writing the output would clobber or escape something it must not.
    #[error("{}: {message}", path.display())]
    Refused {
        /// The file that was not written.
        path: PathBuf,
        /// Why it was left alone and what to do.
        message: String,
    },
}

impl Error {
    /// Wraps an I/O error with the path it happened on.
    pub fn io(path: impl Into<PathBuf>, source: io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// Writing `path` failed with `source`, which may name a temporary file instead (tempfile
    /// adds `at path "…/.smallwins-XXXX.tmp"`): that name is dropped for what happened.
    pub fn write(path: impl Into<PathBuf>, source: io::Error) -> Self {
        let source = if source.raw_os_error().is_none() && source.get_ref().is_some() {
            io::Error::from(source.kind())
        } else {
            source
        };
        Error::Write {
            path: path.into(),
            source,
        }
    }

    /// What the person can do about this error, when there is something to say.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::Write { path, source } if source.kind() == io::ErrorKind::PermissionDenied => {
                let folder = path
                    .parent()
                    .filter(|folder| !folder.as_os_str().is_empty());
                Some(match folder {
                    Some(folder) => format!(
                        "check that you may write to it and to its folder {}",
                        folder.display()
                    ),
                    None => "check that you may write to it and to its folder".to_owned(),
                })
            }
            Error::Io { source, .. } | Error::Write { source, .. } => {
                io_hint(source.kind()).map(str::to_owned)
            }
            Error::NotARepository { .. } => Some(
                "run it inside the repository that holds the vault, or `git init` one".to_owned(),
            ),
            _ => None,
        }
    }

    /// A configuration error in `path`.
    pub fn config(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Error::Config {
            path: path.into(),
            message: message.into(),
        }
    }
}

/// What to do about a failed file operation, by its kind; `None` when the OS message says it all.
pub fn io_hint(kind: io::ErrorKind) -> Option<&'static str> {
    match kind {
        io::ErrorKind::NotFound => Some("check that the path exists"),
        io::ErrorKind::PermissionDenied => Some("check its permissions and owner"),
        io::ErrorKind::IsADirectory => Some("a folder is in the way: rename or move it"),
        io::ErrorKind::NotADirectory => {
            Some("a part of the path is a file, not a folder: rename or move it")
        }
        io::ErrorKind::ReadOnlyFilesystem => Some("the vault is on a read-only disk"),
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => {
            Some("the disk is full: free some space and try again")
        }
        io::ErrorKind::FileTooLarge => Some("a file size limit stopped the write: raise it"),
        io::ErrorKind::InvalidData => Some("save the file as UTF-8"),
        _ => None,
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    /// What tempfile hands back: the kind, and a message naming its temporary file.
    #[derive(Debug)]
    struct AtTempPath;

    impl std::fmt::Display for AtTempPath {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(
                "Permission denied (os error 13) at path \"/v/Reviews/.smallwins-rgFGBr.tmp\"",
            )
        }
    }

    impl std::error::Error for AtTempPath {}

    #[test]
    fn a_failed_write_names_the_file_and_the_folder_not_the_temporary_file() {
        let err = Error::write(
            "/v/Reviews/2026-W47.md",
            io::Error::new(io::ErrorKind::PermissionDenied, AtTempPath),
        );
        assert_eq!(
            format!("{}: {}", err, std::error::Error::source(&err).unwrap()),
            "cannot write /v/Reviews/2026-W47.md: permission denied"
        );
        assert_eq!(
            err.hint().as_deref(),
            Some("check that you may write to it and to its folder /v/Reviews")
        );
    }

    #[test]
    fn an_os_error_keeps_its_own_words() {
        let err = Error::write("/v/a.md", io::Error::from_raw_os_error(28));
        let source = std::error::Error::source(&err).unwrap().to_string();
        assert!(source.contains("os error 28"), "{source}");
    }
}
