//! MISS005: a choice with no option marked.

use super::{clip, FileContext, Finding, Message, Rule, Text};
use crate::choice::Choice;
use crate::form::Submission;

pub static RULE: Rule = Rule {
    code: "MISS005",
    name: "choice-not-marked",
    severity: crate::finding::Severity::Error,
    summary: "A choice question has no option marked",
    summary_sv: "En flervalsfråga har inget alternativ markerat",
    explanation: "\
What it finds:
  A choice left as the form gave it: a line of boxes with none ticked
  (\"☐ Ja ☐ Nej\", \"[ ] Yes [ ] No\", a Word checkbox control or legacy
  check box), a matrix row whose boxes are all empty, or options set out
  one a line with none ticked. A ticked \"Nej\" is an answer.

Why it matters:
  An unticked choice is an unanswered question, however much text stands
  around it: the compiled report cannot count it.

Example:
  Har nämnden en handlingsplan?
  ☐ Ja   ☐ Nej                        <- MISS005: no option is marked",
    explanation_sv: "\
Vad den hittar:
  Ett val som det stod i formuläret: en rad rutor där ingen är kryssad
  (\"☐ Ja ☐ Nej\", \"[ ] Ja [ ] Nej\", en kryssruta i Word), en rad i en
  matris där alla rutor är tomma, eller alternativ på var sin rad där inget
  är kryssat. Ett kryssat \"Nej\" är ett svar.

Varför det är viktigt:
  Ett val utan kryss är en obesvarad fråga, hur mycket text som än står
  runt den: sammanställningen kan inte räkna den.

Exempel:
  Har nämnden en handlingsplan?
  ☐ Ja   ☐ Nej                        <- MISS005: inget alternativ är markerat",
    messages: MESSAGES,
    file: Some(check),
    corpus: None,
};

const MESSAGES: &[Text] = &[
    Text {
        key: "none",
        en: "no option is marked ({options})",
        sv: "inget alternativ är markerat ({options})",
    },
    Text {
        key: "row",
        en: "no option is marked in the row \"{row}\"",
        sv: "inget alternativ är markerat på raden \"{row}\"",
    },
];

/// The options of a choice as a reader names them: "Ja / Nej".
fn options(c: &Choice) -> String {
    let labels: Vec<&str> = c
        .options
        .iter()
        .map(|o| o.label)
        .filter(|l| !l.is_empty())
        .collect();
    clip(&labels.join(" / "), 120)
}

/// The question a unit of the submission stands under, if any.
fn question_of(sub: &Submission, unit: usize) -> Option<&str> {
    sub.questions.iter().find_map(|q| {
        let f = q.found.as_ref()?;
        (f.units.contains(&unit) || f.answer.contains(&unit)).then_some(&*q.text)
    })
}

/// A finding of `rule` on each choice of the submission that `keep` picks:
/// the message keyed `options` (naming the options) or, for a matrix row
/// of unlabelled boxes, `row` (naming the row), given to `with` to finish;
/// the question it stands under.
pub(crate) fn on_choices(
    rule: &'static Rule,
    c: &FileContext,
    out: &mut Vec<Finding>,
    keep: impl Fn(&Choice, &[&str]) -> bool,
    (options_key, row_key): (&'static str, &'static str),
    with: impl Fn(Message, &Choice) -> Message,
) {
    let sub = c.sub;
    let lines = (0..sub.doc.units.len()).map(|u| sub.doc.unit_text(u));
    for (unit, choice) in crate::choice::in_lines(lines) {
        // What asks for it: the form's question, the line before it.
        let question = question_of(sub, unit);
        let before = unit.checked_sub(1).map(|u| sub.doc.unit_text(u));
        let asking: Vec<&str> = question.into_iter().chain(before).collect();
        if !keep(&choice, &asking) {
            continue;
        }
        let labelled = choice.options.iter().any(|o| !o.label.is_empty());
        let msg = if labelled || choice.label.is_empty() {
            Message::new(options_key).text("options", options(&choice))
        } else {
            Message::new(row_key).text("row", clip(choice.label, 80))
        };
        let pos = sub.doc.pos(sub.doc.units[unit].range.start);
        let mut f = rule.finding(c.path, pos, with(msg, &choice));
        if let Some(q) = question {
            f = f.question(&clip(q, 200));
        }
        out.push(f);
    }
}

fn check(c: &FileContext, out: &mut Vec<Finding>) {
    on_choices(
        &RULE,
        c,
        out,
        |ch, _| !ch.answered(),
        ("none", "row"),
        |m, _| m,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{complete, run};

    const ANSWER: &str =
        "Förvaltningen arbetar med område 0 fråga 1 tillsammans med lokala företag i Farsta.";

    #[test]
    fn an_unmarked_choice_is_missing_and_a_marked_no_is_an_answer() {
        let src = complete().replace(ANSWER, &format!("{ANSWER}\n\n☐ Ja ☐ Nej"));
        let f = run(&src, &RULE);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].message, "no option is marked (Ja / Nej)");
        assert!(f[0].question.is_some(), "named by its question");
        let src = complete().replace(ANSWER, &format!("{ANSWER}\n\n☐ Ja ☒ Nej"));
        assert!(run(&src, &RULE).is_empty());
    }

    #[test]
    fn a_matrix_row_and_options_a_line_are_choices_too() {
        let matrix = "Aktivitet\tGenomfört\tPågår\n\nWorkshops\t☐\t☐\n\nMässa\t☒\t☐\n\n[ ] Varje vecka\n[ ] Varje månad";
        let src = complete().replace(ANSWER, &format!("{ANSWER}\n\n{matrix}"));
        let got: Vec<String> = run(&src, &RULE).into_iter().map(|f| f.message).collect();
        assert_eq!(
            got,
            [
                "no option is marked in the row \"Workshops\"",
                "no option is marked (Varje vecka / Varje månad)"
            ]
        );
    }
}
