//! Reading RTF submissions: the text of the document body, one paragraph a
//! line, like Word files.
//!
//! RTF is 7-bit text with groups (`{…}`), control words (`\par`, `\u228`)
//! and hex escapes (`\'e4`) in the document's code page. What counts as
//! text: plain characters, `\uN` characters (skipping their `\ucN`
//! fallback), hex escapes decoded with `\ansicpgN` (Windows-1252 by
//! default), `\tab`; `\par`, `\cell` and `\row` end a paragraph, `\line` is
//! a space. Destinations that hold no body text (font and colour tables,
//! style sheets, document info, pictures, headers and footers, footnotes,
//! comments, field instructions, and every `{\*\…}` group) are left out.
//! A field's result (`\fldrslt`) is kept.
//!
//! The `rtf-parser` crate's text drops paragraph breaks, which joins the
//! last word of one paragraph to the first of the next; hence this reader.

use encoding_rs::Encoding;

/// Why an RTF file could not be read: always reported as `error`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RtfError(pub String);

/// Control words whose group holds no body text.
const SKIPPED: &[&str] = &[
    "fonttbl",
    "colortbl",
    "stylesheet",
    "info",
    "pict",
    "header",
    "headerl",
    "headerr",
    "headerf",
    "footer",
    "footerl",
    "footerr",
    "footerf",
    "footnote",
    "annotation",
    "fldinst",
    "object",
    "listtable",
    "listoverridetable",
    "revtbl",
    "rsidtbl",
    "filetbl",
    "pgdsctbl",
    "xmlnstbl",
    "themedata",
    "colorschememapping",
    "latentstyles",
    "datastore",
    "generator",
];

#[derive(Clone, Copy)]
struct Group {
    skip: bool,
    /// Fallback characters after a `\uN`.
    uc: usize,
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    out: String,
    /// Bytes of hex escapes waiting to be decoded together.
    pending: Vec<u8>,
    encoding: &'static Encoding,
    limit: usize,
}

impl Reader<'_> {
    fn flush(&mut self) {
        if !self.pending.is_empty() {
            let (text, _, _) = self.encoding.decode(&self.pending);
            self.out.push_str(&text);
            self.pending.clear();
        }
    }

    fn push(&mut self, s: &str) {
        self.flush();
        self.out.push_str(s);
    }

    /// A control word and its parameter, after the backslash.
    fn word(&mut self) -> (&str, Option<i32>) {
        let start = self.at;
        while self.at < self.bytes.len() && self.bytes[self.at].is_ascii_alphabetic() {
            self.at += 1;
        }
        let name = std::str::from_utf8(&self.bytes[start..self.at]).unwrap_or("");
        let num_start = self.at;
        if self.bytes.get(self.at) == Some(&b'-') {
            self.at += 1;
        }
        while self.at < self.bytes.len() && self.bytes[self.at].is_ascii_digit() {
            self.at += 1;
        }
        let param = std::str::from_utf8(&self.bytes[num_start..self.at])
            .ok()
            .and_then(|n| n.parse::<i32>().ok());
        if self.bytes.get(self.at) == Some(&b' ') {
            self.at += 1;
        }
        (name, param)
    }

    /// Skips `n` fallback characters after a `\uN`.
    fn skip_fallback(&mut self, mut n: usize) {
        while n > 0 && self.at < self.bytes.len() {
            match self.bytes[self.at] {
                b'\\' if self.bytes.get(self.at + 1) == Some(&b'\'') => self.at += 4,
                b'\\' | b'{' | b'}' => return,
                b'\r' | b'\n' => {
                    self.at += 1;
                    continue;
                }
                _ => self.at += 1,
            }
            n -= 1;
        }
    }
}

/// The text of an RTF document, at most `limit` bytes of it.
pub fn rtf_text(bytes: &[u8], limit: u64) -> Result<String, RtfError> {
    if !bytes.starts_with(b"{\\rtf") {
        return Err(RtfError(
            "not an RTF document: it does not start with {\\rtf".into(),
        ));
    }
    let mut r = Reader {
        bytes,
        at: 0,
        out: String::new(),
        pending: Vec::new(),
        encoding: encoding_rs::WINDOWS_1252,
        limit: limit.min(usize::MAX as u64) as usize,
    };
    let mut stack: Vec<Group> = Vec::new();
    let mut group = Group { skip: false, uc: 1 };
    // The first control word of a group decides whether it is skipped.
    let mut group_start = false;
    while r.at < r.bytes.len() {
        if r.out.len() > r.limit {
            return Err(RtfError(format!(
                "expands to more than {} MiB of text; the limit is --xml-limit",
                r.limit / (1024 * 1024)
            )));
        }
        let b = r.bytes[r.at];
        r.at += 1;
        match b {
            b'{' => {
                stack.push(group);
                group_start = true;
                continue;
            }
            b'}' => {
                r.flush();
                group = stack.pop().unwrap_or(group);
            }
            b'\\' => {
                let Some(&next) = r.bytes.get(r.at) else {
                    break;
                };
                if next.is_ascii_alphabetic() {
                    let (name, param) = r.word();
                    if group_start && SKIPPED.contains(&name) {
                        group.skip = true;
                    }
                    if name == "bin" {
                        // `\binN`: N bytes of binary data, never text,
                        // whatever they hold (braces, backslashes).
                        let n = usize::try_from(param.unwrap_or(0)).unwrap_or(0);
                        r.at = r.at.saturating_add(n).min(r.bytes.len());
                        group_start = false;
                        continue;
                    }
                    if group.skip {
                        group_start = false;
                        continue;
                    }
                    match name {
                        "par" | "cell" | "row" | "sect" => r.push("\n"),
                        "line" => r.push(" "),
                        "tab" => r.push("\t"),
                        "emdash" => r.push("—"),
                        "endash" => r.push("–"),
                        "lquote" => r.push("‘"),
                        "rquote" => r.push("’"),
                        "ldblquote" => r.push("“"),
                        "rdblquote" => r.push("”"),
                        "bullet" => r.push("•"),
                        "uc" => group.uc = param.unwrap_or(1).clamp(0, 16) as usize,
                        "u" => {
                            let n = param.unwrap_or(0);
                            let n = if n < 0 { n + 65_536 } else { n } as u32;
                            r.push(&char::from_u32(n).unwrap_or('\u{fffd}').to_string());
                            r.skip_fallback(group.uc);
                        }
                        "ansicpg" => {
                            let label = format!("windows-{}", param.unwrap_or(1252));
                            if let Some(e) = Encoding::for_label(label.as_bytes()) {
                                r.encoding = e;
                            }
                        }
                        _ => {}
                    }
                } else {
                    r.at += 1;
                    match next {
                        b'*' if group_start => group.skip = true,
                        _ if group.skip => {}
                        b'\'' => {
                            let hex = r.bytes.get(r.at..r.at + 2).unwrap_or(b"3f");
                            let byte = std::str::from_utf8(hex)
                                .ok()
                                .and_then(|h| u8::from_str_radix(h, 16).ok())
                                .unwrap_or(b'?');
                            r.at += 2;
                            r.pending.push(byte);
                        }
                        b'\\' | b'{' | b'}' => r.push(&(next as char).to_string()),
                        b'~' => r.push("\u{a0}"),
                        b'_' => r.push("-"),
                        b'\r' | b'\n' => r.push("\n"),
                        _ => {}
                    }
                }
            }
            b'\r' | b'\n' => {}
            _ if group.skip => {}
            _ if b.is_ascii() => {
                r.flush();
                r.out.push(b as char);
            }
            // Raw bytes beyond ASCII: in the document's code page.
            _ => r.pending.push(b),
        }
        group_start = false;
    }
    r.flush();
    Ok(r.out.trim_end_matches('\n').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(rtf: &str) -> String {
        rtf_text(rtf.as_bytes(), 1 << 20).unwrap()
    }

    #[test]
    fn paragraphs_characters_and_skipped_groups() {
        let rtf = r"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Arial;}}{\colortbl;\red0;}
{\*\generator LibreOffice}{\header Sidhuvud}\pard Sk\u228\'e4rholmen och S\'e4tra\par
Bred\u228\'e4ng{\b  fet}\tab x\line y\par {\field{\*\fldinst PAGE}{\fldrslt 1}}}";
        assert_eq!(text(rtf), "Skärholmen och Sätra\nBredäng fet\tx y\n1");
    }

    #[test]
    fn unicode_with_longer_fallbacks_and_escaped_braces() {
        assert_eq!(text(r"{\rtf1\uc3 \u8364 EUR \{a\}\\b}"), "€ {a}\\b");
        assert_eq!(text(r"{\rtf1 a\u-3913?}"), "a\u{f0b7}");
    }

    #[test]
    fn binary_data_is_skipped_and_deep_nesting_costs_no_stack() {
        assert_eq!(text(r"{\rtf1 Hej {\*\blob\bin6 }{\x\}}jag\par}"), "Hej jag");
        // A length past the end stops the reading, nothing more.
        assert_eq!(text(r"{\rtf1 Hej\bin999999999 {"), "Hej");
        let deep = format!(
            "{{\\rtf1 {}Djupt{}}}",
            "{".repeat(200_000),
            "}".repeat(200_000)
        );
        assert_eq!(text(&deep), "Djupt");
    }

    #[test]
    fn what_is_not_rtf_or_too_long_is_an_error() {
        assert!(rtf_text(b"hello", 100).is_err());
        let long = format!("{{\\rtf1 {}}}", "x".repeat(5000));
        assert!(rtf_text(long.as_bytes(), 1000)
            .unwrap_err()
            .0
            .contains("expands"));
    }
}
