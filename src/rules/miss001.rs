//! MISS001: the form's placeholder text left in an answer or header field.

use super::{clip, FileContext, Finding, Message, Rule, Severity, Text};
use crate::form::Form;

pub static RULE: Rule = Rule {
    code: "MISS001",
    name: "placeholder-text",
    severity: Severity::Error,
    summary: "An answer or header field still holds the form's placeholder text",
    summary_sv: "Ett svar eller fält innehåller fortfarande formulärets platshållartext",
    explanation: "\
What it finds:
  An answer or a header field that still shows the Word form's placeholder,
  \"Klicka här för att ange text.\" (or \"Klicka eller tryck här för att ange
  text.\", \"Click here to enter text.\"; the template lists them). Where the
  placeholder stands beside real text it is reported as a warning; in an
  optional section such as \"Övriga upplysningar\" as info.

Why it matters:
  A placeholder means the field was never filled in. The compiled report
  would either quote the placeholder or silently lack the answer.

Example:
  Telefon
  Klicka här för att ange text.      <- MISS001: Telefon is not filled in",
    explanation_sv: "\
Vad den hittar:
  Ett svar eller ett fält i sidhuvudet som fortfarande visar Word-formulärets
  platshållare, \"Klicka här för att ange text.\" (eller \"Klicka eller tryck
  här för att ange text.\", \"Click here to enter text.\"; mallen listar
  dem). Står platshållaren bredvid riktig text blir det en varning; i ett
  frivilligt avsnitt som \"Övriga upplysningar\" info.

Varför det är viktigt:
  En platshållare betyder att fältet aldrig fylldes i. Sammanställningen
  skulle antingen citera platshållaren eller tyst sakna svaret.

Exempel:
  Telefon
  Klicka här för att ange text.      <- MISS001: Telefon är inte ifyllt",
    messages: MESSAGES,
    file: Some(check),
    corpus: None,
};

const MESSAGES: &[Text] = &[
    Text {
        key: "field",
        en: "{field} is not filled in: it still holds the form's placeholder",
        sv: "{field} är inte ifyllt: fältet har kvar formulärets platshållartext",
    },
    Text {
        key: "field_beside",
        en: "{field} holds the form's placeholder beside its value",
        sv: "{field} har kvar formulärets platshållartext bredvid värdet",
    },
    Text {
        key: "optional",
        en: "\"{title}\" holds only the form's placeholder",
        sv: "\"{title}\" innehåller bara formulärets platshållartext",
    },
    Text {
        key: "answer",
        en: "answer not filled in: it still holds the form's placeholder",
        sv: "frågan är obesvarad – rutan innehåller fortfarande formulärets platshållartext",
    },
    Text {
        key: "answer_beside",
        en: "the form's placeholder is left in the answer",
        sv: "formulärets platshållartext finns kvar i svaret",
    },
];

/// Where the first placeholder occurs in `text` (byte offset), and whether it
/// is all the text there is.
fn find_placeholder(text: &str, form: &Form) -> Option<(usize, bool)> {
    let at = form.find_placeholder(text)?;
    Some((at.start, form.is_placeholder(text)))
}

fn check(c: &FileContext, out: &mut Vec<Finding>) {
    let (sub, form) = (c.sub, c.form);
    for field in &sub.header {
        let Some(range) = field.value.clone() else {
            continue;
        };
        let value = &sub.doc.text[range.clone()];
        // A placeholder a PDF's cell cut short is one too.
        let found = find_placeholder(value, form)
            .or_else(|| form.is_placeholder(value).then_some((0, true)));
        if let Some((at, whole)) = found {
            let pos = sub.doc.pos(range.start + at);
            let key = if whole { "field" } else { "field_beside" };
            let msg = Message::new(key).text("field", &*field.name);
            let sev = if whole {
                RULE.severity
            } else {
                Severity::Warning
            };
            out.push(RULE.finding(c.path, pos, msg).severity(sev));
        }
    }
    let questions = sub
        .questions
        .iter()
        .filter_map(|q| Some((&*q.text, q.found.as_ref()?, false)));
    let sections = sub.sections.iter().map(|s| (&*s.title, &s.found, true));
    for (title, found, optional) in questions.chain(sections) {
        let answer = sub.answer_text(found);
        let Some((at, whole)) = find_placeholder(answer, form) else {
            continue;
        };
        let start = sub.doc.units[found.answer.start].range.start;
        let pos = sub.doc.pos(start + at);
        let (msg, sev) = match (optional, whole) {
            (true, _) => (
                Message::new("optional").text("title", title),
                Severity::Info,
            ),
            (false, true) => (Message::new("answer"), RULE.severity),
            (false, false) => (Message::new("answer_beside"), Severity::Warning),
        };
        out.push(
            RULE.finding(c.path, pos, msg)
                .severity(sev)
                .question(&clip(title, 200)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{complete, run};

    #[test]
    fn placeholder_answer_is_an_error_and_in_ovriga_info() {
        let src = complete().replace(
            "Förvaltningen arbetar med område 0 fråga 1 tillsammans med lokala företag i Farsta.",
            "Klicka här för att ange text.",
        ) + "Övriga upplysningar\nKlicka eller tryck här för att ange text.\n";
        let f = run(&src, &RULE);
        let got: Vec<(Severity, &str)> = f
            .iter()
            .map(|f| (f.severity, f.question.as_deref().unwrap()))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    Severity::Error,
                    "Beskriv nämndens arbete med \"Växla upp Stockholm\""
                ),
                (Severity::Info, "Övriga upplysningar")
            ]
        );
    }

    #[test]
    fn placeholder_in_header_field() {
        let src = complete().replace("08-508 18 000", "Click here to enter text.");
        let f = run(&src, &RULE);
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].line, f[0].column), (6, 1));
        assert!(f[0].message.starts_with("Telefon is not filled in"));
        // Cut short by a PDF's table cell, the rest on the next line.
        let src = complete().replace("08-508 18 000", "Klicka eller tryck här för");
        let f = run(&src, &RULE);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].message.starts_with("Telefon is not filled in"));
        // Three words of it are too few to tell.
        let src = complete().replace("08-508 18 000", "Klicka eller tryck");
        assert!(run(&src, &RULE).is_empty());
    }

    #[test]
    fn placeholder_beside_text_is_a_warning() {
        let src = complete().replace(
            "område 0 fråga 0 tillsammans med lokala företag i Farsta.",
            "område 0 fråga 0 tillsammans med lokala företag i Farsta. Klicka här för att ange text.",
        );
        let f = run(&src, &RULE);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Warning);
    }

    #[test]
    fn near_miss_answer_that_mentions_clicking_is_fine() {
        let src = complete().replace(
            "område 0 fråga 0 tillsammans med lokala företag i Farsta.",
            "Företagare kan klicka här på stadens webbplats för att ange sina behov.",
        );
        assert!(run(&src, &RULE).is_empty());
    }
}
