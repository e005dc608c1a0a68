//! Turns the bytes of a text export into a `String`, choosing the encoding
//! the way difftastic does: a byte-order mark decides; otherwise valid UTF-8;
//! otherwise Windows-1252 — unless the bytes look binary, which is refused.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// The encoding a file was read with, as shown by `dubbelkoll show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

impl Decoding {
    pub fn name(self) -> &'static str {
        match self {
            Decoding::Utf8 => "UTF-8",
            Decoding::Utf8Bom => "UTF-8 with BOM",
            Decoding::Utf16Le => "UTF-16LE with BOM",
            Decoding::Utf16Be => "UTF-16BE with BOM",
            Decoding::Windows1252 => "Windows-1252",
        }
    }
}

/// Why bytes could not be turned into text worth checking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Nothing but white space (or nothing at all).
    Empty,
    /// NUL bytes or control characters: not a text export.
    Binary(String),
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Empty => write!(f, "empty file"),
            DecodeError::Binary(why) => write!(f, "binary file: {why}"),
        }
    }
}

/// Decodes `bytes`: BOM first (UTF-8, UTF-16LE, UTF-16BE), then strict UTF-8,
/// then Windows-1252. Refuses empty and binary input.
pub fn decode(bytes: Vec<u8>) -> Result<(String, Decoding), DecodeError> {
    let (text, decoding) = match Encoding::for_bom(&bytes) {
        Some((enc, bom_len)) => {
            let body = &bytes[bom_len..];
            let decoding = if enc == UTF_8 {
                Decoding::Utf8Bom
            } else if enc == UTF_16LE {
                Decoding::Utf16Le
            } else {
                debug_assert_eq!(enc, UTF_16BE);
                Decoding::Utf16Be
            };
            if enc == UTF_16LE || enc == UTF_16BE {
                if !body.len().is_multiple_of(2) {
                    return Err(DecodeError::Binary(format!(
                        "{} byte-order mark but an odd number of bytes",
                        enc.name()
                    )));
                }
                let (text, had_errors) = enc.decode_without_bom_handling(body);
                if had_errors {
                    return Err(DecodeError::Binary(format!(
                        "invalid {} (unpaired surrogates)",
                        enc.name()
                    )));
                }
                (text.into_owned(), decoding)
            } else {
                match std::str::from_utf8(body) {
                    Ok(s) => (s.to_owned(), decoding),
                    Err(e) => {
                        return Err(DecodeError::Binary(format!(
                            "UTF-8 byte-order mark but invalid UTF-8 at byte {}",
                            bom_len + e.valid_up_to()
                        )))
                    }
                }
            }
        }
        None => {
            if let Some(pos) = memchr::memchr(0, &bytes) {
                return Err(DecodeError::Binary(format!("NUL byte at offset {pos}")));
            }
            match String::from_utf8(bytes) {
                Ok(s) => (s, Decoding::Utf8),
                Err(e) => {
                    let (text, _) = WINDOWS_1252.decode_without_bom_handling(e.as_bytes());
                    (text.into_owned(), Decoding::Windows1252)
                }
            }
        }
    };
    check_text(&text)?;
    Ok((text, decoding))
}

/// Rejects decoded text that is empty or mostly control characters.
fn check_text(text: &str) -> Result<(), DecodeError> {
    if text.chars().all(|c| c.is_whitespace() || c == '\u{feff}') {
        return Err(DecodeError::Empty);
    }
    if memchr::memchr(0, text.as_bytes()).is_some() {
        return Err(DecodeError::Binary("NUL character in text".into()));
    }
    // Counted over bytes: a character is a byte that does not continue
    // one; a C1 control (U+0080–U+009F) is 0xC2 followed by 0x80–0x9F.
    let bytes = text.as_bytes();
    let total = crate::bytes::chars(bytes);
    let ascii = crate::bytes::count(bytes, |b| {
        let line_or_tab = (b == b'\n') | (b == b'\r') | (b == b'\t') | (b == 0x0c);
        (b < 0x20) & !line_or_tab | (b == 0x7f)
    });
    let c1 = if bytes.contains(&0xC2) {
        (bytes.windows(2))
            .filter(|w| w[0] == 0xC2 && w[1] < 0xA0)
            .count()
    } else {
        0
    };
    let control = ascii + c1;
    // Real exports hold no control characters but line ends and tabs; a few
    // stray ones are tolerated, a share of them means the bytes are not text.
    if control * 100 > total || control > 1000 {
        return Err(DecodeError::Binary(format!(
            "{control} control characters in {total}"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(
            decode("Nämnd".as_bytes().to_vec()).unwrap(),
            ("Nämnd".into(), Decoding::Utf8)
        );
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("Nämnd".as_bytes());
        assert_eq!(
            decode(bom.clone()).unwrap(),
            ("Nämnd".into(), Decoding::Utf8Bom)
        );
    }

    #[test]
    fn utf16_both_orders() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in "Åkeson".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(
            decode(le.clone()).unwrap(),
            ("Åkeson".into(), Decoding::Utf16Le)
        );
        assert_eq!(
            decode(be.clone()).unwrap(),
            ("Åkeson".into(), Decoding::Utf16Be)
        );
    }

    #[test]
    fn latin_bytes_fall_back_to_windows_1252_without_mojibake() {
        // "Målgrupp för näringslivet – ”test”" in Windows-1252.
        let bytes = b"M\xe5lgrupp f\xf6r n\xe4ringslivet \x96 \x94test\x94";
        let (text, d) = decode(bytes.to_vec()).unwrap();
        assert_eq!(d, Decoding::Windows1252);
        assert_eq!(text, "Målgrupp för näringslivet – ”test”");
    }

    #[test]
    fn empty_and_binary_are_refused() {
        assert_eq!(decode(b"".to_vec()), Err(DecodeError::Empty));
        assert_eq!(decode(b"  \n\r\n".to_vec()), Err(DecodeError::Empty));
        assert!(matches!(
            decode(b"PK\x03\x04\x00\x00".to_vec()),
            Err(DecodeError::Binary(_))
        ));
        let junk: Vec<u8> = (1u8..32)
            .filter(|b| !b"\t\n\r\x0c".contains(b))
            .cycle()
            .take(500)
            .collect();
        assert!(matches!(decode(junk.clone()), Err(DecodeError::Binary(_))));
        // C1 controls (two bytes each in UTF-8) count as characters, once.
        let c1 = "\u{85}\u{9f}Nämnd".repeat(300);
        assert_eq!(
            decode(c1.into_bytes()),
            Err(DecodeError::Binary("600 control characters in 2100".into()))
        );
        let stray = format!("{}\u{85}", "Nämnd ".repeat(20));
        assert!(decode(stray.into_bytes()).is_ok());
    }
}
