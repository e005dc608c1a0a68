//! READ001: a submission that could not be read.

use super::{Corpus, Finding, Message, Rule, Severity, Text};
use crate::finding::Pos;

pub static RULE: Rule = Rule {
    code: "READ001",
    name: "unreadable-submission",
    severity: Severity::Error,
    summary: "A submission could not be read",
    summary_sv: "En inlämning gick inte att läsa",
    explanation: "\
What it finds:
  A file among the submissions that could not be read at all: a
  password-protected or encrypted document, a legacy Word (.doc) file, a
  truncated or corrupt archive, malformed XML, a PDF without a text layer,
  a file that inflates past --xml-limit, or one the operating system would
  not open. The finding says why.

Why it matters:
  A file that cannot be read is a submission nobody has checked. In a
  pre-merge check it must fail the run and show up where annotations show,
  not only as a line on standard error.

Example:
  inlamning/farsta.docx                <- READ001: a password-protected document
  (save it as .docx without a password)",
    explanation_sv: "\
Vad den hittar:
  En fil bland inlämningarna som inte gick att läsa alls: ett
  lösenordsskyddat eller krypterat dokument, en äldre Word-fil (.doc), ett
  avkortat eller trasigt arkiv, felaktig XML, en PDF utan textlager, en fil
  som packas upp till mer än --xml-limit, eller en som operativsystemet
  inte ville öppna. Anmärkningen säger varför.

Varför det är viktigt:
  En fil som inte går att läsa är en inlämning ingen har granskat. I en
  kontroll före sammanslagning måste den fälla körningen och synas där
  anmärkningar syns, inte bara som en rad i felutskriften.

Exempel:
  inlamning/farsta.docx                <- READ001: ett lösenordsskyddat dokument
  (spara den som .docx utan lösenord)",
    messages: MESSAGES,
    file: None,
    corpus: Some(check),
};

const MESSAGES: &[Text] = &[Text {
    key: "main",
    en: "the file cannot be read: {reason}",
    sv: "filen går inte att läsa: {reason}",
}];

fn check(c: &Corpus, out: &mut Vec<Finding>) {
    for (path, reason) in c.unreadable {
        let msg = Message::new("main").text("reason", reason);
        out.push(RULE.finding(path, Pos::START, msg));
    }
}
