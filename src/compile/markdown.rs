//! The compiled document as Markdown: headings for variants, areas and
//! questions, each sender's answer under the sender's name in bold.

use std::fmt::Write;

use super::{Answer, Compilation};
use crate::report::markdown::cell;

pub fn write(c: &Compilation) -> String {
    let w = c.words();
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n\n{}\n", w.title, c.intro());
    if !c.versions.is_empty() {
        let _ = writeln!(out, "## {}\n", w.versions);
        for v in &c.versions {
            let _ = writeln!(out, "- {}", cell(&v.describe(c.lang)));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## {}\n", w.lacks);
    if c.lacks.is_empty() {
        let _ = writeln!(out, "{}\n", w.nothing_lacks);
    }
    for l in &c.lacks {
        let _ = writeln!(
            out,
            "- **{}** ({})",
            cell(&l.sender),
            cell(&l.path.display().to_string())
        );
        for (q, gap) in &l.gaps {
            let _ = writeln!(out, "  - {} — {}", cell(q), cell(&gap.describe(c.lang)));
        }
    }
    if !c.lacks.is_empty() {
        out.push('\n');
    }
    if !c.not_compiled.is_empty() {
        let _ = writeln!(out, "## {}\n", w.not_compiled);
        for (p, why) in &c.not_compiled {
            let _ = writeln!(out, "- {}: {}", cell(&p.display().to_string()), cell(why));
        }
        out.push('\n');
    }
    for part in &c.parts {
        let _ = writeln!(out, "## {}: {}\n", w.form, cell(&part.title));
        for area in &part.areas {
            let _ = writeln!(out, "### {}\n", cell(&area.heading));
            for q in &area.questions {
                let _ = writeln!(out, "#### {}\n", cell(&q.text));
                for e in &q.entries {
                    let _ = writeln!(out, "**{}**\n", cell(&e.sender));
                    match &e.answer {
                        Answer::Text(blocks) => {
                            for b in blocks {
                                let mark = if b.item { "- " } else { "" };
                                let _ = writeln!(out, "{mark}{}\n", cell(&b.text));
                            }
                        }
                        Answer::Gap(g) => {
                            let _ = writeln!(out, "*— {}*\n", cell(&g.describe(c.lang)));
                        }
                    }
                }
            }
        }
    }
    let _ = writeln!(out, "## {}\n", w.appendix);
    if c.findings.is_empty() {
        let _ = writeln!(out, "{}", w.no_findings);
    }
    for f in &c.findings {
        let _ = writeln!(
            out,
            "- {}:{}: {} {}",
            cell(&f.path.display().to_string()),
            f.line,
            f.rule,
            cell(&f.message)
        );
    }
    out
}
