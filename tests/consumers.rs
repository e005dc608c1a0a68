//! The machine formats read by the programs that consume them, as `.ci/run`
//! installs them into `target/consumers`: Microsoft's SARIF validator
//! (Sarif.Multitool, from npm) and junitparser (from PyPI). Under `CI` a
//! missing consumer fails the test instead of skipping it.

use std::path::{Path, PathBuf};

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A consumer under `target/consumers`, when it is installed.
fn consumer(rel: &str) -> Option<PathBuf> {
    let p = root().join("target/consumers").join(rel);
    if p.exists() {
        return Some(p);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{} is missing: .ci/run installs it",
        p.display()
    );
    eprintln!("skipped: {} is missing (.ci/run installs it)", p.display());
    None
}

/// `dubbelkoll check` from `cwd` with `env`, its standard output.
fn check(cwd: &Path, env: &[(&str, &Path)], args: &[&std::ffi::OsStr]) -> Vec<u8> {
    let mut c = assert_cmd::Command::cargo_bin("dubbelkoll").unwrap();
    c.current_dir(cwd)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .arg("check")
        .args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn sarif_from_an_absolute_path_passes_microsofts_validator() {
    let Some(tool) = consumer("node_modules/.bin/sarif-multitool") else {
        return;
    };
    let seeds = root().join("fixtures/seeds");
    let away = tempfile::tempdir().unwrap();
    // Outside any root (the path stays absolute, a file:// URI), and under
    // GITHUB_WORKSPACE (relative to %SRCROOT%).
    let workspace = root();
    let runs: [&[(&str, &Path)]; 2] = [&[], &[("GITHUB_WORKSPACE", workspace.as_path())]];
    for (i, env) in runs.into_iter().enumerate() {
        let sarif = away.path().join(format!("scan{i}.sarif"));
        let args = [seeds.as_os_str(), "--format".as_ref(), "sarif".as_ref()];
        std::fs::write(&sarif, check(away.path(), env, &args)).unwrap();
        let log = away.path().join(format!("validation{i}.sarif"));
        let out = std::process::Command::new(&tool)
            .arg("validate")
            .arg(&sarif)
            .arg("--output")
            .arg(&log)
            .arg("--log")
            .arg("ForceOverwrite")
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stdout);
        let log = std::fs::read(&log).unwrap_or_else(|e| panic!("{e}: {said}"));
        let log: Value = serde_json::from_slice(&log).unwrap();
        let errors: Vec<String> = log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["level"] == "error")
            .map(|r| format!("{}: {}", r["ruleId"], r["message"]))
            .collect();
        assert_eq!(errors, Vec::<String>::new(), "{said}");
        let uri = |s: &str| s.contains("\"uri\":");
        let text = std::fs::read_to_string(&sarif).unwrap();
        assert!(uri(&text));
        match i {
            0 => assert!(
                text.contains("\"uri\": \"file:///"),
                "absolute as a file URI"
            ),
            _ => assert!(
                text.contains("\"uri\": \"fixtures/seeds/"),
                "relative to the workspace"
            ),
        }
    }
}

#[test]
fn junitparser_reads_a_case_per_finding_and_a_failure_per_error() {
    let Some(python) = consumer("py/bin/python") else {
        return;
    };
    let work = tempfile::tempdir().unwrap();
    let seeds = root().join("fixtures/seeds");
    let xml = work.path().join("junit.xml");
    let scan = |format: &str| {
        check(
            &root(),
            &[],
            &[seeds.as_os_str(), "--format".as_ref(), format.as_ref()],
        )
    };
    std::fs::write(&xml, scan("junit")).unwrap();
    let json: Value = serde_json::from_slice(&scan("json")).unwrap();
    let script = "import sys\nfrom junitparser import JUnitXml, TestSuite, Failure\nxml = JUnitXml.fromfile(sys.argv[1])\nsuites = [xml] if isinstance(xml, TestSuite) else list(xml)\ncases = [c for s in suites for c in s]\nfailures = sum(1 for c in cases for r in c.result if isinstance(r, Failure))\nprint(len(cases), failures)\n";
    let out = std::process::Command::new(python)
        .arg("-c")
        .arg(script)
        .arg(&xml)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let findings = json["findings"].as_array().unwrap();
    let clean = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| !findings.iter().any(|x| x["path"] == f["path"]))
        .count();
    let errors = findings.iter().filter(|f| f["severity"] == "error").count();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        format!("{} {errors}", findings.len() + clean)
    );
}
