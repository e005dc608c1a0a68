//! Near-duplicate detection on a generated corpus: every planted pair is
//! found, nothing else is reported, and the output does not depend on the
//! thread count.

#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

use std::collections::BTreeSet;
use std::path::Path;

use dubbelkoll::check::{check_paths, Options};
use dubbelkoll::form::Form;

fn name(p: &std::path::Path) -> String {
    Path::new(p)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

#[test]
fn planted_pairs_are_found_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let planted = gen_corpus::generate(400, dir.path(), 11).unwrap();
    assert!(
        planted.len() >= 10,
        "the corpus plants pairs: {}",
        planted.len()
    );
    let form = Form::builtin();
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            check_paths(&[dir.path().to_path_buf()], &form, &Options::default()).unwrap()
        })
    };
    let outcome = run(2);
    let expected: BTreeSet<(String, String, &str)> = planted
        .iter()
        .map(|(a, b, kind)| {
            let (a, b) = if a < b { (a, b) } else { (b, a) };
            (
                a.clone(),
                b.clone(),
                if *kind == "near" { "DUP001" } else { "DUP002" },
            )
        })
        .collect();
    let reported: BTreeSet<(String, String, &str)> = outcome
        .findings
        .iter()
        .filter(|f| f.rule == "DUP001" || f.rule == "DUP002")
        .map(|f| (name(&f.path), name(&f.related[0].path), f.rule))
        .collect();
    assert_eq!(reported, expected);
    // Generated answers are unrelated: no copied paragraphs or repeated answers.
    assert!(!outcome
        .findings
        .iter()
        .any(|f| f.rule == "DUP003" || f.rule == "DUP004"));
    // Every near-duplicate lists its changes, each with lines on both sides.
    for f in outcome.findings.iter().filter(|f| f.rule == "DUP001") {
        let changes = f.changes.as_ref().unwrap();
        assert!(!changes.is_empty() && changes.len() <= 10, "{}", f.message);
        assert!(f.similarity.unwrap() >= 0.85 && f.similarity.unwrap() < 1.0);
        assert!(changes
            .iter()
            .all(|c| c.line > 0 && c.related_line > 0 && (c.old != c.new)));
    }
    // Same findings, in the same order, on one thread.
    assert_eq!(run(1).findings, outcome.findings);
}
