//! `add`: write a win into that day's note, then show the count, the streak and milestones.
//! Without TEXT: the end-of-day ritual (asked on a terminal, read from a pipe), then the day
//! replayed.

use std::io::{self, Write};

use smallwins::capture::{self, AddRequest, Added, Reinforcement};
use smallwins::dates::{self, clock};
use smallwins::replay::{self, TodayFormat};
use smallwins::{term, Journal};

use super::Context;
use crate::cli::AddArgs;
use crate::Exit;

/// Adds the win (or the session's wins) and, unless `-q`, reinforces it.
pub fn run(ctx: &Context, out: &mut dyn Write, args: AddArgs) -> anyhow::Result<Exit> {
    let config = &ctx.config;
    let request = AddRequest {
        text: args.text.join(" "),
        tags: args.tags,
        date: args
            .date
            .as_deref()
            .map(|arg| dates::parse_day(arg, config.today))
            .transpose()?,
        time: args.time,
    };
    if args.text.is_empty() {
        return session(ctx, out, &request);
    }
    let added = capture::add(config, &request, config.clock.now)?;
    ctx.warnings.print(&added.warnings);
    if !ctx.warnings.is_quiet() {
        writeln!(out, "{} {}", added.outcome.as_str(), added.source)?;
        Reinforcement::measure(config, &added).write(out, ctx.paint)?;
    }
    Ok(Exit::Success)
}

/// The ritual: wins asked for on a terminal (prompts on stderr, so `add > log` keeps only the
/// outcome) or read from a pipe, then the day replayed and the reinforcement of them all.
fn session(ctx: &Context, out: &mut dyn Write, request: &AddRequest) -> anyhow::Result<Exit> {
    let config = &ctx.config;
    capture::check_options(request)?;
    let date = request.date.unwrap_or(config.today);
    let before = Journal::load(config);
    let added: Vec<Added> = if term::stdin_is_terminal() {
        let count = before
            .notes
            .iter()
            .filter(|note| note.date == date)
            .map(|note| note.wins.len())
            .sum();
        capture::ask(
            config,
            request,
            count,
            &mut io::stdin().lock(),
            &mut io::stderr(),
            &clock::now,
        )?
    } else {
        capture::read_wins(&mut io::stdin().lock())?
            .into_iter()
            .map(|text| {
                let win = AddRequest {
                    text,
                    date: Some(date),
                    ..request.clone()
                };
                capture::add(config, &win, clock::now()?)
            })
            .collect::<Result<_, _>>()?
    };
    for added in &added {
        ctx.warnings.print(&added.warnings);
    }
    if added.is_empty() {
        eprintln!("nothing added");
        return Ok(Exit::Findings);
    }
    if !ctx.warnings.is_quiet() {
        let after = Journal::load(config);
        let day = replay::day_report(config, &after, date);
        replay::write_today(out, &day, TodayFormat::Text, ctx.paint)?;
        writeln!(out)?;
        Reinforcement::compare(config, &before.notes, &after.notes, date).write(out, ctx.paint)?;
    }
    Ok(Exit::Success)
}
