//! The part-of-speech tagger: greedy left-to-right decoding with an averaged perceptron
//! over word, affix, shape, neighbour, ambiguity-class and previous-tag features.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::conllu::GoldSentence;
use super::fast_hash::WordMap;
use super::features::{SplitMix, key, normalize, prefix, shape, str_hash, suffix};
use super::perceptron::{Scorer, StoredWeights, Trainer, Weights};
use super::upos::Upos;

/// Words seen at least this often get an ambiguity class (the set of their tags).
const AMBIGUITY_MIN_COUNT: u32 = 3;

/// Per-word facts the features read, computed once per sentence.
struct Word {
    norm: u64,
    suffixes: [u64; 4],
    prefixes: [u64; 3],
    shape: u64,
    ambiguity: u64,
    capitalised: bool,
}

/// The tagger's trained parts: weights and the ambiguity classes of frequent words.
pub(crate) struct Tagger {
    scorer: Scorer,
    ambiguity: WordMap<String, u32>,
}

/// The stored form of the tagger.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct StoredTagger {
    weights: StoredWeights,
    ambiguity: Vec<(String, u32)>,
}

/// A tagger being trained.
pub(crate) struct TaggerTrainer {
    trainer: Trainer,
    ambiguity: BTreeMap<String, u32>,
}

/// The ambiguity classes of a training set: for each word seen often enough, the bit set of
/// the tags it carries in at least a twentieth of its occurrences.
fn ambiguity_classes(data: &[GoldSentence]) -> BTreeMap<String, u32> {
    let mut counts: BTreeMap<String, [u32; 17]> = BTreeMap::new();
    for s in data {
        for w in &s.words {
            counts.entry(normalize(&w.form)).or_insert([0; 17])[w.upos.index()] += 1;
        }
    }
    counts
        .into_iter()
        .filter_map(|(word, c)| {
            let total: u32 = c.iter().sum();
            (total >= AMBIGUITY_MIN_COUNT).then(|| {
                let mask = c
                    .iter()
                    .enumerate()
                    .filter(|&(_, &n)| n * 20 >= total)
                    .fold(0u32, |m, (i, _)| m | 1 << i);
                (word, mask)
            })
        })
        .collect()
}

fn words<F: Fn(&str) -> u32>(forms: &[&str], ambiguity: F) -> Vec<Word> {
    forms
        .iter()
        .map(|form| {
            let norm = normalize(form);
            let lower = form.to_lowercase();
            let amb = ambiguity(&norm);
            Word {
                norm: str_hash(&norm),
                suffixes: [1, 2, 3, 4].map(|n| str_hash(suffix(&lower, n))),
                prefixes: [1, 2, 3].map(|n| str_hash(prefix(&lower, n))),
                shape: str_hash(&shape(form)),
                ambiguity: u64::from(amb),
                capitalised: form.starts_with(char::is_uppercase),
            }
        })
        .collect()
}

const START: u64 = 0x5354_4152_5400;
const END: u64 = 0x454e_4400;

/// The features of word `i` given the two previous tags (class numbers, 17 = none).
fn features(ws: &[Word], i: usize, p1: u64, p2: u64, out: &mut Vec<u32>) {
    out.clear();
    let w = &ws[i];
    let at = |d: isize| -> Option<&Word> {
        let j = i as isize + d;
        (j >= 0).then(|| ws.get(j as usize)).flatten()
    };
    let norm = |d: isize| at(d).map_or(if d < 0 { START } else { END }, |w| w.norm);
    let amb = |d: isize| at(d).map_or(if d < 0 { START } else { END }, |w| w.ambiguity);
    let sfx3 = |d: isize| at(d).map_or(if d < 0 { START } else { END }, |w| w.suffixes[2]);
    out.push(key(0, &[]));
    out.push(key(1, &[w.norm]));
    for (n, s) in w.suffixes.iter().enumerate() {
        out.push(key(2 + n as u8, &[*s]));
    }
    for (n, p) in w.prefixes.iter().enumerate() {
        out.push(key(6 + n as u8, &[*p]));
    }
    out.push(key(9, &[w.shape]));
    out.push(key(10, &[p1]));
    out.push(key(11, &[p2]));
    out.push(key(12, &[p1, p2]));
    out.push(key(13, &[p1, w.norm]));
    out.push(key(14, &[norm(-1)]));
    out.push(key(15, &[norm(-2)]));
    out.push(key(16, &[norm(1)]));
    out.push(key(17, &[norm(2)]));
    out.push(key(18, &[sfx3(-1)]));
    out.push(key(19, &[sfx3(1)]));
    out.push(key(20, &[norm(-1), w.norm]));
    out.push(key(21, &[w.norm, norm(1)]));
    out.push(key(22, &[w.ambiguity]));
    out.push(key(23, &[amb(1)]));
    out.push(key(24, &[amb(2)]));
    out.push(key(25, &[p1, amb(1)]));
    out.push(key(26, &[w.ambiguity, p1]));
    out.push(key(
        27,
        &[u64::from(i == 0), u64::from(w.capitalised), w.shape],
    ));
    out.push(key(28, &[w.ambiguity, amb(1)]));
    out.push(key(29, &[w.suffixes[1], p1]));
    out.push(key(30, &[norm(-1), norm(1)]));
    out.push(key(31, &[w.suffixes[2], amb(1)]));
}

fn argmax<T: Copy + Ord>(scores: &[T]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}

/// The tag number meaning "no previous word".
const NONE: u64 = 17;

impl TaggerTrainer {
    /// A trainer whose ambiguity classes come from `data`.
    pub(crate) fn new(data: &[GoldSentence]) -> Self {
        TaggerTrainer {
            trainer: Trainer::new(17),
            ambiguity: ambiguity_classes(data),
        }
    }

    /// One pass over `data` in an order drawn from `rng`.
    pub(crate) fn epoch(&mut self, data: &[GoldSentence], rng: &mut SplitMix) {
        let mut order: Vec<usize> = (0..data.len()).collect();
        rng.shuffle(&mut order);
        let mut feats = Vec::new();
        let mut scores = [0i64; 17];
        for &s in &order {
            let forms: Vec<&str> = data[s].words.iter().map(|w| w.form.as_str()).collect();
            let ws = words(&forms, |n| self.ambiguity.get(n).copied().unwrap_or(0));
            let (mut p1, mut p2) = (NONE, NONE);
            for (i, gold) in data[s].words.iter().enumerate() {
                features(&ws, i, p1, p2, &mut feats);
                self.trainer.scores(&feats, &mut scores);
                let guess = argmax(&scores);
                self.trainer.update(&feats, gold.upos.index(), guess);
                self.trainer.tick();
                p2 = p1;
                p1 = guess as u64;
            }
        }
    }

    /// The trained tagger: weights quantised to `unit_fraction` of the largest, features
    /// scored fewer than `min_seen` times dropped.
    pub(crate) fn finish(
        &self,
        unit_fraction: f64,
        min_seen: u32,
    ) -> (Weights, Vec<(String, u32)>) {
        let unit = self.trainer.max_abs() * unit_fraction;
        (
            self.trainer.finish(unit.max(1e-9), min_seen),
            self.ambiguity
                .iter()
                .map(|(w, &m)| (w.clone(), m))
                .collect(),
        )
    }
}

impl StoredTagger {
    /// The stored form of trained weights and ambiguity classes.
    pub(crate) fn new(weights: &Weights, ambiguity: Vec<(String, u32)>) -> Self {
        StoredTagger {
            weights: weights.store(),
            ambiguity,
        }
    }

    /// The ambiguity classes.
    pub(crate) fn ambiguity(&self) -> &[(String, u32)] {
        &self.ambiguity
    }

    /// Unpacks the stored tagger.
    pub(crate) fn load(self) -> Result<Tagger, String> {
        if !self.ambiguity.windows(2).all(|w| w[0].0 < w[1].0) {
            return Err("tagger ambiguity classes are not sorted".into());
        }
        let weights = self.weights.load()?;
        if weights.classes() != 17 {
            return Err("the tagger must have 17 classes".into());
        }
        Ok(Tagger {
            scorer: weights.into_scorer(),
            ambiguity: self.ambiguity.into_iter().collect(),
        })
    }
}

impl Tagger {
    /// The tags of a sentence's words, each chosen among what the shared lexicon allows for
    /// it ([`super::Lexicon::allowed_tags`]; capitalised words after the first are left open,
    /// as names).
    pub(crate) fn tag(&self, forms: &[&str]) -> Vec<Upos> {
        let lexicon = super::lexicon::lexicon();
        self.tag_within(forms, |i, previous| {
            let form = forms[i];
            if i > 0 && form.starts_with(char::is_uppercase) {
                return None;
            }
            let after_modifier = matches!(
                previous,
                Some(Upos::Det | Upos::Adj | Upos::Num | Upos::Pron)
            );
            lexicon.allowed_tags(&form.to_lowercase(), after_modifier)
        })
    }

    /// The tags of a sentence's words with no lexicon constraint (the treebank model alone).
    pub(crate) fn tag_unconstrained(&self, forms: &[&str]) -> Vec<Upos> {
        self.tag_within(forms, |_, _| None)
    }

    /// Greedy decoding where `allowed(i, previous tag)` may narrow word `i`'s choices.
    fn tag_within<F>(&self, forms: &[&str], allowed: F) -> Vec<Upos>
    where
        F: Fn(usize, Option<Upos>) -> Option<&'static [Upos]>,
    {
        let ws = words(forms, |n| self.ambiguity.get(n).copied().unwrap_or(0));
        let mut feats = Vec::with_capacity(40);
        let mut scores = [0i32; 17];
        let (mut p1, mut p2) = (NONE, NONE);
        let mut tags = Vec::with_capacity(forms.len());
        for i in 0..forms.len() {
            features(&ws, i, p1, p2, &mut feats);
            self.scorer.scores(&feats, &mut scores);
            let best = match allowed(i, tags.last().copied()) {
                Some(choices) => choices
                    .iter()
                    .map(|t| t.index())
                    .max_by_key(|&t| scores[t])
                    .unwrap_or_else(|| argmax(&scores)),
                None => argmax(&scores),
            };
            tags.push(Upos::from_index(best).unwrap_or(Upos::X));
            p2 = p1;
            p1 = best as u64;
        }
        tags
    }

    /// Number of features kept.
    pub(crate) fn size(&self) -> usize {
        self.scorer.len()
    }
}
