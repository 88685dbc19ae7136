//! Turning the settings file and the detected settings into one [`Config`]: the file wins over
//! what was detected, which wins over the defaults, and settings that must agree are checked.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveTime, Weekday};

use std::collections::BTreeMap;

use super::detect::{Detected, PeriodicSetting};
use super::file::{BreakSettings, FileSettings, PeriodSettings, ReviewSettings, WinsSettings};
use super::{
    folder_setting, moment_format, template_setting, Break, Config, DailyNotes, Discovery, Goal,
    LayoutSource, LinkPath, LinkSyntax, PeriodNotes, Review, ReviewPinned, VaultStyle, CONFIG_FILE,
    FORMAT_HINT,
};
use crate::dates::{clock, Clock, DateFormat, Period, PeriodKind, WeekStart};
use crate::error::{Error, Result};
use crate::markdown::heading;
use crate::model::{WinPattern, WinRules};
use crate::paths::SettingStyle;

/// The largest daily goal (and win-day threshold): far above any real day, and small enough
/// that nothing sized by a goal can grow without bound.
pub const MAX_DAILY_GOAL: u32 = 1000;

/// Resolves `settings` (read from `config_file`, if any) and `detected` for `vault` and `today`.
pub(super) fn resolve(
    vault: &Path,
    today: NaiveDate,
    clock: Clock,
    settings: FileSettings,
    config_file: Option<PathBuf>,
    detected: Detected,
) -> Result<Config> {
    let config_path = vault.join(CONFIG_FILE);
    let notes = settings.notes.unwrap_or_default();
    let setting =
        |value: &str, key: &str| folder_setting(value, SettingStyle::Relative, &config_path, key);
    let template = notes
        .template
        .as_deref()
        .map(|path| template_setting(path, SettingStyle::Relative, &config_path, "notes.template"))
        .transpose()?;
    let daily = if notes.folder.is_some() || notes.format.is_some() {
        let format = notes.format.as_deref().unwrap_or("YYYY-MM-DD");
        DailyNotes {
            folder: setting(notes.folder.as_deref().unwrap_or(""), "notes.folder")?,
            format: DateFormat::moment(format).map_err(|err| {
                Error::config(&config_path, format!("notes.format: {err}; {FORMAT_HINT}"))
            })?,
            template,
            source: LayoutSource::SmallwinsToml,
            template_pinned: notes.template.is_some(),
            logseq: detected.logseq.clone(),
        }
    } else {
        let (folder, format, detected_template, source) = match detected.daily {
            Some(found) => found,
            None => (
                String::new(),
                moment_format("YYYY-MM-DD", &config_path)?,
                None,
                LayoutSource::Default,
            ),
        };
        DailyNotes {
            folder,
            format,
            template: template.or(detected_template),
            source,
            template_pinned: notes.template.is_some(),
            logseq: detected.logseq.clone(),
        }
    };
    if !daily.format.last_segment().has_full_date() {
        return Err(Error::config(
            &config_path,
            format!(
                "daily note format `{}` does not name a day (it needs a year, a month and a day)",
                daily.format.as_moment()
            ),
        ));
    }

    let wins = settings.wins.unwrap_or_default();
    let goal_settings = settings.goal.unwrap_or_default();
    let rules = win_rules(
        wins,
        goal_settings.rest_tag.as_deref(),
        detected.logseq.is_some(),
    )
    .map_err(|message| Error::config(&config_path, message))?;

    let rest_days = goal_settings
        .rest_days
        .unwrap_or_default()
        .iter()
        .map(|day| {
            // chrono reads `mon`…`sun` and `monday`…`sunday` in any case, and nothing else.
            day.parse::<Weekday>().map_err(|_| {
                Error::config(
                    &config_path,
                    format!("goal.rest_days: `{day}` is not a weekday (use mon, tue, wed, thu, fri, sat, sun)"),
                )
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let default_goal = Goal::default();
    let bounded = |value: Option<u32>, default: u32, key: &str, most: u32| match value {
        None => Ok(default),
        Some(value) if (1..=most).contains(&value) => Ok(value),
        Some(value) => Err(Error::config(
            &config_path,
            format!("{key} = {value} is out of range: use a number from 1 to {most}"),
        )),
    };
    let goal = Goal {
        daily: bounded(
            goal_settings.daily,
            default_goal.daily,
            "goal.daily",
            MAX_DAILY_GOAL,
        )?,
        min_wins: bounded(
            goal_settings.min_wins,
            default_goal.min_wins,
            "goal.min_wins",
            MAX_DAILY_GOAL,
        )?,
        weekly: bounded(
            goal_settings.weekly,
            default_goal.weekly,
            "goal.weekly",
            7 * MAX_DAILY_GOAL,
        )?,
        rest_days,
        breaks: breaks(
            goal_settings.breaks.as_deref().unwrap_or_default(),
            &config_path,
        )?,
    };

    let style = match detected.logseq {
        Some(logseq) if !detected.obsidian || daily.source == LayoutSource::Logseq => {
            VaultStyle::Logseq(logseq)
        }
        _ if detected.obsidian => VaultStyle::Obsidian,
        _ => VaultStyle::Plain,
    };
    let review_settings = settings.review.unwrap_or_default();
    let review_pinned = ReviewPinned {
        periodic_location: review_settings.folder.is_none()
            && review_settings.format.is_none()
            && detected.periodic.contains_key(&PeriodKind::Week),
        week_start: review_settings.week_start.is_some(),
        links: review_settings.links.is_some(),
    };
    let exclude = settings
        .exclude
        .unwrap_or_default()
        .iter()
        .map(|folder| setting(folder, "exclude"))
        .collect::<Result<Vec<_>>>()?;
    let review = resolve_review(
        review_settings,
        detected.periodic,
        detected.periodic_file.as_deref(),
        links_default(&style, detected.markdown_links, detected.link_path),
        &config_path,
    )?;

    Ok(Config {
        vault: vault.to_path_buf(),
        today,
        clock,
        exclude,
        daily,
        rules,
        goal,
        review,
        config_file,
        discovery: Discovery::default(),
        style,
        review_pinned,
        cache_dir: None,
    })
}

/// The win rules of `[wins]` (and `goal.rest_tag`) over the defaults; an error names the key.
fn win_rules(
    wins: WinsSettings,
    rest_tag: Option<&str>,
    logseq: bool,
) -> std::result::Result<WinRules, String> {
    let defaults = WinRules::default();
    let tags: Vec<String> = wins
        .tags
        .unwrap_or(defaults.tags)
        .iter()
        .map(|t| strip_hash(t))
        .collect();
    if tags.iter().any(String::is_empty) {
        return Err("wins.tags: a tag cannot be empty".to_owned());
    }
    let section_words = wins.section_words.unwrap_or(defaults.section_words);
    let sections = wins.sections.unwrap_or(defaults.sections);
    for (key, labels) in [("section_words", &section_words), ("sections", &sections)] {
        if let Some(label) = labels.iter().find(|l| heading::normalize(l).is_empty()) {
            return Err(format!(
                "wins.{key}: `{label}` has no letters or digits, so no heading can match it"
            ));
        }
    }
    let patterns = wins
        .patterns
        .unwrap_or_default()
        .iter()
        .enumerate()
        .map(|(i, source)| {
            WinPattern::new(source).map_err(|err| {
                let err = err.to_string().trim_end().replace('\n', "\n  ");
                format!("wins.patterns[{i}]: not a valid pattern: {err}")
            })
        })
        .collect::<std::result::Result<Vec<_>, String>>()?;
    Ok(WinRules {
        tags,
        section_words,
        sections,
        fields: wins.fields.unwrap_or(defaults.fields),
        properties: wins.properties.unwrap_or(defaults.properties),
        done_tasks: wins.done_tasks.unwrap_or(defaults.done_tasks),
        patterns,
        allow_empty: wins.allow_empty.unwrap_or(defaults.allow_empty),
        rest_tag: rest_tag.map(strip_hash).unwrap_or(defaults.rest_tag),
        logseq,
    })
}

/// The link style reviews default to: Obsidian's settings in an Obsidian vault; markdown links
/// by relative path in a plain folder, which any markdown viewer follows.
fn links_default(
    style: &VaultStyle,
    markdown_links: bool,
    link_path: LinkPath,
) -> (LinkSyntax, LinkPath) {
    match style {
        VaultStyle::Plain => (LinkSyntax::Markdown, LinkPath::Relative),
        _ if markdown_links => (LinkSyntax::Markdown, link_path),
        _ => (LinkSyntax::Wikilink, link_path),
    }
}

/// Review folders, formats, templates and the week start. The weekly format's week tokens and
/// the week start must agree, or a review would be named for one week and hold another: unset,
/// the week start follows the format (`gggg`/`ww` are Sunday weeks), and the default format
/// follows the week start. Every format must give consecutive periods different names.
fn resolve_review(
    mut settings: ReviewSettings,
    mut periodic: BTreeMap<PeriodKind, PeriodicSetting>,
    periodic_file: Option<&Path>,
    (default_links, link_path): (LinkSyntax, LinkPath),
    config_path: &Path,
) -> Result<Review> {
    let periodic_weekly = match (&settings.folder, &settings.format) {
        (None, None) => periodic.remove(&PeriodKind::Week),
        _ => None,
    };
    let periodic_path = periodic_file.unwrap_or(config_path);
    let (format, format_source) = match (settings.format.as_deref(), periodic_weekly.as_ref()) {
        (Some(format), _) => (
            DateFormat::moment(format).map_err(|err| {
                Error::config(config_path, format!("review.format: {err}; {FORMAT_HINT}"))
            })?,
            Some(("review.format", config_path)),
        ),
        (None, Some(weekly)) => (
            weekly.format.clone(),
            Some(("the Periodic Notes weekly format", periodic_path)),
        ),
        (None, None) => {
            let default = match settings.week_start {
                Some(WeekStart::Sunday) => "gggg-[W]ww",
                _ => "GGGG-[W]WW",
            };
            (moment_format(default, config_path)?, None)
        }
    };
    let week_start = settings
        .week_start
        .or(format.week_numbering())
        .unwrap_or_default();
    if let (Some(numbering), Some((source, file))) = (format.week_numbering(), format_source) {
        if numbering != week_start {
            let (tokens, wanted) = match numbering {
                WeekStart::Monday => (
                    "ISO week tokens (GGGG, WW), which start weeks on Monday",
                    "monday",
                ),
                WeekStart::Sunday => (
                    "locale week tokens (gggg, ww), which start weeks on Sunday",
                    "sunday",
                ),
            };
            return Err(Error::config(
                file,
                format!(
                    "{source} `{}` uses {tokens}, but review.week_start is not `{wanted}`: set review.week_start = \"{wanted}\" or change the format",
                    format.as_moment()
                ),
            ));
        }
    }
    if let Some((source, file)) = format_source {
        check_names_differ(PeriodKind::Week, &format, week_start, source, file)?;
    }
    let toml_folder = settings
        .folder
        .as_deref()
        .map(|folder| folder_setting(folder, SettingStyle::Relative, config_path, "review.folder"))
        .transpose()?;
    let locations = (config_path, periodic_path);
    let mut period = |kind, table| {
        let periodic = periodic.remove(&kind);
        resolve_period(kind, table, periodic, toml_folder.as_deref(), locations)
    };
    let month = period(PeriodKind::Month, settings.month.take())?;
    let quarter = period(PeriodKind::Quarter, settings.quarter.take())?;
    let year = period(PeriodKind::Year, settings.year.take())?;
    Ok(Review {
        folder: toml_folder
            .clone()
            .or(periodic_weekly.as_ref().map(|weekly| weekly.folder.clone()))
            .unwrap_or_else(|| DEFAULT_FOLDER.to_owned()),
        format,
        template: settings
            .template
            .as_deref()
            .map(|path| {
                template_setting(path, SettingStyle::Relative, config_path, "review.template")
            })
            .transpose()?
            .or(periodic_weekly.and_then(|weekly| weekly.template)),
        week_start,
        links: settings.links.unwrap_or(default_links),
        link_path,
        month,
        quarter,
        year,
    })
}

/// Where reviews go when nothing says otherwise.
const DEFAULT_FOLDER: &str = "Reviews";

/// One period's review settings: its `[review.KIND]` table, else the Periodic Notes settings
/// of that period, else the `[review]` folder and the default format.
fn resolve_period(
    kind: PeriodKind,
    table: Option<PeriodSettings>,
    periodic: Option<PeriodicSetting>,
    review_folder: Option<&str>,
    (config_path, periodic_path): (&Path, &Path),
) -> Result<PeriodNotes> {
    let configured = table.is_some() || periodic.is_some();
    let table = table.unwrap_or_default();
    let (format, source, file) = match (table.format.as_deref(), &periodic) {
        (Some(format), _) => {
            let key = format!("review.{kind}.format");
            let format = DateFormat::moment(format).map_err(|err| {
                Error::config(config_path, format!("{key}: {err}; {FORMAT_HINT}"))
            })?;
            (format, key, config_path)
        }
        (None, Some(setting)) => (
            setting.format.clone(),
            format!("the Periodic Notes {} format", kind.adjective()),
            periodic_path,
        ),
        (None, None) => {
            let default = match kind {
                PeriodKind::Month => "YYYY-MM",
                PeriodKind::Quarter => "YYYY-[Q]Q",
                _ => "YYYY",
            };
            (
                moment_format(default, config_path)?,
                String::new(),
                config_path,
            )
        }
    };
    check_names_differ(kind, &format, WeekStart::Monday, &source, file)?;
    let periodic_folder = periodic.as_ref().map(|setting| setting.folder.clone());
    let path_key = |name: &str| format!("review.{kind}.{name}");
    let template = table
        .template
        .as_deref()
        .map(|path| {
            template_setting(
                path,
                SettingStyle::Relative,
                config_path,
                &path_key("template"),
            )
        })
        .transpose()?;
    Ok(PeriodNotes {
        folder: table
            .folder
            .as_deref()
            .map(|folder| {
                folder_setting(
                    folder,
                    SettingStyle::Relative,
                    config_path,
                    &path_key("folder"),
                )
            })
            .transpose()?
            .or(periodic_folder)
            .or(review_folder.map(str::to_owned))
            .unwrap_or_else(|| DEFAULT_FOLDER.to_owned()),
        format,
        template: template.or(periodic.and_then(|setting| setting.template)),
        configured,
    })
}

/// `day_starts_at`, midnight when unset.
pub(super) fn day_start(settings: Option<&FileSettings>, config_path: &Path) -> Result<NaiveTime> {
    match settings.and_then(|settings| settings.day_starts_at.as_ref()) {
        None => Ok(NaiveTime::MIN),
        Some(value) => clock::parse_day_start(value)
            .map_err(|why| Error::config(config_path, format!("day_starts_at: {why}"))),
    }
}

/// `[[goal.breaks]]`, each a whole-day range that does not run backwards, sorted.
fn breaks(settings: &[BreakSettings], config_path: &Path) -> Result<Vec<Break>> {
    let mut breaks = settings
        .iter()
        .map(|entry| {
            let day = |value: &super::file::DateValue, key: &str| {
                value.date().ok_or_else(|| {
                    Error::config(
                        config_path,
                        format!(
                            "goal.breaks: {key} = {} is not a date: use \"YYYY-MM-DD\"",
                            value.as_written()
                        ),
                    )
                })
            };
            let (from, to) = (day(&entry.from, "from")?, day(&entry.to, "to")?);
            if from > to {
                return Err(Error::config(
                    config_path,
                    format!("goal.breaks: from = {from} is after to = {to}"),
                ));
            }
            Ok(Break { from, to })
        })
        .collect::<Result<Vec<_>>>()?;
    breaks.sort();
    Ok(breaks)
}

/// A note name format must give two consecutive periods two names, or every month (say) would
/// write into one note. Periods from 2020 to 2030 are tried, which covers every kind of
/// repetition a format can have (leap years and 53-week years included).
fn check_names_differ(
    kind: PeriodKind,
    format: &DateFormat,
    start: WeekStart,
    source: &str,
    file: &Path,
) -> Result<()> {
    let (Some(first), Some(last)) = (
        NaiveDate::from_ymd_opt(2020, 1, 1),
        NaiveDate::from_ymd_opt(2030, 12, 31),
    ) else {
        return Ok(());
    };
    let mut period = Period::containing(kind, first, start);
    let mut name = format.format(period.naming_day());
    while period.last_day() < last {
        let next = period.next();
        let next_name = format.format(next.naming_day());
        if next_name == name {
            let suggestion = match kind {
                PeriodKind::Week => "GGGG-[W]WW",
                PeriodKind::Month => "YYYY-MM",
                PeriodKind::Quarter => "YYYY-[Q]Q",
                PeriodKind::Year => "YYYY",
            };
            return Err(Error::config(
                file,
                format!(
                    "{source} `{}` gives {period} and {next} the same note name `{name}`: a {} format needs a {kind} token, e.g. `{suggestion}`",
                    format.as_moment(),
                    kind.adjective()
                ),
            ));
        }
        (period, name) = (next, next_name);
    }
    Ok(())
}

fn strip_hash(tag: &str) -> String {
    tag.trim().trim_start_matches('#').to_owned()
}

#[cfg(test)]
mod tests {
    use chrono::Weekday;

    use crate::config::test_vaults::{today, vault_with};
    use crate::config::Config;
    use crate::dates::{PeriodKind, WeekStart};

    #[test]
    fn smallwins_toml_wins_over_obsidian() {
        let vault = vault_with(&[
            (".obsidian/daily-notes.json", r#"{"folder":"Daily"}"#),
            (".smallwins.toml", "exclude = [\"Archive/\"]\n[notes]\nfolder = \"Journal\"\n[goal]\nrest_days = [\"sat\", \"Sunday\"]\nrest_tag = \"#off\"\n"),
        ]);
        let config = Config::load(vault.path(), today()).unwrap();
        assert_eq!(config.daily.folder, "Journal");
        assert_eq!(config.exclude, vec!["Archive".to_owned()]);
        assert_eq!(config.goal.rest_days, vec![Weekday::Sat, Weekday::Sun]);
        assert_eq!(config.rules.rest_tag, "off");
    }

    #[test]
    fn bad_format_names_the_file_once_and_says_what_to_use() {
        for (toml, key) in [
            ("[notes]\nformat = \"YYYY-QQ\"\n", "notes.format"),
            ("[review]\nformat = \"GGGG-[W\"\n", "review.format"),
        ] {
            let vault = vault_with(&[(".smallwins.toml", toml)]);
            let err = Config::load(vault.path(), today()).unwrap_err().to_string();
            assert_eq!(err.matches(".smallwins.toml").count(), 1, "{err}");
            assert!(
                err.contains(key) && err.contains("use moment.js tokens"),
                "{err}"
            );
        }
    }

    #[test]
    fn week_start_and_review_format_agree() {
        let sunday = vault_with(&[(".smallwins.toml", "[review]\nweek_start = \"sunday\"\n")]);
        let config = Config::load(sunday.path(), today()).unwrap();
        assert_eq!(config.review.format.as_moment(), "gggg-[W]ww");

        let periodic = vault_with(&[(
            ".obsidian/plugins/periodic-notes/data.json",
            r#"{"weekly":{"enabled":true,"folder":"Weekly","format":""}}"#,
        )]);
        let config = Config::load(periodic.path(), today()).unwrap();
        assert_eq!(config.review.week_start, WeekStart::Sunday);
        assert_eq!(config.review.folder, "Weekly");

        let mixed = vault_with(&[(
            ".smallwins.toml",
            "[review]\nformat = \"GGGG-[W]WW\"\nweek_start = \"sunday\"\n",
        )]);
        let err = Config::load(mixed.path(), today()).unwrap_err().to_string();
        assert!(
            err.contains("review.format `GGGG-[W]WW`") && err.contains("monday"),
            "{err}"
        );
    }

    #[test]
    fn breaks_and_day_start_are_read() {
        let vault = vault_with(&[(
            ".smallwins.toml",
            "day_starts_at = \"04:00\"\n[[goal.breaks]]\nfrom = \"2026-12-24\"\nto = 2027-01-01\n\n\
             [[goal.breaks]]\nfrom = 2026-08-03\nto = \"2026-08-03\"\n",
        )]);
        let config = Config::load(vault.path(), today()).unwrap();
        assert_eq!(config.clock.day_starts_at.to_string(), "04:00:00");
        let breaks: Vec<String> = config
            .goal
            .breaks
            .iter()
            .map(|b| format!("{}..{}", b.from, b.to))
            .collect();
        assert_eq!(breaks, ["2026-08-03..2026-08-03", "2026-12-24..2027-01-01"]);
    }

    #[test]
    fn bad_breaks_and_day_starts_name_the_key() {
        let cases = [
            (
                "day_starts_at = \"4am\"\n",
                "day_starts_at: `4am` is not a time",
            ),
            (
                "day_starts_at = \"18:00\"\n",
                "day_starts_at: `18:00` is after noon",
            ),
            (
                "[[goal.breaks]]\nfrom = \"2027-01-01\"\nto = \"2026-12-24\"\n",
                "goal.breaks: from = 2027-01-01 is after to = 2026-12-24",
            ),
            (
                "[[goal.breaks]]\nfrom = \"Christmas\"\nto = \"2026-12-24\"\n",
                "goal.breaks: from = Christmas is not a date",
            ),
            (
                "[[goal.breaks]]\nfrom = 2026-12-24T10:00:00\nto = \"2026-12-24\"\n",
                "is not a date",
            ),
            (
                "[[goal.breaks]]\nfrom = \"2026-12-24\"\n",
                "missing key `to`",
            ),
        ];
        for (toml, want) in cases {
            let vault = vault_with(&[(".smallwins.toml", toml)]);
            let err = Config::load(vault.path(), today()).unwrap_err().to_string();
            assert!(
                err.contains(want) && err.contains(".smallwins.toml"),
                "{toml}: {err}"
            );
        }
    }

    #[test]
    fn every_period_has_a_folder_format_and_template() {
        let vault = vault_with(&[(
            ".smallwins.toml",
            "[review]\nfolder = \"Weekly\"\ntemplate = \"T/Week\"\n[review.month]\nfolder = \"Monthly\"\nformat = \"YYYY/MMMM\"\ntemplate = \"T/Month.md\"\n",
        )]);
        let review = Config::load(vault.path(), today()).unwrap().review;
        let location = |kind| {
            let at = review.location(kind);
            (
                at.folder.to_owned(),
                at.format.as_moment(),
                at.template.map(str::to_owned),
                at.configured,
            )
        };
        assert_eq!(
            location(PeriodKind::Week),
            (
                "Weekly".into(),
                "GGGG-[W]WW".into(),
                Some("T/Week.md".into()),
                true
            )
        );
        assert_eq!(
            location(PeriodKind::Month),
            (
                "Monthly".into(),
                "YYYY/MMMM".into(),
                Some("T/Month.md".into()),
                true
            )
        );
        assert_eq!(
            location(PeriodKind::Quarter),
            ("Weekly".into(), "YYYY-[Q]Q".into(), None, false),
            "unset, a period follows the [review] folder"
        );
        assert_eq!(location(PeriodKind::Year).1, "YYYY");
        assert_eq!(review.folders(), ["Monthly", "Weekly"]);
        let defaults = vault_with(&[]);
        let review = Config::load(defaults.path(), today()).unwrap().review;
        assert_eq!(review.folders(), ["Reviews"]);
        assert!(!review.location(PeriodKind::Month).configured);
    }

    #[test]
    fn a_format_that_names_two_periods_alike_is_a_config_error() {
        let cases = [
            (
                "[review.month]\nformat = \"YYYY\"\n",
                "review.month.format `YYYY` gives 2020-01 and 2020-02 the same note name `2020`: a monthly format needs a month token, e.g. `YYYY-MM`",
            ),
            (
                "[review.quarter]\nformat = \"YYYY\"\n",
                "review.quarter.format `YYYY` gives 2020-Q1 and 2020-Q2",
            ),
            ("[review.year]\nformat = \"[Year]\"\n", "a yearly format needs a year token"),
            ("[review]\nformat = \"GGGG\"\n", "review.format `GGGG` gives 2020-W01 and 2020-W02"),
        ];
        for (toml, message) in cases {
            let vault = vault_with(&[(".smallwins.toml", toml)]);
            let err = Config::load(vault.path(), today()).unwrap_err().to_string();
            assert!(
                err.contains(message) && err.contains(".smallwins.toml"),
                "{err}"
            );
        }
        let fine = vault_with(&[(
            ".smallwins.toml",
            "[review.month]\nformat = \"MMMM YYYY\"\n[review.quarter]\nformat = \"YYYY-MM\"\n[review.year]\nformat = \"[Year] YYYY\"\n",
        )]);
        assert!(Config::load(fine.path(), today()).is_ok());
    }

    #[test]
    fn bad_rest_day_is_a_config_error() {
        let vault = vault_with(&[(".smallwins.toml", "[goal]\nrest_days = [\"someday\"]\n")]);
        let err = Config::load(vault.path(), today()).unwrap_err().to_string();
        assert!(
            err.contains("goal.rest_days") && err.contains("someday"),
            "{err}"
        );
    }

    #[test]
    fn rest_days_are_english_weekday_names_in_any_case() {
        let cases = [
            ("mon", Some(Weekday::Mon)),
            ("Tuesday", Some(Weekday::Tue)),
            ("WED", Some(Weekday::Wed)),
            ("sunday", Some(Weekday::Sun)),
            ("sat", Some(Weekday::Sat)),
            ("tues", None),
            ("", None),
            ("sunday ", None),
            ("lundi", None),
            ("é", None),
        ];
        for (day, expected) in cases {
            let toml = format!("[goal]\nrest_days = [\"{day}\"]\n");
            let vault = vault_with(&[(".smallwins.toml", &toml)]);
            let rest_days = Config::load(vault.path(), today()).map(|c| c.goal.rest_days);
            assert_eq!(rest_days.ok(), expected.map(|d| vec![d]), "{day:?}");
        }
    }

    #[test]
    fn wins_keys_are_read_and_checked() {
        let vault = vault_with(&[
            ("logseq/config.edn", "{}"),
            (
                ".smallwins.toml",
                "[wins]\nsection_words = [\"went well\"]\nsections = [\"Successes\"]\nproperties = [\"done\"]\ndone_tasks = true\npatterns = ['^✅\\s*(?P<text>.+)$']\n",
            ),
        ]);
        let rules = Config::load(vault.path(), today()).unwrap().rules;
        assert_eq!(rules.section_words, ["went well"]);
        assert_eq!(rules.sections, ["Successes"]);
        assert_eq!(rules.properties, ["done"]);
        assert!(rules.done_tasks && rules.logseq);
        assert_eq!(rules.patterns.len(), 1);

        for (toml, key) in [
            (
                "[wins]\npatterns = ['ok', '(unclosed']\n",
                "wins.patterns[1]",
            ),
            ("[wins]\nsection_words = ['🏆']\n", "wins.section_words"),
            ("[wins]\nsections = ['']\n", "wins.sections"),
        ] {
            let vault = vault_with(&[(".smallwins.toml", toml)]);
            let err = Config::load(vault.path(), today()).unwrap_err().to_string();
            assert!(err.contains(key), "{err}");
        }
        let huge = "[wins]\npatterns = ['(\\w{1000}){1000}']\n";
        let vault = vault_with(&[(".smallwins.toml", huge)]);
        let err = Config::load(vault.path(), today()).unwrap_err().to_string();
        assert!(err.contains("wins.patterns[0]"), "{err}");
    }
}
