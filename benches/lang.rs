//! The language layer: loading the bundled model, and tagging + parsing prompts.

use scenec::lang::{self, Model};

fn main() {
    divan::main();
}

const MODEL: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/src/lang/data/en-ewt.model"
));

/// Decoding the model file and building its lookup tables (what the first call pays).
#[divan::bench(sample_count = 20)]
fn model_load() -> Model {
    Model::from_bytes(divan::black_box(MODEL)).unwrap_or_else(|e| panic!("{e}"))
}

/// A typical one-sentence prompt: tokenize, tag, lemmatize, parse, label.
#[divan::bench]
fn analyze_prompt(bencher: divan::Bencher) {
    let _ = lang::analyze("warm up");
    bencher.bench_local(|| {
        lang::analyze(divan::black_box("A panda bear walks slowly from left to right across a bamboo forest, then turns and waves at the camera."))
    });
}

/// A ten-sentence story prompt.
#[divan::bench]
fn analyze_story(bencher: divan::Bencher) {
    let story = "A lonely robot wanders a junkyard at dawn. It finds a small flower growing between scraps. \
        It carefully digs the flower out. It carries the flower to a sunny spot. It plants it and waters it. \
        A girl on a red bicycle rides past. She stops and smiles at the robot. \"Is that yours?\" she asks. \
        The robot nods slowly. Together they watch the flower sway in the wind.";
    let _ = lang::analyze("warm up");
    bencher.bench_local(|| lang::analyze(divan::black_box(story)));
}
