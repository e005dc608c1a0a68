//! The compiled document as Markdown: headings for variants, areas and
//! questions, each sender's answer under the sender's name in bold.

use std::fmt::Write;

use super::{Answer, Compilation};
use crate::report::markdown::cell;

pub fn write(c: &Compilation) -> String {
    let w = c.words();
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", cell(&c.title()));
    for p in c.front() {
        let _ = writeln!(out, "{}\n", cell(&p));
    }
    if !c.versions.is_empty() && !c.clean {
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
        let (sender, file) = c.lacking(l);
        match file {
            Some(f) => writeln!(out, "- **{}** ({})", cell(&sender), cell(&f)),
            None => writeln!(out, "- **{}**", cell(&sender)),
        }
        .ok();
        for line in c.lack_lines(l) {
            let _ = writeln!(out, "  - {}", cell(&line));
        }
    }
    if !c.lacks.is_empty() {
        out.push('\n');
    }
    if !c.not_compiled.is_empty() && !c.clean {
        let _ = writeln!(out, "## {}\n", w.not_compiled);
        for (p, why) in &c.not_compiled {
            let _ = writeln!(out, "- {}: {}", cell(&p.display().to_string()), cell(why));
        }
        out.push('\n');
    }
    for part in &c.parts {
        let _ = writeln!(out, "## {}: {}\n", w.form, cell(&part.title));
        for area in &part.areas {
            if !area.heading.trim().is_empty() {
                let _ = writeln!(out, "### {}\n", cell(&area.heading));
            }
            for q in &area.questions {
                let _ = writeln!(out, "#### {}\n", cell(&q.text));
                if let Some(t) = &q.tally {
                    let _ = writeln!(out, "*{}*\n", cell(t));
                }
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
                            let _ = writeln!(out, "*— {}*\n", cell(&c.gap(g)));
                        }
                    }
                }
            }
        }
    }
    if c.clean {
        return out;
    }
    let _ = writeln!(out, "## {}\n", w.appendix);
    if c.findings.is_empty() {
        let _ = writeln!(out, "{}", w.no_findings);
    }
    for f in &c.findings {
        let _ = writeln!(out, "- {}", cell(&c.finding_line(f)));
    }
    out
}
