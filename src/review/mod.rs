//! Weekly review notes: the week's days, wins and figures gathered into a template context,
//! rendered from `week.md.j2`, and written into the vault with only the managed block replaced.

use std::collections::BTreeMap;
use std::fs;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::config::{Config, LinkPath, LinkSyntax};
use crate::dates::{self, Week, WeekStart};
use crate::error::{Error, Result};
use crate::markdown::tags;
use crate::model::{Diagnostic, Note, Win};
use crate::paths::{self, safe_output_path};
use crate::stats::{self, Scores};
use crate::templates::Templates;
use crate::vault::{self, PathKind};
use crate::write::{self, replace_managed_block, WriteOutcome};

/// The template every review is rendered from.
pub const TEMPLATE: &str = "week.md.j2";

/// How many tags the review lists.
const TOP_TAGS: usize = 5;

/// Writes links from review notes the way the vault's Obsidian settings ask for.
#[derive(Debug, Clone)]
pub struct Links {
    syntax: LinkSyntax,
    path: LinkPath,
    /// How many notes of the vault share each lowercased file name (Obsidian resolves names
    /// case-insensitively), to know when the shortest link must become a path.
    names: BTreeMap<String, usize>,
}

impl Links {
    /// The link style of `config`; `sources` (every note of the vault) decide which names are unique.
    pub fn new<'a>(config: &Config, sources: impl IntoIterator<Item = &'a str>) -> Links {
        let mut names = BTreeMap::new();
        for source in sources {
            *names.entry(stem(source).to_lowercase()).or_insert(0) += 1;
        }
        Links {
            syntax: config.review.links,
            path: config.review.link_path,
            names,
        }
    }

    /// The link style of `config` over every note of its vault.
    pub fn for_vault(config: &Config) -> Links {
        let scan = vault::scan(config);
        Links::new(config, scan.notes.iter().map(|note| note.source.as_str()))
    }

    /// A link from the note at `from` to the note at `target` (vault-relative, with `.md`).
    pub fn link(&self, target: &str, from: &str) -> String {
        let name = stem(target);
        let unique = self.names.get(&name.to_lowercase()).is_none_or(|n| *n <= 1);
        let path = match self.path {
            LinkPath::Shortest if unique => file_name(target).to_owned(),
            LinkPath::Shortest | LinkPath::Absolute => target.to_owned(),
            LinkPath::Relative => paths::relative_path(from, target),
        };
        match self.syntax {
            LinkSyntax::Wikilink => format!("[[{}]]", strip_md(&path)),
            LinkSyntax::Markdown => format!("[{name}]({})", url_encode(&path)),
        }
    }

    /// `wikilink` or `markdown`, for templates.
    fn syntax_name(&self) -> &'static str {
        match self.syntax {
            LinkSyntax::Wikilink => "wikilink",
            LinkSyntax::Markdown => "markdown",
        }
    }

    /// `shortest`, `absolute` or `relative`, for templates.
    fn path_name(&self) -> &'static str {
        match self.path {
            LinkPath::Shortest => "shortest",
            LinkPath::Absolute => "absolute",
            LinkPath::Relative => "relative",
        }
    }
}

fn file_name(source: &str) -> &str {
    source.rsplit('/').next().unwrap_or(source)
}

fn strip_md(path: &str) -> &str {
    path.strip_suffix(".md").unwrap_or(path)
}

fn stem(source: &str) -> &str {
    strip_md(file_name(source))
}

/// Percent-encodes what would break a markdown link target, as Obsidian writes them.
fn url_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for ch in path.chars() {
        match ch {
            ' ' | '%' | '(' | ')' | '<' | '>' | '[' | ']' | '#' | '^' | '|' | '"' | '`' => {
                let mut buf = [0u8; 4];
                for byte in ch.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{byte:02X}"));
                }
            }
            _ => out.push(ch),
        }
    }
    out
}

/// Everything `week.md.j2` receives.
#[derive(Debug, Clone, Serialize)]
pub struct WeekReview {
    /// The week itself.
    pub week: WeekInfo,
    /// Its seven days in order, with their wins.
    pub days: Vec<DayInfo>,
    /// The week's figures.
    pub totals: Totals,
    /// The week before, for the change.
    pub previous: PreviousWeek,
    /// The most used tags of the week's wins, most used first.
    pub top_tags: Vec<TagCount>,
    /// The vault's link style: `syntax` (`wikilink`/`markdown`), `path` (`shortest`/…).
    pub links: BTreeMap<&'static str, &'static str>,
    /// The review note's vault-relative path.
    pub path: String,
}

/// A week as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct WeekInfo {
    /// `2026-W47`.
    pub label: String,
    /// The week-year.
    pub year: i32,
    /// The week number.
    pub number: u32,
    /// First day, `YYYY-MM-DD`.
    pub start: String,
    /// Last day, `YYYY-MM-DD`.
    pub end: String,
    /// `16–22 November 2026`.
    pub title: String,
}

/// One day of the review.
#[derive(Debug, Clone, Serialize)]
pub struct DayInfo {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `Mon`.
    pub weekday: String,
    /// `Monday`.
    pub weekday_name: String,
    /// Day of the month, `16`.
    pub day: u32,
    /// `16 November`.
    pub day_month: String,
    /// Wins counted that day.
    pub count: usize,
    /// A rest day: rest tag or rest weekday.
    pub rest: bool,
    /// After today: nothing counted yet.
    pub future: bool,
    /// `none`, `some`, `most`, `goal`, `rest` or `future`.
    pub level: &'static str,
    /// A one-character picture of `level`.
    pub mark: &'static str,
    /// A link to the day's daily note, when it exists.
    pub link: Option<String>,
    /// The day's wins in the notes' order.
    pub wins: Vec<WinInfo>,
}

/// One win of the review.
#[derive(Debug, Clone, Serialize)]
pub struct WinInfo {
    /// `HH:MM` or none.
    pub time: Option<String>,
    /// The win's text; win tags in it are quoted as code so the review adds no wins.
    pub text: String,
    /// Its other tags, without `#`.
    pub tags: Vec<String>,
    /// `tag`, `section` or `field`.
    pub kind: &'static str,
    /// The note it comes from, vault-relative.
    pub source: String,
    /// Its line there.
    pub line: usize,
    /// A link to its note when that is not the day's daily note.
    pub from: Option<String>,
}

/// The week's figures.
#[derive(Debug, Clone, Serialize)]
pub struct Totals {
    /// Wins in the week (up to today).
    pub wins: usize,
    /// Days with at least `goal.min_wins` wins.
    pub win_days: usize,
    /// Days with at least `goal.daily` wins.
    pub goal_days: usize,
    /// Rest days.
    pub rest_days: usize,
    /// Days of the week up to today.
    pub days_so_far: usize,
    /// The current win streak as of the week's last day (or today, if earlier).
    pub streak: u32,
    /// `goal.daily`.
    pub daily_goal: u32,
    /// `goal.weekly`.
    pub weekly_goal: u32,
    /// Whether the week reached `goal.weekly` wins.
    pub weekly_goal_met: bool,
}

/// The week before the reviewed one.
#[derive(Debug, Clone, Serialize)]
pub struct PreviousWeek {
    /// Its label.
    pub label: String,
    /// Its wins.
    pub wins: usize,
    /// This week's wins minus the previous week's.
    pub change: i64,
}

/// A tag and how many of the week's wins carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TagCount {
    /// Without `#`.
    pub tag: String,
    /// Wins carrying it.
    pub count: usize,
}

/// The vault-relative path of `week`'s review note. The format is applied to the week's Monday:
/// for ISO formats that is the week's first day, and for Sunday weeks it is a day inside the
/// week on which both ISO and locale week numbers agree with the rest of the week.
pub fn review_path(config: &Config, week: &Week) -> String {
    let monday = match week.start() {
        WeekStart::Monday => week.first_day(),
        WeekStart::Sunday => week.first_day().succ_opt().unwrap_or(week.first_day()),
    };
    let name = format!("{}.md", config.review.format.format(monday));
    paths::in_folder(&config.review.folder, &name)
}

/// One rendered review: its week, where it goes (vault-relative) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The week reviewed.
    pub week: Week,
    /// Vault-relative path of the review note.
    pub path: String,
    /// The whole rendered note.
    pub text: String,
}

/// Renders the reviews of `weeks` from the vault's notes (sorted by date), scoring the vault once
/// for all of them (`week --stdout` prints them; [`write_reviews`] writes them).
pub fn render_weeks(config: &Config, notes: &[Note], weeks: &[Week]) -> Result<Vec<Rendered>> {
    let templates = Templates::new(&config.vault);
    let links = Links::for_vault(config);
    let scores = stats::score(notes, config, config.today);
    weeks
        .iter()
        .map(|week| {
            let context = build(notes, &scores, config, week, &links);
            Ok(Rendered {
                week: *week,
                text: render(&templates, &context)?,
                path: context.path,
            })
        })
        .collect()
}

/// Gathers the context of `week`'s review from the vault's notes (sorted by date, as
/// [`crate::journal::Journal::load`] gives them) and their `scores` as of today, so that
/// `week --all` scores the vault once rather than once a week.
pub fn build(
    notes: &[Note],
    scores: &Scores,
    config: &Config,
    week: &Week,
    links: &Links,
) -> WeekReview {
    let today = config.today;
    let as_of = week.last_day().min(today);
    let first = notes.partition_point(|note| note.date < week.first_day());
    let end = notes.partition_point(|note| note.date <= week.last_day());
    let notes = notes.get(first..end).unwrap_or_default();
    let path = review_path(config, week);
    let win_tags: Vec<String> = config
        .rules
        .tags
        .iter()
        .map(|t| tags::normalize(t))
        .collect();
    let days: Vec<DayInfo> = week
        .days()
        .map(|date| {
            let score = scores.day(date);
            let future = date > today;
            let rest = !future && score.rest;
            let count = if future { 0 } else { score.wins };
            let daily_note = notes.iter().find(|note| {
                note.date == date && vault::classify(config, &note.source) == PathKind::Daily(date)
            });
            let daily_source = daily_note.map(|note| note.source.as_str());
            let mut wins: Vec<&Win> = notes
                .iter()
                .filter(|note| note.date == date && !future)
                .flat_map(|note| &note.wins)
                .collect();
            wins.sort_by(|a, b| a.note_order_key().cmp(&b.note_order_key()));
            let (level, mark) = level(count, rest, future, config.goal.daily);
            DayInfo {
                date: date.to_string(),
                weekday: date.weekday().to_string(),
                weekday_name: dates::weekday_long(date).to_string(),
                day: date.day(),
                day_month: day_month(date),
                count,
                rest,
                future,
                level,
                mark,
                link: daily_source.map(|source| links.link(source, &path)),
                wins: wins
                    .into_iter()
                    .map(|win| WinInfo {
                        time: win.time.clone(),
                        text: quote_win_tags(&win.text, &win_tags),
                        tags: win.tags.clone(),
                        kind: win.kind.as_str(),
                        source: win.source.clone(),
                        line: win.line,
                        from: (Some(win.source.as_str()) != daily_source)
                            .then(|| links.link(&win.source, &path)),
                    })
                    .collect(),
            }
        })
        .collect();
    let wins: usize = days.iter().map(|day| day.count).sum();
    let previous_wins: usize = week.prev().days().map(|date| scores.day(date).wins).sum();
    let totals = Totals {
        wins,
        win_days: week
            .days()
            .filter(|d| *d <= today && scores.day(*d).win_day)
            .count(),
        goal_days: week
            .days()
            .filter(|d| *d <= today && scores.day(*d).goal_day)
            .count(),
        rest_days: days.iter().filter(|day| day.rest).count(),
        days_so_far: days.iter().filter(|day| !day.future).count(),
        streak: scores.win_streak_as_of(as_of).days,
        daily_goal: config.goal.daily,
        weekly_goal: config.goal.weekly,
        weekly_goal_met: wins >= config.goal.weekly as usize,
    };
    WeekReview {
        week: WeekInfo {
            label: week.label(),
            year: week.year(),
            number: week.number(),
            start: week.first_day().to_string(),
            end: week.last_day().to_string(),
            title: range_title(week.first_day(), week.last_day()),
        },
        top_tags: top_tags(&days),
        previous: PreviousWeek {
            label: week.prev().label(),
            wins: previous_wins,
            change: i64::try_from(wins).unwrap_or(i64::MAX)
                - i64::try_from(previous_wins).unwrap_or(i64::MAX),
        },
        totals,
        days,
        links: BTreeMap::from([("syntax", links.syntax_name()), ("path", links.path_name())]),
        path,
    }
}

/// A day's intensity against the daily goal: the word templates can style and its picture.
fn level(count: usize, rest: bool, future: bool, goal: u32) -> (&'static str, &'static str) {
    let level = stats::day_level(count, rest, future, goal);
    let mark = match level {
        "future" => " ",
        "rest" => "💤",
        "none" => "·",
        "goal" => "🌳",
        "most" => "🌿",
        _ => "🌱",
    };
    (level, mark)
}

/// `16 November`.
fn day_month(date: NaiveDate) -> String {
    format!("{} {}", date.day(), dates::month_long(date))
}

/// `16–22 November 2026`, `30 November – 6 December 2026`, `28 December 2026 – 3 January 2027`.
fn range_title(first: NaiveDate, last: NaiveDate) -> String {
    if first.year() != last.year() {
        format!(
            "{} {} – {} {}",
            day_month(first),
            first.year(),
            day_month(last),
            last.year()
        )
    } else if first.month() != last.month() {
        format!("{} – {} {}", day_month(first), day_month(last), last.year())
    } else {
        format!(
            "{}–{} {} {}",
            first.day(),
            last.day(),
            dates::month_long(last),
            last.year()
        )
    }
}

/// The most used tags of the days' wins: count descending, then name.
fn top_tags(days: &[DayInfo]) -> Vec<TagCount> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for tag in days
        .iter()
        .flat_map(|day| &day.wins)
        .flat_map(|win| &win.tags)
    {
        *counts.entry(tag.as_str()).or_insert(0) += 1;
    }
    let mut tags: Vec<TagCount> = counts
        .into_iter()
        .map(|(tag, count)| TagCount {
            tag: tag.to_owned(),
            count,
        })
        .collect();
    tags.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.tag.cmp(&b.tag)));
    tags.truncate(TOP_TAGS);
    tags
}

/// Wraps every win tag of `text` (`#win`, `#win/work`, `**#win**`, `#[[win]]`, as the tag
/// reader finds them) in backticks: a tag inside code is not a tag, so copying wins into the
/// review can never make the review count as wins itself.
fn quote_win_tags(text: &str, win_tags: &[String]) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut pos = 0;
    for tag in tags::in_markdown(text) {
        if !win_tags.iter().any(|win| tags::matches(&tag.name, win)) {
            continue;
        }
        out.push_str(text.get(pos..tag.range.start).unwrap_or_default());
        out.push('`');
        out.push_str(text.get(tag.range.clone()).unwrap_or_default());
        out.push('`');
        pos = tag.range.end;
    }
    out.push_str(text.get(pos..).unwrap_or_default());
    out
}

/// Every week up to today that holds at least one win, oldest first.
pub fn weeks_with_wins(notes: &[Note], config: &Config) -> Vec<Week> {
    let mut weeks: Vec<Week> = notes
        .iter()
        .filter(|note| note.date <= config.today && !note.wins.is_empty())
        .map(|note| Week::containing(note.date, config.review.week_start))
        .collect();
    weeks.sort();
    weeks.dedup();
    weeks
}

/// Renders `review` with the vault's `week.md.j2`; the result must hold one intact managed block.
pub fn render(templates: &Templates, review: &WeekReview) -> Result<String> {
    let text = templates.render(TEMPLATE, review)?;
    write::find_managed_block(&text).map_err(|err| Error::Template {
        name: TEMPLATE.to_owned(),
        message: format!("the rendered review must hold one managed block: {err}"),
    })?;
    Ok(text)
}

/// What happened (or, in a dry run, would happen) to one review note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewStatus {
    /// Written, or left alone because nothing changed.
    Written(WriteOutcome),
    /// A dry run: what a real run would do.
    Planned(WriteOutcome),
    /// The existing note cannot be updated safely; it was not touched.
    NotRewritten {
        /// 1-based line of the problem, when known.
        line: Option<usize>,
        /// What is wrong and what to do.
        reason: String,
    },
}

/// Writes (or plans) the review at vault-relative `path`: a new note gets all of `rendered`, an
/// existing one only its managed block, with its own line endings kept.
pub fn apply(config: &Config, path: &str, rendered: &str, dry_run: bool) -> Result<ReviewStatus> {
    // One review that cannot be touched is a finding about that note, not a reason to stop
    // `week --all` from writing the others.
    let link = config.vault.join(path);
    if fs::symlink_metadata(&link).is_ok_and(|meta| meta.file_type().is_symlink()) {
        return Ok(ReviewStatus::NotRewritten {
            line: None,
            reason: "is a symlink; smallwins does not write through symlinks, the review was not rewritten (replace the link with a note)".to_owned(),
        });
    }
    let full = safe_output_path(&config.vault, path)?;
    // A note that cannot be read (a folder, no permission) is a finding about that note.
    let existing = match fs::read(&full) {
        Ok(bytes) => Some(bytes),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => {
            return Ok(ReviewStatus::NotRewritten {
                line: None,
                reason: format!("cannot read it ({err}); the review was not rewritten (make it a readable note or remove it)"),
            })
        }
    };
    if !dry_run {
        config.check_writable()?;
    }
    if dry_run {
        return match merged(existing.as_deref(), rendered) {
            Ok(contents) => Ok(ReviewStatus::Planned(match existing {
                None => WriteOutcome::Created,
                Some(bytes) if bytes == contents => WriteOutcome::Unchanged,
                Some(_) => WriteOutcome::Updated,
            })),
            Err(Stop::Left(status)) => Ok(status),
            Err(Stop::Failed(err)) => Err(err),
        };
    }
    match write::update(&full, |existing| Ok((merged(existing, rendered)?, ()))) {
        Ok((outcome, ())) => Ok(ReviewStatus::Written(outcome)),
        Err(Stop::Left(status)) => Ok(status),
        // Read-only, or changed by another program on every try: left to the person.
        Err(Stop::Failed(Error::Refused { message, .. })) => Ok(ReviewStatus::NotRewritten {
            line: None,
            reason: format!("{message}; the review was not rewritten"),
        }),
        Err(Stop::Failed(err)) => Err(err),
    }
}

/// Why [`merged`] did not produce a note.
enum Stop {
    /// The note cannot be updated safely; leave it.
    Left(ReviewStatus),
    /// Reading or writing failed.
    Failed(Error),
}

impl From<Error> for Stop {
    fn from(err: Error) -> Stop {
        Stop::Failed(err)
    }
}

/// The review note's new bytes: all of `rendered` for a new note, else `existing` with only its
/// managed block replaced (its line endings kept).
fn merged(existing: Option<&[u8]>, rendered: &str) -> Result<Vec<u8>, Stop> {
    let Some(bytes) = existing else {
        return Ok(rendered.as_bytes().to_vec());
    };
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(Stop::Left(ReviewStatus::NotRewritten {
            line: None,
            reason: "not valid UTF-8; the review was not rewritten".to_owned(),
        }));
    };
    replace_managed_block(text, rendered)
        .map(String::into_bytes)
        .map_err(|err| {
            let line = match err {
                write::BlockError::Missing => None,
                write::BlockError::Damaged { line } | write::BlockError::Doubled { line } => {
                    Some(line)
                }
            };
            Stop::Left(ReviewStatus::NotRewritten {
                line,
                reason: format!(
                    "{err}; the review was not rewritten (repair the markers or delete the note)"
                ),
            })
        })
}

/// What [`write_reviews`] did (or, in a dry run, would do) to one week's review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewWrite {
    /// The week reviewed.
    pub week: Week,
    /// Vault-relative path of the review note.
    pub path: String,
    /// What happened to the note.
    pub status: ReviewStatus,
}

impl ReviewWrite {
    /// What was (or would be) done to the note, unless it was left alone.
    pub fn outcome(&self) -> Option<WriteOutcome> {
        match self.status {
            ReviewStatus::Written(outcome) | ReviewStatus::Planned(outcome) => Some(outcome),
            ReviewStatus::NotRewritten { .. } => None,
        }
    }

    /// Why the note was left alone, as a warning about it, when it was.
    pub fn problem(&self) -> Option<Diagnostic> {
        match &self.status {
            ReviewStatus::NotRewritten { line, reason } => Some(Diagnostic {
                line: *line,
                ..Diagnostic::file_warning(self.path.as_str(), reason.as_str())
            }),
            ReviewStatus::Written(_) | ReviewStatus::Planned(_) => None,
        }
    }
}

/// Renders the reviews of `weeks` from the vault's notes (sorted by date) and writes each with
/// [`apply`] (only plans, with `dry_run`): the one loop behind `week` and the git hook. Every
/// review is rendered before any is written, so a broken template writes nothing; each write
/// happens when the iterator reaches it, so a caller can report it at once.
pub fn write_reviews<'a>(
    config: &'a Config,
    notes: &[Note],
    weeks: &[Week],
    dry_run: bool,
) -> Result<impl Iterator<Item = Result<ReviewWrite>> + 'a> {
    let rendered = render_weeks(config, notes, weeks)?;
    Ok(rendered.into_iter().map(move |rendered| {
        let status = apply(config, &rendered.path, &rendered.text, dry_run)?;
        Ok(ReviewWrite {
            week: rendered.week,
            path: rendered.path,
            status,
        })
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(toml: &str) -> (tempfile::TempDir, Config) {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(".smallwins.toml"), toml).unwrap();
        let config =
            Config::load(dir.path(), NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()).unwrap();
        (dir, config)
    }

    #[test]
    fn links_follow_the_vault_style() {
        let sources = [
            "Daily/2026/11/2026-11-16.md",
            "Daily/My Notes/Retro 1.md",
            "Old/Retro 1.md",
        ];
        let cases = [
            (
                "wikilink",
                None,
                "Daily/2026/11/2026-11-16.md",
                "[[2026-11-16]]",
            ),
            ("wikilink", None, "Old/Retro 1.md", "[[Old/Retro 1]]"),
            (
                "markdown",
                None,
                "Daily/2026/11/2026-11-16.md",
                "[2026-11-16](2026-11-16.md)",
            ),
            (
                "markdown",
                Some(LinkPath::Absolute),
                "Daily/My Notes/Retro 1.md",
                "[Retro 1](Daily/My%20Notes/Retro%201.md)",
            ),
            (
                "wikilink",
                Some(LinkPath::Relative),
                "Daily/2026/11/2026-11-16.md",
                "[[../Daily/2026/11/2026-11-16]]",
            ),
            (
                "wikilink",
                Some(LinkPath::Absolute),
                "Daily/2026/11/2026-11-16.md",
                "[[Daily/2026/11/2026-11-16]]",
            ),
        ];
        for (syntax, path, target, expected) in cases {
            let (_dir, mut config) = config(&format!("[review]\nlinks = \"{syntax}\"\n"));
            if let Some(path) = path {
                config.review.link_path = path;
            }
            let links = Links::new(&config, sources);
            assert_eq!(
                links.link(target, "Reviews/2026-W47.md"),
                expected,
                "{target}"
            );
        }
    }

    #[test]
    fn win_tags_in_text_become_code() {
        let tags = vec!["win".to_owned()];
        let cases = [
            ("ran 5k #win", "ran 5k `#win`"),
            ("#Win/work shipped", "`#Win/work` shipped"),
            ("#winter coat, a#win", "#winter coat, a#win"),
            ("`code` #family", "`code` #family"),
            ("a **#win** and #[[Win]]", "a **`#win`** and `#[[Win]]`"),
            ("#win/big #win_x `a #win`", "`#win/big` #win_x `a #win`"),
        ];
        for (text, expected) in cases {
            assert_eq!(quote_win_tags(text, &tags), expected);
        }
    }

    #[test]
    fn levels_measure_against_the_daily_goal() {
        let cases = [
            (0, false, false, "none"),
            (0, true, false, "rest"),
            (2, true, false, "most"),
            (1, false, false, "some"),
            (3, false, false, "goal"),
            (5, false, true, "future"),
        ];
        for (count, rest, future, expected) in cases {
            assert_eq!(level(count, rest, future, 3).0, expected, "{count}");
        }
    }

    #[test]
    fn a_review_that_is_a_link_or_a_folder_is_a_finding_not_an_abort() {
        let (dir, config) = config("");
        let outside = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("Reviews/2026-W02.md")).unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("escaped.md"),
            dir.path().join("Reviews/2026-W01.md"),
        )
        .unwrap();
        let rendered = format!("{}\nx\n{}\n", write::BEGIN_MARKER, write::END_MARKER);
        for path in ["Reviews/2026-W01.md", "Reviews/2026-W02.md"] {
            for dry_run in [true, false] {
                let status = apply(&config, path, &rendered, dry_run).unwrap();
                assert!(
                    matches!(status, ReviewStatus::NotRewritten { line: None, .. }),
                    "{path}: {status:?}"
                );
            }
        }
        assert!(!outside.path().join("escaped.md").exists());
    }

    #[test]
    fn write_reviews_writes_every_week_past_a_damaged_review_and_plans_without_writing() {
        let (dir, config) = config("");
        let damaged = "# W46\n\n<!-- smallwins:begin -->\nmine\n";
        fs::create_dir_all(dir.path().join("Reviews")).unwrap();
        fs::write(dir.path().join("Reviews/2026-W46.md"), damaged).unwrap();
        let weeks = [46, 47].map(|number| {
            Week::parse_label(&format!("2026-W{number}"), WeekStart::Monday).unwrap()
        });
        let statuses = |dry_run| -> Vec<ReviewWrite> {
            write_reviews(&config, &[], &weeks, dry_run)
                .unwrap()
                .collect::<Result<_>>()
                .unwrap()
        };
        let planned = statuses(true);
        assert_eq!(
            planned[1].status,
            ReviewStatus::Planned(WriteOutcome::Created)
        );
        assert!(!dir.path().join("Reviews/2026-W47.md").exists());
        let written = statuses(false);
        let problem = written[0].problem().unwrap();
        assert_eq!(
            (problem.source.as_str(), problem.line, written[0].outcome()),
            ("Reviews/2026-W46.md", Some(3), None)
        );
        assert_eq!(written[1].outcome(), Some(WriteOutcome::Created));
        assert_eq!(written[1].problem(), None);
        assert_eq!(
            fs::read_to_string(dir.path().join("Reviews/2026-W46.md")).unwrap(),
            damaged
        );
        assert_eq!(statuses(false)[1].outcome(), Some(WriteOutcome::Unchanged));
    }

    #[test]
    fn review_paths_use_the_weeks_monday() {
        let (_dir, iso) = config("");
        let date = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let week = Week::containing(date, WeekStart::Monday);
        assert_eq!(review_path(&iso, &week), "Reviews/2026-W47.md");
        let (_dir, sunday) = config(
            "[review]\nfolder = \"Weekly\"\nformat = \"gggg-[W]ww\"\nweek_start = \"sunday\"\n",
        );
        let week = Week::containing(date, WeekStart::Sunday);
        assert_eq!(
            review_path(&sunday, &week),
            format!("Weekly/{}.md", week.label())
        );
        let (_dir, default_sunday) = config("[review]\nweek_start = \"sunday\"\n");
        let in_2027 = Week::containing(
            NaiveDate::from_ymd_opt(2027, 3, 10).unwrap(),
            WeekStart::Sunday,
        );
        assert_eq!(
            review_path(&default_sunday, &in_2027),
            format!("Reviews/{}.md", in_2027.label()),
            "the default name of a Sunday week is its own label, also where ISO numbers differ"
        );
    }

    #[test]
    fn range_titles_name_each_month_and_year_once() {
        let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        assert_eq!(range_title(d(11, 16), d(11, 22)), "16–22 November 2026");
        assert_eq!(
            range_title(d(11, 30), d(12, 6)),
            "30 November – 6 December 2026"
        );
        let next = NaiveDate::from_ymd_opt(2027, 1, 3).unwrap();
        assert_eq!(
            range_title(d(12, 28), next),
            "28 December 2026 – 3 January 2027"
        );
    }
}
