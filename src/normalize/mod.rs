//! Canonical text for a submission, with a map back to the source.
//!
//! Text exported from PDF or Word differs in ways that carry no meaning: hard
//! line wraps, blank lines after every line, typographic quotes, bullets,
//! markdown emphasis, no-break spaces. [`normalize`] folds all of that into
//! canonical paragraphs ([`Doc::text`]) while keeping, for every byte of the
//! result, the source line and column it came from ([`Doc::pos`]).
//!
//! The text is also cut into [`Unit`]s, one per surviving source line: form
//! parsing looks for questions at unit boundaries, because a question always
//! starts a line of the export even where the export ran it into the answer.
//! And it is cut into words once ([`Doc::words`], see [`word`]), which
//! matching, the rules and the signatures all read.

mod line;
mod word;

use std::ops::Range;

pub use crate::finding::Pos;
pub use line::is_list_item;
pub use word::{is_word_char, tokenize, word_key, Token};

/// The normalised part of one source line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Byte range in [`Doc::text`].
    pub range: Range<usize>,
    /// The 1-based source line it came from.
    pub line: u32,
    /// Index into [`Doc::paragraphs`].
    pub paragraph: usize,
}

/// A normalised submission.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    /// Canonical paragraphs separated by a blank line (`"\n\n"`); inside a
    /// paragraph, white space is single spaces.
    pub text: String,
    /// One entry per source line that kept any text, in order.
    pub units: Vec<Unit>,
    /// Byte ranges of the paragraphs in `text`.
    pub paragraphs: Vec<Range<usize>>,
    /// Number of lines in the source.
    pub source_lines: u32,
    /// Every word of `text`, in order: what matching and the rules read.
    pub words: Vec<Token>,
    anchors: Vec<Anchor>,
}

/// From byte `off` of the text on, characters map one by one to consecutive
/// columns of source line `line`, starting at `col`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Anchor {
    off: u32,
    line: u32,
    col: u32,
}

impl Doc {
    /// The source position of the character at byte `off` of [`Doc::text`]
    /// (clamped to the last character).
    pub fn pos(&self, off: usize) -> Pos {
        if self.anchors.is_empty() {
            return Pos { line: 1, column: 1 };
        }
        let mut off = off.min(self.text.len().saturating_sub(1));
        while !self.text.is_char_boundary(off) {
            off -= 1;
        }
        let i = self.anchors.partition_point(|a| a.off as usize <= off) - 1;
        let a = self.anchors[i];
        let skipped = self.text[a.off as usize..off].chars().count() as u32;
        Pos {
            line: a.line,
            column: a.col + skipped,
        }
    }

    /// Splits the unit holding byte `at` in two there (white space between
    /// them dropped), so that a question run together with its answer on
    /// one line is a unit of its own. Nothing happens at a unit's edge.
    pub fn split_unit_at(&mut self, at: usize) {
        let i = self.units.partition_point(|u| u.range.start <= at);
        let Some(i) = i.checked_sub(1) else { return };
        let u = self.units[i].clone();
        let head_end = u.range.start
            + self.text[u.range.start..at.min(u.range.end)]
                .trim_end()
                .len();
        let tail = &self.text[at.min(u.range.end)..u.range.end];
        let tail_start = u.range.end - tail.trim_start().len();
        if head_end <= u.range.start || tail_start >= u.range.end {
            return;
        }
        self.units[i].range = u.range.start..head_end;
        self.units.insert(
            i + 1,
            Unit {
                range: tail_start..u.range.end,
                ..u
            },
        );
    }

    /// The words that start within bytes `range` of the text.
    pub fn words_in(&self, range: Range<usize>) -> &[Token] {
        let at = |off: usize| self.words.partition_point(|t| (t.start as usize) < off);
        &self.words[at(range.start)..at(range.end).max(at(range.start))]
    }

    pub fn unit_text(&self, i: usize) -> &str {
        &self.text[self.units[i].range.clone()]
    }

    /// The text from the start of unit `units.start` to the end of unit
    /// `units.end - 1`, paragraph breaks included; empty for an empty range.
    pub fn units_text(&self, units: Range<usize>) -> &str {
        if units.is_empty() {
            return "";
        }
        &self.text[self.units[units.start].range.start..self.units[units.end - 1].range.end]
    }
}

/// How a raw line was classified before joining.
enum Line<'a> {
    /// Nothing at all on the line.
    Empty,
    /// Only white space, invisible characters or punctuation (`--`): a break.
    Blank,
    Text(line::Normalized<'a>),
}

/// Normalises a decoded text export. See the module docs.
pub fn normalize(source: &str) -> Doc {
    normalize_with(source, false)
}

/// Normalises text extracted from a Word or OpenDocument file, where every
/// line is a paragraph of its own (it is never a hard wrap).
pub fn normalize_paragraphs(source: &str) -> Doc {
    normalize_with(source, true)
}

fn normalize_with(source: &str, paragraph_per_line: bool) -> Doc {
    let lines: Vec<Line> = split_lines(source)
        .map(|raw| {
            if raw.is_empty() {
                Line::Empty
            } else {
                let n = line::normalize_line(raw);
                // A box alone (a matrix cell exported a line a cell) is a
                // choice's option, kept.
                if n.text
                    .chars()
                    .any(|c| word::is_word_char(c) || crate::choice::is_box(c))
                {
                    Line::Text(n)
                } else {
                    Line::Blank
                }
            }
        })
        .collect();
    let double_spaced = !paragraph_per_line && is_double_spaced(&lines);

    let mut b = Builder::default();
    let mut gap_is_break = paragraph_per_line;
    let mut empties = 0;
    let mut first = true;
    for (i, l) in lines.iter().enumerate() {
        let line_no = i as u32 + 1;
        match l {
            Line::Empty => {
                empties += 1;
                if !double_spaced || empties > 1 {
                    gap_is_break = true;
                }
            }
            Line::Blank => gap_is_break = true,
            Line::Text(n) => {
                if first {
                    b.start_paragraph();
                } else if gap_is_break && !continues_sentence(&b.text, &n.text) {
                    b.end_paragraph();
                    b.start_paragraph();
                } else {
                    b.join(&n.text);
                }
                first = false;
                b.push_unit(n, line_no);
                gap_is_break = paragraph_per_line;
                empties = 0;
            }
        }
    }
    if !first {
        b.end_paragraph();
    }
    let mut doc = b.finish();
    doc.source_lines = lines.len() as u32;
    doc
}

/// Splits on `\n`, `\r\n` and lone `\r`, like the editors reviewers use.
fn split_lines(source: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(source);
    std::iter::from_fn(move || {
        let s = rest?;
        match memchr::memchr2(b'\n', b'\r', s.as_bytes()) {
            Some(i) => {
                let skip = if s[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = Some(&s[i + skip..]);
                Some(&s[..i])
            }
            None => {
                rest = None;
                Some(s)
            }
        }
    })
}

/// A PDF export sometimes puts an empty line after every wrapped line. There,
/// one empty line means nothing; elsewhere it ends a paragraph. The sign is a
/// sentence running on across a single empty line: the line before does not
/// end a sentence and the line after starts in lower case.
fn is_double_spaced(lines: &[Line]) -> bool {
    let mut single_gaps = 0;
    let mut wrapped = 0;
    let mut prev: Option<&str> = None;
    let mut empties = 0;
    let mut others = false;
    for l in lines {
        match l {
            Line::Empty => empties += 1,
            Line::Blank => others = true,
            Line::Text(n) => {
                if let Some(p) = prev {
                    if empties == 1 && !others {
                        single_gaps += 1;
                        if continues_sentence(p, &n.text) {
                            wrapped += 1;
                        }
                    }
                }
                prev = Some(&n.text);
                empties = 0;
                others = false;
            }
        }
    }
    wrapped >= 3 && wrapped * 10 >= single_gaps * 3
}

/// True when `next` reads as the rest of the sentence `prev` ends with.
fn continues_sentence(prev: &str, next: &str) -> bool {
    let ends_sentence = prev
        .chars()
        .next_back()
        .is_none_or(|c| matches!(c, '.' | '?' | '!' | ':' | ';' | '"' | ')'));
    !ends_sentence && next.chars().next().is_some_and(char::is_lowercase)
}

/// Whether a unit ending in `prev` and one starting with `next` join without
/// a space: "företagsorganisationer/-" + "grupper", "potential/" +
/// "förutsättningar", "närings-" + "livet".
fn joins_tight(prev: &str, next: &str) -> bool {
    if !next.chars().next().is_some_and(char::is_lowercase) {
        return false;
    }
    let mut rev = prev.chars().rev();
    match (rev.next(), rev.next()) {
        (Some('/'), Some(c)) => !c.is_whitespace(),
        (Some('-'), Some(c)) => c == '/' || c.is_alphabetic(),
        _ => false,
    }
}

#[derive(Default)]
struct Builder {
    text: String,
    units: Vec<Unit>,
    paragraphs: Vec<Range<usize>>,
    anchors: Vec<Anchor>,
    para_start: usize,
    /// Where the next pushed character would continue the last anchor run.
    next_line: u32,
    next_col: u32,
}

impl Builder {
    fn push(&mut self, c: char, line: u32, col: u32) {
        self.push_run(c.encode_utf8(&mut [0; 4]), line, col, 1);
    }

    /// A separator that belongs to no source character: mapped to the last
    /// character pushed.
    fn push_separator(&mut self, s: &str) {
        let (line, col) = (self.next_line, self.next_col.saturating_sub(1).max(1));
        for c in s.chars() {
            self.push(c, line, col);
            // Force an anchor for whatever follows.
            self.next_col = 0;
        }
    }

    fn start_paragraph(&mut self) {
        if !self.paragraphs.is_empty() {
            self.push_separator("\n\n");
        }
        self.para_start = self.text.len();
    }

    fn end_paragraph(&mut self) {
        self.paragraphs.push(self.para_start..self.text.len());
    }

    fn join(&mut self, next: &str) {
        let last_unit = self.units.last().map(|u| &self.text[u.range.clone()]);
        if !last_unit.is_some_and(|p| joins_tight(p, next)) {
            self.push_separator(" ");
        }
    }

    fn push_unit(&mut self, n: &line::Normalized, line: u32) {
        let start = self.text.len();
        match &n.cols {
            line::Cols::Run { first, count } => self.push_run(&n.text, line, *first, *count),
            line::Cols::Each(cols) => {
                // Runs of characters from consecutive columns go in whole.
                let mut chars = n.text.char_indices().zip(cols).peekable();
                while let Some(((from, _), &col)) = chars.next() {
                    let (mut to, mut count) = (n.text.len(), 1);
                    while let Some(&((at, _), &next)) = chars.peek() {
                        if next != col + count {
                            to = at;
                            break;
                        }
                        count += 1;
                        chars.next();
                    }
                    self.push_run(&n.text[from..to], line, col, count);
                }
            }
        }
        self.units.push(Unit {
            range: start..self.text.len(),
            line,
            paragraph: self.paragraphs.len(),
        });
    }

    /// Pushes `count` characters that come from consecutive columns of
    /// `line`, from `col` on.
    fn push_run(&mut self, s: &str, line: u32, col: u32, count: u32) {
        if line != self.next_line || col != self.next_col || self.anchors.is_empty() {
            self.anchors.push(Anchor {
                off: self.text.len() as u32,
                line,
                col,
            });
        }
        self.text.push_str(s);
        self.next_line = line;
        self.next_col = col + count;
    }

    fn finish(self) -> Doc {
        Doc {
            words: tokenize(&self.text, 0),
            text: self.text,
            units: self.units,
            paragraphs: self.paragraphs,
            source_lines: 0,
            anchors: self.anchors,
        }
    }
}

/// Lower-cases text for comparison keys.
pub fn fold_case(s: &str) -> String {
    s.to_lowercase()
}

/// Folds diacritics and case: "Åkeson" → "akeson", "Pärke" → "parke".
pub fn fold_diacritics(s: &str) -> String {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// How many items two sorted lists have in common, counting repeats as
/// often as both lists hold them (the size of the multiset intersection).
pub fn sorted_common(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The words of a text as comparison keys: case-folded, split on anything
/// that is not a letter or digit.
pub fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .map(fold_case)
}

#[cfg(test)]
mod tests;
