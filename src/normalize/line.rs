//! Normalising one source line, keeping each output character's source column.

use std::borrow::Cow;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc, UnicodeNormalization};

/// A normalised line and the source column of each of its characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized<'a> {
    pub text: Cow<'a, str>,
    pub cols: Cols,
}

/// The 1-based source columns of a normalised line's characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cols {
    /// Character `i` comes from column `first + i` (a line that needed
    /// nothing but trimming).
    Run { first: u32, count: u32 },
    /// Character `i` comes from column `cols[i]`.
    Each(Vec<u32>),
}

impl Cols {
    /// The column of every character.
    #[cfg(test)]
    pub fn all(&self) -> Vec<u32> {
        match self {
            Cols::Run { first, count } => (*first..first + count).collect(),
            Cols::Each(v) => v.clone(),
        }
    }
}

/// List markers dropped at the start of a line when a space follows.
const LIST_MARKERS: &[char] = &[
    '•', '-', '*', '–', '—', '·', '▪', '◦', '‣', '○', '■', '□', '➢', '►', '∙',
];

/// Maps a character to its canonical form: `None` drops it.
fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{ad}' => "",
        '”' | '“' | '„' | '‟' | '«' | '»' | '″' => "\"",
        '’' | '‘' | '‚' | '‛' | '′' => "'",
        '…' => "...",
        // Symbol-font bullets that Word exports as private-use characters.
        '\u{f0b7}' | '\u{f0a7}' | '\u{f076}' | '\u{f0d8}' | '\u{f0fc}' => "•",
        // Wingdings boxes, empty and marked, as form templates draw them.
        '\u{f0a8}' | '\u{f06f}' | '\u{f071}' => "☐",
        '\u{f0fe}' => "☑",
        '\u{f078}' | '\u{f0fd}' => "☒",
        c if c.is_whitespace() || (c.is_control() && c != '\0') => " ",
        _ => return None,
    })
}

/// Normalises one line (without its line ending). See the module docs of
/// [`crate::normalize`] for the list of foldings.
pub fn normalize_line(raw: &str) -> Normalized<'_> {
    if let Some(n) = plain(raw) {
        return n;
    }
    let mut chars: Vec<(char, u32)> = Vec::with_capacity(raw.len());
    for (c, col) in compose(raw) {
        match fold_char(c) {
            Some(s) => chars.extend(s.chars().map(|c| (c, col))),
            None => chars.push((c, col)),
        }
    }
    collapse_spaces(&mut chars);
    let has_marks = chars.iter().any(|&(c, _)| c == '*' || c == '_');
    loop {
        let before = chars.len();
        drop_list_marker(&mut chars);
        if has_marks {
            drop_emphasis(&mut chars);
        }
        collapse_spaces(&mut chars);
        if chars.len() == before {
            break;
        }
    }
    Normalized {
        text: Cow::Owned(chars.iter().map(|&(c, _)| c).collect()),
        cols: Cols::Each(chars.iter().map(|&(_, col)| col).collect()),
    }
}

/// Whether a character beyond ASCII stays as it is. Below U+0300 (Latin-1
/// and Latin Extended: å, ä, ö, é) that is all but the no-break space, the
/// soft hyphen, C1 controls and the guillemets the folding table maps.
fn plain_char(c: char) -> bool {
    match c as u32 {
        0xA1..0x300 => !matches!(c, '\u{ad}' | '«' | '»'),
        0x80..=0xA0 => false,
        _ => !c.is_whitespace() && !c.is_control() && fold_char(c).is_none(),
    }
}

/// Most lines need nothing but trimming: no character to fold, no list
/// marker, no emphasis, no double space, already NFC. Those skip the
/// character-by-character work and borrow the source line.
fn plain(raw: &str) -> Option<Normalized<'_>> {
    let lead = raw.len() - raw.trim_start_matches(' ').len();
    let text = raw.trim_matches(' ');
    let first = text.chars().next()?;
    if LIST_MARKERS.contains(&first) {
        return None;
    }
    // Whole-line tests without early exits, which the compiler vectorises:
    // no control character, emphasis mark or double space.
    let bytes = text.as_bytes();
    let folded = (bytes.iter()).fold(false, |any, &b| {
        any | (b < 0x20) | (b == 0x7f) | (b == b'*') | (b == b'_')
    });
    let double_space = (bytes.iter().zip(&bytes[1..]))
        .fold(false, |any, (&a, &b)| any | (a == b' ') & (b == b' '));
    if folded || double_space {
        return None;
    }
    // Characters beyond ASCII one by one. Below U+0300 every character is
    // NFC as it stands; only text beyond needs the check.
    let mut below_combining = true;
    let all_plain = crate::bytes::each_non_ascii(bytes, |i| {
        let c = text[i..].chars().next().expect("a char boundary");
        below_combining &= (c as u32) < 0x300;
        plain_char(c)
    });
    if !all_plain || (!below_combining && !is_nfc(text)) {
        return None;
    }
    // The lead is spaces only: one column each.
    let count = crate::bytes::chars(bytes);
    Some(Normalized {
        text: Cow::Borrowed(text),
        cols: Cols::Run {
            first: lead as u32 + 1,
            count: count as u32,
        },
    })
}

/// The line's characters in NFC with their source columns; a composed
/// character takes the column of its base character.
fn compose(raw: &str) -> Vec<(char, u32)> {
    if raw.is_ascii() || is_nfc(raw) {
        return raw.chars().zip(1u32..).collect();
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut cluster = String::new();
    let mut cluster_col = 1;
    for (c, col) in raw.chars().zip(1u32..) {
        if canonical_combining_class(c) == 0 && !cluster.is_empty() {
            out.extend(cluster.nfc().map(|c| (c, cluster_col)));
            cluster.clear();
        }
        if cluster.is_empty() {
            cluster_col = col;
        }
        cluster.push(c);
    }
    out.extend(cluster.nfc().map(|c| (c, cluster_col)));
    out
}

/// Trims the line and folds runs of spaces into one.
fn collapse_spaces(chars: &mut Vec<(char, u32)>) {
    let mut prev_space = true;
    chars.retain(|&(c, _)| {
        let keep = !(c == ' ' && prev_space);
        prev_space = c == ' ';
        keep
    });
    if chars.last().is_some_and(|&(c, _)| c == ' ') {
        chars.pop();
    }
}

/// Whether a source line is a list item: a list marker (after folding,
/// so Word's symbol-font bullets count) followed by a space.
pub fn is_list_item(raw: &str) -> bool {
    let mut chars = raw.trim_start().chars();
    let first = chars.next();
    let marker = first.map(|c| fold_char(c).and_then(|s| s.chars().next()).unwrap_or(c));
    marker.is_some_and(|c| LIST_MARKERS.contains(&c))
        && chars.next().is_some_and(char::is_whitespace)
}

/// Drops a list marker. A box that begins a line holding another box
/// (`□ Ja □ Nej`) is a choice's first option, not a bullet, and stays.
fn drop_list_marker(chars: &mut Vec<(char, u32)>) {
    let is_marker = chars.first().is_some_and(|&(c, _)| {
        LIST_MARKERS.contains(&c)
            && !(crate::choice::is_box(c)
                && chars[1..].iter().any(|&(c, _)| crate::choice::is_box(c)))
    });
    let then_space = chars.get(1).is_none_or(|&(c, _)| c == ' ');
    if is_marker && then_space {
        chars.drain(..chars.len().min(2));
    }
}

/// Drops markdown emphasis markers (`*x*`, `**x**`, `_x_`): a run of `*` or
/// `_` with a letter or digit on exactly one side. `snake_case` and `5 * 3`
/// keep theirs.
fn drop_emphasis(chars: &mut Vec<(char, u32)>) {
    let is_mark = |c: char| c == '*' || c == '_';
    let mut keep = vec![true; chars.len()];
    let mut i = 0;
    while i < chars.len() {
        if !is_mark(chars[i].0) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].0 == chars[start].0 {
            i += 1;
        }
        let left = start
            .checked_sub(1)
            .is_some_and(|j| chars[j].0.is_alphanumeric());
        let right = chars.get(i).is_some_and(|&(c, _)| c.is_alphanumeric());
        if left != right {
            keep[start..i].iter_mut().for_each(|k| *k = false);
        }
    }
    let mut k = keep.into_iter();
    chars.retain(|_| k.next().unwrap_or(true));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> String {
        normalize_line(s).text.into_owned()
    }

    #[test]
    fn folds_spaces_quotes_and_ellipsis() {
        assert_eq!(n("  a\u{a0}b\tc  "), "a b c");
        assert_eq!(
            n("med ”Växla upp Stockholm” och ’x’"),
            "med \"Växla upp Stockholm\" och 'x'"
        );
        assert_eq!(n("• …"), "...");
        assert_eq!(n("\u{feff}Nämnd\u{200b}"), "Nämnd");
    }

    #[test]
    fn drops_list_markers_and_emphasis() {
        assert_eq!(
            n("- Stadsdelsförvaltningen tar del"),
            "Stadsdelsförvaltningen tar del"
        );
        assert_eq!(n("\u{f0b7} Punkt"), "Punkt");
        assert_eq!(n("– - två"), "två");
        assert_eq!(
            n("till *Handlingsplan mot hot* och"),
            "till Handlingsplan mot hot och"
        );
        assert_eq!(n("**fet** och _kursiv_"), "fet och kursiv");
        assert_eq!(n("snake_case och 5 * 3"), "snake_case och 5 * 3");
        assert_eq!(n("Konkretiserings- och"), "Konkretiserings- och");
    }

    #[test]
    fn plain_characters_are_those_no_folding_touches() {
        for c in (0x80u32..0x3000).filter_map(char::from_u32) {
            let slow = !c.is_whitespace() && !c.is_control() && fold_char(c).is_none();
            assert_eq!(plain_char(c), slow, "{c:?}");
        }
    }

    #[test]
    fn composes_to_nfc_keeping_columns() {
        let out = normalize_line("Na\u{308}mnd");
        assert_eq!(out.text, "Nämnd");
        assert_eq!(out.cols.all(), vec![1, 2, 4, 5, 6]);
    }

    #[test]
    fn columns_point_at_source_characters() {
        let out = normalize_line("  • ”x”");
        assert_eq!(out.text, "\"x\"");
        assert_eq!(out.cols.all(), vec![5, 6, 7]);
    }
}
