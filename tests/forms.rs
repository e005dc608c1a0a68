//! Forms learned, not written down: another questionnaire checked from a
//! template inferred from its blank form and with no template at all;
//! boards and committees with their own question sets beside the built-in
//! form; a question run together with its answer.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use dubbelkoll::check::{check_paths, Options};
use dubbelkoll::form::{Form, Role, Template};
use dubbelkoll::infer;
use dubbelkoll::source::ReadOptions;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(p: &str) -> PathBuf {
    root().join("fixtures").join(p)
}

/// (rule, file name) of every finding at warning or above.
fn found(paths: &[PathBuf], form: &Form) -> BTreeSet<(String, String)> {
    let o = check_paths(paths, form, &Options::for_form(form)).unwrap();
    o.findings
        .iter()
        .filter(|f| f.severity >= dubbelkoll::finding::Severity::Warning)
        .map(|f| {
            let name = f.path.file_name().unwrap().to_string_lossy().into_owned();
            (f.rule.to_string(), name)
        })
        .collect()
}

fn set(items: &[(&str, &str)]) -> BTreeSet<(String, String)> {
    items
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// The template learned from a blank form written as text.
fn learned_from_blank(text: &str) -> Template {
    let dir = tempfile::tempdir().unwrap();
    let blank = dir.path().join("blank.txt");
    std::fs::write(&blank, text).unwrap();
    infer::from_files(&[blank], &ReadOptions::default())
        .unwrap()
        .0
}

/// The names of a learned variant's header fields.
fn field_names(t: &Template) -> Vec<&str> {
    t.fields_of(Some(0))
        .iter()
        .map(|f| f.name.as_str())
        .collect()
}

/// The problems planted in the miljö submissions that the files alone
/// reveal; m1 and m5 are near misses (a past year, a short real answer, an
/// empty closing section).
const MILJO_PLANTED: &[(&str, &str)] = &[
    ("CONT001", "m2_idrottsforvaltningen.txt"),
    ("MISS002", "m2_idrottsforvaltningen.txt"),
    ("MISS001", "m2_idrottsforvaltningen.txt"),
    ("DATE001", "m3_kulturforvaltningen.txt"),
    ("MISS003", "m3_kulturforvaltningen.txt"),
    // m4 holds a paragraph of m1's: the later file carries the finding.
    ("DUP004", "m4_trafikkontoret.txt"),
];

fn inferred_from_blank() -> (Template, Vec<String>) {
    infer::from_files(&[fixture("forms/miljo/blank")], &ReadOptions::default()).unwrap()
}

#[test]
fn a_blank_form_gives_its_questions_header_roles_and_generic_value() {
    let (t, notes) = inferred_from_blank();
    assert_eq!(t.name, "UPPFÖLJNING AV MILJÖARBETE 2023");
    assert_eq!(t.variants.len(), 1);
    let v = &t.variants[0];
    let areas: Vec<(&str, usize)> = v
        .areas
        .iter()
        .map(|a| (a.heading.as_str(), a.questions.len()))
        .collect();
    assert_eq!(
        areas,
        [
            ("1. Energi", 2),
            ("2. Transporter", 2),
            ("3. Avfall och matsvinn", 1)
        ]
    );
    let fields: Vec<(&str, Option<Role>)> =
        t.fields.iter().map(|f| (f.name.as_str(), f.role)).collect();
    assert_eq!(
        fields,
        [
            ("Förvaltning", Some(Role::Sender)),
            ("Ansvarig handläggare", Some(Role::Contact)),
            ("Telefonnummer", Some(Role::Phone)),
            ("E-postadress", Some(Role::Email))
        ]
    );
    assert_eq!(t.generic_namnd, ["Förvaltningarna"]);
    assert!(notes
        .iter()
        .any(|n| n == "report year: 2023, from the form's own text"));
    // Written and read back, it is the same template.
    let back = Template::parse(&t.to_toml(&notes), "inferred").unwrap();
    assert_eq!(back, t);
}

#[test]
fn another_questionnaire_checked_from_its_inferred_template() {
    let (t, _) = inferred_from_blank();
    let got = found(&[fixture("forms/miljo/submissions")], &Form::new(t));
    let mut want = set(MILJO_PLANTED);
    // The blank form tells the sender field's generic value.
    want.insert(("CONT004".into(), "m4_trafikkontoret.txt".into()));
    assert_eq!(got, want);
}

#[test]
fn another_questionnaire_checked_with_no_template_at_all() {
    // The built-in form fits none of them: the form is learned from what
    // the submissions share. One file alone does not reveal a generic
    // sender value, so CONT004 is not expected here.
    let got = found(&[fixture("forms/miljo/submissions")], &Form::builtin());
    assert_eq!(got, set(MILJO_PLANTED));
}

#[test]
fn a_template_inferred_from_submissions_alone() {
    let (t, _) = infer::from_files(
        &[fixture("forms/miljo/submissions")],
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(t.variants.len(), 1);
    assert_eq!(t.variants[0].question_count(), 5);
    let roles: Vec<Option<Role>> = t.fields_of(Some(0)).iter().map(|f| f.role).collect();
    assert_eq!(
        roles,
        [
            Some(Role::Sender),
            Some(Role::Contact),
            Some(Role::Phone),
            Some(Role::Email)
        ]
    );
    let back = Template::parse(&t.to_toml(&[]), "inferred").unwrap();
    assert_eq!(back, t);
}

#[test]
fn boards_with_their_own_questions_beside_the_builtin_form() {
    let seeds: Vec<PathBuf> = ["001_2758bf6a10e7fa1d.txt", "003_ea0049bc2d670515.txt"]
        .iter()
        .map(|s| fixture("seeds").join(s))
        .collect();
    let mut paths = seeds.clone();
    paths.push(fixture("forms/boards"));
    let got = found(&paths, &Form::builtin());
    let mut want = found(&seeds, &Form::builtin());
    want.extend(set(&[
        // Planted in the boards' files.
        ("CONT001", "bolag_parkering.txt"),
        ("MISS001", "bolag_parkering.txt"),
        ("MISS001", "namnd_exploatering.txt"),
        // The committee whose questions no other file shares.
        ("FORM001", "namnd_exploatering.txt"),
    ]));
    assert_eq!(got, want);
}

#[test]
fn a_question_run_together_with_its_answer_pairs_with_its_original() {
    let got = found(
        &[
            fixture("forms/reflowed/003_questions-run-into-answers.txt"),
            fixture("seeds/003_ea0049bc2d670515.txt"),
        ],
        &Form::builtin(),
    );
    // Both versions carry the finding.
    assert_eq!(
        got,
        set(&[
            ("DUP002", "003_questions-run-into-answers.txt"),
            ("DUP002", "003_ea0049bc2d670515.txt")
        ])
    );
}

fn infer(args: &[&Path]) -> (i32, String, String) {
    let out = Command::cargo_bin("dubbelkoll")
        .unwrap()
        .args(["template", "infer"])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn infer_says_what_it_cannot_tell_and_writes_nothing_half() {
    let one = fixture("forms/miljo/submissions/m1_miljoforvaltningen.txt");
    let (code, out, err) = infer(&[&one]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("no answer slot found") && err.contains("at least two submissions"),
        "{err}"
    );
    // The command line writes the template and says what it learned.
    let (code, out, err) = infer(&[&fixture("forms/miljo/blank/miljo-2023-blank.docx")]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("[[variant.area]]") && out.contains("role = \"email\""));
    assert!(err.contains("5 questions in 3 areas"), "{err}");
}

#[test]
fn submissions_that_deleted_most_questions_teach_no_variant() {
    // Two stadsdelsnämnd submissions that kept the same three of the
    // form's eight questions: their form is the built-in one with questions
    // deleted, not a variant to learn.
    let dir = tempfile::tempdir().unwrap();
    let t = Form::builtin().template;
    let questions: Vec<&str> = t.variants[0].questions().map(|(_, q)| q).take(3).collect();
    for (i, (sender, who)) in [
        ("Farsta stadsdelsnämnd", "Anna Berg"),
        ("Bromma stadsdelsnämnd", "Per Ek"),
    ]
    .iter()
    .enumerate()
    {
        let mut text = format!(
            "Nämnd\n{sender}\nKontaktperson för eventuella frågor\n{who}\nTelefon\n08-508 18 00{i}\n\n"
        );
        for q in &questions {
            text.push_str(&format!(
                "{q}\n\nFörvaltningen i {sender} arbetar med detta tillsammans med lokala företag, fråga {i}.\n\n"
            ));
        }
        std::fs::write(dir.path().join(format!("{i}.txt")), text).unwrap();
    }
    let o = check_paths(
        &[dir.path().to_path_buf()],
        &Form::builtin(),
        &Options::default(),
    )
    .unwrap();
    let variants: Vec<Option<&str>> = o.files.iter().map(|f| f.variant.as_deref()).collect();
    assert_eq!(variants, [Some("stadsdelsnamnd"), Some("stadsdelsnamnd")]);
    let form001 = o.findings.iter().filter(|f| f.rule == "FORM001").count();
    assert_eq!(form001, 2, "{:?}", o.findings);
}

/// A blank whose header labels stand one a line with nothing after them:
/// each is a field of its own, none the value of the one above, and the
/// questions after them are questions.
#[test]
fn a_blanks_empty_header_labels_are_fields_not_values() {
    let slot = "Click or tap here to enter text.";
    let t = learned_from_blank(&format!("Annual club return 2026\n\nClub:\nContact person:\nPhone:\nEmail:\n\n1. What did the club do this year?\n{slot}\n\n2. What are the plans for next year?\n{slot}\n"));
    let roles: Vec<Option<Role>> = t.fields_of(Some(0)).iter().map(|f| f.role).collect();
    assert_eq!(
        roles,
        [
            Some(Role::Sender),
            Some(Role::Contact),
            Some(Role::Phone),
            Some(Role::Email)
        ]
    );
    assert!(t.generic_namnd.is_empty(), "{:?}", t.generic_namnd);
    assert_eq!(t.variants[0].question_count(), 2);
}

#[test]
fn an_instruction_before_a_header_table_of_slots_is_no_question() {
    // A Word header table (label | slot) is read a cell a line; the
    // instruction above it asks nothing of its own.
    let slot = "Click here to enter text.";
    let t = learned_from_blank(&format!("Harbour festival grant: final return\nPlease fill in every part of this return and send it back within thirty days.\nApplicant body\n{slot}\nProject lead\n{slot}\nTelephone\n{slot}\n\n1. Which events took place?\n{slot}\n2. How many visitors came?\n{slot}\n"));
    assert_eq!(
        field_names(&t),
        ["Applicant body", "Project lead", "Telephone"]
    );
    assert_eq!(t.variants[0].question_count(), 2);
}

#[test]
fn form_text_where_an_answer_belongs_is_no_answer() {
    // Four returns of a form no template describes; in one the last
    // question is unanswered, the form's closing line right under it, and
    // another answers "N/A" above the form's next heading.
    let dir = tempfile::tempdir().unwrap();
    let teams = [
        ("Harbour rowing club", "Ann Lee", "ann.lee@rowing.example"),
        ("Northside chess circle", "Bo Kim", "bo.kim@chess.example"),
        ("Riverside choir", "Cy Dunn", "cy.dunn@choir.example"),
        ("Old town walkers", "Di Moss", "di.moss@walkers.example"),
    ];
    for (n, (team, who, mail)) in teams.iter().enumerate() {
        let plans = if n == 2 {
            String::new()
        } else {
            format!("Next season {team} will add {} evening sessions and a summer camp for new members.", n + 2)
        };
        let cost = if n == 1 {
            "N/A".to_string()
        } else {
            format!(
                "The season cost {} hundred pounds, most of it for hall hire and travel to events.",
                n + 4
            )
        };
        let text = format!(
            "Season return\nTeam: {team}\nContact person: {who}\nEmail: {mail}\n\nWhat did {team} achieve this season?\nWe met {} times and {team} grew by {} members over the year.\nWhat did the season cost?\n{cost}\nLooking ahead\nWhat are your plans for next season?\n{plans}\nThank you for sending in your return.\n",
            20 + n,
            3 + n
        );
        std::fs::write(dir.path().join(format!("return{n}.txt")), text).unwrap();
    }
    let got = found(&[dir.path().to_path_buf()], &Form::builtin());
    assert_eq!(
        got,
        set(&[("MISS002", "return1.txt"), ("MISS002", "return2.txt")])
    );
}

#[test]
fn a_blanks_label_and_slot_on_one_line_is_a_field_and_an_instruction_naming_the_slot_no_answer() {
    let t = learned_from_blank(
        "Allotment society: plot inspection 2026\n\
         Inspection round B\n\
         Fill in every part. Replace [Answer] with your own text and return the form to the board.\n\
         Plot holder name: [Answer]\n\
         Telephone: [Answer]\n\
         Email: [Answer]\n\
         Plot number: [Answer]\n\n\
         1. What was grown on the plot this season?\n[Answer]\n\n\
         2. Which repairs does the shed need?\n[Answer]\n",
    );
    let fields: Vec<(&str, Option<Role>)> = (t.fields_of(Some(0)).iter())
        .map(|f| (f.name.as_str(), f.role))
        .collect();
    assert_eq!(
        fields,
        [
            ("Plot holder name", Some(Role::Contact)),
            ("Telephone", Some(Role::Phone)),
            ("Email", Some(Role::Email)),
            ("Plot number", None)
        ]
    );
    let questions: Vec<&str> = t.variants[0]
        .areas
        .iter()
        .flat_map(|a| a.questions.iter().map(String::as_str))
        .collect();
    assert_eq!(
        questions,
        [
            "1. What was grown on the plot this season?",
            "2. Which repairs does the shed need?"
        ]
    );
}

#[test]
fn a_heading_over_a_question_is_no_field_though_it_names_the_sender() {
    let slot = "[Skriv här]";
    let t = learned_from_blank(&format!("Körbidrag 2026\nSkicka ansökan till kulturförvaltningen.\nKör\n{slot}\nKontaktperson\n{slot}\nKörens verksamhet\nBeskriv kort vad kören gjorde under året.\n{slot}\nHur många sångare har kören?\n{slot}\n"));
    assert_eq!(field_names(&t), ["Kör", "Kontaktperson"]);
    assert_eq!(t.variants[0].question_count(), 2);
}

/// Guidance the form repeats under each question ("(About 100 words.)")
/// is no question of its own: learned from the submissions, every answer
/// stays with its question, and a "N/A" is still found where it is.
#[test]
fn guidance_repeated_under_each_question_is_no_question() {
    let dir = tempfile::tempdir().unwrap();
    let groups = ["Glaciology", "Microbiology", "Linguistics", "Statistics"];
    for (i, g) in groups.iter().enumerate() {
        let storage = if i == 3 {
            "N/A".to_string()
        } else {
            format!("The {g} group keeps its raw data on the university's research storage, with a nightly copy kept in a second building.")
        };
        let text = format!(
            "Data self-assessment 2024\nResearch group:\t{g} group\nContact person:\tPerson {i}\nEmail:\tperson{i}@uni.example\n\nA1 Describe how your group documents its data and where the documentation is kept.\n(Approximately 100–200 words.)\nIn {g} every dataset gets a README written by the person who collected it, kept beside the data in project folder {i}.\n\nB1 Describe where your data are stored and who has access to them.\n(Approximately 100–200 words.)\n{storage}\n\nC1 Which repositories does your group use?\n(Approximately 100–200 words.)\nThe {g} group deposits its published datasets in Zenodo and gives each one a DOI, number {i}.\n"
        );
        std::fs::write(dir.path().join(format!("{g}.txt")), text).unwrap();
    }
    let form = Form::builtin();
    let o = check_paths(
        &[dir.path().to_path_buf()],
        &form,
        &Options::for_form(&form),
    )
    .unwrap();
    let miss: Vec<(String, String, Option<String>)> = (o.findings.iter())
        .filter(|f| f.rule.starts_with("MISS"))
        .map(|f| {
            let name = f.path.file_name().unwrap().to_string_lossy().into_owned();
            (f.rule.to_string(), name, f.question.clone())
        })
        .collect();
    assert_eq!(
        miss,
        [(
            "MISS002".to_string(),
            "Statistics.txt".to_string(),
            Some("B1 Describe where your data are stored and who has access to them.".to_string())
        )],
        "{:#?}",
        o.findings
    );
}

/// Word's newer placeholder ("Click or tap here to enter text.", seven
/// words) under a label is a header field's slot like a shorter one; a
/// header that names a contact and no sender takes its first field as the
/// sender; "Part 2 – …" over questions is a heading, not form text.
#[test]
fn labels_over_words_placeholder_are_fields_and_parts_are_headings() {
    let slot = "Click or tap here to enter text.";
    let t = learned_from_blank(&format!("Library outreach return 2025\nLibrary\n{slot}\nContact person\n{slot}\nTelephone\n{slot}\n\nPart 1 – Reach\n1.1 Which groups did you reach?\n{slot}\nPart 2 – Programmes\n2.1 Which programmes ran outside the library?\n{slot}\n"));
    assert_eq!(field_names(&t), ["Library", "Contact person", "Telephone"]);
    let roles: Vec<Option<Role>> = t.fields_of(Some(0)).iter().map(|f| f.role).collect();
    assert_eq!(
        roles,
        [Some(Role::Sender), Some(Role::Contact), Some(Role::Phone)]
    );
    let headings: Vec<&str> = (t.variants[0].areas.iter())
        .map(|a| a.heading.as_str())
        .collect();
    assert_eq!(headings, ["Part 1 – Reach", "Part 2 – Programmes"]);
}

/// A blank that shows an example in each header field ("Verksamhetsutövare:
/// Exempelbolaget AB") teaches the fields and what a sender must replace:
/// the sender's example is the form's generic sender, the others are
/// placeholders. A subtitle of parts set apart is no label, and of two
/// fields that name the sender the first is the sender.
#[test]
fn a_blanks_example_values_are_its_generic_sender_and_placeholders() {
    let slot = "Klicka här för att ange text.";
    let t = learned_from_blank(&format!("Miljörapport 2024\nÖdeborgs kommun – Miljöförvaltningen, tillsynsenheten\nVerksamhetsutövare: Exempelbolaget AB\nNämnd/styrelse: Styrelsen\nKontaktperson: Förnamn Efternamn\nE-post: fornamn.efternamn@foretaget.se\n\n1.1 Beskriv verksamheten.\n{slot}\n1.2 Vilka åtgärder har vidtagits?\n{slot}\n"));
    assert_eq!(
        field_names(&t),
        [
            "Verksamhetsutövare",
            "Nämnd/styrelse",
            "Kontaktperson",
            "E-post"
        ]
    );
    let roles: Vec<Option<Role>> = t.fields_of(Some(0)).iter().map(|f| f.role).collect();
    assert_eq!(
        roles,
        [
            Some(Role::Sender),
            None,
            Some(Role::Contact),
            Some(Role::Email)
        ]
    );
    assert_eq!(t.generic_namnd, ["Exempelbolaget AB"]);
    for example in ["Förnamn Efternamn", "fornamn.efternamn@foretaget.se"] {
        assert!(t.placeholders.iter().any(|p| p == example), "{example}");
    }
}
