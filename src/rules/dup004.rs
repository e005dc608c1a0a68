//! DUP004: an answer paragraph shared by submissions from different senders.

use super::{Rule, Severity};

pub const RULE: Rule = Rule {
    code: "DUP004",
    name: "copied-answer",
    severity: Severity::Warning,
    summary: "An answer paragraph copied between submissions from different committees",
    explanation: "\
What it finds:
  An answer paragraph of at least eight words that appears word for word in
  submissions from different committees (different Nämnd values), where the
  two submissions are not near-duplicates as a whole. Short generic answers
  (\"Inga övriga upplysningar.\") don't count.

Why it matters:
  A committee that pastes another's answer reports someone else's work. It
  may be shared text on purpose (a joint project), but the reviewer should
  know before compiling both.

Example:
  farsta.txt:40   \"Företagsdialog i samverkan med Stockholm Business Region AB ...\"
  bromma.txt:52   the same paragraph     <- DUP004",
};
