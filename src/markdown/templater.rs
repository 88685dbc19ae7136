//! Templater commands (`<% … %>`) left in a note: where they are, so that `add` can fill the
//! ones it understands in a new note, the front matter reader can look past the rest, and
//! `check` can point them out.
//!
//! Syntax, as Templater's parser reads it: `<%` opens, `%>` closes; right after `<%` an optional
//! whitespace control (`-` trims one newline before the tag, `_` all whitespace) and then an
//! optional type (`*` runs JavaScript and prints nothing, `+` is a dynamic command); right before
//! `%>` an optional whitespace control for what follows (`-%>`, `_%>`).

use std::borrow::Cow;
use std::ops::Range;

/// What a command does with its output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `<% expr %>`: prints the value of an expression.
    Interpolation,
    /// `<%* code %>`: runs JavaScript.
    Execution,
    /// `<%+ expr %>`: evaluated when the note is previewed.
    Dynamic,
}

/// Which whitespace a command trims next to it when it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trim {
    /// None.
    Nothing,
    /// `-`: one newline (`\n` or `\r\n`).
    Newline,
    /// `_`: every whitespace character.
    Whitespace,
}

/// One Templater command in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    /// The whole tag, `<%` to `%>`.
    pub range: Range<usize>,
    /// The code between the markers, untrimmed.
    pub code: Range<usize>,
    /// Interpolation, execution or dynamic.
    pub kind: Kind,
    /// What the command trims before itself.
    pub trim_before: Trim,
    /// What the command trims after itself.
    pub trim_after: Trim,
}

const OPEN: &str = "<%";
const CLOSE: &str = "%>";

/// Whether `text` may hold a Templater command (the cheap test before [`commands`]).
pub fn may_hold_commands(text: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), OPEN.as_bytes()).is_some()
}

/// Every closed Templater command in `text`, in order. An opening `<%` without a closing `%>`
/// is not a command (Templater refuses such a template).
pub fn commands(text: &str) -> Vec<Command> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(open) = text.get(from..).and_then(|rest| rest.find(OPEN)) {
        let start = from + open;
        let mut inner = start + OPEN.len();
        let trim_before = match text.as_bytes().get(inner) {
            Some(b'-') => Trim::Newline,
            Some(b'_') => Trim::Whitespace,
            _ => Trim::Nothing,
        };
        if trim_before != Trim::Nothing {
            inner += 1;
        }
        let kind = match text.as_bytes().get(inner) {
            Some(b'*') => Kind::Execution,
            Some(b'+') => Kind::Dynamic,
            _ => Kind::Interpolation,
        };
        if kind != Kind::Interpolation {
            inner += 1;
        }
        let Some(close) = text.get(inner..).and_then(|rest| rest.find(CLOSE)) else {
            break;
        };
        let close = inner + close;
        let (code_end, trim_after) = match text.as_bytes().get(close.wrapping_sub(1)) {
            Some(b'-') if close > inner => (close - 1, Trim::Newline),
            Some(b'_') if close > inner => (close - 1, Trim::Whitespace),
            _ => (close, Trim::Nothing),
        };
        let end = close + CLOSE.len();
        found.push(Command {
            range: start..end,
            code: inner..code_end,
            kind,
            trim_before,
            trim_after,
        });
        from = end;
    }
    found
}

/// `text` with every Templater command blanked out (each character but a line break becomes a
/// space), so that what is left keeps its lines and columns: how the front matter reader looks
/// past commands that were never run (`title: <% tp.file.title %>` reads as an empty value).
pub fn blank_out(text: &str) -> Cow<'_, str> {
    if !may_hold_commands(text) {
        return Cow::Borrowed(text);
    }
    let found = commands(text);
    if found.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for command in found {
        out.push_str(text.get(last..command.range.start).unwrap_or_default());
        let tag = text.get(command.range.clone()).unwrap_or_default();
        out.extend(
            tag.chars()
                .map(|c| if matches!(c, '\n' | '\r') { c } else { ' ' }),
        );
        last = command.range.end;
    }
    out.push_str(text.get(last..).unwrap_or_default());
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(&str, &str, Kind, Trim, Trim)> {
        commands(text)
            .into_iter()
            .map(|c| {
                (
                    &text[c.range.clone()],
                    &text[c.code.clone()],
                    c.kind,
                    c.trim_before,
                    c.trim_after,
                )
            })
            .collect()
    }

    #[test]
    fn commands_are_read_with_their_type_and_whitespace_control() {
        use Kind::*;
        use Trim::*;
        assert_eq!(
            read("a <% tp.file.title %> b"),
            [(
                "<% tp.file.title %>",
                " tp.file.title ",
                Interpolation,
                Nothing,
                Nothing
            )]
        );
        assert_eq!(
            read("<%* tR += 'x' -%>\n<%_ tp.date.now() _%><%+ x %><%-*y%>"),
            [
                (
                    "<%* tR += 'x' -%>",
                    " tR += 'x' ",
                    Execution,
                    Nothing,
                    Newline
                ),
                (
                    "<%_ tp.date.now() _%>",
                    " tp.date.now() ",
                    Interpolation,
                    Whitespace,
                    Whitespace
                ),
                ("<%+ x %>", " x ", Dynamic, Nothing, Nothing),
                ("<%-*y%>", "y", Execution, Newline, Nothing),
            ]
        );
        assert_eq!(
            read("<%\nlet a = 1\n%>"),
            [(
                "<%\nlet a = 1\n%>",
                "\nlet a = 1\n",
                Interpolation,
                Nothing,
                Nothing
            )]
        );
        assert!(read("100 <% of nothing").is_empty());
        assert!(read("<%>").is_empty());
        assert_eq!(
            read("<%%>"),
            [("<%%>", "", Interpolation, Nothing, Nothing)]
        );
    }

    #[test]
    fn blanking_out_keeps_lines_and_columns() {
        assert_eq!(
            blank_out("title: <% tp.file.title %>\nx: 1"),
            "title:                    \nx: 1"
        );
        assert_eq!(blank_out("<%* a\r\nb %>\nk: v"), "     \r\n    \nk: v");
        assert_eq!(blank_out("k: é <% é %>"), "k: é        ");
        assert!(matches!(blank_out("plain: 50%"), Cow::Borrowed(_)));
    }
}
