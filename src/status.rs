//! `status`: one line for a shell prompt, tmux or a status bar — today's count against the goal,
//! the streak, whether it is at risk — and whether today has a win yet (exit 0) or not (exit 1).

use std::io::{self, Write};

use chrono::NaiveDate;
use serde::Serialize;

use crate::stats::{Scores, Streak};
use crate::term::{Paint, Style};

/// Output formats of `status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusFormat {
    /// One line of text.
    #[default]
    Text,
    /// One line of JSON: the figures, plus `text`, `tooltip` and `class` as waybar reads them.
    Json,
}

/// How today stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Status {
    /// The day.
    pub today: NaiveDate,
    /// Wins today.
    pub wins: usize,
    /// `goal.daily`.
    pub daily_goal: u32,
    /// Today has at least `goal.min_wins` wins.
    pub win_day: bool,
    /// Today has at least `goal.daily` wins.
    pub goal_met: bool,
    /// Today is a rest day (a rest weekday, a rest-tagged note or a break).
    pub rest: bool,
    /// The last day of the break today falls in, if any.
    pub break_until: Option<NaiveDate>,
    /// The current streak of win days.
    pub streak: Streak,
    /// The longest streak ever, in win days.
    pub longest_streak: u32,
}

impl Status {
    /// Today's figures from the vault's scores.
    pub fn from_scores(scores: &Scores, today: NaiveDate) -> Status {
        let day = scores.day(today);
        Status {
            today,
            wins: day.wins,
            daily_goal: scores.daily_goal,
            win_day: day.win_day,
            goal_met: day.goal_day,
            rest: day.rest,
            break_until: scores.break_on(today).map(|b| b.to),
            streak: scores.current_streak,
            longest_streak: scores.longest_streak.days,
        }
    }

    /// `goal`, `win`, `rest`, `at-risk` or `none`: a word for a status bar's style.
    pub fn class(&self) -> &'static str {
        if self.goal_met {
            "goal"
        } else if self.win_day {
            "win"
        } else if self.rest {
            "rest"
        } else if self.streak.at_risk {
            "at-risk"
        } else {
            "none"
        }
    }

    /// The one line: `2/3 wins today · 5-day streak`.
    pub fn text(&self, paint: Paint) -> String {
        let mut parts = vec![paint.paint(
            Style::BOLD,
            &format!("{}/{} wins today", self.wins, self.daily_goal),
        )];
        if self.goal_met {
            parts.push(paint.paint(Style::GOOD, "goal met"));
        } else if let Some(until) = self.break_until.filter(|_| !self.win_day) {
            parts.push(format!("on a break until {}", until.format("%a %-d %b")));
        } else if self.rest && !self.win_day {
            parts.push("rest day".to_owned());
        }
        if self.streak.days > 0 {
            let flame = if paint.is_on() { "🔥 " } else { "" };
            let streak = format!("{flame}{}-day streak", self.streak.days);
            parts.push(if self.streak.at_risk {
                paint.paint(Style::HEED, &format!("{streak} at risk"))
            } else {
                streak
            });
        }
        parts.join(" · ")
    }

    /// A longer line for a tooltip.
    pub fn tooltip(&self) -> String {
        let mut tip = format!("Longest streak: {} days", self.longest_streak);
        if self.streak.at_risk {
            tip.push_str(". One win today keeps the streak alive.");
        }
        tip
    }
}

/// `status --format json`: the figures and what a status bar shows.
#[derive(Serialize)]
struct JsonStatus<'a> {
    #[serde(flatten)]
    status: &'a Status,
    text: String,
    tooltip: String,
    class: &'static str,
}

/// Prints `status` as one line in `format`; `paint` colours the text format.
pub fn write_status(
    out: &mut dyn Write,
    status: &Status,
    format: StatusFormat,
    paint: Paint,
) -> io::Result<()> {
    match format {
        StatusFormat::Text => writeln!(out, "{}", status.text(paint)),
        StatusFormat::Json => {
            let json = JsonStatus {
                status,
                text: status.text(Paint::plain()),
                tooltip: status.tooltip(),
                class: status.class(),
            };
            serde_json::to_writer(&mut *out, &json)?;
            writeln!(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Break, Goal};
    use crate::dates::WeekStart;
    use crate::stats::score_with;
    use crate::stats::tests::{d, notes};

    fn status(days: &[(&str, i32)], goal: &Goal, today: &str) -> Status {
        let scores = score_with(&notes(days), goal, WeekStart::Monday, d(today));
        Status::from_scores(&scores, d(today))
    }

    #[test]
    fn one_line_for_every_kind_of_day() {
        let goal = Goal::default();
        let on_break = Goal {
            breaks: vec![Break {
                from: d("2026-11-26"),
                to: d("2026-11-29"),
            }],
            ..Goal::default()
        };
        let run = [("2026-11-24", 1), ("2026-11-25", 2)];
        let cases = [
            (
                status(
                    &[("2026-11-24", 1), ("2026-11-25", 2), ("2026-11-26", 3)],
                    &goal,
                    "2026-11-26",
                ),
                "3/3 wins today · goal met · 3-day streak",
                "goal",
                false,
            ),
            (
                status(&[("2026-11-25", 2), ("2026-11-26", 1)], &goal, "2026-11-26"),
                "1/3 wins today · 2-day streak",
                "win",
                false,
            ),
            (
                status(&run, &goal, "2026-11-26"),
                "0/3 wins today · 2-day streak at risk",
                "at-risk",
                true,
            ),
            (
                status(&run, &on_break, "2026-11-26"),
                "0/3 wins today · on a break until Sun 29 Nov · 2-day streak",
                "rest",
                true,
            ),
            (
                status(&[], &goal, "2026-11-26"),
                "0/3 wins today",
                "none",
                true,
            ),
        ];
        for (status, text, class, no_win_yet) in cases {
            assert_eq!(status.text(Paint::plain()), text);
            assert_eq!(status.class(), class, "{text}");
            assert_eq!(!status.win_day, no_win_yet, "{text}");
        }
    }

    #[test]
    fn json_is_one_line_that_waybar_reads() {
        let status = status(&[("2026-11-25", 2)], &Goal::default(), "2026-11-26");
        let mut out = Vec::new();
        write_status(&mut out, &status, StatusFormat::Json, Paint::new(true)).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), 1, "{text}");
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["text"], "0/3 wins today · 1-day streak at risk");
        assert_eq!(value["class"], "at-risk");
        assert_eq!(value["wins"], 0);
        assert_eq!(value["streak"]["at_risk"], true);
        assert_eq!(value["break_until"], serde_json::Value::Null);
    }
}
