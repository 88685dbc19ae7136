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
    let mut builder = tempfile::Builder::new();
    builder.prefix(".smallwins-").suffix(".tmp");
    // A temporary file is private (0600); a new note should get the mode any other new file
    // gets under the person's umask, so ask for 0666 and let the umask trim it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    // Errors name `path`, the file the person knows: the temporary file is gone with them.
    let mut temp = builder
        .tempfile_in(folder)
        .map_err(|err| Error::write(path, err))?;
    temp.write_all(contents)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|err| Error::write(path, err))?;
    if existing.is_some() {
        if let Ok(metadata) = fs::metadata(path) {
            fs::set_permissions(temp.path(), metadata.permissions())
                .map_err(|err| Error::write(path, err))?;
        }
    }
    temp.persist(path)
        .map_err(|err| Error::write(path, err.error))?;
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
            // Both markers on one line leave no line between them for the block.
            if after_begin > before_end {
                return Err(BlockError::Damaged {
                    line: line_of(*begin),
                });
            }
            Ok(after_begin..before_end)
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

/// Whether a file's text uses Windows line endings: its first line break decides.
pub fn uses_crlf(text: &str) -> bool {
    text.find('\n')
        .is_some_and(|newline| newline > 0 && text.as_bytes().get(newline - 1) == Some(&b'\r'))
}

/// Converts `\n` line endings to `\r\n` (or back), leaving already-matching ones alone.
pub fn with_line_endings(text: &str, crlf: bool) -> String {
    let unix = text.replace("\r\n", "\n");
    if crlf {
        unix.replace('\n', "\r\n")
    } else {
        unix
    }
}

/// Puts the managed block of `rendered` (a freshly rendered note) in place of the managed block
/// of `existing`, keeping every other byte of `existing` and its line endings.
pub fn replace_managed_block(existing: &str, rendered: &str) -> Result<String, BlockError> {
    let target = find_managed_block(existing)?;
    let source = find_managed_block(rendered)?;
    let block = with_line_endings(
        rendered.get(source).unwrap_or_default(),
        uses_crlf(existing),
    );
    let mut out = String::with_capacity(existing.len() + block.len());
    out.push_str(existing.get(..target.start).unwrap_or_default());
    out.push_str(&block);
    out.push_str(existing.get(target.end..).unwrap_or_default());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn new_files_get_the_umask_mode_not_a_private_one() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("note.md");
        write_if_changed(&path, b"x").unwrap();
        let plain = dir.path().join("plain.md");
        fs::write(&plain, b"x").unwrap();
        let mode = |path: &Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode(&path),
            mode(&plain),
            "as any other new file under this umask"
        );
    }

    #[test]
    fn managed_block_between_markers() {
        let text = "a\n<!-- smallwins:begin -->\nold\n<!-- smallwins:end -->\nb\n";
        let range = find_managed_block(text).unwrap();
        assert_eq!(&text[range], "old\n");
        assert_eq!(find_managed_block("x"), Err(BlockError::Missing));
        assert_eq!(
            find_managed_block("# mine\n<!-- smallwins:begin --><!-- smallwins:end -->\nafter\n"),
            Err(BlockError::Damaged { line: 2 }),
            "markers sharing a line are damaged, not an empty block"
        );
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
    fn block_replacement_keeps_everything_else_and_the_line_endings() {
        let rendered = "new head\n<!-- smallwins:begin -->\nwins:: 2\nmore\n<!-- smallwins:end -->\nnew tail\n";
        let cases = [
            (
                "mine\n<!-- smallwins:begin -->\nold\n<!-- smallwins:end -->\nkept  \n\tno newline",
                "mine\n<!-- smallwins:begin -->\nwins:: 2\nmore\n<!-- smallwins:end -->\nkept  \n\tno newline",
            ),
            (
                "a\r\n<!-- smallwins:begin -->\r\nold\r\n<!-- smallwins:end -->\r\nb\r\n",
                "a\r\n<!-- smallwins:begin -->\r\nwins:: 2\r\nmore\r\n<!-- smallwins:end -->\r\nb\r\n",
            ),
            (
                "<!-- smallwins:begin -->\n<!-- smallwins:end -->\n",
                "<!-- smallwins:begin -->\nwins:: 2\nmore\n<!-- smallwins:end -->\n",
            ),
        ];
        for (existing, expected) in cases {
            assert_eq!(replace_managed_block(existing, rendered).unwrap(), expected);
        }
        assert_eq!(
            replace_managed_block("no markers\n", rendered),
            Err(BlockError::Missing)
        );
    }

    #[test]
    fn line_endings_follow_the_first_line_break() {
        assert!(uses_crlf("a\r\nb\n"));
        assert!(!uses_crlf("a\nb\r\n"));
        assert!(!uses_crlf("\n"));
        assert_eq!(with_line_endings("a\nb\r\n", true), "a\r\nb\r\n");
        assert_eq!(with_line_endings("a\r\nb\n", false), "a\nb\n");
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
