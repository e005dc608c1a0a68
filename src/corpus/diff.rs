//! Word-level comparison of two submissions' answers, aligned by question:
//! their similarity and the list of real changes (the smallest runs of words
//! that differ), each with its line on both sides.

use similar::{capture_diff_slices, Algorithm, DiffTag};

use super::answers::{Answer, Token};
use crate::form::Submission;
use crate::normalize::Pos;

pub use crate::finding::{AlignedAnswer, Change, Segment};

/// The result of comparing two submissions.
#[derive(Debug, Clone, PartialEq)]
pub struct PairDiff {
    /// `2 × shared words / (words of both)`, from 0 to 1; below 1 whenever
    /// there is a change.
    pub similarity: f64,
    pub changes: Vec<Change>,
    /// Where the first change (else the first answer) is in each file.
    pub a_pos: Pos,
    pub b_pos: Pos,
    /// The answers side by side, when asked for.
    pub aligned: Option<Vec<AlignedAnswer>>,
}

impl PairDiff {
    /// The same diff seen from the other file.
    pub fn flipped(&self) -> PairDiff {
        PairDiff {
            similarity: self.similarity,
            changes: (self.changes.iter())
                .map(|c| Change {
                    old: c.new.clone(),
                    new: c.old.clone(),
                    line: c.related_line,
                    related_line: c.line,
                    ..c.clone()
                })
                .collect(),
            a_pos: self.b_pos,
            b_pos: self.a_pos,
            aligned: self.aligned.as_ref().map(|rows| {
                rows.iter()
                    .map(|r| AlignedAnswer {
                        question: r.question.clone(),
                        left: r.right.clone(),
                        right: r.left.clone(),
                    })
                    .collect()
            }),
        }
    }
}

/// One side of a diff: a submission and one of its answers (if it has it).
struct Side<'a> {
    sub: &'a Submission,
    tokens: &'a [Token],
    start: usize,
}

const CONTEXT_WORDS: usize = 8;

impl Side<'_> {
    /// The text of tokens `r`, white space folded.
    fn text(&self, r: std::ops::Range<usize>) -> String {
        if r.is_empty() {
            return String::new();
        }
        let s = &self.sub.doc.text
            [self.tokens[r.start].start as usize..self.tokens[r.end - 1].end as usize];
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The position of the change at tokens `r` (for an empty range, the
    /// word before it, else the word after it, else the answer's start).
    fn pos(&self, r: &std::ops::Range<usize>) -> Pos {
        let t = if !r.is_empty() {
            Some(r.start)
        } else if r.start > 0 {
            Some(r.start - 1)
        } else if !self.tokens.is_empty() {
            Some(0)
        } else {
            None
        };
        let off = t.map_or(self.start, |t| self.tokens[t].start as usize);
        self.sub.doc.pos(off)
    }

    /// Up to [`CONTEXT_WORDS`] words before token `at`, with the
    /// punctuation and space up to it.
    fn before(&self, at: usize) -> String {
        if at == 0 {
            return String::new();
        }
        let from = self.tokens[at.saturating_sub(CONTEXT_WORDS)].start as usize;
        let to = self
            .tokens
            .get(at)
            .map_or(self.tokens[at - 1].end as usize, |t| t.start as usize);
        fold_space(&self.sub.doc.text[from..to])
    }

    /// Up to [`CONTEXT_WORDS`] words from token `at` on, with the
    /// punctuation and space before them.
    fn after(&self, at: usize) -> String {
        if at >= self.tokens.len() {
            return String::new();
        }
        let from = if at > 0 {
            self.tokens[at - 1].end
        } else {
            self.tokens[at].start
        } as usize;
        let to = self.tokens[(at + CONTEXT_WORDS).min(self.tokens.len()) - 1].end as usize;
        fold_space(&self.sub.doc.text[from..to])
    }
}

/// Folds runs of white space (paragraph breaks too) into one space.
fn fold_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// Pairs the answers of two submissions by question: `a`'s in its order,
/// then those only `b` has.
fn align<'x>(
    a_answers: &'x [Answer],
    b_answers: &'x [Answer],
) -> Vec<(Option<&'x Answer>, Option<&'x Answer>)> {
    let mut pairs: Vec<(Option<&Answer>, Option<&Answer>)> = a_answers
        .iter()
        .map(|x| (Some(x), b_answers.iter().find(|y| y.question == x.question)))
        .collect();
    pairs.extend(
        b_answers
            .iter()
            .filter(|y| !a_answers.iter().any(|x| x.question == y.question))
            .map(|y| (None, Some(y))),
    );
    pairs
}

/// Splits an answer's text into segments along diff ops over its tokens:
/// each op's words with the punctuation and space after them, the last
/// word's punctuation too ("(ej beslutad).", not "(ej beslutad").
fn segments(
    sub: &Submission,
    answer: Option<&Answer>,
    ops: &[(bool, std::ops::Range<usize>)],
) -> Vec<Segment> {
    let Some(a) = answer else { return Vec::new() };
    let text = &sub.doc.text;
    // The answer ends after its last word's punctuation: where white space
    // (the line's end) comes.
    let end = a.tokens.last().map_or(a.start, |t| {
        let last = t.end as usize;
        last + text[last..]
            .find(char::is_whitespace)
            .unwrap_or(text.len() - last)
    });
    let mut out = Vec::new();
    if let Some(first) = a.tokens.first() {
        if first.start as usize > a.start {
            out.push(Segment {
                text: text[a.start..first.start as usize].to_string(),
                changed: false,
            });
        }
    }
    for (changed, r) in ops.iter().filter(|(_, r)| !r.is_empty()) {
        // The words, then the punctuation and space up to the next word.
        let (from, last) = (
            a.tokens[r.start].start as usize,
            a.tokens[r.end - 1].end as usize,
        );
        let to = a.tokens.get(r.end).map_or(end, |t| t.start as usize);
        out.push(Segment {
            text: text[from..last].replace("\n\n", "\n"),
            changed: *changed,
        });
        if to > last {
            out.push(Segment {
                text: text[last..to].replace("\n\n", "\n"),
                changed: false,
            });
        }
    }
    out
}

/// The answers of two submissions side by side, aligned by question, with
/// the words that differ marked.
pub fn side_by_side(
    a: &Submission,
    a_answers: &[Answer],
    b: &Submission,
    b_answers: &[Answer],
) -> Vec<AlignedAnswer> {
    align(a_answers, b_answers)
        .into_iter()
        .map(|(x, y)| {
            let key = |ans: Option<&Answer>| -> Vec<u64> {
                ans.map_or(Vec::new(), |a| a.tokens.iter().map(|t| t.key).collect())
            };
            let (ka, kb) = (key(x), key(y));
            let mut left = Vec::new();
            let mut right = Vec::new();
            for op in capture_diff_slices(Algorithm::Myers, &ka, &kb) {
                let (tag, old, new) = op.as_tag_tuple();
                let changed = tag != DiffTag::Equal;
                left.push((changed, old));
                right.push((changed, new));
            }
            AlignedAnswer {
                question: x.or(y).map(|q| q.question.to_string()).unwrap_or_default(),
                left: segments(a, x, &left),
                right: segments(b, y, &right),
            }
        })
        .collect()
}

/// Compares the answers of `a` and `b`, aligned by question: sections in
/// another order are no change, a question answered on one side only is one
/// change holding the whole answer.
pub fn compare(
    a: &Submission,
    a_answers: &[Answer],
    b: &Submission,
    b_answers: &[Answer],
) -> PairDiff {
    let pairs = align(a_answers, b_answers);
    let empty: &[Token] = &[];
    // A side without a real answer to the question (empty, a placeholder,
    // a non-answer) points at where its answer stands, else at its first
    // answer.
    let fallback = |sub: &Submission, answers: &[Answer], question: &str| {
        sub.answer_offset(question)
            .or(answers.first().map(|x| x.start))
            .unwrap_or(0)
            .min(sub.doc.text.len())
    };
    let (mut matched, mut total) = (0usize, 0usize);
    let mut changes = Vec::new();
    for (x, y) in pairs {
        let question: String = x.or(y).map(|q| q.question.to_string()).unwrap_or_default();
        let sa = Side {
            sub: a,
            tokens: x.map_or(empty, |x| &x.tokens),
            start: x.map_or_else(|| fallback(a, a_answers, &question), |x| x.start),
        };
        let sb = Side {
            sub: b,
            tokens: y.map_or(empty, |y| &y.tokens),
            start: y.map_or_else(|| fallback(b, b_answers, &question), |y| y.start),
        };
        let ka: Vec<u64> = sa.tokens.iter().map(|t| t.key).collect();
        let kb: Vec<u64> = sb.tokens.iter().map(|t| t.key).collect();
        total += ka.len() + kb.len();
        for op in capture_diff_slices(Algorithm::Myers, &ka, &kb) {
            let (tag, old, new) = op.as_tag_tuple();
            if tag == DiffTag::Equal {
                matched += old.len();
                continue;
            }
            let (before, after) = if sa.tokens.is_empty() {
                (sb.before(new.start), sb.after(new.end))
            } else {
                (sa.before(old.start), sa.after(old.end))
            };
            changes.push(Change {
                old: sa.text(old.clone()),
                new: sb.text(new.clone()),
                line: sa.pos(&old).line,
                related_line: sb.pos(&new).line,
                question: question.clone(),
                before,
                after,
            });
        }
    }
    let similarity = if total == 0 {
        1.0
    } else {
        2.0 * matched as f64 / total as f64
    };
    // Three decimals; never shown as 1.000 when something changed.
    let mut similarity = (similarity * 1000.0).round() / 1000.0;
    if !changes.is_empty() {
        similarity = similarity.min(0.999);
    }
    let first = |sub: &Submission, answers: &[Answer]| {
        answers
            .iter()
            .find_map(|x| x.tokens.first())
            .map_or(Pos { line: 1, column: 1 }, |t| {
                sub.doc.pos(t.start as usize)
            })
    };
    let (a_pos, b_pos) = match changes.first() {
        Some(c) => (
            Pos {
                line: c.line,
                column: 1,
            },
            Pos {
                line: c.related_line,
                column: 1,
            },
        ),
        None => (first(a, a_answers), first(b, b_answers)),
    };
    PairDiff {
        similarity,
        changes,
        a_pos,
        b_pos,
        aligned: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::Form;
    use crate::normalize::normalize;

    #[test]
    fn an_answer_left_as_the_placeholder_points_at_the_placeholder() {
        let form = Form::builtin();
        let done = crate::form::testing::complete();
        let answer =
            "Förvaltningen arbetar med område 2 fråga 1 tillsammans med lokala företag i Farsta.";
        let unfinished = done.replace(answer, "Klicka här för att ange text.");
        let line_of = |text: &str, s: &str| text.lines().position(|l| l == s).unwrap() as u32 + 1;
        let (a, b) = (
            form.parse(normalize(&done)),
            form.parse(normalize(&unfinished)),
        );
        let (aa, ba) = (
            crate::corpus::answers::answers(&a, &form),
            crate::corpus::answers::answers(&b, &form),
        );
        let d = compare(&a, &aa, &b, &ba);
        assert_eq!(d.changes.len(), 1);
        let placeholder = line_of(&unfinished, "Klicka här för att ange text.");
        assert_eq!(
            (d.changes[0].line, d.changes[0].related_line),
            (line_of(&done, answer), placeholder)
        );
        let back = compare(&b, &ba, &a, &aa);
        assert_eq!(back.changes[0].line, placeholder);
    }
}
