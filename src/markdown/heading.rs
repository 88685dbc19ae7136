//! Heading and label text: how a heading or an outline label is compared with the wins section
//! names, by the parser (which reads the section) and by `add` (which must write into the same one).

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
