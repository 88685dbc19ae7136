//! The feedback after a capture: the day's count against the goal, the streak, and whether
//! this win met the goal or set a record.

use std::io::{self, Write};

use chrono::NaiveDate;

use super::Added;
use crate::config::Config;
use crate::journal::Journal;
use crate::model::Note;
use crate::stats::{self, Scores};
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
