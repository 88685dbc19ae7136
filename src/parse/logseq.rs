//! Logseq pages as markdown: a Logseq page is an outline, and a few of its lines mean something
//! else to a markdown parser. This rewrites them, line for line (so every line keeps its number),
//! into the markdown that reads as Logseq shows the page:
//!
//! - block properties (`collapsed:: true`, `id:: …`, `logseq.order-list-type:: number`) and page
//!   properties are not text: their lines are emptied (a win field such as `win:: …` stays);
//! - drawers (`:LOGBOOK:` … `:END:`) are not text either;
//! - a bare line with indented child blocks (`## Wins` over `\t- item`) is a block: it gets a
//!   bullet, so its children nest under it rather than becoming an indented code block.

use super::WinMatcher;

/// How deep (in columns, a tab being four) an outline is read: a block indented deeper is read
/// at this depth. Real outlines stay far shallower, and a markdown parser spends time on each
/// line for every level open above it, so a 10,000-level outline would cost minutes.
pub(super) const MAX_INDENT: usize = 400;

/// A Logseq page rewritten as markdown.
pub(super) struct Rewritten {
    /// The markdown, line for line.
    pub(super) md: String,
    /// The 0-based index of the first line indented deeper than [`MAX_INDENT`], if any.
    pub(super) too_deep: Option<usize>,
}

/// `md` (a Logseq page without its front matter) as markdown that reads as Logseq reads it, or
/// `None` when no line needs rewriting.
pub(super) fn as_markdown(m: &WinMatcher, md: &str) -> Option<Rewritten> {
    let lines: Vec<&str> = md.split_inclusive('\n').collect();
    let mut out = String::with_capacity(md.len() + 64);
    let mut changed = false;
    let mut too_deep = None;
    let mut drawer = false;
    let mut fence: Option<(u8, usize)> = None;
    for (i, line) in lines.iter().enumerate() {
        let clamped = within_depth(line);
        if clamped.is_some() {
            too_deep.get_or_insert(i);
            changed = true;
        }
        let line = clamped.as_deref().unwrap_or(line);
        let (content, eol) = split_eol(line);
        let block = after_bullet(content.trim_start_matches([' ', '\t']));
        if let Some((marker, len)) = fence {
            if closes_fence(block, marker, len) {
                fence = None;
            }
            out.push_str(line);
            continue;
        }
        let trimmed = content.trim_matches([' ', '\t']);
        let bullet = is_bullet(content);
        if drawer && !bullet {
            drawer = trimmed != ":END:";
            out.push_str(eol);
            changed = true;
            continue;
        }
        drawer = false;
        if let Some(open) = opens_fence(block) {
            fence = Some(open);
            out.push_str(line);
            continue;
        }
        if !bullet && is_drawer_start(trimmed) {
            drawer = true;
            out.push_str(eol);
            changed = true;
            continue;
        }
        if !bullet && property_key(trimmed).is_some_and(|key| !m.is_field_key(key)) {
            out.push_str(eol);
            changed = true;
            continue;
        }
        let bare = !bullet && !trimmed.is_empty() && !content.starts_with([' ', '\t']);
        if bare && lines.get(i + 1).is_some_and(|next| is_child_block(next)) {
            out.push_str("- ");
            changed = true;
        }
        out.push_str(line);
    }
    changed.then_some(Rewritten { md: out, too_deep })
}

/// `line` with its indentation cut to [`MAX_INDENT`] columns, when it is indented deeper.
fn within_depth(line: &str) -> Option<String> {
    let mut columns = 0;
    for (i, b) in line.bytes().enumerate() {
        match b {
            b' ' => columns += 1,
            b'\t' => columns += 4 - columns % 4,
            _ => return None,
        }
        if columns >= MAX_INDENT {
            let (indent, rest) = line.split_at_checked(i + 1)?;
            let deeper = rest
                .bytes()
                .position(|b| b != b' ' && b != b'\t')
                .unwrap_or(rest.len());
            let text = rest.get(deeper..)?;
            return (deeper > 0).then(|| format!("{indent}{text}"));
        }
    }
    None
}

/// A line without its line ending, and the line ending.
fn split_eol(line: &str) -> (&str, &str) {
    let content = line.trim_end_matches(['\n', '\r']);
    (content, line.get(content.len()..).unwrap_or_default())
}

/// Whether a line (indentation included) starts a block: `-` then a space or the line's end.
pub(crate) fn is_bullet(line: &str) -> bool {
    let rest = line.trim_start_matches([' ', '\t']);
    rest.strip_prefix('-')
        .is_some_and(|after| after.is_empty() || after.starts_with([' ', '\t', '\r']))
}

/// A line's content after its block's bullet, if it has one.
fn after_bullet(content: &str) -> &str {
    match content.strip_prefix('-') {
        Some(after) if after.is_empty() || after.starts_with([' ', '\t']) => {
            after.trim_start_matches([' ', '\t'])
        }
        _ => content,
    }
}

/// Whether `line` is an indented child block of the line before it.
fn is_child_block(line: &str) -> bool {
    line.starts_with([' ', '\t']) && is_bullet(line)
}

/// Whether a trimmed line opens a drawer (`:LOGBOOK:`, `:PROPERTIES:`).
fn is_drawer_start(trimmed: &str) -> bool {
    trimmed.len() > 2
        && trimmed.starts_with(':')
        && trimmed.ends_with(':')
        && trimmed
            .get(1..trimmed.len() - 1)
            .is_some_and(|name| name.bytes().all(|b| b.is_ascii_alphabetic() || b == b'_'))
}

/// The key of a property line (`key:: value`): letters, digits, `_ - . /`, then `::` and a space
/// or the end.
pub(crate) fn property_key(trimmed: &str) -> Option<&str> {
    let (key, value) = trimmed.split_once("::")?;
    let is_key = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'/'));
    (is_key && (value.is_empty() || value.starts_with([' ', '\t']))).then_some(key)
}

/// The fence a block's content opens: three or more backticks or tildes.
fn opens_fence(block: &str) -> Option<(u8, usize)> {
    let marker = *block
        .as_bytes()
        .first()
        .filter(|b| matches!(b, b'`' | b'~'))?;
    let len = block.bytes().take_while(|&b| b == marker).count();
    (len >= 3).then_some((marker, len))
}

/// Whether a block's content closes the open fence.
fn closes_fence(block: &str, marker: u8, len: usize) -> bool {
    let run = block.bytes().take_while(|&b| b == marker).count();
    run >= len && block.get(run..).is_some_and(|rest| rest.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::WinRules;

    fn rewrite(md: &str) -> String {
        let m = WinMatcher::new(&WinRules::default());
        as_markdown(&m, md).map_or_else(|| md.to_owned(), |r| r.md)
    }

    #[test]
    fn properties_and_drawers_are_emptied_line_for_line() {
        let md = "mood:: ok\n- ## Wins\n  collapsed:: true\n\t- DONE a\n\t  :LOGBOOK:\n\t  CLOCK: x\n\t  :END:\n\t- b\n\t  id:: 123\n- win:: kept\n";
        assert_eq!(
            rewrite(md),
            "\n- ## Wins\n\n\t- DONE a\n\n\n\n\t- b\n\n- win:: kept\n"
        );
    }

    #[test]
    fn a_bare_line_with_child_blocks_becomes_a_block() {
        assert_eq!(
            rewrite("## Wins\n\t- a\n## Notes\nplain\n"),
            "- ## Wins\n\t- a\n## Notes\nplain\n"
        );
        assert_eq!(
            rewrite("Intro\r\n  - child\r\n"),
            "- Intro\r\n  - child\r\n"
        );
    }

    #[test]
    fn code_is_left_alone() {
        let md = "- ```\n  id:: x\n  :LOGBOOK:\n  ```\n- y\n";
        assert_eq!(rewrite(md), md);
    }

    #[test]
    fn blocks_deeper_than_the_limit_are_read_at_the_limit() {
        let deep = |levels: usize| format!("{}- x\n", "\t".repeat(levels));
        let m = WinMatcher::new(&WinRules::default());
        let md = format!("{}{}{}", deep(0), deep(MAX_INDENT / 4), deep(MAX_INDENT));
        let rewritten = as_markdown(&m, &md).unwrap();
        assert_eq!(
            rewritten.md,
            format!(
                "{}{}{}",
                deep(0),
                deep(MAX_INDENT / 4),
                deep(MAX_INDENT / 4)
            )
        );
        assert_eq!(rewritten.too_deep, Some(2));
    }

    #[test]
    fn an_unclosed_drawer_ends_at_the_next_block() {
        assert_eq!(rewrite("- a\n  :LOGBOOK:\n  x\n- b\n"), "- a\n\n\n- b\n");
    }
}
