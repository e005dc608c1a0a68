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
  fewer than 20 words of answers are not compared. Each copy carries the
  finding, with the group of versions it belongs to (see DUP001).

Why it matters:
  The same answers would be counted twice in the compiled report.

Example:
  a.txt and a-export.txt          <- DUP002: identical answers",
    explanation_sv: "\
Vad den hittar:
  Två filer vars svar är ord för ord desamma efter normalisering:
  omexporter av en inlämning som bara skiljer sig i radbrytningar,
  citattecken, punktlistor, BOM, CRLF, hårda mellanslag eller
  betoningstecken, eller en Word-fil och dess textexport. Fälten i
  uppgifterna om avsändaren får skilja sig. Inlämningar med färre än 20
  ord i svaren jämförs inte.
  Varje kopia får anmärkningen, med den grupp av versioner den hör till
  (se DUP001).

Varför det är viktigt:
  Samma svar skulle räknas två gånger i sammanställningen.

Exempel:
  a.txt och a-export.txt          <- DUP002: identiska svar",
    messages: MESSAGES,
    file: None,
    corpus: Some(check),
};

const MESSAGES: &[Text] = &[Text {
    key: "main",
    en: "{version}; the same answers as {path}: only formatting differs ({n} words)",
    sv: "{version}; samma svar som {path}: bara formateringen skiljer ({n} ord)",
}];

/// Every version whose nearest version has the same answers carries the
/// finding.
fn check(c: &Corpus, out: &mut Vec<Finding>) {
    for (g, m, same, edge) in c.versions_and_nearest() {
        if edge.diff.is_some() {
            continue;
        }
        let (a, b) = (&c.files[m], &c.files[same]);
        let msg = Message::new("main")
            .peer("path", &b.path)
            .count("n", a.fingerprint.words);
        let mut f = c.version_finding(
            &RULE,
            g,
            m,
            (same, b.fingerprint.first),
            a.fingerprint.first,
            msg,
        );
        f.similarity = Some(1.0);
        out.push(f);
    }
}
