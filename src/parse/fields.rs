//! Dataview inline fields: `win:: text` leading a line or item, and `[win:: text]` or
//! `(win:: text)` inside one.

use std::ops::Range;

use super::WinMatcher;
use crate::markdown::{in_ranges, prefix};

/// Room for spaces around a field key before its `::`.
pub(super) const KEY_SLACK: usize = 16;

/// Where a `key::` Dataview field at `p` has its value, when the key is a win field.
pub(super) fn leading_field(m: &WinMatcher, s: &str, p: usize) -> Option<usize> {
    let rest = s.get(p..)?;
    // Keys are short, so only a short prefix is searched; long lines stay linear.
    let head = prefix(rest, m.longest_field + KEY_SLACK).as_bytes();
    let line = head.get(..memchr::memchr(b'\n', head).unwrap_or(head.len()))?;
    let colons = find_colons(line)?;
    let key = rest.get(..colons)?;
    if key.trim().is_empty() || key.contains(['[', ']', '(', ')', '`']) || !m.is_field_key(key) {
        return None;
    }
    let value = rest.get(colons + 2..)?;
    Some(p + rest.len() - value.trim_start_matches([' ', '\t']).len())
}

/// Where the first `::` of `bytes` starts; a memchr walk, as building a memmem finder for text
/// this short costs more than the search.
pub(super) fn find_colons(bytes: &[u8]) -> Option<usize> {
    memchr::memchr_iter(b':', bytes).find(|&i| bytes.get(i + 1) == Some(&b':'))
}

/// An inline `[win:: value]` or `(win:: value)` field, in text coordinates.
pub(super) struct BracketField {
    pub(super) open: Range<usize>,
    pub(super) value: Range<usize>,
    pub(super) close: usize,
}

/// Finds inline win fields in `range`, skipping opaque parts; brackets nest, a line ends a field.
pub(super) fn bracket_fields(
    m: &WinMatcher,
    s: &str,
    range: Range<usize>,
    opaque: &[Range<usize>],
) -> Vec<BracketField> {
    let mut found = Vec::new();
    let Some(text) = s.get(range.clone()) else {
        return found;
    };
    // Every field has a `::` after its bracket and on its line; most units have none, and a
    // bracket scan is not free.
    let bytes = s.as_bytes();
    let line_end = bytes
        .get(range.end..)
        .and_then(|tail| memchr::memchr(b'\n', tail))
        .map_or(bytes.len(), |i| range.end + i);
    if find_colons(bytes.get(range.start..line_end).unwrap_or_default()).is_none() {
        return found;
    }
    let mut from = 0;
    while let Some(i) = text
        .get(from..)
        .and_then(|t| t.find(['[', '(']))
        .map(|i| from + i)
    {
        from = i + 1;
        let abs = range.start + i;
        if in_ranges(opaque, abs) {
            continue;
        }
        let (open_c, close_c) = if text.as_bytes().get(i) == Some(&b'[') {
            (b'[', b']')
        } else {
            (b'(', b')')
        };
        let Some(value_start) = leading_field(m, s, abs + 1) else {
            continue;
        };
        let mut depth = 1usize;
        let mut close = None;
        let mut stop = range.end;
        for (j, c) in s
            .as_bytes()
            .iter()
            .enumerate()
            .take(range.end)
            .skip(value_start)
        {
            stop = j + 1;
            match *c {
                b'\n' => break,
                c if c == open_c => depth += 1,
                c if c == close_c => {
                    depth -= 1;
                    if depth == 0 {
                        close = Some(j);
                        break;
                    }
                }
                _ => {}
            }
        }
        if let Some(close) = close {
            found.push(BracketField {
                open: abs..value_start,
                value: value_start..close,
                close,
            });
            from = close + 1 - range.start;
        } else {
            // Nothing on this line closes it; rescanning from every later bracket would be quadratic.
            from = stop.saturating_sub(range.start).max(from);
        }
    }
    found
}
