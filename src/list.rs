//! `list`: selecting wins by date, week and tag, and printing them as text, JSON, CSV or markdown.

use std::collections::BTreeMap;
use std::io::{self, Write};

use chrono::NaiveDate;
use regex::{Regex, RegexBuilder};

use crate::config::Config;
use crate::dates::Week;
use crate::error::{Error, Result};
use crate::markdown::tags;
use crate::model::{Win, WinKind};

/// Output formats of `list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ListFormat {
    /// One line per win.
    #[default]
    Text,
    /// An array of objects with the fields of a win.
    Json,
    /// A header line, then one row per win.
    Csv,
    /// Wins grouped under a heading per day.
    Markdown,
}

/// Which wins `list` shows.
#[derive(Debug, Clone, Default)]
pub struct WinFilter {
    /// First day shown.
    pub since: Option<NaiveDate>,
    /// Last day shown.
    pub until: Option<NaiveDate>,
    /// Only tags equal to or nested under these (lowercase, without `#`).
    pub tags: Vec<String>,
    /// Only wins whose text (as written, tags and links included) matches.
    pub grep: Option<Regex>,
    /// The vault's win tags (lowercase, without `#`): a win carries one even though its `tags`
    /// leave it out, so `--tag win` must know them to find the plain `#win` wins.
    pub win_tags: Vec<String>,
}

impl WinFilter {
    /// Narrows the date range to one week.
    pub fn within_week(mut self, week: Week) -> Self {
        self.since = Some(
            self.since
                .map_or(week.first_day(), |d| d.max(week.first_day())),
        );
        self.until = Some(
            self.until
                .map_or(week.last_day(), |d| d.min(week.last_day())),
        );
        self
    }

    /// Whether `win` passes the filter.
    pub fn accepts(&self, win: &Win) -> bool {
        self.within_dates(win) && self.has_wanted_tag(win) && self.matches_grep(win)
    }

    fn within_dates(&self, win: &Win) -> bool {
        self.since.is_none_or(|since| win.date >= since)
            && self.until.is_none_or(|until| win.date <= until)
    }

    fn has_wanted_tag(&self, win: &Win) -> bool {
        self.tags.is_empty() || self.tags.iter().any(|wanted| self.has_tag(win, wanted))
    }

    fn matches_grep(&self, win: &Win) -> bool {
        self.grep
            .as_ref()
            .is_none_or(|grep| grep.is_match(&win.text))
    }

    /// Whether `win` carries `wanted` or a tag nested under it (`work` matches `work/meetings`).
    /// A win tag (`win`) matches the wins tagged with it plainly (`#win`, which the parser
    /// leaves out of `tags`) as well as its children (`#win/work`).
    fn has_tag(&self, win: &Win, wanted: &str) -> bool {
        win.tags.iter().any(|tag| tags::matches(tag, wanted))
            || (self.win_tags.iter().any(|win_tag| win_tag == wanted) && self.plainly_tagged(win))
    }

    /// Whether `win` was found by a plain win tag: a tag win with no nested win tag, such as
    /// `#win/work`, that would have found it instead.
    fn plainly_tagged(&self, win: &Win) -> bool {
        win.kind == WinKind::Tag
            && !win.tags.iter().any(|tag| {
                self.win_tags
                    .iter()
                    .any(|win_tag| tags::matches(tag, win_tag))
            })
    }

    /// What to tell the person when the tags matched nothing among `all` the wins: whether no
    /// win carries them at all (with the tags that are in use) or none passes the other
    /// filters. `None` when no tag was asked for.
    pub fn explain_no_match(&self, all: &[&Win]) -> Option<String> {
        if self.tags.is_empty() {
            return None;
        }
        let asked = self
            .tags
            .iter()
            .map(|tag| format!("#{tag}"))
            .collect::<Vec<_>>()
            .join(" or ");
        if all.iter().any(|win| self.has_wanted_tag(win)) {
            let others = if self.grep.is_some() {
                "in those dates matching --grep"
            } else {
                "in those dates"
            };
            return Some(format!("no wins tagged {asked} {others}"));
        }
        let mut used: BTreeMap<&str, usize> = BTreeMap::new();
        for tag in all.iter().flat_map(|win| &win.tags) {
            *used.entry(tag.as_str()).or_default() += 1;
        }
        let mut used: Vec<(&str, usize)> = used.into_iter().collect();
        used.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        let shown: Vec<String> = used
            .iter()
            .take(TAGS_SUGGESTED)
            .map(|(tag, _)| format!("#{tag}"))
            .collect();
        Some(if shown.is_empty() {
            format!("no win is tagged {asked}; the wins carry no other tags")
        } else {
            format!(
                "no win is tagged {asked}; tags in use: {}",
                shown.join(", ")
            )
        })
    }
}

/// How many tags in use a `--tag` that matched nothing suggests.
const TAGS_SUGGESTED: usize = 5;

/// The vault's win tags as [`WinFilter::win_tags`] wants them.
pub fn win_tags(config: &Config) -> Vec<String> {
    config
        .rules
        .tags
        .iter()
        .map(|tag| normalize_tag(tag))
        .collect()
}

/// Compiles a `--grep` pattern, case-insensitive unless it has a capital letter (as ripgrep's
/// and fd's smart case).
pub fn grep_pattern(pattern: &str) -> Result<Regex> {
    RegexBuilder::new(pattern)
        .case_insensitive(!pattern.chars().any(char::is_uppercase))
        .build()
        .map_err(|err| {
            Error::Usage(format!(
                "--grep `{pattern}` is not a regular expression: {}",
                err.to_string().lines().last().unwrap_or_default().trim()
            ))
        })
}

/// Narrows `wins` (in `list` order) to the `limit` most recent, newest first when `reverse`.
pub fn arrange<T>(mut wins: Vec<T>, limit: Option<usize>, reverse: bool) -> Vec<T> {
    if let Some(limit) = limit {
        let skip = wins.len().saturating_sub(limit);
        wins.drain(..skip);
    }
    if reverse {
        wins.reverse();
    }
    wins
}

/// Normalises a tag given on the command line as the tag reader names it: no `#`, lowercase.
pub fn normalize_tag(tag: &str) -> String {
    tags::normalize(tag)
}

/// Sorts `wins` for `format`: the data formats in SPEC order (date, time with untimed first,
/// source, line), the formats people read (text, markdown) in the notes' own order within a
/// day, so an untimed win stays where it was written.
pub fn sort_for(format: ListFormat, wins: &mut [&Win]) {
    match format {
        ListFormat::Text | ListFormat::Markdown => {
            wins.sort_by(|a, b| a.note_order_key().cmp(&b.note_order_key()));
        }
        ListFormat::Json | ListFormat::Csv => wins.sort_by(|a, b| a.sort_key().cmp(&b.sort_key())),
    }
}

/// Prints `wins` (in the order [`sort_for`] gives, or arranged from it) in `format`.
pub fn write_wins(out: &mut dyn Write, wins: &[&Win], format: ListFormat) -> io::Result<()> {
    match format {
        ListFormat::Text => write_text(out, wins),
        ListFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, wins)?;
            writeln!(out)
        }
        ListFormat::Csv => write_csv(out, wins),
        ListFormat::Markdown => write_markdown(out, wins),
    }
}

fn write_text(out: &mut dyn Write, wins: &[&Win]) -> io::Result<()> {
    for win in wins {
        let time = win.time.as_deref().unwrap_or("     ");
        writeln!(out, "{}  {time}  {}", win.date, win.text)?;
    }
    Ok(())
}

fn write_csv(out: &mut dyn Write, wins: &[&Win]) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(["date", "time", "text", "tags", "source", "line", "kind"])?;
    for win in wins {
        writer.write_record([
            win.date.to_string().as_str(),
            win.time.as_deref().unwrap_or(""),
            &inert_cell(&win.text),
            &inert_cell(&win.tags.join(" ")),
            &inert_cell(&win.source),
            win.line.to_string().as_str(),
            win.kind.as_str(),
        ])?;
    }
    writer.flush()
}

/// A cell a spreadsheet shows as text instead of running it as a formula: one that starts
/// with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'` (OWASP's advice on
/// CSV injection), so `=HYPERLINK(…)` in a note stays words.
fn inert_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

fn write_markdown(out: &mut dyn Write, wins: &[&Win]) -> io::Result<()> {
    let mut current_day = None;
    for win in wins {
        if current_day != Some(win.date) {
            if current_day.is_some() {
                writeln!(out)?;
            }
            writeln!(out, "## {}\n", win.date.format("%Y-%m-%d, %A"))?;
            current_day = Some(win.date);
        }
        write!(out, "- ")?;
        if let Some(time) = &win.time {
            write!(out, "{time} ")?;
        }
        writeln!(out, "{}", win.text)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::parse_date;
    use crate::model::WinKind;

    fn win(date: &str, tags: &[&str]) -> Win {
        Win {
            date: parse_date(date).unwrap(),
            time: None,
            text: "Shipped, \"it\"".into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            source: "Daily/x.md".into(),
            line: 3,
            kind: WinKind::Tag,
        }
    }

    #[test]
    fn tag_filter_matches_nested_tags_only_at_boundaries() {
        let filter = WinFilter {
            tags: vec![normalize_tag("#Work")],
            ..WinFilter::default()
        };
        assert!(filter.accepts(&win("2026-11-16", &["work"])));
        assert!(filter.accepts(&win("2026-11-16", &["work/meetings"])));
        assert!(!filter.accepts(&win("2026-11-16", &["workout"])));
    }

    fn tagged(kind: WinKind, tags: &[&str]) -> Win {
        Win {
            kind,
            ..win("2026-11-16", tags)
        }
    }

    fn win_filter(wanted: &str) -> WinFilter {
        WinFilter {
            tags: vec![normalize_tag(wanted)],
            win_tags: vec!["win".to_owned()],
            ..WinFilter::default()
        }
    }

    #[test]
    fn the_win_tag_matches_plain_win_tags_and_its_children() {
        let filter = win_filter("#win");
        assert!(filter.accepts(&tagged(WinKind::Tag, &[])));
        assert!(filter.accepts(&tagged(WinKind::Tag, &["running"])));
        assert!(filter.accepts(&tagged(WinKind::Tag, &["win/work"])));
        assert!(!filter.accepts(&tagged(WinKind::Section, &[])));
        assert!(!filter.accepts(&tagged(WinKind::Field, &["running"])));
        let child = win_filter("win/work");
        assert!(child.accepts(&tagged(WinKind::Tag, &["win/work"])));
        assert!(!child.accepts(&tagged(WinKind::Tag, &[])));
    }

    #[test]
    fn a_tag_that_matches_nothing_is_explained() {
        let wins = [
            tagged(WinKind::Tag, &["running"]),
            tagged(WinKind::Tag, &["running", "family"]),
        ];
        let all: Vec<&Win> = wins.iter().collect();
        assert_eq!(
            win_filter("work").explain_no_match(&all).as_deref(),
            Some("no win is tagged #work; tags in use: #running, #family")
        );
        let out_of_dates = WinFilter {
            since: Some(parse_date("2026-12-01").unwrap()),
            ..win_filter("running")
        };
        assert_eq!(
            out_of_dates.explain_no_match(&all).as_deref(),
            Some("no wins tagged #running in those dates")
        );
        assert_eq!(WinFilter::default().explain_no_match(&all), None);
    }

    #[test]
    fn grep_is_smart_case_and_bad_patterns_are_usage_errors() {
        let mut shipped = win("2026-11-16", &[]);
        shipped.text = "Shipped the Parser".into();
        let filter = |pattern: &str| WinFilter {
            grep: Some(grep_pattern(pattern).unwrap()),
            ..WinFilter::default()
        };
        assert!(filter("parser").accepts(&shipped));
        assert!(filter("Parser").accepts(&shipped));
        assert!(!filter("PARSER").accepts(&shipped));
        assert!(filter("ship.*pars").accepts(&shipped));
        let err = grep_pattern("(unclosed").unwrap_err();
        assert!(matches!(err, Error::Usage(_)), "{err}");
        assert!(err.to_string().contains("--grep `(unclosed`"), "{err}");
    }

    #[test]
    fn limit_keeps_the_most_recent_and_reverse_puts_them_first() {
        let wins = vec![1, 2, 3, 4, 5];
        assert_eq!(arrange(wins.clone(), Some(2), false), [4, 5]);
        assert_eq!(arrange(wins.clone(), Some(2), true), [5, 4]);
        assert_eq!(arrange(wins.clone(), None, true), [5, 4, 3, 2, 1]);
        assert_eq!(arrange(wins.clone(), Some(9), false), wins);
        assert_eq!(arrange(wins, Some(0), false), Vec::<i32>::new());
    }

    #[test]
    fn csv_cells_a_spreadsheet_would_run_are_quoted_as_text() {
        let mut formulas: Vec<Win> = [
            "=HYPERLINK(\"http://x\")",
            "+1 on the PR",
            "-2 kg",
            "@sum",
            "\tx",
            "\rx",
        ]
        .iter()
        .map(|text| Win {
            text: (*text).to_owned(),
            ..win("2026-11-16", &[])
        })
        .collect();
        formulas.push(Win {
            tags: vec!["ok".into()],
            source: "=cmd.md".into(),
            ..win("2026-11-16", &[])
        });
        let refs: Vec<&Win> = formulas.iter().collect();
        let mut out = Vec::new();
        write_wins(&mut out, &refs, ListFormat::Csv).unwrap();
        let mut reader = csv::Reader::from_reader(out.as_slice());
        let cells: Vec<(String, String)> = reader
            .records()
            .map(|record| {
                let record = record.unwrap();
                (record[2].to_owned(), record[4].to_owned())
            })
            .collect();
        for (text, source) in &cells {
            for cell in [text, source] {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{cell:?}"
                );
            }
        }
        assert_eq!(cells[0].0, "'=HYPERLINK(\"http://x\")");
        assert_eq!(
            cells[6],
            ("Shipped, \"it\"".to_owned(), "'=cmd.md".to_owned())
        );
    }

    #[test]
    fn csv_quotes_text_and_has_a_header() {
        let wins = [win("2026-11-16", &["a", "b"])];
        let refs: Vec<&Win> = wins.iter().collect();
        let mut out = Vec::new();
        write_wins(&mut out, &refs, ListFormat::Csv).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "date,time,text,tags,source,line,kind\n2026-11-16,,\"Shipped, \"\"it\"\"\",a b,Daily/x.md,3,tag\n"
        );
    }
}
