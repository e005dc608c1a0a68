//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other tools.
//! Every rule is listed with its explanation; each result carries its
//! location, the other file of a pair as a related location, and a
//! fingerprint that survives line shifts.

use serde_json::{json, Value};

use std::path::Path;

use super::{Emitter, Report};
use crate::finding::{Finding, Location, Severity};
use crate::rules::RULES;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative path as a URI reference: forward slashes, everything but
/// unreserved characters and `/` percent-encoded.
pub fn uri(path: &Path) -> String {
    let path = path.to_string_lossy().replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn physical(path: &Path, line: u32, column: u32) -> Value {
    json!({
        "artifactLocation": {"uri": uri(path)},
        "region": {"startLine": line.max(1), "startColumn": column.max(1)}
    })
}

fn result(f: &Finding) -> Value {
    let rule_index = RULES.iter().position(|r| r.code == f.rule).unwrap_or(0);
    let mut text = f.message.clone();
    if let Some(q) = &f.question {
        text.push_str(&format!(" (question: {q})"));
    }
    let related: Vec<Value> = f
        .related
        .iter()
        .enumerate()
        .map(|(i, Location { path, line, column })| {
            json!({"id": i, "physicalLocation": physical(path, *line, *column), "message": {"text": format!("{}:{line}", path.display())}})
        })
        .collect();
    let mut r = json!({
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": level(f.severity),
        "message": {"text": text},
        "locations": [{"physicalLocation": physical(&f.path, f.line, f.column)}],
        "partialFingerprints": {"dubbelkoll/v2": f.fingerprint()},
    });
    if !related.is_empty() {
        r["relatedLocations"] = Value::Array(related);
    }
    r
}

/// `--format sarif`: a SARIF 2.1.0 log with one run.
pub struct Sarif;

impl Emitter for Sarif {
    fn emit(&self, r: &Report) -> String {
        render(r)
    }
}

fn render(report: &Report) -> String {
    let outcome = report.outcome;
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.explanation},
                "help": {"text": r.explanation},
                "defaultConfiguration": {"level": level(r.severity)},
            })
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "dubbelkoll",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": outcome.findings.iter().map(result).collect::<Vec<_>>(),
        }],
    });
    let mut s = serde_json::to_string_pretty(&log).expect("the log serialises");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(
            uri(Path::new("./fixtures/seeds/a b.txt")),
            "fixtures/seeds/a%20b.txt"
        );
        assert_eq!(
            uri(Path::new("inlämning/Östermalm.docx")),
            "inl%C3%A4mning/%C3%96stermalm.docx"
        );
        assert_eq!(uri(Path::new(r"dir\file.txt")), "dir/file.txt");
    }
}
