//! Near-duplicate detection on a generated corpus (pairs of versions, and
//! submissions with both a re-export and a near copy): every planted pair's
//! files land in one group, no group mixes unrelated submissions, every
//! version carries its finding, and the output does not depend on the
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
    // Groups: the files of a planted pair share one; a group holds exactly
    // the files planted together; every member carries a finding, DUP002
    // when its nearest version is a re-export of it.
    let dups: Vec<&dubbelkoll::finding::Finding> = outcome
        .findings
        .iter()
        .filter(|f| f.rule == "DUP001" || f.rule == "DUP002")
        .collect();
    let mut groups: std::collections::BTreeMap<&str, BTreeSet<String>> = Default::default();
    for f in &dups {
        groups
            .entry(f.group.as_deref().unwrap())
            .or_default()
            .insert(name(&f.path));
    }
    let mut clusters: Vec<BTreeSet<String>> = Vec::new();
    for (a, b, _) in &planted {
        match clusters.iter_mut().find(|c| c.contains(a) || c.contains(b)) {
            Some(c) => {
                c.insert(a.clone());
                c.insert(b.clone());
            }
            None => clusters.push([a.clone(), b.clone()].into()),
        }
    }
    let mut found: Vec<BTreeSet<String>> = groups.into_values().collect();
    found.sort();
    clusters.sort();
    assert_eq!(found, clusters);
    assert!(
        clusters.iter().filter(|c| c.len() == 3).count() >= 2,
        "three-version submissions are planted"
    );
    let kinds: BTreeSet<(String, String, &str)> = expected
        .iter()
        .filter(|(a, b, _)| {
            clusters
                .iter()
                .any(|c| c.len() == 2 && c.contains(a) && c.contains(b))
        })
        .cloned()
        .collect();
    let reported: BTreeSet<(String, String, &str)> = dups
        .iter()
        .map(|f| {
            let (a, b) = (name(&f.path), name(&f.related[0].path));
            let (a, b) = if a < b { (a, b) } else { (b, a) };
            (a, b, f.rule)
        })
        .filter(|(a, _, _)| clusters.iter().any(|c| c.len() == 2 && c.contains(a)))
        .collect();
    assert_eq!(
        reported, kinds,
        "pairs: DUP001 for near copies, DUP002 for re-exports"
    );
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

/// Two versions of a submission, then a third: the first two findings keep
/// their fingerprints (a baseline keeps accepting them), and the versions
/// are ordered by the date each states, the newest last.
#[test]
fn versions_keep_their_fingerprints_and_are_ordered_by_their_dates() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds");
    let text = std::fs::read_to_string(seeds.join("004_3d60a64d12cd5465.txt")).unwrap();
    let dated =
        |date: &str, word: &str| format!("Datum: {date}\n\n{}", text.replacen("Sättra", word, 1));
    // Named against their dates: the order must come from the dates.
    std::fs::write(dir.path().join("a.txt"), dated("2022-05-20", "Sätra")).unwrap();
    std::fs::write(dir.path().join("b.txt"), dated("2022-05-02", "Sättra")).unwrap();
    let form = Form::builtin();
    let run = || check_paths(&[dir.path().to_path_buf()], &form, &Options::default()).unwrap();
    let fingerprints = |o: &dubbelkoll::check::Outcome| -> Vec<(String, String)> {
        o.findings
            .iter()
            .filter(|f| f.group.is_some())
            .map(|f| (name(&f.path), f.fingerprint()))
            .collect()
    };
    let two = run();
    let versions: Vec<(String, String)> = two
        .findings
        .iter()
        .filter(|f| f.group.is_some())
        .map(|f| (name(&f.path), f.message.clone()))
        .collect();
    assert!(
        versions[0]
            .1
            .starts_with("version 2 of 2 of one submission, the newest"),
        "{versions:?}"
    );
    assert!(
        versions[1]
            .1
            .starts_with("version 1 of 2 of one submission;"),
        "{versions:?}"
    );
    std::fs::write(dir.path().join("c.txt"), dated("2022-06-01", "Sätraa")).unwrap();
    let three = run();
    let before = fingerprints(&two);
    let after = fingerprints(&three);
    assert_eq!(after.len(), 3);
    for fp in &before {
        assert!(
            after.contains(fp),
            "{fp:?} changed when a version was added"
        );
    }
    let c = three
        .findings
        .iter()
        .find(|f| f.group.is_some() && name(&f.path) == "c.txt")
        .unwrap();
    assert!(
        c.message
            .starts_with("version 3 of 3 of one submission, the newest"),
        "{}",
        c.message
    );
}
