//! MISS003: a question of the submission's form variant is absent.

use super::{FileContext, Finding, Message, Rule, Severity, Text};
use crate::normalize::Pos;

pub static RULE: Rule = Rule {
    code: "MISS003",
    name: "missing-question",
    severity: Severity::Error,
    summary: "A question of the submission's form variant is absent",
    summary_sv: "En fråga i formulärvarianten saknas",
    explanation: "\
What it finds:
  A question that the submission's form variant asks (the stadsdelsnämnd form
  has eight, the Kulturnämnden form three) but that cannot be found in the
  text, even allowing for reworded questions. The finding points to where the
  question should have been: the next question that is there.

Why it matters:
  A deleted question usually means a deleted answer: the sender removed the
  part of the form they did not want to fill in, or pasted their text over it.

Example:
  2. Förbättra service, tillgänglighet och myndighetsutövning
  (the question about the black economy is gone)    <- MISS003",
    explanation_sv: "\
Vad den hittar:
  En fråga som inlämningens formulärvariant ställer
  (stadsdelsnämndsformuläret har åtta, Kulturnämndens formulär tre) men
  som inte går att hitta i texten, ens med omformulerade frågor
  medräknade. Anmärkningen pekar på där frågan borde ha stått: nästa
  fråga som finns.

Varför det är viktigt:
  En borttagen fråga betyder oftast ett borttaget svar: avsändaren tog
  bort den del av formuläret de inte ville fylla i, eller klistrade sin
  text över den.

Exempel:
  2. Förbättra service, tillgänglighet och myndighetsutövning
  (frågan om den svarta ekonomin är borta)    <- MISS003",
    messages: MESSAGES,
    file: Some(check),
    corpus: None,
};

const MESSAGES: &[Text] = &[
    Text {
        key: "missing",
        en: "question {n} of the form \"{variant}\" (under \"{area}\") is missing",
        sv: "fråga {n} i formuläret \"{variant}\" (under \"{area}\") saknas",
    },
    Text {
        key: "missing_unheaded",
        en: "question {n} of the form \"{variant}\" is missing",
        sv: "fråga {n} i formuläret \"{variant}\" saknas",
    },
];

fn check(c: &FileContext, out: &mut Vec<Finding>) {
    let (sub, form) = (c.sub, c.form);
    // A submission that fits no variant is FORM001's, once, not one
    // finding per question of a form it does not follow.
    let Some(v) = sub.variant.filter(|_| sub.fits()) else {
        return;
    };
    let variant = &form.template.variants[v];
    for (i, q) in sub.questions.iter().enumerate() {
        if q.found.is_some() {
            continue;
        }
        // Point at the next question that is there, else after the last one.
        let next = sub.questions[i + 1..]
            .iter()
            .find_map(|q| q.found.as_ref())
            .map(|f| f.units.start);
        let prev_end = sub.questions[..i]
            .iter()
            .rev()
            .find_map(|q| q.found.as_ref())
            .map(|f| f.answer.end);
        let unit = next.or(prev_end.filter(|&u| u < sub.doc.units.len()));
        let pos = unit.map_or(Pos { line: 1, column: 1 }, |u| {
            sub.doc.pos(sub.doc.units[u].range.start)
        });
        let area = &variant.areas[q.area].heading;
        let key = if area.trim().is_empty() {
            "missing_unheaded"
        } else {
            "missing"
        };
        let msg = Message::new(key)
            .number("n", i as i64 + 1)
            .text("variant", form.template.variant_label(v))
            .text("area", area);
        out.push(RULE.finding(c.path, pos, msg).question(&q.text));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{complete, run};

    #[test]
    fn deleted_question_points_at_the_next_one() {
        let q = "Hur samverkar nämnden för att underlätta för närvaron av kultur i det offentliga rummet?";
        let src = complete();
        let f = run(&src.replace(q, ""), &RULE);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].question.as_deref(), Some(q));
        let next_line = src
            .lines()
            .position(|l| l.starts_with("Hur sker samarbetet med att bistå"))
            .unwrap() as u32
            + 1;
        assert_eq!(f[0].line, next_line);
    }

    #[test]
    fn a_submission_that_fits_no_variant_gets_no_finding_per_question() {
        // Two of eight questions: another form (FORM001), not six deleted.
        let kept: String = complete()
            .split("\n\n")
            .filter(|p| !p.starts_with("Hur") && !p.contains("att utveckla stadens"))
            .collect::<Vec<_>>()
            .join("\n\n");
        assert!(run(&kept, &RULE).is_empty());
        let header_only = "Nämnd\nFarsta stadsdelsnämnd\nTelefon\n08-508 18 000\n";
        assert!(run(header_only, &RULE).is_empty());
    }

    #[test]
    fn reworded_question_is_not_missing() {
        let src = complete().replace(
            "Hur samverkar nämnden för att underlätta för närvaron av kultur i det offentliga rummet?",
            "Hur samverkar nämnden för att underlätta närvaron av kultur i offentliga rum?",
        );
        assert!(run(&src, &RULE).is_empty());
    }
}
