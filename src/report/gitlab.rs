//! `--format gitlab`: GitLab Code Quality JSON, which merge requests show
//! as code-quality findings: an array of issues, each with a description,
//! its check's name, a fingerprint unique in the report, a severity (info,
//! minor, major, critical, blocker) and a location (path, first line). Paths are relative to the repository's
//! root ([`super::paths`]).

use serde_json::{json, Value};

use super::paths::Root;
use super::{Emitter, Report};
use crate::finding::Severity;

/// `--format gitlab`.
pub struct Gitlab;

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

impl Emitter for Gitlab {
    fn emit(&self, r: &Report) -> String {
        let root = Root::of_run();
        let mut seen = std::collections::BTreeMap::<String, usize>::new();
        let issues: Vec<Value> = (r.outcome.findings.iter())
            .map(|f| {
                // The fingerprint survives line shifts; two findings that
                // share it in one report are told apart by their order.
                let fp = f.fingerprint();
                let n = seen.entry(fp.clone()).or_default();
                *n += 1;
                let fingerprint = if *n == 1 { fp } else { format!("{fp}-{n}") };
                json!({
                    "description": f.message,
                    "check_name": f.rule,
                    "fingerprint": fingerprint,
                    "severity": severity(f.severity),
                    "location": {
                        "path": root.text(&f.path),
                        "lines": {"begin": f.line.max(1)},
                    },
                })
            })
            .collect();
        let mut s = serde_json::to_string_pretty(&issues).expect("the report serialises");
        s.push('\n');
        s
    }
}
