//! `--format json`: the machine-readable report (version 2).
//!
//! Shape: `{"version": 2, "files": [...], "findings": [...], "versions":
//! [...], "config": "dubbelkoll.toml"}`; fields may be added, none renamed. Absent values are `null`.
//! Version 2: every version of a submission carries its own DUP001/DUP002
//! finding, with a `group` id; `versions` lists each group by that id, its
//! members from the oldest to the newest and why the newest is the newest.

use std::path::Path;

use serde::Serialize;

use super::{Emitter, Report};
use crate::check::Status;
use crate::finding::{serialize_path, Finding};

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    files: Vec<File<'a>>,
    findings: Vec<Found<'a>>,
    versions: &'a [crate::versions::VersionGroup],
    /// The configuration file in force, `null` without one.
    config: Option<std::borrow::Cow<'a, str>>,
    /// Where the round's expected senders stand; left out without `[round]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    round: Option<&'a crate::round::RollCall>,
    /// The round's decisions on these findings; left out without any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    decisions: Vec<&'a crate::decisions::Decision>,
}

/// A finding, with its id in a round (for `dubbelkoll mark`).
#[derive(Serialize)]
struct Found<'a> {
    #[serde(flatten)]
    finding: &'a Finding,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
}

#[derive(Serialize)]
struct File<'a> {
    #[serde(serialize_with = "serialize_path")]
    path: &'a Path,
    status: Status,
    reason: Option<&'a str>,
    variant: Option<&'a str>,
    /// The sender field's value (named for the form's "Nämnd").
    namnd: Option<&'a str>,
}

/// `--format json`.
pub struct Json;

impl Emitter for Json {
    fn emit(&self, r: &Report) -> String {
        let report = Document {
            version: 2,
            files: r
                .outcome
                .files
                .iter()
                .map(|f| File {
                    path: &f.path,
                    status: f.status,
                    reason: f.reason.as_deref(),
                    variant: f.variant.as_deref(),
                    namnd: f.sender.as_deref(),
                })
                .collect(),
            findings: (r.outcome.findings.iter())
                .map(|f| Found {
                    finding: f,
                    id: r.outcome.ids.as_ref().map(|ids| ids.of(f)),
                })
                .collect(),
            versions: &r.outcome.versions,
            config: r.outcome.config.as_deref().map(|p| p.to_string_lossy()),
            round: r.outcome.round.as_ref(),
            decisions: r.outcome.decisions.values().collect(),
        };
        let mut s = serde_json::to_string_pretty(&report).expect("the report serialises");
        s.push('\n');
        s
    }
}
