//! Links from review notes to the notes they name, in the style of the vault's tool: Obsidian's
//! link settings, markdown links by relative path in a plain folder, and page references by
//! page title in a Logseq graph.

use std::collections::BTreeMap;

use crate::config::{Config, LinkPath, LinkSyntax, VaultStyle};
use crate::dates::DateFormat;
use crate::paths;
use crate::vault::{self, PathKind};

/// Writes links from review notes the way the vault's tool writes them.
#[derive(Debug, Clone)]
pub struct Links {
    syntax: LinkSyntax,
    path: LinkPath,
    /// A Logseq graph links pages by title, journal pages by their date title.
    logseq_titles: Option<DateFormat>,
    /// How many notes of the vault share each lowercased file name (Obsidian resolves names
    /// case-insensitively), to know when the shortest link must become a path.
    names: BTreeMap<String, usize>,
}

impl Links {
    /// The link style of `config`; `sources` (every note of the vault) decide which names are unique.
    pub fn new<'a>(config: &Config, sources: impl IntoIterator<Item = &'a str>) -> Links {
        let mut names = BTreeMap::new();
        for source in sources {
            *names.entry(stem(source).to_lowercase()).or_insert(0) += 1;
        }
        Links {
            syntax: config.review.links,
            path: config.review.link_path,
            logseq_titles: match &config.style {
                VaultStyle::Logseq(pages) => Some(pages.title_format.clone()),
                _ => None,
            },
            names,
        }
    }

    /// The link style of `config` over every note of its vault.
    pub fn for_vault(config: &Config) -> Links {
        let scan = vault::scan(config);
        Links::new(config, scan.notes.iter().map(|note| note.source.as_str()))
    }

    /// A link from the note at `from` to the note at `target` (vault-relative, with `.md`).
    pub fn link(&self, config: &Config, target: &str, from: &str) -> String {
        if let Some(titles) = &self.logseq_titles {
            return match vault::classify(config, target) {
                PathKind::Daily(date) => format!("[[{}]]", titles.format(date)),
                PathKind::Other { .. } => format!("[[{}]]", logseq_page_name(stem(target))),
            };
        }
        let name = stem(target);
        let path = self.path_to(target, from);
        match self.syntax {
            LinkSyntax::Wikilink => format!("[[{}]]", strip_md(&path)),
            LinkSyntax::Markdown => format!("[{name}]({})", url_encode(&path)),
        }
    }

    /// An embed of the image at `target` (vault-relative) in the note at `from`.
    pub fn embed(&self, target: &str, from: &str, alt: &str) -> String {
        let path = match (&self.logseq_titles, self.syntax) {
            // Logseq serves images by their path from the page file.
            (Some(_), _) | (None, LinkSyntax::Markdown) => paths::relative_path(from, target),
            (None, LinkSyntax::Wikilink) => self.path_to(target, from),
        };
        match (&self.logseq_titles, self.syntax) {
            (None, LinkSyntax::Wikilink) => format!("![[{path}]]"),
            _ => format!("![{alt}]({})", url_encode(&path)),
        }
    }

    fn path_to(&self, target: &str, from: &str) -> String {
        let unique = self
            .names
            .get(&stem(target).to_lowercase())
            .is_none_or(|n| *n <= 1);
        match self.path {
            LinkPath::Shortest if unique => file_name(target).to_owned(),
            LinkPath::Shortest | LinkPath::Absolute => target.to_owned(),
            LinkPath::Relative => paths::relative_path(from, target),
        }
    }

    /// `wikilink`, `markdown` or `logseq`, for templates.
    pub fn syntax_name(&self) -> &'static str {
        match (&self.logseq_titles, self.syntax) {
            (Some(_), _) => "logseq",
            (None, LinkSyntax::Wikilink) => "wikilink",
            (None, LinkSyntax::Markdown) => "markdown",
        }
    }

    /// `shortest`, `absolute` or `relative`, for templates.
    pub fn path_name(&self) -> &'static str {
        match self.path {
            LinkPath::Shortest => "shortest",
            LinkPath::Absolute => "absolute",
            LinkPath::Relative => "relative",
        }
    }
}

/// The page name Logseq gives a page file: `___` (or a legacy `%2F`) stands for a namespace's
/// `/`, and other percent-escapes for the characters file names cannot hold.
pub fn logseq_page_name(file_stem: &str) -> String {
    percent_decode(&file_stem.replace("___", "/"))
}

/// The file name (without `.md`) Logseq gives the page `name`: with `:file/name-format
/// :triple-lowbar` a namespace's `/` becomes `___`; the legacy format percent-encodes it.
/// Characters no file name can hold are percent-encoded either way.
pub fn logseq_file_stem(name: &str, triple_lowbar: bool) -> String {
    let mut out = String::with_capacity(name.len() + 8);
    for ch in name.chars() {
        match ch {
            '/' if triple_lowbar => out.push_str("___"),
            '/' | ':' | '*' | '?' | '"' | '<' | '>' | '|' | '#' | '\\' | '%' => {
                push_percent(&mut out, ch);
            }
            _ => out.push(ch),
        }
    }
    out
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|pair| std::str::from_utf8(pair).ok())
            .and_then(|pair| u8::from_str_radix(pair, 16).ok());
        match (byte, hex) {
            (b'%', Some(decoded)) => {
                out.push(decoded);
                i += 3;
            }
            _ => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

fn file_name(source: &str) -> &str {
    source.rsplit('/').next().unwrap_or(source)
}

fn strip_md(path: &str) -> &str {
    path.strip_suffix(".md").unwrap_or(path)
}

fn stem(source: &str) -> &str {
    strip_md(file_name(source))
}

fn push_percent(out: &mut String, ch: char) {
    let mut buf = [0u8; 4];
    for byte in ch.encode_utf8(&mut buf).bytes() {
        out.push_str(&format!("%{byte:02X}"));
    }
}

/// Percent-encodes what would break a markdown link target, as Obsidian writes them.
fn url_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for ch in path.chars() {
        match ch {
            ' ' | '%' | '(' | ')' | '<' | '>' | '[' | ']' | '#' | '^' | '|' | '"' | '`' => {
                push_percent(&mut out, ch);
            }
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::test_vault::config_with as config;

    #[test]
    fn links_follow_the_vault_style() {
        let sources = [
            "Daily/2026/11/2026-11-16.md",
            "Daily/My Notes/Retro 1.md",
            "Old/Retro 1.md",
        ];
        let cases = [
            (
                "wikilink",
                None,
                "Daily/2026/11/2026-11-16.md",
                "[[2026-11-16]]",
            ),
            ("wikilink", None, "Old/Retro 1.md", "[[Old/Retro 1]]"),
            (
                "markdown",
                None,
                "Daily/2026/11/2026-11-16.md",
                "[2026-11-16](2026-11-16.md)",
            ),
            (
                "markdown",
                Some(LinkPath::Absolute),
                "Daily/My Notes/Retro 1.md",
                "[Retro 1](Daily/My%20Notes/Retro%201.md)",
            ),
            (
                "wikilink",
                Some(LinkPath::Relative),
                "Daily/2026/11/2026-11-16.md",
                "[[../Daily/2026/11/2026-11-16]]",
            ),
            (
                "wikilink",
                Some(LinkPath::Absolute),
                "Daily/2026/11/2026-11-16.md",
                "[[Daily/2026/11/2026-11-16]]",
            ),
        ];
        for (syntax, path, target, expected) in cases {
            let toml = format!("[review]\nlinks = \"{syntax}\"\n");
            let (_dir, mut config) =
                config(&[(".obsidian/app.json", "{}"), (".smallwins.toml", &toml)]);
            if let Some(path) = path {
                config.review.link_path = path;
            }
            let links = Links::new(&config, sources);
            assert_eq!(
                links.link(&config, target, "Reviews/2026-W47.md"),
                expected,
                "{target}"
            );
        }
    }

    #[test]
    fn plain_folders_link_by_relative_path_with_the_extension() {
        let (_dir, config) = config(&[]);
        let links = Links::new(&config, ["Daily/My day/2026-11-16.md"]);
        assert_eq!(
            links.link(&config, "Daily/My day/2026-11-16.md", "Reviews/2026-W47.md"),
            "[2026-11-16](../Daily/My%20day/2026-11-16.md)"
        );
        assert_eq!(
            links.embed("Reviews/heatmap-2026.svg", "Reviews/2026.md", "2026"),
            "![2026](heatmap-2026.svg)"
        );
    }

    #[test]
    fn logseq_links_name_pages_and_journal_days_by_title() {
        let (_dir, config) = config(&[(
            "logseq/config.edn",
            "{:journal/page-title-format \"MMM do, yyyy\"}",
        )]);
        let links = Links::new(&config, ["journals/2026_11_16.md"]);
        let from = "pages/Reviews___2026-W47.md";
        assert_eq!(
            links.link(&config, "journals/2026_11_16.md", from),
            "[[Nov 16th, 2026]]"
        );
        assert_eq!(
            links.link(&config, "pages/Projects___Atlas%3F.md", from),
            "[[Projects/Atlas?]]"
        );
        assert_eq!(
            links.embed("assets/heatmap-2026.svg", "pages/Reviews___2026.md", "2026"),
            "![2026](../assets/heatmap-2026.svg)"
        );
    }

    #[test]
    fn logseq_file_names_encode_namespaces_and_reserved_characters() {
        assert_eq!(
            logseq_file_stem("Reviews/2026-W48", true),
            "Reviews___2026-W48"
        );
        assert_eq!(
            logseq_file_stem("Reviews/2026-W48", false),
            "Reviews%2F2026-W48"
        );
        assert_eq!(logseq_file_stem("a: b?", true), "a%3A b%3F");
        for name in ["Reviews/2026-W48", "Q&A/50% done", "x: y"] {
            assert_eq!(logseq_page_name(&logseq_file_stem(name, true)), name);
            assert_eq!(logseq_page_name(&logseq_file_stem(name, false)), name);
        }
    }
}
