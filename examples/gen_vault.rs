//! Deterministic generator of realistic Obsidian daily notes, for benchmarks and scale tests.
//!
//! ```text
//! cargo run --release --example gen_vault -- --notes N --out DIR [--seed S] [--start YYYY-MM-DD]
//! ```
//!
//! Writes N daily notes, one per day going back from `--start` (default 2026-11-25), into
//! `DIR/Daily/YYYY/MM/YYYY-MM-DD.md`, plus `DIR/.obsidian/daily-notes.json`. Same arguments, same
//! bytes. Each note is 1–4 KB and holds 0–5 wins mixing the three forms of SPEC §2 (tags, Wins
//! section items, Dataview `win::` fields), next to traps that must not count (`#win` in code,
//! `#winter`, `#win` in a link target). The last line printed is
//! `notes: N, bytes: B, wins: W` where W is the number of real wins written, so tests can compare it
//! with `smallwins list`. Uses only std.

use std::error::Error;
use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use smallwins::dates::{month_long, weekday_long};

const USAGE: &str = "\
usage: gen_vault --notes N --out DIR [--seed S] [--start YYYY-MM-DD]

  --notes N             number of daily notes to write (one per day, going back from --start)
  --out DIR             vault folder to write into (created if missing)
  --seed S              PRNG seed, default 42; same arguments give the same bytes
  --start YYYY-MM-DD    date of the newest note, default 2026-11-25";

/// Largest note we allow ourselves to write; SPEC §7 asks for 1–4 KB notes.
const MAX_NOTE: usize = 4000;

fn main() -> ExitCode {
    let args = match Args::parse(std::env::args().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(msg) => {
            eprintln!("error: {msg}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(2)
        }
    }
}

/// Validated command-line arguments.
struct Args {
    notes: u64,
    out: PathBuf,
    seed: u64,
    start: NaiveDate,
}

impl Args {
    /// Parses the arguments; `Ok(None)` means `--help` was asked for.
    fn parse(mut it: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
        let default_start = NaiveDate::from_ymd_opt(2026, 11, 25).ok_or("no default start")?;
        let (mut notes, mut out, mut seed, mut start) = (None, None, 42, default_start);
        while let Some(flag) = it.next() {
            if flag == "-h" || flag == "--help" {
                return Ok(None);
            }
            let (name, inline) = match flag.split_once('=') {
                Some((n, v)) => (n.to_string(), Some(v.to_string())),
                None => (flag.clone(), None),
            };
            let value = match inline.or_else(|| it.next()) {
                Some(v) => v,
                None if name.starts_with("--") => return Err(format!("{name} needs a value")),
                None => return Err(format!("unexpected argument `{name}`")),
            };
            match name.as_str() {
                "--notes" => notes = Some(parse_num(&name, &value)?),
                "--out" => out = Some(PathBuf::from(value)),
                "--seed" => seed = parse_num(&name, &value)?,
                "--start" => {
                    start = parse_date(&value)
                        .ok_or(format!("--start: `{value}` is not a YYYY-MM-DD date"))?
                }
                _ => return Err(format!("unexpected argument `{name}`")),
            }
        }
        let notes = notes.ok_or("--notes is required")?;
        let out = out.ok_or("--out is required")?;
        Ok(Some(Args {
            notes,
            out,
            seed,
            start,
        }))
    }
}

fn parse_num(name: &str, value: &str) -> Result<u64, String> {
    value
        .parse()
        .map_err(|_| format!("{name}: `{value}` is not a non-negative integer"))
}

/// Parses a strict `YYYY-MM-DD` (chrono alone would also take `2026-1-5`).
fn parse_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// splitmix64: tiny, fast and good enough to vary prose.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// True with probability `percent`/100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

fn run(args: &Args) -> Result<String, Box<dyn Error>> {
    let obsidian = args.out.join(".obsidian");
    fs::create_dir_all(&obsidian).map_err(|e| with_path(&obsidian, e))?;
    let settings = obsidian.join("daily-notes.json");
    fs::write(
        &settings,
        r#"{"folder":"Daily","format":"YYYY/MM/YYYY-MM-DD"}"#,
    )
    .map_err(|e| with_path(&settings, e))?;

    let mut rng = Rng(args.seed);
    let mut note = String::with_capacity(MAX_NOTE + 512);
    let (mut bytes, mut wins) = (0u64, 0u64);
    let mut month_dir: Option<(i32, u32, PathBuf)> = None;
    let days = (0..args.notes).map_while(|i| args.start.checked_sub_days(Days::new(i)));
    for day in days {
        let (y, m, d) = (day.year(), day.month(), day.day());
        let dir = match &month_dir {
            Some((my, mm, dir)) if *my == y && *mm == m => dir.clone(),
            _ => {
                let dir = args
                    .out
                    .join("Daily")
                    .join(format!("{y:04}"))
                    .join(format!("{m:02}"));
                fs::create_dir_all(&dir).map_err(|e| with_path(&dir, e))?;
                month_dir = Some((y, m, dir.clone()));
                dir
            }
        };
        note.clear();
        wins += write_note(&mut note, &mut rng, day)?;
        let path = dir.join(format!("{y:04}-{m:02}-{d:02}.md"));
        let mut file = fs::File::create(&path).map_err(|e| with_path(&path, e))?;
        file.write_all(note.as_bytes())
            .map_err(|e| with_path(&path, e))?;
        bytes += note.len() as u64;
    }
    Ok(format!(
        "notes: {}, bytes: {bytes}, wins: {wins}",
        args.notes
    ))
}

fn with_path(path: &Path, err: std::io::Error) -> Box<dyn Error> {
    format!("{}: {err}", path.display()).into()
}

const WIN_VERBS: &[&str] = &[
    "Finished",
    "Shipped",
    "Fixed",
    "Cleaned up",
    "Wrote",
    "Reviewed",
    "Sketched",
    "Started",
    "Paired on",
    "Refactored",
    "Documented",
    "Tested",
    "Planned",
    "Deleted",
    "Simplified",
    "Answered",
];
const WIN_OBJECTS: &[&str] = &[
    "the flaky login test",
    "the release notes",
    "the migration script",
    "the retry logic",
    "a small PR for the parser",
    "the onboarding doc",
    "the CI cache",
    "the weekly report",
    "the search endpoint",
    "a bug Ana found",
    "the config loader",
    "two old tickets",
    "the benchmark harness",
    "the error messages",
    "the date picker",
    "the backup job",
];
const LIFE_WINS: &[&str] = &[
    "Ran 5 km before work",
    "Did 20 minutes of Spanish on the train",
    "Cooked a proper dinner",
    "Called mum",
    "Went to bed before eleven",
    "Read 30 pages",
    "Walked to the office",
    "Stretched for ten minutes",
    "Finished a subjunctive chapter",
    "Drank water all day",
    "Said no to a meeting I didn't need",
    "Tidied the desk",
    "Ran intervals in the park",
    "Had a whole conversation in Spanish",
    "Fixed the bike's brakes",
    "Took a real lunch break",
];
const PROJECTS: &[&str] = &[
    "[[Project Atlas]]",
    "[[Project Atlas|Atlas]]",
    "[[Billing revamp]]",
    "[[Team wiki]]",
];
const OTHER_TAGS: &[&str] = &[
    "#work", "#rust", "#running", "#spanish", "#family", "#reading", "#health", "#home",
];
const WIN_TAGS: &[&str] = &["#win", "#win", "#win", "#win/work", "#win/health"];
const LINKS: &[&str] = &[
    "[[Project Atlas]]",
    "[[Spanish]]",
    "[[Running log]]",
    "[[Reading list]]",
    "[[1:1 with Sam]]",
    "[[Recipes#Lentil soup]]",
    "[[Project Atlas|Atlas]]",
    "[[Garden]]",
];
const URLS: &[(&str, &str)] = &[
    ("the Rust book", "https://doc.rust-lang.org/book/"),
    ("docs", "https://doc.rust-lang.org/std/#win"),
    ("this talk", "https://example.com/talks/boring-tech"),
    ("the route", "https://example.com/runs/river-loop#winter"),
    (
        "SpanishDict",
        "https://www.spanishdict.com/guide/subjunctive",
    ),
];
const SUBJECTS: &[&str] = &[
    "The standup",
    "Work",
    "The morning",
    "Lunch",
    "The afternoon",
    "The evening",
    "Spanish class",
    "The run",
];
const MIDDLES: &[&str] = &[
    "went slower than planned because of",
    "was mostly about",
    "felt easier once I remembered",
    "turned into a long conversation about",
    "got interrupted by",
    "ended with a note on",
    "was fine, then I spent an hour on",
    "kept circling back to",
];
const TOPICS: &[&str] = &[
    "the deploy freeze",
    "how we name things",
    "whether to split the service",
    "a weird timezone bug",
    "the new hire's questions",
    "irregular verbs",
    "pacing on hills",
    "the flat's heating",
    "what to cook this week",
    "the quarterly plan",
    "why the cache was cold",
    "a book Sam recommended",
];
const AFTERTHOUGHTS: &[&str] = &[
    "Need to write this down properly tomorrow.",
    "Not sure it was the right call, but it's done.",
    "Felt tired but okay.",
    "Good enough for today.",
    "Remember to ask about it on Friday.",
    "The weather helped.",
    "Coffee count: too many.",
    "Small steps.",
];
const TASKS: &[&str] = &[
    "Book the dentist",
    "Reply to Sam about the offsite",
    "Renew the gym card",
    "Water the plants",
    "Update the Atlas roadmap",
    "Buy running socks",
    "Send the invoice",
    "Review Ana's PR",
    "Practise the preterite",
    "Back up the laptop",
    "Pay the electricity bill",
    "Plan Sunday's long run",
];

/// Writes one note into `out` and returns the number of real wins it holds.
fn write_note(out: &mut String, rng: &mut Rng, day: NaiveDate) -> Result<u64, std::fmt::Error> {
    let rest = day.weekday() == Weekday::Sun && rng.chance(25);
    let target = 1100 + rng.below(2400);

    if rng.chance(40) {
        let mood = 1 + rng.below(5);
        let tags = if rest { "[daily, rest]" } else { "[daily]" };
        writeln!(out, "---\ntags: {tags}\nmood: {mood}\n---")?;
    }
    writeln!(
        out,
        "# {}, {} {} {}\n",
        weekday_long(day),
        month_long(day),
        day.day(),
        day.year()
    )?;

    let mut wins = 0;
    if rest {
        writeln!(out, "Rest day. #rest\n")?;
        writeln!(out, "## Wins\n\n- [ ] nothing planned, on purpose\n")?;
    } else {
        wins += write_wins(out, rng)?;
    }

    writeln!(out, "## Log\n")?;
    if !rest && rng.chance(35) {
        wins += write_log_win(out, rng)?;
    }
    write_traps(out, rng)?;
    let mut tasks = String::new();
    write_tasks(&mut tasks, rng)?;
    let mut para = String::new();
    while out.len() + tasks.len() < target {
        para.clear();
        write_paragraph(&mut para, rng)?;
        if out.len() + para.len() + tasks.len() > MAX_NOTE {
            break;
        }
        out.push_str(&para);
    }
    out.push_str(&tasks);
    Ok(wins)
}

/// The `## Wins` section: 0–5 items of every form. Returns the real wins written.
fn write_wins(out: &mut String, rng: &mut Rng) -> Result<u64, std::fmt::Error> {
    let heading = [
        "## Wins",
        "## Wins",
        "## Wins",
        "## 🏆 Wins",
        "## Small wins",
    ][rng.below(5)];
    writeln!(out, "{heading}\n")?;
    let count = [0, 1, 1, 2, 2, 3, 3, 3, 4, 5][rng.below(10)];
    for _ in 0..count {
        let text = win_text(rng);
        match rng.below(6) {
            0 | 1 => {
                let time = time_prefix(rng);
                let tag = rng.pick(WIN_TAGS);
                let other = if rng.chance(60) {
                    format!(" {}", rng.pick(OTHER_TAGS))
                } else {
                    String::new()
                };
                writeln!(out, "- {time}{text} {tag}{other}")?;
            }
            2 => writeln!(out, "- {}{text}", time_prefix(rng))?,
            3 => writeln!(out, "- [x] {text}")?,
            4 => writeln!(out, "- win:: {text}")?,
            _ => writeln!(out, "- {text} {}", rng.pick(OTHER_TAGS))?,
        }
    }
    if rng.chance(20) {
        writeln!(out, "- [ ] {}", rng.pick(TASKS))?;
    }
    if count == 0 && rng.chance(50) {
        writeln!(out, "- #win")?; // the template placeholder: an empty win, not counted
    }
    writeln!(out)?;
    Ok(count as u64)
}

/// One win outside the Wins section: a tagged item or paragraph, or a Dataview field.
fn write_log_win(out: &mut String, rng: &mut Rng) -> Result<u64, std::fmt::Error> {
    let text = win_text(rng);
    match rng.below(4) {
        0 => writeln!(out, "- {text} {}\n", rng.pick(WIN_TAGS))?,
        1 => writeln!(
            out,
            "{} and then: {} {}\n",
            rng.pick(SUBJECTS),
            lower_first(&text),
            rng.pick(WIN_TAGS)
        )?,
        2 => writeln!(out, "win:: {text}\n")?,
        _ => {
            let plain = lower_first(rng.pick(LIFE_WINS)); // no links: `[win:: …]` must not nest brackets
            writeln!(
                out,
                "{} {} {}. [win:: {plain}]\n",
                rng.pick(SUBJECTS),
                rng.pick(MIDDLES),
                rng.pick(TOPICS)
            )?
        }
    }
    Ok(1)
}

/// Things that look like wins but are not: code, `#winter`, link targets.
fn write_traps(out: &mut String, rng: &mut Rng) -> Result<(), std::fmt::Error> {
    if rng.chance(15) {
        writeln!(out, "Snippet for the template tests:\n\n```markdown\n## Wins\n- #win fake entry for the fixture\n```\n")?;
    }
    if rng.chance(10) {
        writeln!(
            out,
            "Reminder: tag things with `#win` so they get counted.\n"
        )?;
    }
    if rng.chance(10) {
        writeln!(
            out,
            "Cold run along the river, proper #winter light at 8am.\n"
        )?;
    }
    Ok(())
}

fn write_tasks(out: &mut String, rng: &mut Rng) -> Result<(), std::fmt::Error> {
    writeln!(out, "## Tasks\n")?;
    let first = rng.below(TASKS.len());
    for i in 0..1 + rng.below(5) {
        let mark = if rng.chance(50) { 'x' } else { ' ' };
        writeln!(out, "- [{mark}] {}", TASKS[(first + i) % TASKS.len()])?;
    }
    Ok(())
}

fn write_paragraph(out: &mut String, rng: &mut Rng) -> Result<(), std::fmt::Error> {
    for i in 0..2 + rng.below(3) {
        if i > 0 {
            out.push(' ');
        }
        let subject = rng.pick(SUBJECTS);
        let middle = rng.pick(MIDDLES);
        let topic = rng.pick(TOPICS);
        match rng.below(4) {
            0 => write!(out, "{subject} {middle} {topic} (see {}).", rng.pick(LINKS))?,
            1 => {
                let (label, url) = URLS[rng.below(URLS.len())];
                write!(
                    out,
                    "{subject} {middle} {topic}; notes in [{label}]({url})."
                )?;
            }
            _ => write!(
                out,
                "{subject} {middle} {topic}. {}",
                rng.pick(AFTERTHOUGHTS)
            )?,
        }
    }
    writeln!(out, "\n")
}

fn win_text(rng: &mut Rng) -> String {
    match rng.below(3) {
        0 => rng.pick(LIFE_WINS).to_string(),
        1 => format!(
            "{} {} for {}",
            rng.pick(WIN_VERBS),
            rng.pick(WIN_OBJECTS),
            rng.pick(PROJECTS)
        ),
        _ => format!("{} {}", rng.pick(WIN_VERBS), rng.pick(WIN_OBJECTS)),
    }
}

/// Sometimes a leading time, `07:40 ` or `2:15 pm `.
fn time_prefix(rng: &mut Rng) -> String {
    match rng.below(4) {
        0 => format!("{:02}:{:02} ", 6 + rng.below(16), rng.below(12) * 5),
        1 if rng.chance(30) => format!("{}:{:02} pm ", 1 + rng.below(9), rng.below(12) * 5),
        _ => String::new(),
    }
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_dates_are_strict() {
        assert_eq!(
            parse_date("2026-11-25"),
            NaiveDate::from_ymd_opt(2026, 11, 25)
        );
        assert_eq!(parse_date("2026-02-30"), None);
        assert_eq!(parse_date("2026-1-05"), None);
    }
}
