//! Text from files shown to people: control characters made visible (an
//! escape sequence in a submission or a file name must not reach the
//! terminal), and short excerpts of files that failed to parse (an error
//! must never echo a whole file, such as `/proc/self/environ`).

use std::borrow::Cow;

/// `s` with every control character but tab shown as an escape (`\x1b`,
/// `\u{9b}`), as `ls` and `less` show them.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c.is_control() && c != '\t') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\t' => out.push(c),
            c if (c as u32) < 0x80 && c.is_control() => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Like [`visible`], but line ends are kept (a block of text).
pub fn visible_lines(s: &str) -> String {
    s.split('\n').map(visible).collect::<Vec<_>>().join("\n")
}

/// The most characters of a file an error message quotes.
const EXCERPT: usize = 40;

/// Where byte `at` of `text` is, and a short visible excerpt of its line
/// from there: `line 3, column 7: "bogus = …"`.
pub fn excerpt(text: &str, at: usize) -> String {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..at].matches('\n').count() + 1;
    let column = text[line_start..at].chars().count() + 1;
    let rest = &text[at..];
    let rest = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let mut shown: String = rest.chars().take(EXCERPT).collect();
    if rest.chars().count() > EXCERPT {
        shown.push('…');
    }
    format!("line {line}, column {column}: \"{}\"", visible(&shown))
}

/// A TOML parse error as a short message: what is wrong and where, with an
/// excerpt, never the file's text at length.
pub fn toml_error(text: &str, e: &toml::de::Error) -> String {
    let message = visible(e.message().trim()).into_owned();
    match e.span() {
        Some(span) => format!("{message} at {}", excerpt(text, span.start)),
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_escaped() {
        assert_eq!(visible("a\x1b[2Jb\tc"), "a\\x1b[2Jb\tc");
        assert_eq!(visible("\u{9b}31m"), "\\u{9b}31m");
        assert!(matches!(visible("Sätra"), Cow::Borrowed(_)));
        assert_eq!(visible_lines("a\x07\nb"), "a\\x07\nb");
    }

    #[test]
    fn excerpts_are_short_and_placed() {
        let text = format!("ok = 1\nSECRET={}\0PATH=/bin", "x".repeat(100));
        let e = excerpt(&text, 7);
        assert!(e.starts_with("line 2, column 1: \"SECRET=xxx"), "{e}");
        assert!(e.ends_with("…\"") && e.chars().count() < 80, "{e}");
        assert!(!e.contains("PATH"), "{e}");
    }
}
