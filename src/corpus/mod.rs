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
pub mod sender;

use std::collections::BTreeMap;
use std::hash::Hasher;

use rayon::prelude::*;
use rustc_hash::FxHasher;

use std::path::Path;

use crate::form::Submission;
use crate::normalize::Pos;
use answers::Answer;

/// Submissions with fewer answer words are not compared as a whole.
pub const MIN_WORDS: usize = 20;
/// By default, answer paragraphs with fewer words are too generic to count
/// as copied (`min-words` in the configuration).
pub const MIN_PARAGRAPH_WORDS: usize = 8;

/// What near-duplicate detection keeps of a submission.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Fingerprint {
    /// Words over all answers.
    pub words: usize,
    /// Hash of all answers' words, aligned by question: equal for identical
    /// answers whatever the formatting.
    pub exact: u64,
    #[serde(with = "minhash::serde_signature")]
    pub signature: Option<Box<minhash::Signature>>,
    /// Answer paragraphs long enough to count: (hash of their words, byte
    /// offset in the text, line, question).
    pub paragraphs: Vec<Paragraph>,
    /// Where the first answer word is.
    pub first: Pos,
    /// The latest date the submission states before its first question
    /// (`Datum: 2022-05-12`), as yyyymmdd.
    pub stated: Option<u32>,
}

/// Swedish and English month names, as they begin.
const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
];

/// The dates in a text, as yyyymmdd: `2022-05-12`, `12/5/2022`,
/// `12.5.2022` and `12 maj 2022`.
fn dates(text: &str) -> Vec<u32> {
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let mut parts = w.trim_matches(|c: char| !c.is_ascii_digit()).split('-');
        if let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        {
            if let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) {
                if (1000..10000).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d) {
                    out.push(y * 10000 + m * 100 + d);
                }
            }
        }
        // Day first: 12/5/2022, 12.5.2022.
        let mut dmy = w
            .trim_matches(|c: char| !c.is_ascii_digit())
            .split(['/', '.']);
        if let (Some(d), Some(m), Some(y), None) = (dmy.next(), dmy.next(), dmy.next(), dmy.next())
        {
            if let (Ok(d), Ok(m), Ok(y)) = (d.parse::<u32>(), m.parse::<u32>(), y.parse::<u32>()) {
                if (1990..2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d) {
                    out.push(y * 10000 + m * 100 + d);
                }
            }
        }
        let Ok(d) = w.parse::<u32>() else { continue };
        if let (Some(m), Some(y)) = (
            words.get(i + 1).map(|m| m.to_lowercase()),
            words
                .get(i + 2)
                .and_then(|y| y.trim_end_matches('.').parse::<u32>().ok()),
        ) {
            let month = MONTHS.iter().position(|p| {
                m.starts_with(p)
                    || (*p == "maj" && m.starts_with("may"))
                    || (*p == "okt" && m.starts_with("oct"))
            });
            if let Some(month) =
                month.filter(|_| (1..=31).contains(&d) && (1990..2100).contains(&y))
            {
                out.push(y * 10000 + (month as u32 + 1) * 100 + d);
            }
        }
    }
    out
}

/// The latest date stated in a submission's header (the units before its
/// first question or heading): when it was written.
fn stated_date(sub: &Submission) -> Option<u32> {
    let first = (sub.questions.iter().filter_map(|q| q.found.as_ref()))
        .chain(sub.headings.iter().map(|(_, f)| f))
        .map(|f| f.units.start)
        .min()
        .unwrap_or(sub.doc.units.len());
    (0..first).flat_map(|u| dates(sub.doc.unit_text(u))).max()
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
        // The answer's tokens, cut where a paragraph starts (they are in
        // text order).
        let mut rest = a.tokens.as_slice();
        let runs = std::iter::from_fn(|| {
            let first = rest.first()?;
            let next = (sub.doc.paragraphs.get(para_of(first))).map_or(usize::MAX, |p| p.start);
            let (run, after) = rest.split_at(rest.partition_point(|t| (t.start as usize) < next));
            rest = after;
            Some(run)
        });
        for toks in runs {
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
        first,
        stated: stated_date(sub),
    }
}

/// A checked file as near-duplicate detection sees it.
pub struct Entry<'a> {
    pub path: &'a Path,
    pub fp: &'a Fingerprint,
    /// Who sent it, as far as its header tells.
    pub sender: &'a sender::Sender,
}

/// Parses a file again for exact verification: its submission and answers.
pub type Loader<'a> = dyn Fn(&Path) -> Option<(Submission, Vec<Answer>)> + Sync + 'a;

/// One edge of a group's spanning tree: two versions, and their diff
/// (`None`: identical answers).
#[derive(Debug)]
pub struct Edge {
    pub a: usize,
    pub b: usize,
    pub diff: Option<diff::PairDiff>,
    /// What the two headers say of the senders: [`sender::Verdict::Same`]
    /// or, in a group, [`sender::Verdict::Unknown`] (never different).
    pub verdict: sender::Verdict,
}

impl Edge {
    pub fn similarity(&self) -> f64 {
        self.diff.as_ref().map_or(1.0, |d| d.similarity)
    }
}

/// The versions of one submission: files joined by identical answers or a
/// verified near-duplicate, and the edges of a spanning tree over them (the
/// most alike pairs first), so that k versions cost about k diffs.
#[derive(Debug, Default)]
pub struct Group {
    /// Entry indices, ascending.
    pub members: Vec<usize>,
    pub edges: Vec<Edge>,
}

impl Group {
    /// Whether no header said its members come from one sender: they are
    /// versions by their answers' similarity alone.
    pub fn by_similarity_only(&self) -> bool {
        self.edges
            .iter()
            .all(|e| e.verdict == sender::Verdict::Unknown)
    }

    /// The member most alike to `m` of those next to it in the tree, and
    /// the edge between them; ties go to the lower index.
    pub fn nearest(&self, m: usize) -> Option<(usize, &Edge)> {
        self.edges
            .iter()
            .filter_map(|e| {
                let other = if e.a == m {
                    e.b
                } else if e.b == m {
                    e.a
                } else {
                    return None;
                };
                Some((other, e))
            })
            .max_by(|x, y| {
                x.1.similarity()
                    .total_cmp(&y.1.similarity())
                    .then(y.0.cmp(&x.0))
            })
    }
}

/// Identical and near-duplicate submissions among a list of entries.
#[derive(Debug, Default)]
pub struct Duplicates {
    /// Groups of two or more versions, by their first member.
    pub groups: Vec<Group>,
    /// Each entry's group, if it has one.
    pub group_of: Vec<Option<usize>>,
    /// Files from different senders whose answers are as alike as
    /// versions' (identical when the diff is `None`): copied answers, never
    /// versions. One pair for each two groups (or lone files) so linked,
    /// the most alike found; sorted by (a, b), `a < b`.
    pub copies: Vec<Edge>,
}

/// Union-find over entries, each set remembering the distinct senders of
/// its members so that no union joins two files from different senders.
struct Sets<'a> {
    parent: Vec<usize>,
    /// Per root: members with distinct sender values (one each).
    senders: Vec<Vec<usize>>,
    entries: &'a [Entry<'a>],
}

impl<'a> Sets<'a> {
    fn new(entries: &'a [Entry<'a>]) -> Sets<'a> {
        Sets {
            parent: (0..entries.len()).collect(),
            senders: (0..entries.len()).map(|i| vec![i]).collect(),
            entries,
        }
    }

    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    /// Whether the sets of `a` and `b` may be one: no member of either
    /// has a sender that differs from one of the other's.
    fn compatible(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        let e = self.entries;
        self.senders[ra].iter().all(|&x| {
            (self.senders[rb].iter())
                .all(|&y| e[x].sender.compare(e[y].sender) != sender::Verdict::Different)
        })
    }

    /// Joins the sets of `a` and `b`; false when they were one already.
    fn union(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return false;
        }
        let (root, child) = (ra.min(rb), ra.max(rb));
        self.parent[child] = root;
        let moved = std::mem::take(&mut self.senders[child]);
        for m in moved {
            if !(self.senders[root].iter())
                .any(|&x| self.entries[x].sender == self.entries[m].sender)
            {
                self.senders[root].push(m);
            }
        }
        true
    }
}

/// Records a copy between the sets of `a` and `b`, unless one was found
/// between them before.
fn record_copy(
    sets: &mut Sets,
    copied: &mut rustc_hash::FxHashSet<(usize, usize)>,
    copies: &mut Vec<Edge>,
    (a, b): (usize, usize),
    diff: Option<diff::PairDiff>,
) {
    let (ra, rb) = (sets.find(a), sets.find(b));
    if copied.insert((ra.min(rb), ra.max(rb))) {
        copies.push(Edge {
            a: a.min(b),
            b: a.max(b),
            diff: diff.map(|d| if a < b { d } else { d.flipped() }),
            verdict: sender::Verdict::Different,
        });
    }
}

/// Candidate pairs verified at once: large enough to keep every core busy,
/// small enough that few are verified after their files were joined.
const BATCH: usize = 1024;

/// Finds the versions of each submission. `entries` must be sorted by path;
/// `threshold` is the least similarity of a near-duplicate. Files whose
/// senders differ are never versions of one another: alike as versions
/// are, they are copies. With `side_by_side`, each near pair keeps its
/// answers aligned for display.
pub fn find_duplicates(
    entries: &[Entry],
    threshold: f64,
    load: &Loader,
    side_by_side: bool,
) -> Duplicates {
    let mut sets = Sets::new(entries);
    let mut edges: Vec<Edge> = Vec::new();
    let mut copies: Vec<Edge> = Vec::new();
    // Pairs of sets (by root) between which a copy was found.
    let mut copied: rustc_hash::FxHashSet<(usize, usize)> = Default::default();
    let verdict = |a: usize, b: usize| entries[a].sender.compare(entries[b].sender);
    // The same answers, whatever the formatting: joined to the first of
    // the same sender; one of another sender is a copy.
    let mut same: BTreeMap<u64, Vec<usize>> = BTreeMap::new();
    for (i, e) in entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.fp.words >= MIN_WORDS)
    {
        same.entry(e.fp.exact).or_default().push(i);
    }
    let mut rep: Vec<usize> = (0..entries.len()).collect();
    for members in same.values().filter(|m| m.len() > 1) {
        // The first member of each set made of this bucket.
        let mut firsts: Vec<usize> = vec![members[0]];
        for &j in &members[1..] {
            match firsts.iter().copied().find(|&f| sets.compatible(f, j)) {
                Some(f) => {
                    rep[j] = f;
                    sets.union(f, j);
                    edges.push(Edge {
                        a: f,
                        b: j,
                        diff: None,
                        verdict: verdict(f, j),
                    });
                }
                None => {
                    record_copy(&mut sets, &mut copied, &mut copies, (firsts[0], j), None);
                    firsts.push(j);
                }
            }
        }
    }

    // Near copies: candidates from LSH among representatives, the most
    // alike first, verified by a word diff in parallel batches; a pair
    // whose files are already one group is not verified, nor one between
    // two sets of different senders already known to share a copy.
    let signatures: Vec<Option<minhash::Signature>> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            (rep[i] == i)
                .then(|| e.fp.signature.as_deref().copied())
                .flatten()
        })
        .collect();
    let mut candidates: Vec<(f64, usize, usize)> = minhash::candidates(&signatures, MIN_ESTIMATE)
        .into_iter()
        .filter_map(|(i, j)| {
            let est = minhash::estimate(signatures[i].as_ref()?, signatures[j].as_ref()?);
            (est >= MIN_ESTIMATE).then_some((est, i, j))
        })
        .collect();
    candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let mut next = 0;
    while next < candidates.len() {
        // Planned as if every pair of the batch were verified: a pair the
        // batch itself would join is left for a later batch, where it is
        // skipped if the join held.
        let mut planned: Vec<usize> = sets.parent.clone();
        let planned_find = |p: &mut Vec<usize>, mut i: usize| {
            while p[i] != i {
                p[i] = p[p[i]];
                i = p[i];
            }
            i
        };
        let mut batch = Vec::with_capacity(BATCH);
        let mut deferred = Vec::new();
        while next < candidates.len() && batch.len() < BATCH {
            let (_, i, j) = candidates[next];
            next += 1;
            let (ri, rj) = (sets.find(i), sets.find(j));
            if ri == rj || copied.contains(&(ri.min(rj), ri.max(rj))) {
                continue;
            }
            if !sets.compatible(i, j) {
                // Verified only to tell whether it is a copy.
                batch.push((i, j));
                continue;
            }
            let (pi, pj) = (planned_find(&mut planned, i), planned_find(&mut planned, j));
            if pi != pj {
                planned[pi.max(pj)] = pi.min(pj);
                batch.push((i, j));
            } else {
                deferred.push(candidates[next - 1]);
            }
        }
        if !deferred.is_empty() {
            // Back in line, before the rest and in the same order.
            candidates.splice(next..next, deferred);
        }
        let verified: Vec<(usize, usize, diff::PairDiff)> = batch
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
        for (i, j, d) in verified {
            if sets.find(i) == sets.find(j) {
                continue;
            }
            if sets.compatible(i, j) {
                sets.union(i, j);
                edges.push(Edge {
                    a: i,
                    b: j,
                    diff: Some(d),
                    verdict: verdict(i, j),
                });
            } else {
                record_copy(&mut sets, &mut copied, &mut copies, (i, j), Some(d));
            }
        }
    }

    let mut by_root: BTreeMap<usize, Group> = BTreeMap::new();
    for e in edges {
        by_root.entry(sets.find(e.a)).or_default().edges.push(e);
    }
    let mut group_of = vec![None; entries.len()];
    let mut groups: Vec<Group> = by_root.into_values().collect();
    for (g, group) in groups.iter_mut().enumerate() {
        let mut members: Vec<usize> = group.edges.iter().flat_map(|e| [e.a, e.b]).collect();
        members.sort_unstable();
        members.dedup();
        for &m in &members {
            group_of[m] = Some(g);
        }
        group.members = members;
    }
    copies.sort_by_key(|e| (e.a, e.b));
    Duplicates {
        groups,
        group_of,
        copies,
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
        minhash::candidates(&owned, floor)
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

#[cfg(test)]
mod tests {
    use super::dates;

    #[test]
    fn dates_in_the_usual_swedish_and_iso_forms() {
        assert_eq!(
            dates("Datum: 2022-05-03, inlämnad 20/05/2022 och 3.6.2022"),
            [20220503, 20220520, 20220603]
        );
        assert_eq!(dates("Stockholm 12 maj 2022."), [20220512]);
        // Not dates: version numbers, phone numbers, impossible months.
        assert!(dates("version 1.2.3, tel 08-508 100 51, 31/13/2022").is_empty());
    }
}
