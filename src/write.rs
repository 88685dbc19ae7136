//! Writing notes back into the vault: atomic, skipped when the bytes would not change.

use std::fs;
use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// What a write did to the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteOutcome {
    /// The file did not exist.
    Created,
    /// The file existed and its bytes changed.
    Updated,
    /// The file already held exactly these bytes; it was not touched.
    Unchanged,
}

impl WriteOutcome {
    /// The word printed before the path.
    pub fn as_str(self) -> &'static str {
        match self {
            WriteOutcome::Created => "created",
            WriteOutcome::Updated => "updated",
            WriteOutcome::Unchanged => "unchanged",
        }
    }
}

/// Writes `contents` to `path` through a temporary file in the same folder and a rename, so a
/// crash or a full disk leaves either the old file or the new one, never half of each.
/// Identical contents are not written at all, so mtimes and git stay quiet.
pub fn write_if_changed(path: &Path, contents: &[u8]) -> Result<WriteOutcome> {
    let existing = match fs::read(path) {
        Ok(bytes) => Some(bytes),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => return Err(Error::io(path, err)),
    };
    if existing.as_deref() == Some(contents) {
        return Ok(WriteOutcome::Unchanged);
    }
    let folder = path
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(folder).map_err(|err| Error::io(folder, err))?;
    let mut temp = tempfile::Builder::new()
        .prefix(".smallwins-")
        .suffix(".tmp")
        .tempfile_in(folder)
        .map_err(|err| Error::io(folder, err))?;
    temp.write_all(contents)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|err| Error::io(temp.path(), err))?;
    if existing.is_some() {
        if let Ok(metadata) = fs::metadata(path) {
            fs::set_permissions(temp.path(), metadata.permissions())
                .map_err(|err| Error::io(temp.path(), err))?;
        }
    }
    temp.persist(path)
        .map_err(|err| Error::io(path, err.error))?;
    Ok(if existing.is_some() {
        WriteOutcome::Updated
    } else {
        WriteOutcome::Created
    })
}

/// The line that opens the part of a review note that smallwins owns.
pub const BEGIN_MARKER: &str = "<!-- smallwins:begin -->";
/// The line that closes the part of a review note that smallwins owns.
pub const END_MARKER: &str = "<!-- smallwins:end -->";

/// Why a note's managed block cannot be replaced safely.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BlockError {
    /// Neither marker is present.
    #[error("no `{BEGIN_MARKER}` … `{END_MARKER}` block")]
    Missing,
    /// Only one marker is present, or they are out of order.
    #[error("the managed block is damaged: markers missing or out of order (line {line})")]
    Damaged {
        /// 1-based line of the first marker found.
        line: usize,
    },
    /// A marker appears more than once.
    #[error("the managed block markers appear more than once (line {line})")]
    Doubled {
        /// 1-based line of the repeated marker.
        line: usize,
    },
}

/// Finds the managed block: the byte range strictly between the end of the begin-marker line and
/// the start of the end-marker line. Exactly one of each marker, in order, or an error.
pub fn find_managed_block(text: &str) -> Result<std::ops::Range<usize>, BlockError> {
    let begins: Vec<usize> = text.match_indices(BEGIN_MARKER).map(|(at, _)| at).collect();
    let ends: Vec<usize> = text.match_indices(END_MARKER).map(|(at, _)| at).collect();
    let line_of = |at: usize| {
        text.get(..at)
            .map_or(1, |before| before.matches('\n').count() + 1)
    };
    match (begins.as_slice(), ends.as_slice()) {
        ([], []) => Err(BlockError::Missing),
        ([begin], [end]) if begin < end => {
            let after_begin = text
                .get(*begin..)
                .and_then(|rest| rest.find('\n'))
                .map_or(text.len(), |newline| begin + newline + 1);
            let before_end = text
                .get(..*end)
                .and_then(|head| head.rfind('\n'))
                .map_or(*end, |newline| newline + 1);
            Ok(after_begin.min(before_end)..before_end)
        }
        (begins, ends) if begins.len() > 1 || ends.len() > 1 => {
            let second = begins.get(1).or(ends.get(1)).copied().unwrap_or(0);
            Err(BlockError::Doubled {
                line: line_of(second),
            })
        }
        (begins, ends) => Err(BlockError::Damaged {
            line: line_of(begins.iter().chain(ends).copied().min().unwrap_or(0)),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn managed_block_between_markers() {
        let text = "a\n<!-- smallwins:begin -->\nold\n<!-- smallwins:end -->\nb\n";
        let range = find_managed_block(text).unwrap();
        assert_eq!(&text[range], "old\n");
        assert_eq!(find_managed_block("x"), Err(BlockError::Missing));
        assert_eq!(
            find_managed_block("<!-- smallwins:end -->\n<!-- smallwins:begin -->\n"),
            Err(BlockError::Damaged { line: 1 })
        );
        assert!(matches!(
            find_managed_block(&format!("{text}{text}")),
            Err(BlockError::Doubled { .. })
        ));
    }

    #[test]
    fn creates_updates_and_leaves_identical_files_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/note.md");
        assert_eq!(
            write_if_changed(&path, b"one").unwrap(),
            WriteOutcome::Created
        );
        let mtime = fs::metadata(&path).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert_eq!(
            write_if_changed(&path, b"one").unwrap(),
            WriteOutcome::Unchanged
        );
        assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), mtime);
        assert_eq!(
            write_if_changed(&path, b"two").unwrap(),
            WriteOutcome::Updated
        );
        assert_eq!(fs::read(&path).unwrap(), b"two");
        let leftovers = fs::read_dir(dir.path().join("sub")).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }
}
