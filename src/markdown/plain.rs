//! Markdown to plain text: what a reader sees of a win, for a chat message (`share`) or a
//! terminal line (`today`). Links become their text, tags go, whitespace is tidied.

use super::tags;

/// A win's text for a chat: links reduced to their text, tags removed, whitespace tidied.
pub fn plain_text(text: &str) -> String {
    tidy(&tags::strip(&strip_links(text)))
}

/// Replaces links by what a reader sees: `[[Note]]` → `Note`, `[[Note|alias]]` → `alias`,
/// `[[Note#Heading]]` → `Note`, `[text](url)` → `text`, `![alt](img)` → `alt`; embeds
/// (`![[file]]`) are dropped. Code spans and backslash escapes are left alone.
pub fn strip_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while let Some(rest) = text.get(i..) {
        let Some(c) = rest.chars().next() else {
            break;
        };
        if let Some(len) = verbatim_len(rest) {
            out.push_str(rest.get(..len).unwrap_or_default());
            i += len;
            continue;
        }
        let embed = rest.starts_with("![[");
        if let Some(after) = rest.strip_prefix("![[").or_else(|| rest.strip_prefix("[[")) {
            if let Some(close) = after.find("]]") {
                if !embed {
                    out.push_str(&wikilink_text(after.get(..close).unwrap_or_default()));
                }
                i += rest.len() - after.len() + close + 2;
                continue;
            }
        }
        if let Some((label, len)) = markdown_link(rest) {
            out.push_str(&strip_links(label));
            i += len;
            continue;
        }
        if let Some(len) = autolink_len(rest) {
            i += len;
            continue;
        }
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// The length of a CommonMark autolink (`<https://…>`, `<mailto:…>`) at the start of `rest`: it
/// has no text but its address, so a link-free message drops it.
fn autolink_len(rest: &str) -> Option<usize> {
    let inner = rest.strip_prefix('<')?;
    let close = inner.find('>')?;
    let address = inner.get(..close)?;
    let (scheme, _) = address.split_once(':')?;
    let is_scheme = (2..=32).contains(&scheme.len())
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c));
    (is_scheme && !address.contains(char::is_whitespace)).then_some(close + 2)
}

/// The length of a code span or backslash escape at the start of `rest`, copied as it is.
fn verbatim_len(rest: &str) -> Option<usize> {
    if let Some(after) = rest.strip_prefix('\\') {
        return after
            .chars()
            .next()
            .filter(char::is_ascii_punctuation)
            .map(|c| 1 + c.len_utf8());
    }
    let ticks = rest.len() - rest.trim_start_matches('`').len();
    if ticks == 0 {
        return None;
    }
    let after = rest.get(ticks..)?;
    let mut from = 0;
    while let Some(found) = after.get(from..)?.find('`') {
        let start = from + found;
        let run = after.get(start..)?;
        let len = run.len() - run.trim_start_matches('`').len();
        if len == ticks {
            return Some(ticks + start + len);
        }
        from = start + len;
    }
    Some(ticks)
}

/// What a wikilink shows: its alias, else its target without heading or block reference.
fn wikilink_text(inner: &str) -> String {
    if let Some((_, alias)) = inner.split_once('|') {
        return alias.trim().to_owned();
    }
    let target = inner.split(['#', '^']).next().unwrap_or_default().trim();
    if target.is_empty() {
        inner
            .trim_start_matches(['#', '^'])
            .replace('#', " ")
            .trim()
            .to_owned()
    } else {
        target.to_owned()
    }
}

/// A markdown link or image at the start of `rest`: its label and its length.
fn markdown_link(rest: &str) -> Option<(&str, usize)> {
    let open = if rest.starts_with("![") {
        2
    } else if rest.starts_with('[') {
        1
    } else {
        return None;
    };
    let bytes = rest.as_bytes();
    let label_end = matching(bytes, open, b'[', b']')?;
    if bytes.get(label_end + 1) != Some(&b'(') {
        return None;
    }
    let close = matching(bytes, label_end + 2, b'(', b')')?;
    Some((rest.get(open..label_end)?, close + 1))
}

/// The index of the bracket closing one already opened before `from`, skipping escapes.
fn matching(bytes: &[u8], from: usize, open: u8, close: u8) -> Option<usize> {
    let mut depth = 1usize;
    let mut j = from;
    while let Some(&b) = bytes.get(j) {
        if b == b'\\' {
            j += 2;
            continue;
        }
        if b == open {
            depth += 1;
        } else if b == close {
            depth -= 1;
            if depth == 0 {
                return Some(j);
            }
        }
        j += 1;
    }
    None
}

/// Collapses whitespace and drops the space a removed tag leaves before `.` or `,`.
fn tidy(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" .", ".")
        .replace(" ,", ",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_become_their_text() {
        let cases = [
            ("Sent it to [[Acme]]", "Sent it to Acme"),
            ("[[Acme|the client]] paid", "the client paid"),
            ("Read [[Book#Chapter 3]]", "Read Book"),
            ("See [[#Plan]]", "See Plan"),
            ("[[Note#Heading|alias]]", "alias"),
            ("Photo ![[pic.png]] taken", "Photo  taken"),
            (
                "Read [the docs](https://x.org/a_(b)) today",
                "Read the docs today",
            ),
            ("[**bold** link](<a b.md>)", "**bold** link"),
            ("![a cat](cat.png)", "a cat"),
            (
                "[[Nested]] in [a [[Wiki]] link](u)",
                "Nested in a Wiki link",
            ),
            ("Not a link [x] (y)", "Not a link [x] (y)"),
            ("Unclosed [[link", "Unclosed [[link"),
            ("`[[code]]` stays", "`[[code]]` stays"),
            ("\\[[escaped]]", "\\[[escaped]]"),
            ("Docs at <https://example.com/a> now", "Docs at  now"),
            ("a <b> tag and 1 < 2 > 0", "a <b> tag and 1 < 2 > 0"),
        ];
        for (input, want) in cases {
            assert_eq!(strip_links(input), want, "{input}");
        }
    }

    #[test]
    fn tags_are_removed_but_not_hashes_inside_words() {
        let cases = [
            ("Ran 5 km #running", "Ran 5 km"),
            ("#work Shipped it", "Shipped it"),
            ("Nested #win/work tag.", "Nested tag."),
            ("Learned C# and F#", "Learned C# and F#"),
            ("Issue #123 closed", "Issue #123 closed"),
            ("Issue #123a closed", "Issue closed"),
            ("Logseq #[[Lessons Learned]] here", "Logseq here"),
            ("Heading # alone", "Heading # alone"),
            ("`#code` kept", "`#code` kept"),
            ("\\#escaped kept", "\\#escaped kept"),
            ("Emoji #🎉party done", "Emoji done"),
            ("Tea #café, then #déjà-vu", "Tea, then"),
            ("(#paren) stays", "(#paren) stays"),
            ("url.com/#anchor stays", "url.com/#anchor stays"),
        ];
        for (input, want) in cases {
            assert_eq!(tidy(&tags::strip(input)), want, "{input}");
        }
    }

    #[test]
    fn plain_text_has_no_links_or_tags() {
        assert_eq!(
            plain_text("Sent [[Acme|the invoice]] via [mail](m.md) #work #win/big"),
            "Sent the invoice via mail"
        );
    }
}
