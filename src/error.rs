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

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
