//! Word's form constructs, read as a person sees them in Word: legacy
//! check boxes and text fields, a checkbox matrix, drop-down and date
//! controls, a main part that is not `word/document.xml`. The volunteer
//! return (`fixtures/forms/volunteer/`, written by `examples/gen_word.rs`)
//! is a questionnaire unlike the city's; each submission has its planted
//! problems, and the tests pin those and nothing else.

mod common;

use std::path::{Path, PathBuf};

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn volunteer() -> PathBuf {
    root().join("fixtures/forms/volunteer")
}

/// The submissions of the volunteer return, copied into `dir`.
fn submissions(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for e in std::fs::read_dir(volunteer()).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "docx") {
            let to = dir.join(p.file_name().unwrap());
            std::fs::copy(&p, &to).unwrap();
            files.push(to);
        }
    }
    files.sort();
    files
}

/// (file stem, line's rule, the question's first words) of each finding.
fn findings(report: &Value) -> Vec<(String, String, String)> {
    let mut got: Vec<(String, String, String)> = report["findings"]
        .as_array()
        .unwrap()
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
    let mut want: Vec<(String, String, String)> = [
        ("forest-valley", "MISS005", "A1."),
        ("forest-valley", "MISS005", "A3."),
        ("harbour", "CHOICE001", "A3."),
        ("harbour", "MISS001", "B1."),
        ("market-square", "CHOICE001", "A1."),
        ("market-square", "MISS001", "A2."),
        ("market-square", "MISS001", "B2."),
    ]
    .iter()
    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    .collect();
    want.sort();
    want
}

fn check(dir: &Path, args: &[&str]) -> Value {
    let out = common::dubbelkoll(dir)
        .args(["check", "in", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn planted_problems_are_found_with_the_blank_form_and_without_it() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("in")).unwrap();
    submissions(&tmp.path().join("in"));
    // Learned from the submissions alone.
    let learned = check(tmp.path(), &[]);
    assert_eq!(findings(&learned), planted(), "{learned:#}");
    // Learned from the blank form.
    let blank = volunteer().join("blank/volunteer-blank.docx");
    let infer = common::dubbelkoll(tmp.path())
        .args(["template", "infer"])
        .arg(&blank)
        .args(["-o", "volunteer.toml"])
        .output()
        .unwrap();
    assert!(
        infer.status.success(),
        "{}",
        String::from_utf8_lossy(&infer.stderr)
    );
    let toml = std::fs::read_to_string(tmp.path().join("volunteer.toml")).unwrap();
    // The checkbox question and the matrix are questions of the form.
    assert!(
        toml.contains("A1. Did your organisation run volunteer activities"),
        "{toml}"
    );
    assert!(
        toml.contains("A3. How far has each planned activity come?"),
        "{toml}"
    );
    let with_blank = check(tmp.path(), &["--template", "volunteer.toml"]);
    assert_eq!(findings(&with_blank), planted(), "{with_blank:#}");
}

/// Each submission as LibreOffice saves it again as Word, as OpenDocument,
/// as PDF and as text: the legacy check boxes (fieldmarks in .odt), the
/// checkbox controls of the matrix and the controls' placeholders come
/// through. A legacy text field's default text is not told apart from
/// typed text outside Word, so that one finding is Word's alone.
#[test]
fn libreoffice_round_trips_keep_the_findings() {
    let Some(soffice) = common::soffice() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let docx = tmp.path().join("docx");
    std::fs::create_dir(&docx).unwrap();
    let files = submissions(&docx);
    let profile = tempfile::tempdir().unwrap();
    let convert = |to: &str| {
        let _ = std::fs::remove_dir_all(tmp.path().join("in"));
        let out = std::process::Command::new(soffice)
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.path().display()
            ))
            .args(["--headless", "--convert-to", to, "--outdir"])
            .arg(tmp.path().join("in"))
            .args(&files)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        check(tmp.path(), &[])
    };
    let docx = convert("docx:MS Word 2007 XML");
    assert_eq!(findings(&docx), planted(), "{docx:#}");
    let odt = convert("odt");
    let mut want = planted();
    want.retain(|f| !(f.0 == "market-square" && f.2 == "A2."));
    assert_eq!(findings(&odt), want, "{odt:#}");
    // A PDF draws a legacy check box as nothing LibreOffice puts in the
    // text layer: A1's choice is not there to check. The rest holds, with
    // the header's labels and values on one line (no header learned, none
    // reported missing).
    let pdf = convert("pdf");
    want.retain(|f| f.2 != "A1.");
    assert_eq!(findings(&pdf), want, "{pdf:#}");
    // Its text export likewise.
    let txt = convert("txt:Text (encoded):UTF8");
    assert_eq!(findings(&txt), want, "{txt:#}");
}

/// `diff` of two files of a form dubbelkoll does not know compares them on
/// the form they share, learned from the two; files on different forms are
/// said to be so, not listed as every answer deleted.
#[test]
fn diff_learns_the_form_two_files_share_and_refuses_two_forms() {
    let tmp = tempfile::tempdir().unwrap();
    let files = submissions(tmp.path());
    let out = common::dubbelkoll(tmp.path())
        .arg("diff")
        .args(&files[..2])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    // They differ: exit 1.
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("A2. Describe the main activities"), "{text}");
    let seed = common::seed_path("000");
    let out = common::dubbelkoll(tmp.path())
        .arg("diff")
        .arg(&files[0])
        .arg(&seed)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not on one form"), "{err}");
}

/// `compile` counts a choice question's answers under it: a sender who
/// marked both counts for both, one who marked none as no answer.
#[test]
fn compile_tallies_a_choice_question() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("in")).unwrap();
    submissions(&tmp.path().join("in"));
    let out = common::dubbelkoll(tmp.path())
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .args(["compile", "in", "-o", "s.md"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = std::fs::read_to_string(tmp.path().join("s.md")).unwrap();
    let at = md.find("A1. Did your organisation").expect("the question");
    assert!(
        md[at..].contains("*Yes 2 · No 2 · no answer 1*"),
        "{}",
        &md[at..]
    );
    // A free-text question has no tally.
    let a2 = md.find("A2. Describe").unwrap();
    let next = md[a2..].find("####").map_or(md.len(), |i| a2 + i);
    assert!(!md[a2..next].contains(" · "), "{}", &md[a2..next]);
}
