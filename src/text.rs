//! Text from files shown to people: control characters made visible (an
//! escape sequence in a submission or a file name must not reach the
//! terminal), parse errors that name a line and column and quote nothing
//! (an error must never echo a file such as `/proc/self/environ`), and
//! text as XML can hold it.

use std::borrow::Cow;

/// `s` with every control character but tab shown as an escape (`\x1b`,
/// `\u{9b}`), as `ls` and `less` show them, and the characters that turn
/// the direction of text round (U+202E: "Trojan Source") too, so that
/// nothing a file holds reorders what is shown after it.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s
        .chars()
        .any(|c| (c.is_control() && c != '\t') || is_bidi(c))
    {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\t' => out.push(c),
            c if (c as u32) < 0x80 && c.is_control() => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if c.is_control() || is_bidi(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The characters that set or turn the direction of the text after them:
/// marks, embeddings, overrides and isolates.
pub fn is_bidi(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `s` with only the direction characters shown as escapes (line ends and
/// the rest kept): for HTML, where the rest is escaped its own way.
pub fn bidi_visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_bidi) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            c if is_bidi(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Like [`visible`], but line ends are kept (a block of text).
pub fn visible_lines(s: &str) -> String {
    s.split('\n').map(visible).collect::<Vec<_>>().join("\n")
}

/// Whether XML 1.0 can hold a character (its `Char` production): tab, line
/// feed, carriage return, U+0020–U+D7FF, U+E000–U+FFFD and U+10000 up. NUL
/// from an RTF `\u0`, other control characters, and U+FFFE/U+FFFF from a
/// UTF-16 file are not: a document holding one will not open.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        || c >= '\u{10000}'
}

/// Set once a character was replaced for XML, so the note is given once.
static XML_REPLACED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// `s` as XML 1.0 can hold it: every character it cannot replaced by
/// U+FFFD. Every writer of XML (the .docx and .xlsx documents, JUnit)
/// passes its text through here; the first replacement of a run says so
/// on standard error, once.
pub fn xml_text(s: &str) -> Cow<'_, str> {
    if s.chars().all(is_xml_char) {
        return Cow::Borrowed(s);
    }
    if !XML_REPLACED.swap(true, std::sync::atomic::Ordering::Relaxed) {
        eprintln!(
            "dubbelkoll: note: some text holds characters XML cannot hold (NUL, control \
             characters, U+FFFE, U+FFFF); they are written as U+FFFD"
        );
    }
    Cow::Owned(
        s.chars()
            .map(|c| if is_xml_char(c) { c } else { '\u{FFFD}' })
            .collect(),
    )
}

/// A TOML parse error as a short message: what is wrong and where (line
/// and column), quoting nothing of the file: a configuration that names
/// `/proc/self/environ` or a secrets file as its template must not print
/// a token into a CI log.
pub fn toml_error(text: &str, e: &toml::de::Error) -> String {
    let message = e.message().trim();
    // An unknown key of a valid file is named (a key, never a value), when
    // it looks like one.
    let unknown = message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split('`').next())
        .filter(|k| {
            k.len() <= 64
                && k.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        });
    if let (Some(key), Some(span)) = (unknown, e.span()) {
        return format!("unknown field `{key}` at {}", position(text, span.start));
    }
    // Otherwise the parser's words may quote the input: only its first
    // clause, without quotes, is kept.
    let message: String = message
        .split(['`', '"', '\'', '\n'])
        .next()
        .unwrap_or("")
        .trim()
        .trim_end_matches(':')
        .to_string();
    let message = if message.is_empty() {
        "not valid TOML".to_string()
    } else {
        visible(&message).into_owned()
    };
    match e.span() {
        Some(span) => {
            let at = position(text, span.start);
            // A key is named only in a valid file (never words of a file
            // that is not TOML at all).
            let valid = toml::from_str::<toml::Table>(text).is_ok();
            match key_at(text, span.start).filter(|_| valid) {
                Some(key) => format!("{message} for `{key}` at {at}"),
                None => format!("{message} at {at}"),
            }
        }
        None => message,
    }
}

/// The key whose value stands at byte `at`: `lang` in `lang = "fi"`, when
/// the line holds a plain key.
fn key_at(text: &str, at: usize) -> Option<&str> {
    let start = text.get(..at)?.rfind('\n').map_or(0, |i| i + 1);
    let (key, _) = text.get(start..at)?.split_once('=')?;
    let key = key.trim();
    let plain = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'.';
    (!key.is_empty() && key.len() <= 64 && key.bytes().all(plain)).then_some(key)
}

/// Where byte `at` of `text` is: `line 3, column 7`.
pub fn position(text: &str, at: usize) -> String {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..at].matches('\n').count() + 1;
    let column = text[line_start..at].chars().count() + 1;
    format!("line {line}, column {column}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_value_names_its_key_but_never_the_value() {
        let text = "fail_on = \"error\"\nlang = \"fi\"\n";
        let e = toml::from_str::<toml::Table>("x = [").unwrap_err();
        assert!(!toml_error("x = [", &e).contains("for `"));
        #[derive(serde::Deserialize)]
        #[serde(rename_all = "lowercase")]
        enum Lang {
            Sv,
        }
        #[derive(serde::Deserialize)]
        #[allow(dead_code)]
        struct L {
            fail_on: String,
            lang: Lang,
        }
        let e = toml::from_str::<L>(text).err().unwrap();
        let said = toml_error(text, &e);
        assert!(said.contains("for `lang` at line 2"), "{said}");
        assert!(!said.contains("fi"), "{said}");
    }

    #[test]
    fn control_characters_are_shown_escaped() {
        assert_eq!(visible("a\x1b[2Jb\tc"), "a\\x1b[2Jb\tc");
        assert_eq!(visible("\u{9b}31m"), "\\u{9b}31m");
        assert!(matches!(visible("Sätra"), Cow::Borrowed(_)));
        assert_eq!(visible_lines("a\x07\nb"), "a\\x07\nb");
    }

    #[test]
    fn text_for_xml_holds_only_what_xml_can() {
        assert!(matches!(xml_text("Sätra\t\n"), Cow::Borrowed(_)));
        assert_eq!(
            xml_text("a\0b\u{FFFE}c\u{FFFF}\u{1b}"),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}\u{FFFD}"
        );
        assert_eq!(xml_text("😀\u{D7FF}\u{E000}"), "😀\u{D7FF}\u{E000}");
    }

    #[test]
    fn parse_errors_quote_nothing_of_the_file() {
        let text = format!("ok = 1\nSECRET={}\0PATH=/bin", "x".repeat(39));
        let e = toml::from_str::<toml::Value>(&text).unwrap_err();
        let m = toml_error(&text, &e);
        assert!(m.contains("line 2, column"), "{m}");
        assert!(
            !m.contains("SECRET") && !m.contains("xxx") && !m.contains("PATH"),
            "{m}"
        );
    }
}
