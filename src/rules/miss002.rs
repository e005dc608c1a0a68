//! MISS002: a question whose answer is empty or says nothing.

use super::{FileContext, Finding, Message, Rule, Severity, Text};

pub static RULE: Rule = Rule {
    code: "MISS002",
    name: "empty-answer",
    severity: Severity::Error,
    summary: "A question is there but its answer is empty or a non-answer",
    summary_sv: "Frågan finns men svaret är tomt eller inget egentligt svar",
    explanation: "\
What it finds:
  A question of the form whose answer is empty (error) or only a non-answer
  such as \"N/A\", \"-\", \"Ej aktuellt\" or \"Se ovan\" (warning; the template
  lists them). Optional sections such as \"Övriga upplysningar\" may be empty.

Why it matters:
  The compiled report needs an answer from every sender. A non-answer may be
  true (\"not applicable\") but should be a decision, not an oversight; \"Se
  ovan\" points at text the compiled report will not show next to it.

Example:
  Beskriv nämndens arbete med att utveckla stadens renodlade ...
  N/A                                 <- MISS002: non-answer \"N/A\"",
    explanation_sv: "\
Vad den hittar:
  En fråga i formuläret vars svar är tomt (fel) eller bara ett icke-svar
  som \"N/A\", \"-\", \"Ej aktuellt\" eller \"Se ovan\" (varning; mallen listar
  dem). Frivilliga avsnitt som \"Övriga upplysningar\" får vara tomma.

Varför det är viktigt:
  Sammanställningen behöver ett svar från varje avsändare. Ett icke-svar
  kan vara sant (\"ej tillämpligt\") men ska vara ett beslut, inte ett
  förbiseende; \"Se ovan\" pekar på text som sammanställningen inte visar
  bredvid.

Exempel:
  Beskriv nämndens arbete med att utveckla stadens renodlade ...
  N/A                                 <- MISS002: inget egentligt svar \"N/A\"",
    messages: MESSAGES,
    file: Some(check),
    corpus: None,
};

const MESSAGES: &[Text] = &[
    Text {
        key: "empty",
        en: "the question has no answer",
        sv: "frågan saknar svar",
    },
    Text {
        key: "non_answer",
        en: "the answer is a non-answer: \"{answer}\"",
        sv: "inget egentligt svar: \"{answer}\"",
    },
];

fn check(c: &FileContext, out: &mut Vec<Finding>) {
    let (sub, form) = (c.sub, c.form);
    for q in &sub.questions {
        let Some(found) = &q.found else { continue };
        // The form's own text in the answer's place is no answer.
        let answer = sub.own_text(found, form);
        let answer = answer.as_str();
        let pos = sub.answer_pos(found);
        if !answer.chars().any(char::is_alphanumeric) {
            // A question the form marks optional may stay unanswered; a
            // question whose answer opens with a short line of the form's
            // may be a choice whose boxes the text lost ("Yes No" under
            // it, the ticks drawn in a PDF): not told empty.
            if crate::form::is_optional_question(&q.text) || opens_with_options(sub, found) {
                continue;
            }
            let msg = Message::new("empty");
            out.push(RULE.finding(c.path, pos, msg).question(&q.text));
            continue;
        }
        if form.is_non_answer(answer) {
            let msg = Message::new("non_answer").text("answer", answer.trim());
            out.push(
                RULE.finding(c.path, pos, msg)
                    .severity(Severity::Warning)
                    .question(&q.text),
            );
        }
    }
}

/// Whether an answer opens with a short line that is no sentence: the
/// labels of a choice's options, its boxes not in the text.
fn opens_with_options(sub: &crate::form::Submission, found: &crate::form::Found) -> bool {
    let first = (found.answer.clone())
        .map(|u| sub.doc.unit_text(u).trim())
        .find(|t| t.chars().any(char::is_alphanumeric));
    first.is_some_and(|t| {
        (1..=6).contains(&t.split_whitespace().count()) && !t.ends_with(['.', '?', ':', '!'])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{complete, run};

    const ANSWER: &str =
        "Förvaltningen arbetar med område 2 fråga 0 tillsammans med lokala företag i Farsta.";

    #[test]
    fn non_answers_are_warnings() {
        for non in ["N/A", "Ej aktuellt.", "se ovan"] {
            let f = run(&complete().replace(ANSWER, non), &RULE);
            assert_eq!(f.len(), 1, "{non}");
            assert_eq!(f[0].severity, Severity::Warning, "{non}");
            assert!(f[0]
                .question
                .as_deref()
                .unwrap()
                .starts_with("Beskriv nämndens arbete med att utveckla"));
        }
    }

    #[test]
    fn empty_answer_is_an_error() {
        // Punctuation-only lines are dropped by normalisation: no answer at all.
        for empty in ["", "—", "- -", "..."] {
            let f = run(&complete().replace(ANSWER, empty), &RULE);
            assert_eq!(f.len(), 1, "{empty:?}");
            assert_eq!(f[0].severity, Severity::Error);
            assert_eq!(f[0].message, "the question has no answer");
        }
    }

    #[test]
    fn short_real_answer_and_empty_optional_section_pass() {
        let src = complete().replace(ANSWER, "Nej, inte i år.") + "Övriga upplysningar\n";
        assert!(run(&src, &RULE).is_empty());
    }
}
