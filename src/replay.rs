//! Replay and share: today's (or the last days') wins at a glance, and a short message of a week's
//! or a day's wins with links, tags and times taken out, ready to paste into a chat.

use std::io::{self, Write};

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::config::Config;
use crate::dates::Week;
use crate::error::Result;
use crate::journal::Journal;
use crate::model::Win;
use crate::render::Templates;
use crate::stats;

/// The template of `share --format text`.
pub const SHARE_TEXT_TEMPLATE: &str = "share.txt.j2";
/// The template of `share --format markdown`.
pub const SHARE_MARKDOWN_TEMPLATE: &str = "share.md.j2";

/// Prints the wins of the `days` days ending today, grouped by day, the most recent day last.
pub fn write_today(
    out: &mut dyn Write,
    config: &Config,
    journal: &Journal,
    days: u32,
    color: bool,
) -> io::Result<()> {
    let paint = |code: &str, text: &str| {
        if color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    };
    let today = config.today;
    let scores = stats::score(&journal.notes, config, today);
    let wins = journal.wins();
    let goal = usize::try_from(config.goal.daily).unwrap_or(usize::MAX);
    for back in (0..days.max(1)).rev() {
        let Some(date) = today.checked_sub_days(Days::new(back.into())) else {
            continue;
        };
        let day: Vec<&&Win> = wins.iter().filter(|win| win.date == date).collect();
        let rest = scores.day(date).rest;
        let mut header = format!(
            "{} · {}/{} wins",
            date.format("%a %-d %b %Y"),
            day.len(),
            goal
        );
        if day.len() >= goal {
            header.push_str(&paint("32", " · goal met"));
        }
        if rest {
            header.push_str(" · rest day");
        }
        writeln!(out, "{}", paint("1", &header))?;
        if day.is_empty() {
            let empty = match (date == today, rest) {
                (true, _) => "No wins yet today — what went well? (smallwins add \"…\")",
                (false, true) => "Rest day.",
                (false, false) => "No wins.",
            };
            writeln!(out, "  {empty}")?;
        }
        for win in day {
            let time = win.time.as_deref().unwrap_or("     ");
            let text = strip_links(&win.text);
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            writeln!(out, "  {}  {text}", paint("2", time))?;
        }
        if back > 0 {
            writeln!(out)?;
        }
    }
    Ok(())
}

/// Output formats of `share`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ShareFormat {
    /// Plain text for any chat.
    #[default]
    Text,
    /// Markdown for chats that render it.
    Markdown,
}

/// What `share` covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SharePeriod {
    /// A week (days after today are left out).
    Week(Week),
    /// One day.
    Day(NaiveDate),
}

impl SharePeriod {
    fn contains(self, date: NaiveDate) -> bool {
        match self {
            SharePeriod::Week(week) => week.first_day() <= date && date <= week.last_day(),
            SharePeriod::Day(day) => day == date,
        }
    }

    /// How a person names the period: "This week", "Yesterday", "Week of 16 Nov 2026"…
    fn name(self, today: NaiveDate, start: crate::dates::WeekStart) -> String {
        let this_week = Week::containing(today, start);
        match self {
            SharePeriod::Week(week) if week == this_week => "This week".to_owned(),
            SharePeriod::Week(week) if week == this_week.prev() => "Last week".to_owned(),
            SharePeriod::Week(week) => format!("Week of {}", week.first_day().format("%-d %b %Y")),
            SharePeriod::Day(day) if day == today => "Today".to_owned(),
            SharePeriod::Day(day) if today.pred_opt() == Some(day) => "Yesterday".to_owned(),
            SharePeriod::Day(day) => day.format("%A %-d %b %Y").to_string(),
        }
    }

    fn label(self) -> String {
        match self {
            SharePeriod::Week(week) => week.label(),
            SharePeriod::Day(day) => day.format("%Y-%m-%d").to_string(),
        }
    }
}

/// What the share templates receive.
#[derive(Debug, Serialize)]
pub struct ShareContext {
    /// "This week: 7 small wins on 4 days".
    pub headline: String,
    /// `2026-W48` or `2026-11-26`.
    pub period: String,
    /// Wins in the period.
    pub count: usize,
    /// Days with at least one win.
    pub win_days: usize,
    /// The wins' plain text, in order.
    pub wins: Vec<String>,
    /// The same wins grouped by day.
    pub days: Vec<ShareDay>,
}

/// One day of a share message.
#[derive(Debug, Serialize)]
pub struct ShareDay {
    /// `2026-11-26`.
    pub date: String,
    /// `Thursday`.
    pub weekday: String,
    /// The day's wins as plain text.
    pub wins: Vec<String>,
}

/// Builds the share context: the period's wins up to today, as plain text.
pub fn share_context(config: &Config, journal: &Journal, period: SharePeriod) -> ShareContext {
    let wins: Vec<&Win> = journal
        .wins()
        .into_iter()
        .filter(|win| period.contains(win.date) && win.date <= config.today)
        .collect();
    let mut days: Vec<ShareDay> = Vec::new();
    for win in &wins {
        let text = plain_text(&win.text);
        if text.is_empty() {
            continue;
        }
        let date = win.date.format("%Y-%m-%d").to_string();
        match days.last_mut() {
            Some(day) if day.date == date => day.wins.push(text),
            _ => days.push(ShareDay {
                date,
                weekday: win.date.format("%A").to_string(),
                wins: vec![text],
            }),
        }
    }
    // Count what the message shows: a win with no text left (an embed alone) is not listed.
    let count = days.iter().map(|day| day.wins.len()).sum();
    let win_days = days.len();
    let name = period.name(config.today, config.review.week_start);
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let headline = match (count, period) {
        (0, _) => format!("{name}: no wins recorded yet."),
        (n, SharePeriod::Week(_)) => format!(
            "{name}: {} on {}",
            plural(n, "small win", "small wins"),
            plural(win_days, "day", "days")
        ),
        (n, SharePeriod::Day(_)) => format!("{name}: {}", plural(n, "small win", "small wins")),
    };
    ShareContext {
        headline,
        period: period.label(),
        count,
        win_days,
        wins: days.iter().flat_map(|day| day.wins.clone()).collect(),
        days,
    }
}

/// Renders the share message of `period` from the vault's (or the bundled) template.
pub fn share(
    config: &Config,
    journal: &Journal,
    period: SharePeriod,
    format: ShareFormat,
) -> Result<String> {
    let template = match format {
        ShareFormat::Text => SHARE_TEXT_TEMPLATE,
        ShareFormat::Markdown => SHARE_MARKDOWN_TEMPLATE,
    };
    Templates::new(&config.vault).render(template, share_context(config, journal, period))
}

/// A win's text for a chat: links reduced to their text, tags removed, whitespace tidied.
pub fn plain_text(text: &str) -> String {
    strip_tags(&strip_links(text))
}

/// Replaces links by what a reader sees: `[[Note]]` → `Note`, `[[Note|alias]]` → `alias`,
/// `[[Note#Heading]]` → `Note`, `[text](url)` → `text`, `![alt](img)` → `alt`; embeds
/// (`![[file]]`) are dropped. Code spans and backslash escapes are left alone.
pub fn strip_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while let Some(rest) = text.get(i..) {
        let Some(c) = rest.chars().next() else {
            break;
        };
        if let Some(len) = verbatim_len(rest) {
            out.push_str(rest.get(..len).unwrap_or_default());
            i += len;
            continue;
        }
        let embed = rest.starts_with("![[");
        if let Some(after) = rest.strip_prefix("![[").or_else(|| rest.strip_prefix("[[")) {
            if let Some(close) = after.find("]]") {
                if !embed {
                    out.push_str(&wikilink_text(after.get(..close).unwrap_or_default()));
                }
                i += rest.len() - after.len() + close + 2;
                continue;
            }
        }
        if let Some((label, len)) = markdown_link(rest) {
            out.push_str(&strip_links(label));
            i += len;
            continue;
        }
        if let Some(len) = autolink_len(rest) {
            i += len;
            continue;
        }
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// The length of a CommonMark autolink (`<https://…>`, `<mailto:…>`) at the start of `rest`: it
/// has no text but its address, so a link-free message drops it.
fn autolink_len(rest: &str) -> Option<usize> {
    let inner = rest.strip_prefix('<')?;
    let close = inner.find('>')?;
    let address = inner.get(..close)?;
    let (scheme, _) = address.split_once(':')?;
    let is_scheme = (2..=32).contains(&scheme.len())
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c));
    (is_scheme && !address.contains(char::is_whitespace)).then_some(close + 2)
}

/// The length of a code span or backslash escape at the start of `rest`, copied as it is.
fn verbatim_len(rest: &str) -> Option<usize> {
    if let Some(after) = rest.strip_prefix('\\') {
        return after
            .chars()
            .next()
            .filter(char::is_ascii_punctuation)
            .map(|c| 1 + c.len_utf8());
    }
    let ticks = rest.len() - rest.trim_start_matches('`').len();
    if ticks == 0 {
        return None;
    }
    let after = rest.get(ticks..)?;
    let mut from = 0;
    while let Some(found) = after.get(from..)?.find('`') {
        let start = from + found;
        let run = after.get(start..)?;
        let len = run.len() - run.trim_start_matches('`').len();
        if len == ticks {
            return Some(ticks + start + len);
        }
        from = start + len;
    }
    Some(ticks)
}

/// What a wikilink shows: its alias, else its target without heading or block reference.
fn wikilink_text(inner: &str) -> String {
    if let Some((_, alias)) = inner.split_once('|') {
        return alias.trim().to_owned();
    }
    let target = inner.split(['#', '^']).next().unwrap_or_default().trim();
    if target.is_empty() {
        inner
            .trim_start_matches(['#', '^'])
            .replace('#', " ")
            .trim()
            .to_owned()
    } else {
        target.to_owned()
    }
}

/// A markdown link or image at the start of `rest`: its label and its length.
fn markdown_link(rest: &str) -> Option<(&str, usize)> {
    let open = if rest.starts_with("![") {
        2
    } else if rest.starts_with('[') {
        1
    } else {
        return None;
    };
    let bytes = rest.as_bytes();
    let label_end = matching(bytes, open, b'[', b']')?;
    if bytes.get(label_end + 1) != Some(&b'(') {
        return None;
    }
    let close = matching(bytes, label_end + 2, b'(', b')')?;
    Some((rest.get(open..label_end)?, close + 1))
}

/// The index of the bracket closing one already opened before `from`, skipping escapes.
fn matching(bytes: &[u8], from: usize, open: u8, close: u8) -> Option<usize> {
    let mut depth = 1usize;
    let mut j = from;
    while let Some(&b) = bytes.get(j) {
        if b == b'\\' {
            j += 2;
            continue;
        }
        if b == open {
            depth += 1;
        } else if b == close {
            depth -= 1;
            if depth == 0 {
                return Some(j);
            }
        }
        j += 1;
    }
    None
}

/// Removes Obsidian tags (`#tag`, `#nested/tag`, Logseq's `#[[multi word]]`): a `#` at the start
/// or after whitespace followed by tag characters, not all digits. `C#`, `#1` and `\#x` stay.
pub fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut prev: Option<char> = None;
    while let Some(rest) = text.get(i..) {
        let Some(c) = rest.chars().next() else {
            break;
        };
        if let Some(len) = verbatim_len(rest) {
            out.push_str(rest.get(..len).unwrap_or_default());
            prev = Some('`');
            i += len;
            continue;
        }
        if c == '#' && prev.is_none_or(char::is_whitespace) {
            if let Some(len) = tag_len(rest) {
                i += len;
                prev = Some('#');
                continue;
            }
        }
        out.push(c);
        prev = Some(c);
        i += c.len_utf8();
    }
    tidy(&out)
}

/// The length of the tag at the start of `rest` (which begins with `#`), if it is one.
fn tag_len(rest: &str) -> Option<usize> {
    let after = rest.get(1..)?;
    if let Some(inner) = after.strip_prefix("[[") {
        return inner.find("]]").map(|close| 3 + close + 2);
    }
    let len: usize = after
        .chars()
        .take_while(|c| is_tag_char(*c))
        .map(char::len_utf8)
        .sum();
    let name = after.get(..len)?;
    (!name.is_empty() && !name.chars().all(|c| c.is_ascii_digit())).then_some(1 + len)
}

/// Obsidian's tag characters: letters and digits of any script, `_`, `-`, `/`, and emoji.
fn is_tag_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '/');
    }
    c.is_alphanumeric()
        || !(c.is_whitespace()
            || c.is_control()
            || matches!(c, '\u{a0}'..='\u{bf}' | '\u{2000}'..='\u{206f}' | '\u{3000}'..='\u{303f}'
                | '\u{ff01}'..='\u{ff0f}' | '\u{ff1a}'..='\u{ff20}'))
}

/// Collapses whitespace and drops the space a removed tag leaves before `.` or `,`.
fn tidy(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" .", ".")
        .replace(" ,", ",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_become_their_text() {
        let cases = [
            ("Sent it to [[Acme]]", "Sent it to Acme"),
            ("[[Acme|the client]] paid", "the client paid"),
            ("Read [[Book#Chapter 3]]", "Read Book"),
            ("See [[#Plan]]", "See Plan"),
            ("[[Note#Heading|alias]]", "alias"),
            ("Photo ![[pic.png]] taken", "Photo  taken"),
            (
                "Read [the docs](https://x.org/a_(b)) today",
                "Read the docs today",
            ),
            ("[**bold** link](<a b.md>)", "**bold** link"),
            ("![a cat](cat.png)", "a cat"),
            (
                "[[Nested]] in [a [[Wiki]] link](u)",
                "Nested in a Wiki link",
            ),
            ("Not a link [x] (y)", "Not a link [x] (y)"),
            ("Unclosed [[link", "Unclosed [[link"),
            ("`[[code]]` stays", "`[[code]]` stays"),
            ("\\[[escaped]]", "\\[[escaped]]"),
            ("Docs at <https://example.com/a> now", "Docs at  now"),
            ("a <b> tag and 1 < 2 > 0", "a <b> tag and 1 < 2 > 0"),
        ];
        for (input, want) in cases {
            assert_eq!(strip_links(input), want, "{input}");
        }
    }

    #[test]
    fn tags_are_removed_but_not_hashes_inside_words() {
        let cases = [
            ("Ran 5 km #running", "Ran 5 km"),
            ("#work Shipped it", "Shipped it"),
            ("Nested #win/work tag.", "Nested tag."),
            ("Learned C# and F#", "Learned C# and F#"),
            ("Issue #123 closed", "Issue #123 closed"),
            ("Issue #123a closed", "Issue closed"),
            ("Logseq #[[Lessons Learned]] here", "Logseq here"),
            ("Heading # alone", "Heading # alone"),
            ("`#code` kept", "`#code` kept"),
            ("\\#escaped kept", "\\#escaped kept"),
            ("Emoji #🎉party done", "Emoji done"),
            ("Tea #café, then #déjà-vu", "Tea, then"),
            ("(#paren) stays", "(#paren) stays"),
            ("url.com/#anchor stays", "url.com/#anchor stays"),
        ];
        for (input, want) in cases {
            assert_eq!(strip_tags(input), want, "{input}");
        }
    }

    #[test]
    fn plain_text_has_no_links_or_tags() {
        assert_eq!(
            plain_text("Sent [[Acme|the invoice]] via [mail](m.md) #work #win/big"),
            "Sent the invoice via mail"
        );
    }
}
