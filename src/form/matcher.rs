//! Fuzzy matching of the template's headings, questions and sections
//! against runs of units (source lines).
//!
//! A run of one to [`MAX_RUN`] units is scored against an item by the mean
//! of the character-level normalised Levenshtein similarity and the Dice
//! coefficient of the two word sets. Shared template words counted through
//! a vocabulary index decide which pairs are worth scoring, so a long
//! submission costs a few lookups per line, not a string distance per line
//! and item. Each item is then assigned its best run, best scores first,
//! without overlaps.

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::template::Template;
use super::Found;
use crate::normalize::{sorted_common, tokenize, words, Doc};

/// The most source lines one question may be wrapped over.
const MAX_RUN: usize = 5;
/// The least score that counts as a match.
const MIN_SCORE: f64 = 0.6;
/// The least estimated word overlap worth a closer look (counting only the
/// words that few items share).
const MIN_OVERLAP: f64 = 0.2;
/// The `variant` of an item every variant has (an optional section).
const ANY_VARIANT: usize = usize::MAX;
/// The fewest words of an item found run together with the text after it:
/// shorter ones ("Övrigt") begin ordinary sentences too.
const MIN_JOINED_WORDS: usize = 4;
/// The least word overlap (Dice) a match needs, however alike the letters.
const MIN_DICE: f64 = 0.5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A focus-area heading (area index).
    Heading(usize),
    /// A question (index in the variant's form order).
    Question(usize),
    /// An optional section (index in the template's `optional`).
    Optional(usize),
}

/// Words are compared by a hash of their case-folded letters.
type Word = u64;

#[derive(Debug)]
struct Item {
    /// The form variant the item belongs to.
    variant: usize,
    kind: Kind,
    key: String,
    /// The words in order.
    seq: Vec<Word>,
    /// The words sorted and deduplicated.
    words: Vec<Word>,
    /// How many of `words` are too common to be in the vocabulary index.
    common: usize,
}

/// The items of every variant, prepared for matching.
#[derive(Debug)]
pub struct Items {
    items: Vec<Item>,
    vocab: FxHashMap<Word, Vec<u16>>,
    /// Items by their first word.
    first: FxHashMap<Word, Vec<u16>>,
    /// The most words of an item.
    longest: usize,
}

/// Comparison keys of a document's units.
pub struct UnitKeys<'a> {
    doc: &'a Doc,
    /// The key of every word of the document, in order.
    keys: Vec<Word>,
    /// Per unit, its words in `keys`.
    seq: Vec<Range<usize>>,
}

/// The items found in one document, ordered by position.
#[derive(Debug, Default)]
pub struct Matches {
    found: Vec<(Kind, Range<usize>, f64)>,
}

/// The words of `s` in order, hashed.
fn word_seq(s: &str) -> Vec<Word> {
    tokenize(s, 0).iter().map(|t| t.key).collect()
}

/// How many distinct words a unit holds. A 256-bit filter on the key's low
/// bits finds the new ones; only a word whose bit is taken is looked for
/// among the words before it.
fn distinct_count(w: &[Word]) -> usize {
    let mut seen = [0u64; 4];
    let mut count = 0;
    for (i, &k) in w.iter().enumerate() {
        let (slot, bit) = ((k as usize >> 6) & 3, 1u64 << (k & 63));
        if seen[slot] & bit == 0 || !w[..i].contains(&k) {
            count += 1;
        }
        seen[slot] |= bit;
    }
    count
}

fn sorted_set(mut w: Vec<Word>) -> Vec<Word> {
    w.sort_unstable();
    w.dedup();
    w
}

fn key(s: &str) -> String {
    words(s).collect::<Vec<_>>().join(" ")
}

/// Dice coefficient of two sorted, deduplicated word lists.
fn dice(a: &[Word], b: &[Word]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    2.0 * sorted_common(a, b) as f64 / (a.len() + b.len()) as f64
}

impl Items {
    pub fn new(template: &Template) -> Items {
        let mut items = Vec::new();
        for (v, variant) in template.variants.iter().enumerate() {
            let mut q = 0;
            for (a, area) in variant.areas.iter().enumerate() {
                items.push((v, Kind::Heading(a), area.heading.as_str()));
                for question in &area.questions {
                    items.push((v, Kind::Question(q), question.as_str()));
                    q += 1;
                }
            }
        }
        // Optional sections belong to every variant: listed once. One that
        // a question of the form already asks for is that question.
        let asked: Vec<String> = (template.variants.iter())
            .flat_map(|v| v.questions().map(|(_, q)| key(q)))
            .collect();
        items.extend(
            template
                .optional
                .iter()
                .enumerate()
                .filter(|(_, s)| !asked.iter().any(|q| q.contains(&key(s))))
                .map(|(o, s)| (ANY_VARIANT, Kind::Optional(o), s.as_str())),
        );
        let mut items: Vec<Item> = items
            .into_iter()
            .map(|(variant, kind, text)| {
                let seq = word_seq(text);
                Item {
                    variant,
                    kind,
                    key: key(text),
                    words: sorted_set(seq.clone()),
                    seq,
                    common: 0,
                }
            })
            .collect();
        let mut vocab: FxHashMap<Word, Vec<u16>> = FxHashMap::default();
        for (i, item) in items.iter().enumerate() {
            for &w in &item.words {
                vocab.entry(w).or_default().push(i as u16);
            }
        }
        // Words in many items ("och", "beskriv") say nothing about which
        // item a line is: they are left out of the index.
        let many = items.len() / 4;
        vocab.retain(|_, holders| holders.len() <= many.max(1));
        for item in &mut items {
            item.common = item.words.iter().filter(|w| !vocab.contains_key(w)).count();
        }
        let mut first: FxHashMap<Word, Vec<u16>> = FxHashMap::default();
        for (i, item) in items.iter().enumerate() {
            if let Some(&w) = item.seq.first() {
                first.entry(w).or_default().push(i as u16);
            }
        }
        let longest = items.iter().map(|i| i.seq.len()).max().unwrap_or(0);
        Items {
            items,
            vocab,
            first,
            longest,
        }
    }

    /// Where a paragraph that starts with a heading or question word for
    /// word goes on with other text (an export that ran the question into
    /// its answer): the byte after the item's text, with the punctuation
    /// that closes it ("?", ".", ":"). Splitting the units there lets the
    /// item be found and its answer start after it.
    pub fn joined_items(&self, doc: &Doc) -> Vec<usize> {
        let mut splits = Vec::new();
        for p in &doc.paragraphs {
            let words = doc.words_in(p.clone());
            // Most paragraphs start with a word no item starts with.
            if words
                .first()
                .is_none_or(|w| !self.first.contains_key(&w.key))
            {
                continue;
            }
            // Enough words for the items run together (a heading, then a
            // question), and one after.
            let words = &words[..words.len().min(2 * self.longest + 1)];
            let keys: Vec<Word> = words.iter().map(|w| w.key).collect();
            let mut at = 0;
            // Several items may run together: a heading, then a question.
            while at < keys.len() {
                let longest = self
                    .first
                    .get(&keys[at])
                    .into_iter()
                    .flatten()
                    .map(|&i| &self.items[i as usize].seq)
                    .filter(|seq| seq.len() >= MIN_JOINED_WORDS)
                    .filter(|seq| seq.len() < keys.len() - at && keys[at..].starts_with(seq))
                    .map(Vec::len)
                    .max();
                let Some(n) = longest else { break };
                at += n;
                let end = words[at - 1].end as usize;
                let rest = &doc.text[end..words[at].start as usize];
                let closing =
                    rest.len() - rest.trim_start_matches(|c: char| !c.is_whitespace()).len();
                splits.push(end + closing);
            }
        }
        splits
    }

    /// The variant item `i` belongs to, `None` for an item of any variant.
    #[cfg(test)]
    pub fn variant_of(&self, i: usize) -> Option<usize> {
        Some(self.items[i].variant).filter(|&v| v != ANY_VARIANT)
    }

    /// Every place where an item stands word for word: one to
    /// [`MAX_RUN`] whole units whose words are the item's, in order.
    fn exact_places(&self, keys: &UnitKeys) -> Vec<Candidate> {
        let n = keys.units();
        let mut out = Vec::new();
        for start in 0..n {
            let Some(w) = keys.seq(start).first() else {
                continue;
            };
            for &i in self.first.get(w).map(Vec::as_slice).unwrap_or(&[]) {
                let seq = &self.items[i as usize].seq;
                let mut at = 0;
                for len in 1..=MAX_RUN.min(n - start) {
                    let unit = keys.seq(start + len - 1);
                    if !seq[at..].starts_with(unit) {
                        break;
                    }
                    at += unit.len();
                    if at == seq.len() {
                        out.push((1.0, i as usize, start, len));
                        break;
                    }
                }
            }
        }
        out.sort_by(|a, b| a.2.cmp(&b.2).then(a.1.cmp(&b.1)));
        out
    }

    /// Which items can still matter: an item of a variant with fewer
    /// questions than another variant finds word for word (a lower bound
    /// of what it finds in the end) can only make its own variant lose, so
    /// its places need no scoring. Items of any variant always matter.
    fn live(&self, exact: &[Candidate], unit_count: usize) -> Vec<bool> {
        let variants = (self.items.iter())
            .filter(|i| i.variant != ANY_VARIANT)
            .map(|i| i.variant + 1)
            .max()
            .unwrap_or(0);
        let questions = |v: usize| {
            (self.items.iter())
                .filter(|i| i.variant == v && matches!(i.kind, Kind::Question(_)))
                .count()
        };
        let found: Vec<usize> = (0..variants)
            .map(|v| self.assign(exact, v, unit_count).questions_found())
            .collect();
        let beaten: Vec<bool> = (0..variants)
            .map(|u| (0..variants).any(|v| v != u && found[v] > questions(u)))
            .collect();
        (self.items.iter())
            .map(|i| i.variant == ANY_VARIANT || !beaten[i.variant])
            .collect()
    }

    /// Every place in a document where an item (of any variant that can
    /// still win) matches, with its score: `(score, item, first unit,
    /// units)`.
    pub fn candidates(&self, keys: &UnitKeys) -> Vec<Candidate> {
        let n = keys.units();
        let exact = self.exact_places(keys);
        let live = self.live(&exact, n);
        // An item found word for word, at a place that no other item's
        // word-for-word place overlaps, needs no scoring elsewhere: only
        // word-for-word places score 1, so that place is its own.
        let mut settled = vec![false; self.items.len()];
        for &(_, i, start, len) in &exact {
            let overlaps = (exact.iter())
                .any(|&(_, j, s, l)| j != i && live[j] && s < start + len && start < s + l);
            settled[i] |= live[i] && !overlaps;
        }
        // (item, start, run length, word overlap, word for word)
        let mut rough: Vec<(usize, usize, usize, f64, bool)> = Vec::new();
        let mut overlap = vec![0u32; self.items.len()];
        let mut touched: Vec<usize> = Vec::new();
        let mut best: Vec<Option<(f64, usize)>> = vec![None; self.items.len()];
        let reach = self
            .items
            .iter()
            .map(|i| i.words.len() * 2 + 4)
            .max()
            .unwrap_or(0);
        // Per unit, the items each of its words belongs to: looked up once,
        // not once per run the unit is part of.
        let mut hit_items: Vec<u16> = Vec::new();
        let mut hit_at = Vec::with_capacity(n + 1);
        hit_at.push(0);
        // Only the items still to score are worth a lookup: most words are
        // in none of them, and one bit says so.
        let open = (self.items.iter().enumerate()).filter(|&(i, _)| live[i] && !settled[i]);
        let open_bits = WordBits::new(
            open.flat_map(|(_, item)| &item.words)
                .filter(|w| self.vocab.contains_key(w)),
        );
        let mut ws: Vec<Word> = Vec::new();
        for u in 0..n {
            ws.clear();
            ws.extend((keys.seq(u).iter().copied()).filter(|&w| open_bits.may_hold(w)));
            if ws.len() > 1 {
                ws.sort_unstable();
                ws.dedup();
            }
            for w in &ws {
                if let Some(items) = self.vocab.get(w) {
                    hit_items.extend(
                        (items.iter()).filter(|&&i| live[i as usize] && !settled[i as usize]),
                    );
                }
            }
            hit_at.push(hit_items.len());
        }
        let hits = |u: usize| &hit_items[hit_at[u]..hit_at[u + 1]];
        // Per unit, how many distinct words it has, counted when a run
        // of it touches an item.
        let mut distinct: Vec<Option<usize>> = vec![None; n];
        for start in (0..n).filter(|_| !hit_items.is_empty()) {
            if keys.seq(start).is_empty() {
                continue;
            }
            touched.iter().for_each(|&i| {
                overlap[i] = 0;
                best[i] = None;
            });
            touched.clear();
            for len in 1..=MAX_RUN.min(n - start) {
                let u = start + len - 1;
                for &i in hits(u) {
                    if overlap[i as usize] == 0 {
                        touched.push(i as usize);
                    }
                    overlap[i as usize] += 1;
                }
                if touched.is_empty() {
                    continue;
                }
                let run_words: usize = (start..=u)
                    .map(|v| *distinct[v].get_or_insert_with(|| distinct_count(keys.seq(v))))
                    .sum();
                if run_words > reach {
                    break;
                }
                let mut run_set: Option<Vec<Word>> = None;
                for &i in &touched {
                    let item = &self.items[i];
                    if run_words > item.words.len() * 2 + 4 {
                        continue;
                    }
                    let both = (run_words + item.words.len()) as f64;
                    let estimate = 2.0 * overlap[i] as f64 / both;
                    // The most words the run can share with the item: the
                    // indexed ones it holds, and all the item's common ones.
                    let most = 2.0 * (overlap[i] as usize + item.common) as f64 / both;
                    if estimate < MIN_OVERLAP || most < MIN_DICE {
                        continue;
                    }
                    let run_set = run_set
                        .get_or_insert_with(|| sorted_set(keys.run(start..start + len).to_vec()));
                    let d = dice(run_set, &item.words);
                    if d >= MIN_DICE && best[i].is_none_or(|(b, _)| d > b) {
                        best[i] = Some((d, len));
                    }
                }
            }
            for &i in &touched {
                if let Some((d, len)) = best[i] {
                    let exact = keys.run(start..start + len) == self.items[i].seq;
                    rough.push((i, start, len, d, exact));
                }
            }
        }
        // An item found word for word needs no letter-by-letter scoring of
        // its other places: none of them can beat it.
        let mut exact_item = vec![false; self.items.len()];
        for &(i, _, _, _, exact) in &rough {
            exact_item[i] |= exact;
        }
        let mut candidates: Vec<(f64, usize, usize, usize)> = Vec::new();
        for (i, start, len, d, exact) in rough {
            if exact {
                candidates.push((1.0, i, start, len));
                continue;
            }
            if exact_item[i] {
                continue;
            }
            let item = &self.items[i];
            let run_key = key(keys.doc.units_text(start..start + len));
            // Levenshtein similarity is at most the ratio of the lengths.
            let (la, lb) = (run_key.chars().count(), item.key.chars().count());
            if (la.min(lb) as f64 / la.max(lb).max(1) as f64 + d) / 2.0 < MIN_SCORE {
                continue;
            }
            let s = (strsim::normalized_levenshtein(&run_key, &item.key) + d) / 2.0;
            if s >= MIN_SCORE {
                candidates.push((s, i, start, len));
            }
        }
        // Every word-for-word place, also where the rough filter (which
        // counts only the distinctive words) passed it by.
        for &(s, i, start, len) in &exact {
            if live[i]
                && !candidates
                    .iter()
                    .any(|c| (c.1, c.2, c.3) == (i, start, len))
            {
                candidates.push((s, i, start, len));
            }
        }
        // Best score first; ties go to the earlier place, then the earlier item.
        candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.2.cmp(&b.2)).then(a.1.cmp(&b.1)));
        candidates
    }

    /// Assigns the items of one variant their best places, best scores
    /// first, without overlaps.
    pub fn assign(&self, candidates: &[Candidate], variant: usize, unit_count: usize) -> Matches {
        let mut item_used = vec![false; self.items.len()];
        let mut unit_used = vec![false; unit_count];
        let mut found = Vec::new();
        for &(s, i, start, len) in candidates {
            let units = start..start + len;
            let of = self.items[i].variant;
            if (of != variant && of != ANY_VARIANT)
                || item_used[i]
                || unit_used[units.clone()].iter().any(|&u| u)
            {
                continue;
            }
            item_used[i] = true;
            unit_used[units.clone()].iter_mut().for_each(|u| *u = true);
            found.push((self.items[i].kind, units, s));
        }
        found.sort_by_key(|(_, units, _)| units.start);
        Matches { found }
    }
}

/// A place an item matches: (score, item, first unit, number of units).
pub type Candidate = (f64, usize, usize, usize);

impl<'a> UnitKeys<'a> {
    pub fn new(doc: &'a Doc) -> UnitKeys<'a> {
        let keys: Vec<Word> = doc.words.iter().map(|t| t.key).collect();
        let mut seq = Vec::with_capacity(doc.units.len());
        let mut at = 0;
        for u in &doc.units {
            // Words never cross a unit's edge: units are cut at white space
            // and joined by a space or after "-" or "/".
            let from = at + doc.words[at..].partition_point(|t| (t.start as usize) < u.range.start);
            at = from + doc.words[from..].partition_point(|t| (t.start as usize) < u.range.end);
            seq.push(from..at);
        }
        UnitKeys { doc, keys, seq }
    }

    fn units(&self) -> usize {
        self.seq.len()
    }

    /// The words of unit `u` in order.
    fn seq(&self, u: usize) -> &[Word] {
        &self.keys[self.seq[u].clone()]
    }

    /// The words of units `units` in order.
    fn run(&self, units: Range<usize>) -> &[Word] {
        &self.keys[self.seq[units.start].start..self.seq[units.end - 1].end]
    }
}

/// A set of words as bits, one per word's low bits (about 16 bits a word):
/// a word whose bit is clear is surely not in the set.
#[derive(Debug)]
struct WordBits(Vec<u64>);

impl WordBits {
    fn new<'a>(words: impl Iterator<Item = &'a Word> + Clone) -> WordBits {
        let blocks = (words.clone().count() / 4 + 1).next_power_of_two();
        let mut bits = WordBits(vec![0u64; blocks]);
        for &w in words {
            let (block, bit) = bits.at(w);
            bits.0[block] |= bit;
        }
        bits
    }

    fn at(&self, w: Word) -> (usize, u64) {
        ((w as usize >> 6) & (self.0.len() - 1), 1 << (w & 63))
    }

    fn may_hold(&self, w: Word) -> bool {
        let (block, bit) = self.at(w);
        self.0[block] & bit != 0
    }
}

impl Matches {
    pub fn questions_found(&self) -> usize {
        self.found
            .iter()
            .filter(|(k, _, _)| matches!(k, Kind::Question(_)))
            .count()
    }

    pub fn total_score(&self) -> f64 {
        self.found.iter().map(|(_, _, s)| s).sum()
    }

    /// The first unit of the first item found.
    pub fn first_unit(&self) -> Option<usize> {
        self.found.first().map(|(_, units, _)| units.start)
    }

    /// Each item with its answer: the units up to the next item.
    pub fn into_found(self, unit_count: usize) -> Vec<(Kind, Found)> {
        let starts: Vec<usize> = self
            .found
            .iter()
            .skip(1)
            .map(|(_, u, _)| u.start)
            .chain([unit_count])
            .collect();
        self.found
            .into_iter()
            .zip(starts)
            .map(|((kind, units, score), next)| {
                let answer = units.end..next;
                (
                    kind,
                    Found {
                        units,
                        answer,
                        score,
                    },
                )
            })
            .collect()
    }
}
