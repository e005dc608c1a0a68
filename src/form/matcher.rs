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

use std::collections::HashMap;
use std::ops::Range;

use super::template::Variant;
use super::Found;
use crate::normalize::{words, Doc};

/// The most source lines one question may be wrapped over.
const MAX_RUN: usize = 5;
/// The least score that counts as a match.
const MIN_SCORE: f64 = 0.6;
/// The least estimated word overlap worth scoring exactly.
const MIN_OVERLAP: f64 = 0.4;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A focus-area heading (area index).
    Heading(usize),
    /// A question (index in the variant's form order).
    Question(usize),
    /// An optional section (index in the template's `optional`).
    Optional(usize),
}

#[derive(Debug)]
struct Item {
    kind: Kind,
    key: String,
    words: Vec<String>,
}

/// The items of one variant, prepared for matching.
#[derive(Debug)]
pub struct Items {
    items: Vec<Item>,
    vocab: HashMap<String, Vec<u16>>,
}

/// Comparison keys of a document's units.
pub struct UnitKeys {
    keys: Vec<String>,
    words: Vec<Vec<String>>,
}

/// The items found in one document, ordered by position.
#[derive(Debug, Default)]
pub struct Matches {
    found: Vec<(Kind, Range<usize>, f64)>,
}

fn word_set(s: &str) -> Vec<String> {
    let mut w: Vec<String> = words(s).collect();
    w.sort_unstable();
    w.dedup();
    w
}

fn key(s: &str) -> String {
    words(s).collect::<Vec<_>>().join(" ")
}

/// Dice coefficient of two sorted, deduplicated word lists.
fn dice(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

fn score(key_a: &str, words_a: &[String], key_b: &str, words_b: &[String]) -> f64 {
    (strsim::normalized_levenshtein(key_a, key_b) + dice(words_a, words_b)) / 2.0
}

impl Items {
    pub fn new(variant: &Variant, optional: &[String]) -> Items {
        let mut items = Vec::new();
        let mut q = 0;
        for (a, area) in variant.areas.iter().enumerate() {
            items.push((Kind::Heading(a), area.heading.as_str()));
            for question in &area.questions {
                items.push((Kind::Question(q), question.as_str()));
                q += 1;
            }
        }
        items.extend(
            optional
                .iter()
                .enumerate()
                .map(|(o, s)| (Kind::Optional(o), s.as_str())),
        );
        let items: Vec<Item> = items
            .into_iter()
            .map(|(kind, text)| Item {
                kind,
                key: key(text),
                words: word_set(text),
            })
            .collect();
        let mut vocab: HashMap<String, Vec<u16>> = HashMap::new();
        for (i, item) in items.iter().enumerate() {
            for w in &item.words {
                vocab.entry(w.clone()).or_default().push(i as u16);
            }
        }
        Items { items, vocab }
    }

    /// Finds the items in a document.
    pub fn find(&self, keys: &UnitKeys) -> Matches {
        let n = keys.keys.len();
        let mut candidates: Vec<(f64, usize, usize, usize)> = Vec::new();
        let mut overlap = vec![0u32; self.items.len()];
        for start in 0..n {
            if keys.words[start].is_empty() {
                continue;
            }
            overlap.iter_mut().for_each(|o| *o = 0);
            let mut run_words = 0;
            let mut best: Vec<Option<(f64, usize)>> = vec![None; self.items.len()];
            for len in 1..=MAX_RUN.min(n - start) {
                let u = start + len - 1;
                run_words += keys.words[u].len();
                for w in &keys.words[u] {
                    for &i in self.vocab.get(w).map(Vec::as_slice).unwrap_or(&[]) {
                        overlap[i as usize] += 1;
                    }
                }
                let mut any_in_reach = false;
                for (i, item) in self.items.iter().enumerate() {
                    if run_words > item.words.len() * 2 + 4 {
                        continue;
                    }
                    any_in_reach = true;
                    let estimate = 2.0 * overlap[i] as f64 / (run_words + item.words.len()) as f64;
                    if estimate < MIN_OVERLAP {
                        continue;
                    }
                    let run_key = keys.keys[start..start + len].join(" ");
                    let mut run_set: Vec<String> = keys.words[start..start + len].concat();
                    run_set.sort_unstable();
                    run_set.dedup();
                    let s = score(&run_key, &run_set, &item.key, &item.words);
                    if s >= MIN_SCORE && best[i].is_none_or(|(b, _)| s > b) {
                        best[i] = Some((s, len));
                    }
                }
                if !any_in_reach {
                    break;
                }
            }
            for (i, b) in best.into_iter().enumerate() {
                if let Some((s, len)) = b {
                    candidates.push((s, i, start, len));
                }
            }
        }
        // Best score first; ties go to the earlier place, then the earlier item.
        candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.2.cmp(&b.2)).then(a.1.cmp(&b.1)));
        let mut item_used = vec![false; self.items.len()];
        let mut unit_used = vec![false; n];
        let mut found = Vec::new();
        for (s, i, start, len) in candidates {
            let units = start..start + len;
            if item_used[i] || unit_used[units.clone()].iter().any(|&u| u) {
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

impl UnitKeys {
    pub fn new(doc: &Doc) -> UnitKeys {
        let mut keys = Vec::with_capacity(doc.units.len());
        let mut all_words = Vec::with_capacity(doc.units.len());
        for i in 0..doc.units.len() {
            let text = doc.unit_text(i);
            keys.push(key(text));
            all_words.push(word_set(text));
        }
        UnitKeys {
            keys,
            words: all_words,
        }
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
