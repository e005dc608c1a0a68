//! The machine formats: SARIF (validated against the OASIS schema), GitHub
//! workflow commands and Markdown, pinned by snapshots on the seeds.

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> String {
    // Paths are relative to the checkout, whatever CI this runs on.
    let out = Command::cargo_bin("dubbelkoll")
        .unwrap()
        .current_dir(root())
        .env_remove("GITHUB_WORKSPACE")
        .env_remove("CI_PROJECT_DIR")
        .args(args)
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn sarif_validates_against_the_sarif_2_1_0_schema() {
    let text = std::fs::read_to_string(root().join("tests/data/sarif-schema-2.1.0.json")).unwrap();
    // The OASIS schema's pattern for run.language has a stray `]` that the
    // validator's regex engine rejects when it checks the schema itself;
    // it is read with the pattern as meant (dubbelkoll writes no language).
    let stray = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    assert!(text.contains(stray), "the schema copy changed");
    let text = text.replace(stray, r#""^[a-zA-Z]{2}$|^[a-zA-Z]{2}-[a-zA-Z]{2}$""#);
    let mut schema: Value = serde_json::from_str(&text).unwrap();
    // This copy keeps the log's own schema under definitions/Root and none at
    // its top: a validator given the file as it is accepts anything. The log
    // is validated against definitions/Root.
    assert!(
        schema.get("properties").is_none() && schema["definitions"]["Root"]["required"].is_array()
    );
    schema["$ref"] = Value::from("#/definitions/Root");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let log: Value = serde_json::from_str(&run(&[
        "check",
        "fixtures/seeds",
        "fixtures/word",
        "--format",
        "sarif",
    ]))
    .unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let run0 = &log["runs"][0];
    assert_eq!(
        run0["tool"]["driver"]["rules"].as_array().unwrap().len(),
        dubbelkoll::rules::RULES.len()
    );
    let dup = run0["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "DUP001")
        .unwrap();
    assert_eq!(
        dup["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "fixtures/seeds/004_3d60a64d12cd5465.txt"
    );
    // A broken log must fail the same check: the validator is not a no-op.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&broken));
}

#[test]
fn sarif_fingerprints_survive_line_shifts() {
    let dir = tempfile::tempdir().unwrap();
    let src =
        std::fs::read_to_string(root().join("fixtures/seeds/002_1a1bae4346d88907.txt")).unwrap();
    let prints = |text: &str| {
        std::fs::write(dir.path().join("a.txt"), text).unwrap();
        let log: Value = serde_json::from_str(&run(&[
            "check",
            dir.path().to_str().unwrap(),
            "--format",
            "sarif",
        ]))
        .unwrap();
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["partialFingerprints"]["dubbelkoll/v2"]
                        .as_str()
                        .unwrap()
                        .to_string(),
                    r["locations"][0]["physicalLocation"]["region"]["startLine"]
                        .as_u64()
                        .unwrap(),
                )
            })
            .collect::<Vec<_>>()
    };
    let before = prints(&src);
    let after = prints(&format!("\n\n\n{src}"));
    assert!(!before.is_empty());
    assert_eq!(
        before.iter().map(|p| &p.0).collect::<Vec<_>>(),
        after.iter().map(|p| &p.0).collect::<Vec<_>>()
    );
    assert!(before.iter().zip(&after).all(|(b, a)| a.1 == b.1 + 3));
}

#[test]
fn sarif_snapshot() {
    let sarif = run(&["check", "fixtures/seeds", "--format", "sarif"]);
    // The root's place on this machine, the one line that differs between
    // checkouts.
    let base = "\"%SRCROOT%\": {\n          \"uri\": \"file:///";
    let at = sarif.find(base).expect("the root is given") + base.len() - "file:///".len();
    let end = at + sarif[at..].find('"').unwrap();
    assert!(sarif[at..end].ends_with('/'), "{}", &sarif[at..end]);
    let sarif = format!("{}file:///[root]/{}", &sarif[..at], &sarif[end..]);
    insta::assert_snapshot!("seeds_sarif", sarif);
}

#[test]
fn github_snapshot() {
    insta::assert_snapshot!(
        "seeds_github",
        run(&["check", "fixtures/seeds", "--format", "github"])
    );
}

#[test]
fn markdown_snapshot() {
    insta::assert_snapshot!(
        "seeds_markdown",
        run(&["check", "fixtures/seeds", "--format", "markdown"])
    );
}

/// GitLab Code Quality, as GitLab reads it: an array of issues with a
/// description, check name, a fingerprint unique in the report, one of
/// GitLab's five severities, and a location with a path and a first line.
#[test]
fn gitlab_code_quality_has_the_fields_gitlab_reads() {
    let issues: Value =
        serde_json::from_str(&run(&["check", "fixtures/seeds", "--format", "gitlab"])).unwrap();
    let json: Value =
        serde_json::from_str(&run(&["check", "fixtures/seeds", "--format", "json"])).unwrap();
    let issues = issues.as_array().unwrap();
    assert_eq!(issues.len(), json["findings"].as_array().unwrap().len());
    let mut fingerprints = std::collections::BTreeSet::new();
    for i in issues {
        assert!(i["description"].as_str().is_some_and(|d| !d.is_empty()));
        assert!(i["check_name"].as_str().is_some());
        assert!(["info", "minor", "major", "critical", "blocker"]
            .contains(&i["severity"].as_str().unwrap()));
        assert!(i["location"]["path"]
            .as_str()
            .unwrap()
            .starts_with("fixtures/seeds/"));
        assert!(i["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
        assert!(
            fingerprints.insert(i["fingerprint"].as_str().unwrap().to_string()),
            "{i}"
        );
    }
}

/// JUnit XML, as GitLab, Jenkins and Azure read it: a test case per
/// finding (classname the file, name the rule and line), failing at error;
/// a passing case per file without findings; the suite's counts right.
#[test]
fn junit_has_a_test_case_per_finding_and_a_failure_per_error() {
    use quick_xml::events::Event;
    let xml = run(&["check", "fixtures/seeds", "--format", "junit"]);
    let json: Value =
        serde_json::from_str(&run(&["check", "fixtures/seeds", "--format", "json"])).unwrap();
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut cases, mut failures, mut tests) = (Vec::new(), Vec::new(), None);
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) => {
                let attr = |n: &str| {
                    e.try_get_attribute(n)
                        .unwrap()
                        .map(|a| quick_xml::escape::unescape(&a.value).unwrap().into_owned())
                };
                match e.name().as_ref() {
                    "testsuite" => tests = attr("tests"),
                    "testcase" => cases.push((attr("classname").unwrap(), attr("name").unwrap())),
                    "failure" => {
                        failures.push((cases.last().unwrap().0.clone(), attr("type").unwrap()))
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(tests, Some(cases.len().to_string()));
    let findings = json["findings"].as_array().unwrap();
    let mut want: Vec<(String, String)> = findings
        .iter()
        .map(|f| {
            let name = format!(
                "{} line {}:{}",
                f["rule"].as_str().unwrap(),
                f["line"],
                f["column"]
            );
            (f["path"].as_str().unwrap().to_string(), name)
        })
        .collect();
    // Each file with no finding is one passing case.
    for f in json["files"].as_array().unwrap() {
        let path = f["path"].as_str().unwrap();
        if !findings.iter().any(|x| x["path"] == path) {
            want.push((path.to_string(), "dubbelkoll".into()));
        }
    }
    let mut got = cases.clone();
    // A second finding of one rule at one place is numbered.
    for c in &mut got {
        if let Some(i) = c.1.find(" (") {
            c.1.truncate(i);
        }
    }
    got.sort();
    want.sort();
    assert_eq!(got, want);
    let unique: std::collections::BTreeSet<&(String, String)> = cases.iter().collect();
    assert_eq!(unique.len(), cases.len(), "test case names are unique");
    let errors: Vec<(String, String)> = findings
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(failures, errors);
}

/// reviewdog's rdjson, against a schema of its proto definition: a
/// diagnostic per finding with the rule's code and the finding's place, a
/// pair's other file as a related location.
#[test]
fn rdjson_validates_against_reviewdogs_format() {
    let text = std::fs::read_to_string(root().join("tests/data/rdjson.schema.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let result: Value =
        serde_json::from_str(&run(&["check", "fixtures/seeds", "--format", "rdjson"])).unwrap();
    let errors: Vec<String> = (validator.iter_errors(&result))
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The schema refuses what reviewdog would not read.
    let bad = serde_json::json!({"diagnostics": [{"message": "m", "location": {"path": "a", "range": {"start": {"line": 0}}}}]});
    assert!(!validator.is_valid(&bad));

    let json: Value =
        serde_json::from_str(&run(&["check", "fixtures/seeds", "--format", "json"])).unwrap();
    let findings = json["findings"].as_array().unwrap();
    let diagnostics = result["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), findings.len());
    for (d, f) in diagnostics.iter().zip(findings) {
        assert_eq!(d["code"]["value"], f["rule"]);
        assert_eq!(d["location"]["path"], f["path"]);
        assert_eq!(d["location"]["range"]["start"]["line"], f["line"]);
        assert_eq!(
            d["severity"],
            f["severity"].as_str().unwrap().to_uppercase()
        );
    }
    // Columns in UTF-8 bytes, as reviewdog counts them: "Nämnden kommer…"
    // puts a finding on "kommer" at character 9 and byte 10.
    let mut wider = 0;
    for (d, f) in diagnostics.iter().zip(findings) {
        let text = std::fs::read_to_string(root().join(f["path"].as_str().unwrap())).unwrap();
        let line = text
            .lines()
            .nth(f["line"].as_u64().unwrap() as usize - 1)
            .unwrap();
        let chars = f["column"].as_u64().unwrap() as usize - 1;
        let bytes: usize = line.chars().take(chars).map(char::len_utf8).sum();
        assert_eq!(d["location"]["range"]["start"]["column"], bytes + 1, "{f}");
        wider += usize::from(bytes != chars);
    }
    assert!(wider > 0, "some finding stands after å, ä or ö");
    let pair = (diagnostics.iter())
        .find(|d| d["code"]["value"] == "DUP001")
        .unwrap();
    assert!(
        pair["message"]
            .as_str()
            .unwrap()
            .contains("\"Sätra\" → \"Sättra\""),
        "{pair}"
    );
    assert!(pair["related_locations"][0]["location"]["path"]
        .as_str()
        .unwrap()
        .starts_with("fixtures/seeds/"));
}
