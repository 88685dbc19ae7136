//! `Wins.base`: an Obsidian Bases file next to the reviews, with a table of the review notes
//! of each period (their `wins`, `win_days`, `goal_days` and `streak` properties) and a table
//! of the days with wins. Written once when missing, never overwritten: it is the person's to
//! edit.
//!
//! Syntax as Obsidian documents it (help: Bases syntax, Views; API: `BasesConfigFile`):
//! top-level `filters`, `properties` (`displayName`) and `views`; each view a `type`, a `name`,
//! its own `filters`, `order` (the columns), `sort` (`property`, `direction`), `summaries`
//! (`property: Sum`) and `limit`. Every expression is written as a single-quoted YAML scalar.

use std::fs;

use crate::config::{Config, VaultStyle};
use crate::dates::PeriodKind;
use crate::error::{Error, Result};
use crate::paths::{self, safe_output_path};
use crate::write::{write_if_changed, WriteOutcome};

/// The base's file name.
pub const BASE_FILE: &str = "Wins.base";

/// Where `Wins.base` goes: next to the reviews, in the deepest folder holding every kind of
/// review (`Reviews/`, or `Periodic/` for `Periodic/Weekly/` and `Periodic/Monthly/`).
pub fn base_path(config: &Config) -> String {
    let folders = config.review.folders();
    let mut common: Vec<&str> = folders
        .first()
        .map(|folder| folder.split('/').filter(|part| !part.is_empty()).collect())
        .unwrap_or_default();
    for folder in folders.iter().skip(1) {
        let parts: Vec<&str> = folder.split('/').filter(|part| !part.is_empty()).collect();
        let shared = common
            .iter()
            .zip(&parts)
            .take_while(|(a, b)| a == b)
            .count();
        common.truncate(shared);
    }
    paths::in_folder(&common.join("/"), BASE_FILE)
}

/// Creates `Wins.base` in an Obsidian vault when it is missing (or, with `dry_run`, says it
/// would): `None` when there is nothing to do, because the vault is not an Obsidian vault or
/// the file already exists, whatever it holds.
pub fn ensure_base(config: &Config, dry_run: bool) -> Result<Option<(String, WriteOutcome)>> {
    if config.style != VaultStyle::Obsidian {
        return Ok(None);
    }
    let relative = base_path(config);
    let path = safe_output_path(&config.vault, &relative)?;
    match fs::symlink_metadata(&path) {
        Ok(_) => return Ok(None),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
        Err(err) => return Err(Error::io(&path, err)),
    }
    if dry_run {
        return Ok(Some((relative, WriteOutcome::Created)));
    }
    let outcome = write_if_changed(&path, base_text(config).as_bytes())?;
    Ok(Some((relative, outcome)))
}

/// The text of `Wins.base` for the vault of `config`.
pub fn base_text(config: &Config) -> String {
    let mut out = String::from(
        "# Wins.base: written once by smallwins, yours to edit (smallwins never overwrites it).\n\
         # Open it in Obsidian (Bases is a core plugin since 1.9) or embed it: ![[Wins.base]]\n",
    );
    out.push_str("filters:\n  and:\n    - 'file.ext == \"md\"'\n");
    out.push_str("properties:\n");
    let mut properties = vec![("file.name", "Note")];
    for kind in PeriodKind::ALL {
        properties.push((label_property(kind), title_case(kind.as_str())));
    }
    properties.extend([
        ("note.wins", "Wins"),
        ("note.win_days", "Win days"),
        ("note.goal_days", "Goal days"),
        ("note.streak", "Streak"),
    ]);
    for (property, name) in properties {
        out.push_str(&format!("  {property}:\n    displayName: {name}\n"));
    }
    out.push_str("views:\n");
    for kind in PeriodKind::ALL {
        out.push_str(&review_view(kind));
    }
    out.push_str(&days_view(config));
    out
}

/// The front matter key holding a review's label: `note.week`, `note.month`, …
fn label_property(kind: PeriodKind) -> &'static str {
    match kind {
        PeriodKind::Week => "note.week",
        PeriodKind::Month => "note.month",
        PeriodKind::Quarter => "note.quarter",
        PeriodKind::Year => "note.year",
    }
}

fn title_case(word: &'static str) -> &'static str {
    match word {
        "week" => "Week",
        "month" => "Month",
        "quarter" => "Quarter",
        _ => "Year",
    }
}

/// A table of one kind of review, newest first (by the `start` property, which sorts right
/// whatever the note names look like).
fn review_view(kind: PeriodKind) -> String {
    let name = match kind {
        PeriodKind::Week => "Weekly reviews",
        PeriodKind::Month => "Monthly reviews",
        PeriodKind::Quarter => "Quarterly reviews",
        PeriodKind::Year => "Yearly reviews",
    };
    let filter = format!("note.type == \"{}\"", super::context::review_type(kind));
    let mut view = format!(
        "  - type: table\n    name: {name}\n    filters:\n      and:\n        - {}\n    order:\n",
        quote(&filter)
    );
    for column in [
        "file.name",
        label_property(kind),
        "note.wins",
        "note.win_days",
        "note.goal_days",
        "note.streak",
    ] {
        view.push_str(&format!("      - {column}\n"));
    }
    view.push_str(
        "    sort:\n      - property: note.start\n        direction: DESC\n    summaries:\n      note.wins: Sum\n      note.win_days: Sum\n      note.streak: Max\n",
    );
    view
}

/// The daily notes that Bases can tell hold wins: tagged with a win tag, or with a `wins`
/// property. Bases reads only front matter, tags and links, so wins written only as section
/// items or `win::` fields do not show here (the README says so).
fn days_view(config: &Config) -> String {
    let mut filters = Vec::new();
    let folder = &config.daily.folder;
    if !folder.is_empty() && is_plain_string(folder) {
        filters.push(format!("file.inFolder(\"{folder}\")"));
    } else {
        // Daily notes anywhere: at least the reviews, which carry a `wins` property, stay out.
        for folder in config.review.folders() {
            if !folder.is_empty() && is_plain_string(folder) {
                filters.push(format!("!file.inFolder(\"{folder}\")"));
            }
        }
    }
    let mut any_win = Vec::new();
    for tag in &config.rules.tags {
        if is_plain_string(tag) {
            any_win.push(format!("file.hasTag(\"{tag}\")"));
        }
    }
    any_win.push("file.hasProperty(\"wins\")".to_owned());
    let mut view =
        String::from("  - type: table\n    name: Days with wins\n    filters:\n      and:\n");
    for filter in filters {
        view.push_str(&format!("        - {}\n", quote(&filter)));
    }
    view.push_str("        - or:\n");
    for filter in any_win {
        view.push_str(&format!("            - {}\n", quote(&filter)));
    }
    view.push_str(
        "    order:\n      - file.name\n      - file.tags\n    sort:\n      - property: file.name\n        direction: DESC\n    limit: 366\n",
    );
    view
}

/// Bases does not document escapes inside its string literals: names holding a quote or a
/// backslash are left out of the filters rather than written wrong.
fn is_plain_string(text: &str) -> bool {
    !text.contains(['"', '\\', '\n', '\r'])
}

/// A single-quoted YAML scalar: no character is special inside but the quote, doubled.
fn quote(expression: &str) -> String {
    format!("'{}'", expression.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use yaml_rust2::{Yaml, YamlLoader};

    use super::*;
    use crate::review::test_vault::config_with as config;

    fn keys(yaml: &Yaml) -> Vec<&str> {
        yaml.as_hash()
            .unwrap()
            .keys()
            .map(|key| key.as_str().unwrap())
            .collect()
    }

    /// Every key is one Obsidian documents, and every expression is a string.
    #[test]
    fn the_base_is_yaml_with_only_documented_keys() {
        let (_dir, config) = config(&[
            (
                ".obsidian/daily-notes.json",
                r#"{"folder":"Daily's \"odd\""}"#,
            ),
            (
                ".smallwins.toml",
                "[wins]\ntags = [\"win\", \"done's\"]\n[review.month]\nfolder = \"Months\"\n",
            ),
        ]);
        let text = base_text(&config);
        let docs = YamlLoader::load_from_str(&text).unwrap();
        let base = docs.first().unwrap();
        assert_eq!(keys(base), ["filters", "properties", "views"]);
        for (property, settings) in base["properties"].as_hash().unwrap() {
            let id = property.as_str().unwrap();
            assert!(id.starts_with("note.") || id.starts_with("file."), "{id}");
            assert_eq!(keys(settings), ["displayName"]);
        }
        let views = base["views"].as_vec().unwrap();
        let names: Vec<&str> = views.iter().map(|v| v["name"].as_str().unwrap()).collect();
        assert_eq!(
            names,
            [
                "Weekly reviews",
                "Monthly reviews",
                "Quarterly reviews",
                "Yearly reviews",
                "Days with wins"
            ]
        );
        let documented = [
            "type",
            "name",
            "filters",
            "order",
            "sort",
            "summaries",
            "limit",
        ];
        for view in views {
            assert_eq!(view["type"].as_str(), Some("table"));
            for key in keys(view) {
                assert!(documented.contains(&key), "{key}");
            }
            for column in view["order"].as_vec().unwrap() {
                assert!(column.as_str().unwrap().contains('.'));
            }
        }
        assert_eq!(
            views[1]["filters"]["and"][0].as_str(),
            Some("note.type == \"monthly-review\"")
        );
        let days = &views[4]["filters"]["and"];
        assert_eq!(
            days[0].as_str(),
            Some("!file.inFolder(\"Months\")"),
            "the daily folder with quotes is left out"
        );
        let any_win: Vec<&str> = days[2]["or"]
            .as_vec()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap())
            .collect();
        assert_eq!(
            any_win,
            [
                "file.hasTag(\"win\")",
                "file.hasTag(\"done's\")",
                "file.hasProperty(\"wins\")"
            ]
        );
    }

    #[test]
    fn the_base_goes_to_the_folder_holding_every_review() {
        let cases = [
            ("", "Reviews/Wins.base"),
            ("[review]\nfolder = \"Periodic/Weekly\"\n[review.month]\nfolder = \"Periodic/Monthly\"\n", "Periodic/Wins.base"),
            ("[review.year]\nfolder = \"Years\"\n", "Wins.base"),
        ];
        for (toml, path) in cases {
            let (_dir, config) = config(&[(".smallwins.toml", toml)]);
            assert_eq!(base_path(&config), path, "{toml}");
        }
    }

    #[test]
    fn the_base_is_created_once_and_only_in_obsidian_vaults() {
        let (dir, obsidian) = config(&[(".obsidian/app.json", "{}")]);
        let config = obsidian;
        assert_eq!(
            ensure_base(&config, true).unwrap(),
            Some(("Reviews/Wins.base".to_owned(), WriteOutcome::Created))
        );
        assert!(!dir.path().join("Reviews/Wins.base").exists());
        assert_eq!(
            ensure_base(&config, false).unwrap(),
            Some(("Reviews/Wins.base".to_owned(), WriteOutcome::Created))
        );
        fs::write(dir.path().join("Reviews/Wins.base"), "mine").unwrap();
        assert_eq!(ensure_base(&config, false).unwrap(), None);
        assert_eq!(
            fs::read_to_string(dir.path().join("Reviews/Wins.base")).unwrap(),
            "mine"
        );
        let (plain, plain_config) = self::config(&[]);
        assert_eq!(ensure_base(&plain_config, false).unwrap(), None);
        assert!(!plain.path().join("Reviews").exists());
    }
}
