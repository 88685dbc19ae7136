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

/// The block property that marks the block whose children smallwins owns in a Logseq page.
pub const OUTLINE_MARKER: &str = "smallwins:: managed";

/// Where a note keeps the part smallwins owns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockStyle {
    /// Between `<!-- smallwins:begin -->` and `<!-- smallwins:end -->` lines.
    Markers,
    /// The children of the outline block carrying `smallwins:: managed` (Logseq keeps block
    /// properties through every edit; it does not promise to keep HTML comments).
    Outline,
}

impl BlockStyle {
    /// The byte range of the part smallwins owns in `text`.
    pub fn find(self, text: &str) -> Result<std::ops::Range<usize>, BlockError> {
        match self {
            BlockStyle::Markers => find_managed_block(text),
            BlockStyle::Outline => find_outline_block(text).map(|block| block.children),
        }
    }

    /// The byte range of the whole managed block of `text`, its markers (or its own block
    /// lines) included: what a new note from someone's template receives.
    pub fn whole(self, text: &str) -> Result<std::ops::Range<usize>, BlockError> {
        let line_start = |at: usize| {
            text.get(..at)
                .and_then(|head| head.rfind('\n'))
                .map_or(0, |n| n + 1)
        };
        let line_end = |at: usize| {
            text.get(at..)
                .and_then(|rest| rest.find('\n'))
                .map_or(text.len(), |n| at + n + 1)
        };
        match self {
            BlockStyle::Markers => {
                let inner = find_managed_block(text)?;
                let begin = inner.start.saturating_sub(1);
                let end_marker = text
                    .get(inner.end..)
                    .and_then(|rest| rest.find(END_MARKER))
                    .map_or(inner.end, |at| inner.end + at);
                Ok(line_start(begin)..line_end(end_marker))
            }
            BlockStyle::Outline => {
                let block = find_outline_block(text)?;
                Ok(block.start..block.children.end.max(line_end(block.start)))
            }
        }
    }

    /// Puts the owned part of `rendered` in place of the owned part of `existing`, keeping
    /// every other byte of `existing` and its line endings.
    pub fn replace(self, existing: &str, rendered: &str) -> Result<String, BlockError> {
        match self {
            BlockStyle::Markers => replace_managed_block(existing, rendered),
            BlockStyle::Outline => replace_outline_block(existing, rendered),
        }
    }
}

/// The managed block of an outline: where its bullet line starts, its children and the
/// indentation of its bullet.
struct OutlineBlock<'a> {
    start: usize,
    children: std::ops::Range<usize>,
    indent: &'a str,
}

/// Lines of `text` with the byte offset each starts at (line endings included in the line).
fn lines_at(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    text.split_inclusive('\n').map(move |line| {
        let start = at;
        at += line.len();
        (start, line)
    })
}

fn indent_of(line: &str) -> &str {
    let content = line.trim_start_matches([' ', '\t']);
    line.get(..line.len() - content.len()).unwrap_or_default()
}

/// Finds the block carrying [`OUTLINE_MARKER`] and the range of its children: every line after
/// the block's own lines that is blank or indented deeper than its bullet, up to the next line
/// that is not (blank lines at the end stay outside).
fn find_outline_block(text: &str) -> Result<OutlineBlock<'_>, BlockError> {
    let lines: Vec<(usize, &str)> = lines_at(text).collect();
    let marked: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, (_, line))| line.trim().eq_ignore_ascii_case(OUTLINE_MARKER))
        .map(|(index, _)| index)
        .collect();
    let marker = match marked.as_slice() {
        [] => return Err(BlockError::Missing),
        [one] => *one,
        [_, second, ..] => return Err(BlockError::Doubled { line: second + 1 }),
    };
    let damaged = BlockError::Damaged { line: marker + 1 };
    // The marker is a property line of the nearest bullet above it, indented past it.
    let marker_indent = lines
        .get(marker)
        .map_or(0, |(_, line)| indent_of(line).len());
    let bullet = (0..marker)
        .rev()
        .find(|&index| {
            lines.get(index).is_some_and(|(_, line)| {
                let content = line.trim_start_matches([' ', '\t']);
                content.starts_with("- ") || content.trim_end() == "-"
            })
        })
        .ok_or(damaged.clone())?;
    let indent = lines.get(bullet).map_or("", |(_, line)| indent_of(line));
    let own_lines_deeper = (bullet + 1..marker).all(|index| {
        lines.get(index).is_some_and(|(_, line)| {
            let content = line.trim_start_matches([' ', '\t']);
            indent_of(line).len() > indent.len() && !content.starts_with("- ")
        })
    });
    if marker_indent <= indent.len() || !own_lines_deeper {
        return Err(damaged);
    }
    let deeper = |line: &str| indent_of(line).len() > indent.len();
    let mut index = marker + 1;
    // The block's other properties and continuation lines are its own, not children.
    while lines.get(index).is_some_and(|(_, line)| {
        let content = line.trim_start_matches([' ', '\t']);
        deeper(line)
            && !content.is_empty()
            && !content.starts_with("- ")
            && content.trim_end() != "-"
    }) {
        index += 1;
    }
    let start = lines.get(index).map_or(text.len(), |(at, _)| *at);
    let mut end = start;
    while let Some((at, line)) = lines.get(index) {
        if line.trim().is_empty() {
            index += 1;
            continue;
        }
        if !deeper(line) {
            break;
        }
        end = at + line.len();
        index += 1;
    }
    Ok(OutlineBlock {
        start: lines.get(bullet).map_or(0, |(at, _)| *at),
        children: start..end,
        indent,
    })
}

/// Replaces the children of the managed outline block of `existing` with those of `rendered`,
/// re-indented under wherever the person moved the block, in `existing`'s line endings.
fn replace_outline_block(existing: &str, rendered: &str) -> Result<String, BlockError> {
    let target = find_outline_block(existing)?;
    let source = find_outline_block(rendered)?;
    let children = rendered.get(source.children).unwrap_or_default();
    let mut block = String::with_capacity(children.len() + 64);
    for line in children.split_inclusive('\n') {
        let relative = line.strip_prefix(source.indent).unwrap_or(line);
        if !relative.trim().is_empty() {
            block.push_str(target.indent);
        }
        block.push_str(relative);
    }
    if !block.is_empty() && !block.ends_with('\n') {
        block.push('\n');
    }
    let block = with_line_endings(&block, uses_crlf(existing));
    let mut out = String::with_capacity(existing.len() + block.len());
    out.push_str(existing.get(..target.children.start).unwrap_or_default());
    if target.children.start == existing.len() && !existing.is_empty() && !existing.ends_with('\n')
    {
        out.push_str(if uses_crlf(existing) { "\r\n" } else { "\n" });
    }
    out.push_str(&block);
    out.push_str(existing.get(target.children.end..).unwrap_or_default());
    Ok(out)
}

/// Why properties could not be written into a note.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PropertiesError {
    /// The front matter opens with `---` and never closes.
    #[error("its front matter is not closed with a `---` line (line 1)")]
    UnclosedFrontMatter,
}

/// Writes `values` (YAML scalars as written) into the front matter of `text`: with `replace`, a
/// key already there gets its line (and the lines of an old block value) replaced; a missing key
/// is added before the closing `---`, and a note without front matter gets some. Every other
/// byte is kept.
pub fn set_front_matter(
    text: &str,
    values: &[(&str, String)],
    replace: bool,
) -> Result<String, PropertiesError> {
    let newline = if uses_crlf(text) { "\r\n" } else { "\n" };
    let bom = if text.starts_with('\u{feff}') {
        "\u{feff}"
    } else {
        ""
    };
    let body = text.get(bom.len()..).unwrap_or_default();
    let Some(front) = crate::markdown::front_matter(body) else {
        let mut out = format!("{bom}---{newline}");
        for (key, value) in values {
            out.push_str(&format!("{key}: {value}{newline}"));
        }
        out.push_str(&format!("---{newline}"));
        out.push_str(body);
        return Ok(out);
    };
    if !front.closed {
        return Err(PropertiesError::UnclosedFrontMatter);
    }
    let yaml = body.get(front.yaml.clone()).unwrap_or_default();
    let mut lines: Vec<String> = yaml.split_inclusive('\n').map(str::to_owned).collect();
    let mut missing = Vec::new();
    for (key, value) in values {
        let wanted = format!("{key}: {value}");
        match lines.iter().position(|line| is_key_line(line, key)) {
            Some(_) if !replace => {}
            Some(at) => {
                let ending = line_ending(lines.get(at).map_or("", String::as_str));
                let block_value = lines
                    .get(at)
                    .is_some_and(|line| yaml_value_of(line).is_empty());
                let mut end = at + 1;
                while lines
                    .get(end)
                    .is_some_and(|line| continues_value(line, block_value))
                {
                    end += 1;
                }
                lines.splice(at..end, [format!("{wanted}{ending}")]);
            }
            None => missing.push(format!("{wanted}{newline}")),
        }
    }
    if lines.last().is_some_and(|line| !line.ends_with('\n')) && !missing.is_empty() {
        if let Some(last) = lines.last_mut() {
            last.push_str(newline);
        }
    }
    lines.extend(missing);
    let mut out = String::with_capacity(text.len() + 64);
    out.push_str(bom);
    out.push_str(body.get(..front.yaml.start).unwrap_or_default());
    out.extend(lines);
    out.push_str(body.get(front.yaml.end..).unwrap_or_default());
    Ok(out)
}

/// Writes `values` as Logseq page properties (`key:: value` lines before the page's first
/// block): with `replace`, a property already there gets its line replaced; a missing one is
/// added after the last property line. Every other byte is kept.
pub fn set_page_properties(text: &str, values: &[(&str, String)], replace: bool) -> String {
    let newline = if uses_crlf(text) { "\r\n" } else { "\n" };
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_owned).collect();
    let properties = lines
        .iter()
        .take_while(|line| {
            let line = line.trim();
            !line.is_empty()
                && !line.starts_with('-')
                && (line.contains(":: ") || line.ends_with("::"))
        })
        .count();
    let mut missing = Vec::new();
    for (key, value) in values {
        let wanted = format!("{key}:: {value}");
        let found = lines.iter().take(properties).position(|line| {
            line.split_once("::")
                .is_some_and(|(name, _)| name.trim().eq_ignore_ascii_case(key))
        });
        match found.and_then(|at| lines.get_mut(at)) {
            Some(_) if !replace => {}
            Some(line) => {
                let ending = line_ending(line).to_owned();
                *line = format!("{wanted}{ending}");
            }
            None => missing.push(format!("{wanted}{newline}")),
        }
    }
    if properties > 0 && !missing.is_empty() {
        if let Some(last) = lines.get_mut(properties - 1) {
            if !last.ends_with('\n') {
                last.push_str(newline);
            }
        }
    } else if properties == 0 && !missing.is_empty() {
        missing.push(newline.to_owned());
    }
    lines.splice(properties..properties, missing);
    lines.concat()
}

fn line_ending(line: &str) -> &str {
    if line.ends_with("\r\n") {
        "\r\n"
    } else if line.ends_with('\n') {
        "\n"
    } else {
        ""
    }
}

/// Whether a front matter line sets the top-level `key` (bare or quoted).
fn is_key_line(line: &str, key: &str) -> bool {
    let quoted = |quote: char| {
        line.strip_prefix(quote)
            .and_then(|rest| rest.strip_prefix(key))
            .and_then(|rest| rest.strip_prefix(quote))
    };
    let rest = quoted('"')
        .or_else(|| quoted('\''))
        .or_else(|| line.strip_prefix(key));
    rest.is_some_and(|rest| rest.trim_start_matches([' ', '\t']).starts_with(':'))
}

/// The inline value after a key line's colon, trimmed (empty when the value is a block).
fn yaml_value_of(line: &str) -> &str {
    line.split_once(':').map_or("", |(_, value)| value.trim())
}

/// Whether a front matter line belongs to the value of the key line before it: an indented
/// line, or a `- item` of a block list.
fn continues_value(line: &str, block_value: bool) -> bool {
    let content = line.trim_start_matches([' ', '\t']);
    if content.trim().is_empty() {
        return false;
    }
    content.len() < line.len()
        || (block_value && (content.starts_with("- ") || content.trim_end() == "-"))
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

    fn numbers() -> Vec<(&'static str, String)> {
        vec![("wins", "12".to_owned()), ("streak", "3".to_owned())]
    }

    #[test]
    fn front_matter_numbers_replace_their_lines_and_keep_the_rest() {
        let cases = [
            (
                "---\ntype: weekly-review\nwins: 3 # mine\nmood: good\n---\nbody\n",
                "---\ntype: weekly-review\nwins: 12\nmood: good\nstreak: 3\n---\nbody\n",
            ),
            (
                "---\r\n\"wins\": 1\r\nstreak:\r\n  - a\r\n  - b\r\nend: x\r\n---\r\nbody\r\n",
                "---\r\nwins: 12\r\nstreak: 3\r\nend: x\r\n---\r\nbody\r\n",
            ),
            (
                "---\nwins_extra: 1\nwins:\n- old\ntags: [a]\n---\n",
                "---\nwins_extra: 1\nwins: 12\ntags: [a]\nstreak: 3\n---\n",
            ),
            (
                "# no front matter\n",
                "---\nwins: 12\nstreak: 3\n---\n# no front matter\n",
            ),
            (
                "\u{feff}---\na: 1\n---\n",
                "\u{feff}---\na: 1\nwins: 12\nstreak: 3\n---\n",
            ),
        ];
        for (text, expected) in cases {
            let once = set_front_matter(text, &numbers(), true).unwrap();
            assert_eq!(once, expected, "{text:?}");
            assert_eq!(set_front_matter(&once, &numbers(), true).unwrap(), once);
        }
        assert_eq!(
            set_front_matter("---\nwins: 1\nno end\n", &numbers(), true),
            Err(PropertiesError::UnclosedFrontMatter)
        );
        assert_eq!(
            set_front_matter("---\nwins: mine\n---\n", &numbers(), false).unwrap(),
            "---\nwins: mine\nstreak: 3\n---\n",
            "without replace, only missing keys are added"
        );
        assert_eq!(
            set_page_properties("wins:: mine\n- x\n", &numbers(), false),
            "wins:: mine\nstreak:: 3\n- x\n"
        );
    }

    #[test]
    fn page_properties_replace_their_lines_and_keep_the_rest() {
        let cases = [
            (
                "title:: R/1\nwins:: 2\n\n- # R\n",
                "title:: R/1\nwins:: 12\nstreak:: 3\n\n- # R\n",
            ),
            ("- # R\n", "wins:: 12\nstreak:: 3\n\n- # R\n"),
            (
                "Streak:: 9\r\n- x\r\n",
                "streak:: 3\r\nwins:: 12\r\n- x\r\n",
            ),
        ];
        for (text, expected) in cases {
            let once = set_page_properties(text, &numbers(), true);
            assert_eq!(once, expected, "{text:?}");
            assert_eq!(set_page_properties(&once, &numbers(), true), once);
        }
    }

    #[test]
    fn outline_blocks_own_the_children_of_the_marked_block() {
        let rendered = "p:: 1\n\n- # Title\n- ## What went right\n  smallwins:: managed\n\t- new\n\t\t- child\n- ## Reflection\n";
        let cases = [
            (
                "p:: 1\n\n- # Mine\n- ## What went right\n  smallwins:: managed\n  collapsed:: true\n\t- old\n\n\t- old 2\n\n- ## Reflection\n\t- my words\n",
                "p:: 1\n\n- # Mine\n- ## What went right\n  smallwins:: managed\n  collapsed:: true\n\t- new\n\t\t- child\n\n- ## Reflection\n\t- my words\n",
            ),
            (
                "- parent\n\t- moved\n\t  smallwins:: managed\n\t\t- old\n- after",
                "- parent\n\t- moved\n\t  smallwins:: managed\n\t\t- new\n\t\t\t- child\n- after",
            ),
            (
                "- block\r\n  smallwins:: managed\r\n",
                "- block\r\n  smallwins:: managed\r\n\t- new\r\n\t\t- child\r\n",
            ),
        ];
        for (existing, expected) in cases {
            let once = BlockStyle::Outline.replace(existing, rendered).unwrap();
            assert_eq!(once, expected, "{existing:?}");
            assert_eq!(BlockStyle::Outline.replace(&once, rendered).unwrap(), once);
        }
        assert_eq!(
            BlockStyle::Outline.find("- a\n  smallwins:: managed\n- b\n  smallwins:: managed\n"),
            Err(BlockError::Doubled { line: 4 })
        );
        assert_eq!(
            BlockStyle::Outline.find("smallwins:: managed\n- a\n"),
            Err(BlockError::Damaged { line: 1 })
        );
        assert_eq!(BlockStyle::Outline.find("- a\n"), Err(BlockError::Missing));
        let (existing, _) = cases[0];
        let whole = BlockStyle::Outline.whole(existing).unwrap();
        assert!(existing[whole].starts_with("- ## What went right\n  smallwins:: managed\n"));
        let marked = "a\n<!-- smallwins:begin -->\nx\n<!-- smallwins:end -->\nb\n";
        let whole = BlockStyle::Markers.whole(marked).unwrap();
        assert_eq!(
            &marked[whole],
            "<!-- smallwins:begin -->\nx\n<!-- smallwins:end -->\n"
        );
    }
}
