//! DATE001: the future tense about a year before the report's year.

use std::sync::LazyLock;

use regex::Regex;

use super::{clip, FileContext, Finding, Message, Rule, Severity, Text};

pub static RULE: Rule = Rule {
    code: "DATE001",
    name: "stale-future-tense",
    severity: Severity::Warning,
    summary: "Text speaks of a past year in the future tense",
    summary_sv: "Texten talar i framtid om ett år som redan har varit",
    explanation: "\
What it finds:
  A future-tense phrase about a year before the report's year: \"kommer under
  2021 att\", \"ska 2021\", \"planeras till 2020\", \"Under 2021 kommer …\",
  \"will be published in 2021\", \"In 2021, we will …\".
  The report year comes from the form (\"budget 2022\"); without one the rule
  is silent.

Why it matters:
  Plans for a year that is over are usually text copied from an earlier
  report. Either the plan happened, and the answer should say so, or it did
  not, and that is news.

Example:
  (budget 2022)
  Nämnden kommer under 2021 att upprätta en minnesplats   <- DATE001",
    explanation_sv: "\
Vad den hittar:
  En framtidsformulering om ett år före rapportåret: \"kommer under 2021
  att\", \"ska 2021\", \"planeras till 2020\", \"Under 2021 kommer …\".
  Rapportåret hämtas ur formuläret (\"budget 2022\"); utan det är regeln
  tyst.

Varför det är viktigt:
  Planer för ett år som redan har passerat är oftast text kopierad från en
  tidigare rapport. Antingen blev planen av, och då ska svaret säga det,
  eller så blev den inte av, och det är en nyhet.

Exempel:
  (budget 2022)
  Nämnden kommer under 2021 att upprätta en minnesplats   <- DATE001",
    messages: MESSAGES,
    file: Some(check),
    corpus: None,
};

const MESSAGES: &[Text] = &[
    Text {
        key: "main",
        en: "future tense about {year} in a report for {report_year}: \"{text}\"; copied from an earlier report?",
        sv: "framtidsformulering om {year} i en rapport för {report_year}: \"{text}\"; kopierad från förra årets rapport?",
    },
];

/// A future marker, up to three words, then a year; or a year, then a marker.
static FUTURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:kommer|ska|skall|planerar|planeras|avser|avses|will|shall|(?:is|are)\s+(?:planned|scheduled|expected)|(?:plans?|intends?|aims?|going)\s+to)\s+(?:[\p{L}]+\s+){0,3}?(?:år\s+)?(\d{4})\b|\b(?:under|i|till|från|in|during|by)\s+(?:år\s+)?(\d{4})(?:,\s*[\p{L}]+)?\s+(?:kommer|ska|skall|planerar|planeras|avser|will|shall)\b",
    )
    .unwrap()
});

/// Byte offsets of four-digit numbers before `report_year` (from 1990 on).
fn past_years(text: &str, report_year: u32) -> impl Iterator<Item = usize> + '_ {
    let b = text.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    // A year from 1990 on starts with 1 or 2: memchr skips to those.
    memchr::memchr2_iter(b'1', b'2', b).filter(move |&i| {
        (i == 0 || !digit(i - 1))
            && (1..4).all(|k| digit(i + k))
            && !digit(i + 4)
            && text[i..i + 4]
                .parse::<u32>()
                .is_ok_and(|y| (1990..report_year).contains(&y))
    })
}

fn check(c: &FileContext, out: &mut Vec<Finding>) {
    let sub = c.sub;
    let Some(report_year) = sub.report_year else {
        return;
    };
    let text = &sub.doc.text;
    let mut searched_to = 0;
    // The regular expression runs only around past years: most text has none.
    for at in past_years(text, report_year) {
        let mut from = at.saturating_sub(60).max(searched_to);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let mut to = (at + 40).min(text.len());
        while !text.is_char_boundary(to) {
            to += 1;
        }
        searched_to = to;
        for caps in FUTURE.captures_iter(&text[from..to]) {
            let Some(year) = caps.get(1).or_else(|| caps.get(2)) else {
                continue;
            };
            let Ok(y) = year.as_str().parse::<u32>() else {
                continue;
            };
            if from + year.start() != at || !(1990..report_year).contains(&y) {
                continue;
            }
            let whole = caps.get(0).expect("group 0");
            let msg = Message::new("main")
                .number("year", y.into())
                .number("report_year", report_year.into())
                .text("text", clip(whole.as_str(), 80));
            let start = from + whole.start();
            let mut f = RULE.finding(c.path, sub.doc.pos(start), msg);
            if let Some(q) = sub.question_at(start) {
                f = f.question(q);
            }
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::complete;

    fn run(text: &str) -> Vec<String> {
        let src = complete().replace(
            "Förvaltningen arbetar med område 2 fråga 2 tillsammans med lokala företag i Farsta.",
            text,
        );
        crate::rules::testing::run(&src, &RULE)
            .into_iter()
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn future_tense_about_a_past_year() {
        let f = run("Nämnden kommer under 2021 att upprätta en minnesplats.");
        assert_eq!(f, ["future tense about 2021 in a report for 2022: \"kommer under 2021\"; copied from an earlier report?"]);
        assert_eq!(run("Under 2020 ska nämnden bygga en scen.").len(), 1);
        // The same in English.
        for text in [
            "The guidance will be published in 2021 for all schools.",
            "In 2021, we will train every member of staff.",
            "A review is planned for 2020.",
        ] {
            assert_eq!(run(text).len(), 1, "{text}");
        }
    }

    #[test]
    fn past_tense_and_this_year_pass() {
        assert!(run("Hundrastgården upprättades sommaren 2021 samt satsningen som planeras till sommaren 2022.").is_empty());
        assert!(
            run("Nämnden kommer under 2022 att upprätta en scen; beslutet togs 2021.").is_empty()
        );
        assert!(run("Vision 2040 ska ge riktning.").is_empty());
        assert!(run("The guidance was published in 2021 and will be revised in 2022.").is_empty());
        assert!(run("Our 2021 plans to grow were met.").is_empty());
    }
}
