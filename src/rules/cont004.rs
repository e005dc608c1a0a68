//! CONT004: the Nämnd field still holds the form's generic value.

use std::ops::Range;

use super::{FileContext, Finding, Message, Rule, Severity, Text};
use crate::form::{Form, HeaderEntry, Role, Submission};
use crate::normalize::fold_case;

pub static RULE: Rule = Rule {
    code: "CONT004",
    name: "generic-namnd",
    severity: Severity::Error,
    summary: "The Nämnd field holds the form's generic value, not the sender's committee",
    summary_sv:
        "Avsändarfältet (Nämnd) har formulärets allmänna värde i stället för avsändarens nämnd",
    explanation: "\
What it finds:
  A Nämnd field that holds the value the form was sent out with
  (\"Stadsdelsnämnderna\") instead of the sending committee. When the text
  names one district far more often than any other (at least three times
  and twice as often as the next), the message suggests it.

Why it matters:
  The compiled report is organised by committee. A generic value hides who
  sent the answers; two such files cannot be told apart.

Example:
  Nämnd
  Stadsdelsnämnderna                  <- CONT004: the text names Skärholmen 14 times",
    explanation_sv: "\
Vad den hittar:
  Ett Nämnd-fält som har kvar värdet formuläret skickades ut med
  (\"Stadsdelsnämnderna\") i stället för den nämnd som lämnar in. När
  texten nämner en stadsdel betydligt oftare än någon annan (minst tre
  gånger och dubbelt så ofta som den näst vanligaste) föreslår
  meddelandet den.

Varför det är viktigt:
  Sammanställningen ordnas efter nämnd. Ett allmänt värde döljer vem som
  skickat svaren; två sådana filer går inte att skilja åt.

Exempel:
  Nämnd
  Stadsdelsnämnderna                  <- CONT004: texten nämner Skärholmen 14 gånger",
    messages: MESSAGES,
    file: Some(check),
    corpus: None,
};

const MESSAGES: &[Text] = &[
    Text {
        key: "main",
        en: "{field} holds the form's generic value \"{value}\", not the sender's committee",
        sv: "fältet {field} har kvar det förifyllda värdet \"{value}\" i stället för avsändarens nämnd",
    },
    Text {
        key: "suggest",
        en: "{field} holds the form's generic value \"{value}\", not the sender's committee; the text names {district} {n} times: {committee}?",
        sv: "fältet {field} har kvar det förifyllda värdet \"{value}\" – ska troligen vara {committee} (texten nämner {district} {n} gånger)",
    },
];

/// The district's committee, its name in the genitive as Swedish writes
/// it: "Skärholmens stadsdelsnämnd", "Hägersten-Älvsjös", but "Farsta" →
/// "Farstas" and a name ending in s, x or z takes no extra s.
pub fn committee(district: &str) -> String {
    let genitive = if district.ends_with(['s', 'x', 'z', 'S', 'X', 'Z']) {
        district.to_string()
    } else {
        format!("{district}s")
    };
    format!("{genitive} stadsdelsnämnd")
}

/// Counts how often each district is named (any form starting with its
/// name, or with a part of a double name), and returns the one named far
/// more often than the others.
pub fn likely_district<'a>(text: &str, districts: &'a [String]) -> Option<(&'a str, usize)> {
    // Each district's names: the whole name, or the parts of a double name.
    let names: Vec<Vec<String>> = districts
        .iter()
        .map(|d| {
            let parts: Vec<String> = d.split('-').map(fold_case).collect();
            if parts.len() > 1 {
                parts
            } else {
                vec![fold_case(d)]
            }
        })
        .collect();
    let mut counts = vec![0usize; districts.len()];
    // Most words start with a letter no district's name starts with.
    let mut starts = [false; 256];
    for n in names.iter().flatten() {
        if let Some(&b) = n.as_bytes().first() {
            starts[b as usize] = true;
        }
    }
    let folded = fold_case(text);
    // Words may hold hyphens, so that "Hägersten-Älvsjö" counts both parts.
    for word in folded.split(|c: char| !c.is_alphanumeric() && c != '-') {
        for part in word.split('-') {
            if !part.as_bytes().first().is_some_and(|&b| starts[b as usize]) {
                continue;
            }
            for (d, ns) in names.iter().enumerate() {
                counts[d] += ns.iter().filter(|n| part.starts_with(n.as_str())).count();
            }
        }
    }
    let mut ranked: Vec<(&str, usize)> = districts.iter().map(String::as_str).zip(counts).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let (best, n) = *ranked.first()?;
    let second = ranked.get(1).map_or(0, |c| c.1);
    (n >= 3 && n >= 2 * second.max(1)).then_some((best, n))
}

/// A sender field still holding the form's generic value.
pub struct Generic<'s> {
    pub field: &'s HeaderEntry,
    /// Where its value stands in the text.
    pub range: Range<usize>,
    /// The district the text names far more often than any other, and how
    /// often, if one is.
    pub district: Option<(&'s str, usize)>,
}

/// The sender field, if it still holds the form's generic value.
pub fn generic_sender<'s>(sub: &'s Submission, form: &'s Form) -> Option<Generic<'s>> {
    let (field, range) = sub.filled(Role::Sender)?;
    let folded = super::fold_filler(&sub.doc.text[range.clone()]);
    let generic = form.template.generic_namnd.iter();
    if !generic.clone().any(|g| super::fold_filler(g) == folded) {
        return None;
    }
    let district = likely_district(&sub.doc.text, &form.template.districts);
    Some(Generic {
        field,
        range,
        district,
    })
}

fn check(c: &FileContext, out: &mut Vec<Finding>) {
    let sub = c.sub;
    let Some(Generic {
        field,
        range,
        district,
    }) = generic_sender(sub, c.form)
    else {
        return;
    };
    let value = &sub.doc.text[range.clone()];
    let msg = match district {
        Some((district, n)) => Message::new("suggest")
            .text("field", &*field.name)
            .text("value", value)
            .text("district", district)
            .text("committee", committee(district))
            .count("n", n),
        None => Message::new("main")
            .text("field", &*field.name)
            .text("value", value),
    };
    out.push(RULE.finding(c.path, sub.doc.pos(range.start), msg));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{complete, run};

    #[test]
    fn generic_value_with_a_suggestion() {
        let src = complete().replace("Farsta stadsdelsnämnd", "Stadsdelsnämnderna");
        let f = run(&src, &RULE);
        assert_eq!(f.len(), 1);
        assert!(
            f[0].message
                .ends_with("the text names Farsta 8 times: Farstas stadsdelsnämnd?"),
            "{}",
            f[0].message
        );
        assert_eq!((f[0].line, f[0].column), (2, 1));
    }

    #[test]
    fn no_suggestion_when_no_district_stands_out() {
        let src = complete()
            .replace("Farsta stadsdelsnämnd", "Stadsdelsnämnderna")
            .replace("i Farsta.", "i Bromma och Farsta.");
        let f = run(&src, &RULE);
        assert!(
            f[0].message.ends_with("not the sender's committee"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn another_form_names_its_sender_field_and_its_generic_value() {
        let template = crate::form::Template::parse(
            "name = \"Miljörapport\"\ngeneric_sender = [\"Förvaltningarna\"]\n\
             [[field]]\nname = \"Förvaltning\"\nlabels = [\"Förvaltning\"]\nrole = \"sender\"\n\
             [[field]]\nname = \"Ansvarig\"\nlabels = [\"Ansvarig\"]\nrole = \"contact\"\n\
             [[variant]]\nname = \"miljo\"\n[[variant.area]]\nheading = \"1. Energi\"\n\
             questions = [\"Hur har energianvändningen utvecklats under året?\"]\n",
            "t.toml",
        )
        .unwrap();
        let form = crate::form::Form::new(template);
        let sub = form.parse(crate::normalize::normalize(
            "Förvaltning\nFörvaltningarna\nAnsvarig\nOla Ek\n\n1. Energi\n\n\
             Hur har energianvändningen utvecklats under året?\n\nDen har minskat med en tiondel.\n",
        ));
        assert_eq!(sub.value(Role::Contact), Some("Ola Ek"));
        let f = crate::rules::check_file(
            &FileContext::new(std::path::Path::new("m.txt"), &sub, &form),
            &crate::rules::Selection::of(&[&RULE, &crate::rules::miss004::RULE]),
        );
        let msgs: Vec<&str> = f.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            msgs,
            ["Förvaltning holds the form's generic value \"Förvaltningarna\", not the sender's committee"]
        );
    }

    #[test]
    fn own_committee_passes() {
        assert!(run(&complete(), &RULE).is_empty());
    }

    #[test]
    fn committees_are_named_in_the_genitive() {
        assert_eq!(committee("Skärholmen"), "Skärholmens stadsdelsnämnd");
        assert_eq!(committee("Östermalm"), "Östermalms stadsdelsnämnd");
        assert_eq!(
            committee("Hägersten-Älvsjö"),
            "Hägersten-Älvsjös stadsdelsnämnd"
        );
        assert_eq!(committee("Kungsholmens"), "Kungsholmens stadsdelsnämnd");
    }

    #[test]
    fn double_names_count_their_parts() {
        let districts = vec!["Hägersten-Älvsjö".to_string(), "Farsta".to_string()];
        assert_eq!(
            likely_district("Älvsjö torg, Älvsjö, Hägerstensåsen", &districts),
            Some(("Hägersten-Älvsjö", 3))
        );
    }
}
