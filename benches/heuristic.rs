//! The heuristic director per prompt over the dev suite, and over a long story prompt.

use scenec::director::{Heuristic, Request};

fn main() {
    divan::main();
}

/// The dev-suite prompts (the repository's copy, `tests/eval/dev-suite.jsonl`).
fn dev_prompts() -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/eval/dev-suite.jsonl");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    text.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["prompt"].as_str().map(str::to_string))
        .collect()
}

/// One prompt, each dev-suite prompt in turn.
#[divan::bench]
fn dev_suite_prompt(bencher: divan::Bencher) {
    let prompts = dev_prompts();
    let mut i = 0;
    bencher.bench_local(|| {
        i = (i + 1) % prompts.len();
        Heuristic.decompose(&Request::new(prompts[i].as_str())).ok()
    });
}

/// A five-sentence story (one shot per beat).
#[divan::bench]
fn story_prompt(bencher: divan::Bencher) {
    let prompt = "A lonely robot wanders a junkyard. It finds a small flower growing between scraps. It carefully digs the flower out. It carries the flower to a sunny spot. It plants it and watches it sway in the wind.";
    bencher.bench_local(|| Heuristic.decompose(&Request::new(prompt)).ok());
}

/// A ten-sentence story (the story target: under 2 ms): named characters,
/// pronouns across sentences, a scene change, past-tense narration and a quoted line.
#[divan::bench]
fn ten_sentence_story(bencher: divan::Bencher) {
    let prompt = "Mara walked into the old lighthouse at dusk. She climbed the spiral stairs slowly. \
        At the top, a gull sat on the railing. It watched her light the brass lantern. \
        The lantern glowed red, then white. Outside, a small boat drifted toward the rocks. \
        Mara waved the lantern from left to right. The boat turned away from the cliff. \
        \"We made it,\" the sailor shouted. The camera pulls back to show the whole coast.";
    bencher.bench_local(|| Heuristic.decompose(&Request::new(prompt)).ok());
}

/// A batch of 500 generated prompts through `scenec::batch::run` (heuristic director,
/// check, lowering for the generic backend) with every result line serialized, as
/// `scenec batch` does.
#[divan::bench(sample_count = 10)]
fn batch_of_500_prompts(bencher: divan::Bencher) {
    let subjects = [
        "A panda",
        "A red car",
        "An old man",
        "A girl",
        "A fox",
        "A robot",
        "A paper boat",
        "A balloon",
        "A cat",
        "A chef",
    ];
    let verbs = [
        "walks from left to right",
        "drives toward the camera",
        "sits next to a lamp, then stands up",
        "turns red",
        "jumps onto the table",
        "waves, then turns and runs away",
        "slowly melts into a puddle",
        "rises from the bottom of the frame to the top",
    ];
    let cameras = [
        "",
        " The camera pans left.",
        " Close-up, the camera zooms in.",
        " Aerial shot circling around it.",
    ];
    let input: String = (0..500)
        .map(|i| {
            let prompt = format!(
                "{} {}.{}",
                subjects[i % 10],
                verbs[(i / 10) % 8],
                cameras[(i / 80) % 4]
            );
            format!("{}\n", serde_json::json!({"id": i, "prompt": prompt}))
        })
        .collect();
    let compiler = std::sync::Arc::new(scenec::Compiler::builder().build());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap_or_else(|e| panic!("no runtime: {e}"));
    bencher.bench_local(|| {
        let lines = rt.block_on(scenec::batch::run(
            std::sync::Arc::clone(&compiler),
            &input,
            &scenec::batch::Options::default(),
        ));
        lines
            .iter()
            .map(|l| serde_json::to_string(l).map_or(0, |s| s.len()))
            .sum::<usize>()
    });
}

/// A prompt of `words` words repeating one clause shape, up to the prompt limit: the time
/// per word stays flat when the director is linear (shapes that were quadratic or worse).
#[divan::bench(args = [250, 500, 1000], consts = [0, 1, 2])]
fn long_prompt<const SHAPE: usize>(bencher: divan::Bencher, words: usize) {
    let unit = [
        "a panda, ",
        "a panda walks then ",
        "a red cube, a blue cube, ",
    ][SHAPE];
    let per_unit = unit.split_whitespace().count();
    let prompt = unit.repeat(words / per_unit);
    assert!(prompt.chars().count() <= scenec::director::MAX_PROMPT_CHARS);
    bencher
        .counter(divan::counter::ItemsCount::new(words))
        .bench_local(|| Heuristic.decompose(&Request::new(prompt.as_str())).ok());
}
