//! DUP005: an answer left unchanged since the previous round.

use super::{Corpus, Finding, Message, Rule, Severity, Text};
use crate::corpus::sender::Verdict;
use crate::finding::Pos;

pub static RULE: Rule = Rule {
    code: "DUP005",
    name: "unchanged-since-last-round",
    severity: Severity::Warning,
    summary: "An answer word for word the same as the sender's in the previous round",
    summary_sv: "Ett svar ord för ord detsamma som avsändarens i förra omgången",
    explanation: "\
What it finds:
  With `previous` set in `[round]` (the folder of last round's
  submissions), an answer paragraph of at least eight words (`min-words`)
  that stands word for word in the same sender's submission of the previous
  round. One finding per question, naming last round's file and line. The
  sender is matched as versions are: by the sender field, else the contact
  and e-mail. Runs only when the previous round is configured.

Why it matters:
  A report that repeats last year's answer may not describe this year at
  all: the sender copied the old file and left parts unchanged.

Example:
  2026/farsta.docx:40   \"Företagsdialog i samverkan med SBR genomfördes ...\"
  2025/farsta.docx:38   the same paragraph     <- DUP005 on 2026/farsta.docx",
    explanation_sv: "\
Vad den hittar:
  När `previous` är satt i `[round]` (mappen med förra omgångens
  inlämningar): ett svarsstycke på minst åtta ord (`min-words`) som står ord
  för ord i samma avsändares inlämning från förra omgången. En anmärkning
  per fråga, med förra omgångens fil och rad. Avsändaren känns igen som för
  versioner: på avsändarfältet, annars kontaktperson och e-post. Körs bara
  när förra omgången är angiven.

Varför det är viktigt:
  En rapport som upprepar förra årets svar beskriver kanske inte alls i år:
  avsändaren kopierade den gamla filen och lät delar stå kvar.

Exempel:
  2026/farsta.docx:40   \"Företagsdialog i samverkan med SBR genomfördes ...\"
  2025/farsta.docx:38   samma stycke     <- DUP005 på 2026/farsta.docx",
    messages: MESSAGES,
    file: None,
    corpus: Some(check),
};

const MESSAGES: &[Text] = &[Text {
    key: "main",
    en: "answer unchanged since the previous round: it stands in {path} (line {line})",
    sv: "svaret är oförändrat sedan förra omgången: det står i {path} (rad {line})",
}];

/// Each file's answer paragraphs that stand in the same sender's file of
/// the previous round: one finding per question.
fn check(c: &Corpus, out: &mut Vec<Finding>) {
    if c.previous.is_empty() {
        return;
    }
    for file in c.files {
        let last = (c.previous.iter())
            .filter(|p| p.sender.is_known() && file.sender.compare(&p.sender) == Verdict::Same);
        for p in last {
            let mut questions = std::collections::BTreeSet::new();
            for para in &file.fingerprint.paragraphs {
                let Some(there) = (p.fingerprint.paragraphs.iter()).find(|q| q.hash == para.hash)
                else {
                    continue;
                };
                if !questions.insert(para.question.clone()) {
                    continue;
                }
                let at = |q: &crate::corpus::Paragraph| Pos {
                    line: q.line,
                    column: q.column,
                };
                let msg = Message::new("main")
                    .path("path", &p.path)
                    .line("line", there.line);
                out.push(
                    RULE.finding(&file.path, at(para), msg)
                        .question(&para.question)
                        .related(&p.path, at(there)),
                );
            }
        }
    }
}
