//! DUP003: the same answer given to two questions of one submission.

use similar::{capture_diff_slices, Algorithm, DiffTag};

use super::{clip, FileContext, Finding, Message, Rule, Severity, Text};
use crate::corpus::answers::Answer;

pub static RULE: Rule = Rule {
    code: "DUP003",
    name: "repeated-answer",
    severity: Severity::Warning,
    summary: "The same answer given to two different questions",
    summary_sv: "Samma svar på två olika frågor",
    explanation: "\
What it finds:
  Within one submission, an answer that is identical or at least 90% alike
  (by words) to the answer of another question. Answers shorter than eight
  words (`min-words`) are not compared.

Why it matters:
  One of the two questions has really not been answered: the text was
  pasted to fill the box.

Example:
  Hur sker samarbetet med att bistå i Stockholm Business Region ABs ...
  Företagsdialog i samverkan med SBR genomfördes 1 okt 2021. ...
  Hur sker samarbetet med Stockholm Business Region AB att stärka ...
  Företagsdialog i samverkan med SBR genomfördes 1 okt 2021. ...  <- DUP003",
    explanation_sv: "\
Vad den hittar:
  Inom en inlämning: ett svar som är identiskt med, eller minst 90 % likt
  (räknat i ord), svaret på en annan fråga. Svar kortare än åtta ord
  (`min-words`) jämförs inte.

Varför det är viktigt:
  En av de två frågorna har egentligen inte besvarats: texten klistrades
  in för att fylla rutan.

Exempel:
  Hur sker samarbetet med att bistå i Stockholm Business Region ABs ...
  Företagsdialog i samverkan med SBR genomfördes 1 okt 2021. ...
  Hur sker samarbetet med Stockholm Business Region AB att stärka ...
  Företagsdialog i samverkan med SBR genomfördes 1 okt 2021. ...  <- DUP003",
    messages: MESSAGES,
    file: Some(check),
    corpus: None,
};

const MESSAGES: &[Text] = &[
    Text {
        key: "same",
        en: "this answer repeats the answer to \"{question}\" (line {line})",
        sv: "svaret upprepar svaret på \"{question}\" (rad {line})",
    },
    Text {
        key: "alike",
        en: "this answer is {percent}% like the answer to \"{question}\" (line {line})",
        sv: "svaret är till {percent} % likt svaret på \"{question}\" (rad {line})",
    },
];

const MIN_SIMILARITY: f64 = 0.9;

/// An answer with its word keys in order and sorted, made once for all the
/// pairs it is part of.
struct Words<'a> {
    answer: &'a Answer,
    keys: Vec<u64>,
    /// How many words fall in each of 256 buckets of their keys: the sum of
    /// the smaller counts of two answers bounds the words they share.
    buckets: [u16; 256],
    /// Sorted when a pair first needs it: most pairs fail cheaper tests.
    sorted: std::cell::OnceCell<Vec<u64>>,
}

impl<'a> Words<'a> {
    fn new(answer: &'a Answer) -> Words<'a> {
        let keys: Vec<u64> = answer.tokens.iter().map(|t| t.key).collect();
        let mut buckets = [0u16; 256];
        for &k in &keys {
            let b = &mut buckets[(k >> 56) as usize];
            *b = b.saturating_add(1);
        }
        Words {
            answer,
            keys,
            buckets,
            sorted: std::cell::OnceCell::new(),
        }
    }

    fn sorted(&self) -> &[u64] {
        self.sorted.get_or_init(|| {
            let mut s = self.keys.clone();
            s.sort_unstable();
            s
        })
    }

    /// At least the number of words `self` and `other` share.
    fn most_shared(&self, other: &Words) -> usize {
        (self.buckets.iter().zip(&other.buckets))
            .map(|(&a, &b)| a.min(b) as usize)
            .sum()
    }
}

/// Word similarity of two answers: 2 × shared words / words of both.
pub fn similarity(a: &Answer, b: &Answer) -> f64 {
    similar_words(&Words::new(a), &Words::new(b))
}

fn similar_words(a: &Words, b: &Words) -> f64 {
    let (la, lb) = (a.keys.len(), b.keys.len());
    if la + lb == 0 {
        return 1.0;
    }
    // The most they can share is the shorter one: skip hopeless pairs.
    if 2.0 * la.min(lb) as f64 / ((la + lb) as f64) < MIN_SIMILARITY {
        return 0.0;
    }
    // The words they share in order are at most the words they share at
    // all, which are at most those their buckets share.
    let hopeless = |shared: usize| 2.0 * shared as f64 / ((la + lb) as f64) < MIN_SIMILARITY;
    if hopeless(a.most_shared(b)) {
        return 0.0;
    }
    let bag = crate::normalize::sorted_common(a.sorted(), b.sorted());
    if hopeless(bag) {
        return 0.0;
    }
    let shared: usize = capture_diff_slices(Algorithm::Myers, &a.keys, &b.keys)
        .iter()
        .filter(|op| op.tag() == DiffTag::Equal)
        .map(|op| op.old_range().len())
        .sum();
    2.0 * shared as f64 / (la + lb) as f64
}

fn check(c: &FileContext, out: &mut Vec<Finding>) {
    let sub = c.sub;
    let long: Vec<Words> = (c.answers.iter())
        .filter(|a| a.tokens.len() >= c.min_words.max(1))
        .map(Words::new)
        .collect();
    for (j, b) in long.iter().enumerate() {
        // The most alike earlier answer; on a tie, the earliest.
        let best = long[..j].iter().map(|a| (a, similar_words(a, b))).fold(
            None,
            |best: Option<(&Words, f64)>, (a, s)| match best {
                Some((_, bs)) if bs >= s => best,
                _ => Some((a, s)),
            },
        );
        let Some((a, s)) = best.filter(|(_, s)| *s >= MIN_SIMILARITY) else {
            continue;
        };
        let (a, b) = (a.answer, b.answer);
        let at = sub.doc.pos(b.tokens[0].start as usize);
        let earlier = sub.doc.pos(a.tokens[0].start as usize);
        let msg = if s >= 1.0 {
            Message::new("same")
        } else {
            Message::new("alike").percent("percent", s, 0)
        }
        .text("question", clip(&a.question, 60))
        .line("line", earlier.line);
        out.push(
            RULE.finding(c.path, at, msg)
                .question(&b.question)
                .related(c.path, earlier),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{complete, run};

    #[test]
    fn repeated_answer_fires_and_distinct_answers_pass() {
        let copied =
            "Förvaltningen arbetar med område 2 fråga 3 tillsammans med lokala företag i Farsta.";
        let src = complete().replace(
            "Förvaltningen arbetar med område 2 fråga 4 tillsammans med lokala företag i Farsta.",
            copied,
        );
        let f = run(&src, &RULE);
        assert!(f.iter().any(|f| f
            .message
            .starts_with("this answer repeats the answer to \"Hur sker samarbetet med att bistå")
            && f.question
                .as_deref()
                .unwrap()
                .starts_with("Hur sker samarbetet med Stockholm Business Region AB")));
    }

    #[test]
    fn answers_alike_in_most_words_are_compared_by_ratio() {
        let a = crate::corpus::answers::Answer {
            question: "a".into(),
            start: 0,
            tokens: crate::corpus::answers::tokenize(
                "ett två tre fyra fem sex sju åtta nio tio",
                0,
            ),
        };
        let nine = crate::corpus::answers::Answer {
            tokens: crate::corpus::answers::tokenize(
                "ett två tre fyra fem sex sju åtta nio elva",
                0,
            ),
            ..a.clone()
        };
        let half = crate::corpus::answers::Answer {
            tokens: crate::corpus::answers::tokenize(
                "ett två tre fyra fem elva tolv tretton fjorton femton",
                0,
            ),
            ..a.clone()
        };
        assert!((similarity(&a, &nine) - 0.9).abs() < 1e-9);
        assert!(similarity(&a, &half) < MIN_SIMILARITY);
    }
}
