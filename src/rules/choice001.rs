//! CHOICE001: more than one option marked where one answer is expected.

use super::miss005::on_choices;
use super::{FileContext, Finding, Rule, Text};

pub static RULE: Rule = Rule {
    code: "CHOICE001",
    name: "several-marked",
    severity: crate::finding::Severity::Warning,
    summary: "More than one option is marked where one answer is expected",
    summary_sv: "Mer än ett alternativ är markerat där ett svar väntas",
    explanation: "\
What it finds:
  A choice whose options exclude each other (Ja/Nej, Yes/No, \"Vet ej\",
  \"Delvis\"; or a matrix row, one column of which applies) with two or
  more of them ticked. Choices whose options are their own words (\"Skolor\",
  \"Vården\") may take several marks and are left alone.

Why it matters:
  Two answers to one question cannot both be counted: the sender has to
  say which holds.

Example:
  Har nämnden en handlingsplan?
  ☒ Ja   ☒ Nej                        <- CHOICE001: 2 options marked",
    explanation_sv: "\
Vad den hittar:
  Ett val vars alternativ utesluter varandra (Ja/Nej, \"Vet ej\", \"Delvis\";
  eller en rad i en matris, där en kolumn gäller) med två eller fler
  kryssade. Val vars alternativ har egna ord (\"Skolor\", \"Vården\") får ha
  flera kryss och lämnas i fred.

Varför det är viktigt:
  Två svar på en fråga kan inte båda räknas: avsändaren måste säga vilket
  som gäller.

Exempel:
  Har nämnden en handlingsplan?
  ☒ Ja   ☒ Nej                        <- CHOICE001: 2 alternativ markerade",
    messages: MESSAGES,
    file: Some(check),
    corpus: None,
};

const MESSAGES: &[Text] = &[
    Text {
        key: "several",
        en: "{count} options are marked where one answer is expected ({options})",
        sv: "{count} alternativ är markerade där ett svar väntas ({options})",
    },
    Text {
        key: "row",
        en: "{count} options are marked in the row \"{row}\" where one applies",
        sv: "{count} alternativ är markerade på raden \"{row}\" där ett gäller",
    },
];

fn check(c: &FileContext, out: &mut Vec<Finding>) {
    on_choices(
        &RULE,
        c,
        out,
        |ch, asking| {
            let one = |t: &&str| crate::choice::asks_for_one(t);
            ch.marked() >= 2 && (ch.single() || one(&ch.label) || asking.iter().any(one))
        },
        ("several", "row"),
        |m, ch| m.count("count", ch.marked()),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{complete, run};

    const ANSWER: &str =
        "Förvaltningen arbetar med område 0 fråga 1 tillsammans med lokala företag i Farsta.";

    fn messages(extra: &str) -> Vec<String> {
        let src = complete().replace(ANSWER, &format!("{ANSWER}\n\n{extra}"));
        run(&src, &RULE).into_iter().map(|f| f.message).collect()
    }

    #[test]
    fn two_marks_on_yes_and_no_or_a_matrix_row() {
        assert_eq!(
            messages("☒ Ja ☒ Nej"),
            ["2 options are marked where one answer is expected (Ja / Nej)"]
        );
        assert_eq!(
            messages("Workshops\t☒\t☒\t☐"),
            ["2 options are marked in the row \"Workshops\" where one applies"]
        );
    }

    #[test]
    fn one_mark_or_options_of_their_own_words_pass() {
        assert!(messages("☒ Ja ☐ Nej").is_empty());
        assert!(messages("☒ Skolor ☒ Vården ☐ Polisen").is_empty());
    }

    #[test]
    fn options_of_their_own_words_exclude_each_other_when_the_form_says_so() {
        assert_eq!(
            messages("Ansökan avser (kryssa ett alternativ): ☒ Verksamhetsbidrag ☒ Lokalbidrag"),
            ["2 options are marked where one answer is expected (Verksamhetsbidrag / Lokalbidrag)"]
        );
        assert_eq!(
            messages("Ansökan avser (kryssa ett alternativ):\n☒ Verksamhetsbidrag  ☒ Lokalbidrag  ☐ Utvecklingsbidrag").len(),
            1
        );
        assert!(messages("Ansökan avser:\n☒ Verksamhetsbidrag  ☒ Lokalbidrag").is_empty());
    }
}
