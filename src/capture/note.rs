//! A new daily note: the vault's Obsidian template with its core variables and Templater's date
//! and title commands filled in, else the bundled template.

use std::fs;

use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;

use super::templater::{self, NoteMoment};
use super::DAILY_TEMPLATE;
use crate::config::Config;
use crate::dates::{self, DateFormat, TemplateDates};
use crate::error::Result;
use crate::model::Diagnostic;
use crate::paths;
use crate::templates::Templates;

/// The text of a new daily note: the vault's Obsidian template, else the bundled one.
pub(super) fn new_note(
    config: &Config,
    date: NaiveDate,
    now: NaiveTime,
    warnings: &mut Vec<Diagnostic>,
) -> Result<String> {
    let name = config.daily.format.format(date);
    let title = name.rsplit('/').next().unwrap_or(&name).to_owned();
    if let Some(template) = &config.daily.template {
        // A template that leads out of the vault (a symlink) is refused, not copied in.
        let path = paths::safe_input_path(&config.vault, template)?;
        match fs::read_to_string(&path) {
            Ok(text) => {
                let moment = NoteMoment {
                    now: date.and_time(now),
                    title: &title,
                };
                let text = templater::fill(&text, &moment);
                return Ok(fill_template(
                    &text,
                    date,
                    now,
                    &config.daily.format,
                    &title,
                ));
            }
            Err(err) => warnings.push(Diagnostic::file_warning(
                template.clone(),
                format!("cannot read the daily template ({err}); using the bundled one"),
            )),
        }
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
}
