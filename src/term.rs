//! The terminal: whether to colour, how to paint, and the `warning: PATH:LINE: message` lines.
//! Every command decides colour here once and paints through [`Paint`]; nothing else writes
//! escape codes.

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

/// Writes reading problems as `warning: PATH[:LINE]: message` lines.
pub fn write_warnings(out: &mut dyn Write, diagnostics: &[Diagnostic]) -> io::Result<()> {
    for diagnostic in diagnostics {
        writeln!(
            out,
            "warning: {}: {}",
            location(diagnostic),
            diagnostic.message
        )?;
    }
    Ok(())
}

/// Prints reading problems on standard error. A closed standard error must not stop the
/// command that found them, so failing to print is not an error.
pub fn print_warnings(diagnostics: &[Diagnostic]) {
    let _ = write_warnings(&mut io::stderr().lock(), diagnostics);
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

    #[test]
    fn warnings_name_the_file_and_the_line_when_known() {
        let with_line = Diagnostic {
            line: Some(7),
            ..Diagnostic::file_warning("Daily/2026-11-16.md", "odd")
        };
        let without = Diagnostic::file_warning("Daily/x.md", "cannot read: gone");
        let mut out = Vec::new();
        write_warnings(&mut out, &[with_line, without]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "warning: Daily/2026-11-16.md:7: odd\nwarning: Daily/x.md: cannot read: gone\n"
        );
    }
}
