//! What a review template receives: the period's days, wins and figures, its strips of weeks
//! or months, the fair comparison with the period before, the big wins and the best streaks.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::links::Links;
use super::review_path;
use crate::config::{Config, VaultStyle};
use crate::dates::{self, Period, PeriodKind};
use crate::markdown::tags;
use crate::model::{Note, Win};
use crate::stats::{self, Scores, Streak};
use crate::vault::{self, PathKind};

/// How many tags the review lists.
const TOP_TAGS: usize = 5;

/// What marks a win as a big one besides a `#win/big` tag.
const STAR: char = '⭐';

/// Everything a review template receives.
#[derive(Debug, Clone, Serialize)]
pub struct PeriodReview {
    /// `week`, `month`, `quarter` or `year`.
    pub kind: PeriodKind,
    /// The period itself.
    pub period: PeriodInfo,
    /// The same as `period` for a weekly review (what `week.md.j2` has always used).
    pub week: Option<PeriodInfo>,
    /// Every day of the period in order, with its wins.
    pub days: Vec<DayInfo>,
    /// The weeks of a month or quarter (their days inside the period only).
    pub weeks: Vec<StripItem>,
    /// The months of a quarter or year.
    pub months: Vec<StripItem>,
    /// The period's figures.
    pub totals: Totals,
    /// The comparison with the period before.
    pub previous: Comparison,
    /// The best runs inside the period.
    pub streaks: Streaks,
    /// The most used tags of the period's wins, most used first.
    pub top_tags: Vec<TagCount>,
    /// Wins tagged `#win/big` (under any win tag) or starred ⭐, in date order.
    pub big_wins: Vec<WinInfo>,
    /// How the year's heatmap is embedded, for a yearly review.
    pub heatmap: Option<String>,
    /// The vault's link style: `syntax` (`wikilink`/`markdown`/`logseq`), `path` (`shortest`/…).
    pub links: BTreeMap<&'static str, &'static str>,
    /// `obsidian`, `logseq` or `plain`.
    pub style: &'static str,
    /// The review note's vault-relative path.
    pub path: String,
    /// The review's page name in a Logseq graph (`Reviews/2026-W47`).
    pub page: String,
}

/// A period as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct PeriodInfo {
    /// `week`, `month`, `quarter` or `year`.
    pub kind: PeriodKind,
    /// `2026-W47`, `2026-11`, `2026-Q4`, `2026`.
    pub label: String,
    /// The (week-)year.
    pub year: i32,
    /// The week, month or quarter number; the year itself.
    pub number: i64,
    /// First day, `YYYY-MM-DD`.
    pub start: String,
    /// Last day, `YYYY-MM-DD`.
    pub end: String,
    /// `16–22 November 2026`, `November 2026`, `October – December 2026`, `2026`.
    pub title: String,
    /// `Week 47`, `November 2026`, `Q4 2026`, `2026`.
    pub name: String,
    /// The `type` of the review note: `weekly-review`, `monthly-review`, …
    pub review_type: String,
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
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `16 November`.
    pub day_month: String,
    /// `HH:MM` or none.
    pub time: Option<String>,
    /// The win's text; win tags in it are quoted as code so the review adds no wins.
    pub text: String,
    /// Its other tags, without `#`.
    pub tags: Vec<String>,
    /// `tag`, `section`, `field`, …
    pub kind: &'static str,
    /// The note it comes from, vault-relative.
    pub source: String,
    /// Its line there.
    pub line: usize,
    /// A link to its note when that is not the day's daily note.
    pub from: Option<String>,
    /// A link to the note it comes from, whatever it is.
    pub link: String,
}

/// A week or a month in a strip of a longer review.
#[derive(Debug, Clone, Serialize)]
pub struct StripItem {
    /// `2026-W47`, `2026-11`.
    pub label: String,
    /// `W47`, `Nov`.
    pub short: String,
    /// `16–22 November`, `November`.
    pub name: String,
    /// Wins (up to today).
    pub wins: usize,
    /// Win days (up to today).
    pub win_days: usize,
    /// Goal days (up to today).
    pub goal_days: usize,
    /// Days inside the review's period.
    pub days: usize,
    /// Starts after today.
    pub future: bool,
    /// One of `▁▂▃▄▅▆▇█` for its wins against the busiest of the strip, or `·` for none.
    pub spark: &'static str,
    /// A link to its own review note, when that exists.
    pub link: Option<String>,
}

/// The period's figures.
#[derive(Debug, Clone, Serialize)]
pub struct Totals {
    /// Wins in the period (up to today).
    pub wins: usize,
    /// Days with at least `goal.min_wins` wins.
    pub win_days: usize,
    /// Days with at least `goal.daily` wins.
    pub goal_days: usize,
    /// Rest days.
    pub rest_days: usize,
    /// Days of the period up to today.
    pub days_so_far: usize,
    /// Days of the period.
    pub days: usize,
    /// Days of the period up to today and from the first dated note on: the days the journal
    /// could have had a win.
    pub days_tracked: usize,
    /// Win days as a share of the days tracked, in whole percent.
    pub win_day_percent: usize,
    /// The current win streak as of the period's last day (or today, if earlier).
    pub streak: u32,
    /// `goal.daily`.
    pub daily_goal: u32,
    /// `goal.weekly`.
    pub weekly_goal: u32,
    /// Whether a week reached `goal.weekly` wins.
    pub weekly_goal_met: bool,
    /// Weeks of a longer period that reached `goal.weekly` wins.
    pub goal_weeks: usize,
}

/// The period before, compared fairly: a period still running is compared with the same span
/// of the one before it ("9 wins by Thursday, 6 by Thursday last week").
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// Its label.
    pub label: String,
    /// Its wins over the compared span.
    pub wins: usize,
    /// This period's wins minus the previous period's over the same span.
    pub change: i64,
    /// The period is running: only the days up to today are compared.
    pub partial: bool,
    /// Whether there is anything to compare with: the previous period ends on or after the
    /// first dated note (and, for a running period, so does the compared span).
    pub available: bool,
    /// The comparison as a sentence, empty when there is nothing to compare.
    pub sentence: String,
}

/// The best runs inside the period.
#[derive(Debug, Clone, Serialize)]
pub struct Streaks {
    /// The longest run of win days inside the period.
    pub longest: StreakInfo,
    /// The longest run of goal days inside the period.
    pub longest_goal: StreakInfo,
}

/// A run of days for templates.
#[derive(Debug, Clone, Serialize)]
pub struct StreakInfo {
    /// Days in the run.
    pub days: u32,
    /// `16 November`, when there is a run.
    pub start: Option<String>,
    /// `22 November`, when there is a run.
    pub end: Option<String>,
    /// `16–22 November`, `4 November`, when there is a run.
    pub dates: Option<String>,
}

impl From<Streak> for StreakInfo {
    fn from(streak: Streak) -> StreakInfo {
        StreakInfo {
            days: streak.days,
            start: streak.start.map(day_month),
            end: streak.end.map(day_month),
            dates: streak
                .start
                .zip(streak.end)
                .map(|(start, end)| range_title(start, end, false)),
        }
    }
}

/// A tag and how many of the period's wins carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TagCount {
    /// Without `#`.
    pub tag: String,
    /// Wins carrying it.
    pub count: usize,
}

/// Builds review contexts from the vault's notes, scored once for every review.
pub struct Builder<'a> {
    config: &'a Config,
    notes: &'a [Note],
    scores: Scores,
    links: Links,
    win_tags: Vec<String>,
    /// Reviews written in the same run: a strip links to them as if they existed already, so
    /// one run gives the same notes as two.
    planned: BTreeSet<String>,
}

impl<'a> Builder<'a> {
    /// A builder over the vault's notes, sorted by date as [`crate::journal::Journal::load`]
    /// gives them.
    pub fn new(config: &'a Config, notes: &'a [Note], links: Links) -> Builder<'a> {
        Builder {
            config,
            notes,
            scores: stats::score(notes, config, config.today),
            links,
            win_tags: config
                .rules
                .tags
                .iter()
                .map(|tag| tags::normalize(tag))
                .collect(),
            planned: BTreeSet::new(),
        }
    }

    /// The builder, knowing that the reviews of `periods` are written in the same run.
    pub fn planning(mut self, periods: &[Period]) -> Builder<'a> {
        self.planned = periods
            .iter()
            .map(|period| review_path(self.config, period))
            .collect();
        self
    }

    /// The context of `period`'s review.
    pub fn build(&self, period: &Period) -> PeriodReview {
        let config = self.config;
        let today = config.today;
        let path = review_path(config, period);
        let first = self
            .notes
            .partition_point(|note| note.date < period.first_day());
        let end = self
            .notes
            .partition_point(|note| note.date <= period.last_day());
        let notes = self.notes.get(first..end).unwrap_or_default();
        let days: Vec<DayInfo> = period
            .days()
            .map(|date| self.day(date, notes, &path))
            .collect();
        let scores = &self.scores;
        let so_far = |date: &NaiveDate| *date <= today;
        let win_days = period
            .days()
            .filter(|d| so_far(d) && scores.day(*d).win_day)
            .count();
        let days_so_far = days.iter().filter(|day| !day.future).count();
        let days_tracked = self.scores.first_day.map_or(0, |first| {
            period
                .days()
                .filter(|day| *day >= first && *day <= today)
                .count()
        });
        let wins: usize = days.iter().map(|day| day.count).sum();
        let weeks = match period.kind() {
            PeriodKind::Month | PeriodKind::Quarter => self.strip(period, PeriodKind::Week, &path),
            _ => Vec::new(),
        };
        let months = match period.kind() {
            PeriodKind::Quarter | PeriodKind::Year => self.strip(period, PeriodKind::Month, &path),
            _ => Vec::new(),
        };
        let weekly_goal = config.goal.weekly as usize;
        let totals = Totals {
            wins,
            win_days,
            goal_days: period
                .days()
                .filter(|d| so_far(d) && scores.day(*d).goal_day)
                .count(),
            rest_days: days.iter().filter(|day| day.rest).count(),
            days_so_far,
            days: days.len(),
            days_tracked,
            win_day_percent: (win_days * 100).checked_div(days_tracked).unwrap_or(0),
            streak: scores.win_streak_as_of(period.last_day().min(today)).days,
            daily_goal: config.goal.daily,
            weekly_goal: config.goal.weekly,
            weekly_goal_met: wins >= weekly_goal,
            goal_weeks: self
                .whole_weeks(*period)
                .filter(|week| self.wins_between(week.first_day(), week.last_day()) >= weekly_goal)
                .count(),
        };
        let info = period_info(period);
        let big_wins = days
            .iter()
            .flat_map(|day| &day.wins)
            .filter(|win| self.is_big(win))
            .cloned()
            .collect();
        PeriodReview {
            kind: period.kind(),
            week: period.as_week().map(|_| info.clone()),
            period: info,
            top_tags: top_tags(&days),
            previous: self.comparison(period, wins),
            streaks: Streaks {
                longest: scores
                    .longest_streak_within(period.first_day(), period.last_day(), false)
                    .into(),
                longest_goal: scores
                    .longest_streak_within(period.first_day(), period.last_day(), true)
                    .into(),
            },
            totals,
            big_wins,
            weeks,
            months,
            days,
            heatmap: (period.kind() == PeriodKind::Year).then(|| {
                let heatmap = crate::heatmap::default_path(config, period.year());
                self.links
                    .embed(&heatmap, &path, &format!("{} in wins", period.year()))
            }),
            links: BTreeMap::from([
                ("syntax", self.links.syntax_name()),
                ("path", self.links.path_name()),
            ]),
            style: match config.style {
                VaultStyle::Obsidian => "obsidian",
                VaultStyle::Logseq(_) => "logseq",
                VaultStyle::Plain => "plain",
            },
            page: page_name(config, period),
            path,
        }
    }

    fn day(&self, date: NaiveDate, notes: &[Note], path: &str) -> DayInfo {
        let config = self.config;
        let score = self.scores.day(date);
        let future = date > config.today;
        let rest = !future && score.rest;
        let count = if future { 0 } else { score.wins };
        let daily_source = notes
            .iter()
            .find(|note| {
                note.date == date && vault::classify(config, &note.source) == PathKind::Daily(date)
            })
            .map(|note| note.source.as_str());
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
            link: daily_source.map(|source| self.links.link(config, source, path)),
            wins: wins
                .into_iter()
                .map(|win| WinInfo {
                    date: win.date.to_string(),
                    day_month: day_month(win.date),
                    time: win.time.clone(),
                    text: quote_win_tags(&win.text, &self.win_tags),
                    tags: win.tags.clone(),
                    kind: win.kind.as_str(),
                    source: win.source.clone(),
                    line: win.line,
                    from: (Some(win.source.as_str()) != daily_source)
                        .then(|| self.links.link(config, &win.source, path)),
                    link: self.links.link(config, &win.source, path),
                })
                .collect(),
        }
    }

    /// The weeks or months overlapping `period`, counting only their days inside it.
    fn strip(&self, period: &Period, kind: PeriodKind, path: &str) -> Vec<StripItem> {
        let config = self.config;
        let mut items = Vec::new();
        let mut part = Period::containing(kind, period.first_day(), config.review.week_start);
        while part.first_day() <= period.last_day() {
            let first = part.first_day().max(period.first_day());
            let last = part.last_day().min(period.last_day());
            let counted = || {
                first
                    .iter_days()
                    .take_while(move |day| *day <= last.min(config.today))
            };
            let own_review = review_path(config, &part);
            items.push(StripItem {
                label: part.label(),
                short: match part {
                    Period::Week(week) => format!("W{:02}", week.number()),
                    _ => dates::month_short(part.first_day()).to_owned(),
                },
                name: match part {
                    Period::Week(_) => range_title(first, last, false),
                    _ => dates::month_long(part.first_day()).to_owned(),
                },
                wins: counted().map(|day| self.scores.day(day).wins).sum(),
                win_days: counted()
                    .filter(|day| self.scores.day(*day).win_day)
                    .count(),
                goal_days: counted()
                    .filter(|day| self.scores.day(*day).goal_day)
                    .count(),
                days: first.iter_days().take_while(|day| *day <= last).count(),
                future: first > config.today,
                spark: "",
                link: (self.planned.contains(&own_review)
                    || config.vault.join(&own_review).is_file())
                .then(|| self.links.link(config, &own_review, path)),
            });
            part = part.next();
        }
        let busiest = items.iter().map(|item| item.wins).max().unwrap_or(0);
        for item in &mut items {
            item.spark = spark(item.wins, busiest, item.future);
        }
        items
    }

    /// The weeks that lie wholly inside a month, quarter or year and have ended.
    fn whole_weeks(&self, period: Period) -> impl Iterator<Item = Period> + '_ {
        let start = self.config.review.week_start;
        let mut week = Period::containing(PeriodKind::Week, period.first_day(), start);
        if week.first_day() < period.first_day() {
            week = week.next();
        }
        let last = period.last_day().min(self.config.today);
        std::iter::successors(Some(week), |week| Some(week.next()))
            .take_while(move |week| week.last_day() <= last)
            .filter(move |_| period.kind() != PeriodKind::Week)
    }

    fn wins_between(&self, first: NaiveDate, last: NaiveDate) -> usize {
        let last = last.min(self.config.today);
        first
            .iter_days()
            .take_while(|day| *day <= last)
            .map(|day| self.scores.day(day).wins)
            .sum()
    }

    /// The comparison of a period's `wins` with the period before: the same span of it while
    /// the period runs, all of it once it is over, nothing before the first dated note.
    fn comparison(&self, period: &Period, wins: usize) -> Comparison {
        let today = self.config.today;
        let previous = period.prev();
        let kind = period.kind();
        let running = period.contains(today);
        let compared_to = if running {
            let elapsed = today - period.first_day();
            previous
                .first_day()
                .checked_add_signed(elapsed)
                .unwrap_or(previous.last_day())
                .min(previous.last_day())
        } else {
            previous.last_day()
        };
        let previous_wins = self.wins_between(previous.first_day(), compared_to);
        let first_note = self.scores.first_day;
        let available = first_note.is_some_and(|first| previous.last_day() >= first);
        // A running period's span of the previous one may end before the journal began.
        let span_before_journal = first_note.is_some_and(|first| compared_to < first);
        let change = i64::try_from(wins).unwrap_or(i64::MAX)
            - i64::try_from(previous_wins).unwrap_or(i64::MAX);
        let last_period = format!("last {kind}");
        let sentence = if period.first_day() > today {
            format!("This {kind} has not started yet.")
        } else if !available {
            format!("The first {kind} on record.")
        } else if running && span_before_journal {
            let first = first_note.map(|day| day.to_string()).unwrap_or_default();
            format!("Nothing to compare with yet: the journal starts on {first}.")
        } else if running {
            let (now, then) = match kind {
                PeriodKind::Week => {
                    let weekday = dates::weekday_long(today).to_string();
                    (weekday.clone(), format!("{weekday} {last_period}"))
                }
                PeriodKind::Year => (
                    day_month(today),
                    format!("{} {}", day_month(compared_to), compared_to.year()),
                ),
                _ => (day_month(today), day_month(compared_to)),
            };
            format!(
                "{wins} {} by {now}, {previous_wins} by {then}.",
                plural(wins, "win", "wins")
            )
        } else {
            match change {
                0 => format!("As many as {last_period} ({previous_wins})."),
                c if c > 0 => format!("{c} more than {last_period} ({previous_wins})."),
                c => format!(
                    "{} fewer than {last_period} ({previous_wins}).",
                    c.unsigned_abs()
                ),
            }
        };
        Comparison {
            label: previous.label(),
            wins: previous_wins,
            change,
            partial: running,
            available: available && !(running && span_before_journal),
            sentence,
        }
    }

    fn is_big(&self, win: &WinInfo) -> bool {
        win.text.contains(STAR)
            || win.tags.iter().any(|tag| {
                self.win_tags
                    .iter()
                    .any(|win_tag| tag.strip_prefix(win_tag.as_str()) == Some("/big"))
            })
    }
}

/// A period for templates.
fn period_info(period: &Period) -> PeriodInfo {
    let (first, last) = (period.first_day(), period.last_day());
    let (title, name) = match period {
        Period::Week(week) => (
            range_title(first, last, true),
            format!("Week {}", week.number()),
        ),
        Period::Month { year, .. } => {
            let name = format!("{} {year}", dates::month_long(first));
            (name.clone(), name)
        }
        Period::Quarter { year, quarter, .. } => (
            format!(
                "{} – {} {year}",
                dates::month_long(first),
                dates::month_long(last)
            ),
            format!("Q{quarter} {year}"),
        ),
        Period::Year { year } => (year.to_string(), year.to_string()),
    };
    PeriodInfo {
        kind: period.kind(),
        label: period.label(),
        year: period.year(),
        number: period.number(),
        start: first.to_string(),
        end: last.to_string(),
        title,
        name,
        review_type: review_type(period.kind()),
    }
}

/// The `type` of a review note: `weekly-review`, `monthly-review`, `quarterly-review` or
/// `yearly-review`.
pub fn review_type(kind: PeriodKind) -> String {
    format!("{}-review", kind.adjective())
}

/// The name of the review's page in a Logseq graph (its folder as a namespace), which is also
/// its note name in its folder elsewhere.
pub(super) fn page_name(config: &Config, period: &Period) -> String {
    let location = config.review.location(period.kind());
    let name = location.format.format(period.naming_day());
    crate::paths::in_folder(location.folder, &name)
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

/// A bar for `wins` against the `busiest` of a strip.
fn spark(wins: usize, busiest: usize, future: bool) -> &'static str {
    const BARS: [&str; 8] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];
    if future {
        return " ";
    }
    if wins == 0 || busiest == 0 {
        return "·";
    }
    let step = (wins * BARS.len()).div_ceil(busiest).clamp(1, BARS.len());
    BARS.get(step - 1).copied().unwrap_or("█")
}

fn plural<'w>(count: usize, one: &'w str, many: &'w str) -> &'w str {
    if count == 1 {
        one
    } else {
        many
    }
}

/// `16 November`.
fn day_month(date: NaiveDate) -> String {
    format!("{} {}", date.day(), dates::month_long(date))
}

/// `16–22 November 2026`, `30 November – 6 December 2026`, `28 December 2026 – 3 January 2027`;
/// without `with_year`, the year is left out unless the range crosses one.
fn range_title(first: NaiveDate, last: NaiveDate, with_year: bool) -> String {
    let year = |date: NaiveDate| {
        if with_year {
            format!(" {}", date.year())
        } else {
            String::new()
        }
    };
    if first.year() != last.year() {
        format!(
            "{} {} – {} {}",
            day_month(first),
            first.year(),
            day_month(last),
            last.year()
        )
    } else if first.month() != last.month() {
        format!("{} – {}{}", day_month(first), day_month(last), year(last))
    } else if first == last {
        format!("{}{}", day_month(first), year(last))
    } else {
        format!(
            "{}–{} {}{}",
            first.day(),
            last.day(),
            dates::month_long(last),
            year(last)
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn sparks_scale_to_the_busiest() {
        let cases = [
            (0, 10, false, "·"),
            (1, 10, false, "▁"),
            (5, 10, false, "▄"),
            (10, 10, false, "█"),
            (3, 0, false, "·"),
            (3, 3, true, " "),
        ];
        for (wins, busiest, future, expected) in cases {
            assert_eq!(spark(wins, busiest, future), expected, "{wins}/{busiest}");
        }
    }

    #[test]
    fn range_titles_name_each_month_and_year_once() {
        let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        assert_eq!(
            range_title(d(11, 16), d(11, 22), true),
            "16–22 November 2026"
        );
        assert_eq!(range_title(d(11, 16), d(11, 22), false), "16–22 November");
        assert_eq!(
            range_title(d(11, 30), d(12, 6), true),
            "30 November – 6 December 2026"
        );
        assert_eq!(range_title(d(11, 30), d(11, 30), false), "30 November");
        let next = NaiveDate::from_ymd_opt(2027, 1, 3).unwrap();
        assert_eq!(
            range_title(d(12, 28), next, false),
            "28 December 2026 – 3 January 2027"
        );
    }
}
