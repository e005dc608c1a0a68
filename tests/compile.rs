//! `dubbelkoll compile`: the seeds compiled into one document, read back
//! from every format (the .docx with dubbelkoll's own reader, the .xlsx
//! with calamine, the .docx again through LibreOffice where it is
//! installed).

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};

use dubbelkoll::check::Options;
use dubbelkoll::compile::{self, Answer, Compilation, Gap};
use dubbelkoll::form::Form;
use dubbelkoll::i18n::Lang;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn cmd() -> assert_cmd::Command {
    common::dubbelkoll(&root())
}

fn seeds() -> Compilation {
    let form = Form::builtin();
    let options = Options::for_form(&form);
    let paths = [root().join("fixtures/seeds")];
    let request = compile::Request {
        pick: &[],
        lang: Lang::Sv,
        clean: false,
    };
    compile::compile(&paths, &form, &options, &request).unwrap()
}

/// Compiles the seeds to `name` in a temporary directory: its bytes.
fn compiled(name: &str, extra: &[&str]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join(name);
    let run = cmd()
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .args(["compile", "fixtures/seeds", "--lang", "sv", "-o"])
        .arg(&out)
        .args(extra)
        .output()
        .unwrap();
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    std::fs::read(&out).unwrap()
}

fn file_name(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

/// Every answer paragraph of the model, as the document's text shows it.
fn blocks(c: &Compilation) -> Vec<String> {
    let mut out = Vec::new();
    for part in &c.parts {
        for area in &part.areas {
            for q in &area.questions {
                for e in &q.entries {
                    if let Answer::Text(bs) = &e.answer {
                        out.extend(bs.iter().map(|b| b.text.clone()));
                    }
                }
            }
        }
    }
    out
}

#[test]
fn one_answer_per_sender_and_question_with_gaps_marked() {
    let c = seeds();
    assert_eq!((c.checked, c.compiled), (5, 4));
    // Skärholmen once: 004 (the newest) compiled, 001 named as a version.
    assert_eq!(c.versions.len(), 1);
    let v = &c.versions[0];
    let names: Vec<String> = v.files.iter().map(|p| file_name(p)).collect();
    assert!(
        names[0].starts_with("001_") && names[1].starts_with("004_"),
        "{names:?}"
    );
    assert!(file_name(&v.compiled).starts_with("004_") && !v.chosen);
    assert!(c
        .not_compiled
        .iter()
        .any(|(p, why)| file_name(p).starts_with("001_") && why == "en äldre version"));
    // Each question has each sender of its variant once.
    for part in &c.parts {
        for area in &part.areas {
            for q in &area.questions {
                let mut paths: Vec<&Path> = q.entries.iter().map(|e| e.path.as_path()).collect();
                let n = paths.len();
                paths.sort();
                paths.dedup();
                assert_eq!(paths.len(), n, "{}", q.text);
                assert!(paths.iter().all(|p| !file_name(p).starts_with("001_")));
            }
        }
    }
    // Kulturnämnden's questions stand under their own variant, with only
    // Kulturnämnden under them.
    let titles: Vec<&str> = c.parts.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(titles, ["Stadsdelsnämnd", "Kulturnämnden"]);
    let kultur = &c.parts[1];
    let questions: Vec<&compile::Question> =
        kultur.areas.iter().flat_map(|a| &a.questions).collect();
    assert!(questions.len() >= 3);
    for q in &questions {
        assert!(q
            .entries
            .iter()
            .all(|e| file_name(&e.path).starts_with("000_")));
    }
    // The gaps are marked, and listed per sender.
    let gaps: Vec<(String, Gap)> = c
        .lacks
        .iter()
        .flat_map(|l| {
            let f = file_name(&l.path);
            l.gaps
                .iter()
                .map(move |(_, g)| (f[..3].to_string(), g.clone()))
        })
        .collect();
    assert!(
        gaps.contains(&("004".into(), Gap::NonAnswer("N/A".into()))),
        "{gaps:?}"
    );
    assert!(gaps.contains(&("000".into(), Gap::Placeholder)), "{gaps:?}");
    // No placeholder or non-answer is compiled as text.
    for b in blocks(&c) {
        assert!(
            b != "N/A" && !b.contains("Klicka här för att ange text"),
            "{b}"
        );
    }
    // The appendix holds every finding of the check.
    let check = dubbelkoll::check::check_paths(
        &[root().join("fixtures/seeds")],
        &Form::builtin(),
        &Options::for_form(&Form::builtin()),
    )
    .unwrap();
    assert_eq!(c.findings.len(), check.findings.len());
}

/// The .docx, read back with dubbelkoll's own reader: every answer
/// paragraph exactly as often as the model holds it, the gaps' markers,
/// the versions section, and Word's heading styles.
#[test]
fn the_word_document_holds_every_answer_once() {
    let bytes = compiled("s.docx", &[]);
    let read = dubbelkoll::check::Options::default().read;
    let text = dubbelkoll::source::document(Path::new("s.docx"), &bytes, &read)
        .unwrap()
        .text;
    let c = seeds();
    let lines: Vec<&str> = text.lines().collect();
    let all = blocks(&c);
    assert!(all.len() > 30);
    for b in &all {
        let want = all.iter().filter(|x| *x == b).count();
        let got = lines
            .iter()
            .filter(|l| l.trim_start_matches("• ") == b)
            .count();
        assert_eq!(got, want, "{b}");
    }
    assert!(text.contains("— inget svar (MISS002: N/A)"));
    assert!(text.contains("— inget svar (MISS001: platshållartext)"));
    assert!(!lines
        .iter()
        .any(|l| l.trim() == "N/A" || l.contains("Klicka här för att ange text")));
    assert!(text.contains("är versioner av inlämningen från"));
    // Word's own heading styles, so its navigation pane sees the structure.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let mut styles = String::new();
    zip.by_name("word/styles.xml")
        .unwrap()
        .read_to_string(&mut styles)
        .unwrap();
    for (id, name) in [("Heading1", "heading 1"), ("Heading3", "heading 3")] {
        assert!(
            styles.contains(&format!("w:styleId=\"{id}\""))
                && styles.contains(&format!("w:val=\"{name}\"")),
            "{id}"
        );
    }
    let mut document = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut document)
        .unwrap();
    assert!(document.contains("<w:pStyle w:val=\"Heading3\" />"));
}

/// The .xlsx, read back with calamine: one row per (sender, question) with
/// the header's columns, the gaps' status; a frozen header and a filter.
#[test]
fn the_spreadsheet_has_a_row_per_sender_and_question() {
    use calamine::{Reader, Xlsx};
    let bytes = compiled("s.xlsx", &[]);
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
    let range = book.worksheet_range("Svar").unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(
        rows[0],
        [
            "Variant",
            "Område",
            "Fråga",
            "Avsändare",
            "Kontaktperson",
            "Fil",
            "Svar",
            "Status",
            "Detalj"
        ]
    );
    let c = seeds();
    let entries: usize = c
        .parts
        .iter()
        .flat_map(|p| &p.areas)
        .flat_map(|a| &a.questions)
        .map(|q| q.entries.len())
        .sum();
    assert_eq!(rows.len() - 1, entries);
    let mut keys: Vec<(&str, &str)> = rows[1..]
        .iter()
        .map(|r| (r[2].as_str(), r[5].as_str()))
        .collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), entries, "a (question, file) twice");
    let na = rows
        .iter()
        .find(|r| r[8].contains("MISS002: N/A"))
        .expect("the N/A row");
    assert!(na[5].contains("004_") && na[6].starts_with("— ") && na[7] == "ej svar");
    // The status is a few categories a filter can pick.
    let statuses: std::collections::BTreeSet<&str> =
        rows[1..].iter().map(|r| r[7].as_str()).collect();
    assert!(
        statuses.is_subset(&["besvarad", "saknas", "platshållare", "ej svar"].into()),
        "{statuses:?}"
    );
    assert!(rows[1..].iter().all(|r| !r[5].contains("001_")));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let mut sheet = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut sheet)
        .unwrap();
    assert!(
        sheet.contains("ySplit=\"1\"") && sheet.contains("state=\"frozen\""),
        "frozen header"
    );
    assert!(
        sheet.contains(&format!("<autoFilter ref=\"A1:I{}\"", entries + 1)),
        "autofilter"
    );
    // Rows as tall as their wrapped text; printed landscape, fit to the
    // page's width, the header row on every page.
    let tall = sheet.matches("customHeight=\"1\"").count();
    assert!(tall >= entries / 2, "{tall} rows of {entries} sized");
    assert!(sheet.contains("orientation=\"landscape\"") && sheet.contains("fitToHeight=\"0\""));
    assert!(
        sheet.contains("<pageSetUpPr fitToPage=\"1\"/>"),
        "fit to page"
    );
    let mut workbook = String::new();
    zip.by_name("xl/workbook.xml")
        .unwrap()
        .read_to_string(&mut workbook)
        .unwrap();
    assert!(workbook.contains("_xlnm.Print_Titles"), "{workbook}");
    // The versions, the files not included and the findings on sheets of
    // their own.
    let names = book.sheet_names();
    assert_eq!(
        names,
        ["Svar", "Versioner", "Inte medtagna", "Anmärkningar"]
    );
    let versions = book.worksheet_range("Versioner").unwrap();
    let v: Vec<String> = versions
        .rows()
        .nth(1)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert!(
        v[1].contains("001_") && v[1].contains("004_") && v[2].contains("004_"),
        "{v:?}"
    );
    assert!(v[3].contains("filnamnet"), "why the newest: {v:?}");
    let findings = book.worksheet_range("Anmärkningar").unwrap();
    assert_eq!(findings.rows().count() - 1, seeds().findings.len());
}

/// The .docx is valid in the order the Office Open XML schema gives the
/// children of paragraph, run and style properties (ECMA-376 Part 1,
/// CT_PPr, CT_RPr, CT_Style), and has a default paragraph style.
#[test]
fn the_word_document_follows_the_schema_order() {
    const PPR: &[&str] = &[
        "pStyle",
        "keepNext",
        "keepLines",
        "pageBreakBefore",
        "framePr",
        "widowControl",
        "numPr",
        "suppressLineNumbers",
        "pBdr",
        "shd",
        "tabs",
        "suppressAutoHyphens",
        "kinsoku",
        "wordWrap",
        "overflowPunct",
        "topLinePunct",
        "autoSpaceDE",
        "autoSpaceDN",
        "bidi",
        "adjustRightInd",
        "snapToGrid",
        "spacing",
        "ind",
        "contextualSpacing",
        "mirrorIndents",
        "suppressOverlap",
        "jc",
        "textDirection",
        "textAlignment",
        "textboxTightWrap",
        "outlineLvl",
        "divId",
        "cnfStyle",
        "rPr",
        "sectPr",
        "pPrChange",
    ];
    const RPR: &[&str] = &[
        "rStyle",
        "rFonts",
        "b",
        "bCs",
        "i",
        "iCs",
        "caps",
        "smallCaps",
        "strike",
        "dstrike",
        "outline",
        "shadow",
        "emboss",
        "imprint",
        "noProof",
        "snapToGrid",
        "vanish",
        "webHidden",
        "color",
        "spacing",
        "w",
        "kern",
        "position",
        "sz",
        "szCs",
        "highlight",
        "u",
        "effect",
        "bdr",
        "shd",
        "fitText",
        "vertAlign",
        "rtl",
        "cs",
        "em",
        "lang",
        "eastAsianLayout",
        "specVanish",
        "oMath",
    ];
    const STYLE: &[&str] = &[
        "name",
        "aliases",
        "basedOn",
        "next",
        "link",
        "autoRedefine",
        "hidden",
        "uiPriority",
        "semiHidden",
        "unhideWhenUsed",
        "qFormat",
        "locked",
        "personal",
        "personalCompose",
        "personalReply",
        "rsid",
        "pPr",
        "rPr",
        "tblPr",
        "trPr",
        "tcPr",
        "tblStylePr",
    ];
    let bytes = compiled("s.docx", &[]);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let mut checked = 0;
    for part in ["word/document.xml", "word/styles.xml"] {
        let mut xml = String::new();
        zip.by_name(part).unwrap().read_to_string(&mut xml).unwrap();
        let mut reader = quick_xml::Reader::from_str(&xml);
        // Per open element: its name and the rank of its last child.
        let mut stack: Vec<(String, usize)> = Vec::new();
        loop {
            let (name, opens) = match reader.read_event().unwrap() {
                quick_xml::events::Event::Eof => break,
                quick_xml::events::Event::Start(e) => (e.name().as_ref().to_string(), true),
                quick_xml::events::Event::Empty(e) => (e.name().as_ref().to_string(), false),
                quick_xml::events::Event::End(_) => {
                    stack.pop();
                    continue;
                }
                _ => continue,
            };
            if let Some((parent, last)) = stack.last_mut() {
                let order = match parent.as_str() {
                    "w:pPr" => Some(PPR),
                    "w:rPr" => Some(RPR),
                    "w:style" => Some(STYLE),
                    _ => None,
                };
                if let Some(order) = order {
                    let local = name.trim_start_matches("w:");
                    let rank = order
                        .iter()
                        .position(|o| *o == local)
                        .unwrap_or_else(|| panic!("{part}: {local} is no child of {parent}"));
                    assert!(
                        rank >= *last,
                        "{part}: {local} after a later child in {parent}"
                    );
                    *last = rank;
                    checked += 1;
                }
            }
            if opens {
                stack.push((name, 0));
            }
        }
        if part == "word/styles.xml" {
            assert!(
                xml.contains("w:styleId=\"Normal\" w:default=\"1\""),
                "no default paragraph style"
            );
        }
    }
    assert!(checked > 100, "{checked} properties checked");
}

/// To send on: the form, its year and the date in the title; no file paths,
/// no rule codes, no reviewer's sections; a generic sender given as the
/// committee its text names, said once; missing header fields listed.
#[test]
fn a_clean_document_holds_nothing_but_the_answers_and_what_is_missing() {
    let annotated = String::from_utf8(compiled("s.md", &[])).unwrap();
    let clean = String::from_utf8(compiled("s.md", &["--clean"])).unwrap();
    for md in [&annotated, &clean] {
        assert!(
            md.starts_with(
                "# Sammanställning av inlämningar — Uppföljningsrapport näringsliv 2022\n"
            ),
            "{md}"
        );
        assert!(
            md.contains("Sammanställd 2023-11-14."),
            "SOURCE_DATE_EPOCH: {md}"
        );
        // Kulturnämnden left Telefon with the form's placeholder.
        assert!(md.contains("  - Telefon — ej ifyllt\n"), "{md}");
    }
    assert!(annotated.contains("fixtures/seeds/") && annotated.contains("MISS002"));
    for reviewers in [
        "fixtures/",
        "MISS",
        "CONT004",
        "## Versioner",
        "## Inte medtagna",
        "## Bilaga",
    ] {
        assert!(
            !clean.contains(reviewers),
            "{reviewers} in the clean document"
        );
    }
    assert!(clean.contains("**Skärholmens stadsdelsnämnd**"), "{clean}");
    assert_eq!(
        clean.matches("anges den nämnd som svaren nämner").count(),
        1
    );
    assert!(!clean.contains("**Stadsdelsnämnderna"), "{clean}");
}

#[test]
fn the_same_input_gives_the_same_bytes_in_every_format() {
    for name in ["s.docx", "s.xlsx", "s.md", "s.html"] {
        assert_eq!(compiled(name, &[]), compiled(name, &[]), "{name}");
    }
    let md = String::from_utf8(compiled("s.md", &[])).unwrap();
    assert!(
        md.contains("## Formulär: Kulturnämnden") && md.contains("*— inget svar (MISS002: N/A)*")
    );
    let html = String::from_utf8(compiled("s.html", &[])).unwrap();
    assert!(
        html.contains("<h4>") && html.contains("<p class=\"gap\">— inget svar (MISS002: N/A)</p>")
    );
    assert!(!html.contains("<script"));
}

#[test]
fn version_from_compiles_the_version_the_reviewer_picks() {
    let one = common::seed_path("001");
    let md =
        String::from_utf8(compiled("s.md", &["--version-from", one.to_str().unwrap()])).unwrap();
    assert!(
        md.contains("har tagits med (vald med --version-from)"),
        "{md}"
    );
    assert!(md.contains("Sätra") && !md.contains("Sättra"));
    // A file that was not checked is refused.
    let out = cmd()
        .args([
            "compile",
            "fixtures/seeds",
            "-o",
            "/tmp/never.md",
            "--version-from",
            "nope.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope.txt"));
    // Two versions of one group, or a file that is no version, are refused
    // with the files named.
    let four = common::seed_path("004");
    let three = common::seed_path("003");
    for (picks, named) in [
        (vec![&one, &four], "two versions of one submission"),
        (vec![&three], "no version of another"),
    ] {
        let mut args: Vec<String> = ["compile", "fixtures/seeds", "-o", "/tmp/never.md"]
            .map(String::from)
            .to_vec();
        for p in &picks {
            args.extend(["--version-from".to_string(), p.display().to_string()]);
        }
        let out = cmd().args(&args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains(named), "{err}");
        for p in picks {
            assert!(err.contains(&p.display().to_string()), "{err}");
        }
    }
}

#[test]
fn never_writes_into_the_scanned_tree_and_needs_a_format() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("fixtures/seeds/003_ea0049bc2d670515.txt"),
        dir.path().join("a.txt"),
    )
    .unwrap();
    let out = cmd()
        .arg("compile")
        .arg(dir.path())
        .arg("-o")
        .arg(dir.path().join("s.docx"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.path().join("s.docx").exists());
    let out = cmd()
        .args(["compile", "fixtures/seeds", "-o", "/tmp/s.pdf"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--format"));
}

/// The .docx opens in LibreOffice (where it is installed: `.ci/run`
/// installs it) and converts to text with the same answers; its first page,
/// as LibreOffice lays it out (PDF, rasterised by poppler's pdftoppm where
/// installed), is written to `target/compile/first-page.png`, the README's
/// picture.
#[test]
fn libreoffice_opens_the_word_document() {
    let Some(soffice) = common::soffice() else {
        return;
    };
    let dir = root().join("target/compile");
    std::fs::create_dir_all(&dir).unwrap();
    let docx = dir.join("sammanstallning.docx");
    std::fs::write(&docx, compiled("s.docx", &[])).unwrap();
    let profile = tempfile::tempdir().unwrap();
    let convert = |to: &str| {
        let out = std::process::Command::new(soffice)
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.path().display()
            ))
            .args(["--headless", "--convert-to", to, "--outdir"])
            .arg(&dir)
            .arg(&docx)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    convert("txt:Text (encoded):UTF8");
    let text = std::fs::read_to_string(dir.join("sammanstallning.txt")).unwrap();
    let lines: Vec<&str> = (text.lines())
        .map(|l| l.trim_start_matches('\u{feff}'))
        .collect();
    for b in blocks(&seeds()) {
        assert!(lines.iter().any(|l| l.trim_start_matches("• ") == b), "{b}");
    }
    assert!(text.contains("— inget svar (MISS002: N/A)"));
    convert("pdf");
    let pdf = dir.join("sammanstallning.pdf");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    let pdftoppm = std::process::Command::new("pdftoppm").arg("-v").output();
    if pdftoppm.is_ok_and(|o| o.status.success()) {
        let out = std::process::Command::new("pdftoppm")
            .args(["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile"])
            .arg(&pdf)
            .arg(dir.join("first-page"))
            .output()
            .unwrap();
        assert!(out.status.success());
        assert!(std::fs::metadata(dir.join("first-page.png")).unwrap().len() > 1000);
    }
}

/// Submissions of another questionnaire are compiled under the variant
/// learned from them, named by the form's own title, never an internal id.
#[test]
fn a_learned_form_is_compiled_under_its_own_title() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("m.md");
    let run = cmd()
        .args([
            "compile",
            "fixtures/forms/miljo/submissions",
            "--lang",
            "en",
            "-o",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0));
    let md = std::fs::read_to_string(&out).unwrap();
    let forms: Vec<&str> = md.lines().filter(|l| l.starts_with("## Form: ")).collect();
    assert_eq!(forms.len(), 1, "{md}");
    assert!(!md.contains("learned-"), "{}", forms[0]);
    assert!(md.contains("### 1. Energi"), "{md}");
    // A form whose questions stand under no heading and that no file
    // gives a title: no empty heading, no inner name.
    let subs = dir.path().join("in");
    std::fs::create_dir(&subs).unwrap();
    for (i, name) in ["Alfa", "Beta", "Gamma"].iter().enumerate() {
        let text = format!(
            "Förening: Föreningen {name}\nKontaktperson: Person {name}\nE-post: p{i}@example.se\n\nHur många medlemmar har föreningen?\nVi har {} medlemmar, varav många är unga och aktiva i {name}.\n\nVilka aktiviteter genomfördes under året?\nVi ordnade läger i {name}, en loppis och tre kurser för nya ledare under hösten.\n",
            17 * (i + 1)
        );
        std::fs::write(subs.join(format!("{name}.txt")), text).unwrap();
    }
    let out = dir.path().join("headless.md");
    cmd()
        .args(["compile", "--lang", "en", "-o"])
        .arg(&out)
        .arg(&subs)
        .assert()
        .success();
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(
        md.contains("## Form: learned from the submissions (1)"),
        "{md}"
    );
    assert!(
        md.contains("#### Hur många medlemmar har föreningen?"),
        "{md}"
    );
    assert!(!md.lines().any(|l| l.trim() == "###"), "{md}");
}

/// A file that cannot be read is listed with the reason, and the rest is
/// compiled.
#[test]
fn unreadable_files_are_listed_not_compiled() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inkommet");
    std::fs::create_dir(&inbox).unwrap();
    std::fs::copy(common::seed_path("003"), inbox.join("a.txt")).unwrap();
    std::fs::write(inbox.join("broken.docx"), b"PK\x03\x04 not really a zip").unwrap();
    let out = dir.path().join("s.md");
    let run = cmd()
        .arg("compile")
        .arg(&inbox)
        .args(["--lang", "en", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0));
    let md = std::fs::read_to_string(&out).unwrap();
    let listed = md.split("## Not compiled").nth(1).expect("the section");
    assert!(listed.contains("broken.docx: "), "{md}");
    assert!(md.contains("1 of 1 checked submissions compiled"), "{md}");
}
