//! Output that could be turned against its reader: escape sequences in file
//! names and submissions never reach the terminal raw, and a file name
//! cannot cut the HTML report short.

mod common;

use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use assert_cmd::Command;

fn seed(prefix: &str) -> String {
    std::fs::read_to_string(common::seed_path(prefix)).unwrap()
}

fn run(dir: &Path, args: &[&str]) -> Vec<u8> {
    Command::cargo_bin("dubbelkoll")
        .unwrap()
        .current_dir(dir)
        .env_remove("LANG")
        .args(args)
        .output()
        .unwrap()
        .stdout
}

/// Two versions of one submission, one with an OSC 8 link and a
/// clear-screen sequence in an answer, one with a terminal title in its name.
fn hostile_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a.txt"), seed("001")).unwrap();
    let text = seed("004").replace(
        "Vårberg och Sättra",
        "Vårberg och \u{1b}]8;;http://evil.example\u{7}Sättra\u{1b}[2J",
    );
    assert!(text.contains('\u{1b}'));
    std::fs::write(
        d.join(std::ffi::OsStr::from_bytes(b"\x1b]0;pwned\x07b.txt")),
        text,
    )
    .unwrap();
    dir
}

#[test]
fn escape_sequences_are_shown_escaped_in_terminal_output() {
    let dir = hostile_folder();
    let d = dir.path();
    let b = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .find(|n| n.as_bytes().starts_with(b"\x1b"))
        .unwrap();
    let b = b.to_str().unwrap();
    for args in [
        vec!["check", ".", "--color", "never"],
        vec!["show", b],
        vec!["diff", "a.txt", b, "--color", "never"],
    ] {
        let out = run(d, &args);
        assert!(!out.contains(&0x1b) && !out.contains(&0x07), "{args:?}");
        let text = String::from_utf8_lossy(&out);
        assert!(text.contains("\\x1b"), "{args:?}: {text}");
    }
    // Colour is still drawn: only the file's own escapes are neutralised.
    let out = run(d, &["check", ".", "--color", "always"]);
    assert!(out.windows(2).any(|w| w == b"\x1b["));
    assert!(!String::from_utf8_lossy(&out).contains("\u{1b}]8;;"));
}

#[test]
fn a_file_name_cannot_cut_the_html_report_short() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("<!--<script>.txt"), seed("001")).unwrap();
    std::fs::write(d.join("b.txt"), seed("004")).unwrap();
    let out = run(d, &["check", ".", "--format", "html"]);
    let html = String::from_utf8(out).unwrap();
    let data = html
        .split("id=\"heat-data\">")
        .nth(1)
        .and_then(|s| s.split("</script>").next())
        .unwrap();
    assert!(!data.contains('<'), "{data}");
    // Everything after the embedded data is still there.
    for part in [
        "id=\"pairs\"",
        "id=\"findings\"",
        "<del>Sätra</del>",
        "</html>",
    ] {
        assert!(html.contains(part), "{part} missing");
    }
}

fn check(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::cargo_bin("dubbelkoll")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn reports_are_never_written_where_the_scan_reads() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("in")).unwrap();
    std::fs::write(d.join("in/a.txt"), seed("001")).unwrap();
    let before = std::fs::read(d.join("in/a.txt")).unwrap();
    for args in [
        ["check", "in", "-o", "in/a.txt"],
        ["check", "in", "-o", "in/report.md"],
        ["check", "in", "--write-baseline", "in/a.txt"],
    ] {
        let (code, err) = check(d, &args);
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains("will not write there"), "{err}");
    }
    assert_eq!(std::fs::read(d.join("in/a.txt")).unwrap(), before);
    assert!(!d.join("in/report.md").exists());

    // A link planted at the output path is replaced, not written through.
    std::fs::write(d.join("outside.html"), "keep").unwrap();
    std::os::unix::fs::symlink(d.join("outside.html"), d.join("report.html")).unwrap();
    let (code, _) = check(d, &["report", "in"]);
    assert_eq!(code, 1);
    assert_eq!(
        std::fs::read_to_string(d.join("outside.html")).unwrap(),
        "keep"
    );
    let written = std::fs::symlink_metadata(d.join("report.html")).unwrap();
    assert!(written.is_file());

    // A report left in the folder by hand is not read as a submission.
    let (_, _) = check(d, &["check", "in", "--format", "markdown", "-o", "r.md"]);
    std::fs::rename(d.join("r.md"), d.join("in/r.md")).unwrap();
    let out = run(d, &["check", "in", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let r = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "in/r.md")
        .unwrap();
    assert_eq!(r["status"], "skipped");
    assert_eq!(r["reason"], "a dubbelkoll report, not a submission");
}
