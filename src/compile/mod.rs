//! `dubbelkoll compile`: the checked submissions as one document, the
//! reviewer's sammanställning. Per form variant, focus area and question,
//! every sender's answer under the sender's name; of a group of versions
//! only one (the newest, or the one the reviewer names); a missing,
//! empty, placeholder or non-answer marked in its place, never compiled as
//! text. Front sections list the versions, what each sender lacks and the
//! files not compiled; an appendix lists every finding of the check.
//!
//! [`compile`] builds the [`Compilation`]; the writers (`docx`, `xlsx`,
//! `markdown`, `html`) only render it, to the same bytes for the same
//! input.

pub mod docx;
pub mod html;
pub mod markdown;
mod ooxml;
pub mod xlsx;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::check::{self, Options, Outcome, Status};
use crate::finding::{path_bytes, Finding};
use crate::form::{Form, Found, Submission};
use crate::i18n::Lang;
use crate::normalize::is_list_item;

/// The compiled document's formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    Docx,
    Xlsx,
    Md,
    Html,
}

impl Kind {
    /// The format a file name asks for, by its extension.
    pub fn of(path: &Path) -> Option<Kind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "docx" => Kind::Docx,
            "xlsx" => Kind::Xlsx,
            "md" | "markdown" => Kind::Md,
            "html" | "htm" => Kind::Html,
            _ => return None,
        })
    }

    /// The document's media type, for a download.
    pub fn media_type(self) -> &'static str {
        match self {
            Kind::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Kind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Kind::Md => "text/markdown; charset=utf-8",
            Kind::Html => "text/html; charset=utf-8",
        }
    }

    /// The document's bytes.
    pub fn write(self, c: &Compilation) -> Result<Vec<u8>, String> {
        match self {
            Kind::Docx => docx::write(c),
            Kind::Xlsx => xlsx::write(c),
            Kind::Md => Ok(markdown::write(c).into_bytes()),
            Kind::Html => Ok(html::write(c).into_bytes()),
        }
    }
}

/// One paragraph of an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub text: String,
    /// A list item in the submission (it started with a bullet).
    pub item: bool,
}

/// Why a question has no answer to compile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gap {
    /// The question is not in the submission (MISS003).
    Missing,
    /// The answer is empty (MISS002).
    Empty,
    /// The answer is the form's placeholder (MISS001).
    Placeholder,
    /// The answer is a non-answer such as "N/A" (MISS002).
    NonAnswer(String),
}

impl Gap {
    /// The rule that reports it.
    pub fn rule(&self) -> &'static str {
        match self {
            Gap::Missing => "MISS003",
            Gap::Placeholder => "MISS001",
            Gap::Empty | Gap::NonAnswer(_) => "MISS002",
        }
    }

    /// Its marker without the rule, for a document to send on: "inget svar
    /// (N/A)".
    pub fn describe_plain(&self, lang: Lang) -> String {
        let w = words(lang);
        match self {
            Gap::Missing => w.question_missing.to_string(),
            Gap::Placeholder | Gap::Empty => w.no_answer.to_string(),
            Gap::NonAnswer(t) => format!("{} ({t})", w.no_answer),
        }
    }

    /// Its marker in the document: "inget svar (MISS002: N/A)".
    pub fn describe(&self, lang: Lang) -> String {
        let w = words(lang);
        let what = match self {
            Gap::Missing => w.question_missing,
            _ => w.no_answer,
        };
        match self {
            Gap::Placeholder => format!("{what} ({}: {})", self.rule(), w.placeholder),
            Gap::NonAnswer(t) => format!("{what} ({}: {t})", self.rule()),
            _ => format!("{what} ({})", self.rule()),
        }
    }
}

/// A sender's answer to one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Text(Vec<Block>),
    Gap(Gap),
}

/// One sender's entry under a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub sender: String,
    pub contact: Option<String>,
    pub path: PathBuf,
    pub answer: Answer,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub text: String,
    pub entries: Vec<Entry>,
    /// A choice question's count of each option chosen: "Ja 7 · Nej 2 ·
    /// inget svar 1".
    pub tally: Option<String>,
}

/// The count of each option of a choice question, when most senders
/// answered it with one choice of the same options; those with no option
/// marked (or no answer) counted as "no answer".
fn tally(entries: &[Entry], w: &Words) -> Option<String> {
    let choice_of = |e: &Entry| -> Option<Vec<(String, bool)>> {
        let Answer::Text(blocks) = &e.answer else {
            return None;
        };
        let found = crate::choice::in_lines(blocks.iter().map(|b| b.text.as_str()));
        match found.as_slice() {
            [(_, c)] if c.options.iter().all(|o| !o.label.is_empty()) => Some(
                (c.options.iter())
                    .map(|o| (o.label.to_string(), o.marked))
                    .collect(),
            ),
            _ => None,
        }
    };
    let choices: Vec<Option<Vec<(String, bool)>>> = entries.iter().map(choice_of).collect();
    let first = choices.iter().flatten().next()?;
    let labels: Vec<&str> = first.iter().map(|(l, _)| l.as_str()).collect();
    let same =
        |c: &Vec<(String, bool)>| c.iter().map(|(l, _)| l.as_str()).eq(labels.iter().copied());
    let alike = choices.iter().flatten().filter(|c| same(c)).count();
    if alike * 2 < entries.len() || alike < 2 {
        return None;
    }
    let mut counts = vec![0usize; labels.len()];
    let mut none = 0;
    for c in &choices {
        match c.as_ref().filter(|c| same(c) && c.iter().any(|o| o.1)) {
            Some(c) => (c.iter().enumerate())
                .filter(|(_, o)| o.1)
                .for_each(|(i, _)| counts[i] += 1),
            None => none += 1,
        }
    }
    let mut parts: Vec<String> = (labels.iter().zip(&counts))
        .map(|(l, n)| format!("{l} {n}"))
        .collect();
    if none > 0 {
        parts.push(format!("{} {none}", w.no_answer));
    }
    Some(parts.join(" · "))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Area {
    pub heading: String,
    pub questions: Vec<Question>,
}

/// The submissions of one form variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub title: String,
    pub areas: Vec<Area>,
}

/// The versions of one submission and the one compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Versions {
    pub sender: String,
    /// From the oldest to the newest.
    pub files: Vec<PathBuf>,
    pub compiled: PathBuf,
    /// Named by `--version-from`, not the newest.
    pub chosen: bool,
    /// Why the newest is the newest.
    pub newest_by: crate::versions::NewestBy,
    /// No header tied the files to one sender.
    pub by_similarity_only: bool,
}

/// What one sender's compiled submission lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lacks {
    pub sender: String,
    pub path: PathBuf,
    /// Header fields without a value (Telefon, E-post).
    pub fields: Vec<String>,
    /// (question, why).
    pub gaps: Vec<(String, Gap)>,
}

/// What the reviewer asks of a compilation.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// Versions to compile instead of the newest of their group.
    pub pick: &'a [PathBuf],
    pub lang: Lang,
    /// A document to send on (see [`Compilation::clean`]).
    pub clean: bool,
}

/// The compiled document, ready to write in any format.
#[derive(Debug, Clone)]
pub struct Compilation {
    pub lang: Lang,
    /// For sending on: no file paths, no rule codes, no reviewer's
    /// sections; senders as confirmed.
    pub clean: bool,
    /// The form's name, the report year most submissions state, and the
    /// date compiled (`SOURCE_DATE_EPOCH` when set), for the title.
    pub form_name: String,
    pub report_year: Option<u32>,
    pub date: String,
    /// Senders named by what their text names most, their sender field
    /// having been left at the form's generic value (clean mode).
    pub confirmed: Vec<String>,
    /// In a round, where its expected senders stand: the counts, then who
    /// is in each state (front matter).
    pub round: Vec<String>,
    /// Submissions checked, and compiled.
    pub checked: usize,
    pub compiled: usize,
    pub parts: Vec<Part>,
    pub versions: Vec<Versions>,
    pub lacks: Vec<Lacks>,
    /// Files that are not in the document, and why.
    pub not_compiled: Vec<(PathBuf, String)>,
    /// Every finding of the check, for the appendix.
    pub findings: Vec<Finding>,
}

/// The words of the compiled document.
pub struct Words {
    pub title: &'static str,
    /// "Compiled {date}".
    pub compiled_on: &'static str,
    /// Said once in a clean document where senders were confirmed.
    pub confirmed: &'static str,
    /// A header field without a value.
    pub field_missing: &'static str,
    pub intro: &'static str,
    pub versions: &'static str,
    pub versions_of: &'static str,
    pub compiled_newest: &'static str,
    pub compiled_chosen: &'static str,
    pub lacks: &'static str,
    pub nothing_lacks: &'static str,
    pub not_compiled: &'static str,
    pub fits_no_form: &'static str,
    pub older_version: &'static str,
    pub appendix: &'static str,
    pub no_findings: &'static str,
    pub form: &'static str,
    pub other_sections: &'static str,
    /// The title of a form learned from the submissions that have none.
    pub learned_form: &'static str,
    pub no_answer: &'static str,
    pub question_missing: &'static str,
    pub placeholder: &'static str,
    pub contact: &'static str,
    pub file: &'static str,
    pub columns: [&'static str; 9],
    /// The spreadsheet's sheets: answers, versions, files not included,
    /// findings; and their columns.
    pub sheet: &'static str,
    pub sheet_versions: &'static str,
    pub sheet_not_compiled: &'static str,
    pub sheet_findings: &'static str,
    pub version_columns: [&'static str; 4],
    pub not_compiled_columns: [&'static str; 2],
    pub finding_columns: [&'static str; 5],
    pub answered: &'static str,
    pub status_missing: &'static str,
    pub status_placeholder: &'static str,
    pub status_no_answer: &'static str,
}

static EN: Words = Words {
    title: "Compilation of submissions",
    compiled_on: "Compiled {date}.",
    confirmed: "Where a sender's field still held the form's generic value, the committee its answers name is given as the sender: {senders}.",
    field_missing: "not filled in",
    intro: "{compiled} of {checked} checked submissions compiled, one per sender. Each question is followed by every sender's answer; a question without an answer is marked in its place.",
    versions: "Versions",
    versions_of: "are versions of {sender}'s submission",
    compiled_newest: "compiled ({why})",
    compiled_chosen: "compiled (chosen with --version-from)",
    lacks: "What each sender lacks",
    nothing_lacks: "Every compiled submission answers every question.",
    not_compiled: "Not compiled",
    fits_no_form: "fits no known form (FORM001)",
    older_version: "an older version",
    appendix: "Appendix: findings of the check",
    no_findings: "No findings.",
    form: "Form",
    other_sections: "Other sections",
    learned_form: "learned from the submissions ({n})",
    no_answer: "no answer",
    question_missing: "the question is missing",
    placeholder: "placeholder text",
    contact: "contact",
    file: "file",
    columns: [
        "Variant", "Area", "Question", "Sender", "Contact", "File", "Answer", "Status", "Detail",
    ],
    sheet: "Answers",
    sheet_versions: "Versions",
    sheet_not_compiled: "Not included",
    sheet_findings: "Findings",
    version_columns: ["Sender", "Versions (oldest first)", "Compiled", "Why"],
    not_compiled_columns: ["File", "Why"],
    finding_columns: ["File", "Line", "Rule", "Severity", "Message"],
    answered: "answered",
    status_missing: "missing",
    status_placeholder: "placeholder",
    status_no_answer: "no answer",
};

static SV: Words = Words {
    title: "Sammanställning av inlämningar",
    compiled_on: "Sammanställd {date}.",
    confirmed: "Där avsändarfältet hade kvar formulärets förifyllda värde anges den nämnd som svaren nämner som avsändare: {senders}.",
    field_missing: "ej ifyllt",
    intro: "{compiled} av {checked} granskade inlämningar sammanställda, en per avsändare. Under varje fråga står varje avsändares svar; en fråga utan svar är markerad där svaret skulle stå.",
    versions: "Versioner",
    versions_of: "är versioner av inlämningen från {sender}",
    compiled_newest: "har tagits med ({why})",
    compiled_chosen: "har tagits med (vald med --version-from)",
    lacks: "Vad som saknas per avsändare",
    nothing_lacks: "Varje sammanställd inlämning besvarar varje fråga.",
    not_compiled: "Inte medtagna",
    fits_no_form: "passar inget känt formulär (FORM001)",
    older_version: "en äldre version",
    appendix: "Bilaga: granskningens anmärkningar",
    no_findings: "Inga anmärkningar.",
    form: "Formulär",
    other_sections: "Övriga avsnitt",
    learned_form: "inlärt ur inlämningarna ({n})",
    no_answer: "inget svar",
    question_missing: "frågan saknas",
    placeholder: "platshållartext",
    contact: "kontaktperson",
    file: "fil",
    columns: [
        "Variant", "Område", "Fråga", "Avsändare", "Kontaktperson", "Fil", "Svar", "Status",
        "Detalj",
    ],
    sheet: "Svar",
    sheet_versions: "Versioner",
    sheet_not_compiled: "Inte medtagna",
    sheet_findings: "Anmärkningar",
    version_columns: ["Avsändare", "Versioner (äldst först)", "Medtagen", "Varför"],
    not_compiled_columns: ["Fil", "Varför"],
    finding_columns: ["Fil", "Rad", "Regel", "Nivå", "Anmärkning"],
    answered: "besvarad",
    status_missing: "saknas",
    status_placeholder: "platshållare",
    status_no_answer: "ej svar",
};

pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &EN,
        Lang::Sv => &SV,
    }
}

impl Compilation {
    pub fn words(&self) -> &'static Words {
        words(self.lang)
    }

    /// The introduction with its counts.
    pub fn intro(&self) -> String {
        (self.words().intro)
            .replace("{compiled}", &self.compiled.to_string())
            .replace("{checked}", &self.checked.to_string())
    }

    /// The title: what this is, the form and its year.
    pub fn title(&self) -> String {
        // The year, unless the form's name says it already.
        let year = (self.report_year.map(|y| y.to_string()))
            .filter(|y| !self.form_name.contains(y.as_str()));
        let about: Vec<&str> = [Some(self.form_name.as_str()), year.as_deref()]
            .into_iter()
            .flatten()
            .filter(|s| !s.is_empty())
            .collect();
        match about.is_empty() {
            true => self.words().title.to_string(),
            false => format!("{} — {}", self.words().title, about.join(" ")),
        }
    }

    /// The front matter's paragraphs: the counts, the date, in a round
    /// where its senders stand (who has not sent in, who has something to
    /// complete), and in a clean document which senders were confirmed
    /// from their text.
    pub fn front(&self) -> Vec<String> {
        let w = self.words();
        let mut out = vec![self.intro(), w.compiled_on.replace("{date}", &self.date)];
        out.extend(self.round.iter().cloned());
        if self.clean && !self.confirmed.is_empty() {
            out.push(w.confirmed.replace("{senders}", &self.confirmed.join(", ")));
        }
        out
    }

    /// A gap as this document marks it: with its rule, unless clean.
    pub fn gap(&self, g: &Gap) -> String {
        if self.clean {
            g.describe_plain(self.lang)
        } else {
            g.describe(self.lang)
        }
    }

    /// Who lacks something, as its line names them: the sender and, unless
    /// clean, the file.
    pub fn lacking(&self, l: &Lacks) -> (String, Option<String>) {
        let file = (!self.clean).then(|| l.path.display().to_string());
        (l.sender.clone(), file)
    }

    /// What a sender lacks, a line each: header fields, then questions.
    pub fn lack_lines(&self, l: &Lacks) -> Vec<String> {
        let w = self.words();
        (l.fields.iter())
            .map(|f| format!("{f} — {}", w.field_missing))
            .chain(l.gaps.iter().map(|(q, g)| format!("{q} — {}", self.gap(g))))
            .collect()
    }

    /// A finding of the appendix, in the document's language.
    pub fn finding_line(&self, f: &Finding) -> String {
        format!(
            "{}:{}: {} {}",
            f.path.display(),
            f.line,
            f.rule,
            crate::rules::message(f, self.lang)
        )
    }
}

impl Versions {
    /// "001.txt and 004.txt are versions of Skärholmen's submission; 004.txt
    /// compiled (the newest)".
    pub fn describe(&self, lang: Lang) -> String {
        let w = words(lang);
        let names: Vec<String> = self.files.iter().map(|p| p.display().to_string()).collect();
        let and = match lang {
            Lang::En => " and ",
            Lang::Sv => " och ",
        };
        let listed = match names.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{}{and}{last}", rest.join(", ")),
            None => String::new(),
        };
        let how = if self.chosen {
            w.compiled_chosen.to_string()
        } else {
            (w.compiled_newest).replace("{why}", &self.newest_by.said(lang))
        };
        let alone = if self.by_similarity_only {
            format!(" ({})", lang.by_similarity_only())
        } else {
            String::new()
        };
        format!(
            "{listed} {}{alone}; {} {how}",
            w.versions_of.replace("{sender}", &self.sender),
            self.compiled.display()
        )
    }
}

/// What a submission answers to one found question (or section).
fn answer(sub: &Submission, found: &Found, form: &Form, lines: &[&str]) -> Answer {
    // The form's own text inside an answer (an instruction, a closing
    // "Thank you") is no part of it.
    let text = sub.own_text(found, form);
    let text = text.trim();
    if !text.chars().any(char::is_alphanumeric) {
        return Answer::Gap(Gap::Empty);
    }
    if form.is_placeholder(text) {
        return Answer::Gap(Gap::Placeholder);
    }
    if form.is_non_answer(text) {
        return Answer::Gap(Gap::NonAnswer(crate::rules::clip(text, 40)));
    }
    // Paragraphs in order, a list item a block of its own even where the
    // export ran the items into one paragraph; a placeholder beside real
    // text is left out.
    let doc = &sub.doc;
    let own = sub.own_units(found, form);
    let mut groups: Vec<(usize, usize, bool)> = Vec::new();
    for u in own {
        let unit = &doc.units[u];
        let item = is_list_item(lines.get(unit.line as usize - 1).copied().unwrap_or(""));
        match groups.last_mut() {
            Some(g) if g.1 + 1 == u && doc.units[g.1].paragraph == unit.paragraph && !item => {
                g.1 = u
            }
            _ => groups.push((u, u, item)),
        }
    }
    let blocks: Vec<Block> = (groups.into_iter())
        .map(|(a, b, item)| (doc.units_text(a..b + 1).trim(), item))
        .filter(|(text, _)| !text.is_empty() && !form.is_placeholder(text))
        .map(|(text, item)| Block {
            text: text.to_string(),
            item,
        })
        .collect();
    // Nothing but placeholders, one per paragraph.
    if blocks.is_empty() {
        return Answer::Gap(Gap::Placeholder);
    }
    Answer::Text(blocks.into_iter().flat_map(numbered_items).collect())
}

/// A paragraph that runs numbered steps together ("1. Följa upp… 2.
/// Säkerställa…") as one item a step; any other block as it is. Steps must
/// start the paragraph and count 1, 2, 3… to be taken as steps.
fn numbered_items(b: Block) -> Vec<Block> {
    let text = b.text.as_str();
    let mut starts = Vec::new();
    let mut next = 1u32;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let at_word = i == 0 || bytes[i - 1] == b' ';
        let number = format!("{next}");
        let here = &text[i..];
        if at_word
            && here.starts_with(&number)
            && here[number.len()..].starts_with(['.', ')'])
            && here[number.len() + 1..].starts_with(' ')
        {
            starts.push(i);
            next += 1;
        }
        i += here.chars().next().map_or(1, char::len_utf8);
    }
    if starts.len() < 2 || starts[0] != 0 {
        return vec![b];
    }
    starts.push(text.len());
    starts
        .windows(2)
        .map(|w| Block {
            text: text[w[0]..w[1]].trim().to_string(),
            item: true,
        })
        .collect()
}

/// One compiled submission: its variant and, per question of the variant
/// (then per optional section), its answer.
struct Compiled {
    path: PathBuf,
    sender: String,
    /// The sender field named the sender (not a fallback).
    named: bool,
    /// The committee the text names most, where the sender field was
    /// generic (CONT004's suggestion).
    suggested: Option<String>,
    /// Header fields without a value.
    missing_fields: Vec<String>,
    report_year: Option<u32>,
    contact: Option<String>,
    variant: usize,
    answers: Vec<Answer>,
    sections: Vec<(String, Answer)>,
}

/// Why a checked file is not compiled.
enum Skip {
    FitsNoForm,
    /// It could not be read again (changed since the check).
    Unreadable(String),
}

fn compile_one(path: &Path, form: &Form, options: &Options) -> Result<Compiled, Skip> {
    let p = check::parse_file(path, form, &options.read).map_err(|e| match e {
        crate::source::LoadError::Skipped(r) | crate::source::LoadError::Failed(r) => {
            Skip::Unreadable(r)
        }
    })?;
    let sub = &p.sub;
    let variant = sub.variant.filter(|_| sub.fits()).ok_or(Skip::FitsNoForm)?;
    let lines: Vec<&str> = p.document.text.lines().collect();
    let answers = (sub.questions.iter())
        .map(|q| match &q.found {
            Some(f) => answer(sub, f, form, &lines),
            None => Answer::Gap(Gap::Missing),
        })
        .collect();
    let sections = (sub.sections.iter())
        .map(|s| (s.title.to_string(), answer(sub, &s.found, form, &lines)))
        .filter(|(_, a)| matches!(a, Answer::Text(_)))
        .collect();
    let sender = (sub.value(crate::form::Role::Sender))
        .filter(|s| !s.trim().is_empty() && !form.is_placeholder(s))
        .map(str::to_string);
    // Without a sender field, the contact person names the entry.
    let contact = (sub.value(crate::form::Role::Contact))
        .filter(|s| !s.trim().is_empty() && !form.is_placeholder(s))
        .map(str::to_string);
    // A sender left at the form's generic value is named so, with the
    // district its text names (CONT004) or its file, so that two such
    // senders are told apart.
    let generic = crate::rules::cont004::generic_sender(sub, form);
    let named = sender.is_some();
    let suggested = generic
        .as_ref()
        .and_then(|g| g.district)
        .map(|(d, _)| crate::rules::cont004::committee(d));
    let missing_fields = (sub.header.iter())
        .filter(|h| {
            h.value.as_ref().is_none_or(|r| {
                let v = sub.doc.text[r.clone()].trim();
                v.is_empty() || form.is_placeholder(v)
            })
        })
        .map(|h| h.name.to_string())
        .collect();
    let sender = match (generic.map(|g| g.district), sender) {
        (Some(Some((d, _))), Some(s)) => {
            format!("{s} ({}? CONT004)", crate::rules::cont004::committee(d))
        }
        (Some(_), Some(s)) => format!("{s} ({}, CONT004)", stem(path)),
        (None, Some(s)) => s,
        (_, None) => contact.clone().unwrap_or_else(|| stem(path)),
    };
    Ok(Compiled {
        path: path.to_path_buf(),
        sender,
        named,
        suggested,
        missing_fields,
        report_year: sub.report_year,
        contact,
        variant,
        answers,
        sections,
    })
}

fn stem(path: &Path) -> String {
    path.file_stem().map_or_else(
        || path.display().to_string(),
        |s| s.to_string_lossy().into_owned(),
    )
}

/// The file compiled of each group of versions: the one `pick` names,
/// else the newest. A pick of a file in no group, or two picks in one
/// group, is an error naming them.
fn chosen<'a>(
    outcome: &'a Outcome,
    pick: &[PathBuf],
) -> Result<Vec<(&'a crate::versions::VersionGroup, PathBuf, bool)>, String> {
    let same = |a: &Path, b: &Path| check::canonical(a) == check::canonical(b);
    if let Some(p) = (pick.iter())
        .find(|p| !(outcome.versions.iter()).any(|g| g.members.iter().any(|m| same(m, p))))
    {
        return Err(format!(
            "{}: --version-from names a file that is no version of another: it is compiled anyway",
            p.display()
        ));
    }
    outcome
        .versions
        .iter()
        .map(|g| {
            // (the member, as the user named it)
            let picks: Vec<(&PathBuf, &PathBuf)> = (g.members.iter())
                .filter_map(|m| Some((m, pick.iter().find(|p| same(m, p))?)))
                .collect();
            match picks.as_slice() {
                [] => Ok((g, g.newest().to_path_buf(), false)),
                [(one, _)] => Ok((g, (*one).clone(), true)),
                [(_, first), (_, second), ..] => Err(format!(
                    "--version-from names {} and {}, two versions of one submission (group {}): name one",
                    first.display(),
                    second.display(),
                    g.id
                )),
            }
        })
        .collect()
}

/// Checks the submissions under `paths` and compiles them. `pick` names
/// versions to compile instead of the newest of their group.
pub fn compile(
    paths: &[PathBuf],
    form: &Form,
    options: &Options,
    request: &Request,
) -> Result<Compilation, String> {
    let Request { pick, lang, clean } = *request;
    let outcome = check::check_paths(paths, form, options).map_err(|e| e.to_string())?;
    let form = outcome.learned.as_deref().unwrap_or(form);
    let checked: Vec<&Path> = (outcome.files.iter())
        .filter(|f| f.status == Status::Checked)
        .map(|f| f.path.as_path())
        .collect();
    if let Some(p) = pick.iter().find(|p| {
        !checked
            .iter()
            .any(|c| check::canonical(c) == check::canonical(p))
    }) {
        return Err(format!(
            "{}: --version-from names a file that was not checked",
            p.display()
        ));
    }
    let groups = chosen(&outcome, pick)?;
    let older: BTreeSet<&Path> = (groups.iter())
        .flat_map(|(g, compiled, _)| g.members.iter().filter(move |f| *f != compiled))
        .map(PathBuf::as_path)
        .collect();
    let mut not_compiled: Vec<(PathBuf, String)> = (outcome.files.iter())
        .filter(|f| f.status == Status::Error)
        .map(|f| (f.path.clone(), f.reason.clone().unwrap_or_default()))
        .collect();
    let w = words(lang);
    let results: Vec<(PathBuf, Result<Compiled, Skip>)> = (checked.par_iter())
        .filter(|p| !older.contains(*p))
        .map(|p| (p.to_path_buf(), compile_one(p, form, options)))
        .collect();
    let mut compiled = Vec::new();
    for (path, r) in results {
        match r {
            Ok(c) => compiled.push(c),
            Err(Skip::FitsNoForm) => not_compiled.push((path, w.fits_no_form.to_string())),
            Err(Skip::Unreadable(e)) => not_compiled.push((path, e)),
        }
    }
    for p in &older {
        not_compiled.push((p.to_path_buf(), w.older_version.to_string()));
    }
    not_compiled.sort_by(|a, b| path_bytes(&a.0).cmp(path_bytes(&b.0)));
    // A version compiled without a sender name takes the one another
    // version of its group gives, the newest first.
    for (g, chosen, _) in &groups {
        let Some(c) = compiled.iter_mut().find(|c| &c.path == chosen && !c.named) else {
            continue;
        };
        let named = (g.members.iter().rev())
            .filter_map(|m| {
                outcome
                    .files
                    .iter()
                    .find(|f| &f.path == m)?
                    .sender
                    .as_deref()
            })
            .map(str::trim)
            .find(|s| !s.is_empty() && !form.is_placeholder(s) && !form.is_non_answer(s));
        if let Some(name) = named {
            c.sender = name.to_string();
        }
    }
    // To send on, a generic sender field gives way to the committee its
    // text names (said once in the front matter).
    let mut confirmed = Vec::new();
    if clean {
        for c in &mut compiled {
            if let Some(s) = &c.suggested {
                c.sender = s.clone();
                confirmed.push(s.clone());
            }
        }
        confirmed.sort();
        confirmed.dedup();
    }
    // A stable order: by sender, then by path.
    compiled.sort_by(|a, b| {
        (a.sender.to_lowercase(), path_bytes(&a.path))
            .cmp(&(b.sender.to_lowercase(), path_bytes(&b.path)))
    });
    let sender_of: BTreeMap<&Path, &str> = (compiled.iter())
        .map(|c| (c.path.as_path(), c.sender.as_str()))
        .collect();
    let versions = (groups.iter())
        .map(|(g, chosen_file, chosen)| Versions {
            sender: sender_of
                .get(chosen_file.as_path())
                .map_or_else(|| stem(chosen_file), |s| s.to_string()),
            files: g.members.clone(),
            compiled: chosen_file.clone(),
            chosen: *chosen,
            newest_by: g.newest_by.clone(),
            by_similarity_only: g.by_similarity_only,
        })
        .collect();
    let report_year =
        crate::rules::form002::round_year(compiled.iter().filter_map(|c| c.report_year))
            .map(|(y, _)| y)
            .or_else(|| compiled.iter().find_map(|c| c.report_year));
    Ok(Compilation {
        lang,
        clean,
        form_name: form_name(form, &compiled),
        report_year,
        date: compiled_on(),
        confirmed,
        round: (outcome.round.as_ref())
            .map(|rc| crate::report::round_summary(rc, lang))
            .unwrap_or_default(),
        checked: checked.len(),
        compiled: compiled.len(),
        parts: parts(&compiled, form, w),
        versions,
        lacks: lacks(&compiled, form),
        not_compiled,
        findings: outcome.findings,
    })
}

/// The form's name, as the compilation's title says it: the template's,
/// unless every compiled submission is on a variant learned from the
/// submissions (then the title they share, or none).
fn form_name(form: &Form, compiled: &[Compiled]) -> String {
    let learned = |v: usize| {
        form.template.variants[v]
            .name
            .starts_with(crate::form::learn::LEARNED)
    };
    let titles: std::collections::BTreeSet<Option<&String>> = (compiled.iter())
        .map(|c| form.template.variants[c.variant].title.as_ref())
        .collect();
    // On learned variants with no title they share, the form has no name
    // to give (never the built-in form's).
    let all_learned = !compiled.is_empty() && compiled.iter().all(|c| learned(c.variant));
    match titles.into_iter().collect::<Vec<_>>()[..] {
        [Some(title)] if all_learned => title.clone(),
        _ if all_learned => String::new(),
        _ => form.template.name.clone(),
    }
}

/// The document's body: per variant (in the form's order) that any
/// compiled submission follows, its areas and questions with every
/// sender's entry, then the optional sections that hold text.
fn parts(compiled: &[Compiled], form: &Form, w: &Words) -> Vec<Part> {
    let entry = |c: &Compiled, answer: &Answer| Entry {
        sender: c.sender.clone(),
        contact: c.contact.clone(),
        path: c.path.clone(),
        answer: answer.clone(),
    };
    let mut parts = Vec::new();
    for (v, variant) in form.template.variants.iter().enumerate() {
        let of: Vec<&Compiled> = compiled.iter().filter(|c| c.variant == v).collect();
        if of.is_empty() {
            continue;
        }
        let mut areas: Vec<Area> = (variant.areas.iter())
            .map(|a| Area {
                heading: a.heading.clone(),
                questions: Vec::new(),
            })
            .collect();
        for (q, (area, text)) in variant.questions().enumerate() {
            let entries: Vec<Entry> = of.iter().map(|c| entry(c, &c.answers[q])).collect();
            areas[area].questions.push(Question {
                text: text.to_string(),
                tally: tally(&entries, w),
                entries,
            });
        }
        let mut titles: Vec<&str> = Vec::new();
        for c in &of {
            for (t, _) in &c.sections {
                if !titles.contains(&t.as_str()) {
                    titles.push(t);
                }
            }
        }
        if !titles.is_empty() {
            let questions = (titles.iter())
                .map(|t| Question {
                    text: t.to_string(),
                    tally: None,
                    entries: (of.iter())
                        .filter_map(|c| {
                            let (_, a) = c.sections.iter().find(|(s, _)| s == t)?;
                            Some(entry(c, a))
                        })
                        .collect(),
                })
                .collect();
            areas.push(Area {
                heading: w.other_sections.to_string(),
                questions,
            });
        }
        // A form learned from files that give it no title is named so,
        // not by its inner name.
        let label = form.template.variant_label(v);
        let title = match label.strip_prefix(crate::form::learn::LEARNED) {
            Some(n) => w.learned_form.replace("{n}", n.trim_start_matches('-')),
            None => label,
        };
        parts.push(Part { title, areas });
    }
    parts
}

/// The date compiled, `yyyy-mm-dd` (UTC): from `SOURCE_DATE_EPOCH` when it
/// is set, so that a reproducible build or a test gives the same bytes.
fn compiled_on() -> String {
    crate::versions::utc_minute(crate::versions::source_date())[..10].to_string()
}

/// Per compiled submission with a gap: its header fields without a value
/// and its questions without an answer.
fn lacks(compiled: &[Compiled], form: &Form) -> Vec<Lacks> {
    (compiled.iter())
        .filter_map(|c| {
            let variant = &form.template.variants[c.variant];
            let gaps: Vec<(String, Gap)> = (variant.questions().zip(&c.answers))
                .filter_map(|((_, q), a)| match a {
                    // A question the form lets a sender leave empty lacks
                    // nothing when empty (as MISS002 says).
                    Answer::Gap(Gap::Empty) if crate::form::is_optional_question(q) => None,
                    Answer::Gap(g) => Some((q.to_string(), g.clone())),
                    Answer::Text(_) => None,
                })
                .collect();
            (!gaps.is_empty() || !c.missing_fields.is_empty()).then(|| Lacks {
                sender: c.sender.clone(),
                path: c.path.clone(),
                fields: c.missing_fields.clone(),
                gaps,
            })
        })
        .collect()
}

/// The status of an entry, for the spreadsheet's status column: one of a
/// few categories a filter can pick (answered, missing, placeholder, no
/// answer); the detail stands in a column of its own.
pub fn status(answer: &Answer, lang: Lang) -> &'static str {
    let w = words(lang);
    match answer {
        Answer::Text(_) => w.answered,
        Answer::Gap(Gap::Missing) => w.status_missing,
        Answer::Gap(Gap::Placeholder) => w.status_placeholder,
        Answer::Gap(Gap::Empty | Gap::NonAnswer(_)) => w.status_no_answer,
    }
}

/// An answer as plain text: paragraphs separated by a blank line, list
/// items with a bullet; a gap as its marker.
pub fn plain(answer: &Answer, lang: Lang) -> String {
    match answer {
        Answer::Text(blocks) => (blocks.iter())
            .map(|b| {
                if b.item {
                    format!("• {}", b.text)
                } else {
                    b.text.clone()
                }
            })
            .collect::<Vec<_>>()
            .join("\n\n"),
        Answer::Gap(g) => format!("— {}", g.describe(lang)),
    }
}

/// Checks the submissions under `paths`, compiles them and writes the
/// document to `out` (atomically; refused where the scan reads), in `kind`
/// or the format its extension names.
pub fn write_to(
    paths: &[PathBuf],
    form: &Form,
    options: &Options,
    request: &Request,
    out: &Path,
    kind: Option<Kind>,
) -> Result<(), String> {
    let kind = kind.or_else(|| Kind::of(out)).ok_or_else(|| {
        format!(
            "{}: give --format docx, xlsx, md or html, or a file name ending in one of them",
            out.display()
        )
    })?;
    check::check_output(paths, options, out)?;
    let c = compile(paths, form, options, request)?;
    let bytes = kind.write(&c)?;
    crate::report::output::replace(out, &bytes)
        .map_err(|e| format!("{}: cannot write the document: {e}", out.display()))?;
    eprintln!(
        "dubbelkoll: wrote {} ({} of {} submissions compiled)",
        out.display(),
        c.compiled,
        c.checked
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The answer to the first question of a complete submission whose
    /// answer is replaced by `body`.
    fn first_answer(body: &str) -> Answer {
        let form = Form::builtin();
        let src = crate::form::testing::complete();
        let sub = form.parse(crate::normalize::normalize(&src));
        let found = sub.questions[0].found.as_ref().unwrap();
        let old = sub.answer_text(found).to_string();
        let src = src.replacen(&old, body, 1);
        let sub = form.parse(crate::normalize::normalize(&src));
        let lines: Vec<&str> = src.lines().collect();
        answer(
            &sub,
            sub.questions[0].found.as_ref().unwrap(),
            &form,
            &lines,
        )
    }

    #[test]
    fn answers_keep_paragraphs_and_list_items_and_gaps_are_named() {
        let a = first_answer("Vi träffas varje månad.\n\n• Företagarföreningen\n• Polisen\n\nKlicka här för att ange text.");
        let Answer::Text(blocks) = a else {
            panic!("{a:?}")
        };
        let shown: Vec<(&str, bool)> = blocks.iter().map(|b| (b.text.as_str(), b.item)).collect();
        assert_eq!(
            shown,
            [
                ("Vi träffas varje månad.", false),
                ("Företagarföreningen", true),
                ("Polisen", true)
            ]
        );
        assert_eq!(
            first_answer("N/A"),
            Answer::Gap(Gap::NonAnswer("N/A".into()))
        );
        assert_eq!(
            first_answer("Klicka här för att ange text.\n\nKlicka här för att ange text."),
            Answer::Gap(Gap::Placeholder)
        );
        assert_eq!(first_answer("-"), Answer::Gap(Gap::Empty));
    }

    #[test]
    fn numbered_steps_run_together_are_items_and_empty_bullets_no_answer() {
        let a = first_answer(
            "1. Följa upp planen för 2023. 2. Säkerställa att 3 av 4 mål nås. 3) Rapportera.",
        );
        let Answer::Text(blocks) = a else {
            panic!("{a:?}")
        };
        let shown: Vec<(&str, bool)> = blocks.iter().map(|b| (b.text.as_str(), b.item)).collect();
        assert_eq!(
            shown,
            [
                ("1. Följa upp planen för 2023.", true),
                ("2. Säkerställa att 3 av 4 mål nås.", true),
                ("3) Rapportera.", true)
            ]
        );
        // A year or a count in the text is no step.
        let a = first_answer("Vi ökade från 1. mars till 2023 års slut.");
        assert!(
            matches!(&a, Answer::Text(b) if b.len() == 1 && !b[0].item),
            "{a:?}"
        );
        // Bullets begun and never written are no answer.
        assert_eq!(first_answer("• …\n• …"), Answer::Gap(Gap::Empty));
    }
}
