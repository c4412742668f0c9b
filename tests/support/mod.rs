//! Helpers shared by the test binaries that talk to a loopback mock of an OpenAI-compatible
//! server: the reference storyboard and chat-completion replies carrying a given content.
//! Each test binary compiles this module on its own and uses part of it.
#![allow(dead_code)]

use serde_json::{Value, json};
use wiremock::ResponseTemplate;

/// `examples/panda.json`, the reference valid storyboard.
pub fn panda() -> Value {
    serde_json::from_str(include_str!("../../examples/panda.json"))
        .unwrap_or_else(|e| panic!("examples/panda.json: {e}"))
}

/// A chat completion body whose one choice carries `content` and stops with
/// `finish_reason`, with llama.cpp's extra fields (`timings`, `system_fingerprint`) that
/// a lenient client must ignore.
pub fn completion_body(content: &str, finish_reason: &str) -> Value {
    json!({
        "id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": "test-model",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": finish_reason}],
        "usage": {"prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150},
        "timings": {"prompt_n": 100, "predicted_ms": 12.5}, "system_fingerprint": "b1"
    })
}

/// A 200 reply carrying `content` with `finish_reason`.
pub fn completion_with(content: &str, finish_reason: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(completion_body(content, finish_reason))
}

/// A 200 reply carrying `content`, stopped normally.
pub fn completion(content: &str) -> ResponseTemplate {
    completion_with(content, "stop")
}

/// Sends SIGTERM to `child` (a `scenec` this test started and still owns), or panics.
pub fn sigterm(child: &std::process::Child) {
    let pid = libc::pid_t::try_from(child.id()).unwrap_or_else(|e| panic!("{e}"));
    // SAFETY: sends SIGTERM to the child this test started and still owns.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
}

/// Waits for an interrupted `scenec` and returns its standard error, after checking it
/// ended with the interrupted exit code, 130.
pub fn interrupted(child: std::process::Child) -> String {
    let stopped = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("cannot wait for scenec: {e}"));
    let stderr = String::from_utf8_lossy(&stopped.stderr).into_owned();
    assert_eq!(stopped.status.code(), Some(130), "{stderr}");
    stderr
}
