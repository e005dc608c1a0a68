//! CONT005: a contact detail that changed between versions of one
//! submission.

use super::{cont002::phone_digits, Corpus, Finding, Message, Rule, Severity, Summary, Text};
use crate::finding::Pos;
use crate::normalize::fold_diacritics;

pub static RULE: Rule = Rule {
    code: "CONT005",
    name: "contact-changed",
    severity: Severity::Info,
    summary: "A contact detail changed between versions of one submission",
    summary_sv: "En kontaktuppgift ändrades mellan versioner av samma inlämning",
    explanation: "\
What it finds:
  Within a group of versions of one submission (see DUP001), a contact
  person, phone number or e-mail address that differs from the version
  before it. The finding is in the newer version and names the older one.
  Numbers are compared by their digits, names and addresses with case and
  diacritics folded. Between different senders the same difference is
  CONT003.

Why it matters:
  The newer version is usually the one to keep, and its contact details
  the ones to use; the reviewer should still see that they changed.

Example:
  v1.txt: Telefon 08-508 24 478
  v2.txt: Telefon 08-508 24 487   <- CONT005 in v2.txt: changed since v1.txt",
    explanation_sv: "\
Vad den hittar:
  Inom en grupp versioner av samma inlämning (se DUP001) en kontaktperson,
  ett telefonnummer eller en e-postadress som skiljer sig från versionen
  före. Anmärkningen står i den nyare versionen och nämner den äldre.
  Nummer jämförs siffra för siffra, namn och adresser utan hänsyn till
  versaler och diakritiska tecken. Mellan olika avsändare är samma
  skillnad CONT003.

Varför det är viktigt:
  Den nyare versionen är oftast den som ska behållas, och dess
  kontaktuppgifter de som ska användas; granskaren bör ändå se att de
  ändrats.

Exempel:
  v1.txt: Telefon 08-508 24 478
  v2.txt: Telefon 08-508 24 487   <- CONT005 i v2.txt: ändrat sedan v1.txt",
    messages: MESSAGES,
    file: None,
    corpus: Some(check),
};

const MESSAGES: &[Text] = &[
    Text {
        key: "contact",
        en: "contact person changed since the older version {path}: \"{old}\" → \"{new}\"",
        sv: "kontaktpersonen har ändrats sedan den äldre versionen {path}: \"{old}\" → \"{new}\"",
    },
    Text {
        key: "phone",
        en: "phone number changed since the older version {path}: \"{old}\" → \"{new}\"",
        sv: "telefonnumret har ändrats sedan den äldre versionen {path}: \"{old}\" → \"{new}\"",
    },
    Text {
        key: "email",
        en: "e-mail address changed since the older version {path}: \"{old}\" → \"{new}\"",
        sv: "e-postadressen har ändrats sedan den äldre versionen {path}: \"{old}\" → \"{new}\"",
    },
];

/// A contact detail of a version: the value as written, where it stands,
/// and its comparison key.
fn details(s: &Summary) -> [Option<(&str, Pos, String)>; 3] {
    let folded = |t: &str| {
        fold_diacritics(t)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    [
        s.contact
            .as_ref()
            .map(|c| (c.text.as_str(), c.pos, folded(&c.text))),
        (s.phone.as_ref()).and_then(|p| Some((p.text.as_str(), p.pos, phone_digits(&p.text)?))),
        (s.email.as_ref()).map(|e| (e.text.as_str(), e.pos, e.text.to_lowercase())),
    ]
}

/// Each version against the one before it, from the oldest to the newest.
fn check(c: &Corpus, out: &mut Vec<Finding>) {
    for g in &c.duplicates().groups {
        let (order, _) = c.versions(g);
        for w in order.windows(2) {
            let (older, newer) = (&c.files[w[0]], &c.files[w[1]]);
            let keys = ["contact", "phone", "email"];
            for (key, (old, new)) in keys
                .iter()
                .zip(details(older).into_iter().zip(details(newer)))
            {
                let (Some((old, old_pos, ok)), Some((new, pos, nk))) = (old, new) else {
                    continue;
                };
                if ok == nk {
                    continue;
                }
                let msg = Message::new(key)
                    .path("path", &older.path)
                    .text("old", old)
                    .text("new", new);
                out.push(
                    RULE.finding(&newer.path, pos, msg)
                        .related(&older.path, old_pos),
                );
            }
        }
    }
}
