//! The `smallwins` binary: parse arguments, call the library, print, map errors to exit codes.

mod cli;

use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use smallwins::capture::{self, AddRequest, Reinforcement};
use smallwins::check;
use smallwins::config::{discover_vault, Config};
use smallwins::dates;
use smallwins::error::Error;
use smallwins::hook::{self, InstallOutcome, RunMode, UninstallOutcome};
use smallwins::journal::Journal;
use smallwins::list::{self, WinFilter};
use smallwins::model::Diagnostic;
use smallwins::paths;
use smallwins::replay::{self, SharePeriod};
use smallwins::stats;

use chrono::Datelike;
use smallwins::heatmap;
use smallwins::render::{self, ExportOutcome, Templates};
use smallwins::review::{self, ReviewStatus};
use smallwins::write::{self as writing, WriteOutcome};

use cli::{Cli, ColorChoice, Command, GlobalOpts, HookAction, TemplatesCommand};

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
            let hint = err
                .chain()
                .find_map(|cause| cause.downcast_ref::<io::Error>())
                .and_then(|io| smallwins::error::io_hint(io.kind()));
            match hint {
                Some(hint) => eprintln!("error: {err:#}; {hint}"),
                None => eprintln!("error: {err:#}"),
            }
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
        Some(date) => dates::parse_date(date)?,
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
            let journal = load_journal(&ctx.config);
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
                since: since.as_deref().map(dates::parse_date).transpose()?,
                until: until.as_deref().map(dates::parse_date).transpose()?,
                tags: tags.iter().map(|tag| list::normalize_tag(tag)).collect(),
            };
            if let Some(week) = week {
                let config = &ctx.config;
                filter = filter.within_week(dates::parse_week(
                    &week,
                    config.today,
                    config.review.week_start,
                )?);
            }
            let journal = load_journal(&ctx.config);
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
                date: date.as_deref().map(dates::parse_date).transpose()?,
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
            let journal = load_journal(&ctx.config);
            replay::write_today(&mut out, &ctx.config, &journal, days, ctx.color)?;
            Exit::Success
        }
        Command::Share { week, date, format } => {
            let config = &ctx.config;
            let period = match date {
                Some(date) => SharePeriod::Day(dates::parse_date(&date)?),
                None => SharePeriod::Week(dates::parse_week(
                    week.as_deref().unwrap_or("this"),
                    config.today,
                    config.review.week_start,
                )?),
            };
            let journal = load_journal(config);
            out.write_all(replay::share(config, &journal, period, format)?.as_bytes())?;
            Exit::Success
        }
        Command::Stats { format } => {
            let (scores, diagnostics) = stats::score_vault(&ctx.config);
            print_warnings(&diagnostics);
            stats::write_stats(&mut out, &scores, format, ctx.color)?;
            Exit::Success
        }
        Command::Week {
            week,
            all,
            stdout,
            dry_run,
        } => write_reviews(&ctx, &mut out, week.as_deref(), all, stdout, dry_run)?,
        Command::Heatmap { year, out: file } => write_heatmap(&ctx, &mut out, year, file)?,
        Command::Templates {
            command: TemplatesCommand::Export { force },
        } => export_templates(&ctx, &mut out, force)?,
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
    out.flush()?;
    Ok(exit)
}

/// `week`: renders each requested review and writes, plans or prints it.
fn write_reviews(
    ctx: &Context,
    out: &mut dyn Write,
    week: Option<&str>,
    all: bool,
    stdout: bool,
    dry_run: bool,
) -> anyhow::Result<Exit> {
    let config = &ctx.config;
    let journal = load_journal(config);
    let weeks = if all {
        review::weeks_with_wins(&journal.notes, config)
    } else {
        vec![dates::parse_week(
            week.unwrap_or("this"),
            config.today,
            config.review.week_start,
        )?]
    };
    let mut exit = Exit::Success;
    for rendered in review::render_weeks(config, &journal.notes, &weeks)? {
        if stdout {
            out.write_all(rendered.text.as_bytes())?;
            continue;
        }
        let path = &rendered.path;
        match review::apply(config, path, &rendered.text, dry_run)? {
            ReviewStatus::Written(outcome) => writeln!(out, "{} {path}", outcome.as_str())?,
            ReviewStatus::Planned(outcome) => {
                let word = match outcome {
                    WriteOutcome::Created => "would create",
                    WriteOutcome::Updated => "would update",
                    WriteOutcome::Unchanged => "unchanged",
                };
                writeln!(out, "{word} {path}")?;
            }
            ReviewStatus::NotRewritten { line, reason } => {
                out.flush()?;
                print_warnings(&[Diagnostic {
                    line,
                    ..Diagnostic::file_warning(path.as_str(), reason)
                }]);
                exit = Exit::Findings;
            }
        }
    }
    Ok(exit)
}

/// `heatmap`: draws the year and writes it next to the reviews, to `--out`, or to stdout.
fn write_heatmap(
    ctx: &Context,
    out: &mut dyn Write,
    year: Option<i32>,
    file: Option<std::path::PathBuf>,
) -> anyhow::Result<Exit> {
    let config = &ctx.config;
    let year = year.unwrap_or(config.today.year());
    let journal = load_journal(config);
    let map = heatmap::build(&journal.notes, config, year)?;
    let svg = heatmap::render(&Templates::new(&config.vault), &map)?;
    match file {
        Some(path) if path.as_os_str() == "-" => out.write_all(svg.as_bytes())?,
        Some(path) => {
            let outcome = writing::write_if_changed(&path, svg.as_bytes())?;
            writeln!(out, "{} {}", outcome.as_str(), path.display())?;
        }
        None => {
            let relative = heatmap::default_path(config, year);
            let path = paths::safe_output_path(&config.vault, &relative)?;
            let outcome = writing::write_if_changed(&path, svg.as_bytes())?;
            writeln!(out, "{} {relative}", outcome.as_str())?;
        }
    }
    Ok(Exit::Success)
}

/// `templates export`: copies the default templates into the vault for editing.
fn export_templates(ctx: &Context, out: &mut dyn Write, force: bool) -> anyhow::Result<Exit> {
    let mut exit = Exit::Success;
    for (path, outcome) in render::export(&ctx.config.vault, force)? {
        match outcome {
            ExportOutcome::Written(outcome) => writeln!(out, "{} {path}", outcome.as_str())?,
            ExportOutcome::Kept => {
                out.flush()?;
                print_warnings(&[Diagnostic::file_warning(
                    path,
                    "differs from the default; kept (use --force to replace it)",
                )]);
                exit = Exit::Findings;
            }
        }
    }
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
            let outcome = hook::run(&ctx.config, mode, &files, &cwd)?;
            if mode != RunMode::ReviewOnly {
                print_report(out, &outcome.report, ctx, &cwd)?;
            }
            if let Some(regenerated) = &outcome.regenerated {
                for change in &regenerated.changes {
                    let path = paths::display_path(vault, &change.source, &cwd);
                    writeln!(out, "{} {path}", change.outcome.as_str())?;
                }
                for (week, said) in &regenerated.failures {
                    eprintln!("error: review of {week} not written: {said}");
                }
            }
            if outcome.failed() {
                return Ok(Exit::Findings);
            }
            // pre-commit only notices changed tracked files, and a partial commit's index is
            // thrown away: a review written but not staged must stop the commit.
            if outcome.needs_staging() {
                eprintln!("reviews were written: stage them (git add) and commit again");
                return Ok(Exit::Findings);
            }
        }
    }
    Ok(Exit::Success)
}

/// Reads the whole vault, printing its reading problems as warnings.
fn load_journal(config: &Config) -> Journal {
    let journal = Journal::load(config);
    print_warnings(&journal.diagnostics);
    journal
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_are_the_documented_contract() {
        assert_eq!(
            [Exit::Success, Exit::Findings, Exit::Error].map(|exit| exit as u8),
            [0, 1, 2]
        );
    }

    #[test]
    fn broken_pipe_is_recognised_through_the_error_chain() {
        let pipe = io::Error::new(io::ErrorKind::BrokenPipe, "closed");
        assert!(is_broken_pipe(&anyhow::Error::new(pipe).context("writing")));
        let other = io::Error::new(io::ErrorKind::NotFound, "gone");
        assert!(!is_broken_pipe(&anyhow::Error::new(other)));
    }
}
