//! `dubbelkoll serve` over HTTP, as a browser and an attacker reach it:
//! pages only under the run's secret and to this server's own `Host`,
//! changes only from its own pages, ids never paths, loopback only; a
//! decision saved on a page lasts after a restart; a submission added to
//! the folder appears without one; letters and the compiled document
//! download; nothing in the scanned folder is written.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

mod common;

/// A server on a copy of the seeds: started in `dir` on the folder `in`.
struct Server {
    child: Child,
    /// `127.0.0.1:PORT`.
    host: String,
    /// `/TOKEN`.
    base: String,
}

impl Server {
    fn start(dir: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dubbelkoll"))
            .current_dir(dir)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("SOURCE_DATE_EPOCH", "1764000000")
            .args(["serve", "in", "--lang", "en"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in {line:?}"));
        let rest = url.strip_prefix("http://").unwrap();
        let (host, path) = rest.split_once('/').unwrap();
        Server {
            child,
            host: host.to_string(),
            base: format!("/{}", path.trim_end_matches('/')),
        }
    }

    /// One request (`head` holds extra header lines), as (status, headers,
    /// body).
    fn request(&self, method: &str, path: &str, head: &str, body: &str) -> (u16, String, Vec<u8>) {
        let mut s = TcpStream::connect(&self.host).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        let host = if head.to_ascii_lowercase().contains("host:") {
            String::new()
        } else {
            format!("Host: {}\r\n", self.host)
        };
        write!(
            s,
            "{method} {path} HTTP/1.1\r\n{host}{head}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let at = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let headers = String::from_utf8_lossy(&raw[..at]).into_owned();
        let status = headers[9..12].parse().unwrap();
        let mut body = raw[at + 4..].to_vec();
        if headers
            .to_ascii_lowercase()
            .contains("transfer-encoding: chunked")
        {
            body = unchunk(&body);
        }
        (status, headers, body)
    }

    fn get(&self, path: &str) -> (u16, String) {
        let (status, _, body) = self.request("GET", &format!("{}{path}", self.base), "", "");
        (status, String::from_utf8_lossy(&body).into_owned())
    }

    /// A decision posted as the finding's page posts it.
    fn decide(&self, finding: &str, form: &str, head: &str) -> u16 {
        let head = format!("Content-Type: application/x-www-form-urlencoded\r\n{head}");
        let path = format!("{}{finding}", self.base);
        self.request("POST", &path, &head, form).0
    }

    fn origin(&self) -> String {
        format!("Origin: http://{}\r\n", self.host)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn unchunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let end = b.windows(2).position(|w| w == b"\r\n").unwrap();
        let size =
            usize::from_str_radix(std::str::from_utf8(&b[..end]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&b[end + 2..end + 2 + size]);
        b = &b[end + 4 + size..];
    }
}

/// A folder with a copy of the seeds in `in/`.
fn round() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds");
    std::fs::create_dir(dir.path().join("in")).unwrap();
    for e in std::fs::read_dir(seeds).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.path().join("in").join(p.file_name().unwrap())).unwrap();
    }
    dir
}

/// The links of a page that start with `prefix` (after the base).
fn links(page: &str, base: &str, prefix: &str) -> Vec<String> {
    let start = format!("href=\"{base}{prefix}");
    page.match_indices(&start)
        .map(|(i, _)| {
            let rest = &page[i + 6 + base.len()..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect()
}

/// Every file under `dir`, with its bytes.
fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.is_file())
        .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
        .collect();
    out.sort();
    out
}

#[test]
fn pages_answer_only_under_the_secret_to_this_servers_host() {
    let dir = round();
    let s = Server::start(dir.path());
    let (status, page) = s.get("/");
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Submissions"), "{page}");
    // No secret, a wrong one, a prefix of it: nothing.
    for path in ["/", "/0123456789abcdef0123456789abcdef/", &s.base[..10]] {
        assert_eq!(s.request("GET", path, "", "").0, 404, "{path}");
    }
    // The secret without its slash leads to the page.
    let (status, headers, _) = s.request("GET", &s.base, "", "");
    assert_eq!(status, 303, "{headers}");
    // Another name for this address (DNS rebinding), a second Host, another
    // host in the request line: refused.
    let page = format!("{}/", s.base);
    let (status, ..) = s.request("GET", &page, "Host: evil.example\r\n", "");
    assert_eq!(status, 421);
    let two = format!("Host: {}\r\nHost: evil.example\r\n", s.host);
    assert_eq!(s.request("GET", &page, &two, "").0, 421);
    let absolute = format!("http://evil.example{page}");
    assert_eq!(s.request("GET", &absolute, "", "").0, 421);
    let (_, headers, _) = s.request("GET", &format!("{}/", s.base), "", "");
    let headers = headers.to_ascii_lowercase();
    for h in [
        "content-security-policy: default-src 'none'",
        "referrer-policy: same-origin",
        "x-frame-options: deny",
    ] {
        assert!(headers.contains(h), "{h} not in {headers}");
    }
    // Ids, never paths: nothing outside the round is served.
    for path in [
        "/file/..%2f..%2fCargo.toml",
        "/file/../../Cargo.toml",
        "/letter/..%2F..%2Fin%2F001.txt/eml",
        "/finding/%2e%2e",
        "/file/",
    ] {
        let (status, body) = s.get(path);
        assert!(status == 404 || status == 400, "{path}: {status}");
        assert!(!body.contains("[package]"), "{path}");
    }
}

#[test]
fn only_the_servers_own_pages_change_anything() {
    let dir = round();
    let s = Server::start(dir.path());
    let (_, first) = s.get("/");
    let file = &links(&first, &s.base, "/file/")[0];
    let (_, page) = s.get(file);
    let finding = &links(&page, &s.base, "/finding/")[0];
    let form = "state=accepted&note=fine";
    // No Origin, another site's, a cross-site fetch: refused, nothing kept.
    assert_eq!(s.decide(finding, form, ""), 403);
    assert_eq!(
        s.decide(finding, form, "Origin: http://evil.example\r\n"),
        403
    );
    let cross = format!("{}Sec-Fetch-Site: cross-site\r\n", s.origin());
    assert_eq!(s.decide(finding, form, &cross), 403);
    assert!(!dir.path().join(".dubbelkoll").exists());
    // A decision that is not one, on a finding that is not one.
    assert_eq!(s.decide(finding, "state=deleted", &s.origin()), 400);
    assert_eq!(s.decide("/finding/00000000", form, &s.origin()), 404);
    assert!(!s.get(finding).1.contains("checked>"));
}

#[test]
fn a_decision_saved_on_the_page_lasts_after_a_restart() {
    let dir = round();
    let before = tree(&dir.path().join("in"));
    let finding = {
        let s = Server::start(dir.path());
        let (_, first) = s.get("/");
        let file = &links(&first, &s.base, "/file/")[0];
        let finding = links(&s.get(file).1, &s.base, "/finding/")[0].clone();
        let form = "state=handled&note=Called+%3Cb%3Ethe%3C%2Fb%3E+sender&by=anna";
        let head = format!("{}Sec-Fetch-Site: same-origin\r\n", s.origin());
        assert_eq!(s.decide(&finding, form, &head), 303);
        let (_, page) = s.get(&format!("{finding}?saved"));
        assert!(
            page.contains("role=\"status\">The decision is saved."),
            "{page}"
        );
        finding
    };
    let s = Server::start(dir.path());
    let (status, page) = s.get(&finding);
    assert_eq!(status, 200);
    assert!(
        page.contains("value=\"handled\" required checked"),
        "{page}"
    );
    assert!(
        page.contains("handled by anna") && page.contains("Called &lt;b&gt;the&lt;/b&gt; sender"),
        "{page}"
    );
    // The form holds the decision as it stands, to change what needs it.
    assert!(
        page.contains(">Called &lt;b&gt;the&lt;/b&gt; sender</textarea>"),
        "{page}"
    );
    assert!(
        page.contains("name=\"by\" autocomplete=\"name\" value=\"anna\""),
        "{page}"
    );
    // `check` reads the same decision.
    let out = common::dubbelkoll(dir.path())
        .args(["check", "in", "--format", "json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let decided: Vec<_> = (report["decisions"].as_array().unwrap().iter())
        .map(|d| (d["state"].as_str().unwrap(), d["by"].as_str().unwrap()))
        .collect();
    assert_eq!(decided, [("handled", "anna")], "{report}");
    // The database is beside the round; the submissions are untouched.
    assert!(dir.path().join(".dubbelkoll/round.sqlite").is_file());
    assert_eq!(tree(&dir.path().join("in")), before);
}

#[test]
fn a_submission_added_to_the_folder_appears_without_a_restart() {
    let dir = round();
    let s = Server::start(dir.path());
    let (_, generation) = s.get("/generation");
    let seed = common::seed_path("002");
    std::fs::copy(&seed, dir.path().join("in/zz-late.txt")).unwrap();
    let start = Instant::now();
    loop {
        let (_, page) = s.get("/");
        if page.contains("in/zz-late.txt") {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(20), "never appeared");
        std::thread::sleep(Duration::from_millis(100));
    }
    let (_, now) = s.get("/generation");
    assert!(now.trim().parse::<u64>().unwrap() > generation.trim().parse().unwrap());
    // The folder replaced by another of its name (a sync tool, an archive
    // unpacked again): the page follows the new one.
    std::fs::rename(dir.path().join("in"), dir.path().join("old")).unwrap();
    std::fs::create_dir(dir.path().join("in")).unwrap();
    std::fs::copy(&seed, dir.path().join("in/only.txt")).unwrap();
    let start = Instant::now();
    loop {
        let (_, page) = s.get("/");
        if page.contains("in/only.txt") && !page.contains("in/zz-late.txt") {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "never followed: {page}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn letters_and_the_compiled_document_download() {
    let dir = round();
    let s = Server::start(dir.path());
    let (_, first) = s.get("/");
    let letter = &links(&first, &s.base, "/letter/")[0];
    let (status, preview) = s.get(letter);
    assert_eq!(status, 200);
    let (status, headers, eml) = s.request("GET", &format!("{}{letter}/eml", s.base), "", "");
    assert_eq!(status, 200);
    assert!(headers.contains("message/rfc822"), "{headers}");
    assert!(headers.contains("attachment; filename=\""), "{headers}");
    let m = mail_parser::MessageParser::default().parse(&eml).unwrap();
    let subject = m.subject().unwrap();
    assert!(preview.contains(subject), "{subject} not in {preview}");
    let (status, headers, docx) = s.request("GET", &format!("{}/compiled.docx", s.base), "", "");
    assert_eq!(status, 200);
    assert!(headers.contains("wordprocessingml"), "{headers}");
    assert!(docx.starts_with(b"PK"));
    let (status, _, xlsx) = s.request("GET", &format!("{}/compiled.xlsx", s.base), "", "");
    assert_eq!(status, 200);
    assert!(xlsx.starts_with(b"PK"));
}

#[test]
fn serve_listens_on_loopback_only() {
    let dir = round();
    for bind in ["0.0.0.0", "::", "192.0.2.1"] {
        let out = common::dubbelkoll(dir.path())
            .args(["serve", "in", "--bind", bind])
            .timeout(Duration::from_secs(30))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bind}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("loopback only"), "{bind}: {err}");
    }
}
