//! The `smallwins` binary: parse arguments, build the context, dispatch to `commands/`, map
//! errors to exit codes.

mod cli;
mod commands;

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::Parser;
use smallwins::cache;
use smallwins::config::{discover_vault, Config, Discovery};
use smallwins::dates::{self, PeriodKind};
use smallwins::error::Error;
use smallwins::term::{self, Paint, Warnings};

use cli::{Cli, Command, GlobalOpts, HookAction};
use commands::Context;

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
            let hint = match err.chain().find_map(|cause| cause.downcast_ref::<Error>()) {
                Some(err) => err.hint(),
                None => err
                    .chain()
                    .find_map(|cause| cause.downcast_ref::<io::Error>())
                    .and_then(|io| smallwins::error::io_hint(io.kind()))
                    .map(str::to_owned),
            };
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

/// Resolves the vault, its configuration and today once (from the clock, `$SMALLWINS_NOW` or
/// `--today`), and decides colour; with `notice` (not for `init`, which marks a vault) and
/// unless quiet, says when the vault is a folder without a marker.
fn context(global: &GlobalOpts, notice: bool) -> anyhow::Result<Context> {
    let now = dates::clock::now()?;
    let cwd = std::env::current_dir().map_err(|err| Error::io(".", err))?;
    let (vault, discovery) = discover_vault(global.vault.as_deref(), &cwd);
    let mut config = Config::load_at(&vault, global.today.as_deref(), now)?.discovered(discovery);
    if !global.no_cache {
        config.cache_dir = cache::default_dir();
    }
    if notice && !global.quiet && discovery == Discovery::Unmarked {
        term::print_note(&format!(
            "no vault marker (.smallwins.toml, .obsidian/ or logseq/) in {} or above; reading \
             it as a plain folder of notes (`smallwins init` marks it as a vault)",
            vault.display()
        ));
    }
    Ok(Context {
        config,
        paint: Paint::for_stdout(global.color.into()),
        warnings: Warnings::for_stderr(global.quiet),
    })
}

fn run(cli: Cli) -> anyhow::Result<Exit> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let exit = match cli.command {
        // Completions and the man page describe the CLI, not a vault: no configuration needed.
        Command::Completions { shell } => commands::completions::completions(&mut out, shell)?,
        Command::Man { all } => commands::man::run(&mut out, all.as_deref())?,
        command => {
            // `init` marks a vault, and `hook install` finds the marked one inside the repository.
            let notice = !matches!(
                command,
                Command::Init(_)
                    | Command::Hook {
                        action: HookAction::Install { .. }
                    }
            );
            dispatch(&context(&cli.global, notice)?, &mut out, command)?
        }
    };
    out.flush()?;
    Ok(exit)
}

fn dispatch(ctx: &Context, out: &mut dyn Write, command: Command) -> anyhow::Result<Exit> {
    match command {
        Command::Init(args) => commands::init::run(ctx, out, args),
        Command::List(args) => commands::list::run(ctx, out, args),
        Command::Add(args) => commands::add::run(ctx, out, args),
        Command::Today(args) => commands::today::run(ctx, out, args),
        Command::Replay(args) => commands::replay::run(ctx, out, args),
        Command::Status(args) => commands::status::run(ctx, out, args),
        Command::Share(args) => commands::share::run(ctx, out, args),
        Command::Stats(args) => commands::stats::run(ctx, out, args),
        Command::Week(args) => {
            commands::review::run(ctx, out, PeriodKind::Week, args.week.as_deref(), args.flags)
        }
        Command::Month(args) => commands::review::run(
            ctx,
            out,
            PeriodKind::Month,
            args.month.as_deref(),
            args.flags,
        ),
        Command::Quarter(args) => commands::review::run(
            ctx,
            out,
            PeriodKind::Quarter,
            args.quarter.as_deref(),
            args.flags,
        ),
        Command::Year(args) => {
            commands::review::run(ctx, out, PeriodKind::Year, args.year.as_deref(), args.flags)
        }
        Command::Heatmap(args) => commands::heatmap::run(ctx, out, args),
        Command::Templates { command } => commands::templates::run(ctx, out, command),
        Command::Check(args) => commands::check::run(ctx, out, args),
        Command::Hook { action } => commands::hook::run(ctx, out, action),
        Command::Completions { shell } => commands::completions::completions(out, shell),
        Command::Man { all } => commands::man::run(out, all.as_deref()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_pipe_is_recognised_through_the_error_chain() {
        let pipe = io::Error::new(io::ErrorKind::BrokenPipe, "closed");
        assert!(is_broken_pipe(&anyhow::Error::new(pipe).context("writing")));
        let other = io::Error::new(io::ErrorKind::NotFound, "gone");
        assert!(!is_broken_pipe(&anyhow::Error::new(other)));
    }
}
