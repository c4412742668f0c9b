//! The API key never leaves the Authorization header: not in logs at trace level (scenec's
//! own events and every dependency's, `tracing` and `log` alike), cassettes, cache files,
//! compile and batch outputs, the CLI's output with `-vvv` and `RUST_LOG=trace`, error
//! messages or Debug dumps. The mock server
//! answers only requests carrying the key, so the test cannot pass by never sending it.
//!
//! One test in its own binary: it installs the process-wide trace subscriber.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use assert_cmd::Command;
use scenec::director::{CachedDirector, Director, LlmDirector, LlmSettings, Request};
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod support;
use support::{completion, panda};

const KEY: &str = "sk-scenec-test-SECRET-1234";

/// Every log line written by the subscriber.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

/// A server that answers only requests with the key: first a 429 (a retry), then a broken
/// storyboard (a repair), then valid ones; prompts naming "failing" always get a 500.
async fn server() -> MockServer {
    let server = MockServer::start().await;
    let authorized = || {
        Mock::given(method("POST"))
            .and(path("/v1/chat/completions"))
            .and(header("authorization", format!("Bearer {KEY}").as_str()))
    };
    authorized()
        .and(wiremock::matchers::body_string_contains("failing"))
        .respond_with(ResponseTemplate::new(500).set_body_string("down"))
        .with_priority(1)
        .mount(&server)
        .await;
    authorized()
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "0"))
        .up_to_n_times(1)
        .with_priority(2)
        .mount(&server)
        .await;
    let mut broken = panda();
    broken["shots"][0]["framing"] = json!("sideways");
    authorized()
        .respond_with(completion(&broken.to_string()))
        .up_to_n_times(1)
        .with_priority(3)
        .mount(&server)
        .await;
    authorized()
        .respond_with(completion(&panda().to_string()))
        .with_priority(4)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(401).set_body_string("no key"))
        .with_priority(10)
        .mount(&server)
        .await;
    server
}

fn settings(server: &MockServer) -> LlmSettings {
    let mut s = LlmSettings::new(format!("{}/v1", server.uri()));
    s.api_key = KEY.into();
    s.max_http_attempts = 2;
    s.retry_base_delay = Duration::from_millis(5);
    s.retry_max_delay = Duration::from_millis(20);
    s
}

/// Every file under `dir`, with its text.
fn files(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
            out.push((path, text));
        }
    }
    out
}

/// Runs the CLI with the key in its environment and returns stdout + stderr.
async fn cli(args: Vec<String>, cache: PathBuf) -> String {
    tokio::task::spawn_blocking(move || {
        let output = Command::cargo_bin("scenec")
            .unwrap()
            .args(&args)
            .env("OPENAI_API_KEY", KEY)
            .env("SCENEC_CACHE_DIR", &cache)
            .env("RUST_LOG", "trace")
            .env_remove("OPENAI_BASE_URL")
            .output()
            .unwrap();
        format!(
            "{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_key_appears_nowhere_but_the_authorization_header() {
    let logs = Captured::default();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(logs.clone())
        .init();
    let tmp = tempfile::tempdir().unwrap();
    let (cassettes, cache, out, cli_cache) = (
        tmp.path().join("cassettes"),
        tmp.path().join("cache"),
        tmp.path().join("out"),
        tmp.path().join("cli-cache"),
    );
    let mut texts: Vec<(String, String)> = Vec::new();

    // the library: recording, the cache (a write then a hit), a failing call, Debug dumps
    let server = server().await;
    let request = Request::new("a panda walks from left to right, then turns and waves");
    let recorder = LlmDirector::new(settings(&server))
        .unwrap()
        .record_to(&cassettes);
    texts.push(("director Debug".into(), format!("{recorder:?}")));
    let recorded = recorder.direct(&request).await.unwrap();
    assert_eq!(recorded.meta.attempts, 2, "a repair happened");
    assert_eq!(recorded.meta.http_attempts, 3, "a retry happened");
    texts.push((
        "meta".into(),
        serde_json::to_string(&recorded.meta).unwrap(),
    ));
    let cached = CachedDirector::new(
        Box::new(LlmDirector::new(settings(&server)).unwrap()),
        &cache,
    );
    cached.direct(&Request::new("a panda waves")).await.unwrap();
    assert!(
        cached
            .direct(&Request::new("a panda waves"))
            .await
            .unwrap()
            .meta
            .cached
    );
    let failed = LlmDirector::new(settings(&server))
        .unwrap()
        .direct(&Request::new("a failing panda"))
        .await
        .unwrap_err();
    assert_eq!(failed.code(), "http_status");
    texts.push(("error Display".into(), failed.to_string()));
    texts.push(("error Debug".into(), format!("{failed:?}")));

    // the CLI: compile -o with a recording, a failing compile, a batch written to a file
    let base = format!("{}/v1", server.uri());
    let llm = |extra: &[&str]| -> Vec<String> {
        let mut args: Vec<String> = extra.iter().map(|s| s.to_string()).collect();
        args.extend(["--director", "llm", "--base-url", &base].map(String::from));
        args
    };
    let compile_out = out.join("compile");
    texts.push((
        "cli compile".into(),
        cli(
            llm(&[
                "-vvv",
                "compile",
                "a panda sleeps",
                "-o",
                compile_out.to_str().unwrap(),
                "--record",
                cassettes.to_str().unwrap(),
            ]),
            cli_cache.clone(),
        )
        .await,
    ));
    assert!(compile_out.is_dir(), "compile -o wrote its outputs");
    let cli_log = &texts.last().unwrap().1;
    assert!(
        cli_log.contains("sending a chat request") && cli_log.contains("TRACE"),
        "the CLI logs at trace level with -vvv: {cli_log}"
    );
    assert!(
        cli_log.contains("hyper_util") || cli_log.contains("reqwest"),
        "RUST_LOG=trace shows the HTTP stack's events too: {cli_log}"
    );
    texts.push((
        "cli failing compile".into(),
        cli(
            llm(&["-vvv", "compile", "a failing panda"]),
            cli_cache.clone(),
        )
        .await,
    ));
    let input = tmp.path().join("in.jsonl");
    std::fs::write(
        &input,
        "{\"id\": 1, \"prompt\": \"a panda eats\"}\n{\"id\": 2, \"prompt\": \"a failing panda\"}\n",
    )
    .unwrap();
    let batch_out = out.join("batch.jsonl");
    texts.push((
        "cli batch".into(),
        cli(
            llm(&[
                "batch",
                input.to_str().unwrap(),
                "-o",
                batch_out.to_str().unwrap(),
            ]),
            cli_cache.clone(),
        )
        .await,
    ));
    let batch_text = std::fs::read_to_string(&batch_out).unwrap();
    assert!(batch_text.contains("\"storyboard\":{"), "{batch_text}");
    assert!(batch_text.contains("http_status"), "{batch_text}");

    // the key was really sent, on every request, and every request was answered with it
    let received = server.received_requests().await.unwrap();
    assert!(received.len() >= 8, "{} requests", received.len());
    for r in &received {
        assert_eq!(
            r.headers.get("authorization").unwrap().to_str().unwrap(),
            format!("Bearer {KEY}")
        );
    }

    let log_text = logs.text();
    assert!(
        log_text.contains("sending a chat request"),
        "scenec's own events are captured"
    );
    assert!(
        log_text.contains("authorization=\"<redacted>\""),
        "{log_text}"
    );
    assert!(log_text.contains("retrying the chat request"));
    let mut targets: Vec<&str> = log_text
        .lines()
        .filter_map(|l| l.split_whitespace().nth(2)?.strip_suffix(':'))
        .collect();
    targets.sort_unstable();
    targets.dedup();
    println!("{} log lines from {targets:?}", log_text.lines().count());
    for dependency in ["async_openai", "reqwest", "hyper_util"] {
        assert!(
            targets.iter().any(|t| t.starts_with(dependency)),
            "{dependency}'s events are captured too: {targets:?}"
        );
    }
    assert!(log_text.contains(" TRACE "), "trace level is on");
    texts.push(("logs".into(), log_text.clone()));
    for dir in [&cassettes, &cache, &out, &cli_cache] {
        let found = files(dir);
        assert!(!found.is_empty(), "{} holds files", dir.display());
        texts.extend(found.into_iter().map(|(p, t)| (p.display().to_string(), t)));
    }
    for (what, text) in &texts {
        assert!(!text.contains(KEY), "the API key leaked into {what}");
        assert!(
            !text.contains("SECRET-1234"),
            "part of the key leaked into {what}"
        );
        assert!(
            !text.contains("Bearer sk-"),
            "a bearer token leaked into {what}"
        );
    }
    println!(
        "{} texts checked, {} requests sent",
        texts.len(),
        received.len()
    );
}
