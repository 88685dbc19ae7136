//! Obsidian (moment.js) and Logseq date formats, strict date parsing, ISO and Sunday-start weeks.

use std::fmt::{self, Write as _};

use chrono::{Datelike, Days, NaiveDate, Weekday};

const MONTHS_LONG: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_SHORT: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const WEEKDAYS_LONG: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const WEEKDAYS_SHORT: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

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
}

impl Field {
    const ALL: [Field; 15] = [
        Field::Year,
        Field::Year2,
        Field::Month2,
        Field::Month,
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
    ];

    fn moment_name(self) -> &'static str {
        match self {
            Field::Year => "YYYY",
            Field::Year2 => "YY",
            Field::Month2 => "MM",
            Field::Month => "M",
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

    fn render(self, date: NaiveDate, out: &mut String) {
        // Writing to a String cannot fail.
        let _ = match self {
            Field::Year => write_year(out, date.year()),
            Field::Year2 => write!(out, "{:02}", date.year().rem_euclid(100)),
            Field::Month2 => write!(out, "{:02}", date.month()),
            Field::Month => write!(out, "{}", date.month()),
            Field::MonthShort => out.write_str(name_at(&MONTHS_SHORT, date.month0())),
            Field::MonthLong => out.write_str(name_at(&MONTHS_LONG, date.month0())),
            Field::Day2 => write!(out, "{:02}", date.day()),
            Field::Day => write!(out, "{}", date.day()),
            Field::DayOrdinal => write!(out, "{}{}", date.day(), ordinal_suffix(date.day())),
            Field::WeekdayShort => out.write_str(weekday_name(&WEEKDAYS_SHORT, date.weekday())),
            Field::WeekdayLong => out.write_str(weekday_name(&WEEKDAYS_LONG, date.weekday())),
            Field::IsoYear => write_year(out, date.iso_week().year()),
            Field::IsoWeek => write!(out, "{:02}", date.iso_week().week()),
            Field::LocaleYear => write_year(out, Week::containing(date, WeekStart::Sunday).year),
            Field::LocaleWeek => {
                write!(
                    out,
                    "{:02}",
                    Week::containing(date, WeekStart::Sunday).number
                )
            }
        };
    }
}

/// moment's `YYYY`: at least four digits, the sign in front of the padding.
fn write_year(out: &mut String, year: i32) -> fmt::Result {
    if year < 0 {
        write!(out, "-{:04}", year.unsigned_abs())
    } else {
        write!(out, "{year:04}")
    }
}

fn name_at(names: &[&'static str], index0: u32) -> &'static str {
    usize::try_from(index0)
        .ok()
        .and_then(|i| names.get(i))
        .copied()
        .unwrap_or_default()
}

fn weekday_name(names: &[&'static str; 7], weekday: Weekday) -> &'static str {
    name_at(names, weekday.num_days_from_monday())
}

/// The English month name of `date` ("November"), as moment's `MMMM` writes it.
pub fn month_long(date: NaiveDate) -> &'static str {
    name_at(&MONTHS_LONG, date.month0())
}

/// The short English month name of `date` ("Nov"), as moment's `MMM` writes it.
pub fn month_short(date: NaiveDate) -> &'static str {
    name_at(&MONTHS_SHORT, date.month0())
}

/// The short English weekday name ("Mon"), as moment's `ddd` writes it.
pub fn weekday_short(weekday: Weekday) -> &'static str {
    weekday_name(&WEEKDAYS_SHORT, weekday)
}

/// The English weekday name of `date` ("Monday"), as moment's `dddd` writes it.
pub fn weekday_long(date: NaiveDate) -> &'static str {
    weekday_name(&WEEKDAYS_LONG, date.weekday())
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
        let mut input = s.as_bytes();
        let mut parsed = Parsed::default();
        let mut spans: Vec<(Field, &[u8])> = Vec::with_capacity(self.tokens.len());
        for token in &self.tokens {
            input = match token {
                Token::Slash => input.strip_prefix(b"/")?,
                Token::Literal(text) => input.strip_prefix(text.as_bytes())?,
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
                rendered.as_bytes().eq_ignore_ascii_case(span)
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
                // `Do`/`do` is the one token made of two different letters.
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
    fn scan<'a>(&mut self, field: Field, input: &'a [u8]) -> Option<&'a [u8]> {
        let (value, rest) = match field {
            Field::Year | Field::IsoYear | Field::LocaleYear => take_number(input, 4, 4)?,
            Field::Year2 | Field::Month2 | Field::Day2 | Field::IsoWeek | Field::LocaleWeek => {
                take_number(input, 2, 2)?
            }
            Field::Month | Field::Day => take_number(input, 1, 2)?,
            Field::DayOrdinal => {
                let (day, rest) = take_number(input, 1, 2)?;
                // The suffix is checked against the day when the date is printed back.
                let (suffix, rest) = rest.split_at_checked(2)?;
                suffix
                    .iter()
                    .all(u8::is_ascii_alphabetic)
                    .then_some((day, rest))?
            }
            Field::MonthShort => take_name(input, &MONTHS_SHORT)?,
            Field::MonthLong => take_name(input, &MONTHS_LONG)?,
            Field::WeekdayShort => take_name(input, &WEEKDAYS_SHORT)?,
            Field::WeekdayLong => take_name(input, &WEEKDAYS_LONG)?,
        };
        let year = || i32::try_from(value).ok();
        match field {
            Field::Year => self.year = year(),
            // moment's pivot: 00–68 are 2000s, 69–99 are 1900s.
            Field::Year2 => self.year = year().map(|y| if y < 69 { 2000 + y } else { 1900 + y }),
            Field::Month2 | Field::Month => self.month = Some(value),
            Field::Day2 | Field::Day | Field::DayOrdinal => self.day = Some(value),
            Field::MonthShort | Field::MonthLong => self.month = Some(value + 1),
            Field::WeekdayShort | Field::WeekdayLong => {
                self.weekday = usize::try_from(value)
                    .ok()
                    .and_then(|i| WEEKDAYS.get(i))
                    .copied();
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
fn take_number(input: &[u8], min: usize, max: usize) -> Option<(u32, &[u8])> {
    let len = input
        .iter()
        .take(max)
        .take_while(|b| b.is_ascii_digit())
        .count();
    if len < min {
        return None;
    }
    let (digits, rest) = input.split_at_checked(len)?;
    let value = digits
        .iter()
        .fold(0, |acc, b| acc * 10 + u32::from(b - b'0'));
    Some((value, rest))
}

/// Reads one of `names` (ASCII case-insensitively) and returns its index.
fn take_name<'a>(input: &'a [u8], names: &[&str]) -> Option<(u32, &'a [u8])> {
    names.iter().zip(0..).find_map(|(name, index)| {
        let (head, rest) = input.split_at_checked(name.len())?;
        head.eq_ignore_ascii_case(name.as_bytes())
            .then_some((index, rest))
    })
}

/// Adds days, stopping at chrono's date range instead of overflowing.
fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    let step = Days::new(days.unsigned_abs());
    let moved = if days >= 0 {
        date.checked_add_days(step)
    } else {
        date.checked_sub_days(step)
    };
    moved.unwrap_or(if days >= 0 {
        NaiveDate::MAX
    } else {
        NaiveDate::MIN
    })
}

/// The day a week begins on, as set by `review.week_start`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WeekStart {
    /// ISO 8601 weeks (`GGGG-[W]WW`).
    #[default]
    Monday,
    /// moment's en-locale weeks (`gggg-[W]ww`): week 1 holds 1 January.
    Sunday,
}

/// A week of seven days, numbered within its week-year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Week {
    // Field order gives the derived chronological ordering.
    year: i32,
    number: u32,
    start: WeekStart,
    first: NaiveDate,
}

impl Week {
    /// The week that `date` falls in.
    pub fn containing(date: NaiveDate, start: WeekStart) -> Week {
        match start {
            WeekStart::Monday => {
                let iso = date.iso_week();
                Week {
                    year: iso.year(),
                    number: iso.week(),
                    start,
                    first: add_days(date, -i64::from(date.weekday().num_days_from_monday())),
                }
            }
            WeekStart::Sunday => {
                let first = add_days(date, -i64::from(date.weekday().num_days_from_sunday()));
                // Week 1 is the week holding 1 January, so every week belongs to the
                // year of its Saturday and is numbered by that Saturday's place in it.
                let saturday = add_days(first, 6);
                Week {
                    year: saturday.year(),
                    number: saturday.ordinal0() / 7 + 1,
                    start,
                    first,
                }
            }
        }
    }

    /// Week `number` of `year`, if that year has such a week.
    fn from_number(year: i32, number: u32, start: WeekStart) -> Option<Week> {
        if number == 0 || number > weeks_in_year(year, start)? {
            return None;
        }
        let first = match start {
            WeekStart::Monday => NaiveDate::from_isoywd_opt(year, number, Weekday::Mon)?,
            WeekStart::Sunday => {
                let jan1 = NaiveDate::from_ymd_opt(year, 1, 1)?;
                let week1 =
                    jan1.checked_sub_days(Days::new(jan1.weekday().num_days_from_sunday().into()))?;
                week1.checked_add_days(Days::new(u64::from(number - 1) * 7))?
            }
        };
        Some(Week {
            year,
            number,
            start,
            first,
        })
    }

    /// The week-year, which differs from the calendar year around New Year.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The week number within its week-year, from 1.
    pub fn number(&self) -> u32 {
        self.number
    }

    /// The day the week is counted from.
    pub fn start(&self) -> WeekStart {
        self.start
    }

    /// The first of the seven days (a Monday or a Sunday).
    pub fn first_day(&self) -> NaiveDate {
        self.first
    }

    /// The last of the seven days.
    pub fn last_day(&self) -> NaiveDate {
        add_days(self.first, 6)
    }

    /// The seven days in order.
    pub fn days(&self) -> impl Iterator<Item = NaiveDate> {
        let first = self.first;
        (0..7).map(move |i| add_days(first, i))
    }

    /// The label used in file names and on the command line, e.g. `2026-W48`.
    pub fn label(&self) -> String {
        let mut out = String::with_capacity(8);
        let _ = write_year(&mut out, self.year);
        let _ = write!(out, "-W{:02}", self.number);
        out
    }

    /// Reads a label such as `2026-W48` (or `2026-w48`); `None` for weeks the year lacks.
    pub fn parse_label(s: &str, start: WeekStart) -> Option<Week> {
        let (year, rest) = take_number(s.as_bytes(), 4, 4)?;
        let rest = rest
            .strip_prefix(b"-W")
            .or_else(|| rest.strip_prefix(b"-w"))?;
        let (number, rest) = take_number(rest, 1, 2)?;
        if !rest.is_empty() {
            return None;
        }
        Week::from_number(i32::try_from(year).ok()?, number, start)
    }

    /// The week before this one.
    pub fn prev(&self) -> Week {
        Week::containing(add_days(self.first, -7), self.start)
    }

    /// The week after this one.
    pub fn next(&self) -> Week {
        Week::containing(add_days(self.first, 7), self.start)
    }
}

impl fmt::Display for Week {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

/// How many weeks `year` has: 52 or 53.
fn weeks_in_year(year: i32, start: WeekStart) -> Option<u32> {
    match start {
        // 28 December is always in the last ISO week of its year.
        WeekStart::Monday => Some(NaiveDate::from_ymd_opt(year, 12, 28)?.iso_week().week()),
        // The last week of the year is the one holding its last Saturday.
        WeekStart::Sunday => {
            let dec31 = NaiveDate::from_ymd_opt(year, 12, 31)?;
            let back = (dec31.weekday().num_days_from_sunday() + 1) % 7;
            let last_saturday = dec31.checked_sub_days(Days::new(back.into()))?;
            Some(last_saturday.ordinal0() / 7 + 1)
        }
    }
}

/// Reads a weekday for `rest_days`: `mon`…`sun` or `monday`…`sunday`, any case.
pub fn parse_weekday(s: &str) -> Option<Weekday> {
    WEEKDAYS_SHORT
        .iter()
        .chain(WEEKDAYS_LONG.iter())
        .zip(WEEKDAYS.iter().chain(WEEKDAYS.iter()))
        .find(|(name, _)| name.eq_ignore_ascii_case(s))
        .map(|(_, weekday)| *weekday)
}

/// The lowercase three-letter key of a weekday, as used in config and JSON (`mon`…`sun`).
pub fn weekday_key(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    }
}

#[cfg(test)]
// A fixture that does not parse is a broken test, so failing loudly is the point.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn moment(fmt: &str) -> DateFormat {
        DateFormat::moment(fmt).unwrap()
    }

    /// Every day from late 2019 to early 2029: covers leap years and both 53-week kinds.
    fn sample_days() -> impl Iterator<Item = NaiveDate> {
        d("2019-12-15")
            .iter_days()
            .take_while(|day| *day < d("2029-01-15"))
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
            ("D MMM YYYY", "16 Novem 2026"),
            ("[Daily] YYYY-MM-DD", "daily 2026-11-16"),
            ("[Daily] YYYY-MM-DD", "2026-11-16"),
            ("GGGG-[W]WW-ddd", "2025-W53-Mon"),
            ("YY-M-D", "26-03-05"),
            ("YY-M-D", "2026-3-5"),
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
            ("YYYY-Q", "unsupported token `Q` in date format `YYYY-Q`"),
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

    #[test]
    fn iso_weeks_cross_new_year() {
        let cases = [
            ("2020-12-31", 2020, 53, "2020-12-28"),
            ("2021-01-03", 2020, 53, "2020-12-28"),
            ("2021-01-04", 2021, 1, "2021-01-04"),
            ("2026-12-31", 2026, 53, "2026-12-28"),
            ("2027-01-03", 2026, 53, "2026-12-28"),
            ("2027-01-04", 2027, 1, "2027-01-04"),
            ("2024-12-30", 2025, 1, "2024-12-30"),
            ("2026-11-16", 2026, 47, "2026-11-16"),
            ("2026-11-29", 2026, 48, "2026-11-23"),
            ("2023-01-01", 2022, 52, "2022-12-26"),
        ];
        for (date, year, number, first) in cases {
            let week = Week::containing(d(date), WeekStart::Monday);
            assert_eq!((week.year(), week.number()), (year, number), "{date}");
            assert_eq!(week.first_day(), d(first), "{date}");
            assert_eq!(week.start(), WeekStart::Monday);
        }
    }

    #[test]
    fn sunday_weeks_follow_moment_en_locale() {
        let cases = [
            ("2026-01-01", 2026, 1, "2025-12-28"),
            ("2025-12-28", 2026, 1, "2025-12-28"),
            ("2025-12-27", 2025, 52, "2025-12-21"),
            ("2024-12-29", 2025, 1, "2024-12-29"),
            ("2024-12-28", 2024, 52, "2024-12-22"),
            ("2022-01-01", 2022, 1, "2021-12-26"),
            ("2022-01-02", 2022, 2, "2022-01-02"),
            ("2021-12-31", 2022, 1, "2021-12-26"),
            ("2022-12-31", 2022, 53, "2022-12-25"),
            ("2023-01-01", 2023, 1, "2023-01-01"),
            ("2017-01-01", 2017, 1, "2017-01-01"),
            ("2026-11-16", 2026, 47, "2026-11-15"),
        ];
        for (date, year, number, first) in cases {
            let week = Week::containing(d(date), WeekStart::Sunday);
            assert_eq!((week.year(), week.number()), (year, number), "{date}");
            assert_eq!(week.first_day(), d(first), "{date}");
        }
    }

    #[test]
    fn weeks_hold_seven_days_and_parse_back() {
        for start in [WeekStart::Monday, WeekStart::Sunday] {
            let first_weekday = match start {
                WeekStart::Monday => Weekday::Mon,
                WeekStart::Sunday => Weekday::Sun,
            };
            for day in sample_days() {
                let week = Week::containing(day, start);
                let days: Vec<_> = week.days().collect();
                assert_eq!(days.len(), 7);
                assert!(days.contains(&day));
                assert_eq!(days.first(), Some(&week.first_day()));
                assert_eq!(days.last(), Some(&week.last_day()));
                assert_eq!(week.first_day().weekday(), first_weekday);
                assert_eq!(Week::parse_label(&week.label(), start), Some(week));
                assert_eq!(week.next().prev(), week);
                assert!(week.prev() < week && week < week.next());
            }
        }
    }

    #[test]
    fn parse_label_checks_the_week_exists() {
        let cases = [
            ("2026-W48", WeekStart::Monday, Some("2026-11-23")),
            ("2026-w48", WeekStart::Monday, Some("2026-11-23")),
            ("2026-W8", WeekStart::Monday, Some("2026-02-16")),
            ("2026-W53", WeekStart::Monday, Some("2026-12-28")),
            ("2020-W53", WeekStart::Monday, Some("2020-12-28")),
            ("2025-W53", WeekStart::Monday, None),
            ("2026-W00", WeekStart::Monday, None),
            ("2026-W54", WeekStart::Monday, None),
            ("2026W48", WeekStart::Monday, None),
            ("2026-W48 ", WeekStart::Monday, None),
            ("2026-W480", WeekStart::Monday, None),
            ("", WeekStart::Monday, None),
            ("2022-W53", WeekStart::Sunday, Some("2022-12-25")),
            ("2023-W53", WeekStart::Sunday, None),
            ("2026-W53", WeekStart::Sunday, None),
            ("2026-W01", WeekStart::Sunday, Some("2025-12-28")),
        ];
        for (label, start, first) in cases {
            let week = Week::parse_label(label, start);
            assert_eq!(week.map(|w| w.first_day()), first.map(d), "{label}");
        }
    }

    #[test]
    fn weeks_step_and_order_across_years() {
        let w53 = Week::parse_label("2020-W53", WeekStart::Monday).unwrap();
        let w01 = Week::parse_label("2021-W01", WeekStart::Monday).unwrap();
        assert_eq!(w53.next(), w01);
        assert_eq!(w01.prev(), w53);
        assert!(w53 < w01);
        assert_eq!(w53.to_string(), "2020-W53");
        let sunday = Week::parse_label("2022-W53", WeekStart::Sunday).unwrap();
        assert_eq!(sunday.next().label(), "2023-W01");
    }

    #[test]
    fn weekdays_parse_short_and_long_names() {
        let cases = [
            ("mon", Some(Weekday::Mon)),
            ("Tuesday", Some(Weekday::Tue)),
            ("WED", Some(Weekday::Wed)),
            ("sunday", Some(Weekday::Sun)),
            ("sat", Some(Weekday::Sat)),
            ("tues", None),
            ("", None),
            ("sunday ", None),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_weekday(input), expected, "{input}");
        }
        for weekday in WEEKDAYS {
            assert_eq!(parse_weekday(weekday_key(weekday)), Some(weekday));
        }
    }

    #[test]
    fn week_start_reads_from_config() {
        #[derive(serde::Deserialize)]
        struct Review {
            week_start: WeekStart,
        }
        let review: Review = toml::from_str("week_start = \"sunday\"").unwrap();
        assert_eq!(review.week_start, WeekStart::Sunday);
        assert_eq!(WeekStart::default(), WeekStart::Monday);
    }
}
