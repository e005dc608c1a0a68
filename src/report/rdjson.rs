//! `--format rdjson`: reviewdog's diagnostic format (rdjson), which
//! reviewdog posts as review comments on GitHub, GitLab, Gitea or Bitbucket
//! (`reviewdog -f=rdjson`): one diagnostic per finding with its message,
//! place, severity and rule code, and the other files of a pair as related
//! locations. Paths are relative to the repository's root
//! ([`super::paths`]). Columns are UTF-8 bytes, as reviewdog defines them: "ä" is
//! two (a related location's column, whose line is not quoted, stays in
//! characters).

use serde_json::{json, Value};

use super::paths::Root;
use super::{Emitter, Report};
use crate::finding::{Finding, Location, Severity};

/// `--format rdjson`.
pub struct Rdjson;

fn place(root: &Root, path: &std::path::Path, line: u32, column: u32) -> Value {
    json!({
        "path": root.text(path),
        "range": {"start": {"line": line.max(1), "column": column.max(1)}},
    })
}

/// The finding's column in bytes of its source line (1-based); in
/// characters when the line is not known.
fn byte_column(f: &Finding) -> u32 {
    match &f.source {
        Some(line) => {
            let chars = f.column.saturating_sub(1) as usize;
            let bytes: usize = line.chars().take(chars).map(char::len_utf8).sum();
            // Past the line's end, the characters beyond count one each.
            let beyond = chars.saturating_sub(line.chars().count());
            (bytes + beyond + 1) as u32
        }
        None => f.column,
    }
}

fn diagnostic(root: &Root, f: &Finding) -> Value {
    let severity = match f.severity {
        Severity::Error => "ERROR",
        Severity::Warning => "WARNING",
        Severity::Info => "INFO",
    };
    let mut d = json!({
        "message": super::full_message(f),
        "location": place(root, &f.path, f.line, byte_column(f)),
        "severity": severity,
        "code": {"value": f.rule},
    });
    if !f.related.is_empty() {
        d["related_locations"] = (f.related.iter())
            .map(|Location { path, line, column }| {
                json!({
                    "message": format!("{}:{line}", path.display()),
                    "location": place(root, path, *line, *column),
                })
            })
            .collect();
    }
    d
}

impl Emitter for Rdjson {
    fn emit(&self, r: &Report) -> String {
        let root = Root::of_run();
        let result = json!({
            "source": {"name": "dubbelkoll"},
            "diagnostics": r.outcome.findings.iter().map(|f| diagnostic(&root, f)).collect::<Vec<_>>(),
        });
        let mut s = serde_json::to_string_pretty(&result).expect("the report serialises");
        s.push('\n');
        s
    }
}
