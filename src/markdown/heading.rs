//! Heading and label text: how a heading or an outline label is compared with the wins section
//! names, by the parser (which reads the section) and by `add` (which must write into the same one).
//!
//! A label names a wins section when, with case, emoji, punctuation and markdown ignored, it holds
//! one of `wins.section_words` as a whole word ("🏆 Wins of the Day", "Today's wins", not
//! "Winter") or equals one of `wins.sections` ("Accomplishments").

use crate::model::WinRules;

/// Heading text with emoji and punctuation dropped, whitespace collapsed, lowercased: how Wins
/// section headings are compared (also by `add`, which must find the same section).
pub fn normalize(s: &str) -> String {
    // One pass and one allocation: every heading of every note comes through here.
    let mut kept = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            pending_space = true;
        } else if c.is_alphanumeric() {
            if pending_space && !kept.is_empty() {
                kept.push(' ');
            }
            pending_space = false;
            kept.push(c);
        }
    }
    if kept.is_ascii() {
        kept.make_ascii_lowercase();
        kept
    } else {
        kept.to_lowercase()
    }
}

/// Headings up to this long are normalised on the stack.
pub(crate) const BUFFER: usize = 256;

/// [`normalize`] of ASCII text, written into `buffer` rather than a new string: every
/// heading of every note is normalised. `None` when the text is not ASCII or does not fit.
pub(crate) fn normalize_ascii<'b>(text: &[u8], buffer: &'b mut [u8]) -> Option<&'b [u8]> {
    if !text.is_ascii() {
        return None;
    }
    let mut len = 0;
    let mut pending_space = false;
    for &b in text {
        // The ASCII characters `char::is_whitespace` accepts.
        if matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r') {
            pending_space = true;
        } else if b.is_ascii_alphanumeric() {
            if pending_space && len > 0 {
                *buffer.get_mut(len)? = b' ';
                len += 1;
            }
            pending_space = false;
            *buffer.get_mut(len)? = b.to_ascii_lowercase();
            len += 1;
        }
    }
    buffer.get(..len)
}

/// The ASCII letters and digits of ASCII `text`, lowercased, written into `buffer`: `None` when
/// the text is not ASCII or they do not fit.
pub(crate) fn ascii_letters_and_digits<'b>(text: &[u8], buffer: &'b mut [u8]) -> Option<&'b [u8]> {
    if !text.is_ascii() {
        return None;
    }
    let mut len = 0;
    for &b in text.iter().filter(|b| b.is_ascii_alphanumeric()) {
        *buffer.get_mut(len)? = b.to_ascii_lowercase();
        len += 1;
    }
    buffer.get(..len)
}

/// Whether `heading` (as written) names one of `labels` (already [`normalize`]d).
pub fn is_one_of(heading: &str, labels: &[String]) -> bool {
    let mut buffer = [0; BUFFER];
    if let Some(normalized) = normalize_ascii(heading.as_bytes(), &mut buffer) {
        return labels.iter().any(|label| label.as_bytes() == normalized);
    }
    labels.contains(&normalize(heading))
}

/// The words of a label: runs of letters and digits of any script, lowercased, with `σ` for a
/// final `ς` (which lowercases by what follows it).
pub fn words(label: &str) -> Vec<String> {
    label
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| word.to_lowercase().replace('ς', "σ"))
        .collect()
}

/// The wins-section names of a vault, prepared once: the words a label may hold and the labels
/// it may equal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionNames {
    /// Each of `wins.section_words` as its words (a configured word may be a phrase).
    words: Vec<Vec<String>>,
    /// Each of `wins.sections`, [`normalize`]d.
    exact: Vec<String>,
}

impl SectionNames {
    /// Prepares `section_words` (whole words) and `sections` (exact labels).
    pub fn new(section_words: &[String], sections: &[String]) -> SectionNames {
        SectionNames {
            words: section_words
                .iter()
                .map(|w| words(w))
                .filter(|w| !w.is_empty())
                .collect(),
            exact: sections
                .iter()
                .map(|s| normalize(s))
                .filter(|s| !s.is_empty())
                .collect(),
        }
    }

    /// The section names of `rules`.
    pub fn of(rules: &WinRules) -> SectionNames {
        SectionNames::new(&rules.section_words, &rules.sections)
    }

    /// Whether `label` (a heading's or a label's text as written) names a wins section.
    pub fn names(&self, label: &str) -> bool {
        if !self.exact.is_empty() && is_one_of(label, &self.exact) {
            return true;
        }
        if self.words.is_empty() {
            return false;
        }
        let held = words(label);
        self.words.iter().any(|phrase| {
            held.windows(phrase.len())
                .any(|window| window == phrase.as_slice())
        })
    }

    /// Every word a label that names a section holds, lowercased: the last word of each phrase
    /// and the longest word of each exact label. A quick test may look for these first.
    pub fn key_words(&self) -> Vec<String> {
        let phrase_words = self
            .words
            .iter()
            .filter_map(|phrase| phrase.last().cloned());
        let label_words = self.exact.iter().filter_map(|label| {
            label
                .split(' ')
                .max_by_key(|w| w.len())
                .map(|w| w.replace('ς', "σ"))
        });
        phrase_words.chain(label_words).collect()
    }
}

/// Whether `label` (a heading's or an outline or bold label's text) names a wins section under
/// `rules`. Callers that test many labels prepare [`SectionNames`] once instead.
pub fn names_wins_section(label: &str, rules: &WinRules) -> bool {
    SectionNames::of(rules).names(label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_headings_normalise_as_any_heading_does() {
        let mut state = 0x2545_F491_4F6C_DD1D_u64;
        let alphabet = b"aZ9 \t\n\x0B\x0C\r*_#-!.:\x1Fw";
        for _ in 0..5000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = (state % 40) as usize;
            let text: Vec<u8> = (0..len)
                .map(|i| alphabet[((state >> (i % 48)) as usize + i) % alphabet.len()])
                .collect();
            let mut buffer = [0; BUFFER];
            let fast = normalize_ascii(&text, &mut buffer).map(<[u8]>::to_vec);
            let slow = normalize(std::str::from_utf8(&text).unwrap_or_default());
            assert_eq!(fast, Some(slow.into_bytes()), "{text:?}");
        }
        let mut buffer = [0; BUFFER];
        assert_eq!(normalize_ascii("é".as_bytes(), &mut buffer), None);
        assert_eq!(normalize_ascii(&[b'a'; 300], &mut buffer), None);
    }

    #[test]
    fn section_words_match_whole_words_of_any_label() {
        let rules = WinRules::default();
        let cases = [
            ("Wins", true),
            ("## 🏆 Wins of the Day", true),
            ("Today's wins:", true),
            ("**Small wins:**", true),
            ("⚡ Wins & Progress", true),
            ("Wins/Losses", true),
            ("win-win", true),
            ("Winter prep", false),
            ("Darwin", false),
            ("Winning streak", false),
            ("Accomplishments", false),
            ("", false),
        ];
        for (label, named) in cases {
            assert_eq!(names_wins_section(label, &rules), named, "{label}");
        }
        let rules = WinRules {
            section_words: vec!["went well".into()],
            sections: vec!["Accomplishments".into(), "3 amazing things".into()],
            ..WinRules::default()
        };
        for (label, named) in [
            ("### ✅ Accomplishments:", true),
            ("3 Amazing things!", true),
            ("Amazing things", false),
            ("What went well today?", true),
            ("Went", false),
            ("Wins", false),
        ] {
            assert_eq!(names_wins_section(label, &rules), named, "{label}");
        }
    }

    #[test]
    fn labels_match_whatever_their_case_emoji_and_punctuation() {
        let labels = vec![normalize("Small wins"), normalize("Wins")];
        let cases = [
            ("🏆 Small   WINS:", true),
            ("wins", true),
            ("**Wins**", true),
            ("Ünï wins", false),
            ("Winter", false),
        ];
        for (heading, named) in cases {
            assert_eq!(is_one_of(heading, &labels), named, "{heading}");
        }
    }
}
