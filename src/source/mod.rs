//! Finding submissions on disk and reading them into text.
//!
//! Discovery walks the given paths in sorted order and never writes. A
//! file found is read one way: its bytes, bounded ([`read_bytes`]), then a
//! [`Document`] from them ([`document`]), or the reason it was skipped;
//! [`read`] does both.

pub mod decode;
pub mod office;
pub mod pdf;
pub mod rtf;

use std::path::{Path, PathBuf};

pub use decode::{DecodeError, Decoding};

use crate::finding::path_bytes;

/// File extensions read when found by walking a directory: text exports,
/// Word, OpenDocument, PDF and RTF files, and legacy .doc (reported as
/// unsupported).
pub const EXTENSIONS: &[&str] = &["txt", "md", "docx", "odt", "pdf", "rtf", "doc"];

/// One thing found by discovery: a file to read, a path not read (listed
/// as `skipped` with the reason), or a path the walk could not enter
/// (listed as `error`).
#[derive(Debug, Clone)]
pub enum Discovered {
    File(PathBuf),
    Skipped { path: PathBuf, reason: String },
    Unreadable { path: PathBuf, reason: String },
}

/// A path given on the command line that does not exist: the tool cannot run.
#[derive(Debug)]
pub struct MissingPath(pub PathBuf);

impl std::fmt::Display for MissingPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: no such file or directory", self.0.display())
    }
}

/// Walks `roots` and lists the submission files under them, sorted by the
/// bytes of their paths.
///
/// Directories are walked in file-name order, hidden entries (`.git`,
/// `.DS_Store`) are skipped, and only files with an [`EXTENSIONS`]
/// extension are kept; a path named directly is kept whatever its
/// extension. Paths below a root that match an `exclude` glob are not
/// entered. Only regular files are read: FIFOs, devices and sockets are
/// listed as skipped. Symbolic links met in the walk are listed as skipped
/// unless `follow` is set; then each directory is walked once (remembered
/// by device and inode), so links that branch or loop cost nothing more.
/// One path spelled two ways (`d` and `./d/a.txt`) is listed once; a file
/// reached under a second name (a hard link, a followed link) is checked
/// under the first of its paths in sort order and listed as skipped under
/// the others, saying so.
pub fn discover(
    roots: &[PathBuf],
    exclude: &globset::GlobSet,
    follow: bool,
) -> Result<Vec<Discovered>, MissingPath> {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let mut found = Vec::new();
    let mut seen_dirs: std::collections::HashSet<(u64, u64)> = Default::default();
    for root in roots {
        if std::fs::metadata(root).is_err() && std::fs::symlink_metadata(root).is_err() {
            return Err(MissingPath(root.clone()));
        }
        let walker = walkdir::WalkDir::new(root)
            .follow_links(follow)
            .follow_root_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                if e.depth() > 0 && (is_hidden(e.file_name()) || excluded(root, e.path(), exclude))
                {
                    return false;
                }
                // A directory met again through a link is not walked again.
                !e.file_type().is_dir()
                    || e.metadata()
                        .map_or(true, |m| seen_dirs.insert((m.dev(), m.ino())))
            });
        for entry in walker {
            let e = match entry {
                Ok(e) => e,
                // A link back to an ancestor: a directory already walked.
                Err(err) if err.loop_ancestor().is_some() => continue,
                Err(err) => {
                    let path = err.path().unwrap_or(root).to_path_buf();
                    let reason = match err.io_error() {
                        Some(io) => format!("cannot read: {io}"),
                        None => err.to_string(),
                    };
                    found.push(Discovered::Unreadable { path, reason });
                    continue;
                }
            };
            let t = e.file_type();
            if t.is_dir() || (e.depth() > 0 && !has_known_extension(e.path()) && !t.is_symlink()) {
                continue;
            }
            let skipped = |reason: &str| Discovered::Skipped {
                path: e.path().to_path_buf(),
                reason: reason.to_string(),
            };
            found.push(if t.is_file() {
                Discovered::File(e.into_path())
            } else if t.is_symlink() {
                // Only met when links are not followed.
                match std::fs::metadata(e.path()) {
                    Err(err) if has_known_extension(e.path()) => Discovered::Unreadable {
                        path: e.path().to_path_buf(),
                        reason: format!("cannot read: {err}"),
                    },
                    Err(_) => continue,
                    Ok(m) if m.is_dir() => skipped(
                        "a symbolic link to a directory: not followed (--follow follows links)",
                    ),
                    Ok(_) if has_known_extension(e.path()) => {
                        skipped("a symbolic link: not followed (--follow follows links)")
                    }
                    Ok(_) => continue,
                }
            } else if t.is_fifo() {
                skipped("not a regular file: a FIFO (named pipe)")
            } else if t.is_char_device() || t.is_block_device() {
                skipped("not a regular file: a device")
            } else if t.is_socket() {
                skipped("not a regular file: a socket")
            } else {
                skipped("not a regular file")
            });
        }
    }
    found.sort_by(|a, b| path_bytes(a.path()).cmp(path_bytes(b.path())));
    found.dedup_by(|a, b| a.path() == b.path());
    // The same file reached twice: one path spelled two ways (`d` and
    // `./d/a.txt`) is listed once; a second name (a hard link, a followed
    // link) is listed as that, and the file is checked once, under the
    // first of its paths in sort order.
    let mut seen_files: std::collections::HashMap<(u64, u64), PathBuf> = Default::default();
    let mut out = Vec::with_capacity(found.len());
    for d in found {
        let Discovered::File(p) = &d else {
            out.push(d);
            continue;
        };
        let Ok(m) = std::fs::metadata(p) else {
            out.push(d);
            continue;
        };
        match seen_files.entry((m.dev(), m.ino())) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(p.clone());
                out.push(d);
            }
            std::collections::hash_map::Entry::Occupied(first) => {
                let canonical = |p: &Path| std::fs::canonicalize(p).ok();
                if canonical(p) != canonical(first.get()) {
                    out.push(Discovered::Skipped {
                        path: p.clone(),
                        reason: format!(
                            "a second name of {} (the same file, checked once)",
                            first.get().display()
                        ),
                    });
                }
            }
        }
    }
    Ok(out)
}

impl Discovered {
    pub fn path(&self) -> &Path {
        match self {
            Discovered::File(p) => p,
            Discovered::Skipped { path, .. } | Discovered::Unreadable { path, .. } => path,
        }
    }
}

/// Whether a text is a report dubbelkoll wrote (Markdown, GitHub
/// annotations, or the human report), which is never a submission.
fn is_own_report(text: &str) -> bool {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let Some(first) = lines.next() else {
        return false;
    };
    if first.trim_start_matches('\u{feff}') == "## dubbelkoll" {
        return true;
    }
    let annotation = |l: &str| {
        ["::error file=", "::warning file=", "::notice file="]
            .iter()
            .any(|p| l.starts_with(p))
    };
    // `path:line:column: severity[CODE] message`, as the human report writes.
    let finding = |l: &str| {
        let Some((place, rest)) = l.split_once(": ") else {
            return false;
        };
        let mut numbers = place.rsplitn(3, ':');
        let numeric = numbers.by_ref().take(2).all(|n| n.parse::<u32>().is_ok());
        let rule = rest
            .split_once('[')
            .and_then(|(sev, r)| Some((sev, r.split_once(']')?.0)));
        numeric
            && numbers.next().is_some()
            && rule.is_some_and(|(sev, code)| {
                ["error", "warning", "info", "fel", "varning"].contains(&sev)
                    && (4..=10).contains(&code.len())
                    && code
                        .bytes()
                        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
                    && code.bytes().rev().take(3).all(|b| b.is_ascii_digit())
            })
    };
    std::iter::once(first)
        .chain(lines)
        .take(3)
        .any(|l| annotation(l) || finding(l))
}

/// Whether `path`, taken below `root`, matches an exclude glob.
fn excluded(root: &Path, path: &Path, exclude: &globset::GlobSet) -> bool {
    !exclude.is_empty() && exclude.is_match(path.strip_prefix(root).unwrap_or(path))
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

pub fn has_known_extension(path: &Path) -> bool {
    EXTENSIONS.contains(&extension(path).as_str())
}

/// Why a file produced no submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// Read fine but nothing to check (`skipped`).
    Skipped(String),
    /// Could not be read (`error`).
    Failed(String),
}

/// How files are read.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Text standing in for a Word content control (or ODF placeholder
    /// field) that shows its placeholder.
    pub placeholder: String,
    /// Placeholder wordings such a control may show as they are (Word's
    /// own, "Click or tap here to enter text."), folded by
    /// [`fold_wording`]: a control showing one of them is read as it reads.
    pub known_placeholders: Vec<String>,
    /// The most bytes of XML read from one Word or OpenDocument file.
    pub xml_limit: u64,
    /// Files larger than this many bytes are skipped.
    pub max_file_size: u64,
    /// A submission read from standard input: the name it goes by, and its
    /// bytes (they stand in for a file of that name on disk).
    pub stdin: Option<std::sync::Arc<(PathBuf, Vec<u8>)>>,
}

/// A wording as placeholders are compared: trimmed, lower-cased, without a
/// closing full stop.
pub fn fold_wording(s: &str) -> String {
    s.trim().trim_end_matches(['.', ' ']).to_lowercase()
}

impl ReadOptions {
    /// What a control showing its placeholder `shown` is read as: the
    /// wording itself when it is a known placeholder, else the form's.
    pub fn placeholder_for<'a>(&'a self, shown: &'a str) -> &'a str {
        let known = !self.known_placeholders.is_empty()
            && self.known_placeholders.contains(&fold_wording(shown));
        if known {
            shown.trim()
        } else {
            &self.placeholder
        }
    }
}

/// The default cap on a file's size: 20 MB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 20 * 1000 * 1000;

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            placeholder: "Klicka här för att ange text.".into(),
            known_placeholders: Vec::new(),
            xml_limit: office::DEFAULT_XML_LIMIT,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            stdin: None,
        }
    }
}

/// What a file was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A text export, decoded so.
    Text(Decoding),
    /// A Word document: one line per paragraph.
    Docx,
    /// An OpenDocument text: one line per paragraph.
    Odt,
    /// A PDF's text layer, hard-wrapped like a text export.
    Pdf,
    /// An RTF document: one line per paragraph.
    Rtf,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Text(d) => d.name(),
            Format::Docx => "Word document (.docx), one line per paragraph",
            Format::Odt => "OpenDocument text (.odt), one line per paragraph",
            Format::Pdf => "PDF text layer (.pdf), lines as the PDF sets them",
            Format::Rtf => "RTF document (.rtf), one line per paragraph",
        }
    }

    /// How the file was read, in `lang`.
    pub fn describe(self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::Lang;
        match (lang, self) {
            (Lang::En, f) => f.name().to_string(),
            (Lang::Sv, Format::Text(d)) => format!("text, {}", d.name().replace(" with ", " med ")),
            (Lang::Sv, Format::Docx) => "Word-dokument (.docx), en rad per stycke".into(),
            (Lang::Sv, Format::Odt) => "OpenDocument-text (.odt), en rad per stycke".into(),
            (Lang::Sv, Format::Pdf) => {
                "PDF:ens textlager (.pdf), rader som PDF:en sätter dem".into()
            }
            (Lang::Sv, Format::Rtf) => "RTF-dokument (.rtf), en rad per stycke".into(),
        }
    }

    /// Whether each line of the text is a paragraph of its own.
    pub fn paragraph_per_line(self) -> bool {
        !matches!(self, Format::Text(_) | Format::Pdf)
    }
}

/// A file read as text: what parsing starts from.
#[derive(Debug, Clone)]
pub struct Document {
    /// One line per paragraph for Word, OpenDocument and RTF; lines as the
    /// file sets them for text exports and PDFs.
    pub text: String,
    pub format: Format,
    /// Lines of page furniture (running headers and footers, page numbers)
    /// taken out of a PDF.
    pub furniture: usize,
}

impl Document {
    /// Whether it is a report dubbelkoll wrote (Markdown, GitHub
    /// annotations, or the human report), which is never a submission.
    pub fn is_own_report(&self) -> bool {
        matches!(self.format, Format::Text(_)) && is_own_report(&self.text)
    }
}

/// Reads one file as a document: its bytes, bounded, then their text.
pub fn read(path: &Path, read: &ReadOptions) -> Result<Document, LoadError> {
    document(path, &read_bytes(path, read)?.0, read)
}

/// A submission's bytes: the standard input's when `path` is its name,
/// else the file's, read only if it is a regular file within the size
/// limit; with the file's modification time (seconds since the epoch).
pub fn read_bytes(path: &Path, read: &ReadOptions) -> Result<(Vec<u8>, Option<u64>), LoadError> {
    if let Some(stdin) = read
        .stdin
        .as_deref()
        .filter(|(name, _)| same_path(name, path))
    {
        return Ok((stdin.1.clone(), None));
    }
    let mb = |n: u64| n as f64 / 1e6;
    let limit = mb(read.max_file_size);
    match crate::bounded::read_with_metadata(path, read.max_file_size) {
        Ok((bytes, meta)) => Ok((bytes, crate::rules::modified_at(&meta))),
        Err(crate::bounded::Error::NotRegular) => {
            Err(LoadError::Skipped("not a regular file".into()))
        }
        Err(crate::bounded::Error::TooLarge(Some(size))) => Err(LoadError::Skipped(format!(
            "{:.1} MB is over the {limit:.1} MB limit (--max-file-size)",
            mb(size)
        ))),
        Err(crate::bounded::Error::TooLarge(None)) => Err(LoadError::Skipped(format!(
            "grew past the {limit:.1} MB limit while it was read (--max-file-size)"
        ))),
        Err(e) => Err(LoadError::Failed(format!("cannot read: {e}"))),
    }
}

/// Whether two spellings name one path (`./d/a.txt` and `d/a.txt`).
pub fn same_path(a: &Path, b: &Path) -> bool {
    let norm = |p: &Path| {
        p.components()
            .filter(|c| *c != std::path::Component::CurDir)
            .collect::<PathBuf>()
    };
    norm(a) == norm(b)
}

/// Reads a submission's bytes as the file `name` names it (its extension
/// says what it is): decodes a text export, extracts a Word, OpenDocument,
/// PDF or RTF file's text.
pub fn document(name: &Path, bytes: &[u8], read: &ReadOptions) -> Result<Document, LoadError> {
    let failed = |e: office::OfficeError| LoadError::Failed(e.0);
    let whole = |text| (text, 0);
    let ((text, furniture), format) = match extension(name).as_str() {
        "docx" => (
            office::docx_from_bytes(bytes, read)
                .map(whole)
                .map_err(failed)?,
            Format::Docx,
        ),
        "odt" => (
            office::odt_from_bytes(bytes, read)
                .map(whole)
                .map_err(failed)?,
            Format::Odt,
        ),
        "pdf" => (
            pdf::pdf_text(bytes, read.xml_limit).map_err(LoadError::Failed)?,
            Format::Pdf,
        ),
        "rtf" => (
            rtf::rtf_text(bytes, read.xml_limit)
                .map(whole)
                .map_err(|e| LoadError::Failed(e.0))?,
            Format::Rtf,
        ),
        "doc" => {
            return Err(LoadError::Failed(
                "legacy Word (.doc) format is not supported: save it as .docx".into(),
            ))
        }
        _ => {
            let (text, d) =
                decode::decode(bytes.to_vec()).map_err(|e| LoadError::Skipped(e.to_string()))?;
            ((text, 0), Format::Text(d))
        }
    };
    if !matches!(format, Format::Text(_)) && text.trim().is_empty() {
        return Err(LoadError::Skipped("empty document".into()));
    }
    Ok(Document {
        text,
        format,
        furniture,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_reports_are_recognised() {
        assert!(is_own_report("## dubbelkoll\n\n| File |"));
        assert!(is_own_report("::error file=a.txt,line=3::x\n"));
        assert!(is_own_report(
            "a.txt\na.txt:33:1: error[MISS001] Telefon is not filled in\n"
        ));
        assert!(is_own_report("b.txt\nb.txt:2:5: varning[DUP001] nästan\n"));
        for submission in [
            "Nämnd\nFarsta stadsdelsnämnd\nTelefon\n08-508 18 000\n",
            "Kl. 10:30:15: error[sic] i protokollet",
            "",
        ] {
            assert!(!is_own_report(submission), "{submission}");
        }
    }
}
