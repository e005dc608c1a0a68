//! A Yes/No grid learned from its submissions alone: each question carries
//! its boxes on its own line and a "details" label the sender writes after.
//! The boxes and the label are the form's; a doubly marked or unmarked
//! question, a deleted one, an empty contact field and two versions of one
//! submission are found; two senders who wrote the same short detail are no
//! copiers.
//!
//! The form is generated here (a Swedish data-protection checklist, unlike
//! the city's), with random senders, answers and file names.

mod common;

use rand::seq::IndexedRandom;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::Value;

const QUESTIONS: &[&str] = &[
    "1. Behandlas känsliga personuppgifter?",
    "2. Lämnas uppgifter till någon utanför organisationen?",
    "3. Finns ett biträdesavtal med leverantören?",
    "4. Har de registrerade informerats om behandlingen?",
    "5. Gallras uppgifterna enligt en fastställd plan?",
];
const DETAILS: &str = "Om ja, beskriv:";
const UNITS: &[&str] = &[
    "Förskolan Solrosen",
    "Biblioteket i Norrby",
    "Simhallen Delfinen",
    "Fritidsgården Kompassen",
    "Musikskolan Ackord",
    "Parkförvaltningen Väst",
];
const WORDS: &[&str] = &[
    "elevregister",
    "närvarolistor",
    "fakturor",
    "bokningar",
    "kameror",
    "enkäter",
    "journaler",
    "lönelistor",
    "nyckelkort",
    "kölistor",
];

/// How a sender marks one question.
#[derive(Clone, Copy, PartialEq)]
enum Mark {
    Yes,
    No,
    Both,
    Neither,
}

fn boxes(m: Mark) -> &'static str {
    match m {
        Mark::Yes => "☒ Ja   ☐ Nej",
        Mark::No => "☐ Ja   ☒ Nej",
        Mark::Both => "☒ Ja   ☒ Nej",
        Mark::Neither => "☐ Ja   ☐ Nej",
    }
}

/// A filled-in checklist; `None` marks a question the sender deleted, an
/// empty contact a field left empty.
fn submission(unit: &str, contact: &str, marks: &[Option<(Mark, String)>]) -> String {
    let mut out = vec![
        "Checklista dataskydd 2026".to_string(),
        "Varje verksamhet fyller i checklistan och skickar den till dataskyddsombudet.".into(),
        String::new(),
        format!("Enhet: {unit}"),
        format!("Kontaktperson: {contact}").trim_end().to_string(),
        "Kryssa i en ruta per fråga och beskriv kort om svaret är ja.".into(),
        String::new(),
    ];
    for (q, m) in QUESTIONS.iter().zip(marks) {
        let Some((mark, detail)) = m else { continue };
        out.push(format!("{q}   {}", boxes(*mark)));
        out.push(format!("{DETAILS} {detail}"));
        out.push(String::new());
    }
    out.join("\n") + "\n"
}

#[test]
fn a_yes_no_grid_is_learned_and_its_planted_problems_found() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("in");
    std::fs::create_dir(&inbox).unwrap();
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    let shared = "Uppgifterna lagras på kommunens servrar.";
    let mut planted: Vec<(String, String)> = Vec::new();
    for (i, unit) in UNITS.iter().enumerate() {
        let mut marks: Vec<Option<(Mark, String)>> = (0..QUESTIONS.len())
            .map(|_| {
                let words: Vec<&str> = (0..6).map(|_| *WORDS.choose(&mut rng).unwrap()).collect();
                Some((Mark::Yes, format!("Det gäller {}.", words.join(", "))))
            })
            .collect();
        let file = format!("{:08x}.txt", rng.random::<u32>());
        match i {
            0 => {
                marks[1] = Some((Mark::Both, String::new()));
                planted.push(("CHOICE001".into(), file.clone()));
            }
            1 => {
                marks[2] = Some((Mark::Neither, String::new()));
                planted.push(("MISS005".into(), file.clone()));
            }
            2 => {
                marks[3] = None;
                planted.push(("MISS003".into(), file.clone()));
            }
            // A "No" with no details is a full answer.
            3 => marks
                .iter_mut()
                .for_each(|m| *m = Some((Mark::No, String::new()))),
            _ => {}
        }
        // One leaves the contact empty: the instruction after it is no
        // value.
        let contact = if i == 5 {
            planted.push(("MISS004".into(), file.clone()));
            String::new()
        } else {
            format!("Person {}", ["Ek", "Lind", "Berg", "Holm", "Ström"][i])
        };
        // Two senders wrote the same short detail: no copying.
        if i == 4 || i == 5 {
            marks[0] = Some((Mark::Yes, shared.to_string()));
        }
        std::fs::write(inbox.join(&file), submission(unit, &contact, &marks)).unwrap();
        // The first sender sends a second version, three words changed: two
        // versions of one submission (whose shared sender is no generic
        // value of the form), each with the planted double mark.
        if i == 0 {
            let mut second = marks.clone();
            if let Some((_, d)) = &mut second[0] {
                *d = d.replacen("Det gäller", "Det avser nu", 1);
            }
            let again = format!("{:08x}.txt", rng.random::<u32>());
            std::fs::write(inbox.join(&again), submission(unit, &contact, &second)).unwrap();
            planted.push(("CHOICE001".into(), again.clone()));
            planted.push(("DUP001".into(), again));
            planted.push(("DUP001".into(), file.clone()));
        }
    }
    planted.sort();

    let out = common::dubbelkoll(dir.path())
        .args(["check", "in", "--format", "json", "--no-cache"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut got: Vec<(String, String)> = (report["findings"].as_array().unwrap().iter())
        .map(|f| {
            let path = f["path"].as_str().unwrap();
            let file = path.rsplit('/').next().unwrap().to_string();
            (f["rule"].as_str().unwrap().to_string(), file)
        })
        .collect();
    got.sort();
    assert_eq!(got, planted, "{report:#}");
}
