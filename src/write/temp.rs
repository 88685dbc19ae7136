//! The temporary files a write goes through, and the promise that none is left behind: removed
//! when the write fails, when it is dropped, and when SIGINT, SIGTERM or SIGHUP stops the
//! process; stale ones of an earlier, harder crash are swept before a folder is written into.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Mutex, MutexGuard, OnceLock, PoisonError};
use std::time::{Duration, SystemTime};

use signal_hook::consts::{SIGHUP, SIGINT, SIGIO, SIGTERM, SIGXFSZ};
use signal_hook::iterator::Signals;
use tempfile::TempPath;

/// What every temporary file's name starts with; with [`SUFFIX`], how the sweep knows its own.
pub const PREFIX: &str = ".smallwins-";
/// What every temporary file's name ends with.
pub const SUFFIX: &str = ".tmp";
/// A temporary file older than this belongs to a process that is gone (a `kill -9`, a power
/// cut): no write takes an hour.
const STALE_AFTER: Duration = Duration::from_secs(60 * 60);

/// The temporary files that exist right now. Creating, renaming and removing one happen with
/// this lock held, so the signal handler, which takes it too, sees every file that exists.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn live() -> MutexGuard<'static, Vec<PathBuf>> {
    LIVE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A temporary file in the folder of its target, registered for removal on a signal.
pub struct Temp {
    /// The open file, to write the new contents into.
    pub file: File,
    /// `None` once renamed into place.
    path: Option<TempPath>,
}

impl Temp {
    /// Creates a new temporary file in `folder` (sweeping stale ones first), readable as any new
    /// file under the person's umask.
    pub fn create_in(folder: &Path) -> io::Result<Temp> {
        guard_signals();
        // Once per folder and run: `week --all` writes a hundred reviews into one folder.
        static SWEPT: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
        let mut swept = SWEPT.lock().unwrap_or_else(PoisonError::into_inner);
        if !swept.iter().any(|done| done == folder) {
            sweep_stale(folder);
            swept.push(folder.to_path_buf());
        }
        drop(swept);
        let mut builder = tempfile::Builder::new();
        builder.prefix(PREFIX).suffix(SUFFIX);
        // A temporary file is private (0600); a new note should get the mode any other new file
        // gets under the person's umask, so ask for 0666 and let the umask trim it.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(fs::Permissions::from_mode(0o666));
        }
        let mut live = live();
        let (file, path) = builder.tempfile_in(folder)?.into_parts();
        live.push(path.to_path_buf());
        Ok(Temp {
            file,
            path: Some(path),
        })
    }

    /// Where the temporary file is.
    #[cfg(test)]
    fn path(&self) -> &Path {
        self.path.as_deref().unwrap_or(Path::new(""))
    }

    /// Renames the temporary file over `target`; returns the file, now at `target`.
    pub fn rename_over(mut self, target: &Path) -> io::Result<File> {
        self.persist_with(|path| path.persist(target))?;
        self.file.try_clone()
    }

    /// Moves the temporary file to `target` unless something is already there, as one step: a
    /// file another program created meanwhile is never replaced. `Ok(false)`: it was there.
    pub fn rename_to_new(mut self, target: &Path) -> io::Result<bool> {
        match self.persist_with(|path| path.persist_noclobber(target)) {
            Ok(()) => Ok(true),
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => Ok(false),
            Err(err) => Err(err),
        }
    }

    /// Moves the temporary file into place with `persist`, under the lock the signal handler
    /// takes, so the file is either still registered or in place, never lost in between.
    fn persist_with(
        &mut self,
        persist: impl FnOnce(TempPath) -> Result<(), tempfile::PathPersistError>,
    ) -> io::Result<()> {
        let mut live = live();
        let Some(path) = self.path.take() else {
            return Err(io::Error::other("temporary file already renamed"));
        };
        let name = path.to_path_buf();
        match persist(path) {
            Ok(()) => {
                live.retain(|known| *known != name);
                Ok(())
            }
            Err(err) => {
                self.path = Some(err.path);
                Err(err.error)
            }
        }
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        if let Some(path) = self.path.take() {
            let mut live = live();
            let name = path.to_path_buf();
            // Removal failing (the folder vanished) leaves nothing to clean up either.
            let _ = path.close();
            live.retain(|known| *known != name);
        }
    }
}

/// Once per process, before the first temporary file exists: SIGINT, SIGTERM and SIGHUP remove
/// every live temporary file and then end the process as the signal would have; SIGXFSZ (a
/// file size limit, `ulimit -f`) only makes the write fail with "file too large", which the
/// write then reports like any other error, instead of killing the process mid-write; SIGIO
/// (another program opening a file while `snapshot` holds its lease for an instant) is only
/// noted, where by default it would kill the process.
fn guard_signals() {
    static GUARDED: OnceLock<()> = OnceLock::new();
    GUARDED.get_or_init(|| {
        // Failing to install a handler leaves the default behaviour, as before: not worth
        // refusing the write for.
        for signal in [SIGXFSZ, SIGIO] {
            let _ =
                signal_hook::flag::register(signal, std::sync::Arc::new(AtomicBool::new(false)));
        }
        if let Ok(mut signals) = Signals::new([SIGINT, SIGTERM, SIGHUP]) {
            let _ = std::thread::Builder::new()
                .name("smallwins-signals".to_owned())
                .spawn(move || {
                    if let Some(signal) = signals.forever().next() {
                        // Held until the process ends: no temporary file is created after this.
                        let live = live();
                        for path in live.iter() {
                            let _ = fs::remove_file(path);
                        }
                        let _ = signal_hook::low_level::emulate_default_handler(signal);
                        std::process::exit(128 + signal);
                    }
                });
        }
    });
}

/// Removes smallwins' own temporary files in `folder` that are over an hour old: a process
/// killed outright (`kill -9`, a crash) cannot clean up after itself, and `git add -A` would
/// commit what it left. Problems are ignored: the sweep is a courtesy, not part of the write.
pub fn sweep_stale(folder: &Path) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !(name.starts_with(PREFIX) && name.ends_with(SUFFIX)) {
            continue;
        }
        let stale = entry.metadata().is_ok_and(|meta| {
            meta.file_type().is_file()
                && meta
                    .modified()
                    .ok()
                    .and_then(|modified| now.duration_since(modified).ok())
                    .is_some_and(|age| age > STALE_AFTER)
        });
        if stale {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dropped_and_renamed_temporary_files_leave_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let temp = Temp::create_in(dir.path()).unwrap();
        let path = temp.path().to_path_buf();
        assert!(path.exists());
        assert!(live().contains(&path));
        drop(temp);
        assert!(!path.exists());
        assert!(!live().contains(&path));
        let temp = Temp::create_in(dir.path()).unwrap();
        let path = temp.path().to_path_buf();
        temp.rename_over(&dir.path().join("x.md")).unwrap();
        assert!(!live().contains(&path));
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_new_file_never_replaces_one_that_appeared() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("x.md");
        fs::write(&target, "theirs").unwrap();
        let temp = Temp::create_in(dir.path()).unwrap();
        assert!(!temp.rename_to_new(&target).unwrap());
        assert_eq!(fs::read_to_string(&target).unwrap(), "theirs");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "temp removed");
    }

    #[test]
    fn only_our_own_stale_temporary_files_are_swept() {
        let dir = tempfile::tempdir().unwrap();
        let old = SystemTime::now() - Duration::from_secs(2 * 60 * 60);
        let make = |name: &str, modified: SystemTime| {
            let path = dir.path().join(name);
            let file = File::create(&path).unwrap();
            file.set_modified(modified).unwrap();
            path
        };
        let stale = make(".smallwins-abc.tmp", old);
        let fresh = make(".smallwins-def.tmp", SystemTime::now());
        let foreign = make(".other-abc.tmp", old);
        let note = make("2026-11-26.md", old);
        sweep_stale(dir.path());
        assert!(!stale.exists());
        assert!(fresh.exists() && foreign.exists() && note.exists());
    }
}
