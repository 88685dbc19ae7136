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
