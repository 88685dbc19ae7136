//! What a file held when it was read, kept open: enough to tell, just before replacing it,
//! whether another program replaced, rewrote or appended to it since, and to collect what that
//! program wrote into it after the replacement.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// How long to wait, after the rename, for programs that still have the replaced file open for
/// writing to close it, before reading what they wrote.
const SETTLE_LIMIT: Duration = Duration::from_secs(2);

/// Which file it is: a different device and inode is a different file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Identity {
    device: u64,
    inode: u64,
}

impl Identity {
    #[cfg(unix)]
    fn of(meta: &fs::Metadata) -> Identity {
        use std::os::unix::fs::MetadataExt;
        Identity {
            device: meta.dev(),
            inode: meta.ino(),
        }
    }

    #[cfg(not(unix))]
    fn of(_meta: &fs::Metadata) -> Identity {
        Identity {
            device: 0,
            inode: 0,
        }
    }
}

/// A file as read: its bytes, which file it is, and the file itself, still open.
pub struct Snapshot {
    /// `None`: there was no file.
    pub bytes: Option<Vec<u8>>,
    /// The file, open for reading; `None` when there was none.
    pub file: Option<File>,
    identity: Option<Identity>,
}

/// What became of a file since its snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// The same file with the same bytes, or with bytes appended to them (which are carried
    /// over after the rename).
    Same,
    /// Gone, replaced by another file, or rewritten.
    Changed,
}

impl Snapshot {
    /// Reads the file at `path`, not through a symlink.
    pub fn read(path: &Path) -> Result<Snapshot> {
        let file = match open_no_follow(path) {
            Ok(file) => file,
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                return Ok(Snapshot {
                    bytes: None,
                    file: None,
                    identity: None,
                })
            }
            Err(_) if is_symlink(path) => {
                return Err(Error::Refused {
                    path: path.to_path_buf(),
                    message: "is a symlink; smallwins does not write through symlinks \
                              (replace it with the file itself)"
                        .to_owned(),
                })
            }
            Err(err) => return Err(Error::io(path, err)),
        };
        let identity = Identity::of(&file.metadata().map_err(|err| Error::io(path, err))?);
        let bytes = read_all(&file).map_err(|err| Error::io(path, err))?;
        Ok(Snapshot {
            bytes: Some(bytes),
            file: Some(file),
            identity: Some(identity),
        })
    }

    /// Whether `path` is still this file, holding these bytes (or these plus more at the end).
    pub fn check(&self, path: &Path) -> io::Result<Check> {
        let now = match fs::symlink_metadata(path) {
            Ok(meta) => meta,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Check::Changed),
            Err(err) => return Err(err),
        };
        let (Some(identity), Some(file), Some(bytes)) = (&self.identity, &self.file, &self.bytes)
        else {
            return Ok(Check::Changed);
        };
        if Identity::of(&now) != *identity || now.file_type().is_symlink() {
            return Ok(Check::Changed);
        }
        // Metadata misses a same-size rewrite within one tick of the clock: compare the bytes.
        Ok(if read_all(file)?.starts_with(bytes) {
            Check::Same
        } else {
            Check::Changed
        })
    }

    /// Whether this is `written`, still holding exactly `contents`.
    pub fn is_exactly(&self, written: &File, contents: &[u8]) -> io::Result<bool> {
        Ok(self.identity == Some(Identity::of(&written.metadata()?))
            && self.bytes.as_deref() == Some(contents))
    }
}

/// The bytes of a replaced file once no program has it open for writing any more (or after
/// [`SETTLE_LIMIT`]): a program that opened it just before the rename writes into it, not into
/// the new file.
pub fn settled(old: &File) -> io::Result<Vec<u8>> {
    let start = Instant::now();
    while !no_writers(old)? && start.elapsed() < SETTLE_LIMIT {
        std::thread::sleep(Duration::from_millis(1));
    }
    read_all(old)
}

/// Appends `bytes` to the file at `path`, which must still be `written`, as the program that
/// appended them to the replaced file would have, had it come a moment later.
pub fn append_to(path: &Path, written: &File, bytes: &[u8]) -> io::Result<()> {
    let mut file = OpenOptions::new()
        .append(true)
        .custom_flags_no_follow()
        .open(path)?;
    if Identity::of(&file.metadata()?) != Identity::of(&written.metadata()?) {
        return Err(io::Error::other(
            "replaced again by another program before smallwins could carry over what it \
             appended meanwhile",
        ));
    }
    file.write_all(bytes)?;
    file.sync_data()
}

/// Whether no program has `file` open for writing: Linux grants a read lease only then (taken
/// and at once given back). `true` where leases are not available (another system, a file
/// system without them, a file of another user): the caller then reads at once.
#[cfg(target_os = "linux")]
fn no_writers(file: &File) -> io::Result<bool> {
    use std::os::fd::AsRawFd;
    let fd = file.as_raw_fd();
    // SAFETY: F_SETLEASE takes an int argument and touches no memory of ours; `fd` is open for
    // the whole call because `file` is borrowed. A lease break in between sends SIGIO, which
    // `temp::guard_signals` handles (installed before any temporary file, so before this).
    let taken = unsafe { libc::fcntl(fd, libc::F_SETLEASE, libc::F_RDLCK) };
    if taken == -1 {
        let err = io::Error::last_os_error();
        return Ok(err.raw_os_error() != Some(libc::EAGAIN));
    }
    // SAFETY: as above.
    unsafe { libc::fcntl(fd, libc::F_SETLEASE, libc::F_UNLCK) };
    Ok(true)
}

#[cfg(not(target_os = "linux"))]
fn no_writers(_file: &File) -> io::Result<bool> {
    Ok(true)
}

/// Reads the whole of `file` from its start.
fn read_all(mut file: &File) -> io::Result<Vec<u8>> {
    file.seek(io::SeekFrom::Start(0))?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Opening without following a symlink in the last component.
trait NoFollow {
    fn custom_flags_no_follow(&mut self) -> &mut Self;
}

impl NoFollow for OpenOptions {
    #[cfg(unix)]
    fn custom_flags_no_follow(&mut self) -> &mut Self {
        use std::os::unix::fs::OpenOptionsExt;
        self.custom_flags(libc::O_NOFOLLOW)
    }

    #[cfg(not(unix))]
    fn custom_flags_no_follow(&mut self) -> &mut Self {
        self
    }
}

fn open_no_follow(path: &Path) -> io::Result<File> {
    if cfg!(not(unix)) && is_symlink(path) {
        return Err(io::Error::other("symbolic link"));
    }
    OpenOptions::new()
        .read(true)
        .custom_flags_no_follow()
        .open(path)
}

fn is_symlink(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|meta| meta.file_type().is_symlink())
}
