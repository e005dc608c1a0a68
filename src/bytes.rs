//! Scanning text as bytes, in blocks the compiler vectorises or eight at
//! a time: what decoding and normalising need of every byte of a file.

/// How many bytes `f` holds for. Counted in bytes per block of 255, so
/// that the compiler vectorises it (`f` should not branch).
pub fn count(bytes: &[u8], f: impl Fn(u8) -> bool) -> usize {
    (bytes.chunks(255))
        .map(|c| c.iter().fold(0u8, |n, &b| n + f(b) as u8) as usize)
        .sum()
}

/// How many characters UTF-8 `bytes` hold: the bytes that do not continue
/// a character.
pub fn chars(bytes: &[u8]) -> usize {
    count(bytes, |b| (b as i8) >= -0x40)
}

/// Calls `f` with the byte offset of each character beyond ASCII, eight
/// bytes at a time where there is none, until `f` says false; true if it
/// never did.
pub fn each_non_ascii(bytes: &[u8], mut f: impl FnMut(usize) -> bool) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let high = u64::from_le_bytes(chunk.try_into().expect("eight bytes")) & HIGH;
        if high == 0 {
            i += 8;
            continue;
        }
        let at = i + high.trailing_zeros() as usize / 8;
        // A continuation byte (0x80–0xBF) is part of the character before.
        if bytes[at] >= 0xC0 && !f(at) {
            return false;
        }
        i = at + 1;
    }
    (i..bytes.len()).all(|at| bytes[at] < 0xC0 || f(at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_characters_and_finds_those_beyond_ascii() {
        let text = "Sätra, Åkeson och ”Växla upp Stockholm” – 2022 😀 slut";
        assert_eq!(chars(text.as_bytes()), text.chars().count());
        let mut found = Vec::new();
        assert!(each_non_ascii(text.as_bytes(), |i| {
            found.push(i);
            true
        }));
        let expected: Vec<usize> = (text.char_indices())
            .filter(|(_, c)| !c.is_ascii())
            .map(|(i, _)| i)
            .collect();
        assert_eq!(found, expected);
        // Stops at the first false.
        let mut seen = 0;
        assert!(!each_non_ascii(text.as_bytes(), |_| {
            seen += 1;
            false
        }));
        assert_eq!(seen, 1);
        let long = "x".repeat(600);
        assert_eq!(count(long.as_bytes(), |b| b == b'x'), 600);
    }
}
