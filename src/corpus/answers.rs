//! The answers of a submission as word tokens: what near-duplicate detection
//! compares. Only answers count, never the form's own text, and answers that
//! are empty, placeholders or non-answers are left out.

use std::ops::Range;
use std::sync::Arc;

use crate::form::{Form, Found, Submission};
pub use crate::normalize::word_key;

/// One word of an answer: its comparison key (a hash of the case-folded word
/// without surrounding punctuation) and its bytes in the document text.
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

/// The answer to one question (or optional section), tokenised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The template's question (or section title): answers align on it.
    pub question: Arc<str>,
    /// Where the answer starts in the document text (for positions when
    /// the answer has no words).
    pub start: usize,
    pub tokens: Vec<Token>,
}

/// Splits `text` (starting at byte `base` of the document) into word tokens.
pub fn tokenize(text: &str, base: usize) -> Vec<Token> {
    let mut out = Vec::new();
    for piece in text.split_whitespace() {
        let word = piece.trim_matches(|c: char| !c.is_alphanumeric());
        if word.is_empty() {
            continue;
        }
        // Sub-slices of `text`: their offsets come from the pointers.
        let start = base + (word.as_ptr() as usize - text.as_ptr() as usize);
        out.push(Token {
            key: word_key(word),
            start: start as u32,
            end: (start + word.len()) as u32,
        });
    }
    out
}

/// Whether an answer says nothing: empty, the form's placeholder, or a
/// non-answer ("N/A").
pub fn is_filler(text: &str, form: &Form) -> bool {
    !text.chars().any(char::is_alphanumeric)
        || form.is_placeholder(text)
        || form.is_non_answer(text)
}

fn answer(sub: &Submission, form: &Form, question: &Arc<str>, found: &Found) -> Option<Answer> {
    let text = sub.answer_text(found);
    if is_filler(text, form) {
        return None;
    }
    let start = sub.doc.units[found.answer.start].range.start;
    Some(Answer {
        question: question.clone(),
        start,
        tokens: tokenize(text, start),
    })
}

/// The real answers of a submission, questions first in form order, then
/// optional sections.
pub fn answers(sub: &Submission, form: &Form) -> Vec<Answer> {
    let questions = sub
        .questions
        .iter()
        .filter_map(|q| answer(sub, form, &q.text, q.found.as_ref()?));
    let sections = sub
        .sections
        .iter()
        .filter_map(|s| answer(sub, form, &s.title, &s.found));
    questions.chain(sections).collect()
}

/// Total number of words over all answers.
pub fn word_count(answers: &[Answer]) -> usize {
    answers.iter().map(|a| a.tokens.len()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_drop_surrounding_punctuation_and_fold_case() {
        let text = "alla fyra (Skärholmen, Bredäng och Sätra) -- 2022.";
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
                "2022"
            ]
        );
        assert_eq!(word_key("Sätra"), word_key("SÄTRA"));
        assert_ne!(word_key("Sätra"), word_key("Sättra"));
    }
}
