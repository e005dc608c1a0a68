//! The pipeline behind `dubbelkoll check`: discover files, read and parse
//! them in parallel, run the per-file and corpus rules, and return files and
//! findings in a fixed order whatever the thread count.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::cache::Cache;
use crate::config::Settings;
use crate::finding::{path_bytes, Finding, Severity};
use crate::form::{learn, FieldSpec, Form, Role, Submission};
use crate::normalize::{normalize, normalize_paragraphs};
use crate::rules::{self, Corpus, CorpusOptions, FileContext, Selection, Summary};
use crate::source::{self, Discovered, LoadError, MissingPath, ReadOptions};

/// What happened to a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Checked,
    Skipped,
    Error,
}

/// One file of the scan, as listed in reports.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct FileReport {
    pub path: PathBuf,
    pub status: Status,
    pub reason: Option<String>,
    pub variant: Option<String>,
    /// Who sent it: the value of the header's sender field.
    pub sender: Option<String>,
    /// The value of the header's contact-name field.
    pub contact: Option<String>,
    /// The value of the header's e-mail field.
    #[serde(default)]
    pub email: Option<String>,
    /// Questions with a real answer, of those the variant asks.
    pub answered: usize,
    pub expected: usize,
}

impl FileReport {
    fn not_checked(path: &Path, e: LoadError) -> FileReport {
        let (status, reason) = match e {
            LoadError::Skipped(r) => (Status::Skipped, r),
            LoadError::Failed(r) => (Status::Error, r),
        };
        FileReport {
            path: path.to_path_buf(),
            status,
            reason: Some(reason),
            variant: None,
            sender: None,
            contact: None,
            email: None,
            answered: 0,
            expected: 0,
        }
    }
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
    /// The form with the variants learned from the submissions, when any
    /// was learned: what the files were checked against.
    pub learned: Option<std::sync::Arc<Form>>,
    /// The groups of versions of one submission (files from one sender,
    /// alike as versions are), by their first member's path.
    pub versions: Vec<crate::versions::VersionGroup>,
    /// The configuration file in force, if any (the machine formats name
    /// it in their run metadata).
    pub config: Option<PathBuf>,
    /// Where the round's expected senders stand, when `[round]` names them.
    pub round: Option<crate::round::RollCall>,
    /// The round's decisions on its findings, by id (those of findings no
    /// longer found are kept in the database, not here).
    pub decisions: BTreeMap<String, crate::decisions::Decision>,
    /// How findings are named in a round (`dubbelkoll mark` takes the id).
    pub ids: Option<crate::decisions::Ids>,
}

impl Outcome {
    /// How many findings of a severity a file has.
    pub fn count(&self, path: &Path, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.path == path && f.severity == severity)
            .count()
    }

    /// How many findings of a severity there are in all.
    pub fn total(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// Why the scan checked nothing, if it did not: the tool could not run.
    /// A file that could not be read was looked at: it is READ001, a
    /// finding, whether it was named or found in a folder.
    pub fn nothing_checked(&self) -> Option<String> {
        if self.any_checked() || self.files.iter().any(|f| f.status == Status::Error) {
            None
        } else if self.files.is_empty() {
            let looked = crate::source::EXTENSIONS.join(", ");
            Some(format!("no submissions found (looked for {looked})"))
        } else {
            Some("no file could be checked".to_string())
        }
    }

    /// Whether any file could be checked at all.
    pub fn any_checked(&self) -> bool {
        self.files.iter().any(|f| f.status == Status::Checked)
    }
}

/// A file read and parsed.
pub struct Parsed {
    pub path: PathBuf,
    pub sub: Submission,
    /// The file as read, before normalising (its lines are what findings
    /// point at).
    pub document: source::Document,
}

/// Reads, normalises and parses one file, whatever it is. Does not refuse
/// a file that holds nothing of the form (`show` explains such files).
pub fn read_file(
    path: &std::path::Path,
    form: &Form,
    read: &ReadOptions,
) -> Result<Parsed, LoadError> {
    Ok(parsed(path, source::read(path, read)?, form))
}

/// Normalises and parses a file's text.
fn parsed(path: &Path, document: source::Document, form: &Form) -> Parsed {
    let doc = if document.format.paragraph_per_line() {
        normalize_paragraphs(&document.text)
    } else {
        normalize(&document.text)
    };
    Parsed {
        path: path.to_path_buf(),
        sub: form.parse(doc),
        document,
    }
}

/// Reads and parses one file named by the user (`show`, `diff`), whatever
/// it holds; errors name the file.
pub fn read_named(path: &Path, form: &Form, read: &ReadOptions) -> Result<Parsed, String> {
    if !path.is_file() {
        return Err(format!("{}: not a file", path.display()));
    }
    read_file(path, form, read).map_err(|e| match e {
        LoadError::Skipped(r) | LoadError::Failed(r) => format!("{}: {r}", path.display()),
    })
}

/// Reads, normalises and parses one file to check. A file that holds
/// nothing of the form is skipped: it is not a submission.
pub fn parse_file(
    path: &std::path::Path,
    form: &Form,
    read: &ReadOptions,
) -> Result<Parsed, LoadError> {
    submission(read_file(path, form, read)?)
}

/// A parsed file, if it is a submission: not a dubbelkoll report, and
/// holding something of the form.
fn submission(p: Parsed) -> Result<Parsed, LoadError> {
    if p.document.is_own_report() {
        return Err(LoadError::Skipped(
            "a dubbelkoll report, not a submission".into(),
        ));
    }
    if p.sub.is_unrecognised() {
        return Err(LoadError::Skipped(
            "not a questionnaire submission: no form header or question found".into(),
        ));
    }
    Ok(p)
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
    /// How files are read.
    pub read: ReadOptions,
    /// The rules that run.
    pub rules: Selection,
    /// Severity per rule code, replacing the rule's own.
    pub severity: BTreeMap<String, Severity>,
    /// The least words of an answer or paragraph DUP003 and DUP004 compare.
    pub min_words: usize,
    /// Settings of the rules that compare submissions.
    pub corpus: CorpusOptions,
    /// Paths not to scan.
    pub exclude: globset::GlobSet,
    /// Follow symbolic links met in the walk.
    pub follow: bool,
    /// Rule codes or prefixes not reported for paths matching a glob.
    pub per_file_ignores: Vec<(globset::GlobMatcher, Vec<String>)>,
    /// The folder per-file-ignores globs are relative to (the
    /// configuration file's); a glob also matches the path as printed.
    pub ignores_base: Option<PathBuf>,
    /// Told how the scan advances.
    pub progress: Option<std::sync::Arc<dyn Progress>>,
    /// Collect the similarity of pairs at or above this floor (the HTML
    /// report's heat map); `None` collects none.
    pub pair_floor: Option<f64>,
    /// Keep the source line each finding points at (for the reports that
    /// quote it).
    pub quote: bool,
    /// Where per-file results are cached ([`crate::cache`]); `None`: no
    /// cache.
    pub cache_dir: Option<PathBuf>,
    /// The round `[round]` describes: its senders are matched to the files.
    pub round: Option<crate::round::Round>,
    /// The decisions recorded in the round's database, by fingerprint.
    pub decisions: BTreeMap<String, crate::decisions::Decision>,
    /// The previous round's folder, whose answers this round's should not
    /// repeat unchanged (DUP005).
    pub previous: Option<PathBuf>,
    /// In a round (or with decisions recorded), the folder findings' ids
    /// are relative to ([`crate::decisions::root`]).
    pub round_root: Option<PathBuf>,
    /// Leave out the findings decided handled or accepted.
    pub hide_decided: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            read: ReadOptions::default(),
            rules: Selection::default(),
            severity: BTreeMap::new(),
            min_words: crate::corpus::MIN_PARAGRAPH_WORDS,
            corpus: CorpusOptions {
                similarity: crate::config::DEFAULT_SIMILARITY,
                email_domain: None,
                side_by_side: false,
            },
            exclude: globset::GlobSet::empty(),
            follow: false,
            per_file_ignores: Vec::new(),
            ignores_base: None,
            progress: None,
            pair_floor: None,
            quote: false,
            cache_dir: None,
            round: None,
            decisions: BTreeMap::new(),
            previous: None,
            round_root: None,
            hide_decided: false,
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
        o.read.known_placeholders = (form.template.placeholders.iter())
            .map(|p| source::fold_wording(p))
            .collect();
        o
    }

    /// The options for a form and the effective settings.
    pub fn from_settings(form: &Form, s: &Settings) -> Result<Options, String> {
        let mut o = Options::for_form(form);
        o.rules = Selection::new(&s.select, &s.ignore).map_err(|e| e.to_string())?;
        o.severity = s.severity.clone();
        o.corpus.similarity = s.similarity;
        o.corpus.email_domain = s.email_domain.clone();
        o.read.xml_limit = s.xml_limit * 1024 * 1024;
        o.read.max_file_size = s.max_file_size.saturating_mul(1000 * 1000);
        o.min_words = s.min_words;
        o.exclude = s.exclude_set()?;
        o.follow = s.follow;
        o.per_file_ignores = s.per_file_ignores()?;
        o.ignores_base = s.base.clone();
        o.round = s
            .round
            .as_ref()
            .map(crate::round::Round::load)
            .transpose()?;
        o.previous = s.round.as_ref().and_then(|r| r.previous.clone());
        o.load_decisions()?;
        Ok(o)
    }

    /// Reads the decisions recorded in the round's database (beside the
    /// configuration file, else in the working directory) as they stand
    /// now, and where the findings' ids are relative to.
    pub fn load_decisions(&mut self) -> Result<(), String> {
        let base = self.ignores_base.as_deref();
        let book = crate::decisions::book_path(base);
        self.decisions = match crate::decisions::Book::existing(&book)? {
            Some(book) => book.current()?,
            None => BTreeMap::new(),
        };
        if self.round.is_some() || !self.decisions.is_empty() {
            self.round_root = Some(crate::decisions::root(base));
        }
        Ok(())
    }
}

/// What is kept of a file after its own checks: its text is dropped, so a
/// scan of a hundred thousand files holds only these.
#[derive(Serialize, serde::Deserialize)]
struct Kept {
    report: FileReport,
    #[serde(with = "crate::cache::findings")]
    findings: Vec<Finding>,
    summary: Option<Summary>,
    /// A submission that fits no variant: its lines, to learn the form from,
    /// and which of the form's header fields it has.
    unfit: Option<(Vec<learn::Line>, Vec<bool>)>,
}

/// The 1-based line `n` of a text.
fn source_line(lines: &[&str], n: u32) -> Option<String> {
    lines.get(n.checked_sub(1)? as usize).map(|l| l.to_string())
}

fn failed(path: &Path, e: LoadError) -> Kept {
    Kept {
        report: FileReport::not_checked(path, e),
        findings: Vec::new(),
        summary: None,
        unfit: None,
    }
}

/// The cache with what names a file in it: the scanned roots as given and
/// canonical, so that a walked file's canonical path costs no system call.
struct Cached {
    cache: Cache,
    roots: Vec<(PathBuf, PathBuf)>,
    /// Links were followed: a walked path may pass through one.
    follow: bool,
}

impl Cached {
    fn new(cache: Cache, roots: &[PathBuf], follow: bool) -> Cached {
        let roots = (roots.iter())
            .filter_map(|r| Some((r.clone(), std::fs::canonicalize(r).ok()?)))
            .collect();
        Cached {
            cache,
            roots,
            follow,
        }
    }

    /// A file's entry: its canonical absolute path and its path as shown.
    fn entry(&self, path: &Path) -> Vec<u8> {
        let below = |(root, real): &(PathBuf, PathBuf)| {
            let rel = path.strip_prefix(root).ok()?;
            Some(if rel.as_os_str().is_empty() {
                real.clone()
            } else {
                real.join(rel)
            })
        };
        let walked = (!self.follow).then(|| self.roots.iter().find_map(below));
        let real = walked.flatten().unwrap_or_else(|| canonical(path));
        crate::cache::entry(&real, path)
    }
}

/// Checks one file, or takes what the cache (if one is given) holds for
/// its bytes.
fn check_one(d: &Discovered, form: &Form, options: &Options, cached: Option<&Cached>) -> Kept {
    let path = match d {
        Discovered::Unreadable { path, reason } => {
            return failed(path, LoadError::Failed(reason.clone()))
        }
        Discovered::Skipped { path, reason } => {
            return failed(path, LoadError::Skipped(reason.clone()))
        }
        Discovered::File(path) => path,
    };
    // A file whose size and time are the recorded ones is not read (the
    // submission on standard input always is). One look at the file gives
    // its stamp and the time a cached summary takes.
    let stdin = (options.read.stdin.as_deref()).is_some_and(|(n, _)| source::same_path(n, path));
    let cache = cached.map(|c| &c.cache);
    let entry = cached.map(|c| c.entry(path)).unwrap_or_default();
    let meta = cache.and_then(|_| std::fs::metadata(path).ok());
    let stamp = match (cache, &meta) {
        (Some(c), Some(m)) if !stdin => c.stamp(m),
        _ => 0,
    };
    let refresh = |mut kept: Kept| {
        // The same bytes, maybe touched since: the time is the file's now.
        if let Some(s) = &mut kept.summary {
            s.modified = meta.as_ref().and_then(rules::modified_at);
        }
        kept
    };
    if let Some(kept) = cache.and_then(|c| c.get_unchanged::<Kept>(&entry, stamp)) {
        return refresh(kept);
    }
    let (bytes, modified) = match source::read_bytes(path, &options.read) {
        Ok(b) => b,
        Err(e) => return failed(path, e),
    };
    let Some(cache) = cache else {
        return check_bytes(path, &bytes, modified, form, options);
    };
    let key = crate::cache::content_key(&bytes);
    if let Some(kept) = cache.get::<Kept>(&entry, key, stamp) {
        return refresh(kept);
    }
    let kept = check_bytes(path, &bytes, modified, form, options);
    cache.put(&entry, key, stamp, &kept);
    kept
}

/// Checks one file from its bytes (and its modification time, which the
/// corpus rules compare).
fn check_bytes(
    path: &Path,
    bytes: &[u8],
    modified: Option<u64>,
    form: &Form,
    options: &Options,
) -> Kept {
    let loaded = source::document(path, bytes, &options.read);
    let p = match loaded.map(|l| parsed(path, l, form)) {
        Ok(p) => p,
        Err(e) => return failed(path, e),
    };
    // A text that holds nothing of the form is no submission of it; it is
    // kept to learn from: files of a form dubbelkoll does not know share
    // its text, and a variant learned from them may fit it.
    let unrecognised = (p.sub.is_unrecognised() && !p.document.is_own_report()).then(|| {
        (
            learn::lines(&p.sub.doc),
            vec![false; form.template.fields.len()],
        )
    });
    let p = match submission(p) {
        Ok(p) => p,
        Err(e) => {
            let mut kept = failed(path, e);
            kept.unfit = unrecognised;
            return kept;
        }
    };
    let summarise = options.rules.has_corpus_rules() || options.pair_floor.is_some();
    let mut context = FileContext::new(&p.path, &p.sub, form);
    context.min_words = options.min_words;
    let mut findings = rules::check_file(&context, &options.rules);
    if options.quote {
        let lines: Vec<&str> = p.document.text.lines().collect();
        for f in &mut findings {
            f.source = source_line(&lines, f.line);
        }
    }
    let summary = summarise.then(|| {
        let fp = crate::corpus::fingerprint(&p.sub, &context.answers, options.min_words);
        Summary {
            modified,
            ..Summary::of(&p.path, &p.sub, form, fp)
        }
    });
    let unfit = (!p.sub.fits()).then(|| {
        let header = p
            .sub
            .header
            .iter()
            .map(|h| h.label_unit.is_some())
            .collect();
        (learn::lines(&p.sub.doc), header)
    });
    Kept {
        report: file_report(&p, form, &findings),
        summary,
        findings,
        unfit,
    }
}

/// The form with variants learned from the submissions that fit none of
/// its own (form text at least two of them share), if any was learned.
fn learn_variants(kept: &mut [Kept], form: &Form) -> Option<Form> {
    let unfit: Vec<(Vec<learn::Line>, Vec<bool>)> =
        kept.iter_mut().filter_map(|k| k.unfit.take()).collect();
    if unfit.len() < 2 {
        return None;
    }
    let docs: Vec<Vec<learn::Line>> = unfit.iter().map(|(l, _)| l.clone()).collect();
    let filler = |t: &str| form.is_placeholder(t) || form.is_non_answer(t);
    let learned = learn::from_submissions(&docs, learn::LEARNED, &filler);
    if learned.variants.is_empty() {
        return None;
    }
    let mut t = form.template.clone();
    // A "variant" of the form's own questions is submissions that deleted
    // most of them (MISS003, FORM001), not a form of their own.
    let known: std::collections::BTreeSet<String> = (t.variants.iter())
        .flat_map(|v| v.questions().map(|(_, q)| learn::key(q)))
        .collect();
    let new = |v: &crate::form::template::Variant| {
        let old = v
            .questions()
            .filter(|(_, q)| known.contains(&learn::key(q)))
            .count();
        old * 2 < v.question_count()
    };
    for (mut v, members) in learned.variants.into_iter().zip(learned.members) {
        if !new(&v) {
            continue;
        }
        // The learned header, and the form's own fields that most members
        // have, for roles no learned field takes.
        let own: Vec<FieldSpec> = (t.fields.iter().enumerate())
            .filter(|(f, _)| {
                let with = members
                    .iter()
                    .filter(|&&m| unfit[m].1.get(*f) == Some(&true));
                with.count() * 2 >= members.len()
            })
            .map(|(_, spec)| spec.clone())
            .filter(|spec| spec.role.is_none() || v.fields.iter().all(|l| l.role != spec.role))
            .collect();
        v.fields.extend(own);
        // Without a header learned or shared, the variant has none: the
        // form's own would report its every field missing.
        v.headerless = v.fields.is_empty();
        t.variants.push(v);
    }
    if t.variants.len() == form.template.variants.len() {
        return None;
    }
    t.placeholders.extend(learned.placeholders);
    t.generic_namnd.extend(learned.generic_sender);
    // A learned form has the usual closing sections, whatever the
    // template lists for its own.
    for o in crate::form::template::DEFAULT_OPTIONAL {
        if !t.optional.iter().any(|x| x == o) {
            t.optional.push(o.to_string());
        }
    }
    Some(Form::new(t))
}

/// What per-file results depend on besides a file's bytes: this build,
/// the form, how files are read and which rules run. Cached results of
/// another context are never used.
fn cache_context(form: &Form, options: &Options) -> String {
    let build = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| (m.len(), m.modified().ok()));
    let codes: Vec<&str> = options.rules.rules().iter().map(|r| r.code).collect();
    let r = &options.read;
    format!(
        "{} {build:?}\n{:?}\n{:?} {} {} {codes:?} {} {} {}",
        env!("CARGO_PKG_VERSION"),
        form.template,
        r.placeholder,
        r.xml_limit,
        r.max_file_size,
        options.min_words,
        options.quote,
        options.pair_floor.is_some(),
    )
}

/// Scans `paths` and checks every submission found.
pub fn check_paths(
    paths: &[PathBuf],
    form: &Form,
    options: &Options,
) -> Result<Outcome, MissingPath> {
    let (kept, learned) = per_file(paths, form, options)?;
    // The previous round's submissions, read as this round's are, for
    // answers left unchanged since (DUP005).
    let previous: Vec<Summary> = match &options.previous {
        Some(dir) => {
            let last = Options {
                cache_dir: None,
                progress: None,
                previous: None,
                ..options.clone()
            };
            let form = learned.as_ref().unwrap_or(form);
            let (kept, _) = per_file(std::slice::from_ref(dir), form, &last)?;
            kept.into_iter().filter_map(|k| k.summary).collect()
        }
        None => Vec::new(),
    };
    corpus_phase(kept, learned, &previous, form, options)
}

/// The per-file phase: every file read, checked on its own and summed up
/// for the corpus rules, with the variants learned from the files that fit
/// none (and those files checked again against them).
fn per_file(
    paths: &[PathBuf],
    form: &Form,
    options: &Options,
) -> Result<(Vec<Kept>, Option<Form>), MissingPath> {
    // `-` is the submission on standard input, under its name: it stands in
    // for a file of that name below the paths, or joins them.
    let roots: Vec<PathBuf> = paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .cloned()
        .collect();
    let mut found = source::discover(&roots, &options.exclude, options.follow)?;
    if let Some(stdin) = options.read.stdin.as_deref() {
        if !found.iter().any(|d| source::same_path(d.path(), &stdin.0)) {
            found.push(Discovered::File(stdin.0.clone()));
            found.sort_by(|a, b| path_bytes(a.path()).cmp(path_bytes(b.path())));
        }
    }
    if let Some(p) = &options.progress {
        p.start(found.len());
    }
    let cache = (options.cache_dir.as_deref()).map(|d| {
        let cache = Cache::open(d, &cache_context(form, options));
        Cached::new(cache, &roots, options.follow)
    });
    let mut kept: Vec<Kept> = found
        .par_iter()
        .map(|d| {
            let k = check_one(d, form, options, cache.as_ref());
            if let Some(p) = &options.progress {
                p.advance();
            }
            k
        })
        .collect();
    // Submissions that fit no variant are checked again against variants
    // learned from each other; those that fit one now are its.
    let unfit: Vec<usize> = (0..kept.len())
        .filter(|&i| kept[i].unfit.is_some())
        .collect();
    let learned = learn_variants(&mut kept, form);
    let form = learned.as_ref().unwrap_or(form);
    if learned.is_some() {
        let again: Vec<(usize, Kept)> = unfit
            .par_iter()
            .map(|&i| (i, check_one(&found[i], form, options, None)))
            .filter(|(_, k)| k.unfit.is_none())
            .collect();
        for (i, k) in again {
            kept[i] = k;
        }
    }

    if let Some(c) = &cache {
        if let Err(e) = c.cache.save() {
            eprintln!("dubbelkoll: cannot write the cache: {e}");
        }
    }
    Ok((kept, learned))
}

/// The corpus phase: the rules across files, version groups, the round.
fn corpus_phase(
    kept: Vec<Kept>,
    learned: Option<Form>,
    previous: &[Summary],
    form: &Form,
    options: &Options,
) -> Result<Outcome, MissingPath> {
    let form = learned.as_ref().unwrap_or(form);
    // Summary index → file index.
    let file_of: Vec<usize> = kept
        .iter()
        .enumerate()
        .filter(|(_, k)| k.summary.is_some())
        .map(|(i, _)| i)
        .collect();
    let mut files = Vec::with_capacity(kept.len());
    let mut findings = Vec::new();
    let mut summaries = Vec::new();
    for k in kept {
        findings.extend(k.findings);
        files.push(k.report);
        summaries.extend(k.summary);
    }
    let load = |path: &Path| {
        let p = parse_file(path, form, &options.read).ok()?;
        let answers = crate::corpus::answers::answers(&p.sub, form);
        Some((p.sub, answers))
    };
    let unreadable: Vec<(PathBuf, String)> = files
        .iter()
        .filter(|f| f.status == Status::Error)
        .map(|f| (f.path.clone(), f.reason.clone().unwrap_or_default()))
        .collect();
    let mut corpus = Corpus::new(&summaries, &options.corpus, &load);
    corpus.unreadable = &unreadable;
    corpus.previous = previous;
    let mut corpus_findings = rules::check_corpus(&corpus, &options.rules);
    let mut versions = if summaries.is_empty() {
        Vec::new()
    } else {
        corpus.version_groups()
    };
    versions.sort_by_cached_key(|g| g.members.iter().map(|m| path_bytes(m).to_vec()).min());
    if options.quote {
        quote(&mut corpus_findings, &options.read);
    }
    findings.extend(corpus_findings);
    let pairs = match options.pair_floor {
        Some(floor) => {
            let entries: Vec<crate::corpus::Entry> = summaries
                .iter()
                .map(|s| crate::corpus::Entry {
                    path: &s.path,
                    fp: &s.fingerprint,
                    sender: &s.sender,
                })
                .collect();
            crate::corpus::similar_pairs(&entries, floor)
                .into_iter()
                .map(|(i, j, s)| (file_of[i], file_of[j], s))
                .collect()
        }
        None => Vec::new(),
    };
    for f in &mut findings {
        if let Some(s) = options.severity.get(f.rule) {
            f.severity = *s;
        }
    }
    ignore_per_file(&mut findings, &files, options);
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    // The round: which expected sender sent each file names the file in
    // its findings' ids; each finding's decision by its id; then where
    // each sender stands.
    let arrivals: Vec<(&Path, &crate::corpus::sender::Sender)> = (summaries.iter())
        .map(|s| (s.path.as_path(), &s.sender))
        .collect();
    let round_of = |states: &[Option<crate::decisions::State>]| {
        let r = options.round.as_ref().filter(|r| !r.expected.is_empty())?;
        Some(crate::round::roll_call(
            r, &arrivals, &findings, states, &versions,
        ))
    };
    let ids = options.round_root.as_ref().map(|root| {
        let senders = (round_of(&[]).iter())
            .flat_map(|rc| &rc.senders)
            .flat_map(|s| s.files.iter().map(|p| (p.clone(), s.sender.name.clone())))
            .collect();
        crate::decisions::Ids {
            root: root.clone(),
            senders,
        }
    });
    let decided: Vec<Option<(String, &crate::decisions::Decision)>> = (findings.iter())
        .map(|f| {
            let ids = ids.as_ref().filter(|_| !options.decisions.is_empty())?;
            let id = ids.of(f);
            let d = options.decisions.get(&id)?;
            Some((id, d))
        })
        .collect();
    let states: Vec<_> = decided
        .iter()
        .map(|d| d.as_ref().map(|(_, d)| d.state))
        .collect();
    let round = round_of(&states);
    // With --hide-decided, what the reviewer settled is left out.
    let settled = |s: &Option<crate::decisions::State>| s.is_some_and(|s| s.settled());
    let (findings, decided): (Vec<Finding>, Vec<_>) = if options.hide_decided {
        let both = findings.into_iter().zip(decided).zip(&states);
        both.filter(|(_, s)| !settled(s)).map(|(fd, _)| fd).unzip()
    } else {
        (findings, decided)
    };
    let decisions: BTreeMap<String, crate::decisions::Decision> = decided
        .into_iter()
        .flatten()
        .map(|(id, d)| (id, d.clone()))
        .collect();
    Ok(Outcome {
        files,
        findings,
        pairs,
        round,
        decisions,
        ids,
        learned: learned.map(std::sync::Arc::new),
        versions,
        config: None,
    })
}

/// Drops the findings per-file-ignores names for their file. A glob
/// matches a path relative to the configuration's folder (as ruff's do),
/// or the path as printed; one that matches no scanned file is said on
/// standard error, since it silently ignores nothing.
fn ignore_per_file(findings: &mut Vec<Finding>, files: &[FileReport], options: &Options) {
    let globs = &options.per_file_ignores;
    if globs.is_empty() {
        return;
    }
    let base = options.ignores_base.as_deref().map(crate::guard::resolve);
    let mut relative: BTreeMap<&Path, Option<PathBuf>> = BTreeMap::new();
    for f in files {
        let rel = base.as_deref().and_then(|b| {
            let p = crate::guard::resolve(&f.path);
            p.strip_prefix(b).ok().map(Path::to_path_buf)
        });
        relative.insert(&f.path, rel);
    }
    let matches = |glob: &globset::GlobMatcher, path: &Path| {
        glob.is_match(path)
            || relative
                .get(path)
                .and_then(|r| r.as_deref())
                .is_some_and(|r| glob.is_match(r))
    };
    for (glob, _) in globs {
        if !files.iter().any(|f| matches(glob, &f.path)) {
            let from = (options.ignores_base.as_deref())
                .map(|b| format!(" (relative to {})", b.display()))
                .unwrap_or_default();
            eprintln!(
                "dubbelkoll: per-file-ignores: {:?} matches no scanned file{from}",
                glob.glob().glob()
            );
        }
    }
    findings.retain(|f| {
        !globs.iter().any(|(glob, codes)| {
            codes.iter().any(|c| f.rule.starts_with(c.as_str())) && matches(glob, &f.path)
        })
    });
}

/// Reads again the files that corpus findings point into, once each, and
/// keeps the lines they point at.
fn quote(findings: &mut [Finding], read: &ReadOptions) {
    let mut by_file: BTreeMap<PathBuf, Vec<(usize, u32)>> = BTreeMap::new();
    for (i, f) in findings.iter().enumerate() {
        by_file.entry(f.path.clone()).or_default().push((i, f.line));
    }
    let lines: Vec<(usize, Option<String>)> = by_file
        .into_par_iter()
        .flat_map_iter(|(path, at)| {
            let text = source::read(&path, read)
                .map(|d| d.text)
                .unwrap_or_default();
            let lines: Vec<&str> = text.lines().collect();
            at.into_iter()
                .map(|(i, n)| (i, source_line(&lines, n)))
                .collect::<Vec<_>>()
        })
        .collect();
    for (i, line) in lines {
        findings[i].source = line;
    }
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
        sender: sub.value(Role::Sender).map(str::to_string),
        contact: sub.value(Role::Contact).map(str::to_string),
        email: sub.value(Role::Email).map(str::to_string),
        answered,
        expected: sub.questions.len(),
    }
}

/// The file names `--only` names, with `-` standing for the names on
/// standard input, one a line.
pub fn only_paths(only: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    use std::io::Read;
    let mut out = Vec::new();
    for p in only {
        if p.as_os_str() != "-" {
            out.push(p.clone());
            continue;
        }
        // Capped as every other read is: names, not an endless stream.
        const MAX_NAMES: u64 = 16 << 20;
        let mut text = String::new();
        std::io::stdin()
            .take(MAX_NAMES + 1)
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read file names from standard input: {e}"))?;
        if text.len() as u64 > MAX_NAMES {
            return Err(format!(
                "--only -: more than {} MiB of file names on standard input",
                MAX_NAMES >> 20
            ));
        }
        let names = text.lines().map(str::trim).filter(|l| !l.is_empty());
        out.extend(names.map(PathBuf::from));
    }
    Ok(out)
}

/// When a path is `-`, reads the submission on standard input (at most
/// the size cap) under `name` (default `stdin.txt`; its extension says what
/// it is).
pub fn stdin_submission(
    paths: &[PathBuf],
    name: Option<PathBuf>,
    read: &mut ReadOptions,
) -> Result<(), String> {
    let reads_stdin = paths.iter().any(|p| p.as_os_str() == "-");
    if let (Some(name), false) = (&name, reads_stdin) {
        return Err(format!(
            "--stdin-filename {} names the submission read from standard input: add `-` to the paths to read it",
            name.display()
        ));
    }
    if reads_stdin {
        let name = name.unwrap_or_else(|| "stdin.txt".into());
        read.stdin = Some(std::sync::Arc::new((name, read_stdin(read.max_file_size)?)));
    }
    Ok(())
}

/// Reads the submission on standard input, at most `max` bytes.
fn read_stdin(max: u64) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    if bytes.len() as u64 > max {
        return Err(format!(
            "standard input is over the {:.1} MB limit (--max-file-size)",
            max as f64 / 1e6
        ));
    }
    Ok(bytes)
}

/// Compares the answers of two named files (`dubbelkoll diff`).
pub fn diff_named(
    a: &Path,
    b: &Path,
    form: &Form,
    read: &ReadOptions,
) -> Result<crate::corpus::diff::PairDiff, String> {
    let (mut pa, mut pb) = (read_named(a, form, read)?, read_named(b, form, read)?);
    let mut learned = None;
    // Two files of a form dubbelkoll does not know: the form they share,
    // learned from them, as `check` would.
    if !pa.sub.fits() && !pb.sub.fits() {
        let docs = [learn::lines(&pa.sub.doc), learn::lines(&pb.sub.doc)];
        let filler = |t: &str| form.is_placeholder(t) || form.is_non_answer(t);
        let found = learn::from_submissions(&docs, learn::LEARNED, &filler);
        if !found.variants.is_empty() {
            let f = Form::new(learn::template("learned", found));
            (pa, pb) = (read_named(a, &f, read)?, read_named(b, &f, read)?);
            learned = Some(f);
        }
    }
    let form = learned.as_ref().unwrap_or(form);
    let on = |p: &Parsed| match (p.sub.fits(), p.sub.variant) {
        (true, Some(v)) => format!(
            "{} is on {}",
            p.path.display(),
            form.template.variants[v].name
        ),
        _ => format!("{} on no form known or learned", p.path.display()),
    };
    if !pa.sub.fits() || !pb.sub.fits() {
        return Err(format!(
            "the two files are not on one form ({}; {}): there are no answers to compare question by question",
            on(&pa),
            on(&pb)
        ));
    }
    let answers = |p: &Parsed| crate::corpus::answers::answers(&p.sub, form);
    let (aa, ba) = (answers(&pa), answers(&pb));
    Ok(crate::corpus::diff::compare(&pa.sub, &aa, &pb.sub, &ba))
}

/// Refuses to write a report or baseline where the scan reads: over a
/// submission, or into the scanned folder under a name the next scan would
/// read as one.
pub fn check_output(paths: &[PathBuf], options: &Options, out: &Path) -> Result<(), String> {
    crate::guard::Scanned {
        roots: paths,
        exclude: &options.exclude,
    }
    .file(out)
}

/// Says which configuration file is in force (on standard error, unless
/// `quiet`), and refuses one inside the scanned folders that widens what
/// is read: a configuration that came with the submissions cannot make the
/// scan follow links out of the tree or read more than the defaults allow.
pub fn configuration_in_force(
    paths: &[PathBuf],
    file: Option<&Path>,
    settings: &Settings,
    quiet: bool,
) -> Result<(), String> {
    let Some(file) = file else { return Ok(()) };
    if !quiet {
        eprintln!("dubbelkoll: configuration: {}", file.display());
    }
    let exclude = globset::GlobSet::empty();
    let scanned = crate::guard::Scanned {
        roots: paths,
        exclude: &exclude,
    };
    let inside = file.parent().is_some_and(|d| scanned.holds_dir(d));
    if inside && !settings.widened_by_file.is_empty() {
        return Err(format!(
            "{}: a configuration inside the scanned folder cannot widen what is read ({}); \
             give these as flags, or in a configuration outside the folder (--config)",
            file.display(),
            settings.widened_by_file.join(", ")
        ));
    }
    Ok(())
}

/// Where the cache of a scan of `paths` lives: `explicit`, else
/// `$XDG_CACHE_HOME/dubbelkoll`, else `~/.cache/dubbelkoll`; nowhere with
/// `off`, without a home, or when the default lies in a scanned folder. An
/// explicit one in a scanned folder is an error: nothing is written there.
pub fn cache_dir(
    paths: &[PathBuf],
    explicit: Option<&Path>,
    off: bool,
) -> Result<Option<PathBuf>, String> {
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let default = || {
        (env("XDG_CACHE_HOME").or_else(|| Some(env("HOME")?.join(".cache"))))
            .filter(|d| d.is_absolute())
            .map(|d| d.join("dubbelkoll"))
    };
    let dir = match (off, explicit) {
        (true, _) => return Ok(None),
        (false, Some(d)) => d.to_path_buf(),
        (false, None) => match default() {
            Some(d) => d,
            None => return Ok(None),
        },
    };
    let exclude = globset::GlobSet::empty();
    let scanned = crate::guard::Scanned {
        roots: paths,
        exclude: &exclude,
    };
    match (scanned.holds_dir(&dir), explicit) {
        (false, _) => Ok(Some(crate::guard::resolve(&dir))),
        (true, None) => Ok(None),
        (true, Some(_)) => Err(format!(
            "{}: will not keep the cache there: it is in a scanned folder",
            dir.display()
        )),
    }
}

/// A path as the file system resolves it (canonical if it exists), so two
/// spellings compare equal.
pub fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.components().collect())
}

impl Outcome {
    /// Keeps the findings about the `only` files (as the file of the
    /// finding or as its related file) and lists only those files. A named
    /// file the scan did not find (absent, hidden, excluded, or not a
    /// submission's extension) is an error: a check that looked at nothing
    /// must not pass.
    pub fn restrict(self, only: &[PathBuf]) -> Result<Outcome, String> {
        let found: std::collections::BTreeSet<PathBuf> =
            self.files.iter().map(|f| canonical(&f.path)).collect();
        if let Some(p) = only.iter().find(|p| !found.contains(&canonical(p))) {
            let why = if p.exists() {
                "hidden, excluded, or not a submission's extension"
            } else {
                "no such file"
            };
            return Err(format!(
                "{}: --only names a file that was not checked ({why})",
                p.display()
            ));
        }
        let wanted: std::collections::BTreeSet<PathBuf> =
            only.iter().map(|p| canonical(p)).collect();
        let hit = |p: &Path| wanted.contains(&canonical(p));
        Ok(Outcome {
            findings: self
                .findings
                .into_iter()
                // A version of a submission carries its own finding; other
                // pair findings show under either file.
                .filter(|f| {
                    hit(&f.path) || (f.group.is_none() && f.related.iter().any(|r| hit(&r.path)))
                })
                .collect(),
            files: self.files.into_iter().filter(|f| hit(&f.path)).collect(),
            // Pairs index the full file list: none when it is cut down.
            pairs: Vec::new(),
            learned: self.learned,
            versions: self.versions,
            config: self.config,
            round: self.round,
            decisions: self.decisions,
            ids: self.ids,
        })
    }
}
