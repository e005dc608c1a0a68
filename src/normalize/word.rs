//! Words: what counts as a letter or digit, case folding, and the hashed
//! word tokens of a text. A document is cut into words once
//! ([`super::Doc::words`]); the form matcher, the rules and the
//! near-duplicate signatures all read those tokens.
//!
//! A word is a run of letters and digits (`char::is_alphanumeric`); its key
//! hashes its lower-cased characters. Latin-1 letters (å, ä, ö, é) are
//! classified and lower-cased by a short test instead of Unicode's tables.

use std::hash::Hasher;
use std::ops::Range;

use rustc_hash::FxHasher;

/// One word of a text: its comparison key and its bytes in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub key: u64,
    pub start: u32,
    pub end: u32,
}

impl Token {
    pub fn span(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
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

/// Feeds the lower case of `c` to a word's hash.
#[inline]
fn fold_into(h: &mut FxHasher, c: char) {
    match c as u32 {
        0..0x80 => h.write_u32(c.to_ascii_lowercase() as u32),
        // À–Þ but × lower-case 32 code points on; the rest of Latin-1 is
        // lower case already.
        u @ 0xC0..=0xDE if u != 0xD7 => h.write_u32(u + 0x20),
        0x80..0x100 => h.write_u32(c as u32),
        _ => c.to_lowercase().for_each(|l| h.write_u32(l as u32)),
    }
}

/// The comparison key of a word: a hash of its case-folded characters.
pub fn word_key(w: &str) -> u64 {
    let mut h = FxHasher::default();
    w.chars().for_each(|c| fold_into(&mut h, c));
    h.finish()
}

/// The words of `text` (which starts at byte `base` of its document) as
/// tokens, in order.
pub fn tokenize(text: &str, base: usize) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 6);
    let bytes = text.as_bytes();
    let mut word: Option<(FxHasher, usize)> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (c, len) = if b < 0x80 {
            (b as char, 1)
        } else {
            let c = text[i..].chars().next().expect("i is a char boundary");
            (c, c.len_utf8())
        };
        if is_word_char(c) {
            let (h, _) = word.get_or_insert_with(|| (FxHasher::default(), i));
            fold_into(h, c);
        } else if let Some((h, start)) = word.take() {
            out.push(token(h, base, start, i));
        }
        i += len;
    }
    if let Some((h, start)) = word {
        out.push(token(h, base, start, bytes.len()));
    }
    out
}

fn token(h: FxHasher, base: usize, start: usize, end: usize) -> Token {
    Token {
        key: h.finish(),
        start: (base + start) as u32,
        end: (base + end) as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_classification_and_folding_agree_with_unicode() {
        for c in (0u32..0x100).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
            let mut fast = FxHasher::default();
            fold_into(&mut fast, c);
            let mut slow = FxHasher::default();
            c.to_lowercase().for_each(|l| slow.write_u32(l as u32));
            assert_eq!(fast.finish(), slow.finish(), "{c:?}");
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
