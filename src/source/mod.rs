//! Finding submissions on disk and reading them into text.
//!
//! Discovery walks the given paths in sorted order and never writes; loading
//! turns one file into decoded text or a reason why it was skipped.

pub mod decode;

use std::path::{Path, PathBuf};

pub use decode::{DecodeError, Decoding};

/// File extensions read as text exports when found by walking a directory.
pub const TEXT_EXTENSIONS: &[&str] = &["txt", "md"];

/// One thing found by discovery: a file to read, or a path the walk could
/// not enter (reported as an `error` entry).
#[derive(Debug, Clone)]
pub enum Discovered {
    File(PathBuf),
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

/// Walks `roots` and lists the submission files under them, sorted by path.
///
/// Directories are walked in file-name order, hidden entries (`.git`,
/// `.DS_Store`) are skipped, symbolic links are followed (a loop becomes an
/// `Unreadable` entry) and only files with a [`TEXT_EXTENSIONS`] extension
/// are kept. A file named directly is kept whatever its extension.
pub fn discover(roots: &[PathBuf]) -> Result<Vec<Discovered>, MissingPath> {
    let mut found = Vec::new();
    for root in roots {
        if std::fs::metadata(root).is_err() && std::fs::symlink_metadata(root).is_err() {
            return Err(MissingPath(root.clone()));
        }
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_dir() => {}
                Ok(e) => {
                    if e.depth() == 0 || has_text_extension(e.path()) {
                        found.push(Discovered::File(e.into_path()));
                    }
                }
                Err(err) => {
                    let path = err.path().unwrap_or(root).to_path_buf();
                    let reason = if err.loop_ancestor().is_some() {
                        "symbolic link loop".to_string()
                    } else {
                        match err.io_error() {
                            Some(io) => format!("cannot read: {io}"),
                            None => err.to_string(),
                        }
                    };
                    found.push(Discovered::Unreadable { path, reason });
                }
            }
        }
    }
    found.sort_by_cached_key(|d| display_key(d.path()));
    found.dedup_by(|a, b| a.path() == b.path());
    Ok(found)
}

impl Discovered {
    pub fn path(&self) -> &Path {
        match self {
            Discovered::File(p) => p,
            Discovered::Unreadable { path, .. } => path,
        }
    }
}

/// The key files are sorted by: the path as it will be printed.
pub fn display_key(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

fn has_text_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| TEXT_EXTENSIONS.iter().any(|t| t.eq_ignore_ascii_case(e)))
}

/// Why a file produced no submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// Read fine but nothing to check (`skipped`).
    Skipped(String),
    /// Could not be read (`error`).
    Failed(String),
}

/// Reads and decodes one file.
pub fn load_text(path: &Path) -> Result<(String, Decoding), LoadError> {
    let bytes = std::fs::read(path).map_err(|e| LoadError::Failed(format!("cannot read: {e}")))?;
    decode::decode(bytes).map_err(|e| LoadError::Skipped(e.to_string()))
}
