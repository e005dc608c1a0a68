//! `dubbelkoll template infer`: learning a form's template from its blank
//! forms and its submissions, read as `check` reads them. The learning
//! itself (lines, alignment, variants) is `form::learn`; this module reads
//! the files, tells blanks from submissions and says what was learned.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::check::read_file;
use crate::form::{learn, FieldSpec, Form, Template};
use crate::source::{self, Discovered, LoadError, ReadOptions};

/// A name for a variant from a file name: lower case, words joined by `-`.
fn slug(path: &Path) -> String {
    let stem = path.file_stem().map(|s| s.to_string_lossy().to_lowercase());
    let words: Vec<String> = stem
        .unwrap_or_default()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    if words.is_empty() {
        "form".into()
    } else {
        words.join("-")
    }
}

/// Learns a template from blank forms and filled submissions (files, or
/// folders walked as `check` walks them): the blank forms give the
/// structure, the submissions that fit none of it add the variants they
/// share. Returns the template and what was learned and could not be told,
/// a line each. An error when nothing can be told.
/// `template infer`: learns the template of `paths` and writes it as
/// commented TOML to `output` (standard output without one), never where
/// the scan reads; what was learned is said on standard error.
pub fn write_to(
    paths: &[PathBuf],
    read: &ReadOptions,
    output: Option<&Path>,
) -> Result<(), String> {
    if let Some(o) = output {
        crate::check::check_output(paths, &crate::check::Options::default(), o)?;
    }
    let (template, notes) = from_files(paths, read)?;
    notes.iter().for_each(|n| eprintln!("dubbelkoll: {n}"));
    crate::report::output::write(output, &template.to_toml(&notes), false)
}

pub fn from_files(
    paths: &[PathBuf],
    read: &ReadOptions,
) -> Result<(Template, Vec<String>), String> {
    let base = Form::builtin();
    let found =
        source::discover(paths, &globset::GlobSet::empty(), false).map_err(|e| e.to_string())?;
    let mut blanks: Vec<(PathBuf, Vec<learn::Line>)> = Vec::new();
    let mut subs: Vec<(PathBuf, Vec<learn::Line>)> = Vec::new();
    let mut notes = Vec::new();
    // Read in parallel; sorted as found.
    enum Read {
        Blank(PathBuf, Vec<learn::Line>),
        Submission(PathBuf, Vec<learn::Line>),
        Note(String),
        Nothing,
    }
    let read_all: Vec<Read> = found
        .par_iter()
        .map(|d| {
            let Discovered::File(path) = d else {
                return Read::Nothing;
            };
            let p = match read_file(path, &base, read) {
                Ok(p) if !p.document.is_own_report() => p,
                Ok(_) => return Read::Nothing,
                Err(LoadError::Skipped(r) | LoadError::Failed(r)) => {
                    return Read::Note(format!("{} not read: {r}", path.display()))
                }
            };
            let lines = learn::lines(&p.sub.doc);
            // A slot is a placeholder, or a choice left for the sender.
            let mut slot: Vec<bool> = lines.iter().map(|l| holds_slot(&base, &l.text)).collect();
            for (at, c) in crate::choice::in_lines(lines.iter().map(|l| l.text.as_str())) {
                let end = (at + c.lines).min(slot.len());
                slot[at..end].fill(!c.options.iter().any(|o| o.marked));
            }
            let slots = slot.iter().filter(|&&s| s).count();
            let asking = lines.iter().filter(|l| learn::asks(&l.text)).count();
            if slots >= 2 && slots * 5 >= asking * 3 {
                Read::Blank(p.path, lines)
            } else {
                Read::Submission(p.path, lines)
            }
        })
        .collect();
    for r in read_all {
        match r {
            Read::Blank(p, l) => blanks.push((p, l)),
            Read::Submission(p, l) => subs.push((p, l)),
            Read::Note(n) => notes.push(n),
            Read::Nothing => {}
        }
    }
    if blanks.is_empty() && subs.len() < 2 {
        let what = match subs.first() {
            Some((p, _)) => format!(
                "{}: no answer slot found (no content control, placeholder field or placeholder text), so it is no blank form; and one submission alone cannot tell form text from answers",
                p.display()
            ),
            None => "no blank form or submission found".to_string(),
        };
        return Err(format!(
            "{what}: give the blank form, or at least two submissions"
        ));
    }
    let mut learned = learn::Learned::default();
    for (path, lines) in &blanks {
        let one = learn::from_blank(&slug(path), lines, &|t| holds_slot(&base, t))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        notes.push(format!("{}: a blank form", path.display()));
        learned.title = learned.title.or(one.title);
        learned.generic_sender.extend(one.generic_sender);
        learned.placeholders.extend(one.placeholders);
        learned.variants.extend(one.variants);
    }
    let name = learned
        .title
        .clone()
        .unwrap_or_else(|| "Learned form".to_string());
    let mut template = learn::template(&name, learned);
    // Submissions that fit none of the blank forms' variants.
    let unfit: Vec<&(PathBuf, Vec<learn::Line>)> = if template.variants.is_empty() {
        subs.iter().collect()
    } else {
        let form = Form::new(template.clone());
        subs.par_iter()
            .filter(|(p, _)| read_file(p, &form, read).is_ok_and(|parsed| !parsed.sub.fits()))
            .collect()
    };
    if !subs.is_empty() {
        notes.push(format!(
            "{} submission(s), {} of them fitting no blank form",
            subs.len(),
            unfit.len()
        ));
    }
    if unfit.len() >= 2 {
        let docs: Vec<Vec<learn::Line>> = unfit.iter().map(|(_, l)| l.clone()).collect();
        let filler = |t: &str| base.is_placeholder(t) || base.is_non_answer(t);
        let from_subs = learn::from_submissions(&docs, learn::LEARNED, &filler);
        notes.extend(from_subs.notes.iter().cloned());
        if template.name == "Learned form" {
            if let Some(t) = &from_subs.title {
                template.name = t.clone();
            }
        }
        let fields_shared = template.fields.clone();
        for mut v in from_subs.variants {
            if v.fields.is_empty() {
                v.fields = fields_shared.clone();
            }
            template.variants.push(v);
        }
        template.placeholders.extend(from_subs.placeholders);
        template.generic_namnd.extend(from_subs.generic_sender);
    } else if unfit.len() == 1 {
        notes.push(format!(
            "{}: fits no blank form, and no other submission shares its questions",
            unfit[0].0.display()
        ));
    }
    if template.variants.is_empty() {
        return Err(
            "could not tell the form: no question is shared by two submissions, and no blank form was given"
                .into(),
        );
    }
    describe(&template, &mut notes);
    // What is written must read back the same.
    let text = template.to_toml(&[]);
    let back = Template::parse(&text, "the inferred template")
        .map_err(|e| format!("internal error: {e}"))?;
    if let Some((path, _)) = blanks.first().or(subs.first()) {
        let year = read_file(path, &Form::new(back.clone()), read)
            .ok()
            .and_then(|p| p.sub.report_year);
        notes.push(match year {
            Some(y) => format!("report year: {y}, from the form's own text"),
            None => "could not tell the report year: no year in the form's own text".into(),
        });
    }
    Ok((back, notes))
}

/// Whether a blank form's line is (or holds) a place for an answer: the
/// form's placeholder, or a slot inside a model text's sentence.
fn holds_slot(form: &Form, line: &str) -> bool {
    form.is_placeholder(line) || form.find_placeholder(line).is_some()
}

/// Notes on what a learned template holds.
fn describe(t: &Template, notes: &mut Vec<String>) {
    let fields = |fs: &[FieldSpec]| {
        fs.iter()
            .map(|f| match f.role {
                Some(r) => format!("{} ({})", f.name, format!("{r:?}").to_lowercase()),
                None => format!("{} (role not told)", f.name),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    for (i, v) in t.variants.iter().enumerate() {
        notes.push(format!(
            "variant {}: {} questions in {} areas; header: {}",
            v.name,
            v.question_count(),
            v.areas.len(),
            fields(t.fields_of(Some(i)))
        ));
    }
    let learned: Vec<&String> = t
        .placeholders
        .iter()
        .filter(|p| !crate::form::template::DEFAULT_PLACEHOLDERS.contains(&p.as_str()))
        .collect();
    if !learned.is_empty() {
        notes.push(format!("placeholders learned: {learned:?}"));
    }
    if !t.generic_namnd.is_empty() {
        notes.push(format!(
            "the sender field's generic value: {:?}",
            t.generic_namnd
        ));
    }
}
