//! Who sent a submission, as far as its header tells, and whether two files
//! come from one sender. Two files are versions of one submission only when
//! nothing says their senders differ; this module is where that is decided.
//!
//! The sender field (by role) decides. A field left at the form's generic
//! value ("Stadsdelsnämnderna") is no evidence either way, so the committee
//! the text names (CONT004's suggestion) stands in for it. Where neither
//! says who sent the file, the contact person, then the e-mail address,
//! then the header fields that name a title or project, break the tie.

use crate::normalize::fold_diacritics;

/// What a submission says of its sender, each part as a comparison key.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Sender {
    /// The sender field's words (or the committee the text names where the
    /// field holds the form's generic value), folded, the organisation's
    /// kind left out: "Skärholmens stadsdelsnämnd" → `["skarholmens"]`.
    pub name: Option<Vec<String>>,
    /// The contact person, folded.
    pub contact: Option<String>,
    /// The e-mail address, lower case.
    pub email: Option<String>,
    /// Header fields that name the submission itself (a project's or a
    /// group's title) when the form has no sender field, folded.
    pub titles: Vec<String>,
}

/// Words that say what kind of organisation a sender is, not which one.
const KINDS: &[&str] = &[
    "stadsdelsnamnd",
    "stadsdelsnamnden",
    "stadsdelsforvaltning",
    "stadsdelsforvaltningen",
    "sdn",
    "sdf",
    "namnd",
    "namnden",
    "forvaltning",
    "forvaltningen",
    "styrelse",
    "styrelsen",
    "bolag",
    "bolaget",
    "ab",
    "i",
    "stockholms",
    "stockholm",
    "stad",
    "kommun",
    "the",
    "of",
    "board",
    "committee",
    "council",
    "department",
];

/// The endings Swedish adds to a name: the genitive and the definite forms.
const ENDINGS: &[&str] = &["", "s", "n", "en", "ens", "ns", "et", "ets"];

/// Labels of header fields without a role that name the submission.
const TITLE_LABELS: &[&str] = &[
    "titel", "title", "projekt", "project", "grupp", "group", "team", "skola", "school",
];

/// A name's words as a comparison key: folded, split at anything but
/// letters and digits, the organisation's kind left out (unless nothing
/// else is left).
pub fn name_key(name: &str) -> Option<Vec<String>> {
    let words: Vec<String> = fold_diacritics(name)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    let own: Vec<String> = (words.iter())
        .filter(|w| !KINDS.contains(&w.as_str()))
        .cloned()
        .collect();
    match (own.is_empty(), words.is_empty()) {
        (_, true) => None,
        (true, false) => Some(words),
        (false, false) => Some(own),
    }
}

/// Whether two words are one name in different forms ("skarholmen",
/// "skarholmens"; "kulturnamnd", "kulturnamnden").
fn same_word(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long.strip_prefix(short)
        .is_some_and(|rest| ENDINGS.contains(&rest))
}

/// Whether two name keys name one sender: the same words, each maybe in
/// another form.
pub fn same_name(a: &[String], b: &[String]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_word(x, y))
}

/// Whether two contact names are one person: the same folded name, or one
/// spelled a letter or two differently ("Åkeson", "Åkesson").
fn same_person(a: &str, b: &str) -> bool {
    a == b || strsim::normalized_damerau_levenshtein(a, b) >= 0.85
}

/// What two files' headers say of their senders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The same sender.
    Same,
    /// Different senders: never versions of one submission.
    Different,
    /// Nothing tells: only similarity can.
    Unknown,
}

impl Sender {
    /// A sender from what a submission's header says: the sender's name
    /// (or the committee its text names, where the field is generic), the
    /// contact person, the e-mail address, and the header fields named like
    /// a title ([`Sender::is_title_field`]).
    pub fn new(
        name: Option<&str>,
        contact: Option<&str>,
        email: Option<&str>,
        titles: &[&str],
    ) -> Sender {
        let contact = contact
            .map(|c| {
                fold_diacritics(c)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter(|c| c.chars().any(char::is_alphabetic));
        Sender {
            name: name.and_then(name_key),
            contact,
            email: email.map(str::to_lowercase),
            titles: titles.iter().map(|t| fold_diacritics(t)).collect(),
        }
    }

    /// Whether a header field without a role names the submission itself
    /// (a project's or a group's title), by its name.
    pub fn is_title_field(name: &str) -> bool {
        let field = fold_diacritics(name);
        TITLE_LABELS.iter().any(|t| field.contains(t))
    }

    /// Whether the header says anything of who sent the file.
    pub fn is_known(&self) -> bool {
        self.name.is_some()
            || self.contact.is_some()
            || self.email.is_some()
            || !self.titles.is_empty()
    }

    /// What two headers say of their senders: the sender's name decides
    /// when both have one; else the contact person, the e-mail address and
    /// the title fields, the first that both have.
    pub fn compare(&self, other: &Sender) -> Verdict {
        let verdict = |same: bool| {
            if same {
                Verdict::Same
            } else {
                Verdict::Different
            }
        };
        if let (Some(a), Some(b)) = (&self.name, &other.name) {
            return verdict(same_name(a, b));
        }
        if let (Some(a), Some(b)) = (&self.contact, &other.contact) {
            return verdict(same_person(a, b));
        }
        if let (Some(a), Some(b)) = (&self.email, &other.email) {
            return verdict(a == b);
        }
        if !self.titles.is_empty() && self.titles.len() == other.titles.len() {
            let same = (self.titles.iter().zip(&other.titles)).all(|(a, b)| same_person(a, b));
            return verdict(same);
        }
        Verdict::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(n: &str) -> Sender {
        Sender {
            name: name_key(n),
            ..Sender::default()
        }
    }

    #[test]
    fn short_genitive_and_definite_forms_name_one_sender() {
        let same = [
            ("Skärholmen", "Skärholmens stadsdelsnämnd"),
            ("Hägersten-Älvsjö", "Hägersten-Älvsjös stadsdelsnämnd"),
            ("Kulturnämnden", "kulturnämnd"),
            (
                "Stockholm Vatten och Avfall AB",
                "Stockholm Vatten och Avfall",
            ),
            ("Rinkeby-Kista stadsdelsförvaltning", "Rinkeby-Kista"),
            ("skärholmens sdn", "Skärholmen"),
        ];
        for (a, b) in same {
            assert_eq!(named(a).compare(&named(b)), Verdict::Same, "{a} / {b}");
        }
        let different = [
            ("Skärholmen", "Farsta"),
            (
                "Hägersten-Älvsjö stadsdelsnämnd",
                "Rinkeby-Kista stadsdelsnämnd",
            ),
            ("Kulturnämnden", "Idrottsnämnden"),
            ("Norrmalm", "Södermalm"),
        ];
        for (a, b) in different {
            assert_eq!(named(a).compare(&named(b)), Verdict::Different, "{a} / {b}");
        }
    }

    #[test]
    fn the_name_decides_before_the_contact() {
        let a = Sender {
            contact: Some("anna berg".into()),
            ..named("Farsta")
        };
        let b = Sender {
            contact: Some("omar hassan".into()),
            ..named("Farstas stadsdelsnämnd")
        };
        assert_eq!(a.compare(&b), Verdict::Same);
        // Without a name on one side, the contact tells.
        let c = Sender {
            name: None,
            ..b.clone()
        };
        assert_eq!(a.compare(&c), Verdict::Different);
        let d = Sender {
            name: None,
            contact: Some("ana berg".into()),
            ..Sender::default()
        };
        assert_eq!(a.compare(&d), Verdict::Same);
    }

    #[test]
    fn nothing_known_tells_nothing() {
        let blank = Sender::default();
        assert!(!blank.is_known());
        assert_eq!(blank.compare(&named("Farsta")), Verdict::Unknown);
        let titled = |t: &str| Sender {
            titles: vec![t.into()],
            ..Sender::default()
        };
        assert_eq!(
            titled("smart parking app").compare(&titled("library booking system")),
            Verdict::Different
        );
        assert_eq!(titled("x").compare(&blank), Verdict::Unknown);
    }
}
