//! CONT001: the contact name and the e-mail address spell the name differently.

use super::{FileContext, Finding, Message, Rule, Severity, Text};
use crate::form::Role;
use crate::normalize::fold_diacritics;

pub static RULE: Rule = Rule {
    code: "CONT001",
    name: "name-email-mismatch",
    severity: Severity::Warning,
    summary: "The contact name and the e-mail's local part disagree",
    summary_sv: "Kontaktpersonens namn och e-postadressen stavar namnet olika",
    explanation: "\
What it finds:
  A contact person whose name, with diacritics and case folded (å, ä → a,
  ö → o, é → e), is spelled differently in the e-mail address: \"David
  Jonson\" with david.jonsson@…, \"Tina Åkeson\" with tina.akesson@…. Usual
  address forms (first.last, f.last, firstlast, first) agree; \"Helena
  Näslund\" with helena.naslund@ agrees. An address that names another
  person entirely (\"Omar Hassan\" with kajsa.parke@…, often copied with
  another sender's text) is reported too, and so is the contact's surname
  with another first name (\"Tom Reed\" with tina.reed@…). A shared
  mailbox (registrator@…, naringsliv.farsta@…) is not.

Why it matters:
  One of the two is misspelled. If it is the address, follow-up questions
  bounce; if it is the name, the compiled report credits the wrong person.

Example:
  Kontaktperson för eventuella frågor
  David Jonson
  E-post david.jonsson@stockholm.se   <- CONT001: jonson vs jonsson",
    explanation_sv: "\
Vad den hittar:
  En kontaktperson vars namn, med diakritiska tecken och versaler utjämnade
  (å, ä → a, ö → o, é → e), stavas på ett annat sätt i e-postadressen:
  \"David Jonson\" med david.jonsson@…, \"Tina Åkeson\" med tina.akesson@….
  Vanliga adressformer (fornamn.efternamn, f.efternamn, fornamnefternamn,
  fornamn) stämmer; \"Helena Näslund\" med helena.naslund@ stämmer. En
  adress som är en helt annan persons (\"Omar Hassan\" med kajsa.parke@…,
  ofta kopierad med en annan avsändares text) rapporteras också, liksom
  kontaktpersonens efternamn med ett annat förnamn (\"Tom Reed\" med
  tina.reed@…). En gemensam brevlåda (registrator@…, naringsliv.farsta@…) gör det inte.

Varför det är viktigt:
  Den ena av de två är felstavad. Är det adressen studsar frågor tillbaka;
  är det namnet tillskriver sammanställningen fel person.

Exempel:
  Kontaktperson för eventuella frågor
  David Jonson
  E-post david.jonsson@stockholm.se   <- CONT001: jonson/jonsson",
    messages: MESSAGES,
    file: Some(check),
    corpus: None,
};

const MESSAGES: &[Text] = &[
    Text {
        key: "main",
        en: "contact \"{name}\" and e-mail \"{address}\" spell the name differently: {ours} vs {theirs}",
        sv: "kontaktpersonen \"{name}\" och e-postadressen \"{address}\": namnet stavas olika ({ours}/{theirs})",
    },
    Text {
        key: "other",
        en: "e-mail \"{address}\" names someone other than the contact \"{name}\": copied from another submission?",
        sv: "e-postadressen \"{address}\" tillhör någon annan än kontaktpersonen \"{name}\": kopierad från en annan inlämning?",
    },
];

/// Words of shared mailboxes' addresses: no person's name.
const MAILBOX_WORDS: &[&str] = &[
    "registrator",
    "registratur",
    "info",
    "kansli",
    "kansliet",
    "kontakt",
    "kontaktcenter",
    "naringsliv",
    "forvaltning",
    "stadsdelsforvaltning",
    "sdf",
    "sdn",
    "namnd",
    "bolag",
    "ekonomi",
    "kommunikation",
    "press",
    "service",
    "support",
    "admin",
    "office",
    "post",
    "mail",
    "noreply",
    "no",
    "reply",
    "kundtjanst",
    "reception",
    "hr",
    "it",
    "stab",
];

/// Extracts the address from an e-mail field: the word holding `@`.
pub fn address(value: &str) -> Option<&str> {
    value.split_whitespace().find(|w| w.contains('@')).map(|w| {
        w.trim_matches(|c: char| matches!(c, '<' | '>' | '(' | ')' | ',' | ';' | '"' | '\''))
    })
}

fn letters(s: &str) -> String {
    s.chars().filter(|c| c.is_alphabetic()).collect()
}

/// The local parts a person's name usually gives, without separators.
fn usual_forms(name: &[String]) -> Vec<String> {
    let first = &name[0];
    let last = &name[name.len() - 1];
    let initial = |s: &str| s.chars().next().map(String::from).unwrap_or_default();
    let mut forms = vec![
        name.concat(),
        format!("{first}{last}"),
        format!("{}{last}", initial(first)),
        format!("{first}{}", initial(last)),
        first.clone(),
        last.clone(),
    ];
    forms.sort();
    forms.dedup();
    forms
}

/// Compares a contact name with an address's local part: `None` when they
/// agree or are plainly unrelated, else the two differing spellings.
pub fn mismatch(name: &str, local: &str) -> Option<(String, String)> {
    let name: Vec<String> = fold_diacritics(name)
        .split_whitespace()
        .map(letters)
        .filter(|t| !t.is_empty())
        .collect();
    let local_tokens: Vec<String> = fold_diacritics(local)
        .split(['.', '_', '-', '+'])
        .map(letters)
        .filter(|t| !t.is_empty())
        .collect();
    if name.is_empty() || local_tokens.is_empty() {
        return None;
    }
    let joined = local_tokens.concat();
    let forms = usual_forms(&name);
    if forms.contains(&joined) {
        return None;
    }
    // Token by token: every token of the address is a name token or an initial.
    let agrees = |t: &String| {
        name.iter()
            .any(|n| n == t || (t.len() == 1 && n.starts_with(t.as_str())))
    };
    if local_tokens.iter().all(agrees) {
        return None;
    }
    let best = forms
        .iter()
        .map(|f| strsim::normalized_levenshtein(f, &joined))
        .fold(0.0, f64::max);
    if best < 0.75 {
        return other_first_name(&name, &local_tokens);
    }
    // Name the differing pair: the address token least like its closest name token.
    let (theirs, ours) = local_tokens
        .iter()
        .filter(|t| !agrees(t))
        .map(|t| {
            let n = name
                .iter()
                .max_by(|a, b| {
                    strsim::normalized_levenshtein(a, t)
                        .total_cmp(&strsim::normalized_levenshtein(b, t))
                })
                .expect("name is not empty");
            (t.clone(), n.clone())
        })
        .next()
        .unwrap_or_else(|| (joined.clone(), name.concat()));
    Some((ours, theirs))
}

/// An address `first.last` with the contact's surname and another first
/// name ("Tom Reed", tina.reed@): the contact's first name and the
/// address's.
fn other_first_name(name: &[String], local: &[String]) -> Option<(String, String)> {
    let [first, last] = local else { return None };
    let ours = &name[0];
    let named = |t: &String| t.len() >= 2 && !MAILBOX_WORDS.contains(&t.as_str());
    (name.len() >= 2
        && last == &name[name.len() - 1]
        && named(first)
        && ours.len() >= 2
        && !name.contains(first))
    .then(|| (ours.clone(), first.clone()))
}

/// Whether an address's local part is plainly another person's: two or
/// three name-like parts (first.last), none of them the contact's name or
/// initial or close to one, and no word of a shared mailbox.
pub fn someone_else(name: &str, local: &str) -> bool {
    let name: Vec<String> = fold_diacritics(name)
        .split_whitespace()
        .map(letters)
        .filter(|t| !t.is_empty())
        .collect();
    let parts: Vec<String> = fold_diacritics(local)
        .split(['.', '_', '-'])
        .map(|t| t.to_string())
        .collect();
    let personal = (2..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| p.len() >= 2 && p.chars().all(char::is_alphabetic));
    if name.len() < 2 || !personal || parts.iter().any(|p| MAILBOX_WORDS.contains(&p.as_str())) {
        return false;
    }
    let near = |p: &String| {
        name.iter()
            .any(|n| n.starts_with(p.as_str()) || strsim::normalized_levenshtein(n, p) >= 0.6)
    };
    !parts.iter().any(near)
}

fn check(c: &FileContext, out: &mut Vec<Finding>) {
    let sub = c.sub;
    let (Some(name), Some(range)) = (
        sub.value(Role::Contact),
        sub.role(Role::Email).and_then(|e| e.value.clone()),
    ) else {
        return;
    };
    let value = &sub.doc.text[range.clone()];
    let Some(addr) = address(value) else { return };
    let Some((local, _)) = addr.split_once('@') else {
        return;
    };
    if let Some((ours, theirs)) = mismatch(name, local) {
        let at = value.find(addr).unwrap_or(0);
        let msg = Message::new("main")
            .text("name", name)
            .text("address", addr)
            .text("ours", ours)
            .text("theirs", theirs);
        out.push(RULE.finding(c.path, sub.doc.pos(range.start + at), msg));
    } else if someone_else(name, local) {
        let at = value.find(addr).unwrap_or(0);
        let msg = Message::new("other")
            .text("name", name)
            .text("address", addr);
        out.push(RULE.finding(c.path, sub.doc.pos(range.start + at), msg));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_names_agree_with_usual_address_forms() {
        for (name, local) in [
            ("Helena Näslund", "Helena.naslund"),
            ("Kajsa Pärke", "kajsa.parke"),
            ("Anna Berg", "a.berg"),
            ("Anna Berg", "annaberg"),
            ("Anna Maria Berg", "anna.maria.berg"),
            ("Zoé Öhrn", "zoe.ohrn"),
            ("Anna Berg", "registrator"),
            ("Anna Berg", "lars.svensson"),
        ] {
            assert_eq!(mismatch(name, local), None, "{name} / {local}");
        }
    }

    #[test]
    fn an_address_of_another_person_is_told_from_a_mailbox() {
        for (name, local) in [
            ("Omar Hassan", "kajsa.parke"),
            ("Anna Berg", "lars.svensson"),
            ("Zoé Öhrn", "per_olof.ek"),
        ] {
            assert!(someone_else(name, local), "{name} / {local}");
        }
        for (name, local) in [
            ("Anna Berg", "registrator"),
            ("Anna Berg", "naringsliv.farsta"),
            ("Anna Berg", "a.berg"),
            ("Anna Berg", "anna.bergh"),
            ("Anna Berg", "berg.anna"),
            ("Anna", "lars.svensson"),
            ("Anna Berg", "info2.sdf"),
        ] {
            assert!(!someone_else(name, local), "{name} / {local}");
        }
    }

    #[test]
    fn close_spellings_disagree() {
        assert_eq!(
            mismatch("David Jonson", "david.jonsson"),
            Some(("jonson".into(), "jonsson".into()))
        );
        assert_eq!(
            mismatch("Tina Åkeson", "Tina.akesson"),
            Some(("akeson".into(), "akesson".into()))
        );
        // Another first name with the contact's surname.
        assert_eq!(
            mismatch("Tom Reed", "tina.reed"),
            Some(("tom".into(), "tina".into()))
        );
        assert_eq!(
            mismatch("Anna Berg", "anna.bergh"),
            Some(("berg".into(), "bergh".into()))
        );
    }

    #[test]
    fn address_is_the_word_with_an_at_sign() {
        assert_eq!(
            address("mejl: <anna.berg@stockholm.se>"),
            Some("anna.berg@stockholm.se")
        );
        assert_eq!(address("saknas"), None);
    }
}
