//! Templates: minijinja with the defaults embedded from `templates/` and overrides from the
//! vault's `.smallwins/templates/`, one file at a time.

use std::fs;
use std::path::{Path, PathBuf};

use minijinja::{AutoEscape, Environment, UndefinedBehavior};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::paths::{safe_input_path, safe_output_path};
use crate::write::{update, WriteOutcome};

/// Folder of the vault whose files override the embedded templates.
pub const OVERRIDE_DIR: &str = ".smallwins/templates";

/// The templates shipped inside the binary: `(name, source)`.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    ("share.txt.j2", include_str!("../templates/share.txt.j2")),
    ("share.md.j2", include_str!("../templates/share.md.j2")),
    ("daily.md.j2", include_str!("../templates/daily.md.j2")),
    ("week.md.j2", include_str!("../templates/week.md.j2")),
    ("month.md.j2", include_str!("../templates/month.md.j2")),
    ("quarter.md.j2", include_str!("../templates/quarter.md.j2")),
    ("year.md.j2", include_str!("../templates/year.md.j2")),
    ("logseq.md.j2", include_str!("../templates/logseq.md.j2")),
    (
        "heatmap.svg.j2",
        include_str!("../templates/heatmap.svg.j2"),
    ),
];

/// Looks a template up: the vault's override first, then the embedded default.
fn load_template(
    vault: &Path,
    name: &str,
) -> std::result::Result<Option<String>, minijinja::Error> {
    let refuse =
        |message: String| minijinja::Error::new(minijinja::ErrorKind::InvalidOperation, message);
    if !is_safe_name(name) {
        return Err(refuse(format!(
            "template name `{name}` must be a plain relative path without `..`"
        )));
    }
    let path = safe_input_path(vault, &format!("{OVERRIDE_DIR}/{name}"))
        .map_err(|err| refuse(err.to_string()))?;
    match fs::read_to_string(&path) {
        Ok(source) => return Ok(Some(source)),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
        Err(err) => {
            return Err(minijinja::Error::new(
                minijinja::ErrorKind::InvalidOperation,
                format!("cannot read {}: {err}", path.display()),
            ))
        }
    }
    Ok(DEFAULT_TEMPLATES
        .iter()
        .find(|(default, _)| *default == name)
        .map(|(_, source)| (*source).to_owned()))
}

/// Whether a template name stays inside the template folder.
pub fn is_safe_name(name: &str) -> bool {
    let path = Path::new(name);
    !name.is_empty()
        && path
            .components()
            .all(|part| matches!(part, std::path::Component::Normal(_)))
}

/// SVG is XML: escape it like HTML; everything else (markdown, text) is left as written.
fn auto_escape(name: &str) -> AutoEscape {
    if name.ends_with(".svg.j2") || name.ends_with(".svg") {
        AutoEscape::Html
    } else {
        minijinja::default_auto_escape_callback(name)
    }
}

/// Filter `signed`: a change with its sign, `+3`, `-2` or `±0`.
fn signed(value: i64) -> String {
    match value {
        0 => "±0".to_owned(),
        v if v > 0 => format!("+{v}"),
        v => v.to_string(),
    }
}

/// Filter `plural`: `{{ n | plural("win", "wins") }}` picks the word that fits `n`.
fn plural(count: i64, one: &str, many: &str) -> String {
    if count == 1 { one } else { many }.to_owned()
}

/// What `templates export` did with one default template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportOutcome {
    /// Written, or already identical.
    Written(WriteOutcome),
    /// The vault's copy differs from the default and `--force` was not given: left alone.
    Kept,
}

/// Copies every default template into the vault's override folder: missing files are created,
/// identical ones left alone, different ones replaced only with `force`. Returns the
/// vault-relative path of each file with what happened to it, in name order.
pub fn export(vault: &Path, force: bool) -> Result<Vec<(String, ExportOutcome)>> {
    let mut defaults: Vec<&(&str, &str)> = DEFAULT_TEMPLATES.iter().collect();
    defaults.sort();
    let mut done = Vec::with_capacity(defaults.len());
    for (name, source) in defaults {
        let relative = format!("{OVERRIDE_DIR}/{name}");
        let path = safe_output_path(vault, &relative)?;
        // Decided on the bytes just before the write, so an edit made meanwhile is kept too.
        let outcome = match update(&path, |existing| match existing {
            Some(bytes) if bytes != source.as_bytes() && !force => Err(Export::Kept),
            _ => Ok((source.as_bytes().to_vec(), ())),
        }) {
            Ok((outcome, ())) => ExportOutcome::Written(outcome),
            Err(Export::Kept) => ExportOutcome::Kept,
            Err(Export::Failed(err)) => return Err(err),
        };
        done.push((relative, outcome));
    }
    Ok(done)
}

/// Why [`export`] did not write a template.
enum Export {
    /// The vault's copy is the person's own.
    Kept,
    /// Writing failed.
    Failed(Error),
}

impl From<Error> for Export {
    fn from(err: Error) -> Export {
        Export::Failed(err)
    }
}

/// How many steps one render may take: a week's review takes about a thousand, a year's
/// heatmap ten thousand; two nested `range(100000)` loops would take two million times as many.
pub const FUEL: u64 = 5_000_000;

/// How many bytes one render may produce: a year of wins is well under 1 MB.
pub const OUTPUT_LIMIT: usize = 16 * 1024 * 1024;

/// Collects a render's output, failing once it passes [`OUTPUT_LIMIT`].
#[derive(Default)]
struct Capped {
    bytes: Vec<u8>,
    overflowed: bool,
}

impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > OUTPUT_LIMIT {
            self.overflowed = true;
            return Err(std::io::Error::other("template output too large"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The template environment of one vault.
pub struct Templates {
    env: Environment<'static>,
    overrides: PathBuf,
}

impl Templates {
    /// Templates for `vault`: its `.smallwins/templates/` overrides the embedded defaults.
    pub fn new(vault: &Path) -> Templates {
        let overrides: PathBuf = vault.join(OVERRIDE_DIR);
        let vault: PathBuf = vault.to_path_buf();
        let mut env = Environment::new();
        env.set_keep_trailing_newline(true);
        env.set_fuel(Some(FUEL));
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_auto_escape_callback(auto_escape);
        env.add_filter("signed", signed);
        env.add_filter("plural", plural);
        env.set_loader(move |name| load_template(&vault, name));
        Templates { env, overrides }
    }

    /// Renders template `name` with `context`, within [`FUEL`] steps and [`OUTPUT_LIMIT`]
    /// bytes: a vault's template runs in every commit's hook, so it must not run away.
    pub fn render(&self, name: &str, context: impl Serialize) -> Result<String> {
        let context = minijinja::Value::from_serialize(&context);
        let template = self
            .env
            .get_template(name)
            .map_err(|err| self.error(name, &err, &context))?;
        let mut out = Capped::default();
        match template.render_captured_to(&context, &mut out) {
            Ok(_) => {}
            Err(_) if out.overflowed => {
                let err = minijinja::Error::new(
                    minijinja::ErrorKind::InvalidOperation,
                    format!(
                        "its output passed {} MB, far more than any review needs: a loop that \
                         does not end?",
                        OUTPUT_LIMIT / (1024 * 1024)
                    ),
                );
                return Err(self.error(name, &err, &context));
            }
            Err(err) => return Err(self.error(name, &err, &context)),
        }
        String::from_utf8(out.bytes).map_err(|_| Error::Template {
            name: name.to_owned(),
            message: "its output is not valid UTF-8".to_owned(),
        })
    }

    /// A template error in one line that names the file the person edited (the vault's copy,
    /// when there is one), the line, what went wrong, and for an unknown name what the
    /// template does receive; minijinja's own report is a multi-line picture of the source.
    fn error(&self, name: &str, err: &minijinja::Error, context: &minijinja::Value) -> Error {
        let failing = err.name().unwrap_or(name);
        let vault_copy = self.overrides.join(failing).is_file();
        let mut shown = if vault_copy {
            format!("{OVERRIDE_DIR}/{failing}")
        } else {
            failing.to_owned()
        };
        if let Some(line) = err.line() {
            shown.push_str(&format!(", line {line}"));
        }
        let mut message = err.kind().to_string();
        if err.kind() == minijinja::ErrorKind::OutOfFuel {
            message = format!(
                "stopped after {FUEL} steps, far more than any review needs: a loop that does \
                 not end?"
            );
        }
        if let Some(detail) = err.detail() {
            message.push_str(&format!(": {detail}"));
        }
        // A syntax error points at the token after the mistake: quoting it would mislead.
        let snippet = err
            .template_source()
            .filter(|_| err.kind() != minijinja::ErrorKind::SyntaxError)
            .zip(err.range())
            .and_then(|(source, range)| source.get(range));
        if let Some(snippet) = snippet.filter(|snippet| !snippet.trim().is_empty()) {
            message.push_str(&format!(" in `{}`", snippet.trim()));
        }
        if err.kind() == minijinja::ErrorKind::UndefinedError {
            if let Ok(keys) = context.try_iter() {
                let names: Vec<String> = keys.map(|key| key.to_string()).collect();
                message.push_str(&format!("; the template receives {}", names.join(", ")));
            }
        }
        if vault_copy {
            message.push_str("; fix it, or delete it to use the built-in template");
        }
        Error::Template {
            name: shown,
            message,
        }
    }

    /// Mutable access for registering filters and functions.
    pub fn env_mut(&mut self) -> &mut Environment<'static> {
        &mut self.env
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_template_names_are_refused() {
        assert!(!is_safe_name("../secret.j2"));
        assert!(!is_safe_name("/etc/passwd"));
        assert!(!is_safe_name(""));
        assert!(is_safe_name("week.md.j2"));
        let dir = tempfile::tempdir().unwrap();
        let templates = Templates::new(dir.path());
        assert!(templates.render("../x.j2", ()).is_err());
    }

    #[test]
    fn errors_in_a_vault_template_name_it_the_line_and_what_it_receives() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join(OVERRIDE_DIR)).unwrap();
        let error_of = |text: &str| {
            fs::write(dir.path().join(OVERRIDE_DIR).join("week.md.j2"), text).unwrap();
            let context = minijinja::context! { week => 47, wins => 3 };
            Templates::new(dir.path())
                .render("week.md.j2", &context)
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            error_of("# Week\n{{ weak.label }}\n"),
            "template .smallwins/templates/week.md.j2, line 2: undefined value in `weak.label`; \
             the template receives week, wins; fix it, or delete it to use the built-in template"
        );
        let err = error_of("{% if %}\n");
        assert!(
            err.starts_with("template .smallwins/templates/week.md.j2, line 1: syntax error"),
            "{err}"
        );
        assert!(!err.contains('\n'), "{err}");
    }

    #[test]
    fn runaway_templates_stop_with_their_name() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join(OVERRIDE_DIR)).unwrap();
        let cases = [
            (
                "loop.md.j2",
                "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
                "steps",
            ),
            (
                "big.md.j2",
                "{% for i in range(1000) %}{{ 'x' * 100000 }}{% endfor %}",
                "MB",
            ),
        ];
        for (name, source, why) in cases {
            fs::write(dir.path().join(OVERRIDE_DIR).join(name), source).unwrap();
            let err = Templates::new(dir.path())
                .render(name, ())
                .unwrap_err()
                .to_string();
            assert!(err.contains(name) && err.contains(why), "{err}");
        }
    }

    #[test]
    fn filters_sign_and_pluralize() {
        let dir = tempfile::tempdir().unwrap();
        let mut templates = Templates::new(dir.path());
        templates
            .env_mut()
            .add_template(
                "t.txt",
                "{% for n in ns %}{{ n|signed }} {{ n|plural('win', 'wins') }};{% endfor %}",
            )
            .unwrap();
        assert_eq!(
            templates
                .render("t.txt", minijinja::context! { ns => [3, 1, 0, -2] })
                .unwrap(),
            "+3 wins;+1 win;±0 wins;-2 wins;"
        );
    }

    #[test]
    fn svg_templates_escape_xml() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join(OVERRIDE_DIR)).unwrap();
        fs::write(
            dir.path().join(OVERRIDE_DIR).join("x.svg.j2"),
            "<t>{{ s }}</t>",
        )
        .unwrap();
        let templates = Templates::new(dir.path());
        assert_eq!(
            templates
                .render("x.svg.j2", minijinja::context! { s => "a<b&c" })
                .unwrap(),
            "<t>a&lt;b&amp;c</t>"
        );
    }

    #[test]
    fn export_creates_keeps_and_forces() {
        let dir = tempfile::tempdir().unwrap();
        let first = export(dir.path(), false).unwrap();
        assert_eq!(first.len(), DEFAULT_TEMPLATES.len());
        assert!(first
            .iter()
            .all(|(_, outcome)| *outcome == ExportOutcome::Written(WriteOutcome::Created)));
        let week = dir.path().join(OVERRIDE_DIR).join("week.md.j2");
        fs::write(&week, "mine").unwrap();
        let kept = export(dir.path(), false).unwrap();
        let outcome_of = |done: &[(String, ExportOutcome)], name: &str| {
            done.iter()
                .find(|(path, _)| path.ends_with(name))
                .map(|(_, outcome)| *outcome)
        };
        assert_eq!(outcome_of(&kept, "week.md.j2"), Some(ExportOutcome::Kept));
        assert_eq!(
            outcome_of(&kept, "share.txt.j2"),
            Some(ExportOutcome::Written(WriteOutcome::Unchanged))
        );
        assert_eq!(fs::read_to_string(&week).unwrap(), "mine");
        let forced = export(dir.path(), true).unwrap();
        assert_eq!(
            outcome_of(&forced, "week.md.j2"),
            Some(ExportOutcome::Written(WriteOutcome::Updated))
        );
    }

    #[test]
    fn vault_override_wins_over_default() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join(OVERRIDE_DIR)).unwrap();
        fs::write(
            dir.path().join(OVERRIDE_DIR).join("share.txt.j2"),
            "custom {{ n }}\n",
        )
        .unwrap();
        let templates = Templates::new(dir.path());
        assert_eq!(
            templates
                .render("share.txt.j2", minijinja::context! { n => 2 })
                .unwrap(),
            "custom 2\n"
        );
    }
}
