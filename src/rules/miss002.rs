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
  A bare \"No\", \"None\" or \"Inga\" answers a yes/no question, a question
  about any there were (\"eventuella avvikelser\") or one that says to write
  it: there it is no non-answer.

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
  Ett ensamt \"Nej\", \"Inga\" eller \"None\" besvarar en ja/nej-fråga, en
  fråga om eventuella sådana (\"eventuella avvikelser\") eller en som säger
  att det ska skrivas: där är det ett svar.

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
        let asked = format!("{} {}", q.text, sub.doc.units_text(found.units.clone()));
        if form.is_non_answer(answer) && !answers_what_is_asked(&asked, answer) {
            let msg = Message::new("non_answer").text("answer", answer.trim());
            out.push(
                RULE.finding(c.path, pos, msg)
                    .severity(Severity::Warning)
                    .question(&q.text),
            );
        }
    }
}

/// Whether a bare "No", "None", "Inga" answers the question as it is
/// asked: a yes/no question ("Har ni …?", "Do you …?": it opens with no
/// question word and asks nothing to be described), a question about any
/// there were ("eventuella avvikelser", "any incidents"), or one that says
/// to write that very word ("write None if there were none").
fn answers_what_is_asked(question: &str, answer: &str) -> bool {
    const NEGATIVE: &[&str] = &["nej", "no", "none", "inga", "inget", "ingen", "nothing"];
    const OPEN: &[&str] = &[
        "hur",
        "vad",
        "vilka",
        "vilken",
        "vilket",
        "varför",
        "när",
        "var",
        "vem",
        "beskriv",
        "redogör",
        "ange",
        "förklara",
        "lista",
        "sammanfatta",
        "berätta",
        "motivera",
        "skriv",
        "how",
        "what",
        "which",
        "why",
        "when",
        "where",
        "who",
        "describe",
        "explain",
        "list",
        "give",
        "provide",
        "state",
        "outline",
        "summarise",
        "summarize",
        "please",
        "tell",
    ];
    const ANY: &[&str] = &[
        "eventuell",
        "eventuella",
        "eventuellt",
        "några",
        "något",
        "någon",
        "any",
    ];
    const ASKING: &[&str] = &[
        "write", "enter", "answer", "put", "type", "skriv", "ange", "svara", "fyll i",
    ];
    let word = crate::form::fold_filler(answer);
    if !NEGATIVE.contains(&word.as_str()) {
        return false;
    }
    let q = question.to_lowercase();
    let words: Vec<&str> = q
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    // The first word after any numbering ("3.", "Fråga 3", "b)").
    let first = (words.iter()).find(|w| {
        !w.chars().all(|c| c.is_ascii_digit()) && !["fråga", "question"].contains(w) && w.len() > 1
    });
    let closed = q.trim_end().trim_end_matches(')').contains('?')
        && first.is_some_and(|w| !OPEN.contains(w));
    let about_any = words.iter().any(|w| ANY.contains(w));
    let told = q.match_indices(word.as_str()).any(|(at, _)| {
        let before = &q[..at];
        let after = &q[at + word.len()..];
        let whole =
            !before.ends_with(char::is_alphanumeric) && !after.starts_with(char::is_alphanumeric);
        let lead = before
            .trim_end()
            .trim_end_matches(['\'', '"', '”', '“', '‘', '’', '«', '»'])
            .trim_end();
        whole && ASKING.iter().any(|a| lead.ends_with(a))
    });
    closed || about_any || told
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
    fn a_bare_no_or_none_answers_a_question_that_asks_for_it() {
        for (question, answer) in [
            ("Har nämnden haft några avvikelser under året?", "Nej"),
            ("Do you share data with third parties?", "No."),
            ("Beskriv eventuella avvikelser.", "Inga."),
            (
                "List any incidents (write None if there were none).",
                "None",
            ),
            ("3. Finns det en handlingsplan?", "Nej"),
        ] {
            assert!(
                answers_what_is_asked(question, answer),
                "{question} {answer}"
            );
        }
        for (question, answer) in [
            ("Beskriv samverkan med näringslivet.", "Nej"),
            ("How do you follow up the plan?", "None"),
            ("Vilka åtgärder har vidtagits?", "Inga"),
            ("Har ni haft avvikelser?", "N/A"),
        ] {
            assert!(
                !answers_what_is_asked(question, answer),
                "{question} {answer}"
            );
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
