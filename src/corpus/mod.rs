//! Near-duplicate detection across submissions: the algorithms behind
//! DUP001, DUP002 and DUP004 (the rules themselves word the findings).
//!
//! Comparing all pairs does not scale, so each submission is reduced to a
//! [`Fingerprint`] while it is parsed: a hash of its answers for identical
//! copies, a MinHash signature for near copies, and hashes of its answer
//! paragraphs for text copied between senders. Candidate pairs come from
//! banding the signatures (LSH); only those are verified exactly, by a word
//! diff of the answers aligned by question, after parsing both files again.

pub mod answers;
pub mod diff;
pub mod minhash;

use std::collections::BTreeMap;
use std::hash::Hasher;

use rayon::prelude::*;
use rustc_hash::{FxHashSet, FxHasher};

use std::path::Path;

use crate::form::{Role, Submission};
use crate::normalize::Pos;
use answers::Answer;

/// Submissions with fewer answer words are not compared as a whole.
pub const MIN_WORDS: usize = 20;
/// By default, answer paragraphs with fewer words are too generic to count
/// as copied (`min-words` in the configuration).
pub const MIN_PARAGRAPH_WORDS: usize = 8;

/// What near-duplicate detection keeps of a submission.
#[derive(Debug, Clone)]
pub struct Fingerprint {
    /// Words over all answers.
    pub words: usize,
    /// Hash of all answers' words, aligned by question: equal for identical
    /// answers whatever the formatting.
    pub exact: u64,
    pub signature: Option<Box<minhash::Signature>>,
    /// Answer paragraphs long enough to count: (hash of their words, byte
    /// offset in the text, line, question).
    pub paragraphs: Vec<Paragraph>,
    /// The Nämnd value, case-folded (who sent it).
    pub sender: Option<String>,
    /// Where the first answer word is.
    pub first: Pos,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub hash: u64,
    pub line: u32,
    pub column: u32,
    pub question: std::sync::Arc<str>,
}

fn hash_keys<'a>(h: &mut FxHasher, keys: impl Iterator<Item = &'a answers::Token>) {
    keys.for_each(|t| h.write_u64(t.key));
}

/// Reduces a parsed submission to its fingerprint.
pub fn fingerprint(
    sub: &Submission,
    answers: &[Answer],
    min_paragraph_words: usize,
) -> Fingerprint {
    let mut sorted: Vec<&Answer> = answers.iter().collect();
    sorted.sort_by(|a, b| a.question.cmp(&b.question));
    let mut h = FxHasher::default();
    for a in sorted {
        h.write(a.question.as_bytes());
        h.write_u8(0xff);
        hash_keys(&mut h, a.tokens.iter());
        h.write_u8(0xfe);
    }
    let words = answers::word_count(answers);
    let mut paragraphs = Vec::new();
    let para_of = |t: &answers::Token| {
        sub.doc
            .paragraphs
            .partition_point(|p| p.start <= t.start as usize)
    };
    for a in answers {
        for toks in a.tokens.chunk_by(|x, y| para_of(x) == para_of(y)) {
            if toks.len() < min_paragraph_words.max(1) {
                continue;
            }
            let mut ph = FxHasher::default();
            hash_keys(&mut ph, toks.iter());
            let pos = sub.doc.pos(toks[0].start as usize);
            paragraphs.push(Paragraph {
                hash: ph.finish(),
                line: pos.line,
                column: pos.column,
                question: a.question.clone(),
            });
        }
    }
    let first = answers
        .iter()
        .find_map(|a| a.tokens.first())
        .map_or(Pos { line: 1, column: 1 }, |t| {
            sub.doc.pos(t.start as usize)
        });
    Fingerprint {
        words,
        exact: h.finish(),
        signature: if words >= MIN_WORDS {
            minhash::signature(answers).map(Box::new)
        } else {
            None
        },
        paragraphs,
        sender: sub.value(Role::Sender).map(crate::normalize::fold_case),
        first,
    }
}

/// A checked file as near-duplicate detection sees it.
pub struct Entry<'a> {
    pub path: &'a Path,
    pub fp: &'a Fingerprint,
}

/// Parses a file again for exact verification: its submission and answers.
pub type Loader<'a> = dyn Fn(&Path) -> Option<(Submission, Vec<Answer>)> + Sync + 'a;

/// Identical and near-duplicate submissions among a list of entries
/// (indices into it).
#[derive(Debug, Default)]
pub struct Duplicates {
    /// Groups of entries with the same answers, whatever the formatting:
    /// each sorted, with at least two members.
    pub identical: Vec<Vec<usize>>,
    /// Verified near-duplicate pairs `(i, j)`, `i < j`, with their diff.
    pub near: Vec<(usize, usize, diff::PairDiff)>,
    /// Every pair either of them joins.
    pub paired: FxHashSet<(usize, usize)>,
}

/// Finds identical and near-duplicate submissions. `entries` must be sorted
/// by path; `threshold` is the least similarity of a near-duplicate. With
/// `side_by_side`, each near pair keeps its answers aligned for display.
pub fn find_duplicates(
    entries: &[Entry],
    threshold: f64,
    load: &Loader,
    side_by_side: bool,
) -> Duplicates {
    let mut paired: FxHashSet<(usize, usize)> = FxHashSet::default();

    // The same answers, whatever the formatting.
    let mut groups: BTreeMap<u64, Vec<usize>> = BTreeMap::new();
    for (i, e) in entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.fp.words >= MIN_WORDS)
    {
        groups.entry(e.fp.exact).or_default().push(i);
    }
    let identical: Vec<Vec<usize>> = groups.into_values().filter(|m| m.len() > 1).collect();
    // Each file's representative: the first of the files with its answers.
    let mut rep: Vec<usize> = (0..entries.len()).collect();
    for members in &identical {
        for &j in &members[1..] {
            rep[j] = members[0];
            paired.insert((members[0], j));
        }
    }

    // Near copies: candidates from LSH, verified by a word diff. Identical
    // copies are compared once, through their representative.
    let signatures: Vec<Option<minhash::Signature>> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            (rep[i] == i)
                .then(|| e.fp.signature.as_deref().copied())
                .flatten()
        })
        .collect();
    let candidates: Vec<(usize, usize)> = minhash::candidates(&signatures)
        .into_iter()
        .filter(|&(i, j)| {
            let (Some(a), Some(b)) = (&signatures[i], &signatures[j]) else {
                return false;
            };
            minhash::estimate(a, b) >= MIN_ESTIMATE
        })
        .collect();
    let near: Vec<(usize, usize, diff::PairDiff)> = candidates
        .par_iter()
        .filter_map(|&(i, j)| {
            let (a, aa) = load(entries[i].path)?;
            let (b, ba) = load(entries[j].path)?;
            let mut d = diff::compare(&a, &aa, &b, &ba);
            if d.similarity < threshold || d.changes.is_empty() {
                return None;
            }
            if side_by_side {
                d.aligned = Some(diff::side_by_side(&a, &aa, &b, &ba));
            }
            Some((i, j, d))
        })
        .collect();
    paired.extend(near.iter().map(|&(i, j, _)| (i, j)));
    Duplicates {
        identical,
        near,
        paired,
    }
}

/// Estimated similarity (MinHash, Jaccard of shingles) of the pairs of
/// entries at or above `floor`: every pair when there are few enough to
/// compare all, else the LSH candidates. Sorted by (i, j).
pub fn similar_pairs(entries: &[Entry], floor: f64) -> Vec<(usize, usize, f32)> {
    const ALL_PAIRS_UP_TO: usize = 3000;
    let sigs: Vec<Option<&minhash::Signature>> =
        entries.iter().map(|e| e.fp.signature.as_deref()).collect();
    let pairs: Vec<(usize, usize)> = if entries.len() <= ALL_PAIRS_UP_TO {
        (0..entries.len())
            .flat_map(|i| (i + 1..entries.len()).map(move |j| (i, j)))
            .collect()
    } else {
        let owned: Vec<Option<minhash::Signature>> = sigs.iter().map(|s| s.copied()).collect();
        minhash::candidates(&owned)
    };
    pairs
        .into_par_iter()
        .filter_map(|(i, j)| {
            let e = minhash::estimate(sigs[i]?, sigs[j]?);
            (e >= floor).then_some((i, j, e as f32))
        })
        .collect()
}

/// The least estimated Jaccard similarity worth verifying. Two submissions
/// 85% alike by words, with the changes scattered, keep about 0.85³ of their
/// three-word shingles: Jaccard ≈ 0.44. 0.35 leaves room for the estimate's
/// noise (about ±0.05 with 100 minima) and drops pairs that merely share
/// common phrases (unrelated generated submissions reach 0.30).
const MIN_ESTIMATE: f64 = 0.35;
