//! Front matter: the note's `date` and `tags` (for the rest tag), read by hand when the YAML is
//! plainly simple (nearly every daily note) and with yaml-rust2 otherwise. Where the front
//! matter is comes from [`crate::markdown::front_matter`].

use chrono::NaiveDate;
use yaml_rust2::parser::{Event as YamlEvent, Parser as YamlParser};

use super::{Lines, WinMatcher};
use crate::markdown::FrontMatter;
use crate::model::{Diagnostic, ParsedNote, Severity};

/// Front matter larger than this is skipped, so a runaway block cannot cost much.
const FRONT_MATTER_LIMIT: usize = 64 * 1024;

/// Which top-level front matter key a value belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum FmKey {
    Date,
    Tags,
    Other,
}

impl WinMatcher {
    /// Reads the date and the rest tag of the front matter `fm` of `body` into `note`.
    pub(super) fn read_front_matter(
        &self,
        body: &str,
        fm: &FrontMatter,
        lines: &Lines<'_>,
        note: &mut ParsedNote,
    ) {
        if !fm.closed {
            note.diagnostics.push(Diagnostic::at(
                1,
                None,
                Severity::Error,
                "front matter is not closed: add a line with `---`",
            ));
            return;
        }
        if fm.yaml.len() > FRONT_MATTER_LIMIT {
            note.diagnostics.push(Diagnostic::at(
                1,
                None,
                Severity::Warning,
                "front matter is larger than 64 KiB; its date and tags were not read",
            ));
            return;
        }
        let yaml = body.get(fm.yaml.clone()).unwrap_or("");
        let first_line = lines.line_of(fm.yaml.start);
        match read_yaml(yaml) {
            Ok(found) => {
                if let Some((value, line)) = found.date {
                    match parse_front_matter_date(&value) {
                        Ok(date) => note.front_matter_date = date,
                        Err(()) => note.diagnostics.push(Diagnostic::at(
                            first_line + line.saturating_sub(1),
                            None,
                            Severity::Warning,
                            format!("front matter date `{value}` is not a valid date (expected YYYY-MM-DD)"),
                        )),
                    }
                }
                if found.tags.iter().any(|t| self.is_rest_tag(t)) {
                    note.rest = true;
                }
            }
            Err(e) => {
                let mark = e.marker();
                note.diagnostics.push(Diagnostic::at(
                    first_line + mark.line().saturating_sub(1),
                    Some(mark.col() + 1),
                    Severity::Error,
                    format!("front matter is not valid YAML: {}", e.info()),
                ));
            }
        }
    }
}

/// What the front matter says about the note: `date` (value, 1-based YAML line) and `tags`.
#[derive(Default, Debug, PartialEq)]
struct FrontMatterFacts {
    date: Option<(String, usize)>,
    tags: Vec<String>,
}

impl FrontMatterFacts {
    /// Records the scalar value of a top-level key found on YAML line `line`.
    fn take_value(&mut self, key: FmKey, value: &str, line: usize) {
        match key {
            FmKey::Date if !value.trim().is_empty() => {
                self.date = Some((value.trim().to_owned(), line));
            }
            FmKey::Tags => push_front_matter_tags(value, &mut self.tags),
            _ => {}
        }
    }
}

/// Which of the keys we read a top-level key names.
fn front_matter_key(name: &str) -> FmKey {
    match name.trim().to_lowercase().as_str() {
        "date" => FmKey::Date,
        "tags" | "tag" => FmKey::Tags,
        _ => FmKey::Other,
    }
}

/// Reads `date` and `tags`, by hand when the YAML is plainly simple (nearly every daily note) and
/// with yaml-rust2 otherwise.
fn read_yaml(yaml: &str) -> Result<FrontMatterFacts, yaml_rust2::ScanError> {
    read_simple_yaml(yaml).map_or_else(|| read_yaml_events(yaml), Ok)
}

/// Reads YAML made only of `key: plain value`, `key:`, `key: [a, b]` and `key:` followed by
/// `- item` lines, exactly as [`read_yaml_events`] would; `None` for anything else, since
/// declining costs only time while a wrong answer would be silent.
fn read_simple_yaml(yaml: &str) -> Option<FrontMatterFacts> {
    // Tabs, CRs and NULs change how YAML splits and indents; YAML allows a BOM only at the start.
    if yaml.bytes().any(|b| b.is_ascii_control() && b != b'\n') || yaml.contains('\u{feff}') {
        return None;
    }
    let mut facts = FrontMatterFacts::default();
    // After a `key:` line with nothing after it: that key, and the indentation of its block
    // sequence once the first item shows it.
    let mut list: Option<(FmKey, Option<usize>)> = None;
    for (n, line) in yaml.split('\n').enumerate() {
        let line = line.trim_end_matches(' ');
        let text = line.trim_start_matches(' ');
        let indent = line.len() - text.len();
        if text.is_empty() {
            continue;
        }
        if let Some((key, items)) = &mut list {
            let item = text.strip_prefix('-');
            if let Some(item) = item.filter(|i| i.is_empty() || i.starts_with(' ')) {
                if *items.get_or_insert(indent) != indent {
                    return None;
                }
                let item = plain_value(item.trim_start_matches(' '))?;
                if *key == FmKey::Tags {
                    push_front_matter_tags(item, &mut facts.tags);
                }
                continue;
            }
        }
        // A more indented line would continue a plain scalar or open a nested collection.
        if indent > 0 {
            return None;
        }
        let (name, value) = text.split_once(':')?;
        // The length stays far below yaml-rust2's 1024-character limit on keys.
        let simple_name = name.len() <= 64
            && name.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if !simple_name || !(value.is_empty() || value.starts_with(' ')) {
            return None;
        }
        let key = front_matter_key(name);
        let value = value.trim_start_matches(' ');
        list = None;
        if value.is_empty() {
            list = Some((key, None));
        } else if let Some(inner) = value.strip_prefix('[') {
            let inner = inner.strip_suffix(']')?;
            if inner.trim_matches(' ').is_empty() {
                continue;
            }
            for item in inner.split(',') {
                let item = item.trim_matches(' ');
                // One word per item: yaml-rust2 rejects a later word `-` right before `,` or `]`.
                let word = item.starts_with(|c: char| c.is_alphanumeric() || c == '_')
                    && item
                        .chars()
                        .all(|c| c.is_alphanumeric() || "_-/.".contains(c));
                if !word {
                    return None;
                }
                if key == FmKey::Tags {
                    push_front_matter_tags(item, &mut facts.tags);
                }
            }
        } else {
            facts.take_value(key, plain_value(value)?, n + 1);
        }
    }
    Some(facts)
}

/// A block-context plain scalar that is just its text (the line is already trimmed): `None` when
/// it would start another token, hold a comment or a `key: value`, or end in a mapping colon.
fn plain_value(value: &str) -> Option<&str> {
    let plain = !value.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c))
        && !value.contains(": ")
        && !value.contains(" #")
        && !value.ends_with(':');
    plain.then_some(value)
}

/// Reads `date` and `tags` from YAML events; aliases are never expanded, so alias bombs cost nothing.
fn read_yaml_events(yaml: &str) -> Result<FrontMatterFacts, yaml_rust2::ScanError> {
    let mut facts = FrontMatterFacts::default();
    let mut parser = YamlParser::new_from_str(yaml);
    let mut depth = 0usize;
    let mut top_is_map = false;
    let mut expect_key = true;
    let mut key = FmKey::Other;
    loop {
        let (event, mark) = parser.next_token()?;
        match event {
            YamlEvent::StreamEnd => break,
            YamlEvent::MappingStart(..) | YamlEvent::SequenceStart(..) => {
                if depth == 0 {
                    top_is_map = matches!(event, YamlEvent::MappingStart(..));
                }
                depth += 1;
            }
            YamlEvent::MappingEnd | YamlEvent::SequenceEnd => {
                depth = depth.saturating_sub(1);
                if depth == 1 && top_is_map {
                    // A whole collection was one key or one value of the top mapping.
                    if !expect_key {
                        key = FmKey::Other;
                    }
                    expect_key = !expect_key;
                }
            }
            YamlEvent::Scalar(value, ..) => {
                if depth == 1 && top_is_map {
                    if expect_key {
                        key = front_matter_key(&value);
                    } else {
                        facts.take_value(key, &value, mark.line());
                        key = FmKey::Other;
                    }
                    expect_key = !expect_key;
                } else if depth == 2 && key == FmKey::Tags && !expect_key {
                    push_front_matter_tags(&value, &mut facts.tags);
                }
            }
            YamlEvent::Alias(_) if depth == 1 && top_is_map => {
                if !expect_key {
                    key = FmKey::Other;
                }
                expect_key = !expect_key;
            }
            _ => {}
        }
    }
    Ok(facts)
}

/// Tags may be written `[a, b]`, `a, b`, `a b` or `#a`.
fn push_front_matter_tags(value: &str, out: &mut Vec<String>) {
    out.extend(
        value
            .split(|c: char| c == ',' || c.is_whitespace())
            .map(|t| t.trim_start_matches('#').to_lowercase())
            .filter(|t| !t.is_empty()),
    );
}

/// `YYYY-MM-DD`, strictly, optionally followed by a YAML time (`T09:00` or ` 09:00`).
fn parse_front_matter_date(value: &str) -> Result<Option<NaiveDate>, ()> {
    let v = value.trim();
    let ymd = match v.get(..10) {
        Some(ymd) if v.len() == 10 => ymd,
        Some(ymd) => {
            let mut tail = v.get(10..).unwrap_or("").chars();
            let sep = tail.next();
            let digit = tail.next();
            if matches!(sep, Some('T' | 't' | ' ')) && digit.is_some_and(|c| c.is_ascii_digit()) {
                ymd
            } else {
                return Err(());
            }
        }
        None => return Err(()),
    };
    let b = ymd.as_bytes();
    let shape_ok = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !shape_ok {
        return Err(());
    }
    NaiveDate::parse_from_str(ymd, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_yaml_reads_tags_dates_and_empty_values() {
        let facts = |yaml: &str| read_simple_yaml(yaml).map(|f| (f.date, f.tags));
        let date = |d: &str, line| Some((d.to_owned(), line));
        let tags = |t: &[&str]| t.iter().map(|t| t.to_string()).collect::<Vec<_>>();
        assert_eq!(
            facts("tags: [Daily, rest]\ndate: 2026-11-16\n"),
            Some((date("2026-11-16", 2), tags(&["daily", "rest"])))
        );
        assert_eq!(
            facts("mood: 3\ntags: daily, journal  \n"),
            Some((None, tags(&["daily", "journal"])))
        );
        assert_eq!(
            facts("aliases:\n  - Monday\ntags:\n  - daily\n  - journal\ncreated: 2026-11-16T09:00\ndate: 2026-11-16T09:00\n"),
            Some((date("2026-11-16T09:00", 7), tags(&["daily", "journal"])))
        );
        assert_eq!(
            facts("tags:\n- rest\ndate:\ntitle:\n"),
            Some((None, tags(&["rest"])))
        );
        for declined in [
            "base: &b x\ndate: 2026-11-16\n",
            "title: \"A day\"\n",
            "tags: ['rest']\n",
            "body: |\n  text\n",
            "nested:\n  key: value\n",
            "tags:\n  - a: b\n",
            "date: 2026-11-16 # today\n",
        ] {
            assert_eq!(read_simple_yaml(declined), None, "{declined:?}");
        }
    }

    /// Whole front matter entries as daily notes write them; any sequence of them is simple YAML.
    const REALISTIC_YAML: &[&str] = &[
        "tags: [daily]\n",
        "tags: [daily, journal]\n",
        "tags: [ daily ,rest ]\n",
        "tags: []\n",
        "tags: daily\n",
        "tags: daily, rest\n",
        "tags: daily rest  \n",
        "tag: rest\n",
        "Tags: [Daily, Rest]\n",
        "tags:\n  - daily\n  - journal\n",
        "tags:\n- daily\n- rest\n",
        "tags:\n    - daily\n\n    - rest\n",
        "tags:\n",
        "tags:\n  -\n  - rest\n",
        "mood: 3\n",
        "date: 2026-11-16\n",
        "date: 2026-11-16T09:00\n",
        "date: 2026-11-16 09:00\n",
        "Date: 2026-02-30\n",
        "date:\n",
        "date:   2026-01-02   \n",
        "date: [2026-01-03]\n",
        "date:\n  - 2026-01-04\n",
        "aliases:\n  - Monday\n",
        "aliases: []\n",
        "created: 2026-11-16T09:00\n",
        "title: A day\n",
        "title: Mum's day out\n",
        "title: Über den Tag\n",
        "tags: [日记, rest]\n",
        "url: https://example.com/a?b=c#top\n",
        "cssclasses: [wide-page]\n",
        "weather: sunny, 12°C\n",
        "rating: a [b] {c} \"d\"\n",
        "progress: done 100%\n",
        "date-modified: 2026-11-16\n",
        "\n",
        "   \n",
    ];

    /// Lines and entries that are not simple YAML, or not YAML at all.
    const TRICKY_YAML: &[&str] = &[
        "date: \"2026-01-01\"\n",
        "tags: 'rest'\n",
        "date: \"a\\\"b\"\n",
        "tags: [a, b\n",
        "tags: [a,, b]\n",
        "tags: [a,]\n",
        "tags: [a b, c]\n",
        "tags: [a -, b]\n",
        "tags: [-a]\n",
        "tags: [a, -]\n",
        "tags: [-, a]\n",
        "-date: 2026-01-01\n",
        "---: x\n",
        "tags: [a:b]\n",
        "tags: [#a]\n",
        "tags: [\"rest\"]\n",
        "tags: [[a]]\n",
        "tags: #rest\n",
        "tags: a #rest\n",
        "tags: {a: b}\n",
        "{a: b}\n",
        "[a, b]\n",
        "plain\n",
        "date: &d 2026-01-01\n",
        "tags: *d\n",
        "*d : x\n",
        "date: !!str 2026-01-01\n",
        "tags: |\n  line one\n",
        "date: >\n  2026-01-01\n",
        "tags:\n  date: 2026-01-01\n",
        "  date: 2026-01-01\n",
        "tags:\n  - a: b\n",
        "  - odd\n",
        " - one\n",
        "    - deeper\n",
        "- stray\n",
        "-\n",
        "  -\n",
        "  - \n",
        "- - a\n",
        "  - [a, b]\n",
        "  -a\n",
        "  - a # c\n",
        "  - \"#rest\"\n",
        "    continued\n",
        "\t- tab\n",
        "tags:\n\t- tab\n",
        "date: a # comment\n",
        "# comment\n",
        "tags: a: b\n",
        "date: a:\n",
        "date:2026-01-01\n",
        "? date\n",
        ": value\n",
        "--- x\n",
        "--- \n",
        "... \n",
        "%YAML 1.2\n",
        "date: 2026-01-01 # c\n",
        "date: 2026-01-01\r\n",
        "tags:\r\n  - a\r\n",
        "tags: a\rb\n",
        "date:\n  2026-01-02\n",
        "date: @bad\n",
        "tags: `bad\n",
        "date: %bad\n",
        "date: -1\n",
        "tags: - a\n",
        "tags: ? a\n",
        "date: a\n  b\n",
        "date: \"multi\n  line\"\n",
        "tags: [a,\n  b]\n",
        "date: \u{feff}2026-01-01\n",
        "tags: a\u{feff}b\n",
        "date: 2026-01-01\u{a0}\n",
        "date: \u{a0}\n",
        "date: a\0b\n",
        "tags: a\0\ndate: 2026-01-01\n",
        "date: 2026-01-01\t\n",
        "tags: a\tb\n",
        "tags: x]\n",
        "tags: [a] b\n",
        "my date: x\n",
        "date : x\n",
        "date:  \n",
        "tags:\n  -\n    nested\n",
        "tags:\n  - ...\n  - a...\n",
        "tags: a\n\n  more\n",
    ];

    #[test]
    fn simple_yaml_reads_like_yaml_rust2() {
        // A fixed-seed xorshift keeps the cases the same on every run.
        let mut state = 0x2545_F491_4F6C_DD1D_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let (mut realistic, mut realistic_read, mut invalid) = (0, 0, 0);
        for _ in 0..20_000 {
            let only_realistic = next() % 2 == 0;
            let len = 1 + next() % 10;
            let yaml: String = (0..len)
                .map(|_| {
                    let pool = if only_realistic || next() % 2 == 0 {
                        REALISTIC_YAML
                    } else {
                        TRICKY_YAML
                    };
                    pool[(next() % pool.len() as u64) as usize]
                })
                .collect();
            let fast = read_simple_yaml(&yaml);
            let slow = read_yaml_events(&yaml);
            if let Some(fast) = &fast {
                assert_eq!(slow.as_ref().ok(), Some(fast), "{yaml:?}");
            }
            invalid += usize::from(slow.is_err());
            if only_realistic {
                realistic += 1;
                realistic_read += usize::from(fast.is_some());
            }
        }
        assert!(
            realistic_read * 100 >= realistic * 95,
            "only {realistic_read} of {realistic} realistic front matters were read by hand"
        );
        assert!(invalid > 1000, "only {invalid} front matters were invalid");
    }
}
