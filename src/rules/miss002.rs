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
        let answer = sub.answer_text(found);
        let pos = sub.answer_pos(found);
        if !answer.chars().any(char::is_alphanumeric) {
            // A question the form marks optional may stay unanswered.
            if crate::form::is_optional_question(&q.text) {
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
