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
    assert!(
        dry.tokens.total <= 1_500,
        "the default request costs {} input tokens, over the 1,500 budget: {:?}",
        dry.tokens.total,
        dry.tokens
    );
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

/// A typical repair round: the reply (pretty-printed, as models often answer) has the wave
/// done by an entity the storyboard never lists. The request carries the system message, the
/// prompt, the reply as compact JSON and the diagnostics; the snapshot keeps its token count.
#[test]
fn a_typical_repair_request_word_for_word_with_its_token_count() {
    use scenec::director::llm::repair::{Verdict, judge, repair_conversation};
    use scenec::director::llm::request::{body, first_messages};
    use scenec::director::llm::response::ChatResponse;
    use scenec::director::llm::{OutputMode, PromptSet, tokens};

    let llm = replay_settings();
    let prompts = PromptSet::embedded().unwrap();
    let request = Request::new("a panda bear walks from left to right, then turns and waves");
    let mode = OutputMode::JsonSchema;
    let first = first_messages(&prompts, &request, mode, llm.examples).unwrap();
    let panda = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/panda.json");
    let mut reply: Value = serde_json::from_str(&std::fs::read_to_string(panda).unwrap()).unwrap();
    reply["shots"][0]["actions"][2]["entity"] = json!("bear");
    let response: ChatResponse = serde_json::from_value(json!({"choices": [{
        "message": {"content": serde_json::to_string_pretty(&reply).unwrap()},
        "finish_reason": "stop"
    }]}))
    .unwrap();
    let Verdict::Invalid {
        reply,
        value,
        diagnostics,
    } = judge(&response)
    else {
        panic!("a reply naming an unlisted entity is invalid")
    };
    let messages =
        repair_conversation(&prompts, &first, &reply, value.as_ref(), &diagnostics, mode).unwrap();
    let mut body = body(&llm, &messages, mode, llm.max_tokens);
    let tokens = tokens::count(&body);
    assert!(
        tokens.total <= 2_200,
        "a repair round costs {} input tokens: {tokens:?}",
        tokens.total
    );
    body["response_format"]["json_schema"]["schema"] = json!(scenec::schema::wire_schema_hash());
    settings().bind(|| {
        insta::assert_json_snapshot!(
            "typical_repair_request",
            json!({"tokens": tokens, "body": body})
        )
    });
}
