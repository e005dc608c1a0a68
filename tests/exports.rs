//! PDF and RTF submissions, as real office software writes them: seeds 000,
//! 002 and 004 exported by LibreOffice (`soffice --headless --convert-to pdf`
//! and `rtf`, kept in `fixtures/exports/`) give the same findings as the
//! text seeds. A PDF without a text layer, or a broken one, is READ001.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use dubbelkoll::check::{check_paths, Options, Status};
use dubbelkoll::form::Form;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

use common::seed_path as seed;

/// (rule, question, message key and its stable values) of every finding of
/// one file checked alone: lines differ between formats, what is found must
/// not.
fn findings(path: &Path) -> BTreeSet<(String, String, String)> {
    let o = check_paths(&[path.to_path_buf()], &Form::builtin(), &Options::default()).unwrap();
    assert_eq!(o.files[0].status, Status::Checked, "{:?}", o.files[0]);
    o.findings
        .iter()
        .map(|f| {
            let q = f.question.clone().unwrap_or_default();
            let stable: Vec<String> = (f.text.args.iter())
                .filter(|(_, a)| a.is_stable())
                .map(|(n, a)| format!("{n}={a:?}"))
                .collect();
            let what = format!("{} {}", f.text.key, stable.join(" "));
            (f.rule.to_string(), q, what)
        })
        .collect()
}

#[test]
fn pdf_and_rtf_exports_give_the_same_findings_as_the_text() {
    for s in ["000", "002", "004"] {
        let text = findings(&seed(s));
        assert!(!text.is_empty());
        for ext in ["pdf", "rtf"] {
            let export = root().join(format!("fixtures/exports/{s}_libreoffice.{ext}"));
            assert_eq!(findings(&export), text, "{s}.{ext}");
        }
    }
}

#[test]
fn an_export_and_its_text_are_the_same_submission() {
    let o = check_paths(
        &[
            seed("004"),
            root().join("fixtures/exports/004_libreoffice.pdf"),
        ],
        &Form::builtin(),
        &Options::default(),
    )
    .unwrap();
    let dups: Vec<&str> = o
        .findings
        .iter()
        .filter(|f| f.rule.starts_with("DUP"))
        .map(|f| f.rule)
        .collect();
    assert_eq!(dups, ["DUP002", "DUP002"]);
}

#[test]
fn a_pdf_without_text_or_broken_is_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(
        root().join("fixtures/exports/blank-page_libreoffice.pdf"),
        d.join("scan.pdf"),
    )
    .unwrap();
    let whole = std::fs::read(root().join("fixtures/exports/002_libreoffice.pdf")).unwrap();
    std::fs::write(d.join("truncated.pdf"), &whole[..whole.len() / 3]).unwrap();
    std::fs::write(d.join("not-a.pdf"), b"just text").unwrap();
    std::fs::write(d.join("not-an.rtf"), b"just text").unwrap();
    let o = check_paths(&[d.to_path_buf()], &Form::builtin(), &Options::default()).unwrap();
    let read001: BTreeSet<(String, String)> = o
        .findings
        .iter()
        .filter(|f| f.rule == "READ001")
        .map(|f| {
            let name = f.path.file_name().unwrap().to_string_lossy().into_owned();
            (name, f.message.chars().take(60).collect())
        })
        .collect();
    let names: Vec<&str> = read001.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["not-a.pdf", "not-an.rtf", "scan.pdf", "truncated.pdf"]
    );
    let scan = read001.iter().find(|(n, _)| n == "scan.pdf").unwrap();
    assert!(scan.1.contains("without a text layer"), "{}", scan.1);
}
