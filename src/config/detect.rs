//! What the vault's own tools say about its layout: the Periodic Notes plugin, Obsidian's daily
//! notes and link settings, and Logseq's `config.edn`. Missing files are not errors.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::{folder_setting, moment_format, template_setting, LayoutSource, LinkPath, LogseqPages};
use crate::dates::{DateFormat, PeriodKind};
use crate::error::{Error, Result};
use crate::paths::SettingStyle;

/// One period's settings in the Periodic Notes plugin, when enabled there.
#[derive(Debug, Clone)]
pub struct PeriodicSetting {
    /// Vault-relative folder.
    pub folder: String,
    /// Note name format.
    pub format: DateFormat,
    /// Vault-relative template path, if set.
    pub template: Option<String>,
}

/// What Obsidian, its plugins or Logseq say about the layout.
#[derive(Debug, Default)]
pub struct Detected {
    /// Daily layout and where it came from.
    pub daily: Option<(String, DateFormat, Option<String>, LayoutSource)>,
    /// Periodic Notes settings of the weekly, monthly, quarterly and yearly notes it has enabled.
    pub periodic: BTreeMap<PeriodKind, PeriodicSetting>,
    /// The Periodic Notes settings file, when it exists.
    pub periodic_file: Option<PathBuf>,
    /// `useMarkdownLinks` from `.obsidian/app.json`.
    pub markdown_links: bool,
    /// `newLinkFormat` from `.obsidian/app.json`.
    pub link_path: LinkPath,
    /// The vault has a `.obsidian/` folder.
    pub obsidian: bool,
    /// The vault is a Logseq graph (`logseq/config.edn`): its pages folder and link titles.
    pub logseq: Option<LogseqPages>,
}

impl Detected {
    /// Reads the Obsidian and Logseq settings of `vault`; missing files are not errors.
    pub fn read(vault: &Path) -> Result<Detected> {
        let mut detected = Detected::default();
        let periodic = vault.join(".obsidian/plugins/periodic-notes/data.json");
        if let Some(json) = read_json(&periodic)? {
            detected.daily = periodic_setting(&json, "daily", "day", "YYYY-MM-DD", &periodic)?
                .map(|(folder, format, template)| {
                    Ok::<_, Error>((
                        folder,
                        moment_format(&format, &periodic)?,
                        template,
                        LayoutSource::PeriodicNotes,
                    ))
                })
                .transpose()?;
            for (kind, default) in [
                (PeriodKind::Week, "gggg-[W]ww"),
                (PeriodKind::Month, "YYYY-MM"),
                (PeriodKind::Quarter, "YYYY-[Q]Q"),
                (PeriodKind::Year, "YYYY"),
            ] {
                if let Some((folder, format, template)) =
                    periodic_setting(&json, kind.adjective(), kind.as_str(), default, &periodic)?
                {
                    let format = DateFormat::moment(&format).map_err(|err| {
                        Error::config(
                            &periodic,
                            format!("{} format: {err}; {}", kind.adjective(), super::FORMAT_HINT),
                        )
                    })?;
                    detected.periodic.insert(
                        kind,
                        PeriodicSetting {
                            folder,
                            format,
                            template,
                        },
                    );
                }
            }
            detected.periodic_file = Some(periodic);
        }
        let daily_notes = vault.join(".obsidian/daily-notes.json");
        if detected.daily.is_none() {
            if let Some(json) = read_json(&daily_notes)? {
                let folder = folder_setting(
                    json_str(&json, "folder"),
                    SettingStyle::Vault,
                    &daily_notes,
                    "folder",
                )?;
                let format = non_empty(json_str(&json, "format")).unwrap_or("YYYY-MM-DD");
                let template = non_empty(json_str(&json, "template"))
                    .map(|path| {
                        template_setting(path, SettingStyle::Vault, &daily_notes, "template")
                    })
                    .transpose()?;
                detected.daily = Some((
                    folder,
                    moment_format(format, &daily_notes)?,
                    template,
                    LayoutSource::ObsidianDailyNotes,
                ));
            }
        }
        let logseq = vault.join("logseq/config.edn");
        if logseq.is_file() {
            let text = fs::read_to_string(&logseq).map_err(|err| Error::io(&logseq, err))?;
            let logseq_format = |key: &str, default: &str| {
                let format = edn_string(&text, key).unwrap_or(default.into());
                DateFormat::logseq(&format)
                    .map_err(|err| Error::config(&logseq, format!("{key}: {err}")))
            };
            let logseq_folder = |key: &str, default: &str| -> Result<String> {
                Ok(edn_string(&text, key)
                    .map(|folder| folder_setting(&folder, SettingStyle::Relative, &logseq, key))
                    .transpose()?
                    .filter(|folder| !folder.is_empty())
                    .unwrap_or_else(|| default.to_owned()))
            };
            if detected.daily.is_none() {
                let format = logseq_format(":journal/file-name-format", "yyyy_MM_dd")?;
                let folder = logseq_folder(":journals-directory", "journals")?;
                detected.daily = Some((folder, format, None, LayoutSource::Logseq));
            }
            detected.logseq = Some(LogseqPages {
                folder: logseq_folder(":pages-directory", "pages")?,
                title_format: logseq_format(":journal/page-title-format", "MMM do, yyyy")?,
                triple_lowbar: edn_keyword(&text, ":file/name-format").as_deref()
                    == Some(":triple-lowbar"),
                journal_template: edn_map_string(&text, ":default-templates", ":journals")
                    .filter(|name| !name.trim().is_empty()),
            });
        }
        detected.obsidian = vault.join(".obsidian").is_dir();
        let app = vault.join(".obsidian/app.json");
        if let Some(json) = read_json(&app)? {
            detected.markdown_links = json
                .get("useMarkdownLinks")
                .and_then(serde_json::Value::as_bool)
                .unwrap_or(false);
            detected.link_path = match json_str(&json, "newLinkFormat") {
                "absolute" => LinkPath::Absolute,
                "relative" => LinkPath::Relative,
                _ => LinkPath::Shortest,
            };
        }
        Ok(detected)
    }
}

fn read_json(path: &Path) -> Result<Option<serde_json::Value>> {
    match fs::read_to_string(path) {
        Ok(text) => serde_json::from_str(&text)
            .map(Some)
            .map_err(|err| Error::config(path, format!("not valid JSON: {err}"))),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(Error::io(path, err)),
    }
}

fn json_str<'a>(json: &'a serde_json::Value, key: &str) -> &'a str {
    json.get(key)
        .and_then(serde_json::Value::as_str)
        .unwrap_or("")
}

fn non_empty(s: &str) -> Option<&str> {
    Some(s.trim()).filter(|s| !s.is_empty())
}

/// Folder, format and template of one periodicity in the Periodic Notes settings `file`, when
/// enabled: the 0.0.x shape keeps `daily`/`weekly` objects at the top level, the 1.x shape keeps
/// `day`/`week` inside the active calendar set.
fn periodic_setting(
    json: &serde_json::Value,
    legacy_key: &str,
    set_key: &str,
    default_format: &str,
    file: &Path,
) -> Result<Option<(String, String, Option<String>)>> {
    let active = json_str(json, "activeCalendarSet");
    let from_set = json
        .get("calendarSets")
        .and_then(serde_json::Value::as_array)
        .and_then(|sets| {
            sets.iter()
                .find(|set| active.is_empty() || json_str(set, "id") == active)
                .or_else(|| sets.first())
        })
        .and_then(|set| set.get(set_key));
    let Some(section) = from_set.or_else(|| json.get(legacy_key)) else {
        return Ok(None);
    };
    if !section
        .get("enabled")
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(false)
    {
        return Ok(None);
    }
    let format = non_empty(json_str(section, "format"))
        .unwrap_or(default_format)
        .to_owned();
    let template = non_empty(json_str(section, "templatePath"))
        .or_else(|| non_empty(json_str(section, "template")))
        .map(|path| {
            let key = format!("{legacy_key}.template");
            template_setting(path, SettingStyle::Vault, file, &key)
        })
        .transpose()?;
    let key = format!("{legacy_key}.folder");
    let folder = folder_setting(json_str(section, "folder"), SettingStyle::Vault, file, &key)?;
    Ok(Some((folder, format, template)))
}

/// Finds `key "value"` in Logseq's EDN config, ignoring `;` comments.
fn edn_string(text: &str, key: &str) -> Option<String> {
    text.lines().map(strip_edn_comment).find_map(|line| {
        let after = line.split_once(key)?.1.trim_start();
        let quoted = after.strip_prefix('"')?;
        quoted.split_once('"').map(|(value, _)| value.to_owned())
    })
}

/// Finds `key :keyword` in Logseq's EDN config, ignoring `;` comments.
fn edn_keyword(text: &str, key: &str) -> Option<String> {
    text.lines().map(strip_edn_comment).find_map(|line| {
        let after = line.split_once(key)?.1.trim_start();
        let keyword: String = after
            .chars()
            .take_while(|c| !c.is_whitespace() && !matches!(c, '}' | ',' | ')' | ']'))
            .collect();
        keyword.starts_with(':').then_some(keyword)
    })
}

/// Finds `outer {… inner "value" …}` in Logseq's EDN config (`:default-templates {:journals
/// "Daily"}`), over several lines, ignoring `;` comments.
fn edn_map_string(text: &str, outer: &str, inner: &str) -> Option<String> {
    let text: String = text
        .lines()
        .map(strip_edn_comment)
        .collect::<Vec<_>>()
        .join("\n");
    let after = text.split_once(outer)?.1.trim_start();
    let map = after.strip_prefix('{')?;
    let map = map.split_once('}').map_or(map, |(map, _)| map);
    let quoted = map.split_once(inner)?.1.trim_start().strip_prefix('"')?;
    quoted.split_once('"').map(|(value, _)| value.to_owned())
}

fn strip_edn_comment(line: &str) -> &str {
    let mut in_string = false;
    for (index, ch) in line.char_indices() {
        match ch {
            '"' => in_string = !in_string,
            ';' if !in_string => return line.get(..index).unwrap_or(line),
            _ => {}
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use crate::config::test_vaults::{today, vault_with};
    use crate::config::{Config, LayoutSource, LinkPath, LinkSyntax, VaultStyle};
    use crate::dates::PeriodKind;

    #[test]
    fn periodic_notes_legacy_shape() {
        let vault = vault_with(&[(
            ".obsidian/plugins/periodic-notes/data.json",
            r#"{"daily":{"enabled":true,"folder":"Journal/","format":"YYYY/MM/YYYY-MM-DD","template":"Templates/Day"},
                "weekly":{"enabled":true,"folder":"Weekly","format":"gggg-[W]ww"}}"#,
        )]);
        let config = Config::load(vault.path(), today()).unwrap();
        assert_eq!(config.daily.folder, "Journal");
        assert_eq!(config.daily.format.as_moment(), "YYYY/MM/YYYY-MM-DD");
        assert_eq!(config.daily.template.as_deref(), Some("Templates/Day.md"));
        assert_eq!(config.daily.source, LayoutSource::PeriodicNotes);
        assert_eq!(config.review.folder, "Weekly");
    }

    #[test]
    fn periodic_notes_calendar_set_shape() {
        let vault = vault_with(&[(
            ".obsidian/plugins/periodic-notes/data.json",
            r#"{"activeCalendarSet":"Work","calendarSets":[
                {"id":"Default","day":{"enabled":true,"folder":"Other","format":""}},
                {"id":"Work","day":{"enabled":true,"folder":"Days","format":"DD-MM-YYYY","templatePath":"T/d.md"},
                 "week":{"enabled":false}}]}"#,
        )]);
        let config = Config::load(vault.path(), today()).unwrap();
        assert_eq!(config.daily.folder, "Days");
        assert_eq!(config.daily.format.as_moment(), "DD-MM-YYYY");
        assert_eq!(config.daily.template.as_deref(), Some("T/d.md"));
        assert_eq!(config.review.folder, "Reviews");
    }

    #[test]
    fn periodic_notes_monthly_quarterly_yearly_in_both_shapes() {
        let legacy = r#"{"monthly":{"enabled":true,"folder":"Periodic/Months","format":"","template":"Templates/Month"},
            "quarterly":{"enabled":true,"folder":"","format":""},
            "yearly":{"enabled":false,"folder":"Years","format":"YYYY"}}"#;
        let sets = r#"{"activeCalendarSet":"Default","calendarSets":[{"id":"Default",
            "month":{"enabled":true,"folder":"Periodic/Months","format":"YYYY-MM","templatePath":"Templates/Month.md"},
            "quarter":{"enabled":true,"folder":"","format":"YYYY-[Q]Q"},
            "year":{"enabled":false,"folder":"Years","format":"YYYY"}}]}"#;
        for json in [legacy, sets] {
            let vault = vault_with(&[(".obsidian/plugins/periodic-notes/data.json", json)]);
            let config = Config::load(vault.path(), today()).unwrap();
            let month = config.review.location(PeriodKind::Month);
            assert_eq!(
                (
                    month.folder,
                    month.format.as_moment().as_str(),
                    month.template,
                    month.configured
                ),
                (
                    "Periodic/Months",
                    "YYYY-MM",
                    Some("Templates/Month.md"),
                    true
                )
            );
            let quarter = config.review.location(PeriodKind::Quarter);
            assert_eq!(
                (
                    quarter.folder,
                    quarter.format.as_moment().as_str(),
                    quarter.configured
                ),
                ("", "YYYY-[Q]Q", true),
                "Periodic Notes' default quarterly format loads; an empty folder is the root"
            );
            let year = config.review.location(PeriodKind::Year);
            assert_eq!((year.folder, year.configured), ("Reviews", false));
            assert_eq!(config.style, VaultStyle::Obsidian);
        }
    }

    #[test]
    fn a_periodic_monthly_format_without_a_month_is_an_error_naming_the_plugin_file() {
        let vault = vault_with(&[(
            ".obsidian/plugins/periodic-notes/data.json",
            r#"{"monthly":{"enabled":true,"format":"YYYY [Monthly]"}}"#,
        )]);
        let err = Config::load(vault.path(), today()).unwrap_err().to_string();
        assert!(
            err.contains("data.json")
                && err.contains("the Periodic Notes monthly format `YYYY [Monthly]`"),
            "{err}"
        );
    }

    #[test]
    fn vault_style_follows_obsidian_and_logseq() {
        let plain = vault_with(&[("2026-11-16.md", "")]);
        let config = Config::load(plain.path(), today()).unwrap();
        assert_eq!(config.style, VaultStyle::Plain);
        assert_eq!(
            (config.review.links, config.review.link_path),
            (LinkSyntax::Markdown, LinkPath::Relative)
        );
        let logseq = vault_with(&[(
            "logseq/config.edn",
            "{:file/name-format :triple-lowbar\n :pages-directory \"notes\"\n :journal/page-title-format \"yyyy-MM-dd\"}",
        )]);
        let config = Config::load(logseq.path(), today()).unwrap();
        let VaultStyle::Logseq(pages) = &config.style else {
            panic!("{:?}", config.style)
        };
        assert_eq!(
            (pages.folder.as_str(), pages.triple_lowbar),
            ("notes", true)
        );
        assert_eq!(pages.title_format.as_moment(), "YYYY-MM-DD");
        let legacy = vault_with(&[("logseq/config.edn", "{:meta/version 1}")]);
        let config = Config::load(legacy.path(), today()).unwrap();
        let VaultStyle::Logseq(pages) = &config.style else {
            panic!("{:?}", config.style)
        };
        assert_eq!(
            (pages.folder.as_str(), pages.triple_lowbar),
            ("pages", false)
        );
        assert_eq!(pages.title_format.as_moment(), "MMM Do, YYYY");
        let both = vault_with(&[
            ("logseq/config.edn", "{}"),
            (".obsidian/daily-notes.json", r#"{"folder":"Daily"}"#),
        ]);
        assert_eq!(
            Config::load(both.path(), today()).unwrap().style,
            VaultStyle::Obsidian,
            "a graph opened in Obsidian with Obsidian's daily notes is an Obsidian vault"
        );
    }

    #[test]
    fn disabled_periodic_notes_fall_back_to_daily_notes_json() {
        let vault = vault_with(&[
            (
                ".obsidian/plugins/periodic-notes/data.json",
                r#"{"daily":{"enabled":false,"folder":"X"}}"#,
            ),
            (
                ".obsidian/daily-notes.json",
                r#"{"folder":"Daily","format":""}"#,
            ),
        ]);
        let config = Config::load(vault.path(), today()).unwrap();
        assert_eq!(config.daily.folder, "Daily");
        assert_eq!(config.daily.format.as_moment(), "YYYY-MM-DD");
        assert_eq!(config.daily.source, LayoutSource::ObsidianDailyNotes);
    }

    #[test]
    fn logseq_format_from_config_edn() {
        let vault = vault_with(&[(
            "logseq/config.edn",
            "{;; :journal/file-name-format \"nope\"\n :journal/file-name-format \"yyyy_MM_dd\"}",
        )]);
        let config = Config::load(vault.path(), today()).unwrap();
        assert_eq!(config.daily.folder, "journals");
        assert_eq!(config.daily.source, LayoutSource::Logseq);
        assert!(config.daily.format.parse("2026_11_16").is_some());
    }

    #[test]
    fn logseq_journal_template_and_title_from_config_edn() {
        let vault = vault_with(&[(
            "logseq/config.edn",
            "{:journal/page-title-format \"yyyy-MM-dd\"\n ;; :default-templates {:journals \"Old\"}\n \
             :default-templates\n {:journals \"Daily Journal\"}}",
        )]);
        let config = Config::load(vault.path(), today()).unwrap();
        let journals = config.daily.logseq.unwrap();
        assert_eq!(journals.journal_template.as_deref(), Some("Daily Journal"));
        assert_eq!(journals.title_format.as_moment(), "YYYY-MM-DD");
        let plain = vault_with(&[("logseq/config.edn", "{:default-templates {:journals \"\"}}")]);
        let journals = Config::load(plain.path(), today())
            .unwrap()
            .daily
            .logseq
            .unwrap();
        assert_eq!(journals.journal_template, None);
        assert_eq!(journals.title_format.as_moment(), "MMM Do, YYYY");
    }

    #[test]
    fn markdown_links_from_app_json() {
        let vault = vault_with(&[(
            ".obsidian/app.json",
            r#"{"useMarkdownLinks":true,"newLinkFormat":"relative"}"#,
        )]);
        let config = Config::load(vault.path(), today()).unwrap();
        assert_eq!(config.review.links, LinkSyntax::Markdown);
        assert_eq!(config.review.link_path, LinkPath::Relative);
    }
}
