//! `--format markdown`: a comment for a merge request — the summary table,
//! the findings, and each near-duplicate's changes in a fenced `diff` block.

use std::fmt::Write;

use crate::check::{Outcome, Status};
use crate::rules::Severity;

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

pub fn render(outcome: &Outcome) -> String {
    let mut out = String::from("## dubbelkoll\n\n");
    let count = |path: &str, s: Severity| outcome.count(path, s);
    out.push_str(
        "| File | Nämnd | Contact | Answered | Errors | Warnings |\n|---|---|---|---:|---:|---:|\n",
    );
    for f in &outcome.files {
        if f.status == Status::Checked {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {}/{} | {} | {} |",
                f.path,
                cell(f.namnd.as_deref().unwrap_or("—")),
                cell(f.contact.as_deref().unwrap_or("—")),
                f.answered,
                f.expected,
                count(&f.path, Severity::Error),
                count(&f.path, Severity::Warning)
            );
        } else {
            let _ = writeln!(
                out,
                "| `{}` | {} | | | | |",
                f.path,
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
            f.path,
            f.line,
            cell(&f.message)
        );
        if let Some(changes) = &f.changes {
            let other = f.related.first().map_or("", |r| r.path.as_str());
            let _ = writeln!(out, "\n  ```diff\n  --- {}\n  +++ {other}", f.path);
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
