//! Submissions written from a model text: every sender keeps the model's
//! sentences and fills its slots (`{…}`, a date mask, a choice of words).
//! The shared sentences are the form's, never copied answers; senders with
//! their own addresses are never versions of one submission, and each is
//! compiled; a slot left unfilled is a placeholder.
//!
//! The model text is generated here (an English privacy notice, unlike the
//! city's form), with random organisations, sentences and file names.

mod common;

use std::path::Path;

use rand::seq::IndexedRandom;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::Value;

const PLACES: &[&str] = &[
    "Ashford",
    "Brookvale",
    "Carrow",
    "Dunmere",
    "Elmstead",
    "Fenwick",
    "Glenholm",
    "Harlow",
];
const KINDS: &[&str] = &["Library Trust", "Rowing Club", "Food Bank", "Arts Centre"];
const WORDS: &[&str] = &[
    "volunteers",
    "members",
    "visitors",
    "records",
    "bookings",
    "donations",
    "events",
    "photos",
    "newsletters",
    "payments",
    "rotas",
    "minutes",
];

/// The model's slots, as the blank shows them.
const ORG: &str = "{organisation name}";
const MAIL: &str = "{contact e-mail}";
const DATE: &str = "DD/MM/YYYY";
const CHOICE: &str = "{do/do not}";

/// The model text with its slots filled by `fill` (the blank: the slots).
fn model(org: &str, mail: &str, date: &str, choice: &str, own: &[String]) -> String {
    [
        format!("Privacy notice of {org}"),
        String::new(),
        "Who we are".into(),
        format!("{org} is responsible for the personal data described in this notice. Questions about it go to {mail}."),
        String::new(),
        "What we collect".into(),
        "We collect only the data we need to run our activities and keep it no longer than we must.".into(),
        own[0].clone(),
        String::new(),
        "Sharing".into(),
        format!("We {choice} share personal data with partners outside the organisation."),
        String::new(),
        "Your rights".into(),
        "You may ask to see, correct or delete the data we hold about you, and you may complain to the supervisory authority.".into(),
        own[1].clone(),
        String::new(),
        format!("This notice was last reviewed on {date}."),
    ]
    .join("\n")
        + "\n"
}

/// A sentence of a sender's own.
fn sentence(rng: &mut ChaCha8Rng) -> String {
    let words: Vec<&str> = (0..12).map(|_| *WORDS.choose(rng).unwrap()).collect();
    format!("We also keep {}.", words.join(" and "))
}

fn check(dir: &Path) -> Value {
    let out = common::dubbelkoll(dir)
        .args(["check", "in", "--format", "json", "--no-cache"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    // Placeholders left beside text are warnings: exit 0 at the default
    // fail level.
    assert!(matches!(out.status.code(), Some(0 | 1)), "{err}");
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn a_model_texts_senders_are_told_apart_and_its_unfilled_slots_found() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("in")).unwrap();
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let mut orgs: Vec<String> = Vec::new();
    let mut planted: Vec<String> = Vec::new();
    for (i, place) in PLACES.iter().take(6).enumerate() {
        let org = format!("{place} {}", KINDS.choose(&mut rng).unwrap());
        let mail = format!("privacy@{}.example.org", place.to_lowercase());
        let date = format!(
            "{:02}/0{}/2025",
            rng.random_range(1..29),
            rng.random_range(1..10)
        );
        let choice = ["do", "do not"].choose(&mut rng).unwrap().to_string();
        let own = [sentence(&mut rng), sentence(&mut rng)];
        // Two senders leave a slot unfilled.
        let text = match i {
            1 => model(&org, &mail, DATE, &choice, &own),
            4 => model(&org, &mail, &date, CHOICE, &own),
            _ => model(&org, &mail, &date, &choice, &own),
        };
        let file = format!("{:08x}.txt", rng.random::<u32>());
        if i == 1 || i == 4 {
            planted.push(format!("in/{file}"));
        }
        std::fs::write(dir.path().join("in").join(&file), text).unwrap();
        orgs.push(org);
    }
    planted.sort();

    let report = check(dir.path());
    let rules: Vec<(&str, &str)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["rule"].as_str().unwrap(), f["path"].as_str().unwrap()))
        .collect();
    // No versions and no copied answers: the shared sentences are the form's.
    assert!(
        !rules.iter().any(|(r, _)| r.starts_with("DUP")),
        "{rules:?}"
    );
    assert!(report["versions"].as_array().unwrap().is_empty());
    // The unfilled slots, and nothing else of MISS001.
    let mut miss: Vec<&str> = (rules.iter())
        .filter(|(r, _)| *r == "MISS001")
        .map(|(_, p)| *p)
        .collect();
    miss.sort();
    assert_eq!(miss, planted, "{rules:?}");

    // Every sender is compiled.
    let out = common::dubbelkoll(dir.path())
        .args(["compile", "in", "-o", "out.md"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = std::fs::read_to_string(dir.path().join("out.md")).unwrap();
    for org in &orgs {
        assert!(md.contains(org.as_str()), "{org} missing from:\n{md}");
    }
    // The form's own sentences are no sender's answer.
    assert!(!md.contains("We collect only the data we need"), "{md}");
    // Its title names the form learned, not the built-in one.
    let title = md.lines().next().unwrap();
    assert!(!title.contains("näringsliv"), "{title}");

    // The blank is a blank form: its slots are slots.
    let blank = model(ORG, MAIL, DATE, CHOICE, &[String::new(), String::new()]);
    std::fs::write(dir.path().join("blank.txt"), blank).unwrap();
    let out = common::dubbelkoll(dir.path())
        .args(["template", "infer", "blank.txt", "-o", "form.toml"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("a blank form"), "{err}");
    // The model sentences are learned as such, from the blank and from the
    // submissions alike, and the findings do not change with the blank.
    let form = std::fs::read_to_string(dir.path().join("form.toml")).unwrap();
    assert!(
        form.contains("\"this notice was last reviewed on\""),
        "{form}"
    );
    let out = common::dubbelkoll(dir.path())
        .args(["template", "infer", "in", "-o", "learned.toml"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let learned = std::fs::read_to_string(dir.path().join("learned.toml")).unwrap();
    assert!(
        learned.contains("\"this notice was last reviewed on\""),
        "{learned}"
    );
    let out = common::dubbelkoll(dir.path())
        .args(["check", "in", "--template", "form.toml", "--format", "json"])
        .output()
        .unwrap();
    let with_blank: Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules = |v: &Value| -> Vec<(String, String)> {
        let mut r: Vec<(String, String)> = (v["findings"].as_array().unwrap().iter())
            .map(|f| (f["rule"].to_string(), f["path"].to_string()))
            .collect();
        r.sort();
        r
    };
    assert_eq!(rules(&with_blank), rules(&report));
}
