//! Retrains the language model from the UD English Web Treebank and prints its accuracy.
//!
//! ```sh
//! cargo run --release --example train_lang -- ../shared/data/ud-english-ewt [OUT]
//! ```
//!
//! Reads `en_ewt-ud-{train,dev,test}.conllu` from the folder, trains on train, prints the
//! scores on dev (for tuning) and test (for the README), and writes the model to OUT
//! (default `src/lang/data/en-ewt.model`). The same treebank gives the same bytes.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use scenec::lang::{TrainConfig, evaluate, read_conllu, train};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: train_lang TREEBANK_DIR [OUT]   (e.g. ../shared/data/ud-english-ewt)");
        return ExitCode::from(2);
    };
    let out = args.next().map_or_else(
        || {
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/src/lang/data/en-ewt.model"
            ))
        },
        PathBuf::from,
    );
    let read = |split: &str| read_conllu(&dir.join(format!("en_ewt-ud-{split}.conllu")));
    let (train_set, dev, test) = match (read("train"), read("dev"), read("test")) {
        (Ok(a), Ok(b), Ok(c)) => (a, b, c),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let cfg = config_from_env();
    eprintln!("{cfg:?}");
    let start = Instant::now();
    let (model, bytes) = match train(&train_set, &cfg, &mut |m| {
        eprintln!("[{:>6.1} s] {m}", start.elapsed().as_secs_f64())
    }) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    eprintln!("trained in {:.1} s", start.elapsed().as_secs_f64());
    if let Err(e) = std::fs::write(&out, &bytes) {
        eprintln!("error: cannot write {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    let [tagger, rules, exceptions, parser, labeller, irregular] = model.sizes();
    println!(
        "model: {} bytes ({tagger} tagger features, {rules} lemma rules, {exceptions} lemma exceptions, {parser} parser features, {labeller} labeller features, {irregular} irregular forms) → {}",
        bytes.len(),
        out.display()
    );
    println!("blake3: {}", blake3::hash(&bytes));
    println!("dev:  {}", evaluate(&model, &dev));
    println!("test: {}", evaluate(&model, &test));
    ExitCode::SUCCESS
}

/// The default configuration, with tuning overrides from `LANG_TRAIN_*` variables.
fn config_from_env() -> TrainConfig {
    let mut cfg = TrainConfig::default();
    let var = |name: &str| {
        std::env::var(format!("LANG_TRAIN_{name}"))
            .ok()
            .and_then(|v| v.parse::<usize>().ok())
    };
    if let Some(n) = var("TAGGER_EPOCHS") {
        cfg.tagger_epochs = n;
    }
    if let Some(n) = var("PARSER_EPOCHS") {
        cfg.parser_epochs = n;
    }
    if let Some(n) = var("LABELLER_EPOCHS") {
        cfg.labeller_epochs = n;
    }
    if let Some(n) = var("FOLDS") {
        cfg.folds = n;
    }
    if let Some(n) = var("TAGGER_MIN_SEEN") {
        cfg.tagger_min_seen = n as u32;
    }
    if let Some(n) = var("PARSER_MIN_SEEN") {
        cfg.parser_min_seen = n as u32;
    }
    if let Some(n) = var("LABELLER_MIN_SEEN") {
        cfg.labeller_min_seen = n as u32;
    }
    if let Some(n) = var("QUANTUM") {
        cfg.quantum = 1.0 / n as f64;
    }
    cfg
}
