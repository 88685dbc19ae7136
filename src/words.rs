//! How counts read in English output: `1 note`, `2 notes`. One home, so no message says
//! "1 notes".

/// `n` followed by the word that fits it: `count(1, "win", "wins")` is `1 win`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_everything_else_plural() {
        assert_eq!(count(0, "note", "notes"), "0 notes");
        assert_eq!(count(1, "note", "notes"), "1 note");
        assert_eq!(count(2, "day", "days"), "2 days");
    }
}
