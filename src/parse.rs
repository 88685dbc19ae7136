//! Pure note parsing: markdown text in, win entries out (pulldown-cmark events only).
//! TEMPORARY STUB: replaced by the real module from branch `parse`.
#![allow(missing_docs, dead_code, clippy::all)]
use crate::model::{Entry, ParsedNote, WinKind, WinRules};
pub struct WinMatcher;
impl WinMatcher {
    pub fn new(_r: &WinRules) -> WinMatcher {
        WinMatcher
    }
    pub fn parse(&self, text: &str) -> ParsedNote {
        let mut p = ParsedNote::default();
        for (i, l) in text.lines().enumerate() {
            if l.contains("#win") {
                p.entries.push(Entry {
                    time: None,
                    text: l.replace("#win", "").trim().to_owned(),
                    tags: vec![],
                    line: i + 1,
                    kind: WinKind::Tag,
                });
            }
        }
        if let Some(rest) = text.strip_prefix("---\ndate: ") {
            p.front_matter_date =
                chrono::NaiveDate::parse_from_str(rest.get(..10).unwrap_or(""), "%Y-%m-%d").ok();
        }
        p
    }
}
