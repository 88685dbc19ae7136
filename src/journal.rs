//! Reading the whole vault: walk, read and parse every note in parallel, keep the dated ones.
//! Behind the per-note cache ([`crate::cache`]): a note whose file is as it was when last read
//! is not read again.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::Path;

use chrono::NaiveDate;

use crate::cache::{Cache, Delta, Index, NoteRead, Stamp};
use crate::config::Config;
use crate::model::{Diagnostic, Note, ParsedNote, Win};
use crate::parse::WinMatcher;
use crate::vault::{self, cannot_read, NotePath, PathKind, PathProblemKind, Walked};

/// The largest read buffer a worker keeps between notes.
const MAX_KEPT_BUFFER: usize = 1024 * 1024;

/// Bytes reserved for reading one note, enough for nearly every daily note in one read.
const READ_BUFFER: usize = 8 * 1024;

/// Every dated note of a vault, with the problems met while reading it.
#[derive(Debug, Default)]
pub struct Journal {
    /// Dated notes sorted by date, then source.
    pub notes: Vec<Note>,
    /// Warnings about files that could not be read or dated, sorted by path and line.
    pub diagnostics: Vec<Diagnostic>,
}

impl Journal {
    /// Walks and parses the vault of `config`.
    pub fn load(config: &Config) -> Journal {
        Journal::load_with(config, &Overlay::default())
    }

    /// Walks and parses the vault of `config`, reading the notes of `overlay` from it instead
    /// of their files.
    pub fn load_with(config: &Config, overlay: &Overlay) -> Journal {
        let (mut notes, diagnostics) = fold(
            config,
            overlay,
            Vec::new,
            |mut notes, note| {
                notes.push(note);
                notes
            },
            |mut notes, mut more| {
                notes.append(&mut more);
                notes
            },
        );
        // Sources are unique: an unstable sort gives the one order.
        notes.sort_unstable_by(|a, b| (a.date, &a.source).cmp(&(b.date, &b.source)));
        Journal { notes, diagnostics }
    }

    /// Every win in `list` order: date, time (nulls first), source, line.
    pub fn wins(&self) -> Vec<&Win> {
        let mut wins: Vec<&Win> = self.notes.iter().flat_map(|note| &note.wins).collect();
        // The notes come by date: only each day's wins need sorting among themselves.
        for day in wins.chunk_by_mut(|a, b| a.date == b.date) {
            day.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        }
        wins
    }

    /// Every win in the order people read them: by day, then as the notes hold them.
    pub fn wins_in_note_order(&self) -> Vec<&Win> {
        let mut wins: Vec<&Win> = self.notes.iter().flat_map(|note| &note.wins).collect();
        wins.sort_by(|a, b| a.note_order_key().cmp(&b.note_order_key()));
        wins
    }
}

/// Notes read from elsewhere than their files, such as the staged content of notes whose index
/// entry differs from the working tree in a git hook. Such notes bypass the cache.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overlay {
    /// Vault-relative source → the note's bytes, or `None` for a note that is not there.
    notes: BTreeMap<String, Option<Vec<u8>>>,
}

impl Overlay {
    /// Reads the note at vault-relative `source` as `bytes`, whether its file exists or not.
    pub fn insert(&mut self, source: impl Into<String>, bytes: Vec<u8>) {
        self.notes.insert(source.into(), Some(bytes));
    }

    /// Treats the note at vault-relative `source` as absent, whether its file exists or not.
    pub fn remove(&mut self, source: impl Into<String>) {
        self.notes.insert(source.into(), None);
    }

    fn covers(&self, source: &str) -> bool {
        self.notes.contains_key(source)
    }

    /// The overlaid notes that the walk would read, were they files.
    fn notes<'a>(&'a self, config: &'a Config) -> impl Iterator<Item = Found<'a>> + 'a {
        self.notes.iter().filter_map(move |(source, bytes)| {
            let bytes = bytes.as_deref()?;
            let readable = vault::is_markdown(Path::new(source))
                && !vault::is_hidden_or_excluded(config, source);
            readable.then(|| {
                let note_path = NotePath {
                    path: config.vault.join(source),
                    source: source.clone(),
                    kind: vault::classify(config, source),
                };
                Found::Given(note_path, bytes)
            })
        })
    }
}

/// Walks and parses the vault of `config` in parallel, folding every dated note into an
/// accumulator (`init` per worker, `add` per note, `merge` to join workers), so a command that
/// only counts never holds the whole vault. Returns the accumulator and the reading problems,
/// sorted by path and line.
pub fn fold_notes<T, Init, Add, Merge>(
    config: &Config,
    init: Init,
    add: Add,
    merge: Merge,
) -> (T, Vec<Diagnostic>)
where
    T: Send,
    Init: Fn() -> T + Sync + Send,
    Add: Fn(T, Note) -> T + Sync + Send,
    Merge: Fn(T, T) -> T + Sync + Send,
{
    fold(config, &Overlay::default(), init, add, merge)
}

/// What the workers read.
enum Found<'a> {
    /// A note to read from its file (or the cache).
    File(Walked),
    /// A note whose bytes are given.
    Given(NotePath, &'a [u8]),
    /// A problem met while walking.
    Problem(Diagnostic),
}

/// What a worker has gathered: the caller's accumulator, the reading problems, and what the
/// cache lacks.
struct Gathered<T> {
    value: T,
    diagnostics: Vec<Diagnostic>,
    delta: Delta,
}

/// [`fold_notes`] with an overlay.
fn fold<T, Init, Add, Merge>(
    config: &Config,
    overlay: &Overlay,
    init: Init,
    add: Add,
    merge: Merge,
) -> (T, Vec<Diagnostic>)
where
    T: Send,
    Init: Fn() -> T + Sync + Send,
    Add: Fn(T, Note) -> T + Sync + Send,
    Merge: Fn(T, T) -> T + Sync + Send,
{
    let cache = Cache::open(config);
    let index = cache.as_ref().map(Cache::index);
    let reader = Reader {
        matcher: WinMatcher::new(&config.rules),
        index: index.as_ref(),
    };
    let gather = || Gathered {
        value: init(),
        diagnostics: Vec::new(),
        delta: Delta::default(),
    };
    let visit = |mut gathered: Gathered<T>, found| {
        let notes = reader.load(found, &mut gathered.diagnostics, &mut gathered.delta);
        gathered.value = notes.into_iter().fold(gathered.value, &add);
        gathered
    };
    // With a cache, the walk reads each note's metadata, all that an unchanged note costs.
    let stat = if index.as_ref().is_some_and(|index| !index.is_empty()) {
        vault::Stat::Yes
    } else {
        vault::Stat::No
    };
    let walked = vault::walk(
        config,
        stat,
        gather,
        |gathered, found| match found {
            Ok(walked) if overlay.covers(&walked.note.source) => gathered,
            Ok(walked) => visit(gathered, Found::File(walked)),
            Err(diagnostic) => visit(gathered, Found::Problem(diagnostic)),
        },
        |mut left, mut right| {
            left.diagnostics.append(&mut right.diagnostics);
            Gathered {
                value: merge(left.value, right.value),
                diagnostics: left.diagnostics,
                delta: left.delta.merge(right.delta),
            }
        },
    );
    let gathered = overlay.notes(config).fold(walked, visit);
    if let (Some(cache), Some(index)) = (&cache, &index) {
        cache.update(index, gathered.delta);
    }
    let mut diagnostics = gathered.diagnostics;
    diagnostics.sort();
    (gathered.value, diagnostics)
}

/// Reads notes for the workers: through the cache when the run has one.
struct Reader<'a> {
    matcher: WinMatcher,
    index: Option<&'a Index<'a>>,
}

impl Reader<'_> {
    /// The dated notes `found` gives (see [`into_notes`]), adding its problems to `diagnostics` and what the
    /// cache learns to `delta`.
    fn load(
        &self,
        found: Found,
        diagnostics: &mut Vec<Diagnostic>,
        delta: &mut Delta,
    ) -> Vec<Note> {
        let (note_path, read) = match found {
            Found::Problem(diagnostic) => {
                diagnostics.push(diagnostic);
                return Vec::new();
            }
            Found::Given(note_path, bytes) => {
                let read = read_bytes(&self.matcher, bytes, &note_path.source);
                (note_path, Ok(read))
            }
            Found::File(walked) => {
                let read = match self.index {
                    Some(index) => self.read_cached(index, &walked, delta),
                    None => read_note(&self.matcher, &walked.note.path, &walked.note.source),
                };
                (walked.note, read)
            }
        };
        match read {
            Ok(read) => {
                let (notes, found) = date_note(&note_path, read);
                diagnostics.extend(found);
                notes
            }
            Err(unreadable) => {
                diagnostics.push(unreadable);
                Vec::new()
            }
        }
    }

    /// The note from the cache when its stamp (read by the walk) is unchanged, else read
    /// afresh and noted in `delta`. A stamp is always taken before reading: a note written
    /// meanwhile is read again next time rather than remembered with a stamp newer than what
    /// was read.
    fn read_cached(
        &self,
        index: &Index,
        walked: &Walked,
        delta: &mut Delta,
    ) -> Result<NoteRead, Diagnostic> {
        let NotePath { path, source, .. } = &walked.note;
        let stamp = walked.metadata.as_ref().map(Stamp::of);
        if let Some((at, read)) = stamp.and_then(|stamp| index.get(source, &stamp)) {
            delta.hit(at);
            return Ok(read);
        }
        let (read, stamp) = match stamp {
            Some(stamp) => (read_note(&self.matcher, path, source)?, stamp),
            // An empty cache has nothing to compare with: the open file's stamp costs less
            // than a stat by name in the walk.
            None => stamped_read(&self.matcher, path, source)?,
        };
        delta.fresh(source, stamp, &read);
        Ok(read)
    }
}

/// Reads and parses one note: its dated notes (see [`into_notes`]) and diagnostics. A note that
/// cannot be dated yields only the wins that carry a date of their own.
pub fn load_note(matcher: &WinMatcher, note_path: &NotePath) -> (Vec<Note>, Vec<Diagnostic>) {
    match read_note(matcher, &note_path.path, &note_path.source) {
        Ok(read) => date_note(note_path, read),
        Err(unreadable) => (Vec::new(), vec![unreadable]),
    }
}

/// Reads and parses the note at `path`.
fn read_note(matcher: &WinMatcher, path: &Path, source: &str) -> Result<NoteRead, Diagnostic> {
    let file = fs::File::open(path).map_err(|err| cannot_read(source, &err))?;
    with_text(file, source, |text, decoding| NoteRead {
        parsed: matcher.parse(text),
        decoding,
    })
}

/// [`read_note`] with the note's stamp, taken from the open file before it is read.
fn stamped_read(
    matcher: &WinMatcher,
    path: &Path,
    source: &str,
) -> Result<(NoteRead, Stamp), Diagnostic> {
    let file = fs::File::open(path).map_err(|err| cannot_read(source, &err))?;
    let stamp = file
        .metadata()
        .map(|metadata| Stamp::of(&metadata))
        .map_err(|err| cannot_read(source, &err))?;
    let read = with_text(file, source, |text, decoding| NoteRead {
        parsed: matcher.parse(text),
        decoding,
    })?;
    Ok((read, stamp))
}

/// Parses a note given as bytes.
fn read_bytes(matcher: &WinMatcher, bytes: &[u8], source: &str) -> NoteRead {
    match std::str::from_utf8(bytes) {
        Ok(text) => NoteRead {
            parsed: matcher.parse(text),
            decoding: Vec::new(),
        },
        Err(_) => {
            let (text, decoding) = decode(bytes.to_vec(), source);
            NoteRead {
                parsed: matcher.parse(&text),
                decoding,
            }
        }
    }
}

/// Dates a read note by its path or front matter; an undated note yields only its diagnostics
/// and the wins that carry their own date.
fn date_note(note_path: &NotePath, read: NoteRead) -> (Vec<Note>, Vec<Diagnostic>) {
    let NoteRead {
        parsed,
        decoding: mut diagnostics,
    } = read;
    let date = match &note_path.kind {
        PathKind::Daily(date) => Some(*date),
        PathKind::Other { problem } => {
            // A daily-note name outside the daily folder is a `check` lint, not a reading problem.
            let worth_a_warning = problem
                .as_ref()
                .filter(|problem| problem.kind != PathProblemKind::OutsideDailyFolder);
            if let (None, Some(problem)) = (parsed.front_matter_date, worth_a_warning) {
                diagnostics.push(Diagnostic::file_warning(
                    &note_path.source,
                    problem.message.clone(),
                ));
            }
            parsed.front_matter_date
        }
    };
    diagnostics.extend(reading_problems(&parsed, &note_path.source));
    (into_notes(parsed, date, &note_path.source), diagnostics)
}

/// The parser's diagnostics that matter to every command (not the lints only `check` shows).
fn reading_problems(parsed: &ParsedNote, source: &str) -> Vec<Diagnostic> {
    parsed
        .diagnostics
        .iter()
        .map(|diagnostic| Diagnostic {
            source: source.to_owned(),
            ..diagnostic.clone()
        })
        .collect()
}

/// Gives a parsed note its date and source. A [`Note`] is what one file says about one day: the
/// note's own day (when it has one, wins or not) and each other day its entries name (a done
/// task dated by its done date), so scores, reviews and lists count every win on its own day.
pub fn into_notes(parsed: ParsedNote, date: Option<NaiveDate>, source: &str) -> Vec<Note> {
    let mut notes: Vec<Note> = date
        .map(|date| Note {
            source: source.to_owned(),
            date,
            wins: Vec::new(),
            rest: parsed.rest,
        })
        .into_iter()
        .collect();
    let mut days: BTreeMap<NaiveDate, usize> = date.map(|date| (date, 0)).into_iter().collect();
    for entry in parsed.entries {
        let Some(day) = entry.date.or(date) else {
            continue;
        };
        let win = Win {
            date: day,
            time: entry.time,
            text: entry.text,
            tags: entry.tags,
            source: source.to_owned(),
            line: entry.line,
            kind: entry.kind,
        };
        let at = *days.entry(day).or_insert_with(|| {
            notes.push(Note {
                source: source.to_owned(),
                date: day,
                wins: Vec::new(),
                rest: false,
            });
            notes.len() - 1
        });
        if let Some(note) = notes.get_mut(at) {
            note.wins.push(win);
        }
    }
    notes
}

thread_local! {
    /// Each worker reads every note into the same buffer: the text is only borrowed while the
    /// note is parsed, and a fresh buffer per note costs an allocation and a free each time.
    static NOTE_BUFFER: RefCell<Vec<u8>> = RefCell::new(Vec::with_capacity(READ_BUFFER));
}

/// Reads an open note and hands its text to `parse`, with the warning of a lossy decode if any.
fn with_text<R>(
    file: fs::File,
    source: &str,
    parse: impl FnOnce(&str, Vec<Diagnostic>) -> R,
) -> Result<R, Diagnostic> {
    NOTE_BUFFER.with(|buffer| {
        // Only a re-entrant call could find the buffer taken; it reads into a buffer of its own.
        let mut own = Vec::new();
        let mut shared = buffer.try_borrow_mut();
        let bytes = match &mut shared {
            Ok(shared) => &mut **shared,
            Err(_) => &mut own,
        };
        bytes.clear();
        read_into(file, bytes).map_err(|err| cannot_read(source, &err))?;
        let result = match std::str::from_utf8(bytes) {
            Ok(text) => parse(text, Vec::new()),
            Err(_) => {
                let (text, decoding) = decode(bytes.clone(), source);
                parse(&text, decoding)
            }
        };
        // A huge note must not keep its memory for the rest of the walk.
        if bytes.capacity() > MAX_KEPT_BUFFER {
            bytes.clear();
            bytes.shrink_to(READ_BUFFER);
        }
        Ok(result)
    })
}

/// Reads a note as text: invalid UTF-8 is decoded lossily with a warning so its wins are kept.
pub fn read_text(path: &Path, source: &str) -> Result<(String, Vec<Diagnostic>), Diagnostic> {
    let mut bytes = Vec::with_capacity(READ_BUFFER);
    fs::File::open(path)
        .and_then(|file| read_into(file, &mut bytes))
        .map_err(|err| cannot_read(source, &err))?;
    Ok(decode(bytes, source))
}

/// Appends a file's bytes to `bytes`. `fs::read` (and `read_to_end` on a `File`) first asks for
/// the file's size and position: two system calls per note that a buffer fitting nearly every
/// daily note makes needless. Through `Take` the generic `read_to_end` runs, which reads into the
/// spare capacity without asking and without zeroing it; a larger note grows the buffer.
fn read_into(file: fs::File, bytes: &mut Vec<u8>) -> std::io::Result<()> {
    file.take(u64::MAX).read_to_end(bytes)?;
    Ok(())
}

/// Decodes note bytes, lossily when they are not UTF-8.
pub fn decode(bytes: Vec<u8>, source: &str) -> (String, Vec<Diagnostic>) {
    match String::from_utf8(bytes) {
        Ok(text) => (text, Vec::new()),
        Err(err) => {
            let valid_up_to = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            let line = bytes
                .get(..valid_up_to)
                .map_or(0, |prefix| prefix.iter().filter(|&&b| b == b'\n').count())
                + 1;
            let warning = Diagnostic {
                line: Some(line),
                ..Diagnostic::file_warning(
                    source,
                    "not valid UTF-8; read with replacement characters (save the note as UTF-8)",
                )
            };
            (String::from_utf8_lossy(&bytes).into_owned(), vec![warning])
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, SystemTime};

    use chrono::NaiveDate;

    use super::*;

    /// A copy of the example vault, every note modified an hour ago (out of the cache's racy
    /// second), read with a cache folder of its own.
    fn example_copy() -> (tempfile::TempDir, Config) {
        let root = tempfile::tempdir().unwrap();
        let vault = root.path().join("vault");
        let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/vault");
        let past = SystemTime::now() - Duration::from_secs(3600);
        for entry in walkdir::WalkDir::new(&example) {
            let entry = entry.unwrap();
            let target = vault.join(entry.path().strip_prefix(&example).unwrap());
            if entry.file_type().is_dir() {
                fs::create_dir_all(&target).unwrap();
            } else {
                fs::copy(entry.path(), &target).unwrap();
                fs::File::options()
                    .write(true)
                    .open(&target)
                    .unwrap()
                    .set_modified(past)
                    .unwrap();
            }
        }
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let mut config = Config::load(&vault, today).unwrap();
        config.cache_dir = Some(root.path().join("cache"));
        (root, config)
    }

    fn fresh(config: &Config) -> Config {
        Config {
            cache_dir: None,
            ..config.clone()
        }
    }

    fn same(a: &Journal, b: &Journal) {
        assert_eq!(a.notes, b.notes);
        assert_eq!(a.diagnostics, b.diagnostics);
    }

    #[test]
    fn reading_through_the_cache_equals_reading_afresh() {
        let (root, config) = example_copy();
        let afresh = Journal::load(&fresh(&config));
        assert!(afresh.notes.len() > 40);
        same(&Journal::load(&config), &afresh);
        let cache_files: Vec<_> = fs::read_dir(root.path().join("cache")).unwrap().collect();
        assert_eq!(cache_files.len(), 1);
        let cache_file = cache_files[0].as_ref().unwrap().path();
        let written = fs::metadata(&cache_file).unwrap().modified().unwrap();
        same(&Journal::load(&config), &afresh);
        // Every note came from the cache: nothing new to write.
        assert_eq!(
            fs::metadata(&cache_file).unwrap().modified().unwrap(),
            written
        );

        let note = config.vault.join("Daily/2026/11/2026-11-16.md");
        let mut text = fs::read_to_string(&note).unwrap();
        text.push_str("\n- A late one #win\n");
        fs::write(&note, text).unwrap();
        let changed = Journal::load(&fresh(&config));
        assert_ne!(changed.notes, afresh.notes);
        same(&Journal::load(&config), &changed);
    }

    #[test]
    fn overlaid_notes_are_read_from_the_overlay_and_never_cached() {
        let (_root, config) = example_copy();
        let on_disk = Journal::load(&config);
        let mut overlay = Overlay::default();
        overlay.insert("Daily/2026/11/2026-11-16.md", b"- staged #win\n".to_vec());
        overlay.insert(
            "Daily/2026/11/2026-11-30.md",
            b"- only staged #win\n".to_vec(),
        );
        overlay.insert(".trash/2026-11-29.md", b"- hidden #win\n".to_vec());
        overlay.remove("Daily/2026/11/2026-11-17.md");
        let staged = Journal::load_with(&config, &overlay);
        let texts = |date: &str| -> Vec<String> {
            let date: NaiveDate = date.parse().unwrap();
            staged
                .notes
                .iter()
                .filter(|note| note.date == date)
                .flat_map(|note| note.wins.iter().map(|win| win.text.clone()))
                .collect()
        };
        assert_eq!(texts("2026-11-16"), vec!["staged"]);
        assert_eq!(texts("2026-11-30"), vec!["only staged"]);
        assert!(texts("2026-11-17").is_empty());
        assert!(texts("2026-11-29").is_empty());
        assert_eq!(staged.notes.len(), on_disk.notes.len());

        same(&Journal::load(&config), &on_disk);
        same(&Journal::load(&fresh(&config)), &on_disk);
    }

    #[test]
    fn folding_through_the_cache_equals_folding_afresh() {
        let (_root, config) = example_copy();
        let count = |config: &Config| {
            fold_notes(
                config,
                || 0,
                |wins, note| wins + note.wins.len(),
                |a, b| a + b,
            )
        };
        let afresh = count(&fresh(&config));
        assert_eq!(count(&config), afresh);
        assert_eq!(count(&config), afresh);
    }
}
