//! The heuristic director over every prompt of a suite file, `PASSES` times, for counting
//! instructions under callgrind (robust to a loaded machine, unlike wall time):
//!
//! ```sh
//! cargo build --release --example director_cost --no-default-features
//! valgrind --tool=callgrind target/release/examples/director_cost tests/eval/dev-suite.jsonl 1
//! valgrind --tool=callgrind target/release/examples/director_cost tests/eval/dev-suite.jsonl 3
//! ```
//!
//! (instructions of the 3-pass run − the 1-pass run) / (2 × prompts) is the director's cost
//! per prompt, without the model load and the process start that both runs pay once.

use scenec::director::{Heuristic, Request};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "tests/eval/dev-suite.jsonl".to_string());
    let passes: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let prompts: Vec<String> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["prompt"].as_str().map(str::to_string))
        .collect();
    // The model loads on first use: pay it before the passes.
    let _ = scenec::lang::analyze("warm up");
    let mut shots = 0;
    for _ in 0..passes {
        for p in &prompts {
            if let Ok(d) = Heuristic.decompose(&Request::new(p.as_str())) {
                shots += d.shots.len();
            }
        }
    }
    println!("{} prompts × {passes} passes, {shots} shots", prompts.len());
}
