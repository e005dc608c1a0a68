//! DUP002: two submissions with identical answers.

use super::{Corpus, Finding, Message, Rule, Severity, Text};

pub static RULE: Rule = Rule {
    code: "DUP002",
    name: "identical-submission",
    severity: Severity::Error,
    summary: "Two submissions with the same answers after normalisation",
    summary_sv: "Två inlämningar med samma svar",
    explanation: "\
What it finds:
  Two files whose answers are word for word the same once normalised:
  re-exports of one submission that differ only in line breaks, quotes,
  bullets, byte-order mark, CRLF, no-break spaces or emphasis markers, or a
  Word file and its text export. Header fields may differ. Submissions with
  fewer than 20 words of answers are not compared.

Why it matters:
  The same answers would be counted twice in the compiled report.

Example:
  a.txt and a-export.txt          <- DUP002: identical answers",
    messages: MESSAGES,
    file: None,
    corpus: Some(check),
};

const MESSAGES: &[Text] = &[Text {
    key: "main",
    en: "identical answers to {path}: only formatting differs ({n} words)",
    sv: "samma svar som {path}: bara formateringen skiljer ({n} ord)",
}];

fn check(c: &Corpus, out: &mut Vec<Finding>) {
    for members in &c.duplicates().identical {
        let a = &c.files[members[0]];
        for &j in &members[1..] {
            let b = &c.files[j];
            let msg = Message::new("main")
                .path("path", &b.path)
                .count("n", a.fingerprint.words);
            let mut f = RULE
                .finding(&a.path, a.fingerprint.first, msg)
                .related(&b.path, b.fingerprint.first);
            f.similarity = Some(1.0);
            out.push(f);
        }
    }
}
