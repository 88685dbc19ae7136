//! `add`: write a win into that day's daily note (creating the note or its Wins section when
//! needed), under a lock so concurrent captures all land, then reinforce it with the day's count
//! against the goal and the streak.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveTime, Timelike};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::config::Config;
use crate::dates::DateFormat;
use crate::error::{Error, Result};
use crate::journal::Journal;
use crate::markdown::heading::normalize as normalize_heading;
use crate::model::{Diagnostic, Note, WinRules};
use crate::parse::WinMatcher;
use crate::paths;
use crate::render::Templates;
use crate::stats::{self, Scores};
use crate::vault;
use crate::write::{self, WriteOutcome};

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
    /// `HH:MM` (or `H:MM`); `None` means now for today and no time for other days.
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

/// Writes the win of `request` into its daily note; `now` is the local time of day.
pub fn add(config: &Config, request: &AddRequest, now: NaiveTime) -> Result<Added> {
    let date = request.date.unwrap_or(config.today);
    let text = safe_text(&request.text)?;
    let tags = request
        .tags
        .iter()
        .map(|tag| valid_tag(tag))
        .collect::<Result<Vec<_>>>()?;
    let time = match &request.time {
        Some(time) => Some(parse_time(time)?),
        None if date == config.today => Some(now.format("%H:%M").to_string()),
        None => None,
    };
    let win_tag = config.rules.tags.first().map_or("win", String::as_str);
    let item = win_item(time.as_deref(), &text, &tags, win_tag);
    let _lock = lock(&config.vault)?;
    let source =
        existing_daily_note(config, date).unwrap_or_else(|| daily_note_source(config, date));
    let path = paths::safe_output_path(&config.vault, &source)?;
    let mut warnings = Vec::new();
    let note = match fs::read(&path) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|_| Error::Refused {
            path: path.clone(),
            message: "not valid UTF-8; save it as UTF-8 before adding to it".to_owned(),
        })?,
        Err(err) if err.kind() == io::ErrorKind::NotFound => {
            let clock = request.time.as_deref().map_or(Ok(now), parse_clock)?;
            new_note(config, date, clock, &mut warnings)?
        }
        Err(err) => return Err(Error::io(&path, err)),
    };
    let (updated, line) = place_win(&note, &item, &config.rules).ok_or_else(|| Error::Refused {
        path: path.clone(),
        message: "the win would not be read back from this note (an unclosed code block, \
                  HTML block or %% comment swallows its end); close it and try again"
            .to_owned(),
    })?;
    let outcome = write::write_if_changed(&path, updated.as_bytes())?;
    Ok(Added {
        path,
        source,
        date,
        line,
        outcome,
        warnings,
    })
}

/// Where a new daily note of `date` goes: daily folder / format + `.md`, vault-relative.
pub fn daily_note_source(config: &Config, date: NaiveDate) -> String {
    let name = format!("{}.md", config.daily.format.format(date));
    paths::in_folder(&config.daily.folder, &name)
}

/// The daily note of `date` if the vault has one anywhere under the daily folder (SPEC §1 counts
/// those too), so `add` writes into it instead of starting a second note for the same day.
fn existing_daily_note(config: &Config, date: NaiveDate) -> Option<String> {
    vault::walk(config, vault::WalkOrder::Unsorted)
        .filter_map(|found| found.ok())
        .filter(|note| note.kind == vault::PathKind::Daily(date))
        .map(|note| note.source)
        .min()
}

/// Takes the vault's capture lock; it is released when the returned file is dropped.
fn lock(vault: &Path) -> Result<File> {
    let path = vault.join(LOCK_FILE);
    if let Some(folder) = path.parent() {
        fs::create_dir_all(folder).map_err(|err| Error::io(folder, err))?;
        // The lock is smallwins' own business: keep it out of `git add -A` in a vault repo.
        let ignore = folder.join(".gitignore");
        if !ignore.exists() {
            write::write_if_changed(&ignore, b"add.lock\n")?;
        }
    }
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|err| Error::io(&path, err))?;
    file.lock().map_err(|err| Error::io(&path, err))?;
    Ok(file)
}

/// The text of a new daily note: the vault's Obsidian template, else the bundled one.
fn new_note(
    config: &Config,
    date: NaiveDate,
    now: NaiveTime,
    warnings: &mut Vec<Diagnostic>,
) -> Result<String> {
    let name = config.daily.format.format(date);
    let title = name.rsplit('/').next().unwrap_or(&name).to_owned();
    if let Some(template) = &config.daily.template {
        let path = config.vault.join(template);
        match fs::read_to_string(&path) {
            Ok(text) => {
                return Ok(fill_template(
                    &text,
                    date,
                    now,
                    &config.daily.format,
                    &title,
                ))
            }
            Err(err) => warnings.push(Diagnostic::file_warning(
                template.clone(),
                format!("cannot read the daily template ({err}); using the bundled one"),
            )),
        }
    }
    let context = DailyContext {
        date: date.format("%Y-%m-%d").to_string(),
        title,
        weekday: date.format("%A").to_string(),
        long_date: date.format("%-d %B %Y").to_string(),
        wins_heading: config
            .rules
            .sections
            .first()
            .cloned()
            .unwrap_or_else(|| "Wins".to_owned()),
        win_tag: config
            .rules
            .tags
            .first()
            .cloned()
            .unwrap_or_else(|| "win".to_owned()),
    };
    Templates::new(&config.vault).render(DAILY_TEMPLATE, context)
}

/// What the bundled daily template receives.
#[derive(Debug, Serialize)]
struct DailyContext {
    date: String,
    title: String,
    weekday: String,
    long_date: String,
    wins_heading: String,
    win_tag: String,
}

/// Fills Obsidian core template variables: `{{date}}`, `{{date:FORMAT}}`, `{{time}}`,
/// `{{time:FORMAT}}`, `{{title}}`. `{{date}}` uses the daily note format, as Obsidian's daily
/// notes do; a format smallwins cannot print leaves its variable as written.
pub fn fill_template(
    template: &str,
    date: NaiveDate,
    now: NaiveTime,
    daily_format: &DateFormat,
    title: &str,
) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        let (before, from_open) = rest.split_at(open);
        out.push_str(before);
        let Some(close) = from_open.find("}}") else {
            rest = from_open;
            break;
        };
        let (variable, after) = from_open.split_at(close + 2);
        let inner = variable.get(2..close).unwrap_or_default();
        match fill_variable(inner, date, now, daily_format, title) {
            Some(value) => out.push_str(&value),
            None => out.push_str(variable),
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

fn fill_variable(
    inner: &str,
    date: NaiveDate,
    now: NaiveTime,
    daily_format: &DateFormat,
    title: &str,
) -> Option<String> {
    let (name, format) = match inner.split_once(':') {
        Some((name, format)) => (name.trim(), Some(format.trim())),
        None => (inner.trim(), None),
    };
    match (name.to_ascii_lowercase().as_str(), format) {
        ("title", None) => Some(title.to_owned()),
        ("date", None) => Some(daily_format.format(date)),
        ("time", None) => Some(now.format("%H:%M").to_string()),
        ("date" | "time", Some(format)) => format_moment(format, date, now),
        _ => None,
    }
}

/// Prints a moment.js format that may mix date tokens (handled by [`DateFormat`]) with the time
/// tokens `HH H hh h mm m ss s A a`; `None` when a date part is not understood.
pub fn format_moment(format: &str, date: NaiveDate, time: NaiveTime) -> Option<String> {
    let mut out = String::new();
    let mut date_run = String::new();
    let flush = |run: &mut String, out: &mut String| -> Option<()> {
        if !run.is_empty() {
            out.push_str(&DateFormat::moment(run).ok()?.format(date));
            run.clear();
        }
        Some(())
    };
    let mut chars = format.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c == '[' {
            // A literal may hold time letters, so it travels whole with the date run.
            let end = format.get(at..)?.find(']')? + at;
            date_run.push_str(format.get(at..=end)?);
            while chars.peek().is_some_and(|(i, _)| *i <= end) {
                chars.next();
            }
            continue;
        }
        if !matches!(c, 'H' | 'h' | 'm' | 's' | 'A' | 'a') {
            date_run.push(c);
            continue;
        }
        flush(&mut date_run, &mut out)?;
        let double = chars.peek().is_some_and(|(_, next)| *next == c);
        if double && !matches!(c, 'A' | 'a') {
            chars.next();
        }
        let hour12 = match time.hour() % 12 {
            0 => 12,
            h => h,
        };
        let value = match (c, double) {
            ('H', true) => format!("{:02}", time.hour()),
            ('H', false) => time.hour().to_string(),
            ('h', true) => format!("{hour12:02}"),
            ('h', false) => hour12.to_string(),
            ('m', true) => format!("{:02}", time.minute()),
            ('m', false) => time.minute().to_string(),
            ('s', true) => format!("{:02}", time.second()),
            ('s', false) => time.second().to_string(),
            ('A', _) => if time.hour() < 12 { "AM" } else { "PM" }.to_owned(),
            _ => if time.hour() < 12 { "am" } else { "pm" }.to_owned(),
        };
        out.push_str(&value);
    }
    flush(&mut date_run, &mut out)?;
    Some(out)
}

/// Reads `--time`: `HH:MM` or `H:MM`, printed back as `HH:MM`.
pub fn parse_time(arg: &str) -> Result<String> {
    parse_clock(arg).map(|time| time.format("%H:%M").to_string())
}

fn parse_clock(arg: &str) -> Result<NaiveTime> {
    NaiveTime::parse_from_str(arg.trim(), "%H:%M")
        .map_err(|_| Error::Usage(format!("`{arg}` is not a time: use HH:MM, e.g. 14:30")))
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
    if text.contains("%%") {
        return refuse("`%%` starts an Obsidian comment that would hide the rest of the note");
    }
    if text.contains("<!--") {
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

/// Checks a `--tag`: letters, digits, `_`, `-`, `/`, at least one non-digit; returns it without `#`.
pub fn valid_tag(tag: &str) -> Result<String> {
    let name = tag.trim().strip_prefix('#').unwrap_or(tag.trim());
    let chars_ok = name
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '/'));
    let segments_ok = name.split('/').all(|part| !part.is_empty());
    if name.is_empty() || !chars_ok || !segments_ok || name.chars().all(|c| c.is_ascii_digit()) {
        return Err(Error::Usage(format!(
            "`{tag}` is not a valid tag: use letters, digits, `_`, `-` and `/` (nested tags), \
             with at least one non-digit, e.g. --tag work/meetings"
        )));
    }
    Ok(name.to_owned())
}

/// The content of the new list item (without its bullet): `HH:MM TEXT #win #tag…`.
pub fn win_item(time: Option<&str>, text: &str, tags: &[String], win_tag: &str) -> String {
    let mut item = String::new();
    if let Some(time) = time {
        item.push_str(time);
        item.push(' ');
    }
    item.push_str(text);
    item.push_str(" #");
    item.push_str(win_tag);
    for tag in tags {
        item.push_str(" #");
        item.push_str(tag);
    }
    item
}

/// Puts the item into `note` and checks that the parser reads it back as a win; falls back to a
/// fresh Wins section at the end. Returns the new text and the item's 1-based line.
pub fn place_win(note: &str, item: &str, rules: &WinRules) -> Option<(String, usize)> {
    let matcher = WinMatcher::new(rules);
    let reads_back = |(text, line): &(String, usize)| {
        matcher
            .parse(text)
            .entries
            .iter()
            .any(|entry| entry.line == *line)
    };
    let heading = rules.sections.first().map_or("Wins", String::as_str);
    [
        insert_win(note, item, &rules.sections, &rules.tags),
        append_wins_section(note, item, heading),
    ]
    .into_iter()
    .find(reads_back)
}

/// The note's line ending: that of its first line, `\n` when it has none.
fn line_ending(text: &str) -> &'static str {
    match text.find('\n') {
        Some(at) if at > 0 && text.as_bytes().get(at - 1) == Some(&b'\r') => "\r\n",
        _ => "\n",
    }
}

/// Appends `## Wins` and the item at the end, after a blank line, ending with a newline.
pub fn append_wins_section(note: &str, item: &str, heading: &str) -> (String, usize) {
    let eol = line_ending(note);
    let mut out = note.to_owned();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push_str(eol);
    }
    let body = out.strip_prefix('\u{feff}').unwrap_or(&out);
    if !body.trim().is_empty() && !out.ends_with(&format!("{eol}{eol}")) {
        out.push_str(eol);
    }
    out.push_str("## ");
    out.push_str(heading);
    out.push_str(eol);
    let line = out.matches('\n').count() + 1;
    out.push_str("- ");
    out.push_str(item);
    out.push_str(eol);
    (out, line)
}

/// A top-level heading of a note.
struct Heading {
    level: usize,
    range: Range<usize>,
    text: String,
}

/// The top-level headings and list items of a note, outside Obsidian comments.
struct Outline {
    headings: Vec<Heading>,
    items: Vec<Range<usize>>,
}

fn outline(text: &str) -> Outline {
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES;
    let mut headings = Vec::new();
    let mut items = Vec::new();
    let mut code = Vec::new();
    let mut stack: Vec<TagEnd> = Vec::new();
    let mut heading: Option<Heading> = None;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                match &tag {
                    Tag::Heading { level, .. } if stack.is_empty() => {
                        heading = Some(Heading {
                            level: *level as usize,
                            range: range.clone(),
                            text: String::new(),
                        });
                    }
                    Tag::Item if stack.len() == 1 => items.push(range.clone()),
                    Tag::CodeBlock(_) | Tag::HtmlBlock => code.push(range.clone()),
                    _ => {}
                }
                stack.push(tag.to_end());
            }
            Event::End(end) => {
                stack.pop();
                if matches!(end, TagEnd::Heading(_)) && stack.is_empty() {
                    headings.extend(heading.take());
                }
            }
            Event::Text(part) => {
                if let Some(heading) = heading.as_mut() {
                    heading.text.push_str(&part);
                }
            }
            Event::Code(part) => {
                if let Some(heading) = heading.as_mut() {
                    heading.text.push_str(&part);
                }
                code.push(range);
            }
            Event::InlineHtml(_) | Event::Html(_) => code.push(range),
            _ => {}
        }
    }
    let comments = obsidian_comments(text, &code);
    let outside = |range: &Range<usize>| !comments.iter().any(|c| c.contains(&range.start));
    headings.retain(|h| outside(&h.range));
    items.retain(|item| outside(item));
    Outline { headings, items }
}

/// The byte ranges of `%% … %%` comments (an unclosed one runs to the end), ignoring `%%` in code.
fn obsidian_comments(text: &str, code: &[Range<usize>]) -> Vec<Range<usize>> {
    let marks: Vec<usize> = text
        .match_indices("%%")
        .map(|(at, _)| at)
        .filter(|at| !code.iter().any(|range| range.contains(at)))
        .collect();
    marks
        .chunks(2)
        .map(|pair| match pair {
            [open, close] => *open..close + 2,
            _ => pair.first().copied().unwrap_or(text.len())..text.len(),
        })
        .collect()
}

/// Inserts the item under the first Wins heading: replacing the section's first placeholder
/// item (`- #win`), else after its last top-level list item, else after the heading. Without a
/// Wins heading it appends one. Every other byte stays as it was.
pub fn insert_win(
    note: &str,
    item: &str,
    sections: &[String],
    win_tags: &[String],
) -> (String, usize) {
    let bom = if note.starts_with('\u{feff}') {
        "\u{feff}".len()
    } else {
        0
    };
    let body = note.get(bom..).unwrap_or(note);
    let eol = line_ending(body);
    let wanted: Vec<String> = sections.iter().map(|s| normalize_heading(s)).collect();
    let outline = outline(body);
    let Some((index, wins)) = outline
        .headings
        .iter()
        .enumerate()
        .find(|(_, h)| wanted.contains(&normalize_heading(&h.text)))
    else {
        let heading = sections.first().map_or("Wins", String::as_str);
        return append_wins_section(note, item, heading);
    };
    let section_end = outline
        .headings
        .iter()
        .skip(index + 1)
        .find(|h| h.level <= wins.level)
        .map_or(body.len(), |h| h.range.start);
    let section = line_end(body, wins.range.end.saturating_sub(1))..section_end;
    let items: Vec<&Range<usize>> = outline
        .items
        .iter()
        .filter(|item| section.contains(&item.start))
        .collect();

    let (at, replace_to, new_line) = if let Some(placeholder) = items
        .iter()
        .find(|range| is_placeholder(body, range, win_tags))
    {
        let start = line_start(body, placeholder.start);
        let end = line_content_end(body, placeholder.start);
        let marker = bullet_of(body.get(start..end).unwrap_or_default());
        (start, end, format!("{marker}{item}"))
    } else if let Some(last) = items.last() {
        let start = line_start(body, last.start);
        let marker = bullet_of(
            body.get(start..line_content_end(body, start))
                .unwrap_or_default(),
        );
        let content_end = body
            .get(..last.end)
            .map_or(last.end, |s| s.trim_end().len());
        let at = line_end(body, content_end.saturating_sub(1));
        (
            at,
            at,
            with_eol(body, at, format!("{marker}{item}"), eol, false),
        )
    } else {
        let content = body.get(section.clone()).unwrap_or_default();
        let trimmed = content.trim_end();
        if trimmed.trim().is_empty() {
            let at = section.start;
            (at, at, with_eol(body, at, format!("- {item}"), eol, false))
        } else {
            let at = line_end(body, section.start + trimmed.len() - 1);
            (at, at, with_eol(body, at, format!("- {item}"), eol, true))
        }
    };
    let mut out = String::with_capacity(note.len() + new_line.len() + 2);
    out.push_str(note.get(..bom).unwrap_or_default());
    out.push_str(body.get(..at).unwrap_or_default());
    let leading_breaks = new_line.len() - new_line.trim_start_matches(['\r', '\n']).len();
    let line = out.matches('\n').count()
        + new_line
            .get(..leading_breaks)
            .map_or(0, |lead| lead.matches('\n').count())
        + 1;
    out.push_str(&new_line);
    out.push_str(body.get(replace_to..).unwrap_or_default());
    (out, line)
}

/// Surrounds a new line inserted at `at` with the line endings it needs: one before when `at`
/// ends a line without a newline (end of file), a blank line before when asked, one after.
fn with_eol(body: &str, at: usize, line: String, eol: &str, blank_before: bool) -> String {
    let mut out = String::new();
    let after_newline = at == 0 || body.get(..at).is_some_and(|s| s.ends_with('\n'));
    if !after_newline {
        out.push_str(eol);
    }
    if blank_before {
        out.push_str(eol);
    }
    out.push_str(&line);
    out.push_str(eol);
    out
}

// The line helpers search bytes: `at` may fall inside a multi-byte character (the last byte
// of `café`), where `str::get` would give up and send the win to the end of the note.

/// The start of the line holding byte `at`.
fn line_start(text: &str, at: usize) -> usize {
    text.as_bytes()
        .get(..at)
        .and_then(|s| memchr::memrchr(b'\n', s))
        .map_or(0, |nl| nl + 1)
}

/// The end of the line holding byte `at`, after its newline (or the end of the text).
fn line_end(text: &str, at: usize) -> usize {
    text.as_bytes()
        .get(at..)
        .and_then(|s| memchr::memchr(b'\n', s))
        .map_or(text.len(), |nl| at + nl + 1)
}

/// The end of the line holding byte `at`, before its line ending.
fn line_content_end(text: &str, at: usize) -> usize {
    let end = text
        .as_bytes()
        .get(at..)
        .and_then(|s| memchr::memchr(b'\n', s))
        .map_or(text.len(), |nl| at + nl);
    if text.get(..end).is_some_and(|s| s.ends_with('\r')) {
        end - 1
    } else {
        end
    }
}

/// The indentation and bullet of a list item line (`- ` unless it uses `*` or `+`).
fn bullet_of(line: &str) -> String {
    let content = line.trim_start_matches([' ', '\t']);
    let indent = line.get(..line.len() - content.len()).unwrap_or_default();
    match content.chars().next() {
        Some(bullet @ ('*' | '+' | '-')) => format!("{indent}{bullet} "),
        _ => format!("{indent}- "),
    }
}

/// Whether a list item is a one-line placeholder: a bare bullet or a bullet and a win tag.
fn is_placeholder(body: &str, item: &Range<usize>, win_tags: &[String]) -> bool {
    let Some(source) = body.get(item.clone()) else {
        return false;
    };
    let source = source.trim();
    if source.contains('\n') {
        return false;
    }
    let Some(content) = source.strip_prefix(['-', '*', '+']).map(str::trim) else {
        return false;
    };
    content.is_empty()
        || content.strip_prefix('#').is_some_and(|tag| {
            let tag = tag.to_lowercase();
            win_tags.iter().any(|win| {
                let win = win.to_lowercase();
                tag == win || tag.strip_prefix(&win).is_some_and(|r| r.starts_with('/'))
            })
        })
}

/// The feedback after a capture: the day's count against the goal and the streak.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reinforcement {
    /// The day the win was added to.
    pub date: NaiveDate,
    /// Today.
    pub today: NaiveDate,
    /// Wins on that day, the new one included.
    pub wins: usize,
    /// The daily goal.
    pub goal: u32,
    /// Whether this win is the one that met the goal.
    pub goal_just_met: bool,
    /// The current streak of win days, after the win.
    pub streak: u32,
    /// Whether the streak still needs a win today.
    pub at_risk: bool,
    /// Whether this win made the current streak the longest ever.
    pub new_record: bool,
}

impl Reinforcement {
    /// Compares the scores without and with the new win (`before`/`after` day counts too).
    pub fn from_scores(
        date: NaiveDate,
        counts: (usize, usize),
        before: &Scores,
        after: &Scores,
        goal: u32,
        today: NaiveDate,
    ) -> Reinforcement {
        let (before_count, wins) = counts;
        let goal_count = usize::try_from(goal).unwrap_or(usize::MAX);
        let streak = after.current_streak.days;
        Reinforcement {
            date,
            today,
            wins,
            goal,
            goal_just_met: before_count < goal_count && wins >= goal_count,
            streak,
            at_risk: after.current_streak.at_risk,
            new_record: streak >= 2 && streak > before.longest_streak.days,
        }
    }

    /// Scores the journal (read after the write) with and without the added win.
    pub fn measure(config: &Config, journal: &Journal, added: &Added) -> Reinforcement {
        let after = stats::score(&journal.notes, config, config.today);
        let without: Vec<Note> = journal
            .notes
            .iter()
            .map(|note| {
                let mut note = note.clone();
                if note.source == added.source {
                    note.wins.retain(|win| win.line != added.line);
                }
                note
            })
            .collect();
        let before = stats::score(&without, config, config.today);
        let count = |notes: &[Note]| -> usize {
            notes
                .iter()
                .filter(|note| note.date == added.date)
                .map(|note| note.wins.len())
                .sum()
        };
        Reinforcement::from_scores(
            added.date,
            (count(&without), count(&journal.notes)),
            &before,
            &after,
            config.goal.daily,
            config.today,
        )
    }

    /// Prints one or two lines; emoji and colour only when `color` is on.
    pub fn write(&self, out: &mut dyn Write, color: bool) -> io::Result<()> {
        let paint = |code: &str, text: &str| {
            if color {
                format!("\x1b[{code}m{text}\x1b[0m")
            } else {
                text.to_owned()
            }
        };
        let day = if self.date == self.today {
            "today".to_owned()
        } else {
            format!("on {}", self.date.format("%a %-d %b %Y"))
        };
        let count = format!("{}/{} wins {day}", self.wins, self.goal);
        let goal = usize::try_from(self.goal).unwrap_or(usize::MAX);
        let note = if self.goal_just_met {
            paint(
                "1;32",
                &format!("daily goal met!{}", if color { " 🎯" } else { "" }),
            )
        } else if self.wins >= goal {
            paint("32", "goal met")
        } else {
            format!("{} more to meet the goal", goal - self.wins)
        };
        writeln!(out, "{} — {note}", paint("1", &count))?;
        if self.streak > 0 {
            let flame = if color { "🔥 " } else { "" };
            let streak = paint("33", &format!("{flame}{}-day streak", self.streak));
            let keep_going = "add a win today to keep it going";
            match (self.new_record, self.at_risk) {
                (true, true) => writeln!(out, "{streak} — your longest yet! Now {keep_going}")?,
                (true, false) => writeln!(out, "{streak} — your longest yet!")?,
                (false, true) => writeln!(out, "{streak} — {keep_going}")?,
                (false, false) => writeln!(out, "{streak}")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::Streak;

    fn rules() -> WinRules {
        WinRules::default()
    }

    fn insert(note: &str) -> (String, usize) {
        let rules = rules();
        insert_win(note, "10:00 New #win", &rules.sections, &rules.tags)
    }

    #[test]
    fn insertion_cases() {
        let cases: &[(&str, &str, &str, usize)] = &[
            (
                "section followed by another section",
                "# Day\n\n## Wins\n- a #win\n- b #win\n\n## Log\nx\n",
                "# Day\n\n## Wins\n- a #win\n- b #win\n- 10:00 New #win\n\n## Log\nx\n",
                6,
            ),
            (
                "nested children stay with their item",
                "## Wins\n- a\n  - child\n\n## Log\n",
                "## Wins\n- a\n  - child\n- 10:00 New #win\n\n## Log\n",
                4,
            ),
            (
                "subheading belongs to the section",
                "## Wins\n- a\n### Work\n- b\n## Log\n",
                "## Wins\n- a\n### Work\n- b\n- 10:00 New #win\n## Log\n",
                5,
            ),
            (
                "placeholder is replaced",
                "## Wins 🏆\n- #win\n\n## Notes\n",
                "## Wins 🏆\n- 10:00 New #win\n\n## Notes\n",
                2,
            ),
            (
                "empty section",
                "## Small wins:\n\n## Log\n",
                "## Small wins:\n- 10:00 New #win\n\n## Log\n",
                2,
            ),
            (
                "section with a paragraph only",
                "## Wins\nGood day.\n## Log\n",
                "## Wins\nGood day.\n\n- 10:00 New #win\n## Log\n",
                4,
            ),
            (
                "no wins heading",
                "# Day\ntext",
                "# Day\ntext\n\n## Wins\n- 10:00 New #win\n",
                5,
            ),
            ("empty note", "", "## Wins\n- 10:00 New #win\n", 2),
            (
                "heading at end without newline",
                "## Wins",
                "## Wins\n- 10:00 New #win\n",
                2,
            ),
            (
                "last item without newline",
                "## Wins\n- a",
                "## Wins\n- a\n- 10:00 New #win\n",
                3,
            ),
            (
                "star bullets are kept",
                "## Wins\n* a\n",
                "## Wins\n* a\n* 10:00 New #win\n",
                3,
            ),
            (
                "wins heading in code is not the section",
                "```\n## Wins\n```\n",
                "```\n## Wins\n```\n\n## Wins\n- 10:00 New #win\n",
                6,
            ),
            (
                "wins heading in a comment is not the section",
                "%%\n## Wins\n%%\n",
                "%%\n## Wins\n%%\n\n## Wins\n- 10:00 New #win\n",
                6,
            ),
            (
                "last item ends in a multi-byte character",
                "## Wins\n- a\n  - sub-item café\n\n## Log\nnotes\n",
                "## Wins\n- a\n  - sub-item café\n- 10:00 New #win\n\n## Log\nnotes\n",
                4,
            ),
            (
                "paragraph ends in a multi-byte character",
                "## Wins\nGood day, café\n## Log\n",
                "## Wins\nGood day, café\n\n- 10:00 New #win\n## Log\n",
                4,
            ),
            (
                "crlf",
                "## Wins\r\n- a #win\r\n\r\n## Log\r\n",
                "## Wins\r\n- a #win\r\n- 10:00 New #win\r\n\r\n## Log\r\n",
                3,
            ),
        ];
        for (name, note, want, line) in cases {
            assert_eq!(insert(note), (want.to_string(), *line), "{name}");
        }
    }

    #[test]
    fn a_win_the_parser_would_not_read_is_refused() {
        let item = "10:00 New #win";
        assert_eq!(
            place_win("## Wins\n- a\n", item, &rules()),
            Some(("## Wins\n- a\n- 10:00 New #win\n".to_owned(), 3))
        );
        assert_eq!(place_win("# Day\n```\ncode\n", item, &rules()), None);
        assert_eq!(place_win("## Wins\n%% draft\n", item, &rules()), None);
    }

    #[test]
    fn front_matter_is_not_a_setext_heading() {
        let note = "---\ndate: 2026-11-26\n---\n";
        assert_eq!(
            insert(note).0,
            "---\ndate: 2026-11-26\n---\n\n## Wins\n- 10:00 New #win\n"
        );
    }

    #[test]
    fn unsafe_text_is_escaped_or_refused() {
        let cases: &[(&str, Option<&str>)] = &[
            ("Shipped it", Some("Shipped it")),
            ("two\nlines\r\n here", Some("two lines here")),
            ("# heading", Some("\\# heading")),
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
        ];
        for (input, want) in cases {
            assert_eq!(valid_tag(input).ok().as_deref(), *want, "{input:?}");
        }
    }

    #[test]
    fn template_variables_are_filled() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let time = NaiveTime::from_hms_opt(14, 5, 9).unwrap();
        let format = DateFormat::moment("YYYY/MM/YYYY-MM-DD").unwrap();
        let cases = [
            ("# {{title}}", "# 2026-11-26"),
            ("{{date}}", "2026/11/2026-11-26"),
            ("{{ date:dddd, MMMM Do }}", "Thursday, November 26th"),
            ("{{time}}", "14:05"),
            ("{{time:h:mm A}}", "2:05 PM"),
            ("{{date:YYYY-MM-DD HH:mm:ss}}", "2026-11-26 14:05:09"),
            ("{{date:[week] WW}}", "week 48"),
            ("{{unknown}} {{date:QQ}}", "{{unknown}} {{date:QQ}}"),
            ("{{open", "{{open"),
        ];
        for (template, want) in cases {
            assert_eq!(
                fill_template(template, date, time, &format, "2026-11-26"),
                want,
                "{template}"
            );
        }
    }

    fn scores(current: u32, longest: u32, at_risk: bool) -> Scores {
        Scores {
            current_streak: Streak {
                days: current,
                at_risk,
                ..Streak::default()
            },
            longest_streak: Streak {
                days: longest,
                ..Streak::default()
            },
            ..Scores::default()
        }
    }

    #[test]
    fn reinforcement_lines() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let yesterday = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let cases = [
            (
                today,
                (2, 3),
                scores(4, 9, false),
                scores(5, 9, false),
                "3/3 wins today — daily goal met!\n5-day streak\n",
            ),
            (
                today,
                (0, 1),
                scores(5, 5, true),
                scores(6, 6, false),
                "1/3 wins today — 2 more to meet the goal\n6-day streak — your longest yet!\n",
            ),
            (
                today,
                (3, 4),
                scores(0, 0, false),
                scores(0, 0, false),
                "4/3 wins today — goal met\n",
            ),
            (
                yesterday,
                (0, 1),
                scores(0, 3, false),
                scores(1, 3, true),
                "1/3 wins on Wed 25 Nov 2026 — 2 more to meet the goal\n\
                 1-day streak — add a win today to keep it going\n",
            ),
        ];
        for (date, counts, before, after, want) in cases {
            let r = Reinforcement::from_scores(date, counts, &before, &after, 3, today);
            let mut out = Vec::new();
            r.write(&mut out, false).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), want);
        }
        let r = Reinforcement::from_scores(
            today,
            (2, 3),
            &scores(4, 9, false),
            &scores(5, 9, false),
            3,
            today,
        );
        let mut out = Vec::new();
        r.write(&mut out, true).unwrap();
        let colored = String::from_utf8(out).unwrap();
        assert!(
            colored.contains("🔥") && colored.contains("\x1b["),
            "{colored}"
        );
    }
}
