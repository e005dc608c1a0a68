//! Baselines: the findings a repository has accepted, recorded by their
//! fingerprints ([`Finding::fingerprint`]) so that `--baseline` reports only
//! new ones. Written atomically: a temporary file beside the target, then a
//! rename.

use std::collections::BTreeSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::finding::Finding;

/// Version 2: fingerprints from stable message values (version 1 used the
/// English message).
const VERSION: u32 = 2;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
struct Entry {
    fingerprint: String,
    rule: String,
    path: String,
}

/// Writes the fingerprints of `findings` to `path`, replacing it atomically.
pub fn write(path: &Path, findings: &[Finding]) -> Result<(), String> {
    let entries: BTreeSet<Entry> = findings
        .iter()
        .map(|f| Entry {
            fingerprint: f.fingerprint(),
            rule: f.rule.to_string(),
            path: f.path.to_string_lossy().into_owned(),
        })
        .collect();
    let file = BaselineFile {
        version: VERSION,
        findings: entries.into_iter().collect(),
    };
    let mut text = serde_json::to_string_pretty(&file).expect("baseline serialises");
    text.push('\n');
    crate::report::output::replace(path, text.as_bytes())
        .map_err(|e| format!("{}: cannot write baseline: {e}", path.display()))?;
    Ok(())
}

/// Reads the fingerprints recorded in a baseline file.
pub fn read(path: &Path) -> Result<BTreeSet<String>, String> {
    let text = crate::bounded::read_text(path)
        .map_err(|e| format!("{}: cannot read baseline: {e}", path.display()))?;
    let file: BaselineFile = serde_json::from_str(&text)
        .map_err(|e| format!("{}: not a dubbelkoll baseline: {e}", path.display()))?;
    if file.version == 1 {
        return Err(format!(
            "{}: baseline version 1 was written by an older dubbelkoll whose fingerprints \
             changed; write it again with --write-baseline",
            path.display()
        ));
    }
    if file.version != VERSION {
        return Err(format!(
            "{}: baseline version {} is not supported",
            path.display(),
            file.version
        ));
    }
    Ok(file.findings.into_iter().map(|e| e.fingerprint).collect())
}

/// The findings whose fingerprints are not in `accepted`.
pub fn new_findings(findings: Vec<Finding>, accepted: &BTreeSet<String>) -> Vec<Finding> {
    findings
        .into_iter()
        .filter(|f| !accepted.contains(&f.fingerprint()))
        .collect()
}
