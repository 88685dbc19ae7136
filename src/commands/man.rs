//! `man`: the manual page from clap (`clap_mangen`), with the win syntax, the configuration keys,
//! exit statuses and environment added to the main page; `--all DIR` writes every page.

use std::io::Write;
use std::path::Path;

use clap::CommandFactory;
use clap_mangen::Man;
use roff::{bold, italic, roman, Roff};
use smallwins::write::write_if_changed;

use crate::cli::Cli;
use crate::Exit;

/// Prints the main page (roff), or with `all` writes it and one page per command into `all`.
pub fn run(out: &mut dyn Write, all: Option<&Path>) -> anyhow::Result<Exit> {
    let cli = cli_for_man();
    match all {
        None => out.write_all(&main_page(cli)?)?,
        Some(dir) => {
            for (name, page) in every_page(cli)? {
                let path = dir.join(&name);
                let outcome = write_if_changed(&path, &page)?;
                writeln!(out, "{} {}", outcome.as_str(), path.display())?;
            }
        }
    }
    Ok(Exit::Success)
}

/// The command line as the pages describe it: `smallwins help` would be a page of its own
/// that says nothing the others do not.
fn cli_for_man() -> clap::Command {
    let mut cli = Cli::command().disable_help_subcommand(true);
    cli.build();
    cli
}

/// `smallwins.1` and `smallwins-<command>.1` (`smallwins-hook-install.1` for nested ones), in
/// name order, each with its rendered bytes.
fn every_page(cli: clap::Command) -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let mut pages = vec![("smallwins.1".to_owned(), main_page(cli.clone())?)];
    let mut pending: Vec<clap::Command> = cli.get_subcommands().cloned().collect();
    while let Some(command) = pending.pop() {
        pending.extend(command.get_subcommands().cloned());
        let man = Man::new(command).source(SOURCE);
        let mut page = Vec::new();
        man.render(&mut page)?;
        pages.push((man.get_filename(), page));
    }
    pages.sort();
    Ok(pages)
}

/// The main page: clap's sections, then how to write wins, the configuration, exit statuses,
/// environment and where the command pages come from.
fn main_page(cli: clap::Command) -> std::io::Result<Vec<u8>> {
    let man = Man::new(cli).source(SOURCE);
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;
    man.render_subcommands_section(&mut page)?;
    guide().to_writer(&mut page)?;
    man.render_version_section(&mut page)?;
    Ok(page)
}

/// The footer of every page: the program and its version.
const SOURCE: &str = concat!("smallwins ", env!("CARGO_PKG_VERSION"));

/// A win form: how it is written and what it means.
const WIN_FORMS: &[(&str, &str)] = &[
    (
        "- Shipped the parser #win",
        "A list item or paragraph with a win tag (wins.tags, default win), or a nested one such as #win/work. #winter is not #win.",
    ),
    (
        "## Wins",
        "The items of a wins section: under a heading, an outline item (- Wins) or a bold label (**Wins:**) whose text contains one of wins.section_words (win, wins) or equals one of wins.sections. Checked tasks count; open ones and empty placeholders do not.",
    ),
    (
        "win:: Finished the chapter",
        "A Dataview field whose key is in wins.fields (default win), on its own line or inline as [win:: ...] or (win:: ...).",
    ),
    (
        "wins: [...]",
        "A front matter list (or string) under a key in wins.properties (default wins) of a dated note.",
    ),
    (
        "- [x] Sent the invoice",
        "With wins.done_tasks = true, every checked task, dated by its done date when it has one.",
    ),
    (
        "wins.patterns",
        "Regular expressions: a matching line is a win, its text the named group text when there is one.",
    ),
];

/// `.smallwins.toml` keys, as an example with every key set (all are optional).
const CONFIG_EXAMPLE: &str = r#"exclude = ["Templates", "Archive"]   # folders never read
day_starts_at = "04:00"              # a win at 02:30 belongs to the day before

[notes]                              # overrides Obsidian, Periodic Notes, Logseq
folder = "Daily"
format = "YYYY-MM-DD"                # moment.js tokens, as Obsidian
template = "Templates/Daily.md"

[wins]
tags = ["win"]
section_words = ["win", "wins"]
sections = ["Accomplishments"]
fields = ["win"]
properties = ["wins"]
done_tasks = false
patterns = ['^✅\s*(?P<text>.+)$']
allow_empty = false                  # true counts a lone habit tag

[goal]
daily = 3                            # wins for a goal day
min_wins = 1                         # wins for a win day
weekly = 5                           # wins for a goal week
rest_days = ["sat", "sun"]
rest_tag = "rest"

[[goal.breaks]]                      # holidays: rest days too
from = "2026-12-24"
to = "2027-01-01"

[review]
folder = "Reviews"
format = "GGGG-[W]WW"
week_start = "monday"                # or "sunday"
links = "wikilink"                   # or "markdown""#;

/// Environment variables the program reads.
const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "SMALLWINS_VAULT",
        "The vault folder, when --vault is not given.",
    ),
    (
        "SMALLWINS_TODAY",
        "Compute as if today were this date, when --today is not given.",
    ),
    (
        "SMALLWINS_NOW",
        "Fix the clock (2026-11-27T02:30) for add and status: for tests and demos.",
    ),
    ("SMALLWINS_SEED", "Repeat the pick of replay --random."),
    (
        "SMALLWINS_NO_CACHE",
        "Set to 1: read every note afresh, as --no-cache does.",
    ),
    (
        "SMALLWINS_CACHE_DIR",
        "The folder of the per-note cache (default: $XDG_CACHE_HOME/smallwins, else ~/.cache/smallwins).",
    ),
    ("NO_COLOR", "Set to anything: never colour."),
];

/// The sections clap cannot derive.
fn guide() -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["WRITING WINS"]);
    roff.text([roman(
        "Daily notes are dated by their file name (the daily format), other notes by the date key of \
         their front matter. Code, comments, math, HTML and link targets never hold a win. \
         Each of these is a win:",
    )]);
    for (form, meaning) in WIN_FORMS {
        roff.control("TP", []);
        roff.text([bold(*form)]);
        roff.text([roman(*meaning)]);
    }
    roff.control("PP", []);
    roff.text([roman(
        "A leading time (14:32, 2:32 pm) is the win's time. A note tagged #rest is a rest day: \
         it neither breaks nor lengthens a streak.",
    )]);

    roff.control("SH", ["CONFIGURATION"]);
    roff.text([
        roman("Settings live in "),
        bold(".smallwins.toml"),
        roman(
            " at the vault root (smallwins init writes one). Every key is optional; unknown keys \
             are errors that name the key.",
        ),
    ]);
    roff.control("PP", []);
    roff.control("nf", []);
    roff.control("RS", ["4"]);
    for line in CONFIG_EXAMPLE.lines() {
        roff.text([roman(line)]);
    }
    roff.control("RE", []);
    roff.control("fi", []);

    roff.control("SH", ["EXIT STATUS"]);
    for (code, meaning) in [
        ("0", "Done."),
        ("1", "Findings: check found an error, a review could not be updated safely, status has no win yet today."),
        ("2", "A usage, configuration or I/O error."),
    ] {
        roff.control("TP", []);
        roff.text([bold(code)]);
        roff.text([roman(meaning)]);
    }

    roff.control("SH", ["ENVIRONMENT"]);
    for (name, meaning) in ENVIRONMENT {
        roff.control("TP", []);
        roff.text([bold(*name)]);
        roff.text([roman(*meaning)]);
    }

    roff.control("SH", ["SEE ALSO"]);
    roff.text([
        roman("Each command has a page of its own, such as "),
        italic("smallwins-week"),
        roman("(1); "),
        bold("smallwins man --all DIR"),
        roman(" writes them all into DIR (for example ~/.local/share/man/man1)."),
    ]);
    roff
}
