//! FORM002: a submission written on another year's form.

use std::collections::BTreeMap;

use super::{Corpus, Finding, Message, Rule, Severity, Text};
use crate::finding::Pos;

pub static RULE: Rule = Rule {
    code: "FORM002",
    name: "other-year-form",
    severity: Severity::Warning,
    summary: "A submission on another year's form than the others",
    summary_sv: "En inlämning på ett annat års formulär än de andra",
    explanation: "\
What it finds:
  A submission whose form states another report year (\"budget 2021\")
  than the round's: the year most submissions state (the latest, where
  two years are as common). A round where no year is stated by more than
  one submission raises nothing.

Why it matters:
  A sender who filled in last year's form answers last year's questions,
  or sent last year's answers again. Compiled with the others, its
  answers would stand as this year's.

Example:
  farsta.txt:  ... i budget 2021      <- FORM002: 2021, while 16 of 17 submissions are on the 2022 form
  bromma.txt:  ... i budget 2022",
    explanation_sv: "\
Vad den hittar:
  En inlämning vars formulär anger ett annat rapportår (\"budget 2021\")
  än omgångens: det år som flest inlämningar anger (det senaste, om två
  år är lika vanliga). En omgång där inget år anges av mer än en
  inlämning ger ingen anmärkning.

Varför det är viktigt:
  En avsändare som fyllt i förra årets formulär svarar på förra årets
  frågor, eller har skickat förra årets svar igen. Sammanställda med de
  andra skulle svaren stå som årets.

Exempel:
  farsta.txt:  ... i budget 2021      <- FORM002: 2021, medan 16 av 17 inlämningar är på formuläret för 2022
  bromma.txt:  ... i budget 2022",
    messages: MESSAGES,
    file: None,
    corpus: Some(check),
};

const MESSAGES: &[Text] = &[Text {
    key: "main",
    en: "written on the form for {year}, while {n} of {total} submissions are on the form for {round}: last year's form?",
    sv: "skriven på formuläret för {year}, medan {n} av {total} inlämningar är på formuläret för {round}: förra årets formulär?",
}];

/// The round's year: the one most files state, the latest of equals; none
/// unless at least two files state it.
pub fn round_year(years: impl Iterator<Item = u32>) -> Option<(u32, usize)> {
    let mut counts: BTreeMap<u32, usize> = BTreeMap::new();
    for y in years {
        *counts.entry(y).or_default() += 1;
    }
    let (year, n) = counts.into_iter().max_by_key(|&(y, n)| (n, y))?;
    (n >= 2).then_some((year, n))
}

fn check(c: &Corpus, out: &mut Vec<Finding>) {
    let stated = || c.files.iter().filter_map(|f| f.report_year);
    let Some((round, n)) = round_year(stated()) else {
        return;
    };
    let total = stated().count();
    for f in c.files {
        let Some(year) = f.report_year.filter(|&y| y != round) else {
            continue;
        };
        let msg = Message::new("main")
            .text("year", year.to_string())
            .text("round", round.to_string())
            .count("n", n)
            .count("total", total);
        out.push(RULE.finding(&f.path, Pos::START, msg));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_round_is_the_most_common_year() {
        assert_eq!(round_year([2022, 2021, 2022].into_iter()), Some((2022, 2)));
        assert_eq!(
            round_year([2021, 2022, 2021, 2022].into_iter()),
            Some((2022, 2))
        );
        assert_eq!(round_year([2021, 2022].into_iter()), None);
        assert_eq!(round_year(std::iter::empty()), None);
    }
}
