//! `--format json`: the machine-readable report (version 1).
//!
//! Shape: `{"version": 1, "files": [...], "findings": [...]}`; fields may be
//! added, none renamed. Absent values are `null`.

use serde::Serialize;

use crate::check::{FileReport, Outcome};
use crate::rules::Finding;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    files: &'a [FileReport],
    findings: &'a [Finding],
}

/// Renders the outcome as pretty-printed JSON with a final newline.
pub fn render(outcome: &Outcome) -> String {
    let report = Report {
        version: 1,
        files: &outcome.files,
        findings: &outcome.findings,
    };
    let mut s = serde_json::to_string_pretty(&report).expect("the report serialises");
    s.push('\n');
    s
}
