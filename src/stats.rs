//! Scores: streaks, goals, rest days, weeks and tags, computed from notes as of a day.
//! TEMPORARY STUB: the real module lands from branch `stats` (issue 3).
#![allow(missing_docs, dead_code, clippy::all)]

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::config::Config;
use crate::model::Note;

/// A run of win days (or goal days).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Streak {
    pub days: u32,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub at_risk: bool,
}

/// Current and longest length of a goal-day or goal-week streak.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StreakPair {
    pub current: u32,
    pub longest: u32,
}

/// One day's figures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct DayScore {
    pub wins: usize,
    pub rest: bool,
    pub win_day: bool,
    pub goal_day: bool,
}

/// One week's figures.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct WeekScore {
    pub week: String,
    pub wins: usize,
    pub win_days: usize,
}

/// Everything `stats` prints, as of `today`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scores {
    pub today: Option<NaiveDate>,
    pub wins: usize,
    pub win_days: usize,
    pub goal_days: usize,
    pub daily_goal: u32,
    pub current_streak: Streak,
    pub longest_streak: Streak,
    pub goal_streak: StreakPair,
    pub week_streak: StreakPair,
    pub tags: BTreeMap<String, usize>,
    pub weekdays: [usize; 7],
    pub weeks: Vec<WeekScore>,
    pub days: BTreeMap<NaiveDate, DayScore>,
}

impl Scores {
    /// The figures of one day (zero wins when there is no note).
    pub fn day(&self, date: NaiveDate) -> DayScore {
        self.days.get(&date).copied().unwrap_or_default()
    }
}

/// Scores `notes` as of `as_of` (notes after it are ignored) with the goals of `config`.
pub fn score(notes: &[Note], config: &Config, as_of: NaiveDate) -> Scores {
    let mut scores = Scores {
        today: Some(as_of),
        daily_goal: config.goal.daily,
        ..Scores::default()
    };
    for note in notes.iter().filter(|n| n.date <= as_of) {
        let day = scores.days.entry(note.date).or_default();
        day.wins += note.wins.len();
        day.rest |= note.rest;
        day.win_day = day.wins >= config.goal.min_wins as usize;
        day.goal_day = day.wins >= config.goal.daily as usize;
        scores.wins += note.wins.len();
    }
    scores
}
