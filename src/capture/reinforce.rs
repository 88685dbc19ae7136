//! The feedback after a capture: the day's count against the goal, the streak, and the
//! milestones it reached (SPEC §4): the 1st, 10th, 25th, 50th, 100th, 250th, 500th, 1000th and
//! every further 1000th win, a new longest streak, the day's first win, the first win after three
//! or more days without one. Warm and short: one line each, and only when there is news.

use std::io::{self, Write};

use chrono::NaiveDate;

use super::Added;
use crate::config::Config;
use crate::journal;
use crate::model::Note;
use crate::stats::{self, Scores, Tally};
use crate::term::{Paint, Style};

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
    /// The milestone this capture reached, if any.
    pub milestone: Option<Milestone>,
}

/// Something worth a word after a capture, besides the count and the streak.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Milestone {
    /// The nth win ever: 1, 10, 25, 50, 100, 250, 500, 1000, 2000, …
    Count(usize),
    /// Today's first win after this many days without one (three or more).
    WelcomeBack(i64),
    /// Today's first win.
    FirstOfTheDay,
}

/// Win counts that are milestones below 1000; from 1000 on, every thousandth is one.
const MILESTONES: [usize; 7] = [1, 10, 25, 50, 100, 250, 500];

/// Days without a win after which a win is a welcome back.
const AWAY_DAYS: i64 = 3;

/// The highest milestone count in `before + 1 ..= after`, if any.
pub fn count_milestone(before: usize, after: usize) -> Option<usize> {
    let thousands = after / 1000 * 1000;
    if thousands > before {
        return Some(thousands);
    }
    MILESTONES
        .iter()
        .rev()
        .copied()
        .find(|&m| before < m && m <= after)
}

/// The milestone of wins added on `date` to a day that had none: a count first, then a return
/// after days away, then the day's first win when it came alone and did not meet the goal (a
/// met goal says more). The last two only for today's wins.
fn milestone(
    date: NaiveDate,
    (day_was_empty, alone): (bool, bool),
    before: &Scores,
    after: &Scores,
) -> Option<Milestone> {
    if let Some(count) = count_milestone(before.wins, after.wins) {
        return Some(Milestone::Count(count));
    }
    if !day_was_empty || Some(date) != after.today {
        return None;
    }
    let last_win_day = before
        .days
        .range(..date)
        .rev()
        .find(|(_, day)| day.win_day)
        .map(|(day, _)| *day);
    let away = last_win_day.map(|last| (date - last).num_days() - 1);
    match away {
        Some(days) if days >= AWAY_DAYS => Some(Milestone::WelcomeBack(days)),
        _ => alone.then_some(Milestone::FirstOfTheDay),
    }
}

impl Milestone {
    /// The words for it.
    pub fn message(self) -> String {
        match self {
            Milestone::Count(1) => "Your very first win. Here's to many more!".to_owned(),
            Milestone::Count(n) => format!("That's your {n}th win!"),
            Milestone::WelcomeBack(days) => {
                format!("Welcome back — your first win in {days} days.")
            }
            Milestone::FirstOfTheDay => "First win of the day — a good start.".to_owned(),
        }
    }
}

/// The scores of some notes as of today, and their wins on one day.
struct DayScores {
    wins: usize,
    scores: Scores,
}

impl DayScores {
    fn of(config: &Config, notes: &[Note], date: NaiveDate) -> DayScores {
        DayScores {
            wins: notes
                .iter()
                .filter(|note| note.date == date)
                .map(|note| note.wins.len())
                .sum(),
            scores: stats::score(notes, config, config.today),
        }
    }
}

/// The vault counted while it is read for [`Reinforcement::measure`]: every note but those of
/// the written file, which are kept whole to be scored with and without the added win.
struct Counted {
    others: Others,
    written: Vec<Note>,
}

/// The notes of other files: their tally and their wins on the added win's day.
#[derive(Clone)]
struct Others {
    tally: Tally,
    wins_on_date: usize,
}

impl Counted {
    fn new(today: NaiveDate) -> Counted {
        Counted {
            others: Others {
                tally: Tally::new(today),
                wins_on_date: 0,
            },
            written: Vec::new(),
        }
    }

    fn with(mut self, note: Note, added: &Added) -> Counted {
        if note.source == added.source {
            self.written.push(note);
        } else {
            if note.date == added.date {
                self.others.wins_on_date += note.wins.len();
            }
            self.others.tally.add(&note);
        }
        self
    }

    fn merge(mut self, mut other: Counted) -> Counted {
        self.others.tally = self.others.tally.merge(other.others.tally);
        self.others.wins_on_date += other.others.wins_on_date;
        self.written.append(&mut other.written);
        self
    }
}

impl Others {
    /// The scores of these notes and `written` together, and their wins on `date`.
    fn scores(&self, config: &Config, date: NaiveDate, written: &[Note]) -> DayScores {
        let mut tally = self.tally.clone();
        let mut wins = self.wins_on_date;
        for note in written {
            if note.date == date {
                wins += note.wins.len();
            }
            tally.add(note);
        }
        DayScores {
            wins,
            scores: stats::score_tally(tally, &config.goal, config.review.week_start),
        }
    }
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
        let goal_just_met = before_count < goal_count && wins >= goal_count;
        let day_was_empty = before_count == 0 && wins > 0;
        let alone = wins == 1 && !goal_just_met;
        Reinforcement {
            date,
            today,
            wins,
            goal,
            goal_just_met,
            streak,
            at_risk: after.current_streak.at_risk,
            new_record: streak >= 2 && streak > before.longest_streak.days,
            milestone: milestone(date, (day_was_empty, alone), before, after),
        }
    }

    /// Reads the vault (after the write) and scores it with and without the added win. Each
    /// note is counted as it is read and dropped; only the notes of the written file are kept,
    /// so memory stays flat however large the vault.
    pub fn measure(config: &Config, added: &Added) -> Reinforcement {
        let (counted, _) = journal::fold_notes(
            config,
            || Counted::new(config.today),
            |counted, note| counted.with(note, added),
            Counted::merge,
        );
        let mut written = counted.written;
        let after = counted.others.scores(config, added.date, &written);
        for note in &mut written {
            note.wins.retain(|win| win.line != added.line);
        }
        let before = counted.others.scores(config, added.date, &written);
        Reinforcement::between(config, added.date, &before, &after)
    }

    /// Scores the notes before and after wins were added on `date` (a session of several).
    pub fn compare(
        config: &Config,
        before: &[Note],
        after: &[Note],
        date: NaiveDate,
    ) -> Reinforcement {
        let before = DayScores::of(config, before, date);
        let after = DayScores::of(config, after, date);
        Reinforcement::between(config, date, &before, &after)
    }

    fn between(
        config: &Config,
        date: NaiveDate,
        before: &DayScores,
        after: &DayScores,
    ) -> Reinforcement {
        Reinforcement::from_scores(
            date,
            (before.wins, after.wins),
            &before.scores,
            &after.scores,
            config.goal.daily,
            config.today,
        )
    }

    /// Prints one or two lines; emoji and colour only when `paint` colours.
    pub fn write(&self, out: &mut dyn Write, paint: Paint) -> io::Result<()> {
        let day = if self.date == self.today {
            "today".to_owned()
        } else {
            format!("on {}", self.date.format("%a %-d %b %Y"))
        };
        let count = format!("{}/{} wins {day}", self.wins, self.goal);
        let goal = usize::try_from(self.goal).unwrap_or(usize::MAX);
        let note = if self.goal_just_met {
            paint.paint(
                Style::CHEER,
                &format!("daily goal met!{}", if paint.is_on() { " 🎯" } else { "" }),
            )
        } else if self.wins >= goal {
            paint.paint(Style::GOOD, "goal met")
        } else {
            format!("{} more to meet the goal", goal - self.wins)
        };
        writeln!(out, "{} — {note}", paint.paint(Style::BOLD, &count))?;
        if let Some(milestone) = self.milestone {
            let party = if paint.is_on() { "🎉 " } else { "" };
            let words = format!("{party}{}", milestone.message());
            writeln!(out, "{}", paint.paint(Style::CHEER, &words))?;
        }
        if self.streak > 0 {
            let flame = if paint.is_on() { "🔥 " } else { "" };
            let streak = paint.paint(Style::HEED, &format!("{flame}{}-day streak", self.streak));
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
    fn win_counts_that_are_milestones() {
        let cases = [
            ((0, 1), Some(1)),
            ((1, 2), None),
            ((9, 10), Some(10)),
            ((8, 30), Some(25)),
            ((99, 100), Some(100)),
            ((100, 101), None),
            ((499, 500), Some(500)),
            ((999, 1000), Some(1000)),
            ((1000, 1999), None),
            ((1999, 2000), Some(2000)),
            ((2990, 3010), Some(3000)),
            ((12_999, 13_000), Some(13_000)),
        ];
        for ((before, after), want) in cases {
            assert_eq!(count_milestone(before, after), want, "{before} → {after}");
        }
    }

    #[test]
    fn milestone_lines_come_between_the_count_and_the_streak() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let mut before = scores(9, 9, true);
        before.wins = 99;
        let mut after = scores(10, 10, false);
        after.wins = 100;
        after.today = Some(today);
        let r = Reinforcement::from_scores(today, (0, 1), &before, &after, 3, today);
        assert_eq!(r.milestone, Some(Milestone::Count(100)));
        let mut out = Vec::new();
        r.write(&mut out, Paint::plain()).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "1/3 wins today — 2 more to meet the goal\nThat's your 100th win!\n\
             10-day streak — your longest yet!\n"
        );
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
            r.write(&mut out, Paint::plain()).unwrap();
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
        r.write(&mut out, Paint::new(true)).unwrap();
        let colored = String::from_utf8(out).unwrap();
        assert!(
            colored.contains("🔥") && colored.contains("\x1b["),
            "{colored}"
        );
    }
}
