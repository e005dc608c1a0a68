//! Parsing normalised text against the form template into a [`Submission`]:
//! header fields, the form variant, and each question with its answer.
//!
//! Questions are found by fuzzy matching (strsim) runs of source lines
//! against the template's headings and questions, because senders reword
//! them, delete them and exports break them across lines. The answer to a
//! question is everything between it and the next heading or question.

pub mod learn;
mod matcher;
pub mod slot;
pub mod template;

use std::ops::Range;
use std::sync::Arc;

use crate::normalize::{fold_case, Doc, Pos};
pub use template::{FieldSpec, Role, Template, TemplateError};

/// A template prepared for matching: keys and vocabularies built once.
#[derive(Debug)]
pub struct Form {
    pub template: Template,
    items: matcher::Items,
    report_year: Option<regex::Regex>,
    /// The header of the template (first), then of each variant.
    headers: Vec<Header>,
    fillers: Fillers,
    /// Question texts per variant, shared by every parsed submission.
    questions: Vec<Vec<Arc<str>>>,
    optional: Vec<Arc<str>>,
    /// Each variant's instructions, by their comparison keys.
    instructions: Vec<std::collections::HashSet<String>>,
    /// Each variant's model sentences, by their words' keys, sorted.
    models: Vec<Vec<Vec<u64>>>,
    /// Each variant's instructions that end in a colon (labels a sender
    /// writes after, on their line), by their words' keys in order.
    labels: Vec<Vec<Vec<u64>>>,
}

/// A set of header fields prepared for parsing.
#[derive(Debug)]
struct Header {
    /// (field index, folded label), the longest label first.
    label_keys: Vec<(usize, String)>,
    names: Vec<Arc<str>>,
    roles: Vec<Option<Role>>,
}

impl Header {
    fn new(fields: &[FieldSpec]) -> Header {
        let mut label_keys: Vec<(usize, String)> = fields
            .iter()
            .enumerate()
            .flat_map(|(f, spec)| spec.labels.iter().map(move |l| (f, fold_case(l.trim()))))
            .filter(|(_, l)| !l.is_empty())
            .collect();
        // Longest label first, so "Nämnd/bolagsstyrelse" wins over "Nämnd".
        label_keys.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.cmp(b)));
        Header {
            label_keys,
            names: fields.iter().map(|f| Arc::from(f.name.as_str())).collect(),
            roles: fields.iter().map(|f| f.role).collect(),
        }
    }
}

/// The form's filler texts, folded once for quick comparison.
#[derive(Debug)]
struct Fillers {
    placeholders: Vec<String>,
    non_answers: Vec<String>,
    /// Byte length of the longest folded filler: longer text is no filler.
    longest: usize,
    /// Any placeholder, case-insensitively, anywhere in a text.
    placeholder_re: Option<regex::Regex>,
    /// Short answers that only point elsewhere count as non-answers.
    cross_references: bool,
}

/// Whether a folded answer only points elsewhere: "se svaret på fråga 1
/// ovan", "se ovan under fråga 7", "samma som ovan", "see above".
fn is_cross_reference(folded: &str) -> bool {
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let starts = [
        "se",
        "see",
        "samma",
        "hänvisar",
        "hänvisning",
        "same",
        "refer",
    ];
    let points = [
        "ovan", "nedan", "fråga", "frågan", "svar", "svaret", "punkt", "above", "below",
        "question", "answer",
    ];
    words.len() <= 10
        && words.first().is_some_and(|w| starts.contains(w))
        && words[1..].iter().any(|w| points.contains(w))
}

/// A pattern for `text` in either case: each letter a class of its lower
/// and upper case (`[kK][lL]…[äÄ]`). Unlike `(?i)`, which also lets `k`
/// match the Kelvin sign, this keeps a prefix of plain literals that the
/// regex engine searches for quickly.
fn either_case(text: &str) -> String {
    text.chars()
        .map(|c| {
            let (lower, upper): (String, String) =
                (c.to_lowercase().collect(), c.to_uppercase().collect());
            let one = |s: &str| s.chars().count() == 1;
            if lower != upper && one(&lower) && one(&upper) {
                format!("[{}{}]", regex::escape(&lower), regex::escape(&upper))
            } else {
                regex::escape(&c.to_string())
            }
        })
        .collect()
}

/// Whether a question says it may be left unanswered: "(frivilligt)",
/// "(valfritt)", "(optional)", "(if any)", or a follow-up that opens with
/// its condition ("Om ja, …", "If yes: …").
pub fn is_optional_question(text: &str) -> bool {
    let k = fold_case(text);
    let marked = [
        "(frivillig",
        "(valfri",
        "(optional",
        "(if any",
        "(om något",
        "(om några",
    ];
    // A follow-up that applies only after one answer to the question
    // before: "Om ja, beskriv …", "If yes: describe …", "Only if you
    // answered Yes to 3.2."
    let conditional = [
        "om ja",
        "om nej",
        "i så fall",
        "if yes",
        "if no,",
        "if no:",
        "if so",
        "only if",
        "endast om",
        "bara om",
        "if applicable",
        "om tillämpligt",
    ];
    let opens = |m: &&str| {
        let rest = k.trim_start_matches(|c: char| !c.is_alphabetic());
        rest.starts_with(m) || k.contains(&format!("({m}"))
    };
    marked.iter().any(|m| k.contains(m)) || conditional.iter().any(opens)
}

/// Folds a value for comparison with the form's filler texts: case-folded,
/// trimmed, without trailing full stops.
pub fn fold_filler(s: &str) -> String {
    s.trim().trim_end_matches(['.', ' ']).to_lowercase()
}

impl Fillers {
    fn new(t: &Template) -> Fillers {
        let fold = |v: &[String]| -> Vec<String> {
            v.iter()
                .map(|s| fold_filler(s))
                .filter(|s| !s.is_empty())
                .collect()
        };
        let (placeholders, non_answers) = (fold(&t.placeholders), fold(&t.non_answers));
        let longest = placeholders
            .iter()
            .chain(&non_answers)
            .map(String::len)
            .max()
            .unwrap_or(0);
        // Learned placeholders come from files: one too long to be a
        // filler is not searched for, and a pattern too large to build is
        // none (never a panic).
        let alternatives: Vec<String> = (placeholders.iter())
            .filter(|p| p.chars().count() <= template::MAX_FILLER_CHARS)
            .map(|p| either_case(p))
            .collect();
        let placeholder_re = (!alternatives.is_empty())
            .then(|| regex::Regex::new(&alternatives.join("|")).ok())
            .flatten();
        Fillers {
            cross_references: t.cross_references && !non_answers.is_empty(),
            placeholders,
            non_answers,
            longest,
            placeholder_re,
        }
    }

    /// The folded text if it is short enough to be a filler.
    fn fold(&self, text: &str) -> Option<String> {
        (text.trim().len() <= self.longest + 8).then(|| fold_filler(text))
    }
}

/// A header field as found: the line with its label and the value's bytes in
/// [`Doc::text`] (`None` when there is no value).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderEntry {
    /// Index into the template's fields.
    pub field: usize,
    /// The field's name, as messages print it.
    pub name: Arc<str>,
    pub role: Option<Role>,
    pub label_unit: Option<usize>,
    pub value: Option<Range<usize>>,
}

/// Where a heading, question or section was found: the units holding its own
/// text, the units of the answer that follows, and how well it matched.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub units: Range<usize>,
    pub answer: Range<usize>,
    pub score: f64,
}

/// One question of the submission's variant, found or not.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionSlot {
    /// Index of the focus area in the variant.
    pub area: usize,
    /// The question as the template words it.
    pub text: Arc<str>,
    pub found: Option<Found>,
}

/// An optional section ("Övriga upplysningar") that was found.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub title: Arc<str>,
    pub found: Found,
}

/// A parsed submission.
#[derive(Debug, Clone)]
pub struct Submission {
    pub doc: Doc,
    /// Index into the template's variants; `None` when no question matched.
    pub variant: Option<usize>,
    pub header: Vec<HeaderEntry>,
    pub questions: Vec<QuestionSlot>,
    pub sections: Vec<Section>,
    /// Focus-area headings found: (area index, where).
    pub headings: Vec<(usize, Found)>,
    pub report_year: Option<u32>,
}

impl Submission {
    /// The (first) header field with a role, if the form has one.
    pub fn role(&self, role: Role) -> Option<&HeaderEntry> {
        self.header.iter().find(|h| h.role == Some(role))
    }

    /// The header field with a role and its value's bytes, if it has one.
    pub fn filled(&self, role: Role) -> Option<(&HeaderEntry, Range<usize>)> {
        let e = self.role(role)?;
        Some((e, e.value.clone()?))
    }

    /// The value of the header field with a role, if it has one.
    pub fn value(&self, role: Role) -> Option<&str> {
        self.role(role)?.value.clone().map(|r| &self.doc.text[r])
    }

    /// Whether the submission fits its variant: at least half of the
    /// variant's questions were found. One that does not is another form
    /// (FORM001), not a submission with its questions deleted.
    pub fn fits(&self) -> bool {
        let found = self.questions.iter().filter(|q| q.found.is_some()).count();
        self.variant.is_some() && found * 2 >= self.questions.len()
    }

    /// True when nothing of the form was recognised: not a submission.
    pub fn is_unrecognised(&self) -> bool {
        self.variant.is_none() && self.header.iter().all(|h| h.label_unit.is_none())
    }

    /// The answer text of a found question or section.
    pub fn answer_text(&self, found: &Found) -> &str {
        self.doc.units_text(found.answer.clone())
    }

    /// The units of an answer that are the sender's: the form's own text
    /// inside it (an instruction, a closing "Thank you") left out.
    pub fn own_units(&self, found: &Found, form: &Form) -> Vec<usize> {
        (found.answer.clone())
            .filter(|&u| !form.is_instruction(self.variant, self.doc.unit_text(u)))
            .collect()
    }

    /// The text of an answer's own units (see [`Submission::own_units`]).
    pub fn own_text(&self, found: &Found, form: &Form) -> String {
        let units = self.own_units(found, form).into_iter();
        let text: Vec<&str> = units.map(|u| self.doc.unit_text(u)).collect();
        text.join(" ")
    }

    /// Where the answer to a question (or optional section) starts in the
    /// text, if the question was found.
    pub fn answer_offset(&self, question: &str) -> Option<usize> {
        let found = self
            .questions
            .iter()
            .find(|q| &*q.text == question)
            .and_then(|q| q.found.as_ref())
            .or_else(|| {
                let s = self.sections.iter().find(|s| &*s.title == question)?;
                Some(&s.found)
            })?;
        Some(self.answer_start(found))
    }

    /// Where a found item's answer starts in the text: its first character,
    /// or the item's own text when the answer is empty.
    fn answer_start(&self, found: &Found) -> usize {
        let unit = if found.answer.is_empty() {
            found.units.start
        } else {
            found.answer.start
        };
        self.doc.units[unit].range.start
    }

    /// The template text of the question whose answer holds byte `off`.
    pub fn question_at(&self, off: usize) -> Option<&str> {
        let unit = self
            .doc
            .units
            .partition_point(|u| u.range.start <= off)
            .checked_sub(1)?;
        self.questions
            .iter()
            .find(|q| q.found.as_ref().is_some_and(|f| f.answer.contains(&unit)))
            .map(|q| &*q.text)
    }

    /// Where a finding about a found item should point: its answer's first
    /// character, or the item's own text when the answer is empty.
    pub fn answer_pos(&self, found: &Found) -> Pos {
        self.doc.pos(self.answer_start(found))
    }
}

impl Form {
    pub fn new(template: Template) -> Form {
        let items = matcher::Items::new(&template);
        let report_year = template
            .report_year
            .as_deref()
            .map(|re| regex::Regex::new(re).expect("validated when the template was parsed"));
        let headers = std::iter::once(None)
            .chain((0..template.variants.len()).map(Some))
            .map(|v| Header::new(template.fields_of(v)))
            .collect();
        let instructions = (template.variants.iter())
            .map(|v| v.instructions.iter().map(|i| learn::key(i)).collect())
            .collect();
        let sequence = |m: &str| -> Vec<u64> {
            let tokens = crate::normalize::tokenize(m, 0);
            tokens.iter().map(|t| t.key).collect()
        };
        let words = |m: &str| {
            let mut keys = sequence(m);
            keys.sort_unstable();
            keys.dedup();
            keys
        };
        let models = (template.variants.iter())
            .map(|v| v.models.iter().map(|m| words(m)).collect())
            .collect();
        let labels = (template.variants.iter())
            .map(|v| {
                let colon = v
                    .instructions
                    .iter()
                    .filter(|i| i.trim_end().ends_with(':'));
                colon.map(|i| sequence(i)).collect()
            })
            .collect();
        Form {
            instructions,
            models,
            labels,
            questions: template
                .variants
                .iter()
                .map(|v| v.questions().map(|(_, q)| Arc::from(q)).collect())
                .collect(),
            optional: template
                .optional
                .iter()
                .map(|o| Arc::from(o.as_str()))
                .collect(),
            fillers: Fillers::new(&template),
            template,
            items,
            report_year,
            headers,
        }
    }

    /// Whether `text` is nothing but one of the form's placeholders.
    pub fn is_placeholder(&self, text: &str) -> bool {
        // A placeholder a PDF's table cell cut after a few words ("Klicka
        // eller tryck här för" / "att ange text.") is the placeholder too.
        let cut = |f: &str, p: &String| {
            f.split_whitespace().count() >= 4
                && p.strip_prefix(f).is_some_and(|r| r.starts_with(' '))
        };
        self.fillers.fold(text).is_some_and(|f| {
            let placeholders = &self.fillers.placeholders;
            placeholders.contains(&f) || placeholders.iter().any(|p| cut(&f, p))
        }) || slot::is_slot(text)
    }

    /// Whether `text` is one of the form's non-answers ("N/A"), or a short
    /// answer that only points elsewhere ("Se svaret på fråga 1 ovan").
    pub fn is_non_answer(&self, text: &str) -> bool {
        self.fillers
            .fold(text)
            .is_some_and(|f| self.fillers.non_answers.contains(&f))
            || (self.fillers.cross_references
                && text.len() <= 100
                && is_cross_reference(&fold_filler(text)))
    }

    /// Whether a line is the form's own text in `variant`, never an answer.
    pub fn is_instruction(&self, variant: Option<usize>, line: &str) -> bool {
        // A choice's line is the sender's marks, whatever its words.
        if line.contains(crate::choice::is_box) {
            return false;
        }
        let set = variant.and_then(|v| self.instructions.get(v));
        set.is_some_and(|s| !s.is_empty() && s.contains(&learn::key(line.trim())))
    }

    /// What of a line's words is the sender's own in `variant`: all but a
    /// label of the form the line holds (its value follows it), or the
    /// words not in the model sentence the line fills in (`None`: all of it
    /// is the sender's).
    pub fn own_words<'t>(
        &self,
        variant: Option<usize>,
        line: &'t [crate::normalize::Token],
    ) -> Option<Vec<&'t crate::normalize::Token>> {
        let v = variant?;
        // Where a label's words stand in a row in the line.
        let at = |l: &Vec<u64>| {
            (0..line.len().saturating_sub(l.len()))
                .find(|&i| line[i..].iter().zip(l).all(|(t, k)| t.key == *k))
                .map(|i| i..i + l.len())
        };
        if let Some(r) = self.labels.get(v).and_then(|ls| ls.iter().find_map(at)) {
            let rest = line.iter().enumerate().filter(|(i, _)| !r.contains(i));
            return Some(rest.map(|(_, t)| t).collect());
        }
        let models = self.models.get(v).filter(|m| !m.is_empty())?;
        let mut keys: Vec<u64> = line.iter().map(|t| t.key).collect();
        keys.sort_unstable();
        keys.dedup();
        let fits = |m: &Vec<u64>| {
            let held = m.iter().filter(|k| keys.binary_search(k).is_ok()).count();
            learn::fills_model(held, m.len(), keys.len())
        };
        let model = models.iter().find(|m| fits(m))?;
        Some(
            line.iter()
                .filter(|t| model.binary_search(&t.key).is_err())
                .collect(),
        )
    }

    /// The bytes of the first placeholder anywhere in `text`.
    pub fn find_placeholder(&self, text: &str) -> Option<Range<usize>> {
        let worded = (self.fillers.placeholder_re.as_ref()).and_then(|re| re.find(text));
        let shaped = slot::find(text);
        match (worded.map(|m| m.range()), shaped) {
            (Some(a), Some(b)) => Some(if b.start < a.start { b } else { a }),
            (a, b) => a.or(b),
        }
    }

    pub fn builtin() -> Form {
        Form::new(Template::builtin())
    }

    /// The form of a template file, or the built-in form.
    pub fn load(template: Option<&std::path::Path>) -> Result<Form, TemplateError> {
        match template {
            Some(p) => Template::from_file(p).map(Form::new),
            None => Ok(Form::builtin()),
        }
    }

    /// Parses a normalised document.
    pub fn parse(&self, mut doc: Doc) -> Submission {
        for at in self.items.joined_items(&doc) {
            doc.split_unit_at(at);
        }
        let keys = matcher::UnitKeys::new(&doc);
        let mut best: Option<(usize, matcher::Matches)> = None;
        let candidates = self.items.candidates(&keys);
        for i in 0..self.template.variants.len() {
            let m = self.items.assign(&candidates, i, doc.units.len());
            let better = match &best {
                None => true,
                Some((_, b)) => {
                    (m.questions_found(), m.total_score()) > (b.questions_found(), b.total_score())
                }
            };
            if better {
                best = Some((i, m));
            }
        }
        let (vi, matches) = best.expect("a template has at least one variant");
        let variant = (matches.questions_found() > 0).then_some(vi);
        let template_variant = &self.template.variants[vi];

        let first_marker = matches.first_unit().unwrap_or(doc.units.len());
        let header = self.parse_header(&doc, first_marker, variant);

        let mut questions: Vec<QuestionSlot> = template_variant
            .questions()
            .zip(&self.questions[vi])
            .map(|((area, _), text)| QuestionSlot {
                area,
                text: text.clone(),
                found: None,
            })
            .collect();
        let mut sections = Vec::new();
        let mut headings = Vec::new();
        if variant.is_some() {
            for (kind, found) in matches.into_found(doc.units.len()) {
                match kind {
                    matcher::Kind::Question(q) => questions[q].found = Some(found),
                    matcher::Kind::Heading(a) => headings.push((a, found)),
                    matcher::Kind::Optional(o) => sections.push(Section {
                        title: self.optional[o].clone(),
                        found,
                    }),
                }
            }
        }
        // The template's pattern where it matches, else the form's own year.
        let report_year = (self.report_year.as_ref())
            .and_then(|re| re.captures(&doc.text))
            .and_then(|c| c.get(1))
            .and_then(|m| m.as_str().parse().ok())
            .or_else(|| form_year(&doc, &header, &questions, &sections));
        Submission {
            doc,
            variant,
            header,
            questions,
            sections,
            headings,
            report_year,
        }
    }

    /// Finds the header fields among the units before the first heading or
    /// question: a unit that starts with a label (capitalised, followed by
    /// the end, a space or a colon) holds the value after the label, or the
    /// value is the next unit when that is not itself a label. A label
    /// standing alone or before a colon is taken before one that only opens
    /// a line of other words (a title "LIBRARY OUTREACH RETURN" before
    /// "Library: Eastfield").
    fn parse_header(&self, doc: &Doc, end: usize, variant: Option<usize>) -> Vec<HeaderEntry> {
        let h = &self.headers[variant.map_or(0, |v| v + 1)];
        let matched = |u: usize| -> Option<(usize, usize, bool)> {
            let text = doc.unit_text(u);
            if !text.chars().next().is_some_and(char::is_uppercase) {
                return None;
            }
            h.label_keys.iter().find_map(|(f, label)| {
                let len = prefix_len_folded(text, label)?;
                let rest = &text[len..];
                let strong = rest.trim_start_matches(' ');
                (rest.is_empty() || rest.starts_with([' ', ':'])).then_some((
                    *f,
                    len,
                    strong.is_empty() || strong.starts_with(':'),
                ))
            })
        };
        let mut first: Vec<Option<(usize, bool)>> = vec![None; h.names.len()];
        for u in 0..end {
            if let Some((f, _, strong)) = matched(u) {
                if first[f].is_none_or(|(_, s)| strong && !s) {
                    first[f] = Some((u, strong));
                }
            }
        }
        // A weak match where the field has a strong one later is no label.
        let label_at = |u: usize| -> Option<(usize, usize)> {
            let (f, len, strong) = matched(u)?;
            (strong || first[f].is_none_or(|(_, s)| !s)).then_some((f, len))
        };
        let mut entries: Vec<HeaderEntry> = (0..h.names.len())
            .map(|field| HeaderEntry {
                field,
                name: h.names[field].clone(),
                role: h.roles[field],
                label_unit: None,
                value: None,
            })
            .collect();
        for u in 0..end {
            let Some((field, len)) = label_at(u) else {
                continue;
            };
            let entry = &mut entries[field];
            if entry.label_unit.is_some() {
                continue;
            }
            entry.label_unit = Some(u);
            // A longer label of the field wrapped onto the next line (a
            // PDF's "Kontaktperson för eventuella" / "frågor"): its value
            // follows the label's end there, or is the line after.
            if let Some((next, off)) = wrapped_label(doc, &h.label_keys, field, u, end) {
                let range = doc.units[next].range.clone();
                let trimmed = doc.text[range.start + off..range.end].trim_start_matches([' ', ':']);
                entry.value = if !trimmed.is_empty() {
                    Some(range.end - trimmed.len()..range.end)
                } else if next + 1 < end
                    && label_at(next + 1).is_none()
                    && could_be_value(doc.unit_text(next + 1))
                {
                    Some(doc.units[next + 1].range.clone())
                } else {
                    None
                };
                continue;
            }
            let range = doc.units[u].range.clone();
            let rest = &doc.text[range.start + len..range.end];
            let trimmed = rest.trim_start_matches([' ', ':']);
            if !trimmed.is_empty() {
                // A table of two fields a row, read as one line ("Telefon
                // 0520-49 71 20  E-post maria@…"): each value stops where
                // the next field's label stands.
                let mut at = range.end - trimmed.len();
                let mut field = field;
                while let Some((next, start, len)) =
                    next_label(&doc.text[at..range.end], &h.label_keys, field)
                {
                    let value = doc.text[at..at + start].trim_end();
                    entries[field].value = (!value.is_empty()).then(|| at..at + value.len());
                    let after = at + start + len;
                    let v = doc.text[after..range.end].trim_start_matches([' ', ':']);
                    at = range.end - v.len();
                    field = next;
                    if entries[field].label_unit.is_some() {
                        break;
                    }
                    entries[field].label_unit = Some(u);
                    entries[field].value = None;
                }
                if entries[field].label_unit == Some(u) && entries[field].value.is_none() {
                    let v = doc.text[at..range.end].trim_end();
                    entries[field].value = (!v.is_empty()).then(|| at..at + v.len());
                }
                continue;
            }
            entry.value =
                if u + 1 < end && label_at(u + 1).is_none() && could_be_value(doc.unit_text(u + 1))
                {
                    Some(doc.units[u + 1].range.clone())
                } else {
                    None
                };
        }
        entries
    }
}

/// Where in a value another field's label begins (after a space, in
/// capitals, followed by a space or a colon): the field, the byte where
/// its label begins and the label's length.
fn next_label(
    value: &str,
    labels: &[(usize, String)],
    field: usize,
) -> Option<(usize, usize, usize)> {
    let starts = value
        .char_indices()
        .filter(|&(i, c)| i > 0 && c.is_uppercase() && value[..i].ends_with(' '));
    for (i, _) in starts {
        let found = labels
            .iter()
            .filter(|(f, _)| *f != field)
            .find_map(|(f, label)| {
                let len = prefix_len_folded(&value[i..], label)?;
                let rest = &value[i + len..];
                (rest.is_empty() || rest.starts_with([' ', ':'])).then_some((*f, i, len))
            });
        if found.is_some() {
            return found;
        }
    }
    None
}

/// Whether the line after an empty label can be its value: not the form's
/// next sentence (an instruction after an empty table cell). A malformed
/// value or a placeholder is still a value, for the rules to report.
fn could_be_value(text: &str) -> bool {
    let text = text.trim();
    let words = text.split_whitespace().count();
    !(words > 6 && text.ends_with(['.', '!', '?', ':']))
}

/// Where a label of `field` that unit `u` begins runs on into the next
/// unit: that unit, and the byte offset in it where the label ends.
fn wrapped_label(
    doc: &Doc,
    labels: &[(usize, String)],
    field: usize,
    u: usize,
    end: usize,
) -> Option<(usize, usize)> {
    if u + 1 >= end {
        return None;
    }
    let (first, next) = (doc.unit_text(u), doc.unit_text(u + 1));
    let joined = format!("{first} {next}");
    labels
        .iter()
        .filter(|(f, _)| *f == field)
        .find_map(|(_, label)| {
            let len = prefix_len_folded(&joined, label)?;
            let off = len.checked_sub(first.len() + 1).filter(|&o| o > 0)?;
            let rest = &next[off..];
            (rest.is_empty() || rest.starts_with([' ', ':'])).then_some((u + 1, off))
        })
}

/// The first year (1990–2099) in the form's own text: the units that are
/// no answer and no header value (title, instructions, headings,
/// questions), where a form says what year it reports on ("budget 2022",
/// "miljöarbete 2023").
fn form_year(
    doc: &Doc,
    header: &[HeaderEntry],
    questions: &[QuestionSlot],
    sections: &[Section],
) -> Option<u32> {
    let mut answer = vec![false; doc.units.len()];
    let found = questions.iter().filter_map(|q| q.found.as_ref());
    for f in found.chain(sections.iter().map(|s| &s.found)) {
        answer[f.answer.clone()].iter_mut().for_each(|a| *a = true);
    }
    // A value on a line of its own (a value beside its label keeps the
    // label's line: "Telefon 08-508 21 083" holds no year).
    for h in header {
        let Some(v) = &h.value else { continue };
        let u = doc.units.partition_point(|x| x.range.start <= v.start);
        if let Some(u) = u.checked_sub(1).filter(|&u| h.label_unit != Some(u)) {
            answer[u] = true;
        }
    }
    (0..doc.units.len())
        .filter(|&u| !answer[u])
        .find_map(|u| year_in(doc.unit_text(u)))
}

/// The first standalone four-digit year from 1990 to 2099 in a text.
fn year_in(text: &str) -> Option<u32> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|n| n.len() == 4)
        .filter_map(|n| n.parse::<u32>().ok())
        .find(|y| (1990..2100).contains(y))
}

/// The byte length of the prefix of `text` that equals `folded_label` when
/// case-folded, if there is one.
fn prefix_len_folded(text: &str, folded_label: &str) -> Option<usize> {
    let mut label = folded_label.chars().peekable();
    for (i, c) in text.char_indices() {
        if label.peek().is_none() {
            return Some(i);
        }
        for lc in c.to_lowercase() {
            if label.next() != Some(lc) {
                return None;
            }
        }
    }
    label.peek().is_none().then_some(text.len())
}

#[cfg(test)]
mod tests;

#[cfg(test)]
pub(crate) mod testing {
    //! Test texts built from the built-in form.

    /// A complete stadsdelsnämnd submission with every answer given.
    pub fn complete() -> String {
        let t = super::Template::builtin();
        let mut s = String::from(
            "Nämnd\nFarsta stadsdelsnämnd\nKontaktperson för eventuella frågor\nAnna Berg\n\
             Telefon\n08-508 18 000\nE-post\nanna.berg@stockholm.se\n\n\
             Uppföljning av direktiv och aktiviteter med näringslivskoppling i budget 2022\n\n",
        );
        for (a, area) in t.variants[0].areas.iter().enumerate() {
            s.push_str(&format!("{}\n\n", area.heading));
            for (q, question) in area.questions.iter().enumerate() {
                s.push_str(&format!(
                    "{question}\n\nFörvaltningen arbetar med område {a} fråga {q} tillsammans med lokala företag i Farsta.\n\n"
                ));
            }
        }
        s
    }
}
