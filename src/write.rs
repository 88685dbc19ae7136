//! Writing files into the vault: atomic (a temporary file renamed over the old one), skipped
//! when the bytes would not change, and compared before replacing, so that what another program
//! writes into the file meanwhile is kept.

mod snapshot;
mod temp;

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;

use crate::error::{Error, Result};
use snapshot::{Check, Snapshot};
use temp::Temp;

pub use temp::{PREFIX as TEMP_PREFIX, SUFFIX as TEMP_SUFFIX};

/// How many times an edit is redone on a file that another program keeps rewriting before the
/// write gives up and leaves the file to it.
const TRIES: usize = 20;

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

/// Writes `contents` to `path` (see [`update`]), whatever the file held before.
pub fn write_if_changed(path: &Path, contents: &[u8]) -> Result<WriteOutcome> {
    update(path, |_| Ok::<_, Error>((contents.to_vec(), ()))).map(|(outcome, ())| outcome)
}

/// Replaces the file at `path` with what `edit` makes of its current bytes (`None`: no file
/// yet), creating missing folders, and returns what `edit` returned with them.
///
/// Atomic: the new bytes go to a temporary file in the same folder, synced, then renamed over
/// the old file, so a crash leaves the old file or the new one. Nothing is written when the bytes
/// would not change. A symlink or a file the person may not write ([`writable`]) is never
/// replaced ([`Error::Refused`]). Another program's writes are kept:
/// - a file replaced or rewritten since it was read is read again and `edit` redone on it (a
///   few times; then the write gives up with [`Error::Refused`] and leaves their text);
/// - what another program appends, up to the moment of the rename and by anyone who had the old
///   file open then, is appended to the new file once they are done with the old one;
/// - a rewrite in the instant between the last check and the rename is noticed through the old
///   file, still open, and `edit` is redone on it, as long as the new file is untouched since.
///
///   What a program writes into a file it keeps open for good (never closing it) after the
///   rename goes into the replaced file, as with any editor that saves by renaming.
pub fn update<T, E: From<Error>>(
    path: &Path,
    mut edit: impl FnMut(Option<&[u8]>) -> Result<(Vec<u8>, T), E>,
) -> Result<(WriteOutcome, T), E> {
    let mut current = Snapshot::read(path)?;
    // What the edit starts from when it is not what the file holds now: the replaced file's
    // bytes, after a rewrite in the instant before the rename.
    let mut rewritten: Option<Vec<u8>> = None;
    let mut wrote = false;
    for attempt in 0..TRIES {
        let base = rewritten.as_deref().or(current.bytes.as_deref());
        let (contents, value) = edit(base)?;
        if current.bytes.as_deref() == Some(contents.as_slice()) {
            let outcome = if wrote {
                WriteOutcome::Updated
            } else {
                WriteOutcome::Unchanged
            };
            return Ok((outcome, value));
        }
        // A busy writer changes a file faster than a disk sync takes: once it has, the sync
        // moves after the rename, so the check can sit right before it.
        let sync = if attempt == 0 {
            Sync::BeforeRename
        } else {
            Sync::AfterRename
        };
        match replace(path, &current, &contents, sync)? {
            Replaced::Done => {
                let outcome = if current.bytes.is_none() && !wrote {
                    WriteOutcome::Created
                } else {
                    WriteOutcome::Updated
                };
                return Ok((outcome, value));
            }
            Replaced::Changed(_) if rewritten.is_some() => return Err(lost_rewrite(path).into()),
            Replaced::Changed(now) => current = now,
            Replaced::RewrittenMeanwhile { old, now } => {
                rewritten = Some(old);
                current = now;
                wrote = true;
            }
        }
    }
    Err(Error::Refused {
        path: path.to_path_buf(),
        message: format!(
            "another program kept rewriting it while smallwins was writing ({TRIES} tries); \
             it was left as that program wrote it: try again in a moment"
        ),
    }
    .into())
}

/// When the new file is forced to disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sync {
    /// Before it replaces the old one: a crash at any moment leaves the old file or the new.
    BeforeRename,
    /// Just after, with its folder.
    AfterRename,
}

/// What one attempt at replacing the file found.
enum Replaced {
    /// The new bytes are in place, with whatever was appended to the old file meanwhile.
    Done,
    /// Another program replaced or rewrote the file before the rename; nothing was replaced.
    Changed(Snapshot),
    /// The new bytes are in place, but another program rewrote the old file (`old`) in the
    /// instant before the rename; `now` is the new file, untouched since.
    RewrittenMeanwhile { old: Vec<u8>, now: Snapshot },
}

/// Writes `contents` through a temporary file and renames it over `path`, if `path` still
/// holds what `current` read (or that plus appended bytes, which are carried over).
fn replace(path: &Path, current: &Snapshot, contents: &[u8], sync: Sync) -> Result<Replaced> {
    if current.file.is_some() {
        check_writable(path)?;
    }
    let folder = path
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(folder).map_err(|err| Error::io(folder, err))?;
    // Errors name `path`, the file the person knows: the temporary file is gone with them.
    let io_error = |err| Error::write(path, err);
    let mut temp = Temp::create_in(folder).map_err(io_error)?;
    temp.file
        .write_all(contents)
        .and_then(|()| match sync {
            Sync::BeforeRename => temp.file.sync_all(),
            Sync::AfterRename => Ok(()),
        })
        .map_err(io_error)?;
    let (Some(old), Some(before)) = (&current.file, &current.bytes) else {
        // No file to compare with: the rename itself refuses to replace one that appeared.
        if !temp.rename_to_new(path).map_err(io_error)? {
            return Ok(Replaced::Changed(Snapshot::read(path)?));
        }
        return Ok(Replaced::Done);
    };
    keep_mode_and_owner(old, &temp.file).map_err(io_error)?;
    if current.check(path).map_err(io_error)? == Check::Changed {
        return Ok(Replaced::Changed(Snapshot::read(path)?));
    }
    let written = temp.rename_over(path).map_err(io_error)?;
    if sync == Sync::AfterRename {
        written
            .sync_all()
            .and_then(|()| File::open(folder)?.sync_all())
            .map_err(io_error)?;
    }
    let old_now = snapshot::settled(old).map_err(io_error)?;
    if old_now == *before {
        return Ok(Replaced::Done);
    }
    if let Some(appended) = old_now.strip_prefix(before.as_slice()) {
        snapshot::append_to(path, &written, appended).map_err(io_error)?;
        return Ok(Replaced::Done);
    }
    let now = Snapshot::read(path)?;
    if now.is_exactly(&written, contents).map_err(io_error)? {
        return Ok(Replaced::RewrittenMeanwhile { old: old_now, now });
    }
    Err(lost_rewrite(path))
}

/// Another program rewrote the file in the instant it was replaced, and then wrote to the new
/// file too: its first change cannot be put back without losing the second.
fn lost_rewrite(path: &Path) -> Error {
    Error::Refused {
        path: path.to_path_buf(),
        message: "another program rewrote it in the instant smallwins replaced it, and wrote to \
                  the new file too; check it: that program's change from just before may be \
                  missing"
            .to_owned(),
    }
}

/// Gives the new file the old one's permissions and, where smallwins runs as root, its owner,
/// so a note edited by `sudo smallwins` or in a container stays the person's.
fn keep_mode_and_owner(old: &File, new: &File) -> io::Result<()> {
    let meta = old.metadata()?;
    new.set_permissions(meta.permissions())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if rustix::process::geteuid().is_root() {
            std::os::unix::fs::fchown(new, Some(meta.uid()), Some(meta.gid()))?;
        }
    }
    Ok(())
}

/// Refuses to replace a file the person cannot write: the rename would go through (it needs
/// only the folder), but a read-only note says "leave me alone".
fn check_writable(path: &Path) -> Result<()> {
    if writable(path).map_err(|err| Error::io(path, err))? {
        return Ok(());
    }
    Err(Error::Refused {
        path: path.to_path_buf(),
        message: "is read-only; smallwins does not replace it (make it writable, e.g. \
                  `chmod u+w`, to let smallwins write it)"
            .to_owned(),
    })
}

/// Whether the person may write the existing file at `path`, as the system decides it for
/// them. Root may write anything, so for root a file with no write permission bit at all is
/// read-only: someone made it so on purpose.
pub fn writable(path: &Path) -> io::Result<bool> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if rustix::process::geteuid().is_root() {
            let mode = fs::metadata(path)?.permissions().mode();
            return Ok(mode & 0o222 != 0);
        }
        match rustix::fs::accessat(
            rustix::fs::CWD,
            path,
            rustix::fs::Access::WRITE_OK,
            rustix::fs::AtFlags::EACCESS,
        ) {
            Ok(()) => Ok(true),
            Err(rustix::io::Errno::ACCESS | rustix::io::Errno::ROFS) => Ok(false),
            Err(err) => Err(err.into()),
        }
    }
    #[cfg(not(unix))]
    {
        Ok(!fs::metadata(path)?.permissions().readonly())
    }
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

    /// The file names in `dir`, sorted.
    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// A note (holding `first`, or none) updated by an edit that puts `ours` on top, while
    /// `meanwhile` acts as another program would during edit number N (1, 2, …). Returns the
    /// result, how many edits ran, the note's text and the folder's file names.
    fn race(
        first: Option<&str>,
        meanwhile: impl Fn(&Path, usize),
    ) -> (Result<WriteOutcome>, usize, String, Vec<String>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("note.md");
        if let Some(first) = first {
            fs::write(&path, first).unwrap();
        }
        let mut calls = 0;
        let result = update(&path, |existing| {
            calls += 1;
            meanwhile(&path, calls);
            let mut text = existing.unwrap_or_default().to_vec();
            text.splice(0..0, b"ours\n".iter().copied());
            Ok::<_, Error>((text, ()))
        });
        let text = fs::read_to_string(&path).unwrap();
        (
            result.map(|(outcome, ())| outcome),
            calls,
            text,
            names(dir.path()),
        )
    }

    #[test]
    fn a_rewrite_before_the_rename_is_read_again_and_the_edit_redone() {
        // Another program saves its whole buffer while smallwins edits.
        let (outcome, calls, text, names) = race(Some("first\n"), |path, call| {
            if call == 1 {
                fs::write(path, "theirs\n").unwrap();
            }
        });
        assert_eq!(outcome.unwrap(), WriteOutcome::Updated);
        assert_eq!((calls, text.as_str()), (2, "ours\ntheirs\n"));
        assert_eq!(names, ["note.md"]);
    }

    #[test]
    fn a_file_replaced_by_a_rename_before_ours_is_read_again() {
        let (_, _, text, _) = race(Some("first\n"), |path, call| {
            if call == 1 {
                let other = path.with_file_name("sync.tmp");
                fs::write(&other, "first\nsynced\n").unwrap();
                fs::rename(&other, path).unwrap();
            }
        });
        assert_eq!(text, "ours\nfirst\nsynced\n");
    }

    #[test]
    fn lines_appended_meanwhile_are_carried_over_without_a_second_edit() {
        let (_, calls, text, _) = race(Some("first\n"), |path, _| {
            let mut file = fs::OpenOptions::new().append(true).open(path).unwrap();
            file.write_all(b"appended\n").unwrap();
        });
        assert_eq!((calls, text.as_str()), (1, "ours\nfirst\nappended\n"));
    }

    #[test]
    fn a_file_that_keeps_changing_is_left_to_the_other_program() {
        let (outcome, _, text, names) = race(Some("0\n"), |path, call| {
            fs::write(path, format!("{call}\n")).unwrap();
        });
        let err = outcome.unwrap_err().to_string();
        assert!(err.contains("kept rewriting it"), "{err}");
        assert_eq!(text, format!("{TRIES}\n"));
        assert_eq!(names, ["note.md"], "no temporary file left");
    }

    #[test]
    fn a_file_created_meanwhile_is_not_replaced_but_edited() {
        let (outcome, _, text, _) = race(None, |path, call| {
            if call == 1 {
                fs::write(path, "theirs\n").unwrap();
            }
        });
        assert_eq!(outcome.unwrap(), WriteOutcome::Updated);
        assert_eq!(text, "ours\ntheirs\n");
    }

    #[test]
    fn an_edit_that_fails_leaves_the_file_and_no_debris() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("note.md");
        fs::write(&path, "mine\n").unwrap();
        let err = update(&path, |_| -> Result<(Vec<u8>, ())> {
            Err(Error::Usage("no".to_owned()))
        })
        .unwrap_err();
        assert!(matches!(err, Error::Usage(_)));
        assert_eq!(fs::read_to_string(&path).unwrap(), "mine\n");
        assert_eq!(names(dir.path()), ["note.md"]);
    }

    #[cfg(unix)]
    #[test]
    fn read_only_files_and_symlinks_are_not_replaced() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("note.md");
        fs::write(&path, "mine\n").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
        let err = write_if_changed(&path, b"new").unwrap_err().to_string();
        assert!(
            err.contains("note.md") && err.contains("read-only"),
            "{err}"
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), "mine\n");
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        let err = write_if_changed(&link, b"new").unwrap_err().to_string();
        assert!(err.contains("symlink"), "{err}");
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(names(dir.path()), ["link.md", "note.md"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("note.md");
        fs::write(&path, "x").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        write_if_changed(&path, b"y").unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }

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
