//! Word (.docx) and OpenDocument (.odt) submissions: read like their text
//! exports, placeholders in content controls found, hostile files refused
//! with a reason while the scan goes on.

#[path = "../examples/gen_word.rs"]
mod gen_word;

use std::collections::BTreeMap;
mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use dubbelkoll::check::{check_paths, Options, Outcome, Status};
use dubbelkoll::form::Form;
use dubbelkoll::source::{self, Format, ReadOptions};
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seed(prefix: &str) -> PathBuf {
    let dir = root().join("fixtures/seeds");
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap()
}

fn word(name: &str) -> PathBuf {
    root().join("fixtures/word").join(name)
}

fn check(paths: &[PathBuf]) -> Outcome {
    let form = Form::builtin();
    check_paths(paths, &form, &Options::for_form(&form)).unwrap()
}

/// Per file (by its seed number), the (rule, severity, question) of each finding.
fn by_seed(o: &Outcome) -> BTreeMap<String, Vec<(String, String, String)>> {
    let mut m: BTreeMap<String, Vec<(String, String, String)>> = BTreeMap::new();
    for f in &o.findings {
        let name = Path::new(&f.path).file_name().unwrap().to_string_lossy()[..3].to_string();
        m.entry(name).or_default().push((
            f.rule.to_string(),
            f.severity.as_str().to_string(),
            f.question.clone().unwrap_or_default(),
        ));
    }
    m.values_mut().for_each(|v| v.sort());
    m
}

#[test]
fn fixtures_are_what_the_generator_writes() {
    let dir = tempfile::tempdir().unwrap();
    gen_word::write_fixtures(&root(), dir.path()).unwrap();
    for name in [
        "000_kulturnamnden.docx",
        "002_ostermalm.odt",
        "004_skarholmen.docx",
    ] {
        let fresh = std::fs::read(dir.path().join(name)).unwrap();
        let kept = std::fs::read(word(name)).unwrap();
        assert!(
            fresh == kept,
            "fixtures/word/{name} is stale: run `cargo run --example gen_word`"
        );
    }
    gen_word::write_volunteer(&dir.path().join("volunteer")).unwrap();
    for r in gen_word::RETURNS
        .iter()
        .map(|r| r.file)
        .chain(["blank/volunteer-blank.docx"])
    {
        let fresh = std::fs::read(dir.path().join("volunteer").join(r)).unwrap();
        let kept = std::fs::read(root().join("fixtures/forms/volunteer").join(r)).unwrap();
        assert!(
            fresh == kept,
            "fixtures/forms/volunteer/{r} is stale: run `cargo run --example gen_word`"
        );
    }
    gen_word::write_outreach(&dir.path().join("outreach")).unwrap();
    for r in gen_word::OUTREACH_RETURNS
        .iter()
        .map(|r| r.file)
        .chain(["blank/outreach-blank.docx"])
    {
        let fresh = std::fs::read(dir.path().join("outreach").join(r)).unwrap();
        let kept = std::fs::read(root().join("fixtures/forms/outreach").join(r)).unwrap();
        assert!(
            fresh == kept,
            "fixtures/forms/outreach/{r} is stale: run `cargo run --example gen_word`"
        );
    }
    gen_word::write_forms(dir.path()).unwrap();
    let name = "miljo-2023-blank.docx";
    let kept = std::fs::read(root().join("fixtures/forms/miljo/blank").join(name)).unwrap();
    assert!(
        std::fs::read(dir.path().join(name)).unwrap() == kept,
        "fixtures/forms/miljo/blank/{name} is stale: run `cargo run --example gen_word`"
    );
}

#[test]
fn word_files_give_the_same_findings_as_their_text_exports() {
    let texts = check(&[seed("000"), seed("002"), seed("004")]);
    let words = check(&[
        word("000_kulturnamnden.docx"),
        word("002_ostermalm.odt"),
        word("004_skarholmen.docx"),
    ]);
    assert!(
        words.files.iter().all(|f| f.status == Status::Checked),
        "{:?}",
        words.files
    );
    assert_eq!(by_seed(&words), by_seed(&texts));
    let variants: Vec<Option<&str>> = words.files.iter().map(|f| f.variant.as_deref()).collect();
    assert_eq!(
        variants,
        [
            Some("kulturnamnd"),
            Some("stadsdelsnamnd"),
            Some("stadsdelsnamnd")
        ]
    );
}

#[test]
fn placeholder_content_controls_are_missing_answers_whatever_their_wording() {
    let o = check(&[word("000_kulturnamnden.docx")]);
    let miss001: Vec<(u32, &str)> = o
        .findings
        .iter()
        .filter(|f| f.rule == "MISS001")
        .map(|f| (f.line, f.message.as_str()))
        .collect();
    assert_eq!(
        miss001,
        [
            (
                8,
                "Telefon is not filled in: it still holds the form's placeholder"
            ),
            (
                17,
                "answer not filled in: it still holds the form's placeholder"
            ),
        ]
    );
    let source::Document { text, format, .. } =
        source::read(&word("000_kulturnamnden.docx"), &ReadOptions::default()).unwrap();
    assert_eq!(format, Format::Docx);
    assert!(!text.contains("Ange telefonnummer") && !text.contains("Klicka eller tryck"));
    // A line of the extracted text is a paragraph: line 8 is the Telefon cell.
    assert_eq!(text.lines().nth(7), Some("Klicka här för att ange text."));
}

#[test]
fn headers_comments_fields_and_deletions_are_left_out_insertions_kept() {
    let opts = ReadOptions::default();
    let docx = source::read(&word("004_skarholmen.docx"), &opts)
        .unwrap()
        .text;
    let odt = source::read(&word("002_ostermalm.odt"), &opts).unwrap();
    assert_eq!(odt.format, Format::Odt);
    let odt = odt.text;
    for text in [&docx, &odt] {
        for hidden in ["SIDHUVUD", "KOMMENTAR", "ANTECKNING", "BORTTAGEN", "PAGE"] {
            assert!(!text.contains(hidden), "{hidden} leaked");
        }
    }
    assert!(docx.contains("Vårberg och Sättra)") && !docx.contains("Sätra)"));
    assert!(odt.contains("näringslivet.    14 %  av Stockholms"));
    assert!(odt
        .lines()
        .any(|l| l == "2. Förbättra service, tillgänglighet och myndighetsutövning"));
}

#[test]
fn a_word_file_and_its_text_export_are_duplicates() {
    let o = check(&[seed("004"), word("004_skarholmen.docx")]);
    let dups: Vec<&str> = o
        .findings
        .iter()
        .filter(|f| f.rule.starts_with("DUP"))
        .map(|f| f.rule)
        .collect();
    assert_eq!(dups, ["DUP002", "DUP002"]);
    let o = check(&[seed("001"), word("004_skarholmen.docx")]);
    let d = o
        .findings
        .iter()
        .find(|f| f.rule == "DUP001")
        .expect("near-duplicate");
    let changes: Vec<(&str, &str)> = d
        .changes
        .as_ref()
        .unwrap()
        .iter()
        .map(|c| (c.old.as_str(), c.new.as_str()))
        .collect();
    assert_eq!(
        changes,
        [
            ("Sätra", "Sättra"),
            ("Skärholmenspecifika", "Skärholmensspecifika"),
            ("seriositetsprövning", "seriositetsprovning"),
            ("vid", "vis")
        ]
    );
}

/// A .docx holding `document` as its body XML.
fn docx_with(dir: &Path, name: &str, document: &str) -> PathBuf {
    let path = dir.join(name);
    gen_word::write_zip(&path, &[("word/document.xml", document.as_bytes())], false).unwrap();
    path
}

#[test]
fn hostile_and_broken_files_are_errors_with_reasons_and_the_scan_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(seed("003"), d.join("a_good.txt")).unwrap();
    // Inflates to 3 MiB; the limit is set to 1 MiB below.
    let big = format!(
        "<w:document><w:body><w:p><w:t>{}</w:t></w:p></w:body></w:document>",
        " ".repeat(3 << 20)
    );
    docx_with(d, "b_bomb.docx", &big);
    let whole = std::fs::read(word("004_skarholmen.docx")).unwrap();
    std::fs::write(d.join("c_truncated.docx"), &whole[..whole.len() / 2]).unwrap();
    docx_with(
        d,
        "d_malformed.docx",
        "<w:document><w:body><w:p><w:t>x</w:p></w:body></w:document>",
    );
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend_from_slice(&[0; 504]);
    std::fs::write(d.join("e_password.docx"), &ole).unwrap();
    std::fs::write(d.join("f_legacy.doc"), &ole).unwrap();
    let laughs = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>\
        <w:document><w:body><w:p><w:t>&lol2;</w:t></w:p></w:body></w:document>";
    docx_with(d, "g_entities.docx", laughs);
    gen_word::write_zip(
        &d.join("h_nobody.docx"),
        &[("word/other.xml", b"<x/>".as_slice())],
        false,
    )
    .unwrap();
    gen_word::write_zip(&d.join("i_notzip.odt"), &[], false).unwrap();
    std::fs::write(d.join("i_notzip.odt"), b"just text").unwrap();

    let out = Command::cargo_bin("dubbelkoll")
        .unwrap()
        .args(["check", "--format", "json", "--xml-limit", "1"])
        .arg(d)
        .output()
        .unwrap();
    // Files that cannot be read fail the check (READ001), one finding each.
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let files = common::file_statuses(&v);
    let unreadable = common::findings_of(&v, "READ001");
    assert_eq!(
        unreadable.len(),
        files.iter().filter(|f| f.1 == "error").count()
    );
    assert!(unreadable.iter().any(|f| f["message"]
        .as_str()
        .unwrap()
        .starts_with("the file cannot be read: a password-protected document")));
    assert_eq!(
        v["findings"].as_array().unwrap().len(),
        unreadable.len(),
        "only READ001: {v:#}"
    );
    let expect = [
        ("a_good.txt", "checked", ""),
        (
            "b_bomb.docx",
            "error",
            "word/document.xml inflates to more than 1 MiB of XML (a zip bomb?)",
        ),
        ("c_truncated.docx", "error", "not a valid zip archive"),
        (
            "d_malformed.docx",
            "error",
            "word/document.xml: malformed XML",
        ),
        (
            "e_password.docx",
            "error",
            "a password-protected document or a legacy Word (.doc) file",
        ),
        (
            "f_legacy.doc",
            "error",
            "legacy Word (.doc) format is not supported",
        ),
        (
            "g_entities.docx",
            "error",
            "word/document.xml: undefined entity &lol2;",
        ),
        (
            "h_nobody.docx",
            "error",
            "word/document.xml, the main document part, is missing",
        ),
        (
            "i_notzip.odt",
            "error",
            "not a Word or OpenDocument file: its bytes are not",
        ),
    ];
    assert_eq!(files.len(), expect.len(), "{files:?}");
    for ((name, status, reason), (want_name, want_status, want_reason)) in files.iter().zip(expect)
    {
        assert_eq!((name.as_str(), status.as_str()), (want_name, want_status));
        assert!(reason.starts_with(want_reason), "{name}: {reason}");
    }
    // Each error is also told on stderr, naming the file.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("b_bomb.docx: word/document.xml inflates"),
        "{stderr}"
    );
}

#[test]
fn odf_placeholders_and_spaces() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.odt");
    gen_word::write_odt(
        &path,
        &[gen_word::Block::P(vec![
            gen_word::Inline::Text("Telefon".into()),
            gen_word::Inline::Spaces(3),
            gen_word::Inline::Placeholder("<Telefon>".into()),
        ])],
    )
    .unwrap();
    let text = source::read(&path, &ReadOptions::default()).unwrap().text;
    assert_eq!(text, "Telefon   Klicka här för att ange text.");
}
