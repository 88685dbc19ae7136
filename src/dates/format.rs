//! Obsidian (moment.js) and Logseq date formats: printing dates and strictly parsing them back.

use std::fmt::{self, Display, Write as _};
use std::iter;

use chrono::format::{DelayedFormat, Fixed, Item};
use chrono::{Datelike, Month, NaiveDate, Weekday};

use super::period::{Week, WeekStart};

/// Why a date format string was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    /// The format string is empty.
    #[error("empty date format")]
    Empty,
    /// A run of letters that is not one of the supported tokens.
    #[error("unsupported token `{token}` in date format `{format}`")]
    UnsupportedToken {
        /// The offending letters.
        token: String,
        /// The whole format string.
        format: String,
    },
    /// A `[` (moment) or `'` (Logseq) literal that is never closed.
    #[error("unclosed `{open}` in date format `{format}`")]
    UnclosedLiteral {
        /// The opening delimiter.
        open: char,
        /// The whole format string.
        format: String,
    },
}

/// One date component a format can print and parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Year,
    Year2,
    Month2,
    Month,
    MonthOrdinal,
    MonthShort,
    MonthLong,
    Day2,
    Day,
    DayOrdinal,
    WeekdayShort,
    WeekdayLong,
    IsoYear,
    IsoWeek,
    LocaleYear,
    LocaleWeek,
    Quarter,
    QuarterOrdinal,
}

impl Field {
    const ALL: [Field; 18] = [
        Field::Year,
        Field::Year2,
        Field::Month2,
        Field::Month,
        Field::MonthOrdinal,
        Field::MonthShort,
        Field::MonthLong,
        Field::Day2,
        Field::Day,
        Field::DayOrdinal,
        Field::WeekdayShort,
        Field::WeekdayLong,
        Field::IsoYear,
        Field::IsoWeek,
        Field::LocaleYear,
        Field::LocaleWeek,
        Field::Quarter,
        Field::QuarterOrdinal,
    ];

    fn moment_name(self) -> &'static str {
        match self {
            Field::Year => "YYYY",
            Field::Year2 => "YY",
            Field::Month2 => "MM",
            Field::Month => "M",
            Field::MonthOrdinal => "Mo",
            Field::MonthShort => "MMM",
            Field::MonthLong => "MMMM",
            Field::Day2 => "DD",
            Field::Day => "D",
            Field::DayOrdinal => "Do",
            Field::WeekdayShort => "ddd",
            Field::WeekdayLong => "dddd",
            Field::IsoYear => "GGGG",
            Field::IsoWeek => "WW",
            Field::LocaleYear => "gggg",
            Field::LocaleWeek => "ww",
            Field::Quarter => "Q",
            Field::QuarterOrdinal => "Qo",
        }
    }

    fn from_moment(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.moment_name() == name)
    }

    /// Logseq writes Java/Joda patterns; `do` is Logseq's own ordinal day.
    fn from_logseq(name: &str) -> Option<Field> {
        Some(match name {
            "yyyy" => Field::Year,
            "yy" => Field::Year2,
            "MMMM" => Field::MonthLong,
            "MMM" => Field::MonthShort,
            "MM" => Field::Month2,
            "M" => Field::Month,
            "dd" => Field::Day2,
            "d" => Field::Day,
            "do" => Field::DayOrdinal,
            // Java prints every pattern shorter than four `E`s as the short name.
            "E" | "EE" | "EEE" => Field::WeekdayShort,
            "EEEE" => Field::WeekdayLong,
            _ => return None,
        })
    }

    /// chrono's spelling of the month and weekday names, which is moment's in the en locale.
    fn chrono_name(self) -> Option<Fixed> {
        match self {
            Field::MonthShort => Some(Fixed::ShortMonthName),
            Field::MonthLong => Some(Fixed::LongMonthName),
            Field::WeekdayShort => Some(Fixed::ShortWeekdayName),
            Field::WeekdayLong => Some(Fixed::LongWeekdayName),
            _ => None,
        }
    }

    fn render(self, date: NaiveDate, out: &mut String) {
        // Writing to a String cannot fail.
        let _ = match self {
            Field::Year => write_year(out, date.year()),
            Field::Year2 => write!(out, "{:02}", date.year().rem_euclid(100)),
            Field::Month2 => write!(out, "{:02}", date.month()),
            Field::Month => write!(out, "{}", date.month()),
            Field::MonthOrdinal => write!(out, "{}{}", date.month(), ordinal_suffix(date.month())),
            Field::MonthShort | Field::MonthLong | Field::WeekdayShort | Field::WeekdayLong => self
                .chrono_name()
                .map_or(Ok(()), |name| english_name(date, name).write_to(out)),
            Field::Day2 => write!(out, "{:02}", date.day()),
            Field::Day => write!(out, "{}", date.day()),
            Field::DayOrdinal => write!(out, "{}{}", date.day(), ordinal_suffix(date.day())),
            Field::IsoYear => write_year(out, date.iso_week().year()),
            Field::IsoWeek => write!(out, "{:02}", date.iso_week().week()),
            Field::LocaleYear => write_year(out, Week::containing(date, WeekStart::Sunday).year()),
            Field::LocaleWeek => {
                write!(
                    out,
                    "{:02}",
                    Week::containing(date, WeekStart::Sunday).number()
                )
            }
            Field::Quarter => write!(out, "{}", quarter(date)),
            Field::QuarterOrdinal => {
                write!(out, "{}{}", quarter(date), ordinal_suffix(quarter(date)))
            }
        };
    }
}

/// moment's `YYYY`: at least four digits, the sign in front of the padding.
pub(super) fn write_year(out: &mut String, year: i32) -> fmt::Result {
    if year < 0 {
        write!(out, "-{:04}", year.unsigned_abs())
    } else {
        write!(out, "{year:04}")
    }
}

/// One English month or weekday name of `date`, as chrono spells it.
fn english_name(date: NaiveDate, name: Fixed) -> DelayedFormat<iter::Once<Item<'static>>> {
    date.format_with_items(iter::once(Item::Fixed(name)))
}

/// The English month name of `date` ("November"), as moment's `MMMM` writes it.
pub fn month_long(date: NaiveDate) -> &'static str {
    u8::try_from(date.month())
        .ok()
        .and_then(|number| Month::try_from(number).ok())
        .map_or("", |month| month.name())
}

/// The short English month name of `date` ("Nov"), as moment's `MMM` writes it.
pub fn month_short(date: NaiveDate) -> &'static str {
    let long = month_long(date);
    long.get(..3).unwrap_or(long)
}

/// The English weekday name of `date` ("Monday"), as moment's `dddd` writes it.
pub fn weekday_long(date: NaiveDate) -> impl Display {
    english_name(date, Fixed::LongWeekdayName)
}

/// The calendar quarter of `date`, 1–4.
fn quarter(date: NaiveDate) -> u32 {
    date.month0() / 3 + 1
}

fn ordinal_suffix(day: u32) -> &'static str {
    match (day % 10, day % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Field(Field),
    /// A `/` outside a literal: it separates folders, so `last_segment` splits on it.
    Slash,
    Literal(String),
}

/// Which syntax a format string is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dialect {
    Moment,
    Logseq,
}

/// A parsed date format: prints dates and strictly parses them back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateFormat {
    tokens: Vec<Token>,
}

impl Default for DateFormat {
    /// `YYYY-MM-DD`, the default daily note format of Obsidian.
    fn default() -> Self {
        DateFormat {
            tokens: vec![
                Token::Field(Field::Year),
                Token::Literal("-".to_owned()),
                Token::Field(Field::Month2),
                Token::Literal("-".to_owned()),
                Token::Field(Field::Day2),
            ],
        }
    }
}

impl fmt::Display for DateFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_moment())
    }
}

impl DateFormat {
    /// Reads an Obsidian (moment.js) format such as `YYYY/MM/YYYY-MM-DD` or `gggg-[W]ww`.
    pub fn moment(fmt: &str) -> Result<DateFormat, FormatError> {
        tokenize(fmt, Dialect::Moment).map(|tokens| DateFormat { tokens })
    }

    /// Reads a Logseq (Java style) format such as `yyyy_MM_dd` or `MMM do, yyyy`.
    pub fn logseq(fmt: &str) -> Result<DateFormat, FormatError> {
        tokenize(fmt, Dialect::Logseq).map(|tokens| DateFormat { tokens })
    }

    /// The format in moment syntax, for showing to the user and writing into config.
    pub fn as_moment(&self) -> String {
        let mut out = String::new();
        for token in &self.tokens {
            match token {
                Token::Field(field) => out.push_str(field.moment_name()),
                Token::Slash => out.push('/'),
                Token::Literal(text) => push_moment_literal(&mut out, text),
            }
        }
        out
    }

    /// Prints `date`; the result may contain `/` for nested folders.
    pub fn format(&self, date: NaiveDate) -> String {
        let mut out = String::with_capacity(self.tokens.len() * 4);
        for token in &self.tokens {
            match token {
                Token::Field(field) => field.render(date, &mut out),
                Token::Slash => out.push('/'),
                Token::Literal(text) => out.push_str(text),
            }
        }
        out
    }

    /// Parses the whole of `s` strictly: impossible dates and inconsistent names give `None`.
    pub fn parse(&self, s: &str) -> Option<NaiveDate> {
        let mut input = s;
        let mut parsed = Parsed::default();
        let mut spans: Vec<(Field, &str)> = Vec::with_capacity(self.tokens.len());
        for token in &self.tokens {
            input = match token {
                Token::Slash => input.strip_prefix('/')?,
                Token::Literal(text) => input.strip_prefix(text.as_str())?,
                Token::Field(field) => {
                    let rest = parsed.scan(*field, input)?;
                    let (span, _) = input.split_at_checked(input.len() - rest.len())?;
                    spans.push((*field, span));
                    rest
                }
            };
        }
        if !input.is_empty() {
            return None;
        }
        let date = parsed.date()?;
        // Printing the date back catches wrong weekday names, week numbers and `Do`
        // suffixes. Names compare case-insensitively because moment parses them so,
        // even in strict mode.
        let mut rendered = String::new();
        spans
            .iter()
            .all(|(field, span)| {
                rendered.clear();
                field.render(date, &mut rendered);
                rendered.eq_ignore_ascii_case(span)
            })
            .then_some(date)
    }

    /// The part after the last `/` separator: what a daily note's file name must match.
    pub fn last_segment(&self) -> DateFormat {
        let start = self
            .tokens
            .iter()
            .rposition(|t| *t == Token::Slash)
            .map_or(0, |i| i + 1);
        DateFormat {
            tokens: self.tokens.get(start..).unwrap_or_default().to_vec(),
        }
    }

    /// Whether the tokens pin down a calendar day, so that `parse` can succeed at all.
    pub fn has_full_date(&self) -> bool {
        let has = |wanted: &[Field]| {
            self.tokens
                .iter()
                .any(|t| matches!(t, Token::Field(f) if wanted.contains(f)))
        };
        let weekday = has(&[Field::WeekdayShort, Field::WeekdayLong]);
        let calendar = has(&[Field::Year, Field::Year2])
            && has(&[
                Field::Month,
                Field::Month2,
                Field::MonthOrdinal,
                Field::MonthShort,
                Field::MonthLong,
            ])
            && has(&[Field::Day, Field::Day2, Field::DayOrdinal]);
        let iso = has(&[Field::IsoYear]) && has(&[Field::IsoWeek]) && weekday;
        let locale = has(&[Field::LocaleYear]) && has(&[Field::LocaleWeek]) && weekday;
        calendar || iso || locale
    }

    /// Which week numbering the format's week tokens follow: ISO (`GGGG`, `WW`: Monday weeks)
    /// or the en locale (`gggg`, `ww`: Sunday weeks); `None` when it has no week token, or both.
    pub fn week_numbering(&self) -> Option<WeekStart> {
        let has = |wanted: [Field; 2]| {
            self.tokens
                .iter()
                .any(|t| matches!(t, Token::Field(f) if wanted.contains(f)))
        };
        match (
            has([Field::IsoYear, Field::IsoWeek]),
            has([Field::LocaleYear, Field::LocaleWeek]),
        ) {
            (true, false) => Some(WeekStart::Monday),
            (false, true) => Some(WeekStart::Sunday),
            _ => None,
        }
    }
}

/// Writes literal text so that moment reads it back as the same text.
fn push_moment_literal(out: &mut String, text: &str) {
    let mut in_brackets = false;
    for c in text.chars() {
        // Letters would be read as tokens and `/` as a folder separator.
        let needs_brackets = c.is_ascii_alphabetic() || c == '/';
        if needs_brackets != in_brackets {
            out.push(if needs_brackets { '[' } else { ']' });
            in_brackets = needs_brackets;
        }
        if matches!(c, '[' | ']' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    if in_brackets {
        out.push(']');
    }
}

/// Accumulates tokens, merging neighbouring literal characters into one literal.
#[derive(Default)]
struct TokenList(Vec<Token>);

impl TokenList {
    fn push_literal(&mut self, c: char) {
        if let Some(Token::Literal(text)) = self.0.last_mut() {
            text.push(c);
        } else {
            self.0.push(Token::Literal(c.to_string()));
        }
    }
}

fn tokenize(fmt: &str, dialect: Dialect) -> Result<Vec<Token>, FormatError> {
    if fmt.is_empty() {
        return Err(FormatError::Empty);
    }
    let unclosed = |open| FormatError::UnclosedLiteral {
        open,
        format: fmt.to_owned(),
    };
    let mut tokens = TokenList::default();
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        match (dialect, c) {
            (Dialect::Moment, '[') => loop {
                match chars.next() {
                    Some(']') => break,
                    Some(inner) => tokens.push_literal(inner),
                    None => return Err(unclosed('[')),
                }
            },
            (Dialect::Moment, '\\') => tokens.push_literal(chars.next().unwrap_or('\\')),
            (Dialect::Logseq, '\'') if chars.next_if_eq(&'\'').is_some() => {
                tokens.push_literal('\'');
            }
            // Java quoting: text up to the next lone `'`, where `''` stands for one quote.
            (Dialect::Logseq, '\'') => loop {
                match chars.next() {
                    Some('\'') if chars.next_if_eq(&'\'').is_some() => tokens.push_literal('\''),
                    Some('\'') => break,
                    Some(inner) => tokens.push_literal(inner),
                    None => return Err(unclosed('\'')),
                }
            },
            (_, '/') => tokens.0.push(Token::Slash),
            (_, letter) if letter.is_ascii_alphabetic() => {
                let mut name = letter.to_string();
                while let Some(same) = chars.next_if_eq(&letter) {
                    name.push(same);
                }
                let lookup = match dialect {
                    Dialect::Moment => Field::from_moment,
                    Dialect::Logseq => Field::from_logseq,
                };
                // `Do`, `Mo`, `Qo` (and Logseq's `do`) are tokens made of two different letters.
                if chars.peek() == Some(&'o') && lookup(&format!("{name}o")).is_some() {
                    chars.next();
                    name.push('o');
                }
                let field = lookup(&name).ok_or_else(|| FormatError::UnsupportedToken {
                    token: name,
                    format: fmt.to_owned(),
                })?;
                tokens.0.push(Token::Field(field));
            }
            // Non-ASCII letters (`年`, `日`) stay literal, as moment prints them unchanged.
            (_, other) => tokens.push_literal(other),
        }
    }
    Ok(tokens.0)
}

/// The components read so far by a strict parse.
#[derive(Default)]
struct Parsed {
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
    weekday: Option<Weekday>,
    iso_year: Option<i32>,
    iso_week: Option<u32>,
    locale_year: Option<i32>,
    locale_week: Option<u32>,
}

impl Parsed {
    /// Reads one field from the front of `input` and returns what follows it.
    fn scan<'a>(&mut self, field: Field, input: &'a str) -> Option<&'a str> {
        let (value, rest) = match field {
            Field::Year | Field::IsoYear | Field::LocaleYear => take_number(input, 4, 4)?,
            Field::Year2 | Field::Month2 | Field::Day2 | Field::IsoWeek | Field::LocaleWeek => {
                take_number(input, 2, 2)?
            }
            Field::Month | Field::Day => take_number(input, 1, 2)?,
            Field::Quarter => take_number(input, 1, 1)?,
            Field::DayOrdinal | Field::MonthOrdinal | Field::QuarterOrdinal => {
                let (number, rest) = take_number(input, 1, 2)?;
                // The suffix is checked against the number when the date is printed back.
                let (suffix, rest) = rest.split_at_checked(2)?;
                suffix
                    .bytes()
                    .all(|b| b.is_ascii_alphabetic())
                    .then_some((number, rest))?
            }
            Field::MonthShort | Field::MonthLong => {
                let (names, rest) = take_name(input, field)?;
                (names.month()?, rest)
            }
            Field::WeekdayShort | Field::WeekdayLong => {
                let (names, rest) = take_name(input, field)?;
                (names.weekday()?.num_days_from_monday(), rest)
            }
        };
        let year = || i32::try_from(value).ok();
        match field {
            Field::Year => self.year = year(),
            // moment's pivot: 00–68 are 2000s, 69–99 are 1900s.
            Field::Year2 => self.year = year().map(|y| if y < 69 { 2000 + y } else { 1900 + y }),
            Field::Month2
            | Field::Month
            | Field::MonthOrdinal
            | Field::MonthShort
            | Field::MonthLong => {
                self.month = Some(value);
            }
            // The quarter follows from the month; printing the date back checks they agree.
            Field::Quarter | Field::QuarterOrdinal => {}
            Field::Day2 | Field::Day | Field::DayOrdinal => self.day = Some(value),
            Field::WeekdayShort | Field::WeekdayLong => {
                self.weekday = u8::try_from(value)
                    .ok()
                    .and_then(|number| Weekday::try_from(number).ok());
            }
            Field::IsoYear => self.iso_year = year(),
            Field::IsoWeek => self.iso_week = Some(value),
            Field::LocaleYear => self.locale_year = year(),
            Field::LocaleWeek => self.locale_week = Some(value),
        }
        Some(rest)
    }

    /// The day the fields name, by calendar date, else by ISO week, else by locale week.
    fn date(&self) -> Option<NaiveDate> {
        if let (Some(y), Some(m), Some(d)) = (self.year, self.month, self.day) {
            return NaiveDate::from_ymd_opt(y, m, d);
        }
        let weekday = self.weekday?;
        if let (Some(y), Some(w)) = (self.iso_year, self.iso_week) {
            return NaiveDate::from_isoywd_opt(y, w, weekday);
        }
        let week = Week::from_number(self.locale_year?, self.locale_week?, WeekStart::Sunday)?;
        week.days().find(|d| d.weekday() == weekday)
    }
}

/// Reads `min..=max` ASCII digits; at most four, so the value cannot overflow.
pub(super) fn take_number(input: &str, min: usize, max: usize) -> Option<(u32, &str)> {
    let len = input
        .bytes()
        .take(max)
        .take_while(|b| b.is_ascii_digit())
        .count();
    if len < min {
        return None;
    }
    let (digits, rest) = input.split_at_checked(len)?;
    let value = digits
        .bytes()
        .fold(0, |acc, b| acc * 10 + u32::from(b - b'0'));
    Some((value, rest))
}

/// Reads the month or weekday name of `field` (any case) with chrono's scanner. Asked for a long
/// name, chrono also takes the short one; printing the date back rejects that, as moment does.
fn take_name(input: &str, field: Field) -> Option<(chrono::format::Parsed, &str)> {
    let mut names = chrono::format::Parsed::new();
    let item = Item::Fixed(field.chrono_name()?);
    let rest = chrono::format::parse_and_remainder(&mut names, input, iter::once(item)).ok()?;
    Some((names, rest))
}

#[cfg(test)]
// A fixture that does not parse is a broken test, so failing loudly is the point.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::dates::test_days::{d, sample_days};

    fn moment(fmt: &str) -> DateFormat {
        DateFormat::moment(fmt).unwrap()
    }

    #[test]
    fn format_prints_each_token() {
        let cases = [
            ("YYYY-MM-DD", "2026-11-16", "2026-11-16"),
            ("YYYY/MM/YYYY-MM-DD", "2026-11-16", "2026/11/2026-11-16"),
            ("DD.MM.YYYY", "2026-03-05", "05.03.2026"),
            (
                "dddd, MMMM Do YYYY",
                "2026-11-16",
                "Monday, November 16th 2026",
            ),
            ("YYYY-MM-DD ddd", "2026-11-22", "2026-11-22 Sun"),
            ("[Daily] YYYY-MM-DD", "2026-11-16", "Daily 2026-11-16"),
            ("gggg-[W]ww", "2026-01-01", "2026-W01"),
            ("gggg-[W]ww", "2025-12-27", "2025-W52"),
            ("GGGG-[W]WW", "2024-12-30", "2025-W01"),
            ("YY-M-D", "2026-03-05", "26-3-5"),
            ("YY-M-D", "1999-12-31", "99-12-31"),
            ("MMM D", "2026-05-09", "May 9"),
            ("YYYY年MM月DD日", "2026-11-16", "2026年11月16日"),
            ("[Week] WW", "2026-11-16", "Week 47"),
            ("YYYY-MM-DD", "0099-01-02", "0099-01-02"),
            ("YYYY-[Q]Q", "2026-11-16", "2026-Q4"),
            ("YYYY-[Q]Q", "2026-03-31", "2026-Q1"),
            ("Qo [quarter] YYYY", "2026-04-01", "2nd quarter 2026"),
            ("Mo [month]", "2026-11-16", "11th month"),
            ("Mo", "2026-03-01", "3rd"),
        ];
        for (fmt, date, expected) in cases {
            assert_eq!(moment(fmt).format(d(date)), expected, "{fmt}");
        }
    }

    #[test]
    fn ordinal_day_suffixes_follow_english() {
        let cases = [
            (1, "1st"),
            (2, "2nd"),
            (3, "3rd"),
            (4, "4th"),
            (11, "11th"),
            (12, "12th"),
            (13, "13th"),
            (21, "21st"),
            (22, "22nd"),
            (23, "23rd"),
            (31, "31st"),
        ];
        let fmt = moment("Do");
        for (day, expected) in cases {
            let date = NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
            assert_eq!(fmt.format(date), expected);
        }
    }

    #[test]
    fn full_date_formats_round_trip_every_day() {
        let formats = [
            "YYYY-MM-DD",
            "YYYY/MM/YYYY-MM-DD",
            "DD.MM.YYYY",
            "dddd, MMMM Do YYYY",
            "YYYY-MM-DD ddd",
            "[Daily] YYYY-MM-DD",
            "YY-M-D",
            "YYYYMMDD",
            "D MMM YYYY",
            "GGGG-[W]WW-dddd",
            "gggg-[W]ww-ddd",
            "YYYY年MM月DD日",
            "YYYY-[Q]Q-MM-DD",
            "Do [of the] Mo [month,] YYYY (Qo)",
        ];
        for fmt in formats {
            let format = moment(fmt);
            assert!(format.has_full_date(), "{fmt}");
            for day in sample_days() {
                let text = format.format(day);
                assert_eq!(format.parse(&text), Some(day), "{fmt} {text}");
            }
        }
    }

    #[test]
    fn week_formats_print_week_labels() {
        let cases = [
            ("GGGG-[W]WW", WeekStart::Monday),
            ("gggg-[W]ww", WeekStart::Sunday),
        ];
        for (fmt, start) in cases {
            let format = moment(fmt);
            assert!(!format.has_full_date(), "{fmt}");
            for day in sample_days() {
                let text = format.format(day);
                assert_eq!(text, Week::containing(day, start).label(), "{fmt} {day}");
                assert_eq!(format.parse(&text), None, "{fmt} names no day");
            }
        }
    }

    #[test]
    fn strict_parse_rejects_near_misses() {
        let cases = [
            ("YYYY-MM-DD", "2026-02-30"),
            ("YYYY-MM-DD", "2025-02-29"),
            ("YYYY-MM-DD", "2026-2-3"),
            ("YYYY-MM-DD", "2026-11-16 notes"),
            ("YYYY-MM-DD", "2026-11-16 "),
            ("YYYY-MM-DD", " 2026-11-16"),
            ("YYYY-MM-DD", "2026-13-01"),
            ("YYYY-MM-DD", "2026-00-10"),
            ("YYYY-MM-DD", "2026-11-00"),
            ("YYYY-MM-DD", ""),
            ("YYYY-MM-DD", "２０２６-11-16"),
            ("YYYY-MM-DD", "2026-11-16é"),
            ("YYYY-MM-DD", "é"),
            ("YYYY-MM-DD", "99999-01-01"),
            ("YYYY-MM-DD", "-2026-11-16"),
            ("YYYY-MM-DD", "2026_11_16"),
            ("YYYY/MM/YYYY-MM-DD", "2026/12/2026-11-16"),
            ("YYYY-MM-DD ddd", "2026-11-16 Tue"),
            ("YYYY-MM-DD ddd", "2026-11-16 Monday"),
            ("dddd, MMMM Do YYYY", "Monday, November 16st 2026"),
            ("dddd, MMMM Do YYYY", "Monday, Nov 16th 2026"),
            ("YYYY-MM-DD dddd", "2026-11-16 Mon"),
            ("YYYY-MM-DD dddd", "2026-11-16 Mond"),
            ("MMM D, YYYY", "November 16, 2026"),
            ("D MMM YYYY", "16  Nov 2026"),
            ("D MMMM YYYY", "16 Sept 2026"),
            ("D MMM YYYY", "16 Novem 2026"),
            ("[Daily] YYYY-MM-DD", "daily 2026-11-16"),
            ("[Daily] YYYY-MM-DD", "2026-11-16"),
            ("GGGG-[W]WW-ddd", "2025-W53-Mon"),
            ("YY-M-D", "26-03-05"),
            ("YY-M-D", "2026-3-5"),
            ("YYYY-[Q]Q-MM-DD", "2026-Q3-11-16"),
            ("Do Mo YYYY", "16th 11st 2026"),
        ];
        for (fmt, input) in cases {
            assert_eq!(moment(fmt).parse(input), None, "{fmt} {input:?}");
        }
    }

    #[test]
    fn strict_parse_accepts_what_moment_accepts() {
        let cases = [
            ("YYYY-MM-DD", "2024-02-29", "2024-02-29"),
            ("MMM D, YYYY", "nov 16, 2026", "2026-11-16"),
            ("YY-M-D", "68-1-1", "2068-01-01"),
            ("YY-M-D", "69-1-1", "1969-01-01"),
            ("YYYYMD", "2026111", "2026-11-01"),
            ("GGGG-[W]WW-ddd", "2020-W53-Sun", "2021-01-03"),
            (
                "dddd, MMMM Do YYYY",
                "MONDAY, november 16TH 2026",
                "2026-11-16",
            ),
            ("D MMMM YYYY", "9 May 2026", "2026-05-09"),
            ("D MMM YYYY", "9 may 2026", "2026-05-09"),
            ("D MMMM YYYY", "30 September 2026", "2026-09-30"),
            ("dddd[th] YYYY-MM-DD", "Mondayth 2026-11-16", "2026-11-16"),
            ("ddd[day] YYYY-MM-DD", "Monday 2026-11-16", "2026-11-16"),
            ("gggg-[W]ww-ddd", "2026-W01-Sun", "2025-12-28"),
        ];
        for (fmt, input, expected) in cases {
            assert_eq!(moment(fmt).parse(input), Some(d(expected)), "{fmt} {input}");
        }
    }

    #[test]
    fn parse_survives_any_input() {
        let formats = ["YYYY-MM-DD", "Do MMMM YYYY", "gggg-ww-dddd", "[x]"];
        let inputs = [
            "",
            "\u{0}",
            "9999-99-99",
            "0000-00-00",
            "0000-01-01",
            "日本語",
            "31st",
        ];
        for fmt in formats {
            for input in inputs {
                let _ = moment(fmt).parse(input);
            }
        }
        assert_eq!(
            moment("YYYY-MM-DD").parse("0000-01-01"),
            Some(d("0000-01-01"))
        );
        for date in [NaiveDate::MIN, NaiveDate::MAX] {
            for fmt in ["YYYY YY Do dddd GGGG-WW gggg-ww", "MMMM ddd"] {
                let _ = moment(fmt).format(date);
            }
            for start in [WeekStart::Monday, WeekStart::Sunday] {
                let week = Week::containing(date, start);
                let _ = (week.prev(), week.next(), week.last_day(), week.label());
            }
        }
    }

    #[test]
    fn bad_formats_name_the_token_and_format() {
        let cases = [
            (
                "YYYY-MM-DD hh",
                "unsupported token `hh` in date format `YYYY-MM-DD hh`",
            ),
            ("YYYY-QQ", "unsupported token `QQ` in date format `YYYY-QQ`"),
            ("X", "unsupported token `X` in date format `X`"),
            (
                "YYY-MM-DD",
                "unsupported token `YYY` in date format `YYY-MM-DD`",
            ),
            ("DDDD", "unsupported token `DDDD` in date format `DDDD`"),
            (
                "YYYY-MM-DDTHH",
                "unsupported token `T` in date format `YYYY-MM-DDTHH`",
            ),
            ("[Week WW", "unclosed `[` in date format `[Week WW`"),
            ("", "empty date format"),
        ];
        for (fmt, message) in cases {
            let err = DateFormat::moment(fmt).unwrap_err();
            assert_eq!(err.to_string(), message);
        }
    }

    #[test]
    fn logseq_formats_translate_to_moment() {
        let cases = [
            ("yyyy_MM_dd", "YYYY_MM_DD", "2026_11_16"),
            ("yyyy-MM-dd", "YYYY-MM-DD", "2026-11-16"),
            ("MMM do, yyyy", "MMM Do, YYYY", "Nov 16th, 2026"),
            ("MMMM d, yyyy", "MMMM D, YYYY", "November 16, 2026"),
            ("EEE, dd.MM.yyyy", "ddd, DD.MM.YYYY", "Mon, 16.11.2026"),
            ("EEEE yy-M-d", "dddd YY-M-D", "Monday 26-11-16"),
            (
                "'Journal' yyyy-MM-dd",
                "[Journal] YYYY-MM-DD",
                "Journal 2026-11-16",
            ),
            (
                "yyyy 'o''clock' dd.MM",
                "YYYY [o]'[clock] DD.MM",
                "2026 o'clock 16.11",
            ),
        ];
        for (fmt, as_moment, text) in cases {
            let format = DateFormat::logseq(fmt).unwrap();
            assert_eq!(format.as_moment(), as_moment, "{fmt}");
            assert_eq!(format.parse(text), Some(d("2026-11-16")), "{fmt}");
            assert_eq!(format.format(d("2026-11-16")), text, "{fmt}");
            assert_eq!(moment(as_moment), format, "{fmt}");
        }
    }

    #[test]
    fn logseq_rejects_unknown_letters() {
        let cases = [
            (
                "yyyy-MM-dd HH",
                "unsupported token `HH` in date format `yyyy-MM-dd HH`",
            ),
            (
                "YYYY-MM-dd",
                "unsupported token `YYYY` in date format `YYYY-MM-dd`",
            ),
            ("'open yyyy", "unclosed `'` in date format `'open yyyy`"),
        ];
        for (fmt, message) in cases {
            assert_eq!(DateFormat::logseq(fmt).unwrap_err().to_string(), message);
        }
    }

    #[test]
    fn as_moment_round_trips() {
        let cases = [
            ("YYYY-MM-DD", "YYYY-MM-DD"),
            ("[Daily] YYYY-MM-DD", "[Daily] YYYY-MM-DD"),
            ("GGGG-[W]WW", "GGGG-[W]WW"),
            ("dddd, MMMM Do YYYY", "dddd, MMMM Do YYYY"),
            ("YYYY/MM/YYYY-MM-DD", "YYYY/MM/YYYY-MM-DD"),
            ("[Week ]WW", "[Week] WW"),
            ("[a/b] YYYY", "[a/b] YYYY"),
            ("\\T YYYY \\[", "[T] YYYY \\["),
        ];
        for (fmt, expected) in cases {
            let format = moment(fmt);
            assert_eq!(format.as_moment(), expected, "{fmt}");
            assert_eq!(moment(expected), format, "{fmt}");
        }
        assert_eq!(DateFormat::default(), moment("YYYY-MM-DD"));
    }

    #[test]
    fn last_segment_is_the_file_name_part() {
        let cases = [
            ("YYYY/MM/YYYY-MM-DD", "YYYY-MM-DD"),
            ("YYYY-MM-DD", "YYYY-MM-DD"),
            ("YYYY/[W]WW/dddd", "dddd"),
            ("[a/b] YYYY-MM-DD", "[a/b] YYYY-MM-DD"),
            ("[Daily]/YYYY/YYYY-MM-DD ddd", "YYYY-MM-DD ddd"),
        ];
        for (fmt, expected) in cases {
            assert_eq!(moment(fmt).last_segment(), moment(expected), "{fmt}");
        }
        let basename = moment("YYYY/MM/YYYY-MM-DD").last_segment();
        assert_eq!(basename.parse("2026-11-16"), Some(d("2026-11-16")));
        assert!(!moment("YYYY/").last_segment().has_full_date());
    }

    #[test]
    fn has_full_date_needs_year_month_and_day() {
        let cases = [
            ("YYYY-MM-DD", true),
            ("YY-M-D", true),
            ("Do MMMM YYYY", true),
            ("YYYY/MM/YYYY-MM-DD", true),
            ("GGGG-[W]WW-ddd", true),
            ("gggg-[W]ww-dddd", true),
            ("YYYY-MM", false),
            ("MM-DD", false),
            ("GGGG-[W]WW", false),
            ("GGGG-[W]ww-ddd", false),
            ("YYYY-DD ddd", false),
            ("[Inbox]", false),
        ];
        for (fmt, expected) in cases {
            assert_eq!(moment(fmt).has_full_date(), expected, "{fmt}");
        }
    }
}
