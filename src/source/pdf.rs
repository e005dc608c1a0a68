//! Reading PDF submissions: the text layer, page by page, with
//! `pdf-extract`. The text comes out like a PDF-to-text export (hard-wrapped
//! lines, blank lines between paragraphs), so it is normalised as one.
//!
//! Page furniture (running headers and footers, page numbers) is taken
//! out before the text is parsed: see [`without_furniture`].
//!
//! A PDF without a text layer (a scan) or one that cannot be read is an
//! error with the reason. The PDF reader is third-party code that cannot
//! bound itself: a hostile file can make it allocate gigabytes, recurse
//! until the stack overflows, or loop. Neither is catchable in-process, so
//! the binary reads every PDF in a child process of itself (the hidden
//! `__read-pdf` subcommand, as Apache Tika's forked parser does) under
//! resource limits: address space, processor time, no files written, no
//! core dumps. A child that dies or overruns is that file's error; the run
//! goes on. Library users that do not call [`read_in_child`] read in
//! process, with panics caught.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::OnceLock;

/// The executable whose `__read-pdf` subcommand reads PDFs, once set.
static READER: OnceLock<PathBuf> = OnceLock::new();

/// The hidden subcommand that reads one PDF from standard input.
pub const CHILD_COMMAND: &str = "__read-pdf";

/// The most address space a child may map when its text may be `limit`
/// bytes: room for the reader itself, the file, and its text many times
/// over (1 GiB at the default `--xml-limit` of 64 MiB).
pub fn child_memory(limit: u64) -> u64 {
    (512 << 20) + limit.saturating_mul(8)
}
/// The most processor time a child may take, in seconds.
pub const CHILD_SECONDS: u64 = 20;
/// The child's exit code for a PDF it could not read (the reason on its
/// standard error).
const UNREADABLE: i32 = 3;

/// Reads every PDF from here on in a child process of `exe` (this binary),
/// under resource limits.
pub fn read_in_child(exe: PathBuf) {
    let _ = READER.set(exe);
}

/// The text of a PDF document held in memory, at most `limit` bytes, and
/// how many lines of page furniture were taken out of it.
pub fn pdf_text(bytes: &[u8], limit: u64) -> Result<(String, usize), String> {
    if !bytes.starts_with(b"%PDF") {
        return Err("not a PDF document: it does not start with %PDF".into());
    }
    let pages = match READER.get() {
        Some(exe) => in_child(exe, bytes, limit)?
            .split(PAGE_BREAK)
            .map(str::to_string)
            .collect(),
        None => extract(bytes, limit)?,
    };
    let (pages, furniture) = without_furniture(&pages);
    let text = pages.join("\n\n");
    if !text.chars().any(char::is_alphanumeric) {
        return Err(
            "a PDF without a text layer (a scanned image?): there is no text to check".into(),
        );
    }
    Ok((text, furniture))
}

/// What separates pages in the child's output.
const PAGE_BREAK: char = '\u{c}';

/// Reads a PDF's pages in process: the child's own work. A form feed
/// inside a page becomes a line break, so that it never reads as a page's
/// end.
pub fn extract(bytes: &[u8], limit: u64) -> Result<Vec<String>, String> {
    let pages = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem_by_pages(bytes))
        .map_err(|_| "the PDF could not be read: its structure is broken".to_string())?
        .map_err(|e| format!("the PDF could not be read: {e}"))?;
    let mut total = 0u64;
    let mut out = Vec::with_capacity(pages.len());
    for page in pages {
        total += page.len() as u64 + 1;
        if total > limit {
            return Err(too_long(limit));
        }
        out.push(page.replace(PAGE_BREAK, "\n"));
    }
    Ok(out)
}

/// Page furniture: the lines a PDF repeats at the top or bottom of its
/// pages (a running header "Stockholms stad – Stadsledningskontoret", a
/// footer, "Sida 2 av 5") and bare page numbers. A line is furniture when,
/// its digits folded, it stands among the first or last two lines of at
/// least half the pages, and of two pages at least. Returns the pages
/// without it, and how many lines were taken out.
pub fn without_furniture(pages: &[String]) -> (Vec<String>, usize) {
    const EDGE: usize = 2;
    let fold = |l: &str| -> String {
        let words: Vec<&str> = l.split_whitespace().collect();
        words
            .join(" ")
            .chars()
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect()
    };
    let edges = |page: &str| -> Vec<(usize, String)> {
        let lines: Vec<(usize, &str)> = (page.lines().enumerate())
            .filter(|(_, l)| !l.trim().is_empty())
            .collect();
        let n = lines.len();
        (lines.iter().enumerate())
            .filter(|(k, _)| *k < EDGE || *k + EDGE >= n)
            .map(|(_, (i, l))| (*i, fold(l)))
            .collect()
    };
    let per_page: Vec<Vec<(usize, String)>> = pages.iter().map(|p| edges(p)).collect();
    let mut count: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for page in &per_page {
        let keys: std::collections::BTreeSet<&str> = page.iter().map(|(_, k)| k.as_str()).collect();
        for k in keys {
            *count.entry(k).or_default() += 1;
        }
    }
    let need = pages.len().div_ceil(2).max(2);
    // A bare page number ("3", "- 3 -", "3 (5)") repeats as "#" whatever
    // the page.
    let bare = |k: &str| {
        let digits = k.chars().filter(|&c| c == '#').count();
        (1..=3).contains(&digits)
            && k.chars()
                .all(|c| c == '#' || c == ' ' || "-–—()/|.".contains(c))
    };
    let mut removed = 0;
    let cleaned = (pages.iter().zip(&per_page))
        .map(|(page, edge)| {
            let drop: std::collections::BTreeSet<usize> = (edge.iter())
                .filter(|(_, k)| {
                    pages.len() >= 2
                        && (count.get(k.as_str()).copied().unwrap_or(0) >= need || bare(k))
                })
                .map(|(i, _)| *i)
                .collect();
            removed += drop.len();
            (page.lines().enumerate())
                .filter(|(i, _)| !drop.contains(i))
                .map(|(_, l)| l)
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect();
    (cleaned, removed)
}

fn too_long(limit: u64) -> String {
    format!(
        "its text is more than {} MiB; the limit is --xml-limit",
        limit / (1024 * 1024)
    )
}

/// The binary's first step. Started as a PDF reader's child (arguments
/// `__read-pdf LIMIT MAX_INPUT`), it does that work and gives the exit
/// code; otherwise this run will read its PDFs in such children of its own
/// executable, and `None`.
pub fn start(args: impl Iterator<Item = std::ffi::OsString>) -> Option<u8> {
    let args: Vec<std::ffi::OsString> = args.take(4).collect();
    if args.get(1).is_none_or(|a| a != CHILD_COMMAND) {
        if let Ok(exe) = std::env::current_exe() {
            read_in_child(exe);
        }
        return None;
    }
    let number = |i: usize| args.get(i).and_then(|a| a.to_str()?.parse().ok());
    Some(match (number(2), number(3)) {
        (Some(limit), Some(max_input)) => serve_child(limit, max_input) as u8,
        _ => 2,
    })
}

/// The `__read-pdf` subcommand: a PDF of at most `max_input` bytes on
/// standard input, its pages on standard output, a form feed between
/// two; the exit code.
fn serve_child(limit: u64, max_input: u64) -> i32 {
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().take(max_input).read_to_end(&mut bytes) {
        eprintln!("cannot read the PDF: {e}");
        return UNREADABLE;
    }
    match extract(&bytes, limit) {
        Ok(pages) => {
            let text = pages.join(&PAGE_BREAK.to_string());
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                Ok(()) => 0,
                Err(_) => UNREADABLE,
            }
        }
        Err(e) => {
            eprintln!("{e}");
            UNREADABLE
        }
    }
}

/// Sets the child's limits, between fork and exec: only async-signal-safe
/// calls.
fn limit_child(memory: u64) -> std::io::Result<()> {
    let set = |resource, soft: u64, hard: u64| {
        let lim = libc::rlimit {
            rlim_cur: soft as libc::rlim_t,
            rlim_max: hard as libc::rlim_t,
        };
        // SAFETY: setrlimit only reads `lim`, and is async-signal-safe.
        if unsafe { libc::setrlimit(resource, &lim) } != 0 {
            return Err(std::io::Error::last_os_error());
        }
        Ok(())
    };
    set(libc::RLIMIT_AS, memory, memory)?;
    set(libc::RLIMIT_CPU, CHILD_SECONDS, CHILD_SECONDS + 1)?;
    set(libc::RLIMIT_FSIZE, 0, 0)?;
    set(libc::RLIMIT_CORE, 0, 0)?;
    Ok(())
}

/// The most of a child's standard error kept for a message.
const ERROR_BYTES: u64 = 4096;

/// Reads a PDF in a child process of `exe` under limits: its pages, a
/// form feed between two.
fn in_child(exe: &std::path::Path, bytes: &[u8], limit: u64) -> Result<String, String> {
    use std::os::unix::process::{CommandExt, ExitStatusExt};
    use std::process::{Command, Stdio};
    let mut cmd = Command::new(exe);
    cmd.arg(CHILD_COMMAND)
        .arg(limit.to_string())
        .arg(bytes.len().to_string())
        .env_clear()
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let memory = child_memory(limit);
    // SAFETY: the closure only calls setrlimit, which is async-signal-safe.
    unsafe {
        cmd.pre_exec(move || limit_child(memory));
    }
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("cannot start the PDF reader: {e}"))?;
    let (mut stdin, mut stdout, mut stderr) = (
        child.stdin.take().expect("piped"),
        child.stdout.take().expect("piped"),
        child.stderr.take().expect("piped"),
    );
    let (text, error) = std::thread::scope(|s| {
        // A child that stops reading closes the pipe: nothing to report.
        s.spawn(move || {
            let _ = stdin.write_all(bytes);
        });
        let error = s.spawn(move || {
            let mut e = Vec::new();
            let _ = (&mut stderr).take(ERROR_BYTES).read_to_end(&mut e);
            // The rest is drained so that the child never blocks on it.
            let _ = std::io::copy(&mut stderr, &mut std::io::sink());
            e
        });
        let mut text = Vec::new();
        let read = (&mut stdout).take(limit + 1).read_to_end(&mut text);
        if read.is_err() || text.len() as u64 > limit {
            let _ = child.kill();
        }
        drop(stdout);
        (text, error.join().unwrap_or_default())
    });
    let status = child
        .wait()
        .map_err(|e| format!("the PDF reader was lost: {e}"))?;
    let said = String::from_utf8_lossy(&error);
    let said = crate::text::visible(said.trim()).into_owned();
    if text.len() as u64 > limit {
        return Err(too_long(limit));
    }
    match (status.code(), status.signal()) {
        (Some(0), _) => {
            String::from_utf8(text).map_err(|_| "the PDF reader gave text that is not UTF-8".into())
        }
        (Some(UNREADABLE), _) => Err(said),
        (_, Some(libc::SIGXCPU | libc::SIGKILL)) => Err(format!(
            "the PDF reader took more than {CHILD_SECONDS} s of processor time on it and was stopped (a broken or hostile PDF?)"
        )),
        _ if said.contains("memory allocation") || said.contains("capacity overflow") => {
            Err(format!(
                "reading it needed more than {} MiB of memory and was stopped (a PDF bomb?)",
                memory >> 20
            ))
        }
        _ if said.contains("overflowed its stack") => {
            Err("its structure is nested too deeply to read (a hostile PDF?)".into())
        }
        (code, signal) => Err(format!(
            "the PDF reader failed on it ({}): it is broken or hostile",
            match (code, signal) {
                (Some(c), _) => format!("exit code {c}"),
                (_, Some(s)) => format!("signal {s}"),
                _ => "no exit status".into(),
            }
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn running_headers_footers_and_page_numbers_are_taken_out() {
        let page = |n: usize, body: &str| {
            format!("Stockholms stad – Stadsledningskontoret\n\n{body}\n\nSida {n} av 3\n{n}")
        };
        let pages = vec![
            page(1, "Nämnd\nFarsta stadsdelsnämnd"),
            page(2, "Beskriv arbetet.\nVi har arbetat med 12 företag."),
            page(3, "Övriga upplysningar\nInga."),
        ];
        let (clean, removed) = without_furniture(&pages);
        assert_eq!(removed, 9);
        assert_eq!(
            clean[1].trim(),
            "Beskriv arbetet.\nVi har arbetat med 12 företag."
        );
        // One page has no pages to compare: nothing is taken out.
        let one = vec![page(1, "Nämnd\nFarsta")];
        assert_eq!(without_furniture(&one), (one.clone(), 0));
        // A line that opens one page only is the document's.
        let pages = vec![
            "Inledning\nText".to_string(),
            "Fortsättning\nMer text".to_string(),
        ];
        assert_eq!(without_furniture(&pages).1, 0);
    }
}
