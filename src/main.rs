//! The `smallwins` binary: parse arguments, call the library, print, map errors to exit codes.

mod cli;

use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use smallwins::capture::{self, AddRequest, Reinforcement};
use smallwins::config::{discover_vault, Config};
use smallwins::error::Error;
use smallwins::journal::Journal;
use smallwins::list::{self, WinFilter};
use smallwins::model::Diagnostic;
use smallwins::replay::{self, SharePeriod};
use smallwins::stats;

use cli::{Cli, ColorChoice, Command, GlobalOpts};

/// Exit statuses: the contract scripts and git hooks rely on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Exit {
    /// Done, nothing to report.
    Success = 0,
    /// Findings: a failed `check`, a review that could not be updated.
    Findings = 1,
    /// Usage, configuration or I/O error.
    Error = 2,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit as u8)
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() {
                Exit::Error
            } else {
                Exit::Success
            };
            let _ = err.print();
            return code.into();
        }
    };
    match run(cli) {
        Ok(exit) => exit.into(),
        Err(err) if is_broken_pipe(&err) => Exit::Success.into(),
        Err(err) => {
            eprintln!("error: {err:#}");
            Exit::Error.into()
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Everything a command needs from the global options.
struct Context {
    config: Config,
    color: bool,
}

fn context(global: &GlobalOpts) -> anyhow::Result<Context> {
    let today = match &global.today {
        Some(date) => list::parse_date(date)?,
        None => chrono::Local::now().date_naive(),
    };
    let cwd = std::env::current_dir().map_err(|err| Error::io(".", err))?;
    let vault = discover_vault(global.vault.as_deref(), &cwd);
    let config = Config::load(&vault, today)?;
    let color = match global.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    Ok(Context { config, color })
}

fn run(cli: Cli) -> anyhow::Result<Exit> {
    let ctx = context(&cli.global)?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let exit = match cli.command {
        Command::Init { force } => {
            let journal = Journal::load(&ctx.config);
            print_warnings(&journal.diagnostics);
            smallwins::init::describe(&mut out, &ctx.config, &journal)?;
            let outcome = smallwins::init::write_config(&ctx.config, force)?;
            writeln!(
                out,
                "{} {}",
                outcome.as_str(),
                smallwins::config::CONFIG_FILE
            )?;
            Exit::Success
        }
        Command::List {
            since,
            until,
            week,
            tags,
            format,
        } => {
            let mut filter = WinFilter {
                since: since.as_deref().map(list::parse_date).transpose()?,
                until: until.as_deref().map(list::parse_date).transpose()?,
                tags: tags.iter().map(|tag| list::normalize_tag(tag)).collect(),
            };
            if let Some(week) = week {
                let config = &ctx.config;
                filter = filter.within_week(list::parse_week(
                    &week,
                    config.today,
                    config.review.week_start,
                )?);
            }
            let journal = Journal::load(&ctx.config);
            print_warnings(&journal.diagnostics);
            let wins: Vec<_> = journal
                .wins()
                .into_iter()
                .filter(|win| filter.accepts(win))
                .collect();
            list::write_wins(&mut out, &wins, format)?;
            Exit::Success
        }
        Command::Add {
            text,
            tags,
            date,
            time,
            quiet,
        } => {
            let request = AddRequest {
                text: text.join(" "),
                tags,
                date: date.as_deref().map(list::parse_date).transpose()?,
                time,
            };
            let now = chrono::Local::now().time();
            let added = capture::add(&ctx.config, &request, now)?;
            print_warnings(&added.warnings);
            if !quiet {
                let journal = Journal::load(&ctx.config);
                Reinforcement::measure(&ctx.config, &journal, &added).write(&mut out, ctx.color)?;
            }
            Exit::Success
        }
        Command::Today { days } => {
            let journal = Journal::load(&ctx.config);
            print_warnings(&journal.diagnostics);
            replay::write_today(&mut out, &ctx.config, &journal, days, ctx.color)?;
            Exit::Success
        }
        Command::Share { week, date, format } => {
            let config = &ctx.config;
            let period = match date {
                Some(date) => SharePeriod::Day(list::parse_date(&date)?),
                None => SharePeriod::Week(list::parse_week(
                    week.as_deref().unwrap_or("this"),
                    config.today,
                    config.review.week_start,
                )?),
            };
            let journal = Journal::load(config);
            print_warnings(&journal.diagnostics);
            out.write_all(replay::share(config, &journal, period, format)?.as_bytes())?;
            Exit::Success
        }
        Command::Stats { format } => {
            let journal = Journal::load(&ctx.config);
            print_warnings(&journal.diagnostics);
            let scores = stats::score(&journal.notes, &ctx.config, ctx.config.today);
            stats::write_stats(&mut out, &scores, format, ctx.color)?;
            Exit::Success
        }
    };
    out.flush()?;
    Ok(exit)
}

/// Prints reading problems as `warning: PATH[:LINE]: message` on stderr.
fn print_warnings(diagnostics: &[Diagnostic]) {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for diagnostic in diagnostics {
        let location = match diagnostic.line {
            Some(line) => format!("{}:{line}", diagnostic.source),
            None => diagnostic.source.clone(),
        };
        let _ = writeln!(err, "warning: {location}: {}", diagnostic.message);
    }
}
