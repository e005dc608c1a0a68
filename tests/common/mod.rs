//! Helpers shared by the integration tests.

use std::path::Path;

use serde_json::Value;

/// (file name, status, reason) of every file in a JSON report.
#[allow(dead_code, reason = "not every test file uses every helper")]
pub fn file_statuses(report: &Value) -> Vec<(String, String, String)> {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let name = Path::new(f["path"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (
                name,
                f["status"].as_str().unwrap().into(),
                f["reason"].as_str().unwrap_or("").into(),
            )
        })
        .collect()
}

/// The findings of one rule in a JSON report.
#[allow(dead_code, reason = "not every test file uses every helper")]
pub fn findings_of<'a>(report: &'a Value, rule: &str) -> Vec<&'a Value> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == rule)
        .collect()
}

/// The seed submission whose file name starts with `prefix` ("004").
#[allow(dead_code, reason = "not every test file uses every helper")]
pub fn seed_path(prefix: &str) -> std::path::PathBuf {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds");
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap()
}

/// The binary, run in `dir` with a scrubbed environment (no `HOME`, so no
/// cache, no `LANG`).
#[allow(dead_code, reason = "not every test file uses every helper")]
pub fn dubbelkoll(dir: &Path) -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("dubbelkoll").unwrap();
    c.current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default());
    c
}

/// LibreOffice's command, when it is installed. CI installs it: there a
/// missing LibreOffice fails the test instead of skipping it.
#[allow(dead_code, reason = "not every test file uses every helper")]
pub fn soffice() -> Option<&'static str> {
    let runs = |b: &str| {
        std::process::Command::new(b)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    let found = ["soffice", "libreoffice"].into_iter().find(|b| runs(b));
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "LibreOffice is not installed"
        );
        eprintln!("LibreOffice is not installed: skipped");
    }
    found
}
