//! Review notes of every period (week, month, quarter, year): the period's days, wins and
//! figures gathered into a template context (`context`), rendered from `week.md.j2`,
//! `month.md.j2`, `quarter.md.j2`, `year.md.j2` (or `logseq.md.j2` in a Logseq graph), and
//! written into the vault with only the managed block and the number properties replaced. A
//! new review starts from the period's own template (Periodic Notes or `[review.KIND]`) when
//! one is set. `Wins.base` (`base`) shows the reviews in Obsidian Bases.

mod base;
mod context;
mod links;

use std::collections::BTreeSet;
use std::fs;

use chrono::{NaiveDate, NaiveTime};

pub use base::{base_path, base_text, ensure_base, BASE_FILE};
pub use context::{
    review_type, Builder, Comparison, DayInfo, PeriodInfo, PeriodReview, StripItem, TagCount,
    Totals, WinInfo,
};
pub use links::{logseq_file_stem, logseq_page_name, Links};

use crate::config::{Config, VaultStyle};
use crate::dates::{self, Period, PeriodKind, TemplateDates};
use crate::error::{Error, Result};
use crate::model::{Diagnostic, Note};
use crate::paths::{self, safe_output_path};
use crate::templates::{self, Templates};
use crate::write::{
    self, set_front_matter, set_page_properties, uses_crlf, with_line_endings, BlockStyle,
    WriteOutcome,
};

/// The template the weekly review is rendered from.
pub const TEMPLATE: &str = "week.md.j2";

/// Where a `{{smallwins}}` line in someone's review template puts the managed block.
pub const PLACEHOLDER: &str = "{{smallwins}}";

/// The template a review of `kind` is rendered from in a vault of `style`.
pub fn template_name(kind: PeriodKind, style: &VaultStyle) -> &'static str {
    match (style, kind) {
        (VaultStyle::Logseq(_), _) => "logseq.md.j2",
        (_, PeriodKind::Week) => TEMPLATE,
        (_, PeriodKind::Month) => "month.md.j2",
        (_, PeriodKind::Quarter) => "quarter.md.j2",
        (_, PeriodKind::Year) => "year.md.j2",
    }
}

/// How the part smallwins owns is marked in the vault's reviews.
pub fn block_style(config: &Config) -> BlockStyle {
    match config.style {
        VaultStyle::Logseq(_) => BlockStyle::Outline,
        _ => BlockStyle::Markers,
    }
}

/// The vault-relative path of `period`'s review note: its format applied to the period's
/// naming day, in its folder; in a Logseq graph, the page `folder/name` in the pages folder,
/// named as Logseq names namespaced pages.
pub fn review_path(config: &Config, period: &Period) -> String {
    let page = context::page_name(config, period);
    match &config.style {
        VaultStyle::Logseq(pages) => {
            let stem = logseq_file_stem(&page, pages.triple_lowbar);
            paths::in_folder(&pages.folder, &format!("{stem}.md"))
        }
        _ => format!("{page}.md"),
    }
}

/// One rendered review: its period, where it goes (vault-relative), the note a new review
/// would be, and what an existing one gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The period reviewed.
    pub period: Period,
    /// Vault-relative path of the review note.
    pub path: String,
    /// The whole note as a new review: the period's template with the managed block and the
    /// properties, else the rendered default.
    pub text: String,
    /// The rendered default note, whose managed block replaces an existing note's.
    block_source: String,
    /// The number properties every review carries.
    numbers: Vec<(&'static str, String)>,
    /// Problems met on the way (a template that could not be read).
    pub warnings: Vec<Diagnostic>,
}

/// Renders the reviews of `periods` from the vault's notes (sorted by date), scoring the vault
/// once for all of them (`--stdout` prints them; [`write_reviews`] writes them). A new review's
/// `{{time}}` is the time of day of the run's clock, as Periodic Notes fills it.
pub fn render_periods(
    config: &Config,
    notes: &[Note],
    periods: &[Period],
) -> Result<Vec<Rendered>> {
    render_periods_linking(config, notes, periods, Links::for_vault(config))
}

/// [`render_periods`] with the links of a given set of notes (the git hook's: those the commit
/// holds), rather than of the vault's files.
pub fn render_periods_linking(
    config: &Config,
    notes: &[Note],
    periods: &[Period],
    links: Links,
) -> Result<Vec<Rendered>> {
    let templates = Templates::new(&config.vault);
    let builder = Builder::new(config, notes, links).planning(periods);
    let now = config.clock.now.time();
    periods
        .iter()
        .map(|period| render_one(config, &templates, &builder, period, now))
        .collect()
}

fn render_one(
    config: &Config,
    templates: &Templates,
    builder: &Builder<'_>,
    period: &Period,
    now: NaiveTime,
) -> Result<Rendered> {
    let context = builder.build(period);
    let style = block_style(config);
    let name = template_name(period.kind(), &config.style);
    let source = templates.render(name, &context)?;
    style.find(&source).map_err(|err| Error::Template {
        name: name.to_owned(),
        message: format!("the rendered review must hold one managed block: {err}"),
    })?;
    let numbers = vec![
        ("wins", context.totals.wins.to_string()),
        ("win_days", context.totals.win_days.to_string()),
        ("goal_days", context.totals.goal_days.to_string()),
        ("streak", context.totals.streak.to_string()),
    ];
    let mut warnings = Vec::new();
    let new_note = match from_period_template(config, period, &source, now, &mut warnings)? {
        Some(note) => note,
        None => source.clone(),
    };
    let text =
        with_properties(config, &new_note, &numbers, true).map_err(|err| Error::Template {
            name: name.to_owned(),
            message: format!("the rendered review {err}"),
        })?;
    Ok(Rendered {
        period: *period,
        path: context.path,
        text,
        block_source: source,
        numbers,
        warnings,
    })
}

/// A new review from the period's own template, when one is set and readable: its date
/// variables filled in, the managed block of `rendered` where it says `{{smallwins}}` (else at
/// its end), and the review's identifying properties where it has none. A template that
/// cannot be read is a warning, and the default review is used.
fn from_period_template(
    config: &Config,
    period: &Period,
    rendered: &str,
    now: NaiveTime,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Option<String>> {
    let location = config.review.location(period.kind());
    let Some(template) = location.template else {
        return Ok(None);
    };
    let outside = || Error::Refused {
        path: config.vault.join(template),
        message: format!(
            "the {} review template must be a note inside the vault; change the template setting",
            period.kind().adjective()
        ),
    };
    if !templates::is_safe_name(template) {
        return Err(outside());
    }
    let full = safe_output_path(&config.vault, template).map_err(|_| outside())?;
    let text = match fs::read_to_string(&full) {
        Ok(text) => text,
        Err(err) => {
            warnings.push(Diagnostic::file_warning(
                template,
                format!(
                    "cannot read the {} review template ({err}); the review was started from the built-in one",
                    period.kind().adjective()
                ),
            ));
            return Ok(None);
        }
    };
    let name = location.format.format(period.naming_day());
    let title = name.rsplit('/').next().unwrap_or(&name);
    let filled = dates::fill_template_dates(
        &text,
        &TemplateDates {
            date: period.first_day(),
            time: now,
            title,
            format: location.format,
            period: Some(*period),
        },
    );
    let style = block_style(config);
    let block = style
        .whole(rendered)
        .ok()
        .and_then(|range| rendered.get(range))
        .unwrap_or_default();
    let block = with_line_endings(block, uses_crlf(&filled));
    let note = match filled.find(PLACEHOLDER) {
        Some(at) => {
            let after = filled.get(at + PLACEHOLDER.len()..).unwrap_or_default();
            let after = after
                .strip_prefix("\r\n")
                .or_else(|| after.strip_prefix('\n'))
                .unwrap_or(after);
            format!("{}{block}{after}", filled.get(..at).unwrap_or_default())
        }
        None if filled.is_empty() => block,
        None => {
            let newline = if uses_crlf(&filled) { "\r\n" } else { "\n" };
            let ending = if filled.ends_with('\n') { "" } else { newline };
            format!("{filled}{ending}{newline}{block}")
        }
    };
    let info = context::review_type(period.kind());
    let identity = [
        ("type", info),
        (period.kind().as_str(), period.label()),
        ("start", period.first_day().to_string()),
        ("end", period.last_day().to_string()),
    ];
    with_properties(config, &note, &identity, false)
        .map(Some)
        .map_err(|err| Error::Refused {
            path: full,
            message: format!("the review template {err}; close it with a `---` line"),
        })
}

/// Writes `values` as the note's properties: front matter, or page properties in a Logseq
/// graph. With `replace`, existing values are replaced; else only missing ones are added.
fn with_properties(
    config: &Config,
    text: &str,
    values: &[(&str, String)],
    replace: bool,
) -> Result<String, write::PropertiesError> {
    match config.style {
        VaultStyle::Logseq(_) => Ok(set_page_properties(text, values, replace)),
        _ => set_front_matter(text, values, replace),
    }
}

/// Why no review can be written for `period`, if so: it ends before the first dated note
/// (there is nothing to review), or it starts after the next period (nothing can be in it).
pub fn unreviewable(config: &Config, notes: &[Note], period: &Period) -> Option<String> {
    let kind = period.kind();
    let first = notes
        .iter()
        .map(|note| note.date)
        .filter(|date| *date <= config.today)
        .min();
    let Some(first) = first else {
        return Some(format!(
            "nothing to review: no dated notes up to today ({}); write a win first",
            config.today
        ));
    };
    if period.last_day() < first {
        return Some(format!(
            "nothing to review: {kind} {period} ends before the first dated note ({first})"
        ));
    }
    let next = Period::containing(kind, config.today, config.review.week_start).next();
    if period.first_day() > next.last_day() {
        return Some(format!(
            "nothing to review yet: {kind} {period} starts after next {kind} ({next})"
        ));
    }
    None
}

/// Every period of `kind` up to today that holds at least one win, oldest first.
pub fn periods_with_wins(notes: &[Note], config: &Config, kind: PeriodKind) -> Vec<Period> {
    let mut periods: Vec<Period> = notes
        .iter()
        .filter(|note| note.date <= config.today && !note.wins.is_empty())
        .map(|note| Period::containing(kind, note.date, config.review.week_start))
        .collect();
    periods.sort();
    periods.dedup();
    periods
}

/// The reviews a set of dates touches: for each date up to today, its week, and its month,
/// quarter and year where the person asked for those reviews (`[review.KIND]`, Periodic Notes)
/// or one already exists. What `--all` and the git hook keep current. Sorted by kind, then date.
pub fn periods_touched(config: &Config, dates: impl IntoIterator<Item = NaiveDate>) -> Vec<Period> {
    periods_touched_where(config, dates, |path| config.vault.join(path).is_file())
}

/// [`periods_touched`], where `exists` says whether a review note is there, given its
/// vault-relative path (the git hook's: in the commit's index or on disk).
pub fn periods_touched_where(
    config: &Config,
    dates: impl IntoIterator<Item = NaiveDate>,
    exists: impl Fn(&str) -> bool,
) -> Vec<Period> {
    let start = config.review.week_start;
    let mut candidates = BTreeSet::new();
    for date in dates.into_iter().filter(|date| *date <= config.today) {
        for kind in PeriodKind::ALL {
            candidates.insert(Period::containing(kind, date, start));
        }
    }
    candidates
        .into_iter()
        .filter(|period| {
            config.review.location(period.kind()).configured || exists(&review_path(config, period))
        })
        .collect()
}

/// What happened (or, in a dry run, would happen) to one review note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewStatus {
    /// Written, or left alone because nothing changed.
    Written(WriteOutcome),
    /// A dry run: what a real run would do.
    Planned(WriteOutcome),
    /// The existing note cannot be updated safely; it was not touched.
    NotRewritten {
        /// 1-based line of the problem, when known.
        line: Option<usize>,
        /// What is wrong and what to do.
        reason: String,
    },
}

fn not_rewritten(line: Option<usize>, reason: impl Into<String>) -> ReviewStatus {
    ReviewStatus::NotRewritten {
        line,
        reason: reason.into(),
    }
}

/// Writes (or plans) `rendered`: a new note gets all of its text, an existing one its managed
/// block and its number properties, with its own line endings kept. The write compares before
/// it replaces, so another program's edit made meanwhile is merged, never lost.
pub fn apply(config: &Config, rendered: &Rendered, dry_run: bool) -> Result<ReviewStatus> {
    // One review that cannot be touched is a finding about that note, not a reason to stop
    // `week --all` from writing the others.
    let path = rendered.path.as_str();
    let link = config.vault.join(path);
    if fs::symlink_metadata(&link).is_ok_and(|meta| meta.file_type().is_symlink()) {
        return Ok(not_rewritten(None, "is a symlink; smallwins does not write through symlinks, the review was not rewritten (replace the link with a note)"));
    }
    let full = safe_output_path(&config.vault, path)?;
    // A note that cannot be read (a folder, no permission) is a finding about that note.
    let existing = match fs::read(&full) {
        Ok(bytes) => Some(bytes),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => {
            return Ok(not_rewritten(
                None,
                format!("cannot read it ({err}); the review was not rewritten (make it a readable note or remove it)"),
            ))
        }
    };
    if dry_run {
        return match merged(config, existing.as_deref(), rendered).map_err(Stop::from) {
            Ok(contents) => Ok(ReviewStatus::Planned(match existing {
                None => WriteOutcome::Created,
                Some(bytes) if bytes == contents => WriteOutcome::Unchanged,
                Some(_) => WriteOutcome::Updated,
            })),
            Err(Stop::Left(status)) => Ok(status),
            Err(Stop::Failed(err)) => Err(err),
        };
    }
    config.check_writable()?;
    match write::update(&full, |existing| {
        Ok((merged(config, existing, rendered)?, ()))
    }) {
        Ok((outcome, ())) => Ok(ReviewStatus::Written(outcome)),
        Err(Stop::Left(status)) => Ok(status),
        // Read-only, or changed by another program on every try: left to the person.
        Err(Stop::Failed(Error::Refused { message, .. })) => Ok(not_rewritten(
            None,
            format!("{message}; the review was not rewritten"),
        )),
        Err(Stop::Failed(err)) => Err(err),
    }
}

/// Why [`merged`] did not produce a note.
enum Stop {
    /// The note cannot be updated safely; leave it.
    Left(ReviewStatus),
    /// Reading or writing failed.
    Failed(Error),
}

impl From<Error> for Stop {
    fn from(err: Error) -> Stop {
        Stop::Failed(err)
    }
}

impl From<Unmergeable> for Stop {
    fn from(err: Unmergeable) -> Stop {
        let (line, repair) = match &err {
            Unmergeable::NotUtf8 => (None, ""),
            Unmergeable::Block(
                write::BlockError::Damaged { line } | write::BlockError::Doubled { line },
            ) => (Some(*line), " (repair the markers or delete the note)"),
            Unmergeable::Block(write::BlockError::Missing) => {
                (None, " (repair the markers or delete the note)")
            }
            Unmergeable::Properties(_) => (Some(1), " (close the front matter)"),
        };
        Stop::Left(not_rewritten(
            line,
            format!("{err}; the review was not rewritten{repair}"),
        ))
    }
}

/// Why an existing review cannot take a rendered one's managed block and numbers.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unmergeable {
    /// The note is not UTF-8 text.
    #[error("not valid UTF-8")]
    NotUtf8,
    /// Its managed block is missing, damaged or doubled.
    #[error(transparent)]
    Block(#[from] write::BlockError),
    /// Its properties cannot be written.
    #[error(transparent)]
    Properties(#[from] write::PropertiesError),
}

/// The review note's new bytes: all of the rendered note for a new note (`existing` is `None`),
/// else `existing` with its managed block and number properties replaced (its line endings
/// kept). The git hook applies it to the staged version of a review as well as to the file.
pub fn merged(
    config: &Config,
    existing: Option<&[u8]>,
    rendered: &Rendered,
) -> Result<Vec<u8>, Unmergeable> {
    let Some(bytes) = existing else {
        return Ok(rendered.text.as_bytes().to_vec());
    };
    let text = std::str::from_utf8(bytes).map_err(|_| Unmergeable::NotUtf8)?;
    let replaced = block_style(config).replace(text, &rendered.block_source)?;
    Ok(with_properties(config, &replaced, &rendered.numbers, true)?.into_bytes())
}

/// What [`write_reviews`] did (or, in a dry run, would do) to one period's review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewWrite {
    /// The period reviewed.
    pub period: Period,
    /// Vault-relative path of the review note.
    pub path: String,
    /// What happened to the note.
    pub status: ReviewStatus,
    /// Problems met on the way that did not stop the write (a template that could not be read).
    pub warnings: Vec<Diagnostic>,
}

impl ReviewWrite {
    /// What was (or would be) done to the note, unless it was left alone.
    pub fn outcome(&self) -> Option<WriteOutcome> {
        match self.status {
            ReviewStatus::Written(outcome) | ReviewStatus::Planned(outcome) => Some(outcome),
            ReviewStatus::NotRewritten { .. } => None,
        }
    }

    /// Why the note was left alone, as a warning about it, when it was.
    pub fn problem(&self) -> Option<Diagnostic> {
        match &self.status {
            ReviewStatus::NotRewritten { line, reason } => Some(Diagnostic {
                line: *line,
                ..Diagnostic::file_warning(self.path.as_str(), reason.as_str())
            }),
            ReviewStatus::Written(_) | ReviewStatus::Planned(_) => None,
        }
    }
}

/// Renders the reviews of `periods` from the vault's notes (sorted by date) and writes each with
/// [`apply`] (only plans, with `dry_run`): the one loop behind the review commands and the git
/// hook. Every review is rendered before any is written, so a broken template writes nothing;
/// each write happens when the iterator reaches it, so a caller can report it at once.
pub fn write_reviews<'a>(
    config: &'a Config,
    notes: &[Note],
    periods: &[Period],
    dry_run: bool,
) -> Result<impl Iterator<Item = Result<ReviewWrite>> + 'a> {
    let rendered = render_periods(config, notes, periods)?;
    Ok(rendered.into_iter().map(move |rendered| {
        let status = apply(config, &rendered, dry_run)?;
        Ok(ReviewWrite {
            period: rendered.period,
            path: rendered.path,
            status,
            warnings: rendered.warnings,
        })
    }))
}

#[cfg(test)]
mod tests;

#[cfg(test)]
pub(crate) mod test_vault {
    use std::fs;

    use chrono::NaiveDate;

    use crate::config::Config;

    /// A vault holding `files` (path, text) and its configuration on 26 November 2026.
    pub(crate) fn config_with(files: &[(&str, &str)]) -> (tempfile::TempDir, Config) {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let full = dir.path().join(path);
            fs::create_dir_all(full.parent().unwrap()).unwrap();
            fs::write(full, text).unwrap();
        }
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let config = Config::load(dir.path(), today).unwrap();
        (dir, config)
    }
}
