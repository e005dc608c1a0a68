//! DUP001: two submissions whose answers are nearly the same.

use super::{Corpus, Finding, Message, Rule, Severity, Text};

pub static RULE: Rule = Rule {
    code: "DUP001",
    name: "near-duplicate",
    severity: Severity::Error,
    summary: "Two submissions whose answers are nearly the same",
    summary_sv: "Två inlämningar med nästan samma svar",
    explanation: "\
What it finds:
  Two files whose answers are at least `--similarity` alike (default 0.85)
  but not identical: usually two versions of the same submission. Only the
  answers are compared, aligned by question, so sections in another order or
  a dropped paragraph still make a near-duplicate, and two committees
  answering the same form are not near-duplicates however much form text
  they share. Similarity is 2 × shared words / words of both. Files that
  are versions of one submission form a group — never files whose sender
  fields (or, without one, contact persons) name different senders: those
  are copies (DUP004). Every version carries its own finding — where it
  stands among the versions (by the date it states, else its modification
  time, else its name; the last is the newest, and the message says which
  decided) and every change against its nearest version: the smallest run
  of words that differs, with its line in both files. Line breaks, quotes,
  bullets and emphasis are not changes.

Why it matters:
  Only one version belongs in the compiled report, and the reviewer must
  pick the right one: the changes show what the later version corrected.

Example:
  001.txt: version 1 of 2 of one submission; differs from 004.txt in 4 changes
    48 ~ 26: Bredäng, Vårberg och [-Sätra-]{+Sättra+}) representerade
  004.txt: version 2 of 2 of one submission, the newest by the date in its
  header (2022-05-03); differs from 001.txt",
    explanation_sv: "\
Vad den hittar:
  Två filer vars svar är minst `--similarity` lika (standard 0,85) men inte
  identiska: oftast två versioner av samma inlämning. Bara svaren jämförs,
  fråga för fråga, så avsnitt i annan ordning eller ett borttaget stycke
  gör ändå en nästan identisk inlämning, och två nämnder som svarar på
  samma formulär är inte nästan identiska hur mycket formulärtext de än
  delar. Likheten är 2 × gemensamma ord / båda filernas ord. Filer som är
  versioner av samma inlämning bildar en grupp — aldrig filer vars
  avsändarfält (eller, utan ett sådant, kontaktpersoner) anger olika
  avsändare: de är kopior (DUP004). Varje version får en egen anmärkning —
  var den står bland versionerna (efter datumet den anger, annars när den
  senast ändrades, annars namnet; den sista är den senaste, och
  meddelandet säger vad som avgjorde) och varje ändring mot närmaste
  version: den kortaste följd av ord som skiljer, med raden i båda filerna. Radbrytningar, citattecken,
  punktlistor och betoning räknas inte som ändringar.

Varför det är viktigt:
  Bara en version hör hemma i sammanställningen, och granskaren måste välja
  rätt: ändringarna visar vad den senare versionen rättade.

Exempel:
  001.txt: version 1 av 2 av samma inlämning; skiljer sig från 004.txt på 4 ställen
    48 ~ 26: Bredäng, Vårberg och [-Sätra-]{+Sättra+}) representerade
  004.txt: version 2 av 2 av samma inlämning, den senaste enligt datumet i
  uppgifterna om avsändaren (2022-05-03); skiljer sig från 001.txt",
    messages: MESSAGES,
    file: None,
    corpus: Some(check),
};

const MESSAGES: &[Text] = &[
    Text {
        key: "one",
        en: "{version}; differs from {path} in 1 change ({percent}% similar)",
        sv: "{version}; skiljer sig från {path} på 1 ställe ({percent} % lika)",
    },
    Text {
        key: "many",
        en: "{version}; differs from {path} in {n} changes ({percent}% similar)",
        sv: "{version}; skiljer sig från {path} på {n} ställen ({percent} % lika)",
    },
];

/// Every version whose nearest version is a near copy carries the finding,
/// with the changes against that nearest version.
fn check(c: &Corpus, out: &mut Vec<Finding>) {
    for (g, m, near, edge) in c.versions_and_nearest() {
        let Some(d) = &edge.diff else { continue };
        let d = if edge.a == m { d.clone() } else { d.flipped() };
        let n = d.changes.len();
        let msg = Message::new(if n == 1 { "one" } else { "many" })
            .peer("path", &c.files[near].path)
            .percent("percent", d.similarity, 1)
            .count("n", n);
        let mut f = c.version_finding(&RULE, g, m, (near, d.b_pos), d.a_pos, msg);
        f.similarity = Some(d.similarity);
        f.changes = Some(d.changes);
        f.aligned = d.aligned;
        out.push(f);
    }
}
