//! CONT003: one contact person with different phone numbers or e-mail
//! addresses in different submissions.

use std::collections::BTreeMap;
use std::ops::Range;

use super::{cont001::address, cont002::phone_digits, Checked, Finding, Location, Rule, Severity};
use crate::form::Field;
use crate::normalize::fold_diacritics;

pub const RULE: Rule = Rule {
    code: "CONT003",
    name: "inconsistent-contact",
    severity: Severity::Warning,
    summary: "The same contact person has another phone or e-mail in another submission",
    explanation: "\
What it finds:
  A contact person (names compared with case and diacritics folded) who gives
  a different phone number or e-mail address in another submission.
  Numbers are compared by their digits (08-508 24 478 and 08 50824478 are
  the same); addresses case-insensitively. The finding is reported in each
  file involved and names the other files.

Why it matters:
  At most one of the two is right. The central office will use whichever it
  finds first.

Example:
  a.txt: Tina Åkeson, 08-508 24 478
  b.txt: Tina Åkeson, 08-508 24 487   <- CONT003 in both, naming the other",
};

struct Contact<'a> {
    c: &'a Checked<'a>,
    phone: Option<(String, Range<usize>)>,
    email: Option<(String, Range<usize>)>,
}

pub fn check_corpus(all: &[Checked], out: &mut Vec<Finding>) {
    let mut people: BTreeMap<String, Vec<Contact>> = BTreeMap::new();
    for c in all {
        let Some(name) = c.sub.value(Field::Kontaktperson) else {
            continue;
        };
        let key = fold_diacritics(name)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !key.chars().any(char::is_alphabetic) {
            continue;
        }
        let field = |f: Field, norm: &dyn Fn(&str) -> Option<String>| {
            let range = c.sub.field(f).value.clone()?;
            Some((norm(&c.sub.doc.text[range.clone()])?, range))
        };
        let phone = field(Field::Telefon, &|v| phone_digits(v));
        let email = field(Field::Epost, &|v| address(v).map(str::to_lowercase));
        people
            .entry(key)
            .or_default()
            .push(Contact { c, phone, email });
    }
    for contacts in people.values().filter(|v| v.len() > 1) {
        report(contacts, "phone number", |k| k.phone.as_ref(), out);
        report(contacts, "e-mail address", |k| k.email.as_ref(), out);
    }
}

fn report<'a>(
    contacts: &'a [Contact<'a>],
    what: &str,
    get: impl Fn(&'a Contact<'a>) -> Option<&'a (String, Range<usize>)>,
    out: &mut Vec<Finding>,
) {
    for k in contacts {
        let Some((mine, at)) = get(k) else { continue };
        let others: Vec<(&Contact, &Range<usize>)> = contacts
            .iter()
            .filter_map(|o| get(o).filter(|(v, _)| v != mine).map(|(_, at)| (o, at)))
            .collect();
        if others.is_empty() {
            continue;
        }
        let name = k.c.sub.value(Field::Kontaktperson).unwrap_or_default();
        let shown = |c: &Checked, at: &Range<usize>| c.sub.doc.text[at.clone()].to_string();
        let list: Vec<String> = others
            .iter()
            .map(|(o, at)| format!("\"{}\" in {}", shown(o.c, at), o.c.path))
            .collect();
        let msg = format!(
            "{name} has {what} \"{}\" here but {}",
            shown(k.c, at),
            list.join(", ")
        );
        let mut f = Finding::new(&RULE, k.c.path, k.c.sub.doc.pos(at.start), msg);
        f.related = others
            .iter()
            .map(|(o, at)| {
                let p = o.c.sub.doc.pos(at.start);
                Location {
                    path: o.c.path.to_string(),
                    line: p.line,
                    column: p.column,
                }
            })
            .collect();
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::Submission;
    use crate::rules::testing::{complete, parse};

    fn run(variants: &[(&str, &str)]) -> Vec<Finding> {
        let subs: Vec<Submission> = variants
            .iter()
            .map(|(phone, mail)| {
                parse(
                    &complete()
                        .replace("08-508 18 000", phone)
                        .replace("anna.berg@stockholm.se", mail),
                )
            })
            .collect();
        let paths = ["a.txt", "b.txt", "c.txt"];
        let all: Vec<Checked> = subs
            .iter()
            .zip(paths)
            .map(|(sub, path)| Checked { path, sub })
            .collect();
        let mut out = Vec::new();
        check_corpus(&all, &mut out);
        out
    }

    #[test]
    fn other_phone_in_another_file_is_reported_in_both() {
        let f = run(&[
            ("08-508 18 000", "anna.berg@stockholm.se"),
            ("08-508 18 001", "Anna.Berg@stockholm.se"),
        ]);
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].path, "a.txt");
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
        assert_eq!(f[1].path, "b.txt");
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
    fn other_address_is_reported() {
        let f = run(&[
            ("08-508 18 000", "anna.berg@stockholm.se"),
            ("08-508 18 000", "anna.berg@farsta.se"),
        ]);
        assert_eq!(f.len(), 2);
        assert!(f[0].message.contains("e-mail address"));
    }
}
