//! `dubbelkoll rules` and `dubbelkoll explain CODE`: the rule catalogue.

use crate::rules::{Rule, RULES};

/// One line per rule: code, default severity, name, summary.
pub fn list() -> String {
    RULES
        .iter()
        .map(|r| {
            format!(
                "{:<8} {:<8} {:<22} {}\n",
                r.code,
                r.severity.as_str(),
                r.name,
                r.summary
            )
        })
        .collect()
}

/// One rule's full explanation.
pub fn explain(r: &Rule) -> String {
    format!(
        "{} ({}, default severity {})\n{}\n\n{}\n",
        r.code,
        r.name,
        r.severity.as_str(),
        r.summary,
        r.explanation
    )
}
