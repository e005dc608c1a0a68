//! The pipeline behind `dubbelkoll check`: discover files, read and parse
//! them in parallel, run the per-file and corpus rules, and return files and
//! findings in a fixed order whatever the thread count.

use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use crate::form::{Field, Form, Submission};
use crate::normalize::normalize;
use crate::rules::{self, Checked, Finding};
use crate::source::{self, Decoding, Discovered, LoadError, MissingPath};

/// What happened to a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Checked,
    Skipped,
    Error,
}

/// One file of the scan, as listed in reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileReport {
    pub path: String,
    pub status: Status,
    pub reason: Option<String>,
    pub variant: Option<String>,
    pub namnd: Option<String>,
    #[serde(skip)]
    pub contact: Option<String>,
    /// Questions with a real answer, of those the variant asks.
    #[serde(skip)]
    pub answered: usize,
    #[serde(skip)]
    pub expected: usize,
}

/// The result of a scan.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// Sorted by path.
    pub files: Vec<FileReport>,
    /// Sorted by (path, line, column, rule, message).
    pub findings: Vec<Finding>,
}

impl Outcome {
    /// Whether any file could be checked at all.
    pub fn any_checked(&self) -> bool {
        self.files.iter().any(|f| f.status == Status::Checked)
    }
}

/// A file read and parsed.
pub struct Parsed {
    pub path: String,
    pub decoding: Decoding,
    pub sub: Submission,
}

/// Reads, normalises and parses one file. A file that holds nothing of the
/// form is skipped: it is not a submission.
pub fn parse_file(path: &std::path::Path, form: &Form) -> Result<Parsed, LoadError> {
    let (text, decoding) = source::load_text(path)?;
    let sub = form.parse(normalize(&text));
    if sub.is_unrecognised() {
        return Err(LoadError::Skipped(
            "not a questionnaire submission: no form header or question found".into(),
        ));
    }
    Ok(Parsed {
        path: source::display_key(path),
        decoding,
        sub,
    })
}

/// Scans `paths` and checks every submission found.
pub fn check_paths(paths: &[PathBuf], form: &Form) -> Result<Outcome, MissingPath> {
    let found = source::discover(paths)?;
    let results: Vec<Result<Parsed, (String, LoadError)>> = found
        .par_iter()
        .map(|d| match d {
            Discovered::File(p) => parse_file(p, form).map_err(|e| (source::display_key(p), e)),
            Discovered::Unreadable { path, reason } => {
                Err((source::display_key(path), LoadError::Failed(reason.clone())))
            }
        })
        .collect();

    let parsed: Vec<&Parsed> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    let checked: Vec<Checked> = parsed
        .iter()
        .map(|p| Checked {
            path: &p.path,
            sub: &p.sub,
        })
        .collect();
    let mut findings: Vec<Finding> = checked
        .par_iter()
        .flat_map_iter(|c| rules::check_file(c, form))
        .collect();
    findings.extend(rules::check_corpus(&checked, form));
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));

    let files = results
        .iter()
        .map(|r| match r {
            Ok(p) => file_report(p, form, &findings),
            Err((path, e)) => {
                let (status, reason) = match e {
                    LoadError::Skipped(r) => (Status::Skipped, r),
                    LoadError::Failed(r) => (Status::Error, r),
                };
                FileReport {
                    path: path.clone(),
                    status,
                    reason: Some(reason.clone()),
                    variant: None,
                    namnd: None,
                    contact: None,
                    answered: 0,
                    expected: 0,
                }
            }
        })
        .collect();
    Ok(Outcome { files, findings })
}

fn file_report(p: &Parsed, form: &Form, findings: &[Finding]) -> FileReport {
    let sub = &p.sub;
    // A question counts as answered when it is there and no MISS001/MISS002
    // finding says its answer is missing.
    let start = findings.partition_point(|f| f.path < p.path);
    let mine = findings[start..].iter().take_while(|f| f.path == p.path);
    let unanswered: Vec<&str> = mine
        .filter(|f| f.rule == rules::miss001::RULE.code || f.rule == rules::miss002::RULE.code)
        .filter_map(|f| f.question.as_deref())
        .collect();
    let answered = sub
        .questions
        .iter()
        .filter(|q| q.found.is_some() && !unanswered.contains(&q.text.as_str()))
        .count();
    FileReport {
        path: p.path.clone(),
        status: Status::Checked,
        reason: None,
        variant: sub.variant.map(|v| form.template.variants[v].name.clone()),
        namnd: sub.value(Field::Namnd).map(str::to_string),
        contact: sub.value(Field::Kontaktperson).map(str::to_string),
        answered,
        expected: sub.questions.len(),
    }
}
