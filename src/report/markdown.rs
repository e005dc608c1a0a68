//! `--format markdown`: a comment for a merge request — the summary table,
//! the findings, and each near-duplicate's changes in a fenced `diff` block.

use std::fmt::Write;

use super::{Emitter, Report};
use crate::check::Status;

/// Text from a submission as Markdown text: no HTML, links, emphasis,
/// `@mentions` or table breaks can come through, only the characters.
pub(crate) fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in crate::text::visible(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '@' => out.push_str("&#64;"),
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// The longest run of backticks in `s`.
fn backticks(s: &str) -> usize {
    s.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

/// A path (or other text) as an inline code span that its own backticks
/// cannot end, with `|` escaped for tables.
fn code(s: &str) -> String {
    let s = crate::text::visible(s).replace('|', "\\|");
    let fence = "`".repeat(backticks(&s) + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{s}{pad}{fence}")
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
                "| {} | {} | {} | {}/{} | {} | {} |",
                code(&row.path.to_string_lossy()),
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
                "| {} | {} | | | | |",
                code(&f.path.to_string_lossy()),
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
            "- **{}** `{}` {} {}",
            f.severity.as_str(),
            f.rule,
            code(&format!("{}:{}", f.path.to_string_lossy(), f.line)),
            cell(&f.message)
        );
        // A pair's changes are shown once, under its older version.
        let group = (outcome.versions.iter()).find(|g| Some(g.id.as_str()) == f.group.as_deref());
        let later = group.is_some_and(|g| {
            f.related
                .first()
                .is_some_and(|o| g.position(&o.path) < g.position(&f.path))
        });
        if let Some(changes) = f.changes.as_ref().filter(|_| !later) {
            out.push_str(&diff_block(f, changes));
        }
    }
    out
}

/// A near-duplicate's changes as a fenced `diff` block, the fence longer
/// than any run of backticks in it.
fn diff_block(f: &crate::finding::Finding, changes: &[crate::finding::Change]) -> String {
    let other = f.related.first().map(|r| r.path.to_string_lossy());
    let mut body = format!(
        "--- {}\n+++ {}\n",
        f.path.to_string_lossy(),
        other.unwrap_or_default()
    );
    for c in changes {
        let _ = writeln!(body, "@@ {} ~ {} @@ {}", c.line, c.related_line, c.question);
        let _ = writeln!(body, "-…{}{}{}…", c.before, c.old, c.after);
        let _ = writeln!(body, "+…{}{}{}…", c.before, c.new, c.after);
    }
    let body = crate::text::visible_lines(&body);
    let fence = "`".repeat(backticks(&body).max(2) + 1);
    let mut out = format!("\n  {fence}diff\n");
    for line in body.lines() {
        let _ = writeln!(out, "  {line}");
    }
    let _ = write!(out, "  {fence}\n\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_cannot_inject_markdown() {
        assert_eq!(
            cell("<img src=x> [a](http://x) @team *b* |c"),
            "&lt;img src=x&gt; \\[a\\](http://x) &#64;team \\*b\\* \\|c"
        );
        assert_eq!(code("a`b|c.txt"), "``a`b\\|c.txt``");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(backticks("a ```` b"), 4);
    }
}
