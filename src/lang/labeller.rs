//! The dependency labeller: once the tree is built, an averaged perceptron names each arc
//! from the dependent, its head, their distance and direction, the dependent's children
//! and the head's other dependents.

use super::features::key;
use super::parser::ParseInput;
use super::perceptron::{Scorer, Trainer};

/// The features of the arc into word `d` (1-based) given all heads (`heads[d - 1]`).
fn features(x: &ParseInput, heads: &[usize], d: usize, out: &mut Vec<u32>) {
    out.clear();
    let h = heads[d - 1];
    let (dw, dt, ds) = x.word(d);
    let (hw, ht, _) = x.word(h);
    let dir = u64::from(h != 0 && h < d);
    let dist = match d.abs_diff(h) {
        n @ 0..=3 => n as u64,
        4..=6 => 4,
        _ => 5,
    };
    let dist = if h == 0 { 9 } else { dist };
    let tag_at = |i: isize| -> u64 {
        if i < 1 || i as usize > heads.len() {
            20
        } else {
            x.word(i as usize).1
        }
    };
    out.push(key(0, &[]));
    out.push(key(1, &[dw]));
    out.push(key(2, &[dt]));
    out.push(key(3, &[hw]));
    out.push(key(4, &[ht]));
    out.push(key(5, &[dt, ht, dir]));
    out.push(key(6, &[dw, ht, dir]));
    out.push(key(7, &[dt, hw, dir]));
    out.push(key(8, &[dw, hw]));
    out.push(key(9, &[dt, ht, dist]));
    out.push(key(10, &[ds, dt]));
    out.push(key(
        11,
        &[tag_at(d as isize - 1), dt, tag_at(d as isize + 1)],
    ));
    let gh = if h == 0 { 0 } else { heads[h - 1] };
    out.push(key(12, &[x.word(gh).1, ht, dt]));
    let mut children = 0u64;
    let mut same_side_closer = 0u64;
    for (i, &hh) in heads.iter().enumerate() {
        let c = i + 1;
        if hh == d {
            children += 1;
            let (cw, ct, _) = x.word(c);
            out.push(key(13, &[ct, dt, u64::from(c < d)]));
            out.push(key(14, &[cw, dt, ht]));
        } else if hh == h && c != d {
            let (cw, ct, _) = x.word(c);
            let side = u64::from(c < h);
            out.push(key(
                15,
                &[ct, dt, side, u64::from(side == u64::from(d < h))],
            ));
            if ct == 3 {
                // An auxiliary sibling ("was" in "was taken"): passives and copulas.
                out.push(key(16, &[cw, dt, u64::from(d < h)]));
            }
            if (c < h) == (d < h) && c.abs_diff(h) < d.abs_diff(h) && matches!(ct, 7 | 10 | 11) {
                same_side_closer += 1;
            }
        }
    }
    out.push(key(17, &[dt, children.min(4)]));
    out.push(key(18, &[dt, ht, dir, same_side_closer.min(3)]));
    out.push(key(19, &[dw, dir]));
    out.push(key(20, &[u64::from(d == 1), dt]));
}

/// The labeller's trained weights and label names.
pub(crate) struct Labeller {
    scorer: Scorer,
    labels: Vec<String>,
    root: usize,
}

impl Labeller {
    /// Wraps trained weights; `labels` are the class names and must hold "root".
    pub(crate) fn new(scorer: Scorer, labels: Vec<String>) -> Result<Self, String> {
        let root = labels
            .iter()
            .position(|l| l == "root")
            .ok_or("the label set has no `root`")?;
        if scorer.classes() != labels.len() {
            return Err("labeller weights and label names differ in number".into());
        }
        Ok(Labeller {
            scorer,
            labels,
            root,
        })
    }

    /// The label of each word's arc: "root" for the root word, the best other label for
    /// every other word.
    pub(crate) fn label(&self, x: &ParseInput, heads: &[usize]) -> Vec<&str> {
        let mut feats = Vec::with_capacity(40);
        let mut scores = vec![0i32; self.labels.len()];
        (1..=heads.len())
            .map(|d| {
                if heads[d - 1] == 0 {
                    return self.labels[self.root].as_str();
                }
                features(x, heads, d, &mut feats);
                self.scorer.scores(&feats, &mut scores);
                let mut best = usize::MAX;
                for (c, &s) in scores.iter().enumerate() {
                    if c != self.root && (best == usize::MAX || s > scores[best]) {
                        best = c;
                    }
                }
                self.labels.get(best).map_or("dep", String::as_str)
            })
            .collect()
    }

    /// Number of features kept.
    pub(crate) fn size(&self) -> usize {
        self.scorer.len()
    }
}

/// Trains the labeller on gold trees, one pass at a time.
pub(crate) struct LabellerTrainer {
    /// The perceptron over the labels.
    pub(crate) trainer: Trainer,
    classes: usize,
}

impl LabellerTrainer {
    /// An untrained labeller over `classes` labels.
    pub(crate) fn new(classes: usize) -> Self {
        LabellerTrainer {
            trainer: Trainer::new(classes),
            classes,
        }
    }

    /// One pass in `order` over inputs, gold heads (`heads[d - 1]`, 0 = root) and gold
    /// label numbers.
    pub(crate) fn epoch(
        &mut self,
        inputs: &[ParseInput],
        heads: &[Vec<usize>],
        labels: &[Vec<usize>],
        order: &[usize],
    ) {
        let mut feats = Vec::with_capacity(40);
        let mut scores = vec![0i64; self.classes];
        for &i in order {
            let (x, heads, labels) = (&inputs[i], &heads[i], &labels[i]);
            for d in 1..=heads.len() {
                features(x, heads, d, &mut feats);
                self.trainer.scores(&feats, &mut scores);
                let mut best = 0;
                for (c, &s) in scores.iter().enumerate() {
                    if s > scores[best] {
                        best = c;
                    }
                }
                self.trainer.update(&feats, labels[d - 1], best);
                self.trainer.tick();
            }
        }
    }
}
