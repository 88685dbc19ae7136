//! Comments: Obsidian's `%% … %%` and HTML's `<!-- … -->`. Nothing inside one is ever a win, and
//! text a person adds must never open one (it would hide the rest of the note).

use std::ops::Range;

use pulldown_cmark::{Event, Tag};

use super::{in_ranges, parser, push_disjoint};

/// What opens and closes an Obsidian comment.
pub const OBSIDIAN_MARK: &str = "%%";

/// What opens an HTML comment.
pub const HTML_OPEN: &str = "<!--";

/// What closes an HTML comment.
pub const HTML_CLOSE: &str = "-->";

/// Obsidian `%% … %%` comment ranges of `md` (markdown without front matter); `%%` inside code
/// does not count, an unclosed one runs to the end.
pub fn obsidian(md: &str) -> Vec<Range<usize>> {
    // Finding the code costs a parse of the whole note, which most notes can skip.
    if !md.contains(OBSIDIAN_MARK) {
        return Vec::new();
    }
    let mut code = Vec::new();
    for (event, range) in parser(md).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) | Event::Code(_) => push_disjoint(&mut code, range),
            _ => {}
        }
    }
    let mut comments = Vec::new();
    let mut open: Option<usize> = None;
    let mut from = 0;
    while let Some(i) = md
        .get(from..)
        .and_then(|s| s.find(OBSIDIAN_MARK))
        .map(|i| from + i)
    {
        from = i + OBSIDIAN_MARK.len();
        if in_ranges(&code, i) {
            continue;
        }
        match open.take() {
            None => open = Some(i),
            Some(start) => comments.push(start..i + OBSIDIAN_MARK.len()),
        }
    }
    if let Some(start) = open {
        comments.push(start..md.len());
    }
    comments
}

/// Whether the source of an HTML event (inline or block) is an HTML comment.
pub fn is_html_comment(html: &str) -> bool {
    html.trim_start().starts_with(HTML_OPEN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn obsidian_comments_pair_up_outside_code() {
        let cases: &[(&str, &[(usize, usize)])] = &[
            ("a %%b%% c", &[(2, 7)]),
            ("`%%` a %%b%%", &[(7, 12)]),
            ("```\n%%\n```\n%% x", &[(11, 15)]),
            ("%%a%% %%b", &[(0, 5), (6, 9)]),
            ("no comment", &[]),
        ];
        for (md, want) in cases {
            let want: Vec<Range<usize>> = want.iter().map(|&(start, end)| start..end).collect();
            assert_eq!(obsidian(md), want, "{md:?}");
        }
    }

    #[test]
    fn html_comments_are_told_from_other_html() {
        assert!(is_html_comment("  <!-- x -->"));
        assert!(!is_html_comment("<div><!-- x --></div>"));
    }
}
