use super::*;
use crate::normalize::normalize;

fn parse(src: &str) -> Submission {
    Form::builtin().parse(normalize(src))
}

fn seed(name: &str) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seeds");
    let path = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(name))
        .unwrap();
    std::fs::read_to_string(path).unwrap()
}

fn variant_name(s: &Submission) -> String {
    s.variant.map_or("none".into(), |v| {
        Form::builtin().template.variants[v].name.clone()
    })
}

#[test]
fn seeds_match_their_form_variant_with_every_question() {
    for (name, variant, expected) in [
        ("000", "kulturnamnd", 3),
        ("001", "stadsdelsnamnd", 8),
        ("002", "stadsdelsnamnd", 8),
        ("003", "stadsdelsnamnd", 8),
        ("004", "stadsdelsnamnd", 8),
    ] {
        let s = parse(&seed(name));
        assert_eq!(variant_name(&s), variant, "seed {name}");
        let found = s.questions.iter().filter(|q| q.found.is_some()).count();
        assert_eq!(
            (found, s.questions.len()),
            (expected, expected),
            "seed {name}"
        );
        assert_eq!(s.report_year, Some(2022), "seed {name}");
    }
}

#[test]
fn header_values_on_the_same_or_the_next_line() {
    let s = parse(&seed("000"));
    assert_eq!(
        s.value(Role::Sender),
        Some("Kulturnämnden: kulturförvaltningen")
    );
    assert_eq!(s.value(Role::Contact), Some("David Jonson"));
    assert_eq!(s.value(Role::Phone), Some("Klicka här för att ange text."));
    assert_eq!(s.value(Role::Email), Some("david.jonsson@stockholm.se"));
    let s = parse(&seed("003"));
    assert_eq!(
        s.value(Role::Sender),
        Some("Hägersten-Älvsjö stadsdelsnämnd")
    );
    assert_eq!(s.value(Role::Phone), Some("08-508 21 083"));
    assert_eq!(s.value(Role::Email), Some("kajsa.parke@stockholm.se"));
    let s = parse(&seed("001"));
    assert_eq!(s.value(Role::Contact), Some("Tina Åkeson"));
    assert_eq!(s.value(Role::Phone), Some("08-508 24 478"));
    let pos = s
        .doc
        .pos(s.role(Role::Email).unwrap().value.clone().unwrap().start);
    assert_eq!((pos.line, pos.column), (24, 1));
}

/// A header table of two fields a row, read as one line by a PDF: each
/// value stops where the next label stands.
#[test]
fn two_fields_on_one_line_are_two_values() {
    let src = seed("003");
    let phone = src.lines().find(|l| l.contains("08-508 21 083")).unwrap();
    let email = src.lines().find(|l| l.contains("kajsa.parke@")).unwrap();
    let src = src
        .replacen(
            phone,
            "Telefon 08-508 21 083    E-post kajsa.parke@stockholm.se",
            1,
        )
        .replacen(email, "", 1);
    let s = parse(&src);
    assert_eq!(s.value(Role::Phone), Some("08-508 21 083"));
    assert_eq!(s.value(Role::Email), Some("kajsa.parke@stockholm.se"));
    // A name written in capitals is no label.
    let src = seed("001").replacen("Tina Åkeson", "Tina Telefon Åkeson", 1);
    assert_eq!(
        parse(&src).value(Role::Contact),
        Some("Tina Telefon Åkeson")
    );
}

/// A PDF wraps a long label over two lines: the value is what follows the
/// whole label, never the label's second half read as a name.
#[test]
fn a_label_wrapped_over_two_lines_is_one_label() {
    let src = seed("003");
    let at = src
        .find("Kontaktperson för eventuella frågor")
        .expect("the label");
    let wrapped = format!(
        "{}Kontaktperson för eventuella\nfrågor{}",
        &src[..at],
        &src[at + "Kontaktperson för eventuella frågor".len()..]
    );
    let s = parse(&wrapped);
    assert_eq!(s.value(Role::Contact), Some("Kajsa Pärke"));
    let contact = s.role(Role::Contact).unwrap();
    assert!(contact.label_unit.is_some());
}

#[test]
fn answers_run_to_the_next_question_even_inside_a_wrapped_paragraph() {
    let s = parse(&seed("001"));
    // Seed 001 runs question 7 into the last line of answer 6 (line 200/201).
    let q6 = s.questions[5].found.as_ref().unwrap();
    assert!(
        s.answer_text(q6).ends_with("platsaktiveringsarbete."),
        "{}",
        s.answer_text(q6)
    );
    let q7 = s.questions[6].found.as_ref().unwrap();
    assert_eq!(s.doc.units[q7.units.start].line, 201);
    assert!(s.answer_text(q7).starts_with("Framåt ska detta arbete"));
    let q4 = s.questions[3].found.as_ref().unwrap();
    assert_eq!(s.answer_text(q4), "N/A");
    let ovriga = &s.sections[0];
    assert_eq!(
        s.answer_text(&ovriga.found),
        "Klicka här för att ange text."
    );
}

#[test]
fn question_broken_over_two_word_paragraphs_is_found() {
    let s = parse(&seed("004"));
    let q4 = s.questions[3].found.as_ref().unwrap();
    assert_eq!(s.doc.units[q4.units.start].line, 69);
    assert_eq!(s.answer_text(q4), "N/A");
}

#[test]
fn reworded_question_still_matches() {
    let src = "Nämnd\nX\n1. Stimulera tillväxt och företagsamhet\n\
        Beskriv hur ni samverkar med det lokala näringslivet inom stadsdelsnämndens område.\nSvar ett.\n\
        Beskriv arbetet med nämndens uppdrag inom Växla upp Stockholm.\nSvar två.\n";
    let s = parse(src);
    assert_eq!(variant_name(&s), "stadsdelsnamnd");
    assert!(s.questions[0].found.is_some());
    assert_eq!(
        s.answer_text(s.questions[1].found.as_ref().unwrap()),
        "Svar två."
    );
}

#[test]
fn deleted_question_is_not_found_and_its_neighbours_are() {
    let src = seed("003").replace(
        "Hur samverkar nämnden för att underlätta för närvaron av kultur i det offentliga rummet?",
        "",
    );
    let s = parse(&src);
    let missing: Vec<usize> = s
        .questions
        .iter()
        .enumerate()
        .filter(|(_, q)| q.found.is_none())
        .map(|(i, _)| i)
        .collect();
    assert_eq!(missing, vec![5]);
}

#[test]
fn text_that_is_no_form_is_unrecognised() {
    let s = parse("Inköpslista\nMjölk\nBröd\n");
    assert!(s.is_unrecognised());
    assert!(s.variant.is_none());
}

#[test]
fn labels_need_a_capital_and_a_word_boundary() {
    let s = parse("nämnd och bolag\nTelefonplan 3\nNämnd: Farsta stadsdelsnämnd\n");
    assert_eq!(s.value(Role::Sender), Some("Farsta stadsdelsnämnd"));
    assert_eq!(s.role(Role::Phone).unwrap().label_unit, None);
}

#[test]
fn a_question_run_together_with_its_answer_is_split_from_it() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/forms/reflowed/003_questions-run-into-answers.txt"),
    )
    .unwrap();
    let s = parse(&text);
    assert!(s.questions.iter().all(|q| q.found.is_some()));
    let first = s.questions[0].found.as_ref().unwrap();
    assert!(s.answer_text(first).starts_with("Under 2022 fortsätter"));
    // The question's line keeps its line number; the answer starts on it.
    assert_eq!(s.answer_pos(first).line, 42);
    // An ordinary sentence that starts like a short item is not split.
    let s = parse(&seed("003").replace("Under 2022 fortsätter", "Övrigt: under 2022 fortsätter"));
    assert!(s.sections.is_empty());
}

/// A one-variant form without `report_year` or filler lists.
fn minimal_form() -> Form {
    Form::new(
        Template::parse(
            "name = \"Miljörapport\"\n\
             [[field]]\nname = \"Förvaltning\"\nlabels = [\"Förvaltning\"]\nrole = \"sender\"\n\
             [[variant]]\nname = \"miljo\"\n[[variant.area]]\nheading = \"1. Energi\"\n\
             questions = [\"Hur har energianvändningen utvecklats under året?\", \"Vilka åtgärder planeras för att minska utsläppen?\"]\n",
            "t.toml",
        )
        .unwrap(),
    )
}

#[test]
fn the_report_year_is_the_forms_own_year_by_default() {
    let s = minimal_form().parse(normalize(
        "Förvaltning\nMiljöförvaltningen\n\nUppföljning av miljöarbetet 2023\n\n1. Energi\n\n\
         Hur har energianvändningen utvecklats under året?\n\nSedan 2019 har den minskat.\n\n\
         Vilka åtgärder planeras för att minska utsläppen?\n\nSolceller 2024.\n",
    ));
    assert_eq!(s.report_year, Some(2023));
    // A year only in the answers is no report year.
    let s = minimal_form().parse(normalize(
        "Förvaltning\nMiljöförvaltningen 2021\n\n1. Energi\n\n\
         Hur har energianvändningen utvecklats under året?\n\nSedan 2019 har den minskat.\n",
    ));
    assert_eq!(s.report_year, None);
}

#[test]
fn fillers_and_closing_sections_do_not_vanish_with_a_minimal_template() {
    let form = minimal_form();
    for non in [
        "N/A",
        "Ej tillämpligt",
        "Se svaret på fråga 1 ovan",
        "Se ovan under fråga 7",
        "Samma som ovan.",
    ] {
        assert!(form.is_non_answer(non), "{non}");
    }
    for real in [
        "Se bilaga 2 för hela planen med alla åtgärder och kostnader.",
        "Nej, men vi ser över frågan.",
    ] {
        assert!(!form.is_non_answer(real), "{real}");
    }
    assert!(form.is_placeholder("Klicka här för att ange text."));
    let s = form.parse(normalize(
        "1. Energi\n\nHur har energianvändningen utvecklats under året?\n\nDen har minskat.\n\n\
         Vilka åtgärder planeras för att minska utsläppen?\n\nSolceller.\n\nÖvriga kommentarer\n\n",
    ));
    assert_eq!(s.sections.len(), 1);
    // A template may turn them off.
    let off = Form::new(
        Template::parse(
            "name = \"x\"\nnon_answers = []\nplaceholders = []\noptional = []\n\
             [[variant]]\nname = \"v\"\n[[variant.area]]\nheading = \"1.\"\nquestions = [\"Q?\"]\n",
            "t.toml",
        )
        .unwrap(),
    );
    assert!(!off.is_non_answer("N/A") && !off.is_non_answer("Se ovan under fråga 7"));
}

/// A submission with every question of the larger form word for word
/// leaves the smaller form's questions unscored; one that has the smaller
/// form's questions keeps the larger form's alive (it could still win).
#[test]
fn only_variants_that_can_still_win_are_scored() {
    let form = Form::builtin();
    let items = &form.items;
    let live_of = |src: &str| {
        let doc = normalize(src);
        let keys = matcher::UnitKeys::new(&doc);
        let candidates = items.candidates(&keys);
        let variants: std::collections::BTreeSet<String> = (candidates.iter())
            .filter_map(|&(_, i, _, _)| items.variant_of(i))
            .map(|v| form.template.variants[v].name.clone())
            .collect();
        variants
    };
    let sdn = live_of(&seed("003"));
    assert_eq!(sdn.into_iter().collect::<Vec<_>>(), ["stadsdelsnamnd"]);
    let kultur = live_of(&seed("000"));
    assert!(
        kultur.contains("kulturnamnd") && kultur.contains("stadsdelsnamnd"),
        "{kultur:?}"
    );
}

#[test]
fn placeholders_are_found_inside_text_in_either_case() {
    let form = Form::builtin();
    for text in [
        "Svar: Klicka här för att ange text. Mer.",
        "Svar: KLICKA HÄR FÖR ATT ANGE TEXT Mer.",
        "Svar: klicka här för att ange text",
    ] {
        assert_eq!(
            form.find_placeholder(text).map(|r| r.start),
            Some(6),
            "{text}"
        );
    }
    assert_eq!(form.find_placeholder("Klicka här för att läsa mer."), None);
}

#[test]
fn labels_that_name_a_person_in_charge_give_the_contact_role() {
    use super::learn::role_of_label;
    for label in [
        "Kontaktperson",
        "Ansvarig handläggare",
        "Course coordinator:",
        "Applicant name",
        "Samordnare",
        "Reported by",
        "Ifylld av",
        "Prepared by:",
        "Principal investigator",
        "Projektledare",
    ] {
        assert_eq!(role_of_label(label), Some(Role::Contact), "{label}");
    }
    // Who sends it: the reporting unit, the department, the organisation
    // a name field names.
    for label in [
        "Reporting unit",
        "Department",
        "Avdelning",
        "Supplier name",
        "Föreningens namn",
        "Idrottsförening",
        "Stadsdelsnämnden",
        "Host institution",
    ] {
        assert_eq!(role_of_label(label), Some(Role::Sender), "{label}");
    }
    // A number names no one, nor does what a compound the kind opens names.
    for label in [
        "Organisation number",
        "Organisationsnummer",
        "Org. nr",
        "Ansökan om föreningsbidrag",
    ] {
        assert_eq!(role_of_label(label), None, "{label}");
    }
    assert_eq!(role_of_label("Course code"), None);
    assert_eq!(role_of_label("E-postadress"), Some(Role::Email));
}

#[test]
fn a_question_may_say_it_is_optional() {
    for q in [
        "4.1 Övriga upplysningar (frivilligt)",
        "Is there anything else you want to tell us? (optional)",
        "Kommentarer (valfritt)",
        "Om ja, beskriv aktiviteterna kort.",
        "3.3 If yes: describe the legal basis.",
        "Only if you answered Yes to 3.2.",
        "Beskriv hur (om ja på fråga 4).",
    ] {
        assert!(super::is_optional_question(q), "{q}");
    }
    assert!(!super::is_optional_question("2. Beskriv ekonomin."));
    // A question that only mentions a condition asks all.
    assert!(!super::is_optional_question(
        "Beskriv vad ni gör om ja-svaren ökar."
    ));
}

/// A question a PDF wrapped onto a second line is learned whole; an
/// answer's lines, and a question that ends on its first line, stay apart.
#[test]
fn a_question_wrapped_by_a_pdf_is_one_line() {
    let texts = |src: &str| -> Vec<String> {
        learn::lines(&normalize(src))
            .into_iter()
            .map(|l| l.text)
            .collect()
    };
    let src = "1.2 Vilka åtgärder har förvaltningen genomfört för att minska\nenergianvändningen?\n\nVi har bytt all belysning till LED och infört\nnärvarostyrning i kontoren. Hur\ngick det?\n\n2.1 Describe how the school records\nconcerns?\n";
    assert_eq!(
        texts(src),
        [
            "1.2 Vilka åtgärder har förvaltningen genomfört för att minska energianvändningen?",
            "Vi har bytt all belysning till LED och infört",
            "närvarostyrning i kontoren. Hur",
            "gick det?",
            "2.1 Describe how the school records concerns?",
        ]
    );
    let kept = "Har ni en plan?\nja, sedan i fjol?\n";
    assert_eq!(texts(kept), ["Har ni en plan?", "ja, sedan i fjol?"]);
}
