//! Templates: minijinja with the defaults embedded from `templates/` and overrides from the
//! vault's `.smallwins/templates/`, one file at a time.

use std::fs;
use std::path::{Path, PathBuf};

use minijinja::{Environment, UndefinedBehavior};
use serde::Serialize;

use crate::error::{Error, Result};

/// Folder of the vault whose files override the embedded templates.
pub const OVERRIDE_DIR: &str = ".smallwins/templates";

/// The templates shipped inside the binary: `(name, source)`.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    ("share.txt.j2", include_str!("../templates/share.txt.j2")),
    ("share.md.j2", include_str!("../templates/share.md.j2")),
    ("daily.md.j2", include_str!("../templates/daily.md.j2")),
];

/// Looks a template up: the vault's override first, then the embedded default.
fn load_template(
    overrides: &Path,
    name: &str,
) -> std::result::Result<Option<String>, minijinja::Error> {
    if !is_safe_name(name) {
        return Err(minijinja::Error::new(
            minijinja::ErrorKind::InvalidOperation,
            format!("template name `{name}` must be a plain relative path without `..`"),
        ));
    }
    let path = overrides.join(name);
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

/// The template environment of one vault.
pub struct Templates {
    env: Environment<'static>,
}

impl Templates {
    /// Templates for `vault`: its `.smallwins/templates/` overrides the embedded defaults.
    pub fn new(vault: &Path) -> Templates {
        let overrides: PathBuf = vault.join(OVERRIDE_DIR);
        let mut env = Environment::new();
        env.set_keep_trailing_newline(true);
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_loader(move |name| load_template(&overrides, name));
        Templates { env }
    }

    /// Renders template `name` with `context`.
    pub fn render(&self, name: &str, context: impl Serialize) -> Result<String> {
        let to_error = |err: minijinja::Error| Error::Template {
            name: name.to_owned(),
            message: format!("{err:#}"),
        };
        self.env
            .get_template(name)
            .map_err(to_error)?
            .render(context)
            .map_err(to_error)
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
