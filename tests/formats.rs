//! The machine formats: SARIF (validated against the OASIS schema), GitHub
//! workflow commands and Markdown, pinned by snapshots on the seeds.

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> String {
    let out = Command::cargo_bin("dubbelkoll")
        .unwrap()
        .current_dir(root())
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
    insta::assert_snapshot!(
        "seeds_sarif",
        run(&["check", "fixtures/seeds", "--format", "sarif"])
    );
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
