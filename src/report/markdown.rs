//! `--format markdown`: a comment for a merge request — the summary table,
//! the findings, and each near-duplicate's changes in a fenced `diff` block.

use std::fmt::Write;

use super::{Emitter, Report};
use crate::check::Status;

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// `--format markdown`.
pub struct Markdown;

impl Emitter for Markdown {
    fn emit(&self, r: &Report) -> String {
        render(r)
    }
}

fn render(r: &Report) -> String {
    let outcome = r.outcome;
    let mut out = String::from("## dubbelkoll\n\n");
    out.push_str(
        "| File | Nämnd | Contact | Answered | Errors | Warnings |\n|---|---|---|---:|---:|---:|\n",
    );
    let rows = super::summary_rows(outcome);
    let mut rows = rows.iter().peekable();
    for f in &outcome.files {
        if f.status == Status::Checked {
            let Some(row) = rows.next() else { continue };
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {}/{} | {} | {} |",
                row.path.display(),
                cell(row.sender),
                cell(row.contact),
                row.answered,
                row.expected,
                row.errors,
                row.warnings
            );
        } else {
            let _ = writeln!(
                out,
                "| `{}` | {} | | | | |",
                f.path.display(),
                cell(&format!(
                    "{:?}: {}",
                    f.status,
                    f.reason.as_deref().unwrap_or("")
                ))
                .to_lowercase()
            );
        }
    }
    if outcome.findings.is_empty() {
        out.push_str("\nNo findings.\n");
        return out;
    }
    out.push_str("\n### Findings\n\n");
    for f in &outcome.findings {
        let _ = writeln!(
            out,
            "- **{}** `{}` `{}:{}` {}",
            f.severity.as_str(),
            f.rule,
            f.path.display(),
            f.line,
            cell(&f.message)
        );
        if let Some(changes) = &f.changes {
            let other = f.related.first().map(|r| r.path.display());
            let _ = writeln!(
                out,
                "\n  ```diff\n  --- {}\n  +++ {}",
                f.path.display(),
                other.map(|o| o.to_string()).unwrap_or_default()
            );
            for c in changes {
                let _ = writeln!(
                    out,
                    "  @@ {} ~ {} @@ {}",
                    c.line, c.related_line, c.question
                );
                let _ = writeln!(out, "  -…{}{}{}…", c.before, c.old, c.after);
                let _ = writeln!(out, "  +…{}{}{}…", c.before, c.new, c.after);
            }
            out.push_str("  ```\n\n");
        }
    }
    out
}
