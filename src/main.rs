//! The `smallwins` binary: parse arguments, call the library, print, map errors to exit codes.

mod cli;

use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use smallwins::check;
use smallwins::config::{discover_vault, Config};
use smallwins::error::Error;
use smallwins::hook::{self, InstallOutcome, RunMode, UninstallOutcome};
use smallwins::journal::Journal;
use smallwins::list::{self, WinFilter};
use smallwins::model::Diagnostic;

use cli::{Cli, ColorChoice, Command, GlobalOpts, HookAction};

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
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    // Completions and the man page describe the CLI, not a vault: no configuration needed.
    match &cli.command {
        Command::Completions { shell } => {
            clap_complete::generate(*shell, &mut Cli::command(), "smallwins", &mut out);
            out.flush()?;
            return Ok(Exit::Success);
        }
        Command::Man => {
            clap_mangen::Man::new(Cli::command()).render(&mut out)?;
            out.flush()?;
            return Ok(Exit::Success);
        }
        _ => {}
    }
    let ctx = context(&cli.global)?;
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
        Command::Check { files, staged } => {
            let cwd = current_dir()?;
            let report = if staged {
                check::check_staged(&ctx.config)?
            } else if files.is_empty() {
                check::check_vault(&ctx.config)
            } else {
                check::check_paths(&ctx.config, &files, &cwd)?
            };
            print_report(&mut out, &report, &ctx, &cwd)?;
            if report.has_errors() {
                Exit::Findings
            } else {
                Exit::Success
            }
        }
        Command::Hook { action } => hook_command(&mut out, &ctx, action)?,
        Command::Completions { .. } | Command::Man => Exit::Success,
    };
    let _ = ctx.color;
    out.flush()?;
    Ok(exit)
}

fn current_dir() -> anyhow::Result<std::path::PathBuf> {
    Ok(std::env::current_dir().map_err(|err| Error::io(".", err))?)
}

fn current_exe() -> anyhow::Result<std::path::PathBuf> {
    Ok(std::env::current_exe().map_err(|err| Error::io("smallwins", err))?)
}

/// Findings to stdout; skipped paths and the summary to stderr.
fn print_report(
    out: &mut dyn Write,
    report: &check::Report,
    ctx: &Context,
    cwd: &std::path::Path,
) -> anyhow::Result<()> {
    let stderr = io::stderr();
    let mut notes = stderr.lock();
    check::write_report(out, &mut notes, report, &ctx.config, cwd, ctx.color)?;
    Ok(())
}

fn hook_command(out: &mut dyn Write, ctx: &Context, action: HookAction) -> anyhow::Result<Exit> {
    let vault = &ctx.config.vault;
    match action {
        HookAction::Install { mode, force } => {
            let (outcome, path) = hook::install(vault, mode, force, &current_exe()?)?;
            let what = match outcome {
                InstallOutcome::Installed => "installed",
                InstallOutcome::Chained => "installed (the existing hook was kept and runs first)",
                InstallOutcome::Replaced => "replaced",
                InstallOutcome::Unchanged => "unchanged",
            };
            writeln!(out, "{what} {}", path.display())?;
        }
        HookAction::Uninstall => {
            let (outcome, path) = hook::uninstall(vault)?;
            let what = match outcome {
                UninstallOutcome::Removed => "removed",
                UninstallOutcome::Restored => "removed (the previous hook was restored)",
                UninstallOutcome::NotInstalled => "not installed",
            };
            writeln!(out, "{what} {}", path.display())?;
        }
        HookAction::Run { mode, files } => {
            let cwd = current_dir()?;
            let outcome = hook::run(&ctx.config, mode, &files, &cwd, &current_exe()?)?;
            if mode != RunMode::ReviewOnly {
                print_report(out, &outcome.report, ctx, &cwd)?;
            }
            if let Some(regenerated) = &outcome.regenerated {
                for change in &regenerated.changes {
                    let path = check::display_path(vault, &change.source, &cwd);
                    writeln!(out, "{} {path}", change.outcome)?;
                }
                for (week, said) in &regenerated.failures {
                    eprintln!("error: review of {week} not written: {said}");
                }
            }
            if outcome.failed() {
                return Ok(Exit::Findings);
            }
        }
    }
    Ok(Exit::Success)
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
