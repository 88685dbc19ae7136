//! Times of day as notes write them: `14:32`, `9:05`, `2:32 pm`, `12:05 AM`. The parser reads
//! the time a win starts with here, and `add --time` reads its argument here, so `add` accepts
//! exactly what notes accept.

use chrono::NaiveTime;

/// A leading time at byte `p` of `s`; returns `HH:MM` and where the text resumes (after a `-`,
/// `–` or `—` separator, if any).
pub(super) fn leading(s: &str, p: usize) -> Option<(String, usize)> {
    let rest = s.get(p..)?;
    let (time, len) = read(rest).or_else(|| emphasised(rest))?;
    // Drop the separator too: `14:32 - text` and `14:32 text` both leave `text`.
    let trimmed = rest.get(len..)?.trim_start();
    let trimmed = match trimmed.strip_prefix(['-', '–', '—']) {
        Some(t) if t.chars().next().is_none_or(char::is_whitespace) => t.trim_start(),
        _ => trimmed,
    };
    Some((
        time.format("%H:%M").to_string(),
        p + rest.len() - trimmed.len(),
    ))
}

/// A time wrapped in emphasis and nothing else (`**2:46 PM**`, `_14:32_`), as outliners write a
/// log's times, and its length with the marks.
fn emphasised(text: &str) -> Option<(NaiveTime, usize)> {
    let marks = text
        .bytes()
        .take_while(|b| matches!(b, b'*' | b'_'))
        .count();
    if !(1..=3).contains(&marks) {
        return None;
    }
    let mark = text.get(..marks)?;
    let inner = text.get(marks..)?;
    let close = inner.find(mark)?;
    let (time, len) = read(inner.get(..close)?)?;
    let end = marks + close + marks;
    let closed = len == close
        && text
            .get(end..)?
            .chars()
            .next()
            .is_none_or(char::is_whitespace);
    closed.then_some((time, end))
}

/// The time of day that is the whole of `text` (spaces around it aside), as a note would write
/// it at the start of a win.
pub fn clock(text: &str) -> Option<NaiveTime> {
    let text = text.trim();
    read(text).and_then(|(time, len)| (len == text.len()).then_some(time))
}

/// The time at the start of `text` and its length, when whitespace or the end follows it.
fn read(text: &str) -> Option<(NaiveTime, usize)> {
    let b = text.as_bytes();
    let hour_len = b.iter().take(3).take_while(|c| c.is_ascii_digit()).count();
    if !(1..=2).contains(&hour_len) || b.get(hour_len) != Some(&b':') {
        return None;
    }
    let minutes = b.get(hour_len + 1..hour_len + 3)?;
    if !minutes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut hour: u32 = text.get(..hour_len)?.parse().ok()?;
    let minute: u32 = text.get(hour_len + 1..hour_len + 3)?.parse().ok()?;
    let mut end = hour_len + 3;
    let after = text.get(end..)?;
    // macOS and ICU write a narrow no-break space before AM/PM.
    let spaced = after.trim_start_matches([' ', '\t', '\u{a0}', '\u{202f}']);
    let meridiem = spaced.get(..2).map(str::to_ascii_lowercase);
    let meridiem_ends = spaced
        .get(2..)
        .is_some_and(|t| t.chars().next().is_none_or(|c| !c.is_alphanumeric()));
    match meridiem.as_deref() {
        Some(m @ ("am" | "pm")) if meridiem_ends => {
            if !(1..=12).contains(&hour) {
                return None;
            }
            hour = match (m, hour) {
                ("am", 12) => 0,
                ("pm", h) if h < 12 => h + 12,
                (_, h) => h,
            };
            end += after.len() - spaced.len() + 2;
        }
        _ => {}
    }
    let time = NaiveTime::from_hms_opt(hour, minute, 0)?;
    let tail = text.get(end..)?;
    if tail.chars().next().is_some_and(|c| !c.is_whitespace()) {
        return None;
    }
    Some((time, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_reads_what_notes_write() {
        let cases = [
            ("14:32", Some("14:32")),
            (" 9:05 ", Some("09:05")),
            ("2:32 pm", Some("14:32")),
            ("2:32PM", Some("14:32")),
            ("2:46\u{202f}PM", Some("14:46")),
            ("2:46\u{a0}pm", Some("14:46")),
            ("12:30 pm", Some("12:30")),
            ("12:30 am", Some("00:30")),
            ("12:05 AM", Some("00:05")),
            ("11:59 pm", Some("23:59")),
            ("0:15", Some("00:15")),
            ("24:00", None),
            ("13:00 pm", None),
            ("0:30 am", None),
            ("9:5", None),
            ("14:60", None),
            ("14:32x", None),
            ("14:32 walked", None),
            ("2:32 pmx", None),
            ("", None),
        ];
        for (text, want) in cases {
            let got = clock(text).map(|t| t.format("%H:%M").to_string());
            assert_eq!(got.as_deref(), want, "{text:?}");
        }
    }

    #[test]
    fn leading_time_drops_its_separator() {
        assert_eq!(leading("- 9:05 - walked", 2), Some(("09:05".into(), 9)));
        assert_eq!(leading("12:30 pm — lunch", 0), Some(("12:30".into(), 13)));
        assert_eq!(leading("14:32-x", 0), None);
        assert_eq!(
            leading("**2:46\u{202f}PM** [[Boho]] call", 0),
            Some(("14:46".into(), 14))
        );
        assert_eq!(leading("_9:05_ - walked", 0), Some(("09:05".into(), 9)));
        assert_eq!(leading("**9:05 walked**", 0), None);
        assert_eq!(leading("**9:05**x", 0), None);
        assert_eq!(leading("*9:05** x", 0), None);
    }
}
