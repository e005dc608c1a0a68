//! The answers of a submission as word tokens: what near-duplicate detection
//! compares. Only answers count, never the form's own text, and answers that
//! are empty, placeholders or non-answers are left out.

use std::sync::Arc;

use crate::form::{Form, Found, Submission};
pub use crate::normalize::{tokenize, word_key, Token};

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

/// Whether an answer says nothing: empty, the form's placeholder, or a
/// non-answer ("N/A").
pub fn is_filler(text: &str, form: &Form) -> bool {
    !text.chars().any(crate::normalize::is_word_char)
        || form.is_placeholder(text)
        || form.is_non_answer(text)
}

fn answer(sub: &Submission, form: &Form, question: &Arc<str>, found: &Found) -> Option<Answer> {
    let text = sub.answer_text(found);
    if is_filler(text, form) {
        return None;
    }
    let start = sub.doc.units[found.answer.start].range.start;
    let all = sub.doc.words_in(start..start + text.len());
    // The form's own text inside an answer (an instruction, what a model
    // sentence keeps, a label) is no part of it; nor are option labels
    // ("☒ Yes ☐ No"): a choice is no text to compare. A line that is a
    // placeholder or a non-answer says nothing either.
    let form_text = |u: usize| {
        let text = sub.doc.unit_text(u);
        form.is_instruction(sub.variant, text)
            || is_filler(text, form)
            || (text.contains(crate::choice::is_box) && crate::choice::parse(text).is_some())
    };
    let line = |u: usize| sub.doc.words_in(sub.doc.units[u].range.clone());
    // Each line judged once; the answer's words as they stand unless some
    // line was the form's or filled a model sentence.
    let mut own: Vec<Token> = Vec::new();
    let mut trimmed = false;
    for u in found.answer.clone() {
        if form_text(u) {
            trimmed = true;
        } else if let Some(words) = form.own_words(sub.variant, line(u)) {
            trimmed = true;
            own.extend(words.into_iter().cloned());
        } else {
            own.extend_from_slice(line(u));
        }
    }
    let tokens = if trimmed { own } else { all.to_vec() };
    if tokens.is_empty() {
        return None;
    }
    Some(Answer {
        question: question.clone(),
        start,
        tokens,
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
