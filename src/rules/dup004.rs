//! DUP004: an answer paragraph shared by submissions from different senders.

use std::collections::BTreeMap;

use rustc_hash::FxHashSet;

use super::{Corpus, Finding, Message, Rule, Severity, Text};
use crate::corpus::Paragraph;
use crate::finding::Pos;

pub static RULE: Rule = Rule {
    code: "DUP004",
    name: "copied-answer",
    severity: Severity::Warning,
    summary: "An answer paragraph copied between submissions from different committees",
    summary_sv: "Ett svarsstycke kopierat mellan olika nämnders inlämningar",
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
    explanation_sv: "\
Vad den hittar:
  Ett svarsstycke på minst åtta ord som står ord för ord i inlämningar från
  olika nämnder (olika Nämnd-värden), där de två inlämningarna inte är
  nästan identiska i sin helhet. Korta allmänna svar (\"Inga övriga
  upplysningar.\") räknas inte.

Varför det spelar roll:
  En nämnd som klistrar in en annan nämnds svar redovisar någon annans
  arbete. Det kan vara gemensam text med avsikt (ett gemensamt projekt),
  men granskaren bör veta det innan båda sammanställs.

Exempel:
  farsta.txt:40   \"Företagsdialog i samverkan med Stockholm Business Region AB ...\"
  bromma.txt:52   samma stycke     <- DUP004",
    messages: MESSAGES,
    file: None,
    corpus: Some(check),
};

const MESSAGES: &[Text] = &[Text {
    key: "main",
    en: "answer paragraph also in {path} (line {line}), sent by another committee",
    sv: "svarsstycket finns också i {path} (rad {line}), från en annan nämnd",
}];

/// An answer paragraph shared by different senders: each file that has it
/// after the first, unless the two are copies of one submission.
fn check(c: &Corpus, out: &mut Vec<Finding>) {
    let mut shared: BTreeMap<u64, Vec<(usize, &Paragraph)>> = BTreeMap::new();
    for (i, e) in c.files.iter().enumerate() {
        for p in &e.fingerprint.paragraphs {
            shared.entry(p.hash).or_default().push((i, p));
        }
    }
    let holders: Vec<&Vec<(usize, &Paragraph)>> = shared.values().filter(|h| h.len() > 1).collect();
    if holders.is_empty() {
        return;
    }
    let group_of = &c.duplicates().group_of;
    for holders in holders {
        let (i0, p0) = holders[0];
        let a = &c.files[i0];
        let mut seen = FxHashSet::default();
        for &(j, p) in &holders[1..] {
            let b = &c.files[j];
            let (sa, sb) = (&a.fingerprint.sender, &b.fingerprint.sender);
            let same_sender = sa.is_some() && sa == sb;
            if j == i0
                || same_sender
                || (group_of[i0].is_some() && group_of[i0] == group_of[j])
                || !seen.insert(j)
            {
                continue;
            }
            let msg = Message::new("main")
                .path("path", &b.path)
                .line("line", p.line);
            let at = |p: &Paragraph| Pos {
                line: p.line,
                column: p.column,
            };
            out.push(
                RULE.finding(&a.path, at(p0), msg)
                    .question(&p0.question)
                    .related(&b.path, at(p)),
            );
        }
    }
}
