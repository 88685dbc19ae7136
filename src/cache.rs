//! The per-note cache: what each note of a vault held when it was last read (its parse and the
//! warnings of decoding it), so that a run reads only the notes that changed since.
//!
//! One file per vault in the user's cache folder, never in the vault (vaults travel through
//! Obsidian Sync, iCloud, Dropbox and git; a cache must not). A note's record is used only while
//! its stamp (size, modification and change times to the nanosecond, inode) is what the file
//! system says now, and the whole file only while it was written by this very program for these
//! very settings; anything else is read afresh. The cache is only an accelerator: any damage,
//! any failure to read or write it, and deleting it, cost time, never an answer.
//!
//! The file: a magic line, a format number and a checksum of the rest, then a postcard header
//! and one postcard record per note, each holding its note's parse as postcard bytes that are
//! decoded only when the note's stamp matches. A run that learned something writes a whole new
//! file next to the old one and renames it over it, so readers see one complete file or the
//! other and concurrent runs cannot corrupt it; the last writer wins, which costs the loser's
//! notes one more read.

use std::ffi::OsString;
use std::fs::{self, Metadata};
use std::io::{self, BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{xxh3_64, Xxh3};

use crate::config::Config;
use crate::model::{Diagnostic, ParsedNote};

/// The first bytes of every cache file.
const MAGIC: &[u8; 8] = b"swcache\n";

/// The layout of the file after the magic; a file of another format is rebuilt.
const FORMAT: u32 = 1;

/// Magic, format and checksum: the bytes before the postcard body.
const PREAMBLE: usize = MAGIC.len() + 4 + 8;

/// A file modified within this long before a run began may change again without its stamp
/// changing (file systems keep modification times from a coarse clock, some to the second), so
/// its record is not kept: git's "racily clean" rule.
const RACY_NANOS: i128 = 1_000_000_000;

/// Overrides the program identity in the stamp: tests use it to play a new release.
const PROGRAM_OVERRIDE: &str = "SMALLWINS_CACHE_PROGRAM";

/// The folder of the per-note caches: `$SMALLWINS_CACHE_DIR`, else `$XDG_CACHE_HOME/smallwins`,
/// else `~/.cache/smallwins`; none when the environment names no absolute folder.
pub fn default_dir() -> Option<PathBuf> {
    dir_from(|name| std::env::var_os(name))
}

/// [`default_dir`] over any environment.
fn dir_from(var: impl Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    let set = |name: &str| {
        var(name)
            .filter(|value| !value.is_empty())
            .map(PathBuf::from)
    };
    if let Some(dir) = set("SMALLWINS_CACHE_DIR") {
        return Some(dir);
    }
    // The XDG base directory spec says a relative path is invalid and must be ignored.
    set("XDG_CACHE_HOME")
        .filter(|dir| dir.is_absolute())
        .or_else(|| {
            set("HOME")
                .filter(|home| home.is_absolute())
                .map(|home| home.join(".cache"))
        })
        .map(|dir| dir.join("smallwins"))
}

/// What identifies a note's bytes without reading them: when any part differs, the note has
/// been written, replaced or renamed over since it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    size: u64,
    /// Modification time: seconds and nanoseconds since the epoch.
    modified: (i64, u32),
    /// Status change time: a rename, `touch -m` with an old date or a restore moves it too.
    changed: (i64, u32),
    inode: u64,
}

impl Stamp {
    /// The stamp of a file's metadata.
    #[cfg(unix)]
    pub fn of(metadata: &Metadata) -> Stamp {
        use std::os::unix::fs::MetadataExt;
        let nanos = |nanos: i64| u32::try_from(nanos).unwrap_or(0);
        Stamp {
            size: metadata.size(),
            modified: (metadata.mtime(), nanos(metadata.mtime_nsec())),
            changed: (metadata.ctime(), nanos(metadata.ctime_nsec())),
            inode: metadata.ino(),
        }
    }

    /// The stamp of a file's metadata (size and modification time where there are no inodes).
    #[cfg(not(unix))]
    pub fn of(metadata: &Metadata) -> Stamp {
        let modified = metadata.modified().map(since_epoch).unwrap_or_default();
        Stamp {
            size: metadata.len(),
            modified,
            changed: modified,
            inode: 0,
        }
    }

    /// Whether the file was modified at or after `moment`.
    fn modified_since(&self, moment: i128) -> bool {
        nanos(self.modified) >= moment
    }
}

/// What the cache keeps of one note: everything reading it gives, before its path dates it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteRead {
    /// The note's parse.
    pub parsed: ParsedNote,
    /// The warnings of decoding its bytes (invalid UTF-8).
    pub decoding: Vec<Diagnostic>,
}

/// The start of the file's body: whose cache it is and how many records follow.
#[derive(Serialize, Deserialize)]
struct Header<'a> {
    /// The program that wrote it: a new build parses differently.
    program: &'a str,
    /// The fingerprint of the settings that parsing and dating read.
    settings: u64,
    /// The vault's canonical path, for a person looking at the cache folder.
    vault: &'a str,
    records: u64,
}

/// One note: its vault-relative path, its stamp when read and its [`NoteRead`] as postcard.
#[derive(Serialize, Deserialize)]
struct Record<'a> {
    source: &'a str,
    stamp: Stamp,
    read: &'a [u8],
}

/// A vault's cache for one run: the file as it was when the run began, and what is needed to
/// write it back.
#[derive(Debug)]
pub struct Cache {
    file: PathBuf,
    program: String,
    settings: u64,
    vault: String,
    /// When the run began, in nanoseconds since the epoch: notes modified within a second
    /// before are not kept.
    began: i128,
    bytes: Vec<u8>,
}

impl Cache {
    /// The cache of `config`'s vault, read as it is now; `None` when the run has no cache (none
    /// configured, no usable folder, or a folder inside the vault).
    pub fn open(config: &Config) -> Option<Cache> {
        let dir = config.cache_dir.as_deref()?;
        let vault = config.vault.canonicalize().ok()?;
        let dir = std::path::absolute(dir).ok()?;
        if canonical_so_far(&dir).starts_with(&vault) {
            return None;
        }
        let file = dir.join(file_name(&vault));
        Some(Cache {
            // A missing, unreadable or damaged file is an empty cache, rebuilt by this run.
            bytes: fs::read(&file).unwrap_or_default(),
            file,
            program: program(),
            settings: settings_fingerprint(config),
            vault: vault.to_string_lossy().into_owned(),
            began: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |since| since.as_nanos().try_into().unwrap_or(i128::MAX)),
        })
    }

    /// The records of the file, looked up by source; empty unless the file is intact and was
    /// written by this program for these settings.
    pub fn index(&self) -> Index<'_> {
        self.records()
            .map(|records| {
                let by_source = records
                    .iter()
                    .enumerate()
                    .map(|(at, stored)| (stored.record.source, at))
                    .collect();
                Index { records, by_source }
            })
            .unwrap_or_default()
    }

    fn records(&self) -> Option<Vec<Stored<'_>>> {
        let (preamble, body) = self.bytes.split_at_checked(PREAMBLE)?;
        let (magic, rest) = preamble.split_at_checked(MAGIC.len())?;
        let (format, checksum) = rest.split_at_checked(4)?;
        if magic != MAGIC
            || u32::from_le_bytes(format.try_into().ok()?) != FORMAT
            || u64::from_le_bytes(checksum.try_into().ok()?) != xxh3_64(body)
        {
            return None;
        }
        let (header, mut rest) = postcard::take_from_bytes::<Header>(body).ok()?;
        if header.program != self.program
            || header.settings != self.settings
            || header.vault != self.vault
        {
            return None;
        }
        let count = usize::try_from(header.records).ok()?;
        // Each record takes a few bytes at least: a count beyond that is damage, not a reason
        // to reserve memory.
        let mut records = Vec::with_capacity(count.min(rest.len()));
        for _ in 0..count {
            let (record, after) = postcard::take_from_bytes::<Record>(rest).ok()?;
            let raw = rest.get(..rest.len() - after.len())?;
            records.push(Stored { record, raw });
            rest = after;
        }
        rest.is_empty().then_some(records)
    }

    /// Writes the file anew when `delta` holds notes it lacks, or when records of notes that
    /// changed or went away make up an eighth of it: a stale record costs room, never an
    /// answer, as its stamp is gone for good (a file's change time cannot be set back). Best
    /// effort: the cache is only an accelerator, so a failure is silent.
    pub fn update(&self, index: &Index, delta: Delta) {
        let _ = self.write(index, delta);
    }

    fn write(&self, index: &Index, mut delta: Delta) -> io::Result<()> {
        let settled = self.began - RACY_NANOS;
        delta
            .fresh
            .retain(|fresh| !fresh.stamp.modified_since(settled));
        let stale = index.records.len().saturating_sub(delta.hits.len());
        if delta.fresh.is_empty() && stale <= index.records.len() / 8 {
            return Ok(());
        }
        delta.hits.sort_unstable();
        delta.fresh.sort_by(|a, b| a.source.cmp(&b.source));
        let Some(dir) = self.file.parent() else {
            return Ok(());
        };
        create_private_dir(dir)?;
        let file = tempfile::Builder::new()
            .prefix(".smallwins-cache-")
            .tempfile_in(dir)?;
        self.write_records(file.as_file(), index, &delta)?;
        file.persist(&self.file).map_err(|err| err.error)?;
        Ok(())
    }

    /// Writes the preamble, the header and the records of the hits and fresh notes of `delta`.
    fn write_records(&self, file: &fs::File, index: &Index, delta: &Delta) -> io::Result<()> {
        let mut out = Checksummed {
            out: BufWriter::new(file),
            hash: Xxh3::new(),
        };
        out.out.write_all(MAGIC)?;
        out.out.write_all(&FORMAT.to_le_bytes())?;
        out.out.write_all(&[0; 8])?;
        let header = Header {
            program: &self.program,
            settings: self.settings,
            vault: &self.vault,
            records: (delta.hits.len() + delta.fresh.len()) as u64,
        };
        let mut scratch = Vec::new();
        out.write_all(encode(&header, &mut scratch)?)?;
        for stored in delta.hits.iter().filter_map(|&at| index.records.get(at)) {
            out.write_all(stored.raw)?;
        }
        for fresh in &delta.fresh {
            let record = Record {
                source: &fresh.source,
                stamp: fresh.stamp,
                read: &fresh.read,
            };
            out.write_all(encode(&record, &mut scratch)?)?;
        }
        let checksum = out.hash.digest();
        let mut file = out
            .out
            .into_inner()
            .map_err(io::IntoInnerError::into_error)?;
        file.seek(SeekFrom::Start((MAGIC.len() + 4) as u64))?;
        file.write_all(&checksum.to_le_bytes())
    }
}

/// A record as read from the file, with its bytes there, copied as they are when it is kept.
struct Stored<'a> {
    record: Record<'a>,
    raw: &'a [u8],
}

/// The records of a cache file by note.
#[derive(Default)]
pub struct Index<'a> {
    records: Vec<Stored<'a>>,
    /// foldhash: cheaper than SipHash on short keys, and the keys are the vault's own paths.
    by_source: foldhash::HashMap<&'a str, usize>,
}

impl Index<'_> {
    /// Whether the cache holds no note.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The note at `source` as the cache holds it, when its stamp is still `stamp`, with the
    /// record's place for [`Delta::hit`].
    pub fn get(&self, source: &str, stamp: &Stamp) -> Option<(usize, NoteRead)> {
        let &at = self.by_source.get(source)?;
        let record = &self.records.get(at)?.record;
        if record.stamp != *stamp {
            return None;
        }
        let read = postcard::from_bytes(record.read).ok()?;
        Some((at, read))
    }
}

/// What a run found out about the cache: the records still right, the notes read afresh.
#[derive(Debug, Default)]
pub struct Delta {
    hits: Vec<usize>,
    fresh: Vec<Fresh>,
}

#[derive(Debug)]
struct Fresh {
    source: String,
    stamp: Stamp,
    read: Vec<u8>,
}

impl Delta {
    /// The record at `at` (from [`Index::get`]) is still right.
    pub fn hit(&mut self, at: usize) {
        self.hits.push(at);
    }

    /// The note at `source`, stamped `stamp` before it was read, reads as `read`.
    pub fn fresh(&mut self, source: &str, stamp: Stamp, read: &NoteRead) {
        if let Ok(read) = postcard::to_stdvec(read) {
            self.fresh.push(Fresh {
                source: source.to_owned(),
                stamp,
                read,
            });
        }
    }

    /// Both deltas in one.
    pub fn merge(mut self, mut other: Delta) -> Delta {
        self.hits.append(&mut other.hits);
        self.fresh.append(&mut other.fresh);
        self
    }
}

/// The cache file of the vault at canonical path `vault`: its name, for a person looking at the
/// folder, and a hash of the whole path, so that two vaults never share a file.
fn file_name(vault: &Path) -> String {
    let name: String = vault
        .file_name()
        .map(|name| name.to_string_lossy())
        .unwrap_or_default()
        .chars()
        .map(|ch| if ch.is_alphanumeric() { ch } else { '-' })
        .take(40)
        .collect();
    let hash = xxh3_64(vault.as_os_str().as_encoded_bytes());
    format!("{name}-{hash:016x}.cache")
}

/// The program's identity: its version and, as a rebuild of one version may parse differently,
/// the size and modification time of its executable.
fn program() -> String {
    if let Some(program) = std::env::var_os(PROGRAM_OVERRIDE) {
        return program.to_string_lossy().into_owned();
    }
    let build = std::env::current_exe()
        .and_then(fs::metadata)
        .map(|exe| {
            let modified = exe.modified().map(since_epoch).unwrap_or_default();
            format!("{} {}.{:09}", exe.len(), modified.0, modified.1)
        })
        .unwrap_or_default();
    format!("{} {build}", env!("CARGO_PKG_VERSION"))
}

/// A fingerprint of the settings that reading a note depends on: every setting, less those
/// known to differ between runs without changing a note's reading (the vault's spelling, which
/// the file name covers, `today`, the time the run started, the cache folder). Hashing the
/// whole configuration covers settings added later without anyone remembering the cache; a
/// setting that does not change the reading costs one full read when it changes. A new
/// setting that differs from run to run must be left out here, or the cache is never used
/// (the test `the_fingerprint_holds_from_run_to_run` says so).
fn settings_fingerprint(config: &Config) -> u64 {
    let mut basis = config.clone();
    basis.vault = PathBuf::new();
    basis.config_file = None;
    basis.today = NaiveDate::MIN;
    basis.clock.now = NaiveDateTime::MIN;
    basis.cache_dir = None;
    xxh3_64(format!("{basis:?}").as_bytes())
}

fn since_epoch(time: SystemTime) -> (i64, u32) {
    match time.duration_since(UNIX_EPOCH) {
        Ok(after) => (
            i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
            after.subsec_nanos(),
        ),
        Err(before) => {
            let before = before.duration();
            let secs = -i64::try_from(before.as_secs()).unwrap_or(i64::MAX);
            match before.subsec_nanos() {
                0 => (secs, 0),
                nanos => (secs - 1, 1_000_000_000 - nanos),
            }
        }
    }
}

fn nanos((secs, nanos): (i64, u32)) -> i128 {
    i128::from(secs) * 1_000_000_000 + i128::from(nanos)
}

/// `path` with its longest existing ancestor canonicalized: where it is, or would be once
/// created, with symbolic links resolved.
fn canonical_so_far(path: &Path) -> PathBuf {
    let mut missing = Vec::new();
    let mut existing = path;
    loop {
        if let Ok(canonical) = existing.canonicalize() {
            return missing
                .iter()
                .rev()
                .fold(canonical, |path, part| path.join(part));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                missing.push(name);
                existing = parent;
            }
            _ => return path.to_path_buf(),
        }
    }
}

/// Creates the cache folder readable by its owner only: the cache holds the notes' words.
fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// `value` as postcard, in `scratch`.
fn encode<'s, T: Serialize>(value: &T, scratch: &'s mut Vec<u8>) -> io::Result<&'s [u8]> {
    scratch.clear();
    let taken = std::mem::take(scratch);
    *scratch =
        postcard::to_extend(value, taken).map_err(|err| io::Error::other(err.to_string()))?;
    Ok(scratch)
}

/// A writer that hashes what it writes.
struct Checksummed<W> {
    out: W,
    hash: Xxh3,
}

impl<W: Write> Write for Checksummed<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let written = self.out.write(bytes)?;
        self.hash.update(bytes.get(..written).unwrap_or_default());
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use std::fs::File;
    use std::time::Duration;

    use super::*;
    use crate::model::Entry;

    /// A vault of `files` whose modification times lie well in the past, with a cache folder
    /// of its own beside it.
    struct Setup {
        root: tempfile::TempDir,
        config: Config,
    }

    impl Setup {
        fn new(files: &[(&str, &str)]) -> Setup {
            let root = tempfile::tempdir().unwrap();
            let vault = root.path().join("vault");
            fs::create_dir(&vault).unwrap();
            for (path, text) in files {
                let full = vault.join(path);
                fs::create_dir_all(full.parent().unwrap()).unwrap();
                fs::write(&full, text).unwrap();
                settle(&full);
            }
            let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
            let mut config = Config::load(&vault, today).unwrap();
            config.cache_dir = Some(root.path().join("cache"));
            Setup { root, config }
        }

        fn cache(&self) -> Cache {
            Cache::open(&self.config).unwrap()
        }

        fn cache_file(&self) -> PathBuf {
            self.cache().file
        }

        fn stamp(&self, source: &str) -> Stamp {
            Stamp::of(&fs::symlink_metadata(self.config.vault.join(source)).unwrap())
        }

        /// Writes a cache holding `read` for each of `notes`, as `program` would.
        fn write(&self, program: &str, notes: &[(&str, NoteRead)]) {
            let cache = Cache {
                program: program.to_owned(),
                ..self.cache()
            };
            let mut delta = Delta::default();
            for (source, read) in notes {
                delta.fresh(source, self.stamp(source), read);
            }
            cache.write(&Index::default(), delta).unwrap();
        }
    }

    /// Moves a file's modification time an hour back, out of the racy second.
    fn settle(path: &Path) {
        let past = SystemTime::now() - Duration::from_secs(3600);
        File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(past)
            .unwrap();
    }

    fn read_with_win(text: &str) -> NoteRead {
        NoteRead {
            parsed: ParsedNote {
                entries: vec![Entry {
                    time: None,
                    text: text.to_owned(),
                    tags: vec!["work".to_owned()],
                    line: 3,
                    kind: crate::model::WinKind::Tag,
                    date: None,
                }],
                ..ParsedNote::default()
            },
            decoding: Vec::new(),
        }
    }

    fn held(cache: &Cache, source: &str, stamp: &Stamp) -> Option<NoteRead> {
        cache.index().get(source, stamp).map(|(_, read)| read)
    }

    #[test]
    fn the_folder_comes_from_smallwins_then_xdg_then_home() {
        fn env(vars: &[(&str, &str)]) -> Option<PathBuf> {
            dir_from(|name| {
                vars.iter()
                    .find(|(key, _)| *key == name)
                    .map(|(_, value)| OsString::from(value))
            })
        }
        let all = [
            ("SMALLWINS_CACHE_DIR", "/c/sw"),
            ("XDG_CACHE_HOME", "/x"),
            ("HOME", "/h"),
        ];
        assert_eq!(env(&all), Some(PathBuf::from("/c/sw")));
        assert_eq!(
            env(&all[1..]),
            Some(PathBuf::from("/x/smallwins")),
            "XDG_CACHE_HOME"
        );
        assert_eq!(env(&all[2..]), Some(PathBuf::from("/h/.cache/smallwins")));
        let relative_xdg = [("XDG_CACHE_HOME", "cache"), ("HOME", "/h")];
        assert_eq!(
            env(&relative_xdg),
            Some(PathBuf::from("/h/.cache/smallwins"))
        );
        assert_eq!(
            env(&[("SMALLWINS_CACHE_DIR", ""), ("HOME", "/h")]),
            Some(PathBuf::from("/h/.cache/smallwins"))
        );
        assert_eq!(env(&[]), None);
        assert_eq!(env(&[("HOME", "")]), None);
    }

    #[test]
    fn a_record_is_used_only_while_its_note_keeps_its_stamp() {
        let setup = Setup::new(&[("2026-11-16.md", "- shipped #win\n")]);
        let read = read_with_win("from the cache");
        setup.write(&program(), &[("2026-11-16.md", read.clone())]);
        let stamp = setup.stamp("2026-11-16.md");
        assert_eq!(held(&setup.cache(), "2026-11-16.md", &stamp), Some(read));
        assert_eq!(held(&setup.cache(), "2026-11-17.md", &stamp), None);

        // Same size, same modification time: only the change time tells.
        let path = setup.config.vault.join("2026-11-16.md");
        let modified = fs::metadata(&path).unwrap().modified().unwrap();
        std::thread::sleep(Duration::from_millis(20));
        fs::write(&path, "- shopped #win\n").unwrap();
        File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(modified)
            .unwrap();
        let now = setup.stamp("2026-11-16.md");
        assert_eq!((now.size, now.modified), (stamp.size, stamp.modified));
        assert_eq!(held(&setup.cache(), "2026-11-16.md", &now), None);
    }

    #[test]
    fn another_program_or_other_settings_find_the_cache_empty() {
        let setup = Setup::new(&[("2026-11-16.md", "- shipped #win\n")]);
        let stamp = setup.stamp("2026-11-16.md");
        setup.write(
            "smallwins 0.0.1",
            &[("2026-11-16.md", read_with_win("stale"))],
        );
        assert_eq!(held(&setup.cache(), "2026-11-16.md", &stamp), None);

        setup.write(&program(), &[("2026-11-16.md", read_with_win("kept"))]);
        let mut config = setup.config.clone();
        config.rules.tags = vec!["done".to_owned()];
        let other = Cache::open(&config).unwrap();
        assert_eq!(held(&other, "2026-11-16.md", &stamp), None);
        // Settings that never change a reading keep it: another day, another spelling.
        let mut config = setup.config.clone();
        config.today = config.today.succ_opt().unwrap();
        config.vault = config.vault.join("../vault");
        let same = Cache::open(&config).unwrap();
        assert!(held(&same, "2026-11-16.md", &stamp).is_some());
    }

    #[test]
    fn the_fingerprint_holds_from_run_to_run() {
        let setup = Setup::new(&[(".smallwins.toml", "day_starts_at = \"04:00\"\n")]);
        let vault = &setup.config.vault;
        let at = |now: &str| {
            let now = NaiveDateTime::parse_from_str(now, "%Y-%m-%dT%H:%M:%S").unwrap();
            settings_fingerprint(&Config::load_at(vault, None, now).unwrap())
        };
        let first = at("2026-11-26T09:00:00");
        assert_eq!(
            at("2026-11-26T09:00:01"),
            first,
            "a setting changes with the clock"
        );
        assert_eq!(
            at("2027-03-01T23:59:59"),
            first,
            "a setting changes with the day"
        );
        fs::write(vault.join(".smallwins.toml"), "day_starts_at = \"05:00\"\n").unwrap();
        assert_ne!(at("2026-11-26T09:00:00"), first);
    }

    #[test]
    fn a_damaged_file_is_an_empty_cache() {
        let setup = Setup::new(&[("2026-11-16.md", "- shipped #win\n")]);
        let stamp = setup.stamp("2026-11-16.md");
        setup.write(&program(), &[("2026-11-16.md", read_with_win("kept"))]);
        let file = setup.cache_file();
        let intact = fs::read(&file).unwrap();
        assert!(held(&setup.cache(), "2026-11-16.md", &stamp).is_some());
        let mut flipped = intact.clone();
        *flipped.last_mut().unwrap() ^= 1;
        let mut other_format = intact.clone();
        other_format[MAGIC.len()] ^= 0xff;
        let damaged: Vec<Vec<u8>> = vec![
            intact[..intact.len() / 2].to_vec(),
            intact[..PREAMBLE - 1].to_vec(),
            Vec::new(),
            flipped,
            other_format,
            (0..4096u32)
                .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
                .collect(),
        ];
        for bytes in damaged {
            fs::write(&file, &bytes).unwrap();
            assert_eq!(held(&setup.cache(), "2026-11-16.md", &stamp), None);
        }
    }

    #[test]
    fn a_checksummed_body_that_is_not_a_cache_is_an_empty_cache() {
        let setup = Setup::new(&[]);
        let file = setup.cache_file();
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        let body = b"\x05\xff\xff\xff\xff\xff\xff\xff\xff\xff";
        let mut bytes = MAGIC.to_vec();
        bytes.extend(FORMAT.to_le_bytes());
        bytes.extend(xxh3_64(body).to_le_bytes());
        bytes.extend(body);
        fs::write(&file, bytes).unwrap();
        assert!(setup.cache().index().records.is_empty());
    }

    #[test]
    fn notes_modified_within_the_last_second_are_not_kept() {
        let setup = Setup::new(&[("old.md", "- a #win\n"), ("new.md", "- b #win\n")]);
        fs::write(setup.config.vault.join("new.md"), "- b2 #win\n").unwrap();
        setup.write(
            &program(),
            &[
                ("old.md", read_with_win("a")),
                ("new.md", read_with_win("b2")),
            ],
        );
        let cache = setup.cache();
        assert!(held(&cache, "old.md", &setup.stamp("old.md")).is_some());
        assert!(held(&cache, "new.md", &setup.stamp("new.md")).is_none());
    }

    #[test]
    fn the_file_is_rewritten_only_when_it_learns_something() {
        let setup = Setup::new(&[("a.md", "x"), ("b.md", "y")]);
        setup.write(
            &program(),
            &[("a.md", read_with_win("a")), ("b.md", read_with_win("b"))],
        );
        let file = setup.cache_file();
        let written = fs::metadata(&file).unwrap().modified().unwrap();
        let cache = setup.cache();
        let index = cache.index();
        let mut delta = Delta::default();
        delta.hit(0);
        delta.hit(1);
        cache.update(&index, delta);
        assert_eq!(fs::metadata(&file).unwrap().modified().unwrap(), written);

        // One of two records gone stale: over an eighth, so the file sheds it.
        let mut delta = Delta::default();
        delta.hit(index.get("a.md", &setup.stamp("a.md")).unwrap().0);
        cache.update(&index, delta);
        let cache = setup.cache();
        assert_eq!(cache.index().records.len(), 1);
        assert!(held(&cache, "a.md", &setup.stamp("a.md")).is_some());
    }

    #[test]
    fn a_cache_folder_inside_the_vault_is_not_used() {
        let mut setup = Setup::new(&[]);
        setup.config.cache_dir = Some(setup.config.vault.join(".cache/smallwins"));
        assert!(Cache::open(&setup.config).is_none());
        setup.config.cache_dir = Some(setup.root.path().join("vault/../cache"));
        assert!(Cache::open(&setup.config).is_some());
        setup.config.cache_dir = None;
        assert!(Cache::open(&setup.config).is_none());
    }

    #[test]
    fn the_cache_folder_and_file_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let setup = Setup::new(&[("a.md", "x")]);
        setup.write(&program(), &[("a.md", read_with_win("a"))]);
        let file = setup.cache_file();
        let mode = |path: &Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&file), 0o600);
        assert_eq!(mode(file.parent().unwrap()), 0o700);
        let names: Vec<_> = fs::read_dir(file.parent().unwrap())
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![file.file_name().unwrap().to_owned()]);
    }

    #[test]
    fn two_vaults_with_one_name_get_two_files() {
        let one = file_name(Path::new("/home/a/Notes"));
        let two = file_name(Path::new("/home/b/Notes"));
        assert_ne!(one, two);
        assert!(
            one.starts_with("Notes-") && one.ends_with(".cache"),
            "{one}"
        );
        assert!(file_name(Path::new("/")).starts_with('-'));
    }

    #[test]
    fn times_before_the_epoch_keep_their_order() {
        let early = UNIX_EPOCH - Duration::new(1, 250_000_000);
        assert_eq!(since_epoch(early), (-2, 750_000_000));
        assert!(nanos(since_epoch(early)) < nanos(since_epoch(UNIX_EPOCH)));
    }
}
