//! CONT003: one contact person with different phone numbers or e-mail
//! addresses in different submissions.

use std::collections::BTreeMap;

use super::{
    cont002::phone_digits, Corpus, Finding, Message, Rule, Severity, Summary, Text, Value,
};
use crate::finding::Location;
use crate::normalize::fold_diacritics;

pub static RULE: Rule = Rule {
    code: "CONT003",
    name: "inconsistent-contact",
    severity: Severity::Warning,
    summary: "The same contact person has another phone or e-mail in another submission",
    summary_sv: "Samma kontaktperson har annat telefonnummer eller e-post i en annan inlämning",
    explanation: "\
What it finds:
  A contact person (names compared with case and diacritics folded) who gives
  a different phone number or e-mail address in another submission.
  Numbers are compared by their digits (08-508 24 478 and 08 50824478 are
  the same); addresses case-insensitively. The finding is reported in each
  file involved and names the other files. Versions of one submission are
  not compared with each other: a detail changed between them is CONT005.

Why it matters:
  At most one of the two is right. The central office will use whichever it
  finds first.

Example:
  a.txt: Tina Åkeson, 08-508 24 478
  b.txt: Tina Åkeson, 08-508 24 487   <- CONT003 in both, naming the other",
    explanation_sv: "\
Vad den hittar:
  En kontaktperson (namn jämförda utan hänsyn till versaler och diakritiska
  tecken) som anger ett annat telefonnummer eller en annan e-postadress i
  en annan inlämning. Nummer jämförs siffra för siffra (08-508 24 478 och
  08 50824478 är samma); adresser utan hänsyn till versaler. Anmärkningen
  står i varje berörd fil och nämner de andra filerna. Versioner av samma
  inlämning jämförs inte med varandra: en uppgift som ändrats mellan dem
  är CONT005.

Varför det är viktigt:
  Högst ett av de två stämmer. Stadsledningskontoret använder det som
  det hittar först.

Exempel:
  a.txt: Tina Åkeson, 08-508 24 478
  b.txt: Tina Åkeson, 08-508 24 487   <- CONT003 i båda, med den andra nämnd",
    messages: MESSAGES,
    file: None,
    corpus: Some(check_corpus),
};

const MESSAGES: &[Text] = &[
    Text {
        key: "phone",
        en: "{name} has phone number \"{value}\" here but {others}",
        sv: "{name} har telefonnumret \"{value}\" här men {others}",
    },
    Text {
        key: "email",
        en: "{name} has e-mail address \"{value}\" here but {others}",
        sv: "{name} har e-postadressen \"{value}\" här men {others}",
    },
    Text {
        key: "other",
        en: "\"{value}\" in {path}",
        sv: "\"{value}\" i {path}",
    },
    Text {
        key: "more",
        en: "{n} more files",
        sv: "{n} filer till",
    },
];

/// A contact's phone or e-mail: the value as written and its comparison key.
type Keyed<'a> = (&'a Value, String);

struct Contact<'a> {
    f: &'a Summary,
    /// Its group of versions: a change within one is CONT005's.
    group: Option<usize>,
    phone: Option<Keyed<'a>>,
    email: Option<Keyed<'a>>,
}

fn check_corpus(c: &Corpus, out: &mut Vec<Finding>) {
    let all = c.files;
    let group_of = &c.duplicates().group_of;
    let mut people: BTreeMap<String, Vec<Contact>> = BTreeMap::new();
    for (i, f) in all.iter().enumerate() {
        let Some(name) = f.contact.as_ref().map(|c| &c.text) else {
            continue;
        };
        let key = fold_diacritics(name)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !key.chars().any(char::is_alphabetic) {
            continue;
        }
        let phone = f
            .phone
            .as_ref()
            .and_then(|v| Some((v, phone_digits(&v.text)?)));
        let email = f
            .email
            .as_ref()
            .filter(|v| v.text.contains('@'))
            .map(|v| (v, v.text.to_lowercase()));
        people.entry(key).or_default().push(Contact {
            f,
            group: group_of[i],
            phone,
            email,
        });
    }
    for contacts in people.values().filter(|v| v.len() > 1) {
        report(contacts, "phone", |k| k.phone.as_ref(), out);
        report(contacts, "email", |k| k.email.as_ref(), out);
    }
}

/// Other files named in a message, and listed as related places: a name
/// shared by hundreds of files must not make findings of megabytes.
const NAMED: usize = 3;
const RELATED: usize = 10;

fn report<'a>(
    contacts: &'a [Contact<'a>],
    what: &'static str,
    get: impl Fn(&'a Contact<'a>) -> Option<&'a Keyed<'a>>,
    out: &mut Vec<Finding>,
) {
    for k in contacts {
        let Some((mine, key)) = get(k) else { continue };
        let others: Vec<(&Summary, &Value)> = contacts
            .iter()
            .filter(|o| k.group.is_none() || o.group != k.group)
            .filter_map(|o| get(o).filter(|(_, ok)| ok != key).map(|(v, _)| (o.f, *v)))
            .collect();
        if others.is_empty() {
            continue;
        }
        let name = k.f.contact.as_ref().map_or("", |c| c.text.as_str());
        let mut list: Vec<Message> = others
            .iter()
            .take(NAMED)
            .map(|(o, v)| {
                Message::new("other")
                    .text("value", &v.text)
                    .path("path", &o.path)
            })
            .collect();
        if others.len() > NAMED {
            list.push(Message::new("more").count("n", others.len() - NAMED));
        }
        let msg = Message::new(what)
            .text("name", name)
            .text("value", &mine.text)
            .list("others", list);
        let mut f = RULE.finding(&k.f.path, mine.pos, msg);
        f.related = others
            .iter()
            .take(RELATED)
            .map(|(o, v)| Location {
                path: o.path.clone(),
                line: v.pos.line,
                column: v.pos.column,
            })
            .collect();
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{complete, run_corpus, summaries};

    fn run(variants: &[(&str, &str)]) -> Vec<Finding> {
        let files: Vec<(&str, String)> = variants
            .iter()
            .zip(["a.txt", "b.txt", "c.txt"])
            .map(|((phone, mail), path)| {
                // Different answers: not versions of one submission.
                let src = complete()
                    .replace("08-508 18 000", phone)
                    .replace("anna.berg@stockholm.se", mail)
                    .replace("lokala", path);
                (path, src)
            })
            .collect();
        run_corpus(&summaries(&files), &RULE)
    }

    #[test]
    fn other_phone_in_another_file_is_reported_in_both() {
        let f = run(&[
            ("08-508 18 000", "anna.berg@stockholm.se"),
            ("08-508 18 001", "Anna.Berg@stockholm.se"),
        ]);
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].path, std::path::Path::new("a.txt"));
        assert_eq!(
            f[0].message,
            "Anna Berg has phone number \"08-508 18 000\" here but \"08-508 18 001\" in b.txt"
        );
        assert_eq!(
            f[0].related,
            vec![Location {
                path: "b.txt".into(),
                line: 6,
                column: 1
            }]
        );
        assert_eq!(f[1].path, std::path::Path::new("b.txt"));
    }

    #[test]
    fn many_other_files_are_summed_up() {
        let paths: Vec<String> = (0..6).map(|i| format!("{i}.txt")).collect();
        let files: Vec<(&str, String)> = paths
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let src = complete()
                    .replace("08-508 18 000", &format!("08-508 18 00{i}"))
                    .replace("lokala", p);
                (p.as_str(), src)
            })
            .collect();
        let out = run_corpus(&summaries(&files), &RULE);
        assert_eq!(out.len(), 6);
        assert!(
            out[0]
                .message
                .ends_with("\"08-508 18 003\" in 3.txt, 2 more files"),
            "{}",
            out[0].message
        );
        assert_eq!(out[0].related.len(), 5);
    }

    #[test]
    fn same_number_written_differently_is_the_same() {
        let f = run(&[
            ("08-508 18 000", "anna.berg@stockholm.se"),
            ("+46 8 508 180 00", "anna.berg@stockholm.se"),
        ]);
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn versions_of_one_submission_are_not_compared() {
        let files: Vec<(&str, String)> = ["a.txt", "b.txt"]
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let phone = format!("08-508 18 00{i}");
                (*p, complete().replace("08-508 18 000", &phone))
            })
            .collect();
        assert!(run_corpus(&summaries(&files), &RULE).is_empty());
    }

    #[test]
    fn other_address_is_reported() {
        let f = run(&[
            ("08-508 18 000", "anna.berg@stockholm.se"),
            ("08-508 18 000", "anna.berg@farsta.se"),
        ]);
        assert_eq!(f.len(), 2);
        assert!(f[0].message.contains("e-mail address"));
    }
}
