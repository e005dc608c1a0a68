//! DUP001: two submissions whose answers are nearly the same.

use super::{Corpus, Finding, Message, Rule, Severity, Text};

pub static RULE: Rule = Rule {
    code: "DUP001",
    name: "near-duplicate",
    severity: Severity::Error,
    summary: "Two submissions whose answers are nearly the same",
    summary_sv: "Två inlämningar med nästan samma svar",
    explanation: "\
What it finds:
  Two files whose answers are at least `--similarity` alike (default 0.85)
  but not identical: usually two versions of the same submission. Only the
  answers are compared, aligned by question, so sections in another order or
  a dropped paragraph still make a near-duplicate, and two committees
  answering the same form are not near-duplicates however much form text
  they share. Similarity is 2 × shared words / words of both. The finding
  lists every change: the smallest run of words that differs, with its line
  in both files. Line breaks, quotes, bullets and emphasis are not changes.

Why it matters:
  Only one version belongs in the compiled report, and the reviewer must
  pick the right one: the changes show what the later version corrected.

Example:
  001.txt ~ 004.txt  99.6% similar, 4 changes
    line 48 ~ 26: Bredäng, Vårberg och [-Sätra-]{+Sättra+}) representerade",
    messages: MESSAGES,
    file: None,
    corpus: Some(check),
};

const MESSAGES: &[Text] = &[
    Text {
        key: "one",
        en: "near-duplicate of {path}: {percent}% similar, 1 change",
        sv: "nästan dubblett av {path}: {percent} % lika, 1 ändring",
    },
    Text {
        key: "many",
        en: "near-duplicate of {path}: {percent}% similar, {n} changes",
        sv: "nästan dubblett av {path}: {percent} % lika, {n} ändringar",
    },
];

fn check(c: &Corpus, out: &mut Vec<Finding>) {
    for (i, j, d) in &c.duplicates().near {
        let (a, b) = (&c.files[*i], &c.files[*j]);
        let n = d.changes.len();
        let msg = Message::new(if n == 1 { "one" } else { "many" })
            .path("path", &b.path)
            .percent("percent", d.similarity, 1)
            .count("n", n);
        let mut f = RULE
            .finding(&a.path, d.a_pos, msg)
            .related(&b.path, d.b_pos);
        f.similarity = Some(d.similarity);
        f.changes = Some(d.changes.clone());
        f.aligned = d.aligned.clone();
        out.push(f);
    }
}
