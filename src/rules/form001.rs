//! FORM001: a submission that fits no known or learned form variant.

use super::{Corpus, Finding, Message, Rule, Severity, Text};
use crate::finding::Pos;

pub static RULE: Rule = Rule {
    code: "FORM001",
    name: "unknown-form",
    severity: Severity::Error,
    summary: "A submission fits no known or learned form variant",
    summary_sv: "En inlämning passar inget känt eller inlärt formulär",
    explanation: "\
What it finds:
  A submission in which fewer than half of the questions of any form
  variant stand: neither the template's variants nor those learned from the
  other submissions in the scan (form text that at least two of them
  share). The finding names the closest variant, how many of its questions
  are there, and how many paragraphs look like questions the form does not
  have. It is one finding, never one per question of a form the submission
  does not follow.

Why it matters:
  A submission to another questionnaire, or from a committee or board with
  its own question set that no other submission shares, cannot be checked
  question by question. Give its blank form (`dubbelkoll template infer`),
  or check it beside the other submissions of its variant.

Example:
  styrelsen.txt     <- FORM001: the closest, \"Stadsdelsnämnd\", has 1 of its
                       8 questions here; 6 paragraphs look like questions
                       the form does not have",
    explanation_sv: "\
Vad den hittar:
  En inlämning där färre än hälften av frågorna i varje formulärvariant
  står: varken mallens varianter eller de som lärts från de andra
  inlämningarna i granskningen (formulärtext som minst två av dem delar).
  Anmärkningen nämner den närmaste varianten, hur många av dess frågor som
  finns, och hur många stycken som ser ut som frågor formuläret inte har.
  Det blir en anmärkning, aldrig en per fråga i ett formulär som
  inlämningen inte följer.

Varför det är viktigt:
  En inlämning till en annan enkät, eller från en nämnd eller styrelse med
  egna frågor som ingen annan inlämning delar, kan inte granskas fråga för
  fråga. Lämna dess tomma formulär (`dubbelkoll template infer`), eller
  granska den bredvid de andra inlämningarna av samma variant.

Exempel:
  styrelsen.txt     <- FORM001: den närmaste, \"Stadsdelsnämnd\", har 1 av
                       sina 8 frågor här; 6 stycken ser ut som frågor
                       formuläret inte har",
    messages: MESSAGES,
    file: None,
    corpus: Some(check),
};

const MESSAGES: &[Text] = &[
    Text {
        key: "closest",
        en: "fits no known form variant: the closest, \"{variant}\", has {found} of its {total} questions here; {unknown} paragraphs look like questions it does not have",
        sv: "passar inget känt formulär: närmast är formuläret \"{variant}\", med {found} av sina {total} frågor här; {unknown} stycken ser ut som frågor som formuläret saknar",
    },
    Text {
        key: "none",
        en: "fits no known form variant: none of their questions is here; {unknown} paragraphs look like questions",
        sv: "passar inget känt formulär: ingen av deras frågor finns här; {unknown} stycken ser ut som frågor",
    },
];

fn check(c: &Corpus, out: &mut Vec<Finding>) {
    for f in c.files {
        let Some(u) = &f.unfit else { continue };
        let msg = match &u.closest {
            Some((variant, found, total)) => Message::new("closest")
                .text("variant", variant)
                .count("found", *found)
                .count("total", *total),
            None => Message::new("none"),
        }
        .count("unknown", u.unknown);
        out.push(RULE.finding(&f.path, Pos::START, msg));
    }
}
