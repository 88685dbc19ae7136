//! A new daily note: the vault's daily template (Obsidian's, with its core variables and
//! Templater's date and title commands filled in; or a Logseq graph's journal template), else
//! an empty Logseq journal or the bundled template.

use std::fs;

use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;

use super::insert::width;
use super::templater::{self, NoteMoment};
use super::DAILY_TEMPLATE;
use walkdir::WalkDir;

use crate::config::Config;
use crate::dates::{self, DateFormat, TemplateDates};
use crate::error::Result;
use crate::model::Diagnostic;
use crate::templates::Templates;
use crate::{parse, paths, vault};

/// The text of a new daily note: the vault's daily template (Obsidian's, or the block a Logseq
/// graph names for journals) with what Templater or Logseq would fill filled in, else an empty
/// Logseq journal, else the bundled template.
pub(super) fn new_note(
    config: &Config,
    date: NaiveDate,
    now: NaiveTime,
    warnings: &mut Vec<Diagnostic>,
) -> Result<String> {
    let name = config.daily.format.format(date);
    let title = name.rsplit('/').next().unwrap_or(&name).to_owned();
    // A template that leads out of the vault (a symlink) is refused, not copied in.
    let template = daily_template(config)?;
    match (&template, &config.daily.logseq) {
        (Some(DailyTemplate { text: Ok(text), .. }), Some(journals)) => {
            return Ok(templater::fill_logseq(text, date.and_time(now), journals));
        }
        (Some(DailyTemplate { text: Ok(text), .. }), None) => {
            let moment = NoteMoment {
                now: date.and_time(now),
                title: &title,
            };
            let text = templater::fill(text, &moment);
            return Ok(fill_template(
                &text,
                date,
                now,
                &config.daily.format,
                &title,
            ));
        }
        (
            Some(DailyTemplate {
                shown,
                text: Err(why),
            }),
            _,
        ) => {
            let instead = match config.daily.logseq {
                Some(_) => "starting an empty journal",
                None => "using the bundled one",
            };
            warnings.push(Diagnostic::file_warning(
                shown.clone(),
                format!("cannot read the daily template ({why}); {instead}"),
            ));
        }
        (None, _) => {}
    }
    if config.daily.logseq.is_some() {
        // A journal page is an outline: the win becomes its first block.
        return Ok(String::new());
    }
    let context = DailyContext {
        date: date.format("%Y-%m-%d").to_string(),
        title,
        weekday: date.format("%A").to_string(),
        long_date: date.format("%-d %B %Y").to_string(),
        wins_heading: config
            .rules
            .sections
            .first()
            .cloned()
            .unwrap_or_else(|| "Wins".to_owned()),
        win_tag: config
            .rules
            .tags
            .first()
            .cloned()
            .unwrap_or_else(|| "win".to_owned()),
    };
    Templates::new(&config.vault).render(DAILY_TEMPLATE, context)
}

/// The daily template a vault names, and its text when it can be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DailyTemplate {
    /// What to call it: the template file (`Templates/Daily.md`), or the Logseq template and the
    /// page that holds it.
    pub shown: String,
    /// The template's text (for Logseq, the blocks it inserts), or why it cannot be had.
    pub text: std::result::Result<String, String>,
}

/// The daily template of the vault: the file the Obsidian settings (or `.smallwins.toml`) name,
/// or in a Logseq graph the template block `:default-templates {:journals …}` names. A template
/// path that leads out of the vault is an error.
pub fn daily_template(config: &Config) -> Result<Option<DailyTemplate>> {
    if let Some(template) = &config.daily.template {
        let path = paths::safe_input_path(&config.vault, template)?;
        return Ok(Some(DailyTemplate {
            shown: template.clone(),
            text: fs::read_to_string(path).map_err(|err| err.to_string()),
        }));
    }
    let Some(name) = config
        .daily
        .logseq
        .as_ref()
        .and_then(|l| l.journal_template.as_ref())
    else {
        return Ok(None);
    };
    let pages = config.vault.join("pages");
    let found = WalkDir::new(&pages)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_map(std::result::Result::ok)
        .filter(|entry| entry.file_type().is_file() && vault::is_markdown(entry.path()))
        .find_map(|entry| {
            let page = fs::read_to_string(entry.path()).ok()?;
            let blocks = logseq_template_blocks(&page, name)?;
            Some((paths::relative_source(&config.vault, entry.path()), blocks))
        });
    Ok(Some(match found {
        Some((source, blocks)) => DailyTemplate {
            shown: format!("Logseq template \"{name}\" ({source})"),
            text: Ok(blocks),
        },
        None => DailyTemplate {
            shown: format!("Logseq template \"{name}\""),
            text: Err(format!("no block in pages/ has `template:: {name}`")),
        },
    }))
}

/// The blocks the Logseq template `name` on `page` inserts into a new journal: the children of
/// the block carrying `template:: name` (the block too with `template-including-parent::
/// true`), moved to the top level, without the template's own properties.
fn logseq_template_blocks(page: &str, name: &str) -> Option<String> {
    let lines: Vec<&str> = page.split_inclusive('\n').collect();
    let property = |line: &str, key: &str| -> Option<String> {
        let content = line.trim();
        let content = content.strip_prefix("- ").unwrap_or(content);
        let found = parse::logseq_property_key(content)?;
        let value = content.get(found.len() + 2..)?;
        found
            .eq_ignore_ascii_case(key)
            .then(|| value.trim().to_owned())
    };
    let at = lines.iter().position(|line| {
        property(line, "template").is_some_and(|value| value.eq_ignore_ascii_case(name))
    })?;
    let block = (0..=at)
        .rev()
        .find(|&i| lines.get(i).is_some_and(|l| is_block_start(l)))?;
    let width = indent_width(lines.get(block)?);
    let end = (block + 1..lines.len())
        .find(|&i| {
            lines
                .get(i)
                .is_some_and(|l| is_block_start(l) && indent_width(l) <= width)
        })
        .unwrap_or(lines.len());
    let own_end = (block + 1..end)
        .find(|&i| lines.get(i).is_some_and(|l| is_block_start(l)))
        .unwrap_or(end);
    let with_parent = lines
        .get(block + 1..own_end)?
        .iter()
        .any(|line| property(line, "template-including-parent").as_deref() == Some("true"));
    let (from, prefix_line) = if with_parent {
        (block, block)
    } else {
        (own_end, own_end)
    };
    let prefix = lines.get(prefix_line).map_or("", |line| {
        let content = line.trim_start_matches([' ', '\t']);
        &line[..line.len() - content.len()]
    });
    let mut out = String::new();
    for line in lines.get(from..end)? {
        let is_template_property = ["template", "template-including-parent"]
            .iter()
            .any(|key| property(line, key).is_some() && !is_block_start(line));
        if is_template_property {
            continue;
        }
        out.push_str(
            line.strip_prefix(prefix)
                .unwrap_or(line.trim_start_matches([' ', '\t'])),
        );
    }
    Some(out)
}

/// Whether an outline line (with its line ending) starts a block.
fn is_block_start(line: &str) -> bool {
    parse::logseq_block_start(line.trim_end_matches(['\n', '\r']))
}

/// How deep an outline line is indented.
fn indent_width(line: &str) -> usize {
    let content = line.trim_start_matches([' ', '\t']);
    width(line.get(..line.len() - content.len()).unwrap_or_default())
}

/// What the bundled daily template receives.
#[derive(Debug, Serialize)]
struct DailyContext {
    date: String,
    title: String,
    weekday: String,
    long_date: String,
    wins_heading: String,
    win_tag: String,
}

/// Fills Obsidian core template variables: `{{date}}`, `{{date:FORMAT}}`, `{{time}}`,
/// `{{time:FORMAT}}`, `{{title}}`. `{{date}}` uses the daily note format, as Obsidian's daily
/// notes do; a format smallwins cannot print leaves its variable as written.
pub(super) fn fill_template(
    template: &str,
    date: NaiveDate,
    now: NaiveTime,
    daily_format: &DateFormat,
    title: &str,
) -> String {
    dates::fill_template_dates(
        template,
        &TemplateDates {
            date,
            time: now,
            title,
            format: daily_format,
            period: None,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn daily_templates_fill_the_daily_format_and_the_title() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let time = NaiveTime::from_hms_opt(14, 5, 9).unwrap();
        let format = DateFormat::moment("YYYY/MM/YYYY-MM-DD").unwrap();
        assert_eq!(
            fill_template(
                "# {{title}} {{date}} {{time}}",
                date,
                time,
                &format,
                "2026-11-26"
            ),
            "# 2026-11-26 2026/11/2026-11-26 14:05"
        );
    }

    #[test]
    fn a_logseq_template_inserts_its_children_at_the_top_level() {
        let page = "- Other\n- Daily Journal\n  template:: daily journal\n  collapsed:: true\n\
                    \t- ## Gratitude\n\t\t-\n\t- ## Wins\n\t\t- \n- Next block\n";
        assert_eq!(
            logseq_template_blocks(page, "Daily Journal").as_deref(),
            Some("- ## Gratitude\n\t-\n- ## Wins\n\t- \n")
        );
        let with_parent =
            "- # Day\n  template:: Day\n  template-including-parent:: true\n\t- ## Wins\n";
        assert_eq!(
            logseq_template_blocks(with_parent, "day").as_deref(),
            Some("- # Day\n\t- ## Wins\n")
        );
        assert_eq!(logseq_template_blocks(page, "Weekly"), None);
    }
}
