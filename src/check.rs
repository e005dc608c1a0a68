//! The pipeline behind `dubbelkoll check`: discover files, read and parse
//! them in parallel, run the per-file and corpus rules, and return files and
//! findings in a fixed order whatever the thread count.

use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use crate::corpus::{find_duplicates, Entry, Fingerprint};
use crate::form::{Field, Form, Submission};
use crate::normalize::{normalize, normalize_paragraphs};
use crate::rules::{self, Checked, Facts, Finding};
use crate::source::{self, Discovered, Format, LoadError, MissingPath, ReadOptions};

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
    /// With [`Options::pair_floor`]: pairs of files (indices into `files`)
    /// whose answers' estimated similarity reaches the floor, for the HTML
    /// report's heat map.
    pub pairs: Vec<(usize, usize, f32)>,
}

impl Outcome {
    /// How many findings of a severity a file has.
    pub fn count(&self, path: &str, severity: crate::rules::Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.path == path && f.severity == severity)
            .count()
    }

    /// Whether any file could be checked at all.
    pub fn any_checked(&self) -> bool {
        self.files.iter().any(|f| f.status == Status::Checked)
    }
}

/// A file read and parsed.
pub struct Parsed {
    pub path: String,
    pub format: Format,
    pub sub: Submission,
}

/// Reads, normalises and parses one file, whatever it is. Does not refuse
/// a file that holds nothing of the form (`show` explains such files).
pub fn read_file(
    path: &std::path::Path,
    form: &Form,
    read: &ReadOptions,
) -> Result<Parsed, LoadError> {
    let (text, format) = source::load(path, read)?;
    let doc = if format.paragraph_per_line() {
        normalize_paragraphs(&text)
    } else {
        normalize(&text)
    };
    Ok(Parsed {
        path: source::display_key(path),
        format,
        sub: form.parse(doc),
    })
}

/// Reads, normalises and parses one file to check. A file that holds
/// nothing of the form is skipped: it is not a submission.
pub fn parse_file(
    path: &std::path::Path,
    form: &Form,
    read: &ReadOptions,
) -> Result<Parsed, LoadError> {
    let p = read_file(path, form, read)?;
    let sub = p.sub;
    if sub.is_unrecognised() {
        return Err(LoadError::Skipped(
            "not a questionnaire submission: no form header or question found".into(),
        ));
    }
    Ok(Parsed { sub, ..p })
}

/// Told how a scan advances: the number of files found, then one call per
/// file done. The binary draws a progress bar with it.
pub trait Progress: Send + Sync {
    fn start(&self, files: usize);
    fn advance(&self);
}

/// Settings of a check run.
#[derive(Clone)]
pub struct Options {
    /// The least similarity of a near-duplicate (DUP001).
    pub similarity: f64,
    /// How files are read.
    pub read: ReadOptions,
    /// The least words of an answer or paragraph DUP003 and DUP004 compare.
    pub min_words: usize,
    /// The e-mail domain every contact should use (CONT002).
    pub email_domain: Option<String>,
    /// Paths not to scan.
    pub exclude: globset::GlobSet,
    /// Told how the scan advances.
    pub progress: Option<std::sync::Arc<dyn Progress>>,
    /// Collect the similarity of pairs at or above this floor (the HTML
    /// report's heat map); `None` collects none.
    pub pair_floor: Option<f64>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            similarity: DEFAULT_SIMILARITY,
            read: ReadOptions::default(),
            min_words: crate::corpus::MIN_PARAGRAPH_WORDS,
            email_domain: None,
            exclude: globset::GlobSet::empty(),
            progress: None,
            pair_floor: None,
        }
    }
}

impl Options {
    /// The defaults, with the form's own placeholder standing in for
    /// content controls that show theirs.
    pub fn for_form(form: &Form) -> Options {
        let mut o = Options::default();
        if let Some(p) = form.template.placeholders.first() {
            o.read.placeholder = p.clone();
        }
        o
    }

    /// The options for a form and the effective settings.
    pub fn from_settings(form: &Form, s: &crate::config::Settings) -> Result<Options, String> {
        let mut o = Options::for_form(form);
        o.similarity = s.similarity;
        o.read.xml_limit = s.xml_limit * 1024 * 1024;
        o.read.max_file_size = s.max_file_size.saturating_mul(1000 * 1000);
        o.min_words = s.min_words;
        o.email_domain = s.email_domain.clone();
        o.exclude = s.exclude_set()?;
        Ok(o)
    }
}

/// The default least similarity of a near-duplicate.
pub const DEFAULT_SIMILARITY: f64 = 0.85;

/// What is kept of a file after its own checks: its text is dropped, so a
/// scan of a hundred thousand files holds only these.
struct Kept {
    report: FileReport,
    findings: Vec<Finding>,
    facts: Option<Facts>,
    fingerprint: Option<Fingerprint>,
}

fn check_one(d: &Discovered, form: &Form, options: &Options) -> Kept {
    let failed = |path: &std::path::Path, e: LoadError| {
        let (status, reason) = match e {
            LoadError::Skipped(r) => (Status::Skipped, r),
            LoadError::Failed(r) => (Status::Error, r),
        };
        Kept {
            report: FileReport {
                path: source::display_key(path),
                status,
                reason: Some(reason),
                variant: None,
                namnd: None,
                contact: None,
                answered: 0,
                expected: 0,
            },
            findings: Vec::new(),
            facts: None,
            fingerprint: None,
        }
    };
    let p = match d {
        Discovered::Unreadable { path, reason } => {
            return failed(path, LoadError::Failed(reason.clone()))
        }
        Discovered::File(path) => match parse_file(path, form, &options.read) {
            Ok(p) => p,
            Err(e) => return failed(path, e),
        },
    };
    let mut checked = Checked::new(&p.path, &p.sub, form);
    checked.min_words = options.min_words;
    let mut findings = rules::check_file(&checked, form);
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Kept {
        report: file_report(&p, form, &findings),
        facts: Some(Facts::of(&p.path, &p.sub)),
        fingerprint: Some(crate::corpus::fingerprint(
            &p.sub,
            &checked.answers,
            options.min_words,
        )),
        findings,
    }
}

/// Scans `paths` and checks every submission found.
pub fn check_paths(
    paths: &[PathBuf],
    form: &Form,
    options: &Options,
) -> Result<Outcome, MissingPath> {
    let found = source::discover(paths, &options.exclude)?;
    if let Some(p) = &options.progress {
        p.start(found.len());
    }
    let kept: Vec<Kept> = found
        .par_iter()
        .map(|d| {
            let k = check_one(d, form, options);
            if let Some(p) = &options.progress {
                p.advance();
            }
            k
        })
        .collect();

    let facts: Vec<Facts> = kept.iter().filter_map(|k| k.facts.clone()).collect();
    let entries: Vec<Entry> = kept
        .iter()
        .filter_map(|k| {
            Some(Entry {
                path: &k.report.path,
                fp: k.fingerprint.as_ref()?,
            })
        })
        .collect();
    let load = |path: &str| {
        let p = parse_file(std::path::Path::new(path), form, &options.read).ok()?;
        let answers = crate::corpus::answers::answers(&p.sub, form);
        Some((p.sub, answers))
    };
    let mut findings: Vec<Finding> = rules::check_corpus(&facts, options.email_domain.as_deref());
    findings.extend(find_duplicates(&entries, options.similarity, &load));
    let pairs = match options.pair_floor {
        Some(floor) => {
            // Entry index → file index.
            let file_of: Vec<usize> = kept
                .iter()
                .enumerate()
                .filter(|(_, k)| k.fingerprint.is_some())
                .map(|(i, _)| i)
                .collect();
            crate::corpus::similar_pairs(&entries, floor)
                .into_iter()
                .map(|(i, j, s)| (file_of[i], file_of[j], s))
                .collect()
        }
        None => Vec::new(),
    };
    let mut files = Vec::with_capacity(kept.len());
    for k in kept {
        findings.extend(k.findings);
        files.push(k.report);
    }
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Ok(Outcome {
        files,
        findings,
        pairs,
    })
}

fn file_report(p: &Parsed, form: &Form, findings: &[Finding]) -> FileReport {
    let sub = &p.sub;
    // A question counts as answered when it is there and no MISS001/MISS002
    // finding says its answer is missing.
    let unanswered: Vec<&str> = findings
        .iter()
        .filter(|f| f.rule == rules::miss001::RULE.code || f.rule == rules::miss002::RULE.code)
        .filter_map(|f| f.question.as_deref())
        .collect();
    let answered = sub
        .questions
        .iter()
        .filter(|q| q.found.is_some() && !unanswered.contains(&&*q.text))
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
