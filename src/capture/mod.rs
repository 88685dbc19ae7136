//! `add`: write a win into that day's daily note (creating the note or its Wins section when
//! needed), under a lock so concurrent captures all land, then reinforce it with the day's count
//! against the goal and the streak.
//!
//! This file holds the request, the checks on what was typed, and the lock; [`note`] makes a new
//! daily note from a template, [`insert`] finds where the win goes, and [`reinforce`] says how
//! the day and the streak stand afterwards.

mod insert;
mod note;
mod reinforce;
mod ritual;
mod templater;

use std::fs::{self, File, OpenOptions};
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::config::{Config, LayoutSource};
use crate::dates::clock::day_of;
use crate::error::{Error, Result};
use crate::markdown::{comments, tags};
use crate::model::{Diagnostic, WinKind, WinRules};
use crate::parse::time::clock;
use crate::parse::WinMatcher;
use crate::paths;
use crate::vault;
use crate::write::{self, WriteOutcome};
use insert::place_win;
use note::new_note;
pub use note::{daily_template, DailyTemplate};

pub use reinforce::{count_milestone, Milestone, Reinforcement};
pub use ritual::{ask, read_wins, MAX_BATCH};

/// The bundled daily-note template, used when the vault configures none.
pub const DAILY_TEMPLATE: &str = "daily.md.j2";

/// The lock file, relative to the vault, held around every read-modify-write of a note.
pub const LOCK_FILE: &str = ".smallwins/add.lock";

/// What `add` was asked to write.
#[derive(Debug, Clone, Default)]
pub struct AddRequest {
    /// The win as typed; made safe by [`safe_text`].
    pub text: String,
    /// Extra tags, with or without `#`; checked by [`valid_tag`].
    pub tags: Vec<String>,
    /// The day; `None` means today.
    pub date: Option<NaiveDate>,
    /// `HH:MM` (or `H:MM`, `2:30 pm`); `None` means the clock's time for a win of the clock's
    /// day and no time for other days.
    pub time: Option<String>,
}

/// What `add` did.
#[derive(Debug, Clone)]
pub struct Added {
    /// The daily note written.
    pub path: PathBuf,
    /// The note, vault-relative with `/`.
    pub source: String,
    /// The day of the win.
    pub date: NaiveDate,
    /// 1-based line of the new item.
    pub line: usize,
    /// Created or updated.
    pub outcome: WriteOutcome,
    /// Problems met on the way that did not stop the write (a missing template).
    pub warnings: Vec<Diagnostic>,
}

/// Writes the win of `request` into its daily note; `now` is the clock's time (a win for the
/// day the clock is in gets its time of day, a win for another day none).
pub fn add(config: &Config, request: &AddRequest, now: NaiveDateTime) -> Result<Added> {
    let date = request.date.unwrap_or(config.today);
    let text = safe_text(&request.text)?;
    let tags = request
        .tags
        .iter()
        .map(|tag| valid_tag(tag))
        .collect::<Result<Vec<_>>>()?;
    let clock = request.time.as_deref().map(read_time).transpose()?;
    let time = match clock {
        Some(clock) => Some(clock),
        None if date == day_of(now, config.clock.day_starts_at) => Some(now.time()),
        None => None,
    };
    let time = time.map(|time| time.format("%H:%M").to_string());
    let item = win_item(time.as_deref(), &text, &tags, &config.rules);
    config.check_writable()?;
    let _lock = lock(&config.vault)?;
    let source = note_source(config, date);
    let path = paths::safe_output_path(&config.vault, &source)?;
    let mut warnings = Vec::new();
    // Redone on the note's new text whenever another program changed it meanwhile.
    let edit = |existing: Option<&[u8]>| {
        warnings.clear();
        let note = match existing {
            Some(bytes) => std::str::from_utf8(bytes)
                .map_err(|_| Error::Refused {
                    path: path.clone(),
                    message: "not valid UTF-8; save it as UTF-8 before adding to it".to_owned(),
                })?
                .to_owned(),
            None => new_note(config, date, clock.unwrap_or(now.time()), &mut warnings)?,
        };
        let (updated, line) =
            place_win(&note, &item, &config.rules).ok_or_else(|| Error::Refused {
                path: path.clone(),
                message: "the win would not be read back from this note (an unclosed code block, \
                          HTML block or %% comment swallows its end); close it and try again"
                    .to_owned(),
            })?;
        Ok::<_, Error>((updated.into_bytes(), line))
    };
    let (outcome, line) = write::update(&path, edit)?;
    Ok(Added {
        path,
        source,
        date,
        line,
        outcome,
        warnings,
    })
}

/// Checks the tags and the time of `request`, not its text: a session refuses them before it
/// asks for wins.
pub fn check_options(request: &AddRequest) -> Result<()> {
    for tag in &request.tags {
        valid_tag(tag)?;
    }
    if let Some(time) = &request.time {
        read_time(time)?;
    }
    Ok(())
}

/// Where a new daily note of `date` goes by the settings: daily folder / format + `.md`,
/// vault-relative.
pub fn daily_note_source(config: &Config, date: NaiveDate) -> String {
    let name = format!("{}.md", config.daily.format.format(date));
    paths::in_folder(&config.daily.folder, &name)
}

/// The note `add` writes the win of `date` into: the daily note of that day if the vault has
/// one anywhere under the daily folder (SPEC §1 counts those too), so that no second note of
/// the day starts; else a new one where the settings say, or, when none do, beside the most
/// recent daily notes. The note where the format puts it is the day's note: only when there is
/// none is the vault listed, so that a capture into an existing note reads no folder.
fn note_source(config: &Config, date: NaiveDate) -> String {
    let expected = daily_note_source(config, date);
    if fs::symlink_metadata(config.vault.join(&expected)).is_ok_and(|found| found.is_file()) {
        return expected;
    }
    let daily = vault::daily_notes(config);
    // The scan comes sorted by source: the first of the day is the one to write into.
    if let Some((_, existing)) = daily.iter().find(|(day, _)| *day == date) {
        return existing.clone();
    }
    match config.daily.source {
        LayoutSource::Default => vault::daily_home(&daily, &config.daily.format)
            .map_or(expected, |home| home.source(date)),
        _ => expected,
    }
}

/// Takes the vault's capture lock; it is released when the returned file is dropped.
fn lock(vault: &Path) -> Result<File> {
    let path = paths::safe_output_path(vault, LOCK_FILE)?;
    if let Some(folder) = LOCK_FILE.rsplit_once('/').map(|(folder, _)| folder) {
        // The lock is smallwins' own business: keep it out of `git add -A` in a vault repo.
        let ignore = paths::safe_output_path(vault, &format!("{folder}/.gitignore"))?;
        if fs::symlink_metadata(&ignore).is_err() {
            write::write_if_changed(&ignore, b"add.lock\n")?;
        }
    }
    let mut options = OpenOptions::new();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    {
        // Checked above; not following a symlink swapped in since keeps the lock in the vault.
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    let file = options.open(&path).map_err(|err| Error::io(&path, err))?;
    file.lock().map_err(|err| Error::io(&path, err))?;
    Ok(file)
}

/// Reads `--time` as notes write times (`14:30`, `9:05`, `2:30 pm`): `add` accepts what notes do.
fn read_time(arg: &str) -> Result<NaiveTime> {
    clock(arg).ok_or_else(|| {
        Error::Usage(format!(
            "`{arg}` is not a time: use HH:MM or H:MM am/pm, e.g. 14:30 or 2:30 pm"
        ))
    })
}

/// Makes command-line text safe to put on one list item line: whitespace (newlines included)
/// collapses to single spaces; a leading `#`, `>`, `<`, ordered-list marker or rule is escaped and
/// a leading bullet dropped; text that would hide the rest of the note, make a task, or is empty
/// is refused.
pub fn safe_text(text: &str) -> Result<String> {
    let refuse = |why: &str| Err(Error::Usage(format!("cannot add this win: {why}")));
    let mut text = text
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    while let Some(rest) = ["- ", "* ", "+ "]
        .iter()
        .find_map(|bullet| text.strip_prefix(bullet))
    {
        text = rest.trim_start().to_owned();
    }
    if text.is_empty() || text == "-" || text == "*" || text == "+" {
        return refuse("the text is empty; say what went well, e.g. smallwins add \"Shipped it\"");
    }
    if text.contains(comments::OBSIDIAN_MARK) {
        return refuse("`%%` starts an Obsidian comment that would hide the rest of the note");
    }
    if text.contains(comments::HTML_OPEN) {
        return refuse("`<!--` starts an HTML comment that would hide the rest of the note");
    }
    if text.contains("```") || text.starts_with("~~~") {
        return refuse("a code fence would turn the rest of the note into code");
    }
    let lower = text.to_ascii_lowercase();
    if ["[ ]", "[x]", "[-]", "[/]"]
        .iter()
        .any(|box_| lower.starts_with(box_))
    {
        return refuse("a leading task box makes this a task, not a win; drop the `[ ]`");
    }
    Ok(escape_block_start(text))
}

/// Escapes what would make the item's content start a heading, quote, HTML block, ordered list
/// or thematic break instead of a paragraph.
fn escape_block_start(text: String) -> String {
    let first = text.chars().next().unwrap_or(' ');
    let hashes = text.chars().take_while(|c| *c == '#').count();
    let heading = hashes > 0 && text.chars().nth(hashes).is_none_or(|c| c == ' ');
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let ordered = (1..=9).contains(&digits)
        && matches!(text.chars().nth(digits), Some('.' | ')'))
        && text.chars().nth(digits + 1).is_none_or(|c| c == ' ');
    let rule = matches!(first, '-' | '*' | '_' | '=')
        && text.chars().all(|c| c == first || c == ' ')
        && text.chars().filter(|c| *c == first).count() >= 3;
    if heading || rule || matches!(first, '>' | '<' | '|') {
        format!("\\{text}")
    } else if ordered {
        let (number, rest) = text.split_at(digits);
        format!("{number}\\{rest}")
    } else {
        text
    }
}

/// Checks a `--tag`: one whole tag as the tag reader reads it (letters of any script, digits,
/// `_`, `-`, `/` between levels, emoji; at least one non-digit); returns it without `#`.
pub fn valid_tag(tag: &str) -> Result<String> {
    let name = tag.trim().strip_prefix('#').unwrap_or(tag.trim());
    if !tags::is_name(name) {
        return Err(Error::Usage(format!(
            "`{tag}` is not a valid tag: use letters, digits, `_`, `-` and `/` (nested tags), \
             with at least one non-digit, e.g. --tag work/meetings"
        )));
    }
    Ok(name.to_owned())
}

/// The content of the new list item (without its bullet): `HH:MM TEXT #win #tag…`, where a
/// tag TEXT already carries is not added again (`ran 5k #win` keeps its one `#win`; any win
/// tag, `#win/work` too, stands for `#win`).
pub fn win_item(time: Option<&str>, text: &str, tags: &[String], rules: &WinRules) -> String {
    let dialect = if rules.logseq {
        tags::Dialect::Logseq
    } else {
        tags::Dialect::Obsidian
    };
    let mut found = Vec::new();
    tags::scan_as(text, &tags::opaque_parts(text), dialect, &mut found);
    let carried: Vec<String> = found.into_iter().map(|tag| tag.name).collect();
    let carries = |tag: &str| carried.iter().any(|name| *name == tags::normalize(tag));
    let has_win_tag = carried.iter().any(|name| {
        rules
            .tags
            .iter()
            .any(|win| tags::matches(name, &tags::normalize(win)))
    }) || (rules.logseq && text.contains("[[") && refs_win_page(text, rules));
    let mut item = String::new();
    if let Some(time) = time {
        item.push_str(time);
        item.push(' ');
    }
    item.push_str(text);
    let win_tag = rules.tags.first().map_or("win", String::as_str);
    if !has_win_tag {
        item.push_str(" #");
        item.push_str(win_tag);
    }
    let mut added: Vec<&str> = Vec::new();
    for tag in tags {
        if carries(tag)
            || added
                .iter()
                .any(|done| tags::normalize(done) == tags::normalize(tag))
        {
            continue;
        }
        item.push_str(" #");
        item.push_str(tag);
        added.push(tag);
    }
    item
}

/// Whether TEXT, as a Logseq block, references a win tag's page (`ran 5k [[win]]`): Logseq
/// reads that as the tag, so the parser does too.
fn refs_win_page(text: &str, rules: &WinRules) -> bool {
    WinMatcher::new(rules)
        .parse(&format!("- {text}\n"))
        .entries
        .iter()
        .any(|entry| entry.kind == WinKind::Tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_text_is_escaped_or_refused() {
        let cases: &[(&str, Option<&str>)] = &[
            ("Shipped it", Some("Shipped it")),
            ("two\nlines\r\n here", Some("two lines here")),
            ("# heading", Some("\\# heading")),
            ("#", Some("\\#")),
            ("... !", Some("... !")),
            ("#tag only", Some("#tag only")),
            ("- bullet", Some("bullet")),
            ("1. first", Some("1\\. first")),
            ("> quote", Some("\\> quote")),
            ("<div>", Some("\\<div>")),
            ("---", Some("\\---")),
            ("C# works", Some("C# works")),
            ("", None),
            ("  \n ", None),
            ("- ", None),
            ("a %% b", None),
            ("a <!-- b", None),
            ("```rust", None),
            ("[ ] task", None),
            ("[x] done", None),
        ];
        for (input, want) in cases {
            assert_eq!(safe_text(input).ok().as_deref(), *want, "{input:?}");
        }
    }

    #[test]
    fn tags_must_be_obsidian_tags() {
        let cases: &[(&str, Option<&str>)] = &[
            ("work", Some("work")),
            ("#work/meetings", Some("work/meetings")),
            ("y2026", Some("y2026")),
            ("déjà-vu_2", Some("déjà-vu_2")),
            ("2026", None),
            ("", None),
            ("two words", None),
            ("a.b", None),
            ("a//b", None),
            ("/a", None),
            ("a/", None),
            ("🎉party", Some("🎉party")),
            ("#[[Big Day]]", None),
        ];
        for (input, want) in cases {
            assert_eq!(valid_tag(input).ok().as_deref(), *want, "{input:?}");
        }
    }

    #[test]
    fn a_tag_the_text_carries_is_not_added_again() {
        let rules = WinRules::default();
        let item = |text: &str, tags: &[&str]| {
            let tags: Vec<String> = tags.iter().map(|t| (*t).to_owned()).collect();
            win_item(Some("07:10"), text, &tags, &rules)
        };
        assert_eq!(item("ran 5k #win", &[]), "07:10 ran 5k #win");
        assert_eq!(item("ran 5k #WIN/health", &[]), "07:10 ran 5k #WIN/health");
        assert_eq!(item("ran 5k #winter", &[]), "07:10 ran 5k #winter #win");
        assert_eq!(
            item("ran 5k #running", &["running", "health", "Health"]),
            "07:10 ran 5k #running #win #health"
        );
        assert_eq!(item("`#win` in code", &[]), "07:10 `#win` in code #win");
        assert_eq!(item("ran 5k [[win]]", &[]), "07:10 ran 5k [[win]] #win");
        let logseq = WinRules {
            logseq: true,
            ..WinRules::default()
        };
        let item = |text: &str| win_item(None, text, &[], &logseq);
        assert_eq!(item("ran 5k [[win]]"), "ran 5k [[win]]");
        assert_eq!(item("met [[Priya]]"), "met [[Priya]] #win");
        assert_eq!(item("ran 5k [[winter]]"), "ran 5k [[winter]] #win");
    }

    #[test]
    fn add_time_reads_what_notes_write() {
        let read = |arg| read_time(arg).map(|t| t.format("%H:%M").to_string());
        assert_eq!(read("2:30 pm").ok().as_deref(), Some("14:30"));
        assert_eq!(read("12:30 pm").ok().as_deref(), Some("12:30"));
        let err = read("25:00").unwrap_err().to_string();
        assert!(err.contains("25:00") && err.contains("HH:MM"), "{err}");
    }
}
