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
    // A report is for others to read: not the temporary file's 0600.
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The last panic's message: printed only if it reaches [`exit_code`] (a
/// panic the PDF reader's guard catches is that file's error, not a crash).
static PANIC: std::sync::Mutex<String> = std::sync::Mutex::new(String::new());

/// Runs a command and maps its result to the exit code: 0 clean, 1 when it
/// found something, 2 when it could not run (the message on standard error)
/// or crashed (reported as a bug).
pub fn exit_code(run: impl FnOnce() -> Result<bool, String>) -> std::process::ExitCode {
    use std::process::ExitCode;
    std::panic::set_hook(Box::new(|info| {
        *PANIC.lock().unwrap_or_else(|e| e.into_inner()) = info.to_string();
    }));
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)) {
        Ok(Ok(findings)) => ExitCode::from(u8::from(findings)),
        Ok(Err(msg)) => {
            eprintln!("dubbelkoll: {msg}");
            ExitCode::from(2)
        }
        Err(_) => {
            let info = PANIC.lock().unwrap_or_else(|e| e.into_inner()).clone();
            eprintln!("dubbelkoll: internal error: {info}");
            eprintln!("dubbelkoll: this is a bug; please report it with the input that caused it");
            ExitCode::from(2)
        }
    }
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
