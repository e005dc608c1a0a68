//! Learning a form: its variants, questions, focus areas and header fields,
//! from blank forms and from the submissions themselves.
//!
//! - A **blank form** shows an answer slot where the sender writes: a
//!   content control or placeholder field (read as the form's placeholder
//!   text) or the placeholder text itself. The paragraph before a slot asks
//!   for it: a header field when it is short and stands before the first
//!   question, else a question. Numbered paragraphs without a slot are
//!   focus-area headings; the rest is title and instructions.
//! - In **filled submissions**, form text is what recurs: a line found in
//!   at least two submissions. Recurring lines that ask something are
//!   questions, and submissions that share most of their questions are one
//!   variant; a short recurring line followed by a short value that differs
//!   is a header label; a short text standing as the whole answer to two
//!   different questions is a placeholder.
//!
//! A header field's role comes from its label's words (telefon → phone,
//! e-post → email, kontaktperson → contact, förvaltning, nämnd, bolag →
//! sender), else from its values.

use std::collections::{BTreeMap, BTreeSet};

use super::template::{Area, FieldSpec, Role, Template, Variant};
use crate::normalize::{fold_case, Doc};

/// One line of a document as learning sees it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Line {
    pub text: String,
    /// The words, case-folded, joined by single spaces.
    pub key: String,
    /// The line is a question whose boxes a sender marks on it: it asks
    /// for an answer whatever follows.
    pub choice: bool,
}

/// The lines of a normalised document: its units, those with words; a
/// question a PDF wrapped onto a second line is one line again.
pub fn lines(doc: &Doc) -> Vec<Line> {
    let mut texts: Vec<String> = Vec::with_capacity(doc.units.len());
    for u in 0..doc.units.len() {
        let t = doc.unit_text(u).trim();
        if !t.chars().any(char::is_alphanumeric) {
            continue;
        }
        match texts.last_mut() {
            Some(last) if wrapped_question(last, t) => {
                last.push(' ');
                last.push_str(t);
            }
            _ => texts.push(t.to_string()),
        }
    }
    (texts.into_iter())
        .map(|text| Line {
            key: key(&text),
            text,
            choice: false,
        })
        .collect()
}

/// Whether `next` ends the question `line` begins, a PDF having wrapped
/// one line in two: `line` opens as a question does (a number, or an
/// asking word) and stops nowhere, `next` goes on in lower case and ends
/// with the question mark, in a few words.
fn wrapped_question(line: &str, next: &str) -> bool {
    let k = key(line);
    let numbered = line.starts_with(|c: char| c.is_ascii_digit());
    let first = k
        .split(' ')
        .find(|w| !w.chars().all(|c| c.is_ascii_digit()));
    let opens = numbered || first.is_some_and(|w| ASKING.contains(&w));
    opens
        && words(&k) >= 3
        && !line.contains(". ")
        && !line.ends_with(['.', '?', '!', ':', ';'])
        && next.starts_with(char::is_lowercase)
        && next.ends_with('?')
        && words(&key(next)) <= 6
}

/// A line's comparison key: its words, case-folded, joined by spaces.
pub fn key(text: &str) -> String {
    fold_case(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn words(key: &str) -> usize {
    key.split(' ').filter(|w| !w.is_empty()).count()
}

/// Words that open a question or an instruction to answer.
const ASKING: &[&str] = &[
    "beskriv", "hur", "vilka", "vilken", "vilket", "vad", "varför", "när", "redogör", "ange",
    "finns", "har", "är", "kan", "på", "i", "describe", "how", "what", "which", "why", "when",
    "is", "are", "do", "does", "has", "have", "please", "list", "explain",
];

/// Whether a line asks something: it ends with a question mark, or opens
/// (after a number such as "2.1" or "A2") with an asking word and has a few words.
pub fn asks(text: &str) -> bool {
    let t = text.trim();
    if t.ends_with('?') {
        return true;
    }
    let k = key(t);
    // A question's number: "2", "2.1" (its dots are gone from the key),
    // "A2", "B1a", "Q3".
    let number = |w: &str| {
        w.chars().all(|c| c.is_ascii_digit())
            || (w.len() <= 4
                && w.chars().any(|c| c.is_ascii_digit())
                && w.chars().all(|c| c.is_ascii_alphanumeric()))
    };
    let mut ws = k.split(' ').skip_while(|w| number(w));
    let first = ws.next().unwrap_or("");
    words(&k) >= 4 && ["beskriv", "redogör", "ange", "describe", "explain", "list"].contains(&first)
        || (words(&k) >= 5 && ASKING.contains(&first) && t.ends_with(['.', ':']))
}

/// Whether a line is a numbered heading: "1. Energi", "2 Transporter".
fn numbered(text: &str) -> bool {
    let t = text.trim();
    let digits = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .count();
    digits > 0 && t[digits..].starts_with(' ') && words(&key(t)) <= 10 && !asks(t)
}

/// Whether a line is a part's heading by its words: "Part 1 – Reach",
/// "Del B: Ekonomi", "Section IV", "A. Activities". Short, asking nothing,
/// with no sentence's end.
fn part_heading(text: &str) -> bool {
    const PARTS: &[&str] = &[
        "part", "section", "chapter", "del", "avsnitt", "kapitel", "område", "tema",
    ];
    let t = text.trim();
    let mut w = t.split_whitespace();
    let (Some(first), Some(second)) = (w.next(), w.next()) else {
        return false;
    };
    let mark = |s: &str| {
        let s = s.trim_end_matches(['.', ':', ')', '–', '-']);
        !s.is_empty()
            && (s.chars().all(|c| c.is_ascii_digit())
                || s.chars().all(|c| "IVX".contains(c))
                || (s.len() == 1 && s.chars().all(|c| c.is_ascii_uppercase())))
    };
    let opens = (PARTS.contains(&first.to_lowercase().as_str()) && mark(second))
        || (mark(first)
            && first.ends_with(['.', ')'])
            && !first.chars().any(|c| c.is_ascii_digit()));
    opens && words(&key(t)) <= 8 && !asks(t) && !t.ends_with(['.', ':', ';', ',', '!', '?'])
}

/// Whether a line is one of Word's own placeholders, whatever its length.
fn is_word_placeholder(text: &str) -> bool {
    let k = key(text);
    (super::template::DEFAULT_PLACEHOLDERS.iter()).any(|p| key(p) == k)
}

/// Whether a line is one of the usual closing sections ("Övriga
/// kommentarer"), which every template has unless it says otherwise.
fn is_optional(k: &str) -> bool {
    super::template::DEFAULT_OPTIONAL
        .iter()
        .any(|o| key(o) == k)
}

/// The sender, the contact's name, phone and e-mail each on one field:
/// where a form asks for two people ("Principal investigator" and "Contact
/// person", each with an e-mail), the field whose label says contact keeps
/// the role, else the first; where it names the sender twice
/// ("Förvaltning/bolag", "Nämnd/styrelse"), the first. The others are
/// fields like any.
fn one_contact(fields: &mut [FieldSpec]) {
    for role in [Role::Sender, Role::Contact, Role::Phone, Role::Email] {
        let holders: Vec<usize> = (0..fields.len())
            .filter(|&i| fields[i].role == Some(role))
            .collect();
        let says = |i: &usize| {
            let k = key(&fields[*i].name);
            k.contains("kontakt") || k.contains("contact")
        };
        let Some(keep) = holders
            .iter()
            .find(|i| says(i))
            .or(holders.first())
            .copied()
        else {
            continue;
        };
        for i in holders.into_iter().filter(|&i| i != keep) {
            fields[i].role = None;
        }
    }
}

/// The roles of a header's fields settled: one contact (see
/// [`one_contact`]), and in a header that names a contact but no sender,
/// its first field the sender when nothing in its label says otherwise
/// ("Library", "Kommun" above "Contact person"): a date, a period, a
/// number or a title is no sender.
fn settle_roles(fields: &mut [FieldSpec]) {
    one_contact(fields);
    let has = |r: Role| fields.iter().any(|f| f.role == Some(r));
    if has(Role::Sender) || !has(Role::Contact) {
        return;
    }
    let Some(first) = fields.first_mut().filter(|f| f.role.is_none()) else {
        return;
    };
    let k = key(&first.name);
    let other = [
        "datum", "date", "år", "year", "period", "titel", "title", "rubrik", "subject", "ämne",
        "version", "diarie", "ref",
    ];
    let says_other = k.split(' ').any(|w| other.iter().any(|o| w.starts_with(o)));
    if !says_other && !names_a_number(&k) && words(&k) <= 3 {
        first.role = Some(Role::Sender);
    }
}

/// Whether a label's key names a number ("Organisationsnummer", "Project
/// no", "Org. nr").
fn names_a_number(k: &str) -> bool {
    k.split(' ')
        .any(|x| x.ends_with("nummer") || ["number", "nr", "no", "id", "code", "kod"].contains(&x))
}

/// The role a label's words give a header field.
pub fn role_of_label(label: &str) -> Option<Role> {
    let k = key(label);
    let has = |ws: &[&str]| ws.iter().any(|w| k.split(' ').any(|x| x.starts_with(w)));
    // A number that names no one: an organisation's, a project's.
    let number = names_a_number(&k);
    // Words of a person, of an organisation, and a bare "name".
    let person = [
        "kontakt",
        "ansvarig",
        "handläggare",
        "samordnare",
        "sökande",
        "contact",
        "coordinator",
        "applicant",
        "responsible",
        "reported",
        "prepared",
        "completed",
        "author",
        "ifylld",
        "upprättad",
        "uppgiftslämnare",
        "investigator",
        "leader",
        "manager",
        "projektledare",
        "huvudsökande",
    ];
    let organisation = [
        "nämnd",
        "förvaltning",
        "bolag",
        "styrelse",
        "organisation",
        "avsändare",
        "enhet",
        "sender",
        "organization",
        "förening",
        "skola",
        "club",
        "school",
        "association",
        "company",
        "unit",
        "department",
        "division",
        "avdelning",
        "supplier",
        "leverantör",
        "företag",
        "institution",
        "university",
        "universitet",
        "lärosäte",
        "utövare",
        "huvudman",
        "kommun",
        "region",
        "stiftelse",
        "bibliotek",
        "operator",
        "provider",
        "charity",
        "foundation",
        "library",
    ];
    if has(&["e post", "epost", "mejl", "mail", "email"]) || k.contains("e post") {
        Some(Role::Email)
    } else if has(&["telefon", "tel", "mobil", "phone"]) {
        Some(Role::Phone)
    } else if number {
        None
    } else if has(&person) {
        Some(Role::Contact)
    } else if (k.split(' ')).any(|x| organisation.iter().any(|w| names_kind(x, w))) {
        // "Supplier name", "Föreningens namn": the organisation's.
        Some(Role::Sender)
    } else if has(&["namn", "name"]) {
        Some(Role::Contact)
    } else {
        None
    }
}

/// Whether a word is an organisation's kind `w`, inflected ("föreningens")
/// or as a compound's last part ("idrottsförening", "stadsdelsnämnden"); a
/// compound it opens is something else ("föreningsbidrag" is a grant).
fn names_kind(word: &str, w: &str) -> bool {
    let inflected = |rest: &str| rest.len() <= 4;
    let opens = word.strip_prefix(w).is_some_and(inflected);
    let ends = (word.match_indices(w)).any(|(at, _)| at > 0 && inflected(&word[at + w.len()..]));
    opens || ends
}

/// The role values give a field: all e-mail addresses, or all phone numbers.
fn role_of_values(values: &[&str]) -> Option<Role> {
    let all = |f: &dyn Fn(&str) -> bool| !values.is_empty() && values.iter().all(|v| f(v));
    if all(&|v| v.contains('@') && !v.contains(' ')) {
        Some(Role::Email)
    } else if all(&|v| {
        let d = v.chars().filter(char::is_ascii_digit).count();
        d >= 7
            && v.chars()
                .all(|c| c.is_ascii_digit() || " -+()/".contains(c))
            && !is_date(v)
    }) {
        Some(Role::Phone)
    } else {
        None
    }
}

/// Whether a value is written as a date: 2025-02-13, 13/02/2025, 2025/2/13.
fn is_date(v: &str) -> bool {
    let parts: Vec<&str> = v.trim().split(['-', '/', '.']).collect();
    let numbers = parts.len() == 3 && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    let lengths: Vec<usize> = parts.iter().map(|p| p.len()).collect();
    numbers
        && matches!(
            lengths.as_slice(),
            [4, 1..=2, 1..=2] | [1..=2, 1..=2, 4] | [1..=2, 1..=2, 2]
        )
}

fn field(label: &str, values: &[&str]) -> FieldSpec {
    FieldSpec {
        name: label.trim_end_matches(':').trim().to_string(),
        labels: vec![label.trim_end_matches(':').trim().to_string()],
        // A label that names some number ("Organisationsnummer") holds no
        // phone, however its values look.
        role: role_of_label(label)
            .or_else(|| (!names_a_number(&key(label))).then(|| role_of_values(values))?),
    }
}

/// Adds a question to the last focus area (an unnamed one when the form
/// has no heading before it).
fn add_question(areas: &mut Vec<Area>, question: &str) {
    if areas.is_empty() {
        areas.push(Area {
            heading: String::new(),
            questions: Vec::new(),
        });
    }
    if let Some(a) = areas.last_mut() {
        a.questions.push(question.to_string());
    }
}

/// What was learned, and what could not be told.
#[derive(Debug, Default)]
pub struct Learned {
    pub variants: Vec<Variant>,
    pub placeholders: Vec<String>,
    pub generic_sender: Vec<String>,
    /// The form's title: its first line of form text.
    pub title: Option<String>,
    /// For each variant, the submissions (indices) it was learned from.
    pub members: Vec<Vec<usize>>,
    pub notes: Vec<String>,
}

/// Learns one variant from a blank form, whose answer slots are the lines
/// `is_slot` tells. `Err` when it has no slot: not a blank form.
pub fn from_blank(
    name: &str,
    lines: &[Line],
    is_slot: &dyn Fn(&str) -> bool,
) -> Result<Learned, String> {
    // A sentence that names the slot the form writes alone elsewhere
    // ("Replace [Answer] with your response …") is an instruction, no
    // answer's place; a model sentence's own slots are its.
    let alone: BTreeSet<&str> = (lines.iter())
        .map(|l| l.text.trim())
        .filter(|t| super::slot::is_slot(t))
        .collect();
    let names_a_slot = |t: &str| {
        let named = (super::slot::SLOTS.find_iter(t)).any(|m| alone.contains(m.as_str().trim()));
        named && words(&key(&super::slot::SLOTS.replace_all(t, " "))) > 6
    };
    // "Phone: [Answer]": a header field's label and its slot on one line.
    let inline_field = |t: &str| {
        let (label, value) = t.split_once(':')?;
        let n = words(&key(label));
        let value = value.trim();
        ((1..=4).contains(&n) && !label.contains('?') && is_slot(value) && !names_a_slot(value))
            .then(|| label.trim().to_string())
    };
    let inline: Vec<Option<String>> = lines.iter().map(|l| inline_field(&l.text)).collect();
    // "Verksamhetsutövare: Exempelbolaget AB": a label and the example
    // value the form shows in its place, among other such lines (a lone
    // "Obs: …" is an instruction).
    let example_field = |t: &str| {
        let (label, value) = t.split_once(": ")?;
        let (n, v) = (words(&key(label)), words(&key(value)));
        ((1..=4).contains(&n) && (1..=5).contains(&v) && !label.contains('?') && !asks(value))
            .then(|| (label.trim().to_string(), value.trim().to_string()))
    };
    let example: Vec<Option<(String, String)>> =
        lines.iter().map(|l| example_field(&l.text)).collect();
    let in_block = |i: usize| {
        let near = |j: usize| example.get(j).is_some_and(Option::is_some);
        example[i].is_some() && ((i > 0 && near(i - 1)) || near(i + 1))
    };
    let mut slot: Vec<bool> = (lines.iter().zip(&inline))
        .map(|(l, f)| f.is_none() && is_slot(&l.text) && !names_a_slot(&l.text))
        .collect();
    // A choice left unmarked is a slot too: a line of boxes, an option a
    // line, a matrix row.
    for (at, c) in crate::choice::in_lines(lines.iter().map(|l| l.text.as_str())) {
        slot[at..(at + c.lines).min(lines.len())].fill(true);
    }
    if !slot.iter().any(|&s| s) {
        return Err("no answer slot found (no content control, placeholder field or placeholder text): is it a blank form?".into());
    }
    let mut learned = Learned::default();
    let mut fields: Vec<FieldSpec> = Vec::new();
    let mut areas: Vec<Area> = Vec::new();
    let mut questions_seen = false;
    let mut instructions: Vec<String> = Vec::new();
    // Header fields shown with an example value: (field, value).
    let mut examples: Vec<(usize, String)> = Vec::new();
    // A sentence with a slot inside is a model sentence: the sender's answer
    // in it is what fills the slot.
    let models: Vec<String> = (lines.iter())
        .filter(|l| super::slot::find(&l.text).is_some() && !super::slot::is_slot(&l.text))
        .map(|l| key(&super::slot::SLOTS.replace_all(&l.text, " ")))
        .filter(|k| words(k) >= 3)
        .collect();
    let mut i = 0;
    while i < lines.len() {
        let l = &lines[i];
        if let Some(label) = inline[i].as_deref().filter(|_| !questions_seen) {
            fields.push(field(label, &[]));
            i += 1;
            continue;
        }
        if let Some((label, value)) = example[i]
            .as_ref()
            .filter(|_| !questions_seen && in_block(i))
        {
            examples.push((fields.len(), value.clone()));
            fields.push(field(label, &[]));
            i += 1;
            continue;
        }
        if slot[i] {
            i += 1;
            continue;
        }
        // A question may have column headings between it and its slots (a
        // matrix): short lines that ask nothing and are no field's label
        // (an instruction before a header table of labels and slots).
        let mut j = i + 1;
        if asks(&l.text) {
            while j < lines.len()
                && j <= i + 2
                && !slot[j]
                && words(&lines[j].key) <= 6
                && !asks(&lines[j].text)
                && role_of_label(&lines[j].text).is_none()
                && !lines[j].text.trim_end().ends_with(':')
            {
                j += 1;
            }
        }
        let next_is_slot = slot.get(j).copied().unwrap_or(false);
        if next_is_slot && j > i + 1 {
            questions_seen = true;
            add_question(&mut areas, &l.text);
            i = j;
            continue;
        }
        if is_optional(&l.key) {
            // A closing section any form lets a sender leave empty.
            i += 1;
            continue;
        }
        // A line of parts set apart ("Västerbro kommun – Kommunlednings-
        // förvaltningen, ekonomiavdelningen") is a subtitle, no label.
        let parts = l.text.matches([',', '–', '—']).count() + l.text.matches(" - ").count();
        let short = words(&l.key) <= 4 && !asks(&l.text) && parts < 2;
        // A header field's slot is a value's length, not a model sentence;
        // Word's own placeholder is any value's ("Click or tap here to
        // enter text.").
        let value_slot =
            next_is_slot && (words(&lines[j].key) <= 6 || is_word_placeholder(&lines[j].text));
        if value_slot && short && !questions_seen && !numbered(&l.text) {
            fields.push(field(&l.text, &[]));
        } else if next_is_slot {
            questions_seen = true;
            add_question(&mut areas, &l.text);
        } else if numbered(&l.text) || (learned.title.is_some() && part_heading(&l.text)) {
            areas.push(Area {
                heading: l.text.clone(),
                questions: Vec::new(),
            });
        } else if learned.title.is_none()
            && fields.is_empty()
            && !questions_seen
            && words(&l.key) >= 3
            && !l.text.trim_end().ends_with(':')
        {
            // The form's first line of words is its title.
            learned.title = Some(l.text.clone());
        } else if !questions_seen
            && short
            && (role_of_label(&l.text).is_some() || l.text.trim_end().ends_with(':'))
            // A sentence is no label.
            && !l.text.trim_end().ends_with(['.', '!'])
            // A heading over a question ("Föreningens verksamhet") labels
            // no value.
            && (l.text.trim_end().ends_with(':')
                || !lines.get(i + 1).is_some_and(|v| asks(&v.text) || numbered(&v.text)))
        {
            // A label whose value the form fills in for everyone: the
            // generic value each sender should replace. A label, question
            // or heading after it is no value: the field was left empty.
            // (A value may have the label's own role: "Förvaltningarna"
            // under "Förvaltning"; another role is another label.)
            let role = role_of_label(&l.text);
            let label = |v: &Line| {
                v.text.trim_end().ends_with(':')
                    || role_of_label(&v.text).is_some_and(|r| Some(r) != role)
                    || asks(&v.text)
                    || numbered(&v.text)
            };
            let next = lines
                .get(i + 1)
                .filter(|v| words(&v.key) <= 4 && !slot[i + 1]);
            match next {
                Some(v) if !label(v) => {
                    let f = field(&l.text, &[]);
                    if f.role == Some(Role::Sender) {
                        learned.generic_sender.push(v.text.clone());
                    }
                    fields.push(f);
                    i += 2;
                }
                _ => {
                    fields.push(field(&l.text, &[]));
                    i += 1;
                }
            }
            continue;
        } else if learned.title.is_none() && !questions_seen {
            learned.title = Some(l.text.clone());
        } else {
            instructions.push(l.text.clone());
        }
        i += 1;
    }
    areas.retain(|a| !a.questions.is_empty());
    if areas.is_empty() {
        return Err("answer slots found, but no question before any of them".into());
    }
    settle_roles(&mut fields);
    // An example value is what a sender must replace: the generic sender,
    // else a placeholder.
    for (f, value) in examples {
        if fields[f].role == Some(Role::Sender) {
            learned.generic_sender.push(value);
        } else {
            learned.placeholders.push(value);
        }
    }
    learned.variants.push(Variant {
        name: name.to_string(),
        title: learned.title.clone(),
        fields,
        areas,
        instructions,
        models,
        headerless: false,
    });
    Ok(learned)
}

/// What one submission shows of the form: its lines, and which recur.
struct View<'a> {
    lines: &'a [Line],
    form: Vec<bool>,
}

impl View<'_> {
    /// Whether line `i` is form text that a sender's own text follows: a
    /// question and its answer, or a heading (a short line with no full
    /// stop) and text longer than a header field's value.
    fn leads(&self, i: usize) -> bool {
        self.leads_by(i, &|j| self.form[j])
    }

    /// [`View::leads`], with `form` telling which lines after it are the
    /// form's.
    fn leads_by(&self, i: usize, form: &dyn Fn(usize) -> bool) -> bool {
        let l = &self.lines[i];
        if l.choice && self.form[i] {
            return true;
        }
        let Some(next) = self
            .lines
            .get(i + 1)
            .filter(|_| self.form[i] && !form(i + 1))
        else {
            return false;
        };
        let heading = words(&l.key) <= 10 && !l.text.trim_end().ends_with(['.', ':', ',', ';']);
        asks(&l.text) || (heading && (words(&next.key) > 6 || numbered(&l.text)))
    }
}

/// A submission's lines as the form shows them, so that what a sender adds
/// to a line of the form does not hide the line: a question with its boxes
/// on one line is the question ("A1. Minors? ☒ Yes ☐ No" → "A1.
/// Minors?"), and a label with its value on one line is two lines
/// ("Applicant name: Ida Berg" → "Applicant name:", "Ida Berg").
fn form_parts(lines: &[Line]) -> Vec<Line> {
    let line = |text: &str| Line {
        key: key(text),
        text: text.to_string(),
        choice: false,
    };
    let choices = crate::choice::in_lines(lines.iter().map(|l| l.text.as_str()));
    let mut out = Vec::with_capacity(lines.len());
    for (i, l) in lines.iter().enumerate() {
        let choice = choices.iter().find(|(at, c)| *at == i && c.lines == 1);
        if let Some((_, c)) = choice {
            let label = c.label.trim();
            if label.chars().any(char::is_alphanumeric)
                && !c.options.iter().all(|o| o.label.is_empty())
            {
                out.push(Line {
                    choice: true,
                    ..line(label)
                });
            } else {
                out.push(l.clone());
            }
            continue;
        }
        // "Label: value", the label a few words that open the line.
        // A label is no sentence: no full stop but after a number ("2.1").
        let label_like = |label: &str| {
            let words: Vec<&str> = label.split_whitespace().collect();
            let stop = |w: &&str| w.ends_with('.') && !w.chars().any(|c| c.is_ascii_digit());
            (1..=8).contains(&words.len()) && !label.contains(['?', '!']) && !words.iter().any(stop)
        };
        // The colon, then a space or a tab (a table row read as a line).
        let colon = l
            .text
            .find([':'])
            .filter(|&i| l.text[i + 1..].starts_with(char::is_whitespace));
        // A numbered line ("3.3 If yes: describe …") is a question, not a
        // field.
        let field_like = |label: &str| label_like(label) && !numbered(label);
        let split = colon
            .map(|i| (&l.text[..i], &l.text[i + 1..]))
            .filter(|(label, value)| field_like(label) && value.chars().any(char::is_alphanumeric));
        match split {
            Some((label, value)) => {
                out.push(line(&format!("{label}:")));
                out.push(line(value.trim()));
            }
            None => out.push(l.clone()),
        }
    }
    out
}

/// What the names of variants learned from submissions start with
/// (`learned-1`, …).
pub const LEARNED: &str = "learned";

/// Learns variants from filled submissions: form text is what at least two
/// of them share. Variants are named `{prefix}-1`, `{prefix}-2`, …
/// Submissions that share their questions with no other stay unlearned.
pub fn from_submissions(
    docs: &[Vec<Line>],
    prefix: &str,
    is_filler: &dyn Fn(&str) -> bool,
) -> Learned {
    let docs: Vec<Vec<Line>> = docs.iter().map(|d| form_parts(d)).collect();
    let docs = docs.as_slice();
    let mut learned = Learned::default();
    // In how many submissions each line's key stands.
    let mut df: BTreeMap<&str, usize> = BTreeMap::new();
    for d in docs {
        let keys: BTreeSet<&str> = d.iter().map(|l| l.key.as_str()).collect();
        for k in keys {
            *df.entry(k).or_default() += 1;
        }
    }
    let recurring = |l: &Line| {
        df.get(l.key.as_str()).is_some_and(|&n| n >= 2)
            && !is_filler(&l.text)
            && !l.text.contains('@')
    };
    let views: Vec<View> = docs
        .iter()
        .map(|d| View {
            lines: d,
            form: d.iter().map(recurring).collect(),
        })
        .collect();

    // Placeholders: a short text that is the whole answer to two different
    // questions (a form's own placeholder, not a copied answer); a row of
    // boxes is a choice the sender marked ("[x] Ja [ ] Nej"), never one.
    let mut answered: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for v in &views {
        for i in 1..v.lines.len() {
            let (q, a) = (&v.lines[i - 1], &v.lines[i]);
            let whole = !v.form[i]
                && v.lines
                    .get(i + 1)
                    .is_none_or(|_| v.form.get(i + 1) == Some(&true));
            let boxes = a.text.contains(crate::choice::is_box)
                || !crate::choice::in_lines([a.text.as_str()]).is_empty();
            if asks(&q.text) && whole && words(&a.key) <= 12 && !asks(&a.text) && !boxes {
                answered
                    .entry(a.text.as_str())
                    .or_default()
                    .insert(q.key.as_str());
            }
        }
    }
    learned.placeholders = answered
        .into_iter()
        .filter(|(t, qs)| qs.len() >= 2 && !is_filler(t))
        .map(|(t, _)| t.to_string())
        .collect();

    // Each submission's questions; submissions that share most of them
    // are one variant.
    let question_keys: Vec<BTreeSet<&str>> = views
        .iter()
        .map(|v| {
            (0..v.lines.len())
                .filter(|&i| v.leads(i))
                .map(|i| v.lines[i].key.as_str())
                .collect()
        })
        .collect();
    let mut clusters: Vec<(BTreeSet<&str>, Vec<usize>)> = Vec::new();
    for (d, qs) in question_keys.iter().enumerate() {
        if qs.is_empty() {
            continue;
        }
        // One form when they share half their questions, or when nearly
        // all of this one's are the cluster's (a submission that left
        // some unanswered, and its versions).
        let alike = |c: &BTreeSet<&str>| {
            let common = c.intersection(qs).count() as f64;
            common / c.union(qs).count().max(1) as f64 >= 0.5 || common >= 0.8 * qs.len() as f64
        };
        match clusters.iter_mut().find(|(c, _)| alike(c)) {
            Some((c, members)) => {
                c.extend(qs.iter().copied());
                members.push(d);
            }
            None => clusters.push((qs.clone(), vec![d])),
        }
    }
    for (_, members) in clusters.iter().filter(|(_, m)| m.len() >= 2) {
        let n = learned.variants.len() + 1;
        let variant = variant_of(&views, members, &format!("{prefix}-{n}"), &mut learned);
        learned.variants.push(variant);
        learned.members.push(members.clone());
    }
    let alone = clusters.iter().filter(|(_, m)| m.len() < 2).count();
    if alone > 0 {
        learned.notes.push(format!(
            "{alone} submission(s) share their questions with no other: their form could not be told"
        ));
    }
    learned
}

/// The variant the member submissions share: questions in at least half
/// of them, in their usual order, under the numbered headings before them,
/// and the header fields before the first question.
fn variant_of(views: &[View], members: &[usize], name: &str, learned: &mut Learned) -> Variant {
    let need = members.len().div_ceil(2).max(2);
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    let mut position: BTreeMap<&str, f64> = BTreeMap::new();
    let mut text: BTreeMap<&str, &str> = BTreeMap::new();
    // In how many members a line leads a sender's text (see View::leads),
    // and in how many the next line is the form's next question or heading.
    let mut leading: BTreeMap<&str, usize> = BTreeMap::new();
    let mut before_heading: BTreeMap<&str, usize> = BTreeMap::new();
    // Lines a member has more than once: guidance the form repeats under
    // each question ("(Approximately 100–200 words.)"), never a question.
    let mut repeated: BTreeMap<&str, usize> = BTreeMap::new();
    for &d in members {
        let v = &views[d];
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        let mut again: BTreeSet<&str> = BTreeSet::new();
        for l in v.lines {
            if !seen.insert(l.key.as_str()) {
                again.insert(l.key.as_str());
            }
        }
        for k in seen {
            *count.entry(k).or_default() += 1;
        }
        for k in again {
            *repeated.entry(k).or_default() += 1;
        }
    }
    for &d in members {
        let v = &views[d];
        // What follows a heading is a sender's unless most members have it
        // (two senders may write alike, one sender's versions do).
        let shared_line = |j: usize| {
            count
                .get(v.lines[j].key.as_str())
                .is_some_and(|&n| n >= need)
        };
        let leads: BTreeSet<&str> = (0..v.lines.len())
            .filter(|&i| v.leads_by(i, &shared_line))
            .map(|i| v.lines[i].key.as_str())
            .collect();
        for k in leads {
            *leading.entry(k).or_default() += 1;
        }
        // What opens the form's next part: a question, a heading, a
        // header field's label (an instruction above a header table).
        let label = |l: &Line| {
            words(&l.key) <= 4
                && (role_of_label(&l.text).is_some() || l.text.trim_end().ends_with(':'))
        };
        let heads = |l: &Line| asks(&l.text) || numbered(&l.text) || label(l);
        let introduces: BTreeSet<&str> = (1..v.lines.len())
            .filter(|&i| v.form[i] && heads(&v.lines[i]))
            .map(|i| v.lines[i - 1].key.as_str())
            .collect();
        for k in introduces {
            *before_heading.entry(k).or_default() += 1;
        }
        for (i, l) in v.lines.iter().enumerate().filter(|(i, _)| v.form[*i]) {
            *position.entry(l.key.as_str()).or_default() += i as f64 / v.lines.len().max(1) as f64;
            text.entry(l.key.as_str()).or_insert(l.text.as_str());
        }
    }
    let shared = |k: &str| count.get(k).copied().unwrap_or(0) >= need;
    // Form lines in their usual order.
    let mut order: Vec<&str> = position.keys().copied().filter(|k| shared(k)).collect();
    order.sort_by(|a, b| {
        let pa = position[a] / count[a] as f64;
        let pb = position[b] / count[b] as f64;
        pa.total_cmp(&pb).then(a.cmp(b))
    });
    let mut areas: Vec<Area> = Vec::new();
    let mut first_question = None;
    // A line that asks is a question unless every member follows it with
    // the form's next question or heading (then it is an instruction:
    // "Please fill in each section below."); a heading is one when it
    // leads a sender's text in a third of the members, two at least.
    let question = |k: &str| {
        let n = leading.get(k).copied().unwrap_or(0);
        let introduces = before_heading.get(k).is_some_and(|&b| b >= count[k]);
        let guidance = repeated.get(k).is_some_and(|&r| r * 2 >= count[k])
            || (text[k].starts_with('(') && text[k].ends_with(')'));
        !is_optional(k)
            && !guidance
            && ((asks(text[k]) && !introduces) || (n * 3 >= members.len() && n >= 2))
    };
    for (i, k) in order.iter().enumerate() {
        let t = text[k];
        if question(k) {
            first_question.get_or_insert(i);
            add_question(&mut areas, t);
        } else if numbered(t) {
            areas.push(Area {
                heading: t.to_string(),
                questions: Vec::new(),
            });
        }
    }
    areas.retain(|a| !a.questions.is_empty());
    // Header labels: short form lines before the first question, followed
    // in the members by a short line that is no form text.
    let before: BTreeSet<&str> = order[..first_question.unwrap_or(order.len())]
        .iter()
        .copied()
        .collect();
    let mut values: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    // Each member's value of each label.
    let mut of_member: BTreeMap<(usize, &str), &str> = BTreeMap::new();
    for &d in members {
        let v = &views[d];
        for i in 0..v.lines.len().saturating_sub(1) {
            let (l, next) = (&v.lines[i], &v.lines[i + 1]);
            // The value: no line most members share (two senders may
            // share a value, one sender's versions do).
            if v.form[i]
                && !shared(&next.key)
                && before.contains(l.key.as_str())
                && words(&l.key) <= 4
                && words(&next.key) <= 6
            {
                values
                    .entry(l.key.as_str())
                    .or_default()
                    .push(next.text.as_str());
                of_member.insert((d, l.key.as_str()), next.key.as_str());
            }
        }
    }
    let mut fields: Vec<FieldSpec> = order
        .iter()
        .filter_map(|k| {
            let vs = values.get(k)?;
            (vs.len() * 2 >= members.len()).then(|| field(text[k], vs))
        })
        .collect();
    fields.dedup_by(|a, b| a.name == b.name);
    settle_roles(&mut fields);
    // A sender value shared by submissions with different contacts is the
    // form's generic value; one sender's versions share theirs and their
    // contact alike.
    if let Some(sender) = fields.iter().find(|f| f.role == Some(Role::Sender)) {
        let sk = key(&sender.name);
        let person: Vec<String> = (fields.iter())
            .filter(|f| matches!(f.role, Some(Role::Contact | Role::Email)))
            .map(|f| key(&f.name))
            .collect();
        // Per sender value, the contacts of the members that hold it.
        let mut by_value: BTreeMap<&str, (usize, BTreeSet<Vec<&str>>)> = BTreeMap::new();
        for &d in members {
            let Some(v) = of_member.get(&(d, sk.as_str())) else {
                continue;
            };
            let who: Vec<&str> = (person.iter())
                .filter_map(|p| of_member.get(&(d, p.as_str())).copied())
                .collect();
            let entry = by_value.entry(v).or_default();
            entry.0 += 1;
            entry.1.insert(who);
        }
        for (v, (n, people)) in by_value {
            let others = person.is_empty() || people.len() >= 2;
            let text = values[sk.as_str()]
                .iter()
                .find(|t| key(t) == v)
                .copied()
                .unwrap_or(v);
            if n >= 2 && others && !learned.generic_sender.iter().any(|g| g == text) {
                learned.generic_sender.push(text.to_string());
            }
        }
    }
    // The variant's title: its first shared line before the questions that
    // is no header value, and a title's length (not a paragraph).
    let title = order[..first_question.unwrap_or(order.len())]
        .iter()
        .find(|k| !question(k) && !values.contains_key(*k) && (2..=12).contains(&words(k)))
        .map(|k| text[k].to_string());
    if learned.title.is_none() {
        learned.title = title.clone();
    }
    // The rest of the text (nearly) every member holds is the form's:
    // instructions, option labels, a model text's sentences its senders
    // keep. Nearly every: nine in ten, and three at least, so that answers
    // one sender's text was copied into (or one submission's versions)
    // stay answers.
    let labels: BTreeSet<String> = fields
        .iter()
        .flat_map(|f| f.labels.iter().map(|l| key(l)))
        .collect();
    let most = (members.len() * 9).div_ceil(10).max(3);
    let everywhere = |k: &str| count.get(k).is_some_and(|&n| n >= most);
    let instructions = order
        .iter()
        .filter(|k| count[*k] >= most)
        .filter(|k| !question(k) && !numbered(text[*k]) && !values.contains_key(*k))
        .filter(|k| !text[*k].contains(crate::choice::is_box))
        .filter(|k| !labels.contains(**k) && title.as_deref() != Some(text[*k]))
        .map(|k| text[k].to_string())
        .collect();
    let models = model_sentences(views, members, &everywhere, most);
    Variant {
        name: name.to_string(),
        title,
        fields,
        areas,
        instructions,
        models,
        headerless: false,
    }
}

/// Whether a line of `line` distinct words, `held` of them a model
/// sentence's `model` words, fills that model: (nearly) all the model is in
/// the line, and it is most of the line (what fills a slot is short). One
/// test for learning a model and for finding it in a submission.
pub fn fills_model(held: usize, model: usize, line: usize) -> bool {
    5 * held >= 4 * model && 2 * held >= line
}

/// How many lines of a gap [`model_sentences`] reads at most.
const SAMPLE: usize = 256;

/// A model text's sentences: in the gap after a line every member shares,
/// the line that (nearly) every member has at the same place, worded alike
/// but for what fills its slots ("Webbplatsen publicerades den
/// 2019-05-14.", "… den 2021-11-02."). Each is given as the words most of
/// those lines hold: a sender's answer in such a line is only the words it
/// put in (see [`crate::form::Form::own_words`]).
fn model_sentences(
    views: &[View],
    members: &[usize],
    is_anchor: &dyn Fn(&str) -> bool,
    most: usize,
) -> Vec<String> {
    let mut gaps: BTreeMap<(&str, usize), Vec<&Line>> = BTreeMap::new();
    for &d in members {
        let (v, mut anchor, mut offset) = (&views[d], "", 0);
        for (i, l) in v.lines.iter().enumerate() {
            if v.form[i] && is_anchor(&l.key) {
                (anchor, offset) = (l.key.as_str(), 0);
            } else {
                offset += 1;
                gaps.entry((anchor, offset)).or_default().push(l);
            }
        }
    }
    let mut found = Vec::new();
    for all in gaps.values().filter(|ls| ls.len() >= most) {
        // Over many members, the first few hundred tell (in member order,
        // so the same files give the same model).
        let lines = &all[..all.len().min(SAMPLE)];
        let most = (most * lines.len()).div_ceil(all.len());
        // The word pairs in most of the lines (pairs, so that the words
        // stand in the model's order), and the first line's words that are
        // in one of them.
        let mut held: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        for l in lines {
            let w: Vec<&str> = l.key.split(' ').collect();
            let pairs: BTreeSet<(&str, &str)> = w.windows(2).map(|p| (p[0], p[1])).collect();
            pairs
                .into_iter()
                .for_each(|p| *held.entry(p).or_default() += 1);
        }
        let common = |p: (&str, &str)| held.get(&p).is_some_and(|&n| n * 2 > lines.len());
        let first: Vec<&str> = lines[0].key.split(' ').collect();
        let kept = |i: usize| {
            (i > 0 && common((first[i - 1], first[i])))
                || (i + 1 < first.len() && common((first[i], first[i + 1])))
        };
        let mut model: Vec<&str> = (0..first.len())
            .filter(|&i| kept(i))
            .map(|i| first[i])
            .collect();
        model.dedup();
        let alike = |l: &&&Line| {
            let w: BTreeSet<&str> = l.key.split(' ').collect();
            let held = model.iter().filter(|m| w.contains(*m)).count();
            fills_model(held, model.len(), w.len())
        };
        let alike = lines.iter().filter(alike).count();
        // A model sentence has words, not only numbers a value shares.
        let worded = model
            .iter()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .count();
        if worded >= 3 && alike >= most {
            found.push(model.join(" "));
        }
    }
    found
}

/// A template from what was learned.
pub fn template(name: &str, learned: Learned) -> Template {
    let mut t = Template::new(name);
    t.placeholders.extend(learned.placeholders);
    t.generic_namnd = learned.generic_sender;
    t.variants = learned.variants;
    // Fields the variants share become the template's.
    if let Some(first) = t.variants.first() {
        if t.variants.iter().all(|v| v.fields == first.fields) {
            t.fields = first.fields.clone();
            t.variants.iter_mut().for_each(|v| v.fields.clear());
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_is_no_phone_however_many_digits_it_has() {
        assert_eq!(field("Datum", &["2025-02-13", "2025-02-07"]).role, None);
        assert_eq!(field("Submitted", &["13/02/2025", "07/02/2025"]).role, None);
        assert_eq!(
            field("Växel", &["0470-41 38 90", "0470-41 53 20"]).role,
            Some(Role::Phone)
        );
    }

    #[test]
    fn a_number_that_names_no_one_is_no_phone_however_it_looks() {
        assert_eq!(field("Organisationsnummer:", &["802011-5570"]).role, None);
        assert_eq!(field("Project no:", &["2023-01-0042"]).role, None);
        assert_eq!(
            field("Telefonnummer:", &["08-508 28 000"]).role,
            Some(Role::Phone)
        );
        assert_eq!(field("Mobil:", &["070-123 45 67"]).role, Some(Role::Phone));
    }

    /// A row of boxes that answers two questions alike ("[x] Ja  [ ] Nej")
    /// is a choice the sender marked, never a placeholder of the form.
    #[test]
    fn a_row_of_boxes_is_never_a_learned_placeholder() {
        let docs: Vec<Vec<Line>> = (0..4)
            .map(|i| {
                let marks = if i == 0 { "[x] Ja  [ ] Nej" } else { "[ ] Ja  [x] Nej" };
                let text = format!(
                    "Verksamhetsberättelse 2023\n\n1.1 Har föreningen samarbetat med skolor?\n{marks}\n\n1.2 Har föreningen en plan mot kränkande behandling?\n{marks}\n\n2.1 Vilka aktiviteter har föreningen genomfört?\nVi har träffats {i} gånger i veckan och ordnat läger.\n"
                );
                lines(&crate::normalize::normalize(&text))
            })
            .collect();
        let learned = from_submissions(&docs, LEARNED, &|_| false);
        assert_eq!(learned.placeholders, Vec::<String>::new());
    }

    #[test]
    fn of_two_people_the_one_the_label_calls_contact_is_the_contact() {
        let mut fields: Vec<FieldSpec> = [
            ("Principal investigator", Role::Contact),
            ("PI e-mail", Role::Email),
            ("Contact person", Role::Contact),
            ("Contact e-mail", Role::Email),
            ("Telefon", Role::Phone),
        ]
        .iter()
        .map(|(n, r)| FieldSpec {
            name: n.to_string(),
            labels: vec![n.to_string()],
            role: Some(*r),
        })
        .collect();
        one_contact(&mut fields);
        let roles: Vec<Option<Role>> = fields.iter().map(|f| f.role).collect();
        assert_eq!(
            roles,
            [
                None,
                None,
                Some(Role::Contact),
                Some(Role::Email),
                Some(Role::Phone)
            ]
        );
    }
}
