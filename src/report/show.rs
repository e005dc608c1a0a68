//! `dubbelkoll show FILE`: how one submission was understood — decoding,
//! form variant, header fields, and each question with its answer and the
//! source lines they came from.

use std::fmt::Write;

use crate::check::Parsed;
use crate::form::{Form, Found, Submission};

fn lines(sub: &Submission, units: &std::ops::Range<usize>) -> String {
    if units.is_empty() {
        return "-".into();
    }
    let first = sub.doc.units[units.start].line;
    let last = sub.doc.units[units.end - 1].line;
    if first == last {
        format!("line {first}")
    } else {
        format!("lines {first}-{last}")
    }
}

fn answer(out: &mut String, sub: &Submission, found: &Found) {
    let text = sub.answer_text(found);
    if text.is_empty() {
        let _ = writeln!(out, "    answer: (empty)");
        return;
    }
    let _ = writeln!(out, "    answer ({}):", lines(sub, &found.answer));
    for para in text.split("\n\n") {
        let _ = writeln!(out, "      {para}");
    }
}

/// Renders how a submission was understood; control characters from the
/// file are shown escaped.
pub fn render(p: &Parsed, form: &Form) -> String {
    crate::text::visible_lines(&render_raw(p, form))
}

fn render_raw(p: &Parsed, form: &Form) -> String {
    let sub = &p.sub;
    let mut out = String::new();
    let _ = writeln!(out, "{}", p.path.display());
    let _ = writeln!(out, "  read as: {}", p.format.name());
    let _ = writeln!(
        out,
        "  lines: {}, paragraphs: {}",
        sub.doc.source_lines,
        sub.doc.paragraphs.len()
    );
    let variant = sub.variant.map(|v| &form.template.variants[v]);
    match variant {
        Some(v) => {
            let _ = writeln!(
                out,
                "  variant: {} ({} questions)",
                v.name,
                v.question_count()
            );
        }
        None => {
            let _ = writeln!(
                out,
                "  variant: none (no question of the form was recognised)"
            );
        }
    }
    let year = sub
        .report_year
        .map_or("unknown".to_string(), |y| y.to_string());
    let _ = writeln!(out, "  report year: {year}");
    let _ = writeln!(out, "\nHeader");
    for e in &sub.header {
        let state = match (e.label_unit, &e.value) {
            (None, _) => "(label not found)".to_string(),
            (Some(u), None) => format!("(empty)  [label line {}]", sub.doc.units[u].line),
            (Some(_), Some(r)) => {
                let pos = sub.doc.pos(r.start);
                format!("{}  [line {}]", &sub.doc.text[r.clone()], pos.line)
            }
        };
        let _ = writeln!(out, "  {:<14} {state}", e.name);
    }
    if let Some(v) = variant {
        for (a, area) in v.areas.iter().enumerate() {
            let heading = sub.headings.iter().find(|(i, _)| *i == a);
            let place = heading.map_or("not found".to_string(), |(_, f)| lines(sub, &f.units));
            let _ = writeln!(out, "\n{}  [{place}]", area.heading);
            for (n, q) in sub
                .questions
                .iter()
                .enumerate()
                .filter(|(_, q)| q.area == a)
            {
                match &q.found {
                    Some(f) => {
                        let _ = writeln!(
                            out,
                            "  Q{} {}  [{}, match {:.0}%]",
                            n + 1,
                            q.text,
                            lines(sub, &f.units),
                            f.score * 100.0
                        );
                        if f.score < 0.999 {
                            let _ = writeln!(
                                out,
                                "    as written: {}",
                                sub.doc.units_text(f.units.clone())
                            );
                        }
                        answer(&mut out, sub, f);
                    }
                    None => {
                        let _ = writeln!(
                            out,
                            "  Q{} {}  [MISSING: no line matches it]",
                            n + 1,
                            q.text
                        );
                    }
                }
            }
        }
    }
    for s in &sub.sections {
        let _ = writeln!(out, "\n{}  [{}]", s.title, lines(sub, &s.found.units));
        answer(&mut out, sub, &s.found);
    }
    out
}
