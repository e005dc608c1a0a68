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

/// Every command that writes asks the one guard: nothing lands where the
/// scan reads, however the path is spelled.
#[test]
fn no_command_writes_where_the_scan_reads() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("tree/x")).unwrap();
    std::fs::write(d.join("tree/000_x.txt"), seed("001")).unwrap();
    std::fs::write(d.join("tree/004_x.txt"), seed("004")).unwrap();
    let before = std::fs::read(d.join("tree/000_x.txt")).unwrap();
    let cases: &[&[&str]] = &[
        &["template", "infer", "tree", "-o", "tree/000_x.txt"],
        &["template", "infer", "tree", "-o", "tree/form.docx"],
        &["template", "infer", "tree", "-o", "tree/x/../000_x.txt"],
        &["compile", "tree", "-o", "tree/x/../s.docx"],
        &["compile", "tree", "-o", "tree/000_x.txt", "--format", "md"],
        &["check", "tree", "-o", "tree/nowhere/../000_x.txt"],
        &["check", "tree", "--write-baseline", "tree/x/../b.md"],
        &["check", "tree", "--cache-dir", "tree/x/.."],
        &["check", "tree", "--cache-dir", "tree/new/../cache"],
    ];
    for args in cases {
        let (code, err) = check(d, args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("will not"), "{args:?}: {err}");
    }
    assert_eq!(std::fs::read(d.join("tree/000_x.txt")).unwrap(), before);
    let mut left: Vec<String> = walkdir::WalkDir::new(d.join("tree"))
        .into_iter()
        .map(|e| {
            e.unwrap()
                .path()
                .strip_prefix(d)
                .unwrap()
                .display()
                .to_string()
        })
        .collect();
    left.sort();
    assert_eq!(left, ["tree", "tree/000_x.txt", "tree/004_x.txt", "tree/x"]);
    // Outside the tree, or under a name no scan reads, it writes.
    let (code, err) = check(d, &["template", "infer", "tree", "-o", "tree/form.toml"]);
    assert_eq!(code, 0, "{err}");
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

/// Every XML written (the compiled .docx and .xlsx, JUnit) is well-formed
/// whatever the text holds: a character XML forbids is replaced, and the
/// run says so once.
#[test]
fn xml_outputs_stay_well_formed_with_characters_xml_forbids() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("in")).unwrap();
    // U+FFFE in an answer of a UTF-16 file, a control character in a name.
    let text = seed("004").replace("Vårberg och Sättra", "Vårberg och \u{FFFE}Sättra\u{FFFF}");
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(d.join("in/a.txt"), utf16).unwrap();
    std::fs::write(
        d.join("in")
            .join(std::ffi::OsStr::from_bytes(b"b\x01\x1b.txt")),
        seed("002"),
    )
    .unwrap();
    let bad = |t: &str| {
        t.chars()
            .any(|c| c == '\u{FFFE}' || c == '\u{FFFF}' || (c < ' ' && !"\t\n\r".contains(c)))
    };
    let well_formed = |xml: &[u8], what: &str| {
        let mut r = quick_xml::Reader::from_reader(xml);
        let mut buf = Vec::new();
        loop {
            match r.read_event_into(&mut buf) {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(quick_xml::events::Event::Text(t)) => {
                    let t: &str = &t;
                    assert!(!bad(t), "{what}: {t:?}");
                }
                Ok(quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)) => {
                    for a in e.attributes() {
                        let v = a.unwrap().value.to_string();
                        assert!(!bad(&v), "{what}: {v:?}");
                    }
                }
                Ok(_) => {}
                Err(e) => panic!("{what} is not well-formed: {e}"),
            }
            buf.clear();
        }
    };
    let junit = run(d, &["check", "in", "--format", "junit"]);
    well_formed(&junit, "JUnit");
    assert!(String::from_utf8_lossy(&junit).contains("\u{FFFD}"));
    for doc in ["s.docx", "s.xlsx"] {
        let out = Command::cargo_bin("dubbelkoll")
            .unwrap()
            .current_dir(d)
            .args(["compile", "in", "-o", doc])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{err}");
        assert_eq!(err.matches("XML cannot hold").count(), 1, "{err}");
        let bytes = std::fs::read(d.join(doc)).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
        for i in 0..zip.len() {
            let mut part = zip.by_index(i).unwrap();
            let name = part.name().unwrap().to_string();
            if name.ends_with(".xml") {
                let mut xml = Vec::new();
                std::io::Read::read_to_end(&mut part, &mut xml).unwrap();
                well_formed(&xml, &format!("{doc}: {name}"));
            }
        }
    }
}
