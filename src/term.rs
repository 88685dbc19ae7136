//! The terminal: whether to colour, how to paint, and the `warning: PATH:LINE: message` lines.
//! Every command decides colour here once and paints through [`Paint`]; nothing else writes
//! escape codes. Warnings and notices go through [`Warnings`], which caps, wraps and silences
//! them.

use std::cell::Cell;
use std::ffi::OsStr;
use std::io::{self, IsTerminal, Write};

use crate::model::Diagnostic;

/// When to colour what goes to standard output (`--color`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorChoice {
    /// Colour on a terminal, unless `NO_COLOR` is set.
    #[default]
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

impl ColorChoice {
    /// Whether to colour, given whether the output is a terminal and the value of `NO_COLOR`.
    pub fn colors(self, is_terminal: bool, no_color: Option<&OsStr>) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => is_terminal && no_color.is_none(),
        }
    }
}

/// An ANSI text style: SGR parameters, optionally underlined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    sgr: &'static str,
    underline: bool,
}

impl Style {
    /// Headlines and counts.
    pub const BOLD: Style = Style::sgr("1");
    /// Labels and times.
    pub const DIM: Style = Style::sgr("2");
    /// A goal met.
    pub const GOOD: Style = Style::sgr("32");
    /// A goal met just now.
    pub const CHEER: Style = Style::sgr("1;32");
    /// A streak, or one at risk.
    pub const HEED: Style = Style::sgr("33");
    /// The word `error` in a finding.
    pub const ERROR: Style = Style::sgr("1;31");
    /// The word `warning` in a finding.
    pub const WARNING: Style = Style::sgr("1;33");
    /// A day without wins in a heatmap.
    pub const EMPTY: Style = Style::sgr("38;5;240");
    /// A rest day in a heatmap.
    pub const REST: Style = Style::sgr("38;5;67");
    /// Heatmap cells from a few wins to twice the daily goal.
    pub const LEVELS: [Style; 4] = [
        Style::sgr("38;5;22"),
        Style::sgr("38;5;28"),
        Style::sgr("38;5;34"),
        Style::sgr("38;5;46"),
    ];

    const fn sgr(sgr: &'static str) -> Style {
        Style {
            sgr,
            underline: false,
        }
    }

    /// The same style, underlined (today's cell in a heatmap).
    pub const fn underlined(self) -> Style {
        Style {
            underline: true,
            ..self
        }
    }
}

/// Paints text in ANSI styles when colour is on, and leaves it as it is when not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paint {
    color: bool,
}

impl Paint {
    /// Paint for standard output, as `choice`, the terminal and `NO_COLOR` decide.
    pub fn for_stdout(choice: ColorChoice) -> Paint {
        Paint::new(choice.colors(
            io::stdout().is_terminal(),
            std::env::var_os("NO_COLOR").as_deref(),
        ))
    }

    /// Paint that colours when `color` is true.
    pub const fn new(color: bool) -> Paint {
        Paint { color }
    }

    /// Paint that never colours.
    pub const fn plain() -> Paint {
        Paint::new(false)
    }

    /// Whether colour is on (emoji go with it).
    pub const fn is_on(self) -> bool {
        self.color
    }

    /// `text` in `style` when colour is on.
    pub fn paint(self, style: Style, text: &str) -> String {
        if !self.color {
            return text.to_owned();
        }
        let underline = if style.underline { ";4" } else { "" };
        format!("\x1b[{}{underline}m{text}\x1b[0m", style.sgr)
    }
}

/// Whether standard input is a terminal (a person typing) rather than a pipe or a file.
pub fn stdin_is_terminal() -> bool {
    io::stdin().is_terminal()
}

/// Where a diagnostic points: `PATH:LINE`, or `PATH` when it has no line.
pub fn location(diagnostic: &Diagnostic) -> String {
    match diagnostic.line {
        Some(line) => format!("{}:{line}", diagnostic.source),
        None => diagnostic.source.clone(),
    }
}

/// How many reading warnings one run prints before it only counts the rest: the answer the
/// person asked for must not drown under the same per-note warnings on every command.
pub const WARNING_CAP: usize = 5;

/// Narrower terminals are not wrapped: a line that short helps nobody.
const MIN_WRAP_WIDTH: usize = 40;

/// Continuation lines of a wrapped warning are indented this much.
const WRAP_INDENT: &str = "    ";

/// The warnings and notices one run prints on standard error: at most [`WARNING_CAP`] reading
/// warnings, then a count of the rest and a pointer to `smallwins check`, which lists them all;
/// nothing at all when quiet (`-q`); wrapped at the terminal's width, never inside a word, when
/// standard error is a terminal. Errors do not go through here: they are always printed.
#[derive(Debug)]
pub struct Warnings {
    quiet: bool,
    width: Option<usize>,
    shown: Cell<usize>,
}

impl Warnings {
    /// Warnings for standard error: wrapped only when it is a terminal, at its width.
    pub fn for_stderr(quiet: bool) -> Warnings {
        let stderr = io::stderr();
        let width = if stderr.is_terminal() {
            terminal_size::terminal_size_of(&stderr).map(|(width, _)| usize::from(width.0))
        } else {
            None
        };
        Warnings::new(quiet, width)
    }

    /// Warnings wrapped at `width` columns (`None`: never wrapped), silent when `quiet`.
    pub fn new(quiet: bool, width: Option<usize>) -> Warnings {
        Warnings {
            quiet,
            width: width.filter(|&width| width >= MIN_WRAP_WIDTH),
            shown: Cell::new(0),
        }
    }

    /// Whether `-q` silenced everything but errors (a command then skips its chatter too).
    pub fn is_quiet(&self) -> bool {
        self.quiet
    }

    /// Prints reading problems on standard error. A closed standard error must not stop the
    /// command that found them, so failing to print is not an error.
    pub fn print(&self, diagnostics: &[Diagnostic]) {
        let _ = self.write(&mut io::stderr().lock(), diagnostics);
    }

    /// Writes reading problems as `warning: PATH[:LINE]: message` lines, up to the run's cap,
    /// then how many more there are and where to see them.
    pub fn write(&self, out: &mut dyn Write, diagnostics: &[Diagnostic]) -> io::Result<()> {
        if self.quiet || diagnostics.is_empty() {
            return Ok(());
        }
        let room = WARNING_CAP.saturating_sub(self.shown.get());
        let shown = diagnostics.len().min(room);
        self.shown.set(self.shown.get() + shown);
        for diagnostic in diagnostics.iter().take(shown) {
            self.line(out, &warning_line(diagnostic))?;
        }
        let hidden = diagnostics.len() - shown;
        if hidden > 0 {
            let more = if hidden == 1 { "warning" } else { "warnings" };
            self.line(
                out,
                &format!(
                    "… and {hidden} more {more}: `smallwins check` lists them all (-q hides warnings)"
                ),
            )?;
        }
        Ok(())
    }

    /// Prints a one-line notice (`note: …`) that is not about a note's content, such as a
    /// filter that matched nothing; silenced by `-q`.
    pub fn notice(&self, message: &str) {
        if !self.quiet {
            let _ = self.line(&mut io::stderr().lock(), &format!("note: {message}"));
        }
    }

    fn line(&self, out: &mut dyn Write, text: &str) -> io::Result<()> {
        match self.width {
            Some(width) => writeln!(out, "{}", wrap(text, width, WRAP_INDENT)),
            None => writeln!(out, "{text}"),
        }
    }
}

/// `warning: PATH[:LINE]: message`.
fn warning_line(diagnostic: &Diagnostic) -> String {
    format!("warning: {}: {}", location(diagnostic), diagnostic.message)
}

/// Prints a problem the command itself ran into (a review it would not rewrite, a template it
/// kept) as a `warning:` line: the outcome of the command, so never capped or silenced.
pub fn print_problem(diagnostic: &Diagnostic) {
    let _ = writeln!(io::stderr().lock(), "{}", warning_line(diagnostic));
}

/// Breaks `text` into lines of at most `width` characters at spaces, never inside a word (a
/// word longer than a line, such as a long path, gets a line of its own); continuation lines
/// start with `indent`.
pub fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut wrapped = String::with_capacity(text.len() + 16);
    let mut line_len = 0;
    for word in text.split(' ').filter(|word| !word.is_empty()) {
        let len = word.chars().count();
        if line_len > 0 && line_len + 1 + len > width {
            wrapped.push('\n');
            wrapped.push_str(indent);
            line_len = indent.chars().count();
        } else if line_len > 0 {
            wrapped.push(' ');
            line_len += 1;
        }
        wrapped.push_str(word);
        line_len += len;
    }
    wrapped
}

/// Prints a one-line `note: …` on standard error: something the person should know about how
/// the command ran, not a problem with a note.
pub fn print_note(message: &str) {
    let _ = writeln!(io::stderr().lock(), "note: {message}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_follows_the_choice_the_terminal_and_no_color() {
        let set = Some(OsStr::new("1"));
        let cases = [
            (ColorChoice::Auto, true, None, true),
            (ColorChoice::Auto, false, None, false),
            (ColorChoice::Auto, true, set, false),
            (ColorChoice::Always, false, set, true),
            (ColorChoice::Never, true, None, false),
        ];
        for (choice, terminal, no_color, expected) in cases {
            assert_eq!(
                choice.colors(terminal, no_color),
                expected,
                "{choice:?} terminal={terminal} NO_COLOR={no_color:?}"
            );
        }
    }

    #[test]
    fn paint_wraps_in_escape_codes_only_when_on() {
        assert_eq!(Paint::plain().paint(Style::BOLD, "9 wins"), "9 wins");
        assert_eq!(
            Paint::new(true).paint(Style::BOLD, "9 wins"),
            "\x1b[1m9 wins\x1b[0m"
        );
        assert_eq!(
            Paint::new(true).paint(Style::LEVELS[3].underlined(), "█"),
            "\x1b[38;5;46;4m█\x1b[0m"
        );
    }

    fn written(warnings: &Warnings, diagnostics: &[Diagnostic]) -> String {
        let mut out = Vec::new();
        warnings.write(&mut out, diagnostics).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn numbered(n: usize) -> Vec<Diagnostic> {
        (1..=n)
            .map(|i| Diagnostic::file_warning(format!("Daily/{i}.md"), "odd"))
            .collect()
    }

    #[test]
    fn warnings_name_the_file_and_the_line_when_known() {
        let with_line = Diagnostic {
            line: Some(7),
            ..Diagnostic::file_warning("Daily/2026-11-16.md", "odd")
        };
        let without = Diagnostic::file_warning("Daily/x.md", "cannot read: gone");
        assert_eq!(
            written(&Warnings::new(false, None), &[with_line, without]),
            "warning: Daily/2026-11-16.md:7: odd\nwarning: Daily/x.md: cannot read: gone\n"
        );
    }

    #[test]
    fn warnings_stop_at_the_cap_for_the_whole_run_and_count_the_rest() {
        let warnings = Warnings::new(false, None);
        let first = written(&warnings, &numbered(3));
        assert_eq!(first.lines().count(), 3, "{first}");
        let second = written(&warnings, &numbered(4));
        assert_eq!(
            second,
            "warning: Daily/1.md: odd\nwarning: Daily/2.md: odd\n\
             … and 2 more warnings: `smallwins check` lists them all (-q hides warnings)\n"
        );
        let third = written(&warnings, &numbered(1));
        assert_eq!(
            third,
            "… and 1 more warning: `smallwins check` lists them all (-q hides warnings)\n"
        );
    }

    #[test]
    fn quiet_warnings_print_nothing() {
        assert_eq!(written(&Warnings::new(true, Some(80)), &numbered(9)), "");
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_never_inside_a_word() {
        let text = "warning: Daily/2026-11-16.md:3: front matter is not closed; add a line with --- after it";
        let wrapped = wrap(text, 40, "    ");
        assert_eq!(
            wrapped,
            "warning: Daily/2026-11-16.md:3: front\n    matter is not closed; add a line\n    with --- after it"
        );
        assert!(wrapped.lines().all(|line| line.chars().count() <= 40));
        let long = "warning: a/very/long/path/that/does/not/fit/anywhere.md: odd";
        assert_eq!(
            wrap(long, 20, "  "),
            "warning:\n  a/very/long/path/that/does/not/fit/anywhere.md:\n  odd"
        );
    }

    #[test]
    fn warnings_wrap_only_at_a_usable_width() {
        let long = vec![Diagnostic::file_warning(
            "Daily/2026-11-16.md",
            "a message long enough to need a second line at forty columns",
        )];
        assert_eq!(
            written(&Warnings::new(false, Some(40)), &long)
                .lines()
                .count(),
            3
        );
        assert_eq!(
            written(&Warnings::new(false, Some(10)), &long)
                .lines()
                .count(),
            1
        );
        assert_eq!(
            written(&Warnings::new(false, None), &long).lines().count(),
            1
        );
    }
}
