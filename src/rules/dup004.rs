//! DUP004: an answer paragraph shared by submissions from different senders.

use std::collections::BTreeMap;

use rustc_hash::FxHashSet;

use super::{Corpus, Finding, Message, Rule, Severity, Text};
use crate::corpus::sender::Verdict;
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
  two submissions are not versions of one submission. Short generic answers
  (\"Inga övriga upplysningar.\") don't count. Reported once between two
  senders' submissions, whichever of their versions hold the paragraph.
  A paragraph that three or more senders, half of all, share is the form's
  own text (a table's headings, an instruction), not a copy.
  Whole submissions from different senders whose answers are as alike as
  versions' (at least `--similarity`) are copies too: both files carry the
  finding, naming the other; they are never grouped as versions (DUP001).

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
  versioner av samma inlämning. Korta allmänna svar (\"Inga övriga
  upplysningar.\") räknas inte. Anmärkningen ges en gång mellan två
  avsändares inlämningar, vilka versioner som än har stycket. Ett stycke
  som tre eller fler avsändare, hälften av alla, har gemensamt är
  formulärets egen text (en tabells rubriker, en instruktion), ingen kopia.
  Hela
  inlämningar från olika avsändare vars svar är lika mycket som versioners
  (minst `--similarity`) är också kopior: båda filerna får anmärkningen,
  med den andra nämnd; de grupperas aldrig som versioner (DUP001).

Varför det är viktigt:
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

const MESSAGES: &[Text] = &[
    Text {
        key: "main",
        en: "answer paragraph also in {path} (line {line}), sent by another sender",
        sv: "svarsstycket finns också i {path} (rad {line}), från en annan avsändare",
    },
    Text {
        key: "whole",
        en: "answers {percent}% the same as those of {path}, which another sender sent: copied answers, not a version of one submission",
        sv: "svaren är till {percent} % desamma som i {path}, som en annan avsändare skickat: kopierade svar, inte en version av samma inlämning",
    },
];

/// An answer paragraph shared by different senders: each file that has it
/// after the first (in path order) carries the finding, naming the first,
/// unless the two are copies of one submission.
fn check(c: &Corpus, out: &mut Vec<Finding>) {
    // Whole submissions as alike as versions, from different senders:
    // each file carries the finding, naming the other.
    let copies = &c.duplicates().copies;
    for e in copies {
        let similarity = e.diff.as_ref().map_or(1.0, |d| d.similarity);
        let (pa, pb) = match &e.diff {
            Some(d) => (d.a_pos, d.b_pos),
            None => (
                c.files[e.a].fingerprint.first,
                c.files[e.b].fingerprint.first,
            ),
        };
        for (me, at, other, there) in [(e.a, pa, e.b, pb), (e.b, pb, e.a, pa)] {
            let msg = Message::new("whole")
                .path("path", &c.files[other].path)
                .percent("percent", similarity, 1);
            let mut f = RULE
                .finding(&c.files[me].path, at, msg)
                .related(&c.files[other].path, there);
            f.similarity = Some(similarity);
            out.push(f);
        }
    }
    // A file stands for its group of versions: a copy is reported once
    // between two senders' submissions, whichever versions hold it.
    let group_of = &c.duplicates().group_of;
    let unit = |i: usize| group_of[i].map_or(i, |g| c.files.len() + g);
    let pair = |i: usize, j: usize| (unit(i).min(unit(j)), unit(i).max(unit(j)));
    let whole: FxHashSet<(usize, usize)> = copies.iter().map(|e| pair(e.a, e.b)).collect();
    let mut shared: BTreeMap<u64, Vec<(usize, &Paragraph)>> = BTreeMap::new();
    for (i, e) in c.files.iter().enumerate() {
        for p in &e.fingerprint.paragraphs {
            shared.entry(p.hash).or_default().push((i, p));
        }
    }
    // A paragraph that three or more senders, half of all, have in common
    // is the form's own text (a table's headings, an instruction the form
    // put in the answer's place), not an answer one copied from another.
    let senders = (0..c.files.len()).map(unit).collect::<FxHashSet<_>>().len();
    let form_text = |h: &Vec<(usize, &Paragraph)>| {
        let n = h
            .iter()
            .map(|&(i, _)| unit(i))
            .collect::<FxHashSet<_>>()
            .len();
        n >= 3 && n * 2 >= senders
    };
    let holders: Vec<&Vec<(usize, &Paragraph)>> = shared
        .values()
        .filter(|h| h.len() > 1 && !form_text(h))
        .collect();
    if holders.is_empty() {
        return;
    }
    for holders in holders {
        let (i0, p0) = holders[0];
        let a = &c.files[i0];
        let mut seen = FxHashSet::default();
        for &(j, p) in &holders[1..] {
            let b = &c.files[j];
            let same_sender = a.sender.compare(&b.sender) == Verdict::Same;
            if unit(j) == unit(i0)
                || same_sender
                || whole.contains(&pair(i0, j))
                || !seen.insert(unit(j))
            {
                continue;
            }
            // The later file (in path order) carries it, naming the first.
            let msg = Message::new("main")
                .path("path", &a.path)
                .line("line", p0.line);
            let at = |p: &Paragraph| Pos {
                line: p.line,
                column: p.column,
            };
            out.push(
                RULE.finding(&b.path, at(p), msg)
                    .question(&p.question)
                    .related(&a.path, at(p0)),
            );
        }
    }
}
