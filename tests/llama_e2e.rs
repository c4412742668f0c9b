//! End to end against a real llama.cpp `llama-server` (SmolLM2-135M-Instruct), started by
//! `scripts/llm-server.sh start`, whose base URL is in `SCENEC_LLAMA_URL` (`.ci/run` sets
//! it). The test is ignored by default, since it needs that server; `.ci/run` starts one and
//! runs it with `cargo test --test llama_e2e -- --ignored`, and there a missing
//! `SCENEC_LLAMA_URL` fails it.
//!
//! Every dev-suite prompt must end in a storyboard that passes the schema and the checker,
//! or in a typed error that carries its transcript. With `SCENEC_RECORD_CASSETTES=DIR` the
//! exchanges are recorded as cassettes (how `tests/cassettes/` was made).
//!
//! It ends with a one-line summary on standard error (shown with `-- --nocapture`): prompts,
//! valid storyboards (and how many kept fidelity warnings), typed errors by kind, mean
//! attempts and mean seconds per compile — the figures the README quotes.

use std::time::Instant;

use scenec::director::{Director, LlmDirector, LlmSettings, Request};
use serde_json::Value;

fn dev_suite() -> Vec<(String, String)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/eval/dev-suite.jsonl");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("each dev-suite line is JSON");
            (
                v["id"].as_str().unwrap_or_default().to_owned(),
                v["prompt"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

/// The cases to run: `SCENEC_LLAMA_CASES=all` for the whole suite, `=N` for N cases spread
/// evenly over it (every category), default 10.
fn spread<'a>(all: &'a [(String, String)], wanted: Option<&str>) -> Vec<&'a (String, String)> {
    let n = match wanted {
        Some("all") => all.len(),
        Some(n) => n.parse().unwrap_or(10),
        None => 10,
    }
    .clamp(1, all.len().max(1));
    (0..n).filter_map(|i| all.get(i * all.len() / n)).collect()
}

#[tokio::test]
#[ignore = "needs a llama.cpp server: SCENEC_LLAMA_URL=$(scripts/llm-server.sh start) cargo test --test llama_e2e -- --ignored (.ci/run does)"]
async fn dev_suite_prompts_end_valid_or_in_a_typed_error_with_transcript() {
    let url = std::env::var("SCENEC_LLAMA_URL").unwrap_or_else(|_| {
        panic!(
            "SCENEC_LLAMA_URL is not set: start a server with `scripts/llm-server.sh start` and export its URL"
        )
    });
    let mut settings = LlmSettings::new(url);
    settings.model = "SmolLM2-135M-Instruct".into();
    settings.max_tokens = 384;
    // a loaded 2-core machine generates at a few tokens per second: be patient, retry once
    settings.read_timeout = std::time::Duration::from_secs(900);
    settings.request_timeout = std::time::Duration::from_secs(900);
    settings.max_http_attempts = 2;
    let mut director = LlmDirector::new(settings).expect("settings are valid");
    if let Ok(dir) = std::env::var("SCENEC_RECORD_CASSETTES") {
        director = director.record_to(dir);
    }
    let all = dev_suite();
    let cases = spread(&all, std::env::var("SCENEC_LLAMA_CASES").ok().as_deref());
    let (mut valid, mut warned, mut failed, mut attempts, mut wall) =
        (0u32, 0u32, 0u32, 0u32, 0f64);
    let mut codes = std::collections::BTreeMap::<&'static str, u32>::new();
    for (id, prompt) in &cases {
        let started = Instant::now();
        let result = director.direct(&Request::new(prompt.clone())).await;
        wall += started.elapsed().as_secs_f64();
        match result {
            Ok(directed) => {
                let value =
                    serde_json::to_value(&directed.storyboard).expect("a storyboard serializes");
                let checked = scenec::check::check_value(&value);
                let errors: Vec<_> = checked
                    .diagnostics
                    .iter()
                    .filter(|d| d.is_error())
                    .collect();
                assert!(
                    errors.is_empty(),
                    "{id}: a storyboard returned as valid has errors: {errors:?}"
                );
                assert!(directed.meta.attempts >= 1);
                attempts += directed.meta.attempts;
                valid += 1;
                warned += u32::from(
                    directed
                        .diagnostics
                        .iter()
                        .any(|d| scenec::director::fidelity::codes::is_fidelity(&d.code)),
                );
            }
            Err(err) => {
                let transcript = err
                    .transcript()
                    .unwrap_or_else(|| panic!("{id}: {err} carries no transcript"));
                assert!(!transcript.attempts.is_empty(), "{id}: empty transcript");
                attempts += transcript.attempts.len() as u32;
                *codes.entry(err.code()).or_default() += 1;
                failed += 1;
            }
        }
    }
    let n = cases.len().max(1) as f64;
    eprintln!(
        "llama.cpp e2e: {} prompts, {valid} valid ({warned} with fidelity warnings), {failed} typed errors {codes:?}, mean attempts {:.2}, mean {:.1} s per compile",
        cases.len(),
        f64::from(attempts) / n,
        wall / n
    );
}
