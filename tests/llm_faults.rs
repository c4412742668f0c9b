//! Fault injection over loopback: servers that drip, drop, stall, rate-limit or fail. Every
//! case states its time bound and asserts it, with the typed error code and a message that
//! says what happened. A raw tokio listener scripts what wiremock cannot (a body dripping a
//! byte at a time, a body cut short, a server that accepts and never answers); wiremock
//! scripts the status storms and the flaky batch. Fault cases already in
//! `tests/llm_director.rs` (resets, a single 429, 503 then success) are not repeated here.

use std::num::NonZeroUsize;
use std::sync::Arc;
use std::time::{Duration, Instant};

use scenec::Compiler;
use scenec::batch::{self, Options};
use scenec::director::{Director, DirectorError, LlmDirector, LlmSettings, Request};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use wiremock::matchers::{body_string_contains, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod support;
use support::{completion, panda};

/// Slack added to every time bound for a loaded two-core machine.
const SLACK: Duration = Duration::from_secs(3);

fn settings(base: &str) -> LlmSettings {
    let mut s = LlmSettings::new(format!("{base}/v1"));
    s.api_key = "sk-faults".into();
    s.max_http_attempts = 3;
    s.retry_base_delay = Duration::from_millis(5);
    s.retry_max_delay = Duration::from_millis(50);
    s.connect_timeout = Duration::from_millis(500);
    s.read_timeout = Duration::from_millis(400);
    s.request_timeout = Duration::from_secs(1);
    s
}

async fn direct(s: LlmSettings) -> (Result<scenec::director::Directed, DirectorError>, Duration) {
    let started = Instant::now();
    let result = LlmDirector::new(s)
        .unwrap()
        .direct(&Request::new("a panda waves"))
        .await;
    (result, started.elapsed())
}

/// Reads one HTTP request (headers and a Content-Length body) from `stream`.
async fn read_request(stream: &mut TcpStream) {
    let mut data = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        let Ok(n) = stream.read(&mut buf).await else {
            return;
        };
        if n == 0 {
            return;
        }
        data.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&data);
        if let Some(end) = text.find("\r\n\r\n") {
            let length = text[..end]
                .lines()
                .find_map(|l| {
                    let (name, value) = l.split_once(':')?;
                    name.eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse::<usize>().ok())?
                })
                .unwrap_or(0);
            if data.len() >= end + 4 + length {
                return;
            }
        }
    }
}

/// A loopback server answering every connection with `answer`; returns its base URL.
async fn raw_server<F, Fut>(answer: F) -> (String, tokio::task::JoinHandle<()>)
where
    F: Fn(TcpStream) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let task = tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            read_request(&mut stream).await;
            tokio::spawn(answer(stream));
        }
    });
    (format!("http://{addr}"), task)
}

/// Headers announcing a long JSON body, then one byte every `every`, forever.
async fn drip(mut stream: TcpStream, every: Duration) {
    let head =
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000000\r\n\r\n";
    if stream.write_all(head.as_bytes()).await.is_err() {
        return;
    }
    loop {
        if stream.write_all(b" ").await.is_err() {
            return;
        }
        tokio::time::sleep(every).await;
    }
}

fn transport_attempts(err: &DirectorError) -> u32 {
    let DirectorError::Transport { http_attempts, .. } = err else {
        panic!("expected a transport error, got {}: {err}", err.code())
    };
    *http_attempts
}

#[tokio::test]
async fn a_body_dripping_faster_than_the_read_timeout_ends_at_the_request_timeout() {
    // bound: request_timeout (1 s) × 3 attempts + backoff (≤ 0.1 s) + slack
    let (base, server) = raw_server(|s| drip(s, Duration::from_millis(100))).await;
    let s = settings(&base);
    let bound = s.request_timeout * 3 + SLACK;
    let (result, elapsed) = direct(s).await;
    server.abort();
    let err = result.unwrap_err();
    assert_eq!(err.code(), "transport", "{err}");
    assert_eq!(transport_attempts(&err), 3);
    let text = err.to_string();
    assert!(
        text.contains("no complete reply within the request timeout of 1s"),
        "{text}"
    );
    assert!(text.contains("--request-timeout"), "{text}");
    assert!(elapsed >= Duration::from_secs(3), "{elapsed:?}");
    assert!(elapsed <= bound, "{elapsed:?} > {bound:?}");
    assert_eq!(err.transcript().unwrap().attempts.len(), 1);
}

#[tokio::test]
async fn a_body_dripping_slower_than_the_read_timeout_ends_at_the_read_timeout() {
    // bound: (read_timeout 0.4 s + the first byte) × 3 attempts + backoff + slack
    let (base, server) = raw_server(|s| drip(s, Duration::from_millis(500))).await;
    let s = settings(&base);
    let bound = s.read_timeout * 3 + SLACK;
    let (result, elapsed) = direct(s).await;
    server.abort();
    let err = result.unwrap_err();
    assert_eq!(transport_attempts(&err), 3, "{err}");
    assert!(err.to_string().contains("timed out"), "{err}");
    assert!(elapsed <= bound, "{elapsed:?} > {bound:?}");
}

#[tokio::test]
async fn a_connection_dropped_mid_body_is_retried_then_a_transport_error() {
    // bound: three near-instant failures + backoff (≤ 0.1 s) + slack
    let (base, server) = raw_server(|mut stream| async move {
        let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 5000\r\n\r\n";
        let _ = stream.write_all(head.as_bytes()).await;
        let _ = stream
            .write_all(br#"{"choices": [{"index": 0, "message": {"role": "assistant", "content": "{\"sche"#)
            .await;
        let _ = stream.shutdown().await;
    })
    .await;
    let (result, elapsed) = direct(settings(&base)).await;
    server.abort();
    let err = result.unwrap_err();
    assert_eq!(transport_attempts(&err), 3, "{err}");
    let text = err.to_string();
    assert!(text.contains("body"), "the message names the body: {text}");
    assert!(elapsed <= SLACK, "{elapsed:?}");
}

#[tokio::test]
async fn a_server_that_accepts_and_never_answers_ends_at_the_read_timeout() {
    // bound: read_timeout (0.4 s) × 3 attempts + backoff + slack
    let (base, server) = raw_server(|stream| async move {
        tokio::time::sleep(Duration::from_secs(3600)).await;
        drop(stream);
    })
    .await;
    let s = settings(&base);
    let bound = s.read_timeout * 3 + SLACK;
    let (result, elapsed) = direct(s).await;
    server.abort();
    let err = result.unwrap_err();
    assert_eq!(transport_attempts(&err), 3, "{err}");
    assert!(err.to_string().contains("timed out"), "{err}");
    assert!(elapsed >= Duration::from_millis(1200), "{elapsed:?}");
    assert!(elapsed <= bound, "{elapsed:?} > {bound:?}");
}

#[tokio::test]
async fn a_refused_connection_fails_fast() {
    // bound: three refused connects + backoff + slack
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let (result, elapsed) = direct(settings(&format!("http://{addr}"))).await;
    let err = result.unwrap_err();
    assert_eq!(transport_attempts(&err), 3, "{err}");
    assert!(err.to_string().contains("connection failed"), "{err}");
    assert!(err.to_string().contains("check --base-url"), "{err}");
    assert!(elapsed <= SLACK, "{elapsed:?}");
}

#[tokio::test]
async fn a_429_storm_honours_retry_after_and_stops_after_exactly_max_attempts() {
    // bound: (max_http_attempts − 1) × Retry-After (1 s) = 2 s, + slack
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("retry-after", "1")
                .set_body_json(json!({"error": {"message": "Rate limit reached for requests", "type": "requests"}})),
        )
        .mount(&server)
        .await;
    let mut s = settings(&server.uri());
    s.retry_max_delay = Duration::from_secs(5);
    let (result, elapsed) = direct(s).await;
    let err = result.unwrap_err();
    assert_eq!(err.code(), "http_status", "{err}");
    let DirectorError::Http {
        status,
        http_attempts,
        ..
    } = &err
    else {
        panic!("{err}")
    };
    assert_eq!((*status, *http_attempts), (429, 3));
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
    assert!(
        err.to_string()
            .contains("HTTP 429 after 3 request(s): Rate limit reached"),
        "{err}"
    );
    assert!(elapsed >= Duration::from_secs(2), "{elapsed:?}");
    assert!(elapsed <= Duration::from_secs(2) + SLACK, "{elapsed:?}");
}

#[tokio::test]
async fn a_huge_retry_after_is_capped_at_the_longest_retry_delay() {
    // bound: 2 × retry_max_delay (0.3 s), + slack — never the hour the server asks for
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "3600"))
        .mount(&server)
        .await;
    let mut s = settings(&server.uri());
    s.retry_max_delay = Duration::from_millis(300);
    let (result, elapsed) = direct(s).await;
    assert_eq!(result.unwrap_err().code(), "http_status");
    assert!(elapsed >= Duration::from_millis(600), "{elapsed:?}");
    assert!(elapsed <= Duration::from_millis(600) + SLACK, "{elapsed:?}");
}

#[tokio::test]
async fn a_500_storm_backs_off_within_its_bound_and_keeps_the_server_message() {
    // bound: 4 attempts, delays 0.1 + 0.2 + 0.4 s, each at most doubled by jitter = 1.4 s,
    // + slack
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500).set_body_json(
            json!({"error": {"message": "The server had an error while processing your request"}}),
        ))
        .mount(&server)
        .await;
    let mut s = settings(&server.uri());
    s.max_http_attempts = 4;
    s.retry_base_delay = Duration::from_millis(100);
    s.retry_max_delay = Duration::from_millis(400);
    let (result, elapsed) = direct(s).await;
    let err = result.unwrap_err();
    assert_eq!(err.code(), "http_status");
    assert!(
        err.to_string().contains(
            "HTTP 500 after 4 request(s): The server had an error while processing your request"
        ),
        "{err}"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 4);
    assert!(elapsed >= Duration::from_millis(700), "{elapsed:?}");
    assert!(
        elapsed <= Duration::from_millis(1400) + SLACK,
        "{elapsed:?}"
    );
}

#[tokio::test]
async fn a_batch_over_a_flaky_server_keeps_every_good_item() {
    let server = MockServer::start().await;
    let chat = || Mock::given(method("POST")).and(path("/v1/chat/completions"));
    // prompts naming "storm" always get a 500; "babble" always gets prose; "hiccup" gets one
    // 503 then a storyboard; everything else gets a storyboard at once
    chat()
        .and(body_string_contains("storm"))
        .respond_with(ResponseTemplate::new(500).set_body_string("upstream exploded"))
        .with_priority(1)
        .mount(&server)
        .await;
    chat()
        .and(body_string_contains("babble"))
        .respond_with(completion("What a lovely idea! I would film it at dawn."))
        .with_priority(1)
        .mount(&server)
        .await;
    chat()
        .and(body_string_contains("hiccup"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    chat()
        .respond_with(completion(&panda().to_string()))
        .with_priority(5)
        .mount(&server)
        .await;
    let compiler = Compiler::builder()
        .director(LlmDirector::new(settings(&server.uri())).unwrap())
        .build();
    let input = [
        (1, "a panda walks left"),
        (2, "a storm of errors"),
        (3, "a panda waves"),
        (4, "babble on"),
        (5, "a hiccup then a panda"),
        (6, "a panda sleeps"),
        (7, "storm again"),
        (8, "a panda eats bamboo"),
    ]
    .iter()
    .map(|(id, prompt)| json!({"id": id, "prompt": prompt}).to_string())
    .collect::<Vec<_>>()
    .join("\n");
    let options = Options {
        concurrency: NonZeroUsize::new(3).unwrap(),
        ..Options::default()
    };
    let lines = batch::run(Arc::new(compiler), &input, &options).await;
    let outcome: Vec<(i64, Option<String>)> = lines
        .iter()
        .map(|line| {
            assert_eq!(line.storyboard.is_some(), line.error.is_none());
            assert_eq!(line.storyboard.is_some(), line.keyframes.is_some());
            (
                line.id.as_i64().unwrap(),
                line.error.as_ref().map(|e| e.code.clone()),
            )
        })
        .collect();
    assert_eq!(
        outcome,
        [
            (1, None),
            (2, Some("http_status".to_owned())),
            (3, None),
            (4, Some("attempts_exhausted".to_owned())),
            (5, None),
            (6, None),
            (7, Some("http_status".to_owned())),
            (8, None),
        ]
    );
    for line in lines.iter().filter(|l| l.error.is_some()) {
        let message = &line.error.as_ref().unwrap().message;
        assert!(
            message.contains("upstream exploded") || message.contains("no JSON object"),
            "{message}"
        );
    }
}

#[tokio::test]
async fn the_fault_free_path_still_answers_through_the_same_settings() {
    // the settings above are tight; prove they do not fail a healthy server
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(completion(&panda().to_string()))
        .mount(&server)
        .await;
    let directed = LlmDirector::new(settings(&server.uri()))
        .unwrap()
        .direct(&Request::new("a panda waves"))
        .await
        .unwrap();
    assert_eq!(directed.meta.http_attempts, 1);
}
