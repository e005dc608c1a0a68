//! Where reports go: standard output (a closed pipe ends quietly), a file,
//! and the progress bar on standard error.

use std::io::Write;
use std::path::Path;

use crate::check::Progress;

/// Writes to standard output; a closed pipe (`| head`) ends quietly.
pub fn to_stdout(text: &str) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("cannot write output: {e}"))
        }
        _ => Ok(()),
    }
}

/// Writes a report to a file (saying so unless `quiet`), or to standard
/// output.
pub fn write(path: Option<&Path>, text: &str, quiet: bool) -> Result<(), String> {
    let Some(path) = path else {
        return to_stdout(text);
    };
    replace(path, text.as_bytes())
        .map_err(|e| format!("{}: cannot write the report: {e}", path.display()))?;
    if !quiet {
        eprintln!("dubbelkoll: wrote {}", path.display());
    }
    Ok(())
}

/// Replaces the file at `path` with `bytes` atomically: a temporary file
/// beside it, then a rename. A symbolic link at `path` is replaced, never
/// written through, and a reader never sees half a file.
pub fn replace(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Lists on standard error the files that could not be read.
pub fn errors(outcome: &crate::check::Outcome) {
    use crate::check::Status;
    for f in outcome.files.iter().filter(|f| f.status == Status::Error) {
        let reason = f.reason.as_deref().unwrap_or("error");
        eprintln!("dubbelkoll: {}: {reason}", f.path.display());
    }
}

/// A progress bar on standard error, drawn only for scans of more than a
/// moment (the caller decides whether standard error is a terminal).
#[derive(Clone)]
pub struct Bar(indicatif::ProgressBar);

impl Default for Bar {
    fn default() -> Bar {
        Bar(indicatif::ProgressBar::hidden())
    }
}

impl Bar {
    pub fn finish(&self) {
        self.0.finish_and_clear();
    }
}

impl Progress for Bar {
    fn start(&self, files: usize) {
        if files >= 500 {
            self.0.set_length(files as u64);
            self.0
                .set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
    }

    fn advance(&self) {
        self.0.inc(1);
    }
}
