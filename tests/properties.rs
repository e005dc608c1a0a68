//! Property tests: normalisation is idempotent and maps every character
//! back into the source; parsing never panics; output does not depend on
//! the order files are named in.

use dubbelkoll::form::Form;
use dubbelkoll::normalize::{normalize, normalize_paragraphs};
use proptest::prelude::*;

/// Text made of the characters exports are made of, and their troubles.
fn export_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Nämnd",
        "Telefon",
        "E-post",
        "Beskriv",
        "samverkan",
        "Sätra",
        "åäö",
        "ÅÄÖ",
        " ",
        " ",
        "  ",
        "\n",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "\t",
        "•",
        "- ",
        "* ",
        "–",
        "·",
        "\u{f0b7}",
        "*",
        "_",
        "**",
        "”",
        "“",
        "„",
        "’",
        "…",
        "\u{a0}",
        "\u{200b}",
        "\u{feff}",
        "\u{ad}",
        "/",
        "/-",
        "-",
        "--",
        ".",
        "?",
        ":",
        "a\u{308}",
        "e\u{301}",
        "N/A",
        "1.",
        "2022",
        "Klicka här för att ange text.",
        "x",
        "\u{1F600}",
        "\u{2028}",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
}

fn lines(s: &str) -> Vec<&str> {
    // The normaliser's own line splitting: \n, \r\n, \r.
    let mut out = Vec::new();
    let mut rest = s;
    loop {
        match rest.find(['\n', '\r']) {
            Some(i) => {
                out.push(&rest[..i]);
                rest = &rest[i + if rest[i..].starts_with("\r\n") { 2 } else { 1 }..];
            }
            None => {
                out.push(rest);
                return out;
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn normalising_twice_changes_nothing(src in export_text()) {
        let once = normalize(&src);
        prop_assert_eq!(&normalize(&once.text).text, &once.text);
        let once = normalize_paragraphs(&src);
        prop_assert_eq!(&normalize_paragraphs(&once.text).text, &once.text);
    }

    #[test]
    fn every_position_maps_to_a_source_line_and_column(src in export_text()) {
        for doc in [normalize(&src), normalize_paragraphs(&src)] {
            let source_lines = lines(&src);
            for (off, _) in doc.text.char_indices() {
                let p = doc.pos(off);
                prop_assert!(p.line >= 1 && (p.line as usize) <= source_lines.len(), "line {} of {}", p.line, source_lines.len());
                let width = source_lines[p.line as usize - 1].chars().count().max(1);
                prop_assert!(p.column >= 1 && p.column as usize <= width, "{:?} in {:?}", p, source_lines[p.line as usize - 1]);
            }
        }
    }

    #[test]
    fn parsing_and_rules_never_panic(src in export_text()) {
        let form = Form::builtin();
        let sub = form.parse(normalize(&src));
        let checked = dubbelkoll::rules::FileContext::new(std::path::Path::new("p.txt"), &sub, &form);
        for f in dubbelkoll::rules::check_file(&checked, &Default::default()) {
            prop_assert!(f.line >= 1 && f.column >= 1);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// The JSON report is the same bytes whatever order the files are named
    /// in and however many threads run.
    #[test]
    fn json_does_not_depend_on_file_order_or_threads(order in Just((0..8usize).collect::<Vec<_>>()).prop_shuffle(), threads in 1usize..4) {
        let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let mut files: Vec<std::path::PathBuf> = ["fixtures/seeds", "fixtures/word"]
            .iter()
            .flat_map(|d| std::fs::read_dir(root.join(d)).unwrap().map(|e| e.unwrap().path()))
            .collect();
        files.sort();
        prop_assume!(files.len() == 8);
        let form = Form::builtin();
        let options = dubbelkoll::check::Options::for_form(&form);
        let run = |paths: &[std::path::PathBuf], n: usize| {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(n).build().unwrap();
            let outcome = pool.install(|| dubbelkoll::check::check_paths(paths, &form, &options).unwrap());
            dubbelkoll::report::Format::Json.render(&outcome)
        };
        let shuffled: Vec<std::path::PathBuf> = order.iter().map(|&i| files[i].clone()).collect();
        prop_assert_eq!(run(&shuffled, threads), run(&files, 2));
    }
}
