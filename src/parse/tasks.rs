//! Tasks: Logseq's task markers (`DONE`, `TODO`, `LATER`, …) and the done dates the Tasks plugin
//! (`✅ 2026-11-20`) and Dataview (`[completion:: 2026-11-20]`) write after a checked task.

use std::ops::Range;

use chrono::NaiveDate;

use crate::markdown::in_ranges;

/// Logseq's task markers that mean the task is still open (or was dropped).
const OPEN_MARKERS: &[&str] = &[
    "TODO",
    "DOING",
    "LATER",
    "NOW",
    "WAITING",
    "WAIT",
    "IN-PROGRESS",
    "STARTED",
    "CANCELED",
    "CANCELLED",
];

/// The statuses of custom checkboxes (Obsidian draws any `- [c]` as a task; the Tasks plugin and
/// themes give them meanings) that leave a task open or drop it: in progress, cancelled,
/// forwarded, scheduled.
const OPEN_STATUSES: &[char] = &['/', '-', '>', '<'];

/// The marker of a finished Logseq task.
const DONE_MARKER: &str = "DONE";

/// The Tasks plugin's done-date sign.
const DONE_SIGN: &str = "✅";

/// The Dataview field that holds a task's completion date.
const COMPLETION_KEY: &str = "completion::";

/// Where a Logseq task marker leads `s` at byte `p`: whether it marks a finished task, and where
/// the text resumes. The marker is an upper-case word followed by a space or the end.
pub(super) fn logseq_marker(s: &str, p: usize) -> Option<(bool, usize)> {
    let rest = s.get(p..)?;
    let word_len = rest
        .bytes()
        .take_while(|b| b.is_ascii_uppercase() || *b == b'-')
        .count();
    let word = rest.get(..word_len)?;
    let done = word == DONE_MARKER;
    if !done && !OPEN_MARKERS.contains(&word) {
        return None;
    }
    let after = rest.get(word_len..)?;
    if after.chars().next().is_some_and(|c| !c.is_whitespace()) {
        return None;
    }
    Some((
        done,
        p + rest.len() - after.trim_start_matches([' ', '\t']).len(),
    ))
}

/// Where a custom checkbox (`[/]`, `[-]`, `[!]` …: any status but the ` `, `x` and `X` that
/// markdown reads itself) leads `s` at byte `p`: whether its status leaves the task open or
/// dropped, and where the text resumes. Other statuses (`[!]` important, `[*]` star) only
/// decorate the item.
pub(super) fn custom_status(s: &str, p: usize) -> Option<(bool, usize)> {
    let rest = s.get(p..)?;
    let mut chars = rest.chars();
    if chars.next()? != '[' {
        return None;
    }
    let status = chars.next()?;
    if chars.next()? != ']' || status.is_whitespace() || matches!(status, 'x' | 'X' | '[' | ']') {
        return None;
    }
    let after = chars.as_str();
    if after.chars().next().is_some_and(|c| !c.is_whitespace()) {
        return None;
    }
    Some((
        OPEN_STATUSES.contains(&status),
        p + rest.len() - after.trim_start_matches([' ', '\t']).len(),
    ))
}

/// The done dates in `s[range]` outside `opaque` ranges: the last date found, and the ranges to
/// cut from the text (the sign or field with its date).
pub(super) fn done_dates(
    s: &str,
    range: Range<usize>,
    opaque: &[Range<usize>],
) -> (Option<NaiveDate>, Vec<Range<usize>>) {
    let mut found: Vec<(Range<usize>, NaiveDate)> = Vec::new();
    let Some(text) = s.get(range.clone()) else {
        return (None, Vec::new());
    };
    for (i, _) in text.match_indices(DONE_SIGN) {
        let at = range.start + i;
        let after = at + DONE_SIGN.len();
        let rest = s.get(after..range.end).unwrap_or_default();
        let date_start = after + rest.len() - rest.trim_start_matches([' ', '\t']).len();
        if let Some(date) = date_at(s, date_start, range.end) {
            if !in_ranges(opaque, at) {
                found.push((at..date_start + 10, date));
            }
        }
    }
    if text.contains("::") {
        found.extend(completion_fields(s, range, opaque));
    }
    found.sort_by_key(|(r, _)| r.start);
    let date = found.last().map(|(_, d)| *d);
    (date, found.into_iter().map(|(r, _)| r).collect())
}

/// `[completion:: YYYY-MM-DD]` and `(completion:: YYYY-MM-DD)` fields in `s[range]`.
fn completion_fields(
    s: &str,
    range: Range<usize>,
    opaque: &[Range<usize>],
) -> Vec<(Range<usize>, NaiveDate)> {
    let mut found = Vec::new();
    let text = s.get(range.clone()).unwrap_or_default();
    let lower = text.to_ascii_lowercase();
    for (i, _) in lower.match_indices(COMPLETION_KEY) {
        let Some(open) = i.checked_sub(1) else {
            continue;
        };
        let close = match text.as_bytes().get(open) {
            Some(b'[') => b']',
            Some(b'(') => b')',
            _ => continue,
        };
        let value = range.start + i + COMPLETION_KEY.len();
        let rest = s.get(value..range.end).unwrap_or_default();
        let date_start = value + rest.len() - rest.trim_start_matches([' ', '\t']).len();
        let Some(date) = date_at(s, date_start, range.end) else {
            continue;
        };
        let tail = s.get(date_start + 10..range.end).unwrap_or_default();
        let spaces = tail.len() - tail.trim_start_matches([' ', '\t']).len();
        let end = date_start + 10 + spaces;
        if s.as_bytes().get(end) == Some(&close) && !in_ranges(opaque, range.start + open) {
            found.push((range.start + open..end + 1, date));
        }
    }
    found
}

/// The `YYYY-MM-DD` date at byte `p` of `s`, ending before `end` and not running into a digit.
fn date_at(s: &str, p: usize, end: usize) -> Option<NaiveDate> {
    let text = s.get(p..p + 10).filter(|_| p + 10 <= end)?;
    let shaped = text.bytes().enumerate().all(|(i, b)| match i {
        4 | 7 => b == b'-',
        _ => b.is_ascii_digit(),
    });
    if !shaped || s.as_bytes().get(p + 10).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logseq_markers_lead_the_text() {
        assert_eq!(logseq_marker("DONE Filed it", 0), Some((true, 5)));
        assert_eq!(logseq_marker("- LATER", 2), Some((false, 7)));
        assert_eq!(logseq_marker("CANCELLED  x", 0), Some((false, 11)));
        assert_eq!(logseq_marker("DONEX x", 0), None);
        assert_eq!(logseq_marker("Done x", 0), None);
        assert_eq!(logseq_marker("NOWHERE", 0), None);
    }

    #[test]
    fn custom_checkboxes_lead_the_text() {
        assert_eq!(custom_status("[-] dropped", 0), Some((true, 4)));
        assert_eq!(custom_status("- [/] going", 2), Some((true, 6)));
        assert_eq!(custom_status("[!]  key", 0), Some((false, 5)));
        assert_eq!(custom_status("[w]", 0), Some((false, 3)));
        assert_eq!(custom_status("[x] done", 0), None);
        assert_eq!(custom_status("[ab] x", 0), None);
        assert_eq!(custom_status("[a]b", 0), None);
        assert_eq!(custom_status("[[link]] x", 0), None);
    }

    #[test]
    fn done_dates_are_found_and_cut() {
        let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let text = "Sent it ✅ 2026-11-16";
        let (found, cuts) = done_dates(text, 0..text.len(), &[]);
        assert_eq!(found, date("2026-11-16"));
        assert_eq!(
            cuts,
            [Range {
                start: 8,
                end: text.len()
            }]
        );
        let text = "Water [completion:: 2026-11-20] plants (Completion::2026-11-21)";
        let (found, cuts) = done_dates(text, 0..text.len(), &[]);
        assert_eq!(found, date("2026-11-21"));
        assert_eq!(cuts.len(), 2);
        for text in [
            "✅ 2026-02-30",
            "✅ 2026-11-201",
            "[completion:: soon]",
            "✅",
        ] {
            assert_eq!(done_dates(text, 0..text.len(), &[]).0, None, "{text}");
        }
        let text = "`✅ 2026-11-16`";
        let code = [Range {
            start: 0,
            end: text.len(),
        }];
        assert_eq!(done_dates(text, 0..text.len(), &code).0, None);
    }
}
