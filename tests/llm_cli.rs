//! `scenec compile` with the LLM flags, against a scripted loopback server.

use assert_cmd::Command;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn panda_reply() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "choices": [{"index": 0, "message": {"role": "assistant", "content": include_str!("../examples/panda.json")}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 5}
    }))
}

async fn server(reply: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .respond_with(reply)
        .mount(&server)
        .await;
    server
}

fn scenec(server: &MockServer, cache: &tempfile::TempDir) -> Command {
    let mut cmd = Command::cargo_bin("scenec").unwrap();
    cmd.env_remove("OPENAI_API_KEY")
        .env("OPENAI_BASE_URL", format!("{}/v1", server.uri()))
        .env("SCENEC_CACHE_DIR", cache.path());
    cmd
}

#[tokio::test]
async fn compile_with_the_llm_prints_the_result_with_meta() {
    let server = server(panda_reply()).await;
    let cache = tempfile::tempdir().unwrap();
    let out = scenec(&server, &cache)
        .args([
            "compile",
            "a panda walks from left to right, then turns and waves",
            "--director",
            "llm",
            "--format",
            "json",
        ])
        .assert()
        .success();
    let printed: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(printed["storyboard"]["title"], "Panda says hello");
    assert_eq!(printed["meta"]["director"], "llm");
    assert_eq!(printed["meta"]["attempts"], 1);
    assert!(
        printed["plan"]["keyframes"]
            .as_array()
            .is_some_and(|k| !k.is_empty())
    );
    // the same compile again comes from the cache: still one request
    let again = scenec(&server, &cache)
        .args([
            "compile",
            "a panda walks from left to right, then turns and waves",
        ])
        .assert()
        .success();
    let printed: Value = serde_json::from_slice(&again.get_output().stdout).unwrap();
    assert_eq!(printed["meta"]["cached"], true);
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn dry_run_prints_the_request_and_its_tokens_and_sends_nothing() {
    let server = server(panda_reply()).await;
    let cache = tempfile::tempdir().unwrap();
    let out = scenec(&server, &cache)
        .args(["compile", "a panda waves", "--director", "llm", "--dry-run"])
        .assert()
        .success();
    let printed: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(
        printed["url"],
        format!("{}/v1/chat/completions", server.uri())
    );
    assert_eq!(printed["body"]["response_format"]["type"], "json_schema");
    let tokens = &printed["tokens"];
    let count = |part: &str| tokens[part].as_u64().unwrap();
    assert!(count("system") > 100 && count("prompt") > 5, "{tokens}");
    assert_eq!(count("examples"), 0, "no few-shot examples by default");
    assert!(count("schema") > 100, "{tokens}");
    assert_eq!(count("total"), count("messages") + count("schema"));
    assert!(count("total") <= 1_500, "{tokens}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_failing_llm_prints_the_transcript_or_falls_back_to_the_heuristic() {
    let server = server(
        ResponseTemplate::new(401).set_body_json(json!({"error": {"message": "invalid api key"}})),
    )
    .await;
    let cache = tempfile::tempdir().unwrap();
    let out = scenec(&server, &cache)
        .args(["compile", "a panda waves", "--director", "llm"])
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("HTTP 401"), "{stderr}");
    assert!(stderr.contains("invalid api key"), "{stderr}");
    assert!(
        stderr.contains("attempt 1 (json_schema, 1 HTTP request(s)): failed"),
        "{stderr}"
    );

    let out = scenec(&server, &cache)
        .args([
            "compile",
            "a panda waves",
            "--director",
            "llm",
            "--fallback",
            "heuristic",
        ])
        .assert()
        .success();
    let printed: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(printed["meta"]["director"], "heuristic");
    let notes = printed["meta"]["notes"].to_string();
    assert!(
        notes.contains("the llm director failed (http_status"),
        "{notes}"
    );
}
