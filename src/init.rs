//! `init`: describe the detected vault layout and write a starting `.smallwins.toml`.

use std::io::{self, Write};

use crate::config::{Config, LayoutSource, LinkPath, LinkSyntax, CONFIG_FILE};
use crate::error::{Error, Result};
use crate::journal::Journal;
use crate::words::count;
use crate::write::{update, WriteOutcome};

/// Writes `.smallwins.toml` for the detected layout; refuses to replace one unless `force`.
pub fn write_config(config: &Config, force: bool) -> Result<WriteOutcome> {
    let path = crate::paths::safe_output_path(&config.vault, CONFIG_FILE)?;
    let text = config_text(config);
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
pub fn describe(out: &mut dyn Write, config: &Config, journal: &Journal) -> io::Result<()> {
    let daily = &config.daily;
    let folder = if daily.folder.is_empty() {
        "the vault root".to_owned()
    } else {
        format!("{}/", daily.folder)
    };
    writeln!(out, "vault:        {}", config.vault.display())?;
    writeln!(
        out,
        "daily notes:  {folder}, named {}",
        daily.format.as_moment()
    )?;
    writeln!(out, "              from {}", daily.source.describe())?;
    if let Some(template) = &daily.template {
        writeln!(out, "template:     {template}")?;
    }
    let daily_count = journal
        .notes
        .iter()
        .filter(|note| {
            matches!(
                crate::vault::classify(config, &note.source),
                crate::vault::PathKind::Daily(_)
            )
        })
        .count();
    let wins: usize = journal.notes.iter().map(|note| note.wins.len()).sum();
    writeln!(
        out,
        "found:        {}, {} dated by front matter, {}",
        count(daily_count, "daily note", "daily notes"),
        count(journal.notes.len() - daily_count, "note", "notes"),
        count(wins, "win", "wins")
    )?;
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

/// The starting configuration: the detected layout (commented out when it comes from Obsidian
/// or Logseq, so that changing it there keeps working) and every other key at its default.
pub fn config_text(config: &Config) -> String {
    let daily = &config.daily;
    let pinned = matches!(daily.source, LayoutSource::SmallwinsToml);
    let comment = if pinned { "" } else { "# " };
    let mut text = String::from(
        "# smallwins configuration. Every key is optional; delete a key to get its default.\n\n",
    );
    text.push_str(&format!(
        "# Folders that are never read (hidden folders never are).\nexclude = {}\n\n",
        toml_list(&config.exclude)
    ));
    if !pinned {
        text.push_str(&format!(
            "# Daily notes follow {}.\n# Uncomment [notes] to override it.\n",
            daily.source.describe()
        ));
    }
    text.push_str(&format!("{comment}[notes]\n"));
    text.push_str(&format!(
        "{comment}folder = {}\n",
        toml_string(&daily.folder)
    ));
    text.push_str(&format!(
        "{comment}format = {}\n",
        toml_string(&daily.format.as_moment())
    ));
    if let Some(template) = &daily.template {
        text.push_str(&format!("{comment}template = {}\n", toml_string(template)));
    }
    let rules = &config.rules;
    let goal = &config.goal;
    text.push_str(&format!(
        "\n[wins]\ntags = {}\nsections = {}\nfields = {}\nallow_empty = {}\n",
        toml_list(&rules.tags),
        toml_list(&rules.sections),
        toml_list(&rules.fields),
        rules.allow_empty
    ));
    let rest_days: Vec<String> = goal
        .rest_days
        .iter()
        .map(|day| day.to_string().to_ascii_lowercase())
        .collect();
    text.push_str(&format!(
        "\n[goal]\ndaily = {}\nmin_wins = {}\nweekly = {}\nrest_days = {}\nrest_tag = {}\n",
        goal.daily,
        goal.min_wins,
        goal.weekly,
        toml_list(&rest_days),
        toml_string(&rules.rest_tag)
    ));
    text.push_str(&review_text(config));
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

    #[test]
    fn forced_init_keeps_what_the_person_set() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join(CONFIG_FILE),
            "exclude = [\"Archive\"]\n[review]\nlinks = \"markdown\"\nweek_start = \"sunday\"\n",
        )
        .unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let before = Config::load(dir.path(), today).unwrap();
        assert_eq!(write_config(&before, true).unwrap(), WriteOutcome::Updated);
        let after = Config::load(dir.path(), today).unwrap();
        assert_eq!(after.exclude, vec!["Archive".to_owned()]);
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
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let before = Config::load(dir.path(), today).unwrap();
        assert_eq!(write_config(&before, false).unwrap(), WriteOutcome::Created);
        let after = Config::load(dir.path(), today).unwrap();
        assert_eq!(after.daily.folder, "Daily");
        assert_eq!(after.daily.format.as_moment(), "YYYY/MM/YYYY-MM-DD");
        assert_eq!(after.rules, before.rules);
        assert_eq!(after.goal, before.goal);
        assert!(write_config(&after, false).is_err(), "refuses to overwrite");
        assert_eq!(after.review.links, before.review.links);
        assert_eq!(write_config(&after, true).unwrap(), WriteOutcome::Unchanged);
    }
}
