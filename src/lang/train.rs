//! Training the model from a treebank, and measuring a model on one.
//!
//! Training is deterministic: sentence orders and exploration come from fixed seeds,
//! every table is built from sorted maps, and weights are written in key order, so the
//! same treebank and configuration give the same model bytes.

use std::collections::BTreeSet;

use super::LangError;
use super::conllu::GoldSentence;
use super::features::SplitMix;
use super::labeller::LabellerTrainer;
use super::lemma::Lemmatizer;
use super::model::{FORMAT, Model, StoredModel};
use super::morph::{EXTRA_PLURALS, Irregulars};
use super::parser::{ParseInput, ParserTrainer};
use super::tagger::{StoredTagger, Tagger, TaggerTrainer};
use super::upos::Upos;

/// How to train.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    /// Passes of the tagger over the training sentences.
    pub tagger_epochs: usize,
    /// Passes of the parser.
    pub parser_epochs: usize,
    /// Passes of the labeller.
    pub labeller_epochs: usize,
    /// The parser and labeller learn from tags predicted by taggers trained on the other
    /// folds (jackknifing), so they see tagging mistakes like those at run time; 1 = use
    /// the gold tags.
    pub folds: usize,
    /// Seed of the shuffles and of the parser's exploration.
    pub seed: u64,
    /// Quantisation step as a fraction of a classifier's largest weight; weights that
    /// round to zero are dropped.
    pub quantum: f64,
    /// Features the tagger scored fewer times than this (over all epochs) are dropped.
    pub tagger_min_seen: u32,
    /// The same for the parser, whose features are far more numerous.
    pub parser_min_seen: u32,
    /// The same for the labeller.
    pub labeller_min_seen: u32,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            tagger_epochs: 8,
            parser_epochs: 15,
            labeller_epochs: 8,
            folds: 4,
            seed: 0x5ce_e2c,
            quantum: 1.0 / 1000.0,
            tagger_min_seen: 8,
            parser_min_seen: 80,
            labeller_min_seen: 8,
        }
    }
}

/// Accuracies of a model on a treebank (gold tokenization, punctuation included).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores {
    /// Words scored.
    pub words: usize,
    /// Share of words with the right part of speech.
    pub upos: f64,
    /// Share of words with the right lemma.
    pub lemma: f64,
    /// Unlabelled attachment: share of words with the right head.
    pub uas: f64,
    /// Labelled attachment: right head and right relation (with its subtype).
    pub las: f64,
}

impl std::fmt::Display for Scores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "UPOS {:.2} %  lemma {:.2} %  UAS {:.2} %  LAS {:.2} %  ({} words)",
            self.upos * 100.0,
            self.lemma * 100.0,
            self.uas * 100.0,
            self.las * 100.0,
            self.words
        )
    }
}

/// Measures `model` on gold sentences.
pub fn evaluate(model: &Model, data: &[GoldSentence]) -> Scores {
    let (mut n, mut upos, mut lemma, mut uas, mut las) = (0usize, 0usize, 0usize, 0usize, 0usize);
    for s in data {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let tags = model.tag(&forms);
        let lemmas = model.lemmas(&forms, &tags);
        let (heads, labels) = model.parse(&forms, &tags);
        for (i, w) in s.words.iter().enumerate() {
            n += 1;
            upos += usize::from(tags[i] == w.upos);
            lemma += usize::from(lemmas[i] == w.lemma);
            if heads[i] == w.head {
                uas += 1;
                las += usize::from(labels[i] == w.deprel);
            }
        }
    }
    let share = |k: usize| if n == 0 { 0.0 } else { k as f64 / n as f64 };
    Scores {
        words: n,
        upos: share(upos),
        lemma: share(lemma),
        uas: share(uas),
        las: share(las),
    }
}

fn forms(s: &GoldSentence) -> Vec<&str> {
    s.words.iter().map(|w| w.form.as_str()).collect()
}

/// Trains a tagger on `data`.
fn train_tagger(
    data: &[GoldSentence],
    cfg: &TrainConfig,
    seed: u64,
) -> Result<(Tagger, StoredTagger), LangError> {
    let mut trainer = TaggerTrainer::new(data);
    let mut rng = SplitMix::new(seed);
    for _ in 0..cfg.tagger_epochs {
        trainer.epoch(data, &mut rng);
    }
    let (weights, ambiguity) = trainer.finish(cfg.quantum, cfg.tagger_min_seen);
    let stored = StoredTagger::new(&weights, ambiguity);
    let tagger = StoredTagger::new(&weights, stored.ambiguity().to_vec())
        .load()
        .map_err(|message| LangError::Model {
            expected: FORMAT,
            message,
        })?;
    Ok((tagger, stored))
}

/// Trains a model on `train`, reporting progress through `log`; the result's bytes are
/// what the model file holds.
pub fn train(
    train: &[GoldSentence],
    cfg: &TrainConfig,
    log: &mut dyn FnMut(&str),
) -> Result<(Model, Vec<u8>), LangError> {
    log(&format!(
        "tagger: {} epochs on {} sentences",
        cfg.tagger_epochs,
        train.len()
    ));
    let (_, stored_tagger) = train_tagger(train, cfg, cfg.seed)?;

    // Tags the parser learns from: jackknifed, so they carry realistic mistakes.
    let folds = cfg.folds.max(1);
    let mut tags: Vec<Vec<Upos>> = train
        .iter()
        .map(|s| s.words.iter().map(|w| w.upos).collect())
        .collect();
    if folds > 1 {
        for f in 0..folds {
            log(&format!("jackknife tagger {}/{folds}", f + 1));
            let rest: Vec<GoldSentence> = train
                .iter()
                .enumerate()
                .filter(|(i, _)| i % folds != f)
                .map(|(_, s)| s.clone())
                .collect();
            let (tagger, _) = train_tagger(&rest, cfg, cfg.seed.wrapping_add(1 + f as u64))?;
            for (i, s) in train.iter().enumerate() {
                if i % folds == f {
                    tags[i] = tagger.tag_unconstrained(&forms(s));
                }
            }
        }
    }

    let inputs: Vec<ParseInput> = train
        .iter()
        .zip(&tags)
        .map(|(s, t)| ParseInput::new(&forms(s), t))
        .collect();
    let golds: Vec<Vec<usize>> = train
        .iter()
        .map(|s| {
            std::iter::once(usize::MAX)
                .chain(s.words.iter().map(|w| w.head))
                .collect()
        })
        .collect();
    let mut parser = ParserTrainer::new();
    let mut rng = SplitMix::new(cfg.seed ^ 0x7061_7273);
    for e in 0..cfg.parser_epochs {
        log(&format!("parser epoch {}/{}", e + 1, cfg.parser_epochs));
        parser.epoch(&inputs, &golds, e, &mut rng);
    }
    let parser_weights = parser
        .trainer
        .finish(parser.trainer.max_abs() * cfg.quantum, cfg.parser_min_seen);

    let labels: Vec<String> = train
        .iter()
        .flat_map(|s| s.words.iter().map(|w| w.deprel.clone()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let label_ids: Vec<Vec<usize>> = train
        .iter()
        .map(|s| {
            s.words
                .iter()
                .map(|w| labels.binary_search(&w.deprel).unwrap_or(0))
                .collect()
        })
        .collect();
    let heads: Vec<Vec<usize>> = train
        .iter()
        .map(|s| s.words.iter().map(|w| w.head).collect())
        .collect();
    let mut labeller = LabellerTrainer::new(labels.len());
    let mut rng = SplitMix::new(cfg.seed ^ 0x6c61_6265);
    for e in 0..cfg.labeller_epochs {
        log(&format!("labeller epoch {}/{}", e + 1, cfg.labeller_epochs));
        let mut order: Vec<usize> = (0..train.len()).collect();
        rng.shuffle(&mut order);
        labeller.epoch(&inputs, &heads, &label_ids, &order);
    }
    let labeller_weights = labeller.trainer.finish(
        labeller.trainer.max_abs() * cfg.quantum,
        cfg.labeller_min_seen,
    );

    log("lemmatizer and irregular forms");
    let kib = |n: usize| n.div_ceil(1024);
    log(&format!(
        "stored sizes: tagger {} KiB, parser {} KiB, labeller {} KiB",
        kib(postcard::to_stdvec(&stored_tagger).map_or(0, |v| v.len())),
        kib(postcard::to_stdvec(&parser_weights.store()).map_or(0, |v| v.len())),
        kib(postcard::to_stdvec(&labeller_weights.store()).map_or(0, |v| v.len())),
    ));
    let stored = StoredModel {
        format: FORMAT,
        tagger: stored_tagger,
        lemmatizer: Lemmatizer::train(train, EXTRA_PLURALS),
        parser: parser_weights.store(),
        labeller: labeller_weights.store(),
        labels,
        irregulars: Irregulars::train(train),
    };
    let bytes = stored.to_bytes();
    let model = Model::from_bytes(&bytes)?;
    Ok((model, bytes))
}
