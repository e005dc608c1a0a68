//! One sender, one entry: files from different senders are never versions
//! of one submission, however alike, and `compile` keeps every sender.
//!
//! The submissions are generated here, on a form unlike the city's (an
//! English grant return, learned with `template infer`), under random file
//! names: nothing tells senders apart but what the files say.

mod common;

use std::path::{Path, PathBuf};

use rand::seq::IndexedRandom;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::Value;

const WORDS: &[&str] = &[
    "volunteers",
    "mentors",
    "library",
    "garden",
    "festival",
    "youth",
    "seniors",
    "tutoring",
    "meals",
    "transport",
    "repair",
    "cafe",
    "workshop",
    "coding",
    "reading",
    "choir",
    "football",
    "swimming",
    "cleanup",
    "recycling",
    "planting",
    "harbour",
    "bridge",
    "museum",
    "theatre",
    "clinic",
    "pantry",
    "shelter",
    "homework",
    "newcomers",
    "elders",
    "hiking",
    "cycling",
    "pottery",
    "radio",
    "podcast",
    "river",
    "forest",
    "market",
    "square",
];

const PARTS: &[(&str, &[&str])] = &[
    (
        "Part 1. Reach",
        &[
            "1.1 How many volunteers took part this year, and in which activities?",
            "1.2 Which groups did the programme reach that it had not reached before?",
        ],
    ),
    (
        "Part 2. Partnerships",
        &[
            "2.1 Which local partners did you work with, and how?",
            "2.2 What did the partnerships achieve that you could not have done alone?",
        ],
    ),
    (
        "Part 3. Outlook",
        &[
            "3.1 What will you change in the coming year?",
            "3.2 What support do you need from the council?",
        ],
    ),
];

/// Six answers of 25 to 40 words drawn from a seed.
fn answers(seed: u64) -> Vec<String> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..6)
        .map(|_| {
            let n = rng.random_range(25..40);
            let words: Vec<&str> = (0..n).map(|_| *WORDS.choose(&mut rng).unwrap()).collect();
            format!("The {}.", words.join(" "))
        })
        .collect()
}

/// What a submission's header says.
#[derive(Clone)]
struct Header {
    organisation: Option<&'static str>,
    contact: Option<&'static str>,
    phone: &'static str,
    date: Option<&'static str>,
}

/// A filled-in form.
fn submission(h: &Header, answers: &[String]) -> String {
    let mut out = vec![
        "ANNUAL VOLUNTEERING RETURN 2025".to_string(),
        String::new(),
        "Every organisation funded by the volunteering grant returns this form by 31 March.".into(),
        String::new(),
    ];
    let mut field = |label: &str, value: &str| {
        out.extend([label.to_string(), value.to_string(), String::new()]);
    };
    if let Some(o) = h.organisation {
        field("Organisation", o);
    }
    if let Some(c) = h.contact {
        field("Contact person", c);
        let mail = c.to_lowercase().replace(' ', ".") + "@example.org";
        field("Email", &mail);
    }
    field("Telephone", h.phone);
    if let Some(d) = h.date {
        field("Date", d);
    }
    let mut k = 0;
    for (part, questions) in PARTS {
        out.extend([part.to_string(), String::new()]);
        for q in *questions {
            out.extend([
                q.to_string(),
                String::new(),
                answers[k].clone(),
                String::new(),
            ]);
            k += 1;
        }
    }
    out.join("\n") + "\n"
}

/// A file name that says nothing of its sender.
fn name(rng: &mut ChaCha8Rng) -> String {
    format!("{:08x}.txt", rng.random::<u32>())
}

/// Writes the files into `dir/in` and learns their form into `dir/form.toml`.
fn folder(dir: &Path, files: &[(String, String)]) -> PathBuf {
    let inbox = dir.join("in");
    std::fs::create_dir_all(&inbox).unwrap();
    for (n, text) in files {
        std::fs::write(inbox.join(n), text).unwrap();
    }
    let out = common::dubbelkoll(dir)
        .args(["template", "infer", "in", "-o", "form.toml"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir.join("form.toml")
}

fn check(dir: &Path) -> Value {
    let out = common::dubbelkoll(dir)
        .args(["check", "in", "--template", "form.toml", "--format", "json"])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

fn compiled(dir: &Path) -> String {
    let out = common::dubbelkoll(dir)
        .args(["compile", "in", "--template", "form.toml", "-o", "out.md"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read_to_string(dir.join("out.md")).unwrap()
}

fn rules_on<'a>(report: &'a Value, file: &str) -> Vec<&'a str> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"].as_str().unwrap().ends_with(file))
        .map(|f| f["rule"].as_str().unwrap())
        .collect()
}

const HARBOUR: Header = Header {
    organisation: Some("Harbour Youth Trust"),
    contact: Some("Mia Holt"),
    phone: "0412 555 101",
    date: Some("2025-03-01"),
};

#[test]
fn senders_who_share_answers_are_never_versions_and_all_are_compiled() {
    let tmp = tempfile::tempdir().unwrap();
    let mut rng = ChaCha8Rng::seed_from_u64(21);
    let mut sets: Vec<Vec<String>> = (0..4).map(answers).collect();
    // Riverside copies a third of Harbour's answers; Forest all but one.
    let harbour = sets[0].clone();
    sets[1][..2].clone_from_slice(&harbour[..2]);
    sets[2][..5].clone_from_slice(&harbour[..5]);
    let others = [
        ("Riverside Elders Club", "Jon Park", "0412 555 102"),
        ("Forest Valley Scouts", "Ida Berg", "0412 555 103"),
        ("Market Square Choir", "Leo Chan", "0412 555 104"),
    ];
    let mut files: Vec<(String, String)> = Vec::new();
    for (i, (org, contact, phone)) in others.iter().enumerate() {
        let h = Header {
            organisation: Some(org),
            contact: Some(contact),
            phone,
            date: Some("2025-03-05"),
        };
        files.push((name(&mut rng), submission(&h, &sets[i + 1])));
    }
    // Harbour's second version: three words changed, a new phone number,
    // a later date; its file name sorts before the first version's.
    let mut second = sets[0].clone();
    second[3] = second[3].replacen("The ", "The new ", 1);
    second[4] = second[4].replacen("The ", "Then the ", 1);
    let newer = Header {
        phone: "0412 555 999",
        date: Some("2025-03-14"),
        ..HARBOUR
    };
    let (v1, v2) = ("b-first.txt".to_string(), "a-second.txt".to_string());
    files.push((v1.clone(), submission(&HARBOUR, &sets[0])));
    files.push((v2.clone(), submission(&newer, &second)));
    folder(tmp.path(), &files);
    let report = check(tmp.path());

    // One group: Harbour's two versions, the newest by the dates stated.
    let versions = report["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 1, "{versions:?}");
    let members: Vec<&str> = (versions[0]["members"].as_array().unwrap().iter())
        .map(|m| m.as_str().unwrap())
        .collect();
    assert_eq!(members, [format!("in/{v1}"), format!("in/{v2}")]);
    assert_eq!(versions[0]["newest_by"]["by"], "date");
    assert_eq!(versions[0]["newest_by"]["date"], "2025-03-14");
    assert_eq!(versions[0]["by_similarity_only"], false);
    let dup001 = common::findings_of(&report, "DUP001");
    assert_eq!(dup001.len(), 2);
    assert!(dup001[0]["message"]
        .as_str()
        .unwrap()
        .contains("the newest by the date in its header (2025-03-14)"));

    // The others are no versions; Forest's copy is a copy.
    for (n, _) in &files[..3] {
        let rules = rules_on(&report, n);
        assert!(
            !rules.iter().any(|r| *r == "DUP001" || *r == "DUP002"),
            "{n}: {rules:?}"
        );
    }
    let whole: Vec<&Value> = common::findings_of(&report, "DUP004")
        .into_iter()
        .filter(|f| f["message"].as_str().unwrap().contains("copied answers"))
        .collect();
    assert_eq!(whole.len(), 2, "{whole:?}");
    let forest = &files[1].0;
    assert!(whole
        .iter()
        .any(|f| f["path"].as_str().unwrap().ends_with(forest.as_str())));

    // The changed phone is a change between versions, not one person with
    // two numbers.
    assert!(common::findings_of(&report, "CONT003").is_empty());
    let changed = common::findings_of(&report, "CONT005");
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0]["path"], format!("in/{v2}"));
    assert_eq!(changed[0]["severity"], "info");

    // Every sender is compiled once; Harbour from its newest version.
    let md = compiled(tmp.path());
    for org in [
        "Harbour Youth Trust",
        "Riverside Elders Club",
        "Forest Valley Scouts",
        "Market Square Choir",
    ] {
        let entries = md.matches(&format!("**{org}**")).count();
        assert_eq!(entries, 6, "{org} under each of six questions:\n{md}");
    }
    assert!(md.contains("the newest") || md.contains("newest by the date"));
    assert!(md.contains(&format!("{v1}: an older version")), "{md}");
    assert!(md.contains("Then the"), "Harbour's newest answers compiled");
}

#[test]
fn without_anything_naming_the_sender_versions_are_grouped_by_similarity_only() {
    let tmp = tempfile::tempdir().unwrap();
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let blank = Header {
        organisation: None,
        contact: None,
        phone: "",
        date: None,
    };
    let a = answers(1);
    let mut b = a.clone();
    b[2] = b[2].replacen("The ", "The other ", 1);
    let files = vec![
        (name(&mut rng), submission(&blank, &a)),
        (name(&mut rng), submission(&blank, &b)),
        (name(&mut rng), submission(&blank, &answers(2))),
    ];
    folder(tmp.path(), &files);
    let report = check(tmp.path());
    let versions = report["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 1, "{report:#}");
    assert_eq!(versions[0]["by_similarity_only"], true);
    for f in common::findings_of(&report, "DUP001") {
        assert!(
            f["message"]
                .as_str()
                .unwrap()
                .contains("grouped by similarity only"),
            "{f}"
        );
    }
}

#[test]
fn without_a_sender_field_the_contact_person_tells_senders_apart() {
    let tmp = tempfile::tempdir().unwrap();
    let mut rng = ChaCha8Rng::seed_from_u64(9);
    let student = |contact, phone| Header {
        organisation: None,
        contact: Some(contact),
        phone,
        date: None,
    };
    // Two groups who answer alike, nearly word for word.
    let a = answers(3);
    let mut b = a.clone();
    b[0] = b[0].replacen("The ", "The other ", 1);
    let files = vec![
        (
            name(&mut rng),
            submission(&student("Ana Silva", "0412 555 201"), &a),
        ),
        (
            name(&mut rng),
            submission(&student("Tom Reed", "0412 555 202"), &b),
        ),
        (
            name(&mut rng),
            submission(&student("Kim Lee", "0412 555 203"), &answers(4)),
        ),
    ];
    folder(tmp.path(), &files);
    let report = check(tmp.path());
    assert!(
        report["versions"].as_array().unwrap().is_empty(),
        "{report:#}"
    );
    assert_eq!(common::findings_of(&report, "DUP004").len(), 2);
    let md = compiled(tmp.path());
    // Without a sender field, the contact person names the entry.
    assert!(
        md.contains("**Ana Silva**") && md.contains("**Tom Reed**"),
        "{md}"
    );
}

/// A seed submission of the city's form.
fn seed(prefix: &str) -> String {
    std::fs::read_to_string(common::seed_path(prefix)).unwrap()
}

#[test]
fn a_generic_sender_field_does_not_join_files_whose_contacts_all_differ() {
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("in");
    std::fs::create_dir(&inbox).unwrap();
    // Skärholmen's submission (its Nämnd left generic), and another
    // committee's copy of it: the Nämnd still generic, every contact
    // detail its own, one answer rewritten.
    let original = seed("001");
    let copy = original
        .replace("Tina Åkeson", "Per Lind")
        .replace("08-508 24 478", "08-508 11 222")
        .replace("Tina.akesson@stockholm.se", "per.lind@stockholm.se");
    assert_ne!(copy, original);
    std::fs::write(inbox.join("3f9a.txt"), &original).unwrap();
    std::fs::write(inbox.join("0c1d.txt"), &copy).unwrap();
    let out = common::dubbelkoll(tmp.path())
        .args(["check", "in", "--format", "json"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        report["versions"].as_array().unwrap().is_empty(),
        "{report:#}"
    );
    assert!(common::findings_of(&report, "CONT005").is_empty());
    let out = common::dubbelkoll(tmp.path())
        .args(["compile", "in", "-o", "out.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let md = std::fs::read_to_string(tmp.path().join("out.md")).unwrap();
    assert!(md.starts_with("# ") && md.contains("2 of 2"), "{md}");
}

#[test]
fn a_version_without_a_sender_name_is_compiled_under_its_groups() {
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("in");
    std::fs::create_dir(&inbox).unwrap();
    let named = seed("003");
    let line = named
        .lines()
        .find(|l| l.contains("Hägersten-Älvsjö stadsdelsnämnd"))
        .unwrap();
    // The newer version (by its stated date) left the Nämnd field empty.
    let dated = |text: &str, date: &str| {
        let mail = "kajsa.parke@stockholm.se";
        text.replacen(mail, &format!("{mail}\n\nDatum {date}"), 1)
    };
    std::fs::write(inbox.join("b.txt"), dated(&named, "2022-05-02")).unwrap();
    let unnamed = dated(&named.replacen(line, " ", 1), "2022-05-09").replacen(
        "Förvaltningen deltar",
        "Förvaltningen deltar aktivt",
        1,
    );
    std::fs::write(inbox.join("a.txt"), unnamed).unwrap();
    let out = common::dubbelkoll(tmp.path())
        .args(["compile", "in", "-o", "out.md"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = std::fs::read_to_string(tmp.path().join("out.md")).unwrap();
    assert!(md.contains("in/a.txt compiled"), "the newer version: {md}");
    assert!(md.contains("**Hägersten-Älvsjö stadsdelsnämnd**"), "{md}");
}

/// A form dubbelkoll does not know, checked without a template: its
/// submissions are learned from each other, not skipped, and the sender
/// rules hold on the learned form.
#[test]
fn check_learns_an_unknown_form_from_its_submissions() {
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("in");
    std::fs::create_dir(&inbox).unwrap();
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    let others = [
        ("Riverside Elders Club", "Jon Park", "08-508 11 102"),
        ("Forest Valley Scouts", "Ida Berg", "08-508 11 103"),
        ("Market Square Choir", "Leo Chan", "08-508 11 104"),
    ];
    for (i, (org, contact, phone)) in others.iter().enumerate() {
        let h = Header {
            organisation: Some(org),
            contact: Some(contact),
            phone,
            date: None,
        };
        std::fs::write(
            inbox.join(name(&mut rng)),
            submission(&h, &answers(10 + i as u64)),
        )
        .unwrap();
    }
    let mut second = answers(9);
    second[1] = second[1].replacen("The ", "The new ", 1);
    let harbour = Header {
        phone: "08-508 11 101",
        date: None,
        ..HARBOUR
    };
    std::fs::write(
        inbox.join(name(&mut rng)),
        submission(&harbour, &answers(9)),
    )
    .unwrap();
    std::fs::write(inbox.join(name(&mut rng)), submission(&harbour, &second)).unwrap();
    let out = common::dubbelkoll(tmp.path())
        .args(["check", "in", "--format", "json"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let statuses = common::file_statuses(&report);
    assert!(statuses.iter().all(|s| s.1 == "checked"), "{statuses:?}");
    let versions = report["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 1, "{report:#}");
    assert_eq!(common::findings_of(&report, "DUP001").len(), 2);
    assert!(common::findings_of(&report, "FORM001").is_empty());
}
