//! MISS004: a required header field is absent or empty.

use super::{FileContext, Finding, Message, Rule, Severity, Text};
use crate::normalize::Pos;

pub static RULE: Rule = Rule {
    code: "MISS004",
    name: "missing-header-field",
    severity: Severity::Error,
    summary: "A required header field is absent or empty",
    summary_sv: "Ett obligatoriskt fält i sidhuvudet saknas eller är tomt",
    explanation: "\
What it finds:
  One of the header fields — Nämnd, Kontaktperson för eventuella frågor,
  Telefon, E-post — whose label is missing from the submission, or whose
  value is empty (the next line is already the next label). A field that
  still holds the placeholder is MISS001 instead.

Why it matters:
  Without the sender and a contact, the central office cannot attribute the
  answers or ask follow-up questions.

Example:
  Telefon
  E-post                              <- MISS004: Telefon is empty
  anna.berg@stockholm.se",
    explanation_sv: "\
Vad den hittar:
  Ett av sidhuvudets fält — Nämnd, Kontaktperson för eventuella frågor,
  Telefon, E-post — vars rubrik saknas i inlämningen, eller vars värde är
  tomt (nästa rad är redan nästa rubrik). Ett fält som fortfarande har
  platshållaren är i stället MISS001.

Varför det är viktigt:
  Utan avsändare och kontaktperson kan stadsledningskontoret varken
  tillskriva svaren eller ställa följdfrågor.

Exempel:
  Telefon
  E-post                              <- MISS004: Telefon är tomt
  anna.berg@stockholm.se",
    messages: MESSAGES,
    file: Some(check),
    corpus: None,
};

const MESSAGES: &[Text] = &[
    Text {
        key: "missing",
        en: "header field {field} is missing",
        sv: "fältet {field} saknas",
    },
    Text {
        key: "empty",
        en: "header field {field} is empty",
        sv: "fältet {field} är tomt",
    },
];

fn check(c: &FileContext, out: &mut Vec<Finding>) {
    let sub = c.sub;
    // Without a form variant it fits, a header that is mostly absent is
    // another form's header: FORM001 says so, once.
    let found = sub.header.iter().filter(|h| h.label_unit.is_some()).count();
    if sub.is_unrecognised() || (!sub.fits() && found * 2 < sub.header.len()) {
        return;
    }
    for entry in &sub.header {
        let (pos, msg) = match (entry.label_unit, &entry.value) {
            (None, _) => (
                Pos { line: 1, column: 1 },
                Message::new("missing").text("field", &*entry.name),
            ),
            (Some(u), None) => (
                sub.doc.pos(sub.doc.units[u].range.start),
                Message::new("empty").text("field", &*entry.name),
            ),
            (Some(_), Some(_)) => continue,
        };
        out.push(RULE.finding(c.path, pos, msg));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{complete, run};

    #[test]
    fn empty_and_missing_fields() {
        let src = complete()
            .replace("08-508 18 000\n", "")
            .replace("Kontaktperson för eventuella frågor\nAnna Berg\n", "");
        let f = run(&src, &RULE);
        let msgs: Vec<&str> = f.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "header field Kontaktperson is missing",
                "header field Telefon is empty"
            ]
        );
        assert_eq!(f[1].line, 3);
    }

    #[test]
    fn complete_header_passes() {
        assert!(run(&complete(), &RULE).is_empty());
    }
}
