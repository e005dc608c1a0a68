//! DUP002: two submissions with identical answers.

use super::{Rule, Severity};

pub const RULE: Rule = Rule {
    code: "DUP002",
    name: "identical-submission",
    severity: Severity::Error,
    summary: "Two submissions with the same answers after normalisation",
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
};
