//! `init`: describe the detected vault layout and the names its daily notes give their
//! sections, and write a starting `.smallwins.toml`.
//!
//! Beyond the settings, `init` looks at the notes themselves: with no settings naming a daily
//! folder, where the date-named notes are (so new notes go beside them); and in the daily
//! template and the last 90 days of daily notes, which headings and labels name
//! accomplishments ("Accomplishments", "What went well", "Highlights" …), which it proposes as
//! `wins.sections` with how many notes use each. The same look at the notes makes the hint that
//! `stats`, `list` and `today` give when a vault with daily notes yields no wins.

use std::collections::BTreeMap;
use std::io::{self, Write};

use chrono::{Duration, NaiveDate};

use crate::capture::{self, DailyTemplate};
use crate::config::{Config, LayoutSource, LinkPath, LinkSyntax, CONFIG_FILE};
use crate::error::{Error, Result};
use crate::journal::{self, Journal};
use crate::markdown::heading;
use crate::model::Diagnostic;
use crate::parse::WinMatcher;
use crate::vault::{self, DailyHome, PathKind};
use crate::words::count;
use crate::write::{update, WriteOutcome};

/// How many days of daily notes, up to the most recent one, `init` and the hint read.
pub const RECENT_DAYS: i64 = 90;

/// What `init` found by looking at the vault's notes.
#[derive(Debug, Clone, Default)]
pub struct Survey {
    /// Daily notes (named by date).
    pub daily_notes: usize,
    /// Other notes dated by their front matter.
    pub dated_notes: usize,
    /// Wins found.
    pub wins: usize,
    /// With no settings naming the daily folder: where the date-named notes are, and whether
    /// every one of them is under it.
    pub home: Option<(DailyHome, bool)>,
    /// The daily template, when one is set.
    pub template: Option<DailyTemplate>,
    /// The headings and labels of the template and the recent daily notes.
    pub labels: Labels,
    /// Problems worth a warning (a template that does not exist).
    pub warnings: Vec<Diagnostic>,
}

/// The headings and labels of a span of daily notes, by how many notes use each.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Labels {
    /// The daily notes read.
    pub notes: usize,
    /// The first and last day of those notes.
    pub span: Option<(NaiveDate, NaiveDate)>,
    /// Each label, most used first.
    pub uses: Vec<LabelUse>,
}

/// One heading or label and how much it is used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelUse {
    /// The label as most notes write it, without leading emoji or a trailing colon.
    pub label: String,
    /// How many of the notes read use it.
    pub notes: usize,
    /// Whether the daily template has it.
    pub in_template: bool,
    /// Whether it already names a wins section under the vault's rules.
    pub read_already: bool,
}

impl LabelUse {
    /// Whether the label names accomplishments, as SPEC §2 lists them (accomplished,
    /// achievements, successes, victories, done, highlights, went well, proud, amazing things,
    /// good things, shipped, and their other forms), and is not negated ("Not done").
    pub fn names_accomplishments(&self) -> bool {
        names_accomplishments(&self.label)
    }
}

/// Word stems that name accomplishments in a label.
const STEMS: [&str; 6] = [
    "accomplish",
    "achiev",
    "success",
    "succeed",
    "highlight",
    "proud",
];

/// Whole words that name accomplishments in a label.
const WORDS: [&str; 6] = ["victory", "victories", "done", "shipped", "ship", "ships"];

/// Two-word phrases that name accomplishments in a label.
const PHRASES: [(&str, &str); 5] = [
    ("went", "well"),
    ("amazing", "things"),
    ("amazing", "thing"),
    ("good", "things"),
    ("good", "thing"),
];

/// Whether `label` names accomplishments (see [`LabelUse::names_accomplishments`]).
fn names_accomplishments(label: &str) -> bool {
    let words = heading::words(label);
    let negated = |i: usize| {
        i.checked_sub(1)
            .and_then(|before| words.get(before))
            .is_some_and(|word| matches!(word.as_str(), "not" | "no" | "never" | "nothing"))
    };
    words.iter().enumerate().any(|(i, word)| {
        let named = STEMS.iter().any(|stem| word.starts_with(stem))
            || WORDS.contains(&word.as_str())
            || PHRASES.iter().any(|(first, second)| {
                word == first && words.get(i + 1).is_some_and(|next| next == second)
            });
        named && !negated(i)
    })
}

/// Looks at the notes of the vault for `init`: counts, the daily home, the template, labels.
pub fn survey(config: &Config, journal: &Journal) -> Survey {
    let daily: Vec<(NaiveDate, String)> = journal
        .notes
        .iter()
        .filter(|note| vault::classify(config, &note.source) == PathKind::Daily(note.date))
        .map(|note| (note.date, note.source.clone()))
        .collect();
    let mut daily_sources: Vec<&str> = daily.iter().map(|(_, source)| source.as_str()).collect();
    daily_sources.sort_unstable();
    daily_sources.dedup();
    let home = (config.daily.source == LayoutSource::Default)
        .then(|| vault::daily_home(&daily, &config.daily.format))
        .flatten()
        .map(|home| {
            let prefix = format!("{}/", home.folder);
            let holds_all = home.folder.is_empty()
                || daily.iter().all(|(_, source)| source.starts_with(&prefix));
            (home, holds_all)
        });
    let mut warnings = Vec::new();
    let template = capture::daily_template(config).unwrap_or_else(|refused| {
        let shown = config.daily.template.clone().unwrap_or_default();
        warnings.push(Diagnostic::file_warning(shown, refused.to_string()));
        None
    });
    if let Some(DailyTemplate {
        shown,
        text: Err(why),
    }) = &template
    {
        let instead = match config.daily.logseq {
            Some(_) => "new journals start empty",
            None => "new notes start from the bundled template",
        };
        warnings.push(Diagnostic::file_warning(
            shown.clone(),
            format!("the daily template does not exist or cannot be read ({why}); {instead}"),
        ));
    }
    let template_text = template.as_ref().and_then(|t| t.text.as_deref().ok());
    let labels = recent_labels(config, &daily, template_text);
    Survey {
        daily_notes: daily_sources.len(),
        dated_notes: journal
            .notes
            .iter()
            .map(|note| note.source.as_str())
            .filter(|source| daily_sources.binary_search(source).is_err())
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        wins: journal.notes.iter().map(|note| note.wins.len()).sum(),
        home,
        template,
        labels,
        warnings,
    }
}

/// The labels of `template` and of the daily notes `daily` (day, source) of the last
/// [`RECENT_DAYS`] days up to the most recent one on or before today.
pub fn recent_labels(
    config: &Config,
    daily: &[(NaiveDate, String)],
    template: Option<&str>,
) -> Labels {
    let last = daily
        .iter()
        .map(|(date, _)| *date)
        .filter(|date| *date <= config.today)
        .max()
        .or_else(|| daily.iter().map(|(date, _)| *date).max());
    let Some(last) = last else {
        return labels_of(config, &[], template, None);
    };
    let first = last
        .checked_sub_signed(Duration::days(RECENT_DAYS - 1))
        .unwrap_or(last);
    let in_span: Vec<&(NaiveDate, String)> = daily
        .iter()
        .filter(|(date, _)| (first..=last).contains(date))
        .collect();
    let first = in_span.iter().map(|(date, _)| *date).min().unwrap_or(last);
    let mut recent: Vec<&String> = in_span.iter().map(|(_, source)| source).collect();
    recent.sort_unstable();
    recent.dedup();
    let texts: Vec<String> = recent
        .iter()
        .filter_map(|source| {
            journal::read_text(&config.vault.join(source.as_str()), source)
                .ok()
                .map(|(text, _)| text)
        })
        .collect();
    labels_of(config, &texts, template, Some((first, last)))
}

/// Counts the labels of `notes` (each counted once per note) and marks those of `template`.
fn labels_of(
    config: &Config,
    notes: &[String],
    template: Option<&str>,
    span: Option<(NaiveDate, NaiveDate)>,
) -> Labels {
    let matcher = WinMatcher::new(&config.rules);
    // By normalised label: how each note writes it, the notes using it, in the template, read.
    let mut found: BTreeMap<String, (BTreeMap<String, usize>, usize, bool, bool)> = BTreeMap::new();
    let mut note_labels = |text: &str, in_template: bool| {
        let mut seen = std::collections::BTreeSet::new();
        for label in matcher.layout(text).labels {
            let shown = clean_label(&label.text);
            let key = heading::normalize(&shown);
            if key.is_empty() || !seen.insert(key.clone()) {
                continue;
            }
            let entry = found.entry(key).or_default();
            *entry.0.entry(shown).or_default() += 1;
            if in_template {
                entry.2 = true;
            } else {
                entry.1 += 1;
            }
            entry.3 |= label.names_section;
        }
    };
    if let Some(template) = template {
        note_labels(template, true);
    }
    for note in notes {
        note_labels(note, false);
    }
    let mut uses: Vec<LabelUse> = found
        .into_values()
        .map(|(forms, notes, in_template, read_already)| LabelUse {
            // The form most notes write, the first in sort order on a tie.
            label: forms
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .map(|(form, _)| form.clone())
                .unwrap_or_default(),
            notes,
            in_template,
            read_already,
        })
        .collect();
    uses.sort_by(|a, b| {
        b.notes
            .cmp(&a.notes)
            .then_with(|| b.in_template.cmp(&a.in_template))
            .then_with(|| a.label.cmp(&b.label))
    });
    Labels {
        notes: notes.len(),
        span,
        uses,
    }
}

/// A label as `init` shows and writes it: without emoji, bullets or colons around it
/// ("🏆 Wins of the Day" → "Wins of the Day", "Successes:" → "Successes"), a question mark
/// kept.
fn clean_label(text: &str) -> String {
    text.trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches(|c: char| !c.is_alphanumeric() && !matches!(c, '?' | '!' | ')'))
        .to_owned()
}

impl Labels {
    /// The labels to propose as `wins.sections`: they name accomplishments, no rule reads them
    /// yet, and the template or more than one note uses them (in a vault of a few notes, one).
    pub fn proposals(&self) -> Vec<&LabelUse> {
        let least = if self.notes >= 5 { 2 } else { 1 };
        self.uses
            .iter()
            .filter(|use_| {
                use_.names_accomplishments()
                    && !use_.read_already
                    && (use_.in_template || use_.notes >= least)
            })
            .collect()
    }

    /// The labels that name accomplishments and already name a wins section.
    pub fn read_already(&self) -> Vec<&LabelUse> {
        self.uses
            .iter()
            .filter(|use_| use_.read_already && (use_.in_template || use_.notes > 0))
            .collect()
    }
}

/// What `stats`, `list` and `today` say when a vault with daily notes yields no wins: how many
/// daily notes there are, the headings and labels they use most, and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoWinsHint {
    /// The daily notes of the vault.
    pub notes: usize,
    /// The most used headings and labels of the recent ones, with how many notes use each.
    pub labels: Vec<(String, usize)>,
    /// A label that names accomplishments, which `init` would propose.
    pub proposal: Option<String>,
}

/// How many labels of each kind `init` lists (it writes every proposal into the file).
const SHOWN_LABELS: usize = 8;

/// How many headings the hint names.
const HINT_LABELS: usize = 5;

impl NoWinsHint {
    /// The hint as one line.
    pub fn message(&self) -> String {
        let notes = count(self.notes, "daily note", "daily notes");
        let mut message = format!("no wins found in {notes}");
        let named: Vec<String> = self
            .labels
            .iter()
            .enumerate()
            .map(|(i, (label, count))| match (i, count) {
                (0, 1) => format!("\"{label}\" in 1 note"),
                (0, _) => format!("\"{label}\" in {count} notes"),
                _ => format!("\"{label}\" in {count}"),
            })
            .collect();
        if !named.is_empty() {
            message.push_str(&format!(
                "; the headings they use most: {}",
                named.join(", ")
            ));
        }
        match &self.proposal {
            Some(label) => message.push_str(&format!(
                ". Run `smallwins init` to read a section such as \"{label}\" as wins \
                 (wins.sections), or tag wins #win"
            )),
            None => message.push_str(
                ". Name the section that holds your wins in wins.sections (`smallwins init` \
                 writes .smallwins.toml), or tag wins #win",
            ),
        }
        message
    }
}

/// The hint for a vault that yielded no wins, `None` when it has no daily notes. It reads the
/// daily notes of the last [`RECENT_DAYS`] days again: call it only once no win was found.
pub fn no_wins_hint(config: &Config) -> Option<NoWinsHint> {
    let daily = vault::daily_notes(config);
    if daily.is_empty() {
        return None;
    }
    let labels = recent_labels(config, &daily, None);
    Some(NoWinsHint {
        notes: daily.len(),
        proposal: labels.proposals().first().map(|use_| use_.label.clone()),
        labels: labels
            .uses
            .iter()
            .filter(|use_| use_.notes > 0)
            .take(HINT_LABELS)
            .map(|use_| (use_.label.clone(), use_.notes))
            .collect(),
    })
}

/// Writes `.smallwins.toml` for what was found; refuses to replace one unless `force`.
pub fn write_config(config: &Config, survey: &Survey, force: bool) -> Result<WriteOutcome> {
    let path = crate::paths::safe_output_path(&config.vault, CONFIG_FILE)?;
    let text = config_text(config, survey);
    update(&path, |existing| match existing {
        Some(_) if !force => Err(Error::Refused {
            path: path.clone(),
            message: "already exists; run `smallwins init --force` to replace it".into(),
        }),
        _ => Ok((text.as_bytes().to_vec(), ())),
    })
    .map(|(outcome, ())| outcome)
}

/// Prints what was found in the vault.
pub fn describe(out: &mut dyn Write, config: &Config, survey: &Survey) -> io::Result<()> {
    let daily = &config.daily;
    let (folder, format, source) = match &survey.home {
        Some((home, _)) => (
            home.folder.clone(),
            home.format.as_moment(),
            "where the date-named notes are (no settings name a daily folder)",
        ),
        None => (
            daily.folder.clone(),
            daily.format.as_moment(),
            daily.source.describe(),
        ),
    };
    let folder = if folder.is_empty() {
        "the vault root".to_owned()
    } else {
        format!("{folder}/")
    };
    writeln!(out, "vault:        {}", config.vault.display())?;
    writeln!(out, "daily notes:  {folder}, named {format}")?;
    writeln!(out, "              from {source}")?;
    if let Some(template) = &survey.template {
        writeln!(out, "template:     {}", template.shown)?;
    }
    writeln!(
        out,
        "found:        {}, {} dated by front matter, {}",
        count(survey.daily_notes, "daily note", "daily notes"),
        count(survey.dated_notes, "note", "notes"),
        count(survey.wins, "win", "wins")
    )?;
    describe_labels(out, survey)?;
    let links = match (config.review.links, config.review.link_path) {
        (LinkSyntax::Wikilink, LinkPath::Shortest) => "wikilinks, shortest name",
        (LinkSyntax::Wikilink, LinkPath::Absolute) => "wikilinks, vault path",
        (LinkSyntax::Wikilink, LinkPath::Relative) => "wikilinks, relative path",
        (LinkSyntax::Markdown, LinkPath::Shortest) => "markdown links, shortest name",
        (LinkSyntax::Markdown, LinkPath::Absolute) => "markdown links, vault path",
        (LinkSyntax::Markdown, LinkPath::Relative) => "markdown links, relative path",
    };
    writeln!(out, "links:        {links}")?;
    writeln!(
        out,
        "reviews:      {}/{}.md",
        config.review.folder,
        config.review.format.as_moment()
    )
}

/// The wins sections found: those proposed as `wins.sections`, those read already.
fn describe_labels(out: &mut dyn Write, survey: &Survey) -> io::Result<()> {
    let labels = &survey.labels;
    let read = match (labels.span, survey.template.is_some()) {
        (Some((first, last)), true) => format!(
            "the template and {} daily notes ({first} to {last})",
            labels.notes
        ),
        (Some((first, last)), false) => {
            format!("{} daily notes ({first} to {last})", labels.notes)
        }
        (None, true) => "the template".to_owned(),
        (None, false) => return Ok(()),
    };
    writeln!(out, "wins labels:  read in {read}")?;
    let uses = |label: &LabelUse| {
        let notes = count(label.notes, "note", "notes");
        match (label.in_template, label.notes) {
            (true, 0) => "the template".to_owned(),
            (true, _) => format!("{notes} and the template"),
            (false, _) => notes,
        }
    };
    let proposals = labels.proposals();
    let read_already = labels.read_already();
    for label in proposals.iter().take(SHOWN_LABELS) {
        writeln!(
            out,
            "              \"{}\": {} → wins.sections",
            label.label,
            uses(label)
        )?;
    }
    if proposals.len() > SHOWN_LABELS {
        writeln!(
            out,
            "              and {} more → wins.sections",
            proposals.len() - SHOWN_LABELS
        )?;
    }
    for label in read_already.iter().take(SHOWN_LABELS) {
        writeln!(
            out,
            "              \"{}\": {}, read as a wins section already",
            label.label,
            uses(label)
        )?;
    }
    if proposals.is_empty() && read_already.is_empty() {
        writeln!(
            out,
            "              none names accomplishments; tag wins #win, or name your section in \
             wins.sections"
        )?;
    }
    Ok(())
}

/// The starting configuration: the detected layout (commented out when it comes from Obsidian
/// or Logseq, so that changing it there keeps working; written when it comes from where the
/// notes are), the wins sections found, and every other key at its current value.
pub fn config_text(config: &Config, survey: &Survey) -> String {
    let mut text = String::from(
        "# smallwins configuration. Every key is optional; delete a key to get its default.\n\n",
    );
    text.push_str(&format!(
        "# Folders that are never read (hidden folders never are).\nexclude = {}\n",
        toml_list(&config.exclude)
    ));
    if config.clock.day_starts_at != chrono::NaiveTime::MIN {
        text.push_str(&format!(
            "# A win written before this time belongs to the day before.\nday_starts_at = {}\n",
            toml_string(&config.clock.day_starts_at.format("%H:%M").to_string())
        ));
    }
    text.push('\n');
    text.push_str(&notes_text(config, survey));
    text.push_str(&wins_text(config, survey));
    text.push_str(&goal_text(config));
    text.push_str(&review_text(config));
    text
}

/// `[notes]`: written when `.smallwins.toml` set it or the notes show it, else commented out;
/// a template the person set stays set either way.
fn notes_text(config: &Config, survey: &Survey) -> String {
    let daily = &config.daily;
    let (folder, format, pinned) = match &survey.home {
        Some((home, holds_all)) => (home.folder.clone(), home.format.as_moment(), *holds_all),
        None => (
            daily.folder.clone(),
            daily.format.as_moment(),
            daily.source == LayoutSource::SmallwinsToml,
        ),
    };
    let comment = if pinned { "" } else { "# " };
    let mut text = String::new();
    match (&survey.home, pinned) {
        (Some(_), true) => text.push_str("# Daily notes are where the date-named notes are.\n"),
        (Some(_), false) => text.push_str(
            "# The most recent daily notes are here, others elsewhere: uncomment to read only these.\n",
        ),
        (None, false) => text.push_str(&format!(
            "# Daily notes follow {}.\n# Uncomment [notes] to override it.\n",
            daily.source.describe()
        )),
        (None, true) => {}
    }
    let template_set = daily.template_pinned && daily.template.is_some();
    let table = if pinned || template_set { "" } else { "# " };
    text.push_str(&format!("{table}[notes]\n"));
    text.push_str(&format!("{comment}folder = {}\n", toml_string(&folder)));
    text.push_str(&format!("{comment}format = {}\n", toml_string(&format)));
    if let Some(template) = &daily.template {
        let comment = if pinned || template_set { "" } else { "# " };
        text.push_str(&format!("{comment}template = {}\n", toml_string(template)));
    }
    text
}

/// `[wins]`, every key at its value, the proposed sections added to `sections`.
fn wins_text(config: &Config, survey: &Survey) -> String {
    let rules = &config.rules;
    let mut sections = rules.sections.clone();
    for proposal in survey.labels.proposals() {
        let key = heading::normalize(&proposal.label);
        if !sections.iter().any(|s| heading::normalize(s) == key) {
            sections.push(proposal.label.clone());
        }
    }
    let patterns: Vec<String> = rules.patterns.iter().map(|p| p.source.clone()).collect();
    format!(
        "\n[wins]\ntags = {}\nsection_words = {}\nsections = {}\nfields = {}\n\
         properties = {}\ndone_tasks = {}\npatterns = {}\nallow_empty = {}\n",
        toml_list(&rules.tags),
        toml_list(&rules.section_words),
        toml_list(&sections),
        toml_list(&rules.fields),
        toml_list(&rules.properties),
        rules.done_tasks,
        toml_list(&patterns),
        rules.allow_empty
    )
}

/// `[goal]`, and its breaks.
fn goal_text(config: &Config) -> String {
    let goal = &config.goal;
    let rest_days: Vec<String> = goal
        .rest_days
        .iter()
        .map(|day| day.to_string().to_ascii_lowercase())
        .collect();
    let mut text = format!(
        "\n[goal]\ndaily = {}\nmin_wins = {}\nweekly = {}\nrest_days = {}\nrest_tag = {}\n",
        goal.daily,
        goal.min_wins,
        goal.weekly,
        toml_list(&rest_days),
        toml_string(&config.rules.rest_tag)
    );
    for pause in &goal.breaks {
        text.push_str(&format!(
            "\n[[goal.breaks]]\nfrom = {}\nto = {}\n",
            toml_string(&pause.from.to_string()),
            toml_string(&pause.to.to_string())
        ));
    }
    text
}

/// `[review]`: folder and format stay set unless Periodic Notes decides them, week start and
/// links only when the person set them (else they follow the format and `.obsidian/app.json`);
/// the rest is written commented out, so changing it in Obsidian keeps working.
fn review_text(config: &Config) -> String {
    let review = &config.review;
    let pinned = config.review_pinned;
    let from_toml_or_default = !pinned.periodic_location;
    let line = |set: bool, key: &str, value: String| {
        format!("{}{key} = {value}\n", if set { "" } else { "# " })
    };
    let week_start = match review.week_start {
        crate::dates::WeekStart::Monday => "monday",
        crate::dates::WeekStart::Sunday => "sunday",
    };
    let links = match review.links {
        LinkSyntax::Wikilink => "wikilink",
        LinkSyntax::Markdown => "markdown",
    };
    let mut text = String::from("\n[review]\n");
    text.push_str(&line(
        from_toml_or_default,
        "folder",
        toml_string(&review.folder),
    ));
    text.push_str(&line(
        from_toml_or_default,
        "format",
        toml_string(&review.format.as_moment()),
    ));
    text.push_str(&line(
        pinned.week_start,
        "week_start",
        toml_string(week_start),
    ));
    text.push_str(&line(pinned.links, "links", toml_string(links)));
    text
}

fn toml_string(value: &str) -> String {
    toml::Value::String(value.to_owned()).to_string()
}

fn toml_list(values: &[String]) -> String {
    let items: Vec<String> = values.iter().map(|value| toml_string(value)).collect();
    format!("[{}]", items.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    /// Writes the configuration `init --force` would write, and reads it back.
    fn rewritten(config: &Config) -> Config {
        let journal = Journal::load(config);
        let survey = survey(config, &journal);
        write_config(config, &survey, true).unwrap();
        let text = fs::read_to_string(config.vault.join(CONFIG_FILE)).unwrap();
        assert!(text.ends_with("\n") && !text.ends_with("\n\n"), "{text}");
        Config::load(&config.vault, today()).unwrap()
    }

    #[test]
    fn forced_init_keeps_what_the_person_set() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join(CONFIG_FILE),
            "exclude = [\"Archive\"]\nday_starts_at = \"04:00\"\n\
             [notes]\ntemplate = \"Templates/Day.md\"\n\
             [wins]\nsection_words = [\"went well\"]\nproperties = [\"done\"]\n\
             done_tasks = true\npatterns = ['^✅ (?P<text>.+)$']\nallow_empty = true\n\
             [[goal.breaks]]\nfrom = \"2026-12-24\"\nto = \"2027-01-01\"\n\
             [review]\nlinks = \"markdown\"\nweek_start = \"sunday\"\n",
        )
        .unwrap();
        let before = Config::load(dir.path(), today()).unwrap();
        let after = rewritten(&before);
        assert_eq!(after.exclude, vec!["Archive".to_owned()]);
        assert_eq!(after.clock.day_starts_at, before.clock.day_starts_at);
        assert_eq!(after.daily.template.as_deref(), Some("Templates/Day.md"));
        assert!(after.daily.template_pinned);
        assert_eq!(after.rules, before.rules);
        assert_eq!(after.goal, before.goal);
        assert_eq!(after.review.links, LinkSyntax::Markdown);
        assert_eq!(after.review.week_start, crate::dates::WeekStart::Sunday);
        assert_eq!(after.review.format.as_moment(), "gggg-[W]ww");
    }

    #[test]
    fn written_config_reads_back_to_the_same_settings() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join(".obsidian")).unwrap();
        fs::write(
            dir.path().join(".obsidian/daily-notes.json"),
            r#"{"folder":"Daily","format":"YYYY/MM/YYYY-MM-DD","template":"Templates/Daily"}"#,
        )
        .unwrap();
        let before = Config::load(dir.path(), today()).unwrap();
        let nothing = Survey::default();
        assert_eq!(
            write_config(&before, &nothing, false).unwrap(),
            WriteOutcome::Created
        );
        let after = Config::load(dir.path(), today()).unwrap();
        assert_eq!(after.daily.folder, "Daily");
        assert_eq!(after.daily.format.as_moment(), "YYYY/MM/YYYY-MM-DD");
        assert!(
            !after.daily.template_pinned,
            "the template follows Obsidian"
        );
        assert_eq!(after.rules, before.rules);
        assert_eq!(after.goal, before.goal);
        assert!(
            write_config(&after, &nothing, false).is_err(),
            "refuses to overwrite"
        );
        assert_eq!(after.review.links, before.review.links);
        assert_eq!(
            write_config(&after, &nothing, true).unwrap(),
            WriteOutcome::Unchanged
        );
    }

    #[test]
    fn accomplishment_labels_in_their_forms() {
        let cases = [
            ("Accomplishments", true),
            ("What did you accomplish today?", true),
            ("Achievements", true),
            ("Today's successes", true),
            ("Small victories", true),
            ("Done", true),
            ("Things I got done", true),
            ("Highlights of the day", true),
            ("What went well", true),
            ("Proud of", true),
            ("3 amazing things that happened", true),
            ("Good things", true),
            ("Shipped", true),
            ("Not done", false),
            ("Nothing accomplished", false),
            ("Gratitude", false),
            ("Went to the shop", false),
            ("Well-being", false),
            ("Relationship", false),
            ("Tasks", false),
        ];
        for (label, names) in cases {
            assert_eq!(names_accomplishments(label), names, "{label}");
        }
    }

    #[test]
    fn labels_are_counted_once_a_note_and_proposed_when_used() {
        let dir = tempfile::tempdir().unwrap();
        let config = Config::load(dir.path(), today()).unwrap();
        let note = |extra: &str| {
            format!("# Day\n\n## 🎉 Accomplishments:\n- a\n\n## Accomplishments\n\n**Highlights:**\n- b\n{extra}")
        };
        let notes = [
            note("\n## Wins\n- c\n"),
            note(""),
            note(""),
            note(""),
            note("\n### Proud of\n- once\n"),
        ];
        let labels = labels_of(&config, &notes, Some("## Done\n- \n"), None);
        let shown: Vec<(&str, usize, bool, bool)> = labels
            .uses
            .iter()
            .map(|u| (u.label.as_str(), u.notes, u.in_template, u.read_already))
            .collect();
        assert_eq!(
            shown,
            [
                ("Accomplishments", 5, false, false),
                ("Day", 5, false, false),
                ("Highlights", 5, false, false),
                ("Proud of", 1, false, false),
                ("Wins", 1, false, true),
                ("Done", 0, true, false),
            ]
        );
        let proposed: Vec<&str> = labels
            .proposals()
            .iter()
            .map(|u| u.label.as_str())
            .collect();
        assert_eq!(proposed, ["Accomplishments", "Highlights", "Done"]);
    }
}
