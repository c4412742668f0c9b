//! Snapshot tests of the LLM director that run offline:
//! - the decompositions of dev-suite prompts replayed from cassettes recorded against a real
//!   llama.cpp server (`tests/cassettes/`), so a change of the prompt templates, the checker
//!   or the repair loop shows up as a reviewed snapshot diff;
//! - the exact default request, so a template edit shows up word for word, with its token
//!   count.

use std::path::Path;

use scenec::director::{
    Director, DirectorError, LlmDirector, LlmSettings, ReplayDirector, Request,
};
use serde_json::{Value, json};

const CASSETTES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cassettes");

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    s.set_prepend_module_to_snapshot(true);
    s
}

/// Replay settings matching the recording (tests/llama_e2e.rs).
fn replay_settings() -> LlmSettings {
    let mut s = LlmSettings::new("http://127.0.0.1:9/v1");
    s.model = "SmolLM2-135M-Instruct".into();
    s.max_tokens = 384;
    s
}

#[tokio::test]
async fn recorded_dev_suite_decompositions() {
    let mut files: Vec<_> = std::fs::read_dir(CASSETTES)
        .expect("tests/cassettes exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 10,
        "at least 10 recorded prompts, found {}",
        files.len()
    );
    let director = ReplayDirector::open(CASSETTES, replay_settings()).expect("cassettes open");
    for file in files {
        let cassette: Value =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let prompt = cassette["prompt"].as_str().unwrap().to_owned();
        let outcome = match director.direct(&Request::new(prompt.clone())).await {
            Ok(directed) => json!({
                "prompt": prompt,
                "storyboard": directed.storyboard,
                "attempts": directed.meta.attempts,
                "output_mode": directed.meta.output_mode,
                "notes": directed.meta.notes,
                "diagnostics": directed.diagnostics,
            }),
            Err(err) => json!({
                "prompt": prompt,
                "error": {"code": err.code(), "message": err.to_string()},
                "attempts": err.transcript().map(|t| t.attempts.len()),
                "last_diagnostics": err.transcript().and_then(|t| t.attempts.last()).map(|a| &a.diagnostics),
                "last_storyboard": match &err {
                    DirectorError::AttemptsExhausted { last_storyboard, .. } => last_storyboard.as_deref().cloned(),
                    _ => None,
                },
            }),
        };
        let name = Path::new(&file)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        settings().bind(|| insta::assert_json_snapshot!(format!("replay_{name}"), outcome));
    }
}

#[test]
fn the_default_request_word_for_word_with_its_token_count() {
    let director = LlmDirector::new(replay_settings()).unwrap();
    let dry = director
        .dry_run(&Request::new(
            "a panda bear walks from left to right, then turns and waves",
        ))
        .unwrap();
    let mut body = dry.body.clone();
    // the schema has its own snapshot (schemas/); keep its hash here
    body["response_format"]["json_schema"]["schema"] = json!(scenec::schema::wire_schema_hash());
    settings().bind(|| {
        insta::assert_json_snapshot!(
            "default_request",
            json!({"tokens": dry.tokens, "body": body})
        )
    });
}
