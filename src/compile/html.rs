//! The compiled document as one self-contained HTML page (no scripts, no
//! network): the same headings and sections as the other formats.

use std::fmt::Write;

use quick_xml::escape::escape;

use super::{Answer, Compilation};

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}\
h2{border-bottom:1px solid #ccc;margin-top:2.5rem}h4{margin-bottom:.3rem}\
.sender{font-weight:600;margin:.8rem 0 .2rem}.gap{font-style:italic;color:#8a1c1c}\
.findings{font-size:.9rem}";

fn esc(s: &str) -> String {
    escape(s).into_owned()
}

pub fn write(c: &Compilation) -> String {
    let w = c.words();
    let mut o = String::new();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n",
        c.lang.code(),
        esc(&c.title()),
        esc(&c.title()),
    );
    for p in c.front() {
        let _ = writeln!(o, "<p>{}</p>", esc(&p));
    }
    if !c.versions.is_empty() && !c.clean {
        let _ = writeln!(o, "<h2>{}</h2>\n<ul>", esc(w.versions));
        for v in &c.versions {
            let _ = writeln!(o, "<li>{}</li>", esc(&v.describe(c.lang)));
        }
        o.push_str("</ul>\n");
    }
    let _ = writeln!(o, "<h2>{}</h2>", esc(w.lacks));
    if c.lacks.is_empty() {
        let _ = writeln!(o, "<p>{}</p>", esc(w.nothing_lacks));
    } else {
        o.push_str("<ul>\n");
        for l in &c.lacks {
            let (sender, file) = c.lacking(l);
            let _ = write!(o, "<li><strong>{}</strong>", esc(&sender));
            if let Some(f) = file {
                let _ = write!(o, " ({})", esc(&f));
            }
            o.push_str("<ul>");
            for line in c.lack_lines(l) {
                let _ = write!(o, "<li>{}</li>", esc(&line));
            }
            o.push_str("</ul></li>\n");
        }
        o.push_str("</ul>\n");
    }
    if !c.not_compiled.is_empty() && !c.clean {
        let _ = writeln!(o, "<h2>{}</h2>\n<ul>", esc(w.not_compiled));
        for (p, why) in &c.not_compiled {
            let _ = writeln!(
                o,
                "<li>{}: {}</li>",
                esc(&p.display().to_string()),
                esc(why)
            );
        }
        o.push_str("</ul>\n");
    }
    for part in &c.parts {
        let _ = writeln!(o, "<h2>{}: {}</h2>", esc(w.form), esc(&part.title));
        for area in &part.areas {
            if !area.heading.trim().is_empty() {
                let _ = writeln!(o, "<h3>{}</h3>", esc(&area.heading));
            }
            for q in &area.questions {
                let _ = writeln!(o, "<h4>{}</h4>", esc(&q.text));
                if let Some(t) = &q.tally {
                    let _ = writeln!(o, "<p class=\"tally\">{}</p>", esc(t));
                }
                for e in &q.entries {
                    let _ = writeln!(o, "<p class=\"sender\">{}</p>", esc(&e.sender));
                    match &e.answer {
                        Answer::Text(blocks) => {
                            let mut in_list = false;
                            for b in blocks {
                                if b.item != in_list {
                                    o.push_str(if b.item { "<ul>\n" } else { "</ul>\n" });
                                    in_list = b.item;
                                }
                                let tag = if b.item { "li" } else { "p" };
                                let _ = writeln!(o, "<{tag}>{}</{tag}>", esc(&b.text));
                            }
                            if in_list {
                                o.push_str("</ul>\n");
                            }
                        }
                        Answer::Gap(g) => {
                            let _ = writeln!(o, "<p class=\"gap\">— {}</p>", esc(&c.gap(g)));
                        }
                    }
                }
            }
        }
    }
    if !c.clean {
        let _ = writeln!(o, "<h2>{}</h2>", esc(w.appendix));
        if c.findings.is_empty() {
            let _ = writeln!(o, "<p>{}</p>", esc(w.no_findings));
        } else {
            o.push_str("<ul class=\"findings\">\n");
            for f in &c.findings {
                let _ = writeln!(o, "<li>{}</li>", esc(&c.finding_line(f)));
            }
            o.push_str("</ul>\n");
        }
    }
    o.push_str("</main>\n</body>\n</html>\n");
    o
}
