//! The binary end to end: seeds, exit codes, output formats, determinism.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The binary, run in the repository root with a scrubbed environment.
fn cmd() -> Command {
    let mut c = Command::cargo_bin("dubbelkoll").unwrap();
    c.current_dir(root())
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default());
    c
}

fn json(args: &[&str]) -> (Value, i32, Vec<u8>) {
    let out = cmd()
        .arg("check")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    (v, out.status.code().unwrap(), out.stdout)
}

/// (rule, severity) of every finding in the file whose name starts with `seed`.
fn rules_in(v: &Value, seed: &str) -> Vec<(String, String)> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"].as_str().unwrap().contains(&format!("/{seed}_")))
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn has(v: &Value, seed: &str, rule: &str) -> bool {
    rules_in(v, seed).iter().any(|(r, _)| r == rule)
}

#[test]
fn seeds_report_the_expected_findings() {
    let (v, code, _) = json(&["fixtures/seeds"]);
    assert_eq!(code, 1, "errors in the seeds fail the check");
    assert_eq!(v["version"], 2);
    // 000: placeholder answer for "Växla upp", placeholder Telefon, Jonson/jonsson.
    let f000: Vec<&Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"].as_str().unwrap().contains("/000_"))
        .collect();
    assert!(f000.iter().any(|f| f["rule"] == "MISS001"
        && f["question"]
            .as_str()
            .is_some_and(|q| q.contains("Växla upp"))));
    assert!(f000
        .iter()
        .any(|f| f["rule"] == "MISS001" && f["message"].as_str().unwrap().starts_with("Telefon")));
    assert!(f000
        .iter()
        .any(|f| f["rule"] == "CONT001"
            && f["message"].as_str().unwrap().contains("jonson vs jonsson")));
    for seed in ["001", "004"] {
        assert!(has(&v, seed, "MISS002"), "{seed}");
        assert!(has(&v, seed, "CONT001"), "{seed}");
        let cont004 = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| {
                f["rule"] == "CONT004" && f["path"].as_str().unwrap().contains(&format!("/{seed}_"))
            })
            .unwrap();
        assert!(cont004["message"]
            .as_str()
            .unwrap()
            .contains("Skärholmens stadsdelsnämnd?"));
    }
    let cont004 = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "CONT004" && f["path"].as_str().unwrap().contains("/002_"))
        .unwrap();
    assert!(cont004["message"]
        .as_str()
        .unwrap()
        .contains("Östermalms stadsdelsnämnd?"));
    assert!(has(&v, "002", "DATE001"));
    assert_eq!(rules_in(&v, "003"), Vec::<(String, String)>::new());
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 5);
    assert!(files.iter().all(|f| f["status"] == "checked"));
    assert_eq!(files[0]["variant"], "kulturnamnd");
    assert_eq!(files[3]["namnd"], "Hägersten-Älvsjö stadsdelsnämnd");
}

#[test]
fn json_report_snapshot() {
    let (_, _, bytes) = json(&["fixtures/seeds"]);
    insta::assert_snapshot!("seeds_json", String::from_utf8(bytes).unwrap());
}

#[test]
fn human_report_snapshot() {
    let out = cmd()
        .args(["check", "fixtures/seeds", "--color", "never"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("seeds_human", String::from_utf8(out.stdout).unwrap());
}

#[test]
fn no_colour_when_not_a_terminal_or_no_color_is_set() {
    let out = cmd().args(["check", "fixtures/seeds"]).output().unwrap();
    assert!(!out.stdout.contains(&0x1b));
    let out = cmd()
        .args(["check", "fixtures/seeds", "--color", "always"])
        .output()
        .unwrap();
    assert!(out.stdout.contains(&0x1b));
}

#[test]
fn same_bytes_whatever_the_thread_count_or_argument_order() {
    let run = |threads: &str, args: &[&str]| {
        cmd()
            .env("RAYON_NUM_THREADS", threads)
            .arg("check")
            .args(args)
            .args(["--format", "json"])
            .output()
            .unwrap()
            .stdout
    };
    let seeds = root().join("fixtures/seeds");
    let mut files: Vec<String> = std::fs::read_dir(&seeds)
        .unwrap()
        .map(|e| {
            format!(
                "fixtures/seeds/{}",
                e.unwrap().file_name().to_string_lossy()
            )
        })
        .collect();
    files.sort();
    let forward: Vec<&str> = files.iter().map(String::as_str).collect();
    let backward: Vec<&str> = files.iter().rev().map(String::as_str).collect();
    let one = run("1", &forward);
    assert_eq!(one, run("2", &forward));
    assert_eq!(one, run("2", &backward));
    assert_eq!(one, run("1", &["fixtures/seeds"]));
}

#[test]
fn exit_codes_follow_the_contract() {
    // Clean: the one seed with no findings.
    cmd()
        .args(["check", "fixtures/seeds/003_ea0049bc2d670515.txt"])
        .assert()
        .code(0);
    // Findings below the fail level do not fail; at it they do.
    cmd()
        .args([
            "check",
            "fixtures/seeds/002_1a1bae4346d88907.txt",
            "--fail-on",
            "error",
        ])
        .assert()
        .code(1);
    // A path that does not exist, or bad arguments: could not run.
    let out = cmd().args(["check", "no/such/dir"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/dir: no such file or directory"));
    cmd().args(["check", "--format", "yaml"]).assert().code(2);
    cmd().args(["explain", "NOPE001"]).assert().code(2);
}

#[test]
fn warnings_fail_only_at_the_warning_level() {
    let dir = tempfile::tempdir().unwrap();
    let src =
        std::fs::read_to_string(root().join("fixtures/seeds/003_ea0049bc2d670515.txt")).unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        src.replace("kajsa.parke@", "kajsa.parkes@"),
    )
    .unwrap();
    cmd().arg("check").arg(dir.path()).assert().code(0);
    cmd()
        .arg("check")
        .arg(dir.path())
        .args(["--fail-on", "warning"])
        .assert()
        .code(1);
}

/// Bad input is listed with a status and a reason, and the scan goes on.
#[test]
fn bad_files_are_listed_and_the_scan_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(
        root().join("fixtures/seeds/003_ea0049bc2d670515.txt"),
        d.join("b_seed.txt"),
    )
    .unwrap();
    std::fs::write(d.join("a_empty.txt"), "").unwrap();
    std::fs::write(d.join("c_binary.txt"), b"PK\x03\x04\x00\x00\x01").unwrap();
    std::fs::write(
        d.join("d_notes.md"),
        "# Anteckningar\nInget formulär här.\n",
    )
    .unwrap();
    std::fs::write(
        d.join("e_latin1.txt"),
        b"N\xe4mnd\nFarsta stadsdelsn\xe4mnd\n1. Stimulera tillv\xe4xt och f\xf6retagsamhet\n",
    )
    .unwrap();
    std::fs::create_dir(d.join("f_dir.txt")).unwrap();
    std::fs::create_dir(d.join(".git")).unwrap();
    std::fs::write(d.join(".git/HEAD.txt"), "Nämnd\nX\n").unwrap();
    std::fs::write(d.join("g_image.png"), b"\x89PNG").unwrap();
    let out = cmd()
        .arg("check")
        .arg(d)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let files = common::file_statuses(&v);
    let want = [
        ("a_empty.txt", "skipped", "empty file"),
        ("b_seed.txt", "checked", ""),
        (
            "c_binary.txt",
            "skipped",
            "binary file: NUL byte at offset 4",
        ),
        (
            "d_notes.md",
            "skipped",
            "not a questionnaire submission: no form header or question found",
        ),
        ("e_latin1.txt", "checked", ""),
    ];
    let want: Vec<(String, String, String)> = want
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(files, want);
    // Decoded as Windows-1252: the sender is read; with no question it
    // fits no form, which is one FORM001, not a finding per question.
    let latin = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("e_latin1.txt"))
        .unwrap();
    assert_eq!(latin["namnd"], "Farsta stadsdelsnämnd");
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"].as_str().unwrap().ends_with("e_latin1.txt"))
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["FORM001"]);
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\u{fffd}'));
}

#[test]
fn nothing_to_check_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    cmd().arg("check").arg(dir.path()).assert().code(2);
    std::fs::write(dir.path().join("x.txt"), "").unwrap();
    let out = cmd()
        .arg("check")
        .arg(dir.path())
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"][0]["status"], "skipped");
}

#[test]
fn the_scanned_tree_is_never_written() {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(root().join("fixtures/seeds")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
    }
    let listing = |d: &Path| {
        let mut v: Vec<(String, Vec<u8>, std::time::SystemTime)> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into(),
                    std::fs::read(e.path()).unwrap(),
                    e.metadata().unwrap().modified().unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let before = listing(dir.path());
    for format in ["human", "json"] {
        cmd()
            .arg("check")
            .arg(dir.path())
            .args(["--format", format])
            .assert()
            .code(1);
    }
    cmd()
        .arg("show")
        .arg(dir.path().join("001_2758bf6a10e7fa1d.txt"))
        .assert()
        .code(0);
    assert_eq!(before, listing(dir.path()));
}

#[test]
fn show_explains_how_a_submission_was_read() {
    let out = cmd()
        .args(["show", "fixtures/seeds/001_2758bf6a10e7fa1d.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("show_001", String::from_utf8(out.stdout).unwrap());
}

#[test]
fn rules_and_explain_cover_every_rule() {
    let out = cmd().arg("rules").output().unwrap();
    let listed = String::from_utf8(out.stdout).unwrap();
    for code in [
        "MISS001", "MISS002", "MISS003", "MISS004", "CONT001", "CONT002", "CONT003", "CONT004",
        "DATE001",
    ] {
        assert!(listed.contains(code), "{code}");
        let out = cmd()
            .args(["explain", &code.to_lowercase()])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8(out.stdout).unwrap();
        for heading in ["What it finds:", "Why it matters:", "Example:"] {
            assert!(text.contains(heading), "{code} lacks {heading}");
        }
    }
}

#[test]
fn a_template_file_replaces_the_built_in_form() {
    let dir = tempfile::tempdir().unwrap();
    let template = dubbelkoll::form::template::DEFAULT_TEMPLATE.replace(
        "\"Beskriv arbetet med platsaktivering.\",",
        "\"Beskriv arbetet med platsaktivering.\",\n    \"Hur mäts resultatet av arbetet med platsaktivering?\",",
    );
    let path = dir.path().join("form.toml");
    std::fs::write(&path, template).unwrap();
    let out = cmd()
        .args([
            "check",
            "fixtures/seeds/000_ca6330e93721227c.txt",
            "--format",
            "json",
            "--template",
        ])
        .arg(&path)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let miss003: Vec<&Value> = common::findings_of(&v, "MISS003");
    assert_eq!(miss003.len(), 1);
    assert_eq!(
        miss003[0]["question"],
        "Hur mäts resultatet av arbetet med platsaktivering?"
    );
    // A broken template stops the run with a message naming the file.
    std::fs::write(&path, "name = 1\n").unwrap();
    let out = cmd()
        .args(["check", "fixtures/seeds", "--template"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("form.toml: invalid template"));
}

/// The two exports of Skärholmen's submission differ in exactly four words;
/// everything else is normalisation.
#[test]
fn skarholmen_exports_are_near_duplicates_with_exactly_four_changes() {
    let (v, _, _) = json(&["fixtures/seeds"]);
    // Both versions carry the finding, one group, each with the changes
    // against the other.
    let dups: Vec<&Value> = common::findings_of(&v, "DUP001");
    assert_eq!(dups.len(), 2);
    let (d, other) = (dups[0], dups[1]);
    assert_eq!(d["path"], "fixtures/seeds/001_2758bf6a10e7fa1d.txt");
    assert_eq!(other["path"], "fixtures/seeds/004_3d60a64d12cd5465.txt");
    assert_eq!(d["group"], other["group"]);
    assert_eq!(d["related"][0]["path"], other["path"]);
    assert_eq!(other["related"][0]["path"], d["path"]);
    assert!(d["message"]
        .as_str()
        .unwrap()
        .starts_with("version 1 of 2 of one submission"));
    assert_eq!(
        other["message"],
        "version 2 of 2 of one submission, the newest by its file name only — check; \
         differs from fixtures/seeds/001_2758bf6a10e7fa1d.txt in 4 changes (99.7% similar)"
    );
    assert_eq!(other["changes"][0]["old"], "Sättra");
    assert_eq!(other["changes"][0]["line"], 26);
    // Checked for 004 alone (a copy staged in a repository): the finding is
    // filed under 004 itself, and only there.
    let (only, _, _) = json(&[
        "fixtures/seeds",
        "--only",
        "fixtures/seeds/004_3d60a64d12cd5465.txt",
    ]);
    let paths: Vec<&str> = common::findings_of(&only, "DUP001")
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["fixtures/seeds/004_3d60a64d12cd5465.txt"]);
    let changes: Vec<(&str, &str, u64, u64)> = d["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["old"].as_str().unwrap(),
                c["new"].as_str().unwrap(),
                c["line"].as_u64().unwrap(),
                c["related_line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        changes,
        [
            ("Sätra", "Sättra", 48, 26),
            ("Skärholmenspecifika", "Skärholmensspecifika", 96, 40),
            ("seriositetsprövning", "seriositetsprovning", 144, 65),
            ("vid", "vis", 172, 79),
        ]
    );
    let s = d["similarity"].as_f64().unwrap();
    assert!(s > 0.99 && s < 1.0, "{s}");
    assert!(d["changes"][0]["question"]
        .as_str()
        .unwrap()
        .starts_with("Beskriv samverkan med det lokala"));
    // Seed 002 gives the same answer to its last two questions.
    let dup003: Vec<&Value> = common::findings_of(&v, "DUP003");
    assert_eq!(dup003.len(), 1);
    assert!(dup003[0]["path"].as_str().unwrap().contains("/002_"));
    assert!(!v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "DUP002" || f["rule"] == "DUP004"));
}

#[test]
fn diff_command_prints_the_word_diff() {
    let out = cmd()
        .args([
            "diff",
            "fixtures/seeds/001_2758bf6a10e7fa1d.txt",
            "fixtures/seeds/004_3d60a64d12cd5465.txt",
            "--color",
            "never",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("fixtures/seeds/001_2758bf6a10e7fa1d.txt ~ fixtures/seeds/004_3d60a64d12cd5465.txt  99.7% similar, 4 changes\n"), "{text}");
    assert!(text.contains("48 ~ 26: …och alla fyra centrumägare (Skärholmen, Bredäng, Vårberg och [-Sätra-]{+Sättra+}) representerade."));
    let same = cmd()
        .args([
            "diff",
            "fixtures/seeds/003_ea0049bc2d670515.txt",
            "fixtures/seeds/003_ea0049bc2d670515.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(same.status.code(), Some(0));
}

#[test]
fn swedish_messages_and_headings() {
    let out = cmd()
        .args([
            "check",
            "fixtures/seeds",
            "--lang",
            "sv",
            "--color",
            "never",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("varning[MISS002] inget egentligt svar: \"N/A\""),
        "{text}"
    );
    assert!(text.contains(
        "ska troligen vara Skärholmens stadsdelsnämnd (texten nämner Skärholmen 7 gånger)"
    ));
    assert!(text.contains("Besvarade") && text.contains("Varningar"));
    // LANG chooses when --lang is not given; JSON stays English.
    let out = cmd()
        .env("LANG", "sv_SE.UTF-8")
        .args(["check", "fixtures/seeds", "--color", "never"])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("inget egentligt svar"));
    let out = cmd()
        .env("LANG", "sv_SE.UTF-8")
        .args(["check", "fixtures/seeds", "--format", "json"])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("the answer is a non-answer"));
}

#[test]
fn the_swedish_human_report_has_no_english_interface_words() {
    let out = cmd()
        .env("LANG", "sv_SE.UTF-8")
        .args(["check", "fixtures/seeds", "--color", "never"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    for english in [
        "error[",
        "warning[",
        "= question:",
        "= see ",
        "findings (",
        "Versions of",
        "% similar",
        " changes",
        "Not checked",
        "the newest",
        "version 1 of",
        "holds the form",
    ] {
        assert!(!text.contains(english), "{english:?} in the Swedish report");
    }
    for swedish in [
        "fel[",
        "varning[",
        "= fråga:",
        "anmärkningar (",
        "99,7 % lika",
        "ska troligen vara Skärholmens stadsdelsnämnd",
    ] {
        assert!(text.contains(swedish), "{swedish:?} missing");
    }
}

/// Words of the English interface of `rules`, `explain` and `show`, none of
/// which a Swedish page may hold (rule names like `empty-answer` are
/// identifiers and stay).
const ENGLISH_INTERFACE: &[&str] = &[
    "error",
    "warning",
    "default",
    "severity",
    "What",
    "Why",
    "matters",
    "Example",
    "finds",
    "read",
    "lines",
    "line",
    "paragraphs",
    "questions",
    "report",
    "year",
    "Header",
    "empty",
    "match",
    "answer",
    "written",
    "MISSING",
    "label",
    "found",
    "the",
    "and",
    "of",
    "is",
];

fn english_words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_' || c == '.'))
        .filter(|w| ENGLISH_INTERFACE.contains(w))
        .map(String::from)
        .collect()
}

#[test]
fn rules_explain_and_show_speak_swedish() {
    let sv = |args: &[&str]| {
        let out = cmd()
            .env("LANG", "sv_SE.UTF-8")
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let rules = sv(&["rules"]);
    assert!(rules.contains("MISS002  fel      empty-answer"), "{rules}");
    let mut pages = vec![rules];
    for r in dubbelkoll::rules::RULES {
        let page = sv(&["explain", r.code]);
        assert!(page.contains("Vad den hittar:"), "{page}");
        pages.push(page);
    }
    let show = sv(&["show", "fixtures/seeds/000_ca6330e93721227c.txt"]);
    assert!(
        show.contains("variant: Kulturnämnden (kulturnamnd, 3 frågor)"),
        "{show}"
    );
    assert!(show.contains("[rader 62-64, matchning 100 %]"), "{show}");
    pages.push(show);
    for page in &pages {
        assert_eq!(english_words(page), Vec::<String>::new(), "{page}");
    }
    // The same commands in English do hold those words: the list is live.
    let en = cmd()
        .args(["explain", "MISS002", "--lang", "en"])
        .output()
        .unwrap();
    assert!(!english_words(&String::from_utf8_lossy(&en.stdout)).is_empty());
}

#[test]
fn every_subcommand_takes_lang() {
    for args in [
        &["rules"][..],
        &["explain", "DUP001"],
        &["show", "fixtures/seeds/000_ca6330e93721227c.txt"],
        &["config"],
        &["man", "check"],
    ] {
        let out = cmd().args(args).args(["--lang", "sv"]).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// An unreadable file is READ001 and exit 1 whether it is named on the
/// command line or found in a folder: the tool ran, the file is the problem.
#[test]
fn an_unreadable_file_named_alone_is_read001_not_a_failure_to_run() {
    let tmp = tempfile::tempdir().unwrap();
    // An OLE file: a password-protected document or a legacy .doc.
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend_from_slice(&[0; 504]);
    std::fs::create_dir(tmp.path().join("in")).unwrap();
    std::fs::write(tmp.path().join("in/locked.docx"), &ole).unwrap();
    for arg in ["in/locked.docx", "in"] {
        let out = common::dubbelkoll(tmp.path())
            .args(["check", arg, "--format", "json"])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "{arg}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(common::findings_of(&report, "READ001").len(), 1, "{arg}");
    }
}

/// `--statistics` counts the findings each rule raised, as the JSON lists
/// them; `--exit-zero` reports and exits 0, but still 2 when nothing could
/// be checked.
#[test]
fn statistics_count_per_rule_and_exit_zero_never_fails_the_build() {
    let json = cmd()
        .args(["check", "fixtures/seeds", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&json.stdout).unwrap();
    let mut want = std::collections::BTreeMap::<(String, String), usize>::new();
    for f in v["findings"].as_array().unwrap() {
        let key = (
            f["rule"].as_str().unwrap().to_string(),
            f["severity"].as_str().unwrap().to_string(),
        );
        *want.entry(key).or_default() += 1;
    }
    let out = cmd()
        .args(["check", "fixtures/seeds", "--statistics"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let mut got = std::collections::BTreeMap::new();
    let mut last = usize::MAX;
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        let n: usize = cols[0].parse().unwrap();
        assert!(n <= last, "most first: {line}");
        last = n;
        got.insert((cols[1].to_string(), cols[2].to_string()), n);
    }
    assert_eq!(got, want);
    let zero = cmd()
        .args(["check", "fixtures/seeds", "--exit-zero", "--quiet"])
        .output()
        .unwrap();
    assert_eq!(zero.status.code(), Some(0));
    assert!(!zero.stdout.is_empty(), "the findings are still reported");
    let empty = tempfile::tempdir().unwrap();
    let nothing = cmd()
        .arg("check")
        .arg(empty.path())
        .arg("--exit-zero")
        .output()
        .unwrap();
    assert_eq!(nothing.status.code(), Some(2));
}

#[test]
fn the_summary_table_fits_a_100_column_terminal_wrapping_names_by_words() {
    // Long committee names and a deep folder, as a real archive has them.
    let names = [
        "Nämnden för arbetsmarknad, vuxenutbildning och integration i sydvästra staden",
        "Exploateringsnämnden och fastighetsförvaltningens gemensamma beredningsgrupp",
        "Hägersten-Älvsjö stadsdelsnämnd",
    ];
    let dir = tempfile::tempdir().unwrap();
    let deep = dir.path().join("2026/inkomna svar/tertial 2");
    std::fs::create_dir_all(&deep).unwrap();
    let seed = std::fs::read_to_string(common::seed_path("003")).unwrap();
    for (i, n) in names.iter().enumerate() {
        let text = seed.replacen("Hägersten-Älvsjö stadsdelsnämnd", n, 1);
        std::fs::write(
            deep.join(format!("svar_{i}_{}.txt", "x".repeat(i * 7))),
            text,
        )
        .unwrap();
    }
    let out = common::dubbelkoll(dir.path())
        .args(["check", ".", "--color", "never"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let table: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with('┌'))
        .take_while(|l| !l.starts_with('└'))
        .collect();
    assert!(table.len() > names.len(), "{text}");
    for line in &table {
        assert!(line.chars().count() <= 100, "{line}");
    }
    // Every word of every name stands whole in one cell; the shared folder
    // is said once, in the header.
    let cells: Vec<&str> = table
        .iter()
        .flat_map(|l| l.split(['│', '┆']))
        .map(str::trim)
        .collect();
    for word in names.iter().flat_map(|n| n.split(' ')) {
        assert!(
            cells.iter().any(|c| c.split(' ').any(|w| w == word)),
            "{word}: {text}"
        );
    }
    assert!(cells.contains(&"svar/tertial 2/"), "{text}");
    assert!(cells.contains(&"svar_0_.txt"), "{text}");
    assert_eq!(cells.iter().filter(|c| c.contains("2026/")).count(), 1);
}
