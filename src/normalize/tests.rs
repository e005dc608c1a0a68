use super::*;

const SEED_000: &str = include_str!("../../fixtures/seeds/000_ca6330e93721227c.txt");
const SEED_001: &str = include_str!("../../fixtures/seeds/001_2758bf6a10e7fa1d.txt");
const SEED_004: &str = include_str!("../../fixtures/seeds/004_3d60a64d12cd5465.txt");

fn para_containing<'a>(doc: &'a Doc, needle: &str) -> &'a str {
    doc.paragraphs
        .iter()
        .map(|r| &doc.text[r.clone()])
        .find(|p| p.contains(needle))
        .unwrap_or_else(|| panic!("no paragraph contains {needle:?}"))
}

/// The two exports of Skärholmen's submission differ in four words only;
/// everything else (wraps, quotes, bullets, emphasis, `--`) is normalisation.
#[test]
fn pdf_and_word_exports_normalise_to_the_same_words_but_four() {
    let a = normalize(SEED_001);
    let b = normalize(SEED_004);
    let wa: Vec<&str> = a.text.split_whitespace().collect();
    let wb: Vec<&str> = b.text.split_whitespace().collect();
    let diff = similar::capture_diff_slices(similar::Algorithm::Myers, &wa, &wb);
    let mut changes = Vec::new();
    for op in diff {
        let (tag, old, new) = op.as_tag_tuple();
        if tag != similar::DiffTag::Equal {
            changes.push((wa[old].join(" "), wb[new].join(" ")));
        }
    }
    let expected = [
        ("Sätra)", "Sättra)"),
        ("Skärholmenspecifika", "Skärholmensspecifika"),
        ("seriositetsprövning.", "seriositetsprovning."),
        ("vid", "vis"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(changes, expected);
}

#[test]
fn hard_wraps_join_and_slash_hyphen_continuations_close_up() {
    let a = normalize(SEED_001);
    assert!(
        para_containing(&a, "företagsorganisationer/-grupper. Enligt förslag")
            .starts_with("Stadsdelsförvaltningen har en löpande dialog")
    );
    assert!(a.text.contains("unika potential/förutsättningar)"));
    assert!(!a.text.contains('”'));
}

#[test]
fn double_spaced_pdf_export_joins_across_single_empty_lines() {
    let doc = normalize(SEED_000);
    let p = para_containing(&doc, "stötta näringslivet fortskrider");
    assert!(p.starts_with("För att nå resultat"), "{p}");
    assert!(p.ends_with("pågående näringslivsarbete."), "{p}");
    // Each surviving line is still a unit of its own.
    assert!(doc
        .units
        .iter()
        .any(|u| doc.unit_text(doc.units.iter().position(|x| x == u).unwrap()) == "Nämnd"));
}

#[test]
fn word_paragraph_split_mid_sentence_is_joined() {
    let doc = normalize(SEED_004);
    assert!(doc.text.contains("Inom platssamverkansarbetet finns forum"));
    assert!(doc
        .text
        .contains("med hänsyn till näringslivet, beskriv också"));
}

#[test]
fn positions_map_back_to_source_lines_and_columns() {
    let a = normalize(SEED_001);
    let at = a.text.find("Sätra").unwrap();
    assert_eq!(
        a.pos(at),
        Pos {
            line: 48,
            column: 79
        }
    );
    let b = normalize(SEED_004);
    let at = b.text.find("Sättra").unwrap();
    assert_eq!(
        b.pos(at),
        Pos {
            line: 26,
            column: 229
        }
    );
    // After a dropped quote and a joined line, columns still line up.
    let at = a.text.find("Växla upp Stockholm\"").unwrap();
    assert_eq!(
        a.pos(at),
        Pos {
            line: 74,
            column: 30
        }
    );
    let at = a.text.find("grupper. Enligt").unwrap();
    assert_eq!(
        a.pos(at),
        Pos {
            line: 62,
            column: 1
        }
    );
}

#[test]
fn every_position_maps_into_the_source() {
    for src in [
        SEED_000,
        SEED_001,
        SEED_004,
        "x\r\ny\rz",
        "  • ”x”\n\n\n*y*",
    ] {
        let doc = normalize(src);
        let lines: Vec<&str> = split_lines(src).collect();
        for (off, _) in doc.text.char_indices() {
            let p = doc.pos(off);
            let line = lines[p.line as usize - 1];
            assert!(
                p.column >= 1 && p.column as usize <= line.chars().count().max(1),
                "{p:?} in {line:?}"
            );
        }
    }
}

#[test]
fn normalising_twice_changes_nothing() {
    for src in [SEED_000, SEED_001, SEED_004] {
        let once = normalize(src);
        let twice = normalize(&once.text);
        assert_eq!(once.text, twice.text);
    }
}

#[test]
fn punctuation_only_lines_break_paragraphs() {
    let doc = normalize("Första stycket\n--\nAndra stycket");
    assert_eq!(doc.paragraphs.len(), 2);
    assert_eq!(doc.text, "Första stycket\n\nAndra stycket");
}

#[test]
fn folds_diacritics_for_names() {
    assert_eq!(fold_diacritics("Tina Åkeson"), "tina akeson");
    assert_eq!(
        fold_diacritics("Pärke Näslund Öhrn Zoé"),
        "parke naslund ohrn zoe"
    );
}

#[test]
fn word_keys_fold_case_at_any_length() {
    for w in [
        "Sätra",
        "ÅÄÖ",
        "Näringslivspolicyn",
        "STADSDELSNÄMNDSOMRÅDETSFÖRUTSÄTTNINGARNAOCHMERATILL",
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ",
        "ÄbcdefghijklmnopqrstuvwxyzABCDEFGHIJ",
    ] {
        assert_eq!(word_key(w), word_key(&w.to_lowercase()), "{w}");
        assert_ne!(word_key(w), word_key(&format!("{w}x")), "{w}");
    }
}

/// Every character below U+0300 is NFC as it stands, which lets the plain
/// path skip the NFC check for Latin text.
#[test]
fn latin_text_below_the_combining_marks_is_nfc() {
    let all: String = (0x20u32..0x300).filter_map(char::from_u32).collect();
    assert!(unicode_normalization::is_nfc(&all));
    // A decomposed "ä" is not, and is composed.
    assert_eq!(normalize("Na\u{308}mnd").text, "Nämnd");
}
