//! Scores: streaks, goals, rest days, weeks and tags, computed from notes as of a day. No I/O:
//! the caller hands in the notes (or folds them into a [`Tally`] while reading), and
//! [`report`] prints what comes out.
//!
//! Streak rules (SPEC §3): a day is a *hit* (at least `min_wins` wins, or `daily` for goal days),
//! a *rest* (a rest weekday or a rest-tagged note, and not a hit: skipped, it neither breaks nor
//! lengthens a run) or a *miss* (anything else, with or without a note: it breaks the run). Today
//! being a miss does not break the current run, it only puts it at risk.
//!
//! Breaks (`[[goal.breaks]]`) are rest days too. Over a period (`stats --year`, `--since`,
//! `--until`) only the period's notes count, so its streaks are runs inside it; the current
//! streak of a period that ended before today is the run alive at the end of its last day (a
//! last day without a win ended it, and nothing is at risk any more).
//!
//! `weeks` lists every week from the first dated note's week to today's week, so gaps show as
//! zeros. Where Obsidian Tracker's `currentStreak`/`maxStreak` measure the same thing (a note every
//! day, no rest days) the figures agree, except that Tracker counts its current streak back from
//! the last note and ends it when that day has no value, where a not-yet-won today is `at_risk`.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;

use crate::config::{Break, Config, Goal};
use crate::dates::{Week, WeekStart};
use crate::journal;
use crate::model::{Diagnostic, Note};

pub mod report;

pub use report::{write_stats, StatsFormat};

/// A run of win days (or goal days).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Streak {
    /// Win days in the run (rest days inside it are not counted).
    pub days: u32,
    /// The first win day of the run.
    pub start: Option<NaiveDate>,
    /// The last win day of the run.
    pub end: Option<NaiveDate>,
    /// The run is alive but today has no win yet.
    pub at_risk: bool,
}

/// Current and longest length of a goal-day or goal-week streak.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StreakPair {
    /// The run still alive today.
    pub current: u32,
    /// The longest run ever.
    pub longest: u32,
}

/// One day's figures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct DayScore {
    /// Wins dated that day.
    pub wins: usize,
    /// A rest weekday or a rest-tagged note.
    pub rest: bool,
    /// At least `goal.min_wins` wins.
    pub win_day: bool,
    /// At least `goal.daily` wins.
    pub goal_day: bool,
}

/// One week's figures.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct WeekScore {
    /// The week's label, e.g. `2026-W48`.
    pub week: String,
    /// Wins in the week (up to today).
    pub wins: usize,
    /// Win days in the week (up to today).
    pub win_days: usize,
    /// Every day of the week up to today was a rest day without a win (a week of a break):
    /// such a week neither breaks nor lengthens a week streak.
    #[serde(skip)]
    pub rest: bool,
}

/// Everything `stats` prints, as of `today`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scores {
    /// The day the scores are computed for.
    pub today: Option<NaiveDate>,
    /// Wins up to today.
    pub wins: usize,
    /// Days with at least `min_wins` wins.
    pub win_days: usize,
    /// Days with at least `daily_goal` wins.
    pub goal_days: usize,
    /// `goal.daily`.
    pub daily_goal: u32,
    /// `goal.min_wins`.
    pub min_wins: u32,
    /// `goal.weekly`.
    pub weekly_goal: u32,
    /// `goal.rest_days`.
    pub rest_weekdays: Vec<Weekday>,
    /// `[[goal.breaks]]`.
    pub breaks: Vec<Break>,
    /// The period asked for (`since`, `until`), when the scores cover one and not all time.
    pub period: Option<(NaiveDate, NaiveDate)>,
    /// The period ended before today: its current streak is the one it ended with.
    pub closed: bool,
    /// Monday (ISO) or Sunday weeks.
    pub week_start: WeekStart,
    /// The earliest dated note up to today.
    pub first_day: Option<NaiveDate>,
    /// The run of win days alive today.
    pub current_streak: Streak,
    /// The longest run of win days (the latest on ties).
    pub longest_streak: Streak,
    /// Runs of goal days.
    pub goal_streak: StreakPair,
    /// Runs of weeks with at least `weekly_goal` wins.
    pub week_streak: StreakPair,
    /// Wins per tag.
    pub tags: BTreeMap<String, usize>,
    /// Wins per weekday, Monday first.
    pub weekdays: [usize; 7],
    /// Every week from the first dated note's week to today's week, oldest first.
    pub weeks: Vec<WeekScore>,
    /// Days that have a note, up to today.
    pub days: BTreeMap<NaiveDate, DayScore>,
}

impl Scores {
    /// The win streak as it stood at the end of `as_of` (a day up to `today`): what a weekly
    /// review of an earlier week reports.
    pub fn win_streak_as_of(&self, as_of: NaiveDate) -> Streak {
        current_run(self, as_of, |day| day.win_day)
    }

    /// The longest run of win days (or goal days, with `goal`) inside `from..=to` (and up to
    /// today): a run reaching into the window counts only its days inside it. The latest run
    /// wins a tie, as for the longest streak.
    pub fn longest_streak_within(&self, from: NaiveDate, to: NaiveDate, goal: bool) -> Streak {
        let to = self.today.map_or(to, |today| today.min(to));
        if goal {
            longest_run_within(self, from, to, |day| day.goal_day)
        } else {
            longest_run_within(self, from, to, |day| day.win_day)
        }
    }

    /// The figures of one day (zero wins when there is no note; rest weekdays and breaks are
    /// rest days).
    pub fn day(&self, date: NaiveDate) -> DayScore {
        let mut day = self.days.get(&date).copied().unwrap_or_default();
        day.rest |= self.rest_weekdays.contains(&date.weekday()) || self.break_on(date).is_some();
        day
    }

    /// The break that `date` falls in, if any.
    pub fn break_on(&self, date: NaiveDate) -> Option<Break> {
        self.breaks.iter().copied().find(|b| b.contains(date))
    }

    /// The figures of the week that `date` falls in, up to today.
    pub fn week(&self, date: NaiveDate) -> WeekScore {
        let week = Week::containing(date, self.week_start);
        let last = self
            .today
            .map_or(week.last_day(), |today| today.min(week.last_day()));
        let mut score = WeekScore {
            week: week.label(),
            ..WeekScore::default()
        };
        if week.first_day() <= last {
            for day in self.days.range(week.first_day()..=last).map(|(_, day)| day) {
                score.wins += day.wins;
                score.win_days += usize::from(day.win_day);
            }
            score.rest = score.wins == 0
                && week
                    .days()
                    .take_while(|day| *day <= last)
                    .all(|day| self.day(day).rest);
        }
        score
    }
}

/// Scores `notes` as of `as_of` (notes after it are ignored) with the goals of `config`.
pub fn score(notes: &[Note], config: &Config, as_of: NaiveDate) -> Scores {
    score_with(notes, &config.goal, config.review.week_start, as_of)
}

/// Scores `notes` as of `as_of` with explicit goals and week start.
pub fn score_with(notes: &[Note], goal: &Goal, week_start: WeekStart, as_of: NaiveDate) -> Scores {
    let mut tally = Tally::new(as_of);
    for note in notes {
        tally.add(note);
    }
    score_tally(tally, goal, week_start)
}

/// What scoring needs from the notes, counted note by note: wins and rest marks per day, tags,
/// weekdays. Notes after `as_of` are not counted. Tallies of parts of a vault merge exactly, so
/// a vault can be counted while it is read (`journal::fold_notes`), each note dropped once
/// counted: memory stays flat however large the vault.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    as_of: NaiveDate,
    since: Option<NaiveDate>,
    period: Option<(NaiveDate, NaiveDate)>,
    closed: bool,
    days: BTreeMap<NaiveDate, DayScore>,
    tags: BTreeMap<String, usize>,
    weekdays: [usize; 7],
    wins: usize,
}

impl Tally {
    /// An empty tally that counts notes up to `as_of`.
    pub fn new(as_of: NaiveDate) -> Tally {
        Tally {
            as_of,
            ..Tally::default()
        }
    }

    /// An empty tally of the notes from `since` to `until` (both included), as seen on
    /// `today`: days after today are not counted yet.
    pub fn over(since: NaiveDate, until: NaiveDate, today: NaiveDate) -> Tally {
        Tally {
            as_of: until.min(today),
            since: Some(since),
            period: Some((since, until)),
            closed: until < today,
            ..Tally::default()
        }
    }

    /// Counts one note.
    pub fn add(&mut self, note: &Note) {
        if note.date > self.as_of || self.since.is_some_and(|since| note.date < since) {
            return;
        }
        let day = self.days.entry(note.date).or_default();
        day.wins += note.wins.len();
        day.rest |= note.rest;
        for tag in note.wins.iter().flat_map(|win| &win.tags) {
            match self.tags.get_mut(tag) {
                Some(count) => *count += 1,
                None => {
                    self.tags.insert(tag.clone(), 1);
                }
            }
        }
        if let Some(count) = self
            .weekdays
            .get_mut(note.date.weekday().num_days_from_monday() as usize)
        {
            *count += note.wins.len();
        }
        self.wins += note.wins.len();
    }

    /// The tally with one more note counted (the step of a fold over the vault).
    pub fn with(mut self, note: &Note) -> Tally {
        self.add(note);
        self
    }

    /// Both tallies in one.
    pub fn merge(mut self, other: Tally) -> Tally {
        for (date, theirs) in other.days {
            let day = self.days.entry(date).or_default();
            day.wins += theirs.wins;
            day.rest |= theirs.rest;
        }
        for (tag, count) in other.tags {
            *self.tags.entry(tag).or_default() += count;
        }
        for (mine, theirs) in self.weekdays.iter_mut().zip(other.weekdays) {
            *mine += theirs;
        }
        self.wins += other.wins;
        self
    }
}

/// Reads and scores the whole vault as it is read, each note counted into a copy of `tally`
/// (an empty one: [`Tally::new`] or [`Tally::over`]) and dropped; returns the scores and the
/// reading problems.
pub fn score_vault(config: &Config, tally: &Tally) -> (Scores, Vec<Diagnostic>) {
    let (tally, diagnostics) = journal::fold_notes(
        config,
        || tally.clone(),
        |tally, note| tally.with(&note),
        Tally::merge,
    );
    (
        score_tally(tally, &config.goal, config.review.week_start),
        diagnostics,
    )
}

/// Turns counted notes into scores: win and goal days, streaks, weeks.
pub fn score_tally(tally: Tally, goal: &Goal, week_start: WeekStart) -> Scores {
    let as_of = tally.as_of;
    let min_wins = goal.min_wins.max(1);
    let daily = goal.daily.max(1);
    let mut scores = Scores {
        today: Some(as_of),
        daily_goal: daily,
        min_wins,
        weekly_goal: goal.weekly.max(1),
        rest_weekdays: goal.rest_days.clone(),
        breaks: goal.breaks.clone(),
        period: tally.period,
        closed: tally.closed,
        week_start,
        days: tally.days,
        tags: tally.tags,
        weekdays: tally.weekdays,
        wins: tally.wins,
        ..Scores::default()
    };
    for (date, day) in scores.days.iter_mut() {
        day.rest |= goal.rest_days.contains(&date.weekday()) || goal.break_on(*date).is_some();
    }
    for day in scores.days.values_mut() {
        day.win_day = day.wins >= min_wins as usize;
        day.goal_day = day.wins >= daily as usize;
        scores.win_days += usize::from(day.win_day);
        scores.goal_days += usize::from(day.goal_day);
    }
    scores.first_day = scores.days.keys().next().copied();
    // A period open at the start (`--until` alone) starts with the first note.
    if let Some((_, until)) = scores.period.filter(|(since, _)| *since == NaiveDate::MIN) {
        scores.period = Some((scores.first_day.unwrap_or(until).min(until), until));
    }
    scores.current_streak = current_run(&scores, as_of, |day| day.win_day);
    scores.longest_streak = longest_run(&scores, as_of, |day| day.win_day);
    scores.goal_streak = StreakPair {
        current: current_run(&scores, as_of, |day| day.goal_day).days,
        longest: longest_run(&scores, as_of, |day| day.goal_day).days,
    };
    scores.weeks = weeks(&scores, as_of);
    scores.week_streak = week_streak(&scores.weeks, scores.weekly_goal as usize);
    scores
}

/// How a day compares with the daily goal, as the heatmap and the weekly review colour it:
/// `future`, `rest` (a rest day without a win), `none`, `some`, `most` (half the goal or more)
/// or `goal`.
pub fn day_level(wins: usize, rest: bool, future: bool, goal: u32) -> &'static str {
    let goal = goal.max(1) as usize;
    match wins {
        _ if future => "future",
        0 if rest => "rest",
        0 => "none",
        n if n >= goal => "goal",
        n if 2 * n >= goal => "most",
        _ => "some",
    }
}

/// How a day weighs in a streak.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// Lengthens the run.
    Hit,
    /// Skipped: neither breaks nor lengthens.
    Rest,
    /// Breaks the run.
    Miss,
}

fn mark(day: DayScore, hit: impl Fn(&DayScore) -> bool) -> Mark {
    if hit(&day) {
        Mark::Hit
    } else if day.rest {
        Mark::Rest
    } else {
        Mark::Miss
    }
}

/// The first day that is a hit: no run can reach further back.
fn first_hit(scores: &Scores, hit: &impl Fn(&DayScore) -> bool) -> Option<NaiveDate> {
    scores
        .days
        .iter()
        .find(|(_, day)| hit(day))
        .map(|(date, _)| *date)
}

/// The run alive on `today`, walking back; a today that is not (yet) a hit only puts it at risk.
fn current_run(scores: &Scores, today: NaiveDate, hit: impl Fn(&DayScore) -> bool) -> Streak {
    let Some(first) = first_hit(scores, &hit) else {
        return Streak::default();
    };
    let mut streak = Streak {
        at_risk: mark(scores.day(today), &hit) == Mark::Miss,
        ..Streak::default()
    };
    if streak.at_risk && scores.closed {
        // The period's last day is over: without a win it ended the run.
        return Streak::default();
    }
    let mut date = if streak.at_risk {
        today.pred_opt()
    } else {
        Some(today)
    };
    while let Some(day) = date.filter(|day| *day >= first) {
        match mark(scores.day(day), &hit) {
            Mark::Hit => {
                streak.days += 1;
                streak.start = Some(day);
                streak.end = streak.end.or(Some(day));
            }
            Mark::Rest => {}
            Mark::Miss => break,
        }
        date = day.pred_opt();
    }
    if streak.days == 0 {
        return Streak::default();
    }
    streak
}

/// The longest run up to `today`; a later run of the same length replaces an earlier one.
fn longest_run(scores: &Scores, today: NaiveDate, hit: impl Fn(&DayScore) -> bool) -> Streak {
    longest_run_within(scores, NaiveDate::MIN, today, hit)
}

/// The longest run of the days `from..=to`.
fn longest_run_within(
    scores: &Scores,
    from: NaiveDate,
    to: NaiveDate,
    hit: impl Fn(&DayScore) -> bool,
) -> Streak {
    let Some(first) = first_hit(scores, &hit) else {
        return Streak::default();
    };
    let first = first.max(from);
    let today = to;
    let mut best = Streak::default();
    let mut run = Streak::default();
    for day in first.iter_days().take_while(|day| *day <= today) {
        match mark(scores.day(day), &hit) {
            Mark::Hit => {
                run.days += 1;
                run.start = run.start.or(Some(day));
                run.end = Some(day);
                if run.days >= best.days {
                    best = run;
                }
            }
            Mark::Rest => {}
            Mark::Miss => run = Streak::default(),
        }
    }
    best
}

/// Every week from the first note's week to today's week, counting days up to today.
fn weeks(scores: &Scores, today: NaiveDate) -> Vec<WeekScore> {
    let Some(first) = scores.first_day else {
        return Vec::new();
    };
    let last = Week::containing(today, scores.week_start);
    let mut week = Week::containing(first, scores.week_start);
    let mut out = Vec::new();
    while week <= last {
        out.push(scores.week(week.first_day()));
        if week == last {
            break;
        }
        week = week.next();
    }
    out
}

/// Runs of weeks with at least `goal` wins; the current week short of it does not break the run,
/// and a week of rest days (a break) is skipped.
fn week_streak(weeks: &[WeekScore], goal: usize) -> StreakPair {
    let met: Vec<bool> = weeks
        .iter()
        .filter(|week| !week.rest)
        .map(|week| week.wins >= goal)
        .collect();
    let mut longest = 0;
    let mut run = 0;
    for &hit in &met {
        run = if hit { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let mut past = met.iter().rev().peekable();
    if past.peek() == Some(&&false) {
        past.next();
    }
    let current = past.take_while(|hit| **hit).count();
    StreakPair {
        current: u32::try_from(current).unwrap_or(u32::MAX),
        longest: u32::try_from(longest).unwrap_or(u32::MAX),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn scoring_the_vault_while_reading_equals_scoring_the_loaded_notes() {
        let vault = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/vault");
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let config = Config::load(&vault, today).unwrap();
        let journal = crate::journal::Journal::load(&config);
        let (tally, diagnostics) = crate::journal::fold_notes(
            &config,
            || Tally::new(today),
            |tally, note| tally.with(&note),
            Tally::merge,
        );
        let streamed = score_tally(tally, &config.goal, config.review.week_start);
        assert_eq!(streamed, score(&journal.notes, &config, today));
        assert_eq!(diagnostics, journal.diagnostics);
        assert_eq!(streamed.wins, 113);
    }

    #[test]
    fn tallies_of_parts_merge_into_the_tally_of_the_whole() {
        let notes = notes(&[
            ("2026-11-02", 2),
            ("2026-11-03", 1),
            ("2026-11-02", 1),
            ("2026-11-30", 4),
        ]);
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let mut whole = Tally::new(as_of);
        let (mut left, mut right) = (Tally::new(as_of), Tally::new(as_of));
        for (index, note) in notes.iter().enumerate() {
            whole.add(note);
            if index % 2 == 0 {
                left.add(note)
            } else {
                right.add(note)
            }
        }
        assert_eq!(left.merge(right), whole);
        assert_eq!(whole.wins, 4, "the note after as_of is not counted");
    }
    use crate::model::{Win, WinKind};

    pub(crate) fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// A note on `date` with `wins` wins (tagged `tags`) and the rest tag when `rest`.
    fn note(date: &str, wins: usize, rest: bool, tags: &[&str]) -> Note {
        let date = d(date);
        let source = format!("{date}.md");
        Note {
            wins: (0..wins)
                .map(|line| Win {
                    date,
                    time: None,
                    text: format!("win {line}"),
                    tags: tags.iter().map(|tag| (*tag).to_owned()).collect(),
                    source: source.clone(),
                    line: line + 1,
                    kind: WinKind::Tag,
                })
                .collect(),
            source,
            date,
            rest,
        }
    }

    /// Notes from `(date, wins)` pairs; a negative count marks a rest-tagged note without wins.
    pub(crate) fn notes(days: &[(&str, i32)]) -> Vec<Note> {
        days.iter()
            .map(|&(date, wins)| note(date, wins.max(0) as usize, wins < 0, &[]))
            .collect()
    }

    fn streak(days: u32, start: Option<&str>, end: Option<&str>, at_risk: bool) -> Streak {
        Streak {
            days,
            start: start.map(d),
            end: end.map(d),
            at_risk,
        }
    }

    fn goal(min_wins: u32, rest_days: &[Weekday]) -> Goal {
        Goal {
            min_wins,
            rest_days: rest_days.to_vec(),
            ..Goal::default()
        }
    }

    /// Name, notes, goals, today, expected current and longest streak.
    type StreakCase = (&'static str, Vec<Note>, Goal, &'static str, Streak, Streak);
    /// Name, `(date, wins)` notes, today, expected week streak.
    type WeekStreakCase = (
        &'static str,
        Vec<(&'static str, i32)>,
        &'static str,
        StreakPair,
    );
    /// Name, `(date, wins)` notes, week start, today, expected `(label, wins)` weeks.
    type WeeksCase = (
        &'static str,
        Vec<(&'static str, i32)>,
        WeekStart,
        &'static str,
        Vec<(&'static str, usize)>,
    );

    #[test]
    fn longest_streaks_within_a_window_count_only_its_days() {
        let days = notes(&[
            ("2026-09-28", 1),
            ("2026-09-29", 1),
            ("2026-09-30", 3),
            ("2026-10-01", 3),
            ("2026-10-02", 1),
            ("2026-10-05", 1),
            ("2026-10-06", 1),
        ]);
        let scores = score_with(&days, &goal(1, &[]), WeekStart::Monday, d("2026-10-06"));
        let october =
            |goal_days| scores.longest_streak_within(d("2026-10-01"), d("2026-10-31"), goal_days);
        assert_eq!(
            october(false),
            streak(2, Some("2026-10-05"), Some("2026-10-06"), false),
            "the run from September counts only its October days; the later run wins the tie"
        );
        assert_eq!(
            october(true),
            streak(1, Some("2026-10-01"), Some("2026-10-01"), false)
        );
        assert_eq!(
            scores.longest_streak_within(d("2026-01-01"), d("2026-12-31"), false),
            streak(5, Some("2026-09-28"), Some("2026-10-02"), false)
        );
        assert_eq!(
            scores.longest_streak_within(d("2026-11-01"), d("2026-11-30"), false),
            Streak::default(),
            "a window after today has no run"
        );
    }

    #[test]
    fn win_day_streaks() {
        let cases: Vec<StreakCase> = vec![
            (
                "empty vault",
                vec![],
                Goal::default(),
                "2026-11-26",
                Streak::default(),
                Streak::default(),
            ),
            (
                "only future notes",
                notes(&[("2026-11-27", 2), ("2026-11-28", 1)]),
                Goal::default(),
                "2026-11-26",
                Streak::default(),
                Streak::default(),
            ),
            (
                "today without a note is at risk, not broken",
                notes(&[("2026-11-23", 1), ("2026-11-24", 1), ("2026-11-25", 2)]),
                Goal::default(),
                "2026-11-26",
                streak(3, Some("2026-11-23"), Some("2026-11-25"), true),
                streak(3, Some("2026-11-23"), Some("2026-11-25"), false),
            ),
            (
                "a win today ends the risk",
                notes(&[("2026-11-24", 1), ("2026-11-25", 1), ("2026-11-26", 1)]),
                Goal::default(),
                "2026-11-26",
                streak(3, Some("2026-11-24"), Some("2026-11-26"), false),
                streak(3, Some("2026-11-24"), Some("2026-11-26"), false),
            ),
            (
                "a missed yesterday breaks it even while today is open",
                notes(&[("2026-11-23", 1), ("2026-11-24", 1)]),
                Goal::default(),
                "2026-11-26",
                Streak::default(),
                streak(2, Some("2026-11-23"), Some("2026-11-24"), false),
            ),
            (
                "a rest weekday inside a run is skipped",
                // 2026-11-22 is a Sunday with no note.
                notes(&[("2026-11-20", 1), ("2026-11-21", 1), ("2026-11-23", 1)]),
                goal(1, &[Weekday::Sun]),
                "2026-11-23",
                streak(3, Some("2026-11-20"), Some("2026-11-23"), false),
                streak(3, Some("2026-11-20"), Some("2026-11-23"), false),
            ),
            (
                "a rest-tagged note inside a run is skipped",
                notes(&[("2026-11-20", 1), ("2026-11-21", -1), ("2026-11-22", 1)]),
                Goal::default(),
                "2026-11-22",
                streak(2, Some("2026-11-20"), Some("2026-11-22"), false),
                streak(2, Some("2026-11-20"), Some("2026-11-22"), false),
            ),
            (
                "a win on a rest day still counts",
                notes(&[("2026-11-21", 1), ("2026-11-22", 2), ("2026-11-23", 1)]),
                goal(1, &[Weekday::Sun]),
                "2026-11-23",
                streak(3, Some("2026-11-21"), Some("2026-11-23"), false),
                streak(3, Some("2026-11-21"), Some("2026-11-23"), false),
            ),
            (
                "a rest day today keeps the run without risk",
                notes(&[("2026-11-20", 1), ("2026-11-21", 1)]),
                goal(1, &[Weekday::Sun]),
                "2026-11-22",
                streak(2, Some("2026-11-20"), Some("2026-11-21"), false),
                streak(2, Some("2026-11-20"), Some("2026-11-21"), false),
            ),
            (
                "a note without wins breaks the run",
                notes(&[
                    ("2026-11-20", 1),
                    ("2026-11-21", 1),
                    ("2026-11-22", 0),
                    ("2026-11-23", 1),
                ]),
                Goal::default(),
                "2026-11-23",
                streak(1, Some("2026-11-23"), Some("2026-11-23"), false),
                streak(2, Some("2026-11-20"), Some("2026-11-21"), false),
            ),
            (
                "the latest of two equal runs is the longest",
                notes(&[
                    ("2026-11-10", 1),
                    ("2026-11-11", 1),
                    ("2026-11-20", 1),
                    ("2026-11-21", 1),
                    ("2026-11-23", 1),
                ]),
                Goal::default(),
                "2026-11-26",
                Streak::default(),
                streak(2, Some("2026-11-20"), Some("2026-11-21"), false),
            ),
            (
                "min_wins 2: a day with one win breaks the run",
                notes(&[
                    ("2026-11-20", 2),
                    ("2026-11-21", 1),
                    ("2026-11-22", 3),
                    ("2026-11-23", 2),
                    ("2026-11-24", 1),
                ]),
                goal(2, &[]),
                "2026-11-24",
                streak(2, Some("2026-11-22"), Some("2026-11-23"), true),
                streak(2, Some("2026-11-22"), Some("2026-11-23"), false),
            ),
            (
                "every weekday a rest day: runs never break",
                notes(&[("2026-11-02", 1), ("2026-11-20", 1)]),
                goal(
                    1,
                    &[
                        Weekday::Mon,
                        Weekday::Tue,
                        Weekday::Wed,
                        Weekday::Thu,
                        Weekday::Fri,
                        Weekday::Sat,
                        Weekday::Sun,
                    ],
                ),
                "2026-11-26",
                streak(2, Some("2026-11-02"), Some("2026-11-20"), false),
                streak(2, Some("2026-11-02"), Some("2026-11-20"), false),
            ),
        ];
        for (name, notes, goal, today, current, longest) in cases {
            let scores = score_with(&notes, &goal, WeekStart::Monday, d(today));
            assert_eq!(scores.current_streak, current, "{name}: current");
            assert_eq!(scores.longest_streak, longest, "{name}: longest");
        }
    }

    fn on_break(from: &str, to: &str) -> Goal {
        Goal {
            breaks: vec![Break {
                from: d(from),
                to: d(to),
            }],
            ..Goal::default()
        }
    }

    #[test]
    fn breaks_are_rest_days() {
        let notes = notes(&[
            ("2026-11-10", 1),
            ("2026-11-11", 1),
            ("2026-11-12", 0),
            ("2026-11-16", 2),
        ]);
        // 12–15 Nov off: the note without a win on the 12th is part of the break, not a miss.
        let goal = on_break("2026-11-12", "2026-11-15");
        let scores = score_with(&notes, &goal, WeekStart::Monday, d("2026-11-16"));
        assert_eq!(
            scores.current_streak,
            streak(3, Some("2026-11-10"), Some("2026-11-16"), false)
        );
        assert!(scores.day(d("2026-11-13")).rest && scores.day(d("2026-11-12")).rest);
        assert_eq!(
            scores.break_on(d("2026-11-14")).map(|b| b.to),
            Some(d("2026-11-15"))
        );
        // During the break the run waits, not at risk.
        let during = score_with(&notes, &goal, WeekStart::Monday, d("2026-11-14"));
        assert_eq!(
            during.current_streak,
            streak(2, Some("2026-11-10"), Some("2026-11-11"), false)
        );
        let without = score_with(&notes, &Goal::default(), WeekStart::Monday, d("2026-11-16"));
        assert_eq!(without.current_streak.days, 1);
    }

    #[test]
    fn a_period_counts_only_its_own_days() {
        let notes = notes(&[
            ("2026-10-30", 3),
            ("2026-11-01", 1),
            ("2026-11-02", 1),
            ("2026-11-03", 0),
            ("2026-11-04", 1),
        ]);
        let over = |since: &str, until: &str, today: &str| {
            let mut tally = Tally::over(d(since), d(until), d(today));
            for note in &notes {
                tally.add(note);
            }
            score_tally(tally, &Goal::default(), WeekStart::Monday)
        };
        let closed = over("2026-11-01", "2026-11-02", "2026-11-26");
        assert_eq!((closed.wins, closed.closed), (2, true));
        assert_eq!(closed.period, Some((d("2026-11-01"), d("2026-11-02"))));
        assert_eq!(
            closed.current_streak,
            streak(2, Some("2026-11-01"), Some("2026-11-02"), false)
        );
        // A last day without a win ended the run: a closed period has nothing at risk.
        let ended = over("2026-11-01", "2026-11-03", "2026-11-26");
        assert_eq!(ended.current_streak, Streak::default());
        assert_eq!(ended.longest_streak.days, 2);
        // Running to today, the open day only puts the run at risk; earlier wins do not count.
        let open = over("2026-11-04", "2026-11-30", "2026-11-05");
        assert_eq!(
            (open.wins, open.closed, open.today),
            (1, false, Some(d("2026-11-05")))
        );
        assert_eq!(
            open.current_streak,
            streak(1, Some("2026-11-04"), Some("2026-11-04"), true)
        );
    }

    #[test]
    fn goal_day_streaks_follow_the_same_rules() {
        let notes = notes(&[
            ("2026-11-16", 3),
            ("2026-11-17", 4),
            ("2026-11-18", 3),
            ("2026-11-19", 1),
            ("2026-11-20", 3),
            ("2026-11-21", -1),
            ("2026-11-22", 5),
            ("2026-11-23", 2),
        ]);
        let scores = score_with(&notes, &Goal::default(), WeekStart::Monday, d("2026-11-23"));
        assert_eq!(
            scores.goal_streak,
            StreakPair {
                current: 2,
                longest: 3
            }
        );
        assert_eq!((scores.wins, scores.win_days, scores.goal_days), (21, 7, 5));
        // Seven win days: the rest-tagged 21 Nov is skipped, not counted.
        assert_eq!(scores.current_streak.days, 7);
    }

    #[test]
    fn week_streaks() {
        // Weekly goal 5; ISO weeks W45 (2 Nov), W46 (9 Nov), W47 (16 Nov), W48 (23 Nov).
        let cases: Vec<WeekStreakCase> = vec![
            (
                "the open week short of the goal does not break the run",
                vec![
                    ("2026-11-02", 5),
                    ("2026-11-09", 3),
                    ("2026-11-10", 2),
                    ("2026-11-16", 6),
                    ("2026-11-23", 1),
                ],
                "2026-11-24",
                StreakPair {
                    current: 3,
                    longest: 3,
                },
            ),
            (
                "the open week counts once it reaches the goal",
                vec![("2026-11-16", 6), ("2026-11-23", 5)],
                "2026-11-24",
                StreakPair {
                    current: 2,
                    longest: 2,
                },
            ),
            (
                "a past week short of the goal breaks it",
                vec![
                    ("2026-11-02", 5),
                    ("2026-11-09", 5),
                    ("2026-11-16", 4),
                    ("2026-11-23", 1),
                ],
                "2026-11-24",
                StreakPair {
                    current: 0,
                    longest: 2,
                },
            ),
            (
                "a week without notes breaks it",
                vec![("2026-11-02", 5), ("2026-11-16", 5)],
                "2026-11-17",
                StreakPair {
                    current: 1,
                    longest: 1,
                },
            ),
            (
                "wins after today do not count",
                vec![("2026-11-16", 5), ("2026-11-23", 2), ("2026-11-27", 3)],
                "2026-11-24",
                StreakPair {
                    current: 1,
                    longest: 1,
                },
            ),
        ];
        for (name, days, today, expected) in cases {
            let scores = score_with(&notes(&days), &Goal::default(), WeekStart::Monday, d(today));
            assert_eq!(scores.week_streak, expected, "{name}");
        }
    }

    fn week_labels(scores: &Scores) -> Vec<(String, usize)> {
        scores
            .weeks
            .iter()
            .map(|week| (week.week.clone(), week.wins))
            .collect()
    }

    fn labels(items: &[(&str, usize)]) -> Vec<(String, usize)> {
        items.iter().map(|(w, n)| ((*w).to_owned(), *n)).collect()
    }

    #[test]
    fn weeks_list_every_week_from_the_first_note_to_today() {
        let cases: Vec<WeeksCase> = vec![
            (
                "ISO 2020 has a week 53 holding New Year's Day 2021",
                vec![("2020-12-21", 1), ("2021-01-01", 2), ("2021-01-04", 3)],
                WeekStart::Monday,
                "2021-01-12",
                vec![
                    ("2020-W52", 1),
                    ("2020-W53", 2),
                    ("2021-W01", 3),
                    ("2021-W02", 0),
                ],
            ),
            (
                "ISO 2026 has a week 53, then 2027-W01",
                vec![("2026-12-28", 1), ("2027-01-03", 2), ("2027-01-04", 4)],
                WeekStart::Monday,
                "2027-01-04",
                vec![("2026-W53", 3), ("2027-W01", 4)],
            ),
            (
                "gaps show as zero weeks",
                vec![("2026-11-02", 1), ("2026-11-25", 2)],
                WeekStart::Monday,
                "2026-11-26",
                vec![
                    ("2026-W45", 1),
                    ("2026-W46", 0),
                    ("2026-W47", 0),
                    ("2026-W48", 2),
                ],
            ),
            (
                "Sunday weeks: a Sunday opens the next week",
                vec![("2026-11-21", 1), ("2026-11-22", 2)],
                WeekStart::Sunday,
                "2026-11-23",
                vec![("2026-W47", 1), ("2026-W48", 2)],
            ),
            (
                "Sunday weeks: the week holding 1 January is week 1",
                vec![("2026-12-26", 1), ("2026-12-27", 2), ("2027-01-02", 3)],
                WeekStart::Sunday,
                "2027-01-03",
                vec![("2026-W52", 1), ("2027-W01", 5), ("2027-W02", 0)],
            ),
        ];
        for (name, days, start, today, expected) in cases {
            let scores = score_with(&notes(&days), &Goal::default(), start, d(today));
            assert_eq!(week_labels(&scores), labels(&expected), "{name}");
        }
    }

    #[test]
    fn tags_weekdays_and_days_count_wins_up_to_today() {
        let notes = vec![
            note("2026-11-23", 2, false, &["running"]),
            note("2026-11-23", 1, false, &["running", "win/work"]),
            note("2026-11-24", 1, true, &["family"]),
            note("2026-11-29", 4, false, &["family"]),
        ];
        let goal = goal(1, &[Weekday::Sat]);
        let scores = score_with(&notes, &goal, WeekStart::Monday, d("2026-11-26"));
        let tags: Vec<(&str, usize)> = scores.tags.iter().map(|(t, n)| (t.as_str(), *n)).collect();
        assert_eq!(tags, [("family", 1), ("running", 3), ("win/work", 1)]);
        assert_eq!(scores.weekdays, [3, 1, 0, 0, 0, 0, 0]);
        assert_eq!(scores.wins, 4);
        assert_eq!(scores.first_day, Some(d("2026-11-23")));
        let monday = scores.day(d("2026-11-23"));
        assert_eq!(
            (monday.wins, monday.rest, monday.goal_day),
            (3, false, true)
        );
        assert!(scores.day(d("2026-11-24")).rest, "rest tag");
        assert!(
            scores.day(d("2026-11-28")).rest,
            "rest weekday without a note"
        );
        assert_eq!(
            scores.day(d("2026-11-29")),
            DayScore::default(),
            "after today"
        );
    }

    /// Obsidian Tracker's `maxStreak` and `currentStreak` (src/expr.ts): the dataset runs day by
    /// day from the first to the last note; a day has a value when the tag occurs on it; a streak
    /// is consecutive days with a value; `maxStreak` keeps the latest on ties (`>=`);
    /// `currentStreak` counts back from the dataset's last day and stops at the first day without
    /// a value. It has no rest days, and it breaks the current streak when the last day has no
    /// value, where smallwins only marks it `at_risk`.
    fn tracker(values: &[bool]) -> (u32, u32) {
        let mut run = 0;
        let mut max = 0;
        for &value in values {
            run = if value { run + 1 } else { 0 };
            max = max.max(run);
        }
        let current = values.iter().rev().take_while(|value| **value).count();
        (current as u32, max)
    }

    #[test]
    fn figures_match_obsidian_tracker_where_the_definitions_agree() {
        // A note every day, no rest days; the last day (today) has a value.
        let patterns = [
            "x",
            "xx.xxx",
            "xxx.xx.xxx",
            ".xx..x.xxxx.x",
            "xxxxxxx.xxxxxxx",
            "x.x.x.x.x.xx",
        ];
        for pattern in patterns {
            let first = d("2026-11-01");
            let values: Vec<bool> = pattern.chars().map(|c| c == 'x').collect();
            let notes: Vec<Note> = values
                .iter()
                .zip(first.iter_days())
                .map(|(&value, day)| note(&day.to_string(), usize::from(value), false, &[]))
                .collect();
            let today = notes.last().unwrap().date;
            let scores = score_with(&notes, &Goal::default(), WeekStart::Monday, today);
            assert_eq!(
                (scores.current_streak.days, scores.longest_streak.days),
                tracker(&values),
                "{pattern}"
            );
        }
    }
}
