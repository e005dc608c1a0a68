//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other tools.
//! Every rule is listed with its explanation; each result carries its
//! location, the other file of a pair as a related location, and a
//! fingerprint that survives line shifts.

use serde_json::{json, Value};

use std::path::Path;

use super::paths::{Root, Shown};
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

/// A path as a URI reference: everything but unreserved characters and
/// `/` percent-encoded. A backslash is part of a Unix file name
/// (`back\slash.txt` is one file), so it is encoded, never turned into a
/// separator.
pub fn uri(path: &str) -> String {
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

/// An absolute path as a `file://` URI.
fn file_uri(path: &Path) -> String {
    format!("file://{}", uri(&path.to_string_lossy()))
}

/// Where a file is: relative to the repository's root (`%SRCROOT%`, whose
/// absolute place `originalUriBaseIds` gives), or a `file://` URI outside
/// it.
fn physical(root: &Root, path: &Path, line: u32, column: u32) -> Value {
    let artifact = match root.show(path) {
        Shown::Relative(rel) => json!({"uri": uri(&rel), "uriBaseId": "%SRCROOT%"}),
        Shown::Absolute(abs) => json!({"uri": file_uri(&abs)}),
    };
    json!({
        "artifactLocation": artifact,
        "region": {"startLine": line.max(1), "startColumn": column.max(1)}
    })
}

/// The tool: its name, version and rules, and where to read about it (the
/// package's homepage or repository, when Cargo.toml names one).
fn driver(rules: Vec<Value>) -> Value {
    let mut d = json!({
        "name": "dubbelkoll",
        "version": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    });
    let about = [env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY")];
    if let Some(uri) = about.into_iter().find(|u| !u.is_empty()) {
        d["informationUri"] = Value::from(uri);
    }
    d
}

fn result(root: &Root, f: &Finding) -> Value {
    let rule_index = RULES.iter().position(|r| r.code == f.rule).unwrap_or(0);
    let text = super::full_message(f);
    let related: Vec<Value> = f
        .related
        .iter()
        .enumerate()
        .map(|(i, Location { path, line, column })| {
            json!({"id": i, "physicalLocation": physical(root, path, *line, *column), "message": {"text": format!("{}:{line}", path.display())}})
        })
        .collect();
    let mut r = json!({
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": level(f.severity),
        "message": {"text": text},
        "locations": [{"physicalLocation": physical(root, &f.path, f.line, f.column)}],
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
    let root = Root::of_run();
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
    // Columns count characters (code points), not SARIF's default UTF-16
    // code units.
    let mut run = json!({
        "tool": {"driver": driver(rules)},
        "columnKind": "unicodeCodePoints",
        "results": outcome.findings.iter().map(|f| result(&root, f)).collect::<Vec<_>>(),
    });
    if let Some(base) = root.path() {
        let mut dir = file_uri(base);
        if !dir.ends_with('/') {
            dir.push('/');
        }
        run["originalUriBaseIds"] = json!({"%SRCROOT%": {"uri": dir}});
    }
    // The configuration in force, in the run's property bag.
    if let Some(config) = &outcome.config {
        run["properties"] = json!({"configuration": config.to_string_lossy()});
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [run],
    });
    let mut s = serde_json::to_string_pretty(&log).expect("the log serialises");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_below_the_root_are_relative_to_srcroot_and_others_file_uris() {
        let root = Root::at(Path::new("/repo"), Path::new("/repo/sub"));
        let loc = physical(&root, Path::new("/repo/inlamning/a b.txt"), 3, 1);
        assert_eq!(loc["artifactLocation"]["uri"], "inlamning/a%20b.txt");
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        let here = physical(&root, Path::new("./a.txt"), 1, 1);
        assert_eq!(here["artifactLocation"]["uri"], "sub/a.txt");
        let outside = physical(&root, Path::new("/tmp/x y.txt"), 1, 1);
        assert_eq!(outside["artifactLocation"]["uri"], "file:///tmp/x%20y.txt");
        assert!(outside["artifactLocation"].get("uriBaseId").is_none());
    }

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("fixtures/seeds/a b.txt"), "fixtures/seeds/a%20b.txt");
        assert_eq!(
            uri("inlämning/Östermalm.docx"),
            "inl%C3%A4mning/%C3%96stermalm.docx"
        );
        // One Unix file name, not a folder and a file.
        assert_eq!(uri(r"back\slash.txt"), "back%5Cslash.txt");
    }
}
