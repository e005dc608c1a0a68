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
    /// field holds the form's generic value), folded and sorted, the
    /// organisation's kind left out: "Skärholmens stadsdelsnämnd" →
    /// `["skarholmens"]`, "Kulturnämnden" → `["kultur"]`.
    pub name: Option<Vec<String>>,
    /// The name is only what the text names most (the field was generic):
    /// contact details that all differ outweigh it.
    pub suggested: bool,
    /// The contact person, folded.
    pub contact: Option<String>,
    /// The e-mail address, lower case.
    pub email: Option<String>,
    /// Header fields that name the submission itself (a project's or a
    /// group's title) when the form has no sender field, folded.
    pub titles: Vec<String>,
    /// Every e-mail address the text holds, lower case, sorted: when no
    /// header tells, two files whose addresses are all different come from
    /// different senders (a model text each sender filled in, say).
    #[serde(default)]
    pub addresses: Vec<String>,
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
    "kontor",
    "kontoret",
    "styrelse",
    "styrelsen",
    "bolag",
    "bolaget",
    "ab",
    "i",
    "for",
    "stockholms",
    "stockholm",
    "stad",
    "kommun",
    "the",
    "of",
    "board",
    "borough",
    "committee",
    "council",
    "department",
    "ltd",
    "limited",
    "inc",
    "plc",
    "llc",
    "cic",
];

/// What a compound ends with when it names the committee, administration
/// or office of an area ("kulturnämnden", "trafikkontoret"): the area is
/// what tells one sender from another.
const KIND_SUFFIXES: &[&str] = &[
    "forvaltningen",
    "forvaltning",
    "namnden",
    "namnd",
    "kontoret",
    "kontor",
    "styrelsen",
    "styrelse",
];

/// The endings Swedish adds to a name: the genitive, the definite and
/// plural forms.
const ENDINGS: &[&str] = &[
    "", "s", "n", "en", "ens", "ns", "et", "ets", "t", "ts", "ar", "arna",
];

/// Labels of header fields without a role that name the submission.
const TITLE_LABELS: &[&str] = &[
    "titel", "title", "projekt", "project", "grupp", "group", "team", "skola", "school",
];

/// A compound word without the kind it ends with ("kulturnamnden" →
/// "kultur", "exploateringskontoret" → "exploatering"), when something is
/// left.
fn area(word: &str) -> &str {
    for k in KIND_SUFFIXES {
        if let Some(stem) = word.strip_suffix(k).filter(|s| s.len() >= 3) {
            return stem
                .strip_suffix('s')
                .filter(|s| s.len() >= 3)
                .unwrap_or(stem);
        }
    }
    word
}

/// A name's words as a comparison key: folded, split at anything but
/// letters and digits, what stands in brackets or after a comma left out,
/// each compound without its kind, the organisation's kind left out
/// (unless nothing else is left), one of each, sorted (word order says
/// nothing: "Hemtjänst Bromma", "Bromma hemtjänst").
pub fn name_key(name: &str) -> Option<Vec<String>> {
    let name = name.split(", ").next().unwrap_or(name);
    let mut plain = String::with_capacity(name.len());
    let mut depth = 0usize;
    for c in name.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let words: Vec<String> = fold_diacritics(&plain)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && *w != "s")
        .map(str::to_string)
        .collect();
    let mut own: Vec<String> = (words.iter())
        .filter(|w| !KINDS.contains(&w.as_str()))
        .map(|w| area(w).to_string())
        .collect();
    if own.is_empty() {
        own = words;
    }
    own.sort();
    own.dedup();
    (!own.is_empty()).then_some(own)
}

/// Whether two words are one name in different forms ("skarholmen",
/// "skarholmens"; "kulturnamnd", "kulturnamnden").
fn same_word(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long.strip_prefix(short)
        .is_some_and(|rest| ENDINGS.contains(&rest))
}

/// Whether two name keys name one sender: the same words, each maybe in
/// another form, in any order.
pub fn same_name(a: &[String], b: &[String]) -> bool {
    a.len() == b.len()
        && a.iter().all(|x| b.iter().any(|y| same_word(x, y)))
        && b.iter().all(|y| a.iter().any(|x| same_word(x, y)))
}

/// Whether two contact names are one person: the same names in any order,
/// an initial for a first name ("H. Näslund"), or a letter or two spelled
/// differently ("Åkeson", "Åkesson").
fn same_person(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let (wa, wb) = (words(a), words(b));
    let close = |x: &String, y: &String| {
        x == y
            || (x.len() == 1 && y.starts_with(x.as_str()))
            || (y.len() == 1 && x.starts_with(y.as_str()))
            || (x.len() >= 5 && strsim::normalized_damerau_levenshtein(x, y) >= 0.8)
    };
    let covered = |p: &[String], q: &[String]| p.iter().all(|x| q.iter().any(|y| close(x, y)));
    !wa.is_empty() && !wb.is_empty() && covered(&wa, &wb) && covered(&wb, &wa)
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
        (name, suggested): (Option<&str>, bool),
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
            suggested,
            contact,
            email: email.map(str::to_lowercase),
            titles: titles.iter().map(|t| fold_diacritics(t)).collect(),
            addresses: Vec::new(),
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

    /// What two headers say of their senders. The sender's name decides
    /// when both have one, unless one is only suggested by the text and
    /// the contact person and e-mail address both differ. Without names,
    /// the e-mail address decides (the same address is the same sender;
    /// another is another unless the contact is exactly the same person),
    /// then the contact person, then the title fields.
    pub fn compare(&self, other: &Sender) -> Verdict {
        let verdict = |same: bool| {
            if same {
                Verdict::Same
            } else {
                Verdict::Different
            }
        };
        let both = |a: &Option<String>, b: &Option<String>| match (a, b) {
            (Some(a), Some(b)) => Some(a == b),
            _ => None,
        };
        let (contact, email) = (
            both(&self.contact, &other.contact),
            both(&self.email, &other.email),
        );
        let person = match (&self.contact, &other.contact) {
            (Some(a), Some(b)) => Some(same_person(a, b)),
            _ => None,
        };
        if let (Some(a), Some(b)) = (&self.name, &other.name) {
            let contacts_differ = person == Some(false) && email == Some(false);
            if (self.suggested || other.suggested) && contacts_differ {
                return Verdict::Different;
            }
            return verdict(same_name(a, b));
        }
        if let Some(same) = email {
            return verdict(same || contact == Some(true));
        }
        if let Some(same) = person {
            return verdict(same);
        }
        if !self.titles.is_empty() && self.titles.len() == other.titles.len() {
            let same = (self.titles.iter().zip(&other.titles)).all(|(a, b)| same_person(a, b));
            return verdict(same);
        }
        let (a, b) = (&self.addresses, &other.addresses);
        if !a.is_empty() && !b.is_empty() && !a.iter().any(|x| b.binary_search(x).is_ok()) {
            return Verdict::Different;
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
            ("Kulturnämnden: kulturförvaltningen", "Kulturförvaltningen"),
            ("Trafikkontoret", "Trafiknämnden"),
            ("Exploateringskontoret", "Exploateringsnämnden"),
            ("Stockholms Hamnar", "Stockholms Hamn AB"),
            ("Svenska Bostäder (SB)", "Svenska Bostäder"),
            (
                "Kulturförvaltningen, avd. för kulturstrategi",
                "Kulturförvaltningen",
            ),
            ("Stödboendet Fyren", "Stödboende Fyren"),
            ("Bromma hemtjänst", "Hemtjänst Bromma"),
            ("Förskolan Solrosen", "Solrosens förskola"),
            ("Riverside Housing Trust's", "Riverside Housing Trust Ltd"),
            ("Camden Council", "Camden Borough Council"),
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
            ("Kista", "Rinkeby-Kista"),
            ("Norra Djurgårdsstaden", "Södra Djurgårdsstaden"),
            ("Hägersten-Älvsjö", "Hägersten-Liljeholmen"),
            ("Årsta", "Farsta"),
            ("Enhet A", "Enhet B"),
            ("Skola 1", "Skola 2"),
            ("Skärholmens stadsdelsnämnd", "Skärholmens Centrum AB"),
            ("Stockholms Stadshus AB", "Stockholms stad"),
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
            contact: Some("anna berg".into()),
            ..Sender::default()
        };
        assert_eq!(a.compare(&d), Verdict::Same);
    }

    #[test]
    fn contact_details_tell_people_apart_when_no_name_does() {
        let person = |c: &str, e: Option<&str>| Sender {
            contact: Some(c.into()),
            email: e.map(String::from),
            ..Sender::default()
        };
        let same = [
            (person("tina akeson", None), person("tina akesson", None)),
            (person("helena naslund", None), person("h. naslund", None)),
            (
                person("helena naslund", None),
                person("naslund, helena", None),
            ),
            // The same address: one sender, whoever signs.
            (
                person("helena naslund", Some("h@x.se")),
                person("per ek", Some("h@x.se")),
            ),
            // The same person with a new address.
            (
                person("per ek", Some("per.ek@x.se")),
                person("per ek", Some("pe@y.se")),
            ),
        ];
        for (a, b) in same {
            assert_eq!(a.compare(&b), Verdict::Same, "{a:?} / {b:?}");
        }
        let different = [
            (person("anna berg", None), person("anna borg", None)),
            (person("eva lind", None), person("eva lund", None)),
            (person("per ek", None), person("pia ek", None)),
            (
                person("tina akeson", Some("tina@x.se")),
                person("tina akesson", Some("t.a@y.se")),
            ),
        ];
        for (a, b) in different {
            assert_eq!(a.compare(&b), Verdict::Different, "{a:?} / {b:?}");
        }
        // A name only the text suggests gives way when every contact
        // detail differs.
        let suggested = |c: &str, e: &str| Sender {
            suggested: true,
            ..person(c, Some(e))
        };
        let skarholmen = Sender {
            name: name_key("Skärholmen"),
            ..suggested("tina akeson", "tina.akesson@x.se")
        };
        let copy = Sender {
            name: name_key("Skärholmen"),
            ..suggested("per lind", "per.lind@x.se")
        };
        assert_eq!(skarholmen.compare(&copy), Verdict::Different);
        let version = Sender {
            name: name_key("Skärholmen"),
            ..suggested("tina akeson", "tina.akeson@x.se")
        };
        assert_eq!(skarholmen.compare(&version), Verdict::Same);
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
