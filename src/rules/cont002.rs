//! CONT002: a malformed e-mail address or phone number, or an e-mail domain
//! unlike the one the rest of the corpus uses.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::{
    cont001::address, Corpus, FileContext, Finding, Message, Rule, Severity, Summary, Text,
};
use crate::form::{Form, Role};
use crate::normalize::Pos;

pub static RULE: Rule = Rule {
    code: "CONT002",
    name: "malformed-contact",
    severity: Severity::Warning,
    summary: "A malformed e-mail or phone number, or an odd e-mail domain",
    summary_sv: "Felaktig e-postadress eller telefonnummer, eller avvikande e-postdomän",
    explanation: "\
What it finds:
  An E-post value that is not an e-mail address, a Telefon value that is not
  a phone number that exists (validated with libphonenumber's metadata:
  Swedish by default, another country's with its +code; spaces, hyphens
  and brackets allowed: 08-508 24 478, +46 8 508 24 478; 070-123 45 6 is a
  digit short for a mobile number; a British number, +44 or eleven digits
  from 0, may be of a range Ofcom keeps for drama, 07700 900 421), and an
  e-mail domain that differs from the domain most submissions use (at least three submissions and more than
  half of them). A domain within two letters of the usual one (stockhlom.se
  among stockholm.se) is a warning, another domain (a company board's own)
  is info.

Why it matters:
  A contact that cannot be reached is no contact. Misspelled domains bounce.

Example:
  E-post anna.berg@stockhlom.se       <- CONT002: stockhlom.se, not stockholm.se",
    explanation_sv: "\
Vad den hittar:
  Ett E-post-värde som inte är en e-postadress, ett Telefon-värde som inte
  är ett telefonnummer som finns (kontrollerat mot libphonenumbers data:
  svenskt som standard, ett annat lands med dess +kod; mellanslag,
  bindestreck och parenteser får stå: 08-508 24 478, +46 8 508 24 478;
  070-123 45 6 saknar en siffra för ett mobilnummer; ett brittiskt nummer,
  +44 eller elva siffror från 0, får höra till en serie Ofcom håller för
  fiktion, 07700 900 421), och en e-postdomän
  som skiljer sig från den domän de flesta inlämningar använder (minst tre
  inlämningar och mer än hälften av dem). En domän högst två bokstäver
  från den vanliga (stockhlom.se bland stockholm.se) är en varning, en
  annan domän (ett bolags egen) är info.

Varför det är viktigt:
  En kontakt som inte går att nå är ingen kontakt. Felstavade domäner
  studsar.

Exempel:
  E-post anna.berg@stockhlom.se       <- CONT002: stockhlom.se, inte stockholm.se",
    messages: MESSAGES,
    file: Some(check),
    corpus: Some(check_corpus),
};

const MESSAGES: &[Text] = &[
    Text {
        key: "email",
        en: "{field} \"{value}\" is not an e-mail address",
        sv: "{field} \"{value}\" är ingen e-postadress",
    },
    Text {
        key: "phone",
        en: "{field} \"{value}\" is not a valid phone number",
        sv: "{field} \"{value}\" är inget giltigt telefonnummer",
    },
    Text {
        key: "usual",
        en: "e-mail domain {domain} differs from {usual}, used by {n} of {total} submissions",
        sv: "e-postdomänen {domain} skiljer sig från {usual}, som {n} av {total} inlämningar använder",
    },
    Text {
        key: "usual_typo",
        en: "e-mail domain {domain} differs from {usual}, used by {n} of {total} submissions (misspelled?)",
        sv: "e-postdomänen {domain} skiljer sig från {usual}, som {n} av {total} inlämningar använder (felstavad?)",
    },
    Text {
        key: "configured",
        en: "e-mail domain {domain} differs from {usual}, the configured e-mail domain",
        sv: "e-postdomänen {domain} skiljer sig från {usual}, den angivna e-postdomänen",
    },
    Text {
        key: "configured_typo",
        en: "e-mail domain {domain} differs from {usual}, the configured e-mail domain (misspelled?)",
        sv: "e-postdomänen {domain} skiljer sig från {usual}, den angivna e-postdomänen (felstavad?)",
    },
];

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\p{L}\p{N}._%+'\-]+@[\p{L}\p{N}\-]+(\.[\p{L}\p{N}\-]+)*\.\p{L}{2,}$").unwrap()
});

/// Whether `s` is one e-mail address and nothing else.
pub fn is_email(s: &str) -> bool {
    EMAIL.is_match(s.trim())
}

/// Whether `s` is a phone number that exists, by libphonenumber's
/// metadata: Swedish from its trunk 0 (or, at eleven digits, British)
/// unless it starts with a country's `+code` (or `00code`); only digits and
/// the usual separators.
pub fn is_valid_phone(s: &str) -> bool {
    let s = s.trim();
    let plain = (s.chars())
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '+' | '(' | ')' | '/' | '.'));
    if !plain || s.chars().skip(1).any(|c| c == '+') {
        return false;
    }
    // A number within Sweden is written from its trunk 0.
    let international = match s.strip_prefix("00") {
        Some(rest) => format!("+{rest}"),
        None if s.starts_with('+') || s.starts_with("(0") || s.starts_with('0') => s.to_string(),
        None => return false,
    };
    let valid_in = |region| {
        phonenumber::parse(Some(region), &international).is_ok_and(|n| phonenumber::is_valid(&n))
    };
    // Eleven digits from a trunk 0 are no Swedish length: a British
    // number written as in Britain ("020 7946 0958").
    let digits: String = international.chars().filter(char::is_ascii_digit).collect();
    let british =
        (international.starts_with('0') && digits.len() == 11) || international.starts_with("+44");
    valid_in(phonenumber::country::Id::SE)
        || (british && (valid_in(phonenumber::country::Id::GB) || british_shape(&digits)))
}

/// Whether the digits of a British number (from its trunk 0 or its 44)
/// have the shape of one Britain dials: ten national digits opening with
/// 1, 2, 3, 7 or 8. Ofcom keeps ranges of that shape for drama and
/// examples (01632 960 xxx, 07700 900 xxx) that no operator holds; forms
/// filled in for practice or training use them, and they are numbers.
fn british_shape(digits: &str) -> bool {
    let national = digits
        .strip_prefix("44")
        .map(|n| n.strip_prefix('0').unwrap_or(n))
        .or_else(|| digits.strip_prefix('0'))
        .unwrap_or("");
    national.len() == 10 && national.starts_with(['1', '2', '3', '7', '8'])
}

/// The digits of a Swedish phone number in national form (leading 0), if
/// `s` looks like one: the key numbers are compared by.
pub fn phone_digits(s: &str) -> Option<String> {
    let s = s.trim();
    if !s
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '+' | '(' | ')' | '/' | '.'))
    {
        return None;
    }
    if s.chars().skip(1).any(|c| c == '+') {
        return None;
    }
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    let national = if s.starts_with('+') {
        format!("0{}", digits.strip_prefix("46")?)
    } else if s.starts_with("0046") {
        format!("0{}", &digits[4..])
    } else {
        digits
    };
    (national.starts_with('0') && (8..=10).contains(&national.len())).then_some(national)
}

/// Values that are the form's placeholder are left to MISS001.
fn is_placeholder(value: &str, form: &Form) -> bool {
    form.is_placeholder(value)
}

fn check(c: &FileContext, out: &mut Vec<Finding>) {
    let (sub, form) = (c.sub, c.form);
    if let Some((field, range)) = sub.filled(Role::Email) {
        let value = &sub.doc.text[range.clone()];
        let valid = address(value).is_some_and(|a| EMAIL.is_match(a));
        if !valid && !is_placeholder(value, form) {
            let msg = Message::new("email")
                .text("field", &*field.name)
                .text("value", value);
            out.push(RULE.finding(c.path, sub.doc.pos(range.start), msg));
        }
    }
    if let Some((field, range)) = sub.filled(Role::Phone) {
        let value = &sub.doc.text[range.clone()];
        let numbers: Vec<&str> = value
            .split([',', ';'])
            .flat_map(|p| p.split(" eller "))
            .collect();
        let bad = numbers.iter().find(|n| !is_valid_phone(n));
        if let Some(bad) = bad.filter(|_| !is_placeholder(value, form)) {
            let msg = Message::new("phone")
                .text("field", &*field.name)
                .text("value", bad.trim());
            out.push(RULE.finding(c.path, sub.doc.pos(range.start), msg));
        }
    }
}

/// The domain of a submission's e-mail address, lower-cased, if valid.
fn domain(f: &Summary) -> Option<(String, Pos)> {
    let e = f.email.as_ref().filter(|e| EMAIL.is_match(&e.text))?;
    let (_, dom) = e.text.rsplit_once('@')?;
    Some((dom.to_lowercase(), e.pos))
}

fn check_corpus(c: &Corpus, out: &mut Vec<Finding>) {
    domains(c.files, c.options.email_domain.as_deref(), out);
}

fn domains(all: &[Summary], expected: Option<&str>, out: &mut Vec<Finding>) {
    let domains: Vec<Option<(String, Pos)>> = all.iter().map(domain).collect();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (d, _) in domains.iter().flatten() {
        *counts.entry(d).or_default() += 1;
    }
    let total: usize = counts.values().sum();
    let (usual, why) = match expected {
        Some(e) => (e.to_lowercase(), None),
        None => {
            // Most used; on a tie, the first in name order (BTreeMap order).
            let Some((usual, n)) =
                counts
                    .iter()
                    .fold(None, |best: Option<(&str, usize)>, (d, &n)| match best {
                        Some((_, bn)) if bn >= n => best,
                        _ => Some((d, n)),
                    })
            else {
                return;
            };
            if n < 3 || n * 2 <= total {
                return;
            }
            (usual.to_string(), Some((n, total)))
        }
    };
    for (c, d) in all.iter().zip(&domains) {
        let Some((dom, at)) = d else { continue };
        if *dom == usual {
            continue;
        }
        let close = strsim::levenshtein(dom, &usual) <= 2;
        let sev = if close {
            Severity::Warning
        } else {
            Severity::Info
        };
        let key = match (why, close) {
            (None, false) => "configured",
            (None, true) => "configured_typo",
            (Some(_), false) => "usual",
            (Some(_), true) => "usual_typo",
        };
        let mut msg = Message::new(key).text("domain", dom).text("usual", &usual);
        if let Some((n, total)) = why {
            msg = msg.count("n", n).count("total", total);
        }
        out.push(RULE.finding(&c.path, *at, msg).severity(sev));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{complete, run, summaries};

    #[test]
    fn numbers_that_exist_by_libphonenumber() {
        for ok in [
            "08-508 24 478",
            "08-508 100 51",
            "070-123 45 67",
            "+46 8 508 24 478",
            "(08) 508 21 083",
            "0046 70 1234567",
            "+44 20 7946 0958",
            "020 7946 0958",
            "0161 496 0123",
            // Ofcom's ranges for drama: numbers in form, held by no one.
            "01632 960 123",
            "07700 900 421",
            "+44 7700 900421",
        ] {
            assert!(is_valid_phone(ok), "{ok}");
        }
        for bad in [
            "070-123 45 6",
            "08-508",
            "ring växeln",
            "123 45 678",
            "08-508 24 478 9999",
            "+46 70 123",
            "+44 7700 90042",
            "+44 5700 900421",
        ] {
            assert!(!is_valid_phone(bad), "{bad}");
        }
    }

    #[test]
    fn swedish_phone_numbers() {
        for ok in [
            "08-508 24 478",
            "08-508 100 51",
            "070-123 45 67",
            "+46 8 508 24 478",
            "(08) 508 21 083",
            "0046 70 1234567",
        ] {
            assert!(phone_digits(ok).is_some(), "{ok}");
        }
        assert_eq!(
            phone_digits("+46 8 508 24 478").as_deref(),
            Some("0850824478")
        );
        for bad in [
            "08-508",
            "ring växeln",
            "123 45 678",
            "08-508 24 478 9999",
            "+1 555 0100 22",
        ] {
            assert!(phone_digits(bad).is_none(), "{bad}");
        }
    }

    fn run_file(src: &str) -> Vec<Finding> {
        run(src, &RULE)
    }

    #[test]
    fn malformed_values_are_reported_and_placeholders_left_alone() {
        let f = run_file(&complete().replace("anna.berg@stockholm.se", "anna.berg stockholm.se"));
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("is not an e-mail address"));
        let f = run_file(&complete().replace("08-508 18 000", "08-508"));
        assert_eq!(
            f[0].message,
            "Telefon \"08-508\" is not a valid phone number"
        );
        assert!(
            run_file(&complete().replace("08-508 18 000", "Klicka här för att ange text."))
                .is_empty()
        );
        assert!(run_file(&complete()).is_empty());
    }

    #[test]
    fn fingerprints_do_not_move_when_submissions_are_added() {
        let files: Vec<(String, String)> = ["stockholm.se"; 5]
            .iter()
            .chain(&["stockhlom.se"])
            .enumerate()
            .map(|(i, d)| (format!("{i}.txt"), complete().replace("stockholm.se", d)))
            .collect();
        let files: Vec<(&str, String)> =
            files.iter().map(|(p, s)| (p.as_str(), s.clone())).collect();
        let all = summaries(&files);
        let odd = |all: &[Summary]| {
            let mut out = Vec::new();
            domains(all, None, &mut out);
            assert_eq!(out.len(), 1);
            out.remove(0)
        };
        // "used by 4 of 5" and "used by 5 of 6": one finding, one fingerprint.
        let (before, after) = (odd(&all[1..]), odd(&all));
        assert_ne!(before.message, after.message);
        assert_eq!(before.fingerprint(), after.fingerprint());
    }

    #[test]
    fn odd_domain_among_the_usual_one() {
        let all = summaries(
            &[
                "stockholm.se",
                "stockholm.se",
                "stockhlom.se",
                "stockholm.se",
                "bolaget.se",
            ]
            .iter()
            .zip(["a", "b", "c", "d", "e"])
            .map(|(d, path)| (path, complete().replace("stockholm.se", d)))
            .collect::<Vec<_>>(),
        );
        let mut out = Vec::new();
        domains(&all, None, &mut out);
        let got: Vec<(&str, Severity)> = out
            .iter()
            .map(|f| (f.path.to_str().unwrap(), f.severity))
            .collect();
        assert_eq!(got, vec![("c", Severity::Warning), ("e", Severity::Info)]);
        assert!(out[0]
            .message
            .starts_with("e-mail domain stockhlom.se differs from stockholm.se, used by 3 of 5"));
        // Two of four is no majority: nothing to compare against.
        let mut out = Vec::new();
        domains(&all[1..], None, &mut out);
        assert!(out.is_empty());
        // A configured domain needs no majority.
        let mut out = Vec::new();
        domains(&all[1..], Some("Stockholm.se"), &mut out);
        let got: Vec<&str> = out.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            got,
            [
                "e-mail domain stockhlom.se differs from stockholm.se, the configured e-mail domain (misspelled?)",
                "e-mail domain bolaget.se differs from stockholm.se, the configured e-mail domain"
            ]
        );
    }
}
