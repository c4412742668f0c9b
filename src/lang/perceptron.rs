//! The averaged perceptron: a trainer with dense rows per feature, and the compact,
//! quantised weights the shipped model keeps.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use serde::{Deserialize, Serialize};

/// Feature keys are already hashes: the map only needs to spread them.
#[derive(Default)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8 | u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_u32(&mut self, k: u32) {
        self.0 = u64::from(k).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// An averaged perceptron being trained (weights and the running sums for averaging).
pub(crate) struct Trainer {
    classes: usize,
    index: HashMap<u32, usize, BuildHasherDefault<KeyHasher>>,
    weights: Vec<i32>,
    sums: Vec<i64>,
    /// How often each feature was scored (for pruning rare ones).
    seen: Vec<u32>,
    step: i64,
}

impl Trainer {
    /// An empty trainer over `classes` classes.
    pub(crate) fn new(classes: usize) -> Self {
        Trainer {
            classes,
            index: HashMap::default(),
            weights: Vec::new(),
            sums: Vec::new(),
            seen: Vec::new(),
            step: 1,
        }
    }

    /// The current (not averaged) scores of every class; counts the features seen.
    pub(crate) fn scores(&mut self, feats: &[u32], out: &mut [i64]) {
        out.fill(0);
        for f in feats {
            if let Some(&row) = self.index.get(f) {
                let n = &mut self.seen[row / self.classes];
                *n = n.saturating_add(1);
                let w = &self.weights[row..row + self.classes];
                for (o, &x) in out.iter_mut().zip(w) {
                    *o += i64::from(x);
                }
            }
        }
    }

    /// Rewards `truth` and penalises `guess` on `feats` (nothing when they agree).
    pub(crate) fn update(&mut self, feats: &[u32], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        for &f in feats {
            let next = self.weights.len();
            let row = *self.index.entry(f).or_insert(next);
            if row == next {
                self.weights.resize(next + self.classes, 0);
                self.sums.resize(next + self.classes, 0);
                self.seen.push(1);
            }
            self.weights[row + truth] += 1;
            self.sums[row + truth] += self.step;
            self.weights[row + guess] -= 1;
            self.sums[row + guess] -= self.step;
        }
    }

    /// Counts one example (for averaging).
    pub(crate) fn tick(&mut self) {
        self.step += 1;
    }

    /// The averaged weights, quantised to integers of `unit` each; entries that round to
    /// zero and features scored fewer than `min_seen` times are dropped. Keys come out
    /// sorted, so the result does not depend on map order.
    pub(crate) fn finish(&self, unit: f64, min_seen: u32) -> Weights {
        let mut keys: Vec<(u32, usize)> = self.index.iter().map(|(&k, &r)| (k, r)).collect();
        keys.sort_unstable();
        let step = self.step as f64;
        let mut w = Weights {
            classes: self.classes,
            keys: Vec::new(),
            starts: vec![0],
            entry_class: Vec::new(),
            entry_value: Vec::new(),
        };
        for (k, row) in keys {
            if self.seen[row / self.classes] < min_seen {
                continue;
            }
            let before = w.entry_class.len();
            for c in 0..self.classes {
                let avg = f64::from(self.weights[row + c]) - self.sums[row + c] as f64 / step;
                let q = (avg / unit)
                    .round()
                    .clamp(f64::from(i16::MIN), f64::from(i16::MAX));
                if q != 0.0 {
                    w.entry_class.push(c as u8);
                    w.entry_value.push(q as i16);
                }
            }
            if w.entry_class.len() > before {
                w.keys.push(k);
                w.starts.push(w.entry_class.len() as u32);
            }
        }
        w
    }

    /// The largest absolute averaged weight (to choose a quantisation unit).
    pub(crate) fn max_abs(&self) -> f64 {
        let step = self.step as f64;
        self.weights
            .iter()
            .zip(&self.sums)
            .map(|(&w, &s)| (f64::from(w) - s as f64 / step).abs())
            .fold(0.0, f64::max)
    }
}

/// Quantised, pruned weights: for each feature key (sorted) a short row of
/// (class, weight) entries, looked up through an open-addressing table built on load.
#[derive(Debug, Clone)]
pub(crate) struct Weights {
    classes: usize,
    keys: Vec<u32>,
    starts: Vec<u32>,
    entry_class: Vec<u8>,
    entry_value: Vec<i16>,
}

/// How weights are written: keys as gaps (small varints), then row lengths and entries.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct StoredWeights {
    classes: u16,
    key_gaps: Vec<u32>,
    row_lengths: Vec<u8>,
    entry_class: Vec<u8>,
    entry_value: Vec<i16>,
}

/// Weights ready to score: the rows plus a hash table from key to row.
#[derive(Debug, Clone)]
pub(crate) struct Scorer {
    weights: Weights,
    slots: Vec<u32>,
    /// The entries (start, end) of each slot's row, so a hit reads one pair.
    slot_rows: Vec<(u32, u32)>,
    mask: usize,
}

impl Weights {
    /// Number of classes.
    pub(crate) fn classes(&self) -> usize {
        self.classes
    }

    /// The stored form.
    pub(crate) fn store(&self) -> StoredWeights {
        let mut prev = 0u32;
        let key_gaps = self
            .keys
            .iter()
            .map(|&k| {
                let gap = k - prev;
                prev = k;
                gap
            })
            .collect();
        let row_lengths = self
            .starts
            .windows(2)
            .map(|w| (w[1] - w[0]) as u8)
            .collect();
        StoredWeights {
            classes: self.classes as u16,
            key_gaps,
            row_lengths,
            entry_class: self.entry_class.clone(),
            entry_value: self.entry_value.clone(),
        }
    }

    /// Builds the lookup table.
    pub(crate) fn into_scorer(self) -> Scorer {
        let size = (self.keys.len() * 2).next_power_of_two().max(16);
        let mask = size - 1;
        let mut slots = vec![0u32; size];
        let mut slot_rows = vec![(0u32, 0u32); size];
        for (row, &k) in self.keys.iter().enumerate() {
            let mut i = slot_of(k, mask);
            while slots[i] != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = k;
            slot_rows[i] = (self.starts[row], self.starts[row + 1]);
        }
        Scorer {
            weights: self,
            slots,
            slot_rows,
            mask,
        }
    }
}

impl StoredWeights {
    /// Checks and unpacks the stored form.
    pub(crate) fn load(self) -> Result<Weights, String> {
        if self.row_lengths.len() != self.key_gaps.len() {
            return Err("weight rows and keys differ in number".into());
        }
        if self.entry_class.len() != self.entry_value.len() {
            return Err("weight classes and values differ in number".into());
        }
        let mut keys = Vec::with_capacity(self.key_gaps.len());
        let mut k = 0u32;
        for (i, &g) in self.key_gaps.iter().enumerate() {
            k = k
                .checked_add(g)
                .filter(|&n| n != 0 && (i == 0 || g != 0))
                .ok_or("feature keys are not strictly increasing")?;
            keys.push(k);
        }
        let mut starts = Vec::with_capacity(keys.len() + 1);
        let mut at = 0u32;
        starts.push(0);
        for &n in &self.row_lengths {
            at += u32::from(n);
            starts.push(at);
        }
        if at as usize != self.entry_class.len() {
            return Err("weight rows do not cover the entries".into());
        }
        if self
            .entry_class
            .iter()
            .any(|&c| usize::from(c) >= usize::from(self.classes))
        {
            return Err("a weight names a class the model does not have".into());
        }
        Ok(Weights {
            classes: usize::from(self.classes),
            keys,
            starts,
            entry_class: self.entry_class,
            entry_value: self.entry_value,
        })
    }
}

fn slot_of(k: u32, mask: usize) -> usize {
    (u64::from(k).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as usize & mask
}

impl Scorer {
    /// Number of classes.
    pub(crate) fn classes(&self) -> usize {
        self.weights.classes
    }

    /// Number of features kept.
    pub(crate) fn len(&self) -> usize {
        self.weights.keys.len()
    }

    /// Adds the weights of `feats` into `out` (zeroed first).
    pub(crate) fn scores(&self, feats: &[u32], out: &mut [i32]) {
        out.fill(0);
        let w = &self.weights;
        for &f in feats {
            let mut i = slot_of(f, self.mask);
            loop {
                let k = self.slots[i];
                if k == f {
                    let (a, b) = self.slot_rows[i];
                    let (a, b) = (a as usize, b as usize);
                    for (&c, &v) in w.entry_class[a..b].iter().zip(&w.entry_value[a..b]) {
                        out[usize::from(c)] += i32::from(v);
                    }
                    break;
                }
                if k == 0 {
                    break;
                }
                i = (i + 1) & self.mask;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_problem_and_survives_storage() {
        let mut t = Trainer::new(3);
        let data = [(vec![10u32, 1], 0usize), (vec![20, 1], 1), (vec![30, 1], 2)];
        let mut out = [0i64; 3];
        for _ in 0..5 {
            for (f, y) in &data {
                t.scores(f, &mut out);
                let guess = (0..3)
                    .max_by_key(|&c| (out[c], std::cmp::Reverse(c)))
                    .unwrap_or(0);
                t.update(f, *y, guess);
                t.tick();
            }
        }
        let scorer = t.finish(0.01, 0).store().load().map(Weights::into_scorer);
        let scorer = scorer.unwrap_or_else(|e| panic!("{e}"));
        let mut s = [0i32; 3];
        for (f, y) in &data {
            scorer.scores(f, &mut s);
            let best = (0..3).max_by_key(|&c| s[c]).unwrap_or(9);
            assert_eq!(best, *y);
        }
    }
}
