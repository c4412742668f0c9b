//! A compile served from the response cache, next to the same compile that goes over HTTP to
//! a loopback mock answering at once: what a repeated prompt costs once the cache holds it.
//!
//! Both run the whole pipeline (director → check → lower → emit for the generic backend). The
//! mock is wiremock on 127.0.0.1 replying with the panda storyboard, so the uncached figure
//! is the LLM director's own cost (request rendering, HTTP, parsing, schema, check) with no
//! model time, and the cached one is a cache-file read in its place.

use scenec::Compiler;
use scenec::director::{CachedDirector, LlmDirector, LlmSettings};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn main() {
    divan::main();
}

const PROMPT: &str = "a panda bear walks from left to right, then turns and waves";

/// A mock that answers every chat completion with the panda storyboard.
async fn mock() -> MockServer {
    let server = MockServer::start().await;
    let storyboard = include_str!("../examples/panda.json");
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": "chatcmpl-bench", "object": "chat.completion", "created": 1, "model": "bench",
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": storyboard}}],
            "usage": {"prompt_tokens": 1000, "completion_tokens": 300, "total_tokens": 1300}
        })))
        .mount(&server)
        .await;
    server
}

fn director(server: &MockServer) -> LlmDirector {
    let mut settings = LlmSettings::new(format!("{}/v1", server.uri()));
    settings.model = "bench".into();
    LlmDirector::new(settings).unwrap_or_else(|e| panic!("settings: {e}"))
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("no runtime: {e}"))
}

/// The compile answered from the cache (filled by one compile before measuring).
#[divan::bench(sample_count = 200)]
fn cached_compile(bencher: divan::Bencher) {
    let rt = runtime();
    let server = rt.block_on(mock());
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let compiler = Compiler::builder()
        .director(CachedDirector::new(Box::new(director(&server)), dir.path()))
        .build();
    let first = rt.block_on(compiler.compile(PROMPT));
    assert!(
        first.is_ok_and(|c| !c.meta.cached),
        "the first compile fills the cache"
    );
    bencher.bench_local(|| {
        let out = rt.block_on(compiler.compile(PROMPT));
        assert!(
            out.as_ref().is_ok_and(|c| c.meta.cached),
            "served from the cache"
        );
        out.ok()
    });
    let requests = rt.block_on(server.received_requests()).unwrap_or_default();
    assert_eq!(
        requests.len(),
        1,
        "only the first compile reached the server"
    );
}

/// The same compile with no cache: one HTTP round trip to the mock each time.
#[divan::bench(sample_count = 200)]
fn uncached_compile_over_loopback(bencher: divan::Bencher) {
    let rt = runtime();
    let server = rt.block_on(mock());
    let compiler = Compiler::builder().director(director(&server)).build();
    bencher.bench_local(|| {
        let out = rt.block_on(compiler.compile(PROMPT));
        assert!(out.is_ok(), "the mock's storyboard compiles");
        out.ok()
    });
}
