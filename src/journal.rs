//! Reading the whole vault: walk, read and parse every note in parallel, keep the dated ones.

use std::cell::RefCell;
use std::fs;
use std::io::Read;
use std::path::Path;

use rayon::prelude::*;

use crate::config::Config;
use crate::model::{Diagnostic, Note, ParsedNote, Win};
use crate::parse::WinMatcher;
use crate::vault::{self, NotePath, PathKind, PathProblemKind};

/// The largest read buffer a worker keeps between notes.
const MAX_KEPT_BUFFER: usize = 1024 * 1024;

/// Notes handed to a worker at a time, once the walk is well under way.
const WALK_BATCH: usize = 64;

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
        let (mut notes, diagnostics) = fold_notes(
            config,
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
        notes.sort_by(|a, b| (a.date, &a.source).cmp(&(b.date, &b.source)));
        Journal { notes, diagnostics }
    }

    /// Every win in `list` order: date, time (nulls first), source, line.
    pub fn wins(&self) -> Vec<&Win> {
        let mut wins: Vec<&Win> = self.notes.iter().flat_map(|note| &note.wins).collect();
        wins.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        wins
    }

    /// Every win in the order people read them: by day, then as the notes hold them.
    pub fn wins_in_note_order(&self) -> Vec<&Win> {
        let mut wins: Vec<&Win> = self.notes.iter().flat_map(|note| &note.wins).collect();
        wins.sort_by(|a, b| a.note_order_key().cmp(&b.note_order_key()));
        wins
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
    let matcher = WinMatcher::new(&config.rules);
    // Notes are read while the walk goes on: with the walk first, one core would sit idle
    // through every directory read. They go to the workers in batches, as handing over each
    // note alone costs the workers more in waiting for the walk than reading it does. Batches
    // start small and grow, so a vault of a few big notes still spreads over every worker.
    // Diagnostics are sorted below, so arrival order is moot.
    let mut walk = vault::walk(config, vault::WalkOrder::Unsorted);
    let mut walked = 0;
    let batches = std::iter::from_fn(move || {
        let size = (walked / 4).clamp(1, WALK_BATCH);
        let batch: Vec<_> = walk.by_ref().take(size).collect();
        walked += batch.len();
        (!batch.is_empty()).then_some(batch)
    });
    let (value, mut diagnostics) = batches
        .par_bridge()
        .flat_map_iter(Vec::into_iter)
        .map(|found| match found {
            Ok(note_path) => load_note(&matcher, &note_path),
            Err(diagnostic) => (None, vec![diagnostic]),
        })
        .fold(
            || (init(), Vec::new()),
            |(value, mut diagnostics), (note, found)| {
                diagnostics.extend(found);
                let value = match note {
                    Some(note) => add(value, note),
                    None => value,
                };
                (value, diagnostics)
            },
        )
        .reduce(
            || (init(), Vec::new()),
            |(left, mut diagnostics), (right, more)| {
                diagnostics.extend(more);
                (merge(left, right), diagnostics)
            },
        );
    diagnostics.sort();
    (value, diagnostics)
}

/// Reads and parses one note; a note that cannot be dated yields only its diagnostics.
pub fn load_note(matcher: &WinMatcher, note_path: &NotePath) -> (Option<Note>, Vec<Diagnostic>) {
    let read = with_text(&note_path.path, &note_path.source, |text, decoding| {
        (matcher.parse(text), decoding)
    });
    let (parsed, mut diagnostics) = match read {
        Ok(read) => read,
        Err(diagnostic) => return (None, vec![diagnostic]),
    };
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
    let note = date.map(|date| into_note(parsed, date, &note_path.source));
    (note, diagnostics)
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

/// Gives a parsed note its date and source.
pub fn into_note(parsed: ParsedNote, date: chrono::NaiveDate, source: &str) -> Note {
    let wins = parsed
        .entries
        .into_iter()
        .map(|entry| Win {
            date,
            time: entry.time,
            text: entry.text,
            tags: entry.tags,
            source: source.to_owned(),
            line: entry.line,
            kind: entry.kind,
        })
        .collect();
    Note {
        source: source.to_owned(),
        date,
        wins,
        rest: parsed.rest,
    }
}

thread_local! {
    /// Each worker reads every note into the same buffer: the text is only borrowed while the
    /// note is parsed, and a fresh buffer per note costs an allocation and a free each time.
    static NOTE_BUFFER: RefCell<Vec<u8>> = RefCell::new(Vec::with_capacity(READ_BUFFER));
}

/// Reads a note and hands its text to `parse`, with the warning of a lossy decode if any.
fn with_text<R>(
    path: &Path,
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
        read_into(path, bytes).map_err(|err| cannot_read(source, &err))?;
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
    read_into(path, &mut bytes).map_err(|err| cannot_read(source, &err))?;
    Ok(decode(bytes, source))
}

fn cannot_read(source: &str, err: &std::io::Error) -> Diagnostic {
    Diagnostic::file_warning(source, format!("cannot read: {err}"))
}

/// Appends a file's bytes to `bytes`. `fs::read` (and `read_to_end` on a `File`) first asks for
/// the file's size and position: two system calls per note that a buffer fitting nearly every
/// daily note makes needless. Through `Take` the generic `read_to_end` runs, which reads into the
/// spare capacity without asking and without zeroing it; a larger note grows the buffer.
fn read_into(path: &Path, bytes: &mut Vec<u8>) -> std::io::Result<()> {
    fs::File::open(path)?.take(u64::MAX).read_to_end(bytes)?;
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
