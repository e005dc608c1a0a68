//! DUP001: two submissions whose answers are nearly the same.

use super::{Rule, Severity};

pub const RULE: Rule = Rule {
    code: "DUP001",
    name: "near-duplicate",
    severity: Severity::Error,
    summary: "Two submissions whose answers are nearly the same",
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
};
