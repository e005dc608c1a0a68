//! The compiled document as a Word file, written with docx-rs: Word's own
//! style ids and names (`Title`, `Heading1` "heading 1" … `Heading4`, with
//! outline levels), so Word's navigation pane and table of contents see
//! the structure, and LibreOffice maps them to its headings. Fixed
//! metadata: the same input gives the same bytes. docx-rs's XML is then
//! put in the schema's order (`ooxml`).

use docx_rs::{Docx, LineSpacing, LineSpacingType, Paragraph, Run, RunFonts, Style, StyleType};

use super::{Answer, Compilation};

/// Word's heading styles: id, name, size in half-points, outline level.
const HEADINGS: [(&str, &str, usize, usize); 4] = [
    ("Heading1", "heading 1", 32, 0),
    ("Heading2", "heading 2", 28, 1),
    ("Heading3", "heading 3", 24, 2),
    ("Heading4", "heading 4", 22, 3),
];

/// The body in 11 pt Calibri (LibreOffice shows Carlito, its metric twin)
/// with 6 pt after each paragraph; headings with room above them.
fn styles(mut doc: Docx) -> Docx {
    let font = "Calibri";
    doc = doc
        .default_fonts(
            RunFonts::new()
                .ascii(font)
                .hi_ansi(font)
                .cs(font)
                .east_asia(font),
        )
        .default_size(22)
        .default_line_spacing(
            LineSpacing::new()
                .after(120)
                .line(264)
                .line_rule(LineSpacingType::Auto),
        );
    doc = doc.add_style(
        Style::new("Title", StyleType::Paragraph)
            .name("Title")
            .based_on("Normal")
            .next("Normal")
            .size(48)
            .bold(),
    );
    for (id, name, size, level) in HEADINGS {
        doc = doc.add_style(
            Style::new(id, StyleType::Paragraph)
                .name(name)
                .based_on("Normal")
                .next("Normal")
                .size(size)
                .bold()
                .color("1F3864")
                .line_spacing(LineSpacing::new().before(240 - 40 * level as u32).after(80))
                .outline_lvl(level),
        );
    }
    doc.add_style(
        Style::new("ListBullet", StyleType::Paragraph)
            .name("List Bullet")
            .based_on("Normal"),
    )
}

/// A run of text, as XML can hold it.
fn run(text: &str) -> Run {
    Run::new().add_text(crate::text::xml_text(text))
}

fn para(text: &str) -> Paragraph {
    Paragraph::new().add_run(run(text))
}

fn styled(style: &str, text: &str) -> Paragraph {
    para(text).style(style)
}

pub fn write(c: &Compilation) -> Result<Vec<u8>, String> {
    let w = c.words();
    let mut doc = styles(Docx::new()).created_at("2000-01-01T00:00:00Z");
    doc = doc.add_paragraph(styled("Title", &c.title()));
    for p in c.front() {
        doc = doc.add_paragraph(para(&p));
    }
    if !c.versions.is_empty() && !c.clean {
        doc = doc.add_paragraph(styled("Heading1", w.versions));
        for v in &c.versions {
            doc = doc.add_paragraph(styled("ListBullet", &format!("• {}", v.describe(c.lang))));
        }
    }
    doc = doc.add_paragraph(styled("Heading1", w.lacks));
    if c.lacks.is_empty() {
        doc = doc.add_paragraph(para(w.nothing_lacks));
    }
    for l in &c.lacks {
        let (sender, file) = c.lacking(l);
        let mut who = Paragraph::new().add_run(run(&sender).bold());
        if let Some(f) = file {
            who = who.add_run(run(&format!(" ({f})")));
        }
        doc = doc.add_paragraph(who);
        for line in c.lack_lines(l) {
            doc = doc.add_paragraph(styled("ListBullet", &format!("• {line}")));
        }
    }
    if !c.not_compiled.is_empty() && !c.clean {
        doc = doc.add_paragraph(styled("Heading1", w.not_compiled));
        for (p, why) in &c.not_compiled {
            doc = doc.add_paragraph(styled("ListBullet", &format!("• {}: {why}", p.display())));
        }
    }
    for part in &c.parts {
        doc = doc.add_paragraph(styled("Heading1", &format!("{}: {}", w.form, part.title)));
        for area in &part.areas {
            // A form whose questions stand under no heading has none.
            if !area.heading.trim().is_empty() {
                doc = doc.add_paragraph(styled("Heading2", &area.heading));
            }
            for q in &area.questions {
                doc = doc.add_paragraph(styled("Heading3", &q.text));
                if let Some(t) = &q.tally {
                    doc = doc.add_paragraph(para(t));
                }
                for e in &q.entries {
                    doc = doc.add_paragraph(styled("Heading4", &e.sender));
                    match &e.answer {
                        Answer::Text(blocks) => {
                            for b in blocks {
                                doc = doc.add_paragraph(if b.item {
                                    styled("ListBullet", &format!("• {}", b.text))
                                } else {
                                    para(&b.text)
                                });
                            }
                        }
                        Answer::Gap(g) => {
                            doc = doc.add_paragraph(
                                Paragraph::new().add_run(run(&format!("— {}", c.gap(g))).italic()),
                            );
                        }
                    }
                }
            }
        }
    }
    if !c.clean {
        doc = doc.add_paragraph(styled("Heading1", w.appendix));
        if c.findings.is_empty() {
            doc = doc.add_paragraph(para(w.no_findings));
        }
        for f in &c.findings {
            doc = doc.add_paragraph(styled("ListBullet", &format!("• {}", c.finding_line(f))));
        }
    }
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut out)
        .map_err(|e| format!("cannot write the Word document: {e}"))?;
    super::ooxml::repair(&out.into_inner())
}
