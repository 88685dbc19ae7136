//! Obsidian (moment.js) and Logseq date formats, strict date parsing, ISO and Sunday-start weeks.
//! TEMPORARY STUB: replaced by the real module from branch `dates`.
#![allow(missing_docs, dead_code, clippy::all)]
use chrono::{Datelike, NaiveDate, Weekday};

#[derive(Debug, thiserror::Error)]
#[error("bad format {0}")]
pub struct FormatError(String);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateFormat(String);
impl DateFormat {
    pub fn moment(fmt: &str) -> Result<DateFormat, FormatError> {
        Ok(DateFormat(fmt.to_owned()))
    }
    pub fn logseq(fmt: &str) -> Result<DateFormat, FormatError> {
        Ok(DateFormat(fmt.replace("yyyy", "YYYY").replace("dd", "DD")))
    }
    pub fn as_moment(&self) -> String {
        self.0.clone()
    }
    pub fn format(&self, d: NaiveDate) -> String {
        self.0
            .replace("YYYY", &format!("{:04}", d.year()))
            .replace("MM", &format!("{:02}", d.month()))
            .replace("DD", &format!("{:02}", d.day()))
            .replace("GGGG", &format!("{:04}", d.iso_week().year()))
            .replace("[W]WW", &format!("W{:02}", d.iso_week().week()))
    }
    pub fn parse(&self, s: &str) -> Option<NaiveDate> {
        let f = self
            .0
            .replace("YYYY", "%Y")
            .replace("MM", "%m")
            .replace("DD", "%d");
        NaiveDate::parse_from_str(s, &f)
            .ok()
            .filter(|d| self.format(*d) == s)
    }
    pub fn last_segment(&self) -> DateFormat {
        DateFormat(self.0.rsplit('/').next().unwrap_or("").to_owned())
    }
    pub fn has_full_date(&self) -> bool {
        true
    }
}
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WeekStart {
    #[default]
    Monday,
    Sunday,
}
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Week {
    year: i32,
    number: u32,
    start: NaiveDate,
}
impl Week {
    pub fn containing(date: NaiveDate, _s: WeekStart) -> Week {
        let w = date.iso_week();
        Week {
            year: w.year(),
            number: w.week(),
            start: date - chrono::Duration::days(date.weekday().num_days_from_monday() as i64),
        }
    }
    pub fn year(&self) -> i32 {
        self.year
    }
    pub fn number(&self) -> u32 {
        self.number
    }
    pub fn first_day(&self) -> NaiveDate {
        self.start
    }
    pub fn last_day(&self) -> NaiveDate {
        self.start + chrono::Duration::days(6)
    }
    pub fn days(&self) -> impl Iterator<Item = NaiveDate> {
        let s = self.start;
        (0..7).map(move |i| s + chrono::Duration::days(i))
    }
    pub fn label(&self) -> String {
        format!("{}-W{:02}", self.year, self.number)
    }
    pub fn parse_label(s: &str, st: WeekStart) -> Option<Week> {
        let (y, w) = s.split_once("-W")?;
        let d = NaiveDate::from_isoywd_opt(y.parse().ok()?, w.parse().ok()?, Weekday::Mon)?;
        Some(Week::containing(d, st))
    }
    pub fn prev(&self) -> Week {
        Week::containing(self.start - chrono::Duration::days(7), WeekStart::Monday)
    }
    pub fn next(&self) -> Week {
        Week::containing(self.start + chrono::Duration::days(7), WeekStart::Monday)
    }
    pub fn start(&self) -> WeekStart {
        WeekStart::Monday
    }
}
pub fn parse_weekday(s: &str) -> Option<Weekday> {
    s.parse().ok()
}
pub fn weekday_key(w: Weekday) -> &'static str {
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][w.num_days_from_monday() as usize]
}
