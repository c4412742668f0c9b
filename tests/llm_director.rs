//! The LLM director against a scripted loopback server (wiremock on 127.0.0.1): every
//! transport fault, the repair loop, length stops, refusals, mode fallback, recording and the
//! response cache. wiremock because each test scripts its own replies declaratively, matches
//! on the request body, and hands back every request received for assertions; a raw tokio
//! listener covers the one fault wiremock cannot script (a connection reset).

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use scenec::director::{
    CachedDirector, Director, DirectorError, LlmDirector, LlmSettings, ReplayDirector, Request,
};
use serde_json::{Value, json};
use tokio::io::AsyncReadExt;
use wiremock::matchers::{body_partial_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod support;
use support::{completion_with, panda};

const KEY: &str = "sk-test-secret-never-written";

fn settings(base: &str) -> LlmSettings {
    let mut s = LlmSettings::new(format!("{base}/v1"));
    s.api_key = KEY.into();
    s.model = "test-model".into();
    s.max_http_attempts = 3;
    s.retry_base_delay = Duration::from_millis(5);
    s.retry_max_delay = Duration::from_millis(50);
    s.read_timeout = Duration::from_millis(400);
    s.connect_timeout = Duration::from_millis(400);
    s
}

fn valid() -> ResponseTemplate {
    completion_with(&panda().to_string(), "stop")
}

fn chat() -> wiremock::MockBuilder {
    Mock::given(method("POST")).and(path("/v1/chat/completions"))
}

/// Mounts `replies` so the n-th request gets the n-th reply (the last one repeats).
async fn script(server: &MockServer, replies: Vec<ResponseTemplate>) {
    let n = replies.len();
    for (i, reply) in replies.into_iter().enumerate() {
        let mock = chat().respond_with(reply).with_priority(i as u8 + 1);
        let mock = if i + 1 < n {
            mock.up_to_n_times(1)
        } else {
            mock
        };
        mock.mount(server).await;
    }
}

async fn requests(server: &MockServer) -> Vec<Value> {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .map(|r| serde_json::from_slice(&r.body).unwrap())
        .collect()
}

async fn direct(server: &MockServer) -> Result<scenec::director::Directed, DirectorError> {
    LlmDirector::new(settings(&server.uri()))
        .unwrap()
        .direct(&Request::new(
            "a panda walks from left to right, then turns and waves",
        ))
        .await
}

#[tokio::test]
async fn a_valid_first_reply_makes_one_request_and_fills_meta() {
    let server = MockServer::start().await;
    script(&server, vec![valid()]).await;
    let directed = direct(&server).await.unwrap();
    assert_eq!(directed.storyboard.title, "Panda says hello");
    let meta = &directed.meta;
    assert_eq!(meta.director, "llm");
    assert_eq!(meta.model.as_deref(), Some("test-model"));
    let port = server.address().port();
    assert_eq!(
        meta.endpoint_host.as_deref(),
        Some(format!("127.0.0.1:{port}").as_str())
    );
    assert_eq!(
        meta.prompt_version.as_deref(),
        Some(include_str!("../prompts/VERSION").trim())
    );
    assert_eq!(meta.schema_hash, Some(scenec::schema::wire_schema_hash()));
    assert_eq!((meta.attempts, meta.http_attempts), (1, 1));
    assert_eq!((meta.prompt_tokens, meta.completion_tokens), (100, 50));
    assert_eq!(meta.output_mode.as_deref(), Some("json_schema"));
    assert!(!meta.cached);
    let sent = requests(&server).await;
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["response_format"]["type"], "json_schema");
    let received = server.received_requests().await.unwrap();
    let auth = received[0]
        .headers
        .get("authorization")
        .unwrap()
        .to_str()
        .unwrap();
    assert_eq!(auth, format!("Bearer {KEY}"));
}

#[tokio::test]
async fn http_429_with_retry_after_waits_that_long_then_succeeds() {
    let server = MockServer::start().await;
    let limited = ResponseTemplate::new(429)
        .insert_header("retry-after", "1")
        .set_body_json(
            json!({"error": {"message": "slow down", "type": "rate_limit_error", "code": null}}),
        );
    script(&server, vec![limited, valid()]).await;
    let mut s = settings(&server.uri());
    s.retry_max_delay = Duration::from_secs(5);
    let started = Instant::now();
    let directed = LlmDirector::new(s)
        .unwrap()
        .direct(&Request::new("a panda"))
        .await
        .unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(directed.meta.http_attempts, 2);
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn http_429_without_retry_after_backs_off_and_succeeds() {
    let server = MockServer::start().await;
    script(
        &server,
        vec![ResponseTemplate::new(429).set_body_string("busy"), valid()],
    )
    .await;
    let directed = direct(&server).await.unwrap();
    assert_eq!(directed.meta.http_attempts, 2);
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn http_500_then_503_then_success_takes_three_requests() {
    let server = MockServer::start().await;
    script(
        &server,
        vec![
            ResponseTemplate::new(500).set_body_string("internal"),
            ResponseTemplate::new(503).set_body_string("<html>unavailable</html>"),
            valid(),
        ],
    )
    .await;
    let directed = direct(&server).await.unwrap();
    assert_eq!(directed.meta.http_attempts, 3);
}

#[tokio::test]
async fn persistent_503_stops_at_the_http_attempt_bound_with_one_clear_error() {
    let server = MockServer::start().await;
    script(
        &server,
        vec![ResponseTemplate::new(503).set_body_string("overloaded")],
    )
    .await;
    let err = direct(&server).await.unwrap_err();
    assert_eq!(err.code(), "http_status");
    let DirectorError::Http {
        status,
        http_attempts,
        ref message,
        ..
    } = err
    else {
        panic!("{err}")
    };
    assert_eq!((status, http_attempts), (503, 3));
    assert_eq!(message, "overloaded");
    // every HTTP request is ours and counted: async-openai's own retries are not stacked under
    assert_eq!(requests(&server).await.len(), 3);
    assert!(
        err.to_string().contains("HTTP 503 after 3 request(s)"),
        "{err}"
    );
}

#[tokio::test]
async fn connection_resets_are_retried_then_reported() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let accepted = Arc::new(AtomicU32::new(0));
    let count = Arc::clone(&accepted);
    let server = tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            count.fetch_add(1, Ordering::SeqCst);
            let mut buf = [0u8; 4096];
            let _ = stream.read(&mut buf).await;
            let _ = stream.set_zero_linger();
            drop(stream);
        }
    });
    let err = LlmDirector::new(settings(&format!("http://{addr}")))
        .unwrap()
        .direct(&Request::new("a panda"))
        .await
        .unwrap_err();
    server.abort();
    assert_eq!(err.code(), "transport", "{err}");
    let DirectorError::Transport {
        http_attempts,
        ref transcript,
        ..
    } = err
    else {
        panic!()
    };
    assert_eq!(http_attempts, 3);
    assert_eq!(accepted.load(Ordering::SeqCst), 3);
    assert_eq!(transcript.attempts.len(), 1);
}

#[tokio::test]
async fn a_read_timeout_is_retried_then_reported() {
    let server = MockServer::start().await;
    script(&server, vec![valid().set_delay(Duration::from_secs(3))]).await;
    let err = direct(&server).await.unwrap_err();
    assert_eq!(err.code(), "transport", "{err}");
    assert!(err.to_string().contains("timed out"), "{err}");
    let DirectorError::Transport { http_attempts, .. } = err else {
        panic!()
    };
    assert_eq!(http_attempts, 3);
}

#[tokio::test]
async fn a_malformed_json_body_is_retried_then_reported() {
    let server = MockServer::start().await;
    script(
        &server,
        vec![ResponseTemplate::new(200).set_body_string(r#"{"choices": [{"message": "#)],
    )
    .await;
    let err = direct(&server).await.unwrap_err();
    assert_eq!(err.code(), "malformed_response", "{err}");
    assert_eq!(requests(&server).await.len(), 3);
}

#[tokio::test]
async fn a_non_json_body_is_retried_and_recovers() {
    let server = MockServer::start().await;
    script(
        &server,
        vec![
            ResponseTemplate::new(200).set_body_string("<html>proxy says hi</html>"),
            valid(),
        ],
    )
    .await;
    let directed = direct(&server).await.unwrap();
    assert_eq!(directed.meta.http_attempts, 2);
}

#[tokio::test]
async fn a_llama_cpp_error_with_a_numeric_code_is_not_retried_and_keeps_its_message() {
    let server = MockServer::start().await;
    let error = json!({"error": {"code": 400, "message": "the request exceeds the available context size", "type": "exceed_context_size_error"}});
    script(
        &server,
        vec![ResponseTemplate::new(400).set_body_json(error)],
    )
    .await;
    let err = direct(&server).await.unwrap_err();
    let DirectorError::Http {
        status,
        ref message,
        http_attempts,
        ..
    } = err
    else {
        panic!("{err}")
    };
    assert_eq!((status, http_attempts), (400, 1));
    assert!(
        message.contains("exceeds the available context"),
        "{message}"
    );
}

#[tokio::test]
async fn an_unknown_finish_reason_and_extra_fields_do_not_break_a_call() {
    let server = MockServer::start().await;
    script(
        &server,
        vec![completion_with(&panda().to_string(), "abort")],
    )
    .await;
    let directed = direct(&server).await.unwrap();
    assert_eq!(directed.storyboard.shots.len(), 1);
}

#[tokio::test]
async fn an_invalid_reply_is_repaired_with_its_diagnostics_in_the_second_request() {
    let server = MockServer::start().await;
    let mut broken = panda();
    broken["duration_s"] = json!("eight");
    script(
        &server,
        vec![completion_with(&broken.to_string(), "stop"), valid()],
    )
    .await;
    let directed = direct(&server).await.unwrap();
    assert_eq!(directed.meta.attempts, 2);
    let sent = requests(&server).await;
    assert_eq!(sent.len(), 2);
    let messages = sent[1]["messages"].as_array().unwrap();
    let n = messages.len();
    assert_eq!(messages[n - 2]["role"], "assistant");
    assert_eq!(messages[n - 2]["content"], broken.to_string());
    let repair = messages[n - 1]["content"].as_str().unwrap();
    assert!(repair.contains("/duration_s:"), "{repair}");
    assert!(repair.contains("\"eight\""), "{repair}");
    assert!(repair.contains("Fix:"), "{repair}");
}

#[tokio::test]
async fn a_reply_without_json_is_repaired_too() {
    let server = MockServer::start().await;
    script(
        &server,
        vec![
            completion_with("I think a panda would be lovely.", "stop"),
            valid(),
        ],
    )
    .await;
    let directed = direct(&server).await.unwrap();
    assert_eq!(directed.meta.attempts, 2);
    let sent = requests(&server).await;
    let last = sent[1]["messages"].as_array().unwrap().last().unwrap()["content"].to_string();
    assert!(last.contains("no JSON object"), "{last}");
}

#[tokio::test]
async fn always_invalid_ends_in_attempts_exhausted_with_transcript_and_last_storyboard() {
    let server = MockServer::start().await;
    let mut broken = panda();
    broken["shots"][0]["framing"] = json!("sideways");
    script(&server, vec![completion_with(&broken.to_string(), "stop")]).await;
    let err = direct(&server).await.unwrap_err();
    assert_eq!(err.code(), "attempts_exhausted");
    let DirectorError::AttemptsExhausted {
        attempts,
        ref last_storyboard,
        ref diagnostics,
        ref transcript,
    } = err
    else {
        panic!("{err}")
    };
    assert_eq!(attempts, 3);
    assert_eq!(last_storyboard.as_deref(), Some(&broken));
    assert!(
        diagnostics.iter().any(|d| d.path == "/shots/0/framing"),
        "{diagnostics:?}"
    );
    assert_eq!(transcript.attempts.len(), 3);
    assert!(
        transcript
            .attempts
            .iter()
            .all(|a| !a.diagnostics.is_empty() && a.reply.is_some())
    );
    assert_eq!(requests(&server).await.len(), 3);
    assert!(err.to_string().contains("/shots/0/framing"), "{err}");
}

#[tokio::test]
async fn a_length_stop_retries_once_with_twice_the_tokens() {
    let server = MockServer::start().await;
    script(
        &server,
        vec![
            completion_with("{\"schema_version\": \"1\", \"ti", "length"),
            valid(),
        ],
    )
    .await;
    let directed = direct(&server).await.unwrap();
    let sent = requests(&server).await;
    assert_eq!(sent.len(), 2);
    assert_eq!(
        sent[1]["max_tokens"],
        sent[0]["max_tokens"].as_u64().unwrap() * 2
    );
    assert!(
        directed
            .meta
            .notes
            .iter()
            .any(|n| n.contains("token limit"))
    );
}

#[tokio::test]
async fn two_length_stops_are_a_length_error_not_a_schema_error() {
    let server = MockServer::start().await;
    script(
        &server,
        vec![completion_with(
            "{\"schema_version\": \"1\", \"ti",
            "length",
        )],
    )
    .await;
    let err = direct(&server).await.unwrap_err();
    assert_eq!(err.code(), "length", "{err}");
    assert_eq!(err.transcript().unwrap().attempts.len(), 2);
}

#[tokio::test]
async fn a_refusal_is_its_own_error() {
    let server = MockServer::start().await;
    let refusal = ResponseTemplate::new(200).set_body_json(json!({
        "choices": [{"index": 0, "message": {"role": "assistant", "content": null, "refusal": "I can't help with that."}, "finish_reason": "stop"}]
    }));
    script(&server, vec![refusal]).await;
    let err = direct(&server).await.unwrap_err();
    assert_eq!(err.code(), "refusal");
    assert!(err.to_string().contains("I can't help with that."));
    assert_eq!(requests(&server).await.len(), 1);
}

#[tokio::test]
async fn a_rejected_response_format_falls_back_to_the_next_mode_and_says_so() {
    let server = MockServer::start().await;
    chat()
        .and(body_partial_json(json!({"response_format": {"type": "json_schema"}})))
        .respond_with(ResponseTemplate::new(400).set_body_json(
            json!({"error": {"message": "response_format json_schema is not supported", "code": 400}}),
        ))
        .with_priority(1)
        .mount(&server)
        .await;
    chat()
        .respond_with(valid())
        .with_priority(2)
        .mount(&server)
        .await;
    let directed = direct(&server).await.unwrap();
    assert_eq!(directed.meta.output_mode.as_deref(), Some("json_object"));
    assert!(
        directed
            .meta
            .notes
            .iter()
            .any(|n| n.contains("fell back to json_object")),
        "{:?}",
        directed.meta.notes
    );
    let sent = requests(&server).await;
    assert_eq!(sent[1]["response_format"]["type"], "json_object");
    let system = sent[1]["messages"][0]["content"].as_str().unwrap();
    assert!(
        system.contains("\"properties\""),
        "json_object mode describes the schema in the prompt"
    );
}

#[tokio::test]
async fn a_server_rejecting_every_mode_is_mode_unsupported() {
    let server = MockServer::start().await;
    let reject = ResponseTemplate::new(422).set_body_string("unsupported response_format");
    script(&server, vec![reject]).await;
    let err = direct(&server).await.unwrap_err();
    // text mode sends no response_format, yet this server still names it: all three tried
    assert_eq!(err.code(), "mode_unsupported", "{err}");
    let DirectorError::ModeUnsupported { tried, .. } = err else {
        panic!()
    };
    assert_eq!(tried, ["json_schema", "json_object", "text"]);
}

#[tokio::test]
async fn text_mode_extracts_json_from_a_code_fence() {
    let server = MockServer::start().await;
    let prose = format!("Here is the storyboard:\n```json\n{}\n```\nEnjoy!", panda());
    script(&server, vec![completion_with(&prose, "stop")]).await;
    let mut s = settings(&server.uri());
    s.mode = scenec::director::OutputMode::Text;
    let directed = LlmDirector::new(s)
        .unwrap()
        .direct(&Request::new("a panda"))
        .await
        .unwrap();
    assert_eq!(directed.storyboard.title, "Panda says hello");
    assert!(requests(&server).await[0].get("response_format").is_none());
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("scenec-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[tokio::test]
async fn cassettes_never_contain_the_key_and_replay_offline() {
    let server = MockServer::start().await;
    let mut broken = panda();
    broken["title"] = json!(7);
    script(
        &server,
        vec![completion_with(&broken.to_string(), "stop"), valid()],
    )
    .await;
    let dir = temp_dir("cassettes");
    let request = Request::new("a panda walks from left to right, then turns and waves");
    let recorded = LlmDirector::new(settings(&server.uri()))
        .unwrap()
        .record_to(&dir)
        .direct(&request)
        .await
        .unwrap();
    let files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1);
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        assert!(
            !text.contains(KEY),
            "the key leaked into {}",
            file.display()
        );
        assert!(!text.to_ascii_lowercase().contains("authorization"));
        assert!(!text.contains("Bearer"));
        let cassette: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(cassette["exchanges"].as_array().unwrap().len(), 2);
    }
    drop(server);
    let replayed = ReplayDirector::open(&dir, LlmSettings::new("http://127.0.0.1:9/v1"))
        .unwrap()
        .direct(&request)
        .await
        .unwrap();
    assert_eq!(replayed.storyboard, recorded.storyboard);
    assert_eq!(replayed.meta.director, "replay");
    assert_eq!(replayed.meta.attempts, 2);
    let missing = ReplayDirector::open(&dir, LlmSettings::new("http://127.0.0.1:9/v1"))
        .unwrap()
        .direct(&Request::new("something never recorded"))
        .await
        .unwrap_err();
    assert_eq!(missing.code(), "replay");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn a_cache_hit_makes_no_request() {
    let server = MockServer::start().await;
    script(&server, vec![valid()]).await;
    let dir = temp_dir("cache");
    let cached = CachedDirector::new(
        Box::new(LlmDirector::new(settings(&server.uri())).unwrap()),
        &dir,
    );
    let request = Request::new("a panda waves");
    let first = cached.direct(&request).await.unwrap();
    let second = cached.direct(&request).await.unwrap();
    assert_eq!(requests(&server).await.len(), 1);
    assert!(!first.meta.cached);
    assert!(second.meta.cached);
    assert_eq!(first.storyboard, second.storyboard);
    // another prompt or another option is another key
    cached
        .direct(&Request::new("a panda sleeps"))
        .await
        .unwrap();
    let mut s = settings(&server.uri());
    s.temperature = 0.5;
    CachedDirector::new(Box::new(LlmDirector::new(s).unwrap()), &dir)
        .direct(&request)
        .await
        .unwrap();
    assert_eq!(requests(&server).await.len(), 3);
    std::fs::remove_dir_all(&dir).unwrap();
}
