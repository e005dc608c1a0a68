//! Words: what counts as a letter or digit, case folding, and the hashed
//! word tokens of a text. A document is cut into words once
//! ([`super::Doc::words`]); the form matcher, the rules and the
//! near-duplicate signatures all read those tokens.
//!
//! A word is a run of letters and digits (`char::is_alphanumeric`); its key
//! hashes its lower-cased characters. Latin-1 letters (å, ä, ö, é) are
//! classified and lower-cased by a short test instead of Unicode's tables.

/// One word of a text: its comparison key and its bytes in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub key: u64,
    pub start: u32,
    pub end: u32,
}

/// Whether `c` is a letter or digit; the same answer as
/// `char::is_alphanumeric`, without a table lookup below U+0100.
#[inline]
pub fn is_word_char(c: char) -> bool {
    match c as u32 {
        0..0x80 => c.is_ascii_alphanumeric(),
        // ª ² ³ µ ¹ º ¼ ½ ¾, then the letters but × and ÷.
        0x80..0x100 => matches!(
            c as u32,
            0xAA | 0xB2 | 0xB3 | 0xB5 | 0xB9 | 0xBA | 0xBC..=0xBE | 0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0xFF
        ),
        _ => c.is_alphanumeric(),
    }
}

/// Adds one character to a word's hash (FxHash's step).
#[inline]
fn mix(h: u64, c: u32) -> u64 {
    (h.rotate_left(5) ^ c as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

/// Adds the lower case of `c` to a word's hash.
#[inline]
fn fold_into(h: u64, c: char) -> u64 {
    match c as u32 {
        0..0x80 => mix(h, c.to_ascii_lowercase() as u32),
        // À–Þ but × lower-case 32 code points on; the rest of Latin-1 is
        // lower case already.
        u @ 0xC0..=0xDE if u != 0xD7 => mix(h, u + 0x20),
        0x80..0x100 => mix(h, c as u32),
        _ => c.to_lowercase().fold(h, |h, l| mix(h, l as u32)),
    }
}

/// The comparison key of a word: a hash of its case-folded characters.
pub fn word_key(w: &str) -> u64 {
    w.chars().fold(0, fold_into)
}

/// Per ASCII byte, its lower case if it is a letter or digit, else 0.
const ASCII_WORD: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

/// The words of `text` (which starts at byte `base` of its document) as
/// tokens, in order. ASCII goes byte by byte through a table; other
/// characters are decoded.
pub fn tokenize(text: &str, base: usize) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 6);
    let decode = |i: usize| text[i..].chars().next().expect("a char boundary");
    let mut i = 0;
    while i < bytes.len() {
        let (start, mut h) = (i, 0);
        while let Some(&b) = bytes.get(i) {
            if b < 0x80 {
                match ASCII_WORD[b as usize] {
                    0 => break,
                    l => h = mix(h, l as u32),
                }
                i += 1;
            } else {
                let c = decode(i);
                if !is_word_char(c) {
                    break;
                }
                h = fold_into(h, c);
                i += c.len_utf8();
            }
        }
        if i > start {
            out.push(Token {
                key: h,
                start: (base + start) as u32,
                end: (base + i) as u32,
            });
        }
        // Past the character that ended the word (or is none).
        if let Some(&b) = bytes.get(i) {
            i += if b < 0x80 { 1 } else { decode(i).len_utf8() };
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_classification_and_folding_agree_with_unicode() {
        for c in (0u32..0x100).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
            let slow = c.to_lowercase().fold(7, |h, l| mix(h, l as u32));
            assert_eq!(fold_into(7, c), slow, "{c:?}");
        }
    }

    /// The words of a text the plain way: runs of letters and digits.
    fn reference(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices() {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    out.push((s, i));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            out.push((s, text.len()));
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn tokens_agree_with_the_plain_way(
            text in "[a-zA-Z0-9 .,:;!?@`{}/_~-]{0,40}[åäöÅÄÖéÉ×÷ßİ😀\u{a0}\u{300}²½ x]{0,6}[a-zA-Z0-9 .,-]{0,30}"
        ) {
            let t = tokenize(&text, 3);
            let spans: Vec<(usize, usize)> =
                t.iter().map(|t| (t.start as usize - 3, t.end as usize - 3)).collect();
            proptest::prop_assert_eq!(&spans, &reference(&text));
            for t in &t {
                let w = &text[t.start as usize - 3..t.end as usize - 3];
                proptest::prop_assert_eq!(t.key, word_key(w));
                proptest::prop_assert_eq!(t.key, word_key(&w.to_lowercase()));
            }
        }
    }

    #[test]
    fn tokens_are_runs_of_letters_and_digits() {
        let text = "alla fyra (Skärholmen, Bredäng och Sätra) -- 2022. e-post İstanbul";
        let t = tokenize(text, 10);
        let words: Vec<&str> = t
            .iter()
            .map(|t| &text[t.start as usize - 10..t.end as usize - 10])
            .collect();
        assert_eq!(
            words,
            [
                "alla",
                "fyra",
                "Skärholmen",
                "Bredäng",
                "och",
                "Sätra",
                "2022",
                "e",
                "post",
                "İstanbul"
            ]
        );
        for (t, w) in t.iter().zip(&words) {
            assert_eq!(t.key, word_key(w));
        }
        assert_eq!(word_key("Sätra"), word_key("SÄTRA"));
        assert_ne!(word_key("Sätra"), word_key("Sättra"));
    }
}
