//! `replay --random`: one past win, for a shell greeting.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::io::Write;

use smallwins::list::{self, WinFilter};
use smallwins::{dates, replay};

use super::{load_journal, Context};
use crate::cli::ReplayArgs;
use crate::Exit;

/// Prints one past win picked at random; exit 1 when there is none to pick.
pub fn run(ctx: &Context, out: &mut dyn Write, args: ReplayArgs) -> anyhow::Result<Exit> {
    let config = &ctx.config;
    let since = args
        .since
        .as_deref()
        .map(|arg| dates::parse_day(arg, config.today))
        .transpose()?;
    let filter = WinFilter {
        since,
        tags: args
            .tags
            .iter()
            .map(|tag| list::normalize_tag(tag))
            .collect(),
        win_tags: list::win_tags(config),
        ..WinFilter::default()
    };
    // Without $SMALLWINS_SEED the standard library's per-process random hash keys seed the
    // pick: random enough for a greeting, with no random-number crate and no clock.
    let seed = args
        .seed
        .unwrap_or_else(|| RandomState::new().hash_one(std::process::id()));
    let journal = load_journal(ctx);
    match replay::random_win(&journal, config.today, filter, seed) {
        Some(win) => {
            replay::write_replay(out, win, config.today, ctx.paint)?;
            Ok(Exit::Success)
        }
        None => {
            eprintln!(
                "no past win to replay yet: they show up here from the day after you write them"
            );
            Ok(Exit::Findings)
        }
    }
}
