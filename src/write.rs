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

#[cfg(test)]
mod tests {
    use super::*;

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
