//! `--statistics`: how many findings each rule raised, most first, as
//! ruff's `--statistics` prints them: a count, the rule's code, its
//! severity and name. A reviewer sees at a glance what a round is short of.

use std::collections::BTreeMap;

use super::{Emitter, Report};
use crate::finding::Severity;

/// `check --statistics`.
pub struct Statistics;

impl Emitter for Statistics {
    fn emit(&self, r: &Report) -> String {
        let mut counts: BTreeMap<(&str, Severity), usize> = BTreeMap::new();
        for f in &r.outcome.findings {
            *counts.entry((f.rule, f.severity)).or_default() += 1;
        }
        let mut rows: Vec<((&str, Severity), usize)> = counts.into_iter().collect();
        rows.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then(a.0 .0.cmp(b.0 .0))
                .then(b.0 .1.cmp(&a.0 .1))
        });
        let width = rows.first().map_or(1, |r| r.1.to_string().len());
        let mut out = String::new();
        for ((code, severity), n) in rows {
            let name = crate::rules::lookup(code).map_or("", |r| r.name);
            out.push_str(&format!(
                "{n:>width$}  {code:<9}  {:<7}  {name}\n",
                severity.as_str()
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Outcome;
    use crate::finding::{Finding, Message, Pos};

    #[test]
    fn counts_per_rule_and_severity_most_first() {
        let f = |rule: &'static str, severity| {
            Finding::new(
                rule,
                severity,
                std::path::Path::new("a.txt"),
                Pos::START,
                Message::new("m"),
                "m".into(),
            )
        };
        let outcome = Outcome {
            findings: vec![
                f("MISS001", Severity::Error),
                f("CONT001", Severity::Warning),
                f("MISS001", Severity::Error),
            ],
            ..Outcome::default()
        };
        let text = Statistics.emit(&Report {
            outcome: &outcome,
            lang: crate::i18n::Lang::En,
            color: false,
            summary: false,
        });
        assert_eq!(
            text,
            "2  MISS001    error    placeholder-text\n1  CONT001    warning  name-email-mismatch\n"
        );
    }
}
