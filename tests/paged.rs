//! A PDF's pages as LibreOffice prints them: the library outreach return
//! (`fixtures/forms/outreach/`, written by `examples/gen_word.rs`) has long
//! answers that run over three and four pages, under a running header and
//! above a footer with the page's number. Its PDFs (`pdf/`, made from the
//! .docx files by LibreOffice) must read as the .docx files do: the same
//! answers, the same findings, nothing of the pages' furniture.

mod common;

use std::path::{Path, PathBuf};

use serde_json::Value;

fn outreach() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/forms/outreach")
}

/// Copies the files of `from` with extension `ext` into `to`.
fn copy(from: &Path, ext: &str, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == ext) {
            std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
        }
    }
}

/// (file stem, rule, the question's number) of each finding of a check.
fn findings(dir: &Path, args: &[&str]) -> Vec<(String, String, String)> {
    let out = common::dubbelkoll(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|_| {
        panic!("{}", String::from_utf8_lossy(&out.stderr));
    });
    let mut got: Vec<(String, String, String)> = (report["findings"].as_array().unwrap())
        .iter()
        .map(|f| {
            let path = Path::new(f["path"].as_str().unwrap());
            let question = f["question"].as_str().unwrap_or("");
            (
                path.file_stem().unwrap().to_string_lossy().into_owned(),
                f["rule"].as_str().unwrap().to_string(),
                question.split(' ').next().unwrap_or("").to_string(),
            )
        })
        .collect();
    got.sort();
    got
}

fn planted() -> Vec<(String, String, String)> {
    [
        ("eastfield", "MISS001", "2.2"),
        ("millbrook", "MISS002", "1.2"),
        ("southbank", "CONT001", ""),
    ]
    .iter()
    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    .collect()
}

#[test]
fn pdf_pages_give_the_answers_and_findings_of_the_word_file() {
    let tmp = tempfile::tempdir().unwrap();
    copy(&outreach(), "docx", &tmp.path().join("docx"));
    copy(&outreach().join("pdf"), "pdf", &tmp.path().join("pdf"));
    let blank = outreach().join("blank/outreach-blank.docx");
    let infer = common::dubbelkoll(tmp.path())
        .args(["template", "infer"])
        .arg(&blank)
        .args(["-o", "outreach.toml"])
        .output()
        .unwrap();
    assert!(infer.status.success());
    for template in [&[][..], &["--template", "outreach.toml"][..]] {
        for format in ["docx", "pdf"] {
            let got = findings(tmp.path(), &[&[format][..], template].concat());
            assert_eq!(got, planted(), "{format} {template:?}");
        }
        // Together, each PDF has its Word file's answers word for word.
        let both = findings(tmp.path(), &[&["docx", "pdf"][..], template].concat());
        let identical: Vec<&String> = (both.iter())
            .filter(|f| f.1 == "DUP002")
            .map(|f| &f.0)
            .collect();
        assert_eq!(identical.len(), 8, "{both:?}");
    }
    // The running header, the footer and the page numbers are left out,
    // and `show` says so; the parts of the form are headings, not answers.
    let out = common::dubbelkoll(tmp.path())
        .args(["show", "--template", "outreach.toml", "pdf/northgate.pdf"])
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(
        shown.contains("page furniture left out (running headers, footers, page numbers): 8 lines"),
        "{shown}"
    );
    for furniture in ["Library Outreach Office", "Outreach return 2025", "Page "] {
        assert!(!shown.contains(furniture), "{furniture}: {shown}");
    }
    assert!(shown.contains("\nPart 2 – Programmes  [line"), "{shown}");
    assert!(
        shown.contains("Library        Northgate Branch Library"),
        "{shown}"
    );
}
