//! The end-of-day ritual: `add` without a win on the command line. On a terminal it asks "What
//! went well today?" and takes one win per line until the daily goal is met or an empty line
//! (or Ctrl-D) ends it; from a pipe or a file it takes every non-empty line. Each win is written
//! as `add` writes one, under the capture lock, so concurrent `add`s still all land.

use std::io::{BufRead, Read, Write};

use chrono::NaiveDateTime;

use super::{add, safe_text, AddRequest, Added};
use crate::config::Config;
use crate::error::{Error, Result};

/// The most wins one piped `add` takes: more is more likely a wrong file than a backlog.
pub const MAX_BATCH: usize = 1000;

/// Asks for wins on a terminal: `prompt` gets the question and a `2/3 > ` prompt per line,
/// `input` the answers. Stops once this session's wins meet the daily goal (`count` wins were
/// on the day before it), at an empty line or at the end of input. A line that cannot be a win
/// is explained and asked again. Returns what was written.
pub fn ask(
    config: &Config,
    request: &AddRequest,
    count: usize,
    input: &mut dyn BufRead,
    prompt: &mut dyn Write,
    now: &dyn Fn() -> Result<NaiveDateTime>,
) -> Result<Vec<Added>> {
    let date = request.date.unwrap_or(config.today);
    let goal = usize::try_from(config.goal.daily).unwrap_or(usize::MAX);
    let question = if date == config.today {
        "What went well today?".to_owned()
    } else {
        format!("What went well on {}?", date.format("%a %-d %b %Y"))
    };
    let io = |err| Error::io("the terminal", err);
    writeln!(
        prompt,
        "{question} One win per line; an empty line or Ctrl-D ends."
    )
    .map_err(io)?;
    let mut added = Vec::new();
    let mut line = String::new();
    loop {
        let so_far = count + added.len();
        write!(prompt, "{so_far}/{goal} > ").map_err(io)?;
        prompt.flush().map_err(io)?;
        line.clear();
        if input.read_line(&mut line).map_err(io)? == 0 {
            writeln!(prompt).map_err(io)?;
            break;
        }
        if line.trim().is_empty() {
            break;
        }
        if let Err(err) = safe_text(&line) {
            writeln!(prompt, "  {err}").map_err(io)?;
            continue;
        }
        let win = AddRequest {
            text: line.trim().to_owned(),
            date: Some(date),
            ..request.clone()
        };
        added.push(add(config, &win, now()?)?);
        if so_far < goal && so_far + 1 >= goal {
            writeln!(prompt, "Daily goal met — well done.").map_err(io)?;
            break;
        }
    }
    Ok(added)
}

/// Reads the wins of a pipe or a file: every line that is not blank is one win (blank lines
/// are spacing, not an end). Every line is checked before any is written, so a bad line writes
/// nothing and running it again after a fix adds no duplicates.
pub fn read_wins(input: &mut dyn Read) -> Result<Vec<String>> {
    let mut bytes = Vec::new();
    input
        .read_to_end(&mut bytes)
        .map_err(|err| Error::io("standard input", err))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::Usage("standard input is not UTF-8 text".to_owned()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let wins: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line.trim()))
        .filter(|(_, line)| !line.is_empty())
        .collect();
    if wins.len() > MAX_BATCH {
        return Err(Error::Usage(format!(
            "standard input holds {} wins; one add takes at most {MAX_BATCH}",
            wins.len()
        )));
    }
    let problems: Vec<String> = wins
        .iter()
        .filter_map(|(number, line)| {
            safe_text(line)
                .err()
                .map(|err| format!("line {number}: {err}"))
        })
        .collect();
    if !problems.is_empty() {
        return Err(Error::Usage(format!(
            "nothing added, as some lines cannot be wins:\n  {}",
            problems.join("\n  ")
        )));
    }
    Ok(wins.into_iter().map(|(_, line)| line.to_owned()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn piped_wins_are_the_non_blank_lines() {
        let mut input = "\u{feff}Shipped it\r\n\n  - Ran 5 km  \n\n".as_bytes();
        assert_eq!(read_wins(&mut input).unwrap(), ["Shipped it", "- Ran 5 km"]);
        let mut empty = "\n \n".as_bytes();
        assert!(read_wins(&mut empty).unwrap().is_empty());
    }

    #[test]
    fn one_bad_line_writes_nothing_and_names_every_bad_line() {
        let mut input = "fine\na %% b\nfine too\n[ ] task\n".as_bytes();
        let err = read_wins(&mut input).unwrap_err().to_string();
        assert!(err.starts_with("nothing added"), "{err}");
        assert!(err.contains("line 2: cannot add this win"), "{err}");
        assert!(err.contains("line 4: cannot add this win"), "{err}");
        let mut binary: &[u8] = b"ok\n\xff\xfe\n";
        assert!(read_wins(&mut binary)
            .unwrap_err()
            .to_string()
            .contains("not UTF-8"));
    }

    #[test]
    fn a_whole_file_of_lines_is_refused() {
        let many = "win\n".repeat(MAX_BATCH + 1);
        let err = read_wins(&mut many.as_bytes()).unwrap_err().to_string();
        assert!(err.contains("at most 1000"), "{err}");
    }
}
