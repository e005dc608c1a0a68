//! MinHash signatures over word shingles, and locality-sensitive hashing
//! (banding) to find candidate pairs without comparing all pairs.
//!
//! A signature holds [`HASHES`] minima of three-word shingles of the answers.
//! Two submissions whose shingle sets have Jaccard similarity `s` agree in a
//! band of [`ROWS`] minima with probability `s^ROWS`; with [`BANDS`] bands a
//! pair with `s = 0.5` becomes a candidate with probability 0.80, one with
//! `s = 0.7` with 0.998, and unrelated text (`s < 0.05`) almost never.

use std::hash::Hasher;

use rustc_hash::FxHasher;

use super::answers::Answer;

pub const HASHES: usize = 100;
pub const ROWS: usize = 4;
pub const BANDS: usize = HASHES / ROWS;
/// Words per shingle.
pub const SHINGLE: usize = 3;

pub type Signature = [u32; HASHES];

/// Fixed, odd multipliers and offsets for the hash family (from SplitMix64,
/// so that signatures are the same on every run and machine).
fn family() -> &'static ([u32; HASHES], [u32; HASHES]) {
    static FAMILY: std::sync::OnceLock<([u32; HASHES], [u32; HASHES])> = std::sync::OnceLock::new();
    FAMILY.get_or_init(|| {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        let mul = std::array::from_fn(|_| (next() as u32) | 1);
        let xor = std::array::from_fn(|_| next() as u32);
        (mul, xor)
    })
}

/// The signature of a submission's answers, or `None` when they hold no
/// shingle at all. Compiled also for AVX2, chosen at run time where the
/// processor has it: eight lanes of the hash family a step, the same
/// signature.
#[multiversion::multiversion(targets("x86_64+avx2"))]
pub fn signature(answers: &[Answer]) -> Option<Signature> {
    let (mul, xor) = family();
    let mut sig = [u32::MAX; HASHES];
    let mut any = false;
    for a in answers {
        for w in a.tokens.windows(SHINGLE.min(a.tokens.len()).max(1)) {
            let mut h = FxHasher::default();
            w.iter().for_each(|t| h.write_u64(t.key));
            let x = h.finish();
            let x = (x ^ (x >> 32)) as u32;
            any = true;
            // Independent lanes of 32-bit arithmetic: the compiler vectorises this.
            for i in 0..HASHES {
                let mut v = (x ^ xor[i]).wrapping_mul(mul[i]);
                v ^= v >> 15;
                sig[i] = sig[i].min(v);
            }
        }
    }
    any.then_some(sig)
}

/// The share of equal minima: an estimate of the Jaccard similarity.
pub fn estimate(a: &Signature, b: &Signature) -> f64 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / HASHES as f64
}

/// Largest bucket whose members are all paired; a larger one means text that
/// nearly everybody shares, and only neighbours in it are paired.
const BUCKET_CAP: usize = 64;

/// Candidate pairs `(i, j)` with `i < j` among `signatures`: pairs that
/// agree in at least one band and whose estimate reaches `floor`. Sorted,
/// without repeats.
pub fn candidates(signatures: &[Option<Signature>], floor: f64) -> Vec<(usize, usize)> {
    use rayon::prelude::*;
    // Bands in parallel; in each, the signatures sorted by the band's hash
    // (then by index), so that a bucket is a run.
    let mut pairs: Vec<(usize, usize)> = (0..BANDS)
        .into_par_iter()
        .flat_map_iter(|band| {
            let mut keyed: Vec<(u64, usize)> = (signatures.iter().enumerate())
                .filter_map(|(i, sig)| {
                    let mut h = FxHasher::default();
                    sig.as_ref()?[band * ROWS..(band + 1) * ROWS]
                        .iter()
                        .for_each(|&v| h.write_u32(v));
                    Some((h.finish(), i))
                })
                .collect();
            keyed.sort_unstable();
            let mut pairs = Vec::new();
            // Only pairs whose estimate reaches the floor: fewer to sort.
            let mut pair = |i: usize, j: usize| {
                if let (Some(a), Some(b)) = (&signatures[i], &signatures[j]) {
                    if estimate(a, b) >= floor {
                        pairs.push((i, j));
                    }
                }
            };
            for bucket in keyed.chunk_by(|a, b| a.0 == b.0).filter(|b| b.len() > 1) {
                if bucket.len() <= BUCKET_CAP {
                    for (x, &(_, i)) in bucket.iter().enumerate() {
                        bucket[x + 1..].iter().for_each(|&(_, j)| pair(i, j));
                    }
                } else {
                    bucket.windows(2).for_each(|w| pair(w[0].1, w[1].1));
                }
            }
            pairs
        })
        .collect();
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::answers::tokenize;

    fn answer(text: &str) -> Answer {
        Answer {
            question: "q".into(),
            start: 0,
            tokens: tokenize(text, 0),
        }
    }

    #[test]
    fn near_copies_become_candidates_and_strangers_do_not() {
        let base = "Förvaltningen träffar företagarföreningen i Farsta centrum varje månad och deltar i platssamverkan kring torget där polisen och fastighetsägarna också finns med sedan flera år tillbaka";
        let edited = base.replace("varje månad", "varannan vecka");
        let other = "Nämnden ger arrangörsstöd till föreningar som ordnar konserter i parken och teater i parkleken under hela sommaren för barn och unga i stadsdelen";
        let sigs: Vec<Option<Signature>> = [base, edited.as_str(), other]
            .iter()
            .map(|t| signature(&[answer(t)]))
            .collect();
        let e = estimate(sigs[0].as_ref().unwrap(), sigs[1].as_ref().unwrap());
        assert!(e > 0.5, "{e}");
        assert_eq!(candidates(&sigs, 0.0), vec![(0, 1)]);
    }

    #[test]
    fn signatures_are_stable() {
        // A change here changes every stored baseline: keep it deliberate.
        let sig = signature(&[answer("ett två tre fyra")]).unwrap();
        assert_eq!(sig, signature(&[answer("Ett, två; tre fyra.")]).unwrap());
        assert_eq!(sig.iter().filter(|&&v| v == u32::MAX).count(), 0);
    }

    /// Whichever version the processor runs (AVX2 or not), the signature
    /// is the one the formula gives, lane by lane.
    #[test]
    fn every_compiled_version_gives_the_formulas_signature() {
        let a = answer("Nämnden deltar i platssamverkan kring torget varje vecka sedan flera år");
        let (mul, xor) = family();
        let mut expected = [u32::MAX; HASHES];
        for w in a.tokens.windows(SHINGLE) {
            let mut h = FxHasher::default();
            w.iter().for_each(|t| h.write_u64(t.key));
            let x = h.finish();
            let x = (x ^ (x >> 32)) as u32;
            for i in 0..HASHES {
                let mut v = (x ^ xor[i]).wrapping_mul(mul[i]);
                v ^= v >> 15;
                expected[i] = expected[i].min(v);
            }
        }
        assert_eq!(signature(&[a]), Some(expected));
    }
}

/// (De)serialises an optional boxed signature as a sequence of its
/// hashes (serde derives arrays only up to 32 elements).
pub mod serde_signature {
    use super::Signature;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(sig: &Option<Box<Signature>>, s: S) -> Result<S::Ok, S::Error> {
        sig.as_deref().map(|a| a.as_slice()).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Box<Signature>>, D::Error> {
        let v: Option<Vec<u32>> = Option::deserialize(d)?;
        v.map(|v| {
            let sig: Signature = v.try_into().map_err(|v: Vec<u32>| {
                serde::de::Error::invalid_length(v.len(), &"a MinHash signature")
            })?;
            Ok(Box::new(sig))
        })
        .transpose()
    }
}
