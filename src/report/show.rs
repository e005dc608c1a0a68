//! `dubbelkoll show FILE`: how one submission was understood — decoding,
//! form variant, header fields, and each question with its answer and the
//! source lines they came from.

use std::fmt::Write;

use crate::check::Parsed;
use crate::form::{Form, Found, Submission};
use crate::i18n::Lang;

/// The words of this view.
struct Words {
    read_as: &'static str,
    furniture: &'static str,
    lines: &'static str,
    paragraphs: &'static str,
    variant: &'static str,
    questions: &'static str,
    no_variant: &'static str,
    report_year: &'static str,
    unknown: &'static str,
    header: &'static str,
    label_not_found: &'static str,
    empty: &'static str,
    label_line: &'static str,
    line: &'static str,
    not_found: &'static str,
    matched: &'static str,
    as_written: &'static str,
    answer: &'static str,
    missing: &'static str,
    /// Before a question's number: "Question 1".
    question: &'static str,
    choice: &'static str,
    nothing_marked: &'static str,
    /// A question of the form the file does not have.
    not_in_file: &'static str,
}

static EN: Words = Words {
    read_as: "read as",
    furniture: "page furniture left out (running headers, footers, page numbers)",
    lines: "lines",
    paragraphs: "paragraphs",
    variant: "variant",
    questions: "questions",
    no_variant: "none (no question of the form was recognised)",
    report_year: "report year",
    unknown: "unknown",
    header: "Header",
    label_not_found: "(label not found)",
    empty: "(empty)",
    label_line: "label line",
    line: "line",
    not_found: "not found",
    matched: "match",
    as_written: "as written",
    answer: "answer",
    missing: "MISSING: no line matches it",
    question: "Question",
    choice: "choice",
    nothing_marked: "nothing marked",
    not_in_file: "This question is not in the file.",
};

static SV: Words = Words {
    read_as: "läst som",
    furniture: "sidhuvuden, sidfötter och sidnummer utelämnade",
    lines: "rader",
    paragraphs: "stycken",
    variant: "variant",
    questions: "frågor",
    no_variant: "ingen (ingen av formulärets frågor kändes igen)",
    report_year: "rapportår",
    unknown: "okänt",
    header: "Uppgifter om avsändaren",
    label_not_found: "(rubriken hittades inte)",
    empty: "(tomt)",
    label_line: "rubrik rad",
    line: "rad",
    not_found: "hittades inte",
    matched: "matchning",
    as_written: "som det står",
    answer: "svar",
    missing: "SAKNAS: ingen rad motsvarar den",
    question: "Fråga",
    choice: "val",
    nothing_marked: "inget markerat",
    not_in_file: "Frågan finns inte i filen.",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &EN,
        Lang::Sv => &SV,
    }
}

fn lines(sub: &Submission, units: &std::ops::Range<usize>, w: &Words) -> String {
    if units.is_empty() {
        return "-".into();
    }
    let first = sub.doc.units[units.start].line;
    let last = sub.doc.units[units.end - 1].line;
    if first == last {
        format!("{} {first}", w.line)
    } else {
        format!("{} {first}-{last}", w.lines)
    }
}

fn answer(out: &mut String, sub: &Submission, found: &Found, w: &Words) {
    let text = sub.answer_text(found);
    if text.is_empty() {
        let _ = writeln!(out, "    {}: {}", w.answer, w.empty);
        return;
    }
    let _ = writeln!(out, "    {} ({}):", w.answer, lines(sub, &found.answer, w));
    for para in text.split("\n\n") {
        let _ = writeln!(out, "      {para}");
    }
    // Each choice with its options and which are marked, as Word shows it.
    let units = found.answer.clone();
    let texts = units.clone().map(|u| sub.doc.unit_text(u));
    for (at, c) in crate::choice::in_lines(texts) {
        let line = sub.doc.units[units.start + at].line;
        let options: Vec<String> = (c.options.iter())
            .map(|o| {
                format!("[{}] {}", if o.marked { "x" } else { " " }, o.label)
                    .trim_end()
                    .to_string()
            })
            .collect();
        let label = if c.label.is_empty() {
            String::new()
        } else {
            format!(" \"{}\"", c.label)
        };
        let none = if c.answered() {
            String::new()
        } else {
            format!(" — {}", w.nothing_marked)
        };
        let _ = writeln!(
            out,
            "    {}{label} ({} {line}): {}{none}",
            w.choice,
            w.line,
            options.join("  ")
        );
    }
}

/// Renders how a submission was understood; control characters from the
/// file are shown escaped.
pub fn render(p: &Parsed, form: &Form, lang: Lang) -> String {
    crate::text::visible_lines(&render_raw(p, form, lang))
}

fn render_raw(p: &Parsed, form: &Form, lang: Lang) -> String {
    let (sub, w) = (&p.sub, words(lang));
    let mut out = String::new();
    let _ = writeln!(out, "{}", p.path.display());
    let _ = writeln!(out, "  {}: {}", w.read_as, p.document.format.describe(lang));
    if p.document.furniture > 0 {
        let _ = writeln!(
            out,
            "  {}: {} {}",
            w.furniture, p.document.furniture, w.lines
        );
    }
    let _ = writeln!(
        out,
        "  {}: {}, {}: {}",
        w.lines,
        sub.doc.source_lines,
        w.paragraphs,
        sub.doc.paragraphs.len()
    );
    let variant = sub.variant.map(|v| &form.template.variants[v]);
    match (sub.variant, variant) {
        (Some(i), Some(v)) => {
            let _ = writeln!(
                out,
                "  {}: {} ({}, {} {})",
                w.variant,
                form.template.variant_label(i),
                v.name,
                v.question_count(),
                w.questions
            );
        }
        _ => {
            let _ = writeln!(out, "  {}: {}", w.variant, w.no_variant);
        }
    }
    let year = sub
        .report_year
        .map_or(w.unknown.to_string(), |y| y.to_string());
    let _ = writeln!(out, "  {}: {year}", w.report_year);
    let _ = writeln!(out, "\n{}", w.header);
    for e in &sub.header {
        let state = match (e.label_unit, &e.value) {
            (None, _) => w.label_not_found.to_string(),
            (Some(u), None) => format!("{}  [{} {}]", w.empty, w.label_line, sub.doc.units[u].line),
            (Some(_), Some(r)) => {
                let pos = sub.doc.pos(r.start);
                format!("{}  [{} {}]", &sub.doc.text[r.clone()], w.line, pos.line)
            }
        };
        let _ = writeln!(out, "  {:<14} {state}", e.name);
    }
    if let Some(v) = variant {
        for (a, area) in v.areas.iter().enumerate() {
            let heading = sub.headings.iter().find(|(i, _)| *i == a);
            let place = heading.map_or(w.not_found.to_string(), |(_, f)| lines(sub, &f.units, w));
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
                            "  {} {} {}  [{}, {} {}]",
                            w.question,
                            n + 1,
                            q.text,
                            lines(sub, &f.units, w),
                            w.matched,
                            lang.percent(f.score, 0)
                        );
                        if f.score < 0.999 {
                            let _ = writeln!(
                                out,
                                "    {}: {}",
                                w.as_written,
                                sub.doc.units_text(f.units.clone())
                            );
                        }
                        answer(&mut out, sub, f, w);
                    }
                    None => {
                        let _ = writeln!(
                            out,
                            "  {} {} {}  [{}]",
                            w.question,
                            n + 1,
                            q.text,
                            w.missing
                        );
                    }
                }
            }
        }
    }
    for s in &sub.sections {
        let _ = writeln!(out, "\n{}  [{}]", s.title, lines(sub, &s.found.units, w));
        answer(&mut out, sub, &s.found, w);
    }
    out
}

/// The answers as a reviewer reads them, for `dubbelkoll serve`: the
/// header's fields, then each area's questions with their answers in
/// paragraphs, a question the file lacks said so. HTML, every value
/// escaped.
pub fn answers_html(p: &Parsed, form: &Form, lang: Lang) -> String {
    let (sub, w) = (&p.sub, words(lang));
    let esc = |s: &str| super::html::esc(s);
    let mut out = String::from("<dl class=\"fields\">");
    for e in &sub.header {
        let value = (e.value.as_ref()).map(|r| sub.doc.text[r.clone()].trim());
        let value = match value.filter(|v| !v.is_empty()) {
            Some(v) => esc(v),
            None => format!("<em>{}</em>", w.empty),
        };
        let _ = write!(out, "<dt>{}</dt><dd>{value}</dd>", esc(&e.name));
    }
    out.push_str("</dl>\n");
    let paragraphs = |out: &mut String, found: &Found| {
        let text = sub.answer_text(found);
        if text.trim().is_empty() {
            let _ = writeln!(out, "<p class=\"muted\"><em>{}</em></p>", w.empty);
        }
        for para in text.split("\n\n").filter(|t| !t.trim().is_empty()) {
            let _ = writeln!(out, "<p>{}</p>", esc(para));
        }
    };
    let variant = sub.variant.map(|v| &form.template.variants[v]);
    for (a, area) in variant.iter().flat_map(|v| v.areas.iter().enumerate()) {
        let _ = writeln!(out, "<h3>{}</h3>", esc(&area.heading));
        let questions = sub.questions.iter().enumerate();
        for (n, q) in questions.filter(|(_, q)| q.area == a) {
            let _ = writeln!(out, "<h4>{} {}: {}</h4>", w.question, n + 1, esc(&q.text));
            match &q.found {
                Some(f) => paragraphs(&mut out, f),
                None => {
                    let _ = writeln!(out, "<p class=\"missing\"><em>{}</em></p>", w.not_in_file);
                }
            }
        }
    }
    for s in &sub.sections {
        let _ = writeln!(out, "<h3>{}</h3>", esc(&s.title));
        paragraphs(&mut out, &s.found);
    }
    crate::text::visible_lines(&out)
}
